//! The eBPF domain: kernel events traced with BPF programs (specification section 6) —
//! system calls by name and by process, run-queue latency, off-CPU time per process with
//! its cause, block I/O latency per device and per process, page faults and mmap() calls
//! per process, file opens as events, the latency of file reads and writes, network bytes
//! per process and per cgroup, TCP connect latency, TCP retransmissions per connection and
//! packet drops per interface and reason.
//!
//! **Hooks.** Only `tp_btf`, `raw_tp` and classic tracepoints are used (no kprobes and no
//! fentry, which some kernels refuse, this project's test machine among them), so nothing
//! hooks the VFS: the file tracers work at the system call boundary.
//!
//! **Off by default.** Enabling the domain attaches programs to the kernel, and every
//! traced event then pays for them (a few tens of nanoseconds per system call with the
//! `syscalls` tracer; see `bench/results/ebpf.md`). Option `ebpf.tracers` chooses which.
//!
//! **Lifetime.** The probe loads and attaches its tracers at its first snapshot, which
//! reports their status ([`EbpfMetrics::tracers`]: the hook type each uses, whether
//! tracefs had to be mounted) and no interval data yet (`no_previous_sample`). Each later
//! snapshot reports what happened since the previous one; [`EbpfMetrics::since_attach`]
//! holds the totals since attach. The programs stay attached while the probe lives and are
//! detached when it is dropped (freed, in C). They are held by file descriptors only, never
//! pinned, so a process that dies — even by SIGKILL — leaves nothing attached. (A child
//! forked after attach holds those descriptors too, until it exits or execs: they are
//! close-on-exec.)
//!
//! **Privileges.** Tracing needs `CAP_BPF` and `CAP_PERFMON` (or `CAP_SYS_ADMIN`);
//! without them the domain is `skipped` with `permission_denied`, and its warning names
//! the missing capabilities.
//!
//! **Bounds.** Every map the programs fill is bounded (options `max_threads`, `max_pids`,
//! `max_requests`). What did not fit is never silently lost: it is counted in each
//! tracer's [`TracerStatus::dropped`].
//!
//! **Histograms** ([`LatencyHistogram`]) have log2 buckets in nanoseconds; the percentiles
//! are computed here from the buckets (an estimate within a bucket: at worst a factor of 2).
//!
//! **Process ids** are those of the initial pid namespace (the kernel's own), which are
//! also `/proc`'s unless libprobe runs in a container with its own pid namespace.
//!
//! **Syscall names** come from the running kernel: the names of its `SYSCALL_DEFINE`s,
//! by number, as the kernel's own syscall tracing knows them (`getppid`, `read`). A few
//! differ from the C library's name for the same call (`newstat` is `stat`, `newuname` is
//! `uname`), as in `/sys/kernel/tracing/events/syscalls/`. A number the kernel gives no
//! name is shown as `syscall_<number>`.

use libprobe_derive::{OptionSet, Record, RecordEnum};

use crate::domain::{Collector, Cx};
use crate::model::{Domain, Field, Reason};
use crate::schema::OrderedMap;
use crate::text::ByteStr;

crate::options::name_set! {
    /// A set of eBPF tracers (option `ebpf.tracers`).
    EbpfTracers of
    /// An eBPF tracer: one set of BPF programs and the maps they fill.
    #[derive(RecordEnum)]
    #[repr(u8)]
    TracerName as u32 {
        /// System calls: counts, errors and latencies by name, and per process.
        Syscalls = "syscalls",
        /// Run-queue latency: wakeup (or preemption) to running.
        Runqlat = "runqlat",
        /// Off-CPU time per process, voluntary (sleep, I/O) or not (preemption).
        Offcpu = "offcpu",
        /// Block I/O latency per device and operation, and I/O per process.
        Biolatency = "biolatency",
        /// Page faults per process, minor and major.
        Faults = "faults",
        /// mmap() calls per process.
        Mmap = "mmap",
        /// File opens as events: path, flags, time, result.
        Opens = "opens",
        /// Latency of reads and writes of regular files.
        Filelat = "filelat",
        /// Network bytes per process and per cgroup: TCP and UDP payload sent and received.
        Netbytes = "netbytes",
        /// TCP connect latency (SYN sent → established), overall and per destination port.
        Tcpconnlat = "tcpconnlat",
        /// TCP retransmissions per connection (addresses, destination port) and owner.
        Tcpretrans = "tcpretrans",
        /// Packets dropped, per interface and per the kernel's drop reason.
        Drops = "drops",
    }
}

crate::options::name_set! {
    /// A set of BPF program types for tracepoints (option `ebpf.hooks`).
    EbpfHooks of
    /// How a BPF program is attached to a kernel tracepoint.
    #[derive(RecordEnum)]
    #[repr(u8)]
    HookType as u32 {
        /// BTF-typed raw tracepoint (Linux 5.5+): typed arguments, the cheapest.
        TpBtf = "tp_btf",
        /// Raw tracepoint (4.17+): the tracepoint's arguments as they are.
        RawTp = "raw_tp",
        /// Classic tracepoint through perf: a record built for each event; needs tracefs
        /// to find the tracepoint's id.
        Tracepoint = "tracepoint",
    }
}

