//! `/proc/<pid>/cmdline` and `/proc/<pid>/environ`: NUL-separated byte strings.
//!
//! ```text
//! python3\0-m\0http.server\0        (cmdline)
//! HOME=/root\0PATH=/usr/bin\0       (environ)
//! ```
//!
//! Neither is text: any byte but NUL may appear. A process that rewrote its argv
//! (`setproctitle`) may leave no NUL at all, or a run of padding NULs; a trailing NUL ends
//! the last string but does not start an empty one. Empty strings in the middle are real
//! (empty arguments). Kernel threads and zombies give an empty file.

use crate::schema::OrderedMap;
use crate::text::ByteStr;

/// The NUL-separated strings of `data`.
pub(crate) fn split(data: &[u8]) -> Vec<ByteStr> {
    if data.is_empty() {
        return Vec::new();
    }
    let data = data.strip_suffix(b"\0").unwrap_or(data);
    data.split(|&b| b == 0).map(ByteStr::from).collect()
}

/// `KEY=value` pairs of an environ block, in order. An entry without `=` is a key with an
/// empty value; empty entries (padding) are skipped.
pub(crate) fn environ(data: &[u8]) -> OrderedMap<ByteStr, ByteStr> {
    let mut map = OrderedMap::new();
    for entry in data.split(|&b| b == 0).filter(|e| !e.is_empty()) {
        // The name cannot be empty, so an entry starting with `=` keeps it in the name.
        let split = entry.iter().skip(1).position(|&b| b == b'=').map(|i| i + 1);
        match split {
            Some(i) => map.push(ByteStr::from(&entry[..i]), ByteStr::from(&entry[i + 1..])),
            None => map.push(ByteStr::from(entry), ByteStr::default()),
        }
    }
    map
}

#[cfg(test)]
mod tests {
    use super::*;

    fn strs(v: &[ByteStr]) -> Vec<&[u8]> {
        v.iter().map(ByteStr::as_bytes).collect()
    }

    #[test]
    fn splits_arguments_losslessly() {
        assert_eq!(strs(&split(b"python3\0-m\0http.server\0")), vec![&b"python3"[..], b"-m", b"http.server"]);
        assert_eq!(strs(&split(b"a\0\0b\0")), vec![&b"a"[..], b"", b"b"]);
        assert_eq!(strs(&split(b"no nul at all")), vec![&b"no nul at all"[..]]);
        assert_eq!(strs(&split(b"\xff\xfe\0")), vec![&b"\xff\xfe"[..]]);
        assert!(split(b"").is_empty());
        assert_eq!(strs(&split(b"\0")), vec![&b""[..]]);
    }

    #[test]
    fn environ_pairs() {
        let env = environ(b"HOME=/root\0EMPTY=\0NOEQ\0=weird=1\0A=b=c\0\0");
        let pairs: Vec<(&[u8], &[u8])> = env.iter().map(|(k, v)| (k.as_bytes(), v.as_bytes())).collect();
        assert_eq!(
            pairs,
            vec![(&b"HOME"[..], &b"/root"[..]), (b"EMPTY", b""), (b"NOEQ", b""), (b"=weird", b"1"), (b"A", b"b=c"),]
        );
    }
}
