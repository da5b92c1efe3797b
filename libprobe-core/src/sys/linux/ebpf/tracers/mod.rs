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
    /// (tid, thread) of one slot; `None` when free or too short. The name is left in
    /// place: it is read only when the thread's process needs one.
    fn decode(&self, v: &[u8]) -> Option<(u32, Thread<N>)> {
        let tid = decode::u32_at(v, self.tid).filter(|t| *t != 0)?;
        let mut values = [0u64; N];
        for (i, off) in self.counters.iter().enumerate() {
            values[i] = decode::u64_at(v, *off)?;
        }
        let thread = Thread { tgid: decode::u32_at(v, self.tgid)?, start: decode::u64_at(v, self.start)?, values };
        v.get(self.comm..self.comm.checked_add(16)?)?;
        Some((tid, thread))
    }
}

/// One thread's counters since it was first seen, and its process.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Thread<const N: usize> {
    tgid: u32,
    start: u64,
    values: [u64; N],
}

/// No process (a [`SlotSeen::proc`] not resolved yet).
const NO_PROC: u32 = u32::MAX;

/// What the previous read saw of one thread (in a slot of the array, or in the overflow
/// hash; `tid` 0: nothing), and where its process's sums are (an index into
/// [`PerThread::procs`], checked before use: [`NO_PROC`] when not known).
#[derive(Debug, Clone, Copy)]
struct SlotSeen<const N: usize> {
    tid: u32,
    tgid: u32,
    start: u64,
    values: [u64; N],
    proc: u32,
}

impl<const N: usize> SlotSeen<N> {
    const EMPTY: SlotSeen<N> = SlotSeen { tid: 0, tgid: 0, start: 0, values: [0; N], proc: NO_PROC };

    fn same(&self, tid: u32, t: &Thread<N>) -> bool {
        self.tid == tid && (self.tgid, self.start) == (t.tgid, t.start)
    }
}

/// One process of the slots: its sums over the current read and since attach.
#[derive(Debug, Clone, Copy)]
struct Proc<const N: usize> {
    /// Whether this entry of [`PerThread::procs`] holds a process (else it is free).
    used: bool,
    tgid: u32,
    start: u64,
    /// The name of its totals, and whether it is the main thread's.
    name: Comm,
    leader: bool,
    total: [u64; N],
    /// This read's sums and name (valid when `touched` is this read).
    interval: [u64; N],
    interval_name: Comm,
    interval_leader: bool,
    touched: u64,
    /// The read that last saw one of its threads holding a slot (it did not exit).
    seen: u64,
}

/// The per-thread slots of a tracer — a memory-mapped array, its overflow hash, and the
/// ring of exiting threads' last values — summed per process over each interval.
///
/// A thread's counters only grow while it holds its slot; its last values arrive in the
/// ring when it exits. A read takes, per thread, its value now or its last one (the ring's,
/// when it exited during the read), subtracts what the previous read saw of that thread,
/// and sums by process (pid and start time).
///
/// What was seen is kept by slot index, with the index of the thread's process in a table
/// of processes: a thread seen before costs no hashing (a read of tens of thousands of
/// threads is a walk of arrays; only a thread new to its slot looks its process up).
/// Processes whose threads all exited are reported once more, then their entries are
/// reused. Buffers are kept from one read to the next, and only the rows a snapshot
/// returns are built ([`PerThread::top`]).
#[derive(Debug)]
pub(crate) struct PerThread<const N: usize> {
    /// The array's slot count - 1 (slots are indexed by tid & mask).
    mask: u32,
    slots: Vec<SlotSeen<N>>,
    /// Threads of the overflow hash.
    extra: IdMap<u32, SlotSeen<N>>,
    extra_next: IdMap<u32, SlotSeen<N>>,
    /// Threads that exited during this read (from the ring).
    exited: IdMap<u32, ()>,
    /// Their slots (tid & mask), one bit each: most slots are told apart from them by a
    /// bit, not a hash lookup. Cleared after each read.
    exited_slots: Vec<u64>,
    procs: Vec<Proc<N>>,
    /// Free entries of `procs`.
    free: Vec<u32>,
    /// (pid, start time) → entry of `procs`.
    index: IdMap<(u32, u64), u32>,
    /// Reads so far.
    reads: u64,
    /// The selection buffers of [`PerThread::top`] (this read's, and since attach).
    order: std::collections::BinaryHeap<TopRow>,
    order_total: std::collections::BinaryHeap<TopRow>,
    /// The processes [`PerThread::top`] found not seen alive by read `stale_at`: those the
    /// next read forgets, so that it need not walk every process to find them.
    stale: Vec<u32>,
    stale_at: u64,
}

