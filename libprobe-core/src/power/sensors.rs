//! Hardware sensors (`/sys/class/hwmon`), thermal zones and cooling devices
//! (`/sys/class/thermal`).

use libprobe_derive::{Record, RecordEnum};

use crate::model::Field;

/// What a sensor channel measures, and so the unit of its values. The order is the one
/// `sensors` prints channels in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, RecordEnum)]
#[repr(u8)]
pub enum SensorKind {
    /// `in<n>_*`: volts (millivolts in sysfs), as measured on the chip's pin: boards scale
    /// some inputs with resistors the kernel does not know about.
    Voltage = 1,
    /// `fan<n>_*`: revolutions per minute.
    Fan = 2,
    /// `temp<n>_*`: degrees Celsius (millidegrees in sysfs).
    Temperature = 3,
    /// `power<n>_*`: watts (microwatts in sysfs).
    Power = 4,
    /// `energy<n>_*`: joules, a counter (microjoules in sysfs).
    Energy = 5,
    /// `curr<n>_*`: amperes (milliamperes in sysfs).
    Current = 6,
    /// `humidity<n>_*`: percent relative humidity (milli-percent in sysfs).
    Humidity = 7,
}

impl SensorKind {
    /// The unit every value of a channel of this kind is given in.
    pub fn unit(self) -> &'static str {
        match self {
            SensorKind::Voltage => "V",
            SensorKind::Fan => "RPM",
            SensorKind::Temperature => "celsius",
            SensorKind::Power => "W",
            SensorKind::Energy => "J",
            SensorKind::Current => "A",
            SensorKind::Humidity => "percent",
        }
    }

    /// The sysfs prefix of the kind's attributes (`in`, `fan`, `temp`, …).
    pub fn prefix(self) -> &'static str {
        match self {
            SensorKind::Voltage => "in",
            SensorKind::Fan => "fan",
            SensorKind::Temperature => "temp",
            SensorKind::Power => "power",
            SensorKind::Energy => "energy",
            SensorKind::Current => "curr",
            SensorKind::Humidity => "humidity",
        }
    }
}

/// One hardware monitoring chip (`/sys/class/hwmon/hwmon<n>`): a CPU's temperature
/// sensors (`coretemp`, `k10temp`), a Super-I/O chip (`nct6775`), an NVMe drive, a
/// battery, a GPU.
#[derive(Debug, Clone, PartialEq, Record)]
pub struct HwmonChip {
    /// The class entry (`hwmon3`). Its number is given at boot in probe order and may
    /// change across boots; name the chip by `name` and `device`.
    pub id: String,
    /// The chip name (`name`: `coretemp`, `k10temp`, `nct6798`, `acpitz`, `nvme`).
    pub name: Field<String>,
    /// The chip's label (`label`, where the firmware names it; newer kernels).
    pub label: Field<String>,
    /// The device the chip belongs to (the last part of its `device` link:
    /// `coretemp.0`, `0000:00:18.3`, `nvme0`); `not_present` for a virtual chip without
    /// one (`acpitz`).
    pub device: Field<String>,
    /// Every channel, in `sensors` order: voltages, fans, temperatures, power, energy,
    /// currents, humidity, each by number.
    pub channels: Vec<SensorChannel>,
}

