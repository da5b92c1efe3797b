//! The `faults` tracer (`bpf/faults.bpf.c`): page faults per process, minor and major, from
//! per-thread slots (the kernel's own per-task counts, read at each fault and at exit)
//! summed per process.

use std::sync::Arc;

use super::{PerThread, ProcDelta, ReadCx, Reader, Setup, Spec, ThreadLayout, TracerDef};
use crate::ebpf::{EbpfMetrics, EbpfOptions, PageFaults, TracerName};
use crate::error::Error;
use crate::model::{Field, Reason};
use crate::sys::imp::ebpf::decode::layout::fault_thread as f;
use crate::sys::imp::ebpf::maps::Maps;
use crate::sys::imp::ebpf::syscall_table::SyscallTable;
use crate::text::ByteStr;

pub(crate) const DEF: TracerDef = TracerDef {
    name: TracerName::Faults,
    spec: Spec { object: include_bytes!("../bpf/faults.bpf.o"), optional: &[] },
    setup,
    reader,
};

/// Slots of the overflow hash for threads whose slot another thread holds.
const EXTRA_THREADS: u32 = 4096;

/// The counters of `struct fault_thread`: minor and major faults.
const LAYOUT: ThreadLayout<2> = ThreadLayout {
    tid: f::TID,
    tgid: f::TGID,
    start: f::START,
    comm: f::COMM,
    counters: [f::MINOR, f::MAJOR],
    size: f::SIZE,
};

/// The maps: the slot array, its overflow hash, the exit ring.
const MAPS: (&str, &str, &str) = ("fault_threads", "fault_threads_extra", "fault_exits");

fn setup(opts: &EbpfOptions, _: &SyscallTable) -> Setup {
    let slots = opts.max_threads.next_power_of_two().max(1024);
    Setup {
        max_entries: vec![(MAPS.0, slots), (MAPS.1, EXTRA_THREADS), ("fault_threads_used", slots / 64)],
        rodata: vec![("thread_mask", (slots - 1).to_ne_bytes().to_vec())],
        ..Setup::default()
    }
}

fn reader(o: &EbpfOptions, _: &Arc<SyscallTable>) -> Box<dyn Reader> {
    Box::new(Faults { threads: PerThread::new(o.max_threads.next_power_of_two().max(1024)) })
}

#[derive(Debug)]
struct Faults {
    threads: PerThread<2>,
}

/// Faults of a process: minor and major.
fn total(v: &[u64; 2]) -> u64 {
    v[0].saturating_add(v[1])
}

/// Rows of the processes that faulted (`PerThread::top`'s selection: most first).
fn rows(rows: Vec<ProcDelta<2>>, ticks: u64) -> Vec<PageFaults> {
    rows.into_iter()
        .map(|(pid, start, [minor, major], name)| PageFaults {
            pid,
            start_time: super::start_ticks(start, ticks),
            name: ByteStr::from_bytes(name.as_bytes()),
            minor,
            major,
        })
        .collect()
}

impl Reader for Faults {
    fn missing(&self, out: &mut EbpfMetrics, reason: Reason) {
        out.page_faults = Field::Missing(reason);
        out.since_attach.page_faults = Field::Missing(reason);
    }

    fn read(&mut self, maps: &mut dyn Maps, rcx: &mut ReadCx<'_>, out: &mut EbpfMetrics) -> Result<(), Error> {
        // Only the rows returned are built: a heap of the top ones, not every process.
        self.threads.scan(maps, MAPS, &LAYOUT, rcx.warnings)?;
        let (interval, totals) = self.threads.top(rcx.top, total);
        out.page_faults = Field::Value(rows(interval, rcx.ticks));
        out.since_attach.page_faults = Field::Value(rows(totals, rcx.ticks));
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::super::testing::{MemMaps, comm, words};
    use super::*;
    use crate::model::Warnings;

    fn slot(tid: u32, tgid: u32, minor: u64, major: u64, name: &str) -> Vec<u8> {
        let mut v = Vec::new();
        v.extend_from_slice(&tid.to_ne_bytes());
        v.extend_from_slice(&tgid.to_ne_bytes());
        v.extend_from_slice(&words(&[2_000_000_000]));
        v.extend_from_slice(&words(&comm(name)));
        v.extend_from_slice(&words(&[100, 3, minor, major]));
        v
    }

    #[test]
    fn threads_sum_per_process_interval_by_interval() {
        let mut r = reader(&EbpfOptions::default(), &Arc::new(SyscallTable::default()));
        let mut m = MemMaps::default();
        m.arrays.insert(MAPS.0.into(), vec![(7, slot(7, 7, 100, 2, "app")), (8, slot(8, 7, 50, 0, "app"))]);
        m.maps.insert(MAPS.1.into(), vec![(9u32.to_ne_bytes().to_vec(), slot(9, 9, 5, 0, "other"))]);
        m.rings.insert(MAPS.2.into(), vec![slot(10, 7, 1, 1, "app")]);
        let src = crate::source::Source::rooted_at("/nonexistent");
        let mut w = Warnings::default();
        let mut rcx = ReadCx { window: 1, top: 10, ticks: 100, src: &src, warnings: &mut w };
        let mut out = EbpfMetrics::new(Reason::Disabled);
        r.read(&mut m, &mut rcx, &mut out).unwrap();
        let rows = out.page_faults.value().unwrap();
        assert_eq!(rows.len(), 2);
        let app = &rows[0];
        assert_eq!((app.pid, app.start_time, app.minor, app.major, app.name.as_bytes()), (7, 200, 151, 3, &b"app"[..]));
        assert_eq!((rows[1].pid, rows[1].minor), (9, 5));
        // Thread 8 exits after 4 more, 7 faults 10 more: only the interval's.
        m.arrays.insert(MAPS.0.into(), vec![(7, slot(7, 7, 110, 2, "app"))]);
        m.maps.insert(MAPS.1.into(), vec![(9u32.to_ne_bytes().to_vec(), slot(9, 9, 5, 0, "other"))]);
        m.rings.insert(MAPS.2.into(), vec![slot(8, 7, 54, 0, "app")]);
        let mut out = EbpfMetrics::new(Reason::Disabled);
        r.read(&mut m, &mut rcx, &mut out).unwrap();
        let rows = out.page_faults.value().unwrap();
        assert_eq!(rows.len(), 1, "{rows:?}");
        assert_eq!((rows[0].pid, rows[0].minor, rows[0].major), (7, 14, 0));
        // Since attach: both intervals of 7, and 9, whose thread is still there.
        let totals = out.since_attach.page_faults.value().unwrap();
        assert_eq!(totals.iter().map(|r| (r.pid, r.minor, r.major)).collect::<Vec<_>>(), [(7, 165, 3), (9, 5, 0)]);
        // A short slot is skipped with a warning, never a panic.
        m.arrays.insert(MAPS.0.into(), vec![(7, vec![7, 0, 0, 0, 7])]);
        let mut out = EbpfMetrics::new(Reason::Disabled);
        r.read(&mut m, &mut rcx, &mut out).unwrap();
        assert_eq!(out.page_faults.value().unwrap().len(), 0);
        assert_eq!(w.into_parts().0.len(), 1);
    }
}
