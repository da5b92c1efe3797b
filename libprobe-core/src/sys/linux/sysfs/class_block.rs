//! `/sys/class/block/<dev>/…`: what sysfs tells anyone about a block device.
//!
//! ```text
//! $ cat /sys/class/block/sda/{size,queue/rotational,device/vendor,device/model,device/rev}
//! 976773168
//! 1
//! ATA
//! WDC WD5000AAKS-0
//! 1C01
//! ```
//!
//! (Documentation/ABI/stable/sysfs-block, sysfs-bus-scsi.) `size` counts 512-byte sectors
//! whatever the logical block size; `partition` exists only for partitions; SCSI devices
//! have `device/{vendor,model,rev}` (INQUIRY strings, space padded; libata puts `ATA` in
//! vendor and cuts the model to 16 characters) and, when the kernel read them,
//! `device/vpd_pg80` (unit serial number page, binary) and `device/vpd_pg89` (ATA
//! information: present for disks behind a SCSI/ATA translation layer).

use crate::error::ParseError;
use crate::parse::{trim, u64_dec};

/// `size`: the device size in bytes.
pub(crate) fn size_bytes(text: &[u8]) -> Result<u64, ParseError> {
    u64_dec(trim(text)).and_then(|s| s.checked_mul(512)).ok_or(ParseError::invalid("size"))
}

/// A `0`/`1` attribute (`queue/rotational`, `removable`, `ro`).
pub(crate) fn flag(text: &[u8], name: &'static str) -> Result<bool, ParseError> {
    match trim(text) {
        b"0" => Ok(false),
        b"1" => Ok(true),
        _ => Err(ParseError::invalid(name)),
    }
}

/// A text attribute, trimmed; `None` when empty.
pub(crate) fn text(b: &[u8]) -> Option<String> {
    let t = trim(b);
    (!t.is_empty()).then(|| String::from_utf8_lossy(t).into_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn values() {
        assert_eq!(size_bytes(b"976773168\n"), Ok(500_107_862_016));
        assert!(size_bytes(b"-1\n").is_err());
        assert!(size_bytes(b"99999999999999999999\n").is_err());
        assert_eq!(flag(b"1\n", "rotational"), Ok(true));
        assert!(flag(b"2\n", "rotational").is_err());
        assert_eq!(text(b"ATA     \n").as_deref(), Some("ATA"));
        assert_eq!(text(b"  \n"), None);
    }
}
