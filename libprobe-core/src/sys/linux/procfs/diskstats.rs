//! `/proc/diskstats`: I/O counters of every block device and partition.
//!
//! ```text
//!    7       0 loop0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0
//!  254       0 vda 38347 7146 6055050 25982 7024 15543 2190864 8414 0 7536 34930 4606 4 320192 511 274 21
//!  259       1 nvme0n1p1 1502 0 74310 310 2 0 2 0 0 344 310
//! ```
//!
//! (Documentation/admin-guide/iostats.rst.) After major, minor and name come 11 fields
//! (reads completed, merged, sectors, ms; writes the same four; I/Os in progress; ms
//! doing I/O; weighted ms), then 4 discard fields (4.18+) and 2 flush fields (5.5+):
//! 11, 15 or 17 columns depending on the kernel, absent ones are `not_supported`. A
//! group is printed whole, so a partial group is an error. 2.6.24 and older printed only
//! four fields for partitions; such lines are rejected.
//!
//! Sectors are 512 bytes whatever the device's sector size. The time fields are printed
//! as 32-bit milliseconds and wrap after about 49.7 days of accumulated time; `I/Os in
//! progress` is a gauge. Counts are `unsigned long`, 32-bit on 32-bit kernels.

use crate::error::{Error, ParseError};
use crate::model::{Field, Reason};
use crate::parse::{Fields, lines, trim};
use crate::source::Source;
use crate::system::DiskStats;
use crate::text::ByteStr;

/// Bytes per diskstats sector.
const SECTOR_BYTES: u64 = 512;

/// Every device line that parses, and an error (with its path) for each that does not:
/// one garbled line costs only its device.
pub(crate) fn read(src: &Source) -> Result<(Vec<DiskStats>, Vec<Error>), Error> {
    let text = src.read_proc("diskstats")?;
    let (mut disks, mut errors) = (Vec::new(), Vec::new());
    for r in rows(&text) {
        match r {
            Ok(d) => disks.push(d),
            Err(e) => errors.push(e.in_file(src.proc_path("diskstats"))),
        }
    }
    Ok((disks, errors))
}

/// Every line, all or nothing (the tests' and the fuzzer's view of the parser).
#[cfg(any(test, feature = "fuzzing"))]
pub(crate) fn parse(text: &[u8]) -> Result<Vec<DiskStats>, ParseError> {
    rows(text).collect()
}

fn rows(text: &[u8]) -> impl Iterator<Item = Result<DiskStats, ParseError>> {
    lines(text).enumerate().filter(|(_, l)| !trim(l).is_empty()).map(|(i, l)| row(l).map_err(|e| e.at_line(i + 1)))
}

