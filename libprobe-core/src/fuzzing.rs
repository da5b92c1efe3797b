//! Entry points for the fuzz targets (`fuzz/`) and the parser property tests. Internal:
//! not part of the API, built only with the `fuzzing` feature.
//!
//! Each function runs one kernel-file parser on arbitrary bytes and panics if it panics
//! or breaks a cheap invariant: a value that renders back to the same parse, or an
//! output bounded by its input. [`TARGETS`] lists them by fuzz target name, which is also
//! the name of each seed corpus directory (`fuzz/corpus/<target>/`).

use crate::process::Limit;
use crate::sys::imp::procfs::{
    self, cpuinfo, diskstats, loadavg, meminfo, pid_cgroup, pid_cmdline, pid_fdinfo, pid_io, pid_limits, pid_maps,
    pid_mountinfo, pid_ns, pid_schedstat, pid_smaps_rollup, pid_stat, pid_status, pressure, stat, uptime, vmstat,
};
use crate::sys::imp::sysfs::{devices_system_cpu, fs_cgroup};
use crate::sys::imp::taskstats;

/// One parser's entry point: panics if the parser panics or breaks its invariant.
pub type Target = fn(&[u8]);

/// Every fuzz target: (name, entry point).
pub const TARGETS: &[(&str, Target)] = &[
    ("pid_stat", pid_stat),
    ("pid_status", pid_status),
    ("pid_io", pid_io),
    ("pid_cmdline", pid_cmdline),
    ("pid_limits", pid_limits),
    ("pid_cgroup", pid_cgroup),
    ("pid_maps", pid_maps),
    ("pid_smaps_rollup", pid_smaps_rollup),
    ("pid_fdinfo", pid_fdinfo),
    ("pid_schedstat", pid_schedstat),
    ("pid_ns", pid_ns),
    ("pid_oom_score", pid_oom_score),
    ("pid_mountinfo", pid_mountinfo),
    ("pressure", pressure),
    ("fs_cgroup_values", fs_cgroup_values),
    ("fs_cgroup_io_max", fs_cgroup_io_max),
    ("taskstats", taskstats),
    ("stat", stat),
    ("meminfo", meminfo),
    ("vmstat", vmstat),
    ("loadavg", loadavg),
    ("uptime", uptime),
    ("diskstats", diskstats),
    ("cpuinfo", cpuinfo),
    ("cpu_list", cpu_list),
];

fn lines(data: &[u8]) -> usize {
    data.iter().filter(|&&b| b == b'\n').count() + 1
}

/// `/proc/<pid>/stat`: comm is exactly what lies between the first `(` and the last `)`.
pub fn pid_stat(data: &[u8]) {
    if let Ok(s) = pid_stat::parse(data) {
        let open = data.iter().position(|&b| b == b'(').expect("parsed without `(`");
        let close = data.iter().rposition(|&b| b == b')').expect("parsed without `)`");
        assert_eq!(s.comm.as_bytes(), &data[open + 1..close]);
    }
}

/// `/proc/<pid>/status`: lists no longer than the input; kB values in whole KiB.
pub fn pid_status(data: &[u8]) {
    if let Ok(s) = pid_status::parse(data) {
        assert!(s.cpus_allowed_list.as_ref().is_none_or(|l| l.len() <= 8192));
        assert!(s.groups.as_ref().is_none_or(|g| g.len() <= data.len()));
        assert!(s.ns_pids.as_ref().is_none_or(|g| g.len() <= data.len()));
        for kb in [s.vm_size, s.vm_rss, s.vm_data, s.vm_stk, s.rss_file, s.rss_shmem, s.vm_swap].into_iter().flatten() {
            assert_eq!(kb % 1024, 0);
        }
    }
}

