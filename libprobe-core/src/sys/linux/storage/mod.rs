//! The storage collector: SMART ([`smart`]), ZFS ([`zfs`]), Btrfs ([`btrfs`]) and LVM
//! ([`lvm`]), each a [`Field`] of [`Storage`] that fails or is absent on its own.
//!
//! SMART runs first: the disks it finds spun down are not read for LVM labels either.

mod btrfs;
mod lvm;
mod smart;
mod zfs;

use std::path::Path;

use crate::domain::Cx;
use crate::error::{Error, ErrorKind};
use crate::model::{Domain, Field, Reason};
use crate::source::Source;
use crate::storage::{Storage, StorageOptions};
use crate::sys::imp::fs::Dir;

/// What the storage domain keeps between snapshots: each ZFS pool's byte counters, for
/// the bandwidths.
#[derive(Debug, Default)]
pub(crate) struct State {
    zfs: zfs::Previous,
}

pub(crate) fn collect(cx: &mut Cx<'_>, opts: &StorageOptions, state: &mut State) -> Domain<Storage> {
    macro_rules! disabled {
        () => {
            Field::Missing(Reason::Disabled)
        };
    }
    let (smart, asleep) = if opts.smart { smart::collect(cx, opts) } else { (disabled!(), Vec::new()) };
    let (zfs_pools, zfs_arc) = if opts.zfs { zfs::collect(cx, &mut state.zfs) } else { (disabled!(), disabled!()) };
    let btrfs = if opts.btrfs { btrfs::collect(cx) } else { disabled!() };
    let lvm = if opts.lvm { lvm::collect(cx, opts, &asleep) } else { disabled!() };
    let reasons = [smart.reason(), zfs_pools.reason(), zfs_arc.reason(), btrfs.reason(), lvm.reason()];
    if reasons.iter().all(|r| matches!(r, Some(Reason::NotPresent | Reason::Disabled))) {
        let all_off = reasons.iter().all(|r| *r == Some(Reason::Disabled));
        return Domain::Skipped(if all_off { Reason::Disabled } else { Reason::NotPresent });
    }
    Domain::Collected(Storage { smart, zfs_pools, zfs_arc, btrfs, lvm })
}

/// The entries of a directory (under a root of the source), sorted by name; names that
/// are not UTF-8 are skipped (no device, pool or filesystem has one).
fn list(path: &Path) -> Result<Vec<String>, Error> {
    let dir = Dir::open(path).map_err(|e| Error::io(path, &e))?;
    let mut names = Vec::new();
    dir.for_each_entry(c".", |n| {
        if let Ok(s) = std::str::from_utf8(n) {
            names.push(s.to_owned());
        }
    })
    .map_err(|e| Error::io(path, &e))?;
    names.sort_unstable_by(|a, b| natural(a).cmp(&natural(b)));
    Ok(names)
}

/// Sorts `sda`, `sdb`, …, `sdz`, `sdaa` and `nvme2`, `nvme10` as people expect.
fn natural(s: &str) -> (&[u8], usize, &str, u64, &str) {
    let digits = s.bytes().rev().take_while(u8::is_ascii_digit).count();
    let (head, tail) = s.split_at(s.len() - digits);
    let family = &s.as_bytes()[..s.len().min(2)];
    (family, head.len(), head, tail.parse().unwrap_or(0), s)
}

/// A sysfs attribute read raw; `Ok(None)` when the file does not exist.
fn sys_opt(src: &Source, rel: &str) -> Result<Option<Vec<u8>>, Error> {
    match src.read_sys(rel) {
        Ok(v) => Ok(Some(v)),
        Err(e) if e.kind() == ErrorKind::NotFound => Ok(None),
        Err(e) => Err(e),
    }
}

/// Parses an attribute with `parse`, making a parse failure an error naming the file.
fn sys_parse<T>(
    cx: &mut Cx<'_>,
    rel: &str,
    parse: impl FnOnce(&[u8]) -> Result<T, crate::error::ParseError>,
) -> Field<T> {
    let src = cx.src();
    let r = src.read_sys(rel).and_then(|b| parse(&b).map_err(|e| e.in_file(src.sys_path(rel))));
    cx.field(r)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn natural_order() {
        let mut v = vec!["sdaa", "sdb", "nvme10", "sda", "nvme2"];
        v.sort_by(|a, b| natural(a).cmp(&natural(b)));
        assert_eq!(v, ["nvme2", "nvme10", "sda", "sdb", "sdaa"]);
    }
}
