//! `/proc/net/raw` and `/proc/net/raw6`: raw IP sockets (and `ping` sockets) of the
//! reader's network namespace. A kernel without `CONFIG_INET_RAW_DIAG` has no sock_diag
//! answer for them, so this is their usual source.
//!
//! ```text
//!   sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode ref pointer drops
//!    1: 00000000:0001 00000000:0000 07 00000000:00000000 00:00000000 00000000     0        0 52817 2 0000000000000000 0
//! ```
//!
//! Row format: see [`super::net_inet`]. The local "port" is the IP protocol the socket
//! receives (1 ICMP, 58 ICMPv6, 255 any).

use crate::error::ParseError;
use crate::model::{Field, Reason};
use crate::network::{AddressFamily, RawSocket, ip_text, not_supported};

use super::net_inet::{self, Rows};
use super::net_udp;

/// Every row that parses, and an error (with its line) for each that does not; a bad
/// `drops` costs only itself.
pub(crate) fn parse(text: &[u8], family: AddressFamily) -> Rows<RawSocket> {
    net_inet::rows(text, family, true, |r| socket(r, family))
}

fn socket(r: &net_inet::InetRow, family: AddressFamily) -> Result<RawSocket, ParseError> {
    Ok(RawSocket {
        family,
        local_addr: ip_text(family, &r.local),
        remote_addr: ip_text(family, &r.remote),
        protocol: u8::try_from(r.local_port).map_err(|_| ParseError::invalid("local_address"))?,
        tx_queue: r.tx_queue,
        rx_queue: r.rx_queue,
        uid: r.uid,
        inode: r.inode,
        pid: Field::Missing(Reason::Disabled),
        process_name: Field::Missing(Reason::Disabled),
        owners: Field::Missing(Reason::Disabled),
        drops: net_udp::drops(r),
        bound_interface: not_supported(),
        cookie: not_supported(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn icmp_and_icmpv6() {
        let v4 = b"  sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode ref pointer drops
   1: 00000000:0001 00000000:0000 07 00000000:00000000 00:00000000 00000000     0        0 52817 2 0000000000000000 3
";
        let t = parse(v4, AddressFamily::Ipv4);
        assert!(t.left_out.is_empty() && t.problems.is_empty());
        let rows = t.rows;
        assert_eq!((rows[0].protocol, rows[0].inode, rows[0].drops), (1, 52817, Field::Value(3)));
        let v6 = b"h\n  58: 00000000000000000000000000000000:003A 00000000000000000000000000000000:0000 07 00000000:00000000 00:00000000 00000000     0        0 52818 2 0000000000000000 0\n";
        let rows = parse(v6, AddressFamily::Ipv6).rows;
        assert_eq!((rows[0].protocol, rows[0].local_addr.as_str()), (58, "::"));
    }

    #[test]
    fn a_protocol_beyond_255_is_an_error() {
        let t = parse(b"h\n 1: 00000000:0101 00000000:0000 07 0:0 0:0 0 0 0 1\n", AddressFamily::Ipv4);
        assert!(t.rows.is_empty());
        assert_eq!((t.left_out[0].line(), t.left_out[0].field()), (Some(2), Some("local_address")));
    }
}
