//! `/sys/class/net/<if>/{speed,duplex}`: what rtnetlink does not carry about a link.
//!
//! ```text
//! $ cat /sys/class/net/eth0/speed /sys/class/net/eth0/duplex
//! 10000
//! full
//! ```
//!
//! (Documentation/ABI/testing/sysfs-class-net.) Reading either fails with `EINVAL` while
//! the interface is down, and for devices without ethtool link settings (`lo`). A driver
//! that cannot tell prints `-1` (`SPEED_UNKNOWN`, also `4294967295` on older kernels) and
//! `unknown`. sysfs shows the network namespace of whoever mounted it, so these are read
//! only for the namespace the probe runs in.

use crate::error::ParseError;
use crate::network::Duplex;
use crate::parse::{i64_dec, trim};

/// Mbit/s, or `None` when the driver does not know.
pub(crate) fn speed(text: &[u8]) -> Result<Option<u32>, ParseError> {
    let v = i64_dec(trim(text)).ok_or(ParseError::invalid("speed"))?;
    match v {
        -1 | 0 | 4_294_967_295 => Ok(None),
        v => u32::try_from(v).map(Some).map_err(|_| ParseError::invalid("speed")),
    }
}

/// The duplex, or `None` when unknown.
pub(crate) fn duplex(text: &[u8]) -> Result<Option<Duplex>, ParseError> {
    match trim(text) {
        b"full" => Ok(Some(Duplex::Full)),
        b"half" => Ok(Some(Duplex::Half)),
        b"unknown" => Ok(None),
        _ => Err(ParseError::invalid("duplex")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn known_and_unknown() {
        assert_eq!(speed(b"10000\n"), Ok(Some(10000)));
        assert_eq!(speed(b"-1\n"), Ok(None));
        assert_eq!(speed(b"4294967295\n"), Ok(None));
        assert!(speed(b"-5\n").is_err());
        assert!(speed(b"fast\n").is_err());
        assert_eq!(duplex(b"full\n"), Ok(Some(Duplex::Full)));
        assert_eq!(duplex(b"unknown\n"), Ok(None));
        assert!(duplex(b"both\n").is_err());
    }
}
