//! libprobe: the process table's `stat` fields only (`ProcessOptions::table(false,
//! false)`: ids, name, state, threads, CPU, RSS), through the path that
//! `LIBPROBE_BENCH_VIA` names: `proc` (`/proc/<pid>/stat`, the default) or `bpf` (the
//! `iter/task` iterator, loaded by the first collection and kept).
//!
//! usage: libprobe_procs_stat [--repeat N]     (LIBPROBE_BENCH_THREADS=N: N process readers;
//! default: the automatic choice, one reader for a stat-only table from the iterator)

use libprobe::process::{StatFrom, Via};
use libprobe::{DomainName, Domains, Options, Probe, ProcessOptions};
use libprobe_bench::{Args, Tally, report, run};

fn main() {
    let args = Args::from_env();
    let via = match std::env::var("LIBPROBE_BENCH_VIA").as_deref() {
        Ok("bpf") => Via::Bpf,
        _ => Via::Proc,
    };
    let mut process = ProcessOptions { via, ..ProcessOptions::table(false, false) };
    if let Some(n) = std::env::var("LIBPROBE_BENCH_THREADS").ok().and_then(|v| v.parse().ok()) {
        process.threads = n;
    }
    let mut probe =
        Probe::new(Options { domains: Domains::NONE.with(DomainName::Process), process, ..Options::default() });
    let mut from_iter = 0u64;
    let (times, tally) = run(args, || {
        let snap = probe.snapshot();
        let mut t = Tally::default();
        from_iter = 0;
        for p in snap.processes() {
            t.rows += 1;
            t.add(p.pid as u64);
            t.add(p.ppid.get().unwrap_or(0) as u64);
            t.add(p.cpu_user_ticks.get().unwrap_or(0).wrapping_add(p.cpu_system_ticks.get().unwrap_or(0)));
            t.add(p.memory_rss.get().unwrap_or(0));
            t.add(p.start_time);
            t.add_bytes(p.name.as_bytes());
            from_iter += u64::from(p.stat_from == StatFrom::BpfIter);
        }
        t
    });
    let tool = if via == Via::Bpf { "libprobe_stat_bpf" } else { "libprobe_stat_proc" };
    println!("{}", report(tool, &times, tally, &[("from_iterator", from_iter.to_string())]));
}
