//! `/proc/loadavg`: load averages and scheduler counts.
//!
//! ```text
//! 1.82 0.62 0.23 1/86 12133
//! ```
//!
//! (proc(5).) The averages are over 1, 5 and 15 minutes of runnable plus
//! uninterruptible tasks, printed with two decimals; then runnable/existing scheduling
//! entities (threads, machine-wide) and the last pid allocated in the reader's pid
//! namespace.

use crate::error::{Error, ParseError};
use crate::parse::{Fields, u64_dec};
use crate::source::Source;
use crate::system::LoadAverage;

pub(crate) fn read(src: &Source) -> Result<LoadAverage, Error> {
    let text = src.read_proc("loadavg")?;
    parse(&text).map_err(|e| e.in_file(src.proc_path("loadavg")))
}

pub(crate) fn parse(text: &[u8]) -> Result<LoadAverage, ParseError> {
    let mut f = Fields::new(text);
    let load1 = f.f64("load1")?;
    let load5 = f.f64("load5")?;
    let load15 = f.f64("load15")?;
    let tasks = f.next("runnable")?;
    let slash = tasks.iter().position(|&b| b == b'/').ok_or(ParseError::invalid("runnable"))?;
    let count = |b: &[u8], name| u64_dec(b).and_then(|v| u32::try_from(v).ok()).ok_or(ParseError::invalid(name));
    let runnable = count(&tasks[..slash], "runnable")?;
    let total = count(&tasks[slash + 1..], "total")?;
    let last_pid = f.i32("last_pid")?;
    Ok(LoadAverage { load1, load5, load15, runnable, total, last_pid })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_the_line() {
        let l = parse(b"1.82 0.62 0.23 1/86 12133\n").unwrap();
        assert_eq!(l, LoadAverage { load1: 1.82, load5: 0.62, load15: 0.23, runnable: 1, total: 86, last_pid: 12133 });
    }

    #[test]
    fn malformed() {
        assert_eq!(parse(b"1.0 2.0\n").unwrap_err().field(), Some("load15"));
        assert_eq!(parse(b"1.0 2.0 3.0 86 1\n").unwrap_err().field(), Some("runnable"));
        assert_eq!(parse(b"1.0 2.0 3.0 1/ 1\n").unwrap_err().field(), Some("total"));
        assert_eq!(parse(b"1.0 2.0 3.0 1/2\n").unwrap_err().field(), Some("last_pid"));
        assert_eq!(parse(b"x 2.0 3.0 1/2 3\n").unwrap_err().field(), Some("load1"));
        assert_eq!(parse(b"").unwrap_err().field(), Some("load1"));
    }
}
