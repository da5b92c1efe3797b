//! `/proc/<pid>/limits`: the resource limits table.
//!
//! ```text
//! Limit                     Soft Limit           Hard Limit           Units
//! Max cpu time              unlimited            unlimited            seconds
//! Max open files            1024                 524288               files
//! Max realtime timeout      unlimited            unlimited            us
//! ```
//!
//! Row names contain spaces, so rows are matched by their known names; `unlimited` is
//! `u64::MAX` (`RLIM_INFINITY`). All sixteen rows exist since 2.6.25: a row missing, or
//! one whose soft or hard value is not a u64 or `unlimited`, leaves that limit (its soft
//! and hard values together) missing with a problem; the other rows are kept.

use crate::error::ParseError;
use crate::model::{Field, Reason};
use crate::parse::{Fields, Problems, lines, u64_dec};
use crate::process::{Limit, ProcessLimits};

/// The sixteen limits, each missing (`error`) when its row is absent or bad.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct PidLimits {
    pub limits: ProcessLimits,
    pub problems: Problems,
}

const ROWS: [&str; 16] = [
    "Max cpu time",
    "Max file size",
    "Max data size",
    "Max stack size",
    "Max core file size",
    "Max resident set",
    "Max processes",
    "Max open files",
    "Max locked memory",
    "Max address space",
    "Max file locks",
    "Max pending signals",
    "Max msgqueue size",
    "Max nice priority",
    "Max realtime priority",
    "Max realtime timeout",
];

pub(crate) fn parse(text: &[u8]) -> PidLimits {
    let mut got: [Option<Result<Limit, ParseError>>; 16] = std::array::from_fn(|_| None);
    for (i, line) in lines(text).enumerate().skip(1) {
        // The kernel prints the rows in this order: try the expected one first.
        let expected = i.checked_sub(1).filter(|&r| r < ROWS.len() && line.starts_with(ROWS[r].as_bytes()));
        let Some(row) = expected.or_else(|| ROWS.iter().position(|name| line.starts_with(name.as_bytes()))) else {
            continue;
        };
        // The kernel pads the columns (`%-25s %-20s %-20s`), so the values usually sit at
        // fixed offsets; anything else goes through the tokenizer below.
        if let (Some(soft), Some(hard)) = (line.get(26..46), line.get(47..67))
            && line.get(25) == Some(&b' ')
            && line.get(46) == Some(&b' ')
            && line.get(67).is_none_or(|&b| b == b' ')
            && let (Some(soft), Some(hard)) = (value(crate::parse::trim(soft)), value(crate::parse::trim(hard)))
        {
            got[row] = Some(Ok(Limit { soft, hard }));
            continue;
        }
        let mut f = Fields::new(&line[ROWS[row].len()..]);
        let limit =
            f.value("soft_limit", value).and_then(|soft| Ok(Limit { soft, hard: f.value("hard_limit", value)? }));
        got[row] = Some(limit.map_err(|e| e.at_line(i + 1)));
    }
    let mut problems = Problems::default();
    let mut take = |i: usize, name: &'static str| match got[i].take() {
        Some(Ok(l)) => Field::Value(l),
        Some(Err(e)) => {
            problems.push(e);
            Field::Missing(Reason::Error)
        }
        None => {
            problems.push(ParseError::missing(name));
            Field::Missing(Reason::Error)
        }
    };
    let limits = ProcessLimits {
        max_cpu_time: take(0, "max_cpu_time"),
        max_file_size: take(1, "max_file_size"),
        max_data_size: take(2, "max_data_size"),
        max_stack_size: take(3, "max_stack_size"),
        max_core_size: take(4, "max_core_size"),
        max_resident_set: take(5, "max_resident_set"),
        max_processes: take(6, "max_processes"),
        max_open_files: take(7, "max_open_files"),
        max_locked_memory: take(8, "max_locked_memory"),
        max_address_space: take(9, "max_address_space"),
        max_file_locks: take(10, "max_file_locks"),
        max_pending_signals: take(11, "max_pending_signals"),
        max_msgqueue_size: take(12, "max_msgqueue_size"),
        max_nice_priority: take(13, "max_nice_priority"),
        max_realtime_priority: take(14, "max_realtime_priority"),
        max_realtime_timeout: take(15, "max_realtime_timeout"),
    };
    PidLimits { limits, problems }
}

fn value(tok: &[u8]) -> Option<u64> {
    if tok == b"unlimited" { Some(Limit::UNLIMITED) } else { u64_dec(tok) }
}

