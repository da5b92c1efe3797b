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
use crate::parse::{Fields, lines, trim, u64_dec};

/// `(protocol, key, value)` for every pair, in order.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct SockStat(pub Vec<(String, String, u64)>);

impl SockStat {
    pub(crate) fn get(&self, protocol: &str, key: &str) -> Option<u64> {
        self.0.iter().find(|(p, k, _)| p == protocol && k == key).map(|(_, _, v)| *v)
    }
}

pub(crate) fn parse(text: &[u8]) -> Result<SockStat, ParseError> {
    let mut out = Vec::new();
    for (i, line) in lines(text).enumerate() {
        if trim(line).is_empty() {
            continue;
        }
        let colon = line.iter().position(|&b| b == b':').ok_or_else(|| ParseError::missing(":").at_line(i + 1))?;
        let protocol = String::from_utf8_lossy(trim(&line[..colon])).into_owned();
        let mut f = Fields::new(&line[colon + 1..]);
        while let Some(key) = f.token() {
            let value = f.next("value").map_err(|e| e.at_line(i + 1))?;
            let value = u64_dec(value).ok_or_else(|| ParseError::invalid("value").at_line(i + 1))?;
            out.push((protocol.clone(), String::from_utf8_lossy(key).into_owned(), value));
        }
    }
    Ok(SockStat(out))
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
}
