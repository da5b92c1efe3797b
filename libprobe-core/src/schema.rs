//! The field schema of every public record, derived with `#[derive(Record)]`.
//!
//! A [`RecordSchema`] lists a struct's fields in declaration order with their names (the
//! specification's snake_case names), doc comments, units and [`Kind`]s. [`Record::field`]
//! reads one field as a borrowed [`ValueRef`]. Every face of libprobe walks these two
//! things instead of naming fields by hand: the JSON writer ([`crate::json`]), the C
//! mirror, the Python and Node objects and the Go structs. A field added to a core struct
//! therefore reaches every language, and a test that compares a face against the schema
//! fails when one does not.
//!
//! ```
//! use libprobe::schema::{Kind, RecordType};
//! use libprobe::process::ProcessLimits;
//!
//! let schema = ProcessLimits::SCHEMA;
//! assert_eq!(schema.fields[0].name, "max_cpu_time");
//! // A limit that may be missing (its row absent or bad): a Field around a record.
//! assert!(matches!(schema.fields[0].kind, Kind::Field(Kind::Record(_))));
//! ```

use crate::model::{Field, Reason};
use crate::text::ByteStr;

/// The type of a field, precise enough to generate a C struct or a Go type from.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Kind {
    Bool,
    U8,
    U16,
    U32,
    U64,
    I32,
    I64,
    F64,
    /// One Unicode scalar value (the spec's `state_char`).
    Char,
    /// UTF-8 text produced by libprobe or the kernel's fixed vocabulary.
    Str,
    /// Bytes from the kernel or another process (names, paths, argv): not assumed UTF-8.
    Bytes,
    /// A C-like enum: a stable integer code and a snake_case name.
    Enum(&'static EnumSchema),
    /// A nested record.
    Record(&'static RecordSchema),
    /// A value that may be unavailable, with a [`Reason`] when it is ([`Field`]).
    Field(&'static Kind),
    /// A value that may be legitimately absent (no reason: "there is none").
    Optional(&'static Kind),
    /// A sequence.
    List(&'static Kind),
    /// An ordered map (keys may repeat only where the kernel repeats them).
    Map(&'static Kind, &'static Kind),
}

impl Kind {
    /// The kind behind any number of `Field`/`Optional` wrappers.
    pub fn inner(&self) -> &Kind {
        match self {
            Kind::Field(k) | Kind::Optional(k) => k.inner(),
            k => k,
        }
    }
}

/// How a numeric field behaves over time: what an exporter declares it as (Prometheus'
/// `counter` or `gauge`, OpenTelemetry's monotonic cumulative sum or gauge).
///
/// A field is a [`Metric::Counter`] when the kernel only ever adds to it (CPU ticks, bytes
/// and packets moved, errors, faults, context switches, I/O operations, SNMP counters):
/// its rate is what one plots, and a drop means a reset (reboot, device re-created, pid
/// reused), never a smaller value. `#[record(counter)]` marks one. Everything else is a
/// [`Metric::Gauge`], the default: a value that can go down (memory in use, queue
/// lengths, temperatures, percentages), or a value of one interval, which starts again at
/// each snapshot. Every domain marks its counters, so a field without the mark is a gauge.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum Metric {
    #[default]
    Gauge,
    Counter,
}

impl Metric {
    /// `gauge` or `counter`.
    pub fn name(self) -> &'static str {
        match self {
            Metric::Gauge => "gauge",
            Metric::Counter => "counter",
        }
    }
}

/// One field of a record.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct FieldSchema {
    /// The public name (snake_case; each language adapts only the case).
    pub name: &'static str,
    /// The field's doc comment.
    pub doc: &'static str,
    /// The unit, when the field has one (`bytes`, `ticks`, `ns`, `percent`, …).
    pub unit: Option<&'static str>,
    /// Counter or gauge (`#[record(counter)]`); meaningful for numeric fields only.
    pub metric: Metric,
    pub kind: &'static Kind,
}

/// The fields of a record type, in declaration order.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct RecordSchema {
    /// The Rust type name (`ProcessFull`).
    pub name: &'static str,
    pub doc: &'static str,
    pub fields: &'static [FieldSchema],
}

impl RecordSchema {
    /// The index of the field called `name`.
    pub fn index_of(&self, name: &str) -> Option<usize> {
        self.fields.iter().position(|f| f.name == name)
    }

