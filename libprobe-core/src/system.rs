//! The system domain: CPU times and topology, memory, load, pressure, disks and mounted
//! filesystems — what every probe user expects beside the process table.
//!
//! CPU times are in clock ticks (see [`crate::Source::clock_ticks`]), sizes in bytes,
//! durations in the unit their name carries.

use libprobe_derive::Record;

use crate::model::Field;
use crate::process::Pressure;
use crate::schema::OrderedMap;
use crate::text::ByteStr;

/// Time spent in each CPU mode (a `cpu` line of `/proc/stat`), in clock ticks.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Record)]
pub struct CpuTimes {
    #[record(unit = "ticks")]
    pub user: u64,
    #[record(unit = "ticks")]
    pub nice: u64,
    #[record(unit = "ticks")]
    pub system: u64,
    #[record(unit = "ticks")]
    pub idle: u64,
    #[record(unit = "ticks")]
    pub iowait: u64,
    #[record(unit = "ticks")]
    pub irq: u64,
    #[record(unit = "ticks")]
    pub softirq: u64,
    /// Time stolen by the hypervisor.
    #[record(unit = "ticks")]
    pub steal: u64,
    /// Time running guests (already included in `user`).
    #[record(unit = "ticks")]
    pub guest: u64,
    /// Time running niced guests (already included in `nice`).
    #[record(unit = "ticks")]
    pub guest_nice: u64,
}

impl CpuTimes {
    /// All time, guests excluded (they are already counted in user and nice).
    pub fn total(&self) -> u64 {
        self.user + self.nice + self.system + self.idle + self.iowait + self.irq + self.softirq + self.steal
    }

    /// Time not idle (idle and iowait excluded).
    pub fn busy(&self) -> u64 {
        self.total() - self.idle - self.iowait
    }
}

/// One logical CPU.
#[derive(Debug, Clone, PartialEq, Record)]
pub struct Cpu {
    /// The logical CPU number.
    pub id: u32,
    pub online: bool,
    /// Mode times; missing for an offline CPU.
    pub times: Field<CpuTimes>,
    /// Busy share since the previous snapshot of the same `Probe`.
    #[record(unit = "percent")]
    pub percent: Field<f64>,
    /// Physical package (socket).
    pub package_id: Field<i32>,
    pub die_id: Field<i32>,
    pub cluster_id: Field<i32>,
    pub core_id: Field<i32>,
    /// Logical CPUs sharing this core (SMT siblings), this one included.
    pub thread_siblings: Field<Vec<u32>>,
    /// Current frequency (cpufreq `scaling_cur_freq`, else `/proc/cpuinfo`).
    #[record(unit = "MHz")]
    pub frequency_mhz: Field<f64>,
    #[record(unit = "MHz")]
    pub frequency_min_mhz: Field<f64>,
    #[record(unit = "MHz")]
    pub frequency_max_mhz: Field<f64>,
    /// The cpufreq governor (`schedutil`, `performance`, …).
    pub governor: Field<String>,
}

/// Physical memory and swap (`/proc/meminfo`), the fields most tools show.
#[derive(Debug, Clone, PartialEq, Record)]
pub struct Memory {
    #[record(unit = "bytes")]
    pub total: u64,
    #[record(unit = "bytes")]
    pub free: u64,
    /// An estimate of memory available for new work without swapping (Linux 3.14+).
    #[record(unit = "bytes")]
    pub available: Field<u64>,
    #[record(unit = "bytes")]
    pub buffers: Field<u64>,
    /// Page cache, reclaimable slab excluded (`Cached`).
    #[record(unit = "bytes")]
    pub cached: Field<u64>,
    /// Shared memory (tmpfs, shm; `Shmem`).
    #[record(unit = "bytes")]
    pub shared: Field<u64>,
    /// `total - available` (or `total - free - buffers - cached` before 3.14).
    #[record(unit = "bytes")]
    pub used: u64,
    #[record(unit = "percent")]
    pub used_percent: f64,
    #[record(unit = "bytes")]
    pub swap_total: Field<u64>,
    #[record(unit = "bytes")]
    pub swap_free: Field<u64>,
    #[record(unit = "bytes")]
    pub swap_used: Field<u64>,
}

/// `/proc/loadavg`.
#[derive(Debug, Clone, Copy, PartialEq, Record)]
pub struct LoadAverage {
    pub load1: f64,
    pub load5: f64,
    pub load15: f64,
    /// Runnable scheduling entities now.
    pub runnable: u32,
    /// Scheduling entities (threads) that exist.
    pub total: u32,
    /// The most recently created pid.
    pub last_pid: i32,
}

/// System-wide pressure stall information (`/proc/pressure/*`, Linux 4.20+ with PSI on).
#[derive(Debug, Clone, PartialEq, Record)]
pub struct SystemPressure {
    pub cpu: Field<Pressure>,
    pub memory: Field<Pressure>,
    pub io: Field<Pressure>,
    /// Linux 6.1+ with `CONFIG_IRQ_TIME_ACCOUNTING`.
    pub irq: Field<Pressure>,
}

