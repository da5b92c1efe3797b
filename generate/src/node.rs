//! The package's TypeScript declarations (`index.d.ts`), generated from the core's record
//! schema: an interface per record type with a documented, typed camelCase property per
//! field, a string-literal union per enum, the options, `Probe`, the error classes and
//! the helpers of `index.js`.
//!
//! `index.d.ts` is committed; `make generate` rewrites it and `make test` fails when it is
//! stale.

use std::fmt::Write;

use libprobe::options::OptionKind;
use libprobe::schema::{EnumSchema, EnumType, Kind, RecordSchema, RecordType, camel_case as camel};
use libprobe::{DomainName, ErrorKind, Options, Reason, Snapshot};

fn records() -> Vec<&'static RecordSchema> {
    libprobe::schema::record_types(Snapshot::SCHEMA)
}

fn enums() -> Vec<&'static EnumSchema> {
    libprobe::schema::enum_types(&records(), &[<Reason as EnumType>::SCHEMA, <DomainName as EnumType>::SCHEMA])
}

/// The TypeScript type of a field of `kind`.
pub fn ts_type(kind: &Kind) -> String {
    match kind {
        Kind::Bool => "boolean".into(),
        Kind::U8 | Kind::U16 | Kind::U32 | Kind::I32 | Kind::F64 => "number".into(),
        Kind::U64 | Kind::I64 => "bigint".into(),
        Kind::Char | Kind::Str | Kind::Bytes => "string".into(),
        Kind::Enum(e) => e.name.into(),
        Kind::Record(r) => r.name.into(),
        Kind::Field(k) | Kind::Optional(k) => {
            let inner = ts_type(k);
            if inner.ends_with(" | null") { inner } else { format!("{inner} | null") }
        }
        Kind::List(k) => {
            let inner = ts_type(k);
            if inner.contains(' ') { format!("Array<{inner}>") } else { format!("{inner}[]") }
        }
        Kind::Map(k, v) => format!("{{ [key: {}]: {} }}", ts_type(k), ts_type(v)),
    }
}

fn doc(w: &mut String, indent: &str, text: &str) {
    let text = text.trim().replace("*/", "*\\/");
    if text.is_empty() {
        return;
    }
    if !text.contains('\n') {
        let _ = writeln!(w, "{indent}/** {text} */");
        return;
    }
    let _ = writeln!(w, "{indent}/**");
    for line in text.lines() {
        if line.is_empty() {
            let _ = writeln!(w, "{indent} *");
        } else {
            let _ = writeln!(w, "{indent} * {line}");
        }
    }
    let _ = writeln!(w, "{indent} */");
}

pub fn render() -> String {
    let mut out = String::new();
    let w = &mut out;
    w.push_str(
        "// Generated from libprobe-core's schemas by `make generate` (generate/src/node.rs): do not\n\
         // edit. `make test` fails when it is stale.\n\n",
    );
    for e in enums() {
        doc(w, "", e.doc);
        let names: Vec<String> = e.variants.iter().map(|v| format!("'{}'", v.name)).collect();
        let _ = writeln!(w, "export type {} = {};\n", e.name, names.join(" | "));
    }
    for r in records() {
        doc(w, "", r.doc);
        let _ = writeln!(w, "export interface {} {{", r.name);
        for f in r.fields {
            let text = crate::field_doc(f, "\n\n");
            doc(w, "  ", &text);
            let _ = writeln!(w, "  {}: {};", camel(f.name), ts_type(f.kind));
        }
        let missable: Vec<String> = r
            .fields
            .iter()
            .filter(|f| matches!(f.kind, Kind::Field(_)))
            .map(|f| format!("'{}'", camel(f.name)))
            .collect();
        if !missable.is_empty() {
            w.push_str(
                "  /** The fields that could not be read, each with its reason; present only when some are missing. */\n",
            );
            let _ = writeln!(w, "  unavailable?: Partial<Record<{}, Reason>>;", missable.join(" | "));
        }
        w.push_str("}\n\n");
    }

    let names: Vec<String> = records().iter().map(|r| format!("'{}'", r.name)).collect();
    let _ = writeln!(w, "/** The name of each record type. */\nexport type RecordTypeName = {};\n", names.join(" | "));
    w.push_str("/** Each record type by name. */\nexport interface RecordTypes {\n");
    for r in records() {
        let _ = writeln!(w, "  {0}: {0};", r.name);
    }
    w.push_str("}\n\n");

    options(w);

    let _ = write!(w, "{}", PROBE.replace("SNAPSHOT", Snapshot::SCHEMA.name));

    let codes: Vec<String> = ErrorKind::ALL.iter().map(|k| format!("'{}'", k.name().to_uppercase())).collect();
    let _ = writeln!(w, "/** The `code` of each error kind (`'ERROR'` for a kind newer than this package). */");
    let _ = writeln!(w, "export type ErrorCode = {} | 'ERROR';\n", codes.join(" | "));
    w.push_str("/** Base class of every libprobe error. */\nexport declare class ProbeError extends Error {\n  readonly code: ErrorCode;\n}\n\n");
    for k in ErrorKind::ALL {
        doc(w, "", k.doc());
        let (class, code) = (k.class_name(), k.name().to_uppercase());
        let _ = writeln!(w, "export declare class {class} extends ProbeError {{\n  readonly code: '{code}';\n}}\n");
    }
    w.push_str(HELPERS.replace("SNAPSHOT", Snapshot::SCHEMA.name).as_str());
    out
}

