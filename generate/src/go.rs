//! The Go structs of a snapshot (`bindings/go/types_gen.go`), generated from the core's
//! schema with the C view's names: each record a struct, each enum a named type with its
//! constants, and the code that copies a C view into them.

use std::fmt::Write as _;

use libprobe::options::OptionKind;
use libprobe::schema::{EnumSchema, Kind, RecordSchema};
use libprobe::{DomainName, Options};

use crate::c::{C_KEYWORDS, CONSTANT_PREFIX, Generator, snake, suffix};

impl Generator {
    /// `memory_rss` → `MemoryRSS`, `process_full` → `ProcessFull`.
    pub(crate) fn go_name(snake: &str) -> String {
        const INITIALISMS: &[&str] = &[
            "id", "pid", "ppid", "pgid", "tgid", "uid", "gid", "cpu", "cpus", "io", "ip", "tcp", "udp", "mac", "mtu",
            "rss", "oom", "psi", "tty", "api", "json", "url", "uss", "pss", "vms", "ns", "gpu", "ebpf",
        ];
        snake
            .split('_')
            .filter(|p| !p.is_empty())
            .map(|p| {
                if INITIALISMS.contains(&p) {
                    if p == "cpus" { "CPUs".to_owned() } else { p.to_uppercase() }
                } else {
                    let mut c = p.chars();
                    c.next().map_or(String::new(), |f| f.to_uppercase().chain(c).collect())
                }
            })
            .collect()
    }

    fn go_record(&self, r: &RecordSchema) -> String {
        Self::go_name(&snake(r.name))
    }

    fn go_enum(e: &EnumSchema) -> String {
        Self::go_name(&snake(e.name))
    }

    fn go_constant(e: &EnumSchema, variant: &str) -> String {
        let prefix = CONSTANT_PREFIX
            .iter()
            .find(|(n, _)| *n == e.name)
            .map_or_else(|| Self::go_enum(e), |(_, p)| Self::go_name(&p.to_lowercase()));
        format!("{prefix}{}", Self::go_name(variant))
    }

    /// The Go type of a kind.
    fn go_type(&self, k: &Kind) -> String {
        match k {
            Kind::Bool => "bool".into(),
            Kind::U8 => "uint8".into(),
            Kind::U16 => "uint16".into(),
            Kind::U32 => "uint32".into(),
            Kind::U64 => "uint64".into(),
            Kind::I32 => "int32".into(),
            Kind::I64 => "int64".into(),
            Kind::F64 => "float64".into(),
            Kind::Char => "Char".into(),
            Kind::Str | Kind::Bytes => "string".into(),
            Kind::Enum(e) => Self::go_enum(e),
            Kind::Record(r) => self.go_record(r),
            Kind::Field(i) | Kind::Optional(i) => format!("Field[{}]", self.go_type(i)),
            Kind::List(i) => format!("[]{}", self.go_type(i)),
            Kind::Map(a, b) => format!("[]Entry[{}, {}]", self.go_type(a), self.go_type(b)),
        }
    }

    /// The cgo type of a kind's C value as stored in an array (records in place).
    fn cgo_elem(&self, k: &Kind) -> String {
        match k {
            Kind::Bool | Kind::U8 => "C.uint8_t".into(),
            Kind::U16 => "C.uint16_t".into(),
            Kind::U32 | Kind::Char => "C.uint32_t".into(),
            Kind::U64 => "C.uint64_t".into(),
            Kind::I32 => "C.int32_t".into(),
            Kind::I64 => "C.int64_t".into(),
            Kind::F64 => "C.double".into(),
            Kind::Str | Kind::Bytes => "C.libprobe_str".into(),
            Kind::Enum(e) => format!("C.{}", self.enum_c(e)),
            Kind::Record(r) => format!("C.{}", self.record_c(r)),
            k => format!("C.{}", self.ctype(k)),
        }
    }

    /// Go code converting the C value `expr` of kind `k` (an lvalue) to its Go value.
    fn go_from(&self, k: &Kind, expr: &str) -> String {
        match k {
            Kind::Bool => format!("{expr} != 0"),
            Kind::Str | Kind::Bytes => format!("goString({expr})"),
            Kind::Record(r) => format!("conv{}({expr})", self.go_record(r)),
            Kind::Field(_) | Kind::Optional(_) | Kind::List(_) | Kind::Map(..) => {
                format!("conv{}(&{expr})", Self::go_name(&suffix(k)))
            }
            k => format!("{}({expr})", self.go_type(k)),
        }
    }

    /// Go code converting an array element at pointer `e` (of `cgo_elem` type).
    fn go_from_elem(&self, k: &Kind, e: &str) -> String {
        match k {
            Kind::Record(r) => format!("conv{}({e})", self.go_record(r)),
            Kind::Field(_) | Kind::Optional(_) | Kind::List(_) | Kind::Map(..) => {
                format!("conv{}({e})", Self::go_name(&suffix(k)))
            }
            k => self.go_from(k, &format!("(*{e})")),
        }
    }

