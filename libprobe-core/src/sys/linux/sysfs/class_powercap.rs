//! `/sys/class/powercap`: power capping control types and their zones (RAPL).
//!
//! ```text
//! $ ls /sys/class/powercap
//! intel-rapl  intel-rapl:0  intel-rapl:0:0  intel-rapl:0:1  intel-rapl:1  intel-rapl-mmio  intel-rapl-mmio:0
//! $ cd /sys/class/powercap/intel-rapl:0 && grep . name energy_uj max_energy_range_uj enabled constraint_0_*
//! name:package-0
//! energy_uj:15032385536
//! max_energy_range_uj:262143328850
//! enabled:1
//! constraint_0_name:long_term
//! constraint_0_power_limit_uw:15000000
//! constraint_0_time_window_us:27983872
//! constraint_0_max_power_uw:15000000
//! ```
//!
//! (Documentation/power/powercap/powercap.rst, Documentation/ABI/testing/sysfs-class-powercap.)
//! Every entry of the class directory is a link into `/sys/devices/virtual/powercap`: a
//! control type (`intel-rapl`, `intel-rapl-mmio`, `dtpm`: its only attribute is
//! `enabled`) or a zone named `<control type>:<i>[:<j>…]`, a subzone of
//! `<control type>:<i>` — listed flat here, nested in `/sys/devices`. A zone has `name`
//! and either an energy counter (`energy_uj`, `max_energy_range_uj`) or a power reading
//! (`power_uw`, `max_power_range_uw`), and constraints `constraint_<n>_*` of which only
//! `power_limit_uw` and `time_window_us` are mandatory.
//!
//! Quirks: `energy_uj` is mode 0400 since Linux 5.10 (CVE-2020-8694, "PLATYPUS"), so an
//! unprivileged read fails with `EACCES`; it counts up to `max_energy_range_uj` and wraps
//! to 0 (a 32-bit hardware counter in RAPL energy units: about 262 kJ on Intel, 65 kJ on
//! AMD). AMD Zen packages (Linux 5.8+) appear as `intel-rapl:<n>` zones named
//! `package-<n>`, without constraints. `intel-rapl-mmio` (the processor's thermal device)
//! shows the same package through MMIO, with limits of its own. Some firmware fails reads
//! of single attributes with `EIO` or `ENODATA`: that attribute is missing, the zone kept.

use crate::error::Error;
use crate::parse::u64_dec;
use crate::source::{Source, SysDir};
use crate::sys::imp::sysfs::attribute::{self, Attr};

/// The most indices a zone name may carry (`intel-rapl:0:1` has 2): deeper names are not
/// zones the kernel makes.
pub(crate) const MAX_DEPTH: usize = 8;
/// The most constraints read per zone.
pub(crate) const MAX_CONSTRAINTS: u32 = 64;

/// An entry of `/sys/class/powercap`, from its name.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Entry<'a> {
    /// A control type (`intel-rapl`).
    ControlType(&'a [u8]),
    /// A zone: its control type and its indices (`intel-rapl:0:1` → `intel-rapl`, [0, 1]).
    Zone { control_type: &'a [u8], indices: Vec<u32> },
}

/// What the name of a class entry says it is; `None` for a name no kernel makes.
pub(crate) fn entry(name: &[u8]) -> Option<Entry<'_>> {
    let mut parts = name.split(|&b| b == b':');
    let control_type = parts.next().filter(|c| !c.is_empty())?;
    let mut indices = Vec::new();
    for p in parts {
        if indices.len() == MAX_DEPTH {
            return None;
        }
        indices.push(u64_dec(p).and_then(|v| u32::try_from(v).ok())?);
    }
    Some(if indices.is_empty() { Entry::ControlType(control_type) } else { Entry::Zone { control_type, indices } })
}

/// An attribute of a zone, from its file name.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum ZoneAttr {
    Name,
    EnergyUj,
    MaxEnergyRangeUj,
    PowerUw,
    MaxPowerRangeUw,
    Enabled,
    Constraint(u32, ConstraintAttr),
}

/// An attribute of a constraint (`constraint_<n>_<attr>`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum ConstraintAttr {
    Name,
    PowerLimitUw,
    TimeWindowUs,
    MaxPowerUw,
    MinPowerUw,
    MaxTimeWindowUs,
    MinTimeWindowUs,
}

