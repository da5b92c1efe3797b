//! The `drops` tracer (`bpf/drops.bpf.c`): packets dropped per interface and drop reason,
//! from one hash (`drops`) whose counts only grow: each read takes the difference with the
//! previous. The reasons are named from the running kernel's BTF (`enum skb_drop_reason`,
//! read from `<sysfs>/kernel/btf/vmlinux` at the first read), not from a list in libprobe:
//! each kernel adds reasons and renumbers them.
//!
//! Entries are never deleted (a delete would race with the program's add and lose a
//! count): a key that finds the map full is counted in `dropped`.

use std::collections::HashMap;
use std::sync::Arc;

use super::{ReadCx, Reader, Setup, Spec, TracerDef};
use crate::ebpf::{EbpfMetrics, EbpfOptions, PacketDrops, TracerName};
use crate::error::Error;
use crate::model::{Field, Reason};
use crate::sys::imp::ebpf::btf::{self, Btf};
use crate::sys::imp::ebpf::decode::{Comm, u32_at, u64_at};
use crate::sys::imp::ebpf::maps::Maps;
use crate::sys::imp::ebpf::syscall_table::SyscallTable;
use crate::text::ByteStr;

pub(crate) const DEF: TracerDef = TracerDef {
    name: TracerName::Drops,
    spec: Spec { object: include_bytes!("../bpf/drops.bpf.o"), optional: &[] },
    setup,
    reader,
};

/// `struct drop_key` and `struct drop_val` (drops.bpf.c).
pub(crate) mod layout {
    pub(crate) const IFINDEX: usize = 0;
    pub(crate) const REASON: usize = 4;
    pub(crate) const NETNS: usize = 8;
    pub(crate) const KEY_SIZE: usize = 16;
    pub(crate) const COUNT: usize = 0;
    pub(crate) const IFNAME: usize = 8;
    pub(crate) const VALUE_SIZE: usize = 24;
}

fn setup(o: &EbpfOptions, _: &SyscallTable) -> Setup {
    Setup { max_entries: vec![("drops", (o.max_requests / 4).max(256))], ..Setup::default() }
}

fn reader(_: &EbpfOptions, _: &Arc<SyscallTable>) -> Box<dyn Reader> {
    Box::new(Drops::default())
}

/// One `drops` entry.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Drop {
    pub ifindex: u32,
    pub reason: u32,
    pub netns: u32,
    pub count: u64,
    pub ifname: Comm,
}

/// A `struct drop_key` and its `struct drop_val`; `None` when either is too short.
pub(crate) fn drop_entry(k: &[u8], v: &[u8]) -> Option<Drop> {
    use layout as l;
    if k.len() != l::KEY_SIZE || v.len() < l::VALUE_SIZE {
        return None;
    }
    Some(Drop {
        ifindex: u32_at(k, l::IFINDEX)?,
        reason: u32_at(k, l::REASON)?,
        netns: u32_at(k, l::NETNS)?,
        count: u64_at(v, l::COUNT)?,
        ifname: Comm::at(v, l::IFNAME)?,
    })
}

/// The drop reasons of a kernel's BTF by value, without their `SKB_DROP_REASON_` prefix.
pub(crate) fn reason_names(raw: &[u8]) -> Option<HashMap<u32, String>> {
    let values = Btf::parse(raw)?.enum_values("skb_drop_reason")?;
    Some(
        values
            .into_iter()
            .map(|(v, n)| (v, n.strip_prefix("SKB_DROP_REASON_").map(str::to_owned).unwrap_or(n)))
            .collect(),
    )
}

#[derive(Debug, Default)]
struct Drops {
    prev: HashMap<(u32, u32, u32), u64>,
    names: Option<HashMap<u32, String>>,
}

impl Reader for Drops {
    fn missing(&self, out: &mut EbpfMetrics, reason: Reason) {
        out.packet_drops = Field::Missing(reason);
        out.since_attach.packet_drops = Field::Missing(reason);
    }

    fn read(&mut self, maps: &mut dyn Maps, rcx: &mut ReadCx<'_>, out: &mut EbpfMetrics) -> Result<(), Error> {
        if self.names.is_none() {
            let path = rcx.src.sys_path("kernel/btf/vmlinux");
            self.names = btf::vmlinux(&path).and_then(|raw| reason_names(&raw));
            if self.names.is_none() {
                rcx.warnings.push(format!("ebpf: drops: no enum skb_drop_reason in {}", path.display()));
            }
        }
        let mut next = HashMap::with_capacity(self.prev.len());
        let mut rows = Vec::new();
        let mut totals = Vec::new();
        let mut short = false;
        let prev = &self.prev;
        maps.entries("drops", &mut |k, v| match drop_entry(k, v) {
            Some(d) => {
                let key = (d.ifindex, d.reason, d.netns);
                let before = prev.get(&key).copied().unwrap_or(0);
                let added = if d.count < before { d.count } else { d.count - before };
                next.insert(key, d.count);
                if added > 0 {
                    rows.push((d, added));
                }
                // The map lives as long as the attach: its counts are the totals.
                if d.count > 0 {
                    totals.push((d, d.count));
                }
            }
            None => short = true,
        })?;
        if short {
            rcx.warnings.push("ebpf: map drops holds entries shorter than libprobe reads; skipped");
        }
        self.prev = next;
        let names = self.names.as_ref();
        out.packet_drops = Field::Value(most(rows, names));
        out.since_attach.packet_drops = Field::Value(most(totals, names));
        Ok(())
    }
}

