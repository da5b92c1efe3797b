//! The `netbytes` tracer (`bpf/netbytes.bpf.c`): network payload per process (TCP and
//! UDP, sent and received, bytes and calls), and per cgroup by summing the processes.
//!
//! Its one map, `net_pids`, is keyed by `struct proc_key` (pid and start time) and holds
//! counters that only grow, the cgroup id of the latest call and the `PROC_EXITED` flag:
//! each read takes the difference with the previous read, then deletes the entries of
//! processes that exited (and of processes gone without the mark).

use std::sync::Arc;

use super::{IdMap, ReadCx, Reader, Setup, Spec, TracerDef, proc_key_bytes, start_ticks, top};
use crate::ebpf::{CgroupNetwork, EbpfMetrics, EbpfOptions, ProcessNetwork, TracerName};
use crate::error::Error;
use crate::model::{Field, Reason};
use crate::sys::imp::ebpf::decode::{Comm, layout::PROC_EXITED, layout::proc_key, u32_at, u64_at};
use crate::sys::imp::ebpf::maps::Maps;
use crate::sys::imp::ebpf::syscall_table::SyscallTable;
use crate::text::ByteStr;

pub(crate) const DEF: TracerDef = TracerDef {
    name: TracerName::Netbytes,
    spec: Spec { object: include_bytes!("../bpf/netbytes.bpf.o"), optional: &[] },
    setup,
    reader,
};

/// `struct net_pid` (netbytes.bpf.c): eight counters, the cgroup id, the name, the flags.
pub(crate) mod layout {
    /// tcp_sent_bytes, tcp_sends, tcp_received_bytes, tcp_receives, udp_sent_bytes,
    /// udp_sends, udp_received_bytes, udp_receives: one word each from offset 0.
    pub(crate) const COUNTERS: usize = 8;
    pub(crate) const CGROUP: usize = 64;
    pub(crate) const COMM: usize = 72;
    pub(crate) const FLAGS: usize = 88;
    pub(crate) const SIZE: usize = 96;
    /// The counters' names in the object, in word order (for the layout test).
    #[cfg(test)]
    pub(crate) const NAMES: [&str; COUNTERS] = [
        "tcp_sent_bytes",
        "tcp_sends",
        "tcp_received_bytes",
        "tcp_receives",
        "udp_sent_bytes",
        "udp_sends",
        "udp_received_bytes",
        "udp_receives",
    ];
}

type Counters = [u64; layout::COUNTERS];

fn setup(o: &EbpfOptions, _: &SyscallTable) -> Setup {
    Setup { max_entries: vec![("net_pids", o.max_pids)], ..Setup::default() }
}

fn reader(_: &EbpfOptions, _: &Arc<SyscallTable>) -> Box<dyn Reader> {
    Box::new(Netbytes::default())
}

/// One `net_pids` entry.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct NetPid {
    pub tgid: u32,
    pub start: u64,
    pub counters: Counters,
    pub cgroup: u64,
    pub name: Comm,
    pub flags: u32,
}

/// A `struct proc_key` and its `struct net_pid`; `None` when either is too short.
pub(crate) fn net_pid(k: &[u8], v: &[u8]) -> Option<NetPid> {
    if k.len() != proc_key::SIZE || v.len() < layout::SIZE {
        return None;
    }
    let mut counters = [0u64; layout::COUNTERS];
    for (i, c) in counters.iter_mut().enumerate() {
        *c = u64_at(v, i * 8)?;
    }
    Some(NetPid {
        tgid: u32_at(k, proc_key::TGID)?,
        start: u64_at(k, proc_key::START)?,
        counters,
        cgroup: u64_at(v, layout::CGROUP)?,
        name: Comm::at(v, layout::COMM)?,
        flags: u32_at(v, layout::FLAGS)?,
    })
}

