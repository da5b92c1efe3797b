//! Live tests of the ebpf domain's memory and file tracers: known work driven in child
//! processes, and the numbers the tracers report for exactly those processes (the machine
//! is shared: other processes' rows are never looked at).
//!
//! - `faults`: a child touching N fresh anonymous pages has at least N minor faults, and
//!   not many more; one reading a file-backed mapping whose pages were evicted from the
//!   page cache has major faults, one per page with readahead off.
//! - `mmap`: a child making N mmap() calls (and one failing) has exactly N + 1, with every
//!   hook type (`tracepoint` is another event: syscalls/sys_enter_mmap); 32-bit calls
//!   (`int 0x80`) with the native mmap number (compat `link`) are not counted.
//! - `opens`: a child opening a known path N times, then a missing one and one longer than
//!   255 bytes, gives exactly those N + 2 events with their flags and results; past option
//!   `max_open_events` the events are bounded and the rest counted.
//! - `filelat`: a child making N writes and N reads of a regular file: both histograms hold
//!   at least N calls (they are the whole machine's: other processes' reads count too),
//!   with ordered percentiles.
//!
//! Needs root (as another user every test prints `SKIPPED`). The tests take one lock, so
//! that no probe of this file counts another test's children by accident.

#![cfg(target_os = "linux")]

use std::time::Duration;

use libprobe::Field;
use libprobe::ebpf::HookType;

mod common;
use common::ebpf::{LOCK, Worker, attached, ebpf, need_root, options, row};

const PAGE: usize = 4096;

/// Touches `n` fresh anonymous pages, one byte each.
fn touch_anonymous(n: usize) {
    // SAFETY: a private anonymous mapping of n pages, written within bounds, unmapped.
    unsafe {
        let p = libc::mmap(
            std::ptr::null_mut(),
            n * PAGE,
            libc::PROT_READ | libc::PROT_WRITE,
            libc::MAP_PRIVATE | libc::MAP_ANONYMOUS,
            -1,
            0,
        );
        if p == libc::MAP_FAILED {
            libc::_exit(3);
        }
        // No transparent huge page: one fault per page.
        libc::madvise(p, n * PAGE, libc::MADV_NOHUGEPAGE);
        for i in 0..n {
            std::ptr::write_volatile((p as *mut u8).add(i * PAGE), 1);
        }
        libc::munmap(p, n * PAGE);
    }
}

/// The file `read_file_pages` maps: its fd, opened before fork.
static mut FILE_FD: i32 = -1;

/// Reads one byte of each of `n` pages of FILE_FD through a shared mapping, readahead off.
fn read_file_pages(n: usize) {
    // SAFETY: a read-only mapping of n pages of a file at least that long, read in bounds.
    unsafe {
        let p = libc::mmap(std::ptr::null_mut(), n * PAGE, libc::PROT_READ, libc::MAP_SHARED, FILE_FD, 0);
        if p == libc::MAP_FAILED {
            libc::_exit(3);
        }
        libc::madvise(p, n * PAGE, libc::MADV_RANDOM);
        for i in 0..n {
            std::ptr::read_volatile((p as *const u8).add(i * PAGE));
        }
        libc::munmap(p, n * PAGE);
    }
}

const ANON_PAGES: usize = 2000;
const FILE_PAGES: usize = 64;

fn faults_of(hook: &str) {
    let w = Worker::spawn(touch_anonymous, ANON_PAGES);
    std::thread::sleep(Duration::from_millis(50)); // the child is blocked in its read
    let mut p = attached(options("faults", hook));
    w.run();
    // Its exit reports its last counts (the fault under way at its last event).
    let pid = w.pid;
    drop(w);
    let s = p.snapshot();
    let e = ebpf(&s);
    let t = &e.tracers[0];
    assert_eq!(t.dropped, Field::Value(0), "{t:?}");
    let me = row(e.page_faults.value().unwrap(), pid, |r| r.pid);
    eprintln!("{hook}: {me:?}");
    // Each page once, plus the few of the child's own stack, the pipe write and its exit.
    assert!((ANON_PAGES as u64..ANON_PAGES as u64 + 32).contains(&me.minor), "{me:?}");
    assert_eq!(me.major, 0, "{me:?}");
    // Since attach: the same one interval, given now that its thread exited (and, first
    // seen in the exit ring, kept one snapshot more), then forgotten.
    let total = row(e.since_attach.page_faults.value().unwrap(), pid, |r| r.pid);
    assert_eq!((total.minor, total.major), (me.minor, me.major), "{total:?}");
    p.snapshot();
    let s = p.snapshot();
    assert!(ebpf(&s).since_attach.page_faults.value().unwrap().iter().all(|r| r.pid != pid));
}

