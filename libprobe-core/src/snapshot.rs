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

use crate::model::{DomainName, DomainStatus};
use crate::network::Network;
use crate::process::ProcessFull;
pub use crate::registry::{Domains, Options, Snapshot};
use crate::registry::{States, collect_all};

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

/// Collects snapshots, and keeps each domain's state (the previous snapshot's counters for
/// rates) from one to the next.
///
/// Not to be used by two threads at once (it needs `&mut`); a [`Snapshot`] is plain data
/// and may be shared freely.
#[derive(Debug)]
pub struct Probe {
    options: Options,
    states: States,
}

impl Default for Probe {
    fn default() -> Self {
        Probe::new(Options::default())
    }
}

impl Probe {
    pub fn new(options: Options) -> Probe {
        Probe { options, states: States::default() }
    }

    pub fn options(&self) -> &Options {
        &self.options
    }

    /// Collects every enabled domain, in registry order. Never fails as a whole: each
    /// domain reports its own status in [`Snapshot::domains`].
    pub fn snapshot(&mut self) -> Snapshot {
        let src = &self.options.source;
        src.begin_snapshot();
        let start = src.now();
        let mut snap = Snapshot::started(start);
        collect_all(&self.options, &mut self.states, &mut snap);
        snap.duration_ns = src.now().monotonic_ns.saturating_sub(start.monotonic_ns);
        snap
    }
}
