//! JSON for any [`Record`], written from its schema: the contract every language's
//! faces are compared against.
//!
//! - Field names are the schema's snake_case names, in declaration order.
//! - A missing [`crate::Field`] is `null`, and the record gains an `"unavailable"` object
//!   mapping each missing field to its reason: `"unavailable": {"io_read_bytes":
//!   "permission_denied"}`. A legitimately absent `Option` is `null` with no entry.
//! - Enums are their snake_case names; integers are exact (u64 beyond 2^53 included).
//! - Byte strings that are valid UTF-8 are JSON strings; a byte that is not valid UTF-8 is
//!   written as the escape `\udcXX` (the lone surrogate U+DC80 + byte, Python's
//!   `surrogateescape` convention), so no information is lost and Python's
//!   `json.loads(...).encode('utf-8', 'surrogateescape')` gives the original bytes back.
//! - Control characters (C0, DEL, C1) in strings are escaped (`\u009b`).
//! - Non-finite floats (which libprobe never produces on purpose) are written as `null`.

use std::fmt::Write;

use crate::schema::{Kind, Record, ValueRef};

/// Compact JSON for `record`.
pub fn to_json(record: &dyn Record) -> String {
    let mut out = String::with_capacity(4096);
    Writer { out: &mut out, pretty: false, depth: 0 }.record(record);
    out
}

/// Indented JSON for `record` (two spaces), for people.
pub fn to_json_pretty(record: &dyn Record) -> String {
    let mut out = String::with_capacity(4096);
    Writer { out: &mut out, pretty: true, depth: 0 }.record(record);
    out.push('\n');
    out
}

struct Writer<'o> {
    out: &'o mut String,
    pretty: bool,
    depth: usize,
}

impl Writer<'_> {
    fn newline(&mut self) {
        if self.pretty {
            self.out.push('\n');
            for _ in 0..self.depth {
                self.out.push_str("  ");
            }
        }
    }

    fn colon(&mut self) {
        self.out.push_str(if self.pretty { ": " } else { ":" });
    }

    fn record(&mut self, r: &dyn Record) {
        let schema = r.schema();
        self.out.push('{');
        self.depth += 1;
        let mut missing: Vec<(&str, &str)> = Vec::new();
        for (i, f) in schema.fields.iter().enumerate() {
            if i > 0 {
                self.out.push(',');
            }
            self.newline();
            string(self.out, f.name);
            self.colon();
            let v = r.field(i);
            if let ValueRef::Missing(reason) = v {
                missing.push((f.name, reason.name()));
            }
            self.value(v, f.kind);
        }
        if !missing.is_empty() {
            if !schema.fields.is_empty() {
                self.out.push(',');
            }
            self.newline();
            string(self.out, "unavailable");
            self.colon();
            self.out.push('{');
            self.depth += 1;
            for (i, (name, reason)) in missing.iter().enumerate() {
                if i > 0 {
                    self.out.push(',');
                }
                self.newline();
                string(self.out, name);
                self.colon();
                string(self.out, reason);
            }
            self.depth -= 1;
            self.newline();
            self.out.push('}');
        }
        self.depth -= 1;
        if !schema.fields.is_empty() {
            self.newline();
        }
        self.out.push('}');
    }

    fn value(&mut self, v: ValueRef<'_>, kind: &Kind) {
        match v {
            ValueRef::Bool(b) => self.out.push_str(if b { "true" } else { "false" }),
            ValueRef::U64(n) => {
                let _ = write!(self.out, "{n}");
            }
            ValueRef::I64(n) => {
                let _ = write!(self.out, "{n}");
            }
            ValueRef::F64(x) => float(self.out, x),
            ValueRef::Char(c) => {
                let mut b = [0u8; 4];
                string(self.out, c.encode_utf8(&mut b));
            }
            ValueRef::Str(s) => string(self.out, s),
            ValueRef::Bytes(b) => bytes(self.out, b),
            ValueRef::Enum(e) => string(self.out, e.name),
            ValueRef::Null | ValueRef::Missing(_) | ValueRef::OutOfRange => self.out.push_str("null"),
            ValueRef::Record(r) => self.record(r),
            ValueRef::List(l) => {
                let item = match kind.inner() {
                    Kind::List(k) => *k,
                    k => k,
                };
                self.out.push('[');
                let scalar = !matches!(item.inner(), Kind::Record(_) | Kind::List(_) | Kind::Map(..));
                self.depth += 1;
                for i in 0..l.len() {
                    if i > 0 {
                        self.out.push(',');
                    }
                    if !scalar {
                        self.newline();
                    }
                    self.value(l.at(i), item);
                }
                self.depth -= 1;
                if !scalar && !l.is_empty() {
                    self.newline();
                }
                self.out.push(']');
            }
            ValueRef::Map(m) => {
                let (kk, vk) = match kind.inner() {
                    Kind::Map(k, v) => (*k, *v),
                    k => (k, k),
                };
                self.out.push('{');
                self.depth += 1;
                for i in 0..m.len() {
                    if i > 0 {
                        self.out.push(',');
                    }
                    self.newline();
                    match m.key(i) {
                        ValueRef::Str(s) => string(self.out, s),
                        ValueRef::Bytes(b) => bytes(self.out, b),
                        other => {
                            // Non-string keys are written as their JSON text, quoted.
                            let mut k = String::new();
                            Writer { out: &mut k, pretty: false, depth: 0 }.value(other, kk);
                            string(self.out, &k);
                        }
                    }
                    self.colon();
                    self.value(m.value(i), vk);
                }
                self.depth -= 1;
                if !m.is_empty() {
                    self.newline();
                }
                self.out.push('}');
            }
        }
    }
}

