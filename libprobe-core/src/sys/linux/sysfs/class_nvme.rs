//! `/sys/class/nvme/<ctrl>/…`: an NVMe controller's identity and its temperature sensor,
//! readable by anyone.
//!
//! ```text
//! $ cat /sys/class/nvme/nvme0/{model,serial,firmware_rev,transport}
//! SAMSUNG MZVLB1T0HBLR-000H1
//! S4EMNX0R123456
//! HPS0NEXF
//! pcie
//! $ cat /sys/class/nvme/nvme0/hwmon1/temp1_input
//! 44850
//! ```
//!
//! (Documentation/ABI/testing/sysfs-class-nvme; `drivers/nvme/host/hwmon.c`, Linux 5.5+:
//! `temp1_input` is the composite temperature in millidegrees Celsius, read from the SMART
//! log by the kernel.) The controller's namespaces (`nvme0n1`, …) are entries of its
//! directory.

use crate::error::ParseError;
use crate::parse::{i64_dec, trim};

/// `tempN_input`: whole degrees Celsius from millidegrees (rounded toward zero).
pub(crate) fn temp_celsius(text: &[u8]) -> Result<i32, ParseError> {
    let m = i64_dec(trim(text)).ok_or(ParseError::invalid("temp_input"))?;
    i32::try_from(m / 1000).map_err(|_| ParseError::invalid("temp_input"))
}

/// Whether a directory entry of the controller is one of its namespaces (`nvme0n1`).
pub(crate) fn is_namespace(controller: &str, entry: &[u8]) -> bool {
    entry
        .strip_prefix(controller.as_bytes())
        .and_then(|r| r.strip_prefix(b"n"))
        .is_some_and(|n| !n.is_empty() && n.iter().all(u8::is_ascii_digit))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn values() {
        assert_eq!(temp_celsius(b"44850\n"), Ok(44));
        assert_eq!(temp_celsius(b"-5000\n"), Ok(-5));
        assert!(temp_celsius(b"hot\n").is_err());
        assert!(is_namespace("nvme0", b"nvme0n1"));
        assert!(!is_namespace("nvme0", b"nvme0c0n1"));
        assert!(!is_namespace("nvme0", b"nvme10n1"));
        assert!(!is_namespace("nvme0", b"hwmon1"));
    }
}
