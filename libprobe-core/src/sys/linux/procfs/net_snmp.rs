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
//!
//! A value that does not parse is left out of its table and is a problem quoting it; its
//! neighbours are kept. A table whose header and values do not pair (another name, another
//! count) keeps none of its values: which value is which cannot be told.

use crate::error::ParseError;
use crate::network::CounterTable;
use crate::parse::{Fields, Problems, Val, i64_dec, lines, trim};
use crate::schema::OrderedMap;

/// The file value by value: every table with its valid counters, the `(table, counter)`
/// pairs whose value did not parse, and their problems.
#[derive(Debug, Clone, Default, PartialEq)]
pub(crate) struct SnmpValues {
    pub tables: Vec<CounterTable>,
    pub bad: Vec<(String, String)>,
    pub problems: Problems,
}

impl SnmpValues {
    /// The counter `key` of table `table`: `Bad` when printed but invalid, `Absent` when
    /// not printed.
    pub(crate) fn get(&self, table: &str, key: &str) -> Val<i64> {
        match get(&self.tables, table, key) {
            Some(v) => Val::Ok(v),
            None if self.bad.iter().any(|(t, k)| t == table && k == key) => Val::Bad,
            None => Val::Absent,
        }
    }
}

/// Every table; the first problem fails the whole file (the tests' view).
#[cfg(test)]
pub(crate) fn parse(text: &[u8]) -> Result<Vec<CounterTable>, ParseError> {
    let v = values(text);
    match v.problems.iter().next() {
        Some(e) => Err(e.clone()),
        None => Ok(v.tables),
    }
}

/// Every table, each value alone.
pub(crate) fn values(text: &[u8]) -> SnmpValues {
    let mut out = SnmpValues::default();
    let mut rows = lines(text).enumerate().filter(|(_, l)| !trim(l).is_empty());
    while let Some((i, names)) = rows.next() {
        let Some((j, values)) = rows.next() else {
            out.problems.push(ParseError::missing("values").at_line(i + 1));
            break;
        };
        let (name, keys) = match split(names) {
            Ok(v) => v,
            Err(e) => {
                out.problems.push(e.at_line(i + 1));
                continue;
            }
        };
        let table = String::from_utf8_lossy(name).into_owned();
        let key_list: Vec<&[u8]> = {
            let mut k = Fields::new(keys);
            std::iter::from_fn(|| k.token()).collect()
        };
        let vals: Result<Vec<&[u8]>, ParseError> = match split(values) {
            Ok((vname, _)) if vname != name => Err(ParseError::bad("table", vname)),
            Ok((_, vals)) => {
                let mut v = Fields::new(vals);
                let vals: Vec<&[u8]> = std::iter::from_fn(|| v.token()).collect();
                match vals.len().cmp(&key_list.len()) {
                    std::cmp::Ordering::Equal => Ok(vals),
                    std::cmp::Ordering::Less => Err(ParseError::missing("value")),
                    std::cmp::Ordering::Greater => Err(ParseError::invalid("value")),
                }
            }
            Err(e) => Err(e),
        };
        let vals = vals.unwrap_or_else(|e| {
            out.problems.push(e.at_line(j + 1));
            Vec::new()
        });
        let mut counters = OrderedMap::new();
        for (k, key) in key_list.iter().enumerate() {
            let key = String::from_utf8_lossy(key).into_owned();
            match vals.get(k) {
                Some(val) => match i64_dec(val) {
                    Some(v) => counters.push(key, v),
                    None => {
                        out.problems.push(ParseError::bad("value", val).at_line(j + 1));
                        out.bad.push((table.clone(), key));
                    }
                },
                None => out.bad.push((table.clone(), key)),
            }
        }
        out.tables.push(CounterTable { name: table, counters });
    }
    out
}

/// `Name: rest`.
fn split(line: &[u8]) -> Result<(&[u8], &[u8]), ParseError> {
    let colon = line.iter().position(|&b| b == b':').ok_or(ParseError::missing(":"))?;
    let name = trim(&line[..colon]);
    if name.is_empty() || name.iter().any(u8::is_ascii_whitespace) {
        return Err(ParseError::bad("table", name));
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

    #[test]
    fn a_bad_value_costs_only_itself() {
        let v = values(b"Ip: A B C\nIp: 1 x 3\nTcp: D\nTcp: 4\n");
        assert_eq!((v.get("Ip", "A"), v.get("Ip", "B"), v.get("Ip", "C")), (Val::Ok(1), Val::Bad, Val::Ok(3)));
        assert_eq!((v.get("Tcp", "D"), v.get("Tcp", "E")), (Val::Ok(4), Val::Absent));
        let p: Vec<String> = v.problems.iter().map(ToString::to_string).collect();
        assert_eq!(p, ["invalid field value \"x\" at line 2"]);
        // Unpaired: none of the table's values can be told apart; the next table is kept.
        let v = values(b"Ip: A B\nIp: 1\nTcp: D\nTcp: 4\n");
        assert_eq!((v.get("Ip", "A"), v.get("Ip", "B"), v.get("Tcp", "D")), (Val::Bad, Val::Bad, Val::Ok(4)));
    }

    #[test]
    fn one_field_corruption() {
        crate::parse::corrupt::check(
            "Ip: Forwarding DefaultTTL InReceives\nIp: {{Ip.Forwarding:i64=2}} {{Ip.DefaultTTL:i64=64}} \
{{Ip.InReceives:i64=48946}}\nTcp: MaxConn ActiveOpens\nTcp: {{Tcp.MaxConn:i64=-1}} {{Tcp.ActiveOpens:i64=1003}}\n\
Udp: InDatagrams\nUdp: {{Udp.InDatagrams:i64=100}}\n",
            |b| {
                let v = values(b);
                let l = [
                    ("Ip", "Forwarding"),
                    ("Ip", "DefaultTTL"),
                    ("Ip", "InReceives"),
                    ("Tcp", "MaxConn"),
                    ("Tcp", "ActiveOpens"),
                    ("Udp", "InDatagrams"),
                ]
                .iter()
                .map(|(t, k)| (format!("{t}.{k}"), format!("{:?}", v.get(t, k))))
                .collect();
                (l, v.problems.iter().map(ToString::to_string).collect())
            },
        );
    }
}