/// `/proc/<pid>/io`: renders back to the same counters.
pub fn pid_io(data: &[u8]) {
    if let Ok(io) = pid_io::parse(data) {
        let text = format!(
            "rchar: {}\nwchar: {}\nsyscr: {}\nsyscw: {}\nread_bytes: {}\nwrite_bytes: {}\ncancelled_write_bytes: {}\n",
            io.rchar, io.wchar, io.syscr, io.syscw, io.read_bytes, io.write_bytes, io.cancelled_write_bytes
        );
        assert_eq!(pid_io::parse(text.as_bytes()), Ok(io));
    }
}

/// `/proc/<pid>/cmdline` and `environ`: the arguments joined by NUL give the input back;
/// environ keys are never empty.
pub fn pid_cmdline(data: &[u8]) {
    let args = pid_cmdline::split(data);
    if !data.is_empty() {
        let mut joined = args.iter().map(|a| a.as_bytes()).collect::<Vec<_>>().join(&0u8);
        joined.push(0);
        let expected = if data.ends_with(b"\0") { data.to_vec() } else { [data, b"\0"].concat() };
        assert_eq!(joined, expected);
    }
    let env = pid_cmdline::environ(data);
    assert!(env.iter().all(|(k, _)| !k.is_empty()));
    assert!(env.iter().map(|(k, v)| k.len() + v.len()).sum::<usize>() <= data.len());
}

/// `/proc/<pid>/limits`: renders back to the same sixteen limits.
pub fn pid_limits(data: &[u8]) {
    let Ok(l) = pid_limits::parse(data) else { return };
    let rows: [(&str, &Limit); 16] = [
        ("Max cpu time", &l.max_cpu_time),
        ("Max file size", &l.max_file_size),
        ("Max data size", &l.max_data_size),
        ("Max stack size", &l.max_stack_size),
        ("Max core file size", &l.max_core_size),
        ("Max resident set", &l.max_resident_set),
        ("Max processes", &l.max_processes),
        ("Max open files", &l.max_open_files),
        ("Max locked memory", &l.max_locked_memory),
        ("Max address space", &l.max_address_space),
        ("Max file locks", &l.max_file_locks),
        ("Max pending signals", &l.max_pending_signals),
        ("Max msgqueue size", &l.max_msgqueue_size),
        ("Max nice priority", &l.max_nice_priority),
        ("Max realtime priority", &l.max_realtime_priority),
        ("Max realtime timeout", &l.max_realtime_timeout),
    ];
    let value = |v: u64| if v == Limit::UNLIMITED { "unlimited".to_owned() } else { v.to_string() };
    let mut text = String::from("Limit                     Soft Limit           Hard Limit           Units     \n");
    for (name, limit) in rows {
        text += &format!("{name:<26}{:<21}{:<21}units\n", value(limit.soft), value(limit.hard));
    }
    assert_eq!(pid_limits::parse(text.as_bytes()), Ok(l));
}

/// `/proc/<pid>/cgroup`: renders back to the same lines.
pub fn pid_cgroup(data: &[u8]) {
    let Ok(parsed) = pid_cgroup::parse(data) else { return };
    assert!(parsed.len() <= lines(data));
    let mut text = Vec::new();
    for l in &parsed {
        text.extend_from_slice(format!("{}:", l.hierarchy).as_bytes());
        text.extend_from_slice(&l.controllers.join(&b","[..]));
        text.push(b':');
        text.extend_from_slice(l.path);
        text.push(b'\n');
    }
    assert_eq!(pid_cgroup::parse(&text).as_deref(), Ok(&parsed[..]));
    let _ = pid_cgroup::unified(&parsed);
}

/// `/proc/<pid>/maps`: renders back to the same mappings.
pub fn pid_maps(data: &[u8]) {
    let Ok(maps) = pid_maps::parse(data) else { return };
    assert!(maps.len() <= lines(data));
    let mut text = Vec::new();
    for m in &maps {
        let head =
            format!("{:x}-{:x} {} {:x} {} {} ", m.start_addr, m.end_addr, m.permissions, m.offset, m.device, m.inode);
        text.extend_from_slice(head.as_bytes());
        text.extend_from_slice(m.pathname.as_bytes());
        text.push(b'\n');
    }
    assert_eq!(pid_maps::parse(&text), Ok(maps));
}