/// One channel of a chip (`temp1`, `fan2`, `in0`), its values in the kind's base unit
/// (see [`SensorKind`]). An attribute the chip does not have is `not_supported`; a
/// channel the driver disabled (`<channel>_enable` = 0) has its readings `not_enabled`.
///
/// Every value is a gauge in the schema, even the `input` of an `energy` channel, which
/// only grows: one field serves every kind, and only `kind` tells an energy counter from
/// a temperature.
#[derive(Debug, Clone, PartialEq, Record)]
pub struct SensorChannel {
    pub kind: SensorKind,
    /// The channel's name in sysfs (`temp1`, `in0`).
    pub name: String,
    /// The driver's label (`<channel>_label`: `Package id 0`, `Tctl`, `CPUTIN`);
    /// `not_supported` when the driver has none (`sensors` then shows `name`).
    pub label: Field<String>,
    /// The unit of every value below (`celsius`, `RPM`, `V`, `A`, `W`, `J`, `percent`).
    pub unit: String,
    /// The reading (`_input`). For `power` channels without `power<n>_input`, see
    /// `average`.
    pub input: Field<f64>,
    /// The averaged reading (`_average`; what most power meters give).
    pub average: Field<f64>,
    /// Low limit (`_min`).
    pub min: Field<f64>,
    /// High limit (`_max`).
    pub max: Field<f64>,
    /// Critical low limit (`_lcrit`).
    pub lcrit: Field<f64>,
    /// Critical high limit (`_crit`).
    pub crit: Field<f64>,
    /// Emergency limit, above `crit` (`_emergency`).
    pub emergency: Field<f64>,
    /// Lowest reading since the history was reset (`_lowest`).
    pub lowest: Field<f64>,
    /// Highest reading since the history was reset (`_highest`).
    pub highest: Field<f64>,
    /// Hysteresis of `max`, as an absolute value (`_max_hyst`).
    pub max_hyst: Field<f64>,
    /// Hysteresis of `crit`, as an absolute value (`_crit_hyst`).
    pub crit_hyst: Field<f64>,
    /// The fan speed a closed-loop controller aims at (`fan<n>_target`).
    pub target: Field<f64>,
    /// Power cap enforced by the hardware (`power<n>_cap`).
    pub cap: Field<f64>,
    /// The channel's alarm (`_alarm`), as the chip raised it.
    pub alarm: Field<bool>,
    /// The low-limit alarm (`_min_alarm`).
    pub min_alarm: Field<bool>,
    /// The high-limit alarm (`_max_alarm`).
    pub max_alarm: Field<bool>,
    /// The critical-limit alarm (`_crit_alarm`).
    pub crit_alarm: Field<bool>,
    /// A fault of the input (`_fault`: an open diode, a fan not connected): when true,
    /// `input` is not to be trusted.
    pub fault: Field<bool>,
}

/// One thermal zone (`/sys/class/thermal/thermal_zone<n>`).
#[derive(Debug, Clone, PartialEq, Record)]
pub struct ThermalZone {
    /// The class entry (`thermal_zone0`).
    pub id: String,
    /// What the zone measures (`type`: `acpitz`, `x86_pkg_temp`, `cpu-thermal`).
    pub zone_type: Field<String>,
    /// The zone's temperature (`temp`, millidegrees in sysfs). Some zones fail the read
    /// while their sensor sleeps (`ENODATA`: `not_supported`).
    #[record(unit = "celsius")]
    pub temperature_celsius: Field<f64>,
    /// `enabled` or `disabled` (`mode`).
    pub mode: Field<String>,
    /// The governor (`policy`: `step_wise`, `user_space`, `power_allocator`).
    pub policy: Field<String>,
    /// The trip points (`trip_point_<n>_*`), in index order.
    pub trip_points: Vec<TripPoint>,
}

/// One trip point of a thermal zone.
#[derive(Debug, Clone, PartialEq, Record)]
pub struct TripPoint {
    /// The `<n>` of `trip_point_<n>_*`.
    pub index: u32,
    /// `critical`, `hot`, `passive` or `active` (`trip_point_<n>_type`).
    pub trip_type: Field<String>,
    /// The temperature that trips it (`trip_point_<n>_temp`).
    #[record(unit = "celsius")]
    pub temperature_celsius: Field<f64>,
    /// Its hysteresis (`trip_point_<n>_hyst`).
    #[record(unit = "celsius")]
    pub hysteresis_celsius: Field<f64>,
}

/// One cooling device (`/sys/class/thermal/cooling_device<n>`): a fan, processor
/// throttling, a clamp.
#[derive(Debug, Clone, PartialEq, Record)]
pub struct CoolingDevice {
    /// The class entry (`cooling_device0`).
    pub id: String,
    /// `type`: `Processor`, `Fan`, `intel_powerclamp`, `TCC Offset`, …
    pub device_type: Field<String>,
    /// The current cooling state (`cur_state`: 0 is no cooling).
    pub cur_state: Field<u64>,
    /// The highest state (`max_state`).
    pub max_state: Field<u64>,
}
