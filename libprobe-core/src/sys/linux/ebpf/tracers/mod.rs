//! The tracers: for each, its object, how to size it from the options, and the reader
//! that turns its maps into records, interval by interval.
//!
//! Adding one (see `bpf/README.md`): a `bpf/<name>.bpf.c`, a name in
//! [`crate::ebpf::TracerName`], its records and fields in [`crate::ebpf`], a file here
//! with its [`Reader`], and a line in [`TRACERS`].

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

use crate::ebpf::{EbpfMetrics, EbpfOptions, TracerName};
use crate::error::Error;
use crate::model::{Reason, Warnings};
use crate::source::Source;

use super::decode::{self, Comm, layout::PROC_EXITED};
use super::maps::Maps;
use super::syscall_table::SyscallTable;

pub(crate) mod biolatency;
pub(crate) mod drops;
pub(crate) mod faults;
pub(crate) mod filelat;
pub(crate) mod mmap;
pub(crate) mod netbytes;
pub(crate) mod offcpu;
pub(crate) mod opens;
pub(crate) mod runqlat;
pub(crate) mod syscalls;
pub(crate) mod tcpconnlat;
pub(crate) mod tcpretrans;

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
pub(crate) const TRACERS: &[TracerDef] = &[
    syscalls::DEF,
    runqlat::DEF,
    offcpu::DEF,
    biolatency::DEF,
    faults::DEF,
    mmap::DEF,
    opens::DEF,
    filelat::DEF,
    netbytes::DEF,
    tcpconnlat::DEF,
    tcpretrans::DEF,
    drops::DEF,
];

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

/// A hasher for the kernel's small integer keys (tids, pids, start times): one multiply
/// per word instead of SipHash's rounds, for reads of tens of thousands of keys.
#[derive(Debug, Default, Clone, Copy)]
pub(crate) struct IdHasher(u64);

impl Hasher for IdHasher {
    fn write(&mut self, bytes: &[u8]) {
        for b in bytes {
            self.write_u64(u64::from(*b));
        }
    }
    fn write_u32(&mut self, n: u32) {
        self.write_u64(u64::from(n));
    }
    fn write_u64(&mut self, n: u64) {
        self.0 = (self.0.rotate_left(5) ^ n).wrapping_mul(0x517c_c1b7_2722_0a95);
    }
    fn finish(&self) -> u64 {
        self.0
    }
}

/// A hash map keyed by kernel ids.
pub(crate) type IdMap<K, V> = HashMap<K, V, BuildHasherDefault<IdHasher>>;

/// One process's row of a per-process map: its counters, name and flags.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct ProcRow<const N: usize> {
    pub values: [u64; N],
    pub name: Comm,
    pub flags: u32,
}

/// A process start time from the kernel (ns since boot) in clock ticks, as
/// `/proc/<pid>/stat` gives it (`nsec_to_clock_t`).
pub(crate) fn start_ticks(start_ns: u64, ticks: u64) -> u64 {
    (u128::from(start_ns) * u128::from(ticks.max(1)) / 1_000_000_000) as u64
}

/// One process's added counters over an interval: (pid, start time ns, added, name).
pub(crate) type ProcDelta<const N: usize> = (i32, u64, [u64; N], Comm);

/// The key bytes of a `struct proc_key`.
fn proc_key_bytes(tgid: u32, start: u64) -> [u8; 16] {
    let mut k = [0u8; 16];
    k[..4].copy_from_slice(&tgid.to_ne_bytes());
    k[8..].copy_from_slice(&start.to_ne_bytes());
    k
}

/// The interval of a per-process hash map (`struct proc_key` → counters that only grow): each
/// read gives what every process added since the previous read, then deletes the entries
/// of processes that exited (marked by the program) and, with `gc`, of processes gone
/// without the mark (an entry made again by an event completing after the exit).
#[derive(Debug, Default)]
pub(crate) struct PerPid<const N: usize> {
    prev: IdMap<(u32, u64), [u64; N]>,
    next: IdMap<(u32, u64), [u64; N]>,
    rows: Vec<((u32, u64), ProcRow<N>)>,
}

