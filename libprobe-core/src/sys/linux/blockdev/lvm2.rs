//! The LVM2 on-disk format of a physical volume (LVM2 `lib/format_text/layout.h`,
//! `lib/label/label.h`): the label, the PV header, and the metadata area holding the
//! volume group's text metadata in a circular buffer.
//!
//! ```text
//! sector 0–3    one of them is the label:
//!               "LABELONE", sector (u64), crc (u32), offset of the PV header (u32), "LVM2 001"
//!  + offset     PV header: uuid (32 characters, no dashes), device size (u64, bytes),
//!               data areas (offset, size; u64 pairs) up to a (0, 0),
//!               metadata areas (offset, size) up to a (0, 0),
//!               extension: version (u32), flags (u32), bootloader areas up to a (0, 0)
//! mda offset    metadata area header (512 bytes): crc (u32), magic " LVM2 x[5A%r0N*>",
//!               version (u32, 1), start (u64, = the area's offset), size (u64),
//!               locations (offset, size, crc, flags: u64, u64, u32, u32) up to zeros
//! mda + 512 …   the circular buffer: the text of location 0 starts at start + offset and,
//!               past the end of the area, continues at start + 512
//! ```
//!
//! Little-endian throughout. Checksums are LVM's CRC-32 (reflected polynomial
//! `EDB88320h`, initial value `F597A6CFh`, no final inversion): the label's over its
//! sector from byte 20, the area header's over its bytes 4–511, the text's over the text.
//! A location with flag 1 (`RAW_LOCN_IGNORED`) is an area the user told LVM to ignore.

use crate::error::ParseError;
use crate::sys::linux::ioctl::le;

/// Bytes to read from the start of a device to find a label (4 sectors).
pub(crate) const LABEL_SCAN_BYTES: usize = 2048;
pub(crate) const MDA_HEADER_SIZE: u64 = 512;
const INITIAL_CRC: u32 = 0xf597_a6cf;
const MDA_MAGIC: &[u8; 16] = b" LVM2 x[5A%r0N*>";
const RAW_LOCN_IGNORED: u32 = 1;
/// Disk location lists are capped (LVM writes a handful).
const MAX_LOCATIONS: usize = 16;

/// LVM's CRC-32.
pub(crate) fn crc(initial: u32, bytes: &[u8]) -> u32 {
    static TABLE: std::sync::OnceLock<[u32; 256]> = std::sync::OnceLock::new();
    let table = TABLE.get_or_init(|| {
        let mut t = [0u32; 256];
        for (i, slot) in t.iter_mut().enumerate() {
            let mut c = i as u32;
            for _ in 0..8 {
                c = if c & 1 != 0 { 0xedb8_8320 ^ (c >> 1) } else { c >> 1 };
            }
            *slot = c;
        }
        t
    });
    bytes.iter().fold(initial, |c, &b| (c >> 8) ^ table[((c ^ u32::from(b)) & 0xff) as usize])
}

/// A PV label and header.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Label {
    /// The sector (0–3) holding it.
    pub sector: u64,
    /// The PV uuid as LVM prints it (`Swqx7Q-om9h-93ec-J14f-veL8-OouW-jumMUf`).
    pub pv_uuid: String,
    pub device_size: u64,
    pub data_areas: Vec<(u64, u64)>,
    /// Metadata areas: (offset, size) in bytes from the start of the device.
    pub metadata_areas: Vec<(u64, u64)>,
}

/// Formats a 32-character LVM id with dashes (6-4-4-4-4-4-6).
pub(crate) fn id_text(raw: &[u8]) -> String {
    let mut s = String::with_capacity(38);
    for (i, &c) in raw.iter().take(32).enumerate() {
        if matches!(i, 6 | 10 | 14 | 18 | 22 | 26) {
            s.push('-');
        }
        s.push(if c.is_ascii_graphic() { char::from(c) } else { '?' });
    }
    s
}

fn locations(b: &[u8], off: &mut usize) -> Result<Vec<(u64, u64)>, ParseError> {
    let mut v = Vec::new();
    loop {
        let o = le::<8>(b, *off).ok_or(ParseError::missing("disk_locn"))? as u64;
        let s = le::<8>(b, *off + 8).ok_or(ParseError::missing("disk_locn"))? as u64;
        *off += 16;
        if o == 0 && s == 0 {
            return Ok(v);
        }
        if v.len() == MAX_LOCATIONS {
            return Err(ParseError::malformed("too many disk areas"));
        }
        v.push((o, s));
    }
}

