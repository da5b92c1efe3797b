//! A small launcher: runs a command as a child and reports what it cost as a whole
//! process — wall time from spawn to reap, user and system CPU and `ru_maxrss` from
//! `wait4`.
//!
//! usage: bench_exec OUTFILE CMD [ARGS...]
//!
//! The child keeps this program's stdin, stdout and stderr. One line goes to OUTFILE:
//! `{"wall_ns":…,"user_us":…,"sys_us":…,"maxrss_kib":…,"status":…}`. The exit status is
//! the child's (128 + signal when it was killed).
//!
//! A launcher this small keeps `ru_maxrss` honest: a child's `ru_maxrss` counts the
//! address space it had before `exec`, which for a Python parent is about 25 MiB.

use std::process::Command;
use std::time::Instant;

fn main() {
    let mut args = std::env::args_os().skip(1);
    let (Some(out), Some(cmd)) = (args.next(), args.next()) else {
        eprintln!("usage: bench_exec OUTFILE CMD [ARGS...]");
        std::process::exit(2);
    };
    let t0 = Instant::now();
    let child = match Command::new(&cmd).args(args).spawn() {
        Ok(c) => c,
        Err(e) => {
            eprintln!("bench_exec: cannot run {}: {e}", cmd.to_string_lossy());
            std::process::exit(127);
        }
    };
    let pid = child.id() as libc::pid_t;
    let mut status = 0;
    // SAFETY: an all-zero rusage is a valid value of this plain C struct.
    let mut ru: libc::rusage = unsafe { std::mem::zeroed() };
    let rc = loop {
        // SAFETY: `status` and `ru` are valid for writes; `pid` is our child.
        let rc = unsafe { libc::wait4(pid, &mut status, 0, &mut ru) };
        if rc >= 0 || std::io::Error::last_os_error().kind() != std::io::ErrorKind::Interrupted {
            break rc;
        }
    };
    let wall = t0.elapsed();
    if rc < 0 {
        eprintln!("bench_exec: wait4: {}", std::io::Error::last_os_error());
        std::process::exit(2);
    }
    // The child is reaped; `Child` does not wait on drop.
    drop(child);
    let us = |t: libc::timeval| t.tv_sec * 1_000_000 + t.tv_usec;
    let line = format!(
        "{{\"wall_ns\":{},\"user_us\":{},\"sys_us\":{},\"maxrss_kib\":{},\"status\":{status}}}\n",
        wall.as_nanos(),
        us(ru.ru_utime),
        us(ru.ru_stime),
        ru.ru_maxrss
    );
    if let Err(e) = std::fs::write(&out, line) {
        eprintln!("bench_exec: cannot write {}: {e}", out.to_string_lossy());
        std::process::exit(2);
    }
    let code = if libc::WIFEXITED(status) {
        libc::WEXITSTATUS(status)
    } else if libc::WIFSIGNALED(status) {
        128 + libc::WTERMSIG(status)
    } else {
        1
    };
    std::process::exit(code);
}
