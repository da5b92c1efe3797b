//! The type stubs of `libprobe._libprobe` (`python/libprobe/_libprobe.pyi`), generated
//! from the core's record schema: one class per record type with a typed, documented
//! property per field, a `Literal` alias per enum, the exceptions and `Probe`.
//!
//! The stubs are committed; the test below fails when they differ from what this
//! generator writes, and `LIBPROBE_BLESS=1 cargo test -p libprobe-python` rewrites them.

use std::fmt::Write;

use libprobe::Snapshot;
use libprobe::schema::{EnumSchema, Kind, RecordSchema, RecordType};

use crate::errors::ERRORS;

/// Where the stubs live, relative to this crate.
pub const PATH: &str = "python/libprobe/_libprobe.pyi";

/// The stubs' text.
pub fn pyi() -> String {
    let records = records();
    let enums = enums(&records);
    let mut out = String::new();
    let w = &mut out;
    w.push_str(
        "# Generated from libprobe-core's record schema by bindings/python/src/stubs.rs: do not edit.\n\
         # `LIBPROBE_BLESS=1 cargo test -p libprobe-python` rewrites this file; the test fails when\n\
         # it is stale.\n\
         \"\"\"Type stubs of libprobe's extension module (see libprobe/__init__.py).\"\"\"\n\n\
         import os\n\
         from typing import Any, ClassVar, Iterable, Literal, Sequence, Union, final\n\n\
         from typing_extensions import disjoint_base\n\n",
    );
    let mut all = vec!["Probe", "Record", "ProbeError", "VERSION", "DOMAINS"];
    all.extend(ERRORS.iter().map(|e| e.class));
    all.extend(records.iter().map(|r| r.name));
    let _ = writeln!(w, "__all__ = [");
    for name in &all {
        let _ = writeln!(w, "    {name:?},");
    }
    w.push_str("]\n\n");
    w.push_str("VERSION: str\n\"\"\"The libprobe version.\"\"\"\n");
    w.push_str("DOMAINS: tuple[_DomainName, ...]\n\"\"\"Every domain libprobe has, in code order.\"\"\"\n\n");

    for e in &enums {
        let names: Vec<String> = e.variants.iter().map(|v| format!("{:?}", v.name)).collect();
        let _ = writeln!(w, "_{} = Literal[{}]", e.name, names.join(", "));
        docstring(w, "", e.doc);
    }
    w.push('\n');

    w.push_str(
        "class ProbeError(Exception):\n    \
         \"\"\"Base class of every libprobe error. `kind` names the error kind.\"\"\"\n\n    \
         kind: ClassVar[str]\n\n",
    );
    for e in ERRORS {
        let _ = writeln!(w, "class {}(ProbeError):", e.class);
        docstring(w, "    ", &format!("{} (kind `{}`)", e.doc, e.kind));
        w.push('\n');
    }

    w.push_str(RECORD_BASE);
    for r in &records {
        let _ = writeln!(w, "@final\nclass {}(Record):", r.name);
        docstring(w, "    ", r.doc);
        if r.fields.is_empty() {
            w.push_str("    ...\n");
        }
        for f in r.fields {
            let doc = match f.unit {
                Some(u) if f.doc.is_empty() => format!("Unit: {u}."),
                Some(u) => format!("{}\n\nUnit: {u}.", f.doc),
                None => f.doc.to_owned(),
            };
            let _ = writeln!(w, "    @property\n    def {}(self) -> {}:", f.name, py_type(f.kind));
            if doc.is_empty() {
                w.push_str("        ...\n");
            } else {
                docstring(w, "        ", &doc);
            }
        }
        w.push('\n');
    }

    let _ = write!(w, "{}", PROBE.replace("SNAPSHOT", Snapshot::SCHEMA.name));
    out
}

