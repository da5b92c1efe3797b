//! `/proc/<pid>/smaps_rollup` (Linux 4.14+): the `smaps` fields summed over every mapping.
//!
//! ```text
//! 55d0c4a00000-7ffd3a612000 ---p 00000000 00:00 0                          [rollup]
//! Rss:                5576 kB
//! Pss:                2301 kB
//! Pss_Anon:           1100 kB
//! Pss_File:           1201 kB
//! Pss_Shmem:             0 kB
//! Shared_Clean:       3000 kB
//! Shared_Dirty:        100 kB
//! Private_Clean:       400 kB
//! Private_Dirty:      2076 kB
//! Swap:                  0 kB
//! SwapPss:               0 kB
//! ```
//!
//! `Pss_Anon`/`Pss_File`/`Pss_Shmem` appeared in 5.7. Kernel threads have no mm, and the
//! file is empty. Values are kB, converted to bytes.

use crate::error::ParseError;
use crate::parse::{Fields, key_value, lines};

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(crate) struct SmapsRollup {
    pub rss: Option<u64>,
    pub pss: Option<u64>,
    pub pss_anon: Option<u64>,
    pub pss_file: Option<u64>,
    pub pss_shmem: Option<u64>,
    pub shared_clean: Option<u64>,
    pub shared_dirty: Option<u64>,
    pub private_clean: Option<u64>,
    pub private_dirty: Option<u64>,
    pub private_hugetlb: Option<u64>,
    pub swap: Option<u64>,
    pub swap_pss: Option<u64>,
}

impl SmapsRollup {
    /// Unique set size: memory only this process maps.
    pub(crate) fn uss(&self) -> Option<u64> {
        Some(self.private_clean?.saturating_add(self.private_dirty?).saturating_add(self.private_hugetlb.unwrap_or(0)))
    }

    pub(crate) fn dirty(&self) -> Option<u64> {
        Some(self.shared_dirty?.saturating_add(self.private_dirty?))
    }
}

pub(crate) fn parse(text: &[u8]) -> Result<SmapsRollup, ParseError> {
    let mut s = SmapsRollup::default();
    for (i, line) in lines(text).enumerate() {
        let Some((key, value)) = key_value(line, b':') else { continue };
        let slot = match key {
            b"Rss" => &mut s.rss,
            b"Pss" => &mut s.pss,
            b"Pss_Anon" => &mut s.pss_anon,
            b"Pss_File" => &mut s.pss_file,
            b"Pss_Shmem" => &mut s.pss_shmem,
            b"Shared_Clean" => &mut s.shared_clean,
            b"Shared_Dirty" => &mut s.shared_dirty,
            b"Private_Clean" => &mut s.private_clean,
            b"Private_Dirty" => &mut s.private_dirty,
            b"Private_Hugetlb" => &mut s.private_hugetlb,
            b"Swap" => &mut s.swap,
            b"SwapPss" => &mut s.swap_pss,
            _ => continue,
        };
        let kb = Fields::new(value).u64("kB").map_err(|e| e.at_line(i + 1))?;
        *slot = Some(kb.checked_mul(1024).ok_or_else(|| ParseError::invalid("kB").at_line(i + 1))?);
    }
    Ok(s)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_rollup() {
        let text = b"55d0-7ffd ---p 00000000 00:00 0      [rollup]\nRss:  5576 kB\nPss:   2301 kB\nPss_Anon: 1100 kB\n\
Pss_File: 1201 kB\nPss_Shmem: 0 kB\nShared_Clean: 3000 kB\nShared_Dirty: 100 kB\nPrivate_Clean: 400 kB\n\
Private_Dirty: 2076 kB\nReferenced: 5000 kB\nPrivate_Hugetlb: 0 kB\nSwap: 8 kB\nSwapPss: 4 kB\n";
        let s = parse(text).unwrap();
        assert_eq!(s.pss, Some(2301 * 1024));
        assert_eq!(s.uss(), Some((400 + 2076) * 1024));
        assert_eq!(s.dirty(), Some((100 + 2076) * 1024));
        assert_eq!((s.swap, s.swap_pss), (Some(8 * 1024), Some(4 * 1024)));
    }

    #[test]
    fn old_kernel_and_empty() {
        let s = parse(b"Rss: 4 kB\nPss: 2 kB\n").unwrap();
        assert_eq!((s.pss_anon, s.uss()), (None, None));
        assert_eq!(parse(b"").unwrap(), SmapsRollup::default());
        assert_eq!(parse(b"Pss: lots\n").unwrap_err().line(), Some(1));
    }

    #[test]
    fn sums_of_huge_values_saturate() {
        // Each value fits in a u64; their sum does not (it panicked in debug builds).
        let s = parse(b"Shared_Dirty: 18014398509481983 kB\nPrivate_Clean: 18014398509481983 kB\nPrivate_Dirty: 18014398509481983 kB\n").unwrap();
        assert_eq!((s.uss(), s.dirty()), (Some(u64::MAX), Some(u64::MAX)));
    }
}
