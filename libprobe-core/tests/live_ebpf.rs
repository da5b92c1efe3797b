//! Live tests of the ebpf domain: known work driven in child processes, and the numbers
//! the tracers report for exactly those processes.
//!
//! - `getppid` N times from a known pid: its syscall count is exact, with every hook type
//!   (tp_btf, raw_tp, and tracepoint, which mounts tracefs privately here);
//! - sleeps of known length: its voluntary off-CPU time is within bounds;
//! - CPU-bound competitors: run-queue latency is non-zero and its percentiles are ordered;
//! - O_DIRECT reads and writes of known sizes on a loop device: the bytes are exact and
//!   attributed to the writing process;
//! - detach: every program, link and map of a probe is gone once it is dropped, and once a
//!   process holding one is killed with SIGKILL (checked with bpftool);
//! - without CAP_BPF and CAP_PERFMON: the domain is skipped with `permission_denied`,
//!   naming the capabilities.
//!
//! Needs root (as another user every test prints `SKIPPED`). The tests take one lock: a
//! probe's programs would count the others' work, and the detach checks list every
//! program of this process.

#![cfg(target_os = "linux")]

use std::collections::BTreeSet;
use std::io::{BufRead, BufReader};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use libprobe::ebpf::{EbpfTracers, HookType, TracerName, TracerState};
use libprobe::{DomainName, DomainState, Field, Options, Probe, Reason};

mod common;
use common::ebpf::{LOCK, Worker, attached, ebpf, need_root, options, row};

fn getppid_loop(n: usize) {
    for _ in 0..n {
        // SAFETY: a syscall without arguments.
        unsafe { libc::syscall(libc::SYS_getppid) };
    }
}

const N: usize = 25_000;

/// The child's syscalls in the interval: N getppid, then its `done` write and the read it
/// blocks in. The `go` read entered before the interval began. With latency on, calls are
/// counted when they return (the read it blocks in has not), without at entry.
fn check_getppid(o: Options, hook: HookType) {
    let latency = o.ebpf.syscall_latency;
    let w = Worker::spawn(getppid_loop, N);
    std::thread::sleep(Duration::from_millis(50)); // the child is blocked in its read
    let mut p = attached(o);
    w.run();
    std::thread::sleep(Duration::from_millis(20));
    let s = p.snapshot();
    let e = ebpf(&s);
    let t = &e.tracers[0];
    assert_eq!((t.tracer, t.hook), (TracerName::Syscalls, Some(hook)), "{t:?}");
    assert_eq!(t.dropped, Field::Value(0));
    let counts = e.syscall_counts.value().unwrap();
    let all = counts.get("getppid").copied().unwrap_or(0);
    assert!((N as u64..N as u64 + 1000).contains(&all), "getppid {all}, expected {N} and a few others'");
    let me = row(e.syscalls_by_process.value().unwrap(), w.pid, |r| r.pid);
    assert_eq!(me.count, N as u64 + if latency { 1 } else { 2 }, "{me:?}");
    if latency {
        let h = e.syscall_latencies.value().unwrap().get("getppid").unwrap();
        assert!(h.count >= N as u64, "{h:?}");
        assert!(h.min_ns.unwrap() <= h.p50_ns.unwrap() && h.p50_ns <= h.p99_ns && h.p99_ns <= h.max_ns, "{h:?}");
        assert_eq!(me.errors, Field::Value(0));
        assert!(me.latency_ns.get().unwrap() > 0);
    } else {
        assert_eq!(e.syscall_latencies, Field::Missing(Reason::Disabled));
        assert_eq!(me.latency_ns, Field::Missing(Reason::Disabled));
    }
    let total = e.since_attach.syscall_counts.value().unwrap().get("getppid").copied().unwrap();
    assert!(total >= N as u64);
}

