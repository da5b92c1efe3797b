//! `/proc/vmstat`: virtual memory counters, one `name value` line each.
//!
//! ```text
//! nr_free_pages 927049
//! nr_zone_inactive_anon 1292
//! pgpgin 3027525
//! pswpin 0
//! pgfault 9410364
//! ```
//!
//! The names change with every kernel version and configuration, so all are kept in file
//! order. Most are page counts (`nr_*`, `pswpin`, `pgfault`); `pgpgin`/`pgpgout` are in
//! KiB. Per-CPU drift of the `nr_*` gauges is clamped at 0 by the kernel, so every value
//! is unsigned.

use crate::error::Error;
use crate::parse::{Counters, Fields, lines};
use crate::source::Source;

pub(crate) fn read(src: &Source) -> Result<Counters, Error> {
    Ok(parse(&src.read_proc("vmstat")?))
}

/// Every counter; one whose value does not parse is left out, named in `bad`, and is a
/// problem.
pub(crate) fn parse(text: &[u8]) -> Counters {
    let mut c = Counters::default();
    for (i, line) in lines(text).enumerate() {
        let mut f = Fields::new(line);
        let Some(name) = f.token() else { continue };
        let name = String::from_utf8_lossy(name).into_owned();
        match f.u64("value") {
            Ok(v) => c.map.push(name, v),
            Err(e) => {
                c.problems.push(e.at_line(i + 1));
                c.bad.push(name);
            }
        }
    }
    c
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::parse::Val;
    use crate::parse::corrupt;

    #[test]
    fn every_counter_in_order() {
        let c = parse(b"nr_free_pages 927049\npgpgin 3027525\npswpin 0\npswpout 12\n");
        let names: Vec<&str> = c.map.iter().map(|(k, _)| k.as_str()).collect();
        assert_eq!(names, ["nr_free_pages", "pgpgin", "pswpin", "pswpout"]);
        assert_eq!((c.get("nr_free_pages"), c.get("pswpout")), (Val::Ok(927049), Val::Ok(12)));
    }

    #[test]
    fn blank_lines_are_skipped_and_bad_values_cost_only_themselves() {
        assert_eq!(parse(b"a 1\n\nb 2\n").map.len(), 2);
        let c = parse(b"a 1\nb -2\n");
        let e = c.problems.iter().next().unwrap();
        assert_eq!((e.field(), e.line(), e.raw()), (Some("value"), Some(2), Some("\"-2\"")));
        assert_eq!((c.get("a"), c.get("b")), (Val::Ok(1), Val::Bad));
        assert_eq!(parse(b"lonely\n").get("lonely"), Val::Bad);
    }

    #[test]
    fn one_field_corruption() {
        corrupt::check(
            "nr_free_pages {{nr_free_pages=927049}}\npgpgin {{pgpgin=3027525}}\npswpin {{pswpin=0}}\n",
            |b| {
                let c = parse(b);
                let l = ["nr_free_pages", "pgpgin", "pswpin"]
                    .iter()
                    .map(|k| (k.to_string(), format!("{:?}", c.get(k))))
                    .collect();
                (l, c.problems.iter().map(ToString::to_string).collect())
            },
        );
    }
}
