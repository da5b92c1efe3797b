//! `/sys/fs/btrfs/<uuid>/…`: a mounted Btrfs filesystem.
//!
//! ```text
//! $ ls /sys/fs/btrfs/7698dc73-a4af-4591-9b38-43e60fb2b430
//! allocation  devices  devinfo  features  generation  label  nodesize  sectorsize  …
//! $ cat allocation/data/{total_bytes,bytes_used,disk_total,disk_used}
//! 134217728
//! 20971520
//! 134217728
//! 20971520
//! $ ls allocation/data
//! raid0  bytes_may_use  … disk_total  disk_used  total_bytes …
//! $ cat devinfo/1/error_stats
//! write_errs 0
//! read_errs 0
//! flush_errs 0
//! corruption_errs 0
//! generation_errs 0
//! ```
//!
//! (Documentation/ABI/testing/sysfs-fs-btrfs.) `label` is empty without a label;
//! `allocation/<type>/` holds one directory per RAID profile in use; `devices/` one link
//! per member device, named after it; `devinfo/<devid>/` (5.9+) `missing`, `writeable`,
//! and (6.x) `error_stats`. `generation` appeared in 5.11.

use crate::error::ParseError;
use crate::parse::{Fields, lines, trim, u64_dec};

/// A numeric attribute.
pub(crate) fn value(text: &[u8], name: &'static str) -> Result<u64, ParseError> {
    u64_dec(trim(text)).ok_or(ParseError::invalid(name))
}

/// `label`: `None` when the filesystem has none.
pub(crate) fn label(text: &[u8]) -> Option<String> {
    let t = text.strip_suffix(b"\n").unwrap_or(text);
    (!t.is_empty()).then(|| String::from_utf8_lossy(t).into_owned())
}

/// `devinfo/<devid>/error_stats`: write, read, flush, corruption and generation errors
/// (`None` for lines this kernel does not print).
pub(crate) fn error_stats(text: &[u8]) -> Result<[Option<u64>; 5], ParseError> {
    const NAMES: [&[u8]; 5] = [b"write_errs", b"read_errs", b"flush_errs", b"corruption_errs", b"generation_errs"];
    let mut out = [None; 5];
    for (i, line) in lines(text).enumerate().filter(|(_, l)| !trim(l).is_empty()) {
        let mut f = Fields::new(line);
        let key = f.next("name").map_err(|e| e.at_line(i + 1))?;
        let v = f.u64("value").map_err(|e| e.at_line(i + 1))?;
        if let Some(slot) = NAMES.iter().position(|n| *n == key) {
            out[slot] = Some(v);
        }
    }
    Ok(out)
}

/// Whether an entry of `allocation/<type>/` is a RAID profile directory.
pub(crate) fn is_profile(entry: &[u8]) -> bool {
    matches!(
        entry,
        b"single" | b"dup" | b"raid0" | b"raid1" | b"raid1c3" | b"raid1c4" | b"raid10" | b"raid5" | b"raid6"
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn values() {
        assert_eq!(value(b"134217728\n", "total_bytes"), Ok(134_217_728));
        assert!(value(b"x\n", "total_bytes").is_err());
        assert_eq!(label(b"lbl\n").as_deref(), Some("lbl"));
        assert_eq!(label(b"\n"), None);
        assert_eq!(
            error_stats(b"write_errs 0\nread_errs 3\nflush_errs 0\n").unwrap(),
            [Some(0), Some(3), Some(0), None, None]
        );
        assert_eq!(error_stats(b"write_errs x\n").unwrap_err().line(), Some(1));
        assert!(is_profile(b"raid1c3") && !is_profile(b"total_bytes"));
    }
}
