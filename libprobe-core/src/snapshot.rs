//! [`Probe`] and [`Snapshot`]: one call collects every enabled domain.
//!
//! ```no_run
//! use libprobe::{Options, Probe};
//!
//! let mut probe = Probe::new(Options::default());
//! let first = probe.snapshot();                 // cpu_percent: no_previous_sample
//! std::thread::sleep(std::time::Duration::from_secs(1));
//! let snap = probe.snapshot();                  // cpu_percent over the last second
//! for p in snap.processes() {
//!     println!("{} {} {:?}", p.pid, p.name, p.cpu_percent.get());
//! }
//! println!("{}", snap.to_json());
//! ```

use std::collections::HashMap;

use libprobe_derive::Record;

use crate::model::{Domain, DomainName, DomainState, DomainStatus, Field, Reason, Warnings};
use crate::network::{Network, NetworkOptions};
use crate::process::ProcessFull;
use crate::source::Source;
use crate::sys::imp;
use crate::system::{CpuTimes, System};

/// A set of domains.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Domains(u32);

impl Domains {
    /// No domain.
    pub const NONE: Domains = Domains(0);

    /// Every domain libprobe has.
    pub fn all() -> Domains {
        DomainName::ALL.into_iter().fold(Domains::NONE, Domains::with)
    }

    /// The default set: every domain whose collection is cheap and passive (everything
    /// but eBPF, which attaches programs to the kernel and must be asked for).
    pub fn default_set() -> Domains {
        Domains::all().without(DomainName::Ebpf)
    }

    pub fn with(self, d: DomainName) -> Domains {
        Domains(self.0 | (1 << d as u32))
    }

    pub fn without(self, d: DomainName) -> Domains {
        Domains(self.0 & !(1 << d as u32))
    }

    pub fn contains(self, d: DomainName) -> bool {
        self.0 & (1 << d as u32) != 0
    }

    /// Parses `process,system` (names as in [`DomainName`]; `all` for every domain).
    pub fn parse(list: &str) -> Result<Domains, String> {
        let mut set = Domains::NONE;
        for name in list.split(',').map(str::trim).filter(|s| !s.is_empty()) {
            if name == "all" {
                set = Domains::all();
                continue;
            }
            let d = DomainName::parse(name).ok_or_else(|| {
                let known: Vec<_> = DomainName::ALL.iter().map(|d| d.name()).collect();
                format!("unknown domain `{name}` (known: {}, all)", known.join(", "))
            })?;
            set = set.with(d);
        }
        Ok(set)
    }
}

impl Default for Domains {
    fn default() -> Self {
        Domains::default_set()
    }
}

/// Which costly process field groups to collect. The default collects none of them:
/// the cheap fields of every process (ids, names, state, CPU, memory from `status`,
/// I/O, limits, namespaces, cgroups, security, signals, fd count) are always collected.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ProcessOptions {
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
    /// Collect only these processes (every process when `None`).
    pub pids: Option<Vec<i32>>,
    /// Threads reading the process table: `0` chooses (one for fewer than 256 processes,
    /// else one per CPU up to 4), `1` reads on the calling thread only. Reading is mostly
    /// kernel time spent per process, so n readers on n free CPUs take a little more than
    /// 1/n of the wall time, for somewhat more CPU time (on a 2-CPU VM, 1 000 processes:
    /// 52 ms on one thread; 33 ms wall and 61 ms CPU on two).
    pub threads: usize,
}

