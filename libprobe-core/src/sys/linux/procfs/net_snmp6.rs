//! `/proc/net/snmp6`: IPv6 protocol counters, one `Name value` line each.
//!
//! ```text
//! Ip6InReceives                       1
//! Icmp6InMsgs                         0
//! Udp6InDatagrams                     0
//! ```
//!
//! (`net/ipv6/proc.c`.) Absent when IPv6 is disabled. Names are kept as printed, in order.
//! A value that does not parse is left out and is a problem quoting it; the other lines
//! are kept.

use crate::error::ParseError;
use crate::parse::{Fields, Problems, Val, i64_dec, lines, trim};
use crate::schema::OrderedMap;

/// The file value by value: the valid counters in order, the names whose value did not
/// parse, and their problems.
#[derive(Debug, Clone, Default, PartialEq)]
pub(crate) struct Snmp6Values {
    pub map: OrderedMap<String, i64>,
    pub bad: Vec<String>,
    pub problems: Problems,
}

impl Snmp6Values {
    /// The counter `key`: `Bad` when printed but invalid, `Absent` when not printed.
    pub(crate) fn get(&self, key: &str) -> Val<i64> {
        match self.map.get(key) {
            Some(v) => Val::Ok(*v),
            None if self.bad.iter().any(|b| b == key) => Val::Bad,
            None => Val::Absent,
        }
    }
}

/// Every counter; the first problem fails the whole file (the tests' view).
#[cfg(test)]
pub(crate) fn parse(text: &[u8]) -> Result<OrderedMap<String, i64>, ParseError> {
    let v = values(text);
    match v.problems.iter().next() {
        Some(e) => Err(e.clone()),
        None => Ok(v.map),
    }
}

/// Every counter, each value alone.
pub(crate) fn values(text: &[u8]) -> Snmp6Values {
    let mut out = Snmp6Values::default();
    for (i, line) in lines(text).enumerate() {
        if trim(line).is_empty() {
            continue;
        }
        let mut f = Fields::new(line);
        let Some(name) = f.token() else { continue };
        let name = String::from_utf8_lossy(name).into_owned();
        // One value, all of the rest of the line: trailing text makes it invalid.
        let rest = trim(f.rest());
        let value = if rest.is_empty() {
            Err(ParseError::missing("value"))
        } else {
            i64_dec(rest).ok_or_else(|| ParseError::bad("value", rest))
        };
        match value {
            Ok(v) => out.map.push(name, v),
            Err(e) => {
                out.problems.push(e.at_line(i + 1));
                out.bad.push(name);
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counters_in_order() {
        let m = parse(b"Ip6InReceives                   \t1\nUdp6InDatagrams \t42\n").unwrap();
        assert_eq!(m.get("Udp6InDatagrams"), Some(&42));
        assert_eq!(m.0[0].0, "Ip6InReceives");
        assert_eq!(parse(b"Ip6InReceives\n").unwrap_err().field(), Some("value"));
        assert_eq!(parse(b"A 1\nB x\n").unwrap_err().line(), Some(2));
        assert!(parse(b"A 1 2\n").is_err());
    }

    #[test]
    fn one_field_corruption() {
        crate::parse::corrupt::check(
            "Ip6InReceives                   \t{{Ip6InReceives:i64=1}}\nUdp6InDatagrams \t{{Udp6InDatagrams:i64=42}}\n\
Udp6NoPorts {{Udp6NoPorts:i64=0}}\n",
            |b| {
                let v = values(b);
                let l = ["Ip6InReceives", "Udp6InDatagrams", "Udp6NoPorts"]
                    .iter()
                    .map(|k| (k.to_string(), format!("{:?}", v.get(k))))
                    .collect();
                (l, v.problems.iter().map(ToString::to_string).collect())
            },
        );
    }
}
