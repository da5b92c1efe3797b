//! `/proc/stat`: CPU time per mode, summed and per CPU, and the kernel's activity counters.
//!
//! ```text
//! cpu  13071 0 3214 388154 530 0 50 15 0 0
//! cpu0 5860 0 1446 195110 49 0 15 3 0 0
//! cpu1 7210 0 1767 193043 480 0 34 11 0 0
//! intr 256806 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 1 1 15 0 0 0 0 405 85 …
//! ctxt 395514
//! btime 1795627981
//! processes 12133
//! procs_running 1
//! procs_blocked 0
//! softirq 160813 0 30209 4 2600 38656 0 84 44758 0 44502
//! ```
//!
//! (Documentation/filesystems/proc.rst, "1.7 Miscellaneous kernel statistics".)
//!
//! - CPU columns are clock ticks: user nice system idle iowait irq softirq steal guest
//!   guest_nice. Kernels grew them one at a time (iowait, irq and softirq in 2.6.0, steal
//!   in 2.6.11, guest in 2.6.24, guest_nice in 2.6.33). A trailing column an older kernel
//!   does not print is read as 0: that kernel did not account the mode separately, so the
//!   time is in the other columns and sums stay right. The first four are required.
//! - `user` already includes `guest` and `nice` includes `guest_nice`.
//! - `cpuN` lines exist only for online CPUs, while the `cpu` line sums every possible
//!   CPU: after a CPU goes offline the two no longer add up.
//! - Idle and iowait are not monotonic per CPU: an idle period in progress is counted as
//!   iowait or idle depending on what is waiting at the moment of the read, so time moves
//!   between the two (their sum grows), and a CPU brought back online can restart its
//!   idle count lower.
//! - `intr` starts with the total (interrupts without a number included), then one column
//!   per IRQ number, thousands on large machines; only the total is kept. `softirq` has
//!   the same shape (2.6.31+).
//! - `btime` is derived from the wall clock: it moves when the clock is stepped.
//!
//! The machine-wide lines are required. A `cpuN` or `softirq` line that does not parse
//! keeps its error in place of its values, so one bad line costs only its own fields.

use crate::error::{Error, ParseError};
use crate::parse::{Fields, lines, u64_dec};
use crate::source::Source;
use crate::system::CpuTimes;

#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Stat {
    /// The `cpu` line.
    pub total: CpuTimes,
    /// `(cpu id, times)` for each `cpuN` line, in file order.
    pub cpus: Vec<(u32, Result<CpuTimes, ParseError>)>,
    pub context_switches: u64,
    pub interrupts: u64,
    /// `None` before 2.6.31.
    pub softirqs: Option<Result<u64, ParseError>>,
    /// Unix seconds.
    pub boot_time: u64,
    pub forks: u64,
    pub procs_running: u32,
    pub procs_blocked: u32,
}

pub(crate) fn read(src: &Source) -> Result<Stat, Error> {
    let text = src.read_proc("stat")?;
    parse(&text).map_err(|e| e.in_file(src.proc_path("stat")))
}

pub(crate) fn parse(text: &[u8]) -> Result<Stat, ParseError> {
    let mut total = None;
    let mut cpus = Vec::new();
    let (mut ctxt, mut intr, mut softirq, mut btime) = (None, None, None, None);
    let (mut forks, mut running, mut blocked) = (None, None, None);
    for (i, line) in lines(text).enumerate() {
        let at = |e: ParseError| e.at_line(i + 1);
        let mut f = Fields::new(line);
        let Some(key) = f.token() else { continue };
        match key {
            b"cpu" => total = Some(times(&mut f).map_err(at)?),
            b"intr" => intr = Some(f.u64("intr").map_err(at)?),
            b"ctxt" => ctxt = Some(f.u64("ctxt").map_err(at)?),
            b"btime" => btime = Some(f.u64("btime").map_err(at)?),
            b"processes" => forks = Some(f.u64("processes").map_err(at)?),
            b"procs_running" => running = Some(f.u32("procs_running").map_err(at)?),
            b"procs_blocked" => blocked = Some(f.u32("procs_blocked").map_err(at)?),
            b"softirq" => softirq = Some(f.u64("softirq").map_err(at)),
            _ => {
                // 2.4 kernels also print `page`, `swap` and `disk_io` lines: not CPUs.
                let Some(id) = key.strip_prefix(b"cpu") else { continue };
                let id =
                    u64_dec(id).and_then(|v| u32::try_from(v).ok()).ok_or_else(|| at(ParseError::invalid("cpu")))?;
                cpus.push((id, times(&mut f).map_err(at)));
            }
        }
    }
    Ok(Stat {
        total: total.ok_or(ParseError::missing("cpu"))?,
        cpus,
        context_switches: ctxt.ok_or(ParseError::missing("ctxt"))?,
        interrupts: intr.ok_or(ParseError::missing("intr"))?,
        softirqs: softirq,
        boot_time: btime.ok_or(ParseError::missing("btime"))?,
        forks: forks.ok_or(ParseError::missing("processes"))?,
        procs_running: running.ok_or(ParseError::missing("procs_running"))?,
        procs_blocked: blocked.ok_or(ParseError::missing("procs_blocked"))?,
    })
}

