//! `/sys/class/drm/card<N>/device/gpu_metrics`: amdgpu's binary metrics table
//! (Documentation/gpu/amdgpu/driver-misc.rst; layouts in
//! `drivers/gpu/drm/amd/include/kgd_pp_interface.h`).
//!
//! ```text
//! $ xxd -l 16 /sys/class/drm/card1/device/gpu_metrics
//! 00000000: 7800 0103 2d00 3300 3a00 ffff ffff ffff  x...-.3.:.......
//!           ^size ^format ^content  ^temperature_edge …
//! ```
//!
//! A table starts with `struct metrics_table_header { u16 structure_size; u8
//! format_revision; u8 content_revision; }`, then the fields of that revision's struct,
//! little-endian, with C's natural alignment (the structs are not packed). Format 1 is a
//! discrete GPU's (`gpu_metrics_v1_0` … `v1_6`), format 2 an APU's (`v2_0` … `v2_4`),
//! format 3 a newer APU's (`v3_0`). The driver fills the table with `0xff` before writing
//! what the firmware gives (`smu_cmn_init_soft_gpu_metrics`), so a field of all ones is
//! absent. A member set to a value outside its range (an activity above 100 %, a PCIe rate
//! that is no generation, a link width of 0) is [`Val::Bad`], with a problem naming the
//! member and quoting its raw value: the field's `error`, its neighbours kept. Units: format 1 in °C, %, W, MHz, and energy in 2^-16 J (15.259 µJ); formats 2
//! and 3 (APU firmware) in centi-°C and mW, with activity in % (`v2_4`: centi-%). A
//! revision this decoder does not know decodes to its header alone ([`Table::known`]
//! false): its fields are then `not_supported`, never guessed.

use crate::error::ParseError;
use crate::parse::{Problems, Val};

