# Generated from libprobe-core's schemas by `make generate` (generate/src/python.rs): do not
# edit. `make test` fails when it is stale.
"""Type stubs of libprobe's extension module (see libprobe/__init__.py)."""

import os
from typing import Any, ClassVar, Iterable, Literal, Sequence, TypedDict, Union, final

from typing_extensions import disjoint_base

__all__ = [
    "Probe",
    "Record",
    "ProbeError",
    "VERSION",
    "DOMAINS",
    "OPTIONS",
    "IoError",
    "PermissionDeniedError",
    "NotFoundError",
    "GoneError",
    "ParseError",
    "TooLargeError",
    "UnsupportedError",
    "NotPresentError",
    "InvalidArgumentError",
    "TimedOutError",
    "Snapshot",
    "DomainStatus",
    "System",
    "CpuTimes",
    "Cpu",
    "LoadAverage",
    "SystemPressure",
    "Pressure",
    "PsiLine",
    "Memory",
    "DiskStats",
    "Filesystem",
    "FileHandles",
    "InodeCounts",
    "Entropy",
    "SocketBufferMemory",
    "ProcessFull",
    "OpenFile",
    "OpenSocket",
    "MemoryMap",
    "ProcessLimits",
    "Limit",
    "CgroupLimits",
    "IoMax",
    "DelayAccounting",
    "Network",
    "NetNamespace",
    "TcpConnection",
    "SocketOwner",
    "TcpInfo",
    "SocketMemory",
    "UdpConnection",
    "UnixSocket",
    "RawSocket",
    "NetlinkSocket",
    "PacketSocket",
    "TcpStats",
    "UdpStats",
    "SocketStats",
    "MemoryLimits",
    "CounterTable",
    "NetInterfaceFull",
    "InterfaceFlags",
    "Ipv4Info",
    "Ipv6Info",
    "NetInterfaceStats",
    "Route",
    "RouteFlags",
    "RouteNextHop",
    "ArpEntry",
    "ConntrackEntry",
    "ConntrackStats",
    "ConntrackCpuStats",
    "GpuMetrics",
    "GpuProcess",
    "GpuEngineUse",
    "GpuMemoryRegion",
    "ComputeCapability",
    "ClockEventReasons",
    "GtClocks",
    "NvLink",
    "MigDevice",
    "PowerMetrics",
    "RaplDomain",
    "RaplConstraint",
    "BatteryInfo",
    "PowerSupply",
    "HwmonChip",
    "SensorChannel",
    "ThermalZone",
    "TripPoint",
    "CoolingDevice",
    "ProcessEnergyEstimate",
    "ProcessEnergy",
    "Storage",
    "SmartMetrics",
    "SmartAttribute",
    "ZfsPoolMetrics",
    "ZfsVdev",
    "ZfsDataset",
    "ZfsArcStats",
    "BtrfsMetrics",
    "BtrfsDevice",
    "BtrfsAllocation",
    "LvmMetrics",
    "VolumeGroup",
    "LogicalVolume",
    "DeviceMapperState",
    "PhysicalVolume",
    "EbpfMetrics",
    "TracerStatus",
    "LatencyHistogram",
    "HistogramBucket",
    "ProcessSyscalls",
    "OffCpuTime",
    "BlockIoDevice",
    "BlockIoStats",
    "ProcessNetwork",
    "CgroupNetwork",
    "TcpConnectPort",
    "EbpfTotals",
    "PageFaults",
    "MmapCalls",
    "TcpRetransmits",
    "PacketDrops",
    "FileOpen",
]

VERSION: str
"""The libprobe version."""
DOMAINS: tuple[_DomainName, ...]
"""Every domain libprobe has, in code order."""
OPTIONS: tuple[_OptionInfo, ...]
"""Every option: key, kind, doc, default, accepted values (the core's schema)."""

_DomainName = Literal["system", "process", "network", "gpu", "power", "storage", "ebpf"]
"""The domains libprobe collects. Each is selected by options and reports its own
status; the codes are stable (the C ABI's `LIBPROBE_DOMAIN_*`).
"""
_DomainState = Literal["collected", "skipped", "failed"]
"""Whether a domain was collected."""
_Reason = Literal["permission_denied", "gone", "not_supported", "not_present", "disabled", "not_enabled", "zombie", "kernel_thread", "no_previous_sample", "too_large", "timed_out", "error", "standby"]
"""Why a field or a domain holds no value.

The codes are stable (the C ABI exposes them) and never renumbered.
"""
_ProcessState = Literal["running", "sleeping", "disk_sleep", "zombie", "stopped", "tracing_stop", "dead", "wakekill", "waking", "parked", "idle", "unknown"]
"""Scheduler state, from the state letter of `/proc/<pid>/stat`."""
_StatFrom = Literal["proc_stat", "bpf_iter"]
"""Where a process's `/proc/<pid>/stat` fields came from (its `stat_from`; option `via`)."""
_FileType = Literal["regular", "directory", "char_device", "block_device", "pipe", "socket", "symlink", "anon_inode", "unknown"]
"""What an open file descriptor refers to."""
_SocketType = Literal["tcp", "tcp6", "udp", "udp6", "udplite", "udplite6", "raw", "raw6", "unix", "netlink", "packet", "sctp", "sctp6", "mptcp", "vsock", "other"]
"""A socket's protocol family and type, as seen from the owning process."""
_OwnersFrom = Literal["process_fds", "proc_walk", "bpf_iter"]
"""Where a snapshot's socket owners came from (the network record's `owners_from`)."""
_AddressFamily = Literal["ipv4", "ipv6"]
"""The address family of an Internet socket, address or route."""
_TcpState = Literal["established", "syn_sent", "syn_recv", "fin_wait1", "fin_wait2", "time_wait", "close", "close_wait", "last_ack", "listen", "closing", "bound_inactive", "unknown"]
"""A TCP state (`include/net/tcp_states.h`). Request sockets (`NEW_SYN_RECV`) are shown
as `syn_recv`, as the kernel's own tables do.
"""
_UnixSocketType = Literal["stream", "dgram", "seqpacket", "unknown"]
"""The type of a Unix socket (`SOCK_*` values)."""
_UnixState = Literal["unconnected", "connected", "listening", "unknown"]
"""The state of a Unix socket (its `sk_state`: a Unix socket is only ever unconnected,
connected or listening).
"""
_PacketSocketType = Literal["raw", "dgram", "unknown"]
"""The type of a packet socket."""
_InterfaceState = Literal["unknown", "not_present", "down", "lower_layer_down", "testing", "dormant", "up"]
"""The operational state of an interface (RFC 2863, `IF_OPER_*`)."""
_Duplex = Literal["half", "full"]
"""Link duplex."""
_AddressScope = Literal["global", "site", "link", "host", "nowhere", "other"]
"""The scope of an address or route (`RT_SCOPE_*`)."""
_RouteType = Literal["unspec", "unicast", "local", "broadcast", "anycast", "multicast", "blackhole", "unreachable", "prohibit", "throw", "nat", "xresolve"]
"""The type of a route (`RTN_*`)."""
_NeighbourState = Literal["incomplete", "reachable", "stale", "delay", "probe", "failed", "no_arp", "permanent", "none"]
"""A neighbour cache state (`NUD_*`)."""
_GpuVendor = Literal["nvidia", "amd", "intel", "unknown"]
"""Who made a GPU."""
_ComputeMode = Literal["default", "exclusive_thread", "prohibited", "exclusive_process"]
"""Which processes may use a GPU (NVML compute mode)."""
_GpuState = Literal["collected", "failed"]
"""Whether a GPU's record was read (fields may still be missing one by one) or the GPU
failed as a whole.
"""
_DrmClientsFrom = Literal["process_fds", "gpu_walk"]
"""Where the DRM clients of a snapshot were found."""
_GpuProcessType = Literal["compute", "graphics", "compute_and_graphics", "drm_client"]
"""What a process does on a GPU."""
_BatteryStatus = Literal["unknown", "charging", "discharging", "not_charging", "full"]
"""What a battery is doing (`status`)."""
_BatteryFamily = Literal["energy", "charge"]
"""Which quantities a battery reports its content in."""
_SensorKind = Literal["voltage", "fan", "temperature", "power", "energy", "current", "humidity"]
"""What a sensor channel measures, and so the unit of its values. The order is the one
`sensors` prints channels in.
"""
_StorageProtocol = Literal["sata", "nvme", "sas"]
"""The command set a disk speaks."""
_SmartStatus = Literal["passed", "failed"]
"""The overall health verdict of a disk."""
_PowerMode = Literal["active", "idle", "standby", "unknown"]
"""An ATA disk's power mode (CHECK POWER MODE)."""
_ZfsHealth = Literal["online", "degraded", "faulted", "offline", "unavail", "removed", "suspended", "unknown"]
"""Health of a ZFS pool or vdev."""
_TracerName = Literal["syscalls", "runqlat", "offcpu", "biolatency", "faults", "mmap", "opens", "filelat", "netbytes", "tcpconnlat", "tcpretrans", "drops"]
"""An eBPF tracer: one set of BPF programs and the maps they fill."""
_TracerState = Literal["attached", "failed"]
"""Whether a tracer's programs are attached."""
_HookType = Literal["tp_btf", "raw_tp", "tracepoint"]
"""How a BPF program is attached to a kernel tracepoint."""
_BlockOperation = Literal["read", "write", "flush", "discard", "secure_erase", "write_zeroes", "other"]
"""A block request's operation (`REQ_OP_*`)."""

class ProbeError(Exception):
    """Base class of every libprobe error. `kind` names the error kind."""

    kind: ClassVar[str]

class IoError(ProbeError):
    """An I/O error not covered by a more precise kind. (kind `io`)"""

class PermissionDeniedError(ProbeError):
    """The kernel refused access (EACCES, EPERM). (kind `permission_denied`)"""

class NotFoundError(ProbeError):
    """A file or directory does not exist. (kind `not_found`)"""

class GoneError(ProbeError):
    """The process has exited. (kind `gone`)"""

class ParseError(ProbeError):
    """Kernel output did not parse. (kind `parse`)"""

class TooLargeError(ProbeError):
    """A source was larger than the read limit. (kind `too_large`)"""

class UnsupportedError(ProbeError):
    """Not supported by this kernel or platform. (kind `unsupported`)"""

class NotPresentError(ProbeError):
    """Not present on this machine. (kind `not_present`)"""

class InvalidArgumentError(ProbeError):
    """An invalid argument or option. (kind `invalid_argument`)"""

class TimedOutError(ProbeError):
    """A source did not answer in time. (kind `timed_out`)"""

@disjoint_base
class Record:
    """A record of a snapshot. Each record type is a subclass with one read-only attribute
    per field; a field that could not be read is `None` and `unavailable` says why."""

    _fields: ClassVar[tuple[str, ...]]
    """The field names, in declaration order."""

    @property
    def unavailable(self) -> dict[str, _Reason]:
        """The fields that could not be read, each with its reason. Fields that are merely
        absent (`None` with no reason) are not listed."""
    def reason_of(self, field: str) -> Union[_Reason, None]:
        """Why `field` has no value, or `None` when it has one or is merely absent.
        Raises AttributeError for a name that is not a field."""
    def to_dict(self) -> dict[str, Any]:
        """The record as plain dicts, lists and scalars (the JSON shape): snake_case keys,
        `None` for missing values, and an `"unavailable"` dict when there are any."""
    def to_json(self, indent: Union[int, None] = None) -> str:
        """The record as JSON (`to_dict`'s shape; non-UTF-8 bytes as `\\udcXX` escapes)."""

@final
class Snapshot(Record):
    """Everything one call collected."""
    @property
    def timestamp_unix_ns(self) -> int:
        """When collection started, on the observed machine's clock.

        Unit: ns.
        """
    @property
    def timestamp_monotonic_ns(self) -> int:
        """CLOCK_MONOTONIC when collection started (for computing rates between snapshots).

        Unit: ns.
        """
    @property
    def duration_ns(self) -> int:
        """Time the whole collection took.

        Unit: ns.
        """
    @property
    def libprobe_version(self) -> str:
        ...
    @property
    def domains(self) -> list[DomainStatus]:
        """One entry per domain: collected, skipped or failed, and why."""
    @property
    def system(self) -> Union[System, None]:
        ...
    @property
    def processes(self) -> Union[list[ProcessFull], None]:
        ...
    @property
    def network(self) -> Union[Network, None]:
        """Sockets, interfaces, routes, neighbours, conntrack and protocol counters of one
        network namespace (see [`crate::network`]).
        """
    @property
    def gpus(self) -> Union[list[GpuMetrics], None]:
        """Every GPU (see [`crate::gpu`])."""
    @property
    def power(self) -> Union[PowerMetrics, None]:
        """RAPL zones, power supplies and sensors (see [`crate::power`])."""
    @property
    def storage(self) -> Union[Storage, None]:
        """SMART health, Btrfs, LVM and ZFS (see [`crate::storage`])."""
    @property
    def ebpf(self) -> Union[EbpfMetrics, None]:
        """What the eBPF tracers saw since the previous snapshot (see [`crate::ebpf`])."""

@final
class DomainStatus(Record):
    """How the collection of one domain went."""
    @property
    def domain(self) -> _DomainName:
        ...
    @property
    def state(self) -> _DomainState:
        ...
    @property
    def reason(self) -> Union[_Reason, None]:
        """Why the domain was skipped or failed; `null` when collected."""
    @property
    def error(self) -> Union[str, None]:
        """The error that failed the domain, with the path it concerns."""
    @property
    def warnings(self) -> list[str]:
        """Problems that did not fail the domain: a file that failed to parse for one process,
        a source that was unexpectedly unreadable. Bounded; see `warnings_dropped`.
        """
    @property
    def warnings_dropped(self) -> int:
        """Warnings beyond the bound that were counted but not kept."""
    @property
    def duration_ns(self) -> int:
        """Time spent collecting this domain.

        Unit: ns.
        """

@final
class System(Record):
    """The machine as a whole."""
    @property
    def hostname(self) -> Union[str, None]:
        """`/proc/sys/kernel/hostname` (of the reader's UTS namespace)."""
    @property
    def kernel_release(self) -> Union[str, None]:
        """`uname -r` (`/proc/sys/kernel/osrelease`)."""
    @property
    def kernel_version(self) -> Union[str, None]:
        """`uname -v` (`/proc/sys/kernel/version`)."""
    @property
    def boot_time(self) -> Union[int, None]:
        """Boot time as a Unix timestamp (`btime` of `/proc/stat`; moves when the wall clock
        is stepped).

        Unit: seconds.
        """
    @property
    def uptime_seconds(self) -> Union[float, None]:
        """Time since boot, suspended time included (`/proc/uptime`).

        Unit: seconds. Counter: it only grows (a drop is a reset).
        """
    @property
    def idle_seconds(self) -> Union[float, None]:
        """Idle time summed over CPUs (`/proc/uptime`).

        Unit: seconds. Counter: it only grows (a drop is a reset).
        """
    @property
    def clock_ticks(self) -> int:
        """Clock ticks per second (the unit of every `*_ticks` field)."""
    @property
    def page_size(self) -> int:
        """Unit: bytes."""
    @property
    def cpu_count(self) -> int:
        """Logical CPUs online (`/sys/devices/system/cpu/online`, else the `cpuN` lines of
        `/proc/stat`). Not reduced by affinity or cgroup limits, unlike `nproc`.
        """
    @property
    def cpu_count_possible(self) -> Union[int, None]:
        """Logical CPUs the kernel can bring online (`possible`)."""
    @property
    def cpu_count_physical(self) -> Union[int, None]:
        """Physical cores among online CPUs (distinct package/die/core ids, else distinct
        sibling sets).
        """
    @property
    def cpu_packages(self) -> Union[int, None]:
        """Packages (sockets) among online CPUs."""
    @property
    def cpu_total(self) -> Union[CpuTimes, None]:
        """The `cpu` line of `/proc/stat`: every possible CPU, summed."""
    @property
    def cpu_percent(self) -> Union[float, None]:
        """Busy share of all CPUs since the previous snapshot of the same `Probe` (0–100, not
        per core). `no_previous_sample` on the first snapshot, when no clock tick elapsed
        since the previous one, and when the counters went backwards (CPU hotplug).

        Unit: percent.
        """
    @property
    def cpus(self) -> list[Cpu]:
        """Every present CPU, by id."""
    @property
    def context_switches(self) -> Union[int, None]:
        """Context switches since boot.

        Counter: it only grows (a drop is a reset).
        """
    @property
    def interrupts(self) -> Union[int, None]:
        """Interrupts serviced since boot.

        Counter: it only grows (a drop is a reset).
        """
    @property
    def softirqs(self) -> Union[int, None]:
        """Softirqs serviced since boot (2.6.31+).

        Counter: it only grows (a drop is a reset).
        """
    @property
    def forks(self) -> Union[int, None]:
        """Processes and threads created since boot.

        Counter: it only grows (a drop is a reset).
        """
    @property
    def procs_running(self) -> Union[int, None]:
        """Threads runnable now."""
    @property
    def procs_blocked(self) -> Union[int, None]:
        """Threads blocked on I/O now."""
    @property
    def load(self) -> Union[LoadAverage, None]:
        ...
    @property
    def pressure(self) -> SystemPressure:
        ...
    @property
    def memory(self) -> Union[Memory, None]:
        ...
    @property
    def meminfo(self) -> Union[dict[str, int], None]:
        """Every `/proc/meminfo` line: values with a `kB` unit converted to bytes, the others
        (`HugePages_*`) as counts. A line whose value does not parse is left out (with a
        warning).
        """
    @property
    def vmstat(self) -> Union[dict[str, int], None]:
        """Every `/proc/vmstat` counter, as the kernel prints it (mostly pages); one that does
        not parse is left out (with a warning).
        """
    @property
    def disks(self) -> Union[list[DiskStats], None]:
        """Every line of `/proc/diskstats` (disks, partitions, loop, dm and zram devices)."""
    @property
    def filesystems(self) -> Union[list[Filesystem], None]:
        """Every mount of `/proc/self/mountinfo` (the reader's mount namespace), in order."""
    @property
    def file_handles(self) -> Union[FileHandles, None]:
        """File handles (`/proc/sys/fs/file-nr`)."""
    @property
    def inodes(self) -> Union[InodeCounts, None]:
        """Cached inodes (`/proc/sys/fs/inode-nr`)."""
    @property
    def entropy(self) -> Union[Entropy, None]:
        """The random pool (`/proc/sys/kernel/random/`)."""
    @property
    def socket_memory(self) -> Union[SocketBufferMemory, None]:
        """Socket buffer memory of the reader's network namespace (`/proc/net/sockstat`,
        `sockstat6`), in bytes.
        """

@final
class CpuTimes(Record):
    """Time spent in each CPU mode (a `cpu` line of `/proc/stat`), in clock ticks.

    Kernels older than 2.6.33 print fewer columns; the modes they do not print are 0
    (that time is counted in the other modes there).
    """
    @property
    def user(self) -> int:
        """Unit: ticks. Counter: it only grows (a drop is a reset)."""
    @property
    def nice(self) -> int:
        """Unit: ticks. Counter: it only grows (a drop is a reset)."""
    @property
    def system(self) -> int:
        """Unit: ticks. Counter: it only grows (a drop is a reset)."""
    @property
    def idle(self) -> int:
        """Unit: ticks. Counter: it only grows (a drop is a reset)."""
    @property
    def iowait(self) -> int:
        """Idle while a task waited for I/O. Not monotonic per CPU: the kernel moves time
        between `idle` and `iowait`.

        Unit: ticks. Counter: it only grows (a drop is a reset).
        """
    @property
    def irq(self) -> int:
        """Unit: ticks. Counter: it only grows (a drop is a reset)."""
    @property
    def softirq(self) -> int:
        """Unit: ticks. Counter: it only grows (a drop is a reset)."""
    @property
    def steal(self) -> int:
        """Time stolen by the hypervisor.

        Unit: ticks. Counter: it only grows (a drop is a reset).
        """
    @property
    def guest(self) -> int:
        """Time running guests (already included in `user`).

        Unit: ticks. Counter: it only grows (a drop is a reset).
        """
    @property
    def guest_nice(self) -> int:
        """Time running niced guests (already included in `nice`).

        Unit: ticks. Counter: it only grows (a drop is a reset).
        """

@final
class Cpu(Record):
    """One logical CPU (every CPU `present` lists, online or not)."""
    @property
    def id(self) -> int:
        """The logical CPU number."""
    @property
    def online(self) -> bool:
        ...
    @property
    def times(self) -> Union[CpuTimes, None]:
        """Mode times (its `cpuN` line of `/proc/stat`), whenever `/proc/stat` has that line
        (even for a CPU sysfs lists as offline); `not_enabled` for an offline CPU without
        one.
        """
    @property
    def percent(self) -> Union[float, None]:
        """Busy share since the previous snapshot of the same `Probe` (0–100 for this one
        CPU). `no_previous_sample` on the first snapshot, when no clock tick elapsed
        since the previous one, and after the CPU came back online; `not_enabled` while
        offline.

        Unit: percent.
        """
    @property
    def package_id(self) -> Union[int, None]:
        """Physical package (socket), `-1` where the architecture does not know it. Every
        topology field is `not_enabled` while the CPU is offline and `not_present` on a
        kernel without the file (`die_id` before 5.3, `cluster_id` before 5.16).
        """
    @property
    def die_id(self) -> Union[int, None]:
        """Die within the package."""
    @property
    def cluster_id(self) -> Union[int, None]:
        """Cluster of cores sharing a cache level (arm64 clusters, x86 L2 groups)."""
    @property
    def core_id(self) -> Union[int, None]:
        """Core within the package and die (not unique machine-wide)."""
    @property
    def thread_siblings(self) -> Union[list[int], None]:
        """Logical CPUs sharing this core (SMT siblings), this one included."""
    @property
    def frequency_mhz(self) -> Union[float, None]:
        """Current frequency: cpufreq `scaling_cur_freq`, else the `cpu MHz` of
        `/proc/cpuinfo` (x86; often the nominal frequency in a VM); `not_supported` when
        neither has it (arm64 without cpufreq).

        Unit: MHz.
        """
    @property
    def frequency_min_mhz(self) -> Union[float, None]:
        """The lowest frequency the cpufreq policy allows (`scaling_min_freq`);
        `not_present` without a cpufreq driver.

        Unit: MHz.
        """
    @property
    def frequency_max_mhz(self) -> Union[float, None]:
        """The highest frequency the cpufreq policy allows (`scaling_max_freq`).

        Unit: MHz.
        """
    @property
    def governor(self) -> Union[str, None]:
        """The cpufreq governor (`schedutil`, `performance`, …)."""

@final
class LoadAverage(Record):
    """`/proc/loadavg`. Each value is read alone: one that does not parse (a negative load,
    a word) is missing with reason `error` and a warning.
    """
    @property
    def load1(self) -> Union[float, None]:
        """Runnable plus uninterruptible tasks, averaged over 1 minute."""
    @property
    def load5(self) -> Union[float, None]:
        """Over 5 minutes."""
    @property
    def load15(self) -> Union[float, None]:
        """Over 15 minutes."""
    @property
    def runnable(self) -> Union[int, None]:
        """Runnable scheduling entities now."""
    @property
    def total(self) -> Union[int, None]:
        """Scheduling entities (threads) that exist."""
    @property
    def last_pid(self) -> Union[int, None]:
        """The most recently created pid (in the reader's pid namespace)."""

@final
class SystemPressure(Record):
    """System-wide pressure stall information (`/proc/pressure/*`, Linux 4.20+ with PSI on).
    Each is `not_present` when its file is absent (no `CONFIG_PSI`, `psi=0`, an older
    kernel).
    """
    @property
    def cpu(self) -> Union[Pressure, None]:
        ...
    @property
    def memory(self) -> Union[Pressure, None]:
        ...
    @property
    def io(self) -> Union[Pressure, None]:
        ...
    @property
    def irq(self) -> Union[Pressure, None]:
        """Linux 6.1+ with `CONFIG_IRQ_TIME_ACCOUNTING`."""

@final
class Pressure(Record):
    """`some` (at least one task stalled) and `full` (all non-idle tasks stalled) pressure."""
    @property
    def some(self) -> PsiLine:
        ...
    @property
    def full(self) -> Union[PsiLine, None]:
        """Not reported for CPU at the system level before Linux 5.13."""

@final
class PsiLine(Record):
    """Pressure stall information for one resource (`/proc/pressure/*`, `<cgroup>/*.pressure`).
    Each value is read alone: one that does not parse is missing (`error`).
    """
    @property
    def avg10(self) -> Union[float, None]:
        """Share of wall time stalled, averaged over 10 s.

        Unit: percent.
        """
    @property
    def avg60(self) -> Union[float, None]:
        """Unit: percent."""
    @property
    def avg300(self) -> Union[float, None]:
        """Unit: percent."""
    @property
    def total_us(self) -> Union[int, None]:
        """Total stall time.

        Unit: us. Counter: it only grows (a drop is a reset).
        """

@final
class Memory(Record):
    """Physical memory and swap (`/proc/meminfo`), the fields most tools show. Fields whose
    line this kernel does not print are `not_supported`; a line whose value does not parse
    leaves its field `error` (with a warning). Without a valid `MemTotal`, the base of every
    share here, there is no `Memory` (`error`); `meminfo` keeps the other lines.
    """
    @property
    def total(self) -> int:
        """Usable RAM (`MemTotal`).

        Unit: bytes.
        """
    @property
    def free(self) -> Union[int, None]:
        """RAM not used at all (`MemFree`).

        Unit: bytes.
        """
    @property
    def available(self) -> Union[int, None]:
        """An estimate of memory available for new work without swapping (`MemAvailable`,
        Linux 3.14+).

        Unit: bytes.
        """
    @property
    def buffers(self) -> Union[int, None]:
        """Block device buffers (`Buffers`).

        Unit: bytes.
        """
    @property
    def cached(self) -> Union[int, None]:
        """Page cache, reclaimable slab excluded (`Cached`; `free` adds `SReclaimable` to
        show buff/cache).

        Unit: bytes.
        """
    @property
    def shared(self) -> Union[int, None]:
        """Shared memory (tmpfs, shm; `Shmem`, 2.6.32+).

        Unit: bytes.
        """
    @property
    def active(self) -> Union[int, None]:
        """Recently used memory, not reclaimed unless needed (`Active`).

        Unit: bytes.
        """
    @property
    def inactive(self) -> Union[int, None]:
        """Memory not used recently, first to be reclaimed (`Inactive`).

        Unit: bytes.
        """
    @property
    def slab(self) -> Union[int, None]:
        """Kernel slab caches, reclaimable and not (`Slab`).

        Unit: bytes.
        """
    @property
    def used(self) -> Union[int, None]:
        """`total - available` (or `total - free - buffers - cached` before 3.14), as
        `free` shows it; missing with the reason of a value it needs.

        Unit: bytes.
        """
    @property
    def used_percent(self) -> Union[float, None]:
        """`used / total`.

        Unit: percent.
        """
    @property
    def swap_total(self) -> Union[int, None]:
        """`SwapTotal`: 0 without swap.

        Unit: bytes.
        """
    @property
    def swap_free(self) -> Union[int, None]:
        """Unit: bytes."""
    @property
    def swap_used(self) -> Union[int, None]:
        """`swap_total - swap_free`.

        Unit: bytes.
        """
    @property
    def swap_used_percent(self) -> Union[float, None]:
        """`swap_used / swap_total`; `not_present` when there is no swap.

        Unit: percent.
        """
    @property
    def swap_in_bytes(self) -> Union[int, None]:
        """Swapped in from disk since boot (`pswpin` of `/proc/vmstat` × page size); missing
        with vmstat's reason when that file is unreadable.

        Unit: bytes. Counter: it only grows (a drop is a reset).
        """
    @property
    def swap_out_bytes(self) -> Union[int, None]:
        """Swapped out to disk since boot (`pswpout` × page size).

        Unit: bytes. Counter: it only grows (a drop is a reset).
        """

