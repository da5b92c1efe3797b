//! The procfs crate (0.18.0) reading the process table's `stat` fields alone: list
//! `/proc` (`all_processes`), then `Process::stat()` per process (it opens `/proc/<pid>`,
//! then reads and parses `stat`). The peer beside libprobe's stat-only table in
//! `bench/run_procs_stat.py`.
//!
//! As in libprobe, a process whose `stat` cannot be read (it exited) is not a row.
//!
//! usage: procfs_procs_stat [--repeat N]

use libprobe_bench::{Args, Tally, report, run};
use procfs::process::all_processes;

fn collect() -> Tally {
    let mut t = Tally::default();
    let Ok(iter) = all_processes() else {
        eprintln!("procfs_procs_stat: cannot list /proc");
        std::process::exit(1);
    };
    for p in iter.flatten() {
        if let Ok(s) = p.stat() {
            t.add_procfs_stat(&s);
        }
    }
    t
}

fn main() {
    let args = Args::from_env();
    let (times, t) = run(args, collect);
    println!("{}", report("procfs_stat", &times, t, &[]));
}
