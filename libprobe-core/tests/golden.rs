//! Golden tests: the whole probe on each fixture tree of `tests/fixtures/<scenario>/`,
//! rendered as pretty JSON and compared with `tests/fixtures/<scenario>.json`.
//!
//! `LIBPROBE_BLESS=1 cargo test -p libprobe-core --test golden` rewrites the golden files;
//! review their diff like code. A rate scenario has `t0/` and `t1/` trees: one `Probe`
//! takes a snapshot of each (the tree is swapped under it), and the golden file is the
//! second, so rates have values. Paths in warnings and errors name the fixture tree as
//! `<fixture>`, so the golden files hold no path of the machine that blessed them.
//!
//! Each scenario's `FIXTURE.md` says what it holds and proves; the assertions below check
//! the point of each scenario directly, so a careless bless cannot lose it.

use std::path::{Path, PathBuf};

use libprobe::network::{
    AddressFamily, Duplex, NeighbourState, Network, SocketOwner, TcpConnection, TcpState, UdpConnection, UnixSocket,
    UnixSocketType, UnixState,
};
use libprobe::process::{FileType, ProcessFull, ProcessState};
use libprobe::{
    DomainName, DomainState, Domains, Field, NetworkOptions, Options, Probe, ProcessOptions, Reason, Snapshot, Source,
};

/// Every scenario under `tests/fixtures/`.
const SCENARIOS: [&str; 8] = [
    "linux-6.18-vm",
    "adversarial-names",
    "old-kernel-4.19",
    "cgroup-v2-container",
    "broken",
    "net-endpoints",
    "net-procfs-fallback",
    "ebpf-trace",
];

fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/fixtures")
}

fn options(source: Source, scenario: &str) -> Options {
    // The network scenarios hold one process and the network: no system files.
    let domains = if scenario.starts_with("net-") {
        Domains::NONE.with(DomainName::Process).with(DomainName::Network)
    } else if scenario.starts_with("ebpf-") {
        // The recorded maps of every tracer (the default `ebpf.tracers`), nothing else.
        Domains::NONE.with(DomainName::Ebpf)
    } else {
        Domains::default_set()
    };
    Options {
        source,
        domains,
        // taskstats included: a fixture tree has no kernel to ask, so it must say
        // `not_supported` rather than report this machine's processes.
        process: ProcessOptions { environ: true, ..ProcessOptions::everything() },
        network: NetworkOptions::everything(),
        ..Options::default()
    }
}

