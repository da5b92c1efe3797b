//! The data model every domain shares: values that may be unavailable ([`Field`]) and
//! why ([`Reason`]), and the outcome of collecting a whole domain ([`Domain`],
//! [`DomainStatus`]).
//!
//! Missing is data: a field libprobe could not read is [`Field::Missing`] with a reason,
//! never a zero that looks like a measurement.

use libprobe_derive::{Record, RecordEnum};

use crate::error::Error;
pub use crate::registry::DomainName;

/// Why a field or a domain holds no value.
///
/// The codes are stable (the C ABI exposes them) and never renumbered.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, RecordEnum)]
#[repr(u8)]
pub enum Reason {
    /// The kernel refused the read (EACCES/EPERM): another user's process, a root-only
    /// file, a missing capability.
    PermissionDenied = 1,
    /// The process exited while it was being read.
    Gone = 2,
    /// Not available here: this kernel (version or configuration) does not provide it, or
    /// this platform or build of libprobe does not collect it.
    NotSupported = 3,
    /// This machine has no such thing (no battery, no GPU, no swap device).
    NotPresent = 4,
    /// Not collected because the options did not ask for it.
    Disabled = 5,
    /// The kernel supports it but it is switched off (a sysctl or boot flag).
    NotEnabled = 6,
    /// The process is a zombie: it has no memory, files or executable any more.
    Zombie = 7,
    /// Kernel threads have no executable, command line or user memory.
    KernelThread = 8,
    /// A rate needs a previous sample from the same [`crate::Probe`]; this was the first.
    NoPreviousSample = 9,
    /// The source was larger than the configured read limit.
    TooLarge = 10,
    /// The source did not answer within its time limit.
    TimedOut = 11,
    /// The read or its parse failed unexpectedly; the domain's warnings say how.
    Error = 12,
    /// The device is in a low-power state (a disk spun down to standby) and reading would
    /// wake it, so it was left alone.
    Standby = 13,
}

impl Reason {
    /// The snake_case name used in JSON and every binding (`permission_denied`).
    pub fn name(self) -> &'static str {
        crate::schema::EnumType::enum_value(&self).name
    }

    /// The stable integer code.
    pub fn code(self) -> u8 {
        self as u8
    }
}

impl std::fmt::Display for Reason {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.name().replace('_', " "))
    }
}

/// A value, or the reason it could not be read.
///
/// In JSON a missing field is `null` and its reason appears in the record's
/// `unavailable` object; in Python it is `None`, in JS `null`, in C a presence bit.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Field<T> {
    Value(T),
    Missing(Reason),
}

impl<T> Field<T> {
    /// The value, if there is one.
    pub fn value(&self) -> Option<&T> {
        match self {
            Field::Value(v) => Some(v),
            Field::Missing(_) => None,
        }
    }

    /// The value, if there is one, by value.
    pub fn ok(self) -> Option<T> {
        match self {
            Field::Value(v) => Some(v),
            Field::Missing(_) => None,
        }
    }

    /// Why there is no value, or `None` when there is one.
    pub fn reason(&self) -> Option<Reason> {
        match self {
            Field::Value(_) => None,
            Field::Missing(r) => Some(*r),
        }
    }

    pub fn is_value(&self) -> bool {
        matches!(self, Field::Value(_))
    }

    pub fn as_ref(&self) -> Field<&T> {
        match self {
            Field::Value(v) => Field::Value(v),
            Field::Missing(r) => Field::Missing(*r),
        }
    }

    pub fn map<U>(self, f: impl FnOnce(T) -> U) -> Field<U> {
        match self {
            Field::Value(v) => Field::Value(f(v)),
            Field::Missing(r) => Field::Missing(r),
        }
    }

    /// Chains a computation that may itself be missing.
    pub fn and_then<U>(self, f: impl FnOnce(T) -> Field<U>) -> Field<U> {
        match self {
            Field::Value(v) => f(v),
            Field::Missing(r) => Field::Missing(r),
        }
    }
}

impl<T: Copy> Field<T> {
    /// The value copied out, if there is one.
    pub fn get(&self) -> Option<T> {
        self.value().copied()
    }
}

impl<T> From<Result<T, Reason>> for Field<T> {
    fn from(r: Result<T, Reason>) -> Self {
        match r {
            Ok(v) => Field::Value(v),
            Err(reason) => Field::Missing(reason),
        }
    }
}

/// The outcome of collecting one domain, as collectors return it.
#[derive(Debug, Clone)]
pub enum Domain<T> {
    /// Collected; individual fields may still be missing with their own reasons.
    Collected(T),
    /// Not attempted: disabled by options, not present on this machine, not supported here.
    Skipped(Reason),
    /// Attempted and failed as a whole (the other domains are unaffected).
    Failed(Error),
}

impl<T> From<Result<T, Error>> for Domain<T> {
    fn from(r: Result<T, Error>) -> Self {
        match r {
            Ok(v) => Domain::Collected(v),
            Err(e) => Domain::Failed(e),
        }
    }
}

/// Whether a domain was collected.
#[derive(Debug, Clone, Copy, PartialEq, Eq, RecordEnum)]
#[repr(u8)]
pub enum DomainState {
    Collected = 1,
    Skipped = 2,
    Failed = 3,
}

/// How the collection of one domain went.
#[derive(Debug, Clone, PartialEq, Record)]
pub struct DomainStatus {
    pub domain: DomainName,
    pub state: DomainState,
    /// Why the domain was skipped or failed; `null` when collected.
    pub reason: Option<Reason>,
    /// The error that failed the domain, with the path it concerns.
    pub error: Option<String>,
    /// Problems that did not fail the domain: a file that failed to parse for one process,
    /// a source that was unexpectedly unreadable. Bounded; see `warnings_dropped`.
    pub warnings: Vec<String>,
    /// Warnings beyond the bound that were counted but not kept.
    pub warnings_dropped: u32,
    /// Time spent collecting this domain.
    #[record(unit = "ns")]
    pub duration_ns: u64,
}

/// Collects warnings for one domain, keeping the first few.
#[derive(Debug, Default)]
pub(crate) struct Warnings {
    kept: Vec<String>,
    dropped: u32,
}

impl Warnings {
    const MAX: usize = 32;

    pub(crate) fn push(&mut self, w: impl std::fmt::Display) {
        if self.kept.len() < Self::MAX {
            self.kept.push(w.to_string());
        } else {
            self.dropped = self.dropped.saturating_add(1);
        }
    }

    /// Adds another collector thread's warnings, keeping the bound.
    pub(crate) fn merge(&mut self, other: Warnings) {
        self.dropped = self.dropped.saturating_add(other.dropped);
        for w in other.kept {
            self.push(w);
        }
    }

    /// Adds copies of another thread's warnings, keeping the bound (the other thread
    /// frees its own).
    pub(crate) fn merge_from(&mut self, other: &Warnings) {
        self.dropped = self.dropped.saturating_add(other.dropped);
        for w in &other.kept {
            self.push(w);
        }
    }

    pub(crate) fn into_parts(self) -> (Vec<String>, u32) {
        (self.kept, self.dropped)
    }
}