/// What the ebpf domain traces, and how much it may keep.
#[derive(Debug, Clone, PartialEq, Eq, OptionSet)]
pub struct EbpfOptions {
    /// The tracers to attach (default: all: syscalls, runqlat, offcpu, biolatency,
    /// faults, mmap, opens, filelat, netbytes, tcpconnlat, tcpretrans, drops). Each adds cost
    /// to the events it
    /// traces: `syscalls` to every system call, `runqlat` and `offcpu` to every context
    /// switch (and `runqlat` to every wakeup), `biolatency` to every block request, `faults`
    /// to every page fault, `mmap` to every system call with `tp_btf` and `raw_tp` (it keeps
    /// only mmap's; with `tracepoint`, to mmap calls only), `opens` and `filelat` to every
    /// system call's entry and exit (they keep only the opens, and the reads and writes),
    /// `netbytes` to every send and receive call on a socket, `tcpconnlat` to every TCP
    /// state change, `tcpretrans` to every TCP retransmission and state change and to every
    /// TCP send call, `drops` to every packet dropped.
    pub tracers: EbpfTracers,
    /// The program types the tracers may use, in this order of preference: tp_btf,
    /// raw_tp, tracepoint (default: all three, so each tracer takes the first this kernel
    /// accepts). One name forces that type. `tracepoint` needs tracefs; where it is not
    /// mounted, libprobe mounts it privately, only to read the tracepoints' ids (which
    /// needs CAP_SYS_ADMIN).
    pub hooks: EbpfHooks,
    /// Syscall latencies and errors (default true): a second program at each syscall's
    /// exit. `false` counts calls only, with one program at entry, at about half the cost.
    pub syscall_latency: bool,
    /// Processes listed in each per-process table: those with the most events in the
    /// interval (default 50). The others are counted in the tables' totals only.
    #[option(min = 1, max = 1_000_000)]
    pub top_processes: u32,
    /// Threads the per-thread tables hold (default 65536): the syscall tracer's thread
    /// slots (rounded up to a power of two, 64 bytes each), and the threads waiting on a run
    /// queue or off a CPU. A thread that finds its table full is counted in `dropped`.
    #[option(min = 1024, max = 4_194_304)]
    pub max_threads: u32,
    /// Processes the per-process tables hold (default 16384). A process that finds its
    /// table full is counted in `dropped`.
    #[option(min = 64, max = 1_048_576)]
    pub max_pids: u32,
    /// Block requests, and TCP connects, in flight tracked at once (default 16384).
    #[option(min = 64, max = 1_048_576)]
    pub max_requests: u32,
    /// File open events listed per snapshot (default 4096); the ring buffer the kernel
    /// writes them to holds about as many (328 bytes each). Those past the bound, or that
    /// found the ring full, are counted in `file_opens_dropped`.
    #[option(min = 16, max = 1_048_576)]
    pub max_open_events: u32,
}

impl Default for EbpfOptions {
    fn default() -> Self {
        EbpfOptions {
            tracers: EbpfTracers::all(),
            hooks: EbpfHooks::all(),
            syscall_latency: true,
            top_processes: 50,
            max_threads: 65536,
            max_pids: 16384,
            max_requests: 16384,
            max_open_events: 4096,
        }
    }
}

/// One bucket of a [`LatencyHistogram`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Record)]
pub struct HistogramBucket {
    /// The largest value this bucket holds (inclusive: Prometheus' `le`); the bucket
    /// holds the values above the previous bucket's bound. The last possible bucket's bound
    /// is 2^64-1 (every value from 2^47 ns, about 39 hours, up).
    #[record(unit = "ns")]
    pub upper_bound_ns: u64,
    /// Values in this bucket.
    pub count: u64,
}

/// A latency distribution in log2 buckets (the specification's `LatencyHistogram`).
///
/// Bucket bounds are 1, 3, 7, 15, … 2^(i+1)-1 ns: bucket 0 holds 0 and 1 ns, bucket i holds
/// [2^i, 2^(i+1)) ns. Only non-empty buckets are listed.
#[derive(Debug, Clone, PartialEq, Eq, Record)]
pub struct LatencyHistogram {
    /// The non-empty buckets, in increasing order of bound.
    pub buckets: Vec<HistogramBucket>,
    /// Sum of the values.
    #[record(unit = "ns")]
    pub sum_ns: u64,
    /// Number of values (the sum of the buckets' counts).
    pub count: u64,
    /// The smallest value; null when there is none. Exact, except that an event racing
    /// the snapshot by a few nanoseconds may count in the next interval's buckets but not
    /// in this one's minimum and maximum (then null here if it was the only one).
    #[record(unit = "ns")]
    pub min_ns: Option<u64>,
    /// The largest value; null when there is none (see `min_ns`).
    #[record(unit = "ns")]
    pub max_ns: Option<u64>,
    /// Median, estimated from the buckets (linear within the bucket, kept within
    /// `min_ns`..`max_ns`); null when there is no value.
    #[record(unit = "ns")]
    pub p50_ns: Option<u64>,
    /// 90th percentile, estimated as `p50_ns` is.
    #[record(unit = "ns")]
    pub p90_ns: Option<u64>,
    /// 99th percentile, estimated as `p50_ns` is.
    #[record(unit = "ns")]
    pub p99_ns: Option<u64>,
}

