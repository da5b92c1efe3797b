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
export type Reason = 'permission_denied' | 'gone' | 'not_supported' | 'not_present' | 'disabled' | 'not_enabled' | 'zombie' | 'kernel_thread' | 'no_previous_sample' | 'too_large' | 'timed_out' | 'error';

/** Scheduler state, from the state letter of `/proc/<pid>/stat`. */
export type ProcessState = 'running' | 'sleeping' | 'disk_sleep' | 'zombie' | 'stopped' | 'tracing_stop' | 'dead' | 'wakekill' | 'waking' | 'parked' | 'idle' | 'unknown';

/** What an open file descriptor refers to. */
export type FileType = 'regular' | 'directory' | 'char_device' | 'block_device' | 'pipe' | 'socket' | 'symlink' | 'anon_inode' | 'unknown';

/** A socket's protocol family and type, as seen from the owning process. */
export type SocketType = 'tcp' | 'tcp6' | 'udp' | 'udp6' | 'udplite' | 'udplite6' | 'raw' | 'raw6' | 'unix' | 'netlink' | 'packet' | 'sctp' | 'sctp6' | 'mptcp' | 'vsock' | 'other';

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
  bootTime: bigint;
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
  cpuTotal: CpuTimes;
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
  contextSwitches: bigint;
  /**
   * Interrupts serviced since boot.
   *
   * Counter: it only grows (a drop is a reset).
   */
  interrupts: bigint;
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
  forks: bigint;
  /** Threads runnable now. */
  procsRunning: number;
  /** Threads blocked on I/O now. */
  procsBlocked: number;
  load: LoadAverage | null;
  pressure: SystemPressure;
  memory: Memory | null;
  /**
   * Every `/proc/meminfo` line: values with a `kB` unit converted to bytes, the others
   * (`HugePages_*`) as counts.
   */
  meminfo: { [key: string]: bigint } | null;
  /** Every `/proc/vmstat` counter, as the kernel prints it (mostly pages). */
  vmstat: { [key: string]: bigint } | null;
  /** Every line of `/proc/diskstats` (disks, partitions, loop, dm and zram devices). */
  disks: DiskStats[] | null;
  /** Every mount of `/proc/self/mountinfo` (the reader's mount namespace), in order. */
  filesystems: Filesystem[] | null;
  /** The fields that could not be read, each with its reason; present only when some are missing. */
  unavailable?: Partial<Record<'hostname' | 'kernelRelease' | 'kernelVersion' | 'uptimeSeconds' | 'idleSeconds' | 'cpuCountPossible' | 'cpuCountPhysical' | 'cpuPackages' | 'cpuPercent' | 'softirqs' | 'load' | 'memory' | 'meminfo' | 'vmstat' | 'disks' | 'filesystems', Reason>>;
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
   * Mode times (its `cpuN` line of `/proc/stat`); `not_enabled` while the CPU is
   * offline.
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
   * topology field is `not_enabled` while the CPU is offline and `not_supported` on a
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
   * `not_supported` without a cpufreq driver.
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

/** `/proc/loadavg`. */
export interface LoadAverage {
  /** Runnable plus uninterruptible tasks, averaged over 1 minute. */
  load1: number;
  /** Over 5 minutes. */
  load5: number;
  /** Over 15 minutes. */
  load15: number;
  /** Runnable scheduling entities now. */
  runnable: number;
  /** Scheduling entities (threads) that exist. */
  total: number;
  /** The most recently created pid (in the reader's pid namespace). */
  lastPid: number;
}

/**
 * System-wide pressure stall information (`/proc/pressure/*`, Linux 4.20+ with PSI on).
 * Each is `not_supported` when its file is absent (no `CONFIG_PSI`, or `psi=0`).
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

/** Pressure stall information for one resource (`/proc/pressure/*`, `<cgroup>/*.pressure`). */
export interface PsiLine {
  /**
   * Share of wall time stalled, averaged over 10 s.
   *
   * Unit: percent.
   */
  avg10: number;
  /** Unit: percent. */
  avg60: number;
  /** Unit: percent. */
  avg300: number;
  /**
   * Total stall time.
   *
   * Unit: us. Counter: it only grows (a drop is a reset).
   */
  totalUs: bigint;
}

