//! Batteries, AC and the other power supplies, with the values the kernel leaves out
//! derived from the ones it gives.

use crate::domain::Cx;
use crate::error::ErrorKind;
use crate::model::{Field, Reason, Warnings};
use crate::power::{BatteryFamily, BatteryInfo, BatteryStatus, PowerSupply};
use crate::sys::imp::sysfs::attribute;
use crate::sys::imp::sysfs::class_power_supply::{self as ps, Supply};

use super::{attr, class_reason};

/// What the power supply part of the domain gives.
#[derive(Debug)]
pub(super) struct Supplies {
    pub battery: Field<BatteryInfo>,
    pub batteries: Field<Vec<BatteryInfo>>,
    pub ac_online: Field<bool>,
    pub others: Field<Vec<PowerSupply>>,
}

impl Supplies {
    pub(super) fn missing(r: Reason) -> Supplies {
        Supplies {
            battery: Field::Missing(r),
            batteries: Field::Missing(r),
            ac_online: Field::Missing(r),
            others: Field::Missing(r),
        }
    }
}

pub(super) fn collect(cx: &mut Cx<'_>, buf: &mut Vec<u8>) -> Supplies {
    let src = cx.src();
    let names = match ps::list(src) {
        Ok(n) => n,
        Err(e) => return Supplies::missing(class_reason(cx, e)),
    };
    let w = cx.warnings();
    let mut batteries = Vec::new();
    let mut others = Vec::new();
    for name in names {
        let display = String::from_utf8_lossy(&name).into_owned();
        match ps::read(src, &name, buf) {
            Ok(s) => match attr(w, s.get("type", attribute::string)) {
                Field::Value(t) if t == "Battery" => batteries.push(battery(display, &s, w)),
                supply_type => others.push(other(display, supply_type, &s, w)),
            },
            Err(e) if e.kind() == ErrorKind::NotFound => {}
            Err(e) => others.push(unreadable(display, w.reason(e))),
        }
    }
    let battery = batteries
        .iter()
        .find(|b| b.scope.value().is_none_or(|s| s != "Device"))
        .cloned()
        .map_or(Field::Missing(Reason::NotPresent), Field::Value);
    let ac_online = ac_online(&others);
    Supplies { battery, batteries: Field::Value(batteries), ac_online, others: Field::Value(others) }
}

/// Whether a mains supply is online: any is; or the reason of one that could not say.
fn ac_online(others: &[PowerSupply]) -> Field<bool> {
    let mains: Vec<&PowerSupply> =
        others.iter().filter(|s| s.supply_type.value().is_some_and(|t| t == "Mains")).collect();
    if mains.is_empty() {
        return Field::Missing(Reason::NotPresent);
    }
    if mains.iter().any(|s| s.online == Field::Value(true)) {
        return Field::Value(true);
    }
    mains.iter().find_map(|s| s.online.reason()).map_or(Field::Value(false), Field::Missing)
}

/// A property as a field: `not_supported` when the supply does not have it, or
/// `not_present` when the battery is absent.
fn prop<T>(
    w: &mut Warnings,
    s: &Supply,
    absent: Reason,
    name: &str,
    parse: impl FnOnce(&[u8]) -> Result<T, crate::error::ParseError>,
) -> Field<T> {
    match s.get(name, parse) {
        None => Field::Missing(absent),
        a => attr(w, a),
    }
}

fn u8_value(b: &[u8]) -> Result<u8, crate::error::ParseError> {
    attribute::i64(b).and_then(|v| u8::try_from(v).map_err(|_| crate::error::ParseError::invalid("value")))
}

fn u32_value(b: &[u8]) -> Result<u32, crate::error::ParseError> {
    attribute::u64(b).and_then(|v| u32::try_from(v).map_err(|_| crate::error::ParseError::invalid("value")))
}

fn online(b: &[u8]) -> Result<bool, crate::error::ParseError> {
    attribute::flag(b)
}