    /// The member name cgo gives a C struct field (Go keywords get a leading `_`).
    fn cgo_member(name: &str) -> String {
        const GO_KEYWORDS: &[&str] = &[
            "break",
            "case",
            "chan",
            "const",
            "continue",
            "default",
            "defer",
            "else",
            "fallthrough",
            "for",
            "func",
            "go",
            "goto",
            "if",
            "import",
            "interface",
            "map",
            "package",
            "range",
            "return",
            "select",
            "struct",
            "switch",
            "type",
            "var",
        ];
        let c = if C_KEYWORDS.contains(&name) { format!("{name}_") } else { name.to_owned() };
        if GO_KEYWORDS.contains(&c.as_str()) { format!("_{c}") } else { c }
    }

    pub fn go(&self) -> String {
        let mut o = String::new();
        o.push_str(
            "// Code generated by `make generate` (generate/src/go.rs) from the core's schema; DO NOT EDIT.\n\n\
             package libprobe\n\n\
             /*\n#include <libprobe.h>\n*/\nimport \"C\"\n\nimport \"unsafe\"\n\n",
        );
        for e in &self.enums {
            let t = Self::go_enum(e);
            for line in e.doc.replace("[`", "`").replace("`]", "`").lines() {
                let _ = writeln!(o, "// {line}");
            }
            let _ = writeln!(o, "type {t} int32\n\nconst (");
            for v in e.variants {
                let _ = writeln!(o, "\t{} {t} = {}", Self::go_constant(e, v.name), v.code);
            }
            let _ = writeln!(
                o,
                ")\n\n// String is the snake_case name used in JSON.\nfunc (v {t}) String() string {{\n\tswitch v {{"
            );
            for v in e.variants {
                let _ = writeln!(o, "\tcase {}:\n\t\treturn {:?}", Self::go_constant(e, v.name), v.name);
            }
            let _ = writeln!(o, "\t}}\n\treturn unknownName(int32(v))\n}}\n");
        }
        for r in &self.records {
            let t = self.go_record(r);
            for line in r.doc.replace("[`", "`").replace("`]", "`").lines() {
                let _ = writeln!(o, "// {line}");
            }
            let _ = writeln!(o, "type {t} struct {{");
            for f in r.fields {
                let doc = crate::field_doc(f, "\n").replace("[`", "`").replace("`]", "`");
                for line in doc.lines() {
                    let _ = writeln!(o, "\t// {line}");
                }
                let _ = writeln!(o, "\t{} {} `json:\"{}\"`", Self::go_name(f.name), self.go_type(f.kind), f.name);
            }
            o.push_str("}\n\n");
            let _ = writeln!(o, "func conv{t}(c *C.{}) {t} {{\n\treturn {t}{{", self.record_c(r));
            for f in r.fields {
                let _ = writeln!(
                    o,
                    "\t\t{}: {},",
                    Self::go_name(f.name),
                    self.go_from(f.kind, &format!("c.{}", Self::cgo_member(f.name)))
                );
            }
            o.push_str("\t}\n}\n\n");
        }
        for k in &self.composites {
            let name = Self::go_name(&suffix(k));
            let ct = self.ctype(k);
            let gt = self.go_type(k);
            match k {
                Kind::Field(i) | Kind::Optional(i) => {
                    let _ = writeln!(
                        o,
                        "func conv{name}(c *C.{ct}) {gt} {{\n\tif c.present == 0 {{\n\t\treturn {gt}{{Reason: Reason(c.reason)}}\n\t}}\n\t\
                         return {gt}{{Valid: true, Value: {}}}\n}}\n",
                        self.go_from(i, "c.value")
                    );
                }
                Kind::List(i) => {
                    let _ = writeln!(
                        o,
                        "func conv{name}(c *C.{ct}) {gt} {{\n\tout := make({gt}, int(c.count))\n\tfor i := range out {{\n\t\t\
                         e := (*{})(unsafe.Add(unsafe.Pointer(c.ptr), uintptr(i)*uintptr(c.stride)))\n\t\tout[i] = {}\n\t}}\n\treturn out\n}}\n",
                        self.cgo_elem(i),
                        self.go_from_elem(i, "e")
                    );
                }
                Kind::Map(a, b) => {
                    let _ = writeln!(
                        o,
                        "func conv{name}(c *C.{ct}) {gt} {{\n\tout := make({gt}, int(c.count))\n\tfor i := range out {{\n\t\t\
                         e := (*C.{ct}_entry)(unsafe.Add(unsafe.Pointer(c.ptr), uintptr(i)*uintptr(c.stride)))\n\t\t\
                         out[i].Key = {}\n\t\tout[i].Value = {}\n\t}}\n\treturn out\n}}\n",
                        self.go_from_elem(a, "&e.key"),
                        self.go_from_elem(b, "&e.value")
                    );
                }
                _ => unreachable!(),
            }
        }
        o
    }
}

