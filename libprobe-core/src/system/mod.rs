//! The system domain: CPU times and topology, memory, load, pressure, disks and mounted
//! filesystems — what every probe user expects beside the process table.
//!
//! CPU times are in clock ticks (see [`crate::Source::clock_ticks`]), sizes in bytes,
//! durations in the unit their name carries. Every source fails alone, and every value of
//! it: a file that cannot be read leaves its own fields [`Field::Missing`] with a
//! [`crate::Reason`] (`not_present` when this kernel or machine lacks the file,
//! `permission_denied`, `timed_out` for a mount whose `statvfs` does not answer, or
//! `error` with a warning on the domain), and a value that does not parse is missing with
//! `error` and a warning quoting it, its neighbours kept. The domain itself never fails.

use libprobe_derive::{OptionSet, Record};

use crate::domain::{Collector, Cx};
use crate::model::{Domain, Field};
use crate::process::Pressure;
use crate::schema::OrderedMap;
use crate::text::ByteStr;

/// Time spent in each CPU mode (a `cpu` line of `/proc/stat`), in clock ticks.
///
/// Kernels older than 2.6.33 print fewer columns; the modes they do not print are 0
/// (that time is counted in the other modes there).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Record)]
pub struct CpuTimes {
    #[record(unit = "ticks", counter)]
    pub user: u64,
    #[record(unit = "ticks", counter)]
    pub nice: u64,
    #[record(unit = "ticks", counter)]
    pub system: u64,
    #[record(unit = "ticks", counter)]
    pub idle: u64,
    /// Idle while a task waited for I/O. Not monotonic per CPU: the kernel moves time
    /// between `idle` and `iowait`.
    #[record(unit = "ticks", counter)]
    pub iowait: u64,
    #[record(unit = "ticks", counter)]
    pub irq: u64,
    #[record(unit = "ticks", counter)]
    pub softirq: u64,
    /// Time stolen by the hypervisor.
    #[record(unit = "ticks", counter)]
    pub steal: u64,
    /// Time running guests (already included in `user`).
    #[record(unit = "ticks", counter)]
    pub guest: u64,
    /// Time running niced guests (already included in `nice`).
    #[record(unit = "ticks", counter)]
    pub guest_nice: u64,
}

impl CpuTimes {
    /// All time, guests excluded (they are already counted in user and nice).
    pub fn total(&self) -> u64 {
        self.busy().saturating_add(self.idle).saturating_add(self.iowait)
    }

    /// Time not idle: user, nice, system, irq, softirq and steal.
    pub fn busy(&self) -> u64 {
        [self.user, self.nice, self.system, self.irq, self.softirq, self.steal].into_iter().fold(0, u64::saturating_add)
    }
}

/// One logical CPU (every CPU `present` lists, online or not).
#[derive(Debug, Clone, PartialEq, Record)]
pub struct Cpu {
    /// The logical CPU number.
    pub id: u32,
    pub online: bool,
    /// Mode times (its `cpuN` line of `/proc/stat`), whenever `/proc/stat` has that line
    /// (even for a CPU sysfs lists as offline); `not_enabled` for an offline CPU without
    /// one.
    pub times: Field<CpuTimes>,
    /// Busy share since the previous snapshot of the same `Probe` (0–100 for this one
    /// CPU). `no_previous_sample` on the first snapshot, when no clock tick elapsed
    /// since the previous one, and after the CPU came back online; `not_enabled` while
    /// offline.
    #[record(unit = "percent")]
    pub percent: Field<f64>,
    /// Physical package (socket), `-1` where the architecture does not know it. Every
    /// topology field is `not_enabled` while the CPU is offline and `not_present` on a
    /// kernel without the file (`die_id` before 5.3, `cluster_id` before 5.16).
    pub package_id: Field<i32>,
    /// Die within the package.
    pub die_id: Field<i32>,
    /// Cluster of cores sharing a cache level (arm64 clusters, x86 L2 groups).
    pub cluster_id: Field<i32>,
    /// Core within the package and die (not unique machine-wide).
    pub core_id: Field<i32>,
    /// Logical CPUs sharing this core (SMT siblings), this one included.
    pub thread_siblings: Field<Vec<u32>>,
    /// Current frequency: cpufreq `scaling_cur_freq`, else the `cpu MHz` of
    /// `/proc/cpuinfo` (x86; often the nominal frequency in a VM); `not_supported` when
    /// neither has it (arm64 without cpufreq).
    #[record(unit = "MHz")]
    pub frequency_mhz: Field<f64>,
    /// The lowest frequency the cpufreq policy allows (`scaling_min_freq`);
    /// `not_present` without a cpufreq driver.
    #[record(unit = "MHz")]
    pub frequency_min_mhz: Field<f64>,
    /// The highest frequency the cpufreq policy allows (`scaling_max_freq`).
    #[record(unit = "MHz")]
    pub frequency_max_mhz: Field<f64>,
    /// The cpufreq governor (`schedutil`, `performance`, …).
    pub governor: Field<String>,
}