/// Finds and decodes the label in a device's first [`LABEL_SCAN_BYTES`]: `Ok(None)` when
/// the device is not a physical volume, an error when a label is there but broken.
pub(crate) fn find_label(first: &[u8]) -> Result<Option<Label>, ParseError> {
    for sector in 0..4u64 {
        let start = sector as usize * 512;
        let Some(s) = first.get(start..start + 512) else { break };
        if &s[..8] != b"LABELONE" {
            continue;
        }
        if le::<8>(s, 8) != Some(u128::from(sector)) {
            return Err(ParseError::invalid("label sector"));
        }
        let stored = le::<4>(s, 16).unwrap_or(0) as u32;
        if crc(INITIAL_CRC, &s[20..]) != stored {
            return Err(ParseError::invalid("label crc"));
        }
        if &s[24..32] != b"LVM2 001" {
            return Err(ParseError::invalid("label type"));
        }
        let mut off = le::<4>(s, 20).unwrap_or(0) as usize;
        let uuid = s.get(off..off + 32).ok_or(ParseError::invalid("pv header offset"))?;
        let pv_uuid = id_text(uuid);
        let device_size = le::<8>(s, off + 32).ok_or(ParseError::missing("device_size"))? as u64;
        off += 40;
        let data_areas = locations(s, &mut off)?;
        let metadata_areas = locations(s, &mut off)?;
        return Ok(Some(Label { sector, pv_uuid, device_size, data_areas, metadata_areas }));
    }
    Ok(None)
}

/// Where a copy of the metadata text lies.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct RawLocn {
    pub offset: u64,
    pub size: u64,
    pub checksum: u32,
    pub ignored: bool,
}

/// A metadata area header.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct MdaHeader {
    pub start: u64,
    pub size: u64,
    pub locations: Vec<RawLocn>,
}

pub(crate) fn decode_mda_header(b: &[u8]) -> Result<MdaHeader, ParseError> {
    let b = b
        .get(..MDA_HEADER_SIZE as usize)
        .ok_or(ParseError::malformed("metadata area header shorter than 512 bytes"))?;
    if &b[4..20] != MDA_MAGIC {
        return Err(ParseError::invalid("mda magic"));
    }
    if crc(INITIAL_CRC, &b[4..]) != le::<4>(b, 0).unwrap_or(0) as u32 {
        return Err(ParseError::invalid("mda crc"));
    }
    let start = le::<8>(b, 24).unwrap_or(0) as u64;
    let size = le::<8>(b, 32).unwrap_or(0) as u64;
    let mut locations = Vec::new();
    let mut off = 40;
    while let (Some(o), Some(s)) = (le::<8>(b, off), le::<8>(b, off + 8)) {
        if o == 0 && s == 0 {
            break;
        }
        locations.push(RawLocn {
            offset: o as u64,
            size: s as u64,
            checksum: le::<4>(b, off + 16).unwrap_or(0) as u32,
            ignored: le::<4>(b, off + 20).unwrap_or(0) as u32 & RAW_LOCN_IGNORED != 0,
        });
        off += 24;
    }
    Ok(MdaHeader { start, size, locations })
}

/// The byte ranges (absolute offset, length) holding a location's text: one, or two when
/// it wraps around the circular buffer.
pub(crate) fn text_ranges(mda: &MdaHeader, l: &RawLocn) -> Result<Vec<(u64, u64)>, ParseError> {
    let buffer = mda.size.checked_sub(MDA_HEADER_SIZE).ok_or(ParseError::invalid("mda size"))?;
    if l.offset < MDA_HEADER_SIZE || l.offset >= mda.size || l.size > buffer {
        return Err(ParseError::invalid("raw_locn"));
    }
    let first = l.size.min(mda.size - l.offset);
    let abs = |o: u64| mda.start.checked_add(o).ok_or(ParseError::invalid("mda start"));
    let mut v = vec![(abs(l.offset)?, first)];
    if first < l.size {
        v.push((abs(MDA_HEADER_SIZE)?, l.size - first));
    }
    Ok(v)
}

