//! The C view, generated from the core's schema:
//!
//! - `libprobe-ffi/src/generated.rs`: a `#[repr(C)]` struct per record, a
//!   `libprobe_opt_*` / `libprobe_list_*` / `libprobe_map_*` struct per composite type,
//!   enum typedefs and constants, the code that fills them from the core's values, the
//!   run-time schema tables (`libprobe_schema()`), and a typed setter per option;
//! - `libprobe-ffi/tests/c/layout.h`: every struct, field and constant, for the C tests
//!   that check the header's layout against the library's.
//!
//! cbindgen then turns the crate into `include/libprobe.h` ([`crate::header`]). The Go
//! structs ([`crate::go`]) reuse this view's names.

use std::collections::BTreeSet;
use std::fmt::Write as _;

use libprobe::schema::{EnumSchema, Kind, RecordSchema};

/// Names the C view uses for itself; a record whose C name would collide gets `_view`.
const RESERVED: &[&str] = &[
    "libprobe_config",
    "libprobe_probe",
    "libprobe_snapshot",
    "libprobe_status",
    "libprobe_str",
    "libprobe_options",
    "libprobe_kind",
    "libprobe_type_info",
    "libprobe_field_info",
    "libprobe_record_info",
    "libprobe_variant_info",
    "libprobe_enum_info",
    "libprobe_schema_info",
    "libprobe_root",
];

/// Constant prefixes that differ from the enum's name (STYLE §1: `LIBPROBE_DOMAIN_NETWORK`).
pub(crate) const CONSTANT_PREFIX: &[(&str, &str)] = &[("DomainName", "DOMAIN")];

/// Identifiers C or C++ reserve, and the macros GNU C predefines (`unix`, `linux`): a
/// field named so gets a trailing `_` in C.
pub(crate) const C_KEYWORDS: &[&str] = &[
    "unix",
    "linux",
    "i386",
    "auto",
    "bool",
    "break",
    "case",
    "char",
    "class",
    "const",
    "continue",
    "default",
    "delete",
    "do",
    "double",
    "else",
    "enum",
    "explicit",
    "extern",
    "false",
    "float",
    "for",
    "friend",
    "goto",
    "if",
    "inline",
    "int",
    "long",
    "namespace",
    "new",
    "operator",
    "private",
    "protected",
    "public",
    "register",
    "restrict",
    "return",
    "short",
    "signed",
    "sizeof",
    "static",
    "struct",
    "switch",
    "template",
    "this",
    "throw",
    "true",
    "try",
    "typedef",
    "typename",
    "union",
    "unsigned",
    "virtual",
    "void",
    "volatile",
    "while",
];

/// Rust keywords: a field named so is a raw identifier in generated.rs.
pub(crate) const RUST_KEYWORDS: &[&str] = &[
    "as", "async", "await", "box", "break", "const", "continue", "crate", "dyn", "else", "enum", "extern", "false",
    "fn", "for", "gen", "if", "impl", "in", "let", "loop", "match", "mod", "move", "mut", "pub", "ref", "return",
    "self", "static", "struct", "super", "trait", "true", "try", "type", "unsafe", "use", "where", "while", "yield",
];

#[derive(Debug)]
pub struct Generator {
    pub(crate) root: &'static RecordSchema,
    pub(crate) records: Vec<&'static RecordSchema>,
    pub(crate) enums: Vec<&'static EnumSchema>,
    /// Every distinct kind a field uses, inner kinds first (the run-time type table).
    pub(crate) kinds: Vec<&'static Kind>,
    /// Composite C types (opt/list/map) in dependency order, by suffix.
    pub(crate) composites: Vec<&'static Kind>,
}

