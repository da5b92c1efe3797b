//! The system collector: one [`System`] from `/proc/stat`, `meminfo`, `vmstat`,
//! `loadavg`, `uptime`, `pressure/*`, `diskstats`, `sys/kernel/*`, `self/mountinfo` with
//! `statvfs`, `/sys/devices/system/cpu` and, for CPUs without cpufreq, `cpuinfo`.
//!
//! `/proc/stat` is the one required source: without it the domain fails. Any other
//! source that cannot be read leaves its fields missing with the reason (an absent file
//! is `not_supported`, EACCES `permission_denied`); an unexpected failure (a parse
//! error, EIO) is `error` and adds a warning naming the file.
//!
//! The previous snapshot's CPU times (the domain's state) give `cpu_percent`. The boot time
//! and `MemTotal` become the snapshot's facts ([`Cx::know`]), so the process collector,
//! which runs next, does not read `/proc/stat` and `/proc/meminfo` again.

use std::collections::{HashMap, HashSet};
use std::hash::Hash;

use crate::domain::Cx;
use crate::error::{Error, ErrorKind, ParseError};
use crate::model::{Domain, Field, Reason, Warnings};
use crate::parse::trim;
use crate::process::Pressure;
use crate::schema::OrderedMap;
use crate::source::Source;
use crate::system::{Cpu, CpuTimes, Filesystem, Memory, System, SystemOptions, SystemPressure};
use crate::text::ByteStr;

use crate::sys::imp::fs::StatVfs;
use crate::sys::imp::procfs::pid_mountinfo::{self, MountInfo};
use crate::sys::imp::procfs::{cpuinfo, diskstats, loadavg, meminfo, pressure, stat, uptime, vmstat};
use crate::sys::imp::sysfs::devices_system_cpu::{self as cpu_sysfs, MAX_CPUS};

/// What the system domain keeps between snapshots: the CPU times, for `cpu_percent`.
#[derive(Debug, Default, Clone)]
pub(crate) struct State {
    /// Summed times.
    cpu_total: Option<CpuTimes>,
    /// Per-CPU times, index = CPU id.
    cpus: Vec<Option<CpuTimes>>,
}

pub(crate) fn collect(cx: &mut Cx<'_>, _: &SystemOptions, state: &mut State) -> Domain<System> {
    let src = cx.src();
    let stat = match stat::read(src) {
        Ok(s) => s,
        Err(e) => return Domain::Failed(e),
    };
    let prev = std::mem::take(state);
    let next = state;
    let meminfo = cx.field(meminfo::read(src));
    // Other domains need the boot time and MemTotal: they take them from here.
    let mem_total = meminfo
        .as_ref()
        .and_then(|m| m.get("MemTotal").map_or(Field::Missing(Reason::NotSupported), |&t| Field::Value(t)));
    cx.know(Some(Field::Value(stat.boot_time)), Some(mem_total));
    let w = cx.warnings();
    let vmstat = optional(vmstat::read(src), w);
    let memory = match &meminfo {
        Field::Value(m) => match memory(m, &vmstat, src.page_size()) {
            Ok(mem) => Field::Value(mem),
            Err(e) => {
                w.push(e.in_file(src.proc_path("meminfo")));
                Field::Missing(Reason::Error)
            }
        },
        Field::Missing(r) => Field::Missing(*r),
    };

    // A `cpuN` line that did not parse costs only that CPU's times.
    let mut times: HashMap<u32, Field<CpuTimes>> = HashMap::with_capacity(stat.cpus.len());
    for (id, t) in stat.cpus {
        let t = match t {
            Ok(t) => Field::Value(t),
            Err(e) => {
                w.push(e.in_file(src.proc_path("stat")));
                Field::Missing(Reason::Error)
            }
        };
        if let (Field::Value(t), Some(i)) = (t, usize::try_from(id).ok().filter(|&i| i < MAX_CPUS)) {
            if next.cpus.len() <= i {
                next.cpus.resize(i + 1, None);
            }
            if let Some(slot) = next.cpus.get_mut(i) {
                *slot = Some(t);
            }
        }
        times.insert(id, t);
    }
    let cpus = cpus(src, &times, &prev, w);
    let before = prev.cpu_total;
    let cpu_percent = before.and_then(|b| busy_percent(&b, &stat.total));
    next.cpu_total = Some(stat.total);
    let softirqs = match stat.softirqs {
        Some(Ok(n)) => Field::Value(n),
        None => Field::Missing(Reason::NotSupported),
        Some(Err(e)) => {
            w.push(e.in_file(src.proc_path("stat")));
            Field::Missing(Reason::Error)
        }
    };

    let uptime = optional(uptime::read(src), w);
    Domain::Collected(System {
        hostname: kernel_text(src, "hostname", w).map(ByteStr::from),
        kernel_release: kernel_text(src, "osrelease", w).map(lossy),
        kernel_version: kernel_text(src, "version", w).map(lossy),
        boot_time: stat.boot_time,
        uptime_seconds: uptime.map(|u| u.uptime_seconds),
        idle_seconds: uptime.map(|u| u.idle_seconds),
        clock_ticks: src.clock_ticks(),
        page_size: src.page_size(),
        cpu_count: cpus.count,
        cpu_count_possible: cpus.possible,
        cpu_count_physical: cpus.physical,
        cpu_packages: cpus.packages,
        cpu_total: stat.total,
        cpu_percent: cpu_percent.map_or(Field::Missing(Reason::NoPreviousSample), Field::Value),
        cpus: cpus.cpus,
        context_switches: stat.context_switches,
        interrupts: stat.interrupts,
        softirqs,
        forks: stat.forks,
        procs_running: stat.procs_running,
        procs_blocked: stat.procs_blocked,
        load: optional(loadavg::read(src), w),
        pressure: SystemPressure {
            cpu: psi(src, "cpu", w),
            memory: psi(src, "memory", w),
            io: psi(src, "io", w),
            irq: psi(src, "irq", w),
        },
        memory,
        meminfo,
        vmstat,
        disks: optional(diskstats::read(src), w).map(|(disks, errors)| {
            errors.into_iter().for_each(|e| w.push(e));
            disks
        }),
        filesystems: filesystems(src, w),
    })
}

