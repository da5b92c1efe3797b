//! libprobe: the full process table with the rich field set.
//!
//! `Options::default()` with `domains` = process only and the default `ProcessOptions`:
//! every field but smaps_rollup, maps, fds, environ and taskstats; cgroup limits on.
//!
//! A counting global allocator measures the heap: `heap_peak_bytes` is the most heap the
//! first snapshot held above what was allocated before it; `snapshot_bytes` is what the
//! returned `Snapshot` keeps; `probe_retained_bytes` is what the `Probe` keeps between
//! snapshots (the previous sample for rates, reused read buffers).
//!
//! usage: libprobe_procs [--repeat N]     (LIBPROBE_BENCH_THREADS=N: N process readers)

use std::alloc::{GlobalAlloc, Layout, System};
use std::sync::atomic::{AtomicU64, AtomicUsize, Ordering};

use libprobe::{DomainName, Domains, Field, Options, Probe, Snapshot};
use libprobe_bench::{Args, Tally, Timings, report};

/// The system allocator, counting live bytes, their high-water mark and allocations.
struct Counting;

static LIVE: AtomicUsize = AtomicUsize::new(0);
static PEAK: AtomicUsize = AtomicUsize::new(0);
static ALLOCS: AtomicU64 = AtomicU64::new(0);

fn grew(by: usize) {
    let now = LIVE.fetch_add(by, Ordering::Relaxed) + by;
    PEAK.fetch_max(now, Ordering::Relaxed);
}

// SAFETY: every method forwards to `System` with the caller's arguments unchanged and
// only updates counters, so `System`'s guarantees carry over.
unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        // SAFETY: the caller upholds `alloc`'s contract, which we pass on unchanged.
        let p = unsafe { System.alloc(layout) };
        if !p.is_null() {
            ALLOCS.fetch_add(1, Ordering::Relaxed);
            grew(layout.size());
        }
        p
    }

    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        // SAFETY: as for `alloc`.
        let p = unsafe { System.alloc_zeroed(layout) };
        if !p.is_null() {
            ALLOCS.fetch_add(1, Ordering::Relaxed);
            grew(layout.size());
        }
        p
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        // SAFETY: `ptr` was allocated by `System` (through us) with `layout`.
        unsafe { System.dealloc(ptr, layout) };
        LIVE.fetch_sub(layout.size(), Ordering::Relaxed);
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        // SAFETY: the caller upholds `realloc`'s contract, which we pass on unchanged.
        let p = unsafe { System.realloc(ptr, layout, new_size) };
        if !p.is_null() {
            ALLOCS.fetch_add(1, Ordering::Relaxed);
            if new_size >= layout.size() {
                grew(new_size - layout.size());
            } else {
                LIVE.fetch_sub(layout.size() - new_size, Ordering::Relaxed);
            }
        }
        p
    }
}

#[global_allocator]
static ALLOC: Counting = Counting;

fn missing<T>(t: &mut Tally, f: &Field<T>) {
    if !f.is_value() {
        t.errors += 1;
    }
}

