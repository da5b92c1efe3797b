//! The `syscalls` tracer (`bpf/syscalls.bpf.c`): calls, errors and latency per syscall
//! number (per-CPU), and per thread (one slot each), read into per-name tables and a
//! per-process table.
//!
//! Per process: each thread's counters grow while it lives; its last values arrive in the
//! `sys_exits` ring when it exits. A read takes, per thread, its value now (slot, or the
//! overflow hash) or its last one (ring), subtracts what the previous read saw of it, and
//! sums by process.

use std::sync::Arc;

use super::{PerThread, ProcDelta, ReadCx, Reader, Setup, Spec, ThreadLayout, TracerDef};
use crate::ebpf::{EbpfMetrics, EbpfOptions, LatencyHistogram, ProcessSyscalls, TracerName};
use crate::error::{Error, ErrorKind};
use crate::model::{Field, Reason};
use crate::schema::OrderedMap;
use crate::sys::imp::ebpf::decode::{self, Hist, layout, percpu_sum, u32_at};
use crate::sys::imp::ebpf::maps::Maps;
use crate::sys::imp::ebpf::syscall_table::{MAX_NR, SyscallTable};
use crate::text::ByteStr;

pub(crate) const DEF: TracerDef = TracerDef {
    name: TracerName::Syscalls,
    spec: Spec { object: include_bytes!("../bpf/syscalls.bpf.o"), optional: &[] },
    setup,
    reader,
};

/// Slots of the overflow hash for threads whose slot another thread holds.
const EXTRA_THREADS: u32 = 4096;

/// Numbers per entry of `sys_seen` (`struct slots_used`: one byte each).
const SEEN_PER_ENTRY: u64 = 64;

fn setup(o: &EbpfOptions, table: &SyscallTable) -> Setup {
    let slots = o.max_threads.next_power_of_two().max(1024);
    // A table we could not read: every number up to 1024 still counted, by number.
    let numbers = if table.len() == 0 { 1024 } else { table.len() as u32 };
    Setup {
        max_entries: vec![
            ("sys_stats", numbers),
            ("sys_seen", numbers.div_ceil(SEEN_PER_ENTRY as u32)),
            ("sys_threads", slots),
            ("sys_threads_extra", EXTRA_THREADS),
            ("sys_threads_used", slots / 64),
        ],
        rodata: vec![
            ("thread_mask", (slots - 1).to_ne_bytes().to_vec()),
            ("with_latency", vec![u8::from(o.syscall_latency)]),
        ],
        skip_events: if o.syscall_latency { Vec::new() } else { vec!["sys_exit"] },
    }
}

fn reader(o: &EbpfOptions, table: &Arc<SyscallTable>) -> Box<dyn Reader> {
    Box::new(Syscalls {
        table: Arc::clone(table),
        latency: o.syscall_latency,
        prev: Vec::new(),
        now: Vec::new(),
        seen: Vec::new(),
        threads: PerThread::new(o.max_threads.next_power_of_two().max(1024)),
    })
}

/// One syscall number's counters since attach, over every CPU.
#[derive(Debug, Clone, Default)]
struct PerNumber {
    calls: u64,
    errors: u64,
    hist: Hist,
}

/// The counters of `struct thread_slot`: calls, errors, ns in syscalls.
const LAYOUT: ThreadLayout<3> = ThreadLayout {
    tid: layout::thread_slot::TID,
    tgid: layout::thread_slot::TGID,
    start: layout::thread_slot::START,
    comm: layout::thread_slot::COMM,
    counters: [layout::thread_slot::CALLS, layout::thread_slot::ERRORS, layout::thread_slot::LATENCY_NS],
    size: layout::thread_slot::SIZE,
};

