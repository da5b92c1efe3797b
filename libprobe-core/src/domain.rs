//! What a domain is: a [`Collector`] run with a collection context ([`Cx`]).
//!
//! A domain is one unit: its name (in [`crate::registry`]), an options struct with a
//! schema (`#[derive(OptionSet)]`), its output record, a per-probe `State` kept across
//! snapshots (the previous counters for rates; a loaded library, attached programs), and one
//! `collect`. The registry runs the enabled domains in its order and gives each a [`Cx`]:
//! the [`Source`], the snapshot's clock, the facts several domains need (boot time, clock
//! ticks, page size, kernel release), this domain's warnings under one error→reason
//! policy, and read-only access to the domains collected before it in this snapshot.
//!
//! A join between two domains lives in the later one — it reads the earlier one through
//! [`Cx::earlier`] while collecting, and may fill the earlier one's join fields in
//! [`Collector::join`] — so the code depends in one direction only.

use std::sync::OnceLock;

use crate::error::{Error, ErrorKind};
use crate::model::{Domain, Field, Reason, Warnings};
use crate::options::OptionSet;
use crate::parse::Problems;
use crate::registry::{Options, Snapshot};
use crate::source::{Instant, Source};
use crate::sys::pool::Pool;

/// One domain of the registry.
pub(crate) trait Collector {
    /// The domain's options (`#[derive(OptionSet)]`).
    type Options: OptionSet + Default + Clone + std::fmt::Debug + PartialEq;
    /// What the domain adds to a [`Snapshot`].
    type Output;
    /// What the domain keeps from one snapshot of a probe to the next.
    type State: Default + std::fmt::Debug + Send;

    /// Collects the domain. Never fails the snapshot: a failure is [`Domain::Failed`], a
    /// domain with nothing to collect here [`Domain::Skipped`].
    fn collect(cx: &mut Cx<'_>, options: &Self::Options, state: &mut Self::State) -> Domain<Self::Output>;

    /// Fills the join fields of domains collected earlier from this one's output, after
    /// it was collected (the network domain fills each process's open sockets).
    fn join(_snapshot: &mut Snapshot) {}
}

/// Facts several domains need, read once per snapshot by whichever domain asks first.
#[derive(Debug, Default)]
pub(crate) struct Facts {
    boot_time: OnceLock<Field<u64>>,
    mem_total: OnceLock<Field<u64>>,
    kernel: OnceLock<Option<(u64, u64)>>,
}

/// The collection context of one domain in one snapshot.
#[derive(Debug)]
pub(crate) struct Cx<'a> {
    src: &'a Source,
    options: &'a Options,
    earlier: &'a Snapshot,
    facts: &'a Facts,
    pool: &'a Pool,
    warnings: Warnings,
}

#[allow(dead_code, reason = "the context's whole API: not every collector uses every method")]
impl<'a> Cx<'a> {
    pub(crate) fn new(
        src: &'a Source,
        options: &'a Options,
        earlier: &'a Snapshot,
        facts: &'a Facts,
        pool: &'a Pool,
    ) -> Cx<'a> {
        Cx { src, options, earlier, facts, pool, warnings: Warnings::default() }
    }

    /// The probe's worker threads, for work a collector splits over several threads (a
    /// thread per snapshot would make the caller's process grow; see [`Pool`]).
    pub(crate) fn pool(&self) -> &'a Pool {
        self.pool
    }

    /// Where this snapshot reads.
    pub(crate) fn src(&self) -> &'a Source {
        self.src
    }

    /// Every option of the probe (other domains' too: a join may depend on them).
    pub(crate) fn options(&self) -> &'a Options {
        self.options
    }

    /// When this snapshot started (every domain of it sees the same instant).
    pub(crate) fn now(&self) -> Instant {
        Instant { unix_ns: self.earlier.timestamp_unix_ns, monotonic_ns: self.earlier.timestamp_monotonic_ns }
    }

    /// The snapshot so far: the domains collected before this one (later ones are
    /// `disabled`).
    pub(crate) fn earlier(&self) -> &'a Snapshot {
        self.earlier
    }

    /// Adds a warning to this domain (bounded; see [`crate::DomainStatus::warnings`]).
    pub(crate) fn warn(&mut self, w: impl std::fmt::Display) {
        self.warnings.push(w);
    }

    /// This domain's warnings, for a collector that reads on several threads and merges.
    pub(crate) fn warnings(&mut self) -> &mut Warnings {
        &mut self.warnings
    }

    pub(crate) fn into_warnings(self) -> Warnings {
        self.warnings
    }

    /// The reason a failed read leaves its fields with (see [`Warnings::reason`]).
    pub(crate) fn reason(&mut self, e: Error) -> Reason {
        self.warnings.reason(e)
    }

    /// The value, or missing with the error's reason (see [`Warnings::reason`]).
    pub(crate) fn field<T>(&mut self, r: Result<T, Error>) -> Field<T> {
        self.warnings.field(r)
    }

    /// Boot time, Unix seconds (`btime` of `/proc/stat`).
    pub(crate) fn boot_time(&mut self) -> Field<u64> {
        let (src, w) = (self.src, &mut self.warnings);
        *self.facts.boot_time.get_or_init(|| w.field(crate::sys::imp::facts::boot_time(src)))
    }

    /// Usable RAM, bytes (`MemTotal` of `/proc/meminfo`).
    pub(crate) fn mem_total(&mut self) -> Field<u64> {
        let (src, w) = (self.src, &mut self.warnings);
        *self.facts.mem_total.get_or_init(|| w.field(crate::sys::imp::facts::mem_total(src)))
    }

    /// Records facts a domain read anyway (the system domain reads `/proc/stat` and
    /// `/proc/meminfo`), so no other domain reads them again in this snapshot.
    pub(crate) fn know(&self, boot_time: Option<Field<u64>>, mem_total: Option<Field<u64>>) {
        if let Some(b) = boot_time {
            let _ = self.facts.boot_time.set(b);
        }
        if let Some(m) = mem_total {
            let _ = self.facts.mem_total.set(m);
        }
    }

    /// Whether the observed kernel's release is at least `major.minor` (`false` when the
    /// release cannot be read).
    pub(crate) fn kernel_at_least(&self, major: u64, minor: u64) -> bool {
        let src = self.src;
        self.facts
            .kernel
            .get_or_init(|| crate::sys::imp::facts::kernel_release(src))
            .is_some_and(|v| v >= (major, minor))
    }
}

