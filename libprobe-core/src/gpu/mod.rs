//! The GPU domain: every NVIDIA, AMD and Intel GPU, and every process using one
//! (specification section 3, `GpuMetrics` and `GpuProcess`), at JSON `gpus`.
//!
//! Sources, per vendor:
//!
//! - **NVIDIA**: NVML through nvml-wrapper, `libnvidia-ml.so.1` loaded at run time (option
//!   [`GpuOptions::nvml_library`] or `LIBPROBE_NVML_LIBRARY` name another file). The library
//!   is opened once per [`crate::Probe`], on its first snapshot, and closed with the probe.
//!   No library, or no driver, is not an error: there are no NVIDIA GPUs to report.
//! - **AMD** (`amdgpu`): `/sys/class/drm/card*/device` and its hwmon, and the binary
//!   `gpu_metrics` table where the driver has one.
//! - **Intel** (`i915`, `xe`): the frequency files of the card, its GTs and tiles, and its
//!   hwmon (energy, power limits, temperatures).
//! - **Per process, every vendor**: NVML's process lists, joined to process names; and DRM
//!   clients from `/proc/<pid>/fdinfo` (`Documentation/gpu/drm-usage-stats.rst`), each
//!   matched to its GPU by `drm-pdev`, counted once per `drm-client-id`, with engine busy %
//!   from the probe's previous snapshot. Clients are read when the process domain walked
//!   the descriptors anyway (`process.fds`) or when asked ([`GpuOptions::drm_clients`]);
//!   [`GpuMetrics::drm_clients_from`] says which.
//!
//! Every field a GPU, its driver or this vendor cannot give is missing with a reason, never
//! a zero: `not_supported` (the device or driver does not report it, e.g. a datacenter
//! GPU's fan, or NVML without the symbol), `permission_denied`, `disabled` (an option left
//! off), `no_previous_sample` (a rate on a probe's first snapshot). Units are fixed: %,
//! °C, W, MHz, bytes, KB/s, mJ.

use libprobe_derive::{OptionSet, Record, RecordEnum};

use crate::domain::{Collector, Cx};
use crate::model::{Domain, Field, Reason};
use crate::text::ByteStr;

/// Who made a GPU.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, RecordEnum)]
#[repr(u8)]
pub enum GpuVendor {
    Nvidia = 1,
    Amd = 2,
    Intel = 3,
    Unknown = 0,
}

/// Whether a GPU's record was read (fields may still be missing one by one) or the GPU
/// failed as a whole.
#[derive(Debug, Clone, Copy, PartialEq, Eq, RecordEnum)]
#[repr(u8)]
pub enum GpuState {
    Collected = 1,
    /// The GPU stopped answering (NVML `GPU_IS_LOST`: fallen off the bus) or could not be
    /// opened; [`GpuMetrics::error`] says why, and its other fields are missing.
    Failed = 2,
}

/// Which processes may use a GPU (NVML compute mode).
#[derive(Debug, Clone, Copy, PartialEq, Eq, RecordEnum)]
#[repr(u8)]
pub enum ComputeMode {
    /// Any number of processes.
    Default = 1,
    /// One context per thread (deprecated by NVIDIA).
    ExclusiveThread = 2,
    /// No compute context.
    Prohibited = 3,
    /// One process.
    ExclusiveProcess = 4,
}

/// What a process does on a GPU.
#[derive(Debug, Clone, Copy, PartialEq, Eq, RecordEnum)]
#[repr(u8)]
pub enum GpuProcessType {
    /// A compute context (CUDA): NVML's compute process list (`C` in nvidia-smi).
    Compute = 1,
    /// A graphics context (OpenGL, Vulkan): NVML's graphics list (`G`).
    Graphics = 2,
    /// Both lists (`C+G`).
    ComputeAndGraphics = 3,
    /// A DRM client (`/proc/<pid>/fdinfo`): a process holding the GPU's DRM device open;
    /// the kernel does not say what kind of work it submits.
    DrmClient = 4,
}

/// Where the DRM clients of a snapshot were found.
#[derive(Debug, Clone, Copy, PartialEq, Eq, RecordEnum)]
#[repr(u8)]
pub enum DrmClientsFrom {
    /// The process domain's descriptor walk (option `process.fds`): only the DRM
    /// descriptors' `fdinfo` was read again.
    ProcessFds = 1,
    /// The GPU domain's own walk of `/proc/*/fd` (option `gpu.drm_clients`).
    GpuWalk = 2,
}

/// A CUDA compute capability (`9.0` for Hopper).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Record)]
pub struct ComputeCapability {
    pub major: u8,
    pub minor: u8,
}

