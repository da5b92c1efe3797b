//! Full snapshots while processes and threads are born and die (reliability plan T3/T4).
//!
//! For about ten seconds (`LIBPROBE_CHURN_SECS`) the test loops full snapshots (every
//! field group but environ) while two shells fork `/bin/true` as fast as they can, a
//! thread spawns short-lived marker processes named `lpm0`…`lpm9`, another thread creates and joins
//! threads in this process, and a keeper holds twenty unreaped zombies. Every snapshot
//! must be collected without a warning, list each pid once, list every long-lived
//! process with the start time it had at the beginning, list all zombies as zombies, and
//! never give a record whose files come from two processes: a marker whose name (read
//! from `stat` first) is `lpmK` must have the command line `lpmK 0.K5` (read later).
//!
//! Runs as any user.

#![cfg(linux_kernel)]

use std::collections::HashMap;
use std::fs;
use std::os::unix::process::CommandExt;
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::time::{Duration, Instant};

use libprobe::{DomainName, DomainState, Domains, Field, Options, Probe, ProcessOptions, process::ProcessState};

const ZOMBIES: usize = 20;

#[test]
fn snapshots_stay_consistent_under_process_and_thread_churn() {
    let secs: f64 = std::env::var("LIBPROBE_CHURN_SECS").ok().and_then(|s| s.parse().ok()).unwrap_or(10.0);
    let me = std::process::id() as i32;
    // Orphans (a `true` whose shell was killed, the keeper's zombies) come back to us, so
    // the test reaps everything it caused.
    // SAFETY: prctl on this process.
    assert_eq!(unsafe { libc::prctl(libc::PR_SET_CHILD_SUBREAPER, 1, 0, 0, 0) }, 0);
    let fds_before = fd_count();
    let dir = TempDir::new();
    for k in 0..10 {
        std::os::unix::fs::symlink("/bin/sleep", dir.0.join(format!("lpm{k}"))).unwrap();
    }

    let stop = Arc::new(AtomicBool::new(false));
    let forks_before = forks_total();
    let mut churn = Churn::default();
    churn.stop = stop.clone();
    churn.shells = (0..2)
        .map(|_| {
            let mut c = Command::new("/bin/sh");
            c.args(["-c", "while :; do /bin/true; done"]).process_group(0).stdout(Stdio::null());
            Group(c.spawn().unwrap())
        })
        .collect();
    churn.markers = Some({
        let (stop, dir) = (stop.clone(), dir.0.clone());
        std::thread::Builder::new()
            .name("lp-markers".into())
            .spawn(move || {
                let mut n = 0u64;
                while !stop.load(Ordering::Relaxed) {
                    // Ten at a time, living 0.05 to 0.95 s, so that a scan meets some alive
                    // and some dying.
                    let batch: Vec<Child> = (0..10)
                        .filter_map(|k| {
                            let name = format!("lpm{k}");
                            let mut c = Command::new(dir.join(&name));
                            c.arg0(&name).arg(marker_arg(&name)).stdout(Stdio::null()).spawn().ok()
                        })
                        .collect();
                    for mut child in batch {
                        let _ = child.wait();
                        n += 1;
                    }
                }
                n
            })
            .unwrap()
    });
    let threads_made = Arc::new(AtomicU64::new(0));
    churn.threads = Some({
        let (stop, made) = (stop.clone(), threads_made.clone());
        std::thread::spawn(move || {
            while !stop.load(Ordering::Relaxed) {
                let hs: Vec<_> = (0..8).map(|_| std::thread::spawn(|| std::hint::black_box(1))).collect();
                for h in hs {
                    let _ = h.join();
                }
                made.fetch_add(8, Ordering::Relaxed);
            }
        })
    });
    churn.keeper = Some(ZombieKeeper::start());
    let keeper_pid = churn.keeper.as_ref().unwrap().pid;

    // Long-lived processes and the start times they must keep.
    let mut probe = Probe::new(Options {
        domains: Domains::NONE.with(DomainName::Process),
        process: ProcessOptions { taskstats: true, ..ProcessOptions::everything() },
        ..Options::default()
    });
    let first = probe.snapshot();
    let mut long_lived: HashMap<i32, u64> = HashMap::new();
    for pid in [me, keeper_pid].into_iter().chain(churn.shells.iter().map(|s| s.0.id() as i32)) {
        let p = first.process(pid).unwrap_or_else(|| panic!("long-lived pid {pid} missing from the first snapshot"));
        long_lived.insert(pid, p.start_time);
    }

    let sleep_exe = fs::canonicalize("/bin/sleep").unwrap();
    let start = Instant::now();
    let mut n = 0usize;
    let mut records = 0usize;
    let mut markers_checked = 0usize;
    let mut durations = Vec::new();
    while start.elapsed().as_secs_f64() < secs {
        let snap = probe.snapshot();
        n += 1;
        durations.push(snap.duration_ns);
        let st = snap.status(DomainName::Process).unwrap();
        assert_eq!(st.state, DomainState::Collected, "snapshot {n}: {st:?}");
        assert!(st.warnings.is_empty() && st.warnings_dropped == 0, "snapshot {n}: warnings {:?}", st.warnings);
        let json = snap.to_json();
        if let Some(at) = json.find(":\"error\"") {
            let from = json[..at].rfind("\"pid\"").unwrap_or(at.saturating_sub(400));
            panic!("snapshot {n}: a field failed with reason `error`: {}", &json[from..(at + 200).min(json.len())]);
        }

        let procs = snap.processes();
        records += procs.len();
        let mut seen = HashMap::new();
        for p in procs {
            let ctx = format!("snapshot {n}, pid {} ({})", p.pid, p.name);
            assert!(seen.insert(p.pid, ()).is_none(), "{ctx}: listed twice");
            assert_eq!(p.tgid, Field::Value(p.pid), "{ctx}: tgid");
            if let Field::Value(ns) = &p.ns_pids {
                assert_eq!(ns.first(), Some(&p.pid), "{ctx}: NSpid");
            }
            if let Some(&t) = long_lived.get(&p.pid) {
                assert_eq!(p.start_time, t, "{ctx}: a long-lived process keeps its start time");
            }
            // One process per record: the name comes from stat, the command line after.
            if p.name.as_bytes().starts_with(b"lpm") {
                markers_checked += 1;
                if let Field::Value(args) = &p.cmdline
                    && !args.is_empty()
                {
                    assert_eq!(args.len(), 2, "{ctx}: {args:?}");
                    assert_eq!(args[0], p.name, "{ctx}: command line of another process");
                    assert_eq!(
                        args[1],
                        marker_arg(&p.name.to_string()).as_str(),
                        "{ctx}: command line of another process"
                    );
                }
                if let Field::Value(exe) = &p.exe {
                    assert_eq!(exe.as_bytes(), sleep_exe.as_os_str().as_encoded_bytes(), "{ctx}: exe");
                }
            }
            if p.ppid == Field::Value(keeper_pid) && p.pid != keeper_pid {
                assert_eq!(p.state, ProcessState::Zombie, "{ctx}: the keeper's children are zombies");
            }
        }
        for pid in long_lived.keys() {
            assert!(seen.contains_key(pid), "snapshot {n}: long-lived pid {pid} is missing");
        }
        let zombies =
            procs.iter().filter(|p| p.ppid == Field::Value(keeper_pid) && p.state == ProcessState::Zombie).count();
        assert_eq!(zombies, ZOMBIES, "snapshot {n}: all zombies listed as zombies");
    }
    let elapsed = start.elapsed().as_secs_f64();
    let forks = (forks_total() - forks_before) as f64 / elapsed;

    let spawned = churn.stop_all();
    drop(probe);
    let fds_after = fd_count();

    durations.sort_unstable();
    let p99 = durations[(durations.len() * 99 / 100).min(durations.len() - 1)] as f64 / 1e6;
    eprintln!(
        "churn: {n} snapshots, {records} records, {markers_checked} marker records in {elapsed:.1} s; \
         {forks:.0} forks/s, {spawned} markers, {} threads; p99 snapshot {p99:.0} ms",
        threads_made.load(Ordering::Relaxed)
    );
    assert!(n >= 5, "only {n} snapshots in {elapsed:.1} s");
    // A churn too slow to race the collector would pass vacuously.
    assert!(forks >= 200.0, "only {forks:.0} forks/s: the churn did not happen");
    assert!(markers_checked > 0, "no marker process was ever caught alive");
    assert_eq!(fds_after, fds_before, "the probe keeps no descriptor between snapshots");
}