/// A row of a top-N selection: its key (largest first), pid and start time, and its entry.
type TopRow = (std::cmp::Reverse<u64>, (i32, u64), u32);

/// Rows per process over the interval, and since attach ([`PerThread::top`], and the
/// per-process maps' reads).
pub(crate) type ProcRows<const N: usize> = (Vec<ProcDelta<N>>, Vec<ProcDelta<N>>);

/// What one thread added since `before` (none: since it started). Below what was seen: a
/// new thread with the same tid, counted from zero.
fn added<const N: usize>(values: &[u64; N], before: Option<&[u64; N]>) -> [u64; N] {
    let Some(before) = before else { return *values };
    let restarted = values.iter().zip(before).any(|(v, b)| v < b);
    let mut added = [0u64; N];
    for (i, a) in added.iter_mut().enumerate() {
        *a = if restarted { values[i] } else { values[i] - before[i] };
    }
    added
}

/// The table of processes of a [`PerThread`], borrowed apart from its slots.
struct Procs<'a, const N: usize> {
    procs: &'a mut Vec<Proc<N>>,
    free: &'a mut Vec<u32>,
    index: &'a mut IdMap<(u32, u64), u32>,
    read: u64,
}

impl<const N: usize> Procs<'_, N> {
    /// The entry of `t`'s process: `hint` when it still holds it, else looked up; made
    /// when `make`.
    fn find(&mut self, hint: u32, t: &Thread<N>, make: bool) -> Option<u32> {
        if let Some(p) = self.procs.get(hint as usize)
            && p.used
            && (p.tgid, p.start) == (t.tgid, t.start)
        {
            return Some(hint);
        }
        if let Some(i) = self.index.get(&(t.tgid, t.start)) {
            return Some(*i);
        }
        if !make {
            return None;
        }
        let fresh = Proc {
            used: true,
            tgid: t.tgid,
            start: t.start,
            name: Comm::default(),
            leader: false,
            total: [0; N],
            interval: [0; N],
            interval_name: Comm::default(),
            interval_leader: false,
            // Not touched yet: the first add names it.
            touched: 0,
            // First seen now: alive (its threads were just counted).
            seen: self.read,
        };
        let i = match self.free.pop() {
            Some(i) => {
                self.procs[i as usize] = fresh;
                i
            }
            None => {
                self.procs.push(fresh);
                (self.procs.len() - 1) as u32
            }
        };
        self.index.insert((t.tgid, t.start), i);
        Some(i)
    }

    /// Marks `t`'s process alive (a thread of it holds a slot), when it has an entry.
    fn live(&mut self, hint: u32, t: &Thread<N>) -> u32 {
        match self.find(hint, t, false) {
            Some(i) => {
                self.procs[i as usize].seen = self.read;
                i
            }
            None => NO_PROC,
        }
    }

    /// Adds what thread `tid` added since `before` to its process; `live`: the thread
    /// holds a slot. The entry of its process ([`NO_PROC`]: none, it added nothing).
    fn add(
        &mut self,
        hint: u32,
        tid: u32,
        t: &Thread<N>,
        before: Option<&[u64; N]>,
        comm: impl Fn() -> Comm,
        live: bool,
    ) -> u32 {
        let added = added(&t.values, before);
        if added.iter().all(|a| *a == 0) {
            return if live { self.live(hint, t) } else { self.find(hint, t, false).unwrap_or(NO_PROC) };
        }
        let Some(i) = self.find(hint, t, true) else { return NO_PROC };
        let read = self.read;
        let p = &mut self.procs[i as usize];
        let leader = tid == t.tgid;
        if p.touched != read {
            // Its first thread of this read names the interval (and a new process).
            p.interval_name = comm();
            p.interval_leader = leader;
            if p.touched == 0 {
                p.name = p.interval_name;
                p.leader = leader;
            }
            p.touched = read;
            p.interval = [0; N];
        } else if leader && !p.interval_leader {
            p.interval_name = comm();
            p.interval_leader = true;
        }
        if leader && !p.leader {
            p.name = p.interval_name;
            p.leader = true;
        }
        if live {
            p.seen = read;
        }
        for ((v, tot), a) in p.interval.iter_mut().zip(p.total.iter_mut()).zip(added) {
            *v = v.saturating_add(a);
            *tot = tot.saturating_add(a);
        }
        i
    }
}

