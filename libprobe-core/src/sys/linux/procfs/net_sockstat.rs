//! `/proc/net/sockstat` and `/proc/net/sockstat6`: socket counts and memory per protocol.
//!
//! ```text
//! sockets: used 12
//! TCP: inuse 1 orphan 0 tw 0 alloc 1 mem 52
//! UDP: inuse 0 mem 0
//! UDPLITE: inuse 0
//! RAW: inuse 0
//! FRAG: inuse 0 memory 0
//! ```
//!
//! and `TCP6: inuse 0`, `UDP6`, `UDPLITE6`, `RAW6`, `FRAG6: inuse 0 memory 0` in
//! `sockstat6` (absent without IPv6). (`net/ipv4/proc.c` `sockstat_seq_show`.) Each line is
//! a protocol and `key value` pairs; `mem` is in pages, `FRAG` `memory` in bytes.

use crate::error::ParseError;
use crate::parse::{Fields, Problems, Val, lines, trim, u64_dec};

/// `(protocol, key, value)` for every pair, in order.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct SockStat(pub Vec<(String, String, u64)>);

impl SockStat {
    pub(crate) fn get(&self, protocol: &str, key: &str) -> Option<u64> {
        self.0.iter().find(|(p, k, _)| p == protocol && k == key).map(|(_, _, v)| *v)
    }
}

/// The file value by value: the valid pairs, the pairs whose value did not parse, and
/// their problems.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct SockStatValues {
    pub stat: SockStat,
    pub bad: Vec<(String, String)>,
    pub problems: Problems,
}

impl SockStatValues {
    pub(crate) fn get(&self, protocol: &str, key: &str) -> Val<u64> {
        match self.stat.get(protocol, key) {
            Some(v) => Val::Ok(v),
            None if self.bad.iter().any(|(p, k)| p == protocol && k == key) => Val::Bad,
            None => Val::Absent,
        }
    }
}

/// Every pair; the first problem fails the whole file (the tests' view).
#[cfg(any(test, feature = "fuzzing"))]
pub(crate) fn parse(text: &[u8]) -> Result<SockStat, ParseError> {
    let v = values(text);
    match v.problems.iter().next() {
        Some(e) => Err(e.clone()),
        None => Ok(v.stat),
    }
}

/// Every pair, each value alone.
pub(crate) fn values(text: &[u8]) -> SockStatValues {
    let mut out = SockStatValues::default();
    for (i, line) in lines(text).enumerate() {
        if trim(line).is_empty() {
            continue;
        }
        let Some(colon) = line.iter().position(|&b| b == b':') else {
            out.problems.push(ParseError::missing(":").at_line(i + 1));
            continue;
        };
        let protocol = String::from_utf8_lossy(trim(&line[..colon])).into_owned();
        let mut f = Fields::new(&line[colon + 1..]);
        while let Some(key) = f.token() {
            let key = String::from_utf8_lossy(key).into_owned();
            let value = f.next("value").and_then(|v| u64_dec(v).ok_or_else(|| ParseError::bad("value", v)));
            match value {
                Ok(v) => out.stat.0.push((protocol.clone(), key, v)),
                Err(e) => {
                    out.problems.push(e.at_line(i + 1));
                    out.bad.push((protocol.clone(), key));
                }
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_pair() {
        let s =
            parse(b"sockets: used 12\nTCP: inuse 1 orphan 0 tw 3 alloc 1 mem 52\nFRAG: inuse 0 memory 4096\n").unwrap();
        assert_eq!(s.get("sockets", "used"), Some(12));
        assert_eq!((s.get("TCP", "tw"), s.get("TCP", "mem")), (Some(3), Some(52)));
        assert_eq!(s.get("FRAG", "memory"), Some(4096));
        assert_eq!(s.get("UDP", "inuse"), None);
        assert_eq!(parse(b"TCP: inuse\n").unwrap_err().field(), Some("value"));
        assert_eq!(parse(b"TCP inuse 1\n").unwrap_err().field(), Some(":"));
        assert_eq!(parse(b"TCP: inuse -1\n").unwrap_err().line(), Some(1));
    }

    #[test]
    fn one_field_corruption() {
        crate::parse::corrupt::check(
            "sockets: used {{sockets.used=12}}\nTCP: inuse {{TCP.inuse=1}} orphan 0 tw 3 alloc 1 mem {{TCP.mem=52}}\n\
UDP: inuse 0 mem {{UDP.mem=7}}\nFRAG: inuse 0 memory {{FRAG.memory=4096}}\n",
            |b| {
                let v = values(b);
                let l = [("sockets", "used"), ("TCP", "inuse"), ("TCP", "mem"), ("UDP", "mem"), ("FRAG", "memory")]
                    .iter()
                    .map(|(p, k)| (format!("{p}.{k}"), format!("{:?}", v.get(p, k))))
                    .collect();
                (l, v.problems.iter().map(ToString::to_string).collect())
            },
        );
    }
}
