//! The storage domain: SMART health without smartctl, ZFS pools, Btrfs filesystems and LVM
//! volume groups without their tools (specification section 5).
//!
//! Everything is read natively and read-only, with no process spawned:
//!
//! - **SMART** through the kernel's pass-through ioctls: NVMe admin commands (Identify
//!   Controller, the SMART / Health log page 02h), ATA commands wrapped in SCSI ATA
//!   PASS-THROUGH (16) over `SG_IO` (IDENTIFY DEVICE, SMART READ DATA, READ THRESHOLDS,
//!   RETURN STATUS) for SATA disks and USB bridges that speak SAT, and SCSI commands
//!   (INQUIRY, READ CAPACITY, LOG SENSE) for SAS. Only commands that read are sent. An ATA
//!   disk is asked its power mode first (CHECK POWER MODE) and left alone when it sleeps:
//!   its SMART fields are then `standby`. Without root (CAP_SYS_RAWIO / CAP_SYS_ADMIN) the
//!   SMART fields are `permission_denied`, and what sysfs tells anyone — model, serial,
//!   firmware, size, rotation, the NVMe temperature sensor — is still given.
//! - **ZFS** from `/proc/spl/kstat/zfs` (pool state, I/O counters, datasets, ARC) and the
//!   pool configuration (`ZFS_IOC_POOL_STATS` on `/dev/zfs`: a packed nvlist decoded by
//!   libprobe's own decoder) for sizes, fragmentation and the vdev tree with its errors.
//! - **Btrfs** from `/sys/fs/btrfs/<uuid>` and the `BTRFS_IOC_FS_INFO`,
//!   `BTRFS_IOC_DEV_INFO` and `BTRFS_IOC_GET_DEV_STATS` ioctls on the mounted filesystem.
//! - **LVM** from the LVM2 on-disk format read from each block device (label, PV header,
//!   metadata area and the volume group's text metadata, parsed here), with the
//!   device-mapper state of active volumes from `/sys/block/dm-*/dm`. Reading block devices
//!   needs root; without it `lvm` is `permission_denied`.
//!
//! Each of the four parts is a [`Field`]: `not_present` when this machine has none (no ZFS
//! module, no Btrfs mounted, no physical volume, no disk that speaks SMART), `disabled` when
//! the options turned it off. The domain is `skipped` (`not_present`) when all four are
//! absent.

use libprobe_derive::{OptionSet, Record, RecordEnum};

use crate::domain::{Collector, Cx};
use crate::model::{Domain, Field};
use crate::text::ByteStr;

/// The command set a disk speaks.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, RecordEnum)]
#[repr(u8)]
pub enum StorageProtocol {
    /// ATA (SATA or PATA), directly or through a SCSI/ATA translation layer (libata, a USB
    /// bridge that speaks SAT).
    Sata = 1,
    /// NVM Express.
    Nvme = 2,
    /// The SCSI command set: SAS, and other SCSI transports (FC, iSCSI, USB mass storage
    /// without SAT).
    Sas = 3,
}

/// The overall health verdict of a disk.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, RecordEnum)]
#[repr(u8)]
pub enum SmartStatus {
    Passed = 1,
    /// ATA: SMART RETURN STATUS reports a threshold exceeded. NVMe: a critical warning bit
    /// is set. SCSI: the informational exceptions log page reports a failure prediction.
    Failed = 2,
}

/// An ATA disk's power mode (CHECK POWER MODE).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, RecordEnum)]
#[repr(u8)]
pub enum PowerMode {
    /// Active or idle (`FFh`).
    Active = 1,
    /// Idle (`80h`–`83h`): spinning, heads may be unloaded.
    Idle = 2,
    /// Standby (`00h`, `01h`): spun down. libprobe sends it nothing more.
    Standby = 3,
    /// A value this version of libprobe does not know.
    Unknown = 0,
}

