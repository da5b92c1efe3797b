//! Byte-level parsing helpers shared by every kernel-file parser.
//!
//! Kernel text is parsed as bytes, never assumed UTF-8 (a process name can hold any byte
//! but NUL), and without allocating: tokens are sub-slices of the read buffer. Every
//! accessor is checked, so a short or garbled line becomes a [`ParseError`] naming the
//! field, never a panic or an index out of bounds.
//!
//! A file is parsed field by field ([`Val`]): a value that does not parse or does not fit
//! its type is that one field's problem ([`Problems`], quoting the raw text), and every
//! other value of the file is still given. See `docs/field-isolation.md`.

use crate::error::ParseError;
use crate::model::{Field, Reason};

/// One value of a parsed file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub(crate) enum Val<T> {
    /// Printed and valid.
    Ok(T),
    /// Not printed (an older kernel, a kernel thread's file, a configuration without it).
    #[default]
    Absent,
    /// Printed, but not a valid value of its type; the parser's [`Problems`] say why.
    Bad,
}

impl<T> Val<T> {
    /// As a record field: `absent` when not printed, `error` when bad (its warning comes
    /// from the file's [`Problems`]).
    pub(crate) fn field(self, absent: Reason) -> Field<T> {
        match self {
            Val::Ok(v) => Field::Value(v),
            Val::Absent => Field::Missing(absent),
            Val::Bad => Field::Missing(Reason::Error),
        }
    }

    pub(crate) fn get(&self) -> Option<&T> {
        match self {
            Val::Ok(v) => Some(v),
            _ => None,
        }
    }

    #[cfg(any(test, feature = "fuzzing"))]
    pub(crate) fn is_ok(&self) -> bool {
        matches!(self, Val::Ok(_))
    }

    pub(crate) fn map<U>(self, f: impl FnOnce(T) -> U) -> Val<U> {
        match self {
            Val::Ok(v) => Val::Ok(f(v)),
            Val::Absent => Val::Absent,
            Val::Bad => Val::Bad,
        }
    }
}

impl<T: Copy> Val<T> {
    /// The value, if valid.
    pub(crate) fn value(&self) -> Option<T> {
        self.get().copied()
    }
}

/// The fields of one file that did not parse, each naming the field and quoting its raw
/// text; the collector turns them into the domain's warnings with the file's path.
/// Bounded: a file of garbage gives a few problems and a count, never one per byte.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct Problems {
    kept: Vec<ParseError>,
    dropped: usize,
}

impl Problems {
    /// Problems kept per file; later ones are only counted.
    const MAX: usize = 4;

    pub(crate) fn push(&mut self, e: ParseError) {
        if self.kept.len() < Self::MAX {
            self.kept.push(e);
        } else {
            self.dropped = self.dropped.saturating_add(1);
        }
    }

    /// The value of a field's parse, recording its error: `Bad` when it failed.
    pub(crate) fn take<T>(&mut self, r: Result<T, ParseError>) -> Val<T> {
        match r {
            Ok(v) => Val::Ok(v),
            Err(e) => {
                self.push(e);
                Val::Bad
            }
        }
    }

    /// Like [`Problems::take`], recording the line too.
    pub(crate) fn take_at<T>(&mut self, r: Result<T, ParseError>, line: usize) -> Val<T> {
        self.take(r.map_err(|e| e.at_line(line)))
    }

    pub(crate) fn is_empty(&self) -> bool {
        self.kept.is_empty()
    }

    /// The problems kept, in file order.
    pub(crate) fn iter(&self) -> impl Iterator<Item = &ParseError> {
        self.kept.iter()
    }

    /// How many more were found than kept.
    pub(crate) fn dropped(&self) -> usize {
        self.dropped
    }
}

/// Whitespace-separated fields of one line, read in order by name.
#[derive(Debug, Clone)]
pub(crate) struct Fields<'a> {
    rest: &'a [u8],
}

impl<'a> Fields<'a> {
    pub(crate) fn new(line: &'a [u8]) -> Self {
        Fields { rest: line }
    }

    /// The next token, or `ParseError::missing(name)`.
    pub(crate) fn next(&mut self, name: &'static str) -> Result<&'a [u8], ParseError> {
        self.token().ok_or(ParseError::missing(name))
    }

    /// The next token, if any.
    pub(crate) fn token(&mut self) -> Option<&'a [u8]> {
        let start = self.rest.iter().position(|b| !b.is_ascii_whitespace())?;
        let rest = &self.rest[start..];
        let end = rest.iter().position(|b| b.is_ascii_whitespace()).unwrap_or(rest.len());
        let (tok, after) = rest.split_at(end);
        self.rest = after;
        Some(tok)
    }

