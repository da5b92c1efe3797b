//! The storage domain: SMART health, Btrfs, LVM and ZFS (specification section 5).
//!
//! Registered, and reported as `skipped` (`not_supported`) until its collector is written.

use libprobe_derive::{OptionSet, Record};

use crate::domain::{Collector, Cx};
use crate::model::Domain;

/// Disk health and volume managers.
#[derive(Debug, Clone, PartialEq, Record)]
pub struct Storage {
    /// The number of devices examined.
    pub device_count: u32,
}

/// What the storage domain collects.
#[derive(Debug, Clone, Default, PartialEq, Eq, OptionSet)]
pub struct StorageOptions {}

/// The storage domain in the registry.
#[derive(Debug)]
pub(crate) struct StorageDomain;

impl Collector for StorageDomain {
    type Options = StorageOptions;
    type Output = Storage;
    type State = crate::sys::imp::storage::State;

    fn collect(cx: &mut Cx<'_>, options: &StorageOptions, state: &mut Self::State) -> Domain<Storage> {
        crate::sys::imp::storage::collect(cx, options, state)
    }
}