/// `ProcessFull` → `process_full`, `IPv6Route` → `ipv6_route` (as the derive names variants).
pub(crate) fn snake(s: &str) -> String {
    let chars: Vec<char> = s.chars().collect();
    let mut out = String::new();
    for (i, &c) in chars.iter().enumerate() {
        if c.is_uppercase() {
            let prev_lower = i > 0 && (chars[i - 1].is_lowercase() || chars[i - 1].is_ascii_digit());
            let next_lower = chars.get(i + 1).is_some_and(|n| n.is_lowercase());
            let prev_upper = i > 0 && chars[i - 1].is_uppercase();
            if i > 0 && (prev_lower || (prev_upper && next_lower)) {
                out.push('_');
            }
            out.extend(c.to_lowercase());
        } else {
            out.push(c);
        }
    }
    out
}

pub(crate) fn same_record(a: &RecordSchema, b: &RecordSchema) -> bool {
    std::ptr::eq(a, b) || a.name == b.name
}

pub(crate) fn same_enum(a: &EnumSchema, b: &EnumSchema) -> bool {
    std::ptr::eq(a, b) || a.name == b.name
}

/// A stable identity for a kind (the type table's key).
pub(crate) fn key(k: &Kind) -> String {
    match k {
        Kind::Bool => "bool".into(),
        Kind::U8 => "u8".into(),
        Kind::U16 => "u16".into(),
        Kind::U32 => "u32".into(),
        Kind::U64 => "u64".into(),
        Kind::I32 => "i32".into(),
        Kind::I64 => "i64".into(),
        Kind::F64 => "f64".into(),
        Kind::Char => "char".into(),
        Kind::Str => "str".into(),
        Kind::Bytes => "bytes".into(),
        Kind::Enum(e) => format!("enum {}", e.name),
        Kind::Record(r) => format!("record {}", r.name),
        Kind::Field(k) => format!("field<{}>", key(k)),
        Kind::Optional(k) => format!("optional<{}>", key(k)),
        Kind::List(k) => format!("list<{}>", key(k)),
        Kind::Map(a, b) => format!("map<{},{}>", key(a), key(b)),
    }
}

/// The suffix naming a kind's C type (`u64`, `str`, `opt_u64`, `list_cpu`).
pub(crate) fn suffix(k: &Kind) -> String {
    match k {
        Kind::Bool => "bool".into(),
        Kind::U8 => "u8".into(),
        Kind::U16 => "u16".into(),
        Kind::U32 => "u32".into(),
        Kind::U64 => "u64".into(),
        Kind::I32 => "i32".into(),
        Kind::I64 => "i64".into(),
        Kind::F64 => "f64".into(),
        Kind::Char => "char".into(),
        Kind::Str | Kind::Bytes => "str".into(),
        Kind::Enum(e) => snake(e.name),
        Kind::Record(r) => snake(r.name),
        Kind::Field(k) | Kind::Optional(k) => format!("opt_{}", suffix(k)),
        Kind::List(k) => format!("list_{}", suffix(k)),
        Kind::Map(a, b) => format!("map_{}_{}", suffix(a), suffix(b)),
    }
}

/// The C name of a scalar kind.
pub(crate) fn c_scalar(k: &Kind) -> Option<&'static str> {
    Some(match k {
        Kind::Bool | Kind::U8 => "uint8_t",
        Kind::U16 => "uint16_t",
        Kind::U32 | Kind::Char => "uint32_t",
        Kind::U64 => "uint64_t",
        Kind::I32 => "int32_t",
        Kind::I64 => "int64_t",
        Kind::F64 => "double",
        Kind::Str | Kind::Bytes => "libprobe_str",
        _ => return None,
    })
}