/// What the gpu domain takes from a table; `Absent` for a field the revision lacks or the
/// firmware left unset, `Bad` for one set out of its range (with a problem).
#[derive(Debug, Clone, Default, PartialEq)]
pub(crate) struct Table {
    pub format_revision: u8,
    pub content_revision: u8,
    /// Whether this decoder knows the revision's layout.
    pub known: bool,
    /// °C.
    pub temperature_edge: Val<f64>,
    pub temperature_hotspot: Val<f64>,
    pub temperature_mem: Val<f64>,
    /// APUs: the graphics block's temperature.
    pub temperature_gfx: Val<f64>,
    /// %.
    pub gfx_activity: Val<f64>,
    pub umc_activity: Val<f64>,
    /// Multimedia (UVD/VCN) activity, the first VCN on tables with several.
    pub mm_activity: Val<f64>,
    /// W.
    pub socket_power: Val<f64>,
    /// The energy accumulator, in 2^-16 J, and its width in bits (32 for `v1_0`).
    pub energy_accumulator: Val<(u64, u32)>,
    /// MHz (the first instance where there are several).
    pub gfxclk: Val<u64>,
    pub uclk: Val<u64>,
    pub vclk: Val<u64>,
    /// RPM.
    pub fan_rpm: Val<u64>,
    /// Lanes.
    pub pcie_link_width: Val<u8>,
    /// PCIe generation (from the rate in 0.1 GT/s).
    pub pcie_link_gen: Val<u8>,
    /// ASIC-independent throttle status (`SMU_THROTTLER_*` bits).
    pub indep_throttle_status: Val<u64>,
    /// The members set out of their range, each quoted.
    pub problems: Problems,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum T {
    U8,
    U16,
    U32,
    U64,
}

impl T {
    const fn size(self) -> usize {
        match self {
            T::U8 => 1,
            T::U16 => 2,
            T::U32 => 4,
            T::U64 => 8,
        }
    }
}

/// One member of a layout: name, type, array length.
type M = (&'static str, T, usize);

use T::{U8, U16, U32, U64};

const HEADER: [M; 3] = [("structure_size", U16, 1), ("format_revision", U8, 1), ("content_revision", U8, 1)];

const TEMPS_V1: [M; 6] = [
    ("temperature_edge", U16, 1),
    ("temperature_hotspot", U16, 1),
    ("temperature_mem", U16, 1),
    ("temperature_vrgfx", U16, 1),
    ("temperature_vrsoc", U16, 1),
    ("temperature_vrmem", U16, 1),
];
const ACTIVITY_V1: [M; 3] =
    [("average_gfx_activity", U16, 1), ("average_umc_activity", U16, 1), ("average_mm_activity", U16, 1)];
const AVG_CLOCKS_V1: [M; 7] = [
    ("average_gfxclk_frequency", U16, 1),
    ("average_socclk_frequency", U16, 1),
    ("average_uclk_frequency", U16, 1),
    ("average_vclk0_frequency", U16, 1),
    ("average_dclk0_frequency", U16, 1),
    ("average_vclk1_frequency", U16, 1),
    ("average_dclk1_frequency", U16, 1),
];
const CUR_CLOCKS_V1: [M; 7] = [
    ("current_gfxclk", U16, 1),
    ("current_socclk", U16, 1),
    ("current_uclk", U16, 1),
    ("current_vclk0", U16, 1),
    ("current_dclk0", U16, 1),
    ("current_vclk1", U16, 1),
    ("current_dclk1", U16, 1),
];

/// `gpu_metrics_v1_1` (v1_2 and v1_3 append to it).
const V1_1: &[&[M]] = &[
    &HEADER,
    &TEMPS_V1,
    &ACTIVITY_V1,
    &[("average_socket_power", U16, 1), ("energy_accumulator", U64, 1), ("system_clock_counter", U64, 1)],
    &AVG_CLOCKS_V1,
    &CUR_CLOCKS_V1,
    &[
        ("throttle_status", U32, 1),
        ("current_fan_speed", U16, 1),
        ("pcie_link_width", U16, 1),
        ("pcie_link_speed", U16, 1),
        ("padding", U16, 1),
        ("gfx_activity_acc", U32, 1),
        ("mem_activity_acc", U32, 1),
        ("temperature_hbm", U16, 4),
    ],
];
const V1_2_TAIL: [M; 1] = [("firmware_timestamp", U64, 1)];
const V1_3_TAIL: [M; 5] = [
    ("voltage_soc", U16, 1),
    ("voltage_gfx", U16, 1),
    ("voltage_mem", U16, 1),
    ("padding1", U16, 1),
    ("indep_throttle_status", U64, 1),
];

const V1_4_HEAD: [M; 4] = [
    ("temperature_hotspot", U16, 1),
    ("temperature_mem", U16, 1),
    ("temperature_vrsoc", U16, 1),
    ("curr_socket_power", U16, 1),
];
const V1_4_ACTIVITY: [M; 3] =
    [("average_gfx_activity", U16, 1), ("average_umc_activity", U16, 1), ("vcn_activity", U16, 4)];
const V1_4_ENERGY: [M; 2] = [("energy_accumulator", U64, 1), ("system_clock_counter", U64, 1)];
const V1_6_RESIDENCY: [M; 6] = [
    ("accumulation_counter", U32, 1),
    ("prochot_residency_acc", U32, 1),
    ("ppt_residency_acc", U32, 1),
    ("socket_thm_residency_acc", U32, 1),
    ("vr_thm_residency_acc", U32, 1),
    ("hbm_thm_residency_acc", U32, 1),
];
const V1_4_LINKS: [M; 13] = [
    ("throttle_status", U32, 1),
    ("gfxclk_lock_status", U32, 1),
    ("pcie_link_width", U16, 1),
    ("pcie_link_speed", U16, 1),
    ("xgmi_link_width", U16, 1),
    ("xgmi_link_speed", U16, 1),
    ("gfx_activity_acc", U32, 1),
    ("mem_activity_acc", U32, 1),
    ("pcie_bandwidth_acc", U64, 1),
    ("pcie_bandwidth_inst", U64, 1),
    ("pcie_l0_to_recov_count_acc", U64, 1),
    ("pcie_replay_count_acc", U64, 1),
    ("pcie_replay_rover_count_acc", U64, 1),
];
const V1_5_NAK: [M; 2] = [("pcie_nak_sent_count_acc", U32, 1), ("pcie_nak_rcvd_count_acc", U32, 1)];
const V1_4_TAIL: [M; 9] = [
    ("xgmi_read_data_acc", U64, 8),
    ("xgmi_write_data_acc", U64, 8),
    ("firmware_timestamp", U64, 1),
    ("current_gfxclk", U16, 8),
    ("current_socclk", U16, 4),
    ("current_vclk0", U16, 4),
    ("current_dclk0", U16, 4),
    ("current_uclk", U16, 1),
    ("padding", U16, 1),
];

const TEMPS_V2: [M; 4] = [
    ("temperature_gfx", U16, 1),
    ("temperature_soc", U16, 1),
    ("temperature_core", U16, 8),
    ("temperature_l3", U16, 2),
];
const ACTIVITY_V2: [M; 2] = [("average_gfx_activity", U16, 1), ("average_mm_activity", U16, 1)];
const POWER_V2: [M; 5] = [
    ("average_socket_power", U16, 1),
    ("average_cpu_power", U16, 1),
    ("average_soc_power", U16, 1),
    ("average_gfx_power", U16, 1),
    ("average_core_power", U16, 8),
];
const CLOCKS_V2: [M; 14] = [
    ("average_gfxclk_frequency", U16, 1),
    ("average_socclk_frequency", U16, 1),
    ("average_uclk_frequency", U16, 1),
    ("average_fclk_frequency", U16, 1),
    ("average_vclk_frequency", U16, 1),
    ("average_dclk_frequency", U16, 1),
    ("current_gfxclk", U16, 1),
    ("current_socclk", U16, 1),
    ("current_uclk", U16, 1),
    ("current_fclk", U16, 1),
    ("current_vclk", U16, 1),
    ("current_dclk", U16, 1),
    ("current_coreclk", U16, 8),
    ("current_l3clk", U16, 2),
];
const V2_1_TAIL: [M; 3] = [("throttle_status", U32, 1), ("fan_pwm", U16, 1), ("padding", U16, 3)];
const V2_2_TAIL: [M; 1] = [("indep_throttle_status", U64, 1)];
const V2_3_TAIL: [M; 4] = [
    ("average_temperature_gfx", U16, 1),
    ("average_temperature_soc", U16, 1),
    ("average_temperature_core", U16, 8),
    ("average_temperature_l3", U16, 2),
];
const V2_4_TAIL: [M; 6] = [
    ("average_cpu_voltage", U16, 1),
    ("average_soc_voltage", U16, 1),
    ("average_gfx_voltage", U16, 1),
    ("average_cpu_current", U16, 1),
    ("average_soc_current", U16, 1),
    ("average_gfx_current", U16, 1),
];

const V3_0: &[&[M]] = &[
    &HEADER,
    &[
        ("temperature_gfx", U16, 1),
        ("temperature_soc", U16, 1),
        ("temperature_core", U16, 16),
        ("temperature_skin", U16, 1),
        ("average_gfx_activity", U16, 1),
        ("average_vcn_activity", U16, 1),
        ("average_ipu_activity", U16, 8),
        ("average_core_c0_activity", U16, 16),
        ("average_dram_reads", U16, 1),
        ("average_dram_writes", U16, 1),
        ("average_ipu_reads", U16, 1),
        ("average_ipu_writes", U16, 1),
        ("system_clock_counter", U64, 1),
        ("average_socket_power", U32, 1),
        ("average_ipu_power", U16, 1),
        ("average_apu_power", U32, 1),
        ("average_gfx_power", U32, 1),
        ("average_dgpu_power", U32, 1),
        ("average_all_core_power", U32, 1),
        ("average_core_power", U16, 16),
        ("average_sys_power", U16, 1),
        ("stapm_power_limit", U16, 1),
        ("current_stapm_power_limit", U16, 1),
        ("average_gfxclk_frequency", U16, 1),
        ("average_socclk_frequency", U16, 1),
        ("average_vpeclk_frequency", U16, 1),
        ("average_ipuclk_frequency", U16, 1),
        ("average_fclk_frequency", U16, 1),
        ("average_vclk_frequency", U16, 1),
        ("average_uclk_frequency", U16, 1),
        ("average_mpipu_frequency", U16, 1),
        ("current_coreclk", U16, 16),
        ("current_core_maxfreq", U16, 1),
        ("current_gfx_maxfreq", U16, 1),
        ("throttle_residency_prochot", U32, 1),
        ("throttle_residency_spl", U32, 1),
        ("throttle_residency_fppt", U32, 1),
        ("throttle_residency_sppt", U32, 1),
        ("throttle_residency_thm_core", U32, 1),
        ("throttle_residency_thm_gfx", U32, 1),
        ("throttle_residency_thm_soc", U32, 1),
        ("time_filter_alphavalue", U32, 1),
    ],
];

/// The members of a revision's struct, in order; `None` for a revision not known here.
fn layout(format: u8, content: u8) -> Option<Vec<M>> {
    let parts: Vec<&[M]> = match (format, content) {
        (1, 0) => vec![
            &HEADER,
            &[("system_clock_counter", U64, 1)],
            &TEMPS_V1,
            &ACTIVITY_V1,
            &[("average_socket_power", U16, 1), ("energy_accumulator", U32, 1)],
            &AVG_CLOCKS_V1,
            &CUR_CLOCKS_V1,
            &[
                ("throttle_status", U32, 1),
                ("current_fan_speed", U16, 1),
                ("pcie_link_width", U8, 1),
                ("pcie_link_speed", U8, 1),
            ],
        ],
        (1, 1) => V1_1.to_vec(),
        (1, 2) => [V1_1, &[&V1_2_TAIL]].concat(),
        (1, 3) => [V1_1, &[&V1_2_TAIL, &V1_3_TAIL]].concat(),
        (1, 4) => vec![&HEADER, &V1_4_HEAD, &V1_4_ACTIVITY, &V1_4_ENERGY, &V1_4_LINKS, &V1_4_TAIL],
        (1, 5) => vec![
            &HEADER,
            &V1_4_HEAD,
            &V1_4_ACTIVITY,
            &[("jpeg_activity", U16, 32)],
            &V1_4_ENERGY,
            &V1_4_LINKS,
            &V1_5_NAK,
            &V1_4_TAIL,
        ],
        (1, 6) => vec![
            &HEADER,
            &V1_4_HEAD,
            &V1_4_ACTIVITY,
            &[("jpeg_activity", U16, 32)],
            &V1_4_ENERGY,
            &V1_6_RESIDENCY,
            &V1_4_LINKS,
            &V1_5_NAK,
            &V1_4_TAIL,
        ],
        (2, 0) => vec![
            &HEADER,
            &[("system_clock_counter", U64, 1)],
            &TEMPS_V2,
            &ACTIVITY_V2,
            &POWER_V2,
            &CLOCKS_V2,
            &[("throttle_status", U32, 1), ("fan_pwm", U16, 1), ("padding", U16, 1)],
        ],
        (2, 1..=4) => {
            let mut p: Vec<&[M]> = vec![
                &HEADER,
                &TEMPS_V2,
                &ACTIVITY_V2,
                &[("system_clock_counter", U64, 1)],
                &POWER_V2,
                &CLOCKS_V2,
                &V2_1_TAIL,
            ];
            if content >= 2 {
                p.push(&V2_2_TAIL);
            }
            if content >= 3 {
                p.push(&V2_3_TAIL);
            }
            if content >= 4 {
                p.push(&V2_4_TAIL);
            }
            p
        }
        (3, 0) => V3_0.to_vec(),
        _ => return None,
    };
    Some(parts.concat())
}

/// Members with their offsets, and the struct's size (C layout: each member at a multiple
/// of its alignment, the size a multiple of the largest).
fn place(members: &[M]) -> (Vec<(&'static str, T, usize, usize)>, usize) {
    let mut at = 0usize;
    let mut align = 1usize;
    let mut out = Vec::with_capacity(members.len());
    for &(name, t, n) in members {
        let a = t.size();
        align = align.max(a);
        at = at.next_multiple_of(a);
        out.push((name, t, n, at));
        at += a * n;
    }
    (out, at.next_multiple_of(align))
}

/// The size of a known revision's struct.
#[cfg(test)]
pub(crate) fn size_of(format: u8, content: u8) -> Option<usize> {
    layout(format, content).map(|l| place(&l).1)
}

/// Every revision this decoder knows, as (format, content).
#[cfg(test)]
pub(crate) const KNOWN: [(u8, u8); 12] =
    [(1, 0), (1, 1), (1, 2), (1, 3), (1, 4), (1, 5), (1, 6), (2, 0), (2, 1), (2, 2), (2, 3), (2, 4)];
/// Format 3 revisions known.
#[cfg(test)]
pub(crate) const KNOWN_V3: [(u8, u8); 1] = [(3, 0)];

/// Decodes a table. A table shorter than its header, or than its revision's struct, or
/// whose `structure_size` disagrees with its length, is an error.
pub(crate) fn parse(data: &[u8]) -> Result<Table, ParseError> {
    if data.len() < 4 {
        return Err(ParseError::malformed("gpu_metrics shorter than its header"));
    }
    let size = usize::from(u16::from_le_bytes([data[0], data[1]]));
    let (format, content) = (data[2], data[3]);
    let mut t = Table { format_revision: format, content_revision: content, ..Table::default() };
    if size < 4 || size > data.len() {
        return Err(ParseError::invalid("structure_size"));
    }
    let Some(members) = layout(format, content) else { return Ok(t) };
    let (placed, struct_size) = place(&members);
    if size < struct_size {
        return Err(ParseError::invalid("structure_size"));
    }
    t.known = true;
    let data = &data[..size];
    // The first element of a member, `None` when absent or all ones (unset).
    let get = |name: &'static str| -> Option<u64> {
        let &(_, ty, _, at) = placed.iter().find(|m| m.0 == name)?;
        let b = data.get(at..at + ty.size())?;
        let (v, ones) = match ty {
            T::U8 => (u64::from(b[0]), 0xff),
            T::U16 => (u64::from(u16::from_le_bytes([b[0], b[1]])), 0xffff),
            T::U32 => (u64::from(u32::from_le_bytes([b[0], b[1], b[2], b[3]])), 0xffff_ffff),
            T::U64 => (u64::from_le_bytes([b[0], b[1], b[2], b[3], b[4], b[5], b[6], b[7]]), u64::MAX),
        };
        (v != ones).then_some(v)
    };
    // The first of `names` the revision has and the firmware set, with its name.
    let pick = |names: &[&'static str]| names.iter().find_map(|&n| get(n).map(|v| (n, v)));
    let val = |v: Option<u64>| v.map_or(Val::Absent, Val::Ok);
    let mut problems = Problems::default();
    let p = &mut problems;
    match format {
        1 => {
            let percent = |v: u64| Some(v as f64).filter(|p| *p <= 100.0);
            let any = |v: u64| Some(v as f64);
            t.temperature_edge = check(p, pick(&["temperature_edge"]), any);
            t.temperature_hotspot = check(p, pick(&["temperature_hotspot"]), any);
            t.temperature_mem = check(p, pick(&["temperature_mem"]), any);
            t.gfx_activity = check(p, pick(&["average_gfx_activity"]), percent);
            t.umc_activity = check(p, pick(&["average_umc_activity"]), percent);
            t.mm_activity = check(p, pick(&["average_mm_activity", "vcn_activity"]), percent);
            t.socket_power = check(p, pick(&["average_socket_power", "curr_socket_power"]), any);
            let bits = if content == 0 { 32 } else { 64 };
            t.energy_accumulator = val(get("energy_accumulator")).map(|e| (e, bits));
            t.gfxclk = val(get("current_gfxclk"));
            t.uclk = val(get("current_uclk"));
            t.vclk = val(get("current_vclk0"));
            t.fan_rpm = val(get("current_fan_speed"));
            // Lanes: 1 to 255 (a u16 member from v1_1 on).
            t.pcie_link_width = check(p, pick(&["pcie_link_width"]), |w| u8::try_from(w).ok().filter(|w| *w > 0));
            t.pcie_link_gen = check(p, pick(&["pcie_link_speed"]), gen_of_decigt);
            t.indep_throttle_status = val(get("indep_throttle_status"));
        }
        _ => {
            let scale = if (format, content) == (2, 4) { 100.0 } else { 1.0 };
            let percent = |v: u64| Some(v as f64 / scale).filter(|p| *p <= 100.0);
            t.temperature_gfx = check(p, pick(&["temperature_gfx"]), |v| Some(v as f64 / 100.0));
            t.gfx_activity = check(p, pick(&["average_gfx_activity"]), percent);
            t.mm_activity = check(p, pick(&["average_mm_activity", "average_vcn_activity"]), percent);
            t.socket_power = check(p, pick(&["average_socket_power"]), |mw| Some(mw as f64 / 1000.0));
            t.gfxclk = val(get("current_gfxclk").or_else(|| get("average_gfxclk_frequency")));
            t.uclk = val(get("current_uclk").or_else(|| get("average_uclk_frequency")));
            t.vclk = val(get("current_vclk").or_else(|| get("average_vclk_frequency")));
            t.indep_throttle_status = val(get("indep_throttle_status"));
        }
    }
    t.problems = problems;
    Ok(t)
}

/// A member's value through `ok`: `Absent` when the revision lacks it or the firmware left
/// it unset (`None`), `Bad` with a problem naming the member and quoting its raw value
/// when `ok` refuses it (out of its range).
fn check<U>(problems: &mut Problems, member: Option<(&'static str, u64)>, ok: impl FnOnce(u64) -> Option<U>) -> Val<U> {
    match member {
        None => Val::Absent,
        Some((name, v)) => problems.take(ok(v).ok_or_else(|| ParseError::bad(name, v.to_string().as_bytes()))),
    }
}

/// A PCIe rate in 0.1 GT/s (`160`) as a generation.
fn gen_of_decigt(v: u64) -> Option<u8> {
    match v {
        25 => Some(1),
        50 => Some(2),
        80 => Some(3),
        160 => Some(4),
        320 => Some(5),
        640 => Some(6),
        _ => None,
    }
}

/// Test and fuzz-corpus support: a table of a known revision with every member set to
/// `fill(name, index)` (`None` leaves it all ones, as the driver does).
#[cfg(test)]
pub(crate) fn encode(format: u8, content: u8, fill: impl Fn(&str, usize) -> Option<u64>) -> Option<Vec<u8>> {
    let members = layout(format, content)?;
    let (placed, size) = place(&members);
    let mut out = vec![0xffu8; size];
    for (name, ty, n, at) in placed {
        for i in 0..n {
            let v = match name {
                "structure_size" => size as u64,
                "format_revision" => u64::from(format),
                "content_revision" => u64::from(content),
                "padding" | "padding1" => 0,
                _ => match fill(name, i) {
                    Some(v) => v,
                    None => continue,
                },
            };
            let at = at + i * ty.size();
            out[at..at + ty.size()].copy_from_slice(&v.to_le_bytes()[..ty.size()]);
        }
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The sizes of the kernel's structs (`sizeof(struct gpu_metrics_vX_Y)` on x86-64, from a C
    /// build of the structs of kgd_pp_interface.h).
    #[test]
    fn sizes_match_the_kernel_structs() {
        for (rev, size) in [
            ((1, 0), 80),
            ((1, 1), 96),
            ((1, 2), 104),
            ((1, 3), 120),
            ((1, 4), 288),
            ((1, 5), 360),
            ((1, 6), 384),
            ((2, 0), 120),
            ((2, 1), 120),
            ((2, 2), 128),
            ((2, 3), 152),
            ((2, 4), 168),
            ((3, 0), 264),
        ] {
            assert_eq!(size_of(rev.0, rev.1), Some(size), "gpu_metrics_v{}_{}", rev.0, rev.1);
        }
    }

    fn rdna(name: &str, _: usize) -> Option<u64> {
        Some(match name {
            "temperature_edge" => 45,
            "temperature_hotspot" => 58,
            "temperature_mem" => 62,
            "average_gfx_activity" => 37,
            "average_umc_activity" => 12,
            "average_mm_activity" => 3,
            "average_socket_power" => 41,
            "energy_accumulator" => 3 << 16,
            "current_gfxclk" => 2155,
            "current_uclk" => 1000,
            "current_vclk0" => 1147,
            "current_fan_speed" => 1187,
            "pcie_link_width" => 16,
            "pcie_link_speed" => 160,
            "indep_throttle_status" => 1 << 35,
            _ => return None,
        })
    }

    #[test]
    fn v1_3_of_an_rdna_card() {
        let t = parse(&encode(1, 3, rdna).unwrap()).unwrap();
        assert!(t.known);
        assert_eq!(
            (t.temperature_edge, t.temperature_hotspot, t.temperature_mem),
            (Val::Ok(45.0), Val::Ok(58.0), Val::Ok(62.0))
        );
        assert_eq!((t.gfx_activity, t.umc_activity, t.mm_activity), (Val::Ok(37.0), Val::Ok(12.0), Val::Ok(3.0)));
        assert_eq!((t.socket_power, t.energy_accumulator), (Val::Ok(41.0), Val::Ok((3 << 16, 64))));
        assert_eq!((t.gfxclk, t.uclk, t.vclk, t.fan_rpm), (Val::Ok(2155), Val::Ok(1000), Val::Ok(1147), Val::Ok(1187)));
        assert_eq!(
            (t.pcie_link_width, t.pcie_link_gen, t.indep_throttle_status),
            (Val::Ok(16), Val::Ok(4), Val::Ok(1 << 35))
        );
    }

    #[test]
    fn every_revision_decodes_its_own_fields_and_leaves_unset_ones_absent() {
        for (f, c) in KNOWN.into_iter().chain(KNOWN_V3) {
            let set = parse(
                &encode(f, c, |name, _| if name.starts_with("average_gfx_activity") { Some(50) } else { Some(7) })
                    .unwrap(),
            )
            .unwrap();
            assert!(set.known, "{f}.{c}");
            assert!(set.gfx_activity.is_ok(), "{f}.{c}: gfx activity");
            let unset = parse(&encode(f, c, |_, _| None).unwrap()).unwrap();
            assert_eq!(
                unset,
                Table { format_revision: f, content_revision: c, known: true, ..Table::default() },
                "{f}.{c}"
            );
        }
    }

    #[test]
    fn apu_units() {
        let t = parse(
            &encode(2, 4, |n, _| match n {
                "temperature_gfx" => Some(4650),
                "average_gfx_activity" => Some(2500),
                "average_socket_power" => Some(12_500),
                "current_gfxclk" => Some(1600),
                _ => None,
            })
            .unwrap(),
        )
        .unwrap();
        assert_eq!(
            (t.temperature_gfx, t.gfx_activity, t.socket_power, t.gfxclk),
            (Val::Ok(46.5), Val::Ok(25.0), Val::Ok(12.5), Val::Ok(1600))
        );
        let t = parse(&encode(2, 1, |n, _| (n == "average_gfx_activity").then_some(25)).unwrap()).unwrap();
        assert_eq!(t.gfx_activity, Val::Ok(25.0));
    }

    #[test]
    fn mi300_v1_5() {
        let t = parse(
            &encode(1, 5, |n, i| match (n, i) {
                ("temperature_hotspot", _) => Some(41),
                ("curr_socket_power", _) => Some(128),
                ("vcn_activity", 0) => Some(0),
                ("current_gfxclk", 0) => Some(132),
                ("current_uclk", _) => Some(900),
                ("energy_accumulator", _) => Some(1_000_000_000),
                _ => None,
            })
            .unwrap(),
        )
        .unwrap();
        assert_eq!(
            (t.temperature_edge, t.temperature_hotspot, t.socket_power),
            (Val::Absent, Val::Ok(41.0), Val::Ok(128.0))
        );
        assert_eq!((t.gfxclk, t.uclk, t.mm_activity), (Val::Ok(132), Val::Ok(900), Val::Ok(0.0)));
    }

    #[test]
    fn unknown_revision_and_bad_tables() {
        let t = parse(&[8, 0, 1, 9, 0, 0, 0, 0]).unwrap();
        assert_eq!((t.known, t.format_revision, t.content_revision), (false, 1, 9));
        assert!(parse(&[1, 2]).is_err());
        assert!(parse(&[200, 0, 1, 3]).is_err(), "structure_size past the end");
        let mut short = encode(1, 3, rdna).unwrap();
        short[0] = 100;
        assert!(parse(&short).is_err(), "structure_size below the struct");
        let mut t = encode(1, 3, rdna).unwrap();
        t.truncate(60);
        assert!(parse(&t).is_err());
    }

    /// The one-field corruption property for a binary table (docs/field-isolation.md):
    /// for every known revision, each member alone (the first and last element of an
    /// array) set to all ones (unset), zero, the largest set value and an out-of-range
    /// percentage still decodes the table, and changes at most the one field that member
    /// gives; every other field is exactly what the valid table gave. Unset is `Absent`
    /// with no problem; a field that became `Bad` has exactly one problem, naming the
    /// member and quoting its raw value; a table without a `Bad` field has none.
    #[test]
    fn one_field_corruption() {
        use crate::parse::corrupt::listing;
        let show = |t: &Table| {
            listing!(t; format_revision, content_revision, known, temperature_edge, temperature_hotspot,
                temperature_mem, temperature_gfx, gfx_activity, umc_activity, mm_activity, socket_power,
                energy_accumulator, gfxclk, uclk, vclk, fan_rpm, pcie_link_width, pcie_link_gen,
                indep_throttle_status)
        };
        // A value every member can hold and the decoder keeps (a percentage below 1 %
        // even at centi-% scale, a PCIe rate that is a generation).
        let valid = |name: &str| match name {
            "pcie_link_speed" => 160,
            "pcie_link_width" => 16,
            _ => 7,
        };
        let mut bad_fields = 0;
        for (f, c) in KNOWN.into_iter().chain(KNOWN_V3) {
            let base = parse(&encode(f, c, |n, _| Some(valid(n))).unwrap()).unwrap();
            assert!(base.problems.is_empty(), "v{f}_{c}: {:?}", base.problems);
            let base = show(&base);
            let (placed, _) = place(&layout(f, c).unwrap());
            for &(member, ty, n, _) in &placed {
                if matches!(member, "structure_size" | "format_revision" | "content_revision" | "padding" | "padding1")
                {
                    continue;
                }
                let ones = match ty {
                    T::U8 => 0xff,
                    T::U16 => 0xffff,
                    T::U32 => 0xffff_ffff,
                    T::U64 => u64::MAX,
                };
                for index in [0, n - 1] {
                    for bad in [ones, 0, ones - 1, 10_100 & ones, 101] {
                        let table =
                            encode(f, c, |m, i| Some(if (m, i) == (member, index) { bad } else { valid(m) })).unwrap();
                        let got = parse(&table)
                            .unwrap_or_else(|e| panic!("v{f}_{c} {member}[{index}] = {bad:#x}: the table failed: {e}"));
                        let problems: Vec<_> =
                            got.problems.iter().map(|p| (p.field(), p.raw().map(str::to_owned))).collect();
                        let got = show(&got);
                        let changed: Vec<_> = base
                            .iter()
                            .zip(&got)
                            .filter(|(a, b)| a != b)
                            .map(|((name, a), (_, b))| format!("{name}: {a} -> {b}"))
                            .collect();
                        assert!(changed.len() <= 1, "v{f}_{c} {member}[{index}] = {bad:#x} changed {changed:?}");
                        // Unset is absent, never a value, and no problem.
                        assert!(
                            bad != ones || (changed.iter().all(|c| c.ends_with("-> Absent")) && problems.is_empty()),
                            "v{f}_{c} {member}[{index}] unset: {changed:?} {problems:?}"
                        );
                        // Out of range is `Bad` with its warning: the member and its raw value.
                        let quoted = Some(crate::error::quote(bad.to_string().as_bytes()).into_string());
                        if changed.iter().any(|c| c.ends_with("-> Bad")) {
                            assert_eq!(problems, [(Some(member), quoted)], "v{f}_{c} {member}[{index}] = {bad:#x}");
                            bad_fields += 1;
                        } else {
                            assert!(problems.is_empty(), "v{f}_{c} {member}[{index}] = {bad:#x}: {problems:?}");
                        }
                    }
                }
            }
        }
        // Activities above 100 %, link widths of 0 and rates that are no generation.
        assert!(bad_fields > 0);
    }

    /// Writes the fuzz seeds: a table of every known revision, set and unset, and an
    /// unknown one (`cargo test -p libprobe-core --lib write_gpu_metrics_seeds -- --ignored`).
    #[test]
    #[ignore]
    fn write_gpu_metrics_seeds() {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../fuzz/corpus/gpu_metrics");
        std::fs::create_dir_all(&dir).unwrap();
        for (f, c) in KNOWN.into_iter().chain(KNOWN_V3) {
            let set = encode(f, c, |name, i| Some((name.len() as u64 * 7 + i as u64) % 101)).unwrap();
            std::fs::write(dir.join(format!("rev_{f}_{c}_set")), set).unwrap();
            std::fs::write(dir.join(format!("rev_{f}_{c}_unset")), encode(f, c, |_, _| None).unwrap()).unwrap();
        }
        std::fs::write(dir.join("rev_1_9_unknown"), [8, 0, 1, 9, 1, 2, 3, 4]).unwrap();
    }
}
