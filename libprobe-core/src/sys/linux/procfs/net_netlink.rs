//! `/proc/net/netlink`: the netlink sockets of the reader's network namespace, the
//! fallback when netlink_diag cannot answer.
//!
//! ```text
//! sk               Eth Pid        Groups   Rmem     Wmem     Dump  Locks    Drops    Inode
//! 0000000018abed02 0   0          00000000 0        0        0     2        0        4
//! 00000000ab1fe8ed 0   2146       00000011 0        0        0     2        0        30511
//! ```
//!
//! (`net/netlink/af_netlink.c` `netlink_seq_show`.) `Eth` is the netlink family, `Pid` the
//! port id (not a process id), `Groups` the first 32 multicast groups in hex, `Rmem` and
//! `Wmem` buffer memory, `Dump` 1 while a dump runs, `Locks` the reference count. The
//! connected port and group are only in netlink_diag (`not_supported` here), and neither
//! source has the creator's uid.

use crate::error::ParseError;
use crate::model::{Field, Reason};
use crate::network::{NetlinkSocket, netlink_protocol_name, not_supported};
use crate::parse::{Fields, lines, trim, u64_hex};

/// Every row that parses, and an error (with its line) for each that does not.
pub(crate) fn parse(text: &[u8]) -> (Vec<NetlinkSocket>, Vec<ParseError>) {
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

fn row(line: &[u8]) -> Result<NetlinkSocket, ParseError> {
    let mut f = Fields::new(line);
    u64_hex(f.next("sk")?).ok_or(ParseError::invalid("sk"))?;
    let protocol = f.u32("Eth")?;
    let port_id = f.u32("Pid")?;
    let groups = u64_hex(f.next("Groups")?).and_then(|g| u32::try_from(g).ok()).ok_or(ParseError::invalid("Groups"))?;
    // `%-8d` of atomic counters: negative only if the kernel's accounting went wrong.
    let rmem = f.i64("Rmem")?;
    let wmem = f.i64("Wmem")?;
    f.skip(2, "Dump")?;
    let drops = f.u32("Drops")?;
    let inode = f.u64("Inode")?;
    let clamp = |v: i64| u32::try_from(v.max(0)).unwrap_or(u32::MAX);
    Ok(NetlinkSocket {
        protocol,
        protocol_name: netlink_protocol_name(protocol),
        port_id,
        groups,
        dst_port_id: not_supported(),
        dst_group: not_supported(),
        uid: not_supported(),
        inode,
        pid: Field::Missing(Reason::Disabled),
        process_name: Field::Missing(Reason::Disabled),
        owners: Field::Missing(Reason::Disabled),
        rx_queue: clamp(rmem),
        tx_queue: clamp(wmem),
        drops: Field::Value(drops),
        cookie: not_supported(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kernel_and_user_sockets() {
        let text = b"sk               Eth Pid        Groups   Rmem     Wmem     Dump  Locks    Drops    Inode
0000000018abed02 0   0          00000000 0        0        0     2        0        4
00000000ab1fe8ed 15  2146       00000011 2304     0        0     2        5        30511
";
        let (rows, errors) = parse(text);
        assert!(errors.is_empty(), "{errors:?}");
        assert_eq!((rows[0].protocol_name.as_str(), rows[0].port_id, rows[0].inode), ("route", 0, 4));
        let u = &rows[1];
        assert_eq!((u.protocol_name.as_str(), u.port_id, u.groups, u.rx_queue), ("kobject_uevent", 2146, 0x11, 2304));
        assert_eq!((u.drops, u.dst_port_id.reason()), (Field::Value(5), Some(Reason::NotSupported)));
        assert_eq!(parse(b"h\n0000 0 1 zz 0 0 0 2 0 4\n").1[0].field(), Some("Groups"));
        assert_eq!(parse(b"h\n0000 0 1 0 0 0 0 2 0\n").1[0].field(), Some("Inode"));
    }
}
