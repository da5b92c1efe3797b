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
//! 11, 15 or 17 columns depending on the kernel, absent ones are `not_supported`. Each
//! counter is read alone: a counter missing from a line that has later columns, or one
//! that is not a u64, is that counter's problem, and the device keeps the rest. 2.6.24
//! and older printed only four fields for partitions; their other counters are missing.
//!
//! Sectors are 512 bytes whatever the device's sector size. The time fields are printed
//! as 32-bit milliseconds and wrap after about 49.7 days of accumulated time; `I/Os in
//! progress` is a gauge. Counts are `unsigned long`, 32-bit on 32-bit kernels.

use crate::error::{Error, ParseError};
#[cfg(test)]
use crate::model::Field;
use crate::model::Reason;
use crate::parse::{Fields, Problems, Val, lines, times, trim};
use crate::source::Source;
use crate::system::DiskStats;
use crate::text::ByteStr;

/// Bytes per diskstats sector.
const SECTOR_BYTES: u64 = 512;

/// Every device line, and the problems of the file.
#[derive(Debug, Clone, Default, PartialEq)]
pub(crate) struct Disks {
    pub disks: Vec<DiskStats>,
    pub problems: Problems,
}

pub(crate) fn read(src: &Source) -> Result<Disks, Error> {
    Ok(parse(&src.read_proc("diskstats")?))
}

pub(crate) fn parse(text: &[u8]) -> Disks {
    let mut out = Disks::default();
    for (i, line) in lines(text).enumerate().filter(|(_, l)| !trim(l).is_empty()) {
        let mut p = Problems::default();
        match row(line, &mut p) {
            Ok(d) => out.disks.push(d),
            Err(e) => p.push(e),
        }
        for e in p.iter() {
            out.problems.push(e.clone().at_line(i + 1));
        }
    }
    out
}

const COUNTERS: [&str; 11] = [
    "reads_completed",
    "reads_merged",
    "sectors_read",
    "read_time_ms",
    "writes_completed",
    "writes_merged",
    "sectors_written",
    "write_time_ms",
    "io_in_progress",
    "io_time_ms",
    "weighted_io_time_ms",
];
const DISCARD: [&str; 4] = ["discards_completed", "discards_merged", "sectors_discarded", "discard_time_ms"];
const FLUSH: [&str; 2] = ["flushes_completed", "flush_time_ms"];

/// One line; `Err` only when it names no device (its number or name does not parse).
fn row(line: &[u8], p: &mut Problems) -> Result<DiskStats, ParseError> {
    let mut f = Fields::new(line);
    let major = f.u32("major")?;
    let minor = f.u32("minor")?;
    let name = ByteStr::from(f.next("name")?);
    let toks: Vec<&[u8]> = std::iter::from_fn(|| f.token()).collect();
    // The groups a line prints: its length says which (a group is printed whole; a
    // shorter line is missing the tail of its last group).
    let printed = if toks.len() > 15 {
        17
    } else if toks.len() > 11 {
        15
    } else {
        11
    };
    let mut value = |i: usize, name: &'static str| -> Val<u64> {
        if i >= printed {
            return Val::Absent;
        }
        match toks.get(i) {
            Some(t) => p.take(crate::parse::u64_dec(t).ok_or_else(|| ParseError::bad(name, t))),
            None => p.take(Err(ParseError::missing(name))),
        }
    };
    let c: Vec<Val<u64>> = COUNTERS.iter().enumerate().map(|(i, n)| value(i, n)).collect();
    let d: Vec<Val<u64>> = DISCARD.iter().enumerate().map(|(i, n)| value(11 + i, n)).collect();
    let fl: Vec<Val<u64>> = FLUSH.iter().enumerate().map(|(i, n)| value(15 + i, n)).collect();
    let e = |v: Val<u64>| v.field(Reason::Error);
    let ns = |v: Val<u64>| v.field(Reason::NotSupported);
    let mut bytes = |sectors: Val<u64>, name| match sectors {
        Val::Ok(s) => p.take(times(s, SECTOR_BYTES, name)).field(Reason::Error),
        other => other.field(Reason::Error),
    };
    Ok(DiskStats {
        name,
        major,
        minor,
        reads_completed: e(c[0]),
        reads_merged: e(c[1]),
        sectors_read: e(c[2]),
        read_bytes: bytes(c[2], "read_bytes"),
        read_time_ms: e(c[3]),
        writes_completed: e(c[4]),
        writes_merged: e(c[5]),
        sectors_written: e(c[6]),
        write_bytes: bytes(c[6], "write_bytes"),
        write_time_ms: e(c[7]),
        io_in_progress: e(c[8]),
        io_time_ms: e(c[9]),
        weighted_io_time_ms: e(c[10]),
        discards_completed: ns(d[0]),
        discards_merged: ns(d[1]),
        sectors_discarded: ns(d[2]),
        discard_time_ms: ns(d[3]),
        flushes_completed: ns(fl[0]),
        flush_time_ms: ns(fl[1]),
    })
}

