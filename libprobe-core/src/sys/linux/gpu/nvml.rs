//! NVIDIA GPUs through NVML (nvml-wrapper 0.13, `libnvidia-ml.so.1` opened at run time).
//!
//! The library is opened on a probe's first snapshot and kept in the domain state until
//! the probe is dropped (nvml-wrapper's `Drop` calls `nvmlShutdown` and closes it). A
//! library that cannot be opened, or a driver that is not loaded, means no NVIDIA GPU
//! here; the attempt is repeated at most once a minute, so a driver loaded later is found.
//!
//! Each NVML answer maps to its field: `NOT_SUPPORTED` and a missing symbol →
//! `not_supported`, `NO_PERMISSION` → `permission_denied`, `GPU_IS_LOST` → the whole GPU
//! `failed`; anything unexpected is `error` with a warning. What nvml-wrapper does not
//! wrap is called through its symbol table (`Nvml::lib`): MIG instance ids, the
//! temperature margin, row remapping, and the process lists, which are read with a guard
//! against the `_v3` struct change of early R535 drivers (see [`processes`]).

use std::collections::HashMap;
use std::ffi::OsStr;
use std::os::raw::c_uint;

use nvml_wrapper::Device;
use nvml_wrapper::Nvml;
use nvml_wrapper::enum_wrappers::device::{
    Clock, ComputeMode as NvComputeMode, EccCounter, MemoryError, PcieUtilCounter, PerformanceState, RetirementCause,
    TemperatureSensor, TemperatureThreshold,
};
use nvml_wrapper::enum_wrappers::nv_link::ErrorCounter;
use nvml_wrapper::error::{NvmlError, nvml_try};
use nvml_wrapper::structs::device::FieldId;
use nvml_wrapper_sys::bindings::{
    nvmlDevice_t, nvmlMarginTemperature_t, nvmlProcessInfo_t, nvmlReturn_enum_NVML_ERROR_INSUFFICIENT_SIZE,
    nvmlReturn_enum_NVML_SUCCESS, nvmlReturn_t,
};

use super::names::Names;
use super::{EnergyCounter, Gpu};
use crate::domain::Cx;
use crate::gpu::{
    ClockEventReasons, ComputeCapability, ComputeMode, GpuMetrics, GpuOptions, GpuProcess, GpuProcessType, GpuVendor,
    MigDevice, NvLink,
};
use crate::model::{Field, Reason, Warnings};

/// How often a probe tries again to open NVML after it could not.
const RETRY_NS: u64 = 60_000_000_000;
/// NVLinks per GPU (`NVML_NVLINK_MAX_LINKS`).
const MAX_LINKS: u32 = 18;
/// `NVML_FI_DEV_MEMORY_TEMP`, `NVML_FI_DEV_POWER_INSTANT` (nvml.h field ids).
const FI_MEMORY_TEMP: u32 = 82;
const FI_POWER_INSTANT: u32 = 186;
/// `NVML_VALUE_NOT_AVAILABLE` as an unsigned value.
const NOT_AVAILABLE: u32 = 0xFFFF_FFFF;

/// NVML as the domain state keeps it.
#[derive(Default)]
pub(crate) enum Nvidia {
    #[default]
    Untried,
    Open(Box<Open>),
    /// NVML could not be used; tried again at `retry_at_ns` (CLOCK_MONOTONIC).
    Unavailable {
        reason: Reason,
        retry_at_ns: u64,
    },
}

impl std::fmt::Debug for Nvidia {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Nvidia::Untried => f.write_str("Untried"),
            Nvidia::Open(o) => write!(f, "Open({:?})", o.driver_version),
            Nvidia::Unavailable { reason, retry_at_ns } => write!(f, "Unavailable({reason}, retry at {retry_at_ns})"),
        }
    }
}

/// An initialised NVML and what the probe remembers of it.
pub(crate) struct Open {
    nvml: Nvml,
    driver_version: Field<String>,
    /// The newest per-process utilisation sample seen, per GPU uuid (NVML returns the
    /// samples newer than the time it is given).
    last_sample_us: HashMap<String, u64>,
    /// Warned once that `_v3` process lists came with the larger R535 struct.
    warned_stride: bool,
}

/// What the NVIDIA part of a snapshot found.
pub(crate) enum Found {
    Gpus(Vec<Gpu>),
    /// No NVIDIA GPU to report, and why (`not_present`: no library or no driver).
    None(Reason),
}

/// The NVML library to open, or `None` when NVML is not to be used.
fn library(cx: &Cx<'_>, opts: &GpuOptions) -> Option<(std::ffi::OsString, bool)> {
    if !opts.nvml {
        return None;
    }
    if let Some(p) = &opts.nvml_library {
        return Some((p.as_os_str().to_owned(), true));
    }
    if let Some(v) = std::env::var_os("LIBPROBE_NVML_LIBRARY").filter(|v| !v.is_empty()) {
        return Some((v, true));
    }
    // A fixture describes another machine: never this one's GPUs.
    if cx.src().is_fixture() {
        return None;
    }
    Some(("libnvidia-ml.so.1".into(), false))
}

