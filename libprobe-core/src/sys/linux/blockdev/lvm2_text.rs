//! The LVM2 text metadata of a volume group (LVM2 `lib/format_text/export.c` writes it,
//! `lib/config/config.c` reads its syntax) and the volume group it describes.
//!
//! ```text
//! vg0 {
//!     id = "JstrXo-HdoK-lvDV-edGg-babi-4I0m-ovGslp"
//!     seqno = 7
//!     status = ["RESIZEABLE", "READ", "WRITE"]
//!     extent_size = 8192            # sectors of 512 bytes
//!     physical_volumes {
//!         pv0 { id = "…"  device = "/dev/sdb"  status = ["ALLOCATABLE"]
//!               dev_size = 2097152  pe_start = 2048  pe_count = 255 }
//!     }
//!     logical_volumes {
//!         data { id = "…"  status = ["READ", "WRITE", "VISIBLE"]  segment_count = 1
//!                segment1 { start_extent = 0  extent_count = 8  type = "striped"
//!                           stripe_count = 2  stripe_size = 128  stripes = ["pv0", 0, "pv1", 0] } }
//!     }
//! }
//! contents = "Text Format Volume Group"
//! version = 1
//! ```
//!
//! The syntax: `name = value` and `name { … }`, values being integers, floats, strings in
//! double quotes (`\` escapes the next character) and arrays in brackets, `#` comments to
//! the end of the line. Sizes are in 512-byte sectors, extents counted from 0. A segment
//! of type `striped` with one stripe is what `lvs` calls `linear`; its areas are
//! `stripes` (PV, first extent) pairs. Other segment types name the volumes they are built
//! from (`raids`, `mirrors`, `pool`, `metadata`, `thin_pool`, `origin`, `cache_pool`).
//!
//! Bounded: nesting at most [`MAX_DEPTH`] levels; every count is checked.

use crate::error::ParseError;

pub(crate) const MAX_DEPTH: usize = 16;

/// A value of the metadata text.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum CValue {
    Int(i64),
    Float(f64),
    Str(String),
    Array(Vec<CValue>),
    Section(Vec<(String, CValue)>),
}

/// Looks a name up in a section's entries.
pub(crate) fn get<'a>(entries: &'a [(String, CValue)], name: &str) -> Option<&'a CValue> {
    entries.iter().find(|(n, _)| n == name).map(|(_, v)| v)
}

fn get_u64(entries: &[(String, CValue)], name: &str) -> Option<u64> {
    match get(entries, name)? {
        CValue::Int(v) => u64::try_from(*v).ok(),
        _ => None,
    }
}

fn get_str(entries: &[(String, CValue)], name: &str) -> Option<String> {
    match get(entries, name)? {
        CValue::Str(s) => Some(s.clone()),
        _ => None,
    }
}

fn get_strs(entries: &[(String, CValue)], name: &str) -> Vec<String> {
    match get(entries, name) {
        Some(CValue::Array(a)) => {
            a.iter().filter_map(|v| if let CValue::Str(s) = v { Some(s.clone()) } else { None }).collect()
        }
        _ => Vec::new(),
    }
}

fn section<'a>(entries: &'a [(String, CValue)], name: &str) -> Option<&'a [(String, CValue)]> {
    match get(entries, name)? {
        CValue::Section(s) => Some(s),
        _ => None,
    }
}

struct Parser<'a> {
    b: &'a [u8],
    pos: usize,
    line: usize,
}