fn kind_constant(k: &Kind) -> &'static str {
    match k {
        Kind::Bool => "LIBPROBE_KIND_BOOL",
        Kind::U8 => "LIBPROBE_KIND_U8",
        Kind::U16 => "LIBPROBE_KIND_U16",
        Kind::U32 => "LIBPROBE_KIND_U32",
        Kind::U64 => "LIBPROBE_KIND_U64",
        Kind::I32 => "LIBPROBE_KIND_I32",
        Kind::I64 => "LIBPROBE_KIND_I64",
        Kind::F64 => "LIBPROBE_KIND_F64",
        Kind::Char => "LIBPROBE_KIND_CHAR",
        Kind::Str => "LIBPROBE_KIND_STR",
        Kind::Bytes => "LIBPROBE_KIND_BYTES",
        Kind::Enum(_) => "LIBPROBE_KIND_ENUM",
        Kind::Record(_) => "LIBPROBE_KIND_RECORD",
        Kind::Field(_) => "LIBPROBE_KIND_FIELD",
        Kind::Optional(_) => "LIBPROBE_KIND_OPTIONAL",
        Kind::List(_) => "LIBPROBE_KIND_LIST",
        Kind::Map(..) => "LIBPROBE_KIND_MAP",
    }
}

/// A Rust string literal usable as a C string (`c"…"`).
fn c_lit(s: &str) -> String {
    format!("c{s:?}")
}

/// A doc comment, each line prefixed. Intra-doc links of the core (`[`Probe`]`) become
/// plain code spans: they name items of the core, not of this crate.
fn doc_lines(out: &mut String, doc: &str, indent: &str) {
    let doc = doc.replace("[`", "`").replace("`]", "`");
    for line in doc.lines() {
        if line.is_empty() {
            let _ = writeln!(out, "{indent}///");
        } else {
            let _ = writeln!(out, "{indent}/// {line}");
        }
    }
}

impl Generator {
    pub fn new(root: &'static RecordSchema) -> Generator {
        let records = root.walk();
        let mut g = Generator { root, records, enums: Vec::new(), kinds: Vec::new(), composites: Vec::new() };
        for r in g.records.clone() {
            for f in r.fields {
                g.discover(f.kind);
            }
        }
        g.check_names();
        g
    }

    fn discover(&mut self, k: &'static Kind) {
        match k {
            Kind::Field(i) | Kind::Optional(i) | Kind::List(i) => self.discover(i),
            Kind::Map(a, b) => {
                self.discover(a);
                self.discover(b);
            }
            Kind::Enum(e) if !self.enums.iter().any(|x| same_enum(x, e)) => self.enums.push(e),
            _ => {}
        }
        if !self.kinds.iter().any(|x| key(x) == key(k)) {
            self.kinds.push(k);
        }
        if matches!(k, Kind::Field(_) | Kind::Optional(_) | Kind::List(_) | Kind::Map(..))
            && !self.composites.iter().any(|x| suffix(x) == suffix(k))
        {
            self.composites.push(k);
        }
    }

    /// Fails on two different things with one C name.
    fn check_names(&self) {
        let mut seen = BTreeSet::new();
        let mut names: Vec<String> = self.records.iter().map(|r| self.record_c(r)).collect();
        names.extend(self.enums.iter().map(|e| self.enum_c(e)));
        names.extend(self.composites.iter().map(|k| self.ctype(k)));
        for n in names {
            assert!(seen.insert(n.clone()), "two items of the C view are both named {n}");
        }
        for e in &self.enums {
            for v in e.variants {
                assert!(i32::try_from(v.code).is_ok(), "{}::{} code does not fit an int32_t", e.name, v.name);
            }
        }
    }

    pub(crate) fn record_c(&self, r: &RecordSchema) -> String {
        let name = format!("libprobe_{}", snake(r.name));
        if RESERVED.contains(&name.as_str()) || same_record(r, self.root) && name == "libprobe_snapshot" {
            format!("{name}_view")
        } else {
            name
        }
    }

    fn record_index(&self, r: &RecordSchema) -> usize {
        self.records.iter().position(|x| same_record(x, r)).expect("walked record")
    }

    pub(crate) fn enum_c(&self, e: &EnumSchema) -> String {
        format!("libprobe_{}", snake(e.name))
    }

    fn enum_index(&self, e: &EnumSchema) -> usize {
        self.enums.iter().position(|x| same_enum(x, e)).expect("discovered enum")
    }