/// Opens NVML: `Err` with the reason there is none, warning when the failure is not
/// simply "no NVIDIA driver here".
fn open(path: &OsStr, explicit: bool, w: &mut Warnings) -> Result<Open, Reason> {
    let shown = path.to_string_lossy();
    match Nvml::builder().lib_path(path).init() {
        Ok(nvml) => {
            // nvml-wrapper's `Drop` calls `nvmlShutdown` through a symbol it expects to
            // exist: a library without it is kept open, never dropped (once per probe: the
            // state does not retry it).
            if nvml.lib().nvmlShutdown.is_err() {
                std::mem::forget(nvml);
                w.push(format!("NVML: {shown} has no nvmlShutdown: not an NVML library"));
                return Err(Reason::NotSupported);
            }
            let driver_version = match nvml.sys_driver_version() {
                Ok(v) => Field::Value(v),
                Err(e) => Field::Missing(reason_of(&e, "driver version", w)),
            };
            Ok(Open { nvml, driver_version, last_sample_us: HashMap::new(), warned_stride: false })
        }
        // No such library (dlopen failed): no NVIDIA driver installed.
        Err(NvmlError::LibloadingError(e)) => {
            if explicit {
                w.push(format!("NVML: cannot open {shown}: {e}"));
            }
            Err(Reason::NotPresent)
        }
        Err(NvmlError::FailedToLoadSymbol(_)) => {
            w.push(format!("NVML: {shown} has no nvmlInit_v2: not an NVML library"));
            Err(Reason::NotSupported)
        }
        Err(NvmlError::DriverNotLoaded) => Err(Reason::NotPresent),
        Err(NvmlError::NoPermission) => Err(Reason::PermissionDenied),
        Err(e) => {
            w.push(format!("NVML: nvmlInit_v2 of {shown} failed: {e}"));
            Err(Reason::Error)
        }
    }
}

/// The reason a failed NVML call leaves its field with (warning when unexpected).
fn reason_of(e: &NvmlError, what: &str, w: &mut Warnings) -> Reason {
    match e {
        NvmlError::NotSupported | NvmlError::FunctionNotFound | NvmlError::FailedToLoadSymbol(_) => {
            Reason::NotSupported
        }
        NvmlError::NoPermission => Reason::PermissionDenied,
        NvmlError::NotFound | NvmlError::NoData => Reason::NotPresent,
        NvmlError::Timeout => {
            w.push(format!("NVML {what}: timed out"));
            Reason::TimedOut
        }
        e => {
            w.push(format!("NVML {what}: {e}"));
            Reason::Error
        }
    }
}

pub(crate) fn collect(cx: &mut Cx<'_>, opts: &GpuOptions, state: &mut Nvidia, names: &mut Names<'_>) -> Found {
    let Some((path, explicit)) = library(cx, opts) else {
        *state = Nvidia::Untried;
        return Found::None(if opts.nvml { Reason::NotPresent } else { Reason::Disabled });
    };
    let now = cx.now().monotonic_ns;
    match state {
        // A library that is not NVML is not tried again; a missing one or a driver that is
        // not loaded, once a minute.
        Nvidia::Unavailable { reason, retry_at_ns } if now < *retry_at_ns || *reason == Reason::NotSupported => {
            return Found::None(*reason);
        }
        Nvidia::Open(_) => {}
        _ => match open(&path, explicit, cx.warnings()) {
            Ok(o) => *state = Nvidia::Open(Box::new(o)),
            Err(reason) => {
                *state = Nvidia::Unavailable { reason, retry_at_ns: now.saturating_add(RETRY_NS) };
                return Found::None(reason);
            }
        },
    }
    let Nvidia::Open(open) = state else { return Found::None(Reason::NotPresent) };
    let count = match open.nvml.device_count() {
        Ok(n) => n,
        Err(e) => {
            let r = reason_of(&e, "device count", cx.warnings());
            return Found::None(r);
        }
    };
    // nvml-wrapper is Rust over C: a panic in it must not take the snapshot down.
    let gpus = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        (0..count.min(256)).map(|i| device(cx, opts, open, names, i)).collect::<Vec<_>>()
    }));
    match gpus {
        Ok(g) => Found::Gpus(g),
        Err(_) => {
            cx.warn("NVML: the NVIDIA part of the snapshot panicked and was dropped");
            Found::None(Reason::Error)
        }
    }
}

/// Reads one device's fields, noting whether it was lost.
struct Reader<'w> {
    w: &'w mut Warnings,
    index: u32,
    lost: Option<String>,
}

impl Reader<'_> {
    fn reason(&mut self, what: &str, e: NvmlError) -> Reason {
        if let NvmlError::GpuLost = e {
            self.lost.get_or_insert_with(|| format!("GPU is lost (NVML_ERROR_GPU_IS_LOST reading {what})"));
            return Reason::Error;
        }
        let what = format!("{what} of GPU {}", self.index);
        reason_of(&e, &what, self.w)
    }

    fn get<T>(&mut self, what: &str, r: Result<T, NvmlError>) -> Field<T> {
        match r {
            Ok(v) => Field::Value(v),
            Err(e) => Field::Missing(self.reason(what, e)),
        }
    }

    /// A value NVML gives in an unsigned type, narrowed to the record's (a value that does
    /// not fit is an error, never clamped).
    fn narrow<T: TryFrom<u32>>(&mut self, what: &str, r: Result<u32, NvmlError>) -> Field<T> {
        match self.get(what, r) {
            Field::Value(v) => match T::try_from(v) {
                Ok(v) => Field::Value(v),
                Err(_) => {
                    self.w.push(format!("NVML {what} of GPU {}: {v} is out of range", self.index));
                    Field::Missing(Reason::Error)
                }
            },
            Field::Missing(r) => Field::Missing(r),
        }
    }
}

fn watts(mw: u32) -> f64 {
    f64::from(mw) / 1000.0
}

