//! The layouts of the values the BPF programs leave in their maps (`bpf/*.bpf.c`,
//! `bpf/common.h`), and pure decoders from their bytes.
//!
//! Values are in the host's byte order (the programs run on this CPU). A per-CPU map's
//! lookup gives one value per possible CPU, each [`stride`] bytes apart. Every decoder
//! takes any bytes: a short value is `None` (the caller warns), never a panic. The test
//! `layouts_match_the_objects` checks every offset here against the objects' BTF.

use crate::ebpf::LatencyHistogram;

/// Buckets of `struct hist`.
pub(crate) const HIST_BUCKETS: usize = LatencyHistogram::BUCKETS;

/// `sizeof(struct hist)`: sum_ns, min_inv, max_ns, pad, win[2] (epoch, min_inv, max),
/// buckets[48].
pub(crate) const HIST_SIZE: usize = 4 * 8 + 2 * 3 * 8 + HIST_BUCKETS * 8;

/// The distance between two CPUs' values of a per-CPU map (the kernel rounds each to 8).
pub(crate) fn stride(value_size: usize) -> usize {
    value_size.div_ceil(8) * 8
}

pub(crate) fn u64_at(b: &[u8], off: usize) -> Option<u64> {
    let bytes = b.get(off..off.checked_add(8)?)?;
    Some(u64::from_ne_bytes(bytes.try_into().ok()?))
}

pub(crate) fn u32_at(b: &[u8], off: usize) -> Option<u32> {
    let bytes = b.get(off..off.checked_add(4)?)?;
    Some(u32::from_ne_bytes(bytes.try_into().ok()?))
}

/// A task name (`comm`: at most 16 bytes, up to its NUL), kept inline: a read of
/// thousands of processes allocates none. Taking one is a 16-byte copy; its end is found
/// only when the name is used (most names read are never returned).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub(crate) struct Comm {
    bytes: [u8; 16],
}

impl Comm {
    #[cfg(test)]
    pub(crate) fn new(name: &[u8]) -> Comm {
        let mut c = Comm::default();
        let n = name.len().min(16);
        c.bytes[..n].copy_from_slice(&name[..n]);
        c
    }

    /// The `char[16]` at `off` of `b` (a fixed-size copy: no call).
    pub(crate) fn at(b: &[u8], off: usize) -> Option<Comm> {
        let raw: [u8; 16] = b.get(off..off.checked_add(16)?)?.try_into().ok()?;
        Some(Comm { bytes: raw })
    }

    /// The name, up to its NUL.
    pub(crate) fn as_bytes(&self) -> &[u8] {
        let len = self.bytes.iter().position(|&c| c == 0).unwrap_or(16);
        &self.bytes[..len]
    }
}

/// The sum of one `u64` at `off` over every CPU's value.
pub(crate) fn percpu_sum(values: &[u8], value_size: usize, off: usize) -> u64 {
    values.chunks(stride(value_size)).filter_map(|v| u64_at(v, off)).fold(0, u64::wrapping_add)
}

/// `struct hist` summed over CPUs: cumulative buckets and sum since attach, the minimum
/// and maximum since attach, and those of the values added in epoch `window` (the
/// interval that just ended).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Hist {
    pub buckets: [u64; HIST_BUCKETS],
    pub sum_ns: u64,
    pub min_ns: Option<u64>,
    pub max_ns: Option<u64>,
    pub window_min_ns: Option<u64>,
    pub window_max_ns: Option<u64>,
}

impl Default for Hist {
    fn default() -> Self {
        Hist {
            buckets: [0; HIST_BUCKETS],
            sum_ns: 0,
            min_ns: None,
            max_ns: None,
            window_min_ns: None,
            window_max_ns: None,
        }
    }
}

fn min_opt(a: Option<u64>, b: Option<u64>) -> Option<u64> {
    match (a, b) {
        (Some(x), Some(y)) => Some(x.min(y)),
        (x, y) => x.or(y),
    }
}

fn max_opt(a: Option<u64>, b: Option<u64>) -> Option<u64> {
    match (a, b) {
        (Some(x), Some(y)) => Some(x.max(y)),
        (x, y) => x.or(y),
    }
}