    pub(crate) fn constant(&self, e: &EnumSchema, variant: &str) -> String {
        let prefix = CONSTANT_PREFIX
            .iter()
            .find(|(n, _)| *n == e.name)
            .map_or_else(|| snake(e.name).to_uppercase(), |(_, p)| (*p).to_owned());
        format!("LIBPROBE_{prefix}_{}", variant.to_uppercase())
    }

    fn kind_index(&self, k: &Kind) -> usize {
        let key = key(k);
        self.kinds.iter().position(|x| self::key(x) == key).expect("discovered kind")
    }

    /// The Rust spelling of a kind's C type in generated.rs.
    pub(crate) fn ctype(&self, k: &Kind) -> String {
        match k {
            Kind::Bool | Kind::U8 => "u8".into(),
            Kind::U16 => "u16".into(),
            Kind::U32 | Kind::Char => "u32".into(),
            Kind::U64 => "u64".into(),
            Kind::I32 => "i32".into(),
            Kind::I64 => "i64".into(),
            Kind::F64 => "f64".into(),
            Kind::Str | Kind::Bytes => "libprobe_str".into(),
            Kind::Enum(e) => self.enum_c(e),
            Kind::Record(r) => format!("*const {}", self.record_c(r)),
            Kind::Field(_) | Kind::Optional(_) | Kind::List(_) | Kind::Map(..) => format!("libprobe_{}", suffix(k)),
        }
    }

    /// The C spelling of a kind's type (for the run-time type table).
    fn c_name(&self, k: &Kind) -> String {
        match k {
            Kind::Enum(e) => self.enum_c(e),
            Kind::Record(r) => format!("const {} *", self.record_c(r)),
            Kind::Field(_) | Kind::Optional(_) | Kind::List(_) | Kind::Map(..) => format!("libprobe_{}", suffix(k)),
            k => c_scalar(k).expect("scalar").into(),
        }
    }

    /// The type of a list element or map value: records are stored inline there (the
    /// array's stride is their size), elsewhere as pointers.
    fn elem_ctype(&self, k: &Kind) -> String {
        match k {
            Kind::Record(r) => self.record_c(r),
            k => self.ctype(k),
        }
    }

    fn elem_converter(&self, k: &Kind) -> String {
        match k {
            Kind::Record(r) => format!("e_{}", suffix(&Kind::Record(r))),
            k => self.converter(k),
        }
    }

    /// The converter for a kind: `fn c_<suffix>(&Arena, ValueRef) -> ctype`.
    fn converter(&self, k: &Kind) -> String {
        format!("c_{}", suffix(k))
    }

    fn field_ident(name: &str) -> String {
        let c = if C_KEYWORDS.contains(&name) { format!("{name}_") } else { name.to_owned() };
        if RUST_KEYWORDS.contains(&c.as_str()) { format!("r#{c}") } else { c }
    }

    // -----------------------------------------------------------------------------------
    // generated.rs

    pub fn rust(&self) -> String {
        let mut o = String::new();
        o.push_str(
            "//! The C view of a snapshot, generated from the core's schema (`Snapshot::SCHEMA`).\n\
             //!\n\
             //! @generated by `make generate` (generate/src/c.rs): do not edit. After a change to a\n\
             //! core record or option, run `make generate` and review the diff of this file and of\n\
             //! `include/libprobe.h`.\n\
             //!\n\
             //! Layout rules (see `include/libprobe.h`): a record is a struct reached by pointer; a\n\
             //! value that may be missing is a `libprobe_opt_*` (`present`, `reason`, `value`); a\n\
             //! list or map is (`ptr`, `count`, `stride`); strings are `libprobe_str`; enums are\n\
             //! `int32_t` codes with named constants; booleans are `uint8_t` 0 or 1.\n\n\
             #![allow(non_camel_case_types, dead_code, clippy::all)]\n\n\
             use libprobe::schema::{Record, ValueRef};\n\n\
             use crate::arena::{Arena, Zero, libprobe_str, presence};\n\
             use crate::schema_info::*;\n\n",
        );
        self.rust_enums(&mut o);
        self.rust_composites(&mut o);
        self.rust_records(&mut o);
        self.rust_scalar_converters(&mut o);
        self.rust_tables(&mut o);
        crate::c_options::setters(&mut o);
        o
    }

