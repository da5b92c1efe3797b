//! `/proc/<pid>/io`: I/O counters (needs ptrace-read access to the process).
//!
//! ```text
//! rchar: 323934931
//! wchar: 323929600
//! syscr: 632687
//! syscw: 632675
//! read_bytes: 0
//! write_bytes: 323932160
//! cancelled_write_bytes: 0
//! ```
//!
//! (Documentation/filesystems/proc.rst, "1.10 `/proc/<pid>/io`".) All seven have been
//! printed together since Linux 2.6.20, unsigned: a counter missing from the file, or one
//! that is not a u64 (a captured tree with `cancelled_write_bytes: -1024`), is that
//! counter's problem only — the other six are kept.

use crate::error::ParseError;
use crate::parse::{Problems, Val, key_value, lines, u64_dec};

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct PidIo {
    pub rchar: Val<u64>,
    pub wchar: Val<u64>,
    pub syscr: Val<u64>,
    pub syscw: Val<u64>,
    pub read_bytes: Val<u64>,
    pub write_bytes: Val<u64>,
    pub cancelled_write_bytes: Val<u64>,
    pub problems: Problems,
}

const NAMES: [&str; 7] = ["rchar", "wchar", "syscr", "syscw", "read_bytes", "write_bytes", "cancelled_write_bytes"];

pub(crate) fn parse(text: &[u8]) -> PidIo {
    let mut problems = Problems::default();
    let mut vals = [Val::Absent; 7];
    for (i, line) in lines(text).enumerate() {
        let Some((key, value)) = key_value(line, b':') else { continue };
        let Some(k) = NAMES.iter().position(|n| n.as_bytes() == key) else { continue };
        let name = NAMES[k];
        vals[k] = problems.take_at(u64_dec(value).ok_or_else(|| ParseError::bad(name, value)), i + 1);
    }
    // A counter the file does not print is corrupt, not "unsupported": all seven exist
    // on every kernel that has the file.
    for (v, name) in vals.iter_mut().zip(NAMES) {
        if *v == Val::Absent {
            problems.push(ParseError::missing(name));
            *v = Val::Bad;
        }
    }
    let [rchar, wchar, syscr, syscw, read_bytes, write_bytes, cancelled] = vals;
    PidIo { rchar, wchar, syscr, syscw, read_bytes, write_bytes, cancelled_write_bytes: cancelled, problems }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::parse::corrupt::{self, listing};

    #[test]
    fn parses_all_seven() {
        let io =
            parse(b"rchar: 1\nwchar: 2\nsyscr: 3\nsyscw: 4\nread_bytes: 5\nwrite_bytes: 6\ncancelled_write_bytes: 7\n");
        assert_eq!((io.rchar, io.wchar, io.syscr, io.syscw), (Val::Ok(1), Val::Ok(2), Val::Ok(3), Val::Ok(4)));
        assert_eq!((io.read_bytes, io.write_bytes, io.cancelled_write_bytes), (Val::Ok(5), Val::Ok(6), Val::Ok(7)));
        assert!(io.problems.is_empty());
    }

    /// A captured tree (prometheus/procfs's fixtures) ends with a negative counter: six
    /// counters are still there.
    #[test]
    fn a_negative_counter_costs_only_itself() {
        let io = parse(
            b"rchar: 750339\nwchar: 818609\nsyscr: 7405\nsyscw: 5245\nread_bytes: 1024\nwrite_bytes: 2048\n\
cancelled_write_bytes: -1024\n",
        );
        assert_eq!((io.rchar, io.write_bytes, io.cancelled_write_bytes), (Val::Ok(750339), Val::Ok(2048), Val::Bad));
        let p: Vec<String> = io.problems.iter().map(ToString::to_string).collect();
        assert_eq!(p, ["invalid field cancelled_write_bytes \"-1024\" at line 7"]);
    }

    #[test]
    fn a_missing_counter_is_a_problem() {
        let io = parse(b"rchar: x\n");
        assert_eq!((io.rchar, io.wchar), (Val::Bad, Val::Bad));
        let first = io.problems.iter().next().unwrap();
        assert_eq!((first.field(), first.line()), (Some("rchar"), Some(1)));
    }

    #[test]
    fn one_field_corruption() {
        corrupt::check(
            "rchar: {{rchar=323934931}}\nwchar: {{wchar=323929600}}\nsyscr: {{syscr=632687}}\n\
syscw: {{syscw=632675}}\nread_bytes: {{read_bytes=0}}\nwrite_bytes: {{write_bytes=323932160}}\n\
cancelled_write_bytes: {{cancelled_write_bytes=12}}\n",
            |b| {
                let io = parse(b);
                let l = listing!(io; rchar, wchar, syscr, syscw, read_bytes, write_bytes, cancelled_write_bytes);
                (l, io.problems.iter().map(ToString::to_string).collect())
            },
        );
    }
}
