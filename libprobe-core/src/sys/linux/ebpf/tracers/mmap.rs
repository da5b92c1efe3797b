//! The `mmap` tracer (`bpf/mmap.bpf.c`): mmap() calls per process, from a per-process hash
//! whose counts only grow.

use std::sync::Arc;

use super::{PerPid, ProcDelta, ProcRow, ReadCx, Reader, Setup, Spec, TracerDef, top};
use crate::ebpf::{EbpfMetrics, EbpfOptions, MmapCalls, TracerName};
use crate::error::Error;
use crate::model::{Field, Reason};
use crate::sys::imp::ebpf::decode::{Comm, layout::mmap_proc as m, u32_at, u64_at};
use crate::sys::imp::ebpf::maps::Maps;
use crate::sys::imp::ebpf::syscall_table::SyscallTable;
use crate::text::ByteStr;

pub(crate) const DEF: TracerDef = TracerDef {
    name: TracerName::Mmap,
    spec: Spec { object: include_bytes!("../bpf/mmap.bpf.o"), optional: &[] },
    setup,
    reader,
};

fn setup(o: &EbpfOptions, _: &SyscallTable) -> Setup {
    Setup {
        max_entries: vec![("mmap_pids", o.max_pids)],
        rodata: vec![("mmap_nr", (libc::SYS_mmap as u32).to_ne_bytes().to_vec())],
        ..Setup::default()
    }
}

fn reader(_: &EbpfOptions, _: &Arc<SyscallTable>) -> Box<dyn Reader> {
    Box::new(Mmap { pids: PerPid::default() })
}

/// A `struct mmap_proc`: its call count, name and flags.
pub(crate) fn mmap_proc(v: &[u8]) -> Option<ProcRow<1>> {
    if v.len() < m::SIZE {
        return None;
    }
    Some(ProcRow { values: [u64_at(v, m::CALLS)?], name: Comm::at(v, m::COMM)?, flags: u32_at(v, m::FLAGS)? })
}

#[derive(Debug)]
struct Mmap {
    pids: PerPid<1>,
}

impl Reader for Mmap {
    fn missing(&self, out: &mut EbpfMetrics, reason: Reason) {
        out.mmap_count = Field::Missing(reason);
        out.since_attach.mmap_count = Field::Missing(reason);
    }

    fn read(&mut self, maps: &mut dyn Maps, rcx: &mut ReadCx<'_>, out: &mut EbpfMetrics) -> Result<(), Error> {
        let (rows, totals) = self.pids.read(maps, "mmap_pids", mmap_proc, true, rcx.warnings)?;
        out.mmap_count = Field::Value(processes(rows, rcx.top, rcx.ticks));
        out.since_attach.mmap_count = Field::Value(processes(totals, rcx.top, rcx.ticks));
        Ok(())
    }
}

/// The `n` processes with the most calls, most first.
fn processes(rows: Vec<ProcDelta<1>>, n: usize, ticks: u64) -> Vec<MmapCalls> {
    top(rows, n, |r: &ProcDelta<1>| r.2[0], |r| (r.0, r.1))
        .into_iter()
        .map(|(pid, start, [count], name)| MmapCalls {
            pid,
            start_time: super::start_ticks(start, ticks),
            name: ByteStr::from_bytes(name.as_bytes()),
            count,
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::super::testing::{MemMaps, comm, words};
    use super::*;
    use crate::model::Warnings;
    use crate::sys::imp::ebpf::decode::layout::PROC_EXITED;

    fn key(pid: u32, start: u64) -> Vec<u8> {
        let mut k = pid.to_ne_bytes().to_vec();
        k.extend_from_slice(&[0; 4]);
        k.extend_from_slice(&start.to_ne_bytes());
        k
    }

    fn value(calls: u64, name: &str, flags: u32) -> Vec<u8> {
        let mut v = words(&[calls]);
        v.extend_from_slice(&words(&comm(name)));
        v.extend_from_slice(&flags.to_ne_bytes());
        v.extend_from_slice(&[0; 4]);
        v
    }

    #[test]
    fn counts_per_process_by_interval() {
        let mut r = reader(&EbpfOptions::default(), &Arc::new(SyscallTable::default()));
        let mut maps = MemMaps::default();
        maps.maps.insert(
            "mmap_pids".into(),
            vec![(key(5, 3_000_000_000), value(40, "app", 0)), (key(6, 1), value(2, "tiny", 0))],
        );
        let src = crate::source::Source::rooted_at("/nonexistent");
        let mut w = Warnings::default();
        let mut rcx = ReadCx { window: 1, top: 1, ticks: 100, src: &src, warnings: &mut w };
        let mut out = EbpfMetrics::new(Reason::Disabled);
        r.read(&mut maps, &mut rcx, &mut out).unwrap();
        // Top 1: the most calls.
        let rows = out.mmap_count.value().unwrap();
        assert_eq!(rows.len(), 1);
        assert_eq!(
            (rows[0].pid, rows[0].start_time, rows[0].count, rows[0].name.as_bytes()),
            (5, 300, 40, &b"app"[..])
        );
        // 5 adds 7 and exits: counted, then deleted; a short entry is skipped with a warning.
        maps.maps.insert(
            "mmap_pids".into(),
            vec![(key(5, 3_000_000_000), value(47, "app", PROC_EXITED)), (key(7, 1), vec![1, 2, 3])],
        );
        let mut out = EbpfMetrics::new(Reason::Disabled);
        r.read(&mut maps, &mut rcx, &mut out).unwrap();
        assert_eq!(out.mmap_count.value().unwrap()[0].count, 7);
        // Since attach: its whole count, a last time (top 1).
        let totals = out.since_attach.mmap_count.value().unwrap();
        assert_eq!(totals.iter().map(|r| (r.pid, r.count)).collect::<Vec<_>>(), [(5, 47)]);
        assert_eq!(maps.deleted, vec![("mmap_pids".to_owned(), key(5, 3_000_000_000))]);
        assert_eq!(w.into_parts().0.len(), 1);
    }
}
