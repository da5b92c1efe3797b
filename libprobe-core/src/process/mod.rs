//! The process domain: one [`ProcessFull`] per process, with its open files, sockets,
//! memory maps, limits, cgroup limits and delay accounting.
//!
//! Names are the specification's. Units are in the field docs and in the schema
//! (`#[record(unit)]`): memory in bytes, CPU time in clock ticks (see
//! [`crate::Source::clock_ticks`]; 100 per second on Linux x86-64), times since boot in
//! ticks, delays in nanoseconds. A field that could not be read is
//! [`Field::Missing`] with a [`crate::Reason`]: another user's `/proc/<pid>/io` is
//! `permission_denied`, the executable of a kernel thread is `kernel_thread`, `environ` is
//! `disabled` unless asked for.
//!
//! Identity is `(pid, start_time)`: a pid reused by a new process is a new record.

pub mod scrub;

use std::sync::Arc;

use libprobe_derive::{OptionSet, Record, RecordEnum};

use crate::domain::{Collector, Cx};
use crate::model::{Domain, Field};
pub use crate::network::Via;
use crate::schema::OrderedMap;
use crate::text::ByteStr;

/// Scheduler state, from the state letter of `/proc/<pid>/stat`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, RecordEnum)]
#[repr(u8)]
pub enum ProcessState {
    /// `R`: running or runnable.
    Running = 1,
    /// `S`: interruptible sleep.
    Sleeping = 2,
    /// `D`: uninterruptible sleep (usually I/O).
    DiskSleep = 3,
    /// `Z`: exited, not yet reaped by its parent.
    Zombie = 4,
    /// `T`: stopped by a signal.
    Stopped = 5,
    /// `t`: stopped by a tracer.
    TracingStop = 6,
    /// `X` or `x`: dead (seen only in a race with exit).
    Dead = 7,
    /// `K`: wakekill (Linux 2.6.33–3.13).
    Wakekill = 8,
    /// `W`: waking (2.6.33–3.13) or paging (before 2.6).
    Waking = 9,
    /// `P`: parked (3.9–3.13).
    Parked = 10,
    /// `I`: idle kernel thread (4.14+).
    Idle = 11,
    /// A letter this version of libprobe does not know.
    Unknown = 0,
}

impl ProcessState {
    /// The state for a `/proc/<pid>/stat` state letter.
    pub fn from_char(c: u8) -> ProcessState {
        match c {
            b'R' => ProcessState::Running,
            b'S' => ProcessState::Sleeping,
            b'D' => ProcessState::DiskSleep,
            b'Z' => ProcessState::Zombie,
            b'T' => ProcessState::Stopped,
            b't' => ProcessState::TracingStop,
            b'X' | b'x' => ProcessState::Dead,
            b'K' => ProcessState::Wakekill,
            b'W' => ProcessState::Waking,
            b'P' => ProcessState::Parked,
            b'I' => ProcessState::Idle,
            _ => ProcessState::Unknown,
        }
    }
}

/// Where a process's `/proc/<pid>/stat` fields came from (its `stat_from`; option `via`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, RecordEnum)]
#[repr(u8)]
pub enum StatFrom {
    /// `/proc/<pid>/stat`.
    ProcStat = 1,
    /// The `iter/task` BPF iterator's record for the process, equal field by field to what
    /// `/proc/<pid>/stat` prints (`docs/process-via-bpf.md`).
    BpfIter = 2,
}

/// What an open file descriptor refers to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, RecordEnum)]
#[repr(u8)]
pub enum FileType {
    Regular = 1,
    Directory = 2,
    CharDevice = 3,
    BlockDevice = 4,
    /// A FIFO or an anonymous pipe.
    Pipe = 5,
    Socket = 6,
    Symlink = 7,
    /// An anonymous inode: eventfd, epoll, timerfd, signalfd, inotify, bpf objects, …
    /// (the kind is in the path: `anon_inode:[eventfd]`).
    AnonInode = 8,
    Unknown = 0,
}

/// A socket's protocol family and type, as seen from the owning process.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, RecordEnum)]
#[repr(u8)]
pub enum SocketType {
    Tcp = 1,
    Tcp6 = 2,
    Udp = 3,
    Udp6 = 4,
    #[record(name = "udplite")]
    UdpLite = 5,
    #[record(name = "udplite6")]
    UdpLite6 = 6,
    Raw = 7,
    Raw6 = 8,
    Unix = 9,
    Netlink = 10,
    Packet = 11,
    Sctp = 12,
    Sctp6 = 13,
    Mptcp = 14,
    Vsock = 15,
    /// Any other family (the kernel's protocol name is kept in `protocol`).
    Other = 0,
}

