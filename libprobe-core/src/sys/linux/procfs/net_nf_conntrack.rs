//! `/proc/net/nf_conntrack`: tracked connections, the fallback when ctnetlink cannot be
//! used (root only, like ctnetlink; present with `CONFIG_NF_CONNTRACK_PROCFS`).
//!
//! ```text
//! ipv4     2 tcp      6 116 ESTABLISHED src=10.1.1.1 dst=10.1.1.2 sport=1234 dport=80 src=10.1.1.2 dst=10.1.1.1 sport=80 dport=1234 [ASSURED] mark=7 zone=0 use=2
//! ipv4     2 icmp     1 26 src=10.1.1.1 dst=10.1.1.4 type=8 code=0 id=77 [UNREPLIED] src=10.1.1.4 dst=10.1.1.1 type=0 code=0 id=77 mark=0 zone=0 use=2
//! ipv6     10 tcp      6 59 SYN_SENT src=fd00:0000:0000:0000:0000:0000:0000:0001 dst=… sport=1 dport=2 [UNREPLIED] src=… mark=0 zone=3 use=2
//! ```
//!
//! (`net/netfilter/nf_conntrack_standalone.c` `ct_seq_show`.) Family name and number,
//! protocol name and number, seconds left, the protocol's state (TCP, SCTP, DCCP), the
//! original tuple, then the reply tuple; `packets=`/`bytes=` follow each tuple only when
//! accounting was on as the entry was created. `[UNREPLIED]` means no reply was seen,
//! `[ASSURED]`, `[OFFLOAD]` and `[HW_OFFLOAD]` are status bits; the others are not printed,
//! so `status` holds only those (and `confirmed`: every listed entry is). IPv6 addresses are
//! printed in full; they are re-written in canonical form. The entry id is not printed.

use std::net::{IpAddr, Ipv4Addr, Ipv6Addr};

use crate::error::ParseError;
use crate::model::{Field, Reason};
use crate::network::{AddressFamily, ConntrackEntry, conntrack_status_flags};
use crate::parse::{Fields, lines, trim, u64_dec};

const SEEN_REPLY: u32 = 1 << 1;
const ASSURED: u32 = 1 << 2;
const CONFIRMED: u32 = 1 << 3;
const OFFLOAD: u32 = 1 << 14;
const HW_OFFLOAD: u32 = 1 << 15;

/// Every row that parses, and an error (with its line) for each that does not.
pub(crate) fn parse(text: &[u8]) -> (Vec<ConntrackEntry>, Vec<ParseError>) {
    let (mut rows, mut errors) = (Vec::new(), Vec::new());
    for (i, line) in lines(text).enumerate() {
        if trim(line).is_empty() {
            continue;
        }
        match row(line) {
            Ok(e) => rows.push(e),
            Err(e) => errors.push(e.at_line(i + 1)),
        }
    }
    (rows, errors)
}

/// One direction's tuple and counters.
#[derive(Default)]
struct Tuple {
    src: Option<IpAddr>,
    dst: Option<IpAddr>,
    sport: Option<u16>,
    dport: Option<u16>,
    icmp: [Option<u64>; 3],
    packets: Option<u64>,
    bytes: Option<u64>,
}

