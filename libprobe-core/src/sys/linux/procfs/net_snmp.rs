//! `/proc/net/snmp` and `/proc/net/netstat`: protocol counters, as pairs of lines (names,
//! then values) per table.
//!
//! ```text
//! Ip: Forwarding DefaultTTL InReceives InHdrErrors …
//! Ip: 2 64 48946 0 …
//! Tcp: RtoAlgorithm RtoMin RtoMax MaxConn ActiveOpens …
//! Tcp: 1 200 120000 -1 1003 …
//! TcpExt: SyncookiesSent SyncookiesRecv …
//! TcpExt: 0 0 …
//! ```
//!
//! (`net/ipv4/proc.c`.) Both files share this format: `snmp` holds `Ip`, `Icmp`,
//! `IcmpMsg` (only once some ICMP type was counted), `Tcp`, `Udp` and `UdpLite`; `netstat`
//! holds `TcpExt`, `IpExt`, `MPTcpExt` (with MPTCP) and more over time. Tables and
//! counters are kept as the kernel names them, in its order. Values are decimal and a few
//! are signed (`Tcp` `MaxConn` is -1). A header and its values must name the same table
//! and have as many entries.

use crate::error::ParseError;
use crate::network::CounterTable;
use crate::parse::{Fields, i64_dec, lines, trim};
use crate::schema::OrderedMap;

pub(crate) fn parse(text: &[u8]) -> Result<Vec<CounterTable>, ParseError> {
    let mut tables = Vec::new();
    let mut rows = lines(text).enumerate().filter(|(_, l)| !trim(l).is_empty());
    while let Some((i, names)) = rows.next() {
        let (name, keys) = split(names).map_err(|e| e.at_line(i + 1))?;
        let (j, values) = rows.next().ok_or_else(|| ParseError::missing("values").at_line(i + 1))?;
        let (vname, vals) = split(values).map_err(|e| e.at_line(j + 1))?;
        if vname != name {
            return Err(ParseError::invalid("table").at_line(j + 1));
        }
        let mut counters = OrderedMap::new();
        let (mut k, mut v) = (Fields::new(keys), Fields::new(vals));
        loop {
            match (k.token(), v.token()) {
                (None, None) => break,
                (Some(key), Some(val)) => {
                    let val = i64_dec(val).ok_or_else(|| ParseError::invalid("value").at_line(j + 1))?;
                    counters.push(String::from_utf8_lossy(key).into_owned(), val);
                }
                (Some(_), None) => return Err(ParseError::missing("value").at_line(j + 1)),
                (None, Some(_)) => return Err(ParseError::invalid("value").at_line(j + 1)),
            }
        }
        tables.push(CounterTable { name: String::from_utf8_lossy(name).into_owned(), counters });
    }
    Ok(tables)
}

/// `Name: rest`.
fn split(line: &[u8]) -> Result<(&[u8], &[u8]), ParseError> {
    let colon = line.iter().position(|&b| b == b':').ok_or(ParseError::missing(":"))?;
    let name = trim(&line[..colon]);
    if name.is_empty() || name.iter().any(u8::is_ascii_whitespace) {
        return Err(ParseError::invalid("table"));
    }
    Ok((name, &line[colon + 1..]))
}

/// The counter `key` of table `table`.
pub(crate) fn get(tables: &[CounterTable], table: &str, key: &str) -> Option<i64> {
    tables.iter().find(|t| t.name == table)?.counters.get(key).copied()
}

#[cfg(test)]
pub(crate) const SAMPLE: &[u8] = b"Ip: Forwarding DefaultTTL InReceives
Ip: 2 64 48946
Tcp: RtoAlgorithm RtoMin RtoMax MaxConn ActiveOpens PassiveOpens AttemptFails EstabResets CurrEstab InSegs OutSegs RetransSegs InErrs OutRsts InCsumErrors
Tcp: 1 200 120000 -1 1003 1002 1 4 2 90000 91000 7 0 12 0
Udp: InDatagrams NoPorts InErrors OutDatagrams RcvbufErrors SndbufErrors InCsumErrors IgnoredMulti MemErrors
Udp: 100 3 1 99 0 0 0 5 0
";

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tables_in_order_with_signed_values() {
        let t = parse(SAMPLE).unwrap();
        assert_eq!(t.iter().map(|t| t.name.as_str()).collect::<Vec<_>>(), ["Ip", "Tcp", "Udp"]);
        assert_eq!(get(&t, "Tcp", "MaxConn"), Some(-1));
        assert_eq!(get(&t, "Tcp", "ActiveOpens"), Some(1003));
        assert_eq!(get(&t, "Udp", "IgnoredMulti"), Some(5));
        assert_eq!(get(&t, "Udp", "Nope"), None);
        assert_eq!(t[1].counters.len(), 15);
    }

    #[test]
    fn mismatches_are_errors() {
        assert_eq!(parse(b"Ip: A B\nIp: 1\n").unwrap_err().field(), Some("value"));
        assert_eq!(parse(b"Ip: A\nIp: 1 2\n").unwrap_err().line(), Some(2));
        assert_eq!(parse(b"Ip: A\nTcp: 1\n").unwrap_err().field(), Some("table"));
        assert_eq!(parse(b"Ip: A\n").unwrap_err().field(), Some("values"));
        assert_eq!(parse(b"Ip: A\nIp: x\n").unwrap_err().field(), Some("value"));
        assert_eq!(parse(b"Ip A\nIp 1\n").unwrap_err().field(), Some(":"));
        assert!(parse(b"").unwrap().is_empty());
    }
}
