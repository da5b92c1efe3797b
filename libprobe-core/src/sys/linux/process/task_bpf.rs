//! The process table's cheap fields through the `iter/task` BPF iterator
//! (`ebpf/bpf/task.bpf.c`): the kernel walks its own task list and writes one fixed-layout
//! record per thread-group leader (and a short one per other thread), instead of one
//! open+read+close of `/proc/<pid>/stat` (and `schedstat`, `oom_score_adj` and ten `ns/*`
//! links) per process.
//!
//! [`decode`] is pure: bytes in, one [`TaskRow`] per process out, with the kernel's own
//! formulas applied here (so that they are tested in Rust). Which field the iterator gives
//! exactly as `/proc` prints it, and which must still come from `/proc` (see
//! `docs/process-via-bpf.md`, checked by the live test at the end of this file):
//!
//! | field (`ProcessFull`) | `/proc` computes | the iterator | source |
//! |---|---|---|---|
//! | `pid`, `tgid` | `task->tgid` (level 0) | same | iterator |
//! | `ppid` | `task_tgid_nr_ns(real_parent)` | `real_parent->tgid` | iterator |
//! | `pgid`, `sid` | `signal->pids[PGID/SID]` nr at level 0 | same | iterator |
//! | `name` | `proc_task_name`: `comm`, but a kernel thread's full name / a workqueue worker's `+desc` | `comm`; a kernel thread's `struct kthread` name (`get_kthread_comm`) | iterator; `/proc/<pid>/comm` for workqueue workers ([`kthread_name`]) |
//! | `state`, `state_char` | `task_state_index(__state, exit_state)` | same formula (6.1+ bits) | iterator |
//! | `nice`, `priority` | `static_prio - 120`, `prio - 100` | same | iterator |
//! | `sched_policy`, `sched_priority` | `policy`, `rt_priority` | same | iterator |
//! | `num_threads` | `signal->nr_threads` | same | iterator |
//! | `start_time` | `nsec_to_clock_t(start_boottime)` (+ time-namespace offset) | `start_boottime / 10^7` (USER_HZ 100; only without a boottime offset) | iterator |
//! | `flags`, `is_kernel_thread` | `task->flags` | same | iterator |
//! | `cpu_user_ticks`, `cpu_system_ticks` | `thread_group_cputime_adjusted`: sum over live threads + `signal`, then `cputime_adjust` with `signal->prev_cputime` | the same sums and [`cputime_adjust`] (tick-based accounting) | iterator, except the reader's own process (`/proc` first brings the reading thread's runtime up to date) |
//! | `cpu_children_user/system` | `nsec_to_clock_t(signal->cutime/cstime)` | same | iterator |
//! | `page_faults_minor/major` | `signal->min_flt` + each live thread's | same | iterator |
//! | `page_faults_children_*` | `signal->cmin_flt/cmaj_flt` | same | iterator |
//! | `memory_vms` | `PAGE_SIZE * mm->total_vm`, 0 without an mm or for a kernel thread | same | iterator |
//! | `memory_rss` | `get_mm_rss`: file + anon + shmem `percpu_counter_read_positive` | same | iterator |
//! | `uid_*`, `gid_*` | `real_cred` ids (initial user namespace) | same (tested) | `/proc/<pid>/status`, read with the rest of it |
//! | `ns_*` | `ns.inum` of `nsproxy`'s, the cred's user ns, the active pid ns; `pid_for_children` only with a child reaper | same (tested); missing where `nsproxy` is gone (zombie) | iterator; the `/proc/<pid>/ns` links where it has none |
//! | `tty_nr` | `new_encode_dev(tty_devnum(signal->tty))` | the driver's major and `minor_start + index`, encoded here | iterator |
//! | `last_cpu` | `task_cpu(task)` | `thread_info.cpu` | iterator |
//! | `delay.blkio_delay_ticks` | `nsec_to_clock_t(delays->blkio_delay)`, 0 without `delays` | same | iterator |
//! | `delay.cpu_run_time_ns`, `cpu_run_delay_ns`, `cpu_timeslices` | `schedstat`: the leader's `se.sum_exec_runtime`, `sched_info.run_delay`, `sched_info.pcount` | same (`CONFIG_SCHED_INFO`) | iterator |
//! | `oom_score_adj` | `signal->oom_score_adj` | same | iterator (`oom_score`, computed by `oom_badness`, from `/proc`) |
//!
//! The iterator lists the tasks of the initial pid namespace, numbered as it numbers them:
//! the loader uses it only from there, in the initial user namespace, without a boottime
//! offset, and on the host's procfs (not a fixture).

// Without the ebpf feature the iterator never loads: only the tests decode.
#![cfg_attr(not(feature = "ebpf"), allow(dead_code))]

use crate::model::Reason;
use crate::parse::cstr;
use crate::source::Source;
pub(crate) use crate::sys::imp::ebpf::kept::Unavailable;
use crate::sys::imp::ebpf::kept::{self, KeptIter};
use crate::sys::imp::procfs::pid_stat::PidStat;
use crate::text::ByteStr;

/// The kinds of record (`kind`, the first word).
const KIND_LEADER: u32 = 1;
const KIND_THREAD: u32 = 2;
/// `struct thread_part`: kind, tgid, utime, stime, sum_exec_runtime, min_flt, maj_flt.
pub(crate) const THREAD_RECORD: usize = 48;
/// `struct task_rec`: a thread part, then the leader's fields.
pub(crate) const LEADER_RECORD: usize = 360;
/// `struct kthread_name`: kind, tgid, and the 64-byte name /proc prints for a kernel
/// thread (NUL-terminated), right after its leader record.
const KTHREAD_NAME: u32 = 3;
pub(crate) const KTHREAD_NAME_RECORD: usize = 72;

/// `has` bits.
const HAS_MM: u32 = 1;
const HAS_NSPROXY: u32 = 2;
const HAS_CRED: u32 = 4;
const HAS_SIGNAL: u32 = 8;
const HAS_TIME_NS: u32 = 16;
const HAS_TTY: u32 = 32;
const HAS_DELAYS: u32 = 64;
/// A kernel thread whose `/proc` name is its `comm`: not a workqueue worker, and no full
/// name kept at its creation (`get_kthread_comm`).
const HAS_COMM_NAME: u32 = 128;
/// `run_delay` and `pcount` were read (CONFIG_SCHED_INFO).
const HAS_SCHED_INFO: u32 = 256;

/// `PF_KTHREAD`.
pub(crate) const PF_KTHREAD: u32 = 0x0020_0000;
/// Nanoseconds per clock tick as `/proc` prints them (USER_HZ 100 on every Linux
/// architecture libprobe builds for).
const NS_PER_TICK: u64 = 10_000_000;

