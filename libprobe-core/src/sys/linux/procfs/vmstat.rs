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

use crate::error::{Error, ParseError};
use crate::parse::{Fields, lines};
use crate::schema::OrderedMap;
use crate::source::Source;

pub(crate) fn read(src: &Source) -> Result<OrderedMap<String, u64>, Error> {
    let text = src.read_proc("vmstat")?;
    parse(&text).map_err(|e| e.in_file(src.proc_path("vmstat")))
}

pub(crate) fn parse(text: &[u8]) -> Result<OrderedMap<String, u64>, ParseError> {
    let mut map = OrderedMap::new();
    for (i, line) in lines(text).enumerate() {
        let mut f = Fields::new(line);
        let Some(name) = f.token() else { continue };
        let value = f.u64("value").map_err(|e| e.at_line(i + 1))?;
        map.push(String::from_utf8_lossy(name).into_owned(), value);
    }
    Ok(map)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_counter_in_order() {
        let m = parse(b"nr_free_pages 927049\npgpgin 3027525\npswpin 0\npswpout 12\n").unwrap();
        let names: Vec<&str> = m.iter().map(|(k, _)| k.as_str()).collect();
        assert_eq!(names, ["nr_free_pages", "pgpgin", "pswpin", "pswpout"]);
        assert_eq!((m.get("nr_free_pages"), m.get("pswpout")), (Some(&927049), Some(&12)));
    }

    #[test]
    fn blank_lines_are_skipped_and_bad_values_are_errors() {
        assert_eq!(parse(b"a 1\n\nb 2\n").unwrap().len(), 2);
        let e = parse(b"a 1\nb -2\n").unwrap_err();
        assert_eq!((e.field(), e.line()), (Some("value"), Some(2)));
        assert_eq!(parse(b"lonely\n").unwrap_err().field(), Some("value"));
    }
}
