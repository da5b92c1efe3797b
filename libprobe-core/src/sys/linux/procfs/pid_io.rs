//! `/proc/<pid>/io`: I/O counters (needs ptrace-read access to the process).
//!
//! ```text
//! rchar: 323934931
//! wchar: 323929600
//! syscr: 632687
//! syscw: 632675
//! read_bytes: 0
//! write_bytes: 323932160
//! cancelled_write_bytes: 0
//! ```

use crate::error::ParseError;
use crate::parse::{key_value, lines, u64_dec};

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(crate) struct PidIo {
    pub rchar: u64,
    pub wchar: u64,
    pub syscr: u64,
    pub syscw: u64,
    pub read_bytes: u64,
    pub write_bytes: u64,
    pub cancelled_write_bytes: u64,
}

pub(crate) fn parse(text: &[u8]) -> Result<PidIo, ParseError> {
    let mut io = PidIo::default();
    let mut seen = 0u8;
    for (i, line) in lines(text).enumerate() {
        let Some((key, value)) = key_value(line, b':') else { continue };
        let (slot, bit, name) = match key {
            b"rchar" => (&mut io.rchar, 1, "rchar"),
            b"wchar" => (&mut io.wchar, 2, "wchar"),
            b"syscr" => (&mut io.syscr, 4, "syscr"),
            b"syscw" => (&mut io.syscw, 8, "syscw"),
            b"read_bytes" => (&mut io.read_bytes, 16, "read_bytes"),
            b"write_bytes" => (&mut io.write_bytes, 32, "write_bytes"),
            b"cancelled_write_bytes" => (&mut io.cancelled_write_bytes, 64, "cancelled_write_bytes"),
            _ => continue,
        };
        *slot = u64_dec(value).ok_or_else(|| ParseError::invalid(name).at_line(i + 1))?;
        seen |= bit;
    }
    // All seven have been printed together since Linux 2.6.20; a partial file is corrupt.
    for (bit, name) in [(1, "rchar"), (2, "wchar"), (4, "syscr"), (8, "syscw"), (16, "read_bytes"), (32, "write_bytes")]
    {
        if seen & bit == 0 {
            return Err(ParseError::missing(name));
        }
    }
    if seen & 64 == 0 {
        return Err(ParseError::missing("cancelled_write_bytes"));
    }
    Ok(io)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_all_seven() {
        let io =
            parse(b"rchar: 1\nwchar: 2\nsyscr: 3\nsyscw: 4\nread_bytes: 5\nwrite_bytes: 6\ncancelled_write_bytes: 7\n")
                .unwrap();
        assert_eq!(
            io,
            PidIo { rchar: 1, wchar: 2, syscr: 3, syscw: 4, read_bytes: 5, write_bytes: 6, cancelled_write_bytes: 7 }
        );
    }

    #[test]
    fn missing_or_bad_counter_is_an_error() {
        assert_eq!(parse(b"rchar: 1\n").unwrap_err().field(), Some("wchar"));
        let e = parse(b"rchar: x\n").unwrap_err();
        assert_eq!((e.field(), e.line()), (Some("rchar"), Some(1)));
    }
}
