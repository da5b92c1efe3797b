//! `probe power`: RAPL zones with their watts and limits, batteries and other supplies,
//! every sensor grouped by chip as `sensors` prints them, thermal zones and cooling
//! devices, and the per-process energy estimate. Also the power section of
//! `probe snapshot`.

use std::fmt::Write;

use libprobe::Field;
use libprobe::power::{BatteryInfo, HwmonChip, PowerMetrics, RaplDomain, SensorChannel, SensorKind};
use libprobe::text::escape;

use crate::render::truncate;

/// How many processes the estimate lists.
const TOP: usize = 10;

fn why<T>(f: &Field<T>) -> String {
    f.reason().map_or_else(String::new, |r| format!("— ({r})"))
}

fn watts(f: &Field<f64>) -> String {
    f.get().map_or_else(|| why(f), |w| format!("{w:.2} W"))
}

/// The whole `probe power` listing.
pub fn report(p: &PowerMetrics) -> String {
    let mut out = String::new();
    rapl(&mut out, p);
    supplies(&mut out, p);
    sensors(&mut out, p);
    thermal(&mut out, p);
    estimate(&mut out, p);
    out
}

/// The power section of `probe snapshot`: one line per kind of source.
pub fn section(out: &mut String, p: &PowerMetrics) {
    let _ = writeln!(out, "\n== power ==");
    match &p.domains {
        Field::Value(z) if !z.is_empty() => {
            let pkgs: Vec<String> = z
                .iter()
                .filter(|z| z.parent.is_none() && z.control_type == "intel-rapl")
                .map(|z| format!("{} {}", z.name.value().map_or("?", String::as_str), watts(&z.power_watts)))
                .collect();
            let _ = writeln!(out, "rapl        {} zones; {}", z.len(), pkgs.join(", "));
        }
        f => {
            let _ = writeln!(out, "rapl        {}", if f.is_value() { "no zone".into() } else { why(f) });
        }
    }
    match &p.battery {
        Field::Value(b) => {
            let _ = writeln!(out, "battery     {}", battery_line(b));
        }
        f => {
            let _ = writeln!(out, "battery     {}", why(f));
        }
    }
    let ac = match p.ac_online {
        Field::Value(true) => "online".to_owned(),
        Field::Value(false) => "offline".to_owned(),
        f => why(&f),
    };
    let _ = writeln!(out, "ac          {ac}");
    if let Field::Value(chips) = &p.hwmon {
        let n: usize = chips.iter().map(|c| c.channels.len()).sum();
        let _ = writeln!(out, "sensors     {} chips, {n} channels (probe power lists them)", chips.len());
    }
}

fn rapl(out: &mut String, p: &PowerMetrics) {
    let _ = writeln!(out, "RAPL and power capping zones");
    let zones = match &p.domains {
        Field::Value(z) if !z.is_empty() => z,
        Field::Value(_) => {
            let _ = writeln!(out, "  no zone\n");
            return;
        }
        f => {
            let _ = writeln!(out, "  {}\n", why(f));
            return;
        }
    };
    let _ =
        writeln!(out, "  {:<20} {:<20} {:>14} {:>12}  LIMITS (power / time window)", "ZONE", "NAME", "ENERGY", "POWER");
    let mut notes = std::collections::BTreeSet::new();
    for z in zones {
        if let Some(r) = z.power_watts.reason() {
            notes.insert(format!("power {r}"));
        }
        if let Some(r) = z.energy_uj.reason() {
            notes.insert(format!("energy {r}"));
        }
        let depth = z.zone.matches(':').count().saturating_sub(1);
        let name =
            format!("{}{}", "  ".repeat(depth), z.name.value().map_or_else(|| why(&z.name), |n| escape(n.as_bytes())));
        let energy = z.energy_uj.get().map_or_else(|| "—".into(), |e| format!("{:.3} J", e as f64 / 1e6));
        let power = z.power_watts.get().map_or_else(|| "—".into(), |w| format!("{w:.2} W"));
        let _ =
            writeln!(out, "  {:<20} {:<20} {:>14} {:>12}  {}", z.zone, truncate(&name, 20), energy, power, limits(z));
    }
    if !notes.is_empty() {
        let _ = writeln!(out, "  (—: {})", notes.into_iter().collect::<Vec<_>>().join("; "));
    }
    let _ = writeln!(out);
}

