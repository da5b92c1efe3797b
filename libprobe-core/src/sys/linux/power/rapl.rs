//! RAPL and the other power capping zones, with watts from the previous snapshot.

use std::collections::HashMap;
use std::path::Path;

use crate::domain::Cx;
use crate::model::{Field, Reason, Warnings};
use crate::power::{RaplConstraint, RaplDomain};
use crate::sys::imp::sysfs::class_powercap::{self as powercap, Entry};

use super::{attr, class_reason};

/// The previous snapshot's energy readings.
#[derive(Debug, Default)]
pub(super) struct State {
    /// CLOCK_MONOTONIC when the zones were read.
    at_ns: Option<u64>,
    /// Each zone's `energy_uj` then, by zone (`intel-rapl:0`).
    energy: HashMap<String, u64>,
}

/// The package energy of the interval since the previous snapshot, for the per-process
/// estimate: (microjoules, nanoseconds).
pub(super) type PackageEnergy = Field<(u64, u64)>;

/// What the RAPL part of the domain gives.
#[derive(Debug)]
pub(super) struct Rapl {
    pub available: bool,
    pub domains: Field<Vec<RaplDomain>>,
    pub package: PackageEnergy,
}

impl Rapl {
    pub(super) fn disabled() -> Rapl {
        Rapl { available: false, domains: Field::Missing(Reason::Disabled), package: Field::Missing(Reason::Disabled) }
    }
}

/// One zone before it becomes a record: its place and the delta of its counter.
struct Read {
    control_type: String,
    indices: Vec<u32>,
    domain: RaplDomain,
    delta_uj: Field<u64>,
}

pub(super) fn collect(cx: &mut Cx<'_>, state: &mut State, buf: &mut Vec<u8>) -> Rapl {
    let src = cx.src();
    let names = match powercap::list(src) {
        Ok(n) => n,
        Err(e) => {
            let r = class_reason(cx, e);
            *state = State::default();
            return Rapl { available: false, domains: Field::Missing(r), package: Field::Missing(r) };
        }
    };
    let now_ns = src.now().monotonic_ns;
    let previous = std::mem::take(state);
    state.at_ns = Some(now_ns);
    let elapsed_ns = previous.at_ns.map(|t| now_ns.saturating_sub(t)).filter(|&dt| dt > 0);

    let mut zones = Vec::new();
    let mut resets = Vec::new();
    for name in &names {
        let Some(Entry::Zone { control_type, indices }) = powercap::entry(name) else { continue };
        let zone = String::from_utf8_lossy(name).into_owned();
        let control_type = String::from_utf8_lossy(control_type).into_owned();
        let parent = (indices.len() > 1).then(|| {
            let up: Vec<String> = indices[..indices.len() - 1].iter().map(u32::to_string).collect();
            format!("{control_type}:{}", up.join(":"))
        });
        use std::os::unix::ffi::OsStrExt;
        let read = src
            .open_sys_dir(Path::new("class/powercap").join(std::ffi::OsStr::from_bytes(name)))
            .and_then(|dir| powercap::read_zone(&dir, buf));
        let w = cx.warnings();
        let (domain, delta_uj) = match read {
            Ok(z) => {
                let energy_uj = attr(w, z.energy_uj);
                let max_energy_uj = attr(w, z.max_energy_range_uj);
                if let Field::Value(e) = energy_uj {
                    state.energy.insert(zone.clone(), e);
                }
                let before = previous.energy.get(&zone).copied();
                let delta_uj = delta(&energy_uj, max_energy_uj.get(), before, elapsed_ns);
                if let (Some(b), Field::Value(now), Field::Missing(Reason::NoPreviousSample)) =
                    (before, energy_uj, delta_uj)
                    && elapsed_ns.is_some()
                {
                    resets.push(format!(
                        "{zone}: energy_uj went back from {b} to {now} ({})",
                        match max_energy_uj {
                            Field::Value(m) => format!("past max_energy_range_uj {m}: a reset, not a wrap"),
                            Field::Missing(_) => "max_energy_range_uj unknown".to_owned(),
                        }
                    ));
                }
                let power_watts = match (delta_uj, elapsed_ns) {
                    (Field::Value(d), Some(dt)) => Field::Value(d as f64 * 1e3 / dt as f64),
                    (Field::Missing(r), _) => Field::Missing(r),
                    (Field::Value(_), None) => Field::Missing(Reason::NoPreviousSample),
                };
                let constraints: Vec<RaplConstraint> = z.constraints.into_iter().map(|c| constraint(w, c)).collect();
                // PL1: the constraint named long_term, else the first.
                let long_term = constraints
                    .iter()
                    .find(|c| c.name.value().is_some_and(|n| n == "long_term"))
                    .or_else(|| constraints.iter().find(|c| c.index == 0));
                let (power_limit_watts, time_window_us) = match long_term {
                    Some(c) => (c.power_limit_uw.map(|uw| uw as f64 / 1e6), c.time_window_us),
                    None => (Field::Missing(Reason::NotSupported), Field::Missing(Reason::NotSupported)),
                };
                let domain = RaplDomain {
                    name: attr(w, z.name),
                    zone: zone.clone(),
                    control_type: control_type.clone(),
                    parent,
                    energy_uj,
                    max_energy_uj,
                    power_watts,
                    power_limit_watts,
                    time_window_us,
                    enabled: attr(w, z.enabled),
                    power_now_uw: attr(w, z.power_uw),
                    max_power_range_uw: attr(w, z.max_power_range_uw),
                    constraints,
                };
                (domain, delta_uj)
            }
            // The zone went away between listing and reading (a driver unloaded).
            Err(e) if e.kind() == crate::error::ErrorKind::NotFound => continue,
            Err(e) => {
                let r = w.reason(e);
                let m = Field::Missing(r);
                let domain = RaplDomain {
                    name: Field::Missing(r),
                    zone: zone.clone(),
                    control_type: control_type.clone(),
                    parent,
                    energy_uj: m,
                    max_energy_uj: m,
                    power_watts: Field::Missing(r),
                    power_limit_watts: Field::Missing(r),
                    time_window_us: m,
                    enabled: Field::Missing(r),
                    power_now_uw: m,
                    max_power_range_uw: m,
                    constraints: Vec::new(),
                };
                (domain, Field::Missing(r))
            }
        };
        zones.push(Read { control_type, indices, domain, delta_uj });
    }
    for r in resets {
        cx.warn(r);
    }
    // Each zone after its parent: by control type, then index path.
    zones.sort_by(|a, b| (&a.control_type, &a.indices).cmp(&(&b.control_type, &b.indices)));
    let available = zones.iter().any(|z| z.control_type.starts_with("intel-rapl"));
    let package = package_energy(&zones, elapsed_ns);
    Rapl { available, domains: Field::Value(zones.into_iter().map(|z| z.domain).collect()), package }
}

