//! The `opens` tracer (`bpf/opens.bpf.c`): every file open as an event, drained from a ring
//! buffer at each snapshot, at most `max_open_events` of them; the rest, and those the
//! kernel side could not record, are counted.

use std::sync::Arc;

use super::{ReadCx, Reader, Setup, Spec, TracerDef};
use crate::ebpf::{EbpfMetrics, EbpfOptions, FileOpen, TracerName};
use crate::error::Error;
use crate::model::{Field, Reason};
use crate::sys::imp::ebpf::decode::{Comm, layout::open_event as o, u32_at, u64_at};
use crate::sys::imp::ebpf::maps::Maps;
use crate::sys::imp::ebpf::syscall_table::SyscallTable;
use crate::text::ByteStr;

pub(crate) const DEF: TracerDef = TracerDef {
    name: TracerName::Opens,
    spec: Spec { object: include_bytes!("../bpf/opens.bpf.o"), optional: &[] },
    setup,
    reader,
};

/// The ring's size for `events` events: a power of two of at least 4 pages (each record
/// carries an 8-byte header).
pub(crate) fn ring_bytes(events: u32) -> u32 {
    let want = u64::from(events) * (o::SIZE as u64 + 8);
    want.next_power_of_two().clamp(1 << 14, 1 << 30) as u32
}

fn setup(opts: &EbpfOptions, _: &SyscallTable) -> Setup {
    Setup { max_entries: vec![("open_events", ring_bytes(opts.max_open_events))], ..Setup::default() }
}

fn reader(o: &EbpfOptions, _: &Arc<SyscallTable>) -> Box<dyn Reader> {
    Box::new(Opens { bound: o.max_open_events as usize, lost_before: 0 })
}

/// A `struct open_event`.
pub(crate) fn open_event(v: &[u8], ticks: u64) -> Option<FileOpen> {
    if v.len() < o::SIZE {
        return None;
    }
    let len = (u32_at(v, o::PATH_LEN)? as usize).min(o::PATH_BYTES - 1);
    Some(FileOpen {
        pid: u32_at(v, o::TGID)? as i32,
        start_time: super::start_ticks(u64_at(v, o::START)?, ticks),
        tid: u32_at(v, o::TID)? as i32,
        name: ByteStr::from_bytes(Comm::at(v, o::COMM)?.as_bytes()),
        path: ByteStr::from_bytes(v.get(o::PATH..o::PATH + len)?),
        path_truncated: u32_at(v, o::TRUNCATED)? != 0,
        flags: u32_at(v, o::FLAGS)?,
        monotonic_ns: u64_at(v, o::TS)?,
        result: u64_at(v, o::RET)? as i64,
    })
}

#[derive(Debug)]
struct Opens {
    /// Events kept per snapshot (option `max_open_events`).
    bound: usize,
    /// Events the kernel side could not record, since attach, at the previous read.
    lost_before: u64,
}

impl Reader for Opens {
    fn missing(&self, out: &mut EbpfMetrics, reason: Reason) {
        out.file_opens = Field::Missing(reason);
        out.file_opens_dropped = Field::Missing(reason);
    }

    fn read(&mut self, maps: &mut dyn Maps, rcx: &mut ReadCx<'_>, out: &mut EbpfMetrics) -> Result<(), Error> {
        let (bound, ticks) = (self.bound, rcx.ticks);
        let (mut events, mut over, mut short) = (Vec::new(), 0u64, false);
        maps.drain("open_events", &mut |v| {
            // Past the bound only counted: decoding would allocate the name and the path.
            if v.len() < o::SIZE {
                short = true;
            } else if events.len() >= bound {
                over += 1;
            } else {
                match open_event(v, ticks) {
                    Some(e) => events.push(e),
                    None => short = true,
                }
            }
        })?;
        if short {
            rcx.warnings.push("ebpf: opens: an event shorter than libprobe reads; skipped");
        }
        // Records from several CPUs: in the order the calls were entered.
        events.sort_by_key(|e| (e.monotonic_ns, e.tid));
        let lost = super::super::dropped(maps)?;
        out.file_opens = Field::Value(events);
        out.file_opens_dropped = Field::Value(over.saturating_add(lost.saturating_sub(self.lost_before)));
        self.lost_before = lost;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::super::testing::{MemMaps, comm, words};
    use super::*;
    use crate::model::Warnings;

    fn event(ts: u64, pid: u32, path: &[u8], ret: i64) -> Vec<u8> {
        let mut v = words(&[ts, 1_000_000_000, ret as u64]);
        v.extend_from_slice(&pid.to_ne_bytes());
        v.extend_from_slice(&(pid + 1).to_ne_bytes());
        v.extend_from_slice(&0o2_000_101u32.to_ne_bytes()); // O_CLOEXEC | O_CREAT | O_WRONLY
        v.extend_from_slice(&(path.len() as u32).to_ne_bytes());
        v.extend_from_slice(&[0; 8]);
        v.extend_from_slice(&words(&comm("app")));
        let mut p = [0u8; o::PATH_BYTES];
        p[..path.len()].copy_from_slice(path);
        v.extend_from_slice(&p);
        v
    }

    #[test]
    fn events_in_entry_order_bounded_with_a_count() {
        let opts = EbpfOptions { max_open_events: 2, ..EbpfOptions::default() };
        let mut r = reader(&opts, &Arc::new(SyscallTable::default()));
        let mut m = MemMaps::default();
        m.rings.insert(
            "open_events".into(),
            vec![event(20, 7, b"/etc/\xffx", 3), event(10, 7, b"rel", -2), event(30, 8, b"x", 4), vec![1; 9]],
        );
        m.maps.insert("dropped".into(), vec![(vec![1, 0, 0, 0], words(&[2, 3]))]);
        let src = crate::source::Source::rooted_at("/nonexistent");
        let mut w = Warnings::default();
        let mut rcx = ReadCx { window: 1, top: 10, ticks: 100, src: &src, warnings: &mut w };
        let mut out = EbpfMetrics::new(Reason::Disabled);
        r.read(&mut m, &mut rcx, &mut out).unwrap();
        let ev = out.file_opens.value().unwrap();
        assert_eq!(ev.len(), 2);
        assert_eq!((ev[0].path.as_bytes(), ev[0].result, ev[0].monotonic_ns), (&b"rel"[..], -2, 10));
        assert_eq!((ev[1].path.as_bytes(), ev[1].pid, ev[1].tid), (&b"/etc/\xffx"[..], 7, 8));
        assert_eq!((ev[1].flags, ev[1].start_time, ev[1].path_truncated), (0o2_000_101, 100, false));
        // One past the bound, five the kernel could not record.
        assert_eq!(out.file_opens_dropped, Field::Value(6));
        // The next interval: only what is new.
        let mut out = EbpfMetrics::new(Reason::Disabled);
        r.read(&mut m, &mut rcx, &mut out).unwrap();
        assert_eq!((out.file_opens.value().unwrap().len(), out.file_opens_dropped), (0, Field::Value(0)));
        assert_eq!(w.into_parts().0.len(), 1);
        assert_eq!(ring_bytes(4096), 2 << 20);
        assert_eq!(ring_bytes(1), 1 << 14);
    }
}
