//! The raw floor of the process table's `stat` fields: list `/proc` (`getdents64`), then
//! per process what libprobe's `/proc` path makes for them: an `O_PATH` handle on
//! `/proc/<pid>`, `openat` + `read` + `close` of `stat`, `close` of the handle. No
//! parsing, no records.
//!
//! usage: floor_procs_stat [--repeat N]

use libprobe_bench::{Args, Tally, report, run};

fn main() {
    let args = Args::from_env();
    let mut buf = vec![0u8; 4096];
    let (times, tally) = run(args, || {
        let mut t = Tally::default();
        let Ok(dir) = std::fs::read_dir("/proc") else { return t };
        for e in dir.flatten() {
            let name = e.file_name();
            let Some(pid) = name.to_str().filter(|s| s.bytes().all(|b| b.is_ascii_digit())) else { continue };
            let path = std::ffi::CString::new(format!("/proc/{pid}")).unwrap();
            // SAFETY: plain syscalls on valid NUL-terminated paths and an owned buffer.
            unsafe {
                let d = libc::open(path.as_ptr(), libc::O_PATH | libc::O_DIRECTORY | libc::O_CLOEXEC);
                if d < 0 {
                    continue;
                }
                let f = libc::openat(d, c"stat".as_ptr(), libc::O_RDONLY | libc::O_CLOEXEC);
                if f >= 0 {
                    let n = libc::read(f, buf.as_mut_ptr().cast(), buf.len());
                    if n > 0 {
                        t.rows += 1;
                        t.add_bytes(&buf[..n as usize]);
                    } else {
                        t.errors += 1;
                    }
                    libc::close(f);
                }
                libc::close(d);
            }
        }
        t
    });
    println!("{}", report("floor_stat", &times, tally, &[]));
}