    /// The next token as `T`, through `parse`; a token that does not parse is an error
    /// quoting it.
    pub(crate) fn value<T>(
        &mut self,
        name: &'static str,
        parse: impl FnOnce(&[u8]) -> Option<T>,
    ) -> Result<T, ParseError> {
        let tok = self.next(name)?;
        parse(tok).ok_or_else(|| ParseError::bad(name, tok))
    }

    pub(crate) fn u64(&mut self, name: &'static str) -> Result<u64, ParseError> {
        self.value(name, u64_dec)
    }

    pub(crate) fn u32(&mut self, name: &'static str) -> Result<u32, ParseError> {
        self.value(name, |t| u64_dec(t).and_then(|v| u32::try_from(v).ok()))
    }

    pub(crate) fn i32(&mut self, name: &'static str) -> Result<i32, ParseError> {
        self.value(name, |t| i64_dec(t).and_then(|v| i32::try_from(v).ok()))
    }

    /// A non-negative decimal float (a load, a share, seconds): a negative or non-finite
    /// value is invalid.
    pub(crate) fn f64(&mut self, name: &'static str) -> Result<f64, ParseError> {
        self.value(name, f64_nonneg)
    }

    pub(crate) fn hex(&mut self, name: &'static str) -> Result<u64, ParseError> {
        self.value(name, u64_hex)
    }

    /// Skips `n` tokens; `name` names the first one skipped, for the error.
    pub(crate) fn skip(&mut self, n: usize, name: &'static str) -> Result<(), ParseError> {
        for _ in 0..n {
            self.next(name)?;
        }
        Ok(())
    }

    /// The next token as an optional u64: absent → `None` (older kernels print fewer
    /// columns), present but invalid → error.
    pub(crate) fn opt_u64(&mut self, name: &'static str) -> Result<Option<u64>, ParseError> {
        match self.token() {
            None => Ok(None),
            Some(t) => u64_dec(t).map(Some).ok_or_else(|| ParseError::bad(name, t)),
        }
    }

    /// What is left of the line, leading whitespace removed.
    pub(crate) fn rest(&self) -> &'a [u8] {
        trim_start(self.rest)
    }
}

/// A file of named counters (`meminfo`, `vmstat`): every valid one in file order, the
/// names whose value did not parse, and their problems.
#[derive(Debug, Clone, Default, PartialEq)]
pub(crate) struct Counters {
    pub map: crate::schema::OrderedMap<String, u64>,
    pub bad: Vec<String>,
    pub problems: Problems,
}

impl Counters {
    /// The counter `key`: `Bad` when printed but invalid, `Absent` when not printed.
    pub(crate) fn get(&self, key: &str) -> Val<u64> {
        match self.map.get(key) {
            Some(v) => Val::Ok(*v),
            None if self.bad.iter().any(|b| b == key) => Val::Bad,
            None => Val::Absent,
        }
    }
}

/// A decimal u64 (no sign, no spaces); `None` on overflow or any other byte.
pub(crate) fn u64_dec(b: &[u8]) -> Option<u64> {
    if b.is_empty() || b.len() > 20 {
        return None;
    }
    let mut v: u64 = 0;
    for &c in b {
        let d = c.wrapping_sub(b'0');
        if d > 9 {
            return None;
        }
        v = v.checked_mul(10)?.checked_add(u64::from(d))?;
    }
    Some(v)
}

/// A decimal i64 with an optional leading `-` or `+`.
pub(crate) fn i64_dec(b: &[u8]) -> Option<i64> {
    match b.split_first() {
        Some((b'-', rest)) => {
            let v = u64_dec(rest)?;
            if v == i64::MIN.unsigned_abs() { Some(i64::MIN) } else { i64::try_from(v).ok().map(|v| -v) }
        }
        Some((b'+', rest)) => i64::try_from(u64_dec(rest)?).ok(),
        _ => i64::try_from(u64_dec(b)?).ok(),
    }
}