impl Hist {
    /// Adds one CPU's `struct hist` at `off` of `b`. `None` when `b` is too short.
    pub(crate) fn add(&mut self, b: &[u8], off: usize, window: u64) -> Option<()> {
        let h = b.get(off..off.checked_add(HIST_SIZE)?)?;
        let word = |i: usize| u64_at(h, i * 8).unwrap_or(0);
        let mut count = 0u64;
        for (i, slot) in self.buckets.iter_mut().enumerate() {
            let c = word(10 + i);
            count = count.wrapping_add(c);
            *slot = slot.wrapping_add(c);
        }
        self.sum_ns = self.sum_ns.wrapping_add(word(0));
        if count > 0 {
            // min_inv is ~minimum: 0 means none yet.
            self.min_ns = min_opt(self.min_ns, (word(1) != 0).then(|| !word(1)));
            self.max_ns = max_opt(self.max_ns, Some(word(2)));
        }
        let w = 4 + 3 * (window & 1) as usize;
        if window != 0 && word(w) == window {
            self.window_min_ns = min_opt(self.window_min_ns, Some(!word(w + 1)));
            self.window_max_ns = max_opt(self.window_max_ns, Some(word(w + 2)));
        }
        Some(())
    }

    /// The histogram since attach.
    pub(crate) fn total(&self) -> LatencyHistogram {
        LatencyHistogram::from_counts(&self.buckets, self.sum_ns, self.min_ns, self.max_ns)
    }

    /// The interval since `prev` (the same histogram one snapshot earlier): bucket and
    /// sum differences, with this window's extremes as its minimum and maximum.
    pub(crate) fn delta(&self, prev: &Hist) -> Hist {
        let mut d = Hist::default();
        for (i, slot) in d.buckets.iter_mut().enumerate() {
            *slot = self.buckets[i].saturating_sub(prev.buckets[i]);
        }
        d.sum_ns = self.sum_ns.saturating_sub(prev.sum_ns);
        d.min_ns = self.window_min_ns;
        d.max_ns = self.window_max_ns;
        d
    }

    /// Adds `other`'s values (histograms of several keys together).
    pub(crate) fn merge(&mut self, other: &Hist) {
        for (a, b) in self.buckets.iter_mut().zip(other.buckets) {
            *a = a.wrapping_add(b);
        }
        self.sum_ns = self.sum_ns.wrapping_add(other.sum_ns);
        self.min_ns = min_opt(self.min_ns, other.min_ns);
        self.max_ns = max_opt(self.max_ns, other.max_ns);
        self.window_min_ns = min_opt(self.window_min_ns, other.window_min_ns);
        self.window_max_ns = max_opt(self.window_max_ns, other.window_max_ns);
    }

    /// The histogram of the interval since `prev`.
    pub(crate) fn since(&self, prev: &Hist) -> LatencyHistogram {
        self.delta(prev).total()
    }

    /// Values counted.
    pub(crate) fn count(&self) -> u64 {
        self.buckets.iter().fold(0u64, |a, c| a.wrapping_add(*c))
    }
}