/// Physical memory and swap (`/proc/meminfo`), the fields most tools show. Fields whose
/// line this kernel does not print are `not_supported`; a line whose value does not parse
/// leaves its field `error` (with a warning). Without a valid `MemTotal`, the base of every
/// share here, there is no `Memory` (`error`); `meminfo` keeps the other lines.
#[derive(Debug, Clone, PartialEq, Record)]
pub struct Memory {
    /// Usable RAM (`MemTotal`).
    #[record(unit = "bytes")]
    pub total: u64,
    /// RAM not used at all (`MemFree`).
    #[record(unit = "bytes")]
    pub free: Field<u64>,
    /// An estimate of memory available for new work without swapping (`MemAvailable`,
    /// Linux 3.14+).
    #[record(unit = "bytes")]
    pub available: Field<u64>,
    /// Block device buffers (`Buffers`).
    #[record(unit = "bytes")]
    pub buffers: Field<u64>,
    /// Page cache, reclaimable slab excluded (`Cached`; `free` adds `SReclaimable` to
    /// show buff/cache).
    #[record(unit = "bytes")]
    pub cached: Field<u64>,
    /// Shared memory (tmpfs, shm; `Shmem`, 2.6.32+).
    #[record(unit = "bytes")]
    pub shared: Field<u64>,
    /// Recently used memory, not reclaimed unless needed (`Active`).
    #[record(unit = "bytes")]
    pub active: Field<u64>,
    /// Memory not used recently, first to be reclaimed (`Inactive`).
    #[record(unit = "bytes")]
    pub inactive: Field<u64>,
    /// Kernel slab caches, reclaimable and not (`Slab`).
    #[record(unit = "bytes")]
    pub slab: Field<u64>,
    /// `total - available` (or `total - free - buffers - cached` before 3.14), as
    /// `free` shows it; missing with the reason of a value it needs.
    #[record(unit = "bytes")]
    pub used: Field<u64>,
    /// `used / total`.
    #[record(unit = "percent")]
    pub used_percent: Field<f64>,
    /// `SwapTotal`: 0 without swap.
    #[record(unit = "bytes")]
    pub swap_total: Field<u64>,
    #[record(unit = "bytes")]
    pub swap_free: Field<u64>,
    /// `swap_total - swap_free`.
    #[record(unit = "bytes")]
    pub swap_used: Field<u64>,
    /// `swap_used / swap_total`; `not_present` when there is no swap.
    #[record(unit = "percent")]
    pub swap_used_percent: Field<f64>,
    /// Swapped in from disk since boot (`pswpin` of `/proc/vmstat` × page size); missing
    /// with vmstat's reason when that file is unreadable.
    #[record(unit = "bytes", counter)]
    pub swap_in_bytes: Field<u64>,
    /// Swapped out to disk since boot (`pswpout` × page size).
    #[record(unit = "bytes", counter)]
    pub swap_out_bytes: Field<u64>,
}

/// `/proc/loadavg`. Each value is read alone: one that does not parse (a negative load,
/// a word) is missing with reason `error` and a warning.
#[derive(Debug, Clone, Copy, PartialEq, Record)]
pub struct LoadAverage {
    /// Runnable plus uninterruptible tasks, averaged over 1 minute.
    pub load1: Field<f64>,
    /// Over 5 minutes.
    pub load5: Field<f64>,
    /// Over 15 minutes.
    pub load15: Field<f64>,
    /// Runnable scheduling entities now.
    pub runnable: Field<u32>,
    /// Scheduling entities (threads) that exist.
    pub total: Field<u32>,
    /// The most recently created pid (in the reader's pid namespace).
    pub last_pid: Field<i32>,
}

