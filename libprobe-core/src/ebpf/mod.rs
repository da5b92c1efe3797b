//! The eBPF domain: kernel events traced with BPF programs (specification section 6).
//!
//! Registered, and reported as `skipped` (`not_supported`) until its collector is written.

use libprobe_derive::{OptionSet, Record};

use crate::domain::{Collector, Cx};
use crate::model::Domain;

/// What the tracers saw.
#[derive(Debug, Clone, PartialEq, Record)]
pub struct EbpfMetrics {
    /// Nanoseconds the tracers have been attached.
    #[record(unit = "ns")]
    pub attached_ns: u64,
}

/// What the ebpf domain collects.
#[derive(Debug, Clone, Default, PartialEq, Eq, OptionSet)]
pub struct EbpfOptions {}

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
