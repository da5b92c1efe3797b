//! The `biolatency` tracer (`bpf/biolatency.bpf.c`): block I/O latency per device and
//! operation (per-CPU histograms), and per submitting process.

use std::collections::HashMap;
use std::sync::Arc;

use super::{PerPid, ProcDelta, ProcRow, ReadCx, Reader, Setup, Spec, TracerDef, top};
use crate::ebpf::{BlockIoDevice, BlockIoStats, BlockOperation, EbpfMetrics, EbpfOptions, TracerName};
use crate::error::Error;
use crate::model::{Field, Reason};
use crate::source::Source;
use crate::sys::imp::ebpf::decode::{self, Comm, Hist, dev_parts, layout, percpu_sum, u32_at, u64_at};
use crate::sys::imp::ebpf::maps::Maps;
use crate::sys::imp::ebpf::syscall_table::SyscallTable;
use crate::text::ByteStr;

pub(crate) const DEF: TracerDef = TracerDef {
    name: TracerName::Biolatency,
    spec: Spec { object: include_bytes!("../bpf/biolatency.bpf.o"), optional: &["block_io_start"] },
    setup,
    reader,
};

/// Devices × operations tracked (a key that does not fit is counted in `dropped`).
const DEVICE_KEYS: u32 = 1024;

fn setup(o: &EbpfOptions, _: &SyscallTable) -> Setup {
    Setup {
        max_entries: vec![("bio_start", o.max_requests), ("bio_pids", o.max_pids), ("bio_devs", DEVICE_KEYS)],
        ..Setup::default()
    }
}

fn reader(_: &EbpfOptions, _: &Arc<SyscallTable>) -> Box<dyn Reader> {
    Box::new(Biolatency { devices: HashMap::new(), pids: PerPid::default() })
}

/// A `struct bio_pid`: reads, writes, read bytes, write bytes, read ns, write ns.
pub(crate) fn bio_pid(v: &[u8]) -> Option<ProcRow<6>> {
    use layout::bio_pid as b;
    if v.len() < b::SIZE {
        return None;
    }
    Some(ProcRow {
        values: [
            u64_at(v, b::READS)?,
            u64_at(v, b::WRITES)?,
            u64_at(v, b::READ_BYTES)?,
            u64_at(v, b::WRITE_BYTES)?,
            u64_at(v, b::READ_NS)?,
            u64_at(v, b::WRITE_NS)?,
        ],
        name: Comm::at(v, b::COMM)?,
        flags: u32_at(v, b::FLAGS)?,
    })
}

/// A `struct bio_dev_key` and its per-CPU `struct bio_dev`s: ((dev, op), bytes, hist).
pub(crate) fn bio_dev(k: &[u8], v: &[u8], window: u64) -> Option<((u32, u32), u64, Hist)> {
    use layout::bio_dev as d;
    if k.len() != d::KEY_SIZE {
        return None;
    }
    let key = (u32_at(k, d::KEY_DEV)?, u32_at(k, d::KEY_OP)?);
    let mut hist = Hist::default();
    for cpu in v.chunks(decode::stride(d::SIZE)) {
        hist.add(cpu, d::LAT, window)?;
    }
    Some((key, percpu_sum(v, d::SIZE, d::BYTES), hist))
}

/// A block device's kernel name, from `/sys/dev/block/<major>:<minor>/uevent` (`DEVNAME=`).
fn device_name(src: &Source, major: u32, minor: u32) -> Field<String> {
    match src.read_sys(format!("dev/block/{major}:{minor}/uevent")) {
        Ok(text) => text
            .split(|b| *b == b'\n')
            .find_map(|l| l.strip_prefix(b"DEVNAME="))
            .and_then(|n| std::str::from_utf8(n).ok())
            .map_or(Field::Missing(Reason::NotPresent), |n| Field::Value(n.to_owned())),
        Err(_) => Field::Missing(Reason::NotPresent),
    }
}