fn battery(name: String, s: &Supply, w: &mut Warnings) -> BatteryInfo {
    let present = attr(w, s.get("present", attribute::flag));
    let absent = if present == Field::Value(false) { Reason::NotPresent } else { Reason::NotSupported };
    let p_u64 = |w: &mut Warnings, n: &str| prop(w, s, absent, n, attribute::u64);
    let energy_now_uwh = p_u64(w, "energy_now");
    let energy_full_uwh = p_u64(w, "energy_full");
    let energy_full_design_uwh = p_u64(w, "energy_full_design");
    let charge_now_uah = p_u64(w, "charge_now");
    let charge_full_uah = p_u64(w, "charge_full");
    let charge_full_design_uah = p_u64(w, "charge_full_design");
    let voltage_now_uv = p_u64(w, "voltage_now");
    let voltage_min_design_uv = p_u64(w, "voltage_min_design");
    let time_to_empty_s = p_u64(w, "time_to_empty_now");
    let time_to_full_s = p_u64(w, "time_to_full_now");
    let power_now_uw = prop(w, s, absent, "power_now", attribute::i64);
    let current_now_ua = prop(w, s, absent, "current_now", attribute::i64);
    let status = prop(w, s, absent, "status", ps::status);
    let kernel_capacity = prop(w, s, absent, "capacity", u8_value);

    let family = if energy_now_uwh.is_value() || energy_full_uwh.is_value() {
        Field::Value(BatteryFamily::Energy)
    } else if charge_now_uah.is_value() || charge_full_uah.is_value() {
        Field::Value(BatteryFamily::Charge)
    } else {
        Field::Missing(absent)
    };
    // (now, full, design) in the family's unit, and the rate in that unit per hour.
    let (now, full, design) = match family {
        Field::Value(BatteryFamily::Charge) => (charge_now_uah, charge_full_uah, charge_full_design_uah),
        _ => (energy_now_uwh, energy_full_uwh, energy_full_design_uwh),
    };
    let power_watts = match (power_now_uw, current_now_ua, voltage_now_uv) {
        (Field::Value(p), _, _) => Field::Value(p.unsigned_abs() as f64 / 1e6),
        (_, Field::Value(i), Field::Value(v)) => Field::Value(i.unsigned_abs() as f64 * v as f64 / 1e12),
        (Field::Missing(r), _, _) => Field::Missing(r),
    };
    let rate = match family {
        // µA: |current_now|, else power / voltage.
        Field::Value(BatteryFamily::Charge) => match (current_now_ua, power_watts, voltage_now_uv) {
            (Field::Value(i), _, _) => Field::Value(i.unsigned_abs() as f64),
            (_, Field::Value(p), Field::Value(v)) if v > 0 => Field::Value(p * 1e12 / v as f64),
            _ => Field::Missing(Reason::NotSupported),
        },
        // µW.
        _ => power_watts.map(|p| p * 1e6),
    };

    let mut derived = Vec::new();
    let capacity_percent = match (kernel_capacity, now, full) {
        (Field::Value(c), _, _) => Field::Value(c),
        (Field::Missing(Reason::NotSupported), Field::Value(n), Field::Value(f)) if f > 0 => {
            match u8::try_from(((n as f64 / f as f64) * 100.0).round() as u64) {
                Ok(c) => {
                    derived.push("capacity_percent".to_owned());
                    Field::Value(c)
                }
                Err(_) => Field::Missing(Reason::NotSupported),
            }
        }
        (c, _, _) => c,
    };
    let discharging = status.map(|s| s == BatteryStatus::Discharging);
    let charging = status.map(|s| s == BatteryStatus::Charging);
    let time_to_empty_min =
        time(discharging, time_to_empty_s, now.map(|n| n as f64), rate, "time_to_empty_min", &mut derived);
    let to_full = match (now, full) {
        (Field::Value(n), Field::Value(f)) => Field::Value(f.saturating_sub(n) as f64),
        (Field::Missing(r), _) | (_, Field::Missing(r)) => Field::Missing(r),
    };
    let time_to_full_min = time(charging, time_to_full_s, to_full, rate, "time_to_full_min", &mut derived);
    let health_percent = match (full, design) {
        (Field::Value(f), Field::Value(d)) if d > 0 => Field::Value(f as f64 / d as f64 * 100.0),
        (Field::Value(_), Field::Value(_)) => Field::Missing(Reason::NotSupported),
        (Field::Missing(r), _) | (_, Field::Missing(r)) => Field::Missing(r),
    };

    BatteryInfo {
        name,
        present,
        status,
        capacity_percent,
        capacity_level: prop(w, s, absent, "capacity_level", attribute::string),
        energy_now_uwh,
        energy_full_uwh,
        energy_full_design_uwh,
        power_now_uw,
        voltage_now_uv,
        voltage_min_design_uv,
        current_now_ua,
        charge_now_uah,
        charge_full_uah,
        charge_full_design_uah,
        cycle_count: prop(w, s, absent, "cycle_count", u32_value),
        technology: prop(w, s, absent, "technology", attribute::string),
        manufacturer: prop(w, s, absent, "manufacturer", attribute::string),
        model_name: prop(w, s, absent, "model_name", attribute::string),
        serial_number: prop(w, s, absent, "serial_number", attribute::string),
        time_to_empty_min,
        time_to_full_min,
        family,
        health_percent,
        power_watts,
        temperature_celsius: prop(w, s, absent, "temp", attribute::i64).map(|t| t as f64 / 10.0),
        health: prop(w, s, absent, "health", attribute::string),
        scope: prop(w, s, absent, "scope", attribute::string),
        charge_start_threshold_percent: prop(w, s, absent, "charge_control_start_threshold", u8_value),
        charge_end_threshold_percent: prop(w, s, absent, "charge_control_end_threshold", u8_value),
        derived,
    }
}

