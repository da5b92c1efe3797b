//! `/proc/<pid>/fdinfo/<fd>`: position, flags and identity of one open descriptor.
//!
//! ```text
//! pos:    0
//! flags:    02100002
//! mnt_id:    29
//! ino:    1234567
//! ```
//!
//! `flags` is octal. `mnt_id` appeared in 3.15, `ino` in 5.14. Some descriptor types
//! append their own lines (eventfd counts, epoll targets, inotify watches), ignored here.

use crate::error::ParseError;
use crate::parse::{Problems, Val, key_value, lines, u64_dec, u64_oct};

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct FdInfo {
    pub pos: Val<u64>,
    pub flags: Val<u32>,
    pub mnt_id: Val<u64>,
    pub ino: Val<u64>,
    pub problems: Problems,
}

pub(crate) fn parse(text: &[u8]) -> FdInfo {
    let mut info = FdInfo::default();
    let mut p = Problems::default();
    for (i, line) in lines(text).enumerate() {
        let Some((key, value)) = key_value(line, b':') else { continue };
        let bad = |name| ParseError::bad(name, value).at_line(i + 1);
        match key {
            b"pos" => info.pos = p.take(u64_dec(value).ok_or_else(|| bad("pos"))),
            b"flags" => {
                info.flags = p.take(u64_oct(value).and_then(|v| u32::try_from(v).ok()).ok_or_else(|| bad("flags")))
            }
            b"mnt_id" => info.mnt_id = p.take(u64_dec(value).ok_or_else(|| bad("mnt_id"))),
            b"ino" => info.ino = p.take(u64_dec(value).ok_or_else(|| bad("ino"))),
            _ => {}
        }
    }
    info.problems = p;
    info
}

/// `r`, `w` or `rw` for the access mode bits of open flags.
pub(crate) fn mode(flags: u32) -> &'static str {
    match flags & 0o3 {
        0 => "r",
        1 => "w",
        _ => "rw",
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::parse::corrupt::{self, listing};

    #[test]
    fn parses_fdinfo() {
        let i = parse(b"pos:\t42\nflags:\t02100002\nmnt_id:\t29\nino:\t1234567\neventfd-count: 0\n");
        assert_eq!(
            i,
            FdInfo {
                pos: Val::Ok(42),
                flags: Val::Ok(0o2100002),
                mnt_id: Val::Ok(29),
                ino: Val::Ok(1234567),
                problems: Problems::default()
            }
        );
        assert_eq!(mode(0o2100002), "rw");
        assert_eq!(mode(0o100001), "w");
        assert_eq!(mode(0o100000), "r");
    }

    #[test]
    fn old_kernel_and_bad_flags() {
        let i = parse(b"pos:\t0\nflags:\t0100000\n");
        assert_eq!((i.mnt_id, i.ino), (Val::Absent, Val::Absent));
        let i = parse(b"pos:\t0\nflags:\t9\n");
        assert_eq!((i.pos, i.flags), (Val::Ok(0), Val::Bad));
        assert_eq!(i.problems.iter().next().unwrap().field(), Some("flags"));
    }

    #[test]
    fn one_field_corruption() {
        corrupt::check(
            "pos:\t{{pos=42}}\nflags:\t{{flags:o32=02100002}}\nmnt_id:\t{{mnt_id=29}}\nino:\t{{ino=1234567}}\n",
            |b| {
                let i = parse(b);
                (listing!(i; pos, flags, mnt_id, ino), i.problems.iter().map(ToString::to_string).collect())
            },
        );
    }
}