@final
class DiskStats(Record):
    """One block device or partition line of `/proc/diskstats`, counters since boot.

    The `*_time_ms` fields are 32-bit in the kernel and wrap at 2^32 ms (about 49.7 days
    of accumulated time): compute rates with wrapping subtraction modulo 2^32. Each
    counter is read alone: one that does not parse is missing (`error`, with a warning)
    and the rest of the device's line is kept; a line whose device number or name does
    not parse is no device and is left out, with a warning.
    """
    @property
    def name(self) -> str:
        """Kernel name (`sda`, `nvme0n1p1`, `dm-0`, `loop0`)."""
    @property
    def major(self) -> int:
        ...
    @property
    def minor(self) -> int:
        ...
    @property
    def reads_completed(self) -> Union[int, None]:
        """Counter: it only grows (a drop is a reset)."""
    @property
    def reads_merged(self) -> Union[int, None]:
        """Adjacent reads merged into one before reaching the device.

        Counter: it only grows (a drop is a reset).
        """
    @property
    def sectors_read(self) -> Union[int, None]:
        """512-byte sectors, whatever the device's sector size.

        Unit: sectors. Counter: it only grows (a drop is a reset).
        """
    @property
    def read_bytes(self) -> Union[int, None]:
        """`sectors_read * 512` (`error` when that does not fit a u64).

        Unit: bytes. Counter: it only grows (a drop is a reset).
        """
    @property
    def read_time_ms(self) -> Union[int, None]:
        """Time spent by all reads (they overlap: may exceed wall time).

        Unit: ms. Counter: it only grows (a drop is a reset).
        """
    @property
    def writes_completed(self) -> Union[int, None]:
        """Counter: it only grows (a drop is a reset)."""
    @property
    def writes_merged(self) -> Union[int, None]:
        """Counter: it only grows (a drop is a reset)."""
    @property
    def sectors_written(self) -> Union[int, None]:
        """Unit: sectors. Counter: it only grows (a drop is a reset)."""
    @property
    def write_bytes(self) -> Union[int, None]:
        """`sectors_written * 512`.

        Unit: bytes. Counter: it only grows (a drop is a reset).
        """
    @property
    def write_time_ms(self) -> Union[int, None]:
        """Unit: ms. Counter: it only grows (a drop is a reset)."""
    @property
    def io_in_progress(self) -> Union[int, None]:
        """I/Os in flight now (a gauge)."""
    @property
    def io_time_ms(self) -> Union[int, None]:
        """Time the device had I/O in flight (busy time: `%util` is its rate).

        Unit: ms. Counter: it only grows (a drop is a reset).
        """
    @property
    def weighted_io_time_ms(self) -> Union[int, None]:
        """In-flight time weighted by queue depth.

        Unit: ms. Counter: it only grows (a drop is a reset).
        """
    @property
    def discards_completed(self) -> Union[int, None]:
        """Linux 4.18+ (`not_supported` before: the line has no such column), like the other
        discard fields.
        """
    @property
    def discards_merged(self) -> Union[int, None]:
        """Counter: it only grows (a drop is a reset)."""
    @property
    def sectors_discarded(self) -> Union[int, None]:
        """Unit: sectors. Counter: it only grows (a drop is a reset)."""
    @property
    def discard_time_ms(self) -> Union[int, None]:
        """Unit: ms. Counter: it only grows (a drop is a reset)."""
    @property
    def flushes_completed(self) -> Union[int, None]:
        """Linux 5.5+ (`not_supported` before), like `flush_time_ms`.

        Counter: it only grows (a drop is a reset).
        """
    @property
    def flush_time_ms(self) -> Union[int, None]:
        """Unit: ms. Counter: it only grows (a drop is a reset)."""

@final
class Filesystem(Record):
    """One mounted filesystem (`/proc/self/mountinfo`) with its `statvfs` sizes.

    The size and inode fields are missing:
    - `disabled` for network filesystems (`nfs`, `nfs4`, `cifs`, `smb3`, `ceph`,
      `glusterfs`, `fuse.sshfs`, `9p`, `afs`, …), whose `statvfs` blocks for as long as
      the server does not answer, and for `autofs`, whose `statvfs` would mount it;
    - `not_present` for a mount covered by another mounted on the same mount point (its
      path reaches the one on top), for a mount point that no longer exists, and, for
      `used_percent`, on filesystems without blocks (`proc`, `sysfs`, `cgroup`);
    - `permission_denied` when a directory above the mount point cannot be searched;
    - `timed_out` when its `statvfs` did not answer within `statvfs_timeout_ms` (a stalled
      FUSE or network server; any filesystem not listed above, `fuse` included, is asked
      under that deadline, on a helper thread), until that call returns.
    """
    @property
    def mount_id(self) -> int:
        ...
    @property
    def parent_id(self) -> int:
        """The mount this one is mounted on."""
    @property
    def device(self) -> str:
        """`major:minor` of the device (`st_dev` of files on it)."""
    @property
    def source(self) -> str:
        """The device or source (`/dev/vda1`, `tmpfs`, `server:/export`)."""
    @property
    def mount_point(self) -> str:
        ...
    @property
    def root(self) -> str:
        """The directory of the filesystem mounted here (`/` unless a bind mount of a subtree)."""
    @property
    def fs_type(self) -> str:
        ...
    @property
    def options(self) -> str:
        """Per-mount options (`rw,relatime`)."""
    @property
    def super_options(self) -> str:
        """Per-superblock options."""
    @property
    def read_only(self) -> bool:
        """Mounted read-only, or its superblock is (`ro` in either option list)."""
    @property
    def total_bytes(self) -> Union[int, None]:
        """Unit: bytes."""
    @property
    def free_bytes(self) -> Union[int, None]:
        """Unit: bytes."""
    @property
    def available_bytes(self) -> Union[int, None]:
        """Free space usable by unprivileged users (`free_bytes` less the reserved blocks).

        Unit: bytes.
        """
    @property
    def used_bytes(self) -> Union[int, None]:
        """`total_bytes - free_bytes`.

        Unit: bytes.
        """
    @property
    def used_percent(self) -> Union[float, None]:
        """`used / (used + available)`, as `df` computes it (`df` rounds it up).

        Unit: percent.
        """
    @property
    def inodes_total(self) -> Union[int, None]:
        ...
    @property
    def inodes_free(self) -> Union[int, None]:
        ...
    @property
    def inodes_used(self) -> Union[int, None]:
        """`inodes_total - inodes_free`."""
    @property
    def block_size(self) -> Union[int, None]:
        """The filesystem's preferred I/O block size (`f_bsize`).

        Unit: bytes.
        """

@final
class FileHandles(Record):
    """The kernel's file handles (`/proc/sys/fs/file-nr`). Each value is read alone."""
    @property
    def allocated(self) -> Union[int, None]:
        """File handles allocated now."""
    @property
    def unused(self) -> Union[int, None]:
        """Allocated but unused: always 0 since Linux 2.6, which frees them at once."""
    @property
    def max(self) -> Union[int, None]:
        """The most the kernel will allocate (`fs.file-max`; 2^63-1 when unlimited)."""

@final
class InodeCounts(Record):
    """Inodes in the kernel's inode cache (`/proc/sys/fs/inode-nr`)."""
    @property
    def allocated(self) -> Union[int, None]:
        """Inodes allocated."""
    @property
    def free(self) -> Union[int, None]:
        """Of those, free (unused and reclaimable)."""

@final
class Entropy(Record):
    """The kernel's random pool (`/proc/sys/kernel/random/entropy_avail`, `poolsize`), each
    file read alone.
    """
    @property
    def available_bits(self) -> Union[int, None]:
        """Entropy the kernel estimates the pool holds. Since Linux 5.18, 256 once the
        generator is seeded.

        Unit: bits.
        """
    @property
    def pool_size_bits(self) -> Union[int, None]:
        """The pool's size: 4096 before Linux 5.18, 256 since.

        Unit: bits.
        """

@final
class SocketBufferMemory(Record):
    """Socket buffer memory now (`/proc/net/sockstat`, `/proc/net/sockstat6` of the reader's
    network namespace). The kernel prints TCP and UDP memory in pages: they are converted
    with the page size ([`crate::Source::page_size`]; a fixture tree's `syscalls.txt`
    `page_size`, 4096 when it has none). A product that does not fit a u64 is `error`.
    """
    @property
    def tcp_bytes(self) -> Union[int, None]:
        """TCP (`TCP: mem` × page size).

        Unit: bytes.
        """
    @property
    def udp_bytes(self) -> Union[int, None]:
        """UDP (`UDP: mem` × page size).

        Unit: bytes.
        """
    @property
    def frag_bytes(self) -> Union[int, None]:
        """IPv4 fragment reassembly queues (`FRAG: memory`).

        Unit: bytes.
        """
    @property
    def frag6_bytes(self) -> Union[int, None]:
        """IPv6 fragment reassembly queues (`FRAG6: memory`; `not_present` without IPv6).

        Unit: bytes.
        """

@final
class ProcessFull(Record):
    """Everything the kernel tells about one process."""
    @property
    def pid(self) -> int:
        """The process id (its `/proc` directory). With `start_time`, the identity of the
        process: a `stat` without a valid start time is no record (left out, with a
        warning). Every other field of `stat` is read alone: one that does not parse or fit
        its type is missing with reason `error` and a warning quoting it.
        """
    @property
    def ppid(self) -> Union[int, None]:
        """Parent process id (0 for init and kthreadd)."""
    @property
    def pgid(self) -> Union[int, None]:
        """Process group id."""
    @property
    def sid(self) -> Union[int, None]:
        """Session id."""
    @property
    def tgid(self) -> Union[int, None]:
        """Thread group id (equals `pid` for a process)."""
    @property
    def ns_pids(self) -> Union[list[int], None]:
        """The pid in each nested pid namespace, outermost first (`NSpid`)."""
    @property
    def name(self) -> str:
        """The command name (`comm`, at most 15 bytes, any byte but NUL)."""
    @property
    def exe(self) -> Union[str, None]:
        """The executable (`/proc/<pid>/exe`). Missing for kernel threads and zombies."""
    @property
    def exe_deleted(self) -> Union[bool, None]:
        """True when the executable has been deleted or replaced on disk since the start."""
    @property
    def cmdline(self) -> Union[list[str], None]:
        """The arguments (`/proc/<pid>/cmdline`), lossless. Empty for kernel threads."""
    @property
    def cwd(self) -> Union[str, None]:
        """The working directory."""
    @property
    def root(self) -> Union[str, None]:
        """The root directory (`/` unless chrooted or in a container)."""
    @property
    def uid_real(self) -> Union[int, None]:
        ...
    @property
    def uid_effective(self) -> Union[int, None]:
        ...
    @property
    def uid_saved(self) -> Union[int, None]:
        ...
    @property
    def uid_filesystem(self) -> Union[int, None]:
        ...
    @property
    def gid_real(self) -> Union[int, None]:
        ...
    @property
    def gid_effective(self) -> Union[int, None]:
        ...
    @property
    def gid_saved(self) -> Union[int, None]:
        ...
    @property
    def gid_filesystem(self) -> Union[int, None]:
        ...
    @property
    def groups(self) -> Union[list[int], None]:
        """Supplementary groups."""
    @property
    def state(self) -> _ProcessState:
        ...
    @property
    def state_char(self) -> str:
        """The state letter as the kernel prints it (`R`, `S`, `D`, `Z`, `T`, `t`, `X`, `I`, …)."""
    @property
    def nice(self) -> Union[int, None]:
        """Nice value, -20 (favoured) to 19."""
    @property
    def priority(self) -> Union[int, None]:
        """Kernel scheduling priority as `/proc/<pid>/stat` shows it (20 + nice for normal
        tasks; negative for real-time ones).
        """
    @property
    def num_threads(self) -> Union[int, None]:
        ...
    @property
    def start_time(self) -> int:
        """Start time after boot.

        Unit: ticks.
        """
    @property
    def start_time_unix(self) -> Union[int, None]:
        """Start time as a Unix timestamp (boot time + `start_time`).

        Unit: seconds.
        """
    @property
    def flags(self) -> Union[int, None]:
        """`PF_*` flags of the main thread."""
    @property
    def is_kernel_thread(self) -> Union[bool, None]:
        """True for kernel threads (`PF_KTHREAD` in `flags`; missing with it)."""
    @property
    def tty_nr(self) -> Union[int, None]:
        """Controlling terminal (`tty_nr`, encoded device number; 0 when none)."""
    @property
    def cpu_user_ticks(self) -> Union[int, None]:
        """Unit: ticks. Counter: it only grows (a drop is a reset)."""
    @property
    def cpu_system_ticks(self) -> Union[int, None]:
        """Unit: ticks. Counter: it only grows (a drop is a reset)."""
    @property
    def cpu_children_user(self) -> Union[int, None]:
        """CPU time of waited-for children, user mode (printed signed by the kernel: a
        negative value is `error`, never 0).

        Unit: ticks. Counter: it only grows (a drop is a reset).
        """
    @property
    def cpu_children_system(self) -> Union[int, None]:
        """Unit: ticks. Counter: it only grows (a drop is a reset)."""
    @property
    def cpu_percent(self) -> Union[float, None]:
        """CPU use since the previous snapshot of the same `Probe`, in percent of one CPU
        (200 = two CPUs busy). Missing with `no_previous_sample` on the first snapshot, and
        with the reason of `cpu_user_ticks` or `cpu_system_ticks` when either is missing.

        Unit: percent.
        """
    @property
    def cpu_affinity(self) -> Union[list[int], None]:
        """CPUs the process may run on (`Cpus_allowed_list`)."""
    @property
    def last_cpu(self) -> Union[int, None]:
        """The CPU the process last ran on."""
    @property
    def memory_rss(self) -> Union[int, None]:
        """Resident set size (`rss` of `stat` × page size; `error` with a warning when the
        product does not fit a u64).

        Unit: bytes.
        """
    @property
    def memory_vms(self) -> Union[int, None]:
        """Virtual memory size.

        Unit: bytes.
        """
    @property
    def memory_shared(self) -> Union[int, None]:
        """Resident memory backed by files or shared memory (`RssFile + RssShmem`).

        Unit: bytes.
        """
    @property
    def memory_text(self) -> Union[int, None]:
        """Text (code) segment size (`VmExe`).

        Unit: bytes.
        """
    @property
    def memory_data(self) -> Union[int, None]:
        """Data + stack size (`VmData + VmStk`).

        Unit: bytes.
        """
    @property
    def memory_lib(self) -> Union[int, None]:
        """Shared library code size (`VmLib`).

        Unit: bytes.
        """
    @property
    def memory_dirty(self) -> Union[int, None]:
        """Dirty pages (`Shared_Dirty + Private_Dirty` of `smaps_rollup`; option `smaps_rollup`).

        Unit: bytes.
        """
    @property
    def memory_swap(self) -> Union[int, None]:
        """Swapped-out memory (`VmSwap`).

        Unit: bytes.
        """
    @property
    def memory_pss(self) -> Union[int, None]:
        """Proportional set size (`smaps_rollup`; option `smaps_rollup`).

        Unit: bytes.
        """
    @property
    def memory_uss(self) -> Union[int, None]:
        """Unique set size: private clean + private dirty (`smaps_rollup`; option `smaps_rollup`).

        Unit: bytes.
        """
    @property
    def memory_pss_anon(self) -> Union[int, None]:
        """Anonymous part of PSS (Linux 5.7+; option `smaps_rollup`).

        Unit: bytes.
        """
    @property
    def memory_pss_file(self) -> Union[int, None]:
        """File-backed part of PSS (Linux 5.7+; option `smaps_rollup`).

        Unit: bytes.
        """
    @property
    def memory_pss_shmem(self) -> Union[int, None]:
        """Shared-memory part of PSS (Linux 5.7+; option `smaps_rollup`).

        Unit: bytes.
        """
    @property
    def memory_rss_peak(self) -> Union[int, None]:
        """Peak resident set size (`VmHWM`).

        Unit: bytes.
        """
    @property
    def memory_locked(self) -> Union[int, None]:
        """Locked memory (`VmLck`).

        Unit: bytes.
        """
    @property
    def memory_page_tables(self) -> Union[int, None]:
        """Page-table memory (`VmPTE`).

        Unit: bytes.
        """
    @property
    def memory_percent(self) -> Union[float, None]:
        """RSS as a share of the machine's physical memory.

        Unit: percent.
        """
    @property
    def page_faults_minor(self) -> Union[int, None]:
        """Counter: it only grows (a drop is a reset)."""
    @property
    def page_faults_major(self) -> Union[int, None]:
        """Counter: it only grows (a drop is a reset)."""
    @property
    def page_faults_children_minor(self) -> Union[int, None]:
        """Minor faults of waited-for children.

        Counter: it only grows (a drop is a reset).
        """
    @property
    def page_faults_children_major(self) -> Union[int, None]:
        """Counter: it only grows (a drop is a reset)."""
    @property
    def io_read_bytes(self) -> Union[int, None]:
        """Bytes fetched from storage.

        Unit: bytes. Counter: it only grows (a drop is a reset).
        """
    @property
    def io_write_bytes(self) -> Union[int, None]:
        """Bytes sent to storage (or dirtied in the page cache).

        Unit: bytes. Counter: it only grows (a drop is a reset).
        """
    @property
    def io_read_chars(self) -> Union[int, None]:
        """Bytes passed to read-like syscalls, cached or not (`rchar`).

        Unit: bytes. Counter: it only grows (a drop is a reset).
        """
    @property
    def io_write_chars(self) -> Union[int, None]:
        """Bytes passed to write-like syscalls (`wchar`).

        Unit: bytes. Counter: it only grows (a drop is a reset).
        """
    @property
    def io_read_syscalls(self) -> Union[int, None]:
        """Counter: it only grows (a drop is a reset)."""
    @property
    def io_write_syscalls(self) -> Union[int, None]:
        """Counter: it only grows (a drop is a reset)."""
    @property
    def io_cancelled_write(self) -> Union[int, None]:
        """Bytes whose write-out was cancelled by truncation.

        Unit: bytes. Counter: it only grows (a drop is a reset).
        """
    @property
    def num_fds(self) -> Union[int, None]:
        """Open descriptors: the size the kernel reports for `/proc/<pid>/fd` (Linux 6.2+,
        readable for any process), else the number of entries listed there.
        """
    @property
    def open_files(self) -> Union[list[OpenFile], None]:
        """Open descriptors that are not sockets (option `fds`)."""
    @property
    def open_sockets(self) -> Union[list[OpenSocket], None]:
        """Open sockets (option `fds`)."""
    @property
    def maps(self) -> Union[list[MemoryMap], None]:
        """Memory mappings (option `maps`)."""
    @property
    def voluntary_ctx_switches(self) -> Union[int, None]:
        """Counter: it only grows (a drop is a reset)."""
    @property
    def nonvoluntary_ctx_switches(self) -> Union[int, None]:
        """Counter: it only grows (a drop is a reset)."""
    @property
    def limits(self) -> Union[ProcessLimits, None]:
        ...
    @property
    def seccomp_mode(self) -> Union[int, None]:
        """0 disabled, 1 strict, 2 filter."""
    @property
    def seccomp_filters(self) -> Union[int, None]:
        """Number of seccomp filters attached (Linux 5.9+)."""
    @property
    def capabilities_effective(self) -> Union[int, None]:
        ...
    @property
    def capabilities_permitted(self) -> Union[int, None]:
        ...
    @property
    def capabilities_inheritable(self) -> Union[int, None]:
        ...
    @property
    def capabilities_bounding(self) -> Union[int, None]:
        ...
    @property
    def capabilities_ambient(self) -> Union[int, None]:
        ...
    @property
    def no_new_privs(self) -> Union[bool, None]:
        ...
    @property
    def ns_cgroup(self) -> Union[int, None]:
        ...
    @property
    def ns_ipc(self) -> Union[int, None]:
        ...
    @property
    def ns_mnt(self) -> Union[int, None]:
        ...
    @property
    def ns_net(self) -> Union[int, None]:
        ...
    @property
    def ns_pid(self) -> Union[int, None]:
        ...
    @property
    def ns_pid_children(self) -> Union[int, None]:
        """The pid namespace children will be created in."""
    @property
    def ns_time(self) -> Union[int, None]:
        ...
    @property
    def ns_time_children(self) -> Union[int, None]:
        """The time namespace children will be created in."""
    @property
    def ns_user(self) -> Union[int, None]:
        ...
    @property
    def ns_uts(self) -> Union[int, None]:
        ...
    @property
    def cgroup_path(self) -> Union[str, None]:
        """The cgroup v2 path (or, on a v1-only system, the first controller's path)."""
    @property
    def cgroup_controllers(self) -> Union[list[str], None]:
        """Controllers that apply: those of the v2 cgroup (`cgroup.controllers`), else the
        v1 hierarchies the process is in.
        Shared by every process with the same cgroups.
        """
    @property
    def cgroup_limits(self) -> Union[CgroupLimits, None]:
        """The limits that bind through the cgroup hierarchy.
        Shared by every process with the same cgroups.
        """
    @property
    def environ(self) -> Union[dict[str, str], None]:
        ...
    @property
    def oom_score(self) -> Union[int, None]:
        ...
    @property
    def oom_score_adj(self) -> Union[int, None]:
        ...
    @property
    def sched_policy(self) -> Union[int, None]:
        """SCHED_OTHER 0, FIFO 1, RR 2, BATCH 3, IDLE 5, DEADLINE 6 (`not_supported` before
        Linux 2.5.19, which does not print it).
        """
    @property
    def sched_priority(self) -> Union[int, None]:
        """Real-time priority (1–99), 0 for normal policies."""
    @property
    def cpu_time_limit(self) -> Union[int, None]:
        """The cgroup CPU quota per period that binds the process (`cpu.max`).

        Unit: us.
        """
    @property
    def delay(self) -> DelayAccounting:
        ...
    @property
    def signals_pending(self) -> Union[int, None]:
        """Pending for the process or its main thread (`ShdPnd | SigPnd`)."""
    @property
    def signals_blocked(self) -> Union[int, None]:
        ...
    @property
    def signals_ignored(self) -> Union[int, None]:
        ...
    @property
    def signals_caught(self) -> Union[int, None]:
        ...
    @property
    def stat_from(self) -> _StatFrom:
        """Where the `stat` fields (ids, name, state, CPU times, faults, RSS, virtual size,
        threads, scheduling) came from: option `via`.
        """

@final
class OpenFile(Record):
    """One open file descriptor (`/proc/<pid>/fd/<n>` and `/proc/<pid>/fdinfo/<n>`)."""
    @property
    def fd(self) -> int:
        ...
    @property
    def path(self) -> str:
        """Where the descriptor points: a path, or `socket:[inode]`, `pipe:[inode]`,
        `anon_inode:[eventfd]`. A deleted file keeps the kernel's ` (deleted)` suffix;
        see `deleted`.
        """
    @property
    def mode(self) -> Union[str, None]:
        """`r`, `w` or `rw`, from the access mode in `flags`."""
    @property
    def flags(self) -> Union[int, None]:
        """The open flags (`O_*`, as `fdinfo` prints them, octal there)."""
    @property
    def position(self) -> Union[int, None]:
        """The file offset.

        Unit: bytes.
        """
    @property
    def inode(self) -> Union[int, None]:
        """The inode number of the open file."""
    @property
    def mount_id(self) -> Union[int, None]:
        """The mount the file lives on (`mnt_id` in `fdinfo`; see `/proc/<pid>/mountinfo`)."""
    @property
    def file_type(self) -> Union[_FileType, None]:
        ...
    @property
    def deleted(self) -> Union[bool, None]:
        """True when the open file has been unlinked (decided by its link count, not by the
        ` (deleted)` suffix, which a real name may carry).
        """

@final
class OpenSocket(Record):
    """One socket open by a process: the owner's side (descriptor, inode, protocol).

    Addresses and state come from joining `inode` with the network domain's socket tables
    when both domains are collected in one snapshot; otherwise they are missing with reason
    `disabled`. A socket in none of its tables (another network namespace, or closed
    meanwhile) and a field its family does not have are `not_present`.
    """
    @property
    def fd(self) -> int:
        ...
    @property
    def inode(self) -> int:
        """The socket's inode (`socket:[inode]`): the key into every socket table."""
    @property
    def socket_type(self) -> Union[_SocketType, None]:
        """Family and type, from the socket's protocol name."""
    @property
    def protocol(self) -> Union[str, None]:
        """The kernel's protocol name (`TCP`, `UDPv6`, `UNIX`, `NETLINK`, …)."""
    @property
    def local_addr(self) -> Union[str, None]:
        """Local address as `ip:port` (`[ip]:port` for IPv6), a raw socket's address, or a
        unix socket's name (`@name` when abstract).
        """
    @property
    def remote_addr(self) -> Union[str, None]:
        """Remote address, when connected (a unix socket's peer's name)."""
    @property
    def state(self) -> Union[str, None]:
        """The state: TCP's (`established`, `listen`, …), `connected`/`unconnected` for UDP,
        `connected`/`unconnected`/`listening` for unix sockets.
        """

@final
class MemoryMap(Record):
    """One mapping of `/proc/<pid>/maps`."""
    @property
    def start_addr(self) -> int:
        ...
    @property
    def end_addr(self) -> int:
        ...
    @property
    def permissions(self) -> str:
        """`rwxp` / `rwxs` as the kernel prints them."""
    @property
    def offset(self) -> Union[int, None]:
        """The offset into the mapped file (`error` when the row prints no valid hex).

        Unit: bytes.
        """
    @property
    def device(self) -> str:
        """`major:minor` of the device holding the mapped file (`00:00` when anonymous)."""
    @property
    def inode(self) -> Union[int, None]:
        """The mapped file's inode (0 when anonymous; `error` when not a valid number)."""
    @property
    def pathname(self) -> str:
        """The file, or `[heap]`, `[stack]`, `[vdso]`, …; empty for anonymous mappings."""

@final
class ProcessLimits(Record):
    """The sixteen resource limits of `/proc/<pid>/limits`, in the kernel's units (noted per
    field). `u64::MAX` means unlimited. A limit whose row is missing or does not parse is
    missing (`error`, with a warning); the other rows are kept.
    """
    @property
    def max_cpu_time(self) -> Union[Limit, None]:
        """RLIMIT_CPU.

        Unit: seconds.
        """
    @property
    def max_file_size(self) -> Union[Limit, None]:
        """RLIMIT_FSIZE.

        Unit: bytes.
        """
    @property
    def max_data_size(self) -> Union[Limit, None]:
        """RLIMIT_DATA.

        Unit: bytes.
        """
    @property
    def max_stack_size(self) -> Union[Limit, None]:
        """RLIMIT_STACK.

        Unit: bytes.
        """
    @property
    def max_core_size(self) -> Union[Limit, None]:
        """RLIMIT_CORE.

        Unit: bytes.
        """
    @property
    def max_resident_set(self) -> Union[Limit, None]:
        """RLIMIT_RSS (not enforced by Linux).

        Unit: bytes.
        """
    @property
    def max_processes(self) -> Union[Limit, None]:
        """RLIMIT_NPROC.

        Unit: processes.
        """
    @property
    def max_open_files(self) -> Union[Limit, None]:
        """RLIMIT_NOFILE.

        Unit: files.
        """
    @property
    def max_locked_memory(self) -> Union[Limit, None]:
        """RLIMIT_MEMLOCK.

        Unit: bytes.
        """
    @property
    def max_address_space(self) -> Union[Limit, None]:
        """RLIMIT_AS.

        Unit: bytes.
        """
    @property
    def max_file_locks(self) -> Union[Limit, None]:
        """RLIMIT_LOCKS.

        Unit: locks.
        """
    @property
    def max_pending_signals(self) -> Union[Limit, None]:
        """RLIMIT_SIGPENDING.

        Unit: signals.
        """
    @property
    def max_msgqueue_size(self) -> Union[Limit, None]:
        """RLIMIT_MSGQUEUE.

        Unit: bytes.
        """
    @property
    def max_nice_priority(self) -> Union[Limit, None]:
        """RLIMIT_NICE (the ceiling is `20 - soft`)."""
    @property
    def max_realtime_priority(self) -> Union[Limit, None]:
        """RLIMIT_RTPRIO."""
    @property
    def max_realtime_timeout(self) -> Union[Limit, None]:
        """RLIMIT_RTTIME.

        Unit: us.
        """

@final
class Limit(Record):
    """A soft and hard resource limit. `u64::MAX` means unlimited (`RLIM_INFINITY`)."""
    @property
    def soft(self) -> int:
        ...
    @property
    def hard(self) -> int:
        ...