/// The options of `new Probe(options)`: an interface per domain (camelCase keys), and
/// `ProbeOptions` holding them with `domains` and the roots.
fn options(w: &mut String) {
    let described = Options::describe();
    for d in DomainName::ALL {
        let t = format!("{}Options", libprobe::schema::pascal_case(d.name()));
        let _ = writeln!(
            w,
            "/** The {} domain's options (`new Probe({{ {}: {{ … }} }})`); each one left out keeps its default. */",
            d.name(),
            d.name()
        );
        let _ = writeln!(w, "export interface {t} {{");
        for info in described.iter().filter(|i| i.domain == Some(d)) {
            doc(w, "  ", &format!("{}\n\nKey `{}`; default `{}`.", info.doc, info.key, info.default));
            let _ = writeln!(w, "  {}?: {};", camel(info.name), ts_option_type(info.kind));
        }
        w.push_str("}\n\n");
    }
    w.push_str(
        "/** Options of `new Probe(options)`; each one left out takes the core's default. An unknown key throws `TypeError`. */\n\
         export interface ProbeOptions {\n",
    );
    doc(
        w,
        "  ",
        &format!("{} A comma-separated string or a list of names (`all` for every domain).", described[0].doc),
    );
    w.push_str("  domains?: string | DomainName[];\n");
    for d in DomainName::ALL {
        let _ = writeln!(
            w,
            "  /** The {0} domain's options. */\n  {0}?: {1}Options;",
            d.name(),
            libprobe::schema::pascal_case(d.name())
        );
    }
    w.push_str(
        "  /** Read a fixture tree (DIR/proc, DIR/sys, DIR/syscalls.txt) instead of this machine. */\n  fixture?: string;\n\
         \x20 /** Where procfs is mounted (default /proc, or LIBPROBE_PROCFS). */\n  procfs?: string;\n\
         \x20 /** Where sysfs is mounted (default /sys, or LIBPROBE_SYSFS). */\n  sysfs?: string;\n\
         \x20 /** Where device nodes are (default /dev, or LIBPROBE_DEVFS). */\n  devfs?: string;\n\
         \x20 /** The observed machine's root, for mount points (default /, or LIBPROBE_ROOTFS). */\n  rootfs?: string;\n\
         \x20 /** The largest file read, in bytes (default 32 MiB). */\n  maxFileBytes?: number;\n}\n\n\
         /** One option of the schema (`OPTIONS`). Values are in the `probe` command's text syntax. */\n\
         export interface OptionInfo {\n\
         \x20 /** `domains` or `<domain>.<option>` (snake_case, as the C keys). */\n  key: string;\n\
         \x20 /** The domain, or null for `domains`. */\n  domain: DomainName | null;\n\
         \x20 /** The name within the domain, snake_case. */\n  name: string;\n\
         \x20 /** The property in the domain's options object (camelCase). */\n  property: string;\n\
         \x20 kind: 'bool' | 'uint' | 'names' | 'choice' | 'pids' | 'path' | 'words' | 'namespace';\n\
         \x20 doc: string;\n  unit: string | null;\n  default: string;\n\
         \x20 /** A valid value other than the default. */\n  sample: string;\n\
         \x20 /** The names a names or choice option accepts. */\n  accepted: string[];\n\
         \x20 /** The bounds of a uint option. */\n  min: number | null;\n  max: number | null;\n}\n\n",
    );
}

/// The TypeScript type of an option of `kind`.
fn ts_option_type(kind: OptionKind) -> String {
    let names = |a: &[&str]| a.iter().map(|n| format!("'{n}'")).collect::<Vec<_>>().join(" | ");
    match kind {
        OptionKind::Bool => "boolean".into(),
        OptionKind::UInt { .. } => "number".into(),
        OptionKind::Names(a) => format!("string | Array<{}>", names(a)),
        OptionKind::Choice(a) => names(a),
        OptionKind::Pids => "number[] | null".into(),
        OptionKind::Path => "string | null".into(),
        OptionKind::Words => "string | string[]".into(),
        OptionKind::Namespace => "number | string".into(),
    }
}

