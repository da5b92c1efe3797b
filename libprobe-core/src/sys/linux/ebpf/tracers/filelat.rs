//! The `filelat` tracer (`bpf/filelat.bpf.c`): read and write latency of regular files,
//! two per-CPU histograms.

use std::sync::Arc;

use super::{ReadCx, Reader, Setup, Spec, TracerDef};
use crate::ebpf::{EbpfMetrics, EbpfOptions, TracerName};
use crate::error::Error;
use crate::model::{Field, Reason};
use crate::sys::imp::ebpf::decode::{self, HIST_SIZE, Hist, u32_at};
use crate::sys::imp::ebpf::maps::Maps;
use crate::sys::imp::ebpf::syscall_table::SyscallTable;

pub(crate) const DEF: TracerDef = TracerDef {
    name: TracerName::Filelat,
    spec: Spec { object: include_bytes!("../bpf/filelat.bpf.o"), optional: &[] },
    setup,
    reader,
};

/// Slots of the overflow hash for threads whose slot another thread holds.
const EXTRA_THREADS: u32 = 4096;

fn setup(o: &EbpfOptions, _: &SyscallTable) -> Setup {
    let slots = o.max_threads.next_power_of_two().max(1024);
    Setup {
        max_entries: vec![("io_slots", slots), ("io_slots_extra", EXTRA_THREADS)],
        rodata: vec![("thread_mask", (slots - 1).to_ne_bytes().to_vec())],
        ..Setup::default()
    }
}

fn reader(_: &EbpfOptions, _: &Arc<SyscallTable>) -> Box<dyn Reader> {
    Box::new(Filelat { prev: [Hist::default(), Hist::default()] })
}

#[derive(Debug)]
struct Filelat {
    /// Reads and writes as the previous read saw them.
    prev: [Hist; 2],
}

impl Reader for Filelat {
    fn missing(&self, out: &mut EbpfMetrics, reason: Reason) {
        out.file_read_latency = Field::Missing(reason);
        out.file_write_latency = Field::Missing(reason);
        out.since_attach.file_read_latency = Field::Missing(reason);
        out.since_attach.file_write_latency = Field::Missing(reason);
    }

    fn read(&mut self, maps: &mut dyn Maps, rcx: &mut ReadCx<'_>, out: &mut EbpfMetrics) -> Result<(), Error> {
        // Exited threads' slots: nothing in them to count, but the ring must not fill.
        maps.drain("io_exits", &mut |_| {})?;
        let mut now = [Hist::default(), Hist::default()];
        let mut short = false;
        maps.entries("file_hists", &mut |k, v| {
            let Some(h) = u32_at(k, 0).and_then(|i| now.get_mut(i as usize)) else { return };
            for cpu in v.chunks(decode::stride(HIST_SIZE)) {
                short |= h.add(cpu, 0, rcx.window).is_none();
            }
        })?;
        if short {
            rcx.warnings.push("ebpf: filelat: a histogram shorter than libprobe reads; skipped");
        }
        out.file_read_latency = Field::Value(now[0].since(&self.prev[0]));
        out.file_write_latency = Field::Value(now[1].since(&self.prev[1]));
        out.since_attach.file_read_latency = Field::Value(now[0].total());
        out.since_attach.file_write_latency = Field::Value(now[1].total());
        self.prev = now;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::super::testing::MemMaps;
    use super::*;
    use crate::model::Warnings;
    use crate::sys::imp::ebpf::decode::tests_support::hist;

    #[test]
    fn reads_and_writes_by_interval() {
        let mut r = reader(&EbpfOptions::default(), &Arc::new(SyscallTable::default()));
        let mut m = MemMaps::default();
        let mut reads = hist(&[(12, 3)], 15_000, 4_000, 6_000, (1, 4_000, 6_000));
        reads.extend_from_slice(&hist(&[(12, 1)], 5_000, 5_000, 5_000, (1, 5_000, 5_000)));
        let mut writes = hist(&[(20, 2)], 3_000_000, 1_000_000, 2_000_000, (1, 1_000_000, 2_000_000));
        writes.extend_from_slice(&hist(&[], 0, 0, 0, (0, 0, 0)));
        m.maps.insert(
            "file_hists".into(),
            vec![(0u32.to_ne_bytes().to_vec(), reads), (1u32.to_ne_bytes().to_vec(), writes)],
        );
        let src = crate::source::Source::rooted_at("/nonexistent");
        let mut w = Warnings::default();
        let mut rcx = ReadCx { window: 1, top: 10, ticks: 100, src: &src, warnings: &mut w };
        let mut out = EbpfMetrics::new(Reason::Disabled);
        r.read(&mut m, &mut rcx, &mut out).unwrap();
        let rd = out.file_read_latency.value().unwrap();
        assert_eq!((rd.count, rd.sum_ns, rd.min_ns, rd.max_ns), (4, 20_000, Some(4_000), Some(6_000)));
        let wr = out.file_write_latency.value().unwrap();
        assert_eq!((wr.count, wr.max_ns), (2, Some(2_000_000)));
        // Nothing new: an empty interval, the same totals.
        rcx.window = 2;
        let mut out = EbpfMetrics::new(Reason::Disabled);
        r.read(&mut m, &mut rcx, &mut out).unwrap();
        assert_eq!(out.file_read_latency.value().unwrap().count, 0);
        assert_eq!(out.since_attach.file_write_latency.value().unwrap().count, 2);
    }
}