/// A counter's value, for the tests.
#[cfg(test)]
fn v(f: Field<u64>) -> u64 {
    f.get().expect("a value")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::parse::corrupt;

    const SAMPLE: &[u8] = b"   7       0 loop0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0
 254       0 vda 38347 7146 6055050 25982 7024 15543 2190864 8414 0 7536 34930 4606 4 320192 511 274 21
 253       0 zram0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0
";

    #[test]
    fn parses_a_5_5_kernel() {
        let Disks { disks: d, problems } = parse(SAMPLE);
        assert!(problems.is_empty());
        assert_eq!(d.len(), 3);
        let vda = d[1].clone();
        assert_eq!((vda.name.as_bytes(), vda.major, vda.minor), (&b"vda"[..], 254, 0));
        assert_eq!((v(vda.reads_completed), v(vda.reads_merged), v(vda.sectors_read)), (38347, 7146, 6055050));
        assert_eq!((v(vda.read_bytes), v(vda.write_bytes)), (6055050 * 512, 2190864 * 512));
        assert_eq!((v(vda.read_time_ms), v(vda.write_time_ms), v(vda.io_in_progress)), (25982, 8414, 0));
        assert_eq!((v(vda.io_time_ms), v(vda.weighted_io_time_ms)), (7536, 34930));
        assert_eq!(vda.discards_completed, Field::Value(4606));
        assert_eq!(vda.sectors_discarded, Field::Value(320192));
        assert_eq!(vda.discard_time_ms, Field::Value(511));
        assert_eq!((vda.flushes_completed, vda.flush_time_ms), (Field::Value(274), Field::Value(21)));
    }

    #[test]
    fn older_kernels_lack_discard_and_flush() {
        let d =
            parse(b"   8       0 sda 1 2 3 4 5 6 7 8 9 10 11\n   8       1 sda1 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15\n")
                .disks;
        assert_eq!(d[0].discards_completed, Field::Missing(Reason::NotSupported));
        assert_eq!(d[0].flush_time_ms, Field::Missing(Reason::NotSupported));
        assert_eq!((v(d[0].weighted_io_time_ms), d[1].discard_time_ms), (11, Field::Value(15)));
        assert_eq!(d[1].flushes_completed, Field::Missing(Reason::NotSupported));
    }

    #[test]
    fn short_partial_or_garbled_rows_cost_only_their_counters() {
        let first = |t: &[u8]| {
            let d = parse(t);
            let e = d.problems.iter().next().cloned().unwrap();
            (d.disks, e)
        };
        // The four-field partition line of 2.6.24: the device, without the missing counters.
        let (d, e) = first(b"   8       0 sda 1 2 3 4 5 6 7 8 9 10 11\n   8       1 sda1 1 2 3 4\n");
        assert_eq!((e.field(), e.line()), (Some("writes_completed"), Some(2)));
        assert_eq!((d[1].reads_completed, d[1].writes_completed), (Field::Value(1), Field::Missing(Reason::Error)));
        assert_eq!(first(b"8 0 sda 1 2 3 4 5 6 7 8 9 10 11 12 13\n").1.field(), Some("sectors_discarded"));
        assert_eq!(first(b"8 0 sda 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16\n").1.field(), Some("flush_time_ms"));
        let (d, e) = first(b"x 0 sda\n8 1 sdb 1 2 3 4 5 6 7 8 9 10 11\n");
        assert_eq!((e.field(), d.len()), (Some("major"), 1));
        assert_eq!(first(b"8 0\n").1.field(), Some("name"));
        assert!(parse(b"").disks.is_empty());
        // Sectors whose bytes do not fit a u64.
        let (d, e) = first(b"8 0 sda 1 2 36028797018963968 4 5 6 7 8 9 10 11\n");
        assert_eq!(
            (d[0].sectors_read.is_value(), d[0].read_bytes, e.field()),
            (true, Field::Missing(Reason::Error), Some("read_bytes"))
        );
    }

    #[test]
    fn one_field_corruption() {
        let names: Vec<&str> = COUNTERS.iter().chain(&DISCARD).chain(&FLUSH).copied().collect();
        let mut t = String::from(" 254       0 vda");
        for (i, n) in names.iter().enumerate() {
            t += &format!(" {{{{{n}={}}}}}", 1000 + i);
        }
        t += "\n";
        corrupt::check(&t, |b| {
            let d = parse(b);
            let disk = &d.disks[0];
            let all = [
                disk.reads_completed,
                disk.reads_merged,
                disk.sectors_read,
                disk.read_time_ms,
                disk.writes_completed,
                disk.writes_merged,
                disk.sectors_written,
                disk.write_time_ms,
                disk.io_in_progress,
                disk.io_time_ms,
                disk.weighted_io_time_ms,
                disk.discards_completed,
                disk.discards_merged,
                disk.sectors_discarded,
                disk.discard_time_ms,
                disk.flushes_completed,
                disk.flush_time_ms,
            ];
            let l = names.iter().zip(all).map(|(n, v)| (n.to_string(), format!("{v:?}"))).collect();
            (l, d.problems.iter().map(ToString::to_string).collect())
        });
    }
}
