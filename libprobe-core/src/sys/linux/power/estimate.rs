//! The per-process energy estimate: the RAPL package energy of the interval, shared by
//! CPU time (the method is documented on [`ProcessEnergyEstimate`]).

use std::collections::HashMap;

use crate::domain::Cx;
use crate::model::{DomainName, Field, Reason};
use crate::power::{PowerOptions, ProcessEnergy, ProcessEnergyEstimate};
use crate::process::ProcessFull;

use super::rapl::PackageEnergy;

/// Each process's CPU ticks at the previous snapshot, by identity (pid, start time);
/// `None` when the previous snapshot had no process table.
#[derive(Debug, Default)]
pub(super) struct State {
    ticks: Option<HashMap<(i32, u64), u64>>,
}

/// User plus system ticks; `None` when either is missing (an unreadable `stat`): such a
/// process takes no share, and the shares of the others still sum to one.
fn ticks(p: &ProcessFull) -> Option<u64> {
    Some(p.cpu_user_ticks.value()?.saturating_add(*p.cpu_system_ticks.value()?))
}

pub(super) fn collect(
    cx: &Cx<'_>,
    opts: &PowerOptions,
    package: &PackageEnergy,
    state: &mut State,
) -> Field<ProcessEnergyEstimate> {
    let wanted = opts.process_energy && opts.rapl && cx.options().domains.contains(DomainName::Process);
    let processes = cx.earlier().processes.as_ref();
    let previous = std::mem::take(&mut state.ticks);
    if !wanted {
        return Field::Missing(Reason::Disabled);
    }
    if let Field::Value(procs) = processes {
        state.ticks = Some(procs.iter().filter_map(|p| Some(((p.pid, p.start_time), ticks(p)?))).collect());
    }
    let (energy_uj, interval_ns) = match package {
        Field::Value(v) => *v,
        Field::Missing(r) => return Field::Missing(*r),
    };
    let procs = match processes {
        Field::Value(p) => p,
        Field::Missing(r) => return Field::Missing(r),
    };
    let Some(previous) = previous else { return Field::Missing(Reason::NoPreviousSample) };
    Field::Value(estimate(procs, &previous, energy_uj, interval_ns))
}

/// Shares `energy_uj` among `procs` by the ticks each used since `previous`.
fn estimate(
    procs: &[ProcessFull],
    previous: &HashMap<(i32, u64), u64>,
    energy_uj: u64,
    interval_ns: u64,
) -> ProcessEnergyEstimate {
    let used: Vec<(&ProcessFull, u64)> = procs
        .iter()
        .filter_map(|p| {
            let now = ticks(p)?;
            // A process not seen before started in the interval: all its time is in it.
            let before = previous.get(&(p.pid, p.start_time)).copied().unwrap_or(0);
            Some((p, now.saturating_sub(before)))
        })
        .filter(|&(_, d)| d > 0)
        .collect();
    let cpu_ticks = used.iter().fold(0u64, |a, &(_, d)| a.saturating_add(d));
    let package_power_watts = if interval_ns > 0 { energy_uj as f64 * 1e3 / interval_ns as f64 } else { 0.0 };
    let mut processes: Vec<ProcessEnergy> = used
        .into_iter()
        .map(|(p, d)| {
            let share = d as f64 / cpu_ticks as f64;
            ProcessEnergy {
                pid: p.pid,
                start_time: p.start_time,
                name: p.name.clone(),
                cpu_ticks: d,
                share,
                energy_uj: (energy_uj as f64 * share).round() as u64,
                power_watts: package_power_watts * share,
            }
        })
        .collect();
    processes.sort_by(|a, b| b.cpu_ticks.cmp(&a.cpu_ticks).then(a.pid.cmp(&b.pid)));
    ProcessEnergyEstimate { interval_ns, package_energy_uj: energy_uj, package_power_watts, cpu_ticks, processes }
}
