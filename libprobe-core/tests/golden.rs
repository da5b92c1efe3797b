//! Golden tests: the whole probe on each fixture tree of `tests/fixtures/<scenario>/`,
//! rendered as pretty JSON and compared with `tests/fixtures/<scenario>.json`.
//!
//! `LIBPROBE_BLESS=1 cargo test -p libprobe-core --test golden` rewrites the golden files;
//! review their diff like code. A rate scenario has `t0/` and `t1/` trees: one `Probe`
//! takes a snapshot of each (the tree is swapped under it), and the golden file is the
//! second, so rates have values. Paths in warnings and errors name the fixture tree as
//! `<fixture>`, so the golden files hold no path of the machine that blessed them.
//!
//! Each scenario's `FIXTURE.md` says what it holds and proves; the assertions below check
//! the point of each scenario directly, so a careless bless cannot lose it.

use std::path::{Path, PathBuf};

use libprobe::process::{FileType, ProcessFull, ProcessState};
use libprobe::{DomainName, DomainState, Domains, Field, Options, Probe, ProcessOptions, Reason, Snapshot, Source};

/// Every scenario under `tests/fixtures/`.
const SCENARIOS: [&str; 5] = ["linux-6.18-vm", "adversarial-names", "old-kernel-4.19", "cgroup-v2-container", "broken"];

fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/fixtures")
}

fn options(source: Source) -> Options {
    Options {
        source,
        domains: Domains::default_set(),
        // taskstats included: a fixture tree has no kernel to ask, so it must say
        // `not_supported` rather than report this machine's processes.
        process: ProcessOptions { environ: true, ..ProcessOptions::everything() },
    }
}

