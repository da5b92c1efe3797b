// Generated from libprobe-core's schemas by `make generate` (generate/src/node.rs): do not
// edit. `make test` fails when it is stale.

/**
 * The domains libprobe collects. Each is selected by options and reports its own
 * status; the codes are stable (the C ABI's `LIBPROBE_DOMAIN_*`).
 */
export type DomainName = 'system' | 'process' | 'network' | 'gpu' | 'power' | 'storage' | 'ebpf';

/** Whether a domain was collected. */
export type DomainState = 'collected' | 'skipped' | 'failed';

/**
 * Why a field or a domain holds no value.
 *
 * The codes are stable (the C ABI exposes them) and never renumbered.
 */
export type Reason = 'permission_denied' | 'gone' | 'not_supported' | 'not_present' | 'disabled' | 'not_enabled' | 'zombie' | 'kernel_thread' | 'no_previous_sample' | 'too_large' | 'timed_out' | 'error' | 'standby';

/** Scheduler state, from the state letter of `/proc/<pid>/stat`. */
export type ProcessState = 'running' | 'sleeping' | 'disk_sleep' | 'zombie' | 'stopped' | 'tracing_stop' | 'dead' | 'wakekill' | 'waking' | 'parked' | 'idle' | 'unknown';

/** Where a process's `/proc/<pid>/stat` fields came from (its `stat_from`; option `via`). */
export type StatFrom = 'proc_stat' | 'bpf_iter';

/** What an open file descriptor refers to. */
export type FileType = 'regular' | 'directory' | 'char_device' | 'block_device' | 'pipe' | 'socket' | 'symlink' | 'anon_inode' | 'unknown';

/** A socket's protocol family and type, as seen from the owning process. */
export type SocketType = 'tcp' | 'tcp6' | 'udp' | 'udp6' | 'udplite' | 'udplite6' | 'raw' | 'raw6' | 'unix' | 'netlink' | 'packet' | 'sctp' | 'sctp6' | 'mptcp' | 'vsock' | 'other';

/** Where a snapshot's socket owners came from (the network record's `owners_from`). */
export type OwnersFrom = 'process_fds' | 'proc_walk' | 'bpf_iter';

/** The address family of an Internet socket, address or route. */
export type AddressFamily = 'ipv4' | 'ipv6';

/**
 * A TCP state (`include/net/tcp_states.h`). Request sockets (`NEW_SYN_RECV`) are shown
 * as `syn_recv`, as the kernel's own tables do.
 */
export type TcpState = 'established' | 'syn_sent' | 'syn_recv' | 'fin_wait1' | 'fin_wait2' | 'time_wait' | 'close' | 'close_wait' | 'last_ack' | 'listen' | 'closing' | 'bound_inactive' | 'unknown';

/** The type of a Unix socket (`SOCK_*` values). */
export type UnixSocketType = 'stream' | 'dgram' | 'seqpacket' | 'unknown';

/**
 * The state of a Unix socket (its `sk_state`: a Unix socket is only ever unconnected,
 * connected or listening).
 */
export type UnixState = 'unconnected' | 'connected' | 'listening' | 'unknown';

/** The type of a packet socket. */
export type PacketSocketType = 'raw' | 'dgram' | 'unknown';

/** The operational state of an interface (RFC 2863, `IF_OPER_*`). */
export type InterfaceState = 'unknown' | 'not_present' | 'down' | 'lower_layer_down' | 'testing' | 'dormant' | 'up';

/** Link duplex. */
export type Duplex = 'half' | 'full';

/** The scope of an address or route (`RT_SCOPE_*`). */
export type AddressScope = 'global' | 'site' | 'link' | 'host' | 'nowhere' | 'other';

/** The type of a route (`RTN_*`). */
export type RouteType = 'unspec' | 'unicast' | 'local' | 'broadcast' | 'anycast' | 'multicast' | 'blackhole' | 'unreachable' | 'prohibit' | 'throw' | 'nat' | 'xresolve';

/** A neighbour cache state (`NUD_*`). */
export type NeighbourState = 'incomplete' | 'reachable' | 'stale' | 'delay' | 'probe' | 'failed' | 'no_arp' | 'permanent' | 'none';

/** Who made a GPU. */
export type GpuVendor = 'nvidia' | 'amd' | 'intel' | 'unknown';

/** Which processes may use a GPU (NVML compute mode). */
export type ComputeMode = 'default' | 'exclusive_thread' | 'prohibited' | 'exclusive_process';

/**
 * Whether a GPU's record was read (fields may still be missing one by one) or the GPU
 * failed as a whole.
 */
export type GpuState = 'collected' | 'failed';

/** Where the DRM clients of a snapshot were found. */
export type DrmClientsFrom = 'process_fds' | 'gpu_walk';

/** What a process does on a GPU. */
export type GpuProcessType = 'compute' | 'graphics' | 'compute_and_graphics' | 'drm_client';

/** What a battery is doing (`status`). */
export type BatteryStatus = 'unknown' | 'charging' | 'discharging' | 'not_charging' | 'full';

/** Which quantities a battery reports its content in. */
export type BatteryFamily = 'energy' | 'charge';

/**
 * What a sensor channel measures, and so the unit of its values. The order is the one
 * `sensors` prints channels in.
 */
export type SensorKind = 'voltage' | 'fan' | 'temperature' | 'power' | 'energy' | 'current' | 'humidity';

/** The command set a disk speaks. */
export type StorageProtocol = 'sata' | 'nvme' | 'sas';

/** The overall health verdict of a disk. */
export type SmartStatus = 'passed' | 'failed';

/** An ATA disk's power mode (CHECK POWER MODE). */
export type PowerMode = 'active' | 'idle' | 'standby' | 'unknown';

/** Health of a ZFS pool or vdev. */
export type ZfsHealth = 'online' | 'degraded' | 'faulted' | 'offline' | 'unavail' | 'removed' | 'suspended' | 'unknown';

/** An eBPF tracer: one set of BPF programs and the maps they fill. */
export type TracerName = 'syscalls' | 'runqlat' | 'offcpu' | 'biolatency' | 'faults' | 'mmap' | 'opens' | 'filelat' | 'netbytes' | 'tcpconnlat' | 'tcpretrans' | 'drops';

/** Whether a tracer's programs are attached. */
export type TracerState = 'attached' | 'failed';

/** How a BPF program is attached to a kernel tracepoint. */
export type HookType = 'tp_btf' | 'raw_tp' | 'tracepoint';

/** A block request's operation (`REQ_OP_*`). */
export type BlockOperation = 'read' | 'write' | 'flush' | 'discard' | 'secure_erase' | 'write_zeroes' | 'other';

/** Everything one call collected. */
export interface Snapshot {
  /**
   * When collection started, on the observed machine's clock.
   *
   * Unit: ns.
   */
  timestampUnixNs: bigint;
  /**
   * CLOCK_MONOTONIC when collection started (for computing rates between snapshots).
   *
   * Unit: ns.
   */
  timestampMonotonicNs: bigint;
  /**
   * Time the whole collection took.
   *
   * Unit: ns.
   */
  durationNs: bigint;
  libprobeVersion: string;
  /** One entry per domain: collected, skipped or failed, and why. */
  domains: DomainStatus[];
  system: System | null;
  processes: ProcessFull[] | null;
  /**
   * Sockets, interfaces, routes, neighbours, conntrack and protocol counters of one
   * network namespace (see [`crate::network`]).
   */
  network: Network | null;
  /** Every GPU (see [`crate::gpu`]). */
  gpus: GpuMetrics[] | null;
  /** RAPL zones, power supplies and sensors (see [`crate::power`]). */
  power: PowerMetrics | null;
  /** SMART health, Btrfs, LVM and ZFS (see [`crate::storage`]). */
  storage: Storage | null;
  /** What the eBPF tracers saw since the previous snapshot (see [`crate::ebpf`]). */
  ebpf: EbpfMetrics | null;
  /** The fields that could not be read, each with its reason; present only when some are missing. */
  unavailable?: Partial<Record<'system' | 'processes' | 'network' | 'gpus' | 'power' | 'storage' | 'ebpf', Reason>>;
}

/** How the collection of one domain went. */
export interface DomainStatus {
  domain: DomainName;
  state: DomainState;
  /** Why the domain was skipped or failed; `null` when collected. */
  reason: Reason | null;
  /** The error that failed the domain, with the path it concerns. */
  error: string | null;
  /**
   * Problems that did not fail the domain: a file that failed to parse for one process,
   * a source that was unexpectedly unreadable. Bounded; see `warnings_dropped`.
   */
  warnings: string[];
  /** Warnings beyond the bound that were counted but not kept. */
  warningsDropped: number;
  /**
   * Time spent collecting this domain.
   *
   * Unit: ns.
   */
  durationNs: bigint;
}

/** The machine as a whole. */
export interface System {
  /** `/proc/sys/kernel/hostname` (of the reader's UTS namespace). */
  hostname: string | null;
  /** `uname -r` (`/proc/sys/kernel/osrelease`). */
  kernelRelease: string | null;
  /** `uname -v` (`/proc/sys/kernel/version`). */
  kernelVersion: string | null;
  /**
   * Boot time as a Unix timestamp (`btime` of `/proc/stat`; moves when the wall clock
   * is stepped).
   *
   * Unit: seconds.
   */
  bootTime: bigint | null;
  /**
   * Time since boot, suspended time included (`/proc/uptime`).
   *
   * Unit: seconds. Counter: it only grows (a drop is a reset).
   */
  uptimeSeconds: number | null;
  /**
   * Idle time summed over CPUs (`/proc/uptime`).
   *
   * Unit: seconds. Counter: it only grows (a drop is a reset).
   */
  idleSeconds: number | null;
  /** Clock ticks per second (the unit of every `*_ticks` field). */
  clockTicks: bigint;
  /** Unit: bytes. */
  pageSize: bigint;
  /**
   * Logical CPUs online (`/sys/devices/system/cpu/online`, else the `cpuN` lines of
   * `/proc/stat`). Not reduced by affinity or cgroup limits, unlike `nproc`.
   */
  cpuCount: number;
  /** Logical CPUs the kernel can bring online (`possible`). */
  cpuCountPossible: number | null;
  /**
   * Physical cores among online CPUs (distinct package/die/core ids, else distinct
   * sibling sets).
   */
  cpuCountPhysical: number | null;
  /** Packages (sockets) among online CPUs. */
  cpuPackages: number | null;
  /** The `cpu` line of `/proc/stat`: every possible CPU, summed. */
  cpuTotal: CpuTimes | null;
  /**
   * Busy share of all CPUs since the previous snapshot of the same `Probe` (0–100, not
   * per core). `no_previous_sample` on the first snapshot, when no clock tick elapsed
   * since the previous one, and when the counters went backwards (CPU hotplug).
   *
   * Unit: percent.
   */
  cpuPercent: number | null;
  /** Every present CPU, by id. */
  cpus: Cpu[];
  /**
   * Context switches since boot.
   *
   * Counter: it only grows (a drop is a reset).
   */
  contextSwitches: bigint | null;
  /**
   * Interrupts serviced since boot.
   *
   * Counter: it only grows (a drop is a reset).
   */
  interrupts: bigint | null;
  /**
   * Softirqs serviced since boot (2.6.31+).
   *
   * Counter: it only grows (a drop is a reset).
   */
  softirqs: bigint | null;
  /**
   * Processes and threads created since boot.
   *
   * Counter: it only grows (a drop is a reset).
   */
  forks: bigint | null;
  /** Threads runnable now. */
  procsRunning: number | null;
  /** Threads blocked on I/O now. */
  procsBlocked: number | null;
  load: LoadAverage | null;
  pressure: SystemPressure;
  memory: Memory | null;
  /**
   * Every `/proc/meminfo` line: values with a `kB` unit converted to bytes, the others
   * (`HugePages_*`) as counts. A line whose value does not parse is left out (with a
   * warning).
   */
  meminfo: { [key: string]: bigint } | null;
  /**
   * Every `/proc/vmstat` counter, as the kernel prints it (mostly pages); one that does
   * not parse is left out (with a warning).
   */
  vmstat: { [key: string]: bigint } | null;
  /** Every line of `/proc/diskstats` (disks, partitions, loop, dm and zram devices). */
  disks: DiskStats[] | null;
  /** Every mount of `/proc/self/mountinfo` (the reader's mount namespace), in order. */
  filesystems: Filesystem[] | null;
  /** File handles (`/proc/sys/fs/file-nr`). */
  fileHandles: FileHandles | null;
  /** Cached inodes (`/proc/sys/fs/inode-nr`). */
  inodes: InodeCounts | null;
  /** The random pool (`/proc/sys/kernel/random/`). */
  entropy: Entropy | null;
  /**
   * Socket buffer memory of the reader's network namespace (`/proc/net/sockstat`,
   * `sockstat6`), in bytes.
   */
  socketMemory: SocketBufferMemory | null;
  /** The fields that could not be read, each with its reason; present only when some are missing. */
  unavailable?: Partial<Record<'hostname' | 'kernelRelease' | 'kernelVersion' | 'bootTime' | 'uptimeSeconds' | 'idleSeconds' | 'cpuCountPossible' | 'cpuCountPhysical' | 'cpuPackages' | 'cpuTotal' | 'cpuPercent' | 'contextSwitches' | 'interrupts' | 'softirqs' | 'forks' | 'procsRunning' | 'procsBlocked' | 'load' | 'memory' | 'meminfo' | 'vmstat' | 'disks' | 'filesystems' | 'fileHandles' | 'inodes' | 'entropy' | 'socketMemory', Reason>>;
}

/**
 * Time spent in each CPU mode (a `cpu` line of `/proc/stat`), in clock ticks.
 *
 * Kernels older than 2.6.33 print fewer columns; the modes they do not print are 0
 * (that time is counted in the other modes there).
 */
export interface CpuTimes {
  /** Unit: ticks. Counter: it only grows (a drop is a reset). */
  user: bigint;
  /** Unit: ticks. Counter: it only grows (a drop is a reset). */
  nice: bigint;
  /** Unit: ticks. Counter: it only grows (a drop is a reset). */
  system: bigint;
  /** Unit: ticks. Counter: it only grows (a drop is a reset). */
  idle: bigint;
  /**
   * Idle while a task waited for I/O. Not monotonic per CPU: the kernel moves time
   * between `idle` and `iowait`.
   *
   * Unit: ticks. Counter: it only grows (a drop is a reset).
   */
  iowait: bigint;
  /** Unit: ticks. Counter: it only grows (a drop is a reset). */
  irq: bigint;
  /** Unit: ticks. Counter: it only grows (a drop is a reset). */
  softirq: bigint;
  /**
   * Time stolen by the hypervisor.
   *
   * Unit: ticks. Counter: it only grows (a drop is a reset).
   */
  steal: bigint;
  /**
   * Time running guests (already included in `user`).
   *
   * Unit: ticks. Counter: it only grows (a drop is a reset).
   */
  guest: bigint;
  /**
   * Time running niced guests (already included in `nice`).
   *
   * Unit: ticks. Counter: it only grows (a drop is a reset).
   */
  guestNice: bigint;
}

/** One logical CPU (every CPU `present` lists, online or not). */
export interface Cpu {
  /** The logical CPU number. */
  id: number;
  online: boolean;
  /**
   * Mode times (its `cpuN` line of `/proc/stat`), whenever `/proc/stat` has that line
   * (even for a CPU sysfs lists as offline); `not_enabled` for an offline CPU without
   * one.
   */
  times: CpuTimes | null;
  /**
   * Busy share since the previous snapshot of the same `Probe` (0–100 for this one
   * CPU). `no_previous_sample` on the first snapshot, when no clock tick elapsed
   * since the previous one, and after the CPU came back online; `not_enabled` while
   * offline.
   *
   * Unit: percent.
   */
  percent: number | null;
  /**
   * Physical package (socket), `-1` where the architecture does not know it. Every
   * topology field is `not_enabled` while the CPU is offline and `not_present` on a
   * kernel without the file (`die_id` before 5.3, `cluster_id` before 5.16).
   */
  packageId: number | null;
  /** Die within the package. */
  dieId: number | null;
  /** Cluster of cores sharing a cache level (arm64 clusters, x86 L2 groups). */
  clusterId: number | null;
  /** Core within the package and die (not unique machine-wide). */
  coreId: number | null;
  /** Logical CPUs sharing this core (SMT siblings), this one included. */
  threadSiblings: number[] | null;
  /**
   * Current frequency: cpufreq `scaling_cur_freq`, else the `cpu MHz` of
   * `/proc/cpuinfo` (x86; often the nominal frequency in a VM); `not_supported` when
   * neither has it (arm64 without cpufreq).
   *
   * Unit: MHz.
   */
  frequencyMhz: number | null;
  /**
   * The lowest frequency the cpufreq policy allows (`scaling_min_freq`);
   * `not_present` without a cpufreq driver.
   *
   * Unit: MHz.
   */
  frequencyMinMhz: number | null;
  /**
   * The highest frequency the cpufreq policy allows (`scaling_max_freq`).
   *
   * Unit: MHz.
   */
  frequencyMaxMhz: number | null;
  /** The cpufreq governor (`schedutil`, `performance`, …). */
  governor: string | null;
  /** The fields that could not be read, each with its reason; present only when some are missing. */
  unavailable?: Partial<Record<'times' | 'percent' | 'packageId' | 'dieId' | 'clusterId' | 'coreId' | 'threadSiblings' | 'frequencyMhz' | 'frequencyMinMhz' | 'frequencyMaxMhz' | 'governor', Reason>>;
}

/**
 * `/proc/loadavg`. Each value is read alone: one that does not parse (a negative load,
 * a word) is missing with reason `error` and a warning.
 */
export interface LoadAverage {
  /** Runnable plus uninterruptible tasks, averaged over 1 minute. */
  load1: number | null;
  /** Over 5 minutes. */
  load5: number | null;
  /** Over 15 minutes. */
  load15: number | null;
  /** Runnable scheduling entities now. */
  runnable: number | null;
  /** Scheduling entities (threads) that exist. */
  total: number | null;
  /** The most recently created pid (in the reader's pid namespace). */
  lastPid: number | null;
  /** The fields that could not be read, each with its reason; present only when some are missing. */
  unavailable?: Partial<Record<'load1' | 'load5' | 'load15' | 'runnable' | 'total' | 'lastPid', Reason>>;
}

/**
 * System-wide pressure stall information (`/proc/pressure/*`, Linux 4.20+ with PSI on).
 * Each is `not_present` when its file is absent (no `CONFIG_PSI`, `psi=0`, an older
 * kernel).
 */
export interface SystemPressure {
  cpu: Pressure | null;
  memory: Pressure | null;
  io: Pressure | null;
  /** Linux 6.1+ with `CONFIG_IRQ_TIME_ACCOUNTING`. */
  irq: Pressure | null;
  /** The fields that could not be read, each with its reason; present only when some are missing. */
  unavailable?: Partial<Record<'cpu' | 'memory' | 'io' | 'irq', Reason>>;
}

/** `some` (at least one task stalled) and `full` (all non-idle tasks stalled) pressure. */
export interface Pressure {
  some: PsiLine;
  /** Not reported for CPU at the system level before Linux 5.13. */
  full: PsiLine | null;
  /** The fields that could not be read, each with its reason; present only when some are missing. */
  unavailable?: Partial<Record<'full', Reason>>;
}

/**
 * Pressure stall information for one resource (`/proc/pressure/*`, `<cgroup>/*.pressure`).
 * Each value is read alone: one that does not parse is missing (`error`).
 */
export interface PsiLine {
  /**
   * Share of wall time stalled, averaged over 10 s.
   *
   * Unit: percent.
   */
  avg10: number | null;
  /** Unit: percent. */
  avg60: number | null;
  /** Unit: percent. */
  avg300: number | null;
  /**
   * Total stall time.
   *
   * Unit: us. Counter: it only grows (a drop is a reset).
   */
  totalUs: bigint | null;
  /** The fields that could not be read, each with its reason; present only when some are missing. */
  unavailable?: Partial<Record<'avg10' | 'avg60' | 'avg300' | 'totalUs', Reason>>;
}

/**
 * Physical memory and swap (`/proc/meminfo`), the fields most tools show. Fields whose
 * line this kernel does not print are `not_supported`; a line whose value does not parse
 * leaves its field `error` (with a warning). Without a valid `MemTotal`, the base of every
 * share here, there is no `Memory` (`error`); `meminfo` keeps the other lines.
 */
export interface Memory {
  /**
   * Usable RAM (`MemTotal`).
   *
   * Unit: bytes.
   */
  total: bigint;
  /**
   * RAM not used at all (`MemFree`).
   *
   * Unit: bytes.
   */
  free: bigint | null;
  /**
   * An estimate of memory available for new work without swapping (`MemAvailable`,
   * Linux 3.14+).
   *
   * Unit: bytes.
   */
  available: bigint | null;
  /**
   * Block device buffers (`Buffers`).
   *
   * Unit: bytes.
   */
  buffers: bigint | null;
  /**
   * Page cache, reclaimable slab excluded (`Cached`; `free` adds `SReclaimable` to
   * show buff/cache).
   *
   * Unit: bytes.
   */
  cached: bigint | null;
  /**
   * Shared memory (tmpfs, shm; `Shmem`, 2.6.32+).
   *
   * Unit: bytes.
   */
  shared: bigint | null;
  /**
   * Recently used memory, not reclaimed unless needed (`Active`).
   *
   * Unit: bytes.
   */
  active: bigint | null;
  /**
   * Memory not used recently, first to be reclaimed (`Inactive`).
   *
   * Unit: bytes.
   */
  inactive: bigint | null;
  /**
   * Kernel slab caches, reclaimable and not (`Slab`).
   *
   * Unit: bytes.
   */
  slab: bigint | null;
  /**
   * `total - available` (or `total - free - buffers - cached` before 3.14), as
   * `free` shows it; missing with the reason of a value it needs.
   *
   * Unit: bytes.
   */
  used: bigint | null;
  /**
   * `used / total`.
   *
   * Unit: percent.
   */
  usedPercent: number | null;
  /**
   * `SwapTotal`: 0 without swap.
   *
   * Unit: bytes.
   */
  swapTotal: bigint | null;
  /** Unit: bytes. */
  swapFree: bigint | null;
  /**
   * `swap_total - swap_free`.
   *
   * Unit: bytes.
   */
  swapUsed: bigint | null;
  /**
   * `swap_used / swap_total`; `not_present` when there is no swap.
   *
   * Unit: percent.
   */
  swapUsedPercent: number | null;
  /**
   * Swapped in from disk since boot (`pswpin` of `/proc/vmstat` × page size); missing
   * with vmstat's reason when that file is unreadable.
   *
   * Unit: bytes. Counter: it only grows (a drop is a reset).
   */
  swapInBytes: bigint | null;
  /**
   * Swapped out to disk since boot (`pswpout` × page size).
   *
   * Unit: bytes. Counter: it only grows (a drop is a reset).
   */
  swapOutBytes: bigint | null;
  /** The fields that could not be read, each with its reason; present only when some are missing. */
  unavailable?: Partial<Record<'free' | 'available' | 'buffers' | 'cached' | 'shared' | 'active' | 'inactive' | 'slab' | 'used' | 'usedPercent' | 'swapTotal' | 'swapFree' | 'swapUsed' | 'swapUsedPercent' | 'swapInBytes' | 'swapOutBytes', Reason>>;
}

/**
 * One block device or partition line of `/proc/diskstats`, counters since boot.
 *
 * The `*_time_ms` fields are 32-bit in the kernel and wrap at 2^32 ms (about 49.7 days
 * of accumulated time): compute rates with wrapping subtraction modulo 2^32. Each
 * counter is read alone: one that does not parse is missing (`error`, with a warning)
 * and the rest of the device's line is kept; a line whose device number or name does
 * not parse is no device and is left out, with a warning.
 */
export interface DiskStats {
  /** Kernel name (`sda`, `nvme0n1p1`, `dm-0`, `loop0`). */
  name: string;
  major: number;
  minor: number;
  /** Counter: it only grows (a drop is a reset). */
  readsCompleted: bigint | null;
  /**
   * Adjacent reads merged into one before reaching the device.
   *
   * Counter: it only grows (a drop is a reset).
   */
  readsMerged: bigint | null;
  /**
   * 512-byte sectors, whatever the device's sector size.
   *
   * Unit: sectors. Counter: it only grows (a drop is a reset).
   */
  sectorsRead: bigint | null;
  /**
   * `sectors_read * 512` (`error` when that does not fit a u64).
   *
   * Unit: bytes. Counter: it only grows (a drop is a reset).
   */
  readBytes: bigint | null;
  /**
   * Time spent by all reads (they overlap: may exceed wall time).
   *
   * Unit: ms. Counter: it only grows (a drop is a reset).
   */
  readTimeMs: bigint | null;
  /** Counter: it only grows (a drop is a reset). */
  writesCompleted: bigint | null;
  /** Counter: it only grows (a drop is a reset). */
  writesMerged: bigint | null;
  /** Unit: sectors. Counter: it only grows (a drop is a reset). */
  sectorsWritten: bigint | null;
  /**
   * `sectors_written * 512`.
   *
   * Unit: bytes. Counter: it only grows (a drop is a reset).
   */
  writeBytes: bigint | null;
  /** Unit: ms. Counter: it only grows (a drop is a reset). */
  writeTimeMs: bigint | null;
  /** I/Os in flight now (a gauge). */
  ioInProgress: bigint | null;
  /**
   * Time the device had I/O in flight (busy time: `%util` is its rate).
   *
   * Unit: ms. Counter: it only grows (a drop is a reset).
   */
  ioTimeMs: bigint | null;
  /**
   * In-flight time weighted by queue depth.
   *
   * Unit: ms. Counter: it only grows (a drop is a reset).
   */
  weightedIoTimeMs: bigint | null;
  /**
   * Linux 4.18+ (`not_supported` before: the line has no such column), like the other
   * discard fields.
   */
  discardsCompleted: bigint | null;
  /** Counter: it only grows (a drop is a reset). */
  discardsMerged: bigint | null;
  /** Unit: sectors. Counter: it only grows (a drop is a reset). */
  sectorsDiscarded: bigint | null;
  /** Unit: ms. Counter: it only grows (a drop is a reset). */
  discardTimeMs: bigint | null;
  /**
   * Linux 5.5+ (`not_supported` before), like `flush_time_ms`.
   *
   * Counter: it only grows (a drop is a reset).
   */
  flushesCompleted: bigint | null;
  /** Unit: ms. Counter: it only grows (a drop is a reset). */
  flushTimeMs: bigint | null;
  /** The fields that could not be read, each with its reason; present only when some are missing. */
  unavailable?: Partial<Record<'readsCompleted' | 'readsMerged' | 'sectorsRead' | 'readBytes' | 'readTimeMs' | 'writesCompleted' | 'writesMerged' | 'sectorsWritten' | 'writeBytes' | 'writeTimeMs' | 'ioInProgress' | 'ioTimeMs' | 'weightedIoTimeMs' | 'discardsCompleted' | 'discardsMerged' | 'sectorsDiscarded' | 'discardTimeMs' | 'flushesCompleted' | 'flushTimeMs', Reason>>;
}

/**
 * One mounted filesystem (`/proc/self/mountinfo`) with its `statvfs` sizes.
 *
 * The size and inode fields are missing:
 * - `disabled` for network filesystems (`nfs`, `nfs4`, `cifs`, `smb3`, `ceph`,
 *   `glusterfs`, `fuse.sshfs`, `9p`, `afs`, …), whose `statvfs` blocks for as long as
 *   the server does not answer, and for `autofs`, whose `statvfs` would mount it;
 * - `not_present` for a mount covered by another mounted on the same mount point (its
 *   path reaches the one on top), for a mount point that no longer exists, and, for
 *   `used_percent`, on filesystems without blocks (`proc`, `sysfs`, `cgroup`);
 * - `permission_denied` when a directory above the mount point cannot be searched;
 * - `timed_out` when its `statvfs` did not answer within `statvfs_timeout_ms` (a stalled
 *   FUSE or network server; any filesystem not listed above, `fuse` included, is asked
 *   under that deadline, on a helper thread), until that call returns.
 */
export interface Filesystem {
  mountId: number;
  /** The mount this one is mounted on. */
  parentId: number;
  /** `major:minor` of the device (`st_dev` of files on it). */
  device: string;
  /** The device or source (`/dev/vda1`, `tmpfs`, `server:/export`). */
  source: string;
  mountPoint: string;
  /** The directory of the filesystem mounted here (`/` unless a bind mount of a subtree). */
  root: string;
  fsType: string;
  /** Per-mount options (`rw,relatime`). */
  options: string;
  /** Per-superblock options. */
  superOptions: string;
  /** Mounted read-only, or its superblock is (`ro` in either option list). */
  readOnly: boolean;
  /** Unit: bytes. */
  totalBytes: bigint | null;
  /** Unit: bytes. */
  freeBytes: bigint | null;
  /**
   * Free space usable by unprivileged users (`free_bytes` less the reserved blocks).
   *
   * Unit: bytes.
   */
  availableBytes: bigint | null;
  /**
   * `total_bytes - free_bytes`.
   *
   * Unit: bytes.
   */
  usedBytes: bigint | null;
  /**
   * `used / (used + available)`, as `df` computes it (`df` rounds it up).
   *
   * Unit: percent.
   */
  usedPercent: number | null;
  inodesTotal: bigint | null;
  inodesFree: bigint | null;
  /** `inodes_total - inodes_free`. */
  inodesUsed: bigint | null;
  /**
   * The filesystem's preferred I/O block size (`f_bsize`).
   *
   * Unit: bytes.
   */
  blockSize: bigint | null;
  /** The fields that could not be read, each with its reason; present only when some are missing. */
  unavailable?: Partial<Record<'totalBytes' | 'freeBytes' | 'availableBytes' | 'usedBytes' | 'usedPercent' | 'inodesTotal' | 'inodesFree' | 'inodesUsed' | 'blockSize', Reason>>;
}