/// A per-CPU `struct sys_stat` summed over CPUs, its histogram's window `window`.
fn per_number(v: &[u8], window: u64) -> PerNumber {
    use layout::sys_stat as s;
    let mut hist = Hist::default();
    for cpu in v.chunks(decode::stride(s::SIZE)) {
        let _ = hist.add(cpu, s::LAT, window);
    }
    PerNumber { calls: percpu_sum(v, s::SIZE, s::CALLS), errors: percpu_sum(v, s::SIZE, s::ERRORS), hist }
}

#[derive(Debug)]
struct Syscalls {
    table: Arc<SyscallTable>,
    latency: bool,
    /// By number, as the previous read saw them.
    prev: Vec<PerNumber>,
    /// The buffer the next read fills.
    now: Vec<PerNumber>,
    /// The numbers `sys_seen` marks (a buffer kept between reads).
    seen: Vec<u32>,
    threads: PerThread<3>,
}

/// Per-name rows, largest first (ties by name).
fn by_name<T>(mut rows: Vec<(String, u64, T)>) -> Vec<(String, u64, T)> {
    rows.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    rows
}

impl Syscalls {
    /// Rows of the `top` processes with the most calls (most first), those with calls.
    fn processes(&self, rows: Vec<ProcDelta<3>>, rcx: &ReadCx<'_>) -> Vec<ProcessSyscalls> {
        let (latency, ticks) = (self.latency, rcx.ticks);
        let measured = |v: u64| if latency { Field::Value(v) } else { Field::Missing(Reason::Disabled) };
        rows.into_iter()
            .filter(|r| r.2[0] > 0)
            .map(|(pid, start, [calls, errors, latency_ns], name)| ProcessSyscalls {
                pid,
                start_time: super::start_ticks(start, ticks),
                name: ByteStr::from_bytes(name.as_bytes()),
                count: calls,
                errors: measured(errors),
                latency_ns: measured(latency_ns),
            })
            .collect()
    }
}

impl Reader for Syscalls {
    fn missing(&self, out: &mut EbpfMetrics, reason: Reason) {
        let latency = if self.latency { reason } else { Reason::Disabled };
        out.syscall_counts = Field::Missing(reason);
        out.syscall_errors = Field::Missing(latency);
        out.syscall_latencies = Field::Missing(latency);
        out.syscalls_by_process = Field::Missing(reason);
        out.since_attach.syscalls_by_process = Field::Missing(reason);
        out.since_attach.syscall_counts = Field::Missing(reason);
        out.since_attach.syscall_errors = Field::Missing(latency);
        out.since_attach.syscall_latencies = Field::Missing(latency);
    }

