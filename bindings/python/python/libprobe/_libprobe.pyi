# Generated from libprobe-core's record schema by bindings/python/src/stubs.rs: do not edit.
# `LIBPROBE_BLESS=1 cargo test -p libprobe-python` rewrites this file; the test fails when
# it is stale.
"""Type stubs of libprobe's extension module (see libprobe/__init__.py)."""

import os
from typing import Any, ClassVar, Iterable, Literal, Sequence, Union, final

from typing_extensions import disjoint_base

__all__ = [
    "Probe",
    "Record",
    "ProbeError",
    "VERSION",
    "DOMAINS",
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
]

VERSION: str
"""The libprobe version."""
DOMAINS: tuple[_DomainName, ...]
"""Every domain libprobe has, in code order."""

_DomainName = Literal["system", "process", "network", "gpu", "power", "storage", "ebpf"]
"""The domains libprobe collects. Each is selected by options and reports its own status."""
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

        Unit: seconds.
        """
    @property
    def idle_seconds(self) -> Union[float, None]:
        """Idle time summed over CPUs (`/proc/uptime`).

        Unit: seconds.
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
        """Context switches since boot."""
    @property
    def interrupts(self) -> int:
        """Interrupts serviced since boot."""
    @property
    def softirqs(self) -> Union[int, None]:
        """Softirqs serviced since boot (2.6.31+)."""
    @property
    def forks(self) -> int:
        """Processes and threads created since boot."""
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
        """Unit: ticks."""
    @property
    def nice(self) -> int:
        """Unit: ticks."""
    @property
    def system(self) -> int:
        """Unit: ticks."""
    @property
    def idle(self) -> int:
        """Unit: ticks."""
    @property
    def iowait(self) -> int:
        """Idle while a task waited for I/O. Not monotonic per CPU: the kernel moves time
        between `idle` and `iowait`.

        Unit: ticks.
        """
    @property
    def irq(self) -> int:
        """Unit: ticks."""
    @property
    def softirq(self) -> int:
        """Unit: ticks."""
    @property
    def steal(self) -> int:
        """Time stolen by the hypervisor.

        Unit: ticks.
        """
    @property
    def guest(self) -> int:
        """Time running guests (already included in `user`).

        Unit: ticks.
        """
    @property
    def guest_nice(self) -> int:
        """Time running niced guests (already included in `nice`).

        Unit: ticks.
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

        Unit: us.
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

        Unit: bytes.
        """
    @property
    def swap_out_bytes(self) -> Union[int, None]:
        """Swapped out to disk since boot (`pswpout` × page size).

        Unit: bytes.
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
        ...
    @property
    def reads_merged(self) -> int:
        """Adjacent reads merged into one before reaching the device."""
    @property
    def sectors_read(self) -> int:
        """512-byte sectors, whatever the device's sector size.

        Unit: sectors.
        """
    @property
    def read_bytes(self) -> int:
        """`sectors_read * 512`.

        Unit: bytes.
        """
    @property
    def read_time_ms(self) -> int:
        """Time spent by all reads (they overlap: may exceed wall time).

        Unit: ms.
        """
    @property
    def writes_completed(self) -> int:
        ...
    @property
    def writes_merged(self) -> int:
        ...
    @property
    def sectors_written(self) -> int:
        """Unit: sectors."""
    @property
    def write_bytes(self) -> int:
        """`sectors_written * 512`.

        Unit: bytes.
        """
    @property
    def write_time_ms(self) -> int:
        """Unit: ms."""
    @property
    def io_in_progress(self) -> int:
        """I/Os in flight now (a gauge)."""
    @property
    def io_time_ms(self) -> int:
        """Time the device had I/O in flight (busy time: `%util` is its rate).

        Unit: ms.
        """
    @property
    def weighted_io_time_ms(self) -> int:
        """In-flight time weighted by queue depth.

        Unit: ms.
        """
    @property
    def discards_completed(self) -> Union[int, None]:
        """Linux 4.18+ (`not_supported` before), like the other discard fields."""
    @property
    def discards_merged(self) -> Union[int, None]:
        ...
    @property
    def sectors_discarded(self) -> Union[int, None]:
        """Unit: sectors."""
    @property
    def discard_time_ms(self) -> Union[int, None]:
        """Unit: ms."""
    @property
    def flushes_completed(self) -> Union[int, None]:
        """Linux 5.5+ (`not_supported` before), like `flush_time_ms`."""
    @property
    def flush_time_ms(self) -> Union[int, None]:
        """Unit: ms."""

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
        """Unit: ticks."""
    @property
    def cpu_system_ticks(self) -> int:
        """Unit: ticks."""
    @property
    def cpu_children_user(self) -> int:
        """CPU time of waited-for children, user mode.

        Unit: ticks.
        """
    @property
    def cpu_children_system(self) -> int:
        """Unit: ticks."""
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
        ...
    @property
    def page_faults_major(self) -> int:
        ...
    @property
    def page_faults_children_minor(self) -> int:
        """Minor faults of waited-for children."""
    @property
    def page_faults_children_major(self) -> int:
        ...
    @property
    def io_read_bytes(self) -> Union[int, None]:
        """Bytes fetched from storage.

        Unit: bytes.
        """
    @property
    def io_write_bytes(self) -> Union[int, None]:
        """Bytes sent to storage (or dirtied in the page cache).

        Unit: bytes.
        """
    @property
    def io_read_chars(self) -> Union[int, None]:
        """Bytes passed to read-like syscalls, cached or not (`rchar`).

        Unit: bytes.
        """
    @property
    def io_write_chars(self) -> Union[int, None]:
        """Bytes passed to write-like syscalls (`wchar`).

        Unit: bytes.
        """
    @property
    def io_read_syscalls(self) -> Union[int, None]:
        ...
    @property
    def io_write_syscalls(self) -> Union[int, None]:
        ...
    @property
    def io_cancelled_write(self) -> Union[int, None]:
        """Bytes whose write-out was cancelled by truncation.

        Unit: bytes.
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
        ...
    @property
    def nonvoluntary_ctx_switches(self) -> Union[int, None]:
        ...
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

    Addresses and state come from joining `inode` with the network domain's socket table;
    here they are missing with reason `disabled` unless the network domain joined them.
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
        """Local address as `ip:port` (`[ip]:port` for IPv6) or a unix path."""
    @property
    def remote_addr(self) -> Union[str, None]:
        """Remote address, when connected."""
    @property
    def state(self) -> Union[str, None]:
        """TCP state name (`established`, `listen`, …), for TCP sockets."""

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

        Unit: ns.
        """
    @property
    def cpu_run_delay_ns(self) -> Union[int, None]:
        """Time runnable but waiting for a CPU (run-queue delay).

        Unit: ns.
        """
    @property
    def cpu_timeslices(self) -> Union[int, None]:
        """Number of times a thread of the process ran on a CPU."""
    @property
    def blkio_delay_ticks(self) -> Union[int, None]:
        """Aggregated block I/O delay (`delayacct_blkio_ticks`).

        Unit: ticks.
        """
    @property
    def cpu_delay_total_ns(self) -> Union[int, None]:
        """taskstats: waiting for a CPU while runnable.

        Unit: ns.
        """
    @property
    def cpu_delay_count(self) -> Union[int, None]:
        ...
    @property
    def blkio_delay_total_ns(self) -> Union[int, None]:
        """taskstats: waiting for synchronous block I/O.

        Unit: ns.
        """
    @property
    def blkio_delay_count(self) -> Union[int, None]:
        ...
    @property
    def swapin_delay_total_ns(self) -> Union[int, None]:
        """taskstats: waiting for pages to be swapped in.

        Unit: ns.
        """
    @property
    def swapin_delay_count(self) -> Union[int, None]:
        ...
    @property
    def freepages_delay_total_ns(self) -> Union[int, None]:
        """taskstats: memory reclaim.

        Unit: ns.
        """
    @property
    def freepages_delay_count(self) -> Union[int, None]:
        ...
    @property
    def thrashing_delay_total_ns(self) -> Union[int, None]:
        """taskstats: thrashing (refaults of recently evicted pages).

        Unit: ns.
        """
    @property
    def thrashing_delay_count(self) -> Union[int, None]:
        ...
    @property
    def compact_delay_total_ns(self) -> Union[int, None]:
        """taskstats: memory compaction.

        Unit: ns.
        """
    @property
    def compact_delay_count(self) -> Union[int, None]:
        ...
    @property
    def wpcopy_delay_total_ns(self) -> Union[int, None]:
        """taskstats: copy-on-write faults (Linux 6.3+).

        Unit: ns.
        """
    @property
    def wpcopy_delay_count(self) -> Union[int, None]:
        ...
    @property
    def irq_delay_total_ns(self) -> Union[int, None]:
        """taskstats: IRQ/softirq time stolen (Linux 6.6+).

        Unit: ns.
        """
    @property
    def irq_delay_count(self) -> Union[int, None]:
        ...

@final
class Probe:
    """Collects snapshots of this machine (or of a fixture tree). Keeps the previous
    snapshot's counters, so rates such as `cpu_percent` have values from the second
    snapshot on. Safe to share between threads: calls to `snapshot` take turns."""

    def __new__(
        cls,
        *,
        domains: Union[str, Iterable[_DomainName], None] = None,
        smaps_rollup: Union[bool, None] = None,
        maps: Union[bool, None] = None,
        fds: Union[bool, None] = None,
        environ: Union[bool, None] = None,
        taskstats: Union[bool, None] = None,
        cgroup_limits: Union[bool, None] = None,
        pids: Union[Sequence[int], None] = None,
        fixture: Union[str, os.PathLike[str], None] = None,
        procfs: Union[str, os.PathLike[str], None] = None,
        sysfs: Union[str, os.PathLike[str], None] = None,
        devfs: Union[str, os.PathLike[str], None] = None,
        rootfs: Union[str, os.PathLike[str], None] = None,
        max_file_bytes: Union[int, None] = None,
    ) -> Probe:
        """Options left out (or `None`) take the core's defaults: every domain but ebpf;
        every process field group but smaps_rollup, maps, fds, environ and taskstats.
        Raises InvalidArgumentError for an unknown domain or an invalid value."""
    def snapshot(self) -> Snapshot:
        """Collects every enabled domain, with the GIL released. Never fails as a whole:
        each domain reports its own status in `domains`."""
    @property
    def domains(self) -> tuple[_DomainName, ...]:
        """The domains this probe collects."""

@final
class FieldDescriptor:
    """One field of a record class (the attribute's implementation)."""
