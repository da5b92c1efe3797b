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
//!
//! A value that does not parse (an unsigned type printed negative, past 64 bits, garbage,
//! an unknown data type) is that row's [`KValue::Bad`] and a problem quoting it; the
//! other rows are kept. A row without a name is no value (a problem too).

use crate::error::ParseError;
use crate::parse::{Fields, Problems, Val, i64_dec, lines, trim, u64_dec};

/// One value of a kstat.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum KValue {
    Int(i128),
    Str(String),
    /// Printed, but not a valid value of its type (the kstat's problems quote it).
    Bad,
}

/// A kstat: its values by name, in file order, and the problems of the ones that did not
/// parse.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub(crate) struct Kstat {
    pub values: Vec<(String, KValue)>,
    pub problems: Problems,
}

impl Kstat {
    pub(crate) fn get(&self, name: &str) -> Option<&KValue> {
        self.values.iter().find(|(n, _)| n == name).map(|(_, v)| v)
    }

    /// An unsigned value: `Absent` without its row, `Bad` when its value did not parse or
    /// is not an integer of 0 to 2^64-1 (a negative signed value, a string; a problem
    /// quoting it is added here).
    pub(crate) fn u64(&mut self, name: &'static str) -> Val<u64> {
        let bad = match self.get(name) {
            None => return Val::Absent,
            Some(KValue::Bad) => return Val::Bad,
            Some(KValue::Int(v)) => match u64::try_from(*v) {
                Ok(v) => return Val::Ok(v),
                Err(_) => v.to_string(),
            },
            Some(KValue::Str(s)) => s.clone(),
        };
        self.problems.push(ParseError::bad(name, bad.as_bytes()));
        Val::Bad
    }

    pub(crate) fn str(&self, name: &str) -> Option<&str> {
        match self.get(name)? {
            KValue::Str(s) => Some(s),
            KValue::Int(_) | KValue::Bad => None,
        }
    }
}

const KSTAT_TYPE_NAMED: u64 = 1;
const KSTAT_TYPE_IO: u64 = 3;
const KSTAT_DATA_STRING: u64 = 7;

/// Parses a named or I/O kstat file. Only a file without its header or column names is an
/// error; a bad value is that value's.
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
            let (mut values, mut problems) = (Vec::new(), Problems::default());
            for (i, line) in rows.filter(|(_, l)| !trim(l).is_empty()) {
                match named_row(line) {
                    Ok((name, Ok(v))) => values.push((name, v)),
                    Ok((name, Err(e))) => {
                        problems.push(e.at_line(i + 1));
                        values.push((name, KValue::Bad));
                    }
                    Err(e) => problems.push(e.at_line(i + 1)),
                }
            }
            Ok(Kstat { values, problems })
        }
        KSTAT_TYPE_IO => {
            let (_, names) = rows.next().ok_or(ParseError::missing("names").at_line(2))?;
            let (_, data) = rows.next().ok_or(ParseError::missing("values").at_line(3))?;
            let names: Vec<&[u8]> = Fields::new(names).collect_tokens();
            let mut d = Fields::new(data);
            let (mut values, mut problems) = (Vec::with_capacity(names.len()), Problems::default());
            for n in names {
                let v = match problems.take_at(d.u64("value"), 3) {
                    Val::Ok(v) => KValue::Int(i128::from(v)),
                    _ => KValue::Bad,
                };
                values.push((String::from_utf8_lossy(n).into_owned(), v));
            }
            Ok(Kstat { values, problems })
        }
        _ => Err(ParseError::invalid("type").at_line(1)),
    }
}