fn optional<T>(r: Result<T, Error>, w: &mut Warnings) -> Field<T> {
    w.field(r)
}

fn lossy(b: Vec<u8>) -> String {
    String::from_utf8_lossy(&b).into_owned()
}

/// `/proc/sys/kernel/<name>`, without its newline.
fn kernel_text(src: &Source, name: &str, w: &mut Warnings) -> Field<Vec<u8>> {
    optional(src.read_proc(format!("sys/kernel/{name}")).map(|t| trim(&t).to_vec()), w)
}

fn psi(src: &Source, name: &str, w: &mut Warnings) -> Field<Pressure> {
    let rel = format!("pressure/{name}");
    let r = src.read_proc(&rel).and_then(|t| pressure::parse(&t).map_err(|e| e.in_file(src.proc_path(&rel))));
    optional(r, w)
}

/// The typed view of `/proc/meminfo` (and the swap counters of `/proc/vmstat`).
fn memory(
    info: &OrderedMap<String, u64>,
    vmstat: &Field<OrderedMap<String, u64>>,
    page_size: u64,
) -> Result<Memory, ParseError> {
    let get = |key: &str| info.get(key).copied();
    let opt = |key: &str| get(key).map_or(Field::Missing(Reason::NotSupported), Field::Value);
    let total = get("MemTotal").ok_or(ParseError::missing("MemTotal"))?;
    if total == 0 {
        return Err(ParseError::invalid("MemTotal"));
    }
    let free = get("MemFree").ok_or(ParseError::missing("MemFree"))?;
    let available = opt("MemAvailable");
    let (buffers, cached) = (opt("Buffers"), opt("Cached"));
    let used = match available.get() {
        Some(a) => total.saturating_sub(a),
        // Before 3.14, what `free` showed: buffers and page cache count as free.
        None => total
            .saturating_sub(free)
            .saturating_sub(buffers.get().unwrap_or(0))
            .saturating_sub(cached.get().unwrap_or(0)),
    };
    let (swap_total, swap_free) = (opt("SwapTotal"), opt("SwapFree"));
    let swap_used = match (swap_total.get(), swap_free.get()) {
        (Some(t), Some(f)) => Field::Value(t.saturating_sub(f)),
        _ => Field::Missing(Reason::NotSupported),
    };
    let swap_used_percent = match (swap_total.get(), swap_used.get()) {
        (Some(0), _) => Field::Missing(Reason::NotPresent),
        (Some(t), Some(u)) => Field::Value(u as f64 / t as f64 * 100.0),
        _ => Field::Missing(Reason::NotSupported),
    };
    let pages = |key: &str| match vmstat {
        Field::Value(v) => {
            v.get(key).map_or(Field::Missing(Reason::NotSupported), |&n| Field::Value(n.saturating_mul(page_size)))
        }
        Field::Missing(r) => Field::Missing(*r),
    };
    Ok(Memory {
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
        used_percent: used as f64 / total as f64 * 100.0,
        swap_total,
        swap_free,
        swap_used,
        swap_used_percent,
        swap_in_bytes: pages("pswpin"),
        swap_out_bytes: pages("pswpout"),
    })
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
    let mut cpuinfo_mhz: Option<Field<Vec<(u32, f64)>>> = None;
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
        let (cpu_times, percent) = match times.get(&id).copied() {
            Some(Field::Value(t)) if online => {
                let before = usize::try_from(id).ok().and_then(|i| prev.cpus.get(i).copied().flatten());
                let pct = before.and_then(|b| busy_percent(&b, &t));
                (Field::Value(t), pct.map_or(Field::Missing(Reason::NoPreviousSample), Field::Value))
            }
            Some(Field::Missing(r)) if online => (Field::Missing(r), Field::Missing(r)),
            _ => (Field::Missing(Reason::NotEnabled), Field::Missing(Reason::NotEnabled)),
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
fn frequency(src: &Source, id: u32, cpuinfo_mhz: &mut Option<Field<Vec<(u32, f64)>>>, w: &mut Warnings) -> Frequency {
    match cpu_sysfs::read_cpu(src, id, "cpufreq/scaling_cur_freq", cpu_sysfs::khz_as_mhz) {
        Err(e) if e.kind() == ErrorKind::NotFound => {
            let info = cpuinfo_mhz.get_or_insert_with(|| optional(cpuinfo::read(src), w));
            let current = match info {
                Field::Value(list) => list
                    .iter()
                    .find(|(cpu, _)| *cpu == id)
                    .map_or(Field::Missing(Reason::NotSupported), |&(_, mhz)| Field::Value(mhz)),
                Field::Missing(r) => Field::Missing(*r),
            };
            Frequency { current, ..Frequency::all(Reason::NotSupported) }
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

fn filesystems(src: &Source, w: &mut Warnings) -> Field<Vec<Filesystem>> {
    let path = src.proc_path("self/mountinfo");
    let mounts = src.read_proc("self/mountinfo").and_then(|t| pid_mountinfo::parse(&t).map_err(|e| e.in_file(&path)));
    let mounts = match mounts {
        Ok(m) => m,
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
    Field::Value(mounts.into_iter().map(|m| filesystem(src, &covered, m, w)).collect())
}

fn filesystem(src: &Source, covered: &HashSet<u32>, m: MountInfo, w: &mut Warnings) -> Filesystem {
    let sizes: Result<StatVfs, Reason> = if covered.contains(&m.mount_id) {
        Err(Reason::NotPresent)
    } else if NO_STATVFS.contains(&m.fs_type.as_str()) {
        Err(Reason::Disabled)
    } else {
        src.statvfs(&m.mount_point).map_err(|e| match e.kind() {
            // Unmounted since mountinfo was read, or not reachable under this rootfs.
            ErrorKind::NotFound => Reason::NotPresent,
            _ => w.reason(e),
        })
    };
    let size = |get: fn(&StatVfs) -> u64| Field::from(sizes.as_ref().map(get).map_err(|r| *r));
    let used_percent = sizes.as_ref().map_err(|r| *r).and_then(|s| {
        let used = s.total_bytes.saturating_sub(s.free_bytes);
        match used.saturating_add(s.available_bytes) {
            0 => Err(Reason::NotPresent),
            all => Ok(used as f64 / all as f64 * 100.0),
        }
    });
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
        used_bytes: size(|s| s.total_bytes.saturating_sub(s.free_bytes)),
        used_percent: Field::from(used_percent),
        inodes_total: size(|s| s.inodes_total),
        inodes_free: size(|s| s.inodes_free),
        inodes_used: size(|s| s.inodes_total.saturating_sub(s.inodes_free)),
        block_size: size(|s| s.block_size),
    }
}

#[cfg(test)]
mod tests {
    use std::path::PathBuf;
    use std::sync::atomic::{AtomicUsize, Ordering};

    use super::*;
    use crate::domain::TestCx;

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
        #[allow(clippy::type_complexity)]
        fn collect(&self, prev: Option<&State>) -> (Domain<System>, State, (Field<u64>, Field<u64>), Vec<String>) {
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
    fn only_proc_stat_is_required() {
        let t = Tree::new(&[("proc/stat", STAT)]);
        let (d, next, facts, warnings) = t.collect(None);
        let s = collected(d);
        assert!(warnings.is_empty(), "{warnings:?}");
        assert_eq!(
            (s.boot_time, facts),
            (1700000000, (Field::Value(1700000000), Field::Missing(Reason::NotSupported)))
        );
        assert_eq!((s.cpu_count, s.procs_running, s.procs_blocked), (2, 2, 1));
        assert_eq!(s.softirqs, Field::Missing(Reason::NotSupported));
        assert_eq!(s.cpu_percent, Field::Missing(Reason::NoPreviousSample));
        assert_eq!(s.memory.reason(), Some(Reason::NotSupported));
        assert_eq!(s.pressure.cpu.reason(), Some(Reason::NotSupported));
        assert_eq!(s.filesystems.reason(), Some(Reason::NotSupported));
        assert_eq!(s.hostname.reason(), Some(Reason::NotSupported));
        assert_eq!(s.cpu_count_possible, Field::Missing(Reason::NotSupported));
        assert_eq!(s.cpu_count_physical, Field::Missing(Reason::NotSupported));
        let cpu1 = &s.cpus[1];
        assert!(cpu1.online && cpu1.times.is_value());
        assert_eq!(cpu1.frequency_mhz, Field::Missing(Reason::NotSupported));
        assert_eq!(next.cpus, vec![Some(cpu1.times.get().unwrap()); 2]);
    }

    #[test]
    fn without_proc_stat_the_domain_fails() {
        let t = Tree::new(&[("proc/meminfo", "MemTotal: 1 kB\n")]);
        assert!(matches!(t.collect(None).0, Domain::Failed(e) if e.reason() == Reason::NotSupported));
        let t = Tree::new(&[("proc/stat", "cpu 1 2\n")]);
        let Domain::Failed(e) = t.collect(None).0 else { panic!("a garbled /proc/stat must fail the domain") };
        assert_eq!((e.field(), e.line()), (Some("system"), Some(1)));
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
    fn a_garbled_optional_file_is_an_error_with_a_warning() {
        let t = Tree::new(&[
            ("proc/stat", STAT),
            ("proc/meminfo", "MemTotal: 1000 kB\nMemFree: lots\n"),
            ("proc/loadavg", "\u{0}\u{1}\n"),
            ("proc/pressure/io", "some avg10=0.00 avg60=0.00 avg300=0.00 total=1\n"),
        ]);
        let (d, _, _, warnings) = t.collect(None);
        let s = collected(d);
        assert_eq!(
            (s.memory.reason(), s.meminfo.reason(), s.load.reason()),
            (Some(Reason::Error), Some(Reason::Error), Some(Reason::Error))
        );
        assert!(s.pressure.io.is_value());
        assert_eq!(warnings.len(), 2, "{warnings:?}");
        assert!(warnings[0].contains("meminfo line 2"), "{}", warnings[0]);
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
        assert_eq!((m.total, m.used, m.used_percent), (1_024_000, 204_800, 20.0));
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
        let prev = State { cpu_total: Some(later), cpus: vec![Some(later)] };
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
        assert_eq!(c0.die_id, Field::Missing(Reason::NotSupported));
        assert_eq!(c0.thread_siblings, Field::Value(vec![0, 1]));
        assert_eq!((c1.frequency_mhz, c1.governor.reason()), (Field::Value(2600.0), Some(Reason::NotSupported)));
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
