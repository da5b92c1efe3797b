//! ctnetlink (`NETLINK_NETFILTER`, subsystem `NFNL_SUBSYS_CTNETLINK`): the conntrack table
//! and its per-CPU counters (`include/uapi/linux/netfilter/nfnetlink_conntrack.h`).
//!
//! Every message starts with `nfgenmsg { u8 family, version; be16 res_id }` (`res_id` is
//! the CPU of a per-CPU statistics reply); every number in the attributes is big-endian.
//! An entry has its original and reply tuples nested (`CTA_TUPLE_IP` with the addresses,
//! `CTA_TUPLE_PROTO` with the protocol and ports or ICMP type/code/id), `CTA_STATUS`
//! (`IPS_*` bits), `CTA_TIMEOUT` (seconds), `CTA_MARK`, `CTA_ZONE`, `CTA_ID`, `CTA_USE`,
//! the TCP state in `CTA_PROTOINFO`/`CTA_PROTOINFO_TCP`, and the per-direction counters in
//! `CTA_COUNTERS_ORIG`/`_REPLY` only when accounting (`nf_conntrack_acct`) was on when the
//! entry was created. Dumping needs CAP_NET_ADMIN in the namespace's user namespace.

use std::net::{Ipv4Addr, Ipv6Addr};

use crate::error::ParseError;
use crate::model::{Field, Reason};
use crate::network::{
    AddressFamily, ConntrackCpuStats, ConntrackEntry, conntrack_status_flags, conntrack_tcp_state, ip_protocol_name,
};

use super::netlink::{Bytes, Request, attrs};

const NETLINK_NETFILTER: i32 = 12;
const NFNL_SUBSYS_CTNETLINK: u16 = 1;
const IPCTNL_MSG_CT_NEW: u16 = 0;
const IPCTNL_MSG_CT_GET: u16 = 1;
const IPCTNL_MSG_CT_GET_STATS_CPU: u16 = 4;
const AF_INET: u8 = 2;
const AF_INET6: u8 = 10;

pub(crate) fn entries_request() -> Request {
    Request {
        name: "ctnetlink-conntrack",
        protocol: NETLINK_NETFILTER,
        ty: NFNL_SUBSYS_CTNETLINK << 8 | IPCTNL_MSG_CT_GET,
        body: vec![0, 0, 0, 0],
    }
}

pub(crate) fn cpu_stats_request() -> Request {
    Request {
        name: "ctnetlink-stats-cpu",
        protocol: NETLINK_NETFILTER,
        ty: NFNL_SUBSYS_CTNETLINK << 8 | IPCTNL_MSG_CT_GET_STATS_CPU,
        body: vec![0, 0, 0, 0],
    }
}

/// One direction of a connection.
#[derive(Debug, Default)]
struct Tuple {
    src: Option<String>,
    dst: Option<String>,
    protocol: Option<u8>,
    sport: Option<u16>,
    dport: Option<u16>,
    icmp_type: Option<u8>,
    icmp_code: Option<u8>,
    icmp_id: Option<u16>,
}

