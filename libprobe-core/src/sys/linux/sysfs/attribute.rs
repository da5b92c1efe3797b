//! One sysfs attribute: one value per file, as text ending in a newline
//! (Documentation/filesystems/sysfs.rst: "Attributes should be ASCII text files, preferably
//! with only one value per file").
//!
//! ```text
//! $ cat /sys/class/hwmon/hwmon2/temp1_input /sys/class/power_supply/BAT0/status
//! 48000
//! Discharging
//! ```
//!
//! The value parsers the class readers share, and [`read`], which reads one attribute of an
//! open directory and names the file and quotes the text when it does not parse. A value
//! is never clamped: text that is not a number of the expected type is an error.

use crate::error::{Error, ErrorKind, ParseError};
use crate::parse::{i64_dec, trim, u64_dec};
use crate::source::SysDir;

/// An attribute that may not exist: `None` when the directory does not list it (the
/// driver does not have it), else the read and parse.
pub(crate) type Attr<T> = Option<Result<T, Error>>;

/// The text without the newline(s) the kernel ends it with. Other spaces are kept (ACPI
/// strings such as a serial number may start with one).
pub(crate) fn text(b: &[u8]) -> &[u8] {
    let end = b.iter().rposition(|&c| c != b'\n' && c != b'\r' && c != 0).map_or(0, |i| i + 1);
    &b[..end]
}

/// Text as a `String` (lossy: attribute text is ASCII by convention, and firmware
/// strings that are not are shown with U+FFFD).
pub(crate) fn string(b: &[u8]) -> Result<String, ParseError> {
    Ok(String::from_utf8_lossy(text(b)).into_owned())
}

/// A decimal unsigned integer.
pub(crate) fn u64(b: &[u8]) -> Result<u64, ParseError> {
    u64_dec(trim(b)).ok_or(ParseError::invalid("value"))
}

/// A decimal signed integer.
pub(crate) fn i64(b: &[u8]) -> Result<i64, ParseError> {
    i64_dec(trim(b)).ok_or(ParseError::invalid("value"))
}

/// A boolean written as an integer: 0 is false, any other integer true.
pub(crate) fn flag(b: &[u8]) -> Result<bool, ParseError> {
    i64(b).map(|v| v != 0)
}

/// Reads attribute `name` of `dir` into `buf` and parses it with `parse`. A parse error
/// names the file and quotes (the start of) its text.
pub(crate) fn read<T>(
    dir: &SysDir<'_>,
    name: &[u8],
    buf: &mut Vec<u8>,
    parse: impl FnOnce(&[u8]) -> Result<T, ParseError>,
) -> Result<T, Error> {
    dir.read(name, buf)?;
    parse(buf).map_err(|e| invalid(dir, name, buf, &e))
}

/// The error for `raw`, the text of attribute `name`, that did not parse.
pub(crate) fn invalid(dir: &SysDir<'_>, name: &[u8], raw: &[u8], e: &ParseError) -> Error {
    Error::new(ErrorKind::Parse, format!("{e}: {}", quote(raw))).with_path(dir.path_of(name))
}

/// `raw` as a short quoted string for a warning: at most 64 bytes, escaped.
pub(crate) fn quote(raw: &[u8]) -> String {
    let shown = &raw[..raw.len().min(64)];
    let more = if raw.len() > shown.len() { "…" } else { "" };
    format!("\"{}{more}\"", shown.escape_ascii())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn values() {
        assert_eq!(u64(b"262143328850\n"), Ok(262_143_328_850));
        assert_eq!(i64(b"-1450000\n"), Ok(-1_450_000));
        assert!(u64(b"-1\n").is_err());
        assert!(u64(b"\n").is_err());
        assert!(i64(b"12.5\n").is_err());
        assert_eq!(flag(b"1\n"), Ok(true));
        assert_eq!(flag(b"0\n"), Ok(false));
        assert!(flag(b"yes\n").is_err());
        assert_eq!(string(b" 1234\n").unwrap(), " 1234");
        assert_eq!(string(b"Not charging\n").unwrap(), "Not charging");
        assert_eq!(string(b"\xffbad\n").unwrap(), "\u{fffd}bad");
        assert_eq!(text(b"\n\n"), b"");
    }

    #[test]
    fn quotes_are_short_and_escaped() {
        assert_eq!(quote(b"12a\n"), "\"12a\\n\"");
        let long = [b'x'; 100];
        assert_eq!(quote(&long).len(), 64 + 2 + "…".len());
    }
}
