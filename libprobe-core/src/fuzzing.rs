//! Entry points for the fuzz targets (`fuzz/`) and the parser property tests. Internal:
//! not part of the API, built only with the `fuzzing` feature.
//!
//! Each function runs one kernel-file parser on arbitrary bytes and panics if it panics
//! or breaks a cheap invariant: a value that renders back to the same parse, or an
//! output bounded by its input. [`TARGETS`] lists them by fuzz target name, which is also
//! the name of each seed corpus directory (`fuzz/corpus/<target>/`).

use crate::model::{Field, Reason};
use crate::network::AddressFamily;
use crate::parse::{Problems, Val};
use crate::process::Limit;
use crate::sys::imp::blockdev::{lvm2, lvm2_text};
use crate::sys::imp::ebpf::{self, maps::Dump, syscall_table};
use crate::sys::imp::ioctl::{btrfs, nvlist, nvme, sg_ata, sg_scsi, zfs};
use crate::sys::imp::network::owners::{BPF_RECORD, Owners};
use crate::sys::imp::network::{conntrack, ethtool, netlink, rtnetlink, sock_diag};
use crate::sys::imp::procfs::spl_kstat_zfs;
use crate::sys::imp::procfs::{
    self, cpuinfo, diskstats, loadavg, meminfo, pid_cgroup, pid_cmdline, pid_fdinfo, pid_io, pid_limits, pid_maps,
    pid_mountinfo, pid_ns, pid_schedstat, pid_smaps_rollup, pid_stat, pid_status, pressure, stat, sys_fs_file_nr,
    sys_fs_inode_nr, sys_kernel_random, uptime, vmstat,
};
use crate::sys::imp::procfs::{
    net_netlink, net_nf_conntrack, net_packet, net_raw, net_snmp, net_snmp6, net_sockstat, net_stat_nf_conntrack,
    net_tcp, net_udp, net_unix, sys_net_mem,
};
use crate::sys::imp::sysfs::{
    attribute, class_drm, class_drm_card_device_gpu_metrics as gpu_metrics_table, class_drm_card_device_hwmon,
    class_hwmon, class_net, class_power_supply, class_powercap, class_thermal, devices_system_cpu, fs_cgroup,
};
use crate::sys::imp::sysfs::{class_block, class_nvme, fs_btrfs};
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
    ("sys_tables", sys_tables),
    ("net_tcp", net_tcp),
    ("net_udp", net_udp),
    ("net_raw", net_raw),
    ("net_unix", net_unix),
    ("net_netlink", net_netlink),
    ("net_packet", net_packet),
    ("net_snmp", net_snmp),
    ("net_snmp6", net_snmp6),
    ("net_sockstat", net_sockstat),
    ("net_nf_conntrack", net_nf_conntrack),
    ("net_stat_nf_conntrack", net_stat_nf_conntrack),
    ("sys_net_mem", sys_net_mem),
    ("class_net", class_net),
    ("class_powercap", class_powercap),
    ("class_power_supply", class_power_supply),
    ("class_hwmon", class_hwmon),
    ("class_thermal", class_thermal),
    ("netlink_dump", netlink_dump),
    ("sock_diag", sock_diag),
    ("rtnetlink", rtnetlink),
    ("ctnetlink", ctnetlink),
    ("ethtool", ethtool),
    ("pid_fdinfo_drm", pid_fdinfo_drm),
    ("class_drm", class_drm),
    ("class_drm_hwmon", class_drm_hwmon),
    ("gpu_metrics", gpu_metrics),
    ("nvme", nvme),
    ("ata", ata),
    ("scsi", scsi),
    ("btrfs_ioctl", btrfs_ioctl),
    ("fs_btrfs", fs_btrfs),
    ("class_block", class_block),
    ("nvlist", nvlist),
    ("spl_kstat_zfs", spl_kstat_zfs),
    ("lvm2_label", lvm2_label),
    ("lvm2_metadata", lvm2_metadata),
    ("ebpf_maps", ebpf_maps),
    ("ebpf_tables", ebpf_tables),
    ("bpf_owners", bpf_owners),
    ("bpf_tasks", bpf_tasks),
];

fn lines(data: &[u8]) -> usize {
    data.iter().filter(|&&b| b == b'\n').count() + 1
}

/// Field isolation's invariant: a value is bad only with a problem recorded for it (so
/// its warning reaches the domain), and the problems stay bounded.
fn problems_explain(bad: bool, problems: &Problems) {
    assert!(!bad || !problems.is_empty(), "a bad value without a problem");
    assert!(problems.iter().count() <= 4);
    for p in problems.iter() {
        assert!(p.raw().is_none_or(|r| r.len() <= 4 * 48 + 8), "an unbounded quote");
    }
}

/// `/proc/<pid>/stat`: comm is exactly what lies between the first `(` and the last `)`;
/// every bad value has its problem.
pub fn pid_stat(data: &[u8]) {
    if let Ok(s) = pid_stat::parse(data) {
        let open = data.iter().position(|&b| b == b'(').expect("parsed without `(`");
        let close = data.iter().rposition(|&b| b == b')').expect("parsed without `)`");
        assert_eq!(s.comm.as_bytes(), &data[open + 1..close]);
        let bad =
            [s.minflt, s.cminflt, s.majflt, s.cmajflt, s.utime, s.stime, s.cutime, s.cstime, s.vsize, s.rss_pages]
                .contains(&Val::Bad)
                || [s.ppid, s.pgrp, s.session, s.tty_nr, s.priority, s.nice, s.processor].contains(&Val::Bad);
        problems_explain(bad, &s.problems);
    }
}

