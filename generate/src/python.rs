//! The type stubs of `libprobe._libprobe` (`python/libprobe/_libprobe.pyi`), generated
//! from the core's record schema: one class per record type with a typed, documented
//! property per field, a `Literal` alias per enum, the exceptions and `Probe`.
//!
//! The stubs are committed; `make generate` rewrites them and `make test` fails when they
//! are stale.

use std::fmt::Write;

use libprobe::options::OptionKind;
use libprobe::schema::{EnumSchema, EnumType, Kind, RecordSchema, RecordType};
use libprobe::{DomainName, ErrorKind, Options, Reason, Snapshot};

/// The stubs' text.
pub fn pyi() -> String {
    let records = records();
    let enums = enums(&records);
    let mut out = String::new();
    let w = &mut out;
    w.push_str(
        "# Generated from libprobe-core's schemas by `make generate` (generate/src/python.rs): do not\n\
         # edit. `make test` fails when it is stale.\n\
         \"\"\"Type stubs of libprobe's extension module (see libprobe/__init__.py).\"\"\"\n\n\
         import os\n\
         from typing import Any, ClassVar, Iterable, Literal, Sequence, TypedDict, Union, final\n\n\
         from typing_extensions import disjoint_base\n\n",
    );
    let mut all: Vec<String> =
        ["Probe", "Record", "ProbeError", "VERSION", "DOMAINS", "OPTIONS"].map(String::from).into();
    all.extend(ErrorKind::ALL.iter().map(|k| k.class_name()));
    all.extend(records.iter().map(|r| r.name.to_owned()));
    let _ = writeln!(w, "__all__ = [");
    for name in &all {
        let _ = writeln!(w, "    {name:?},");
    }
    w.push_str("]\n\n");
    w.push_str("VERSION: str\n\"\"\"The libprobe version.\"\"\"\n");
    w.push_str("DOMAINS: tuple[_DomainName, ...]\n\"\"\"Every domain libprobe has, in code order.\"\"\"\n");
    w.push_str("OPTIONS: tuple[_OptionInfo, ...]\n\"\"\"Every option: key, kind, doc, default, accepted values (the core's schema).\"\"\"\n\n");

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
    for k in ErrorKind::ALL {
        let _ = writeln!(w, "class {}(ProbeError):", k.class_name());
        docstring(w, "    ", &format!("{} (kind `{}`)", k.doc(), k.name()));
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
            let doc = crate::field_doc(f, "\n\n");
            let _ = writeln!(w, "    @property\n    def {}(self) -> {}:", f.name, py_type(f.kind));
            if doc.is_empty() {
                w.push_str("        ...\n");
            } else {
                docstring(w, "        ", &doc);
            }
        }
        w.push('\n');
    }

    options(w);
    let _ =
        write!(w, "{}", PROBE.replace("SNAPSHOT", Snapshot::SCHEMA.name).replace("DOMAIN_OPTIONS\n", &domain_kwargs()));
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
DOMAIN_OPTIONS
        fixture: Union[str, os.PathLike[str], None] = None,
        procfs: Union[str, os.PathLike[str], None] = None,
        sysfs: Union[str, os.PathLike[str], None] = None,
        devfs: Union[str, os.PathLike[str], None] = None,
        rootfs: Union[str, os.PathLike[str], None] = None,
        max_file_bytes: Union[int, None] = None,
    ) -> Probe:
        """Options left out (or `None`) take the core's defaults: every domain but ebpf, each
        with its defaults. Each domain's options are a mapping (`process={"smaps_rollup":
        True}`, `network={"sockets": ["tcp"]}`); `libprobe.OPTIONS` lists them all. Raises
        TypeError for an unknown option or a value of the wrong type, InvalidArgumentError
        for a value the option does not accept."""
    def snapshot(self) -> SNAPSHOT:
        """Collects every enabled domain, with the GIL released. Never fails as a whole:
        each domain reports its own status in `domains`."""
    @property
    def domains(self) -> tuple[_DomainName, ...]:
        """The domains this probe collects."""
    def get_option(self, key: str) -> str:
        """The value of option `key` (`domains` or `<domain>.<option>`) in the `probe`
        command's text syntax: what the core uses. Raises TypeError for an unknown key."""