fn limits(z: &RaplDomain) -> String {
    if z.constraints.is_empty() {
        return "none".into();
    }
    let parts: Vec<String> = z
        .constraints
        .iter()
        .map(|c| {
            let name = c.name.value().cloned().unwrap_or_else(|| format!("constraint {}", c.index));
            let limit = c.power_limit_uw.get().map_or_else(|| "—".into(), |uw| format!("{:.1} W", uw as f64 / 1e6));
            match c.time_window_us.get() {
                Some(us) => format!("{name} {limit}/{}", seconds(us)),
                None => format!("{name} {limit}"),
            }
        })
        .collect();
    let enabled = match z.enabled {
        Field::Value(true) => "",
        Field::Value(false) => " (off)",
        _ => "",
    };
    format!("{}{enabled}", parts.join(", "))
}

fn seconds(us: u64) -> String {
    if us >= 1_000_000 { format!("{:.1} s", us as f64 / 1e6) } else { format!("{:.1} ms", us as f64 / 1e3) }
}

fn minutes(m: u32) -> String {
    format!("{}:{:02}", m / 60, m % 60)
}

fn battery_line(b: &BatteryInfo) -> String {
    let status = b
        .status
        .get()
        .map_or_else(|| why(&b.status), |s| libprobe::schema::EnumType::enum_value(&s).name.replace('_', " "));
    let pct = b.capacity_percent.get().map_or_else(|| "— %".into(), |c| format!("{c} %"));
    let mut line = format!("{}  {status}, {pct}", b.name);
    if let Some(w) = b.power_watts.get() {
        let _ = write!(line, ", {w:.2} W");
    }
    if let Some(m) = b.time_to_empty_min.get() {
        let _ = write!(line, ", {} left", minutes(m));
    }
    if let Some(m) = b.time_to_full_min.get() {
        let _ = write!(line, ", {} to full", minutes(m));
    }
    line
}

fn supplies(out: &mut String, p: &PowerMetrics) {
    let _ = writeln!(out, "Power supplies");
    match &p.batteries {
        Field::Value(bats) => {
            for b in bats {
                let _ = writeln!(out, "  {}", battery_line(b));
                if !b.family.is_value() {
                    continue;
                }
                let (now, full, design, unit) = match b.family.get() {
                    Some(libprobe::power::BatteryFamily::Charge) => {
                        (b.charge_now_uah.get(), b.charge_full_uah.get(), b.charge_full_design_uah.get(), "Ah")
                    }
                    _ => (b.energy_now_uwh.get(), b.energy_full_uwh.get(), b.energy_full_design_uwh.get(), "Wh"),
                };
                let f = |v: Option<u64>| v.map_or_else(|| "—".into(), |v| format!("{:.2}", v as f64 / 1e6));
                let health = b.health_percent.get().map_or_else(String::new, |h| format!(", health {h:.1} %"));
                let derived =
                    if b.derived.is_empty() { String::new() } else { format!("; derived: {}", b.derived.join(", ")) };
                let _ = writeln!(
                    out,
                    "    {} of {} {unit} (design {}){health}, {} cycles, {}{derived}",
                    f(now),
                    f(full),
                    f(design),
                    b.cycle_count.get().map_or_else(|| "—".into(), |c| c.to_string()),
                    b.technology.value().map_or("—", String::as_str),
                );
            }
            if bats.is_empty() {
                let _ = writeln!(out, "  no battery");
            }
        }
        f => {
            let _ = writeln!(out, "  batteries {}", why(f));
        }
    }
    if let Field::Value(others) = &p.supplies {
        for s in others {
            let online = match s.online {
                Field::Value(true) => "online",
                Field::Value(false) => "offline",
                _ => "online —",
            };
            let _ = writeln!(
                out,
                "  {}  {}, {online}",
                escape(s.name.as_bytes()),
                s.supply_type.value().map_or("?", String::as_str)
            );
        }
    }
    let _ = writeln!(out);
}

/// A value in a channel's unit, as `sensors` writes it.
fn reading(kind: SensorKind, v: f64) -> String {
    match kind {
        SensorKind::Temperature => format!("{v:+.1}°C"),
        SensorKind::Fan => format!("{v:.0} RPM"),
        SensorKind::Voltage => format!("{v:.2} V"),
        SensorKind::Current => format!("{v:.2} A"),
        SensorKind::Power => format!("{v:.2} W"),
        SensorKind::Energy => format!("{v:.3} J"),
        SensorKind::Humidity => format!("{v:.1} %RH"),
    }
}