/// NVML's `00000000:00:06.0` as the kernel writes it: `0000:00:06.0`.
pub(crate) fn kernel_bus_id(nvml: &str) -> String {
    let id = nvml.trim().to_ascii_lowercase();
    match id.split_once(':') {
        Some((domain, rest)) if domain.len() == 8 && domain.starts_with("0000") => format!("{}:{rest}", &domain[4..]),
        _ => id,
    }
}

fn device(cx: &mut Cx<'_>, opts: &GpuOptions, open: &mut Open, names: &mut Names<'_>, index: u32) -> Gpu {
    let mut g = GpuMetrics::unknown(index, GpuVendor::Nvidia, "nvidia");
    g.driver_version = open.driver_version.clone();
    let dev = match open.nvml.device_by_index(index) {
        Ok(d) => d,
        Err(e) => {
            let msg = match &e {
                NvmlError::GpuLost => format!("GPU is lost (NVML_ERROR_GPU_IS_LOST opening GPU {index})"),
                e => format!("NVML could not open GPU {index}: {e}"),
            };
            let reason = match e {
                NvmlError::NoPermission => Reason::PermissionDenied,
                _ => Reason::Error,
            };
            cx.warn(&msg);
            return Gpu { metrics: g.into_failed(reason, msg), energy: None };
        }
    };
    let mut r = Reader { w: cx.warnings(), index, lost: None };
    g.uuid = r.get("uuid", dev.uuid());
    g.name = r.get("name", dev.name());
    let pci = r.get("PCI info", dev.pci_info());
    g.pci_bus_id = pci.as_ref().map(|p| kernel_bus_id(&p.bus_id));
    g.pci_device_id = pci.as_ref().map(|p| format!("{:04x}:{:04x}", p.pci_device_id & 0xffff, p.pci_device_id >> 16));
    if r.lost.is_some() {
        let msg = r.lost.take().unwrap_or_default();
        cx.warn(format!("GPU {index}: {msg}"));
        return Gpu { metrics: g.into_failed(Reason::Error, msg), energy: None };
    }
    g.serial = r.get("serial", dev.serial());
    g.vbios_version = r.get("VBIOS version", dev.vbios_version());
    g.persistence_mode = r.get("persistence mode", dev.is_in_persistent_mode());

    let util = r.get("utilization", dev.utilization_rates());
    g.utilization_gpu = util.as_ref().map(|u| f64::from(u.gpu));
    g.utilization_memory = util.map(|u| f64::from(u.memory));
    g.utilization_encoder = r.get("encoder utilization", dev.encoder_utilization()).map(|u| f64::from(u.utilization));
    g.utilization_decoder = r.get("decoder utilization", dev.decoder_utilization()).map(|u| f64::from(u.utilization));

    let mem = r.get("memory info", dev.memory_info());
    g.memory_total = mem.as_ref().map(|m| m.total);
    g.memory_used = mem.as_ref().map(|m| m.used);
    g.memory_free = mem.as_ref().map(|m| m.free);
    g.memory_reserved = mem.as_ref().map(|m| m.reserved);

    g.temperature_gpu = r.get("temperature", dev.temperature(TemperatureSensor::Gpu)).map(f64::from);
    g.temperature_slowdown =
        r.get("slowdown temperature", dev.temperature_threshold(TemperatureThreshold::Slowdown)).map(f64::from);
    g.temperature_shutdown =
        r.get("shutdown temperature", dev.temperature_threshold(TemperatureThreshold::Shutdown)).map(f64::from);
    g.temperature_margin = margin_temperature(&open.nvml, &dev, &mut r);
    let fields = r.get("field values", dev.field_values_for(&[FieldId(FI_MEMORY_TEMP), FieldId(FI_POWER_INSTANT)]));
    let field = |r: &mut Reader<'_>, i: usize, what: &str| -> Field<f64> {
        match &fields {
            Field::Value(v) => match v.get(i) {
                Some(Ok(s)) => match &s.value {
                    Ok(v) => Field::Value(sample_f64(v)),
                    Err(e) => Field::Missing(r.reason(what, clone_err(e))),
                },
                Some(Err(e)) => Field::Missing(r.reason(what, clone_err(e))),
                None => Field::Missing(Reason::NotSupported),
            },
            Field::Missing(m) => Field::Missing(*m),
        }
    };
    g.temperature_memory = field(&mut r, 0, "memory temperature");
    g.power_draw_instant = field(&mut r, 1, "instant power").map(|mw| mw / 1000.0);

    g.power_draw = r.get("power usage", dev.power_usage()).map(watts);
    g.power_limit = r.get("power limit", dev.power_management_limit()).map(watts);
    g.power_default_limit = r.get("default power limit", dev.power_management_limit_default()).map(watts);
    let constraints = r.get("power limit constraints", dev.power_management_limit_constraints());
    g.power_min_limit = constraints.as_ref().map(|c| watts(c.min_limit));
    g.power_max_limit = constraints.map(|c| watts(c.max_limit));
    g.power_enforced_limit = r.get("enforced power limit", dev.enforced_power_limit()).map(watts);
    g.power_state = match r.get("performance state", dev.performance_state()) {
        Field::Value(PerformanceState::Unknown) => Field::Missing(Reason::NotSupported),
        f => f.map(pstate),
    };

    let clock = |r: &mut Reader<'_>, what, c| r.get(what, dev.clock_info(c)).map(u64::from);
    g.clock_graphics = clock(&mut r, "graphics clock", Clock::Graphics);
    g.clock_sm = clock(&mut r, "SM clock", Clock::SM);
    g.clock_memory = clock(&mut r, "memory clock", Clock::Memory);
    g.clock_video = clock(&mut r, "video clock", Clock::Video);
    let max = |r: &mut Reader<'_>, what, c| r.get(what, dev.max_clock_info(c)).map(u64::from);
    g.clock_max_graphics = max(&mut r, "max graphics clock", Clock::Graphics);
    g.clock_max_sm = max(&mut r, "max SM clock", Clock::SM);
    g.clock_max_memory = max(&mut r, "max memory clock", Clock::Memory);
    g.clock_max_video = max(&mut r, "max video clock", Clock::Video);
    g.clock_event_reasons = r.get("clocks event reasons", dev.current_throttle_reasons()).map(|b| {
        use nvml_wrapper::bitmasks::device::ThrottleReasons as R;
        let on = |f: R| Field::Value(b.contains(f));
        ClockEventReasons {
            gpu_idle: on(R::GPU_IDLE),
            applications_clocks_setting: on(R::APPLICATIONS_CLOCKS_SETTING),
            sw_power_cap: on(R::SW_POWER_CAP),
            hw_slowdown: on(R::HW_SLOWDOWN),
            sync_boost: on(R::SYNC_BOOST),
            sw_thermal_slowdown: on(R::SW_THERMAL_SLOWDOWN),
            hw_thermal_slowdown: on(R::HW_THERMAL_SLOWDOWN),
            hw_power_brake_slowdown: on(R::HW_POWER_BRAKE_SLOWDOWN),
            display_clocks_setting: on(R::DISPLAY_CLOCK_SETTING),
            other: Field::Missing(Reason::NotSupported),
        }
    });

    g.pcie_link_gen_current = r.narrow("PCIe generation", dev.current_pcie_link_gen());
    g.pcie_link_gen_max = r.narrow("max PCIe generation", dev.max_pcie_link_gen());
    g.pcie_link_width_current = r.narrow("PCIe width", dev.current_pcie_link_width());
    g.pcie_link_width_max = r.narrow("max PCIe width", dev.max_pcie_link_width());
    g.pcie_replay_errors = r.get("PCIe replay counter", dev.pcie_replay_counter()).map(u64::from);
    if opts.pcie_throughput {
        g.pcie_tx_throughput = r.get("PCIe TX throughput", dev.pcie_throughput(PcieUtilCounter::Send)).map(u64::from);
        g.pcie_rx_throughput =
            r.get("PCIe RX throughput", dev.pcie_throughput(PcieUtilCounter::Receive)).map(u64::from);
    } else {
        g.pcie_tx_throughput = Field::Missing(Reason::Disabled);
        g.pcie_rx_throughput = Field::Missing(Reason::Disabled);
    }

    g.ecc_enabled = r.get("ECC mode", dev.is_ecc_enabled()).map(|m| m.currently_enabled);
    let ecc = |r: &mut Reader<'_>, what, e, c| r.get(what, dev.total_ecc_errors(e, c));
    g.ecc_errors_corrected = ecc(&mut r, "corrected ECC errors", MemoryError::Corrected, EccCounter::Volatile);
    g.ecc_errors_uncorrected = ecc(&mut r, "uncorrected ECC errors", MemoryError::Uncorrected, EccCounter::Volatile);
    g.ecc_errors_corrected_aggregate =
        ecc(&mut r, "aggregate corrected ECC errors", MemoryError::Corrected, EccCounter::Aggregate);
    g.ecc_errors_uncorrected_aggregate =
        ecc(&mut r, "aggregate uncorrected ECC errors", MemoryError::Uncorrected, EccCounter::Aggregate);
    g.retired_pages_single_bit =
        r.get("retired pages", dev.retired_pages(RetirementCause::MultipleSingleBitEccErrors)).map(|p| p.len() as u64);
    g.retired_pages_double_bit =
        r.get("retired pages", dev.retired_pages(RetirementCause::DoubleBitEccError)).map(|p| p.len() as u64);
    g.retired_pages_pending = r.get("pending retired pages", dev.are_pages_pending_retired());
    remapped_rows(&open.nvml, &dev, &mut r, &mut g);

    let fans = r.get("fan count", dev.num_fans());
    (g.fan_speed, g.fan_speed_rpm) = match fans {
        Field::Value(0) => (Field::Missing(Reason::NotSupported), Field::Missing(Reason::NotSupported)),
        Field::Value(_) => {
            (r.narrow("fan speed", dev.fan_speed(0)), r.get("fan RPM", dev.fan_speed_rpm(0)).map(u64::from))
        }
        Field::Missing(m) => (Field::Missing(m), Field::Missing(m)),
    };
    g.compute_mode = r.get("compute mode", dev.compute_mode()).map(|m| match m {
        NvComputeMode::Default => ComputeMode::Default,
        NvComputeMode::ExclusiveThread => ComputeMode::ExclusiveThread,
        NvComputeMode::Prohibited => ComputeMode::Prohibited,
        NvComputeMode::ExclusiveProcess => ComputeMode::ExclusiveProcess,
    });
    g.compute_capability = match r.get("compute capability", dev.cuda_compute_capability()) {
        Field::Value(c) => match (u8::try_from(c.major), u8::try_from(c.minor)) {
            (Ok(major), Ok(minor)) => Field::Value(ComputeCapability { major, minor }),
            _ => Field::Missing(Reason::Error),
        },
        Field::Missing(m) => Field::Missing(m),
    };

    let energy = if opts.nvml_energy {
        let e = r.get("total energy", dev.total_energy_consumption());
        g.energy_total = e;
        e.ok().map(|mj| EnergyCounter { raw: mj, bits: 64, mj_per_unit: 1.0 })
    } else {
        g.energy_total = Field::Missing(Reason::Disabled);
        g.power_from_energy = Field::Missing(Reason::Disabled);
        None
    };

    g.nvlinks = if opts.nvlink { nvlinks(&dev, &mut r) } else { Field::Missing(Reason::Disabled) };

    let mig = r.get("MIG mode", dev.mig_mode());
    g.mig_mode_current = mig.as_ref().map(|m| m.current == 1);
    g.mig_mode_pending = mig.as_ref().map(|m| m.pending == 1);
    let mig_on = g.mig_mode_current == Field::Value(true);

    let uuid = g.uuid.value().cloned().unwrap_or_default();
    let samples = if opts.process_utilization && !mig_on {
        let last = open.last_sample_us.get(&uuid).copied();
        match dev.process_utilization_stats(last) {
            Ok(s) => {
                if let Some(newest) = s.iter().map(|s| s.timestamp).max() {
                    open.last_sample_us.insert(uuid.clone(), newest);
                }
                Field::Value(s)
            }
            // No sample since the last call.
            Err(NvmlError::NotFound) => Field::Value(Vec::new()),
            Err(e) => Field::Missing(r.reason("process utilization", e)),
        }
    } else if opts.process_utilization {
        Field::Missing(Reason::NotSupported)
    } else {
        Field::Missing(Reason::Disabled)
    };
    let mem_total = g.memory_total.get();
    g.processes = processes(&open.nvml, &dev, &mut r, &mut open.warned_stride, mem_total, names, &samples);
    g.mig_devices = if mig_on {
        mig_devices(&open.nvml, &dev, &mut r, &mut open.warned_stride, names)
    } else {
        Field::Value(Vec::new())
    };
    if mig_on {
        // NVIDIA: device utilisation is not reported for a MIG-enabled GPU.
        for f in [&mut g.utilization_gpu, &mut g.utilization_memory] {
            if f.reason() == Some(Reason::Error) {
                *f = Field::Missing(Reason::NotSupported);
            }
        }
    }

    if let Some(msg) = r.lost.take() {
        cx.warn(format!("GPU {index}: {msg}"));
        return Gpu { metrics: g.into_failed(Reason::Error, msg), energy: None };
    }
    Gpu { metrics: g, energy }
}