/// One ATA SMART attribute (SMART READ DATA joined with READ THRESHOLDS by id).
#[derive(Debug, Clone, PartialEq, Record)]
pub struct SmartAttribute {
    /// The attribute id (1–255).
    pub id: u8,
    /// libprobe's name for the common ids (`reallocated_sectors`, `power_on_hours`,
    /// `temperature`, …: their usual meaning, which vendors may change), `unknown`
    /// otherwise.
    pub name: String,
    /// The normalised value (1–253 on most drives; higher is better).
    pub value: u8,
    /// The worst normalised value seen.
    pub worst: u8,
    /// The failure threshold from READ THRESHOLDS: `value <= threshold` means the attribute
    /// failed. `not_supported` when the thresholds could not be read or carry no entry for
    /// this id.
    pub threshold: Field<u8>,
    /// The 48-bit raw value, little-endian as the drive stores it (its meaning is vendor
    /// specific; `raw_value & 0xff` is the temperature for ids 190 and 194). A gauge: some
    /// ids count, others measure; the counters libprobe knows by id are `SmartMetrics`
    /// fields.
    pub raw_value: u64,
    /// The status flags: bit 0 pre-failure (else advisory), bit 1 updated online, bit 2
    /// performance, bit 3 error rate, bit 4 event count, bit 5 self-preserving.
    pub flags: u16,
}

/// SMART health of one disk (an NVMe controller, an ATA or a SCSI disk).
///
/// Fields a protocol does not have are `not_supported` (an NVMe drive has no attribute
/// table, an ATA drive no spare percentage). SMART fields are `permission_denied` without
/// root, and `standby` for an ATA disk that was spun down (it is not woken).
#[derive(Debug, Clone, PartialEq, Record)]
pub struct SmartMetrics {
    /// The kernel's name: `sda`, `nvme0` (an NVMe controller; its namespaces are
    /// `nvme0n1`, …).
    pub device: String,
    /// The device node queried (`/dev/sda`, `/dev/nvme0`).
    pub path: String,
    pub model: Field<String>,
    /// The serial number (redacted in libprobe's test fixtures).
    pub serial: Field<String>,
    pub firmware: Field<String>,
    /// User capacity. NVMe: total NVM capacity, else the sum of the namespaces' sizes.
    #[record(unit = "bytes")]
    pub capacity_bytes: Field<u64>,
    /// Nominal rotation rate; 0 for a solid-state device. `not_supported` when the device
    /// does not report it (older ATA disks, NVMe).
    #[record(unit = "rpm")]
    pub rotation_rate: Field<u16>,
    /// Nominal form factor (`3.5 inches`, `2.5 inches`, `M.2`, …); `not_supported` when
    /// the device does not report it.
    pub form_factor: Field<String>,
    pub protocol: StorageProtocol,
    /// SMART is enabled (ATA IDENTIFY word 85; always on for NVMe; SCSI informational
    /// exceptions reporting, `MRIE` not 0, from the log page's presence).
    pub smart_enabled: Field<bool>,
    pub smart_status: Field<SmartStatus>,
    /// Current temperature. ATA: attribute 194 (else 190), raw low byte. NVMe: the
    /// composite temperature. SCSI: the temperature log page. Without SMART access, the
    /// NVMe hwmon sensor (`temp1_input`, readable by anyone).
    #[record(unit = "celsius")]
    pub temperature_celsius: Field<i32>,
    /// ATA: attribute 9, low 32 bits of the raw value (hours on most drives; a few
    /// vendors count minutes there). NVMe: power-on hours. SCSI: accumulated power-on
    /// minutes of log page 15h, in whole hours.
    #[record(unit = "hours", counter)]
    pub power_on_hours: Field<u64>,
    /// ATA: attribute 12. NVMe: power cycles. SCSI: accumulated start-stop cycles (log page
    /// 0Eh).
    #[record(counter)]
    pub power_cycle_count: Field<u64>,
    /// ATA attribute 5, raw value.
    #[record(counter)]
    pub reallocated_sector_count: Field<u64>,
    /// ATA attribute 197 (current pending sectors), raw value. A gauge: it falls when the
    /// drive rewrites or reallocates a pending sector.
    pub pending_sector_count: Field<u64>,
    /// ATA attribute 198 (offline uncorrectable sectors), raw value. A gauge: on most
    /// drives it falls as 197 does.
    pub uncorrectable_sector_count: Field<u64>,
    /// Remaining endurance, percent (100 when new). ATA: the normalised value of the first
    /// wear attribute the drive has among 177, 231, 233, 173 (a value the drive reports
    /// above 100 is `error`). NVMe: 100 minus percentage used, 0 once the rated endurance
    /// is used up. `not_supported` for drives without one (disks that spin).
    #[record(unit = "percent")]
    pub wear_leveling_count: Field<u8>,
    /// NVMe: available spare capacity, percent.
    #[record(unit = "percent")]
    pub nvme_spare_percent: Field<u8>,
    /// NVMe: shutdowns without a shutdown notification.
    #[record(counter)]
    pub nvme_unsafe_shutdowns: Field<u64>,
    /// NVMe: unrecovered data integrity errors.
    #[record(counter)]
    pub nvme_media_errors: Field<u64>,
    /// Every attribute (ATA only; empty for NVMe and SCSI, and when SMART could not be
    /// read).
    pub attributes: Vec<SmartAttribute>,