#[test]
fn getppid_is_counted_exactly_with_tp_btf() {
    need_root!("getppid_is_counted_exactly_with_tp_btf");
    let _g = LOCK.lock().unwrap_or_else(|e| e.into_inner());
    check_getppid(options("syscalls", "tp_btf"), HookType::TpBtf);
    let mut o = options("syscalls", "all");
    o.ebpf.syscall_latency = false;
    check_getppid(o, HookType::TpBtf);
}

#[test]
fn getppid_is_counted_exactly_with_raw_tp() {
    need_root!("getppid_is_counted_exactly_with_raw_tp");
    let _g = LOCK.lock().unwrap_or_else(|e| e.into_inner());
    check_getppid(options("syscalls", "raw_tp"), HookType::RawTp);
}

#[test]
fn getppid_is_counted_exactly_with_tracepoint() {
    need_root!("getppid_is_counted_exactly_with_tracepoint");
    let _g = LOCK.lock().unwrap_or_else(|e| e.into_inner());
    let mounted = std::path::Path::new("/sys/kernel/tracing/events").is_dir();
    let mut p = attached(options("syscalls", "tracepoint"));
    let s = p.snapshot();
    // tracefs is mounted by libprobe only where it is not (and then privately).
    assert_eq!(ebpf(&s).tracers[0].tracefs_mounted, Some(!mounted));
    assert_eq!(std::path::Path::new("/sys/kernel/tracing/events").is_dir(), mounted, "tracefs leaked");
    drop(p);
    check_getppid(options("syscalls", "tracepoint"), HookType::Tracepoint);
}

/// More live threads than the slot array holds (1 024 slots, 2 048 threads): about half of
/// them find their slot taken and are kept in the overflow hash, which the read skips only
/// while the programs' counter says it is empty. Every thread's calls are counted.
#[test]
fn threads_past_the_slot_array_are_counted_in_the_overflow_hash() {
    need_root!("threads_past_the_slot_array_are_counted_in_the_overflow_hash");
    let _g = LOCK.lock().unwrap_or_else(|e| e.into_inner());
    const THREADS: usize = 2048;
    const CALLS: usize = 200;
    let mut o = options("syscalls", "tp_btf");
    o.ebpf.max_threads = 1024;
    let mut p = attached(o);
    let counted = std::sync::Arc::new(std::sync::Barrier::new(THREADS + 1));
    let release = std::sync::Arc::new(std::sync::Barrier::new(THREADS + 1));
    let threads: Vec<_> = (0..THREADS)
        .map(|_| {
            let (counted, release) = (counted.clone(), release.clone());
            std::thread::Builder::new()
                .stack_size(64 << 10)
                .spawn(move || {
                    getppid_loop(CALLS);
                    counted.wait();
                    release.wait();
                })
                .unwrap()
        })
        .collect();
    counted.wait();
    let s = p.snapshot(); // every thread alive, its calls made
    release.wait();
    threads.into_iter().for_each(|t| t.join().unwrap());
    let e = ebpf(&s);
    assert_eq!(e.tracers[0].dropped, Field::Value(0));
    let me = row(e.syscalls_by_process.value().unwrap(), std::process::id() as i32, |r| r.pid);
    // Besides the getppid calls: each thread's start (mmap, mprotect, clone3, rseq, ...),
    // its barrier waits, and this test's own few.
    let least = (THREADS * CALLS) as u64;
    assert!((least..least + 40 * THREADS as u64).contains(&me.count), "{} calls, expected {least} and a few", me.count);
}

fn sleeper(n: usize) {
    let ts = libc::timespec { tv_sec: 0, tv_nsec: 20_000_000 };
    for _ in 0..n {
        // SAFETY: a valid timespec.
        unsafe { libc::nanosleep(&ts, std::ptr::null_mut()) };
    }
}