/// Why the GPU's clocks are held below their maximum now (NVML "clocks event reasons",
/// formerly "throttle reasons"; amdgpu's ASIC-independent throttle status; i915/xe
/// throttle reasons). A reason the vendor does not report is `not_supported`.
#[derive(Debug, Clone, Copy, PartialEq, Record)]
pub struct ClockEventReasons {
    /// Nothing runs: clocks are low because the GPU is idle (NVIDIA).
    pub gpu_idle: Field<bool>,
    /// Clocks are held at the applications clocks set by an administrator (NVIDIA).
    pub applications_clocks_setting: Field<bool>,
    /// The software power limit holds the clocks down (NVIDIA SW power cap; AMD PPT/SPL
    /// limits; Intel PL1/PL2/PL4).
    pub sw_power_cap: Field<bool>,
    /// Hardware slowdown: an external signal or a voltage regulator (NVIDIA HW slowdown;
    /// AMD VRHOT/PROCHOT; Intel PROCHOT, VR TDC).
    pub hw_slowdown: Field<bool>,
    /// Sync boost: clocks matched across GPUs of a group (NVIDIA).
    pub sync_boost: Field<bool>,
    /// The driver or firmware lowers clocks for temperature (NVIDIA SW thermal slowdown;
    /// AMD temperature throttlers; Intel thermal and RATL).
    pub sw_thermal_slowdown: Field<bool>,
    /// The hardware lowers clocks for temperature (NVIDIA HW thermal slowdown; Intel VR
    /// thermal alert).
    pub hw_thermal_slowdown: Field<bool>,
    /// The power brake assertion of the board (NVIDIA).
    pub hw_power_brake_slowdown: Field<bool>,
    /// Clocks follow the display's needs (NVIDIA).
    pub display_clocks_setting: Field<bool>,
    /// Another reason the vendor reports without a class here (AMD current limits
    /// (TDC/EDC), PPM, FIT).
    pub other: Field<bool>,
}

/// One engine class of a DRM client (`drm-engine-<name>`, `drm-cycles-<name>`).
#[derive(Debug, Clone, PartialEq, Record)]
pub struct GpuEngineUse {
    /// The driver's engine name (`gfx`, `compute`, `dec` for amdgpu; `render`, `copy`,
    /// `video` for i915; `rcs`, `bcs`, `vcs`, `ccs` for xe).
    pub engine: String,
    /// Time the client kept this engine busy since it opened the device (`drm-engine-*`).
    #[record(unit = "ns", counter)]
    pub busy_ns: Field<u64>,
    /// Busy cycles since it opened the device (`drm-cycles-*`, xe).
    #[record(counter)]
    pub cycles: Field<u64>,
    /// The engine's cycle counter at the same moment (`drm-total-cycles-*`).
    #[record(counter)]
    pub total_cycles: Field<u64>,
    /// Engines of this class the counters add up (`drm-engine-capacity-*`; 1 when the
    /// driver does not say).
    pub capacity: u32,
    /// Share of this engine class the client used since the probe's previous snapshot
    /// (busy time over wall time, or busy cycles over total cycles, divided by the
    /// capacity). `no_previous_sample` on the first snapshot that sees the client.
    #[record(unit = "percent")]
    pub busy_percent: Field<f64>,
}

/// Memory of one region of a DRM client (`drm-total-<region>`, …).
#[derive(Debug, Clone, PartialEq, Record)]
pub struct GpuMemoryRegion {
    /// The driver's region name (`vram`, `gtt`, `cpu` for amdgpu; `system0`, `local0`
    /// for i915; `vram0`, `gtt` for xe).
    pub region: String,
    /// Buffers the client can reach in this region, shared ones included.
    #[record(unit = "bytes")]
    pub total: Field<u64>,
    /// Of those, buffers shared with other clients.
    #[record(unit = "bytes")]
    pub shared: Field<u64>,
    /// Buffers resident in the region (`drm-resident-*`; the legacy `drm-memory-*` key,
    /// which amdgpu and older drivers print, is read as resident when no
    /// `drm-resident-*` is given).
    #[record(unit = "bytes")]
    pub resident: Field<u64>,
    /// Resident buffers the client marked purgeable.
    #[record(unit = "bytes")]
    pub purgeable: Field<u64>,
    /// Resident buffers the GPU is using now.
    #[record(unit = "bytes")]
    pub active: Field<u64>,
}