#[test]
fn touching_anonymous_pages_is_that_many_minor_faults() {
    need_root!("touching_anonymous_pages_is_that_many_minor_faults");
    let _g = LOCK.lock().unwrap_or_else(|e| e.into_inner());
    faults_of("tp_btf");
    faults_of("raw_tp");
    faults_of("tracepoint");
}

#[test]
fn reading_evicted_file_pages_is_major_faults() {
    need_root!("reading_evicted_file_pages_is_major_faults");
    let _g = LOCK.lock().unwrap_or_else(|e| e.into_inner());
    let path = std::env::temp_dir().join(format!("libprobe-ebpf-faults-{}", std::process::id()));
    std::fs::write(&path, vec![0x5au8; FILE_PAGES * PAGE]).unwrap();
    let file = std::fs::File::open(&path).unwrap();
    use std::os::fd::AsRawFd;
    let fd = file.as_raw_fd();
    // SAFETY: fsync and fadvise on our own fd: the file's clean pages leave the page cache
    // (only this file's: the machine's other caches stay).
    unsafe {
        assert_eq!(libc::fsync(fd), 0);
        assert_eq!(libc::posix_fadvise(fd, 0, 0, libc::POSIX_FADV_DONTNEED), 0);
        FILE_FD = fd;
    }
    let w = Worker::spawn(read_file_pages, FILE_PAGES);
    std::thread::sleep(Duration::from_millis(50));
    let mut p = attached(options("faults", "all"));
    assert_eq!(ebpf(&p.snapshot()).tracers[0].hook, Some(HookType::TpBtf));
    w.run();
    let pid = w.pid;
    drop(w);
    let s = p.snapshot();
    let me = row(ebpf(&s).page_faults.value().unwrap(), pid, |r| r.pid);
    eprintln!("file: {me:?}");
    // Readahead off: each page is read when it faults (a page something else brought back
    // meanwhile would be a minor fault: none should, but the bound allows a few).
    assert!((FILE_PAGES as u64 - 8..=FILE_PAGES as u64).contains(&me.major), "{me:?}");
    assert!(me.minor + me.major >= FILE_PAGES as u64, "{me:?}");
    drop(file);
    let _ = std::fs::remove_file(&path);
}

const MMAPS: usize = 300;

/// `n` anonymous one-page mappings, each unmapped, then one mmap() that fails (EINVAL).
fn mmap_calls(n: usize) {
    // SAFETY: anonymous mappings of one page, unmapped at once; a zero-length mmap fails.
    unsafe {
        for _ in 0..n {
            let p =
                libc::mmap(std::ptr::null_mut(), PAGE, libc::PROT_READ, libc::MAP_PRIVATE | libc::MAP_ANONYMOUS, -1, 0);
            if p != libc::MAP_FAILED {
                libc::munmap(p, PAGE);
            }
        }
        libc::mmap(std::ptr::null_mut(), 0, libc::PROT_READ, libc::MAP_PRIVATE | libc::MAP_ANONYMOUS, -1, 0);
    }
}

