//! Protocol counters: `/proc/net/{snmp,snmp6,netstat,sockstat,sockstat6}` and the
//! `tcp_mem` and `udp_mem` sysctls.

use std::path::Path;

use crate::error::ParseError;
use crate::model::{Field, Reason, Warnings};
use crate::network::{SocketStats, TcpConnection, TcpState, TcpStats, UdpStats};
use crate::parse::{Problems, Val};
use crate::sys::imp::procfs::net_snmp::SnmpValues;
use crate::sys::imp::procfs::net_sockstat::SockStatValues;
use crate::sys::imp::procfs::sys_net_mem;

use super::Collector;

impl Collector<'_> {
    /// Reads and parses one counter file (under `/proc`); a file that does not parse is a
    /// warning.
    pub(super) fn counters<T>(
        &self,
        rel: &str,
        parse: impl FnOnce(&[u8]) -> Result<T, ParseError>,
        w: &mut Warnings,
    ) -> Field<T> {
        let path = self.src.proc_path(rel);
        match self.src.read_proc(rel) {
            Ok(text) => match parse(&text) {
                Ok(v) => Field::Value(v),
                Err(e) => {
                    w.push(e.in_file(&path));
                    Field::Missing(Reason::Error)
                }
            },
            Err(e) => Field::Missing(w.reason(e)),
        }
    }

    /// Reads one counter file (under `/proc`) and parses it value by value: its problems
    /// are warnings, and the values that parse are kept.
    pub(super) fn values<T>(
        &self,
        rel: &str,
        parse: impl FnOnce(&[u8]) -> T,
        problems: impl FnOnce(&T) -> &Problems,
        w: &mut Warnings,
    ) -> Field<T> {
        match self.src.read_proc(rel) {
            Ok(text) => {
                let v = parse(&text);
                w.problems(&self.src.proc_path(rel), problems(&v));
                Field::Value(v)
            }
            Err(e) => Field::Missing(w.reason(e)),
        }
    }

    pub(super) fn socket_stats(
        &self,
        v4: Field<SockStatValues>,
        v6: Field<SockStatValues>,
        w: &mut Warnings,
    ) -> Field<SocketStats> {
        let v4 = match v4 {
            Field::Value(v) => v,
            Field::Missing(r) => return Field::Missing(r),
        };
        let path = self.src.proc_path(self.proc_rel("sockstat"));
        let path6 = self.src.proc_path(self.proc_rel("sockstat6"));
        if v4.stat.0.is_empty() && v4.bad.is_empty() {
            w.push(ParseError::missing("TCP inuse").in_file(&path));
            return Field::Missing(Reason::Error);
        }
        let mut limits = |name: &str| self.counters(&format!("sys/net/ipv4/{name}"), sys_net_mem::parse, w);
        let (tcp_mem, udp_mem) = (limits("tcp_mem"), limits("udp_mem"));
        // Every kernel prints each of these: one not printed is an error (the first one a
        // warning), like one that does not parse (its problem is the file's).
        let mut warned = false;
        let mut get = |p: &str, k: &'static str, w: &mut Warnings| -> Field<u64> {
            match v4.get(p, k) {
                Val::Ok(v) => Field::Value(v),
                Val::Bad => Field::Missing(Reason::Error),
                Val::Absent => {
                    if !std::mem::replace(&mut warned, true) {
                        w.push(ParseError::missing(k).in_file(&path));
                    }
                    Field::Missing(Reason::Error)
                }
            }
        };
        let mut g32 = |p: &str, k: &'static str, w: &mut Warnings| {
            let v = get(p, k, w);
            narrow(v, k, &path, w)
        };
        let sockets_used = g32("sockets", "used", w);
        let (tcp_inuse, tcp_orphan) = (g32("TCP", "inuse", w), g32("TCP", "orphan", w));
        let (tcp_tw, tcp_alloc) = (g32("TCP", "tw", w), g32("TCP", "alloc", w));
        let (udp_inuse, udplite_inuse) = (g32("UDP", "inuse", w), g32("UDPLITE", "inuse", w));
        let (raw_inuse, frag_inuse) = (g32("RAW", "inuse", w), g32("FRAG", "inuse", w));
        let tcp_mem_pages = get("TCP", "mem", w);
        let udp_mem_pages = get("UDP", "mem", w);
        let frag_memory = get("FRAG", "memory", w);
        // sockstat6 is absent without IPv6, and a line of it not printed is not supported.
        let six = |p: &str, k: &str| match &v6 {
            Field::Value(s) => s.get(p, k).field(Reason::NotSupported),
            Field::Missing(r) => Field::Missing(*r),
        };
        let mut six32 = |p: &str, k: &'static str| narrow(six(p, k), k, &path6, w);
        Field::Value(SocketStats {
            sockets_used,
            tcp_inuse,
            tcp_orphan,
            tcp_tw,
            tcp_alloc,
            tcp_mem_pages,
            tcp_mem,
            udp_inuse,
            udp_mem_pages,
            udp_mem,
            udplite_inuse,
            raw_inuse,
            frag_inuse,
            frag_memory,
            tcp6_inuse: six32("TCP6", "inuse"),
            udp6_inuse: six32("UDP6", "inuse"),
            udplite6_inuse: six32("UDPLITE6", "inuse"),
            raw6_inuse: six32("RAW6", "inuse"),
            frag6_inuse: six32("FRAG6", "inuse"),
            frag6_memory: six("FRAG6", "memory"),
        })
    }
}