/** The kernel's file handles (`/proc/sys/fs/file-nr`). Each value is read alone. */
export interface FileHandles {
  /** File handles allocated now. */
  allocated: bigint | null;
  /** Allocated but unused: always 0 since Linux 2.6, which frees them at once. */
  unused: bigint | null;
  /** The most the kernel will allocate (`fs.file-max`; 2^63-1 when unlimited). */
  max: bigint | null;
  /** The fields that could not be read, each with its reason; present only when some are missing. */
  unavailable?: Partial<Record<'allocated' | 'unused' | 'max', Reason>>;
}

/** Inodes in the kernel's inode cache (`/proc/sys/fs/inode-nr`). */
export interface InodeCounts {
  /** Inodes allocated. */
  allocated: bigint | null;
  /** Of those, free (unused and reclaimable). */
  free: bigint | null;
  /** The fields that could not be read, each with its reason; present only when some are missing. */
  unavailable?: Partial<Record<'allocated' | 'free', Reason>>;
}

/**
 * The kernel's random pool (`/proc/sys/kernel/random/entropy_avail`, `poolsize`), each
 * file read alone.
 */
export interface Entropy {
  /**
   * Entropy the kernel estimates the pool holds. Since Linux 5.18, 256 once the
   * generator is seeded.
   *
   * Unit: bits.
   */
  availableBits: bigint | null;
  /**
   * The pool's size: 4096 before Linux 5.18, 256 since.
   *
   * Unit: bits.
   */
  poolSizeBits: bigint | null;
  /** The fields that could not be read, each with its reason; present only when some are missing. */
  unavailable?: Partial<Record<'availableBits' | 'poolSizeBits', Reason>>;
}

/**
 * Socket buffer memory now (`/proc/net/sockstat`, `/proc/net/sockstat6` of the reader's
 * network namespace). The kernel prints TCP and UDP memory in pages: they are converted
 * with the page size ([`crate::Source::page_size`]; a fixture tree's `syscalls.txt`
 * `page_size`, 4096 when it has none). A product that does not fit a u64 is `error`.
 */
export interface SocketBufferMemory {
  /**
   * TCP (`TCP: mem` × page size).
   *
   * Unit: bytes.
   */
  tcpBytes: bigint | null;
  /**
   * UDP (`UDP: mem` × page size).
   *
   * Unit: bytes.
   */
  udpBytes: bigint | null;
  /**
   * IPv4 fragment reassembly queues (`FRAG: memory`).
   *
   * Unit: bytes.
   */
  fragBytes: bigint | null;
  /**
   * IPv6 fragment reassembly queues (`FRAG6: memory`; `not_present` without IPv6).
   *
   * Unit: bytes.
   */
  frag6Bytes: bigint | null;
  /** The fields that could not be read, each with its reason; present only when some are missing. */
  unavailable?: Partial<Record<'tcpBytes' | 'udpBytes' | 'fragBytes' | 'frag6Bytes', Reason>>;
}

/** Everything the kernel tells about one process. */
export interface ProcessFull {
  /**
   * The process id (its `/proc` directory). With `start_time`, the identity of the
   * process: a `stat` without a valid start time is no record (left out, with a
   * warning). Every other field of `stat` is read alone: one that does not parse or fit
   * its type is missing with reason `error` and a warning quoting it.
   */
  pid: number;
  /** Parent process id (0 for init and kthreadd). */
  ppid: number | null;
  /** Process group id. */
  pgid: number | null;
  /** Session id. */
  sid: number | null;
  /** Thread group id (equals `pid` for a process). */
  tgid: number | null;
  /** The pid in each nested pid namespace, outermost first (`NSpid`). */
  nsPids: number[] | null;
  /** The command name (`comm`, at most 15 bytes, any byte but NUL). */
  name: string;
  /** The executable (`/proc/<pid>/exe`). Missing for kernel threads and zombies. */
  exe: string | null;
  /** True when the executable has been deleted or replaced on disk since the start. */
  exeDeleted: boolean | null;
  /** The arguments (`/proc/<pid>/cmdline`), lossless. Empty for kernel threads. */
  cmdline: string[] | null;
  /** The working directory. */
  cwd: string | null;
  /** The root directory (`/` unless chrooted or in a container). */
  root: string | null;
  uidReal: number | null;
  uidEffective: number | null;
  uidSaved: number | null;
  uidFilesystem: number | null;
  gidReal: number | null;
  gidEffective: number | null;
  gidSaved: number | null;
  gidFilesystem: number | null;
  /** Supplementary groups. */
  groups: number[] | null;
  state: ProcessState;
  /** The state letter as the kernel prints it (`R`, `S`, `D`, `Z`, `T`, `t`, `X`, `I`, …). */
  stateChar: string;
  /** Nice value, -20 (favoured) to 19. */
  nice: number | null;
  /**
   * Kernel scheduling priority as `/proc/<pid>/stat` shows it (20 + nice for normal
   * tasks; negative for real-time ones).
   */
  priority: number | null;
  numThreads: number | null;
  /**
   * Start time after boot.
   *
   * Unit: ticks.
   */
  startTime: bigint;
  /**
   * Start time as a Unix timestamp (boot time + `start_time`).
   *
   * Unit: seconds.
   */
  startTimeUnix: bigint | null;
  /** `PF_*` flags of the main thread. */
  flags: number | null;
  /** True for kernel threads (`PF_KTHREAD` in `flags`; missing with it). */
  isKernelThread: boolean | null;
  /** Controlling terminal (`tty_nr`, encoded device number; 0 when none). */
  ttyNr: number | null;
  /** Unit: ticks. Counter: it only grows (a drop is a reset). */
  cpuUserTicks: bigint | null;
  /** Unit: ticks. Counter: it only grows (a drop is a reset). */
  cpuSystemTicks: bigint | null;
  /**
   * CPU time of waited-for children, user mode (printed signed by the kernel: a
   * negative value is `error`, never 0).
   *
   * Unit: ticks. Counter: it only grows (a drop is a reset).
   */
  cpuChildrenUser: bigint | null;
  /** Unit: ticks. Counter: it only grows (a drop is a reset). */
  cpuChildrenSystem: bigint | null;
  /**
   * CPU use since the previous snapshot of the same `Probe`, in percent of one CPU
   * (200 = two CPUs busy). Missing with `no_previous_sample` on the first snapshot, and
   * with the reason of `cpu_user_ticks` or `cpu_system_ticks` when either is missing.
   *
   * Unit: percent.
   */
  cpuPercent: number | null;
  /** CPUs the process may run on (`Cpus_allowed_list`). */
  cpuAffinity: number[] | null;
  /** The CPU the process last ran on. */
  lastCpu: number | null;
  /**
   * Resident set size (`rss` of `stat` × page size; `error` with a warning when the
   * product does not fit a u64).
   *
   * Unit: bytes.
   */
  memoryRss: bigint | null;
  /**
   * Virtual memory size.
   *
   * Unit: bytes.
   */
  memoryVms: bigint | null;
  /**
   * Resident memory backed by files or shared memory (`RssFile + RssShmem`).
   *
   * Unit: bytes.
   */
  memoryShared: bigint | null;
  /**
   * Text (code) segment size (`VmExe`).
   *
   * Unit: bytes.
   */
  memoryText: bigint | null;
  /**
   * Data + stack size (`VmData + VmStk`).
   *
   * Unit: bytes.
   */
  memoryData: bigint | null;
  /**
   * Shared library code size (`VmLib`).
   *
   * Unit: bytes.
   */
  memoryLib: bigint | null;
  /**
   * Dirty pages (`Shared_Dirty + Private_Dirty` of `smaps_rollup`; option `smaps_rollup`).
   *
   * Unit: bytes.
   */
  memoryDirty: bigint | null;
  /**
   * Swapped-out memory (`VmSwap`).
   *
   * Unit: bytes.
   */
  memorySwap: bigint | null;
  /**
   * Proportional set size (`smaps_rollup`; option `smaps_rollup`).
   *
   * Unit: bytes.
   */
  memoryPss: bigint | null;
  /**
   * Unique set size: private clean + private dirty (`smaps_rollup`; option `smaps_rollup`).
   *
   * Unit: bytes.
   */
  memoryUss: bigint | null;
  /**
   * Anonymous part of PSS (Linux 5.7+; option `smaps_rollup`).
   *
   * Unit: bytes.
   */
  memoryPssAnon: bigint | null;
  /**
   * File-backed part of PSS (Linux 5.7+; option `smaps_rollup`).
   *
   * Unit: bytes.
   */
  memoryPssFile: bigint | null;
  /**
   * Shared-memory part of PSS (Linux 5.7+; option `smaps_rollup`).
   *
   * Unit: bytes.
   */
  memoryPssShmem: bigint | null;
  /**
   * Peak resident set size (`VmHWM`).
   *
   * Unit: bytes.
   */
  memoryRssPeak: bigint | null;
  /**
   * Locked memory (`VmLck`).
   *
   * Unit: bytes.
   */
  memoryLocked: bigint | null;
  /**
   * Page-table memory (`VmPTE`).
   *
   * Unit: bytes.
   */
  memoryPageTables: bigint | null;
  /**
   * RSS as a share of the machine's physical memory.
   *
   * Unit: percent.
   */
  memoryPercent: number | null;
  /** Counter: it only grows (a drop is a reset). */
  pageFaultsMinor: bigint | null;
  /** Counter: it only grows (a drop is a reset). */
  pageFaultsMajor: bigint | null;
  /**
   * Minor faults of waited-for children.
   *
   * Counter: it only grows (a drop is a reset).
   */
  pageFaultsChildrenMinor: bigint | null;
  /** Counter: it only grows (a drop is a reset). */
  pageFaultsChildrenMajor: bigint | null;
  /**
   * Bytes fetched from storage.
   *
   * Unit: bytes. Counter: it only grows (a drop is a reset).
   */
  ioReadBytes: bigint | null;
  /**
   * Bytes sent to storage (or dirtied in the page cache).
   *
   * Unit: bytes. Counter: it only grows (a drop is a reset).
   */
  ioWriteBytes: bigint | null;
  /**
   * Bytes passed to read-like syscalls, cached or not (`rchar`).
   *
   * Unit: bytes. Counter: it only grows (a drop is a reset).
   */
  ioReadChars: bigint | null;
  /**
   * Bytes passed to write-like syscalls (`wchar`).
   *
   * Unit: bytes. Counter: it only grows (a drop is a reset).
   */
  ioWriteChars: bigint | null;
  /** Counter: it only grows (a drop is a reset). */
  ioReadSyscalls: bigint | null;
  /** Counter: it only grows (a drop is a reset). */
  ioWriteSyscalls: bigint | null;
  /**
   * Bytes whose write-out was cancelled by truncation.
   *
   * Unit: bytes. Counter: it only grows (a drop is a reset).
   */
  ioCancelledWrite: bigint | null;
  /**
   * Open descriptors: the size the kernel reports for `/proc/<pid>/fd` (Linux 6.2+,
   * readable for any process), else the number of entries listed there.
   */
  numFds: number | null;
  /** Open descriptors that are not sockets (option `fds`). */
  openFiles: OpenFile[] | null;
  /** Open sockets (option `fds`). */
  openSockets: OpenSocket[] | null;
  /** Memory mappings (option `maps`). */
  maps: MemoryMap[] | null;
  /** Counter: it only grows (a drop is a reset). */
  voluntaryCtxSwitches: bigint | null;
  /** Counter: it only grows (a drop is a reset). */
  nonvoluntaryCtxSwitches: bigint | null;
  limits: ProcessLimits | null;
  /** 0 disabled, 1 strict, 2 filter. */
  seccompMode: number | null;
  /** Number of seccomp filters attached (Linux 5.9+). */
  seccompFilters: number | null;
  capabilitiesEffective: bigint | null;
  capabilitiesPermitted: bigint | null;
  capabilitiesInheritable: bigint | null;
  capabilitiesBounding: bigint | null;
  capabilitiesAmbient: bigint | null;
  noNewPrivs: boolean | null;
  nsCgroup: bigint | null;
  nsIpc: bigint | null;
  nsMnt: bigint | null;
  nsNet: bigint | null;
  nsPid: bigint | null;
  /** The pid namespace children will be created in. */
  nsPidChildren: bigint | null;
  nsTime: bigint | null;
  /** The time namespace children will be created in. */
  nsTimeChildren: bigint | null;
  nsUser: bigint | null;
  nsUts: bigint | null;
  /** The cgroup v2 path (or, on a v1-only system, the first controller's path). */
  cgroupPath: string | null;
  /**
   * Controllers that apply: those of the v2 cgroup (`cgroup.controllers`), else the
   * v1 hierarchies the process is in.
   * Shared by every process with the same cgroups.
   */
  cgroupControllers: string[] | null;
  /**
   * The limits that bind through the cgroup hierarchy.
   * Shared by every process with the same cgroups.
   */
  cgroupLimits: CgroupLimits | null;
  environ: { [key: string]: string } | null;
  oomScore: number | null;
  oomScoreAdj: number | null;
  /**
   * SCHED_OTHER 0, FIFO 1, RR 2, BATCH 3, IDLE 5, DEADLINE 6 (`not_supported` before
   * Linux 2.5.19, which does not print it).
   */
  schedPolicy: number | null;
  /** Real-time priority (1–99), 0 for normal policies. */
  schedPriority: number | null;
  /**
   * The cgroup CPU quota per period that binds the process (`cpu.max`).
   *
   * Unit: us.
   */
  cpuTimeLimit: bigint | null;
  delay: DelayAccounting;
  /** Pending for the process or its main thread (`ShdPnd | SigPnd`). */
  signalsPending: bigint | null;
  signalsBlocked: bigint | null;
  signalsIgnored: bigint | null;
  signalsCaught: bigint | null;
  /**
   * Where the `stat` fields (ids, name, state, CPU times, faults, RSS, virtual size,
   * threads, scheduling) came from: option `via`.
   */
  statFrom: StatFrom;
  /** The fields that could not be read, each with its reason; present only when some are missing. */
  unavailable?: Partial<Record<'ppid' | 'pgid' | 'sid' | 'tgid' | 'nsPids' | 'exe' | 'exeDeleted' | 'cmdline' | 'cwd' | 'root' | 'uidReal' | 'uidEffective' | 'uidSaved' | 'uidFilesystem' | 'gidReal' | 'gidEffective' | 'gidSaved' | 'gidFilesystem' | 'groups' | 'nice' | 'priority' | 'numThreads' | 'startTimeUnix' | 'flags' | 'isKernelThread' | 'ttyNr' | 'cpuUserTicks' | 'cpuSystemTicks' | 'cpuChildrenUser' | 'cpuChildrenSystem' | 'cpuPercent' | 'cpuAffinity' | 'lastCpu' | 'memoryRss' | 'memoryVms' | 'memoryShared' | 'memoryText' | 'memoryData' | 'memoryLib' | 'memoryDirty' | 'memorySwap' | 'memoryPss' | 'memoryUss' | 'memoryPssAnon' | 'memoryPssFile' | 'memoryPssShmem' | 'memoryRssPeak' | 'memoryLocked' | 'memoryPageTables' | 'memoryPercent' | 'pageFaultsMinor' | 'pageFaultsMajor' | 'pageFaultsChildrenMinor' | 'pageFaultsChildrenMajor' | 'ioReadBytes' | 'ioWriteBytes' | 'ioReadChars' | 'ioWriteChars' | 'ioReadSyscalls' | 'ioWriteSyscalls' | 'ioCancelledWrite' | 'numFds' | 'openFiles' | 'openSockets' | 'maps' | 'voluntaryCtxSwitches' | 'nonvoluntaryCtxSwitches' | 'limits' | 'seccompMode' | 'seccompFilters' | 'capabilitiesEffective' | 'capabilitiesPermitted' | 'capabilitiesInheritable' | 'capabilitiesBounding' | 'capabilitiesAmbient' | 'noNewPrivs' | 'nsCgroup' | 'nsIpc' | 'nsMnt' | 'nsNet' | 'nsPid' | 'nsPidChildren' | 'nsTime' | 'nsTimeChildren' | 'nsUser' | 'nsUts' | 'cgroupPath' | 'cgroupControllers' | 'cgroupLimits' | 'environ' | 'oomScore' | 'oomScoreAdj' | 'schedPolicy' | 'schedPriority' | 'cpuTimeLimit' | 'signalsPending' | 'signalsBlocked' | 'signalsIgnored' | 'signalsCaught', Reason>>;
}

/** One open file descriptor (`/proc/<pid>/fd/<n>` and `/proc/<pid>/fdinfo/<n>`). */
export interface OpenFile {
  fd: number;
  /**
   * Where the descriptor points: a path, or `socket:[inode]`, `pipe:[inode]`,
   * `anon_inode:[eventfd]`. A deleted file keeps the kernel's ` (deleted)` suffix;
   * see `deleted`.
   */
  path: string;
  /** `r`, `w` or `rw`, from the access mode in `flags`. */
  mode: string | null;
  /** The open flags (`O_*`, as `fdinfo` prints them, octal there). */
  flags: number | null;
  /**
   * The file offset.
   *
   * Unit: bytes.
   */
  position: bigint | null;
  /** The inode number of the open file. */
  inode: bigint | null;
  /** The mount the file lives on (`mnt_id` in `fdinfo`; see `/proc/<pid>/mountinfo`). */
  mountId: bigint | null;
  fileType: FileType | null;
  /**
   * True when the open file has been unlinked (decided by its link count, not by the
   * ` (deleted)` suffix, which a real name may carry).
   */
  deleted: boolean | null;
  /** The fields that could not be read, each with its reason; present only when some are missing. */
  unavailable?: Partial<Record<'mode' | 'flags' | 'position' | 'inode' | 'mountId' | 'fileType' | 'deleted', Reason>>;
}

/**
 * One socket open by a process: the owner's side (descriptor, inode, protocol).
 *
 * Addresses and state come from joining `inode` with the network domain's socket tables
 * when both domains are collected in one snapshot; otherwise they are missing with reason
 * `disabled`. A socket in none of its tables (another network namespace, or closed
 * meanwhile) and a field its family does not have are `not_present`.
 */
export interface OpenSocket {
  fd: number;
  /** The socket's inode (`socket:[inode]`): the key into every socket table. */
  inode: bigint;
  /** Family and type, from the socket's protocol name. */
  socketType: SocketType | null;
  /** The kernel's protocol name (`TCP`, `UDPv6`, `UNIX`, `NETLINK`, …). */
  protocol: string | null;
  /**
   * Local address as `ip:port` (`[ip]:port` for IPv6), a raw socket's address, or a
   * unix socket's name (`@name` when abstract).
   */
  localAddr: string | null;
  /** Remote address, when connected (a unix socket's peer's name). */
  remoteAddr: string | null;
  /**
   * The state: TCP's (`established`, `listen`, …), `connected`/`unconnected` for UDP,
   * `connected`/`unconnected`/`listening` for unix sockets.
   */
  state: string | null;
  /** The fields that could not be read, each with its reason; present only when some are missing. */
  unavailable?: Partial<Record<'socketType' | 'protocol' | 'localAddr' | 'remoteAddr' | 'state', Reason>>;
}

/** One mapping of `/proc/<pid>/maps`. */
export interface MemoryMap {
  startAddr: bigint;
  endAddr: bigint;
  /** `rwxp` / `rwxs` as the kernel prints them. */
  permissions: string;
  /**
   * The offset into the mapped file (`error` when the row prints no valid hex).
   *
   * Unit: bytes.
   */
  offset: bigint | null;
  /** `major:minor` of the device holding the mapped file (`00:00` when anonymous). */
  device: string;
  /** The mapped file's inode (0 when anonymous; `error` when not a valid number). */
  inode: bigint | null;
  /** The file, or `[heap]`, `[stack]`, `[vdso]`, …; empty for anonymous mappings. */
  pathname: string;
  /** The fields that could not be read, each with its reason; present only when some are missing. */
  unavailable?: Partial<Record<'offset' | 'inode', Reason>>;
}

/**
 * The sixteen resource limits of `/proc/<pid>/limits`, in the kernel's units (noted per
 * field). `u64::MAX` means unlimited. A limit whose row is missing or does not parse is
 * missing (`error`, with a warning); the other rows are kept.
 */
export interface ProcessLimits {
  /**
   * RLIMIT_CPU.
   *
   * Unit: seconds.
   */
  maxCpuTime: Limit | null;
  /**
   * RLIMIT_FSIZE.
   *
   * Unit: bytes.
   */
  maxFileSize: Limit | null;
  /**
   * RLIMIT_DATA.
   *
   * Unit: bytes.
   */
  maxDataSize: Limit | null;
  /**
   * RLIMIT_STACK.
   *
   * Unit: bytes.
   */
  maxStackSize: Limit | null;
  /**
   * RLIMIT_CORE.
   *
   * Unit: bytes.
   */
  maxCoreSize: Limit | null;
  /**
   * RLIMIT_RSS (not enforced by Linux).
   *
   * Unit: bytes.
   */
  maxResidentSet: Limit | null;
  /**
   * RLIMIT_NPROC.
   *
   * Unit: processes.
   */
  maxProcesses: Limit | null;
  /**
   * RLIMIT_NOFILE.
   *
   * Unit: files.
   */
  maxOpenFiles: Limit | null;
  /**
   * RLIMIT_MEMLOCK.
   *
   * Unit: bytes.
   */
  maxLockedMemory: Limit | null;
  /**
   * RLIMIT_AS.
   *
   * Unit: bytes.
   */
  maxAddressSpace: Limit | null;
  /**
   * RLIMIT_LOCKS.
   *
   * Unit: locks.
   */
  maxFileLocks: Limit | null;
  /**
   * RLIMIT_SIGPENDING.
   *
   * Unit: signals.
   */
  maxPendingSignals: Limit | null;
  /**
   * RLIMIT_MSGQUEUE.
   *
   * Unit: bytes.
   */
  maxMsgqueueSize: Limit | null;
  /** RLIMIT_NICE (the ceiling is `20 - soft`). */
  maxNicePriority: Limit | null;
  /** RLIMIT_RTPRIO. */
  maxRealtimePriority: Limit | null;
  /**
   * RLIMIT_RTTIME.
   *
   * Unit: us.
   */
  maxRealtimeTimeout: Limit | null;
  /** The fields that could not be read, each with its reason; present only when some are missing. */
  unavailable?: Partial<Record<'maxCpuTime' | 'maxFileSize' | 'maxDataSize' | 'maxStackSize' | 'maxCoreSize' | 'maxResidentSet' | 'maxProcesses' | 'maxOpenFiles' | 'maxLockedMemory' | 'maxAddressSpace' | 'maxFileLocks' | 'maxPendingSignals' | 'maxMsgqueueSize' | 'maxNicePriority' | 'maxRealtimePriority' | 'maxRealtimeTimeout', Reason>>;
}

/** A soft and hard resource limit. `u64::MAX` means unlimited (`RLIM_INFINITY`). */
export interface Limit {
  soft: bigint;
  hard: bigint;
}

/**
 * The limits that actually bind a process through its cgroup: for each, the tightest
 * value along the path from the process's cgroup up to the root (a container's limits
 * even when set on a parent slice). `u64::MAX` means no limit anywhere on the path.
 *
 * cgroup v2 gives every field; on cgroup v1 the memory, cpu and pids controllers give
 * theirs and the rest are `not_supported`.
 */
export interface CgroupLimits {
  /** `1` for cgroup v1 controllers, `2` for the unified hierarchy. */
  version: number;
  /** The cgroup these limits were read from (relative to the hierarchy's root). */
  path: string;
  /**
   * CPU quota per period (`cpu.max`, or `cpu.cfs_quota_us`) of the cgroup on the path
   * with the tightest quota/period ratio; `u64::MAX` when no cgroup limits CPU.
   *
   * Unit: us.
   */
  cpuMaxQuotaUs: bigint | null;
  /** Unit: us. */
  cpuMaxPeriodUs: bigint | null;
  /** `cpu.weight` of the process's own cgroup (1–10000, default 100). */
  cpuWeight: bigint | null;
  /**
   * `memory.max` (v1: `memory.limit_in_bytes`).
   *
   * Unit: bytes.
   */
  memoryMax: bigint | null;
  /**
   * `memory.high`: the throttling threshold.
   *
   * Unit: bytes.
   */
  memoryHigh: bigint | null;
  /**
   * `memory.swap.max`.
   *
   * Unit: bytes.
   */
  memorySwapMax: bigint | null;
  /**
   * `memory.current` of the process's own cgroup (v1: `memory.usage_in_bytes`).
   *
   * Unit: bytes.
   */
  memoryCurrent: bigint | null;
  /** `pids.max`. */
  pidsMax: bigint | null;
  /** `pids.current` of the process's own cgroup. */
  pidsCurrent: bigint | null;
  /** `io.max` lines, tightest per device along the path. */
  ioMax: IoMax[] | null;
  /** `cpu.pressure` of the process's own cgroup. */
  cpuPressure: Pressure | null;
  /** `memory.pressure`. */
  memoryPressure: Pressure | null;
  /** `io.pressure`. */
  ioPressure: Pressure | null;
  /** `irq.pressure` (Linux 6.1+ with `CONFIG_IRQ_TIME_ACCOUNTING`). */
  irqPressure: Pressure | null;
  /** The fields that could not be read, each with its reason; present only when some are missing. */
  unavailable?: Partial<Record<'cpuMaxQuotaUs' | 'cpuMaxPeriodUs' | 'cpuWeight' | 'memoryMax' | 'memoryHigh' | 'memorySwapMax' | 'memoryCurrent' | 'pidsMax' | 'pidsCurrent' | 'ioMax' | 'cpuPressure' | 'memoryPressure' | 'ioPressure' | 'irqPressure', Reason>>;
}

/** One device line of `io.max`: bandwidth and IOPS caps, `u64::MAX` when unlimited. */
export interface IoMax {
  /** `major:minor` of the block device. */
  device: string;
  /** Unit: bytes/s. */
  rbps: bigint;
  /** Unit: bytes/s. */
  wbps: bigint;
  /** Unit: ops/s. */
  riops: bigint;
  /** Unit: ops/s. */
  wiops: bigint;
}

/**
 * Time a process spent waiting, by cause (delay accounting).
 *
 * `cpu_run_*` come from `/proc/<pid>/schedstat` and `blkio_delay_ticks` from
 * `/proc/<pid>/stat`, both always available; the per-cause totals come from the
 * taskstats netlink interface (option `taskstats`, needs CAP_NET_ADMIN and the
 * `kernel.task_delayacct` sysctl, else `permission_denied` / `not_enabled`).
 */
export interface DelayAccounting {
  /**
   * Time on CPU of the main thread (`schedstat` is the leader's; the CPU ticks sum all).
   *
   * Unit: ns. Counter: it only grows (a drop is a reset).
   */
  cpuRunTimeNs: bigint | null;
  /**
   * Time the main thread was runnable but waiting for a CPU (run-queue delay).
   *
   * Unit: ns. Counter: it only grows (a drop is a reset).
   */
  cpuRunDelayNs: bigint | null;
  /**
   * Number of times the main thread ran on a CPU.
   *
   * Counter: it only grows (a drop is a reset).
   */
  cpuTimeslices: bigint | null;
  /**
   * Aggregated block I/O delay (`delayacct_blkio_ticks`).
   *
   * Unit: ticks. Counter: it only grows (a drop is a reset).
   */
  blkioDelayTicks: bigint | null;
  /**
   * taskstats: waiting for a CPU while runnable.
   *
   * Unit: ns. Counter: it only grows (a drop is a reset).
   */
  cpuDelayTotalNs: bigint | null;
  /** Counter: it only grows (a drop is a reset). */
  cpuDelayCount: bigint | null;
  /**
   * taskstats: waiting for synchronous block I/O.
   *
   * Unit: ns. Counter: it only grows (a drop is a reset).
   */
  blkioDelayTotalNs: bigint | null;
  /** Counter: it only grows (a drop is a reset). */
  blkioDelayCount: bigint | null;
  /**
   * taskstats: waiting for pages to be swapped in.
   *
   * Unit: ns. Counter: it only grows (a drop is a reset).
   */
  swapinDelayTotalNs: bigint | null;
  /** Counter: it only grows (a drop is a reset). */
  swapinDelayCount: bigint | null;
  /**
   * taskstats: memory reclaim.
   *
   * Unit: ns. Counter: it only grows (a drop is a reset).
   */
  freepagesDelayTotalNs: bigint | null;
  /** Counter: it only grows (a drop is a reset). */
  freepagesDelayCount: bigint | null;
  /**
   * taskstats: thrashing (refaults of recently evicted pages).
   *
   * Unit: ns. Counter: it only grows (a drop is a reset).
   */
  thrashingDelayTotalNs: bigint | null;
  /** Counter: it only grows (a drop is a reset). */
  thrashingDelayCount: bigint | null;
  /**
   * taskstats: memory compaction.
   *
   * Unit: ns. Counter: it only grows (a drop is a reset).
   */
  compactDelayTotalNs: bigint | null;
  /** Counter: it only grows (a drop is a reset). */
  compactDelayCount: bigint | null;
  /**
   * taskstats: copy-on-write faults (Linux 6.3+).
   *
   * Unit: ns. Counter: it only grows (a drop is a reset).
   */
  wpcopyDelayTotalNs: bigint | null;
  /** Counter: it only grows (a drop is a reset). */
  wpcopyDelayCount: bigint | null;
  /**
   * taskstats: IRQ/softirq time stolen (Linux 6.6+).
   *
   * Unit: ns. Counter: it only grows (a drop is a reset).
   */
  irqDelayTotalNs: bigint | null;
  /** Counter: it only grows (a drop is a reset). */
  irqDelayCount: bigint | null;
  /** The fields that could not be read, each with its reason; present only when some are missing. */
  unavailable?: Partial<Record<'cpuRunTimeNs' | 'cpuRunDelayNs' | 'cpuTimeslices' | 'blkioDelayTicks' | 'cpuDelayTotalNs' | 'cpuDelayCount' | 'blkioDelayTotalNs' | 'blkioDelayCount' | 'swapinDelayTotalNs' | 'swapinDelayCount' | 'freepagesDelayTotalNs' | 'freepagesDelayCount' | 'thrashingDelayTotalNs' | 'thrashingDelayCount' | 'compactDelayTotalNs' | 'compactDelayCount' | 'wpcopyDelayTotalNs' | 'wpcopyDelayCount' | 'irqDelayTotalNs' | 'irqDelayCount', Reason>>;
}

