//! The system collector: one [`System`] from `/proc/stat`, `meminfo`, `vmstat`,
//! `loadavg`, `uptime`, `pressure/*`, `diskstats`, `sys/kernel/*`, `sys/fs/{file,inode}-nr`,
//! `net/sockstat{,6}`, `self/mountinfo` with `statvfs`, `/sys/devices/system/cpu` and, for
//! CPUs without cpufreq, `cpuinfo`.
//!
//! Every source fails alone, and every value of it: a file that cannot be read leaves its
//! fields missing with the reason (an absent file is `not_present`, EACCES
//! `permission_denied`), a value that does not parse is `error` with a warning naming the
//! file and quoting it. The domain is collected even when `/proc/stat` is garbage.
//!
//! `statvfs` of each mount runs on a helper thread under a deadline
//! (`statvfs_timeout_ms`): a mount whose server stopped answering (FUSE, NFS) costs one
//! deadline, is remembered in the domain's state while its call is pending, and is
//! reported `timed_out` without being asked again.
//!
//! The previous snapshot's CPU times (the domain's state) give `cpu_percent`. The boot time
//! and `MemTotal` become the snapshot's facts ([`Cx::know`]), so the process collector,
//! which runs next, does not read `/proc/stat` and `/proc/meminfo` again.

use std::collections::{HashMap, HashSet};
use std::hash::Hash;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;

use crate::domain::Cx;
use crate::error::{Error, ErrorKind, ParseError};
use crate::model::{Domain, Field, Reason, Warnings};
use crate::parse::{Counters, Problems, Val, times, trim};
use crate::process::Pressure;
use crate::source::Source;
use crate::system::{
    Cpu, CpuTimes, Entropy, Filesystem, Memory, SocketBufferMemory, System, SystemOptions, SystemPressure,
};
use crate::text::ByteStr;

use crate::sys::imp::fs::StatVfs;
use crate::sys::imp::procfs::pid_mountinfo::{self, MountInfo};
use crate::sys::imp::procfs::{
    cpuinfo, diskstats, loadavg, meminfo, net_sockstat, pressure, stat, sys_fs_file_nr, sys_fs_inode_nr,
    sys_kernel_random, uptime, vmstat,
};
use crate::sys::imp::sysfs::devices_system_cpu::{self as cpu_sysfs, MAX_CPUS};

/// What the system domain keeps between snapshots: the CPU times, for `cpu_percent`, the
/// mounts whose `statvfs` has not returned, and the helper thread that asks them.
#[derive(Debug, Default)]
pub(crate) struct State {
    /// Summed times.
    cpu_total: Option<CpuTimes>,
    /// Per-CPU times, index = CPU id.
    cpus: Vec<Option<CpuTimes>>,
    /// Mount points whose `statvfs` is still pending on an abandoned helper thread; the
    /// flag turns true when that call returns, and the mount is asked again.
    stuck: HashMap<Vec<u8>, Arc<AtomicBool>>,
    /// The helper that runs `statvfs`, kept from one snapshot to the next (a thread per
    /// snapshot would be a thread start each time); replaced when it gets stuck.
    helper: Option<Helper>,
}

impl Clone for State {
    /// A copy of the rates' state; the helper thread stays with the original.
    fn clone(&self) -> State {
        State { cpu_total: self.cpu_total, cpus: self.cpus.clone(), stuck: self.stuck.clone(), helper: None }
    }
}

/// One mount for the helper: the source to ask and the flag its call sets on return.
struct Job {
    src: Source,
    mount: Vec<u8>,
    done: Arc<AtomicBool>,
}

/// A thread that runs `statvfs` for the jobs sent to it, one at a time, and answers each
/// in order. Abandoned (and left to end on its own) when a call does not return in time.
struct Helper {
    jobs: std::sync::mpsc::Sender<Job>,
    answers: std::sync::mpsc::Receiver<Result<StatVfs, Error>>,
    abandoned: Arc<AtomicBool>,
    thread: Option<std::thread::JoinHandle<()>>,
}

impl Drop for Helper {
    /// Joins the thread when the probe is freed; one left in a stuck `statvfs` is not waited
    /// for (it ends on its own if the call ever returns).
    fn drop(&mut self) {
        let Some(thread) = self.thread.take() else { return };
        if self.abandoned.load(Ordering::Acquire) {
            return;
        }
        // Closing the queue ends the idle thread's loop.
        self.jobs = std::sync::mpsc::channel().0;
        let _ = thread.join();
    }
}

impl std::fmt::Debug for Helper {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Helper")
    }
}

impl Helper {
    fn spawn() -> std::io::Result<Helper> {
        let (jobs, queue) = std::sync::mpsc::channel::<Job>();
        let (answer, answers) = std::sync::mpsc::channel();
        let abandoned = Arc::new(AtomicBool::new(false));
        let gave_up = abandoned.clone();
        let thread = std::thread::Builder::new().name("libprobe-statvfs".into()).spawn(move || {
            // Ends when the probe drops its sender, or once abandoned.
            for job in queue {
                if gave_up.load(Ordering::Acquire) {
                    break;
                }
                let r = job.src.statvfs(&job.mount);
                job.done.store(true, Ordering::Release);
                if answer.send(r).is_err() {
                    break;
                }
            }
        })?;
        Ok(Helper { jobs, answers, abandoned, thread: Some(thread) })
    }
}

/// The most helper threads left waiting on stuck mounts: past this, further mounts are
/// not asked (they are `timed_out` too), so a machine full of dead mounts cannot make the
/// probe grow without bound.
const MAX_STUCK: usize = 16;

