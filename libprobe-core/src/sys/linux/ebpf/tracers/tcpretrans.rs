//! The `tcpretrans` tracer (`bpf/tcpretrans.bpf.c`): TCP retransmissions per connection
//! (source and destination address, destination port) and owner, most first (ties by
//! family, addresses, port, pid), from one hash
//! (`retrans`) whose counts only grow: each read takes the difference with the previous.
//!
//! Entries are never deleted (a delete would race with the program's add and lose a
//! count): a connection that finds the map full is counted in `dropped`.

use std::collections::HashMap;
use std::net::{Ipv4Addr, Ipv6Addr};
use std::sync::Arc;

use super::{ReadCx, Reader, Setup, Spec, TracerDef, top};
use crate::ebpf::{EbpfMetrics, EbpfOptions, TcpRetransmits, TracerName};
use crate::error::Error;
use crate::model::{Field, Reason};
use crate::network::AddressFamily;
use crate::sys::imp::ebpf::btf::{self, Btf};
use crate::sys::imp::ebpf::decode::{Comm, u32_at, u64_at};
use crate::sys::imp::ebpf::maps::Maps;
use crate::sys::imp::ebpf::syscall_table::SyscallTable;
use crate::text::ByteStr;

pub(crate) const DEF: TracerDef = TracerDef {
    name: TracerName::Tcpretrans,
    spec: Spec { object: include_bytes!("../bpf/tcpretrans.bpf.o"), optional: &["sock_send_length"] },
    setup,
    reader,
};

/// `struct retrans_key` and `struct retrans_val` (tcpretrans.bpf.c).
pub(crate) mod layout {
    pub(crate) const SADDR: usize = 0;
    pub(crate) const DADDR: usize = 16;
    pub(crate) const FAMILY: usize = 32;
    pub(crate) const DPORT: usize = 34;
    pub(crate) const TGID: usize = 36;
    pub(crate) const KEY_SIZE: usize = 40;
    pub(crate) const COUNT: usize = 0;
    pub(crate) const COMM: usize = 8;
    pub(crate) const VALUE_SIZE: usize = 24;
}

const AF_INET: u16 = 2;
const AF_INET6: u16 = 10;

fn setup(o: &EbpfOptions, _: &SyscallTable) -> Setup {
    // 6.12+ passes the retransmission's error as a third argument: read it where it is.
    let err_arg = btf::vmlinux(std::path::Path::new("/sys/kernel/btf/vmlinux"))
        .and_then(|raw| Btf::parse(&raw).and_then(|b| b.tracepoint_args("tcp_retransmit_skb")))
        .is_some_and(|n| n >= 3);
    Setup {
        max_entries: vec![("retrans", (o.max_requests / 4).max(256)), ("owners", o.max_requests)],
        rodata: vec![("err_arg", u32::from(err_arg).to_ne_bytes().to_vec())],
        ..Setup::default()
    }
}

fn reader(_: &EbpfOptions, _: &Arc<SyscallTable>) -> Box<dyn Reader> {
    Box::new(Tcpretrans::default())
}

/// One `retrans` entry.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Retrans {
    pub family: AddressFamily,
    pub source: String,
    pub destination: String,
    pub port: u16,
    pub tgid: u32,
    pub count: u64,
    pub name: Comm,
}

fn addr(b: &[u8], at: usize, family: AddressFamily) -> Option<String> {
    Some(match family {
        AddressFamily::Ipv4 => Ipv4Addr::from(<[u8; 4]>::try_from(b.get(at..at + 4)?).ok()?).to_string(),
        AddressFamily::Ipv6 => Ipv6Addr::from(<[u8; 16]>::try_from(b.get(at..at + 16)?).ok()?).to_string(),
    })
}

/// A `struct retrans_key` and its `struct retrans_val`; `None` when either is too short or
/// the family is neither IPv4 nor IPv6.
pub(crate) fn retrans(k: &[u8], v: &[u8]) -> Option<Retrans> {
    use layout as l;
    if k.len() != l::KEY_SIZE || v.len() < l::VALUE_SIZE {
        return None;
    }
    let u16_at = |at: usize| Some(u16::from_ne_bytes(k.get(at..at + 2)?.try_into().ok()?));
    let family = match u16_at(l::FAMILY)? {
        AF_INET => AddressFamily::Ipv4,
        AF_INET6 => AddressFamily::Ipv6,
        _ => return None,
    };
    Some(Retrans {
        family,
        source: addr(k, l::SADDR, family)?,
        destination: addr(k, l::DADDR, family)?,
        port: u16_at(l::DPORT)?,
        tgid: u32_at(k, l::TGID)?,
        count: u64_at(v, l::COUNT)?,
        name: Comm::at(v, l::COMM)?,
    })
}

