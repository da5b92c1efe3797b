//! `/proc/sys/fs/inode-nr`: inodes in the kernel's cache.
//!
//! ```text
//! 43925    520
//! ```
//!
//! (Documentation/admin-guide/sysctl/fs.rst, "inode-nr & inode-state".) Inodes allocated,
//! and how many of them are free (unused, reclaimable). Each value alone.

use crate::model::Reason;
use crate::parse::{Fields, Problems};
use crate::system::InodeCounts;

pub(crate) fn parse(text: &[u8]) -> (InodeCounts, Problems) {
    let mut f = Fields::new(text);
    let mut p = Problems::default();
    let allocated = p.take(f.u64("nr_inodes")).field(Reason::Error);
    let free = p.take(f.u64("nr_free_inodes")).field(Reason::Error);
    (InodeCounts { allocated, free }, p)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Field;
    use crate::parse::corrupt::{self, listing};

    #[test]
    fn two_counts() {
        let (i, p) = parse(b"43925\t520\n");
        assert!(p.is_empty());
        assert_eq!((i.allocated, i.free), (Field::Value(43925), Field::Value(520)));
    }

    #[test]
    fn one_field_corruption() {
        corrupt::check("{{allocated=43925}}\t{{free=520}}\n", |b| {
            let (i, p) = parse(b);
            (listing!(i; allocated, free), p.iter().map(ToString::to_string).collect())
        });
    }
}