const RECORD_BASE: &str = r#"@disjoint_base
class Record:
    """A record of a snapshot. Each record type is a subclass with one read-only attribute
    per field; a field that could not be read is `None` and `unavailable` says why."""

    _fields: ClassVar[tuple[str, ...]]
    """The field names, in declaration order."""

    @property
    def unavailable(self) -> dict[str, _Reason]:
        """The fields that could not be read, each with its reason. Fields that are merely
        absent (`None` with no reason) are not listed."""
    def reason_of(self, field: str) -> Union[_Reason, None]:
        """Why `field` has no value, or `None` when it has one or is merely absent.
        Raises AttributeError for a name that is not a field."""
    def to_dict(self) -> dict[str, Any]:
        """The record as plain dicts, lists and scalars (the JSON shape): snake_case keys,
        `None` for missing values, and an `"unavailable"` dict when there are any."""
    def to_json(self, indent: Union[int, None] = None) -> str:
        """The record as JSON (`to_dict`'s shape; non-UTF-8 bytes as `\\udcXX` escapes)."""

"#;

const PROBE: &str = r#"@final
class Probe:
    """Collects snapshots of this machine (or of a fixture tree). Keeps the previous
    snapshot's counters, so rates such as `cpu_percent` have values from the second
    snapshot on. Safe to share between threads: calls to `snapshot` take turns."""

    def __new__(
        cls,
        *,
        domains: Union[str, Iterable[_DomainName], None] = None,
        smaps_rollup: Union[bool, None] = None,
        maps: Union[bool, None] = None,
        fds: Union[bool, None] = None,
        environ: Union[bool, None] = None,
        taskstats: Union[bool, None] = None,
        cgroup_limits: Union[bool, None] = None,
        pids: Union[Sequence[int], None] = None,
        threads: Union[int, None] = None,
        sockets: Union[str, Iterable[str], None] = None,
        owners: Union[bool, None] = None,
        tcp_info: Union[bool, None] = None,
        interfaces: Union[bool, None] = None,
        routes: Union[bool, None] = None,
        neighbours: Union[bool, None] = None,
        conntrack: Union[bool, None] = None,
        sockets_from_procfs: Union[bool, None] = None,
        netns: Union[int, str, os.PathLike[str], None] = None,
        fixture: Union[str, os.PathLike[str], None] = None,
        procfs: Union[str, os.PathLike[str], None] = None,
        sysfs: Union[str, os.PathLike[str], None] = None,
        devfs: Union[str, os.PathLike[str], None] = None,
        rootfs: Union[str, os.PathLike[str], None] = None,
        max_file_bytes: Union[int, None] = None,
    ) -> Probe:
        """Options left out (or `None`) take the core's defaults: every domain but ebpf;
        every process field group but smaps_rollup, maps, fds, environ and taskstats;
        every network part but conntrack entries. `threads` reads the process table on
        that many threads (0, the default, chooses: one below 256 processes, else one per
        CPU up to 4). Raises InvalidArgumentError for an unknown domain or socket table,
        or an invalid value."""
    def snapshot(self) -> SNAPSHOT:
        """Collects every enabled domain, with the GIL released. Never fails as a whole:
        each domain reports its own status in `domains`."""
    @property
    def domains(self) -> tuple[_DomainName, ...]:
        """The domains this probe collects."""

@final
class FieldDescriptor:
    """One field of a record class (the attribute's implementation)."""
"#;

/// Every record type reachable from the snapshot, each once, in walk order.
pub fn records() -> Vec<&'static RecordSchema> {
    let mut out: Vec<&'static RecordSchema> = Vec::new();
    for r in Snapshot::SCHEMA.walk() {
        if !out.iter().any(|o| o.name == r.name) {
            out.push(r);
        }
    }
    out
}