/// Layouts: `(struct, [(field, offset)], size)`, as in the BPF sources.
pub(crate) mod layout {
    /// `struct sys_stat` (syscalls.bpf.c), per syscall number and CPU.
    pub(crate) mod sys_stat {
        pub(crate) const CALLS: usize = 0;
        pub(crate) const ERRORS: usize = 8;
        pub(crate) const LAT: usize = 16;
        pub(crate) const SIZE: usize = 16 + super::super::HIST_SIZE;
    }
    /// `struct slot_head` (common.h): the start of every per-thread slot.
    pub(crate) mod slot_head {
        pub(crate) const TID: usize = 0;
        pub(crate) const TGID: usize = 4;
        pub(crate) const START: usize = 8;
        pub(crate) const COMM: usize = 16;
    }
    /// `struct thread_slot` (syscalls.bpf.c).
    pub(crate) mod thread_slot {
        pub(crate) use super::slot_head::{COMM, START, TGID, TID};
        pub(crate) const CALLS: usize = 48;
        pub(crate) const ERRORS: usize = 56;
        pub(crate) const LATENCY_NS: usize = 64;
        pub(crate) const SIZE: usize = 72;
    }
    /// `struct proc_key` (common.h): the key of every per-process map.
    pub(crate) mod proc_key {
        pub(crate) const TGID: usize = 0;
        pub(crate) const START: usize = 8;
        pub(crate) const SIZE: usize = 16;
    }
    /// `struct off_thread` (offcpu.bpf.c).
    pub(crate) mod off_thread {
        pub(crate) use super::slot_head::{COMM, START, TGID, TID};
        pub(crate) const VOLUNTARY_NS: usize = 48;
        pub(crate) const INVOLUNTARY_NS: usize = 56;
        pub(crate) const VOLUNTARY_SWITCHES: usize = 64;
        pub(crate) const INVOLUNTARY_SWITCHES: usize = 72;
        pub(crate) const SIZE: usize = 80;
    }
    /// `struct bio_dev_key` and `struct bio_dev` (biolatency.bpf.c).
    pub(crate) mod bio_dev {
        pub(crate) const KEY_DEV: usize = 0;
        pub(crate) const KEY_OP: usize = 4;
        pub(crate) const KEY_SIZE: usize = 8;
        pub(crate) const BYTES: usize = 0;
        pub(crate) const LAT: usize = 16;
        pub(crate) const SIZE: usize = 16 + super::super::HIST_SIZE;
    }
    /// `struct bio_pid` (biolatency.bpf.c).
    pub(crate) mod bio_pid {
        pub(crate) const READS: usize = 0;
        pub(crate) const WRITES: usize = 8;
        pub(crate) const READ_BYTES: usize = 16;
        pub(crate) const WRITE_BYTES: usize = 24;
        pub(crate) const READ_NS: usize = 32;
        pub(crate) const WRITE_NS: usize = 40;
        pub(crate) const COMM: usize = 48;
        pub(crate) const FLAGS: usize = 64;
        pub(crate) const SIZE: usize = 72;
    }
    /// `struct fault_thread` (faults.bpf.c).
    pub(crate) mod fault_thread {
        pub(crate) use super::slot_head::{COMM, START, TGID, TID};
        pub(crate) const MINOR: usize = 48;
        pub(crate) const MAJOR: usize = 56;
        pub(crate) const SIZE: usize = 64;
    }
    /// `struct mmap_proc` (mmap.bpf.c).
    pub(crate) mod mmap_proc {
        pub(crate) const CALLS: usize = 0;
        pub(crate) const COMM: usize = 8;
        pub(crate) const FLAGS: usize = 24;
        pub(crate) const SIZE: usize = 32;
    }
    /// `struct open_event` (opens.bpf.c).
    pub(crate) mod open_event {
        pub(crate) const TS: usize = 0;
        pub(crate) const START: usize = 8;
        pub(crate) const RET: usize = 16;
        pub(crate) const TGID: usize = 24;
        pub(crate) const TID: usize = 28;
        pub(crate) const FLAGS: usize = 32;
        pub(crate) const PATH_LEN: usize = 36;
        pub(crate) const TRUNCATED: usize = 40;
        pub(crate) const COMM: usize = 48;
        pub(crate) const PATH: usize = 64;
        pub(crate) const PATH_BYTES: usize = 256;
        pub(crate) const SIZE: usize = PATH + PATH_BYTES;
    }
    /// A per-process record's `flags`: the process's last thread exited.
    pub(crate) const PROC_EXITED: u32 = 1;