/// A process using a GPU.
#[derive(Debug, Clone, PartialEq, Record)]
pub struct GpuProcess {
    pub pid: i32,
    /// The process's command name (`comm`): from the process domain when it ran, else
    /// read for this pid. `gone` when it exited, `not_present` when the pid is not
    /// visible here (another pid namespace: NVML reports host pids).
    pub process_name: Field<ByteStr>,
    /// GPU memory the process uses. NVML: its allocation (`not_supported` where the
    /// driver hides it: Windows WDDM, some MIG set-ups). DRM client: the sum of its
    /// resident memory over the device's regions but amdgpu's `gtt` and `cpu` (system
    /// memory mapped for the GPU).
    #[record(unit = "bytes")]
    pub used_memory: Field<u64>,
    /// The MIG compute instance the process runs in; `null` when MIG is off.
    pub compute_instance_id: Option<u32>,
    /// The MIG GPU instance the process runs in; `null` when MIG is off.
    pub gpu_instance_id: Option<u32>,
    /// What the process does on the GPU.
    pub process_type: GpuProcessType,
    /// Share of the time one of its kernels ran on the SMs, from NVML's latest sample
    /// since the previous snapshot (`nvidia-smi pmon` `sm`). `not_present` when NVML kept
    /// no sample for it, `not_supported` for DRM clients (see `engines`) and on MIG.
    #[record(unit = "percent")]
    pub utilization_sm: Field<f64>,
    /// Share of the time it read or wrote device memory (NVML sample).
    #[record(unit = "percent")]
    pub utilization_memory: Field<f64>,
    /// Share of the encoder it used (NVML sample).
    #[record(unit = "percent")]
    pub utilization_encoder: Field<f64>,
    /// Share of the decoder it used (NVML sample).
    #[record(unit = "percent")]
    pub utilization_decoder: Field<f64>,
    /// The DRM client id (`drm-client-id`), unique per device while the client lives;
    /// `null` for NVML processes.
    pub drm_client_id: Option<u64>,
    /// Other processes holding the same DRM client (a descriptor inherited or passed):
    /// the client is reported once, under the lowest pid.
    pub shared_with: Vec<i32>,
    /// Engine use of a DRM client; empty for NVML processes.
    pub engines: Vec<GpuEngineUse>,
    /// Memory of a DRM client per region; empty for NVML processes.
    pub memory_regions: Vec<GpuMemoryRegion>,
}

/// A MIG device: an instance of a MIG-enabled NVIDIA GPU.
#[derive(Debug, Clone, PartialEq, Record)]
pub struct MigDevice {
    /// The MIG device's index on its GPU.
    pub index: u32,
    /// `MIG-…`.
    pub uuid: Field<String>,
    pub gpu_instance_id: Field<u32>,
    pub compute_instance_id: Field<u32>,
    /// The instance's share of the GPU's memory.
    #[record(unit = "bytes")]
    pub memory_total: Field<u64>,
    #[record(unit = "bytes")]
    pub memory_used: Field<u64>,
    #[record(unit = "bytes")]
    pub memory_free: Field<u64>,
    /// The processes running in this instance.
    pub processes: Field<Vec<GpuProcess>>,
}

/// One NVLink of an NVIDIA GPU.
#[derive(Debug, Clone, PartialEq, Record)]
pub struct NvLink {
    /// The link number (0 to 17).
    pub link: u32,
    /// Whether the link is up.
    pub active: Field<bool>,
    /// NVLink version.
    pub version: Field<u32>,
    /// The PCI bus id of the device at the other end.
    pub remote_pci_bus_id: Field<String>,
    /// Data-link replay errors since the driver loaded.
    #[record(counter)]
    pub errors_replay: Field<u64>,
    /// Data-link recovery events.
    #[record(counter)]
    pub errors_recovery: Field<u64>,
    /// Flow-control digit CRC errors.
    #[record(counter)]
    pub errors_crc_flit: Field<u64>,
    /// Data CRC errors.
    #[record(counter)]
    pub errors_crc_data: Field<u64>,
}

/// The frequencies of one Intel GT (graphics or media unit) of a card.
#[derive(Debug, Clone, PartialEq, Record)]
pub struct GtClocks {
    /// The tile (xe `tile<N>`; 0 for i915).
    pub tile: u32,
    /// The GT within the tile (`gt<N>`).
    pub gt: u32,
    /// The frequency the GT runs at (`act`).
    #[record(unit = "MHz")]
    pub actual: Field<u64>,
    /// The frequency the driver last requested (`cur`).
    #[record(unit = "MHz")]
    pub requested: Field<u64>,
    /// The lowest frequency the driver may request (`min`, set by an administrator).
    #[record(unit = "MHz")]
    pub limit_min: Field<u64>,
    /// The highest frequency the driver may request (`max`, set by an administrator).
    #[record(unit = "MHz")]
    pub limit_max: Field<u64>,
    /// The frequency requested when a waiting client needs a boost (i915 `boost`).
    #[record(unit = "MHz")]
    pub boost: Field<u64>,
    /// The hardware's highest frequency (`RP0`).
    #[record(unit = "MHz")]
    pub hw_max: Field<u64>,
    /// The hardware's most efficient frequency (`RPe`; i915 `RP1`).
    #[record(unit = "MHz")]
    pub hw_efficient: Field<u64>,
    /// The hardware's lowest frequency (`RPn`).
    #[record(unit = "MHz")]
    pub hw_min: Field<u64>,
}

