//! The harness of the live eBPF tests (`live_ebpf*.rs`): root check, options, the first
//! attached snapshot, a process's row, and a forked `Worker` that does known work on cue.
//!
//! Each test file includes it with `mod common;`, so each uses only part of it.
#![allow(dead_code, unused_macros, unused_imports)]

use std::sync::Mutex;

use libprobe::ebpf::{EbpfHooks, EbpfMetrics, EbpfTracers, TracerState};
use libprobe::{DomainName, Domains, Field, Options, Probe, Reason, Snapshot};

/// Serialises the tests of one file: a probe's programs would count the others' work, and
/// the detach checks list every program of this process.
pub static LOCK: Mutex<()> = Mutex::new(());

pub fn root() -> bool {
    // SAFETY: geteuid cannot fail.
    unsafe { libc::geteuid() == 0 }
}

/// Returns from the test, saying `SKIPPED`, unless it runs as root.
macro_rules! need_root {
    ($name:literal) => {
        if !$crate::common::ebpf::root() {
            eprintln!(concat!("SKIPPED ", $name, ": needs root"));
            return;
        }
    };
}
pub(crate) use need_root;

pub fn options(tracers: &str, hooks: &str) -> Options {
    let mut o = Options { domains: Domains::NONE.with(DomainName::Ebpf), ..Options::default() };
    o.ebpf.tracers = EbpfTracers::parse(tracers).unwrap();
    o.ebpf.hooks = EbpfHooks::parse(hooks).unwrap();
    o
}

pub fn ebpf(s: &Snapshot) -> &EbpfMetrics {
    match &s.ebpf {
        Field::Value(e) => e,
        Field::Missing(r) => panic!("ebpf not collected ({r}): {:?}", s.status(DomainName::Ebpf)),
    }
}

/// A probe with its tracers attached: the first snapshot, checked.
pub fn attached(o: Options) -> Probe {
    let mut p = Probe::new(o);
    let s = p.snapshot();
    let e = ebpf(&s);
    for t in &e.tracers {
        assert_eq!(t.state, TracerState::Attached, "{t:?}");
    }
    assert_eq!(e.interval_ns, Field::Missing(Reason::NoPreviousSample));
    p
}

/// The row of process `pid`, which started after this test did.
pub fn row<T: std::fmt::Debug>(rows: &[T], pid: i32, pid_of: impl Fn(&T) -> i32) -> &T {
    rows.iter().find(|r| pid_of(r) == pid).unwrap_or_else(|| panic!("no row for {pid} in {rows:?}"))
}

/// A forked child that waits for `go`, does `work`, says `done`, and exits when told.
/// `work` runs after fork in a multithreaded process: raw syscalls only, no allocation.
pub struct Worker {
    pub pid: i32,
    pub go: i32,
    pub done: i32,
}

impl Worker {
    pub fn spawn(work: fn(usize), arg: usize) -> Worker {
        let (mut a, mut b) = ([0i32; 2], [0i32; 2]);
        // SAFETY: pipe writes two fds; fork's child only makes raw syscalls and _exits.
        unsafe {
            assert_eq!(libc::pipe(a.as_mut_ptr()), 0);
            assert_eq!(libc::pipe(b.as_mut_ptr()), 0);
            let pid = libc::fork();
            assert!(pid >= 0);
            if pid == 0 {
                let mut byte = 0u8;
                libc::read(a[0], (&mut byte as *mut u8).cast(), 1);
                work(arg);
                libc::write(b[1], (&byte as *const u8).cast(), 1);
                libc::read(a[0], (&mut byte as *mut u8).cast(), 1);
                libc::_exit(0);
            }
            libc::close(a[0]);
            libc::close(b[1]);
            Worker { pid, go: a[1], done: b[0] }
        }
    }

    /// Starts the work and waits until it is done (false: the child failed before saying so).
    #[must_use]
    pub fn ran(&self) -> bool {
        let byte = 1u8;
        let mut back = 0u8;
        // SAFETY: fds owned by self.
        unsafe {
            assert_eq!(libc::write(self.go, (&byte as *const u8).cast(), 1), 1);
            libc::read(self.done, (&mut back as *mut u8).cast(), 1) == 1
        }
    }

    /// Starts the work and waits until it is done; panics if the child failed.
    pub fn run(&self) {
        assert!(self.ran(), "child {} failed before its work was done", self.pid);
    }
}

impl Drop for Worker {
    /// Tells the child to exit, and reaps it.
    fn drop(&mut self) {
        let byte = 1u8;
        // SAFETY: fds owned by self; reaps our own child.
        unsafe {
            libc::write(self.go, (&byte as *const u8).cast(), 1);
            libc::close(self.go);
            libc::close(self.done);
            libc::waitpid(self.pid, std::ptr::null_mut(), 0);
        }
    }
}