/// `/proc/<pid>/smaps_rollup`: whole KiB; the derived sums do not overflow.
pub fn pid_smaps_rollup(data: &[u8]) {
    if let Ok(s) = pid_smaps_rollup::parse(data) {
        assert!([s.rss, s.pss, s.private_clean, s.private_dirty, s.swap].into_iter().flatten().all(|v| v % 1024 == 0));
        let _ = (s.uss(), s.dirty());
    }
}

/// `/proc/<pid>/fdinfo/<fd>`: renders back to the same fields.
pub fn pid_fdinfo(data: &[u8]) {
    let Ok(i) = pid_fdinfo::parse(data) else { return };
    let mut text = String::new();
    if let Some(v) = i.pos {
        text += &format!("pos:\t{v}\n");
    }
    if let Some(v) = i.flags {
        text += &format!("flags:\t0{v:o}\n");
        let _ = pid_fdinfo::mode(v);
    }
    if let Some(v) = i.mnt_id {
        text += &format!("mnt_id:\t{v}\n");
    }
    if let Some(v) = i.ino {
        text += &format!("ino:\t{v}\n");
    }
    assert_eq!(pid_fdinfo::parse(text.as_bytes()), Ok(i));
}

/// `/proc/<pid>/schedstat`: renders back to the same three numbers.
pub fn pid_schedstat(data: &[u8]) {
    if let Ok(s) = pid_schedstat::parse(data) {
        let text = format!("{} {} {}\n", s.run_time_ns, s.run_delay_ns, s.timeslices);
        assert_eq!(pid_schedstat::parse(text.as_bytes()), Ok(s));
    }
}

/// `/proc/<pid>/ns/*` link targets: the inode renders back.
pub fn pid_ns(data: &[u8]) {
    if let Ok(ino) = pid_ns::inode(data) {
        assert_eq!(pid_ns::inode(format!("net:[{ino}]").as_bytes()), Ok(ino));
    }
}

/// `/proc/<pid>/oom_score` and `oom_score_adj`: one integer.
pub fn pid_oom_score(data: &[u8]) {
    if let Ok(v) = procfs::single_int::<i32>(data, "oom_score") {
        assert_eq!(procfs::single_int::<i32>(v.to_string().as_bytes(), "oom_score"), Ok(v));
    }
}

/// `/proc/self/mountinfo`: one mount per line at most; unescaping only shortens.
pub fn pid_mountinfo(data: &[u8]) {
    if let Ok(m) = pid_mountinfo::parse(data) {
        assert!(m.len() <= lines(data));
        assert!(m.iter().all(|m| m.mount_point.len() + m.root.len() + m.source.len() <= data.len()));
    }
}

/// `/proc/pressure/*` and `*.pressure`: renders back to the same lines.
pub fn pressure(data: &[u8]) {
    let Ok(p) = pressure::parse(data) else { return };
    let line = |kind: &str, l: &crate::process::PsiLine| {
        format!("{kind} avg10={} avg60={} avg300={} total={}\n", l.avg10, l.avg60, l.avg300, l.total_us)
    };
    let mut text = line("some", &p.some);
    if let Some(full) = p.full.value() {
        text += &line("full", full);
    }
    assert_eq!(pressure::parse(text.as_bytes()), Ok(p));
}

/// Single-value cgroup files (`memory.max`, `cpu.max`, v1 limits, `cgroup.controllers`).
pub fn fs_cgroup_values(data: &[u8]) {
    let show = |v: u64| if v == u64::MAX { "max".to_owned() } else { v.to_string() };
    if let Ok(v) = fs_cgroup::max_value(data) {
        assert_eq!(fs_cgroup::max_value(show(v).as_bytes()), Ok(v));
    }
    if let Ok((q, p)) = fs_cgroup::cpu_max(data) {
        assert_eq!(fs_cgroup::cpu_max(format!("{} {p}\n", show(q)).as_bytes()), Ok((q, p)));
    }
    let _ = (fs_cgroup::v1_memory_limit(data), fs_cgroup::v1_quota(data));
    assert!(fs_cgroup::controllers(data).len() <= data.len());
}