    // Beyond the specification.
    /// ATA: the power mode CHECK POWER MODE reported before anything else was sent.
    pub power_mode: Field<PowerMode>,
    /// NVMe: the critical warning bits (0 spare below threshold, 1 temperature out of
    /// range, 2 reliability degraded, 3 read-only, 4 volatile backup failed, 5 persistent
    /// memory read-only).
    pub nvme_critical_warning: Field<u8>,
    /// NVMe: the spare threshold below which the drive warns, percent.
    #[record(unit = "percent")]
    pub nvme_spare_threshold_percent: Field<u8>,
    /// NVMe: vendor estimate of the rated endurance used, percent (may exceed 100).
    #[record(unit = "percent")]
    pub nvme_percentage_used: Field<u8>,
    /// NVMe: data read by the host (data units of 1000 × 512 bytes, converted); `error`
    /// when the 128-bit counter does not fit 64 bits.
    #[record(unit = "bytes", counter)]
    pub nvme_data_read_bytes: Field<u64>,
    /// NVMe: data written by the host.
    #[record(unit = "bytes", counter)]
    pub nvme_data_written_bytes: Field<u64>,
    /// NVMe: read commands completed.
    #[record(counter)]
    pub nvme_host_read_commands: Field<u64>,
    /// NVMe: write commands completed.
    #[record(counter)]
    pub nvme_host_write_commands: Field<u64>,
    /// NVMe: time the controller was busy with I/O.
    #[record(unit = "minutes", counter)]
    pub nvme_controller_busy_minutes: Field<u64>,
    /// NVMe: error information log entries over the drive's life.
    #[record(counter)]
    pub nvme_error_log_entries: Field<u64>,
    /// NVMe: time spent above the warning composite temperature threshold.
    #[record(unit = "minutes", counter)]
    pub nvme_warning_temperature_minutes: Field<u64>,
    /// NVMe: time spent above the critical composite temperature threshold.
    #[record(unit = "minutes", counter)]
    pub nvme_critical_temperature_minutes: Field<u64>,
    /// NVMe: temperature sensors 1–8 that report one.
    #[record(unit = "celsius")]
    pub nvme_temperature_sensors_celsius: Field<Vec<i32>>,
    /// The temperature the device warns at: NVMe WCTEMP (Identify), SCSI reference
    /// temperature ("trip"); `not_supported` when the device gives none.
    #[record(unit = "celsius")]
    pub temperature_warning_celsius: Field<i32>,
    /// NVMe: the critical composite temperature threshold (CCTEMP).
    #[record(unit = "celsius")]
    pub temperature_critical_celsius: Field<i32>,
    /// SCSI: total uncorrected read errors (read error counter log page 03h, parameter
    /// 0006h); `not_supported` when the device keeps no such page.
    #[record(counter)]
    pub scsi_read_uncorrected_errors: Field<u64>,
    /// SCSI: total uncorrected write errors (write error counter log page 02h).
    #[record(counter)]
    pub scsi_write_uncorrected_errors: Field<u64>,
}

/// Health of a ZFS pool or vdev.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, RecordEnum)]
#[repr(u8)]
pub enum ZfsHealth {
    Online = 1,
    Degraded = 2,
    Faulted = 3,
    Offline = 4,
    /// The device could not be opened.
    Unavail = 5,
    Removed = 6,
    /// I/O to the pool is suspended (failmode=wait after errors).
    Suspended = 7,
    /// A state this version of libprobe does not know.
    Unknown = 0,
}