impl<const N: usize> PerPid<N> {
    /// Every process that added something, and every process's counters since attach (an
    /// entry deleted now is given a last time); `decode` reads one value (`None`: too
    /// short, warned once).
    pub(crate) fn read(
        &mut self,
        maps: &mut dyn Maps,
        map: &str,
        decode: fn(&[u8]) -> Option<ProcRow<N>>,
        gc: bool,
        warnings: &mut Warnings,
    ) -> Result<ProcRows<N>, Error> {
        use decode::layout::proc_key as pk;
        let rows = &mut self.rows;
        rows.clear();
        let mut short = false;
        maps.entries(map, &mut |k, v| {
            let key = (k.len() == pk::SIZE).then(|| decode::u32_at(k, pk::TGID).zip(decode::u64_at(k, pk::START)));
            match (key.flatten(), decode(v)) {
                (Some(key), Some(row)) => rows.push((key, row)),
                _ => short = true,
            }
        })?;
        if short {
            warnings.push(format!("ebpf: map {map} holds entries shorter than libprobe reads; skipped"));
        }
        let mut out = Vec::new();
        let mut totals = Vec::with_capacity(self.rows.len());
        self.next.clear();
        for (key, row) in self.rows.iter() {
            let (pid, start) = *key;
            let before = self.prev.get(key).copied().unwrap_or([0; N]);
            // A value below the previous one is a new entry (deleted, then made again).
            let restarted = row.values.iter().zip(before).any(|(v, b)| *v < b);
            let mut added = [0u64; N];
            for (i, a) in added.iter_mut().enumerate() {
                *a = if restarted { row.values[i] } else { row.values[i] - before[i] };
            }
            let exited = row.flags & PROC_EXITED != 0;
            let idle = added.iter().all(|a| *a == 0);
            if exited || (gc && idle && !maps.alive(pid as i32)) {
                maps.delete(map, &proc_key_bytes(pid, start))?;
            } else {
                self.next.insert(*key, row.values);
            }
            if !idle {
                out.push((pid as i32, start, added, row.name));
            }
            totals.push((pid as i32, start, row.values, row.name));
        }
        std::mem::swap(&mut self.prev, &mut self.next);
        Ok((out, totals))
    }
}

/// Where a per-thread slot keeps its fields (`struct thread_slot` of syscalls.bpf.c,
/// `struct off_thread` of offcpu.bpf.c): offsets of the tid, tgid, process start time,
/// process name and the `N` counters, and its size.
#[derive(Debug)]
pub(crate) struct ThreadLayout<const N: usize> {
    pub tid: usize,
    pub tgid: usize,
    pub start: usize,
    pub comm: usize,
    pub counters: [usize; N],
    pub size: usize,
}

impl<const N: usize> ThreadLayout<N> {
    /// (tid, thread) of one slot; `None` when free or too short.
    fn decode(&self, v: &[u8]) -> Option<(u32, Thread<N>, Comm)> {
        let tid = decode::u32_at(v, self.tid).filter(|t| *t != 0)?;
        let mut values = [0u64; N];
        for (i, off) in self.counters.iter().enumerate() {
            values[i] = decode::u64_at(v, *off)?;
        }
        let thread = Thread { tgid: decode::u32_at(v, self.tgid)?, start: decode::u64_at(v, self.start)?, values };
        Some((tid, thread, Comm::at(v, self.comm)?))
    }
}

/// One thread's counters since it was first seen, and its process.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Thread<const N: usize> {
    tgid: u32,
    start: u64,
    values: [u64; N],
}

/// One process's sums over an interval.
#[derive(Debug, Clone, Copy)]
struct ProcSums<const N: usize> {
    name: Comm,
    /// Whether `name` is the main thread's.
    leader: bool,
    /// Whether one of its threads holds a slot now (it did not exit).
    live: bool,
    values: [u64; N],
}

/// What the previous read saw in one slot of the array (`tid` 0: nothing).
#[derive(Debug, Clone, Copy)]
struct SlotSeen<const N: usize> {
    tid: u32,
    tgid: u32,
    start: u64,
    values: [u64; N],
}

/// The per-thread slots of a tracer — a memory-mapped array, its overflow hash, and the
/// ring of exiting threads' last values — summed per process over each interval.
///
/// A thread's counters only grow while it holds its slot; its last values arrive in the
/// ring when it exits. A read takes, per thread, its value now or its last one (the ring's,
/// when it exited during the read), subtracts what the previous read saw of that thread,
/// and sums by process (pid and start time). What was seen is kept by slot index (no
/// hashing for the array's threads: a read of tens of thousands of threads is a walk of
/// two arrays), and buffers are kept from one read to the next.
#[derive(Debug)]
pub(crate) struct PerThread<const N: usize> {
    /// The array's slot count - 1 (slots are indexed by tid & mask).
    mask: u32,
    slots: Vec<SlotSeen<N>>,
    /// Threads of the overflow hash.
    extra: IdMap<u32, Thread<N>>,
    extra_next: IdMap<u32, Thread<N>>,
    per_process: IdMap<(u32, u64), ProcSums<N>>,
    /// Each process's sums since attach, and the read that last saw one of its threads.
    totals: IdMap<(u32, u64), (ProcSums<N>, u64)>,
    /// Reads so far.
    reads: u64,
}