    fn read(&mut self, maps: &mut dyn Maps, rcx: &mut ReadCx<'_>, out: &mut EbpfMetrics) -> Result<(), Error> {
        // Per number, into the buffer of two reads ago (no allocation per read).
        let mut now = std::mem::take(&mut self.now);
        now.clear();
        let window = rcx.window;
        let mut fill = |nr: u32, v: &[u8]| {
            let nr = nr as usize;
            if nr <= MAX_NR as usize {
                if now.len() <= nr {
                    now.resize(nr + 1, PerNumber::default());
                }
                now[nr] = per_number(v, window);
            }
        };
        // Only the numbers ever counted (`sys_seen`): a few tens of the table's hundreds.
        let mut seen = std::mem::take(&mut self.seen);
        seen.clear();
        let marks = maps.entries("sys_seen", &mut |k, v| {
            let Some(w) = u32_at(k, 0) else { return };
            for (b, held) in v.iter().enumerate() {
                let nr = u64::from(w) * SEEN_PER_ENTRY + b as u64;
                if *held != 0 && nr <= u64::from(MAX_NR) {
                    seen.push(nr as u32);
                }
            }
        });
        match marks {
            Ok(()) => maps.lookup("sys_stats", &seen, &mut fill)?,
            // Maps recorded without the marks: the whole table.
            Err(e) if e.kind() == ErrorKind::NotFound => {
                maps.entries("sys_stats", &mut |k, v| u32_at(k, 0).into_iter().for_each(|nr| fill(nr, v)))?
            }
            Err(e) => return Err(e),
        }
        self.seen = seen;
        if self.prev.len() < now.len() {
            self.prev.resize(now.len(), PerNumber::default());
        }
        let (mut calls, mut errors, mut lat) = (Vec::new(), Vec::new(), Vec::new());
        let (mut calls_t, mut errors_t, mut lat_t) = (Vec::new(), Vec::new(), Vec::new());
        for (nr, n) in now.iter().enumerate() {
            if n.calls == 0 && n.errors == 0 && n.hist.count() == 0 {
                continue;
            }
            let p = &self.prev[nr];
            let name = self.table.name(nr);
            let dc = n.calls.saturating_sub(p.calls);
            if dc > 0 {
                calls.push((name.clone(), dc, ()));
            }
            if n.errors > p.errors {
                errors.push((name.clone(), n.errors - p.errors, ()));
            }
            // The interval's histogram (percentiles) only for a number that had one.
            if n.hist.buckets != p.hist.buckets {
                let h = n.hist.since(&p.hist);
                if h.count > 0 {
                    lat.push((name.clone(), dc, h));
                }
            }
            if n.calls > 0 {
                calls_t.push((name.clone(), n.calls, ()));
            }
            if n.errors > 0 {
                errors_t.push((name.clone(), n.errors, ()));
            }
            if n.hist.count() > 0 {
                lat_t.push((name, n.calls, n.hist.total()));
            }
        }
        self.now = std::mem::replace(&mut self.prev, now);
        let counts =
            |rows: Vec<(String, u64, ())>| OrderedMap(by_name(rows).into_iter().map(|(n, c, ())| (n, c)).collect());
        let hists = |rows: Vec<(String, u64, LatencyHistogram)>| {
            OrderedMap(by_name(rows).into_iter().map(|(n, _, h)| (n, h)).collect::<Vec<_>>())
        };
        out.syscall_counts = Field::Value(counts(calls));
        out.since_attach.syscall_counts = Field::Value(counts(calls_t));
        if self.latency {
            out.syscall_errors = Field::Value(counts(errors));
            out.syscall_latencies = Field::Value(hists(lat));
            out.since_attach.syscall_errors = Field::Value(counts(errors_t));
            out.since_attach.syscall_latencies = Field::Value(hists(lat_t));
        }

        // Per thread, then per process.
        self.threads.scan(maps, ("sys_threads", "sys_threads_extra", "sys_exits"), &LAYOUT, rcx.warnings)?;
        let (rows, totals) = self.threads.top(rcx.top, |v| v[0]);
        out.syscalls_by_process = Field::Value(self.processes(rows, rcx));
        out.since_attach.syscalls_by_process = Field::Value(self.processes(totals, rcx));
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::super::testing::{MemMaps, comm, words};
    use super::*;
    use crate::model::Warnings;

    fn stat(calls: u64, errors: u64, bucket: usize, n: u64, sum: u64) -> Vec<u8> {
        let mut v = words(&[calls, errors]);
        v.extend_from_slice(&decode::tests_support::hist(&[(bucket, n)], sum, 1000, 2000, (1, 1000, 2000)));
        v
    }

    fn slot(tid: u32, tgid: u32, calls: u64, name: &str) -> Vec<u8> {
        let mut v = Vec::new();
        v.extend_from_slice(&tid.to_ne_bytes());
        v.extend_from_slice(&tgid.to_ne_bytes());
        v.extend_from_slice(&words(&[5_000_000_000]));
        v.extend_from_slice(&words(&comm(name)));
        v.extend_from_slice(&[0u8; 16]);
        v.extend_from_slice(&words(&[calls, 1, 100 * calls]));
        v
    }

    #[test]
    fn counts_by_name_and_process() {
        let table = Arc::new(super::super::super::syscall_table::parse(b"110 getppid\n0 read\n").unwrap());
        let mut r = reader(&EbpfOptions::default(), &table);
        let mut m = MemMaps::default();
        let cpu0 = stat(7, 0, 10, 7, 7000);
        let cpu1 = stat(3, 1, 10, 3, 3000);
        let mut both = cpu0.clone();
        both.extend_from_slice(&cpu1);
        m.maps.insert("sys_stats".into(), vec![(110u32.to_ne_bytes().to_vec(), both)]);
        // Number 110 marked seen (entry 1, byte 46).
        let mut marks = vec![0u8; 64];
        marks[110 - 64] = 1;
        m.maps.insert(
            "sys_seen".into(),
            vec![(0u32.to_ne_bytes().to_vec(), vec![0; 64]), (1u32.to_ne_bytes().to_vec(), marks)],
        );
        m.arrays.insert("sys_threads".into(), vec![(42, slot(42, 42, 6, "app")), (43, slot(43, 42, 4, "worker"))]);
        m.rings.insert("sys_exits".into(), vec![slot(50, 42, 2, "short")]);
        let src = crate::source::Source::rooted_at("/nonexistent");
        let mut w = Warnings::default();
        let mut rcx = ReadCx { window: 1, top: 10, ticks: 100, src: &src, warnings: &mut w };
        let mut out = EbpfMetrics::new(Reason::Disabled);
        r.read(&mut m, &mut rcx, &mut out).unwrap();
        let counts = out.syscall_counts.value().unwrap();
        assert_eq!(counts.get("getppid"), Some(&10));
        assert_eq!(out.syscall_errors.value().unwrap().get("getppid"), Some(&1));
        let lat = out.syscall_latencies.value().unwrap().get("getppid").unwrap();
        assert_eq!((lat.count, lat.sum_ns, lat.min_ns, lat.max_ns), (10, 10000, Some(1000), Some(2000)));
        let p = &out.syscalls_by_process.value().unwrap()[0];
        assert_eq!((p.pid, p.start_time, p.count, p.name.as_bytes()), (42, 500, 12, &b"app"[..]));
        assert_eq!(p.errors, Field::Value(3));
        // The next interval: thread 42 made 4 more calls, 43 exited after 1 more.
        m.maps.insert("sys_stats".into(), vec![(110u32.to_ne_bytes().to_vec(), stat(15, 1, 10, 15, 15000))]);
        m.arrays.insert("sys_threads".into(), vec![(42, slot(42, 42, 10, "app"))]);
        m.rings.insert("sys_exits".into(), vec![slot(43, 42, 5, "worker")]);
        let mut out = EbpfMetrics::new(Reason::Disabled);
        r.read(&mut m, &mut rcx, &mut out).unwrap();
        assert_eq!(out.syscall_counts.value().unwrap().get("getppid"), Some(&5));
        assert_eq!(out.since_attach.syscall_counts.value().unwrap().get("getppid"), Some(&15));
        assert_eq!(out.syscalls_by_process.value().unwrap()[0].count, 5);
        assert_eq!(out.since_attach.syscalls_by_process.value().unwrap()[0].count, 17);
        // Its last thread exits: its totals are given once more, then forgotten.
        m.arrays.insert("sys_threads".into(), vec![]);
        m.rings.insert("sys_exits".into(), vec![slot(42, 42, 11, "app")]);
        let mut out = EbpfMetrics::new(Reason::Disabled);
        r.read(&mut m, &mut rcx, &mut out).unwrap();
        assert_eq!(out.syscalls_by_process.value().unwrap()[0].count, 1);
        assert_eq!(out.since_attach.syscalls_by_process.value().unwrap()[0].count, 18);
        let mut out = EbpfMetrics::new(Reason::Disabled);
        r.read(&mut m, &mut rcx, &mut out).unwrap();
        assert_eq!(out.since_attach.syscalls_by_process.value().unwrap(), &vec![]);
    }
}
