//! `/sys/devices/system/cpu`: which CPUs exist and are online, their topology and their
//! frequency.
//!
//! ```text
//! online, possible, present        0-1        CPU lists (`0-3,8,10-11`)
//! cpu1/online                      1          absent for CPUs that cannot go offline (often cpu0)
//! cpu1/topology/physical_package_id  0
//! cpu1/topology/die_id             0          5.3+
//! cpu1/topology/cluster_id         1          5.16+
//! cpu1/topology/core_id            1
//! cpu1/topology/thread_siblings_list  1       CPU list, this CPU included
//! cpu1/cpufreq/scaling_cur_freq    2600000    kHz
//! cpu1/cpufreq/scaling_min_freq    800000     kHz
//! cpu1/cpufreq/scaling_max_freq    3500000    kHz
//! cpu1/cpufreq/scaling_governor    schedutil
//! ```
//!
//! (Documentation/ABI/stable/sysfs-devices-system-cpu, Documentation/admin-guide/cputopology.rst,
//! Documentation/cpu-freq/cpufreq-stats.rst.) Topology ids are `int`s and may be -1 where
//! the architecture does not know them; `core_id` is unique only within its package and
//! die. The `topology/` directory goes away while a CPU is offline. `cpufreq/` (often a
//! link to `cpufreq/policyN`, shared by the CPUs of one policy) exists only with a cpufreq
//! driver, which most virtual machines lack.

use crate::error::{Error, ParseError};
use crate::parse::{cpu_list, i64_dec, trim, u64_dec};
use crate::source::Source;

/// The most CPUs a list may name (the kernel's `NR_CPUS` is at most 8192 today), so a
/// corrupt range cannot allocate without bound.
pub(crate) const MAX_CPUS: usize = 1 << 16;

/// A machine-wide CPU list: `online`, `possible`, `present` or `offline`.
pub(crate) fn read_list(src: &Source, name: &str) -> Result<Vec<u32>, Error> {
    let rel = format!("devices/system/cpu/{name}");
    let text = src.read_sys_value(&rel)?;
    list(&text).map_err(|e| e.in_file(src.sys_path(&rel)))
}

/// A file of one CPU's directory (`online`, `topology/core_id`, `cpufreq/scaling_cur_freq`).
pub(crate) fn read_cpu<T>(
    src: &Source,
    cpu: u32,
    file: &str,
    parse: impl FnOnce(&[u8]) -> Result<T, ParseError>,
) -> Result<T, Error> {
    let rel = format!("devices/system/cpu/cpu{cpu}/{file}");
    let text = src.read_sys_value(&rel)?;
    parse(&text).map_err(|e| e.in_file(src.sys_path(&rel)))
}

/// A CPU list, ascending as the kernel prints it.
pub(crate) fn list(text: &[u8]) -> Result<Vec<u32>, ParseError> {
    cpu_list(text, MAX_CPUS)
}

/// `cpuN/online`: `1` or `0`.
pub(crate) fn flag(text: &[u8]) -> Result<bool, ParseError> {
    match trim(text) {
        b"1" => Ok(true),
        b"0" => Ok(false),
        t => Err(ParseError::bad("online", t)),
    }
}

/// A topology id (`core_id`, `physical_package_id`, …).
pub(crate) fn id(text: &[u8]) -> Result<i32, ParseError> {
    let t = trim(text);
    i64_dec(t).and_then(|v| i32::try_from(v).ok()).ok_or_else(|| ParseError::bad("id", t))
}

/// A cpufreq frequency in kHz, as MHz.
pub(crate) fn khz_as_mhz(text: &[u8]) -> Result<f64, ParseError> {
    let t = trim(text);
    u64_dec(t).map(|khz| khz as f64 / 1000.0).ok_or_else(|| ParseError::bad("frequency", t))
}

/// A one-word attribute (`scaling_governor`).
pub(crate) fn word(text: &[u8]) -> Result<String, ParseError> {
    let w = trim(text);
    if w.is_empty() || w.iter().any(u8::is_ascii_whitespace) {
        return Err(ParseError::bad("governor", w));
    }
    Ok(String::from_utf8_lossy(w).into_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn values() {
        assert_eq!(list(b"0-3,8\n").unwrap(), vec![0, 1, 2, 3, 8]);
        assert_eq!(list(b"\n").unwrap(), Vec::<u32>::new());
        assert!(list(b"0-65536\n").is_err());
        assert_eq!((flag(b"1\n"), flag(b"0\n")), (Ok(true), Ok(false)));
        assert!(flag(b"2\n").is_err());
        assert_eq!((id(b"7\n"), id(b"-1\n")), (Ok(7), Ok(-1)));
        assert_eq!(id(b"4294967296\n").unwrap_err().field(), Some("id"));
        assert_eq!(khz_as_mhz(b"2600000\n"), Ok(2600.0));
        assert_eq!(khz_as_mhz(b"1198734\n"), Ok(1198.734));
        assert_eq!(khz_as_mhz(b"<unknown>\n").unwrap_err().field(), Some("frequency"));
        assert_eq!(word(b"schedutil\n").unwrap(), "schedutil");
        assert!(word(b"\n").is_err());
        assert!(word(b"two words\n").is_err());
    }

    #[test]
    fn one_field_corruption() {
        use crate::parse::corrupt::single;
        single("i32", "7", id);
        single("u64", "2600000", khz_as_mhz);
    }
}
