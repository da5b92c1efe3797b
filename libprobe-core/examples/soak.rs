//! Soak: snapshots back to back for a long time under heavy process churn, and the
//! probe's own memory, descriptors and threads must stay flat (`make soak`: an hour).
//!
//! ```text
//! soak [--seconds N] [--forks-per-sec R] [--report-every S] [--warmup S]
//! ```
//!
//! A helper process (this program re-run with `--forker R`) forks and reaps R children a
//! second; the achieved rate is measured from `/proc/stat`'s `processes` (machine-wide,
//! so other work on the machine counts too). The main
//! process takes default snapshots (every default domain) in a loop. After the warm-up,
//! its RSS, open descriptors, threads and C heap (bytes in use, and held by the allocator,
//! where glibc says) are sampled every `--report-every` seconds. It fails (exit 1) when,
//! from the first sample after warm-up to the last, RSS grew by more than 10 % + 4 MiB,
//! the heap in use by more than 10 % + 1 MiB, descriptors by more than 2, or threads at
//! all, or when the achieved fork rate fell below 90 % of the asked one. RSS also holds
//! what the allocator keeps free after a burst (in the held column); the heap in use is
//! what the probe's own data takes.

use std::time::{Duration, Instant};

use libprobe::{DomainState, Probe};

fn arg(args: &[String], name: &str, default: f64) -> f64 {
    args.iter().position(|a| a == name).and_then(|i| args.get(i + 1)).and_then(|v| v.parse().ok()).unwrap_or(default)
}

/// Forks and reaps `rate` children a second until killed.
fn forker(rate: f64) -> ! {
    let period = Duration::from_secs_f64(1.0 / rate.max(1.0));
    let start = Instant::now();
    let mut n: u64 = 0;
    loop {
        // SAFETY: fork has no preconditions; the child only calls _exit.
        let pid = unsafe { libc::fork() };
        if pid == 0 {
            // SAFETY: _exit ends the child at once, touching nothing of the parent's.
            unsafe { libc::_exit(0) };
        }
        if pid > 0 {
            let mut status = 0;
            // SAFETY: `status` is writable; `pid` is our child.
            unsafe { libc::waitpid(pid, &mut status, 0) };
        }
        n += 1;
        let due = start + period.mul_f64(n as f64);
        if let Some(wait) = due.checked_duration_since(Instant::now()) {
            std::thread::sleep(wait);
        }
    }
}

/// Processes and threads created since boot (`processes` of `/proc/stat`).
fn forks_since_boot() -> u64 {
    let stat = std::fs::read_to_string("/proc/stat").unwrap_or_default();
    stat.lines().find_map(|l| l.strip_prefix("processes ")).and_then(|v| v.trim().parse().ok()).unwrap_or(0)
}

/// What the soak watches of this process.
#[derive(Clone, Copy, Default)]
struct Usage {
    rss: u64,
    fds: usize,
    threads: usize,
    /// Bytes of the C heap in use and held by the allocator, every arena and mmapped
    /// block counted (glibc's `mallinfo2`; `None` elsewhere).
    heap: Option<(u64, u64)>,
}

fn heap() -> Option<(u64, u64)> {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    {
        // SAFETY: mallinfo2 has no preconditions; it only reads the allocator's counters.
        let m = unsafe { libc::mallinfo2() };
        Some(((m.uordblks + m.hblkhd) as u64, (m.arena + m.hblkhd) as u64))
    }
    #[cfg(not(all(target_os = "linux", target_env = "gnu")))]
    None
}

fn own_usage() -> Usage {
    let statm = std::fs::read_to_string("/proc/self/statm").unwrap_or_default();
    // SAFETY: sysconf has no preconditions.
    let page = unsafe { libc::sysconf(libc::_SC_PAGESIZE) } as u64;
    let rss = statm.split_whitespace().nth(1).and_then(|v| v.parse::<u64>().ok()).unwrap_or(0) * page;
    let fds = std::fs::read_dir("/proc/self/fd").map(|d| d.count()).unwrap_or(0);
    let threads = std::fs::read_dir("/proc/self/task").map(|d| d.count()).unwrap_or(0);
    Usage { rss, fds, threads, heap: heap() }
}

