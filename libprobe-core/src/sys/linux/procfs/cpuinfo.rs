//! `/proc/cpuinfo`: read only for the current frequency of CPUs that have no cpufreq
//! driver (most virtual machines).
//!
//! ```text
//! processor       : 0
//! vendor_id       : GenuineIntel
//! model name      : Intel(R) Xeon(R) Platinum 8259CL CPU @ 2.50GHz
//! cpu MHz         : 2600.000
//! physical id     : 0
//! core id         : 0
//!
//! processor       : 1
//! …
//! ```
//!
//! One block per online CPU, `processor` giving its logical number; keys are padded with
//! tabs before the `:`. The format is per architecture: x86 prints `cpu MHz` (measured
//! over the last tick since 5.x, the nominal frequency in most VMs), powerpc
//! `clock : 2500.000000MHz`, arm64 no frequency at all, and s390 a different layout
//! without `processor : N` lines. A CPU without a frequency line is simply absent from
//! the result.

use crate::error::{Error, ParseError};
use crate::parse::{f64_dec, key_value, lines, trim, u64_dec};
use crate::source::Source;

pub(crate) fn read(src: &Source) -> Result<Vec<(u32, f64)>, Error> {
    let text = src.read_proc("cpuinfo")?;
    parse(&text).map_err(|e| e.in_file(src.proc_path("cpuinfo")))
}

/// `(logical CPU, MHz)` for each CPU that prints its frequency, in file order.
pub(crate) fn parse(text: &[u8]) -> Result<Vec<(u32, f64)>, ParseError> {
    let mut out = Vec::new();
    let mut current = None;
    for (i, line) in lines(text).enumerate() {
        let Some((key, value)) = key_value(line, b':') else { continue };
        match trim(key) {
            b"processor" => {
                let id = u64_dec(value).and_then(|v| u32::try_from(v).ok());
                current = Some(id.ok_or_else(|| ParseError::invalid("processor").at_line(i + 1))?);
            }
            b"cpu MHz" => {
                let mhz = f64_dec(value).ok_or_else(|| ParseError::invalid("cpu MHz").at_line(i + 1))?;
                out.extend(current.map(|id| (id, mhz)));
            }
            b"clock" => {
                let digits = value.strip_suffix(b"MHz").unwrap_or(value);
                let mhz = f64_dec(digits).ok_or_else(|| ParseError::invalid("clock").at_line(i + 1))?;
                out.extend(current.map(|id| (id, mhz)));
            }
            _ => {}
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn x86() {
        let text = b"processor\t: 0\nvendor_id\t: GenuineIntel\ncpu MHz\t\t: 2600.000\ncore id\t\t: 0\n\n\
processor\t: 1\nvendor_id\t: GenuineIntel\ncpu MHz\t\t: 1198.734\ncore id\t\t: 1\n\n";
        assert_eq!(parse(text).unwrap(), vec![(0, 2600.0), (1, 1198.734)]);
    }

    #[test]
    fn powerpc_arm64_and_s390() {
        let ppc = b"processor\t: 0\ncpu\t\t: POWER9 (architected), altivec supported\nclock\t\t: 2750.000000MHz\n";
        assert_eq!(parse(ppc).unwrap(), vec![(0, 2750.0)]);
        let arm64 = b"processor\t: 0\nBogoMIPS\t: 50.00\nFeatures\t: fp asimd evtstrm\nCPU part\t: 0xd0c\n";
        assert!(parse(arm64).unwrap().is_empty());
        let s390 = b"vendor_id       : IBM/S390\nprocessor 0: version = FF,  identification = 0133E8\n\
cpu number      : 0\ncpu MHz dynamic : 5200\n";
        assert!(parse(s390).unwrap().is_empty());
    }

    #[test]
    fn garbage_is_an_error() {
        let e = parse(b"processor\t: 0\ncpu MHz\t\t: fast\n").unwrap_err();
        assert_eq!((e.field(), e.line()), (Some("cpu MHz"), Some(2)));
        assert_eq!(parse(b"processor\t: -1\n").unwrap_err().field(), Some("processor"));
        assert!(parse(b"cpu MHz : 100\n").unwrap().is_empty());
        assert!(parse(b"\x00\xff:::\n").unwrap().is_empty());
    }
}