@final
class CgroupLimits(Record):
    """The limits that actually bind a process through its cgroup: for each, the tightest
    value along the path from the process's cgroup up to the root (a container's limits
    even when set on a parent slice). `u64::MAX` means no limit anywhere on the path.

    cgroup v2 gives every field; on cgroup v1 the memory, cpu and pids controllers give
    theirs and the rest are `not_supported`.
    """
    @property
    def version(self) -> int:
        """`1` for cgroup v1 controllers, `2` for the unified hierarchy."""
    @property
    def path(self) -> str:
        """The cgroup these limits were read from (relative to the hierarchy's root)."""
    @property
    def cpu_max_quota_us(self) -> Union[int, None]:
        """CPU quota per period (`cpu.max`, or `cpu.cfs_quota_us`) of the cgroup on the path
        with the tightest quota/period ratio; `u64::MAX` when no cgroup limits CPU.

        Unit: us.
        """
    @property
    def cpu_max_period_us(self) -> Union[int, None]:
        """Unit: us."""
    @property
    def cpu_weight(self) -> Union[int, None]:
        """`cpu.weight` of the process's own cgroup (1–10000, default 100)."""
    @property
    def memory_max(self) -> Union[int, None]:
        """`memory.max` (v1: `memory.limit_in_bytes`).

        Unit: bytes.
        """
    @property
    def memory_high(self) -> Union[int, None]:
        """`memory.high`: the throttling threshold.

        Unit: bytes.
        """
    @property
    def memory_swap_max(self) -> Union[int, None]:
        """`memory.swap.max`.

        Unit: bytes.
        """
    @property
    def memory_current(self) -> Union[int, None]:
        """`memory.current` of the process's own cgroup (v1: `memory.usage_in_bytes`).

        Unit: bytes.
        """
    @property
    def pids_max(self) -> Union[int, None]:
        """`pids.max`."""
    @property
    def pids_current(self) -> Union[int, None]:
        """`pids.current` of the process's own cgroup."""
    @property
    def io_max(self) -> Union[list[IoMax], None]:
        """`io.max` lines, tightest per device along the path."""
    @property
    def cpu_pressure(self) -> Union[Pressure, None]:
        """`cpu.pressure` of the process's own cgroup."""
    @property
    def memory_pressure(self) -> Union[Pressure, None]:
        """`memory.pressure`."""
    @property
    def io_pressure(self) -> Union[Pressure, None]:
        """`io.pressure`."""
    @property
    def irq_pressure(self) -> Union[Pressure, None]:
        """`irq.pressure` (Linux 6.1+ with `CONFIG_IRQ_TIME_ACCOUNTING`)."""

@final
class IoMax(Record):
    """One device line of `io.max`: bandwidth and IOPS caps, `u64::MAX` when unlimited."""
    @property
    def device(self) -> str:
        """`major:minor` of the block device."""
    @property
    def rbps(self) -> int:
        """Unit: bytes/s."""
    @property
    def wbps(self) -> int:
        """Unit: bytes/s."""
    @property
    def riops(self) -> int:
        """Unit: ops/s."""
    @property
    def wiops(self) -> int:
        """Unit: ops/s."""

@final
class DelayAccounting(Record):
    """Time a process spent waiting, by cause (delay accounting).

    `cpu_run_*` come from `/proc/<pid>/schedstat` and `blkio_delay_ticks` from
    `/proc/<pid>/stat`, both always available; the per-cause totals come from the
    taskstats netlink interface (option `taskstats`, needs CAP_NET_ADMIN and the
    `kernel.task_delayacct` sysctl, else `permission_denied` / `not_enabled`).
    """
    @property
    def cpu_run_time_ns(self) -> Union[int, None]:
        """Time on CPU of the main thread (`schedstat` is the leader's; the CPU ticks sum all).

        Unit: ns. Counter: it only grows (a drop is a reset).
        """
    @property
    def cpu_run_delay_ns(self) -> Union[int, None]:
        """Time the main thread was runnable but waiting for a CPU (run-queue delay).

        Unit: ns. Counter: it only grows (a drop is a reset).
        """
    @property
    def cpu_timeslices(self) -> Union[int, None]:
        """Number of times the main thread ran on a CPU.

        Counter: it only grows (a drop is a reset).
        """
    @property
    def blkio_delay_ticks(self) -> Union[int, None]:
        """Aggregated block I/O delay (`delayacct_blkio_ticks`).

        Unit: ticks. Counter: it only grows (a drop is a reset).
        """
    @property
    def cpu_delay_total_ns(self) -> Union[int, None]:
        """taskstats: waiting for a CPU while runnable.

        Unit: ns. Counter: it only grows (a drop is a reset).
        """
    @property
    def cpu_delay_count(self) -> Union[int, None]:
        """Counter: it only grows (a drop is a reset)."""
    @property
    def blkio_delay_total_ns(self) -> Union[int, None]:
        """taskstats: waiting for synchronous block I/O.

        Unit: ns. Counter: it only grows (a drop is a reset).
        """
    @property
    def blkio_delay_count(self) -> Union[int, None]:
        """Counter: it only grows (a drop is a reset)."""
    @property
    def swapin_delay_total_ns(self) -> Union[int, None]:
        """taskstats: waiting for pages to be swapped in.

        Unit: ns. Counter: it only grows (a drop is a reset).
        """
    @property
    def swapin_delay_count(self) -> Union[int, None]:
        """Counter: it only grows (a drop is a reset)."""
    @property
    def freepages_delay_total_ns(self) -> Union[int, None]:
        """taskstats: memory reclaim.

        Unit: ns. Counter: it only grows (a drop is a reset).
        """
    @property
    def freepages_delay_count(self) -> Union[int, None]:
        """Counter: it only grows (a drop is a reset)."""
    @property
    def thrashing_delay_total_ns(self) -> Union[int, None]:
        """taskstats: thrashing (refaults of recently evicted pages).

        Unit: ns. Counter: it only grows (a drop is a reset).
        """
    @property
    def thrashing_delay_count(self) -> Union[int, None]:
        """Counter: it only grows (a drop is a reset)."""
    @property
    def compact_delay_total_ns(self) -> Union[int, None]:
        """taskstats: memory compaction.

        Unit: ns. Counter: it only grows (a drop is a reset).
        """
    @property
    def compact_delay_count(self) -> Union[int, None]:
        """Counter: it only grows (a drop is a reset)."""
    @property
    def wpcopy_delay_total_ns(self) -> Union[int, None]:
        """taskstats: copy-on-write faults (Linux 6.3+).

        Unit: ns. Counter: it only grows (a drop is a reset).
        """
    @property
    def wpcopy_delay_count(self) -> Union[int, None]:
        """Counter: it only grows (a drop is a reset)."""
    @property
    def irq_delay_total_ns(self) -> Union[int, None]:
        """taskstats: IRQ/softirq time stolen (Linux 6.6+).

        Unit: ns. Counter: it only grows (a drop is a reset).
        """
    @property
    def irq_delay_count(self) -> Union[int, None]:
        """Counter: it only grows (a drop is a reset)."""

@final
class Network(Record):
    """Everything the network domain collects, for one network namespace."""
    @property
    def namespace(self) -> NetNamespace:
        ...
    @property
    def tcp(self) -> Union[list[TcpConnection], None]:
        """Every TCP socket, IPv4 then IPv6."""
    @property
    def udp(self) -> Union[list[UdpConnection], None]:
        """Every UDP and UDP-Lite socket."""
    @property
    def unix_sockets(self) -> Union[list[UnixSocket], None]:
        """Every Unix domain socket (not `unix`: GNU C predefines that name as a macro, and the
        C mirror uses field names as they are).
        """
    @property
    def raw(self) -> Union[list[RawSocket], None]:
        ...
    @property
    def netlink(self) -> Union[list[NetlinkSocket], None]:
        ...
    @property
    def packet(self) -> Union[list[PacketSocket], None]:
        ...
    @property
    def socket_sources(self) -> dict[str, str]:
        """Where each socket table came from: `sock_diag`, or the `/proc/net` file(s) when the
        kernel has no diag module for it (or the procfs source was forced).
        """
    @property
    def owners_from(self) -> Union[_OwnersFrom, None]:
        """Where the sockets' owners came from; missing with the reason when they were not
        resolved (`disabled`: option `owners` off or no socket table asked for; the BPF
        iterator's failure when option `owners_via` is `bpf`).
        """
    @property
    def tcp_stats(self) -> TcpStats:
        ...
    @property
    def udp_stats(self) -> Union[UdpStats, None]:
        """IPv4 UDP counters."""
    @property
    def udp6_stats(self) -> Union[UdpStats, None]:
        """IPv6 UDP counters."""
    @property
    def socket_stats(self) -> Union[SocketStats, None]:
        ...
    @property
    def snmp(self) -> Union[list[CounterTable], None]:
        """Every table of `/proc/net/snmp` (`Ip`, `Icmp`, `IcmpMsg`, `Tcp`, `Udp`, `UdpLite`)."""
    @property
    def snmp6(self) -> Union[dict[str, int], None]:
        """Every counter of `/proc/net/snmp6` (`Ip6InReceives`, `Icmp6OutMsgs`, `Udp6…`)."""
    @property
    def netstat(self) -> Union[list[CounterTable], None]:
        """Every table of `/proc/net/netstat` (`TcpExt`, `IpExt`, `MPTcpExt`, …)."""
    @property
    def interfaces(self) -> Union[list[NetInterfaceFull], None]:
        ...
    @property
    def routes(self) -> Union[list[Route], None]:
        """Routes of every table, IPv4 then IPv6."""
    @property
    def neighbours(self) -> Union[list[ArpEntry], None]:
        """The ARP and IPv6 neighbour caches."""
    @property
    def conntrack(self) -> Union[list[ConntrackEntry], None]:
        """Tracked connections (option `conntrack`; needs CAP_NET_ADMIN)."""
    @property
    def conntrack_stats(self) -> ConntrackStats:
        ...

@final
class NetNamespace(Record):
    """The network namespace a [`Network`] describes."""
    @property
    def inode(self) -> Union[int, None]:
        """The namespace's inode number (as in `/proc/<pid>/ns/net`): what tells two
        namespaces, and two sockets with equal addresses in them, apart.
        """
    @property
    def target(self) -> str:
        """How it was chosen: `self`, `pid <n>`, or the path given."""

@final
class TcpConnection(Record):
    """One TCP socket (IPv4 or IPv6)."""
    @property
    def family(self) -> _AddressFamily:
        ...
    @property
    def local_addr(self) -> str:
        ...
    @property
    def local_port(self) -> int:
        ...
    @property
    def remote_addr(self) -> str:
        """`0.0.0.0` or `::` when not connected."""
    @property
    def remote_port(self) -> int:
        ...
    @property
    def state(self) -> _TcpState:
        ...
    @property
    def tx_queue(self) -> int:
        """Bytes sent and not yet acknowledged (0 for a listening socket).

        Unit: bytes.
        """
    @property
    def rx_queue(self) -> int:
        """Bytes received and not yet read; for a listening socket, connections waiting to be
        accepted.

        Unit: bytes.
        """
    @property
    def timer_active(self) -> int:
        """The pending timer: 0 none, 1 retransmit (or probe), 2 keepalive, 3 TIME_WAIT,
        4 zero-window probe.
        """
    @property
    def timer_jiffies(self) -> Union[int, None]:
        """Time until the timer fires, in clock ticks (USER_HZ, see the system domain's
        `clock_ticks`), as `/proc/net/tcp` prints it.

        Unit: ticks.
        """
    @property
    def retransmits(self) -> Union[int, None]:
        """Unanswered retransmissions of the current segment (`icsk_retransmits`)."""
    @property
    def uid(self) -> int:
        """The user that created the socket."""
    @property
    def timeout(self) -> Union[int, None]:
        """Unanswered zero-window probes (`icsk_probes_out`: the `timeout` column of
        `/proc/net/tcp`; from sock_diag, only with `tcp_info`).
        """
    @property
    def inode(self) -> int:
        """The socket's inode: 0 for TIME_WAIT and request sockets, which no process holds."""
    @property
    def pid(self) -> Union[int, None]:
        """The first owner's pid (see the module docs for the reasons it may be missing)."""
    @property
    def process_name(self) -> Union[str, None]:
        """The first owner's command name."""
    @property
    def owners(self) -> Union[list[SocketOwner], None]:
        """Every process holding the socket, by pid."""
    @property
    def accept_backlog_max(self) -> Union[int, None]:
        """For a listening socket, the accept backlog limit (`listen()`'s argument, capped by
        `somaxconn`; what `ss` shows as Send-Q). `not_present` for other states,
        `not_supported` from `/proc/net/tcp`.
        """
    @property
    def bound_interface(self) -> Union[int, None]:
        """The interface the socket is bound to (`SO_BINDTODEVICE`, or an IPv6 scope);
        `not_present` when unbound.
        """
    @property
    def cookie(self) -> Union[int, None]:
        """The kernel's unique socket cookie (`SO_COOKIE`)."""
    @property
    def congestion(self) -> Union[str, None]:
        """The congestion control algorithm (`cubic`, `bbr`, …)."""
    @property
    def shutdown(self) -> Union[int, None]:
        """Shutdown state: bit 0 receive side shut down, bit 1 send side."""
    @property
    def info(self) -> Union[TcpInfo, None]:
        """Round-trip times, windows, counters (`not_present` for TIME_WAIT and request
        sockets, which keep no `tcp_info`).
        """
    @property
    def memory(self) -> Union[SocketMemory, None]:
        """Buffer memory."""

@final
class SocketOwner(Record):
    """One process holding a descriptor to a socket."""
    @property
    def pid(self) -> int:
        ...
    @property
    def process_name(self) -> str:
        """The process's command name (`comm`)."""
    @property
    def fd(self) -> int:
        """The descriptor number in that process."""

@final
class TcpInfo(Record):
    """TCP internals (`struct tcp_info`, as `getsockopt(TCP_INFO)` and `ss -i` give them).

    Fields present since Linux 4.9 are plain; newer ones are `not_supported` on kernels
    whose `tcp_info` is too short to hold them. Times are in the unit their name carries.
    """
    @property
    def ca_state(self) -> int:
        """Congestion-avoidance state: 0 open, 1 disorder, 2 CWR, 3 recovery, 4 loss."""
    @property
    def retransmits(self) -> int:
        """Retransmissions of the current segment not yet acknowledged."""
    @property
    def probes(self) -> int:
        """Unanswered zero-window or keepalive probes."""
    @property
    def backoff(self) -> int:
        """Exponential backoff of the retransmission timer."""
    @property
    def options(self) -> int:
        """Options negotiated (`TCPI_OPT_*`: 1 timestamps, 2 SACK, 4 window scaling, 8 ECN,
        16 ECN seen, 32 SYN data).
        """
    @property
    def snd_wscale(self) -> int:
        """Send window scale shift."""
    @property
    def rcv_wscale(self) -> int:
        """Receive window scale shift."""
    @property
    def rto_us(self) -> int:
        """Retransmission timeout.

        Unit: us.
        """
    @property
    def ato_us(self) -> int:
        """Delayed-ACK timeout.

        Unit: us.
        """
    @property
    def snd_mss(self) -> int:
        """Maximum segment size for sending.

        Unit: bytes.
        """
    @property
    def rcv_mss(self) -> int:
        """Maximum segment size seen from the peer.

        Unit: bytes.
        """
    @property
    def unacked(self) -> int:
        """Segments sent and not yet acknowledged (for a listening socket: the accept queue)."""
    @property
    def sacked(self) -> int:
        """Segments selectively acknowledged (for a listening socket: the backlog limit)."""
    @property
    def lost(self) -> int:
        """Segments considered lost."""
    @property
    def retrans(self) -> int:
        """Segments retransmitted and not yet acknowledged."""
    @property
    def last_data_sent_ms(self) -> int:
        """Time since data was last sent.

        Unit: ms.
        """
    @property
    def last_data_recv_ms(self) -> int:
        """Time since data was last received.

        Unit: ms.
        """
    @property
    def last_ack_recv_ms(self) -> int:
        """Time since an acknowledgement was last received.

        Unit: ms.
        """
    @property
    def pmtu(self) -> int:
        """Path MTU.

        Unit: bytes.
        """
    @property
    def rcv_ssthresh(self) -> int:
        """Receive slow-start threshold."""
    @property
    def rtt_us(self) -> int:
        """Smoothed round-trip time.

        Unit: us.
        """
    @property
    def rttvar_us(self) -> int:
        """Round-trip time variation.

        Unit: us.
        """
    @property
    def snd_ssthresh(self) -> int:
        """Send slow-start threshold, in segments (2147483647 while in initial slow start)."""
    @property
    def snd_cwnd(self) -> int:
        """Congestion window, in segments."""
    @property
    def advmss(self) -> int:
        """Advertised maximum segment size.

        Unit: bytes.
        """
    @property
    def reordering(self) -> int:
        """Reordering metric, in segments."""
    @property
    def rcv_rtt_us(self) -> int:
        """Receiver-side round-trip time estimate.

        Unit: us.
        """
    @property
    def rcv_space(self) -> int:
        """Receive buffer space the socket autotunes towards.

        Unit: bytes.
        """
    @property
    def total_retrans(self) -> int:
        """Segments retransmitted over the connection's life.

        Counter: it only grows (a drop is a reset).
        """
    @property
    def pacing_rate(self) -> int:
        """Current pacing rate.

        Unit: bytes/s.
        """
    @property
    def max_pacing_rate(self) -> int:
        """The pacing rate cap (`SO_MAX_PACING_RATE`; `u64::MAX` when none).

        Unit: bytes/s.
        """
    @property
    def bytes_acked(self) -> int:
        """Bytes acknowledged by the peer.

        Unit: bytes. Counter: it only grows (a drop is a reset).
        """
    @property
    def bytes_received(self) -> int:
        """Bytes received from the peer.

        Unit: bytes. Counter: it only grows (a drop is a reset).
        """
    @property
    def segs_out(self) -> int:
        """Segments sent, retransmissions included.

        Counter: it only grows (a drop is a reset).
        """
    @property
    def segs_in(self) -> int:
        """Segments received.

        Counter: it only grows (a drop is a reset).
        """
    @property
    def notsent_bytes(self) -> int:
        """Bytes queued by the application and not yet sent.

        Unit: bytes.
        """
    @property
    def min_rtt_us(self) -> int:
        """Minimum round-trip time seen.

        Unit: us.
        """
    @property
    def data_segs_in(self) -> int:
        """Segments carrying data received.

        Counter: it only grows (a drop is a reset).
        """
    @property
    def data_segs_out(self) -> int:
        """Segments carrying data sent.

        Counter: it only grows (a drop is a reset).
        """
    @property
    def delivery_rate(self) -> int:
        """Most recent delivery rate estimate.

        Unit: bytes/s.
        """
    @property
    def busy_time_us(self) -> Union[int, None]:
        """Time with data outstanding (Linux 4.10+).

        Unit: us. Counter: it only grows (a drop is a reset).
        """
    @property
    def rwnd_limited_us(self) -> Union[int, None]:
        """Time limited by the receive window (4.10+).

        Unit: us. Counter: it only grows (a drop is a reset).
        """
    @property
    def sndbuf_limited_us(self) -> Union[int, None]:
        """Time limited by the send buffer (4.10+).

        Unit: us. Counter: it only grows (a drop is a reset).
        """
    @property
    def delivered(self) -> Union[int, None]:
        """Segments delivered, retransmissions included (4.18+).

        Counter: it only grows (a drop is a reset).
        """
    @property
    def delivered_ce(self) -> Union[int, None]:
        """Segments delivered with an ECN congestion mark (4.18+).

        Counter: it only grows (a drop is a reset).
        """
    @property
    def bytes_sent(self) -> Union[int, None]:
        """Bytes sent, retransmissions included (4.19+).

        Unit: bytes. Counter: it only grows (a drop is a reset).
        """
    @property
    def bytes_retrans(self) -> Union[int, None]:
        """Bytes retransmitted (4.19+).

        Unit: bytes. Counter: it only grows (a drop is a reset).
        """
    @property
    def dsack_dups(self) -> Union[int, None]:
        """Duplicate segments reported by D-SACK (4.19+).

        Counter: it only grows (a drop is a reset).
        """
    @property
    def reord_seen(self) -> Union[int, None]:
        """Reordering events seen (4.19+).

        Counter: it only grows (a drop is a reset).
        """
    @property
    def rcv_ooopack(self) -> Union[int, None]:
        """Out-of-order packets received (5.4+).

        Counter: it only grows (a drop is a reset).
        """
    @property
    def snd_wnd(self) -> Union[int, None]:
        """The peer's advertised receive window (5.4+).

        Unit: bytes.
        """
    @property
    def rcv_wnd(self) -> Union[int, None]:
        """Our advertised receive window (6.2+).

        Unit: bytes.
        """
    @property
    def rehash(self) -> Union[int, None]:
        """Path rehashes after timeouts (6.2+).

        Counter: it only grows (a drop is a reset).
        """
    @property
    def total_rto(self) -> Union[int, None]:
        """Retransmission timeouts (6.7+).

        Counter: it only grows (a drop is a reset).
        """
    @property
    def total_rto_recoveries(self) -> Union[int, None]:
        """Recoveries from retransmission timeouts (6.7+).

        Counter: it only grows (a drop is a reset).
        """
    @property
    def total_rto_time_ms(self) -> Union[int, None]:
        """Time spent in timeout recovery (6.7+).

        Unit: ms. Counter: it only grows (a drop is a reset).
        """

@final
class SocketMemory(Record):
    """Socket buffer memory (`INET_DIAG_SKMEMINFO`, `UNIX_DIAG_MEMINFO`, …: `SK_MEMINFO_*`)."""
    @property
    def rmem_alloc(self) -> int:
        """Memory holding received data not yet read.

        Unit: bytes.
        """
    @property
    def rcvbuf(self) -> int:
        """The receive buffer limit (`SO_RCVBUF`, doubled by the kernel).

        Unit: bytes.
        """
    @property
    def wmem_alloc(self) -> int:
        """Memory of sent data not yet freed by the device.

        Unit: bytes.
        """
    @property
    def sndbuf(self) -> int:
        """The send buffer limit (`SO_SNDBUF`).

        Unit: bytes.
        """
    @property
    def fwd_alloc(self) -> int:
        """Memory reserved but not yet used.

        Unit: bytes.
        """
    @property
    def wmem_queued(self) -> int:
        """Memory of data queued for sending (TCP: not yet acknowledged).

        Unit: bytes.
        """
    @property
    def optmem(self) -> int:
        """Memory for options and ancillary data.

        Unit: bytes.
        """
    @property
    def backlog(self) -> int:
        """Memory of packets in the backlog (arrived while the socket was locked).

        Unit: bytes.
        """
    @property
    def drops(self) -> Union[int, None]:
        """Packets dropped because a buffer was full (Linux 4.6+; else `not_supported`).

        Counter: it only grows (a drop is a reset).
        """

@final
class UdpConnection(Record):
    """One UDP or UDP-Lite socket (IPv4 or IPv6)."""
    @property
    def family(self) -> _AddressFamily:
        ...
    @property
    def lite(self) -> bool:
        """True for UDP-Lite (RFC 3828)."""
    @property
    def local_addr(self) -> str:
        ...
    @property
    def local_port(self) -> int:
        ...
    @property
    def remote_addr(self) -> Union[str, None]:
        """The connected peer; `null` when the socket is not connected."""
    @property
    def remote_port(self) -> Union[int, None]:
        ...
    @property
    def tx_queue(self) -> int:
        """Send buffer memory in use.

        Unit: bytes.
        """
    @property
    def rx_queue(self) -> int:
        """Receive buffer memory in use.

        Unit: bytes.
        """
    @property
    def uid(self) -> int:
        ...
    @property
    def inode(self) -> int:
        ...
    @property
    def pid(self) -> Union[int, None]:
        ...
    @property
    def process_name(self) -> Union[str, None]:
        ...
    @property
    def owners(self) -> Union[list[SocketOwner], None]:
        ...
    @property
    def drops(self) -> Union[int, None]:
        """Datagrams dropped (full buffer, bad checksum, filters).

        Counter: it only grows (a drop is a reset).
        """
    @property
    def bound_interface(self) -> Union[int, None]:
        ...
    @property
    def cookie(self) -> Union[int, None]:
        ...
    @property
    def memory(self) -> Union[SocketMemory, None]:
        ...

@final
class UnixSocket(Record):
    """One Unix domain socket."""
    @property
    def path(self) -> str:
        """The bound name: a filesystem path, or an abstract name (then `is_abstract`, and the
        name without its leading NUL). Empty for an unbound socket. From `/proc/net/unix`,
        NUL bytes inside an abstract name read as `@`.
        """
    @property
    def is_abstract(self) -> bool:
        """True for a name in the abstract namespace (`ss` shows it with a leading `@`)."""
    @property
    def socket_type(self) -> Union[_UnixSocketType, None]:
        """`error` when `/proc/net/unix` has a `Type` that does not parse."""
    @property
    def state(self) -> Union[_UnixState, None]:
        """`error` when `/proc/net/unix` has a `Flags` or `St` that does not parse (the state
        comes from both).
        """
    @property
    def inode(self) -> int:
        ...
    @property
    def pid(self) -> Union[int, None]:
        ...
    @property
    def process_name(self) -> Union[str, None]:
        ...
    @property
    def owners(self) -> Union[list[SocketOwner], None]:
        ...
    @property
    def peer_inode(self) -> Union[int, None]:
        """The inode of the connected peer: `not_present` when not connected,
        `not_supported` from `/proc/net/unix`.
        """
    @property
    def rx_queue(self) -> Union[int, None]:
        """Data queued for reading; for a listening socket, connections waiting to be accepted."""
    @property
    def tx_queue(self) -> Union[int, None]:
        """Data queued for sending; for a listening socket, the backlog limit."""
    @property
    def uid(self) -> Union[int, None]:
        """The user that created the socket (Linux 5.3+ with sock_diag)."""
    @property
    def vfs_inode(self) -> Union[int, None]:
        """The inode of the socket file a path is bound to (`not_present` for abstract and
        unbound sockets).
        """
    @property
    def pending_connections(self) -> Union[list[int], None]:
        """For a listening socket, the client sockets (their inodes) whose connections wait to
        be accepted.
        """
    @property
    def cookie(self) -> Union[int, None]:
        ...
    @property
    def memory(self) -> Union[SocketMemory, None]:
        ...

@final
class RawSocket(Record):
    """One raw IP socket (`SOCK_RAW` over IPv4 or IPv6; `ping` sockets are listed too)."""
    @property
    def family(self) -> _AddressFamily:
        ...
    @property
    def local_addr(self) -> str:
        ...
    @property
    def remote_addr(self) -> str:
        ...
    @property
    def protocol(self) -> int:
        """The IP protocol the socket receives (ICMP = 1, ICMPv6 = 58, 255 = any)."""
    @property
    def tx_queue(self) -> int:
        """Send buffer memory in use.

        Unit: bytes.
        """
    @property
    def rx_queue(self) -> int:
        """Receive buffer memory in use.

        Unit: bytes.
        """
    @property
    def uid(self) -> int:
        ...
    @property
    def inode(self) -> int:
        ...
    @property
    def pid(self) -> Union[int, None]:
        ...
    @property
    def process_name(self) -> Union[str, None]:
        ...
    @property
    def owners(self) -> Union[list[SocketOwner], None]:
        ...
    @property
    def drops(self) -> Union[int, None]:
        """Counter: it only grows (a drop is a reset)."""
    @property
    def bound_interface(self) -> Union[int, None]:
        ...
    @property
    def cookie(self) -> Union[int, None]:
        ...

@final
class NetlinkSocket(Record):
    """One netlink socket."""
    @property
    def protocol(self) -> int:
        """The netlink family (`NETLINK_ROUTE` = 0, `NETLINK_SOCK_DIAG` = 4, …)."""
    @property
    def protocol_name(self) -> str:
        """Its name (`route`, `sock_diag`, `netfilter`, `generic`, `kobject_uevent`, …), or the
        number.
        """
    @property
    def port_id(self) -> int:
        """The socket's netlink address (0 for the kernel's own socket of a family)."""
    @property
    def groups(self) -> int:
        """The first 32 multicast groups joined (bit n-1 = group n)."""
    @property
    def dst_port_id(self) -> Union[int, None]:
        """The port the socket is connected to (`not_supported` from `/proc/net/netlink`)."""
    @property
    def dst_group(self) -> Union[int, None]:
        ...
    @property
    def uid(self) -> Union[int, None]:
        """The owner of the socket's inode (its creator), read with `stat` through the first
        owner's descriptor: neither netlink_diag nor `/proc/net/netlink` carries it.
        `not_present` for a socket no process holds (the kernel's own), `not_supported` on a
        fixture tree.
        """
    @property
    def inode(self) -> int:
        ...
    @property
    def pid(self) -> Union[int, None]:
        ...
    @property
    def process_name(self) -> Union[str, None]:
        ...
    @property
    def owners(self) -> Union[list[SocketOwner], None]:
        ...
    @property
    def rx_queue(self) -> Union[int, None]:
        """Receive buffer memory in use.

        Unit: bytes.
        """
    @property
    def tx_queue(self) -> Union[int, None]:
        """Send buffer memory in use.

        Unit: bytes.
        """
    @property
    def drops(self) -> Union[int, None]:
        """Counter: it only grows (a drop is a reset)."""
    @property
    def cookie(self) -> Union[int, None]:
        ...