impl SocketType {
    /// The type for a `system.sockprotoname` value (`TCP`, `UDPv6`, `UNIX`, …).
    pub fn from_protocol_name(name: &[u8]) -> SocketType {
        match name {
            b"TCP" => SocketType::Tcp,
            b"TCPv6" => SocketType::Tcp6,
            b"UDP" => SocketType::Udp,
            b"UDPv6" => SocketType::Udp6,
            b"UDP-Lite" => SocketType::UdpLite,
            b"UDPLITEv6" => SocketType::UdpLite6,
            b"RAW" | b"PING" => SocketType::Raw,
            b"RAWv6" | b"PINGv6" => SocketType::Raw6,
            b"UNIX" | b"UNIX-STREAM" => SocketType::Unix,
            b"NETLINK" => SocketType::Netlink,
            b"PACKET" => SocketType::Packet,
            b"SCTP" => SocketType::Sctp,
            b"SCTPv6" => SocketType::Sctp6,
            b"MPTCP" | b"MPTCPv6" => SocketType::Mptcp,
            b"AF_VSOCK" => SocketType::Vsock,
            _ => SocketType::Other,
        }
    }
}

/// One open file descriptor (`/proc/<pid>/fd/<n>` and `/proc/<pid>/fdinfo/<n>`).
#[derive(Debug, Clone, PartialEq, Record)]
pub struct OpenFile {
    pub fd: i32,
    /// Where the descriptor points: a path, or `socket:[inode]`, `pipe:[inode]`,
    /// `anon_inode:[eventfd]`. A deleted file keeps the kernel's ` (deleted)` suffix;
    /// see `deleted`.
    pub path: ByteStr,
    /// `r`, `w` or `rw`, from the access mode in `flags`.
    pub mode: Field<String>,
    /// The open flags (`O_*`, as `fdinfo` prints them, octal there).
    pub flags: Field<u32>,
    /// The file offset.
    #[record(unit = "bytes")]
    pub position: Field<u64>,
    /// The inode number of the open file.
    pub inode: Field<u64>,
    /// The mount the file lives on (`mnt_id` in `fdinfo`; see `/proc/<pid>/mountinfo`).
    pub mount_id: Field<u64>,
    pub file_type: Field<FileType>,
    /// True when the open file has been unlinked (decided by its link count, not by the
    /// ` (deleted)` suffix, which a real name may carry).
    pub deleted: Field<bool>,
}

/// One socket open by a process: the owner's side (descriptor, inode, protocol).
///
/// Addresses and state come from joining `inode` with the network domain's socket tables
/// when both domains are collected in one snapshot; otherwise they are missing with reason
/// `disabled`. A socket in none of its tables (another network namespace, or closed
/// meanwhile) and a field its family does not have are `not_present`.
#[derive(Debug, Clone, PartialEq, Record)]
pub struct OpenSocket {
    pub fd: i32,
    /// The socket's inode (`socket:[inode]`): the key into every socket table.
    pub inode: u64,
    /// Family and type, from the socket's protocol name.
    pub socket_type: Field<SocketType>,
    /// The kernel's protocol name (`TCP`, `UDPv6`, `UNIX`, `NETLINK`, …).
    pub protocol: Field<String>,
    /// Local address as `ip:port` (`[ip]:port` for IPv6), a raw socket's address, or a
    /// unix socket's name (`@name` when abstract).
    pub local_addr: Field<String>,
    /// Remote address, when connected (a unix socket's peer's name).
    pub remote_addr: Field<String>,
    /// The state: TCP's (`established`, `listen`, …), `connected`/`unconnected` for UDP,
    /// `connected`/`unconnected`/`listening` for unix sockets.
    pub state: Field<String>,
}

/// One mapping of `/proc/<pid>/maps`.
#[derive(Debug, Clone, PartialEq, Record)]
pub struct MemoryMap {
    pub start_addr: u64,
    pub end_addr: u64,
    /// `rwxp` / `rwxs` as the kernel prints them.
    pub permissions: String,
    /// The offset into the mapped file (`error` when the row prints no valid hex).
    #[record(unit = "bytes")]
    pub offset: Field<u64>,
    /// `major:minor` of the device holding the mapped file (`00:00` when anonymous).
    pub device: String,
    /// The mapped file's inode (0 when anonymous; `error` when not a valid number).
    pub inode: Field<u64>,
    /// The file, or `[heap]`, `[stack]`, `[vdso]`, …; empty for anonymous mappings.
    pub pathname: ByteStr,
}

/// A soft and hard resource limit. `u64::MAX` means unlimited (`RLIM_INFINITY`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Record)]
pub struct Limit {
    pub soft: u64,
    pub hard: u64,
}

