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
use crate::parse::{Counters, Fields, key_value, lines, trim};
use crate::source::Source;

pub(crate) fn read(src: &Source) -> Result<Counters, Error> {
    Ok(parse(&src.read_proc("meminfo")?))
}

/// Every line: bytes for `kB` values, counts for the others. A line whose value does not
/// parse (or whose bytes do not fit a u64) is left out of the map, named in `bad`, and is
/// a problem; a line without `:` names nothing and is only a problem.
pub(crate) fn parse(text: &[u8]) -> Counters {
    let mut c = Counters::default();
    for (i, line) in lines(text).enumerate() {
        if trim(line).is_empty() {
            continue;
        }
        let Some((key, value)) = key_value(line, b':') else {
            c.problems.push(ParseError::bad(":", line).at_line(i + 1));
            continue;
        };
        let key = String::from_utf8_lossy(trim(key)).into_owned();
        match entry(value) {
            Ok(v) => c.map.push(key, v),
            Err(e) => {
                c.problems.push(e.at_line(i + 1));
                c.bad.push(key);
            }
        }
    }
    c
}

fn entry(value: &[u8]) -> Result<u64, ParseError> {
    let mut f = Fields::new(value);
    let n = f.u64("value")?;
    match f.token() {
        None => Ok(n),
        Some(b"kB") => n.checked_mul(1024).ok_or_else(|| ParseError::bad("value", value)),
        Some(_) => Err(ParseError::bad("unit", value)),
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
    use crate::parse::Val;
    use crate::parse::corrupt;

    #[test]
    fn kilobytes_become_bytes_and_counts_stay_counts() {
        let c = parse(SAMPLE);
        assert!(c.problems.is_empty());
        let m = c.map;
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
        let c = parse(b"MemTotal:  1000 kB\nMemFree:  500 kB\nBuffers:  10 kB\nCached:  20 kB\n");
        assert_eq!((c.get("MemAvailable"), c.map.len()), (Val::Absent, 4));
    }

    #[test]
    fn a_bad_line_costs_only_its_value() {
        let first = |t: &[u8]| {
            let c = parse(t);
            let e = c.problems.iter().next().cloned().unwrap();
            (c, e)
        };
        let (c, e) = first(b"MemTotal: 1 kB\nMemFree 2 kB\nBuffers: 3 kB\n");
        assert_eq!((e.field(), e.line(), c.map.len()), (Some(":"), Some(2), 2));
        let (c, e) = first(b"MemTotal: lots kB\nMemFree: 2 kB\n");
        assert_eq!(
            (e.field(), e.line(), c.get("MemTotal"), c.get("MemFree")),
            (Some("value"), Some(1), Val::Bad, Val::Ok(2048))
        );
        assert_eq!(first(b"MemTotal: 1 MB\n").1.field(), Some("unit"));
        assert_eq!(first(b"MemTotal: 18446744073709551615 kB\n").1.field(), Some("value"));
        assert_eq!(first(b"MemTotal:\n").1.field(), Some("value"));
        assert!(parse(b"").map.is_empty());
    }

    #[test]
    fn one_field_corruption() {
        corrupt::check(
            "MemTotal:       {{MemTotal:kb=24683656}} kB\nMemFree:        {{MemFree:kb=23319380}} kB\n\
MemAvailable:   {{MemAvailable:kb=24283380}} kB\nActive(anon):       {{Active(anon):kb=1528}} kB\n\
HugePages_Total:       {{HugePages_Total=0}}\n",
            |b| {
                let c = parse(b);
                let l = ["MemTotal", "MemFree", "MemAvailable", "Active(anon)", "HugePages_Total"]
                    .iter()
                    .map(|k| (k.to_string(), format!("{:?}", c.get(k))))
                    .collect();
                (l, c.problems.iter().map(ToString::to_string).collect())
            },
        );
    }
}