@final
class PacketSocket(Record):
    """One packet (`AF_PACKET`) socket, as used by packet capture."""
    @property
    def socket_type(self) -> Union[_PacketSocketType, None]:
        """`error` when `/proc/net/packet` has a `Type` that does not parse."""
    @property
    def protocol(self) -> Union[int, None]:
        """The Ethernet protocol captured (`0x0003` = every protocol, `0x0800` IPv4)."""
    @property
    def interface_index(self) -> Union[int, None]:
        """The interface it is bound to; 0 for every interface. `not_supported` when
        packet_diag sends no `PACKET_DIAG_INFO`.
        """
    @property
    def running(self) -> Union[bool, None]:
        """True while the socket receives (bound with a protocol)."""
    @property
    def rx_queue(self) -> Union[int, None]:
        """Receive buffer memory in use. `not_supported` when packet_diag sends no
        `PACKET_DIAG_MEMINFO`.

        Unit: bytes.
        """
    @property
    def uid(self) -> Union[int, None]:
        """The creator's uid. `not_supported` when packet_diag sends no `PACKET_DIAG_UID`."""
    @property
    def inode(self) -> int:
        ...
    @property
    def pid(self) -> Union[int, None]:
        ...
    @property
    def process_name(self) -> Union[str, None]:
        ...
    @property
    def owners(self) -> Union[list[SocketOwner], None]:
        ...
    @property
    def cookie(self) -> Union[int, None]:
        ...

@final
class TcpStats(Record):
    """TCP connections per state (over the TCP table, IPv4 and IPv6) and the SNMP `Tcp`
    counters of `/proc/net/snmp` (which count IPv4 and IPv6 together).

    The counts are missing when the TCP table was not collected, the counters when
    `/proc/net/snmp` could not be read.
    """
    @property
    def connections_established(self) -> Union[int, None]:
        ...
    @property
    def connections_syn_sent(self) -> Union[int, None]:
        ...
    @property
    def connections_syn_recv(self) -> Union[int, None]:
        ...
    @property
    def connections_fin_wait1(self) -> Union[int, None]:
        ...
    @property
    def connections_fin_wait2(self) -> Union[int, None]:
        ...
    @property
    def connections_time_wait(self) -> Union[int, None]:
        ...
    @property
    def connections_close(self) -> Union[int, None]:
        ...
    @property
    def connections_close_wait(self) -> Union[int, None]:
        ...
    @property
    def connections_last_ack(self) -> Union[int, None]:
        ...
    @property
    def connections_listen(self) -> Union[int, None]:
        ...
    @property
    def connections_closing(self) -> Union[int, None]:
        ...
    @property
    def active_opens(self) -> Union[int, None]:
        """Connections opened by this side (`ActiveOpens`).

        Counter: it only grows (a drop is a reset).
        """
    @property
    def passive_opens(self) -> Union[int, None]:
        """Connections accepted (`PassiveOpens`).

        Counter: it only grows (a drop is a reset).
        """
    @property
    def attempt_fails(self) -> Union[int, None]:
        """Connection attempts that failed (`AttemptFails`).

        Counter: it only grows (a drop is a reset).
        """
    @property
    def estab_resets(self) -> Union[int, None]:
        """Connections reset from ESTABLISHED or CLOSE_WAIT (`EstabResets`).

        Counter: it only grows (a drop is a reset).
        """
    @property
    def curr_estab(self) -> Union[int, None]:
        """Connections now ESTABLISHED or CLOSE_WAIT (`CurrEstab`, a gauge)."""
    @property
    def in_segs(self) -> Union[int, None]:
        """Counter: it only grows (a drop is a reset)."""
    @property
    def out_segs(self) -> Union[int, None]:
        """Counter: it only grows (a drop is a reset)."""
    @property
    def retrans_segs(self) -> Union[int, None]:
        """Counter: it only grows (a drop is a reset)."""
    @property
    def in_errs(self) -> Union[int, None]:
        """Counter: it only grows (a drop is a reset)."""
    @property
    def out_rsts(self) -> Union[int, None]:
        """Counter: it only grows (a drop is a reset)."""
    @property
    def in_csum_errors(self) -> Union[int, None]:
        """Segments with a bad checksum (`InCsumErrors`, Linux 3.10+).

        Counter: it only grows (a drop is a reset).
        """

@final
class UdpStats(Record):
    """The SNMP `Udp` counters (`/proc/net/snmp` for IPv4, `Udp6*` of `/proc/net/snmp6`).

    Each counter stands alone: one that does not parse (or is negative) is `error`, and
    the others are kept.
    """
    @property
    def in_datagrams(self) -> Union[int, None]:
        """Counter: it only grows (a drop is a reset)."""
    @property
    def no_ports(self) -> Union[int, None]:
        """Datagrams to a port nobody listens on.

        Counter: it only grows (a drop is a reset).
        """
    @property
    def in_errors(self) -> Union[int, None]:
        """Counter: it only grows (a drop is a reset)."""
    @property
    def out_datagrams(self) -> Union[int, None]:
        """Counter: it only grows (a drop is a reset)."""
    @property
    def rcvbuf_errors(self) -> Union[int, None]:
        """Datagrams dropped for a full receive buffer (not printed by the oldest kernels).

        Counter: it only grows (a drop is a reset).
        """
    @property
    def sndbuf_errors(self) -> Union[int, None]:
        """Datagrams dropped for a full send buffer (not printed by the oldest kernels).

        Counter: it only grows (a drop is a reset).
        """
    @property
    def in_csum_errors(self) -> Union[int, None]:
        """Datagrams with a bad checksum (3.10+).

        Counter: it only grows (a drop is a reset).
        """
    @property
    def ignored_multi(self) -> Union[int, None]:
        """Multicast datagrams no socket wanted (4.11+).

        Counter: it only grows (a drop is a reset).
        """
    @property
    def mem_errors(self) -> Union[int, None]:
        """Datagrams dropped for lack of memory (5.9+).

        Counter: it only grows (a drop is a reset).
        """

@final
class SocketStats(Record):
    """Socket counts and memory (`/proc/net/sockstat`, `/proc/net/sockstat6`, and the
    `tcp_mem`/`udp_mem` sysctls).

    Each count stands alone: one that does not parse or does not fit is `error`, and the
    others are kept.
    """
    @property
    def sockets_used(self) -> Union[int, None]:
        """Sockets of every family in use."""
    @property
    def tcp_inuse(self) -> Union[int, None]:
        """TCP sockets in use (IPv4 and IPv6, TIME_WAIT excluded)."""
    @property
    def tcp_orphan(self) -> Union[int, None]:
        """TCP sockets no process holds any more."""
    @property
    def tcp_tw(self) -> Union[int, None]:
        """TCP sockets in TIME_WAIT."""
    @property
    def tcp_alloc(self) -> Union[int, None]:
        """TCP sockets allocated."""
    @property
    def tcp_mem_pages(self) -> Union[int, None]:
        """Memory TCP uses now.

        Unit: pages.
        """
    @property
    def tcp_mem(self) -> Union[MemoryLimits, None]:
        """The TCP memory thresholds (`net.ipv4.tcp_mem`)."""
    @property
    def udp_inuse(self) -> Union[int, None]:
        """UDP sockets in use (IPv4)."""
    @property
    def udp_mem_pages(self) -> Union[int, None]:
        """Unit: pages."""
    @property
    def udp_mem(self) -> Union[MemoryLimits, None]:
        """The UDP memory thresholds (`net.ipv4.udp_mem`)."""
    @property
    def udplite_inuse(self) -> Union[int, None]:
        ...
    @property
    def raw_inuse(self) -> Union[int, None]:
        ...
    @property
    def frag_inuse(self) -> Union[int, None]:
        """IP fragment reassembly queues in use."""
    @property
    def frag_memory(self) -> Union[int, None]:
        """Unit: bytes."""
    @property
    def tcp6_inuse(self) -> Union[int, None]:
        """The IPv6 counts of `/proc/net/sockstat6` (absent without IPv6)."""
    @property
    def udp6_inuse(self) -> Union[int, None]:
        ...
    @property
    def udplite6_inuse(self) -> Union[int, None]:
        ...
    @property
    def raw6_inuse(self) -> Union[int, None]:
        ...
    @property
    def frag6_inuse(self) -> Union[int, None]:
        ...
    @property
    def frag6_memory(self) -> Union[int, None]:
        """Unit: bytes."""

@final
class MemoryLimits(Record):
    """A memory pressure setting in pages (`net.ipv4.tcp_mem`, `udp_mem`)."""
    @property
    def low(self) -> int:
        """Below this, no pressure.

        Unit: pages.
        """
    @property
    def pressure(self) -> int:
        """Above this, the stack moderates its memory use.

        Unit: pages.
        """
    @property
    def high(self) -> int:
        """The hard limit.

        Unit: pages.
        """

@final
class CounterTable(Record):
    """One table of counters (`Tcp` of `/proc/net/snmp`, `TcpExt` of `/proc/net/netstat`)."""
    @property
    def name(self) -> str:
        """The table's name as the kernel prints it (`Ip`, `Icmp`, `IcmpMsg`, `Tcp`, `Udp`,
        `UdpLite`, `TcpExt`, `IpExt`, `MPTcpExt`, …).
        """
    @property
    def counters(self) -> dict[str, int]:
        """Every counter, in the kernel's order. Signed because a few are (`Tcp` `MaxConn`
        is -1: no limit).
        """

@final
class NetInterfaceFull(Record):
    """One network interface with its addresses, counters and driver."""
    @property
    def name(self) -> str:
        ...
    @property
    def index(self) -> int:
        ...
    @property
    def mac_address(self) -> Union[str, None]:
        """The link-layer address (`null` for devices without one, such as `tun`)."""
    @property
    def broadcast_address(self) -> Union[str, None]:
        """The link-layer broadcast address."""
    @property
    def permanent_address(self) -> Union[str, None]:
        """The address the hardware came with, when the driver knows it."""
    @property
    def mtu(self) -> int:
        ...
    @property
    def flags(self) -> InterfaceFlags:
        ...
    @property
    def state(self) -> _InterfaceState:
        """The operational state (`operstate`)."""
    @property
    def hw_type(self) -> int:
        """The `ARPHRD_*` link type (1 Ethernet, 772 loopback)."""
    @property
    def kind(self) -> Union[str, None]:
        """The kind of virtual device (`veth`, `bridge`, `ifb`, `bond`, …); `null` for
        physical devices and `lo`.
        """
    @property
    def speed_mbps(self) -> Union[int, None]:
        """Link speed (`/sys/class/net/<if>/speed`): `not_enabled` while the interface is
        down, `not_supported` where the driver cannot tell (`lo`, many virtual devices).

        Unit: Mbit/s.
        """
    @property
    def duplex(self) -> Union[_Duplex, None]:
        """Link duplex (`/sys/class/net/<if>/duplex`), missing as `speed_mbps` is."""
    @property
    def carrier(self) -> Union[bool, None]:
        """Whether the link has a carrier (`IFLA_CARRIER`)."""
    @property
    def carrier_changes(self) -> Union[int, None]:
        """Carrier up and down events since the device was created.

        Counter: it only grows (a drop is a reset).
        """
    @property
    def carrier_up_count(self) -> Union[int, None]:
        """Counter: it only grows (a drop is a reset)."""
    @property
    def carrier_down_count(self) -> Union[int, None]:
        """Counter: it only grows (a drop is a reset)."""
    @property
    def ipv4_addresses(self) -> Union[list[Ipv4Info], None]:
        ...
    @property
    def ipv6_addresses(self) -> Union[list[Ipv6Info], None]:
        ...
    @property
    def stats(self) -> Union[NetInterfaceStats, None]:
        ...
    @property
    def tx_queue_len(self) -> int:
        """The transmit queue length of the queueing discipline (`txqueuelen`)."""
    @property
    def rx_queue_len(self) -> Union[int, None]:
        """Linux has no per-interface receive queue length (received packets wait in a
        per-CPU backlog, `net.core.netdev_max_backlog`): always `not_supported`. See
        `num_rx_queues` for the hardware queues.
        """
    @property
    def num_tx_queues(self) -> Union[int, None]:
        """Hardware transmit queues."""
    @property
    def num_rx_queues(self) -> Union[int, None]:
        """Hardware receive queues."""
    @property
    def qdisc(self) -> Union[str, None]:
        """The queueing discipline (`noqueue`, `fq_codel`, `mq`)."""
    @property
    def master_index(self) -> Union[int, None]:
        """The index of the master device (bridge, bond, VRF)."""
    @property
    def link_index(self) -> Union[int, None]:
        """The index of the underlying or peer device (for a veth: its peer, possibly in
        another namespace).
        """
    @property
    def driver(self) -> Union[str, None]:
        """The driver (`ETHTOOL_GDRVINFO`). `not_supported` where the device has no ethtool
        driver information (`lo`).
        """
    @property
    def driver_version(self) -> Union[str, None]:
        """The driver's version; `not_present` when the driver reports none."""
    @property
    def firmware_version(self) -> Union[str, None]:
        """The firmware version; `not_present` when the device has no firmware (virtual
        devices).
        """
    @property
    def bus_info(self) -> Union[str, None]:
        """The bus address (`0000:00:03.0`); `not_present` for devices on no bus."""

@final
class InterfaceFlags(Record):
    """Interface flags (`IFF_*` of `ifi_flags`), each as a boolean, and the raw bits."""
    @property
    def up(self) -> bool:
        """Administratively up."""
    @property
    def broadcast(self) -> bool:
        ...
    @property
    def debug(self) -> bool:
        ...
    @property
    def loopback(self) -> bool:
        ...
    @property
    def point_to_point(self) -> bool:
        ...
    @property
    def no_trailers(self) -> bool:
        ...
    @property
    def running(self) -> bool:
        """Operationally up (RFC 2863 `up`)."""
    @property
    def no_arp(self) -> bool:
        ...
    @property
    def promiscuous(self) -> bool:
        ...
    @property
    def all_multicast(self) -> bool:
        ...
    @property
    def master(self) -> bool:
        """A bonding master."""
    @property
    def slave(self) -> bool:
        """A bonding slave."""
    @property
    def multicast(self) -> bool:
        ...
    @property
    def lower_up(self) -> bool:
        """The carrier is present (`IFF_LOWER_UP`)."""
    @property
    def dormant(self) -> bool:
        ...
    @property
    def echo(self) -> bool:
        ...
    @property
    def bits(self) -> int:
        """The bits as the kernel holds them."""

@final
class Ipv4Info(Record):
    """An IPv4 address of an interface."""
    @property
    def address(self) -> str:
        ...
    @property
    def prefix_len(self) -> int:
        ...
    @property
    def netmask(self) -> str:
        """The prefix as a mask (`255.255.255.0`)."""
    @property
    def broadcast(self) -> Union[str, None]:
        ...
    @property
    def peer(self) -> Union[str, None]:
        """The other end of a point-to-point link."""
    @property
    def scope(self) -> _AddressScope:
        ...
    @property
    def label(self) -> Union[str, None]:
        """The address label (`eth0:1`)."""
    @property
    def flags(self) -> int:
        """`IFA_F_*` flags (0x80 permanent, 0x01 secondary, …)."""
    @property
    def valid_lifetime(self) -> Union[int, None]:
        """Remaining valid lifetime; `null` when forever.

        Unit: seconds.
        """
    @property
    def preferred_lifetime(self) -> Union[int, None]:
        """Remaining preferred lifetime; `null` when forever.

        Unit: seconds.
        """

@final
class Ipv6Info(Record):
    """An IPv6 address of an interface."""
    @property
    def address(self) -> str:
        ...
    @property
    def prefix_len(self) -> int:
        ...
    @property
    def scope(self) -> _AddressScope:
        ...
    @property
    def flags(self) -> int:
        """`IFA_F_*` flags: 0x01 temporary, 0x02 nodad, 0x04 optimistic, 0x08 dadfailed,
        0x10 homeaddress, 0x20 deprecated, 0x40 tentative, 0x80 permanent, 0x100
        managetempaddr, 0x200 noprefixroute, 0x400 mcautojoin, 0x800 stable-privacy.
        """
    @property
    def valid_lifetime(self) -> Union[int, None]:
        """Unit: seconds."""
    @property
    def preferred_lifetime(self) -> Union[int, None]:
        """Unit: seconds."""

@final
class NetInterfaceStats(Record):
    """The 23 interface counters of the specification, from the kernel's 64-bit statistics
    (`IFLA_STATS64`; the 32-bit `IFLA_STATS` on kernels without it).
    """
    @property
    def rx_bytes(self) -> int:
        """Unit: bytes. Counter: it only grows (a drop is a reset)."""
    @property
    def tx_bytes(self) -> int:
        """Unit: bytes. Counter: it only grows (a drop is a reset)."""
    @property
    def rx_packets(self) -> int:
        """Counter: it only grows (a drop is a reset)."""
    @property
    def tx_packets(self) -> int:
        """Counter: it only grows (a drop is a reset)."""
    @property
    def rx_errors(self) -> int:
        """Counter: it only grows (a drop is a reset)."""
    @property
    def tx_errors(self) -> int:
        """Counter: it only grows (a drop is a reset)."""
    @property
    def rx_dropped(self) -> int:
        """Counter: it only grows (a drop is a reset)."""
    @property
    def tx_dropped(self) -> int:
        """Counter: it only grows (a drop is a reset)."""
    @property
    def rx_fifo_errors(self) -> int:
        """Counter: it only grows (a drop is a reset)."""
    @property
    def tx_fifo_errors(self) -> int:
        """Counter: it only grows (a drop is a reset)."""
    @property
    def rx_frame_errors(self) -> int:
        """Counter: it only grows (a drop is a reset)."""
    @property
    def rx_compressed(self) -> int:
        """Counter: it only grows (a drop is a reset)."""
    @property
    def tx_compressed(self) -> int:
        """Counter: it only grows (a drop is a reset)."""
    @property
    def multicast(self) -> int:
        """Multicast packets received.

        Counter: it only grows (a drop is a reset).
        """
    @property
    def collisions(self) -> int:
        """Counter: it only grows (a drop is a reset)."""
    @property
    def rx_length_errors(self) -> int:
        """Counter: it only grows (a drop is a reset)."""
    @property
    def rx_over_errors(self) -> int:
        """Receiver ring buffer overflows.

        Counter: it only grows (a drop is a reset).
        """
    @property
    def rx_crc_errors(self) -> int:
        """Counter: it only grows (a drop is a reset)."""
    @property
    def rx_missed_errors(self) -> int:
        """Packets the receiver missed.

        Counter: it only grows (a drop is a reset).
        """
    @property
    def tx_aborted_errors(self) -> int:
        """Counter: it only grows (a drop is a reset)."""
    @property
    def tx_carrier_errors(self) -> int:
        """Counter: it only grows (a drop is a reset)."""
    @property
    def tx_heartbeat_errors(self) -> int:
        """Counter: it only grows (a drop is a reset)."""
    @property
    def tx_window_errors(self) -> int:
        """Counter: it only grows (a drop is a reset)."""
    @property
    def rx_nohandler(self) -> Union[int, None]:
        """Packets dropped for lack of a protocol handler (Linux 4.6+).

        Counter: it only grows (a drop is a reset).
        """
    @property
    def rx_otherhost_dropped(self) -> Union[int, None]:
        """Packets dropped because they were for another host (5.19+).

        Counter: it only grows (a drop is a reset).
        """

@final
class Route(Record):
    """One route of any routing table (IPv4 or IPv6)."""
    @property
    def family(self) -> _AddressFamily:
        ...
    @property
    def destination(self) -> str:
        """The destination network (`0.0.0.0` / `::` for the default route)."""
    @property
    def prefix_len(self) -> int:
        ...
    @property
    def gateway(self) -> Union[str, None]:
        ...
    @property
    def genmask(self) -> str:
        """The prefix as a mask (`255.255.255.0`; for IPv6 `ffff:ffff:ffff:ffff::`)."""
    @property
    def flags(self) -> RouteFlags:
        ...
    @property
    def metric(self) -> int:
        """The route's priority (`metric` in `ip route`; 0 when none is set)."""
    @property
    def interface(self) -> Union[str, None]:
        """The outgoing interface's name (`null` for routes without one, such as
        `unreachable` or multipath routes).
        """
    @property
    def interface_index(self) -> Union[int, None]:
        ...
    @property
    def mtu(self) -> Union[int, None]:
        """The route's MTU metric (`RTAX_MTU`).

        Unit: bytes.
        """
    @property
    def window(self) -> Union[int, None]:
        """The TCP window clamp (`RTAX_WINDOW`).

        Unit: bytes.
        """
    @property
    def irtt(self) -> Union[int, None]:
        """The initial round-trip time (`RTAX_RTT`).

        Unit: ms.
        """
    @property
    def table(self) -> int:
        """The routing table (254 main, 255 local, 253 default)."""
    @property
    def route_type(self) -> _RouteType:
        ...
    @property
    def scope(self) -> _AddressScope:
        ...
    @property
    def protocol(self) -> int:
        """Who installed it (`RTPROT_*`: 2 kernel, 3 boot, 4 static, 9 ra, 16 dhcp, …)."""
    @property
    def preferred_source(self) -> Union[str, None]:
        """The source address preferred for this route (`src` in `ip route`)."""
    @property
    def nexthops(self) -> list[RouteNextHop]:
        """Next hops of a multipath route; empty otherwise."""

@final
class RouteFlags(Record):
    """The flags of a route, as `/proc/net/route` computes them (`RTF_*`), each as a boolean."""
    @property
    def up(self) -> bool:
        """Usable (`RTF_UP`): every route but a dead one."""
    @property
    def gateway(self) -> bool:
        """Through a gateway (`RTF_GATEWAY`)."""
    @property
    def host(self) -> bool:
        """To one host (`RTF_HOST`: a full-length prefix)."""
    @property
    def reject(self) -> bool:
        """Rejects packets (`unreachable`, `prohibit`, `blackhole`; `RTF_REJECT`)."""
    @property
    def onlink(self) -> bool:
        """The gateway is on the link even without a matching prefix (`RTNH_F_ONLINK`)."""
    @property
    def linkdown(self) -> bool:
        """The next hop's link is down (`RTNH_F_LINKDOWN`)."""
    @property
    def dead(self) -> bool:
        """The next hop is dead (`RTNH_F_DEAD`)."""
    @property
    def bits(self) -> int:
        """The `RTF_*` bits."""

@final
class RouteNextHop(Record):
    """One next hop of a multipath route."""
    @property
    def gateway(self) -> Union[str, None]:
        ...
    @property
    def interface_index(self) -> int:
        ...
    @property
    def interface(self) -> Union[str, None]:
        ...
    @property
    def weight(self) -> int:
        """The relative weight (`weight` in `ip route`)."""

@final
class ArpEntry(Record):
    """One entry of the neighbour cache: ARP for IPv4, neighbour discovery for IPv6."""
    @property
    def family(self) -> _AddressFamily:
        ...
    @property
    def ip_address(self) -> str:
        ...
    @property
    def hw_type(self) -> int:
        """The `ARPHRD_*` type of the device (1 Ethernet)."""
    @property
    def flags(self) -> int:
        """`ATF_*` flags as `/proc/net/arp` shows them (0x2 complete, 0x4 permanent)."""
    @property
    def hw_address(self) -> Union[str, None]:
        """The link-layer address; `null` while unresolved (`incomplete`, `failed`)."""
    @property
    def device(self) -> str:
        ...
    @property
    def interface_index(self) -> int:
        ...
    @property
    def state(self) -> _NeighbourState:
        ...
    @property
    def router(self) -> bool:
        """The neighbour is a router (IPv6 `NTF_ROUTER`)."""
    @property
    def probes(self) -> Union[int, None]:
        """Resolution probes sent."""

@final
class ConntrackEntry(Record):
    """One tracked connection (netfilter conntrack)."""
    @property
    def family(self) -> _AddressFamily:
        ...
    @property
    def protocol(self) -> str:
        """The layer-4 protocol's name (`tcp`, `udp`, `icmp`, `icmpv6`, `sctp`, …), or its
        number.
        """
    @property
    def protocol_number(self) -> int:
        ...
    @property
    def src_addr(self) -> str:
        """The original direction's source and destination."""
    @property
    def dst_addr(self) -> str:
        ...
    @property
    def src_port(self) -> Union[int, None]:
        ...
    @property
    def dst_port(self) -> Union[int, None]:
        ...
    @property
    def reply_src_addr(self) -> str:
        """The reply direction (after NAT: differs from the original's mirror image)."""
    @property
    def reply_dst_addr(self) -> str:
        ...
    @property
    def reply_src_port(self) -> Union[int, None]:
        ...
    @property
    def reply_dst_port(self) -> Union[int, None]:
        ...
    @property
    def icmp_type(self) -> Union[int, None]:
        """ICMP type, code and id, for ICMP flows."""
    @property
    def icmp_code(self) -> Union[int, None]:
        ...
    @property
    def icmp_id(self) -> Union[int, None]:
        ...
    @property
    def state(self) -> Union[str, None]:
        """The TCP state as `conntrack` prints it (`ESTABLISHED`, `TIME_WAIT`, …); `null` for
        other protocols.
        """
    @property
    def timeout(self) -> Union[int, None]:
        """Time left before the entry expires.

        Unit: seconds.
        """
    @property
    def packets_orig(self) -> Union[int, None]:
        """Counters need `net.netfilter.nf_conntrack_acct=1` (`not_enabled` otherwise).

        Counter: it only grows (a drop is a reset).
        """
    @property
    def bytes_orig(self) -> Union[int, None]:
        """Unit: bytes. Counter: it only grows (a drop is a reset)."""
    @property
    def packets_reply(self) -> Union[int, None]:
        """Counter: it only grows (a drop is a reset)."""
    @property
    def bytes_reply(self) -> Union[int, None]:
        """Unit: bytes. Counter: it only grows (a drop is a reset)."""
    @property
    def mark(self) -> int:
        ...
    @property
    def zone(self) -> int:
        ...
    @property
    def status(self) -> int:
        """`IPS_*` status bits."""
    @property
    def status_flags(self) -> list[str]:
        """The status bits by name (`assured`, `seen_reply`, `confirmed`, `src_nat`, …)."""
    @property
    def id(self) -> Union[int, None]:
        """The entry's id (ctnetlink only)."""
    @property
    def use_count(self) -> Union[int, None]:
        """References held on the entry."""

@final
class ConntrackStats(Record):
    """Conntrack totals."""
    @property
    def entries(self) -> Union[int, None]:
        """Entries now (`net.netfilter.nf_conntrack_count`)."""
    @property
    def max_entries(self) -> Union[int, None]:
        """The table's limit (`nf_conntrack_max`)."""
    @property
    def accounting(self) -> Union[bool, None]:
        """Whether per-flow byte and packet counters are on (`nf_conntrack_acct`)."""
    @property
    def per_cpu(self) -> Union[list[ConntrackCpuStats], None]:
        """Per-CPU counters (ctnetlink, else `/proc/net/stat/nf_conntrack`)."""

@final
class ConntrackCpuStats(Record):
    """One CPU's conntrack counters (`conntrack -S`). Each counter stands alone: one the
    kernel does not give is `not_supported` (the set changed over versions), one that does
    not parse is `error`.
    """
    @property
    def cpu(self) -> int:
        ...
    @property
    def found(self) -> Union[int, None]:
        """Lookups that found an entry.

        Counter: it only grows (a drop is a reset).
        """
    @property
    def invalid(self) -> Union[int, None]:
        """Packets that could not be tracked.

        Counter: it only grows (a drop is a reset).
        """
    @property
    def insert(self) -> Union[int, None]:
        """Counter: it only grows (a drop is a reset)."""
    @property
    def insert_failed(self) -> Union[int, None]:
        """Counter: it only grows (a drop is a reset)."""
    @property
    def drop(self) -> Union[int, None]:
        """Packets dropped (the table was full).

        Counter: it only grows (a drop is a reset).
        """
    @property
    def early_drop(self) -> Union[int, None]:
        """Entries evicted to make room.

        Counter: it only grows (a drop is a reset).
        """
    @property
    def error(self) -> Union[int, None]:
        """ICMP errors that matched no entry.

        Counter: it only grows (a drop is a reset).
        """
    @property
    def search_restart(self) -> Union[int, None]:
        """Lookups restarted because the table changed.

        Counter: it only grows (a drop is a reset).
        """
    @property
    def clash_resolve(self) -> Union[int, None]:
        """Insertion races resolved (5.10+).

        Counter: it only grows (a drop is a reset).
        """
    @property
    def chain_toolong(self) -> Union[int, None]:
        """Insertions refused because a hash chain was too long (5.15+).

        Counter: it only grows (a drop is a reset).
        """

