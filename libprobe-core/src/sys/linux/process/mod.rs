//! The process collector: one [`ProcessFull`] per `/proc/<pid>`.
//!
//! Each process is read through one directory handle opened on `/proc/<pid>`
//! ([`crate::source::ProcRoot::open_pid`]): if the process exits and its pid is reused
//! while we read, reads through the old handle fail instead of returning the new
//! process's data, so a record never mixes two processes. (With option `via` and nothing
//! asked beyond `stat`, a process the `iter/task` iterator gave is not opened at all: its
//! record is the iterator's, taken at one moment.) A process that exits
//! mid-read is dropped silently. Files are read into the probe's reused buffers and parsed
//! in place.
//!
//! Unreadable files leave their fields missing with a reason: `permission_denied` for
//! another user's `io`, `exe`, `fd`, `ns/*`; `kernel_thread` and `zombie` for what those
//! lack; `gone` when the process exited while it was read; `not_present` for a file this
//! kernel does not have, `not_supported` for a line it does not print. Each value is
//! parsed alone: one that does not parse or fit is reason `error` plus a warning on the
//! domain naming the file and quoting the value, and its neighbours are kept. A process
//! is left out only when it has no identity (`stat` without a start time), with a
//! warning, or when it exited (silently).
//!
//! Command lines are scrubbed of secret values unless `cmdline_scrub` is off (see
//! [`crate::process::scrub`]).

use std::ffi::CStr;
use std::sync::atomic::{AtomicUsize, Ordering};

use crate::domain::Cx;
use crate::error::{Error, ErrorKind, ParseError};
use crate::model::{Domain, Field, Reason, Warnings};
use crate::parse::{Problems, Val};
use crate::process::ProcessOptions;
use crate::process::scrub::Scrubber;
use crate::process::{
    DelayAccounting, FileType, OpenFile, OpenSocket, ProcessFull, ProcessState, SocketType, StatFrom,
};
use crate::source::{PidDir, ProcRoot, Source};
use crate::text::ByteStr;

use crate::sys::imp::cgroup::CgroupCache;
use crate::sys::imp::procfs::{
    self, pid_cmdline, pid_fdinfo, pid_io, pid_limits, pid_maps, pid_ns, pid_schedstat, pid_smaps_rollup, pid_stat,
    pid_status,
};
use crate::sys::imp::taskstats::Taskstats;
use crate::sys::imp::{Buffers, Scratch, Shrink};

// The iter/task fast path (option `via`).
pub(crate) mod task_bpf;

/// Each process's user + system ticks at one snapshot, by (pid, start time): the table's
/// order is by pid, so this is two vectors filled in that order and searched by pid, with
/// no hashing (SipHash and its table's cache misses were 3 % of a 10 000-process
/// stat-only table, `perf record` of `libprobe_procs_stat`).
#[derive(Debug, Default)]
struct CpuByProcess {
    pids: Vec<i32>,
    /// Start time and ticks, beside `pids`.
    values: Vec<(u64, u64)>,
}

impl CpuByProcess {
    /// Refills from (pid, start time, ticks) in any order (a snapshot's is by pid).
    fn refill(&mut self, rows: impl Iterator<Item = (i32, u64, u64)>) {
        self.pids.clear();
        self.values.clear();
        let mut unsorted: Vec<(i32, u64, u64)> = Vec::new();
        for (pid, start, ticks) in rows {
            if !unsorted.is_empty() || self.pids.last().is_some_and(|&last| last >= pid) {
                unsorted.push((pid, start, ticks));
            } else {
                self.pids.push(pid);
                self.values.push((start, ticks));
            }
        }
        if !unsorted.is_empty() {
            unsorted.extend(self.pids.drain(..).zip(self.values.drain(..)).map(|(p, (s, t))| (p, s, t)));
            unsorted.sort_unstable_by_key(|r| r.0);
            for (pid, start, ticks) in unsorted {
                self.pids.push(pid);
                self.values.push((start, ticks));
            }
        }
    }

    /// The ticks of the process `pid` that started at `start` (a reused pid is another
    /// process). `near`: where to look first (see [`Near`]).
    fn get(&self, pid: i32, start: u64, near: &mut usize) -> Option<u64> {
        let i = near_index(&self.pids, pid, near)?;
        let (started, ticks) = self.values[i];
        (started == start).then_some(ticks)
    }
}

/// Where one reader's previous lookups found their process, in the iterator's rows and in
/// the previous snapshot's ticks: a reader takes pids in ascending order, so the next
/// process is most often the next entry, tried before a binary search (two searches a
/// process were a quarter of `read_process`'s own time in a stat-only table through the
/// iterator, `perf record` of `libprobe_procs_stat`).
#[derive(Debug, Default)]
struct Near {
    task: usize,
    cpu: usize,
}

/// The index of `pid` in the ascending `pids`, tried at `*near` first; `*near` moves past it.
fn near_index(pids: &[i32], pid: i32, near: &mut usize) -> Option<usize> {
    let i = match pids.get(*near) {
        Some(&p) if p == pid => *near,
        _ => pids.binary_search(&pid).ok()?,
    };
    *near = i + 1;
    Some(i)
}

/// What every process of one snapshot shares.
struct Ctx<'a> {
    opts: &'a ProcessOptions,
    /// Where `/proc` is (for the paths in warnings).
    src: &'a Source,
    /// Linux 6.2+ reports the number of open descriptors as the size of `/proc/<pid>/fd`:
    /// one `stat` instead of listing the directory (only on a real procfs).
    fd_dir_size_is_count: bool,
    /// `None` when command lines are kept raw.
    scrubber: Option<Scrubber>,
    /// A fixture tree: nothing exits there, so a directory without `stat` is no process.
    fixture: bool,
    ticks: u64,
    page_size: u64,
    boot_time: Field<u64>,
    mem_total: Field<u64>,
    /// Seconds since the previous snapshot, and its per-process CPU ticks.
    prev: Option<(f64, &'a CpuByProcess)>,
    /// The `iter/task` iterator's processes, when option `via` chose it.
    tasks: Option<&'a task_bpf::Tasks<'a>>,
    /// The options need nothing beyond `stat` ([`stat_only`]): a process the iterator
    /// gave is not opened in `/proc` at all.
    stat_only: bool,
}

/// What the process domain keeps between snapshots.
#[derive(Debug, Default)]
pub(crate) struct State {
    /// When the previous snapshot started (CLOCK_MONOTONIC, ns), and each process's CPU
    /// ticks then, for `cpu_percent`.
    prev: Option<(u64, CpuByProcess)>,
    /// The readers' buffers.
    scratch: Scratch,
    /// The process table's size, for giving free memory back after a burst.
    shrink: Shrink,
    /// The `iter/task` iterator (option `via`), loaded on first use and kept while used.
    task_iter: task_bpf::TaskIter,
    /// When a snapshot last ran the iterator: `via = auto` unloads it after
    /// [`Pool::IDLE_MAX`](crate::sys::pool::Pool::IDLE_MAX) without use, so that a burst of
    /// processes does not keep its program, link and descriptors for the probe's life.
    task_iter_used: Option<std::time::Instant>,
    /// How many processes the previous snapshot had (option `via = auto`).
    last_count: Option<usize>,
}

