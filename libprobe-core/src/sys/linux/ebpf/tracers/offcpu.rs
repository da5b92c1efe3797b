//! The `offcpu` tracer (`bpf/offcpu.bpf.c`): off-CPU time per process, voluntary or not.

use std::sync::Arc;

use super::{PerPid, ProcRow, ReadCx, Reader, Setup, Spec, TracerDef, top};
use crate::ebpf::{EbpfMetrics, EbpfOptions, OffCpuTime, TracerName};
use crate::error::Error;
use crate::model::{Field, Reason};
use crate::sys::imp::ebpf::decode::{comm_at, layout::off_pid as o, u32_at, u64_at};
use crate::sys::imp::ebpf::maps::Maps;
use crate::sys::imp::ebpf::syscall_table::SyscallTable;

pub(crate) const DEF: TracerDef = TracerDef {
    name: TracerName::Offcpu,
    spec: Spec { object: include_bytes!("../bpf/offcpu.bpf.o"), optional: &[] },
    setup,
    reader,
};

fn setup(opts: &EbpfOptions, _: &SyscallTable) -> Setup {
    Setup { max_entries: vec![("off_start", opts.max_threads), ("off_pids", opts.max_pids)], ..Setup::default() }
}

fn reader(_: &EbpfOptions, _: &Arc<SyscallTable>) -> Box<dyn Reader> {
    Box::new(Offcpu { pids: PerPid::default() })
}

/// A `struct off_pid`: voluntary ns, involuntary ns, voluntary and involuntary switches.
pub(crate) fn off_pid(v: &[u8]) -> Option<ProcRow<4>> {
    if v.len() < o::SIZE {
        return None;
    }
    Some(ProcRow {
        values: [
            u64_at(v, o::VOLUNTARY_NS)?,
            u64_at(v, o::INVOLUNTARY_NS)?,
            u64_at(v, o::VOLUNTARY_SWITCHES)?,
            u64_at(v, o::INVOLUNTARY_SWITCHES)?,
        ],
        name: comm_at(v, o::COMM)?.to_vec(),
        flags: u32_at(v, o::FLAGS)?,
    })
}

#[derive(Debug)]
struct Offcpu {
    pids: PerPid<4>,
}

impl Reader for Offcpu {
    fn missing(&self, out: &mut EbpfMetrics, reason: Reason) {
        out.cpu_off_time = Field::Missing(reason);
    }

    fn read(&mut self, maps: &mut dyn Maps, rcx: &mut ReadCx<'_>, out: &mut EbpfMetrics) -> Result<(), Error> {
        let rows = self.pids.read(maps, "off_pids", off_pid, rcx.warnings)?;
        let rows = rows
            .into_iter()
            .map(|(pid, start, [vol, invol, vs, is], name)| OffCpuTime {
                pid,
                start_time: super::start_ticks(start, rcx.ticks),
                name,
                total_ns: vol.saturating_add(invol),
                voluntary_ns: vol,
                involuntary_ns: invol,
                voluntary_switches: vs,
                involuntary_switches: is,
            })
            .collect();
        out.cpu_off_time = Field::Value(top(rows, rcx.top, |t| t.total_ns, |t| (t.pid, t.start_time)));
        Ok(())
    }
}
