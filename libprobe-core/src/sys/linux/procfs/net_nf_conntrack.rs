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
//!
//! The tuples (addresses, ports, ICMP type, code and id), the family, protocol and zone
//! are what the entry is: a row where one of them (or the mark, a plain number of the
//! record) does not parse is left out, with an error quoting it. The
//! timeout, the counters and `use` cost only themselves: one that does not parse (or does
//! not fit) is that field's error, quoting it, and the entry is kept.

use std::net::{IpAddr, Ipv4Addr, Ipv6Addr};

use crate::error::ParseError;
use crate::model::{Field, Reason};
use crate::network::{AddressFamily, ConntrackEntry, conntrack_status_flags};
use crate::parse::{Fields, Problems, Val, lines, trim, u64_dec};

use super::net_inet::Rows;

const SEEN_REPLY: u32 = 1 << 1;
const ASSURED: u32 = 1 << 2;
const CONFIRMED: u32 = 1 << 3;
const OFFLOAD: u32 = 1 << 14;
const HW_OFFLOAD: u32 = 1 << 15;

/// Every row that parses, an error (with its line) for each that does not, and the
/// problems of the values that cost only themselves.
pub(crate) fn parse(text: &[u8]) -> Rows<ConntrackEntry> {
    let mut out = Rows { rows: Vec::new(), left_out: Vec::new(), problems: Problems::default() };
    for (i, line) in lines(text).enumerate() {
        if trim(line).is_empty() {
            continue;
        }
        let mut p = Problems::default();
        match row(line, &mut p) {
            Ok(e) => {
                out.rows.push(e);
                for e in p.iter() {
                    out.problems.push(e.clone().at_line(i + 1));
                }
            }
            Err(e) => out.left_out.push(e.at_line(i + 1)),
        }
    }
    out
}

/// One direction's tuple and counters.
#[derive(Default)]
struct Tuple {
    src: Option<IpAddr>,
    dst: Option<IpAddr>,
    sport: Option<u16>,
    dport: Option<u16>,
    icmp_type: Option<u8>,
    icmp_code: Option<u8>,
    icmp_id: Option<u16>,
    packets: Val<u64>,
    bytes: Val<u64>,
}

fn row(line: &[u8], p: &mut Problems) -> Result<ConntrackEntry, ParseError> {
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
    // Seconds left, never negative (`nf_ct_expires`): a negative one is an error, not 0.
    let timeout = p.take(f.u32("timeout")).field(Reason::Error);
    let (mut orig, mut reply) = (Tuple::default(), Tuple::default());
    let (mut state, mut status) = (None, CONFIRMED | SEEN_REPLY);
    let (mut mark, mut zone, mut use_count) = (0u32, 0u16, Val::Absent);
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
        // A value of the tuple (or the zone) that does not fit is the row's error, quoting
        // it: an ICMP type past 255 is no ICMP type, never "none".
        fn num<T: TryFrom<u64>>(value: &[u8], name: &'static str) -> Result<T, ParseError> {
            u64_dec(value).and_then(|v| T::try_from(v).ok()).ok_or_else(|| ParseError::bad(name, value))
        }
        match key {
            b"src" => t.src = Some(address(value, family)?),
            b"dst" => t.dst = Some(address(value, family)?),
            b"sport" => t.sport = Some(num(value, "sport")?),
            b"dport" => t.dport = Some(num(value, "dport")?),
            b"type" => t.icmp_type = Some(num(value, "type")?),
            b"code" => t.icmp_code = Some(num(value, "code")?),
            b"id" => t.icmp_id = Some(num(value, "id")?),
            b"packets" => t.packets = p.take(num(value, "packets")),
            b"bytes" => t.bytes = p.take(num(value, "bytes")),
            b"mark" => mark = num(value, "mark")?,
            b"zone" => zone = num(value, "zone")?,
            b"use" => use_count = p.take(num(value, "use")),
            _ => {}
        }
    }
    let text = |a: Option<IpAddr>, name| a.map(|a| a.to_string()).ok_or(ParseError::missing(name));
    let counter = |v: Val<u64>| v.field(Reason::NotEnabled);
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
        icmp_type: orig.icmp_type,
        icmp_code: orig.icmp_code,
        icmp_id: orig.icmp_id,
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
        use_count: use_count.field(Reason::NotSupported),
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
        let t = parse(SAMPLE);
        assert!(t.left_out.is_empty() && t.problems.is_empty(), "{t:?}");
        let rows = t.rows;
        let tcp = &rows[0];
        assert_eq!(
            (tcp.protocol.as_str(), tcp.state.as_deref(), tcp.timeout),
            ("tcp", Some("ESTABLISHED"), Field::Value(116))
        );
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
        let e = |t: &[u8]| parse(t).left_out[0].clone();
        assert_eq!(e(b"ipx 2 tcp 6 1 src=1.1.1.1\n").field(), Some("family"));
        assert_eq!(
            e(b"ipv4 2 tcp 6 1 ESTABLISHED src=1.1.1.1 dst=1.1.1.2 sport=1 dport=2\n").field(),
            Some("reply src")
        );
        assert_eq!(e(b"ipv4 2 tcp 6 1 src=1.1.1 dst=1.1.1.2\n").field(), Some("address"));
        assert_eq!(e(b"ipv4 2 tcp 6 1 src=1.1.1.1 dst=1.1.1.2 sport=99999\n").field(), Some("sport"));
        // An ICMP type past 255 was "none"; it is the row's error, quoted.
        let t = e(b"ipv4 2 icmp 1 2 src=1.1.1.1 dst=1.1.1.2 type=300 code=0 id=1 src=1.1.1.2 dst=1.1.1.1\n");
        assert_eq!((t.field(), t.raw()), (Some("type"), Some("\"300\"")));
    }

    /// The timeout, the counters and `use` cost only themselves (a negative timeout was 0).
    #[test]
    fn one_field_corruption() {
        crate::parse::corrupt::check(
            "ipv4     2 udp      17 {{timeout:u32=26}} src=10.1.1.1 dst=10.1.1.3 sport=53 dport=5353 \
packets={{packets_orig=3}} bytes={{bytes_orig=180}} src=10.1.1.3 dst=10.1.1.1 sport=5353 dport=53 \
packets={{packets_reply=1}} bytes={{bytes_reply=60}} mark=0 zone=0 use={{use_count:u32=2}}\n",
            |b| {
                let t = parse(b);
                let l = match t.rows.first() {
                    Some(r) => {
                        crate::parse::corrupt::listing!(r; timeout, packets_orig, bytes_orig, packets_reply, bytes_reply, use_count)
                    }
                    None => vec![("row".into(), format!("{:?}", t.left_out))],
                };
                (l, t.problems.iter().map(ToString::to_string).collect())
            },
        );
    }
}