fn float(out: &mut String, x: f64) {
    if !x.is_finite() {
        out.push_str("null");
    } else if x == x.trunc() && x.abs() < 1e15 {
        // Keep floats recognisable as floats: 12 → 12.0.
        let _ = write!(out, "{x:.1}");
    } else {
        let _ = write!(out, "{x}");
    }
}

/// A JSON string for UTF-8 text.
pub(crate) fn string(out: &mut String, s: &str) {
    out.push('"');
    escape_into(out, s);
    out.push('"');
}

/// A JSON string for bytes: valid UTF-8 as text, other bytes as `\udcXX`.
pub(crate) fn bytes(out: &mut String, mut b: &[u8]) {
    out.push('"');
    loop {
        match std::str::from_utf8(b) {
            Ok(s) => {
                escape_into(out, s);
                break;
            }
            Err(e) => {
                let (good, rest) = b.split_at(e.valid_up_to());
                // `good` is the prefix `from_utf8` just validated, so this cannot fail.
                escape_into(out, std::str::from_utf8(good).unwrap_or_default());
                let bad = e.error_len().unwrap_or(rest.len());
                for byte in &rest[..bad] {
                    let _ = write!(out, "\\udc{byte:02x}");
                }
                b = &rest[bad..];
            }
        }
    }
    out.push('"');
}

/// The JSON escape of `s`, without quotes.
fn escape_into(out: &mut String, s: &str) {
    let mut start = 0;
    for (i, c) in s.char_indices() {
        let esc: Option<&str> = match c {
            '"' => Some("\\\""),
            '\\' => Some("\\\\"),
            '\n' => Some("\\n"),
            '\r' => Some("\\r"),
            '\t' => Some("\\t"),
            // Control characters, C1 (U+0080–U+009F) included, so JSON shown raw in a
            // terminal cannot carry escape sequences.
            c if (c as u32) < 0x20 || (0x7f..0xa0).contains(&(c as u32)) => None,
            _ => continue,
        };
        out.push_str(&s[start..i]);
        match esc {
            Some(e) => out.push_str(e),
            None => {
                let _ = write!(out, "\\u{:04x}", c as u32);
            }
        }
        start = i + c.len_utf8();
    }
    out.push_str(&s[start..]);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strings_escape_controls() {
        let mut s = String::new();
        string(&mut s, "a\"b\\c\nd\u{1b}e\u{7f}\u{9b}f\u{a0}");
        assert_eq!(s, "\"a\\\"b\\\\c\\nd\\u001be\\u007f\\u009bf\u{a0}\"");
    }

    #[test]
    fn invalid_utf8_uses_surrogate_escapes() {
        let mut s = String::new();
        bytes(&mut s, b"ok\xffx\"");
        assert_eq!(s, r#""ok\udcffx\"""#);
        let mut t = String::new();
        bytes(&mut t, b"\xfe");
        assert_eq!(t, r#""\udcfe""#);
    }

    #[test]
    fn floats_stay_floats() {
        let mut s = String::new();
        float(&mut s, 12.0);
        s.push(' ');
        float(&mut s, 0.25);
        s.push(' ');
        float(&mut s, f64::NAN);
        assert_eq!(s, "12.0 0.25 null");
    }
}
