// Generated from libprobe-core's record schema by bindings/node/src/typings.rs: do not edit.
// `LIBPROBE_BLESS=1 cargo test -p libprobe-node` rewrites this file; the test fails when it
// is stale.

/** The domains libprobe collects. Each is selected by options and reports its own status. */
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
  /** The fields that could not be read, each with its reason; present only when some are missing. */
  unavailable?: Partial<Record<'system' | 'processes', Reason>>;
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
   * Unit: seconds.
   */
  uptimeSeconds: number | null;
  /**
   * Idle time summed over CPUs (`/proc/uptime`).
   *
   * Unit: seconds.
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
  /** Context switches since boot. */
  contextSwitches: bigint;
  /** Interrupts serviced since boot. */
  interrupts: bigint;
  /** Softirqs serviced since boot (2.6.31+). */
  softirqs: bigint | null;
  /** Processes and threads created since boot. */
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
  /** Unit: ticks. */
  user: bigint;
  /** Unit: ticks. */
  nice: bigint;
  /** Unit: ticks. */
  system: bigint;
  /** Unit: ticks. */
  idle: bigint;
  /**
   * Idle while a task waited for I/O. Not monotonic per CPU: the kernel moves time
   * between `idle` and `iowait`.
   *
   * Unit: ticks.
   */
  iowait: bigint;
  /** Unit: ticks. */
  irq: bigint;
  /** Unit: ticks. */
  softirq: bigint;
  /**
   * Time stolen by the hypervisor.
   *
   * Unit: ticks.
   */
  steal: bigint;
  /**
   * Time running guests (already included in `user`).
   *
   * Unit: ticks.
   */
  guest: bigint;
  /**
   * Time running niced guests (already included in `nice`).
   *
   * Unit: ticks.
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
   * Unit: us.
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
   * Unit: bytes.
   */
  swapInBytes: bigint | null;
  /**
   * Swapped out to disk since boot (`pswpout` × page size).
   *
   * Unit: bytes.
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
  readsCompleted: bigint;
  /** Adjacent reads merged into one before reaching the device. */
  readsMerged: bigint;
  /**
   * 512-byte sectors, whatever the device's sector size.
   *
   * Unit: sectors.
   */
  sectorsRead: bigint;
  /**
   * `sectors_read * 512`.
   *
   * Unit: bytes.
   */
  readBytes: bigint;
  /**
   * Time spent by all reads (they overlap: may exceed wall time).
   *
   * Unit: ms.
   */
  readTimeMs: bigint;
  writesCompleted: bigint;
  writesMerged: bigint;
  /** Unit: sectors. */
  sectorsWritten: bigint;
  /**
   * `sectors_written * 512`.
   *
   * Unit: bytes.
   */
  writeBytes: bigint;
  /** Unit: ms. */
  writeTimeMs: bigint;
  /** I/Os in flight now (a gauge). */
  ioInProgress: bigint;
  /**
   * Time the device had I/O in flight (busy time: `%util` is its rate).
   *
   * Unit: ms.
   */
  ioTimeMs: bigint;
  /**
   * In-flight time weighted by queue depth.
   *
   * Unit: ms.
   */
  weightedIoTimeMs: bigint;
  /** Linux 4.18+ (`not_supported` before), like the other discard fields. */
  discardsCompleted: bigint | null;
  discardsMerged: bigint | null;
  /** Unit: sectors. */
  sectorsDiscarded: bigint | null;
  /** Unit: ms. */
  discardTimeMs: bigint | null;
  /** Linux 5.5+ (`not_supported` before), like `flush_time_ms`. */
  flushesCompleted: bigint | null;
  /** Unit: ms. */
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
  /** Unit: ticks. */
  cpuUserTicks: bigint;
  /** Unit: ticks. */
  cpuSystemTicks: bigint;
  /**
   * CPU time of waited-for children, user mode.
   *
   * Unit: ticks.
   */
  cpuChildrenUser: bigint;
  /** Unit: ticks. */
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
  pageFaultsMinor: bigint;
  pageFaultsMajor: bigint;
  /** Minor faults of waited-for children. */
  pageFaultsChildrenMinor: bigint;
  pageFaultsChildrenMajor: bigint;
  /**
   * Bytes fetched from storage.
   *
   * Unit: bytes.
   */
  ioReadBytes: bigint | null;
  /**
   * Bytes sent to storage (or dirtied in the page cache).
   *
   * Unit: bytes.
   */
  ioWriteBytes: bigint | null;
  /**
   * Bytes passed to read-like syscalls, cached or not (`rchar`).
   *
   * Unit: bytes.
   */
  ioReadChars: bigint | null;
  /**
   * Bytes passed to write-like syscalls (`wchar`).
   *
   * Unit: bytes.
   */
  ioWriteChars: bigint | null;
  ioReadSyscalls: bigint | null;
  ioWriteSyscalls: bigint | null;
  /**
   * Bytes whose write-out was cancelled by truncation.
   *
   * Unit: bytes.
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
  voluntaryCtxSwitches: bigint | null;
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
 * Addresses and state come from joining `inode` with the network domain's socket table;
 * here they are missing with reason `disabled` unless the network domain joined them.
 */
