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

mod fake_nvml;

use libprobe::network::{
    AddressFamily, Duplex, NeighbourState, Network, SocketOwner, TcpConnection, TcpState, UdpConnection, UnixSocket,
    UnixSocketType, UnixState,
};
use libprobe::power::{BatteryFamily, BatteryStatus, HwmonChip, PowerMetrics, RaplDomain, SensorChannel, SensorKind};
use libprobe::process::{FileType, ProcessFull, ProcessState};
use libprobe::{
    DomainName, DomainState, Domains, Field, NetworkOptions, Options, Probe, ProcessOptions, Reason, Snapshot, Source,
};

/// Every scenario under `tests/fixtures/`.
const SCENARIOS: [&str; 16] = [
    "linux-6.18-vm",
    "adversarial-names",
    "old-kernel-4.19",
    "cgroup-v2-container",
    "broken",
    "net-endpoints",
    "net-procfs-fallback",
    "gpu-all-vendors",
    "power-intel-laptop",
    "power-amd-server",
    "power-dual-battery",
    "storage-smart",
    "storage-volumes",
    "storage-zfs",
    "ebpf-trace",
    "ebpf-net",
];

fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/fixtures")
}

/// The domains a scenario holds, from its `domains` file (one line, as option `domains`
/// takes it: `process,network`); the default set when it has none. Every face's golden
/// test reads the same file.
fn scenario_domains(scenario: &str) -> Option<String> {
    let text = std::fs::read_to_string(fixtures().join(scenario).join("domains")).ok()?;
    Some(text.trim().to_owned())
}

