//! `/proc/sys/net/ipv4/tcp_mem` and `udp_mem`: three page counts (low, pressure, high).
//!
//! ```text
//! 286431  381909  572862
//! ```
//!
//! The three thresholds are one unit (a pressure setting means something only with its
//! low and high marks, docs/field-isolation.md rule 6): one that does not parse costs the
//! setting, with an error quoting it, never a default.

use crate::error::ParseError;
use crate::network::MemoryLimits;
use crate::parse::Fields;

pub(crate) fn parse(text: &[u8]) -> Result<MemoryLimits, ParseError> {
    let mut f = Fields::new(text);
    let limits = MemoryLimits { low: f.u64("low")?, pressure: f.u64("pressure")?, high: f.u64("high")? };
    match f.token() {
        None => Ok(limits),
        Some(_) => Err(ParseError::malformed("more than three values")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn three_pages_counts() {
        assert_eq!(
            parse(b"286431\t381909\t572862\n").unwrap(),
            MemoryLimits { low: 286431, pressure: 381909, high: 572862 }
        );
        assert_eq!(parse(b"1 2\n").unwrap_err().field(), Some("high"));
        assert!(parse(b"1 2 3 4\n").is_err());
    }

    /// The setting is one unit: corrupting any of its three values costs the setting.
    #[test]
    fn one_field_corruption() {
        crate::parse::corrupt::check("{{tcp_mem=286431}}\t{{tcp_mem=381909}}\t{{tcp_mem=572862}}\n", |b| {
            let (v, problems) = match parse(b) {
                Ok(m) => (crate::parse::Val::Ok(m), Vec::new()),
                Err(e) => (crate::parse::Val::Bad, vec![e.to_string()]),
            };
            (vec![("tcp_mem".to_string(), format!("{v:?}"))], problems)
        });
    }
}