/// One vdev of a pool's tree, depth first (the root is the pool itself, depth 0).
#[derive(Debug, Clone, PartialEq, Record)]
pub struct ZfsVdev {
    /// As `zpool status` names it: the pool name for the root, `mirror-0`, `raidz1-0` for
    /// groups, the device path (or its last component) for leaves.
    pub name: String,
    /// `root`, `mirror`, `raidz`, `draid`, `disk`, `file`, `spare`, `replacing`, `hole`, …
    pub vdev_type: String,
    /// 0 for the root, 1 for top-level vdevs, …
    pub depth: u32,
    pub guid: Field<u64>,
    /// A leaf's device path.
    pub path: Option<String>,
    pub health: Field<ZfsHealth>,
    /// Allocated space (top-level vdevs and the root).
    #[record(unit = "bytes")]
    pub allocated_bytes: Field<u64>,
    /// Usable space.
    #[record(unit = "bytes")]
    pub size_bytes: Field<u64>,
    /// Errors since the pool was imported or last cleared (`zpool clear`), as `zpool
    /// status` counts them.
    #[record(counter)]
    pub read_errors: Field<u64>,
    #[record(counter)]
    pub write_errors: Field<u64>,
    #[record(counter)]
    pub checksum_errors: Field<u64>,
    /// A log (ZIL) device.
    pub is_log: bool,
}

/// One dataset's I/O counters (`objset-*` kstat, ZFS 0.8+; only datasets that are mounted
/// or open have one). A counter whose value does not parse, or whose row is missing, is
/// that counter's `error` with a warning; the dataset is kept.
#[derive(Debug, Clone, PartialEq, Record)]
pub struct ZfsDataset {
    pub name: String,
    /// The objset id (from the kstat name `objset-0x…`).
    pub objset_id: u64,
    #[record(counter)]
    pub reads: Field<u64>,
    #[record(counter)]
    pub writes: Field<u64>,
    #[record(unit = "bytes", counter)]
    pub read_bytes: Field<u64>,
    #[record(unit = "bytes", counter)]
    pub written_bytes: Field<u64>,
    /// Files unlinked.
    #[record(counter)]
    pub unlinks: Field<u64>,
    /// Unlinked files whose space was reclaimed.
    #[record(counter)]
    pub unlinked: Field<u64>,
}

/// One imported ZFS pool.
#[derive(Debug, Clone, PartialEq, Record)]
pub struct ZfsPoolMetrics {
    pub name: String,
    pub guid: Field<u64>,
    /// From the `state` kstat (ZFS 0.8+), else the root vdev's state.
    pub health: Field<ZfsHealth>,
    /// Usable size (the root vdev's space).
    #[record(unit = "bytes")]
    pub size_bytes: Field<u64>,
    #[record(unit = "bytes")]
    pub allocated_bytes: Field<u64>,
    #[record(unit = "bytes")]
    pub free_bytes: Field<u64>,
    /// Free-space fragmentation; `not_supported` when the pool does not track it.
    #[record(unit = "percent")]
    pub fragmentation_percent: Field<f64>,
    /// `allocated / size`.
    #[record(unit = "percent")]
    pub capacity_percent: Field<f64>,
    /// The pool's `dedupratio` property (`ZFS_IOC_POOL_GET_PROPS`).
    pub dedup_ratio: Field<f64>,
    /// The root dataset's `compressratio` (`ZFS_IOC_OBJSET_STATS`).
    pub compression_ratio: Field<f64>,
    /// The vdev tree, depth first.
    pub vdevs: Vec<ZfsVdev>,
    pub datasets: Vec<ZfsDataset>,
    /// Read operations since import (root vdev statistics; the `io` kstat before ZFS 2.1).
    #[record(counter)]
    pub read_ops: Field<u64>,
    #[record(counter)]
    pub write_ops: Field<u64>,
    /// Bytes read per second since the previous snapshot of the same probe
    /// (`no_previous_sample` on the first).
    #[record(unit = "bytes/s")]
    pub read_bandwidth: Field<u64>,
    /// Bytes written per second since the previous snapshot.
    #[record(unit = "bytes/s")]
    pub write_bandwidth: Field<u64>,
    /// Pool-level error counts (the root vdev's, as `zpool status` shows on the pool line).
    #[record(counter)]
    pub read_errors: Field<u64>,
    #[record(counter)]
    pub write_errors: Field<u64>,
    #[record(counter)]
    pub checksum_errors: Field<u64>,

