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
use crate::parse::{Fields, Problems, Val, key_value, lines, plus};

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct SmapsRollup {
    pub rss: Val<u64>,
    pub pss: Val<u64>,
    pub pss_anon: Val<u64>,
    pub pss_file: Val<u64>,
    pub pss_shmem: Val<u64>,
    pub shared_clean: Val<u64>,
    pub shared_dirty: Val<u64>,
    pub private_clean: Val<u64>,
    pub private_dirty: Val<u64>,
    pub private_hugetlb: Val<u64>,
    pub swap: Val<u64>,
    pub swap_pss: Val<u64>,
    pub problems: Problems,
}

impl SmapsRollup {
    /// Unique set size: memory only this process maps (`Private_Clean + Private_Dirty
    /// + Private_Hugetlb`); a sum past `u64::MAX` is bad, never clamped.
    pub(crate) fn uss(&self) -> Val<Result<u64, ParseError>> {
        let hugetlb = match self.private_hugetlb {
            Val::Ok(v) => v,
            Val::Absent => 0,
            Val::Bad => return Val::Bad,
        };
        both(self.private_clean, self.private_dirty, |a, b| {
            plus(a, b, "memory_uss").and_then(|s| plus(s, hugetlb, "memory_uss"))
        })
    }

    /// `Shared_Dirty + Private_Dirty`.
    pub(crate) fn dirty(&self) -> Val<Result<u64, ParseError>> {
        both(self.shared_dirty, self.private_dirty, |a, b| plus(a, b, "memory_dirty"))
    }
}

/// `f(a, b)` when both are valid; `Bad` when either is, else `Absent`.
fn both<T>(a: Val<u64>, b: Val<u64>, f: impl FnOnce(u64, u64) -> T) -> Val<T> {
    match (a, b) {
        (Val::Ok(a), Val::Ok(b)) => Val::Ok(f(a, b)),
        (Val::Bad, _) | (_, Val::Bad) => Val::Bad,
        _ => Val::Absent,
    }
}

pub(crate) fn parse(text: &[u8]) -> SmapsRollup {
    let mut s = SmapsRollup::default();
    let mut problems = Problems::default();
    for (i, line) in lines(text).enumerate() {
        let Some((key, value)) = key_value(line, b':') else { continue };
        let (slot, name) = match key {
            b"Rss" => (&mut s.rss, "Rss"),
            b"Pss" => (&mut s.pss, "Pss"),
            b"Pss_Anon" => (&mut s.pss_anon, "Pss_Anon"),
            b"Pss_File" => (&mut s.pss_file, "Pss_File"),
            b"Pss_Shmem" => (&mut s.pss_shmem, "Pss_Shmem"),
            b"Shared_Clean" => (&mut s.shared_clean, "Shared_Clean"),
            b"Shared_Dirty" => (&mut s.shared_dirty, "Shared_Dirty"),
            b"Private_Clean" => (&mut s.private_clean, "Private_Clean"),
            b"Private_Dirty" => (&mut s.private_dirty, "Private_Dirty"),
            b"Private_Hugetlb" => (&mut s.private_hugetlb, "Private_Hugetlb"),
            b"Swap" => (&mut s.swap, "Swap"),
            b"SwapPss" => (&mut s.swap_pss, "SwapPss"),
            _ => continue,
        };
        *slot = problems.take_at(kb(value, name), i + 1);
    }
    s.problems = problems;
    s
}

/// `  5576 kB` → bytes; a count whose bytes do not fit a u64 is bad.
fn kb(value: &[u8], name: &'static str) -> Result<u64, ParseError> {
    let mut f = Fields::new(value);
    let n = f.u64(name)?;
    if f.token().is_some_and(|unit| unit != b"kB") {
        return Err(ParseError::bad(name, value));
    }
    n.checked_mul(1024).ok_or_else(|| ParseError::bad(name, value))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::parse::corrupt::{self, listing};

    #[test]
    fn parses_rollup() {
        let text = b"55d0-7ffd ---p 00000000 00:00 0      [rollup]\nRss:  5576 kB\nPss:   2301 kB\nPss_Anon: 1100 kB\n\
Pss_File: 1201 kB\nPss_Shmem: 0 kB\nShared_Clean: 3000 kB\nShared_Dirty: 100 kB\nPrivate_Clean: 400 kB\n\
Private_Dirty: 2076 kB\nReferenced: 5000 kB\nPrivate_Hugetlb: 0 kB\nSwap: 8 kB\nSwapPss: 4 kB\n";
        let s = parse(text);
        assert!(s.problems.is_empty());
        assert_eq!(s.pss, Val::Ok(2301 * 1024));
        assert_eq!(s.uss(), Val::Ok(Ok((400 + 2076) * 1024)));
        assert_eq!(s.dirty(), Val::Ok(Ok((100 + 2076) * 1024)));
        assert_eq!((s.swap, s.swap_pss), (Val::Ok(8 * 1024), Val::Ok(4 * 1024)));
    }

    #[test]
    fn old_kernel_and_empty() {
        let s = parse(b"Rss: 4 kB\nPss: 2 kB\n");
        assert_eq!((s.pss_anon, s.uss()), (Val::Absent, Val::Absent));
        assert_eq!(parse(b""), SmapsRollup::default());
        let s = parse(b"Pss: lots\nRss: 4 kB\n");
        assert_eq!((s.pss, s.rss), (Val::Bad, Val::Ok(4096)));
        assert_eq!(s.problems.iter().next().unwrap().line(), Some(1));
    }

    #[test]
    fn sums_past_u64_are_errors_not_clamped() {
        // Each value fits in a u64; their sum does not.
        let s = parse(b"Shared_Dirty: 18014398509481983 kB\nPrivate_Clean: 18014398509481983 kB\nPrivate_Dirty: 18014398509481983 kB\n");
        assert!(matches!(s.uss(), Val::Ok(Err(_))) && matches!(s.dirty(), Val::Ok(Err(_))));
    }

    #[test]
    fn one_field_corruption() {
        corrupt::check(
            "00-ff ---p 00000000 00:00 0      [rollup]\nRss: {{rss:kb=5576}} kB\nPss: {{pss:kb=2301}} kB\n\
Pss_Anon: {{pss_anon:kb=1100}} kB\nPss_File: {{pss_file:kb=1201}} kB\nPss_Shmem: {{pss_shmem:kb=0}} kB\n\
Shared_Clean: {{shared_clean:kb=3000}} kB\nShared_Dirty: {{shared_dirty:kb=100}} kB\n\
Private_Clean: {{private_clean:kb=400}} kB\nPrivate_Dirty: {{private_dirty:kb=2076}} kB\n\
Private_Hugetlb: {{private_hugetlb:kb=0}} kB\nSwap: {{swap:kb=8}} kB\nSwapPss: {{swap_pss:kb=4}} kB\n",
            |b| {
                let s = parse(b);
                let l = listing!(s; rss, pss, pss_anon, pss_file, pss_shmem, shared_clean, shared_dirty, private_clean,
                    private_dirty, private_hugetlb, swap, swap_pss);
                (l, s.problems.iter().map(ToString::to_string).collect())
            },
        );
    }
}
