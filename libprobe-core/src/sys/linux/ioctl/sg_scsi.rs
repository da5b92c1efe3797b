//! SCSI commands through `SG_IO` for disks that speak SCSI (SAS and other SCSI
//! transports): identity, capacity and the health log pages.
//!
//! Queries (fixture answers under `ioctl/<disk>/`, see [`super`]):
//!
//! | query | command | answer |
//! |---|---|---|
//! | `scsi_inquiry` | INQUIRY (`12h`) | standard data: vendor 8–15, product 16–31, revision 32–35 |
//! | `scsi_vpd_80` | INQUIRY, VPD page 80h | unit serial number from byte 4 |
//! | `scsi_vpd_b1` | INQUIRY, VPD page B1h | rotation rate bytes 4–5 (1: solid state), form factor byte 7 bits 3–0 |
//! | `scsi_read_capacity_16` | READ CAPACITY (16) (`9Eh`/`10h`) | last LBA (8 bytes), block length (4), big-endian |
//! | `scsi_log_sense_<page>` | LOG SENSE (`4Dh`), cumulative values | a log page (two hex digits: `scsi_log_sense_0d`) |
//!
//! Log pages (SPC-4 7.3, SBC-3): a 4-byte header (page code, subpage, length), then
//! parameters of a 2-byte code, a control byte, a length and the value, all big-endian.
//! Pages used: 00h supported pages; 0Dh temperature (parameter 0000h byte 5 current, 0001h
//! reference, FFh not available); 0Eh start-stop cycle counter (0004h accumulated
//! start-stop cycles); 02h/03h write/read error counters (0006h total uncorrected errors,
//! a counter of the length the parameter says); 15h background scan results (0000h
//! accumulated power-on minutes);
//! 2Fh informational exceptions (0000h: additional sense code, its qualifier, most recent
//! temperature; a code other than 0 predicts a failure).

use std::io;
use std::os::fd::RawFd;

use super::{ascii_field, be, sg_io};
use crate::error::ParseError;

pub(crate) fn inquiry(fd: RawFd) -> io::Result<Vec<u8>> {
    sg_io::data_in(fd, &[0x12, 0, 0, 0, 96, 0], 96)
}

/// An INQUIRY for vital product data page `page`.
pub(crate) fn vpd(fd: RawFd, page: u8) -> io::Result<Vec<u8>> {
    sg_io::data_in(fd, &[0x12, 0x01, page, 0, 252, 0], 252)
}

pub(crate) fn read_capacity_16(fd: RawFd) -> io::Result<Vec<u8>> {
    sg_io::data_in(fd, &[0x9e, 0x10, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 32, 0, 0], 32)
}

/// LOG SENSE of `page`, cumulative values (PC 01b).
pub(crate) fn log_sense(fd: RawFd, page: u8) -> io::Result<Vec<u8>> {
    const LEN: u16 = 1024;
    let [hi, lo] = LEN.to_be_bytes();
    sg_io::data_in(fd, &[0x4d, 0, 0x40 | (page & 0x3f), 0, 0, 0, 0, hi, lo, 0], usize::from(LEN))
}

/// The standard INQUIRY data libprobe uses.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Inquiry {
    /// Peripheral device type (0: direct-access block device).
    pub device_type: u8,
    pub vendor: String,
    pub product: String,
    pub revision: String,
}

pub(crate) fn decode_inquiry(b: &[u8]) -> Result<Inquiry, ParseError> {
    let b = b.get(..36).ok_or(ParseError::malformed("INQUIRY data shorter than 36 bytes"))?;
    Ok(Inquiry {
        device_type: b[0] & 0x1f,
        vendor: ascii_field(&b[8..16]),
        product: ascii_field(&b[16..32]),
        revision: ascii_field(&b[32..36]),
    })
}

/// The serial number of VPD page 80h.
pub(crate) fn decode_vpd_serial(b: &[u8]) -> Result<String, ParseError> {
    if b.get(1) != Some(&0x80) {
        return Err(ParseError::invalid("page_code"));
    }
    let len = be::<2>(b, 2).ok_or(ParseError::missing("page_length"))? as usize;
    let s = b.get(4..4 + len).ok_or(ParseError::invalid("page_length"))?;
    Ok(ascii_field(s))
}

/// Rotation rate (0 for solid state; `None` not reported) and form factor of VPD page B1h.
pub(crate) fn decode_vpd_characteristics(b: &[u8]) -> Result<(Option<u16>, Option<&'static str>), ParseError> {
    if b.get(1) != Some(&0xb1) || b.len() < 8 {
        return Err(ParseError::invalid("page_code"));
    }
    let rate = match be::<2>(b, 4).map_or(0, |v| v as u16) {
        1 => Some(0),
        v @ 0x0401..=0xfffe => Some(v),
        _ => None,
    };
    let form = match b[7] & 0x0f {
        1 => Some("5.25 inches"),
        2 => Some("3.5 inches"),
        3 => Some("2.5 inches"),
        4 => Some("1.8 inches"),
        5 => Some("less than 1.8 inches"),
        _ => None,
    };
    Ok((rate, form))
}

/// Capacity in bytes from READ CAPACITY (16).
pub(crate) fn decode_read_capacity_16(b: &[u8]) -> Result<u64, ParseError> {
    let last = be::<8>(b, 0).ok_or(ParseError::missing("returned_lba"))? as u64;
    let block = be::<4>(b, 8).ok_or(ParseError::missing("block_length"))? as u64;
    last.checked_add(1).and_then(|n| n.checked_mul(block)).ok_or(ParseError::invalid("capacity"))
}