/// `/proc/<pid>/status`: lists no longer than the input; kB values in whole KiB.
pub fn pid_status(data: &[u8]) {
    let s = pid_status::parse(data);
    assert!(s.cpus_allowed_list.get().is_none_or(|l| l.len() <= 8192));
    assert!(s.groups.get().is_none_or(|g| g.len() <= data.len()));
    assert!(s.ns_pids.get().is_none_or(|g| g.len() <= data.len()));
    let kbs = [s.vm_size, s.vm_rss, s.vm_data, s.vm_stk, s.rss_file, s.rss_shmem, s.vm_swap];
    for kb in kbs.iter().filter_map(Val::value) {
        assert_eq!(kb % 1024, 0);
    }
    problems_explain(kbs.contains(&Val::Bad) || s.uids.contains(&Val::Bad), &s.problems);
}

/// `/proc/<pid>/io`: the valid counters render back to themselves; a bad one has its
/// problem.
pub fn pid_io(data: &[u8]) {
    let io = pid_io::parse(data);
    let all = [
        ("rchar", io.rchar),
        ("wchar", io.wchar),
        ("syscr", io.syscr),
        ("syscw", io.syscw),
        ("read_bytes", io.read_bytes),
        ("write_bytes", io.write_bytes),
        ("cancelled_write_bytes", io.cancelled_write_bytes),
    ];
    let text: String = all.iter().filter_map(|(n, v)| v.value().map(|v| format!("{n}: {v}\n"))).collect();
    let again = pid_io::parse(text.as_bytes());
    let again = [
        again.rchar,
        again.wchar,
        again.syscr,
        again.syscw,
        again.read_bytes,
        again.write_bytes,
        again.cancelled_write_bytes,
    ];
    for ((_, before), after) in all.iter().zip(again) {
        if before.is_ok() {
            assert_eq!(*before, after);
        }
    }
    problems_explain(all.iter().any(|(_, v)| *v == Val::Bad), &io.problems);
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
    // Scrubbing keeps the argument count and never grows an argument past its value plus
    // the mask.
    let mut scrubbed = args.clone();
    crate::process::scrub::Scrubber::new(&[]).scrub(&mut scrubbed);
    assert_eq!(scrubbed.len(), args.len());
}

/// `/proc/<pid>/limits`: the valid limits render back to themselves.
pub fn pid_limits(data: &[u8]) {
    let pid_limits::PidLimits { limits: l, problems } = pid_limits::parse(data);
    let rows: [(&str, Field<Limit>); 16] = [
        ("Max cpu time", l.max_cpu_time),
        ("Max file size", l.max_file_size),
        ("Max data size", l.max_data_size),
        ("Max stack size", l.max_stack_size),
        ("Max core file size", l.max_core_size),
        ("Max resident set", l.max_resident_set),
        ("Max processes", l.max_processes),
        ("Max open files", l.max_open_files),
        ("Max locked memory", l.max_locked_memory),
        ("Max address space", l.max_address_space),
        ("Max file locks", l.max_file_locks),
        ("Max pending signals", l.max_pending_signals),
        ("Max msgqueue size", l.max_msgqueue_size),
        ("Max nice priority", l.max_nice_priority),
        ("Max realtime priority", l.max_realtime_priority),
        ("Max realtime timeout", l.max_realtime_timeout),
    ];
    let value = |v: u64| if v == Limit::UNLIMITED { "unlimited".to_owned() } else { v.to_string() };
    let mut text = String::from("Limit                     Soft Limit           Hard Limit           Units     \n");
    for (name, limit) in &rows {
        if let Field::Value(limit) = limit {
            text += &format!("{name:<26}{:<21}{:<21}units\n", value(limit.soft), value(limit.hard));
        }
    }
    let again = pid_limits::parse(text.as_bytes()).limits;
    assert_eq!(again.max_cpu_time.is_value(), l.max_cpu_time.is_value());
    if let Field::Value(v) = l.max_open_files {
        assert_eq!(again.max_open_files, Field::Value(v));
    }
    problems_explain(rows.iter().any(|(_, v)| !v.is_value()), &problems);
}

/// `/proc/<pid>/cgroup`: renders back to the same lines.
pub fn pid_cgroup(data: &[u8]) {
    let (parsed, problems) = pid_cgroup::parse(data);
    assert!(problems.iter().count() <= 4);
    assert!(parsed.len() <= lines(data));
    let mut text = Vec::new();
    for l in &parsed {
        text.extend_from_slice(format!("{}:", l.hierarchy).as_bytes());
        text.extend_from_slice(&l.controllers.join(&b","[..]));
        text.push(b':');
        text.extend_from_slice(l.path);
        text.push(b'\n');
    }
    assert_eq!(pid_cgroup::parse(&text).0, parsed);
    let _ = pid_cgroup::unified(&parsed);
}

/// `/proc/<pid>/maps`: the mappings with valid values render back to themselves.
pub fn pid_maps(data: &[u8]) {
    let maps = pid_maps::parse(data);
    assert!(maps.maps.len() <= lines(data));
    let mut text = Vec::new();
    let mut kept = Vec::new();
    for m in &maps.maps {
        let (Some(offset), Some(inode)) = (m.offset.get(), m.inode.get()) else { continue };
        let head =
            format!("{:x}-{:x} {} {:x} {} {} ", m.start_addr, m.end_addr, m.permissions, offset, m.device, inode);
        if m.permissions.contains(char::is_whitespace) || m.permissions.is_empty() || m.device.is_empty() {
            continue;
        }
        text.extend_from_slice(head.as_bytes());
        text.extend_from_slice(m.pathname.as_bytes());
        text.push(b'\n');
        kept.push(m.clone());
    }
    assert_eq!(pid_maps::parse(&text).maps, kept);
}

/// `/proc/<pid>/smaps_rollup`: whole KiB; the derived sums never panic.
pub fn pid_smaps_rollup(data: &[u8]) {
    let s = pid_smaps_rollup::parse(data);
    let all = [s.rss, s.pss, s.private_clean, s.private_dirty, s.swap];
    assert!(all.iter().filter_map(Val::value).all(|v| v % 1024 == 0));
    let _ = (s.uss(), s.dirty());
    problems_explain(all.contains(&Val::Bad), &s.problems);
}