/// The namespaces of [`TaskRow::ns`], in that order: their links under `/proc/<pid>`.
pub(crate) const NAMESPACES: [&std::ffi::CStr; 10] = [
    c"ns/cgroup",
    c"ns/ipc",
    c"ns/mnt",
    c"ns/net",
    c"ns/pid",
    c"ns/pid_for_children",
    c"ns/time",
    c"ns/time_for_children",
    c"ns/user",
    c"ns/uts",
];

/// One process as the iterator saw it, in `/proc`'s units.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct TaskRow {
    pub pid: i32,
    pub ppid: i32,
    pub pgid: i32,
    pub sid: i32,
    /// `comm`; `None` for a kernel thread whose `/proc` name may differ (a workqueue
    /// worker's `+desc`, a full name longer than `comm`).
    pub name: Option<ByteStr>,
    /// The letter `/proc/<pid>/stat` prints.
    pub state: u8,
    pub flags: u32,
    pub nice: i32,
    pub priority: i32,
    pub policy: u32,
    pub rt_priority: u32,
    pub num_threads: u32,
    /// Clock ticks since boot.
    pub start_time: u64,
    /// User and system ticks; `None` where `/proc` must give them (the reader's own
    /// process, or a record without its signal struct).
    pub cpu: Option<(u64, u64)>,
    pub children_cpu: (u64, u64),
    pub minflt: u64,
    pub majflt: u64,
    pub cminflt: u64,
    pub cmajflt: u64,
    /// `mm->total_vm` and `get_mm_rss`, in pages (0 without an mm, as `/proc` prints).
    pub vsize_pages: u64,
    pub rss_pages: u64,
    /// Real, effective, saved, filesystem.
    pub uids: Option<[u32; 4]>,
    pub gids: Option<[u32; 4]>,
    /// `tty_nr`: the controlling terminal's device number as `new_encode_dev` encodes it,
    /// 0 when none.
    pub tty_nr: i32,
    /// The CPU the process (its leader) last ran on.
    pub processor: i32,
    /// `delayacct_blkio_ticks`: 0 without delay accounting.
    pub blkio_ticks: u64,
    /// Inode numbers in [`NAMESPACES`] order; `None` where the task had no such
    /// namespace to show (a zombie's `nsproxy` is gone: `/proc` fails too).
    pub ns: [Option<u64>; 10],
    /// `/proc/<pid>/schedstat`: the leader thread's time on a CPU and waiting for one
    /// (ns), and its timeslices; `None` without `CONFIG_SCHED_INFO`.
    pub schedstat: Option<[u64; 3]>,
    /// `signal->oom_score_adj`; `None` without the signal struct.
    pub oom_score_adj: Option<i32>,
}

/// What one record holds before the threads are summed.
struct Leader {
    row: TaskRow,
    /// utime, stime, sum_exec_runtime: `signal`'s plus the leader's own thread.
    times: [u64; 3],
    prev: (u64, u64),
    has_signal: bool,
}

fn u32_at(r: &[u8], at: usize) -> u32 {
    r.get(at..at + 4).and_then(|b| <[u8; 4]>::try_from(b).ok()).map_or(0, u32::from_ne_bytes)
}

fn i32_at(r: &[u8], at: usize) -> i32 {
    u32_at(r, at) as i32
}

fn u64_at(r: &[u8], at: usize) -> u64 {
    r.get(at..at + 8).and_then(|b| <[u8; 8]>::try_from(b).ok()).map_or(0, u64::from_ne_bytes)
}

/// `percpu_counter_read_positive`: the counter's shared count, 0 when negative.
fn positive(r: &[u8], at: usize) -> u64 {
    u64::try_from(u64_at(r, at) as i64).unwrap_or(0)
}

/// The state letter of `task_state_index` (include/linux/sched.h, 6.1+): the report bits
/// of `__state | exit_state`, TASK_IDLE as `I`, frozen and rtlock waits as `D`.
pub(crate) fn state_letter(state: u32, exit_state: u32) -> u8 {
    const TASK_REPORT: u32 = 0x7f;
    const TASK_IDLE: u32 = 0x0402;
    const TASK_RTLOCK_WAIT: u32 = 0x1000;
    const TASK_FROZEN: u32 = 0x8000;
    let mut s = (state | exit_state) & TASK_REPORT;
    if state & TASK_IDLE == TASK_IDLE {
        s = 0x80;
    }
    if state & (TASK_RTLOCK_WAIT | TASK_FROZEN) != 0 {
        s = 0x2;
    }
    let index = 32 - s.leading_zeros(); // fls
    b"RSDTtXZPI"[index as usize]
}

/// `new_encode_dev(MKDEV(major, minor))` (include/linux/kdev_t.h), as `tty_nr` prints it:
/// the minor's low byte, the major, the rest of the minor above (20-bit minors, 12-bit
/// majors in the kernel's `dev_t`).
pub(crate) fn new_encode_dev(major: u32, minor: u32) -> i32 {
    let (major, minor) = (major & 0xfff, minor & 0xf_ffff);
    ((minor & 0xff) | (major << 8) | ((minor & !0xff) << 12)) as i32
}

/// `cputime_adjust` (kernel/sched/cputime.c): the user/system split of `rtime` (the
/// precise runtime) in the ratio of the tick-sampled `utime`/`stime`, never going back
/// from `prev` (the process's `prev_cputime`). Nanoseconds.
pub(crate) fn cputime_adjust(utime: u64, stime: u64, rtime: u64, prev: (u64, u64)) -> (u64, u64) {
    let (prev_u, prev_s) = prev;
    if prev_s.wrapping_add(prev_u) >= rtime {
        return prev;
    }
    let mut st = if stime == 0 {
        0
    } else if utime == 0 {
        rtime
    } else {
        // mul_u64_u64_div_u64: exact on x86-64 (a 128-bit product).
        let q = (stime as u128 * rtime as u128) / (stime as u128 + utime as u128);
        u64::try_from(q).unwrap_or(u64::MAX).min(rtime)
    };
    if st < prev_s {
        st = prev_s;
    }
    let mut ut = rtime.wrapping_sub(st);
    if ut < prev_u {
        ut = prev_u;
        st = rtime.wrapping_sub(ut);
    }
    (ut, st)
}

/// Every process of one run, in pid order, decoded when asked for: the run's bytes stay
/// where the iterator wrote them and only an index is built (pid, offset), so that a
/// stat-only table reads each record once, when its process is read, instead of writing
/// a row array and reading it back. Looked up at the row after the previous lookup's
/// (a reader goes through the pids in order), else by binary search over the pids alone
/// (the iterator walks pids in order: no sort, no hash; a `HashMap` and its hashing were
/// 6 % of a 1 000-process stat-only table).
#[derive(Debug, Default)]
pub(crate) struct Tasks<'b> {
    bytes: &'b [u8],
    /// Each process's pid, ascending, and where its leader record starts.
    pids: Vec<i32>,
    at: Vec<usize>,
    /// The other threads' utime, stime, runtime, minflt, majflt, summed by process,
    /// ascending by process (few: only multi-threaded processes have any).
    threads: Vec<(i32, [u64; 5])>,
    /// Kernel threads' `/proc` names: the pid and where its name record starts,
    /// ascending.
    kthread_names: Vec<(i32, usize)>,
    own_tgid: i32,
}