pub(crate) fn collect(cx: &mut Cx<'_>, opts: &ProcessOptions, state: &mut State) -> Domain<Vec<ProcessFull>> {
    let src = cx.src();
    let now_ns = cx.now().monotonic_ns;
    // The system collector, when it ran, has read these already.
    let boot_time = cx.boot_time();
    let mem_total = cx.mem_total();
    let pool = cx.pool();
    let new_kernel = cx.kernel_at_least(6, 2);
    let fd_dir_size_is_count = new_kernel && src.procfs_is_procfs();
    let warnings = cx.warnings();
    if new_kernel && !src.is_fixture() && !fd_dir_size_is_count {
        // A copy of a proc tree (LIBPROBE_PROCFS at a plain directory): the size of a
        // directory there is not a count of descriptors.
        warnings.push(format!(
            "{} is not a procfs: descriptor counts come from listing each fd/ directory",
            src.procfs().display()
        ));
    }
    if let Some(e) = src.fixture_error() {
        warnings.push(e);
    }
    let prev = state.prev.take();
    // Option `via`: `auto` takes the iterator when the previous snapshot had more
    // processes than where it starts to pay (and says nothing when it cannot load).
    let auto_bpf = opts.via == crate::process::Via::Auto && auto_takes_bpf(state.last_count);
    if opts.via == crate::process::Via::Bpf || auto_bpf {
        state.task_iter_used = Some(std::time::Instant::now());
    } else if state.task_iter_used.is_some_and(|t| t.elapsed() > crate::sys::pool::Pool::IDLE_MAX) {
        // Unloaded (its descriptors closed); loaded again when processes are many again.
        state.task_iter = task_bpf::TaskIter::default();
        state.task_iter_used = None;
    }
    let tasks = match opts.via {
        crate::process::Via::Bpf => match state.task_iter.read(src) {
            Ok((rows, problem)) => {
                if let Some(p) = problem {
                    warnings.push(p);
                }
                Some(rows)
            }
            Err(u) => {
                warnings.push(format!("process.via = bpf: {}; /proc/<pid>/stat read instead", u.message));
                None
            }
        },
        crate::process::Via::Auto if auto_bpf => match state.task_iter.read(src) {
            Ok((rows, problem)) => {
                if let Some(p) = problem {
                    warnings.push(p);
                }
                Some(rows)
            }
            Err(_) => None,
        },
        _ => None,
    };
    let stat_only = tasks.is_some() && stat_only(opts);
    let scratch = &mut state.scratch;
    let root = match src.open_procfs() {
        Ok(r) => r,
        Err(e) => return Domain::Failed(e),
    };
    let pids = match &opts.pids {
        Some(list) => {
            // Each process once, as a full scan would list it.
            let mut list = list.clone();
            list.sort_unstable();
            list.dedup();
            list
        }
        // Every process the iterator listed, without listing /proc; and pid 1, which
        // the kernel may not hand to the iterator (see docs/process-via-bpf.md).
        None if stat_only => {
            let rows = tasks.as_ref().map_or(0, task_bpf::Tasks::len);
            let mut list: Vec<i32> = Vec::with_capacity(rows + 1);
            if let Some(t) = &tasks {
                list.extend(t.pids());
            }
            // Ascending already: pid 1 goes first.
            if list.first() != Some(&1) {
                list.insert(0, 1);
            }
            list
        }
        None => match src.pids() {
            Ok(p) => p,
            Err(e) => return Domain::Failed(e),
        },
    };
    let ctx = Ctx {
        opts,
        src,
        fd_dir_size_is_count,
        scrubber: opts.cmdline_scrub.then(|| Scrubber::new(&opts.cmdline_scrub_words)),
        fixture: src.is_fixture(),
        ticks: src.clock_ticks(),
        page_size: src.page_size(),
        boot_time,
        mem_total,
        prev: prev.as_ref().and_then(|(then_ns, cpu)| {
            let dt = now_ns.checked_sub(*then_ns)? as f64 / 1e9;
            (dt > 0.0).then_some((dt, cpu))
        }),
        tasks: tasks.as_ref(),
        stat_only,
    };
    // Records taken whole from the iterator cost less than a thread's start and the copy
    // of its records: one reader unless more were asked for.
    let requested = if stat_only && opts.threads == 0 { 1 } else { opts.threads };
    let workers = worker_count(requested, pids.len());
    if scratch.workers.len() < workers {
        scratch.workers.resize_with(workers, Buffers::default);
    }
    // Workers take batches of pids in order from a shared cursor, so a process with many
    // descriptors or mappings does not leave the other threads idle.
    let cursor = AtomicUsize::new(0);
    // Each reader's share, with room for an uneven split, so that its vector rarely grows.
    let share = if workers > 1 { pids.len() / workers + pids.len() / (4 * workers) + BATCH } else { pids.len() };
    let work = |buffers: &mut Buffers| read_batches(&ctx, src, &root, &pids, &cursor, buffers, share);
    let (mut out, part_warnings) = match scratch.workers.split_first_mut() {
        // The probe's long-lived workers, not a thread each per snapshot.
        Some((first, rest)) if workers > 1 => pool.scope(|s| {
            let helpers: Vec<_> = rest[..workers - 1].iter_mut().map(|b| s.spawn(|| work(b))).collect();
            let mine = work(first);
            let mut theirs = Vec::with_capacity(helpers.len());
            for h in helpers {
                let (part, home) = h.join_home();
                // A panic in a reader is a bug: it goes on to the caller's boundary.
                theirs.push((part.unwrap_or_else(|p| std::panic::resume_unwind(p)), home));
            }
            // The helpers' records are copied here, and each helper frees its own: what
            // the caller keeps comes from its own malloc arena, and a helper's arena gets
            // back all it gave, so a burst of processes leaves no plateau behind it (see
            // `Scope::drop_on`).
            let mut out = mine.processes;
            out.reserve_exact(theirs.iter().map(|(p, _)| p.processes.len()).sum());
            let mut w = mine.warnings;
            for (part, home) in theirs {
                out.extend(part.processes.iter().cloned());
                w.merge_from(&part.warnings);
                s.drop_on(home, part);
            }
            (out, w)
        }),
        Some((first, _)) => {
            let part = work(first);
            (part.processes, part.warnings)
        }
        None => (Vec::new(), Warnings::default()),
    };
    warnings.merge(part_warnings);
    if workers > 1 {
        out.sort_by_key(|p| p.pid);
    }
    // The previous snapshot's vectors are reused for this one's.
    let mut cpu = prev.map(|(_, m)| m).unwrap_or_default();
    cpu.refill(out.iter().filter_map(|p| {
        let total = p.cpu_user_ticks.get()?.checked_add(p.cpu_system_ticks.get()?)?;
        Some((p.pid, p.start_time, total))
    }));
    state.prev = Some((now_ns, cpu));
    // A table that fell below half its peak (a burst of processes ended) leaves the
    // readers' malloc arenas holding the peak's memory, free but resident: it is given
    // back once, here, not after every snapshot (a steady table reuses it).
    state.shrink.release_if_fell(out.len(), PARALLEL_MIN_PROCESSES);
    state.last_count = Some(out.len());
    Domain::Collected(out)
}