@final
class GpuMetrics(Record):
    """One GPU: the specification's `GpuMetrics`, then what operators ask for beyond it."""
    @property
    def index(self) -> int:
        """The GPU's index: NVML's index for NVIDIA GPUs (as in `nvidia-smi`), then the DRM
        cards in card order.
        """
    @property
    def uuid(self) -> Union[str, None]:
        """NVIDIA `GPU-…`; AMD `unique_id` (where the ASIC has one); Intel: `not_supported`."""
    @property
    def name(self) -> Union[str, None]:
        """Product name (NVML; amdgpu `product_name`, which only boards with a FRU EEPROM
        have; Intel: `not_supported`; see `pci_device_id`).
        """
    @property
    def vendor(self) -> _GpuVendor:
        ...
    @property
    def pci_bus_id(self) -> Union[str, None]:
        """PCI address in the kernel's form `0000:03:00.0` (NVML's eight-digit domain is
        shortened to four when it fits, so it matches sysfs and `drm-pdev`).
        """
    @property
    def utilization_gpu(self) -> Union[float, None]:
        """Share of the last sample period in which a kernel ran (NVML; amdgpu
        `gpu_busy_percent`). Intel's drivers do not report it (`not_supported`): see the
        per-client `engines`. `not_supported` on a MIG-enabled GPU.

        Unit: percent.
        """
    @property
    def utilization_memory(self) -> Union[float, None]:
        """Share of the period in which device memory was read or written (NVML; amdgpu
        `mem_busy_percent`).

        Unit: percent.
        """
    @property
    def utilization_encoder(self) -> Union[float, None]:
        """Video encoder use (NVML).

        Unit: percent.
        """
    @property
    def utilization_decoder(self) -> Union[float, None]:
        """Video decoder use (NVML; amdgpu `gpu_metrics` multimedia activity, which counts
        the VCN as one unit for encode and decode).

        Unit: percent.
        """
    @property
    def memory_total(self) -> Union[int, None]:
        """Device memory (NVML framebuffer; amdgpu `mem_info_vram_total`; xe tiles' VRAM).

        Unit: bytes.
        """
    @property
    def memory_used(self) -> Union[int, None]:
        """Unit: bytes."""
    @property
    def memory_free(self) -> Union[int, None]:
        """`memory_total - memory_used` for sysfs; NVML's own figure, which also leaves out
        `memory_reserved`.

        Unit: bytes.
        """
    @property
    def memory_reserved(self) -> Union[int, None]:
        """Memory the driver and firmware reserve (NVML).

        Unit: bytes.
        """
    @property
    def temperature_gpu(self) -> Union[float, None]:
        """The GPU's temperature: NVIDIA's GPU sensor; amdgpu's `edge` sensor, or
        `junction` on boards without one (Instinct); xe's package sensor.

        Unit: celsius.
        """
    @property
    def temperature_memory(self) -> Union[float, None]:
        """Memory temperature (NVML; amdgpu `mem`; xe `vram`).

        Unit: celsius.
        """
    @property
    def temperature_slowdown(self) -> Union[float, None]:
        """Where the GPU starts to slow down: NVML's slowdown threshold; amdgpu's `crit` of
        the sensor of `temperature_gpu`. New NVIDIA datacenter drivers give only the
        margin (`temperature_margin`) and say `not_supported` here.

        Unit: celsius.
        """
    @property
    def temperature_shutdown(self) -> Union[float, None]:
        """Where the GPU shuts down: NVML's shutdown threshold; amdgpu's `emergency`.

        Unit: celsius.
        """
    @property
    def power_draw(self) -> Union[float, None]:
        """Power draw: NVML's (averaged over one second on Ampere and later); amdgpu
        `power1_average`, else `power1_input`; Intel: from the energy counter over the
        interval since the previous snapshot (`no_previous_sample` first).

        Unit: W.
        """
    @property
    def power_limit(self) -> Union[float, None]:
        """The power limit in force as set (NVML management limit; amdgpu `power1_cap`;
        Intel `power1_max`, PL1).

        Unit: W.
        """
    @property
    def power_default_limit(self) -> Union[float, None]:
        """The default power limit (NVML; amdgpu `power1_cap_default`; Intel
        `power1_rated_max`, the TDP).

        Unit: W.
        """
    @property
    def power_min_limit(self) -> Union[float, None]:
        """The lowest power limit that can be set (NVML; amdgpu `power1_cap_min`).

        Unit: W.
        """
    @property
    def power_max_limit(self) -> Union[float, None]:
        """The highest power limit that can be set (NVML; amdgpu `power1_cap_max`).

        Unit: W.
        """
    @property
    def power_state(self) -> Union[int, None]:
        """Performance state, 0 (P0, fastest) to 15 (NVML)."""
    @property
    def clock_graphics(self) -> Union[int, None]:
        """Graphics clock now (NVML; amdgpu `sclk`; Intel actual frequency of GT 0).

        Unit: MHz.
        """
    @property
    def clock_sm(self) -> Union[int, None]:
        """SM clock now (NVML).

        Unit: MHz.
        """
    @property
    def clock_memory(self) -> Union[int, None]:
        """Memory clock now (NVML; amdgpu `mclk`).

        Unit: MHz.
        """
    @property
    def clock_video(self) -> Union[int, None]:
        """Video (encoder/decoder) clock now (NVML; amdgpu `gpu_metrics` VCLK).

        Unit: MHz.
        """
    @property
    def clock_max_graphics(self) -> Union[int, None]:
        """The highest graphics clock (NVML; amdgpu top `pp_dpm_sclk` level; Intel RP0).

        Unit: MHz.
        """
    @property
    def clock_max_memory(self) -> Union[int, None]:
        """The highest memory clock (NVML; amdgpu top `pp_dpm_mclk` level).

        Unit: MHz.
        """
    @property
    def pcie_link_gen_current(self) -> Union[int, None]:
        """PCIe generation of the link now (NVML; the PCI `current_link_speed`)."""
    @property
    def pcie_link_gen_max(self) -> Union[int, None]:
        """The highest PCIe generation of the link (NVML; PCI `max_link_speed`)."""
    @property
    def pcie_link_width_current(self) -> Union[int, None]:
        """Lanes of the link now."""
    @property
    def pcie_link_width_max(self) -> Union[int, None]:
        """The most lanes of the link."""
    @property
    def pcie_tx_throughput(self) -> Union[int, None]:
        """PCIe bytes sent by the GPU over NVML's last 20 ms window (option
        `gpu.pcie_throughput`: each direction blocks about 20 ms; else `disabled`).

        Unit: KB/s.
        """
    @property
    def pcie_rx_throughput(self) -> Union[int, None]:
        """PCIe bytes received (option `gpu.pcie_throughput`).

        Unit: KB/s.
        """
    @property
    def ecc_enabled(self) -> Union[bool, None]:
        """Whether ECC is on now (NVML)."""
    @property
    def ecc_errors_corrected(self) -> Union[int, None]:
        """Corrected ECC errors since the driver loaded (NVML volatile counter).

        Counter: it only grows (a drop is a reset).
        """
    @property
    def ecc_errors_uncorrected(self) -> Union[int, None]:
        """Uncorrected ECC errors since the driver loaded (NVML volatile counter).

        Counter: it only grows (a drop is a reset).
        """
    @property
    def processes(self) -> Union[list[GpuProcess], None]:
        """The processes using this GPU: NVML's compute and graphics processes, then the DRM
        clients matched to it (see `drm_clients_from`). Empty when none is visible.
        """
    @property
    def fan_speed(self) -> Union[int, None]:
        """Fan speed as a share of its maximum (NVML fan 0; amdgpu `pwm1` over 255).
        Passively cooled datacenter boards say `not_supported`.

        Unit: percent.
        """
    @property
    def compute_mode(self) -> Union[_ComputeMode, None]:
        """Compute mode (NVML)."""
    @property
    def compute_capability(self) -> Union[ComputeCapability, None]:
        """CUDA compute capability (NVML)."""
    @property
    def state(self) -> _GpuState:
        """Whether the record was read or the GPU failed as a whole."""
    @property
    def error(self) -> Union[str, None]:
        """Why the GPU failed (`state` = `failed`)."""
    @property
    def driver(self) -> str:
        """The kernel driver: `nvidia`, `amdgpu`, `i915`, `xe`."""
    @property
    def driver_version(self) -> Union[str, None]:
        """The driver's version (NVML; kernel drivers in the tree have none:
        `not_supported`).
        """
    @property
    def vbios_version(self) -> Union[str, None]:
        """VBIOS version (NVML; amdgpu `vbios_version`)."""
    @property
    def serial(self) -> Union[str, None]:
        """Board serial number (NVML; amdgpu `serial_number`, on boards with a FRU EEPROM)."""
    @property
    def pci_device_id(self) -> Union[str, None]:
        """PCI vendor and device id, `10de:2330`."""
    @property
    def persistence_mode(self) -> Union[bool, None]:
        """Whether the driver stays loaded with no client (NVML persistence mode)."""
    @property
    def performance_level(self) -> Union[str, None]:
        """amdgpu's forced performance level (`power_dpm_force_performance_level`: `auto`,
        `low`, `high`, `manual`, `profile_*`).
        """
    @property
    def clock_event_reasons(self) -> Union[ClockEventReasons, None]:
        """Why clocks are held down now."""
    @property
    def temperature_hotspot(self) -> Union[float, None]:
        """Hottest point of the die (amdgpu `junction`, hotspot).

        Unit: celsius.
        """
    @property
    def temperature_margin(self) -> Union[float, None]:
        """Degrees left before the GPU reaches its temperature limit and slows down (NVML
        margin temperature; `nvidia-smi`'s `gpu_temp_tlimit`).

        Unit: celsius.
        """
    @property
    def power_draw_instant(self) -> Union[float, None]:
        """Instantaneous power draw (NVML field `POWER_INSTANT`; amdgpu `power1_input` where
        `power1_average` is the draw).

        Unit: W.
        """
    @property
    def power_enforced_limit(self) -> Union[float, None]:
        """The power limit the GPU enforces now, the tightest of all limits (NVML).

        Unit: W.
        """
    @property
    def energy_total(self) -> Union[int, None]:
        """Energy used since the driver loaded (NVML, option `gpu.nvml_energy`; amdgpu
        `gpu_metrics`; Intel hwmon `energy1_input`).

        Unit: mJ. Counter: it only grows (a drop is a reset).
        """
    @property
    def power_from_energy(self) -> Union[float, None]:
        """Average power over the interval since the previous snapshot, from `energy_total`
        (`no_previous_sample` on the first).

        Unit: W.
        """
    @property
    def clock_max_sm(self) -> Union[int, None]:
        """The highest SM clock (NVML).

        Unit: MHz.
        """
    @property
    def clock_max_video(self) -> Union[int, None]:
        """The highest video clock (NVML).

        Unit: MHz.
        """
    @property
    def clock_min_graphics(self) -> Union[int, None]:
        """The lowest graphics clock (amdgpu bottom `pp_dpm_sclk` level; Intel RPn).

        Unit: MHz.
        """
    @property
    def gt_clocks(self) -> Union[list[GtClocks], None]:
        """Intel: the frequencies of every GT of every tile."""
    @property
    def pcie_replay_errors(self) -> Union[int, None]:
        """PCIe replays since the driver loaded (NVML; a link-quality counter).

        Counter: it only grows (a drop is a reset).
        """
    @property
    def ecc_errors_corrected_aggregate(self) -> Union[int, None]:
        """Corrected ECC errors over the GPU's life (NVML aggregate counter).

        Counter: it only grows (a drop is a reset).
        """
    @property
    def ecc_errors_uncorrected_aggregate(self) -> Union[int, None]:
        """Uncorrected ECC errors over the GPU's life (NVML aggregate counter).

        Counter: it only grows (a drop is a reset).
        """
    @property
    def retired_pages_single_bit(self) -> Union[int, None]:
        """Pages retired for multiple single-bit errors (NVML; GPUs before Ampere; Ampere
        and later remap rows instead and say `not_supported`).

        Counter: it only grows (a drop is a reset).
        """
    @property
    def retired_pages_double_bit(self) -> Union[int, None]:
        """Pages retired for a double-bit error.

        Counter: it only grows (a drop is a reset).
        """
    @property
    def retired_pages_pending(self) -> Union[bool, None]:
        """Pages waiting for the next driver load to be retired."""
    @property
    def remapped_rows_correctable(self) -> Union[int, None]:
        """Rows remapped for correctable errors (NVML; Ampere and later).

        Counter: it only grows (a drop is a reset).
        """
    @property
    def remapped_rows_uncorrectable(self) -> Union[int, None]:
        """Rows remapped for uncorrectable errors.

        Counter: it only grows (a drop is a reset).
        """
    @property
    def remapped_rows_pending(self) -> Union[bool, None]:
        """A remapping waits for a GPU reset."""
    @property
    def remapped_rows_failure(self) -> Union[bool, None]:
        """A remapping failed: the GPU should be serviced."""
    @property
    def nvlinks(self) -> Union[list[NvLink], None]:
        """The NVLinks (option `gpu.nvlink`); `not_supported` on GPUs without NVLink."""
    @property
    def mig_mode_current(self) -> Union[bool, None]:
        """Whether MIG is on now (NVML)."""
    @property
    def mig_mode_pending(self) -> Union[bool, None]:
        """Whether MIG will be on after the next reset."""
    @property
    def mig_devices(self) -> Union[list[MigDevice], None]:
        """The MIG devices, each with its memory and processes (empty when MIG is off)."""
    @property
    def fan_speed_rpm(self) -> Union[int, None]:
        """Speed of the first fan (NVML; amdgpu `fan1_input`).

        Unit: rpm.
        """
    @property
    def memory_visible_total(self) -> Union[int, None]:
        """amdgpu: the CPU-visible part of VRAM (`mem_info_vis_vram_total`).

        Unit: bytes.
        """
    @property
    def memory_visible_used(self) -> Union[int, None]:
        """amdgpu: used CPU-visible VRAM.

        Unit: bytes.
        """
    @property
    def memory_gtt_total(self) -> Union[int, None]:
        """amdgpu: system memory the GPU can map (GTT, `mem_info_gtt_total`).

        Unit: bytes.
        """
    @property
    def memory_gtt_used(self) -> Union[int, None]:
        """amdgpu: GTT in use.

        Unit: bytes.
        """
    @property
    def drm_clients_from(self) -> Union[_DrmClientsFrom, None]:
        """Where this snapshot's DRM clients came from; `disabled` when none was read
        (neither `process.fds` nor `gpu.drm_clients`).
        """

@final
class GpuProcess(Record):
    """A process using a GPU."""
    @property
    def pid(self) -> int:
        ...
    @property
    def process_name(self) -> Union[str, None]:
        """The process's command name (`comm`): from the process domain when it ran, else
        read for this pid. `gone` when it exited, `not_present` when the pid is not
        visible here (another pid namespace: NVML reports host pids).
        """
    @property
    def used_memory(self) -> Union[int, None]:
        """GPU memory the process uses. NVML: its allocation (`not_supported` where the
        driver hides it: Windows WDDM, some MIG set-ups). DRM client: the sum of its
        resident memory over the device's regions but amdgpu's `gtt` and `cpu` (system
        memory mapped for the GPU).

        Unit: bytes.
        """
    @property
    def compute_instance_id(self) -> Union[int, None]:
        """The MIG compute instance the process runs in; `null` when MIG is off."""
    @property
    def gpu_instance_id(self) -> Union[int, None]:
        """The MIG GPU instance the process runs in; `null` when MIG is off."""
    @property
    def process_type(self) -> _GpuProcessType:
        """What the process does on the GPU."""
    @property
    def utilization_sm(self) -> Union[float, None]:
        """Share of the time one of its kernels ran on the SMs, from NVML's latest sample
        since the previous snapshot (`nvidia-smi pmon` `sm`). `not_present` when NVML kept
        no sample for it, `not_supported` for DRM clients (see `engines`) and on MIG.

        Unit: percent.
        """
    @property
    def utilization_memory(self) -> Union[float, None]:
        """Share of the time it read or wrote device memory (NVML sample).

        Unit: percent.
        """
    @property
    def utilization_encoder(self) -> Union[float, None]:
        """Share of the encoder it used (NVML sample).

        Unit: percent.
        """
    @property
    def utilization_decoder(self) -> Union[float, None]:
        """Share of the decoder it used (NVML sample).

        Unit: percent.
        """
    @property
    def drm_client_id(self) -> Union[int, None]:
        """The DRM client id (`drm-client-id`), unique per device while the client lives;
        `null` for NVML processes.
        """
    @property
    def shared_with(self) -> list[int]:
        """Other processes holding the same DRM client (a descriptor inherited or passed):
        the client is reported once, under the lowest pid.
        """
    @property
    def engines(self) -> list[GpuEngineUse]:
        """Engine use of a DRM client; empty for NVML processes."""
    @property
    def memory_regions(self) -> list[GpuMemoryRegion]:
        """Memory of a DRM client per region; empty for NVML processes."""

@final
class GpuEngineUse(Record):
    """One engine class of a DRM client (`drm-engine-<name>`, `drm-cycles-<name>`)."""
    @property
    def engine(self) -> str:
        """The driver's engine name (`gfx`, `compute`, `dec` for amdgpu; `render`, `copy`,
        `video` for i915; `rcs`, `bcs`, `vcs`, `ccs` for xe).
        """
    @property
    def busy_ns(self) -> Union[int, None]:
        """Time the client kept this engine busy since it opened the device (`drm-engine-*`).

        Unit: ns. Counter: it only grows (a drop is a reset).
        """
    @property
    def cycles(self) -> Union[int, None]:
        """Busy cycles since it opened the device (`drm-cycles-*`, xe).

        Counter: it only grows (a drop is a reset).
        """
    @property
    def total_cycles(self) -> Union[int, None]:
        """The engine's cycle counter at the same moment (`drm-total-cycles-*`).

        Counter: it only grows (a drop is a reset).
        """
    @property
    def capacity(self) -> int:
        """Engines of this class the counters add up (`drm-engine-capacity-*`; 1 when the
        driver does not say).
        """
    @property
    def busy_percent(self) -> Union[float, None]:
        """Share of this engine class the client used since the probe's previous snapshot
        (busy time over wall time, or busy cycles over total cycles, divided by the
        capacity). `no_previous_sample` on the first snapshot that sees the client.

        Unit: percent.
        """

@final
class GpuMemoryRegion(Record):
    """Memory of one region of a DRM client (`drm-total-<region>`, …)."""
    @property
    def region(self) -> str:
        """The driver's region name (`vram`, `gtt`, `cpu` for amdgpu; `system0`, `local0`
        for i915; `vram0`, `gtt` for xe).
        """
    @property
    def total(self) -> Union[int, None]:
        """Buffers the client can reach in this region, shared ones included.

        Unit: bytes.
        """
    @property
    def shared(self) -> Union[int, None]:
        """Of those, buffers shared with other clients.

        Unit: bytes.
        """
    @property
    def resident(self) -> Union[int, None]:
        """Buffers resident in the region (`drm-resident-*`; the legacy `drm-memory-*` key,
        which amdgpu and older drivers print, is read as resident when no
        `drm-resident-*` is given).

        Unit: bytes.
        """
    @property
    def purgeable(self) -> Union[int, None]:
        """Resident buffers the client marked purgeable.

        Unit: bytes.
        """
    @property
    def active(self) -> Union[int, None]:
        """Resident buffers the GPU is using now.

        Unit: bytes.
        """

@final
class ComputeCapability(Record):
    """A CUDA compute capability (`9.0` for Hopper)."""
    @property
    def major(self) -> int:
        ...
    @property
    def minor(self) -> int:
        ...

@final
class ClockEventReasons(Record):
    """Why the GPU's clocks are held below their maximum now (NVML "clocks event reasons",
    formerly "throttle reasons"; amdgpu's ASIC-independent throttle status; i915/xe
    throttle reasons). A reason the vendor does not report is `not_supported`.
    """
    @property
    def gpu_idle(self) -> Union[bool, None]:
        """Nothing runs: clocks are low because the GPU is idle (NVIDIA)."""
    @property
    def applications_clocks_setting(self) -> Union[bool, None]:
        """Clocks are held at the applications clocks set by an administrator (NVIDIA)."""
    @property
    def sw_power_cap(self) -> Union[bool, None]:
        """The software power limit holds the clocks down (NVIDIA SW power cap; AMD PPT/SPL
        limits; Intel PL1/PL2/PL4).
        """
    @property
    def hw_slowdown(self) -> Union[bool, None]:
        """Hardware slowdown: an external signal or a voltage regulator (NVIDIA HW slowdown;
        AMD VRHOT/PROCHOT; Intel PROCHOT, VR TDC).
        """
    @property
    def sync_boost(self) -> Union[bool, None]:
        """Sync boost: clocks matched across GPUs of a group (NVIDIA)."""
    @property
    def sw_thermal_slowdown(self) -> Union[bool, None]:
        """The driver or firmware lowers clocks for temperature (NVIDIA SW thermal slowdown;
        AMD temperature throttlers; Intel thermal and RATL).
        """
    @property
    def hw_thermal_slowdown(self) -> Union[bool, None]:
        """The hardware lowers clocks for temperature (NVIDIA HW thermal slowdown; Intel VR
        thermal alert).
        """
    @property
    def hw_power_brake_slowdown(self) -> Union[bool, None]:
        """The power brake assertion of the board (NVIDIA)."""
    @property
    def display_clocks_setting(self) -> Union[bool, None]:
        """Clocks follow the display's needs (NVIDIA)."""
    @property
    def other(self) -> Union[bool, None]:
        """Another reason the vendor reports without a class here (AMD current limits
        (TDC/EDC), PPM, FIT).
        """

@final
class GtClocks(Record):
    """The frequencies of one Intel GT (graphics or media unit) of a card."""
    @property
    def tile(self) -> int:
        """The tile (xe `tile<N>`; 0 for i915)."""
    @property
    def gt(self) -> int:
        """The GT within the tile (`gt<N>`)."""
    @property
    def actual(self) -> Union[int, None]:
        """The frequency the GT runs at (`act`).

        Unit: MHz.
        """
    @property
    def requested(self) -> Union[int, None]:
        """The frequency the driver last requested (`cur`).

        Unit: MHz.
        """
    @property
    def limit_min(self) -> Union[int, None]:
        """The lowest frequency the driver may request (`min`, set by an administrator).

        Unit: MHz.
        """
    @property
    def limit_max(self) -> Union[int, None]:
        """The highest frequency the driver may request (`max`, set by an administrator).

        Unit: MHz.
        """
    @property
    def boost(self) -> Union[int, None]:
        """The frequency requested when a waiting client needs a boost (i915 `boost`).

        Unit: MHz.
        """
    @property
    def hw_max(self) -> Union[int, None]:
        """The hardware's highest frequency (`RP0`).

        Unit: MHz.
        """
    @property
    def hw_efficient(self) -> Union[int, None]:
        """The hardware's most efficient frequency (`RPe`; i915 `RP1`).

        Unit: MHz.
        """
    @property
    def hw_min(self) -> Union[int, None]:
        """The hardware's lowest frequency (`RPn`).

        Unit: MHz.
        """

@final
class NvLink(Record):
    """One NVLink of an NVIDIA GPU."""
    @property
    def link(self) -> int:
        """The link number (0 to 17)."""
    @property
    def active(self) -> Union[bool, None]:
        """Whether the link is up."""
    @property
    def version(self) -> Union[int, None]:
        """NVLink version."""
    @property
    def remote_pci_bus_id(self) -> Union[str, None]:
        """The PCI bus id of the device at the other end."""
    @property
    def errors_replay(self) -> Union[int, None]:
        """Data-link replay errors since the driver loaded.

        Counter: it only grows (a drop is a reset).
        """
    @property
    def errors_recovery(self) -> Union[int, None]:
        """Data-link recovery events.

        Counter: it only grows (a drop is a reset).
        """
    @property
    def errors_crc_flit(self) -> Union[int, None]:
        """Flow-control digit CRC errors.

        Counter: it only grows (a drop is a reset).
        """
    @property
    def errors_crc_data(self) -> Union[int, None]:
        """Data CRC errors.

        Counter: it only grows (a drop is a reset).
        """

@final
class MigDevice(Record):
    """A MIG device: an instance of a MIG-enabled NVIDIA GPU."""
    @property
    def index(self) -> int:
        """The MIG device's index on its GPU."""
    @property
    def uuid(self) -> Union[str, None]:
        """`MIG-…`."""
    @property
    def gpu_instance_id(self) -> Union[int, None]:
        ...
    @property
    def compute_instance_id(self) -> Union[int, None]:
        ...
    @property
    def memory_total(self) -> Union[int, None]:
        """The instance's share of the GPU's memory.

        Unit: bytes.
        """
    @property
    def memory_used(self) -> Union[int, None]:
        """Unit: bytes."""
    @property
    def memory_free(self) -> Union[int, None]:
        """Unit: bytes."""
    @property
    def processes(self) -> Union[list[GpuProcess], None]:
        """The processes running in this instance."""

@final
class PowerMetrics(Record):
    """Energy counters, power supplies and sensors."""
    @property
    def rapl_available(self) -> bool:
        """Whether this machine exposes RAPL energy counters: a zone of an `intel-rapl*`
        control type in `/sys/class/powercap` (AMD processors appear under the same driver).
        """
    @property
    def domains(self) -> Union[list[RaplDomain], None]:
        """Every power capping zone of every control type, each after its parent (RAPL
        packages, then their `core`, `uncore`, `dram` subzones; `psys`; the MMIO copies of
        the packages). `not_present` without `/sys/class/powercap`.
        """
    @property
    def battery(self) -> Union[BatteryInfo, None]:
        """The first battery of the system (the first of `batteries` whose scope is not
        `Device`); `not_present` when there is none.
        """
    @property
    def batteries(self) -> Union[list[BatteryInfo], None]:
        """Every supply of type `Battery`, in name order, peripherals' (scope `Device`)
        included. `not_present` without `/sys/class/power_supply`.
        """
    @property
    def ac_online(self) -> Union[bool, None]:
        """Whether a mains adapter is online (any supply of type `Mains`); `not_present` when
        the machine has no mains supply.
        """
    @property
    def supplies(self) -> Union[list[PowerSupply], None]:
        """Every other power supply (`Mains`, `USB`, `UPS`, `Wireless`), in name order."""
    @property
    def hwmon(self) -> Union[list[HwmonChip], None]:
        """Every hardware monitoring chip, as `sensors` lists them. `not_present` without
        `/sys/class/hwmon`.
        """
    @property
    def thermal_zones(self) -> Union[list[ThermalZone], None]:
        """Every thermal zone. `not_present` without `/sys/class/thermal`."""
    @property
    def cooling_devices(self) -> Union[list[CoolingDevice], None]:
        """Every cooling device (fans, processor throttling, …)."""
    @property
    def process_energy(self) -> Union[ProcessEnergyEstimate, None]:
        """The package energy of the last interval shared among processes by their CPU time
        (see [`ProcessEnergyEstimate`]): an estimate. `not_present` without RAPL packages,
        `disabled` when the process domain or this option is off, `no_previous_sample` on
        the first snapshot, `permission_denied` when `energy_uj` is root-only.
        """

@final
class RaplDomain(Record):
    """One power capping zone: a RAPL package (`package-0`), one of its subzones (`core`,
    `uncore`, `dram`), the platform (`psys`), or a zone of another control type.

    Every attribute is independent: one that cannot be read is missing with its reason
    (`not_supported` when this zone does not have it), and the rest of the zone is kept.
    """
    @property
    def name(self) -> Union[str, None]:
        """The zone's `name` file: `package-0`, `core`, `uncore`, `dram`, `psys` for RAPL."""
    @property
    def zone(self) -> str:
        """The zone's entry in `/sys/class/powercap`: `intel-rapl:0`, `intel-rapl:0:1`,
        `intel-rapl-mmio:0`. Stable for a given machine and kernel.
        """
    @property
    def control_type(self) -> str:
        """The control type: `intel-rapl` (MSR interface; AMD packages too),
        `intel-rapl-mmio` (the same packages through MMIO, with their own limits),
        `dtpm`, …
        """
    @property
    def parent(self) -> Union[str, None]:
        """The parent zone's `zone` (`intel-rapl:0` for `intel-rapl:0:1`); `null` for a
        top-level zone.
        """
    @property
    def energy_uj(self) -> Union[int, None]:
        """Energy counter (`energy_uj`). It wraps to 0 after `max_energy_uj`.
        `permission_denied` for unprivileged readers since Linux 5.10 (CVE-2020-8694).

        Unit: uJ. Counter: it only grows (a drop is a reset).
        """
    @property
    def max_energy_uj(self) -> Union[int, None]:
        """The counter's range (`max_energy_range_uj`): where it wraps.

        Unit: uJ.
        """
    @property
    def power_watts(self) -> Union[float, None]:
        """Average power since the previous snapshot of the same probe, from the energy
        counter, corrected for one wrap. `no_previous_sample` on the first snapshot (and
        when no time passed, or when the counter went back without a known range);
        `energy_uj`'s reason when it cannot be read.

        Unit: W.
        """
    @property
    def power_limit_watts(self) -> Union[float, None]:
        """The long-term power limit (PL1: the constraint named `long_term`, else constraint
        0), in watts; `not_supported` for a zone without constraints (AMD packages).

        Unit: W.
        """
    @property
    def time_window_us(self) -> Union[int, None]:
        """The long-term constraint's time window (`time_window_us`).

        Unit: us.
        """
    @property
    def enabled(self) -> Union[bool, None]:
        """Whether power limiting is enabled in this zone (`enabled`)."""
    @property
    def power_now_uw(self) -> Union[int, None]:
        """Instantaneous power as the zone's driver measures it (the powercap file
        `power_uw`; RAPL does not: `not_supported`). Named apart from `power_watts`, the
        average from the energy counter.

        Unit: uW.
        """
    @property
    def max_power_range_uw(self) -> Union[int, None]:
        """Range of `power_uw` (`max_power_range_uw`).

        Unit: uW.
        """
    @property
    def constraints(self) -> list[RaplConstraint]:
        """Every constraint of the zone (`constraint_<n>_*`), in index order: RAPL has
        `long_term` (PL1), `short_term` (PL2) and, on recent processors, `peak_power`
        (PL4). Empty for a zone without constraints.
        """

