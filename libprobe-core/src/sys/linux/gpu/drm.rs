//! AMD (`amdgpu`) and Intel (`i915`, `xe`) GPUs from their DRM cards' sysfs and hwmon.
//! Cards of other drivers are left out (`nvidia`: NVML reports them; display-only and
//! virtual devices are not GPUs this domain measures).

use super::{EnergyCounter, Gpu};
use crate::domain::Cx;
use crate::error::{Error, ErrorKind, ParseError};
use crate::gpu::{ClockEventReasons, GpuMetrics, GpuOptions, GpuVendor, GtClocks};
use crate::model::{Field, Reason};
use crate::parse::Val;
use crate::sys::imp::sysfs::class_drm::{self, DpmLevels, Uevent};
use crate::sys::imp::sysfs::class_drm_card_device_gpu_metrics as gpu_metrics;
use crate::sys::imp::sysfs::class_drm_card_device_hwmon::{self as hwmon, Hwmon};

/// The AMD and Intel GPUs, indexed from `first`. `Err` only when `/sys/class/drm` itself
/// cannot be listed (`NotFound`: no DRM device here).
pub(crate) fn collect(cx: &mut Cx<'_>, opts: &GpuOptions, first: u32) -> Result<Vec<Gpu>, Error> {
    let cards = class_drm::cards(cx.src())?;
    let mut out = Vec::new();
    for (_, card) in cards {
        let dev = format!("class/drm/{card}/device");
        let uevent = match read(cx, &format!("{dev}/uevent"), class_drm::uevent) {
            Field::Value(u) => u,
            // A card without a device (a virtual one) or unreadable: not a GPU we measure.
            Field::Missing(_) => continue,
        };
        let index = first.saturating_add(u32::try_from(out.len()).unwrap_or(u32::MAX));
        let gpu = match uevent.driver.as_deref() {
            Some("amdgpu") => amd(cx, opts, index, &card, &dev, &uevent),
            Some(d @ ("i915" | "xe")) => intel(cx, index, &card, &dev, &uevent, d == "xe"),
            _ => continue,
        };
        out.push(gpu);
    }
    Ok(out)
}

/// Reads and parses one attribute: `not_supported` when the driver has no such file
/// (sysfs hides what a device cannot report); a value that does not parse is `error`,
/// with a warning quoting it.
fn read<T>(cx: &mut Cx<'_>, rel: &str, parse: impl FnOnce(&[u8]) -> Result<T, ParseError>) -> Field<T> {
    match cx.src().read_sys(rel) {
        Ok(text) => match parse(&text) {
            Ok(v) => Field::Value(v),
            Err(e) => {
                let shown: String = String::from_utf8_lossy(&text[..text.len().min(80)]).escape_debug().collect();
                cx.warn(format!("{}: {e}: \"{shown}\"", cx.src().sys_path(rel).display()));
                Field::Missing(Reason::Error)
            }
        },
        Err(e) if e.kind() == ErrorKind::NotFound => Field::Missing(Reason::NotSupported),
        Err(e) => Field::Missing(cx.reason(e)),
    }
}

fn read_u64(cx: &mut Cx<'_>, rel: &str) -> Field<u64> {
    read(cx, rel, class_drm::decimal)
}

fn read_text(cx: &mut Cx<'_>, rel: &str) -> Field<String> {
    match read(cx, rel, class_drm::text) {
        Field::Value(Some(t)) => Field::Value(t),
        Field::Value(None) => Field::Missing(Reason::NotSupported),
        Field::Missing(m) => Field::Missing(m),
    }
}

/// A hwmon attribute (absent → `not_supported`).
fn hw<T>(
    cx: &mut Cx<'_>,
    h: Option<&Hwmon>,
    attr: &str,
    parse: impl FnOnce(&[u8]) -> Result<T, ParseError>,
) -> Field<T> {
    match h {
        Some(h) if h.has(attr) => read(cx, &h.path(attr), parse),
        _ => Field::Missing(Reason::NotSupported),
    }
}

fn milli_c(v: i64) -> f64 {
    v as f64 / 1000.0
}

fn micro_w(v: u64) -> f64 {
    v as f64 / 1e6
}