impl Limit {
    /// The value for "unlimited".
    pub const UNLIMITED: u64 = u64::MAX;
}

/// The sixteen resource limits of `/proc/<pid>/limits`, in the kernel's units (noted per
/// field). `u64::MAX` means unlimited. A limit whose row is missing or does not parse is
/// missing (`error`, with a warning); the other rows are kept.
#[derive(Debug, Clone, PartialEq, Record)]
pub struct ProcessLimits {
    /// RLIMIT_CPU.
    #[record(unit = "seconds")]
    pub max_cpu_time: Field<Limit>,
    /// RLIMIT_FSIZE.
    #[record(unit = "bytes")]
    pub max_file_size: Field<Limit>,
    /// RLIMIT_DATA.
    #[record(unit = "bytes")]
    pub max_data_size: Field<Limit>,
    /// RLIMIT_STACK.
    #[record(unit = "bytes")]
    pub max_stack_size: Field<Limit>,
    /// RLIMIT_CORE.
    #[record(unit = "bytes")]
    pub max_core_size: Field<Limit>,
    /// RLIMIT_RSS (not enforced by Linux).
    #[record(unit = "bytes")]
    pub max_resident_set: Field<Limit>,
    /// RLIMIT_NPROC.
    #[record(unit = "processes")]
    pub max_processes: Field<Limit>,
    /// RLIMIT_NOFILE.
    #[record(unit = "files")]
    pub max_open_files: Field<Limit>,
    /// RLIMIT_MEMLOCK.
    #[record(unit = "bytes")]
    pub max_locked_memory: Field<Limit>,
    /// RLIMIT_AS.
    #[record(unit = "bytes")]
    pub max_address_space: Field<Limit>,
    /// RLIMIT_LOCKS.
    #[record(unit = "locks")]
    pub max_file_locks: Field<Limit>,
    /// RLIMIT_SIGPENDING.
    #[record(unit = "signals")]
    pub max_pending_signals: Field<Limit>,
    /// RLIMIT_MSGQUEUE.
    #[record(unit = "bytes")]
    pub max_msgqueue_size: Field<Limit>,
    /// RLIMIT_NICE (the ceiling is `20 - soft`).
    pub max_nice_priority: Field<Limit>,
    /// RLIMIT_RTPRIO.
    pub max_realtime_priority: Field<Limit>,
    /// RLIMIT_RTTIME.
    #[record(unit = "us")]
    pub max_realtime_timeout: Field<Limit>,
}

/// Pressure stall information for one resource (`/proc/pressure/*`, `<cgroup>/*.pressure`).
/// Each value is read alone: one that does not parse is missing (`error`).
#[derive(Debug, Clone, Copy, PartialEq, Record)]
pub struct PsiLine {
    /// Share of wall time stalled, averaged over 10 s.
    #[record(unit = "percent")]
    pub avg10: Field<f64>,
    #[record(unit = "percent")]
    pub avg60: Field<f64>,
    #[record(unit = "percent")]
    pub avg300: Field<f64>,
    /// Total stall time.
    #[record(unit = "us", counter)]
    pub total_us: Field<u64>,
}

/// `some` (at least one task stalled) and `full` (all non-idle tasks stalled) pressure.
#[derive(Debug, Clone, Copy, PartialEq, Record)]
pub struct Pressure {
    pub some: PsiLine,
    /// Not reported for CPU at the system level before Linux 5.13.
    pub full: Field<PsiLine>,
}

/// One device line of `io.max`: bandwidth and IOPS caps, `u64::MAX` when unlimited.
#[derive(Debug, Clone, PartialEq, Eq, Record)]
pub struct IoMax {
    /// `major:minor` of the block device.
    pub device: String,
    #[record(unit = "bytes/s")]
    pub rbps: u64,
    #[record(unit = "bytes/s")]
    pub wbps: u64,
    #[record(unit = "ops/s")]
    pub riops: u64,
    #[record(unit = "ops/s")]
    pub wiops: u64,
}