impl LatencyHistogram {
    /// Number of log2 buckets the tracers keep.
    pub const BUCKETS: usize = 48;

    /// The largest value bucket `i` holds.
    pub fn upper_bound(i: usize) -> u64 {
        if i + 1 >= Self::BUCKETS { u64::MAX } else { (2u64 << i) - 1 }
    }

    /// The smallest value bucket `i` holds.
    pub fn lower_bound(i: usize) -> u64 {
        if i == 0 { 0 } else { 1u64 << i.min(63) }
    }

    /// The histogram of these bucket counts (bucket `i` at index `i`; extra counts beyond
    /// [`Self::BUCKETS`] go to the last bucket), with their sum, and the smallest and
    /// largest value when known. Percentiles are computed here.
    pub fn from_counts(counts: &[u64], sum_ns: u64, min_ns: Option<u64>, max_ns: Option<u64>) -> LatencyHistogram {
        let mut merged = [0u64; Self::BUCKETS];
        for (i, c) in counts.iter().enumerate() {
            let slot = &mut merged[i.min(Self::BUCKETS - 1)];
            *slot = slot.saturating_add(*c);
        }
        let count = merged.iter().fold(0u64, |a, c| a.saturating_add(*c));
        let (min_ns, max_ns) = if count == 0 { (None, None) } else { (min_ns, max_ns) };
        let q = |p: u64| percentile(&merged, count, p, min_ns, max_ns);
        LatencyHistogram {
            buckets: merged
                .iter()
                .enumerate()
                .filter(|(_, c)| **c > 0)
                .map(|(i, c)| HistogramBucket { upper_bound_ns: Self::upper_bound(i), count: *c })
                .collect(),
            sum_ns,
            count,
            min_ns,
            max_ns,
            p50_ns: q(50),
            p90_ns: q(90),
            p99_ns: q(99),
        }
    }

    /// An empty histogram.
    pub fn empty() -> LatencyHistogram {
        LatencyHistogram::from_counts(&[], 0, None, None)
    }
}

/// The `p`-th percentile: the value of rank ceil(p/100 · count), placed linearly within
/// its bucket, kept within the known minimum and maximum.
fn percentile(counts: &[u64], count: u64, p: u64, min: Option<u64>, max: Option<u64>) -> Option<u64> {
    if count == 0 {
        return None;
    }
    let rank = (u128::from(count) * u128::from(p)).div_ceil(100).max(1);
    let mut below = 0u128;
    for (i, &c) in counts.iter().enumerate() {
        let c = u128::from(c);
        if c == 0 || below + c < rank {
            below += c;
            continue;
        }
        let lo = u128::from(LatencyHistogram::lower_bound(i).max(min.unwrap_or(0)));
        let mut hi = u128::from(LatencyHistogram::upper_bound(i));
        if let Some(m) = max {
            hi = hi.min(u128::from(m));
        }
        let hi = hi.max(lo);
        let estimate = lo + (hi - lo) * (rank - below) / c;
        return Some(u64::try_from(estimate).unwrap_or(u64::MAX));
    }
    max
}

/// Whether a tracer's programs are attached.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, RecordEnum)]
#[repr(u8)]
pub enum TracerState {
    /// Loaded and attached: its fields hold data.
    Attached = 1,
    /// Not attached (see `reason` and `error`): its fields are missing with that reason.
    Failed = 2,
}

/// One tracer: whether it is attached, how, and what it could not keep.
#[derive(Debug, Clone, PartialEq, Record)]
pub struct TracerStatus {
    pub tracer: TracerName,
    pub state: TracerState,
    /// Why the tracer is not attached; null when it is.
    pub reason: Option<Reason>,
    /// What failed, when it failed (the loader's or the kernel's message).
    pub error: Option<String>,
    /// The program type its programs use (the first of option `hooks` this kernel
    /// accepted); null when not attached.
    pub hook: Option<HookType>,
    /// For the `tracepoint` type: whether libprobe had to mount tracefs (privately, to
    /// read the tracepoints' ids) because it was not mounted; null for the other types,
    /// which need no tracefs.
    pub tracefs_mounted: Option<bool>,
    /// The kernel events its programs are attached to (`raw_syscalls/sys_enter`).
    pub events: Vec<String>,
    /// Events not counted in the interval because a bounded table was full (or a thread
    /// exit record found its ring full); `no_previous_sample` at the snapshot that attached.
    pub dropped: Field<u64>,
    /// Events not counted since attach.
    #[record(counter)]
    pub dropped_since_attach: u64,
}

/// A process's system calls over the interval.
#[derive(Debug, Clone, PartialEq, Record)]
pub struct ProcessSyscalls {
    /// The process id (of the initial pid namespace).
    pub pid: i32,
    /// When the process started, in clock ticks since boot (`start_time` of
    /// [`crate::process::ProcessFull`]): with `pid`, its identity, so a pid reused by a new
    /// process within the interval is a row of its own.
    #[record(unit = "ticks")]
    pub start_time: u64,
    /// The process's name (its main thread's `comm` when seen, else a thread's).
    pub name: ByteStr,
    /// System calls made (counted as `syscall_counts` are).
    pub count: u64,
    /// Calls that returned an error (-4095..-1); `disabled` without `syscall_latency`.
    pub errors: Field<u64>,
    /// Time spent in system calls, entry to exit, summed over its threads; `disabled`
    /// without `syscall_latency`.
    #[record(unit = "ns")]
    pub latency_ns: Field<u64>,
}