@final
class RaplConstraint(Record):
    """One power limit of a zone (`constraint_<index>_*`)."""
    @property
    def index(self) -> int:
        """The `<index>` of `constraint_<index>_*`."""
    @property
    def name(self) -> Union[str, None]:
        """`long_term`, `short_term`, `peak_power` (`constraint_<n>_name`, optional in the
        ABI).
        """
    @property
    def power_limit_uw(self) -> Union[int, None]:
        """The limit (`power_limit_uw`); 0 when the limit is not set.

        Unit: uW.
        """
    @property
    def time_window_us(self) -> Union[int, None]:
        """The window the limit averages over (`time_window_us`).

        Unit: us.
        """
    @property
    def max_power_uw(self) -> Union[int, None]:
        """The highest limit allowed (`max_power_uw`; for `long_term`, the thermal design
        power).

        Unit: uW.
        """
    @property
    def min_power_uw(self) -> Union[int, None]:
        """The lowest limit allowed (`min_power_uw`).

        Unit: uW.
        """
    @property
    def max_time_window_us(self) -> Union[int, None]:
        """The longest window allowed (`max_time_window_us`).

        Unit: us.
        """
    @property
    def min_time_window_us(self) -> Union[int, None]:
        """The shortest window allowed (`min_time_window_us`).

        Unit: us.
        """

@final
class BatteryInfo(Record):
    """One battery (a supply of type `Battery`).

    Each attribute is read on its own: one the driver does not give is `not_supported`
    (`not_present` while the battery is absent, `present` = false), and the others are
    kept. Where the kernel gives only some values, libprobe derives the rest and lists them
    in `derived`: `capacity_percent` from `energy_now / energy_full` (or the charge
    ratio), `time_to_empty_min` / `time_to_full_min` from the content and the rate
    (`power_now`, else `current_now` × `voltage_now`) when the kernel's own
    `time_to_*_now` is absent.
    """
    @property
    def name(self) -> str:
        """The supply's name in `/sys/class/power_supply` (`BAT0`, `CMB1`,
        `hidpp_battery_0`): not always `BAT*`.
        """
    @property
    def present(self) -> Union[bool, None]:
        """`present`: whether the battery is inserted."""
    @property
    def status(self) -> Union[_BatteryStatus, None]:
        ...
    @property
    def capacity_percent(self) -> Union[int, None]:
        """`capacity`, or derived from the energy or charge ratio (see `derived`). May exceed
        100 where the firmware says so.

        Unit: percent.
        """
    @property
    def capacity_level(self) -> Union[str, None]:
        """`capacity_level`: `Unknown`, `Critical`, `Low`, `Normal`, `High`, `Full`."""
    @property
    def energy_now_uwh(self) -> Union[int, None]:
        """`energy_now`.

        Unit: uWh.
        """
    @property
    def energy_full_uwh(self) -> Union[int, None]:
        """`energy_full`: what the battery holds when full today.

        Unit: uWh.
        """
    @property
    def energy_full_design_uwh(self) -> Union[int, None]:
        """`energy_full_design`: what it held when new.

        Unit: uWh.
        """
    @property
    def power_now_uw(self) -> Union[int, None]:
        """`power_now`, with the driver's sign (ACPI reports the magnitude; some drivers a
        negative value while discharging).

        Unit: uW.
        """
    @property
    def voltage_now_uv(self) -> Union[int, None]:
        """`voltage_now`.

        Unit: uV.
        """
    @property
    def voltage_min_design_uv(self) -> Union[int, None]:
        """`voltage_min_design`.

        Unit: uV.
        """
    @property
    def current_now_ua(self) -> Union[int, None]:
        """`current_now`, with the driver's sign (the ABI says negative while discharging;
        ACPI reports the magnitude).

        Unit: uA.
        """
    @property
    def charge_now_uah(self) -> Union[int, None]:
        """`charge_now`.

        Unit: uAh.
        """
    @property
    def charge_full_uah(self) -> Union[int, None]:
        """`charge_full`.

        Unit: uAh.
        """
    @property
    def charge_full_design_uah(self) -> Union[int, None]:
        """`charge_full_design`.

        Unit: uAh.
        """
    @property
    def cycle_count(self) -> Union[int, None]:
        """`cycle_count`: charge cycles over the battery's life (a counter).

        Counter: it only grows (a drop is a reset).
        """
    @property
    def technology(self) -> Union[str, None]:
        """`technology`: `Li-ion`, `Li-poly`, `NiMH`, `Unknown`, …"""
    @property
    def manufacturer(self) -> Union[str, None]:
        """`manufacturer` (firmware text, kept as the kernel prints it)."""
    @property
    def model_name(self) -> Union[str, None]:
        """`model_name`."""
    @property
    def serial_number(self) -> Union[str, None]:
        """`serial_number`."""
    @property
    def time_to_empty_min(self) -> Union[int, None]:
        """Minutes until empty while discharging: the kernel's `time_to_empty_now`, else
        derived (see `derived`). `not_present` when not discharging; `not_supported` when
        neither the kernel nor the content and rate tell.

        Unit: minutes.
        """
    @property
    def time_to_full_min(self) -> Union[int, None]:
        """Minutes until full while charging: `time_to_full_now`, else derived.
        `not_present` when not charging.

        Unit: minutes.
        """
    @property
    def family(self) -> Union[_BatteryFamily, None]:
        """Which family the battery reports: `energy` (µWh) or `charge` (µAh);
        `not_supported` when it reports neither.
        """
    @property
    def health_percent(self) -> Union[float, None]:
        """Health: full capacity today over design capacity (`energy_full /
        energy_full_design`, or the charge ratio), in percent.

        Unit: percent.
        """
    @property
    def power_watts(self) -> Union[float, None]:
        """The rate energy flows in or out, always positive: `|power_now|`, else
        `|current_now| × voltage_now`.

        Unit: W.
        """
    @property
    def temperature_celsius(self) -> Union[float, None]:
        """Battery temperature (`temp`, tenths of a degree in sysfs).

        Unit: celsius.
        """
    @property
    def health(self) -> Union[str, None]:
        """The kernel's health verdict (`health`: `Good`, `Overheat`, `Dead`, …)."""
    @property
    def scope(self) -> Union[str, None]:
        """`scope`: `System` (powers the machine), `Device` (a peripheral's battery),
        `Unknown`; `not_supported` where the driver does not say (ACPI batteries).
        """
    @property
    def charge_start_threshold_percent(self) -> Union[int, None]:
        """Charging starts below this level (`charge_control_start_threshold`).

        Unit: percent.
        """
    @property
    def charge_end_threshold_percent(self) -> Union[int, None]:
        """Charging stops at this level (`charge_control_end_threshold`).

        Unit: percent.
        """
    @property
    def derived(self) -> list[str]:
        """Names of the fields above that libprobe computed rather than read
        (`capacity_percent`, `time_to_empty_min`, `time_to_full_min`).
        """

@final
class PowerSupply(Record):
    """A power supply other than a battery: an AC adapter (`Mains`), a USB port or USB-C
    source, a UPS, a wireless charger.
    """
    @property
    def name(self) -> str:
        """The supply's name (`AC`, `ADP1`, `ucsi-source-psy-USBC000:001`)."""
    @property
    def supply_type(self) -> Union[str, None]:
        """`type`: `Mains`, `USB`, `UPS`, `Wireless`, …"""
    @property
    def online(self) -> Union[bool, None]:
        """`online`: whether it supplies power now (the ABI's 1 "fixed" and 2 "programmable"
        are both true).
        """
    @property
    def voltage_now_uv(self) -> Union[int, None]:
        """`voltage_now`.

        Unit: uV.
        """
    @property
    def current_now_ua(self) -> Union[int, None]:
        """`current_now`.

        Unit: uA.
        """
    @property
    def current_max_ua(self) -> Union[int, None]:
        """`current_max`: the most current it can supply.

        Unit: uA.
        """
    @property
    def usb_type(self) -> Union[str, None]:
        """`usb_type`: the USB types it can be, the active one in brackets
        (`C [PD] PD_PPS`).
        """
    @property
    def capacity_percent(self) -> Union[int, None]:
        """`capacity` (a UPS's battery).

        Unit: percent.
        """
    @property
    def status(self) -> Union[_BatteryStatus, None]:
        """`status` (a UPS's battery)."""
    @property
    def scope(self) -> Union[str, None]:
        """`scope`: `System`, `Device`, `Unknown`."""
    @property
    def manufacturer(self) -> Union[str, None]:
        ...
    @property
    def model_name(self) -> Union[str, None]:
        ...

@final
class HwmonChip(Record):
    """One hardware monitoring chip (`/sys/class/hwmon/hwmon<n>`): a CPU's temperature
    sensors (`coretemp`, `k10temp`), a Super-I/O chip (`nct6775`), an NVMe drive, a
    battery, a GPU.
    """
    @property
    def id(self) -> str:
        """The class entry (`hwmon3`). Its number is given at boot in probe order and may
        change across boots; name the chip by `name` and `device`.
        """
    @property
    def name(self) -> Union[str, None]:
        """The chip name (`name`: `coretemp`, `k10temp`, `nct6798`, `acpitz`, `nvme`)."""
    @property
    def label(self) -> Union[str, None]:
        """The chip's label (`label`, where the firmware names it; newer kernels)."""
    @property
    def device(self) -> Union[str, None]:
        """The device the chip belongs to (the last part of its `device` link:
        `coretemp.0`, `0000:00:18.3`, `nvme0`); `not_present` for a virtual chip without
        one (`acpitz`).
        """
    @property
    def channels(self) -> list[SensorChannel]:
        """Every channel, in `sensors` order: voltages, fans, temperatures, power, energy,
        currents, humidity, each by number.
        """

@final
class SensorChannel(Record):
    """One channel of a chip (`temp1`, `fan2`, `in0`), its values in the kind's base unit
    (see [`SensorKind`]). An attribute the chip does not have is `not_supported`; a
    channel the driver disabled (`<channel>_enable` = 0) has its readings `not_enabled`.

    Every value is a gauge in the schema, even the `input` of an `energy` channel, which
    only grows: one field serves every kind, and only `kind` tells an energy counter from
    a temperature.
    """
    @property
    def kind(self) -> _SensorKind:
        ...
    @property
    def name(self) -> str:
        """The channel's name in sysfs (`temp1`, `in0`)."""
    @property
    def label(self) -> Union[str, None]:
        """The driver's label (`<channel>_label`: `Package id 0`, `Tctl`, `CPUTIN`);
        `not_supported` when the driver has none (`sensors` then shows `name`).
        """
    @property
    def unit(self) -> str:
        """The unit of every value below (`celsius`, `RPM`, `V`, `A`, `W`, `J`, `percent`)."""
    @property
    def input(self) -> Union[float, None]:
        """The reading (`_input`). For `power` channels without `power<n>_input`, see
        `average`.
        """
    @property
    def average(self) -> Union[float, None]:
        """The averaged reading (`_average`; what most power meters give)."""
    @property
    def min(self) -> Union[float, None]:
        """Low limit (`_min`)."""
    @property
    def max(self) -> Union[float, None]:
        """High limit (`_max`)."""
    @property
    def lcrit(self) -> Union[float, None]:
        """Critical low limit (`_lcrit`)."""
    @property
    def crit(self) -> Union[float, None]:
        """Critical high limit (`_crit`)."""
    @property
    def emergency(self) -> Union[float, None]:
        """Emergency limit, above `crit` (`_emergency`)."""
    @property
    def lowest(self) -> Union[float, None]:
        """Lowest reading since the history was reset (`_lowest`)."""
    @property
    def highest(self) -> Union[float, None]:
        """Highest reading since the history was reset (`_highest`)."""
    @property
    def max_hyst(self) -> Union[float, None]:
        """Hysteresis of `max`, as an absolute value (`_max_hyst`)."""
    @property
    def crit_hyst(self) -> Union[float, None]:
        """Hysteresis of `crit`, as an absolute value (`_crit_hyst`)."""
    @property
    def target(self) -> Union[float, None]:
        """The fan speed a closed-loop controller aims at (`fan<n>_target`)."""
    @property
    def cap(self) -> Union[float, None]:
        """Power cap enforced by the hardware (`power<n>_cap`)."""
    @property
    def alarm(self) -> Union[bool, None]:
        """The channel's alarm (`_alarm`), as the chip raised it."""
    @property
    def min_alarm(self) -> Union[bool, None]:
        """The low-limit alarm (`_min_alarm`)."""
    @property
    def max_alarm(self) -> Union[bool, None]:
        """The high-limit alarm (`_max_alarm`)."""
    @property
    def crit_alarm(self) -> Union[bool, None]:
        """The critical-limit alarm (`_crit_alarm`)."""
    @property
    def fault(self) -> Union[bool, None]:
        """A fault of the input (`_fault`: an open diode, a fan not connected): when true,
        `input` is not to be trusted.
        """

@final
class ThermalZone(Record):
    """One thermal zone (`/sys/class/thermal/thermal_zone<n>`)."""
    @property
    def id(self) -> str:
        """The class entry (`thermal_zone0`)."""
    @property
    def zone_type(self) -> Union[str, None]:
        """What the zone measures (`type`: `acpitz`, `x86_pkg_temp`, `cpu-thermal`)."""
    @property
    def temperature_celsius(self) -> Union[float, None]:
        """The zone's temperature (`temp`, millidegrees in sysfs). Some zones fail the read
        while their sensor sleeps (`ENODATA`: `not_supported`).

        Unit: celsius.
        """
    @property
    def mode(self) -> Union[str, None]:
        """`enabled` or `disabled` (`mode`)."""
    @property
    def policy(self) -> Union[str, None]:
        """The governor (`policy`: `step_wise`, `user_space`, `power_allocator`)."""
    @property
    def trip_points(self) -> list[TripPoint]:
        """The trip points (`trip_point_<n>_*`), in index order."""

@final
class TripPoint(Record):
    """One trip point of a thermal zone."""
    @property
    def index(self) -> int:
        """The `<n>` of `trip_point_<n>_*`."""
    @property
    def trip_type(self) -> Union[str, None]:
        """`critical`, `hot`, `passive` or `active` (`trip_point_<n>_type`)."""
    @property
    def temperature_celsius(self) -> Union[float, None]:
        """The temperature that trips it (`trip_point_<n>_temp`).

        Unit: celsius.
        """
    @property
    def hysteresis_celsius(self) -> Union[float, None]:
        """Its hysteresis (`trip_point_<n>_hyst`).

        Unit: celsius.
        """

@final
class CoolingDevice(Record):
    """One cooling device (`/sys/class/thermal/cooling_device<n>`): a fan, processor
    throttling, a clamp.
    """
    @property
    def id(self) -> str:
        """The class entry (`cooling_device0`)."""
    @property
    def device_type(self) -> Union[str, None]:
        """`type`: `Processor`, `Fan`, `intel_powerclamp`, `TCC Offset`, …"""
    @property
    def cur_state(self) -> Union[int, None]:
        """The current cooling state (`cur_state`: 0 is no cooling)."""
    @property
    def max_state(self) -> Union[int, None]:
        """The highest state (`max_state`)."""

@final
class ProcessEnergyEstimate(Record):
    """The RAPL package energy of the interval between the probe's last two snapshots, shared
    among processes by the CPU time each used in it. **An estimate**, as Scaphandre and
    Kepler make theirs:

    - *Package energy* is the wrap-corrected increase of `energy_uj` summed over the
      top-level `package-<n>` zones of `intel-rapl` (of `intel-rapl-mmio` when the MSR
      interface has none): cores, caches, memory controller and, on most processors, the
      integrated GPU. DRAM and `psys` are not included.
    - *CPU time* of a process is the increase of its `cpu_user_ticks + cpu_system_ticks`
      (all its threads) between the two snapshots of the process domain; a process new in
      this snapshot counts all its ticks.
    - Each process gets `package energy × its ticks / the sum of every listed process's
      ticks`, so the shares add up to the whole package energy, idle and uncore energy
      included. Processes that exited during the interval are not seen, and their part goes
      to the others; with `process.pids` set, the energy is shared among those processes
      only. Energy used by the GPU, disks or the screen is not counted; a process on a
      core that runs faster or slower than the others is not weighed differently.

    Only processes that used CPU time in the interval are listed. Every number here is of
    the interval, so a gauge, never a counter.
    """
    @property
    def interval_ns(self) -> int:
        """The interval between the two snapshots.

        Unit: ns.
        """
    @property
    def package_energy_uj(self) -> int:
        """The package energy of the interval.

        Unit: uJ.
        """
    @property
    def package_power_watts(self) -> float:
        """The package's average power over the interval.

        Unit: W.
        """
    @property
    def cpu_ticks(self) -> int:
        """The CPU time all listed processes used in the interval.

        Unit: ticks.
        """
    @property
    def processes(self) -> list[ProcessEnergy]:
        """Each process that used CPU time, most energy first."""

@final
class ProcessEnergy(Record):
    """One process's share of the package energy (see [`ProcessEnergyEstimate`])."""
    @property
    def pid(self) -> int:
        ...
    @property
    def start_time(self) -> int:
        """The process's start time (with `pid`, its identity).

        Unit: ticks.
        """
    @property
    def name(self) -> str:
        """The command name (`comm`)."""
    @property
    def cpu_ticks(self) -> int:
        """CPU time used in the interval (user + system, all threads).

        Unit: ticks.
        """
    @property
    def share(self) -> float:
        """`cpu_ticks` over the sum of every listed process's (0–1)."""
    @property
    def energy_uj(self) -> int:
        """Estimated energy used in the interval.

        Unit: uJ.
        """
    @property
    def power_watts(self) -> float:
        """Estimated average power over the interval.

        Unit: W.
        """

@final
class Storage(Record):
    """Disk health and volume managers: SMART, ZFS, Btrfs, LVM."""
    @property
    def smart(self) -> Union[list[SmartMetrics], None]:
        """SMART health of every disk: NVMe controllers, ATA and SCSI disks."""
    @property
    def zfs_pools(self) -> Union[list[ZfsPoolMetrics], None]:
        """Every imported ZFS pool; `not_present` without the ZFS module."""
    @property
    def zfs_arc(self) -> Union[ZfsArcStats, None]:
        """The ZFS ARC (beyond the specification)."""
    @property
    def btrfs(self) -> Union[list[BtrfsMetrics], None]:
        """Every mounted Btrfs filesystem."""
    @property
    def lvm(self) -> Union[LvmMetrics, None]:
        """LVM volume groups; `permission_denied` without root (block devices are read)."""

@final
class SmartMetrics(Record):
    """SMART health of one disk (an NVMe controller, an ATA or a SCSI disk).

    Fields a protocol does not have are `not_supported` (an NVMe drive has no attribute
    table, an ATA drive no spare percentage). SMART fields are `permission_denied` without
    root, and `standby` for an ATA disk that was spun down (it is not woken).
    """
    @property
    def device(self) -> str:
        """The kernel's name: `sda`, `nvme0` (an NVMe controller; its namespaces are
        `nvme0n1`, …).
        """
    @property
    def path(self) -> str:
        """The device node queried (`/dev/sda`, `/dev/nvme0`)."""
    @property
    def model(self) -> Union[str, None]:
        ...
    @property
    def serial(self) -> Union[str, None]:
        """The serial number (redacted in libprobe's test fixtures)."""
    @property
    def firmware(self) -> Union[str, None]:
        ...
    @property
    def capacity_bytes(self) -> Union[int, None]:
        """User capacity. NVMe: total NVM capacity, else the sum of the namespaces' sizes.

        Unit: bytes.
        """
    @property
    def rotation_rate(self) -> Union[int, None]:
        """Nominal rotation rate; 0 for a solid-state device. `not_supported` when the device
        does not report it (older ATA disks, NVMe).

        Unit: rpm.
        """
    @property
    def form_factor(self) -> Union[str, None]:
        """Nominal form factor (`3.5 inches`, `2.5 inches`, `M.2`, …); `not_supported` when
        the device does not report it.
        """
    @property
    def protocol(self) -> _StorageProtocol:
        ...
    @property
    def smart_enabled(self) -> Union[bool, None]:
        """SMART is enabled (ATA IDENTIFY word 85; always on for NVMe; SCSI informational
        exceptions reporting, `MRIE` not 0, from the log page's presence).
        """
    @property
    def smart_status(self) -> Union[_SmartStatus, None]:
        ...
    @property
    def temperature_celsius(self) -> Union[int, None]:
        """Current temperature. ATA: attribute 194 (else 190), raw low byte. NVMe: the
        composite temperature. SCSI: the temperature log page. Without SMART access, the
        NVMe hwmon sensor (`temp1_input`, readable by anyone).

        Unit: celsius.
        """
    @property
    def power_on_hours(self) -> Union[int, None]:
        """ATA: attribute 9, low 32 bits of the raw value (hours on most drives; a few
        vendors count minutes there). NVMe: power-on hours. SCSI: accumulated power-on
        minutes of log page 15h, in whole hours.

        Unit: hours. Counter: it only grows (a drop is a reset).
        """
    @property
    def power_cycle_count(self) -> Union[int, None]:
        """ATA: attribute 12. NVMe: power cycles. SCSI: accumulated start-stop cycles (log page
        0Eh).

        Counter: it only grows (a drop is a reset).
        """
    @property
    def reallocated_sector_count(self) -> Union[int, None]:
        """ATA attribute 5, raw value.

        Counter: it only grows (a drop is a reset).
        """
    @property
    def pending_sector_count(self) -> Union[int, None]:
        """ATA attribute 197 (current pending sectors), raw value. A gauge: it falls when the
        drive rewrites or reallocates a pending sector.
        """
    @property
    def uncorrectable_sector_count(self) -> Union[int, None]:
        """ATA attribute 198 (offline uncorrectable sectors), raw value. A gauge: on most
        drives it falls as 197 does.
        """
    @property
    def wear_leveling_count(self) -> Union[int, None]:
        """Remaining endurance, percent (100 when new). ATA: the normalised value of the first
        wear attribute the drive has among 177, 231, 233, 173 (a value the drive reports
        above 100 is `error`). NVMe: 100 minus percentage used, 0 once the rated endurance
        is used up. `not_supported` for drives without one (disks that spin).

        Unit: percent.
        """
    @property
    def nvme_spare_percent(self) -> Union[int, None]:
        """NVMe: available spare capacity, percent.

        Unit: percent.
        """
    @property
    def nvme_unsafe_shutdowns(self) -> Union[int, None]:
        """NVMe: shutdowns without a shutdown notification.

        Counter: it only grows (a drop is a reset).
        """
    @property
    def nvme_media_errors(self) -> Union[int, None]:
        """NVMe: unrecovered data integrity errors.

        Counter: it only grows (a drop is a reset).
        """
    @property
    def attributes(self) -> list[SmartAttribute]:
        """Every attribute (ATA only; empty for NVMe and SCSI, and when SMART could not be
        read).
        """
    @property
    def power_mode(self) -> Union[_PowerMode, None]:
        """ATA: the power mode CHECK POWER MODE reported before anything else was sent."""
    @property
    def nvme_critical_warning(self) -> Union[int, None]:
        """NVMe: the critical warning bits (0 spare below threshold, 1 temperature out of
        range, 2 reliability degraded, 3 read-only, 4 volatile backup failed, 5 persistent
        memory read-only).
        """
    @property
    def nvme_spare_threshold_percent(self) -> Union[int, None]:
        """NVMe: the spare threshold below which the drive warns, percent.

        Unit: percent.
        """
    @property
    def nvme_percentage_used(self) -> Union[int, None]:
        """NVMe: vendor estimate of the rated endurance used, percent (may exceed 100).

        Unit: percent.
        """
    @property
    def nvme_data_read_bytes(self) -> Union[int, None]:
        """NVMe: data read by the host (data units of 1000 × 512 bytes, converted); `error`
        when the 128-bit counter does not fit 64 bits.

        Unit: bytes. Counter: it only grows (a drop is a reset).
        """
    @property
    def nvme_data_written_bytes(self) -> Union[int, None]:
        """NVMe: data written by the host.

        Unit: bytes. Counter: it only grows (a drop is a reset).
        """
    @property
    def nvme_host_read_commands(self) -> Union[int, None]:
        """NVMe: read commands completed.

        Counter: it only grows (a drop is a reset).
        """
    @property
    def nvme_host_write_commands(self) -> Union[int, None]:
        """NVMe: write commands completed.

        Counter: it only grows (a drop is a reset).
        """
    @property
    def nvme_controller_busy_minutes(self) -> Union[int, None]:
        """NVMe: time the controller was busy with I/O.

        Unit: minutes. Counter: it only grows (a drop is a reset).
        """
    @property
    def nvme_error_log_entries(self) -> Union[int, None]:
        """NVMe: error information log entries over the drive's life.

        Counter: it only grows (a drop is a reset).
        """
    @property
    def nvme_warning_temperature_minutes(self) -> Union[int, None]:
        """NVMe: time spent above the warning composite temperature threshold.

        Unit: minutes. Counter: it only grows (a drop is a reset).
        """
    @property
    def nvme_critical_temperature_minutes(self) -> Union[int, None]:
        """NVMe: time spent above the critical composite temperature threshold.

        Unit: minutes. Counter: it only grows (a drop is a reset).
        """
    @property
    def nvme_temperature_sensors_celsius(self) -> Union[list[int], None]:
        """NVMe: temperature sensors 1–8 that report one.

        Unit: celsius.
        """
    @property
    def temperature_warning_celsius(self) -> Union[int, None]:
        """The temperature the device warns at: NVMe WCTEMP (Identify), SCSI reference
        temperature ("trip"); `not_supported` when the device gives none.

        Unit: celsius.
        """
    @property
    def temperature_critical_celsius(self) -> Union[int, None]:
        """NVMe: the critical composite temperature threshold (CCTEMP).

        Unit: celsius.
        """
    @property
    def scsi_read_uncorrected_errors(self) -> Union[int, None]:
        """SCSI: total uncorrected read errors (read error counter log page 03h, parameter
        0006h); `not_supported` when the device keeps no such page.

        Counter: it only grows (a drop is a reset).
        """
    @property
    def scsi_write_uncorrected_errors(self) -> Union[int, None]:
        """SCSI: total uncorrected write errors (write error counter log page 02h).

        Counter: it only grows (a drop is a reset).
        """

@final
class SmartAttribute(Record):
    """One ATA SMART attribute (SMART READ DATA joined with READ THRESHOLDS by id)."""
    @property
    def id(self) -> int:
        """The attribute id (1–255)."""
    @property
    def name(self) -> str:
        """libprobe's name for the common ids (`reallocated_sectors`, `power_on_hours`,
        `temperature`, …: their usual meaning, which vendors may change), `unknown`
        otherwise.
        """
    @property
    def value(self) -> int:
        """The normalised value (1–253 on most drives; higher is better)."""
    @property
    def worst(self) -> int:
        """The worst normalised value seen."""
    @property
    def threshold(self) -> Union[int, None]:
        """The failure threshold from READ THRESHOLDS: `value <= threshold` means the attribute
        failed. `not_supported` when the thresholds could not be read or carry no entry for
        this id.
        """
    @property
    def raw_value(self) -> int:
        """The 48-bit raw value, little-endian as the drive stores it (its meaning is vendor
        specific; `raw_value & 0xff` is the temperature for ids 190 and 194). A gauge: some
        ids count, others measure; the counters libprobe knows by id are `SmartMetrics`
        fields.
        """
    @property
    def flags(self) -> int:
        """The status flags: bit 0 pre-failure (else advisory), bit 1 updated online, bit 2
        performance, bit 3 error rate, bit 4 event count, bit 5 self-preserving.
        """