/// The energy a zone used since the previous snapshot, wrap-corrected.
fn delta(energy: &Field<u64>, max_range: Option<u64>, before: Option<u64>, elapsed_ns: Option<u64>) -> Field<u64> {
    match (energy, before, elapsed_ns) {
        (Field::Missing(r), _, _) => Field::Missing(*r),
        (Field::Value(now), Some(before), Some(_)) => powercap::energy_delta(before, *now, max_range)
            .map_or(Field::Missing(Reason::NoPreviousSample), Field::Value),
        _ => Field::Missing(Reason::NoPreviousSample),
    }
}

fn constraint(w: &mut Warnings, c: powercap::Constraint) -> RaplConstraint {
    RaplConstraint {
        index: c.index,
        name: attr(w, c.name),
        power_limit_uw: attr(w, c.power_limit_uw),
        time_window_us: attr(w, c.time_window_us),
        max_power_uw: attr(w, c.max_power_uw),
        min_power_uw: attr(w, c.min_power_uw),
        max_time_window_us: attr(w, c.max_time_window_us),
        min_time_window_us: attr(w, c.min_time_window_us),
    }
}

/// The summed energy of the top-level `package-<n>` zones of `intel-rapl` (of
/// `intel-rapl-mmio` when `intel-rapl` has none), with the interval.
fn package_energy(zones: &[Read], elapsed_ns: Option<u64>) -> PackageEnergy {
    let packages = |ty: &str| -> Vec<&Read> {
        zones
            .iter()
            .filter(|z| {
                z.control_type == ty
                    && z.indices.len() == 1
                    && z.domain.name.value().is_some_and(|n| n.starts_with("package-"))
            })
            .collect()
    };
    let mut found = packages("intel-rapl");
    if found.is_empty() {
        found = packages("intel-rapl-mmio");
    }
    if found.is_empty() {
        return Field::Missing(Reason::NotPresent);
    }
    let mut total = 0u64;
    for z in found {
        match z.delta_uj {
            Field::Value(d) => total = total.saturating_add(d),
            Field::Missing(r) => return Field::Missing(r),
        }
    }
    match elapsed_ns {
        Some(dt) => Field::Value((total, dt)),
        None => Field::Missing(Reason::NoPreviousSample),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn deltas_keep_the_counters_reason() {
        let max = Some(1000);
        assert_eq!(delta(&Field::Value(10), max, Some(990), Some(1)), Field::Value(20));
        assert_eq!(delta(&Field::Value(10), max, None, Some(1)), Field::Missing(Reason::NoPreviousSample));
        assert_eq!(delta(&Field::Value(10), max, Some(5), None), Field::Missing(Reason::NoPreviousSample));
        assert_eq!(
            delta(&Field::Missing(Reason::PermissionDenied), max, Some(5), Some(1)),
            Field::Missing(Reason::PermissionDenied),
            "unprivileged: the watts say why"
        );
        assert_eq!(delta(&Field::Value(10), None, Some(990), Some(1)), Field::Missing(Reason::NoPreviousSample));
    }
}
