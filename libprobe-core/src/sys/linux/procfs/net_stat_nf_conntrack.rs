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
//! 5.10+, `chainlength` 5.15+, `searched` before 4.x): a column the header does not name is
//! `not_supported`. A value that does not parse is that counter's `error`, with a problem
//! quoting it; a line without as many values as names keeps its CPU, every counter `error`.

use crate::error::ParseError;
use crate::model::Reason;
use crate::network::ConntrackCpuStats;
use crate::parse::{Fields, Problems, Val, lines, trim, u64_hex};

/// Every CPU's line, and the problems of the file.
#[derive(Debug, Clone, Default, PartialEq)]
pub(crate) struct CpuStats {
    pub cpus: Vec<ConntrackCpuStats>,
    pub problems: Problems,
}

pub(crate) fn parse(text: &[u8]) -> CpuStats {
    let mut out = CpuStats::default();
    let mut rows = lines(text).enumerate().filter(|(_, l)| !trim(l).is_empty());
    let Some((_, header)) = rows.next() else { return out };
    let names: Vec<&[u8]> = tokens(header);
    // The CPU is the line's place: a line is never left out, or the next would take its
    // number.
    for (cpu, (i, line)) in rows.enumerate() {
        let values: Vec<&[u8]> = tokens(line);
        let paired = values.len() == names.len();
        if !paired {
            out.problems.push(ParseError::malformed("as many values as names").at_line(i + 1));
        }
        let p = &mut out.problems;
        let mut get = |name: &'static str| -> Val<u32> {
            match names.iter().position(|n| *n == name.as_bytes()) {
                None => Val::Absent,
                Some(_) if !paired => Val::Bad,
                Some(k) => p.take_at(
                    u64_hex(values[k])
                        .and_then(|v| u32::try_from(v).ok())
                        .ok_or_else(|| ParseError::bad(name, values[k])),
                    i + 1,
                ),
            }
        };
        let mut c = |name: &'static str| get(name).field(Reason::NotSupported);
        out.cpus.push(ConntrackCpuStats {
            // At most one line per byte of input: always a u32 on the machines it runs on.
            cpu: u32::try_from(cpu).unwrap_or(u32::MAX),
            found: c("found"),
            invalid: c("invalid"),
            insert: c("insert"),
            insert_failed: c("insert_failed"),
            drop: c("drop"),
            early_drop: c("early_drop"),
            error: c("icmp_error"),
            search_restart: c("search_restart"),
            clash_resolve: c("clashres"),
            chain_toolong: c("chainlength"),
        });
    }
    out
}

fn tokens(line: &[u8]) -> Vec<&[u8]> {
    let mut f = Fields::new(line);
    std::iter::from_fn(|| f.token()).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Field;
    use crate::parse::corrupt::listing;

    #[test]
    fn per_cpu_lines_by_header_name() {
        let text = b"entries  clashres found new invalid ignore delete chainlength insert insert_failed drop early_drop icmp_error  expect_new expect_create expect_delete search_restart
00000003  00000000 00000010 00000000 00000001 00000000 00000000 00000000 00000000 00000000 00000000 00000000 00000000  00000000 00000000 00000000 00000000
00000003  00000002 00000000 00000000 00000000 00000000 00000000 00000004 00000003 00000000 00000000 00000000 00000005  00000000 00000000 00000000 0000000a
";
        let s = parse(text);
        assert!(s.problems.is_empty());
        let s = s.cpus;
        assert_eq!(s.len(), 2);
        assert_eq!((s[0].cpu, s[0].found, s[0].invalid), (0, Field::Value(16), Field::Value(1)));
        assert_eq!(
            (s[1].insert, s[1].error, s[1].search_restart),
            (Field::Value(3), Field::Value(5), Field::Value(10))
        );
        assert_eq!((s[1].clash_resolve, s[1].chain_toolong), (Field::Value(2), Field::Value(4)));
        let old = parse(b"entries found insert\n00000001 00000002 00000003\n").cpus;
        assert_eq!((old[0].found, old[0].clash_resolve.reason()), (Field::Value(2), Some(Reason::NotSupported)));
        assert_eq!(old[0].drop.reason(), Some(Reason::NotSupported));
    }

    #[test]
    fn a_bad_value_or_line_costs_no_other_cpu() {
        let s = parse(b"entries found insert\n1\n1 zz 3\n1 2 3\n");
        let c = &s.cpus;
        assert_eq!(c.iter().map(|c| c.cpu).collect::<Vec<_>>(), [0, 1, 2]);
        assert_eq!((c[0].found.reason(), c[0].insert.reason()), (Some(Reason::Error), Some(Reason::Error)));
        assert_eq!((c[1].found.reason(), c[1].insert), (Some(Reason::Error), Field::Value(3)));
        assert_eq!((c[2].found, c[2].insert), (Field::Value(2), Field::Value(3)));
        let p: Vec<String> = s.problems.iter().map(ToString::to_string).collect();
        assert_eq!(p, ["as many values as names at line 2", "invalid field found \"zz\" at line 3"]);
    }

    #[test]
    fn one_field_corruption() {
        crate::parse::corrupt::check(
            "entries  clashres found invalid chainlength insert drop search_restart\n\
00000003  {{clash_resolve:x32=00000002}} {{found:x32=00000010}} {{invalid:x32=00000001}} \
{{chain_toolong:x32=00000004}} {{insert:x32=00000003}} {{drop:x32=00000000}} {{search_restart:x32=0000000a}}\n",
            |b| {
                let s = parse(b);
                let c = s.cpus.first().cloned();
                let l = match &c {
                    Some(c) => listing!(c; clash_resolve, found, invalid, chain_toolong, insert, drop, search_restart),
                    None => Vec::new(),
                };
                (l, s.problems.iter().map(ToString::to_string).collect())
            },
        );
    }
}