    /// Every layout above, for the test against the objects' BTF:
    /// (object, struct, size, [(field, offset)]).
    #[cfg(test)]
    pub(crate) type Layout = (&'static str, &'static str, usize, &'static [(&'static str, usize)]);

    #[cfg(test)]
    pub(crate) const ALL: &[Layout] = &[
        (
            "syscalls",
            "hist",
            super::HIST_SIZE,
            &[("sum_ns", 0), ("min_inv", 8), ("max_ns", 16), ("win", 32), ("buckets", 80)],
        ),
        ("syscalls", "hist_window", 24, &[("epoch", 0), ("min_inv", 8), ("max", 16)]),
        ("syscalls", "sys_stat", sys_stat::SIZE, &[("calls", 0), ("errors", 8), ("lat", 16)]),
        (
            "syscalls",
            "slot_head",
            32,
            &[
                ("tid", slot_head::TID),
                ("tgid", slot_head::TGID),
                ("start", slot_head::START),
                ("comm", slot_head::COMM),
            ],
        ),
        (
            "syscalls",
            "thread_slot",
            thread_slot::SIZE,
            &[
                ("h", 0),
                ("enter_ns", 32),
                ("calls", thread_slot::CALLS),
                ("errors", thread_slot::ERRORS),
                ("latency_ns", thread_slot::LATENCY_NS),
            ],
        ),
        ("offcpu", "slot_head", 32, &[("tid", 0), ("tgid", 4), ("start", 8), ("comm", 16)]),
        ("biolatency", "proc_key", proc_key::SIZE, &[("tgid", proc_key::TGID), ("start", proc_key::START)]),
        (
            "offcpu",
            "off_thread",
            off_thread::SIZE,
            &[
                ("h", 0),
                ("voluntary_ns", off_thread::VOLUNTARY_NS),
                ("involuntary_ns", off_thread::INVOLUNTARY_NS),
                ("voluntary_switches", off_thread::VOLUNTARY_SWITCHES),
                ("involuntary_switches", off_thread::INVOLUNTARY_SWITCHES),
            ],
        ),
        ("biolatency", "bio_dev_key", bio_dev::KEY_SIZE, &[("dev", bio_dev::KEY_DEV), ("op", bio_dev::KEY_OP)]),
        ("biolatency", "bio_dev", bio_dev::SIZE, &[("bytes", bio_dev::BYTES), ("lat", bio_dev::LAT)]),
        (
            "biolatency",
            "bio_pid",
            bio_pid::SIZE,
            &[
                ("reads", bio_pid::READS),
                ("writes", bio_pid::WRITES),
                ("read_bytes", bio_pid::READ_BYTES),
                ("write_bytes", bio_pid::WRITE_BYTES),
                ("read_ns", bio_pid::READ_NS),
                ("write_ns", bio_pid::WRITE_NS),
                ("comm", bio_pid::COMM),
                ("flags", bio_pid::FLAGS),
            ],
        ),
        ("runqlat", "hist", super::HIST_SIZE, &[("buckets", 80)]),
        (
            "faults",
            "fault_thread",
            fault_thread::SIZE,
            &[("h", 0), ("minor", fault_thread::MINOR), ("major", fault_thread::MAJOR)],
        ),
        (
            "mmap",
            "mmap_proc",
            mmap_proc::SIZE,
            &[("calls", mmap_proc::CALLS), ("comm", mmap_proc::COMM), ("flags", mmap_proc::FLAGS)],
        ),
        ("filelat", "hist", super::HIST_SIZE, &[("buckets", 80)]),
        (
            "opens",
            "open_event",
            open_event::SIZE,
            &[
                ("ts_ns", open_event::TS),
                ("start", open_event::START),
                ("ret", open_event::RET),
                ("tgid", open_event::TGID),
                ("tid", open_event::TID),
                ("flags", open_event::FLAGS),
                ("path_len", open_event::PATH_LEN),
                ("truncated", open_event::TRUNCATED),
                ("comm", open_event::COMM),
                ("path", open_event::PATH),
            ],
        ),
    ];
}

/// A kernel `dev_t` (`MKDEV`: major << 20 | minor) as (major, minor).
pub(crate) fn dev_parts(dev: u32) -> (u32, u32) {
    (dev >> 20, dev & 0xfffff)
}

/// Test helpers: values as the programs write them.
#[cfg(test)]
pub(crate) mod tests_support {
    use super::*;

    /// One CPU's `struct hist` with these buckets, sum, extremes and window
    /// (epoch, min, max).
    pub(crate) fn hist(buckets: &[(usize, u64)], sum: u64, min: u64, max: u64, win: (u64, u64, u64)) -> Vec<u8> {
        let mut w = vec![0u64; HIST_SIZE / 8];
        w[0] = sum;
        w[1] = !min;
        w[2] = max;
        let at = 4 + 3 * (win.0 & 1) as usize;
        w[at] = win.0;
        w[at + 1] = !win.1;
        w[at + 2] = win.2;
        for &(i, c) in buckets {
            w[10 + i] = c;
        }
        w.iter().flat_map(|x| x.to_ne_bytes()).collect()
    }
}

