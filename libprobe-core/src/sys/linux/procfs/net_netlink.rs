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
//! source has the creator's uid. `Rmem`, `Wmem` and `Drops` that do not parse (or are
//! negative, or past u32) are each that field's error, quoting it; the socket is kept.

use crate::error::ParseError;
use crate::model::{Field, Reason};
use crate::network::{NetlinkSocket, netlink_protocol_name, not_supported};
use crate::parse::{Fields, Problems, lines, trim, u64_hex};

use super::net_inet::Rows;

/// Every row that parses, an error (with its line) for each that does not, and the
/// problems of the values that cost only themselves.
pub(crate) fn parse(text: &[u8]) -> Rows<NetlinkSocket> {
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

fn row(line: &[u8], p: &mut Problems) -> Result<NetlinkSocket, ParseError> {
    let mut f = Fields::new(line);
    u64_hex(f.next("sk")?).ok_or(ParseError::invalid("sk"))?;
    let protocol = f.u32("Eth")?;
    let port_id = f.u32("Pid")?;
    let groups = u64_hex(f.next("Groups")?).and_then(|g| u32::try_from(g).ok()).ok_or(ParseError::invalid("Groups"))?;
    // `%-8d` of atomic counters: negative only if the kernel's accounting went wrong, and
    // then an error, not 0.
    let rmem = p.take(f.u32("Rmem")).field(Reason::Error);
    let wmem = p.take(f.u32("Wmem")).field(Reason::Error);
    f.skip(2, "Dump")?;
    let drops = p.take(f.u32("Drops")).field(Reason::Error);
    let inode = f.u64("Inode")?;
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
        rx_queue: rmem,
        tx_queue: wmem,
        drops,
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
        let t = parse(text);
        assert!(t.left_out.is_empty() && t.problems.is_empty(), "{t:?}");
        let rows = t.rows;
        assert_eq!((rows[0].protocol_name.as_str(), rows[0].port_id, rows[0].inode), ("route", 0, 4));
        let u = &rows[1];
        assert_eq!(
            (u.protocol_name.as_str(), u.port_id, u.groups, u.rx_queue),
            ("kobject_uevent", 2146, 0x11, Field::Value(2304))
        );
        assert_eq!((u.drops, u.dst_port_id.reason()), (Field::Value(5), Some(Reason::NotSupported)));
        assert_eq!(parse(b"h\n0000 0 1 zz 0 0 0 2 0 4\n").left_out[0].field(), Some("Groups"));
        assert_eq!(parse(b"h\n0000 0 1 0 0 0 0 2 0\n").left_out[0].field(), Some("Inode"));
    }

    /// Memory and drops cost only themselves (a negative Rmem was made 0); the other
    /// columns are what the socket is.
    #[test]
    fn one_field_corruption() {
        crate::parse::corrupt::check(
            "sk               Eth Pid        Groups   Rmem     Wmem     Dump  Locks    Drops    Inode\n\
00000000ab1fe8ed 15  2146       00000011 {{rx_queue:u32=2304}}     {{tx_queue:u32=0}}        0     2        \
{{drops:u32=5}}        30511\n",
            |b| {
                let t = parse(b);
                let l = match t.rows.first() {
                    Some(r) => crate::parse::corrupt::listing!(r; rx_queue, tx_queue, drops),
                    None => vec![("row".into(), format!("{:?}", t.left_out))],
                };
                (l, t.problems.iter().map(ToString::to_string).collect())
            },
        );
    }
}