/// Option `via = auto` runs the iterator when the previous snapshot had more processes
/// than this. `bench/run_procs_stat.py 100 300 1000` (stat alone,
/// `bench/results/procs-stat-bpf-2026-12-02b.md`): the iterator was faster than `/proc` at
/// every size measured (114 processes: 0.92 vs 1.40 ms; 405: 5.7 vs 11.5 ms); the other
/// option groups were not measured, and an earlier run found it slower on 84 processes
/// of which 65 kernel threads (read from `/proc` either way): a margin is kept.
const AUTO_BPF_ABOVE: usize = 300;

/// `via = auto`: the iterator after a snapshot of more than [`AUTO_BPF_ABOVE`] processes;
/// `/proc` for the first snapshot.
fn auto_takes_bpf(last_count: Option<usize>) -> bool {
    last_count.is_some_and(|n| n > AUTO_BPF_ABOVE)
}

/// Whether the options ask for nothing but what `/proc/<pid>/stat` gives: then a process
/// the iterator gave is not opened in `/proc` at all. Every group is named, so that a new
/// one has to be decided here.
fn stat_only(opts: &ProcessOptions) -> bool {
    let ProcessOptions {
        status,
        io,
        cmdline,
        paths,
        limits,
        oom,
        schedstat,
        fd_count,
        namespaces,
        cgroup,
        smaps_rollup,
        maps,
        fds,
        environ,
        taskstats,
        cgroup_limits,
        pids: _,
        via: _,
        threads: _,
        cmdline_scrub: _,
        cmdline_scrub_words: _,
    } = opts;
    ![
        *status,
        *io,
        *cmdline,
        *paths,
        *limits,
        *oom,
        *schedstat,
        *fd_count,
        *namespaces,
        *cgroup,
        *smaps_rollup,
        *maps,
        *fds,
        *environ,
        *taskstats,
        *cgroup_limits,
    ]
    .contains(&true)
}

/// Processes below this count are read on the calling thread: a thread costs more than
/// it saves on a small table.
const PARALLEL_MIN_PROCESSES: usize = 256;
/// The most threads an automatic choice uses.
const MAX_AUTO_THREADS: usize = 4;
/// Pids a worker takes from the cursor at a time.
const BATCH: usize = 16;

/// The readers for `processes` pids when `requested` were asked for (0: choose).
fn worker_count(requested: usize, processes: usize) -> usize {
    let wanted = match requested {
        0 if processes < PARALLEL_MIN_PROCESSES => 1,
        0 => std::thread::available_parallelism().map_or(1, |n| n.get()).min(MAX_AUTO_THREADS),
        n => n.min(ProcessOptions::MAX_THREADS),
    };
    // Never more threads than batches.
    wanted.clamp(1, processes.div_ceil(BATCH).max(1))
}

/// What one reader keeps for itself across the processes it reads.
struct Own<'s> {
    cgroups: CgroupCache<'s>,
    taskstats: Option<Taskstats>,
    near: Near,
}

/// What one reader thread collected.
struct Part {
    processes: Vec<ProcessFull>,
    warnings: Warnings,
}

/// Reads batches of `pids` until the cursor passes the end. Each reader has its own
/// buffers, cgroup cache and taskstats connection.
fn read_batches<'s>(
    ctx: &Ctx<'s>,
    src: &'s Source,
    root: &ProcRoot<'s>,
    pids: &[i32],
    cursor: &AtomicUsize,
    buffers: &mut Buffers,
    share: usize,
) -> Part {
    let mut own = Own {
        cgroups: CgroupCache::new(src, ctx.opts.cgroup_limits),
        // Taskstats asks the running kernel: it has no answer for a fixture tree's processes.
        taskstats: (ctx.opts.taskstats && !src.is_fixture()).then(|| {
            let sysctl = src.read_proc("sys/kernel/task_delayacct").ok().map(|v| crate::parse::trim(&v) != b"0");
            Taskstats::open(sysctl)
        }),
        near: Near::default(),
    };
    let mut part = Part { processes: Vec::with_capacity(share), warnings: Warnings::default() };
    loop {
        let start = cursor.fetch_add(BATCH, Ordering::Relaxed);
        if start >= pids.len() {
            break;
        }
        for &pid in &pids[start..(start + BATCH).min(pids.len())] {
            match read_process(ctx, root, pid, buffers, &mut own, &mut part.warnings) {
                Ok(Some(p)) => part.processes.push(p),
                Ok(None) => {}
                Err(e) if e.is_gone() => {}
                Err(e) => part.warnings.push(e),
            }
        }
    }
    part
}

/// Reads of one process, tracking whether it vanished meanwhile.
struct Proc<'w, 's> {
    /// `/proc/<pid>`, held open; `None` when every field comes from the iterator (then
    /// no file of the process is read).
    dir: Option<PidDir<'s>>,
    src: &'s Source,
    pid: i32,
    gone: bool,
    zombie: bool,
    kthread: bool,
    warnings: &'w mut Warnings,
}

