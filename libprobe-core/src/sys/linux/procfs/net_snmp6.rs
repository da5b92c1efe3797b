//! `/proc/net/snmp6`: IPv6 protocol counters, one `Name value` line each.
//!
//! ```text
//! Ip6InReceives                       1
//! Icmp6InMsgs                         0
//! Udp6InDatagrams                     0
//! ```
//!
//! (`net/ipv6/proc.c`.) Absent when IPv6 is disabled. Names are kept as printed, in order.

use crate::error::ParseError;
use crate::parse::{Fields, i64_dec, lines, trim};
use crate::schema::OrderedMap;

pub(crate) fn parse(text: &[u8]) -> Result<OrderedMap<String, i64>, ParseError> {
    let mut map = OrderedMap::new();
    for (i, line) in lines(text).enumerate() {
        if trim(line).is_empty() {
            continue;
        }
        let mut f = Fields::new(line);
        let name = f.next("name").map_err(|e| e.at_line(i + 1))?;
        let value = i64_dec(f.next("value").map_err(|e| e.at_line(i + 1))?)
            .ok_or_else(|| ParseError::invalid("value").at_line(i + 1))?;
        if f.token().is_some() {
            return Err(ParseError::malformed("trailing text").at_line(i + 1));
        }
        map.push(String::from_utf8_lossy(name).into_owned(), value);
    }
    Ok(map)
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
}