fn tuple(v: &[u8], family: AddressFamily) -> Result<Tuple, ParseError> {
    let mut t = Tuple::default();
    for a in attrs(v) {
        let (ty, v) = a?;
        match ty {
            1 => {
                for ip in attrs(v) {
                    let (ity, iv) = ip?;
                    let text = match (ity, iv.len(), family) {
                        (1 | 2, 4, AddressFamily::Ipv4) => Ipv4Addr::new(iv[0], iv[1], iv[2], iv[3]).to_string(),
                        (3 | 4, 16, AddressFamily::Ipv6) => {
                            let mut b = [0u8; 16];
                            b.copy_from_slice(iv);
                            Ipv6Addr::from(b).to_string()
                        }
                        (1..=4, _, _) => return Err(ParseError::invalid("CTA_TUPLE_IP")),
                        _ => continue,
                    };
                    if ity == 1 || ity == 3 {
                        t.src = Some(text);
                    } else {
                        t.dst = Some(text);
                    }
                }
            }
            2 => {
                for p in attrs(v) {
                    let (pty, pv) = p?;
                    let b = Bytes(pv);
                    let bad = || ParseError::invalid("CTA_TUPLE_PROTO");
                    match pty {
                        1 => t.protocol = Some(b.u8(0).ok_or_else(bad)?),
                        2 => t.sport = Some(b.u16_be(0).ok_or_else(bad)?),
                        3 => t.dport = Some(b.u16_be(0).ok_or_else(bad)?),
                        4 | 7 => t.icmp_id = Some(b.u16_be(0).ok_or_else(bad)?),
                        5 | 8 => t.icmp_type = Some(b.u8(0).ok_or_else(bad)?),
                        6 | 9 => t.icmp_code = Some(b.u8(0).ok_or_else(bad)?),
                        _ => {}
                    }
                }
            }
            _ => {}
        }
    }
    Ok(t)
}

/// `(packets, bytes)` of a `CTA_COUNTERS_*` attribute.
fn counters(v: &[u8]) -> Result<(Option<u64>, Option<u64>), ParseError> {
    let (mut packets, mut bytes) = (None, None);
    for a in attrs(v) {
        let (ty, v) = a?;
        let b = Bytes(v);
        let bad = || ParseError::invalid("CTA_COUNTERS");
        match ty {
            1 => packets = Some(b.u64_be(0).ok_or_else(bad)?),
            2 => bytes = Some(b.u64_be(0).ok_or_else(bad)?),
            3 => packets = Some(u64::from(b.u32_be(0).ok_or_else(bad)?)),
            4 => bytes = Some(u64::from(b.u32_be(0).ok_or_else(bad)?)),
            _ => {}
        }
    }
    Ok((packets, bytes))
}

