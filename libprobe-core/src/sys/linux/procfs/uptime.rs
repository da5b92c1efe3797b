//! `/proc/uptime`: seconds since boot, and idle seconds summed over CPUs.
//!
//! ```text
//! 2029.08 3881.54
//! ```
//!
//! (proc(5).) Both have two decimals. Uptime includes time suspended (CLOCK_BOOTTIME).
//! The idle sum exceeds uptime on a multi-CPU machine and is not monotonic: an offline
//! CPU's idle time is read from a different counter than an online one's.

use crate::error::{Error, ParseError};
use crate::parse::Fields;
use crate::source::Source;

#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct Uptime {
    pub uptime_seconds: f64,
    pub idle_seconds: f64,
}

pub(crate) fn read(src: &Source) -> Result<Uptime, Error> {
    let text = src.read_proc("uptime")?;
    parse(&text).map_err(|e| e.in_file(src.proc_path("uptime")))
}

pub(crate) fn parse(text: &[u8]) -> Result<Uptime, ParseError> {
    let mut f = Fields::new(text);
    Ok(Uptime { uptime_seconds: f.f64("uptime")?, idle_seconds: f.f64("idle")? })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_both() {
        assert_eq!(parse(b"2029.08 3881.54\n").unwrap(), Uptime { uptime_seconds: 2029.08, idle_seconds: 3881.54 });
    }

    #[test]
    fn malformed() {
        assert_eq!(parse(b"2029.08\n").unwrap_err().field(), Some("idle"));
        assert_eq!(parse(b"inf 1\n").unwrap_err().field(), Some("uptime"));
        assert_eq!(parse(b"").unwrap_err().field(), Some("uptime"));
    }
}