/// What each process added since `before` (the entry as the previous read saw it): a
/// counter below the previous value means a new entry (deleted, then made again), counted
/// from zero.
fn added(now: &Counters, before: Option<&Counters>) -> Counters {
    let before = before.copied().unwrap_or_default();
    let restarted = now.iter().zip(before).any(|(n, b)| *n < b);
    let mut out = [0u64; layout::COUNTERS];
    for (i, o) in out.iter_mut().enumerate() {
        *o = if restarted { now[i] } else { now[i] - before[i] };
    }
    out
}

fn bytes(c: &Counters) -> u64 {
    c[0].saturating_add(c[2]).saturating_add(c[4]).saturating_add(c[6])
}

fn process_row(pid: i32, start_time: u64, name: ByteStr, cgroup: u64, c: Counters) -> ProcessNetwork {
    ProcessNetwork {
        pid,
        start_time,
        name,
        cgroup_id: (cgroup != 0).then_some(cgroup),
        tcp_sent_bytes: c[0],
        tcp_sends: c[1],
        tcp_received_bytes: c[2],
        tcp_receives: c[3],
        udp_sent_bytes: c[4],
        udp_sends: c[5],
        udp_received_bytes: c[6],
        udp_receives: c[7],
    }
}

#[derive(Debug, Default)]
struct Netbytes {
    prev: IdMap<(u32, u64), Counters>,
    next: IdMap<(u32, u64), Counters>,
    rows: Vec<NetPid>,
}

impl Netbytes {
    /// Every process that added something in the interval, with its cgroup, and the
    /// cleanup of exited processes' entries.
    fn interval(&mut self, maps: &mut dyn Maps, rcx: &mut ReadCx<'_>) -> Result<Vec<(NetPid, Counters)>, Error> {
        let rows = &mut self.rows;
        rows.clear();
        let mut short = false;
        maps.entries("net_pids", &mut |k, v| match net_pid(k, v) {
            Some(r) => rows.push(r),
            None => short = true,
        })?;
        if short {
            rcx.warnings.push("ebpf: map net_pids holds entries shorter than libprobe reads; skipped");
        }
        self.next.clear();
        let mut out = Vec::new();
        for r in &self.rows {
            let key = (r.tgid, r.start);
            let add = added(&r.counters, self.prev.get(&key));
            let idle = add.iter().all(|a| *a == 0);
            // A call completing while its process exits can make the entry again,
            // unmarked: deleted too once the process is gone.
            if r.flags & PROC_EXITED != 0 || (idle && !maps.alive(r.tgid as i32)) {
                maps.delete("net_pids", &proc_key_bytes(r.tgid, r.start))?;
            } else {
                self.next.insert(key, r.counters);
            }
            if !idle {
                out.push((*r, add));
            }
        }
        std::mem::swap(&mut self.prev, &mut self.next);
        Ok(out)
    }
}

/// The per-cgroup sums of `rows`, most bytes first (ties: by id). Processes without a
/// cgroup id (no cgroup v2) are left out.
fn by_cgroup(rows: &[(NetPid, Counters)]) -> Vec<CgroupNetwork> {
    let mut sums: IdMap<u64, (u64, Counters)> = IdMap::default();
    for (r, c) in rows.iter().filter(|(r, _)| r.cgroup != 0) {
        let s = sums.entry(r.cgroup).or_default();
        s.0 += 1;
        for (a, b) in s.1.iter_mut().zip(c) {
            *a = a.saturating_add(*b);
        }
    }
    let mut out: Vec<CgroupNetwork> = sums
        .into_iter()
        .map(|(id, (processes, c))| CgroupNetwork {
            cgroup_id: id,
            processes,
            tcp_sent_bytes: c[0],
            tcp_sends: c[1],
            tcp_received_bytes: c[2],
            tcp_receives: c[3],
            udp_sent_bytes: c[4],
            udp_sends: c[5],
            udp_received_bytes: c[6],
            udp_receives: c[7],
        })
        .collect();
    let total = |c: &CgroupNetwork| {
        c.tcp_sent_bytes
            .saturating_add(c.tcp_received_bytes)
            .saturating_add(c.udp_sent_bytes)
            .saturating_add(c.udp_received_bytes)
    };
    out.sort_by_key(|c| (std::cmp::Reverse(total(c)), c.cgroup_id));
    out
}

