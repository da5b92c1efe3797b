//! Renders any record for people, from its schema: names, values with their units,
//! nested records indented, and missing fields with their reason.

use std::fmt::Write;

use libprobe::schema::{Kind, Record, ValueRef};
use libprobe::text::escape;

/// Human-readable bytes (`1.5 GiB`).
pub fn bytes(n: u64) -> String {
    const UNITS: [&str; 6] = ["B", "KiB", "MiB", "GiB", "TiB", "PiB"];
    if n == u64::MAX {
        return "unlimited".into();
    }
    let mut v = n as f64;
    let mut u = 0;
    while v >= 1024.0 && u < UNITS.len() - 1 {
        v /= 1024.0;
        u += 1;
    }
    if u == 0 { format!("{n} B") } else { format!("{v:.1} {}", UNITS[u]) }
}

/// A value with its unit, for one line of a listing.
pub fn value(v: ValueRef<'_>, unit: Option<&str>) -> String {
    match v {
        ValueRef::Bool(b) => b.to_string(),
        ValueRef::U64(n) => match unit {
            _ if n == u64::MAX && unit != Some("ns") => "unlimited".into(),
            Some("bytes") => format!("{} ({n})", bytes(n)),
            Some("ns") => format!("{:.3} ms", n as f64 / 1e6),
            Some(u) => format!("{n} {u}"),
            None => n.to_string(),
        },
        ValueRef::I64(n) => match unit {
            Some(u) => format!("{n} {u}"),
            None => n.to_string(),
        },
        ValueRef::F64(x) => match unit {
            Some("percent") => format!("{x:.1} %"),
            Some(u) => format!("{x:.2} {u}"),
            None => format!("{x:.2}"),
        },
        ValueRef::Char(c) => escape(c.to_string().as_bytes()),
        ValueRef::Str(s) => escape(s.as_bytes()),
        ValueRef::Bytes(b) => escape(b),
        ValueRef::Enum(e) => e.name.replace('_', " "),
        ValueRef::Null => "none".into(),
        ValueRef::Missing(r) => format!("— ({r})"),
        ValueRef::Record(r) => format!("{} {{…}}", r.schema().name),
        ValueRef::List(l) => format!("[{} items]", l.len()),
        ValueRef::Map(m) => format!("{{{} entries}}", m.len()),
        ValueRef::OutOfRange => "?".into(),
    }
}

/// Every field of `record`, one per line, nested records and lists of records indented.
pub fn record(out: &mut String, record: &dyn Record, indent: usize) {
    let schema = record.schema();
    let width = schema.fields.iter().map(|f| f.name.len()).max().unwrap_or(0);
    for (i, f) in schema.fields.iter().enumerate() {
        let v = record.field(i);
        let pad = " ".repeat(indent);
        match v {
            ValueRef::Record(r) => {
                let _ = writeln!(out, "{pad}{}:", f.name);
                self::record(out, r, indent + 2);
            }
            ValueRef::List(l) if matches!(f.kind.inner(), Kind::List(k) if matches!(k.inner(), Kind::Record(_))) => {
                let _ = writeln!(out, "{pad}{}: {} entries", f.name, l.len());
                for j in 0..l.len() {
                    if let ValueRef::Record(r) = l.at(j) {
                        let _ = writeln!(out, "{pad}  - ");
                        self::record(out, r, indent + 4);
                    }
                }
            }
            ValueRef::List(l) => {
                let items: Vec<String> = (0..l.len()).map(|j| value(l.at(j), None)).collect();
                let joined = items.join(" ");
                let _ = writeln!(out, "{pad}{:width$}  [{}]", f.name, truncate(&joined, 400));
            }
            ValueRef::Map(m) => {
                let _ = writeln!(out, "{pad}{}: {} entries", f.name, m.len());
                for j in 0..m.len() {
                    let _ = writeln!(out, "{pad}  {} = {}", value(m.key(j), None), value(m.value(j), f.unit));
                }
            }
            v => {
                let _ = writeln!(out, "{pad}{:width$}  {}", f.name, value(v, f.unit));
            }
        }
    }
}

/// `s` cut to `max` characters with an ellipsis.
pub fn truncate(s: &str, max: usize) -> String {
    if s.chars().count() <= max {
        s.to_owned()
    } else {
        let mut t: String = s.chars().take(max.saturating_sub(1)).collect();
        t.push('…');
        t
    }
}
