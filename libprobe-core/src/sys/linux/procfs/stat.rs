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
//! Each line is read alone, and each counter of it: a line that is missing or does not
//! parse costs only its own value (a `cpuN` line, its CPU's times — a CPU's mode times
//! are one value, since a share needs all of them), never the rest of the file. A
//! `cpuN` line whose number does not parse belongs to no CPU and is left out.

use crate::error::{Error, ParseError};
use crate::parse::{Fields, Problems, Val, lines, u64_dec};
use crate::source::Source;
use crate::system::CpuTimes;

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct Stat {
    /// The `cpu` line.
    pub total: Val<CpuTimes>,
    /// `(cpu id, times)` for each `cpuN` line, in file order.
    pub cpus: Vec<(u32, Val<CpuTimes>)>,
    pub context_switches: Val<u64>,
    pub interrupts: Val<u64>,
    /// Absent before 2.6.31.
    pub softirqs: Val<u64>,
    /// Unix seconds.
    pub boot_time: Val<u64>,
    pub forks: Val<u64>,
    pub procs_running: Val<u32>,
    pub procs_blocked: Val<u32>,
    pub problems: Problems,
}

pub(crate) fn read(src: &Source) -> Result<Stat, Error> {
    Ok(parse(&src.read_proc("stat")?))
}

pub(crate) fn parse(text: &[u8]) -> Stat {
    let mut s = Stat::default();
    let mut p = Problems::default();
    for (i, line) in lines(text).enumerate() {
        let mut f = Fields::new(line);
        let Some(key) = f.token() else { continue };
        let at = i + 1;
        match key {
            b"cpu" => s.total = p.take_at(times(&mut f), at),
            b"intr" => s.interrupts = p.take_at(f.u64("intr"), at),
            b"ctxt" => s.context_switches = p.take_at(f.u64("ctxt"), at),
            b"btime" => s.boot_time = p.take_at(f.u64("btime"), at),
            b"processes" => s.forks = p.take_at(f.u64("processes"), at),
            b"procs_running" => s.procs_running = p.take_at(f.u32("procs_running"), at),
            b"procs_blocked" => s.procs_blocked = p.take_at(f.u32("procs_blocked"), at),
            b"softirq" => s.softirqs = p.take_at(f.u64("softirq"), at),
            _ => {
                // 2.4 kernels also print `page`, `swap` and `disk_io` lines: not CPUs.
                let Some(id) = key.strip_prefix(b"cpu") else { continue };
                match u64_dec(id).and_then(|v| u32::try_from(v).ok()) {
                    Some(id) => s.cpus.push((id, p.take_at(times(&mut f), at))),
                    None => p.push(ParseError::bad("cpu", key).at_line(at)),
                }
            }
        }
    }
    // Every kernel prints these: one missing is a problem, not an old kernel.
    required(&mut s.total, "cpu", &mut p);
    required(&mut s.context_switches, "ctxt", &mut p);
    required(&mut s.interrupts, "intr", &mut p);
    required(&mut s.boot_time, "btime", &mut p);
    required(&mut s.forks, "processes", &mut p);
    required(&mut s.procs_running, "procs_running", &mut p);
    required(&mut s.procs_blocked, "procs_blocked", &mut p);
    s.problems = p;
    s
}