/** Everything the network domain collects, for one network namespace. */
export interface Network {
  namespace: NetNamespace;
  /** Every TCP socket, IPv4 then IPv6. */
  tcp: TcpConnection[] | null;
  /** Every UDP and UDP-Lite socket. */
  udp: UdpConnection[] | null;
  /**
   * Every Unix domain socket (not `unix`: GNU C predefines that name as a macro, and the
   * C mirror uses field names as they are).
   */
  unixSockets: UnixSocket[] | null;
  raw: RawSocket[] | null;
  netlink: NetlinkSocket[] | null;
  packet: PacketSocket[] | null;
  /**
   * Where each socket table came from: `sock_diag`, or the `/proc/net` file(s) when the
   * kernel has no diag module for it (or the procfs source was forced).
   */
  socketSources: { [key: string]: string };
  /**
   * Where the sockets' owners came from; missing with the reason when they were not
   * resolved (`disabled`: option `owners` off or no socket table asked for; the BPF
   * iterator's failure when option `owners_via` is `bpf`).
   */
  ownersFrom: OwnersFrom | null;
  tcpStats: TcpStats;
  /** IPv4 UDP counters. */
  udpStats: UdpStats | null;
  /** IPv6 UDP counters. */
  udp6Stats: UdpStats | null;
  socketStats: SocketStats | null;
  /** Every table of `/proc/net/snmp` (`Ip`, `Icmp`, `IcmpMsg`, `Tcp`, `Udp`, `UdpLite`). */
  snmp: CounterTable[] | null;
  /** Every counter of `/proc/net/snmp6` (`Ip6InReceives`, `Icmp6OutMsgs`, `Udp6…`). */
  snmp6: { [key: string]: bigint } | null;
  /** Every table of `/proc/net/netstat` (`TcpExt`, `IpExt`, `MPTcpExt`, …). */
  netstat: CounterTable[] | null;
  interfaces: NetInterfaceFull[] | null;
  /** Routes of every table, IPv4 then IPv6. */
  routes: Route[] | null;
  /** The ARP and IPv6 neighbour caches. */
  neighbours: ArpEntry[] | null;
  /** Tracked connections (option `conntrack`; needs CAP_NET_ADMIN). */
  conntrack: ConntrackEntry[] | null;
  conntrackStats: ConntrackStats;
  /** The fields that could not be read, each with its reason; present only when some are missing. */
  unavailable?: Partial<Record<'tcp' | 'udp' | 'unixSockets' | 'raw' | 'netlink' | 'packet' | 'ownersFrom' | 'udpStats' | 'udp6Stats' | 'socketStats' | 'snmp' | 'snmp6' | 'netstat' | 'interfaces' | 'routes' | 'neighbours' | 'conntrack', Reason>>;
}

/** The network namespace a [`Network`] describes. */
export interface NetNamespace {
  /**
   * The namespace's inode number (as in `/proc/<pid>/ns/net`): what tells two
   * namespaces, and two sockets with equal addresses in them, apart.
   */
  inode: bigint | null;
  /** How it was chosen: `self`, `pid <n>`, or the path given. */
  target: string;
  /** The fields that could not be read, each with its reason; present only when some are missing. */
  unavailable?: Partial<Record<'inode', Reason>>;
}

/** One TCP socket (IPv4 or IPv6). */
export interface TcpConnection {
  family: AddressFamily;
  localAddr: string;
  localPort: number;
  /** `0.0.0.0` or `::` when not connected. */
  remoteAddr: string;
  remotePort: number;
  state: TcpState;
  /**
   * Bytes sent and not yet acknowledged (0 for a listening socket).
   *
   * Unit: bytes.
   */
  txQueue: number;
  /**
   * Bytes received and not yet read; for a listening socket, connections waiting to be
   * accepted.
   *
   * Unit: bytes.
   */
  rxQueue: number;
  /**
   * The pending timer: 0 none, 1 retransmit (or probe), 2 keepalive, 3 TIME_WAIT,
   * 4 zero-window probe.
   */
  timerActive: number;
  /**
   * Time until the timer fires, in clock ticks (USER_HZ, see the system domain's
   * `clock_ticks`), as `/proc/net/tcp` prints it.
   *
   * Unit: ticks.
   */
  timerJiffies: number | null;
  /** Unanswered retransmissions of the current segment (`icsk_retransmits`). */
  retransmits: number | null;
  /** The user that created the socket. */
  uid: number;
  /**
   * Unanswered zero-window probes (`icsk_probes_out`: the `timeout` column of
   * `/proc/net/tcp`; from sock_diag, only with `tcp_info`).
   */
  timeout: number | null;
  /** The socket's inode: 0 for TIME_WAIT and request sockets, which no process holds. */
  inode: bigint;
  /** The first owner's pid (see the module docs for the reasons it may be missing). */
  pid: number | null;
  /** The first owner's command name. */
  processName: string | null;
  /** Every process holding the socket, by pid. */
  owners: SocketOwner[] | null;
  /**
   * For a listening socket, the accept backlog limit (`listen()`'s argument, capped by
   * `somaxconn`; what `ss` shows as Send-Q). `not_present` for other states,
   * `not_supported` from `/proc/net/tcp`.
   */
  acceptBacklogMax: number | null;
  /**
   * The interface the socket is bound to (`SO_BINDTODEVICE`, or an IPv6 scope);
   * `not_present` when unbound.
   */
  boundInterface: number | null;
  /** The kernel's unique socket cookie (`SO_COOKIE`). */
  cookie: bigint | null;
  /** The congestion control algorithm (`cubic`, `bbr`, …). */
  congestion: string | null;
  /** Shutdown state: bit 0 receive side shut down, bit 1 send side. */
  shutdown: number | null;
  /**
   * Round-trip times, windows, counters (`not_present` for TIME_WAIT and request
   * sockets, which keep no `tcp_info`).
   */
  info: TcpInfo | null;
  /** Buffer memory. */
  memory: SocketMemory | null;
  /** The fields that could not be read, each with its reason; present only when some are missing. */
  unavailable?: Partial<Record<'timerJiffies' | 'retransmits' | 'timeout' | 'pid' | 'processName' | 'owners' | 'acceptBacklogMax' | 'boundInterface' | 'cookie' | 'congestion' | 'shutdown' | 'info' | 'memory', Reason>>;
}

/** One process holding a descriptor to a socket. */
export interface SocketOwner {
  pid: number;
  /** The process's command name (`comm`). */
  processName: string;
  /** The descriptor number in that process. */
  fd: number;
}

/**
 * TCP internals (`struct tcp_info`, as `getsockopt(TCP_INFO)` and `ss -i` give them).
 *
 * Fields present since Linux 4.9 are plain; newer ones are `not_supported` on kernels
 * whose `tcp_info` is too short to hold them. Times are in the unit their name carries.
 */
export interface TcpInfo {
  /** Congestion-avoidance state: 0 open, 1 disorder, 2 CWR, 3 recovery, 4 loss. */
  caState: number;
  /** Retransmissions of the current segment not yet acknowledged. */
  retransmits: number;
  /** Unanswered zero-window or keepalive probes. */
  probes: number;
  /** Exponential backoff of the retransmission timer. */
  backoff: number;
  /**
   * Options negotiated (`TCPI_OPT_*`: 1 timestamps, 2 SACK, 4 window scaling, 8 ECN,
   * 16 ECN seen, 32 SYN data).
   */
  options: number;
  /** Send window scale shift. */
  sndWscale: number;
  /** Receive window scale shift. */
  rcvWscale: number;
  /**
   * Retransmission timeout.
   *
   * Unit: us.
   */
  rtoUs: number;
  /**
   * Delayed-ACK timeout.
   *
   * Unit: us.
   */
  atoUs: number;
  /**
   * Maximum segment size for sending.
   *
   * Unit: bytes.
   */
  sndMss: number;
  /**
   * Maximum segment size seen from the peer.
   *
   * Unit: bytes.
   */
  rcvMss: number;
  /** Segments sent and not yet acknowledged (for a listening socket: the accept queue). */
  unacked: number;
  /** Segments selectively acknowledged (for a listening socket: the backlog limit). */
  sacked: number;
  /** Segments considered lost. */
  lost: number;
  /** Segments retransmitted and not yet acknowledged. */
  retrans: number;
  /**
   * Time since data was last sent.
   *
   * Unit: ms.
   */
  lastDataSentMs: number;
  /**
   * Time since data was last received.
   *
   * Unit: ms.
   */
  lastDataRecvMs: number;
  /**
   * Time since an acknowledgement was last received.
   *
   * Unit: ms.
   */
  lastAckRecvMs: number;
  /**
   * Path MTU.
   *
   * Unit: bytes.
   */
  pmtu: number;
  /** Receive slow-start threshold. */
  rcvSsthresh: number;
  /**
   * Smoothed round-trip time.
   *
   * Unit: us.
   */
  rttUs: number;
  /**
   * Round-trip time variation.
   *
   * Unit: us.
   */
  rttvarUs: number;
  /** Send slow-start threshold, in segments (2147483647 while in initial slow start). */
  sndSsthresh: number;
  /** Congestion window, in segments. */
  sndCwnd: number;
  /**
   * Advertised maximum segment size.
   *
   * Unit: bytes.
   */
  advmss: number;
  /** Reordering metric, in segments. */
  reordering: number;
  /**
   * Receiver-side round-trip time estimate.
   *
   * Unit: us.
   */
  rcvRttUs: number;
  /**
   * Receive buffer space the socket autotunes towards.
   *
   * Unit: bytes.
   */
  rcvSpace: number;
  /**
   * Segments retransmitted over the connection's life.
   *
   * Counter: it only grows (a drop is a reset).
   */
  totalRetrans: number;
  /**
   * Current pacing rate.
   *
   * Unit: bytes/s.
   */
  pacingRate: bigint;
  /**
   * The pacing rate cap (`SO_MAX_PACING_RATE`; `u64::MAX` when none).
   *
   * Unit: bytes/s.
   */
  maxPacingRate: bigint;
  /**
   * Bytes acknowledged by the peer.
   *
   * Unit: bytes. Counter: it only grows (a drop is a reset).
   */
  bytesAcked: bigint;
  /**
   * Bytes received from the peer.
   *
   * Unit: bytes. Counter: it only grows (a drop is a reset).
   */
  bytesReceived: bigint;
  /**
   * Segments sent, retransmissions included.
   *
   * Counter: it only grows (a drop is a reset).
   */
  segsOut: number;
  /**
   * Segments received.
   *
   * Counter: it only grows (a drop is a reset).
   */
  segsIn: number;
  /**
   * Bytes queued by the application and not yet sent.
   *
   * Unit: bytes.
   */
  notsentBytes: number;
  /**
   * Minimum round-trip time seen.
   *
   * Unit: us.
   */
  minRttUs: number;
  /**
   * Segments carrying data received.
   *
   * Counter: it only grows (a drop is a reset).
   */
  dataSegsIn: number;
  /**
   * Segments carrying data sent.
   *
   * Counter: it only grows (a drop is a reset).
   */
  dataSegsOut: number;
  /**
   * Most recent delivery rate estimate.
   *
   * Unit: bytes/s.
   */
  deliveryRate: bigint;
  /**
   * Time with data outstanding (Linux 4.10+).
   *
   * Unit: us. Counter: it only grows (a drop is a reset).
   */
  busyTimeUs: bigint | null;
  /**
   * Time limited by the receive window (4.10+).
   *
   * Unit: us. Counter: it only grows (a drop is a reset).
   */
  rwndLimitedUs: bigint | null;
  /**
   * Time limited by the send buffer (4.10+).
   *
   * Unit: us. Counter: it only grows (a drop is a reset).
   */
  sndbufLimitedUs: bigint | null;
  /**
   * Segments delivered, retransmissions included (4.18+).
   *
   * Counter: it only grows (a drop is a reset).
   */
  delivered: number | null;
  /**
   * Segments delivered with an ECN congestion mark (4.18+).
   *
   * Counter: it only grows (a drop is a reset).
   */
  deliveredCe: number | null;
  /**
   * Bytes sent, retransmissions included (4.19+).
   *
   * Unit: bytes. Counter: it only grows (a drop is a reset).
   */
  bytesSent: bigint | null;
  /**
   * Bytes retransmitted (4.19+).
   *
   * Unit: bytes. Counter: it only grows (a drop is a reset).
   */
  bytesRetrans: bigint | null;
  /**
   * Duplicate segments reported by D-SACK (4.19+).
   *
   * Counter: it only grows (a drop is a reset).
   */
  dsackDups: number | null;
  /**
   * Reordering events seen (4.19+).
   *
   * Counter: it only grows (a drop is a reset).
   */
  reordSeen: number | null;
  /**
   * Out-of-order packets received (5.4+).
   *
   * Counter: it only grows (a drop is a reset).
   */
  rcvOoopack: number | null;
  /**
   * The peer's advertised receive window (5.4+).
   *
   * Unit: bytes.
   */
  sndWnd: number | null;
  /**
   * Our advertised receive window (6.2+).
   *
   * Unit: bytes.
   */
  rcvWnd: number | null;
  /**
   * Path rehashes after timeouts (6.2+).
   *
   * Counter: it only grows (a drop is a reset).
   */
  rehash: number | null;
  /**
   * Retransmission timeouts (6.7+).
   *
   * Counter: it only grows (a drop is a reset).
   */
  totalRto: number | null;
  /**
   * Recoveries from retransmission timeouts (6.7+).
   *
   * Counter: it only grows (a drop is a reset).
   */
  totalRtoRecoveries: number | null;
  /**
   * Time spent in timeout recovery (6.7+).
   *
   * Unit: ms. Counter: it only grows (a drop is a reset).
   */
  totalRtoTimeMs: number | null;
  /** The fields that could not be read, each with its reason; present only when some are missing. */
  unavailable?: Partial<Record<'busyTimeUs' | 'rwndLimitedUs' | 'sndbufLimitedUs' | 'delivered' | 'deliveredCe' | 'bytesSent' | 'bytesRetrans' | 'dsackDups' | 'reordSeen' | 'rcvOoopack' | 'sndWnd' | 'rcvWnd' | 'rehash' | 'totalRto' | 'totalRtoRecoveries' | 'totalRtoTimeMs', Reason>>;
}

/** Socket buffer memory (`INET_DIAG_SKMEMINFO`, `UNIX_DIAG_MEMINFO`, …: `SK_MEMINFO_*`). */
export interface SocketMemory {
  /**
   * Memory holding received data not yet read.
   *
   * Unit: bytes.
   */
  rmemAlloc: number;
  /**
   * The receive buffer limit (`SO_RCVBUF`, doubled by the kernel).
   *
   * Unit: bytes.
   */
  rcvbuf: number;
  /**
   * Memory of sent data not yet freed by the device.
   *
   * Unit: bytes.
   */
  wmemAlloc: number;
  /**
   * The send buffer limit (`SO_SNDBUF`).
   *
   * Unit: bytes.
   */
  sndbuf: number;
  /**
   * Memory reserved but not yet used.
   *
   * Unit: bytes.
   */
  fwdAlloc: number;
  /**
   * Memory of data queued for sending (TCP: not yet acknowledged).
   *
   * Unit: bytes.
   */
  wmemQueued: number;
  /**
   * Memory for options and ancillary data.
   *
   * Unit: bytes.
   */
  optmem: number;
  /**
   * Memory of packets in the backlog (arrived while the socket was locked).
   *
   * Unit: bytes.
   */
  backlog: number;
  /**
   * Packets dropped because a buffer was full (Linux 4.6+; else `not_supported`).
   *
   * Counter: it only grows (a drop is a reset).
   */
  drops: number | null;
  /** The fields that could not be read, each with its reason; present only when some are missing. */
  unavailable?: Partial<Record<'drops', Reason>>;
}

/** One UDP or UDP-Lite socket (IPv4 or IPv6). */
export interface UdpConnection {
  family: AddressFamily;
  /** True for UDP-Lite (RFC 3828). */
  lite: boolean;
  localAddr: string;
  localPort: number;
  /** The connected peer; `null` when the socket is not connected. */
  remoteAddr: string | null;
  remotePort: number | null;
  /**
   * Send buffer memory in use.
   *
   * Unit: bytes.
   */
  txQueue: number;
  /**
   * Receive buffer memory in use.
   *
   * Unit: bytes.
   */
  rxQueue: number;
  uid: number;
  inode: bigint;
  pid: number | null;
  processName: string | null;
  owners: SocketOwner[] | null;
  /**
   * Datagrams dropped (full buffer, bad checksum, filters).
   *
   * Counter: it only grows (a drop is a reset).
   */
  drops: number | null;
  boundInterface: number | null;
  cookie: bigint | null;
  memory: SocketMemory | null;
  /** The fields that could not be read, each with its reason; present only when some are missing. */
  unavailable?: Partial<Record<'pid' | 'processName' | 'owners' | 'drops' | 'boundInterface' | 'cookie' | 'memory', Reason>>;
}

/** One Unix domain socket. */
export interface UnixSocket {
  /**
   * The bound name: a filesystem path, or an abstract name (then `is_abstract`, and the
   * name without its leading NUL). Empty for an unbound socket. From `/proc/net/unix`,
   * NUL bytes inside an abstract name read as `@`.
   */
  path: string;
  /** True for a name in the abstract namespace (`ss` shows it with a leading `@`). */
  isAbstract: boolean;
  /** `error` when `/proc/net/unix` has a `Type` that does not parse. */
  socketType: UnixSocketType | null;
  /**
   * `error` when `/proc/net/unix` has a `Flags` or `St` that does not parse (the state
   * comes from both).
   */
  state: UnixState | null;
  inode: bigint;
  pid: number | null;
  processName: string | null;
  owners: SocketOwner[] | null;
  /**
   * The inode of the connected peer: `not_present` when not connected,
   * `not_supported` from `/proc/net/unix`.
   */
  peerInode: bigint | null;
  /** Data queued for reading; for a listening socket, connections waiting to be accepted. */
  rxQueue: number | null;
  /** Data queued for sending; for a listening socket, the backlog limit. */
  txQueue: number | null;
  /** The user that created the socket (Linux 5.3+ with sock_diag). */
  uid: number | null;
  /**
   * The inode of the socket file a path is bound to (`not_present` for abstract and
   * unbound sockets).
   */
  vfsInode: bigint | null;
  /**
   * For a listening socket, the client sockets (their inodes) whose connections wait to
   * be accepted.
   */
  pendingConnections: bigint[] | null;
  cookie: bigint | null;
  memory: SocketMemory | null;
  /** The fields that could not be read, each with its reason; present only when some are missing. */
  unavailable?: Partial<Record<'socketType' | 'state' | 'pid' | 'processName' | 'owners' | 'peerInode' | 'rxQueue' | 'txQueue' | 'uid' | 'vfsInode' | 'pendingConnections' | 'cookie' | 'memory', Reason>>;
}

/** One raw IP socket (`SOCK_RAW` over IPv4 or IPv6; `ping` sockets are listed too). */
export interface RawSocket {
  family: AddressFamily;
  localAddr: string;
  remoteAddr: string;
  /** The IP protocol the socket receives (ICMP = 1, ICMPv6 = 58, 255 = any). */
  protocol: number;
  /**
   * Send buffer memory in use.
   *
   * Unit: bytes.
   */
  txQueue: number;
  /**
   * Receive buffer memory in use.
   *
   * Unit: bytes.
   */
  rxQueue: number;
  uid: number;
  inode: bigint;
  pid: number | null;
  processName: string | null;
  owners: SocketOwner[] | null;
  /** Counter: it only grows (a drop is a reset). */
  drops: number | null;
  boundInterface: number | null;
  cookie: bigint | null;
  /** The fields that could not be read, each with its reason; present only when some are missing. */
  unavailable?: Partial<Record<'pid' | 'processName' | 'owners' | 'drops' | 'boundInterface' | 'cookie', Reason>>;
}

/** One netlink socket. */
export interface NetlinkSocket {
  /** The netlink family (`NETLINK_ROUTE` = 0, `NETLINK_SOCK_DIAG` = 4, …). */
  protocol: number;
  /**
   * Its name (`route`, `sock_diag`, `netfilter`, `generic`, `kobject_uevent`, …), or the
   * number.
   */
  protocolName: string;
  /** The socket's netlink address (0 for the kernel's own socket of a family). */
  portId: number;
  /** The first 32 multicast groups joined (bit n-1 = group n). */
  groups: number;
  /** The port the socket is connected to (`not_supported` from `/proc/net/netlink`). */
  dstPortId: number | null;
  dstGroup: number | null;
  /**
   * The owner of the socket's inode (its creator), read with `stat` through the first
   * owner's descriptor: neither netlink_diag nor `/proc/net/netlink` carries it.
   * `not_present` for a socket no process holds (the kernel's own), `not_supported` on a
   * fixture tree.
   */
  uid: number | null;
  inode: bigint;
  pid: number | null;
  processName: string | null;
  owners: SocketOwner[] | null;
  /**
   * Receive buffer memory in use.
   *
   * Unit: bytes.
   */
  rxQueue: number | null;
  /**
   * Send buffer memory in use.
   *
   * Unit: bytes.
   */
  txQueue: number | null;
  /** Counter: it only grows (a drop is a reset). */
  drops: number | null;
  cookie: bigint | null;
  /** The fields that could not be read, each with its reason; present only when some are missing. */
  unavailable?: Partial<Record<'dstPortId' | 'dstGroup' | 'uid' | 'pid' | 'processName' | 'owners' | 'rxQueue' | 'txQueue' | 'drops' | 'cookie', Reason>>;
}

/** One packet (`AF_PACKET`) socket, as used by packet capture. */
export interface PacketSocket {
  /** `error` when `/proc/net/packet` has a `Type` that does not parse. */
  socketType: PacketSocketType | null;
  /** The Ethernet protocol captured (`0x0003` = every protocol, `0x0800` IPv4). */
  protocol: number | null;
  /**
   * The interface it is bound to; 0 for every interface. `not_supported` when
   * packet_diag sends no `PACKET_DIAG_INFO`.
   */
  interfaceIndex: number | null;
  /** True while the socket receives (bound with a protocol). */
  running: boolean | null;
  /**
   * Receive buffer memory in use. `not_supported` when packet_diag sends no
   * `PACKET_DIAG_MEMINFO`.
   *
   * Unit: bytes.
   */
  rxQueue: number | null;
  /** The creator's uid. `not_supported` when packet_diag sends no `PACKET_DIAG_UID`. */
  uid: number | null;
  inode: bigint;
  pid: number | null;
  processName: string | null;
  owners: SocketOwner[] | null;
  cookie: bigint | null;
  /** The fields that could not be read, each with its reason; present only when some are missing. */
  unavailable?: Partial<Record<'socketType' | 'protocol' | 'interfaceIndex' | 'running' | 'rxQueue' | 'uid' | 'pid' | 'processName' | 'owners' | 'cookie', Reason>>;
}

/**
 * TCP connections per state (over the TCP table, IPv4 and IPv6) and the SNMP `Tcp`
 * counters of `/proc/net/snmp` (which count IPv4 and IPv6 together).
 *
 * The counts are missing when the TCP table was not collected, the counters when
 * `/proc/net/snmp` could not be read.
 */
export interface TcpStats {
  connectionsEstablished: number | null;
  connectionsSynSent: number | null;
  connectionsSynRecv: number | null;
  connectionsFinWait1: number | null;
  connectionsFinWait2: number | null;
  connectionsTimeWait: number | null;
  connectionsClose: number | null;
  connectionsCloseWait: number | null;
  connectionsLastAck: number | null;
  connectionsListen: number | null;
  connectionsClosing: number | null;
  /**
   * Connections opened by this side (`ActiveOpens`).
   *
   * Counter: it only grows (a drop is a reset).
   */
  activeOpens: bigint | null;
  /**
   * Connections accepted (`PassiveOpens`).
   *
   * Counter: it only grows (a drop is a reset).
   */
  passiveOpens: bigint | null;
  /**
   * Connection attempts that failed (`AttemptFails`).
   *
   * Counter: it only grows (a drop is a reset).
   */
  attemptFails: bigint | null;
  /**
   * Connections reset from ESTABLISHED or CLOSE_WAIT (`EstabResets`).
   *
   * Counter: it only grows (a drop is a reset).
   */
  estabResets: bigint | null;
  /** Connections now ESTABLISHED or CLOSE_WAIT (`CurrEstab`, a gauge). */
  currEstab: bigint | null;
  /** Counter: it only grows (a drop is a reset). */
  inSegs: bigint | null;
  /** Counter: it only grows (a drop is a reset). */
  outSegs: bigint | null;
  /** Counter: it only grows (a drop is a reset). */
  retransSegs: bigint | null;
  /** Counter: it only grows (a drop is a reset). */
  inErrs: bigint | null;
  /** Counter: it only grows (a drop is a reset). */
  outRsts: bigint | null;
  /**
   * Segments with a bad checksum (`InCsumErrors`, Linux 3.10+).
   *
   * Counter: it only grows (a drop is a reset).
   */
  inCsumErrors: bigint | null;
  /** The fields that could not be read, each with its reason; present only when some are missing. */
  unavailable?: Partial<Record<'connectionsEstablished' | 'connectionsSynSent' | 'connectionsSynRecv' | 'connectionsFinWait1' | 'connectionsFinWait2' | 'connectionsTimeWait' | 'connectionsClose' | 'connectionsCloseWait' | 'connectionsLastAck' | 'connectionsListen' | 'connectionsClosing' | 'activeOpens' | 'passiveOpens' | 'attemptFails' | 'estabResets' | 'currEstab' | 'inSegs' | 'outSegs' | 'retransSegs' | 'inErrs' | 'outRsts' | 'inCsumErrors', Reason>>;
}

/**
 * The SNMP `Udp` counters (`/proc/net/snmp` for IPv4, `Udp6*` of `/proc/net/snmp6`).
 *
 * Each counter stands alone: one that does not parse (or is negative) is `error`, and
 * the others are kept.
 */
export interface UdpStats {
  /** Counter: it only grows (a drop is a reset). */
  inDatagrams: bigint | null;
  /**
   * Datagrams to a port nobody listens on.
   *
   * Counter: it only grows (a drop is a reset).
   */
  noPorts: bigint | null;
  /** Counter: it only grows (a drop is a reset). */
  inErrors: bigint | null;
  /** Counter: it only grows (a drop is a reset). */
  outDatagrams: bigint | null;
  /**
   * Datagrams dropped for a full receive buffer (not printed by the oldest kernels).
   *
   * Counter: it only grows (a drop is a reset).
   */
  rcvbufErrors: bigint | null;
  /**
   * Datagrams dropped for a full send buffer (not printed by the oldest kernels).
   *
   * Counter: it only grows (a drop is a reset).
   */
  sndbufErrors: bigint | null;
  /**
   * Datagrams with a bad checksum (3.10+).
   *
   * Counter: it only grows (a drop is a reset).
   */
  inCsumErrors: bigint | null;
  /**
   * Multicast datagrams no socket wanted (4.11+).
   *
   * Counter: it only grows (a drop is a reset).
   */
  ignoredMulti: bigint | null;
  /**
   * Datagrams dropped for lack of memory (5.9+).
   *
   * Counter: it only grows (a drop is a reset).
   */
  memErrors: bigint | null;
  /** The fields that could not be read, each with its reason; present only when some are missing. */
  unavailable?: Partial<Record<'inDatagrams' | 'noPorts' | 'inErrors' | 'outDatagrams' | 'rcvbufErrors' | 'sndbufErrors' | 'inCsumErrors' | 'ignoredMulti' | 'memErrors', Reason>>;
}

/**
 * Socket counts and memory (`/proc/net/sockstat`, `/proc/net/sockstat6`, and the
 * `tcp_mem`/`udp_mem` sysctls).
 *
 * Each count stands alone: one that does not parse or does not fit is `error`, and the
 * others are kept.
 */
export interface SocketStats {
  /** Sockets of every family in use. */
  socketsUsed: number | null;
  /** TCP sockets in use (IPv4 and IPv6, TIME_WAIT excluded). */
  tcpInuse: number | null;
  /** TCP sockets no process holds any more. */
  tcpOrphan: number | null;
  /** TCP sockets in TIME_WAIT. */
  tcpTw: number | null;
  /** TCP sockets allocated. */
  tcpAlloc: number | null;
  /**
   * Memory TCP uses now.
   *
   * Unit: pages.
   */
  tcpMemPages: bigint | null;
  /** The TCP memory thresholds (`net.ipv4.tcp_mem`). */
  tcpMem: MemoryLimits | null;
  /** UDP sockets in use (IPv4). */
  udpInuse: number | null;
  /** Unit: pages. */
  udpMemPages: bigint | null;
  /** The UDP memory thresholds (`net.ipv4.udp_mem`). */
  udpMem: MemoryLimits | null;
  udpliteInuse: number | null;
  rawInuse: number | null;
  /** IP fragment reassembly queues in use. */
  fragInuse: number | null;
  /** Unit: bytes. */
  fragMemory: bigint | null;
  /** The IPv6 counts of `/proc/net/sockstat6` (absent without IPv6). */
  tcp6Inuse: number | null;
  udp6Inuse: number | null;
  udplite6Inuse: number | null;
  raw6Inuse: number | null;
  frag6Inuse: number | null;
  /** Unit: bytes. */
  frag6Memory: bigint | null;
  /** The fields that could not be read, each with its reason; present only when some are missing. */
  unavailable?: Partial<Record<'socketsUsed' | 'tcpInuse' | 'tcpOrphan' | 'tcpTw' | 'tcpAlloc' | 'tcpMemPages' | 'tcpMem' | 'udpInuse' | 'udpMemPages' | 'udpMem' | 'udpliteInuse' | 'rawInuse' | 'fragInuse' | 'fragMemory' | 'tcp6Inuse' | 'udp6Inuse' | 'udplite6Inuse' | 'raw6Inuse' | 'frag6Inuse' | 'frag6Memory', Reason>>;
}

