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
use crate::parse::{key_value, lines, u64_dec, u64_oct};

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(crate) struct FdInfo {
    pub pos: Option<u64>,
    pub flags: Option<u32>,
    pub mnt_id: Option<u64>,
    pub ino: Option<u64>,
}

pub(crate) fn parse(text: &[u8]) -> Result<FdInfo, ParseError> {
    let mut info = FdInfo::default();
    for (i, line) in lines(text).enumerate() {
        let Some((key, value)) = key_value(line, b':') else { continue };
        let bad = |name| ParseError::invalid(name).at_line(i + 1);
        match key {
            b"pos" => info.pos = Some(u64_dec(value).ok_or_else(|| bad("pos"))?),
            b"flags" => {
                info.flags = Some(u64_oct(value).and_then(|v| u32::try_from(v).ok()).ok_or_else(|| bad("flags"))?)
            }
            b"mnt_id" => info.mnt_id = Some(u64_dec(value).ok_or_else(|| bad("mnt_id"))?),
            b"ino" => info.ino = Some(u64_dec(value).ok_or_else(|| bad("ino"))?),
            _ => {}
        }
    }
    Ok(info)
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

    #[test]
    fn parses_fdinfo() {
        let i = parse(b"pos:\t42\nflags:\t02100002\nmnt_id:\t29\nino:\t1234567\neventfd-count: 0\n").unwrap();
        assert_eq!(i, FdInfo { pos: Some(42), flags: Some(0o2100002), mnt_id: Some(29), ino: Some(1234567) });
        assert_eq!(mode(0o2100002), "rw");
        assert_eq!(mode(0o100001), "w");
        assert_eq!(mode(0o100000), "r");
    }

    #[test]
    fn old_kernel_and_bad_flags() {
        let i = parse(b"pos:\t0\nflags:\t0100000\n").unwrap();
        assert_eq!((i.mnt_id, i.ino), (None, None));
        assert_eq!(parse(b"pos:\t0\nflags:\t9\n").unwrap_err().field(), Some("flags"));
    }
}
