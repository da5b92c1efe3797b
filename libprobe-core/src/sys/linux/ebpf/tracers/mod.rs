//! The tracers: for each, its object, how to size it from the options, and the reader
//! that turns its maps into records, interval by interval.
//!
//! Adding one (see `bpf/README.md`): a `bpf/<name>.bpf.c`, a name in
//! [`crate::ebpf::TracerName`], its records and fields in [`crate::ebpf`], a file here
//! with its [`Reader`], and a line in [`TRACERS`].

use std::collections::HashMap;

use crate::ebpf::{EbpfMetrics, EbpfOptions, TracerName};
use crate::error::Error;
use crate::model::{Reason, Warnings};
use crate::source::Source;
use crate::text::ByteStr;

use super::decode::{self, layout::PROC_EXITED};
use super::maps::Maps;
use super::syscall_table::SyscallTable;

pub(crate) mod biolatency;
pub(crate) mod offcpu;
pub(crate) mod runqlat;
pub(crate) mod syscalls;

/// What a tracer asks of the loader.
#[derive(Debug)]
pub(crate) struct Spec {
    /// Its object file's bytes.
    pub object: &'static [u8],
    /// Events it works without where the kernel lacks them (`block_io_start`, 6.5+).
    pub optional: &'static [&'static str],
}