impl Default for ProcessOptions {
    fn default() -> Self {
        ProcessOptions {
            smaps_rollup: false,
            maps: false,
            fds: false,
            environ: false,
            taskstats: false,
            cgroup_limits: true,
            pids: None,
            threads: 0,
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
}

/// What a [`Probe`] collects and where it reads.
#[derive(Debug, Clone, Default)]
pub struct Options {
    pub source: Source,
    pub domains: Domains,
    pub process: ProcessOptions,
    pub network: NetworkOptions,
}

/// Everything one call collected.
#[derive(Debug, Clone, PartialEq, Record)]
pub struct Snapshot {
    /// When collection started, on the observed machine's clock.
    #[record(unit = "ns")]
    pub timestamp_unix_ns: u64,
    /// CLOCK_MONOTONIC when collection started (for computing rates between snapshots).
    #[record(unit = "ns")]
    pub timestamp_monotonic_ns: u64,
    /// Time the whole collection took.
    #[record(unit = "ns")]
    pub duration_ns: u64,
    pub libprobe_version: String,
    /// One entry per domain: collected, skipped or failed, and why.
    pub domains: Vec<DomainStatus>,
    pub system: Field<System>,
    pub processes: Field<Vec<ProcessFull>>,
    /// Sockets, interfaces, routes, neighbours, conntrack and protocol counters of one
    /// network namespace (see [`crate::network`]).
    pub network: Field<Network>,
}

impl Snapshot {
    /// The processes, or an empty slice when the process domain was not collected (see
    /// [`Snapshot::status`]).
    pub fn processes(&self) -> &[ProcessFull] {
        self.processes.value().map_or(&[], Vec::as_slice)
    }

    /// The process with this pid.
    pub fn process(&self, pid: i32) -> Option<&ProcessFull> {
        self.processes().iter().find(|p| p.pid == pid)
    }

    /// The network domain, when it was collected.
    pub fn network(&self) -> Option<&Network> {
        self.network.value()
    }

    /// How the collection of `domain` went.
    pub fn status(&self, domain: DomainName) -> Option<&DomainStatus> {
        self.domains.iter().find(|d| d.domain == domain)
    }

    /// Compact JSON with the specification's snake_case names (see [`crate::json`]).
    pub fn to_json(&self) -> String {
        crate::json::to_json(self)
    }

    /// Indented JSON.
    pub fn to_json_pretty(&self) -> String {
        crate::json::to_json_pretty(self)
    }
}

/// What a probe remembers of its previous snapshot to compute rates.
#[derive(Debug, Default)]
pub(crate) struct Sample {
    pub monotonic_ns: u64,
    /// (pid, start_time) → utime + stime, in ticks.
    pub process_cpu: HashMap<(i32, u64), u64>,
    /// Summed and per-CPU times (index = CPU id).
    pub cpu_total: Option<CpuTimes>,
    pub cpus: Vec<Option<CpuTimes>>,
    /// Facts the system collector read this snapshot (`None`: not attempted), reused by the
    /// process collector so `/proc/stat` and `/proc/meminfo` are read once, and a failure
    /// is reported once, by the domain that read them.
    pub boot_time: Option<Field<u64>>,
    pub mem_total: Option<Field<u64>>,
}

/// Collects snapshots, and keeps the previous one's counters for rates.
///
/// Not to be used by two threads at once (it needs `&mut`); a [`Snapshot`] is plain data
/// and may be shared freely.
#[derive(Debug)]
pub struct Probe {
    options: Options,
    prev: Option<Sample>,
    scratch: imp::Scratch,
}

impl Default for Probe {
    fn default() -> Self {
        Probe::new(Options::default())
    }
}

impl Probe {
    pub fn new(options: Options) -> Probe {
        Probe { options, prev: None, scratch: imp::Scratch::default() }
    }

    pub fn options(&self) -> &Options {
        &self.options
    }

    /// Collects every enabled domain. Never fails as a whole: each domain reports its own
    /// status in [`Snapshot::domains`].
    pub fn snapshot(&mut self) -> Snapshot {
        let src = self.options.source.clone();
        let start = src.now();
        let mut next = Sample { monotonic_ns: start.monotonic_ns, ..Sample::default() };
        let prev = self.prev.as_ref();
        let mut statuses = Vec::new();

        let domains = self.options.domains;
        let system =
            run(&src, DomainName::System, domains, &mut statuses, |w| imp::system::collect(&src, prev, &mut next, w));
        let process_opts = &self.options.process;
        let scratch = &mut self.scratch;
        let mut processes = run(&src, DomainName::Process, domains, &mut statuses, |w| {
            imp::process::collect(&src, process_opts, prev, &mut next, scratch, w)
        });
        // When the process domain read every process's descriptors, its sockets give the
        // owners and the network domain does not walk /proc again.
        let all_fds = process_opts.fds && process_opts.pids.is_none();
        let read_fds = processes.value().filter(|_| all_fds).map(Vec::as_slice);
        let network_opts = &self.options.network;
        let network = run(&src, DomainName::Network, domains, &mut statuses, |w| {
            imp::network::collect(&src, network_opts, read_fds, w)
        });
        if let (Field::Value(net), Field::Value(procs)) = (&network, &mut processes)
            && process_opts.fds
        {
            crate::network::join_open_sockets(net, procs);
        }
        for d in [DomainName::Gpu, DomainName::Power, DomainName::Storage, DomainName::Ebpf] {
            let reason = if domains.contains(d) { Reason::NotSupported } else { Reason::Disabled };
            statuses.push(status(d, DomainState::Skipped, Some(reason), None, Warnings::default(), 0));
        }

        self.prev = Some(next);
        let end = src.now();
        Snapshot {
            timestamp_unix_ns: start.unix_ns,
            timestamp_monotonic_ns: start.monotonic_ns,
            duration_ns: end.monotonic_ns.saturating_sub(start.monotonic_ns),
            libprobe_version: crate::VERSION.to_owned(),
            domains: statuses,
            system,
            processes,
            network,
        }
    }
}

/// Runs one domain's collector if enabled, records its status, and returns its data.
fn run<T>(
    src: &Source,
    name: DomainName,
    enabled: Domains,
    statuses: &mut Vec<DomainStatus>,
    collect: impl FnOnce(&mut Warnings) -> Domain<T>,
) -> Field<T> {
    if !enabled.contains(name) {
        statuses.push(status(name, DomainState::Skipped, Some(Reason::Disabled), None, Warnings::default(), 0));
        return Field::Missing(Reason::Disabled);
    }
    let t0 = src.now().monotonic_ns;
    let mut warnings = Warnings::default();
    let result = collect(&mut warnings);
    let took = src.now().monotonic_ns.saturating_sub(t0);
    match result {
        Domain::Collected(v) => {
            statuses.push(status(name, DomainState::Collected, None, None, warnings, took));
            Field::Value(v)
        }
        Domain::Skipped(r) => {
            statuses.push(status(name, DomainState::Skipped, Some(r), None, warnings, took));
            Field::Missing(r)
        }
        Domain::Failed(e) => {
            statuses.push(status(name, DomainState::Failed, Some(e.reason()), Some(e.to_string()), warnings, took));
            Field::Missing(e.reason())
        }
    }
}

fn status(
    domain: DomainName,
    state: DomainState,
    reason: Option<Reason>,
    error: Option<String>,
    warnings: Warnings,
    duration_ns: u64,
) -> DomainStatus {
    let (warnings, warnings_dropped) = warnings.into_parts();
    DomainStatus { domain, state, reason, error, warnings, warnings_dropped, duration_ns }
}