/// The snapshot a golden file holds: of the tree, or of `t1/` after `t0/` for a rate
/// scenario; and its JSON, with the tree's path as `<fixture>`.
fn collect(scenario: &str) -> (Snapshot, String) {
    let dir = fixtures().join(scenario);
    if !dir.join("t0").is_dir() {
        let snapshot = Probe::new(options(Source::rooted_at(&dir))).snapshot();
        let json = anonymous(&snapshot, &dir);
        return (snapshot, json);
    }
    // One Probe reads `<tmp>/root`, a link moved from t0 to t1 between its two snapshots.
    let tmp = std::env::temp_dir().join(format!("libprobe-golden-{scenario}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&tmp);
    std::fs::create_dir_all(&tmp).unwrap();
    let root = tmp.join("root");
    let dir = dir.canonicalize().unwrap();
    std::os::unix::fs::symlink(dir.join("t0"), &root).unwrap();
    let mut probe = Probe::new(options(Source::rooted_at(&root)));
    let first = probe.snapshot();
    std::os::unix::fs::symlink(dir.join("t1"), tmp.join("next")).unwrap();
    std::fs::rename(tmp.join("next"), &root).unwrap();
    let second = probe.snapshot();
    std::fs::remove_dir_all(&tmp).unwrap();
    assert_eq!(first.processes().len(), second.processes().len(), "{scenario}: t0 and t1 hold the same processes");
    let json = anonymous(&second, &root);
    (second, json)
}

fn anonymous(snapshot: &Snapshot, root: &Path) -> String {
    snapshot.to_json_pretty().replace(root.to_str().unwrap(), "<fixture>")
}

/// Compares `actual` with the golden file, or rewrites it under `LIBPROBE_BLESS=1`.
fn golden(scenario: &str, actual: &str) {
    let path = fixtures().join(format!("{scenario}.json"));
    if std::env::var_os("LIBPROBE_BLESS").is_some_and(|v| v == "1") {
        std::fs::write(&path, actual).unwrap();
        return;
    }
    let expected = std::fs::read_to_string(&path)
        .unwrap_or_else(|e| panic!("{}: {e}; run with LIBPROBE_BLESS=1 to create it", path.display()));
    if actual == expected {
        return;
    }
    let (a, e): (Vec<_>, Vec<_>) = (actual.lines().collect(), expected.lines().collect());
    let first = a.iter().zip(&e).position(|(x, y)| x != y).unwrap_or(a.len().min(e.len()));
    let context = |v: &[&str]| v[first.saturating_sub(3)..(first + 4).min(v.len())].join("\n");
    let saved = std::env::temp_dir().join(format!("{scenario}.actual.json"));
    std::fs::write(&saved, actual).unwrap();
    panic!(
        "{scenario}: snapshot differs from {} at line {} (whole snapshot in {}; LIBPROBE_BLESS=1 rewrites)\n\
         --- expected\n{}\n+++ actual\n{}",
        path.display(),
        first + 1,
        saved.display(),
        context(&e),
        context(&a),
    );
}

fn run(scenario: &str) -> Snapshot {
    let (snapshot, json) = collect(scenario);
    golden(scenario, &json);
    snapshot
}

fn process(s: &Snapshot, pid: i32) -> &ProcessFull {
    s.process(pid).unwrap_or_else(|| panic!("pid {pid} is in the snapshot"))
}

fn status(s: &Snapshot, d: DomainName) -> &libprobe::DomainStatus {
    s.status(d).unwrap()
}

#[test]
fn linux_6_18_vm() {
    let s = run("linux-6.18-vm");
    assert_eq!(status(&s, DomainName::Process).state, DomainState::Collected);
    assert!(status(&s, DomainName::Process).warnings.is_empty(), "{:?}", status(&s, DomainName::Process).warnings);
    let procs = s.processes();
    assert_eq!(procs.len(), 4);
    let kthreadd = process(&s, 2);
    assert!(kthreadd.is_kernel_thread);
    assert_eq!(kthreadd.exe.reason(), Some(Reason::KernelThread));
    // The second snapshot has a previous one: every process has a CPU share, and the
    // helper that spins a quarter of the time shows it.
    assert!(procs.iter().all(|p| p.cpu_percent.is_value()));
    assert!(s.system.value().unwrap().cpu_percent.is_value());
    let python = procs.iter().find(|p| p.name == "python3").unwrap();
    let busy = python.cpu_percent.get().unwrap();
    assert!((5.0..60.0).contains(&busy), "python3 cpu_percent {busy}");
    let sockets = python.open_sockets.value().unwrap();
    assert_eq!(sockets.len(), 3);
    let files = python.open_files.value().unwrap();
    let deleted: Vec<_> = files.iter().filter(|f| f.deleted == Field::Value(true)).collect();
    assert_eq!(deleted.len(), 1, "one deleted file");
    assert!(deleted[0].path.as_bytes().ends_with(b" (deleted)"));
    assert!(files.iter().any(|f| f.file_type == Field::Value(FileType::Pipe)));
    assert!(files.iter().any(|f| f.position == Field::Value(12345)));
}

#[test]
fn adversarial_names() {
    let s = run("adversarial-names");
    let w = &status(&s, DomainName::Process).warnings;
    assert!(w.is_empty(), "{w:?}");
    assert_eq!(process(&s, 584).name.as_bytes(), b"(a b ) ( c d) ");
    assert_eq!(process(&s, 585).name.as_bytes(), b"new\nline");
    assert_eq!(process(&s, 586).name.as_bytes(), b"\x1b[31mred\x1b[0m");
    assert_eq!(process(&s, 587).name.as_bytes(), b"bad\xff\xfeutf8");
    assert_eq!(process(&s, 588).cmdline, Field::Value(vec![]));
    let long = process(&s, 589).cmdline.value().unwrap();
    assert_eq!(long.iter().map(|a| a.len() + 1).sum::<usize>(), 1 << 20);
    let no_nul = process(&s, 590).cmdline.value().unwrap();
    assert_eq!(no_nul.len(), 1);
    assert_eq!(no_nul[0], "nginx: worker process");
    let env = process(&s, 587).environ.value().unwrap();
    assert_eq!(env.get(&libprobe::ByteStr::from("NOEQUALS")), Some(&libprobe::ByteStr::default()));
    assert_eq!(process(&s, 591).exe_deleted, Field::Value(true));
    assert_eq!(process(&s, 592).exe_deleted, Field::Value(false), "a real name ending in ` (deleted)`");
    let zombie = process(&s, 593);
    assert_eq!(zombie.state, ProcessState::Zombie);
    assert_eq!(zombie.cmdline.reason(), Some(Reason::Zombie));
    assert_eq!(zombie.exe.reason(), Some(Reason::Zombie));
    assert_eq!(zombie.memory_text.reason(), Some(Reason::Zombie));
    let kthread = process(&s, 594);
    assert!(kthread.is_kernel_thread);
    assert_eq!(kthread.exe.reason(), Some(Reason::KernelThread));
    assert_eq!(kthread.memory_text.reason(), Some(Reason::KernelThread));
    assert_eq!(kthread.cmdline, Field::Value(vec![]));
}

#[test]
fn old_kernel_4_19() {
    let s = run("old-kernel-4.19");
    let w = &status(&s, DomainName::Process).warnings;
    assert!(w.is_empty(), "{w:?}");
    assert_eq!(s.processes().len(), 3);
    // (A kernel thread's missing lines read `kernel_thread` even where no process of this
    // kernel has them: the collector ranks that reason first.)
    for p in s.processes().iter().filter(|p| !p.is_kernel_thread) {
        assert_eq!(p.ns_time.reason(), Some(Reason::NotSupported), "pid {}", p.pid);
        assert_eq!(p.seccomp_filters.reason(), Some(Reason::NotSupported), "pid {}", p.pid);
        assert_eq!(p.memory_pss_anon.reason(), Some(Reason::NotSupported), "pid {}", p.pid);
        assert!(p.memory_pss.is_value() && p.ns_net.is_value(), "pid {}", p.pid);
        let files = p.open_files.value().unwrap();
        assert!(files.iter().all(|f| f.mount_id.is_value() && f.inode.is_value()), "pid {}", p.pid);
    }
    let system = s.system.value().unwrap();
    assert!(system.pressure.cpu.reason() == Some(Reason::NotSupported));
}

#[test]
fn cgroup_v2_container() {
    let s = run("cgroup-v2-container");
    let w = &status(&s, DomainName::Process).warnings;
    assert!(w.is_empty(), "{w:?}");
    let app = process(&s, 4242);
    assert_eq!(app.cgroup_path, Field::Value("/a/b".into()));
    let l = app.cgroup_limits.value().unwrap();
    assert_eq!(l.version, 2);
    // cpu.max is `max 100000` at b but `50000 100000` at a: the parent binds.
    assert_eq!((l.cpu_max_quota_us, l.cpu_max_period_us), (Field::Value(50_000), Field::Value(100_000)));
    assert_eq!(app.cpu_time_limit, Field::Value(50_000));
    assert_eq!(l.memory_max, Field::Value(1 << 30));
    assert_eq!(l.memory_high, Field::Value(768 << 20));
    assert_eq!(l.pids_max, Field::Value(100));
    let io = l.io_max.value().unwrap();
    let sda = io.iter().find(|d| d.device == "8:0").unwrap();
    assert_eq!((sda.rbps, sda.wbps, sda.riops, sda.wiops), (10 << 20, 1 << 20, u64::MAX, 500));
    let dm = io.iter().find(|d| d.device == "253:0").unwrap();
    assert_eq!((dm.rbps, dm.wbps, dm.riops, dm.wiops), (u64::MAX, 5 << 20, 1000, u64::MAX));
    assert!(l.cpu_pressure.is_value() && l.irq_pressure.is_value());
}

#[test]
fn broken() {
    let s = run("broken");
    let procs = status(&s, DomainName::Process);
    assert_eq!(procs.state, DomainState::Collected);
    let warned = |file: &str| procs.warnings.iter().any(|w| w.contains(file));
    // A process whose stat is truncated cannot be identified: it is left out, with a warning.
    assert!(s.process(10).is_none());
    assert!(warned("/proc/10/stat"), "{:?}", procs.warnings);
    assert_eq!(process(&s, 11).uid_real.reason(), Some(Reason::Error));
    assert!(warned("/proc/11/status"));
    assert_eq!(process(&s, 12).limits.reason(), Some(Reason::Error));
    assert!(warned("/proc/12/limits"));
    assert_eq!(process(&s, 13).io_read_bytes.reason(), Some(Reason::Error));
    assert!(warned("/proc/13/io"));
    let rest = process(&s, 14);
    for (reason, file) in [
        (rest.memory_pss.reason(), "/proc/14/smaps_rollup"),
        (rest.maps.reason(), "/proc/14/maps"),
        (rest.delay.cpu_run_time_ns.reason(), "/proc/14/schedstat"),
        (rest.oom_score.reason(), "/proc/14/oom_score"),
        (rest.ns_net.reason(), "/proc/14/ns/net"),
        (rest.cgroup_path.reason(), "cgroup"),
    ] {
        assert_eq!(reason, Some(Reason::Error), "{file}");
        assert!(warned(file), "{file}: {:?}", procs.warnings);
    }
    let fdinfo = &rest.open_files.value().unwrap()[1];
    assert_eq!((fdinfo.fd, fdinfo.flags.reason()), (1, Some(Reason::Error)));
    assert!(warned("/proc/14/fdinfo/1"));
    assert!(s.process(15).is_none() && warned("/proc/15/stat"));
    assert_eq!(process(&s, 16).memory_rss_peak.reason(), Some(Reason::Error));
    let huge = process(&s, 17);
    assert_eq!((huge.memory_shared, huge.memory_data), (Field::Value(u64::MAX), Field::Value(u64::MAX)));
    assert_eq!((huge.memory_uss, huge.memory_dirty), (Field::Value(u64::MAX), Field::Value(u64::MAX)));
    assert_eq!(huge.cpu_user_ticks, u64::MAX);
    // What did parse is kept beside what did not.
    assert!(process(&s, 13).limits.is_value());
    assert!(process(&s, 11).io_read_bytes.is_value());
    assert!(rest.uid_real.is_value() && rest.io_read_bytes.is_value() && rest.limits.is_value());

    let system = status(&s, DomainName::System);
    assert_eq!(system.state, DomainState::Collected);
    let sys = s.system.value().unwrap();
    assert_eq!(sys.memory.reason(), Some(Reason::Error));
    assert!(system.warnings.iter().any(|w| w.contains("/proc/meminfo")), "{:?}", system.warnings);
    assert!(sys.pressure.cpu.is_value());
    // One CPU's broken line costs that CPU's times, not the machine's.
    assert_eq!(sys.cpus[1].times.reason(), Some(Reason::Error));
    assert!(sys.cpus[0].times.is_value() && sys.boot_time > 0);
    assert_eq!(sys.pressure.io.reason(), Some(Reason::Error));
}

/// Each directory under `tests/fixtures/` is a scenario tested above, with its notes and
/// golden file.
#[test]
fn every_fixture_is_a_tested_scenario() {
    let mut dirs: Vec<String> = std::fs::read_dir(fixtures())
        .unwrap()
        .map(|e| e.unwrap())
        .filter(|e| e.file_type().unwrap().is_dir())
        .map(|e| e.file_name().into_string().unwrap())
        .collect();
    dirs.sort();
    let mut known: Vec<String> = SCENARIOS.iter().map(|s| s.to_string()).collect();
    known.sort();
    assert_eq!(dirs, known);
    for s in SCENARIOS {
        assert!(fixtures().join(s).join("FIXTURE.md").is_file(), "{s}/FIXTURE.md");
        assert!(fixtures().join(format!("{s}.json")).is_file(), "{s}.json");
    }
}

/// Git keeps no empty directories: a fixture that has one would read differently from a
/// fresh clone than from the working tree it was blessed in.
#[test]
fn fixtures_have_no_empty_directories() {
    fn walk(dir: &Path, empty: &mut Vec<PathBuf>) {
        let entries: Vec<_> = std::fs::read_dir(dir).unwrap().map(|e| e.unwrap()).collect();
        if entries.is_empty() {
            empty.push(dir.to_owned());
        }
        for e in entries {
            if e.file_type().unwrap().is_dir() {
                walk(&e.path(), empty);
            }
        }
    }
    let mut empty = Vec::new();
    walk(&fixtures(), &mut empty);
    assert!(empty.is_empty(), "{empty:?}");
}