pub(crate) fn collect(cx: &mut Cx<'_>, opts: &SystemOptions, state: &mut State) -> Domain<System> {
    let src = cx.src();
    if let Some(e) = src.fixture_error() {
        cx.warn(e);
    }
    let stat = match stat::read(src) {
        Ok(s) => {
            cx.warnings().problems(&src.proc_path("stat"), &s.problems);
            Field::Value(s)
        }
        Err(e) => Field::Missing(cx.reason(e)),
    };
    let kernel_text =
        |cx: &mut Cx<'_>, name: &str| cx.field(src.read_proc(format!("sys/kernel/{name}")).map(|t| trim(&t).to_vec()));
    let hostname = kernel_text(cx, "hostname").map(ByteStr::from);
    let kernel_release = kernel_text(cx, "osrelease").map(lossy);
    let kernel_version = kernel_text(cx, "version").map(lossy);
    let mut prev = std::mem::take(state);
    let next = state;
    next.stuck = std::mem::take(&mut prev.stuck);
    next.helper = prev.helper.take();
    let meminfo = read_values(cx.warnings(), src, "meminfo", meminfo::read, |c| &c.problems);
    // Other domains need the boot time and MemTotal: they take them from here.
    let mem_total = meminfo.as_ref().and_then(|m| m.get("MemTotal").field(Reason::NotSupported));
    let boot_time = stat.as_ref().and_then(|s| s.boot_time.field(Reason::Error));
    cx.know(Some(boot_time), Some(mem_total));
    let w = cx.warnings();
    let vmstat = read_values(w, src, "vmstat", vmstat::read, |c| &c.problems);
    let page_size = src.page_size();
    let memory = match &meminfo {
        Field::Value(m) => memory(m, &vmstat, page_size, w, &src.proc_path("meminfo"), &src.proc_path("vmstat")),
        Field::Missing(r) => Field::Missing(*r),
    };

    // The `cpuN` lines by id: a line that did not parse costs only that CPU's times.
    let mut times: HashMap<u32, Field<CpuTimes>> = HashMap::new();
    if let Field::Value(stat) = &stat {
        times.reserve(stat.cpus.len());
        for (id, t) in &stat.cpus {
            if let (Val::Ok(t), Some(i)) = (t, usize::try_from(*id).ok().filter(|&i| i < MAX_CPUS)) {
                if next.cpus.len() <= i {
                    next.cpus.resize(i + 1, None);
                }
                if let Some(slot) = next.cpus.get_mut(i) {
                    *slot = Some(*t);
                }
            }
            times.insert(*id, t.field(Reason::Error));
        }
    }
    let cpus = cpus(src, &times, &prev, w);
    let cpu_total = match &stat {
        Field::Value(s) => s.total.field(Reason::Error),
        Field::Missing(r) => Field::Missing(*r),
    };
    let cpu_percent = match (prev.cpu_total, cpu_total) {
        (_, Field::Missing(r)) => Field::Missing(r),
        (None, _) => Field::Missing(Reason::NoPreviousSample),
        (Some(b), Field::Value(now)) => {
            busy_percent(&b, &now).map_or(Field::Missing(Reason::NoPreviousSample), Field::Value)
        }
    };
    next.cpu_total = cpu_total.get();
    let from_stat = |get: fn(&stat::Stat) -> Field<u64>| match &stat {
        Field::Value(s) => get(s),
        Field::Missing(r) => Field::Missing(*r),
    };
    let from_stat32 = |get: fn(&stat::Stat) -> Field<u32>| match &stat {
        Field::Value(s) => get(s),
        Field::Missing(r) => Field::Missing(*r),
    };

    let uptime = read_values(w, src, "uptime", uptime::read, |u| &u.problems);
    let load = match src.read_proc("loadavg") {
        Ok(t) => {
            let (l, p) = loadavg::parse(&t);
            w.problems(&src.proc_path("loadavg"), &p);
            Field::Value(l.record())
        }
        Err(e) => Field::Missing(w.reason(e)),
    };
    let disks = read_values(w, src, "diskstats", diskstats::read, |d| &d.problems).map(|d| d.disks);
    let timeout = Duration::from_millis(u64::from(opts.statvfs_timeout_ms));
    Domain::Collected(System {
        hostname,
        kernel_release,
        kernel_version,
        boot_time,
        uptime_seconds: uptime.as_ref().and_then(|u| u.uptime_seconds.field(Reason::Error)),
        idle_seconds: uptime.as_ref().and_then(|u| u.idle_seconds.field(Reason::Error)),
        clock_ticks: src.clock_ticks(),
        page_size,
        cpu_count: cpus.count,
        cpu_count_possible: cpus.possible,
        cpu_count_physical: cpus.physical,
        cpu_packages: cpus.packages,
        cpu_total,
        cpu_percent,
        cpus: cpus.cpus,
        context_switches: from_stat(|s| s.context_switches.field(Reason::Error)),
        interrupts: from_stat(|s| s.interrupts.field(Reason::Error)),
        softirqs: from_stat(|s| s.softirqs.field(Reason::NotSupported)),
        forks: from_stat(|s| s.forks.field(Reason::Error)),
        procs_running: from_stat32(|s| s.procs_running.field(Reason::Error)),
        procs_blocked: from_stat32(|s| s.procs_blocked.field(Reason::Error)),
        load,
        pressure: SystemPressure {
            cpu: psi(src, "cpu", w),
            memory: psi(src, "memory", w),
            io: psi(src, "io", w),
            irq: psi(src, "irq", w),
        },
        memory,
        meminfo: meminfo.map(|m| m.map),
        vmstat: vmstat.map(|v| v.map),
        disks,
        filesystems: filesystems(src, timeout, next, w),
        file_handles: table(src, "sys/fs/file-nr", sys_fs_file_nr::parse, w),
        inodes: table(src, "sys/fs/inode-nr", sys_fs_inode_nr::parse, w),
        entropy: entropy(src, w),
        socket_memory: socket_memory(src, page_size, w),
    })
}

/// A file read through `read`, with the problems of its values as warnings.
fn read_values<T>(
    w: &mut Warnings,
    src: &Source,
    rel: &str,
    read: fn(&Source) -> Result<T, Error>,
    problems: fn(&T) -> &Problems,
) -> Field<T> {
    match read(src) {
        Ok(v) => {
            w.problems(&src.proc_path(rel), problems(&v));
            Field::Value(v)
        }
        Err(e) => Field::Missing(w.reason(e)),
    }
}

/// A procfs file parsed into a record and its problems.
fn table<T>(src: &Source, rel: &str, parse: fn(&[u8]) -> (T, Problems), w: &mut Warnings) -> Field<T> {
    match src.read_proc(rel) {
        Ok(t) => {
            let (v, p) = parse(&t);
            w.problems(&src.proc_path(rel), &p);
            Field::Value(v)
        }
        Err(e) => Field::Missing(w.reason(e)),
    }
}

/// `entropy_avail` and `poolsize`, each read alone; missing only when neither is there.
fn entropy(src: &Source, w: &mut Warnings) -> Field<Entropy> {
    let mut bits = |name: &'static str| {
        let rel = format!("sys/kernel/random/{name}");
        let r = src
            .read_proc(&rel)
            .and_then(|t| sys_kernel_random::bits(&t, name).map_err(|e| e.in_file(src.proc_path(&rel))));
        w.field(r)
    };
    let e = Entropy { available_bits: bits("entropy_avail"), pool_size_bits: bits("poolsize") };
    match (e.available_bits, e.pool_size_bits) {
        (Field::Missing(r), Field::Missing(_)) => Field::Missing(r),
        _ => Field::Value(e),
    }
}

