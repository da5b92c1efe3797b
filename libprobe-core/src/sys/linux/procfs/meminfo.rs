//! `/proc/meminfo`: system memory, one `Key: value [kB]` line each.
//!
//! ```text
//! MemTotal:       24683656 kB
//! MemFree:        23319380 kB
//! MemAvailable:   24283380 kB
//! Buffers:           10148 kB
//! Active(anon):       1528 kB
//! HugePages_Total:       0
//! Hugepagesize:       2048 kB
//! ```
//!
//! (Documentation/filesystems/proc.rst, "meminfo".) Keys may hold parentheses and
//! underscores; the set depends on version and configuration (`MemAvailable` is 3.14+,
//! `Shmem` 2.6.32+), so entries are kept in file order under their own names. `kB` means
//! KiB and is converted to bytes; lines without a unit (`HugePages_*`) are counts. Inside
//! a container running LXCFS the file describes the container, not the host.

use crate::error::{Error, ParseError};
use crate::parse::{Fields, key_value, lines, trim};
use crate::schema::OrderedMap;
use crate::source::Source;

pub(crate) fn read(src: &Source) -> Result<OrderedMap<String, u64>, Error> {
    let text = src.read_proc("meminfo")?;
    parse(&text).map_err(|e| e.in_file(src.proc_path("meminfo")))
}

/// Every line: bytes for `kB` values, counts for the others.
pub(crate) fn parse(text: &[u8]) -> Result<OrderedMap<String, u64>, ParseError> {
    let mut map = OrderedMap::new();
    for (i, line) in lines(text).enumerate() {
        if trim(line).is_empty() {
            continue;
        }
        let (key, value) = key_value(line, b':').ok_or_else(|| ParseError::missing(":").at_line(i + 1))?;
        let value = entry(value).map_err(|e| e.at_line(i + 1))?;
        map.push(String::from_utf8_lossy(trim(key)).into_owned(), value);
    }
    Ok(map)
}

fn entry(value: &[u8]) -> Result<u64, ParseError> {
    let mut f = Fields::new(value);
    let n = f.u64("value")?;
    match f.token() {
        None => Ok(n),
        Some(b"kB") => n.checked_mul(1024).ok_or(ParseError::invalid("value")),
        Some(_) => Err(ParseError::invalid("unit")),
    }
}

#[cfg(test)]
pub(crate) const SAMPLE: &[u8] = b"MemTotal:       24683656 kB
MemFree:        23319380 kB
MemAvailable:   24283380 kB
Buffers:           10148 kB
Cached:          1124772 kB
SwapCached:            0 kB
Active:           316628 kB
Inactive:         816144 kB
Active(anon):       1528 kB
Shmem:              8924 kB
Slab:             118404 kB
SReclaimable:      93412 kB
SwapTotal:       2097148 kB
SwapFree:        2097148 kB
VmallocTotal:   34359738367 kB
HugePages_Total:       0
HugePages_Free:        0
Hugepagesize:       2048 kB
";

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kilobytes_become_bytes_and_counts_stay_counts() {
        let m = parse(SAMPLE).unwrap();
        assert_eq!(m.get("MemTotal"), Some(&(24683656 * 1024)));
        assert_eq!(m.get("Active(anon)"), Some(&(1528 * 1024)));
        assert_eq!(m.get("VmallocTotal"), Some(&(34359738367 * 1024)));
        assert_eq!(m.get("HugePages_Total"), Some(&0));
        assert_eq!(m.get("Hugepagesize"), Some(&(2048 * 1024)));
        assert_eq!(m.0.first().map(|(k, _)| k.as_str()), Some("MemTotal"));
        assert_eq!(m.len(), 18);
    }

    #[test]
    fn an_old_kernel_without_mem_available() {
        let m = parse(b"MemTotal:  1000 kB\nMemFree:  500 kB\nBuffers:  10 kB\nCached:  20 kB\n").unwrap();
        assert_eq!((m.get("MemAvailable"), m.len()), (None, 4));
    }

    #[test]
    fn garbage_is_an_error() {
        let e = parse(b"MemTotal: 1 kB\nMemFree 2 kB\n").unwrap_err();
        assert_eq!((e.field(), e.line()), (Some(":"), Some(2)));
        let e = parse(b"MemTotal: lots kB\n").unwrap_err();
        assert_eq!((e.field(), e.line()), (Some("value"), Some(1)));
        assert_eq!(parse(b"MemTotal: 1 MB\n").unwrap_err().field(), Some("unit"));
        assert_eq!(parse(b"MemTotal: 18446744073709551615 kB\n").unwrap_err().field(), Some("value"));
        assert_eq!(parse(b"MemTotal:\n").unwrap_err().field(), Some("value"));
        assert!(parse(b"").unwrap().is_empty());
    }
}