    // Beyond the specification.
    /// Bytes read since import.
    #[record(unit = "bytes", counter)]
    pub read_bytes: Field<u64>,
    #[record(unit = "bytes", counter)]
    pub written_bytes: Field<u64>,
}

/// The ZFS adaptive replacement cache (`/proc/spl/kstat/zfs/arcstats`), beyond the
/// specification.
#[derive(Debug, Clone, PartialEq, Record)]
pub struct ZfsArcStats {
    #[record(unit = "bytes")]
    pub size_bytes: Field<u64>,
    /// The target size (`c`).
    #[record(unit = "bytes")]
    pub target_bytes: Field<u64>,
    #[record(unit = "bytes")]
    pub min_bytes: Field<u64>,
    #[record(unit = "bytes")]
    pub max_bytes: Field<u64>,
    #[record(counter)]
    pub hits: Field<u64>,
    #[record(counter)]
    pub misses: Field<u64>,
    /// Most-recently-used list size.
    #[record(unit = "bytes")]
    pub mru_bytes: Field<u64>,
    /// Most-frequently-used list size.
    #[record(unit = "bytes")]
    pub mfu_bytes: Field<u64>,
    #[record(counter)]
    pub l2_hits: Field<u64>,
    #[record(counter)]
    pub l2_misses: Field<u64>,
}

/// One device of a Btrfs filesystem.
#[derive(Debug, Clone, PartialEq, Record)]
pub struct BtrfsDevice {
    pub devid: u64,
    /// The device path (`BTRFS_IOC_DEV_INFO`), else `/dev/` and the sysfs name.
    pub path: Field<String>,
    /// The size the filesystem uses on this device.
    #[record(unit = "bytes")]
    pub size_bytes: Field<u64>,
    /// Allocated to chunks on this device.
    #[record(unit = "bytes")]
    pub allocated_bytes: Field<u64>,
    /// `size - allocated`.
    #[record(unit = "bytes")]
    pub unallocated_bytes: Field<u64>,
    /// I/O errors since the counters were last reset (`btrfs device stats`).
    #[record(counter)]
    pub write_errors: Field<u64>,
    #[record(counter)]
    pub read_errors: Field<u64>,
    #[record(counter)]
    pub flush_errors: Field<u64>,
    /// Checksum mismatches.
    #[record(counter)]
    pub corruption_errors: Field<u64>,
    /// Blocks with an unexpected generation (lost writes).
    #[record(counter)]
    pub generation_errors: Field<u64>,
    /// The device is missing (`devinfo/<id>/missing`, Linux 5.9+).
    pub missing: Field<bool>,
    pub writeable: Field<bool>,
}

/// One block-group type's allocation (`/sys/fs/btrfs/<uuid>/allocation/<type>`).
#[derive(Debug, Clone, PartialEq, Record)]
pub struct BtrfsAllocation {
    /// `data`, `metadata` or `system`.
    pub kind: String,
    /// The profiles holding chunks of this type (`single`, `dup`, `raid0`, `raid1`, …).
    pub profiles: Vec<String>,
    /// Logical size of the chunks (`btrfs filesystem usage`'s `Size:`).
    #[record(unit = "bytes")]
    pub total_bytes: u64,
    /// Logical bytes used in them.
    #[record(unit = "bytes")]
    pub used_bytes: u64,
    /// Raw device space of the chunks (copies included).
    #[record(unit = "bytes")]
    pub disk_total_bytes: u64,
    #[record(unit = "bytes")]
    pub disk_used_bytes: u64,
}

/// One mounted Btrfs filesystem.
#[derive(Debug, Clone, PartialEq, Record)]
pub struct BtrfsMetrics {
    /// The filesystem UUID (the `/sys/fs/btrfs` directory name).
    pub uuid: String,
    /// The label; `null` when it has none.
    pub label: Option<String>,
    pub devices: Vec<BtrfsDevice>,
    /// Total size of the devices (`Device size` of `btrfs filesystem usage`).
    #[record(unit = "bytes")]
    pub total_bytes: Field<u64>,
    /// Raw space used, copies included (`Used`).
    #[record(unit = "bytes")]
    pub used_bytes: u64,
    /// Raw space per logical byte of data (1.0 single/raid0, 2.0 raid1/dup, …).
    pub data_ratio: Field<f64>,
    /// Raw space per logical byte of metadata.
    pub metadata_ratio: Field<f64>,
    /// The current transaction generation (`BTRFS_IOC_FS_INFO`, Linux 5.15+; sysfs
    /// `generation` otherwise).
    pub generation: Field<u64>,