/// `bindings/go/options_gen.go`: `Options` with one struct per domain (a field per option,
/// nil keeping the core's default), and the code that hands each set field to the core by
/// key (`libprobe_config_set`), as `(*Options).Set` does.
pub fn options() -> String {
    let mut o = String::from(
        "// Code generated by `make generate` (generate/src/go.rs) from the core's option schema; DO NOT EDIT.\n\n\
         package libprobe\n\n\
         import (\n\t\"strconv\"\n\t\"strings\"\n)\n\n\
         // Options say what a Probe collects and where it reads. The zero value (or a nil *Options)\n\
         // is the default: every domain but eBPF with each domain's defaults, the host's /proc, /sys,\n\
         // /dev and /. Each domain's options are a struct whose nil fields keep the core's default;\n\
         // Set takes the same options by key, as text (`network.sockets`, `tcp,udp`).\n\
         type Options struct {\n\
         \t// Domains to collect; nil for the default set (every domain but eBPF).\n\
         \tDomains []DomainName\n",
    );
    for d in DomainName::ALL {
        let t = domain_type(d);
        let _ = writeln!(o, "\t// The {} domain's options.\n\t{} {t}", d.name(), Generator::go_name(d.name()));
    }
    o.push_str(
        "\t// Root paths; empty keeps the default. Fixture reads a whole fixture tree.\n\
         \tProcfs, Sysfs, Devfs, Rootfs, Fixture string\n\
         \t// The most bytes read from one kernel file; 0 keeps the default (32 MiB).\n\
         \tMaxFileBytes uint64\n\
         \t// Keep each snapshot's JSON (the core's, with the specification's names), returned\n\
         \t// by SnapshotJSON.\n\
         \tJSON bool\n\
         \t// Options given to Set, applied after the fields above, in order.\n\
         \tset []setting\n}\n\n",
    );
    let described = Options::describe();
    for d in DomainName::ALL {
        let t = domain_type(d);
        let _ = writeln!(o, "// {t} are the {} domain's options; a nil field keeps the core's default.", d.name());
        let _ = writeln!(o, "type {t} struct {{");
        for info in described.iter().filter(|i| i.domain == Some(d)) {
            for line in info.doc.replace("[`", "`").replace("`]", "`").lines() {
                if line.is_empty() {
                    o.push_str("\t//\n");
                } else {
                    let _ = writeln!(o, "\t// {line}");
                }
            }
            let _ = writeln!(o, "\t//\n\t// Key {}; default {:?}.", info.key, info.default.to_string());
            let _ = writeln!(o, "\t{} {}", Generator::go_name(info.name), go_option_type(info.kind));
        }
        o.push_str("}\n\n");
    }
    o.push_str(
        "// settings gives each option whose field is set, as a key and its text, in schema order.\n\
         func (o *Options) settings(add func(key, value string)) {\n",
    );
    for info in described.iter().filter(|i| i.domain.is_some()) {
        let d = info.domain.map(|d| Generator::go_name(d.name())).unwrap_or_default();
        let field = format!("o.{d}.{}", Generator::go_name(info.name));
        let _ = writeln!(o, "\tif {field} != nil {{\n\t\tadd({:?}, {})\n\t}}", info.key, go_text(info.kind, &field));
    }
    o.push_str("}\n\n");
    o.push_str(
        "// optionFields maps each key to its field in Options (the parity test sets each one).\n\
         var optionFields = map[string]string{\n",
    );
    for info in described.iter().filter(|i| i.domain.is_some()) {
        let d = info.domain.map(|d| Generator::go_name(d.name())).unwrap_or_default();
        let _ = writeln!(o, "\t{:?}: {:?},", info.key, format!("{d}.{}", Generator::go_name(info.name)));
    }
    o.push_str("}\n");
    o
}

/// `ProcessOptions`, `GPUOptions`.
fn domain_type(d: DomainName) -> String {
    format!("{}Options", Generator::go_name(d.name()))
}

fn go_option_type(kind: OptionKind) -> &'static str {
    match kind {
        OptionKind::Bool => "*bool",
        OptionKind::UInt { max, .. } if max <= u64::from(u32::MAX) => "*uint32",
        OptionKind::UInt { .. } => "*uint64",
        OptionKind::Names(_) | OptionKind::Words => "[]string",
        OptionKind::Pids => "[]int32",
        OptionKind::Choice(_) | OptionKind::Path | OptionKind::Namespace => "*string",
    }
}

/// The Go expression giving the text of a set field.
fn go_text(kind: OptionKind, field: &str) -> String {
    match kind {
        OptionKind::Bool => format!("strconv.FormatBool(*{field})"),
        OptionKind::UInt { .. } => format!("strconv.FormatUint(uint64(*{field}), 10)"),
        OptionKind::Names(_) | OptionKind::Words => format!("strings.Join({field}, \",\")"),
        OptionKind::Pids => format!("joinPids({field})"),
        OptionKind::Choice(_) | OptionKind::Path | OptionKind::Namespace => format!("*{field}"),
    }
}