/// A process's time off a CPU over the interval (switched out to switched back in),
/// summed over its threads.
#[derive(Debug, Clone, PartialEq, Eq, Record)]
pub struct OffCpuTime {
    /// The process id (of the initial pid namespace).
    pub pid: i32,
    /// When the process started, in clock ticks since boot (`start_time` of
    /// [`crate::process::ProcessFull`]): with `pid`, its identity, so a pid reused by a new
    /// process within the interval is a row of its own.
    #[record(unit = "ticks")]
    pub start_time: u64,
    /// The process's name (its main thread's `comm` when first seen).
    pub name: ByteStr,
    /// `voluntary_ns + involuntary_ns`.
    #[record(unit = "ns")]
    pub total_ns: u64,
    /// Off CPU after sleeping or blocking (I/O, locks, `sleep`), until running again.
    #[record(unit = "ns")]
    pub voluntary_ns: u64,
    /// Off CPU after being preempted (or yielding) while still runnable: waiting for a CPU.
    #[record(unit = "ns")]
    pub involuntary_ns: u64,
    /// Voluntary switches that ended in the interval (the kernel's `nvcsw` sense).
    pub voluntary_switches: u64,
    /// Involuntary switches that ended in the interval (`nivcsw`).
    pub involuntary_switches: u64,
}

/// A process's block I/O over the interval (the specification's `BlockIoStats`): the
/// requests it submitted that completed, and their time from issue to completion.
#[derive(Debug, Clone, PartialEq, Eq, Record)]
pub struct BlockIoStats {
    /// The process id (of the initial pid namespace).
    pub pid: i32,
    /// When the process started, in clock ticks since boot (`start_time` of
    /// [`crate::process::ProcessFull`]): with `pid`, its identity, so a pid reused by a new
    /// process within the interval is a row of its own.
    #[record(unit = "ticks")]
    pub start_time: u64,
    /// The submitting process's name (its main thread's `comm`).
    pub name: ByteStr,
    pub reads: u64,
    pub writes: u64,
    /// Bytes the read requests asked for.
    #[record(unit = "bytes")]
    pub read_bytes: u64,
    /// Bytes the write requests carried.
    #[record(unit = "bytes")]
    pub write_bytes: u64,
    /// Reads' time from issue to completion, summed.
    #[record(unit = "ns")]
    pub read_latency_ns: u64,
    /// Writes' time from issue to completion, summed.
    #[record(unit = "ns")]
    pub write_latency_ns: u64,
}

/// A process's page faults over the interval, summed over its threads: the kernel's own
/// counts (`min_flt`, `maj_flt` of each thread, as `/proc/<pid>/stat` and `getrusage`
/// report them), taken at each fault and at each thread's exit.
///
/// A thread's fault is read at its next fault or at its exit: the last fault of a thread
/// still running may be counted in the next interval.
#[derive(Debug, Clone, PartialEq, Eq, Record)]
pub struct PageFaults {
    /// The process id (of the initial pid namespace).
    pub pid: i32,
    /// When the process started, in clock ticks since boot (`start_time` of
    /// [`crate::process::ProcessFull`]): with `pid`, its identity, so a pid reused by a new
    /// process within the interval is a row of its own.
    #[record(unit = "ticks")]
    pub start_time: u64,
    /// The process's name (its main thread's `comm` when first seen, or after an exec).
    pub name: ByteStr,
    /// Faults served without I/O (the page was in memory, or a new zeroed page).
    pub minor: u64,
    /// Faults that waited for I/O (the page was read from a file or from swap).
    pub major: u64,
}

/// A process's mmap() calls over the interval.
#[derive(Debug, Clone, PartialEq, Eq, Record)]
pub struct MmapCalls {
    /// The process id (of the initial pid namespace).
    pub pid: i32,
    /// When the process started, in clock ticks since boot (`start_time` of
    /// [`crate::process::ProcessFull`]): with `pid`, its identity, so a pid reused by a new
    /// process within the interval is a row of its own.
    #[record(unit = "ticks")]
    pub start_time: u64,
    /// The process's name (its main thread's `comm` when first seen).
    pub name: ByteStr,
    /// mmap() calls entered (failed ones too; a 32-bit process's mmap2 is not counted).
    pub count: u64,
}

/// One file open (`open`, `creat`, `openat`, `openat2`) as its caller made it, seen at the
/// system call: the path is the caller's (relative to its working directory or to the
/// directory descriptor it passed), not a resolved one, and opens made inside the kernel
/// (exec, module loading) are not seen.
#[derive(Debug, Clone, PartialEq, Eq, Record)]
pub struct FileOpen {
    /// The process id (of the initial pid namespace).
    pub pid: i32,
    /// When the process started, in clock ticks since boot (`start_time` of
    /// [`crate::process::ProcessFull`]): with `pid`, its identity.
    #[record(unit = "ticks")]
    pub start_time: u64,
    /// The calling thread's id.
    pub tid: i32,
    /// The calling thread's name (`comm`).
    pub name: ByteStr,
    /// The path as passed, as bytes (not necessarily UTF-8): at most its first 255 bytes.
    pub path: ByteStr,
    /// Whether the path was longer than 255 bytes (only its first 255 are in `path`).
    pub path_truncated: bool,
    /// The open flags as passed (`O_*` bits: `O_WRONLY` 0o1, `O_CREAT` 0o100, …; `creat`
    /// is `O_CREAT | O_WRONLY | O_TRUNC`).
    pub flags: u32,
    /// When the call was entered: CLOCK_MONOTONIC, the clock of the snapshot's
    /// `monotonic_ns`.
    #[record(unit = "ns")]
    pub monotonic_ns: u64,
    /// The new file descriptor, or the error as a negative errno (-2: ENOENT).
    pub result: i64,
}