const PROBE: &str = "\
/**
 * Collects snapshots of this machine (or of a fixture tree). Keeps the previous snapshot's
 * counters, so rates such as `cpuPercent` have values from the second snapshot on.
 */
export declare class Probe {
  /** Throws `InvalidArgumentError` for an unknown option, domain or invalid value. */
  constructor(options?: ProbeOptions);
  /** Collects every enabled domain, on this thread. Never fails as a whole: each domain reports its own status in `domains`. */
  snapshot(): SNAPSHOT;
  /** Collects on a worker thread (the event loop keeps running); converts on this one. */
  snapshotAsync(): Promise<SNAPSHOT>;
  /** The domains this probe collects. */
  readonly domains: DomainName[];
  /** The value of option `key` (`domains` or `<domain>.<option>`, snake_case) in the `probe` command's text syntax: what the core uses. Throws `TypeError` for an unknown key. */
  getOption(key: string): string;
}

";

const HELPERS: &str = "\
/**
 * The snapshot as JSON with the specification's snake_case names, rendered from these
 * objects (bigints exact, non-UTF-8 bytes as `\\udcXX` escapes). Throws `TypeError` when a
 * value does not have its field's type.
 */
export declare function toJSON(snapshot: SNAPSHOT, indent?: number): string;
/** One record (a process, a CPU, …) as JSON, like `toJSON`. */
export declare function recordToJSON<T extends RecordTypeName>(record: RecordTypes[T], type: T, indent?: number): string;
/** The bytes of a string from a snapshot (lone surrogates U+DC80–U+DCFF back to raw bytes). */
export declare function toBytes(text: string): Uint8Array;
/** The libprobe version. */
export declare const VERSION: string;
/** Every domain, in code order. */
export declare const DOMAINS: readonly DomainName[];
/** Every option: its key, kind, doc, default and accepted values (the core's schema). */
export declare const OPTIONS: readonly OptionInfo[];
/** One field of a record type in `SCHEMA`. */
export interface SchemaField {
  /** The specification's snake_case name (as in JSON). */
  readonly name: string;
  /** The camelCase property name. */
  readonly key: string;
  /** The unit (`bytes`, `ticks`, …), or null. */
  readonly unit: string | null;
  /** `counter` for a value the kernel only adds to (export its rate), else `gauge`. */
  readonly metric: 'counter' | 'gauge';
  /** The value's type: `{ t: 'u64' }`, `{ t: 'field', of }`, `{ t: 'record', name }`, … */
  readonly kind: { readonly t: string; readonly [more: string]: unknown };
}
/** The record schema every snapshot follows: each record type's fields in order. */
export declare const SCHEMA: {
  readonly root: RecordTypeName;
  readonly records: { readonly [T in RecordTypeName]: readonly SchemaField[] };
  readonly enums: { readonly [name: string]: readonly string[] };
};
";

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_usable_and_distinct() {
        const TS_GLOBALS: &[&str] = &[
            "Record",
            "Map",
            "Set",
            "Error",
            "Object",
            "Array",
            "Promise",
            "String",
            "Number",
            "Boolean",
            "Symbol",
            "Date",
            "Function",
            "BigInt",
            "Partial",
            "Probe",
            "ProbeOptions",
            "ProbeError",
            "RecordTypes",
            "RecordTypeName",
            "ErrorCode",
            "OptionInfo",
            "SchemaField",
        ];
        for r in records() {
            assert!(!TS_GLOBALS.contains(&r.name), "record type {} clashes with a TypeScript or API name", r.name);
            let mut keys: Vec<String> = r.fields.iter().map(|f| camel(f.name)).collect();
            keys.push("unavailable".into());
            let mut sorted = keys.clone();
            sorted.sort();
            sorted.dedup();
            assert_eq!(
                sorted.len(),
                keys.len(),
                "{}: two fields share a camelCase name, or one is `unavailable`",
                r.name
            );
        }
        for e in enums() {
            assert!(!TS_GLOBALS.contains(&e.name) && !records().iter().any(|r| r.name == e.name), "{}", e.name);
        }
    }

    #[test]
    fn kinds_map_to_typescript_types() {
        assert_eq!(ts_type(&Kind::Field(&Kind::U64)), "bigint | null");
        assert_eq!(ts_type(&Kind::List(&Kind::Bytes)), "string[]");
        assert_eq!(ts_type(&Kind::Field(&Kind::List(&Kind::U32))), "number[] | null");
        assert_eq!(ts_type(&Kind::Map(&Kind::Bytes, &Kind::Bytes)), "{ [key: string]: string }");
    }
}