/// Socket memory of the reader's namespace, in bytes.
fn socket_memory(src: &Source, page_size: u64, w: &mut Warnings) -> Field<SocketBufferMemory> {
    let mut file = |rel: &str| match src.read_proc(rel) {
        Ok(t) => {
            let v = net_sockstat::values(&t);
            w.problems(&src.proc_path(rel), &v.problems);
            Field::Value(v)
        }
        Err(e) => Field::Missing(w.reason(e)),
    };
    let (v4, v6) = (file("net/sockstat"), file("net/sockstat6"));
    let v4 = match v4 {
        Field::Value(v) => v,
        Field::Missing(r) => return Field::Missing(r),
    };
    let path = src.proc_path("net/sockstat");
    let mut pages = |protocol: &str, name: &'static str| match v4.get(protocol, "mem") {
        Val::Ok(n) => w.field(times(n, page_size, name).map_err(|e| e.in_file(&path))),
        other => other.field(Reason::NotSupported),
    };
    let tcp_bytes = pages("TCP", "tcp_bytes");
    let udp_bytes = pages("UDP", "udp_bytes");
    Field::Value(SocketBufferMemory {
        tcp_bytes,
        udp_bytes,
        frag_bytes: v4.get("FRAG", "memory").field(Reason::NotSupported),
        frag6_bytes: v6.and_then(|v| v.get("FRAG6", "memory").field(Reason::NotSupported)),
    })
}

fn lossy(b: Vec<u8>) -> String {
    String::from_utf8_lossy(&b).into_owned()
}

fn psi(src: &Source, name: &str, w: &mut Warnings) -> Field<Pressure> {
    let rel = format!("pressure/{name}");
    match src.read_proc(&rel) {
        Ok(t) => {
            let p = pressure::parse(&t);
            let path = src.proc_path(&rel);
            w.problems(&path, &p.problems);
            w.field(p.pressure.map_err(|e| e.in_file(&path)))
        }
        Err(e) => Field::Missing(w.reason(e)),
    }
}

/// The typed view of `/proc/meminfo` (and the swap counters of `/proc/vmstat`). A value
/// computed from valid lines that does not fit (a product, a difference below zero is
/// not possible) is `error` with a warning.
fn memory(
    info: &Counters,
    vmstat: &Field<Counters>,
    page_size: u64,
    w: &mut Warnings,
    meminfo_path: &std::path::Path,
    vmstat_path: &std::path::Path,
) -> Field<Memory> {
    let opt = |key: &str| info.get(key).field(Reason::NotSupported);
    // `a - b` of two valid lines, `error` (with a warning) when `b` exceeds `a`.
    let mut minus = |a: u64, b: u64, name: &'static str| {
        w.field(a.checked_sub(b).ok_or(ParseError::overflow(name)).map_err(|e| e.in_file(meminfo_path)))
    };
    let total = match info.get("MemTotal") {
        Val::Ok(0) => {
            minus(0, 1, "MemTotal");
            return Field::Missing(Reason::Error);
        }
        Val::Ok(t) => t,
        Val::Bad => return Field::Missing(Reason::Error),
        Val::Absent => return Field::Missing(Reason::NotSupported),
    };
    let free = opt("MemFree");
    let available = opt("MemAvailable");
    let (buffers, cached) = (opt("Buffers"), opt("Cached"));
    let used = match info.get("MemAvailable") {
        Val::Ok(a) => minus(total, a, "used"),
        Val::Bad => Field::Missing(Reason::Error),
        // Before 3.14, what `free` showed: buffers and page cache count as free.
        Val::Absent => match free {
            Field::Value(f) => {
                let cache =
                    buffers.get().unwrap_or(0).checked_add(cached.get().unwrap_or(0)).and_then(|c| c.checked_add(f));
                match cache {
                    Some(c) => minus(total, c, "used"),
                    None => minus(0, 1, "used"),
                }
            }
            Field::Missing(r) => Field::Missing(r),
        },
    };
    let (swap_total, swap_free) = (opt("SwapTotal"), opt("SwapFree"));
    let swap_used = match (swap_total, swap_free) {
        (Field::Value(t), Field::Value(f)) => minus(t, f, "swap_used"),
        (Field::Missing(r), _) | (_, Field::Missing(r)) => Field::Missing(r),
    };
    let swap_used_percent = match (swap_total, swap_used) {
        (Field::Value(0), _) => Field::Missing(Reason::NotPresent),
        (Field::Value(t), Field::Value(u)) => Field::Value(u as f64 / t as f64 * 100.0),
        (Field::Missing(r), _) | (_, Field::Missing(r)) => Field::Missing(r),
    };
    let mut pages = |key: &'static str| match vmstat {
        Field::Value(v) => match v.get(key) {
            Val::Ok(n) => w.field(times(n, page_size, key).map_err(|e| e.in_file(vmstat_path))),
            other => other.field(Reason::NotSupported),
        },
        Field::Missing(r) => Field::Missing(*r),
    };
    let (swap_in_bytes, swap_out_bytes) = (pages("pswpin"), pages("pswpout"));
    Field::Value(Memory {
        total,
        free,
        available,
        buffers,
        cached,
        shared: opt("Shmem"),
        active: opt("Active"),
        inactive: opt("Inactive"),
        slab: opt("Slab"),
        used,
        used_percent: used.map(|u| u as f64 / total as f64 * 100.0),
        swap_total,
        swap_free,
        swap_used,
        swap_used_percent,
        swap_in_bytes,
        swap_out_bytes,
    })
}

fn optional<T>(r: Result<T, Error>, w: &mut Warnings) -> Field<T> {
    w.field(r)
}

/// The busy share between two readings of the same CPU times, in percent; `None` when no
/// tick elapsed or the counters went backwards (a CPU went offline and back, which
/// restarts its idle count), since neither gives a rate.
fn busy_percent(before: &CpuTimes, now: &CpuTimes) -> Option<f64> {
    let busy = now.busy().checked_sub(before.busy())?;
    // The kernel moves time between idle and iowait: only their sum is monotonic.
    let idle = now.idle.saturating_add(now.iowait).checked_sub(before.idle.saturating_add(before.iowait))?;
    let total = busy.checked_add(idle).filter(|&t| t > 0)?;
    Some(busy as f64 / total as f64 * 100.0)
}

/// The `cpu MHz` of each CPU in `/proc/cpuinfo`, read once when some CPU has no cpufreq.
type CpuinfoMhz = Field<Vec<(u32, Val<f64>)>>;

/// The CPU part of [`System`].
struct Cpus {
    cpus: Vec<Cpu>,
    count: u32,
    possible: Field<u32>,
    physical: Field<u32>,
    packages: Field<u32>,
}