/// A block request's operation (`REQ_OP_*`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, RecordEnum)]
#[repr(u8)]
pub enum BlockOperation {
    Read = 1,
    Write = 2,
    Flush = 3,
    Discard = 4,
    SecureErase = 5,
    WriteZeroes = 6,
    /// Another operation (zone management, driver-private).
    Other = 7,
}

impl BlockOperation {
    /// The operation of a kernel `REQ_OP_*` number.
    pub fn from_kernel(op: u32) -> BlockOperation {
        match op {
            0 => BlockOperation::Read,
            1 => BlockOperation::Write,
            2 => BlockOperation::Flush,
            3 => BlockOperation::Discard,
            5 => BlockOperation::SecureErase,
            9 => BlockOperation::WriteZeroes,
            _ => BlockOperation::Other,
        }
    }
}

/// Block I/O of one device and operation over the interval.
#[derive(Debug, Clone, PartialEq, Record)]
pub struct BlockIoDevice {
    /// The device's kernel name (`sda`, `nvme0n1p2`, `loop0`); `not_present` when the
    /// device is gone.
    pub name: Field<String>,
    pub major: u32,
    pub minor: u32,
    pub operation: BlockOperation,
    /// Bytes of the completed requests.
    #[record(unit = "bytes")]
    pub bytes: u64,
    /// Issue → completion latency of its requests (`count`: requests completed).
    pub latency: LatencyHistogram,
}

/// A process's network traffic over the interval: the payload bytes its send and receive
/// calls moved on TCP and UDP sockets, IPv4 and IPv6 together.
///
/// Counted from the kernel's `sock:sock_send_length` and `sock:sock_recv_length` events
/// (Linux 6.3+), in the calling process: the bytes a call handed to or took from the
/// protocol (its result), so **payload only**: no TCP, UDP or IP headers, no
/// retransmissions, no ACKs. Traffic over loopback is counted once for the sending
/// process (as sent) and once for the receiving one (as received). Calls that moved no byte
/// (errors, EOF, empty datagrams) and receives with `MSG_PEEK` are not counted. Not
/// counted either: `splice()` out of a TCP socket and TCP zero-copy receive
/// (`TCP_ZEROCOPY_RECEIVE`), which do not go through the receive call; sockets of other
/// protocols (Unix, raw, SCTP, MPTCP, UDP-Lite); the kernel's own sockets (NFS, iSCSI);
/// forwarded packets.
#[derive(Debug, Clone, PartialEq, Eq, Record)]
pub struct ProcessNetwork {
    /// The process id (of the initial pid namespace).
    pub pid: i32,
    /// When the process started, in clock ticks since boot (`start_time` of
    /// [`crate::process::ProcessFull`]): with `pid`, its identity, so a pid reused by a new
    /// process within the interval is a row of its own.
    #[record(unit = "ticks")]
    pub start_time: u64,
    /// The process's name (its main thread's `comm` at its first counted call).
    pub name: ByteStr,
    /// The cgroup (v2) id of the thread that made the process's latest counted call (the
    /// inode number of its directory under the cgroup2 mount); null where the kernel has
    /// no cgroup v2 hierarchy.
    pub cgroup_id: Option<u64>,
    /// TCP payload bytes sent (accepted by send, write, sendmsg, …).
    #[record(unit = "bytes")]
    pub tcp_sent_bytes: u64,
    /// TCP payload bytes received (returned by recv, read, recvmsg, …).
    #[record(unit = "bytes")]
    pub tcp_received_bytes: u64,
    /// UDP payload bytes sent.
    #[record(unit = "bytes")]
    pub udp_sent_bytes: u64,
    /// UDP payload bytes received (with `MSG_TRUNC`, the datagram's full length).
    #[record(unit = "bytes")]
    pub udp_received_bytes: u64,
    /// TCP send calls that moved at least one byte.
    pub tcp_sends: u64,
    /// TCP receive calls that moved at least one byte.
    pub tcp_receives: u64,
    /// UDP send calls that moved at least one byte: one datagram each, except with
    /// `UDP_SEGMENT` or corking (`MSG_MORE`, `UDP_CORK`).
    pub udp_sends: u64,
    /// UDP datagrams received (one per receive call; `recvmmsg` counts each message).
    pub udp_receives: u64,
}