/// The limits that actually bind a process through its cgroup: for each, the tightest
/// value along the path from the process's cgroup up to the root (a container's limits
/// even when set on a parent slice). `u64::MAX` means no limit anywhere on the path.
///
/// cgroup v2 gives every field; on cgroup v1 the memory, cpu and pids controllers give
/// theirs and the rest are `not_supported`.
#[derive(Debug, Clone, PartialEq, Record)]
pub struct CgroupLimits {
    /// `1` for cgroup v1 controllers, `2` for the unified hierarchy.
    pub version: u8,
    /// The cgroup these limits were read from (relative to the hierarchy's root).
    pub path: ByteStr,
    /// CPU quota per period (`cpu.max`, or `cpu.cfs_quota_us`) of the cgroup on the path
    /// with the tightest quota/period ratio; `u64::MAX` when no cgroup limits CPU.
    #[record(unit = "us")]
    pub cpu_max_quota_us: Field<u64>,
    #[record(unit = "us")]
    pub cpu_max_period_us: Field<u64>,
    /// `cpu.weight` of the process's own cgroup (1–10000, default 100).
    pub cpu_weight: Field<u64>,
    /// `memory.max` (v1: `memory.limit_in_bytes`).
    #[record(unit = "bytes")]
    pub memory_max: Field<u64>,
    /// `memory.high`: the throttling threshold.
    #[record(unit = "bytes")]
    pub memory_high: Field<u64>,
    /// `memory.swap.max`.
    #[record(unit = "bytes")]
    pub memory_swap_max: Field<u64>,
    /// `memory.current` of the process's own cgroup (v1: `memory.usage_in_bytes`).
    #[record(unit = "bytes")]
    pub memory_current: Field<u64>,
    /// `pids.max`.
    pub pids_max: Field<u64>,
    /// `pids.current` of the process's own cgroup.
    pub pids_current: Field<u64>,
    /// `io.max` lines, tightest per device along the path.
    pub io_max: Field<Vec<IoMax>>,
    /// `cpu.pressure` of the process's own cgroup.
    pub cpu_pressure: Field<Pressure>,
    /// `memory.pressure`.
    pub memory_pressure: Field<Pressure>,
    /// `io.pressure`.
    pub io_pressure: Field<Pressure>,
    /// `irq.pressure` (Linux 6.1+ with `CONFIG_IRQ_TIME_ACCOUNTING`).
    pub irq_pressure: Field<Pressure>,
}

/// Time a process spent waiting, by cause (delay accounting).
///
/// `cpu_run_*` come from `/proc/<pid>/schedstat` and `blkio_delay_ticks` from
/// `/proc/<pid>/stat`, both always available; the per-cause totals come from the
/// taskstats netlink interface (option `taskstats`, needs CAP_NET_ADMIN and the
/// `kernel.task_delayacct` sysctl, else `permission_denied` / `not_enabled`).
#[derive(Debug, Clone, PartialEq, Record)]
pub struct DelayAccounting {
    /// Time on CPU of the main thread (`schedstat` is the leader's; the CPU ticks sum all).
    #[record(unit = "ns", counter)]
    pub cpu_run_time_ns: Field<u64>,
    /// Time the main thread was runnable but waiting for a CPU (run-queue delay).
    #[record(unit = "ns", counter)]
    pub cpu_run_delay_ns: Field<u64>,
    /// Number of times the main thread ran on a CPU.
    #[record(counter)]
    pub cpu_timeslices: Field<u64>,
    /// Aggregated block I/O delay (`delayacct_blkio_ticks`).
    #[record(unit = "ticks", counter)]
    pub blkio_delay_ticks: Field<u64>,
    /// taskstats: waiting for a CPU while runnable.
    #[record(unit = "ns", counter)]
    pub cpu_delay_total_ns: Field<u64>,
    #[record(counter)]
    pub cpu_delay_count: Field<u64>,
    /// taskstats: waiting for synchronous block I/O.
    #[record(unit = "ns", counter)]
    pub blkio_delay_total_ns: Field<u64>,
    #[record(counter)]
    pub blkio_delay_count: Field<u64>,
    /// taskstats: waiting for pages to be swapped in.
    #[record(unit = "ns", counter)]
    pub swapin_delay_total_ns: Field<u64>,
    #[record(counter)]
    pub swapin_delay_count: Field<u64>,
    /// taskstats: memory reclaim.
    #[record(unit = "ns", counter)]
    pub freepages_delay_total_ns: Field<u64>,
    #[record(counter)]
    pub freepages_delay_count: Field<u64>,
    /// taskstats: thrashing (refaults of recently evicted pages).
    #[record(unit = "ns", counter)]
    pub thrashing_delay_total_ns: Field<u64>,
    #[record(counter)]
    pub thrashing_delay_count: Field<u64>,
    /// taskstats: memory compaction.
    #[record(unit = "ns", counter)]
    pub compact_delay_total_ns: Field<u64>,
    #[record(counter)]
    pub compact_delay_count: Field<u64>,
    /// taskstats: copy-on-write faults (Linux 6.3+).
    #[record(unit = "ns", counter)]
    pub wpcopy_delay_total_ns: Field<u64>,
    #[record(counter)]
    pub wpcopy_delay_count: Field<u64>,
    /// taskstats: IRQ/softirq time stolen (Linux 6.6+).
    #[record(unit = "ns", counter)]
    pub irq_delay_total_ns: Field<u64>,
    #[record(counter)]
    pub irq_delay_count: Field<u64>,
}