    // Beyond the specification.
    /// Where it is mounted (the first mount seen).
    pub mount_point: Field<ByteStr>,
    /// Raw space allocated to chunks (`Device allocated`).
    #[record(unit = "bytes")]
    pub allocated_bytes: u64,
    /// `total - allocated` (`Device unallocated`).
    #[record(unit = "bytes")]
    pub unallocated_bytes: Field<u64>,
    /// Free space for data, estimated as `btrfs filesystem usage` does: unused data chunk
    /// space plus unallocated space divided by the data ratio.
    #[record(unit = "bytes")]
    pub free_estimated_bytes: Field<u64>,
    /// Global block reserve size.
    #[record(unit = "bytes")]
    pub global_reserve_bytes: Field<u64>,
    /// Global block reserve in use.
    #[record(unit = "bytes")]
    pub global_reserve_used_bytes: Field<u64>,
    /// Data, metadata and system allocation.
    pub allocations: Vec<BtrfsAllocation>,
    #[record(unit = "bytes")]
    pub node_size: Field<u32>,
    #[record(unit = "bytes")]
    pub sector_size: Field<u32>,
}

/// The device-mapper state of an active logical volume (`/sys/block/dm-*/dm`).
#[derive(Debug, Clone, PartialEq, Record)]
pub struct DeviceMapperState {
    /// The kernel device (`dm-3`).
    pub device: String,
    /// The mapped device name (`vg-lv`, dashes in names doubled).
    pub name: String,
    pub suspended: Field<bool>,
}

/// One logical volume.
#[derive(Debug, Clone, PartialEq, Record)]
pub struct LogicalVolume {
    pub name: String,
    pub uuid: String,
    /// Virtual size (the sum of the segments' extents).
    #[record(unit = "bytes")]
    pub size_bytes: u64,
    pub extent_count: u64,
    /// The type of each segment, as `lvs -o segtype` names it: `linear`, `striped`,
    /// `raid1`, `raid5`, `mirror`, `thin-pool`, `thin`, `cache`, `cache-pool`, `snapshot`,
    /// `vdo`, `error`, `zero`, …
    pub segment_types: Vec<String>,
    /// The metadata status flags: `READ`, `WRITE`, `VISIBLE`, …
    pub status: Vec<String>,
    /// Shown by `lvs` without `-a` (internal volumes such as `pool_tdata` are not).
    pub visible: bool,
    /// Areas of the first segment, as `lvs -o stripes` counts them: stripes (1 for
    /// linear), raid or mirror images, 1 for a pool (its data volume), 0 for a thin volume.
    pub stripes: Field<u32>,
    #[record(unit = "bytes")]
    pub stripe_size_bytes: Field<u64>,
    /// A thin volume's pool, a cached volume's cache pool.
    pub pool_lv: Option<String>,
    /// A snapshot's origin (old-style or thin).
    pub origin: Option<String>,
    /// The physical volumes its extents lie on (directly), by name.
    pub devices: Vec<String>,
    /// When the volume was created (Unix seconds), as the metadata records it.
    #[record(unit = "s")]
    pub creation_time: Field<u64>,
    pub creation_host: Field<String>,
    /// `not_present` when the volume is not active (no device-mapper device).
    pub device_mapper: Field<DeviceMapperState>,
}

/// One physical volume.
#[derive(Debug, Clone, PartialEq, Record)]
pub struct PhysicalVolume {
    /// The device it was read from (`/dev/sdb1`); `not_present` for a PV the volume
    /// group lists but this machine does not show (missing).
    pub name: Field<String>,
    pub uuid: String,
    /// The device size the PV header records.
    #[record(unit = "bytes")]
    pub device_size_bytes: Field<u64>,
    /// The PV's usable size as `pvs` shows `pv_size`: its extents × the extent size in a
    /// volume group, the device size for an orphan.
    #[record(unit = "bytes")]
    pub size_bytes: Field<u64>,
    /// Where the first extent starts.
    #[record(unit = "bytes")]
    pub pe_start_bytes: Field<u64>,
    pub extent_count: u64,
    pub allocated_extent_count: u64,
    /// Unallocated extents × extent size.
    #[record(unit = "bytes")]
    pub free_bytes: u64,
    /// `ALLOCATABLE`, … (`MISSING` when the VG flags it lost).
    pub status: Vec<String>,
    /// Metadata areas on this device.
    pub mda_count: Field<u32>,
}