#[test]
fn sleeping_is_voluntary_off_cpu_time() {
    need_root!("sleeping_is_voluntary_off_cpu_time");
    let _g = LOCK.lock().unwrap_or_else(|e| e.into_inner());
    let w = Worker::spawn(sleeper, 10); // 10 × 20 ms
    std::thread::sleep(Duration::from_millis(50));
    let mut p = attached(options("offcpu", "all"));
    w.run();
    let s = p.snapshot();
    let e = ebpf(&s);
    let t = row(e.cpu_off_time.value().unwrap(), w.pid, |r| r.pid);
    // 200 ms asleep, plus each wakeup's wait for a CPU on a busy 2-CPU machine.
    assert!((200_000_000..600_000_000).contains(&t.voluntary_ns), "{t:?}");
    assert!(t.voluntary_switches >= 10, "{t:?}");
    assert!(t.involuntary_ns < 100_000_000, "{t:?}");
    assert_eq!(t.total_ns, t.voluntary_ns + t.involuntary_ns);
}

fn spin(ms: usize) {
    let now = || {
        let mut ts = libc::timespec { tv_sec: 0, tv_nsec: 0 };
        // SAFETY: a valid timespec.
        unsafe { libc::clock_gettime(libc::CLOCK_MONOTONIC, &mut ts) };
        ts.tv_sec as i128 * 1_000_000_000 + ts.tv_nsec as i128
    };
    let end = now() + ms as i128 * 1_000_000;
    while now() < end {}
}

#[test]
fn competing_for_cpus_shows_run_queue_latency() {
    need_root!("competing_for_cpus_shows_run_queue_latency");
    let _g = LOCK.lock().unwrap_or_else(|e| e.into_inner());
    let cpus = std::thread::available_parallelism().map_or(2, |n| n.get());
    let workers: Vec<Worker> = (0..cpus * 2).map(|_| Worker::spawn(spin, 300)).collect();
    std::thread::sleep(Duration::from_millis(50));
    let mut p = attached(options("runqlat,offcpu", "all"));
    let threads: Vec<_> = workers
        .iter()
        .map(|w| {
            let (go, done) = (w.go, w.done);
            std::thread::spawn(move || {
                let (b, mut r) = (1u8, 0u8);
                // SAFETY: fds owned by the Worker, which outlives this thread (joined below).
                unsafe {
                    libc::write(go, (&b as *const u8).cast(), 1);
                    libc::read(done, (&mut r as *mut u8).cast(), 1);
                }
            })
        })
        .collect();
    threads.into_iter().for_each(|t| t.join().unwrap());
    let s = p.snapshot();
    let e = ebpf(&s);
    let h = e.runqueue_latency.value().unwrap();
    assert!(h.count > 0 && h.sum_ns > 0, "{h:?}");
    let (p50, p90, p99) = (h.p50_ns.unwrap(), h.p90_ns.unwrap(), h.p99_ns.unwrap());
    assert!(h.min_ns.unwrap() <= p50 && p50 <= p90 && p90 <= p99 && p99 <= h.max_ns.unwrap(), "{h:?}");
    // Twice as many spinners as CPUs: they wait for each other, for milliseconds.
    assert!(h.max_ns.unwrap() >= 1_000_000, "{h:?}");
    assert_eq!(h.count, h.buckets.iter().map(|b| b.count).sum::<u64>());
    // Preempted spinners are off CPU involuntarily.
    let preempted: u64 = workers
        .iter()
        .filter_map(|w| e.cpu_off_time.value().unwrap().iter().find(|t| t.pid == w.pid))
        .map(|t| t.involuntary_ns)
        .sum();
    assert!(preempted > 10_000_000, "spinners preempted for {preempted} ns");
    let total = e.since_attach.runqueue_latency.value().unwrap();
    assert!(total.count >= h.count);
}

/// A loop device over a file in the temp dir, detached on drop.
struct Loop {
    dev: String,
    file: std::path::PathBuf,
}