/// A hexadecimal u64, with or without `0x`.
pub(crate) fn u64_hex(b: &[u8]) -> Option<u64> {
    let b = b.strip_prefix(b"0x").unwrap_or(b);
    if b.is_empty() || b.len() > 16 {
        return None;
    }
    let mut v: u64 = 0;
    for &c in b {
        let d = match c {
            b'0'..=b'9' => c - b'0',
            b'a'..=b'f' => c - b'a' + 10,
            b'A'..=b'F' => c - b'A' + 10,
            _ => return None,
        };
        v = (v << 4) | u64::from(d);
    }
    Some(v)
}

/// An octal u64 (fdinfo `flags`).
pub(crate) fn u64_oct(b: &[u8]) -> Option<u64> {
    if b.is_empty() || b.len() > 22 {
        return None;
    }
    let mut v: u64 = 0;
    for &c in b {
        let d = c.wrapping_sub(b'0');
        if d > 7 {
            return None;
        }
        v = v.checked_mul(8)?.checked_add(u64::from(d))?;
    }
    Some(v)
}

/// A decimal float as the kernel prints it (`0.53`, `12.00`).
pub(crate) fn f64_dec(b: &[u8]) -> Option<f64> {
    let s = std::str::from_utf8(b).ok()?;
    let v: f64 = s.parse().ok()?;
    v.is_finite().then_some(v)
}

/// [`f64_dec`] of a quantity that cannot be negative (a load, a share, a duration): no
/// sign at all (`-0.00` is no load either).
pub(crate) fn f64_nonneg(b: &[u8]) -> Option<f64> {
    if b.first().is_some_and(|c| !c.is_ascii_digit()) {
        return None;
    }
    f64_dec(b).filter(|v| *v >= 0.0)
}

/// `n × unit` (kB × 1024, pages × page size), or the overflow error of `field`: a
/// product past `u64::MAX` is missing, never clamped.
pub(crate) fn times(n: u64, unit: u64, field: &'static str) -> Result<u64, ParseError> {
    n.checked_mul(unit).ok_or(ParseError::overflow(field))
}

/// `a + b`, or the overflow error of `field`.
pub(crate) fn plus(a: u64, b: u64, field: &'static str) -> Result<u64, ParseError> {
    a.checked_add(b).ok_or(ParseError::overflow(field))
}

/// A NUL-terminated string: the bytes before the first NUL (all of them without one).
pub(crate) fn cstr(b: &[u8]) -> &[u8] {
    b.iter().position(|&c| c == 0).map_or(b, |n| &b[..n])
}

pub(crate) fn trim_start(b: &[u8]) -> &[u8] {
    let start = b.iter().position(|c| !c.is_ascii_whitespace()).unwrap_or(b.len());
    &b[start..]
}

pub(crate) fn trim(b: &[u8]) -> &[u8] {
    let b = trim_start(b);
    let end = b.iter().rposition(|c| !c.is_ascii_whitespace()).map_or(0, |i| i + 1);
    &b[..end]
}

/// Lines of `text` (split on `\n`), with a final empty piece after a trailing newline
/// left out.
pub(crate) fn lines(text: &[u8]) -> impl Iterator<Item = &[u8]> {
    let mut rest = text.strip_suffix(b"\n").unwrap_or(text);
    let mut done = rest.is_empty();
    std::iter::from_fn(move || {
        if done {
            return None;
        }
        match find_byte(b'\n', rest) {
            Some(i) => {
                let line = &rest[..i];
                rest = &rest[i + 1..];
                Some(line)
            }
            None => {
                done = true;
                Some(rest)
            }
        }
    })
}

/// The index of the first `needle` in `hay`, eight bytes at a time (kernel files are
/// split into lines on every read, so this is on the hot path).
pub(crate) fn find_byte(needle: u8, hay: &[u8]) -> Option<usize> {
    const LO: u64 = 0x0101_0101_0101_0101;
    const HI: u64 = 0x8080_8080_8080_8080;
    let pattern = LO.wrapping_mul(u64::from(needle));
    let mut chunks = hay.chunks_exact(8);
    let mut base = 0usize;
    for c in &mut chunks {
        let x = u64::from_le_bytes([c[0], c[1], c[2], c[3], c[4], c[5], c[6], c[7]]) ^ pattern;
        // A zero byte of `x` is a match. The classic test can flag a false positive only
        // above a true match, so the lowest flagged byte is always a real one.
        let found = x.wrapping_sub(LO) & !x & HI;
        if found != 0 {
            return Some(base + (found.trailing_zeros() / 8) as usize);
        }
        base += 8;
    }
    chunks.remainder().iter().position(|&b| b == needle).map(|i| base + i)
}