/// A cgroup's network traffic over the interval: the sum of [`ProcessNetwork`] over the
/// processes whose latest counted call was made in it (a process that moved to another
/// cgroup within the interval counts entirely in the new one).
#[derive(Debug, Clone, PartialEq, Eq, Record)]
pub struct CgroupNetwork {
    /// The cgroup (v2) id: the inode number of its directory under the cgroup2 mount.
    pub cgroup_id: u64,
    /// Processes counted.
    pub processes: u64,
    #[record(unit = "bytes")]
    pub tcp_sent_bytes: u64,
    #[record(unit = "bytes")]
    pub tcp_received_bytes: u64,
    #[record(unit = "bytes")]
    pub udp_sent_bytes: u64,
    #[record(unit = "bytes")]
    pub udp_received_bytes: u64,
    pub tcp_sends: u64,
    pub tcp_receives: u64,
    pub udp_sends: u64,
    pub udp_receives: u64,
}

/// The connect latency of one TCP destination port over the interval.
#[derive(Debug, Clone, PartialEq, Eq, Record)]
pub struct TcpConnectPort {
    /// The destination port.
    pub port: u16,
    /// SYN sent → established (`count`: connects established).
    pub latency: LatencyHistogram,
}

/// TCP segments retransmitted on one connection over the interval.
#[derive(Debug, Clone, PartialEq, Eq, Record)]
pub struct TcpRetransmits {
    pub family: crate::network::AddressFamily,
    /// The local address (an IPv4-mapped IPv6 address for an IPv4 connection of an IPv6
    /// socket).
    pub source_addr: String,
    pub destination_addr: String,
    pub destination_port: u16,
    /// The owning process: the process that connected the socket or the latest that sent
    /// on it since attach (retransmissions are sent from timers and interrupts, never by
    /// the owner itself); absent when neither happened since attach.
    pub pid: Option<i32>,
    /// The owner's name (its `comm`) when the key's first retransmission since attach was
    /// counted.
    pub name: Option<ByteStr>,
    /// Retransmissions sent (failed ones, which 6.12+ kernels also report, are not counted).
    pub retransmits: u64,
}

/// Packets dropped over the interval on one interface for one reason.
#[derive(Debug, Clone, PartialEq, Record)]
pub struct PacketDrops {
    /// The packet's device when it was freed (its index in its network namespace); 0 for
    /// a packet freed before it had one (a local socket's buffer).
    pub interface_index: u32,
    /// The device's name when its first drop since attach was counted (empty for index 0).
    pub interface: ByteStr,
    /// The device's network namespace (the inode number of `/proc/<pid>/ns/net`); absent
    /// for index 0.
    pub netns: Option<u64>,
    /// The kernel's `enum skb_drop_reason` value.
    pub reason_code: u32,
    /// Its name in the running kernel's BTF, without the `SKB_DROP_REASON_` prefix
    /// (`NO_SOCKET`, `UDP_CSUM`, …); `not_present` when the kernel's BTF does not name it.
    pub reason: Field<String>,
    pub drops: u64,
}

/// What the tracers counted since they were attached: counters, which start again from 0
/// when a new probe attaches. The histograms and device rows are of the same record types
/// as the interval's ([`LatencyHistogram`], [`BlockIoDevice`]), whose numbers are gauges
/// (they are of one interval); their totals here are therefore gauges in the schema too.
#[derive(Debug, Clone, PartialEq, Record)]
pub struct EbpfTotals {
    /// Time since the tracers were attached.
    #[record(unit = "ns", counter)]
    pub attached_ns: u64,
    /// Calls per syscall name, largest first.
    #[record(counter)]
    pub syscall_counts: Field<OrderedMap<String, u64>>,
    /// Failed calls per syscall name, largest first.
    #[record(counter)]
    pub syscall_errors: Field<OrderedMap<String, u64>>,
    /// Latency per syscall name, in the order of `syscall_counts`.
    pub syscall_latencies: Field<OrderedMap<String, LatencyHistogram>>,
    pub runqueue_latency: Field<LatencyHistogram>,
    /// Every device and operation together.
    pub block_io_latency: Field<LatencyHistogram>,
    pub block_io_by_device: Field<Vec<BlockIoDevice>>,
    /// The processes that made the most system calls since attach, most first (option
    /// `top_processes`): a live process's calls (and its exited threads'), kept until the
    /// snapshot that sees its last thread exit.
    pub syscalls_by_process: Field<Vec<ProcessSyscalls>>,
    /// Off-CPU time per process since attach, most first (option `top_processes`), kept
    /// as `syscalls_by_process` is.
    pub cpu_off_time: Field<Vec<OffCpuTime>>,
    /// Block I/O per submitting process since attach, most bytes first (option
    /// `top_processes`), kept until the snapshot after its process exits.
    pub block_io_by_process: Field<Vec<BlockIoStats>>,
    /// Page faults per process since attach, most (minor + major) first (option
    /// `top_processes`), kept as `syscalls_by_process` is.
    pub page_faults: Field<Vec<PageFaults>>,
    /// mmap() calls per process since attach, most first (option `top_processes`), kept
    /// until the snapshot after its process exits.
    pub mmap_count: Field<Vec<MmapCalls>>,
    /// Regular-file reads since attach (entry to exit of the read calls).
    pub file_read_latency: Field<LatencyHistogram>,
    /// Regular-file writes since attach.
    pub file_write_latency: Field<LatencyHistogram>,
    /// TCP connects established since attach.
    pub tcp_connect_latency: Field<LatencyHistogram>,
    /// TCP retransmissions per connection and owner since attach, most first (at most
    /// option `top_processes` rows), kept while the probe is attached.
    pub tcp_retransmits: Field<Vec<TcpRetransmits>>,
    /// Packets dropped per interface and reason since attach, most first.
    pub packet_drops: Field<Vec<PacketDrops>>,
}