    fn rust_enums(&self, o: &mut String) {
        o.push_str("// ---- Enums: int32_t codes, stable, never renumbered. ----\n\n");
        for e in &self.enums {
            doc_lines(o, e.doc, "");
            let c = self.enum_c(e);
            let _ = writeln!(o, "pub type {c} = i32;");
            for v in e.variants {
                doc_lines(o, v.doc, "");
                let _ = writeln!(o, "pub const {}: {c} = {};", self.constant(e, v.name), v.code);
            }
            let _ = writeln!(
                o,
                "\nfn c_{}(_: &Arena, v: ValueRef<'_>) -> {c} {{\n    crate::arena::enum_(v)\n}}\n",
                suffix(&Kind::Enum(e))
            );
        }
    }

    fn rust_composites(&self, o: &mut String) {
        o.push_str("// ---- Values that may be missing, lists and maps. ----\n\n");
        for k in &self.composites {
            let name = self.ctype(k);
            let conv = self.converter(k);
            match k {
                Kind::Field(inner) | Kind::Optional(inner) => {
                    let t = self.ctype(inner);
                    let _ = writeln!(
                        o,
                        "/// A `{}` that may be missing: `present` is 1 when `value` holds one. When it is 0,\n\
                         /// `reason` says why (a `LIBPROBE_REASON_*` code), or is 0 for a value that is\n\
                         /// legitimately absent; `value` is then zero.\n\
                         #[repr(C)]\n#[derive(Debug, Clone, Copy)]\n\
                         pub struct {name} {{\n    pub present: u8,\n    pub reason: u8,\n    pub value: {t},\n}}\n\n\
                         impl Zero for {name} {{\n    const ZERO: Self = {name} {{ present: 0, reason: 0, value: Zero::ZERO }};\n}}\n\n\
                         fn {conv}(a: &Arena, v: ValueRef<'_>) -> {name} {{\n    match presence(v) {{\n        \
                         Ok(v) => {name} {{ present: 1, reason: 0, value: {ic}(a, v) }},\n        \
                         Err(reason) => {name} {{ present: 0, reason, value: Zero::ZERO }},\n    }}\n}}\n",
                        self.c_name(inner),
                        ic = self.converter(inner),
                    );
                }
                Kind::List(inner) => {
                    let t = self.elem_ctype(inner);
                    let _ = writeln!(
                        o,
                        "/// An array of `{}` in the snapshot's arena: element `i` is at\n\
                         /// `(const char *)ptr + i * stride` (`LIBPROBE_AT`); `ptr` is NULL when `count` is 0.\n\
                         #[repr(C)]\n#[derive(Debug, Clone, Copy)]\n\
                         pub struct {name} {{\n    pub ptr: *const {t},\n    pub count: usize,\n    pub stride: usize,\n}}\n\n\
                         impl Zero for {name} {{\n    const ZERO: Self = {name} {{ ptr: std::ptr::null(), count: 0, stride: size_of::<{t}>() }};\n}}\n\n\
                         fn {conv}(a: &Arena, v: ValueRef<'_>) -> {name} {{\n    \
                         let (ptr, count) = a.list(v, {ic});\n    {name} {{ ptr, count, stride: size_of::<{t}>() }}\n}}\n",
                        match inner {
                            Kind::Record(r) => self.record_c(r),
                            k => self.c_name(k),
                        },
                        ic = self.elem_converter(inner),
                    );
                }
                Kind::Map(kk, vk) => {
                    let (kt, vt) = (self.elem_ctype(kk), self.elem_ctype(vk));
                    let _ = writeln!(
                        o,
                        "/// One entry of a `{name}`.\n\
                         #[repr(C)]\n#[derive(Debug, Clone, Copy)]\n\
                         pub struct {name}_entry {{\n    pub key: {kt},\n    pub value: {vt},\n}}\n\n\
                         /// An ordered map (in the order the kernel listed it; keys repeat only where the\n\
                         /// kernel repeats them): an array of entries, entry `i` at\n\
                         /// `(const char *)ptr + i * stride`; `ptr` is NULL when `count` is 0.\n\
                         #[repr(C)]\n#[derive(Debug, Clone, Copy)]\n\
                         pub struct {name} {{\n    pub ptr: *const {name}_entry,\n    pub count: usize,\n    pub stride: usize,\n}}\n\n\
                         impl Zero for {name} {{\n    const ZERO: Self = {name} {{ ptr: std::ptr::null(), count: 0, stride: size_of::<{name}_entry>() }};\n}}\n\n\
                         fn {conv}(a: &Arena, v: ValueRef<'_>) -> {name} {{\n    \
                         let (ptr, count) = a.map(v, |a, k, v| {name}_entry {{ key: {kc}(a, k), value: {vc}(a, v) }});\n    \
                         {name} {{ ptr, count, stride: size_of::<{name}_entry>() }}\n}}\n",
                        kc = self.elem_converter(kk),
                        vc = self.elem_converter(vk),
                    );
                }
                _ => unreachable!(),
            }
        }
    }