/// One GPU: the specification's `GpuMetrics`, then what operators ask for beyond it.
#[derive(Debug, Clone, PartialEq, Record)]
pub struct GpuMetrics {
    /// The GPU's index: NVML's index for NVIDIA GPUs (as in `nvidia-smi`), then the DRM
    /// cards in card order.
    pub index: u32,
    /// NVIDIA `GPU-…`; AMD `unique_id` (where the ASIC has one); Intel: `not_supported`.
    pub uuid: Field<String>,
    /// Product name (NVML; amdgpu `product_name`, which only boards with a FRU EEPROM
    /// have; Intel: `not_supported`; see `pci_device_id`).
    pub name: Field<String>,
    pub vendor: GpuVendor,
    /// PCI address in the kernel's form `0000:03:00.0` (NVML's eight-digit domain is
    /// shortened to four when it fits, so it matches sysfs and `drm-pdev`).
    pub pci_bus_id: Field<String>,

    /// Share of the last sample period in which a kernel ran (NVML; amdgpu
    /// `gpu_busy_percent`). Intel's drivers do not report it (`not_supported`): see the
    /// per-client `engines`. `not_supported` on a MIG-enabled GPU.
    #[record(unit = "percent")]
    pub utilization_gpu: Field<f64>,
    /// Share of the period in which device memory was read or written (NVML; amdgpu
    /// `mem_busy_percent`).
    #[record(unit = "percent")]
    pub utilization_memory: Field<f64>,
    /// Video encoder use (NVML).
    #[record(unit = "percent")]
    pub utilization_encoder: Field<f64>,
    /// Video decoder use (NVML; amdgpu `gpu_metrics` multimedia activity, which counts
    /// the VCN as one unit for encode and decode).
    #[record(unit = "percent")]
    pub utilization_decoder: Field<f64>,

    /// Device memory (NVML framebuffer; amdgpu `mem_info_vram_total`; xe tiles' VRAM).
    #[record(unit = "bytes")]
    pub memory_total: Field<u64>,
    #[record(unit = "bytes")]
    pub memory_used: Field<u64>,
    /// `memory_total - memory_used` for sysfs; NVML's own figure, which also leaves out
    /// `memory_reserved`.
    #[record(unit = "bytes")]
    pub memory_free: Field<u64>,
    /// Memory the driver and firmware reserve (NVML).
    #[record(unit = "bytes")]
    pub memory_reserved: Field<u64>,

    /// The GPU's temperature: NVIDIA's GPU sensor; amdgpu's `edge` sensor, or
    /// `junction` on boards without one (Instinct); xe's package sensor.
    #[record(unit = "celsius")]
    pub temperature_gpu: Field<f64>,
    /// Memory temperature (NVML; amdgpu `mem`; xe `vram`).
    #[record(unit = "celsius")]
    pub temperature_memory: Field<f64>,
    /// Where the GPU starts to slow down: NVML's slowdown threshold; amdgpu's `crit` of
    /// the sensor of `temperature_gpu`. New NVIDIA datacenter drivers give only the
    /// margin (`temperature_margin`) and say `not_supported` here.
    #[record(unit = "celsius")]
    pub temperature_slowdown: Field<f64>,
    /// Where the GPU shuts down: NVML's shutdown threshold; amdgpu's `emergency`.
    #[record(unit = "celsius")]
    pub temperature_shutdown: Field<f64>,

    /// Power draw: NVML's (averaged over one second on Ampere and later); amdgpu
    /// `power1_average`, else `power1_input`; Intel: from the energy counter over the
    /// interval since the previous snapshot (`no_previous_sample` first).
    #[record(unit = "W")]
    pub power_draw: Field<f64>,
    /// The power limit in force as set (NVML management limit; amdgpu `power1_cap`;
    /// Intel `power1_max`, PL1).
    #[record(unit = "W")]
    pub power_limit: Field<f64>,
    /// The default power limit (NVML; amdgpu `power1_cap_default`; Intel
    /// `power1_rated_max`, the TDP).
    #[record(unit = "W")]
    pub power_default_limit: Field<f64>,
    /// The lowest power limit that can be set (NVML; amdgpu `power1_cap_min`).
    #[record(unit = "W")]
    pub power_min_limit: Field<f64>,
    /// The highest power limit that can be set (NVML; amdgpu `power1_cap_max`).
    #[record(unit = "W")]
    pub power_max_limit: Field<f64>,
    /// Performance state, 0 (P0, fastest) to 15 (NVML).
    pub power_state: Field<u8>,

    /// Graphics clock now (NVML; amdgpu `sclk`; Intel actual frequency of GT 0).
    #[record(unit = "MHz")]
    pub clock_graphics: Field<u64>,
    /// SM clock now (NVML).
    #[record(unit = "MHz")]
    pub clock_sm: Field<u64>,
    /// Memory clock now (NVML; amdgpu `mclk`).
    #[record(unit = "MHz")]
    pub clock_memory: Field<u64>,
    /// Video (encoder/decoder) clock now (NVML; amdgpu `gpu_metrics` VCLK).
    #[record(unit = "MHz")]
    pub clock_video: Field<u64>,
    /// The highest graphics clock (NVML; amdgpu top `pp_dpm_sclk` level; Intel RP0).
    #[record(unit = "MHz")]
    pub clock_max_graphics: Field<u64>,
    /// The highest memory clock (NVML; amdgpu top `pp_dpm_mclk` level).
    #[record(unit = "MHz")]
    pub clock_max_memory: Field<u64>,