/// A 32-bit system call from this 64-bit process (`int 0x80`, the compat entry): the
/// compat table's number `nr`, first argument whatever ebx holds, second NULL.
///
/// # Safety
/// Only with a call that fails on a NULL second argument (EFAULT), or takes none.
#[cfg(target_arch = "x86_64")]
unsafe fn compat_call(nr: i64) -> i64 {
    let mut ret = nr;
    // SAFETY: int 0x80 reads eax and ebx..ebp as arguments and writes eax; the caller
    // chose a call with no effect (see above).
    unsafe {
        std::arch::asm!("int 0x80", inout("rax") ret, in("rcx") 0u64, out("r8") _, out("r9") _, out("r10") _,
                        out("r11") _, options(nostack));
    }
    ret
}

/// Whether `int 0x80` works here (the kernel's IA-32 emulation is on): tried in a child,
/// which a disabled emulation kills.
#[cfg(target_arch = "x86_64")]
fn compat_calls_work() -> bool {
    // SAFETY: the child makes raw syscalls and _exits; compat getpid (20) takes no argument.
    unsafe {
        let pid = libc::fork();
        if pid == 0 {
            libc::_exit(if compat_call(20) == i64::from(libc::getpid()) { 0 } else { 1 });
        }
        let mut status = 0;
        libc::waitpid(pid, &mut status, 0) == pid && libc::WIFEXITED(status) && libc::WEXITSTATUS(status) == 0
    }
}

/// COMPAT_LINKS compat calls with the native mmap number (9: `link` in the compat table,
/// failing with EFAULT on its NULL second path): none is an mmap.
const COMPAT_LINKS: usize = 40;

#[cfg(target_arch = "x86_64")]
fn compat_links(n: usize) {
    for _ in 0..n {
        // SAFETY: compat link(ebx, NULL) fails with EFAULT.
        unsafe { compat_call(libc::SYS_mmap) };
    }
    mmap_calls(MMAPS);
}

#[test]
fn mmap_calls_are_counted_exactly() {
    need_root!("mmap_calls_are_counted_exactly");
    let _g = LOCK.lock().unwrap_or_else(|e| e.into_inner());
    for (hooks, hook) in
        [("tp_btf", HookType::TpBtf), ("raw_tp", HookType::RawTp), ("tracepoint", HookType::Tracepoint)]
    {
        let w = Worker::spawn(mmap_calls, MMAPS);
        std::thread::sleep(Duration::from_millis(50));
        let mut p = attached(options("mmap", hooks));
        w.run();
        let s = p.snapshot();
        let e = ebpf(&s);
        assert_eq!((e.tracers[0].hook, e.tracers[0].dropped), (Some(hook), Field::Value(0)), "{:?}", e.tracers[0]);
        let event = if hook == HookType::Tracepoint { "syscalls/sys_enter_mmap" } else { "raw_syscalls/sys_enter" };
        assert!(e.tracers[0].events.iter().any(|e| e == event), "{:?}", e.tracers[0].events);
        let me = row(e.mmap_count.value().unwrap(), w.pid, |r| r.pid);
        assert_eq!(me.count, MMAPS as u64 + 1, "{hooks}: {me:?}");
        assert_eq!(row(e.since_attach.mmap_count.value().unwrap(), w.pid, |r| r.pid).count, me.count);
        // Nothing more after the work: the process is idle, then gone; its total is given
        // a last time at the snapshot after its exit.
        drop(w);
        let s = p.snapshot();
        assert!(ebpf(&s).mmap_count.value().unwrap().iter().all(|r| r.pid != me.pid));
        assert_eq!(row(ebpf(&s).since_attach.mmap_count.value().unwrap(), me.pid, |r| r.pid).count, me.count);
        let s = p.snapshot();
        assert!(ebpf(&s).since_attach.mmap_count.value().unwrap().iter().all(|r| r.pid != me.pid));
    }
}