/// Splits `Key:   value` at the first `sep`, trimming the value.
pub(crate) fn key_value(line: &[u8], sep: u8) -> Option<(&[u8], &[u8])> {
    let i = line.iter().position(|&b| b == sep)?;
    Some((&line[..i], trim(&line[i + 1..])))
}

/// A kernel CPU list (`0-3,8,10-11`), as in `Cpus_allowed_list` and `/sys/…/online`.
///
/// Capped at `max` entries so a corrupt range cannot allocate without bound.
pub(crate) fn cpu_list(b: &[u8], max: usize) -> Result<Vec<u32>, ParseError> {
    let mut out = Vec::new();
    let b = trim(b);
    if b.is_empty() {
        return Ok(out);
    }
    for part in b.split(|&c| c == b',') {
        let part = trim(part);
        let (lo, hi) = match part.iter().position(|&c| c == b'-') {
            Some(i) => (&part[..i], &part[i + 1..]),
            None => (part, part),
        };
        let bad = || ParseError::bad("cpu_list", part);
        let lo = u64_dec(lo).and_then(|v| u32::try_from(v).ok()).ok_or_else(bad)?;
        let hi = u64_dec(hi).and_then(|v| u32::try_from(v).ok()).ok_or_else(bad)?;
        if hi < lo || (hi - lo) as usize >= max.saturating_sub(out.len()) {
            return Err(bad());
        }
        out.extend(lo..=hi);
    }
    Ok(out)
}

/// Undoes the kernel's octal escaping of paths in `mountinfo` and `/proc/mounts`
/// (`\040` for space, `\011` tab, `\012` newline, `\134` backslash).
pub(crate) fn unescape_octal(b: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0;
    while i < b.len() {
        if b[i] == b'\\' && i + 3 < b.len() {
            let d = &b[i + 1..i + 4];
            if d.iter().all(|c| (b'0'..=b'7').contains(c)) {
                let v = u32::from(d[0] - b'0') * 64 + u32::from(d[1] - b'0') * 8 + u32::from(d[2] - b'0');
                if let Ok(byte) = u8::try_from(v) {
                    out.push(byte);
                    i += 4;
                    continue;
                }
            }
        }
        out.push(b[i]);
        i += 1;
    }
    out
}

/// The one-field corruption property every parser keeps: take a valid input, corrupt
/// **one** value in every way (negative, overflow of its type, garbage, empty, its line
/// missing) and check that this value alone is missing (bad, or absent for a missing
/// line) and that every other value is unchanged.
///
/// A parser's test writes its input as a template: each value it checks is marked
/// `{{name:kind=value}}`, where `name` is the field as the test's listing names it and
/// `kind` says which corruptions apply: `u64`, `u32`, `i64`, `i32`, `kb` (a u64 of KiB:
/// overflow after × 1024), `x` (hex u64), `x32` (hex u32), `o32` (octal u32), `f` (a
/// non-negative float). "Empty" and "missing line" apply only to a value alone on its
/// line among the marked ones (a positional value cannot go missing without moving its
/// neighbours); `kind,pos` marks a value whose line has unmarked positional values after
/// it, for which "empty" is no single-value corruption either.
#[cfg(all(test, linux_kernel))]
pub(crate) mod corrupt {
    /// One marked value of a template.
    #[derive(Debug, Clone)]
    struct Mark {
        name: String,
        kind: String,
        value: String,
        /// Byte range of the value in the valid text.
        at: std::ops::Range<usize>,
        line: usize,
        /// Unmarked positional values follow it on its line.
        positional: bool,
    }

    /// The valid text of `template`, and its marks.
    fn expand(template: &str) -> (String, Vec<Mark>) {
        let (mut text, mut marks) = (String::new(), Vec::new());
        let mut rest = template;
        while let Some(i) = rest.find("{{") {
            text.push_str(&rest[..i]);
            let end = rest[i..].find("}}").map(|e| i + e).expect("unclosed {{ in template");
            let inner = &rest[i + 2..end];
            let (head, value) = inner.split_once('=').expect("mark without =");
            let (name, kind) = head.split_once(':').unwrap_or((head, "u64"));
            let (kind, positional) = match kind.split_once(',') {
                Some((k, "pos")) => (k, true),
                _ => (kind, false),
            };
            let start = text.len();
            text.push_str(value);
            let line = text.matches('\n').count();
            marks.push(Mark {
                name: name.into(),
                kind: kind.into(),
                value: value.into(),
                at: start..text.len(),
                line,
                positional,
            });
            rest = &rest[end + 2..];
        }
        text.push_str(rest);
        (text, marks)
    }

