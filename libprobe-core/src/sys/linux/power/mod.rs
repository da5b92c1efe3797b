//! The power collector: not written yet; the domain reports `skipped` (`not_supported`).

use crate::domain::Cx;
use crate::model::{Domain, Reason};
use crate::power::{PowerMetrics, PowerOptions};

/// What the power domain keeps between snapshots.
#[derive(Debug, Default)]
pub(crate) struct State;

pub(crate) fn collect(_: &mut Cx<'_>, _: &PowerOptions, _: &mut State) -> Domain<PowerMetrics> {
    Domain::Skipped(Reason::NotSupported)
}