/// The `top` processes with the most bytes, most first (idle ones left out).
fn processes(rows: Vec<ProcDelta<6>>, rcx: &ReadCx<'_>) -> Vec<BlockIoStats> {
    let bytes = |r: &ProcDelta<6>| r.2[2].saturating_add(r.2[3]);
    let ticks = rcx.ticks;
    top(rows.into_iter().filter(|r| r.2.iter().any(|v| *v > 0)).collect(), rcx.top, bytes, |r| (r.0, r.1))
        .into_iter()
        .map(|(pid, start, [reads, writes, read_bytes, write_bytes, read_latency_ns, write_latency_ns], name)| {
            BlockIoStats {
                pid,
                start_time: super::start_ticks(start, ticks),
                name: ByteStr::from_bytes(name.as_bytes()),
                reads,
                writes,
                read_bytes,
                write_bytes,
                read_latency_ns,
                write_latency_ns,
            }
        })
        .collect()
}

#[derive(Debug)]
struct Biolatency {
    /// (dev, op) → bytes and histogram, as the previous read saw them.
    devices: HashMap<(u32, u32), (u64, Hist)>,
    pids: PerPid<6>,
}

impl Reader for Biolatency {
    fn missing(&self, out: &mut EbpfMetrics, reason: Reason) {
        out.block_io_latency = Field::Missing(reason);
        out.block_io_by_device = Field::Missing(reason);
        out.block_io_by_process = Field::Missing(reason);
        out.since_attach.block_io_latency = Field::Missing(reason);
        out.since_attach.block_io_by_device = Field::Missing(reason);
        out.since_attach.block_io_by_process = Field::Missing(reason);
    }

    fn read(&mut self, maps: &mut dyn Maps, rcx: &mut ReadCx<'_>, out: &mut EbpfMetrics) -> Result<(), Error> {
        let mut now = Vec::new();
        let mut short = false;
        maps.entries("bio_devs", &mut |k, v| match bio_dev(k, v, rcx.window) {
            Some(d) => now.push(d),
            None => short = true,
        })?;
        if short {
            rcx.warnings.push("ebpf: biolatency: a device record shorter than libprobe reads; skipped");
        }
        now.sort_by_key(|d| d.0);
        let (mut all, mut all_total) = (Hist::default(), Hist::default());
        let (mut interval, mut total) = (Vec::new(), Vec::new());
        let mut next = HashMap::with_capacity(now.len());
        // A device's name, read once for all its operations (keys sorted by device): a
        // file open and read each, which the `opens` tracer then also counts.
        let mut named: Option<(u32, Field<String>)> = None;
        for ((dev, op), bytes, hist) in now {
            let (major, minor) = dev_parts(dev);
            let name = match &named {
                Some((d, name)) if *d == dev => name.clone(),
                _ => named.insert((dev, device_name(rcx.src, major, minor))).1.clone(),
            };
            let operation = BlockOperation::from_kernel(op);
            let (pb, ph) = self.devices.get(&(dev, op)).cloned().unwrap_or_default();
            let d = hist.delta(&ph);
            all.merge(&d);
            all_total.merge(&hist);
            if d.count() > 0 {
                interval.push(BlockIoDevice {
                    name: name.clone(),
                    major,
                    minor,
                    operation,
                    bytes: bytes.saturating_sub(pb),
                    latency: d.total(),
                });
            }
            total.push(BlockIoDevice { name, major, minor, operation, bytes, latency: hist.total() });
            next.insert((dev, op), (bytes, hist));
        }
        self.devices = next;
        out.block_io_latency = Field::Value(all.total());
        out.block_io_by_device = Field::Value(interval);
        out.since_attach.block_io_latency = Field::Value(all_total.total());
        out.since_attach.block_io_by_device = Field::Value(total);

        // A request completing after its process exited makes its entry again, unmarked:
        // gc deletes such entries once their process is gone.
        let (rows, totals) = self.pids.read(maps, "bio_pids", bio_pid, true, rcx.warnings)?;
        out.block_io_by_process = Field::Value(processes(rows, rcx));
        out.since_attach.block_io_by_process = Field::Value(processes(totals, rcx));
        Ok(())
    }
}