impl Warnings {
    /// The one error→reason policy of every domain: the reason a field left empty by `e`
    /// shows. Failures that describe the machine are data, with no warning:
    ///
    /// | error | reason |
    /// |---|---|
    /// | ENOENT: the file does not exist on this kernel or machine | `not_present` |
    /// | a process's file gone with its process (ESRCH; the process collector checks) | `gone` |
    /// | EACCES, EPERM | `permission_denied` |
    /// | EOPNOTSUPP, ENOSYS, ENOTTY, ENODATA: the kernel cannot give it | `not_supported` |
    /// | ENODEV, ENXIO | `not_present` |
    ///
    /// Every other failure — a value that does not parse or fit, EIO, a file over the read
    /// limit (`too_large`), a source past its deadline (`timed_out`), a FIFO or device
    /// where a file should be — is also a warning naming the file.
    pub(crate) fn reason(&mut self, e: Error) -> Reason {
        let r = e.reason();
        if !matches!(
            e.kind(),
            ErrorKind::NotFound
                | ErrorKind::Unsupported
                | ErrorKind::PermissionDenied
                | ErrorKind::NotPresent
                | ErrorKind::Gone
        ) {
            self.push(e);
        }
        r
    }

    /// The value, or missing with [`Warnings::reason`] of the error.
    pub(crate) fn field<T>(&mut self, r: Result<T, Error>) -> Field<T> {
        match r {
            Ok(v) => Field::Value(v),
            Err(e) => Field::Missing(self.reason(e)),
        }
    }

    /// The problems of one parsed file (the values left missing with reason `error`), as
    /// warnings naming the file and quoting each raw value.
    pub(crate) fn problems(&mut self, path: &std::path::Path, problems: &Problems) {
        for e in problems.iter() {
            self.push(e.clone().in_file(path));
        }
        if problems.dropped() > 0 {
            self.push(format!("{} more values did not parse in {}", problems.dropped(), path.display()));
        }
    }
}

/// A collection context for a collector's unit tests: one snapshot's worth of facts on
/// `src`, with no earlier domain.
#[cfg(test)]
#[derive(Debug)]
pub(crate) struct TestCx {
    options: Options,
    snap: Snapshot,
    facts: Facts,
    pool: Pool,
}

#[cfg(test)]
impl TestCx {
    pub(crate) fn new(src: Source) -> TestCx {
        let snap = Snapshot::started(src.now());
        TestCx {
            options: Options { source: src, ..Options::default() },
            snap,
            facts: Facts::default(),
            pool: Pool::default(),
        }
    }

    /// Starts the next snapshot: a fixture tree's `syscalls.txt` is read again (a test
    /// that moves the fixture's clock between snapshots).
    pub(crate) fn next_snapshot(&self) {
        self.options.source.begin_snapshot();
    }

    /// The probe's worker threads these contexts share.
    pub(crate) fn pool(&self) -> &Pool {
        &self.pool
    }

    /// A context; several share this one's facts, as the domains of one snapshot do.
    pub(crate) fn cx(&self) -> Cx<'_> {
        Cx::new(&self.options.source, &self.options, &self.snap, &self.facts, &self.pool)
    }
}
