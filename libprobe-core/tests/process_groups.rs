//! The process field groups (`process.status`, `process.io`, … `process.cgroup`): a group
//! left out leaves its fields `disabled` and changes nothing else of the record.
#![cfg(linux_kernel)]

use std::path::Path;

use libprobe::process::ProcessFull;
use libprobe::{DomainName, Domains, Field, Options, Probe, ProcessOptions, Reason, Source};

fn processes(process: ProcessOptions) -> Vec<ProcessFull> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/fixtures/linux-6.18-vm/t0");
    let options = Options {
        source: Source::rooted_at(&root),
        domains: Domains::NONE.with(DomainName::System).with(DomainName::Process),
        process,
        ..Options::default()
    };
    let snap = Probe::new(options).snapshot();
    snap.processes().to_vec()
}

fn disabled<T>(f: &Field<T>) -> bool {
    matches!(f, Field::Missing(Reason::Disabled))
}

#[test]
fn a_table_reads_stat_and_only_the_groups_it_asks_for() {
    let full = processes(ProcessOptions::default());
    let table = processes(ProcessOptions::table(true, false));
    let bare = processes(ProcessOptions::table(false, false));
    assert!(full.len() >= 4, "the fixture has processes");
    assert_eq!(full.iter().map(|p| p.pid).collect::<Vec<_>>(), table.iter().map(|p| p.pid).collect::<Vec<_>>());
    assert_eq!(full.len(), bare.len());
    for ((f, t), b) in full.iter().zip(&table).zip(&bare) {
        // `stat` is always read: the same values.
        for p in [t, b] {
            assert_eq!(
                (p.name.as_bytes(), p.ppid, p.state_char, p.num_threads),
                (f.name.as_bytes(), f.ppid, f.state_char, f.num_threads)
            );
            assert_eq!(
                (p.cpu_user_ticks, p.memory_rss, p.memory_vms, p.start_time),
                (f.cpu_user_ticks, f.memory_rss, f.memory_vms, f.start_time)
            );
            assert_eq!(p.memory_percent, f.memory_percent);
            // Every group but `status` is off.
            assert!(disabled(&p.io_read_bytes) && disabled(&p.io_write_chars), "pid {}", p.pid);
            assert!(disabled(&p.cmdline) && disabled(&p.exe) && disabled(&p.exe_deleted), "pid {}", p.pid);
            assert!(disabled(&p.cwd) && disabled(&p.root) && disabled(&p.limits), "pid {}", p.pid);
            assert!(disabled(&p.oom_score) && disabled(&p.oom_score_adj) && disabled(&p.num_fds), "pid {}", p.pid);
            assert!(disabled(&p.delay.cpu_run_time_ns) && disabled(&p.ns_pid) && disabled(&p.ns_uts), "pid {}", p.pid);
            assert!(
                disabled(&p.cgroup_path) && disabled(&p.cgroup_limits) && disabled(&p.cpu_time_limit),
                "pid {}",
                p.pid
            );
        }
        // `status` as asked.
        assert_eq!(
            (t.uid_effective, t.memory_swap, t.voluntary_ctx_switches),
            (f.uid_effective, f.memory_swap, f.voluntary_ctx_switches)
        );
        assert!(disabled(&b.uid_effective) && disabled(&b.memory_swap) && disabled(&b.groups), "pid {}", b.pid);
        // The full read had them.
        assert!(!disabled(&f.io_read_bytes) && !disabled(&f.ns_pid) && !disabled(&f.cgroup_path), "pid {}", f.pid);
    }
    // `io` alone.
    let io = processes(ProcessOptions { io: true, ..ProcessOptions::table(false, false) });
    for (f, i) in full.iter().zip(&io) {
        assert_eq!((i.io_read_bytes, i.io_write_bytes), (f.io_read_bytes, f.io_write_bytes));
    }
}