/** A memory pressure setting in pages (`net.ipv4.tcp_mem`, `udp_mem`). */
export interface MemoryLimits {
  /**
   * Below this, no pressure.
   *
   * Unit: pages.
   */
  low: bigint;
  /**
   * Above this, the stack moderates its memory use.
   *
   * Unit: pages.
   */
  pressure: bigint;
  /**
   * The hard limit.
   *
   * Unit: pages.
   */
  high: bigint;
}

/** One table of counters (`Tcp` of `/proc/net/snmp`, `TcpExt` of `/proc/net/netstat`). */
export interface CounterTable {
  /**
   * The table's name as the kernel prints it (`Ip`, `Icmp`, `IcmpMsg`, `Tcp`, `Udp`,
   * `UdpLite`, `TcpExt`, `IpExt`, `MPTcpExt`, …).
   */
  name: string;
  /**
   * Every counter, in the kernel's order. Signed because a few are (`Tcp` `MaxConn`
   * is -1: no limit).
   */
  counters: { [key: string]: bigint };
}

/** One network interface with its addresses, counters and driver. */
export interface NetInterfaceFull {
  name: string;
  index: number;
  /** The link-layer address (`null` for devices without one, such as `tun`). */
  macAddress: string | null;
  /** The link-layer broadcast address. */
  broadcastAddress: string | null;
  /** The address the hardware came with, when the driver knows it. */
  permanentAddress: string | null;
  mtu: number;
  flags: InterfaceFlags;
  /** The operational state (`operstate`). */
  state: InterfaceState;
  /** The `ARPHRD_*` link type (1 Ethernet, 772 loopback). */
  hwType: number;
  /**
   * The kind of virtual device (`veth`, `bridge`, `ifb`, `bond`, …); `null` for
   * physical devices and `lo`.
   */
  kind: string | null;
  /**
   * Link speed (`/sys/class/net/<if>/speed`): `not_enabled` while the interface is
   * down, `not_supported` where the driver cannot tell (`lo`, many virtual devices).
   *
   * Unit: Mbit/s.
   */
  speedMbps: number | null;
  /** Link duplex (`/sys/class/net/<if>/duplex`), missing as `speed_mbps` is. */
  duplex: Duplex | null;
  /** Whether the link has a carrier (`IFLA_CARRIER`). */
  carrier: boolean | null;
  /**
   * Carrier up and down events since the device was created.
   *
   * Counter: it only grows (a drop is a reset).
   */
  carrierChanges: bigint | null;
  /** Counter: it only grows (a drop is a reset). */
  carrierUpCount: bigint | null;
  /** Counter: it only grows (a drop is a reset). */
  carrierDownCount: bigint | null;
  ipv4Addresses: Ipv4Info[] | null;
  ipv6Addresses: Ipv6Info[] | null;
  stats: NetInterfaceStats | null;
  /** The transmit queue length of the queueing discipline (`txqueuelen`). */
  txQueueLen: number;
  /**
   * Linux has no per-interface receive queue length (received packets wait in a
   * per-CPU backlog, `net.core.netdev_max_backlog`): always `not_supported`. See
   * `num_rx_queues` for the hardware queues.
   */
  rxQueueLen: number | null;
  /** Hardware transmit queues. */
  numTxQueues: number | null;
  /** Hardware receive queues. */
  numRxQueues: number | null;
  /** The queueing discipline (`noqueue`, `fq_codel`, `mq`). */
  qdisc: string | null;
  /** The index of the master device (bridge, bond, VRF). */
  masterIndex: number | null;
  /**
   * The index of the underlying or peer device (for a veth: its peer, possibly in
   * another namespace).
   */
  linkIndex: number | null;
  /**
   * The driver (`ETHTOOL_GDRVINFO`). `not_supported` where the device has no ethtool
   * driver information (`lo`).
   */
  driver: string | null;
  /** The driver's version; `not_present` when the driver reports none. */
  driverVersion: string | null;
  /**
   * The firmware version; `not_present` when the device has no firmware (virtual
   * devices).
   */
  firmwareVersion: string | null;
  /** The bus address (`0000:00:03.0`); `not_present` for devices on no bus. */
  busInfo: string | null;
  /** The fields that could not be read, each with its reason; present only when some are missing. */
  unavailable?: Partial<Record<'speedMbps' | 'duplex' | 'carrier' | 'carrierChanges' | 'carrierUpCount' | 'carrierDownCount' | 'ipv4Addresses' | 'ipv6Addresses' | 'stats' | 'rxQueueLen' | 'numTxQueues' | 'numRxQueues' | 'driver' | 'driverVersion' | 'firmwareVersion' | 'busInfo', Reason>>;
}

/** Interface flags (`IFF_*` of `ifi_flags`), each as a boolean, and the raw bits. */
export interface InterfaceFlags {
  /** Administratively up. */
  up: boolean;
  broadcast: boolean;
  debug: boolean;
  loopback: boolean;
  pointToPoint: boolean;
  noTrailers: boolean;
  /** Operationally up (RFC 2863 `up`). */
  running: boolean;
  noArp: boolean;
  promiscuous: boolean;
  allMulticast: boolean;
  /** A bonding master. */
  master: boolean;
  /** A bonding slave. */
  slave: boolean;
  multicast: boolean;
  /** The carrier is present (`IFF_LOWER_UP`). */
  lowerUp: boolean;
  dormant: boolean;
  echo: boolean;
  /** The bits as the kernel holds them. */
  bits: number;
}

/** An IPv4 address of an interface. */
export interface Ipv4Info {
  address: string;
  prefixLen: number;
  /** The prefix as a mask (`255.255.255.0`). */
  netmask: string;
  broadcast: string | null;
  /** The other end of a point-to-point link. */
  peer: string | null;
  scope: AddressScope;
  /** The address label (`eth0:1`). */
  label: string | null;
  /** `IFA_F_*` flags (0x80 permanent, 0x01 secondary, …). */
  flags: number;
  /**
   * Remaining valid lifetime; `null` when forever.
   *
   * Unit: seconds.
   */
  validLifetime: number | null;
  /**
   * Remaining preferred lifetime; `null` when forever.
   *
   * Unit: seconds.
   */
  preferredLifetime: number | null;
}

/** An IPv6 address of an interface. */
export interface Ipv6Info {
  address: string;
  prefixLen: number;
  scope: AddressScope;
  /**
   * `IFA_F_*` flags: 0x01 temporary, 0x02 nodad, 0x04 optimistic, 0x08 dadfailed,
   * 0x10 homeaddress, 0x20 deprecated, 0x40 tentative, 0x80 permanent, 0x100
   * managetempaddr, 0x200 noprefixroute, 0x400 mcautojoin, 0x800 stable-privacy.
   */
  flags: number;
  /** Unit: seconds. */
  validLifetime: number | null;
  /** Unit: seconds. */
  preferredLifetime: number | null;
}

/**
 * The 23 interface counters of the specification, from the kernel's 64-bit statistics
 * (`IFLA_STATS64`; the 32-bit `IFLA_STATS` on kernels without it).
 */
export interface NetInterfaceStats {
  /** Unit: bytes. Counter: it only grows (a drop is a reset). */
  rxBytes: bigint;
  /** Unit: bytes. Counter: it only grows (a drop is a reset). */
  txBytes: bigint;
  /** Counter: it only grows (a drop is a reset). */
  rxPackets: bigint;
  /** Counter: it only grows (a drop is a reset). */
  txPackets: bigint;
  /** Counter: it only grows (a drop is a reset). */
  rxErrors: bigint;
  /** Counter: it only grows (a drop is a reset). */
  txErrors: bigint;
  /** Counter: it only grows (a drop is a reset). */
  rxDropped: bigint;
  /** Counter: it only grows (a drop is a reset). */
  txDropped: bigint;
  /** Counter: it only grows (a drop is a reset). */
  rxFifoErrors: bigint;
  /** Counter: it only grows (a drop is a reset). */
  txFifoErrors: bigint;
  /** Counter: it only grows (a drop is a reset). */
  rxFrameErrors: bigint;
  /** Counter: it only grows (a drop is a reset). */
  rxCompressed: bigint;
  /** Counter: it only grows (a drop is a reset). */
  txCompressed: bigint;
  /**
   * Multicast packets received.
   *
   * Counter: it only grows (a drop is a reset).
   */
  multicast: bigint;
  /** Counter: it only grows (a drop is a reset). */
  collisions: bigint;
  /** Counter: it only grows (a drop is a reset). */
  rxLengthErrors: bigint;
  /**
   * Receiver ring buffer overflows.
   *
   * Counter: it only grows (a drop is a reset).
   */
  rxOverErrors: bigint;
  /** Counter: it only grows (a drop is a reset). */
  rxCrcErrors: bigint;
  /**
   * Packets the receiver missed.
   *
   * Counter: it only grows (a drop is a reset).
   */
  rxMissedErrors: bigint;
  /** Counter: it only grows (a drop is a reset). */
  txAbortedErrors: bigint;
  /** Counter: it only grows (a drop is a reset). */
  txCarrierErrors: bigint;
  /** Counter: it only grows (a drop is a reset). */
  txHeartbeatErrors: bigint;
  /** Counter: it only grows (a drop is a reset). */
  txWindowErrors: bigint;
  /**
   * Packets dropped for lack of a protocol handler (Linux 4.6+).
   *
   * Counter: it only grows (a drop is a reset).
   */
  rxNohandler: bigint | null;
  /**
   * Packets dropped because they were for another host (5.19+).
   *
   * Counter: it only grows (a drop is a reset).
   */
  rxOtherhostDropped: bigint | null;
  /** The fields that could not be read, each with its reason; present only when some are missing. */
  unavailable?: Partial<Record<'rxNohandler' | 'rxOtherhostDropped', Reason>>;
}

/** One route of any routing table (IPv4 or IPv6). */
export interface Route {
  family: AddressFamily;
  /** The destination network (`0.0.0.0` / `::` for the default route). */
  destination: string;
  prefixLen: number;
  gateway: string | null;
  /** The prefix as a mask (`255.255.255.0`; for IPv6 `ffff:ffff:ffff:ffff::`). */
  genmask: string;
  flags: RouteFlags;
  /** The route's priority (`metric` in `ip route`; 0 when none is set). */
  metric: number;
  /**
   * The outgoing interface's name (`null` for routes without one, such as
   * `unreachable` or multipath routes).
   */
  interface: string | null;
  interfaceIndex: number | null;
  /**
   * The route's MTU metric (`RTAX_MTU`).
   *
   * Unit: bytes.
   */
  mtu: number | null;
  /**
   * The TCP window clamp (`RTAX_WINDOW`).
   *
   * Unit: bytes.
   */
  window: number | null;
  /**
   * The initial round-trip time (`RTAX_RTT`).
   *
   * Unit: ms.
   */
  irtt: number | null;
  /** The routing table (254 main, 255 local, 253 default). */
  table: number;
  routeType: RouteType;
  scope: AddressScope;
  /** Who installed it (`RTPROT_*`: 2 kernel, 3 boot, 4 static, 9 ra, 16 dhcp, …). */
  protocol: number;
  /** The source address preferred for this route (`src` in `ip route`). */
  preferredSource: string | null;
  /** Next hops of a multipath route; empty otherwise. */
  nexthops: RouteNextHop[];
}

/** The flags of a route, as `/proc/net/route` computes them (`RTF_*`), each as a boolean. */
export interface RouteFlags {
  /** Usable (`RTF_UP`): every route but a dead one. */
  up: boolean;
  /** Through a gateway (`RTF_GATEWAY`). */
  gateway: boolean;
  /** To one host (`RTF_HOST`: a full-length prefix). */
  host: boolean;
  /** Rejects packets (`unreachable`, `prohibit`, `blackhole`; `RTF_REJECT`). */
  reject: boolean;
  /** The gateway is on the link even without a matching prefix (`RTNH_F_ONLINK`). */
  onlink: boolean;
  /** The next hop's link is down (`RTNH_F_LINKDOWN`). */
  linkdown: boolean;
  /** The next hop is dead (`RTNH_F_DEAD`). */
  dead: boolean;
  /** The `RTF_*` bits. */
  bits: number;
}

/** One next hop of a multipath route. */
export interface RouteNextHop {
  gateway: string | null;
  interfaceIndex: number;
  interface: string | null;
  /** The relative weight (`weight` in `ip route`). */
  weight: number;
}

/** One entry of the neighbour cache: ARP for IPv4, neighbour discovery for IPv6. */
export interface ArpEntry {
  family: AddressFamily;
  ipAddress: string;
  /** The `ARPHRD_*` type of the device (1 Ethernet). */
  hwType: number;
  /** `ATF_*` flags as `/proc/net/arp` shows them (0x2 complete, 0x4 permanent). */
  flags: number;
  /** The link-layer address; `null` while unresolved (`incomplete`, `failed`). */
  hwAddress: string | null;
  device: string;
  interfaceIndex: number;
  state: NeighbourState;
  /** The neighbour is a router (IPv6 `NTF_ROUTER`). */
  router: boolean;
  /** Resolution probes sent. */
  probes: number | null;
}

/** One tracked connection (netfilter conntrack). */
export interface ConntrackEntry {
  family: AddressFamily;
  /**
   * The layer-4 protocol's name (`tcp`, `udp`, `icmp`, `icmpv6`, `sctp`, …), or its
   * number.
   */
  protocol: string;
  protocolNumber: number;
  /** The original direction's source and destination. */
  srcAddr: string;
  dstAddr: string;
  srcPort: number | null;
  dstPort: number | null;
  /** The reply direction (after NAT: differs from the original's mirror image). */
  replySrcAddr: string;
  replyDstAddr: string;
  replySrcPort: number | null;
  replyDstPort: number | null;
  /** ICMP type, code and id, for ICMP flows. */
  icmpType: number | null;
  icmpCode: number | null;
  icmpId: number | null;
  /**
   * The TCP state as `conntrack` prints it (`ESTABLISHED`, `TIME_WAIT`, …); `null` for
   * other protocols.
   */
  state: string | null;
  /**
   * Time left before the entry expires.
   *
   * Unit: seconds.
   */
  timeout: number | null;
  /**
   * Counters need `net.netfilter.nf_conntrack_acct=1` (`not_enabled` otherwise).
   *
   * Counter: it only grows (a drop is a reset).
   */
  packetsOrig: bigint | null;
  /** Unit: bytes. Counter: it only grows (a drop is a reset). */
  bytesOrig: bigint | null;
  /** Counter: it only grows (a drop is a reset). */
  packetsReply: bigint | null;
  /** Unit: bytes. Counter: it only grows (a drop is a reset). */
  bytesReply: bigint | null;
  mark: number;
  zone: number;
  /** `IPS_*` status bits. */
  status: number;
  /** The status bits by name (`assured`, `seen_reply`, `confirmed`, `src_nat`, …). */
  statusFlags: string[];
  /** The entry's id (ctnetlink only). */
  id: number | null;
  /** References held on the entry. */
  useCount: number | null;
  /** The fields that could not be read, each with its reason; present only when some are missing. */
  unavailable?: Partial<Record<'timeout' | 'packetsOrig' | 'bytesOrig' | 'packetsReply' | 'bytesReply' | 'id' | 'useCount', Reason>>;
}

/** Conntrack totals. */
export interface ConntrackStats {
  /** Entries now (`net.netfilter.nf_conntrack_count`). */
  entries: number | null;
  /** The table's limit (`nf_conntrack_max`). */
  maxEntries: number | null;
  /** Whether per-flow byte and packet counters are on (`nf_conntrack_acct`). */
  accounting: boolean | null;
  /** Per-CPU counters (ctnetlink, else `/proc/net/stat/nf_conntrack`). */
  perCpu: ConntrackCpuStats[] | null;
  /** The fields that could not be read, each with its reason; present only when some are missing. */
  unavailable?: Partial<Record<'entries' | 'maxEntries' | 'accounting' | 'perCpu', Reason>>;
}

/**
 * One CPU's conntrack counters (`conntrack -S`). Each counter stands alone: one the
 * kernel does not give is `not_supported` (the set changed over versions), one that does
 * not parse is `error`.
 */
export interface ConntrackCpuStats {
  cpu: number;
  /**
   * Lookups that found an entry.
   *
   * Counter: it only grows (a drop is a reset).
   */
  found: number | null;
  /**
   * Packets that could not be tracked.
   *
   * Counter: it only grows (a drop is a reset).
   */
  invalid: number | null;
  /** Counter: it only grows (a drop is a reset). */
  insert: number | null;
  /** Counter: it only grows (a drop is a reset). */
  insertFailed: number | null;
  /**
   * Packets dropped (the table was full).
   *
   * Counter: it only grows (a drop is a reset).
   */
  drop: number | null;
  /**
   * Entries evicted to make room.
   *
   * Counter: it only grows (a drop is a reset).
   */
  earlyDrop: number | null;
  /**
   * ICMP errors that matched no entry.
   *
   * Counter: it only grows (a drop is a reset).
   */
  error: number | null;
  /**
   * Lookups restarted because the table changed.
   *
   * Counter: it only grows (a drop is a reset).
   */
  searchRestart: number | null;
  /**
   * Insertion races resolved (5.10+).
   *
   * Counter: it only grows (a drop is a reset).
   */
  clashResolve: number | null;
  /**
   * Insertions refused because a hash chain was too long (5.15+).
   *
   * Counter: it only grows (a drop is a reset).
   */
  chainToolong: number | null;
  /** The fields that could not be read, each with its reason; present only when some are missing. */
  unavailable?: Partial<Record<'found' | 'invalid' | 'insert' | 'insertFailed' | 'drop' | 'earlyDrop' | 'error' | 'searchRestart' | 'clashResolve' | 'chainToolong', Reason>>;
}

/** One GPU: the specification's `GpuMetrics`, then what operators ask for beyond it. */
export interface GpuMetrics {
  /**
   * The GPU's index: NVML's index for NVIDIA GPUs (as in `nvidia-smi`), then the DRM
   * cards in card order.
   */
  index: number;
  /** NVIDIA `GPU-…`; AMD `unique_id` (where the ASIC has one); Intel: `not_supported`. */
  uuid: string | null;
  /**
   * Product name (NVML; amdgpu `product_name`, which only boards with a FRU EEPROM
   * have; Intel: `not_supported`; see `pci_device_id`).
   */
  name: string | null;
  vendor: GpuVendor;
  /**
   * PCI address in the kernel's form `0000:03:00.0` (NVML's eight-digit domain is
   * shortened to four when it fits, so it matches sysfs and `drm-pdev`).
   */
  pciBusId: string | null;
  /**
   * Share of the last sample period in which a kernel ran (NVML; amdgpu
   * `gpu_busy_percent`). Intel's drivers do not report it (`not_supported`): see the
   * per-client `engines`. `not_supported` on a MIG-enabled GPU.
   *
   * Unit: percent.
   */
  utilizationGpu: number | null;
  /**
   * Share of the period in which device memory was read or written (NVML; amdgpu
   * `mem_busy_percent`).
   *
   * Unit: percent.
   */
  utilizationMemory: number | null;
  /**
   * Video encoder use (NVML).
   *
   * Unit: percent.
   */
  utilizationEncoder: number | null;
  /**
   * Video decoder use (NVML; amdgpu `gpu_metrics` multimedia activity, which counts
   * the VCN as one unit for encode and decode).
   *
   * Unit: percent.
   */
  utilizationDecoder: number | null;
  /**
   * Device memory (NVML framebuffer; amdgpu `mem_info_vram_total`; xe tiles' VRAM).
   *
   * Unit: bytes.
   */
  memoryTotal: bigint | null;
  /** Unit: bytes. */
  memoryUsed: bigint | null;
  /**
   * `memory_total - memory_used` for sysfs; NVML's own figure, which also leaves out
   * `memory_reserved`.
   *
   * Unit: bytes.
   */
  memoryFree: bigint | null;
  /**
   * Memory the driver and firmware reserve (NVML).
   *
   * Unit: bytes.
   */
  memoryReserved: bigint | null;
  /**
   * The GPU's temperature: NVIDIA's GPU sensor; amdgpu's `edge` sensor, or
   * `junction` on boards without one (Instinct); xe's package sensor.
   *
   * Unit: celsius.
   */
  temperatureGpu: number | null;
  /**
   * Memory temperature (NVML; amdgpu `mem`; xe `vram`).
   *
   * Unit: celsius.
   */
  temperatureMemory: number | null;
  /**
   * Where the GPU starts to slow down: NVML's slowdown threshold; amdgpu's `crit` of
   * the sensor of `temperature_gpu`. New NVIDIA datacenter drivers give only the
   * margin (`temperature_margin`) and say `not_supported` here.
   *
   * Unit: celsius.
   */
  temperatureSlowdown: number | null;
  /**
   * Where the GPU shuts down: NVML's shutdown threshold; amdgpu's `emergency`.
   *
   * Unit: celsius.
   */
  temperatureShutdown: number | null;
  /**
   * Power draw: NVML's (averaged over one second on Ampere and later); amdgpu
   * `power1_average`, else `power1_input`; Intel: from the energy counter over the
   * interval since the previous snapshot (`no_previous_sample` first).
   *
   * Unit: W.
   */
  powerDraw: number | null;
  /**
   * The power limit in force as set (NVML management limit; amdgpu `power1_cap`;
   * Intel `power1_max`, PL1).
   *
   * Unit: W.
   */
  powerLimit: number | null;
  /**
   * The default power limit (NVML; amdgpu `power1_cap_default`; Intel
   * `power1_rated_max`, the TDP).
   *
   * Unit: W.
   */
  powerDefaultLimit: number | null;
  /**
   * The lowest power limit that can be set (NVML; amdgpu `power1_cap_min`).
   *
   * Unit: W.
   */
  powerMinLimit: number | null;
  /**
   * The highest power limit that can be set (NVML; amdgpu `power1_cap_max`).
   *
   * Unit: W.
   */
  powerMaxLimit: number | null;
  /** Performance state, 0 (P0, fastest) to 15 (NVML). */
  powerState: number | null;
  /**
   * Graphics clock now (NVML; amdgpu `sclk`; Intel actual frequency of GT 0).
   *
   * Unit: MHz.
   */
  clockGraphics: bigint | null;
  /**
   * SM clock now (NVML).
   *
   * Unit: MHz.
   */
  clockSm: bigint | null;
  /**
   * Memory clock now (NVML; amdgpu `mclk`).
   *
   * Unit: MHz.
   */
  clockMemory: bigint | null;
  /**
   * Video (encoder/decoder) clock now (NVML; amdgpu `gpu_metrics` VCLK).
   *
   * Unit: MHz.
   */
  clockVideo: bigint | null;
  /**
   * The highest graphics clock (NVML; amdgpu top `pp_dpm_sclk` level; Intel RP0).
   *
   * Unit: MHz.
   */
  clockMaxGraphics: bigint | null;
  /**
   * The highest memory clock (NVML; amdgpu top `pp_dpm_mclk` level).
   *
   * Unit: MHz.
   */
  clockMaxMemory: bigint | null;
  /** PCIe generation of the link now (NVML; the PCI `current_link_speed`). */
  pcieLinkGenCurrent: number | null;
  /** The highest PCIe generation of the link (NVML; PCI `max_link_speed`). */
  pcieLinkGenMax: number | null;
  /** Lanes of the link now. */
  pcieLinkWidthCurrent: number | null;
  /** The most lanes of the link. */
  pcieLinkWidthMax: number | null;
  /**
   * PCIe bytes sent by the GPU over NVML's last 20 ms window (option
   * `gpu.pcie_throughput`: each direction blocks about 20 ms; else `disabled`).
   *
   * Unit: KB/s.
   */
  pcieTxThroughput: bigint | null;
  /**
   * PCIe bytes received (option `gpu.pcie_throughput`).
   *
   * Unit: KB/s.
   */
  pcieRxThroughput: bigint | null;
  /** Whether ECC is on now (NVML). */
  eccEnabled: boolean | null;
  /**
   * Corrected ECC errors since the driver loaded (NVML volatile counter).
   *
   * Counter: it only grows (a drop is a reset).
   */
  eccErrorsCorrected: bigint | null;
  /**
   * Uncorrected ECC errors since the driver loaded (NVML volatile counter).
   *
   * Counter: it only grows (a drop is a reset).
   */
  eccErrorsUncorrected: bigint | null;
  /**
   * The processes using this GPU: NVML's compute and graphics processes, then the DRM
   * clients matched to it (see `drm_clients_from`). Empty when none is visible.
   */
  processes: GpuProcess[] | null;
  /**
   * Fan speed as a share of its maximum (NVML fan 0; amdgpu `pwm1` over 255).
   * Passively cooled datacenter boards say `not_supported`.
   *
   * Unit: percent.
   */
  fanSpeed: number | null;
  /** Compute mode (NVML). */
  computeMode: ComputeMode | null;
  /** CUDA compute capability (NVML). */
  computeCapability: ComputeCapability | null;
  /** Whether the record was read or the GPU failed as a whole. */
  state: GpuState;
  /** Why the GPU failed (`state` = `failed`). */
  error: string | null;
  /** The kernel driver: `nvidia`, `amdgpu`, `i915`, `xe`. */
  driver: string;
  /**
   * The driver's version (NVML; kernel drivers in the tree have none:
   * `not_supported`).
   */
  driverVersion: string | null;
  /** VBIOS version (NVML; amdgpu `vbios_version`). */
  vbiosVersion: string | null;
  /** Board serial number (NVML; amdgpu `serial_number`, on boards with a FRU EEPROM). */
  serial: string | null;
  /** PCI vendor and device id, `10de:2330`. */
  pciDeviceId: string | null;
  /** Whether the driver stays loaded with no client (NVML persistence mode). */
  persistenceMode: boolean | null;
  /**
   * amdgpu's forced performance level (`power_dpm_force_performance_level`: `auto`,
   * `low`, `high`, `manual`, `profile_*`).
   */
  performanceLevel: string | null;
  /** Why clocks are held down now. */
  clockEventReasons: ClockEventReasons | null;
  /**
   * Hottest point of the die (amdgpu `junction`, hotspot).
   *
   * Unit: celsius.
   */
  temperatureHotspot: number | null;
  /**
   * Degrees left before the GPU reaches its temperature limit and slows down (NVML
   * margin temperature; `nvidia-smi`'s `gpu_temp_tlimit`).
   *
   * Unit: celsius.
   */
  temperatureMargin: number | null;
  /**
   * Instantaneous power draw (NVML field `POWER_INSTANT`; amdgpu `power1_input` where
   * `power1_average` is the draw).
   *
   * Unit: W.
   */
  powerDrawInstant: number | null;
  /**
   * The power limit the GPU enforces now, the tightest of all limits (NVML).
   *
   * Unit: W.
   */
  powerEnforcedLimit: number | null;
  /**
   * Energy used since the driver loaded (NVML, option `gpu.nvml_energy`; amdgpu
   * `gpu_metrics`; Intel hwmon `energy1_input`).
   *
   * Unit: mJ. Counter: it only grows (a drop is a reset).
   */
  energyTotal: bigint | null;
  /**
   * Average power over the interval since the previous snapshot, from `energy_total`
   * (`no_previous_sample` on the first).
   *
   * Unit: W.
   */
  powerFromEnergy: number | null;
  /**
   * The highest SM clock (NVML).
   *
   * Unit: MHz.
   */
  clockMaxSm: bigint | null;
  /**
   * The highest video clock (NVML).
   *
   * Unit: MHz.
   */
  clockMaxVideo: bigint | null;
  /**
   * The lowest graphics clock (amdgpu bottom `pp_dpm_sclk` level; Intel RPn).
   *
   * Unit: MHz.
   */
  clockMinGraphics: bigint | null;
  /** Intel: the frequencies of every GT of every tile. */
  gtClocks: GtClocks[] | null;
  /**
   * PCIe replays since the driver loaded (NVML; a link-quality counter).
   *
   * Counter: it only grows (a drop is a reset).
   */
  pcieReplayErrors: bigint | null;
  /**
   * Corrected ECC errors over the GPU's life (NVML aggregate counter).
   *
   * Counter: it only grows (a drop is a reset).
   */
  eccErrorsCorrectedAggregate: bigint | null;
  /**
   * Uncorrected ECC errors over the GPU's life (NVML aggregate counter).
   *
   * Counter: it only grows (a drop is a reset).
   */
  eccErrorsUncorrectedAggregate: bigint | null;
  /**
   * Pages retired for multiple single-bit errors (NVML; GPUs before Ampere; Ampere
   * and later remap rows instead and say `not_supported`).
   *
   * Counter: it only grows (a drop is a reset).
   */
  retiredPagesSingleBit: bigint | null;
  /**
   * Pages retired for a double-bit error.
   *
   * Counter: it only grows (a drop is a reset).
   */
  retiredPagesDoubleBit: bigint | null;
  /** Pages waiting for the next driver load to be retired. */
  retiredPagesPending: boolean | null;
  /**
   * Rows remapped for correctable errors (NVML; Ampere and later).
   *
   * Counter: it only grows (a drop is a reset).
   */
  remappedRowsCorrectable: bigint | null;
  /**
   * Rows remapped for uncorrectable errors.
   *
   * Counter: it only grows (a drop is a reset).
   */
  remappedRowsUncorrectable: bigint | null;
  /** A remapping waits for a GPU reset. */
  remappedRowsPending: boolean | null;
  /** A remapping failed: the GPU should be serviced. */
  remappedRowsFailure: boolean | null;
  /** The NVLinks (option `gpu.nvlink`); `not_supported` on GPUs without NVLink. */
  nvlinks: NvLink[] | null;
  /** Whether MIG is on now (NVML). */
  migModeCurrent: boolean | null;
  /** Whether MIG will be on after the next reset. */
  migModePending: boolean | null;
  /** The MIG devices, each with its memory and processes (empty when MIG is off). */
  migDevices: MigDevice[] | null;
  /**
   * Speed of the first fan (NVML; amdgpu `fan1_input`).
   *
   * Unit: rpm.
   */
  fanSpeedRpm: bigint | null;
  /**
   * amdgpu: the CPU-visible part of VRAM (`mem_info_vis_vram_total`).
   *
   * Unit: bytes.
   */
  memoryVisibleTotal: bigint | null;
  /**
   * amdgpu: used CPU-visible VRAM.
   *
   * Unit: bytes.
   */
  memoryVisibleUsed: bigint | null;
  /**
   * amdgpu: system memory the GPU can map (GTT, `mem_info_gtt_total`).
   *
   * Unit: bytes.
   */
  memoryGttTotal: bigint | null;
  /**
   * amdgpu: GTT in use.
   *
   * Unit: bytes.
   */
  memoryGttUsed: bigint | null;
  /**
   * Where this snapshot's DRM clients came from; `disabled` when none was read
   * (neither `process.fds` nor `gpu.drm_clients`).
   */
  drmClientsFrom: DrmClientsFrom | null;
  /** The fields that could not be read, each with its reason; present only when some are missing. */
  unavailable?: Partial<Record<'uuid' | 'name' | 'pciBusId' | 'utilizationGpu' | 'utilizationMemory' | 'utilizationEncoder' | 'utilizationDecoder' | 'memoryTotal' | 'memoryUsed' | 'memoryFree' | 'memoryReserved' | 'temperatureGpu' | 'temperatureMemory' | 'temperatureSlowdown' | 'temperatureShutdown' | 'powerDraw' | 'powerLimit' | 'powerDefaultLimit' | 'powerMinLimit' | 'powerMaxLimit' | 'powerState' | 'clockGraphics' | 'clockSm' | 'clockMemory' | 'clockVideo' | 'clockMaxGraphics' | 'clockMaxMemory' | 'pcieLinkGenCurrent' | 'pcieLinkGenMax' | 'pcieLinkWidthCurrent' | 'pcieLinkWidthMax' | 'pcieTxThroughput' | 'pcieRxThroughput' | 'eccEnabled' | 'eccErrorsCorrected' | 'eccErrorsUncorrected' | 'processes' | 'fanSpeed' | 'computeMode' | 'computeCapability' | 'driverVersion' | 'vbiosVersion' | 'serial' | 'pciDeviceId' | 'persistenceMode' | 'performanceLevel' | 'clockEventReasons' | 'temperatureHotspot' | 'temperatureMargin' | 'powerDrawInstant' | 'powerEnforcedLimit' | 'energyTotal' | 'powerFromEnergy' | 'clockMaxSm' | 'clockMaxVideo' | 'clockMinGraphics' | 'gtClocks' | 'pcieReplayErrors' | 'eccErrorsCorrectedAggregate' | 'eccErrorsUncorrectedAggregate' | 'retiredPagesSingleBit' | 'retiredPagesDoubleBit' | 'retiredPagesPending' | 'remappedRowsCorrectable' | 'remappedRowsUncorrectable' | 'remappedRowsPending' | 'remappedRowsFailure' | 'nvlinks' | 'migModeCurrent' | 'migModePending' | 'migDevices' | 'fanSpeedRpm' | 'memoryVisibleTotal' | 'memoryVisibleUsed' | 'memoryGttTotal' | 'memoryGttUsed' | 'drmClientsFrom', Reason>>;
}