/// Everything the kernel tells about one process.
#[derive(Debug, Clone, PartialEq, Record)]
pub struct ProcessFull {
    // === Identification ===
    /// The process id (its `/proc` directory). With `start_time`, the identity of the
    /// process: a `stat` without a valid start time is no record (left out, with a
    /// warning). Every other field of `stat` is read alone: one that does not parse or fit
    /// its type is missing with reason `error` and a warning quoting it.
    pub pid: i32,
    /// Parent process id (0 for init and kthreadd).
    pub ppid: Field<i32>,
    /// Process group id.
    pub pgid: Field<i32>,
    /// Session id.
    pub sid: Field<i32>,
    /// Thread group id (equals `pid` for a process).
    pub tgid: Field<i32>,
    /// The pid in each nested pid namespace, outermost first (`NSpid`).
    pub ns_pids: Field<Vec<i32>>,

    // === Names and commands ===
    /// The command name (`comm`, at most 15 bytes, any byte but NUL).
    pub name: ByteStr,
    /// The executable (`/proc/<pid>/exe`). Missing for kernel threads and zombies.
    pub exe: Field<ByteStr>,
    /// True when the executable has been deleted or replaced on disk since the start.
    pub exe_deleted: Field<bool>,
    /// The arguments (`/proc/<pid>/cmdline`), lossless. Empty for kernel threads.
    pub cmdline: Field<Vec<ByteStr>>,
    /// The working directory.
    pub cwd: Field<ByteStr>,
    /// The root directory (`/` unless chrooted or in a container).
    pub root: Field<ByteStr>,

    // === Users and groups ===
    pub uid_real: Field<u32>,
    pub uid_effective: Field<u32>,
    pub uid_saved: Field<u32>,
    pub uid_filesystem: Field<u32>,
    pub gid_real: Field<u32>,
    pub gid_effective: Field<u32>,
    pub gid_saved: Field<u32>,
    pub gid_filesystem: Field<u32>,
    /// Supplementary groups.
    pub groups: Field<Vec<u32>>,

    // === State ===
    pub state: ProcessState,
    /// The state letter as the kernel prints it (`R`, `S`, `D`, `Z`, `T`, `t`, `X`, `I`, …).
    pub state_char: char,
    /// Nice value, -20 (favoured) to 19.
    pub nice: Field<i32>,
    /// Kernel scheduling priority as `/proc/<pid>/stat` shows it (20 + nice for normal
    /// tasks; negative for real-time ones).
    pub priority: Field<i32>,
    pub num_threads: Field<u32>,
    /// Start time after boot.
    #[record(unit = "ticks")]
    pub start_time: u64,
    /// Start time as a Unix timestamp (boot time + `start_time`).
    #[record(unit = "seconds")]
    pub start_time_unix: Field<u64>,
    /// `PF_*` flags of the main thread.
    pub flags: Field<u32>,
    /// True for kernel threads (`PF_KTHREAD` in `flags`; missing with it).
    pub is_kernel_thread: Field<bool>,
    /// Controlling terminal (`tty_nr`, encoded device number; 0 when none).
    pub tty_nr: Field<i32>,

    // === CPU ===
    #[record(unit = "ticks", counter)]
    pub cpu_user_ticks: Field<u64>,
    #[record(unit = "ticks", counter)]
    pub cpu_system_ticks: Field<u64>,
    /// CPU time of waited-for children, user mode (printed signed by the kernel: a
    /// negative value is `error`, never 0).
    #[record(unit = "ticks", counter)]
    pub cpu_children_user: Field<u64>,
    #[record(unit = "ticks", counter)]
    pub cpu_children_system: Field<u64>,
    /// CPU use since the previous snapshot of the same `Probe`, in percent of one CPU
    /// (200 = two CPUs busy). Missing with `no_previous_sample` on the first snapshot, and
    /// with the reason of `cpu_user_ticks` or `cpu_system_ticks` when either is missing.
    #[record(unit = "percent")]
    pub cpu_percent: Field<f64>,
    /// CPUs the process may run on (`Cpus_allowed_list`).
    pub cpu_affinity: Field<Vec<u32>>,
    /// The CPU the process last ran on.
    pub last_cpu: Field<i32>,

