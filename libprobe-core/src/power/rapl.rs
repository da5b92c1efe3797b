//! RAPL and the other power capping zones of `/sys/class/powercap`.

use libprobe_derive::Record;

use crate::model::Field;

/// One power capping zone: a RAPL package (`package-0`), one of its subzones (`core`,
/// `uncore`, `dram`), the platform (`psys`), or a zone of another control type.
///
/// Every attribute is independent: one that cannot be read is missing with its reason
/// (`not_supported` when this zone does not have it), and the rest of the zone is kept.
#[derive(Debug, Clone, PartialEq, Record)]
pub struct RaplDomain {
    /// The zone's `name` file: `package-0`, `core`, `uncore`, `dram`, `psys` for RAPL.
    pub name: Field<String>,
    /// The zone's entry in `/sys/class/powercap`: `intel-rapl:0`, `intel-rapl:0:1`,
    /// `intel-rapl-mmio:0`. Stable for a given machine and kernel.
    pub zone: String,
    /// The control type: `intel-rapl` (MSR interface; AMD packages too),
    /// `intel-rapl-mmio` (the same packages through MMIO, with their own limits),
    /// `dtpm`, …
    pub control_type: String,
    /// The parent zone's `zone` (`intel-rapl:0` for `intel-rapl:0:1`); `null` for a
    /// top-level zone.
    pub parent: Option<String>,
    /// Energy counter (`energy_uj`). It wraps to 0 after `max_energy_uj`.
    /// `permission_denied` for unprivileged readers since Linux 5.10 (CVE-2020-8694).
    #[record(unit = "uJ", counter)]
    pub energy_uj: Field<u64>,
    /// The counter's range (`max_energy_range_uj`): where it wraps.
    #[record(unit = "uJ")]
    pub max_energy_uj: Field<u64>,
    /// Average power since the previous snapshot of the same probe, from the energy
    /// counter, corrected for one wrap. `no_previous_sample` on the first snapshot (and
    /// when no time passed, or when the counter went back without a known range);
    /// `energy_uj`'s reason when it cannot be read.
    #[record(unit = "W")]
    pub power_watts: Field<f64>,
    /// The long-term power limit (PL1: the constraint named `long_term`, else constraint
    /// 0), in watts; `not_supported` for a zone without constraints (AMD packages).
    #[record(unit = "W")]
    pub power_limit_watts: Field<f64>,
    /// The long-term constraint's time window (`time_window_us`).
    #[record(unit = "us")]
    pub time_window_us: Field<u64>,
    /// Whether power limiting is enabled in this zone (`enabled`).
    pub enabled: Field<bool>,
    /// Instantaneous power as the zone's driver measures it (the powercap file
    /// `power_uw`; RAPL does not: `not_supported`). Named apart from `power_watts`, the
    /// average from the energy counter.
    #[record(unit = "uW")]
    pub power_now_uw: Field<u64>,
    /// Range of `power_uw` (`max_power_range_uw`).
    #[record(unit = "uW")]
    pub max_power_range_uw: Field<u64>,
    /// Every constraint of the zone (`constraint_<n>_*`), in index order: RAPL has
    /// `long_term` (PL1), `short_term` (PL2) and, on recent processors, `peak_power`
    /// (PL4). Empty for a zone without constraints.
    pub constraints: Vec<RaplConstraint>,
}

/// One power limit of a zone (`constraint_<index>_*`).
#[derive(Debug, Clone, PartialEq, Record)]
pub struct RaplConstraint {
    /// The `<index>` of `constraint_<index>_*`.
    pub index: u32,
    /// `long_term`, `short_term`, `peak_power` (`constraint_<n>_name`, optional in the
    /// ABI).
    pub name: Field<String>,
    /// The limit (`power_limit_uw`); 0 when the limit is not set.
    #[record(unit = "uW")]
    pub power_limit_uw: Field<u64>,
    /// The window the limit averages over (`time_window_us`).
    #[record(unit = "us")]
    pub time_window_us: Field<u64>,
    /// The highest limit allowed (`max_power_uw`; for `long_term`, the thermal design
    /// power).
    #[record(unit = "uW")]
    pub max_power_uw: Field<u64>,
    /// The lowest limit allowed (`min_power_uw`).
    #[record(unit = "uW")]
    pub min_power_uw: Field<u64>,
    /// The longest window allowed (`max_time_window_us`).
    #[record(unit = "us")]
    pub max_time_window_us: Field<u64>,
    /// The shortest window allowed (`min_time_window_us`).
    #[record(unit = "us")]
    pub min_time_window_us: Field<u64>,
}