fn pstate(p: PerformanceState) -> u8 {
    use PerformanceState as P;
    match p {
        P::Zero => 0,
        P::One => 1,
        P::Two => 2,
        P::Three => 3,
        P::Four => 4,
        P::Five => 5,
        P::Six => 6,
        P::Seven => 7,
        P::Eight => 8,
        P::Nine => 9,
        P::Ten => 10,
        P::Eleven => 11,
        P::Twelve => 12,
        P::Thirteen => 13,
        P::Fourteen => 14,
        P::Fifteen => 15,
        P::Unknown => 32,
    }
}

fn sample_f64(v: &nvml_wrapper::enums::device::SampleValue) -> f64 {
    use nvml_wrapper::enums::device::SampleValue as S;
    match *v {
        S::F64(v) => v,
        S::U32(v) => f64::from(v),
        S::U64(v) => v as f64,
        S::I64(v) => v as f64,
    }
}

/// The NVML error kinds the field-value path can return, copied (NvmlError is not Clone).
fn clone_err(e: &NvmlError) -> NvmlError {
    match e {
        NvmlError::NotSupported => NvmlError::NotSupported,
        NvmlError::NoPermission => NvmlError::NoPermission,
        NvmlError::GpuLost => NvmlError::GpuLost,
        NvmlError::NotFound => NvmlError::NotFound,
        NvmlError::NoData => NvmlError::NoData,
        NvmlError::Timeout => NvmlError::Timeout,
        NvmlError::InvalidArg => NvmlError::InvalidArg,
        NvmlError::UnexpectedVariant(v) => NvmlError::UnexpectedVariant(*v),
        _ => NvmlError::Unknown,
    }
}

