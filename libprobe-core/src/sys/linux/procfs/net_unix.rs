//! `/proc/net/unix`: the Unix domain sockets of the reader's network namespace, the
//! fallback when unix_diag cannot answer.
//!
//! ```text
//! Num       RefCount Protocol Flags    Type St Inode Path
//! 0000000074e104a1: 00000002 00000000 00010000 0001 01  1587 /run/dbus/system_bus_socket
//! 00000000d4252a9c: 00000003 00000000 00000000 0001 03  1586
//! 0000000033a1b2c3: 00000002 00000000 00000000 0002 01  9001 @lp-abstract@name
//! ```
//!
//! (`net/unix/af_unix.c` `unix_seq_show`.) `Flags` has `__SO_ACCEPTCON` (0x10000) for a
//! listening socket; `Type` is `SOCK_STREAM` 1, `SOCK_DGRAM` 2, `SOCK_SEQPACKET` 5; `St` is
//! `SS_CONNECTED` (3) or `SS_UNCONNECTED` (1) for a socket a process holds, and 2 or 4 for
//! one not yet accepted (connected or not). The path follows the inode after one space and
//! runs to the end of the line: an abstract name starts with `@`, and the kernel prints
//! each NUL inside it as `@` too (so such names are lossy here) and a newline in a path
//! raw, which splits its row (the tail is then reported as a malformed line). Peers,
//! queues, uid and the bound file's inode are only in unix_diag: `not_supported`. Unlike
//! unix_diag, this file also lists the server end of a connection not yet accepted: inode
//! 0, the listener's path, held by no process.

use crate::error::ParseError;
use crate::model::{Field, Reason};
use crate::network::{UnixSocket, UnixSocketType, UnixState, not_supported};
use crate::parse::{lines, trim, u64_dec, u64_hex};
use crate::text::ByteStr;

const SO_ACCEPTCON: u64 = 0x10000;

/// Every row that parses, and an error (with its line) for each that does not.
pub(crate) fn parse(text: &[u8]) -> (Vec<UnixSocket>, Vec<ParseError>) {
    let (mut rows, mut errors) = (Vec::new(), Vec::new());
    for (i, line) in lines(text).enumerate().skip(1) {
        if trim(line).is_empty() {
            continue;
        }
        match row(line) {
            Ok(s) => rows.push(s),
            Err(e) => errors.push(e.at_line(i + 1)),
        }
    }
    (rows, errors)
}

/// The socket type for a `SOCK_*` number.
pub(crate) fn socket_type(n: u64) -> UnixSocketType {
    match n {
        1 => UnixSocketType::Stream,
        2 => UnixSocketType::Dgram,
        5 => UnixSocketType::Seqpacket,
        _ => UnixSocketType::Unknown,
    }
}

fn row(line: &[u8]) -> Result<UnixSocket, ParseError> {
    // Tokens by position, because the path after them may hold spaces.
    let mut pos = 0;
    let mut next = |name: &'static str| -> Result<&[u8], ParseError> {
        while line.get(pos).is_some_and(u8::is_ascii_whitespace) {
            pos += 1;
        }
        let start = pos;
        while line.get(pos).is_some_and(|b| !b.is_ascii_whitespace()) {
            pos += 1;
        }
        if start == pos { Err(ParseError::missing(name)) } else { Ok(&line[start..pos]) }
    };
    let num = next("Num")?;
    if !num.ends_with(b":") {
        return Err(ParseError::invalid("Num"));
    }
    let hex = |t: &[u8], name| u64_hex(t).ok_or(ParseError::invalid(name));
    hex(next("RefCount")?, "RefCount")?;
    hex(next("Protocol")?, "Protocol")?;
    let flags = hex(next("Flags")?, "Flags")?;
    let ty = hex(next("Type")?, "Type")?;
    let st = hex(next("St")?, "St")?;
    let inode = u64_dec(next("Inode")?).ok_or(ParseError::invalid("Inode"))?;
    let name = match line.get(pos) {
        Some(b' ') => &line[pos + 1..],
        _ => &[][..],
    };
    let (path, is_abstract) = match name.strip_prefix(b"@") {
        Some(rest) => (rest, true),
        None => (name, false),
    };
    let state = if flags & SO_ACCEPTCON != 0 {
        UnixState::Listening
    } else {
        match st {
            2 | 3 => UnixState::Connected,
            1 | 4 => UnixState::Unconnected,
            _ => UnixState::Unknown,
        }
    };
    Ok(UnixSocket {
        path: ByteStr::from(path),
        is_abstract,
        socket_type: socket_type(ty),
        state,
        inode,
        pid: Field::Missing(Reason::Disabled),
        process_name: Field::Missing(Reason::Disabled),
        owners: Field::Missing(Reason::Disabled),
        peer_inode: not_supported(),
        rx_queue: not_supported(),
        tx_queue: not_supported(),
        uid: not_supported(),
        vfs_inode: not_supported(),
        pending_connections: not_supported(),
        cookie: not_supported(),
        memory: not_supported(),
    })
}

#[cfg(test)]
pub(crate) const SAMPLE: &[u8] = b"Num       RefCount Protocol Flags    Type St Inode Path
0000000074e104a1: 00000002 00000000 00010000 0001 01  1587 /run/dbus/system_bus_socket
00000000d4252a9c: 00000003 00000000 00000000 0001 03  1586
0000000033a1b2c3: 00000002 00000000 00000000 0002 01  9001 @lp-abstract@name
0000000033a1b2c4: 00000002 00000000 00000000 0005 03 123456 /tmp/with space
";

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn listening_connected_abstract_and_spaces() {
        let (rows, errors) = parse(SAMPLE);
        assert!(errors.is_empty(), "{errors:?}");
        assert_eq!(rows.len(), 4);
        assert_eq!(rows[0].path, "/run/dbus/system_bus_socket");
        assert_eq!(
            (rows[0].state, rows[0].socket_type, rows[0].inode),
            (UnixState::Listening, UnixSocketType::Stream, 1587)
        );
        assert_eq!((rows[1].path.len(), rows[1].state, rows[1].is_abstract), (0, UnixState::Connected, false));
        assert_eq!((rows[2].path.as_bytes(), rows[2].is_abstract), (&b"lp-abstract@name"[..], true));
        assert_eq!(rows[2].socket_type, UnixSocketType::Dgram);
        assert_eq!(
            (rows[3].path.as_bytes(), rows[3].socket_type),
            (&b"/tmp/with space"[..], UnixSocketType::Seqpacket)
        );
        assert_eq!(rows[3].peer_inode.reason(), Some(Reason::NotSupported));
    }

    #[test]
    fn a_path_split_by_a_newline_is_one_bad_row() {
        let text = b"h\n0000000033a1b2c4: 00000002 00000000 00000000 0001 01  77 /tmp/a\nb\n";
        let (rows, errors) = parse(text);
        assert_eq!(rows[0].path, "/tmp/a");
        assert_eq!((errors[0].line(), errors[0].field()), (Some(3), Some("Num")));
        assert_eq!(parse(b"h\n0000: 1 0 0 1 1\n").1[0].field(), Some("Inode"));
    }
}