fn channel_line(c: &SensorChannel) -> String {
    let label = c.label.value().map_or_else(|| c.name.clone(), |l| escape(l.as_bytes()));
    let value = match (c.input, c.average) {
        (Field::Value(v), _) | (_, Field::Value(v)) => reading(c.kind, v),
        (f, _) => why(&f),
    };
    let mut limits = Vec::new();
    for (name, f) in [
        ("low", c.min),
        ("high", c.max),
        ("hyst", c.max_hyst),
        ("crit low", c.lcrit),
        ("crit", c.crit),
        ("crit hyst", c.crit_hyst),
        ("emerg", c.emergency),
        ("target", c.target),
        ("cap", c.cap),
    ] {
        if let Some(v) = f.get() {
            limits.push(format!("{name} = {}", reading(c.kind, v)));
        }
    }
    let limits = if limits.is_empty() { String::new() } else { format!("  ({})", limits.join(", ")) };
    let alarm = [c.alarm, c.min_alarm, c.max_alarm, c.crit_alarm].contains(&Field::Value(true));
    let fault = c.fault == Field::Value(true);
    format!(
        "{:<16} {:>12}{limits}{}{}",
        format!("{}:", truncate(&label, 15)),
        value,
        if alarm { "  ALARM" } else { "" },
        if fault { "  FAULT" } else { "" }
    )
}

fn chip_name(c: &HwmonChip) -> String {
    let name = c.name.value().map_or_else(|| c.id.clone(), |n| escape(n.as_bytes()));
    match c.device.value() {
        Some(d) => format!("{name}-{}", escape(d.as_bytes())),
        None => format!("{name}-virtual"),
    }
}

fn sensors(out: &mut String, p: &PowerMetrics) {
    let _ = writeln!(out, "Sensors");
    let chips = match &p.hwmon {
        Field::Value(c) => c,
        f => {
            let _ = writeln!(out, "  {}\n", why(f));
            return;
        }
    };
    if chips.is_empty() {
        let _ = writeln!(out, "  no hwmon chip\n");
    }
    for c in chips {
        let _ = writeln!(out, "{}  ({})", chip_name(c), c.id);
        for ch in &c.channels {
            let _ = writeln!(out, "{}", channel_line(ch));
        }
        let _ = writeln!(out);
    }
}

fn thermal(out: &mut String, p: &PowerMetrics) {
    let _ = writeln!(out, "Thermal zones");
    match &p.thermal_zones {
        Field::Value(zones) => {
            for z in zones {
                let t =
                    z.temperature_celsius.get().map_or_else(|| why(&z.temperature_celsius), |t| format!("{t:+.1}°C"));
                let trips: Vec<String> = z
                    .trip_points
                    .iter()
                    .filter_map(|tp| Some(format!("{} {:+.1}°C", tp.trip_type.value()?, tp.temperature_celsius.get()?)))
                    .collect();
                let trips = if trips.is_empty() { String::new() } else { format!("  ({})", trips.join(", ")) };
                let _ = writeln!(
                    out,
                    "  {:<15} {:<18} {:>10}{trips}",
                    z.id,
                    truncate(&z.zone_type.value().map_or_else(|| why(&z.zone_type), |t| escape(t.as_bytes())), 18),
                    t
                );
            }
            if zones.is_empty() {
                let _ = writeln!(out, "  none");
            }
        }
        f => {
            let _ = writeln!(out, "  {}", why(f));
        }
    }
    if let Field::Value(devs) = &p.cooling_devices
        && !devs.is_empty()
    {
        let _ = writeln!(out, "Cooling devices");
        for d in devs {
            let state = match (d.cur_state.get(), d.max_state.get()) {
                (Some(c), Some(m)) => format!("{c}/{m}"),
                _ => why(&d.cur_state),
            };
            let _ = writeln!(
                out,
                "  {:<17} {:<18} {state}",
                d.id,
                truncate(&d.device_type.value().map_or_else(|| why(&d.device_type), |t| escape(t.as_bytes())), 18)
            );
        }
    }
    let _ = writeln!(out);
}

fn estimate(out: &mut String, p: &PowerMetrics) {
    let e = match &p.process_energy {
        Field::Value(e) => e,
        f => {
            let _ = writeln!(out, "Per-process energy (estimate): {}", why(f));
            return;
        }
    };
    let _ = writeln!(
        out,
        "Per-process energy (estimate: package energy shared by CPU time), last {:.2} s, package {:.2} W",
        e.interval_ns as f64 / 1e9,
        e.package_power_watts
    );
    let _ =
        writeln!(out, "  {:>7} {:<16} {:>6} {:>7} {:>10} {:>8}", "PID", "NAME", "TICKS", "SHARE", "ENERGY", "POWER");
    for pe in e.processes.iter().take(TOP) {
        let _ = writeln!(
            out,
            "  {:>7} {:<16} {:>6} {:>6.1}% {:>8.3} J {:>6.2} W",
            pe.pid,
            truncate(&escape(pe.name.as_bytes()), 16),
            pe.cpu_ticks,
            pe.share * 100.0,
            pe.energy_uj as f64 / 1e6,
            pe.power_watts
        );
    }
    if e.processes.len() > TOP {
        let _ = writeln!(out, "  … and {} more processes", e.processes.len() - TOP);
    }
}