fn options(source: Source, scenario: &str) -> Options {
    let domains = match scenario_domains(scenario) {
        Some(list) => Domains::parse(&list).unwrap_or_else(|e| panic!("{scenario}/domains: {e}")),
        None => Domains::default_set(),
    };
    let mut gpu = libprobe::GpuOptions::default();
    // A scenario's NVIDIA GPUs come from the fake NVML answering from `<scenario>/nvml.xml`
    // (the faces' golden tests decide the same way: by that file).
    let xml = fixtures().join(scenario).join("nvml.xml");
    if xml.is_file() {
        gpu.nvml_library = Some(fake_nvml::library(fake_nvml::Build::Current, &xml));
    }
    Options {
        gpu,
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
    assert_eq!(kthreadd.is_kernel_thread, Field::Value(true));
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
    assert_eq!(kthread.is_kernel_thread, Field::Value(true));
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
    for p in s.processes().iter().filter(|p| p.is_kernel_thread == Field::Value(false)) {
        // 4.19 has no `ns/time` file (not present), and prints no `Seccomp_filters` line nor
        // `Pss_Anon` (this kernel cannot give them).
        assert_eq!(p.ns_time.reason(), Some(Reason::NotPresent), "pid {}", p.pid);
        assert_eq!(p.seccomp_filters.reason(), Some(Reason::NotSupported), "pid {}", p.pid);
        assert_eq!(p.memory_pss_anon.reason(), Some(Reason::NotSupported), "pid {}", p.pid);
        assert!(p.memory_pss.is_value() && p.ns_net.is_value(), "pid {}", p.pid);
        let files = p.open_files.value().unwrap();
        assert!(files.iter().all(|f| f.mount_id.is_value() && f.inode.is_value()), "pid {}", p.pid);
    }
    let system = s.system.value().unwrap();
    assert!(system.pressure.cpu.reason() == Some(Reason::NotPresent));
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
    // `Uid:` with two ids: those two are kept, the two missing ones are errors.
    let p11 = process(&s, 11);
    assert_eq!((p11.uid_real, p11.uid_effective), (Field::Value(0), Field::Value(0)));
    assert_eq!((p11.uid_saved.reason(), p11.uid_filesystem.reason()), (Some(Reason::Error), Some(Reason::Error)));
    assert!(warned("/proc/11/status"));
    // Five rows of sixteen: five limits, eleven errors.
    let l12 = process(&s, 12).limits.value().unwrap();
    assert!(l12.max_core_size.is_value() && l12.max_resident_set.reason() == Some(Reason::Error));
    assert!(warned("/proc/12/limits"));
    // Invalid UTF-8, a negative count, four lines missing: rchar is kept.
    let p13 = process(&s, 13);
    assert_eq!((p13.io_read_chars, p13.io_write_chars.reason()), (Field::Value(85680), Some(Reason::Error)));
    assert_eq!(p13.io_read_syscalls.reason(), Some(Reason::Error));
    assert!(warned("/proc/13/io line 3: invalid field syscr \"-3\""), "{:?}", procs.warnings);
    let rest = process(&s, 14);
    for (reason, file) in [
        (rest.memory_pss.reason(), "/proc/14/smaps_rollup"),
        (rest.delay.cpu_timeslices.reason(), "/proc/14/schedstat"),
        (rest.oom_score.reason(), "/proc/14/oom_score"),
        (rest.ns_net.reason(), "/proc/14/ns/net"),
        (rest.cgroup_path.reason(), "cgroup"),
    ] {
        assert_eq!(reason, Some(Reason::Error), "{file}");
        assert!(warned(file), "{file}: {:?}", procs.warnings);
    }
    // What parsed beside them is kept: the schedstat times, the maps rows that parse (the
    // two broken rows are left out, with warnings).
    assert!(rest.delay.cpu_run_time_ns.is_value() && rest.delay.cpu_run_delay_ns.is_value());
    assert_eq!(rest.maps.value().map(Vec::len), Some(2));
    assert!(warned("/proc/14/maps line 3") && warned("/proc/14/maps line 4"));
    let fdinfo = &rest.open_files.value().unwrap()[1];
    assert_eq!((fdinfo.fd, fdinfo.flags.reason()), (1, Some(Reason::Error)));
    assert!(warned("/proc/14/fdinfo/1"));
    assert!(s.process(15).is_none() && warned("/proc/15/stat"));
    // A `VmRSS` past u64 (a line libprobe parses but reports no field from): a warning,
    // and every other line of that status kept.
    assert!(process(&s, 16).memory_rss_peak.is_value() && warned("/proc/16/status line 23"));
    // Sums of valid values past u64 are errors, never saturated.
    let huge = process(&s, 17);
    let e = Field::Missing(Reason::Error);
    assert_eq!((huge.memory_shared, huge.memory_data, huge.memory_uss, huge.memory_dirty), (e, e, e, e));
    assert_eq!(huge.cpu_user_ticks, Field::Value(u64::MAX));
    // What did parse is kept beside what did not.
    assert!(process(&s, 13).limits.is_value());
    assert!(process(&s, 11).io_read_bytes.is_value());
    assert!(rest.uid_real.is_value() && rest.io_read_bytes.is_value() && rest.limits.is_value());

    let system = status(&s, DomainName::System);
    assert_eq!(system.state, DomainState::Collected);
    let sys = s.system.value().unwrap();
    // `MemTotal: lots kB`: no Memory (every share is of MemTotal), and no line to keep.
    assert_eq!(sys.memory.reason(), Some(Reason::Error));
    assert_eq!(sys.meminfo.value().map(|m| m.len()), Some(0), "its three lines are all broken");
    assert!(
        system.warnings.iter().any(|w| w.contains("/proc/meminfo line 1: invalid field value \"lots\"")),
        "{:?}",
        system.warnings
    );
    // One zram counter cut short: the device is kept with the counters it printed.
    let zram = sys.disks.value().unwrap().iter().find(|d| d.name == "zram0").unwrap();
    assert!(zram.reads_completed.is_value() && zram.sectors_read.reason() == Some(Reason::Error));
    // `loadavg` with a word for a number: the other averages are kept.
    let load = sys.load.value().unwrap();
    assert!(load.load1.is_value() && load.load5.reason() == Some(Reason::Error));
    assert!(sys.pressure.cpu.is_value());
    // One CPU's broken line costs that CPU's times, not the machine's.
    assert_eq!(sys.cpus[1].times.reason(), Some(Reason::Error));
    assert!(sys.cpus[0].times.is_value() && sys.boot_time.get().is_some_and(|b| b > 0));
    // `avg60=x`: that average alone.
    let io = sys.pressure.io.value().unwrap();
    assert_eq!(
        (io.some.avg60.reason(), io.some.avg300, io.full.reason()),
        (Some(Reason::Error), Field::Value(0.13), Some(Reason::NotSupported))
    );

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
    // `snmp`'s Tcp table does not pair its names with its values: the table is kept
    // without them, and each counter read from it is an error.
    assert_eq!(net.snmp.value().map(|t| (t[0].name.as_str(), t[0].counters.len())), Some(("Tcp", 0)));
    assert_eq!(net.tcp_stats.active_opens.reason(), Some(Reason::Error));
    assert_eq!(net.udp_stats.reason(), Some(Reason::Error));
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
    assert_eq!((ul.state, ul.socket_type), (Field::Value(UnixState::Listening), Field::Value(UnixSocketType::Stream)));
    assert!(ul.path.as_bytes().ends_with(b"/lp.sock") && ul.vfs_inode.is_value());
    assert_eq!((ucli.peer_inode, usrv.peer_inode), (Field::Value(usrv.inode), Field::Value(ucli.inode)));
    let (da, db) = (by_fd(16), by_fd(17));
    assert_eq!(
        (da.path.as_bytes(), da.is_abstract, da.socket_type),
        (&b"lp-dgram-a"[..], true, Field::Value(UnixSocketType::Dgram))
    );
    assert_eq!((da.peer_inode, db.peer_inode), (Field::Value(db.inode), Field::Value(da.inode)));

    let raw = &n.raw()[0];
    assert_eq!((raw.protocol, owner_fd(&raw.owners), raw.cookie.reason()), (1, Some(18), Some(Reason::NotSupported)));
    let pid = s.processes()[0].pid;
    let nl = n.netlink().iter().find(|s| owner_fd(&s.owners) == Some(19)).unwrap();
    assert_eq!((nl.protocol_name.as_str(), nl.port_id, nl.groups, nl.pid), ("route", pid as u32, 1, Field::Value(pid)));
    let pk = &n.packet()[0];
    assert_eq!((pk.protocol, pk.running, owner_fd(&pk.owners)), (Field::Value(3), Field::Value(true), Some(20)));

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

#[test]
fn gpu_all_vendors() {
    use libprobe::gpu::{DrmClientsFrom, GpuProcessType, GpuVendor};
    let s = run("gpu-all-vendors");
    let st = status(&s, DomainName::Gpu);
    assert_eq!(st.state, DomainState::Collected);
    assert!(st.warnings.is_empty(), "{:?}", st.warnings);
    assert!(status(&s, DomainName::Process).warnings.is_empty(), "{:?}", status(&s, DomainName::Process).warnings);
    let gpus = s.gpus.value().unwrap();
    // NVIDIA (NVML) first, then the DRM cards in card order; the BMC's display is no GPU.
    let who: Vec<_> = gpus.iter().map(|g| (g.index, g.vendor, g.driver.as_str())).collect();
    assert_eq!(
        who,
        [
            (0, GpuVendor::Nvidia, "nvidia"),
            (1, GpuVendor::Amd, "amdgpu"),
            (2, GpuVendor::Amd, "amdgpu"),
            (3, GpuVendor::Intel, "i915"),
            (4, GpuVendor::Intel, "xe")
        ]
    );
    let (h100, rdna, mi300, arc, bmg) = (&gpus[0], &gpus[1], &gpus[2], &gpus[3], &gpus[4]);
    // NVML processes joined to the process domain's names; a pid of another namespace has none.
    let p: Vec<_> =
        h100.processes.value().unwrap().iter().map(|p| (p.pid, p.process_name.clone(), p.process_type)).collect();
    assert_eq!(p[0], (4242, Field::Value("python3".into()), GpuProcessType::Compute));
    assert_eq!(p[1], (4301, Field::Value("Xorg".into()), GpuProcessType::ComputeAndGraphics));
    assert_eq!(p[2], (99999, Field::Missing(Reason::NotPresent), GpuProcessType::Compute));
    // Every card's fields from sysfs, hwmon and gpu_metrics.
    assert_eq!(
        (rdna.utilization_gpu, rdna.temperature_gpu, rdna.temperature_slowdown),
        (Field::Value(37.0), Field::Value(45.0), Field::Value(100.0))
    );
    assert_eq!(
        (rdna.power_draw, rdna.fan_speed, rdna.clock_graphics, rdna.clock_max_graphics),
        (Field::Value(52.0), Field::Value(25), Field::Value(2155), Field::Value(2575))
    );
    assert_eq!((rdna.clock_video, rdna.power_from_energy), (Field::Value(1147), Field::Value(52.0)));
    assert_eq!(rdna.clock_event_reasons.value().unwrap().sw_power_cap, Field::Value(true));
    assert_eq!(
        (mi300.temperature_gpu, mi300.temperature_hotspot),
        (Field::Value(64.0), Field::Value(64.0)),
        "no edge sensor: junction"
    );
    assert_eq!((mi300.power_draw, mi300.power_from_energy), (Field::Value(524.0), Field::Value(512.0)));
    assert_eq!(mi300.name.value().map(String::as_str), Some("AMD Instinct MI300X OAM"));
    assert_eq!(
        (arc.power_draw, arc.clock_graphics, arc.clock_max_graphics),
        (Field::Value(150.0), Field::Value(2100), Field::Value(2400))
    );
    assert_eq!(arc.clock_event_reasons.value().unwrap().sw_power_cap, Field::Value(true));
    assert_eq!(
        (bmg.power_draw, bmg.temperature_memory, bmg.memory_total),
        (Field::Value(95.0), Field::Value(58.0), Field::Value(12 << 30))
    );
    assert_eq!(bmg.gt_clocks.value().unwrap().len(), 2);
    // DRM clients: from the process domain's descriptors, one per client id, matched by pdev.
    for g in &gpus[1..] {
        assert_eq!(g.drm_clients_from, Field::Value(DrmClientsFrom::ProcessFds));
    }
    let clients: Vec<_> =
        rdna.processes.value().unwrap().iter().map(|p| (p.pid, p.drm_client_id, p.shared_with.clone())).collect();
    assert_eq!(clients, [(4301, Some(3), vec![]), (4400, Some(7), vec![4401])]);
    let blender = &rdna.processes.value().unwrap()[1];
    let gfx = &blender.engines[0];
    assert_eq!((gfx.engine.as_str(), gfx.busy_percent), ("gfx", Field::Value(80.0)));
    assert_eq!(blender.used_memory, Field::Value(1 << 30), "VRAM only: gtt and cpu are system memory");
    let ffmpeg = &arc.processes.value().unwrap()[0];
    let video = ffmpeg.engines.iter().find(|e| e.engine == "video").unwrap();
    assert_eq!((video.capacity, video.busy_percent), (2, Field::Value(60.0)));
    let vkcube = &bmg.processes.value().unwrap()[0];
    assert_eq!(vkcube.engines[0].busy_percent, Field::Value(50.0));
    assert_eq!(mi300.processes.value().unwrap()[0].engines[1].busy_percent, Field::Value(90.0));
}

fn power(s: &Snapshot) -> &PowerMetrics {
    let st = status(s, DomainName::Power);
    assert_eq!(st.state, DomainState::Collected, "{st:?}");
    assert!(st.warnings.is_empty(), "{:?}", st.warnings);
    s.power.value().unwrap()
}

fn zone<'a>(p: &'a PowerMetrics, id: &str) -> &'a RaplDomain {
    p.domains.value().unwrap().iter().find(|z| z.zone == id).unwrap_or_else(|| panic!("zone {id}"))
}