/// What to set in an object before it is loaded.
#[derive(Debug, Default)]
pub(crate) struct Setup {
    /// `max_entries` of maps.
    pub max_entries: Vec<(&'static str, u32)>,
    /// Values of `const volatile` globals (in `.rodata`), by name.
    pub rodata: Vec<(&'static str, Vec<u8>)>,
    /// Events whose programs are left out (an option turned their work off).
    pub skip_events: Vec<&'static str>,
}

/// One tracer.
#[derive(Debug)]
pub(crate) struct TracerDef {
    pub name: TracerName,
    pub spec: Spec,
    /// The sizes and switches for these options.
    pub setup: fn(&EbpfOptions, &SyscallTable) -> Setup,
    /// A reader for a probe with these options.
    pub reader: fn(&EbpfOptions, &std::sync::Arc<SyscallTable>) -> Box<dyn Reader>,
}

/// Every tracer, in the order of [`TracerName`].
pub(crate) const TRACERS: &[TracerDef] = &[syscalls::DEF, runqlat::DEF, offcpu::DEF, biolatency::DEF];

/// What a reader reads with.
#[derive(Debug)]
pub(crate) struct ReadCx<'a> {
    /// The epoch that just ended: its histogram windows hold the interval's extremes.
    pub window: u64,
    /// Rows of each per-process table (option `top_processes`).
    pub top: usize,
    /// Clock ticks per second (start times are in ticks, as in the process domain).
    pub ticks: u64,
    pub src: &'a Source,
    pub warnings: &'a mut Warnings,
}

/// Turns one tracer's maps into its fields of [`EbpfMetrics`].
pub(crate) trait Reader: Send + std::fmt::Debug {
    /// Sets every field of this tracer (interval and since attach) missing with `reason`.
    fn missing(&self, out: &mut EbpfMetrics, reason: Reason);
    /// Reads the maps: the interval since the previous read (or since attach) and the
    /// totals since attach.
    fn read(&mut self, maps: &mut dyn Maps, rcx: &mut ReadCx<'_>, out: &mut EbpfMetrics) -> Result<(), Error>;
}

/// One process's row of a per-process map: its counters, name and flags.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct ProcRow<const N: usize> {
    pub values: [u64; N],
    pub name: Vec<u8>,
    pub flags: u32,
}

/// A process start time from the kernel (ns since boot) in clock ticks, as
/// `/proc/<pid>/stat` gives it (`nsec_to_clock_t`).
pub(crate) fn start_ticks(start_ns: u64, ticks: u64) -> u64 {
    (u128::from(start_ns) * u128::from(ticks.max(1)) / 1_000_000_000) as u64
}

/// One process's added counters over an interval: (pid, start time ns, added, name).
pub(crate) type ProcDelta<const N: usize> = (i32, u64, [u64; N], ByteStr);

/// The interval of a per-process hash map (`struct proc_key` → counters that only grow): each
/// read gives what every process added since the previous read, then deletes the entries
/// of processes that exited (marked by the program) or are gone (no mark, but no process:
/// an entry made by a late event).
#[derive(Debug, Default)]
pub(crate) struct PerPid<const N: usize> {
    prev: HashMap<(u32, u64), [u64; N]>,
}

impl<const N: usize> PerPid<N> {
    /// Every process that added something; `decode` reads one value (`None`: too short,
    /// warned once).
    pub(crate) fn read(
        &mut self,
        maps: &mut dyn Maps,
        map: &str,
        decode: fn(&[u8]) -> Option<ProcRow<N>>,
        warnings: &mut Warnings,
    ) -> Result<Vec<ProcDelta<N>>, Error> {
        use decode::layout::proc_key as pk;
        let mut rows = Vec::new();
        let mut short = false;
        maps.entries(map, &mut |k, v| {
            let key = (k.len() == pk::SIZE).then(|| decode::u32_at(k, pk::TGID).zip(decode::u64_at(k, pk::START)));
            match (key.flatten(), decode(v)) {
                (Some(key), Some(row)) => rows.push((key, k.to_vec(), row)),
                _ => short = true,
            }
        })?;
        if short {
            warnings.push(format!("ebpf: map {map} holds entries shorter than libprobe reads; skipped"));
        }
        let mut out = Vec::new();
        let mut next = HashMap::with_capacity(rows.len());
        for (key, raw_key, row) in rows {
            let (pid, start) = key;
            let before = self.prev.get(&key).copied().unwrap_or([0; N]);
            // A value below the previous one is a new entry (deleted, then made again).
            let restarted = row.values.iter().zip(before).any(|(v, b)| *v < b);
            let mut added = [0u64; N];
            for (i, a) in added.iter_mut().enumerate() {
                *a = if restarted { row.values[i] } else { row.values[i] - before[i] };
            }
            let exited = row.flags & PROC_EXITED != 0;
            let idle = added.iter().all(|a| *a == 0);
            if exited || (idle && !maps.alive(pid as i32)) {
                maps.delete(map, &raw_key)?;
            } else {
                next.insert(key, row.values);
            }
            if !idle {
                out.push((pid as i32, start, added, ByteStr::new(row.name)));
            }
        }
        self.prev = next;
        Ok(out)
    }
}

/// The `n` largest rows by `key`, largest first (ties: in `tie` order).
pub(crate) fn top<T>(mut rows: Vec<T>, n: usize, key: impl Fn(&T) -> u64, tie: impl Fn(&T) -> (i32, u64)) -> Vec<T> {
    rows.sort_by(|a, b| key(b).cmp(&key(a)).then_with(|| tie(a).cmp(&tie(b))));
    rows.truncate(n);
    rows
}

#[cfg(test)]
pub(crate) mod testing {
    //! A [`Maps`] answering from memory, for the readers' unit tests.

    use std::collections::BTreeMap;

    use super::*;

    /// (key, value).
    pub(crate) type Entry = (Vec<u8>, Vec<u8>);

    #[derive(Debug, Default)]
    pub(crate) struct MemMaps {
        pub maps: BTreeMap<String, Vec<Entry>>,
        pub arrays: BTreeMap<String, Vec<u8>>,
        pub rings: BTreeMap<String, Vec<Vec<u8>>>,
        pub deleted: Vec<(String, Vec<u8>)>,
        pub dead: Vec<i32>,
    }

