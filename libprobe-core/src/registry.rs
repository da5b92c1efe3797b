//! The domain registry: the one list of domains. Everything that iterates domains —
//! [`DomainName`], [`Domains`], [`Options`] and its option keys, [`Snapshot`]'s fields, the
//! collection order in [`crate::Probe::snapshot`], the unsupported platform backend, and
//! every face through the schemas — is made from this list.
//!
//! A line reads:
//!
//! ```text
//! /// doc of the domain
//! Power = 5, power: PowerOptions => /// doc of the snapshot field
//!     power: Field<PowerMetrics>, by PowerDomain;
//! ```
//!
//! the domain's stable code (the C ABI's `LIBPROBE_DOMAIN_POWER`), its name (`power`: the
//! option prefix, `--domains`, `snapshot.domains`), its options type, the snapshot field
//! and its type (the JSON home), and the unit that collects it (a `Collector`). Domains
//! run in this order, so a later one can join an earlier one. Adding a domain is one folder
//! (`src/<domain>/`, `src/sys/linux/<domain>/`), one line here, and `make generate`; see
//! `docs/adding-a-domain.md`.

use libprobe_derive::{Record, RecordEnum};

use crate::domain::{Collector, Cx, Facts};
use crate::model::{Domain, DomainState, DomainStatus, Field, Reason, Warnings};
use crate::options::{OptionError, OptionKind, OptionSchema, OptionSet, OptionSetError, OptionValue};
use crate::source::Source;
use crate::sys::pool::Pool;