/// Minutes until empty (or full): `not_present` unless `active` (discharging, or
/// charging); the kernel's own seconds when it gives them; else `remaining / rate` hours.
fn time(
    active: Field<bool>,
    kernel_s: Field<u64>,
    remaining: Field<f64>,
    rate_per_hour: Field<f64>,
    name: &str,
    derived: &mut Vec<String>,
) -> Field<u32> {
    match active {
        Field::Missing(r) => return Field::Missing(r),
        Field::Value(false) => return Field::Missing(Reason::NotPresent),
        Field::Value(true) => {}
    }
    if let Field::Value(s) = kernel_s {
        return u32::try_from(s / 60).map_or(Field::Missing(Reason::NotSupported), Field::Value);
    }
    match (remaining, rate_per_hour) {
        (Field::Value(left), Field::Value(rate)) if rate > 0.0 => {
            let minutes = (left / rate * 60.0).floor();
            if minutes.is_finite() && (0.0..=u32::MAX as f64).contains(&minutes) {
                derived.push(name.to_owned());
                Field::Value(minutes as u32)
            } else {
                Field::Missing(Reason::NotSupported)
            }
        }
        _ => Field::Missing(Reason::NotSupported),
    }
}

fn other(name: String, supply_type: Field<String>, s: &Supply, w: &mut Warnings) -> PowerSupply {
    let n = Reason::NotSupported;
    PowerSupply {
        name,
        supply_type,
        online: prop(w, s, n, "online", online),
        voltage_now_uv: prop(w, s, n, "voltage_now", attribute::u64),
        current_now_ua: prop(w, s, n, "current_now", attribute::i64),
        current_max_ua: prop(w, s, n, "current_max", attribute::u64),
        usb_type: prop(w, s, n, "usb_type", attribute::string),
        capacity_percent: prop(w, s, n, "capacity", u8_value),
        status: prop(w, s, n, "status", ps::status),
        scope: prop(w, s, n, "scope", attribute::string),
        manufacturer: prop(w, s, n, "manufacturer", attribute::string),
        model_name: prop(w, s, n, "model_name", attribute::string),
    }
}