/// Every present CPU; `times` holds the `cpuN` lines of `/proc/stat` by id.
fn cpus(src: &Source, times: &HashMap<u32, Field<CpuTimes>>, prev: &State, w: &mut Warnings) -> Cpus {
    let online_list = optional(cpu_sysfs::read_list(src, "online"), w);
    let present = optional(cpu_sysfs::read_list(src, "present"), w);
    let possible = optional(cpu_sysfs::read_list(src, "possible"), w);

    let mut ids: Vec<u32> = present.value().or(online_list.value()).cloned().unwrap_or_default();
    ids.extend(times.keys());
    ids.sort_unstable();
    ids.dedup();

    // Read once, only if some CPU has no cpufreq.
    let mut cpuinfo_mhz: Option<CpuinfoMhz> = None;
    let mut out = Vec::with_capacity(ids.len());
    for id in ids {
        let online = match online_list.value() {
            Some(list) => list.binary_search(&id).is_ok(),
            None => match cpu_sysfs::read_cpu(src, id, "online", cpu_sysfs::flag) {
                Ok(on) => on,
                // No `online` file (a CPU that cannot go offline, or no sysfs): online if it has a
                // `/proc/stat` line.
                Err(e) => {
                    w.reason(e);
                    times.contains_key(&id)
                }
            },
        };
        // `/proc/stat` prints a line only for an online CPU; when sysfs says offline (the
        // two read at different moments, or a captured tree), the counters are still real.
        let (cpu_times, percent) = match times.get(&id).copied() {
            Some(Field::Value(t)) => {
                let before = usize::try_from(id).ok().and_then(|i| prev.cpus.get(i).copied().flatten());
                let pct = before.and_then(|b| busy_percent(&b, &t));
                (Field::Value(t), pct.map_or(Field::Missing(Reason::NoPreviousSample), Field::Value))
            }
            Some(Field::Missing(r)) => (Field::Missing(r), Field::Missing(r)),
            None => (Field::Missing(Reason::NotEnabled), Field::Missing(Reason::NotEnabled)),
        };
        let mut file = |name: &str, parse| per_cpu(src, id, online, name, parse, w);
        let package_id = file("topology/physical_package_id", cpu_sysfs::id);
        let die_id = file("topology/die_id", cpu_sysfs::id);
        let cluster_id = file("topology/cluster_id", cpu_sysfs::id);
        let core_id = file("topology/core_id", cpu_sysfs::id);
        let thread_siblings = per_cpu(src, id, online, "topology/thread_siblings_list", cpu_sysfs::list, w);
        let freq = if online { frequency(src, id, &mut cpuinfo_mhz, w) } else { Frequency::all(Reason::NotEnabled) };
        out.push(Cpu {
            id,
            online,
            times: cpu_times,
            percent,
            package_id,
            die_id,
            cluster_id,
            core_id,
            thread_siblings,
            frequency_mhz: freq.current,
            frequency_min_mhz: freq.min,
            frequency_max_mhz: freq.max,
            governor: freq.governor,
        });
    }

    let online: Vec<&Cpu> = out.iter().filter(|c| c.online).collect();
    let count = u32::try_from(online.len()).unwrap_or(u32::MAX);
    let packages = distinct(&online, |c| c.package_id);
    let cores = distinct(&online, |c| c.package_id.and_then(|p| c.core_id.map(|core| (p, c.die_id.get(), core))));
    // Without ids, each core is one set of SMT siblings.
    let physical = match cores {
        Field::Missing(r) => match distinct(&online, |c| c.thread_siblings.clone()) {
            Field::Value(n) => Field::Value(n),
            Field::Missing(_) => Field::Missing(r),
        },
        found => found,
    };
    Cpus {
        cpus: out,
        count,
        possible: possible.map(|l| u32::try_from(l.len()).unwrap_or(u32::MAX)),
        physical,
        packages,
    }
}

/// One file of a CPU's sysfs directory; `not_enabled` while the CPU is offline (its
/// `topology/` is removed then).
fn per_cpu<T>(
    src: &Source,
    id: u32,
    online: bool,
    file: &str,
    parse: fn(&[u8]) -> Result<T, ParseError>,
    w: &mut Warnings,
) -> Field<T> {
    if !online {
        return Field::Missing(Reason::NotEnabled);
    }
    optional(cpu_sysfs::read_cpu(src, id, file, parse), w)
}

/// The number of distinct keys, or the reason the first CPU without one has none.
fn distinct<K: Eq + Hash>(cpus: &[&Cpu], key: impl Fn(&Cpu) -> Field<K>) -> Field<u32> {
    if cpus.is_empty() {
        return Field::Missing(Reason::NotSupported);
    }
    let mut seen = HashSet::new();
    for c in cpus {
        match key(c) {
            Field::Value(k) => {
                seen.insert(k);
            }
            Field::Missing(r) => return Field::Missing(r),
        }
    }
    Field::Value(u32::try_from(seen.len()).unwrap_or(u32::MAX))
}

struct Frequency {
    current: Field<f64>,
    min: Field<f64>,
    max: Field<f64>,
    governor: Field<String>,
}

impl Frequency {
    fn all(r: Reason) -> Frequency {
        Frequency {
            current: Field::Missing(r),
            min: Field::Missing(r),
            max: Field::Missing(r),
            governor: Field::Missing(r),
        }
    }
}

/// cpufreq's view of an online CPU, or without a cpufreq driver the current frequency
/// `/proc/cpuinfo` prints.
fn frequency(src: &Source, id: u32, cpuinfo_mhz: &mut Option<CpuinfoMhz>, w: &mut Warnings) -> Frequency {
    match cpu_sysfs::read_cpu(src, id, "cpufreq/scaling_cur_freq", cpu_sysfs::khz_as_mhz) {
        Err(e) if e.kind() == ErrorKind::NotFound => {
            let info = cpuinfo_mhz
                .get_or_insert_with(|| read_values(w, src, "cpuinfo", cpuinfo::read, |c| &c.problems).map(|c| c.mhz));
            let current = match info {
                Field::Value(list) => list
                    .iter()
                    .find(|(cpu, _)| *cpu == id)
                    .map_or(Field::Missing(Reason::NotSupported), |(_, mhz)| mhz.field(Reason::NotSupported)),
                Field::Missing(r) => Field::Missing(*r),
            };
            // No cpufreq driver: its files are not there.
            Frequency { current, ..Frequency::all(Reason::NotPresent) }
        }
        current => Frequency {
            current: optional(current, w),
            min: optional(cpu_sysfs::read_cpu(src, id, "cpufreq/scaling_min_freq", cpu_sysfs::khz_as_mhz), w),
            max: optional(cpu_sysfs::read_cpu(src, id, "cpufreq/scaling_max_freq", cpu_sysfs::khz_as_mhz), w),
            governor: optional(cpu_sysfs::read_cpu(src, id, "cpufreq/scaling_governor", cpu_sysfs::word), w),
        },
    }
}