/// `/proc/<pid>/fdinfo/<fd>`: the valid values render back to themselves.
pub fn pid_fdinfo(data: &[u8]) {
    let i = pid_fdinfo::parse(data);
    let mut text = String::new();
    if let Some(v) = i.pos.value() {
        text += &format!("pos:\t{v}\n");
    }
    if let Some(v) = i.flags.value() {
        text += &format!("flags:\t0{v:o}\n");
        let _ = pid_fdinfo::mode(v);
    }
    if let Some(v) = i.mnt_id.value() {
        text += &format!("mnt_id:\t{v}\n");
    }
    if let Some(v) = i.ino.value() {
        text += &format!("ino:\t{v}\n");
    }
    let again = pid_fdinfo::parse(text.as_bytes());
    for (a, b) in [(i.pos, again.pos), (i.mnt_id, again.mnt_id), (i.ino, again.ino)] {
        if a.is_ok() {
            assert_eq!(a, b);
        }
    }
    problems_explain([i.pos, i.mnt_id, i.ino].contains(&Val::Bad) || i.flags == Val::Bad, &i.problems);
}

/// `/proc/<pid>/schedstat`: the valid numbers render back to themselves.
pub fn pid_schedstat(data: &[u8]) {
    let s = pid_schedstat::parse(data);
    if let (Some(a), Some(b), Some(c)) = (s.run_time_ns.value(), s.run_delay_ns.value(), s.timeslices.value()) {
        let again = pid_schedstat::parse(format!("{a} {b} {c}\n").as_bytes());
        assert_eq!((again.run_time_ns, again.run_delay_ns, again.timeslices), (Val::Ok(a), Val::Ok(b), Val::Ok(c)));
    }
    problems_explain([s.run_time_ns, s.run_delay_ns, s.timeslices].contains(&Val::Bad), &s.problems);
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
    let (m, p) = pid_mountinfo::parse(data);
    assert!(m.len() + p.iter().count() <= lines(data) + 8);
    assert!(m.iter().all(|m| m.mount_point.len() + m.root.len() + m.source.len() <= data.len()));
}

/// `/proc/pressure/*` and `*.pressure`: the valid values render back to themselves.
pub fn pressure(data: &[u8]) {
    let psi = pressure::parse(data);
    let Ok(p) = psi.pressure else { return };
    let show = |v: Field<f64>| v.get().map_or("x".to_owned(), |v| v.to_string());
    let line = |kind: &str, l: &crate::process::PsiLine| {
        let total = l.total_us.get().map_or("x".to_owned(), |v| v.to_string());
        format!("{kind} avg10={} avg60={} avg300={} total={total}\n", show(l.avg10), show(l.avg60), show(l.avg300))
    };
    let mut text = line("some", &p.some);
    if let Some(full) = p.full.value() {
        text += &line("full", full);
    }
    assert_eq!(pressure::parse(text.as_bytes()).pressure, Ok(p));
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
    let s = stat::parse(data);
    assert!(s.cpus.len() <= lines(data));
    if let Some(t) = s.total.value() {
        let _ = (t.total(), t.busy());
    }
    for t in s.cpus.iter().filter_map(|(_, t)| t.value()) {
        let _ = (t.total(), t.busy());
    }
    problems_explain(s.total == Val::Bad || s.boot_time == Val::Bad, &s.problems);
}

/// `/proc/meminfo`: one entry per line at most.
pub fn meminfo(data: &[u8]) {
    let c = meminfo::parse(data);
    assert!(c.map.len() + c.bad.len() <= lines(data));
    problems_explain(!c.bad.is_empty(), &c.problems);
}

/// `/proc/vmstat`: one entry per line at most.
pub fn vmstat(data: &[u8]) {
    let c = vmstat::parse(data);
    assert!(c.map.len() + c.bad.len() <= lines(data));
    problems_explain(!c.bad.is_empty(), &c.problems);
}

/// `/proc/loadavg`: finite, non-negative averages.
pub fn loadavg(data: &[u8]) {
    let (l, p) = loadavg::parse(data);
    for v in [l.load1, l.load5, l.load15].iter().filter_map(Val::value) {
        assert!(v.is_finite() && v >= 0.0);
    }
    problems_explain([l.load1, l.load5, l.load15].contains(&Val::Bad), &p);
}

/// `/proc/uptime`: finite seconds.
pub fn uptime(data: &[u8]) {
    let u = uptime::parse(data);
    for v in [u.uptime_seconds, u.idle_seconds].iter().filter_map(Val::value) {
        assert!(v.is_finite() && v >= 0.0);
    }
}

/// `/proc/diskstats`: one device per line at most; bytes are whole sectors.
pub fn diskstats(data: &[u8]) {
    let d = diskstats::parse(data);
    assert!(d.disks.len() <= lines(data));
    for disk in &d.disks {
        if let (Some(s), Some(b)) = (disk.sectors_read.get(), disk.read_bytes.get()) {
            assert_eq!(Some(b), s.checked_mul(512));
        }
    }
}

/// `/proc/cpuinfo`: one frequency per line at most.
pub fn cpuinfo(data: &[u8]) {
    let c = cpuinfo::parse(data);
    assert!(c.mhz.len() <= lines(data));
    assert!(c.mhz.iter().filter_map(|(_, v)| v.value()).all(f64::is_finite));
}

