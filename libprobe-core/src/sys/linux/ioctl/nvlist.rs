//! Packed name-value lists (`nvlist_pack` of OpenZFS's libnvpair): the ZFS ioctls answer
//! in them, `zpool.cache` holds one, and vdev labels carry them on disk. libprobe's own
//! decoder, for both encodings.
//!
//! A packed list starts with a 4-byte header: the encoding (0 native, 1 XDR), the byte
//! order (1 little-endian, 0 big-endian: native only; XDR is always big-endian), two zero
//! bytes. Then the list: its version and flags (two 32-bit words), its pairs, and an end
//! marker.
//!
//! - **Native** (what the kernel's ioctls and `zpool.cache` use): each pair is the
//!   in-memory `nvpair_t` — size (i32, the whole pair, 8-byte aligned), name size (i16,
//!   NUL included), reserved (i16), element count (i32), type (i32), the name, padding to
//!   8, the value. The end marker is a zero size (4 bytes). An embedded list's pairs follow
//!   its pair (whose value is the 24-byte `nvlist_t`), with their own end marker and no
//!   version and flags; an array of lists (value: pointers and `nvlist_t`s) is followed by
//!   each list in turn. String arrays hold a pointer per string, then the strings.
//! - **XDR** (vdev labels): each pair is its encoded size and decoded size (i32), the name
//!   as an XDR string (length, bytes padded to 4), type, element count, then the value in
//!   XDR: 8-bit, 16-bit and 32-bit integers as 4 bytes, 64-bit as 8, strings with their
//!   length, arrays with their count (byte arrays without), embedded lists inline with
//!   their version and flags. The end marker is two zero words.
//!
//! Types (`sys/nvpair.h`): 1 boolean (no value), 2 byte, 3/4 int16/uint16, 5/6
//! int32/uint32, 7/8 int64/uint64, 9 string, 10 byte array, 11–16 integer arrays, 17
//! string array, 18 hrtime, 19 nvlist, 20 nvlist array, 21 boolean value, 22/23
//! int8/uint8, 24 boolean array, 25/26 int8/uint8 arrays, 27 double.
//!
//! Bounded: lists nest at most [`MAX_DEPTH`] deep (libnvpair's own limit is 20), element
//! counts cannot exceed the bytes that remain, and every read is checked.

use crate::error::ParseError;

/// The deepest nesting accepted.
pub(crate) const MAX_DEPTH: usize = 32;

/// A decoded value. Integers of every width are widened (unsigned to `U64`, signed to
/// `I64`; boolean values to `U64` 0/1).
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Value {
    /// A boolean pair: present means true.
    Flag,
    U64(u64),
    I64(i64),
    F64(f64),
    Str(String),
    Bytes(Vec<u8>),
    U64s(Vec<u64>),
    I64s(Vec<i64>),
    Strs(Vec<String>),
    List(NvList),
    Lists(Vec<NvList>),
}

/// A list of pairs, in the order they were packed.
#[derive(Debug, Clone, PartialEq, Default)]
pub(crate) struct NvList {
    pub pairs: Vec<(String, Value)>,
}

impl NvList {
    pub(crate) fn get(&self, name: &str) -> Option<&Value> {
        self.pairs.iter().find(|(n, _)| n == name).map(|(_, v)| v)
    }

    pub(crate) fn u64(&self, name: &str) -> Option<u64> {
        match self.get(name)? {
            Value::U64(v) => Some(*v),
            Value::I64(v) => u64::try_from(*v).ok(),
            _ => None,
        }
    }

    pub(crate) fn str(&self, name: &str) -> Option<&str> {
        match self.get(name)? {
            Value::Str(s) => Some(s),
            _ => None,
        }
    }

    pub(crate) fn list(&self, name: &str) -> Option<&NvList> {
        match self.get(name)? {
            Value::List(l) => Some(l),
            _ => None,
        }
    }

    pub(crate) fn lists(&self, name: &str) -> &[NvList] {
        match self.get(name) {
            Some(Value::Lists(l)) => l,
            _ => &[],
        }
    }

    pub(crate) fn u64s(&self, name: &str) -> Option<&[u64]> {
        match self.get(name)? {
            Value::U64s(v) => Some(v),
            _ => None,
        }
    }

