//! Byte-level parsing helpers shared by every kernel-file parser.
//!
//! Kernel text is parsed as bytes, never assumed UTF-8 (a process name can hold any byte
//! but NUL), and without allocating: tokens are sub-slices of the read buffer. Every
//! accessor is checked, so a short or garbled line becomes a [`ParseError`] naming the
//! field, never a panic or an index out of bounds.

use crate::error::ParseError;

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

    pub(crate) fn u64(&mut self, name: &'static str) -> Result<u64, ParseError> {
        u64_dec(self.next(name)?).ok_or(ParseError::invalid(name))
    }

    pub(crate) fn i64(&mut self, name: &'static str) -> Result<i64, ParseError> {
        i64_dec(self.next(name)?).ok_or(ParseError::invalid(name))
    }

    pub(crate) fn u32(&mut self, name: &'static str) -> Result<u32, ParseError> {
        u32::try_from(self.u64(name)?).map_err(|_| ParseError::invalid(name))
    }

    pub(crate) fn i32(&mut self, name: &'static str) -> Result<i32, ParseError> {
        i32::try_from(self.i64(name)?).map_err(|_| ParseError::invalid(name))
    }

    pub(crate) fn f64(&mut self, name: &'static str) -> Result<f64, ParseError> {
        f64_dec(self.next(name)?).ok_or(ParseError::invalid(name))
    }

    pub(crate) fn hex(&mut self, name: &'static str) -> Result<u64, ParseError> {
        u64_hex(self.next(name)?).ok_or(ParseError::invalid(name))
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
            Some(t) => u64_dec(t).map(Some).ok_or(ParseError::invalid(name)),
        }
    }

    /// What is left of the line, leading whitespace removed.
    pub(crate) fn rest(&self) -> &'a [u8] {
        trim_start(self.rest)
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
        let lo = u64_dec(lo).and_then(|v| u32::try_from(v).ok()).ok_or(ParseError::invalid("cpu_list"))?;
        let hi = u64_dec(hi).and_then(|v| u32::try_from(v).ok()).ok_or(ParseError::invalid("cpu_list"))?;
        if hi < lo || (hi - lo) as usize >= max.saturating_sub(out.len()) {
            return Err(ParseError::invalid("cpu_list"));
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