/// The fields every PCI GPU has in sysfs: identity and link.
fn pci(cx: &mut Cx<'_>, g: &mut GpuMetrics, dev: &str, u: &Uevent) {
    g.pci_bus_id = u.slot.clone().map_or(Field::Missing(Reason::NotSupported), Field::Value);
    g.pci_device_id = u.pci_id.clone().map_or(Field::Missing(Reason::NotSupported), Field::Value);
    let link_gen = |cx: &mut Cx<'_>, f| flatten(read(cx, &format!("{dev}/{f}"), class_drm::link_gen));
    g.pcie_link_gen_current = link_gen(cx, "current_link_speed");
    g.pcie_link_gen_max = link_gen(cx, "max_link_speed");
    let width = |cx: &mut Cx<'_>, f| flatten(read(cx, &format!("{dev}/{f}"), class_drm::link_width));
    g.pcie_link_width_current = width(cx, "current_link_width");
    g.pcie_link_width_max = width(cx, "max_link_width");
    if let Some(d) = &u.driver {
        // Out-of-tree (DKMS) builds have a module version; in-tree drivers do not.
        g.driver_version = read_text(cx, &format!("module/{d}/version"));
    }
}

/// `Some(None)` (a link that is down) is `not_present`.
fn flatten<T>(f: Field<Option<T>>) -> Field<T> {
    match f {
        Field::Value(Some(v)) => Field::Value(v),
        Field::Value(None) => Field::Missing(Reason::NotPresent),
        Field::Missing(m) => Field::Missing(m),
    }
}

fn hwmon_of(cx: &mut Cx<'_>, dev: &str) -> Option<Hwmon> {
    match hwmon::find(cx.src(), dev) {
        Ok(h) => h,
        Err(e) => {
            let _ = cx.reason(e);
            None
        }
    }
}

/// Share of a 0–100 attribute (`gpu_busy_percent`); above 100 is an error.
fn percent(cx: &mut Cx<'_>, rel: &str) -> Field<f64> {
    read(cx, rel, |t| {
        let v = class_drm::decimal(t)?;
        if v > 100 { Err(ParseError::invalid("percent")) } else { Ok(v as f64) }
    })
}