    /// The number of values in this list and every list below it (the fuzz targets bound
    /// the decoder's output with it).
    #[cfg_attr(not(any(test, feature = "fuzzing")), allow(dead_code))]
    pub(crate) fn count(&self) -> usize {
        self.pairs
            .iter()
            .map(|(_, v)| match v {
                Value::List(l) => 1 + l.count(),
                Value::Lists(ls) => 1 + ls.iter().map(NvList::count).sum::<usize>(),
                _ => 1,
            })
            .sum()
    }
}

/// Decodes a packed list (either encoding, either byte order).
pub(crate) fn decode(b: &[u8]) -> Result<NvList, ParseError> {
    let h = b.get(..4).ok_or(ParseError::missing("header"))?;
    let big = match h[1] {
        0 => true,
        1 => false,
        _ => return Err(ParseError::invalid("endianness")),
    };
    let mut r = Reader { b, pos: 4, big };
    match h[0] {
        0 => {
            r.u32("nvl_version")?;
            r.u32("nvl_nvflag")?;
            native_pairs(&mut r, 0)
        }
        1 => {
            r.big = true;
            xdr_list(&mut r, 0)
        }
        _ => Err(ParseError::invalid("encoding")),
    }
}

struct Reader<'a> {
    b: &'a [u8],
    pos: usize,
    big: bool,
}