impl<const N: usize> PerThread<N> {
    /// For an array of `slots` slots (a power of two).
    pub(crate) fn new(slots: u32) -> PerThread<N> {
        PerThread {
            mask: slots.max(1).next_power_of_two() - 1,
            slots: Vec::new(),
            extra: IdMap::default(),
            extra_next: IdMap::default(),
            exited: IdMap::default(),
            exited_slots: Vec::new(),
            procs: Vec::new(),
            free: Vec::new(),
            index: IdMap::default(),
            reads: 0,
            order: std::collections::BinaryHeap::new(),
            order_total: std::collections::BinaryHeap::new(),
            stale: Vec::new(),
            stale_at: u64::MAX,
        }
    }

    /// Reads the maps (`names`: array, overflow hash, exit ring) into this read's sums per
    /// process; [`PerThread::top`] gives them.
    ///
    /// A process's totals are kept while one of its threads holds a slot; the read that
    /// finds none left (its last thread exited) reports them once more, and the next one
    /// forgets them.
    pub(crate) fn scan(
        &mut self,
        maps: &mut dyn Maps,
        names: (&str, &str, &str),
        layout: &ThreadLayout<N>,
        warnings: &mut Warnings,
    ) -> Result<(), Error> {
        let mut short = false;
        // Processes the previous read did not see alive: reported then for the last time.
        let last = self.reads;
        let mut forget = |i: usize, p: &mut Proc<N>| {
            if p.used && p.seen != last {
                p.used = false;
                self.index.remove(&(p.tgid, p.start));
                self.free.push(i as u32);
            }
        };
        if self.stale_at == last {
            // Found by the previous read's top, which looked at every process.
            for &i in &self.stale {
                if let Some(p) = self.procs.get_mut(i as usize) {
                    forget(i as usize, p);
                }
            }
        } else {
            self.procs.iter_mut().enumerate().for_each(|(i, p)| forget(i, p));
        }
        self.stale.clear();
        self.stale_at = u64::MAX;
        self.reads += 1;
        let mask = self.mask;
        let (slots, extra, exited) = (&mut self.slots, &mut self.extra, &mut self.exited);
        let bits = &mut self.exited_slots;
        bits.resize((mask as usize + 1).div_ceil(64), 0);
        let mut procs =
            Procs { procs: &mut self.procs, free: &mut self.free, index: &mut self.index, read: self.reads };
        let comm = |v: &[u8]| Comm::at(v, layout.comm).unwrap_or_default();

        // First the threads that exited: their last values, against what was seen of them.
        for tid in exited.keys() {
            let idx = (tid & mask) as usize;
            bits[idx / 64] &= !(1 << (idx % 64));
        }
        exited.clear();
        maps.drain(names.2, &mut |v| match layout.decode(v) {
            Some((tid, t)) => {
                let idx = (tid & mask) as usize;
                let seen = match slots.get_mut(idx) {
                    Some(s) if s.same(tid, &t) => {
                        let was = *s;
                        s.tid = 0;
                        Some(was)
                    }
                    _ => extra.remove(&tid).filter(|p| p.same(tid, &t)),
                };
                let (hint, before) = seen.map_or((NO_PROC, None), |s| (s.proc, Some(s.values)));
                procs.add(hint, tid, &t, before.as_ref(), || comm(v), false);
                exited.insert(tid, ());
                bits[idx / 64] |= 1 << (idx % 64);
            }
            None => short |= v.len() < layout.size,
        })?;
        let any_exited = !exited.is_empty();

        // The array: slot by slot against what the same slot held.
        maps.array(names.0, &mut |i, v| {
            let idx = i as usize;
            if idx > mask as usize {
                return;
            }
            if slots.len() <= idx {
                slots.resize(idx + 1, SlotSeen::EMPTY);
            }
            let seen = &mut slots[idx];
            match layout.decode(v) {
                Some((tid, _)) if bits[idx / 64] & (1 << (idx % 64)) != 0 && exited.contains_key(&tid) => seen.tid = 0,
                Some((tid, t)) => {
                    let proc = if seen.same(tid, &t) {
                        if seen.values == t.values {
                            procs.live(seen.proc, &t)
                        } else {
                            procs.add(seen.proc, tid, &t, Some(&seen.values), || comm(v), true)
                        }
                    } else {
                        procs.add(NO_PROC, tid, &t, None, || comm(v), true)
                    };
                    *seen = SlotSeen { tid, tgid: t.tgid, start: t.start, values: t.values, proc };
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
            Some((tid, _)) if any_exited && exited.contains_key(&tid) => {}
            Some((tid, t)) => {
                let seen = extra.get(&tid).filter(|p| p.same(tid, &t));
                let (hint, before) = seen.map_or((NO_PROC, None), |s| (s.proc, Some(&s.values)));
                let proc = procs.add(hint, tid, &t, before, || comm(v), true);
                next.insert(tid, SlotSeen { tid, tgid: t.tgid, start: t.start, values: t.values, proc });
            }
            None => short |= v.len() < layout.size,
        })?;
        std::mem::swap(&mut self.extra, &mut self.extra_next);
        if short {
            warnings.push(format!("ebpf: {}: a thread record shorter than libprobe reads; skipped", names.0));
        }
        Ok(())
    }

    /// After [`PerThread::scan`]: the `n` processes with the largest `key` (ties by pid
    /// and start time), most first, over this read (those that added something) and since
    /// attach (every process kept). One pass over the processes, which also notes those
    /// the next read forgets.
    pub(crate) fn top(&mut self, n: usize, key: impl Fn(&[u64; N]) -> u64) -> ProcRows<N> {
        let read = self.reads;
        // The n best so far in heaps whose top is the worst of them: most processes are
        // turned away by one comparison with it.
        fn offer(heap: &mut std::collections::BinaryHeap<TopRow>, n: usize, row: TopRow) {
            if heap.len() < n {
                heap.push(row);
            } else if heap.peek().is_some_and(|worst| row < *worst) {
                heap.pop();
                heap.push(row);
            }
        }
        let (interval, total, stale) = (&mut self.order, &mut self.order_total, &mut self.stale);
        interval.clear();
        total.clear();
        stale.clear();
        for (i, p) in self.procs.iter().enumerate() {
            if !p.used {
                continue;
            }
            let id = (p.tgid as i32, p.start);
            if p.touched == read {
                offer(interval, n, (std::cmp::Reverse(key(&p.interval)), id, i as u32));
            }
            offer(total, n, (std::cmp::Reverse(key(&p.total)), id, i as u32));
            if p.seen != read {
                stale.push(i as u32);
            }
        }
        self.stale_at = read;
        let rows = |heap: &mut std::collections::BinaryHeap<TopRow>, since_attach: bool| {
            let order = std::mem::take(heap).into_sorted_vec();
            let rows = order
                .iter()
                .map(|&(_, (pid, start), i)| {
                    let p = &self.procs[i as usize];
                    if since_attach { (pid, start, p.total, p.name) } else { (pid, start, p.interval, p.interval_name) }
                })
                .collect();
            *heap = std::collections::BinaryHeap::from(order);
            rows
        };
        (rows(&mut self.order, false), rows(&mut self.order_total, true))
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

    /// A slot of one counter: tid, tgid, start, comm, value.
    fn slot1(tid: u32, tgid: u32, start: u64, name: &str, v: u64) -> Vec<u8> {
        let mut b = tid.to_ne_bytes().to_vec();
        b.extend_from_slice(&tgid.to_ne_bytes());
        b.extend_from_slice(&words(&[start]));
        b.extend_from_slice(&words(&comm(name)));
        b.extend_from_slice(&words(&[v]));
        b
    }

    const LAYOUT1: ThreadLayout<1> = ThreadLayout { tid: 0, tgid: 4, start: 8, comm: 16, counters: [32], size: 40 };

    fn read1(p: &mut PerThread<1>, m: &mut MemMaps) -> (Vec<ProcDelta<1>>, Vec<ProcDelta<1>>) {
        p.scan(m, ("a", "h", "r"), &LAYOUT1, &mut Warnings::default()).unwrap();
        p.top(10, |v| v[0])
    }

    #[test]
    fn per_thread_entries_are_reused_without_mixing_processes() {
        let mut p = PerThread::<1>::new(16);
        let mut m = MemMaps::default();
        // Process 7 (a worker thread first, then its main thread), and process 3.
        m.arrays.insert("a".into(), vec![(8, slot1(8, 7, 1, "wk", 5)), (7, slot1(7, 7, 1, "main", 1))]);
        m.maps.insert("h".into(), vec![(vec![3, 0, 0, 0], slot1(3, 3, 1, "other", 2))]);
        let (i, t) = read1(&mut p, &mut m);
        assert_eq!(i, vec![(7, 1, [6], Comm::new(b"main")), (3, 1, [2], Comm::new(b"other"))]);
        assert_eq!(t, i);
        // 7 exits (both threads, through the ring): reported once more, then forgotten.
        m.arrays.insert("a".into(), vec![]);
        m.maps.insert("h".into(), vec![(vec![3, 0, 0, 0], slot1(3, 3, 1, "other", 2))]);
        m.rings.insert("r".into(), vec![slot1(8, 7, 1, "wk", 9), slot1(7, 7, 1, "main", 1)]);
        let (i, t) = read1(&mut p, &mut m);
        // The interval is named by the threads that added to it; the totals by the main one.
        assert_eq!(i, vec![(7, 1, [4], Comm::new(b"wk"))]);
        assert_eq!(t, vec![(7, 1, [10], Comm::new(b"main")), (3, 1, [2], Comm::new(b"other"))]);
        // A new process takes tid 8's slot (and 7's freed entry): counted from zero, apart.
        m.arrays.insert("a".into(), vec![(8, slot1(8, 8, 2, "new", 4))]);
        let (i, t) = read1(&mut p, &mut m);
        assert_eq!(i, vec![(8, 2, [4], Comm::new(b"new"))]);
        assert_eq!(t, vec![(8, 2, [4], Comm::new(b"new")), (3, 1, [2], Comm::new(b"other"))]);
        // The same pid again with another start time is another process.
        m.arrays.insert("a".into(), vec![(8, slot1(8, 8, 3, "again", 1))]);
        let (i, _) = read1(&mut p, &mut m);
        assert_eq!(i, vec![(8, 3, [1], Comm::new(b"again"))]);
        let (_, t) = read1(&mut p, &mut m);
        assert_eq!(t, vec![(3, 1, [2], Comm::new(b"other")), (8, 3, [1], Comm::new(b"again"))]);
    }

    #[test]
    fn top_rows() {
        let rows = vec![(3, 5u64), (1, 9), (2, 5)];
        assert_eq!(top(rows, 2, |r| r.1, |r| (r.0, 0)), vec![(1, 9), (2, 5)]);
        assert_eq!(start_ticks(1_500_000_000, 100), 150);
    }
}