impl<'s> Proc<'_, 's> {
    /// The open directory: an error (the process reads as gone) where none was opened.
    fn dir(&self) -> Result<&PidDir<'s>, Error> {
        self.dir.as_ref().ok_or_else(|| Error::new(ErrorKind::Gone, "/proc/<pid> was not opened"))
    }

    /// Whether the process still exists (always false without an open directory).
    fn alive(&self) -> bool {
        self.dir.as_ref().is_some_and(PidDir::is_alive)
    }

    /// `<procfs>/<pid>/<name>`, for warnings.
    fn path_of(&self, name: &CStr) -> std::path::PathBuf {
        let mut p = self.src.proc_path(self.pid.to_string());
        p.push(std::ffi::OsStr::new(&*name.to_string_lossy()));
        p
    }

    /// Why a read failed, as a field reason. Establishes whether the process is gone.
    fn reason(&mut self, e: Error) -> Reason {
        match e.kind() {
            ErrorKind::PermissionDenied => Reason::PermissionDenied,
            ErrorKind::NotFound | ErrorKind::Gone => {
                if self.gone || !self.alive() {
                    self.gone = true;
                    Reason::Gone
                } else if self.zombie {
                    Reason::Zombie
                } else if e.kind() == ErrorKind::NotFound {
                    // The process is alive: this kernel does not have the file.
                    Reason::NotPresent
                } else if self.kthread {
                    // Files about user memory answer ESRCH for a live kernel thread.
                    Reason::KernelThread
                } else {
                    // ESRCH while the directory still answers: the process is exiting (its
                    // memory is already released) or turned zombie after `stat` was read.
                    Reason::Gone
                }
            }
            _ => self.warnings.reason(e),
        }
    }

    /// Reads a one-piece file and parses it value by value: the values that did not parse
    /// become warnings naming the file.
    fn values<T>(&mut self, name: &CStr, buf: &mut Vec<u8>, parse: impl FnOnce(&[u8]) -> T) -> Field<T>
    where
        T: HasProblems,
    {
        if self.gone {
            return Field::Missing(Reason::Gone);
        }
        match self.dir().and_then(|d| d.read(name, buf)) {
            // An exiting process's files go empty before its directory goes.
            Ok(()) if buf.is_empty() && !self.alive() => {
                self.gone = true;
                Field::Missing(Reason::Gone)
            }
            Ok(()) => {
                let v = parse(buf);
                if !v.problems().is_empty() {
                    if buf.is_empty() {
                        // Empty while the directory still answers: the process is exiting
                        // (`limits` prints nothing once its signal handlers are released).
                        self.gone = true;
                        return Field::Missing(Reason::Gone);
                    }
                    let path = self.path_of(name);
                    self.warnings.problems(&path, v.problems());
                }
                Field::Value(v)
            }
            Err(e) => Field::Missing(self.reason(e)),
        }
    }

    /// A value computed from valid values (a sum, a product): missing with a warning when
    /// it does not fit its type.
    fn computed<T>(&mut self, name: &CStr, r: Result<T, ParseError>) -> Field<T> {
        self.parsed(name, r)
    }

    /// Reads and parses a one-piece file.
    fn file<T>(
        &mut self,
        name: &CStr,
        buf: &mut Vec<u8>,
        parse: impl FnOnce(&[u8]) -> Result<T, ParseError>,
    ) -> Field<T> {
        if self.gone {
            return Field::Missing(Reason::Gone);
        }
        match self.dir().and_then(|d| d.read(name, buf)) {
            Ok(()) => match parse(buf) {
                // An exiting process's files go empty before its directory goes (`limits`
                // prints nothing once the signal handlers are released): not malformed.
                Err(_) if buf.is_empty() => {
                    self.gone = true;
                    Field::Missing(Reason::Gone)
                }
                r => self.parsed(name, r),
            },
            Err(e) => Field::Missing(self.reason(e)),
        }
    }

    fn parsed<T>(&mut self, name: &CStr, r: Result<T, ParseError>) -> Field<T> {
        match r {
            Ok(v) => Field::Value(v),
            Err(pe) => {
                let path = self.path_of(name);
                self.warnings.push(pe.in_file(path));
                Field::Missing(Reason::Error)
            }
        }
    }

    fn link(&mut self, name: &CStr, buf: &mut Vec<u8>) -> Field<ByteStr> {
        if self.gone {
            return Field::Missing(Reason::Gone);
        }
        match self.dir().and_then(|d| d.readlink(name, buf)) {
            Ok(()) => Field::Value(ByteStr::from(buf.as_slice())),
            Err(e) => Field::Missing(self.reason(e)),
        }
    }

    fn namespace(&mut self, name: &CStr, buf: &mut Vec<u8>) -> Field<u64> {
        if self.gone {
            return Field::Missing(Reason::Gone);
        }
        match self.dir().and_then(|d| d.readlink(name, buf)) {
            Ok(()) => {
                let r = pid_ns::inode(buf);
                self.parsed(name, r)
            }
            Err(e) => {
                let reason = self.reason(e);
                // After unshare(CLONE_NEWPID) the children's pid namespace has no
                // process until the first child is forked: the kernel answers ENOENT.
                let no_child_yet = reason == Reason::NotSupported && name == c"ns/pid_for_children";
                Field::Missing(if no_child_yet { Reason::NotPresent } else { reason })
            }
        }
    }

    /// The reason for a memory line (`Vm*`, `Rss*`) that `status` did not print: kernel
    /// threads and zombies have no user memory; otherwise this kernel does not print it.
    fn no_memory(&self) -> Reason {
        if self.zombie {
            Reason::Zombie
        } else if self.kthread {
            Reason::KernelThread
        } else {
            Reason::NotSupported
        }
    }

    /// Kernel threads have no executable, user memory or environment: a file that is
    /// absent for one says so.
    fn user_space<T>(&self, f: Field<T>) -> Field<T> {
        match f {
            Field::Missing(Reason::NotSupported | Reason::NotPresent) if self.kthread => {
                Field::Missing(Reason::KernelThread)
            }
            other => other,
        }
    }
}

/// A parsed file that keeps the problems of its values.
trait HasProblems {
    fn problems(&self) -> &Problems;
}

macro_rules! has_problems {
    ($($t:ty),*) => {
        $(impl HasProblems for $t {
            fn problems(&self) -> &Problems {
                &self.problems
            }
        })*
    };
}
has_problems!(
    pid_io::PidIo,
    pid_status::PidStatus,
    pid_limits::PidLimits,
    pid_schedstat::SchedStat,
    pid_smaps_rollup::SmapsRollup,
    pid_maps::Maps
);

/// A value from a parsed file: missing with the file's reason, with `absent` when the
/// file did not print it, or `error` when it did not parse.
fn from<S, T>(file: &Field<S>, absent: Reason, get: impl FnOnce(&S) -> Val<T>) -> Field<T> {
    match file {
        Field::Value(s) => get(s).field(absent),
        Field::Missing(r) => Field::Missing(*r),
    }
}

/// `f` of two values of a parsed file: missing when either is (bad before absent).
fn both<A, B, T>(a: Val<A>, b: Val<B>, f: impl FnOnce(A, B) -> T) -> Val<T> {
    match (a, b) {
        (Val::Ok(a), Val::Ok(b)) => Val::Ok(f(a, b)),
        (Val::Bad, _) | (_, Val::Bad) => Val::Bad,
        _ => Val::Absent,
    }
}