/// A count as a u32 field: one past `u32::MAX` is an error with a warning quoting it,
/// never clamped.
fn narrow(v: Field<u64>, name: &'static str, path: &Path, w: &mut Warnings) -> Field<u32> {
    match v {
        Field::Value(n) => u32::try_from(n).map_or_else(
            |_| {
                w.push(ParseError::bad(name, n.to_string().as_bytes()).in_file(path));
                Field::Missing(Reason::Error)
            },
            Field::Value,
        ),
        Field::Missing(r) => Field::Missing(r),
    }
}

/// A counter as an unsigned field: not printed is `absent`, bad (its problem is the
/// file's) or negative (a warning quoting it) is `error`.
fn unsigned(v: Val<i64>, name: &'static str, path: &Path, absent: Reason, w: &mut Warnings) -> Field<u64> {
    match v {
        Val::Ok(n) => u64::try_from(n).map_or_else(
            |_| {
                w.push(ParseError::bad(name, n.to_string().as_bytes()).in_file(path));
                Field::Missing(Reason::Error)
            },
            Field::Value,
        ),
        Val::Absent => Field::Missing(absent),
        Val::Bad => Field::Missing(Reason::Error),
    }
}

/// Per-state counts over the TCP table, and the SNMP `Tcp` counters of `snmp` (read from
/// `path`).
pub(super) fn tcp_stats(
    table: Option<&Field<Vec<TcpConnection>>>,
    snmp: &Field<SnmpValues>,
    path: &Path,
    w: &mut Warnings,
) -> TcpStats {
    let count = |s: TcpState| -> Field<u32> {
        match table {
            None => Field::Missing(Reason::Disabled),
            Some(Field::Missing(r)) => Field::Missing(*r),
            // A count of rows is at most the length of a vector: past u32 it is no count.
            Some(Field::Value(rows)) => u32::try_from(rows.iter().filter(|c| c.state == s).count())
                .map_or(Field::Missing(Reason::Error), Field::Value),
        }
    };
    // Every kernel prints these (`InCsumErrors` is 3.10+): one not printed is an error,
    // and the first such one a warning.
    let mut warned = false;
    let mut c = |k: &'static str| -> Field<u64> {
        let t = match snmp {
            Field::Value(t) => t,
            Field::Missing(r) => return Field::Missing(*r),
        };
        let v = t.get("Tcp", k);
        if v == Val::Absent && k != "InCsumErrors" {
            if !std::mem::replace(&mut warned, true) {
                w.push(ParseError::missing(k).in_file(path));
            }
            return Field::Missing(Reason::Error);
        }
        unsigned(v, k, path, Reason::NotSupported, w)
    };
    TcpStats {
        connections_established: count(TcpState::Established),
        connections_syn_sent: count(TcpState::SynSent),
        connections_syn_recv: count(TcpState::SynRecv),
        connections_fin_wait1: count(TcpState::FinWait1),
        connections_fin_wait2: count(TcpState::FinWait2),
        connections_time_wait: count(TcpState::TimeWait),
        connections_close: count(TcpState::Close),
        connections_close_wait: count(TcpState::CloseWait),
        connections_last_ack: count(TcpState::LastAck),
        connections_listen: count(TcpState::Listen),
        connections_closing: count(TcpState::Closing),
        active_opens: c("ActiveOpens"),
        passive_opens: c("PassiveOpens"),
        attempt_fails: c("AttemptFails"),
        estab_resets: c("EstabResets"),
        curr_estab: c("CurrEstab"),
        in_segs: c("InSegs"),
        out_segs: c("OutSegs"),
        retrans_segs: c("RetransSegs"),
        in_errs: c("InErrs"),
        out_rsts: c("OutRsts"),
        in_csum_errors: c("InCsumErrors"),
    }
}

