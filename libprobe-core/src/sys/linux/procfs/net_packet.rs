//! `/proc/net/packet`: the packet (`AF_PACKET`) sockets of the reader's network
//! namespace, the fallback when packet_diag cannot answer.
//!
//! ```text
//! sk               RefCnt Type Proto  Iface R Rmem   User   Inode
//! 00000000c2d3e4f5 3      3    0003   2     1 0      0      71234
//! ```
//!
//! (`net/packet/af_packet.c` `packet_seq_show`.) `Type` is `SOCK_RAW` 3 or `SOCK_DGRAM` 2,
//! `Proto` the Ethernet protocol in hex (host order), `Iface` the bound interface (0: all),
//! `R` 1 while receiving, `Rmem` receive buffer memory, `User` the creator's uid.

use crate::error::ParseError;
use crate::model::{Field, Reason};
use crate::network::{PacketSocket, PacketSocketType};
use crate::parse::{Fields, Problems, lines, trim, u64_hex};

use super::net_inet::Rows;

/// Every row that parses, an error (with its line) for each that does not (a row without
/// its inode), and the problems of the values that cost only their field.
pub(crate) fn parse(text: &[u8]) -> Rows<PacketSocket> {
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

/// The packet socket type for a `SOCK_*` number.
pub(crate) fn socket_type(n: u64) -> PacketSocketType {
    match n {
        3 => PacketSocketType::Raw,
        2 => PacketSocketType::Dgram,
        _ => PacketSocketType::Unknown,
    }
}

fn row(line: &[u8], p: &mut Problems) -> Result<PacketSocket, ParseError> {
    let mut f = Fields::new(line);
    // Not in the record: only their places count.
    f.skip(2, "sk, RefCnt")?;
    let ty = p.take(f.u64("Type")).map(socket_type).field(Reason::Error);
    let proto = f.next("Proto")?;
    let protocol = u64_hex(proto).and_then(|v| u16::try_from(v).ok()).ok_or_else(|| ParseError::bad("Proto", proto));
    let protocol = p.take(protocol).field(Reason::Error);
    // `%-5d` of an ifindex, which is never negative.
    let interface_index = p.take(f.u32("Iface")).field(Reason::Error);
    let running = p.take(f.u64("R")).map(|r| r != 0).field(Reason::Error);
    let rx_queue = p.take(f.u32("Rmem")).field(Reason::Error);
    let uid = p.take(f.u32("User")).field(Reason::Error);
    // The key: a socket without its inode cannot be told from another.
    let inode = f.u64("Inode")?;
    Ok(PacketSocket {
        socket_type: ty,
        protocol,
        interface_index,
        running,
        rx_queue,
        uid,
        inode,
        pid: Field::Missing(Reason::Disabled),
        process_name: Field::Missing(Reason::Disabled),
        owners: Field::Missing(Reason::Disabled),
        cookie: Field::Missing(Reason::NotSupported),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_capture_socket() {
        let text = b"sk               RefCnt Type Proto  Iface R Rmem   User   Inode
00000000c2d3e4f5 3      3    0003   2     1 0      0      71234
00000000c2d3e4f6 2      2    86dd   0     0 768    1000   71235
";
        let t = parse(text);
        assert!(t.left_out.is_empty() && t.problems.is_empty(), "{t:?}");
        let rows = t.rows;
        assert_eq!(
            (rows[0].socket_type, rows[0].protocol, rows[0].interface_index),
            (Field::Value(PacketSocketType::Raw), Field::Value(3), Field::Value(2))
        );
        assert_eq!((rows[0].running, rows[0].inode), (Field::Value(true), 71234));
        assert_eq!(
            (rows[1].socket_type, rows[1].protocol, rows[1].rx_queue, rows[1].uid),
            (Field::Value(PacketSocketType::Dgram), Field::Value(0x86dd), Field::Value(768), Field::Value(1000))
        );
        // A protocol past 16 bits is that field's error, quoted; the socket stays.
        let t = parse(b"h\n00 3 3 10000 0 1 0 0 1\n");
        assert_eq!((t.rows[0].protocol.reason(), t.rows[0].inode), (Some(Reason::Error), 1));
        assert!(t.problems.iter().any(|e| e.to_string().contains("\"10000\"")), "{t:?}");
        assert_eq!(parse(b"h\n00 3 3 3 0 1 0 0 x\n").left_out[0].field(), Some("Inode"));
    }

    /// Every column but the inode (the key) costs only itself: a bad `Rmem` or `User` used
    /// to drop the socket.
    #[test]
    fn one_field_corruption() {
        crate::parse::corrupt::check(
            "sk               RefCnt Type Proto  Iface R Rmem   User   Inode\n\
00000000c2d3e4f6 2      {{socket_type:u64,pos=2}}    {{protocol:x32,pos=86dd}}   {{interface_index:u32,pos=4}}     \
{{running:u64,pos=1}} {{rx_queue:u32,pos=768}}    {{uid:u32,pos=1000}}   71235\n",
            |b| {
                let t = parse(b);
                let l = match t.rows.first() {
                    Some(r) => {
                        crate::parse::corrupt::listing!(r; socket_type, protocol, interface_index, running, rx_queue, uid, inode)
                    }
                    None => vec![("row".into(), format!("{:?}", t.left_out))],
                };
                (l, t.problems.iter().map(ToString::to_string).collect())
            },
        );
    }
}