/// `nvmlDeviceGetMarginTemperature` (not wrapped by nvml-wrapper 0.13).
fn margin_temperature(nvml: &Nvml, dev: &Device<'_>, r: &mut Reader<'_>) -> Field<f64> {
    let Ok(f) = nvml.lib().nvmlDeviceGetMarginTemperature.as_ref() else { return Field::Missing(Reason::NotSupported) };
    // nvmlMarginTemperature_v1: NVML_STRUCT_VERSION(MarginTemperature, 1).
    let mut m = nvmlMarginTemperature_t {
        version: (std::mem::size_of::<nvmlMarginTemperature_t>() as c_uint) | (1 << 24),
        marginTemperature: 0,
    };
    // SAFETY: `dev.handle()` is a live handle of this NVML; `m` is the versioned struct
    // the call fills.
    let rc = unsafe { f(dev.handle(), &mut m) };
    r.get("margin temperature", nvml_try(rc)).map(|_| f64::from(m.marginTemperature))
}

/// `nvmlDeviceGetRemappedRows` (not wrapped by nvml-wrapper 0.13).
fn remapped_rows(nvml: &Nvml, dev: &Device<'_>, r: &mut Reader<'_>, g: &mut GpuMetrics) {
    let Ok(f) = nvml.lib().nvmlDeviceGetRemappedRows.as_ref() else { return };
    let (mut corr, mut unc, mut pending, mut failure): (c_uint, c_uint, c_uint, c_uint) = (0, 0, 0, 0);
    // SAFETY: a live handle and four out-parameters of the documented type.
    let rc = unsafe { f(dev.handle(), &mut corr, &mut unc, &mut pending, &mut failure) };
    match r.get("remapped rows", nvml_try(rc)) {
        Field::Value(()) => {
            g.remapped_rows_correctable = Field::Value(u64::from(corr));
            g.remapped_rows_uncorrectable = Field::Value(u64::from(unc));
            g.remapped_rows_pending = Field::Value(pending != 0);
            g.remapped_rows_failure = Field::Value(failure != 0);
        }
        Field::Missing(m) => {
            g.remapped_rows_correctable = Field::Missing(m);
            g.remapped_rows_uncorrectable = Field::Missing(m);
            g.remapped_rows_pending = Field::Missing(m);
            g.remapped_rows_failure = Field::Missing(m);
        }
    }
}