/// Folds the fields that come from each file libprobe reads, and counts the missing ones.
fn tally(snap: &Snapshot) -> Tally {
    let mut t = Tally::default();
    for p in snap.processes() {
        t.rows += 1;
        t.add(p.pid as u64);
        t.add(p.ppid.get().unwrap_or(0) as u64);
        t.add(p.cpu_user_ticks.get().unwrap_or(0).wrapping_add(p.cpu_system_ticks.get().unwrap_or(0)));
        t.add(p.memory_rss.get().unwrap_or(0));
        t.add(p.start_time);
        t.add_bytes(p.name.as_bytes());
        t.add(u64::from(p.uid_real.get().unwrap_or(0)));
        t.add(p.voluntary_ctx_switches.get().unwrap_or(0));
        t.add(p.io_read_chars.get().unwrap_or(0));
        t.add(p.cmdline.value().map_or(0, |c| c.iter().map(|a| a.len() as u64).sum()));
        t.add_bytes(p.exe.value().map_or(&[][..], |e| e.as_bytes()));
        t.add(u64::from(p.exe_deleted.get().unwrap_or(false)));
        t.add_bytes(p.cwd.value().map_or(&[][..], |e| e.as_bytes()));
        t.add_bytes(p.root.value().map_or(&[][..], |e| e.as_bytes()));
        t.add(p.limits.value().and_then(|l| l.max_open_files.get()).map_or(0, |l| l.soft));
        t.add(p.oom_score.get().unwrap_or(0) as u64);
        t.add(p.oom_score_adj.get().unwrap_or(0) as u64);
        t.add(p.delay.cpu_run_time_ns.get().unwrap_or(0));
        t.add(u64::from(p.num_fds.get().unwrap_or(0)));
        for ns in [
            &p.ns_cgroup,
            &p.ns_ipc,
            &p.ns_mnt,
            &p.ns_net,
            &p.ns_pid,
            &p.ns_pid_children,
            &p.ns_time,
            &p.ns_time_children,
            &p.ns_user,
            &p.ns_uts,
        ] {
            t.add(ns.get().unwrap_or(0));
        }
        t.add_bytes(p.cgroup_path.value().map_or(&[][..], |c| c.as_bytes()));
        t.add(p.cgroup_limits.value().map_or(0, |l| l.memory_max.get().unwrap_or(0)));
        // One count per file (or link) that could not be read, as the other anchors count.
        missing(&mut t, &p.uid_real); // stands for `status`, which always prints it
        missing(&mut t, &p.io_read_chars);
        missing(&mut t, &p.cmdline);
        missing(&mut t, &p.exe);
        missing(&mut t, &p.cwd);
        missing(&mut t, &p.root);
        missing(&mut t, &p.limits);
        missing(&mut t, &p.oom_score);
        missing(&mut t, &p.oom_score_adj);
        missing(&mut t, &p.delay.cpu_run_time_ns);
        missing(&mut t, &p.num_fds);
        missing(&mut t, &p.ns_net);
        missing(&mut t, &p.cgroup_path);
    }
    t
}

fn main() {
    let args = Args::from_env();
    let mut options = Options { domains: Domains::NONE.with(DomainName::Process), ..Options::default() };
    // `LIBPROBE_BENCH_THREADS=1` measures the one-thread read (default: the automatic choice).
    if let Some(n) = std::env::var("LIBPROBE_BENCH_THREADS").ok().and_then(|v| v.parse().ok()) {
        options.process.threads = n;
    }
    let mut probe = Probe::new(options);

    let mut times = Timings::default();
    let mut last = Tally::default();
    let mut mem: Vec<(&str, String)> = Vec::new();
    let mut warnings = 0usize;
    for i in 0..args.repeat {
        let live0 = LIVE.load(Ordering::Relaxed);
        let allocs0 = ALLOCS.load(Ordering::Relaxed);
        PEAK.store(live0, Ordering::Relaxed);
        let snap = times.time(|| probe.snapshot());
        let peak = PEAK.load(Ordering::Relaxed);
        let live1 = LIVE.load(Ordering::Relaxed);
        let allocs = ALLOCS.load(Ordering::Relaxed) - allocs0;
        last = tally(&snap);
        warnings = snap.status(DomainName::Process).map_or(0, |s| s.warnings.len() + s.warnings_dropped as usize);
        drop(snap);
        let live2 = LIVE.load(Ordering::Relaxed);
        if i == 0 {
            mem = vec![
                ("heap_peak_bytes", (peak - live0).to_string()),
                ("snapshot_bytes", live1.saturating_sub(live2).to_string()),
                ("probe_retained_bytes", live2.saturating_sub(live0).to_string()),
                ("allocations", allocs.to_string()),
            ];
        }
    }
    mem.push(("warnings", warnings.to_string()));
    mem.push(("process_struct_bytes", std::mem::size_of::<libprobe::process::ProcessFull>().to_string()));
    println!("{}", report("libprobe", &times, last, &mem));
}