impl ConstraintAttr {
    const ALL: [(ConstraintAttr, &'static [u8]); 7] = [
        (ConstraintAttr::Name, b"name"),
        (ConstraintAttr::PowerLimitUw, b"power_limit_uw"),
        (ConstraintAttr::TimeWindowUs, b"time_window_us"),
        (ConstraintAttr::MaxPowerUw, b"max_power_uw"),
        (ConstraintAttr::MinPowerUw, b"min_power_uw"),
        (ConstraintAttr::MaxTimeWindowUs, b"max_time_window_us"),
        (ConstraintAttr::MinTimeWindowUs, b"min_time_window_us"),
    ];

    fn bit(self) -> u8 {
        1 << (self as u8)
    }
}

/// The zone attribute a file is, or `None` for files libprobe does not read (`device`,
/// `power/`, `uevent`, subzone directories).
pub(crate) fn zone_attr(name: &[u8]) -> Option<ZoneAttr> {
    Some(match name {
        b"name" => ZoneAttr::Name,
        b"energy_uj" => ZoneAttr::EnergyUj,
        b"max_energy_range_uj" => ZoneAttr::MaxEnergyRangeUj,
        b"power_uw" => ZoneAttr::PowerUw,
        b"max_power_range_uw" => ZoneAttr::MaxPowerRangeUw,
        b"enabled" => ZoneAttr::Enabled,
        _ => {
            let rest = name.strip_prefix(b"constraint_")?;
            let us = rest.iter().position(|&b| b == b'_')?;
            let index = u64_dec(&rest[..us]).and_then(|v| u32::try_from(v).ok())?;
            let attr = &rest[us + 1..];
            let (a, _) = ConstraintAttr::ALL.iter().find(|(_, n)| *n == attr)?;
            ZoneAttr::Constraint(index, *a)
        }
    })
}

/// Every entry name of `/sys/class/powercap`, sorted.
pub(crate) fn list(src: &Source) -> Result<Vec<Vec<u8>>, Error> {
    let dir = src.open_sys_dir("class/powercap")?;
    let mut names = Vec::new();
    dir.entries(|n| names.push(n.to_vec()))?;
    names.sort_unstable();
    Ok(names)
}

/// One zone's attributes, as read.
#[derive(Debug)]
pub(crate) struct Zone {
    pub name: Attr<String>,
    pub energy_uj: Attr<u64>,
    pub max_energy_range_uj: Attr<u64>,
    pub power_uw: Attr<u64>,
    pub max_power_range_uw: Attr<u64>,
    pub enabled: Attr<bool>,
    pub constraints: Vec<Constraint>,
}

/// One constraint's attributes, as read.
#[derive(Debug)]
pub(crate) struct Constraint {
    pub index: u32,
    pub name: Attr<String>,
    pub power_limit_uw: Attr<u64>,
    pub time_window_us: Attr<u64>,
    pub max_power_uw: Attr<u64>,
    pub min_power_uw: Attr<u64>,
    pub max_time_window_us: Attr<u64>,
    pub min_time_window_us: Attr<u64>,
}

/// Reads the zone whose directory is `dir`: lists it, then reads each attribute it has.
pub(crate) fn read_zone(dir: &SysDir<'_>, buf: &mut Vec<u8>) -> Result<Zone, Error> {
    let mut has = 0u8;
    // (index, bit set of ConstraintAttr), sorted by index.
    let mut constraints: Vec<(u32, u8)> = Vec::new();
    dir.entries(|n| match zone_attr(n) {
        Some(ZoneAttr::Constraint(i, a)) if i < MAX_CONSTRAINTS => {
            match constraints.binary_search_by_key(&i, |c| c.0) {
                Ok(at) => constraints[at].1 |= a.bit(),
                Err(at) => constraints.insert(at, (i, a.bit())),
            }
        }
        Some(ZoneAttr::Constraint(..)) | None => {}
        Some(a) => has |= zone_bit(a),
    })?;
    let mut get_u64 =
        |a: ZoneAttr, file: &[u8]| (has & zone_bit(a) != 0).then(|| attribute::read(dir, file, buf, attribute::u64));
    let energy_uj = get_u64(ZoneAttr::EnergyUj, b"energy_uj");
    let max_energy_range_uj = get_u64(ZoneAttr::MaxEnergyRangeUj, b"max_energy_range_uj");
    let power_uw = get_u64(ZoneAttr::PowerUw, b"power_uw");
    let max_power_range_uw = get_u64(ZoneAttr::MaxPowerRangeUw, b"max_power_range_uw");
    let name = (has & zone_bit(ZoneAttr::Name) != 0).then(|| attribute::read(dir, b"name", buf, attribute::string));
    let enabled =
        (has & zone_bit(ZoneAttr::Enabled) != 0).then(|| attribute::read(dir, b"enabled", buf, attribute::flag));
    let constraints = constraints
        .into_iter()
        .map(|(index, bits)| {
            let file = |a: ConstraintAttr| {
                let mut f = format!("constraint_{index}_").into_bytes();
                f.extend_from_slice(ConstraintAttr::ALL[a as usize].1);
                f
            };
            let name = (bits & ConstraintAttr::Name.bit() != 0)
                .then(|| attribute::read(dir, &file(ConstraintAttr::Name), buf, attribute::string));
            let mut num =
                |a: ConstraintAttr| (bits & a.bit() != 0).then(|| attribute::read(dir, &file(a), buf, attribute::u64));
            Constraint {
                index,
                name,
                power_limit_uw: num(ConstraintAttr::PowerLimitUw),
                time_window_us: num(ConstraintAttr::TimeWindowUs),
                max_power_uw: num(ConstraintAttr::MaxPowerUw),
                min_power_uw: num(ConstraintAttr::MinPowerUw),
                max_time_window_us: num(ConstraintAttr::MaxTimeWindowUs),
                min_time_window_us: num(ConstraintAttr::MinTimeWindowUs),
            }
        })
        .collect();
    Ok(Zone { name, energy_uj, max_energy_range_uj, power_uw, max_power_range_uw, enabled, constraints })
}

fn zone_bit(a: ZoneAttr) -> u8 {
    match a {
        ZoneAttr::Name => 1,
        ZoneAttr::EnergyUj => 2,
        ZoneAttr::MaxEnergyRangeUj => 4,
        ZoneAttr::PowerUw => 8,
        ZoneAttr::MaxPowerRangeUw => 16,
        ZoneAttr::Enabled => 32,
        ZoneAttr::Constraint(..) => 0,
    }
}

/// The energy used between two readings of a counter that wraps to 0 after `max_range`
/// (`max_energy_range_uj`): `now - before`, or across one wrap `max_range - before + now`
/// (exact within one counter unit). `None` when the counter went back and the range is
/// unknown or smaller than the earlier reading (a reset, not a wrap). More than one wrap
/// between the readings cannot be seen.
pub(crate) fn energy_delta(before: u64, now: u64, max_range: Option<u64>) -> Option<u64> {
    if now >= before {
        return Some(now - before);
    }
    let max = max_range.filter(|&m| m >= before)?;
    (max - before).checked_add(now)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn entries() {
        assert_eq!(entry(b"intel-rapl"), Some(Entry::ControlType(b"intel-rapl")));
        assert_eq!(entry(b"intel-rapl:0"), Some(Entry::Zone { control_type: b"intel-rapl", indices: vec![0] }));
        assert_eq!(
            entry(b"intel-rapl-mmio:0:12"),
            Some(Entry::Zone { control_type: b"intel-rapl-mmio", indices: vec![0, 12] })
        );
        assert_eq!(entry(b""), None);
        assert_eq!(entry(b":0"), None);
        assert_eq!(entry(b"intel-rapl:"), None);
        assert_eq!(entry(b"intel-rapl:x"), None);
        assert_eq!(entry(b"intel-rapl:4294967296"), None);
        assert_eq!(entry(b"t:1:2:3:4:5:6:7:8"), Some(Entry::Zone { control_type: b"t", indices: (1..=8).collect() }));
        assert_eq!(entry(b"t:1:2:3:4:5:6:7:8:9"), None);
    }

    #[test]
    fn attributes() {
        assert_eq!(zone_attr(b"energy_uj"), Some(ZoneAttr::EnergyUj));
        assert_eq!(
            zone_attr(b"constraint_0_power_limit_uw"),
            Some(ZoneAttr::Constraint(0, ConstraintAttr::PowerLimitUw))
        );
        assert_eq!(zone_attr(b"constraint_12_name"), Some(ZoneAttr::Constraint(12, ConstraintAttr::Name)));
        assert_eq!(
            zone_attr(b"constraint_1_min_time_window_us"),
            Some(ZoneAttr::Constraint(1, ConstraintAttr::MinTimeWindowUs))
        );
        assert_eq!(zone_attr(b"constraint_1_"), None);
        assert_eq!(zone_attr(b"constraint__name"), None);
        assert_eq!(zone_attr(b"constraint_1_color"), None);
        assert_eq!(zone_attr(b"device"), None);
        assert_eq!(zone_attr(b"intel-rapl:0:0"), None);
    }

    #[test]
    fn deltas_across_one_wrap() {
        let max = 262_143_328_850;
        assert_eq!(energy_delta(100, 350, Some(max)), Some(250));
        assert_eq!(energy_delta(max - 5_000_000, 15_000_000, Some(max)), Some(20_000_000));
        assert_eq!(energy_delta(max, 0, Some(max)), Some(0));
        assert_eq!(energy_delta(500, 100, None), None, "went back without a known range");
        assert_eq!(energy_delta(max + 10, 100, Some(max)), None, "before was past the range: a reset");
        assert_eq!(energy_delta(u64::MAX, 1, Some(u64::MAX)), Some(1));
    }
}
