//! The storage collector: not written yet; the domain reports `skipped` (`not_supported`).

use crate::domain::Cx;
use crate::model::{Domain, Reason};
use crate::storage::{Storage, StorageOptions};

/// What the storage domain keeps between snapshots.
#[derive(Debug, Default)]
pub(crate) struct State;

pub(crate) fn collect(_: &mut Cx<'_>, _: &StorageOptions, _: &mut State) -> Domain<Storage> {
    Domain::Skipped(Reason::NotSupported)
}