fn amd(cx: &mut Cx<'_>, opts: &GpuOptions, index: u32, _card: &str, dev: &str, u: &Uevent) -> Gpu {
    let mut g = GpuMetrics::unknown(index, GpuVendor::Amd, "amdgpu");
    pci(cx, &mut g, dev, u);
    let p = |f: &str| format!("{dev}/{f}");
    g.name = read_text(cx, &p("product_name"));
    g.uuid = read_text(cx, &p("unique_id"));
    g.serial = read_text(cx, &p("serial_number"));
    g.vbios_version = read_text(cx, &p("vbios_version"));
    g.performance_level = read_text(cx, &p("power_dpm_force_performance_level"));
    g.utilization_gpu = percent(cx, &p("gpu_busy_percent"));
    g.utilization_memory = percent(cx, &p("mem_busy_percent"));
    g.memory_total = read_u64(cx, &p("mem_info_vram_total"));
    g.memory_used = read_u64(cx, &p("mem_info_vram_used"));
    g.memory_free = match (g.memory_total, g.memory_used) {
        (Field::Value(t), Field::Value(u)) => match t.checked_sub(u) {
            Some(f) => Field::Value(f),
            None => {
                cx.warn(format!("{}: VRAM used {u} is above the total {t}", cx.src().sys_path(dev).display()));
                Field::Missing(Reason::Error)
            }
        },
        (Field::Missing(m), _) | (_, Field::Missing(m)) => Field::Missing(m),
    };
    g.memory_visible_total = read_u64(cx, &p("mem_info_vis_vram_total"));
    g.memory_visible_used = read_u64(cx, &p("mem_info_vis_vram_used"));
    g.memory_gtt_total = read_u64(cx, &p("mem_info_gtt_total"));
    g.memory_gtt_used = read_u64(cx, &p("mem_info_gtt_used"));
    let sclk: Field<DpmLevels> = read(cx, &p("pp_dpm_sclk"), class_drm::dpm_levels);
    let mclk: Field<DpmLevels> = read(cx, &p("pp_dpm_mclk"), class_drm::dpm_levels);
    let level = |f: &Field<DpmLevels>, pick: fn(&DpmLevels) -> Option<u64>| match f {
        Field::Value(l) => pick(l).map_or(Field::Missing(Reason::NotSupported), Field::Value),
        Field::Missing(m) => Field::Missing(*m),
    };
    g.clock_max_graphics = level(&sclk, DpmLevels::max);
    g.clock_min_graphics = level(&sclk, DpmLevels::min);
    g.clock_max_memory = level(&mclk, DpmLevels::max);

    let h = hwmon_of(cx, dev);
    let h = h.as_ref();
    // Temperatures by label: edge (the die's edge), junction (hotspot), mem (HBM/GDDR).
    let channel = |cx: &mut Cx<'_>, label| h.and_then(|h| h.channel_labelled(cx.src(), "temp", label));
    let temp = |cx: &mut Cx<'_>, n: Option<u32>, item: &str| match n {
        Some(n) => hw(cx, h, &format!("temp{n}_{item}"), class_drm::signed).map(milli_c),
        None => Field::Missing(Reason::NotSupported),
    };
    let (edge, junction, mem) = (channel(cx, "edge"), channel(cx, "junction"), channel(cx, "mem"));
    g.temperature_hotspot = temp(cx, junction, "input");
    g.temperature_memory = temp(cx, mem, "input");
    // Instinct boards have no edge sensor: the junction stands for the GPU.
    let main = edge.or(junction);
    g.temperature_gpu = temp(cx, main, "input");
    g.temperature_slowdown = temp(cx, main, "crit");
    g.temperature_shutdown = temp(cx, main, "emergency");
    let average = hw(cx, h, "power1_average", class_drm::decimal).map(micro_w);
    let input = hw(cx, h, "power1_input", class_drm::decimal).map(micro_w);
    (g.power_draw, g.power_draw_instant) = match (average, input) {
        (Field::Value(a), i) => (Field::Value(a), i),
        (Field::Missing(_), Field::Value(i)) => (Field::Value(i), Field::Value(i)),
        (a, i) => (a, i),
    };
    g.power_limit = hw(cx, h, "power1_cap", class_drm::decimal).map(micro_w);
    g.power_default_limit = hw(cx, h, "power1_cap_default", class_drm::decimal).map(micro_w);
    g.power_min_limit = hw(cx, h, "power1_cap_min", class_drm::decimal).map(micro_w);
    g.power_max_limit = hw(cx, h, "power1_cap_max", class_drm::decimal).map(micro_w);
    g.fan_speed_rpm = hw(cx, h, "fan1_input", class_drm::decimal);
    g.fan_speed = match hw(cx, h, "pwm1", class_drm::decimal) {
        Field::Value(pwm) if pwm <= 255 => Field::Value(((pwm * 100 + 127) / 255) as u8),
        Field::Value(pwm) => {
            cx.warn(format!("{}: pwm1 {pwm} is above 255", cx.src().sys_path(dev).display()));
            Field::Missing(Reason::Error)
        }
        Field::Missing(m) => Field::Missing(m),
    };
    let freq = |cx: &mut Cx<'_>, label| match h.and_then(|h| h.channel_labelled(cx.src(), "freq", label)) {
        Some(n) => hw(cx, h, &format!("freq{n}_input"), class_drm::decimal).map(|hz| hz / 1_000_000),
        None => Field::Missing(Reason::NotSupported),
    };
    // The measured clocks first; the current DPM level where hwmon has none.
    let f = freq(cx, "sclk");
    g.clock_graphics = either(f, || level(&sclk, |l| l.current));
    let f = freq(cx, "mclk");
    g.clock_memory = either(f, || level(&mclk, |l| l.current));
    let mut energy = hw(cx, h, "energy1_input", class_drm::decimal).ok().map(|uj| EnergyCounter {
        raw: uj,
        bits: 64,
        mj_per_unit: 0.001,
    });
    if let Some(e) = energy {
        g.energy_total = Field::Value(e.raw / 1000);
    }

    // The binary table: what sysfs lacks, and the fields only it has.
    if opts.gpu_metrics {
        let rel = p("gpu_metrics");
        match read(cx, &rel, gpu_metrics::parse) {
            Field::Value(t) if t.known => {
                // A member out of its range is its field's `error`, with a warning quoting it.
                let path = cx.src().sys_path(&rel);
                cx.warnings().problems(&path, &t.problems);
                let edge = match t.temperature_edge {
                    Val::Absent => t.temperature_hotspot,
                    v => v,
                };
                g.temperature_gpu = or_table(g.temperature_gpu, edge);
                g.temperature_hotspot = or_table(g.temperature_hotspot, t.temperature_hotspot);
                g.temperature_memory = or_table(g.temperature_memory, t.temperature_mem);
                g.utilization_gpu = or_table(g.utilization_gpu, t.gfx_activity);
                g.utilization_memory = or_table(g.utilization_memory, t.umc_activity);
                g.utilization_decoder = t.mm_activity.field(Reason::NotSupported);
                g.power_draw = or_table(g.power_draw, t.socket_power);
                g.clock_graphics = or_table(g.clock_graphics, t.gfxclk);
                g.clock_memory = or_table(g.clock_memory, t.uclk);
                g.clock_video = t.vclk.field(Reason::NotSupported);
                g.fan_speed_rpm = or_table(g.fan_speed_rpm, t.fan_rpm);
                g.pcie_link_width_current = or_table(g.pcie_link_width_current, t.pcie_link_width);
                g.pcie_link_gen_current = or_table(g.pcie_link_gen_current, t.pcie_link_gen);
                g.clock_event_reasons = t.indep_throttle_status.map(amd_reasons).field(Reason::NotSupported);
                if energy.is_none()
                    && let Val::Ok((raw, bits)) = t.energy_accumulator
                {
                    // 2^-16 J per unit.
                    let e = EnergyCounter { raw, bits, mj_per_unit: 1000.0 / 65536.0 };
                    g.energy_total = Field::Value(((u128::from(raw) * 1000) >> 16) as u64);
                    energy = Some(e);
                }
            }
            // An unknown revision: its fields stay `not_supported`.
            Field::Value(_) => {}
            Field::Missing(m) => {
                if m != Reason::NotSupported {
                    g.clock_video = Field::Missing(m);
                    g.clock_event_reasons = Field::Missing(m);
                    g.utilization_decoder = Field::Missing(m);
                    if energy.is_none() {
                        g.energy_total = Field::Missing(m);
                    }
                }
            }
        }
    } else {
        g.clock_video = Field::Missing(Reason::Disabled);
        g.clock_event_reasons = Field::Missing(Reason::Disabled);
        g.utilization_decoder = Field::Missing(Reason::Disabled);
        if energy.is_none() {
            g.energy_total = Field::Missing(Reason::Disabled);
            g.power_from_energy = Field::Missing(Reason::Disabled);
        }
    }
    Gpu { metrics: g, energy }
}