/// Filesystems whose `statvfs` waits on a server for as long as it does not answer, and
/// `autofs`, whose `statvfs` would trigger the mount.
const NO_STATVFS: &[&str] = &[
    "9p",
    "afs",
    "autofs",
    "beegfs",
    "ceph",
    "cifs",
    "coda",
    "davfs",
    "fuse.ceph-fuse",
    "fuse.gcsfuse",
    "fuse.glusterfs",
    "fuse.rclone",
    "fuse.s3fs",
    "fuse.sshfs",
    "glusterfs",
    "gpfs",
    "lustre",
    "ncpfs",
    "nfs",
    "nfs4",
    "orangefs",
    "smb3",
    "smbfs",
];

fn filesystems(src: &Source, timeout: Duration, state: &mut State, w: &mut Warnings) -> Field<Vec<Filesystem>> {
    let path = src.proc_path("self/mountinfo");
    let mounts = match src.read_proc("self/mountinfo") {
        Ok(t) => {
            let (mounts, problems) = pid_mountinfo::parse(&t);
            w.problems(&path, &problems);
            mounts
        }
        Err(e) => return Field::Missing(w.reason(e)),
    };
    // A mount stacked on its parent's own mount point covers the parent: that path now
    // reaches the mount on top.
    let point: HashMap<u32, &[u8]> = mounts.iter().map(|m| (m.mount_id, m.mount_point.as_slice())).collect();
    let covered: HashSet<u32> = mounts
        .iter()
        .filter(|m| m.parent_id != m.mount_id && point.get(&m.parent_id) == Some(&m.mount_point.as_slice()))
        .map(|m| m.parent_id)
        .collect();
    let ask = mounts
        .iter()
        .enumerate()
        .filter(|(_, m)| !covered.contains(&m.mount_id) && !NO_STATVFS.contains(&m.fs_type.as_str()))
        .map(|(i, m)| (i, m.mount_point.clone()))
        .collect();
    let mut answers = statvfs_all(src, ask, timeout, state);
    let out = mounts
        .into_iter()
        .enumerate()
        .map(|(i, m)| {
            let sizes = if covered.contains(&m.mount_id) {
                Err(Reason::NotPresent)
            } else {
                match answers.remove(&i) {
                    None => Err(Reason::Disabled),
                    Some(Ok(s)) => Ok(s),
                    // Unmounted since mountinfo was read, or not reachable under this rootfs.
                    Some(Err(e)) if e.kind() == ErrorKind::NotFound => Err(Reason::NotPresent),
                    Some(Err(e)) => Err(w.reason(e)),
                }
            };
            filesystem(src, m, sizes, w)
        })
        .collect();
    Field::Value(out)
}

/// `statvfs` of each `(index, mount point)` on the domain's helper thread, each under
/// `timeout`. A mount that does not answer in time is remembered in `state.stuck` with its
/// pending call's flag, reported `timed_out`, and the rest go to a new helper; a remembered mount
/// is not asked again until its call has returned. The calling thread never waits on a
/// mount for longer than `timeout`.
fn statvfs_all(
    src: &Source,
    ask: Vec<(usize, Vec<u8>)>,
    timeout: Duration,
    state: &mut State,
) -> HashMap<usize, Result<StatVfs, Error>> {
    let timed_out = |mp: &[u8], what: String| Error::new(ErrorKind::TimedOut, what).with_path(src.root_path(mp));
    // A pending call that has returned: that mount answers again.
    state.stuck.retain(|_, done| !done.load(Ordering::Acquire));
    let mut out = HashMap::with_capacity(ask.len());
    let mut queue = Vec::with_capacity(ask.len());
    for (i, mp) in ask {
        if state.stuck.contains_key(&mp) {
            out.insert(i, Err(timed_out(&mp, "statvfs has still not returned since it timed out".into())));
        } else {
            queue.push((i, mp));
        }
    }
    while !queue.is_empty() {
        if state.stuck.len() >= MAX_STUCK {
            for (i, mp) in queue.drain(..) {
                let why = format!("statvfs not asked: {MAX_STUCK} mounts are already stuck");
                out.insert(i, Err(timed_out(&mp, why)));
            }
            break;
        }
        let helper = match state.helper.take().map_or_else(Helper::spawn, Ok) {
            Ok(h) => h,
            Err(e) => {
                // No thread to wait on: asking here could hang the caller, so nothing is asked.
                for (i, mp) in queue.drain(..) {
                    out.insert(i, Err(Error::io(&src.root_path(&mp), &e)));
                }
                break;
            }
        };
        let items: Vec<(usize, Vec<u8>, Arc<AtomicBool>)> =
            queue.drain(..).map(|(i, mp)| (i, mp, Arc::new(AtomicBool::new(false)))).collect();
        let mut rest = items.len();
        for (k, (_, mp, done)) in items.iter().enumerate() {
            let job = Job { src: src.clone(), mount: mp.clone(), done: done.clone() };
            if helper.jobs.send(job).is_err() {
                rest = k;
                break;
            }
        }
        let mut healthy = rest == items.len();
        for (k, (i, mp, done)) in items.iter().enumerate().take(rest) {
            match helper.answers.recv_timeout(timeout) {
                Ok(r) => {
                    out.insert(*i, r);
                }
                Err(std::sync::mpsc::RecvTimeoutError::Timeout) => {
                    // The helper is blocked in this mount's statvfs: leave it there.
                    helper.abandoned.store(true, Ordering::Release);
                    state.stuck.insert(mp.clone(), done.clone());
                    let why = format!("statvfs did not answer within {} ms", timeout.as_millis());
                    out.insert(*i, Err(timed_out(mp, why)));
                    rest = k + 1;
                    healthy = false;
                    break;
                }
                Err(std::sync::mpsc::RecvTimeoutError::Disconnected) => {
                    out.insert(
                        *i,
                        Err(Error::new(ErrorKind::Io, "the statvfs thread ended").with_path(src.root_path(mp))),
                    );
                    rest = k + 1;
                    healthy = false;
                    break;
                }
            }
        }
        if healthy {
            state.helper = Some(helper);
        }
        queue.extend(items.into_iter().skip(rest).map(|(i, mp, _)| (i, mp)));
    }
    out
}