fn read_process<'s>(
    ctx: &Ctx<'s>,
    root: &ProcRoot<'s>,
    pid: i32,
    scratch: &mut Buffers,
    own: &mut Own<'_>,
    warnings: &mut Warnings,
) -> Result<Option<ProcessFull>, Error> {
    let buf = &mut scratch.file;
    // The iterator's record where it gives every stat field exactly; else /proc.
    let row = ctx.tasks.and_then(|t| t.get(pid, &mut own.near.task));
    // A kernel thread the iterator left unnamed (a workqueue worker, whose name carries
    // its current work) is named by /proc: with nothing else to read, its `comm` file
    // alone (one openat, no stat formatting; the other fields are the iterator's).
    let kthread_name = match &row {
        Some(r) if r.name.is_none() && ctx.stat_only => {
            root.read_pid_file(pid, c"comm", buf).ok().and_then(|()| task_bpf::kthread_name(buf))
        }
        _ => None,
    };
    // What else the iterator read exactly as `/proc` prints it (`task_bpf`'s live test
    // compares them): the namespaces' inodes, where the task had them (ten readlinks
    // fewer), `schedstat` and `oom_score_adj` (a file each).
    let iter_ns = row.as_ref().map(|r| r.ns);
    let iter_schedstat = row.as_ref().and_then(|r| r.schedstat);
    let iter_oom_score_adj = row.as_ref().and_then(|r| r.oom_score_adj);
    let from_iter = row.and_then(|row| task_bpf::pid_stat(row, kthread_name, ctx.page_size));
    let stat_from = if from_iter.is_some() { StatFrom::BpfIter } else { StatFrom::ProcStat };
    let (stat, dir) = match from_iter {
        // Nothing else to read: `/proc/<pid>` is not even opened.
        Some(stat) if ctx.stat_only => (stat, None),
        Some(stat) => (stat, Some(root.open_pid(pid)?)),
        None => {
            let dir = root.open_pid(pid)?;
            match dir.read(c"stat", buf) {
                // Every live process has `stat`: it was reaped after its directory was
                // opened. In a fixture tree nothing exits: the directory is no process,
                // and that is said.
                Err(e) if e.kind() == ErrorKind::NotFound && ctx.fixture => {
                    return Err(Error::new(ErrorKind::Parse, "no stat: not a process, left out")
                        .with_path(dir.path_of(c"stat")));
                }
                Err(e) if e.kind() == ErrorKind::NotFound || e.is_gone() => return Ok(None),
                r => r?,
            }
            // Without a start time the process has no identity: it is left out (with a
            // warning).
            let stat = pid_stat::parse(buf).map_err(|e| e.in_file(dir.path_of(c"stat")))?;
            if !stat.problems.is_empty() {
                warnings.problems(&dir.path_of(c"stat"), &stat.problems);
            }
            (stat, Some(dir))
        }
    };
    let state = ProcessState::from_char(stat.state);
    let kthread = stat.flags.map(|f| f & pid_stat::PF_KTHREAD != 0);
    let mut p = Proc {
        dir,
        src: ctx.src,
        pid,
        gone: false,
        zombie: state == ProcessState::Zombie,
        kthread: kthread.value().unwrap_or(false),
        warnings,
    };
    let no_memory = p.no_memory();
    // A line `status` did not print, other than memory: this kernel does not have it.
    let absent = Reason::NotSupported;
    let link = &mut scratch.link;
    let o = ctx.opts;
    /// A group the options left out.
    fn off<T>() -> Field<T> {
        Field::Missing(Reason::Disabled)
    }

    let status = if o.status { p.values(c"status", buf, pid_status::parse) } else { off() };
    let io = if o.io { p.values(c"io", buf, pid_io::parse) } else { off() };
    let cmdline = if o.cmdline { p.file(c"cmdline", buf, |b| Ok(pid_cmdline::split(b))) } else { off() };
    let cmdline = match cmdline {
        Field::Value(v) if v.is_empty() && p.zombie => Field::Missing(Reason::Zombie),
        Field::Value(mut v) => {
            if let Some(s) = &ctx.scrubber {
                s.scrub(&mut v);
            }
            Field::Value(v)
        }
        other => other,
    };
    let exe = if o.paths { p.link(c"exe", link) } else { off() };
    let exe = p.user_space(exe);
    // The kernel appends " (deleted)" to the path of an unlinked executable, but a real
    // file may carry that name too: only then does the link count decide.
    let exe_deleted = match &exe {
        Field::Value(path) if !path.as_bytes().ends_with(b" (deleted)") => Field::Value(false),
        Field::Value(_) => match p.dir().and_then(|d| d.stat(c"exe")) {
            Ok(st) => Field::Value(st.links == 0),
            Err(e) => Field::Missing(p.reason(e)),
        },
        Field::Missing(r) => Field::Missing(*r),
    };
    let cwd = if o.paths { p.link(c"cwd", link) } else { off() };
    let root_dir = if o.paths { p.link(c"root", link) } else { off() };
    let limits = if o.limits { p.values(c"limits", buf, pid_limits::parse).map(|l| l.limits) } else { off() };
    let (oom_score, oom_score_adj) = if o.oom {
        (
            p.file(c"oom_score", buf, |b| procfs::single_int(b, "oom_score")),
            match iter_oom_score_adj {
                Some(adj) => Field::Value(adj),
                None => p.file(c"oom_score_adj", buf, |b| procfs::single_int(b, "oom_score_adj")),
            },
        )
    } else {
        (off(), off())
    };
    let schedstat = match iter_schedstat {
        _ if !o.schedstat => off(),
        Some([run_time, run_delay, timeslices]) => Field::Value(pid_schedstat::SchedStat {
            run_time_ns: Val::Ok(run_time),
            run_delay_ns: Val::Ok(run_delay),
            timeslices: Val::Ok(timeslices),
            problems: Problems::default(),
        }),
        None => p.values(c"schedstat", buf, pid_schedstat::parse),
    };
    let num_fds = if !o.fd_count {
        off()
    } else if p.gone {
        Field::Missing(Reason::Gone)
    } else if p.zombie {
        Field::Missing(Reason::Zombie)
    } else {
        let counted = if ctx.fd_dir_size_is_count {
            p.dir().and_then(|d| d.stat(c"fd")).map(|st| st.size)
        } else {
            p.dir().and_then(|d| d.count_entries(c"fd")).map(|n| n as u64)
        };
        match counted {
            Ok(n) => {
                let r = u32::try_from(n).map_err(|_| ParseError::bad("num_fds", n.to_string().as_bytes()));
                p.computed(c"fd", r)
            }
            Err(e) => Field::Missing(p.reason(e)),
        }
    };

    let [ns_cgroup, ns_ipc, ns_mnt, ns_net, ns_pid, ns_pid_children, ns_time, ns_time_children, ns_user, ns_uts] =
        std::array::from_fn(|i| match iter_ns.and_then(|n| n[i]) {
            _ if !o.namespaces => off(),
            Some(inode) => Field::Value(inode),
            None => p.namespace(task_bpf::NAMESPACES[i], link),
        });

    let (cgroup_path, cgroup_controllers, cgroup_limits) = if !o.cgroup {
        (off(), off(), off())
    } else if p.gone {
        (Field::Missing(Reason::Gone), Field::Missing(Reason::Gone), Field::Missing(Reason::Gone))
    } else {
        match p.dir().and_then(|d| d.read(c"cgroup", buf)) {
            Ok(()) => {
                let path = p.path_of(c"cgroup");
                own.cgroups.resolve(buf, p.warnings, || path)
            }
            Err(e) => {
                let r = p.reason(e);
                (Field::Missing(r), Field::Missing(r), Field::Missing(r))
            }
        }
    };

    let smaps = if ctx.opts.smaps_rollup {
        p.values(c"smaps_rollup", buf, pid_smaps_rollup::parse)
    } else {
        Field::Missing(Reason::Disabled)
    };
    let maps = if ctx.opts.maps {
        if p.gone {
            Field::Missing(Reason::Gone)
        } else {
            match p.dir().and_then(|d| d.read_to_eof(c"maps", buf)) {
                Ok(()) => {
                    let m = pid_maps::parse(buf);
                    if !m.problems.is_empty() {
                        let path = p.path_of(c"maps");
                        p.warnings.problems(&path, &m.problems);
                    }
                    Field::Value(m.maps)
                }
                Err(e) => Field::Missing(p.reason(e)),
            }
        }
    } else {
        Field::Missing(Reason::Disabled)
    };
    // A zombie has released its memory and a kernel thread never had user memory: an
    // empty answer from them is not "none".
    let maps = match maps {
        Field::Value(m) if m.is_empty() && (p.zombie || p.kthread) => Field::Missing(no_memory),
        other => other,
    };
    let environ = if ctx.opts.environ {
        match p.file(c"environ", buf, |b| Ok(pid_cmdline::environ(b))) {
            Field::Value(env) if env.is_empty() && (p.zombie || p.kthread) => Field::Missing(no_memory),
            other => other,
        }
    } else {
        Field::Missing(Reason::Disabled)
    };
    let (open_files, open_sockets) = if !ctx.opts.fds {
        (Field::Missing(Reason::Disabled), Field::Missing(Reason::Disabled))
    } else if p.zombie {
        (Field::Missing(Reason::Zombie), Field::Missing(Reason::Zombie))
    } else {
        open_fds(&mut p, buf, link)
    };
    let taskstats = match own.taskstats.as_mut() {
        Some(ts) if !p.gone => ts.query(pid),
        Some(_) => Err(Reason::Gone),
        None if ctx.opts.taskstats => Err(Reason::NotSupported),
        None => Err(Reason::Disabled),
    };

    if p.gone {
        return Ok(None);
    }

    let smaps_field = |get: fn(&pid_smaps_rollup::SmapsRollup) -> Val<u64>| from(&smaps, no_memory, get);
    // A sum of two valid sizes that does not fit a u64 is missing, never saturated.
    let mut smaps_sum =
        |get: fn(&pid_smaps_rollup::SmapsRollup) -> Val<Result<u64, ParseError>>| match from(&smaps, no_memory, get) {
            Field::Value(r) => p.computed(c"smaps_rollup", r),
            Field::Missing(r) => Field::Missing(r),
        };
    let memory_dirty = smaps_sum(pid_smaps_rollup::SmapsRollup::dirty);
    let memory_uss = smaps_sum(pid_smaps_rollup::SmapsRollup::uss);
    let mut status_sum = |a: fn(&pid_status::PidStatus) -> Val<u64>,
                          b: fn(&pid_status::PidStatus) -> Val<u64>,
                          name| {
        match from(&status, no_memory, |s| both(a(s), b(s), |x, y| crate::parse::plus(x, y, name))) {
            Field::Value(r) => p.computed(c"status", r),
            Field::Missing(r) => Field::Missing(r),
        }
    };
    let memory_shared = status_sum(|s| s.rss_file, |s| s.rss_shmem, "memory_shared");
    let memory_data = status_sum(|s| s.vm_data, |s| s.vm_stk, "memory_data");
    let stat_field = |v: Val<u64>| v.field(Reason::Error);
    let cpu_user_ticks = stat_field(stat.utime);
    let cpu_system_ticks = stat_field(stat.stime);
    let cpu_percent = match ctx.prev {
        None => Field::Missing(Reason::NoPreviousSample),
        Some((dt, prev)) => match (stat.utime, stat.stime) {
            (Val::Ok(u), Val::Ok(s)) => match u.checked_add(s) {
                Some(total) => {
                    let before = prev.get(pid, stat.starttime, &mut own.near.cpu).unwrap_or(0);
                    let ticks = total.saturating_sub(before) as f64;
                    Field::Value(ticks / ctx.ticks as f64 / dt * 100.0)
                }
                None => p.computed(c"stat", Err(ParseError::overflow("cpu_percent"))),
            },
            _ => Field::Missing(Reason::Error),
        },
    };
    // `rss` pages × the page size: a product past u64 is missing, with a warning.
    let memory_rss = match stat.rss_pages {
        Val::Ok(pages) => p.computed(c"stat", crate::parse::times(pages, ctx.page_size, "memory_rss")),
        other => other.field(Reason::Error),
    };
    let delay = delay(&schedstat, &stat, absent, taskstats);
    let cpu_time_limit = match &cgroup_limits {
        Field::Value(l) => l.cpu_max_quota_us,
        Field::Missing(r) => Field::Missing(*r),
    };
    let memory_percent = match (memory_rss, ctx.mem_total) {
        (Field::Value(rss), Field::Value(total)) if total > 0 => Field::Value(rss as f64 / total as f64 * 100.0),
        (Field::Value(_), Field::Value(_)) => Field::Missing(Reason::Error),
        (Field::Missing(r), _) | (_, Field::Missing(r)) => Field::Missing(r),
    };
    let start_time_unix = match ctx.boot_time {
        Field::Value(b) => match b.checked_add(stat.starttime / ctx.ticks.max(1)) {
            Some(t) => Field::Value(t),
            None => p.computed(c"stat", Err(ParseError::overflow("start_time_unix"))),
        },
        Field::Missing(r) => Field::Missing(r),
    };
    let uid = |i: usize| from(&status, absent, |s| s.uids[i]);
    let gid = |i: usize| from(&status, absent, |s| s.gids[i]);
    let io_field = |get: fn(&pid_io::PidIo) -> Val<u64>| from(&io, absent, get);

    Ok(Some(ProcessFull {
        pid,
        ppid: stat.ppid.field(Reason::Error),
        pgid: stat.pgrp.field(Reason::Error),
        sid: stat.session.field(Reason::Error),
        tgid: from(&status, absent, |s| s.tgid),
        ns_pids: from(&status, absent, |s| s.ns_pids.clone()),
        name: stat.comm,
        exe,
        exe_deleted,
        cmdline,
        cwd,
        root: root_dir,
        uid_real: uid(0),
        uid_effective: uid(1),
        uid_saved: uid(2),
        uid_filesystem: uid(3),
        gid_real: gid(0),
        gid_effective: gid(1),
        gid_saved: gid(2),
        gid_filesystem: gid(3),
        groups: from(&status, absent, |s| s.groups.clone()),
        state,
        state_char: char::from(stat.state),
        nice: stat.nice.field(Reason::Error),
        priority: stat.priority.field(Reason::Error),
        num_threads: stat.num_threads.field(Reason::Error),
        start_time: stat.starttime,
        start_time_unix,
        flags: stat.flags.field(Reason::Error),
        is_kernel_thread: kthread.field(Reason::Error),
        tty_nr: stat.tty_nr.field(Reason::Error),
        cpu_user_ticks,
        cpu_system_ticks,
        cpu_children_user: stat_field(stat.cutime),
        cpu_children_system: stat_field(stat.cstime),
        cpu_percent,
        cpu_affinity: from(&status, absent, |s| s.cpus_allowed_list.clone()),
        last_cpu: stat.processor.field(Reason::Error),
        memory_rss,
        memory_vms: stat_field(stat.vsize),
        memory_shared,
        memory_text: from(&status, no_memory, |s| s.vm_exe),
        memory_data,
        memory_lib: from(&status, no_memory, |s| s.vm_lib),
        memory_dirty,
        memory_swap: from(&status, no_memory, |s| s.vm_swap),
        memory_pss: smaps_field(|s| s.pss),
        memory_uss,
        memory_pss_anon: smaps_field(|s| s.pss_anon),
        memory_pss_file: smaps_field(|s| s.pss_file),
        memory_pss_shmem: smaps_field(|s| s.pss_shmem),
        memory_rss_peak: from(&status, no_memory, |s| s.vm_hwm),
        memory_locked: from(&status, no_memory, |s| s.vm_lck),
        memory_page_tables: from(&status, no_memory, |s| s.vm_pte),
        memory_percent,
        page_faults_minor: stat_field(stat.minflt),
        page_faults_major: stat_field(stat.majflt),
        page_faults_children_minor: stat_field(stat.cminflt),
        page_faults_children_major: stat_field(stat.cmajflt),
        io_read_bytes: io_field(|i| i.read_bytes),
        io_write_bytes: io_field(|i| i.write_bytes),
        io_read_chars: io_field(|i| i.rchar),
        io_write_chars: io_field(|i| i.wchar),
        io_read_syscalls: io_field(|i| i.syscr),
        io_write_syscalls: io_field(|i| i.syscw),
        io_cancelled_write: io_field(|i| i.cancelled_write_bytes),
        num_fds,
        open_files,
        open_sockets,
        maps,
        voluntary_ctx_switches: from(&status, absent, |s| s.voluntary_ctxt_switches),
        nonvoluntary_ctx_switches: from(&status, absent, |s| s.nonvoluntary_ctxt_switches),
        limits,
        seccomp_mode: from(&status, absent, |s| s.seccomp),
        seccomp_filters: from(&status, absent, |s| s.seccomp_filters),
        capabilities_effective: from(&status, absent, |s| s.cap_eff),
        capabilities_permitted: from(&status, absent, |s| s.cap_prm),
        capabilities_inheritable: from(&status, absent, |s| s.cap_inh),
        capabilities_bounding: from(&status, absent, |s| s.cap_bnd),
        capabilities_ambient: from(&status, absent, |s| s.cap_amb),
        no_new_privs: from(&status, absent, |s| s.no_new_privs),
        ns_cgroup,
        ns_ipc,
        ns_mnt,
        ns_net,
        ns_pid,
        ns_pid_children,
        ns_time,
        ns_time_children,
        ns_user,
        ns_uts,
        cgroup_path,
        cgroup_controllers,
        cgroup_limits,
        environ,
        oom_score,
        oom_score_adj,
        sched_policy: stat.policy.field(absent),
        sched_priority: stat.rt_priority.field(absent),
        cpu_time_limit,
        delay,
        signals_pending: from(&status, absent, |s| both(s.sig_pnd, s.shd_pnd, |a, b| a | b)),
        signals_blocked: from(&status, absent, |s| s.sig_blk),
        signals_ignored: from(&status, absent, |s| s.sig_ign),
        stat_from,
        signals_caught: from(&status, absent, |s| s.sig_cgt),
    }))
}

