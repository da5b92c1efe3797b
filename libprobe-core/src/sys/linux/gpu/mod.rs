//! The gpu collector: not written yet; the domain reports `skipped` (`not_supported`).

use crate::domain::Cx;
use crate::gpu::{GpuMetrics, GpuOptions};
use crate::model::{Domain, Reason};

/// What the gpu domain keeps between snapshots.
#[derive(Debug, Default)]
pub(crate) struct State;

pub(crate) fn collect(_: &mut Cx<'_>, _: &GpuOptions, _: &mut State) -> Domain<Vec<GpuMetrics>> {
    Domain::Skipped(Reason::NotSupported)
}