/// The sleep argument of marker `lpmK`: `0.K5` seconds.
fn marker_arg(name: &str) -> String {
    format!("0.{}5", &name[3..])
}

/// Everything the test started; stopped, killed and reaped on drop, a failed assertion
/// included (orphans come to us as subreaper; nobody else may reap them).
#[derive(Default)]
struct Churn {
    stop: Arc<AtomicBool>,
    shells: Vec<Group>,
    markers: Option<std::thread::JoinHandle<u64>>,
    threads: Option<std::thread::JoinHandle<()>>,
    keeper: Option<ZombieKeeper>,
}

impl Churn {
    /// Stops everything; returns how many markers were spawned.
    fn stop_all(&mut self) -> u64 {
        self.stop.store(true, Ordering::Relaxed);
        let spawned = self.markers.take().map_or(0, |h| h.join().unwrap_or(0));
        if let Some(h) = self.threads.take() {
            let _ = h.join();
        }
        self.shells.clear();
        self.keeper = None;
        reap_orphans();
        spawned
    }
}

impl Drop for Churn {
    fn drop(&mut self) {
        self.stop_all();
    }
}

/// A process group (a shell and its current child), killed as a whole on drop.
struct Group(Child);

impl Drop for Group {
    fn drop(&mut self) {
        // SAFETY: kill has no memory effects; the group is the one we created.
        unsafe { libc::kill(-(self.0.id() as i32), libc::SIGKILL) };
        let _ = self.0.wait();
    }
}