    // === Memory ===
    /// Resident set size (`rss` of `stat` × page size; `error` with a warning when the
    /// product does not fit a u64).
    #[record(unit = "bytes")]
    pub memory_rss: Field<u64>,
    /// Virtual memory size.
    #[record(unit = "bytes")]
    pub memory_vms: Field<u64>,
    /// Resident memory backed by files or shared memory (`RssFile + RssShmem`).
    #[record(unit = "bytes")]
    pub memory_shared: Field<u64>,
    /// Text (code) segment size (`VmExe`).
    #[record(unit = "bytes")]
    pub memory_text: Field<u64>,
    /// Data + stack size (`VmData + VmStk`).
    #[record(unit = "bytes")]
    pub memory_data: Field<u64>,
    /// Shared library code size (`VmLib`).
    #[record(unit = "bytes")]
    pub memory_lib: Field<u64>,
    /// Dirty pages (`Shared_Dirty + Private_Dirty` of `smaps_rollup`; option `smaps_rollup`).
    #[record(unit = "bytes")]
    pub memory_dirty: Field<u64>,
    /// Swapped-out memory (`VmSwap`).
    #[record(unit = "bytes")]
    pub memory_swap: Field<u64>,
    /// Proportional set size (`smaps_rollup`; option `smaps_rollup`).
    #[record(unit = "bytes")]
    pub memory_pss: Field<u64>,
    /// Unique set size: private clean + private dirty (`smaps_rollup`; option `smaps_rollup`).
    #[record(unit = "bytes")]
    pub memory_uss: Field<u64>,
    /// Anonymous part of PSS (Linux 5.7+; option `smaps_rollup`).
    #[record(unit = "bytes")]
    pub memory_pss_anon: Field<u64>,
    /// File-backed part of PSS (Linux 5.7+; option `smaps_rollup`).
    #[record(unit = "bytes")]
    pub memory_pss_file: Field<u64>,
    /// Shared-memory part of PSS (Linux 5.7+; option `smaps_rollup`).
    #[record(unit = "bytes")]
    pub memory_pss_shmem: Field<u64>,
    /// Peak resident set size (`VmHWM`).
    #[record(unit = "bytes")]
    pub memory_rss_peak: Field<u64>,
    /// Locked memory (`VmLck`).
    #[record(unit = "bytes")]
    pub memory_locked: Field<u64>,
    /// Page-table memory (`VmPTE`).
    #[record(unit = "bytes")]
    pub memory_page_tables: Field<u64>,
    /// RSS as a share of the machine's physical memory.
    #[record(unit = "percent")]
    pub memory_percent: Field<f64>,
    #[record(counter)]
    pub page_faults_minor: Field<u64>,
    #[record(counter)]
    pub page_faults_major: Field<u64>,
    /// Minor faults of waited-for children.
    #[record(counter)]
    pub page_faults_children_minor: Field<u64>,
    #[record(counter)]
    pub page_faults_children_major: Field<u64>,

    // === I/O (`/proc/<pid>/io`: needs ptrace access to the process) ===
    /// Bytes fetched from storage.
    #[record(unit = "bytes", counter)]
    pub io_read_bytes: Field<u64>,
    /// Bytes sent to storage (or dirtied in the page cache).
    #[record(unit = "bytes", counter)]
    pub io_write_bytes: Field<u64>,
    /// Bytes passed to read-like syscalls, cached or not (`rchar`).
    #[record(unit = "bytes", counter)]
    pub io_read_chars: Field<u64>,
    /// Bytes passed to write-like syscalls (`wchar`).
    #[record(unit = "bytes", counter)]
    pub io_write_chars: Field<u64>,
    #[record(counter)]
    pub io_read_syscalls: Field<u64>,
    #[record(counter)]
    pub io_write_syscalls: Field<u64>,
    /// Bytes whose write-out was cancelled by truncation.
    #[record(unit = "bytes", counter)]
    pub io_cancelled_write: Field<u64>,

    // === Files and sockets ===
    /// Open descriptors: the size the kernel reports for `/proc/<pid>/fd` (Linux 6.2+,
    /// readable for any process), else the number of entries listed there.
    pub num_fds: Field<u32>,
    /// Open descriptors that are not sockets (option `fds`).
    pub open_files: Field<Vec<OpenFile>>,
    /// Open sockets (option `fds`).
    pub open_sockets: Field<Vec<OpenSocket>>,
    /// Memory mappings (option `maps`).
    pub maps: Field<Vec<MemoryMap>>,

    // === Context switches ===
    #[record(counter)]
    pub voluntary_ctx_switches: Field<u64>,
    #[record(counter)]
    pub nonvoluntary_ctx_switches: Field<u64>,

    // === Limits ===
    pub limits: Field<ProcessLimits>,

    // === Security ===
    /// 0 disabled, 1 strict, 2 filter.
    pub seccomp_mode: Field<u8>,
    /// Number of seccomp filters attached (Linux 5.9+).
    pub seccomp_filters: Field<u32>,
    pub capabilities_effective: Field<u64>,
    pub capabilities_permitted: Field<u64>,
    pub capabilities_inheritable: Field<u64>,
    pub capabilities_bounding: Field<u64>,
    pub capabilities_ambient: Field<u64>,
    pub no_new_privs: Field<bool>,

