//! The package's TypeScript declarations (`index.d.ts`), generated from the core's record
//! schema: an interface per record type with a documented, typed camelCase property per
//! field, a string-literal union per enum, the options, `Probe`, the error classes and
//! the helpers of `index.js`.
//!
//! `index.d.ts` is committed; the test below fails when it differs from what this
//! generator writes, and `LIBPROBE_BLESS=1 cargo test -p libprobe-node` rewrites it. The
//! package's own tests compare it with the built addon's `typings()` too.

use std::fmt::Write;

use libprobe::Snapshot;
use libprobe::schema::{Kind, RecordType};

use crate::convert::camel;
use crate::schema_json::{enums, records};
use crate::{ERRORS, OPTIONS};

/// Where the declarations live, relative to this crate.
pub const PATH: &str = "index.d.ts";

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
        "// Generated from libprobe-core's record schema by bindings/node/src/typings.rs: do not edit.\n\
         // `LIBPROBE_BLESS=1 cargo test -p libprobe-node` rewrites this file; the test fails when it\n\
         // is stale.\n\n",
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
            let text = match f.unit {
                Some(u) if f.doc.is_empty() => format!("Unit: {u}."),
                Some(u) => format!("{}\n\nUnit: {u}.", f.doc),
                None => f.doc.to_owned(),
            };
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

    w.push_str("/** Options of `new Probe(options)`; each one left out takes the core's default. */\nexport interface ProbeOptions {\n");
    for (name, ty, text) in OPTIONS {
        doc(w, "  ", text);
        let _ = writeln!(w, "  {name}?: {ty};");
    }
    w.push_str("}\n\n");

    let _ = write!(w, "{}", PROBE.replace("SNAPSHOT", Snapshot::SCHEMA.name));

    let codes: Vec<String> = ERRORS.iter().map(|e| format!("'{}'", e.code)).collect();
    let _ = writeln!(w, "/** The `code` of each error kind (`'ERROR'` for a kind newer than this package). */");
    let _ = writeln!(w, "export type ErrorCode = {} | 'ERROR';\n", codes.join(" | "));
    w.push_str("/** Base class of every libprobe error. */\nexport declare class ProbeError extends Error {\n  readonly code: ErrorCode;\n}\n\n");
    for e in ERRORS {
        doc(w, "", e.doc);
        let _ =
            writeln!(w, "export declare class {} extends ProbeError {{\n  readonly code: '{}';\n}}\n", e.class, e.code);
    }
    w.push_str(HELPERS.replace("SNAPSHOT", Snapshot::SCHEMA.name).as_str());
    out
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
";

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn typings_are_fresh() {
        let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(PATH);
        let text = render();
        if std::env::var_os("LIBPROBE_BLESS").is_some_and(|v| v == "1") {
            std::fs::write(&path, &text).unwrap();
            return;
        }
        let committed = std::fs::read_to_string(&path).unwrap_or_default();
        assert!(
            committed == text,
            "{} is stale: run `LIBPROBE_BLESS=1 cargo test -p libprobe-node` and commit it",
            path.display()
        );
    }

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
