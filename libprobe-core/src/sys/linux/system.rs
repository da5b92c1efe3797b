//! The system collector (filled in below).

use crate::error::Error;
use crate::model::{Domain, Reason, Warnings};
use crate::snapshot::Sample;
use crate::source::Source;
use crate::system::System;

pub(crate) fn collect(_src: &Source, _prev: Option<&Sample>, _next: &mut Sample, _w: &mut Warnings) -> Domain<System> {
    Domain::Skipped(Reason::NotSupported)
}

/// Boot time (Unix seconds), from the `btime` line of `/proc/stat`.
pub(crate) fn boot_time(src: &Source) -> Result<u64, Error> {
    let text = src.read_proc("stat")?;
    for line in crate::parse::lines(&text) {
        if let Some(v) = line.strip_prefix(b"btime ") {
            return crate::parse::u64_dec(crate::parse::trim(v))
                .ok_or_else(|| crate::error::ParseError::invalid("btime").in_file(src.proc_path("stat")));
        }
    }
    Err(crate::error::ParseError::missing("btime").in_file(src.proc_path("stat")))
}

/// `MemTotal` of `/proc/meminfo`, in bytes.
pub(crate) fn mem_total(src: &Source) -> Result<u64, Error> {
    let text = src.read_proc("meminfo")?;
    for line in crate::parse::lines(&text) {
        if let Some(v) = line.strip_prefix(b"MemTotal:") {
            let kb = crate::parse::Fields::new(v).u64("MemTotal").map_err(|e| e.in_file(src.proc_path("meminfo")))?;
            return Ok(kb * 1024);
        }
    }
    Err(crate::error::ParseError::missing("MemTotal").in_file(src.proc_path("meminfo")))
}
