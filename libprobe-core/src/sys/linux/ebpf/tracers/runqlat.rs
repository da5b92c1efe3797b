//! The `runqlat` tracer (`bpf/runqlat.bpf.c`): one run-queue latency histogram, per CPU.

use std::sync::Arc;

use super::{ReadCx, Reader, Setup, Spec, TracerDef};
use crate::ebpf::{EbpfMetrics, EbpfOptions, TracerName};
use crate::error::Error;
use crate::model::{Field, Reason};
use crate::sys::imp::ebpf::decode::{self, HIST_SIZE, Hist};
use crate::sys::imp::ebpf::maps::Maps;
use crate::sys::imp::ebpf::syscall_table::SyscallTable;

pub(crate) const DEF: TracerDef = TracerDef {
    name: TracerName::Runqlat,
    spec: Spec { object: include_bytes!("../bpf/runqlat.bpf.o"), optional: &[] },
    setup,
    reader,
};

fn setup(o: &EbpfOptions, _: &SyscallTable) -> Setup {
    Setup { max_entries: vec![("runq_start", o.max_threads)], ..Setup::default() }
}

fn reader(_: &EbpfOptions, _: &Arc<SyscallTable>) -> Box<dyn Reader> {
    Box::new(Runqlat { prev: Hist::default() })
}

#[derive(Debug)]
struct Runqlat {
    prev: Hist,
}

impl Reader for Runqlat {
    fn missing(&self, out: &mut EbpfMetrics, reason: Reason) {
        out.runqueue_latency = Field::Missing(reason);
        out.since_attach.runqueue_latency = Field::Missing(reason);
    }

    fn read(&mut self, maps: &mut dyn Maps, rcx: &mut ReadCx<'_>, out: &mut EbpfMetrics) -> Result<(), Error> {
        let mut now = Hist::default();
        let mut short = false;
        maps.entries("runq_hist", &mut |_, v| {
            for cpu in v.chunks(decode::stride(HIST_SIZE)) {
                short |= now.add(cpu, 0, rcx.window).is_none();
            }
        })?;
        if short {
            rcx.warnings.push("ebpf: runqlat: a histogram shorter than libprobe reads; skipped");
        }
        out.runqueue_latency = Field::Value(now.since(&self.prev));
        out.since_attach.runqueue_latency = Field::Value(now.total());
        self.prev = now;
        Ok(())
    }
}
