//! Byte strings: names, paths and arguments exactly as the kernel gave them.
//!
//! A process can name itself anything but NUL, and paths are bytes; libprobe keeps them
//! lossless ([`ByteStr`]) and escapes only when displaying ([`ByteStr`]'s `Display`), so a
//! process name holding terminal escape sequences cannot reach a terminal raw.

use std::fmt::{self, Write};

/// Bytes that are usually, but not always, UTF-8.
///
/// `Display` prints valid UTF-8 as is, except control characters (C0, DEL, C1), which are
/// escaped as `\n`, `\t`, `\xNN` or `\u{NN}`; invalid bytes are printed as `\xNN`.
#[derive(Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct ByteStr(Vec<u8>);

impl ByteStr {
    pub fn new(bytes: Vec<u8>) -> Self {
        ByteStr(bytes)
    }

    pub fn from_bytes(bytes: &[u8]) -> Self {
        ByteStr(bytes.to_vec())
    }

    pub fn as_bytes(&self) -> &[u8] {
        &self.0
    }

    pub fn into_bytes(self) -> Vec<u8> {
        self.0
    }

    pub fn len(&self) -> usize {
        self.0.len()
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// The text, when it is valid UTF-8.
    pub fn to_str(&self) -> Option<&str> {
        std::str::from_utf8(&self.0).ok()
    }

    /// The text with invalid sequences replaced by U+FFFD (lossy: for display only).
    pub fn to_string_lossy(&self) -> std::borrow::Cow<'_, str> {
        String::from_utf8_lossy(&self.0)
    }
}

impl From<&str> for ByteStr {
    fn from(s: &str) -> Self {
        ByteStr(s.as_bytes().to_vec())
    }
}

impl From<Vec<u8>> for ByteStr {
    fn from(v: Vec<u8>) -> Self {
        ByteStr(v)
    }
}

impl From<&[u8]> for ByteStr {
    fn from(v: &[u8]) -> Self {
        ByteStr(v.to_vec())
    }
}

impl PartialEq<str> for ByteStr {
    fn eq(&self, other: &str) -> bool {
        self.0 == other.as_bytes()
    }
}

impl PartialEq<&str> for ByteStr {
    fn eq(&self, other: &&str) -> bool {
        self.0 == other.as_bytes()
    }
}

impl std::borrow::Borrow<[u8]> for ByteStr {
    fn borrow(&self) -> &[u8] {
        &self.0
    }
}

impl fmt::Display for ByteStr {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write_escaped(f, &self.0)
    }
}

impl fmt::Debug for ByteStr {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_char('"')?;
        write_escaped(f, &self.0)?;
        f.write_char('"')
    }
}

/// Writes `bytes` for a terminal or a log: printable UTF-8 as is, every control character
/// (C0, DEL, C1) and every invalid byte escaped.
pub fn write_escaped(out: &mut impl Write, mut bytes: &[u8]) -> fmt::Result {
    loop {
        match std::str::from_utf8(bytes) {
            Ok(s) => return write_escaped_str(out, s),
            Err(e) => {
                let (good, rest) = bytes.split_at(e.valid_up_to());
                // `good` is the prefix `from_utf8` just validated, so this cannot fail.
                write_escaped_str(out, std::str::from_utf8(good).unwrap_or_default())?;
                let bad = e.error_len().unwrap_or(rest.len());
                for b in &rest[..bad] {
                    write!(out, "\\x{b:02x}")?;
                }
                bytes = &rest[bad..];
            }
        }
    }
}

fn write_escaped_str(out: &mut impl Write, s: &str) -> fmt::Result {
    for c in s.chars() {
        match c {
            '\n' => out.write_str("\\n")?,
            '\t' => out.write_str("\\t")?,
            '\r' => out.write_str("\\r")?,
            '\\' => out.write_str("\\\\")?,
            c if (c as u32) < 0x20 || c as u32 == 0x7f => write!(out, "\\x{:02x}", c as u32)?,
            c if (0x80..0xa0).contains(&(c as u32)) => write!(out, "\\u{{{:x}}}", c as u32)?,
            c => out.write_char(c)?,
        }
    }
    Ok(())
}

/// `bytes` escaped for display, as a `String`.
pub fn escape(bytes: &[u8]) -> String {
    let mut s = String::with_capacity(bytes.len());
    let _ = write_escaped(&mut s, bytes);
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_controls_and_invalid_bytes() {
        assert_eq!(escape(b"plain name"), "plain name");
        assert_eq!(escape(b"a\nb"), "a\\nb");
        assert_eq!(escape(b"\x1b[31mred"), "\\x1b[31mred");
        assert_eq!(escape(b"\xff\xfe"), "\\xff\\xfe");
        assert_eq!(escape("caf\u{e9}".as_bytes()), "caf\u{e9}");
        assert_eq!(escape("\u{9b}2J".as_bytes()), "\\u{9b}2J");
        assert_eq!(escape(b"x\x7f"), "x\\x7f");
        assert_eq!(escape(b"back\\slash"), "back\\\\slash");
    }
}