/// A value every kernel prints: absent is bad, with a problem.
fn required<T>(v: &mut Val<T>, name: &'static str, p: &mut Problems) {
    if matches!(v, Val::Absent) {
        p.push(ParseError::missing(name));
        *v = Val::Bad;
    }
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
    use crate::parse::corrupt::{self, listing};

    fn ok<T>(v: T) -> Val<T> {
        Val::Ok(v)
    }

    #[test]
    fn parses_a_current_kernel() {
        let s = parse(SAMPLE);
        assert!(s.problems.is_empty());
        assert_eq!(
            s.total,
            ok(CpuTimes {
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
            })
        );
        assert_eq!(s.cpus.len(), 2);
        let cpu1 = s.cpus[1].1.value().unwrap();
        assert_eq!((s.cpus[1].0, cpu1.user, cpu1.iowait), (1, 7210, 480));
        assert_eq!((s.context_switches, s.interrupts, s.softirqs), (ok(395514), ok(256806), ok(160813)));
        assert_eq!((s.boot_time, s.forks, s.procs_running, s.procs_blocked), (ok(1795627981), ok(12133), ok(1), ok(0)));
    }

    #[test]
    fn old_kernels_print_fewer_columns() {
        // 2.6.18: no guest, no guest_nice, no softirq line; 2.4: four columns and extra lines.
        let k2618 = b"cpu  100 2 30 4000 5 6 7 8\ncpu0 100 2 30 4000 5 6 7 8\nintr 9 0\nctxt 10\nbtime 11\n\
processes 12\nprocs_running 1\nprocs_blocked 0\n";
        let s = parse(k2618);
        let t = s.total.value().unwrap();
        assert_eq!((t.steal, t.guest, t.guest_nice), (8, 0, 0));
        assert_eq!(s.softirqs, Val::Absent);
        assert!(s.problems.is_empty());
        let k24 = b"cpu  1 2 3 4\ncpu0 1 2 3 4\npage 5 6\nswap 7 8\nintr 9\ndisk_io: (3,0):(1,1,2,0,0)\nctxt 10\n\
btime 11\nprocesses 12\nprocs_running 1\nprocs_blocked 0\n";
        let s = parse(k24);
        let t = s.total.value().unwrap();
        assert_eq!((t.idle, t.iowait, s.cpus.len()), (4, 0, 1));
        assert_eq!(s.cpus[0].1.value().map(|t| t.steal), Some(0));
    }

    #[test]
    fn offline_cpus_have_no_line() {
        let text = b"cpu  9 0 9 9\ncpu0 3 0 3 3\ncpu2 3 0 3 3\nintr 0\nctxt 0\nbtime 1\nprocesses 1\n\
procs_running 1\nprocs_blocked 0\n";
        let ids: Vec<u32> = parse(text).cpus.iter().map(|c| c.0).collect();
        assert_eq!(ids, vec![0, 2]);
    }

    #[test]
    fn a_bad_line_costs_only_its_value() {
        let text = b"cpu  9 0 9 9\ncpu0 3 0 3 3\ncpu1 3 0 3\nintr 0\nctxt x\nbtime 1\nprocesses 1\n\
procs_running 1\nprocs_blocked 0\nsoftirq x 1 2\n";
        let s = parse(text);
        assert!(s.cpus[0].1.is_ok());
        assert_eq!((s.cpus[1].1, s.softirqs, s.context_switches), (Val::Bad, Val::Bad, Val::Bad));
        assert_eq!((s.interrupts, s.boot_time), (ok(0), ok(1)));
        let p: Vec<_> = s.problems.iter().map(|e| (e.field(), e.line())).collect();
        assert_eq!(p, [(Some("idle"), Some(3)), (Some("ctxt"), Some(5)), (Some("softirq"), Some(10))]);
    }

    #[test]
    fn a_garbled_file_is_all_problems_never_a_panic() {
        let s = parse(b"cpu  1 2 3\n");
        assert_eq!((s.total, s.boot_time), (Val::Bad, Val::Bad));
        let first = s.problems.iter().next().unwrap();
        assert_eq!((first.field(), first.line()), (Some("idle"), Some(1)));
        let s = parse(b"cpu  1 2 3 4\ncpuX 1 2 3 4\n");
        assert_eq!(s.problems.iter().next().map(|e| (e.field(), e.line())), Some((Some("cpu"), Some(2))));
        assert!(!parse(b"").problems.is_empty());
        assert!(!parse(b"\xff\xfe\x00garbage\n\n").problems.is_empty());
    }

    #[test]
    fn one_field_corruption() {
        // A CPU's times are one value: corrupting a column costs that CPU's times only.
        corrupt::check(
            "cpu  {{total=13071}} 0 3214 388154 530 0 50 {{total=15}} 0 0\n\
cpu0 {{cpu0=5860}} 0 1446 {{cpu0=195110}} 49 0 15 3 0 0\ncpu1 7210 0 1767 {{cpu1:u64,pos=193043}} 480 0 34 11 0 0\n\
intr {{interrupts:u64,pos=256806}} 0 0 0 1\nctxt {{context_switches=395514}}\nbtime {{boot_time=1795627981}}\n\
processes {{forks=12133}}\nprocs_running {{procs_running:u32=1}}\nprocs_blocked {{procs_blocked:u32=0}}\n\
softirq {{softirqs:u64,pos=160813}} 0 30209 4\n",
            |b| {
                let s = parse(b);
                let mut l = listing!(s; total, interrupts, context_switches, boot_time, forks, procs_running,
                    procs_blocked, softirqs);
                for id in 0..2 {
                    let t = s.cpus.iter().find(|(i, _)| *i == id).map_or(Val::Absent, |(_, t)| *t);
                    l.push((format!("cpu{id}"), format!("{t:?}")));
                }
                (l, s.problems.iter().map(ToString::to_string).collect())
            },
        );
    }
}