    /// Every record type reachable from this one (itself first), each once, depth first.
    pub fn walk(&'static self) -> Vec<&'static RecordSchema> {
        fn visit_kind(k: &'static Kind, out: &mut Vec<&'static RecordSchema>) {
            match k {
                Kind::Record(r) => visit(r, out),
                Kind::Field(k) | Kind::Optional(k) | Kind::List(k) => visit_kind(k, out),
                Kind::Map(a, b) => {
                    visit_kind(a, out);
                    visit_kind(b, out);
                }
                _ => {}
            }
        }
        fn visit(r: &'static RecordSchema, out: &mut Vec<&'static RecordSchema>) {
            if out.iter().any(|s| std::ptr::eq(*s, r)) {
                return;
            }
            out.push(r);
            for f in r.fields {
                visit_kind(f.kind, out);
            }
        }
        let mut out = Vec::new();
        visit(self, &mut out);
        out
    }
}

/// The variants of an enum type.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct EnumSchema {
    pub name: &'static str,
    pub doc: &'static str,
    pub variants: &'static [EnumVariant],
}

/// One variant: its stable integer code (never renumbered) and its snake_case name.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct EnumVariant {
    pub name: &'static str,
    pub code: i64,
    pub doc: &'static str,
}

/// The value of an enum field.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct EnumValue {
    pub code: i64,
    pub name: &'static str,
}

/// One field's value, borrowed from a record.
///
/// Unsigned integers of every width arrive as `U64`, signed as `I64`; the field's [`Kind`]
/// says the declared width.
#[derive(Clone, Copy)]
pub enum ValueRef<'a> {
    Bool(bool),
    U64(u64),
    I64(i64),
    F64(f64),
    Char(char),
    Str(&'a str),
    Bytes(&'a [u8]),
    Enum(EnumValue),
    /// An `Optional` with nothing in it.
    Null,
    /// A `Field` that could not be read, and why.
    Missing(Reason),
    Record(&'a dyn Record),
    List(&'a dyn ListRef),
    Map(&'a dyn MapRef),
    /// [`Record::field`] was asked for an index past the last field.
    OutOfRange,
}

impl std::fmt::Debug for ValueRef<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ValueRef::Bool(v) => write!(f, "{v}"),
            ValueRef::U64(v) => write!(f, "{v}"),
            ValueRef::I64(v) => write!(f, "{v}"),
            ValueRef::F64(v) => write!(f, "{v}"),
            ValueRef::Char(v) => write!(f, "{v:?}"),
            ValueRef::Str(v) => write!(f, "{v:?}"),
            ValueRef::Bytes(v) => write!(f, "{:?}", ByteStr::from_bytes(v)),
            ValueRef::Enum(v) => write!(f, "{}", v.name),
            ValueRef::Null => write!(f, "null"),
            ValueRef::Missing(r) => write!(f, "<{}>", r.name()),
            ValueRef::Record(r) => write!(f, "{} {{..}}", r.schema().name),
            ValueRef::List(l) => write!(f, "[{} items]", l.len()),
            ValueRef::Map(m) => write!(f, "{{{} entries}}", m.len()),
            ValueRef::OutOfRange => write!(f, "<out of range>"),
        }
    }
}

/// A record whose fields can be read by index (object safe).
pub trait Record {
    fn schema(&self) -> &'static RecordSchema;
    /// The field at `index` in [`RecordSchema::fields`].
    fn field(&self, index: usize) -> ValueRef<'_>;

    /// The field called `name`, or `None` when the record has no such field.
    fn get(&self, name: &str) -> Option<ValueRef<'_>> {
        self.schema().index_of(name).map(|i| self.field(i))
    }
}

/// A record type with a schema known at compile time.
pub trait RecordType: Record {
    const SCHEMA: &'static RecordSchema;
}

/// A C-like enum with a schema.
pub trait EnumType {
    const SCHEMA: &'static EnumSchema;
    fn enum_value(&self) -> EnumValue;
}

/// A type that can be a record field.
pub trait FieldValue {
    const KIND: Kind;
    fn value_ref(&self) -> ValueRef<'_>;
}

