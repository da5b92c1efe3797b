//! The power collector: one [`PowerMetrics`] from `/sys/class/powercap`,
//! `/sys/class/power_supply`, `/sys/class/hwmon` and `/sys/class/thermal`, and the
//! per-process energy estimate from the RAPL package energy and the process domain.
//!
//! Each class is read on its own and fails on its own: a class directory that does not
//! exist is `not_present` (this machine has none), one that cannot be read takes the
//! error's reason. Within a class each entry, and within an entry each attribute, is
//! independent. A machine with none of the four classes populated (a VM) skips the domain
//! as `not_present`.
//!
//! The state keeps each RAPL zone's previous energy reading and its time, for the watts,
//! and each process's previous CPU ticks, for the estimate.

mod estimate;
mod hwmon;
mod rapl;
mod supply;
mod thermal;

use crate::domain::Cx;
use crate::error::{Error, ErrorKind};
use crate::model::{Domain, Field, Reason, Warnings};
use crate::power::{PowerMetrics, PowerOptions};
use crate::sys::imp::sysfs::attribute::Attr;

/// What the power domain keeps between snapshots.
#[derive(Debug, Default)]
pub(crate) struct State {
    rapl: rapl::State,
    estimate: estimate::State,
}

pub(crate) fn collect(cx: &mut Cx<'_>, opts: &PowerOptions, state: &mut State) -> Domain<PowerMetrics> {
    if !(opts.rapl || opts.supplies || opts.hwmon || opts.thermal) {
        return Domain::Skipped(Reason::Disabled);
    }
    // One buffer for every attribute of this snapshot.
    let mut buf = Vec::with_capacity(4096);
    let rapl = if opts.rapl { rapl::collect(cx, &mut state.rapl, &mut buf) } else { rapl::Rapl::disabled() };
    let supplies =
        if opts.supplies { supply::collect(cx, &mut buf) } else { supply::Supplies::missing(Reason::Disabled) };
    let hwmon = if opts.hwmon { hwmon::collect(cx, &mut buf) } else { Field::Missing(Reason::Disabled) };
    let thermal =
        if opts.thermal { thermal::collect(cx, &mut buf) } else { thermal::Thermal::missing(Reason::Disabled) };
    let process_energy = estimate::collect(cx, opts, &rapl.package, &mut state.estimate);

    if empty(&rapl.domains)
        && empty(&supplies.batteries)
        && empty(&supplies.others)
        && empty(&hwmon)
        && empty(&thermal.zones)
        && empty(&thermal.cooling)
    {
        return Domain::Skipped(Reason::NotPresent);
    }
    Domain::Collected(PowerMetrics {
        rapl_available: rapl.available,
        domains: rapl.domains,
        battery: supplies.battery,
        batteries: supplies.batteries,
        ac_online: supplies.ac_online,
        supplies: supplies.others,
        hwmon,
        thermal_zones: thermal.zones,
        cooling_devices: thermal.cooling,
        process_energy,
    })
}

/// Whether a class has nothing here: no entry, no directory, or not asked for.
fn empty<T>(f: &Field<Vec<T>>) -> bool {
    match f {
        Field::Value(v) => v.is_empty(),
        Field::Missing(r) => matches!(r, Reason::NotPresent | Reason::Disabled),
    }
}

/// The value of an attribute that may not exist: `not_supported` when the driver does
/// not have it, else the read's value or reason (see [`Warnings::reason`]).
fn attr<T>(w: &mut Warnings, a: Attr<T>) -> Field<T> {
    match a {
        None => Field::Missing(Reason::NotSupported),
        Some(r) => w.field(r),
    }
}

/// The reason a class directory that could not be listed leaves its list with: absent is
/// `not_present` (this machine has none), anything else as [`Warnings::reason`] says.
fn class_reason(cx: &mut Cx<'_>, e: Error) -> Reason {
    if e.kind() == ErrorKind::NotFound { Reason::NotPresent } else { cx.reason(e) }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::TestCx;
    use crate::source::Source;

    #[test]
    fn a_machine_without_any_class_skips_the_domain_as_not_present() {
        let dir = std::env::temp_dir().join(format!("libprobe-power-empty-{}", std::process::id()));
        // The VM's layout: power_supply and thermal exist but are empty; no powercap, no hwmon.
        std::fs::create_dir_all(dir.join("sys/class/power_supply")).unwrap();
        std::fs::create_dir_all(dir.join("sys/class/thermal")).unwrap();
        let t = TestCx::new(Source::rooted_at(&dir));
        let mut cx = t.cx();
        let d = collect(&mut cx, &PowerOptions::default(), &mut State::default());
        assert!(matches!(d, Domain::Skipped(Reason::NotPresent)), "{d:?}");
        assert!(cx.into_warnings().into_parts().0.is_empty());
        let off = PowerOptions { rapl: false, supplies: false, hwmon: false, thermal: false, process_energy: true };
        let mut cx = t.cx();
        assert!(matches!(collect(&mut cx, &off, &mut State::default()), Domain::Skipped(Reason::Disabled)));
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