impl Tasks<'_> {
    /// The process `pid`, if the iterator listed it; looked for at index `*near` first,
    /// and `*near` moves past it (a reader going through the pids in order finds each
    /// next process there, without a binary search).
    pub(crate) fn get(&self, pid: i32, near: &mut usize) -> Option<TaskRow> {
        super::near_index(&self.pids, pid, near).map(|i| self.row(i))
    }

    pub(crate) fn len(&self) -> usize {
        self.pids.len()
    }

    /// The rows, by ascending pid.
    #[cfg_attr(not(any(test, feature = "fuzzing")), allow(dead_code))]
    pub(crate) fn iter(&self) -> impl Iterator<Item = TaskRow> + '_ {
        (0..self.pids.len()).map(|i| self.row(i))
    }

    /// The pids, ascending.
    pub(crate) fn pids(&self) -> impl Iterator<Item = i32> + '_ {
        self.pids.iter().copied()
    }

    /// The `i`th process, its other threads summed in and its CPU times adjusted.
    fn row(&self, i: usize) -> TaskRow {
        let (tgid, at) = (self.pids[i], self.at[i]);
        let r = &self.bytes[at..at + LEADER_RECORD];
        let own = [u64_at(r, 8), u64_at(r, 16), u64_at(r, 24), u64_at(r, 32), u64_at(r, 40)];
        let mut l = leader(r, tgid, own);
        if let Ok(j) = self.threads.binary_search_by_key(&tgid, |t| t.0) {
            let t = self.threads[j].1;
            for (sum, v) in l.times.iter_mut().zip(t) {
                *sum = sum.wrapping_add(v);
            }
            l.row.minflt = l.row.minflt.wrapping_add(t[3]);
            l.row.majflt = l.row.majflt.wrapping_add(t[4]);
        }
        if l.has_signal && tgid != self.own_tgid {
            let (u, s) = cputime_adjust(l.times[0], l.times[1], l.times[2], l.prev);
            l.row.cpu = Some((u / NS_PER_TICK, s / NS_PER_TICK));
        }
        if l.row.name.is_none()
            && let Ok(j) = self.kthread_names.binary_search_by_key(&tgid, |k| k.0)
        {
            let name = &self.bytes[self.kthread_names[j].1 + 8..self.kthread_names[j].1 + KTHREAD_NAME_RECORD];
            l.row.name = Some(ByteStr::from(cstr(name)));
        }
        l.row
    }
}

/// Every process of the iterator's output `bytes`, and a warning when some bytes did not
/// form a record. `own_tgid`: the reader's process (its CPU times come from `/proc`). Of
/// two records with one pid (never from the kernel), the first is kept.
pub(crate) fn decode(bytes: &[u8], own_tgid: i32) -> (Tasks<'_>, Option<String>) {
    let mut leaders: Vec<(i32, usize)> = Vec::with_capacity(bytes.len() / LEADER_RECORD);
    let mut threads: Vec<(i32, [u64; 5])> = Vec::new();
    let mut kthread_names: Vec<(i32, usize)> = Vec::new();
    let (mut bad, mut first_bad) = (0usize, None::<String>);
    let mut at = 0;
    while at < bytes.len() {
        let kind = u32_at(bytes, at);
        let size = match kind {
            KIND_LEADER => LEADER_RECORD,
            KIND_THREAD => THREAD_RECORD,
            KTHREAD_NAME => KTHREAD_NAME_RECORD,
            _ => 0,
        };
        let Some(r) = (size > 0).then(|| bytes.get(at..at + size)).flatten() else {
            bad += 1;
            first_bad.get_or_insert_with(|| format!("at byte {at}: kind {kind}, {} bytes left", bytes.len() - at));
            break; // the stream cannot be resynchronised
        };
        let tgid = i32_at(r, 4);
        if tgid <= 0 {
            bad += 1;
            first_bad.get_or_insert_with(|| format!("a record with pid {tgid}"));
        } else if kind == KIND_THREAD {
            threads.push((tgid, [u64_at(r, 8), u64_at(r, 16), u64_at(r, 24), u64_at(r, 32), u64_at(r, 40)]));
        } else if kind == KTHREAD_NAME {
            kthread_names.push((tgid, at));
        } else {
            leaders.push((tgid, at));
        }
        at += size;
    }
    // The kernel's order is by pid already: these cost one pass each.
    if !leaders.is_sorted_by_key(|l| l.0) {
        leaders.sort_by_key(|l| l.0);
    }
    leaders.dedup_by_key(|l| l.0);
    if !threads.is_sorted_by_key(|t| t.0) {
        threads.sort_by_key(|t| t.0);
    }
    // One sum a process (threads of a process without a leader record are kept, never
    // looked up).
    threads.dedup_by(|t, kept| {
        let same = t.0 == kept.0;
        if same {
            for (sum, v) in kept.1.iter_mut().zip(t.1) {
                *sum = sum.wrapping_add(v);
            }
        }
        same
    });
    let problem = first_bad.map(|f| format!("BPF iterator task: records left out: {bad}, the first {f}"));
    if !kthread_names.is_sorted_by_key(|k| k.0) {
        kthread_names.sort_by_key(|k| k.0);
    }
    let (pids, at) = leaders.into_iter().unzip();
    (Tasks { bytes, pids, at, threads, kthread_names, own_tgid }, problem)
}