    fn rust_records(&self, o: &mut String) {
        o.push_str("// ---- Records. ----\n\n");
        for r in &self.records {
            let c = self.record_c(r);
            let is_root = same_record(r, self.root);
            doc_lines(o, r.doc, "");
            if is_root {
                o.push_str(
                    "///\n/// The root of a snapshot's view (`libprobe_snapshot_root`). It starts with its own size\n\
                     /// and the ABI version, then the snapshot's fields.\n",
                );
            }
            let _ = writeln!(o, "#[repr(C)]\n#[derive(Debug, Clone, Copy)]\npub struct {c} {{");
            if is_root {
                o.push_str(
                    "    /// `sizeof(libprobe_snapshot_view)` in the library that built it.\n    pub struct_size: u32,\n    \
                     /// `LIBPROBE_ABI_VERSION` of the library that built it.\n    pub abi_version: u32,\n",
                );
            }
            for f in r.fields {
                doc_lines(o, &crate::field_doc(f, "\n"), "    ");
                let _ = writeln!(o, "    pub {}: {},", Self::field_ident(f.name), self.ctype(f.kind));
            }
            o.push_str("}\n\n");
            let _ = writeln!(
                o,
                "fn {conv}(a: &Arena, v: ValueRef<'_>) -> *const {c} {{\n    a.record(v, fill_{s})\n}}\n",
                conv = self.converter(&Kind::Record(r)),
                s = suffix(&Kind::Record(r)),
            );
            let _ = writeln!(
                o,
                "fn {e}(a: &Arena, v: ValueRef<'_>) -> {c} {{\n    match v {{\n        \
                 ValueRef::Record(r) => fill_{s}(a, r),\n        v => crate::arena::mismatch(v),\n    }}\n}}\n",
                e = self.elem_converter(&Kind::Record(r)),
                s = suffix(&Kind::Record(r)),
            );
            let _ = writeln!(
                o,
                "pub(crate) fn fill_{s}(a: &Arena, r: &dyn Record) -> {c} {{\n    {c} {{",
                s = suffix(&Kind::Record(r))
            );
            if is_root {
                let _ = writeln!(
                    o,
                    "        struct_size: size_of::<{c}>() as u32,\n        abi_version: crate::LIBPROBE_ABI_VERSION,"
                );
            }
            for (i, f) in r.fields.iter().enumerate() {
                let _ =
                    writeln!(o, "        {}: {}(a, r.field({i})),", Self::field_ident(f.name), self.converter(f.kind));
            }
            o.push_str("    }\n}\n\n");
        }
    }

