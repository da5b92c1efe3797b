//! `/proc/<pid>/maps`: one line per memory mapping.
//!
//! ```text
//! 55d0c4a00000-55d0c4a2c000 r--p 00000000 fe:01 1835021                    /usr/bin/bash
//! 7ffd3a5f1000-7ffd3a612000 rw-p 00000000 00:00 0                          [stack]
//! 7f2a1c000000-7f2a1c021000 rw-p 00000000 00:00 0
//! ```
//!
//! The pathname starts after the padding and runs to the end of the line: it may contain
//! spaces, and a deleted file ends in ` (deleted)`. A newline in a file name is printed as
//! `\012`.

use crate::error::ParseError;
use crate::parse::{Fields, lines, u64_dec, u64_hex};
use crate::process::MemoryMap;
use crate::text::ByteStr;

pub(crate) fn parse(text: &[u8]) -> Result<Vec<MemoryMap>, ParseError> {
    lines(text).enumerate().map(|(i, line)| row(line).map_err(|e| e.at_line(i + 1))).collect()
}

fn row(line: &[u8]) -> Result<MemoryMap, ParseError> {
    let mut f = Fields::new(line);
    let range = f.next("address")?;
    let dash = range.iter().position(|&b| b == b'-').ok_or(ParseError::invalid("address"))?;
    let start_addr = u64_hex(&range[..dash]).ok_or(ParseError::invalid("start_addr"))?;
    let end_addr = u64_hex(&range[dash + 1..]).ok_or(ParseError::invalid("end_addr"))?;
    let perms = f.next("permissions")?;
    let offset = f.hex("offset")?;
    let device = f.next("device")?;
    let inode = u64_dec(f.next("inode")?).ok_or(ParseError::invalid("inode"))?;
    Ok(MemoryMap {
        start_addr,
        end_addr,
        permissions: String::from_utf8_lossy(perms).into_owned(),
        offset,
        device: String::from_utf8_lossy(device).into_owned(),
        inode,
        pathname: ByteStr::from(f.rest()),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_rows_with_and_without_paths() {
        let text = b"55d0c4a00000-55d0c4a2c000 r--p 00000000 fe:01 1835021                    /usr/bin/bash\n\
7f2a1c000000-7f2a1c021000 rw-p 00000000 00:00 0 \n\
7ffd3a5f1000-7ffd3a612000 rw-p 00001000 00:00 0                          [stack]\n\
7f00-7f10 r-xs 00000000 08:02 42   /tmp/my file (deleted)\n";
        let m = parse(text).unwrap();
        assert_eq!(m.len(), 4);
        assert_eq!((m[0].start_addr, m[0].end_addr), (0x55d0c4a00000, 0x55d0c4a2c000));
        assert_eq!((m[0].permissions.as_str(), m[0].device.as_str(), m[0].inode), ("r--p", "fe:01", 1835021));
        assert_eq!(m[0].pathname, "/usr/bin/bash");
        assert!(m[1].pathname.is_empty());
        assert_eq!((m[2].offset, &m[2].pathname), (0x1000, &ByteStr::from("[stack]")));
        assert_eq!(m[3].pathname, "/tmp/my file (deleted)");
    }

    #[test]
    fn bad_rows() {
        assert_eq!(parse(b"zz-10 r--p 0 00:00 0\n").unwrap_err().field(), Some("start_addr"));
        let e = parse(b"10-20 r--p 0 00:00 0\n10-20 r--p\n").unwrap_err();
        assert_eq!((e.field(), e.line()), (Some("offset"), Some(2)));
    }
}