fn chip<'a>(p: &'a PowerMetrics, name: &str) -> &'a HwmonChip {
    p.hwmon.value().unwrap().iter().find(|c| c.name.value().is_some_and(|n| n == name)).unwrap()
}

fn channel<'a>(c: &'a HwmonChip, name: &str) -> &'a SensorChannel {
    c.channels.iter().find(|ch| ch.name == name).unwrap_or_else(|| panic!("{name}"))
}

fn close(a: Field<f64>, b: f64) -> bool {
    a.get().is_some_and(|a| (a - b).abs() < 1e-9)
}

#[test]
fn power_intel_laptop() {
    let s = run("power-intel-laptop");
    let p = power(&s);
    assert!(p.rapl_available);
    let zones = p.domains.value().unwrap();
    let ids: Vec<&str> = zones.iter().map(|z| z.zone.as_str()).collect();
    assert_eq!(
        ids,
        ["intel-rapl:0", "intel-rapl:0:0", "intel-rapl:0:1", "intel-rapl:0:2", "intel-rapl:1", "intel-rapl-mmio:0"]
    );
    // The package counter wrapped between t0 and t1: 5 J to the wrap and 15 J after it, in 2 s.
    let pkg = zone(p, "intel-rapl:0");
    assert_eq!(pkg.name, Field::Value("package-0".into()));
    assert_eq!((pkg.energy_uj, pkg.max_energy_uj), (Field::Value(15_000_000), Field::Value(262_143_328_850)));
    assert!(close(pkg.power_watts, 10.0), "{:?}", pkg.power_watts);
    assert!(close(pkg.power_limit_watts, 28.0));
    assert_eq!(pkg.time_window_us, Field::Value(27_983_872));
    assert_eq!(pkg.enabled, Field::Value(true));
    assert_eq!(pkg.power_now_uw.reason(), Some(Reason::NotSupported), "RAPL gives no instantaneous power");
    let names: Vec<_> = pkg.constraints.iter().map(|c| c.name.value().unwrap().as_str()).collect();
    assert_eq!(names, ["long_term", "short_term", "peak_power"]);
    assert_eq!(pkg.constraints[2].power_limit_uw, Field::Value(107_000_000));
    assert_eq!(pkg.constraints[2].time_window_us.reason(), Some(Reason::NotSupported));
    for (id, name, watts) in [
        ("intel-rapl:0:0", "core", 4.0),
        ("intel-rapl:0:1", "uncore", 0.5),
        ("intel-rapl:0:2", "dram", 0.7),
        ("intel-rapl:1", "psys", 15.0),
        ("intel-rapl-mmio:0", "package-0", 10.0),
    ] {
        let z = zone(p, id);
        assert_eq!(z.name, Field::Value(name.into()), "{id}");
        assert!(close(z.power_watts, watts), "{id}: {:?}", z.power_watts);
    }
    assert_eq!(zone(p, "intel-rapl:0:1").parent.as_deref(), Some("intel-rapl:0"));
    assert_eq!(zone(p, "intel-rapl:1").parent, None);

    // Supplies: BAT0 in µWh, a mouse's battery, AC offline.
    assert_eq!(p.ac_online, Field::Value(false));
    let bat = p.battery.value().unwrap();
    assert_eq!(bat.name, "BAT0");
    assert_eq!(
        (bat.status, bat.family),
        (Field::Value(BatteryStatus::Discharging), Field::Value(BatteryFamily::Energy))
    );
    assert_eq!(bat.capacity_percent, Field::Value(69));
    assert_eq!(bat.time_to_empty_min, Field::Value(293), "36.236 Wh at 7.398 W");
    assert_eq!(bat.derived, ["time_to_empty_min"]);
    assert!(close(bat.health_percent, 91.0));
    assert_eq!(bat.serial_number, Field::Value("  123".into()), "kept as the kernel prints it");
    assert_eq!(bat.charge_end_threshold_percent, Field::Value(80));
    let batteries = p.batteries.value().unwrap();
    assert_eq!(batteries.len(), 2);
    assert_eq!(batteries[1].scope, Field::Value("Device".into()));
    assert_eq!(batteries[1].family.reason(), Some(Reason::NotSupported));

    // Sensors: 18 channels on 5 chips, in base units.
    let chips = p.hwmon.value().unwrap();
    assert_eq!(chips.iter().map(|c| c.channels.len()).sum::<usize>(), 18);
    let acpitz = chip(p, "acpitz");
    assert_eq!(acpitz.device.reason(), Some(Reason::NotPresent), "a thermal zone's chip has no device");
    assert!(close(channel(acpitz, "temp1").crit, 128.0));
    let core = chip(p, "coretemp");
    assert_eq!(core.device, Field::Value("coretemp.0".into()));
    let package = channel(core, "temp1");
    assert_eq!((package.label.value().map(String::as_str), package.unit.as_str()), (Some("Package id 0"), "celsius"));
    assert!(close(package.input, 57.0) && close(package.max, 100.0));
    assert_eq!(package.crit_alarm, Field::Value(false));
    assert_eq!(package.lcrit.reason(), Some(Reason::NotSupported));
    let nvme = chip(p, "nvme");
    assert!(close(channel(nvme, "temp1").min, -273.15));
    let fan = channel(chip(p, "thinkpad"), "fan1");
    assert_eq!((fan.kind, fan.unit.as_str()), (SensorKind::Fan, "RPM"));
    assert!(close(fan.input, 3100.0));
    assert!(close(channel(chip(p, "BAT0"), "in0").input, 11.965));

    // Thermal.
    let zones = p.thermal_zones.value().unwrap();
    assert_eq!(zones.len(), 4);
    assert!(close(zones[0].temperature_celsius, 53.0));
    assert_eq!(zones[3].trip_points.len(), 3);
    assert!(close(zones[3].trip_points[2].hysteresis_celsius, 2.0));
    assert_eq!(zones[0].trip_points[0].hysteresis_celsius.reason(), Some(Reason::NotSupported));
    let cooling = p.cooling_devices.value().unwrap();
    assert_eq!(cooling.len(), 5);
    assert_eq!(
        (cooling[4].max_state, cooling[4].device_type.value().map(String::as_str)),
        (Field::Value(63), Some("TCC Offset"))
    );

    // The estimate: 20 J of package energy shared by 60, 30 and 10 ticks.
    let e = p.process_energy.value().unwrap();
    assert_eq!((e.interval_ns, e.package_energy_uj, e.cpu_ticks), (2_000_000_000, 20_000_000, 100));
    let got: Vec<(i32, u64, u64)> = e.processes.iter().map(|p| (p.pid, p.cpu_ticks, p.energy_uj)).collect();
    assert_eq!(got, [(2345, 60, 12_000_000), (1234, 30, 6_000_000), (3456, 10, 2_000_000)]);
    assert!(close(Field::Value(e.processes[0].power_watts), 6.0));
}