/// KiB, or `-` when not measured.
fn kib(bytes: Option<u64>) -> String {
    bytes.map_or_else(|| "-".into(), |b| (b / 1024).to_string())
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    if let Some(i) = args.iter().position(|a| a == "--forker") {
        forker(args.get(i + 1).and_then(|v| v.parse().ok()).unwrap_or(500.0));
    }
    let seconds = arg(&args, "--seconds", 3600.0);
    let rate = arg(&args, "--forks-per-sec", 600.0);
    let every = arg(&args, "--report-every", 60.0).max(1.0);
    let warmup = arg(&args, "--warmup", 30.0).min(seconds / 4.0);
    let mut child =
        std::process::Command::new(&args[0]).arg("--forker").arg(rate.to_string()).spawn().expect("start the forker");
    let mut probe = Probe::default();
    let t0 = Instant::now();
    let forks0 = forks_since_boot();
    let (mut snapshots, mut failed, mut warnings) = (0u64, 0u64, 0u64);
    let (mut first, mut last, mut peak_rss) = (None, Usage::default(), 0u64);
    let mut next_report = Duration::from_secs_f64(warmup);
    println!("soak: {seconds} s of default snapshots, {rate} forks/s asked, samples every {every} s after {warmup} s");
    println!(
        "{:>8} {:>10} {:>9} {:>10} {:>5} {:>7} {:>10} {:>10}",
        "seconds", "snapshots", "forks/s", "rss KiB", "fds", "threads", "heap KiB", "held KiB"
    );
    while t0.elapsed() < Duration::from_secs_f64(seconds) {
        let s = probe.snapshot();
        snapshots += 1;
        for d in &s.domains {
            failed += u64::from(d.state == DomainState::Failed);
            warnings += d.warnings.len() as u64 + u64::from(d.warnings_dropped);
        }
        drop(s);
        if t0.elapsed() >= next_report {
            let u = own_usage();
            peak_rss = peak_rss.max(u.rss);
            first.get_or_insert(u);
            last = u;
            let secs = t0.elapsed().as_secs_f64();
            let forks = (forks_since_boot() - forks0) as f64 / secs;
            println!(
                "{secs:>8.0} {snapshots:>10} {forks:>9.0} {:>10} {:>5} {:>7} {:>10} {:>10}",
                u.rss / 1024,
                u.fds,
                u.threads,
                kib(u.heap.map(|h| h.0)),
                kib(u.heap.map(|h| h.1)),
            );
            next_report += Duration::from_secs_f64(every);
        }
    }
    let secs = t0.elapsed().as_secs_f64();
    let forks = (forks_since_boot() - forks0) as f64 / secs;
    let _ = child.kill();
    let _ = child.wait();
    let first = first.unwrap_or(last);
    println!(
        "soak: {snapshots} snapshots in {secs:.0} s ({:.1}/s) under {forks:.0} forks/s; {failed} domain failures, {warnings} warnings",
        snapshots as f64 / secs
    );
    println!(
        "soak: after warm-up RSS {} -> {} KiB (peak {}), heap in use {} -> {} KiB, fds {} -> {}, threads {} -> {}",
        first.rss / 1024,
        last.rss / 1024,
        peak_rss / 1024,
        kib(first.heap.map(|h| h.0)),
        kib(last.heap.map(|h| h.0)),
        first.fds,
        last.fds,
        first.threads,
        last.threads
    );
    let mut problems = Vec::new();
    if last.rss > first.rss + first.rss / 10 + (4 << 20) {
        problems.push("RSS grew");
    }
    if let (Some((first_used, _)), Some((last_used, _))) = (first.heap, last.heap)
        && last_used > first_used + first_used / 10 + (1 << 20)
    {
        problems.push("heap in use grew");
    }
    if last.fds > first.fds + 2 {
        problems.push("descriptors grew");
    }
    if last.threads > first.threads {
        problems.push("threads grew");
    }
    if forks < rate * 0.9 {
        problems.push("the fork rate was not reached");
    }
    if failed > 0 {
        problems.push("a domain failed");
    }
    if problems.is_empty() {
        println!("soak: flat");
    } else {
        println!("soak: FAILED: {}", problems.join(", "));
        std::process::exit(1);
    }
}
