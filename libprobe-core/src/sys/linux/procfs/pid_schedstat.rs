//! `/proc/<pid>/schedstat`: time on CPU, time waiting for a CPU, and timeslices.
//!
//! ```text
//! 459507 19594 3
//! ```
//!
//! Nanoseconds, summed over the threads of the process (CONFIG_SCHED_INFO).

use crate::error::ParseError;
use crate::parse::Fields;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct SchedStat {
    pub run_time_ns: u64,
    pub run_delay_ns: u64,
    pub timeslices: u64,
}

pub(crate) fn parse(text: &[u8]) -> Result<SchedStat, ParseError> {
    let mut f = Fields::new(text);
    Ok(SchedStat {
        run_time_ns: f.u64("run_time_ns")?,
        run_delay_ns: f.u64("run_delay_ns")?,
        timeslices: f.u64("timeslices")?,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses() {
        assert_eq!(
            parse(b"459507 19594 3\n").unwrap(),
            SchedStat { run_time_ns: 459507, run_delay_ns: 19594, timeslices: 3 }
        );
        assert_eq!(parse(b"1 2").unwrap_err().field(), Some("timeslices"));
    }
}