/// The snapshot a golden file holds: of the tree, or of `t1/` after `t0/` for a rate
/// scenario; and its JSON, with the tree's path as `<fixture>`.
fn collect(scenario: &str) -> (Snapshot, String) {
    let dir = fixtures().join(scenario);
    if !dir.join("t0").is_dir() {
        let snapshot = Probe::new(options(Source::rooted_at(&dir), scenario)).snapshot();
        let json = anonymous(&snapshot, &dir);
        return (snapshot, json);
    }
    // One Probe reads `<tmp>/root`, a link moved from t0 to t1 between its two snapshots.
    let tmp = std::env::temp_dir().join(format!("libprobe-golden-{scenario}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&tmp);
    std::fs::create_dir_all(&tmp).unwrap();
    let root = tmp.join("root");
    let dir = dir.canonicalize().unwrap();
    std::os::unix::fs::symlink(dir.join("t0"), &root).unwrap();
    let mut probe = Probe::new(options(Source::rooted_at(&root), scenario));
    let first = probe.snapshot();
    std::os::unix::fs::symlink(dir.join("t1"), tmp.join("next")).unwrap();
    std::fs::rename(tmp.join("next"), &root).unwrap();
    let second = probe.snapshot();
    std::fs::remove_dir_all(&tmp).unwrap();
    assert_eq!(first.processes().len(), second.processes().len(), "{scenario}: t0 and t1 hold the same processes");
    let json = anonymous(&second, &root);
    (second, json)
}

fn anonymous(snapshot: &Snapshot, root: &Path) -> String {
    snapshot.to_json_pretty().replace(root.to_str().unwrap(), "<fixture>")
}

/// Compares `actual` with the golden file, or rewrites it under `LIBPROBE_BLESS=1`.
fn golden(scenario: &str, actual: &str) {
    let path = fixtures().join(format!("{scenario}.json"));
    if std::env::var_os("LIBPROBE_BLESS").is_some_and(|v| v == "1") {
        std::fs::write(&path, actual).unwrap();
        return;
    }
    let expected = std::fs::read_to_string(&path)
        .unwrap_or_else(|e| panic!("{}: {e}; run with LIBPROBE_BLESS=1 to create it", path.display()));
    if actual == expected {
        return;
    }
    let (a, e): (Vec<_>, Vec<_>) = (actual.lines().collect(), expected.lines().collect());
    let first = a.iter().zip(&e).position(|(x, y)| x != y).unwrap_or(a.len().min(e.len()));
    let context = |v: &[&str]| v[first.saturating_sub(3)..(first + 4).min(v.len())].join("\n");
    let saved = std::env::temp_dir().join(format!("{scenario}.actual.json"));
    std::fs::write(&saved, actual).unwrap();
    panic!(
        "{scenario}: snapshot differs from {} at line {} (whole snapshot in {}; LIBPROBE_BLESS=1 rewrites)\n\
         --- expected\n{}\n+++ actual\n{}",
        path.display(),
        first + 1,
        saved.display(),
        context(&e),
        context(&a),
    );
}

fn run(scenario: &str) -> Snapshot {
    let (snapshot, json) = collect(scenario);
    golden(scenario, &json);
    snapshot
}

fn process(s: &Snapshot, pid: i32) -> &ProcessFull {
    s.process(pid).unwrap_or_else(|| panic!("pid {pid} is in the snapshot"))
}

fn status(s: &Snapshot, d: DomainName) -> &libprobe::DomainStatus {
    s.status(d).unwrap()
}

#[test]
fn linux_6_18_vm() {
    let s = run("linux-6.18-vm");
    assert_eq!(status(&s, DomainName::Process).state, DomainState::Collected);
    assert!(status(&s, DomainName::Process).warnings.is_empty(), "{:?}", status(&s, DomainName::Process).warnings);
    let procs = s.processes();
    assert_eq!(procs.len(), 4);
    let kthreadd = process(&s, 2);
    assert!(kthreadd.is_kernel_thread);
    assert_eq!(kthreadd.exe.reason(), Some(Reason::KernelThread));
    // The second snapshot has a previous one: every process has a CPU share, and the
    // helper that spins a quarter of the time shows it.
    assert!(procs.iter().all(|p| p.cpu_percent.is_value()));
    assert!(s.system.value().unwrap().cpu_percent.is_value());
    let python = procs.iter().find(|p| p.name == "python3").unwrap();
    let busy = python.cpu_percent.get().unwrap();
    assert!((5.0..60.0).contains(&busy), "python3 cpu_percent {busy}");
    let sockets = python.open_sockets.value().unwrap();
    assert_eq!(sockets.len(), 3);
    let files = python.open_files.value().unwrap();
    let deleted: Vec<_> = files.iter().filter(|f| f.deleted == Field::Value(true)).collect();
    assert_eq!(deleted.len(), 1, "one deleted file");
    assert!(deleted[0].path.as_bytes().ends_with(b" (deleted)"));
    assert!(files.iter().any(|f| f.file_type == Field::Value(FileType::Pipe)));
    assert!(files.iter().any(|f| f.position == Field::Value(12345)));

    let net = network(&s);
    assert!(status(&s, DomainName::Network).warnings.is_empty(), "{:?}", status(&s, DomainName::Network).warnings);
    assert_eq!(net.socket_sources.get("tcp4").map(String::as_str), Some("sock_diag"));
    assert_eq!(net.socket_sources.get("raw4").map(String::as_str), Some("/proc/net/raw"), "no CONFIG_INET_RAW_DIAG");
    let eth0 = net.interfaces().iter().find(|i| i.name == "eth0").unwrap();
    assert_eq!(eth0.driver, Field::Value("virtio_net".into()));
    assert_eq!(eth0.bus_info, Field::Value("0000:00:03.0".into()));
    assert_eq!(eth0.speed_mbps.reason(), Some(Reason::NotSupported), "virtio reports speed -1");
    assert!(net.routes.value().unwrap().iter().any(|r| r.destination == "0.0.0.0" && r.gateway.is_some()));
    assert!(net.tcp().iter().any(|c| c.state == TcpState::Listen));
}

#[test]
fn adversarial_names() {
    let s = run("adversarial-names");
    let w = &status(&s, DomainName::Process).warnings;
    assert!(w.is_empty(), "{w:?}");
    assert_eq!(process(&s, 584).name.as_bytes(), b"(a b ) ( c d) ");
    assert_eq!(process(&s, 585).name.as_bytes(), b"new\nline");
    assert_eq!(process(&s, 586).name.as_bytes(), b"\x1b[31mred\x1b[0m");
    assert_eq!(process(&s, 587).name.as_bytes(), b"bad\xff\xfeutf8");
    assert_eq!(process(&s, 588).cmdline, Field::Value(vec![]));
    let long = process(&s, 589).cmdline.value().unwrap();
    assert_eq!(long.iter().map(|a| a.len() + 1).sum::<usize>(), 1 << 20);
    let no_nul = process(&s, 590).cmdline.value().unwrap();
    assert_eq!(no_nul.len(), 1);
    assert_eq!(no_nul[0], "nginx: worker process");
    let env = process(&s, 587).environ.value().unwrap();
    assert_eq!(env.get(&libprobe::ByteStr::from("NOEQUALS")), Some(&libprobe::ByteStr::default()));
    assert_eq!(process(&s, 591).exe_deleted, Field::Value(true));
    assert_eq!(process(&s, 592).exe_deleted, Field::Value(false), "a real name ending in ` (deleted)`");
    let zombie = process(&s, 593);
    assert_eq!(zombie.state, ProcessState::Zombie);
    assert_eq!(zombie.cmdline.reason(), Some(Reason::Zombie));
    assert_eq!(zombie.exe.reason(), Some(Reason::Zombie));
    assert_eq!(zombie.memory_text.reason(), Some(Reason::Zombie));
    let kthread = process(&s, 594);
    assert!(kthread.is_kernel_thread);
    assert_eq!(kthread.exe.reason(), Some(Reason::KernelThread));
    assert_eq!(kthread.memory_text.reason(), Some(Reason::KernelThread));
    assert_eq!(kthread.cmdline, Field::Value(vec![]));
}

#[test]
fn old_kernel_4_19() {
    let s = run("old-kernel-4.19");
    let w = &status(&s, DomainName::Process).warnings;
    assert!(w.is_empty(), "{w:?}");
    assert_eq!(s.processes().len(), 3);
    // (A kernel thread's missing lines read `kernel_thread` even where no process of this
    // kernel has them: the collector ranks that reason first.)
    for p in s.processes().iter().filter(|p| !p.is_kernel_thread) {
        assert_eq!(p.ns_time.reason(), Some(Reason::NotSupported), "pid {}", p.pid);
        assert_eq!(p.seccomp_filters.reason(), Some(Reason::NotSupported), "pid {}", p.pid);
        assert_eq!(p.memory_pss_anon.reason(), Some(Reason::NotSupported), "pid {}", p.pid);
        assert!(p.memory_pss.is_value() && p.ns_net.is_value(), "pid {}", p.pid);
        let files = p.open_files.value().unwrap();
        assert!(files.iter().all(|f| f.mount_id.is_value() && f.inode.is_value()), "pid {}", p.pid);
    }
    let system = s.system.value().unwrap();
    assert!(system.pressure.cpu.reason() == Some(Reason::NotSupported));
}

#[test]
fn cgroup_v2_container() {
    let s = run("cgroup-v2-container");
    let w = &status(&s, DomainName::Process).warnings;
    assert!(w.is_empty(), "{w:?}");
    let app = process(&s, 4242);
    assert_eq!(app.cgroup_path, Field::Value("/a/b".into()));
    let l = app.cgroup_limits.value().unwrap();
    assert_eq!(l.version, 2);
    // cpu.max is `max 100000` at b but `50000 100000` at a: the parent binds.
    assert_eq!((l.cpu_max_quota_us, l.cpu_max_period_us), (Field::Value(50_000), Field::Value(100_000)));
    assert_eq!(app.cpu_time_limit, Field::Value(50_000));
    assert_eq!(l.memory_max, Field::Value(1 << 30));
    assert_eq!(l.memory_high, Field::Value(768 << 20));
    assert_eq!(l.pids_max, Field::Value(100));
    let io = l.io_max.value().unwrap();
    let sda = io.iter().find(|d| d.device == "8:0").unwrap();
    assert_eq!((sda.rbps, sda.wbps, sda.riops, sda.wiops), (10 << 20, 1 << 20, u64::MAX, 500));
    let dm = io.iter().find(|d| d.device == "253:0").unwrap();
    assert_eq!((dm.rbps, dm.wbps, dm.riops, dm.wiops), (u64::MAX, 5 << 20, 1000, u64::MAX));
    assert!(l.cpu_pressure.is_value() && l.irq_pressure.is_value());
}

#[test]
fn broken() {
    let s = run("broken");
    let procs = status(&s, DomainName::Process);
    assert_eq!(procs.state, DomainState::Collected);
    let warned = |file: &str| procs.warnings.iter().any(|w| w.contains(file));
    // A process whose stat is truncated cannot be identified: it is left out, with a warning.
    assert!(s.process(10).is_none());
    assert!(warned("/proc/10/stat"), "{:?}", procs.warnings);
    assert_eq!(process(&s, 11).uid_real.reason(), Some(Reason::Error));
    assert!(warned("/proc/11/status"));
    assert_eq!(process(&s, 12).limits.reason(), Some(Reason::Error));
    assert!(warned("/proc/12/limits"));
    assert_eq!(process(&s, 13).io_read_bytes.reason(), Some(Reason::Error));
    assert!(warned("/proc/13/io"));
    let rest = process(&s, 14);
    for (reason, file) in [
        (rest.memory_pss.reason(), "/proc/14/smaps_rollup"),
        (rest.maps.reason(), "/proc/14/maps"),
        (rest.delay.cpu_run_time_ns.reason(), "/proc/14/schedstat"),
        (rest.oom_score.reason(), "/proc/14/oom_score"),
        (rest.ns_net.reason(), "/proc/14/ns/net"),
        (rest.cgroup_path.reason(), "cgroup"),
    ] {
        assert_eq!(reason, Some(Reason::Error), "{file}");
        assert!(warned(file), "{file}: {:?}", procs.warnings);
    }
    let fdinfo = &rest.open_files.value().unwrap()[1];
    assert_eq!((fdinfo.fd, fdinfo.flags.reason()), (1, Some(Reason::Error)));
    assert!(warned("/proc/14/fdinfo/1"));
    assert!(s.process(15).is_none() && warned("/proc/15/stat"));
    assert_eq!(process(&s, 16).memory_rss_peak.reason(), Some(Reason::Error));
    let huge = process(&s, 17);
    assert_eq!((huge.memory_shared, huge.memory_data), (Field::Value(u64::MAX), Field::Value(u64::MAX)));
    assert_eq!((huge.memory_uss, huge.memory_dirty), (Field::Value(u64::MAX), Field::Value(u64::MAX)));
    assert_eq!(huge.cpu_user_ticks, u64::MAX);
    // What did parse is kept beside what did not.
    assert!(process(&s, 13).limits.is_value());
    assert!(process(&s, 11).io_read_bytes.is_value());
    assert!(rest.uid_real.is_value() && rest.io_read_bytes.is_value() && rest.limits.is_value());

    let system = status(&s, DomainName::System);
    assert_eq!(system.state, DomainState::Collected);
    let sys = s.system.value().unwrap();
    assert_eq!(sys.memory.reason(), Some(Reason::Error));
    assert!(system.warnings.iter().any(|w| w.contains("/proc/meminfo")), "{:?}", system.warnings);
    assert!(sys.pressure.cpu.is_value());
    // One CPU's broken line costs that CPU's times, not the machine's.
    assert_eq!(sys.cpus[1].times.reason(), Some(Reason::Error));
    assert!(sys.cpus[0].times.is_value() && sys.boot_time > 0);
    assert_eq!(sys.pressure.io.reason(), Some(Reason::Error));

    // Malformed netlink replies and /proc/net lines: warnings naming the source, never a
    // panic; what did decode is kept.
    let nst = status(&s, DomainName::Network);
    assert_eq!(nst.state, DomainState::Collected);
    let nwarned = |what: &str| nst.warnings.iter().any(|w| w.contains(what));
    assert!(nwarned("netlink:sock_diag-tcp4: message length out of bounds"), "{:?}", nst.warnings);
    assert!(nwarned("/proc/net/tcp line 3"));
    assert!(nwarned("netlink:sock_diag-udp4") && nwarned("(1 replies left out)"));
    assert!(nwarned("/proc/net/unix line 3") && nwarned("/proc/net/snmp line 2"));
    let net = s.network().unwrap();
    // A truncated dump falls back to the file; a bad reply costs only itself.
    assert_eq!(net.socket_sources.get("tcp4").map(String::as_str), Some("/proc/net/tcp"));
    assert_eq!(net.tcp().iter().map(|c| c.inode).collect::<Vec<_>>(), [5001]);
    assert_eq!(net.udp().iter().map(|c| c.inode).collect::<Vec<_>>(), [7001]);
    assert_eq!(net.unix()[0].path, "/tmp/new");
    assert_eq!(net.snmp.reason(), Some(Reason::Error));
}

fn network(s: &Snapshot) -> &Network {
    let st = status(s, DomainName::Network);
    assert_eq!(st.state, DomainState::Collected, "{st:?}");
    s.network().unwrap()
}

/// The descriptor of the network scenarios' one process (`python3`) that holds a socket.
fn owner_fd(owners: &Field<Vec<SocketOwner>>) -> Option<i32> {
    let o = owners.value()?;
    assert_eq!(o.len(), 1, "{o:?}");
    assert_eq!(o[0].process_name.as_bytes(), b"python3");
    Some(o[0].fd)
}

#[test]
fn net_endpoints() {
    let s = run("net-endpoints");
    let w = &status(&s, DomainName::Network).warnings;
    assert!(w.is_empty(), "{w:?}");
    let n = network(&s);
    for (part, source) in n.socket_sources.iter() {
        let want =
            if part.starts_with("raw") { format!("/proc/net/{}", part.replace('4', "")) } else { "sock_diag".into() };
        assert_eq!(*source, want, "{part}");
    }
    let tcp = n.tcp();
    let find = |lport: u16, state: TcpState| {
        tcp.iter().find(|c| c.local_port == lport && c.state == state).unwrap_or_else(|| panic!("{lport} {state:?}"))
    };
    let l = find(5000, TcpState::Listen);
    assert_eq!(
        (l.local_addr.as_str(), l.accept_backlog_max, owner_fd(&l.owners)),
        ("10.77.0.1", Field::Value(16), Some(3))
    );
    let c = find(40000, TcpState::Established);
    assert_eq!((c.remote_addr.as_str(), c.remote_port, owner_fd(&c.owners)), ("10.77.0.1", 5000, Some(4)));
    let info = c.info.value().expect("tcp_info of an established socket");
    assert!(info.rtt_us > 0 && info.snd_cwnd >= 10 && info.bytes_received == 0, "{info:?}");
    assert!(c.congestion.is_value() && c.memory.is_value() && c.cookie.is_value());
    let tw = find(40001, TcpState::TimeWait);
    assert_eq!((tw.inode, tw.timer_active, tw.owners.reason()), (0, 3, Some(Reason::NotPresent)));
    assert_eq!(tw.info.reason(), Some(Reason::NotPresent));
    let mapped = find(5001, TcpState::Established);
    assert_eq!((mapped.family, mapped.local_addr.as_str()), (AddressFamily::Ipv6, "::ffff:10.77.0.1"));
    assert_eq!(
        (mapped.remote_addr.as_str(), mapped.remote_port, owner_fd(&mapped.owners)),
        ("::ffff:10.77.0.1", 40002, Some(8))
    );
    assert_eq!(find(5001, TcpState::Listen).local_addr, "::");
    assert_eq!(find(5002, TcpState::Listen).local_addr, "fd77::1");
    assert_eq!(n.tcp_stats.connections_established, Field::Value(4));
    assert_eq!(n.tcp_stats.connections_time_wait, Field::Value(1));
    assert_eq!(n.tcp_stats.connections_listen, Field::Value(3));

    let udp = n.udp();
    let u = udp.iter().find(|u| u.local_port == 5353).unwrap();
    assert_eq!((u.local_addr.as_str(), u.remote_addr.as_deref(), owner_fd(&u.owners)), ("10.77.0.1", None, Some(11)));
    let u6 = udp.iter().find(|u| u.local_port == 5354).unwrap();
    assert_eq!((u6.local_addr.as_str(), u6.remote_addr.as_deref()), ("::ffff:10.77.0.1", Some("::ffff:10.77.0.1")));

    let unix = n.unix();
    let by_fd = |fd: i32| unix.iter().find(|u| owner_fd(&u.owners) == Some(fd)).unwrap();
    let (ul, ucli, usrv) = (by_fd(13), by_fd(14), by_fd(15));
    assert_eq!((ul.state, ul.socket_type), (UnixState::Listening, UnixSocketType::Stream));
    assert!(ul.path.as_bytes().ends_with(b"/lp.sock") && ul.vfs_inode.is_value());
    assert_eq!((ucli.peer_inode, usrv.peer_inode), (Field::Value(usrv.inode), Field::Value(ucli.inode)));
    let (da, db) = (by_fd(16), by_fd(17));
    assert_eq!((da.path.as_bytes(), da.is_abstract, da.socket_type), (&b"lp-dgram-a"[..], true, UnixSocketType::Dgram));
    assert_eq!((da.peer_inode, db.peer_inode), (Field::Value(db.inode), Field::Value(da.inode)));

    let raw = &n.raw()[0];
    assert_eq!((raw.protocol, owner_fd(&raw.owners), raw.cookie.reason()), (1, Some(18), Some(Reason::NotSupported)));
    let pid = s.processes()[0].pid;
    let nl = n.netlink().iter().find(|s| owner_fd(&s.owners) == Some(19)).unwrap();
    assert_eq!((nl.protocol_name.as_str(), nl.port_id, nl.groups, nl.pid), ("route", pid as u32, 1, Field::Value(pid)));
    let pk = &n.packet()[0];
    assert_eq!((pk.protocol, pk.running, owner_fd(&pk.owners)), (3, Field::Value(true), Some(20)));

    let ifs = n.interfaces();
    let mut names: Vec<String> = ifs.iter().map(|i| i.name.to_string()).collect();
    names.sort();
    assert_eq!(names, ["lo", "veth0", "veth1"]);
    let by_name = |n: &str| ifs.iter().find(|i| i.name == n).unwrap();
    let v0 = by_name("veth0");
    assert_eq!((v0.kind.as_deref(), v0.driver.value().map(String::as_str)), (Some("veth"), Some("veth")));
    assert_eq!((v0.speed_mbps, v0.duplex), (Field::Value(10000), Field::Value(Duplex::Full)));
    assert_eq!(
        (v0.firmware_version.reason(), v0.bus_info.reason()),
        (Some(Reason::NotPresent), Some(Reason::NotPresent))
    );
    assert_eq!(v0.link_index, Some(by_name("veth1").index), "a veth's peer");
    let v4 = v0.ipv4_addresses.value().unwrap();
    assert_eq!(
        (v4[0].address.as_str(), v4[0].netmask.as_str(), v4[0].broadcast.as_deref()),
        ("10.77.0.1", "255.255.255.0", None)
    );
    assert!(v0.ipv6_addresses.value().unwrap().iter().any(|a| a.address == "fd77::1" && a.prefix_len == 64));
    assert!(v0.stats.is_value());
    assert_eq!(by_name("lo").driver.reason(), Some(Reason::NotSupported), "lo has no ethtool driver info");
    let route = n.routes.value().unwrap().iter().find(|r| r.destination == "10.99.0.0").unwrap();
    assert_eq!((route.prefix_len, route.gateway.as_deref(), route.metric), (16, Some("10.77.0.254"), 50));
    assert_eq!(
        (route.interface.as_ref().map(|n| n.to_string()), route.table, route.flags.gateway),
        (Some("veth0".into()), 254, true)
    );
    let neigh = n.neighbours.value().unwrap().iter().find(|a| a.ip_address == "10.77.0.254").unwrap();
    assert_eq!(
        (neigh.state, neigh.hw_address.as_deref(), neigh.flags),
        (NeighbourState::Permanent, Some("02:00:00:00:77:fe"), 6)
    );
    let ct = n.conntrack.value().unwrap();
    assert_eq!(ct.len(), 4);
    let est = ct.iter().find(|e| e.state.as_deref() == Some("ESTABLISHED")).unwrap();
    assert_eq!(
        (est.src_addr.as_str(), est.dst_port, est.reply_src_addr.as_str(), est.mark),
        ("10.77.0.1", Some(80), "10.77.0.9", 7)
    );
    assert!(est.status_flags.contains(&"assured".to_owned()) && est.id.is_value());
    assert_eq!(est.packets_orig.reason(), Some(Reason::NotEnabled), "accounting is off");
    let v6 = ct.iter().find(|e| e.family == AddressFamily::Ipv6).unwrap();
    assert_eq!((v6.src_addr.as_str(), v6.zone, v6.state.as_deref()), ("fd77::1", 3, Some("SYN_SENT")));
    let icmp = ct.iter().find(|e| e.protocol == "icmp").unwrap();
    assert_eq!((icmp.icmp_type, icmp.icmp_id, icmp.src_port), (Some(8), Some(77), None));
    assert_eq!(n.conntrack_stats.entries, Field::Value(4));
    assert!(n.snmp.is_value() && n.netstat.is_value() && n.snmp6.is_value() && n.socket_stats.is_value());

    // The process domain's open sockets, joined with the tables by inode.
    let p = process(&s, pid);
    let socks = p.open_sockets.value().unwrap();
    let joined = |fd: i32| socks.iter().find(|o| o.fd == fd).unwrap();
    assert_eq!(joined(3).local_addr, Field::Value("10.77.0.1:5000".into()));
    assert_eq!(joined(3).state, Field::Value("listen".into()));
    assert_eq!(joined(8).remote_addr, Field::Value("[::ffff:10.77.0.1]:40002".into()));
    assert_eq!(joined(11).state, Field::Value("unconnected".into()));
    assert_eq!(joined(16).local_addr, Field::Value("@lp-dgram-a".into()));
    assert_eq!(joined(16).remote_addr, Field::Value("@lp-dgram-b".into()));
    assert_eq!(joined(19).local_addr.reason(), Some(Reason::NotPresent), "netlink has no address");
}

#[test]
fn net_procfs_fallback() {
    let s = run("net-procfs-fallback");
    let w = &status(&s, DomainName::Network).warnings;
    assert!(w.is_empty(), "{w:?}");
    let n = network(&s);
    assert!(n.socket_sources.iter().all(|(_, src)| src.starts_with("/proc/net/")), "{:?}", n.socket_sources);
    // The same sockets as sock_diag saw, with the same common fields.
    let (diag, _) = collect("net-endpoints");
    let d = diag.network().unwrap();
    let key = |c: &TcpConnection| (c.inode, c.local_port, c.remote_port);
    let mut a: Vec<_> = n.tcp().iter().map(|c| (key(c), c)).collect();
    let mut b: Vec<_> = d.tcp().iter().map(|c| (key(c), c)).collect();
    a.sort_by_key(|x| x.0);
    b.sort_by_key(|x| x.0);
    assert_eq!(a.len(), b.len());
    for ((_, p), (_, q)) in a.iter().zip(&b) {
        let common = |c: &TcpConnection| {
            (
                c.family,
                c.local_addr.clone(),
                c.remote_addr.clone(),
                c.state,
                c.rx_queue,
                c.uid,
                c.owners.clone(),
                c.timer_active,
            )
        };
        assert_eq!(common(p), common(q));
        assert_eq!((p.info.reason(), p.cookie.reason()), (Some(Reason::NotSupported), Some(Reason::NotSupported)));
    }
    assert!(n.tcp().iter().any(|c| c.local_addr == "::ffff:10.77.0.1"), "IPv4-mapped IPv6 from /proc/net/tcp6");
    let udp = |v: &[UdpConnection]| {
        let mut v: Vec<_> =
            v.iter().map(|u| (u.inode, u.local_addr.clone(), u.remote_addr.clone(), u.owners.clone())).collect();
        v.sort_by_key(|x| x.0);
        v
    };
    assert_eq!(udp(n.udp()), udp(d.udp()));
    let set = |v: &[UnixSocket]| {
        let mut v: Vec<_> = v
            .iter()
            .map(|u| (u.inode, u.path.clone(), u.is_abstract, u.socket_type, u.state, u.owners.clone()))
            .collect();
        v.sort_by_key(|x| x.0);
        v
    };
    assert_eq!(set(n.unix()), set(d.unix()));
    assert!(n.unix().iter().all(|u| u.peer_inode.reason() == Some(Reason::NotSupported)));
    assert_eq!(n.packet()[0].protocol, d.packet()[0].protocol);
    assert_eq!(n.interfaces.reason(), Some(Reason::NotSupported));
    assert!(n.conntrack_stats.per_cpu.is_value(), "from /proc/net/stat/nf_conntrack");
    // Conntrack from /proc/net/nf_conntrack: the same flows, without what only ctnetlink gives.
    let flows = |v: &[libprobe::network::ConntrackEntry]| {
        let mut v: Vec<_> = v
            .iter()
            .map(|e| {
                (
                    e.src_addr.clone(),
                    e.dst_addr.clone(),
                    e.src_port,
                    e.reply_src_addr.clone(),
                    e.state.clone(),
                    e.mark,
                    e.zone,
                )
            })
            .collect();
        v.sort();
        v
    };
    let (pc, dc) = (n.conntrack.value().unwrap(), d.conntrack.value().unwrap());
    assert_eq!(flows(pc), flows(dc));
    assert!(pc.iter().all(|e| e.id.reason() == Some(Reason::NotSupported)));
}

/// Recorded eBPF maps around known work (see its FIXTURE.md): python3 calling getppid
/// 20 000 times, `sleep 0.3`, dd writing and reading 16 × 64 KiB with O_DIRECT on loop0.
#[test]
fn ebpf_trace() {
    use libprobe::ebpf::{BlockOperation, HookType, TracerState};
    let s = run("ebpf-trace");
    let st = status(&s, DomainName::Ebpf);
    assert_eq!(st.state, DomainState::Collected);
    assert!(st.warnings.is_empty(), "{:?}", st.warnings);
    let e = s.ebpf.value().unwrap();
    assert_eq!(e.tracers.len(), 4);
    assert!(e.tracers.iter().all(|t| t.state == TracerState::Attached && t.hook == Some(HookType::TpBtf)));
    assert!(e.tracers.iter().all(|t| t.dropped == Field::Value(0)));
    let mono = |t: &str| {
        let text = std::fs::read_to_string(fixtures().join("ebpf-trace").join(t).join("syscalls.txt")).unwrap();
        text.lines().find_map(|l| l.strip_prefix("monotonic_ns ")).unwrap().parse::<u64>().unwrap()
    };
    assert_eq!(e.interval_ns, Field::Value(mono("t1") - mono("t0")));
    let counts = e.syscall_counts.value().unwrap();
    assert!(counts.get("getppid").copied().unwrap() >= 20_000);
    let procs = e.syscalls_by_process.value().unwrap();
    let py = procs.iter().find(|p| p.name == "python3").unwrap();
    assert!(py.count >= 20_000, "{py:?}");
    let h = e.syscall_latencies.value().unwrap().get("getppid").unwrap();
    assert!(h.p50_ns <= h.p90_ns && h.p90_ns <= h.p99_ns && h.count >= 20_000);
    let off = e.cpu_off_time.value().unwrap();
    let sleep = off.iter().find(|t| t.name == "sleep").unwrap();
    assert!(sleep.voluntary_ns >= 300_000_000, "{sleep:?}");
    // Identity is (pid, start time), as in the process domain.
    assert!(off.iter().any(|t| (t.pid, t.start_time) == (py.pid, py.start_time)));
    let io = e.block_io_by_process.value().unwrap();
    let dd: Vec<_> = io.iter().filter(|b| b.name == "dd").collect();
    assert_eq!(dd.iter().map(|b| b.write_bytes).sum::<u64>(), 16 * 65536);
    assert!(dd.iter().any(|b| b.read_bytes == 16 * 65536 && b.reads == 16));
    let devs = e.block_io_by_device.value().unwrap();
    let loop_writes: u64 = devs
        .iter()
        .filter(|d| d.name == Field::Value("loop0".into()) && d.operation == BlockOperation::Write)
        .map(|d| d.bytes)
        .sum();
    assert_eq!(loop_writes, 16 * 65536);
    let rq = e.runqueue_latency.value().unwrap();
    assert!(rq.count > 0 && rq.min_ns <= rq.p50_ns && rq.p99_ns <= rq.max_ns);
    assert!(e.since_attach.attached_ns >= e.interval_ns.get().unwrap());
}

/// Each directory under `tests/fixtures/` is a scenario tested above, with its notes and
/// golden file.
#[test]
fn every_fixture_is_a_tested_scenario() {
    let mut dirs: Vec<String> = std::fs::read_dir(fixtures())
        .unwrap()
        .map(|e| e.unwrap())
        .filter(|e| e.file_type().unwrap().is_dir())
        .map(|e| e.file_name().into_string().unwrap())
        .collect();
    dirs.sort();
    let mut known: Vec<String> = SCENARIOS.iter().map(|s| s.to_string()).collect();
    known.sort();
    assert_eq!(dirs, known);
    for s in SCENARIOS {
        assert!(fixtures().join(s).join("FIXTURE.md").is_file(), "{s}/FIXTURE.md");
        assert!(fixtures().join(format!("{s}.json")).is_file(), "{s}.json");
    }
}

/// Git keeps no empty directories: a fixture that has one would read differently from a
/// fresh clone than from the working tree it was blessed in.
#[test]
fn fixtures_have_no_empty_directories() {
    fn walk(dir: &Path, empty: &mut Vec<PathBuf>) {
        let entries: Vec<_> = std::fs::read_dir(dir).unwrap().map(|e| e.unwrap()).collect();
        if entries.is_empty() {
            empty.push(dir.to_owned());
        }
        for e in entries {
            if e.file_type().unwrap().is_dir() {
                walk(&e.path(), empty);
            }
        }
    }
    let mut empty = Vec::new();
    walk(&fixtures(), &mut empty);
    assert!(empty.is_empty(), "{empty:?}");
}