    // === Namespaces (inode numbers of /proc/<pid>/ns/*) ===
    pub ns_cgroup: Field<u64>,
    pub ns_ipc: Field<u64>,
    pub ns_mnt: Field<u64>,
    pub ns_net: Field<u64>,
    pub ns_pid: Field<u64>,
    /// The pid namespace children will be created in.
    pub ns_pid_children: Field<u64>,
    pub ns_time: Field<u64>,
    /// The time namespace children will be created in.
    pub ns_time_children: Field<u64>,
    pub ns_user: Field<u64>,
    pub ns_uts: Field<u64>,

    // === Cgroups ===
    /// The cgroup v2 path (or, on a v1-only system, the first controller's path).
    pub cgroup_path: Field<ByteStr>,
    /// Controllers that apply: those of the v2 cgroup (`cgroup.controllers`), else the
    /// v1 hierarchies the process is in.
    /// Shared by every process with the same cgroups.
    pub cgroup_controllers: Field<Arc<[String]>>,
    /// The limits that bind through the cgroup hierarchy.
    /// Shared by every process with the same cgroups.
    pub cgroup_limits: Field<Arc<CgroupLimits>>,

    // === Environment (option `environ`; never collected unless asked for) ===
    pub environ: Field<OrderedMap<ByteStr, ByteStr>>,

    // === OOM ===
    pub oom_score: Field<i32>,
    pub oom_score_adj: Field<i32>,

    // === Scheduling ===
    /// SCHED_OTHER 0, FIFO 1, RR 2, BATCH 3, IDLE 5, DEADLINE 6 (`not_supported` before
    /// Linux 2.5.19, which does not print it).
    pub sched_policy: Field<u32>,
    /// Real-time priority (1–99), 0 for normal policies.
    pub sched_priority: Field<u32>,
    /// The cgroup CPU quota per period that binds the process (`cpu.max`).
    #[record(unit = "us")]
    pub cpu_time_limit: Field<u64>,
    pub delay: DelayAccounting,

    // === Signals (bit n-1 set = signal n) ===
    /// Pending for the process or its main thread (`ShdPnd | SigPnd`).
    pub signals_pending: Field<u64>,
    pub signals_blocked: Field<u64>,
    pub signals_ignored: Field<u64>,
    pub signals_caught: Field<u64>,

    /// Where the `stat` fields (ids, name, state, CPU times, faults, RSS, virtual size,
    /// threads, scheduling) came from: option `via`.
    pub stat_from: StatFrom,
}

