//! `/proc/uptime`: seconds since boot, and idle seconds summed over CPUs.
//!
//! ```text
//! 2029.08 3881.54
//! ```
//!
//! (proc(5).) Both have two decimals. Uptime includes time suspended (CLOCK_BOOTTIME).
//! The idle sum exceeds uptime on a multi-CPU machine and is not monotonic: an offline
//! CPU's idle time is read from a different counter than an online one's.

use crate::error::Error;
use crate::parse::{Fields, Problems, Val};
use crate::source::Source;

#[derive(Debug, Clone, Default, PartialEq)]
pub(crate) struct Uptime {
    pub uptime_seconds: Val<f64>,
    pub idle_seconds: Val<f64>,
    pub problems: Problems,
}

pub(crate) fn read(src: &Source) -> Result<Uptime, Error> {
    Ok(parse(&src.read_proc("uptime")?))
}

pub(crate) fn parse(text: &[u8]) -> Uptime {
    let mut f = Fields::new(text);
    let mut p = Problems::default();
    let uptime_seconds = p.take(f.f64("uptime"));
    let idle_seconds = p.take(f.f64("idle"));
    Uptime { uptime_seconds, idle_seconds, problems: p }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::parse::corrupt::{self, listing};

    #[test]
    fn parses_both() {
        let u = parse(b"2029.08 3881.54\n");
        assert_eq!((u.uptime_seconds, u.idle_seconds), (Val::Ok(2029.08), Val::Ok(3881.54)));
    }

    #[test]
    fn malformed() {
        let first = |t: &[u8]| parse(t).problems.iter().next().and_then(|e| e.field());
        assert_eq!(first(b"2029.08\n"), Some("idle"));
        assert_eq!(first(b"inf 1\n"), Some("uptime"));
        assert_eq!(first(b""), Some("uptime"));
        assert_eq!(parse(b"inf 1\n").idle_seconds, Val::Ok(1.0));
    }

    #[test]
    fn one_field_corruption() {
        corrupt::check("{{uptime_seconds:f=2029.08}} {{idle_seconds:f=3881.54}}\n", |b| {
            let u = parse(b);
            (listing!(u; uptime_seconds, idle_seconds), u.problems.iter().map(ToString::to_string).collect())
        });
    }
}