    fn rust_scalar_converters(&self, o: &mut String) {
        o.push_str("// ---- Scalars. ----\n\n");
        let mut done = BTreeSet::new();
        for k in &self.kinds {
            let conv = self.converter(k);
            if !done.insert(conv.clone()) {
                continue;
            }
            let body = match k {
                Kind::Bool => "crate::arena::bool_(v)",
                Kind::U8 => "crate::arena::u8_(v)",
                Kind::U16 => "crate::arena::u16_(v)",
                Kind::U32 => "crate::arena::u32_(v)",
                Kind::U64 => "crate::arena::u64_(v)",
                Kind::I32 => "crate::arena::i32_(v)",
                Kind::I64 => "crate::arena::i64_(v)",
                Kind::F64 => "crate::arena::f64_(v)",
                Kind::Char => "crate::arena::char_(v)",
                Kind::Str | Kind::Bytes => "a.str_(v)",
                _ => continue,
            };
            let a = if body.starts_with("a.") { "a" } else { "_" };
            let _ = writeln!(o, "fn {conv}({a}: &Arena, v: ValueRef<'_>) -> {} {{\n    {body}\n}}\n", self.ctype(k));
        }
    }

    fn rust_tables(&self, o: &mut String) {
        o.push_str("// ---- The run-time schema (`libprobe_schema()`). ----\n\n");
        const NONE: &str = "LIBPROBE_SCHEMA_NONE";
        // Types.
        let _ = writeln!(o, "pub(crate) static TYPES: Table<[libprobe_type_info; {}]> = Table([", self.kinds.len());
        for k in &self.kinds {
            let ctype = self.ctype(k);
            let (value_offset, elem, value, target) = match k {
                Kind::Field(i) | Kind::Optional(i) => (
                    format!("std::mem::offset_of!({ctype}, value) as u32"),
                    self.kind_index(i).to_string(),
                    NONE.into(),
                    NONE.into(),
                ),
                Kind::List(i) => ("0".into(), self.kind_index(i).to_string(), NONE.into(), NONE.into()),
                Kind::Map(a, b) => (
                    format!("std::mem::offset_of!({ctype}_entry, value) as u32"),
                    self.kind_index(a).to_string(),
                    self.kind_index(b).to_string(),
                    NONE.into(),
                ),
                Kind::Record(r) => ("0".into(), NONE.into(), NONE.into(), self.record_index(r).to_string()),
                Kind::Enum(e) => ("0".into(), NONE.into(), NONE.into(), self.enum_index(e).to_string()),
                _ => ("0".into(), NONE.into(), NONE.into(), NONE.into()),
            };
            let _ = writeln!(
                o,
                "    libprobe_type_info {{ kind: {}, size: size_of::<{ctype}>() as u32, value_offset: {value_offset}, \
                 elem: {elem}, value: {value}, target: {target}, name: {}.as_ptr() }},",
                kind_constant(k),
                c_lit(&self.c_name(k)),
            );
        }
        o.push_str("]);\n\n");
        // Fields of each record.
        for r in &self.records {
            let c = self.record_c(r);
            let _ = writeln!(
                o,
                "static FIELDS_{}: Table<[libprobe_field_info; {}]> = Table([",
                suffix(&Kind::Record(r)).to_uppercase(),
                r.fields.len()
            );
            for f in r.fields {
                let unit = f.unit.map_or("std::ptr::null()".to_owned(), |u| format!("{}.as_ptr()", c_lit(u)));
                let _ = writeln!(
                    o,
                    "    libprobe_field_info {{ name: {}.as_ptr(), doc: {}.as_ptr(), unit: {unit}, type_index: {}, \
                     offset: std::mem::offset_of!({c}, {}) as u32, metric: {} }},",
                    c_lit(f.name),
                    c_lit(f.doc),
                    self.kind_index(f.kind),
                    Self::field_ident(f.name),
                    match f.metric {
                        libprobe::schema::Metric::Counter => "LIBPROBE_METRIC_COUNTER",
                        libprobe::schema::Metric::Gauge => "LIBPROBE_METRIC_GAUGE",
                    },
                );
            }
            o.push_str("]);\n\n");
        }
        let _ =
            writeln!(o, "pub(crate) static RECORDS: Table<[libprobe_record_info; {}]> = Table([", self.records.len());
        for r in &self.records {
            let c = self.record_c(r);
            let s = suffix(&Kind::Record(r)).to_uppercase();
            let _ = writeln!(
                o,
                "    libprobe_record_info {{ name: {}.as_ptr(), schema_name: {}.as_ptr(), doc: {}.as_ptr(), \
                 size: size_of::<{c}>() as u32, field_count: FIELDS_{s}.0.len() as u32, fields: FIELDS_{s}.0.as_ptr() }},",
                c_lit(&c),
                c_lit(r.name),
                c_lit(r.doc),
            );
        }
        o.push_str("]);\n\n");
        // Enums.
        for e in &self.enums {
            let _ = writeln!(
                o,
                "static VARIANTS_{}: Table<[libprobe_variant_info; {}]> = Table([",
                suffix(&Kind::Enum(e)).to_uppercase(),
                e.variants.len()
            );
            for v in e.variants {
                let _ = writeln!(
                    o,
                    "    libprobe_variant_info {{ name: {}.as_ptr(), constant: {}.as_ptr(), doc: {}.as_ptr(), code: {} }},",
                    c_lit(v.name),
                    c_lit(&self.constant(e, v.name)),
                    c_lit(v.doc),
                    self.constant(e, v.name),
                );
            }
            o.push_str("]);\n\n");
        }
        let _ = writeln!(o, "pub(crate) static ENUMS: Table<[libprobe_enum_info; {}]> = Table([", self.enums.len());
        for e in &self.enums {
            let s = suffix(&Kind::Enum(e)).to_uppercase();
            let _ = writeln!(
                o,
                "    libprobe_enum_info {{ name: {}.as_ptr(), schema_name: {}.as_ptr(), doc: {}.as_ptr(), \
                 variant_count: VARIANTS_{s}.0.len() as u32, variants: VARIANTS_{s}.0.as_ptr() }},",
                c_lit(&self.enum_c(e)),
                c_lit(e.name),
                c_lit(e.doc),
            );
        }
        o.push_str("]);\n\n");
    }