/// System-wide pressure stall information (`/proc/pressure/*`, Linux 4.20+ with PSI on).
/// Each is `not_present` when its file is absent (no `CONFIG_PSI`, `psi=0`, an older
/// kernel).
#[derive(Debug, Clone, PartialEq, Record)]
pub struct SystemPressure {
    pub cpu: Field<Pressure>,
    pub memory: Field<Pressure>,
    pub io: Field<Pressure>,
    /// Linux 6.1+ with `CONFIG_IRQ_TIME_ACCOUNTING`.
    pub irq: Field<Pressure>,
}

/// One block device or partition line of `/proc/diskstats`, counters since boot.
///
/// The `*_time_ms` fields are 32-bit in the kernel and wrap at 2^32 ms (about 49.7 days
/// of accumulated time): compute rates with wrapping subtraction modulo 2^32. Each
/// counter is read alone: one that does not parse is missing (`error`, with a warning)
/// and the rest of the device's line is kept; a line whose device number or name does
/// not parse is no device and is left out, with a warning.
#[derive(Debug, Clone, PartialEq, Record)]
pub struct DiskStats {
    /// Kernel name (`sda`, `nvme0n1p1`, `dm-0`, `loop0`).
    pub name: ByteStr,
    pub major: u32,
    pub minor: u32,
    #[record(counter)]
    pub reads_completed: Field<u64>,
    /// Adjacent reads merged into one before reaching the device.
    #[record(counter)]
    pub reads_merged: Field<u64>,
    /// 512-byte sectors, whatever the device's sector size.
    #[record(unit = "sectors", counter)]
    pub sectors_read: Field<u64>,
    /// `sectors_read * 512` (`error` when that does not fit a u64).
    #[record(unit = "bytes", counter)]
    pub read_bytes: Field<u64>,
    /// Time spent by all reads (they overlap: may exceed wall time).
    #[record(unit = "ms", counter)]
    pub read_time_ms: Field<u64>,
    #[record(counter)]
    pub writes_completed: Field<u64>,
    #[record(counter)]
    pub writes_merged: Field<u64>,
    #[record(unit = "sectors", counter)]
    pub sectors_written: Field<u64>,
    /// `sectors_written * 512`.
    #[record(unit = "bytes", counter)]
    pub write_bytes: Field<u64>,
    #[record(unit = "ms", counter)]
    pub write_time_ms: Field<u64>,
    /// I/Os in flight now (a gauge).
    pub io_in_progress: Field<u64>,
    /// Time the device had I/O in flight (busy time: `%util` is its rate).
    #[record(unit = "ms", counter)]
    pub io_time_ms: Field<u64>,
    /// In-flight time weighted by queue depth.
    #[record(unit = "ms", counter)]
    pub weighted_io_time_ms: Field<u64>,
    /// Linux 4.18+ (`not_supported` before: the line has no such column), like the other
    /// discard fields.
    pub discards_completed: Field<u64>,
    #[record(counter)]
    pub discards_merged: Field<u64>,
    #[record(unit = "sectors", counter)]
    pub sectors_discarded: Field<u64>,
    #[record(unit = "ms", counter)]
    pub discard_time_ms: Field<u64>,
    /// Linux 5.5+ (`not_supported` before), like `flush_time_ms`.
    #[record(counter)]
    pub flushes_completed: Field<u64>,
    #[record(unit = "ms", counter)]
    pub flush_time_ms: Field<u64>,
}

/// One mounted filesystem (`/proc/self/mountinfo`) with its `statvfs` sizes.
///
/// The size and inode fields are missing:
/// - `disabled` for network filesystems (`nfs`, `nfs4`, `cifs`, `smb3`, `ceph`,
///   `glusterfs`, `fuse.sshfs`, `9p`, `afs`, …), whose `statvfs` blocks for as long as
///   the server does not answer, and for `autofs`, whose `statvfs` would mount it;
/// - `not_present` for a mount covered by another mounted on the same mount point (its
///   path reaches the one on top), for a mount point that no longer exists, and, for
///   `used_percent`, on filesystems without blocks (`proc`, `sysfs`, `cgroup`);
/// - `permission_denied` when a directory above the mount point cannot be searched;
/// - `timed_out` when its `statvfs` did not answer within `statvfs_timeout_ms` (a stalled
///   FUSE or network server; any filesystem not listed above, `fuse` included, is asked
///   under that deadline, on a helper thread), until that call returns.
#[derive(Debug, Clone, PartialEq, Record)]
pub struct Filesystem {
    pub mount_id: u32,
    /// The mount this one is mounted on.
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
    /// Mounted read-only, or its superblock is (`ro` in either option list).
    pub read_only: bool,
    #[record(unit = "bytes")]
    pub total_bytes: Field<u64>,
    #[record(unit = "bytes")]
    pub free_bytes: Field<u64>,
    /// Free space usable by unprivileged users (`free_bytes` less the reserved blocks).
    #[record(unit = "bytes")]
    pub available_bytes: Field<u64>,
    /// `total_bytes - free_bytes`.
    #[record(unit = "bytes")]
    pub used_bytes: Field<u64>,
    /// `used / (used + available)`, as `df` computes it (`df` rounds it up).
    #[record(unit = "percent")]
    pub used_percent: Field<f64>,
    pub inodes_total: Field<u64>,
    pub inodes_free: Field<u64>,
    /// `inodes_total - inodes_free`.
    pub inodes_used: Field<u64>,
    /// The filesystem's preferred I/O block size (`f_bsize`).
    #[record(unit = "bytes")]
    pub block_size: Field<u64>,
}

