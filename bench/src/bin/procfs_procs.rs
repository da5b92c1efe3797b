//! The procfs crate (0.18.0) doing the reads libprobe's process collector does, per process:
//!
//! | libprobe reads          | here                                                       |
//! |-------------------------|------------------------------------------------------------|
//! | `stat`                  | `Process::stat()`                                          |
//! | `status`                | `Process::status()`                                        |
//! | `io`                    | `Process::io()`                                            |
//! | `cmdline`               | `Process::cmdline()`                                       |
//! | `exe` link (+ `stat`)   | `Process::exe()`; for a path ending in " (deleted)", `std::fs::metadata("/proc/<pid>/exe")` for the link count, as libprobe (procfs has no call for it) |
//! | `cwd`, `root` links     | `Process::cwd()`, `Process::root()`                        |
//! | `limits`                | `Process::limits()`                                        |
//! | `oom_score(_adj)`       | `Process::oom_score()`, `Process::oom_score_adj()`         |
//! | `schedstat`             | `Process::schedstat()`                                     |
//! | `fd` entry count        | `Process::fd_count()` (the size of `fd/` on Linux 6.2+, as libprobe) |
//! | the ten `ns/*` links    | `Process::namespaces()` (stats every entry of `ns/`)       |
//! | `cgroup`                | `Process::cgroups()`                                       |
//!
//! As in libprobe, a process whose `stat` cannot be read (it exited) is not a row.
//!
//! usage: procfs_procs [--repeat N]

use libprobe_bench::{Args, Tally, report, run};
use procfs::process::{LimitValue, Process, all_processes};

fn limit(v: LimitValue) -> u64 {
    match v {
        LimitValue::Unlimited => u64::MAX,
        LimitValue::Value(v) => v,
    }
}

fn one(p: &Process, t: &mut Tally) {
    let Ok(s) = p.stat() else { return };
    t.add_procfs_stat(&s);
    t.take(p.status(), |t, st| {
        t.add(u64::from(st.ruid));
        t.add(st.voluntary_ctxt_switches.unwrap_or(0));
        t.add(st.vmhwm.unwrap_or(0));
    });
    t.take(p.io(), |t, io| t.add(io.rchar));
    t.take(p.cmdline(), |t, c| t.add(c.iter().map(|a| a.len() as u64).sum()));
    t.take(p.exe(), |t, e| {
        let path = e.as_os_str().as_encoded_bytes();
        t.add_bytes(path);
        // libprobe's `exe_deleted`: the executable's link count, for a " (deleted)" path.
        if path.ends_with(b" (deleted)") {
            let md = std::fs::metadata(format!("/proc/{}/exe", p.pid));
            t.take(md, |t, md| t.add(std::os::unix::fs::MetadataExt::nlink(&md)));
        }
    });
    t.take(p.cwd(), |t, e| t.add_bytes(e.as_os_str().as_encoded_bytes()));
    t.take(p.root(), |t, e| t.add_bytes(e.as_os_str().as_encoded_bytes()));
    t.take(p.limits(), |t, l| t.add(limit(l.max_open_files.soft_limit)));
    t.take(p.oom_score(), |t, v| t.add(u64::from(v)));
    t.take(p.oom_score_adj(), |t, v| t.add(v as u64));
    t.take(p.schedstat(), |t, s| t.add(s.sum_exec_runtime));
    t.take(p.fd_count(), |t, n| t.add(n as u64));
    t.take(p.namespaces(), |t, ns| {
        for n in ns.0.values() {
            t.add(n.identifier);
        }
    });
    t.take(p.cgroups(), |t, cg| {
        for c in &cg.0 {
            t.add_bytes(c.pathname.as_bytes());
        }
    });
}

fn collect() -> Tally {
    let mut t = Tally::default();
    let Ok(iter) = all_processes() else {
        eprintln!("procfs_procs: cannot list /proc");
        std::process::exit(1);
    };
    for p in iter {
        match p {
            Ok(p) => one(&p, &mut t),
            // Exited between listing and opening: not a row, as in libprobe.
            Err(_) => continue,
        }
    }
    t
}

fn main() {
    let args = Args::from_env();
    let (times, t) = run(args, collect);
    println!("{}", report("procfs", &times, t, &[]));
}