/// A named row: its name (an error without one), and its value or why it is bad.
fn named_row(line: &[u8]) -> Result<(String, Result<KValue, ParseError>), ParseError> {
    let mut f = Fields::new(line);
    let name = String::from_utf8_lossy(f.next("name")?).into_owned();
    let value = (|| {
        let traw = f.next("type")?;
        let t = u64_dec(traw).ok_or_else(|| ParseError::bad("type", traw))?;
        if t == KSTAT_DATA_STRING {
            return Ok(KValue::Str(String::from_utf8_lossy(trim(f.rest())).into_owned()));
        }
        let raw = f.next("data")?;
        let v = match t {
            // KSTAT_DATA_UINT32, _UINT64, _ULONG: never negative.
            2 | 4 | 6 => u64_dec(raw).map(i128::from),
            // KSTAT_DATA_INT32, _INT64, _LONG.
            1 | 3 | 5 => i64_dec(raw).map(i128::from),
            // KSTAT_DATA_CHAR.
            0 => match raw.first() {
                Some(b'-') => i64_dec(raw).map(i128::from),
                _ => u64_dec(raw).map(i128::from),
            },
            _ => return Err(ParseError::bad("type", traw)),
        };
        v.map(KValue::Int).ok_or_else(|| ParseError::bad("data", raw))
    })();
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
        let mut k = parse(objset).unwrap();
        assert!(k.problems.is_empty());
        assert_eq!(k.str("dataset_name"), Some("pool1/data set"));
        assert_eq!((k.u64("writes"), k.u64("nwritten")), (Val::Ok(4), Val::Ok(12302)));
        assert_eq!(k.get("neg"), Some(&KValue::Int(-5)));
        // A negative signed value is no counter: bad, with a problem quoting it.
        assert_eq!((k.u64("neg"), k.u64("absent")), (Val::Bad, Val::Absent));
        assert!(k.problems.iter().any(|p| p.to_string().contains("\"-5\"")), "{:?}", k.problems);
        let io = b"12 3 0x00 1 80 79205351707403 395818011156865\nnread    nwritten reads    writes   wtime\n\
1884160  3206144  22       132      7155162\n";
        let mut k = parse(io).unwrap();
        assert_eq!((k.u64("nread"), k.u64("writes")), (Val::Ok(1_884_160), Val::Ok(132)));
        assert_eq!(parse_state(b"SUSPENDED\n").unwrap(), "SUSPENDED");
        assert_eq!(objset_id(b"objset-0x1a3"), Some(0x1a3));
        assert_eq!(objset_id(b"iostats"), None);
    }

    #[test]
    fn broken_files() {
        assert!(parse(b"").is_err());
        assert!(parse(b"1 9 0x00\n").is_err());
        assert!(parse(b"1 1 0x01\nvalues\n").is_err());
        assert!(parse(b"1 3 0x00\na b\n").is_err());
        assert!(parse_state(b"\n").is_err());
        assert!(parse_state(b"ON LINE").is_err());
    }

    /// A bad value costs its row's value only, with a problem naming its line.
    #[test]
    fn bad_values_cost_only_themselves() {
        let k = parse(b"1 1 0x01\nname type data\nx 4 12a\ny 4 3\nz 9 1\n").unwrap();
        assert_eq!(k.values[0], ("x".to_string(), KValue::Bad));
        assert_eq!(k.values[1], ("y".to_string(), KValue::Int(3)));
        assert_eq!(k.values[2], ("z".to_string(), KValue::Bad));
        let p: Vec<_> = k.problems.iter().collect();
        assert_eq!((p.len(), p[0].line(), p[0].raw(), p[1].raw()), (2, Some(3), Some("\"12a\""), Some("\"9\"")));
        let k = parse(b"1 3 0x00\na b\n1\n").unwrap();
        assert_eq!(k.values, vec![("a".into(), KValue::Int(1)), ("b".into(), KValue::Bad)]);
        assert_eq!(k.problems.iter().next().and_then(|e| e.field()), Some("value"));
    }

    fn listing(names: &[&str], text: &[u8]) -> (Vec<(String, String)>, Vec<String>) {
        let k = parse(text).unwrap();
        let shown = names
            .iter()
            .map(|&n| {
                let v = match k.get(n) {
                    None => "Absent".to_string(),
                    Some(KValue::Bad) => "Bad".to_string(),
                    Some(v) => format!("{v:?}"),
                };
                (n.to_string(), v)
            })
            .collect();
        (shown, k.problems.iter().map(ToString::to_string).collect())
    }

    #[test]
    fn one_field_corruption() {
        use crate::parse::corrupt;
        let names = ["dataset_name", "writes", "nwritten", "reads", "nread", "nunlinks", "nunlinked", "delta"];
        corrupt::check(
            "24 1 0x01 7 2160 221611904716 7145015038451\nname                            type data\n\
dataset_name                    7    pool1/dataset1\n\
writes                          4    {{writes=4}}\n\
nwritten                        4    {{nwritten=12302}}\n\
reads                           4    {{reads=2}}\n\
nread                           4    {{nread=8192}}\n\
nunlinks                        4    {{nunlinks=0}}\n\
nunlinked                       4    {{nunlinked=0}}\n\
delta                           3    {{delta:i64=-7}}\n",
            |b| listing(&names, b),
        );
        let names = ["nread", "nwritten", "reads", "writes", "wtime"];
        corrupt::check(
            "12 3 0x00 1 80 79205351707403 395818011156865\nnread    nwritten reads    writes   wtime\n\
{{nread=1884160}}  {{nwritten=3206144}}  {{reads=22}}       {{writes=132}}      {{wtime=7155162}}\n",
            |b| listing(&names, b),
        );
    }
}
