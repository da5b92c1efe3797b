//! Files of a cgroup directory (`/sys/fs/cgroup/<path>/…`), v2 and v1.
//!
//! ```text
//! cpu.max          "max 100000"  or  "50000 100000"   (quota period, µs)
//! memory.max       "max"  or  "536870912"
//! io.max           "8:16 rbps=2097152 wbps=max riops=max wiops=120"
//! cgroup.controllers  "cpuset cpu io memory pids"
//! memory.limit_in_bytes (v1)  "9223372036854771712" (= unlimited)
//! cpu.cfs_quota_us (v1)       "-1" (= unlimited)
//! ```
//!
//! "max" and the v1 sentinels are `u64::MAX` (unlimited).

use crate::error::ParseError;
use crate::parse::{Fields, i64_dec, lines, trim, u64_dec};
use crate::process::IoMax;

/// v1 memory limits print PAGE_COUNTER_MAX × page size when unlimited; anything this
/// large is no limit in practice.
const V1_UNLIMITED_FLOOR: u64 = 1 << 62;

/// A single value that may be `max`.
pub(crate) fn max_value(text: &[u8]) -> Result<u64, ParseError> {
    let t = trim(text);
    if t == b"max" { Ok(u64::MAX) } else { u64_dec(t).ok_or_else(|| ParseError::bad("value", t)) }
}

/// A v1 memory limit (`memory.limit_in_bytes`): huge values mean unlimited.
pub(crate) fn v1_memory_limit(text: &[u8]) -> Result<u64, ParseError> {
    let t = trim(text);
    let v = u64_dec(t).ok_or_else(|| ParseError::bad("limit_in_bytes", t))?;
    Ok(if v >= V1_UNLIMITED_FLOOR { u64::MAX } else { v })
}

/// A v1 CFS quota (`cpu.cfs_quota_us`): `-1` means unlimited.
pub(crate) fn v1_quota(text: &[u8]) -> Result<u64, ParseError> {
    let t = trim(text);
    match i64_dec(t) {
        Some(-1) => Ok(u64::MAX),
        // Any other negative value is no quota the kernel prints: not "unlimited".
        v => v.and_then(|v| u64::try_from(v).ok()).ok_or_else(|| ParseError::bad("cfs_quota_us", t)),
    }
}

/// `cpu.max`: (quota µs or `u64::MAX`, period µs).
pub(crate) fn cpu_max(text: &[u8]) -> Result<(u64, u64), ParseError> {
    let mut f = Fields::new(text);
    let quota = f.next("quota")?;
    let quota =
        if quota == b"max" { u64::MAX } else { u64_dec(quota).ok_or_else(|| ParseError::bad("quota", quota))? };
    let period = f.u64("period")?;
    Ok((quota, period))
}

/// `io.max`: one entry per device with a limit.
pub(crate) fn io_max(text: &[u8]) -> Result<Vec<IoMax>, ParseError> {
    let mut out = Vec::new();
    for (i, line) in lines(text).enumerate() {
        let mut f = Fields::new(line);
        let Some(dev) = f.token() else { continue };
        let mut entry = IoMax {
            device: String::from_utf8_lossy(dev).into_owned(),
            rbps: u64::MAX,
            wbps: u64::MAX,
            riops: u64::MAX,
            wiops: u64::MAX,
        };
        while let Some(tok) = f.token() {
            let bad = || ParseError::bad("io.max", tok).at_line(i + 1);
            let eq = tok.iter().position(|&b| b == b'=').ok_or_else(bad)?;
            let v = max_value(&tok[eq + 1..]).map_err(|_| bad())?;
            match &tok[..eq] {
                b"rbps" => entry.rbps = v,
                b"wbps" => entry.wbps = v,
                b"riops" => entry.riops = v,
                b"wiops" => entry.wiops = v,
                _ => {}
            }
        }
        out.push(entry);
    }
    Ok(out)
}

/// `cgroup.controllers`: space-separated names.
pub(crate) fn controllers(text: &[u8]) -> Vec<String> {
    let mut f = Fields::new(text);
    std::iter::from_fn(|| f.token()).map(|c| String::from_utf8_lossy(c).into_owned()).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn values() {
        assert_eq!(max_value(b"max\n"), Ok(u64::MAX));
        assert_eq!(max_value(b"536870912\n"), Ok(536870912));
        assert!(max_value(b"lots").is_err());
        assert_eq!(cpu_max(b"max 100000\n"), Ok((u64::MAX, 100000)));
        assert_eq!(cpu_max(b"50000 100000\n"), Ok((50000, 100000)));
        assert_eq!(cpu_max(b"50000").unwrap_err().field(), Some("period"));
        assert_eq!(v1_memory_limit(b"9223372036854771712\n"), Ok(u64::MAX));
        assert_eq!(v1_memory_limit(b"1073741824\n"), Ok(1 << 30));
        assert_eq!(v1_quota(b"-1\n"), Ok(u64::MAX));
        assert_eq!(v1_quota(b"25000\n"), Ok(25000));
        assert_eq!(controllers(b"cpuset cpu io memory pids\n"), vec!["cpuset", "cpu", "io", "memory", "pids"]);
    }

    #[test]
    fn io_max_lines() {
        let v = io_max(b"8:16 rbps=2097152 wbps=max riops=max wiops=120\n253:0 riops=10\n").unwrap();
        assert_eq!(v[0], IoMax { device: "8:16".into(), rbps: 2097152, wbps: u64::MAX, riops: u64::MAX, wiops: 120 });
        assert_eq!((v[1].device.as_str(), v[1].riops, v[1].rbps), ("253:0", 10, u64::MAX));
        assert_eq!(io_max(b"8:0 rbps\n").unwrap_err().line(), Some(1));
    }

    #[test]
    fn one_field_corruption() {
        use crate::parse::corrupt::single;
        single("u64", "536870912", max_value);
        single("u64", "9223372036854771712", v1_memory_limit);
        single("i64", "50000", v1_quota);
    }
}
