//! `/proc/net/stat/nf_conntrack`: per-CPU conntrack counters, the fallback when ctnetlink
//! cannot be used (readable by anyone; absent without `CONFIG_NF_CONNTRACK_PROCFS`).
//!
//! ```text
//! entries  clashres found new invalid ignore delete chainlength insert insert_failed drop early_drop icmp_error  expect_new expect_create expect_delete search_restart
//! 00000003  00000000 00000000 00000000 00000000 00000000 00000000 00000000 00000000 00000000 00000000 00000000 00000000  00000000 00000000 00000000 00000000
//! ```
//!
//! (`net/netfilter/nf_conntrack_standalone.c` `ct_cpu_seq_show`.) One line per possible
//! CPU, in CPU order, values in hex; `entries` is the table's total on every line, and the
//! columns are found by their header name (the set changed over versions: `clashres` is
//! 5.10+, `chainlength` 5.15+, `searched` before 4.x).

use crate::error::ParseError;
use crate::model::{Field, Reason};
use crate::network::ConntrackCpuStats;
use crate::parse::{Fields, lines, trim, u64_hex};

pub(crate) fn parse(text: &[u8]) -> Result<Vec<ConntrackCpuStats>, ParseError> {
    let mut rows = lines(text).enumerate().filter(|(_, l)| !trim(l).is_empty());
    let Some((_, header)) = rows.next() else { return Ok(Vec::new()) };
    let names: Vec<&[u8]> = tokens(header);
    let mut out = Vec::new();
    for (cpu, (i, line)) in rows.enumerate() {
        let values: Vec<&[u8]> = tokens(line);
        if values.len() != names.len() {
            return Err(ParseError::malformed("as many values as names").at_line(i + 1));
        }
        let get = |name: &str| -> Result<Option<u32>, ParseError> {
            match names.iter().position(|n| *n == name.as_bytes()) {
                None => Ok(None),
                Some(k) => u64_hex(values[k])
                    .and_then(|v| u32::try_from(v).ok())
                    .map(Some)
                    .ok_or_else(|| ParseError::invalid("value").at_line(i + 1)),
            }
        };
        let req = |v: Option<u32>| v.unwrap_or(0);
        let opt = |v: Option<u32>| v.map_or(Field::Missing(Reason::NotSupported), Field::Value);
        out.push(ConntrackCpuStats {
            cpu: u32::try_from(cpu).unwrap_or(u32::MAX),
            found: req(get("found")?),
            invalid: req(get("invalid")?),
            insert: req(get("insert")?),
            insert_failed: req(get("insert_failed")?),
            drop: req(get("drop")?),
            early_drop: req(get("early_drop")?),
            error: req(get("icmp_error")?),
            search_restart: req(get("search_restart")?),
            clash_resolve: opt(get("clashres")?),
            chain_toolong: opt(get("chainlength")?),
        });
    }
    Ok(out)
}

fn tokens(line: &[u8]) -> Vec<&[u8]> {
    let mut f = Fields::new(line);
    std::iter::from_fn(|| f.token()).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn per_cpu_lines_by_header_name() {
        let text = b"entries  clashres found new invalid ignore delete chainlength insert insert_failed drop early_drop icmp_error  expect_new expect_create expect_delete search_restart
00000003  00000000 00000010 00000000 00000001 00000000 00000000 00000000 00000000 00000000 00000000 00000000 00000000  00000000 00000000 00000000 00000000
00000003  00000002 00000000 00000000 00000000 00000000 00000000 00000004 00000003 00000000 00000000 00000000 00000005  00000000 00000000 00000000 0000000a
";
        let s = parse(text).unwrap();
        assert_eq!(s.len(), 2);
        assert_eq!((s[0].cpu, s[0].found, s[0].invalid), (0, 16, 1));
        assert_eq!((s[1].insert, s[1].error, s[1].search_restart), (3, 5, 10));
        assert_eq!((s[1].clash_resolve, s[1].chain_toolong), (Field::Value(2), Field::Value(4)));
        let old = parse(b"entries found insert\n00000001 00000002 00000003\n").unwrap();
        assert_eq!((old[0].found, old[0].clash_resolve.reason()), (2, Some(Reason::NotSupported)));
        assert!(parse(b"entries found\n1\n").is_err());
        assert!(parse(b"entries found\n1 zz\n").is_err());
    }
}
