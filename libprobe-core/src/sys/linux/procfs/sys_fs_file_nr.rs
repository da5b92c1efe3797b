//! `/proc/sys/fs/file-nr`: the kernel's file handles.
//!
//! ```text
//! 2080    0    9223372036854775807
//! ```
//!
//! (Documentation/admin-guide/sysctl/fs.rst, "file-max & file-nr".) Allocated handles,
//! allocated-but-unused handles (always 0 since Linux 2.6: unused handles are freed at
//! once), and the most the kernel will allocate (`fs.file-max`; `LONG_MAX` when set to
//! unlimited). Read-only, readable by anyone. Each value alone.

use crate::model::Reason;
use crate::parse::{Fields, Problems};
use crate::system::FileHandles;

pub(crate) fn parse(text: &[u8]) -> (FileHandles, Problems) {
    let mut f = Fields::new(text);
    let mut p = Problems::default();
    let mut next = |name| p.take(f.u64(name)).field(Reason::Error);
    let allocated = next("allocated");
    let unused = next("unused");
    let max = next("max");
    (FileHandles { allocated, unused, max }, p)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Field;
    use crate::parse::corrupt::{self, listing};

    #[test]
    fn three_counts() {
        let (h, p) = parse(b"2080\t0\t9223372036854775807\n");
        assert!(p.is_empty());
        assert_eq!(
            (h.allocated, h.unused, h.max),
            (Field::Value(2080), Field::Value(0), Field::Value(i64::MAX as u64))
        );
        let (h, p) = parse(b"2080\t0\n");
        assert_eq!((h.allocated, h.max), (Field::Value(2080), Field::Missing(Reason::Error)));
        assert_eq!(p.iter().next().unwrap().field(), Some("max"));
    }

    #[test]
    fn one_field_corruption() {
        corrupt::check("{{allocated=2080}}\t{{unused=0}}\t{{max=9223372036854775807}}\n", |b| {
            let (h, p) = parse(b);
            (listing!(h; allocated, unused, max), p.iter().map(ToString::to_string).collect())
        });
    }
}