/** A process using a GPU. */
export interface GpuProcess {
  pid: number;
  /**
   * The process's command name (`comm`): from the process domain when it ran, else
   * read for this pid. `gone` when it exited, `not_present` when the pid is not
   * visible here (another pid namespace: NVML reports host pids).
   */
  processName: string | null;
  /**
   * GPU memory the process uses. NVML: its allocation (`not_supported` where the
   * driver hides it: Windows WDDM, some MIG set-ups). DRM client: the sum of its
   * resident memory over the device's regions but amdgpu's `gtt` and `cpu` (system
   * memory mapped for the GPU).
   *
   * Unit: bytes.
   */
  usedMemory: bigint | null;
  /** The MIG compute instance the process runs in; `null` when MIG is off. */
  computeInstanceId: number | null;
  /** The MIG GPU instance the process runs in; `null` when MIG is off. */
  gpuInstanceId: number | null;
  /** What the process does on the GPU. */
  processType: GpuProcessType;
  /**
   * Share of the time one of its kernels ran on the SMs, from NVML's latest sample
   * since the previous snapshot (`nvidia-smi pmon` `sm`). `not_present` when NVML kept
   * no sample for it, `not_supported` for DRM clients (see `engines`) and on MIG.
   *
   * Unit: percent.
   */
  utilizationSm: number | null;
  /**
   * Share of the time it read or wrote device memory (NVML sample).
   *
   * Unit: percent.
   */
  utilizationMemory: number | null;
  /**
   * Share of the encoder it used (NVML sample).
   *
   * Unit: percent.
   */
  utilizationEncoder: number | null;
  /**
   * Share of the decoder it used (NVML sample).
   *
   * Unit: percent.
   */
  utilizationDecoder: number | null;
  /**
   * The DRM client id (`drm-client-id`), unique per device while the client lives;
   * `null` for NVML processes.
   */
  drmClientId: bigint | null;
  /**
   * Other processes holding the same DRM client (a descriptor inherited or passed):
   * the client is reported once, under the lowest pid.
   */
  sharedWith: number[];
  /** Engine use of a DRM client; empty for NVML processes. */
  engines: GpuEngineUse[];
  /** Memory of a DRM client per region; empty for NVML processes. */
  memoryRegions: GpuMemoryRegion[];
  /** The fields that could not be read, each with its reason; present only when some are missing. */
  unavailable?: Partial<Record<'processName' | 'usedMemory' | 'utilizationSm' | 'utilizationMemory' | 'utilizationEncoder' | 'utilizationDecoder', Reason>>;
}

/** One engine class of a DRM client (`drm-engine-<name>`, `drm-cycles-<name>`). */
export interface GpuEngineUse {
  /**
   * The driver's engine name (`gfx`, `compute`, `dec` for amdgpu; `render`, `copy`,
   * `video` for i915; `rcs`, `bcs`, `vcs`, `ccs` for xe).
   */
  engine: string;
  /**
   * Time the client kept this engine busy since it opened the device (`drm-engine-*`).
   *
   * Unit: ns. Counter: it only grows (a drop is a reset).
   */
  busyNs: bigint | null;
  /**
   * Busy cycles since it opened the device (`drm-cycles-*`, xe).
   *
   * Counter: it only grows (a drop is a reset).
   */
  cycles: bigint | null;
  /**
   * The engine's cycle counter at the same moment (`drm-total-cycles-*`).
   *
   * Counter: it only grows (a drop is a reset).
   */
  totalCycles: bigint | null;
  /**
   * Engines of this class the counters add up (`drm-engine-capacity-*`; 1 when the
   * driver does not say).
   */
  capacity: number;
  /**
   * Share of this engine class the client used since the probe's previous snapshot
   * (busy time over wall time, or busy cycles over total cycles, divided by the
   * capacity). `no_previous_sample` on the first snapshot that sees the client.
   *
   * Unit: percent.
   */
  busyPercent: number | null;
  /** The fields that could not be read, each with its reason; present only when some are missing. */
  unavailable?: Partial<Record<'busyNs' | 'cycles' | 'totalCycles' | 'busyPercent', Reason>>;
}

/** Memory of one region of a DRM client (`drm-total-<region>`, …). */
export interface GpuMemoryRegion {
  /**
   * The driver's region name (`vram`, `gtt`, `cpu` for amdgpu; `system0`, `local0`
   * for i915; `vram0`, `gtt` for xe).
   */
  region: string;
  /**
   * Buffers the client can reach in this region, shared ones included.
   *
   * Unit: bytes.
   */
  total: bigint | null;
  /**
   * Of those, buffers shared with other clients.
   *
   * Unit: bytes.
   */
  shared: bigint | null;
  /**
   * Buffers resident in the region (`drm-resident-*`; the legacy `drm-memory-*` key,
   * which amdgpu and older drivers print, is read as resident when no
   * `drm-resident-*` is given).
   *
   * Unit: bytes.
   */
  resident: bigint | null;
  /**
   * Resident buffers the client marked purgeable.
   *
   * Unit: bytes.
   */
  purgeable: bigint | null;
  /**
   * Resident buffers the GPU is using now.
   *
   * Unit: bytes.
   */
  active: bigint | null;
  /** The fields that could not be read, each with its reason; present only when some are missing. */
  unavailable?: Partial<Record<'total' | 'shared' | 'resident' | 'purgeable' | 'active', Reason>>;
}

/** A CUDA compute capability (`9.0` for Hopper). */
export interface ComputeCapability {
  major: number;
  minor: number;
}

/**
 * Why the GPU's clocks are held below their maximum now (NVML "clocks event reasons",
 * formerly "throttle reasons"; amdgpu's ASIC-independent throttle status; i915/xe
 * throttle reasons). A reason the vendor does not report is `not_supported`.
 */
export interface ClockEventReasons {
  /** Nothing runs: clocks are low because the GPU is idle (NVIDIA). */
  gpuIdle: boolean | null;
  /** Clocks are held at the applications clocks set by an administrator (NVIDIA). */
  applicationsClocksSetting: boolean | null;
  /**
   * The software power limit holds the clocks down (NVIDIA SW power cap; AMD PPT/SPL
   * limits; Intel PL1/PL2/PL4).
   */
  swPowerCap: boolean | null;
  /**
   * Hardware slowdown: an external signal or a voltage regulator (NVIDIA HW slowdown;
   * AMD VRHOT/PROCHOT; Intel PROCHOT, VR TDC).
   */
  hwSlowdown: boolean | null;
  /** Sync boost: clocks matched across GPUs of a group (NVIDIA). */
  syncBoost: boolean | null;
  /**
   * The driver or firmware lowers clocks for temperature (NVIDIA SW thermal slowdown;
   * AMD temperature throttlers; Intel thermal and RATL).
   */
  swThermalSlowdown: boolean | null;
  /**
   * The hardware lowers clocks for temperature (NVIDIA HW thermal slowdown; Intel VR
   * thermal alert).
   */
  hwThermalSlowdown: boolean | null;
  /** The power brake assertion of the board (NVIDIA). */
  hwPowerBrakeSlowdown: boolean | null;
  /** Clocks follow the display's needs (NVIDIA). */
  displayClocksSetting: boolean | null;
  /**
   * Another reason the vendor reports without a class here (AMD current limits
   * (TDC/EDC), PPM, FIT).
   */
  other: boolean | null;
  /** The fields that could not be read, each with its reason; present only when some are missing. */
  unavailable?: Partial<Record<'gpuIdle' | 'applicationsClocksSetting' | 'swPowerCap' | 'hwSlowdown' | 'syncBoost' | 'swThermalSlowdown' | 'hwThermalSlowdown' | 'hwPowerBrakeSlowdown' | 'displayClocksSetting' | 'other', Reason>>;
}

/** The frequencies of one Intel GT (graphics or media unit) of a card. */
export interface GtClocks {
  /** The tile (xe `tile<N>`; 0 for i915). */
  tile: number;
  /** The GT within the tile (`gt<N>`). */
  gt: number;
  /**
   * The frequency the GT runs at (`act`).
   *
   * Unit: MHz.
   */
  actual: bigint | null;
  /**
   * The frequency the driver last requested (`cur`).
   *
   * Unit: MHz.
   */
  requested: bigint | null;
  /**
   * The lowest frequency the driver may request (`min`, set by an administrator).
   *
   * Unit: MHz.
   */
  limitMin: bigint | null;
  /**
   * The highest frequency the driver may request (`max`, set by an administrator).
   *
   * Unit: MHz.
   */
  limitMax: bigint | null;
  /**
   * The frequency requested when a waiting client needs a boost (i915 `boost`).
   *
   * Unit: MHz.
   */
  boost: bigint | null;
  /**
   * The hardware's highest frequency (`RP0`).
   *
   * Unit: MHz.
   */
  hwMax: bigint | null;
  /**
   * The hardware's most efficient frequency (`RPe`; i915 `RP1`).
   *
   * Unit: MHz.
   */
  hwEfficient: bigint | null;
  /**
   * The hardware's lowest frequency (`RPn`).
   *
   * Unit: MHz.
   */
  hwMin: bigint | null;
  /** The fields that could not be read, each with its reason; present only when some are missing. */
  unavailable?: Partial<Record<'actual' | 'requested' | 'limitMin' | 'limitMax' | 'boost' | 'hwMax' | 'hwEfficient' | 'hwMin', Reason>>;
}

/** One NVLink of an NVIDIA GPU. */
export interface NvLink {
  /** The link number (0 to 17). */
  link: number;
  /** Whether the link is up. */
  active: boolean | null;
  /** NVLink version. */
  version: number | null;
  /** The PCI bus id of the device at the other end. */
  remotePciBusId: string | null;
  /**
   * Data-link replay errors since the driver loaded.
   *
   * Counter: it only grows (a drop is a reset).
   */
  errorsReplay: bigint | null;
  /**
   * Data-link recovery events.
   *
   * Counter: it only grows (a drop is a reset).
   */
  errorsRecovery: bigint | null;
  /**
   * Flow-control digit CRC errors.
   *
   * Counter: it only grows (a drop is a reset).
   */
  errorsCrcFlit: bigint | null;
  /**
   * Data CRC errors.
   *
   * Counter: it only grows (a drop is a reset).
   */
  errorsCrcData: bigint | null;
  /** The fields that could not be read, each with its reason; present only when some are missing. */
  unavailable?: Partial<Record<'active' | 'version' | 'remotePciBusId' | 'errorsReplay' | 'errorsRecovery' | 'errorsCrcFlit' | 'errorsCrcData', Reason>>;
}

/** A MIG device: an instance of a MIG-enabled NVIDIA GPU. */
export interface MigDevice {
  /** The MIG device's index on its GPU. */
  index: number;
  /** `MIG-…`. */
  uuid: string | null;
  gpuInstanceId: number | null;
  computeInstanceId: number | null;
  /**
   * The instance's share of the GPU's memory.
   *
   * Unit: bytes.
   */
  memoryTotal: bigint | null;
  /** Unit: bytes. */
  memoryUsed: bigint | null;
  /** Unit: bytes. */
  memoryFree: bigint | null;
  /** The processes running in this instance. */
  processes: GpuProcess[] | null;
  /** The fields that could not be read, each with its reason; present only when some are missing. */
  unavailable?: Partial<Record<'uuid' | 'gpuInstanceId' | 'computeInstanceId' | 'memoryTotal' | 'memoryUsed' | 'memoryFree' | 'processes', Reason>>;
}

/** Energy counters, power supplies and sensors. */
export interface PowerMetrics {
  /**
   * Whether this machine exposes RAPL energy counters: a zone of an `intel-rapl*`
   * control type in `/sys/class/powercap` (AMD processors appear under the same driver).
   */
  raplAvailable: boolean;
  /**
   * Every power capping zone of every control type, each after its parent (RAPL
   * packages, then their `core`, `uncore`, `dram` subzones; `psys`; the MMIO copies of
   * the packages). `not_present` without `/sys/class/powercap`.
   */
  domains: RaplDomain[] | null;
  /**
   * The first battery of the system (the first of `batteries` whose scope is not
   * `Device`); `not_present` when there is none.
   */
  battery: BatteryInfo | null;
  /**
   * Every supply of type `Battery`, in name order, peripherals' (scope `Device`)
   * included. `not_present` without `/sys/class/power_supply`.
   */
  batteries: BatteryInfo[] | null;
  /**
   * Whether a mains adapter is online (any supply of type `Mains`); `not_present` when
   * the machine has no mains supply.
   */
  acOnline: boolean | null;
  /** Every other power supply (`Mains`, `USB`, `UPS`, `Wireless`), in name order. */
  supplies: PowerSupply[] | null;
  /**
   * Every hardware monitoring chip, as `sensors` lists them. `not_present` without
   * `/sys/class/hwmon`.
   */
  hwmon: HwmonChip[] | null;
  /** Every thermal zone. `not_present` without `/sys/class/thermal`. */
  thermalZones: ThermalZone[] | null;
  /** Every cooling device (fans, processor throttling, …). */
  coolingDevices: CoolingDevice[] | null;
  /**
   * The package energy of the last interval shared among processes by their CPU time
   * (see [`ProcessEnergyEstimate`]): an estimate. `not_present` without RAPL packages,
   * `disabled` when the process domain or this option is off, `no_previous_sample` on
   * the first snapshot, `permission_denied` when `energy_uj` is root-only.
   */
  processEnergy: ProcessEnergyEstimate | null;
  /** The fields that could not be read, each with its reason; present only when some are missing. */
  unavailable?: Partial<Record<'domains' | 'battery' | 'batteries' | 'acOnline' | 'supplies' | 'hwmon' | 'thermalZones' | 'coolingDevices' | 'processEnergy', Reason>>;
}

/**
 * One power capping zone: a RAPL package (`package-0`), one of its subzones (`core`,
 * `uncore`, `dram`), the platform (`psys`), or a zone of another control type.
 *
 * Every attribute is independent: one that cannot be read is missing with its reason
 * (`not_supported` when this zone does not have it), and the rest of the zone is kept.
 */
export interface RaplDomain {
  /** The zone's `name` file: `package-0`, `core`, `uncore`, `dram`, `psys` for RAPL. */
  name: string | null;
  /**
   * The zone's entry in `/sys/class/powercap`: `intel-rapl:0`, `intel-rapl:0:1`,
   * `intel-rapl-mmio:0`. Stable for a given machine and kernel.
   */
  zone: string;
  /**
   * The control type: `intel-rapl` (MSR interface; AMD packages too),
   * `intel-rapl-mmio` (the same packages through MMIO, with their own limits),
   * `dtpm`, …
   */
  controlType: string;
  /**
   * The parent zone's `zone` (`intel-rapl:0` for `intel-rapl:0:1`); `null` for a
   * top-level zone.
   */
  parent: string | null;
  /**
   * Energy counter (`energy_uj`). It wraps to 0 after `max_energy_uj`.
   * `permission_denied` for unprivileged readers since Linux 5.10 (CVE-2020-8694).
   *
   * Unit: uJ. Counter: it only grows (a drop is a reset).
   */
  energyUj: bigint | null;
  /**
   * The counter's range (`max_energy_range_uj`): where it wraps.
   *
   * Unit: uJ.
   */
  maxEnergyUj: bigint | null;
  /**
   * Average power since the previous snapshot of the same probe, from the energy
   * counter, corrected for one wrap. `no_previous_sample` on the first snapshot (and
   * when no time passed, or when the counter went back without a known range);
   * `energy_uj`'s reason when it cannot be read.
   *
   * Unit: W.
   */
  powerWatts: number | null;
  /**
   * The long-term power limit (PL1: the constraint named `long_term`, else constraint
   * 0), in watts; `not_supported` for a zone without constraints (AMD packages).
   *
   * Unit: W.
   */
  powerLimitWatts: number | null;
  /**
   * The long-term constraint's time window (`time_window_us`).
   *
   * Unit: us.
   */
  timeWindowUs: bigint | null;
  /** Whether power limiting is enabled in this zone (`enabled`). */
  enabled: boolean | null;
  /**
   * Instantaneous power as the zone's driver measures it (the powercap file
   * `power_uw`; RAPL does not: `not_supported`). Named apart from `power_watts`, the
   * average from the energy counter.
   *
   * Unit: uW.
   */
  powerNowUw: bigint | null;
  /**
   * Range of `power_uw` (`max_power_range_uw`).
   *
   * Unit: uW.
   */
  maxPowerRangeUw: bigint | null;
  /**
   * Every constraint of the zone (`constraint_<n>_*`), in index order: RAPL has
   * `long_term` (PL1), `short_term` (PL2) and, on recent processors, `peak_power`
   * (PL4). Empty for a zone without constraints.
   */
  constraints: RaplConstraint[];
  /** The fields that could not be read, each with its reason; present only when some are missing. */
  unavailable?: Partial<Record<'name' | 'energyUj' | 'maxEnergyUj' | 'powerWatts' | 'powerLimitWatts' | 'timeWindowUs' | 'enabled' | 'powerNowUw' | 'maxPowerRangeUw', Reason>>;
}

/** One power limit of a zone (`constraint_<index>_*`). */
export interface RaplConstraint {
  /** The `<index>` of `constraint_<index>_*`. */
  index: number;
  /**
   * `long_term`, `short_term`, `peak_power` (`constraint_<n>_name`, optional in the
   * ABI).
   */
  name: string | null;
  /**
   * The limit (`power_limit_uw`); 0 when the limit is not set.
   *
   * Unit: uW.
   */
  powerLimitUw: bigint | null;
  /**
   * The window the limit averages over (`time_window_us`).
   *
   * Unit: us.
   */
  timeWindowUs: bigint | null;
  /**
   * The highest limit allowed (`max_power_uw`; for `long_term`, the thermal design
   * power).
   *
   * Unit: uW.
   */
  maxPowerUw: bigint | null;
  /**
   * The lowest limit allowed (`min_power_uw`).
   *
   * Unit: uW.
   */
  minPowerUw: bigint | null;
  /**
   * The longest window allowed (`max_time_window_us`).
   *
   * Unit: us.
   */
  maxTimeWindowUs: bigint | null;
  /**
   * The shortest window allowed (`min_time_window_us`).
   *
   * Unit: us.
   */
  minTimeWindowUs: bigint | null;
  /** The fields that could not be read, each with its reason; present only when some are missing. */
  unavailable?: Partial<Record<'name' | 'powerLimitUw' | 'timeWindowUs' | 'maxPowerUw' | 'minPowerUw' | 'maxTimeWindowUs' | 'minTimeWindowUs', Reason>>;
}

/**
 * One battery (a supply of type `Battery`).
 *
 * Each attribute is read on its own: one the driver does not give is `not_supported`
 * (`not_present` while the battery is absent, `present` = false), and the others are
 * kept. Where the kernel gives only some values, libprobe derives the rest and lists them
 * in `derived`: `capacity_percent` from `energy_now / energy_full` (or the charge
 * ratio), `time_to_empty_min` / `time_to_full_min` from the content and the rate
 * (`power_now`, else `current_now` × `voltage_now`) when the kernel's own
 * `time_to_*_now` is absent.
 */
export interface BatteryInfo {
  /**
   * The supply's name in `/sys/class/power_supply` (`BAT0`, `CMB1`,
   * `hidpp_battery_0`): not always `BAT*`.
   */
  name: string;
  /** `present`: whether the battery is inserted. */
  present: boolean | null;
  status: BatteryStatus | null;
  /**
   * `capacity`, or derived from the energy or charge ratio (see `derived`). May exceed
   * 100 where the firmware says so.
   *
   * Unit: percent.
   */
  capacityPercent: number | null;
  /** `capacity_level`: `Unknown`, `Critical`, `Low`, `Normal`, `High`, `Full`. */
  capacityLevel: string | null;
  /**
   * `energy_now`.
   *
   * Unit: uWh.
   */
  energyNowUwh: bigint | null;
  /**
   * `energy_full`: what the battery holds when full today.
   *
   * Unit: uWh.
   */
  energyFullUwh: bigint | null;
  /**
   * `energy_full_design`: what it held when new.
   *
   * Unit: uWh.
   */
  energyFullDesignUwh: bigint | null;
  /**
   * `power_now`, with the driver's sign (ACPI reports the magnitude; some drivers a
   * negative value while discharging).
   *
   * Unit: uW.
   */
  powerNowUw: bigint | null;
  /**
   * `voltage_now`.
   *
   * Unit: uV.
   */
  voltageNowUv: bigint | null;
  /**
   * `voltage_min_design`.
   *
   * Unit: uV.
   */
  voltageMinDesignUv: bigint | null;
  /**
   * `current_now`, with the driver's sign (the ABI says negative while discharging;
   * ACPI reports the magnitude).
   *
   * Unit: uA.
   */
  currentNowUa: bigint | null;
  /**
   * `charge_now`.
   *
   * Unit: uAh.
   */
  chargeNowUah: bigint | null;
  /**
   * `charge_full`.
   *
   * Unit: uAh.
   */
  chargeFullUah: bigint | null;
  /**
   * `charge_full_design`.
   *
   * Unit: uAh.
   */
  chargeFullDesignUah: bigint | null;
  /**
   * `cycle_count`: charge cycles over the battery's life (a counter).
   *
   * Counter: it only grows (a drop is a reset).
   */
  cycleCount: number | null;
  /** `technology`: `Li-ion`, `Li-poly`, `NiMH`, `Unknown`, … */
  technology: string | null;
  /** `manufacturer` (firmware text, kept as the kernel prints it). */
  manufacturer: string | null;
  /** `model_name`. */
  modelName: string | null;
  /** `serial_number`. */
  serialNumber: string | null;
  /**
   * Minutes until empty while discharging: the kernel's `time_to_empty_now`, else
   * derived (see `derived`). `not_present` when not discharging; `not_supported` when
   * neither the kernel nor the content and rate tell.
   *
   * Unit: minutes.
   */
  timeToEmptyMin: number | null;
  /**
   * Minutes until full while charging: `time_to_full_now`, else derived.
   * `not_present` when not charging.
   *
   * Unit: minutes.
   */
  timeToFullMin: number | null;
  /**
   * Which family the battery reports: `energy` (µWh) or `charge` (µAh);
   * `not_supported` when it reports neither.
   */
  family: BatteryFamily | null;
  /**
   * Health: full capacity today over design capacity (`energy_full /
   * energy_full_design`, or the charge ratio), in percent.
   *
   * Unit: percent.
   */
  healthPercent: number | null;
  /**
   * The rate energy flows in or out, always positive: `|power_now|`, else
   * `|current_now| × voltage_now`.
   *
   * Unit: W.
   */
  powerWatts: number | null;
  /**
   * Battery temperature (`temp`, tenths of a degree in sysfs).
   *
   * Unit: celsius.
   */
  temperatureCelsius: number | null;
  /** The kernel's health verdict (`health`: `Good`, `Overheat`, `Dead`, …). */
  health: string | null;
  /**
   * `scope`: `System` (powers the machine), `Device` (a peripheral's battery),
   * `Unknown`; `not_supported` where the driver does not say (ACPI batteries).
   */
  scope: string | null;
  /**
   * Charging starts below this level (`charge_control_start_threshold`).
   *
   * Unit: percent.
   */
  chargeStartThresholdPercent: number | null;
  /**
   * Charging stops at this level (`charge_control_end_threshold`).
   *
   * Unit: percent.
   */
  chargeEndThresholdPercent: number | null;
  /**
   * Names of the fields above that libprobe computed rather than read
   * (`capacity_percent`, `time_to_empty_min`, `time_to_full_min`).
   */
  derived: string[];
  /** The fields that could not be read, each with its reason; present only when some are missing. */
  unavailable?: Partial<Record<'present' | 'status' | 'capacityPercent' | 'capacityLevel' | 'energyNowUwh' | 'energyFullUwh' | 'energyFullDesignUwh' | 'powerNowUw' | 'voltageNowUv' | 'voltageMinDesignUv' | 'currentNowUa' | 'chargeNowUah' | 'chargeFullUah' | 'chargeFullDesignUah' | 'cycleCount' | 'technology' | 'manufacturer' | 'modelName' | 'serialNumber' | 'timeToEmptyMin' | 'timeToFullMin' | 'family' | 'healthPercent' | 'powerWatts' | 'temperatureCelsius' | 'health' | 'scope' | 'chargeStartThresholdPercent' | 'chargeEndThresholdPercent', Reason>>;
}

/**
 * A power supply other than a battery: an AC adapter (`Mains`), a USB port or USB-C
 * source, a UPS, a wireless charger.
 */
export interface PowerSupply {
  /** The supply's name (`AC`, `ADP1`, `ucsi-source-psy-USBC000:001`). */
  name: string;
  /** `type`: `Mains`, `USB`, `UPS`, `Wireless`, … */
  supplyType: string | null;
  /**
   * `online`: whether it supplies power now (the ABI's 1 "fixed" and 2 "programmable"
   * are both true).
   */
  online: boolean | null;
  /**
   * `voltage_now`.
   *
   * Unit: uV.
   */
  voltageNowUv: bigint | null;
  /**
   * `current_now`.
   *
   * Unit: uA.
   */
  currentNowUa: bigint | null;
  /**
   * `current_max`: the most current it can supply.
   *
   * Unit: uA.
   */
  currentMaxUa: bigint | null;
  /**
   * `usb_type`: the USB types it can be, the active one in brackets
   * (`C [PD] PD_PPS`).
   */
  usbType: string | null;
  /**
   * `capacity` (a UPS's battery).
   *
   * Unit: percent.
   */
  capacityPercent: number | null;
  /** `status` (a UPS's battery). */
  status: BatteryStatus | null;
  /** `scope`: `System`, `Device`, `Unknown`. */
  scope: string | null;
  manufacturer: string | null;
  modelName: string | null;
  /** The fields that could not be read, each with its reason; present only when some are missing. */
  unavailable?: Partial<Record<'supplyType' | 'online' | 'voltageNowUv' | 'currentNowUa' | 'currentMaxUa' | 'usbType' | 'capacityPercent' | 'status' | 'scope' | 'manufacturer' | 'modelName', Reason>>;
}

/**
 * One hardware monitoring chip (`/sys/class/hwmon/hwmon<n>`): a CPU's temperature
 * sensors (`coretemp`, `k10temp`), a Super-I/O chip (`nct6775`), an NVMe drive, a
 * battery, a GPU.
 */
export interface HwmonChip {
  /**
   * The class entry (`hwmon3`). Its number is given at boot in probe order and may
   * change across boots; name the chip by `name` and `device`.
   */
  id: string;
  /** The chip name (`name`: `coretemp`, `k10temp`, `nct6798`, `acpitz`, `nvme`). */
  name: string | null;
  /** The chip's label (`label`, where the firmware names it; newer kernels). */
  label: string | null;
  /**
   * The device the chip belongs to (the last part of its `device` link:
   * `coretemp.0`, `0000:00:18.3`, `nvme0`); `not_present` for a virtual chip without
   * one (`acpitz`).
   */
  device: string | null;
  /**
   * Every channel, in `sensors` order: voltages, fans, temperatures, power, energy,
   * currents, humidity, each by number.
   */
  channels: SensorChannel[];
  /** The fields that could not be read, each with its reason; present only when some are missing. */
  unavailable?: Partial<Record<'name' | 'label' | 'device', Reason>>;
}

