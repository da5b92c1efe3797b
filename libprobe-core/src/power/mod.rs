//! The power domain (specification section 4): RAPL energy counters, limits and watts;
//! batteries, AC and the other power supplies; every hardware sensor (hwmon), thermal zone
//! and cooling device; and a per-process energy estimate.
//!
//! | record | from (Linux) |
//! |---|---|
//! | [`RaplDomain`] | `/sys/class/powercap/<type>:<n>[:<m>]` (Documentation/power/powercap/powercap.rst) |
//! | [`BatteryInfo`], [`PowerSupply`] | `/sys/class/power_supply/<name>/uevent`, else its attribute files (ABI sysfs-class-power) |
//! | [`HwmonChip`], [`SensorChannel`] | `/sys/class/hwmon/hwmon<n>` (Documentation/hwmon/sysfs-interface.rst) |
//! | [`ThermalZone`], [`CoolingDevice`] | `/sys/class/thermal` (ABI sysfs-class-thermal) |
//! | [`ProcessEnergyEstimate`] | RAPL package energy and the process domain's CPU ticks |
//!
//! Units are fixed and named: counters and kernel values keep the kernel's unit (`_uj`,
//! `_uwh`, `_uah`, `_uv`, `_ua`, `_uw`, `_us`), computed values are in base units
//! (`_watts`, `_celsius`; sensor channels in °C, RPM, V, A, W, J, %). A machine without a
//! kind of source shows it as missing with `not_present`; a domain with none of them is
//! `skipped` with `not_present`.
//!
//! RAPL watts come from two consecutive snapshots of one [`crate::Probe`]: the first says
//! `no_previous_sample`. The energy counter wraps at `max_energy_uj`; one wrap between two
//! snapshots is corrected, more than one cannot be seen (sample at least every
//! `max_energy_uj / peak power`: about 40 minutes for a 100 W package). Since Linux 5.10
//! (CVE-2020-8694) `energy_uj` is readable by root only: unprivileged, it and the watts are
//! `permission_denied` and the rest of the zone is kept.

use libprobe_derive::{OptionSet, Record};

use crate::domain::{Collector, Cx};
use crate::model::{Domain, Field};

mod estimate;
mod rapl;
mod sensors;
mod supply;

pub use estimate::{ProcessEnergy, ProcessEnergyEstimate};
pub use rapl::{RaplConstraint, RaplDomain};
pub use sensors::{CoolingDevice, HwmonChip, SensorChannel, SensorKind, ThermalZone, TripPoint};
pub use supply::{BatteryFamily, BatteryInfo, BatteryStatus, PowerSupply};

/// Energy counters, power supplies and sensors.
#[derive(Debug, Clone, PartialEq, Record)]
pub struct PowerMetrics {
    /// Whether this machine exposes RAPL energy counters: a zone of an `intel-rapl*`
    /// control type in `/sys/class/powercap` (AMD processors appear under the same driver).
    pub rapl_available: bool,
    /// Every power capping zone of every control type, each after its parent (RAPL
    /// packages, then their `core`, `uncore`, `dram` subzones; `psys`; the MMIO copies of
    /// the packages). `not_present` without `/sys/class/powercap`.
    pub domains: Field<Vec<RaplDomain>>,
    /// The first battery of the system (the first of `batteries` whose scope is not
    /// `Device`); `not_present` when there is none.
    pub battery: Field<BatteryInfo>,
    /// Every supply of type `Battery`, in name order, peripherals' (scope `Device`)
    /// included. `not_present` without `/sys/class/power_supply`.
    pub batteries: Field<Vec<BatteryInfo>>,
    /// Whether a mains adapter is online (any supply of type `Mains`); `not_present` when
    /// the machine has no mains supply.
    pub ac_online: Field<bool>,
    /// Every other power supply (`Mains`, `USB`, `UPS`, `Wireless`), in name order.
    pub supplies: Field<Vec<PowerSupply>>,
    /// Every hardware monitoring chip, as `sensors` lists them. `not_present` without
    /// `/sys/class/hwmon`.
    pub hwmon: Field<Vec<HwmonChip>>,
    /// Every thermal zone. `not_present` without `/sys/class/thermal`.
    pub thermal_zones: Field<Vec<ThermalZone>>,
    /// Every cooling device (fans, processor throttling, …).
    pub cooling_devices: Field<Vec<CoolingDevice>>,
    /// The package energy of the last interval shared among processes by their CPU time
    /// (see [`ProcessEnergyEstimate`]): an estimate. `not_present` without RAPL packages,
    /// `disabled` when the process domain or this option is off, `no_previous_sample` on
    /// the first snapshot, `permission_denied` when `energy_uj` is root-only.
    pub process_energy: Field<ProcessEnergyEstimate>,
}

/// What the power domain collects. Every group is on by default: each costs a few `sysfs`
/// reads per zone, supply, sensor channel or thermal zone (well under a millisecond on a
/// laptop).
#[derive(Debug, Clone, PartialEq, Eq, OptionSet)]
pub struct PowerOptions {
    /// RAPL and other power capping zones (`/sys/class/powercap`): about 15 reads per zone.
    pub rapl: bool,
    /// Batteries, AC and other power supplies (`/sys/class/power_supply`): one read of
    /// `uevent` per supply.
    pub supplies: bool,
    /// Hardware sensors (`/sys/class/hwmon`): one read per attribute of every channel.
    pub hwmon: bool,
    /// Thermal zones with their trip points, and cooling devices (`/sys/class/thermal`).
    pub thermal: bool,
    /// The per-process energy estimate (needs `rapl` and the process domain; no read of
    /// its own).
    pub process_energy: bool,
}

impl Default for PowerOptions {
    fn default() -> Self {
        PowerOptions { rapl: true, supplies: true, hwmon: true, thermal: true, process_energy: true }
    }
}

/// The power domain in the registry.
#[derive(Debug)]
pub(crate) struct PowerDomain;

impl Collector for PowerDomain {
    type Options = PowerOptions;
    type Output = PowerMetrics;
    type State = crate::sys::imp::power::State;

    fn collect(cx: &mut Cx<'_>, options: &PowerOptions, state: &mut Self::State) -> Domain<PowerMetrics> {
        crate::sys::imp::power::collect(cx, options, state)
    }
}
