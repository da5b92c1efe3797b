//! The per-process energy estimate.

use libprobe_derive::Record;

use crate::text::ByteStr;

/// The RAPL package energy of the interval between the probe's last two snapshots, shared
/// among processes by the CPU time each used in it. **An estimate**, as Scaphandre and
/// Kepler make theirs:
///
/// - *Package energy* is the wrap-corrected increase of `energy_uj` summed over the
///   top-level `package-<n>` zones of `intel-rapl` (of `intel-rapl-mmio` when the MSR
///   interface has none): cores, caches, memory controller and, on most processors, the
///   integrated GPU. DRAM and `psys` are not included.
/// - *CPU time* of a process is the increase of its `cpu_user_ticks + cpu_system_ticks`
///   (all its threads) between the two snapshots of the process domain; a process new in
///   this snapshot counts all its ticks.
/// - Each process gets `package energy × its ticks / the sum of every listed process's
///   ticks`, so the shares add up to the whole package energy, idle and uncore energy
///   included. Processes that exited during the interval are not seen, and their part goes
///   to the others; with `process.pids` set, the energy is shared among those processes
///   only. Energy used by the GPU, disks or the screen is not counted; a process on a
///   core that runs faster or slower than the others is not weighed differently.
///
/// Only processes that used CPU time in the interval are listed. Every number here is of
/// the interval, so a gauge, never a counter.
#[derive(Debug, Clone, PartialEq, Record)]
pub struct ProcessEnergyEstimate {
    /// The interval between the two snapshots.
    #[record(unit = "ns")]
    pub interval_ns: u64,
    /// The package energy of the interval.
    #[record(unit = "uJ")]
    pub package_energy_uj: u64,
    /// The package's average power over the interval.
    #[record(unit = "W")]
    pub package_power_watts: f64,
    /// The CPU time all listed processes used in the interval.
    #[record(unit = "ticks")]
    pub cpu_ticks: u64,
    /// Each process that used CPU time, most energy first.
    pub processes: Vec<ProcessEnergy>,
}

/// One process's share of the package energy (see [`ProcessEnergyEstimate`]).
#[derive(Debug, Clone, PartialEq, Record)]
pub struct ProcessEnergy {
    pub pid: i32,
    /// The process's start time (with `pid`, its identity).
    #[record(unit = "ticks")]
    pub start_time: u64,
    /// The command name (`comm`).
    pub name: ByteStr,
    /// CPU time used in the interval (user + system, all threads).
    #[record(unit = "ticks")]
    pub cpu_ticks: u64,
    /// `cpu_ticks` over the sum of every listed process's (0–1).
    pub share: f64,
    /// Estimated energy used in the interval.
    #[record(unit = "uJ")]
    pub energy_uj: u64,
    /// Estimated average power over the interval.
    #[record(unit = "W")]
    pub power_watts: f64,
}