impl Reader for Netbytes {
    fn missing(&self, out: &mut EbpfMetrics, reason: Reason) {
        out.network_by_process = Field::Missing(reason);
        out.network_by_cgroup = Field::Missing(reason);
    }

    fn read(&mut self, maps: &mut dyn Maps, rcx: &mut ReadCx<'_>, out: &mut EbpfMetrics) -> Result<(), Error> {
        let rows = self.interval(maps, rcx)?;
        out.network_by_cgroup = Field::Value(by_cgroup(&rows));
        let rows = top(rows, rcx.top, |(_, c)| bytes(c), |(r, _)| (r.tgid as i32, r.start));
        let ticks = rcx.ticks;
        let rows = rows
            .into_iter()
            .map(|(r, c)| {
                let name = ByteStr::from_bytes(r.name.as_bytes());
                process_row(r.tgid as i32, start_ticks(r.start, ticks), name, r.cgroup, c)
            })
            .collect();
        out.network_by_process = Field::Value(rows);
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::super::testing::*;
    use super::*;
    use crate::model::Warnings;
    use crate::source::Source;

    fn key(pid: u32, start: u64) -> Vec<u8> {
        proc_key_bytes(pid, start).to_vec()
    }

    fn value(c: Counters, cgroup: u64, name: &str, flags: u32) -> Vec<u8> {
        let mut v = words(&c);
        v.extend_from_slice(&words(&[cgroup]));
        v.extend_from_slice(&words(&comm(name)));
        v.extend_from_slice(&flags.to_ne_bytes());
        v.extend_from_slice(&[0; 4]);
        v
    }

    fn read(r: &mut Netbytes, m: &mut MemMaps, top: usize) -> (EbpfMetrics, Vec<String>) {
        let src = Source::rooted_at("/nonexistent");
        let mut w = Warnings::default();
        let mut out = EbpfMetrics::new(Reason::Disabled);
        let mut rcx = ReadCx { window: 1, top, ticks: 100, src: &src, warnings: &mut w };
        r.read(m, &mut rcx, &mut out).unwrap();
        (out, w.into_parts().0)
    }

    #[test]
    fn intervals_per_process_and_cgroup() {
        let mut m = MemMaps::default();
        let mut r = Netbytes::default();
        m.maps.insert(
            "net_pids".into(),
            vec![
                (key(10, 1_000_000_000), value([100, 1, 0, 0, 0, 0, 0, 0], 7, "curl", 0)),
                (key(11, 2_000_000_000), value([0, 0, 0, 0, 50, 5, 20, 2], 7, "dig", 0)),
            ],
        );
        let (out, w) = read(&mut r, &mut m, 10);
        assert!(w.is_empty());
        let p = out.network_by_process.value().unwrap();
        assert_eq!(p.len(), 2);
        assert_eq!((p[0].pid, p[0].start_time, p[0].tcp_sent_bytes, p[0].cgroup_id), (10, 100, 100, Some(7)));
        assert_eq!((p[1].udp_sent_bytes, p[1].udp_sends, p[1].udp_received_bytes, p[1].udp_receives), (50, 5, 20, 2));
        let c = out.network_by_cgroup.value().unwrap();
        assert_eq!((c.len(), c[0].processes, c[0].tcp_sent_bytes, c[0].udp_sent_bytes), (1, 2, 100, 50));

        // 10 grows and exits; 11 is idle and gone; 12 has no cgroup id; a short entry.
        m.maps.insert(
            "net_pids".into(),
            vec![
                (key(10, 1_000_000_000), value([150, 2, 9, 1, 0, 0, 0, 0], 8, "curl", PROC_EXITED)),
                (key(11, 2_000_000_000), value([0, 0, 0, 0, 50, 5, 20, 2], 7, "dig", 0)),
                (key(12, 3), value([0, 0, 4, 1, 0, 0, 0, 0], 0, "nc", 0)),
                (key(13, 3), vec![1, 2, 3]),
            ],
        );
        m.dead.push(11);
        let (out, w) = read(&mut r, &mut m, 10);
        assert_eq!(w.len(), 1, "{w:?}");
        let p = out.network_by_process.value().unwrap();
        assert_eq!(p.len(), 2);
        assert_eq!((p[0].pid, p[0].tcp_sent_bytes, p[0].tcp_received_bytes, p[0].cgroup_id), (10, 50, 9, Some(8)));
        assert_eq!((p[1].pid, p[1].cgroup_id, p[1].tcp_received_bytes), (12, None, 4));
        let c = out.network_by_cgroup.value().unwrap();
        assert_eq!(c.len(), 1);
        assert_eq!((c[0].cgroup_id, c[0].tcp_sent_bytes), (8, 50));
        assert_eq!(m.deleted.len(), 2);

        // Made again after its deletion: counted from zero; top keeps the larger.
        m.maps.insert(
            "net_pids".into(),
            vec![
                (key(10, 1_000_000_000), value([3, 1, 0, 0, 0, 0, 0, 0], 8, "curl", 0)),
                (key(12, 3), value([0, 0, 5, 2, 0, 0, 0, 0], 0, "nc", 0)),
            ],
        );
        let (out, _) = read(&mut r, &mut m, 1);
        let p = out.network_by_process.value().unwrap();
        assert_eq!((p.len(), p[0].pid, p[0].tcp_sent_bytes), (1, 10, 3));
        // The cgroup table counts every process, not only the top ones.
        assert_eq!(out.network_by_cgroup.value().unwrap().len(), 1);
    }

    proptest::proptest! {
        /// Any bytes: no panic; a row is reported only when it added something, and the
        /// cgroup table sums what the rows with a cgroup id added.
        #[test]
        fn any_entries(entries in proptest::collection::vec(
            (proptest::collection::vec(proptest::prelude::any::<u8>(), 0..20),
             proptest::collection::vec(proptest::prelude::any::<u8>(), 0..110)), 0..8),
            second in proptest::collection::vec(
            (proptest::collection::vec(proptest::prelude::any::<u8>(), 16..17),
             proptest::collection::vec(proptest::prelude::any::<u8>(), 96..97)), 0..8)) {
            let mut m = MemMaps::default();
            let mut r = Netbytes::default();
            for e in [entries, second] {
                m.maps.insert("net_pids".into(), e);
                let (out, _) = read(&mut r, &mut m, 4);
                let p = out.network_by_process.value().unwrap();
                proptest::prop_assert!(p.len() <= 4);
                for c in out.network_by_cgroup.value().unwrap() {
                    proptest::prop_assert!(c.processes >= 1);
                }
            }
        }
    }

    /// `layout` against the object's BTF.
    #[cfg(feature = "ebpf")]
    #[test]
    fn layout_matches_the_object() {
        use libbpf_rs::btf::types::{MemberAttr, Struct};
        use libbpf_rs::btf::{Btf, HasSize};
        let btf = Btf::from_raw("netbytes", DEF.spec.object).unwrap().unwrap();
        let s: Struct<'_> = btf.type_by_name("net_pid").unwrap();
        assert_eq!(s.size(), layout::SIZE);
        let mut fields: Vec<(&str, usize)> = layout::NAMES.iter().enumerate().map(|(i, n)| (*n, i * 8)).collect();
        fields.extend([("cgroup", layout::CGROUP), ("comm", layout::COMM), ("flags", layout::FLAGS)]);
        for (field, offset) in fields {
            let m = s.iter().find(|m| m.name.is_some_and(|n| n == field)).unwrap_or_else(|| panic!("no {field}"));
            let bits = match m.attr {
                MemberAttr::Normal { offset } | MemberAttr::BitField { offset, .. } => offset,
            };
            assert_eq!(bits as usize, offset * 8, "offsetof(struct net_pid, {field})");
        }
        let k: Struct<'_> = btf.type_by_name("proc_key").unwrap();
        assert_eq!(k.size(), proc_key::SIZE);
    }
}