    impl Maps for MemMaps {
        fn entries(&mut self, map: &str, f: &mut dyn FnMut(&[u8], &[u8])) -> Result<(), Error> {
            for (k, v) in self.maps.get(map).into_iter().flatten() {
                f(k, v);
            }
            Ok(())
        }
        fn array(&mut self, map: &str, buf: &mut Vec<u8>) -> Result<(), Error> {
            buf.clear();
            buf.extend_from_slice(self.arrays.get(map).map_or(&[][..], |v| v));
            Ok(())
        }
        fn drain(&mut self, map: &str, f: &mut dyn FnMut(&[u8])) -> Result<(), Error> {
            for r in self.rings.remove(map).unwrap_or_default() {
                f(&r);
            }
            Ok(())
        }
        fn delete(&mut self, map: &str, key: &[u8]) -> Result<(), Error> {
            self.deleted.push((map.to_owned(), key.to_vec()));
            if let Some(entries) = self.maps.get_mut(map) {
                entries.retain(|(k, _)| k != key);
            }
            Ok(())
        }
        fn set_epoch(&mut self, _: u64) -> Result<(), Error> {
            Ok(())
        }
        fn alive(&self, pid: i32) -> bool {
            !self.dead.contains(&pid)
        }
    }

    /// Words as bytes.
    pub(crate) fn words(w: &[u64]) -> Vec<u8> {
        w.iter().flat_map(|x| x.to_ne_bytes()).collect()
    }

    /// A 16-byte name field.
    pub(crate) fn comm(name: &str) -> [u64; 2] {
        let mut b = [0u8; 16];
        b[..name.len()].copy_from_slice(name.as_bytes());
        [u64::from_ne_bytes(b[..8].try_into().unwrap()), u64::from_ne_bytes(b[8..].try_into().unwrap())]
    }
}

#[cfg(test)]
mod tests {
    use super::testing::*;
    use super::*;

    fn row(vals: [u64; 2], flags: u32) -> Vec<u8> {
        let mut v = words(&vals);
        v.extend_from_slice(&words(&comm("app")));
        v.extend_from_slice(&flags.to_ne_bytes());
        v
    }

    fn decode(v: &[u8]) -> Option<ProcRow<2>> {
        Some(ProcRow {
            values: [decode::u64_at(v, 0)?, decode::u64_at(v, 8)?],
            name: decode::comm_at(v, 16)?.to_vec(),
            flags: decode::u32_at(v, 32)?,
        })
    }

    #[test]
    fn per_pid_intervals_and_cleanup() {
        let mut m = MemMaps::default();
        let mut w = Warnings::default();
        let mut p = PerPid::<2>::default();
        m.maps.insert("x".into(), vec![(key(7, 1), row([10, 1], 0))]);
        let r = p.read(&mut m, "x", decode, &mut w).unwrap();
        assert_eq!(r, vec![(7, 1, [10, 1], ByteStr::from("app"))]);
        // 7 grows and exits; 8 is idle and gone; 9 is short; 7 again is a new process.
        m.maps.insert(
            "x".into(),
            vec![
                (key(7, 1), row([15, 1], PROC_EXITED)),
                (key(8, 1), row([0, 0], 0)),
                (key(9, 1), vec![1, 2]),
                (key(7, 2), row([3, 0], 0)),
            ],
        );
        m.dead.push(8);
        let r = p.read(&mut m, "x", decode, &mut w).unwrap();
        assert_eq!(r, vec![(7, 1, [5, 0], ByteStr::from("app")), (7, 2, [3, 0], ByteStr::from("app"))]);
        assert_eq!(m.deleted.len(), 2);
        assert_eq!(w.into_parts().0.len(), 1);
        // Made again after its deletion: counted from zero.
        m.maps.insert("x".into(), vec![(key(7, 1), row([2, 0], 0))]);
        let r = p.read(&mut m, "x", decode, &mut Warnings::default()).unwrap();
        assert_eq!(r[0].2, [2, 0]);
    }

    fn key(pid: u32, start: u64) -> Vec<u8> {
        let mut k = pid.to_ne_bytes().to_vec();
        k.extend_from_slice(&[0; 4]);
        k.extend_from_slice(&start.to_ne_bytes());
        k
    }

    #[test]
    fn top_rows() {
        let rows = vec![(3, 5u64), (1, 9), (2, 5)];
        assert_eq!(top(rows, 2, |r| r.1, |r| (r.0, 0)), vec![(1, 9), (2, 5)]);
        assert_eq!(start_ticks(1_500_000_000, 100), 150);
    }
}