/// A sequence field.
pub trait ListRef {
    fn len(&self) -> usize;
    fn at(&self, index: usize) -> ValueRef<'_>;
    fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

/// An ordered map field.
pub trait MapRef {
    fn len(&self) -> usize;
    fn key(&self, index: usize) -> ValueRef<'_>;
    fn value(&self, index: usize) -> ValueRef<'_>;
    fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

macro_rules! scalar {
    ($($t:ty => $kind:ident, $variant:ident as $as:ty;)*) => {$(
        impl FieldValue for $t {
            const KIND: Kind = Kind::$kind;
            fn value_ref(&self) -> ValueRef<'_> {
                ValueRef::$variant(*self as $as)
            }
        }
    )*};
}

scalar! {
    bool => Bool, Bool as bool;
    u8 => U8, U64 as u64;
    u16 => U16, U64 as u64;
    u32 => U32, U64 as u64;
    u64 => U64, U64 as u64;
    i32 => I32, I64 as i64;
    i64 => I64, I64 as i64;
    f64 => F64, F64 as f64;
    char => Char, Char as char;
}

impl FieldValue for String {
    const KIND: Kind = Kind::Str;
    fn value_ref(&self) -> ValueRef<'_> {
        ValueRef::Str(self)
    }
}

impl FieldValue for &'static str {
    const KIND: Kind = Kind::Str;
    fn value_ref(&self) -> ValueRef<'_> {
        ValueRef::Str(self)
    }
}

impl FieldValue for ByteStr {
    const KIND: Kind = Kind::Bytes;
    fn value_ref(&self) -> ValueRef<'_> {
        ValueRef::Bytes(self.as_bytes())
    }
}

impl<T: FieldValue> FieldValue for Field<T> {
    const KIND: Kind = Kind::Field(&T::KIND);
    fn value_ref(&self) -> ValueRef<'_> {
        match self {
            Field::Value(v) => v.value_ref(),
            Field::Missing(r) => ValueRef::Missing(*r),
        }
    }
}

impl<T: FieldValue> FieldValue for Option<T> {
    const KIND: Kind = Kind::Optional(&T::KIND);
    fn value_ref(&self) -> ValueRef<'_> {
        match self {
            Some(v) => v.value_ref(),
            None => ValueRef::Null,
        }
    }
}

impl<T: FieldValue> ListRef for Vec<T> {
    fn len(&self) -> usize {
        Vec::len(self)
    }
    fn at(&self, index: usize) -> ValueRef<'_> {
        self.get(index).map_or(ValueRef::OutOfRange, FieldValue::value_ref)
    }
}

impl<T: FieldValue> FieldValue for Vec<T> {
    const KIND: Kind = Kind::List(&T::KIND);
    fn value_ref(&self) -> ValueRef<'_> {
        ValueRef::List(self)
    }
}

impl<T: FieldValue> ListRef for std::sync::Arc<[T]> {
    fn len(&self) -> usize {
        <[T]>::len(self)
    }
    fn at(&self, index: usize) -> ValueRef<'_> {
        self.get(index).map_or(ValueRef::OutOfRange, FieldValue::value_ref)
    }
}

/// Shared values (one cgroup's data, referenced by each of its processes) are fields like
/// the values they share.
impl<T: FieldValue> FieldValue for std::sync::Arc<T> {
    const KIND: Kind = T::KIND;
    fn value_ref(&self) -> ValueRef<'_> {
        (**self).value_ref()
    }
}

impl<T: FieldValue> FieldValue for std::sync::Arc<[T]> {
    const KIND: Kind = Kind::List(&T::KIND);
    fn value_ref(&self) -> ValueRef<'_> {
        ValueRef::List(self)
    }
}

impl<T: FieldValue> FieldValue for Box<T> {
    const KIND: Kind = T::KIND;
    fn value_ref(&self) -> ValueRef<'_> {
        (**self).value_ref()
    }
}

/// An ordered map, kept in the order the kernel listed the entries.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct OrderedMap<K, V>(pub Vec<(K, V)>);

impl<K, V> OrderedMap<K, V> {
    pub fn new() -> Self {
        OrderedMap(Vec::new())
    }
    pub fn len(&self) -> usize {
        self.0.len()
    }
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
    pub fn iter(&self) -> impl Iterator<Item = (&K, &V)> {
        self.0.iter().map(|(k, v)| (k, v))
    }
    pub fn push(&mut self, key: K, value: V) {
        self.0.push((key, value));
    }
    /// The first value stored under `key`.
    pub fn get<Q>(&self, key: &Q) -> Option<&V>
    where
        K: std::borrow::Borrow<Q>,
        Q: PartialEq + ?Sized,
    {
        self.0.iter().find(|(k, _)| k.borrow() == key).map(|(_, v)| v)
    }
}