fn row(line: &[u8]) -> Result<DiskStats, ParseError> {
    let mut f = Fields::new(line);
    let major = f.u32("major")?;
    let minor = f.u32("minor")?;
    let name = ByteStr::from(f.next("name")?);
    let reads_completed = f.u64("reads_completed")?;
    let reads_merged = f.u64("reads_merged")?;
    let sectors_read = f.u64("sectors_read")?;
    let read_time_ms = f.u64("read_time_ms")?;
    let writes_completed = f.u64("writes_completed")?;
    let writes_merged = f.u64("writes_merged")?;
    let sectors_written = f.u64("sectors_written")?;
    let write_time_ms = f.u64("write_time_ms")?;
    let io_in_progress = f.u64("io_in_progress")?;
    let io_time_ms = f.u64("io_time_ms")?;
    let weighted_io_time_ms = f.u64("weighted_io_time_ms")?;
    let discard = match f.opt_u64("discards_completed")? {
        None => None,
        Some(completed) => {
            Some([completed, f.u64("discards_merged")?, f.u64("sectors_discarded")?, f.u64("discard_time_ms")?])
        }
    };
    let flush = match f.opt_u64("flushes_completed")? {
        None => None,
        Some(completed) => Some([completed, f.u64("flush_time_ms")?]),
    };
    let d =
        |i: usize| discard.and_then(|g| g.get(i).copied()).map_or(Field::Missing(Reason::NotSupported), Field::Value);
    let fl =
        |i: usize| flush.and_then(|g| g.get(i).copied()).map_or(Field::Missing(Reason::NotSupported), Field::Value);
    Ok(DiskStats {
        name,
        major,
        minor,
        reads_completed,
        reads_merged,
        sectors_read,
        read_bytes: sectors_read.saturating_mul(SECTOR_BYTES),
        read_time_ms,
        writes_completed,
        writes_merged,
        sectors_written,
        write_bytes: sectors_written.saturating_mul(SECTOR_BYTES),
        write_time_ms,
        io_in_progress,
        io_time_ms,
        weighted_io_time_ms,
        discards_completed: d(0),
        discards_merged: d(1),
        sectors_discarded: d(2),
        discard_time_ms: d(3),
        flushes_completed: fl(0),
        flush_time_ms: fl(1),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    const SAMPLE: &[u8] = b"   7       0 loop0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0
 254       0 vda 38347 7146 6055050 25982 7024 15543 2190864 8414 0 7536 34930 4606 4 320192 511 274 21
 253       0 zram0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0
";

    #[test]
    fn parses_a_5_5_kernel() {
        let d = parse(SAMPLE).unwrap();
        assert_eq!(d.len(), 3);
        let vda = &d[1];
        assert_eq!((vda.name.as_bytes(), vda.major, vda.minor), (&b"vda"[..], 254, 0));
        assert_eq!((vda.reads_completed, vda.reads_merged, vda.sectors_read), (38347, 7146, 6055050));
        assert_eq!((vda.read_bytes, vda.write_bytes), (6055050 * 512, 2190864 * 512));
        assert_eq!((vda.read_time_ms, vda.write_time_ms, vda.io_in_progress), (25982, 8414, 0));
        assert_eq!((vda.io_time_ms, vda.weighted_io_time_ms), (7536, 34930));
        assert_eq!(vda.discards_completed, Field::Value(4606));
        assert_eq!(vda.sectors_discarded, Field::Value(320192));
        assert_eq!(vda.discard_time_ms, Field::Value(511));
        assert_eq!((vda.flushes_completed, vda.flush_time_ms), (Field::Value(274), Field::Value(21)));
    }

    #[test]
    fn older_kernels_lack_discard_and_flush() {
        let d =
            parse(b"   8       0 sda 1 2 3 4 5 6 7 8 9 10 11\n   8       1 sda1 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15\n")
                .unwrap();
        assert_eq!(d[0].discards_completed, Field::Missing(Reason::NotSupported));
        assert_eq!(d[0].flush_time_ms, Field::Missing(Reason::NotSupported));
        assert_eq!((d[0].weighted_io_time_ms, d[1].discard_time_ms), (11, Field::Value(15)));
        assert_eq!(d[1].flushes_completed, Field::Missing(Reason::NotSupported));
    }

    #[test]
    fn short_partial_or_garbled_rows_are_errors() {
        // The four-field partition line of 2.6.24.
        let e = parse(b"   8       0 sda 1 2 3 4 5 6 7 8 9 10 11\n   8       1 sda1 1 2 3 4\n").unwrap_err();
        assert_eq!((e.field(), e.line()), (Some("writes_completed"), Some(2)));
        let e = parse(b"8 0 sda 1 2 3 4 5 6 7 8 9 10 11 12 13\n").unwrap_err();
        assert_eq!(e.field(), Some("sectors_discarded"));
        let e = parse(b"8 0 sda 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16\n").unwrap_err();
        assert_eq!(e.field(), Some("flush_time_ms"));
        assert_eq!(parse(b"x 0 sda\n").unwrap_err().field(), Some("major"));
        assert_eq!(parse(b"8 0\n").unwrap_err().field(), Some("name"));
        assert!(parse(b"").unwrap().is_empty());
    }
}