#[derive(Debug, Default)]
struct Tcpretrans {
    prev: HashMap<Vec<u8>, u64>,
}

impl Reader for Tcpretrans {
    fn missing(&self, out: &mut EbpfMetrics, reason: Reason) {
        out.tcp_retransmits = Field::Missing(reason);
        out.since_attach.tcp_retransmits = Field::Missing(reason);
    }

    fn read(&mut self, maps: &mut dyn Maps, rcx: &mut ReadCx<'_>, out: &mut EbpfMetrics) -> Result<(), Error> {
        let mut next = HashMap::with_capacity(self.prev.len());
        let mut rows = Vec::new();
        let mut totals = Vec::new();
        let mut short = false;
        let prev = &self.prev;
        maps.entries("retrans", &mut |k, v| match retrans(k, v) {
            Some(r) => {
                let before = prev.get(k).copied().unwrap_or(0);
                // Below the previous count: a new entry (the map was made again).
                let added = if r.count < before { r.count } else { r.count - before };
                next.insert(k.to_vec(), r.count);
                // The map lives as long as the attach: its counts are the totals.
                if r.count > 0 {
                    let total = r.count;
                    if added > 0 {
                        rows.push((r.clone(), added));
                    }
                    totals.push((r, total));
                }
            }
            None => short = true,
        })?;
        if short {
            rcx.warnings
                .push("ebpf: map retrans holds entries libprobe cannot read (short, or not IPv4/IPv6); skipped");
        }
        self.prev = next;
        out.tcp_retransmits = Field::Value(most(rows, rcx.top));
        out.since_attach.tcp_retransmits = Field::Value(most(totals, rcx.top));
        Ok(())
    }
}

