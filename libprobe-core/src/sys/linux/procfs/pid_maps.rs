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
#[cfg(test)]
use crate::model::Field;
use crate::parse::{Fields, Problems, lines, u64_dec, u64_hex};
use crate::process::MemoryMap;
use crate::text::ByteStr;

/// The mappings, and the problems of the rows: a row whose address range does not parse
/// is no mapping and is left out; a bad offset or inode leaves that field missing.
#[derive(Debug, Clone, Default, PartialEq)]
pub(crate) struct Maps {
    pub maps: Vec<MemoryMap>,
    pub problems: Problems,
}

pub(crate) fn parse(text: &[u8]) -> Maps {
    let mut out = Maps::default();
    for (i, line) in lines(text).enumerate() {
        let mut p = Problems::default();
        match row(line, &mut p) {
            Ok(m) => out.maps.push(m),
            Err(e) => p.push(e),
        }
        for e in p.iter() {
            out.problems.push(e.clone().at_line(i + 1));
        }
    }
    out
}

fn row(line: &[u8], p: &mut Problems) -> Result<MemoryMap, ParseError> {
    let mut f = Fields::new(line);
    let range = f.next("address")?;
    let dash = range.iter().position(|&b| b == b'-').ok_or_else(|| ParseError::bad("address", range))?;
    let start_addr = u64_hex(&range[..dash]).ok_or_else(|| ParseError::bad("start_addr", range))?;
    let end_addr = u64_hex(&range[dash + 1..]).ok_or_else(|| ParseError::bad("end_addr", range))?;
    let perms = f.next("permissions")?;
    let offset = p.take(f.hex("offset")).field(crate::model::Reason::Error);
    let device = f.next("device").map_or_else(|_| Vec::new(), <[u8]>::to_vec);
    let inode = p.take(f.value("inode", u64_dec)).field(crate::model::Reason::Error);
    Ok(MemoryMap {
        start_addr,
        end_addr,
        permissions: String::from_utf8_lossy(perms).into_owned(),
        offset,
        device: String::from_utf8_lossy(&device).into_owned(),
        inode,
        pathname: ByteStr::from(f.rest()),
    })
}

/// A value of a row, for the tests.
#[cfg(test)]
fn value<T: Copy>(f: &Field<T>) -> T {
    f.get().expect("a value")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::parse::corrupt;

    #[test]
    fn parses_rows_with_and_without_paths() {
        let text = b"55d0c4a00000-55d0c4a2c000 r--p 00000000 fe:01 1835021                    /usr/bin/bash\n\
7f2a1c000000-7f2a1c021000 rw-p 00000000 00:00 0 \n\
7ffd3a5f1000-7ffd3a612000 rw-p 00001000 00:00 0                          [stack]\n\
7f00-7f10 r-xs 00000000 08:02 42   /tmp/my file (deleted)\n";
        let Maps { maps: m, problems } = parse(text);
        assert!(problems.is_empty());
        assert_eq!(m.len(), 4);
        assert_eq!((m[0].start_addr, m[0].end_addr), (0x55d0c4a00000, 0x55d0c4a2c000));
        assert_eq!((m[0].permissions.as_str(), m[0].device.as_str(), value(&m[0].inode)), ("r--p", "fe:01", 1835021));
        assert_eq!(m[0].pathname, "/usr/bin/bash");
        assert!(m[1].pathname.is_empty());
        assert_eq!((value(&m[2].offset), &m[2].pathname), (0x1000, &ByteStr::from("[stack]")));
        assert_eq!(m[3].pathname, "/tmp/my file (deleted)");
    }

    #[test]
    fn bad_rows() {
        let m = parse(b"zz-10 r--p 0 00:00 0\n30-40 r--p 0 00:00 0\n");
        assert_eq!((m.maps.len(), m.problems.iter().next().unwrap().field()), (1, Some("start_addr")));
        let m = parse(b"10-20 r--p 0 00:00 0\n10-20 r--p\n");
        let e = m.problems.iter().next().unwrap();
        assert_eq!((e.field(), e.line()), (Some("offset"), Some(2)));
        assert_eq!((m.maps.len(), m.maps[1].offset), (2, Field::Missing(crate::model::Reason::Error)));
    }

    #[test]
    fn one_field_corruption() {
        corrupt::check(
            "55d0c4a00000-55d0c4a2c000 r--p {{0.offset:x=00000000}} fe:01 {{0.inode=1835021}}     /usr/bin/bash\n\
7ffd3a5f1000-7ffd3a612000 rw-p {{1.offset:x=00001000}} 00:00 {{1.inode=0}}                  [stack]\n",
            |b| {
                let m = parse(b);
                let mut l = Vec::new();
                for (i, r) in m.maps.iter().enumerate() {
                    l.push((format!("{i}.offset"), format!("{:?}", r.offset)));
                    l.push((format!("{i}.inode"), format!("{:?}", r.inode)));
                    l.push((format!("{i}.path"), format!("{:?}", r.pathname)));
                }
                (l, m.problems.iter().map(ToString::to_string).collect())
            },
        );
    }
}