@final
class ZfsPoolMetrics(Record):
    """One imported ZFS pool."""
    @property
    def name(self) -> str:
        ...
    @property
    def guid(self) -> Union[int, None]:
        ...
    @property
    def health(self) -> Union[_ZfsHealth, None]:
        """From the `state` kstat (ZFS 0.8+), else the root vdev's state."""
    @property
    def size_bytes(self) -> Union[int, None]:
        """Usable size (the root vdev's space).

        Unit: bytes.
        """
    @property
    def allocated_bytes(self) -> Union[int, None]:
        """Unit: bytes."""
    @property
    def free_bytes(self) -> Union[int, None]:
        """Unit: bytes."""
    @property
    def fragmentation_percent(self) -> Union[float, None]:
        """Free-space fragmentation; `not_supported` when the pool does not track it.

        Unit: percent.
        """
    @property
    def capacity_percent(self) -> Union[float, None]:
        """`allocated / size`.

        Unit: percent.
        """
    @property
    def dedup_ratio(self) -> Union[float, None]:
        """The pool's `dedupratio` property (`ZFS_IOC_POOL_GET_PROPS`)."""
    @property
    def compression_ratio(self) -> Union[float, None]:
        """The root dataset's `compressratio` (`ZFS_IOC_OBJSET_STATS`)."""
    @property
    def vdevs(self) -> list[ZfsVdev]:
        """The vdev tree, depth first."""
    @property
    def datasets(self) -> list[ZfsDataset]:
        ...
    @property
    def read_ops(self) -> Union[int, None]:
        """Read operations since import (root vdev statistics; the `io` kstat before ZFS 2.1).

        Counter: it only grows (a drop is a reset).
        """
    @property
    def write_ops(self) -> Union[int, None]:
        """Counter: it only grows (a drop is a reset)."""
    @property
    def read_bandwidth(self) -> Union[int, None]:
        """Bytes read per second since the previous snapshot of the same probe
        (`no_previous_sample` on the first).

        Unit: bytes/s.
        """
    @property
    def write_bandwidth(self) -> Union[int, None]:
        """Bytes written per second since the previous snapshot.

        Unit: bytes/s.
        """
    @property
    def read_errors(self) -> Union[int, None]:
        """Pool-level error counts (the root vdev's, as `zpool status` shows on the pool line).

        Counter: it only grows (a drop is a reset).
        """
    @property
    def write_errors(self) -> Union[int, None]:
        """Counter: it only grows (a drop is a reset)."""
    @property
    def checksum_errors(self) -> Union[int, None]:
        """Counter: it only grows (a drop is a reset)."""
    @property
    def read_bytes(self) -> Union[int, None]:
        """Bytes read since import.

        Unit: bytes. Counter: it only grows (a drop is a reset).
        """
    @property
    def written_bytes(self) -> Union[int, None]:
        """Unit: bytes. Counter: it only grows (a drop is a reset)."""

@final
class ZfsVdev(Record):
    """One vdev of a pool's tree, depth first (the root is the pool itself, depth 0)."""
    @property
    def name(self) -> str:
        """As `zpool status` names it: the pool name for the root, `mirror-0`, `raidz1-0` for
        groups, the device path (or its last component) for leaves.
        """
    @property
    def vdev_type(self) -> str:
        """`root`, `mirror`, `raidz`, `draid`, `disk`, `file`, `spare`, `replacing`, `hole`, …"""
    @property
    def depth(self) -> int:
        """0 for the root, 1 for top-level vdevs, …"""
    @property
    def guid(self) -> Union[int, None]:
        ...
    @property
    def path(self) -> Union[str, None]:
        """A leaf's device path."""
    @property
    def health(self) -> Union[_ZfsHealth, None]:
        ...
    @property
    def allocated_bytes(self) -> Union[int, None]:
        """Allocated space (top-level vdevs and the root).

        Unit: bytes.
        """
    @property
    def size_bytes(self) -> Union[int, None]:
        """Usable space.

        Unit: bytes.
        """
    @property
    def read_errors(self) -> Union[int, None]:
        """Errors since the pool was imported or last cleared (`zpool clear`), as `zpool
        status` counts them.

        Counter: it only grows (a drop is a reset).
        """
    @property
    def write_errors(self) -> Union[int, None]:
        """Counter: it only grows (a drop is a reset)."""
    @property
    def checksum_errors(self) -> Union[int, None]:
        """Counter: it only grows (a drop is a reset)."""
    @property
    def is_log(self) -> bool:
        """A log (ZIL) device."""

@final
class ZfsDataset(Record):
    """One dataset's I/O counters (`objset-*` kstat, ZFS 0.8+; only datasets that are mounted
    or open have one). A counter whose value does not parse, or whose row is missing, is
    that counter's `error` with a warning; the dataset is kept.
    """
    @property
    def name(self) -> str:
        ...
    @property
    def objset_id(self) -> int:
        """The objset id (from the kstat name `objset-0x…`)."""
    @property
    def reads(self) -> Union[int, None]:
        """Counter: it only grows (a drop is a reset)."""
    @property
    def writes(self) -> Union[int, None]:
        """Counter: it only grows (a drop is a reset)."""
    @property
    def read_bytes(self) -> Union[int, None]:
        """Unit: bytes. Counter: it only grows (a drop is a reset)."""
    @property
    def written_bytes(self) -> Union[int, None]:
        """Unit: bytes. Counter: it only grows (a drop is a reset)."""
    @property
    def unlinks(self) -> Union[int, None]:
        """Files unlinked.

        Counter: it only grows (a drop is a reset).
        """
    @property
    def unlinked(self) -> Union[int, None]:
        """Unlinked files whose space was reclaimed.

        Counter: it only grows (a drop is a reset).
        """

@final
class ZfsArcStats(Record):
    """The ZFS adaptive replacement cache (`/proc/spl/kstat/zfs/arcstats`), beyond the
    specification.
    """
    @property
    def size_bytes(self) -> Union[int, None]:
        """Unit: bytes."""
    @property
    def target_bytes(self) -> Union[int, None]:
        """The target size (`c`).

        Unit: bytes.
        """
    @property
    def min_bytes(self) -> Union[int, None]:
        """Unit: bytes."""
    @property
    def max_bytes(self) -> Union[int, None]:
        """Unit: bytes."""
    @property
    def hits(self) -> Union[int, None]:
        """Counter: it only grows (a drop is a reset)."""
    @property
    def misses(self) -> Union[int, None]:
        """Counter: it only grows (a drop is a reset)."""
    @property
    def mru_bytes(self) -> Union[int, None]:
        """Most-recently-used list size.

        Unit: bytes.
        """
    @property
    def mfu_bytes(self) -> Union[int, None]:
        """Most-frequently-used list size.

        Unit: bytes.
        """
    @property
    def l2_hits(self) -> Union[int, None]:
        """Counter: it only grows (a drop is a reset)."""
    @property
    def l2_misses(self) -> Union[int, None]:
        """Counter: it only grows (a drop is a reset)."""

@final
class BtrfsMetrics(Record):
    """One mounted Btrfs filesystem."""
    @property
    def uuid(self) -> str:
        """The filesystem UUID (the `/sys/fs/btrfs` directory name)."""
    @property
    def label(self) -> Union[str, None]:
        """The label; `null` when it has none."""
    @property
    def devices(self) -> list[BtrfsDevice]:
        ...
    @property
    def total_bytes(self) -> Union[int, None]:
        """Total size of the devices (`Device size` of `btrfs filesystem usage`).

        Unit: bytes.
        """
    @property
    def used_bytes(self) -> int:
        """Raw space used, copies included (`Used`).

        Unit: bytes.
        """
    @property
    def data_ratio(self) -> Union[float, None]:
        """Raw space per logical byte of data (1.0 single/raid0, 2.0 raid1/dup, …)."""
    @property
    def metadata_ratio(self) -> Union[float, None]:
        """Raw space per logical byte of metadata."""
    @property
    def generation(self) -> Union[int, None]:
        """The current transaction generation (`BTRFS_IOC_FS_INFO`, Linux 5.15+; sysfs
        `generation` otherwise).
        """
    @property
    def mount_point(self) -> Union[str, None]:
        """Where it is mounted (the first mount seen)."""
    @property
    def allocated_bytes(self) -> int:
        """Raw space allocated to chunks (`Device allocated`).

        Unit: bytes.
        """
    @property
    def unallocated_bytes(self) -> Union[int, None]:
        """`total - allocated` (`Device unallocated`).

        Unit: bytes.
        """
    @property
    def free_estimated_bytes(self) -> Union[int, None]:
        """Free space for data, estimated as `btrfs filesystem usage` does: unused data chunk
        space plus unallocated space divided by the data ratio.

        Unit: bytes.
        """
    @property
    def global_reserve_bytes(self) -> Union[int, None]:
        """Global block reserve size.

        Unit: bytes.
        """
    @property
    def global_reserve_used_bytes(self) -> Union[int, None]:
        """Global block reserve in use.

        Unit: bytes.
        """
    @property
    def allocations(self) -> list[BtrfsAllocation]:
        """Data, metadata and system allocation."""
    @property
    def node_size(self) -> Union[int, None]:
        """Unit: bytes."""
    @property
    def sector_size(self) -> Union[int, None]:
        """Unit: bytes."""

@final
class BtrfsDevice(Record):
    """One device of a Btrfs filesystem."""
    @property
    def devid(self) -> int:
        ...
    @property
    def path(self) -> Union[str, None]:
        """The device path (`BTRFS_IOC_DEV_INFO`), else `/dev/` and the sysfs name."""
    @property
    def size_bytes(self) -> Union[int, None]:
        """The size the filesystem uses on this device.

        Unit: bytes.
        """
    @property
    def allocated_bytes(self) -> Union[int, None]:
        """Allocated to chunks on this device.

        Unit: bytes.
        """
    @property
    def unallocated_bytes(self) -> Union[int, None]:
        """`size - allocated`.

        Unit: bytes.
        """
    @property
    def write_errors(self) -> Union[int, None]:
        """I/O errors since the counters were last reset (`btrfs device stats`).

        Counter: it only grows (a drop is a reset).
        """
    @property
    def read_errors(self) -> Union[int, None]:
        """Counter: it only grows (a drop is a reset)."""
    @property
    def flush_errors(self) -> Union[int, None]:
        """Counter: it only grows (a drop is a reset)."""
    @property
    def corruption_errors(self) -> Union[int, None]:
        """Checksum mismatches.

        Counter: it only grows (a drop is a reset).
        """
    @property
    def generation_errors(self) -> Union[int, None]:
        """Blocks with an unexpected generation (lost writes).

        Counter: it only grows (a drop is a reset).
        """
    @property
    def missing(self) -> Union[bool, None]:
        """The device is missing (`devinfo/<id>/missing`, Linux 5.9+)."""
    @property
    def writeable(self) -> Union[bool, None]:
        ...

@final
class BtrfsAllocation(Record):
    """One block-group type's allocation (`/sys/fs/btrfs/<uuid>/allocation/<type>`)."""
    @property
    def kind(self) -> str:
        """`data`, `metadata` or `system`."""
    @property
    def profiles(self) -> list[str]:
        """The profiles holding chunks of this type (`single`, `dup`, `raid0`, `raid1`, …)."""
    @property
    def total_bytes(self) -> int:
        """Logical size of the chunks (`btrfs filesystem usage`'s `Size:`).

        Unit: bytes.
        """
    @property
    def used_bytes(self) -> int:
        """Logical bytes used in them.

        Unit: bytes.
        """
    @property
    def disk_total_bytes(self) -> int:
        """Raw device space of the chunks (copies included).

        Unit: bytes.
        """
    @property
    def disk_used_bytes(self) -> int:
        """Unit: bytes."""

@final
class LvmMetrics(Record):
    """LVM."""
    @property
    def volume_groups(self) -> list[VolumeGroup]:
        ...
    @property
    def orphan_physical_volumes(self) -> list[PhysicalVolume]:
        """Physical volumes in no volume group (beyond the specification)."""

@final
class VolumeGroup(Record):
    """One LVM volume group (from the newest metadata copy on its physical volumes)."""
    @property
    def name(self) -> str:
        ...
    @property
    def uuid(self) -> str:
        ...
    @property
    def size_bytes(self) -> int:
        """Unit: bytes."""
    @property
    def free_bytes(self) -> int:
        """Unit: bytes."""
    @property
    def extent_size(self) -> int:
        """Unit: bytes."""
    @property
    def extent_count(self) -> int:
        ...
    @property
    def free_extent_count(self) -> int:
        ...
    @property
    def pv_count(self) -> int:
        ...
    @property
    def lv_count(self) -> int:
        """Visible logical volumes (as `vgs` counts them)."""
    @property
    def logical_volumes(self) -> list[LogicalVolume]:
        """Every logical volume, internal ones included (see [`LogicalVolume::visible`])."""
    @property
    def physical_volumes(self) -> list[PhysicalVolume]:
        ...
    @property
    def seqno(self) -> int:
        """The metadata sequence number."""
    @property
    def status(self) -> list[str]:
        """`RESIZEABLE`, `READ`, `WRITE`, `EXPORTED`, …"""
    @property
    def missing_pv_count(self) -> int:
        """Physical volumes the metadata lists that were not found."""

@final
class LogicalVolume(Record):
    """One logical volume."""
    @property
    def name(self) -> str:
        ...
    @property
    def uuid(self) -> str:
        ...
    @property
    def size_bytes(self) -> int:
        """Virtual size (the sum of the segments' extents).

        Unit: bytes.
        """
    @property
    def extent_count(self) -> int:
        ...
    @property
    def segment_types(self) -> list[str]:
        """The type of each segment, as `lvs -o segtype` names it: `linear`, `striped`,
        `raid1`, `raid5`, `mirror`, `thin-pool`, `thin`, `cache`, `cache-pool`, `snapshot`,
        `vdo`, `error`, `zero`, …
        """
    @property
    def status(self) -> list[str]:
        """The metadata status flags: `READ`, `WRITE`, `VISIBLE`, …"""
    @property
    def visible(self) -> bool:
        """Shown by `lvs` without `-a` (internal volumes such as `pool_tdata` are not)."""
    @property
    def stripes(self) -> Union[int, None]:
        """Areas of the first segment, as `lvs -o stripes` counts them: stripes (1 for
        linear), raid or mirror images, 1 for a pool (its data volume), 0 for a thin volume.
        """
    @property
    def stripe_size_bytes(self) -> Union[int, None]:
        """Unit: bytes."""
    @property
    def pool_lv(self) -> Union[str, None]:
        """A thin volume's pool, a cached volume's cache pool."""
    @property
    def origin(self) -> Union[str, None]:
        """A snapshot's origin (old-style or thin)."""
    @property
    def devices(self) -> list[str]:
        """The physical volumes its extents lie on (directly), by name."""
    @property
    def creation_time(self) -> Union[int, None]:
        """When the volume was created (Unix seconds), as the metadata records it.

        Unit: s.
        """
    @property
    def creation_host(self) -> Union[str, None]:
        ...
    @property
    def device_mapper(self) -> Union[DeviceMapperState, None]:
        """`not_present` when the volume is not active (no device-mapper device)."""

@final
class DeviceMapperState(Record):
    """The device-mapper state of an active logical volume (`/sys/block/dm-*/dm`)."""
    @property
    def device(self) -> str:
        """The kernel device (`dm-3`)."""
    @property
    def name(self) -> str:
        """The mapped device name (`vg-lv`, dashes in names doubled)."""
    @property
    def suspended(self) -> Union[bool, None]:
        ...

@final
class PhysicalVolume(Record):
    """One physical volume."""
    @property
    def name(self) -> Union[str, None]:
        """The device it was read from (`/dev/sdb1`); `not_present` for a PV the volume
        group lists but this machine does not show (missing).
        """
    @property
    def uuid(self) -> str:
        ...
    @property
    def device_size_bytes(self) -> Union[int, None]:
        """The device size the PV header records.

        Unit: bytes.
        """
    @property
    def size_bytes(self) -> Union[int, None]:
        """The PV's usable size as `pvs` shows `pv_size`: its extents × the extent size in a
        volume group, the device size for an orphan.

        Unit: bytes.
        """
    @property
    def pe_start_bytes(self) -> Union[int, None]:
        """Where the first extent starts.

        Unit: bytes.
        """
    @property
    def extent_count(self) -> int:
        ...
    @property
    def allocated_extent_count(self) -> int:
        ...
    @property
    def free_bytes(self) -> int:
        """Unallocated extents × extent size.

        Unit: bytes.
        """
    @property
    def status(self) -> list[str]:
        """`ALLOCATABLE`, … (`MISSING` when the VG flags it lost)."""
    @property
    def mda_count(self) -> Union[int, None]:
        """Metadata areas on this device."""

@final
class EbpfMetrics(Record):
    """What the eBPF tracers saw (the specification's `EbpfMetrics`): the interval since the
    previous snapshot of this probe, and the totals since attach.

    The interval's numbers are gauges (each snapshot starts them again); the counters are
    the totals of [`EbpfMetrics::since_attach`] and [`TracerStatus::dropped_since_attach`].

    A tracer's fields are `disabled` when it was not asked for, missing with its
    [`TracerStatus::reason`] when it did not attach, and `no_previous_sample` at the
    snapshot that attached it.
    """
    @property
    def interval_ns(self) -> Union[int, None]:
        """The interval the fields below cover: since the previous snapshot.

        Unit: ns.
        """
    @property
    def tracers(self) -> list[TracerStatus]:
        """Every tracer asked for, attached or not."""
    @property
    def syscall_counts(self) -> Union[dict[str, int], None]:
        """Calls per syscall name, largest first: with `syscall_latency`, the calls that
        returned in the interval (and `exit`, `exit_group` when their thread ended);
        without, the calls entered.
        """
    @property
    def syscall_errors(self) -> Union[dict[str, int], None]:
        """Calls that returned an error (-4095..-1) per syscall name, largest first;
        `disabled` without `syscall_latency`.
        """
    @property
    def syscall_latencies(self) -> Union[dict[str, LatencyHistogram], None]:
        """Entry → exit latency per syscall name, in the order of `syscall_counts` (calls that
        returned in the interval; `exit` and `exit_group` never do); `disabled` without
        `syscall_latency`.
        """
    @property
    def syscalls_by_process(self) -> Union[list[ProcessSyscalls], None]:
        """The processes that made the most system calls, most first (option
        `top_processes`).
        """
    @property
    def runqueue_latency(self) -> Union[LatencyHistogram, None]:
        """Time runnable threads waited for a CPU: from wakeup, or from preemption, to running."""
    @property
    def cpu_off_time(self) -> Union[list[OffCpuTime], None]:
        """Off-CPU time per process, most first (option `top_processes`)."""
    @property
    def block_io_latency(self) -> Union[LatencyHistogram, None]:
        """Issue → completion latency of block requests, every device and operation together."""
    @property
    def block_io_by_device(self) -> Union[list[BlockIoDevice], None]:
        """Block I/O per device and operation."""
    @property
    def block_io_by_process(self) -> Union[list[BlockIoStats], None]:
        """Block I/O per submitting process, most bytes first (option `top_processes`)."""
    @property
    def network_by_process(self) -> Union[list[ProcessNetwork], None]:
        """Network payload per process, most bytes (sent and received) first (option
        `top_processes`); see [`ProcessNetwork`] for what is counted.
        """
    @property
    def network_by_cgroup(self) -> Union[list[CgroupNetwork], None]:
        """Network payload per cgroup (every process, not only the top ones), most bytes
        first.
        """
    @property
    def tcp_connect_latency(self) -> Union[LatencyHistogram, None]:
        """Active TCP connects (IPv4 and IPv6) established in the interval: the time from the
        SYN sent to the SYN-ACK received, from the kernel's `sock:inet_sock_set_state`
        (`SYN_SENT` → `ESTABLISHED`). A SYN lost and sent again counts from the first.
        Connects that failed (refused, timed out) are not in it.
        """
    @property
    def tcp_connect_latency_by_port(self) -> Union[list[TcpConnectPort], None]:
        """`tcp_connect_latency` per destination port, by port (at most 1024 ports since attach;
        a connect to another port counts in `dropped`, and in `tcp_connect_latency`).
        """
    @property
    def since_attach(self) -> EbpfTotals:
        """The totals since attach."""
    @property
    def page_faults(self) -> Union[list[PageFaults], None]:
        """Page faults per process, most (minor + major) first (option `top_processes`)."""
    @property
    def mmap_count(self) -> Union[list[MmapCalls], None]:
        """mmap() calls per process, most first (option `top_processes`). Native (64-bit)
        calls only: a 32-bit process's `mmap2`/`old_mmap` is not counted (on x86-64 since
        Linux 6.9 the kernel keeps no compat syscall table to read their numbers from).
        """
    @property
    def file_opens(self) -> Union[list[FileOpen], None]:
        """File opens of the interval, in the order they were entered: at most option
        `max_open_events`.
        """
    @property
    def file_opens_dropped(self) -> Union[int, None]:
        """Opens of the interval not in `file_opens`: past `max_open_events`, or not recorded
        by the kernel side (its ring buffer or its table of opens in progress was full).
        """
    @property
    def file_read_latency(self) -> Union[LatencyHistogram, None]:
        """Entry → exit latency of `read`, `pread64` and `readv` calls on regular files (the
        whole call, page cache hits included; pipes, sockets, terminals and devices left
        out), calls that returned in the interval.
        """
    @property
    def file_write_latency(self) -> Union[LatencyHistogram, None]:
        """The same for `write`, `pwrite64` and `writev`."""
    @property
    def tcp_retransmits(self) -> Union[list[TcpRetransmits], None]:
        """TCP retransmissions (IPv4 and IPv6) per connection and owner, most first (at most
        option `top_processes` rows), from the kernel's `tcp:tcp_retransmit_skb`.
        """
    @property
    def packet_drops(self) -> Union[list[PacketDrops], None]:
        """Packets dropped per interface and reason, most first, from the kernel's
        `skb:kfree_skb` (`SKB_CONSUMED` is not a drop).
        """

@final
class TracerStatus(Record):
    """One tracer: whether it is attached, how, and what it could not keep."""
    @property
    def tracer(self) -> _TracerName:
        ...
    @property
    def state(self) -> _TracerState:
        ...
    @property
    def reason(self) -> Union[_Reason, None]:
        """Why the tracer is not attached; null when it is."""
    @property
    def error(self) -> Union[str, None]:
        """What failed, when it failed (the loader's or the kernel's message)."""
    @property
    def hook(self) -> Union[_HookType, None]:
        """The program type its programs use (the first of option `hooks` this kernel
        accepted); null when not attached.
        """
    @property
    def tracefs_mounted(self) -> Union[bool, None]:
        """For the `tracepoint` type: whether libprobe had to mount tracefs (privately, to
        read the tracepoints' ids) because it was not mounted; null for the other types,
        which need no tracefs.
        """
    @property
    def events(self) -> list[str]:
        """The kernel events its programs are attached to (`raw_syscalls/sys_enter`)."""
    @property
    def dropped(self) -> Union[int, None]:
        """Events not counted in the interval because a bounded table was full (or a thread
        exit record found its ring full); `no_previous_sample` at the snapshot that attached.
        """
    @property
    def dropped_since_attach(self) -> int:
        """Events not counted since attach.

        Counter: it only grows (a drop is a reset).
        """

@final
class LatencyHistogram(Record):
    """A latency distribution in log2 buckets (the specification's `LatencyHistogram`).

    Bucket bounds are 1, 3, 7, 15, … 2^(i+1)-1 ns: bucket 0 holds 0 and 1 ns, bucket i holds
    [2^i, 2^(i+1)) ns. Only non-empty buckets are listed.
    """
    @property
    def buckets(self) -> list[HistogramBucket]:
        """The non-empty buckets, in increasing order of bound."""
    @property
    def sum_ns(self) -> int:
        """Sum of the values.

        Unit: ns.
        """
    @property
    def count(self) -> int:
        """Number of values (the sum of the buckets' counts)."""
    @property
    def min_ns(self) -> Union[int, None]:
        """The smallest value; null when there is none. Exact, except that an event racing
        the snapshot by a few nanoseconds may count in the next interval's buckets but not
        in this one's minimum and maximum (then null here if it was the only one).

        Unit: ns.
        """
    @property
    def max_ns(self) -> Union[int, None]:
        """The largest value; null when there is none (see `min_ns`).

        Unit: ns.
        """
    @property
    def p50_ns(self) -> Union[int, None]:
        """Median, estimated from the buckets (linear within the bucket, kept within
        `min_ns`..`max_ns`); null when there is no value.

        Unit: ns.
        """
    @property
    def p90_ns(self) -> Union[int, None]:
        """90th percentile, estimated as `p50_ns` is.

        Unit: ns.
        """
    @property
    def p99_ns(self) -> Union[int, None]:
        """99th percentile, estimated as `p50_ns` is.

        Unit: ns.
        """

@final
class HistogramBucket(Record):
    """One bucket of a [`LatencyHistogram`]."""
    @property
    def upper_bound_ns(self) -> int:
        """The largest value this bucket holds (inclusive: Prometheus' `le`); the bucket
        holds the values above the previous bucket's bound. The last possible bucket's bound
        is 2^64-1 (every value from 2^47 ns, about 39 hours, up).

        Unit: ns.
        """
    @property
    def count(self) -> int:
        """Values in this bucket."""

@final
class ProcessSyscalls(Record):
    """A process's system calls over the interval."""
    @property
    def pid(self) -> int:
        """The process id (of the initial pid namespace)."""
    @property
    def start_time(self) -> int:
        """When the process started, in clock ticks since boot (`start_time` of
        [`crate::process::ProcessFull`]): with `pid`, its identity, so a pid reused by a new
        process within the interval is a row of its own.

        Unit: ticks.
        """
    @property
    def name(self) -> str:
        """The process's name (its main thread's `comm` when seen, else a thread's)."""
    @property
    def count(self) -> int:
        """System calls made (counted as `syscall_counts` are)."""
    @property
    def errors(self) -> Union[int, None]:
        """Calls that returned an error (-4095..-1); `disabled` without `syscall_latency`."""
    @property
    def latency_ns(self) -> Union[int, None]:
        """Time spent in system calls, entry to exit, summed over its threads; `disabled`
        without `syscall_latency`.

        Unit: ns.
        """

@final
class OffCpuTime(Record):
    """A process's time off a CPU over the interval (switched out to switched back in),
    summed over its threads.
    """
    @property
    def pid(self) -> int:
        """The process id (of the initial pid namespace)."""
    @property
    def start_time(self) -> int:
        """When the process started, in clock ticks since boot (`start_time` of
        [`crate::process::ProcessFull`]): with `pid`, its identity, so a pid reused by a new
        process within the interval is a row of its own.

        Unit: ticks.
        """
    @property
    def name(self) -> str:
        """The process's name (its main thread's `comm` when first seen)."""
    @property
    def total_ns(self) -> int:
        """`voluntary_ns + involuntary_ns`.

        Unit: ns.
        """
    @property
    def voluntary_ns(self) -> int:
        """Off CPU after sleeping or blocking (I/O, locks, `sleep`), until running again.

        Unit: ns.
        """
    @property
    def involuntary_ns(self) -> int:
        """Off CPU after being preempted (or yielding) while still runnable: waiting for a CPU.

        Unit: ns.
        """
    @property
    def voluntary_switches(self) -> int:
        """Voluntary switches that ended in the interval (the kernel's `nvcsw` sense)."""
    @property
    def involuntary_switches(self) -> int:
        """Involuntary switches that ended in the interval (`nivcsw`)."""

@final
class BlockIoDevice(Record):
    """Block I/O of one device and operation over the interval."""
    @property
    def name(self) -> Union[str, None]:
        """The device's kernel name (`sda`, `nvme0n1p2`, `loop0`); `not_present` when the
        device is gone.
        """
    @property
    def major(self) -> int:
        ...
    @property
    def minor(self) -> int:
        ...
    @property
    def operation(self) -> _BlockOperation:
        ...
    @property
    def bytes(self) -> int:
        """Bytes of the completed requests.

        Unit: bytes.
        """
    @property
    def latency(self) -> LatencyHistogram:
        """Issue → completion latency of its requests (`count`: requests completed)."""

@final
class BlockIoStats(Record):
    """A process's block I/O over the interval (the specification's `BlockIoStats`): the
    requests it submitted that completed, and their time from issue to completion.
    """
    @property
    def pid(self) -> int:
        """The process id (of the initial pid namespace)."""
    @property
    def start_time(self) -> int:
        """When the process started, in clock ticks since boot (`start_time` of
        [`crate::process::ProcessFull`]): with `pid`, its identity, so a pid reused by a new
        process within the interval is a row of its own.

        Unit: ticks.
        """
    @property
    def name(self) -> str:
        """The submitting process's name (its main thread's `comm`)."""
    @property
    def reads(self) -> int:
        ...
    @property
    def writes(self) -> int:
        ...
    @property
    def read_bytes(self) -> int:
        """Bytes the read requests asked for.

        Unit: bytes.
        """
    @property
    def write_bytes(self) -> int:
        """Bytes the write requests carried.

        Unit: bytes.
        """
    @property
    def read_latency_ns(self) -> int:
        """Reads' time from issue to completion, summed.

        Unit: ns.
        """
    @property
    def write_latency_ns(self) -> int:
        """Writes' time from issue to completion, summed.

        Unit: ns.
        """

