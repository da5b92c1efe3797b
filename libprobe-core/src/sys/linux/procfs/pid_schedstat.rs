//! `/proc/<pid>/schedstat`: time on CPU, time waiting for a CPU, and timeslices.
//!
//! ```text
//! 459507 19594 3
//! ```
//!
//! Nanoseconds, of the thread-group leader alone (`proc_pid_schedstat` prints the task's
//! own `se.sum_exec_runtime`, `sched_info.run_delay` and `pcount`; each thread's are in
//! `task/<tid>/schedstat`), with CONFIG_SCHED_INFO.

use crate::parse::{Fields, Problems, Val};

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct SchedStat {
    pub run_time_ns: Val<u64>,
    pub run_delay_ns: Val<u64>,
    pub timeslices: Val<u64>,
    pub problems: Problems,
}

pub(crate) fn parse(text: &[u8]) -> SchedStat {
    let mut f = Fields::new(text);
    let mut p = Problems::default();
    SchedStat {
        run_time_ns: p.take(f.u64("run_time_ns")),
        run_delay_ns: p.take(f.u64("run_delay_ns")),
        timeslices: p.take(f.u64("timeslices")),
        problems: p,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::parse::corrupt::{self, listing};

    #[test]
    fn parses() {
        let s = parse(b"459507 19594 3\n");
        assert_eq!((s.run_time_ns, s.run_delay_ns, s.timeslices), (Val::Ok(459507), Val::Ok(19594), Val::Ok(3)));
        let s = parse(b"1 2");
        assert_eq!((s.run_delay_ns, s.timeslices), (Val::Ok(2), Val::Bad));
        assert_eq!(s.problems.iter().next().unwrap().field(), Some("timeslices"));
    }

    #[test]
    fn one_field_corruption() {
        corrupt::check("{{run_time_ns=459507}} {{run_delay_ns=19594}} {{timeslices=3}}\n", |b| {
            let s = parse(b);
            (listing!(s; run_time_ns, run_delay_ns, timeslices), s.problems.iter().map(ToString::to_string).collect())
        });
    }
}
