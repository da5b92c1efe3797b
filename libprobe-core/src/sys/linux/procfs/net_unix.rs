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
use crate::parse::{Problems, lines, trim, u64_dec, u64_hex};
use crate::text::ByteStr;

use super::net_inet::Rows;

const SO_ACCEPTCON: u64 = 0x10000;

/// Every row that parses, an error (with its line) for each that does not (a row without
/// its `Num` or inode), and the problems of the values that cost only their field.
pub(crate) fn parse(text: &[u8]) -> Rows<UnixSocket> {
    let mut out = Rows { rows: Vec::new(), left_out: Vec::new(), problems: Problems::default() };
    for (i, line) in lines(text).enumerate().skip(1) {
        if trim(line).is_empty() {
            continue;
        }
        let mut p = Problems::default();
        match row(line, &mut p) {
            Ok(s) => {
                out.rows.push(s);
                for e in p.iter() {
                    out.problems.push(e.clone().at_line(i + 1));
                }
            }
            Err(e) => out.left_out.push(e.at_line(i + 1)),
        }
    }
    out
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

/// The state from `Flags` and `St`.
fn state(flags: u64, st: u64) -> UnixState {
    if flags & SO_ACCEPTCON != 0 {
        return UnixState::Listening;
    }
    match st {
        2 | 3 => UnixState::Connected,
        1 | 4 => UnixState::Unconnected,
        _ => UnixState::Unknown,
    }
}

fn row(line: &[u8], p: &mut Problems) -> Result<UnixSocket, ParseError> {
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
    // Not in the record: only their places count.
    next("RefCount")?;
    next("Protocol")?;
    let hex = |t: &[u8], name| u64_hex(t).ok_or_else(|| ParseError::bad(name, t));
    let flags = hex(next("Flags")?, "Flags");
    let ty = hex(next("Type")?, "Type");
    let st = hex(next("St")?, "St");
    // The key: a socket without its inode cannot be told from another.
    let inode = next("Inode")?;
    let inode = u64_dec(inode).ok_or_else(|| ParseError::bad("Inode", inode))?;
    let name = match line.get(pos) {
        Some(b' ') => &line[pos + 1..],
        _ => &[][..],
    };
    let (path, is_abstract) = match name.strip_prefix(b"@") {
        Some(rest) => (rest, true),
        None => (name, false),
    };
    let socket_type = p.take(ty).map(socket_type).field(Reason::Error);
    // One unit: a listener is known by its flags, the others by their state.
    let state = match (flags, st) {
        (Ok(f), Ok(s)) => Field::Value(state(f, s)),
        (f, s) => {
            p.take(f);
            p.take(s);
            Field::Missing(Reason::Error)
        }
    };
    Ok(UnixSocket {
        path: ByteStr::from(path),
        is_abstract,
        socket_type,
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
        let t = parse(SAMPLE);
        assert!(t.left_out.is_empty() && t.problems.is_empty(), "{t:?}");
        let rows = t.rows;
        assert_eq!(rows.len(), 4);
        assert_eq!(rows[0].path, "/run/dbus/system_bus_socket");
        assert_eq!(
            (rows[0].state, rows[0].socket_type, rows[0].inode),
            (Field::Value(UnixState::Listening), Field::Value(UnixSocketType::Stream), 1587)
        );
        assert_eq!(
            (rows[1].path.len(), rows[1].state, rows[1].is_abstract),
            (0, Field::Value(UnixState::Connected), false)
        );
        assert_eq!((rows[2].path.as_bytes(), rows[2].is_abstract), (&b"lp-abstract@name"[..], true));
        assert_eq!(rows[2].socket_type, Field::Value(UnixSocketType::Dgram));
        assert_eq!(
            (rows[3].path.as_bytes(), rows[3].socket_type),
            (&b"/tmp/with space"[..], Field::Value(UnixSocketType::Seqpacket))
        );
        assert_eq!(rows[3].peer_inode.reason(), Some(Reason::NotSupported));
    }

    #[test]
    fn a_path_split_by_a_newline_is_one_bad_row() {
        let text = b"h\n0000000033a1b2c4: 00000002 00000000 00000000 0001 01  77 /tmp/a\nb\n";
        let t = parse(text);
        assert_eq!(t.rows[0].path, "/tmp/a");
        assert_eq!((t.left_out[0].line(), t.left_out[0].field()), (Some(3), Some("Num")));
        assert_eq!(parse(b"h\n0000: 1 0 0 1 1\n").left_out[0].field(), Some("Inode"));
        assert_eq!(parse(b"h\n0000: 1 0 0 1 1 -7 /a\n").left_out[0].field(), Some("Inode"));
    }

    /// The type and the state cost only themselves (a bad `Type` used to drop the socket);
    /// the inode is the key, and the path follows it.
    #[test]
    fn one_field_corruption() {
        crate::parse::corrupt::check(
            "Num       RefCount Protocol Flags    Type St Inode Path\n\
0000000074e104a1: 00000002 00000000 {{state:x,pos=00010000}} {{socket_type:x,pos=0001}} {{state:x,pos=01}}  1587 \
/run/dbus/system_bus_socket\n",
            |b| {
                let t = parse(b);
                let l = match t.rows.first() {
                    Some(r) => crate::parse::corrupt::listing!(r; socket_type, state, inode, path, is_abstract),
                    None => vec![("row".into(), format!("{:?}", t.left_out))],
                };
                (l, t.problems.iter().map(ToString::to_string).collect())
            },
        );
    }
}