#[test]
#[cfg(target_arch = "x86_64")]
fn compat_calls_with_the_mmap_number_are_not_mmaps() {
    need_root!("compat_calls_with_the_mmap_number_are_not_mmaps");
    let _g = LOCK.lock().unwrap_or_else(|e| e.into_inner());
    if !compat_calls_work() {
        eprintln!("SKIPPED compat_calls_with_the_mmap_number_are_not_mmaps: no IA-32 emulation (int 0x80)");
        return;
    }
    // raw_syscalls reports a compat call's own number; syscalls/sys_enter_mmap never fires
    // for one.
    for hooks in ["tp_btf", "raw_tp", "tracepoint"] {
        let w = Worker::spawn(compat_links, COMPAT_LINKS);
        std::thread::sleep(Duration::from_millis(50));
        let mut p = attached(options("mmap", hooks));
        w.run();
        let s = p.snapshot();
        let me = row(ebpf(&s).mmap_count.value().unwrap(), w.pid, |r| r.pid);
        assert_eq!(me.count, MMAPS as u64 + 1, "{hooks}: {me:?}");
    }
}

/// The paths `open_paths` opens: (existing, missing, too long), NUL-terminated, set before
/// fork.
static mut PATHS: [*const libc::c_char; 3] = [std::ptr::null(); 3];

/// Opens PATHS[0] `n` times (closing each), then PATHS[1] and PATHS[2] once (both fail).
fn open_paths(n: usize) {
    // SAFETY: NUL-terminated paths that outlive the child's work; fds closed.
    unsafe {
        for _ in 0..n {
            let fd = libc::openat(libc::AT_FDCWD, PATHS[0], libc::O_RDONLY | libc::O_CLOEXEC);
            if fd >= 0 {
                libc::close(fd);
            }
        }
        libc::open(PATHS[1], libc::O_WRONLY);
        libc::open(PATHS[2], libc::O_RDONLY);
    }
}

struct Paths {
    file: std::path::PathBuf,
    c: [std::ffi::CString; 3],
}

impl Paths {
    fn new() -> Paths {
        let file = std::env::temp_dir().join(format!("libprobe-ebpf-opens-{}", std::process::id()));
        std::fs::write(&file, b"x").unwrap();
        let missing = format!("{}-missing", file.display());
        let long = format!("/nonexistent/{}", "d".repeat(300));
        let c = [file.to_str().unwrap(), missing.as_str(), long.as_str()].map(|p| std::ffi::CString::new(p).unwrap());
        // SAFETY: the CStrings live in self, past the worker that reads them.
        unsafe { PATHS = [c[0].as_ptr(), c[1].as_ptr(), c[2].as_ptr()] };
        Paths { file, c }
    }
}

impl Drop for Paths {
    fn drop(&mut self) {
        let _ = std::fs::remove_file(&self.file);
    }
}

const OPENS: usize = 50;

#[test]
fn opens_of_a_known_path_are_exact_events() {
    need_root!("opens_of_a_known_path_are_exact_events");
    let _g = LOCK.lock().unwrap_or_else(|e| e.into_inner());
    let paths = Paths::new();
    for hooks in ["tp_btf", "raw_tp", "tracepoint"] {
        let w = Worker::spawn(open_paths, OPENS);
        std::thread::sleep(Duration::from_millis(50));
        let mut p = attached(options("opens", hooks));
        w.run();
        let s = p.snapshot();
        let e = ebpf(&s);
        assert_eq!(e.tracers[0].dropped, Field::Value(0), "{:?}", e.tracers[0]);
        assert_eq!(e.file_opens_dropped, Field::Value(0));
        let mine: Vec<_> = e.file_opens.value().unwrap().iter().filter(|o| o.pid == w.pid).collect();
        assert_eq!(mine.len(), OPENS + 2, "{hooks}: {mine:?}");
        let (ok, failed) = mine.split_at(OPENS);
        for o in ok {
            assert_eq!(o.path.as_bytes(), paths.c[0].to_bytes());
            assert_eq!((o.flags, o.path_truncated, o.tid), ((libc::O_RDONLY | libc::O_CLOEXEC) as u32, false, w.pid));
            assert!(o.result >= 0, "{o:?}");
        }
        assert!(mine.windows(2).all(|w| w[0].monotonic_ns <= w[1].monotonic_ns));
        assert_eq!((failed[0].path.as_bytes(), failed[0].flags), (paths.c[1].to_bytes(), libc::O_WRONLY as u32));
        assert_eq!(failed[0].result, -libc::ENOENT as i64);
        assert_eq!(failed[1].path.as_bytes(), &paths.c[2].to_bytes()[..255]);
        assert!(failed[1].path_truncated && failed[1].result < 0, "{:?}", failed[1]);
    }
}