impl Loop {
    fn new() -> Option<Loop> {
        let file = std::env::temp_dir().join(format!("libprobe-ebpf-loop-{}", std::process::id()));
        std::fs::write(&file, vec![0u8; 8 << 20]).ok()?;
        let out = Command::new("losetup").args(["--find", "--show"]).arg(&file).output().ok()?;
        if !out.status.success() {
            let _ = std::fs::remove_file(&file);
            eprintln!("losetup: {}", String::from_utf8_lossy(&out.stderr));
            return None;
        }
        Some(Loop { dev: String::from_utf8_lossy(&out.stdout).trim().to_owned(), file })
    }
}

impl Drop for Loop {
    fn drop(&mut self) {
        let _ = Command::new("losetup").args(["-d", &self.dev]).status();
        let _ = std::fs::remove_file(&self.file);
    }
}

const BLOCK: usize = 64 << 10;
const BLOCKS: usize = 16;
static mut IO: (i32, usize) = (-1, 0);

/// BLOCKS writes then BLOCKS reads of BLOCK bytes, O_DIRECT, at the start of the device.
fn direct_io(_: usize) {
    // SAFETY: IO was set before fork; the buffer is BLOCK bytes, 4096-aligned.
    unsafe {
        let (fd, buf) = IO;
        for i in 0..BLOCKS {
            libc::pwrite(fd, buf as *const libc::c_void, BLOCK, (i * BLOCK) as i64);
        }
        for i in 0..BLOCKS {
            libc::pread(fd, buf as *mut libc::c_void, BLOCK, (i * BLOCK) as i64);
        }
    }
}

#[test]
fn direct_io_on_a_loop_device_is_exact_and_attributed() {
    need_root!("direct_io_on_a_loop_device_is_exact_and_attributed");
    let _g = LOCK.lock().unwrap_or_else(|e| e.into_inner());
    let Some(lo) = Loop::new() else {
        eprintln!("SKIPPED direct_io_on_a_loop_device_is_exact_and_attributed: no loop device");
        return;
    };
    let path = std::ffi::CString::new(lo.dev.as_str()).unwrap();
    // SAFETY: open/posix_memalign with valid arguments; the fd and buffer live until the
    // worker has finished.
    let (fd, buf) = unsafe {
        let fd = libc::open(path.as_ptr(), libc::O_RDWR | libc::O_DIRECT);
        assert!(fd >= 0, "open {}: {}", lo.dev, std::io::Error::last_os_error());
        let mut buf = std::ptr::null_mut();
        assert_eq!(libc::posix_memalign(&mut buf, 4096, BLOCK), 0);
        std::ptr::write_bytes(buf as *mut u8, 0x5a, BLOCK);
        IO = (fd, buf as usize);
        (fd, buf)
    };
    // Let udev's probe of the new device finish before the interval.
    let _ = Command::new("udevadm").args(["settle", "--timeout=5"]).status();
    std::thread::sleep(Duration::from_millis(200));
    let w = Worker::spawn(direct_io, 0);
    std::thread::sleep(Duration::from_millis(50));
    let mut p = attached(options("biolatency", "all"));
    w.run();
    std::thread::sleep(Duration::from_millis(50));
    let s = p.snapshot();
    let e = ebpf(&s);
    assert!(e.tracers[0].events.iter().any(|ev| ev.ends_with("block_io_start")), "{:?}", e.tracers[0]);
    let me = row(e.block_io_by_process.value().unwrap(), w.pid, |r| r.pid);
    let bytes = (BLOCKS * BLOCK) as u64;
    assert_eq!((me.write_bytes, me.read_bytes), (bytes, bytes), "{me:?}");
    assert!(me.writes >= BLOCKS as u64 && me.reads >= BLOCKS as u64, "{me:?}");
    assert!(me.read_latency_ns > 0 && me.write_latency_ns > 0);
    let name = lo.dev.trim_start_matches("/dev/");
    let devs = e.block_io_by_device.value().unwrap();
    let writes: Vec<_> = devs.iter().filter(|d| d.name.value().is_some_and(|n| n == name)).collect();
    let w_bytes: u64 =
        writes.iter().filter(|d| d.operation == libprobe::ebpf::BlockOperation::Write).map(|d| d.bytes).sum();
    assert_eq!(w_bytes, bytes, "{writes:?}");
    assert!(e.block_io_latency.value().unwrap().count >= 2 * BLOCKS as u64);
    drop(w);
    // SAFETY: fd and buf are ours; the worker has exited.
    unsafe {
        libc::close(fd);
        libc::free(buf);
    }
}