impl Parser<'_> {
    fn err(&self, e: ParseError) -> ParseError {
        e.at_line(self.line)
    }

    fn skip_blank(&mut self) {
        while let Some(&c) = self.b.get(self.pos) {
            if c == b'#' {
                while self.b.get(self.pos).is_some_and(|&c| c != b'\n') {
                    self.pos += 1;
                }
            } else if c.is_ascii_whitespace() {
                if c == b'\n' {
                    self.line += 1;
                }
                self.pos += 1;
            } else {
                break;
            }
        }
    }

    fn peek(&mut self) -> Option<u8> {
        self.skip_blank();
        self.b.get(self.pos).copied()
    }

    fn word(&mut self) -> &[u8] {
        let start = self.pos;
        while self.b.get(self.pos).is_some_and(|&c| !c.is_ascii_whitespace() && !b"={}[],\"#".contains(&c)) {
            self.pos += 1;
        }
        &self.b[start..self.pos]
    }

    /// Entries until `}` (when `nested`) or the end.
    fn entries(&mut self, depth: usize, nested: bool) -> Result<Vec<(String, CValue)>, ParseError> {
        if depth > MAX_DEPTH {
            return Err(self.err(ParseError::malformed("metadata nested too deep")));
        }
        let mut out = Vec::new();
        loop {
            match self.peek() {
                None if nested => return Err(self.err(ParseError::missing("}"))),
                None => return Ok(out),
                Some(b'}') if nested => {
                    self.pos += 1;
                    return Ok(out);
                }
                Some(_) => {}
            }
            let name = self.word();
            if name.is_empty() {
                return Err(self.err(ParseError::invalid("name")));
            }
            let name = String::from_utf8_lossy(name).into_owned();
            match self.peek() {
                Some(b'{') => {
                    self.pos += 1;
                    let s = self.entries(depth + 1, true)?;
                    out.push((name, CValue::Section(s)));
                }
                Some(b'=') => {
                    self.pos += 1;
                    let v = self.value(depth + 1)?;
                    out.push((name, v));
                }
                _ => return Err(self.err(ParseError::missing("= or {"))),
            }
        }
    }

    fn value(&mut self, depth: usize) -> Result<CValue, ParseError> {
        if depth > MAX_DEPTH {
            return Err(self.err(ParseError::malformed("metadata nested too deep")));
        }
        match self.peek() {
            Some(b'"') => {
                self.pos += 1;
                let mut s = Vec::new();
                loop {
                    match self.b.get(self.pos).copied() {
                        None => return Err(self.err(ParseError::missing("closing quote"))),
                        Some(b'"') => {
                            self.pos += 1;
                            break;
                        }
                        Some(b'\\') => {
                            let c = *self
                                .b
                                .get(self.pos + 1)
                                .ok_or_else(|| self.err(ParseError::missing("escaped character")))?;
                            s.push(c);
                            self.pos += 2;
                        }
                        Some(c) => {
                            if c == b'\n' {
                                self.line += 1;
                            }
                            s.push(c);
                            self.pos += 1;
                        }
                    }
                }
                Ok(CValue::Str(String::from_utf8_lossy(&s).into_owned()))
            }
            Some(b'[') => {
                self.pos += 1;
                let mut items = Vec::new();
                loop {
                    match self.peek() {
                        Some(b']') => {
                            self.pos += 1;
                            return Ok(CValue::Array(items));
                        }
                        Some(b',') if !items.is_empty() => self.pos += 1,
                        None => return Err(self.err(ParseError::missing("]"))),
                        _ => {}
                    }
                    if self.peek() == Some(b']') {
                        continue;
                    }
                    items.push(self.value(depth + 1)?);
                }
            }
            Some(_) => {
                let w = self.word();
                let t = std::str::from_utf8(w).map_err(|_| ParseError::invalid("value"))?;
                if let Ok(i) = t.parse::<i64>() {
                    Ok(CValue::Int(i))
                } else if t.contains('.') && t.parse::<f64>().is_ok_and(f64::is_finite) {
                    Ok(CValue::Float(t.parse().unwrap_or(0.0)))
                } else {
                    Err(self.err(ParseError::invalid("value")))
                }
            }
            None => Err(self.err(ParseError::missing("value"))),
        }
    }
}

/// Parses metadata text into its top-level entries.
pub(crate) fn parse(text: &[u8]) -> Result<Vec<(String, CValue)>, ParseError> {
    Parser { b: text, pos: 0, line: 1 }.entries(0, false)
}

/// A physical volume as the metadata lists it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct PvMeta {
    /// Its key in the metadata (`pv0`), which segments refer to.
    pub key: String,
    pub id: String,
    /// The device it was on when the metadata was written (a hint only).
    pub device_hint: Option<String>,
    pub status: Vec<String>,
    pub flags: Vec<String>,
    pub dev_size_sectors: Option<u64>,
    pub pe_start_sectors: Option<u64>,
    pub pe_count: u64,
}

/// One segment of a logical volume.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct SegMeta {
    pub start_extent: u64,
    pub extent_count: u64,
    pub seg_type: String,
    pub stripe_count: Option<u64>,
    pub stripe_size_sectors: Option<u64>,
    /// (PV key, first extent) of each stripe.
    pub stripes: Vec<(String, u64)>,
    /// Volumes it is built from or refers to, by role (`pool`, `metadata`, `thin_pool`,
    /// `origin`, `cache_pool`, `raids`, `mirrors`).
    pub lv_refs: Vec<(String, String)>,
}