#[test]
fn opens_past_the_bound_are_counted() {
    need_root!("opens_past_the_bound_are_counted");
    let _g = LOCK.lock().unwrap_or_else(|e| e.into_inner());
    let _paths = Paths::new();
    let many = 500;
    let w = Worker::spawn(open_paths, many);
    std::thread::sleep(Duration::from_millis(50));
    let mut o = options("opens", "all");
    o.ebpf.max_open_events = 16;
    let mut p = attached(o);
    w.run();
    let s = p.snapshot();
    let e = ebpf(&s);
    let listed = e.file_opens.value().unwrap();
    assert!(listed.len() <= 16, "{}", listed.len());
    let mine = listed.iter().filter(|o| o.pid == w.pid).count() as u64;
    let dropped = e.file_opens_dropped.get().unwrap();
    // Every one of the child's opens is listed or counted (the count holds others' too).
    assert!(mine + dropped >= many as u64 + 2, "listed {mine}, dropped {dropped}");
    // The ring (16 KiB: about 49 events) could not hold them all: the kernel side counted.
    assert!(e.tracers[0].dropped.get().unwrap() > 0, "{:?}", e.tracers[0]);
}

const IOS: usize = 200;

/// IOS pwrites then IOS preads of one page at FILE_FD (opened read-write before fork).
fn file_io(n: usize) {
    let mut buf = [0x42u8; PAGE];
    // SAFETY: a PAGE-byte buffer, FILE_FD valid in the child.
    unsafe {
        for i in 0..n {
            libc::pwrite(FILE_FD, buf.as_ptr().cast(), PAGE, (i * PAGE) as i64);
        }
        for i in 0..n {
            libc::pread(FILE_FD, buf.as_mut_ptr().cast(), PAGE, (i * PAGE) as i64);
        }
    }
}

#[test]
fn file_reads_and_writes_have_latencies() {
    need_root!("file_reads_and_writes_have_latencies");
    let _g = LOCK.lock().unwrap_or_else(|e| e.into_inner());
    let path = std::env::temp_dir().join(format!("libprobe-ebpf-filelat-{}", std::process::id()));
    let file = std::fs::OpenOptions::new().read(true).write(true).create(true).truncate(true).open(&path).unwrap();
    use std::os::fd::AsRawFd;
    // SAFETY: set before fork, read by the child only.
    unsafe { FILE_FD = file.as_raw_fd() };
    for hooks in ["tp_btf", "raw_tp", "tracepoint"] {
        let w = Worker::spawn(file_io, IOS);
        std::thread::sleep(Duration::from_millis(50));
        let mut p = attached(options("filelat", hooks));
        w.run();
        let s = p.snapshot();
        let e = ebpf(&s);
        assert_eq!(e.tracers[0].dropped, Field::Value(0), "{:?}", e.tracers[0]);
        for (what, h) in
            [("reads", e.file_read_latency.value().unwrap()), ("writes", e.file_write_latency.value().unwrap())]
        {
            eprintln!("{hooks} {what}: count {} p50 {:?} p99 {:?}", h.count, h.p50_ns, h.p99_ns);
            assert!(h.count >= IOS as u64, "{hooks} {what}: {h:?}");
            assert_eq!(h.count, h.buckets.iter().map(|b| b.count).sum::<u64>());
            let (p50, p99) = (h.p50_ns.unwrap(), h.p99_ns.unwrap());
            assert!(h.min_ns.unwrap() <= p50 && p50 <= p99 && p99 <= h.max_ns.unwrap(), "{h:?}");
            assert!(h.sum_ns >= h.count * h.min_ns.unwrap());
        }
        let total = e.since_attach.file_write_latency.value().unwrap();
        assert!(total.count >= IOS as u64);
    }
    drop(file);
    let _ = std::fs::remove_file(&path);
}