/// What [`PerThread::read`] gives: per process, its sums over the interval, and since
/// attach.
pub(crate) type ProcRows<const N: usize> = (Vec<ProcDelta<N>>, Vec<ProcDelta<N>>);

impl<const N: usize> PerThread<N> {
    /// For an array of `slots` slots (a power of two).
    pub(crate) fn new(slots: u32) -> PerThread<N> {
        PerThread {
            mask: slots.max(1).next_power_of_two() - 1,
            slots: Vec::new(),
            extra: IdMap::default(),
            extra_next: IdMap::default(),
            per_process: IdMap::default(),
            totals: IdMap::default(),
            reads: 0,
        }
    }

    fn add(
        per_process: &mut IdMap<(u32, u64), ProcSums<N>>,
        tid: u32,
        t: &Thread<N>,
        before: Option<[u64; N]>,
        comm: Comm,
        live: bool,
    ) -> bool {
        let before = before.unwrap_or([0; N]);
        // Below what was seen: a new thread with the same tid.
        let restarted = t.values.iter().zip(before).any(|(v, b)| *v < b);
        let mut added = [0u64; N];
        for (i, a) in added.iter_mut().enumerate() {
            *a = if restarted { t.values[i] } else { t.values[i] - before[i] };
        }
        if added.iter().all(|a| *a == 0) {
            return false;
        }
        let leader = tid == t.tgid;
        let p = per_process.entry((t.tgid, t.start)).or_insert(ProcSums { name: comm, leader, live, values: [0; N] });
        if leader && !p.leader {
            p.name = comm;
            p.leader = true;
        }
        p.live |= live;
        for (v, a) in p.values.iter_mut().zip(added) {
            *v = v.saturating_add(a);
        }
        true
    }

    /// What each process added since the previous read, and since attach: `names` are the
    /// maps (array, overflow hash, exit ring).
    ///
    /// A process's totals are kept while one of its threads holds a slot; the read that
    /// finds none left (its last thread exited) reports them once more and forgets them.
    pub(crate) fn read(
        &mut self,
        maps: &mut dyn Maps,
        names: (&str, &str, &str),
        layout: &ThreadLayout<N>,
        warnings: &mut Warnings,
    ) -> Result<ProcRows<N>, Error> {
        let mut short = false;
        self.per_process.clear();
        self.reads += 1;
        let read = self.reads;
        let (mask, per_process, slots, extra, totals) =
            (self.mask, &mut self.per_process, &mut self.slots, &mut self.extra, &mut self.totals);
        // A process with a thread in a slot now is alive: its totals stay (marked here for
        // threads that added nothing, by `ProcSums::live` for the others).
        let mut live = |t: &Thread<N>| {
            if let Some(p) = totals.get_mut(&(t.tgid, t.start)) {
                p.1 = read;
            }
        };
        let same = |s: &SlotSeen<N>, tid: u32, t: &Thread<N>| s.tid == tid && (s.tgid, s.start) == (t.tgid, t.start);

        // First the threads that exited: their last values, against what was seen of them.
        let mut exited: IdMap<u32, ()> = IdMap::default();
        maps.drain(names.2, &mut |v| match layout.decode(v) {
            Some((tid, t, comm)) => {
                let idx = (tid & mask) as usize;
                let before = match slots.get_mut(idx) {
                    Some(s) if same(s, tid, &t) => {
                        s.tid = 0;
                        Some(s.values)
                    }
                    _ => extra.remove(&tid).filter(|p| (p.tgid, p.start) == (t.tgid, t.start)).map(|p| p.values),
                };
                Self::add(per_process, tid, &t, before, comm, false);
                exited.insert(tid, ());
            }
            None => short |= v.len() < layout.size,
        })?;

        // The array: slot by slot against what the same slot held.
        maps.array(names.0, &mut |i, v| {
            let idx = i as usize;
            if idx > mask as usize {
                return;
            }
            if slots.len() <= idx {
                slots.resize(idx + 1, SlotSeen { tid: 0, tgid: 0, start: 0, values: [0; N] });
            }
            let seen = &mut slots[idx];
            match layout.decode(v) {
                Some((tid, _, _)) if exited.contains_key(&tid) => seen.tid = 0,
                Some((tid, t, comm)) => {
                    let before = same(seen, tid, &t).then_some(seen.values);
                    if before == Some(t.values) || !Self::add(per_process, tid, &t, before, comm, true) {
                        live(&t);
                    }
                    *seen = SlotSeen { tid, tgid: t.tgid, start: t.start, values: t.values };
                }
                None => {
                    short |= v.len() < layout.size;
                    seen.tid = 0;
                }
            }
        })?;

        // The overflow hash.
        let next = &mut self.extra_next;
        next.clear();
        maps.entries(names.1, &mut |_, v| match layout.decode(v) {
            Some((tid, _, _)) if exited.contains_key(&tid) => {}
            Some((tid, t, comm)) => {
                let before = extra.get(&tid).filter(|p| (p.tgid, p.start) == (t.tgid, t.start)).map(|p| p.values);
                if !Self::add(per_process, tid, &t, before, comm, true) {
                    live(&t);
                }
                next.insert(tid, t);
            }
            None => short |= v.len() < layout.size,
        })?;
        std::mem::swap(&mut self.extra, &mut self.extra_next);
        if short {
            warnings.push(format!("ebpf: {}: a thread record shorter than libprobe reads; skipped", names.0));
        }
        // Since attach: a process first seen now is alive (its threads were just counted).
        for (key, p) in &self.per_process {
            let (t, seen) = self.totals.entry(*key).or_insert((ProcSums { values: [0; N], ..*p }, read));
            if p.live {
                *seen = read;
            }
            if p.leader && !t.leader {
                t.name = p.name;
                t.leader = true;
            }
            for (v, a) in t.values.iter_mut().zip(p.values) {
                *v = v.saturating_add(a);
            }
        }
        let row = |(tgid, start): &(u32, u64), p: &ProcSums<N>| (*tgid as i32, *start, p.values, p.name);
        let interval = self.per_process.iter().map(|(k, p)| row(k, p)).collect();
        let totals = self.totals.iter().map(|(k, (p, _))| row(k, p)).collect();
        // Processes whose threads all exited: reported above for the last time.
        self.totals.retain(|_, (_, seen)| *seen == read);
        Ok((interval, totals))
    }
}