/// The UDP counters by their SNMP names (`get("InDatagrams")`), read from `path`, each
/// alone. The four every kernel prints are an error when not printed (missing as a whole,
/// with one warning, when none of them is).
pub(super) fn udp_counters(get: impl Fn(&str) -> Val<i64>, path: &Path, w: &mut Warnings) -> Field<UdpStats> {
    const REQUIRED: [&str; 4] = ["InDatagrams", "NoPorts", "InErrors", "OutDatagrams"];
    if REQUIRED.iter().all(|k| get(k) == Val::Absent) {
        w.push(ParseError::missing("InDatagrams").in_file(path));
        return Field::Missing(Reason::Error);
    }
    let mut req = |k: &'static str| {
        let v = get(k);
        if v == Val::Absent {
            w.push(ParseError::missing(k).in_file(path));
            return Field::Missing(Reason::Error);
        }
        unsigned(v, k, path, Reason::Error, w)
    };
    let (in_datagrams, no_ports, in_errors, out_datagrams) =
        (req("InDatagrams"), req("NoPorts"), req("InErrors"), req("OutDatagrams"));
    let mut opt = |k: &'static str| unsigned(get(k), k, path, Reason::NotSupported, w);
    Field::Value(UdpStats {
        in_datagrams,
        no_ports,
        in_errors,
        out_datagrams,
        rcvbuf_errors: opt("RcvbufErrors"),
        sndbuf_errors: opt("SndbufErrors"),
        in_csum_errors: opt("InCsumErrors"),
        ignored_multi: opt("IgnoredMulti"),
        mem_errors: opt("MemErrors"),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sys::imp::procfs::{net_snmp, net_snmp6};

    #[test]
    fn a_negative_or_bad_udp_counter_is_that_counter_s_error() {
        let v = net_snmp::values(
            b"Udp: InDatagrams NoPorts InErrors OutDatagrams RcvbufErrors SndbufErrors\nUdp: 100 -3 x 99 0 7\n",
        );
        let mut w = Warnings::default();
        let path = Path::new("/proc/net/snmp");
        w.problems(path, &v.problems);
        let u = udp_counters(|k| v.get("Udp", k), path, &mut w).value().cloned().unwrap();
        assert_eq!(
            (u.in_datagrams, u.out_datagrams, u.sndbuf_errors),
            (Field::Value(100), Field::Value(99), Field::Value(7))
        );
        assert_eq!((u.no_ports.reason(), u.in_errors.reason()), (Some(Reason::Error), Some(Reason::Error)));
        assert_eq!(u.in_csum_errors.reason(), Some(Reason::NotSupported));
        let (kept, _) = w.into_parts();
        assert_eq!(kept.len(), 2, "{kept:?}");
        assert!(kept.iter().any(|k| k.contains("NoPorts") && k.contains("\"-3\"")), "{kept:?}");
        assert!(kept.iter().any(|k| k.contains("\"x\"")), "{kept:?}");
    }

    #[test]
    fn udp6_without_its_lines_is_an_error() {
        let mut w = Warnings::default();
        let path = Path::new("/proc/net/snmp6");
        let v = net_snmp6::values(b"Ip6InReceives 1\n");
        assert_eq!(udp_counters(|k| v.get(&format!("Udp6{k}")), path, &mut w).reason(), Some(Reason::Error));
        let v = net_snmp6::values(b"Udp6InDatagrams 1\nUdp6InErrors 0\nUdp6OutDatagrams 2\n");
        let u = udp_counters(|k| v.get(&format!("Udp6{k}")), path, &mut w).value().cloned().unwrap();
        assert_eq!((u.no_ports.reason(), u.rcvbuf_errors.reason()), (Some(Reason::Error), Some(Reason::NotSupported)));
        assert_eq!(w.into_parts().0.len(), 2);
    }

    #[test]
    fn a_negative_tcp_counter_is_an_error_not_zero() {
        let v = net_snmp::values(b"Tcp: MaxConn ActiveOpens PassiveOpens\nTcp: -1 -5 4\n");
        let mut w = Warnings::default();
        let t = tcp_stats(None, &Field::Value(v), Path::new("/proc/net/snmp"), &mut w);
        assert_eq!((t.active_opens.reason(), t.passive_opens), (Some(Reason::Error), Field::Value(4)));
        // Not printed: an error (one warning for them all), but InCsumErrors is 3.10+.
        assert_eq!((t.in_segs.reason(), t.out_rsts.reason()), (Some(Reason::Error), Some(Reason::Error)));
        assert_eq!(t.in_csum_errors.reason(), Some(Reason::NotSupported));
        assert_eq!(t.connections_listen.reason(), Some(Reason::Disabled));
        assert_eq!(w.into_parts().0.len(), 2);
    }
}