/// `/proc/sys/fs/file-nr`, `inode-nr` and `/proc/sys/kernel/random/*`: values render back.
pub fn sys_tables(data: &[u8]) {
    let (h, p) = sys_fs_file_nr::parse(data);
    if let (Some(a), Some(u), Some(m)) = (h.allocated.get(), h.unused.get(), h.max.get()) {
        assert_eq!(sys_fs_file_nr::parse(format!("{a}\t{u}\t{m}\n").as_bytes()).0, h);
    }
    problems_explain(!h.allocated.is_value() || !h.max.is_value(), &p);
    let (i, _) = sys_fs_inode_nr::parse(data);
    if let (Some(a), Some(f)) = (i.allocated.get(), i.free.get()) {
        assert_eq!(sys_fs_inode_nr::parse(format!("{a} {f}\n").as_bytes()).0, i);
    }
    if let Ok(b) = sys_kernel_random::bits(data, "entropy_avail") {
        assert_eq!(sys_kernel_random::bits(b.to_string().as_bytes(), "entropy_avail"), Ok(b));
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

/// An address libprobe wrote must read back as an address of its family.
fn is_ip(text: &str, family: AddressFamily) -> bool {
    match family {
        AddressFamily::Ipv4 => text.parse::<std::net::Ipv4Addr>().is_ok(),
        AddressFamily::Ipv6 => text.parse::<std::net::Ipv6Addr>().is_ok(),
    }
}

/// `/proc/net/tcp` and `tcp6`: one row or error per line at most; addresses are
/// addresses.
pub fn net_tcp(data: &[u8]) {
    for fam in [AddressFamily::Ipv4, AddressFamily::Ipv6] {
        let t = net_tcp::parse(data, fam);
        assert!(t.rows.len() + t.left_out.len() <= lines(data));
        assert!(t.rows.iter().all(|r| is_ip(&r.local_addr, fam) && is_ip(&r.remote_addr, fam)));
        let bad = t.rows.iter().any(|r| [r.timer_jiffies.reason(), r.timeout.reason()].contains(&Some(Reason::Error)));
        problems_explain(bad || r_bad(t.rows.iter().map(|r| r.retransmits.reason())), &t.problems);
    }
}

/// Whether any of these reasons is `error`.
fn r_bad(mut reasons: impl Iterator<Item = Option<Reason>>) -> bool {
    reasons.any(|r| r == Some(Reason::Error))
}

/// `/proc/net/udp*`: as TCP; a remote port exactly when a remote address.
pub fn net_udp(data: &[u8]) {
    for fam in [AddressFamily::Ipv4, AddressFamily::Ipv6] {
        let t = net_udp::parse(data, fam, false);
        assert!(t.rows.len() + t.left_out.len() <= lines(data));
        assert!(t.rows.iter().all(|r| r.remote_addr.is_some() == r.remote_port.is_some()));
        assert!(t.rows.iter().all(|r| r.remote_addr.as_deref().is_none_or(|a| is_ip(a, fam))));
        problems_explain(r_bad(t.rows.iter().map(|r| r.drops.reason())), &t.problems);
    }
}

/// `/proc/net/raw*`: as TCP.
pub fn net_raw(data: &[u8]) {
    for fam in [AddressFamily::Ipv4, AddressFamily::Ipv6] {
        let t = net_raw::parse(data, fam);
        assert!(t.rows.len() + t.left_out.len() <= lines(data));
        assert!(t.rows.iter().all(|r| is_ip(&r.local_addr, fam)));
        problems_explain(r_bad(t.rows.iter().map(|r| r.drops.reason())), &t.problems);
    }
}

/// `/proc/net/unix`: a path is a piece of its line; every bad value has its problem.
pub fn net_unix(data: &[u8]) {
    let t = net_unix::parse(data);
    assert!(t.rows.len() + t.left_out.len() <= lines(data));
    assert!(t.rows.iter().all(|r| r.path.len() <= data.len()));
    problems_explain(r_bad(t.rows.iter().flat_map(|r| [r.socket_type.reason(), r.state.reason()])), &t.problems);
}

/// `/proc/net/netlink`: one row or error per line.
pub fn net_netlink(data: &[u8]) {
    let t = net_netlink::parse(data);
    assert!(t.rows.len() + t.left_out.len() <= lines(data));
    problems_explain(
        r_bad(t.rows.iter().flat_map(|r| [r.rx_queue.reason(), r.tx_queue.reason(), r.drops.reason()])),
        &t.problems,
    );
}

/// `/proc/net/packet`: one row or error per line; every bad value has its problem.
pub fn net_packet(data: &[u8]) {
    let t = net_packet::parse(data);
    assert!(t.rows.len() + t.left_out.len() <= lines(data));
    let reasons = |r: &crate::network::PacketSocket| {
        [
            r.socket_type.reason(),
            r.protocol.reason(),
            r.interface_index.reason(),
            r.running.reason(),
            r.rx_queue.reason(),
            r.uid.reason(),
        ]
    };
    problems_explain(r_bad(t.rows.iter().flat_map(reasons)), &t.problems);
}

/// `/proc/net/snmp` and `netstat`: a table per two lines; the valid values render back to
/// the same tables; every bad value has its problem.
pub fn net_snmp(data: &[u8]) {
    let v = net_snmp::values(data);
    problems_explain(!v.bad.is_empty(), &v.problems);
    assert!(v.tables.len() * 2 <= lines(data));
    let mut text = String::new();
    for t in &v.tables {
        let keys: Vec<&str> = t.counters.iter().map(|(k, _)| k.as_str()).collect();
        let vals: Vec<String> = t.counters.iter().map(|(_, v)| v.to_string()).collect();
        text += &format!("{}: {}\n{}: {}\n", t.name, keys.join(" "), t.name, vals.join(" "));
    }
    // Names with bytes that are not UTF-8 (or spaces, from a lossy name) were written
    // lossily: compare only clean input.
    if v.problems.is_empty() && std::str::from_utf8(data).is_ok() {
        let back = net_snmp::values(text.as_bytes());
        assert_eq!(back.tables.len(), v.tables.len());
    }
}

/// `/proc/net/snmp6`: one counter per line at most; every bad value has its problem.
pub fn net_snmp6(data: &[u8]) {
    let v = net_snmp6::values(data);
    assert!(v.map.len() + v.bad.len() <= lines(data));
    problems_explain(!v.bad.is_empty(), &v.problems);
}

/// `/proc/net/sockstat*`: pairs bounded by the input.
pub fn net_sockstat(data: &[u8]) {
    if let Ok(s) = net_sockstat::parse(data) {
        assert!(s.0.len() <= data.len() / 2 + 1);
    }
    let v = net_sockstat::values(data);
    assert!(v.stat.0.len() + v.bad.len() <= data.len() / 2 + 1);
    problems_explain(!v.bad.is_empty(), &v.problems);
}

/// `/proc/net/nf_conntrack`: addresses are addresses of the entry's family.
pub fn net_nf_conntrack(data: &[u8]) {
    let t = net_nf_conntrack::parse(data);
    assert!(t.rows.len() + t.left_out.len() <= lines(data));
    problems_explain(
        r_bad(t.rows.iter().flat_map(|r| [r.timeout.reason(), r.use_count.reason(), r.bytes_orig.reason()])),
        &t.problems,
    );
    for r in &t.rows {
        assert!(is_ip(&r.src_addr, r.family) && is_ip(&r.reply_dst_addr, r.family));
    }
}

/// `/proc/net/stat/nf_conntrack`: one CPU per line after the header; every bad value has
/// its problem.
pub fn net_stat_nf_conntrack(data: &[u8]) {
    let c = net_stat_nf_conntrack::parse(data);
    assert!(c.cpus.len() < lines(data).max(1));
    let bad =
        c.cpus.iter().any(|c| [c.found, c.invalid, c.insert, c.drop].iter().any(|f| f.reason() == Some(Reason::Error)));
    problems_explain(bad, &c.problems);
}

/// `tcp_mem`/`udp_mem`: renders back.
pub fn sys_net_mem(data: &[u8]) {
    if let Ok(m) = sys_net_mem::parse(data) {
        let text = format!("{}\t{}\t{}\n", m.low, m.pressure, m.high);
        assert_eq!(sys_net_mem::parse(text.as_bytes()), Ok(m));
    }
}

/// `/sys/class/net/<if>/{speed,duplex}`.
pub fn class_net(data: &[u8]) {
    if let Ok(Some(s)) = class_net::speed(data) {
        assert_eq!(class_net::speed(s.to_string().as_bytes()), Ok(Some(s)));
    }
    let _ = class_net::duplex(data);
}

/// Every netlink decoder on every message of a dump: message and attribute walks stay in
/// bounds, and decoded rows keep their invariants.
pub fn netlink_dump(data: &[u8]) {
    let mut total = 0usize;
    for msg in netlink::messages(data) {
        let Ok(msg) = msg else { break };
        total += msg.payload.len();
        assert!(total <= data.len());
        for a in netlink::attrs(msg.payload) {
            let Ok((_, v)) = a else { break };
            assert!(v.len() <= msg.payload.len());
        }
        sock_diag(msg.payload);
        for ty in [16u16, 20, 24, 28] {
            rtnetlink_one(ty, msg.payload);
        }
        ctnetlink_one(msg.ty, msg.payload);
    }
}

/// Every sock_diag decoder on one reply payload.
pub fn sock_diag(data: &[u8]) {
    if let Ok(d) = sock_diag::decode_inet(data) {
        let mut problems = crate::parse::Problems::default();
        if let Ok(c) = sock_diag::tcp_connection(&d, 100, &mut problems) {
            assert!(is_ip(&c.local_addr, c.family) && is_ip(&c.remote_addr, c.family));
            assert_eq!(c.timer_jiffies.reason() == Some(Reason::Error), problems.iter().next().is_some());
        }
        let _ = sock_diag::udp_connection(&d, false);
        let _ = sock_diag::raw_socket(&d);
        if let Some(info) = d.info {
            let _ = sock_diag::decode_tcp_info(info);
        }
    }
    if let Ok(s) = sock_diag::unix_socket(data) {
        assert!(s.path.len() <= data.len());
        assert!(s.pending_connections.value().is_none_or(|p| p.len() * 4 <= data.len()));
    }
    let _ = sock_diag::netlink_socket(data);
    let _ = sock_diag::packet_socket(data);
    let _ = sock_diag::decode_skmem(data);
}

fn rtnetlink_one(ty: u16, data: &[u8]) {
    if let Ok(Some(l)) = rtnetlink::link(ty, data) {
        assert!(!l.name.is_empty() && l.name.len() <= data.len());
    }
    let _ = rtnetlink::address(ty, data);
    if let Ok(Some(r)) = rtnetlink::route(ty, data) {
        assert!(r.dst_len <= 128 && r.nexthops.len() * 8 <= data.len());
    }
    let _ = rtnetlink::neighbour(ty, data);
}

/// Every rtnetlink decoder (link, address, route, neighbour) on one payload.
pub fn rtnetlink(data: &[u8]) {
    for ty in [16u16, 20, 24, 28] {
        rtnetlink_one(ty, data);
    }
}

fn ctnetlink_one(ty: u16, data: &[u8]) {
    if let Ok(Some(e)) = conntrack::entry(ty, data) {
        assert!(is_ip(&e.src_addr, e.family) && is_ip(&e.reply_dst_addr, e.family));
        assert!(e.status_flags.len() as u32 <= e.status.count_ones());
    }
    let _ = conntrack::cpu_stats(ty, data);
}

/// The ctnetlink decoders (entry, per-CPU counters) on one payload.
pub fn ctnetlink(data: &[u8]) {
    ctnetlink_one(0x100, data);
    ctnetlink_one(0x104, data);
}

/// `ethtool_drvinfo` and `ethtool_cmd` bytes.
pub fn ethtool(data: &[u8]) {
    if let Some(d) = ethtool::decode_drvinfo(data) {
        assert!(d.driver.len() <= 32 * 3 && d.bus.len() <= 32 * 3);
    }
    let _ = ethtool::decode_gset(data);
}

/// The `drm-*` keys of an fdinfo: bounded lists, each engine and region named once, and
/// what it parsed renders back to the same parse.
pub fn pid_fdinfo_drm(data: &[u8]) {
    let Ok(Some(d)) = pid_fdinfo::parse_drm(data) else { return };
    assert!(d.engines.len() <= pid_fdinfo::DRM_MAX_ENTRIES && d.regions.len() <= pid_fdinfo::DRM_MAX_ENTRIES);
    let mut text = format!("drm-driver:\t{}\n", d.driver);
    if let Some(p) = &d.pdev {
        text += &format!("drm-pdev:\t{p}\n");
    }
    if let Some(c) = d.client_id {
        text += &format!("drm-client-id:\t{c}\n");
    }
    for e in &d.engines {
        let pairs = [
            ("engine", e.busy_ns.map(|v| format!("{v} ns"))),
            ("engine-capacity", e.capacity.map(|v| v.to_string())),
            ("cycles", e.cycles.map(|v| v.to_string())),
            ("total-cycles", e.total_cycles.map(|v| v.to_string())),
        ];
        for (k, v) in pairs {
            if let Some(v) = v {
                text += &format!("drm-{k}-{}:\t{v}\n", e.name);
            }
        }
    }
    for r in &d.regions {
        for (k, v) in [
            ("total", r.total),
            ("shared", r.shared),
            ("resident", r.resident),
            ("purgeable", r.purgeable),
            ("active", r.active),
            ("memory", r.memory),
        ] {
            if let Some(v) = v {
                text += &format!("drm-{k}-{}:\t{v}\n", r.name);
            }
        }
    }
    assert_eq!(pid_fdinfo::parse_drm(text.as_bytes()), Ok(Some(d)));
}

/// The DRM card attributes: uevent, dpm levels, link speed and width, text values.
pub fn class_drm(data: &[u8]) {
    let _ = class_drm::uevent(data);
    if let Ok(l) = class_drm::dpm_levels(data) {
        assert!(l.levels.len() <= 64);
        if let (Some(min), Some(max)) = (l.min(), l.max()) {
            assert!(min <= max);
        }
    }
    if let Ok(Some(g)) = class_drm::link_gen(data) {
        assert!((1..=6).contains(&g));
    }
    let _ = (class_drm::link_width(data), class_drm::decimal(data), class_drm::signed(data));
    if let Ok(Some(t)) = class_drm::text(data) {
        assert!(t.len() <= 256);
    }
}

/// hwmon attribute names and labels.
pub fn class_drm_hwmon(data: &[u8]) {
    if let Ok(name) = std::str::from_utf8(data)
        && let Some((kind, n, item)) = class_drm_card_device_hwmon::attr(name)
    {
        let back = if item.is_empty() { format!("{kind}{n}") } else { format!("{kind}{n}_{item}") };
        assert_eq!(class_drm_card_device_hwmon::attr(&back), Some((kind, n, item)));
    }
    if let Ok(l) = class_drm_card_device_hwmon::label(data) {
        assert!(l.len() <= 64);
    }
}

/// amdgpu's `gpu_metrics`: every revision decodes within bounds; a known revision's
/// values keep their ranges; a member out of its range is `Bad` with a problem.
pub fn gpu_metrics(data: &[u8]) {
    let Ok(t) = gpu_metrics_table::parse(data) else { return };
    for p in [t.gfx_activity, t.umc_activity, t.mm_activity].iter().filter_map(|v| v.value()) {
        assert!((0.0..=100.0).contains(&p));
    }
    if let Some(g) = t.pcie_link_gen.value() {
        assert!((1..=6).contains(&g));
    }
    if let Some(w) = t.pcie_link_width.value() {
        assert!(w > 0);
    }
    if let Some((_, bits)) = t.energy_accumulator.value() {
        assert!(bits == 32 || bits == 64);
    }
    let bad = [t.gfx_activity, t.umc_activity, t.mm_activity].contains(&Val::Bad)
        || t.pcie_link_gen == Val::Bad
        || t.pcie_link_width == Val::Bad;
    assert_eq!(bad, !t.problems.is_empty(), "a bad member without a problem, or a problem without one");
    assert!(t.problems.iter().count() <= 4);
}

/// The value parsers every sysfs class reader shares, on one attribute's text: a number
/// renders back to the same number.
fn sysfs_values(data: &[u8]) {
    if let Ok(v) = attribute::u64(data) {
        assert_eq!(attribute::u64(v.to_string().as_bytes()), Ok(v));
    }
    if let Ok(v) = attribute::i64(data) {
        assert_eq!(attribute::i64(v.to_string().as_bytes()), Ok(v));
    }
    let _ = attribute::flag(data);
    if let Ok(s) = attribute::string(data) {
        assert!(s.len() <= data.len() * 3);
    }
    assert!(attribute::quote(data).len() <= 64 * 4 + 8);
}

/// `/sys/class/powercap`: each line as an entry name (an entry renders back to itself)
/// and as a zone attribute name; the whole as a value; and two numbers of the input as
/// counter readings, whose delta never exceeds the range.
pub fn class_powercap(data: &[u8]) {
    sysfs_values(data);
    for line in data.split(|&b| b == b'\n') {
        if let Some(e) = class_powercap::entry(line) {
            let name = match &e {
                class_powercap::Entry::Zone { control_type, indices } => {
                    assert!(!indices.is_empty() && indices.len() <= class_powercap::MAX_DEPTH);
                    let mut n = control_type.to_vec();
                    for i in indices {
                        n.extend_from_slice(format!(":{i}").as_bytes());
                    }
                    n
                }
                class_powercap::Entry::ControlType(c) => c.to_vec(),
            };
            assert_eq!(class_powercap::entry(&name), Some(e));
        }
        let _ = class_powercap::zone_attr(line);
    }
    let nums: Vec<u64> = data.split(|b| !b.is_ascii_digit()).filter_map(|t| attribute::u64(t).ok()).take(3).collect();
    if let [before, now, max] = nums[..]
        && let Some(d) = class_powercap::energy_delta(before, now, Some(max))
    {
        assert!(now >= before || d <= max, "{before} {now} {max} -> {d}");
    }
}

/// `/sys/class/power_supply/<name>/uevent` and attribute values: lines are bounded, each
/// property parses or is an error, never a panic.
pub fn class_power_supply(data: &[u8]) {
    sysfs_values(data);
    let props = class_power_supply::uevent(data);
    assert!(props.len() <= class_power_supply::MAX_PROPERTIES);
    assert!(props.iter().all(|(k, v)| k.len() + v.len() <= data.len()));
    let s = class_power_supply::Supply::from_uevent("/sys/class/power_supply/x".into(), data);
    for p in class_power_supply::PROPERTIES {
        let _ = s.get(p, attribute::i64);
        let _ = s.get(p, attribute::string);
        let _ = s.get(p, class_power_supply::status);
    }
    let _ = class_power_supply::status(data);
}

/// `/sys/class/hwmon/hwmon<n>`: each line as a file name; a channel attribute renders
/// back to the same name.
pub fn class_hwmon(data: &[u8]) {
    sysfs_values(data);
    for line in data.split(|&b| b == b'\n') {
        if let Some((kind, index, item)) = class_hwmon::attribute(line) {
            let mut name = Vec::new();
            class_hwmon::file_name(kind, index, item, &mut name);
            assert_eq!(class_hwmon::attribute(&name), Some((kind, index, item)));
        }
        let _ = class_hwmon::chip_index(line);
    }
}

/// `/sys/class/thermal`: each line as an entry or trip point name; the whole as a value.
pub fn class_thermal(data: &[u8]) {
    sysfs_values(data);
    for line in data.split(|&b| b == b'\n') {
        let _ = class_thermal::entry(line);
        if let Some((i, _)) = class_thermal::trip_attr(line) {
            assert!(line.len() > format!("trip_point_{i}_").len());
        }
    }
}

/// NVMe Identify Controller and SMART / Health log: fixed offsets, strings within their
/// fields.
pub fn nvme(data: &[u8]) {
    if let Ok(c) = nvme::decode_identify_controller(data) {
        assert!(c.model.len() <= 40 * 3 && c.serial.len() <= 20 * 3 && c.firmware.len() <= 8 * 3);
    }
    if let Ok(l) = nvme::decode_smart_log(data) {
        assert!(l.sensors_kelvin.iter().flatten().all(|k| *k != 0));
    }
}

/// ATA IDENTIFY, SMART data and thresholds (30 entries at most), and the registers of
/// sense data.
pub fn ata(data: &[u8]) {
    if let Ok(id) = sg_ata::decode_identify(data) {
        assert!(id.model.len() <= 40 * 3 && id.serial.len() <= 20 * 3);
        assert!(id.rotation_rate.is_none_or(|r| r == 0 || r >= 0x401));
    }
    if let Ok((a, _)) = sg_ata::decode_smart_data(data) {
        assert!(a.len() <= 30 && a.iter().all(|a| a.id != 0 && a.raw < 1 << 48));
    }
    if let Ok((t, _)) = sg_ata::decode_thresholds(data) {
        assert!(t.len() <= 30);
    }
    if let Ok(r) = sg_ata::decode_registers(data) {
        let _ = (sg_ata::power_state(&r), sg_ata::smart_passed(&r));
    }
}

/// SCSI INQUIRY, VPD pages, READ CAPACITY and log pages: parameters stay inside the page.
pub fn scsi(data: &[u8]) {
    let _ = sg_scsi::decode_inquiry(data);
    let _ = sg_scsi::decode_vpd_serial(data);
    let _ = sg_scsi::decode_vpd_characteristics(data);
    let _ = sg_scsi::decode_read_capacity_16(data);
    if let Ok(p) = sg_scsi::decode_log_page(data) {
        assert!(p.params.iter().map(|(_, v)| v.len() + 4).sum::<usize>() <= data.len());
        let _ = (sg_scsi::temperatures(&p), sg_scsi::informational_exception(&p), p.counter(4));
    }
    if let Ok(pages) = sg_scsi::decode_supported_pages(data) {
        assert!(pages.len() <= data.len());
    }
}

/// The Btrfs ioctl structures.
pub fn btrfs_ioctl(data: &[u8]) {
    if let Ok(f) = btrfs::decode_fs_info(data) {
        assert_eq!(f.fsid.len(), 36);
    }
    if let Ok(d) = btrfs::decode_dev_info(data) {
        assert!(d.path.len() <= 1024 * 3);
    }
    let _ = btrfs::decode_dev_stats(data);
}

/// `/sys/fs/btrfs` attributes.
pub fn fs_btrfs(data: &[u8]) {
    let _ = fs_btrfs::value(data, "value");
    if let Some(l) = fs_btrfs::label(data) {
        assert!(!l.is_empty());
    }
    let _ = fs_btrfs::error_stats(data);
    let _ = fs_btrfs::is_profile(data);
}

/// `/sys/class/block` and `/sys/class/nvme` attributes.
pub fn class_block(data: &[u8]) {
    if let Ok(b) = class_block::size_bytes(data) {
        assert_eq!(b % 512, 0);
    }
    let _ = class_block::flag(data, "flag");
    let _ = class_block::text(data);
    let _ = class_nvme::temp_celsius(data);
    let _ = class_nvme::is_namespace("nvme0", data);
}

/// Packed nvlists: every value decoded from the input, so no more values than bytes; the
/// vdev walk of whatever came out.
pub fn nvlist(data: &[u8]) {
    if let Ok(l) = nvlist::decode(data) {
        assert!(l.count() <= data.len());
        let v = zfs::vdevs(&l);
        assert!(v.len() <= data.len());
        let _ = zfs::prop_u64(&l, "dedupratio");
        if let Some(nvlist::Value::U64s(s)) = l.get("vdev_stats") {
            let _ = zfs::vdev_stats(s);
        }
    }
}

/// ZFS kstat files: at most one value per line (an I/O kstat's are on one line), and a
/// bad value always has a problem.
pub fn spl_kstat_zfs(data: &[u8]) {
    if let Ok(k) = spl_kstat_zfs::parse(data) {
        assert!(k.values.len() <= data.len());
        let bad = k.values.iter().any(|(_, v)| *v == spl_kstat_zfs::KValue::Bad);
        assert!(!bad || !k.problems.is_empty(), "a bad value without a problem");
    }
    let _ = spl_kstat_zfs::parse_state(data);
    let _ = spl_kstat_zfs::objset_id(data);
}

/// LVM2 labels and metadata area headers (a device's first sectors; the area header at
/// 4096 when the input reaches it).
pub fn lvm2_label(data: &[u8]) {
    if let Ok(Some(l)) = lvm2::find_label(data) {
        assert!(l.sector < 4 && l.pv_uuid.len() == 38);
    }
    for off in [0, 4096] {
        if let Some(Ok(h)) = data.get(off..).map(lvm2::decode_mda_header) {
            for l in &h.locations {
                if let Ok(r) = lvm2::text_ranges(&h, l) {
                    assert!(r.iter().map(|(_, n)| n).sum::<u64>() == l.size);
                }
            }
        }
    }
}

/// LVM2 text metadata: the volume group of a text, and its PVs' allocated extents.
pub fn lvm2_metadata(data: &[u8]) {
    if let Ok(top) = lvm2_text::parse(data) {
        assert!(top.len() <= data.len());
        if let Ok(vg) = lvm2_text::volume_group(&top) {
            let used = lvm2_text::allocated_extents(&vg);
            assert_eq!(used.len(), vg.pvs.len());
            for l in &vg.lvs {
                let _ = (l.extent_count(), l.visible());
            }
        }
    }
}

/// A recorded BPF map (the fixture text form): renders back to the same dump; and every
/// tracer's decoders, fed its entries as any map's, keep their histograms consistent.
pub fn ebpf_maps(data: &[u8]) {
    let Ok(d) = Dump::parse(data) else { return };
    assert_eq!(Dump::parse(d.to_text().as_bytes()).as_ref(), Ok(&d));
    ebpf::fuzz_readers(&d);
}

/// The eBPF domain's text tables: the syscall table (renders back), `/proc/kallsyms` and
/// the scan's output named by it, the tracers' statuses (render back), and the kernel's
/// BTF as the drop reasons are read from it.
pub fn ebpf_tables(data: &[u8]) {
    if let Ok(t) = syscall_table::parse(data) {
        assert_eq!(syscall_table::parse(t.to_text().as_bytes()), Ok(t));
    }
    if let Ok(k) = syscall_table::parse_kallsyms(data, "__x64_sys_") {
        assert!(k.entries.len() <= lines(data));
        if let Ok(t) = syscall_table::name_table(data, &k) {
            assert!(t.len() <= syscall_table::MAX_NR as usize + 1);
        }
    }
    if let Ok(s) = ebpf::parse_statuses(data) {
        assert_eq!(ebpf::parse_statuses(ebpf::write_statuses(&s).as_bytes()), Ok(s));
    }
    // The kernel's BTF, read for the drop reasons' names and a tracepoint's arguments.
    if let Some(b) = ebpf::btf::Btf::parse(data) {
        let reasons = b.enum_values("skb_drop_reason").unwrap_or_default();
        assert!(reasons.len() <= data.len() / 8);
        let _ = b.tracepoint_args("tcp_retransmit_skb");
    }
}

/// The socket owners' BPF iterator stream: every kept record resolves to an owner list
/// holding it, and whatever is not kept is counted in the one bounded message.
pub fn bpf_owners(data: &[u8]) {
    let (o, problem) = Owners::from_bpf(data);
    let (entries, names) = o.listing();
    assert!(entries.len() * BPF_RECORD <= data.len());
    assert_eq!(problem.is_none(), entries.len() * BPF_RECORD == data.len());
    assert!(problem.is_none_or(|p| p.len() <= 200));
    for &(inode, pid, fd) in entries {
        assert!(inode != 0 && pid > 0 && fd >= 0 && names.contains_key(&pid));
        let owners = o.resolve(inode).owners;
        assert!(owners.value().is_some_and(|w| w.iter().any(|w| w.pid == pid && w.fd == fd)));
    }
}

/// The process table's BPF iterator stream: at most one row per leader record, each in
/// `/proc`'s terms, and one bounded message for whatever did not decode.
pub fn bpf_tasks(data: &[u8]) {
    use crate::sys::imp::process::task_bpf::{KTHREAD_NAME_RECORD, LEADER_RECORD, PF_KTHREAD, decode};
    let (rows, problem) = decode(data, 1);
    assert!(rows.len() * LEADER_RECORD <= data.len());
    assert!(problem.is_none_or(|p| p.len() <= 200));
    assert!(rows.pids().zip(rows.pids().skip(1)).all(|(a, b)| a < b), "one row a pid, ascending");
    // Looked up in order (each next row where the last ended) and from nowhere near.
    let mut near = 0;
    for r in rows.iter() {
        let mut far = usize::MAX;
        assert!(r.pid > 0 && rows.get(r.pid, &mut near).as_ref() == Some(&r));
        assert!(rows.get(r.pid, &mut far).as_ref() == Some(&r));
        assert!(b"RSDTtXZPI".contains(&r.state));
        // comm's 16 bytes; a kernel thread's /proc name, its record's 64.
        let most = if r.flags & PF_KTHREAD != 0 { KTHREAD_NAME_RECORD - 8 } else { 16 };
        assert!(r.name.as_ref().is_none_or(|n| n.as_bytes().len() <= most));
        assert!(r.pid != 1 || r.cpu.is_none());
    }
}
