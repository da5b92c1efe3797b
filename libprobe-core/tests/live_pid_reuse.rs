//! A pid reused by a new process is a new record (reliability plan T3b).
//!
//! The test re-runs itself as pid 1 of a private pid namespace (`unshare --pid --fork
//! --mount-proc`), where nothing else forks, so writing `/proc/sys/kernel/ns_last_pid`
//! makes the next fork get a chosen pid: the pid of a process just killed. Each round:
//!
//! 1. A starts (and, every fifth round, forks a child C); a snapshot records A's
//!    `(pid, start_time)`; a directory handle is opened on `/proc/<A>`.
//! 2. A is killed and reaped, and B is forked onto A's pid.
//! 3. A second snapshot from the same `Probe` must report, at that pid, B's name and B's
//!    start time — never A's identity with B's data — and a `cpu_percent` computed from
//!    B's own ticks, not from A's previous sample. C, orphaned, must show ppid 1 (its
//!    reaper), and started before B, so a consumer can tell that B is not its parent.
//! 4. The handle opened on A's directory must refuse to read B's files: this is what the
//!    collector's one-handle-per-process design relies on to never mix two processes.
//!
//! What cannot be made deterministic: A and B must start in different clock ticks (10 ms
//! at 100 Hz), because `/proc/<pid>/stat` gives start times in ticks; a pid reused within
//! the same tick has the same `(pid, start_time)`, and nothing in procfs tells the two
//! apart (a pidfd would). The test waits 20 ms between them. And the in-read race itself
//! (a pid reused between two reads of one process) cannot be paused from outside; step 4
//! checks the kernel behaviour that makes it harmless instead.
//!
//! Needs root (a pid namespace and `ns_last_pid`); otherwise prints `SKIPPED`.

#![cfg(linux_kernel)]

use std::ffi::CString;
use std::fs;
use std::process::Command;
use std::time::{Duration, Instant};

use libprobe::{DomainName, DomainState, Domains, Field, Options, Probe, ProcessOptions, Reason};

const INNER: &str = "LIBPROBE_LIVE_PID_REUSE_INNER";

#[test]
fn pid_reuse_in_a_private_pid_namespace() {
    if std::env::var_os(INNER).is_some() {
        return inner();
    }
    // SAFETY: geteuid cannot fail.
    if unsafe { libc::geteuid() } != 0 {
        eprintln!("SKIPPED pid_reuse_in_a_private_pid_namespace: needs root for a pid namespace");
        return;
    }
    let exe = std::env::current_exe().unwrap();
    let out = Command::new("unshare")
        .args(["--pid", "--fork", "--mount-proc", "--kill-child"])
        .arg(&exe)
        .args(["--exact", "pid_reuse_in_a_private_pid_namespace", "--nocapture", "--test-threads=1"])
        .env(INNER, "1")
        .output()
        .unwrap();
    let text = format!("{}{}", String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&out.stderr));
    eprintln!("{text}");
    assert!(out.status.success(), "the run inside the pid namespace failed: {}", out.status);
    assert!(text.contains("1 passed"), "the inner test did not run");
}

fn inner() {
    assert_eq!(std::process::id(), 1, "inside the namespace this test is its init");
    let rounds: usize = std::env::var("LIBPROBE_PID_REUSE_ROUNDS").ok().and_then(|s| s.parse().ok()).unwrap_or(60);
    let ticks = clock_ticks();
    let mut reused = 0;
    for round in 0..rounds {
        let with_child = round % 5 == 0;
        // Both burn a little CPU first, so that a `cpu_percent` taken against A's sample
        // would differ from B's own.
        let a = fork_named(c"lp-A", with_child, 30);
        let c = a.report;
        std::thread::sleep(Duration::from_millis(20));
        let mut pids = vec![a.pid];
        if with_child {
            pids.push(c);
        }
        // One probe per round, for A's pids: its previous sample holds A.
        let mut probe = Probe::new(Options {
            domains: Domains::NONE.with(DomainName::Process),
            process: ProcessOptions { pids: Some(pids), ..ProcessOptions::default() },
            ..Options::default()
        });
        let s1 = collected(probe.snapshot());
        let rec_a = s1.process(a.pid).expect("A is listed").clone();
        assert_eq!(rec_a.name, "lp-A");
        let dir = open_dir(&format!("/proc/{}", a.pid));

        let a_pid = a.pid;
        drop(a); // killed and reaped
        fs::write("/proc/sys/kernel/ns_last_pid", (a_pid - 1).to_string()).unwrap();
        let b = fork_named(c"lp-B", false, 50);
        if b.pid != a_pid {
            eprintln!("round {round}: B got pid {} instead of {a_pid}; skipped", b.pid);
            continue;
        }
        reused += 1;

        let s2 = collected(probe.snapshot());
        let rec_b = s2.process(a_pid).expect("B is listed at A's old pid");
        let b_start = stat_field(a_pid, 22);
        assert_eq!(rec_b.name, "lp-B", "round {round}: the record at the reused pid is B's");
        assert_eq!(rec_b.start_time, b_start, "round {round}: with B's start time");
        assert!(rec_b.start_time > rec_a.start_time, "round {round}: B started after A");
        assert_eq!(rec_b.ppid, Field::Value(1));
        // B's CPU share comes from B's ticks alone: it was not in the previous sample.
        let dt = (s2.timestamp_monotonic_ns - s1.timestamp_monotonic_ns) as f64 / 1e9;
        let b_ticks = rec_b.cpu_user_ticks.get().unwrap() + rec_b.cpu_system_ticks.get().unwrap();
        let want = b_ticks as f64 / ticks as f64 / dt * 100.0;
        match rec_b.cpu_percent {
            Field::Value(pct) => assert!((pct - want).abs() < 1e-6, "round {round}: cpu_percent {pct}, want {want}"),
            Field::Missing(r) => assert_eq!(r, Reason::NoPreviousSample, "round {round}"),
        }
        if with_child {
            let rec_c = s2.process(c).expect("C is listed");
            assert_eq!(rec_c.name, "lp-C");
            assert_eq!(rec_c.ppid, Field::Value(1), "round {round}: orphaned C belongs to its reaper, not to B");
            assert!(rec_c.start_time < rec_b.start_time, "C started before the pid's new owner");
            // SAFETY: kill and waitpid on C, now our child (we are its reaper).
            unsafe {
                libc::kill(c, libc::SIGKILL);
                libc::waitpid(c, std::ptr::null_mut(), 0);
            }
        }
        // The handle on A's directory must not read B's files.
        let mut buf = [0u8; 512];
        // SAFETY: openat relative to our directory handle; read into a local buffer.
        let n = unsafe {
            let fd = libc::openat(dir, c"stat".as_ptr(), libc::O_RDONLY | libc::O_CLOEXEC);
            let n = if fd < 0 { -1 } else { libc::read(fd, buf.as_mut_ptr().cast(), buf.len()) };
            if fd >= 0 {
                libc::close(fd);
            }
            libc::close(dir);
            n
        };
        assert!(n < 0, "round {round}: a handle on the dead A read {:?}", String::from_utf8_lossy(&buf[..n as usize]));
        drop(b);
    }
    eprintln!("pid reuse: {reused} of {rounds} rounds reused the pid");
    assert!(reused * 10 >= rounds * 9, "only {reused} of {rounds} rounds got the pid back");
}