fn filesystem(src: &Source, m: MountInfo, sizes: Result<StatVfs, Reason>, w: &mut Warnings) -> Filesystem {
    let size = |get: fn(&StatVfs) -> u64| Field::from(sizes.as_ref().map(get).map_err(|r| *r));
    let mount_point = src.root_path(&m.mount_point);
    // A count a filesystem reports below another it must exceed is `error`, not clamped.
    let mut minus = |a: fn(&StatVfs) -> u64, b: fn(&StatVfs) -> u64, name: &'static str| match &sizes {
        Ok(s) => w.field(a(s).checked_sub(b(s)).ok_or(ParseError::overflow(name)).map_err(|e| e.in_file(&mount_point))),
        Err(r) => Field::Missing(*r),
    };
    let used_bytes = minus(|s| s.total_bytes, |s| s.free_bytes, "used_bytes");
    let inodes_used = minus(|s| s.inodes_total, |s| s.inodes_free, "inodes_used");
    let used_percent = match (&sizes, used_bytes) {
        (Ok(s), Field::Value(used)) => match used.checked_add(s.available_bytes) {
            Some(0) => Field::Missing(Reason::NotPresent),
            Some(all) => Field::Value(used as f64 / all as f64 * 100.0),
            None => Field::Value(used as f64 / (used as f64 + s.available_bytes as f64) * 100.0),
        },
        (_, Field::Missing(r)) => Field::Missing(r),
        (Err(r), _) => Field::Missing(*r),
    };
    let ro = |opts: &str| opts.split(',').any(|o| o == "ro");
    Filesystem {
        mount_id: m.mount_id,
        parent_id: m.parent_id,
        device: format!("{}:{}", m.major, m.minor),
        read_only: ro(&m.options) || ro(&m.super_options),
        source: ByteStr::from(m.source),
        mount_point: ByteStr::from(m.mount_point),
        root: ByteStr::from(m.root),
        fs_type: m.fs_type,
        options: m.options,
        super_options: m.super_options,
        total_bytes: size(|s| s.total_bytes),
        free_bytes: size(|s| s.free_bytes),
        available_bytes: size(|s| s.available_bytes),
        used_bytes,
        used_percent,
        inodes_total: size(|s| s.inodes_total),
        inodes_free: size(|s| s.inodes_free),
        inodes_used,
        block_size: size(|s| s.block_size),
    }
}

#[cfg(test)]
mod tests {
    use std::path::PathBuf;
    use std::sync::atomic::{AtomicUsize, Ordering};

    use super::*;
    use crate::domain::TestCx;

    /// The domain, the state it leaves, the facts it recorded (boot time, MemTotal) and its
    /// warnings.
    type Collected = (Domain<System>, State, (Field<u64>, Field<u64>), Vec<String>);

    /// A fixture tree in a temporary directory, removed on drop.
    struct Tree(PathBuf);

    impl Tree {
        fn new(files: &[(&str, &str)]) -> Tree {
            static N: AtomicUsize = AtomicUsize::new(0);
            let n = N.fetch_add(1, Ordering::Relaxed);
            let dir = std::env::temp_dir().join(format!("libprobe-system-{}-{n}", std::process::id()));
            for (path, text) in files {
                let p = dir.join(path);
                std::fs::create_dir_all(p.parent().unwrap()).unwrap();
                std::fs::write(p, text).unwrap();
            }
            std::fs::create_dir_all(&dir).unwrap();
            Tree(dir)
        }

        /// Collects with `state` as the previous snapshot left it; gives the domain, the
        /// state it leaves, the facts it recorded (boot time, MemTotal) and its warnings.
        fn collect(&self, prev: Option<&State>) -> Collected {
            let t = TestCx::new(Source::rooted_at(&self.0));
            let mut state = prev.cloned().unwrap_or_default();
            let mut cx = t.cx();
            let d = collect(&mut cx, &SystemOptions::default(), &mut state);
            let w = cx.into_warnings().into_parts().0;
            let mut facts = t.cx();
            (d, state, (facts.boot_time(), facts.mem_total()), w)
        }
    }

    impl Drop for Tree {
        fn drop(&mut self) {
            let _ = std::fs::remove_dir_all(&self.0);
        }
    }

    fn collected(d: Domain<System>) -> System {
        match d {
            Domain::Collected(s) => s,
            other => panic!("not collected: {other:?}"),
        }
    }

    const STAT: &str = "cpu  200 0 100 700 0 0 0 0 0 0\ncpu0 100 0 50 350 0 0 0 0 0 0\n\
cpu1 100 0 50 350 0 0 0 0 0 0\nintr 5\nctxt 6\nbtime 1700000000\nprocesses 7\nprocs_running 2\nprocs_blocked 1\n";

    #[test]
    fn absent_files_are_not_present() {
        let t = Tree::new(&[("proc/stat", STAT)]);
        let (d, next, facts, warnings) = t.collect(None);
        let s = collected(d);
        assert!(warnings.is_empty(), "{warnings:?}");
        assert_eq!(
            (s.boot_time, facts),
            (Field::Value(1700000000), (Field::Value(1700000000), Field::Missing(Reason::NotPresent)))
        );
        assert_eq!((s.cpu_count, s.procs_running, s.procs_blocked), (2, Field::Value(2), Field::Value(1)));
        assert_eq!(s.softirqs, Field::Missing(Reason::NotSupported));
        assert_eq!(s.cpu_percent, Field::Missing(Reason::NoPreviousSample));
        assert_eq!(s.memory.reason(), Some(Reason::NotPresent));
        assert_eq!(s.pressure.cpu.reason(), Some(Reason::NotPresent));
        assert_eq!(s.filesystems.reason(), Some(Reason::NotPresent));
        assert_eq!(s.hostname.reason(), Some(Reason::NotPresent));
        assert_eq!(s.cpu_count_possible, Field::Missing(Reason::NotPresent));
        assert_eq!(s.cpu_count_physical, Field::Missing(Reason::NotPresent));
        assert_eq!(s.file_handles.reason(), Some(Reason::NotPresent));
        assert_eq!(s.entropy.reason(), Some(Reason::NotPresent));
        let cpu1 = &s.cpus[1];
        assert!(cpu1.online && cpu1.times.is_value());
        assert_eq!(cpu1.frequency_mhz, Field::Missing(Reason::NotPresent));
        assert_eq!(next.cpus, vec![Some(cpu1.times.get().unwrap()); 2]);
    }

    /// Each source fails alone: a missing or garbled `/proc/stat` costs its own fields.
    #[test]
    fn without_proc_stat_the_rest_is_collected() {
        let t = Tree::new(&[("proc/meminfo", "MemTotal: 1 kB\nMemFree: 1 kB\n"), ("proc/loadavg", "1 2 3 1/2 3\n")]);
        let (d, _, facts, warnings) = t.collect(None);
        let s = collected(d);
        assert!(warnings.is_empty(), "{warnings:?}");
        assert_eq!(
            (s.boot_time, s.cpu_total.reason(), s.forks),
            (Field::Missing(Reason::NotPresent), Some(Reason::NotPresent), Field::Missing(Reason::NotPresent))
        );
        assert!(s.memory.is_value() && s.load.is_value());
        assert_eq!(facts.0, Field::Missing(Reason::NotPresent));
        let t = Tree::new(&[("proc/stat", "cpu 1 2\nctxt 7\n"), ("proc/loadavg", "1 2 3 1/2 3\n")]);
        let (d, _, _, warnings) = t.collect(None);
        let s = collected(d);
        assert_eq!((s.cpu_total.reason(), s.context_switches), (Some(Reason::Error), Field::Value(7)));
        assert!(s.load.is_value());
        assert!(warnings.iter().any(|w| w.contains("stat line 1: missing field system")), "{warnings:?}");
    }

