//! The GPU domain: every GPU of every vendor, and the processes using one (specification section 3).
//!
//! Registered, and reported as `skipped` (`not_supported`) until its collector is written.

use libprobe_derive::{OptionSet, Record};

use crate::domain::{Collector, Cx};
use crate::model::Domain;

/// One GPU.
#[derive(Debug, Clone, PartialEq, Record)]
pub struct GpuMetrics {
    /// The GPU's index among this machine's GPUs.
    pub index: u32,
}

/// What the gpu domain collects.
#[derive(Debug, Clone, Default, PartialEq, Eq, OptionSet)]
pub struct GpuOptions {}

/// The gpu domain in the registry.
#[derive(Debug)]
pub(crate) struct GpuDomain;

impl Collector for GpuDomain {
    type Options = GpuOptions;
    type Output = Vec<GpuMetrics>;
    type State = crate::sys::imp::gpu::State;

    fn collect(cx: &mut Cx<'_>, options: &GpuOptions, state: &mut Self::State) -> Domain<Vec<GpuMetrics>> {
        crate::sys::imp::gpu::collect(cx, options, state)
    }
}