@final
class ProcessNetwork(Record):
    """A process's network traffic over the interval: the payload bytes its send and receive
    calls moved on TCP and UDP sockets, IPv4 and IPv6 together.

    Counted from the kernel's `sock:sock_send_length` and `sock:sock_recv_length` events
    (Linux 6.3+), in the calling process: the bytes a call handed to or took from the
    protocol (its result), so **payload only**: no TCP, UDP or IP headers, no
    retransmissions, no ACKs. Traffic over loopback is counted once for the sending
    process (as sent) and once for the receiving one (as received). Calls that moved no byte
    (errors, EOF, empty datagrams) and receives with `MSG_PEEK` are not counted. Not
    counted either: `splice()` out of a TCP socket and TCP zero-copy receive
    (`TCP_ZEROCOPY_RECEIVE`), which do not go through the receive call; sockets of other
    protocols (Unix, raw, SCTP, MPTCP, UDP-Lite); the kernel's own sockets (NFS, iSCSI);
    forwarded packets.
    """
    @property
    def pid(self) -> int:
        """The process id (of the initial pid namespace)."""
    @property
    def start_time(self) -> int:
        """When the process started, in clock ticks since boot (`start_time` of
        [`crate::process::ProcessFull`]): with `pid`, its identity, so a pid reused by a new
        process within the interval is a row of its own.

        Unit: ticks.
        """
    @property
    def name(self) -> str:
        """The process's name (its main thread's `comm` at its first counted call)."""
    @property
    def cgroup_id(self) -> Union[int, None]:
        """The cgroup (v2) id of the thread that made the process's latest counted call (the
        inode number of its directory under the cgroup2 mount); null where the kernel has
        no cgroup v2 hierarchy.
        """
    @property
    def tcp_sent_bytes(self) -> int:
        """TCP payload bytes sent (accepted by send, write, sendmsg, …).

        Unit: bytes.
        """
    @property
    def tcp_received_bytes(self) -> int:
        """TCP payload bytes received (returned by recv, read, recvmsg, …).

        Unit: bytes.
        """
    @property
    def udp_sent_bytes(self) -> int:
        """UDP payload bytes sent.

        Unit: bytes.
        """
    @property
    def udp_received_bytes(self) -> int:
        """UDP payload bytes received (with `MSG_TRUNC`, the datagram's full length).

        Unit: bytes.
        """
    @property
    def tcp_sends(self) -> int:
        """TCP send calls that moved at least one byte."""
    @property
    def tcp_receives(self) -> int:
        """TCP receive calls that moved at least one byte."""
    @property
    def udp_sends(self) -> int:
        """UDP send calls that moved at least one byte: one datagram each, except with
        `UDP_SEGMENT` or corking (`MSG_MORE`, `UDP_CORK`).
        """
    @property
    def udp_receives(self) -> int:
        """UDP datagrams received (one per receive call; `recvmmsg` counts each message)."""

@final
class CgroupNetwork(Record):
    """A cgroup's network traffic over the interval: the sum of [`ProcessNetwork`] over the
    processes whose latest counted call was made in it (a process that moved to another
    cgroup within the interval counts entirely in the new one).
    """
    @property
    def cgroup_id(self) -> int:
        """The cgroup (v2) id: the inode number of its directory under the cgroup2 mount."""
    @property
    def processes(self) -> int:
        """Processes counted."""
    @property
    def tcp_sent_bytes(self) -> int:
        """Unit: bytes."""
    @property
    def tcp_received_bytes(self) -> int:
        """Unit: bytes."""
    @property
    def udp_sent_bytes(self) -> int:
        """Unit: bytes."""
    @property
    def udp_received_bytes(self) -> int:
        """Unit: bytes."""
    @property
    def tcp_sends(self) -> int:
        ...
    @property
    def tcp_receives(self) -> int:
        ...
    @property
    def udp_sends(self) -> int:
        ...
    @property
    def udp_receives(self) -> int:
        ...

@final
class TcpConnectPort(Record):
    """The connect latency of one TCP destination port over the interval."""
    @property
    def port(self) -> int:
        """The destination port."""
    @property
    def latency(self) -> LatencyHistogram:
        """SYN sent → established (`count`: connects established)."""

@final
class EbpfTotals(Record):
    """What the tracers counted since they were attached: counters, which start again from 0
    when a new probe attaches. The histograms and device rows are of the same record types
    as the interval's ([`LatencyHistogram`], [`BlockIoDevice`]), whose numbers are gauges
    (they are of one interval); their totals here are therefore gauges in the schema too.
    """
    @property
    def attached_ns(self) -> int:
        """Time since the tracers were attached.

        Unit: ns. Counter: it only grows (a drop is a reset).
        """
    @property
    def syscall_counts(self) -> Union[dict[str, int], None]:
        """Calls per syscall name, largest first.

        Counter: it only grows (a drop is a reset).
        """
    @property
    def syscall_errors(self) -> Union[dict[str, int], None]:
        """Failed calls per syscall name, largest first.

        Counter: it only grows (a drop is a reset).
        """
    @property
    def syscall_latencies(self) -> Union[dict[str, LatencyHistogram], None]:
        """Latency per syscall name, in the order of `syscall_counts`."""
    @property
    def runqueue_latency(self) -> Union[LatencyHistogram, None]:
        ...
    @property
    def block_io_latency(self) -> Union[LatencyHistogram, None]:
        """Every device and operation together."""
    @property
    def block_io_by_device(self) -> Union[list[BlockIoDevice], None]:
        ...
    @property
    def syscalls_by_process(self) -> Union[list[ProcessSyscalls], None]:
        """The processes that made the most system calls since attach, most first (option
        `top_processes`): a live process's calls (and its exited threads'), kept until the
        snapshot that sees its last thread exit.
        """
    @property
    def cpu_off_time(self) -> Union[list[OffCpuTime], None]:
        """Off-CPU time per process since attach, most first (option `top_processes`), kept
        as `syscalls_by_process` is.
        """
    @property
    def block_io_by_process(self) -> Union[list[BlockIoStats], None]:
        """Block I/O per submitting process since attach, most bytes first (option
        `top_processes`), kept until the snapshot after its process exits.
        """
    @property
    def page_faults(self) -> Union[list[PageFaults], None]:
        """Page faults per process since attach, most (minor + major) first (option
        `top_processes`), kept as `syscalls_by_process` is.
        """
    @property
    def mmap_count(self) -> Union[list[MmapCalls], None]:
        """mmap() calls per process since attach, most first (option `top_processes`), kept
        until the snapshot after its process exits.
        """
    @property
    def file_read_latency(self) -> Union[LatencyHistogram, None]:
        """Regular-file reads since attach (entry to exit of the read calls)."""
    @property
    def file_write_latency(self) -> Union[LatencyHistogram, None]:
        """Regular-file writes since attach."""
    @property
    def tcp_connect_latency(self) -> Union[LatencyHistogram, None]:
        """TCP connects established since attach."""
    @property
    def tcp_retransmits(self) -> Union[list[TcpRetransmits], None]:
        """TCP retransmissions per connection and owner since attach, most first (at most
        option `top_processes` rows), kept while the probe is attached.
        """
    @property
    def packet_drops(self) -> Union[list[PacketDrops], None]:
        """Packets dropped per interface and reason since attach, most first."""

@final
class PageFaults(Record):
    """A process's page faults over the interval, summed over its threads: the kernel's own
    counts (`min_flt`, `maj_flt` of each thread, as `/proc/<pid>/stat` and `getrusage`
    report them), taken at each fault and at each thread's exit.

    A thread's fault is read at its next fault or at its exit: the last fault of a thread
    still running may be counted in the next interval.
    """
    @property
    def pid(self) -> int:
        """The process id (of the initial pid namespace)."""
    @property
    def start_time(self) -> int:
        """When the process started, in clock ticks since boot (`start_time` of
        [`crate::process::ProcessFull`]): with `pid`, its identity, so a pid reused by a new
        process within the interval is a row of its own.

        Unit: ticks.
        """
    @property
    def name(self) -> str:
        """The process's name (its main thread's `comm` when first seen, or after an exec)."""
    @property
    def minor(self) -> int:
        """Faults served without I/O (the page was in memory, or a new zeroed page)."""
    @property
    def major(self) -> int:
        """Faults that waited for I/O (the page was read from a file or from swap)."""

@final
class MmapCalls(Record):
    """A process's mmap() calls over the interval."""
    @property
    def pid(self) -> int:
        """The process id (of the initial pid namespace)."""
    @property
    def start_time(self) -> int:
        """When the process started, in clock ticks since boot (`start_time` of
        [`crate::process::ProcessFull`]): with `pid`, its identity, so a pid reused by a new
        process within the interval is a row of its own.

        Unit: ticks.
        """
    @property
    def name(self) -> str:
        """The process's name (its main thread's `comm` when first seen)."""
    @property
    def count(self) -> int:
        """mmap() calls entered (failed ones too; a 32-bit process's mmap2 is not counted)."""

@final
class TcpRetransmits(Record):
    """TCP segments retransmitted on one connection over the interval."""
    @property
    def family(self) -> _AddressFamily:
        ...
    @property
    def source_addr(self) -> str:
        """The local address (an IPv4-mapped IPv6 address for an IPv4 connection of an IPv6
        socket).
        """
    @property
    def destination_addr(self) -> str:
        ...
    @property
    def destination_port(self) -> int:
        ...
    @property
    def pid(self) -> Union[int, None]:
        """The owning process: the process that connected the socket or the latest that sent
        on it since attach (retransmissions are sent from timers and interrupts, never by
        the owner itself); absent when neither happened since attach.
        """
    @property
    def name(self) -> Union[str, None]:
        """The owner's name (its `comm`) when the key's first retransmission since attach was
        counted.
        """
    @property
    def retransmits(self) -> int:
        """Retransmissions sent (failed ones, which 6.12+ kernels also report, are not counted)."""

@final
class PacketDrops(Record):
    """Packets dropped over the interval on one interface for one reason."""
    @property
    def interface_index(self) -> int:
        """The packet's device when it was freed (its index in its network namespace); 0 for
        a packet freed before it had one (a local socket's buffer).
        """
    @property
    def interface(self) -> str:
        """The device's name when its first drop since attach was counted (empty for index 0)."""
    @property
    def netns(self) -> Union[int, None]:
        """The device's network namespace (the inode number of `/proc/<pid>/ns/net`); absent
        for index 0.
        """
    @property
    def reason_code(self) -> int:
        """The kernel's `enum skb_drop_reason` value."""
    @property
    def reason(self) -> Union[str, None]:
        """Its name in the running kernel's BTF, without the `SKB_DROP_REASON_` prefix
        (`NO_SOCKET`, `UDP_CSUM`, …); `not_present` when the kernel's BTF does not name it.
        """
    @property
    def drops(self) -> int:
        ...

@final
class FileOpen(Record):
    """One file open (`open`, `creat`, `openat`, `openat2`) as its caller made it, seen at the
    system call: the path is the caller's (relative to its working directory or to the
    directory descriptor it passed), not a resolved one, and opens made inside the kernel
    (exec, module loading) are not seen.
    """
    @property
    def pid(self) -> int:
        """The process id (of the initial pid namespace)."""
    @property
    def start_time(self) -> int:
        """When the process started, in clock ticks since boot (`start_time` of
        [`crate::process::ProcessFull`]): with `pid`, its identity.

        Unit: ticks.
        """
    @property
    def tid(self) -> int:
        """The calling thread's id."""
    @property
    def name(self) -> str:
        """The calling thread's name (`comm`)."""
    @property
    def path(self) -> str:
        """The path as passed, as bytes (not necessarily UTF-8): at most its first 255 bytes."""
    @property
    def path_truncated(self) -> bool:
        """Whether the path was longer than 255 bytes (only its first 255 are in `path`)."""
    @property
    def flags(self) -> int:
        """The open flags as passed (`O_*` bits: `O_WRONLY` 0o1, `O_CREAT` 0o100, …; `creat`
        is `O_CREAT | O_WRONLY | O_TRUNC`).
        """
    @property
    def monotonic_ns(self) -> int:
        """When the call was entered: CLOCK_MONOTONIC, the clock of the snapshot's
        `monotonic_ns`.

        Unit: ns.
        """
    @property
    def result(self) -> int:
        """The new file descriptor, or the error as a negative errno (-2: ENOENT)."""

class _SystemOptions(TypedDict, total=False):
    """The system domain's options: `Probe(system={...})`; each key left out keeps its default."""
    # How long one mount's `statvfs` may take, in milliseconds (default 1000). A mount
    # that does not answer in time (a stalled FUSE or network server) leaves its sizes
    # `timed_out`, with a warning naming it, and is not asked again until its pending
    # call returns; the rest of the snapshot does not wait for it. Key `system.statvfs_timeout_ms`; default `1000`.
    statvfs_timeout_ms: int

class _ProcessOptions(TypedDict, total=False):
    """The process domain's options: `Probe(process={...})`; each key left out keeps its default."""
    # `/proc/<pid>/status`: user and group ids, groups, memory detail (shared, text,
    # data, lib, swap, peak, locked, page tables), context switches, capabilities,
    # seccomp, signals, CPU affinity, thread group and namespace pids. Key `process.status`; default `true`.
    status: bool
    # `/proc/<pid>/io`: bytes and calls read and written. Key `process.io`; default `true`.
    io: bool
    # The command line (`/proc/<pid>/cmdline`). Key `process.cmdline`; default `true`.
    cmdline: bool
    # The executable (and whether it was deleted), working directory and root (three
    # links per process). Key `process.paths`; default `true`.
    paths: bool
    # Resource limits (`/proc/<pid>/limits`). Key `process.limits`; default `true`.
    limits: bool
    # OOM score and adjustment (`oom_score`, `oom_score_adj`). Key `process.oom`; default `true`.
    oom: bool
    # CPU run time, run delay and time slices (`/proc/<pid>/schedstat`). Key `process.schedstat`; default `true`.
    schedstat: bool
    # The number of open descriptors (one `stat` of `fd/` on Linux 6.2+, else a listing). Key `process.fd_count`; default `true`.
    fd_count: bool
    # The ten namespace inodes (`ns/*`: ten links per process). Key `process.namespaces`; default `true`.
    namespaces: bool
    # The cgroup path and controllers (`/proc/<pid>/cgroup`); `cgroup_limits` needs it. Key `process.cgroup`; default `true`.
    cgroup: bool
    # PSS, USS, dirty and swap-PSS memory from `/proc/<pid>/smaps_rollup` (the kernel
    # walks every page table: about 10× the cost of the rest of a process). Key `process.smaps_rollup`; default `false`.
    smaps_rollup: bool
    # Every memory mapping (`/proc/<pid>/maps`). Key `process.maps`; default `false`.
    maps: bool
    # Every open descriptor with path, flags, offset, inode and type (`fd/*`,
    # `fdinfo/*`), and the sockets among them. Key `process.fds`; default `false`.
    fds: bool
    # The environment. Off unless asked for: it often holds secrets. Key `process.environ`; default `false`.
    environ: bool
    # Per-cause delay totals over taskstats netlink (CAP_NET_ADMIN; one round trip per
    # process). Key `process.taskstats`; default `false`.
    taskstats: bool
    # The limits that bind each process through its cgroup path (read once per cgroup). Key `process.cgroup_limits`; default `true`.
    cgroup_limits: bool
    # Collect only these processes (every process when `None`). Each is collected once,
    # in ascending order, however often the list names it. Key `process.pids`; default `all`.
    pids: Union[Sequence[int], None]
    # How the `stat` fields are read: `proc` reads `/proc/<pid>/stat` for each process;
    # `bpf` runs the `iter/task` BPF iterator once per snapshot (loaded once per probe;
    # needs CAP_BPF and CAP_PERFMON, the host's procfs and the initial pid and user
    # namespaces) and reads `/proc/<pid>/stat` only for what it does not give exactly
    # (kernel threads, the probe's own process, a process it did not list), or for every
    # process where it does not load (with a warning); `auto` is `bpf` (without a
    # warning where it does not load) when the previous snapshot had more than 300
    # processes, else `proc` (the first snapshot too). When every other group is off
    # (`ProcessOptions::table(false, false)`), the iterator's list is the table and a
    # process it gave is not opened in `/proc` at all. Each process's `stat_from` says
    # which was used. Key `process.via`; default `auto`.
    via: Literal["auto", "proc", "bpf"]
    # Threads reading the process table: `0` chooses (one for fewer than 256 processes,
    # else one per CPU up to 4), `1` reads on the calling thread only. Reading is mostly
    # kernel time spent per process, so n readers on n free CPUs take a little more than
    # 1/n of the wall time, for somewhat more CPU time (on a 2-CPU VM, 1 000 processes:
    # 52 ms on one thread; 33 ms wall and 61 ms CPU on two). Key `process.threads`; default `0`.
    threads: int
    # Replace secret values in command lines with `********` (default on; see
    # [`crate::process::scrub`] for exactly what is replaced). `false` gives the raw
    # bytes. Costs a scan of each argument that holds `=`, starts with `-` or holds `://`. Key `process.cmdline_scrub`; default `true`.
    cmdline_scrub: bool
    # More argument names to scrub, beside the built-in list (`password`, `passwd`,
    # `secret`, `token`, `api_key`, `apikey`, `access_key`, `auth`); matched like them
    # (case-insensitive, anywhere in the name, `-` read as `_`). Default empty. Key `process.cmdline_scrub_words`; default ``.
    cmdline_scrub_words: Union[str, Iterable[str]]

class _NetworkOptions(TypedDict, total=False):
    """The network domain's options: `Probe(network={...})`; each key left out keeps its default."""
    # The socket tables to list (default: every table). Key `network.sockets`; default `tcp,udp,unix,raw,netlink,packet`.
    sockets: Union[str, Iterable[Literal["tcp", "udp", "unix", "raw", "netlink", "packet"]]]
    # Resolve each socket's owning processes (walks every process's descriptors once,
    # with one short-lived helper thread per snapshot beside the calling one; none when the
    # process domain read every descriptor in the same snapshot). Key `network.owners`; default `true`.
    owners: bool
    # How the owners are found when the process domain did not read every descriptor:
    # `proc` walks `/proc/<pid>/fd` (one `readlink` per descriptor of every process),
    # `bpf` runs a BPF iterator over the kernel's task and file lists (loaded once per
    # probe, one `read` stream per snapshot), `auto` the iterator where it loads, else
    # `/proc`. The network record's `owners_from` says which was used. Key `network.owners_via`; default `auto`.
    owners_via: Literal["auto", "proc", "bpf"]
    # TCP internals per socket: `tcp_info`, congestion algorithm, memory, shutdown. Key `network.tcp_info`; default `true`.
    tcp_info: bool
    # Interfaces with their addresses, counters, speed, duplex and driver. Key `network.interfaces`; default `true`.
    interfaces: bool
    # Routes of every table, IPv4 and IPv6. Key `network.routes`; default `true`.
    routes: bool
    # The ARP and IPv6 neighbour caches. Key `network.neighbours`; default `true`.
    neighbours: bool
    # Every conntrack entry. Off by default: the table can hold hundreds of thousands of
    # flows, and reading it needs CAP_NET_ADMIN. Totals and per-CPU counters are always
    # collected. Key `network.conntrack`; default `false`.
    conntrack: bool
    # Read sockets from `/proc/net/*` even where sock_diag could answer (fewer fields). Key `network.sockets_from_procfs`; default `false`.
    sockets_from_procfs: bool
    # The network namespace to describe: the probe's own (`self`), a process's (its pid),
    # or a namespace file such as `/var/run/netns/NAME`. Key `network.netns`; default `self`.
    netns: Union[int, str, os.PathLike[str]]

class _GpuOptions(TypedDict, total=False):
    """The gpu domain's options: `Probe(gpu={...})`; each key left out keeps its default."""
    # Ask NVML for NVIDIA GPUs (default on; off: NVML is not loaded). Key `gpu.nvml`; default `true`.
    nvml: bool
    # The NVML library to load (default: `libnvidia-ml.so.1` from the loader's path, or
    # the `LIBPROBE_NVML_LIBRARY` environment variable). On a fixture tree NVML is
    # loaded only when this or the variable names a library, so that a fixture never
    # reports the testing machine's GPUs. Key `gpu.nvml_library`; default ``.
    nvml_library: Union[str, os.PathLike[str], None]
    # PCIe throughput (`pcie_tx_throughput`, `pcie_rx_throughput`): NVML samples each
    # direction for about 20 ms, so this adds ~40 ms per NVIDIA GPU to a snapshot.
    # Default off. Key `gpu.pcie_throughput`; default `false`.
    pcie_throughput: bool
    # NVML's total energy counter (`energy_total`, `power_from_energy`): about 3 ms per
    # call on an H100 (driver 580, measured), so default off. Sysfs energy counters
    # (AMD, Intel) are always read. Key `gpu.nvml_energy`; default `false`.
    nvml_energy: bool
    # Per-process SM, memory, encoder and decoder use from NVML's sample buffer
    # (default on; a few µs per GPU). Key `gpu.process_utilization`; default `true`.
    process_utilization: bool
    # NVLink state and error counters (default on; one NVML call per link and counter
    # on GPUs that have NVLink). Key `gpu.nvlink`; default `true`.
    nvlink: bool
    # Find DRM clients by walking every process's descriptors (a `readlink` per open
    # descriptor of every visible process) when the process domain did not walk them
    # (`process.fds`). Default off: without either, `processes` holds NVML's only. Key `gpu.drm_clients`; default `false`.
    drm_clients: bool
    # amdgpu's binary `gpu_metrics` table (default on): energy, video clock, throttle
    # reasons and what sysfs lacks. Key `gpu.gpu_metrics`; default `true`.
    gpu_metrics: bool

class _PowerOptions(TypedDict, total=False):
    """The power domain's options: `Probe(power={...})`; each key left out keeps its default."""
    # RAPL and other power capping zones (`/sys/class/powercap`): about 15 reads per zone. Key `power.rapl`; default `true`.
    rapl: bool
    # Batteries, AC and other power supplies (`/sys/class/power_supply`): one read of
    # `uevent` per supply. Key `power.supplies`; default `true`.
    supplies: bool
    # Hardware sensors (`/sys/class/hwmon`): one read per attribute of every channel. Key `power.hwmon`; default `true`.
    hwmon: bool
    # Thermal zones with their trip points, and cooling devices (`/sys/class/thermal`). Key `power.thermal`; default `true`.
    thermal: bool
    # The per-process energy estimate (needs `rapl` and the process domain; no read of
    # its own). Key `power.process_energy`; default `true`.
    process_energy: bool

class _StorageOptions(TypedDict, total=False):
    """The storage domain's options: `Probe(storage={...})`; each key left out keeps its default."""
    # SMART health (default on): two to five pass-through commands per disk, never to a
    # disk in standby. Key `storage.smart`; default `true`.
    smart: bool
    # ZFS pools and the ARC (default on): kstat files and three ioctls per pool. Key `storage.zfs`; default `true`.
    zfs: bool
    # Btrfs filesystems (default on): sysfs files and two ioctls per device. Key `storage.btrfs`; default `true`.
    btrfs: bool
    # LVM (default on): reads each block device's first sectors and its metadata area
    # (root only). Key `storage.lvm`; default `true`.
    lvm: bool
    # Only these block devices or NVMe controllers for SMART and LVM (kernel names:
    # `sda`, `nvme0`); empty for all (default). Key `storage.devices`; default ``.
    devices: Union[str, Iterable[str]]

class _EbpfOptions(TypedDict, total=False):
    """The ebpf domain's options: `Probe(ebpf={...})`; each key left out keeps its default."""
    # The tracers to attach (default: all: syscalls, runqlat, offcpu, biolatency,
    # faults, mmap, opens, filelat, netbytes, tcpconnlat, tcpretrans, drops). Each adds cost
    # to the events it
    # traces: `syscalls` to every system call, `runqlat` and `offcpu` to every context
    # switch (and `runqlat` to every wakeup), `biolatency` to every block request, `faults`
    # to every page fault, `mmap` to every system call with `tp_btf` and `raw_tp` (it keeps
    # only mmap's; with `tracepoint`, to mmap calls only), `opens` and `filelat` to every
    # system call's entry and exit (they keep only the opens, and the reads and writes),
    # `netbytes` to every send and receive call on a socket, `tcpconnlat` to every TCP
    # state change, `tcpretrans` to every TCP retransmission and state change and to every
    # TCP send call, `drops` to every packet dropped. Key `ebpf.tracers`; default `syscalls,runqlat,offcpu,biolatency,faults,mmap,opens,filelat,netbytes,tcpconnlat,tcpretrans,drops`.
    tracers: Union[str, Iterable[Literal["syscalls", "runqlat", "offcpu", "biolatency", "faults", "mmap", "opens", "filelat", "netbytes", "tcpconnlat", "tcpretrans", "drops"]]]
    # The program types the tracers may use, in this order of preference: tp_btf,
    # raw_tp, tracepoint (default: all three, so each tracer takes the first this kernel
    # accepts). One name forces that type. `tracepoint` needs tracefs; where it is not
    # mounted, libprobe mounts it privately, only to read the tracepoints' ids (which
    # needs CAP_SYS_ADMIN). Key `ebpf.hooks`; default `tp_btf,raw_tp,tracepoint`.
    hooks: Union[str, Iterable[Literal["tp_btf", "raw_tp", "tracepoint"]]]
    # Syscall latencies and errors (default true): a second program at each syscall's
    # exit. `false` counts calls only, with one program at entry, at about half the cost. Key `ebpf.syscall_latency`; default `true`.
    syscall_latency: bool
    # Processes listed in each per-process table: those with the most events in the
    # interval (default 50). The others are counted in the tables' totals only. Key `ebpf.top_processes`; default `50`.
    top_processes: int
    # Threads the per-thread tables hold (default 65536): the syscall tracer's thread
    # slots (rounded up to a power of two, 64 bytes each), and the threads waiting on a run
    # queue or off a CPU. A thread that finds its table full is counted in `dropped`. Key `ebpf.max_threads`; default `65536`.
    max_threads: int
    # Processes the per-process tables hold (default 16384). A process that finds its
    # table full is counted in `dropped`. Key `ebpf.max_pids`; default `16384`.
    max_pids: int
    # Block requests, and TCP connects, in flight tracked at once (default 16384). Key `ebpf.max_requests`; default `16384`.
    max_requests: int
    # File open events listed per snapshot (default 4096); the ring buffer the kernel
    # writes them to holds about as many (328 bytes each). Those past the bound, or that
    # found the ring full, are counted in `file_opens_dropped`. Key `ebpf.max_open_events`; default `4096`.
    max_open_events: int

class _OptionInfo(TypedDict):
    """One option of the schema; values are in the `probe` command's text syntax."""

    key: str
    domain: Union[_DomainName, None]
    name: str
    kind: Literal['bool', 'uint', 'names', 'choice', 'pids', 'path', 'words', 'namespace']
    doc: str
    unit: Union[str, None]
    default: str
    sample: str
    accepted: list[str]
    min: Union[int, None]
    max: Union[int, None]

@final
class Probe:
    """Collects snapshots of this machine (or of a fixture tree). Keeps the previous
    snapshot's counters, so rates such as `cpu_percent` have values from the second
    snapshot on. Safe to share between threads: calls to `snapshot` take turns."""

    def __new__(
        cls,
        *,
        domains: Union[str, Iterable[_DomainName], None] = None,
        system: Union[_SystemOptions, None] = None,
        process: Union[_ProcessOptions, None] = None,
        network: Union[_NetworkOptions, None] = None,
        gpu: Union[_GpuOptions, None] = None,
        power: Union[_PowerOptions, None] = None,
        storage: Union[_StorageOptions, None] = None,
        ebpf: Union[_EbpfOptions, None] = None,
        fixture: Union[str, os.PathLike[str], None] = None,
        procfs: Union[str, os.PathLike[str], None] = None,
        sysfs: Union[str, os.PathLike[str], None] = None,
        devfs: Union[str, os.PathLike[str], None] = None,
        rootfs: Union[str, os.PathLike[str], None] = None,
        max_file_bytes: Union[int, None] = None,
    ) -> Probe:
        """Options left out (or `None`) take the core's defaults: every domain but ebpf, each
        with its defaults. Each domain's options are a mapping (`process={"smaps_rollup":
        True}`, `network={"sockets": ["tcp"]}`); `libprobe.OPTIONS` lists them all. Raises
        TypeError for an unknown option or a value of the wrong type, InvalidArgumentError
        for a value the option does not accept."""
    def snapshot(self) -> Snapshot:
        """Collects every enabled domain, with the GIL released. Never fails as a whole:
        each domain reports its own status in `domains`."""
    @property
    def domains(self) -> tuple[_DomainName, ...]:
        """The domains this probe collects."""
    def get_option(self, key: str) -> str:
        """The value of option `key` (`domains` or `<domain>.<option>`) in the `probe`
        command's text syntax: what the core uses. Raises TypeError for an unknown key."""

@final
class FieldDescriptor:
    """One field of a record class (the attribute's implementation): `CpuTimes.user`."""
    @property
    def unit(self) -> Union[str, None]:
        """The field's unit (`bytes`, `ticks`, …), or `None`."""
    @property
    def metric(self) -> str:
        """`counter` for a value the kernel only adds to, else `gauge`."""
