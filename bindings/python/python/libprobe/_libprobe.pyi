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
    "PowerMetrics",
    "Storage",
    "EbpfMetrics",
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
_Reason = Literal["permission_denied", "gone", "not_supported", "not_present", "disabled", "not_enabled", "zombie", "kernel_thread", "no_previous_sample", "too_large", "timed_out", "error"]
"""Why a field or a domain holds no value.

The codes are stable (the C ABI exposes them) and never renumbered.
"""
_ProcessState = Literal["running", "sleeping", "disk_sleep", "zombie", "stopped", "tracing_stop", "dead", "wakekill", "waking", "parked", "idle", "unknown"]
"""Scheduler state, from the state letter of `/proc/<pid>/stat`."""
_FileType = Literal["regular", "directory", "char_device", "block_device", "pipe", "socket", "symlink", "anon_inode", "unknown"]
"""What an open file descriptor refers to."""
_SocketType = Literal["tcp", "tcp6", "udp", "udp6", "udplite", "udplite6", "raw", "raw6", "unix", "netlink", "packet", "sctp", "sctp6", "mptcp", "vsock", "other"]
"""A socket's protocol family and type, as seen from the owning process."""
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
    def boot_time(self) -> int:
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
    def cpu_total(self) -> CpuTimes:
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
    def context_switches(self) -> int:
        """Context switches since boot.

        Counter: it only grows (a drop is a reset).
        """
    @property
    def interrupts(self) -> int:
        """Interrupts serviced since boot.

        Counter: it only grows (a drop is a reset).
        """
    @property
    def softirqs(self) -> Union[int, None]:
        """Softirqs serviced since boot (2.6.31+).

        Counter: it only grows (a drop is a reset).
        """
    @property
    def forks(self) -> int:
        """Processes and threads created since boot.

        Counter: it only grows (a drop is a reset).
        """
    @property
    def procs_running(self) -> int:
        """Threads runnable now."""
    @property
    def procs_blocked(self) -> int:
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
        (`HugePages_*`) as counts.
        """
    @property
    def vmstat(self) -> Union[dict[str, int], None]:
        """Every `/proc/vmstat` counter, as the kernel prints it (mostly pages)."""
    @property
    def disks(self) -> Union[list[DiskStats], None]:
        """Every line of `/proc/diskstats` (disks, partitions, loop, dm and zram devices)."""
    @property
    def filesystems(self) -> Union[list[Filesystem], None]:
        """Every mount of `/proc/self/mountinfo` (the reader's mount namespace), in order."""

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
        """Mode times (its `cpuN` line of `/proc/stat`); `not_enabled` while the CPU is
        offline.
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
        topology field is `not_enabled` while the CPU is offline and `not_supported` on a
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
        `not_supported` without a cpufreq driver.

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
    """`/proc/loadavg`."""
    @property
    def load1(self) -> float:
        """Runnable plus uninterruptible tasks, averaged over 1 minute."""
    @property
    def load5(self) -> float:
        """Over 5 minutes."""
    @property
    def load15(self) -> float:
        """Over 15 minutes."""
    @property
    def runnable(self) -> int:
        """Runnable scheduling entities now."""
    @property
    def total(self) -> int:
        """Scheduling entities (threads) that exist."""
    @property
    def last_pid(self) -> int:
        """The most recently created pid (in the reader's pid namespace)."""

@final
class SystemPressure(Record):
    """System-wide pressure stall information (`/proc/pressure/*`, Linux 4.20+ with PSI on).
    Each is `not_supported` when its file is absent (no `CONFIG_PSI`, or `psi=0`).
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
    """Pressure stall information for one resource (`/proc/pressure/*`, `<cgroup>/*.pressure`)."""
    @property
    def avg10(self) -> float:
        """Share of wall time stalled, averaged over 10 s.

        Unit: percent.
        """
    @property
    def avg60(self) -> float:
        """Unit: percent."""
    @property
    def avg300(self) -> float:
        """Unit: percent."""
    @property
    def total_us(self) -> int:
        """Total stall time.

        Unit: us. Counter: it only grows (a drop is a reset).
        """

@final
class Memory(Record):
    """Physical memory and swap (`/proc/meminfo`), the fields most tools show. Fields whose
    line this kernel does not print are `not_supported`.
    """
    @property
    def total(self) -> int:
        """Usable RAM (`MemTotal`).

        Unit: bytes.
        """
    @property
    def free(self) -> int:
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
    def used(self) -> int:
        """`total - available` (or `total - free - buffers - cached` before 3.14), as
        `free` shows it.

        Unit: bytes.
        """
    @property
    def used_percent(self) -> float:
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
    of accumulated time): compute rates with wrapping subtraction modulo 2^32.
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
    def reads_completed(self) -> int:
        """Counter: it only grows (a drop is a reset)."""
    @property
    def reads_merged(self) -> int:
        """Adjacent reads merged into one before reaching the device.

        Counter: it only grows (a drop is a reset).
        """
    @property
    def sectors_read(self) -> int:
        """512-byte sectors, whatever the device's sector size.

        Unit: sectors. Counter: it only grows (a drop is a reset).
        """
    @property
    def read_bytes(self) -> int:
        """`sectors_read * 512`.

        Unit: bytes. Counter: it only grows (a drop is a reset).
        """
    @property
    def read_time_ms(self) -> int:
        """Time spent by all reads (they overlap: may exceed wall time).

        Unit: ms. Counter: it only grows (a drop is a reset).
        """
    @property
    def writes_completed(self) -> int:
        """Counter: it only grows (a drop is a reset)."""
    @property
    def writes_merged(self) -> int:
        """Counter: it only grows (a drop is a reset)."""
    @property
    def sectors_written(self) -> int:
        """Unit: sectors. Counter: it only grows (a drop is a reset)."""
    @property
    def write_bytes(self) -> int:
        """`sectors_written * 512`.

        Unit: bytes. Counter: it only grows (a drop is a reset).
        """
    @property
    def write_time_ms(self) -> int:
        """Unit: ms. Counter: it only grows (a drop is a reset)."""
    @property
    def io_in_progress(self) -> int:
        """I/Os in flight now (a gauge)."""
    @property
    def io_time_ms(self) -> int:
        """Time the device had I/O in flight (busy time: `%util` is its rate).

        Unit: ms. Counter: it only grows (a drop is a reset).
        """
    @property
    def weighted_io_time_ms(self) -> int:
        """In-flight time weighted by queue depth.

        Unit: ms. Counter: it only grows (a drop is a reset).
        """
    @property
    def discards_completed(self) -> Union[int, None]:
        """Linux 4.18+ (`not_supported` before), like the other discard fields.

        Counter: it only grows (a drop is a reset).
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
    - `permission_denied` when a directory above the mount point cannot be searched.
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
class ProcessFull(Record):
    """Everything the kernel tells about one process."""
    @property
    def pid(self) -> int:
        ...
    @property
    def ppid(self) -> int:
        """Parent process id (0 for init and kthreadd)."""
    @property
    def pgid(self) -> int:
        """Process group id."""
    @property
    def sid(self) -> int:
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
    def nice(self) -> int:
        """Nice value, -20 (favoured) to 19."""
    @property
    def priority(self) -> int:
        """Kernel scheduling priority as `/proc/<pid>/stat` shows it (20 + nice for normal
        tasks; negative for real-time ones).
        """
    @property
    def num_threads(self) -> int:
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
    def flags(self) -> int:
        """`PF_*` flags of the main thread."""
    @property
    def is_kernel_thread(self) -> bool:
        """True for kernel threads (`PF_KTHREAD`)."""
    @property
    def tty_nr(self) -> int:
        """Controlling terminal (`tty_nr`, encoded device number; 0 when none)."""
    @property
    def cpu_user_ticks(self) -> int:
        """Unit: ticks. Counter: it only grows (a drop is a reset)."""
    @property
    def cpu_system_ticks(self) -> int:
        """Unit: ticks. Counter: it only grows (a drop is a reset)."""
    @property
    def cpu_children_user(self) -> int:
        """CPU time of waited-for children, user mode.

        Unit: ticks. Counter: it only grows (a drop is a reset).
        """
    @property
    def cpu_children_system(self) -> int:
        """Unit: ticks. Counter: it only grows (a drop is a reset)."""
    @property
    def cpu_percent(self) -> Union[float, None]:
        """CPU use since the previous snapshot of the same `Probe`, in percent of one CPU
        (200 = two CPUs busy). Missing with `no_previous_sample` on the first snapshot.

        Unit: percent.
        """
    @property
    def cpu_affinity(self) -> Union[list[int], None]:
        """CPUs the process may run on (`Cpus_allowed_list`)."""
    @property
    def last_cpu(self) -> int:
        """The CPU the process last ran on."""
    @property
    def memory_rss(self) -> int:
        """Resident set size.

        Unit: bytes.
        """
    @property
    def memory_vms(self) -> int:
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
    def page_faults_minor(self) -> int:
        """Counter: it only grows (a drop is a reset)."""
    @property
    def page_faults_major(self) -> int:
        """Counter: it only grows (a drop is a reset)."""
    @property
    def page_faults_children_minor(self) -> int:
        """Minor faults of waited-for children.

        Counter: it only grows (a drop is a reset).
        """
    @property
    def page_faults_children_major(self) -> int:
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
    def sched_policy(self) -> int:
        """SCHED_OTHER 0, FIFO 1, RR 2, BATCH 3, IDLE 5, DEADLINE 6."""
    @property
    def sched_priority(self) -> int:
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
    def offset(self) -> int:
        """Unit: bytes."""
    @property
    def device(self) -> str:
        """`major:minor` of the device holding the mapped file (`00:00` when anonymous)."""
    @property
    def inode(self) -> int:
        ...
    @property
    def pathname(self) -> str:
        """The file, or `[heap]`, `[stack]`, `[vdso]`, …; empty for anonymous mappings."""

@final
class ProcessLimits(Record):
    """The sixteen resource limits of `/proc/<pid>/limits`, in the kernel's units (noted per
    field). `u64::MAX` means unlimited.
    """
    @property
    def max_cpu_time(self) -> Limit:
        """RLIMIT_CPU.

        Unit: seconds.
        """
    @property
    def max_file_size(self) -> Limit:
        """RLIMIT_FSIZE.

        Unit: bytes.
        """
    @property
    def max_data_size(self) -> Limit:
        """RLIMIT_DATA.

        Unit: bytes.
        """
    @property
    def max_stack_size(self) -> Limit:
        """RLIMIT_STACK.

        Unit: bytes.
        """
    @property
    def max_core_size(self) -> Limit:
        """RLIMIT_CORE.

        Unit: bytes.
        """
    @property
    def max_resident_set(self) -> Limit:
        """RLIMIT_RSS (not enforced by Linux).

        Unit: bytes.
        """
    @property
    def max_processes(self) -> Limit:
        """RLIMIT_NPROC.

        Unit: processes.
        """
    @property
    def max_open_files(self) -> Limit:
        """RLIMIT_NOFILE.

        Unit: files.
        """
    @property
    def max_locked_memory(self) -> Limit:
        """RLIMIT_MEMLOCK.

        Unit: bytes.
        """
    @property
    def max_address_space(self) -> Limit:
        """RLIMIT_AS.

        Unit: bytes.
        """
    @property
    def max_file_locks(self) -> Limit:
        """RLIMIT_LOCKS.

        Unit: locks.
        """
    @property
    def max_pending_signals(self) -> Limit:
        """RLIMIT_SIGPENDING.

        Unit: signals.
        """
    @property
    def max_msgqueue_size(self) -> Limit:
        """RLIMIT_MSGQUEUE.

        Unit: bytes.
        """
    @property
    def max_nice_priority(self) -> Limit:
        """RLIMIT_NICE (the ceiling is `20 - soft`)."""
    @property
    def max_realtime_priority(self) -> Limit:
        """RLIMIT_RTPRIO."""
    @property
    def max_realtime_timeout(self) -> Limit:
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
        """Time on CPU, summed over threads.

        Unit: ns. Counter: it only grows (a drop is a reset).
        """
    @property
    def cpu_run_delay_ns(self) -> Union[int, None]:
        """Time runnable but waiting for a CPU (run-queue delay).

        Unit: ns. Counter: it only grows (a drop is a reset).
        """
    @property
    def cpu_timeslices(self) -> Union[int, None]:
        """Number of times a thread of the process ran on a CPU.

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
    def timer_jiffies(self) -> int:
        """Time until the timer fires, in clock ticks (USER_HZ, see the system domain's
        `clock_ticks`), as `/proc/net/tcp` prints it.

        Unit: ticks.
        """
    @property
    def retransmits(self) -> int:
        """Unanswered retransmissions of the current segment (`icsk_retransmits`)."""
    @property
    def uid(self) -> int:
        """The user that created the socket."""
    @property
    def timeout(self) -> int:
        """Unanswered zero-window probes (`icsk_probes_out`: the `timeout` column of
        `/proc/net/tcp`).
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
    def socket_type(self) -> _UnixSocketType:
        ...
    @property
    def state(self) -> _UnixState:
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
    def rx_queue(self) -> int:
        """Receive buffer memory in use.

        Unit: bytes.
        """
    @property
    def tx_queue(self) -> int:
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
    def socket_type(self) -> _PacketSocketType:
        ...
    @property
    def protocol(self) -> int:
        """The Ethernet protocol captured (`0x0003` = every protocol, `0x0800` IPv4)."""
    @property
    def interface_index(self) -> int:
        """The interface it is bound to; 0 for every interface."""
    @property
    def running(self) -> Union[bool, None]:
        """True while the socket receives (bound with a protocol)."""
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
    """The SNMP `Udp` counters (`/proc/net/snmp` for IPv4, `Udp6*` of `/proc/net/snmp6`)."""
    @property
    def in_datagrams(self) -> int:
        """Counter: it only grows (a drop is a reset)."""
    @property
    def no_ports(self) -> int:
        """Datagrams to a port nobody listens on.

        Counter: it only grows (a drop is a reset).
        """
    @property
    def in_errors(self) -> int:
        """Counter: it only grows (a drop is a reset)."""
    @property
    def out_datagrams(self) -> int:
        """Counter: it only grows (a drop is a reset)."""
    @property
    def rcvbuf_errors(self) -> int:
        """Counter: it only grows (a drop is a reset)."""
    @property
    def sndbuf_errors(self) -> int:
        """Counter: it only grows (a drop is a reset)."""
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
    """
    @property
    def sockets_used(self) -> int:
        """Sockets of every family in use."""
    @property
    def tcp_inuse(self) -> int:
        """TCP sockets in use (IPv4 and IPv6, TIME_WAIT excluded)."""
    @property
    def tcp_orphan(self) -> int:
        """TCP sockets no process holds any more."""
    @property
    def tcp_tw(self) -> int:
        """TCP sockets in TIME_WAIT."""
    @property
    def tcp_alloc(self) -> int:
        """TCP sockets allocated."""
    @property
    def tcp_mem_pages(self) -> int:
        """Memory TCP uses now.

        Unit: pages.
        """
    @property
    def tcp_mem(self) -> Union[MemoryLimits, None]:
        """The TCP memory thresholds (`net.ipv4.tcp_mem`)."""
    @property
    def udp_inuse(self) -> int:
        """UDP sockets in use (IPv4)."""
    @property
    def udp_mem_pages(self) -> int:
        """Unit: pages."""
    @property
    def udp_mem(self) -> Union[MemoryLimits, None]:
        """The UDP memory thresholds (`net.ipv4.udp_mem`)."""
    @property
    def udplite_inuse(self) -> int:
        ...
    @property
    def raw_inuse(self) -> int:
        ...
    @property
    def frag_inuse(self) -> int:
        """IP fragment reassembly queues in use."""
    @property
    def frag_memory(self) -> int:
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
    def timeout(self) -> int:
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
    """One CPU's conntrack counters (`conntrack -S`)."""
    @property
    def cpu(self) -> int:
        ...
    @property
    def found(self) -> int:
        """Lookups that found an entry.

        Counter: it only grows (a drop is a reset).
        """
    @property
    def invalid(self) -> int:
        """Packets that could not be tracked.

        Counter: it only grows (a drop is a reset).
        """
    @property
    def insert(self) -> int:
        """Counter: it only grows (a drop is a reset)."""
    @property
    def insert_failed(self) -> int:
        """Counter: it only grows (a drop is a reset)."""
    @property
    def drop(self) -> int:
        """Packets dropped (the table was full).

        Counter: it only grows (a drop is a reset).
        """
    @property
    def early_drop(self) -> int:
        """Entries evicted to make room.

        Counter: it only grows (a drop is a reset).
        """
    @property
    def error(self) -> int:
        """ICMP errors that matched no entry.

        Counter: it only grows (a drop is a reset).
        """
    @property
    def search_restart(self) -> int:
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
    """One GPU."""
    @property
    def index(self) -> int:
        """The GPU's index among this machine's GPUs."""

@final
class PowerMetrics(Record):
    """Energy counters, power supplies and sensors."""
    @property
    def rapl_available(self) -> bool:
        """Whether this machine exposes RAPL energy counters (`/sys/class/powercap`)."""

@final
class Storage(Record):
    """Disk health and volume managers."""
    @property
    def device_count(self) -> int:
        """The number of devices examined."""

@final
class EbpfMetrics(Record):
    """What the tracers saw."""
    @property
    def attached_ns(self) -> int:
        """Nanoseconds the tracers have been attached.

        Unit: ns.
        """

class _SystemOptions(TypedDict, total=False):
    """The system domain's options: `Probe(system={...})`; each key left out keeps its default."""

class _ProcessOptions(TypedDict, total=False):
    """The process domain's options: `Probe(process={...})`; each key left out keeps its default."""
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
    # Collect only these processes (default: every process). Key `process.pids`; default `all`.
    pids: Union[Sequence[int], None]
    # Threads reading the process table: `0` chooses (one for fewer than 256 processes,
    # else one per CPU up to 4), `1` reads on the calling thread only. Reading is mostly
    # kernel time spent per process, so n readers on n free CPUs take a little more than
    # 1/n of the wall time, for somewhat more CPU time (on a 2-CPU VM, 1 000 processes:
    # 52 ms on one thread; 33 ms wall and 61 ms CPU on two). Key `process.threads`; default `0`.
    threads: int

class _NetworkOptions(TypedDict, total=False):
    """The network domain's options: `Probe(network={...})`; each key left out keeps its default."""
    # The socket tables to list (default: every table). Key `network.sockets`; default `tcp,udp,unix,raw,netlink,packet`.
    sockets: Union[str, Iterable[Literal["tcp", "udp", "unix", "raw", "netlink", "packet"]]]
    # Resolve each socket's owning processes (walks every process's descriptors once,
    # with one short-lived helper thread per snapshot beside the calling one; none when the
    # process domain read every descriptor in the same snapshot). Key `network.owners`; default `true`.
    owners: bool
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

class _PowerOptions(TypedDict, total=False):
    """The power domain's options: `Probe(power={...})`; each key left out keeps its default."""

class _StorageOptions(TypedDict, total=False):
    """The storage domain's options: `Probe(storage={...})`; each key left out keeps its default."""

class _EbpfOptions(TypedDict, total=False):
    """The ebpf domain's options: `Probe(ebpf={...})`; each key left out keeps its default."""

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
