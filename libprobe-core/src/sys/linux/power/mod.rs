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

    /// A scratch sysfs tree, removed on drop.
    struct Tree(std::path::PathBuf);

    impl Tree {
        fn new(name: &str, files: &[(&str, &str)]) -> Tree {
            let dir = std::env::temp_dir().join(format!("libprobe-power-{name}-{}", std::process::id()));
            let _ = std::fs::remove_dir_all(&dir);
            for (path, text) in files {
                let p = dir.join(path);
                std::fs::create_dir_all(p.parent().unwrap()).unwrap();
                std::fs::write(p, text).unwrap();
            }
            Tree(dir)
        }

        fn collect(&self) -> (PowerMetrics, Vec<String>) {
            let t = TestCx::new(Source::rooted_at(&self.0));
            let mut cx = t.cx();
            let Domain::Collected(p) = collect(&mut cx, &PowerOptions::default(), &mut State::default()) else {
                panic!("not collected")
            };
            (p, cx.into_warnings().into_parts().0)
        }
    }

    impl Drop for Tree {
        fn drop(&mut self) {
            let _ = std::fs::remove_dir_all(&self.0);
        }
    }

    #[test]
    fn an_old_style_chip_is_read_from_its_device_directory() {
        let t = Tree::new(
            "old-hwmon",
            &[
                ("sys/devices/platform/it87.656/name", "it87\n"),
                ("sys/devices/platform/it87.656/temp1_input", "41000\n"),
                ("sys/devices/platform/it87.656/fan1_input", "1500\n"),
                ("sys/devices/platform/it87.656/hwmon/hwmon0/uevent", ""),
            ],
        );
        let hwmon0 = t.0.join("sys/devices/platform/it87.656/hwmon/hwmon0");
        std::os::unix::fs::symlink("../../../it87.656", hwmon0.join("device")).unwrap();
        std::fs::create_dir_all(t.0.join("sys/class/hwmon")).unwrap();
        std::os::unix::fs::symlink("../../devices/platform/it87.656/hwmon/hwmon0", t.0.join("sys/class/hwmon/hwmon0"))
            .unwrap();
        let (p, w) = t.collect();
        assert!(w.is_empty(), "{w:?}");
        let chip = &p.hwmon.value().unwrap()[0];
        assert_eq!(chip.name, Field::Value("it87".into()));
        assert_eq!(chip.device, Field::Value("it87.656".into()));
        assert_eq!(chip.channels.len(), 2);
        assert_eq!(chip.channels[0].name, "fan1", "fans before temperatures");
        assert_eq!(chip.channels[1].input, Field::Value(41.0));
    }

    #[test]
    fn a_bad_value_costs_its_field_and_names_the_file() {
        let t = Tree::new(
            "bad-values",
            &[
                ("sys/class/hwmon/hwmon0/name", "weird\n"),
                ("sys/class/hwmon/hwmon0/temp1_input", "hot\n"),
                ("sys/class/hwmon/hwmon0/temp1_max", "90000\n"),
                ("sys/class/hwmon/hwmon0/temp2_input", "1\n"),
                ("sys/class/hwmon/hwmon0/temp2_enable", "0\n"),
                ("sys/class/thermal/thermal_zone0/type", "acpitz\n"),
                ("sys/class/thermal/thermal_zone0/temp", "\n"),
                ("sys/class/powercap/intel-rapl:0/name", "package-0\n"),
                ("sys/class/powercap/intel-rapl:0/energy_uj", "-5\n"),
                ("sys/class/powercap/intel-rapl:0/max_energy_range_uj", "262143328850\n"),
            ],
        );
        let (p, w) = t.collect();
        let chip = &p.hwmon.value().unwrap()[0];
        let (t1, t2) = (&chip.channels[0], &chip.channels[1]);
        assert_eq!((t1.input, t1.max), (Field::Missing(Reason::Error), Field::Value(90.0)));
        assert_eq!(t2.input, Field::Missing(Reason::NotEnabled), "a disabled channel is not read");
        let zone = &p.thermal_zones.value().unwrap()[0];
        assert_eq!(
            (zone.temperature_celsius, &zone.zone_type),
            (Field::Missing(Reason::Error), &Field::Value("acpitz".into()))
        );
        let rapl = &p.domains.value().unwrap()[0];
        assert_eq!((rapl.energy_uj, rapl.power_watts), (Field::Missing(Reason::Error), Field::Missing(Reason::Error)));
        assert_eq!(rapl.max_energy_uj, Field::Value(262_143_328_850));
        assert_eq!(w.len(), 3, "{w:?}");
        assert!(w[0].contains("intel-rapl:0/energy_uj") && w[0].contains("\"-5\\n\""), "{w:?}");
        assert!(w[1].contains("hwmon0/temp1_input") && w[1].contains("\"hot\\n\""), "{w:?}");
        assert!(w[2].contains("thermal_zone0/temp"), "{w:?}");
    }

    #[test]
    fn watts_come_from_two_snapshots_across_a_wrap() {
        let max = 262_143_328_850u64;
        let t = Tree::new(
            "wrap",
            &[
                ("sys/class/powercap/intel-rapl:0/name", "package-0\n"),
                ("sys/class/powercap/intel-rapl:0/max_energy_range_uj", "262143328850\n"),
            ],
        );
        let energy = t.0.join("sys/class/powercap/intel-rapl:0/energy_uj");
        let clock = |ns: u64| std::fs::write(t.0.join("syscalls.txt"), format!("monotonic_ns {ns}\n")).unwrap();
        let tcx = TestCx::new(Source::rooted_at(&t.0));
        let mut state = State::default();
        let mut take = |e: u64, ns: u64| {
            std::fs::write(&energy, format!("{e}\n")).unwrap();
            clock(ns);
            tcx.next_snapshot();
            let mut cx = tcx.cx();
            let Domain::Collected(p) = collect(&mut cx, &PowerOptions::default(), &mut state) else { panic!() };
            (p.domains.value().unwrap()[0].power_watts, cx.into_warnings().into_parts().0)
        };
        assert_eq!(take(max - 1_000_000, 1_000_000_000).0, Field::Missing(Reason::NoPreviousSample));
        // 1 J to the wrap and 3 J after it, in half a second.
        assert_eq!(take(3_000_000, 1_500_000_000).0, Field::Value(8.0));
        assert_eq!(take(5_000_000, 2_000_000_000).0, Field::Value(4.0));
        // No time passed: no rate.
        assert_eq!(take(6_000_000, 2_000_000_000).0, Field::Missing(Reason::NoPreviousSample));
        // Back past the range cannot be a wrap: a reset, said in a warning.
        std::fs::write(t.0.join("sys/class/powercap/intel-rapl:0/max_energy_range_uj"), "1000\n").unwrap();
        let (watts, w) = take(500, 3_000_000_000);
        assert_eq!(watts, Field::Missing(Reason::NoPreviousSample));
        assert!(w[0].contains("went back from 6000000 to 500"), "{w:?}");
    }
}