/// The leader record `r` (its thread part `own`: utime, stime, runtime, minflt, majflt).
fn leader(r: &[u8], tgid: i32, own: [u64; 5]) -> Leader {
    let flags = u32_at(r, 60);
    let has = u32_at(r, 92);
    let (state, exit_state) = (u32_at(r, 64), u32_at(r, 68));
    let kthread = flags & PF_KTHREAD != 0;
    let comm = cstr(&r[296..312]);
    let has_sig = has & HAS_SIGNAL != 0;
    let has_mm = has & HAS_MM != 0 && !kthread;
    let ids = |at: usize| [u32_at(r, at), u32_at(r, at + 4), u32_at(r, at + 8), u32_at(r, at + 12)];
    let cred = has & HAS_CRED != 0;
    let nsproxy = has & HAS_NSPROXY != 0;
    let time_ns = nsproxy && has & HAS_TIME_NS != 0;
    let mut ns = [None; 10];
    for (i, slot) in ns.iter_mut().enumerate() {
        let present = match i {
            4 => true,
            6 | 7 => time_ns,
            8 => cred,
            _ => nsproxy,
        };
        let inum = u32_at(r, 256 + 4 * i);
        *slot = (present && inum != 0).then_some(u64::from(inum));
    }
    let row = TaskRow {
        pid: tgid,
        ppid: i32_at(r, 48),
        pgid: i32_at(r, 52),
        sid: i32_at(r, 56),
        name: (!kthread || has & HAS_COMM_NAME != 0).then(|| ByteStr::from(comm)),
        state: state_letter(state, exit_state),
        flags,
        nice: i32_at(r, 76).wrapping_sub(120),
        priority: i32_at(r, 72).wrapping_sub(100),
        policy: u32_at(r, 80),
        rt_priority: u32_at(r, 84),
        num_threads: u32_at(r, 88),
        start_time: u64_at(r, 96) / NS_PER_TICK,
        cpu: None,
        children_cpu: (u64_at(r, 144) / NS_PER_TICK, u64_at(r, 152) / NS_PER_TICK),
        minflt: u64_at(r, 160).wrapping_add(own[3]),
        majflt: u64_at(r, 168).wrapping_add(own[4]),
        cminflt: u64_at(r, 176),
        cmajflt: u64_at(r, 184),
        vsize_pages: if has_mm { u64_at(r, 192) } else { 0 },
        rss_pages: if has_mm {
            positive(r, 200).wrapping_add(positive(r, 208)).wrapping_add(positive(r, 216))
        } else {
            0
        },
        tty_nr: if has & HAS_TTY != 0 { new_encode_dev(u32_at(r, 312), u32_at(r, 316)) } else { 0 },
        processor: i32_at(r, 320),
        blkio_ticks: if has & HAS_DELAYS != 0 { u64_at(r, 328) / NS_PER_TICK } else { 0 },
        uids: cred.then(|| ids(224)),
        gids: cred.then(|| ids(240)),
        ns,
        schedstat: (has & HAS_SCHED_INFO != 0).then(|| [own[2], u64_at(r, 336), u64_at(r, 344)]),
        oom_score_adj: has_sig.then(|| i32_at(r, 352)),
    };
    let times =
        [u64_at(r, 104).wrapping_add(own[0]), u64_at(r, 112).wrapping_add(own[1]), u64_at(r, 120).wrapping_add(own[2])];
    Leader { row, times, prev: (u64_at(r, 128), u64_at(r, 136)), has_signal: has_sig }
}

/// The most output one run reads (360 bytes a process, 48 a thread: over 500 000
/// processes).
const LIMIT: usize = 1 << 28;

/// The `iter/task` iterator of one probe.
#[derive(Debug, Default)]
pub(crate) struct TaskIter(KeptIter);

impl TaskIter {
    /// Every process of the initial pid namespace, read by the iterator (loaded on the
    /// first call), and a warning when some records did not decode.
    pub(crate) fn read(&mut self, src: &Source) -> Result<(Tasks<'_>, Option<String>), Unavailable> {
        let bytes = self.0.run(LIMIT, || load(src))?;
        Ok(decode(bytes, std::process::id() as i32))
    }

    /// Whether the program is loaded and attached (its descriptors open).
    #[cfg(test)]
    pub(crate) fn is_loaded(&self) -> bool {
        !matches!(self.0, KeptIter::NotTried | KeptIter::Unavailable(_))
    }
}

/// Whether the iterator describes what `src` would: the host's procfs, seen from the
/// initial pid and user namespaces, without a boottime offset (see the module's header).
fn same_view(src: &Source) -> Result<(), Unavailable> {
    let no = |m: &str| Err(Unavailable::new(Reason::NotSupported, m));
    let err = |e: crate::error::Error| Unavailable::new(e.reason(), e.to_string());
    kept::own_procfs(src)?;
    let status = src.read_proc("self/status").map_err(err)?;
    let nspid = status.split(|&b| b == b'\n').find_map(|l| l.strip_prefix(b"NSpid:"));
    if nspid.is_some_and(|l| l.split(|b| b.is_ascii_whitespace()).filter(|w| !w.is_empty()).count() != 1) {
        return no("the probe is in a pid namespace below the initial one");
    }
    let uid_map = src.read_proc("self/uid_map").map_err(err)?;
    let words: Vec<&[u8]> = uid_map.split(|b| b.is_ascii_whitespace()).filter(|w| !w.is_empty()).collect();
    if words != [&b"0"[..], b"0", b"4294967295"] {
        return no("the probe is in a user namespace below the initial one");
    }
    // Without CONFIG_TIME_NS there is no offset to apply.
    if let Ok(offsets) = src.read_proc("self/timens_offsets") {
        let boot = offsets.split(|&b| b == b'\n').find(|l| l.starts_with(b"boottime"));
        let zero = boot.is_none_or(|l| l.split(|b| b.is_ascii_whitespace()).skip(1).all(|w| w.is_empty() || w == b"0"));
        if !zero {
            return no("the probe's time namespace has a boottime offset");
        }
    }
    Ok(())
}

fn load(src: &Source) -> Result<KeptIter, Unavailable> {
    #[cfg(feature = "ebpf")]
    static OBJECT: &[u8] = include_bytes!("../ebpf/bpf/task.bpf.o");
    #[cfg(not(feature = "ebpf"))]
    static OBJECT: &[u8] = &[];
    same_view(src)?;
    kept::load("task", OBJECT, &[])
}

/// The row as `/proc/<pid>/stat` would have parsed, or `None` where `/proc` must give it:
/// a kernel thread's name (unless `kthread_name` gives it), the reader's own process (its
/// CPU times).
pub(crate) fn pid_stat(row: TaskRow, kthread_name: Option<ByteStr>, page_size: u64) -> Option<PidStat> {
    use crate::parse::Val;
    let name = row.name.or(kthread_name)?;
    let (utime, stime) = row.cpu?;
    // task_vsize: PAGE_SIZE * total_vm, in the kernel's unsigned long.
    let vsize = row.vsize_pages.checked_mul(page_size)?;
    Some(PidStat {
        pid: Val::Ok(row.pid),
        comm: name,
        state: row.state,
        ppid: Val::Ok(row.ppid),
        pgrp: Val::Ok(row.pgid),
        session: Val::Ok(row.sid),
        tty_nr: Val::Ok(row.tty_nr),
        flags: Val::Ok(row.flags),
        minflt: Val::Ok(row.minflt),
        cminflt: Val::Ok(row.cminflt),
        majflt: Val::Ok(row.majflt),
        cmajflt: Val::Ok(row.cmajflt),
        utime: Val::Ok(utime),
        stime: Val::Ok(stime),
        cutime: Val::Ok(row.children_cpu.0),
        cstime: Val::Ok(row.children_cpu.1),
        priority: Val::Ok(row.priority),
        nice: Val::Ok(row.nice),
        num_threads: Val::Ok(row.num_threads),
        starttime: row.start_time,
        vsize: Val::Ok(vsize),
        rss_pages: Val::Ok(row.rss_pages),
        processor: Val::Ok(row.processor),
        rt_priority: Val::Ok(row.rt_priority),
        policy: Val::Ok(row.policy),
        delayacct_blkio_ticks: Val::Ok(row.blkio_ticks),
        problems: Default::default(),
    })
}

