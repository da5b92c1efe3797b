//! Attaches BPF programs for `bench/run_ebpf.py` and holds them until stdin closes or a
//! signal ends it.
//!
//! ```text
//! ebpf_attach libprobe [--hooks tp_btf|raw_tp|tracepoint] [--no-latency] [--tracers LIST]
//!                      [--interval-ms N] [--max-open-events N]
//!     libprobe's syscalls tracer (or the tracers named), through the library (a Probe's
//!     first snapshot); with --interval-ms, a snapshot every N ms until stdin closes, as a
//!     user reading the tracers would (the `opens` ring drained each time); at the end
//!     prints the snapshots taken and the open events they read and dropped
//! ebpf_attach object PATH --hook tp_btf|raw_tp|tracepoint [--events sys_enter,sys_exit]
//!     the programs of one hook type in a BPF object file, for the given events (the
//!     floor: empty programs; or a syscount built from our own C)
//! ebpf_attach stats
//!     turns on the kernel's per-program run-time statistics (BPF_ENABLE_STATS: run_cnt
//!     and run_time_ns, as `bpftool prog show` prints them) while it runs
//! ebpf_attach read-cost [--procs 10000] [--snapshots 5] [--top N]
//!     forks N processes that each wake once a second and make a syscall, attaches every
//!     tracer, and prints how long each snapshot's ebpf domain took (all maps read and
//!     decoded, with N processes in them): wall time, and the CPU time of the calling
//!     thread (kernel time in bpf() included), which waiting for a busy CPU does not inflate
//! ```
//!
//! Prints `ready …` once attached. `object` attaches classic tracepoints through tracefs
//! (libbpf reads the ids there): the caller mounts it.

use std::io::Read as _;
use std::time::{Duration, Instant};

use libbpf_rs::{MapCore as _, ObjectBuilder};
use libprobe::ebpf::{EbpfHooks, EbpfTracers};
use libprobe::{DomainName, Domains, Options, Probe};

fn usage() -> ! {
    eprintln!("usage: ebpf_attach libprobe|object PATH|read-cost [options] (see the source)");
    std::process::exit(2);
}