impl<K: FieldValue, V: FieldValue> MapRef for OrderedMap<K, V> {
    fn len(&self) -> usize {
        self.0.len()
    }
    fn key(&self, index: usize) -> ValueRef<'_> {
        self.0.get(index).map_or(ValueRef::OutOfRange, |(k, _)| k.value_ref())
    }
    fn value(&self, index: usize) -> ValueRef<'_> {
        self.0.get(index).map_or(ValueRef::OutOfRange, |(_, v)| v.value_ref())
    }
}

impl<K: FieldValue, V: FieldValue> FieldValue for OrderedMap<K, V> {
    const KIND: Kind = Kind::Map(&K::KIND, &V::KIND);
    fn value_ref(&self) -> ValueRef<'_> {
        ValueRef::Map(self)
    }
}

/// Every record type reachable from `root`, each once (by name), in walk order: the
/// classes, interfaces and structs each face declares.
pub fn record_types(root: &'static RecordSchema) -> Vec<&'static RecordSchema> {
    let mut out: Vec<&'static RecordSchema> = Vec::new();
    for r in root.walk() {
        if !out.iter().any(|o| o.name == r.name) {
            out.push(r);
        }
    }
    out
}

/// Every enum type `records` use, each once (by name), in order of first use; then the
/// `extra` ones not met on the way (an API may use an enum no field holds).
pub fn enum_types(records: &[&'static RecordSchema], extra: &[&'static EnumSchema]) -> Vec<&'static EnumSchema> {
    fn visit(k: &Kind, out: &mut Vec<&'static EnumSchema>) {
        match k {
            Kind::Enum(e) if !out.iter().any(|o| o.name == e.name) => out.push(e),
            Kind::Field(k) | Kind::Optional(k) | Kind::List(k) => visit(k, out),
            Kind::Map(a, b) => {
                visit(a, out);
                visit(b, out);
            }
            _ => {}
        }
    }
    let mut out = Vec::new();
    for r in records {
        for f in r.fields {
            visit(f.kind, &mut out);
        }
    }
    for e in extra {
        if !out.iter().any(|o| o.name == e.name) {
            out.push(e);
        }
    }
    out
}

/// `smaps_rollup` → `smapsRollup`: the case Node and TypeScript use for field and option
/// names.
pub fn camel_case(snake: &str) -> String {
    let mut out = String::with_capacity(snake.len());
    let mut upper = false;
    for c in snake.chars() {
        if c == '_' {
            upper = !out.is_empty();
        } else if upper {
            out.extend(c.to_uppercase());
            upper = false;
        } else {
            out.push(c);
        }
    }
    out
}