impl<'a> Reader<'a> {
    fn take(&mut self, n: usize, what: &'static str) -> Result<&'a [u8], ParseError> {
        let end = self.pos.checked_add(n).filter(|e| *e <= self.b.len()).ok_or(ParseError::missing(what))?;
        let s = &self.b[self.pos..end];
        self.pos = end;
        Ok(s)
    }

    fn uint(&mut self, n: usize, what: &'static str) -> Result<u64, ParseError> {
        let s = self.take(n, what)?;
        let it = s.iter();
        Ok(if self.big {
            it.fold(0u64, |a, &x| (a << 8) | u64::from(x))
        } else {
            it.rev().fold(0u64, |a, &x| (a << 8) | u64::from(x))
        })
    }

    fn u32(&mut self, what: &'static str) -> Result<u32, ParseError> {
        self.uint(4, what).map(|v| v as u32)
    }

    fn remaining(&self) -> usize {
        self.b.len() - self.pos
    }
}

fn align(n: usize, to: usize) -> Option<usize> {
    n.checked_add(to - 1).map(|v| v / to * to)
}

fn sign_extend(v: u64, bytes: usize) -> i64 {
    let shift = 64 - 8 * bytes as u32;
    ((v << shift) as i64) >> shift
}

fn text(b: &[u8]) -> String {
    let end = b.iter().position(|&c| c == 0).unwrap_or(b.len());
    String::from_utf8_lossy(&b[..end]).into_owned()
}

/// Integer width of scalar and array types, and whether signed.
fn int_kind(t: u32) -> Option<(usize, bool)> {
    Some(match t {
        2 | 23 | 10 | 26 => (1, false),
        22 | 25 => (1, true),
        3 | 11 => (2, true),
        4 | 12 => (2, false),
        5 | 13 => (4, true),
        6 | 14 | 21 | 24 => (4, false),
        7 | 15 | 18 => (8, true),
        8 | 16 => (8, false),
        _ => return None,
    })
}

fn is_array(t: u32) -> bool {
    matches!(t, 10..=17 | 20 | 24..=26)
}

fn ints(raw: Vec<u64>, width: usize, signed: bool, byte_array: bool) -> Value {
    if byte_array {
        Value::Bytes(raw.into_iter().map(|v| v as u8).collect())
    } else if signed {
        Value::I64s(raw.into_iter().map(|v| sign_extend(v, width)).collect())
    } else {
        Value::U64s(raw)
    }
}

fn native_pairs(r: &mut Reader<'_>, depth: usize) -> Result<NvList, ParseError> {
    if depth > MAX_DEPTH {
        return Err(ParseError::malformed("nvlist nested too deep"));
    }
    let mut list = NvList::default();
    loop {
        let start = r.pos;
        let size = r.u32("nvp_size")? as usize;
        if size == 0 {
            return Ok(list);
        }
        r.pos = start;
        let pair = r.take(size, "nvpair")?;
        if size < 16 {
            return Err(ParseError::invalid("nvp_size"));
        }
        let mut p = Reader { b: pair, pos: 4, big: r.big };
        let name_sz = p.uint(2, "nvp_name_sz")? as usize;
        p.uint(2, "nvp_reserve")?;
        let nelem = p.u32("nvp_value_elem")? as usize;
        let t = p.u32("nvp_type")?;
        if name_sz == 0 {
            return Err(ParseError::invalid("nvp_name_sz"));
        }
        let name = text(p.take(name_sz, "nvp_name")?);
        p.pos = align(16 + name_sz, 8).ok_or(ParseError::invalid("nvp_name_sz"))?;
        if p.pos > pair.len() {
            return Err(ParseError::invalid("nvp_name_sz"));
        }
        if nelem > pair.len() {
            return Err(ParseError::invalid("nvp_value_elem"));
        }
        let value = match t {
            1 => Value::Flag,
            9 => Value::Str(text(&pair[p.pos..])),
            27 => Value::F64(f64::from_bits(p.uint(8, "double")?)),
            17 => {
                p.take(nelem.checked_mul(8).ok_or(ParseError::invalid("nvp_value_elem"))?, "string pointers")?;
                let mut rest = &pair[p.pos..];
                let mut v = Vec::with_capacity(nelem.min(rest.len()));
                for _ in 0..nelem {
                    let end = rest.iter().position(|&c| c == 0).ok_or(ParseError::invalid("string array"))?;
                    v.push(String::from_utf8_lossy(&rest[..end]).into_owned());
                    rest = &rest[end + 1..];
                }
                Value::Strs(v)
            }
            19 => Value::List(native_pairs(r, depth + 1)?),
            20 => {
                if nelem > r.remaining() / 4 {
                    return Err(ParseError::invalid("nvp_value_elem"));
                }
                let mut v = Vec::with_capacity(nelem);
                for _ in 0..nelem {
                    v.push(native_pairs(r, depth + 1)?);
                }
                Value::Lists(v)
            }
            t => {
                let (width, signed) = int_kind(t).ok_or(ParseError::invalid("nvp_type"))?;
                if is_array(t) {
                    let mut raw = Vec::with_capacity(nelem);
                    for _ in 0..nelem {
                        raw.push(p.uint(width, "array element")?);
                    }
                    ints(raw, width, signed, t == 10)
                } else {
                    let v = p.uint(width, "value")?;
                    if signed { Value::I64(sign_extend(v, width)) } else { Value::U64(v) }
                }
            }
        };
        list.pairs.push((name, value));
    }
}

fn xdr_string(r: &mut Reader<'_>) -> Result<String, ParseError> {
    let len = r.u32("string length")? as usize;
    let padded = align(len, 4).ok_or(ParseError::invalid("string length"))?;
    let s = r.take(padded, "string")?;
    Ok(String::from_utf8_lossy(&s[..len]).into_owned())
}

fn xdr_list(r: &mut Reader<'_>, depth: usize) -> Result<NvList, ParseError> {
    if depth > MAX_DEPTH {
        return Err(ParseError::malformed("nvlist nested too deep"));
    }
    r.u32("nvl_version")?;
    r.u32("nvl_nvflag")?;
    let mut list = NvList::default();
    loop {
        let start = r.pos;
        let encoded = r.u32("encoded size")? as usize;
        let decoded = r.u32("decoded size")?;
        if encoded == 0 && decoded == 0 {
            return Ok(list);
        }
        let end = start
            .checked_add(encoded)
            .filter(|e| *e <= r.b.len() && encoded >= 8)
            .ok_or(ParseError::invalid("encoded size"))?;
        let name = xdr_string(r)?;
        let t = r.u32("type")?;
        let nelem = r.u32("element count")? as usize;
        if nelem > r.remaining() {
            return Err(ParseError::invalid("element count"));
        }
        let value = if nelem == 0 && t != 9 {
            // A boolean, or an empty array.
            match t {
                1 => Value::Flag,
                17 => Value::Strs(Vec::new()),
                20 => Value::Lists(Vec::new()),
                10 => Value::Bytes(Vec::new()),
                t if int_kind(t).is_some() && is_array(t) => ints(Vec::new(), 8, false, false),
                _ => return Err(ParseError::invalid("element count")),
            }
        } else {
            match t {
                9 => Value::Str(xdr_string(r)?),
                27 => Value::F64(f64::from_bits(r.uint(8, "double")?)),
                10 => {
                    let padded = align(nelem, 4).ok_or(ParseError::invalid("element count"))?;
                    Value::Bytes(r.take(padded, "byte array")?[..nelem].to_vec())
                }
                17 => {
                    let mut v = Vec::with_capacity(nelem);
                    for _ in 0..nelem {
                        v.push(xdr_string(r)?);
                    }
                    Value::Strs(v)
                }
                19 => Value::List(xdr_list(r, depth + 1)?),
                20 => {
                    let mut v = Vec::with_capacity(nelem.min(r.remaining() / 8));
                    for _ in 0..nelem {
                        v.push(xdr_list(r, depth + 1)?);
                    }
                    Value::Lists(v)
                }
                t => {
                    let (width, signed) = int_kind(t).ok_or(ParseError::invalid("type"))?;
                    let wire = if width == 8 { 8 } else { 4 };
                    if is_array(t) {
                        let count = r.u32("array count")? as usize;
                        if count != nelem {
                            return Err(ParseError::invalid("array count"));
                        }
                        let mut raw = Vec::with_capacity(count);
                        for _ in 0..count {
                            raw.push(r.uint(wire, "array element")?);
                        }
                        ints(raw, wire, signed && wire == 8, false).widened(width, signed)
                    } else {
                        let v = r.uint(wire, "value")?;
                        if signed { Value::I64(sign_extend(v, wire)) } else { Value::U64(v & mask(width)) }
                    }
                }
            }
        };
        if r.pos > end {
            return Err(ParseError::invalid("encoded size"));
        }
        r.pos = end;
        list.pairs.push((name, value));
    }
}

fn mask(width: usize) -> u64 {
    if width >= 8 { u64::MAX } else { (1u64 << (8 * width)) - 1 }
}

impl Value {
    /// XDR sends 8- to 32-bit array elements as 32-bit words: narrow them to their type.
    fn widened(self, width: usize, signed: bool) -> Value {
        match self {
            Value::U64s(v) if signed => Value::I64s(v.into_iter().map(|x| sign_extend(x & mask(4), 4)).collect()),
            Value::U64s(v) => Value::U64s(v.into_iter().map(|x| x & mask(width)).collect()),
            other => other,
        }
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    /// A native encoder for tests: (name, type, nelem, value bytes, embedded lists).
    pub(crate) struct Native(pub Vec<u8>);

    impl Native {
        pub(crate) fn new() -> Native {
            let mut b = vec![0, 1, 0, 0];
            b.extend_from_slice(&0i32.to_le_bytes());
            b.extend_from_slice(&1u32.to_le_bytes());
            Native(b)
        }

        pub(crate) fn pair(&mut self, name: &str, t: u32, nelem: u32, value: &[u8]) -> &mut Self {
            let name_sz = name.len() + 1;
            let valoff = (16 + name_sz).div_ceil(8) * 8;
            let size = (valoff + value.len()).div_ceil(8) * 8;
            let mut p = vec![0u8; size];
            p[..4].copy_from_slice(&(size as i32).to_le_bytes());
            p[4..6].copy_from_slice(&(name_sz as i16).to_le_bytes());
            p[8..12].copy_from_slice(&nelem.to_le_bytes());
            p[12..16].copy_from_slice(&t.to_le_bytes());
            p[16..16 + name.len()].copy_from_slice(name.as_bytes());
            p[valoff..valoff + value.len()].copy_from_slice(value);
            self.0.extend_from_slice(&p);
            self
        }

        pub(crate) fn end(&mut self) -> &mut Self {
            self.0.extend_from_slice(&[0; 4]);
            self
        }
    }

    #[test]
    fn native_scalars_strings_and_nesting() {
        let mut n = Native::new();
        n.pair("version", 8, 1, &5000u64.to_le_bytes())
            .pair("name", 9, 1, b"tank\0")
            .pair("neg", 5, 1, &(-3i32).to_le_bytes())
            .pair("flag", 1, 0, &[])
            .pair("stats", 16, 3, &[1u64.to_le_bytes(), 2u64.to_le_bytes(), 3u64.to_le_bytes()].concat())
            .pair("names", 17, 2, &[vec![0u8; 16], b"a\0bc\0".to_vec()].concat())
            .pair("vdev_tree", 19, 1, &[0u8; 24]);
        n.pair("type", 9, 1, b"root\0").pair("children", 20, 2, &[0u8; 2 * 32]);
        n.pair("path", 9, 1, b"/dev/sda\0").end();
        n.pair("path", 9, 1, b"/dev/sdb\0").end();
        n.end(); // vdev_tree
        n.end(); // top level
        let l = decode(&n.0).unwrap();
        assert_eq!(l.u64("version"), Some(5000));
        assert_eq!(l.str("name"), Some("tank"));
        assert_eq!(l.get("neg"), Some(&Value::I64(-3)));
        assert_eq!(l.get("flag"), Some(&Value::Flag));
        assert_eq!(l.u64s("stats"), Some(&[1, 2, 3][..]));
        assert_eq!(l.get("names"), Some(&Value::Strs(vec!["a".into(), "bc".into()])));
        let tree = l.list("vdev_tree").unwrap();
        assert_eq!(tree.str("type"), Some("root"));
        let kids = tree.lists("children");
        assert_eq!((kids.len(), kids[1].str("path")), (2, Some("/dev/sdb")));
        assert_eq!(l.count(), 7 + 1 + 1 + 2);
    }

    #[test]
    fn xdr_values() {
        fn s(out: &mut Vec<u8>, v: &str) {
            out.extend_from_slice(&(v.len() as u32).to_be_bytes());
            out.extend_from_slice(v.as_bytes());
            out.resize(out.len().div_ceil(4) * 4, 0);
        }
        fn pair(out: &mut Vec<u8>, name: &str, t: u32, nelem: u32, value: &[u8]) {
            let mut p = Vec::new();
            s(&mut p, name);
            p.extend_from_slice(&t.to_be_bytes());
            p.extend_from_slice(&nelem.to_be_bytes());
            p.extend_from_slice(value);
            out.extend_from_slice(&((p.len() + 8) as u32).to_be_bytes());
            out.extend_from_slice(&64u32.to_be_bytes());
            out.extend_from_slice(&p);
        }
        let mut b = vec![1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1];
        pair(&mut b, "txg", 8, 1, &1_234_567u64.to_be_bytes());
        let mut name = Vec::new();
        s(&mut name, "rpool");
        pair(&mut b, "name", 9, 1, &name);
        pair(&mut b, "small", 4, 1, &0xffff_0007u32.to_be_bytes());
        pair(&mut b, "arr", 14, 2, &[2u32.to_be_bytes(), 7u32.to_be_bytes(), 9u32.to_be_bytes()].concat());
        b.extend_from_slice(&[0; 8]);
        let l = decode(&b).unwrap();
        assert_eq!(l.u64("txg"), Some(1_234_567));
        assert_eq!(l.str("name"), Some("rpool"));
        assert_eq!(l.u64("small"), Some(7));
        assert_eq!(l.u64s("arr"), Some(&[7, 9][..]));
    }

    /// A real `zpool.cache` (native encoding), from the fuzz corpus: the pool's name maps
    /// to its configuration.
    #[test]
    fn captured_zpool_cache() {
        let b = include_bytes!("../../../../../fuzz/corpus/nvlist/zpool.cache-zfsbootmenu-093af06");
        let l = decode(b).unwrap();
        let pool = l.list("externaldisk").unwrap();
        assert_eq!(
            (pool.str("name"), pool.u64("version"), pool.str("hostname")),
            (Some("externaldisk"), Some(5000), Some("laptop"))
        );
        let tree = pool.list("vdev_tree").unwrap();
        assert_eq!(
            (tree.str("type"), tree.u64("guid"), pool.u64("pool_guid")),
            (Some("root"), pool.u64("pool_guid"), Some(0xf112_7a6c_f43c_6400))
        );
        let disk = &tree.lists("children")[0];
        assert_eq!(disk.str("type"), Some("disk"));
        assert!(disk.str("path").unwrap().starts_with("/dev/mapper/luks-"));
        assert!(l.count() > 20);
    }

    #[test]
    fn malformed_is_an_error() {
        assert!(decode(&[]).is_err());
        assert!(decode(&[2, 1, 0, 0]).is_err());
        assert!(decode(&[0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0, 0, 0]).is_err());
        // A list that claims a million elements in a few bytes.
        let mut n = Native::new();
        n.pair("x", 20, 1_000_000, &[]);
        assert!(decode(&n.0).is_err());
        // Nesting past the limit.
        let mut n = Native::new();
        for _ in 0..40 {
            n.pair("l", 19, 1, &[0u8; 24]);
        }
        assert!(decode(&n.0).is_err());
    }
}