pub(crate) fn entry(ty: u16, payload: &[u8]) -> Result<Option<ConntrackEntry>, ParseError> {
    if ty != NFNL_SUBSYS_CTNETLINK << 8 | IPCTNL_MSG_CT_NEW {
        return Ok(None);
    }
    let family = match payload.first() {
        Some(&AF_INET) => AddressFamily::Ipv4,
        Some(&AF_INET6) => AddressFamily::Ipv6,
        Some(_) => return Ok(None),
        None => return Err(ParseError::malformed("nfgenmsg")),
    };
    let (mut orig, mut reply) = (None, None);
    let (mut status, mut timeout, mut mark, mut zone, mut id, mut use_count, mut tcp_state) =
        (0u32, Field::Missing(Reason::NotPresent), 0u32, 0u16, None, None, None);
    let (mut c_orig, mut c_reply) = ((None, None), (None, None));
    for a in attrs(payload.get(4..).unwrap_or(&[])) {
        let (ty, v) = a?;
        let b = Bytes(v);
        let be32 = |name| b.u32_be(0).ok_or(ParseError::invalid(name));
        match ty {
            1 => orig = Some(tuple(v, family)?),
            2 => reply = Some(tuple(v, family)?),
            3 => status = be32("CTA_STATUS")?,
            4 => {
                for p in attrs(v) {
                    let (pty, pv) = p?;
                    if pty == 1 {
                        for t in attrs(pv) {
                            let (tty, tv) = t?;
                            if tty == 1 {
                                tcp_state = Some(*tv.first().ok_or(ParseError::invalid("CTA_PROTOINFO_TCP_STATE"))?);
                            }
                        }
                    }
                }
            }
            7 => timeout = Field::Value(be32("CTA_TIMEOUT")?),
            8 => mark = be32("CTA_MARK")?,
            9 => c_orig = counters(v)?,
            10 => c_reply = counters(v)?,
            11 => use_count = Some(be32("CTA_USE")?),
            12 => id = Some(be32("CTA_ID")?),
            18 => zone = b.u16_be(0).ok_or(ParseError::invalid("CTA_ZONE"))?,
            _ => {}
        }
    }
    let orig = orig.ok_or(ParseError::missing("CTA_TUPLE_ORIG"))?;
    let reply = reply.ok_or(ParseError::missing("CTA_TUPLE_REPLY"))?;
    let protocol_number = orig.protocol.ok_or(ParseError::missing("CTA_PROTO_NUM"))?;
    let counter = |v: Option<u64>| v.map_or(Field::Missing(Reason::NotEnabled), Field::Value);
    let icmp = matches!(protocol_number, 1 | 58);
    Ok(Some(ConntrackEntry {
        family,
        protocol: ip_protocol_name(protocol_number),
        protocol_number,
        src_addr: orig.src.ok_or(ParseError::missing("CTA_IP_SRC"))?,
        dst_addr: orig.dst.ok_or(ParseError::missing("CTA_IP_DST"))?,
        src_port: orig.sport,
        dst_port: orig.dport,
        reply_src_addr: reply.src.ok_or(ParseError::missing("CTA_IP_SRC"))?,
        reply_dst_addr: reply.dst.ok_or(ParseError::missing("CTA_IP_DST"))?,
        reply_src_port: reply.sport,
        reply_dst_port: reply.dport,
        icmp_type: if icmp { orig.icmp_type } else { None },
        icmp_code: if icmp { orig.icmp_code } else { None },
        icmp_id: if icmp { orig.icmp_id } else { None },
        state: if protocol_number == 6 { tcp_state.map(conntrack_tcp_state) } else { None },
        timeout,
        packets_orig: counter(c_orig.0),
        bytes_orig: counter(c_orig.1),
        packets_reply: counter(c_reply.0),
        bytes_reply: counter(c_reply.1),
        mark,
        zone,
        status,
        status_flags: conntrack_status_flags(status),
        id: id.map_or(Field::Missing(Reason::NotSupported), Field::Value),
        use_count: use_count.map_or(Field::Missing(Reason::NotSupported), Field::Value),
    }))
}