/// A kernel thread's name as `/proc/<pid>/stat` prints it, from `/proc/<pid>/comm`'s
/// bytes: both print `proc_task_name` (the thread's full name, a workqueue worker's
/// `+desc`), `comm` with a newline and escaped. A name with a backslash may have been
/// escaped (a tab, a quote): `None`, and `stat` is read instead.
pub(crate) fn kthread_name(comm_file: &[u8]) -> Option<ByteStr> {
    let name = comm_file.strip_suffix(b"\n")?;
    (!name.contains(&b'\\')).then(|| ByteStr::from_bytes(name))
}

/// Builders of iterator records, for the tests.
#[cfg(test)]
pub(crate) mod testing {
    use super::*;

    /// A thread record: tgid, utime, stime, runtime (ns), minflt, majflt.
    pub(crate) fn thread(tgid: i32, t: [u64; 5]) -> Vec<u8> {
        let mut r = Vec::with_capacity(THREAD_RECORD);
        r.extend(KIND_THREAD.to_ne_bytes());
        r.extend(tgid.to_ne_bytes());
        for v in t {
            r.extend(v.to_ne_bytes());
        }
        r
    }

    /// A leader record with the raw kernel values named by their offsets' fields.
    #[derive(Debug, Clone, Default)]
    pub(crate) struct Raw {
        pub tgid: i32,
        pub own: [u64; 5],
        pub ppid: i32,
        pub pgid: i32,
        pub sid: i32,
        pub flags: u32,
        pub state: u32,
        pub exit_state: u32,
        pub prio: i32,
        pub static_prio: i32,
        pub policy: u32,
        pub rt_priority: u32,
        pub nr_threads: i32,
        pub has: u32,
        pub start_boottime: u64,
        /// sig utime, stime, sum_sched_runtime, prev utime, prev stime, cutime, cstime,
        /// min_flt, maj_flt, cmin_flt, cmaj_flt, total_vm.
        pub sig: [u64; 12],
        pub rss: [i64; 3],
        pub uid: [u32; 4],
        pub gid: [u32; 4],
        pub ns: [u32; 10],
        pub comm: [u8; 16],
        /// tty major, tty minor, processor, pad.
        pub tail: [i32; 4],
        pub blkio_delay: u64,
        pub run_delay: u64,
        pub pcount: u64,
        pub oom_score_adj: i32,
    }

    impl Raw {
        pub(crate) fn bytes(&self) -> Vec<u8> {
            let mut r = thread(self.tgid, self.own);
            r[..4].copy_from_slice(&KIND_LEADER.to_ne_bytes());
            for v in [self.ppid, self.pgid, self.sid] {
                r.extend(v.to_ne_bytes());
            }
            for v in [self.flags, self.state, self.exit_state] {
                r.extend(v.to_ne_bytes());
            }
            for v in [self.prio, self.static_prio] {
                r.extend(v.to_ne_bytes());
            }
            for v in [self.policy, self.rt_priority, self.nr_threads as u32, self.has] {
                r.extend(v.to_ne_bytes());
            }
            r.extend(self.start_boottime.to_ne_bytes());
            for v in self.sig {
                r.extend(v.to_ne_bytes());
            }
            for v in self.rss {
                r.extend(v.to_ne_bytes());
            }
            for v in self.uid.iter().chain(&self.gid).chain(&self.ns) {
                r.extend(v.to_ne_bytes());
            }
            r.extend(self.comm);
            for v in self.tail {
                r.extend(v.to_ne_bytes());
            }
            for v in [self.blkio_delay, self.run_delay, self.pcount] {
                r.extend(v.to_ne_bytes());
            }
            r.extend(self.oom_score_adj.to_ne_bytes());
            r.extend(0u32.to_ne_bytes());
            debug_assert_eq!(r.len(), LEADER_RECORD);
            r
        }
    }

    /// A plain sleeping process.
    pub(crate) fn sleeper(tgid: i32) -> Raw {
        let mut comm = [0u8; 16];
        comm[..5].copy_from_slice(b"sleep");
        Raw {
            tgid,
            own: [30_000_000, 10_000_000, 40_000_000, 100, 2],
            ppid: 1,
            pgid: tgid,
            sid: tgid,
            state: 1,
            prio: 120,
            static_prio: 120,
            nr_threads: 1,
            has: HAS_MM | HAS_NSPROXY | HAS_CRED | HAS_SIGNAL | HAS_TIME_NS | HAS_TTY | HAS_DELAYS | HAS_SCHED_INFO,
            start_boottime: 123_456_789_000,
            sig: [0, 0, 0, 0, 0, 20_000_000, 0, 0, 0, 7, 1, 5000],
            rss: [100, 200, 3],
            uid: [1000; 4],
            gid: [100; 4],
            ns: [
                4_026_531_835,
                4_026_531_839,
                4_026_531_841,
                4_026_531_840,
                4_026_531_836,
                4_026_531_836,
                4_026_531_834,
                4_026_531_834,
                4_026_531_837,
                4_026_531_838,
            ],
            comm,
            tail: [136, 3, 1, 0],
            blkio_delay: 50_000_000,
            run_delay: 70_000,
            pcount: 12,
            oom_score_adj: 200,
            ..Raw::default()
        }
    }
}

#[cfg(test)]
mod tests {
    use super::testing::*;
    use super::*;

    #[test]
    fn a_sleeping_process_in_procs_units() {
        let bytes = sleeper(42).bytes();
        let (rows, problem) = decode(&bytes, 1);
        assert_eq!(problem, None);
        let r = rows.get(42, &mut 0).unwrap();
        assert_eq!((r.pid, r.ppid, r.pgid, r.sid), (42, 1, 42, 42));
        assert_eq!(r.name.as_ref().unwrap(), &ByteStr::from("sleep"));
        assert_eq!((r.state, r.nice, r.priority, r.num_threads), (b'S', 0, 20, 1));
        assert_eq!(r.start_time, 12_345);
        // 30 ms user, 10 ms system sampled; 40 ms run: split 3:1.
        assert_eq!(r.cpu, Some((3, 1)));
        assert_eq!(r.children_cpu, (2, 0));
        assert_eq!((r.minflt, r.majflt, r.cminflt, r.cmajflt), (100, 2, 7, 1));
        assert_eq!((r.vsize_pages, r.rss_pages), (5000, 303));
        assert_eq!(r.uids, Some([1000; 4]));
        assert_eq!(r.ns[3], Some(4_026_531_840));
        // /dev/pts/3: major 136, minor 3.
        assert_eq!((r.tty_nr, r.processor, r.blkio_ticks), (34819, 1, 5));
        // schedstat: the leader's own run time (its thread part), run delay, timeslices.
        assert_eq!(r.schedstat, Some([40_000_000, 70_000, 12]));
        assert_eq!(r.oom_score_adj, Some(200));
    }