/// What the eBPF tracers saw (the specification's `EbpfMetrics`): the interval since the
/// previous snapshot of this probe, and the totals since attach.
///
/// The interval's numbers are gauges (each snapshot starts them again); the counters are
/// the totals of [`EbpfMetrics::since_attach`] and [`TracerStatus::dropped_since_attach`].
///
/// A tracer's fields are `disabled` when it was not asked for, missing with its
/// [`TracerStatus::reason`] when it did not attach, and `no_previous_sample` at the
/// snapshot that attached it.
#[derive(Debug, Clone, PartialEq, Record)]
pub struct EbpfMetrics {
    /// The interval the fields below cover: since the previous snapshot.
    #[record(unit = "ns")]
    pub interval_ns: Field<u64>,
    /// Every tracer asked for, attached or not.
    pub tracers: Vec<TracerStatus>,
    /// Calls per syscall name, largest first: with `syscall_latency`, the calls that
    /// returned in the interval (and `exit`, `exit_group` when their thread ended);
    /// without, the calls entered.
    pub syscall_counts: Field<OrderedMap<String, u64>>,
    /// Calls that returned an error (-4095..-1) per syscall name, largest first;
    /// `disabled` without `syscall_latency`.
    pub syscall_errors: Field<OrderedMap<String, u64>>,
    /// Entry → exit latency per syscall name, in the order of `syscall_counts` (calls that
    /// returned in the interval; `exit` and `exit_group` never do); `disabled` without
    /// `syscall_latency`.
    pub syscall_latencies: Field<OrderedMap<String, LatencyHistogram>>,
    /// The processes that made the most system calls, most first (option
    /// `top_processes`).
    pub syscalls_by_process: Field<Vec<ProcessSyscalls>>,
    /// Time runnable threads waited for a CPU: from wakeup, or from preemption, to running.
    pub runqueue_latency: Field<LatencyHistogram>,
    /// Off-CPU time per process, most first (option `top_processes`).
    pub cpu_off_time: Field<Vec<OffCpuTime>>,
    /// Issue → completion latency of block requests, every device and operation together.
    pub block_io_latency: Field<LatencyHistogram>,
    /// Block I/O per device and operation.
    pub block_io_by_device: Field<Vec<BlockIoDevice>>,
    /// Block I/O per submitting process, most bytes first (option `top_processes`).
    pub block_io_by_process: Field<Vec<BlockIoStats>>,
    /// Network payload per process, most bytes (sent and received) first (option
    /// `top_processes`); see [`ProcessNetwork`] for what is counted.
    pub network_by_process: Field<Vec<ProcessNetwork>>,
    /// Network payload per cgroup (every process, not only the top ones), most bytes
    /// first.
    pub network_by_cgroup: Field<Vec<CgroupNetwork>>,
    /// Active TCP connects (IPv4 and IPv6) established in the interval: the time from the
    /// SYN sent to the SYN-ACK received, from the kernel's `sock:inet_sock_set_state`
    /// (`SYN_SENT` → `ESTABLISHED`). A SYN lost and sent again counts from the first.
    /// Connects that failed (refused, timed out) are not in it.
    pub tcp_connect_latency: Field<LatencyHistogram>,
    /// `tcp_connect_latency` per destination port, by port (at most 1024 ports since attach;
    /// a connect to another port counts in `dropped`, and in `tcp_connect_latency`).
    pub tcp_connect_latency_by_port: Field<Vec<TcpConnectPort>>,
    /// The totals since attach.
    pub since_attach: EbpfTotals,
    /// Page faults per process, most (minor + major) first (option `top_processes`).
    pub page_faults: Field<Vec<PageFaults>>,
    /// mmap() calls per process, most first (option `top_processes`). Native (64-bit)
    /// calls only: a 32-bit process's `mmap2`/`old_mmap` is not counted (on x86-64 since
    /// Linux 6.9 the kernel keeps no compat syscall table to read their numbers from).
    pub mmap_count: Field<Vec<MmapCalls>>,
    /// File opens of the interval, in the order they were entered: at most option
    /// `max_open_events`.
    pub file_opens: Field<Vec<FileOpen>>,
    /// Opens of the interval not in `file_opens`: past `max_open_events`, or not recorded
    /// by the kernel side (its ring buffer or its table of opens in progress was full).
    pub file_opens_dropped: Field<u64>,
    /// Entry → exit latency of `read`, `pread64` and `readv` calls on regular files (the
    /// whole call, page cache hits included; pipes, sockets, terminals and devices left
    /// out), calls that returned in the interval.
    pub file_read_latency: Field<LatencyHistogram>,
    /// The same for `write`, `pwrite64` and `writev`.
    pub file_write_latency: Field<LatencyHistogram>,
    /// TCP retransmissions (IPv4 and IPv6) per connection and owner, most first (at most
    /// option `top_processes` rows), from the kernel's `tcp:tcp_retransmit_skb`.
    pub tcp_retransmits: Field<Vec<TcpRetransmits>>,
    /// Packets dropped per interface and reason, most first, from the kernel's
    /// `skb:kfree_skb` (`SKB_CONSUMED` is not a drop).
    pub packet_drops: Field<Vec<PacketDrops>>,
}