/// `io.max`: renders back to the same limits.
pub fn fs_cgroup_io_max(data: &[u8]) {
    let Ok(limits) = fs_cgroup::io_max(data) else { return };
    assert!(limits.len() <= lines(data));
    let show = |v: u64| if v == u64::MAX { "max".to_owned() } else { v.to_string() };
    let text: String = limits
        .iter()
        .map(|l| {
            let (r, w, ri, wi) = (show(l.rbps), show(l.wbps), show(l.riops), show(l.wiops));
            format!("{} rbps={r} wbps={w} riops={ri} wiops={wi}\n", l.device)
        })
        .collect();
    assert_eq!(fs_cgroup::io_max(text.as_bytes()), Ok(limits));
}

/// `struct taskstats` as the kernel sends it: a longer struct never has fewer fields.
pub fn taskstats(data: &[u8]) {
    let d = taskstats::decode(data);
    let newest = [d.irq_delay_total_ns, d.wpcopy_delay_total_ns, d.compact_delay_total_ns, d.thrashing_delay_total_ns];
    for pair in newest.windows(2) {
        assert!(pair[0].is_none() || pair[1].is_some(), "a newer field without an older one");
    }
}

/// `/proc/stat`: one entry per `cpuN` line at most; sums saturate.
pub fn stat(data: &[u8]) {
    if let Ok(s) = stat::parse(data) {
        assert!(s.cpus.len() <= lines(data));
        let _ = (s.total.total(), s.total.busy());
        for t in s.cpus.iter().filter_map(|(_, t)| t.as_ref().ok()) {
            let _ = (t.total(), t.busy());
        }
    }
}

/// `/proc/meminfo`: one entry per line at most.
pub fn meminfo(data: &[u8]) {
    if let Ok(m) = meminfo::parse(data) {
        assert!(m.len() <= lines(data));
    }
}

/// `/proc/vmstat`: one entry per line at most.
pub fn vmstat(data: &[u8]) {
    if let Ok(m) = vmstat::parse(data) {
        assert!(m.len() <= lines(data));
    }
}

/// `/proc/loadavg`: finite averages.
pub fn loadavg(data: &[u8]) {
    if let Ok(l) = loadavg::parse(data) {
        assert!(l.load1.is_finite() && l.load5.is_finite() && l.load15.is_finite());
    }
}

/// `/proc/uptime`: finite seconds.
pub fn uptime(data: &[u8]) {
    if let Ok(u) = uptime::parse(data) {
        assert!(u.uptime_seconds.is_finite() && u.idle_seconds.is_finite());
    }
}

/// `/proc/diskstats`: one device per line at most; bytes are whole sectors.
pub fn diskstats(data: &[u8]) {
    if let Ok(d) = diskstats::parse(data) {
        assert!(d.len() <= lines(data));
        assert!(d.iter().all(|d| d.read_bytes == d.sectors_read.saturating_mul(512)));
    }
}

/// `/proc/cpuinfo`: one frequency per line at most.
pub fn cpuinfo(data: &[u8]) {
    if let Ok(c) = cpuinfo::parse(data) {
        assert!(c.len() <= lines(data));
        assert!(c.iter().all(|(_, mhz)| mhz.is_finite()));
    }
}

/// CPU lists (`online`, `Cpus_allowed_list`) and the values of a CPU's sysfs directory:
/// a list is bounded and renders back.
pub fn cpu_list(data: &[u8]) {
    if let Ok(list) = devices_system_cpu::list(data) {
        assert!(list.len() <= devices_system_cpu::MAX_CPUS);
        let text = list.iter().map(u32::to_string).collect::<Vec<_>>().join(",");
        assert_eq!(devices_system_cpu::list(text.as_bytes()), Ok(list));
    }
    let _ = (devices_system_cpu::flag(data), devices_system_cpu::id(data));
    let _ = (devices_system_cpu::khz_as_mhz(data), devices_system_cpu::word(data));
}