/// One LVM volume group (from the newest metadata copy on its physical volumes).
#[derive(Debug, Clone, PartialEq, Record)]
pub struct VolumeGroup {
    pub name: String,
    pub uuid: String,
    #[record(unit = "bytes")]
    pub size_bytes: u64,
    #[record(unit = "bytes")]
    pub free_bytes: u64,
    #[record(unit = "bytes")]
    pub extent_size: u64,
    pub extent_count: u64,
    pub free_extent_count: u64,
    pub pv_count: u32,
    /// Visible logical volumes (as `vgs` counts them).
    pub lv_count: u32,
    /// Every logical volume, internal ones included (see [`LogicalVolume::visible`]).
    pub logical_volumes: Vec<LogicalVolume>,
    pub physical_volumes: Vec<PhysicalVolume>,

    // Beyond the specification.
    /// The metadata sequence number.
    pub seqno: u64,
    /// `RESIZEABLE`, `READ`, `WRITE`, `EXPORTED`, …
    pub status: Vec<String>,
    /// Physical volumes the metadata lists that were not found.
    pub missing_pv_count: u32,
}

/// LVM.
#[derive(Debug, Clone, PartialEq, Record)]
pub struct LvmMetrics {
    pub volume_groups: Vec<VolumeGroup>,
    /// Physical volumes in no volume group (beyond the specification).
    pub orphan_physical_volumes: Vec<PhysicalVolume>,
}

/// Disk health and volume managers: SMART, ZFS, Btrfs, LVM.
#[derive(Debug, Clone, PartialEq, Record)]
pub struct Storage {
    /// SMART health of every disk: NVMe controllers, ATA and SCSI disks.
    pub smart: Field<Vec<SmartMetrics>>,
    /// Every imported ZFS pool; `not_present` without the ZFS module.
    pub zfs_pools: Field<Vec<ZfsPoolMetrics>>,
    /// The ZFS ARC (beyond the specification).
    pub zfs_arc: Field<ZfsArcStats>,
    /// Every mounted Btrfs filesystem.
    pub btrfs: Field<Vec<BtrfsMetrics>>,
    /// LVM volume groups; `permission_denied` without root (block devices are read).
    pub lvm: Field<LvmMetrics>,
}

/// What the storage domain collects. Every part is on by default; each costs a few
/// reads or ioctls per device.
#[derive(Debug, Clone, PartialEq, Eq, OptionSet)]
pub struct StorageOptions {
    /// SMART health (default on): two to five pass-through commands per disk, never to a
    /// disk in standby.
    pub smart: bool,
    /// ZFS pools and the ARC (default on): kstat files and three ioctls per pool.
    pub zfs: bool,
    /// Btrfs filesystems (default on): sysfs files and two ioctls per device.
    pub btrfs: bool,
    /// LVM (default on): reads each block device's first sectors and its metadata area
    /// (root only).
    pub lvm: bool,
    /// Only these block devices or NVMe controllers for SMART and LVM (kernel names:
    /// `sda`, `nvme0`); empty for all (default).
    pub devices: Vec<String>,
}

impl Default for StorageOptions {
    fn default() -> Self {
        StorageOptions { smart: true, zfs: true, btrfs: true, lvm: true, devices: Vec::new() }
    }
}

impl StorageOptions {
    /// Whether `name` (a block device or NVMe controller) is selected by `devices`.
    pub fn wants_device(&self, name: &str) -> bool {
        self.devices.is_empty() || self.devices.iter().any(|d| d == name)
    }
}

/// The storage domain in the registry.
#[derive(Debug)]
pub(crate) struct StorageDomain;

impl Collector for StorageDomain {
    type Options = StorageOptions;
    type Output = Storage;
    type State = crate::sys::imp::storage::State;

    fn collect(cx: &mut Cx<'_>, options: &StorageOptions, state: &mut Self::State) -> Domain<Storage> {
        crate::sys::imp::storage::collect(cx, options, state)
    }
}
