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
use crate::parse::{Fields, lines, trim, u64_hex};

/// Every row that parses, and an error (with its line) for each that does not.
pub(crate) fn parse(text: &[u8]) -> (Vec<PacketSocket>, Vec<ParseError>) {
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

/// The packet socket type for a `SOCK_*` number.
pub(crate) fn socket_type(n: u64) -> PacketSocketType {
    match n {
        3 => PacketSocketType::Raw,
        2 => PacketSocketType::Dgram,
        _ => PacketSocketType::Unknown,
    }
}

fn row(line: &[u8]) -> Result<PacketSocket, ParseError> {
    let mut f = Fields::new(line);
    u64_hex(f.next("sk")?).ok_or(ParseError::invalid("sk"))?;
    f.i64("RefCnt")?;
    let ty = f.u64("Type")?;
    let protocol = u64_hex(f.next("Proto")?).and_then(|p| u16::try_from(p).ok()).ok_or(ParseError::invalid("Proto"))?;
    let iface = f.i32("Iface")?;
    let running = f.u64("R")?;
    let rmem = f.u32("Rmem")?;
    let uid = f.u32("User")?;
    let inode = f.u64("Inode")?;
    Ok(PacketSocket {
        socket_type: socket_type(ty),
        protocol,
        interface_index: u32::try_from(iface).map_err(|_| ParseError::invalid("Iface"))?,
        running: Field::Value(running != 0),
        rx_queue: rmem,
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
        let (rows, errors) = parse(text);
        assert!(errors.is_empty(), "{errors:?}");
        assert_eq!((rows[0].socket_type, rows[0].protocol, rows[0].interface_index), (PacketSocketType::Raw, 3, 2));
        assert_eq!((rows[0].running, rows[0].inode), (Field::Value(true), 71234));
        assert_eq!(
            (rows[1].socket_type, rows[1].protocol, rows[1].rx_queue, rows[1].uid),
            (PacketSocketType::Dgram, 0x86dd, 768, 1000)
        );
        assert_eq!(parse(b"h\n00 3 3 10000 0 1 0 0 1\n").1[0].field(), Some("Proto"));
    }
}