    // -----------------------------------------------------------------------------------
    // tests/c/layout.h

    pub fn layout_h(&self) -> String {
        let mut o = String::new();
        o.push_str(
            "/* Every struct, field and constant of the C view, for the layout checks of the C\n \
             * tests. @generated by `make generate` (generate/src/c.rs) from the core's schema: do not edit.\n \
             *\n \
             * The including file defines the macros:\n \
             *   LAYOUT_RECORD(type, schema_name)   a view struct\n \
             *   LAYOUT_FIELD(type, member, name)   one of its fields, in order\n \
             *   LAYOUT_COMPOSITE(type)             a libprobe_opt_* / libprobe_list_* / libprobe_map_*\n \
             *   LAYOUT_CONSTANT(constant, enum_type, name)\n \
             */\n\n",
        );
        for k in &self.composites {
            let _ = writeln!(o, "LAYOUT_COMPOSITE({})", self.ctype(k));
        }
        o.push('\n');
        for r in &self.records {
            let c = self.record_c(r);
            let _ = writeln!(o, "LAYOUT_RECORD({c}, \"{}\")", r.name);
            for f in r.fields {
                let member = if C_KEYWORDS.contains(&f.name) { format!("{}_", f.name) } else { f.name.to_owned() };
                let _ = writeln!(o, "LAYOUT_FIELD({c}, {member}, \"{}\")", f.name);
            }
            o.push('\n');
        }
        for e in &self.enums {
            for v in e.variants {
                let _ =
                    writeln!(o, "LAYOUT_CONSTANT({}, {}, \"{}\")", self.constant(e, v.name), self.enum_c(e), v.name);
            }
        }
        o
    }
}
