//! `/sys/class/power_supply/<name>`: batteries, AC adapters, USB ports, UPSes.
//!
//! ```text
//! $ cat /sys/class/power_supply/BAT0/uevent
//! DEVTYPE=power_supply
//! POWER_SUPPLY_NAME=BAT0
//! POWER_SUPPLY_TYPE=Battery
//! POWER_SUPPLY_STATUS=Discharging
//! POWER_SUPPLY_PRESENT=1
//! POWER_SUPPLY_TECHNOLOGY=Li-poly
//! POWER_SUPPLY_CYCLE_COUNT=143
//! POWER_SUPPLY_VOLTAGE_MIN_DESIGN=11580000
//! POWER_SUPPLY_VOLTAGE_NOW=11972000
//! POWER_SUPPLY_POWER_NOW=7416000
//! POWER_SUPPLY_ENERGY_FULL_DESIGN=57000000
//! POWER_SUPPLY_ENERGY_FULL=51870000
//! POWER_SUPPLY_ENERGY_NOW=36240000
//! POWER_SUPPLY_CAPACITY=69
//! POWER_SUPPLY_CAPACITY_LEVEL=Normal
//! POWER_SUPPLY_MODEL_NAME=5B10W13975
//! POWER_SUPPLY_MANUFACTURER=SMP
//! POWER_SUPPLY_SERIAL_NUMBER=  123
//! ```
//!
//! (Documentation/ABI/testing/sysfs-class-power, Documentation/power/power_supply_class.rst.)
//! Every property is also a file of its own (`status`, `energy_now`, …). Units: µV, µA,
//! µW, µAh, µWh, seconds, tenths of a degree Celsius; `current_now` and `power_now` are
//! signed (the ABI wants negative while discharging; ACPI reports magnitudes).
//!
//! `uevent` holds every property the driver could read, one `POWER_SUPPLY_<PROP>=<value>`
//! line each (a property failing with `ENODATA` or `ENODEV` is left out): one read for the
//! whole supply where the files take one per property. But any other error of one
//! property (`EIO` from a flaky fuel gauge) fails the whole `uevent` read; the supply is
//! then read file by file, and only that property is lost. A value runs to the end of its
//! line and may hold spaces (`Not charging`, a serial number with leading spaces).
//! Quirks: supplies are not always named `BAT*`/`AC*` (`CMB1`, `ADP1`, `C1AB`): the kind is
//! `type`. An absent battery (`present` = 0) answers little else.

use std::os::unix::ffi::OsStrExt;

use crate::error::{Error, ErrorKind};
use crate::power::BatteryStatus;
use crate::source::{Source, SysDir};
use crate::sys::imp::sysfs::attribute::{self, Attr};

/// The most lines of a `uevent` kept.
pub(crate) const MAX_PROPERTIES: usize = 256;

/// Every property libprobe reads, by file name (the `uevent` key is `POWER_SUPPLY_` and
/// the name in capitals).
pub(crate) const PROPERTIES: [&str; 30] = [
    "type",
    "status",
    "present",
    "online",
    "capacity",
    "capacity_level",
    "energy_now",
    "energy_full",
    "energy_full_design",
    "charge_now",
    "charge_full",
    "charge_full_design",
    "power_now",
    "current_now",
    "current_max",
    "voltage_now",
    "voltage_min_design",
    "cycle_count",
    "technology",
    "manufacturer",
    "model_name",
    "serial_number",
    "time_to_empty_now",
    "time_to_full_now",
    "temp",
    "health",
    "scope",
    "usb_type",
    "charge_control_start_threshold",
    "charge_control_end_threshold",
];

/// The `POWER_SUPPLY_*` lines of a `uevent` as (property in lower case, value): other
/// lines (`DEVTYPE=`) and lines without `=` are left out. Values keep their spaces.
pub(crate) fn uevent(text: &[u8]) -> Vec<(Vec<u8>, &[u8])> {
    let mut out = Vec::new();
    for line in text.split(|&b| b == b'\n') {
        if out.len() == MAX_PROPERTIES {
            break;
        }
        let Some(rest) = line.strip_prefix(b"POWER_SUPPLY_") else { continue };
        let Some(eq) = rest.iter().position(|&b| b == b'=') else { continue };
        let key = rest[..eq].to_ascii_lowercase();
        out.push((key, &rest[eq + 1..]));
    }
    out
}

/// `status`.
pub(crate) fn status(b: &[u8]) -> Result<BatteryStatus, crate::error::ParseError> {
    Ok(match attribute::text(b) {
        b"Unknown" => BatteryStatus::Unknown,
        b"Charging" => BatteryStatus::Charging,
        b"Discharging" => BatteryStatus::Discharging,
        b"Not charging" => BatteryStatus::NotCharging,
        b"Full" => BatteryStatus::Full,
        _ => return Err(crate::error::ParseError::invalid("status")),
    })
}

/// The entries of `/sys/class/power_supply`, in name order.
pub(crate) fn list(src: &Source) -> Result<Vec<Vec<u8>>, Error> {
    let dir = src.open_sys_dir("class/power_supply")?;
    let mut names = Vec::new();
    dir.entries(|n| names.push(n.to_vec()))?;
    names.sort_unstable();
    Ok(names)
}