fn delay(
    schedstat: &Field<pid_schedstat::SchedStat>,
    stat: &pid_stat::PidStat,
    absent: Reason,
    taskstats: Result<crate::sys::imp::taskstats::Delays, Reason>,
) -> DelayAccounting {
    let ts = |get: fn(&crate::sys::imp::taskstats::Delays) -> u64| match &taskstats {
        Ok(d) => Field::Value(get(d)),
        Err(r) => Field::Missing(*r),
    };
    let ts_opt = |get: fn(&crate::sys::imp::taskstats::Delays) -> Option<u64>| match &taskstats {
        Ok(d) => get(d).map_or(Field::Missing(Reason::NotSupported), Field::Value),
        Err(r) => Field::Missing(*r),
    };
    DelayAccounting {
        cpu_run_time_ns: from(schedstat, absent, |s| s.run_time_ns),
        cpu_run_delay_ns: from(schedstat, absent, |s| s.run_delay_ns),
        cpu_timeslices: from(schedstat, absent, |s| s.timeslices),
        blkio_delay_ticks: stat.delayacct_blkio_ticks.field(absent),
        cpu_delay_total_ns: ts(|d| d.cpu_delay_total_ns),
        cpu_delay_count: ts(|d| d.cpu_count),
        blkio_delay_total_ns: ts(|d| d.blkio_delay_total_ns),
        blkio_delay_count: ts(|d| d.blkio_count),
        swapin_delay_total_ns: ts(|d| d.swapin_delay_total_ns),
        swapin_delay_count: ts(|d| d.swapin_count),
        freepages_delay_total_ns: ts(|d| d.freepages_delay_total_ns),
        freepages_delay_count: ts(|d| d.freepages_count),
        thrashing_delay_total_ns: ts_opt(|d| d.thrashing_delay_total_ns),
        thrashing_delay_count: ts_opt(|d| d.thrashing_count),
        compact_delay_total_ns: ts_opt(|d| d.compact_delay_total_ns),
        compact_delay_count: ts_opt(|d| d.compact_count),
        wpcopy_delay_total_ns: ts_opt(|d| d.wpcopy_delay_total_ns),
        wpcopy_delay_count: ts_opt(|d| d.wpcopy_count),
        irq_delay_total_ns: ts_opt(|d| d.irq_delay_total_ns),
        irq_delay_count: ts_opt(|d| d.irq_count),
    }
}

