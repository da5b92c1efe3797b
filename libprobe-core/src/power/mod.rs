//! The power domain: RAPL energy and limits, batteries, AC and hardware sensors (specification section 4).
//!
//! Registered, and reported as `skipped` (`not_supported`) until its collector is written.

use libprobe_derive::{OptionSet, Record};

use crate::domain::{Collector, Cx};
use crate::model::Domain;

/// Energy counters, power supplies and sensors.
#[derive(Debug, Clone, PartialEq, Record)]
pub struct PowerMetrics {
    /// Whether this machine exposes RAPL energy counters (`/sys/class/powercap`).
    pub rapl_available: bool,
}

/// What the power domain collects.
#[derive(Debug, Clone, Default, PartialEq, Eq, OptionSet)]
pub struct PowerOptions {}

/// The power domain in the registry.
#[derive(Debug)]
pub(crate) struct PowerDomain;

impl Collector for PowerDomain {
    type Options = PowerOptions;
    type Output = PowerMetrics;
    type State = crate::sys::imp::power::State;

    fn collect(cx: &mut Cx<'_>, options: &PowerOptions, state: &mut Self::State) -> Domain<PowerMetrics> {
        crate::sys::imp::power::collect(cx, options, state)
    }
}