/**
 * One channel of a chip (`temp1`, `fan2`, `in0`), its values in the kind's base unit
 * (see [`SensorKind`]). An attribute the chip does not have is `not_supported`; a
 * channel the driver disabled (`<channel>_enable` = 0) has its readings `not_enabled`.
 *
 * Every value is a gauge in the schema, even the `input` of an `energy` channel, which
 * only grows: one field serves every kind, and only `kind` tells an energy counter from
 * a temperature.
 */
export interface SensorChannel {
  kind: SensorKind;
  /** The channel's name in sysfs (`temp1`, `in0`). */
  name: string;
  /**
   * The driver's label (`<channel>_label`: `Package id 0`, `Tctl`, `CPUTIN`);
   * `not_supported` when the driver has none (`sensors` then shows `name`).
   */
  label: string | null;
  /** The unit of every value below (`celsius`, `RPM`, `V`, `A`, `W`, `J`, `percent`). */
  unit: string;
  /**
   * The reading (`_input`). For `power` channels without `power<n>_input`, see
   * `average`.
   */
  input: number | null;
  /** The averaged reading (`_average`; what most power meters give). */
  average: number | null;
  /** Low limit (`_min`). */
  min: number | null;
  /** High limit (`_max`). */
  max: number | null;
  /** Critical low limit (`_lcrit`). */
  lcrit: number | null;
  /** Critical high limit (`_crit`). */
  crit: number | null;
  /** Emergency limit, above `crit` (`_emergency`). */
  emergency: number | null;
  /** Lowest reading since the history was reset (`_lowest`). */
  lowest: number | null;
  /** Highest reading since the history was reset (`_highest`). */
  highest: number | null;
  /** Hysteresis of `max`, as an absolute value (`_max_hyst`). */
  maxHyst: number | null;
  /** Hysteresis of `crit`, as an absolute value (`_crit_hyst`). */
  critHyst: number | null;
  /** The fan speed a closed-loop controller aims at (`fan<n>_target`). */
  target: number | null;
  /** Power cap enforced by the hardware (`power<n>_cap`). */
  cap: number | null;
  /** The channel's alarm (`_alarm`), as the chip raised it. */
  alarm: boolean | null;
  /** The low-limit alarm (`_min_alarm`). */
  minAlarm: boolean | null;
  /** The high-limit alarm (`_max_alarm`). */
  maxAlarm: boolean | null;
  /** The critical-limit alarm (`_crit_alarm`). */
  critAlarm: boolean | null;
  /**
   * A fault of the input (`_fault`: an open diode, a fan not connected): when true,
   * `input` is not to be trusted.
   */
  fault: boolean | null;
  /** The fields that could not be read, each with its reason; present only when some are missing. */
  unavailable?: Partial<Record<'label' | 'input' | 'average' | 'min' | 'max' | 'lcrit' | 'crit' | 'emergency' | 'lowest' | 'highest' | 'maxHyst' | 'critHyst' | 'target' | 'cap' | 'alarm' | 'minAlarm' | 'maxAlarm' | 'critAlarm' | 'fault', Reason>>;
}

/** One thermal zone (`/sys/class/thermal/thermal_zone<n>`). */
export interface ThermalZone {
  /** The class entry (`thermal_zone0`). */
  id: string;
  /** What the zone measures (`type`: `acpitz`, `x86_pkg_temp`, `cpu-thermal`). */
  zoneType: string | null;
  /**
   * The zone's temperature (`temp`, millidegrees in sysfs). Some zones fail the read
   * while their sensor sleeps (`ENODATA`: `not_supported`).
   *
   * Unit: celsius.
   */
  temperatureCelsius: number | null;
  /** `enabled` or `disabled` (`mode`). */
  mode: string | null;
  /** The governor (`policy`: `step_wise`, `user_space`, `power_allocator`). */
  policy: string | null;
  /** The trip points (`trip_point_<n>_*`), in index order. */
  tripPoints: TripPoint[];
  /** The fields that could not be read, each with its reason; present only when some are missing. */
  unavailable?: Partial<Record<'zoneType' | 'temperatureCelsius' | 'mode' | 'policy', Reason>>;
}

/** One trip point of a thermal zone. */
export interface TripPoint {
  /** The `<n>` of `trip_point_<n>_*`. */
  index: number;
  /** `critical`, `hot`, `passive` or `active` (`trip_point_<n>_type`). */
  tripType: string | null;
  /**
   * The temperature that trips it (`trip_point_<n>_temp`).
   *
   * Unit: celsius.
   */
  temperatureCelsius: number | null;
  /**
   * Its hysteresis (`trip_point_<n>_hyst`).
   *
   * Unit: celsius.
   */
  hysteresisCelsius: number | null;
  /** The fields that could not be read, each with its reason; present only when some are missing. */
  unavailable?: Partial<Record<'tripType' | 'temperatureCelsius' | 'hysteresisCelsius', Reason>>;
}

/**
 * One cooling device (`/sys/class/thermal/cooling_device<n>`): a fan, processor
 * throttling, a clamp.
 */
export interface CoolingDevice {
  /** The class entry (`cooling_device0`). */
  id: string;
  /** `type`: `Processor`, `Fan`, `intel_powerclamp`, `TCC Offset`, … */
  deviceType: string | null;
  /** The current cooling state (`cur_state`: 0 is no cooling). */
  curState: bigint | null;
  /** The highest state (`max_state`). */
  maxState: bigint | null;
  /** The fields that could not be read, each with its reason; present only when some are missing. */
  unavailable?: Partial<Record<'deviceType' | 'curState' | 'maxState', Reason>>;
}

/**
 * The RAPL package energy of the interval between the probe's last two snapshots, shared
 * among processes by the CPU time each used in it. **An estimate**, as Scaphandre and
 * Kepler make theirs:
 *
 * - *Package energy* is the wrap-corrected increase of `energy_uj` summed over the
 *   top-level `package-<n>` zones of `intel-rapl` (of `intel-rapl-mmio` when the MSR
 *   interface has none): cores, caches, memory controller and, on most processors, the
 *   integrated GPU. DRAM and `psys` are not included.
 * - *CPU time* of a process is the increase of its `cpu_user_ticks + cpu_system_ticks`
 *   (all its threads) between the two snapshots of the process domain; a process new in
 *   this snapshot counts all its ticks.
 * - Each process gets `package energy × its ticks / the sum of every listed process's
 *   ticks`, so the shares add up to the whole package energy, idle and uncore energy
 *   included. Processes that exited during the interval are not seen, and their part goes
 *   to the others; with `process.pids` set, the energy is shared among those processes
 *   only. Energy used by the GPU, disks or the screen is not counted; a process on a
 *   core that runs faster or slower than the others is not weighed differently.
 *
 * Only processes that used CPU time in the interval are listed. Every number here is of
 * the interval, so a gauge, never a counter.
 */
export interface ProcessEnergyEstimate {
  /**
   * The interval between the two snapshots.
   *
   * Unit: ns.
   */
  intervalNs: bigint;
  /**
   * The package energy of the interval.
   *
   * Unit: uJ.
   */
  packageEnergyUj: bigint;
  /**
   * The package's average power over the interval.
   *
   * Unit: W.
   */
  packagePowerWatts: number;
  /**
   * The CPU time all listed processes used in the interval.
   *
   * Unit: ticks.
   */
  cpuTicks: bigint;
  /** Each process that used CPU time, most energy first. */
  processes: ProcessEnergy[];
}

/** One process's share of the package energy (see [`ProcessEnergyEstimate`]). */
export interface ProcessEnergy {
  pid: number;
  /**
   * The process's start time (with `pid`, its identity).
   *
   * Unit: ticks.
   */
  startTime: bigint;
  /** The command name (`comm`). */
  name: string;
  /**
   * CPU time used in the interval (user + system, all threads).
   *
   * Unit: ticks.
   */
  cpuTicks: bigint;
  /** `cpu_ticks` over the sum of every listed process's (0–1). */
  share: number;
  /**
   * Estimated energy used in the interval.
   *
   * Unit: uJ.
   */
  energyUj: bigint;
  /**
   * Estimated average power over the interval.
   *
   * Unit: W.
   */
  powerWatts: number;
}

/** Disk health and volume managers: SMART, ZFS, Btrfs, LVM. */
export interface Storage {
  /** SMART health of every disk: NVMe controllers, ATA and SCSI disks. */
  smart: SmartMetrics[] | null;
  /** Every imported ZFS pool; `not_present` without the ZFS module. */
  zfsPools: ZfsPoolMetrics[] | null;
  /** The ZFS ARC (beyond the specification). */
  zfsArc: ZfsArcStats | null;
  /** Every mounted Btrfs filesystem. */
  btrfs: BtrfsMetrics[] | null;
  /** LVM volume groups; `permission_denied` without root (block devices are read). */
  lvm: LvmMetrics | null;
  /** The fields that could not be read, each with its reason; present only when some are missing. */
  unavailable?: Partial<Record<'smart' | 'zfsPools' | 'zfsArc' | 'btrfs' | 'lvm', Reason>>;
}

/**
 * SMART health of one disk (an NVMe controller, an ATA or a SCSI disk).
 *
 * Fields a protocol does not have are `not_supported` (an NVMe drive has no attribute
 * table, an ATA drive no spare percentage). SMART fields are `permission_denied` without
 * root, and `standby` for an ATA disk that was spun down (it is not woken).
 */
export interface SmartMetrics {
  /**
   * The kernel's name: `sda`, `nvme0` (an NVMe controller; its namespaces are
   * `nvme0n1`, …).
   */
  device: string;
  /** The device node queried (`/dev/sda`, `/dev/nvme0`). */
  path: string;
  model: string | null;
  /** The serial number (redacted in libprobe's test fixtures). */
  serial: string | null;
  firmware: string | null;
  /**
   * User capacity. NVMe: total NVM capacity, else the sum of the namespaces' sizes.
   *
   * Unit: bytes.
   */
  capacityBytes: bigint | null;
  /**
   * Nominal rotation rate; 0 for a solid-state device. `not_supported` when the device
   * does not report it (older ATA disks, NVMe).
   *
   * Unit: rpm.
   */
  rotationRate: number | null;
  /**
   * Nominal form factor (`3.5 inches`, `2.5 inches`, `M.2`, …); `not_supported` when
   * the device does not report it.
   */
  formFactor: string | null;
  protocol: StorageProtocol;
  /**
   * SMART is enabled (ATA IDENTIFY word 85; always on for NVMe; SCSI informational
   * exceptions reporting, `MRIE` not 0, from the log page's presence).
   */
  smartEnabled: boolean | null;
  smartStatus: SmartStatus | null;
  /**
   * Current temperature. ATA: attribute 194 (else 190), raw low byte. NVMe: the
   * composite temperature. SCSI: the temperature log page. Without SMART access, the
   * NVMe hwmon sensor (`temp1_input`, readable by anyone).
   *
   * Unit: celsius.
   */
  temperatureCelsius: number | null;
  /**
   * ATA: attribute 9, low 32 bits of the raw value (hours on most drives; a few
   * vendors count minutes there). NVMe: power-on hours. SCSI: accumulated power-on
   * minutes of log page 15h, in whole hours.
   *
   * Unit: hours. Counter: it only grows (a drop is a reset).
   */
  powerOnHours: bigint | null;
  /**
   * ATA: attribute 12. NVMe: power cycles. SCSI: accumulated start-stop cycles (log page
   * 0Eh).
   *
   * Counter: it only grows (a drop is a reset).
   */
  powerCycleCount: bigint | null;
  /**
   * ATA attribute 5, raw value.
   *
   * Counter: it only grows (a drop is a reset).
   */
  reallocatedSectorCount: bigint | null;
  /**
   * ATA attribute 197 (current pending sectors), raw value. A gauge: it falls when the
   * drive rewrites or reallocates a pending sector.
   */
  pendingSectorCount: bigint | null;
  /**
   * ATA attribute 198 (offline uncorrectable sectors), raw value. A gauge: on most
   * drives it falls as 197 does.
   */
  uncorrectableSectorCount: bigint | null;
  /**
   * Remaining endurance, percent (100 when new). ATA: the normalised value of the first
   * wear attribute the drive has among 177, 231, 233, 173 (a value the drive reports
   * above 100 is `error`). NVMe: 100 minus percentage used, 0 once the rated endurance
   * is used up. `not_supported` for drives without one (disks that spin).
   *
   * Unit: percent.
   */
  wearLevelingCount: number | null;
  /**
   * NVMe: available spare capacity, percent.
   *
   * Unit: percent.
   */
  nvmeSparePercent: number | null;
  /**
   * NVMe: shutdowns without a shutdown notification.
   *
   * Counter: it only grows (a drop is a reset).
   */
  nvmeUnsafeShutdowns: bigint | null;
  /**
   * NVMe: unrecovered data integrity errors.
   *
   * Counter: it only grows (a drop is a reset).
   */
  nvmeMediaErrors: bigint | null;
  /**
   * Every attribute (ATA only; empty for NVMe and SCSI, and when SMART could not be
   * read).
   */
  attributes: SmartAttribute[];
  /** ATA: the power mode CHECK POWER MODE reported before anything else was sent. */
  powerMode: PowerMode | null;
  /**
   * NVMe: the critical warning bits (0 spare below threshold, 1 temperature out of
   * range, 2 reliability degraded, 3 read-only, 4 volatile backup failed, 5 persistent
   * memory read-only).
   */
  nvmeCriticalWarning: number | null;
  /**
   * NVMe: the spare threshold below which the drive warns, percent.
   *
   * Unit: percent.
   */
  nvmeSpareThresholdPercent: number | null;
  /**
   * NVMe: vendor estimate of the rated endurance used, percent (may exceed 100).
   *
   * Unit: percent.
   */
  nvmePercentageUsed: number | null;
  /**
   * NVMe: data read by the host (data units of 1000 × 512 bytes, converted); `error`
   * when the 128-bit counter does not fit 64 bits.
   *
   * Unit: bytes. Counter: it only grows (a drop is a reset).
   */
  nvmeDataReadBytes: bigint | null;
  /**
   * NVMe: data written by the host.
   *
   * Unit: bytes. Counter: it only grows (a drop is a reset).
   */
  nvmeDataWrittenBytes: bigint | null;
  /**
   * NVMe: read commands completed.
   *
   * Counter: it only grows (a drop is a reset).
   */
  nvmeHostReadCommands: bigint | null;
  /**
   * NVMe: write commands completed.
   *
   * Counter: it only grows (a drop is a reset).
   */
  nvmeHostWriteCommands: bigint | null;
  /**
   * NVMe: time the controller was busy with I/O.
   *
   * Unit: minutes. Counter: it only grows (a drop is a reset).
   */
  nvmeControllerBusyMinutes: bigint | null;
  /**
   * NVMe: error information log entries over the drive's life.
   *
   * Counter: it only grows (a drop is a reset).
   */
  nvmeErrorLogEntries: bigint | null;
  /**
   * NVMe: time spent above the warning composite temperature threshold.
   *
   * Unit: minutes. Counter: it only grows (a drop is a reset).
   */
  nvmeWarningTemperatureMinutes: bigint | null;
  /**
   * NVMe: time spent above the critical composite temperature threshold.
   *
   * Unit: minutes. Counter: it only grows (a drop is a reset).
   */
  nvmeCriticalTemperatureMinutes: bigint | null;
  /**
   * NVMe: temperature sensors 1–8 that report one.
   *
   * Unit: celsius.
   */
  nvmeTemperatureSensorsCelsius: number[] | null;
  /**
   * The temperature the device warns at: NVMe WCTEMP (Identify), SCSI reference
   * temperature ("trip"); `not_supported` when the device gives none.
   *
   * Unit: celsius.
   */
  temperatureWarningCelsius: number | null;
  /**
   * NVMe: the critical composite temperature threshold (CCTEMP).
   *
   * Unit: celsius.
   */
  temperatureCriticalCelsius: number | null;
  /**
   * SCSI: total uncorrected read errors (read error counter log page 03h, parameter
   * 0006h); `not_supported` when the device keeps no such page.
   *
   * Counter: it only grows (a drop is a reset).
   */
  scsiReadUncorrectedErrors: bigint | null;
  /**
   * SCSI: total uncorrected write errors (write error counter log page 02h).
   *
   * Counter: it only grows (a drop is a reset).
   */
  scsiWriteUncorrectedErrors: bigint | null;
  /** The fields that could not be read, each with its reason; present only when some are missing. */
  unavailable?: Partial<Record<'model' | 'serial' | 'firmware' | 'capacityBytes' | 'rotationRate' | 'formFactor' | 'smartEnabled' | 'smartStatus' | 'temperatureCelsius' | 'powerOnHours' | 'powerCycleCount' | 'reallocatedSectorCount' | 'pendingSectorCount' | 'uncorrectableSectorCount' | 'wearLevelingCount' | 'nvmeSparePercent' | 'nvmeUnsafeShutdowns' | 'nvmeMediaErrors' | 'powerMode' | 'nvmeCriticalWarning' | 'nvmeSpareThresholdPercent' | 'nvmePercentageUsed' | 'nvmeDataReadBytes' | 'nvmeDataWrittenBytes' | 'nvmeHostReadCommands' | 'nvmeHostWriteCommands' | 'nvmeControllerBusyMinutes' | 'nvmeErrorLogEntries' | 'nvmeWarningTemperatureMinutes' | 'nvmeCriticalTemperatureMinutes' | 'nvmeTemperatureSensorsCelsius' | 'temperatureWarningCelsius' | 'temperatureCriticalCelsius' | 'scsiReadUncorrectedErrors' | 'scsiWriteUncorrectedErrors', Reason>>;
}

/** One ATA SMART attribute (SMART READ DATA joined with READ THRESHOLDS by id). */
export interface SmartAttribute {
  /** The attribute id (1–255). */
  id: number;
  /**
   * libprobe's name for the common ids (`reallocated_sectors`, `power_on_hours`,
   * `temperature`, …: their usual meaning, which vendors may change), `unknown`
   * otherwise.
   */
  name: string;
  /** The normalised value (1–253 on most drives; higher is better). */
  value: number;
  /** The worst normalised value seen. */
  worst: number;
  /**
   * The failure threshold from READ THRESHOLDS: `value <= threshold` means the attribute
   * failed. `not_supported` when the thresholds could not be read or carry no entry for
   * this id.
   */
  threshold: number | null;
  /**
   * The 48-bit raw value, little-endian as the drive stores it (its meaning is vendor
   * specific; `raw_value & 0xff` is the temperature for ids 190 and 194). A gauge: some
   * ids count, others measure; the counters libprobe knows by id are `SmartMetrics`
   * fields.
   */
  rawValue: bigint;
  /**
   * The status flags: bit 0 pre-failure (else advisory), bit 1 updated online, bit 2
   * performance, bit 3 error rate, bit 4 event count, bit 5 self-preserving.
   */
  flags: number;
  /** The fields that could not be read, each with its reason; present only when some are missing. */
  unavailable?: Partial<Record<'threshold', Reason>>;
}

/** One imported ZFS pool. */
export interface ZfsPoolMetrics {
  name: string;
  guid: bigint | null;
  /** From the `state` kstat (ZFS 0.8+), else the root vdev's state. */
  health: ZfsHealth | null;
  /**
   * Usable size (the root vdev's space).
   *
   * Unit: bytes.
   */
  sizeBytes: bigint | null;
  /** Unit: bytes. */
  allocatedBytes: bigint | null;
  /** Unit: bytes. */
  freeBytes: bigint | null;
  /**
   * Free-space fragmentation; `not_supported` when the pool does not track it.
   *
   * Unit: percent.
   */
  fragmentationPercent: number | null;
  /**
   * `allocated / size`.
   *
   * Unit: percent.
   */
  capacityPercent: number | null;
  /** The pool's `dedupratio` property (`ZFS_IOC_POOL_GET_PROPS`). */
  dedupRatio: number | null;
  /** The root dataset's `compressratio` (`ZFS_IOC_OBJSET_STATS`). */
  compressionRatio: number | null;
  /** The vdev tree, depth first. */
  vdevs: ZfsVdev[];
  datasets: ZfsDataset[];
  /**
   * Read operations since import (root vdev statistics; the `io` kstat before ZFS 2.1).
   *
   * Counter: it only grows (a drop is a reset).
   */
  readOps: bigint | null;
  /** Counter: it only grows (a drop is a reset). */
  writeOps: bigint | null;
  /**
   * Bytes read per second since the previous snapshot of the same probe
   * (`no_previous_sample` on the first).
   *
   * Unit: bytes/s.
   */
  readBandwidth: bigint | null;
  /**
   * Bytes written per second since the previous snapshot.
   *
   * Unit: bytes/s.
   */
  writeBandwidth: bigint | null;
  /**
   * Pool-level error counts (the root vdev's, as `zpool status` shows on the pool line).
   *
   * Counter: it only grows (a drop is a reset).
   */
  readErrors: bigint | null;
  /** Counter: it only grows (a drop is a reset). */
  writeErrors: bigint | null;
  /** Counter: it only grows (a drop is a reset). */
  checksumErrors: bigint | null;
  /**
   * Bytes read since import.
   *
   * Unit: bytes. Counter: it only grows (a drop is a reset).
   */
  readBytes: bigint | null;
  /** Unit: bytes. Counter: it only grows (a drop is a reset). */
  writtenBytes: bigint | null;
  /** The fields that could not be read, each with its reason; present only when some are missing. */
  unavailable?: Partial<Record<'guid' | 'health' | 'sizeBytes' | 'allocatedBytes' | 'freeBytes' | 'fragmentationPercent' | 'capacityPercent' | 'dedupRatio' | 'compressionRatio' | 'readOps' | 'writeOps' | 'readBandwidth' | 'writeBandwidth' | 'readErrors' | 'writeErrors' | 'checksumErrors' | 'readBytes' | 'writtenBytes', Reason>>;
}

/** One vdev of a pool's tree, depth first (the root is the pool itself, depth 0). */
export interface ZfsVdev {
  /**
   * As `zpool status` names it: the pool name for the root, `mirror-0`, `raidz1-0` for
   * groups, the device path (or its last component) for leaves.
   */
  name: string;
  /** `root`, `mirror`, `raidz`, `draid`, `disk`, `file`, `spare`, `replacing`, `hole`, … */
  vdevType: string;
  /** 0 for the root, 1 for top-level vdevs, … */
  depth: number;
  guid: bigint | null;
  /** A leaf's device path. */
  path: string | null;
  health: ZfsHealth | null;
  /**
   * Allocated space (top-level vdevs and the root).
   *
   * Unit: bytes.
   */
  allocatedBytes: bigint | null;
  /**
   * Usable space.
   *
   * Unit: bytes.
   */
  sizeBytes: bigint | null;
  /**
   * Errors since the pool was imported or last cleared (`zpool clear`), as `zpool
   * status` counts them.
   *
   * Counter: it only grows (a drop is a reset).
   */
  readErrors: bigint | null;
  /** Counter: it only grows (a drop is a reset). */
  writeErrors: bigint | null;
  /** Counter: it only grows (a drop is a reset). */
  checksumErrors: bigint | null;
  /** A log (ZIL) device. */
  isLog: boolean;
  /** The fields that could not be read, each with its reason; present only when some are missing. */
  unavailable?: Partial<Record<'guid' | 'health' | 'allocatedBytes' | 'sizeBytes' | 'readErrors' | 'writeErrors' | 'checksumErrors', Reason>>;
}

/**
 * One dataset's I/O counters (`objset-*` kstat, ZFS 0.8+; only datasets that are mounted
 * or open have one). A counter whose value does not parse, or whose row is missing, is
 * that counter's `error` with a warning; the dataset is kept.
 */
export interface ZfsDataset {
  name: string;
  /** The objset id (from the kstat name `objset-0x…`). */
  objsetId: bigint;
  /** Counter: it only grows (a drop is a reset). */
  reads: bigint | null;
  /** Counter: it only grows (a drop is a reset). */
  writes: bigint | null;
  /** Unit: bytes. Counter: it only grows (a drop is a reset). */
  readBytes: bigint | null;
  /** Unit: bytes. Counter: it only grows (a drop is a reset). */
  writtenBytes: bigint | null;
  /**
   * Files unlinked.
   *
   * Counter: it only grows (a drop is a reset).
   */
  unlinks: bigint | null;
  /**
   * Unlinked files whose space was reclaimed.
   *
   * Counter: it only grows (a drop is a reset).
   */
  unlinked: bigint | null;
  /** The fields that could not be read, each with its reason; present only when some are missing. */
  unavailable?: Partial<Record<'reads' | 'writes' | 'readBytes' | 'writtenBytes' | 'unlinks' | 'unlinked', Reason>>;
}

/**
 * The ZFS adaptive replacement cache (`/proc/spl/kstat/zfs/arcstats`), beyond the
 * specification.
 */
export interface ZfsArcStats {
  /** Unit: bytes. */
  sizeBytes: bigint | null;
  /**
   * The target size (`c`).
   *
   * Unit: bytes.
   */
  targetBytes: bigint | null;
  /** Unit: bytes. */
  minBytes: bigint | null;
  /** Unit: bytes. */
  maxBytes: bigint | null;
  /** Counter: it only grows (a drop is a reset). */
  hits: bigint | null;
  /** Counter: it only grows (a drop is a reset). */
  misses: bigint | null;
  /**
   * Most-recently-used list size.
   *
   * Unit: bytes.
   */
  mruBytes: bigint | null;
  /**
   * Most-frequently-used list size.
   *
   * Unit: bytes.
   */
  mfuBytes: bigint | null;
  /** Counter: it only grows (a drop is a reset). */
  l2Hits: bigint | null;
  /** Counter: it only grows (a drop is a reset). */
  l2Misses: bigint | null;
  /** The fields that could not be read, each with its reason; present only when some are missing. */
  unavailable?: Partial<Record<'sizeBytes' | 'targetBytes' | 'minBytes' | 'maxBytes' | 'hits' | 'misses' | 'mruBytes' | 'mfuBytes' | 'l2Hits' | 'l2Misses', Reason>>;
}

/** One mounted Btrfs filesystem. */
export interface BtrfsMetrics {
  /** The filesystem UUID (the `/sys/fs/btrfs` directory name). */
  uuid: string;
  /** The label; `null` when it has none. */
  label: string | null;
  devices: BtrfsDevice[];
  /**
   * Total size of the devices (`Device size` of `btrfs filesystem usage`).
   *
   * Unit: bytes.
   */
  totalBytes: bigint | null;
  /**
   * Raw space used, copies included (`Used`).
   *
   * Unit: bytes.
   */
  usedBytes: bigint;
  /** Raw space per logical byte of data (1.0 single/raid0, 2.0 raid1/dup, …). */
  dataRatio: number | null;
  /** Raw space per logical byte of metadata. */
  metadataRatio: number | null;
  /**
   * The current transaction generation (`BTRFS_IOC_FS_INFO`, Linux 5.15+; sysfs
   * `generation` otherwise).
   */
  generation: bigint | null;
  /** Where it is mounted (the first mount seen). */
  mountPoint: string | null;
  /**
   * Raw space allocated to chunks (`Device allocated`).
   *
   * Unit: bytes.
   */
  allocatedBytes: bigint;
  /**
   * `total - allocated` (`Device unallocated`).
   *
   * Unit: bytes.
   */
  unallocatedBytes: bigint | null;
  /**
   * Free space for data, estimated as `btrfs filesystem usage` does: unused data chunk
   * space plus unallocated space divided by the data ratio.
   *
   * Unit: bytes.
   */
  freeEstimatedBytes: bigint | null;
  /**
   * Global block reserve size.
   *
   * Unit: bytes.
   */
  globalReserveBytes: bigint | null;
  /**
   * Global block reserve in use.
   *
   * Unit: bytes.
   */
  globalReserveUsedBytes: bigint | null;
  /** Data, metadata and system allocation. */
  allocations: BtrfsAllocation[];
  /** Unit: bytes. */
  nodeSize: number | null;
  /** Unit: bytes. */
  sectorSize: number | null;
  /** The fields that could not be read, each with its reason; present only when some are missing. */
  unavailable?: Partial<Record<'totalBytes' | 'dataRatio' | 'metadataRatio' | 'generation' | 'mountPoint' | 'unallocatedBytes' | 'freeEstimatedBytes' | 'globalReserveBytes' | 'globalReserveUsedBytes' | 'nodeSize' | 'sectorSize', Reason>>;
}

/** One device of a Btrfs filesystem. */
export interface BtrfsDevice {
  devid: bigint;
  /** The device path (`BTRFS_IOC_DEV_INFO`), else `/dev/` and the sysfs name. */
  path: string | null;
  /**
   * The size the filesystem uses on this device.
   *
   * Unit: bytes.
   */
  sizeBytes: bigint | null;
  /**
   * Allocated to chunks on this device.
   *
   * Unit: bytes.
   */
  allocatedBytes: bigint | null;
  /**
   * `size - allocated`.
   *
   * Unit: bytes.
   */
  unallocatedBytes: bigint | null;
  /**
   * I/O errors since the counters were last reset (`btrfs device stats`).
   *
   * Counter: it only grows (a drop is a reset).
   */
  writeErrors: bigint | null;
  /** Counter: it only grows (a drop is a reset). */
  readErrors: bigint | null;
  /** Counter: it only grows (a drop is a reset). */
  flushErrors: bigint | null;
  /**
   * Checksum mismatches.
   *
   * Counter: it only grows (a drop is a reset).
   */
  corruptionErrors: bigint | null;
  /**
   * Blocks with an unexpected generation (lost writes).
   *
   * Counter: it only grows (a drop is a reset).
   */
  generationErrors: bigint | null;
  /** The device is missing (`devinfo/<id>/missing`, Linux 5.9+). */
  missing: boolean | null;
  writeable: boolean | null;
  /** The fields that could not be read, each with its reason; present only when some are missing. */
  unavailable?: Partial<Record<'path' | 'sizeBytes' | 'allocatedBytes' | 'unallocatedBytes' | 'writeErrors' | 'readErrors' | 'flushErrors' | 'corruptionErrors' | 'generationErrors' | 'missing' | 'writeable', Reason>>;
}