fn row(line: &[u8]) -> Result<ConntrackEntry, ParseError> {
    let mut f = Fields::new(line);
    let family = match f.next("family")? {
        b"ipv4" => AddressFamily::Ipv4,
        b"ipv6" => AddressFamily::Ipv6,
        _ => return Err(ParseError::invalid("family")),
    };
    f.u32("l3proto")?;
    let protocol = String::from_utf8_lossy(f.next("protocol")?).into_owned();
    let protocol_number =
        u8::try_from(f.u64("protocol_number")?).map_err(|_| ParseError::invalid("protocol_number"))?;
    let timeout = u32::try_from(f.i64("timeout")?.max(0)).unwrap_or(u32::MAX);
    let (mut orig, mut reply) = (Tuple::default(), Tuple::default());
    let (mut state, mut status) = (None, CONFIRMED | SEEN_REPLY);
    let (mut mark, mut zone, mut use_count) = (0u32, 0u16, None);
    let mut in_reply = false;
    while let Some(tok) = f.token() {
        let Some(eq) = tok.iter().position(|&b| b == b'=') else {
            match tok {
                b"[UNREPLIED]" => status &= !SEEN_REPLY,
                b"[ASSURED]" => status |= ASSURED,
                b"[OFFLOAD]" => status |= OFFLOAD,
                b"[HW_OFFLOAD]" => status |= HW_OFFLOAD,
                t if t.starts_with(b"[") => {}
                t if state.is_none() && orig.src.is_none() => state = Some(String::from_utf8_lossy(t).into_owned()),
                _ => return Err(ParseError::invalid("token")),
            }
            continue;
        };
        let (key, value) = (&tok[..eq], &tok[eq + 1..]);
        if key == b"src" && orig.src.is_some() {
            in_reply = true;
        }
        let t = if in_reply { &mut reply } else { &mut orig };
        let num = |name| u64_dec(value).ok_or(ParseError::invalid(name));
        match key {
            b"src" => t.src = Some(address(value, family)?),
            b"dst" => t.dst = Some(address(value, family)?),
            b"sport" => t.sport = Some(u16::try_from(num("sport")?).map_err(|_| ParseError::invalid("sport"))?),
            b"dport" => t.dport = Some(u16::try_from(num("dport")?).map_err(|_| ParseError::invalid("dport"))?),
            b"type" => t.icmp[0] = Some(num("type")?),
            b"code" => t.icmp[1] = Some(num("code")?),
            b"id" => t.icmp[2] = Some(num("id")?),
            b"packets" => t.packets = Some(num("packets")?),
            b"bytes" => t.bytes = Some(num("bytes")?),
            b"mark" => mark = u32::try_from(num("mark")?).map_err(|_| ParseError::invalid("mark"))?,
            b"zone" => zone = u16::try_from(num("zone")?).map_err(|_| ParseError::invalid("zone"))?,
            b"use" => use_count = Some(u32::try_from(num("use")?).map_err(|_| ParseError::invalid("use"))?),
            _ => {}
        }
    }
    let text = |a: Option<IpAddr>, name| a.map(|a| a.to_string()).ok_or(ParseError::missing(name));
    let counter = |v: Option<u64>| v.map_or(Field::Missing(Reason::NotEnabled), Field::Value);
    let icmp = |i: usize| orig.icmp[i];
    Ok(ConntrackEntry {
        family,
        protocol,
        protocol_number,
        src_addr: text(orig.src, "src")?,
        dst_addr: text(orig.dst, "dst")?,
        src_port: orig.sport,
        dst_port: orig.dport,
        reply_src_addr: text(reply.src, "reply src")?,
        reply_dst_addr: text(reply.dst, "reply dst")?,
        reply_src_port: reply.sport,
        reply_dst_port: reply.dport,
        icmp_type: icmp(0).and_then(|v| u8::try_from(v).ok()),
        icmp_code: icmp(1).and_then(|v| u8::try_from(v).ok()),
        icmp_id: icmp(2).and_then(|v| u16::try_from(v).ok()),
        state,
        timeout,
        packets_orig: counter(orig.packets),
        bytes_orig: counter(orig.bytes),
        packets_reply: counter(reply.packets),
        bytes_reply: counter(reply.bytes),
        mark,
        zone,
        status,
        status_flags: conntrack_status_flags(status),
        id: Field::Missing(Reason::NotSupported),
        use_count: use_count.map_or(Field::Missing(Reason::NotSupported), Field::Value),
    })
}

