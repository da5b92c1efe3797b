//! `/proc/loadavg`: load averages and scheduler counts.
//!
//! ```text
//! 1.82 0.62 0.23 1/86 12133
//! ```
//!
//! (proc(5).) The averages are over 1, 5 and 15 minutes of runnable plus
//! uninterruptible tasks, printed with two decimals; then runnable/existing scheduling
//! entities (threads, machine-wide) and the last pid allocated in the reader's pid
//! namespace.

use crate::error::ParseError;
use crate::model::Reason;
use crate::parse::{Fields, Problems, Val, u64_dec};
use crate::system::LoadAverage;

/// The line, value by value.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct Loadavg {
    pub load1: Val<f64>,
    pub load5: Val<f64>,
    pub load15: Val<f64>,
    pub runnable: Val<u32>,
    pub total: Val<u32>,
    pub last_pid: Val<i32>,
}

impl Loadavg {
    pub(crate) fn record(self) -> LoadAverage {
        let e = Reason::Error;
        LoadAverage {
            load1: self.load1.field(e),
            load5: self.load5.field(e),
            load15: self.load15.field(e),
            runnable: self.runnable.field(e),
            total: self.total.field(e),
            last_pid: self.last_pid.field(e),
        }
    }
}

pub(crate) fn parse(text: &[u8]) -> (Loadavg, Problems) {
    let mut p = Problems::default();
    let mut f = Fields::new(text);
    let load1 = p.take(f.f64("load1"));
    let load5 = p.take(f.f64("load5"));
    let load15 = p.take(f.f64("load15"));
    let count = |b: &[u8], name| u64_dec(b).and_then(|v| u32::try_from(v).ok()).ok_or_else(|| ParseError::bad(name, b));
    let (runnable, total) = match f.next("runnable") {
        Err(e) => (p.take::<u32>(Err(e)), p.take::<u32>(Err(ParseError::missing("total")))),
        Ok(tasks) => match tasks.iter().position(|&b| b == b'/') {
            Some(slash) => (p.take(count(&tasks[..slash], "runnable")), p.take(count(&tasks[slash + 1..], "total"))),
            None => (p.take::<u32>(Err(ParseError::bad("runnable", tasks))), Val::Bad),
        },
    };
    let last_pid = p.take(f.i32("last_pid"));
    (Loadavg { load1, load5, load15, runnable, total, last_pid }, p)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ok<T>(v: T) -> Val<T> {
        Val::Ok(v)
    }
    use crate::parse::corrupt::{self, listing};

    #[test]
    fn parses_the_line() {
        let (l, p) = parse(b"1.82 0.62 0.23 1/86 12133\n");
        assert!(p.is_empty());
        assert_eq!(
            l,
            Loadavg {
                load1: ok(1.82),
                load5: ok(0.62),
                load15: ok(0.23),
                runnable: ok(1),
                total: ok(86),
                last_pid: ok(12133)
            }
        );
    }

    #[test]
    fn malformed_values_cost_only_themselves() {
        let first = |t: &[u8]| parse(t).1.iter().next().and_then(|e| e.field());
        assert_eq!(first(b"1.0 2.0\n"), Some("load15"));
        assert_eq!(first(b"1.0 2.0 3.0 86 1\n"), Some("runnable"));
        assert_eq!(first(b"1.0 2.0 3.0 1/ 1\n"), Some("total"));
        assert_eq!(first(b"1.0 2.0 3.0 1/2\n"), Some("last_pid"));
        assert_eq!(first(b"x 2.0 3.0 1/2 3\n"), Some("load1"));
        assert_eq!(first(b"-1.0 2.0 3.0 1/2 3\n"), Some("load1"));
        assert_eq!(first(b""), Some("load1"));
        let (l, _) = parse(b"x 2.0 3.0 1/2 3\n");
        assert_eq!((l.load1, l.load5, l.last_pid), (Val::Bad, Val::Ok(2.0), Val::Ok(3)));
    }

    #[test]
    fn one_field_corruption() {
        corrupt::check(
            "{{load1:f=1.82}} {{load5:f=0.62}} {{load15:f=0.23}} {{runnable:u32=1}}/{{total:u32=86}} {{last_pid:i32=12133}}\n",
            |b| {
                let (l, p) = parse(b);
                (
                    listing!(l; load1, load5, load15, runnable, total, last_pid),
                    p.iter().map(ToString::to_string).collect(),
                )
            },
        );
    }
}
