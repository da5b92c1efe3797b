//! `/sys/class/thermal`: thermal zones (`thermal_zone<n>`) and cooling devices
//! (`cooling_device<n>`).
//!
//! ```text
//! $ cd /sys/class/thermal/thermal_zone0 && grep . type temp mode policy trip_point_0_*
//! type:acpitz
//! temp:52000
//! mode:enabled
//! policy:step_wise
//! trip_point_0_temp:128000
//! trip_point_0_type:critical
//! $ grep . /sys/class/thermal/cooling_device0/{type,cur_state,max_state}
//! /sys/class/thermal/cooling_device0/type:Processor
//! /sys/class/thermal/cooling_device0/cur_state:0
//! /sys/class/thermal/cooling_device0/max_state:3
//! ```
//!
//! (Documentation/ABI/testing/sysfs-class-thermal, Documentation/driver-api/thermal/sysfs-api.rst.)
//! Temperatures are in millidegrees Celsius and may be negative; trip point types are
//! `critical`, `hot`, `passive`, `active`. `mode` exists only for zones whose driver can
//! switch off, `policy` on kernels with a governor, `trip_point_<n>_hyst` only where the
//! driver gives one. Quirks: a zone whose sensor is not ready fails reads of `temp` with
//! `ENODATA` or `EAGAIN` (node_exporter #1703) — that zone's temperature is missing, the
//! zone and the other zones are kept.

use crate::error::Error;
use crate::parse::u64_dec;
use crate::source::{Source, SysDir};
use crate::sys::imp::sysfs::attribute::{self, Attr};

/// The most trip points read per zone.
pub(crate) const MAX_TRIPS: u32 = 256;

/// An entry of `/sys/class/thermal`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Entry {
    Zone(u32),
    Cooling(u32),
}

/// What a class entry's name says it is (`thermal_zone3`, `cooling_device12`).
pub(crate) fn entry(name: &[u8]) -> Option<Entry> {
    let num = |rest: &[u8]| u64_dec(rest).and_then(|v| u32::try_from(v).ok());
    if let Some(rest) = name.strip_prefix(b"thermal_zone") {
        return num(rest).map(Entry::Zone);
    }
    name.strip_prefix(b"cooling_device").and_then(num).map(Entry::Cooling)
}

/// An attribute of a trip point (`trip_point_<n>_<attr>`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum TripAttr {
    Type,
    Temp,
    Hyst,
}

impl TripAttr {
    fn bit(self) -> u8 {
        1 << (self as u8)
    }
    fn suffix(self) -> &'static str {
        match self {
            TripAttr::Type => "type",
            TripAttr::Temp => "temp",
            TripAttr::Hyst => "hyst",
        }
    }
}

/// The trip point attribute a zone's file is (`trip_point_2_hyst` → (2, Hyst)).
pub(crate) fn trip_attr(name: &[u8]) -> Option<(u32, TripAttr)> {
    let rest = name.strip_prefix(b"trip_point_")?;
    let us = rest.iter().position(|&b| b == b'_')?;
    let index = u64_dec(&rest[..us]).and_then(|v| u32::try_from(v).ok())?;
    let attr = match &rest[us + 1..] {
        b"type" => TripAttr::Type,
        b"temp" => TripAttr::Temp,
        b"hyst" => TripAttr::Hyst,
        _ => return None,
    };
    Some((index, attr))
}

/// Every entry of `/sys/class/thermal`: zones, then cooling devices, each in number
/// order.
pub(crate) fn list(src: &Source) -> Result<Vec<Entry>, Error> {
    let dir = src.open_sys_dir("class/thermal")?;
    let mut out = Vec::new();
    dir.entries(|n| out.extend(entry(n)))?;
    out.sort_unstable_by_key(|e| match *e {
        Entry::Zone(i) => (0, i),
        Entry::Cooling(i) => (1, i),
    });
    Ok(out)
}