    /// PCIe generation of the link now (NVML; the PCI `current_link_speed`).
    pub pcie_link_gen_current: Field<u8>,
    /// The highest PCIe generation of the link (NVML; PCI `max_link_speed`).
    pub pcie_link_gen_max: Field<u8>,
    /// Lanes of the link now.
    pub pcie_link_width_current: Field<u8>,
    /// The most lanes of the link.
    pub pcie_link_width_max: Field<u8>,
    /// PCIe bytes sent by the GPU over NVML's last 20 ms window (option
    /// `gpu.pcie_throughput`: each direction blocks about 20 ms; else `disabled`).
    #[record(unit = "KB/s")]
    pub pcie_tx_throughput: Field<u64>,
    /// PCIe bytes received (option `gpu.pcie_throughput`).
    #[record(unit = "KB/s")]
    pub pcie_rx_throughput: Field<u64>,

    /// Whether ECC is on now (NVML).
    pub ecc_enabled: Field<bool>,
    /// Corrected ECC errors since the driver loaded (NVML volatile counter).
    #[record(counter)]
    pub ecc_errors_corrected: Field<u64>,
    /// Uncorrected ECC errors since the driver loaded (NVML volatile counter).
    #[record(counter)]
    pub ecc_errors_uncorrected: Field<u64>,

    /// The processes using this GPU: NVML's compute and graphics processes, then the DRM
    /// clients matched to it (see `drm_clients_from`). Empty when none is visible.
    pub processes: Field<Vec<GpuProcess>>,

    /// Fan speed as a share of its maximum (NVML fan 0; amdgpu `pwm1` over 255).
    /// Passively cooled datacenter boards say `not_supported`.
    #[record(unit = "percent")]
    pub fan_speed: Field<u8>,

    /// Compute mode (NVML).
    pub compute_mode: Field<ComputeMode>,
    /// CUDA compute capability (NVML).
    pub compute_capability: Field<ComputeCapability>,