/// Which process field groups to collect. `stat` (ids, name, state, CPU times and
/// percent, RSS, virtual size, faults, threads, scheduling) is always read; the groups
/// below it are on by default, the costly ones after them off. A group left out leaves
/// its fields missing with reason `disabled`. A live view or a ranking that shows a few
/// columns turns off what it does not show: every group is a file or a few links per
/// process (see [`ProcessOptions::table`]).
#[derive(Debug, Clone, PartialEq, Eq, OptionSet)]
pub struct ProcessOptions {
    /// `/proc/<pid>/status`: user and group ids, groups, memory detail (shared, text,
    /// data, lib, swap, peak, locked, page tables), context switches, capabilities,
    /// seccomp, signals, CPU affinity, thread group and namespace pids.
    pub status: bool,
    /// `/proc/<pid>/io`: bytes and calls read and written.
    pub io: bool,
    /// The command line (`/proc/<pid>/cmdline`).
    pub cmdline: bool,
    /// The executable (and whether it was deleted), working directory and root (three
    /// links per process).
    pub paths: bool,
    /// Resource limits (`/proc/<pid>/limits`).
    pub limits: bool,
    /// OOM score and adjustment (`oom_score`, `oom_score_adj`).
    pub oom: bool,
    /// CPU run time, run delay and time slices (`/proc/<pid>/schedstat`).
    pub schedstat: bool,
    /// The number of open descriptors (one `stat` of `fd/` on Linux 6.2+, else a listing).
    pub fd_count: bool,
    /// The ten namespace inodes (`ns/*`: ten links per process).
    pub namespaces: bool,
    /// The cgroup path and controllers (`/proc/<pid>/cgroup`); `cgroup_limits` needs it.
    pub cgroup: bool,
    /// PSS, USS, dirty and swap-PSS memory from `/proc/<pid>/smaps_rollup` (the kernel
    /// walks every page table: about 10× the cost of the rest of a process).
    pub smaps_rollup: bool,
    /// Every memory mapping (`/proc/<pid>/maps`).
    pub maps: bool,
    /// Every open descriptor with path, flags, offset, inode and type (`fd/*`,
    /// `fdinfo/*`), and the sockets among them.
    pub fds: bool,
    /// The environment. Off unless asked for: it often holds secrets.
    pub environ: bool,
    /// Per-cause delay totals over taskstats netlink (CAP_NET_ADMIN; one round trip per
    /// process).
    pub taskstats: bool,
    /// The limits that bind each process through its cgroup path (read once per cgroup).
    pub cgroup_limits: bool,
    /// Collect only these processes (every process when `None`). Each is collected once,
    /// in ascending order, however often the list names it.
    pub pids: Option<Vec<i32>>,
    /// How the `stat` fields are read: `proc` reads `/proc/<pid>/stat` for each process;
    /// `bpf` runs the `iter/task` BPF iterator once per snapshot (loaded once per probe;
    /// needs CAP_BPF and CAP_PERFMON, the host's procfs and the initial pid and user
    /// namespaces) and reads `/proc/<pid>/stat` only for what it does not give exactly
    /// (kernel threads, the probe's own process, a process it did not list), or for every
    /// process where it does not load (with a warning); `auto` is `bpf` (without a
    /// warning where it does not load) when the previous snapshot had more than 300
    /// processes, else `proc` (the first snapshot too). When every other group is off
    /// (`ProcessOptions::table(false, false)`), the iterator's list is the table and a
    /// process it gave is not opened in `/proc` at all. Each process's `stat_from` says
    /// which was used.
    pub via: Via,
    /// Threads reading the process table: `0` chooses (one for fewer than 256 processes,
    /// else one per CPU up to 4), `1` reads on the calling thread only. Reading is mostly
    /// kernel time spent per process, so n readers on n free CPUs take a little more than
    /// 1/n of the wall time, for somewhat more CPU time (on a 2-CPU VM, 1 000 processes:
    /// 52 ms on one thread; 33 ms wall and 61 ms CPU on two).
    #[option(max = ProcessOptions::MAX_THREADS)]
    pub threads: usize,
    /// Replace secret values in command lines with `********` (default on; see
    /// [`crate::process::scrub`] for exactly what is replaced). `false` gives the raw
    /// bytes. Costs a scan of each argument that holds `=`, starts with `-` or holds `://`.
    pub cmdline_scrub: bool,
    /// More argument names to scrub, beside the built-in list (`password`, `passwd`,
    /// `secret`, `token`, `api_key`, `apikey`, `access_key`, `auth`); matched like them
    /// (case-insensitive, anywhere in the name, `-` read as `_`). Default empty.
    pub cmdline_scrub_words: Vec<String>,
}

impl Default for ProcessOptions {
    fn default() -> Self {
        ProcessOptions {
            status: true,
            io: true,
            cmdline: true,
            paths: true,
            limits: true,
            oom: true,
            schedstat: true,
            fd_count: true,
            namespaces: true,
            cgroup: true,
            smaps_rollup: false,
            maps: false,
            fds: false,
            environ: false,
            taskstats: false,
            cgroup_limits: true,
            pids: None,
            via: Via::Auto,
            threads: 0,
            cmdline_scrub: true,
            cmdline_scrub_words: Vec::new(),
        }
    }
}

impl ProcessOptions {
    /// The most process reader threads (`threads`): the faces refuse more, the core
    /// reads with at most this many.
    pub const MAX_THREADS: usize = 256;

    /// Every field group except `environ` (which must be asked for by name).
    pub fn everything() -> ProcessOptions {
        ProcessOptions { smaps_rollup: true, maps: true, fds: true, taskstats: true, ..ProcessOptions::default() }
    }

    /// A process table's columns and no more: `stat` (ids, name, state, threads, CPU,
    /// RSS), with `status` (user ids) and `io` as asked. Every other group is off, cgroup
    /// limits too: at most three files per process instead of 24 files and links.
    pub fn table(status: bool, io: bool) -> ProcessOptions {
        ProcessOptions {
            status,
            io,
            cmdline: false,
            paths: false,
            limits: false,
            oom: false,
            schedstat: false,
            fd_count: false,
            namespaces: false,
            cgroup: false,
            cgroup_limits: false,
            ..ProcessOptions::default()
        }
    }
}

/// The process domain in the registry.
#[derive(Debug)]
pub(crate) struct ProcessDomain;

impl Collector for ProcessDomain {
    type Options = ProcessOptions;
    type Output = Vec<ProcessFull>;
    type State = crate::sys::imp::process::State;

    fn collect(cx: &mut Cx<'_>, options: &ProcessOptions, state: &mut Self::State) -> Domain<Vec<ProcessFull>> {
        crate::sys::imp::process::collect(cx, options, state)
    }
}