/// Checks the text of a location against its checksum, and cuts the trailing NULs.
pub(crate) fn check_text<'a>(l: &RawLocn, text: &'a [u8]) -> Result<&'a [u8], ParseError> {
    if crc(INITIAL_CRC, text) != l.checksum {
        return Err(ParseError::invalid("metadata crc"));
    }
    let end = text.iter().rposition(|&c| c != 0).map_or(0, |p| p + 1);
    Ok(&text[..end])
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    /// A label sector and an area header as LVM writes them (for tests and fuzz seeds).
    pub(crate) fn sample_label(uuid: &[u8; 32], mda: (u64, u64)) -> Vec<u8> {
        let mut s = vec![0u8; 2048];
        let l = &mut s[512..1024];
        l[..8].copy_from_slice(b"LABELONE");
        l[8..16].copy_from_slice(&1u64.to_le_bytes());
        l[20..24].copy_from_slice(&32u32.to_le_bytes());
        l[24..32].copy_from_slice(b"LVM2 001");
        l[32..64].copy_from_slice(uuid);
        l[64..72].copy_from_slice(&(64u64 << 20).to_le_bytes());
        l[72..80].copy_from_slice(&(1u64 << 20).to_le_bytes());
        l[104..112].copy_from_slice(&mda.0.to_le_bytes());
        l[112..120].copy_from_slice(&mda.1.to_le_bytes());
        let c = crc(INITIAL_CRC, &l[20..]);
        l[16..20].copy_from_slice(&c.to_le_bytes());
        s
    }

    pub(crate) fn sample_mda(start: u64, size: u64, locn: RawLocn) -> Vec<u8> {
        let mut h = vec![0u8; 512];
        h[4..20].copy_from_slice(MDA_MAGIC);
        h[20..24].copy_from_slice(&1u32.to_le_bytes());
        h[24..32].copy_from_slice(&start.to_le_bytes());
        h[32..40].copy_from_slice(&size.to_le_bytes());
        h[40..48].copy_from_slice(&locn.offset.to_le_bytes());
        h[48..56].copy_from_slice(&locn.size.to_le_bytes());
        h[56..60].copy_from_slice(&locn.checksum.to_le_bytes());
        let c = crc(INITIAL_CRC, &h[4..]);
        h[..4].copy_from_slice(&c.to_le_bytes());
        h
    }

    #[test]
    fn label_and_header() {
        let uuid = b"Swqx7Qom9h93ecJ14fveL8OouWjumMUf";
        let first = sample_label(uuid, (4096, 1_044_480));
        let l = find_label(&first).unwrap().unwrap();
        assert_eq!((l.sector, l.pv_uuid.as_str()), (1, "Swqx7Q-om9h-93ec-J14f-veL8-OouW-jumMUf"));
        assert_eq!(
            (l.device_size, l.data_areas.clone(), l.metadata_areas.clone()),
            (64 << 20, vec![(1 << 20, 0)], vec![(4096, 1_044_480)])
        );
        let mut bad = first.clone();
        bad[600] ^= 1;
        assert_eq!(find_label(&bad).unwrap_err().field(), Some("label crc"));
        assert_eq!(find_label(&[0u8; 2048]), Ok(None));
        assert_eq!(find_label(&[]), Ok(None));

        let text = b"vg { }\n\0";
        let locn = RawLocn { offset: 512, size: text.len() as u64, checksum: crc(INITIAL_CRC, text), ignored: false };
        let h = decode_mda_header(&sample_mda(4096, 1_044_480, locn)).unwrap();
        assert_eq!((h.start, h.locations[0]), (4096, locn));
        assert_eq!(text_ranges(&h, &h.locations[0]).unwrap(), vec![(4608, 8)]);
        assert_eq!(check_text(&h.locations[0], text).unwrap(), b"vg { }\n");
    }

    #[test]
    fn wrapping_and_bad_locations() {
        let mda = MdaHeader { start: 4096, size: 4096, locations: vec![] };
        let l = RawLocn { offset: 4000, size: 300, checksum: 0, ignored: false };
        assert_eq!(text_ranges(&mda, &l).unwrap(), vec![(8096, 96), (4608, 204)]);
        assert!(text_ranges(&mda, &RawLocn { offset: 100, ..l }).is_err());
        assert!(text_ranges(&mda, &RawLocn { size: 4000, ..l }).is_err());
        assert!(text_ranges(&MdaHeader { size: 10, ..mda }, &l).is_err());
    }
}