    #[test]
    fn a_kernel_threads_comm_file_is_its_stat_name_unless_escaped() {
        assert_eq!(kthread_name(b"kworker/0:1-events\n"), Some(ByteStr::from("kworker/0:1-events")));
        assert_eq!(kthread_name(b"irq/9-acpi"), None, "no newline: not what comm prints");
        assert_eq!(kthread_name(b"odd\\tname\n"), None, "a tab, escaped: stat is read instead");
    }

    #[test]
    fn tty_numbers_encode_as_the_kernel_does() {
        assert_eq!(new_encode_dev(4, 1), 0x401); // /dev/tty1
        assert_eq!(new_encode_dev(136, 300), (300 & 0xff) | (136 << 8) | (256 << 12));
    }

    #[test]
    fn threads_add_up_into_their_process() {
        let mut bytes = sleeper(42).bytes();
        bytes.extend(thread(42, [50_000_000, 0, 60_000_000, 10, 1]));
        bytes.extend(thread(43, [1, 1, 1, 1, 1])); // no leader: not a process
        let (rows, problem) = decode(&bytes, 1);
        assert_eq!(problem, None);
        assert_eq!(rows.len(), 1);
        let r = rows.get(42, &mut 0).unwrap();
        assert_eq!((r.minflt, r.majflt), (110, 3));
        // utime 80 ms, stime 10 ms, runtime 100 ms: stime = 10 * 100 / 90 = 11.1 ms.
        assert_eq!(r.cpu, Some((8, 1)));
    }

    #[test]
    fn the_readers_own_cpu_and_a_kernel_threads_name_come_from_proc() {
        let mut k = sleeper(2);
        k.flags = PF_KTHREAD;
        k.rss = [5, 5, 5];
        k.sig[11] = 9;
        let mut bytes = k.bytes();
        bytes.extend(sleeper(7).bytes());
        let (rows, _) = decode(&bytes, 7);
        assert_eq!(rows.get(2, &mut 0).unwrap().name, None);
        assert_eq!((rows.get(2, &mut 0).unwrap().vsize_pages, rows.get(2, &mut 0).unwrap().rss_pages), (0, 0));
        assert_eq!(rows.get(7, &mut 0).unwrap().cpu, None);
        assert!(rows.get(2, &mut 0).unwrap().cpu.is_some());
    }

    #[test]
    fn a_kernel_threads_name_is_its_name_record_or_its_comm_when_flagged() {
        let named = |pid: i32, name: &[u8]| {
            let mut r = KTHREAD_NAME.to_ne_bytes().to_vec();
            r.extend(pid.to_ne_bytes());
            let mut field = [0u8; KTHREAD_NAME_RECORD - 8];
            field[..name.len()].copy_from_slice(name);
            r.extend(field);
            r
        };
        let kthread = |pid: i32, has: u32| {
            let mut k = sleeper(pid);
            k.flags = PF_KTHREAD;
            k.has |= has;
            k.bytes()
        };
        let long = b"rcu_exp_par_gp_kthread_worker/0";
        let mut bytes = kthread(3, 0);
        bytes.extend(named(3, long));
        bytes.extend(kthread(4, HAS_COMM_NAME));
        bytes.extend(kthread(5, 0)); // a workqueue worker: no name record, no flag
        let (rows, problem) = decode(&bytes, 1);
        assert_eq!(problem, None);
        assert_eq!(rows.get(3, &mut 0).unwrap().name, Some(ByteStr::from(&long[..])));
        assert_eq!(rows.get(4, &mut 0).unwrap().name, Some(ByteStr::from("sleep")));
        assert_eq!(rows.get(5, &mut 0).unwrap().name, None);
        assert_eq!(rows.len(), 3, "a name record is not a process");
    }

    #[test]
    fn a_zombie_has_no_memory_and_only_its_pid_and_user_namespaces() {
        let mut z = sleeper(9);
        z.state = 0;
        z.exit_state = 0x20;
        z.has = HAS_CRED | HAS_SIGNAL;
        let bytes = z.bytes();
        let (rows, _) = decode(&bytes, 1);
        let r = rows.get(9, &mut 0).unwrap();
        assert_eq!(r.state, b'Z');
        assert_eq!((r.vsize_pages, r.rss_pages), (0, 0));
        let present: Vec<_> = NAMESPACES.iter().zip(r.ns).filter(|(_, v)| v.is_some()).map(|(n, _)| *n).collect();
        assert_eq!(present, [c"ns/pid", c"ns/user"]);
    }

    #[test]
    fn state_letters_follow_task_state_index() {
        assert_eq!(state_letter(0, 0), b'R');
        assert_eq!(state_letter(1, 0), b'S');
        assert_eq!(state_letter(2, 0), b'D');
        assert_eq!(state_letter(4, 0), b'T');
        assert_eq!(state_letter(8, 0), b't');
        assert_eq!(state_letter(0, 0x10), b'X');
        assert_eq!(state_letter(0, 0x20), b'Z');
        assert_eq!(state_letter(0x40, 0), b'P');
        assert_eq!(state_letter(0x402, 0), b'I');
        assert_eq!(state_letter(0x8000, 0), b'D');
        assert_eq!(state_letter(0x81, 0), b'S'); // TASK_WAKEKILL | INTERRUPTIBLE: not reported
    }

    #[test]
    fn cputime_adjust_never_goes_back() {
        // prev already covers rtime: prev as it is.
        assert_eq!(cputime_adjust(5, 5, 10, (6, 6)), (6, 6));
        // No system ticks: all user.
        assert_eq!(cputime_adjust(5, 0, 10, (0, 0)), (10, 0));
        assert_eq!(cputime_adjust(0, 5, 10, (0, 0)), (0, 10));
        // stime would shrink below prev: kept.
        assert_eq!(cputime_adjust(9, 1, 20, (5, 8)), (12, 8));
    }

    #[test]
    fn a_torn_stream_keeps_what_came_before() {
        let mut bytes = sleeper(42).bytes();
        bytes.extend(&sleeper(43).bytes()[..100]);
        let (rows, problem) = decode(&bytes, 1);
        assert_eq!(rows.len(), 1);
        assert!(problem.unwrap().contains("records left out: 1"));
        let (rows, problem) = decode(&[9, 0, 0, 0, 1, 0, 0, 0], 1);
        assert!(rows.len() == 0 && problem.is_some());
    }