fn nvlinks(dev: &Device<'_>, r: &mut Reader<'_>) -> Field<Vec<NvLink>> {
    let mut links = Vec::new();
    for link in 0..MAX_LINKS {
        let l = dev.link_wrapper_for(link);
        let active = match l.is_active() {
            Ok(a) => Field::Value(a),
            // A GPU without NVLink says so on link 0; a link number past the GPU's last
            // is an invalid argument.
            Err(NvmlError::NotSupported | NvmlError::InvalidArg | NvmlError::FailedToLoadSymbol(_)) => {
                if link == 0 {
                    return Field::Missing(Reason::NotSupported);
                }
                continue;
            }
            Err(e) => Field::Missing(r.reason("NVLink state", e)),
        };
        let counter = |r: &mut Reader<'_>, c| r.get("NVLink error counter", l.error_counter(c));
        links.push(NvLink {
            link,
            active,
            version: r.get("NVLink version", l.version()),
            remote_pci_bus_id: r.get("NVLink remote PCI info", l.remote_pci_info()).map(|p| kernel_bus_id(&p.bus_id)),
            errors_replay: counter(r, ErrorCounter::DlReplay),
            errors_recovery: counter(r, ErrorCounter::DlRecovery),
            errors_crc_flit: counter(r, ErrorCounter::DlCrcFlit),
            errors_crc_data: counter(r, ErrorCounter::DlCrcData),
        });
    }
    Field::Value(links)
}

fn mig_devices(
    nvml: &Nvml,
    dev: &Device<'_>,
    r: &mut Reader<'_>,
    warned: &mut bool,
    names: &mut Names<'_>,
) -> Field<Vec<MigDevice>> {
    let max = match r.get("MIG device count", dev.mig_device_count()) {
        Field::Value(n) => n.min(64),
        Field::Missing(m) => return Field::Missing(m),
    };
    let mut out = Vec::new();
    for index in 0..max {
        let mig = match dev.mig_device_by_index(index) {
            Ok(m) => m,
            // An empty slot.
            Err(NvmlError::NotFound | NvmlError::InvalidArg) => continue,
            Err(e) => {
                let reason = r.reason("MIG device", e);
                return Field::Missing(reason);
            }
        };
        let id = |r: &mut Reader<'_>,
                  what,
                  sym: Option<&unsafe extern "C" fn(nvmlDevice_t, *mut c_uint) -> nvmlReturn_t>| {
            let Some(f) = sym else { return Field::Missing(Reason::NotSupported) };
            let mut v: c_uint = 0;
            // SAFETY: a live MIG device handle and one out-parameter.
            let rc = unsafe { f(mig.handle(), &mut v) };
            r.get(what, nvml_try(rc)).map(|_| v)
        };
        let gpu_instance_id = id(r, "GPU instance id", nvml.lib().nvmlDeviceGetGpuInstanceId.as_ref().ok());
        let compute_instance_id = id(r, "compute instance id", nvml.lib().nvmlDeviceGetComputeInstanceId.as_ref().ok());
        let mem = r.get("MIG memory info", mig.memory_info());
        let total = mem.as_ref().map(|m| m.total).get();
        out.push(MigDevice {
            index,
            uuid: r.get("MIG uuid", mig.uuid()),
            gpu_instance_id,
            compute_instance_id,
            memory_total: mem.as_ref().map(|m| m.total),
            memory_used: mem.as_ref().map(|m| m.used),
            memory_free: mem.as_ref().map(|m| m.free),
            processes: processes(nvml, &mig, r, warned, total, names, &Field::Missing(Reason::NotSupported)),
        });
    }
    Field::Value(out)
}

/// One entry of a process list, whichever struct it came in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Entry {
    pub pid: u32,
    pub used_memory: u64,
    pub gpu_instance_id: u32,
    pub compute_instance_id: u32,
}

/// The entries of a `_v3` process list buffer read with `stride` bytes per entry.
pub(crate) fn decode(buf: &[u8], count: usize, stride: usize) -> Option<Vec<Entry>> {
    (0..count)
        .map(|i| {
            let e = buf.get(i * stride..i * stride + 24)?;
            let u32_at = |o: usize| u32::from_ne_bytes([e[o], e[o + 1], e[o + 2], e[o + 3]]);
            let u64_at = |o: usize| u64::from_ne_bytes(e[o..o + 8].try_into().unwrap_or_default());
            Some(Entry {
                pid: u32_at(0),
                used_memory: u64_at(8),
                gpu_instance_id: u32_at(16),
                compute_instance_id: u32_at(20),
            })
        })
        .collect()
}

