//! The raw floor: the system calls libprobe's process collector makes, with its read
//! strategy, and nothing else — no parsing, no records.
//!
//! Once per table: list `/proc` (`getdents64`), read `/proc/stat`, `/proc/meminfo`,
//! `/proc/sys/kernel/osrelease` and `/proc/self/mountinfo` (libprobe reads them for boot
//! time, total memory, the kernel version and the cgroup mounts). Per process, through
//! one `O_PATH` handle on `/proc/<pid>`, in libprobe's order:
//!
//! * read `stat`, `status`, `io`, `cmdline`, `limits`, `oom_score`, `oom_score_adj`,
//!   `schedstat`, `cgroup`: `openat` + `read` + `close`, one `read` when it returns less
//!   than the buffer (the buffer starts at 4 KiB and grows when filled, as libprobe's);
//! * `readlinkat` `exe`, `cwd`, `root` and the ten `ns/*` links; `fstatat` `exe` (the
//!   executable's link count) only when the link ends in " (deleted)", as libprobe does;
//! * the number of open descriptors: `fstatat` `fd` (its size is the count since Linux
//!   6.2), or on older kernels `openat` + `getdents64` until it returns 0 + `close`.
//!
//! `LIBPROBE_FLOOR_FD=getdents` lists `fd/` on any kernel and `LIBPROBE_FLOOR_EXE_STAT=1`
//! stats every `exe` (libprobe's strategy before it took those shortcuts), to price them.
//!
//! Not mirrored: libprobe also reads the limit files of each *distinct* cgroup once per
//! snapshot (a handful here); the harness reports libprobe's syscalls apart.
//!
//! usage: floor_procs [--repeat N]

use std::ffi::CStr;
use std::os::fd::RawFd;

use libprobe_bench::{Args, NAMESPACE_LINKS, Tally, report, run};

/// Reads an open file into `buf`: until EOF, or (`whole`) until a read that does not fill
/// the buffer. Grows the buffer as libprobe's reader does.
fn read_fd(fd: RawFd, buf: &mut Vec<u8>, whole: bool) -> bool {
    buf.clear();
    loop {
        if buf.len() == buf.capacity() {
            buf.reserve(buf.capacity().max(4096));
        }
        let spare = buf.capacity() - buf.len();
        // SAFETY: the pointer is to `spare` writable bytes reserved after `len`.
        let n = unsafe { libc::read(fd, buf.as_mut_ptr().add(buf.len()).cast(), spare) };
        if n < 0 {
            return false;
        }
        let n = n as usize;
        // SAFETY: `read` initialised `n` bytes after the old length.
        unsafe { buf.set_len(buf.len() + n) };
        if n == 0 || (whole && n < spare) {
            return true;
        }
    }
}

fn open_at(dir: RawFd, name: &CStr, flags: i32) -> Option<RawFd> {
    // SAFETY: `name` is a C string; `dir` is an open descriptor or AT_FDCWD.
    let fd = unsafe { libc::openat(dir, name.as_ptr(), flags | libc::O_CLOEXEC) };
    (fd >= 0).then_some(fd)
}

fn close(fd: RawFd) {
    // SAFETY: `fd` was opened by this program and is closed once.
    unsafe { libc::close(fd) };
}

/// `openat` + read + `close` of `name` below `dir`.
fn read_at(dir: RawFd, name: &CStr, buf: &mut Vec<u8>, whole: bool) -> bool {
    let Some(fd) = open_at(dir, name, libc::O_RDONLY) else { return false };
    let ok = read_fd(fd, buf, whole);
    close(fd);
    ok
}

fn readlink_at(dir: RawFd, name: &CStr, buf: &mut Vec<u8>) -> bool {
    buf.clear();
    buf.reserve(256);
    let room = buf.capacity();
    // SAFETY: `buf` has `room` writable bytes; `name` is a C string.
    let n = unsafe { libc::readlinkat(dir, name.as_ptr(), buf.as_mut_ptr().cast(), room) };
    if n < 0 {
        return false;
    }
    // SAFETY: readlinkat wrote `n` (<= room) bytes.
    unsafe { buf.set_len(n as usize) };
    true
}