/// A supply whose directory could not be read at all.
fn unreadable(name: String, r: Reason) -> PowerSupply {
    let m = Field::Missing(r);
    PowerSupply {
        name,
        supply_type: Field::Missing(r),
        online: Field::Missing(r),
        voltage_now_uv: m,
        current_now_ua: Field::Missing(r),
        current_max_ua: m,
        usb_type: Field::Missing(r),
        capacity_percent: Field::Missing(r),
        status: Field::Missing(r),
        scope: Field::Missing(r),
        manufacturer: Field::Missing(r),
        model_name: Field::Missing(r),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn from(text: &str) -> (BatteryInfo, Vec<String>) {
        let s = Supply::from_uevent("/sys/class/power_supply/BAT0".into(), text.as_bytes());
        let mut w = Warnings::default();
        let b = battery("BAT0".into(), &s, &mut w);
        (b, w.into_parts().0)
    }

    #[test]
    fn energy_battery_with_the_kernels_values() {
        let (b, w) = from(
            "POWER_SUPPLY_TYPE=Battery\nPOWER_SUPPLY_STATUS=Discharging\nPOWER_SUPPLY_PRESENT=1\n\
             POWER_SUPPLY_ENERGY_NOW=36240000\nPOWER_SUPPLY_ENERGY_FULL=51870000\n\
             POWER_SUPPLY_ENERGY_FULL_DESIGN=57000000\nPOWER_SUPPLY_POWER_NOW=7416000\n\
             POWER_SUPPLY_VOLTAGE_NOW=11972000\nPOWER_SUPPLY_CAPACITY=69\n",
        );
        assert!(w.is_empty(), "{w:?}");
        assert_eq!(b.family, Field::Value(BatteryFamily::Energy));
        assert_eq!(b.capacity_percent, Field::Value(69));
        // 36.24 Wh at 7.416 W: 4.886 h = 293 minutes.
        assert_eq!(b.time_to_empty_min, Field::Value(293));
        assert_eq!(b.time_to_full_min, Field::Missing(Reason::NotPresent));
        assert_eq!(b.derived, ["time_to_empty_min"]);
        assert!((b.health_percent.get().unwrap() - 91.0).abs() < 1e-9);
        assert_eq!(b.power_watts, Field::Value(7.416));
        assert_eq!(b.charge_now_uah, Field::Missing(Reason::NotSupported));
    }

    #[test]
    fn charge_battery_derives_capacity_and_time_to_full() {
        let (b, _) = from(
            "POWER_SUPPLY_STATUS=Charging\nPOWER_SUPPLY_PRESENT=1\nPOWER_SUPPLY_CHARGE_NOW=2000000\n\
             POWER_SUPPLY_CHARGE_FULL=4000000\nPOWER_SUPPLY_CHARGE_FULL_DESIGN=5000000\n\
             POWER_SUPPLY_CURRENT_NOW=1000000\nPOWER_SUPPLY_VOLTAGE_NOW=12000000\n",
        );
        assert_eq!(b.family, Field::Value(BatteryFamily::Charge));
        assert_eq!(b.capacity_percent, Field::Value(50));
        assert_eq!(b.time_to_full_min, Field::Value(120));
        assert_eq!(b.time_to_empty_min, Field::Missing(Reason::NotPresent));
        assert_eq!(b.derived, ["capacity_percent", "time_to_full_min"]);
        assert_eq!(b.health_percent, Field::Value(80.0));
        assert_eq!(b.power_watts, Field::Value(12.0));
    }

    #[test]
    fn the_kernels_time_wins_and_a_negative_current_counts_by_magnitude() {
        let (b, _) = from(
            "POWER_SUPPLY_STATUS=Discharging\nPOWER_SUPPLY_CHARGE_NOW=3000000\nPOWER_SUPPLY_CHARGE_FULL=4000000\n\
             POWER_SUPPLY_CURRENT_NOW=-1500000\nPOWER_SUPPLY_TIME_TO_EMPTY_NOW=7259\n",
        );
        assert_eq!(b.time_to_empty_min, Field::Value(120));
        assert!(b.derived.iter().all(|d| d != "time_to_empty_min"));
        let (b, _) = from(
            "POWER_SUPPLY_STATUS=Discharging\nPOWER_SUPPLY_CHARGE_NOW=3000000\nPOWER_SUPPLY_CURRENT_NOW=-1500000\n",
        );
        assert_eq!(b.time_to_empty_min, Field::Value(120));
    }

    #[test]
    fn an_absent_battery_says_not_present_and_odd_values_cost_only_themselves() {
        let (b, _) = from("POWER_SUPPLY_PRESENT=0\nPOWER_SUPPLY_STATUS=Unknown\n");
        assert_eq!(b.present, Field::Value(false));
        assert_eq!(b.energy_now_uwh, Field::Missing(Reason::NotPresent));
        assert_eq!(b.family, Field::Missing(Reason::NotPresent));
        let (b, w) = from(
            "POWER_SUPPLY_STATUS=Discharging\nPOWER_SUPPLY_ENERGY_NOW=100\nPOWER_SUPPLY_ENERGY_FULL=0\n\
             POWER_SUPPLY_POWER_NOW=0\nPOWER_SUPPLY_CURRENT_NOW=\nPOWER_SUPPLY_CAPACITY=300\n",
        );
        assert_eq!(b.current_now_ua, Field::Missing(Reason::Error), "empty current_now");
        assert_eq!(b.capacity_percent, Field::Missing(Reason::Error), "300 does not fit a percent byte");
        assert_eq!(w.len(), 2, "{w:?}");
        assert!(w[0].contains("current_now") && w[0].contains("\"\""), "{w:?}");
        assert_eq!(b.energy_now_uwh, Field::Value(100));
        assert_eq!(b.time_to_empty_min, Field::Missing(Reason::NotSupported), "no rate at 0 W");
        assert_eq!(b.health_percent, Field::Missing(Reason::NotSupported));
    }

    #[test]
    fn mains_online() {
        let mk = |t: &str, online: Field<bool>| PowerSupply {
            supply_type: Field::Value(t.into()),
            online,
            ..unreadable("x".into(), Reason::NotSupported)
        };
        assert_eq!(ac_online(&[]), Field::Missing(Reason::NotPresent));
        assert_eq!(ac_online(&[mk("USB", Field::Value(true))]), Field::Missing(Reason::NotPresent));
        assert_eq!(ac_online(&[mk("Mains", Field::Value(false)), mk("Mains", Field::Value(true))]), Field::Value(true));
        assert_eq!(ac_online(&[mk("Mains", Field::Value(false))]), Field::Value(false));
        assert_eq!(
            ac_online(&[mk("Mains", Field::Missing(Reason::Error)), mk("Mains", Field::Value(false))]),
            Field::Missing(Reason::Error)
        );
    }
}