/// `f`, or `alt` when `f` is missing and `alt` has a value (else `f`'s reason stays).
fn either<T>(f: Field<T>, alt: impl FnOnce() -> Field<T>) -> Field<T> {
    match f {
        Field::Value(v) => Field::Value(v),
        Field::Missing(m) => match alt() {
            Field::Value(v) => Field::Value(v),
            Field::Missing(_) => Field::Missing(m),
        },
    }
}

/// `f`, or the table's value when `f` is missing: a table member out of its range makes
/// the field `error` (its warning comes from the table's problems); one the table lacks
/// leaves `f`'s reason.
fn or_table<T>(f: Field<T>, v: Val<T>) -> Field<T> {
    match (f, v) {
        (Field::Value(x), _) | (Field::Missing(_), Val::Ok(x)) => Field::Value(x),
        (Field::Missing(_), Val::Bad) => Field::Missing(Reason::Error),
        (Field::Missing(m), Val::Absent) => Field::Missing(m),
    }
}

/// amdgpu's ASIC-independent throttle bits (`SMU_THROTTLER_*` in amdgpu_smu.h): 0–15
/// power (PPT, SPL, FPPT, SPPT), 16–31 current (TDC, EDC, APCC), 32–43 temperature,
/// 44–45 VRHOT, 46–47 PROCHOT, 56–57 PPM and FIT.
pub(crate) fn amd_reasons(bits: u64) -> ClockEventReasons {
    let any = |lo: u32, hi: u32| Field::Value((lo..=hi).any(|b| bits & (1u64 << b) != 0));
    let ns = Field::Missing(Reason::NotSupported);
    ClockEventReasons {
        gpu_idle: ns,
        applications_clocks_setting: ns,
        sw_power_cap: any(0, 15),
        hw_slowdown: any(44, 47),
        sync_boost: ns,
        sw_thermal_slowdown: any(32, 43),
        hw_thermal_slowdown: ns,
        hw_power_brake_slowdown: ns,
        display_clocks_setting: ns,
        other: Field::Value(bits & (0xffff << 16 | 0xffff << 48) != 0),
    }
}

