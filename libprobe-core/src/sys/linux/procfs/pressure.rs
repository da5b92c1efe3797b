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
use crate::parse::{Fields, f64_dec, lines, u64_dec};
use crate::process::{Pressure, PsiLine};

pub(crate) fn parse(text: &[u8]) -> Result<Pressure, ParseError> {
    let mut some = None;
    let mut full = None;
    for (i, line) in lines(text).enumerate() {
        let mut f = Fields::new(line);
        let Some(kind) = f.token() else { continue };
        let slot = match kind {
            b"some" => &mut some,
            b"full" => &mut full,
            _ => continue,
        };
        *slot = Some(psi_line(&mut f).map_err(|e| e.at_line(i + 1))?);
    }
    // `irq` reports only `full`: stalls there always stall every task, so `some` == `full`.
    let some = some.or(full).ok_or(ParseError::missing("some"))?;
    Ok(Pressure { some, full: full.map_or(Field::Missing(Reason::NotSupported), Field::Value) })
}

fn psi_line(f: &mut Fields<'_>) -> Result<PsiLine, ParseError> {
    let mut get = |key: &'static str| -> Result<&[u8], ParseError> {
        let tok = f.next(key)?;
        let (k, v) = tok.split_at(tok.iter().position(|&b| b == b'=').ok_or(ParseError::invalid(key))?);
        if k != key.as_bytes() {
            return Err(ParseError::invalid(key));
        }
        Ok(&v[1..])
    };
    let avg10 = f64_dec(get("avg10")?).ok_or(ParseError::invalid("avg10"))?;
    let avg60 = f64_dec(get("avg60")?).ok_or(ParseError::invalid("avg60"))?;
    let avg300 = f64_dec(get("avg300")?).ok_or(ParseError::invalid("avg300"))?;
    let total_us = u64_dec(get("total")?).ok_or(ParseError::invalid("total"))?;
    Ok(PsiLine { avg10, avg60, avg300, total_us })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn some_and_full() {
        let p = parse(
            b"some avg10=0.12 avg60=0.05 avg300=0.01 total=123456\nfull avg10=1.50 avg60=0.00 avg300=0.00 total=7\n",
        )
        .unwrap();
        assert_eq!(p.some, PsiLine { avg10: 0.12, avg60: 0.05, avg300: 0.01, total_us: 123456 });
        assert_eq!(p.full.value().unwrap().avg10, 1.5);
    }

    #[test]
    fn old_cpu_file_has_no_full_and_irq_has_only_full() {
        let p = parse(b"some avg10=0.00 avg60=0.00 avg300=0.00 total=5\n").unwrap();
        assert_eq!(p.full.reason(), Some(Reason::NotSupported));
        let irq = parse(b"full avg10=0.00 avg60=0.00 avg300=0.00 total=9\n").unwrap();
        assert_eq!(irq.some.total_us, 9);
    }

    #[test]
    fn malformed() {
        assert_eq!(parse(b"some avg10=0.1 avg60=x avg300=0 total=1\n").unwrap_err().field(), Some("avg60"));
        assert_eq!(parse(b"some avg10=0.1 avg60=0.1 avg300=0 tot=1\n").unwrap_err().field(), Some("total"));
        assert_eq!(parse(b"").unwrap_err().field(), Some("some"));
    }
}