/** One block-group type's allocation (`/sys/fs/btrfs/<uuid>/allocation/<type>`). */
export interface BtrfsAllocation {
  /** `data`, `metadata` or `system`. */
  kind: string;
  /** The profiles holding chunks of this type (`single`, `dup`, `raid0`, `raid1`, …). */
  profiles: string[];
  /**
   * Logical size of the chunks (`btrfs filesystem usage`'s `Size:`).
   *
   * Unit: bytes.
   */
  totalBytes: bigint;
  /**
   * Logical bytes used in them.
   *
   * Unit: bytes.
   */
  usedBytes: bigint;
  /**
   * Raw device space of the chunks (copies included).
   *
   * Unit: bytes.
   */
  diskTotalBytes: bigint;
  /** Unit: bytes. */
  diskUsedBytes: bigint;
}

/** LVM. */
export interface LvmMetrics {
  volumeGroups: VolumeGroup[];
  /** Physical volumes in no volume group (beyond the specification). */
  orphanPhysicalVolumes: PhysicalVolume[];
}

/** One LVM volume group (from the newest metadata copy on its physical volumes). */
export interface VolumeGroup {
  name: string;
  uuid: string;
  /** Unit: bytes. */
  sizeBytes: bigint;
  /** Unit: bytes. */
  freeBytes: bigint;
  /** Unit: bytes. */
  extentSize: bigint;
  extentCount: bigint;
  freeExtentCount: bigint;
  pvCount: number;
  /** Visible logical volumes (as `vgs` counts them). */
  lvCount: number;
  /** Every logical volume, internal ones included (see [`LogicalVolume::visible`]). */
  logicalVolumes: LogicalVolume[];
  physicalVolumes: PhysicalVolume[];
  /** The metadata sequence number. */
  seqno: bigint;
  /** `RESIZEABLE`, `READ`, `WRITE`, `EXPORTED`, … */
  status: string[];
  /** Physical volumes the metadata lists that were not found. */
  missingPvCount: number;
}

/** One logical volume. */
export interface LogicalVolume {
  name: string;
  uuid: string;
  /**
   * Virtual size (the sum of the segments' extents).
   *
   * Unit: bytes.
   */
  sizeBytes: bigint;
  extentCount: bigint;
  /**
   * The type of each segment, as `lvs -o segtype` names it: `linear`, `striped`,
   * `raid1`, `raid5`, `mirror`, `thin-pool`, `thin`, `cache`, `cache-pool`, `snapshot`,
   * `vdo`, `error`, `zero`, …
   */
  segmentTypes: string[];
  /** The metadata status flags: `READ`, `WRITE`, `VISIBLE`, … */
  status: string[];
  /** Shown by `lvs` without `-a` (internal volumes such as `pool_tdata` are not). */
  visible: boolean;
  /**
   * Areas of the first segment, as `lvs -o stripes` counts them: stripes (1 for
   * linear), raid or mirror images, 1 for a pool (its data volume), 0 for a thin volume.
   */
  stripes: number | null;
  /** Unit: bytes. */
  stripeSizeBytes: bigint | null;
  /** A thin volume's pool, a cached volume's cache pool. */
  poolLv: string | null;
  /** A snapshot's origin (old-style or thin). */
  origin: string | null;
  /** The physical volumes its extents lie on (directly), by name. */
  devices: string[];
  /**
   * When the volume was created (Unix seconds), as the metadata records it.
   *
   * Unit: s.
   */
  creationTime: bigint | null;
  creationHost: string | null;
  /** `not_present` when the volume is not active (no device-mapper device). */
  deviceMapper: DeviceMapperState | null;
  /** The fields that could not be read, each with its reason; present only when some are missing. */
  unavailable?: Partial<Record<'stripes' | 'stripeSizeBytes' | 'creationTime' | 'creationHost' | 'deviceMapper', Reason>>;
}

/** The device-mapper state of an active logical volume (`/sys/block/dm-*\/dm`). */
export interface DeviceMapperState {
  /** The kernel device (`dm-3`). */
  device: string;
  /** The mapped device name (`vg-lv`, dashes in names doubled). */
  name: string;
  suspended: boolean | null;
  /** The fields that could not be read, each with its reason; present only when some are missing. */
  unavailable?: Partial<Record<'suspended', Reason>>;
}

/** One physical volume. */
export interface PhysicalVolume {
  /**
   * The device it was read from (`/dev/sdb1`); `not_present` for a PV the volume
   * group lists but this machine does not show (missing).
   */
  name: string | null;
  uuid: string;
  /**
   * The device size the PV header records.
   *
   * Unit: bytes.
   */
  deviceSizeBytes: bigint | null;
  /**
   * The PV's usable size as `pvs` shows `pv_size`: its extents × the extent size in a
   * volume group, the device size for an orphan.
   *
   * Unit: bytes.
   */
  sizeBytes: bigint | null;
  /**
   * Where the first extent starts.
   *
   * Unit: bytes.
   */
  peStartBytes: bigint | null;
  extentCount: bigint;
  allocatedExtentCount: bigint;
  /**
   * Unallocated extents × extent size.
   *
   * Unit: bytes.
   */
  freeBytes: bigint;
  /** `ALLOCATABLE`, … (`MISSING` when the VG flags it lost). */
  status: string[];
  /** Metadata areas on this device. */
  mdaCount: number | null;
  /** The fields that could not be read, each with its reason; present only when some are missing. */
  unavailable?: Partial<Record<'name' | 'deviceSizeBytes' | 'sizeBytes' | 'peStartBytes' | 'mdaCount', Reason>>;
}

/**
 * What the eBPF tracers saw (the specification's `EbpfMetrics`): the interval since the
 * previous snapshot of this probe, and the totals since attach.
 *
 * The interval's numbers are gauges (each snapshot starts them again); the counters are
 * the totals of [`EbpfMetrics::since_attach`] and [`TracerStatus::dropped_since_attach`].
 *
 * A tracer's fields are `disabled` when it was not asked for, missing with its
 * [`TracerStatus::reason`] when it did not attach, and `no_previous_sample` at the
 * snapshot that attached it.
 */
export interface EbpfMetrics {
  /**
   * The interval the fields below cover: since the previous snapshot.
   *
   * Unit: ns.
   */
  intervalNs: bigint | null;
  /** Every tracer asked for, attached or not. */
  tracers: TracerStatus[];
  /**
   * Calls per syscall name, largest first: with `syscall_latency`, the calls that
   * returned in the interval (and `exit`, `exit_group` when their thread ended);
   * without, the calls entered.
   */
  syscallCounts: { [key: string]: bigint } | null;
  /**
   * Calls that returned an error (-4095..-1) per syscall name, largest first;
   * `disabled` without `syscall_latency`.
   */
  syscallErrors: { [key: string]: bigint } | null;
  /**
   * Entry → exit latency per syscall name, in the order of `syscall_counts` (calls that
   * returned in the interval; `exit` and `exit_group` never do); `disabled` without
   * `syscall_latency`.
   */
  syscallLatencies: { [key: string]: LatencyHistogram } | null;
  /**
   * The processes that made the most system calls, most first (option
   * `top_processes`).
   */
  syscallsByProcess: ProcessSyscalls[] | null;
  /** Time runnable threads waited for a CPU: from wakeup, or from preemption, to running. */
  runqueueLatency: LatencyHistogram | null;
  /** Off-CPU time per process, most first (option `top_processes`). */
  cpuOffTime: OffCpuTime[] | null;
  /** Issue → completion latency of block requests, every device and operation together. */
  blockIoLatency: LatencyHistogram | null;
  /** Block I/O per device and operation. */
  blockIoByDevice: BlockIoDevice[] | null;
  /** Block I/O per submitting process, most bytes first (option `top_processes`). */
  blockIoByProcess: BlockIoStats[] | null;
  /**
   * Network payload per process, most bytes (sent and received) first (option
   * `top_processes`); see [`ProcessNetwork`] for what is counted.
   */
  networkByProcess: ProcessNetwork[] | null;
  /**
   * Network payload per cgroup (every process, not only the top ones), most bytes
   * first.
   */
  networkByCgroup: CgroupNetwork[] | null;
  /**
   * Active TCP connects (IPv4 and IPv6) established in the interval: the time from the
   * SYN sent to the SYN-ACK received, from the kernel's `sock:inet_sock_set_state`
   * (`SYN_SENT` → `ESTABLISHED`). A SYN lost and sent again counts from the first.
   * Connects that failed (refused, timed out) are not in it.
   */
  tcpConnectLatency: LatencyHistogram | null;
  /**
   * `tcp_connect_latency` per destination port, by port (at most 1024 ports since attach;
   * a connect to another port counts in `dropped`, and in `tcp_connect_latency`).
   */
  tcpConnectLatencyByPort: TcpConnectPort[] | null;
  /** The totals since attach. */
  sinceAttach: EbpfTotals;
  /** Page faults per process, most (minor + major) first (option `top_processes`). */
  pageFaults: PageFaults[] | null;
  /**
   * mmap() calls per process, most first (option `top_processes`). Native (64-bit)
   * calls only: a 32-bit process's `mmap2`/`old_mmap` is not counted (on x86-64 since
   * Linux 6.9 the kernel keeps no compat syscall table to read their numbers from).
   */
  mmapCount: MmapCalls[] | null;
  /**
   * File opens of the interval, in the order they were entered: at most option
   * `max_open_events`.
   */
  fileOpens: FileOpen[] | null;
  /**
   * Opens of the interval not in `file_opens`: past `max_open_events`, or not recorded
   * by the kernel side (its ring buffer or its table of opens in progress was full).
   */
  fileOpensDropped: bigint | null;
  /**
   * Entry → exit latency of `read`, `pread64` and `readv` calls on regular files (the
   * whole call, page cache hits included; pipes, sockets, terminals and devices left
   * out), calls that returned in the interval.
   */
  fileReadLatency: LatencyHistogram | null;
  /** The same for `write`, `pwrite64` and `writev`. */
  fileWriteLatency: LatencyHistogram | null;
  /**
   * TCP retransmissions (IPv4 and IPv6) per connection and owner, most first (at most
   * option `top_processes` rows), from the kernel's `tcp:tcp_retransmit_skb`.
   */
  tcpRetransmits: TcpRetransmits[] | null;
  /**
   * Packets dropped per interface and reason, most first, from the kernel's
   * `skb:kfree_skb` (`SKB_CONSUMED` is not a drop).
   */
  packetDrops: PacketDrops[] | null;
  /** The fields that could not be read, each with its reason; present only when some are missing. */
  unavailable?: Partial<Record<'intervalNs' | 'syscallCounts' | 'syscallErrors' | 'syscallLatencies' | 'syscallsByProcess' | 'runqueueLatency' | 'cpuOffTime' | 'blockIoLatency' | 'blockIoByDevice' | 'blockIoByProcess' | 'networkByProcess' | 'networkByCgroup' | 'tcpConnectLatency' | 'tcpConnectLatencyByPort' | 'pageFaults' | 'mmapCount' | 'fileOpens' | 'fileOpensDropped' | 'fileReadLatency' | 'fileWriteLatency' | 'tcpRetransmits' | 'packetDrops', Reason>>;
}

/** One tracer: whether it is attached, how, and what it could not keep. */
export interface TracerStatus {
  tracer: TracerName;
  state: TracerState;
  /** Why the tracer is not attached; null when it is. */
  reason: Reason | null;
  /** What failed, when it failed (the loader's or the kernel's message). */
  error: string | null;
  /**
   * The program type its programs use (the first of option `hooks` this kernel
   * accepted); null when not attached.
   */
  hook: HookType | null;
  /**
   * For the `tracepoint` type: whether libprobe had to mount tracefs (privately, to
   * read the tracepoints' ids) because it was not mounted; null for the other types,
   * which need no tracefs.
   */
  tracefsMounted: boolean | null;
  /** The kernel events its programs are attached to (`raw_syscalls/sys_enter`). */
  events: string[];
  /**
   * Events not counted in the interval because a bounded table was full (or a thread
   * exit record found its ring full); `no_previous_sample` at the snapshot that attached.
   */
  dropped: bigint | null;
  /**
   * Events not counted since attach.
   *
   * Counter: it only grows (a drop is a reset).
   */
  droppedSinceAttach: bigint;
  /** The fields that could not be read, each with its reason; present only when some are missing. */
  unavailable?: Partial<Record<'dropped', Reason>>;
}

/**
 * A latency distribution in log2 buckets (the specification's `LatencyHistogram`).
 *
 * Bucket bounds are 1, 3, 7, 15, … 2^(i+1)-1 ns: bucket 0 holds 0 and 1 ns, bucket i holds
 * [2^i, 2^(i+1)) ns. Only non-empty buckets are listed.
 */
export interface LatencyHistogram {
  /** The non-empty buckets, in increasing order of bound. */
  buckets: HistogramBucket[];
  /**
   * Sum of the values.
   *
   * Unit: ns.
   */
  sumNs: bigint;
  /** Number of values (the sum of the buckets' counts). */
  count: bigint;
  /**
   * The smallest value; null when there is none. Exact, except that an event racing
   * the snapshot by a few nanoseconds may count in the next interval's buckets but not
   * in this one's minimum and maximum (then null here if it was the only one).
   *
   * Unit: ns.
   */
  minNs: bigint | null;
  /**
   * The largest value; null when there is none (see `min_ns`).
   *
   * Unit: ns.
   */
  maxNs: bigint | null;
  /**
   * Median, estimated from the buckets (linear within the bucket, kept within
   * `min_ns`..`max_ns`); null when there is no value.
   *
   * Unit: ns.
   */
  p50Ns: bigint | null;
  /**
   * 90th percentile, estimated as `p50_ns` is.
   *
   * Unit: ns.
   */
  p90Ns: bigint | null;
  /**
   * 99th percentile, estimated as `p50_ns` is.
   *
   * Unit: ns.
   */
  p99Ns: bigint | null;
}

/** One bucket of a [`LatencyHistogram`]. */
export interface HistogramBucket {
  /**
   * The largest value this bucket holds (inclusive: Prometheus' `le`); the bucket
   * holds the values above the previous bucket's bound. The last possible bucket's bound
   * is 2^64-1 (every value from 2^47 ns, about 39 hours, up).
   *
   * Unit: ns.
   */
  upperBoundNs: bigint;
  /** Values in this bucket. */
  count: bigint;
}

/** A process's system calls over the interval. */
export interface ProcessSyscalls {
  /** The process id (of the initial pid namespace). */
  pid: number;
  /**
   * When the process started, in clock ticks since boot (`start_time` of
   * [`crate::process::ProcessFull`]): with `pid`, its identity, so a pid reused by a new
   * process within the interval is a row of its own.
   *
   * Unit: ticks.
   */
  startTime: bigint;
  /** The process's name (its main thread's `comm` when seen, else a thread's). */
  name: string;
  /** System calls made (counted as `syscall_counts` are). */
  count: bigint;
  /** Calls that returned an error (-4095..-1); `disabled` without `syscall_latency`. */
  errors: bigint | null;
  /**
   * Time spent in system calls, entry to exit, summed over its threads; `disabled`
   * without `syscall_latency`.
   *
   * Unit: ns.
   */
  latencyNs: bigint | null;
  /** The fields that could not be read, each with its reason; present only when some are missing. */
  unavailable?: Partial<Record<'errors' | 'latencyNs', Reason>>;
}

/**
 * A process's time off a CPU over the interval (switched out to switched back in),
 * summed over its threads.
 */
export interface OffCpuTime {
  /** The process id (of the initial pid namespace). */
  pid: number;
  /**
   * When the process started, in clock ticks since boot (`start_time` of
   * [`crate::process::ProcessFull`]): with `pid`, its identity, so a pid reused by a new
   * process within the interval is a row of its own.
   *
   * Unit: ticks.
   */
  startTime: bigint;
  /** The process's name (its main thread's `comm` when first seen). */
  name: string;
  /**
   * `voluntary_ns + involuntary_ns`.
   *
   * Unit: ns.
   */
  totalNs: bigint;
  /**
   * Off CPU after sleeping or blocking (I/O, locks, `sleep`), until running again.
   *
   * Unit: ns.
   */
  voluntaryNs: bigint;
  /**
   * Off CPU after being preempted (or yielding) while still runnable: waiting for a CPU.
   *
   * Unit: ns.
   */
  involuntaryNs: bigint;
  /** Voluntary switches that ended in the interval (the kernel's `nvcsw` sense). */
  voluntarySwitches: bigint;
  /** Involuntary switches that ended in the interval (`nivcsw`). */
  involuntarySwitches: bigint;
}

/** Block I/O of one device and operation over the interval. */
export interface BlockIoDevice {
  /**
   * The device's kernel name (`sda`, `nvme0n1p2`, `loop0`); `not_present` when the
   * device is gone.
   */
  name: string | null;
  major: number;
  minor: number;
  operation: BlockOperation;
  /**
   * Bytes of the completed requests.
   *
   * Unit: bytes.
   */
  bytes: bigint;
  /** Issue → completion latency of its requests (`count`: requests completed). */
  latency: LatencyHistogram;
  /** The fields that could not be read, each with its reason; present only when some are missing. */
  unavailable?: Partial<Record<'name', Reason>>;
}

/**
 * A process's block I/O over the interval (the specification's `BlockIoStats`): the
 * requests it submitted that completed, and their time from issue to completion.
 */
export interface BlockIoStats {
  /** The process id (of the initial pid namespace). */
  pid: number;
  /**
   * When the process started, in clock ticks since boot (`start_time` of
   * [`crate::process::ProcessFull`]): with `pid`, its identity, so a pid reused by a new
   * process within the interval is a row of its own.
   *
   * Unit: ticks.
   */
  startTime: bigint;
  /** The submitting process's name (its main thread's `comm`). */
  name: string;
  reads: bigint;
  writes: bigint;
  /**
   * Bytes the read requests asked for.
   *
   * Unit: bytes.
   */
  readBytes: bigint;
  /**
   * Bytes the write requests carried.
   *
   * Unit: bytes.
   */
  writeBytes: bigint;
  /**
   * Reads' time from issue to completion, summed.
   *
   * Unit: ns.
   */
  readLatencyNs: bigint;
  /**
   * Writes' time from issue to completion, summed.
   *
   * Unit: ns.
   */
  writeLatencyNs: bigint;
}

/**
 * A process's network traffic over the interval: the payload bytes its send and receive
 * calls moved on TCP and UDP sockets, IPv4 and IPv6 together.
 *
 * Counted from the kernel's `sock:sock_send_length` and `sock:sock_recv_length` events
 * (Linux 6.3+), in the calling process: the bytes a call handed to or took from the
 * protocol (its result), so **payload only**: no TCP, UDP or IP headers, no
 * retransmissions, no ACKs. Traffic over loopback is counted once for the sending
 * process (as sent) and once for the receiving one (as received). Calls that moved no byte
 * (errors, EOF, empty datagrams) and receives with `MSG_PEEK` are not counted. Not
 * counted either: `splice()` out of a TCP socket and TCP zero-copy receive
 * (`TCP_ZEROCOPY_RECEIVE`), which do not go through the receive call; sockets of other
 * protocols (Unix, raw, SCTP, MPTCP, UDP-Lite); the kernel's own sockets (NFS, iSCSI);
 * forwarded packets.
 */
export interface ProcessNetwork {
  /** The process id (of the initial pid namespace). */
  pid: number;
  /**
   * When the process started, in clock ticks since boot (`start_time` of
   * [`crate::process::ProcessFull`]): with `pid`, its identity, so a pid reused by a new
   * process within the interval is a row of its own.
   *
   * Unit: ticks.
   */
  startTime: bigint;
  /** The process's name (its main thread's `comm` at its first counted call). */
  name: string;
  /**
   * The cgroup (v2) id of the thread that made the process's latest counted call (the
   * inode number of its directory under the cgroup2 mount); null where the kernel has
   * no cgroup v2 hierarchy.
   */
  cgroupId: bigint | null;
  /**
   * TCP payload bytes sent (accepted by send, write, sendmsg, …).
   *
   * Unit: bytes.
   */
  tcpSentBytes: bigint;
  /**
   * TCP payload bytes received (returned by recv, read, recvmsg, …).
   *
   * Unit: bytes.
   */
  tcpReceivedBytes: bigint;
  /**
   * UDP payload bytes sent.
   *
   * Unit: bytes.
   */
  udpSentBytes: bigint;
  /**
   * UDP payload bytes received (with `MSG_TRUNC`, the datagram's full length).
   *
   * Unit: bytes.
   */
  udpReceivedBytes: bigint;
  /** TCP send calls that moved at least one byte. */
  tcpSends: bigint;
  /** TCP receive calls that moved at least one byte. */
  tcpReceives: bigint;
  /**
   * UDP send calls that moved at least one byte: one datagram each, except with
   * `UDP_SEGMENT` or corking (`MSG_MORE`, `UDP_CORK`).
   */
  udpSends: bigint;
  /** UDP datagrams received (one per receive call; `recvmmsg` counts each message). */
  udpReceives: bigint;
}

/**
 * A cgroup's network traffic over the interval: the sum of [`ProcessNetwork`] over the
 * processes whose latest counted call was made in it (a process that moved to another
 * cgroup within the interval counts entirely in the new one).
 */
export interface CgroupNetwork {
  /** The cgroup (v2) id: the inode number of its directory under the cgroup2 mount. */
  cgroupId: bigint;
  /** Processes counted. */
  processes: bigint;
  /** Unit: bytes. */
  tcpSentBytes: bigint;
  /** Unit: bytes. */
  tcpReceivedBytes: bigint;
  /** Unit: bytes. */
  udpSentBytes: bigint;
  /** Unit: bytes. */
  udpReceivedBytes: bigint;
  tcpSends: bigint;
  tcpReceives: bigint;
  udpSends: bigint;
  udpReceives: bigint;
}

/** The connect latency of one TCP destination port over the interval. */
export interface TcpConnectPort {
  /** The destination port. */
  port: number;
  /** SYN sent → established (`count`: connects established). */
  latency: LatencyHistogram;
}

/**
 * What the tracers counted since they were attached: counters, which start again from 0
 * when a new probe attaches. The histograms and device rows are of the same record types
 * as the interval's ([`LatencyHistogram`], [`BlockIoDevice`]), whose numbers are gauges
 * (they are of one interval); their totals here are therefore gauges in the schema too.
 */
export interface EbpfTotals {
  /**
   * Time since the tracers were attached.
   *
   * Unit: ns. Counter: it only grows (a drop is a reset).
   */
  attachedNs: bigint;
  /**
   * Calls per syscall name, largest first.
   *
   * Counter: it only grows (a drop is a reset).
   */
  syscallCounts: { [key: string]: bigint } | null;
  /**
   * Failed calls per syscall name, largest first.
   *
   * Counter: it only grows (a drop is a reset).
   */
  syscallErrors: { [key: string]: bigint } | null;
  /** Latency per syscall name, in the order of `syscall_counts`. */
  syscallLatencies: { [key: string]: LatencyHistogram } | null;
  runqueueLatency: LatencyHistogram | null;
  /** Every device and operation together. */
  blockIoLatency: LatencyHistogram | null;
  blockIoByDevice: BlockIoDevice[] | null;
  /**
   * The processes that made the most system calls since attach, most first (option
   * `top_processes`): a live process's calls (and its exited threads'), kept until the
   * snapshot that sees its last thread exit.
   */
  syscallsByProcess: ProcessSyscalls[] | null;
  /**
   * Off-CPU time per process since attach, most first (option `top_processes`), kept
   * as `syscalls_by_process` is.
   */
  cpuOffTime: OffCpuTime[] | null;
  /**
   * Block I/O per submitting process since attach, most bytes first (option
   * `top_processes`), kept until the snapshot after its process exits.
   */
  blockIoByProcess: BlockIoStats[] | null;
  /**
   * Page faults per process since attach, most (minor + major) first (option
   * `top_processes`), kept as `syscalls_by_process` is.
   */
  pageFaults: PageFaults[] | null;
  /**
   * mmap() calls per process since attach, most first (option `top_processes`), kept
   * until the snapshot after its process exits.
   */
  mmapCount: MmapCalls[] | null;
  /** Regular-file reads since attach (entry to exit of the read calls). */
  fileReadLatency: LatencyHistogram | null;
  /** Regular-file writes since attach. */
  fileWriteLatency: LatencyHistogram | null;
  /** TCP connects established since attach. */
  tcpConnectLatency: LatencyHistogram | null;
  /**
   * TCP retransmissions per connection and owner since attach, most first (at most
   * option `top_processes` rows), kept while the probe is attached.
   */
  tcpRetransmits: TcpRetransmits[] | null;
  /** Packets dropped per interface and reason since attach, most first. */
  packetDrops: PacketDrops[] | null;
  /** The fields that could not be read, each with its reason; present only when some are missing. */
  unavailable?: Partial<Record<'syscallCounts' | 'syscallErrors' | 'syscallLatencies' | 'runqueueLatency' | 'blockIoLatency' | 'blockIoByDevice' | 'syscallsByProcess' | 'cpuOffTime' | 'blockIoByProcess' | 'pageFaults' | 'mmapCount' | 'fileReadLatency' | 'fileWriteLatency' | 'tcpConnectLatency' | 'tcpRetransmits' | 'packetDrops', Reason>>;
}

/**
 * A process's page faults over the interval, summed over its threads: the kernel's own
 * counts (`min_flt`, `maj_flt` of each thread, as `/proc/<pid>/stat` and `getrusage`
 * report them), taken at each fault and at each thread's exit.
 *
 * A thread's fault is read at its next fault or at its exit: the last fault of a thread
 * still running may be counted in the next interval.
 */
export interface PageFaults {
  /** The process id (of the initial pid namespace). */
  pid: number;
  /**
   * When the process started, in clock ticks since boot (`start_time` of
   * [`crate::process::ProcessFull`]): with `pid`, its identity, so a pid reused by a new
   * process within the interval is a row of its own.
   *
   * Unit: ticks.
   */
  startTime: bigint;
  /** The process's name (its main thread's `comm` when first seen, or after an exec). */
  name: string;
  /** Faults served without I/O (the page was in memory, or a new zeroed page). */
  minor: bigint;
  /** Faults that waited for I/O (the page was read from a file or from swap). */
  major: bigint;
}

/** A process's mmap() calls over the interval. */
export interface MmapCalls {
  /** The process id (of the initial pid namespace). */
  pid: number;
  /**
   * When the process started, in clock ticks since boot (`start_time` of
   * [`crate::process::ProcessFull`]): with `pid`, its identity, so a pid reused by a new
   * process within the interval is a row of its own.
   *
   * Unit: ticks.
   */
  startTime: bigint;
  /** The process's name (its main thread's `comm` when first seen). */
  name: string;
  /** mmap() calls entered (failed ones too; a 32-bit process's mmap2 is not counted). */
  count: bigint;
}

/** TCP segments retransmitted on one connection over the interval. */
export interface TcpRetransmits {
  family: AddressFamily;
  /**
   * The local address (an IPv4-mapped IPv6 address for an IPv4 connection of an IPv6
   * socket).
   */
  sourceAddr: string;
  destinationAddr: string;
  destinationPort: number;
  /**
   * The owning process: the process that connected the socket or the latest that sent
   * on it since attach (retransmissions are sent from timers and interrupts, never by
   * the owner itself); absent when neither happened since attach.
   */
  pid: number | null;
  /**
   * The owner's name (its `comm`) when the key's first retransmission since attach was
   * counted.
   */
  name: string | null;
  /** Retransmissions sent (failed ones, which 6.12+ kernels also report, are not counted). */
  retransmits: bigint;
}

/** Packets dropped over the interval on one interface for one reason. */
export interface PacketDrops {
  /**
   * The packet's device when it was freed (its index in its network namespace); 0 for
   * a packet freed before it had one (a local socket's buffer).
   */
  interfaceIndex: number;
  /** The device's name when its first drop since attach was counted (empty for index 0). */
  interface: string;
  /**
   * The device's network namespace (the inode number of `/proc/<pid>/ns/net`); absent
   * for index 0.
   */
  netns: bigint | null;
  /** The kernel's `enum skb_drop_reason` value. */
  reasonCode: number;
  /**
   * Its name in the running kernel's BTF, without the `SKB_DROP_REASON_` prefix
   * (`NO_SOCKET`, `UDP_CSUM`, …); `not_present` when the kernel's BTF does not name it.
   */
  reason: string | null;
  drops: bigint;
  /** The fields that could not be read, each with its reason; present only when some are missing. */
  unavailable?: Partial<Record<'reason', Reason>>;
}

/**
 * One file open (`open`, `creat`, `openat`, `openat2`) as its caller made it, seen at the
 * system call: the path is the caller's (relative to its working directory or to the
 * directory descriptor it passed), not a resolved one, and opens made inside the kernel
 * (exec, module loading) are not seen.
 */
export interface FileOpen {
  /** The process id (of the initial pid namespace). */
  pid: number;
  /**
   * When the process started, in clock ticks since boot (`start_time` of
   * [`crate::process::ProcessFull`]): with `pid`, its identity.
   *
   * Unit: ticks.
   */
  startTime: bigint;
  /** The calling thread's id. */
  tid: number;
  /** The calling thread's name (`comm`). */
  name: string;
  /** The path as passed, as bytes (not necessarily UTF-8): at most its first 255 bytes. */
  path: string;
  /** Whether the path was longer than 255 bytes (only its first 255 are in `path`). */
  pathTruncated: boolean;
  /**
   * The open flags as passed (`O_*` bits: `O_WRONLY` 0o1, `O_CREAT` 0o100, …; `creat`
   * is `O_CREAT | O_WRONLY | O_TRUNC`).
   */
  flags: number;
  /**
   * When the call was entered: CLOCK_MONOTONIC, the clock of the snapshot's
   * `monotonic_ns`.
   *
   * Unit: ns.
   */
  monotonicNs: bigint;
  /** The new file descriptor, or the error as a negative errno (-2: ENOENT). */
  result: bigint;
}