/// The frequency files of one Intel GT: (i915 name, xe name) per field.
const GT_FILES: [(&str, &str); 8] = [
    ("act", "act"),
    ("cur", "cur"),
    ("min", "min"),
    ("max", "max"),
    ("boost", ""),
    ("RP0", "rp0"),
    ("RP1", "rpe"),
    ("RPn", "rpn"),
];

/// One GT's clocks: i915 `<dir>/<prefix><name>_freq_mhz`, xe `<dir>/<name>_freq`.
fn gt_clocks(cx: &mut Cx<'_>, tile: u32, gt: u32, dir: &str, prefix: &str, xe: bool) -> GtClocks {
    let mut v: Vec<Field<u64>> = GT_FILES
        .iter()
        .map(|(i915, xe_name)| {
            if xe && xe_name.is_empty() {
                return Field::Missing(Reason::NotSupported);
            }
            let rel = if xe { format!("{dir}/{xe_name}_freq") } else { format!("{dir}/{prefix}{i915}_freq_mhz") };
            read_u64(cx, &rel)
        })
        .collect();
    let mut next = || v.remove(0);
    GtClocks {
        tile,
        gt,
        actual: next(),
        requested: next(),
        limit_min: next(),
        limit_max: next(),
        boost: next(),
        hw_max: next(),
        hw_efficient: next(),
        hw_min: next(),
    }
}

/// `<dir>` entries named `<prefix><N>`, sorted by N.
fn numbered(cx: &Cx<'_>, dir: &str, prefix: &str) -> Vec<u32> {
    let mut n: Vec<u32> = class_drm::list(cx.src(), dir)
        .unwrap_or_default()
        .into_iter()
        .filter_map(|e| crate::parse::u64_dec(e.strip_prefix(prefix.as_bytes())?).and_then(|n| u32::try_from(n).ok()))
        .collect();
    n.sort_unstable();
    n
}

/// Throttle reasons of a GT: i915 `throttle_reason_<r>`, xe `throttle/reason_<r>` (0 or
/// 1 each; `status` is their or).
fn intel_reasons(cx: &mut Cx<'_>, dir: &str, xe: bool) -> Field<ClockEventReasons> {
    let file = |r: &str| if xe { format!("{dir}/throttle/reason_{r}") } else { format!("{dir}/throttle_reason_{r}") };
    let status = if xe { format!("{dir}/throttle/status") } else { format!("{dir}/throttle_reason_status") };
    if let Field::Missing(m) = read_u64(cx, &status) {
        return Field::Missing(m);
    }
    let mut flag = |names: &[&str]| -> Field<bool> {
        let mut any = Field::Missing(Reason::NotSupported);
        for n in names {
            match read_u64(cx, &file(n)) {
                Field::Value(v) => any = Field::Value(any.get().unwrap_or(false) || v != 0),
                Field::Missing(Reason::NotSupported) => {}
                Field::Missing(m) => return Field::Missing(m),
            }
        }
        any
    };
    let ns = Field::Missing(Reason::NotSupported);
    Field::Value(ClockEventReasons {
        gpu_idle: ns,
        applications_clocks_setting: ns,
        sw_power_cap: flag(&["pl1", "pl2", "pl4"]),
        hw_slowdown: flag(&["prochot", "vr_tdc"]),
        sync_boost: ns,
        sw_thermal_slowdown: flag(&["thermal", "ratl"]),
        hw_thermal_slowdown: flag(&["vr_thermalert"]),
        hw_power_brake_slowdown: ns,
        display_clocks_setting: ns,
        other: ns,
    })
}