fn times(f: &mut Fields<'_>) -> Result<CpuTimes, ParseError> {
    Ok(CpuTimes {
        user: f.u64("user")?,
        nice: f.u64("nice")?,
        system: f.u64("system")?,
        idle: f.u64("idle")?,
        iowait: f.opt_u64("iowait")?.unwrap_or(0),
        irq: f.opt_u64("irq")?.unwrap_or(0),
        softirq: f.opt_u64("softirq")?.unwrap_or(0),
        steal: f.opt_u64("steal")?.unwrap_or(0),
        guest: f.opt_u64("guest")?.unwrap_or(0),
        guest_nice: f.opt_u64("guest_nice")?.unwrap_or(0),
    })
}

#[cfg(test)]
pub(crate) const SAMPLE: &[u8] = b"cpu  13071 0 3214 388154 530 0 50 15 0 0
cpu0 5860 0 1446 195110 49 0 15 3 0 0
cpu1 7210 0 1767 193043 480 0 34 11 0 0
intr 256806 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 1 1 15 0 0 0 0 405 85 0 45 1 38656
ctxt 395514
btime 1795627981
processes 12133
procs_running 1
procs_blocked 0
softirq 160813 0 30209 4 2600 38656 0 84 44758 0 44502
";

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_a_current_kernel() {
        let s = parse(SAMPLE).unwrap();
        assert_eq!(
            s.total,
            CpuTimes {
                user: 13071,
                nice: 0,
                system: 3214,
                idle: 388154,
                iowait: 530,
                irq: 0,
                softirq: 50,
                steal: 15,
                guest: 0,
                guest_nice: 0
            }
        );
        assert_eq!(s.cpus.len(), 2);
        let cpu1 = s.cpus[1].1.as_ref().unwrap();
        assert_eq!((s.cpus[1].0, cpu1.user, cpu1.iowait), (1, 7210, 480));
        assert_eq!((s.context_switches, s.interrupts, s.softirqs), (395514, 256806, Some(Ok(160813))));
        assert_eq!((s.boot_time, s.forks, s.procs_running, s.procs_blocked), (1795627981, 12133, 1, 0));
    }

    #[test]
    fn old_kernels_print_fewer_columns() {
        // 2.6.18: no guest, no guest_nice, no softirq line; 2.4: four columns and extra lines.
        let k2618 = b"cpu  100 2 30 4000 5 6 7 8\ncpu0 100 2 30 4000 5 6 7 8\nintr 9 0\nctxt 10\nbtime 11\n\
processes 12\nprocs_running 1\nprocs_blocked 0\n";
        let s = parse(k2618).unwrap();
        assert_eq!((s.total.steal, s.total.guest, s.total.guest_nice), (8, 0, 0));
        assert_eq!(s.softirqs, None);
        let k24 = b"cpu  1 2 3 4\ncpu0 1 2 3 4\npage 5 6\nswap 7 8\nintr 9\ndisk_io: (3,0):(1,1,2,0,0)\nctxt 10\n\
btime 11\nprocesses 12\nprocs_running 1\nprocs_blocked 0\n";
        let s = parse(k24).unwrap();
        assert_eq!((s.total.idle, s.total.iowait, s.cpus.len()), (4, 0, 1));
        assert_eq!(s.cpus[0].1.as_ref().map(|t| t.steal), Ok(0));
    }

    #[test]
    fn offline_cpus_have_no_line() {
        let text = b"cpu  9 0 9 9\ncpu0 3 0 3 3\ncpu2 3 0 3 3\nintr 0\nctxt 0\nbtime 1\nprocesses 1\n\
procs_running 1\nprocs_blocked 0\n";
        let ids: Vec<u32> = parse(text).unwrap().cpus.iter().map(|c| c.0).collect();
        assert_eq!(ids, vec![0, 2]);
    }

    #[test]
    fn a_bad_cpu_or_softirq_line_keeps_its_error() {
        let text = b"cpu  9 0 9 9\ncpu0 3 0 3 3\ncpu1 3 0 3\nintr 0\nctxt 0\nbtime 1\nprocesses 1\n\
procs_running 1\nprocs_blocked 0\nsoftirq x 1 2\n";
        let s = parse(text).unwrap();
        assert!(s.cpus[0].1.is_ok());
        let e = s.cpus[1].1.as_ref().unwrap_err();
        assert_eq!((e.field(), e.line()), (Some("idle"), Some(3)));
        let e = s.softirqs.unwrap().unwrap_err();
        assert_eq!((e.field(), e.line()), (Some("softirq"), Some(10)));
    }

    #[test]
    fn short_or_garbled_lines_are_errors() {
        let e = parse(b"cpu  1 2 3\n").unwrap_err();
        assert_eq!((e.field(), e.line()), (Some("idle"), Some(1)));
        let e = parse(b"cpu  1 2 3 4 x\n").unwrap_err();
        assert_eq!((e.field(), e.line()), (Some("iowait"), Some(1)));
        let e = parse(b"cpu  1 2 3 4\ncpuX 1 2 3 4\n").unwrap_err();
        assert_eq!((e.field(), e.line()), (Some("cpu"), Some(2)));
        let e = parse(b"cpu  1 2 3 4\nctxt\n").unwrap_err();
        assert_eq!((e.field(), e.line()), (Some("ctxt"), Some(2)));
        assert_eq!(parse(b"cpu 1 2 3 4\nintr 1\nctxt 1\n").unwrap_err().field(), Some("btime"));
        assert_eq!(parse(b"").unwrap_err().field(), Some("cpu"));
        assert!(parse(b"\xff\xfe\x00garbage\n\n").is_err());
    }
}