    #[test]
    fn new_kernel_tables() {
        let t = Tree::new(&[
            ("proc/stat", STAT),
            ("proc/sys/fs/file-nr", "2080\t0\t9223372036854775807\n"),
            ("proc/sys/fs/inode-nr", "43925\t520\n"),
            ("proc/sys/kernel/random/entropy_avail", "256\n"),
            ("proc/sys/kernel/random/poolsize", "-1\n"),
            (
                "proc/net/sockstat",
                "sockets: used 5\nTCP: inuse 1 orphan 0 tw 0 alloc 1 mem 3\nUDP: inuse 0 mem x\nFRAG: inuse 0 memory 0\n",
            ),
            ("syscalls.txt", "page_size 16384\n"),
        ]);
        let (d, _, _, warnings) = t.collect(None);
        let s = collected(d);
        let h = s.file_handles.ok().unwrap();
        assert_eq!((h.allocated, h.max), (Field::Value(2080), Field::Value(i64::MAX as u64)));
        let i = s.inodes.ok().unwrap();
        assert_eq!((i.allocated, i.free), (Field::Value(43925), Field::Value(520)));
        let e = s.entropy.ok().unwrap();
        assert_eq!((e.available_bits, e.pool_size_bits), (Field::Value(256), Field::Missing(Reason::Error)));
        let m = s.socket_memory.ok().unwrap();
        assert_eq!(
            (m.tcp_bytes, m.udp_bytes, m.frag_bytes),
            (Field::Value(3 * 16384), Field::Missing(Reason::Error), Field::Value(0))
        );
        assert_eq!(m.frag6_bytes, Field::Missing(Reason::NotPresent));
        assert_eq!(warnings.len(), 2, "{warnings:?}");
        assert!(warnings.iter().any(|w| w.contains("poolsize") && w.contains("\"-1\"")), "{warnings:?}");
    }

    /// `/proc/stat` has lines for CPUs a captured sysfs lists as offline: their counters are
    /// kept.
    #[test]
    fn counters_of_a_cpu_sysfs_calls_offline_are_kept() {
        let t = Tree::new(&[("proc/stat", STAT), ("sys/devices/system/cpu/online", "0\n")]);
        let s = collected(t.collect(None).0);
        assert_eq!((s.cpus[1].online, s.cpus[1].times.is_value()), (false, true));
        assert_eq!(s.cpus[1].core_id, Field::Missing(Reason::NotEnabled));
    }

    #[test]
    fn a_bad_cpu_line_costs_only_that_cpu() {
        let stat = STAT.replace("cpu1 100 0 50 350 0 0 0 0 0 0", "cpu1 100 0 50");
        let t = Tree::new(&[("proc/stat", &stat)]);
        let (d, next, _, warnings) = t.collect(None);
        let s = collected(d);
        assert_eq!((s.cpus[1].times.reason(), s.cpus[1].percent.reason()), (Some(Reason::Error), Some(Reason::Error)));
        assert!(s.cpus[0].times.is_value());
        assert_eq!(next.cpus, vec![s.cpus[0].times.get()]);
        assert_eq!(warnings.len(), 1);
        assert!(warnings[0].ends_with("stat line 3: missing field idle"), "{}", warnings[0]);
    }

    #[test]
    fn a_garbled_value_is_an_error_with_a_warning_and_its_neighbours_stay() {
        let t = Tree::new(&[
            ("proc/stat", STAT),
            ("proc/meminfo", "MemTotal: 1000 kB\nMemFree: lots\nShmem: 8 kB\n"),
            ("proc/loadavg", "\u{0}\u{1} 0.5 0.25 1/2\n"),
            ("proc/pressure/io", "some avg10=0.00 avg60=0.00 avg300=0.00 total=1\n"),
        ]);
        let (d, _, _, warnings) = t.collect(None);
        let s = collected(d);
        let m = s.memory.ok().unwrap();
        assert_eq!(
            (m.total, m.free, m.shared, m.used),
            (1_024_000, Field::Missing(Reason::Error), Field::Value(8192), Field::Missing(Reason::Error))
        );
        assert_eq!(s.meminfo.ok().unwrap().len(), 2);
        let l = s.load.ok().unwrap();
        assert_eq!(
            (l.load1, l.load5, l.total, l.last_pid),
            (Field::Missing(Reason::Error), Field::Value(0.5), Field::Value(2), Field::Missing(Reason::Error))
        );
        assert!(s.pressure.io.is_value());
        assert_eq!(warnings.len(), 3, "{warnings:?}");
        assert!(warnings[0].contains("meminfo line 2: invalid field value \"lots\""), "{}", warnings[0]);
        assert!(warnings[1].contains("loadavg: invalid field load1 \"\\x00\\x01\""), "{}", warnings[1]);
    }

    #[test]
    fn memory_on_a_kernel_without_mem_available() {
        let t = Tree::new(&[
            ("proc/stat", STAT),
            (
                "proc/meminfo",
                "MemTotal: 1000 kB\nMemFree: 500 kB\nBuffers: 100 kB\nCached: 200 kB\nSwapTotal: 0 kB\nSwapFree: 0 kB\n",
            ),
            ("proc/vmstat", "pswpin 3\npswpout 4\n"),
        ]);
        let (d, _, facts, _) = t.collect(None);
        let m = collected(d).memory.ok().unwrap();
        assert_eq!((m.total, m.used, m.used_percent), (1_024_000, Field::Value(204_800), Field::Value(20.0)));
        assert_eq!(
            (m.available, m.shared),
            (Field::Missing(Reason::NotSupported), Field::Missing(Reason::NotSupported))
        );
        assert_eq!((m.swap_used, m.swap_used_percent), (Field::Value(0), Field::Missing(Reason::NotPresent)));
        assert_eq!((m.swap_in_bytes, m.swap_out_bytes), (Field::Value(3 * 4096), Field::Value(4 * 4096)));
        assert_eq!(facts.1, Field::Value(1_024_000));
    }