#[test]
fn power_amd_server() {
    let s = run("power-amd-server");
    let p = power(&s);
    assert!(p.rapl_available);
    let zones = p.domains.value().unwrap();
    assert_eq!(zones.len(), 2);
    for z in zones {
        assert!(z.constraints.is_empty());
        assert_eq!(z.power_limit_watts.reason(), Some(Reason::NotSupported), "AMD packages have no limits");
        assert_eq!(z.power_watts.reason(), Some(Reason::NoPreviousSample), "one snapshot");
        assert_eq!(z.max_energy_uj, Field::Value(65_532_610_987));
    }
    assert_eq!(p.batteries.reason(), Some(Reason::NotPresent));
    assert_eq!(p.battery.reason(), Some(Reason::NotPresent));
    assert_eq!(p.ac_online.reason(), Some(Reason::NotPresent));
    assert_eq!(p.thermal_zones, Field::Value(vec![]));
    assert_eq!(p.cooling_devices.value().unwrap().len(), 4);
    assert_eq!(p.process_energy.reason(), Some(Reason::Disabled), "no process domain in this scenario");
    let chips = p.hwmon.value().unwrap();
    assert_eq!(chips.iter().map(|c| c.channels.len()).sum::<usize>(), 42);
    assert_eq!(chips[1].device, Field::Value("0000:00:19.3".into()), "the second socket's k10temp");
    let nct = chip(p, "nct6798");
    let kinds: Vec<SensorKind> = nct.channels.iter().map(|c| c.kind).collect();
    assert!(kinds.is_sorted(), "voltages, then fans, then temperatures, as sensors prints them");
    assert_eq!(kinds.iter().filter(|k| **k == SensorKind::Voltage).count(), 15);
    let in6 = channel(nct, "in6");
    assert!(close(in6.input, 0.512) && in6.alarm == Field::Value(true));
    assert!(close(channel(nct, "fan3").input, 0.0), "a fan not connected reads 0 RPM");
    let auxtin1 = channel(nct, "temp4");
    assert_eq!(auxtin1.label, Field::Value("AUXTIN1".into()));
    assert!(close(auxtin1.input, -62.0));
    assert!(close(channel(nct, "temp1").max_hyst, 75.0));
    assert_eq!(channel(chip(p, "k10temp"), "temp3").label, Field::Value("Tccd1".into()));
}