macro_rules! registry {
    ($(
        $(#[doc = $doc:literal])*
        $variant:ident = $code:literal, $name:ident: $opts:ty =>
            $(#[doc = $fdoc:literal])* $field:ident: $out:ty, by $unit:ty;
    )*) => {
        /// The domains libprobe collects. Each is selected by options and reports its own
        /// status; the codes are stable (the C ABI's `LIBPROBE_DOMAIN_*`).
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, RecordEnum)]
        #[repr(u8)]
        pub enum DomainName {
            $( $(#[doc = $doc])* $variant = $code, )*
        }

        impl DomainName {
            /// Every domain, in registry (collection) order.
            pub const ALL: [DomainName; [$($code),*].len()] = [$(DomainName::$variant),*];
            /// Every domain's name, in registry order.
            pub const NAMES: &'static [&'static str] = &[$(stringify!($name)),*];

            /// The snake_case name (`process`), as in options and JSON.
            pub fn name(self) -> &'static str {
                crate::schema::EnumType::enum_value(&self).name
            }

            /// Parses a domain name as written on a command line (`process`, `system`).
            pub fn parse(s: &str) -> Option<DomainName> {
                DomainName::ALL.into_iter().find(|d| d.name() == s)
            }

            /// This domain's options.
            pub fn options(self) -> &'static [OptionSchema] {
                match self {
                    $( DomainName::$variant => <$opts as OptionSet>::OPTIONS, )*
                }
            }
        }

        /// What a [`crate::Probe`] collects and where it reads: the domains, and each
        /// domain's options (see [`crate::options`] for the keys and their text syntax).
        #[derive(Debug, Clone, Default)]
        pub struct Options {
            pub source: Source,
            pub domains: Domains,
            $( pub $name: $opts, )*
        }

        impl Options {
            /// Sets option `key` (`domains` or `<domain>.<option>`) to a typed value.
            pub fn set_value(&mut self, key: &str, value: OptionValue) -> Result<(), OptionError> {
                if key == "domains" {
                    value.check(Self::DOMAINS_KIND).map_err(|message| OptionError::Invalid { key: key.into(), message })?;
                    let OptionValue::Names(names) = value else { unreachable!("checked") };
                    self.domains = names.iter().filter_map(|n| DomainName::parse(n)).fold(Domains::NONE, Domains::with);
                    return Ok(());
                }
                let (domain, name) = key.split_once('.').ok_or_else(|| unknown(key))?;
                let r = match domain {
                    $( stringify!($name) => self.$name.set_value(name, value), )*
                    _ => Err(OptionSetError::Unknown),
                };
                r.map_err(|e| match e {
                    OptionSetError::Unknown => unknown(key),
                    OptionSetError::Invalid(message) => OptionError::Invalid { key: key.into(), message },
                })
            }

            /// The value of option `key`.
            pub fn value(&self, key: &str) -> Result<OptionValue, OptionError> {
                if key == "domains" {
                    return Ok(OptionValue::Names(self.domains.iter().map(|d| d.name().to_owned()).collect()));
                }
                let (domain, name) = key.split_once('.').ok_or_else(|| unknown(key))?;
                let v = match domain {
                    $( stringify!($name) => self.$name.value(name), )*
                    _ => None,
                };
                v.ok_or_else(|| unknown(key))
            }
        }

        /// Everything one call collected.
        #[derive(Debug, Clone, PartialEq, Record)]
        pub struct Snapshot {
            /// When collection started, on the observed machine's clock.
            #[record(unit = "ns")]
            pub timestamp_unix_ns: u64,
            /// CLOCK_MONOTONIC when collection started (for computing rates between snapshots).
            #[record(unit = "ns")]
            pub timestamp_monotonic_ns: u64,
            /// Time the whole collection took.
            #[record(unit = "ns")]
            pub duration_ns: u64,
            pub libprobe_version: String,
            /// One entry per domain: collected, skipped or failed, and why.
            pub domains: Vec<DomainStatus>,
            $( $(#[doc = $fdoc])* pub $field: $out, )*
        }

        impl Snapshot {
            /// A snapshot started at `start` with nothing collected yet.
            pub(crate) fn started(start: crate::source::Instant) -> Snapshot {
                Snapshot {
                    timestamp_unix_ns: start.unix_ns,
                    timestamp_monotonic_ns: start.monotonic_ns,
                    duration_ns: 0,
                    libprobe_version: crate::VERSION.to_owned(),
                    domains: Vec::with_capacity(DomainName::ALL.len()),
                    $( $field: Field::Missing(Reason::Disabled), )*
                }
            }
        }

        /// Each domain's state, kept by a probe from one snapshot to the next.
        #[derive(Debug, Default)]
        pub(crate) struct States {
            $( $name: <$unit as Collector>::State, )*
            /// The worker threads every domain's collector shares.
            pool: crate::sys::pool::Pool,
        }

        /// The backend of platforms libprobe has no collectors for yet: every domain is
        /// skipped as `not_supported` (`sys/unsupported.rs` re-exports it).
        #[cfg(not(linux_kernel))]
        pub(crate) mod unsupported_domains {
            $(
                pub(crate) mod $name {
                    pub(crate) type State = ();

                    pub(crate) fn collect<O, T>(
                        _: &mut crate::domain::Cx<'_>,
                        _: &O,
                        _: &mut State,
                    ) -> crate::model::Domain<T> {
                        crate::model::Domain::Skipped(crate::model::Reason::NotSupported)
                    }
                }
            )*
        }

        /// Collects every enabled domain into `snap`, in registry order.
        pub(crate) fn collect_all(options: &Options, states: &mut States, snap: &mut Snapshot) {
            // Workers a burst started and no later snapshot used end here (sys/pool.rs).
            states.pool.retire_idle();
            let facts = Facts::default();
            $(
                let (value, status) =
                    run::<$unit>(DomainName::$variant, options, &options.$name, &mut states.$name, &states.pool, &facts, snap);
                snap.$field = value;
                snap.domains.push(status);
                if snap.$field.is_value() {
                    <$unit as Collector>::join(snap);
                }
            )*
        }
    };
}

registry! {
    /// CPU times and topology, memory, load, pressure, disks and filesystems.
    System = 1, system: crate::system::SystemOptions =>
        system: Field<crate::system::System>, by crate::system::SystemDomain;
    /// Every process with its ids, memory, CPU, I/O, files, limits, cgroup and security.
    Process = 2, process: crate::process::ProcessOptions =>
        processes: Field<Vec<crate::process::ProcessFull>>, by crate::process::ProcessDomain;
    /// Sockets with their owners, interfaces, routes, neighbours, conntrack and counters.
    Network = 3, network: crate::network::NetworkOptions =>
        /// Sockets, interfaces, routes, neighbours, conntrack and protocol counters of one
        /// network namespace (see [`crate::network`]).
        network: Field<crate::network::Network>, by crate::network::NetworkDomain;
    /// Every GPU of every vendor, and the processes using them.
    Gpu = 4, gpu: crate::gpu::GpuOptions =>
        /// Every GPU (see [`crate::gpu`]).
        gpus: Field<Vec<crate::gpu::GpuMetrics>>, by crate::gpu::GpuDomain;
    /// RAPL energy and limits, batteries, AC, hardware sensors.
    Power = 5, power: crate::power::PowerOptions =>
        /// RAPL zones, power supplies and sensors (see [`crate::power`]).
        power: Field<crate::power::PowerMetrics>, by crate::power::PowerDomain;
    /// SMART health, Btrfs, LVM and ZFS.
    Storage = 6, storage: crate::storage::StorageOptions =>
        /// SMART health, Btrfs, LVM and ZFS (see [`crate::storage`]).
        storage: Field<crate::storage::Storage>, by crate::storage::StorageDomain;
    /// Kernel events traced with eBPF (off by default: it attaches programs).
    Ebpf = 7, ebpf: crate::ebpf::EbpfOptions =>
        /// What the eBPF tracers saw since the previous snapshot (see [`crate::ebpf`]).
        ebpf: Field<crate::ebpf::EbpfMetrics>, by crate::ebpf::EbpfDomain;
}

fn unknown(key: &str) -> OptionError {
    OptionError::Unknown { key: key.into(), known: Options::keys() }
}

impl Options {
    /// The kind of the `domains` option.
    pub const DOMAINS_KIND: OptionKind = OptionKind::Names(DomainName::NAMES);

    /// Sets option `key` from the text syntax (`true`, `tcp,udp`, `1234`; see
    /// [`crate::options`]).
    pub fn set(&mut self, key: &str, text: &str) -> Result<(), OptionError> {
        let kind = Self::kind(key).ok_or_else(|| unknown(key))?;
        let value =
            OptionValue::parse(kind, text).map_err(|message| OptionError::Invalid { key: key.into(), message })?;
        self.set_value(key, value)
    }

    /// The value of option `key` in the text syntax.
    pub fn get(&self, key: &str) -> Result<String, OptionError> {
        self.value(key).map(|v| v.to_string())
    }

    /// The kind of option `key`.
    pub fn kind(key: &str) -> Option<OptionKind> {
        if key == "domains" {
            return Some(Self::DOMAINS_KIND);
        }
        let (domain, name) = key.split_once('.')?;
        DomainName::parse(domain)?.options().iter().find(|o| o.name == name).map(|o| o.kind)
    }

    /// Every option with its key, schema, default and a sample value, in the order of
    /// [`Options::keys`]: what each face's option surface and parity test walk.
    pub fn describe() -> Vec<OptionInfo> {
        let defaults = Options::default();
        let mut out = Vec::new();
        let domains = defaults.value("domains").unwrap_or(OptionValue::Names(Vec::new()));
        out.push(OptionInfo {
            key: "domains".into(),
            domain: None,
            name: "domains",
            doc: "The domains to collect. Default: every domain but ebpf, which attaches programs to the \
                  kernel and must be asked for.",
            unit: None,
            kind: Self::DOMAINS_KIND,
            sample: Self::DOMAINS_KIND.sample_other_than(&domains),
            default: domains,
        });
        for d in DomainName::ALL {
            for o in d.options() {
                let key = format!("{}.{}", d.name(), o.name);
                let default = defaults.value(&key).unwrap_or(OptionValue::Bool(false));
                out.push(OptionInfo {
                    sample: o.kind.sample_other_than(&default),
                    key,
                    domain: Some(d),
                    name: o.name,
                    doc: o.doc,
                    unit: o.unit,
                    kind: o.kind,
                    default,
                });
            }
        }
        out
    }

    /// [`Options::describe`] as JSON: a list of objects with `key`, `domain` (null for
    /// `domains`), `name`, `kind` ([`OptionKind::name`]), `doc`, `unit`, `default` and
    /// `sample` (text syntax), `accepted` (names), `min` and `max` (null but for `uint`).
    /// `probe options --json` prints it; the Python and Node faces read their `OPTIONS`
    /// from it.
    pub fn describe_json() -> String {
        use crate::json::string;
        let mut out = String::from("[");
        for (i, o) in Self::describe().iter().enumerate() {
            if i > 0 {
                out.push(',');
            }
            out.push_str("\n{\"key\":");
            string(&mut out, &o.key);
            out.push_str(",\"domain\":");
            match o.domain {
                Some(d) => string(&mut out, d.name()),
                None => out.push_str("null"),
            }
            out.push_str(",\"name\":");
            string(&mut out, o.name);
            out.push_str(",\"kind\":");
            string(&mut out, o.kind.name());
            out.push_str(",\"doc\":");
            string(&mut out, o.doc);
            out.push_str(",\"unit\":");
            match o.unit {
                Some(u) => string(&mut out, u),
                None => out.push_str("null"),
            }
            out.push_str(",\"default\":");
            string(&mut out, &o.default.to_string());
            out.push_str(",\"sample\":");
            string(&mut out, &o.sample.to_string());
            out.push_str(",\"accepted\":[");
            for (j, n) in o.kind.accepted().iter().enumerate() {
                if j > 0 {
                    out.push(',');
                }
                string(&mut out, n);
            }
            out.push(']');
            match o.kind {
                OptionKind::UInt { min, max } => {
                    use std::fmt::Write as _;
                    let _ = write!(out, ",\"min\":{min},\"max\":{max}}}");
                }
                _ => out.push_str(",\"min\":null,\"max\":null}"),
            }
        }
        out.push_str("\n]\n");
        out
    }

    /// Every option key: `domains`, then `<domain>.<option>` in registry and declaration
    /// order.
    pub fn keys() -> Vec<String> {
        let mut keys = vec!["domains".to_owned()];
        for d in DomainName::ALL {
            keys.extend(d.options().iter().map(|o| format!("{}.{}", d.name(), o.name)));
        }
        keys
    }
}

/// One option, described for the faces ([`Options::describe`]).
#[derive(Debug, Clone, PartialEq)]
pub struct OptionInfo {
    /// `domains` or `<domain>.<option>`.
    pub key: String,
    /// The option's domain; `None` for `domains`.
    pub domain: Option<DomainName>,
    /// The name within the domain (`smaps_rollup`); `domains` for `domains`.
    pub name: &'static str,
    pub doc: &'static str,
    pub unit: Option<&'static str>,
    pub kind: OptionKind,
    /// The value a probe has when the option is not set.
    pub default: OptionValue,
    /// A valid value other than the default (the faces' parity tests set it).
    pub sample: OptionValue,
}

/// Runs one domain's collector if enabled, and returns its data and status.
fn run<C: Collector>(
    name: DomainName,
    options: &Options,
    domain_options: &C::Options,
    state: &mut C::State,
    pool: &Pool,
    facts: &Facts,
    snap: &Snapshot,
) -> (Field<C::Output>, DomainStatus) {
    if !options.domains.contains(name) {
        return (
            Field::Missing(Reason::Disabled),
            status(name, DomainState::Skipped, Some(Reason::Disabled), None, Warnings::default(), 0),
        );
    }
    let src = &options.source;
    let t0 = src.now().monotonic_ns;
    let mut cx = Cx::new(src, options, snap, facts, pool);
    let result = C::collect(&mut cx, domain_options, state);
    let took = src.now().monotonic_ns.saturating_sub(t0);
    let warnings = cx.into_warnings();
    match result {
        Domain::Collected(v) => (Field::Value(v), status(name, DomainState::Collected, None, None, warnings, took)),
        Domain::Skipped(r) => (Field::Missing(r), status(name, DomainState::Skipped, Some(r), None, warnings, took)),
        Domain::Failed(e) => {
            let r = e.reason();
            (Field::Missing(r), status(name, DomainState::Failed, Some(r), Some(e.to_string()), warnings, took))
        }
    }
}

fn status(
    domain: DomainName,
    state: DomainState,
    reason: Option<Reason>,
    error: Option<String>,
    warnings: Warnings,
    duration_ns: u64,
) -> DomainStatus {
    let (warnings, warnings_dropped) = warnings.into_parts();
    DomainStatus { domain, state, reason, error, warnings, warnings_dropped, duration_ns }
}

/// A set of domains.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Domains(u32);

impl Domains {
    /// No domain.
    pub const NONE: Domains = Domains(0);

    /// Every domain libprobe has.
    pub fn all() -> Domains {
        DomainName::ALL.into_iter().fold(Domains::NONE, Domains::with)
    }

    /// The default set: every domain whose collection is cheap and passive (everything
    /// but eBPF, which attaches programs to the kernel and must be asked for).
    pub fn default_set() -> Domains {
        Domains::all().without(DomainName::Ebpf)
    }

    pub fn with(self, d: DomainName) -> Domains {
        Domains(self.0 | (1 << d as u32))
    }

    pub fn without(self, d: DomainName) -> Domains {
        Domains(self.0 & !(1 << d as u32))
    }

    pub fn contains(self, d: DomainName) -> bool {
        self.0 & (1 << d as u32) != 0
    }

    /// The domains in the set, in registry order.
    pub fn iter(self) -> impl Iterator<Item = DomainName> {
        DomainName::ALL.into_iter().filter(move |d| self.contains(*d))
    }

    /// Parses `process,system` (names as in [`DomainName`]; `all` for every domain).
    pub fn parse(list: &str) -> Result<Domains, String> {
        match OptionValue::parse(Options::DOMAINS_KIND, list) {
            Ok(OptionValue::Names(names)) => {
                Ok(names.iter().filter_map(|n| DomainName::parse(n)).fold(Domains::NONE, Domains::with))
            }
            Ok(_) => unreachable!("a names kind parses to names"),
            Err(e) => Err(e.replace("unknown name", "unknown domain")),
        }
    }
}

impl Default for Domains {
    fn default() -> Self {
        Domains::default_set()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn set_and_get_by_key() {
        let mut o = Options::default();
        o.set("network.sockets", "tcp,udp").unwrap();
        o.set("network.interfaces", "false").unwrap();
        assert_eq!(o.get("network.sockets").unwrap(), "tcp,udp");
        assert!(!o.network.interfaces);
    }
}
