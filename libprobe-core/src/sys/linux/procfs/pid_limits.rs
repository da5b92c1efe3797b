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
//! `u64::MAX` (`RLIM_INFINITY`). A row this kernel does not print stays unlimited only if
//! it is absent from the kernel entirely — all sixteen exist since 2.6.25, so a missing
//! row is a parse error.

use crate::error::ParseError;
use crate::parse::{Fields, lines, u64_dec};
use crate::process::{Limit, ProcessLimits};

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

pub(crate) fn parse(text: &[u8]) -> Result<ProcessLimits, ParseError> {
    let mut got: [Option<Limit>; 16] = [None; 16];
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
            got[row] = Some(Limit { soft, hard });
            continue;
        }
        let mut f = Fields::new(&line[ROWS[row].len()..]);
        let soft = value(f.next("soft_limit").map_err(|e| e.at_line(i + 1))?)
            .ok_or_else(|| ParseError::invalid("soft_limit").at_line(i + 1))?;
        let hard = value(f.next("hard_limit").map_err(|e| e.at_line(i + 1))?)
            .ok_or_else(|| ParseError::invalid("hard_limit").at_line(i + 1))?;
        got[row] = Some(Limit { soft, hard });
    }
    let take = |i: usize, name: &'static str| got[i].ok_or(ParseError::missing(name));
    Ok(ProcessLimits {
        max_cpu_time: take(0, "max_cpu_time")?,
        max_file_size: take(1, "max_file_size")?,
        max_data_size: take(2, "max_data_size")?,
        max_stack_size: take(3, "max_stack_size")?,
        max_core_size: take(4, "max_core_size")?,
        max_resident_set: take(5, "max_resident_set")?,
        max_processes: take(6, "max_processes")?,
        max_open_files: take(7, "max_open_files")?,
        max_locked_memory: take(8, "max_locked_memory")?,
        max_address_space: take(9, "max_address_space")?,
        max_file_locks: take(10, "max_file_locks")?,
        max_pending_signals: take(11, "max_pending_signals")?,
        max_msgqueue_size: take(12, "max_msgqueue_size")?,
        max_nice_priority: take(13, "max_nice_priority")?,
        max_realtime_priority: take(14, "max_realtime_priority")?,
        max_realtime_timeout: take(15, "max_realtime_timeout")?,
    })
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

    #[test]
    fn parses_all_sixteen() {
        let l = parse(SAMPLE).unwrap();
        assert_eq!(l.max_cpu_time, Limit { soft: u64::MAX, hard: u64::MAX });
        assert_eq!(l.max_stack_size, Limit { soft: 8388608, hard: u64::MAX });
        assert_eq!(l.max_core_size.soft, 0);
        assert_eq!(l.max_open_files, Limit { soft: 1024, hard: 524288 });
        assert_eq!(l.max_processes.soft, 96364);
        assert_eq!(l.max_msgqueue_size.hard, 819200);
        assert_eq!(l.max_nice_priority, Limit { soft: 0, hard: 0 });
        assert_eq!(l.max_realtime_timeout.soft, u64::MAX);
    }

    #[test]
    fn missing_row_or_bad_value() {
        let short: Vec<u8> = SAMPLE.split(|&b| b == b'\n').take(5).collect::<Vec<_>>().join(&b'\n');
        assert_eq!(parse(&short).unwrap_err().field(), Some("max_core_size"));
        let bad = b"Limit\nMax cpu time   lots   unlimited  seconds\n";
        let e = parse(bad).unwrap_err();
        assert_eq!((e.field(), e.line()), (Some("soft_limit"), Some(2)));
    }
}