fn intel(cx: &mut Cx<'_>, index: u32, card: &str, dev: &str, u: &Uevent, xe: bool) -> Gpu {
    let mut g = GpuMetrics::unknown(index, GpuVendor::Intel, if xe { "xe" } else { "i915" });
    pci(cx, &mut g, dev, u);
    let mut gts = Vec::new();
    let mut reasons = Field::Missing(Reason::NotSupported);
    if xe {
        let mut vram: Field<u64> = Field::Missing(Reason::NotSupported);
        for tile in numbered(cx, dev, "tile") {
            let tdir = format!("{dev}/tile{tile}");
            match read_u64(cx, &format!("{tdir}/physical_vram_size_bytes")) {
                Field::Value(b) => vram = Field::Value(vram.get().unwrap_or(0).saturating_add(b)),
                Field::Missing(m) if !vram.is_value() && m != Reason::NotSupported => vram = Field::Missing(m),
                Field::Missing(_) => {}
            }
            for gt in numbered(cx, &tdir, "gt") {
                let dir = format!("{tdir}/gt{gt}/freq0");
                if gts.is_empty() {
                    reasons = intel_reasons(cx, &dir, true);
                }
                gts.push(gt_clocks(cx, tile, gt, &dir, "", true));
            }
        }
        g.memory_total = vram;
    } else {
        let gt_dir = format!("class/drm/{card}/gt");
        for gt in numbered(cx, &gt_dir, "gt") {
            let dir = format!("{gt_dir}/gt{gt}");
            if gts.is_empty() {
                reasons = intel_reasons(cx, &dir, false);
            }
            gts.push(gt_clocks(cx, 0, gt, &dir, "rps_", false));
        }
        if gts.is_empty() {
            // Kernels before 5.16 (no `gt/`): the card-level files.
            gts.push(gt_clocks(cx, 0, 0, &format!("class/drm/{card}"), "gt_", false));
        }
    }
    if let Some(gt0) = gts.first() {
        g.clock_graphics = gt0.actual;
        g.clock_max_graphics = gt0.hw_max;
        g.clock_min_graphics = gt0.hw_min;
    }
    g.gt_clocks = Field::Value(gts);
    g.clock_event_reasons = reasons;

    let h = hwmon_of(cx, dev);
    let h = h.as_ref();
    // xe labels its channels (`card`, `pkg`); i915 has one unlabelled channel.
    let chan = |cx: &mut Cx<'_>, kind: &str, label: &str| {
        h.and_then(|h| h.channel_labelled(cx.src(), kind, label)).unwrap_or(1)
    };
    let p = chan(cx, "power", "card");
    g.power_limit = hw(cx, h, &format!("power{p}_max"), class_drm::decimal).map(micro_w);
    g.power_default_limit = hw(cx, h, &format!("power{p}_rated_max"), class_drm::decimal).map(micro_w);
    let e = chan(cx, "energy", "card");
    let energy = hw(cx, h, &format!("energy{e}_input"), class_drm::decimal).ok().map(|uj| EnergyCounter {
        raw: uj,
        bits: 64,
        mj_per_unit: 0.001,
    });
    g.energy_total = energy.map_or(Field::Missing(Reason::NotSupported), |e| Field::Value(e.raw / 1000));
    let temp = |cx: &mut Cx<'_>, label| match h.and_then(|h| h.channel_labelled(cx.src(), "temp", label)) {
        Some(n) => hw(cx, h, &format!("temp{n}_input"), class_drm::signed).map(milli_c),
        None => Field::Missing(Reason::NotSupported),
    };
    g.temperature_gpu = temp(cx, "pkg");
    g.temperature_memory = temp(cx, "vram");
    g.fan_speed_rpm = hw(cx, h, "fan1_input", class_drm::decimal);
    Gpu { metrics: g, energy }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn amd_throttle_bits() {
        let r = amd_reasons(1 << 35 | 1 << 2);
        assert_eq!(
            (r.sw_thermal_slowdown, r.sw_power_cap, r.hw_slowdown),
            (Field::Value(true), Field::Value(true), Field::Value(false))
        );
        assert_eq!(r.other, Field::Value(false));
        assert_eq!(amd_reasons(1 << 16).other, Field::Value(true));
        assert_eq!(amd_reasons(1 << 57).other, Field::Value(true));
        assert_eq!(amd_reasons(1 << 46).hw_slowdown, Field::Value(true));
        assert_eq!(amd_reasons(0).gpu_idle, Field::Missing(Reason::NotSupported));
    }
}