/// The BPF programs, links and maps a process holds, from its fdinfo.
fn bpf_ids(pid: i32) -> BTreeSet<String> {
    let mut ids = BTreeSet::new();
    let Ok(dir) = std::fs::read_dir(format!("/proc/{pid}/fdinfo")) else { return ids };
    for e in dir.flatten() {
        let Ok(text) = std::fs::read_to_string(e.path()) else { continue };
        for key in ["prog_id", "link_id", "map_id"] {
            if let Some(v) = text.lines().find_map(|l| l.strip_prefix(&format!("{key}:"))) {
                ids.insert(format!("{key}={}", v.trim()));
            }
        }
    }
    ids
}

/// The ids bpftool lists now (programs, links, maps).
fn bpftool_ids() -> BTreeSet<String> {
    if Command::new("bpftool").arg("version").output().is_err() {
        eprintln!("installing bpftool (the detach tests list programs with it)");
        let _ = Command::new("apt-get").args(["install", "-y", "-qq", "bpftool"]).status();
    }
    let mut ids = BTreeSet::new();
    for (what, key) in [("prog", "prog_id"), ("link", "link_id"), ("map", "map_id")] {
        let out = Command::new("bpftool").args(["-j", what, "show"]).output().expect("bpftool");
        let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap_or(serde_json::Value::Null);
        for item in v.as_array().into_iter().flatten() {
            if let Some(id) = item.get("id").and_then(|i| i.as_u64()) {
                ids.insert(format!("{key}={id}"));
            }
        }
    }
    ids
}

/// Waits until none of `ids` is listed by bpftool (links are released asynchronously).
fn gone(ids: &BTreeSet<String>) -> BTreeSet<String> {
    let deadline = Instant::now() + Duration::from_secs(10);
    loop {
        let left: BTreeSet<String> = bpftool_ids().intersection(ids).cloned().collect();
        if left.is_empty() || Instant::now() > deadline {
            return left;
        }
        std::thread::sleep(Duration::from_millis(100));
    }
}

#[test]
fn dropping_the_probe_detaches_everything() {
    need_root!("dropping_the_probe_detaches_everything");
    let _g = LOCK.lock().unwrap_or_else(|e| e.into_inner());
    let before = bpf_ids(std::process::id() as i32);
    let p = attached(options("all", "all"));
    let ours: BTreeSet<String> = bpf_ids(std::process::id() as i32).difference(&before).cloned().collect();
    let links = ours.iter().filter(|i| i.starts_with("link_id")).count();
    assert!(links >= 13, "{ours:?}");
    assert!(bpftool_ids().is_superset(&ours), "bpftool does not list {ours:?}");
    drop(p);
    let left = gone(&ours);
    assert!(left.is_empty(), "still attached after drop: {left:?}");
}

/// Run by the tests below in a child process: attaches every tracer, says so, and waits
/// (or, with `refuse`, prints how the domain went).
#[test]
fn helper() {
    let Ok(mode) = std::env::var("LIBPROBE_EBPF_HELPER") else { return };
    let mut p = Probe::new(options("all", "all"));
    let s = p.snapshot();
    let st = s.status(DomainName::Ebpf).unwrap();
    println!(
        "HELPER {} {} {}",
        libprobe::schema::EnumType::enum_value(&st.state).name,
        st.reason.map_or("-", |r| r.name()),
        serde_json::to_string(&st.warnings).unwrap()
    );
    if mode == "attach" {
        std::thread::sleep(Duration::from_secs(60));
    }
}