    proptest::proptest! {
        /// The split is a split: it sums to the runtime (or stays at prev), and neither
        /// part goes below prev.
        #[test]
        fn cputime_adjust_splits_the_runtime(u in 0u64..1 << 50, s in 0u64..1 << 50, rtime in 0u64..1 << 52,
                                             pu in 0u64..1 << 50, ps in 0u64..1 << 50) {
            let (ut, st) = cputime_adjust(u, s, rtime, (pu, ps));
            if pu + ps >= rtime {
                proptest::prop_assert_eq!((ut, st), (pu, ps));
            } else {
                proptest::prop_assert_eq!(ut + st, rtime);
                proptest::prop_assert!(ut >= pu && st >= ps);
            }
        }

        /// Records round-trip: any sequence of leader and thread records decodes to one row
        /// per leader, without a warning, whatever the values.
        #[test]
        fn any_records_decode(leaders in proptest::collection::vec((1i32..1000, proptest::prelude::any::<[u64; 5]>(),
                                  proptest::prelude::any::<u32>(), 0u32..0x80), 0..8),
                              threads in proptest::collection::vec((1i32..1000, proptest::prelude::any::<[u64; 5]>()), 0..8)) {
            let mut bytes = Vec::new();
            let mut pids = std::collections::BTreeSet::new();
            for (pid, own, flags, state) in &leaders {
                let mut raw = sleeper(*pid);
                raw.own = *own;
                raw.flags = *flags;
                raw.state = *state;
                bytes.extend(raw.bytes());
                pids.insert(*pid);
            }
            for (pid, t) in &threads {
                bytes.extend(thread(*pid, *t));
            }
            let (rows, problem) = decode(&bytes, 0);
            proptest::prop_assert_eq!(problem, None);
            proptest::prop_assert_eq!(rows.len(), pids.len());
            for (r, pid) in rows.iter().zip(&pids) {
                proptest::prop_assert_eq!(*pid, r.pid);
                proptest::prop_assert!(b"RSDTtXZPI".contains(&r.state));
            }
        }
    }
}

/// Both paths on the same live processes: every field the iterator gives equals what
/// `/proc` prints for the same process read just before and just after it.
#[cfg(all(test, feature = "ebpf"))]
mod live {
    use std::collections::HashMap;
    use std::io::{BufRead, BufReader};
    use std::process::{Command, Stdio};

    use super::*;
    use crate::sys::imp::ebpf::loader::missing_capabilities;
    use crate::sys::imp::procfs::{pid_ns, pid_schedstat, pid_stat, pid_status};

    /// A parent with three sleeping threads and nice 5; a child renamed `itertask-named`
    /// (prctl); a child stopped by SIGSTOP; a child that exited and is not reaped (a
    /// zombie); a child busy on a CPU (its CPU ticks move between reads); a child in its own
    /// session with a pseudo-terminal as its controlling terminal (its `tty_nr`).
    const FAMILY: &str = r#"
import ctypes, os, pty, signal, sys, threading, time
os.nice(5)
tty_pid, tty_master = pty.fork()
if tty_pid == 0:
    time.sleep(600)
    os._exit(0)
def child(body):
    pid = os.fork()
    if pid == 0:
        body()
        os._exit(0)
    return pid
def named():
    ctypes.CDLL(None).prctl(15, b"itertask-named", 0, 0, 0)
    sys.stdin.read()
def busy():
    while True:
        pass
named_pid = child(named)
stopped = child(lambda: time.sleep(600))
os.kill(stopped, signal.SIGSTOP)
zombie = child(lambda: None)
busy_pid = child(busy)
for _ in range(3):
    threading.Thread(target=time.sleep, args=(600,), daemon=True).start()
time.sleep(0.3)
print(os.getpid(), named_pid, stopped, zombie, busy_pid, tty_pid, flush=True)
sys.stdin.read()
for p in (stopped, busy_pid, tty_pid):
    os.kill(p, signal.SIGKILL)
for p in (named_pid, stopped, zombie, busy_pid, tty_pid):
    os.waitpid(p, 0)
"#;

    /// What `/proc` says of one process, in the iterator's terms.
    fn from_proc(pid: i32) -> Option<TaskRow> {
        let stat = std::fs::read(format!("/proc/{pid}/stat")).ok()?;
        let status = std::fs::read(format!("/proc/{pid}/status")).ok()?;
        let s = pid_stat::parse(&stat).ok()?;
        let st = pid_status::parse(&status);
        let v = |x: &crate::parse::Val<u32>| x.value();
        let ids = |a: &[crate::parse::Val<u32>; 4]| Some([v(&a[0])?, v(&a[1])?, v(&a[2])?, v(&a[3])?]);
        let mut ns = [None; 10];
        for (slot, name) in ns.iter_mut().zip(NAMESPACES) {
            *slot = std::fs::read_link(format!("/proc/{pid}/{}", name.to_string_lossy()))
                .ok()
                .and_then(|t| pid_ns::inode(t.as_os_str().as_encoded_bytes()).ok());
        }
        let sched = std::fs::read(format!("/proc/{pid}/schedstat")).map(|t| pid_schedstat::parse(&t));
        let schedstat =
            sched.ok().and_then(|s| Some([s.run_time_ns.value()?, s.run_delay_ns.value()?, s.timeslices.value()?]));
        let oom_score_adj =
            std::fs::read_to_string(format!("/proc/{pid}/oom_score_adj")).ok().and_then(|t| t.trim().parse().ok());
        let flags = s.flags.value()?;
        Some(TaskRow {
            pid,
            ppid: s.ppid.value()?,
            pgid: s.pgrp.value()?,
            sid: s.session.value()?,
            name: Some(s.comm.clone()),
            state: s.state,
            flags,
            nice: s.nice.value()?,
            priority: s.priority.value()?,
            policy: s.policy.value()?,
            rt_priority: s.rt_priority.value()?,
            num_threads: s.num_threads.value()?,
            start_time: s.starttime,
            cpu: Some((s.utime.value()?, s.stime.value()?)),
            children_cpu: (s.cutime.value()?, s.cstime.value()?),
            minflt: s.minflt.value()?,
            majflt: s.majflt.value()?,
            cminflt: s.cminflt.value()?,
            cmajflt: s.cmajflt.value()?,
            vsize_pages: s.vsize.value()? / 4096,
            rss_pages: s.rss_pages.value()?,
            tty_nr: s.tty_nr.value()?,
            processor: s.processor.value()?,
            blkio_ticks: s.delayacct_blkio_ticks.value()?,
            uids: ids(&st.uids),
            gids: ids(&st.gids),
            ns,
            schedstat,
            oom_score_adj,
        })
    }