/// The machine as a whole.
#[derive(Debug, Clone, PartialEq, Record)]
pub struct System {
    /// `/proc/sys/kernel/hostname` (of the reader's UTS namespace).
    pub hostname: Field<ByteStr>,
    /// `uname -r` (`/proc/sys/kernel/osrelease`).
    pub kernel_release: Field<String>,
    /// `uname -v` (`/proc/sys/kernel/version`).
    pub kernel_version: Field<String>,
    /// Boot time as a Unix timestamp (`btime` of `/proc/stat`; moves when the wall clock
    /// is stepped).
    #[record(unit = "seconds")]
    pub boot_time: Field<u64>,
    /// Time since boot, suspended time included (`/proc/uptime`).
    #[record(unit = "seconds", counter)]
    pub uptime_seconds: Field<f64>,
    /// Idle time summed over CPUs (`/proc/uptime`).
    #[record(unit = "seconds", counter)]
    pub idle_seconds: Field<f64>,
    /// Clock ticks per second (the unit of every `*_ticks` field).
    pub clock_ticks: u64,
    #[record(unit = "bytes")]
    pub page_size: u64,

    // === CPU ===
    /// Logical CPUs online (`/sys/devices/system/cpu/online`, else the `cpuN` lines of
    /// `/proc/stat`). Not reduced by affinity or cgroup limits, unlike `nproc`.
    pub cpu_count: u32,
    /// Logical CPUs the kernel can bring online (`possible`).
    pub cpu_count_possible: Field<u32>,
    /// Physical cores among online CPUs (distinct package/die/core ids, else distinct
    /// sibling sets).
    pub cpu_count_physical: Field<u32>,
    /// Packages (sockets) among online CPUs.
    pub cpu_packages: Field<u32>,
    /// The `cpu` line of `/proc/stat`: every possible CPU, summed.
    pub cpu_total: Field<CpuTimes>,
    /// Busy share of all CPUs since the previous snapshot of the same `Probe` (0–100, not
    /// per core). `no_previous_sample` on the first snapshot, when no clock tick elapsed
    /// since the previous one, and when the counters went backwards (CPU hotplug).
    #[record(unit = "percent")]
    pub cpu_percent: Field<f64>,
    /// Every present CPU, by id.
    pub cpus: Vec<Cpu>,
    /// Context switches since boot.
    #[record(counter)]
    pub context_switches: Field<u64>,
    /// Interrupts serviced since boot.
    #[record(counter)]
    pub interrupts: Field<u64>,
    /// Softirqs serviced since boot (2.6.31+).
    #[record(counter)]
    pub softirqs: Field<u64>,
    /// Processes and threads created since boot.
    #[record(counter)]
    pub forks: Field<u64>,
    /// Threads runnable now.
    pub procs_running: Field<u32>,
    /// Threads blocked on I/O now.
    pub procs_blocked: Field<u32>,
    pub load: Field<LoadAverage>,
    pub pressure: SystemPressure,

    // === Memory ===
    pub memory: Field<Memory>,
    /// Every `/proc/meminfo` line: values with a `kB` unit converted to bytes, the others
    /// (`HugePages_*`) as counts. A line whose value does not parse is left out (with a
    /// warning).
    pub meminfo: Field<OrderedMap<String, u64>>,
    /// Every `/proc/vmstat` counter, as the kernel prints it (mostly pages); one that does
    /// not parse is left out (with a warning).
    pub vmstat: Field<OrderedMap<String, u64>>,