    #[test]
    fn cpu_percent_and_hotplug() {
        let t = Tree::new(&[
            ("proc/stat", STAT),
            ("sys/devices/system/cpu/online", "0-1\n"),
            ("sys/devices/system/cpu/present", "0-2\n"),
            ("sys/devices/system/cpu/possible", "0-3\n"),
        ]);
        let before = CpuTimes { user: 100, system: 50, idle: 250, ..CpuTimes::default() };
        let prev = State {
            cpu_total: Some(CpuTimes { user: 150, system: 75, idle: 575, ..CpuTimes::default() }),
            cpus: vec![Some(before), None],
            ..State::default()
        };
        let s = collected(t.collect(Some(&prev)).0);
        // Total: busy 75 of 200 ticks; cpu0: busy 0 of 100; cpu1 was offline before.
        assert_eq!(s.cpu_percent, Field::Value(37.5));
        assert_eq!(s.cpus[0].percent, Field::Value(0.0));
        assert_eq!(s.cpus[1].percent, Field::Missing(Reason::NoPreviousSample));
        assert_eq!((s.cpus.len(), s.cpus[2].online, s.cpus[2].times.reason()), (3, false, Some(Reason::NotEnabled)));
        assert_eq!(s.cpus[2].core_id, Field::Missing(Reason::NotEnabled));
        assert_eq!((s.cpu_count, s.cpu_count_possible), (2, Field::Value(4)));

        // Counters that went backwards give no rate, never a negative or huge one.
        let later = CpuTimes { user: 1000, system: 1000, idle: 9000, ..CpuTimes::default() };
        let prev = State { cpu_total: Some(later), cpus: vec![Some(later)], ..State::default() };
        let s = collected(t.collect(Some(&prev)).0);
        assert_eq!(s.cpu_percent, Field::Missing(Reason::NoPreviousSample));
        assert_eq!(s.cpus[0].percent, Field::Missing(Reason::NoPreviousSample));
        // No tick elapsed: no rate either.
        let (_, same, _, _) = t.collect(None);
        let s = collected(t.collect(Some(&same)).0);
        assert_eq!(s.cpu_percent, Field::Missing(Reason::NoPreviousSample));
    }

    #[test]
    fn idle_and_iowait_trade_time() {
        let before = CpuTimes { user: 10, idle: 100, iowait: 50, ..CpuTimes::default() };
        let now = CpuTimes { user: 20, idle: 170, iowait: 20, ..CpuTimes::default() };
        assert_eq!(busy_percent(&before, &now), Some(20.0));
    }

    #[test]
    fn topology_and_cpufreq() {
        let cpu = "sys/devices/system/cpu";
        let t = Tree::new(&[
            ("proc/stat", STAT),
            (&format!("{cpu}/online"), "0-1\n"),
            (&format!("{cpu}/cpu0/topology/physical_package_id"), "0\n"),
            (&format!("{cpu}/cpu0/topology/core_id"), "0\n"),
            (&format!("{cpu}/cpu0/topology/thread_siblings_list"), "0-1\n"),
            (&format!("{cpu}/cpu1/topology/physical_package_id"), "0\n"),
            (&format!("{cpu}/cpu1/topology/core_id"), "0\n"),
            (&format!("{cpu}/cpu1/topology/thread_siblings_list"), "0-1\n"),
            (&format!("{cpu}/cpu0/cpufreq/scaling_cur_freq"), "1198734\n"),
            (&format!("{cpu}/cpu0/cpufreq/scaling_min_freq"), "800000\n"),
            (&format!("{cpu}/cpu0/cpufreq/scaling_max_freq"), "3500000\n"),
            (&format!("{cpu}/cpu0/cpufreq/scaling_governor"), "powersave\n"),
            ("proc/cpuinfo", "processor\t: 0\ncpu MHz\t\t: 1.0\n\nprocessor\t: 1\ncpu MHz\t\t: 2600.000\n"),
        ]);
        let s = collected(t.collect(None).0);
        assert_eq!((s.cpu_count_physical, s.cpu_packages), (Field::Value(1), Field::Value(1)));
        let (c0, c1) = (&s.cpus[0], &s.cpus[1]);
        assert_eq!(
            (c0.frequency_mhz, c0.frequency_min_mhz, c0.frequency_max_mhz),
            (Field::Value(1198.734), Field::Value(800.0), Field::Value(3500.0))
        );
        assert_eq!(c0.governor, Field::Value("powersave".to_owned()));
        assert_eq!(c0.die_id, Field::Missing(Reason::NotPresent));
        assert_eq!(c0.thread_siblings, Field::Value(vec![0, 1]));
        assert_eq!((c1.frequency_mhz, c1.governor.reason()), (Field::Value(2600.0), Some(Reason::NotPresent)));
    }

    #[test]
    fn filesystems_skip_network_and_covered_mounts() {
        let t = Tree::new(&[
            ("proc/stat", STAT),
            (
                "proc/self/mountinfo",
                "1 0 8:1 / / rw,relatime - ext4 /dev/sda1 rw\n\
                 2 1 0:40 / /mnt/nfs rw - nfs4 server:/export rw,vers=4.2\n\
                 3 1 0:23 / /dev/shm rw - tmpfs tmpfs rw\n\
                 4 3 0:27 / /dev/shm rw - tmpfs tmpfs ro\n\
                 5 1 0:21 / /proc rw - proc proc rw\n\
                 6 1 8:2 / /gone rw - ext4 /dev/sda2 rw\n",
            ),
            (
                "syscalls.txt",
                "statvfs / 4096 1000 400 300 100 60 50\nstatvfs /dev/shm 4096 800 800 800 10 9 9\n\
                 statvfs /proc 4096 0 0 0 0 0 0\n",
            ),
        ]);
        let (d, _, _, warnings) = t.collect(None);
        let fs = collected(d).filesystems.ok().unwrap();
        assert!(warnings.is_empty(), "{warnings:?}");
        let root = &fs[0];
        assert_eq!(
            (root.total_bytes, root.used_bytes, root.available_bytes),
            (Field::Value(1000), Field::Value(600), Field::Value(300))
        );
        assert_eq!((root.used_percent, root.inodes_used), (Field::Value(600.0 / 900.0 * 100.0), Field::Value(40)));
        assert_eq!((root.device.as_str(), root.read_only), ("8:1", false));
        assert_eq!(fs[1].total_bytes, Field::Missing(Reason::Disabled));
        assert_eq!(fs[2].free_bytes, Field::Missing(Reason::NotPresent));
        assert_eq!((fs[3].total_bytes, fs[3].read_only), (Field::Value(800), true));
        assert_eq!((fs[4].total_bytes, fs[4].used_percent), (Field::Value(0), Field::Missing(Reason::NotPresent)));
        assert_eq!(fs[5].total_bytes, Field::Missing(Reason::NotPresent));
    }
}