fn stat_at(dir: RawFd, name: &CStr) -> Option<libc::stat> {
    let mut st = std::mem::MaybeUninit::<libc::stat>::uninit();
    // SAFETY: `st` is writable memory of the right type; `name` is a C string.
    let rc = unsafe { libc::fstatat(dir, name.as_ptr(), st.as_mut_ptr(), 0) };
    // SAFETY: fstatat returned 0, so it filled `st`.
    (rc == 0).then(|| unsafe { st.assume_init() })
}

/// Calls `f` with each entry name of the open directory `fd` (`.` and `..` included).
fn dents(fd: RawFd, space: &mut [u8], mut f: impl FnMut(&[u8])) -> bool {
    loop {
        // SAFETY: `space` is writable for its length; getdents64 writes whole records.
        let n = unsafe { libc::syscall(libc::SYS_getdents64, fd, space.as_mut_ptr(), space.len()) };
        if n < 0 {
            return false;
        }
        if n == 0 {
            return true;
        }
        let mut off = 0usize;
        while off + 19 <= n as usize {
            let reclen = usize::from(u16::from_ne_bytes([space[off + 16], space[off + 17]]));
            if reclen == 0 {
                return false;
            }
            let name = &space[off + 19..off + reclen];
            f(&name[..name.iter().position(|&b| b == 0).unwrap_or(name.len())]);
            off += reclen;
        }
    }
}

struct Floor {
    proc_fd: RawFd,
    /// Count descriptors by the size of `fd/` (Linux 6.2+) instead of listing it.
    fd_by_size: bool,
    /// Stat every `exe`, not only a " (deleted)" one.
    exe_stat_always: bool,
    buf: Vec<u8>,
    link: Vec<u8>,
    space: Vec<u8>,
    pids: Vec<i32>,
}

impl Floor {
    fn new() -> Floor {
        let Some(proc_fd) = open_at(libc::AT_FDCWD, c"/proc", libc::O_PATH | libc::O_DIRECTORY) else {
            eprintln!("floor_procs: cannot open /proc");
            std::process::exit(1);
        };
        let mut buf = Vec::new();
        let release = if read_at(proc_fd, c"sys/kernel/osrelease", &mut buf, false) { buf.clone() } else { Vec::new() };
        let fd_by_size =
            std::env::var("LIBPROBE_FLOOR_FD").map_or(true, |v| v != "getdents") && at_least(&release, (6, 2));
        let exe_stat_always = std::env::var("LIBPROBE_FLOOR_EXE_STAT").is_ok_and(|v| v == "1");
        Floor {
            proc_fd,
            fd_by_size,
            exe_stat_always,
            buf,
            link: Vec::new(),
            space: vec![0; 32 * 1024],
            pids: Vec::new(),
        }
    }

    fn list(&mut self) {
        self.pids.clear();
        let Some(fd) = open_at(self.proc_fd, c".", libc::O_RDONLY | libc::O_DIRECTORY) else { return };
        let pids = &mut self.pids;
        dents(fd, &mut self.space, |name| {
            if !name.is_empty() && name.iter().all(u8::is_ascii_digit) {
                let v = name.iter().fold(0i64, |a, &d| a * 10 + i64::from(d - b'0'));
                pids.extend(i32::try_from(v).ok());
            }
        });
        close(fd);
        pids.sort_unstable();
    }

    fn collect(&mut self) -> Tally {
        let mut t = Tally::default();
        self.list();
        for rel in [c"stat", c"meminfo", c"sys/kernel/osrelease", c"self/mountinfo"] {
            if read_at(self.proc_fd, rel, &mut self.buf, false) {
                t.add_bytes(&self.buf);
            }
        }
        for i in 0..self.pids.len() {
            self.process(self.pids[i], &mut t);
        }
        t
    }