    #[test]
    fn the_iterator_gives_what_proc_gives() {
        if !missing_capabilities().is_empty() {
            eprintln!("SKIPPED the_iterator_gives_what_proc_gives: needs CAP_BPF and CAP_PERFMON");
            return;
        }
        let src = Source::host();
        if let Err(u) = same_view(&src) {
            eprintln!("SKIPPED the_iterator_gives_what_proc_gives: {}", u.message);
            return;
        }
        let mut family =
            Command::new("python3").args(["-c", FAMILY]).stdin(Stdio::piped()).stdout(Stdio::piped()).spawn().unwrap();
        let mut line = String::new();
        BufReader::new(family.stdout.take().unwrap()).read_line(&mut line).unwrap();
        let n: Vec<i32> = line.split_whitespace().map(|w| w.parse().unwrap()).collect();
        let (parent, named, stopped, zombie, busy, on_tty) = (n[0], n[1], n[2], n[3], n[4], n[5]);

        let mut it = TaskIter::default();
        let me = std::process::id() as i32;
        // A process that ran between the two /proc reads is not compared, but one that woke
        // and slept again in between (another test's, a kernel worker) reads the same before
        // and after while the iterator saw it running: a difference that does not repeat. So
        // the whole comparison is taken again, a few times; a real difference repeats in every
        // attempt, and the last attempt's is reported.
        let mut attempt = 0;
        let (before, rows, after) = loop {
            attempt += 1;
            let pids: Vec<i32> = src.pids().unwrap();
            let before: HashMap<i32, TaskRow> = pids.iter().filter_map(|&p| Some((p, from_proc(p)?))).collect();
            let (rows, problem) = it.read(&src).expect("the iterator loads here");
            let after: HashMap<i32, TaskRow> = pids.iter().filter_map(|&p| Some((p, from_proc(p)?))).collect();
            assert_eq!(problem, None);
            let mut differ = Vec::new();
            let (mut compared, mut named_kthreads) = (0, 0);
            for (pid, b) in &before {
                if after.get(pid) != Some(b) {
                    continue;
                }
                let Some(mut r) = rows.get(*pid, &mut 0) else {
                    // Linux 6.18's iter/task starts after the first task: pid 1 is never
                    // visited (the collector reads what the iterator did not list from /proc).
                    if *pid != 1 {
                        differ.push(format!("pid {pid}: not listed by the iterator"));
                    }
                    continue;
                };
                // Our own process is compared without its CPU times, which /proc brings up
                // to date for the reading thread first.
                if *pid == me {
                    r.cpu = b.cpu;
                }
                // A kernel thread the iterator left unnamed is named from /proc; one it
                // named must carry the name /proc prints.
                if r.name.is_none() && r.flags & PF_KTHREAD != 0 {
                    r.name = b.name.clone();
                } else if r.flags & PF_KTHREAD != 0 {
                    named_kthreads += 1;
                }
                if &r != b {
                    differ.push(format!("pid {pid}:\n  iterator {r:?}\n  /proc    {b:?}"));
                }
                compared += 1;
            }
            // The family must sit still across the reads (under load the parent may still be
            // on its way to its blocking read).
            let moved: Vec<i32> = [parent, named, stopped, zombie, on_tty]
                .into_iter()
                .filter(|p| before.get(p) != after.get(p))
                .collect();
            if differ.is_empty() && moved.is_empty() && compared >= 5 {
                eprintln!(
                    "compared {compared} processes field by field, {named_kthreads} kernel threads named by the iterator (attempt {attempt})"
                );
                // kthreadd (pid 2) has a short name and is no workqueue worker.
                assert!(named_kthreads >= 1, "no kernel thread named by its comm");
                break (before, rows, after);
            }
            assert!(
                attempt < 5,
                "{} of {compared} differ, family moved: {moved:?}:\n{}",
                differ.len(),
                differ.join("\n")
            );
            std::thread::sleep(std::time::Duration::from_millis(200));
        };

        // Ours, field by field, with the known properties.
        // os.nice(5) adds to the nice value the test runs with.
        let nice = (rows.get(me, &mut 0).unwrap().nice + 5).min(19);
        let p = &rows.get(parent, &mut 0).unwrap();
        assert_eq!((p.nice, p.priority, p.num_threads, p.state), (nice, 20 + nice, 4, b'S'));
        assert_eq!(rows.get(named, &mut 0).unwrap().name.as_ref().unwrap(), &ByteStr::from("itertask-named"));
        assert_eq!(rows.get(named, &mut 0).unwrap().ppid, parent);
        assert_eq!(rows.get(stopped, &mut 0).unwrap().state, b'T');
        assert_eq!(rows.get(zombie, &mut 0).unwrap().state, b'Z');
        assert_eq!(
            (rows.get(zombie, &mut 0).unwrap().vsize_pages, rows.get(zombie, &mut 0).unwrap().rss_pages),
            (0, 0)
        );
        assert_eq!(rows.get(busy, &mut 0).unwrap().state, b'R');
        // A pseudo-terminal: major 136 (Unix98 pty slaves), its session's leader.
        let tty = rows.get(on_tty, &mut 0).unwrap().tty_nr;
        assert_eq!(((tty >> 8) & 0xfff, rows.get(on_tty, &mut 0).unwrap().sid), (136, on_tty), "tty_nr {tty:#x}");
        assert!(before.contains_key(&on_tty), "the child on a terminal was compared with /proc");
        assert_eq!(rows.get(me, &mut 0).unwrap().cpu, None, "the reader's own CPU times come from /proc");

        // The busy child's CPU ticks move between the reads (it runs all along): between
        // the two /proc reads. Its identity does not move.
        let (b0, b1, bi) = (&before[&busy], &after[&busy], &rows.get(busy, &mut 0).unwrap());
        assert_eq!((bi.pid, bi.start_time), (b0.pid, b0.start_time));
        let (c0, c1, ci) = (b0.cpu.unwrap(), b1.cpu.unwrap(), bi.cpu.unwrap());
        assert!(c0.0 + c0.1 <= ci.0 + ci.1 && ci.0 + ci.1 <= c1.0 + c1.1, "{c0:?} {ci:?} {c1:?}");
        // So do its schedstat's run time and timeslices.
        let (s0, s1, si) = (b0.schedstat.unwrap(), b1.schedstat.unwrap(), bi.schedstat.unwrap());
        for i in [0, 2] {
            assert!(s0[i] <= si[i] && si[i] <= s1[i], "schedstat {s0:?} {si:?} {s1:?}");
        }

        // Loaded once: a second run reads again without loading.
        assert!(matches!(it.0, KeptIter::Loaded(_)));
        assert!(it.read(&src).is_ok());
        drop(family.stdin.take());
        family.wait().unwrap();
    }
}
