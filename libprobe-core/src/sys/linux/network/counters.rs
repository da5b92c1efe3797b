//! Protocol counters: `/proc/net/{snmp,snmp6,netstat,sockstat,sockstat6}` and the
//! `tcp_mem` and `udp_mem` sysctls.

use crate::error::ParseError;
use crate::model::{Field, Reason, Warnings};
use crate::network::{CounterTable, SocketStats, TcpConnection, TcpState, TcpStats, UdpStats};
use crate::sys::imp::procfs::{net_snmp, net_sockstat, sys_net_mem};

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

    pub(super) fn socket_stats(
        &self,
        v4: Field<net_sockstat::SockStat>,
        v6: Field<net_sockstat::SockStat>,
        w: &mut Warnings,
    ) -> Field<SocketStats> {
        let v4 = match v4 {
            Field::Value(v) => v,
            Field::Missing(r) => return Field::Missing(r),
        };
        let mut limits = |name: &str| self.counters(&format!("sys/net/ipv4/{name}"), sys_net_mem::parse, w);
        let (tcp_mem, udp_mem) = (limits("tcp_mem"), limits("udp_mem"));
        let get = |p: &str, k: &str| v4.get(p, k).unwrap_or(0);
        let g32 = |p: &str, k: &str| u32::try_from(get(p, k)).unwrap_or(u32::MAX);
        let six = |p: &str, k: &str| match &v6 {
            Field::Value(s) => s.get(p, k).map_or(Field::Missing(Reason::NotSupported), Field::Value),
            Field::Missing(r) => Field::Missing(*r),
        };
        let six32 = |p: &str, k: &str| six(p, k).map(|v| u32::try_from(v).unwrap_or(u32::MAX));
        if v4.get("sockets", "used").is_none() || v4.get("TCP", "inuse").is_none() {
            w.push(ParseError::missing("TCP inuse").in_file(self.src.proc_path(self.proc_rel("sockstat"))));
            return Field::Missing(Reason::Error);
        }
        Field::Value(SocketStats {
            sockets_used: g32("sockets", "used"),
            tcp_inuse: g32("TCP", "inuse"),
            tcp_orphan: g32("TCP", "orphan"),
            tcp_tw: g32("TCP", "tw"),
            tcp_alloc: g32("TCP", "alloc"),
            tcp_mem_pages: get("TCP", "mem"),
            tcp_mem,
            udp_inuse: g32("UDP", "inuse"),
            udp_mem_pages: get("UDP", "mem"),
            udp_mem,
            udplite_inuse: g32("UDPLITE", "inuse"),
            raw_inuse: g32("RAW", "inuse"),
            frag_inuse: g32("FRAG", "inuse"),
            frag_memory: get("FRAG", "memory"),
            tcp6_inuse: six32("TCP6", "inuse"),
            udp6_inuse: six32("UDP6", "inuse"),
            udplite6_inuse: six32("UDPLITE6", "inuse"),
            raw6_inuse: six32("RAW6", "inuse"),
            frag6_inuse: six32("FRAG6", "inuse"),
            frag6_memory: six("FRAG6", "memory"),
        })
    }
}

/// Per-state counts over the TCP table, and the SNMP `Tcp` counters.
pub(super) fn tcp_stats(table: Option<&Field<Vec<TcpConnection>>>, snmp: &Field<Vec<CounterTable>>) -> TcpStats {
    let count = |s: TcpState| -> Field<u32> {
        match table {
            None => Field::Missing(Reason::Disabled),
            Some(Field::Missing(r)) => Field::Missing(*r),
            Some(Field::Value(rows)) => {
                Field::Value(u32::try_from(rows.iter().filter(|c| c.state == s).count()).unwrap_or(u32::MAX))
            }
        }
    };
    let c = |k: &str| -> Field<u64> {
        match snmp {
            Field::Value(t) => net_snmp::get(t, "Tcp", k)
                .map_or(Field::Missing(Reason::NotSupported), |v| Field::Value(u64::try_from(v).unwrap_or(0))),
            Field::Missing(r) => Field::Missing(*r),
        }
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

/// The UDP counters by their SNMP names (`get("InDatagrams")`); `None` without them.
pub(super) fn udp_counters(get: impl Fn(&str) -> Option<i64>) -> Field<UdpStats> {
    let req = |k: &str| get(k).map(|v| u64::try_from(v).unwrap_or(0));
    let opt = |k: &str| req(k).map_or(Field::Missing(Reason::NotSupported), Field::Value);
    let (Some(in_datagrams), Some(no_ports), Some(in_errors), Some(out_datagrams)) =
        (req("InDatagrams"), req("NoPorts"), req("InErrors"), req("OutDatagrams"))
    else {
        return Field::Missing(Reason::NotSupported);
    };
    Field::Value(UdpStats {
        in_datagrams,
        no_ports,
        in_errors,
        out_datagrams,
        rcvbuf_errors: req("RcvbufErrors").unwrap_or(0),
        sndbuf_errors: req("SndbufErrors").unwrap_or(0),
        in_csum_errors: opt("InCsumErrors"),
        ignored_multi: opt("IgnoredMulti"),
        mem_errors: opt("MemErrors"),
    })
}