/// A forked child holding `ZOMBIES` exited children it never reaps.
struct ZombieKeeper {
    pid: i32,
}

impl ZombieKeeper {
    fn start() -> ZombieKeeper {
        let mut p = [0; 2];
        // SAFETY: pipe2 writes two descriptors.
        assert_eq!(unsafe { libc::pipe2(p.as_mut_ptr(), libc::O_CLOEXEC) }, 0);
        // SAFETY: the child makes only async-signal-safe calls and never returns.
        let pid = unsafe { libc::fork() };
        if pid == 0 {
            // SAFETY: fork, _exit, write and pause only.
            unsafe {
                for _ in 0..ZOMBIES {
                    if libc::fork() == 0 {
                        libc::_exit(0);
                    }
                }
                libc::write(p[1], b"k".as_ptr().cast(), 1);
                loop {
                    libc::pause();
                }
            }
        }
        let mut b = [0u8; 1];
        // SAFETY: read into a local buffer, then close our ends.
        unsafe {
            libc::close(p[1]);
            assert_eq!(libc::read(p[0], b.as_mut_ptr().cast(), 1), 1);
            libc::close(p[0]);
        }
        let keeper = ZombieKeeper { pid };
        // Wait until every child has exited.
        let deadline = Instant::now() + Duration::from_secs(10);
        loop {
            let children = fs::read_to_string(format!("/proc/{pid}/task/{pid}/children")).unwrap_or_default();
            let zombies = children
                .split_whitespace()
                .filter(|c| fs::read_to_string(format!("/proc/{c}/stat")).is_ok_and(|s| s.contains(") Z ")))
                .count();
            if zombies == ZOMBIES {
                return keeper;
            }
            assert!(Instant::now() < deadline, "the keeper's children did not all exit");
            std::thread::sleep(Duration::from_millis(5));
        }
    }
}

impl Drop for ZombieKeeper {
    fn drop(&mut self) {
        // SAFETY: kill and waitpid on our own child; its zombies come to us (subreaper).
        unsafe {
            libc::kill(self.pid, libc::SIGKILL);
            libc::waitpid(self.pid, std::ptr::null_mut(), 0);
        }
    }
}

/// Reaps every child left to us as subreaper (all our own children are waited for).
fn reap_orphans() {
    let deadline = Instant::now() + Duration::from_secs(5);
    loop {
        // SAFETY: waitpid with a null status pointer.
        let r = unsafe { libc::waitpid(-1, std::ptr::null_mut(), libc::WNOHANG) };
        if r < 0 {
            return; // ECHILD: none left
        }
        if r == 0 {
            if Instant::now() > deadline {
                eprintln!("churn: some orphans did not exit");
                return;
            }
            std::thread::sleep(Duration::from_millis(5));
        }
    }
}

/// Processes forked since boot (`processes` in /proc/stat).
fn forks_total() -> u64 {
    let stat = fs::read_to_string("/proc/stat").unwrap();
    stat.lines().find_map(|l| l.strip_prefix("processes ")).unwrap().trim().parse().unwrap()
}

fn fd_count() -> usize {
    fs::read_dir("/proc/self/fd").unwrap().count()
}

/// A fresh directory, removed on drop.
struct TempDir(PathBuf);

impl TempDir {
    fn new() -> TempDir {
        let p = std::env::temp_dir().join(format!("libprobe-churn-{}", std::process::id()));
        let _ = fs::remove_dir_all(&p);
        fs::create_dir(&p).unwrap();
        TempDir(p)
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = fs::remove_dir_all(&self.0);
    }
}
