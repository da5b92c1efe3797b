//! The record schema as JSON, for the JavaScript side of the package (its JSON renderer
//! walks snapshots with it, and checks every value's type on the way):
//!
//! ```text
//! {"root": "Snapshot",
//!  "records": {"Snapshot": [{"name": "timestamp_unix_ns", "key": "timestampUnixNs",
//!                            "unit": "ns", "metric": "gauge", "kind": {"t": "u64"}}, …], …},
//!  "enums": {"Reason": ["permission_denied", …], …}}
//! ```
//!
//! Kinds: `{"t": "bool" | "u8" | "u16" | "u32" | "u64" | "i32" | "i64" | "f64" | "char" |
//! "str" | "bytes"}`, `{"t": "enum" | "record", "name"}`, `{"t": "field" | "optional" |
//! "list", "of"}`, `{"t": "map", "key", "value"}`.

use std::fmt::Write;

use libprobe::Snapshot;
use libprobe::schema::{EnumSchema, Kind, RecordSchema, RecordType};

use crate::convert::camel;

/// Every record type reachable from the snapshot, each once (by name), in walk order.
pub fn records() -> Vec<&'static RecordSchema> {
    libprobe::schema::record_types(Snapshot::SCHEMA)
}

/// Every enum type the records use, each once, in order of first use; then `Reason` and
/// `DomainName`, which the API uses even where no field holds them.
pub fn enums() -> Vec<&'static EnumSchema> {
    use libprobe::schema::EnumType;
    libprobe::schema::enum_types(
        &records(),
        &[<libprobe::Reason as EnumType>::SCHEMA, <libprobe::DomainName as EnumType>::SCHEMA],
    )
}

pub fn render() -> String {
    let mut out = String::new();
    let _ = write!(out, "{{\"root\":{:?},\"records\":{{", Snapshot::SCHEMA.name);
    for (i, r) in records().iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        let _ = write!(out, "{:?}:[", r.name);
        for (j, f) in r.fields.iter().enumerate() {
            if j > 0 {
                out.push(',');
            }
            let _ = write!(out, "{{\"name\":{:?},\"key\":{:?},\"unit\":", f.name, camel(f.name));
            match f.unit {
                Some(u) => {
                    let _ = write!(out, "{u:?}");
                }
                None => out.push_str("null"),
            }
            let _ = write!(out, ",\"metric\":{:?},\"kind\":", f.metric.name());
            kind(&mut out, f.kind);
            out.push('}');
        }
        out.push(']');
    }
    out.push_str("},\"enums\":{");
    for (i, e) in enums().iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        let names: Vec<String> = e.variants.iter().map(|v| format!("{:?}", v.name)).collect();
        let _ = write!(out, "{:?}:[{}]", e.name, names.join(","));
    }
    out.push_str("}}");
    out
}

fn kind(out: &mut String, k: &Kind) {
    let scalar = match k {
        Kind::Bool => "bool",
        Kind::U8 => "u8",
        Kind::U16 => "u16",
        Kind::U32 => "u32",
        Kind::U64 => "u64",
        Kind::I32 => "i32",
        Kind::I64 => "i64",
        Kind::F64 => "f64",
        Kind::Char => "char",
        Kind::Str => "str",
        Kind::Bytes => "bytes",
        Kind::Enum(e) => {
            let _ = write!(out, "{{\"t\":\"enum\",\"name\":{:?}}}", e.name);
            return;
        }
        Kind::Record(r) => {
            let _ = write!(out, "{{\"t\":\"record\",\"name\":{:?}}}", r.name);
            return;
        }
        Kind::Field(of) | Kind::Optional(of) | Kind::List(of) => {
            let t = match k {
                Kind::Field(_) => "field",
                Kind::Optional(_) => "optional",
                _ => "list",
            };
            let _ = write!(out, "{{\"t\":\"{t}\",\"of\":");
            kind(out, of);
            out.push('}');
            return;
        }
        Kind::Map(key, value) => {
            out.push_str("{\"t\":\"map\",\"key\":");
            kind(out, key);
            out.push_str(",\"value\":");
            kind(out, value);
            out.push('}');
            return;
        }
    };
    let _ = write!(out, "{{\"t\":\"{scalar}\"}}");
}
