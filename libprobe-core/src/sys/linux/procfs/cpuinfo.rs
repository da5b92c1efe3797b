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
use crate::parse::{Problems, Val, f64_nonneg, key_value, lines, trim, u64_dec};
use crate::source::Source;

/// `(logical CPU, MHz)` for each CPU that prints its frequency, in file order; a
/// frequency that does not parse is that CPU's problem only. A block whose `processor`
/// number does not parse belongs to no CPU: its frequency is left out.
#[derive(Debug, Clone, Default, PartialEq)]
pub(crate) struct CpuInfo {
    pub mhz: Vec<(u32, Val<f64>)>,
    pub problems: Problems,
}

pub(crate) fn read(src: &Source) -> Result<CpuInfo, Error> {
    Ok(parse(&src.read_proc("cpuinfo")?))
}

pub(crate) fn parse(text: &[u8]) -> CpuInfo {
    let mut out = CpuInfo::default();
    let mut current = None;
    for (i, line) in lines(text).enumerate() {
        let Some((key, value)) = key_value(line, b':') else { continue };
        let digits = match trim(key) {
            b"processor" => {
                current = u64_dec(value).and_then(|v| u32::try_from(v).ok());
                if current.is_none() {
                    out.problems.push(ParseError::bad("processor", value).at_line(i + 1));
                }
                continue;
            }
            b"cpu MHz" => ("cpu MHz", value),
            b"clock" => ("clock", value.strip_suffix(b"MHz").unwrap_or(value)),
            _ => continue,
        };
        let (name, digits) = digits;
        let mhz = out.problems.take_at(f64_nonneg(digits).ok_or_else(|| ParseError::bad(name, value)), i + 1);
        out.mhz.extend(current.map(|id| (id, mhz)));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::parse::corrupt;

    fn mhz(t: &[u8]) -> Vec<(u32, f64)> {
        let c = parse(t);
        assert!(c.problems.is_empty());
        c.mhz.into_iter().map(|(id, v)| (id, v.value().unwrap())).collect()
    }

    #[test]
    fn x86() {
        let text = b"processor\t: 0\nvendor_id\t: GenuineIntel\ncpu MHz\t\t: 2600.000\ncore id\t\t: 0\n\n\
processor\t: 1\nvendor_id\t: GenuineIntel\ncpu MHz\t\t: 1198.734\ncore id\t\t: 1\n\n";
        assert_eq!(mhz(text), vec![(0, 2600.0), (1, 1198.734)]);
    }

    #[test]
    fn powerpc_arm64_and_s390() {
        let ppc = b"processor\t: 0\ncpu\t\t: POWER9 (architected), altivec supported\nclock\t\t: 2750.000000MHz\n";
        assert_eq!(mhz(ppc), vec![(0, 2750.0)]);
        let arm64 = b"processor\t: 0\nBogoMIPS\t: 50.00\nFeatures\t: fp asimd evtstrm\nCPU part\t: 0xd0c\n";
        assert!(mhz(arm64).is_empty());
        let s390 = b"vendor_id       : IBM/S390\nprocessor 0: version = FF,  identification = 0133E8\n\
cpu number      : 0\ncpu MHz dynamic : 5200\n";
        assert!(mhz(s390).is_empty());
    }

    #[test]
    fn garbage_costs_only_its_cpu() {
        let c = parse(b"processor\t: 0\ncpu MHz\t\t: fast\nprocessor\t: 1\ncpu MHz\t\t: 1.5\n");
        assert_eq!(c.mhz, vec![(0, Val::Bad), (1, Val::Ok(1.5))]);
        let e = c.problems.iter().next().unwrap();
        assert_eq!((e.field(), e.line()), (Some("cpu MHz"), Some(2)));
        let c = parse(b"processor\t: -1\ncpu MHz : 3\n");
        assert_eq!((c.mhz.len(), c.problems.iter().next().unwrap().field()), (0, Some("processor")));
        assert!(parse(b"cpu MHz : 100\n").mhz.is_empty());
        assert!(parse(b"\x00\xff:::\n").mhz.is_empty());
    }

    #[test]
    fn one_field_corruption() {
        corrupt::check(
            "processor\t: 0\ncpu MHz\t\t: {{0:f=2600.000}}\n\nprocessor\t: 1\ncpu MHz\t\t: {{1:f=1198.734}}\n",
            |b| {
                let c = parse(b);
                let mut l: Vec<(String, String)> = (0..2).map(|id| (id.to_string(), "Absent".to_string())).collect();
                for (id, v) in &c.mhz {
                    l[*id as usize].1 = format!("{v:?}");
                }
                (l, c.problems.iter().map(ToString::to_string).collect())
            },
        );
    }
}