/// `fd/<n>` or `fdinfo/<n>` as a C string in `storage`.
fn fd_name<'b>(prefix: &[u8], fd: &[u8], storage: &'b mut [u8; 40]) -> Option<&'b CStr> {
    let len = prefix.len() + fd.len();
    if len >= storage.len() {
        return None;
    }
    storage[..prefix.len()].copy_from_slice(prefix);
    storage[prefix.len()..len].copy_from_slice(fd);
    storage[len] = 0;
    CStr::from_bytes_with_nul(&storage[..=len]).ok()
}

/// Every open descriptor: files (with `fdinfo`) and sockets (with their protocol).
fn open_fds(
    p: &mut Proc<'_, '_>,
    buf: &mut Vec<u8>,
    link: &mut Vec<u8>,
) -> (Field<Vec<OpenFile>>, Field<Vec<OpenSocket>>) {
    if p.gone {
        return (Field::Missing(Reason::Gone), Field::Missing(Reason::Gone));
    }
    let mut fds: Vec<i32> = Vec::new();
    if let Err(e) = p.dir().and_then(|d| {
        d.for_each_entry(c"fd", |n| {
            if let Some(fd) = crate::parse::u64_dec(n).and_then(|v| i32::try_from(v).ok()) {
                fds.push(fd);
            }
        })
    }) {
        let r = p.reason(e);
        return (Field::Missing(r), Field::Missing(r));
    }
    fds.sort_unstable();
    let mut files = Vec::with_capacity(fds.len());
    let mut sockets = Vec::new();
    let (mut n1, mut n2) = ([0u8; 40], [0u8; 40]);
    for fd in fds {
        let digits = fd.to_string();
        let (Some(fd_path), Some(info_path)) =
            (fd_name(b"fd/", digits.as_bytes(), &mut n1), fd_name(b"fdinfo/", digits.as_bytes(), &mut n2))
        else {
            continue;
        };
        // A descriptor closed between listing and reading is simply not open any more.
        if p.dir().and_then(|d| d.readlink(fd_path, link)).is_err() {
            continue;
        }
        if let Some(inode) = bracketed(link, b"socket:[") {
            let proto = p.dir().and_then(|d| d.socket_protocol(fd, fd_path));
            let (socket_type, protocol) = match proto {
                Ok(name) => (
                    Field::Value(SocketType::from_protocol_name(&name)),
                    Field::Value(String::from_utf8_lossy(&name).into_owned()),
                ),
                Err(e) if e.kind() == ErrorKind::NotFound => continue,
                Err(e) => {
                    let r = p.reason(e);
                    (Field::Missing(r), Field::Missing(r))
                }
            };
            let join = || Field::Missing(Reason::Disabled);
            sockets.push(OpenSocket {
                fd,
                inode,
                socket_type,
                protocol,
                local_addr: join(),
                remote_addr: join(),
                state: join(),
            });
            continue;
        }
        let path = ByteStr::from(link.as_slice());
        let info = match p.dir().and_then(|d| d.read(info_path, buf)) {
            Ok(()) => {
                let i = pid_fdinfo::parse(buf);
                if !i.problems.is_empty() {
                    let path = p.path_of(info_path);
                    p.warnings.problems(&path, &i.problems);
                }
                Ok(i)
            }
            Err(e) if e.kind() == ErrorKind::NotFound && p.alive() => continue,
            Err(e) => Err(p.reason(e)),
        };
        let st = match p.dir().and_then(|d| d.stat(fd_path)) {
            // Closed after its link was read (an exiting process closes them all).
            Err(e) if e.kind() == ErrorKind::NotFound && p.alive() => continue,
            st => st.map_err(|e| p.reason(e)),
        };
        let file_type = match &st {
            Ok(st) => Field::Value(file_type(st.mode, link)),
            Err(r) => Field::Missing(*r),
        };
        let info_field = |get: fn(&pid_fdinfo::FdInfo) -> Val<u64>| match &info {
            Ok(i) => get(i).field(Reason::NotSupported),
            Err(r) => Field::Missing(*r),
        };
        let flags = match &info {
            Ok(i) => i.flags.field(Reason::NotSupported),
            Err(r) => Field::Missing(*r),
        };
        files.push(OpenFile {
            fd,
            mode: flags.as_ref().map(|f| pid_fdinfo::mode(*f).to_owned()),
            flags,
            position: info_field(|i| i.pos),
            inode: match &st {
                Ok(st) => Field::Value(st.inode),
                Err(_) => info_field(|i| i.ino),
            },
            mount_id: info_field(|i| i.mnt_id),
            file_type,
            deleted: match &st {
                Ok(st) if st.mode & libc::S_IFMT == libc::S_IFREG || st.mode & libc::S_IFMT == libc::S_IFDIR => {
                    Field::Value(st.links == 0)
                }
                Ok(_) => Field::Value(false),
                Err(r) => Field::Missing(*r),
            },
            path,
        });
    }
    (Field::Value(files), Field::Value(sockets))
}