/// Drop counts as records, most first (ties by interface, reason and namespace).
fn most(mut rows: Vec<(Drop, u64)>, names: Option<&HashMap<u32, String>>) -> Vec<PacketDrops> {
    rows.sort_by_key(|(d, n)| (std::cmp::Reverse(*n), d.ifindex, d.reason, d.netns));
    rows.into_iter()
        .map(|(d, count)| PacketDrops {
            interface_index: d.ifindex,
            interface: ByteStr::from(d.ifname.as_bytes()),
            netns: (d.ifindex != 0).then_some(u64::from(d.netns)),
            reason_code: d.reason,
            reason: match names.and_then(|n| n.get(&d.reason)) {
                Some(n) => Field::Value(n.clone()),
                None => Field::Missing(Reason::NotPresent),
            },
            drops: count,
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::super::testing::*;
    use super::*;
    use crate::model::Warnings;
    use crate::source::Source;

    fn key(ifindex: u32, reason: u32, netns: u32) -> Vec<u8> {
        [ifindex, reason, netns, 0].iter().flat_map(|w| w.to_ne_bytes()).collect()
    }

    fn value(count: u64, name: &str) -> Vec<u8> {
        let mut v = vec![0u8; layout::VALUE_SIZE];
        v[..8].copy_from_slice(&count.to_ne_bytes());
        v[8..8 + name.len()].copy_from_slice(name.as_bytes());
        v
    }

    fn read(r: &mut Drops, m: &mut MemMaps) -> (EbpfMetrics, usize) {
        let src = Source::rooted_at("/nonexistent");
        let mut w = Warnings::default();
        let mut out = EbpfMetrics::new(Reason::Disabled);
        let mut rcx = ReadCx { window: 1, top: 10, ticks: 100, src: &src, warnings: &mut w };
        r.read(m, &mut rcx, &mut out).unwrap();
        (out, w.into_parts().0.len())
    }

    #[test]
    fn names_from_btf() {
        let b = crate::sys::imp::ebpf::btf::tests::blob(
            "skb_drop_reason",
            &[(1, "SKB_CONSUMED"), (3, "SKB_DROP_REASON_NO_SOCKET"), (11, "SKB_DROP_REASON_UDP_CSUM")],
            1,
        );
        let n = reason_names(&b).unwrap();
        assert_eq!((n[&3].as_str(), n[&11].as_str(), n[&1].as_str()), ("NO_SOCKET", "UDP_CSUM", "SKB_CONSUMED"));
    }

    #[test]
    fn intervals_per_interface_and_reason() {
        let mut m = MemMaps::default();
        let mut r = Drops { names: Some([(3, "NO_SOCKET".to_owned())].into()), ..Drops::default() };
        m.maps.insert("drops".into(), vec![(key(2, 3, 99), value(4, "veth0")), (key(0, 77, 0), value(1, ""))]);
        let (out, warned) = read(&mut r, &mut m);
        assert_eq!(warned, 0);
        let rows = out.packet_drops.value().unwrap();
        assert_eq!(rows.len(), 2);
        assert_eq!((rows[0].interface.as_bytes(), rows[0].drops, rows[0].netns), (&b"veth0"[..], 4, Some(99)));
        assert_eq!(rows[0].reason, Field::Value("NO_SOCKET".into()));
        assert_eq!(
            (rows[1].reason_code, rows[1].reason.clone(), rows[1].netns),
            (77, Field::Missing(Reason::NotPresent), None)
        );
        m.maps.insert(
            "drops".into(),
            vec![(key(2, 3, 99), value(10, "veth0")), (key(0, 77, 0), value(1, "")), (key(1, 1, 1), vec![0; 8])],
        );
        let (out, warned) = read(&mut r, &mut m);
        assert_eq!(warned, 1);
        let rows = out.packet_drops.value().unwrap();
        assert_eq!((rows.len(), rows[0].drops), (1, 6));
        let all = out.since_attach.packet_drops.value().unwrap();
        assert_eq!(all.iter().map(|d| (d.reason_code, d.drops)).collect::<Vec<_>>(), [(3, 10), (77, 1)]);
        assert_eq!(all[0].reason, Field::Value("NO_SOCKET".into()));
    }

    proptest::proptest! {
        /// Any bytes: no panic, every row counts something.
        #[test]
        fn any_entries(entries in proptest::collection::vec(
            (proptest::collection::vec(proptest::prelude::any::<u8>(), 14..18),
             proptest::collection::vec(proptest::prelude::any::<u8>(), 20..30)), 0..8)) {
            let mut m = MemMaps::default();
            let mut r = Drops::default();
            for _ in 0..2 {
                m.maps.insert("drops".into(), entries.clone());
                let (out, _) = read(&mut r, &mut m);
                proptest::prop_assert!(out.packet_drops.value().unwrap().iter().all(|d| d.drops > 0));
                proptest::prop_assert!(out.since_attach.packet_drops.value().unwrap().iter().all(|d| d.drops > 0));
            }
        }
    }

    #[cfg(feature = "ebpf")]
    #[test]
    fn layout_matches_the_object() {
        use libbpf_rs::btf::types::{MemberAttr, Struct};
        use libbpf_rs::btf::{Btf, HasSize};
        let btf = Btf::from_raw("drops", DEF.spec.object).unwrap().unwrap();
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
        check("drop_key", l::KEY_SIZE, &[("ifindex", l::IFINDEX), ("reason", l::REASON), ("netns", l::NETNS)]);
        check("drop_val", l::VALUE_SIZE, &[("count", l::COUNT), ("ifname", l::IFNAME)]);
    }
}