    /// The corruptions of one mark: (label, replacement or `None` for "remove the line").
    fn corruptions(m: &Mark, alone: bool) -> Vec<(String, Option<String>)> {
        let v = &m.value;
        let mut out: Vec<(&str, String)> = match m.kind.as_str() {
            "u64" => vec![("negative", format!("-{v}")), ("overflow", "18446744073709551616".into())],
            "u32" => vec![("negative", format!("-{v}")), ("overflow", "4294967296".into())],
            "i64" => {
                vec![("overflow", "9223372036854775808".into()), ("underflow", "-9223372036854775809".into())]
            }
            "i32" => vec![("overflow", "2147483648".into()), ("underflow", "-2147483649".into())],
            "kb" => vec![("negative", format!("-{v}")), ("overflow", "18014398509481984".into())],
            "x" => vec![("negative", format!("-{v}")), ("overflow", "10000000000000000".into())],
            "x32" => vec![("negative", format!("-{v}")), ("overflow", "100000000".into())],
            "o32" => vec![("negative", format!("-{v}")), ("overflow", "40000000000".into())],
            "f" => vec![("negative", format!("-{v}")), ("overflow", "1e999".into())],
            other => panic!("unknown kind {other}"),
        };
        out.push(("garbage", format!("{v}z")));
        out.push(("garbage", "#".into()));
        let mut out: Vec<(String, Option<String>)> = out.into_iter().map(|(l, r)| (l.into(), Some(r))).collect();
        if alone && !m.positional {
            out.push(("empty".into(), Some(String::new())));
        }
        if alone {
            out.push(("missing line".into(), None));
        }
        out
    }

    /// Checks the property on `template`. `parse` gives the parser's values by name
    /// (`format!("{:?}")` of each [`super::Val`] or field) and its problems as text.
    pub(crate) fn check(template: &str, parse: impl Fn(&[u8]) -> (Vec<(String, String)>, Vec<String>)) {
        let (valid, marks) = expand(template);
        let (base, problems) = parse(valid.as_bytes());
        assert!(problems.is_empty(), "the valid input has problems: {problems:?}\n{valid}");
        for m in &marks {
            let (_, shown) = base.iter().find(|(n, _)| *n == m.name).unwrap_or_else(|| panic!("no field {}", m.name));
            assert!(!is_missing(shown), "{} is {shown} in the valid input", m.name);
        }
        for m in &marks {
            let alone = marks.iter().filter(|o| o.line == m.line).count() == 1;
            for (label, replacement) in corruptions(m, alone) {
                let text = match &replacement {
                    Some(r) => format!("{}{r}{}", &valid[..m.at.start], &valid[m.at.end..]),
                    None => {
                        let start = valid[..m.at.start].rfind('\n').map_or(0, |i| i + 1);
                        let end = valid[m.at.end..].find('\n').map_or(valid.len(), |i| m.at.end + i + 1);
                        format!("{}{}", &valid[..start], &valid[end..])
                    }
                };
                let (got, problems) = parse(text.as_bytes());
                let names = |v: &[(String, String)]| v.iter().map(|(n, _)| n.clone()).collect::<Vec<_>>();
                assert_eq!(names(&got), names(&base), "{} {label}: the set of fields changed\n{text}", m.name);
                for ((name, before), (_, after)) in base.iter().zip(&got) {
                    if *name == m.name {
                        assert!(is_missing(after), "{name} {label}: {after}, not missing\n{text}");
                        if after.starts_with("Bad") || after == "Missing(Error)" {
                            let quoted = replacement.as_deref().filter(|r| !r.is_empty());
                            assert!(
                                quoted.is_none_or(|r| problems.iter().any(|p| p.contains(r))),
                                "{name} {label}: no problem quotes {quoted:?}: {problems:?}"
                            );
                            assert!(!problems.is_empty(), "{name} {label}: bad without a problem");
                        }
                    } else {
                        assert_eq!(after, before, "{} {label} changed {name}\n{text}", m.name);
                    }
                }
            }
        }
    }