    // --- beyond the specification ------------------------------------------------
    /// Whether the record was read or the GPU failed as a whole.
    pub state: GpuState,
    /// Why the GPU failed (`state` = `failed`).
    pub error: Option<String>,
    /// The kernel driver: `nvidia`, `amdgpu`, `i915`, `xe`.
    pub driver: String,
    /// The driver's version (NVML; kernel drivers in the tree have none:
    /// `not_supported`).
    pub driver_version: Field<String>,
    /// VBIOS version (NVML; amdgpu `vbios_version`).
    pub vbios_version: Field<String>,
    /// Board serial number (NVML; amdgpu `serial_number`, on boards with a FRU EEPROM).
    pub serial: Field<String>,
    /// PCI vendor and device id, `10de:2330`.
    pub pci_device_id: Field<String>,
    /// Whether the driver stays loaded with no client (NVML persistence mode).
    pub persistence_mode: Field<bool>,
    /// amdgpu's forced performance level (`power_dpm_force_performance_level`: `auto`,
    /// `low`, `high`, `manual`, `profile_*`).
    pub performance_level: Field<String>,
    /// Why clocks are held down now.
    pub clock_event_reasons: Field<ClockEventReasons>,
    /// Hottest point of the die (amdgpu `junction`, hotspot).
    #[record(unit = "celsius")]
    pub temperature_hotspot: Field<f64>,
    /// Degrees left before the GPU reaches its temperature limit and slows down (NVML
    /// margin temperature; `nvidia-smi`'s `gpu_temp_tlimit`).
    #[record(unit = "celsius")]
    pub temperature_margin: Field<f64>,
    /// Instantaneous power draw (NVML field `POWER_INSTANT`; amdgpu `power1_input` where
    /// `power1_average` is the draw).
    #[record(unit = "W")]
    pub power_draw_instant: Field<f64>,
    /// The power limit the GPU enforces now, the tightest of all limits (NVML).
    #[record(unit = "W")]
    pub power_enforced_limit: Field<f64>,
    /// Energy used since the driver loaded (NVML, option `gpu.nvml_energy`; amdgpu
    /// `gpu_metrics`; Intel hwmon `energy1_input`).
    #[record(unit = "mJ", counter)]
    pub energy_total: Field<u64>,
    /// Average power over the interval since the previous snapshot, from `energy_total`
    /// (`no_previous_sample` on the first).
    #[record(unit = "W")]
    pub power_from_energy: Field<f64>,
    /// The highest SM clock (NVML).
    #[record(unit = "MHz")]
    pub clock_max_sm: Field<u64>,
    /// The highest video clock (NVML).
    #[record(unit = "MHz")]
    pub clock_max_video: Field<u64>,
    /// The lowest graphics clock (amdgpu bottom `pp_dpm_sclk` level; Intel RPn).
    #[record(unit = "MHz")]
    pub clock_min_graphics: Field<u64>,
    /// Intel: the frequencies of every GT of every tile.
    pub gt_clocks: Field<Vec<GtClocks>>,
    /// PCIe replays since the driver loaded (NVML; a link-quality counter).
    #[record(counter)]
    pub pcie_replay_errors: Field<u64>,
    /// Corrected ECC errors over the GPU's life (NVML aggregate counter).
    #[record(counter)]
    pub ecc_errors_corrected_aggregate: Field<u64>,
    /// Uncorrected ECC errors over the GPU's life (NVML aggregate counter).
    #[record(counter)]
    pub ecc_errors_uncorrected_aggregate: Field<u64>,
    /// Pages retired for multiple single-bit errors (NVML; GPUs before Ampere; Ampere
    /// and later remap rows instead and say `not_supported`).
    #[record(counter)]
    pub retired_pages_single_bit: Field<u64>,
    /// Pages retired for a double-bit error.
    #[record(counter)]
    pub retired_pages_double_bit: Field<u64>,
    /// Pages waiting for the next driver load to be retired.
    pub retired_pages_pending: Field<bool>,
    /// Rows remapped for correctable errors (NVML; Ampere and later).
    #[record(counter)]
    pub remapped_rows_correctable: Field<u64>,
    /// Rows remapped for uncorrectable errors.
    #[record(counter)]
    pub remapped_rows_uncorrectable: Field<u64>,
    /// A remapping waits for a GPU reset.
    pub remapped_rows_pending: Field<bool>,
    /// A remapping failed: the GPU should be serviced.
    pub remapped_rows_failure: Field<bool>,
    /// The NVLinks (option `gpu.nvlink`); `not_supported` on GPUs without NVLink.
    pub nvlinks: Field<Vec<NvLink>>,
    /// Whether MIG is on now (NVML).
    pub mig_mode_current: Field<bool>,
    /// Whether MIG will be on after the next reset.
    pub mig_mode_pending: Field<bool>,
    /// The MIG devices, each with its memory and processes (empty when MIG is off).
    pub mig_devices: Field<Vec<MigDevice>>,
    /// Speed of the first fan (NVML; amdgpu `fan1_input`).
    #[record(unit = "rpm")]
    pub fan_speed_rpm: Field<u64>,
    /// amdgpu: the CPU-visible part of VRAM (`mem_info_vis_vram_total`).
    #[record(unit = "bytes")]
    pub memory_visible_total: Field<u64>,
    /// amdgpu: used CPU-visible VRAM.
    #[record(unit = "bytes")]
    pub memory_visible_used: Field<u64>,
    /// amdgpu: system memory the GPU can map (GTT, `mem_info_gtt_total`).
    #[record(unit = "bytes")]
    pub memory_gtt_total: Field<u64>,
    /// amdgpu: GTT in use.
    #[record(unit = "bytes")]
    pub memory_gtt_used: Field<u64>,
    /// Where this snapshot's DRM clients came from; `disabled` when none was read
    /// (neither `process.fds` nor `gpu.drm_clients`).
    pub drm_clients_from: Field<DrmClientsFrom>,
}

/// `not_supported`, of any type.
fn ns<T>() -> Field<T> {
    Field::Missing(Reason::NotSupported)
}

impl GpuMetrics {
    /// A GPU of `vendor` with every field `not_supported`: each backend fills what it
    /// has.
    pub(crate) fn unknown(index: u32, vendor: GpuVendor, driver: &str) -> GpuMetrics {
        GpuMetrics {
            index,
            uuid: Field::Missing(Reason::NotSupported),
            name: Field::Missing(Reason::NotSupported),
            vendor,
            pci_bus_id: Field::Missing(Reason::NotSupported),
            utilization_gpu: ns(),
            utilization_memory: ns(),
            utilization_encoder: ns(),
            utilization_decoder: ns(),
            memory_total: ns(),
            memory_used: ns(),
            memory_free: ns(),
            memory_reserved: ns(),
            temperature_gpu: ns(),
            temperature_memory: ns(),
            temperature_slowdown: ns(),
            temperature_shutdown: ns(),
            power_draw: ns(),
            power_limit: ns(),
            power_default_limit: ns(),
            power_min_limit: ns(),
            power_max_limit: ns(),
            power_state: ns(),
            clock_graphics: ns(),
            clock_sm: ns(),
            clock_memory: ns(),
            clock_video: ns(),
            clock_max_graphics: ns(),
            clock_max_memory: ns(),
            pcie_link_gen_current: ns(),
            pcie_link_gen_max: ns(),
            pcie_link_width_current: ns(),
            pcie_link_width_max: ns(),
            pcie_tx_throughput: ns(),
            pcie_rx_throughput: ns(),
            ecc_enabled: ns(),
            ecc_errors_corrected: ns(),
            ecc_errors_uncorrected: ns(),
            processes: Field::Value(Vec::new()),
            fan_speed: ns(),
            compute_mode: ns(),
            compute_capability: ns(),
            state: GpuState::Collected,
            error: None,
            driver: driver.to_owned(),
            driver_version: Field::Missing(Reason::NotSupported),
            vbios_version: Field::Missing(Reason::NotSupported),
            serial: Field::Missing(Reason::NotSupported),
            pci_device_id: Field::Missing(Reason::NotSupported),
            persistence_mode: ns(),
            performance_level: Field::Missing(Reason::NotSupported),
            clock_event_reasons: ns(),
            temperature_hotspot: ns(),
            temperature_margin: ns(),
            power_draw_instant: ns(),
            power_enforced_limit: ns(),
            energy_total: ns(),
            power_from_energy: ns(),
            clock_max_sm: ns(),
            clock_max_video: ns(),
            clock_min_graphics: ns(),
            gt_clocks: Field::Missing(Reason::NotSupported),
            pcie_replay_errors: ns(),
            ecc_errors_corrected_aggregate: ns(),
            ecc_errors_uncorrected_aggregate: ns(),
            retired_pages_single_bit: ns(),
            retired_pages_double_bit: ns(),
            retired_pages_pending: ns(),
            remapped_rows_correctable: ns(),
            remapped_rows_uncorrectable: ns(),
            remapped_rows_pending: ns(),
            remapped_rows_failure: ns(),
            nvlinks: Field::Missing(Reason::NotSupported),
            mig_mode_current: ns(),
            mig_mode_pending: ns(),
            mig_devices: Field::Missing(Reason::NotSupported),
            fan_speed_rpm: ns(),
            memory_visible_total: ns(),
            memory_visible_used: ns(),
            memory_gtt_total: ns(),
            memory_gtt_used: ns(),
            drm_clients_from: Field::Missing(Reason::Disabled),
        }
    }