#[cfg(test)]
mod tests {
    use super::tests_support::hist as hist_bytes;
    use super::*;

    #[test]
    fn hist_sums_cpus_and_takes_the_window() {
        let cpu0 = hist_bytes(&[(10, 3)], 3000, 1000, 1020, (5, 1000, 1020));
        let cpu1 = hist_bytes(&[(10, 1), (12, 2)], 9000, 1010, 5000, (4, 7, 7));
        let mut h = Hist::default();
        h.add(&cpu0, 0, 5).unwrap();
        h.add(&cpu1, 0, 5).unwrap();
        assert_eq!(h.buckets[10], 4);
        assert_eq!(h.buckets[12], 2);
        assert_eq!((h.sum_ns, h.min_ns, h.max_ns), (12000, Some(1000), Some(5000)));
        // cpu1's window is of epoch 4: not this interval's.
        assert_eq!((h.window_min_ns, h.window_max_ns), (Some(1000), Some(1020)));
        let d = h.since(&Hist::default());
        assert_eq!((d.count, d.sum_ns, d.min_ns, d.max_ns), (6, 12000, Some(1000), Some(1020)));
        assert!(h.add(&cpu0[..100], 0, 5).is_none());
    }

    #[test]
    fn fields() {
        let b = [1u8, 0, 0, 0, 2, 0, 0, 0];
        assert_eq!(u32_at(&b, 4), Some(2));
        assert_eq!(u64_at(&b, 1), None);
        assert_eq!(u64_at(&b, usize::MAX), None);
        let mut c = [0u8; 20];
        c[2..5].copy_from_slice(b"top");
        assert_eq!(Comm::at(&c, 2).unwrap().as_bytes(), b"top");
        assert_eq!(Comm::at(&c, 10), None);
        assert_eq!(Comm::at(&[b'x'; 16], 0).unwrap().as_bytes(), &[b'x'; 16]);
        assert_eq!(dev_parts((7 << 20) | 3), (7, 3));
        assert_eq!(stride(12), 16);
        let v: Vec<u8> = [5u64, 0, 7, 0].iter().flat_map(|x| x.to_ne_bytes()).collect();
        assert_eq!(percpu_sum(&v, 16, 0), 12);
    }
}

/// Every layout of [`layout::ALL`] against the BTF of the committed objects.
#[cfg(all(test, feature = "ebpf"))]
mod btf {
    use libbpf_rs::btf::types::Struct;
    use libbpf_rs::btf::{Btf, HasSize};

    fn object(name: &str) -> &'static [u8] {
        match name {
            "syscalls" => include_bytes!("bpf/syscalls.bpf.o"),
            "runqlat" => include_bytes!("bpf/runqlat.bpf.o"),
            "offcpu" => include_bytes!("bpf/offcpu.bpf.o"),
            "biolatency" => include_bytes!("bpf/biolatency.bpf.o"),
            "faults" => include_bytes!("bpf/faults.bpf.o"),
            "mmap" => include_bytes!("bpf/mmap.bpf.o"),
            "opens" => include_bytes!("bpf/opens.bpf.o"),
            "filelat" => include_bytes!("bpf/filelat.bpf.o"),
            other => panic!("no object {other}"),
        }
    }

    #[test]
    fn layouts_match_the_objects() {
        for (obj, name, size, fields) in super::layout::ALL {
            let btf = Btf::from_raw(obj, object(obj)).unwrap().unwrap();
            let s: Struct<'_> = btf.type_by_name(name).unwrap_or_else(|| panic!("{obj}: no struct {name}"));
            assert_eq!(s.size(), *size, "{obj}: sizeof(struct {name})");
            for (field, offset) in *fields {
                let m = s
                    .iter()
                    .find(|m| m.name.is_some_and(|n| n == *field))
                    .unwrap_or_else(|| panic!("{obj}: struct {name} has no {field}"));
                let bits = match m.attr {
                    libbpf_rs::btf::types::MemberAttr::Normal { offset } => offset,
                    libbpf_rs::btf::types::MemberAttr::BitField { offset, .. } => offset,
                };
                assert_eq!(bits as usize, offset * 8, "{obj}: offsetof(struct {name}, {field})");
            }
        }
    }
}