pub(crate) fn cpu_stats(ty: u16, payload: &[u8]) -> Result<Option<ConntrackCpuStats>, ParseError> {
    if ty != NFNL_SUBSYS_CTNETLINK << 8 | IPCTNL_MSG_CT_GET_STATS_CPU {
        return Ok(None);
    }
    let cpu = Bytes(payload).u16_be(2).ok_or(ParseError::malformed("nfgenmsg"))?;
    let mut v = [None::<u32>; 16];
    for a in attrs(&payload[4..]) {
        let (ty, val) = a?;
        if let Some(slot) = v.get_mut(usize::from(ty)) {
            *slot = Some(Bytes(val).u32_be(0).ok_or(ParseError::invalid("CTA_STATS"))?);
        }
    }
    // An attribute the kernel does not send is a counter it does not keep (the set changed
    // over versions): not supported, never 0.
    let opt = |i: usize| v[i].map_or(Field::Missing(Reason::NotSupported), Field::Value);
    Ok(Some(ConntrackCpuStats {
        cpu: u32::from(cpu),
        found: opt(2),
        invalid: opt(4),
        insert: opt(8),
        insert_failed: opt(9),
        drop: opt(10),
        early_drop: opt(11),
        error: opt(12),
        search_restart: opt(13),
        clash_resolve: opt(14),
        chain_toolong: opt(15),
    }))
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use crate::sys::imp::network::netlink::push_attr;

    /// A ctnetlink entry for a TCP flow, as the kernel builds it.
    pub(crate) fn tcp_entry(counters_on: bool) -> Vec<u8> {
        let tuple = |src: [u8; 4], dst: [u8; 4], sport: u16, dport: u16| {
            let mut ip = Vec::new();
            push_attr(&mut ip, 1, &src);
            push_attr(&mut ip, 2, &dst);
            let mut proto = Vec::new();
            push_attr(&mut proto, 1, &[6]);
            push_attr(&mut proto, 2, &sport.to_be_bytes());
            push_attr(&mut proto, 3, &dport.to_be_bytes());
            let mut t = Vec::new();
            push_attr(&mut t, 1 | 0x8000, &ip);
            push_attr(&mut t, 2 | 0x8000, &proto);
            t
        };
        let mut m = vec![AF_INET, 0, 0, 0];
        push_attr(&mut m, 1 | 0x8000, &tuple([10, 1, 1, 1], [10, 1, 1, 2], 1234, 80));
        push_attr(&mut m, 2 | 0x8000, &tuple([10, 1, 1, 2], [10, 1, 1, 1], 80, 1234));
        push_attr(&mut m, 3, &0xeu32.to_be_bytes());
        push_attr(&mut m, 7, &119u32.to_be_bytes());
        push_attr(&mut m, 8, &7u32.to_be_bytes());
        let mut tcp = Vec::new();
        push_attr(&mut tcp, 1, &[3]);
        let mut pi = Vec::new();
        push_attr(&mut pi, 1 | 0x8000, &tcp);
        push_attr(&mut m, 4 | 0x8000, &pi);
        if counters_on {
            let mut c = Vec::new();
            push_attr(&mut c, 1, &5u64.to_be_bytes());
            push_attr(&mut c, 2, &300u64.to_be_bytes());
            push_attr(&mut m, 9 | 0x8000, &c);
            push_attr(&mut m, 10 | 0x8000, &c);
        }
        push_attr(&mut m, 12, &0xdeadu32.to_be_bytes());
        push_attr(&mut m, 11, &1u32.to_be_bytes());
        push_attr(&mut m, 18, &3u16.to_be_bytes());
        m
    }

    #[test]
    fn a_tcp_entry() {
        let e = entry(0x100, &tcp_entry(false)).unwrap().unwrap();
        assert_eq!((e.protocol.as_str(), e.src_addr.as_str(), e.dst_port), ("tcp", "10.1.1.1", Some(80)));
        assert_eq!((e.reply_src_addr.as_str(), e.reply_dst_port), ("10.1.1.2", Some(1234)));
        assert_eq!((e.state.as_deref(), e.timeout, e.mark, e.zone), (Some("ESTABLISHED"), Field::Value(119), 7, 3));
        assert_eq!(e.status_flags, ["seen_reply", "assured", "confirmed"]);
        assert_eq!((e.id, e.use_count), (Field::Value(0xdead), Field::Value(1)));
        assert_eq!(e.bytes_orig.reason(), Some(Reason::NotEnabled));
        let c = entry(0x100, &tcp_entry(true)).unwrap().unwrap();
        assert_eq!((c.packets_orig, c.bytes_reply), (Field::Value(5), Field::Value(300)));
    }

    #[test]
    fn broken_entries_and_cpu_stats() {
        let m = tcp_entry(false);
        assert_eq!(entry(0x100, &m[..4]).unwrap_err().field(), Some("CTA_TUPLE_ORIG"));
        assert!(entry(0x100, &m[..m.len() - 3]).is_err());
        assert_eq!(entry(0x101, &m).unwrap(), None);
        let mut s = vec![0, 0, 0, 1];
        push_attr(&mut s, 8, &3u32.to_be_bytes());
        push_attr(&mut s, 14, &2u32.to_be_bytes());
        let c = cpu_stats(0x104, &s).unwrap().unwrap();
        assert_eq!(
            (c.cpu, c.insert, c.clash_resolve, c.chain_toolong.reason()),
            (1, Field::Value(3), Field::Value(2), Some(Reason::NotSupported))
        );
        // A counter the kernel did not send is not 0.
        assert_eq!(c.found.reason(), Some(Reason::NotSupported));
    }
}
