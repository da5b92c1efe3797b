//! Where the floor's time goes: the cost of each per-process read libprobe makes, alone.
//!
//! Opens an `O_PATH` handle on every `/proc/<pid>` first, then for each item below runs
//! it over all processes, `--rounds` times (default 5), and reports the median time per
//! process in microseconds, with the syscalls the item costs:
//!
//! * files (`stat`, `status`, …, `cgroup`): `openat` + `read` + `close` (one read);
//! * links (`exe`, `cwd`, `root`, `ns/*`): `readlinkat`;
//! * `fd (stat size)`: `fstatat` (Linux 6.2+); `fd (getdents)`: `openat` + `getdents64`
//!   until 0 + `close`; `exe (stat)`: `fstatat` following the link;
//! * `open /proc/<pid>`: `openat` + `close` of the `O_PATH` handle itself.
//!
//! usage: proc_files [--rounds N]
//! Prints one JSON line: {"rows":…,"items":[{"item":…,"us_per_process":…,"syscalls":…},…]}

use std::ffi::{CStr, CString};
use std::os::fd::RawFd;
use std::time::Instant;

const FILES: [&CStr; 9] =
    [c"stat", c"status", c"io", c"cmdline", c"limits", c"oom_score", c"oom_score_adj", c"schedstat", c"cgroup"];
fn open_at(dir: RawFd, name: &CStr, flags: i32) -> RawFd {
    // SAFETY: `name` is a C string; `dir` is an open descriptor or AT_FDCWD.
    unsafe { libc::openat(dir, name.as_ptr(), flags | libc::O_CLOEXEC) }
}

fn close(fd: RawFd) {
    // SAFETY: `fd` was opened here and is closed once.
    unsafe { libc::close(fd) };
}

fn read_file(dir: RawFd, name: &CStr, buf: &mut [u8]) -> u64 {
    let fd = open_at(dir, name, libc::O_RDONLY);
    if fd < 0 {
        return 0;
    }
    // SAFETY: `buf` is writable for its length.
    let n = unsafe { libc::read(fd, buf.as_mut_ptr().cast(), buf.len()) };
    close(fd);
    n.max(0) as u64
}

fn readlink(dir: RawFd, name: &CStr, buf: &mut [u8]) -> u64 {
    // SAFETY: `buf` is writable for its length; `name` is a C string.
    let n = unsafe { libc::readlinkat(dir, name.as_ptr(), buf.as_mut_ptr().cast(), buf.len()) };
    n.max(0) as u64
}

fn stat_at(dir: RawFd, name: &CStr) -> u64 {
    let mut st = std::mem::MaybeUninit::<libc::stat>::uninit();
    // SAFETY: `st` is writable memory of the right type; `name` is a C string.
    let rc = unsafe { libc::fstatat(dir, name.as_ptr(), st.as_mut_ptr(), 0) };
    // SAFETY: fstatat returned 0, so it filled `st`.
    if rc == 0 { unsafe { st.assume_init() }.st_size as u64 } else { 0 }
}

fn count_dir(dir: RawFd, name: &CStr, space: &mut [u8]) -> u64 {
    let fd = open_at(dir, name, libc::O_RDONLY | libc::O_DIRECTORY);
    if fd < 0 {
        return 0;
    }
    let mut total = 0u64;
    loop {
        // SAFETY: `space` is writable for its length.
        let n = unsafe { libc::syscall(libc::SYS_getdents64, fd, space.as_mut_ptr(), space.len()) };
        if n <= 0 {
            break;
        }
        total += n as u64;
    }
    close(fd);
    total
}

fn pids() -> Vec<i32> {
    let mut out: Vec<i32> = std::fs::read_dir("/proc")
        .map(|d| d.filter_map(|e| e.ok()?.file_name().to_str()?.parse().ok()).collect())
        .unwrap_or_default();
    out.sort_unstable();
    out
}

fn main() {
    let mut rounds = 5usize;
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        match (a.as_str(), args.next().and_then(|v| v.parse().ok())) {
            ("--rounds", Some(n)) if n > 0 => rounds = n,
            _ => {
                eprintln!("usage: proc_files [--rounds N]");
                std::process::exit(2);
            }
        }
    }
    let proc_fd = open_at(libc::AT_FDCWD, c"/proc", libc::O_PATH | libc::O_DIRECTORY);
    if proc_fd < 0 {
        eprintln!("proc_files: cannot open /proc");
        std::process::exit(1);
    }
    let names: Vec<CString> = pids().into_iter().filter_map(|p| CString::new(p.to_string()).ok()).collect();
    let dirs: Vec<RawFd> =
        names.iter().map(|n| open_at(proc_fd, n, libc::O_PATH | libc::O_DIRECTORY)).filter(|&fd| fd >= 0).collect();
    let rows = dirs.len().max(1) as f64;
    let mut buf = vec![0u8; 4096];
    let mut space = vec![0u8; 32 * 1024];
    let mut sink = 0u64;
    let mut items: Vec<(String, f64, u32)> = Vec::new();

    let mut time = |label: String, syscalls: u32, f: &mut dyn FnMut(RawFd) -> u64| {
        let mut per: Vec<f64> = (0..rounds)
            .map(|_| {
                let t0 = Instant::now();
                for &d in &dirs {
                    sink = sink.wrapping_add(f(d));
                }
                t0.elapsed().as_secs_f64() * 1e6 / rows
            })
            .collect();
        per.sort_by(f64::total_cmp);
        items.push((label, per[per.len() / 2], syscalls));
    };

    let mut idx = 0usize;
    time("open /proc/<pid>".into(), 2, &mut |_| {
        let fd = open_at(proc_fd, &names[idx % names.len()], libc::O_PATH | libc::O_DIRECTORY);
        idx += 1;
        if fd >= 0 {
            close(fd);
        }
        fd.max(0) as u64
    });
    for f in FILES {
        time(f.to_string_lossy().into_owned(), 3, &mut |d| read_file(d, f, &mut buf));
    }
    for l in [c"exe", c"cwd", c"root"].into_iter().chain(libprobe_bench::NAMESPACE_LINKS) {
        time(format!("{} (link)", l.to_string_lossy()), 1, &mut |d| readlink(d, l, &mut buf));
    }
    time("fd (stat size)".into(), 1, &mut |d| stat_at(d, c"fd"));
    time("fd (getdents)".into(), 4, &mut |d| count_dir(d, c"fd", &mut space));
    time("exe (stat)".into(), 1, &mut |d| stat_at(d, c"exe"));

    let total: f64 = items.iter().filter(|(l, ..)| l != "fd (getdents)" && l != "exe (stat)").map(|i| i.1).sum();
    let mut s = format!("{{\"tool\":\"proc_files\",\"rows\":{},\"rounds\":{rounds},\"items\":[", dirs.len());
    for (i, (label, us, sc)) in items.iter().enumerate() {
        s += &format!(
            "{}{{\"item\":\"{label}\",\"us_per_process\":{us:.3},\"syscalls\":{sc}}}",
            if i == 0 { "" } else { "," }
        );
    }
    s += &format!("],\"libprobe_set_us_per_process\":{total:.3},\"checksum\":{sink}}}");
    println!("{s}");
    for d in dirs {
        close(d);
    }
}