/// One supply's properties, raw: the text of each property it has, by the index of its
/// name in [`PROPERTIES`], or the error that left it unread.
#[derive(Debug)]
pub(crate) struct Supply {
    /// The directory, for error messages.
    dir: std::path::PathBuf,
    values: Vec<Attr<Vec<u8>>>,
    /// Whether the properties came from `uevent` (else from the files).
    pub from_uevent: bool,
}

impl Supply {
    /// Builds a supply from the text of its `uevent`.
    pub(crate) fn from_uevent(dir: std::path::PathBuf, text: &[u8]) -> Supply {
        let mut values: Vec<Attr<Vec<u8>>> = (0..PROPERTIES.len()).map(|_| None).collect();
        for (key, value) in uevent(text) {
            if let Some(i) = PROPERTIES.iter().position(|p| p.as_bytes() == key.as_slice()) {
                values[i] = Some(Ok(value.to_vec()));
            }
        }
        Supply { dir, values, from_uevent: true }
    }

    /// Property `name` parsed with `parse`: `None` when the supply does not have it.
    pub(crate) fn get<T>(
        &self,
        name: &str,
        parse: impl FnOnce(&[u8]) -> Result<T, crate::error::ParseError>,
    ) -> Attr<T> {
        let i = PROPERTIES.iter().position(|p| *p == name)?;
        Some(match self.values.get(i)?.as_ref()? {
            Ok(raw) => parse(raw).map_err(|e| {
                let at = if self.from_uevent {
                    self.dir.join("uevent")
                } else {
                    self.dir.join(std::ffi::OsStr::from_bytes(name.as_bytes()))
                };
                let what = if self.from_uevent { format!("{e} {name}") } else { e.to_string() };
                Error::new(ErrorKind::Parse, format!("{what}: {}", attribute::quote(raw))).with_path(at)
            }),
            Err(e) => Err(e.clone()),
        })
    }
}

/// Reads the supply `/sys/class/power_supply/<name>`: its `uevent`, or when that read
/// fails (or the file is absent), each property file it lists.
pub(crate) fn read(src: &Source, name: &[u8], buf: &mut Vec<u8>) -> Result<Supply, Error> {
    let dir = src.open_sys_dir(std::path::Path::new("class/power_supply").join(std::ffi::OsStr::from_bytes(name)))?;
    match dir.read(b"uevent", buf) {
        Ok(()) if buf.windows(13).any(|w| w == b"POWER_SUPPLY_") => Ok(Supply::from_uevent(dir.path().to_owned(), buf)),
        _ => read_files(&dir, buf),
    }
}

/// Reads each property file `dir` lists.
pub(crate) fn read_files(dir: &SysDir<'_>, buf: &mut Vec<u8>) -> Result<Supply, Error> {
    let mut listed = [false; PROPERTIES.len()];
    dir.entries(|n| {
        if let Some(i) = PROPERTIES.iter().position(|p| p.as_bytes() == n) {
            listed[i] = true;
        }
    })?;
    let values = PROPERTIES
        .iter()
        .zip(listed)
        .map(|(p, listed)| listed.then(|| dir.read(p.as_bytes(), buf).map(|()| attribute::text(buf).to_vec())))
        .collect();
    Ok(Supply { dir: dir.path().to_owned(), values, from_uevent: false })
}

#[cfg(test)]
mod tests {
    use super::*;

    const BAT0: &[u8] = b"DEVTYPE=power_supply\nPOWER_SUPPLY_NAME=BAT0\nPOWER_SUPPLY_TYPE=Battery\n\
POWER_SUPPLY_STATUS=Not charging\nPOWER_SUPPLY_PRESENT=1\nPOWER_SUPPLY_CURRENT_NOW=-1450000\n\
POWER_SUPPLY_SERIAL_NUMBER=  123\nPOWER_SUPPLY_CAPACITY=abc\nGARBAGE\nPOWER_SUPPLY_NOEQUALS\n";

    #[test]
    fn uevent_lines() {
        let p = uevent(BAT0);
        assert_eq!(p[0], (b"name".to_vec(), &b"BAT0"[..]));
        assert_eq!(p.len(), 7);
        let s = Supply::from_uevent("/sys/class/power_supply/BAT0".into(), BAT0);
        assert_eq!(s.get("status", status).unwrap(), Ok(BatteryStatus::NotCharging));
        assert_eq!(s.get("current_now", attribute::i64).unwrap(), Ok(-1_450_000));
        assert_eq!(s.get("serial_number", attribute::string).unwrap().unwrap(), "  123");
        assert!(s.get("energy_now", attribute::u64).is_none(), "absent");
        let e = s.get("capacity", attribute::u64).unwrap().unwrap_err();
        assert_eq!(e.kind(), ErrorKind::Parse);
        assert_eq!(
            e.to_string(),
            "parse error in /sys/class/power_supply/BAT0/uevent: invalid field value capacity: \"abc\""
        );
    }

    #[test]
    fn statuses() {
        assert_eq!(status(b"Full\n"), Ok(BatteryStatus::Full));
        assert_eq!(status(b"Unknown\n"), Ok(BatteryStatus::Unknown));
        assert!(status(b"Exploding\n").is_err());
        assert!(status(b"").is_err());
    }

    #[test]
    fn a_huge_uevent_is_bounded() {
        let text = "POWER_SUPPLY_X=1\n".repeat(10_000);
        assert_eq!(uevent(text.as_bytes()).len(), MAX_PROPERTIES);
    }
}