#[test]
fn power_dual_battery() {
    let s = run("power-dual-battery");
    let p = power(&s);
    assert!(!p.rapl_available);
    assert_eq!(p.domains.reason(), Some(Reason::NotPresent));
    assert_eq!(p.hwmon.reason(), Some(Reason::NotPresent));
    assert_eq!(p.process_energy.reason(), Some(Reason::Disabled));
    assert_eq!(p.ac_online, Field::Value(false), "the mains supply is named ADP1");
    let b = p.batteries.value().unwrap();
    assert_eq!(b.len(), 2);
    let (b0, b1) = (&b[0], &b[1]);
    assert_eq!(p.battery.value().unwrap().name, "BAT0");
    assert_eq!(b0.family, Field::Value(BatteryFamily::Charge));
    assert_eq!(b0.energy_now_uwh.reason(), Some(Reason::NotSupported));
    assert_eq!(b0.current_now_ua, Field::Value(-1_450_000), "negative while discharging, as the ABI says");
    // No `capacity`: 2.6 of 3.96 Ah. No `time_to_empty_now`: 2.6 Ah at 1.45 A.
    assert_eq!(b0.capacity_percent, Field::Value(66));
    assert_eq!(b0.time_to_empty_min, Field::Value(107));
    assert_eq!(b0.derived, ["capacity_percent", "time_to_empty_min"]);
    assert!(close(b0.health_percent, 90.0));
    assert!(close(b0.power_watts, 1.45 * 11.65));
    // BAT1 has no uevent: read file by file, with the same result.
    assert_eq!(b1.status, Field::Value(BatteryStatus::NotCharging));
    assert_eq!((b1.capacity_percent, b1.time_to_empty_min.reason()), (Field::Value(100), Some(Reason::NotPresent)));
    assert!(close(b1.temperature_celsius, 29.1));
    assert_eq!(b1.health, Field::Value("Good".into()));
    assert_eq!(b1.serial_number, Field::Value(" 1177".into()));
    let others = p.supplies.value().unwrap();
    let usb = others.iter().find(|s| s.supply_type == Field::Value("USB".into())).unwrap();
    assert_eq!(usb.usb_type, Field::Value("C [PD] PD_PPS".into()));
    assert_eq!((usb.online, usb.current_max_ua), (Field::Value(false), Field::Value(3_000_000)));
}

/// Recorded eBPF maps around known work (see its FIXTURE.md): python3 calling getppid
/// 20 000 times, `sleep 0.3`, dd writing and reading 16 × 64 KiB with O_DIRECT on loop0;
/// python3 touching 2 000 anonymous pages and 64 evicted file pages, and python3 making
/// 200 mmap() calls, python3 opening /etc/hostname 20 times and a missing path once (the
/// `faults`, `mmap` and `opens` tracers, each recorded in its own run); python3 making 100
/// pwrites and 100 preads (`filelat`, its own run too).
#[test]
fn ebpf_trace() {
    use libprobe::ebpf::{BlockOperation, HookType, TracerState};
    let s = run("ebpf-trace");
    let st = status(&s, DomainName::Ebpf);
    assert_eq!(st.state, DomainState::Collected);
    assert!(st.warnings.is_empty(), "{:?}", st.warnings);
    let e = s.ebpf.value().unwrap();
    // The tracers it recorded; the others (added later) are `not_present` in this tree.
    let recorded: Vec<_> = e.tracers.iter().filter(|t| t.reason != Some(Reason::NotPresent)).collect();
    assert_eq!(recorded.len(), 8);
    assert!(recorded.iter().all(|t| t.state == TracerState::Attached && t.hook == Some(HookType::TpBtf)));
    assert!(recorded.iter().all(|t| t.dropped == Field::Value(0)));
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
    let faults = e.page_faults.value().unwrap();
    let toucher = faults.iter().find(|f| f.major > 0).unwrap();
    assert_eq!((toucher.name.as_bytes(), toucher.major), (&b"python3"[..], 64), "{faults:?}");
    assert!(toucher.minor >= 2000, "{toucher:?}");
    assert!(faults.windows(2).all(|w| w[0].minor + w[0].major >= w[1].minor + w[1].major));
    let mmaps = e.mmap_count.value().unwrap();
    assert!(mmaps.windows(2).all(|w| w[0].count >= w[1].count));
    assert!(mmaps[0].count >= 200 && mmaps[0].name == "python3", "{mmaps:?}");
    let opens = e.file_opens.value().unwrap();
    assert_eq!((opens.len(), e.file_opens_dropped.get()), (21, Some(0)));
    assert!(opens[..20].iter().all(|o| o.path == "/etc/hostname" && o.result >= 0 && o.flags == 0o2_000_000));
    assert_eq!((opens[20].path.as_bytes(), opens[20].result), (&b"/nonexistent/libprobe-fixture"[..], -2));
    assert!(opens.windows(2).all(|w| w[0].monotonic_ns <= w[1].monotonic_ns));
    for h in [e.file_read_latency.value().unwrap(), e.file_write_latency.value().unwrap()] {
        assert!(h.count >= 100 && h.min_ns <= h.p50_ns && h.p50_ns <= h.p99_ns && h.p99_ns <= h.max_ns, "{h:?}");
    }
    assert!(e.since_attach.attached_ns >= e.interval_ns.get().unwrap());
}