export interface OpenSocket {
  fd: number;
  /** The socket's inode (`socket:[inode]`): the key into every socket table. */
  inode: bigint;
  /** Family and type, from the socket's protocol name. */
  socketType: SocketType | null;
  /** The kernel's protocol name (`TCP`, `UDPv6`, `UNIX`, `NETLINK`, …). */
  protocol: string | null;
  /** Local address as `ip:port` (`[ip]:port` for IPv6) or a unix path. */
  localAddr: string | null;
  /** Remote address, when connected. */
  remoteAddr: string | null;
  /** TCP state name (`established`, `listen`, …), for TCP sockets. */
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
   * Unit: ns.
   */
  cpuRunTimeNs: bigint | null;
  /**
   * Time runnable but waiting for a CPU (run-queue delay).
   *
   * Unit: ns.
   */
  cpuRunDelayNs: bigint | null;
  /** Number of times a thread of the process ran on a CPU. */
  cpuTimeslices: bigint | null;
  /**
   * Aggregated block I/O delay (`delayacct_blkio_ticks`).
   *
   * Unit: ticks.
   */
  blkioDelayTicks: bigint | null;
  /**
   * taskstats: waiting for a CPU while runnable.
   *
   * Unit: ns.
   */
  cpuDelayTotalNs: bigint | null;
  cpuDelayCount: bigint | null;
  /**
   * taskstats: waiting for synchronous block I/O.
   *
   * Unit: ns.
   */
  blkioDelayTotalNs: bigint | null;
  blkioDelayCount: bigint | null;
  /**
   * taskstats: waiting for pages to be swapped in.
   *
   * Unit: ns.
   */
  swapinDelayTotalNs: bigint | null;
  swapinDelayCount: bigint | null;
  /**
   * taskstats: memory reclaim.
   *
   * Unit: ns.
   */
  freepagesDelayTotalNs: bigint | null;
  freepagesDelayCount: bigint | null;
  /**
   * taskstats: thrashing (refaults of recently evicted pages).
   *
   * Unit: ns.
   */
  thrashingDelayTotalNs: bigint | null;
  thrashingDelayCount: bigint | null;
  /**
   * taskstats: memory compaction.
   *
   * Unit: ns.
   */
  compactDelayTotalNs: bigint | null;
  compactDelayCount: bigint | null;
  /**
   * taskstats: copy-on-write faults (Linux 6.3+).
   *
   * Unit: ns.
   */
  wpcopyDelayTotalNs: bigint | null;
  wpcopyDelayCount: bigint | null;
  /**
   * taskstats: IRQ/softirq time stolen (Linux 6.6+).
   *
   * Unit: ns.
   */
  irqDelayTotalNs: bigint | null;
  irqDelayCount: bigint | null;
  /** The fields that could not be read, each with its reason; present only when some are missing. */
  unavailable?: Partial<Record<'cpuRunTimeNs' | 'cpuRunDelayNs' | 'cpuTimeslices' | 'blkioDelayTicks' | 'cpuDelayTotalNs' | 'cpuDelayCount' | 'blkioDelayTotalNs' | 'blkioDelayCount' | 'swapinDelayTotalNs' | 'swapinDelayCount' | 'freepagesDelayTotalNs' | 'freepagesDelayCount' | 'thrashingDelayTotalNs' | 'thrashingDelayCount' | 'compactDelayTotalNs' | 'compactDelayCount' | 'wpcopyDelayTotalNs' | 'wpcopyDelayCount' | 'irqDelayTotalNs' | 'irqDelayCount', Reason>>;
}

/** The name of each record type. */
export type RecordTypeName = 'Snapshot' | 'DomainStatus' | 'System' | 'CpuTimes' | 'Cpu' | 'LoadAverage' | 'SystemPressure' | 'Pressure' | 'PsiLine' | 'Memory' | 'DiskStats' | 'Filesystem' | 'ProcessFull' | 'OpenFile' | 'OpenSocket' | 'MemoryMap' | 'ProcessLimits' | 'Limit' | 'CgroupLimits' | 'IoMax' | 'DelayAccounting';

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
}

/** Options of `new Probe(options)`; each one left out takes the core's default. */
export interface ProbeOptions {
  /** Domains to collect: a comma-separated string or a list of names (`all` for every domain). Default: every domain but ebpf. */
  domains?: string | DomainName[];
  /** PSS, USS, dirty and swap-PSS memory from smaps_rollup (costly). Default false. */
  smapsRollup?: boolean;
  /** Every memory mapping. Default false. */
  maps?: boolean;
  /** Every open descriptor, and the sockets among them. Default false. */
  fds?: boolean;
  /** Process environments (may hold secrets). Default false. */
  environ?: boolean;
  /** Per-cause delay totals over taskstats (needs CAP_NET_ADMIN). Default false. */
  taskstats?: boolean;
  /** The limits that bind each process through its cgroup. Default true. */
  cgroupLimits?: boolean;
  /** Collect only these processes. Default: every process. */
  pids?: number[];
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
