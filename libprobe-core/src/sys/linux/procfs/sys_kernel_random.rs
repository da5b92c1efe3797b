//! `/proc/sys/kernel/random/entropy_avail` and `poolsize`: the random pool, in bits.
//!
//! ```text
//! 256
//! ```
//!
//! (Documentation/admin-guide/sysctl/kernel.rst, "random".) One decimal number each.
//! Since Linux 5.18 the pool is a 256-bit hash and `entropy_avail` reads 256 once the
//! generator is seeded; before, the input pool held 4096 bits and `entropy_avail` varied.

use crate::error::ParseError;
use crate::parse::{trim, u64_dec};

/// A number of bits.
pub(crate) fn bits(text: &[u8], name: &'static str) -> Result<u64, ParseError> {
    let t = trim(text);
    u64_dec(t).ok_or_else(|| ParseError::bad(name, t))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_number() {
        assert_eq!(bits(b"256\n", "entropy_avail"), Ok(256));
        for bad in [&b"-1\n"[..], b"", b"18446744073709551616", b"2x"] {
            let e = bits(bad, "poolsize").unwrap_err();
            assert_eq!(e.field(), Some("poolsize"), "{bad:?}");
        }
    }

    #[test]
    fn one_field_corruption() {
        crate::parse::corrupt::single("u64", "256", |b| bits(b, "entropy_avail"));
    }
}
