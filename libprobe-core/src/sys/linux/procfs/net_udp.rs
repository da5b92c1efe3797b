//! `/proc/net/udp`, `udp6`, `udplite` and `udplite6`: the UDP and UDP-Lite sockets of
//! the reader's network namespace, the fallback when sock_diag cannot answer.
//!
//! ```text
//!    sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode ref pointer drops
//!   133: 0100007F:0035 00000000:0000 07 00000000:00000000 00:00000000 00000000     0        0 8842 2 0000000000000000 0
//! ```
//!
//! Row format: see [`super::net_inet`]; the first column is the hash bucket, not a row
//! number. `st` is 7 (`TCP_CLOSE`) for an unconnected socket and 1 once `connect`ed.
//! `tx_queue` and `rx_queue` are buffer memory in use, not bytes of data; `drops` (2.6.34+)
//! counts datagrams dropped.

use crate::model::{Field, Reason};
use crate::network::{AddressFamily, UdpConnection, ip_text, not_supported};

use super::net_inet::{self, Rows};

/// Every row that parses, and an error (with its line) for each that does not; a bad
/// `drops` costs only itself.
pub(crate) fn parse(text: &[u8], family: AddressFamily, lite: bool) -> Rows<UdpConnection> {
    net_inet::rows(text, family, true, |r| Ok(socket(r, family, lite)))
}

fn socket(r: &net_inet::InetRow, family: AddressFamily, lite: bool) -> UdpConnection {
    let connected = r.remote_port != 0 || r.remote != [0; 16];
    UdpConnection {
        family,
        lite,
        local_addr: ip_text(family, &r.local),
        local_port: r.local_port,
        remote_addr: connected.then(|| ip_text(family, &r.remote)),
        remote_port: connected.then_some(r.remote_port),
        tx_queue: r.tx_queue,
        rx_queue: r.rx_queue,
        uid: r.uid,
        inode: r.inode,
        pid: Field::Missing(Reason::Disabled),
        process_name: Field::Missing(Reason::Disabled),
        owners: Field::Missing(Reason::Disabled),
        drops: drops(r),
        bound_interface: not_supported(),
        cookie: not_supported(),
        memory: not_supported(),
    }
}

/// The `drops` column (third after the inode): not printed before 2.6.34, an error (its
/// problem quoting it) when it does not parse or does not fit.
pub(crate) fn drops(r: &net_inet::InetRow) -> Field<u32> {
    r.drops.field(Reason::NotSupported)
}

#[cfg(test)]
pub(crate) const SAMPLE_UDP6: &[u8] = b"  sl  local_address                         remote_address                        st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode ref pointer drops
  340: 00000000000000000000000001000000:A1B2 00000000000000000000000000000000:0000 07 00000000:00000000 00:00000000 00000000     0        0 40001 2 0000000000000000 0
  341: 0000000000000000FFFF00000100007F:2710 0000000000000000FFFF00000200007F:2711 01 00000000:00000300 00:00000000 00000000  1000        0 40002 2 0000000000000000 17
";

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unconnected_and_mapped_connected() {
        let t = parse(SAMPLE_UDP6, AddressFamily::Ipv6, false);
        assert!(t.left_out.is_empty() && t.problems.is_empty(), "{t:?}");
        let rows = t.rows;
        assert_eq!(rows[0].local_addr, "::1");
        assert_eq!((rows[0].remote_addr.as_deref(), rows[0].remote_port), (None, None));
        assert_eq!(rows[1].local_addr, "::ffff:127.0.0.1");
        assert_eq!(rows[1].remote_addr.as_deref(), Some("::ffff:127.0.0.2"));
        assert_eq!((rows[1].remote_port, rows[1].rx_queue, rows[1].uid), (Some(10001), 0x300, 1000));
        assert_eq!(rows[1].drops, Field::Value(17));
        assert!(!rows[1].lite);
    }

    #[test]
    fn old_kernel_without_drops() {
        let text = b"h\n  1: 0100007F:0035 00000000:0000 07 00000000:00000000 00:00000000 00000000 0 0 9 2 0\n";
        let rows = parse(text, AddressFamily::Ipv4, true).rows;
        assert_eq!(rows[0].drops.reason(), Some(Reason::NotSupported));
        assert!(rows[0].lite);
    }

    #[test]
    fn drops_past_u32_are_an_error_not_u32_max() {
        let text =
            b"h\n  1: 0100007F:0035 00000000:0000 07 00000000:00000000 00:00000000 00000000 0 0 9 2 0 4294967296\n";
        let t = parse(text, AddressFamily::Ipv4, false);
        assert_eq!((t.rows[0].inode, t.rows[0].drops.reason()), (9, Some(Reason::Error)));
        assert_eq!(
            t.problems.iter().next().map(ToString::to_string).as_deref(),
            Some("invalid field drops \"4294967296\" at line 2")
        );
    }
}
