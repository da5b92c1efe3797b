//! `/proc/spl/kstat/zfs/…`: the kstats of OpenZFS's SPL (`module/os/linux/spl/spl-kstat.c`).
//!
//! A kstat file starts with a header — kid, type, flags, ndata, data size, creation and
//! snapshot times — and its type decides the rest. Named kstats (type 1: `arcstats`,
//! `<pool>/objset-0x<id>`, ZFS 2.1+ `<pool>/iostats`) list `name type data`, one row per
//! value, with a data type of 0–6 (integers) or 7 (a string, the rest of the line). I/O
//! kstats (type 3: `<pool>/io` before ZFS 2.1) have one line of names and one of values.
//!
//! ```text
//! 24 1 0x01 7 2160 221611904716 7145015038451
//! name                            type data
//! dataset_name                    7    pool1/dataset1
//! writes                          4    4
//! nwritten                        4    12302
//!
//! 12 3 0x00 1 80 79205351707403 395818011156865
//! nread    nwritten reads    writes   wtime    wlentime wupdate  rtime    rlentime rupdate  wcnt     rcnt
//! 1884160  3206144  22       132      7155162  104112268 79210489694949 24168078 104112268 79210489849220 0 0
//! ```
//!
//! `<pool>/state` (ZFS 0.8+) is not a kstat table but one word: `ONLINE`, `DEGRADED`,
//! `SUSPENDED`, … Files and rows come and go between ZFS releases (node_exporter#2068):
//! a missing one leaves only its own fields missing.

use crate::error::ParseError;
use crate::parse::{Fields, i64_dec, lines, trim, u64_dec};

/// One value of a kstat.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum KValue {
    Int(i128),
    Str(String),
}

/// A kstat: its values by name, in file order.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub(crate) struct Kstat {
    pub values: Vec<(String, KValue)>,
}

impl Kstat {
    pub(crate) fn get(&self, name: &str) -> Option<&KValue> {
        self.values.iter().find(|(n, _)| n == name).map(|(_, v)| v)
    }

    /// An unsigned value; `None` when absent or not a non-negative integer of 64 bits.
    pub(crate) fn u64(&self, name: &str) -> Option<u64> {
        match self.get(name)? {
            KValue::Int(v) => u64::try_from(*v).ok(),
            KValue::Str(_) => None,
        }
    }

    pub(crate) fn str(&self, name: &str) -> Option<&str> {
        match self.get(name)? {
            KValue::Str(s) => Some(s),
            KValue::Int(_) => None,
        }
    }
}

const KSTAT_TYPE_NAMED: u64 = 1;
const KSTAT_TYPE_IO: u64 = 3;
const KSTAT_DATA_STRING: u64 = 7;

/// Parses a named or I/O kstat file.
pub(crate) fn parse(text: &[u8]) -> Result<Kstat, ParseError> {
    let mut rows = lines(text).enumerate();
    let (_, header) = rows.next().ok_or(ParseError::missing("header"))?;
    let mut h = Fields::new(header);
    h.next("kid")?;
    let kind = h.u64("type")?;
    match kind {
        KSTAT_TYPE_NAMED => {
            let (_, names) = rows.next().ok_or(ParseError::missing("name type data").at_line(2))?;
            if !trim(names).starts_with(b"name") {
                return Err(ParseError::invalid("name type data").at_line(2));
            }
            let mut values = Vec::new();
            for (i, line) in rows.filter(|(_, l)| !trim(l).is_empty()) {
                values.push(named_row(line).map_err(|e| e.at_line(i + 1))?);
            }
            Ok(Kstat { values })
        }
        KSTAT_TYPE_IO => {
            let (_, names) = rows.next().ok_or(ParseError::missing("names").at_line(2))?;
            let (_, data) = rows.next().ok_or(ParseError::missing("values").at_line(3))?;
            let names: Vec<&[u8]> = Fields::new(names).collect_tokens();
            let mut d = Fields::new(data);
            let mut values = Vec::with_capacity(names.len());
            for n in names {
                let v = d.u64("value").map_err(|e| e.at_line(3))?;
                values.push((String::from_utf8_lossy(n).into_owned(), KValue::Int(i128::from(v))));
            }
            Ok(Kstat { values })
        }
        _ => Err(ParseError::invalid("type").at_line(1)),
    }
}