/// The `n` connections with the most retransmissions, most first, as records.
fn most(mut rows: Vec<(Retrans, u64)>, n: usize) -> Vec<TcpRetransmits> {
    // Ties in the order of the connections, not of the hash.
    rows.sort_unstable_by(|(a, _), (b, _)| {
        (a.family, &a.source, &a.destination, a.port, a.tgid).cmp(&(
            b.family,
            &b.source,
            &b.destination,
            b.port,
            b.tgid,
        ))
    });
    top(rows, n, |r| r.1, |r| (r.0.tgid as i32, u64::from(r.0.port)))
        .into_iter()
        .map(|(r, count)| TcpRetransmits {
            family: r.family,
            source_addr: r.source,
            destination_addr: r.destination,
            destination_port: r.port,
            pid: (r.tgid != 0).then_some(r.tgid as i32),
            name: (r.tgid != 0).then(|| ByteStr::from(r.name.as_bytes())),
            retransmits: count,
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::super::testing::*;
    use super::*;
    use crate::model::Warnings;
    use crate::source::Source;

    pub(crate) fn key(family: u16, s: &[u8], d: &[u8], port: u16, tgid: u32) -> Vec<u8> {
        let mut k = vec![0u8; layout::KEY_SIZE];
        k[..s.len()].copy_from_slice(s);
        k[16..16 + d.len()].copy_from_slice(d);
        k[32..34].copy_from_slice(&family.to_ne_bytes());
        k[34..36].copy_from_slice(&port.to_ne_bytes());
        k[36..40].copy_from_slice(&tgid.to_ne_bytes());
        k
    }

    pub(crate) fn value(count: u64, name: &str) -> Vec<u8> {
        let mut v = vec![0u8; layout::VALUE_SIZE];
        v[..8].copy_from_slice(&count.to_ne_bytes());
        v[8..8 + name.len()].copy_from_slice(name.as_bytes());
        v
    }

    fn read(r: &mut Tcpretrans, m: &mut MemMaps, top: usize) -> (EbpfMetrics, usize) {
        let src = Source::rooted_at("/nonexistent");
        let mut w = Warnings::default();
        let mut out = EbpfMetrics::new(Reason::Disabled);
        let mut rcx = ReadCx { window: 1, top, ticks: 100, src: &src, warnings: &mut w };
        r.read(m, &mut rcx, &mut out).unwrap();
        (out, w.into_parts().0.len())
    }

    #[test]
    fn intervals_per_connection() {
        let mut m = MemMaps::default();
        let mut r = Tcpretrans::default();
        let v4 = key(AF_INET, &[10, 0, 0, 1], &[10, 0, 0, 2], 443, 42);
        let mut six = [0u8; 16];
        six[15] = 1;
        let v6 = key(AF_INET6, &six, &six, 8080, 0);
        m.maps.insert("retrans".into(), vec![(v4.clone(), value(3, "curl")), (v6.clone(), value(5, ""))]);
        let (out, warned) = read(&mut r, &mut m, 10);
        assert_eq!(warned, 0);
        let rows = out.tcp_retransmits.value().unwrap();
        assert_eq!(rows.len(), 2);
        assert_eq!((rows[0].destination_addr.as_str(), rows[0].retransmits, rows[0].pid), ("::1", 5, None));
        assert_eq!(rows[0].family, AddressFamily::Ipv6);
        assert_eq!(rows[1].source_addr, "10.0.0.1");
        assert_eq!((rows[1].destination_port, rows[1].pid, rows[1].retransmits), (443, Some(42), 3));
        assert_eq!(rows[1].name.as_ref().unwrap().as_bytes(), b"curl");

        // v4 adds 2, v6 nothing; a short value and a bad family are warned once.
        m.maps.insert(
            "retrans".into(),
            vec![
                (v4.clone(), value(5, "curl")),
                (v6, value(5, "")),
                (key(1, &[], &[], 1, 1), value(1, "x")),
                (v4.clone()[..39].to_vec(), value(1, "x")),
            ],
        );
        let (out, warned) = read(&mut r, &mut m, 10);
        assert_eq!(warned, 1);
        let rows = out.tcp_retransmits.value().unwrap();
        assert_eq!((rows.len(), rows[0].retransmits), (1, 2));
        // Since attach: both (a tie: pid 0's first).
        let all = out.since_attach.tcp_retransmits.value().unwrap();
        assert_eq!(all.iter().map(|r| (r.pid, r.retransmits)).collect::<Vec<_>>(), [(None, 5), (Some(42), 5)]);
        // Top 1 of 2.
        m.maps.insert("retrans".into(), vec![(v4, value(6, "curl")), (key(AF_INET, &[1], &[2], 9, 7), value(4, "a"))]);
        let (out, _) = read(&mut r, &mut m, 1);
        let rows = out.tcp_retransmits.value().unwrap();
        assert_eq!((rows.len(), rows[0].pid, rows[0].retransmits), (1, Some(7), 4));
        let all = out.since_attach.tcp_retransmits.value().unwrap();
        assert_eq!((all.len(), all[0].pid, all[0].retransmits), (1, Some(42), 6));
    }

    proptest::proptest! {
        /// Any bytes: no panic, every row counts something, at most `top` rows.
        #[test]
        fn any_entries(entries in proptest::collection::vec(
            (proptest::collection::vec(proptest::prelude::any::<u8>(), 38..42),
             proptest::collection::vec(proptest::prelude::any::<u8>(), 20..30)), 0..8)) {
            let mut m = MemMaps::default();
            let mut r = Tcpretrans::default();
            for _ in 0..2 {
                m.maps.insert("retrans".into(), entries.clone());
                let (out, _) = read(&mut r, &mut m, 4);
                let rows = out.tcp_retransmits.value().unwrap();
                proptest::prop_assert!(rows.len() <= 4 && rows.iter().all(|r| r.retransmits > 0));
                let all = out.since_attach.tcp_retransmits.value().unwrap();
                proptest::prop_assert!(all.len() <= 4 && all.iter().all(|r| r.retransmits > 0));
            }
        }
    }

    #[cfg(feature = "ebpf")]
    #[test]
    fn layout_matches_the_object() {
        use libbpf_rs::btf::types::{MemberAttr, Struct};
        use libbpf_rs::btf::{Btf, HasSize};
        let btf = Btf::from_raw("tcpretrans", DEF.spec.object).unwrap().unwrap();
        let check = |name: &str, size: usize, fields: &[(&str, usize)]| {
            let s: Struct<'_> = btf.type_by_name(name).unwrap();
            assert_eq!(s.size(), size, "sizeof(struct {name})");
            for (field, offset) in fields {
                let m = s.iter().find(|m| m.name.is_some_and(|n| n == *field)).unwrap();
                let MemberAttr::Normal { offset: bits } = m.attr else { panic!("{field}: a bit field") };
                assert_eq!(bits as usize, offset * 8, "offsetof(struct {name}, {field})");
            }
        };
        use layout as l;
        check(
            "retrans_key",
            l::KEY_SIZE,
            &[("saddr", l::SADDR), ("daddr", l::DADDR), ("family", l::FAMILY), ("dport", l::DPORT), ("tgid", l::TGID)],
        );
        check("retrans_val", l::VALUE_SIZE, &[("count", l::COUNT), ("comm", l::COMM)]);
    }
}