/// One block device line of `/proc/diskstats`.
#[derive(Debug, Clone, PartialEq, Record)]
pub struct DiskStats {
    pub name: ByteStr,
    pub major: u32,
    pub minor: u32,
    pub reads_completed: u64,
    pub reads_merged: u64,
    /// 512-byte sectors, whatever the device's sector size.
    #[record(unit = "sectors")]
    pub sectors_read: u64,
    #[record(unit = "bytes")]
    pub read_bytes: u64,
    #[record(unit = "ms")]
    pub read_time_ms: u64,
    pub writes_completed: u64,
    pub writes_merged: u64,
    #[record(unit = "sectors")]
    pub sectors_written: u64,
    #[record(unit = "bytes")]
    pub write_bytes: u64,
    #[record(unit = "ms")]
    pub write_time_ms: u64,
    pub io_in_progress: u64,
    /// Time the device had I/O in flight.
    #[record(unit = "ms")]
    pub io_time_ms: u64,
    /// In-flight time weighted by queue depth.
    #[record(unit = "ms")]
    pub weighted_io_time_ms: u64,
    /// Linux 4.18+.
    pub discards_completed: Field<u64>,
    pub discards_merged: Field<u64>,
    #[record(unit = "sectors")]
    pub sectors_discarded: Field<u64>,
    #[record(unit = "ms")]
    pub discard_time_ms: Field<u64>,
    /// Linux 5.5+.
    pub flushes_completed: Field<u64>,
    #[record(unit = "ms")]
    pub flush_time_ms: Field<u64>,
}

/// One mounted filesystem (`/proc/self/mountinfo`) with its `statvfs` sizes.
#[derive(Debug, Clone, PartialEq, Record)]
pub struct Filesystem {
    pub mount_id: u32,
    pub parent_id: u32,
    /// `major:minor` of the device (`st_dev` of files on it).
    pub device: String,
    /// The device or source (`/dev/vda1`, `tmpfs`, `server:/export`).
    pub source: ByteStr,
    pub mount_point: ByteStr,
    /// The directory of the filesystem mounted here (`/` unless a bind mount of a subtree).
    pub root: ByteStr,
    pub fs_type: String,
    /// Per-mount options (`rw,relatime`).
    pub options: String,
    /// Per-superblock options.
    pub super_options: String,
    pub read_only: bool,
    #[record(unit = "bytes")]
    pub total_bytes: Field<u64>,
    #[record(unit = "bytes")]
    pub free_bytes: Field<u64>,
    /// Free space usable by unprivileged users.
    #[record(unit = "bytes")]
    pub available_bytes: Field<u64>,
    #[record(unit = "bytes")]
    pub used_bytes: Field<u64>,
    /// `used / (used + available)`, as `df` computes it.
    #[record(unit = "percent")]
    pub used_percent: Field<f64>,
    pub inodes_total: Field<u64>,
    pub inodes_free: Field<u64>,
    pub inodes_used: Field<u64>,
    #[record(unit = "bytes")]
    pub block_size: Field<u64>,
}

/// The machine as a whole.
#[derive(Debug, Clone, PartialEq, Record)]
pub struct System {
    pub hostname: Field<ByteStr>,
    /// `uname -r`.
    pub kernel_release: Field<String>,
    /// `uname -v`.
    pub kernel_version: Field<String>,
    /// Boot time as a Unix timestamp (`btime`).
    #[record(unit = "seconds")]
    pub boot_time: u64,
    #[record(unit = "seconds")]
    pub uptime_seconds: Field<f64>,
    /// Idle time summed over CPUs.
    #[record(unit = "seconds")]
    pub idle_seconds: Field<f64>,
    /// Clock ticks per second (the unit of every `*_ticks` field).
    pub clock_ticks: u64,
    #[record(unit = "bytes")]
    pub page_size: u64,

    // === CPU ===
    /// Logical CPUs online.
    pub cpu_count: u32,
    /// Logical CPUs the kernel can bring online (`possible`).
    pub cpu_count_possible: Field<u32>,
    /// Physical cores (distinct package/die/core ids).
    pub cpu_count_physical: Field<u32>,
    /// Packages (sockets).
    pub cpu_packages: Field<u32>,
    /// Summed over CPUs.
    pub cpu_total: CpuTimes,
    /// Busy share of all CPUs since the previous snapshot of the same `Probe`.
    #[record(unit = "percent")]
    pub cpu_percent: Field<f64>,
    pub cpus: Vec<Cpu>,
    /// Context switches since boot.
    pub context_switches: u64,
    /// Interrupts serviced since boot.
    pub interrupts: u64,
    /// Softirqs serviced since boot.
    pub softirqs: Field<u64>,
    /// Processes and threads created since boot.
    pub forks: u64,
    /// Threads runnable now.
    pub procs_running: u32,
    /// Threads blocked on I/O now.
    pub procs_blocked: u32,
    pub load: Field<LoadAverage>,
    pub pressure: SystemPressure,

    // === Memory ===
    pub memory: Field<Memory>,
    /// Every `/proc/meminfo` line: values with a `kB` unit converted to bytes, the others
    /// (`HugePages_*`) as counts.
    pub meminfo: Field<OrderedMap<String, u64>>,
    /// Every `/proc/vmstat` counter.
    pub vmstat: Field<OrderedMap<String, u64>>,

    // === Storage ===
    pub disks: Field<Vec<DiskStats>>,
    pub filesystems: Field<Vec<Filesystem>>,
}