impl SegMeta {
    /// The type as `lvs` shows it.
    pub(crate) fn display_type(&self) -> String {
        if self.seg_type == "striped" && self.stripe_count == Some(1) { "linear".into() } else { self.seg_type.clone() }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct LvMeta {
    pub name: String,
    pub id: String,
    pub status: Vec<String>,
    pub flags: Vec<String>,
    pub creation_time: Option<u64>,
    pub creation_host: Option<String>,
    pub segments: Vec<SegMeta>,
}

impl LvMeta {
    pub(crate) fn extent_count(&self) -> u64 {
        self.segments.iter().fold(0u64, |a, s| a.saturating_add(s.extent_count))
    }

    pub(crate) fn visible(&self) -> bool {
        self.status.iter().any(|s| s == "VISIBLE")
    }
}

/// A volume group as one metadata copy describes it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct VgMeta {
    pub name: String,
    pub id: String,
    pub seqno: u64,
    pub status: Vec<String>,
    pub flags: Vec<String>,
    pub extent_size_sectors: u64,
    pub pvs: Vec<PvMeta>,
    pub lvs: Vec<LvMeta>,
}

/// The volume group of a metadata text: the one top-level section.
pub(crate) fn volume_group(top: &[(String, CValue)]) -> Result<VgMeta, ParseError> {
    let (name, vg) = top
        .iter()
        .find_map(|(n, v)| if let CValue::Section(s) = v { Some((n, s)) } else { None })
        .ok_or(ParseError::missing("volume group section"))?;
    let id = get_str(vg, "id").ok_or(ParseError::missing("id"))?;
    let extent_size_sectors =
        get_u64(vg, "extent_size").filter(|e| *e > 0).ok_or(ParseError::invalid("extent_size"))?;
    let mut pvs = Vec::new();
    for (key, v) in section(vg, "physical_volumes").unwrap_or_default() {
        let CValue::Section(p) = v else { continue };
        pvs.push(PvMeta {
            key: key.clone(),
            id: get_str(p, "id").ok_or(ParseError::missing("pv id"))?,
            device_hint: get_str(p, "device"),
            status: get_strs(p, "status"),
            flags: get_strs(p, "flags"),
            dev_size_sectors: get_u64(p, "dev_size"),
            pe_start_sectors: get_u64(p, "pe_start"),
            pe_count: get_u64(p, "pe_count").ok_or(ParseError::missing("pe_count"))?,
        });
    }
    let mut lvs = Vec::new();
    for (lv_name, v) in section(vg, "logical_volumes").unwrap_or_default() {
        let CValue::Section(l) = v else { continue };
        let mut segments = Vec::new();
        for (key, s) in l {
            let (CValue::Section(s), true) = (s, key.starts_with("segment")) else { continue };
            let stripes = match get(s, "stripes") {
                Some(CValue::Array(a)) => a
                    .chunks(2)
                    .filter_map(|p| match p {
                        [CValue::Str(pv), CValue::Int(start)] => Some((pv.clone(), u64::try_from(*start).ok()?)),
                        _ => None,
                    })
                    .collect(),
                _ => Vec::new(),
            };
            let mut lv_refs = Vec::new();
            for role in ["pool", "metadata", "thin_pool", "origin", "cache_pool", "data", "cow_store"] {
                if let Some(r) = get_str(s, role) {
                    lv_refs.push((role.to_owned(), r));
                }
            }
            for role in ["raids", "mirrors"] {
                lv_refs.extend(get_strs(s, role).into_iter().map(|r| (role.to_owned(), r)));
            }
            segments.push(SegMeta {
                start_extent: get_u64(s, "start_extent").unwrap_or(0),
                extent_count: get_u64(s, "extent_count").ok_or(ParseError::missing("extent_count"))?,
                seg_type: get_str(s, "type").ok_or(ParseError::missing("type"))?,
                stripe_count: get_u64(s, "stripe_count"),
                stripe_size_sectors: get_u64(s, "stripe_size"),
                stripes,
                lv_refs,
            });
        }
        segments.sort_by_key(|s| s.start_extent);
        lvs.push(LvMeta {
            name: lv_name.clone(),
            id: get_str(l, "id").ok_or(ParseError::missing("lv id"))?,
            status: get_strs(l, "status"),
            flags: get_strs(l, "flags"),
            creation_time: get_u64(l, "creation_time"),
            creation_host: get_str(l, "creation_host"),
            segments,
        });
    }
    Ok(VgMeta {
        name: name.clone(),
        id,
        seqno: get_u64(vg, "seqno").unwrap_or(0),
        status: get_strs(vg, "status"),
        flags: get_strs(vg, "flags"),
        extent_size_sectors,
        pvs,
        lvs,
    })
}

/// Extents of each PV (by key) that segments use: a stripe's share is the segment's
/// extent count divided by its stripe count.
pub(crate) fn allocated_extents(vg: &VgMeta) -> Vec<(String, u64)> {
    let mut used: Vec<(String, u64)> = vg.pvs.iter().map(|p| (p.key.clone(), 0)).collect();
    for seg in vg.lvs.iter().flat_map(|l| &l.segments) {
        if seg.stripes.is_empty() {
            continue;
        }
        let n = seg.stripe_count.unwrap_or(seg.stripes.len() as u64).max(1);
        let share = seg.extent_count / n;
        for (pv, _) in &seg.stripes {
            if let Some(slot) = used.iter_mut().find(|(k, _)| k == pv) {
                slot.1 = slot.1.saturating_add(share);
            }
        }
    }
    used
}

#[cfg(test)]
mod tests {
    use super::*;

