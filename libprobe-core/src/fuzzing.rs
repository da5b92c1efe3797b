//! Entry points for the fuzz targets (`fuzz/`) and the parser property tests. Internal:
//! not part of the API, built only with the `fuzzing` feature.
//!
//! Each function runs one kernel-file parser on arbitrary bytes and panics if it panics
//! or breaks a cheap invariant: a value that renders back to the same parse, or an
//! output bounded by its input. [`TARGETS`] lists them by fuzz target name, which is also
//! the name of each seed corpus directory (`fuzz/corpus/<target>/`).

use crate::network::AddressFamily;
use crate::process::Limit;
use crate::sys::imp::ebpf::{self, maps::Dump, syscall_table};
use crate::sys::imp::network::{conntrack, ethtool, netlink, rtnetlink, sock_diag};
use crate::sys::imp::procfs::{
    self, cpuinfo, diskstats, loadavg, meminfo, pid_cgroup, pid_cmdline, pid_fdinfo, pid_io, pid_limits, pid_maps,
    pid_mountinfo, pid_ns, pid_schedstat, pid_smaps_rollup, pid_stat, pid_status, pressure, stat, uptime, vmstat,
};
use crate::sys::imp::procfs::{
    net_netlink, net_nf_conntrack, net_packet, net_raw, net_snmp, net_snmp6, net_sockstat, net_stat_nf_conntrack,
    net_tcp, net_udp, net_unix, sys_net_mem,
};
use crate::sys::imp::sysfs::{class_net, devices_system_cpu, fs_cgroup};
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
    ("netlink_dump", netlink_dump),
    ("sock_diag", sock_diag),
    ("rtnetlink", rtnetlink),
    ("ctnetlink", ctnetlink),
    ("ethtool", ethtool),
    ("ebpf_maps", ebpf_maps),
    ("ebpf_tables", ebpf_tables),
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
        let (rows, errors) = net_tcp::parse(data, fam);
        assert!(rows.len() + errors.len() <= lines(data));
        assert!(rows.iter().all(|r| is_ip(&r.local_addr, fam) && is_ip(&r.remote_addr, fam)));
    }
}

/// `/proc/net/udp*`: as TCP; a remote port exactly when a remote address.
pub fn net_udp(data: &[u8]) {
    for fam in [AddressFamily::Ipv4, AddressFamily::Ipv6] {
        let (rows, errors) = net_udp::parse(data, fam, false);
        assert!(rows.len() + errors.len() <= lines(data));
        assert!(rows.iter().all(|r| r.remote_addr.is_some() == r.remote_port.is_some()));
        assert!(rows.iter().all(|r| r.remote_addr.as_deref().is_none_or(|a| is_ip(a, fam))));
    }
}

/// `/proc/net/raw*`: as TCP.
pub fn net_raw(data: &[u8]) {
    for fam in [AddressFamily::Ipv4, AddressFamily::Ipv6] {
        let (rows, errors) = net_raw::parse(data, fam);
        assert!(rows.len() + errors.len() <= lines(data));
        assert!(rows.iter().all(|r| is_ip(&r.local_addr, fam)));
    }
}

/// `/proc/net/unix`: a path is a piece of its line.
pub fn net_unix(data: &[u8]) {
    let (rows, errors) = net_unix::parse(data);
    assert!(rows.len() + errors.len() <= lines(data));
    assert!(rows.iter().all(|r| r.path.len() <= data.len()));
}

/// `/proc/net/netlink`: one row or error per line.
pub fn net_netlink(data: &[u8]) {
    let (rows, errors) = net_netlink::parse(data);
    assert!(rows.len() + errors.len() <= lines(data));
}

/// `/proc/net/packet`: one row or error per line.
pub fn net_packet(data: &[u8]) {
    let (rows, errors) = net_packet::parse(data);
    assert!(rows.len() + errors.len() <= lines(data));
}

/// `/proc/net/snmp` and `netstat`: a table per two lines; renders back to the same tables.
pub fn net_snmp(data: &[u8]) {
    let Ok(tables) = net_snmp::parse(data) else { return };
    assert!(tables.len() * 2 <= lines(data));
    let mut text = String::new();
    for t in &tables {
        let keys: Vec<&str> = t.counters.iter().map(|(k, _)| k.as_str()).collect();
        let vals: Vec<String> = t.counters.iter().map(|(_, v)| v.to_string()).collect();
        text += &format!("{}: {}\n{}: {}\n", t.name, keys.join(" "), t.name, vals.join(" "));
    }
    // Names with bytes that are not UTF-8 were written lossily: compare only clean input.
    if std::str::from_utf8(data).is_ok() {
        assert_eq!(net_snmp::parse(text.as_bytes()).map(|t| t.len()), Ok(tables.len()));
    }
}

/// `/proc/net/snmp6`: one counter per line at most.
pub fn net_snmp6(data: &[u8]) {
    if let Ok(m) = net_snmp6::parse(data) {
        assert!(m.len() <= lines(data));
    }
}

/// `/proc/net/sockstat*`: pairs bounded by the input.
pub fn net_sockstat(data: &[u8]) {
    if let Ok(s) = net_sockstat::parse(data) {
        assert!(s.0.len() <= data.len() / 2 + 1);
    }
}

/// `/proc/net/nf_conntrack`: addresses are addresses of the entry's family.
pub fn net_nf_conntrack(data: &[u8]) {
    let (rows, errors) = net_nf_conntrack::parse(data);
    assert!(rows.len() + errors.len() <= lines(data));
    for r in &rows {
        assert!(is_ip(&r.src_addr, r.family) && is_ip(&r.reply_dst_addr, r.family));
    }
}

/// `/proc/net/stat/nf_conntrack`: one CPU per line after the header.
pub fn net_stat_nf_conntrack(data: &[u8]) {
    if let Ok(c) = net_stat_nf_conntrack::parse(data) {
        assert!(c.len() < lines(data).max(1));
    }
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
        if let Ok(c) = sock_diag::tcp_connection(&d, 100) {
            assert!(is_ip(&c.local_addr, c.family) && is_ip(&c.remote_addr, c.family));
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

/// A recorded BPF map (the fixture text form): renders back to the same dump; and every
/// tracer's decoders, fed its entries as any map's, keep their histograms consistent.
pub fn ebpf_maps(data: &[u8]) {
    let Ok(d) = Dump::parse(data) else { return };
    assert_eq!(Dump::parse(d.to_text().as_bytes()).as_ref(), Ok(&d));
    ebpf::fuzz_readers(&d);
}

/// The eBPF domain's text tables: the syscall table (renders back), `/proc/kallsyms` and
/// the scan's output named by it, and the tracers' statuses (render back).
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
}