impl EbpfMetrics {
    /// Every tracer's fields `reason` (the tracers not asked for stay `disabled`).
    pub(crate) fn new(reason: Reason) -> EbpfMetrics {
        fn m<T>() -> Field<T> {
            Field::Missing(Reason::Disabled)
        }
        EbpfMetrics {
            interval_ns: Field::Missing(reason),
            tracers: Vec::new(),
            syscall_counts: m(),
            syscall_errors: m(),
            syscall_latencies: m(),
            syscalls_by_process: m(),
            runqueue_latency: m(),
            cpu_off_time: m(),
            block_io_latency: m(),
            block_io_by_device: m(),
            block_io_by_process: m(),
            network_by_process: m(),
            network_by_cgroup: m(),
            tcp_connect_latency: m(),
            tcp_connect_latency_by_port: m(),
            since_attach: EbpfTotals {
                attached_ns: 0,
                syscall_counts: m(),
                syscall_errors: m(),
                syscall_latencies: m(),
                runqueue_latency: m(),
                block_io_latency: m(),
                block_io_by_device: m(),
                syscalls_by_process: m(),
                cpu_off_time: m(),
                block_io_by_process: m(),
                page_faults: m(),
                mmap_count: m(),
                file_read_latency: m(),
                file_write_latency: m(),
                tcp_connect_latency: m(),
                tcp_retransmits: m(),
                packet_drops: m(),
            },
            page_faults: m(),
            mmap_count: m(),
            file_opens: m(),
            file_opens_dropped: m(),
            file_read_latency: m(),
            file_write_latency: m(),
            tcp_retransmits: m(),
            packet_drops: m(),
        }
    }
}

/// The ebpf domain in the registry.
#[derive(Debug)]
pub(crate) struct EbpfDomain;

impl Collector for EbpfDomain {
    type Options = EbpfOptions;
    type Output = EbpfMetrics;
    type State = crate::sys::imp::ebpf::State;

    fn collect(cx: &mut Cx<'_>, options: &EbpfOptions, state: &mut Self::State) -> Domain<EbpfMetrics> {
        crate::sys::imp::ebpf::collect(cx, options, state)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bounds() {
        assert_eq!(LatencyHistogram::upper_bound(0), 1);
        assert_eq!(LatencyHistogram::upper_bound(1), 3);
        assert_eq!(LatencyHistogram::upper_bound(10), 2047);
        assert_eq!(LatencyHistogram::upper_bound(47), u64::MAX);
        assert_eq!(LatencyHistogram::lower_bound(0), 0);
        assert_eq!(LatencyHistogram::lower_bound(10), 1024);
    }

    #[test]
    fn percentiles_are_ordered_and_within_min_max() {
        // 90 values in [1024, 2047], 9 in [8192, 16383], 1 in [1 Mi, 2 Mi).
        let mut c = [0u64; 48];
        c[10] = 90;
        c[13] = 9;
        c[20] = 1;
        let h = LatencyHistogram::from_counts(&c, 1, Some(1100), Some(1_500_000));
        assert_eq!(h.count, 100);
        let (p50, p90, p99) = (h.p50_ns.unwrap(), h.p90_ns.unwrap(), h.p99_ns.unwrap());
        assert!((1100..=2047).contains(&p50), "{p50}");
        assert!(p50 <= p90 && p90 <= p99, "{p50} {p90} {p99}");
        assert!((8192..=16383).contains(&p99), "{p99}");
        assert_eq!(h.buckets.len(), 3);
        assert_eq!(h.buckets[0], HistogramBucket { upper_bound_ns: 2047, count: 90 });
    }

    #[test]
    fn one_value_is_every_percentile() {
        let mut c = [0u64; 48];
        c[12] = 1;
        let h = LatencyHistogram::from_counts(&c, 5000, Some(5000), Some(5000));
        assert_eq!((h.p50_ns, h.p90_ns, h.p99_ns), (Some(5000), Some(5000), Some(5000)));
    }

    #[test]
    fn empty_has_no_extremes() {
        let h = LatencyHistogram::from_counts(&[0; 48], 0, Some(3), Some(9));
        assert_eq!((h.count, h.min_ns, h.max_ns, h.p50_ns), (0, None, None, None));
        assert!(h.buckets.is_empty());
        // Counts beyond the last bucket are kept in it.
        let h = LatencyHistogram::from_counts(&[0; 60].map(|_| 1), 0, None, None);
        assert_eq!(h.count, 60);
        assert_eq!(h.buckets.last().unwrap().count, 13);
        assert!(h.p99_ns.is_some());
    }

    #[test]
    fn tracer_names() {
        assert_eq!(TracerName::Syscalls.name(), "syscalls");
        assert_eq!(crate::schema::EnumType::enum_value(&HookType::TpBtf).name, "tp_btf");
        assert_eq!(EbpfTracers::parse("runqlat,offcpu").unwrap().iter().count(), 2);
        assert_eq!(EbpfOptions::default().tracers, EbpfTracers::all());
    }
}
