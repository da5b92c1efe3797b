//! Helpers shared by the process-table benchmark binaries (`libprobe_procs`,
//! `procfs_procs`, `floor_procs`).
//!
//! Every binary takes the same arguments and prints one JSON line on stdout:
//!
//! ```text
//! BIN [--repeat N]
//!   --repeat N   collect the process table N times in this process (default 1);
//!                N = 0 only starts and exits (the start-up floor, for syscall counts)
//! {"tool":"…","rows":1079,"errors":62,"inner_s":0.061,"inner_cpu_s":0.060,"iters_s":[0.061],
//!  "iters_cpu_s":[0.060],"checksum":…,"vm_hwm_kib":2048,…}
//! ```
//!
//! `inner_s` is the wall time of the first collection (a fresh process, as in the
//! whole-process runs) and `inner_cpu_s` the CPU time it used (`CLOCK_PROCESS_CPUTIME_ID`:
//! it leaves out time spent waiting for a CPU on a busy machine). `iters_s` and
//! `iters_cpu_s` hold every collection, so repeated runs give the steady-state cost of a
//! poller that is already running. The checksum folds values from every row so that the
//! compiler cannot drop the work.

use std::fmt::Write as _;
use std::time::Instant;

/// The namespace links libprobe reads for every process (`/proc/<pid>/ns/*`), which the
/// floor and the per-read costs read the same way.
pub const NAMESPACE_LINKS: [&std::ffi::CStr; 10] = [
    c"ns/cgroup",
    c"ns/ipc",
    c"ns/mnt",
    c"ns/net",
    c"ns/pid",
    c"ns/pid_for_children",
    c"ns/time",
    c"ns/time_for_children",
    c"ns/user",
    c"ns/uts",
];

/// Parsed command line of a benchmark binary.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Args {
    /// How many collections to run in this process.
    pub repeat: usize,
}

impl Args {
    /// Parses `--repeat N` from the process arguments; exits with status 2 on misuse.
    pub fn from_env() -> Args {
        match Args::parse(std::env::args().skip(1)) {
            Ok(a) => a,
            Err(e) => {
                eprintln!("{e}\nusage: {} [--repeat N]", std::env::args().next().unwrap_or_default());
                std::process::exit(2);
            }
        }
    }

    /// Parses an argument list (without the program name).
    pub fn parse(mut args: impl Iterator<Item = String>) -> Result<Args, String> {
        let mut out = Args { repeat: 1 };
        while let Some(a) = args.next() {
            match a.as_str() {
                "--repeat" => {
                    let v = args.next().ok_or("--repeat needs a value")?;
                    out.repeat = v.parse().map_err(|_| format!("bad --repeat value `{v}`"))?;
                }
                other => return Err(format!("unknown argument `{other}`")),
            }
        }
        Ok(out)
    }
}

/// What one collection saw.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Tally {
    /// Processes in the table.
    pub rows: u64,
    /// Reads that failed (kernel threads have no `exe`, another user's `io` is refused, …).
    pub errors: u64,
    /// Values folded together so that nothing is optimised away.
    pub checksum: u64,
}

impl Tally {
    /// Folds `v` into the checksum.
    #[inline]
    pub fn add(&mut self, v: u64) {
        self.checksum = self.checksum.rotate_left(5) ^ v.wrapping_mul(0x9E37_79B9_7F4A_7C15);
    }

    /// Folds the length and the first and last bytes of `b`.
    #[inline]
    pub fn add_bytes(&mut self, b: &[u8]) {
        let ends = (u64::from(b.first().copied().unwrap_or(0)) << 8) | u64::from(b.last().copied().unwrap_or(0));
        self.add((b.len() as u64) << 16 | ends);
    }

    /// Counts a process read through the procfs crate's `Process::stat()`: a row, and the
    /// stat fields every process-table anchor folds (pid, ppid, CPU ticks, RSS, start
    /// time, name).
    pub fn add_procfs_stat(&mut self, s: &procfs::process::Stat) {
        self.rows += 1;
        self.add(s.pid as u64);
        self.add(s.ppid as u64);
        self.add(s.utime.wrapping_add(s.stime));
        self.add(s.rss);
        self.add(s.starttime);
        self.add_bytes(s.comm.as_bytes());
    }

    /// Counts a result: folds the value with `fold`, or counts an error.
    #[inline]
    pub fn take<T, E>(&mut self, r: Result<T, E>, fold: impl FnOnce(&mut Tally, T)) {
        match r {
            Ok(v) => fold(self, v),
            Err(_) => self.errors += 1,
        }
    }
}

/// CPU time this process has used (user + system), in seconds, to the nanosecond.
pub fn cpu_time_s() -> f64 {
    let mut ts = libc::timespec { tv_sec: 0, tv_nsec: 0 };
    // SAFETY: `ts` is a valid, writable timespec.
    unsafe { libc::clock_gettime(libc::CLOCK_PROCESS_CPUTIME_ID, &mut ts) };
    ts.tv_sec as f64 + ts.tv_nsec as f64 / 1e9
}