@final
class FieldDescriptor:
    """One field of a record class (the attribute's implementation): `CpuTimes.user`."""
    @property
    def unit(self) -> Union[str, None]:
        """The field's unit (`bytes`, `ticks`, …), or `None`."""
    @property
    def metric(self) -> str:
        """`counter` for a value the kernel only adds to, else `gauge`."""
"#;

/// The `TypedDict` of each domain's options, and of an entry of `OPTIONS`.
fn options(w: &mut String) {
    let described = Options::describe();
    for d in DomainName::ALL {
        let _ = writeln!(w, "class {}(TypedDict, total=False):", options_type(d));
        docstring(
            w,
            "    ",
            &format!(
                "The {} domain's options: `Probe({}={{...}})`; each key left out keeps its default.",
                d.name(),
                d.name()
            ),
        );
        for info in described.iter().filter(|i| i.domain == Some(d)) {
            for line in format!("{} Key `{}`; default `{}`.", info.doc, info.key, info.default).lines() {
                let _ = writeln!(w, "    #{}{line}", if line.is_empty() { "" } else { " " });
            }
            let _ = writeln!(w, "    {}: {}", info.name, py_option_type(info.kind));
        }
        w.push('\n');
    }
    w.push_str(
        "class _OptionInfo(TypedDict):\n    \
         \"\"\"One option of the schema; values are in the `probe` command's text syntax.\"\"\"\n\n    \
         key: str\n    domain: Union[_DomainName, None]\n    name: str\n    \
         kind: Literal['bool', 'uint', 'names', 'choice', 'pids', 'path', 'words', 'namespace']\n    \
         doc: str\n    unit: Union[str, None]\n    default: str\n    sample: str\n    \
         accepted: list[str]\n    min: Union[int, None]\n    max: Union[int, None]\n\n",
    );
}

/// `_ProcessOptions`: private to the stubs (the runtime takes plain dicts).
fn options_type(d: DomainName) -> String {
    format!("_{}Options", libprobe::schema::pascal_case(d.name()))
}

/// The keyword parameter of each domain's options, for `Probe.__new__`.
fn domain_kwargs() -> String {
    let mut out = String::new();
    for d in DomainName::ALL {
        let _ = writeln!(out, "        {}: Union[{}, None] = None,", d.name(), options_type(d));
    }
    out
}

/// The Python type of an option of `kind`.
fn py_option_type(kind: OptionKind) -> String {
    let names = |a: &[&str]| a.iter().map(|n| format!("{n:?}")).collect::<Vec<_>>().join(", ");
    match kind {
        OptionKind::Bool => "bool".into(),
        OptionKind::UInt { .. } => "int".into(),
        OptionKind::Names(a) => format!("Union[str, Iterable[Literal[{}]]]", names(a)),
        OptionKind::Choice(a) => format!("Literal[{}]", names(a)),
        OptionKind::Pids => "Union[Sequence[int], None]".into(),
        OptionKind::Path => "Union[str, os.PathLike[str], None]".into(),
        OptionKind::Words => "Union[str, Iterable[str]]".into(),
        OptionKind::Namespace => "Union[int, str, os.PathLike[str]]".into(),
    }
}

/// Every record type reachable from the snapshot, each once, in walk order.
pub fn records() -> Vec<&'static RecordSchema> {
    libprobe::schema::record_types(Snapshot::SCHEMA)
}

/// Every enum type used by `records`, then `Reason` and `DomainName` (the API uses them).
fn enums(records: &[&'static RecordSchema]) -> Vec<&'static EnumSchema> {
    libprobe::schema::enum_types(records, &[<Reason as EnumType>::SCHEMA, <DomainName as EnumType>::SCHEMA])
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
            assert!(!api.contains(&r.name) && !ErrorKind::ALL.iter().any(|k| k.class_name() == r.name), "{}", r.name);
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