/// The number in `prefix<digits>]` (`socket:[1234]`).
fn bracketed(s: &[u8], prefix: &[u8]) -> Option<u64> {
    let rest = s.strip_prefix(prefix)?;
    crate::parse::u64_dec(rest.strip_suffix(b"]")?)
}

fn file_type(mode: u32, link: &[u8]) -> FileType {
    if link.starts_with(b"anon_inode:") {
        return FileType::AnonInode;
    }
    match mode & libc::S_IFMT {
        libc::S_IFREG => FileType::Regular,
        libc::S_IFDIR => FileType::Directory,
        libc::S_IFCHR => FileType::CharDevice,
        libc::S_IFBLK => FileType::BlockDevice,
        libc::S_IFIFO => FileType::Pipe,
        libc::S_IFSOCK => FileType::Socket,
        libc::S_IFLNK => FileType::Symlink,
        _ => FileType::Unknown,
    }
}

#[cfg(test)]
mod cpu_tests {
    use super::*;

    #[test]
    fn cpu_by_process_finds_a_process_by_pid_and_start_time_in_any_order() {
        let mut cpu = CpuByProcess::default();
        cpu.refill([(7, 100, 5), (3, 50, 9), (12, 70, 1)].into_iter());
        assert_eq!(cpu.pids, [3, 7, 12]);
        let near = &mut 0;
        assert_eq!((cpu.get(3, 50, near), cpu.get(7, 100, near), cpu.get(12, 70, near)), (Some(9), Some(5), Some(1)));
        assert_eq!(cpu.get(7, 101, near), None, "the pid reused by another process");
        assert_eq!(cpu.get(8, 100, near), None);
        assert_eq!((cpu.get(3, 50, near), cpu.get(7, 100, near)), (Some(9), Some(5)), "looked up from anywhere");
        cpu.refill([(1, 1, 1), (2, 2, 2)].into_iter());
        assert_eq!((cpu.pids.as_slice(), cpu.get(3, 50, &mut 0)), (&[1, 2][..], None), "refilled, not added to");
    }
}

#[cfg(test)]
mod pool_tests {
    use super::*;
    use crate::domain::TestCx;

    #[test]
    fn stat_only_is_a_selection_of_stat_alone() {
        use crate::process::Via;
        assert!(stat_only(&ProcessOptions::table(false, false)));
        assert!(stat_only(&ProcessOptions { via: Via::Bpf, threads: 1, ..ProcessOptions::table(false, false) }));
        assert!(!stat_only(&ProcessOptions::table(true, false)));
        assert!(!stat_only(&ProcessOptions::table(false, true)));
        assert!(!stat_only(&ProcessOptions::default()));
        assert!(!stat_only(&ProcessOptions { environ: true, ..ProcessOptions::table(false, false) }));
    }

    /// After a burst, `via = auto` unloads the iterator once it went unused for the pool's
    /// idle time (a soak kept its three descriptors for the rest of the hour).
    #[cfg(feature = "ebpf")]
    #[test]
    fn auto_unloads_the_iterator_left_unused() {
        use crate::process::Via;
        if !crate::sys::imp::ebpf::loader::missing_capabilities().is_empty() {
            eprintln!("skipped: needs CAP_BPF and CAP_PERFMON");
            return;
        }
        let t = TestCx::new(Source::host());
        let opts = ProcessOptions { via: Via::Auto, ..ProcessOptions::table(false, false) };
        let mut state = State { last_count: Some(AUTO_BPF_ABOVE + 1), ..State::default() };
        let _ = collect(&mut t.cx(), &opts, &mut state);
        assert!(state.task_iter.is_loaded(), "auto loads the iterator after a large snapshot");
        // Few processes now (this machine's), and the iterator unused for longer than the
        // idle time: the next snapshot unloads it.
        state.last_count = Some(1);
        let _ = collect(&mut t.cx(), &opts, &mut state);
        assert!(state.task_iter.is_loaded(), "kept while recently used");
        state.task_iter_used =
            std::time::Instant::now().checked_sub(crate::sys::pool::Pool::IDLE_MAX + std::time::Duration::from_secs(1));
        state.last_count = Some(1);
        let _ = collect(&mut t.cx(), &opts, &mut state);
        assert!(!state.task_iter.is_loaded(), "unloaded after the idle time");
        assert!(state.task_iter_used.is_none());
    }

    #[test]
    fn auto_takes_the_iterator_above_the_crossover_from_the_second_snapshot() {
        assert!(!auto_takes_bpf(None));
        assert!(!auto_takes_bpf(Some(AUTO_BPF_ABOVE)));
        assert!(auto_takes_bpf(Some(AUTO_BPF_ABOVE + 1)));
    }

    #[test]
    fn parallel_readers_are_the_probes_threads_reused_by_every_snapshot() {
        let t = TestCx::new(Source::host());
        let opts = ProcessOptions { threads: 4, ..ProcessOptions::default() };
        let mut state = State::default();
        let mut sizes = Vec::new();
        for _ in 0..5 {
            let Domain::Collected(table) = collect(&mut t.cx(), &opts, &mut state) else { panic!("no table") };
            assert!(!table.is_empty());
            sizes.push(t.pool().threads());
        }
        // The calling thread reads too: three helpers at most, the same ones each time.
        assert!(sizes.iter().all(|&n| n == sizes[0] && n <= 3), "{sizes:?}");
    }
}