/// One log page: its code and parameters (code, value bytes).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct LogPage<'a> {
    pub page: u8,
    pub params: Vec<(u16, &'a [u8])>,
}

impl LogPage<'_> {
    pub(crate) fn param(&self, code: u16) -> Option<&[u8]> {
        self.params.iter().find(|(c, _)| *c == code).map(|(_, v)| *v)
    }

    /// A parameter's value as an unsigned big-endian integer (up to 8 bytes).
    pub(crate) fn counter(&self, code: u16) -> Option<u64> {
        let v = self.param(code)?;
        (!v.is_empty() && v.len() <= 8).then(|| v.iter().fold(0u64, |a, &x| (a << 8) | u64::from(x)))
    }
}

pub(crate) fn decode_log_page(b: &[u8]) -> Result<LogPage<'_>, ParseError> {
    let page = b.first().ok_or(ParseError::missing("page_code"))? & 0x3f;
    let len = be::<2>(b, 2).ok_or(ParseError::missing("page_length"))? as usize;
    // A device may return less than it announces when the buffer was short: use what came.
    let body = &b[4..(4 + len).min(b.len())];
    let mut params = Vec::new();
    let mut off = 0;
    while off + 4 <= body.len() {
        let code = u16::from_be_bytes([body[off], body[off + 1]]);
        let plen = usize::from(body[off + 3]);
        let value = body.get(off + 4..off + 4 + plen).ok_or(ParseError::invalid("parameter_length"))?;
        params.push((code, value));
        off += 4 + plen;
    }
    Ok(LogPage { page, params })
}

/// The pages of the supported-pages page (00h), whose "parameters" are one byte each.
pub(crate) fn decode_supported_pages(b: &[u8]) -> Result<Vec<u8>, ParseError> {
    if b.first().map(|p| p & 0x3f) != Some(0) {
        return Err(ParseError::invalid("page_code"));
    }
    let len = be::<2>(b, 2).ok_or(ParseError::missing("page_length"))? as usize;
    Ok(b[4..(4 + len).min(b.len())].iter().map(|p| p & 0x3f).collect())
}

/// Current and reference temperature (°C) of the temperature page (0Dh).
pub(crate) fn temperatures(page: &LogPage<'_>) -> (Option<u8>, Option<u8>) {
    let t = |code| page.param(code).and_then(|v| v.get(1).copied()).filter(|t| *t != 0xff);
    (t(0x0000), t(0x0001))
}

/// Additional sense code, qualifier and most recent temperature of the informational
/// exceptions page (2Fh).
pub(crate) fn informational_exception(page: &LogPage<'_>) -> Option<(u8, u8, Option<u8>)> {
    let v = page.param(0x0000)?;
    Some((*v.first()?, *v.get(1)?, v.get(2).copied().filter(|t| *t != 0xff)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn inquiry_vpd_capacity() {
        let mut inq = vec![0u8; 36];
        inq[8..16].copy_from_slice(b"SEAGATE ");
        inq[16..32].copy_from_slice(b"ST4000NM0043    ");
        inq[32..36].copy_from_slice(b"MS03");
        let i = decode_inquiry(&inq).unwrap();
        assert_eq!((i.vendor.as_str(), i.product.as_str(), i.revision.as_str()), ("SEAGATE", "ST4000NM0043", "MS03"));
        assert!(decode_inquiry(&inq[..35]).is_err());
        assert_eq!(decode_vpd_serial(&[0, 0x80, 0, 4, b'A', b'B', b' ', b' ']).unwrap(), "AB");
        assert!(decode_vpd_serial(&[0, 0x80, 0, 9, b'A']).is_err());
        assert_eq!(
            decode_vpd_characteristics(&[0, 0xb1, 0, 0x3c, 0x1c, 0x20, 0, 2]).unwrap(),
            (Some(7200), Some("3.5 inches"))
        );
        assert_eq!(decode_vpd_characteristics(&[0, 0xb1, 0, 0x3c, 0, 1, 0, 3]).unwrap(), (Some(0), Some("2.5 inches")));
        let mut rc = vec![0u8; 32];
        rc[..8].copy_from_slice(&7_814_037_167u64.to_be_bytes());
        rc[8..12].copy_from_slice(&512u32.to_be_bytes());
        assert_eq!(decode_read_capacity_16(&rc).unwrap(), 4_000_787_030_016);
        rc[..8].copy_from_slice(&u64::MAX.to_be_bytes());
        assert!(decode_read_capacity_16(&rc).is_err());
    }

    #[test]
    fn log_pages() {
        let temp = [0x0d, 0, 0, 12, 0, 0, 3, 2, 0, 27, 0, 1, 3, 2, 0, 68];
        let p = decode_log_page(&temp).unwrap();
        assert_eq!(temperatures(&p), (Some(27), Some(68)));
        let ie = [0x2f, 0, 0, 8, 0, 0, 3, 4, 0x5d, 0x10, 30, 0];
        let p = decode_log_page(&ie).unwrap();
        assert_eq!(informational_exception(&p), Some((0x5d, 0x10, Some(30))));
        let ss = [0x0e, 0, 0, 8, 0, 4, 3, 4, 0, 0, 0, 171];
        assert_eq!(decode_log_page(&ss).unwrap().counter(4), Some(171));
        assert!(decode_log_page(&[0x0e, 0, 0, 8, 0, 4, 3, 9, 0]).is_err());
        assert_eq!(decode_supported_pages(&[0, 0, 0, 3, 0x00, 0x0d, 0x2f]).unwrap(), vec![0, 0x0d, 0x2f]);
    }
}