/// Whether entries look like real processes: pids in the kernel's range and distinct,
/// memory within the GPU's, instance ids unset or small. A list read with the wrong
/// stride fails this (its second entry starts inside the first's extra field).
pub(crate) fn plausible(entries: &[Entry], mem_total: Option<u64>) -> bool {
    const PID_MAX_LIMIT: u32 = 4 * 1024 * 1024;
    let mut pids: Vec<u32> = entries.iter().map(|e| e.pid).collect();
    pids.sort_unstable();
    pids.dedup();
    pids.len() == entries.len()
        && entries.iter().all(|e| {
            (1..=PID_MAX_LIMIT).contains(&e.pid)
                && (e.used_memory == u64::MAX || e.used_memory <= mem_total.unwrap_or(1 << 50))
                && (e.gpu_instance_id == NOT_AVAILABLE || e.gpu_instance_id < 1024)
                && (e.compute_instance_id == NOT_AVAILABLE || e.compute_instance_id < 1024)
        })
}

type ListFn = unsafe extern "C" fn(nvmlDevice_t, *mut c_uint, *mut nvmlProcessInfo_t) -> nvmlReturn_t;

/// One `_v3` process list, guarded: the buffer has room for 32-byte entries (the
/// `nvmlProcessInfo_v3_t` early R535 drivers wrote through `_v3`), and the entries are
/// decoded with the 24-byte stride of `nvmlProcessInfo_v2_t`, or the 32-byte one when only
/// that gives plausible processes. `Ok(None)`: neither did.
fn list_v3(f: &ListFn, dev: &Device<'_>, mem_total: Option<u64>) -> Result<Option<(Vec<Entry>, usize)>, NvmlError> {
    const SLOT: usize = 32;
    let mut count: c_uint = 0;
    // SAFETY: a live handle; a null buffer with a count of 0 asks for the count.
    let rc = unsafe { f(dev.handle(), &mut count, std::ptr::null_mut()) };
    if rc == nvmlReturn_enum_NVML_SUCCESS {
        return Ok(Some((Vec::new(), 24)));
    }
    if rc != nvmlReturn_enum_NVML_ERROR_INSUFFICIENT_SIZE {
        return Err(rc.into());
    }
    for _ in 0..3 {
        // Headroom for processes started between the two calls.
        let cap = (count as usize).saturating_add(8).min(4096);
        let mut buf = vec![0u64; cap * SLOT / 8];
        let mut n = cap as c_uint;
        // SAFETY: `buf` holds `cap` entries of the larger (32-byte) struct, so the driver
        // writes within it whichever struct it uses; it is 8-byte aligned as both are.
        let rc = unsafe { f(dev.handle(), &mut n, buf.as_mut_ptr().cast()) };
        if rc == nvmlReturn_enum_NVML_ERROR_INSUFFICIENT_SIZE {
            count = n;
            continue;
        }
        nvml_try(rc)?;
        let n = (n as usize).min(cap);
        // SAFETY: reading the u64 buffer as bytes.
        let bytes = unsafe { std::slice::from_raw_parts(buf.as_ptr().cast::<u8>(), buf.len() * 8) };
        for stride in [24, SLOT] {
            if let Some(e) = decode(bytes, n, stride).filter(|e| plausible(e, mem_total)) {
                return Ok(Some((e, stride)));
            }
        }
        return Ok(None);
    }
    Err(NvmlError::InsufficientSize(None))
}

/// A compute or graphics process list: the guarded `_v3` call, else `_v2` (drivers before
/// R510 have no `_v3`; a `_v3` list that decodes to nothing plausible is read again
/// through `_v2`).
fn process_list(
    nvml: &Nvml,
    dev: &Device<'_>,
    graphics: bool,
    mem_total: Option<u64>,
    r: &mut Reader<'_>,
    warned: &mut bool,
) -> Result<Vec<Entry>, Reason> {
    let what = if graphics { "graphics processes" } else { "compute processes" };
    let lib = nvml.lib();
    let v3 = if graphics {
        lib.nvmlDeviceGetGraphicsRunningProcesses_v3.as_ref()
    } else {
        lib.nvmlDeviceGetComputeRunningProcesses_v3.as_ref()
    };
    if let Ok(f) = v3 {
        match list_v3(f, dev, mem_total) {
            Ok(Some((entries, stride))) => {
                if stride != 24 && !*warned {
                    *warned = true;
                    r.w.push(format!(
                        "NVML {what}: the _v3 call returned {stride}-byte entries (early R535 driver); read with that stride"
                    ));
                }
                return Ok(entries);
            }
            Ok(None) => r.w.push(format!("NVML {what}: the _v3 list was implausible with either struct; reading _v2")),
            Err(e) => return Err(r.reason(what, e)),
        }
    }
    let v2 = if graphics { dev.running_graphics_processes_v2() } else { dev.running_compute_processes_v2() };
    let entries: Vec<Entry> = v2
        .map_err(|e| r.reason(what, e))?
        .into_iter()
        .map(|p| Entry {
            pid: p.pid,
            used_memory: match p.used_gpu_memory {
                nvml_wrapper::enums::device::UsedGpuMemory::Used(b) => b,
                nvml_wrapper::enums::device::UsedGpuMemory::Unavailable => u64::MAX,
            },
            gpu_instance_id: p.gpu_instance_id.unwrap_or(NOT_AVAILABLE),
            compute_instance_id: p.compute_instance_id.unwrap_or(NOT_AVAILABLE),
        })
        .collect();
    if plausible(&entries, mem_total) {
        Ok(entries)
    } else {
        r.w.push(format!("NVML {what}: the _v2 list is implausible too; left out"));
        Err(Reason::Error)
    }
}