/** The name of each record type. */
export type RecordTypeName = 'Snapshot' | 'DomainStatus' | 'System' | 'CpuTimes' | 'Cpu' | 'LoadAverage' | 'SystemPressure' | 'Pressure' | 'PsiLine' | 'Memory' | 'DiskStats' | 'Filesystem' | 'FileHandles' | 'InodeCounts' | 'Entropy' | 'SocketBufferMemory' | 'ProcessFull' | 'OpenFile' | 'OpenSocket' | 'MemoryMap' | 'ProcessLimits' | 'Limit' | 'CgroupLimits' | 'IoMax' | 'DelayAccounting' | 'Network' | 'NetNamespace' | 'TcpConnection' | 'SocketOwner' | 'TcpInfo' | 'SocketMemory' | 'UdpConnection' | 'UnixSocket' | 'RawSocket' | 'NetlinkSocket' | 'PacketSocket' | 'TcpStats' | 'UdpStats' | 'SocketStats' | 'MemoryLimits' | 'CounterTable' | 'NetInterfaceFull' | 'InterfaceFlags' | 'Ipv4Info' | 'Ipv6Info' | 'NetInterfaceStats' | 'Route' | 'RouteFlags' | 'RouteNextHop' | 'ArpEntry' | 'ConntrackEntry' | 'ConntrackStats' | 'ConntrackCpuStats' | 'GpuMetrics' | 'GpuProcess' | 'GpuEngineUse' | 'GpuMemoryRegion' | 'ComputeCapability' | 'ClockEventReasons' | 'GtClocks' | 'NvLink' | 'MigDevice' | 'PowerMetrics' | 'RaplDomain' | 'RaplConstraint' | 'BatteryInfo' | 'PowerSupply' | 'HwmonChip' | 'SensorChannel' | 'ThermalZone' | 'TripPoint' | 'CoolingDevice' | 'ProcessEnergyEstimate' | 'ProcessEnergy' | 'Storage' | 'SmartMetrics' | 'SmartAttribute' | 'ZfsPoolMetrics' | 'ZfsVdev' | 'ZfsDataset' | 'ZfsArcStats' | 'BtrfsMetrics' | 'BtrfsDevice' | 'BtrfsAllocation' | 'LvmMetrics' | 'VolumeGroup' | 'LogicalVolume' | 'DeviceMapperState' | 'PhysicalVolume' | 'EbpfMetrics' | 'TracerStatus' | 'LatencyHistogram' | 'HistogramBucket' | 'ProcessSyscalls' | 'OffCpuTime' | 'BlockIoDevice' | 'BlockIoStats' | 'ProcessNetwork' | 'CgroupNetwork' | 'TcpConnectPort' | 'EbpfTotals' | 'PageFaults' | 'MmapCalls' | 'TcpRetransmits' | 'PacketDrops' | 'FileOpen';

/** Each record type by name. */
export interface RecordTypes {
  Snapshot: Snapshot;
  DomainStatus: DomainStatus;
  System: System;
  CpuTimes: CpuTimes;
  Cpu: Cpu;
  LoadAverage: LoadAverage;
  SystemPressure: SystemPressure;
  Pressure: Pressure;
  PsiLine: PsiLine;
  Memory: Memory;
  DiskStats: DiskStats;
  Filesystem: Filesystem;
  FileHandles: FileHandles;
  InodeCounts: InodeCounts;
  Entropy: Entropy;
  SocketBufferMemory: SocketBufferMemory;
  ProcessFull: ProcessFull;
  OpenFile: OpenFile;
  OpenSocket: OpenSocket;
  MemoryMap: MemoryMap;
  ProcessLimits: ProcessLimits;
  Limit: Limit;
  CgroupLimits: CgroupLimits;
  IoMax: IoMax;
  DelayAccounting: DelayAccounting;
  Network: Network;
  NetNamespace: NetNamespace;
  TcpConnection: TcpConnection;
  SocketOwner: SocketOwner;
  TcpInfo: TcpInfo;
  SocketMemory: SocketMemory;
  UdpConnection: UdpConnection;
  UnixSocket: UnixSocket;
  RawSocket: RawSocket;
  NetlinkSocket: NetlinkSocket;
  PacketSocket: PacketSocket;
  TcpStats: TcpStats;
  UdpStats: UdpStats;
  SocketStats: SocketStats;
  MemoryLimits: MemoryLimits;
  CounterTable: CounterTable;
  NetInterfaceFull: NetInterfaceFull;
  InterfaceFlags: InterfaceFlags;
  Ipv4Info: Ipv4Info;
  Ipv6Info: Ipv6Info;
  NetInterfaceStats: NetInterfaceStats;
  Route: Route;
  RouteFlags: RouteFlags;
  RouteNextHop: RouteNextHop;
  ArpEntry: ArpEntry;
  ConntrackEntry: ConntrackEntry;
  ConntrackStats: ConntrackStats;
  ConntrackCpuStats: ConntrackCpuStats;
  GpuMetrics: GpuMetrics;
  GpuProcess: GpuProcess;
  GpuEngineUse: GpuEngineUse;
  GpuMemoryRegion: GpuMemoryRegion;
  ComputeCapability: ComputeCapability;
  ClockEventReasons: ClockEventReasons;
  GtClocks: GtClocks;
  NvLink: NvLink;
  MigDevice: MigDevice;
  PowerMetrics: PowerMetrics;
  RaplDomain: RaplDomain;
  RaplConstraint: RaplConstraint;
  BatteryInfo: BatteryInfo;
  PowerSupply: PowerSupply;
  HwmonChip: HwmonChip;
  SensorChannel: SensorChannel;
  ThermalZone: ThermalZone;
  TripPoint: TripPoint;
  CoolingDevice: CoolingDevice;
  ProcessEnergyEstimate: ProcessEnergyEstimate;
  ProcessEnergy: ProcessEnergy;
  Storage: Storage;
  SmartMetrics: SmartMetrics;
  SmartAttribute: SmartAttribute;
  ZfsPoolMetrics: ZfsPoolMetrics;
  ZfsVdev: ZfsVdev;
  ZfsDataset: ZfsDataset;
  ZfsArcStats: ZfsArcStats;
  BtrfsMetrics: BtrfsMetrics;
  BtrfsDevice: BtrfsDevice;
  BtrfsAllocation: BtrfsAllocation;
  LvmMetrics: LvmMetrics;
  VolumeGroup: VolumeGroup;
  LogicalVolume: LogicalVolume;
  DeviceMapperState: DeviceMapperState;
  PhysicalVolume: PhysicalVolume;
  EbpfMetrics: EbpfMetrics;
  TracerStatus: TracerStatus;
  LatencyHistogram: LatencyHistogram;
  HistogramBucket: HistogramBucket;
  ProcessSyscalls: ProcessSyscalls;
  OffCpuTime: OffCpuTime;
  BlockIoDevice: BlockIoDevice;
  BlockIoStats: BlockIoStats;
  ProcessNetwork: ProcessNetwork;
  CgroupNetwork: CgroupNetwork;
  TcpConnectPort: TcpConnectPort;
  EbpfTotals: EbpfTotals;
  PageFaults: PageFaults;
  MmapCalls: MmapCalls;
  TcpRetransmits: TcpRetransmits;
  PacketDrops: PacketDrops;
  FileOpen: FileOpen;
}

/** The system domain's options (`new Probe({ system: { … } })`); each one left out keeps its default. */
export interface SystemOptions {
  /**
   * How long one mount's `statvfs` may take, in milliseconds (default 1000). A mount
   * that does not answer in time (a stalled FUSE or network server) leaves its sizes
   * `timed_out`, with a warning naming it, and is not asked again until its pending
   * call returns; the rest of the snapshot does not wait for it.
   *
   * Key `system.statvfs_timeout_ms`; default `1000`.
   */
  statvfsTimeoutMs?: number;
}

/** The process domain's options (`new Probe({ process: { … } })`); each one left out keeps its default. */
export interface ProcessOptions {
  /**
   * `/proc/<pid>/status`: user and group ids, groups, memory detail (shared, text,
   * data, lib, swap, peak, locked, page tables), context switches, capabilities,
   * seccomp, signals, CPU affinity, thread group and namespace pids.
   *
   * Key `process.status`; default `true`.
   */
  status?: boolean;
  /**
   * `/proc/<pid>/io`: bytes and calls read and written.
   *
   * Key `process.io`; default `true`.
   */
  io?: boolean;
  /**
   * The command line (`/proc/<pid>/cmdline`).
   *
   * Key `process.cmdline`; default `true`.
   */
  cmdline?: boolean;
  /**
   * The executable (and whether it was deleted), working directory and root (three
   * links per process).
   *
   * Key `process.paths`; default `true`.
   */
  paths?: boolean;
  /**
   * Resource limits (`/proc/<pid>/limits`).
   *
   * Key `process.limits`; default `true`.
   */
  limits?: boolean;
  /**
   * OOM score and adjustment (`oom_score`, `oom_score_adj`).
   *
   * Key `process.oom`; default `true`.
   */
  oom?: boolean;
  /**
   * CPU run time, run delay and time slices (`/proc/<pid>/schedstat`).
   *
   * Key `process.schedstat`; default `true`.
   */
  schedstat?: boolean;
  /**
   * The number of open descriptors (one `stat` of `fd/` on Linux 6.2+, else a listing).
   *
   * Key `process.fd_count`; default `true`.
   */
  fdCount?: boolean;
  /**
   * The ten namespace inodes (`ns/*`: ten links per process).
   *
   * Key `process.namespaces`; default `true`.
   */
  namespaces?: boolean;
  /**
   * The cgroup path and controllers (`/proc/<pid>/cgroup`); `cgroup_limits` needs it.
   *
   * Key `process.cgroup`; default `true`.
   */
  cgroup?: boolean;
  /**
   * PSS, USS, dirty and swap-PSS memory from `/proc/<pid>/smaps_rollup` (the kernel
   * walks every page table: about 10× the cost of the rest of a process).
   *
   * Key `process.smaps_rollup`; default `false`.
   */
  smapsRollup?: boolean;
  /**
   * Every memory mapping (`/proc/<pid>/maps`).
   *
   * Key `process.maps`; default `false`.
   */
  maps?: boolean;
  /**
   * Every open descriptor with path, flags, offset, inode and type (`fd/*`,
   * `fdinfo/*`), and the sockets among them.
   *
   * Key `process.fds`; default `false`.
   */
  fds?: boolean;
  /**
   * The environment. Off unless asked for: it often holds secrets.
   *
   * Key `process.environ`; default `false`.
   */
  environ?: boolean;
  /**
   * Per-cause delay totals over taskstats netlink (CAP_NET_ADMIN; one round trip per
   * process).
   *
   * Key `process.taskstats`; default `false`.
   */
  taskstats?: boolean;
  /**
   * The limits that bind each process through its cgroup path (read once per cgroup).
   *
   * Key `process.cgroup_limits`; default `true`.
   */
  cgroupLimits?: boolean;
  /**
   * Collect only these processes (every process when `None`). Each is collected once,
   * in ascending order, however often the list names it.
   *
   * Key `process.pids`; default `all`.
   */
  pids?: number[] | null;
  /**
   * How the `stat` fields are read: `proc` reads `/proc/<pid>/stat` for each process;
   * `bpf` runs the `iter/task` BPF iterator once per snapshot (loaded once per probe;
   * needs CAP_BPF and CAP_PERFMON, the host's procfs and the initial pid and user
   * namespaces) and reads `/proc/<pid>/stat` only for what it does not give exactly
   * (kernel threads, the probe's own process, a process it did not list), or for every
   * process where it does not load (with a warning); `auto` is `bpf` (without a
   * warning where it does not load) when the previous snapshot had more than 300
   * processes, else `proc` (the first snapshot too). When every other group is off
   * (`ProcessOptions::table(false, false)`), the iterator's list is the table and a
   * process it gave is not opened in `/proc` at all. Each process's `stat_from` says
   * which was used.
   *
   * Key `process.via`; default `auto`.
   */
  via?: 'auto' | 'proc' | 'bpf';
  /**
   * Threads reading the process table: `0` chooses (one for fewer than 256 processes,
   * else one per CPU up to 4), `1` reads on the calling thread only. Reading is mostly
   * kernel time spent per process, so n readers on n free CPUs take a little more than
   * 1/n of the wall time, for somewhat more CPU time (on a 2-CPU VM, 1 000 processes:
   * 52 ms on one thread; 33 ms wall and 61 ms CPU on two).
   *
   * Key `process.threads`; default `0`.
   */
  threads?: number;
  /**
   * Replace secret values in command lines with `********` (default on; see
   * [`crate::process::scrub`] for exactly what is replaced). `false` gives the raw
   * bytes. Costs a scan of each argument that holds `=`, starts with `-` or holds `://`.
   *
   * Key `process.cmdline_scrub`; default `true`.
   */
  cmdlineScrub?: boolean;
  /**
   * More argument names to scrub, beside the built-in list (`password`, `passwd`,
   * `secret`, `token`, `api_key`, `apikey`, `access_key`, `auth`); matched like them
   * (case-insensitive, anywhere in the name, `-` read as `_`). Default empty.
   *
   * Key `process.cmdline_scrub_words`; default ``.
   */
  cmdlineScrubWords?: string | string[];
}

/** The network domain's options (`new Probe({ network: { … } })`); each one left out keeps its default. */
export interface NetworkOptions {
  /**
   * The socket tables to list (default: every table).
   *
   * Key `network.sockets`; default `tcp,udp,unix,raw,netlink,packet`.
   */
  sockets?: string | Array<'tcp' | 'udp' | 'unix' | 'raw' | 'netlink' | 'packet'>;
  /**
   * Resolve each socket's owning processes (walks every process's descriptors once,
   * with one short-lived helper thread per snapshot beside the calling one; none when the
   * process domain read every descriptor in the same snapshot).
   *
   * Key `network.owners`; default `true`.
   */
  owners?: boolean;
  /**
   * How the owners are found when the process domain did not read every descriptor:
   * `proc` walks `/proc/<pid>/fd` (one `readlink` per descriptor of every process),
   * `bpf` runs a BPF iterator over the kernel's task and file lists (loaded once per
   * probe, one `read` stream per snapshot), `auto` the iterator where it loads, else
   * `/proc`. The network record's `owners_from` says which was used.
   *
   * Key `network.owners_via`; default `auto`.
   */
  ownersVia?: 'auto' | 'proc' | 'bpf';
  /**
   * TCP internals per socket: `tcp_info`, congestion algorithm, memory, shutdown.
   *
   * Key `network.tcp_info`; default `true`.
   */
  tcpInfo?: boolean;
  /**
   * Interfaces with their addresses, counters, speed, duplex and driver.
   *
   * Key `network.interfaces`; default `true`.
   */
  interfaces?: boolean;
  /**
   * Routes of every table, IPv4 and IPv6.
   *
   * Key `network.routes`; default `true`.
   */
  routes?: boolean;
  /**
   * The ARP and IPv6 neighbour caches.
   *
   * Key `network.neighbours`; default `true`.
   */
  neighbours?: boolean;
  /**
   * Every conntrack entry. Off by default: the table can hold hundreds of thousands of
   * flows, and reading it needs CAP_NET_ADMIN. Totals and per-CPU counters are always
   * collected.
   *
   * Key `network.conntrack`; default `false`.
   */
  conntrack?: boolean;
  /**
   * Read sockets from `/proc/net/*` even where sock_diag could answer (fewer fields).
   *
   * Key `network.sockets_from_procfs`; default `false`.
   */
  socketsFromProcfs?: boolean;
  /**
   * The network namespace to describe: the probe's own (`self`), a process's (its pid),
   * or a namespace file such as `/var/run/netns/NAME`.
   *
   * Key `network.netns`; default `self`.
   */
  netns?: number | string;
}

/** The gpu domain's options (`new Probe({ gpu: { … } })`); each one left out keeps its default. */
export interface GpuOptions {
  /**
   * Ask NVML for NVIDIA GPUs (default on; off: NVML is not loaded).
   *
   * Key `gpu.nvml`; default `true`.
   */
  nvml?: boolean;
  /**
   * The NVML library to load (default: `libnvidia-ml.so.1` from the loader's path, or
   * the `LIBPROBE_NVML_LIBRARY` environment variable). On a fixture tree NVML is
   * loaded only when this or the variable names a library, so that a fixture never
   * reports the testing machine's GPUs.
   *
   * Key `gpu.nvml_library`; default ``.
   */
  nvmlLibrary?: string | null;
  /**
   * PCIe throughput (`pcie_tx_throughput`, `pcie_rx_throughput`): NVML samples each
   * direction for about 20 ms, so this adds ~40 ms per NVIDIA GPU to a snapshot.
   * Default off.
   *
   * Key `gpu.pcie_throughput`; default `false`.
   */
  pcieThroughput?: boolean;
  /**
   * NVML's total energy counter (`energy_total`, `power_from_energy`): about 3 ms per
   * call on an H100 (driver 580, measured), so default off. Sysfs energy counters
   * (AMD, Intel) are always read.
   *
   * Key `gpu.nvml_energy`; default `false`.
   */
  nvmlEnergy?: boolean;
  /**
   * Per-process SM, memory, encoder and decoder use from NVML's sample buffer
   * (default on; a few µs per GPU).
   *
   * Key `gpu.process_utilization`; default `true`.
   */
  processUtilization?: boolean;
  /**
   * NVLink state and error counters (default on; one NVML call per link and counter
   * on GPUs that have NVLink).
   *
   * Key `gpu.nvlink`; default `true`.
   */
  nvlink?: boolean;
  /**
   * Find DRM clients by walking every process's descriptors (a `readlink` per open
   * descriptor of every visible process) when the process domain did not walk them
   * (`process.fds`). Default off: without either, `processes` holds NVML's only.
   *
   * Key `gpu.drm_clients`; default `false`.
   */
  drmClients?: boolean;
  /**
   * amdgpu's binary `gpu_metrics` table (default on): energy, video clock, throttle
   * reasons and what sysfs lacks.
   *
   * Key `gpu.gpu_metrics`; default `true`.
   */
  gpuMetrics?: boolean;
}

/** The power domain's options (`new Probe({ power: { … } })`); each one left out keeps its default. */
export interface PowerOptions {
  /**
   * RAPL and other power capping zones (`/sys/class/powercap`): about 15 reads per zone.
   *
   * Key `power.rapl`; default `true`.
   */
  rapl?: boolean;
  /**
   * Batteries, AC and other power supplies (`/sys/class/power_supply`): one read of
   * `uevent` per supply.
   *
   * Key `power.supplies`; default `true`.
   */
  supplies?: boolean;
  /**
   * Hardware sensors (`/sys/class/hwmon`): one read per attribute of every channel.
   *
   * Key `power.hwmon`; default `true`.
   */
  hwmon?: boolean;
  /**
   * Thermal zones with their trip points, and cooling devices (`/sys/class/thermal`).
   *
   * Key `power.thermal`; default `true`.
   */
  thermal?: boolean;
  /**
   * The per-process energy estimate (needs `rapl` and the process domain; no read of
   * its own).
   *
   * Key `power.process_energy`; default `true`.
   */
  processEnergy?: boolean;
}

/** The storage domain's options (`new Probe({ storage: { … } })`); each one left out keeps its default. */
export interface StorageOptions {
  /**
   * SMART health (default on): two to five pass-through commands per disk, never to a
   * disk in standby.
   *
   * Key `storage.smart`; default `true`.
   */
  smart?: boolean;
  /**
   * ZFS pools and the ARC (default on): kstat files and three ioctls per pool.
   *
   * Key `storage.zfs`; default `true`.
   */
  zfs?: boolean;
  /**
   * Btrfs filesystems (default on): sysfs files and two ioctls per device.
   *
   * Key `storage.btrfs`; default `true`.
   */
  btrfs?: boolean;
  /**
   * LVM (default on): reads each block device's first sectors and its metadata area
   * (root only).
   *
   * Key `storage.lvm`; default `true`.
   */
  lvm?: boolean;
  /**
   * Only these block devices or NVMe controllers for SMART and LVM (kernel names:
   * `sda`, `nvme0`); empty for all (default).
   *
   * Key `storage.devices`; default ``.
   */
  devices?: string | string[];
}

/** The ebpf domain's options (`new Probe({ ebpf: { … } })`); each one left out keeps its default. */
export interface EbpfOptions {
  /**
   * The tracers to attach (default: all: syscalls, runqlat, offcpu, biolatency,
   * faults, mmap, opens, filelat, netbytes, tcpconnlat, tcpretrans, drops). Each adds cost
   * to the events it
   * traces: `syscalls` to every system call, `runqlat` and `offcpu` to every context
   * switch (and `runqlat` to every wakeup), `biolatency` to every block request, `faults`
   * to every page fault, `mmap` to every system call with `tp_btf` and `raw_tp` (it keeps
   * only mmap's; with `tracepoint`, to mmap calls only), `opens` and `filelat` to every
   * system call's entry and exit (they keep only the opens, and the reads and writes),
   * `netbytes` to every send and receive call on a socket, `tcpconnlat` to every TCP
   * state change, `tcpretrans` to every TCP retransmission and state change and to every
   * TCP send call, `drops` to every packet dropped.
   *
   * Key `ebpf.tracers`; default `syscalls,runqlat,offcpu,biolatency,faults,mmap,opens,filelat,netbytes,tcpconnlat,tcpretrans,drops`.
   */
  tracers?: string | Array<'syscalls' | 'runqlat' | 'offcpu' | 'biolatency' | 'faults' | 'mmap' | 'opens' | 'filelat' | 'netbytes' | 'tcpconnlat' | 'tcpretrans' | 'drops'>;
  /**
   * The program types the tracers may use, in this order of preference: tp_btf,
   * raw_tp, tracepoint (default: all three, so each tracer takes the first this kernel
   * accepts). One name forces that type. `tracepoint` needs tracefs; where it is not
   * mounted, libprobe mounts it privately, only to read the tracepoints' ids (which
   * needs CAP_SYS_ADMIN).
   *
   * Key `ebpf.hooks`; default `tp_btf,raw_tp,tracepoint`.
   */
  hooks?: string | Array<'tp_btf' | 'raw_tp' | 'tracepoint'>;
  /**
   * Syscall latencies and errors (default true): a second program at each syscall's
   * exit. `false` counts calls only, with one program at entry, at about half the cost.
   *
   * Key `ebpf.syscall_latency`; default `true`.
   */
  syscallLatency?: boolean;
  /**
   * Processes listed in each per-process table: those with the most events in the
   * interval (default 50). The others are counted in the tables' totals only.
   *
   * Key `ebpf.top_processes`; default `50`.
   */
  topProcesses?: number;
  /**
   * Threads the per-thread tables hold (default 65536): the syscall tracer's thread
   * slots (rounded up to a power of two, 64 bytes each), and the threads waiting on a run
   * queue or off a CPU. A thread that finds its table full is counted in `dropped`.
   *
   * Key `ebpf.max_threads`; default `65536`.
   */
  maxThreads?: number;
  /**
   * Processes the per-process tables hold (default 16384). A process that finds its
   * table full is counted in `dropped`.
   *
   * Key `ebpf.max_pids`; default `16384`.
   */
  maxPids?: number;
  /**
   * Block requests, and TCP connects, in flight tracked at once (default 16384).
   *
   * Key `ebpf.max_requests`; default `16384`.
   */
  maxRequests?: number;
  /**
   * File open events listed per snapshot (default 4096); the ring buffer the kernel
   * writes them to holds about as many (328 bytes each). Those past the bound, or that
   * found the ring full, are counted in `file_opens_dropped`.
   *
   * Key `ebpf.max_open_events`; default `4096`.
   */
  maxOpenEvents?: number;
}

/** Options of `new Probe(options)`; each one left out takes the core's default. An unknown key throws `TypeError`. */
export interface ProbeOptions {
  /** The domains to collect. Default: every domain but ebpf, which attaches programs to the kernel and must be asked for. A comma-separated string or a list of names (`all` for every domain). */
  domains?: string | DomainName[];
  /** The system domain's options. */
  system?: SystemOptions;
  /** The process domain's options. */
  process?: ProcessOptions;
  /** The network domain's options. */
  network?: NetworkOptions;
  /** The gpu domain's options. */
  gpu?: GpuOptions;
  /** The power domain's options. */
  power?: PowerOptions;
  /** The storage domain's options. */
  storage?: StorageOptions;
  /** The ebpf domain's options. */
  ebpf?: EbpfOptions;
  /** Read a fixture tree (DIR/proc, DIR/sys, DIR/syscalls.txt) instead of this machine. */
  fixture?: string;
  /** Where procfs is mounted (default /proc, or LIBPROBE_PROCFS). */
  procfs?: string;
  /** Where sysfs is mounted (default /sys, or LIBPROBE_SYSFS). */
  sysfs?: string;
  /** Where device nodes are (default /dev, or LIBPROBE_DEVFS). */
  devfs?: string;
  /** The observed machine's root, for mount points (default /, or LIBPROBE_ROOTFS). */
  rootfs?: string;
  /** The largest file read, in bytes (default 32 MiB). */
  maxFileBytes?: number;
}

/** One option of the schema (`OPTIONS`). Values are in the `probe` command's text syntax. */
export interface OptionInfo {
  /** `domains` or `<domain>.<option>` (snake_case, as the C keys). */
  key: string;
  /** The domain, or null for `domains`. */
  domain: DomainName | null;
  /** The name within the domain, snake_case. */
  name: string;
  /** The property in the domain's options object (camelCase). */
  property: string;
  kind: 'bool' | 'uint' | 'names' | 'choice' | 'pids' | 'path' | 'words' | 'namespace';
  doc: string;
  unit: string | null;
  default: string;
  /** A valid value other than the default. */
  sample: string;
  /** The names a names or choice option accepts. */
  accepted: string[];
  /** The bounds of a uint option. */
  min: number | null;
  max: number | null;
}

/**
 * Collects snapshots of this machine (or of a fixture tree). Keeps the previous snapshot's
 * counters, so rates such as `cpuPercent` have values from the second snapshot on.
 */
export declare class Probe {
  /** Throws `InvalidArgumentError` for an unknown option, domain or invalid value. */
  constructor(options?: ProbeOptions);
  /** Collects every enabled domain, on this thread. Never fails as a whole: each domain reports its own status in `domains`. */
  snapshot(): Snapshot;
  /** Collects on a worker thread (the event loop keeps running); converts on this one. */
  snapshotAsync(): Promise<Snapshot>;
  /** The domains this probe collects. */
  readonly domains: DomainName[];
  /** The value of option `key` (`domains` or `<domain>.<option>`, snake_case) in the `probe` command's text syntax: what the core uses. Throws `TypeError` for an unknown key. */
  getOption(key: string): string;
}

/** The `code` of each error kind (`'ERROR'` for a kind newer than this package). */
export type ErrorCode = 'IO' | 'PERMISSION_DENIED' | 'NOT_FOUND' | 'GONE' | 'PARSE' | 'TOO_LARGE' | 'UNSUPPORTED' | 'NOT_PRESENT' | 'INVALID_ARGUMENT' | 'TIMED_OUT' | 'ERROR';

/** Base class of every libprobe error. */
export declare class ProbeError extends Error {
  readonly code: ErrorCode;
}

/** An I/O error not covered by a more precise kind. */
export declare class IoError extends ProbeError {
  readonly code: 'IO';
}

/** The kernel refused access (EACCES, EPERM). */
export declare class PermissionDeniedError extends ProbeError {
  readonly code: 'PERMISSION_DENIED';
}

/** A file or directory does not exist. */
export declare class NotFoundError extends ProbeError {
  readonly code: 'NOT_FOUND';
}

/** The process has exited. */
export declare class GoneError extends ProbeError {
  readonly code: 'GONE';
}

/** Kernel output did not parse. */
export declare class ParseError extends ProbeError {
  readonly code: 'PARSE';
}

/** A source was larger than the read limit. */
export declare class TooLargeError extends ProbeError {
  readonly code: 'TOO_LARGE';
}

/** Not supported by this kernel or platform. */
export declare class UnsupportedError extends ProbeError {
  readonly code: 'UNSUPPORTED';
}

/** Not present on this machine. */
export declare class NotPresentError extends ProbeError {
  readonly code: 'NOT_PRESENT';
}

/** An invalid argument or option. */
export declare class InvalidArgumentError extends ProbeError {
  readonly code: 'INVALID_ARGUMENT';
}

/** A source did not answer in time. */
export declare class TimedOutError extends ProbeError {
  readonly code: 'TIMED_OUT';
}

/**
 * The snapshot as JSON with the specification's snake_case names, rendered from these
 * objects (bigints exact, non-UTF-8 bytes as `\udcXX` escapes). Throws `TypeError` when a
 * value does not have its field's type.
 */
export declare function toJSON(snapshot: Snapshot, indent?: number): string;
/** One record (a process, a CPU, …) as JSON, like `toJSON`. */
export declare function recordToJSON<T extends RecordTypeName>(record: RecordTypes[T], type: T, indent?: number): string;
/** The bytes of a string from a snapshot (lone surrogates U+DC80–U+DCFF back to raw bytes). */
export declare function toBytes(text: string): Uint8Array;
/** The libprobe version. */
export declare const VERSION: string;
/** Every domain, in code order. */
export declare const DOMAINS: readonly DomainName[];
/** Every option: its key, kind, doc, default and accepted values (the core's schema). */
export declare const OPTIONS: readonly OptionInfo[];
/** One field of a record type in `SCHEMA`. */
export interface SchemaField {
  /** The specification's snake_case name (as in JSON). */
  readonly name: string;
  /** The camelCase property name. */
  readonly key: string;
  /** The unit (`bytes`, `ticks`, …), or null. */
  readonly unit: string | null;
  /** `counter` for a value the kernel only adds to (export its rate), else `gauge`. */
  readonly metric: 'counter' | 'gauge';
  /** The value's type: `{ t: 'u64' }`, `{ t: 'field', of }`, `{ t: 'record', name }`, … */
  readonly kind: { readonly t: string; readonly [more: string]: unknown };
}
/** The record schema every snapshot follows: each record type's fields in order. */
export declare const SCHEMA: {
  readonly root: RecordTypeName;
  readonly records: { readonly [T in RecordTypeName]: readonly SchemaField[] };
  readonly enums: { readonly [name: string]: readonly string[] };
};