/// The `n` largest rows by `key`, largest first (ties: in `tie` order). Selects on small
/// (key, index) pairs, linear in the rows, and moves only the `n` rows kept.
pub(crate) fn top<T>(rows: Vec<T>, n: usize, key: impl Fn(&T) -> u64, tie: impl Fn(&T) -> (i32, u64)) -> Vec<T> {
    let mut order: Vec<(std::cmp::Reverse<u64>, (i32, u64), u32)> =
        rows.iter().enumerate().map(|(i, r)| (std::cmp::Reverse(key(r)), tie(r), i as u32)).collect();
    if n == 0 {
        return Vec::new();
    }
    if order.len() > n {
        order.select_nth_unstable(n - 1);
        order.truncate(n);
    }
    order.sort_unstable();
    let mut rows: Vec<Option<T>> = rows.into_iter().map(Some).collect();
    order.into_iter().filter_map(|(_, _, i)| rows.get_mut(i as usize).and_then(Option::take)).collect()
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
        pub arrays: BTreeMap<String, Vec<(u32, Vec<u8>)>>,
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
        fn array(&mut self, map: &str, f: &mut dyn FnMut(u32, &[u8])) -> Result<(), Error> {
            for (i, v) in self.arrays.get(map).into_iter().flatten() {
                f(*i, v);
            }
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
            name: Comm::at(v, 16)?,
            flags: decode::u32_at(v, 32)?,
        })
    }

    #[test]
    fn per_pid_intervals_and_cleanup() {
        let mut m = MemMaps::default();
        let mut w = Warnings::default();
        let mut p = PerPid::<2>::default();
        m.maps.insert("x".into(), vec![(key(7, 1), row([10, 1], 0))]);
        let (r, t) = p.read(&mut m, "x", decode, true, &mut w).unwrap();
        assert_eq!(r, vec![(7, 1, [10, 1], Comm::new(b"app"))]);
        assert_eq!(t, r);
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
        let (r, t) = p.read(&mut m, "x", decode, true, &mut w).unwrap();
        assert_eq!(r, vec![(7, 1, [5, 0], Comm::new(b"app")), (7, 2, [3, 0], Comm::new(b"app"))]);
        assert_eq!(
            t.iter().map(|r| (r.0, r.1, r.2)).collect::<Vec<_>>(),
            [(7, 1, [15, 1]), (8, 1, [0, 0]), (7, 2, [3, 0])]
        );
        assert_eq!(m.deleted.len(), 2);
        assert_eq!(w.into_parts().0.len(), 1);
        // Made again after its deletion: counted from zero.
        m.maps.insert("x".into(), vec![(key(7, 1), row([2, 0], 0))]);
        let (r, _) = p.read(&mut m, "x", decode, true, &mut Warnings::default()).unwrap();
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
