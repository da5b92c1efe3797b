//! Facts several domains need: boot time, `MemTotal`, the kernel release. Read through
//! [`crate::domain::Cx`], once per snapshot, by whichever domain asks first.

use crate::error::{Error, ParseError};
use crate::source::Source;

use super::procfs::{meminfo, stat};

/// Boot time (Unix seconds), from the `btime` line of `/proc/stat`.
pub(crate) fn boot_time(src: &Source) -> Result<u64, Error> {
    stat::read(src).map(|s| s.boot_time)
}

/// `MemTotal` of `/proc/meminfo`, in bytes.
pub(crate) fn mem_total(src: &Source) -> Result<u64, Error> {
    let map = meminfo::read(src)?;
    map.get("MemTotal").copied().ok_or_else(|| ParseError::missing("MemTotal").in_file(src.proc_path("meminfo")))
}

/// The observed kernel's release (`/proc/sys/kernel/osrelease`) as `(major, minor)`.
pub(crate) fn kernel_release(src: &Source) -> Option<(u64, u64)> {
    let release = src.read_proc("sys/kernel/osrelease").ok()?;
    let mut parts = release.split(|b| !b.is_ascii_digit()).filter(|p| !p.is_empty()).map(crate::parse::u64_dec);
    Some((parts.next().flatten()?, parts.next().flatten()?))
}