    /// This GPU failed as a whole: `error` says why, every field read so far but its
    /// identity is dropped and missing with `reason`.
    pub(crate) fn into_failed(self, reason: Reason, error: String) -> GpuMetrics {
        let mut g = GpuMetrics::unknown(self.index, self.vendor, &self.driver);
        let all = |g: &mut GpuMetrics| g.set_all_missing(reason);
        all(&mut g);
        GpuMetrics {
            uuid: self.uuid,
            name: self.name,
            pci_bus_id: self.pci_bus_id,
            pci_device_id: self.pci_device_id,
            state: GpuState::Failed,
            error: Some(error),
            drm_clients_from: self.drm_clients_from,
            ..g
        }
    }

    /// Every data field missing with `reason` (identity fields left as they are).
    fn set_all_missing(&mut self, reason: Reason) {
        let GpuMetrics {
            index: _,
            uuid: _,
            name: _,
            vendor: _,
            pci_bus_id: _,
            utilization_gpu,
            utilization_memory,
            utilization_encoder,
            utilization_decoder,
            memory_total,
            memory_used,
            memory_free,
            memory_reserved,
            temperature_gpu,
            temperature_memory,
            temperature_slowdown,
            temperature_shutdown,
            power_draw,
            power_limit,
            power_default_limit,
            power_min_limit,
            power_max_limit,
            power_state,
            clock_graphics,
            clock_sm,
            clock_memory,
            clock_video,
            clock_max_graphics,
            clock_max_memory,
            pcie_link_gen_current,
            pcie_link_gen_max,
            pcie_link_width_current,
            pcie_link_width_max,
            pcie_tx_throughput,
            pcie_rx_throughput,
            ecc_enabled,
            ecc_errors_corrected,
            ecc_errors_uncorrected,
            processes,
            fan_speed,
            compute_mode,
            compute_capability,
            state: _,
            error: _,
            driver: _,
            driver_version,
            vbios_version,
            serial,
            pci_device_id: _,
            persistence_mode,
            performance_level,
            clock_event_reasons,
            temperature_hotspot,
            temperature_margin,
            power_draw_instant,
            power_enforced_limit,
            energy_total,
            power_from_energy,
            clock_max_sm,
            clock_max_video,
            clock_min_graphics,
            gt_clocks,
            pcie_replay_errors,
            ecc_errors_corrected_aggregate,
            ecc_errors_uncorrected_aggregate,
            retired_pages_single_bit,
            retired_pages_double_bit,
            retired_pages_pending,
            remapped_rows_correctable,
            remapped_rows_uncorrectable,
            remapped_rows_pending,
            remapped_rows_failure,
            nvlinks,
            mig_mode_current,
            mig_mode_pending,
            mig_devices,
            fan_speed_rpm,
            memory_visible_total,
            memory_visible_used,
            memory_gtt_total,
            memory_gtt_used,
            drm_clients_from: _,
        } = self;
        for f in [
            utilization_gpu,
            utilization_memory,
            utilization_encoder,
            utilization_decoder,
            temperature_gpu,
            temperature_memory,
            temperature_slowdown,
            temperature_shutdown,
            power_draw,
            power_limit,
            power_default_limit,
            power_min_limit,
            power_max_limit,
            temperature_hotspot,
            temperature_margin,
            power_draw_instant,
            power_enforced_limit,
            power_from_energy,
        ] {
            *f = Field::Missing(reason);
        }
        for f in [
            memory_total,
            memory_used,
            memory_free,
            memory_reserved,
            clock_graphics,
            clock_sm,
            clock_memory,
            clock_video,
            clock_max_graphics,
            clock_max_memory,
            pcie_tx_throughput,
            pcie_rx_throughput,
            ecc_errors_corrected,
            ecc_errors_uncorrected,
            energy_total,
            clock_max_sm,
            clock_max_video,
            clock_min_graphics,
            pcie_replay_errors,
            ecc_errors_corrected_aggregate,
            ecc_errors_uncorrected_aggregate,
            retired_pages_single_bit,
            retired_pages_double_bit,
            remapped_rows_correctable,
            remapped_rows_uncorrectable,
            fan_speed_rpm,
            memory_visible_total,
            memory_visible_used,
            memory_gtt_total,
            memory_gtt_used,
        ] {
            *f = Field::Missing(reason);
        }
        for f in [
            power_state,
            pcie_link_gen_current,
            pcie_link_gen_max,
            pcie_link_width_current,
            pcie_link_width_max,
            fan_speed,
        ] {
            *f = Field::Missing(reason);
        }
        for f in [
            ecc_enabled,
            persistence_mode,
            retired_pages_pending,
            remapped_rows_pending,
            remapped_rows_failure,
            mig_mode_current,
            mig_mode_pending,
        ] {
            *f = Field::Missing(reason);
        }
        for f in [driver_version, vbios_version, serial, performance_level] {
            *f = Field::Missing(reason);
        }
        *processes = Field::Missing(reason);
        *compute_mode = Field::Missing(reason);
        *compute_capability = Field::Missing(reason);
        *clock_event_reasons = Field::Missing(reason);
        *gt_clocks = Field::Missing(reason);
        *nvlinks = Field::Missing(reason);
        *mig_devices = Field::Missing(reason);
    }
}