fn named_row(line: &[u8]) -> Result<(String, KValue), ParseError> {
    let mut f = Fields::new(line);
    let name = String::from_utf8_lossy(f.next("name")?).into_owned();
    let t = f.u64("type")?;
    let value = if t == KSTAT_DATA_STRING {
        KValue::Str(String::from_utf8_lossy(trim(f.rest())).into_owned())
    } else if t <= 6 {
        let raw = f.next("data")?;
        let v = match raw.first() {
            Some(b'-') => i64_dec(raw).map(i128::from),
            _ => u64_dec(raw).map(i128::from),
        };
        KValue::Int(v.ok_or(ParseError::invalid("data"))?)
    } else {
        return Err(ParseError::invalid("type"));
    };
    Ok((name, value))
}

/// `<pool>/state`: the pool's state word.
pub(crate) fn parse_state(text: &[u8]) -> Result<String, ParseError> {
    let w = trim(text);
    if w.is_empty() || !w.iter().all(|c| c.is_ascii_alphanumeric() || *c == b'_') {
        return Err(ParseError::invalid("state"));
    }
    Ok(String::from_utf8_lossy(w).into_owned())
}

/// The objset id of a kstat file name (`objset-0x1a3`), if it is one.
pub(crate) fn objset_id(file: &[u8]) -> Option<u64> {
    let hex = file.strip_prefix(b"objset-0x")?;
    crate::parse::u64_hex(hex)
}

trait CollectTokens<'a> {
    fn collect_tokens(self) -> Vec<&'a [u8]>;
}

impl<'a> CollectTokens<'a> for Fields<'a> {
    fn collect_tokens(mut self) -> Vec<&'a [u8]> {
        let mut v = Vec::new();
        while let Some(t) = self.token() {
            v.push(t);
        }
        v
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn named_and_io() {
        let objset = b"24 1 0x01 7 2160 221611904716 7145015038451\nname                            type data\n\
dataset_name                    7    pool1/data set\nwrites                          4    4\nnwritten                        4    12302\n\
neg                             3    -5\n";
        let k = parse(objset).unwrap();
        assert_eq!(k.str("dataset_name"), Some("pool1/data set"));
        assert_eq!((k.u64("writes"), k.u64("nwritten"), k.u64("neg")), (Some(4), Some(12302), None));
        assert_eq!(k.get("neg"), Some(&KValue::Int(-5)));
        let io = b"12 3 0x00 1 80 79205351707403 395818011156865\nnread    nwritten reads    writes   wtime\n\
1884160  3206144  22       132      7155162\n";
        let k = parse(io).unwrap();
        assert_eq!((k.u64("nread"), k.u64("writes")), (Some(1_884_160), Some(132)));
        assert_eq!(parse_state(b"SUSPENDED\n").unwrap(), "SUSPENDED");
        assert_eq!(objset_id(b"objset-0x1a3"), Some(0x1a3));
        assert_eq!(objset_id(b"iostats"), None);
    }

    #[test]
    fn broken_files() {
        assert!(parse(b"").is_err());
        assert!(parse(b"1 9 0x00\n").is_err());
        assert_eq!(parse(b"1 1 0x01\nname type data\nx 4 12a\n").unwrap_err().line(), Some(3));
        assert!(parse(b"1 3 0x00\na b\n1\n").is_err());
        assert!(parse(b"1 1 0x01\nname type data\nx 9 1\n").is_err());
        assert!(parse_state(b"\n").is_err());
        assert!(parse_state(b"ON LINE").is_err());
    }
}