/// One thermal zone, as read.
#[derive(Debug)]
pub(crate) struct Zone {
    pub zone_type: Attr<String>,
    /// Millidegrees Celsius.
    pub temp: Attr<i64>,
    pub mode: Attr<String>,
    pub policy: Attr<String>,
    pub trips: Vec<Trip>,
}

/// One trip point, as read (temperatures in millidegrees Celsius).
#[derive(Debug)]
pub(crate) struct Trip {
    pub index: u32,
    pub trip_type: Attr<String>,
    pub temp: Attr<i64>,
    pub hyst: Attr<i64>,
}

/// Reads the zone whose directory is `dir`.
pub(crate) fn read_zone(dir: &SysDir<'_>, buf: &mut Vec<u8>) -> Result<Zone, Error> {
    let (mut has_type, mut has_temp, mut has_mode, mut has_policy) = (false, false, false, false);
    let mut trips: Vec<(u32, u8)> = Vec::new();
    dir.entries(|n| match n {
        b"type" => has_type = true,
        b"temp" => has_temp = true,
        b"mode" => has_mode = true,
        b"policy" => has_policy = true,
        _ => {
            if let Some((i, a)) = trip_attr(n).filter(|(i, _)| *i < MAX_TRIPS) {
                match trips.binary_search_by_key(&i, |t| t.0) {
                    Ok(at) => trips[at].1 |= a.bit(),
                    Err(at) => trips.insert(at, (i, a.bit())),
                }
            }
        }
    })?;
    let zone_type = has_type.then(|| attribute::read(dir, b"type", buf, attribute::string));
    let temp = has_temp.then(|| attribute::read(dir, b"temp", buf, attribute::i64));
    let mode = has_mode.then(|| attribute::read(dir, b"mode", buf, attribute::string));
    let policy = has_policy.then(|| attribute::read(dir, b"policy", buf, attribute::string));
    let trips = trips
        .into_iter()
        .map(|(index, bits)| {
            let file = |a: TripAttr| format!("trip_point_{index}_{}", a.suffix()).into_bytes();
            let trip_type = (bits & TripAttr::Type.bit() != 0)
                .then(|| attribute::read(dir, &file(TripAttr::Type), buf, attribute::string));
            let mut num =
                |a: TripAttr| (bits & a.bit() != 0).then(|| attribute::read(dir, &file(a), buf, attribute::i64));
            Trip { index, trip_type, temp: num(TripAttr::Temp), hyst: num(TripAttr::Hyst) }
        })
        .collect();
    Ok(Zone { zone_type, temp, mode, policy, trips })
}

/// One cooling device, as read.
#[derive(Debug)]
pub(crate) struct Cooling {
    pub device_type: Result<String, Error>,
    pub cur_state: Result<u64, Error>,
    pub max_state: Result<u64, Error>,
}

/// Reads the cooling device whose directory is `dir` (its three attributes are
/// mandatory: no listing).
pub(crate) fn read_cooling(dir: &SysDir<'_>, buf: &mut Vec<u8>) -> Cooling {
    Cooling {
        device_type: attribute::read(dir, b"type", buf, attribute::string),
        cur_state: attribute::read(dir, b"cur_state", buf, attribute::u64),
        max_state: attribute::read(dir, b"max_state", buf, attribute::u64),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names() {
        assert_eq!(entry(b"thermal_zone0"), Some(Entry::Zone(0)));
        assert_eq!(entry(b"cooling_device12"), Some(Entry::Cooling(12)));
        assert_eq!(entry(b"thermal_zone"), None);
        assert_eq!(entry(b"thermal_zone1a"), None);
        assert_eq!(entry(b"cooling_device-1"), None);
        assert_eq!(trip_attr(b"trip_point_0_temp"), Some((0, TripAttr::Temp)));
        assert_eq!(trip_attr(b"trip_point_11_hyst"), Some((11, TripAttr::Hyst)));
        assert_eq!(trip_attr(b"trip_point_1_temp_x"), None);
        assert_eq!(trip_attr(b"trip_point__type"), None);
        assert_eq!(trip_attr(b"trip_point_x_type"), None);
    }
}