/// What the gpu domain collects. Every option is also `gpu.<name>` in every face.
#[derive(Debug, Clone, PartialEq, Eq, OptionSet)]
pub struct GpuOptions {
    /// Ask NVML for NVIDIA GPUs (default on; off: NVML is not loaded).
    pub nvml: bool,
    /// The NVML library to load (default: `libnvidia-ml.so.1` from the loader's path, or
    /// the `LIBPROBE_NVML_LIBRARY` environment variable). On a fixture tree NVML is
    /// loaded only when this or the variable names a library, so that a fixture never
    /// reports the testing machine's GPUs.
    pub nvml_library: Option<std::path::PathBuf>,
    /// PCIe throughput (`pcie_tx_throughput`, `pcie_rx_throughput`): NVML samples each
    /// direction for about 20 ms, so this adds ~40 ms per NVIDIA GPU to a snapshot.
    /// Default off.
    pub pcie_throughput: bool,
    /// NVML's total energy counter (`energy_total`, `power_from_energy`): about 3 ms per
    /// call on an H100 (driver 580, measured), so default off. Sysfs energy counters
    /// (AMD, Intel) are always read.
    pub nvml_energy: bool,
    /// Per-process SM, memory, encoder and decoder use from NVML's sample buffer
    /// (default on; a few µs per GPU).
    pub process_utilization: bool,
    /// NVLink state and error counters (default on; one NVML call per link and counter
    /// on GPUs that have NVLink).
    pub nvlink: bool,
    /// Find DRM clients by walking every process's descriptors (a `readlink` per open
    /// descriptor of every visible process) when the process domain did not walk them
    /// (`process.fds`). Default off: without either, `processes` holds NVML's only.
    pub drm_clients: bool,
    /// amdgpu's binary `gpu_metrics` table (default on): energy, video clock, throttle
    /// reasons and what sysfs lacks.
    pub gpu_metrics: bool,
}

impl Default for GpuOptions {
    fn default() -> Self {
        GpuOptions {
            nvml: true,
            nvml_library: None,
            pcie_throughput: false,
            nvml_energy: false,
            process_utilization: true,
            nvlink: true,
            drm_clients: false,
            gpu_metrics: true,
        }
    }
}

impl GpuOptions {
    /// Every field group, the blocking and costly ones included.
    pub fn everything() -> GpuOptions {
        GpuOptions { pcie_throughput: true, nvml_energy: true, drm_clients: true, ..GpuOptions::default() }
    }
}

/// The gpu domain in the registry.
#[derive(Debug)]
pub(crate) struct GpuDomain;

impl Collector for GpuDomain {
    type Options = GpuOptions;
    type Output = Vec<GpuMetrics>;
    type State = crate::sys::imp::gpu::State;

    fn collect(cx: &mut Cx<'_>, options: &GpuOptions, state: &mut Self::State) -> Domain<Vec<GpuMetrics>> {
        crate::sys::imp::gpu::collect(cx, options, state)
    }
}