/**
 * Physical memory and swap (`/proc/meminfo`), the fields most tools show. Fields whose
 * line this kernel does not print are `not_supported`.
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
  free: bigint;
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
   * `free` shows it.
   *
   * Unit: bytes.
   */
  used: bigint;
  /**
   * `used / total`.
   *
   * Unit: percent.
   */
  usedPercent: number;
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
  unavailable?: Partial<Record<'available' | 'buffers' | 'cached' | 'shared' | 'active' | 'inactive' | 'slab' | 'swapTotal' | 'swapFree' | 'swapUsed' | 'swapUsedPercent' | 'swapInBytes' | 'swapOutBytes', Reason>>;
}

/**
 * One block device or partition line of `/proc/diskstats`, counters since boot.
 *
 * The `*_time_ms` fields are 32-bit in the kernel and wrap at 2^32 ms (about 49.7 days
 * of accumulated time): compute rates with wrapping subtraction modulo 2^32.
 */
export interface DiskStats {
  /** Kernel name (`sda`, `nvme0n1p1`, `dm-0`, `loop0`). */
  name: string;
  major: number;
  minor: number;
  /** Counter: it only grows (a drop is a reset). */
  readsCompleted: bigint;
  /**
   * Adjacent reads merged into one before reaching the device.
   *
   * Counter: it only grows (a drop is a reset).
   */
  readsMerged: bigint;
  /**
   * 512-byte sectors, whatever the device's sector size.
   *
   * Unit: sectors. Counter: it only grows (a drop is a reset).
   */
  sectorsRead: bigint;
  /**
   * `sectors_read * 512`.
   *
   * Unit: bytes. Counter: it only grows (a drop is a reset).
   */
  readBytes: bigint;
  /**
   * Time spent by all reads (they overlap: may exceed wall time).
   *
   * Unit: ms. Counter: it only grows (a drop is a reset).
   */
  readTimeMs: bigint;
  /** Counter: it only grows (a drop is a reset). */
  writesCompleted: bigint;
  /** Counter: it only grows (a drop is a reset). */
  writesMerged: bigint;
  /** Unit: sectors. Counter: it only grows (a drop is a reset). */
  sectorsWritten: bigint;
  /**
   * `sectors_written * 512`.
   *
   * Unit: bytes. Counter: it only grows (a drop is a reset).
   */
  writeBytes: bigint;
  /** Unit: ms. Counter: it only grows (a drop is a reset). */
  writeTimeMs: bigint;
  /** I/Os in flight now (a gauge). */
  ioInProgress: bigint;
  /**
   * Time the device had I/O in flight (busy time: `%util` is its rate).
   *
   * Unit: ms. Counter: it only grows (a drop is a reset).
   */
  ioTimeMs: bigint;
  /**
   * In-flight time weighted by queue depth.
   *
   * Unit: ms. Counter: it only grows (a drop is a reset).
   */
  weightedIoTimeMs: bigint;
  /**
   * Linux 4.18+ (`not_supported` before), like the other discard fields.
   *
   * Counter: it only grows (a drop is a reset).
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
  unavailable?: Partial<Record<'discardsCompleted' | 'discardsMerged' | 'sectorsDiscarded' | 'discardTimeMs' | 'flushesCompleted' | 'flushTimeMs', Reason>>;
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
 * - `permission_denied` when a directory above the mount point cannot be searched.
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

/** Everything the kernel tells about one process. */
export interface ProcessFull {
  pid: number;
  /** Parent process id (0 for init and kthreadd). */
  ppid: number;
  /** Process group id. */
  pgid: number;
  /** Session id. */
  sid: number;
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
  nice: number;
  /**
   * Kernel scheduling priority as `/proc/<pid>/stat` shows it (20 + nice for normal
   * tasks; negative for real-time ones).
   */
  priority: number;
  numThreads: number;
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
  flags: number;
  /** True for kernel threads (`PF_KTHREAD`). */
  isKernelThread: boolean;
  /** Controlling terminal (`tty_nr`, encoded device number; 0 when none). */
  ttyNr: number;
  /** Unit: ticks. Counter: it only grows (a drop is a reset). */
  cpuUserTicks: bigint;
  /** Unit: ticks. Counter: it only grows (a drop is a reset). */
  cpuSystemTicks: bigint;
  /**
   * CPU time of waited-for children, user mode.
   *
   * Unit: ticks. Counter: it only grows (a drop is a reset).
   */
  cpuChildrenUser: bigint;
  /** Unit: ticks. Counter: it only grows (a drop is a reset). */
  cpuChildrenSystem: bigint;
  /**
   * CPU use since the previous snapshot of the same `Probe`, in percent of one CPU
   * (200 = two CPUs busy). Missing with `no_previous_sample` on the first snapshot.
   *
   * Unit: percent.
   */
  cpuPercent: number | null;
  /** CPUs the process may run on (`Cpus_allowed_list`). */
  cpuAffinity: number[] | null;
  /** The CPU the process last ran on. */
  lastCpu: number;
  /**
   * Resident set size.
   *
   * Unit: bytes.
   */
  memoryRss: bigint;
  /**
   * Virtual memory size.
   *
   * Unit: bytes.
   */
  memoryVms: bigint;
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
  pageFaultsMinor: bigint;
  /** Counter: it only grows (a drop is a reset). */
  pageFaultsMajor: bigint;
  /**
   * Minor faults of waited-for children.
   *
   * Counter: it only grows (a drop is a reset).
   */
  pageFaultsChildrenMinor: bigint;
  /** Counter: it only grows (a drop is a reset). */
  pageFaultsChildrenMajor: bigint;
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
  /** SCHED_OTHER 0, FIFO 1, RR 2, BATCH 3, IDLE 5, DEADLINE 6. */
  schedPolicy: number;
  /** Real-time priority (1–99), 0 for normal policies. */
  schedPriority: number;
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
  /** The fields that could not be read, each with its reason; present only when some are missing. */
  unavailable?: Partial<Record<'tgid' | 'nsPids' | 'exe' | 'exeDeleted' | 'cmdline' | 'cwd' | 'root' | 'uidReal' | 'uidEffective' | 'uidSaved' | 'uidFilesystem' | 'gidReal' | 'gidEffective' | 'gidSaved' | 'gidFilesystem' | 'groups' | 'startTimeUnix' | 'cpuPercent' | 'cpuAffinity' | 'memoryShared' | 'memoryText' | 'memoryData' | 'memoryLib' | 'memoryDirty' | 'memorySwap' | 'memoryPss' | 'memoryUss' | 'memoryPssAnon' | 'memoryPssFile' | 'memoryPssShmem' | 'memoryRssPeak' | 'memoryLocked' | 'memoryPageTables' | 'memoryPercent' | 'ioReadBytes' | 'ioWriteBytes' | 'ioReadChars' | 'ioWriteChars' | 'ioReadSyscalls' | 'ioWriteSyscalls' | 'ioCancelledWrite' | 'numFds' | 'openFiles' | 'openSockets' | 'maps' | 'voluntaryCtxSwitches' | 'nonvoluntaryCtxSwitches' | 'limits' | 'seccompMode' | 'seccompFilters' | 'capabilitiesEffective' | 'capabilitiesPermitted' | 'capabilitiesInheritable' | 'capabilitiesBounding' | 'capabilitiesAmbient' | 'noNewPrivs' | 'nsCgroup' | 'nsIpc' | 'nsMnt' | 'nsNet' | 'nsPid' | 'nsPidChildren' | 'nsTime' | 'nsTimeChildren' | 'nsUser' | 'nsUts' | 'cgroupPath' | 'cgroupControllers' | 'cgroupLimits' | 'environ' | 'oomScore' | 'oomScoreAdj' | 'cpuTimeLimit' | 'signalsPending' | 'signalsBlocked' | 'signalsIgnored' | 'signalsCaught', Reason>>;
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
  /** Unit: bytes. */
  offset: bigint;
  /** `major:minor` of the device holding the mapped file (`00:00` when anonymous). */
  device: string;
  inode: bigint;
  /** The file, or `[heap]`, `[stack]`, `[vdso]`, …; empty for anonymous mappings. */
  pathname: string;
}

/**
 * The sixteen resource limits of `/proc/<pid>/limits`, in the kernel's units (noted per
 * field). `u64::MAX` means unlimited.
 */
export interface ProcessLimits {
  /**
   * RLIMIT_CPU.
   *
   * Unit: seconds.
   */
  maxCpuTime: Limit;
  /**
   * RLIMIT_FSIZE.
   *
   * Unit: bytes.
   */
  maxFileSize: Limit;
  /**
   * RLIMIT_DATA.
   *
   * Unit: bytes.
   */
  maxDataSize: Limit;
  /**
   * RLIMIT_STACK.
   *
   * Unit: bytes.
   */
  maxStackSize: Limit;
  /**
   * RLIMIT_CORE.
   *
   * Unit: bytes.
   */
  maxCoreSize: Limit;
  /**
   * RLIMIT_RSS (not enforced by Linux).
   *
   * Unit: bytes.
   */
  maxResidentSet: Limit;
  /**
   * RLIMIT_NPROC.
   *
   * Unit: processes.
   */
  maxProcesses: Limit;
  /**
   * RLIMIT_NOFILE.
   *
   * Unit: files.
   */
  maxOpenFiles: Limit;
  /**
   * RLIMIT_MEMLOCK.
   *
   * Unit: bytes.
   */
  maxLockedMemory: Limit;
  /**
   * RLIMIT_AS.
   *
   * Unit: bytes.
   */
  maxAddressSpace: Limit;
  /**
   * RLIMIT_LOCKS.
   *
   * Unit: locks.
   */
  maxFileLocks: Limit;
  /**
   * RLIMIT_SIGPENDING.
   *
   * Unit: signals.
   */
  maxPendingSignals: Limit;
  /**
   * RLIMIT_MSGQUEUE.
   *
   * Unit: bytes.
   */
  maxMsgqueueSize: Limit;
  /** RLIMIT_NICE (the ceiling is `20 - soft`). */
  maxNicePriority: Limit;
  /** RLIMIT_RTPRIO. */
  maxRealtimePriority: Limit;
  /**
   * RLIMIT_RTTIME.
   *
   * Unit: us.
   */
  maxRealtimeTimeout: Limit;
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
   * Time on CPU, summed over threads.
   *
   * Unit: ns. Counter: it only grows (a drop is a reset).
   */
  cpuRunTimeNs: bigint | null;
  /**
   * Time runnable but waiting for a CPU (run-queue delay).
   *
   * Unit: ns. Counter: it only grows (a drop is a reset).
   */
  cpuRunDelayNs: bigint | null;
  /**
   * Number of times a thread of the process ran on a CPU.
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
  unavailable?: Partial<Record<'tcp' | 'udp' | 'unixSockets' | 'raw' | 'netlink' | 'packet' | 'udpStats' | 'udp6Stats' | 'socketStats' | 'snmp' | 'snmp6' | 'netstat' | 'interfaces' | 'routes' | 'neighbours' | 'conntrack', Reason>>;
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
  timerJiffies: number;
  /** Unanswered retransmissions of the current segment (`icsk_retransmits`). */
  retransmits: number;
  /** The user that created the socket. */
  uid: number;
  /**
   * Unanswered zero-window probes (`icsk_probes_out`: the `timeout` column of
   * `/proc/net/tcp`).
   */
  timeout: number;
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
  unavailable?: Partial<Record<'pid' | 'processName' | 'owners' | 'acceptBacklogMax' | 'boundInterface' | 'cookie' | 'congestion' | 'shutdown' | 'info' | 'memory', Reason>>;
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
  socketType: UnixSocketType;
  state: UnixState;
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
  unavailable?: Partial<Record<'pid' | 'processName' | 'owners' | 'peerInode' | 'rxQueue' | 'txQueue' | 'uid' | 'vfsInode' | 'pendingConnections' | 'cookie' | 'memory', Reason>>;
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
  rxQueue: number;
  /**
   * Send buffer memory in use.
   *
   * Unit: bytes.
   */
  txQueue: number;
  /** Counter: it only grows (a drop is a reset). */
  drops: number | null;
  cookie: bigint | null;
  /** The fields that could not be read, each with its reason; present only when some are missing. */
  unavailable?: Partial<Record<'dstPortId' | 'dstGroup' | 'uid' | 'pid' | 'processName' | 'owners' | 'drops' | 'cookie', Reason>>;
}

/** One packet (`AF_PACKET`) socket, as used by packet capture. */
export interface PacketSocket {
  socketType: PacketSocketType;
  /** The Ethernet protocol captured (`0x0003` = every protocol, `0x0800` IPv4). */
  protocol: number;
  /** The interface it is bound to; 0 for every interface. */
  interfaceIndex: number;
  /** True while the socket receives (bound with a protocol). */
  running: boolean | null;
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
  cookie: bigint | null;
  /** The fields that could not be read, each with its reason; present only when some are missing. */
  unavailable?: Partial<Record<'running' | 'pid' | 'processName' | 'owners' | 'cookie', Reason>>;
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

/** The SNMP `Udp` counters (`/proc/net/snmp` for IPv4, `Udp6*` of `/proc/net/snmp6`). */
export interface UdpStats {
  /** Counter: it only grows (a drop is a reset). */
  inDatagrams: bigint;
  /**
   * Datagrams to a port nobody listens on.
   *
   * Counter: it only grows (a drop is a reset).
   */
  noPorts: bigint;
  /** Counter: it only grows (a drop is a reset). */
  inErrors: bigint;
  /** Counter: it only grows (a drop is a reset). */
  outDatagrams: bigint;
  /** Counter: it only grows (a drop is a reset). */
  rcvbufErrors: bigint;
  /** Counter: it only grows (a drop is a reset). */
  sndbufErrors: bigint;
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
  unavailable?: Partial<Record<'inCsumErrors' | 'ignoredMulti' | 'memErrors', Reason>>;
}

/**
 * Socket counts and memory (`/proc/net/sockstat`, `/proc/net/sockstat6`, and the
 * `tcp_mem`/`udp_mem` sysctls).
 */
export interface SocketStats {
  /** Sockets of every family in use. */
  socketsUsed: number;
  /** TCP sockets in use (IPv4 and IPv6, TIME_WAIT excluded). */
  tcpInuse: number;
  /** TCP sockets no process holds any more. */
  tcpOrphan: number;
  /** TCP sockets in TIME_WAIT. */
  tcpTw: number;
  /** TCP sockets allocated. */
  tcpAlloc: number;
  /**
   * Memory TCP uses now.
   *
   * Unit: pages.
   */
  tcpMemPages: bigint;
  /** The TCP memory thresholds (`net.ipv4.tcp_mem`). */
  tcpMem: MemoryLimits | null;
  /** UDP sockets in use (IPv4). */
  udpInuse: number;
  /** Unit: pages. */
  udpMemPages: bigint;
  /** The UDP memory thresholds (`net.ipv4.udp_mem`). */
  udpMem: MemoryLimits | null;
  udpliteInuse: number;
  rawInuse: number;
  /** IP fragment reassembly queues in use. */
  fragInuse: number;
  /** Unit: bytes. */
  fragMemory: bigint;
  /** The IPv6 counts of `/proc/net/sockstat6` (absent without IPv6). */
  tcp6Inuse: number | null;
  udp6Inuse: number | null;
  udplite6Inuse: number | null;
  raw6Inuse: number | null;
  frag6Inuse: number | null;
  /** Unit: bytes. */
  frag6Memory: bigint | null;
  /** The fields that could not be read, each with its reason; present only when some are missing. */
  unavailable?: Partial<Record<'tcpMem' | 'udpMem' | 'tcp6Inuse' | 'udp6Inuse' | 'udplite6Inuse' | 'raw6Inuse' | 'frag6Inuse' | 'frag6Memory', Reason>>;
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
  timeout: number;
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
  unavailable?: Partial<Record<'packetsOrig' | 'bytesOrig' | 'packetsReply' | 'bytesReply' | 'id' | 'useCount', Reason>>;
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

/** One CPU's conntrack counters (`conntrack -S`). */
export interface ConntrackCpuStats {
  cpu: number;
  /**
   * Lookups that found an entry.
   *
   * Counter: it only grows (a drop is a reset).
   */
  found: number;
  /**
   * Packets that could not be tracked.
   *
   * Counter: it only grows (a drop is a reset).
   */
  invalid: number;
  /** Counter: it only grows (a drop is a reset). */
  insert: number;
  /** Counter: it only grows (a drop is a reset). */
  insertFailed: number;
  /**
   * Packets dropped (the table was full).
   *
   * Counter: it only grows (a drop is a reset).
   */
  drop: number;
  /**
   * Entries evicted to make room.
   *
   * Counter: it only grows (a drop is a reset).
   */
  earlyDrop: number;
  /**
   * ICMP errors that matched no entry.
   *
   * Counter: it only grows (a drop is a reset).
   */
  error: number;
  /**
   * Lookups restarted because the table changed.
   *
   * Counter: it only grows (a drop is a reset).
   */
  searchRestart: number;
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
  unavailable?: Partial<Record<'clashResolve' | 'chainToolong', Reason>>;
}

/** One GPU. */
export interface GpuMetrics {
  /** The GPU's index among this machine's GPUs. */
  index: number;
}

/** Energy counters, power supplies and sensors. */
export interface PowerMetrics {
  /** Whether this machine exposes RAPL energy counters (`/sys/class/powercap`). */
  raplAvailable: boolean;
}

/** Disk health and volume managers. */
export interface Storage {
  /** The number of devices examined. */
  deviceCount: number;
}

/** What the tracers saw. */
export interface EbpfMetrics {
  /**
   * Nanoseconds the tracers have been attached.
   *
   * Unit: ns.
   */
  attachedNs: bigint;
}

/** The name of each record type. */
export type RecordTypeName = 'Snapshot' | 'DomainStatus' | 'System' | 'CpuTimes' | 'Cpu' | 'LoadAverage' | 'SystemPressure' | 'Pressure' | 'PsiLine' | 'Memory' | 'DiskStats' | 'Filesystem' | 'ProcessFull' | 'OpenFile' | 'OpenSocket' | 'MemoryMap' | 'ProcessLimits' | 'Limit' | 'CgroupLimits' | 'IoMax' | 'DelayAccounting' | 'Network' | 'NetNamespace' | 'TcpConnection' | 'SocketOwner' | 'TcpInfo' | 'SocketMemory' | 'UdpConnection' | 'UnixSocket' | 'RawSocket' | 'NetlinkSocket' | 'PacketSocket' | 'TcpStats' | 'UdpStats' | 'SocketStats' | 'MemoryLimits' | 'CounterTable' | 'NetInterfaceFull' | 'InterfaceFlags' | 'Ipv4Info' | 'Ipv6Info' | 'NetInterfaceStats' | 'Route' | 'RouteFlags' | 'RouteNextHop' | 'ArpEntry' | 'ConntrackEntry' | 'ConntrackStats' | 'ConntrackCpuStats' | 'GpuMetrics' | 'PowerMetrics' | 'Storage' | 'EbpfMetrics';

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
  PowerMetrics: PowerMetrics;
  Storage: Storage;
  EbpfMetrics: EbpfMetrics;
}

/** The system domain's options (`new Probe({ system: { … } })`); each one left out keeps its default. */
export interface SystemOptions {
}

/** The process domain's options (`new Probe({ process: { … } })`); each one left out keeps its default. */
export interface ProcessOptions {
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
   * Collect only these processes (default: every process).
   *
   * Key `process.pids`; default `all`.
   */
  pids?: number[] | null;
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
}

/** The power domain's options (`new Probe({ power: { … } })`); each one left out keeps its default. */
export interface PowerOptions {
}

/** The storage domain's options (`new Probe({ storage: { … } })`); each one left out keeps its default. */
export interface StorageOptions {
}

/** The ebpf domain's options (`new Probe({ ebpf: { … } })`); each one left out keeps its default. */
export interface EbpfOptions {
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