    // === Storage ===
    /// Every line of `/proc/diskstats` (disks, partitions, loop, dm and zram devices).
    pub disks: Field<Vec<DiskStats>>,
    /// Every mount of `/proc/self/mountinfo` (the reader's mount namespace), in order.
    pub filesystems: Field<Vec<Filesystem>>,

    // === Kernel tables ===
    /// File handles (`/proc/sys/fs/file-nr`).
    pub file_handles: Field<FileHandles>,
    /// Cached inodes (`/proc/sys/fs/inode-nr`).
    pub inodes: Field<InodeCounts>,
    /// The random pool (`/proc/sys/kernel/random/`).
    pub entropy: Field<Entropy>,
    /// Socket buffer memory of the reader's network namespace (`/proc/net/sockstat`,
    /// `sockstat6`), in bytes.
    pub socket_memory: Field<SocketBufferMemory>,
}

/// The kernel's file handles (`/proc/sys/fs/file-nr`). Each value is read alone.
#[derive(Debug, Clone, Copy, PartialEq, Record)]
pub struct FileHandles {
    /// File handles allocated now.
    pub allocated: Field<u64>,
    /// Allocated but unused: always 0 since Linux 2.6, which frees them at once.
    pub unused: Field<u64>,
    /// The most the kernel will allocate (`fs.file-max`; 2^63-1 when unlimited).
    pub max: Field<u64>,
}

/// Inodes in the kernel's inode cache (`/proc/sys/fs/inode-nr`).
#[derive(Debug, Clone, Copy, PartialEq, Record)]
pub struct InodeCounts {
    /// Inodes allocated.
    pub allocated: Field<u64>,
    /// Of those, free (unused and reclaimable).
    pub free: Field<u64>,
}

/// The kernel's random pool (`/proc/sys/kernel/random/entropy_avail`, `poolsize`), each
/// file read alone.
#[derive(Debug, Clone, Copy, PartialEq, Record)]
pub struct Entropy {
    /// Entropy the kernel estimates the pool holds. Since Linux 5.18, 256 once the
    /// generator is seeded.
    #[record(unit = "bits")]
    pub available_bits: Field<u64>,
    /// The pool's size: 4096 before Linux 5.18, 256 since.
    #[record(unit = "bits")]
    pub pool_size_bits: Field<u64>,
}

/// Socket buffer memory now (`/proc/net/sockstat`, `/proc/net/sockstat6` of the reader's
/// network namespace). The kernel prints TCP and UDP memory in pages: they are converted
/// with the page size ([`crate::Source::page_size`]; a fixture tree's `syscalls.txt`
/// `page_size`, 4096 when it has none). A product that does not fit a u64 is `error`.
#[derive(Debug, Clone, Copy, PartialEq, Record)]
pub struct SocketBufferMemory {
    /// TCP (`TCP: mem` × page size).
    #[record(unit = "bytes")]
    pub tcp_bytes: Field<u64>,
    /// UDP (`UDP: mem` × page size).
    #[record(unit = "bytes")]
    pub udp_bytes: Field<u64>,
    /// IPv4 fragment reassembly queues (`FRAG: memory`).
    #[record(unit = "bytes")]
    pub frag_bytes: Field<u64>,
    /// IPv6 fragment reassembly queues (`FRAG6: memory`; `not_present` without IPv6).
    #[record(unit = "bytes")]
    pub frag6_bytes: Field<u64>,
}

/// The system domain collects every part (each is cheap); the one option bounds how long
/// a mount may take to answer.
#[derive(Debug, Clone, PartialEq, Eq, OptionSet)]
pub struct SystemOptions {
    /// How long one mount's `statvfs` may take, in milliseconds (default 1000). A mount
    /// that does not answer in time (a stalled FUSE or network server) leaves its sizes
    /// `timed_out`, with a warning naming it, and is not asked again until its pending
    /// call returns; the rest of the snapshot does not wait for it.
    #[option(min = 1, max = 60000)]
    pub statvfs_timeout_ms: u32,
}

impl Default for SystemOptions {
    fn default() -> Self {
        SystemOptions { statvfs_timeout_ms: 1000 }
    }
}

/// The system domain in the registry.
#[derive(Debug)]
pub(crate) struct SystemDomain;

impl Collector for SystemDomain {
    type Options = SystemOptions;
    type Output = System;
    type State = crate::sys::imp::system::State;

    fn collect(cx: &mut Cx<'_>, options: &SystemOptions, state: &mut Self::State) -> Domain<System> {
        crate::sys::imp::system::collect(cx, options, state)
    }
}
