//! Batteries, AC adapters and the other supplies of `/sys/class/power_supply`.

use libprobe_derive::{Record, RecordEnum};

use crate::model::Field;

/// What a battery is doing (`status`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, RecordEnum)]
#[repr(u8)]
pub enum BatteryStatus {
    /// The driver does not know (`Unknown`).
    Unknown = 0,
    Charging = 1,
    Discharging = 2,
    /// On mains power but not charging (`Not charging`: a charge threshold was reached, or
    /// another battery charges first).
    NotCharging = 3,
    Full = 4,
}

/// Which quantities a battery reports its content in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, RecordEnum)]
#[repr(u8)]
pub enum BatteryFamily {
    /// `energy_*`, in µWh (and `power_now` in µW): most laptops' ACPI batteries.
    Energy = 1,
    /// `charge_*`, in µAh (and `current_now` in µA).
    Charge = 2,
}

/// One battery (a supply of type `Battery`).
///
/// Each attribute is read on its own: one the driver does not give is `not_supported`
/// (`not_present` while the battery is absent, `present` = false), and the others are
/// kept. Where the kernel gives only some values, libprobe derives the rest and lists them
/// in `derived`: `capacity_percent` from `energy_now / energy_full` (or the charge
/// ratio), `time_to_empty_min` / `time_to_full_min` from the content and the rate
/// (`power_now`, else `current_now` × `voltage_now`) when the kernel's own
/// `time_to_*_now` is absent.
#[derive(Debug, Clone, PartialEq, Record)]
pub struct BatteryInfo {
    /// The supply's name in `/sys/class/power_supply` (`BAT0`, `CMB1`,
    /// `hidpp_battery_0`): not always `BAT*`.
    pub name: String,
    /// `present`: whether the battery is inserted.
    pub present: Field<bool>,
    pub status: Field<BatteryStatus>,
    /// `capacity`, or derived from the energy or charge ratio (see `derived`). May exceed
    /// 100 where the firmware says so.
    #[record(unit = "percent")]
    pub capacity_percent: Field<u8>,
    /// `capacity_level`: `Unknown`, `Critical`, `Low`, `Normal`, `High`, `Full`.
    pub capacity_level: Field<String>,
    /// `energy_now`.
    #[record(unit = "uWh")]
    pub energy_now_uwh: Field<u64>,
    /// `energy_full`: what the battery holds when full today.
    #[record(unit = "uWh")]
    pub energy_full_uwh: Field<u64>,
    /// `energy_full_design`: what it held when new.
    #[record(unit = "uWh")]
    pub energy_full_design_uwh: Field<u64>,
    /// `power_now`, with the driver's sign (ACPI reports the magnitude; some drivers a
    /// negative value while discharging).
    #[record(unit = "uW")]
    pub power_now_uw: Field<i64>,
    /// `voltage_now`.
    #[record(unit = "uV")]
    pub voltage_now_uv: Field<u64>,
    /// `voltage_min_design`.
    #[record(unit = "uV")]
    pub voltage_min_design_uv: Field<u64>,
    /// `current_now`, with the driver's sign (the ABI says negative while discharging;
    /// ACPI reports the magnitude).
    #[record(unit = "uA")]
    pub current_now_ua: Field<i64>,
    /// `charge_now`.
    #[record(unit = "uAh")]
    pub charge_now_uah: Field<u64>,
    /// `charge_full`.
    #[record(unit = "uAh")]
    pub charge_full_uah: Field<u64>,
    /// `charge_full_design`.
    #[record(unit = "uAh")]
    pub charge_full_design_uah: Field<u64>,
    /// `cycle_count`: charge cycles over the battery's life (a counter).
    #[record(counter)]
    pub cycle_count: Field<u32>,
    /// `technology`: `Li-ion`, `Li-poly`, `NiMH`, `Unknown`, …
    pub technology: Field<String>,
    /// `manufacturer` (firmware text, kept as the kernel prints it).
    pub manufacturer: Field<String>,
    /// `model_name`.
    pub model_name: Field<String>,
    /// `serial_number`.
    pub serial_number: Field<String>,
    /// Minutes until empty while discharging: the kernel's `time_to_empty_now`, else
    /// derived (see `derived`). `not_present` when not discharging; `not_supported` when
    /// neither the kernel nor the content and rate tell.
    #[record(unit = "minutes")]
    pub time_to_empty_min: Field<u32>,
    /// Minutes until full while charging: `time_to_full_now`, else derived.
    /// `not_present` when not charging.
    #[record(unit = "minutes")]
    pub time_to_full_min: Field<u32>,
    /// Which family the battery reports: `energy` (µWh) or `charge` (µAh);
    /// `not_supported` when it reports neither.
    pub family: Field<BatteryFamily>,
    /// Health: full capacity today over design capacity (`energy_full /
    /// energy_full_design`, or the charge ratio), in percent.
    #[record(unit = "percent")]
    pub health_percent: Field<f64>,
    /// The rate energy flows in or out, always positive: `|power_now|`, else
    /// `|current_now| × voltage_now`.
    #[record(unit = "W")]
    pub power_watts: Field<f64>,
    /// Battery temperature (`temp`, tenths of a degree in sysfs).
    #[record(unit = "celsius")]
    pub temperature_celsius: Field<f64>,
    /// The kernel's health verdict (`health`: `Good`, `Overheat`, `Dead`, …).
    pub health: Field<String>,
    /// `scope`: `System` (powers the machine), `Device` (a peripheral's battery),
    /// `Unknown`; `not_supported` where the driver does not say (ACPI batteries).
    pub scope: Field<String>,
    /// Charging starts below this level (`charge_control_start_threshold`).
    #[record(unit = "percent")]
    pub charge_start_threshold_percent: Field<u8>,
    /// Charging stops at this level (`charge_control_end_threshold`).
    #[record(unit = "percent")]
    pub charge_end_threshold_percent: Field<u8>,
    /// Names of the fields above that libprobe computed rather than read
    /// (`capacity_percent`, `time_to_empty_min`, `time_to_full_min`).
    pub derived: Vec<String>,
}

/// A power supply other than a battery: an AC adapter (`Mains`), a USB port or USB-C
/// source, a UPS, a wireless charger.
#[derive(Debug, Clone, PartialEq, Record)]
pub struct PowerSupply {
    /// The supply's name (`AC`, `ADP1`, `ucsi-source-psy-USBC000:001`).
    pub name: String,
    /// `type`: `Mains`, `USB`, `UPS`, `Wireless`, …
    pub supply_type: Field<String>,
    /// `online`: whether it supplies power now (the ABI's 1 "fixed" and 2 "programmable"
    /// are both true).
    pub online: Field<bool>,
    /// `voltage_now`.
    #[record(unit = "uV")]
    pub voltage_now_uv: Field<u64>,
    /// `current_now`.
    #[record(unit = "uA")]
    pub current_now_ua: Field<i64>,
    /// `current_max`: the most current it can supply.
    #[record(unit = "uA")]
    pub current_max_ua: Field<u64>,
    /// `usb_type`: the USB types it can be, the active one in brackets
    /// (`C [PD] PD_PPS`).
    pub usb_type: Field<String>,
    /// `capacity` (a UPS's battery).
    #[record(unit = "percent")]
    pub capacity_percent: Field<u8>,
    /// `status` (a UPS's battery).
    pub status: Field<BatteryStatus>,
    /// `scope`: `System`, `Device`, `Unknown`.
    pub scope: Field<String>,
    pub manufacturer: Field<String>,
    pub model_name: Field<String>,
}