    const SAMPLE: &[u8] = br#"vgx {
id = "JstrXo-HdoK-lvDV-edGg-babi-4I0m-ovGslp"
seqno = 7
format = "lvm2"	# informational
status = ["RESIZEABLE", "READ", "WRITE"]
flags = []
extent_size = 2048
max_lv = 0

physical_volumes {

pv0 {
id = "Swqx7Q-om9h-93ec-J14f-veL8-OouW-jumMUf"
device = "/dev/loop0"	# Hint only

status = ["ALLOCATABLE"]
flags = []
dev_size = 131072
pe_start = 2048
pe_count = 63
}

pv1 {
id = "eoyVMG-uQWY-vrtL-bdm3-Bpe1-ati8-y2BxFc"
device = "/dev/lo\"op1"
status = ["ALLOCATABLE"]
flags = []
dev_size = 131072
pe_start = 2048
pe_count = 63
}
}

logical_volumes {

lin {
id = "sNVH5Z-g2x7-oi4e-4p3A-z2M2-BUVv-PI6m0P"
status = ["READ", "WRITE", "VISIBLE"]
flags = []
creation_time = 1796191389
creation_host = "vm"
segment_count = 1

segment1 {
start_extent = 0
extent_count = 8

type = "striped"
stripe_count = 1	# linear

stripes = [
"pv0", 0
]
}
}

str {
id = "QpGW76-DjYD-nWQn-0W3k-OU0c-J5Jk-j52cRh"
status = ["READ", "WRITE", "VISIBLE"]
segment_count = 1
segment1 {
start_extent = 0
extent_count = 8
type = "striped"
stripe_count = 2
stripe_size = 128
stripes = [
"pv0", 8,
"pv1", 0
]
}
}
}

}
# Generated by LVM2 version 2.03.16(2) (2022-05-18): Wed Dec  2 06:03:20 2026

contents = "Text Format Volume Group"
version = 1
ratio = 1.5
"#;

    #[test]
    fn parses_a_volume_group() {
        let top = parse(SAMPLE).unwrap();
        assert_eq!(get(&top, "version"), Some(&CValue::Int(1)));
        assert_eq!(get(&top, "ratio"), Some(&CValue::Float(1.5)));
        let vg = volume_group(&top).unwrap();
        assert_eq!((vg.name.as_str(), vg.seqno, vg.extent_size_sectors), ("vgx", 7, 2048));
        assert_eq!(vg.pvs.len(), 2);
        assert_eq!(vg.pvs[1].device_hint.as_deref(), Some("/dev/lo\"op1"));
        assert_eq!(vg.lvs.len(), 2);
        assert_eq!(vg.lvs[0].segments[0].display_type(), "linear");
        assert_eq!(vg.lvs[1].segments[0].stripes, vec![("pv0".into(), 8), ("pv1".into(), 0)]);
        assert_eq!(vg.lvs[0].creation_host.as_deref(), Some("vm"));
        assert_eq!(allocated_extents(&vg), vec![("pv0".into(), 12), ("pv1".into(), 4)]);
    }

    #[test]
    fn broken_text() {
        assert_eq!(parse(b"vg {\n id = \"x\n").unwrap_err().field(), Some("closing quote"));
        assert!(parse(b"vg {\n").is_err());
        assert!(parse(b"x = [1, 2\n").is_err());
        assert!(parse(b"x = yes\n").is_err());
        assert_eq!(parse(b"\n\nx ? 1\n").unwrap_err().line(), Some(3));
        let deep = "a {".repeat(40);
        assert!(parse(deep.as_bytes()).is_err());
        assert!(volume_group(&parse(b"contents = \"x\"\n").unwrap()).is_err());
        assert!(volume_group(&parse(b"vg { id = \"x\" extent_size = 0 }").unwrap()).is_err());
    }
}