/// `permission_denied` → `PermissionDenied`.
pub fn pascal_case(snake: &str) -> String {
    let camel = camel_case(snake);
    let mut chars = camel.chars();
    match chars.next() {
        Some(c) => c.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A counter is a number; the fields every exporter graphs as rates are counters, and
    /// the ones that go down are not.
    #[test]
    fn counters_are_numbers_and_the_monotonic_fields_are_counters() {
        let mut counters = 0;
        let number = |k: &Kind| matches!(k, Kind::U8 | Kind::U16 | Kind::U32 | Kind::U64 | Kind::I64 | Kind::F64);
        for r in record_types(crate::Snapshot::SCHEMA) {
            for f in r.fields.iter().filter(|f| f.metric == Metric::Counter) {
                counters += 1;
                // A number, or a map of numbers (the eBPF syscall totals by name).
                let counted = match f.kind.inner() {
                    Kind::Map(_, v) => v.inner(),
                    k => k,
                };
                assert!(number(counted), "{}.{} is a counter but not a number", r.name, f.name);
            }
        }
        assert!(counters > 100, "{counters} counters");
        let metric = |s: &RecordSchema, name: &str| s.fields[s.index_of(name).unwrap()].metric;
        use crate::network::{NetInterfaceStats, TcpStats};
        use crate::process::ProcessFull;
        use crate::system::{CpuTimes, DiskStats, Memory, System};
        assert_eq!(metric(CpuTimes::SCHEMA, "iowait"), Metric::Counter);
        assert_eq!(metric(System::SCHEMA, "context_switches"), Metric::Counter);
        assert_eq!(metric(DiskStats::SCHEMA, "read_bytes"), Metric::Counter);
        assert_eq!(metric(DiskStats::SCHEMA, "io_in_progress"), Metric::Gauge);
        assert_eq!(metric(NetInterfaceStats::SCHEMA, "rx_packets"), Metric::Counter);
        assert_eq!(metric(TcpStats::SCHEMA, "curr_estab"), Metric::Gauge);
        assert_eq!(metric(TcpStats::SCHEMA, "retrans_segs"), Metric::Counter);
        assert_eq!(metric(ProcessFull::SCHEMA, "page_faults_major"), Metric::Counter);
        assert_eq!(metric(ProcessFull::SCHEMA, "memory_rss"), Metric::Gauge);
        assert_eq!(metric(Memory::SCHEMA, "used"), Metric::Gauge);
        // The other domains' counters: energy, device-life and since-attach totals; levels,
        // rates and per-interval values stay gauges.
        use crate::ebpf::{EbpfMetrics, EbpfTotals, LatencyHistogram, TracerStatus};
        use crate::gpu::{GpuEngineUse, GpuMetrics, NvLink};
        use crate::power::{BatteryInfo, ProcessEnergyEstimate, RaplDomain};
        use crate::storage::{BtrfsDevice, SmartMetrics, ZfsArcStats, ZfsPoolMetrics, ZfsVdev};
        assert_eq!(metric(RaplDomain::SCHEMA, "energy_uj"), Metric::Counter);
        assert_eq!(metric(RaplDomain::SCHEMA, "max_energy_uj"), Metric::Gauge);
        assert_eq!(metric(BatteryInfo::SCHEMA, "cycle_count"), Metric::Counter);
        assert_eq!(metric(BatteryInfo::SCHEMA, "energy_now_uwh"), Metric::Gauge);
        assert_eq!(metric(ProcessEnergyEstimate::SCHEMA, "package_energy_uj"), Metric::Gauge);
        assert_eq!(metric(GpuMetrics::SCHEMA, "energy_total"), Metric::Counter);
        assert_eq!(metric(GpuMetrics::SCHEMA, "ecc_errors_uncorrected_aggregate"), Metric::Counter);
        assert_eq!(metric(GpuMetrics::SCHEMA, "power_draw"), Metric::Gauge);
        assert_eq!(metric(NvLink::SCHEMA, "errors_crc_data"), Metric::Counter);
        assert_eq!(metric(GpuEngineUse::SCHEMA, "busy_ns"), Metric::Counter);
        assert_eq!(metric(GpuEngineUse::SCHEMA, "busy_percent"), Metric::Gauge);
        assert_eq!(metric(SmartMetrics::SCHEMA, "nvme_data_written_bytes"), Metric::Counter);
        assert_eq!(metric(SmartMetrics::SCHEMA, "power_on_hours"), Metric::Counter);
        assert_eq!(metric(SmartMetrics::SCHEMA, "pending_sector_count"), Metric::Gauge);
        assert_eq!(metric(SmartMetrics::SCHEMA, "temperature_celsius"), Metric::Gauge);
        assert_eq!(metric(ZfsPoolMetrics::SCHEMA, "read_bytes"), Metric::Counter);
        assert_eq!(metric(ZfsPoolMetrics::SCHEMA, "read_bandwidth"), Metric::Gauge);
        assert_eq!(metric(ZfsVdev::SCHEMA, "checksum_errors"), Metric::Counter);
        assert_eq!(metric(ZfsArcStats::SCHEMA, "hits"), Metric::Counter);
        assert_eq!(metric(BtrfsDevice::SCHEMA, "corruption_errors"), Metric::Counter);
        assert_eq!(metric(EbpfTotals::SCHEMA, "syscall_counts"), Metric::Counter);
        assert_eq!(metric(EbpfMetrics::SCHEMA, "syscall_counts"), Metric::Gauge);
        assert_eq!(metric(TracerStatus::SCHEMA, "dropped_since_attach"), Metric::Counter);
        assert_eq!(metric(TracerStatus::SCHEMA, "dropped"), Metric::Gauge);
        assert_eq!(metric(LatencyHistogram::SCHEMA, "count"), Metric::Gauge);
    }

    #[test]
    fn cases() {
        assert_eq!(camel_case("memory_pss_anon"), "memoryPssAnon");
        assert_eq!(camel_case("pid"), "pid");
        assert_eq!(camel_case("avg10"), "avg10");
        assert_eq!(camel_case("ns_pid_children"), "nsPidChildren");
        assert_eq!(camel_case("tx_64"), "tx64");
        assert_eq!(pascal_case("permission_denied"), "PermissionDenied");
        assert_eq!(pascal_case("io"), "Io");
    }
}