fn collected(s: libprobe::Snapshot) -> libprobe::Snapshot {
    let st = s.status(DomainName::Process).unwrap();
    assert_eq!(st.state, DomainState::Collected, "{st:?}");
    assert!(st.warnings.is_empty(), "{:?}", st.warnings);
    s
}

/// A forked child named `name` that spins for `busy_ms`, optionally forks a child named
/// `lp-C` (its pid in `report`), then sleeps; killed and reaped on drop.
struct Forked {
    pid: i32,
    report: i32,
}

impl Drop for Forked {
    fn drop(&mut self) {
        // SAFETY: kill and waitpid on our own child.
        unsafe {
            libc::kill(self.pid, libc::SIGKILL);
            libc::waitpid(self.pid, std::ptr::null_mut(), 0);
        }
    }
}

fn fork_named(name: &'static std::ffi::CStr, with_child: bool, busy_ms: u64) -> Forked {
    let mut p = [0; 2];
    // SAFETY: pipe2 writes two descriptors.
    assert_eq!(unsafe { libc::pipe2(p.as_mut_ptr(), libc::O_CLOEXEC) }, 0);
    // SAFETY: the child makes only async-signal-safe calls and never returns.
    let pid = unsafe { libc::fork() };
    assert!(pid >= 0);
    if pid == 0 {
        // SAFETY: prctl, clock_gettime, fork, write and pause only.
        unsafe {
            libc::prctl(libc::PR_SET_NAME, name.as_ptr(), 0, 0, 0);
            let start = now_ns();
            while now_ns() - start < busy_ms * 1_000_000 {}
            let mut c: i32 = 0;
            if with_child {
                c = libc::fork();
                if c == 0 {
                    libc::prctl(libc::PR_SET_NAME, c"lp-C".as_ptr(), 0, 0, 0);
                    loop {
                        libc::pause();
                    }
                }
            }
            libc::write(p[1], (&c as *const i32).cast(), 4);
            loop {
                libc::pause();
            }
        }
    }
    let mut c = 0i32;
    // SAFETY: read four bytes into a local, then close our ends.
    unsafe {
        libc::close(p[1]);
        assert_eq!(libc::read(p[0], (&mut c as *mut i32).cast(), 4), 4);
        libc::close(p[0]);
    }
    let kid = Forked { pid, report: c };
    // The name is set and the child asleep before anyone looks.
    let deadline = Instant::now() + Duration::from_secs(5);
    while !fs::read_to_string(format!("/proc/{pid}/stat")).is_ok_and(|s| s.contains(") S ")) {
        assert!(Instant::now() < deadline, "child {pid} did not settle");
        std::thread::sleep(Duration::from_millis(1));
    }
    kid
}

fn now_ns() -> u64 {
    let mut ts = libc::timespec { tv_sec: 0, tv_nsec: 0 };
    // SAFETY: clock_gettime fills the struct.
    unsafe { libc::clock_gettime(libc::CLOCK_MONOTONIC, &mut ts) };
    ts.tv_sec as u64 * 1_000_000_000 + ts.tv_nsec as u64
}

fn open_dir(path: &str) -> i32 {
    let c = CString::new(path).unwrap();
    // SAFETY: open on a NUL-terminated path.
    let fd = unsafe { libc::open(c.as_ptr(), libc::O_RDONLY | libc::O_DIRECTORY | libc::O_CLOEXEC) };
    assert!(fd >= 0, "open {path}");
    fd
}

/// Field `n` (proc(5) numbering) of /proc/<pid>/stat.
fn stat_field(pid: i32, n: usize) -> u64 {
    let s = fs::read_to_string(format!("/proc/{pid}/stat")).unwrap();
    let rest = &s[s.rfind(')').unwrap() + 2..];
    rest.split_whitespace().nth(n - 3).unwrap().parse().unwrap()
}

fn clock_ticks() -> u64 {
    // SAFETY: sysconf has no memory effects.
    unsafe { libc::sysconf(libc::_SC_CLK_TCK) as u64 }
}