    /// The property for a file that holds one value (`oom_score`, a sysfs attribute, a
    /// cgroup limit): the file is the field, so every corruption of `value` (of `kind`,
    /// as in [`check`]; empty and trailing garbage included) is an error quoting it.
    pub(crate) fn single<T: std::fmt::Debug>(
        kind: &str,
        value: &str,
        parse: impl Fn(&[u8]) -> Result<T, crate::error::ParseError>,
    ) {
        let m =
            Mark { name: String::new(), kind: kind.into(), value: value.into(), at: 0..0, line: 0, positional: false };
        parse(format!("{value}\n").as_bytes()).unwrap_or_else(|e| panic!("{value:?} does not parse: {e}"));
        for (label, replacement) in corruptions(&m, true) {
            let Some(r) = replacement else { continue };
            match parse(format!("{r}\n").as_bytes()) {
                Ok(v) => panic!("{label} {r:?} parsed as {v:?}"),
                Err(e) if !r.is_empty() => assert!(e.to_string().contains(&r), "{label}: {e} does not quote {r:?}"),
                Err(_) => {}
            }
        }
    }

    /// How a missing value shows: a [`super::Val`] `Bad` or `Absent`, a field `Missing`.
    fn is_missing(shown: &str) -> bool {
        shown.starts_with("Bad") || shown == "Absent" || shown.starts_with("Missing(")
    }

    /// `(name, format!("{:?}", value))` for the named fields of `$v`.
    macro_rules! listing {
        ($v:expr; $($f:ident),* $(,)?) => {
            vec![$((stringify!($f).to_string(), format!("{:?}", $v.$f))),*]
        };
    }
    pub(crate) use listing;
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers() {
        assert_eq!(u64_dec(b"18446744073709551615"), Some(u64::MAX));
        assert_eq!(u64_dec(b"18446744073709551616"), None);
        assert_eq!(u64_dec(b""), None);
        assert_eq!(u64_dec(b"12a"), None);
        assert_eq!(i64_dec(b"-20"), Some(-20));
        assert_eq!(i64_dec(b"-9223372036854775808"), Some(i64::MIN));
        assert_eq!(i64_dec(b"-"), None);
        assert_eq!(u64_hex(b"000001fffeffffff"), Some(0x1fffeffffff));
        assert_eq!(u64_hex(b"0x10"), Some(16));
        assert_eq!(u64_hex(b"fffffffffffffffff"), None);
        assert_eq!(u64_oct(b"0100002"), Some(0o100002));
        assert_eq!(f64_dec(b"0.53"), Some(0.53));
        assert_eq!(f64_dec(b"nan"), None);
    }

    #[test]
    fn fields_report_the_missing_name() {
        let mut f = Fields::new(b"  1 2  ");
        assert_eq!(f.u64("a"), Ok(1));
        assert_eq!(f.u64("b"), Ok(2));
        assert_eq!(f.u64("c").unwrap_err().field(), Some("c"));
    }

    #[test]
    fn cpu_lists() {
        assert_eq!(cpu_list(b"0-3,8,10-11\n", 64).unwrap(), vec![0, 1, 2, 3, 8, 10, 11]);
        assert_eq!(cpu_list(b"", 64).unwrap(), Vec::<u32>::new());
        assert!(cpu_list(b"3-1", 64).is_err());
        assert!(cpu_list(b"0-4294967295", 8192).is_err());
    }

    #[test]
    fn find_byte_agrees_with_a_plain_search() {
        let hay: Vec<u8> = (0..300u32).map(|i| (i * 37 % 251) as u8).collect();
        for needle in 0..=255u8 {
            for start in 0..20 {
                let h = &hay[start..];
                assert_eq!(find_byte(needle, h), h.iter().position(|&b| b == needle), "{needle} {start}");
            }
        }
        assert_eq!(find_byte(b'\n', b"\x80\x81\n"), Some(2));
        assert_eq!(find_byte(0x80, b"\x7f\x81\x80"), Some(2));
    }

    #[test]
    fn octal_escapes() {
        assert_eq!(unescape_octal(br"/mnt/a\040b"), b"/mnt/a b");
        assert_eq!(unescape_octal(br"/x\134y"), b"/x\\y");
        assert_eq!(unescape_octal(br"trailing\04"), br"trailing\04");
        assert_eq!(unescape_octal(br"\777"), br"\777");
    }

    #[test]
    fn lines_ignore_only_the_final_newline() {
        assert_eq!(lines(b"a\nb\n").collect::<Vec<_>>(), vec![&b"a"[..], b"b"]);
        assert_eq!(lines(b"").count(), 0);
        assert_eq!(lines(b"\n\n").collect::<Vec<_>>(), vec![&b""[..], b""]);
    }
}