fn processes(
    nvml: &Nvml,
    dev: &Device<'_>,
    r: &mut Reader<'_>,
    warned: &mut bool,
    mem_total: Option<u64>,
    names: &mut Names<'_>,
    samples: &Field<Vec<nvml_wrapper::struct_wrappers::device::ProcessUtilizationSample>>,
) -> Field<Vec<GpuProcess>> {
    let compute = process_list(nvml, dev, false, mem_total, r, warned);
    let graphics = process_list(nvml, dev, true, mem_total, r, warned);
    let (compute, graphics) = match (compute, graphics) {
        (Err(a), Err(_)) => return Field::Missing(a),
        (c, g) => (c.unwrap_or_default(), g.unwrap_or_default()),
    };
    let mut out: Vec<GpuProcess> = Vec::with_capacity(compute.len() + graphics.len());
    for (list, kind) in [(compute, GpuProcessType::Compute), (graphics, GpuProcessType::Graphics)] {
        for e in list {
            if let Some(p) =
                out.iter_mut().find(|p| p.pid as u32 == e.pid && p.gpu_instance_id == id(e.gpu_instance_id))
            {
                p.process_type = GpuProcessType::ComputeAndGraphics;
                continue;
            }
            let pid = e.pid as i32;
            let sample = match samples {
                Field::Value(s) => s.iter().filter(|s| s.pid == e.pid).max_by_key(|s| s.timestamp).map(Ok),
                Field::Missing(m) => Some(Err(*m)),
            };
            let util = |f: fn(&nvml_wrapper::struct_wrappers::device::ProcessUtilizationSample) -> u32| match sample {
                Some(Ok(s)) => Field::Value(f64::from(f(s))),
                Some(Err(m)) => Field::Missing(m),
                None => Field::Missing(Reason::NotPresent),
            };
            out.push(GpuProcess {
                pid,
                process_name: names.get(pid),
                used_memory: if e.used_memory == u64::MAX {
                    Field::Missing(Reason::NotSupported)
                } else {
                    Field::Value(e.used_memory)
                },
                compute_instance_id: id(e.compute_instance_id),
                gpu_instance_id: id(e.gpu_instance_id),
                process_type: kind,
                utilization_sm: util(|s| s.sm_util),
                utilization_memory: util(|s| s.mem_util),
                utilization_encoder: util(|s| s.enc_util),
                utilization_decoder: util(|s| s.dec_util),
                drm_client_id: None,
                shared_with: Vec::new(),
                engines: Vec::new(),
                memory_regions: Vec::new(),
            });
        }
    }
    out.sort_by_key(|p| (p.pid, p.gpu_instance_id, p.compute_instance_id));
    Field::Value(out)
}

fn id(v: u32) -> Option<u32> {
    (v != NOT_AVAILABLE).then_some(v)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entries_bytes(entries: &[(u32, u64, u32, u32)], stride: usize) -> Vec<u8> {
        let mut b = vec![0u8; entries.len() * stride + 64];
        for (i, &(pid, mem, gi, ci)) in entries.iter().enumerate() {
            let at = i * stride;
            b[at..at + 4].copy_from_slice(&pid.to_ne_bytes());
            b[at + 8..at + 16].copy_from_slice(&mem.to_ne_bytes());
            b[at + 16..at + 20].copy_from_slice(&gi.to_ne_bytes());
            b[at + 20..at + 24].copy_from_slice(&ci.to_ne_bytes());
            if stride == 32 {
                // usedGpuCcProtectedMemory: 0 outside confidential computing.
                b[at + 24..at + 32].copy_from_slice(&0u64.to_ne_bytes());
            }
        }
        b
    }

    #[test]
    fn the_r535_stride_is_told_apart() {
        let procs = [(4242, 1 << 30, NOT_AVAILABLE, NOT_AVAILABLE), (4243, 2 << 30, NOT_AVAILABLE, NOT_AVAILABLE)];
        let total = Some(80 << 30);
        let v2 = entries_bytes(&procs, 24);
        assert!(plausible(&decode(&v2, 2, 24).unwrap(), total));
        let r535 = entries_bytes(&procs, 32);
        let wrong = decode(&r535, 2, 24).unwrap();
        assert_eq!(wrong[1].pid, 0, "the second entry read inside the first's extra field");
        assert!(!plausible(&wrong, total));
        let right = decode(&r535, 2, 32).unwrap();
        assert!(plausible(&right, total));
        assert_eq!(
            right[1],
            Entry {
                pid: 4243,
                used_memory: 2 << 30,
                gpu_instance_id: NOT_AVAILABLE,
                compute_instance_id: NOT_AVAILABLE
            }
        );
    }

    #[test]
    fn implausible_entries() {
        let e = |pid, mem| Entry { pid, used_memory: mem, gpu_instance_id: 1, compute_instance_id: 0 };
        assert!(plausible(&[], None));
        assert!(!plausible(&[e(0, 1)], None));
        assert!(!plausible(&[e(u32::MAX, 1)], None));
        assert!(!plausible(&[e(5, 1 << 40)], Some(1 << 30)));
        assert!(plausible(&[e(5, u64::MAX)], Some(1 << 30)), "memory not available");
        assert!(!plausible(&[e(5, 1), e(5, 2)], None), "a pid twice");
    }

    #[test]
    fn bus_ids() {
        assert_eq!(kernel_bus_id("00000000:00:06.0"), "0000:00:06.0");
        assert_eq!(kernel_bus_id("00000001:3B:00.0"), "0001:3b:00.0");
        assert_eq!(kernel_bus_id("10000000:00:01.0"), "10000000:00:01.0");
        assert_eq!(kernel_bus_id("0000:03:00.0"), "0000:03:00.0");
    }
}