fn helper_child(mode: &str, wrap: &[&str]) -> std::process::Child {
    let exe = std::env::current_exe().unwrap();
    let mut cmd = match wrap.split_first() {
        Some((w, rest)) => {
            let mut c = Command::new(w);
            c.args(rest).arg(&exe);
            c
        }
        None => Command::new(&exe),
    };
    cmd.args(["--exact", "helper", "--nocapture", "--test-threads=1"])
        .env("LIBPROBE_EBPF_HELPER", mode)
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap()
}

fn helper_line(child: &mut std::process::Child) -> String {
    let out = child.stdout.take().unwrap();
    // The harness prints `test helper ... ` on the same line.
    BufReader::new(out)
        .lines()
        .map_while(Result::ok)
        .find_map(|l| l.find("HELPER ").map(|i| l[i..].to_owned()))
        .unwrap_or_default()
}

#[test]
fn sigkill_leaves_nothing_attached() {
    need_root!("sigkill_leaves_nothing_attached");
    let _g = LOCK.lock().unwrap_or_else(|e| e.into_inner());
    let mut child = helper_child("attach", &[]);
    let line = helper_line(&mut child);
    assert!(line.starts_with("HELPER collected"), "{line}");
    let ours = bpf_ids(child.id() as i32);
    assert!(ours.iter().filter(|i| i.starts_with("link_id")).count() >= 13, "{ours:?}");
    assert!(bpftool_ids().is_superset(&ours));
    child.kill().unwrap(); // SIGKILL
    child.wait().unwrap();
    let left = gone(&ours);
    assert!(left.is_empty(), "still attached after SIGKILL: {left:?}");
}

#[test]
fn without_capabilities_the_domain_is_refused_with_a_reason() {
    need_root!("without_capabilities_the_domain_is_refused_with_a_reason");
    let _g = LOCK.lock().unwrap_or_else(|e| e.into_inner());
    if Command::new("setpriv").arg("--version").output().is_err() {
        eprintln!("SKIPPED without_capabilities_the_domain_is_refused_with_a_reason: no setpriv");
        return;
    }
    // Root, but with CAP_BPF, CAP_PERFMON and CAP_SYS_ADMIN out of the bounding set (so
    // out of the child's capabilities after exec).
    let mut child = helper_child("refuse", &["setpriv", "--bounding-set=-bpf,-perfmon,-sys_admin", "--"]);
    let line = helper_line(&mut child);
    child.wait().unwrap();
    assert!(line.starts_with("HELPER skipped permission_denied"), "{line}");
    assert!(line.contains("CAP_BPF") && line.contains("CAP_PERFMON"), "{line}");
}

/// The first snapshot attaches; a domain with every tracer asked reports each.
#[test]
fn every_tracer_attaches_and_reports() {
    need_root!("every_tracer_attaches_and_reports");
    let _g = LOCK.lock().unwrap_or_else(|e| e.into_inner());
    let mut p = attached(options("all", "all"));
    std::thread::sleep(Duration::from_millis(100));
    let s = p.snapshot();
    assert_eq!(s.status(DomainName::Ebpf).unwrap().state, DomainState::Collected);
    let e = ebpf(&s);
    assert_eq!(e.tracers.len(), EbpfTracers::all().iter().count());
    for t in &e.tracers {
        assert_eq!((t.state, t.hook), (TracerState::Attached, Some(HookType::TpBtf)), "{t:?}");
        assert!(t.dropped.is_value());
    }
    let interval = e.interval_ns.get().unwrap();
    assert!((50_000_000..5_000_000_000).contains(&interval), "{interval}");
    assert!(e.since_attach.attached_ns >= interval);
    assert!(e.syscall_counts.is_value() && e.runqueue_latency.is_value() && e.cpu_off_time.is_value());
    assert!(e.block_io_by_device.is_value() && e.block_io_by_process.is_value());
}