    /// A file read in one piece, or an error counted.
    fn file(&mut self, dir: RawFd, name: &CStr, t: &mut Tally) {
        if read_at(dir, name, &mut self.buf, true) {
            t.add_bytes(&self.buf);
        } else {
            t.errors += 1;
        }
    }

    fn link(&mut self, dir: RawFd, name: &CStr, t: &mut Tally) -> bool {
        let ok = readlink_at(dir, name, &mut self.link);
        if ok {
            t.add_bytes(&self.link);
        } else {
            t.errors += 1;
        }
        ok
    }

    /// One process, in libprobe's order.
    fn process(&mut self, pid: i32, t: &mut Tally) {
        let mut digits = [0u8; 16];
        let Some(name) = decimal(pid, &mut digits) else { return };
        let Some(dir) = open_at(self.proc_fd, name, libc::O_PATH | libc::O_DIRECTORY) else { return };
        if !read_at(dir, c"stat", &mut self.buf, true) {
            close(dir);
            return;
        }
        t.rows += 1;
        t.add_bytes(&self.buf);
        for f in [c"status", c"io", c"cmdline"] {
            self.file(dir, f, t);
        }
        if self.link(dir, c"exe", t) && (self.exe_stat_always || self.link.ends_with(b" (deleted)")) {
            t.add(stat_at(dir, c"exe").map_or(0, |st| st.st_nlink));
        }
        self.link(dir, c"cwd", t);
        self.link(dir, c"root", t);
        for f in [c"limits", c"oom_score", c"oom_score_adj", c"schedstat"] {
            self.file(dir, f, t);
        }
        if self.fd_by_size {
            match stat_at(dir, c"fd") {
                Some(st) => t.add(st.st_size as u64),
                None => t.errors += 1,
            }
        } else {
            match open_at(dir, c"fd", libc::O_RDONLY | libc::O_DIRECTORY) {
                Some(fd) => {
                    let mut n = 0u64;
                    dents(fd, &mut self.space, |_| n += 1);
                    close(fd);
                    t.add(n);
                }
                None => t.errors += 1,
            }
        }
        // One error for the namespaces, as the other anchors count them.
        let mut ns_ok = true;
        for l in NAMESPACE_LINKS {
            if readlink_at(dir, l, &mut self.link) {
                t.add_bytes(&self.link);
            } else {
                ns_ok = false;
            }
        }
        t.errors += u64::from(!ns_ok);
        self.file(dir, c"cgroup", t);
        close(dir);
    }
}

/// Whether a kernel release (`6.18.44-…`) is at least `major.minor`.
fn at_least(release: &[u8], want: (u64, u64)) -> bool {
    let mut nums = release
        .split(|b| !b.is_ascii_digit())
        .filter(|p| !p.is_empty())
        .map(|p| p.iter().try_fold(0u64, |a, &d| a.checked_mul(10)?.checked_add(u64::from(d - b'0'))));
    match (nums.next().flatten(), nums.next().flatten()) {
        (Some(a), Some(b)) => (a, b) >= want,
        _ => false,
    }
}

/// `v` in decimal as a C string in `buf`.
fn decimal(v: i32, buf: &mut [u8; 16]) -> Option<&CStr> {
    let mut n = v.unsigned_abs();
    let mut digits = [0u8; 12];
    let mut i = digits.len();
    loop {
        i -= 1;
        digits[i] = b'0' + (n % 10) as u8;
        n /= 10;
        if n == 0 {
            break;
        }
    }
    let len = digits.len() - i;
    buf[..len].copy_from_slice(&digits[i..]);
    buf[len] = 0;
    CStr::from_bytes_with_nul(&buf[..=len]).ok()
}

fn main() {
    let args = Args::from_env();
    let mut floor = Floor::new();
    let (times, t) = run(args, || floor.collect());
    let strategy = [
        ("fd_count", format!("\"{}\"", if floor.fd_by_size { "stat" } else { "getdents" })),
        ("exe_stat", format!("\"{}\"", if floor.exe_stat_always { "always" } else { "deleted_only" })),
    ];
    println!("{}", report("floor", &times, t, &strategy));
}