fn address(text: &[u8], family: AddressFamily) -> Result<IpAddr, ParseError> {
    let s = std::str::from_utf8(text).map_err(|_| ParseError::invalid("address"))?;
    match family {
        AddressFamily::Ipv4 => s.parse::<Ipv4Addr>().map(IpAddr::V4),
        AddressFamily::Ipv6 => s.parse::<Ipv6Addr>().map(IpAddr::V6),
    }
    .map_err(|_| ParseError::invalid("address"))
}

#[cfg(test)]
pub(crate) const SAMPLE: &[u8] = b"ipv4     2 tcp      6 116 ESTABLISHED src=10.1.1.1 dst=10.1.1.2 sport=1234 dport=80 src=10.1.1.2 dst=10.1.1.1 sport=80 dport=1234 [ASSURED] mark=7 zone=0 use=2
ipv4     2 icmp     1 26 src=10.1.1.1 dst=10.1.1.4 type=8 code=0 id=77 [UNREPLIED] src=10.1.1.4 dst=10.1.1.1 type=0 code=0 id=77 mark=0 zone=0 use=2
ipv6     10 tcp      6 59 SYN_SENT src=fd00:0000:0000:0000:0000:0000:0000:0001 dst=fd00:0000:0000:0000:0000:0000:0000:0002 sport=1 dport=2 [UNREPLIED] src=fd00:0000:0000:0000:0000:0000:0000:0002 dst=fd00:0000:0000:0000:0000:0000:0000:0001 sport=2 dport=1 mark=0 zone=3 use=2
ipv4     2 udp      17 26 src=10.1.1.1 dst=10.1.1.3 sport=53 dport=5353 packets=3 bytes=180 src=10.1.1.3 dst=10.1.1.1 sport=5353 dport=53 packets=1 bytes=60 mark=0 zone=0 use=2
";

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tcp_icmp_ipv6_and_counters() {
        let (rows, errors) = parse(SAMPLE);
        assert!(errors.is_empty(), "{errors:?}");
        let tcp = &rows[0];
        assert_eq!((tcp.protocol.as_str(), tcp.state.as_deref(), tcp.timeout), ("tcp", Some("ESTABLISHED"), 116));
        assert_eq!((tcp.src_addr.as_str(), tcp.dst_port, tcp.reply_src_port), ("10.1.1.1", Some(80), Some(80)));
        assert_eq!(
            (tcp.mark, tcp.status_flags.clone()),
            (7, vec!["seen_reply".to_owned(), "assured".into(), "confirmed".into()])
        );
        assert_eq!(tcp.packets_orig.reason(), Some(Reason::NotEnabled));
        let icmp = &rows[1];
        assert_eq!(
            (icmp.icmp_type, icmp.icmp_code, icmp.icmp_id, icmp.state.as_deref()),
            (Some(8), Some(0), Some(77), None)
        );
        assert_eq!(icmp.status & SEEN_REPLY, 0);
        let v6 = &rows[2];
        assert_eq!(
            (v6.family, v6.src_addr.as_str(), v6.reply_dst_addr.as_str(), v6.zone),
            (AddressFamily::Ipv6, "fd00::1", "fd00::1", 3)
        );
        let udp = &rows[3];
        assert_eq!((udp.packets_orig, udp.bytes_reply), (Field::Value(3), Field::Value(60)));
    }

    #[test]
    fn broken_rows() {
        let (_, e) = parse(b"ipx 2 tcp 6 1 src=1.1.1.1\n");
        assert_eq!(e[0].field(), Some("family"));
        let (_, e) = parse(b"ipv4 2 tcp 6 1 ESTABLISHED src=1.1.1.1 dst=1.1.1.2 sport=1 dport=2\n");
        assert_eq!(e[0].field(), Some("reply src"));
        let (_, e) = parse(b"ipv4 2 tcp 6 1 src=1.1.1 dst=1.1.1.2\n");
        assert_eq!(e[0].field(), Some("address"));
        let (_, e) = parse(b"ipv4 2 tcp 6 1 src=1.1.1.1 dst=1.1.1.2 sport=99999\n");
        assert_eq!(e[0].field(), Some("sport"));
    }
}
