//! The `offcpu` tracer (`bpf/offcpu.bpf.c`): off-CPU time per process, voluntary or not,
//! from per-thread slots summed per process.

use std::sync::Arc;

use super::{PerThread, ProcDelta, ReadCx, Reader, Setup, Spec, ThreadLayout, TracerDef};
use crate::ebpf::{EbpfMetrics, EbpfOptions, OffCpuTime, TracerName};
use crate::error::Error;
use crate::model::{Field, Reason};
use crate::sys::imp::ebpf::decode::layout::off_thread as o;
use crate::sys::imp::ebpf::maps::Maps;
use crate::sys::imp::ebpf::syscall_table::SyscallTable;
use crate::text::ByteStr;

pub(crate) const DEF: TracerDef = TracerDef {
    name: TracerName::Offcpu,
    spec: Spec { object: include_bytes!("../bpf/offcpu.bpf.o"), optional: &[] },
    setup,
    reader,
};

/// Slots of the overflow hash for threads whose slot another thread holds.
const EXTRA_THREADS: u32 = 4096;

/// The counters of `struct off_thread`: voluntary ns, involuntary ns, voluntary and
/// involuntary switches.
const LAYOUT: ThreadLayout<4> = ThreadLayout {
    tid: o::TID,
    tgid: o::TGID,
    start: o::START,
    comm: o::COMM,
    counters: [o::VOLUNTARY_NS, o::INVOLUNTARY_NS, o::VOLUNTARY_SWITCHES, o::INVOLUNTARY_SWITCHES],
    size: o::SIZE,
};

fn setup(opts: &EbpfOptions, _: &SyscallTable) -> Setup {
    let slots = opts.max_threads.next_power_of_two().max(1024);
    Setup {
        max_entries: vec![
            ("off_threads", slots),
            ("off_threads_extra", EXTRA_THREADS),
            ("off_threads_used", slots / 64),
        ],
        rodata: vec![("thread_mask", (slots - 1).to_ne_bytes().to_vec())],
        ..Setup::default()
    }
}

fn reader(o: &EbpfOptions, _: &Arc<SyscallTable>) -> Box<dyn Reader> {
    Box::new(Offcpu { threads: PerThread::new(o.max_threads.next_power_of_two().max(1024)) })
}

#[derive(Debug)]
struct Offcpu {
    threads: PerThread<4>,
}

impl Reader for Offcpu {
    fn missing(&self, out: &mut EbpfMetrics, reason: Reason) {
        out.cpu_off_time = Field::Missing(reason);
        out.since_attach.cpu_off_time = Field::Missing(reason);
    }

    fn read(&mut self, maps: &mut dyn Maps, rcx: &mut ReadCx<'_>, out: &mut EbpfMetrics) -> Result<(), Error> {
        self.threads.scan(maps, ("off_threads", "off_threads_extra", "off_exits"), &LAYOUT, rcx.warnings)?;
        let total = |v: &[u64; 4]| v[0].saturating_add(v[1]);
        let (interval, totals) = self.threads.top(rcx.top, total);
        out.cpu_off_time = Field::Value(processes(interval, rcx));
        out.since_attach.cpu_off_time = Field::Value(processes(totals, rcx));
        Ok(())
    }
}

/// Rows of the processes with the most time off a CPU (`PerThread::top`'s selection).
fn processes(rows: Vec<ProcDelta<4>>, rcx: &ReadCx<'_>) -> Vec<OffCpuTime> {
    let ticks = rcx.ticks;
    rows.into_iter()
        .map(|(pid, start, [vol, invol, vs, is], name)| OffCpuTime {
            pid,
            start_time: super::start_ticks(start, ticks),
            name: ByteStr::from_bytes(name.as_bytes()),
            total_ns: vol.saturating_add(invol),
            voluntary_ns: vol,
            involuntary_ns: invol,
            voluntary_switches: vs,
            involuntary_switches: is,
        })
        .collect()
}
