//! The ebpf collector: not written yet; the domain reports `skipped` (`not_supported`).

use crate::domain::Cx;
use crate::ebpf::{EbpfMetrics, EbpfOptions};
use crate::model::{Domain, Reason};

/// What the ebpf domain keeps between snapshots.
#[derive(Debug, Default)]
pub(crate) struct State;

pub(crate) fn collect(_: &mut Cx<'_>, _: &EbpfOptions, _: &mut State) -> Domain<EbpfMetrics> {
    Domain::Skipped(Reason::NotSupported)
}