/// Every enum type used by `records`, each once, in order of first use.
fn enums(records: &[&'static RecordSchema]) -> Vec<&'static EnumSchema> {
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
    // Reasons and domain names appear in the API even where no field holds them.
    for e in [
        <libprobe::Reason as libprobe::schema::EnumType>::SCHEMA,
        <libprobe::DomainName as libprobe::schema::EnumType>::SCHEMA,
    ] {
        if !out.iter().any(|o| o.name == e.name) {
            out.push(e);
        }
    }
    out
}

/// The Python type of a field of `kind`.
pub fn py_type(kind: &Kind) -> String {
    match kind {
        Kind::Bool => "bool".into(),
        Kind::U8 | Kind::U16 | Kind::U32 | Kind::U64 | Kind::I32 | Kind::I64 => "int".into(),
        Kind::F64 => "float".into(),
        Kind::Char | Kind::Str | Kind::Bytes => "str".into(),
        Kind::Enum(e) => format!("_{}", e.name),
        Kind::Record(r) => r.name.into(),
        Kind::Field(k) | Kind::Optional(k) => {
            let inner = py_type(k);
            if inner.starts_with("Union[") && inner.ends_with(", None]") {
                inner
            } else {
                format!("Union[{inner}, None]")
            }
        }
        Kind::List(k) => format!("list[{}]", py_type(k)),
        Kind::Map(k, v) => format!("dict[{}, {}]", py_type(k), py_type(v)),
    }
}

fn docstring(w: &mut String, indent: &str, doc: &str) {
    let doc = doc.trim().replace('\\', "\\\\").replace("\"\"\"", "\\\"\\\"\\\"");
    if doc.is_empty() {
        return;
    }
    let mut lines = doc.lines();
    let _ = write!(w, "{indent}\"\"\"{}", lines.next().unwrap_or_default());
    for line in lines {
        if line.is_empty() {
            w.push('\n');
        } else {
            let _ = write!(w, "\n{indent}{line}");
        }
    }
    if doc.contains('\n') {
        let _ = writeln!(w, "\n{indent}\"\"\"");
    } else {
        w.push_str("\"\"\"\n");
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Python keywords, which a field name must not be (soft keywords are fine).
    const KEYWORDS: &[&str] = &[
        "False", "None", "True", "and", "as", "assert", "async", "await", "break", "class", "continue", "def", "del",
        "elif", "else", "except", "finally", "for", "from", "global", "if", "import", "in", "is", "lambda", "nonlocal",
        "not", "or", "pass", "raise", "return", "try", "while", "with", "yield",
    ];
    /// Attributes of `Record` that a field would hide.
    const RESERVED: &[&str] = &["unavailable", "reason_of", "to_dict", "to_json", "_fields"];

    #[test]
    fn stubs_are_fresh() {
        let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(PATH);
        let text = pyi();
        if std::env::var_os("LIBPROBE_BLESS").is_some_and(|v| v == "1") {
            std::fs::write(&path, &text).unwrap();
            return;
        }
        let committed = std::fs::read_to_string(&path).unwrap_or_default();
        assert!(
            committed == text,
            "{} is stale: run `LIBPROBE_BLESS=1 cargo test -p libprobe-python` and commit it",
            path.display()
        );
    }

    #[test]
    fn every_field_is_a_usable_python_attribute() {
        for r in records() {
            for f in r.fields {
                let ok = f.name.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_')
                    && !f.name.starts_with(|c: char| c.is_ascii_digit());
                assert!(ok, "{}.{} is not a snake_case identifier", r.name, f.name);
                assert!(!KEYWORDS.contains(&f.name), "{}.{} is a Python keyword", r.name, f.name);
                assert!(!RESERVED.contains(&f.name), "{}.{} hides a Record attribute", r.name, f.name);
            }
        }
    }

    #[test]
    fn record_names_are_unique_and_distinct_from_the_api() {
        let api = ["Probe", "Record", "ProbeError", "FieldDescriptor", "VERSION", "DOMAINS"];
        for r in records() {
            assert!(!api.contains(&r.name) && !ERRORS.iter().any(|e| e.class == r.name), "{}", r.name);
            let same: Vec<_> = Snapshot::SCHEMA.walk().into_iter().filter(|o| o.name == r.name).collect();
            assert!(same.iter().all(|o| *o == r), "two different record types are named {}", r.name);
        }
    }

    #[test]
    fn kinds_map_to_python_types() {
        assert_eq!(py_type(&Kind::Field(&Kind::Optional(&Kind::U64))), "Union[int, None]");
        assert_eq!(py_type(&Kind::List(&Kind::Bytes)), "list[str]");
        assert_eq!(py_type(&Kind::Map(&Kind::Bytes, &Kind::Bytes)), "dict[str, str]");
    }
}