/// Recorded `netbytes` and `tcpconnlat` maps around known traffic (see its FIXTURE.md): one
/// python3 sending 100 003 bytes over TCP on 127.0.0.1 and 77 777 on ::1 to itself, another
/// 10 UDP datagrams of 1 000 bytes on 127.0.0.1 and 10 of 1 234 on ::1 to itself, a third
/// connecting 5 times to port 47001 on 127.0.0.1.
#[test]
fn ebpf_net() {
    use libprobe::ebpf::{HookType, TracerName, TracerState};
    let s = run("ebpf-net");
    let st = status(&s, DomainName::Ebpf);
    assert_eq!(st.state, DomainState::Collected);
    let e = s.ebpf.value().unwrap();
    let ours = [TracerName::Netbytes, TracerName::Tcpconnlat, TracerName::Tcpretrans, TracerName::Drops];
    for t in e.tracers.iter().filter(|t| ours.contains(&t.tracer)) {
        assert_eq!((t.state, t.hook, t.dropped), (TracerState::Attached, Some(HookType::TpBtf), Field::Value(0)));
    }
    // Only those two were recorded: the others are `not_present`, their fields too.
    assert!(e.tracers.iter().filter(|t| !ours.contains(&t.tracer)).all(|t| t.reason == Some(Reason::NotPresent)));
    assert_eq!(e.syscall_counts, Field::Missing(Reason::NotPresent));
    let rows = e.network_by_process.value().unwrap();
    assert_eq!(rows.len(), 2);
    let tcp = 100_003 + 77_777;
    let udp = 10 * (1_000 + 1_234);
    // Most bytes first: the TCP process.
    assert_eq!((rows[0].tcp_sent_bytes, rows[0].tcp_received_bytes, rows[0].udp_sent_bytes), (tcp, tcp, 0));
    assert_eq!((rows[1].udp_sent_bytes, rows[1].udp_received_bytes, rows[1].tcp_sent_bytes), (udp, udp, 0));
    assert_eq!((rows[1].udp_sends, rows[1].udp_receives), (20, 20));
    assert!(rows.iter().all(|r| r.name == "python3" && r.cgroup_id == Some(1)));
    let cg = e.network_by_cgroup.value().unwrap();
    assert_eq!(cg.len(), 1);
    assert_eq!((cg[0].cgroup_id, cg[0].processes, cg[0].tcp_sent_bytes, cg[0].udp_received_bytes), (1, 2, tcp, udp));
    let ports = e.tcp_connect_latency_by_port.value().unwrap();
    assert_eq!(ports.len(), 1);
    let h = &ports[0].latency;
    assert_eq!((ports[0].port, h.count), (47001, 5));
    assert!(h.min_ns <= h.p50_ns && h.p50_ns <= h.p99_ns && h.p99_ns <= h.max_ns && h.max_ns < Some(10_000_000));
    // Every connect of the machine: ours and others'.
    let all = e.tcp_connect_latency.value().unwrap();
    assert!(all.count >= 5 && all.max_ns >= h.max_ns, "{all:?}");

    // tcpretrans and drops (capture_ebpf_net_drops.py): one client in namespace A whose
    // IPv4 and IPv6 connections to B were each retransmitted 4 times.
    use libprobe::network::AddressFamily;
    let rt = e.tcp_retransmits.value().unwrap();
    assert_eq!(rt.len(), 2);
    for (r, family, src, dst) in [
        (&rt[0], AddressFamily::Ipv4, "10.201.7.1", "10.201.7.2"),
        (&rt[1], AddressFamily::Ipv6, "fd00:201:7::1", "fd00:201:7::2"),
    ] {
        assert_eq!((r.family, r.source_addr.as_str(), r.destination_addr.as_str()), (family, src, dst));
        assert_eq!((r.destination_port, r.pid, r.retransmits), (5001, Some(7357), 4));
        assert_eq!(r.name.as_ref().unwrap(), "python3");
    }
    // B's veth: 5 datagrams to a closed port; then, its addresses removed, 3 datagrams,
    // the IPv4 segment and its 4 retransmissions and the reset (9); the IPv6 ones.
    let drops = e.packet_drops.value().unwrap();
    let count = |reason: &str| drops.iter().find(|d| d.reason == Field::Value(reason.into())).map(|d| d.drops);
    assert_eq!((count("NO_SOCKET"), count("IP_INADDRERRORS")), (Some(5), Some(3 + 1 + 4 + 1)));
    assert!(count("IP_INNOROUTES") >= Some(1 + 4 + 1));
    assert!(drops.iter().all(|d| d.interface == "lpfvb7293" && d.interface_index == 2 && d.netns == Some(4026532247)));
    assert!(drops.windows(2).all(|w| w[0].drops >= w[1].drops));
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

fn storage(s: &Snapshot) -> &libprobe::storage::Storage {
    let st = status(s, DomainName::Storage);
    assert_eq!(st.state, DomainState::Collected, "{st:?}");
    s.storage.value().unwrap()
}

#[test]
fn storage_smart() {
    use libprobe::storage::{PowerMode, SmartStatus, StorageProtocol};
    let s = run("storage-smart");
    let w = &status(&s, DomainName::Storage).warnings;
    assert!(w.is_empty(), "{w:?}");
    let st = storage(&s);
    let smart = st.smart.value().unwrap();
    let disk = |n: &str| smart.iter().find(|d| d.device == n).unwrap_or_else(|| panic!("{n}"));
    let names: Vec<&str> = smart.iter().map(|d| d.device.as_str()).collect();
    assert_eq!(names, ["nvme0", "nvme1", "sda", "sdb", "sdc", "sdd", "sde"]);
    for section in [st.zfs_pools.reason(), st.btrfs.reason(), st.lvm.reason()] {
        assert_eq!(section, Some(Reason::NotPresent));
    }

    // An HDD (libatasmart's WD5000AAKS blob): every attribute, thresholds joined by id.
    let hdd = disk("sda");
    assert_eq!(
        (hdd.protocol, hdd.model.value().map(String::as_str)),
        (StorageProtocol::Sata, Some("WDC WD5000AAKS-00TMA0"))
    );
    assert_eq!(
        (hdd.capacity_bytes, hdd.smart_status),
        (Field::Value(500_107_862_016), Field::Value(SmartStatus::Passed))
    );
    assert_eq!(hdd.attributes.len(), 17);
    let a5 = hdd.attributes.iter().find(|a| a.id == 5).unwrap();
    assert_eq!((a5.value, a5.worst, a5.threshold, a5.raw_value), (192, 192, Field::Value(140), 63));
    assert_eq!((hdd.reallocated_sector_count, hdd.pending_sector_count), (Field::Value(63), Field::Value(529)));
    assert_eq!((hdd.temperature_celsius, hdd.power_on_hours), (Field::Value(40), Field::Value(14992)));
    assert_eq!(hdd.rotation_rate.reason(), Some(Reason::NotSupported), "an ATA-7 drive: no word 217");
    assert_eq!(hdd.wear_leveling_count.reason(), Some(Reason::NotSupported));
    assert_eq!(hdd.power_mode, Field::Value(PowerMode::Active));
    // An SSD: rotation rate 0, the wear indicator.
    let ssd = disk("sdb");
    assert_eq!((ssd.rotation_rate, ssd.wear_leveling_count), (Field::Value(0), Field::Value(100)));
    // Packed raw values: attribute 9 keeps its low 32 bits, 194 its low byte.
    let sdc = disk("sdc");
    assert_eq!((sdc.power_on_hours, sdc.temperature_celsius), (Field::Value(556), Field::Value(38)));
    assert_eq!(sdc.power_mode, Field::Value(PowerMode::Idle));
    // A disk in standby is sent nothing after CHECK POWER MODE.
    let asleep = disk("sdd");
    assert_eq!(asleep.power_mode, Field::Value(PowerMode::Standby));
    assert_eq!(
        (asleep.smart_status.reason(), asleep.temperature_celsius.reason()),
        (Some(Reason::Standby), Some(Reason::Standby))
    );
    assert!(asleep.attributes.is_empty());
    assert_eq!(asleep.model.value().map(String::as_str), Some("SAMSUNG HD501LJ"), "sysfs still answers");
    // SAS: the log pages.
    let sas = disk("sde");
    assert_eq!(
        (sas.protocol, sas.temperature_celsius, sas.temperature_warning_celsius),
        (StorageProtocol::Sas, Field::Value(27), Field::Value(68))
    );
    assert_eq!((sas.power_cycle_count, sas.smart_status), (Field::Value(171), Field::Value(SmartStatus::Passed)));
    assert_eq!((sas.rotation_rate, sas.capacity_bytes), (Field::Value(7200), Field::Value(4_000_787_030_016)));
    // NVMe, read as root: the SMART / Health log in full.
    let nvme = disk("nvme0");
    assert_eq!(
        (nvme.temperature_celsius, nvme.nvme_spare_percent, nvme.power_on_hours),
        (Field::Value(44), Field::Value(100), Field::Value(145))
    );
    assert_eq!((nvme.nvme_unsafe_shutdowns, nvme.nvme_error_log_entries), (Field::Value(79), Field::Value(499)));
    assert_eq!(nvme.nvme_data_written_bytes, Field::Value(17_586_666 * 512_000));
    assert_eq!(
        (nvme.temperature_warning_celsius, nvme.capacity_bytes),
        (Field::Value(81), Field::Value(1_024_209_543_168))
    );
    // NVMe without root: SMART is permission_denied, sysfs (and its hwmon sensor) answers.
    let user = disk("nvme1");
    assert_eq!(
        (user.smart_status.reason(), user.power_on_hours.reason()),
        (Some(Reason::PermissionDenied), Some(Reason::PermissionDenied))
    );
    assert_eq!((user.temperature_celsius, user.capacity_bytes), (Field::Value(42), Field::Value(2_000_398_934_016)));
    assert_eq!(user.model.value().map(String::as_str), Some("KINGSTON SNV2S2000G"));
}

#[test]
fn storage_volumes() {
    let s = run("storage-volumes");
    let w = &status(&s, DomainName::Storage).warnings;
    assert!(w.is_empty(), "{w:?}");
    let st = storage(&s);
    assert_eq!(st.smart.reason(), Some(Reason::NotPresent), "loop devices speak no SMART");
    // Btrfs, as `btrfs filesystem usage -b` and `btrfs device stats` showed it at capture.
    let fs = &st.btrfs.value().unwrap()[0];
    assert_eq!(fs.label.as_deref(), Some("lp"));
    assert_eq!(
        (fs.total_bytes, fs.used_bytes, fs.allocated_bytes),
        (Field::Value(629_145_600), 21_331_968, 218_103_808)
    );
    assert_eq!((fs.unallocated_bytes, fs.free_estimated_bytes), (Field::Value(411_041_792), Field::Value(524_288_000)));
    assert_eq!((fs.data_ratio, fs.metadata_ratio), (Field::Value(1.0), Field::Value(2.0)));
    assert_eq!((fs.global_reserve_bytes, fs.global_reserve_used_bytes), (Field::Value(5_767_168), Field::Value(0)));
    assert!(fs.generation.is_value() && fs.mount_point.is_value());
    assert_eq!(fs.devices.len(), 2);
    for d in &fs.devices {
        assert_eq!((d.size_bytes, d.unallocated_bytes), (Field::Value(314_572_800), Field::Value(205_520_896)));
        assert_eq!(
            (d.write_errors, d.corruption_errors, d.generation_errors),
            (Field::Value(0), Field::Value(0), Field::Value(0))
        );
    }
    let data = fs.allocations.iter().find(|a| a.kind == "data").unwrap();
    assert_eq!(
        (data.profiles.as_slice(), data.total_bytes, data.used_bytes),
        (&["raid0".to_owned()][..], 134_217_728, 20_971_520)
    );
    // LVM, as `vgs`/`lvs`/`pvs --reportformat json --units b` showed it at capture.
    let lvm = st.lvm.value().unwrap();
    let vg = &lvm.volume_groups[0];
    assert_eq!((vg.name.as_str(), vg.uuid.as_str()), ("vg0", "rKiGK3-1u2M-CfAR-k3wI-M6yA-rMsf-Dr9bG0"));
    assert_eq!((vg.size_bytes, vg.free_bytes, vg.extent_size), (132_120_576, 94_371_840, 1_048_576));
    assert_eq!((vg.extent_count, vg.free_extent_count, vg.pv_count, vg.lv_count, vg.seqno), (126, 90, 2, 4, 6));
    let lv = |n: &str| vg.logical_volumes.iter().find(|l| l.name == n).unwrap();
    assert_eq!((lv("lin").segment_types.as_slice(), lv("lin").size_bytes), (&["linear".to_owned()][..], 8_388_608));
    assert_eq!((lv("stripe").stripes, lv("stripe").stripe_size_bytes), (Field::Value(2), Field::Value(65_536)));
    assert_eq!(lv("stripe").devices, ["/dev/loop4", "/dev/loop5"]);
    assert_eq!((lv("pool").segment_types[0].as_str(), lv("pool").visible), ("thin-pool", true));
    assert_eq!((lv("pool_tdata").visible, lv("thin1").pool_lv.as_deref()), (false, Some("pool")));
    assert_eq!(lv("thin1").size_bytes, 33_554_432);
    // The one active volume (its dm entry added to the capture by hand, see FIXTURE.md).
    let dm = lv("lin").device_mapper.value().unwrap();
    assert_eq!((dm.device.as_str(), dm.name.as_str()), ("dm-0", "vg0-lin"));
    assert_eq!(lv("stripe").device_mapper.reason(), Some(Reason::NotPresent));
    let pv4 = vg.physical_volumes.iter().find(|p| p.name == Field::Value("/dev/loop4".into())).unwrap();
    assert_eq!(
        (pv4.size_bytes, pv4.free_bytes, pv4.allocated_extent_count),
        (Field::Value(66_060_288), 32_505_856, 32)
    );
    assert_eq!((pv4.device_size_bytes, pv4.pe_start_bytes), (Field::Value(67_108_864), Field::Value(1_048_576)));
    assert_eq!(lvm.orphan_physical_volumes.len(), 1);
    assert_eq!(lvm.orphan_physical_volumes[0].uuid, "tuABC4-fJGN-phQv-N3Dd-GiXY-cNW6-eeUe1S");
}

#[test]
fn storage_zfs() {
    use libprobe::storage::ZfsHealth;
    let s = run("storage-zfs");
    let w = &status(&s, DomainName::Storage).warnings;
    assert!(w.is_empty(), "{w:?}");
    let st = storage(&s);
    let pools = st.zfs_pools.value().unwrap();
    assert_eq!(pools.iter().map(|p| p.name.as_str()).collect::<Vec<_>>(), ["pool1", "pool2"]);
    let p = &pools[0];
    assert_eq!((p.health, p.guid), (Field::Value(ZfsHealth::Online), Field::Value(0x1c3f_6a0b_2d4e_5f60)));
    assert_eq!(
        (p.size_bytes, p.allocated_bytes, p.free_bytes),
        (Field::Value(10 << 30), Field::Value(3 << 30), Field::Value(7 << 30))
    );
    assert_eq!((p.capacity_percent, p.fragmentation_percent), (Field::Value(30.0), Field::Value(7.0)));
    assert_eq!((p.dedup_ratio, p.compression_ratio), (Field::Value(1.0), Field::Value(1.53)));
    assert_eq!((p.read_ops, p.write_ops, p.read_bytes), (Field::Value(22), Field::Value(132), Field::Value(1_884_160)));
    assert_eq!(p.read_bandwidth.reason(), Some(Reason::NoPreviousSample));
    let names: Vec<&str> = p.vdevs.iter().map(|v| v.name.as_str()).collect();
    assert_eq!(names, ["pool1", "mirror-0", "ata-DISK_A-part1", "ata-DISK_B-part1"]);
    assert_eq!((p.vdevs[3].depth, p.vdevs[3].checksum_errors), (2, Field::Value(2)));
    let ds: Vec<(&str, Field<u64>)> = p.datasets.iter().map(|d| (d.name.as_str(), d.written_bytes)).collect();
    assert_eq!(ds, [("pool1", Field::Value(0)), ("pool1/dataset1", Field::Value(12302))]);
    // A suspended pool with no configuration answer: its state still says so.
    let p2 = &pools[1];
    assert_eq!((p2.health, p2.size_bytes.reason()), (Field::Value(ZfsHealth::Suspended), Some(Reason::NotSupported)));
    let arc = st.zfs_arc.value().unwrap();
    assert!(arc.size_bytes.is_value() && arc.hits.is_value() && arc.max_bytes.is_value());
}
