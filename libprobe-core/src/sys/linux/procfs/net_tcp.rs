//! `/proc/net/tcp` and `/proc/net/tcp6`: the TCP sockets of the reader's network
//! namespace, the fallback when sock_diag cannot answer.
//!
//! ```text
//!   sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode
//!    0: 00000000:07E8 00000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 1590 1 000000004fb47b47 100 0 0 10 0
//! ```
//!
//! Row format: see [`super::net_inet`]. For a listening socket `rx_queue` is the accept
//! queue and `tx_queue` 0 (the backlog limit is not printed); `timeout` is the count of
//! unanswered zero-window probes. TIME_WAIT and request (SYN_RECV) sockets have inode 0.
//! Sockets bound but not listening (`BOUND_INACTIVE`) are not printed at all. What only
//! sock_diag gives (tcp_info, cookie, congestion, bound interface, memory) is
//! `not_supported`.

use crate::model::{Field, Reason};
use crate::network::{AddressFamily, TcpConnection, TcpState, ip_text, not_supported};

use super::net_inet::{self, Rows};

/// Every row (after the header) that parses, and an error (with its line) for each that
/// does not: one garbled line costs only its socket, and a bad timer, retransmit count or
/// probe count only that field.
pub(crate) fn parse(text: &[u8], family: AddressFamily) -> Rows<TcpConnection> {
    net_inet::rows(text, family, false, |r| Ok(connection(r, family)))
}

fn connection(r: &net_inet::InetRow, family: AddressFamily) -> TcpConnection {
    TcpConnection {
        family,
        local_addr: ip_text(family, &r.local),
        local_port: r.local_port,
        remote_addr: ip_text(family, &r.remote),
        remote_port: r.remote_port,
        state: TcpState::from_kernel(r.state),
        tx_queue: r.tx_queue,
        rx_queue: r.rx_queue,
        timer_active: r.timer,
        timer_jiffies: r.when.field(Reason::Error),
        retransmits: r.retransmits.field(Reason::Error),
        uid: r.uid,
        timeout: r.timeout.field(Reason::Error),
        inode: r.inode,
        pid: Field::Missing(Reason::Disabled),
        process_name: Field::Missing(Reason::Disabled),
        owners: Field::Missing(Reason::Disabled),
        accept_backlog_max: not_supported(),
        bound_interface: not_supported(),
        cookie: not_supported(),
        congestion: not_supported(),
        shutdown: not_supported(),
        info: not_supported(),
        memory: not_supported(),
    }
}

#[cfg(test)]
pub(crate) const SAMPLE_TCP: &[u8] = b"  sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode
   0: 00000000:07E8 00000000:0000 0A 00000000:00000003 00:00000000 00000000     0        0 1590 1 000000004fb47b47 100 0 0 10 0
   1: 0100007F:1F90 0100007F:D431 01 00000000:00000000 02:00000B44 00000000  1000        0 70011 2 00000000deadbeef 20 4 30 10 -1
   2: 0100007F:D431 0100007F:1F90 06 00000000:00000000 03:00001770 00000000     0        0 0 3 00000000cafebabe
";

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn listen_established_and_time_wait() {
        let t = parse(SAMPLE_TCP, AddressFamily::Ipv4);
        assert!(t.left_out.is_empty() && t.problems.is_empty(), "{t:?}");
        let rows = t.rows;
        assert_eq!(rows.len(), 3);
        let l = &rows[0];
        assert_eq!((l.local_addr.as_str(), l.local_port, l.state), ("0.0.0.0", 2024, TcpState::Listen));
        assert_eq!((l.rx_queue, l.tx_queue, l.inode), (3, 0, 1590));
        let e = &rows[1];
        assert_eq!((e.remote_addr.as_str(), e.remote_port, e.state), ("127.0.0.1", 54321, TcpState::Established));
        assert_eq!((e.uid, e.timer_active, e.timer_jiffies), (1000, 2, Field::Value(2884)));
        let tw = &rows[2];
        assert_eq!(
            (tw.state, tw.inode, tw.timer_active, tw.timer_jiffies),
            (TcpState::TimeWait, 0, 3, Field::Value(6000))
        );
        assert_eq!(tw.info.reason(), Some(Reason::NotSupported));
        assert_eq!(tw.owners.reason(), Some(Reason::Disabled));
    }

    #[test]
    fn a_garbled_row_costs_only_itself() {
        let text = [SAMPLE_TCP, b"   3: 0100007F:1F90 garbage\n"].concat();
        let t = parse(&text, AddressFamily::Ipv4);
        assert_eq!(t.rows.len(), 3);
        assert_eq!((t.left_out[0].line(), t.left_out[0].field()), (Some(5), Some("rem_address")));
        assert_eq!(parse(b"", AddressFamily::Ipv4).rows.len(), 0);
    }

    /// A negative probe count was made 0 and a timer past u32 u32::MAX: each is now that
    /// field's error, quoted, and the socket is kept.
    #[test]
    fn a_bad_timer_or_probe_count_costs_only_itself() {
        let text = b"h\n   0: 0100007F:1F90 0100007F:D431 01 00000000:00000000 02:100000000 00000000 1000 -1 70011 2\n";
        let t = parse(text, AddressFamily::Ipv4);
        let c = &t.rows[0];
        assert_eq!(
            (c.inode, c.timer_jiffies.reason(), c.timeout.reason()),
            (70011, Some(Reason::Error), Some(Reason::Error))
        );
        assert_eq!(c.retransmits, Field::Value(0));
        let p: Vec<String> = t.problems.iter().map(ToString::to_string).collect();
        assert_eq!(p, ["invalid field tm->when \"100000000\" at line 2", "invalid field timeout \"-1\" at line 2"]);
    }
}
