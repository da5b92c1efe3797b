//! `/proc/pressure/{cpu,memory,io,irq}` and a cgroup's `*.pressure` files (PSI, Linux
//! 4.20+, `CONFIG_PSI`).
//!
//! ```text
//! some avg10=0.12 avg60=0.05 avg300=0.01 total=123456
//! full avg10=0.00 avg60=0.00 avg300=0.00 total=0
//! ```
//!
//! `total` is in microseconds. The system-wide `cpu` file has no `full` line before 5.13
//! (and `full` is always zero there since); `irq` has only `full` (6.1+).

use crate::error::ParseError;
use crate::model::{Field, Reason};
use crate::parse::{Fields, Problems, f64_nonneg, lines, u64_dec};
use crate::process::{Pressure, PsiLine};

/// A pressure file: its `some` and `full` lines, each value alone (a value that does not
/// parse is missing, `error`, with a problem); no `some` or `full` line at all is the
/// whole file's problem.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Psi {
    pub pressure: Result<Pressure, ParseError>,
    pub problems: Problems,
}

pub(crate) fn parse(text: &[u8]) -> Psi {
    let mut some = None;
    let mut full = None;
    let mut p = Problems::default();
    for (i, line) in lines(text).enumerate() {
        let mut f = Fields::new(line);
        let Some(kind) = f.token() else { continue };
        let slot = match kind {
            b"some" => &mut some,
            b"full" => &mut full,
            _ => continue,
        };
        let mut one = Problems::default();
        *slot = Some(psi_line(&mut f, &mut one));
        for e in one.iter() {
            p.push(e.clone().at_line(i + 1));
        }
    }
    // `irq` reports only `full`: stalls there always stall every task, so `some` == `full`.
    let pressure = match some.or(full) {
        Some(some) => Ok(Pressure { some, full: full.map_or(Field::Missing(Reason::NotSupported), Field::Value) }),
        None => Err(ParseError::missing("some")),
    };
    Psi { pressure, problems: p }
}

fn psi_line(f: &mut Fields<'_>, p: &mut Problems) -> PsiLine {
    let mut get = |key: &'static str| -> Result<&[u8], ParseError> {
        let tok = f.next(key)?;
        match tok.iter().position(|&b| b == b'=') {
            Some(eq) if &tok[..eq] == key.as_bytes() => Ok(&tok[eq + 1..]),
            _ => Err(ParseError::bad(key, tok)),
        }
    };
    let mut value = |key: &'static str, parse: fn(&[u8]) -> Option<f64>| {
        let v = get(key).and_then(|v| parse(v).ok_or_else(|| ParseError::bad(key, v)));
        p.take(v).field(Reason::Error)
    };
    let avg10 = value("avg10", f64_nonneg);
    let avg60 = value("avg60", f64_nonneg);
    let avg300 = value("avg300", f64_nonneg);
    let total = get("total").and_then(|v| u64_dec(v).ok_or_else(|| ParseError::bad("total", v)));
    PsiLine { avg10, avg60, avg300, total_us: p.take(total).field(Reason::Error) }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::parse::corrupt;

    fn ok(t: &[u8]) -> Pressure {
        let psi = parse(t);
        assert!(psi.problems.is_empty());
        psi.pressure.unwrap()
    }

    #[test]
    fn some_and_full() {
        let p = ok(
            b"some avg10=0.12 avg60=0.05 avg300=0.01 total=123456\nfull avg10=1.50 avg60=0.00 avg300=0.00 total=7\n",
        );
        let v = Field::Value;
        assert_eq!(p.some, PsiLine { avg10: v(0.12), avg60: v(0.05), avg300: v(0.01), total_us: Field::Value(123456) });
        assert_eq!(p.full.value().unwrap().avg10, v(1.5));
    }

    #[test]
    fn old_cpu_file_has_no_full_and_irq_has_only_full() {
        let p = ok(b"some avg10=0.00 avg60=0.00 avg300=0.00 total=5\n");
        assert_eq!(p.full.reason(), Some(Reason::NotSupported));
        let irq = ok(b"full avg10=0.00 avg60=0.00 avg300=0.00 total=9\n");
        assert_eq!(irq.some.total_us, Field::Value(9));
    }

    #[test]
    fn a_bad_value_costs_only_itself() {
        let psi = parse(b"some avg10=0.1 avg60=x avg300=0 total=1\n");
        let some = psi.pressure.unwrap().some;
        assert_eq!(
            (some.avg10, some.avg60, some.total_us),
            (Field::Value(0.1), Field::Missing(Reason::Error), Field::Value(1))
        );
        assert_eq!(psi.problems.iter().next().unwrap().field(), Some("avg60"));
        let psi = parse(b"some avg10=0.1 avg60=0.1 avg300=0 tot=1\n");
        assert_eq!(psi.problems.iter().next().unwrap().field(), Some("total"));
        assert_eq!(parse(b"").pressure.unwrap_err().field(), Some("some"));
    }

    #[test]
    fn one_field_corruption() {
        corrupt::check(
            "some avg10={{some.avg10:f=0.12}} avg60={{some.avg60:f=0.05}} avg300={{some.avg300:f=0.01}} \
total={{some.total=123456}}\nfull avg10={{full.avg10:f=1.50}} avg60={{full.avg60:f=0.00}} \
avg300={{full.avg300:f=0.00}} total={{full.total=7}}\n",
            |b| {
                let psi = parse(b);
                let p = psi.pressure.unwrap();
                let full = p.full.value().copied();
                let mut l = Vec::new();
                for (name, line) in [("some", Some(p.some)), ("full", full)] {
                    let shown = |f: Option<String>| f.unwrap_or_else(|| "Absent".to_string());
                    l.push((format!("{name}.avg10"), shown(line.map(|l| format!("{:?}", l.avg10)))));
                    l.push((format!("{name}.avg60"), shown(line.map(|l| format!("{:?}", l.avg60)))));
                    l.push((format!("{name}.avg300"), shown(line.map(|l| format!("{:?}", l.avg300)))));
                    l.push((format!("{name}.total"), shown(line.map(|l| format!("{:?}", l.total_us)))));
                }
                (l, psi.problems.iter().map(ToString::to_string).collect())
            },
        );
    }
}