fn wait_for_stdin_eof() {
    let mut sink = Vec::new();
    let _ = std::io::stdin().read_to_end(&mut sink);
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let flag = |name: &str| args.iter().position(|a| a == name).and_then(|i| args.get(i + 1)).cloned();
    match args.first().map(String::as_str) {
        Some("libprobe") => {
            let mut o = Options { domains: Domains::NONE.with(DomainName::Ebpf), ..Options::default() };
            let tracers = flag("--tracers").unwrap_or_else(|| "syscalls".into());
            o.ebpf.tracers = EbpfTracers::parse(&tracers).unwrap_or_else(|e| panic!("--tracers: {e}"));
            if let Some(h) = flag("--hooks") {
                o.ebpf.hooks = EbpfHooks::parse(&h).unwrap_or_else(|e| panic!("--hooks: {e}"));
            }
            o.ebpf.syscall_latency = !args.iter().any(|a| a == "--no-latency");
            if let Some(n) = flag("--max-open-events") {
                o.ebpf.max_open_events = n.parse().unwrap_or_else(|_| usage());
            }
            let interval = flag("--interval-ms").map(|n| Duration::from_millis(n.parse().unwrap_or_else(|_| usage())));
            let mut p = Probe::new(o);
            let s = p.snapshot();
            let e = s.ebpf.value().unwrap_or_else(|| panic!("not attached: {:?}", s.status(DomainName::Ebpf)));
            let t = &e.tracers[0];
            println!("ready libprobe {:?} {:?} {}", t.state, t.hook, t.events.join(","));
            // Open events read and dropped over every snapshot after the first.
            let (mut snapshots, mut opens, mut dropped) = (0u64, 0u64, 0u64);
            let mut count = |s: &libprobe::Snapshot| {
                snapshots += 1;
                if let Some(e) = s.ebpf.value() {
                    opens += e.file_opens.value().map_or(0, |v| v.len() as u64);
                    dropped += e.file_opens_dropped.value().copied().unwrap_or(0);
                }
            };
            match interval {
                None => wait_for_stdin_eof(),
                Some(every) => {
                    let (tx, rx) = std::sync::mpsc::channel::<()>();
                    std::thread::spawn(move || {
                        wait_for_stdin_eof();
                        let _ = tx.send(());
                    });
                    while let Err(std::sync::mpsc::RecvTimeoutError::Timeout) = rx.recv_timeout(every) {
                        count(&p.snapshot());
                    }
                }
            }
            let s = p.snapshot();
            count(&s);
            if let Some(e) = s.ebpf.value() {
                let getppid = e.syscall_counts.value().and_then(|m| m.get("getppid")).copied().unwrap_or(0);
                println!(
                    "{{\"getppid\":{getppid},\"snapshots\":{snapshots},\"file_opens\":{opens},\"file_opens_dropped\":{dropped}}}"
                );
            }
        }
        Some("object") => {
            let path = args.get(1).cloned().unwrap_or_else(|| usage());
            let hook = flag("--hook").unwrap_or_else(|| usage());
            let events: Vec<String> =
                flag("--events").unwrap_or_else(|| "sys_enter,sys_exit".into()).split(',').map(str::to_owned).collect();
            let prefix = match hook.as_str() {
                "tp_btf" => "tp_btf/",
                "raw_tp" => "raw_tp/",
                "tracepoint" => "tracepoint/raw_syscalls/",
                _ => usage(),
            };
            let wanted = |section: &str| section.strip_prefix(prefix).is_some_and(|ev| events.iter().any(|e| e == ev));
            let mut open = ObjectBuilder::default().open_file(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
            for mut prog in open.progs_mut() {
                let keep = wanted(&prog.section().to_string_lossy());
                prog.set_autoload(keep);
            }
            let obj = open.load().unwrap_or_else(|e| panic!("loading {path}: {e}"));
            let mut links = Vec::new();
            for prog in obj.progs_mut() {
                let section = prog.section().to_string_lossy().into_owned();
                if wanted(&section) {
                    links.push(prog.attach().unwrap_or_else(|e| panic!("attaching {section}: {e}")));
                }
            }
            println!("ready object {path} {hook} {} programs", links.len());
            wait_for_stdin_eof();
            // A syscount-style object keeps its counts in a hash keyed by syscall number.
            for m in obj.maps() {
                if m.name() == "counts" {
                    let key = 110u32.to_ne_bytes(); // x86-64 getppid, for the report only
                    if let Ok(Some(v)) = m.lookup(&key, libbpf_rs::MapFlags::ANY) {
                        let n = u64::from_ne_bytes(v[..8].try_into().unwrap());
                        println!("{{\"getppid\":{n}}}");
                    }
                }
            }
            drop(links);
        }
        Some("stats") => {
            // SAFETY: no pointers; returns an fd that keeps the statistics on while open.
            let fd = unsafe { libbpf_rs::libbpf_sys::bpf_enable_stats(libbpf_rs::libbpf_sys::BPF_STATS_RUN_TIME) };
            if fd < 0 {
                eprintln!("BPF_ENABLE_STATS: {}", std::io::Error::last_os_error());
                std::process::exit(1);
            }
            println!("ready stats");
            wait_for_stdin_eof();
            // SAFETY: our own fd.
            unsafe { libc::close(fd) };
        }
        Some("read-cost") => {
            let procs: usize = flag("--procs").map_or(10_000, |n| n.parse().unwrap_or_else(|_| usage()));
            let snapshots: usize = flag("--snapshots").map_or(5, |n| n.parse().unwrap_or_else(|_| usage()));
            let top: u32 = flag("--top").map_or(50, |n| n.parse().unwrap_or_else(|_| usage()));
            read_cost(procs, snapshots, top);
        }
        _ => usage(),
    }
}

/// Children that wake once a second and make one syscall, until their parent dies.
fn spawn_wakers(n: usize) -> Vec<i32> {
    let mut pids = Vec::with_capacity(n);
    for _ in 0..n {
        // SAFETY: the child makes raw syscalls only, then _exits; no allocation after fork.
        let pid = unsafe { libc::fork() };
        if pid == 0 {
            // SAFETY: raw syscalls with valid arguments.
            unsafe {
                libc::prctl(libc::PR_SET_PDEATHSIG, libc::SIGKILL);
                let ts = libc::timespec { tv_sec: 1, tv_nsec: 0 };
                for _ in 0..600 {
                    libc::nanosleep(&ts, std::ptr::null_mut());
                    libc::syscall(libc::SYS_getppid);
                }
                libc::_exit(0);
            }
        }
        if pid < 0 {
            eprintln!("fork failed after {} children: {}", pids.len(), std::io::Error::last_os_error());
            break;
        }
        pids.push(pid);
    }
    pids
}

/// `top`: rows of each per-process table (50 by default, as the option's default;
/// 1 000 000 puts every process into the records).
fn read_cost(procs: usize, snapshots: usize, top: u32) {
    let mut o = Options { domains: Domains::NONE.with(DomainName::Ebpf), ..Options::default() };
    o.ebpf.top_processes = top;
    // The wakers first: a child forked after attach would hold the programs' fds too.
    let t0 = Instant::now();
    let pids = spawn_wakers(procs);
    eprintln!("{} wakers started in {:.1} s", pids.len(), t0.elapsed().as_secs_f64());
    let mut p = Probe::new(o);
    let first = p.snapshot();
    assert!(first.ebpf.is_value(), "{:?}", first.status(DomainName::Ebpf));
    std::thread::sleep(Duration::from_secs(3));
    let _ = p.snapshot(); // the interval in which every waker first showed up
    let thread_cpu_ns = || {
        let mut ts = libc::timespec { tv_sec: 0, tv_nsec: 0 };
        // SAFETY: a valid timespec.
        unsafe { libc::clock_gettime(libc::CLOCK_THREAD_CPUTIME_ID, &mut ts) };
        ts.tv_sec as u64 * 1_000_000_000 + ts.tv_nsec as u64
    };
    let mut rows = Vec::new();
    for _ in 0..snapshots {
        std::thread::sleep(Duration::from_secs(1));
        let c0 = thread_cpu_ns();
        let s = p.snapshot();
        let cpu = thread_cpu_ns() - c0;
        let st = s.status(DomainName::Ebpf).unwrap();
        let e = s.ebpf.value().unwrap();
        let n = |v: Option<usize>| v.unwrap_or(0);
        rows.push(format!(
            "{{\"domain_ns\":{},\"cpu_ns\":{cpu},\"syscall_processes\":{},\"offcpu_processes\":{},\"dropped\":{}}}",
            st.duration_ns,
            n(e.syscalls_by_process.value().map(Vec::len)),
            n(e.cpu_off_time.value().map(Vec::len)),
            e.tracers.iter().filter_map(|t| t.dropped.get()).sum::<u64>()
        ));
    }
    for pid in &pids {
        // SAFETY: our own children.
        unsafe { libc::kill(*pid, libc::SIGKILL) };
    }
    for pid in &pids {
        // SAFETY: reaping our own children.
        unsafe { libc::waitpid(*pid, std::ptr::null_mut(), 0) };
    }
    println!("{{\"procs\":{},\"snapshots\":[{}]}}", pids.len(), rows.join(","));
}
