//! Facts several domains need: boot time, `MemTotal`, the kernel release. Read through
//! [`crate::domain::Cx`], once per snapshot, by whichever domain asks first.

use crate::error::{Error, ParseError};
use crate::parse::{Problems, Val};
use crate::source::Source;

use super::procfs::{meminfo, stat};

/// Boot time (Unix seconds), from the `btime` line of `/proc/stat`.
pub(crate) fn boot_time(src: &Source) -> Result<u64, Error> {
    let s = stat::read(src)?;
    value(src, "stat", "btime", s.boot_time, &s.problems)
}

/// `MemTotal` of `/proc/meminfo`, in bytes.
pub(crate) fn mem_total(src: &Source) -> Result<u64, Error> {
    let c = meminfo::read(src)?;
    value(src, "meminfo", "MemTotal", c.get("MemTotal"), &c.problems)
}

/// One value of a file as a fact: its problem (or its absence) as the error.
fn value(src: &Source, rel: &str, name: &'static str, v: Val<u64>, problems: &Problems) -> Result<u64, Error> {
    let path = src.proc_path(rel);
    match v {
        Val::Ok(v) => Ok(v),
        Val::Bad => {
            let e =
                problems.iter().find(|e| e.field() == Some(name)).cloned().unwrap_or_else(|| ParseError::invalid(name));
            Err(e.in_file(path))
        }
        Val::Absent => Err(ParseError::missing(name).in_file(path)),
    }
}

/// The observed kernel's release (`/proc/sys/kernel/osrelease`) as `(major, minor)`.
pub(crate) fn kernel_release(src: &Source) -> Option<(u64, u64)> {
    let release = src.read_proc("sys/kernel/osrelease").ok()?;
    let mut parts = release.split(|b| !b.is_ascii_digit()).filter(|p| !p.is_empty()).map(crate::parse::u64_dec);
    Some((parts.next().flatten()?, parts.next().flatten()?))
}