/// Wall and CPU time of each collection.
#[derive(Debug, Default, Clone, PartialEq)]
pub struct Timings {
    pub wall_s: Vec<f64>,
    pub cpu_s: Vec<f64>,
}

impl Timings {
    /// Times one collection.
    pub fn time<T>(&mut self, f: impl FnOnce() -> T) -> T {
        let (t0, c0) = (Instant::now(), cpu_time_s());
        let out = f();
        self.cpu_s.push(cpu_time_s() - c0);
        self.wall_s.push(t0.elapsed().as_secs_f64());
        out
    }
}

/// Runs `collect` `args.repeat` times and returns every timing with the last tally.
pub fn run(args: Args, mut collect: impl FnMut() -> Tally) -> (Timings, Tally) {
    let mut times = Timings::default();
    let mut last = Tally::default();
    for _ in 0..args.repeat {
        last = times.time(&mut collect);
    }
    (times, last)
}

/// This process's peak resident set (`VmHWM` in `/proc/self/status`), in KiB.
///
/// Unlike a parent's `ru_maxrss` it is reset by `exec`, so it does not include the
/// launcher's address space.
pub fn vm_hwm_kib() -> u64 {
    let text = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    text.lines()
        .find_map(|l| l.strip_prefix("VmHWM:"))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
        .unwrap_or(0)
}

fn push_list(s: &mut String, xs: &[f64]) {
    s.push('[');
    for (i, v) in xs.iter().enumerate() {
        let _ = write!(s, "{}{v:.6}", if i == 0 { "" } else { "," });
    }
    s.push(']');
}

/// The JSON line every benchmark binary prints. `extra` is appended as
/// `"key":value` pairs (values already JSON).
pub fn report(tool: &str, times: &Timings, t: Tally, extra: &[(&str, String)]) -> String {
    let mut s = String::with_capacity(256);
    let inner = times.wall_s.first().copied().unwrap_or(0.0);
    let inner_cpu = times.cpu_s.first().copied().unwrap_or(0.0);
    let _ = write!(
        s,
        "{{\"tool\":\"{tool}\",\"rows\":{},\"errors\":{},\"inner_s\":{inner:.6},\"inner_cpu_s\":{inner_cpu:.6}",
        t.rows, t.errors
    );
    s.push_str(",\"iters_s\":");
    push_list(&mut s, &times.wall_s);
    s.push_str(",\"iters_cpu_s\":");
    push_list(&mut s, &times.cpu_s);
    let _ = write!(s, ",\"checksum\":{},\"vm_hwm_kib\":{}", t.checksum, vm_hwm_kib());
    for (k, v) in extra {
        let _ = write!(s, ",\"{k}\":{v}");
    }
    s.push('}');
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    fn args(v: &[&str]) -> Result<Args, String> {
        Args::parse(v.iter().map(|s| s.to_string()))
    }

    #[test]
    fn parses_repeat() {
        assert_eq!(args(&[]).unwrap().repeat, 1);
        assert_eq!(args(&["--repeat", "0"]).unwrap().repeat, 0);
        assert_eq!(args(&["--repeat", "7"]).unwrap().repeat, 7);
        assert!(args(&["--repeat"]).is_err());
        assert!(args(&["--repeat", "x"]).is_err());
        assert!(args(&["--bogus"]).is_err());
    }

    #[test]
    fn report_is_one_json_line() {
        let t = Tally { rows: 3, errors: 1, checksum: 42 };
        let times = Timings { wall_s: vec![0.5, 0.25], cpu_s: vec![0.4, 0.2] };
        let line = report("x", &times, t, &[("extra", "7".into())]);
        assert!(line.starts_with(
            "{\"tool\":\"x\",\"rows\":3,\"errors\":1,\"inner_s\":0.500000,\"inner_cpu_s\":0.400000,\
             \"iters_s\":[0.500000,0.250000],\"iters_cpu_s\":[0.400000,0.200000]"
        ));
        assert!(line.ends_with(",\"extra\":7}"));
        assert!(!line.contains('\n'));
    }

    #[test]
    fn tally_counts_errors_and_folds_values() {
        let mut t = Tally::default();
        t.take(Ok::<u64, ()>(5), |t, v| t.add(v));
        t.take(Err::<u64, ()>(()), |t, v| t.add(v));
        t.add_bytes(b"abc");
        assert_eq!(t.errors, 1);
        assert_ne!(t.checksum, 0);
    }

    #[test]
    fn times_wall_and_cpu() {
        let mut t = Timings::default();
        let v = t.time(|| (0..100_000u64).fold(0u64, |a, x| a.wrapping_add(x * x)));
        assert!(v > 0);
        assert_eq!((t.wall_s.len(), t.cpu_s.len()), (1, 1));
        assert!(t.cpu_s[0] >= 0.0 && t.wall_s[0] >= 0.0);
    }

    #[test]
    fn reads_own_peak_rss() {
        assert!(vm_hwm_kib() > 0);
    }
}