#[cfg(test)]
pub(crate) const SAMPLE: &[u8] = b"Limit                     Soft Limit           Hard Limit           Units     \n\
Max cpu time              unlimited            unlimited            seconds   \n\
Max file size             unlimited            unlimited            bytes     \n\
Max data size             unlimited            unlimited            bytes     \n\
Max stack size            8388608              unlimited            bytes     \n\
Max core file size        0                    unlimited            bytes     \n\
Max resident set          unlimited            unlimited            bytes     \n\
Max processes             96364                96364                processes \n\
Max open files            1024                 524288               files     \n\
Max locked memory         8388608              8388608              bytes     \n\
Max address space         unlimited            unlimited            bytes     \n\
Max file locks            unlimited            unlimited            locks     \n\
Max pending signals       96364                96364                signals   \n\
Max msgqueue size         819200               819200               bytes     \n\
Max nice priority         0                    0                    \n\
Max realtime priority     0                    0                    \n\
Max realtime timeout      unlimited            unlimited            us        \n";

#[cfg(test)]
mod tests {
    use super::*;
    use crate::parse::corrupt;

    #[test]
    fn parses_all_sixteen() {
        let PidLimits { limits: l, problems } = parse(SAMPLE);
        assert!(problems.is_empty());
        let v = |soft, hard| Field::Value(Limit { soft, hard });
        assert_eq!(l.max_cpu_time, v(u64::MAX, u64::MAX));
        assert_eq!(l.max_stack_size, v(8388608, u64::MAX));
        assert_eq!(l.max_core_size, v(0, u64::MAX));
        assert_eq!(l.max_open_files, v(1024, 524288));
        assert_eq!(l.max_processes, v(96364, 96364));
        assert_eq!(l.max_msgqueue_size, v(819200, 819200));
        assert_eq!(l.max_nice_priority, v(0, 0));
        assert_eq!(l.max_realtime_timeout, v(u64::MAX, u64::MAX));
    }

    #[test]
    fn a_missing_row_or_bad_value_costs_only_its_limit() {
        let short: Vec<u8> = SAMPLE.split(|&b| b == b'\n').take(5).collect::<Vec<_>>().join(&b'\n');
        let PidLimits { limits, problems } = parse(&short);
        assert_eq!(limits.max_stack_size, Field::Value(Limit { soft: 8388608, hard: u64::MAX }));
        assert_eq!(limits.max_core_size, Field::Missing(Reason::Error));
        assert_eq!(problems.iter().next().unwrap().field(), Some("max_core_size"));
        let bad = b"Limit\nMax cpu time   lots   unlimited  seconds\n";
        let PidLimits { problems, .. } = parse(bad);
        let e = problems.iter().next().unwrap();
        assert_eq!((e.field(), e.line(), e.raw()), (Some("soft_limit"), Some(2), Some("\"lots\"")));
    }

    const FIELDS: [&str; 16] = [
        "max_cpu_time",
        "max_file_size",
        "max_data_size",
        "max_stack_size",
        "max_core_size",
        "max_resident_set",
        "max_processes",
        "max_open_files",
        "max_locked_memory",
        "max_address_space",
        "max_file_locks",
        "max_pending_signals",
        "max_msgqueue_size",
        "max_nice_priority",
        "max_realtime_priority",
        "max_realtime_timeout",
    ];

    #[test]
    fn one_field_corruption() {
        let row_of = |name: &str, field: &str, soft: &str, hard: &str, unit: &str| {
            format!("{name:<26}{{{{{field}={soft}}}}}  {{{{{field}={hard}}}}}   {unit}\n")
        };
        let mut t = String::from("Limit                     Soft Limit           Hard Limit           Units     \n");
        for (row, field) in ROWS.iter().zip(FIELDS) {
            t += &row_of(row, field, "1024", "unlimited", "units");
        }
        // Soft and hard are one field (a limit): corrupting either costs that limit.
        corrupt::check(&t, |b| {
            let PidLimits { limits: l, problems } = parse(b);
            let all = [
                l.max_cpu_time,
                l.max_file_size,
                l.max_data_size,
                l.max_stack_size,
                l.max_core_size,
                l.max_resident_set,
                l.max_processes,
                l.max_open_files,
                l.max_locked_memory,
                l.max_address_space,
                l.max_file_locks,
                l.max_pending_signals,
                l.max_msgqueue_size,
                l.max_nice_priority,
                l.max_realtime_priority,
                l.max_realtime_timeout,
            ];
            let mut out = Vec::new();
            for (name, v) in FIELDS.iter().zip(all) {
                let shown = match v {
                    Field::Value(l) => format!("Ok({l:?})"),
                    Field::Missing(_) => "Bad".to_string(),
                };
                out.push((name.to_string(), shown));
            }
            (out, problems.iter().map(ToString::to_string).collect())
        });
    }
}
