//! Live tests of the process domain: children with known properties, checked field by
//! field against what was set up and against the kernel's own files.
//!
//! Each test starts its own children (killed and reaped by drop guards), snapshots only
//! those pids, and checks every field of [`ProcessFull`] and of the records it holds. The
//! big tests destructure the records without `..`, so a field added to a record does not
//! compile here until it is checked.
//!
//! Values we chose (arguments, environment, limits, nice, affinity, descriptors, ids,
//! signals, mappings) are compared exactly. Values only the kernel knows (counters, memory,
//! inodes) are compared with the kernel's files read by the small parsers at the end of
//! this file, before and after the snapshot: a counter must lie between the two reads.
//!
//! Needs root (it sets ids, limits, namespaces and cgroups); as another user every test
//! prints `SKIPPED` and passes.

#![cfg(linux_kernel)]

use std::collections::HashMap;
use std::ffi::{CString, OsString};
use std::fs;
use std::io::Read;
use std::os::fd::{AsRawFd, FromRawFd, OwnedFd, RawFd};
use std::os::unix::ffi::{OsStrExt, OsStringExt};
use std::os::unix::fs::{MetadataExt, PermissionsExt};
use std::os::unix::process::CommandExt;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use libprobe::process::{
    CgroupLimits, DelayAccounting, FileType, Limit, MemoryMap, OpenFile, OpenSocket, ProcessFull, ProcessLimits,
    ProcessState, SocketType,
};
use libprobe::{ByteStr, DomainName, Domains, Field, Options, Probe, ProcessOptions, Reason, Snapshot};

// ---------------------------------------------------------------------------------------
// The tests
// ---------------------------------------------------------------------------------------

/// The descriptors the rich child holds, at these numbers.
const FD_FILE: i32 = 100;
const FD_DELETED: i32 = 101;
const FD_PIPE_R: i32 = 102;
const FD_PIPE_W: i32 = 103;
const FD_EVENTFD: i32 = 104;
const FD_DIR: i32 = 105;
const FD_TCP: i32 = 106;
const FD_UDP: i32 = 107;
const FD_UNIX_A: i32 = 108;
const FD_UNIX_B: i32 = 109;
const FD_NETLINK: i32 = 110;

/// The sixteen limits the rich child asks for: (resource, soft, hard). Without
/// CAP_SYS_RESOURCE a hard limit cannot be raised, so [`chosen_limits`] lowers them to ours.
const INF: u64 = u64::MAX;
const WANTED_LIMITS: [(u32, u64, u64); 16] = [
    (libc::RLIMIT_CPU, 3600, 7200),
    (libc::RLIMIT_FSIZE, 1 << 30, 2 << 30),
    (libc::RLIMIT_DATA, 1 << 31, 1 << 32),
    (libc::RLIMIT_STACK, 16 << 20, 32 << 20),
    (libc::RLIMIT_CORE, 0, 1 << 20),
    (libc::RLIMIT_RSS, 123_456_789, INF),
    (libc::RLIMIT_NPROC, 4321, 4322),
    (libc::RLIMIT_NOFILE, 1000, 2000),
    (libc::RLIMIT_MEMLOCK, 64 << 10, 128 << 10),
    (libc::RLIMIT_AS, 8 << 30, 16 << 30),
    (libc::RLIMIT_LOCKS, 77, 88),
    (libc::RLIMIT_SIGPENDING, 999, 1000),
    (libc::RLIMIT_MSGQUEUE, 409_600, 819_200),
    (libc::RLIMIT_NICE, 10, 11),
    (libc::RLIMIT_RTPRIO, 5, 6),
    (libc::RLIMIT_RTTIME, 1_000_000, 2_000_000),
];

/// [`WANTED_LIMITS`], with each hard limit at most ours and each soft at most its hard.
fn chosen_limits() -> [(u32, u64, u64); 16] {
    WANTED_LIMITS.map(|(res, soft, hard)| {
        let mut cur = libc::rlimit { rlim_cur: 0, rlim_max: 0 };
        // SAFETY: getrlimit fills the struct.
        assert_eq!(unsafe { libc::getrlimit(res, &mut cur) }, 0);
        let hard = hard.min(cur.rlim_max);
        (res, soft.min(hard), hard)
    })
}

/// One child with every property we can choose, checked field by field: `sh -c 'read _'`
/// blocked on a pipe, with odd arguments, a chosen environment, cwd, limits, nice,
/// affinity, session, capabilities bounding set, no_new_privs, a seccomp filter, an
/// oom_score_adj, and eleven descriptors of every kind.
#[test]
fn every_field_of_a_known_process() {
    if !root("every_field_of_a_known_process") {
        return;
    }
    let dir = TempDir::new("rich");
    let data_path = dir.path().join("data.txt");
    fs::write(&data_path, b"0123456789").unwrap();
    let doomed_path = dir.path().join("doomed.txt");
    fs::write(&doomed_path, b"soon gone").unwrap();

    // Every descriptor is opened close-on-exec here, so a child another test spawns
    // meanwhile does not inherit it; `pre_exec` dup2()s each to its fixed number.
    let file = open(&data_path, libc::O_RDWR | libc::O_APPEND);
    // SAFETY: lseek on a descriptor we own.
    assert_eq!(unsafe { libc::lseek(file.as_raw_fd(), 5, libc::SEEK_SET) }, 5);
    let deleted = open(&doomed_path, libc::O_RDONLY);
    fs::remove_file(&doomed_path).unwrap();
    let (pipe_r, pipe_w) = pipe();
    // SAFETY: plain syscall; the result is checked and owned below.
    let eventfd = owned(unsafe { libc::eventfd(0, libc::EFD_CLOEXEC) });
    let dirfd = open(dir.path(), libc::O_RDONLY | libc::O_DIRECTORY);
    let tcp = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let udp = std::net::UdpSocket::bind("127.0.0.1:0").unwrap();
    let (ua, ub) = std::os::unix::net::UnixStream::pair().unwrap();
    // SAFETY: plain syscall; the result is checked and owned below.
    let netlink = owned(unsafe { libc::socket(libc::AF_NETLINK, libc::SOCK_RAW | libc::SOCK_CLOEXEC, 0) });
    let fds: [(RawFd, i32); 11] = [
        (file.as_raw_fd(), FD_FILE),
        (deleted.as_raw_fd(), FD_DELETED),
        (pipe_r.as_raw_fd(), FD_PIPE_R),
        (pipe_w.as_raw_fd(), FD_PIPE_W),
        (eventfd.as_raw_fd(), FD_EVENTFD),
        (dirfd.as_raw_fd(), FD_DIR),
        (tcp.as_raw_fd(), FD_TCP),
        (udp.as_raw_fd(), FD_UDP),
        (ua.as_raw_fd(), FD_UNIX_A),
        (ub.as_raw_fd(), FD_UNIX_B),
        (netlink.as_raw_fd(), FD_NETLINK),
    ];

    let args: Vec<OsString> = vec![
        "-c".into(),
        "read _".into(),
        "".into(),
        "two words".into(),
        OsString::from_vec(b"bytes-\xff\xfe".to_vec()),
        "tab\there\nnewline".into(),
        "".into(),
    ];
    let env: Vec<(OsString, OsString)> = vec![
        ("LP_PLAIN".into(), "value".into()),
        ("LP_SPACE".into(), "a b  c".into()),
        ("LP_EMPTY".into(), "".into()),
        ("LP_EQUALS".into(), "x=y".into()),
        ("LP_BYTES".into(), OsString::from_vec(b"\xff\xfe=".to_vec())),
    ];
    let mut cmd = Command::new("/bin/sh");
    cmd.arg0("lp sh").args(&args).env_clear().envs(env.iter().cloned()).current_dir(dir.path());
    cmd.stdin(Stdio::piped()).stdout(Stdio::null()).stderr(Stdio::null());
    let limits = chosen_limits();
    let filter =
        [libc::sock_filter { code: 0x06 /* BPF_RET | BPF_K */, jt: 0, jf: 0, k: libc::SECCOMP_RET_ALLOW }];
    let setup = move || -> std::io::Result<()> {
        move_fds(&fds)?;
        // SAFETY: plain syscalls on local values; each result is checked.
        unsafe {
            check(libc::setsid())?;
            check(libc::setpriority(libc::PRIO_PROCESS, 0, 7))?;
            let mut set: libc::cpu_set_t = std::mem::zeroed();
            libc::CPU_SET(0, &mut set);
            check(libc::sched_setaffinity(0, std::mem::size_of::<libc::cpu_set_t>(), &set))?;
            for (res, soft, hard) in limits {
                let lim = libc::rlimit { rlim_cur: soft, rlim_max: hard };
                check(libc::setrlimit(res, &lim))?;
            }
            check(libc::prctl(libc::PR_CAPBSET_DROP, CAP_SYS_BOOT as libc::c_ulong, 0, 0, 0))?;
            check(libc::prctl(libc::PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0))?;
            let prog = libc::sock_fprog { len: 1, filter: filter.as_ptr().cast_mut() };
            check(libc::prctl(libc::PR_SET_SECCOMP, libc::SECCOMP_MODE_FILTER, &prog as *const _, 0, 0))?;
        }
        Ok(())
    };
    // SAFETY: `setup` runs between fork and exec and makes only async-signal-safe syscalls
    // on data prepared before the fork.
    unsafe { cmd.pre_exec(setup) };
    let started = Instant::now();
    let kid = Kid::spawn(&mut cmd);
    let pid = kid.pid();
    drop((file, deleted, pipe_r, eventfd, dirfd, netlink));
    wait_sleeping(pid);
    fs::write(format!("/proc/{pid}/oom_score_adj"), "500").unwrap();

    let before = Oracle::read(pid);
    let mut probe = probe(&[pid], full_options());
    let snap = snapshot(&mut probe);
    let after = Oracle::read(pid);
    let p = snap.process(pid).expect("the child is in the snapshot").clone();
    let me = Oracle::read(std::process::id() as i32);
    let dir_path = dir.path().to_path_buf();

    let ProcessFull {
        pid: got_pid,
        ppid,
        pgid,
        sid,
        tgid,
        ns_pids,
        name,
        exe,
        exe_deleted,
        cmdline,
        cwd,
        root: root_dir,
        uid_real,
        uid_effective,
        uid_saved,
        uid_filesystem,
        gid_real,
        gid_effective,
        gid_saved,
        gid_filesystem,
        groups,
        state,
        state_char,
        nice,
        priority,
        num_threads,
        start_time,
        start_time_unix,
        flags,
        is_kernel_thread,
        tty_nr,
        cpu_user_ticks,
        cpu_system_ticks,
        cpu_children_user,
        cpu_children_system,
        cpu_percent,
        cpu_affinity,
        last_cpu,
        memory_rss,
        memory_vms,
        memory_shared,
        memory_text,
        memory_data,
        memory_lib,
        memory_dirty,
        memory_swap,
        memory_pss,
        memory_uss,
        memory_pss_anon,
        memory_pss_file,
        memory_pss_shmem,
        memory_rss_peak,
        memory_locked,
        memory_page_tables,
        memory_percent,
        page_faults_minor,
        page_faults_major,
        page_faults_children_minor,
        page_faults_children_major,
        io_read_bytes,
        io_write_bytes,
        io_read_chars,
        io_write_chars,
        io_read_syscalls,
        io_write_syscalls,
        io_cancelled_write,
        num_fds,
        open_files,
        open_sockets,
        maps,
        voluntary_ctx_switches,
        nonvoluntary_ctx_switches,
        limits: got_limits,
        seccomp_mode,
        seccomp_filters,
        capabilities_effective,
        capabilities_permitted,
        capabilities_inheritable,
        capabilities_bounding,
        capabilities_ambient,
        no_new_privs,
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
        sched_policy,
        sched_priority,
        cpu_time_limit,
        delay,
        signals_pending,
        signals_blocked,
        signals_ignored,
        signals_caught,
        stat_from,
    } = p;
    // Option `via` is `auto`: /proc for a first snapshot (and for a table this small).
    assert_eq!(stat_from, libprobe::process::StatFrom::ProcStat);
    // Every value of this live process's `stat` parses: each is a value.
    let (ppid, pgid, sid, nice, priority) = (v(&ppid), v(&pgid), v(&sid), v(&nice), v(&priority));
    let (num_threads, flags, is_kernel_thread, tty_nr) = (v(&num_threads), v(&flags), v(&is_kernel_thread), v(&tty_nr));
    let (cpu_user_ticks, cpu_system_ticks) = (v(&cpu_user_ticks), v(&cpu_system_ticks));
    let (cpu_children_user, cpu_children_system, last_cpu) =
        (v(&cpu_children_user), v(&cpu_children_system), v(&last_cpu));
    let (memory_rss, memory_vms) = (v(&memory_rss), v(&memory_vms));
    let (page_faults_minor, page_faults_major) = (v(&page_faults_minor), v(&page_faults_major));
    let (page_faults_children_minor, page_faults_children_major) =
        (v(&page_faults_children_minor), v(&page_faults_children_major));
    let (sched_policy, sched_priority) = (v(&sched_policy), v(&sched_priority));

    // Identification.
    assert_eq!(got_pid, pid);
    assert_eq!(ppid, std::process::id() as i32, "ppid is the test process");
    assert_eq!((pgid, sid), (pid, pid), "setsid() made the child a session and group leader");
    assert_eq!(tgid, Field::Value(pid));
    let nspid = after.status_ints("NSpid");
    assert_eq!(ns_pids, Field::Value(nspid.clone()), "ns_pids = NSpid");
    assert_eq!(nspid.first(), Some(&pid));

    // Names and commands.
    assert_eq!(name, "sh", "comm is the basename exec'd");
    assert_eq!(exe, Field::Value(bytes_of(&fs::canonicalize("/bin/sh").unwrap())));
    assert_eq!(exe_deleted, Field::Value(false));
    let mut want_cmdline = vec![ByteStr::from("lp sh")];
    want_cmdline.extend(args.iter().map(|a| ByteStr::from(a.as_bytes())));
    assert_eq!(cmdline, Field::Value(want_cmdline), "argv exactly, empty and non-UTF-8 arguments included");
    assert_eq!(cwd, Field::Value(bytes_of(&dir_path)));
    assert_eq!(root_dir, Field::Value(ByteStr::from("/")));

    // Users and groups: inherited from us.
    let (r, e, s) = resuid();
    assert_eq!((uid_real, uid_effective, uid_saved), (Field::Value(r), Field::Value(e), Field::Value(s)));
    assert_eq!(uid_filesystem, Field::Value(e));
    let (r, e, s) = resgid();
    assert_eq!((gid_real, gid_effective, gid_saved), (Field::Value(r), Field::Value(e), Field::Value(s)));
    assert_eq!(gid_filesystem, Field::Value(e));
    assert_eq!(groups, Field::Value(me.status_ints("Groups").into_iter().map(|g| g as u32).collect()));

    // State and scheduling.
    assert_eq!((state, state_char), (ProcessState::Sleeping, 'S'));
    assert_eq!((nice, priority), (7, 27), "setpriority(7): nice 7, priority 20 + 7");
    assert_eq!(num_threads, 1);
    assert_eq!(start_time, before.stat_u(22));
    let boot = btime();
    assert_eq!(start_time_unix, Field::Value(boot + start_time / clock_ticks()));
    let start_time_unix = v(&start_time_unix);
    let started_unix = unix_now() - started.elapsed().as_secs();
    assert!(
        start_time_unix.abs_diff(started_unix) <= 2,
        "start_time_unix {start_time_unix} is when we spawned it ({started_unix})"
    );
    assert_eq!(u64::from(flags), before.stat_u(9));
    assert_eq!(flags & PF_KTHREAD, 0);
    assert!(!is_kernel_thread);
    assert_eq!(tty_nr, 0, "a new session has no controlling terminal");
    assert_eq!((sched_policy, sched_priority), (0, 0), "SCHED_OTHER");

    // CPU.
    between("cpu_user_ticks", before.stat_u(14), cpu_user_ticks, after.stat_u(14));
    between("cpu_system_ticks", before.stat_u(15), cpu_system_ticks, after.stat_u(15));
    assert_eq!((cpu_children_user, cpu_children_system), (0, 0), "no child was waited for");
    assert_eq!(cpu_percent, Field::Missing(Reason::NoPreviousSample));
    assert_eq!(cpu_affinity, Field::Value(vec![0]), "sched_setaffinity(CPU 0)");
    assert_eq!(last_cpu, 0, "it may only run on CPU 0");

    // Memory, against stat, status and smaps_rollup.
    let page = page_size();
    between("memory_rss", before.stat_u(24) * page, memory_rss, after.stat_u(24) * page);
    between("memory_vms", before.stat_u(23), memory_vms, after.stat_u(23));
    let kb2 = |o: &Oracle, a: &str, b: &str| o.status_kb(a) + o.status_kb(b);
    between(
        "memory_shared",
        kb2(&before, "RssFile", "RssShmem"),
        v(&memory_shared),
        kb2(&after, "RssFile", "RssShmem"),
    );
    assert_eq!(v(&memory_text), after.status_kb("VmExe"));
    between("memory_data", kb2(&before, "VmData", "VmStk"), v(&memory_data), kb2(&after, "VmData", "VmStk"));
    assert_eq!(v(&memory_lib), after.status_kb("VmLib"));
    assert_eq!(v(&memory_swap), after.status_kb("VmSwap"));
    between("memory_rss_peak", before.status_kb("VmHWM"), v(&memory_rss_peak), after.status_kb("VmHWM"));
    assert_eq!(memory_locked, Field::Value(0));
    between("memory_page_tables", before.status_kb("VmPTE"), v(&memory_page_tables), after.status_kb("VmPTE"));
    let sm = |o: &Oracle, k: &str| o.smaps.get(k).copied().unwrap_or(0);
    let sm2 = |o: &Oracle, a: &str, b: &str| sm(o, a) + sm(o, b);
    // PSS divides each shared page among the processes mapping it at the instant of the
    // read, so it moves both ways while other processes start and exit: within 5 % of
    // the kernel's readings around ours, and between USS and RSS.
    let near = |name: &str, key: &str, got: u64| {
        let (b, a) = (sm(&before, key), sm(&after, key));
        let (lo, hi) = (b.min(a), b.max(a));
        assert!(got >= lo - lo / 20 && got <= hi + hi / 20, "{name}: {got} not within 5 % of the kernel's {lo}..{hi}");
    };
    let pss = v(&memory_pss);
    near("memory_pss", "Pss", pss);
    assert!(v(&memory_uss) <= pss && pss <= after.stat_u(24).max(before.stat_u(24)) * page, "USS ≤ PSS ≤ RSS");
    between(
        "memory_uss",
        sm2(&before, "Private_Clean", "Private_Dirty"),
        v(&memory_uss),
        sm2(&after, "Private_Clean", "Private_Dirty"),
    );
    between(
        "memory_dirty",
        sm2(&before, "Shared_Dirty", "Private_Dirty"),
        v(&memory_dirty),
        sm2(&after, "Shared_Dirty", "Private_Dirty"),
    );
    near("memory_pss_anon", "Pss_Anon", v(&memory_pss_anon));
    near("memory_pss_file", "Pss_File", v(&memory_pss_file));
    near("memory_pss_shmem", "Pss_Shmem", v(&memory_pss_shmem));
    assert!(v(&memory_uss) <= v(&memory_pss) && v(&memory_pss) <= memory_rss, "uss <= pss <= rss");
    let pct = v(&memory_percent);
    let want = memory_rss as f64 / mem_total() as f64 * 100.0;
    assert!((pct - want).abs() < 1e-9, "memory_percent {pct} = rss / MemTotal ({want})");
    between("page_faults_minor", before.stat_u(10), page_faults_minor, after.stat_u(10));
    between("page_faults_major", before.stat_u(12), page_faults_major, after.stat_u(12));
    assert_eq!((page_faults_children_minor, page_faults_children_major), (0, 0));

    // I/O.
    let io = |o: &Oracle, k: &str| o.io[k];
    for (field, key) in [
        (&io_read_bytes, "read_bytes"),
        (&io_write_bytes, "write_bytes"),
        (&io_read_chars, "rchar"),
        (&io_write_chars, "wchar"),
        (&io_read_syscalls, "syscr"),
        (&io_write_syscalls, "syscw"),
        (&io_cancelled_write, "cancelled_write_bytes"),
    ] {
        between(key, io(&before, key), v(field), io(&after, key));
    }
    assert!(v(&io_read_chars) > 0, "the dynamic loader read() the ELF headers");

    // Files and sockets.
    assert_eq!(num_fds, Field::Value(3 + 11), "stdin, stdout, stderr and our eleven");
    check_open_files(pid, &v(&open_files), &data_path, &doomed_path, &dir_path);
    check_open_sockets(
        pid,
        &v(&open_sockets),
        &[
            (FD_TCP, tcp.as_raw_fd(), SocketType::Tcp),
            (FD_UDP, udp.as_raw_fd(), SocketType::Udp),
            (FD_UNIX_A, ua.as_raw_fd(), SocketType::Unix),
            (FD_UNIX_B, ub.as_raw_fd(), SocketType::Unix),
            (FD_NETLINK, -1, SocketType::Netlink),
        ],
    );
    let maps = v(&maps);
    check_maps_equal_kernel(pid, &maps);
    let exe_ino = fs::metadata("/bin/sh").unwrap().ino();
    assert!(
        maps.iter().any(|m| m.inode == Field::Value(exe_ino) && m.permissions.contains('x')),
        "an executable mapping of the shell's inode"
    );

    // Context switches.
    between(
        "voluntary_ctx_switches",
        before.status_u("voluntary_ctxt_switches"),
        v(&voluntary_ctx_switches),
        after.status_u("voluntary_ctxt_switches"),
    );
    between(
        "nonvoluntary_ctx_switches",
        before.status_u("nonvoluntary_ctxt_switches"),
        v(&nonvoluntary_ctx_switches),
        after.status_u("nonvoluntary_ctxt_switches"),
    );

    // Limits: the sixteen we set.
    check_limits(&v(&got_limits), &limits);

    // Security.
    assert_eq!(seccomp_mode, Field::Value(2), "a filter is installed");
    assert_eq!(seccomp_filters, Field::Value(me.status_u("Seccomp_filters") as u32 + 1), "ours plus one");
    assert_eq!(no_new_privs, Field::Value(true));
    let my_bnd = me.status_hex("CapBnd");
    let bnd = my_bnd & !(1u64 << CAP_SYS_BOOT);
    let inh = me.status_hex("CapInh");
    assert_eq!(capabilities_bounding, Field::Value(bnd), "our bounding set without CAP_SYS_BOOT");
    assert_eq!(capabilities_inheritable, Field::Value(inh));
    if resuid().1 == 0 {
        // Root exec: permitted = inheritable | bounding, effective = permitted.
        assert_eq!(capabilities_permitted, Field::Value(bnd | inh));
        assert_eq!(capabilities_effective, Field::Value(bnd | inh));
    }
    assert_eq!(capabilities_ambient, Field::Value(0));

    // Namespaces: all ours.
    for (field, ns) in [
        (&ns_cgroup, "cgroup"),
        (&ns_ipc, "ipc"),
        (&ns_mnt, "mnt"),
        (&ns_net, "net"),
        (&ns_pid, "pid"),
        (&ns_pid_children, "pid_for_children"),
        (&ns_time, "time"),
        (&ns_time_children, "time_for_children"),
        (&ns_user, "user"),
        (&ns_uts, "uts"),
    ] {
        assert_eq!(*field, Field::Value(ns_inode("self", ns)), "ns_{ns} is ours");
        assert_eq!(*field, Field::Value(ns_inode(&pid.to_string(), ns)), "ns_{ns} = readlink");
    }

    // Cgroups: the same as ours.
    let (want_path, want_controllers) = cgroup_oracle(pid);
    assert_eq!(cgroup_path, Field::Value(want_path));
    assert_eq!(cgroup_controllers, Field::Value(want_controllers.into()));
    let mine = snapshot(&mut probe_for_self()).process(std::process::id() as i32).unwrap().clone();
    let (lim, my_lim) = (v(&cgroup_limits), v(&mine.cgroup_limits));
    assert_eq!((lim.version, &lim.path, lim.memory_max), (my_lim.version, &my_lim.path, my_lim.memory_max));
    assert_eq!(cpu_time_limit, lim.cpu_max_quota_us);

    // Environment, byte for byte.
    let environ = v(&environ);
    let got: Vec<(&[u8], &[u8])> = environ.iter().map(|(k, v)| (k.as_bytes(), v.as_bytes())).collect();
    let raw = fs::read(format!("/proc/{pid}/environ")).unwrap();
    let kernel: Vec<(&[u8], &[u8])> = raw
        .split(|&b| b == 0)
        .filter(|e| !e.is_empty())
        .map(|e| e.split_at(e.iter().position(|&b| b == b'=').unwrap()))
        .map(|(k, v)| (k, &v[1..]))
        .collect();
    assert_eq!(got, kernel, "environ in the kernel's order, split at the first '='");
    let mut want: Vec<(&[u8], &[u8])> = env.iter().map(|(k, v)| (k.as_bytes(), v.as_bytes())).collect();
    let mut sorted = got.clone();
    want.sort();
    sorted.sort();
    assert_eq!(sorted, want, "environ exactly as given (Command passes it sorted)");

    // OOM.
    assert_eq!(oom_score_adj, Field::Value(500));
    between("oom_score", before.single("oom_score"), v(&oom_score) as u64, after.single("oom_score"));
    assert!(v(&oom_score) >= 500, "oom_score includes the adjustment");

    // Delay accounting (taskstats not asked for).
    check_schedstat_delays(&before, &delay, &after);
    assert_eq!(delay.cpu_delay_total_ns, Field::Missing(Reason::Disabled));

    // Signals: dash installs its own handlers; compare with status.
    let pend = after.status_hex("SigPnd") | after.status_hex("ShdPnd");
    assert_eq!(signals_pending, Field::Value(pend));
    assert_eq!(signals_blocked, Field::Value(after.status_hex("SigBlk")));
    assert_eq!(signals_ignored, Field::Value(after.status_hex("SigIgn")));
    assert_eq!(signals_caught, Field::Value(after.status_hex("SigCgt")));
    drop(kid);
}

fn check_open_files(pid: i32, files: &[OpenFile], data: &Path, doomed: &Path, dir: &Path) {
    let fds: Vec<i32> = files.iter().map(|f| f.fd).collect();
    assert_eq!(fds, [0, 1, 2, FD_FILE, FD_DELETED, FD_PIPE_R, FD_PIPE_W, FD_EVENTFD, FD_DIR], "non-socket fds, sorted");
    let data_meta = fs::metadata(data).unwrap();
    let dir_meta = fs::metadata(dir).unwrap();
    for f in files {
        let OpenFile { fd, path, mode, flags, position, inode, mount_id, file_type, deleted } = f.clone();
        let info = fdinfo(pid, fd);
        let st = stat_path(&format!("/proc/{pid}/fd/{fd}"));
        let kflags = info["flags"] as u32;
        assert_eq!(flags, Field::Value(kflags), "fd {fd}: flags = fdinfo");
        assert_eq!(kflags & libc::O_CLOEXEC as u32, 0, "fd {fd} survived exec, so it is not close-on-exec");
        assert_eq!(position, Field::Value(info["pos"]), "fd {fd}: position");
        assert_eq!(mount_id, Field::Value(info["mnt_id"]), "fd {fd}: mount_id = fdinfo");
        assert_eq!(mount_id, Field::Value(statx_mnt_id(&format!("/proc/{pid}/fd/{fd}"))), "fd {fd}: mount_id = statx");
        assert_eq!(inode, Field::Value(st.st_ino), "fd {fd}: inode");
        let want_mode = match kflags & libc::O_ACCMODE as u32 {
            0 => "r",
            1 => "w",
            _ => "rw",
        };
        assert_eq!(mode, Field::Value(want_mode.to_owned()), "fd {fd}: mode");
        let link = fs::read_link(format!("/proc/{pid}/fd/{fd}")).unwrap();
        assert_eq!(path, bytes_of(&link), "fd {fd}: path = readlink");
        let (want_type, want_deleted, want_path): (FileType, bool, Option<Vec<u8>>) = match fd {
            0 => (FileType::Pipe, false, None),
            1 | 2 => (FileType::CharDevice, false, Some(b"/dev/null".to_vec())),
            FD_FILE => {
                assert_eq!(position, Field::Value(5), "lseek(5) before the fork");
                assert_eq!(kflags & libc::O_ACCMODE as u32, libc::O_RDWR as u32);
                assert_ne!(kflags & libc::O_APPEND as u32, 0, "O_APPEND");
                assert_eq!(inode, Field::Value(data_meta.ino()));
                assert_eq!(mount_id, Field::Value(statx_mnt_id(data.to_str().unwrap())));
                (FileType::Regular, false, Some(data.as_os_str().as_bytes().to_vec()))
            }
            FD_DELETED => {
                let mut p = doomed.as_os_str().as_bytes().to_vec();
                p.extend_from_slice(b" (deleted)");
                (FileType::Regular, true, Some(p))
            }
            FD_PIPE_R | FD_PIPE_W => {
                assert_eq!(kflags & libc::O_ACCMODE as u32, if fd == FD_PIPE_R { 0 } else { 1 });
                assert!(path.as_bytes().starts_with(b"pipe:["), "fd {fd}: {path}");
                (FileType::Pipe, false, Some(format!("pipe:[{}]", st.st_ino).into_bytes()))
            }
            FD_EVENTFD => (FileType::AnonInode, false, Some(b"anon_inode:[eventfd]".to_vec())),
            FD_DIR => {
                assert_eq!(inode, Field::Value(dir_meta.ino()));
                (FileType::Directory, false, Some(dir.as_os_str().as_bytes().to_vec()))
            }
            _ => unreachable!(),
        };
        assert_eq!(file_type, Field::Value(want_type), "fd {fd}: file_type");
        assert_eq!(deleted, Field::Value(want_deleted), "fd {fd}: deleted");
        if let Some(p) = want_path {
            assert_eq!(path.as_bytes(), p.as_slice(), "fd {fd}: path");
        }
    }
}

/// `expected`: (fd in the child, our copy of it or -1, type).
fn check_open_sockets(pid: i32, sockets: &[OpenSocket], expected: &[(i32, RawFd, SocketType)]) {
    let fds: Vec<i32> = sockets.iter().map(|s| s.fd).collect();
    let want_fds: Vec<i32> = expected.iter().map(|e| e.0).collect();
    assert_eq!(fds, want_fds, "socket fds, sorted");
    for (s, &(fd, ours, ty)) in sockets.iter().zip(expected) {
        let OpenSocket { fd: got_fd, inode, socket_type, protocol, local_addr, remote_addr, state } = s.clone();
        assert_eq!(got_fd, fd);
        let st = stat_path(&format!("/proc/{pid}/fd/{fd}"));
        assert_eq!(inode, st.st_ino, "fd {fd}: socket inode");
        if ours >= 0 {
            assert_eq!(inode, fstat(ours).st_ino, "fd {fd}: the socket we created");
        }
        assert_eq!(socket_type, Field::Value(ty), "fd {fd}: socket_type");
        let want_proto = sockprotoname(&format!("/proc/{pid}/fd/{fd}"));
        assert_eq!(protocol, Field::Value(want_proto.clone()), "fd {fd}: protocol = system.sockprotoname");
        let allowed: &[&str] = match ty {
            SocketType::Tcp => &["TCP"],
            SocketType::Udp => &["UDP"],
            SocketType::Unix => &["UNIX", "UNIX-STREAM"],
            SocketType::Netlink => &["NETLINK"],
            _ => unreachable!(),
        };
        assert!(allowed.contains(&want_proto.as_str()), "fd {fd}: protocol {want_proto}");
        // Addresses and state come from the network domain's join, which is not run.
        for (name, f) in [("local_addr", &local_addr), ("remote_addr", &remote_addr), ("state", &state)] {
            assert_eq!(*f, Field::Missing(Reason::Disabled), "fd {fd}: {name}");
        }
    }
}

fn check_limits(l: &ProcessLimits, want: &[(u32, u64, u64); 16]) {
    let ProcessLimits {
        max_cpu_time,
        max_file_size,
        max_data_size,
        max_stack_size,
        max_core_size,
        max_resident_set,
        max_processes,
        max_open_files,
        max_locked_memory,
        max_address_space,
        max_file_locks,
        max_pending_signals,
        max_msgqueue_size,
        max_nice_priority,
        max_realtime_priority,
        max_realtime_timeout,
    } = l.clone();
    let got = [
        max_cpu_time,
        max_file_size,
        max_data_size,
        max_stack_size,
        max_core_size,
        max_resident_set,
        max_processes,
        max_open_files,
        max_locked_memory,
        max_address_space,
        max_file_locks,
        max_pending_signals,
        max_msgqueue_size,
        max_nice_priority,
        max_realtime_priority,
        max_realtime_timeout,
    ];
    for (i, &(res, soft, hard)) in want.iter().enumerate() {
        assert_eq!(res as usize, i, "WANTED_LIMITS is in RLIMIT_* order");
        assert_eq!(got[i], Field::Value(Limit { soft, hard }), "{} (resource {res})", LIMIT_NAMES[i]);
    }
}

/// The fields of [`ProcessLimits`] in `WANTED_LIMITS` order, for messages.
const LIMIT_NAMES: [&str; 16] = [
    "max_cpu_time",
    "max_file_size",
    "max_data_size",
    "max_stack_size",
    "max_core_size",
    "max_resident_set",
    "max_processes",
    "max_open_files",
    "max_locked_memory",
    "max_address_space",
    "max_file_locks",
    "max_pending_signals",
    "max_msgqueue_size",
    "max_nice_priority",
    "max_realtime_priority",
    "max_realtime_timeout",
];

fn check_maps_equal_kernel(pid: i32, maps: &[MemoryMap]) {
    let text = fs::read(format!("/proc/{pid}/maps")).unwrap();
    let want: Vec<MemoryMap> = text.split(|&b| b == b'\n').filter(|l| !l.is_empty()).map(parse_maps_line).collect();
    assert_eq!(maps.len(), want.len(), "one record per line of maps");
    for (got, want) in maps.iter().zip(&want) {
        let MemoryMap { start_addr, end_addr, permissions, offset, device, inode, pathname } = got.clone();
        assert_eq!((start_addr, end_addr), (want.start_addr, want.end_addr));
        assert_eq!((permissions, offset, device), (want.permissions.clone(), want.offset, want.device.clone()));
        assert_eq!((inode, pathname), (want.inode, want.pathname.clone()));
    }
}

fn check_schedstat_delays(before: &Oracle, d: &DelayAccounting, after: &Oracle) {
    between("cpu_run_time_ns", before.schedstat[0], v(&d.cpu_run_time_ns), after.schedstat[0]);
    between("cpu_run_delay_ns", before.schedstat[1], v(&d.cpu_run_delay_ns), after.schedstat[1]);
    between("cpu_timeslices", before.schedstat[2], v(&d.cpu_timeslices), after.schedstat[2]);
    between("blkio_delay_ticks", before.stat_u(42), v(&d.blkio_delay_ticks), after.stat_u(42));
}

/// A forked child (no exec) that sets all four uids and gids, supplementary groups,
/// signal dispositions, a pending signal per queue, a file mapping at a known offset,
/// 32 MiB of touched anonymous memory and 1 MiB of it locked.
#[test]
fn credentials_signals_and_mappings_of_a_forked_child() {
    if !root("credentials_signals_and_mappings_of_a_forked_child") {
        return;
    }
    let dir = TempDir::new("creds");
    let mapped_path = dir.path().join("mapped.bin");
    fs::write(&mapped_path, vec![7u8; 16384]).unwrap();
    let mapped = open(&mapped_path, libc::O_RDONLY);
    let mfd = mapped.as_raw_fd();
    let name = c"lp-creds";
    const ANON: usize = 32 << 20;
    const LOCKED: usize = 1 << 20;
    let kid = fork_child(move |report| {
        // SAFETY: async-signal-safe syscalls in the forked child on prepared data.
        unsafe {
            // Start from default dispositions (the test harness ignores SIGPIPE), then
            // catch SIGHUP, ignore SIGUSR2, block SIGUSR1 and SIGALRM.
            for sig in 1..=64 {
                if sig != libc::SIGKILL && sig != libc::SIGSTOP {
                    let dfl = [0u64; 4];
                    libc::syscall(libc::SYS_rt_sigaction, sig, dfl.as_ptr(), 0usize, 8usize);
                }
            }
            let mut sa: libc::sigaction = std::mem::zeroed();
            sa.sa_sigaction = noop_handler as extern "C" fn(i32) as libc::sighandler_t;
            check(libc::sigaction(libc::SIGHUP, &sa, std::ptr::null_mut()))?;
            let mut ign: libc::sigaction = std::mem::zeroed();
            ign.sa_sigaction = libc::SIG_IGN;
            check(libc::sigaction(libc::SIGUSR2, &ign, std::ptr::null_mut()))?;
            let mut set: libc::sigset_t = std::mem::zeroed();
            libc::sigemptyset(&mut set);
            libc::sigaddset(&mut set, libc::SIGUSR1);
            libc::sigaddset(&mut set, libc::SIGALRM);
            check(libc::sigprocmask(libc::SIG_SETMASK, &set, std::ptr::null_mut()))?;
            // Process-directed (ShdPnd) and thread-directed (SigPnd).
            check(libc::kill(libc::getpid(), libc::SIGUSR1))?;
            check(libc::syscall(libc::SYS_tgkill, libc::getpid(), libc::gettid(), libc::SIGALRM) as i32)?;

            let addr = libc::mmap(std::ptr::null_mut(), 8192, libc::PROT_READ, libc::MAP_SHARED, mfd, 4096);
            if addr == libc::MAP_FAILED {
                return Err(std::io::Error::last_os_error());
            }
            report[0] = addr as u64;
            let anon = libc::mmap(
                std::ptr::null_mut(),
                ANON,
                libc::PROT_READ | libc::PROT_WRITE,
                libc::MAP_PRIVATE | libc::MAP_ANONYMOUS,
                -1,
                0,
            );
            if anon == libc::MAP_FAILED {
                return Err(std::io::Error::last_os_error());
            }
            let base = anon.cast::<u8>();
            for off in (0..ANON).step_by(4096) {
                base.add(off).write_volatile(1);
            }
            check(libc::mlock(anon, LOCKED))?;

            let groups: [libc::gid_t; 2] = [5, 6];
            check(libc::syscall(libc::SYS_setgroups, 2, groups.as_ptr()) as i32)?;
            check(libc::syscall(libc::SYS_setresgid, 100, 101, 102) as i32)?;
            libc::syscall(libc::SYS_setfsgid, 103);
            // euid stays 0 so that setfsuid is still allowed afterwards.
            check(libc::syscall(libc::SYS_setresuid, 200, 0, 202) as i32)?;
            libc::syscall(libc::SYS_setfsuid, 203);
            check(libc::prctl(libc::PR_SET_NAME, name.as_ptr(), 0, 0, 0))?;
        }
        Ok(())
    });
    let pid = kid.pid;
    let before = Oracle::read(pid);
    let snap = snapshot(&mut probe(&[pid], full_options()));
    let after = Oracle::read(pid);
    let p = snap.process(pid).unwrap();

    assert_eq!(p.name, "lp-creds");
    assert_eq!((v(&p.uid_real), v(&p.uid_effective), v(&p.uid_saved), v(&p.uid_filesystem)), (200, 0, 202, 203));
    assert_eq!((v(&p.gid_real), v(&p.gid_effective), v(&p.gid_saved), v(&p.gid_filesystem)), (100, 101, 102, 103));
    assert_eq!(p.groups, Field::Value(vec![5, 6]));

    let bit = |sig: i32| 1u64 << (sig - 1);
    assert_eq!(p.signals_pending, Field::Value(bit(libc::SIGUSR1) | bit(libc::SIGALRM)), "SigPnd | ShdPnd");
    assert_eq!(p.signals_blocked, Field::Value(bit(libc::SIGUSR1) | bit(libc::SIGALRM)));
    assert_eq!(p.signals_ignored, Field::Value(bit(libc::SIGUSR2)));
    assert_eq!(p.signals_caught, Field::Value(bit(libc::SIGHUP)));

    // The file mapping, exactly.
    let addr = kid.report[0];
    let maps = v(&p.maps);
    let st = fs::metadata(&mapped_path).unwrap();
    let m = maps.iter().find(|m| m.start_addr == addr).expect("the mapping at the address mmap returned");
    assert_eq!(m.end_addr, addr + 8192);
    assert_eq!(m.permissions, "r--s");
    assert_eq!(m.offset, Field::Value(4096));
    assert_eq!(m.inode, Field::Value(st.ino()));
    let dev = st.dev();
    assert_eq!(m.device, format!("{:02x}:{:02x}", libc::major(dev), libc::minor(dev)));
    assert_eq!(m.pathname, bytes_of(&mapped_path));
    check_maps_equal_kernel(pid, &maps);

    // Memory: the touched anonymous region is resident, private and dirty.
    assert_eq!(p.memory_locked, Field::Value(LOCKED as u64), "mlock(1 MiB)");
    assert!(v(&p.memory_rss) >= ANON as u64, "rss {} >= 32 MiB", v(&p.memory_rss));
    assert!(v(&p.memory_data) >= ANON as u64);
    assert!(v(&p.memory_uss) >= ANON as u64, "uss {:?}", p.memory_uss);
    assert!(v(&p.memory_dirty) >= ANON as u64);
    assert!(v(&p.memory_pss_anon) >= ANON as u64);
    let page = page_size();
    between("memory_rss", before.stat_u(24) * page, v(&p.memory_rss), after.stat_u(24) * page);
    assert_eq!(p.memory_vms, Field::Value(after.stat_u(23)));
}

extern "C" fn noop_handler(_: i32) {}

/// SCHED_RR: the policy, the real-time priority, and `priority` = -1 - rt_priority.
#[test]
fn realtime_policy_and_priority() {
    if !root("realtime_policy_and_priority") {
        return;
    }
    let mut cmd = Command::new("/bin/sleep");
    cmd.arg("1000");
    let setup = || {
        let param = libc::sched_param { sched_priority: 5 };
        // SAFETY: plain syscall on a local value.
        check(unsafe { libc::sched_setscheduler(0, libc::SCHED_RR, &param) })
    };
    // SAFETY: `setup` makes one async-signal-safe syscall between fork and exec.
    unsafe { cmd.pre_exec(setup) };
    let kid = Kid::spawn(&mut cmd);
    let pid = kid.pid();
    wait_sleeping(pid);
    let p = snapshot(&mut probe(&[pid], ProcessOptions::default())).process(pid).unwrap().clone();
    assert_eq!((p.sched_policy, p.sched_priority), (Field::Value(libc::SCHED_RR as u32), Field::Value(5)));
    assert_eq!(p.priority, Field::Value(-6), "stat's priority for real-time tasks is -1 - rt_priority");
    // The child inherits the test's nice value (a run under `nice` is not at 0).
    // SAFETY: plain syscall; -1 is a valid nice value, so errno is not consulted.
    let inherited = unsafe { libc::getpriority(libc::PRIO_PROCESS, 0) };
    assert_eq!(p.nice, Field::Value(inherited));
}

/// A child that unshared uts, ipc, net, mount and cgroup namespaces (and pid and time
/// namespaces for its children): its inodes differ from ours and equal readlink, through
/// `/proc`'s links and through the `iter/task` iterator.
#[test]
fn namespaces_of_an_unshared_child() {
    if !root("namespaces_of_an_unshared_child") {
        return;
    }
    use libprobe::process::Via;
    let mut cmd = Command::new("/bin/sleep");
    cmd.arg("1000");
    let flags = libc::CLONE_NEWUTS
        | libc::CLONE_NEWIPC
        | libc::CLONE_NEWNET
        | libc::CLONE_NEWNS
        | libc::CLONE_NEWCGROUP
        | libc::CLONE_NEWPID
        | libc::CLONE_NEWTIME;
    // SAFETY: plain syscall.
    let setup = move || check(unsafe { libc::unshare(flags) });
    // SAFETY: `setup` makes one async-signal-safe syscall between fork and exec.
    unsafe { cmd.pre_exec(setup) };
    let kid = Kid::spawn(&mut cmd);
    let pid = kid.pid();
    wait_sleeping(pid);
    for via in [Via::Proc, Via::Bpf] {
        let mut probe = probe(&[pid], ProcessOptions { via, ..ProcessOptions::default() });
        let snap = probe.snapshot();
        let warnings = &snap.status(DomainName::Process).unwrap().warnings;
        if via == Via::Bpf && warnings.iter().any(|w| w.contains("process.via = bpf")) {
            eprintln!("SKIPPED namespaces_of_an_unshared_child via bpf: {warnings:?}");
            continue;
        }
        check_unshared_namespaces(snap.process(pid).unwrap(), via);
    }
}

/// The namespaces of [`namespaces_of_an_unshared_child`]'s child, read `via`.
fn check_unshared_namespaces(p: &ProcessFull, via: libprobe::process::Via) {
    let pid = p.pid;
    let fields = [
        ("cgroup", &p.ns_cgroup, true),
        ("ipc", &p.ns_ipc, true),
        ("mnt", &p.ns_mnt, true),
        ("net", &p.ns_net, true),
        ("pid", &p.ns_pid, false),
        ("time_for_children", &p.ns_time_children, true),
        ("user", &p.ns_user, false),
        ("uts", &p.ns_uts, true),
        // Whether exec moves a process into its time_for_children depends on the kernel.
        ("time", &p.ns_time, ns_inode(&pid.to_string(), "time") != ns_inode("self", "time")),
    ];
    for (ns, field, new) in fields {
        let theirs = ns_inode(&pid.to_string(), ns);
        assert_eq!(*field, Field::Value(theirs), "ns_{ns} = readlink /proc/{pid}/ns/{ns} ({via:?})");
        assert_eq!(theirs != ns_inode("self", ns), new, "ns_{ns} is {}", if new { "new" } else { "ours" });
    }
    assert_eq!(p.ns_pids, Field::Value(vec![pid]), "the child itself stays in our pid namespace");
    // Until a first child is born in it, the kernel shows no pid namespace for children
    // (readlink fails with ENOENT): missing, never a wrong inode.
    assert!(fs::read_link(format!("/proc/{pid}/ns/pid_for_children")).is_err());
    assert!(!p.ns_pid_children.is_value(), "ns_pid_children ({via:?}): {:?}", p.ns_pid_children);
}

/// A process in a nested pid namespace: NSpid lists both pids, and its pid namespace is
/// its parent's pid_for_children.
#[test]
fn pid_namespace_member_lists_both_pids() {
    if !root("pid_namespace_member_lists_both_pids") {
        return;
    }
    let mut cmd = Command::new("unshare");
    cmd.args(["--pid", "--fork", "--kill-child", "/bin/sleep", "1000"]);
    let kid = Kid::spawn(&mut cmd);
    let outer = kid.pid();
    let inner = wait_for("the forked sleep", || {
        let children = fs::read_to_string(format!("/proc/{outer}/task/{outer}/children")).ok()?;
        let pid: i32 = children.split_whitespace().next()?.parse().ok()?;
        (fs::read(format!("/proc/{pid}/comm")).ok()? == b"sleep\n").then_some(pid)
    });
    let _inner_guard = KillOnDrop(inner);
    wait_sleeping(inner);
    let snap = snapshot(&mut probe(&[outer, inner], ProcessOptions::default()));
    let (o, i) = (snap.process(outer).unwrap(), snap.process(inner).unwrap());
    assert_eq!(i.ns_pids, Field::Value(vec![inner, 1]), "NSpid: outermost first");
    assert_eq!(i.ppid, Field::Value(outer));
    assert_eq!(i.ns_pid, o.ns_pid_children);
    assert_ne!(i.ns_pid, o.ns_pid);
}

/// Names that break naive parsers: spaces, parentheses, a newline, escapes, invalid
/// UTF-8, exactly 15 bytes, and one truncated by the kernel.
#[test]
fn odd_command_names_are_kept_byte_for_byte() {
    if !root("odd_command_names_are_kept_byte_for_byte") {
        return;
    }
    let names: [&[u8]; 7] = [
        b"a) b (c",
        b"x) (y\nz)",
        b"((a b ) ( c d)",
        b"\x1b[31mred\x07",
        b"bad\xff\xfeutf8",
        b"exactly15bytes!",
        b"sixteen-bytes-xx",
    ];
    let kids: Vec<Forked> = names
        .iter()
        .map(|n| {
            let c = CString::new(*n).unwrap();
            fork_child(move |_| {
                // SAFETY: prctl on a NUL-terminated string prepared before the fork.
                check(unsafe { libc::prctl(libc::PR_SET_NAME, c.as_ptr(), 0, 0, 0) })
            })
        })
        .collect();
    let pids: Vec<i32> = kids.iter().map(|k| k.pid).collect();
    let snap = snapshot(&mut probe(&pids, ProcessOptions::default()));
    for (kid, name) in kids.iter().zip(names) {
        let p = snap.process(kid.pid).unwrap();
        let want = &name[..name.len().min(15)];
        assert_eq!(p.name.as_bytes(), want, "comm of {} ({:?})", kid.pid, ByteStr::from(name));
        assert_eq!(
            (p.state, p.ppid),
            (ProcessState::Sleeping, Field::Value(std::process::id() as i32)),
            "the fields after comm"
        );
        let o = Oracle::read(kid.pid);
        assert_eq!(p.start_time, o.stat_u(22), "fields after the last ')' are at the right place");
        assert_eq!(u64::from(v(&p.num_threads)), o.stat_u(20));
    }
}

/// A zombie is listed with state Z; what it no longer has is missing with `zombie`.
#[test]
fn zombie_is_listed_with_reasons() {
    if !root("zombie_is_listed_with_reasons") {
        return;
    }
    let kid = fork_child_then(|_| Ok(()), exit_now);
    let pid = kid.pid;
    wait_for("the zombie", || (Oracle::read(pid).stat[3] == b"Z").then_some(()));
    let snap = snapshot(&mut probe(&[pid], full_options()));
    let p = snap.process(pid).expect("zombies are listed");
    assert_eq!((p.state, p.state_char), (ProcessState::Zombie, 'Z'));
    assert_eq!(p.ppid, Field::Value(std::process::id() as i32));
    assert_eq!(p.name.as_bytes(), fs::read(format!("/proc/{pid}/comm")).unwrap().trim_ascii_end());
    for (name, f) in [("exe", p.exe.reason()), ("exe_deleted", p.exe_deleted.reason()), ("cmdline", p.cmdline.reason())]
    {
        assert_eq!(f, Some(Reason::Zombie), "{name} of a zombie");
    }
    for (name, f) in [("cwd", &p.cwd), ("root", &p.root)] {
        assert_eq!(f.reason(), Some(Reason::Zombie), "{name} of a zombie");
    }
    for (name, f) in [("memory_data", &p.memory_data), ("memory_rss_peak", &p.memory_rss_peak)] {
        assert_eq!(f.reason(), Some(Reason::Zombie), "{name}: a zombie has no memory");
    }
    assert_eq!(p.memory_rss, Field::Value(0));
    assert_eq!(p.environ.reason(), Some(Reason::Zombie), "environ of a zombie");
    assert_eq!(p.memory_pss.reason(), Some(Reason::Zombie), "pss of a zombie is missing, not 0");
    // Its descriptors were closed at exit: an empty list is the truth, so is `zombie`.
    for (name, f) in
        [("open_files", p.open_files.as_ref().map(Vec::len)), ("open_sockets", p.open_sockets.as_ref().map(Vec::len))]
    {
        assert!(matches!(f, Field::Value(0) | Field::Missing(Reason::Zombie)), "{name} of a zombie: {f:?}");
    }
    // It keeps its identity, limits and I/O counters.
    assert_eq!(p.tgid, Field::Value(pid));
    assert!(p.limits.is_value() && p.io_read_chars.is_value());
    // A zombie has no address space: like memory_pss, maps must say `zombie`, not claim an
    // empty list of mappings as a measurement.
    assert!(
        p.maps.reason() == Some(Reason::Zombie),
        "BUG (collector): maps of a zombie is {:?}; expected missing with reason `zombie` \
         (Reason::Zombie: \"it has no memory, files or executable any more\"; memory_pss of the same \
         record already says `zombie`). Fix in sys/linux/process.rs, like cmdline: \
         `Ok(()) if buf.is_empty() && p.zombie => Field::Missing(Reason::Zombie),` before `Ok(()) =>` \
         in the maps read; the adversarial-names golden then needs LIBPROBE_BLESS=1",
        p.maps
    );
    drop(kid);
}

/// An executable deleted after exec: exe keeps the kernel's ` (deleted)` suffix and
/// exe_deleted is true; one whose real name ends in ` (deleted)` is not deleted.
#[test]
fn deleted_executable_is_flagged_by_link_count() {
    if !root("deleted_executable_is_flagged_by_link_count") {
        return;
    }
    let dir = TempDir::new("exe");
    let doomed = dir.path().join("lp-doomed-sleep");
    let tricky = dir.path().join("lp app (deleted)");
    for p in [&doomed, &tricky] {
        fs::copy("/bin/sleep", p).unwrap();
        fs::set_permissions(p, fs::Permissions::from_mode(0o755)).unwrap();
    }
    let a = Kid::spawn(Command::new(&doomed).arg("1000"));
    let b = Kid::spawn(Command::new(&tricky).arg("1000"));
    wait_sleeping(a.pid());
    wait_sleeping(b.pid());
    fs::remove_file(&doomed).unwrap();
    let snap = snapshot(&mut probe(&[a.pid(), b.pid()], full_options()));
    let (pa, pb) = (snap.process(a.pid()).unwrap(), snap.process(b.pid()).unwrap());
    let mut want = doomed.as_os_str().as_bytes().to_vec();
    want.extend_from_slice(b" (deleted)");
    assert_eq!(pa.exe, Field::Value(ByteStr::from(want.clone())));
    assert_eq!(pa.exe_deleted, Field::Value(true));
    assert_eq!(pa.name, "lp-doomed-sleep", "15 bytes: the whole basename");
    assert!(v(&pa.maps).iter().any(|m| m.pathname.as_bytes() == want.as_slice()), "maps show the deleted file");
    assert_eq!(pb.exe, Field::Value(bytes_of(&tricky)));
    assert_eq!(pb.exe_deleted, Field::Value(false), "a name ending in ' (deleted)' is not a deletion");
    assert_eq!(pb.name, "lp app (deleted", "comm truncated to 15 bytes");
}

/// A command line of more than 1 MiB comes back whole.
#[test]
fn one_mebibyte_command_line() {
    if !root("one_mebibyte_command_line") {
        return;
    }
    // MAX_ARG_STRLEN is 128 KiB per argument; nine of 120 000 bytes make 1.08 MB.
    let big: Vec<OsString> = (0..9u8).map(|i| OsString::from_vec(vec![b'a' + i; 120_000])).collect::<Vec<_>>();
    let mut cmd = Command::new("/bin/sh");
    cmd.args(["-c", "read _", "lp-big"]).args(&big).stdin(Stdio::piped());
    let kid = Kid::spawn(&mut cmd);
    wait_sleeping(kid.pid());
    let snap = snapshot(&mut probe(&[kid.pid()], ProcessOptions::default()));
    let cmdline = v(&snap.process(kid.pid()).unwrap().cmdline);
    let total: usize = cmdline.iter().map(|a| a.len() + 1).sum();
    assert!(total > 1 << 20, "{total} bytes");
    let mut want: Vec<ByteStr> = ["/bin/sh", "-c", "read _", "lp-big"].iter().map(|s| ByteStr::from(*s)).collect();
    want.extend(big.iter().map(|a| ByteStr::from(a.as_bytes())));
    assert!(cmdline == want, "the 1 MiB command line differs (got {} arguments)", cmdline.len());
}

/// cpu_percent over two snapshots: near 100 for a busy loop, near 0 for a sleeper,
/// missing on the first snapshot, and exactly the tick delta over the interval.
#[test]
fn cpu_percent_of_busy_and_sleeping_children() {
    if !root("cpu_percent_of_busy_and_sleeping_children") {
        return;
    }
    let _cpu = CPU_HEAVY.lock().unwrap_or_else(|e| e.into_inner());
    let busy = fork_child_then(|_| Ok(()), spin_forever);
    let idle = fork_child(|_| Ok(()));
    let mut probe = probe(&[busy.pid, idle.pid], ProcessOptions::default());
    let run_ns = |pid: i32| Oracle::read(pid).schedstat[0];
    let (r0, i0) = (run_ns(busy.pid), run_ns(idle.pid));
    let s1 = snapshot(&mut probe);
    for p in s1.processes() {
        assert_eq!(p.cpu_percent, Field::Missing(Reason::NoPreviousSample));
    }
    std::thread::sleep(Duration::from_millis(1000));
    let s2 = snapshot(&mut probe);
    let (r1, i1) = (run_ns(busy.pid), run_ns(idle.pid));
    let dt = (s2.timestamp_monotonic_ns - s1.timestamp_monotonic_ns) as f64 / 1e9;
    // The busy child's share depends on what else runs on this machine's CPUs (a loaded
    // one gave it under 20 %): the schedstat comparison in the loop is the exact check,
    // and the ranges only tell busy from idle — above what the idle one may show, at most
    // one CPU (with rounding).
    for (pid, run, lo, hi) in [(busy.pid, r1 - r0, 2.5, 110.0), (idle.pid, i1 - i0, 0.0, 2.0)] {
        let (a, b) = (s1.process(pid).unwrap(), s2.process(pid).unwrap());
        let pct = v(&b.cpu_percent);
        let ticks = (v(&b.cpu_user_ticks) + v(&b.cpu_system_ticks)) - (v(&a.cpu_user_ticks) + v(&a.cpu_system_ticks));
        let want = ticks as f64 / clock_ticks() as f64 / dt * 100.0;
        assert!((pct - want).abs() < 1e-6, "pid {pid}: cpu_percent {pct} = Δticks / ticks_per_s / Δt ({want})");
        // The scheduler's own nanosecond run time agrees, up to tick rounding.
        let sched = run as f64 / 1e9 / dt * 100.0;
        assert!((pct - sched).abs() <= 6.0, "pid {pid}: cpu_percent {pct} vs schedstat run time {sched:.1} %");
        assert!((lo..=hi).contains(&pct), "pid {pid}: cpu_percent {pct} not in {lo}..{hi} (a loaded machine?)");
    }
}

/// Tests that need a CPU to themselves take turns.
static CPU_HEAVY: std::sync::Mutex<()> = std::sync::Mutex::new(());

/// environ is `disabled` for every process unless asked for.
#[test]
fn environ_is_disabled_unless_asked() {
    let kid = Kid::spawn(Command::new("/bin/sleep").arg("1000").env("LP_SECRET", "hunter2"));
    let opts = ProcessOptions { pids: None, ..ProcessOptions::everything() };
    let snap = snapshot(&mut probe_with(opts));
    assert!(snap.processes().len() > 2);
    for p in snap.processes() {
        assert_eq!(p.environ, Field::Missing(Reason::Disabled), "environ of {}", p.pid);
    }
    assert!(!snap.to_json().contains("hunter2"), "the secret is nowhere in the JSON");
    let asked = snapshot(&mut probe(&[kid.pid()], ProcessOptions { environ: true, ..ProcessOptions::default() }));
    let env = v(&asked.process(kid.pid()).unwrap().environ);
    assert_eq!(env.get(b"LP_SECRET".as_slice()), Some(&ByteStr::from("hunter2")));
}

/// Kernel threads are listed, flagged, and have no executable (`kernel_thread`).
#[test]
fn kernel_threads_have_no_executable() {
    let snap = snapshot(&mut probe_with(ProcessOptions { smaps_rollup: true, ..ProcessOptions::default() }));
    let kthreadd = snap.process(2).expect("kthreadd (pid 2) is listed");
    assert_eq!(kthreadd.name, "kthreadd");
    assert_eq!(kthreadd.ppid, Field::Value(0));
    assert_eq!(kthreadd.is_kernel_thread, Field::Value(true));
    let mut n = 0;
    for p in snap.processes() {
        let Some(o) = Oracle::try_read(p.pid) else { continue };
        if o.stat[2].as_slice() != p.name.as_bytes() {
            continue; // pid reused meanwhile
        }
        let kthread = o.stat_u(9) as u32 & PF_KTHREAD != 0;
        assert_eq!(p.is_kernel_thread, Field::Value(kthread), "pid {} ({})", p.pid, p.name);
        if kthread {
            n += 1;
            assert_eq!(p.exe.reason(), Some(Reason::KernelThread), "exe of kernel thread {}", p.pid);
            assert_eq!(p.memory_pss.reason(), Some(Reason::KernelThread), "pss of kernel thread {}", p.pid);
            assert_eq!(p.cmdline, Field::Value(vec![]), "a kernel thread has no arguments (documented: empty)");
        }
    }
    assert!(n >= 2, "{n} kernel threads");
}

/// A pid that is gone (reaped, or never existed) is left out without an error or a
/// warning, while live pids asked for with it are reported.
#[test]
fn exited_pid_never_appears_and_never_errors() {
    let dead = {
        let mut c = Command::new("/bin/true").spawn().unwrap();
        let pid = c.id() as i32;
        c.wait().unwrap();
        pid
    };
    let live = Kid::spawn(Command::new("/bin/sleep").arg("1000"));
    let snap = snapshot(&mut probe(&[dead, live.pid(), i32::MAX, 0, -1], ProcessOptions::everything()));
    let pids: Vec<i32> = snap.processes().iter().map(|p| p.pid).collect();
    assert_eq!(pids, [live.pid()]);

    // Processes exiting while a full scan runs: none of the reaped ones may appear, and
    // nothing may warn.
    let mut probe = probe_with(ProcessOptions { pids: None, ..ProcessOptions::everything() });
    for _ in 0..3 {
        let kids: Vec<Child> = (0..20).map(|_| Command::new("/bin/true").spawn().unwrap()).collect();
        let snap = snapshot(&mut probe);
        let reaped: Vec<i32> = kids
            .into_iter()
            .map(|mut c| {
                c.wait().unwrap();
                c.id() as i32
            })
            .collect();
        // Exited but not yet reaped children are zombies; once reaped a second scan must
        // not show them.
        let again = snapshot(&mut probe);
        for pid in reaped {
            if let Some(p) = again.process(pid) {
                assert!(
                    p.start_time != snap.process(pid).map_or(u64::MAX, |q| q.start_time),
                    "pid {pid} was reaped but is still reported with its old identity"
                );
            }
        }
    }
}

/// The limits that bind through the cgroup path: a child in two nested test cgroups,
/// with the outer one tighter for memory and pids and the inner one for CPU.
#[test]
fn cgroup_limits_of_a_child_in_test_cgroups() {
    if !root("cgroup_limits_of_a_child_in_test_cgroups") {
        return;
    }
    let kid = Kid::spawn(Command::new("/bin/sleep").arg("1000"));
    let pid = kid.pid();
    wait_sleeping(pid);
    let unified_only = Path::new("/sys/fs/cgroup/cgroup.controllers").exists();
    let cg = if unified_only { TestCgroups::v2(pid) } else { TestCgroups::v1(pid) };
    let Some(cg) = cg else {
        return;
    };
    let before_usage = cg.memory_current();
    let snap = snapshot(&mut probe(&[pid], ProcessOptions::default()));
    let after_usage = cg.memory_current();
    let p = snap.process(pid).unwrap();
    let CgroupLimits {
        version,
        path,
        cpu_max_quota_us,
        cpu_max_period_us,
        cpu_weight,
        memory_max,
        memory_high,
        memory_swap_max,
        memory_current,
        pids_max,
        pids_current,
        io_max,
        cpu_pressure,
        memory_pressure,
        io_pressure,
        irq_pressure,
    } = (*v(&p.cgroup_limits)).clone();
    let (want_path, want_controllers) = cgroup_oracle(pid);
    assert_eq!(p.cgroup_path, Field::Value(want_path));
    assert_eq!(p.cgroup_controllers, Field::Value(want_controllers.into()));
    assert_eq!(version, cg.version);
    assert_eq!(path, ByteStr::from(cg.limits_path.as_str()), "the cgroup the limits come from");
    assert_eq!((cpu_max_quota_us, cpu_max_period_us), (Field::Value(20_000), Field::Value(50_000)), "inner cpu");
    assert_eq!(p.cpu_time_limit, Field::Value(20_000));
    assert_eq!(cpu_weight, Field::Value(200), "cpu.weight 200 (v1: cpu.shares 2048)");
    assert_eq!(memory_max, Field::Value(cg.want_memory_max), "the tightest memory limit on the path");
    assert_eq!(pids_max, Field::Value(50), "outer pids.max");
    assert_eq!(pids_current, Field::Value(1));
    between("memory_current", before_usage, v(&memory_current), after_usage);
    if version == 2 {
        assert_eq!(memory_high, Field::Value(200 << 20));
        assert_eq!(io_max, Field::Value(vec![]));
        let swap_max = if Path::new(&cg.outer).join("memory.swap.max").exists() { 0 } else { u64::MAX };
        assert_eq!(memory_swap_max, Field::Value(swap_max));
    } else {
        for (name, f) in [("memory_high", &memory_high), ("memory_swap_max", &memory_swap_max)] {
            assert_eq!(f.reason(), Some(Reason::NotSupported), "{name} on cgroup v1");
        }
        assert_eq!(io_max.reason(), Some(Reason::NotSupported));
    }
    for (name, f) in
        [("cpu", &cpu_pressure), ("memory", &memory_pressure), ("io", &io_pressure), ("irq", &irq_pressure)]
    {
        let file = cg.pressure_file(name);
        match f {
            Field::Value(pr) => {
                let total = pressure_some_total(&file)
                    .unwrap_or_else(|| panic!("{name} pressure has a value but {file} does not"));
                assert!(v(&pr.some.total_us) <= total, "{name} pressure total {:?} <= now {total}", pr.some.total_us);
                for x in [v(&pr.some.avg10), v(&pr.some.avg60), v(&pr.some.avg300)] {
                    assert!((0.0..=100.0).contains(&x), "{name} pressure average {x}");
                }
            }
            Field::Missing(r) => {
                assert!(pressure_some_total(&file).is_none(), "{name} pressure missing ({r:?}) but {file} is readable");
                assert_eq!(*r, Reason::NotSupported);
            }
        }
    }
    drop(kid);
    drop(cg);
}

/// schedstat and stat delays always; taskstats totals when asked (as root), or
/// `not_enabled` while the `kernel.task_delayacct` sysctl is off.
#[test]
fn delay_accounting_of_a_contended_child() {
    if !root("delay_accounting_of_a_contended_child") {
        return;
    }
    // Two busy loops on CPU 0 wait for each other: run-queue delay grows.
    let pin = |_: &mut [u64; 4]| {
        // SAFETY: plain syscalls on local values in the forked child.
        unsafe {
            let mut set: libc::cpu_set_t = std::mem::zeroed();
            libc::CPU_SET(0, &mut set);
            check(libc::sched_setaffinity(0, std::mem::size_of::<libc::cpu_set_t>(), &set))
        }
    };
    let _cpu = CPU_HEAVY.lock().unwrap_or_else(|e| e.into_inner());
    let a = fork_child_then(pin, spin_forever);
    let _b = fork_child_then(pin, spin_forever);
    std::thread::sleep(Duration::from_millis(300));
    let before = Oracle::read(a.pid);
    let opts = ProcessOptions { taskstats: true, ..ProcessOptions::default() };
    let snap = snapshot(&mut probe(&[a.pid], opts));
    let after = Oracle::read(a.pid);
    let d = snap.process(a.pid).unwrap().delay.clone();
    check_schedstat_delays(&before, &d, &after);
    assert!(v(&d.cpu_run_delay_ns) > 0, "contended: it waited for the CPU");
    let DelayAccounting {
        cpu_run_time_ns: _,
        cpu_run_delay_ns: _,
        cpu_timeslices: _,
        blkio_delay_ticks: _,
        cpu_delay_total_ns,
        cpu_delay_count,
        blkio_delay_total_ns,
        blkio_delay_count,
        swapin_delay_total_ns,
        swapin_delay_count,
        freepages_delay_total_ns,
        freepages_delay_count,
        thrashing_delay_total_ns,
        thrashing_delay_count,
        compact_delay_total_ns,
        compact_delay_count,
        wpcopy_delay_total_ns,
        wpcopy_delay_count,
        irq_delay_total_ns,
        irq_delay_count,
    } = d;
    let taskstats = [
        &cpu_delay_total_ns,
        &cpu_delay_count,
        &blkio_delay_total_ns,
        &blkio_delay_count,
        &swapin_delay_total_ns,
        &swapin_delay_count,
        &freepages_delay_total_ns,
        &freepages_delay_count,
        &thrashing_delay_total_ns,
        &thrashing_delay_count,
        &compact_delay_total_ns,
        &compact_delay_count,
        &wpcopy_delay_total_ns,
        &wpcopy_delay_count,
        &irq_delay_total_ns,
        &irq_delay_count,
    ];
    let enabled = fs::read_to_string("/proc/sys/kernel/task_delayacct").map(|s| s.trim() != "0").unwrap_or(false);
    if !enabled {
        for f in taskstats {
            assert_eq!(*f, Field::Missing(Reason::NotEnabled), "taskstats with kernel.task_delayacct = 0");
        }
        return;
    }
    // taskstats' CPU delay is the scheduler's run delay, and its count the timeslices.
    between("cpu_delay_total_ns", before.schedstat[1], v(&cpu_delay_total_ns), after.schedstat[1]);
    between("cpu_delay_count", before.schedstat[2], v(&cpu_delay_count), after.schedstat[2]);
    // A busy loop without I/O or memory pressure waits for nothing else.
    for (name, f) in [
        ("blkio", &blkio_delay_count),
        ("swapin", &swapin_delay_count),
        ("freepages", &freepages_delay_count),
        ("thrashing", &thrashing_delay_count),
        ("compact", &compact_delay_count),
    ] {
        assert_eq!(*f, Field::Value(0), "{name}_delay_count");
    }
    for f in [&blkio_delay_total_ns, &swapin_delay_total_ns, &freepages_delay_total_ns, &thrashing_delay_total_ns] {
        assert_eq!(*f, Field::Value(0));
    }
    for f in
        [&compact_delay_total_ns, &wpcopy_delay_total_ns, &wpcopy_delay_count, &irq_delay_total_ns, &irq_delay_count]
    {
        assert!(f.is_value() || f.reason() == Some(Reason::NotSupported), "{f:?}");
    }
}

/// Option `via`: the `iter/task` path gives the same `stat` fields, namespaces,
/// `schedstat` and `oom_score_adj` as `/proc`, for quiet processes read back to back (root
/// only: the iterator needs CAP_BPF and CAP_PERFMON); with `status` and those (each process
/// opened in `/proc`, those from the iterator) and with `stat` alone (none opened).
#[test]
fn via_bpf_gives_what_via_proc_gives() {
    use libprobe::process::{StatFrom, Via};
    let kids: Vec<Kid> = (0..3).map(|_| Kid::spawn(Command::new("sleep").arg("60"))).collect();
    let pids: Vec<i32> = kids.iter().map(|k| k.pid()).collect();
    for status in [true, false] {
        let table = |via| ProcessOptions {
            via,
            namespaces: status,
            schedstat: status,
            oom: status,
            ..ProcessOptions::table(status, false)
        };
        let mut bpf = probe(&pids, table(Via::Bpf));
        let mut proc = probe(&pids, table(Via::Proc));
        let a = bpf.snapshot();
        let st = a.status(DomainName::Process).unwrap();
        if st.warnings.iter().any(|w| w.contains("process.via = bpf")) {
            eprintln!("SKIPPED via_bpf_gives_what_via_proc_gives: {:?}", st.warnings);
            return;
        }
        let b = snapshot(&mut proc);
        let (a, b) = (a.processes(), b.processes());
        assert_eq!(a.len(), pids.len());
        for (x, y) in a.iter().zip(b) {
            assert_eq!((x.stat_from, y.stat_from), (StatFrom::BpfIter, StatFrom::ProcStat));
            // Everything else equal: these sleep all along.
            let mut x = x.clone();
            x.stat_from = StatFrom::ProcStat;
            assert_eq!(&x, y, "status {status}");
        }
    }
}

/// With `stat` alone and every process, the iterator's list is the table: it holds what
/// `/proc` lists (pid 1 too, which the kernel may not hand to the iterator), each once.
#[test]
fn via_bpf_stat_only_lists_what_proc_lists() {
    use libprobe::process::Via;
    let kid = Kid::spawn(Command::new("sleep").arg("60"));
    let table = |via| ProcessOptions { via, ..ProcessOptions::table(false, false) };
    let mut bpf = probe_with(table(Via::Bpf));
    let before: std::collections::BTreeSet<i32> = proc_pids();
    let names_before = stat_names(&before);
    let a = bpf.snapshot();
    let after = proc_pids();
    let names_after = stat_names(&after);
    let st = a.status(DomainName::Process).unwrap();
    if st.warnings.iter().any(|w| w.contains("process.via = bpf")) {
        eprintln!("SKIPPED via_bpf_stat_only_lists_what_proc_lists: {:?}", st.warnings);
        return;
    }
    let got: Vec<i32> = a.processes().iter().map(|p| p.pid).collect();
    let mut sorted = got.clone();
    sorted.dedup();
    assert_eq!(got, sorted, "ascending, each once");
    let got: std::collections::BTreeSet<i32> = got.into_iter().collect();
    // Every process alive before and after the snapshot is in it.
    for pid in before.intersection(&after) {
        assert!(got.contains(pid), "pid {pid} is in /proc but not in the table");
    }
    assert!(got.contains(&1) && got.contains(&kid.pid()));

    // A kernel thread's name is its /proc name (its `comm` file, not the iterator's
    // 16-byte `comm`): equal to what `stat` printed, where that did not change meanwhile
    // (a workqueue worker's `+desc` follows its work).
    let mut compared = 0;
    for p in a.processes().iter().filter(|p| p.is_kernel_thread == Field::Value(true)) {
        let (Some(b), Some(c)) = (names_before.get(&p.pid), names_after.get(&p.pid)) else { continue };
        if b == c {
            assert_eq!(p.name.as_bytes(), &b[..], "pid {}", p.pid);
            compared += 1;
        }
    }
    assert!(compared >= 1, "no kernel thread compared (kthreadd is pid 2)");
}

/// The name `/proc/<pid>/stat` prints for each of `pids` that is still there.
fn stat_names(pids: &std::collections::BTreeSet<i32>) -> std::collections::BTreeMap<i32, Vec<u8>> {
    let mut names = std::collections::BTreeMap::new();
    for &pid in pids {
        let Ok(stat) = fs::read(format!("/proc/{pid}/stat")) else { continue };
        let (Some(open), Some(close)) = (stat.iter().position(|&b| b == b'('), stat.iter().rposition(|&b| b == b')'))
        else {
            continue;
        };
        names.insert(pid, stat[open + 1..close].to_vec());
    }
    names
}

fn proc_pids() -> std::collections::BTreeSet<i32> {
    fs::read_dir("/proc").unwrap().filter_map(|e| e.ok()?.file_name().to_str()?.parse().ok()).collect()
}

// ---------------------------------------------------------------------------------------
// Probing
// ---------------------------------------------------------------------------------------

fn full_options() -> ProcessOptions {
    ProcessOptions {
        status: true,
        io: true,
        cmdline: true,
        paths: true,
        limits: true,
        oom: true,
        schedstat: true,
        fd_count: true,
        namespaces: true,
        cgroup: true,
        fds: true,
        maps: true,
        smaps_rollup: true,
        environ: true,
        taskstats: false,
        cgroup_limits: true,
        pids: None,
        via: libprobe::process::Via::Auto,
        threads: 0,
        cmdline_scrub: true,
        cmdline_scrub_words: Vec::new(),
    }
}

fn probe(pids: &[i32], opts: ProcessOptions) -> Probe {
    probe_with(ProcessOptions { pids: Some(pids.to_vec()), ..opts })
}

fn probe_with(process: ProcessOptions) -> Probe {
    Probe::new(Options { domains: Domains::NONE.with(DomainName::Process), process, ..Options::default() })
}

fn probe_for_self() -> Probe {
    probe(&[std::process::id() as i32], ProcessOptions::default())
}

/// A snapshot whose process domain was collected without a warning.
fn snapshot(probe: &mut Probe) -> Snapshot {
    let snap = probe.snapshot();
    let st = snap.status(DomainName::Process).unwrap();
    assert_eq!(st.state, libprobe::DomainState::Collected, "process domain: {:?}", st);
    assert!(st.warnings.is_empty() && st.warnings_dropped == 0, "process domain warnings: {:?}", st.warnings);
    snap
}

/// The value of a field the test expects to be there.
#[track_caller]
fn v<T: Clone>(f: &Field<T>) -> T {
    match f {
        Field::Value(x) => x.clone(),
        Field::Missing(r) => panic!("expected a value, got missing ({r:?})"),
    }
}

/// A counter read between two reads of the kernel's file.
#[track_caller]
fn between(what: &str, before: u64, got: u64, after: u64) {
    let (lo, hi) = (before.min(after), before.max(after));
    assert!(lo <= got && got <= hi, "{what}: {got} not between the kernel's {before} and {after}");
}

fn root(test: &str) -> bool {
    // SAFETY: geteuid cannot fail.
    let euid = unsafe { libc::geteuid() };
    if euid != 0 {
        eprintln!("SKIPPED {test}: needs root");
    }
    euid == 0
}

// ---------------------------------------------------------------------------------------
// Children: spawned (with exec) and forked (without), always killed and reaped
// ---------------------------------------------------------------------------------------

/// A spawned child, killed and reaped on drop.
struct Kid(Child);

impl Kid {
    /// Spawns, retrying while another test's fork still holds a just-written executable
    /// open for writing (ETXTBSY).
    fn spawn(cmd: &mut Command) -> Kid {
        for _ in 0..100 {
            match cmd.spawn() {
                Ok(c) => return Kid(c),
                Err(e) if e.raw_os_error() == Some(libc::ETXTBSY) => std::thread::sleep(Duration::from_millis(10)),
                Err(e) => panic!("spawning {cmd:?}: {e}"),
            }
        }
        panic!("spawning {cmd:?}: still ETXTBSY");
    }

    fn pid(&self) -> i32 {
        self.0.id() as i32
    }
}

impl Drop for Kid {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

/// A pid we did not spawn (a grandchild), killed on drop; its parent reaps it.
struct KillOnDrop(i32);

impl Drop for KillOnDrop {
    fn drop(&mut self) {
        // SAFETY: kill has no memory effects.
        unsafe { libc::kill(self.0, libc::SIGKILL) };
    }
}

/// A forked child running a copy of this test process: killed and reaped on drop.
struct Forked {
    pid: i32,
    /// Four numbers the child's setup reported (addresses and such).
    report: [u64; 4],
}

impl Drop for Forked {
    fn drop(&mut self) {
        // SAFETY: kill and waitpid on our own child.
        unsafe {
            libc::kill(self.pid, libc::SIGKILL);
            libc::waitpid(self.pid, std::ptr::null_mut(), 0);
        }
    }
}

/// Forks a child that runs `setup` then sleeps in pause(); returns once setup is done.
fn fork_child(setup: impl FnOnce(&mut [u64; 4]) -> std::io::Result<()>) -> Forked {
    let kid = fork_child_then(setup, pause_forever);
    wait_sleeping(kid.pid);
    kid
}

/// Forks a child that runs `setup` (async-signal-safe calls only: the parent has
/// threads), reports how it went over a pipe, then runs `body`.
fn fork_child_then(setup: impl FnOnce(&mut [u64; 4]) -> std::io::Result<()>, body: fn() -> !) -> Forked {
    let (r, w) = pipe();
    // SAFETY: the child only makes syscalls and exits or loops; it never returns into the
    // test harness.
    let pid = unsafe { libc::fork() };
    assert!(pid >= 0, "fork: {}", std::io::Error::last_os_error());
    if pid == 0 {
        let mut msg = [0u64; 5];
        let mut report = [0u64; 4];
        let result = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| setup(&mut report)));
        msg[0] = match result {
            Ok(Ok(())) => 0,
            Ok(Err(e)) => e.raw_os_error().unwrap_or(-1) as u64 | 1 << 32,
            Err(_) => 2 << 32,
        };
        msg[1..].copy_from_slice(&report);
        // SAFETY: write and _exit are async-signal-safe.
        unsafe {
            libc::write(w.as_raw_fd(), msg.as_ptr().cast(), std::mem::size_of_val(&msg));
            if msg[0] != 0 {
                libc::_exit(99);
            }
        }
        body();
    }
    drop(w);
    let mut buf = [0u8; 40];
    let mut f = fs::File::from(r);
    f.read_exact(&mut buf).expect("the child reports");
    let msg: Vec<u64> = buf.chunks(8).map(|c| u64::from_ne_bytes(c.try_into().unwrap())).collect();
    let kid = Forked { pid, report: [msg[1], msg[2], msg[3], msg[4]] };
    assert_eq!(msg[0], 0, "child setup failed (errno {})", msg[0] as u32);
    kid
}

fn pause_forever() -> ! {
    loop {
        // SAFETY: pause has no memory effects.
        unsafe { libc::pause() };
    }
}

fn spin_forever() -> ! {
    let mut x = 0u64;
    loop {
        x = std::hint::black_box(x.wrapping_add(1));
    }
}

fn exit_now() -> ! {
    // SAFETY: _exit ends the forked child without running the parent's destructors.
    unsafe { libc::_exit(0) }
}

/// Waits until the process sleeps (state S), as a child blocked in its final call does.
fn wait_sleeping(pid: i32) {
    wait_for("the child to sleep", || {
        let o = Oracle::try_read(pid)?;
        (o.stat[3] == b"S").then_some(())
    });
}

#[track_caller]
fn wait_for<T>(what: &str, mut f: impl FnMut() -> Option<T>) -> T {
    let start = Instant::now();
    loop {
        if let Some(v) = f() {
            return v;
        }
        assert!(start.elapsed() < Duration::from_secs(10), "timed out waiting for {what}");
        std::thread::sleep(Duration::from_millis(5));
    }
}

// ---------------------------------------------------------------------------------------
// Descriptors and syscalls
// ---------------------------------------------------------------------------------------

/// In a child between fork and exec: places each `(ours, theirs)` descriptor at
/// `theirs`, without close-on-exec. Copies go above 200 first, so a target number that
/// is also a source is not overwritten before it is copied.
fn move_fds(fds: &[(RawFd, i32)]) -> std::io::Result<()> {
    let mut tmp = [0; 16];
    for (i, &(src, _)) in fds.iter().enumerate() {
        // SAFETY: fcntl on a descriptor inherited from the parent.
        tmp[i] = unsafe { libc::fcntl(src, libc::F_DUPFD_CLOEXEC, 200) };
        check(tmp[i])?;
    }
    for (i, &(_, dst)) in fds.iter().enumerate() {
        // SAFETY: dup2 between descriptors of this process.
        check(unsafe { libc::dup2(tmp[i], dst) })?;
    }
    // Whatever else we inherited (a jobserver pipe from cargo, a terminal) closes at
    // exec, so the child holds exactly stdio and ours.
    let lo = fds.iter().map(|f| f.1).min().unwrap_or(3) as u32;
    let hi = fds.iter().map(|f| f.1).max().unwrap_or(3) as u32;
    const CLOSE_RANGE_CLOEXEC: u32 = 4;
    // SAFETY: close_range only changes descriptor flags.
    unsafe {
        check(libc::syscall(libc::SYS_close_range, 3u32, lo - 1, CLOSE_RANGE_CLOEXEC) as i32)?;
        check(libc::syscall(libc::SYS_close_range, hi + 1, u32::MAX, CLOSE_RANGE_CLOEXEC) as i32)?;
    }
    Ok(())
}

fn check(r: i32) -> std::io::Result<()> {
    if r < 0 { Err(std::io::Error::last_os_error()) } else { Ok(()) }
}

fn owned(fd: RawFd) -> OwnedFd {
    assert!(fd >= 0, "{}", std::io::Error::last_os_error());
    // SAFETY: a fresh descriptor that nothing else owns.
    unsafe { OwnedFd::from_raw_fd(fd) }
}

fn open(path: &Path, flags: i32) -> OwnedFd {
    let c = CString::new(path.as_os_str().as_bytes()).unwrap();
    // SAFETY: open on a NUL-terminated path.
    owned(unsafe { libc::open(c.as_ptr(), flags | libc::O_CLOEXEC) })
}

fn pipe() -> (OwnedFd, OwnedFd) {
    let mut p = [0; 2];
    // SAFETY: pipe2 writes two descriptors into the array.
    assert_eq!(unsafe { libc::pipe2(p.as_mut_ptr(), libc::O_CLOEXEC) }, 0);
    (owned(p[0]), owned(p[1]))
}

fn fstat(fd: RawFd) -> libc::stat {
    // SAFETY: fstat fills the zeroed struct.
    unsafe {
        let mut st: libc::stat = std::mem::zeroed();
        assert_eq!(libc::fstat(fd, &mut st), 0);
        st
    }
}

fn stat_path(path: &str) -> libc::stat {
    let c = CString::new(path).unwrap();
    // SAFETY: stat fills the zeroed struct.
    unsafe {
        let mut st: libc::stat = std::mem::zeroed();
        assert_eq!(libc::stat(c.as_ptr(), &mut st), 0, "stat {path}: {}", std::io::Error::last_os_error());
        st
    }
}

/// The mount id of what `path` refers to (following a /proc/<pid>/fd link).
fn statx_mnt_id(path: &str) -> u64 {
    let c = CString::new(path).unwrap();
    // SAFETY: statx fills the zeroed struct.
    unsafe {
        let mut st: libc::statx = std::mem::zeroed();
        assert_eq!(libc::statx(libc::AT_FDCWD, c.as_ptr(), 0, libc::STATX_MNT_ID, &mut st), 0, "statx {path}");
        assert_ne!(st.stx_mask & libc::STATX_MNT_ID, 0, "statx gave no mount id");
        st.stx_mnt_id
    }
}

fn sockprotoname(path: &str) -> String {
    let c = CString::new(path).unwrap();
    let mut buf = [0u8; 64];
    // SAFETY: getxattr writes at most buf.len() bytes.
    let n = unsafe { libc::getxattr(c.as_ptr(), c"system.sockprotoname".as_ptr(), buf.as_mut_ptr().cast(), buf.len()) };
    assert!(n > 0, "getxattr {path}: {}", std::io::Error::last_os_error());
    let s = &buf[..n as usize];
    String::from_utf8(s.strip_suffix(b"\0").unwrap_or(s).to_vec()).unwrap()
}

fn resuid() -> (u32, u32, u32) {
    let (mut r, mut e, mut s) = (0, 0, 0);
    // SAFETY: getresuid writes three ids.
    unsafe { libc::getresuid(&mut r, &mut e, &mut s) };
    (r, e, s)
}

fn resgid() -> (u32, u32, u32) {
    let (mut r, mut e, mut s) = (0, 0, 0);
    // SAFETY: getresgid writes three ids.
    unsafe { libc::getresgid(&mut r, &mut e, &mut s) };
    (r, e, s)
}

fn page_size() -> u64 {
    // SAFETY: sysconf has no memory effects.
    unsafe { libc::sysconf(libc::_SC_PAGESIZE) as u64 }
}

fn clock_ticks() -> u64 {
    // SAFETY: sysconf has no memory effects.
    unsafe { libc::sysconf(libc::_SC_CLK_TCK) as u64 }
}

fn unix_now() -> u64 {
    std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap().as_secs()
}

const PF_KTHREAD: u32 = 0x0020_0000;
const CAP_SYS_BOOT: u32 = 22;

fn bytes_of(p: &Path) -> ByteStr {
    ByteStr::from(p.as_os_str().as_bytes())
}

/// A fresh directory, removed on drop; its path is canonical (cwd and fd links are).
struct TempDir(PathBuf);

impl TempDir {
    fn new(tag: &str) -> TempDir {
        static N: AtomicUsize = AtomicUsize::new(0);
        let n = N.fetch_add(1, Ordering::Relaxed);
        let p = std::env::temp_dir().join(format!("libprobe-live-{tag}-{}-{n}", std::process::id()));
        let _ = fs::remove_dir_all(&p);
        fs::create_dir(&p).unwrap();
        TempDir(fs::canonicalize(&p).unwrap())
    }

    fn path(&self) -> &Path {
        &self.0
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = fs::remove_dir_all(&self.0);
    }
}

// ---------------------------------------------------------------------------------------
// Test cgroups
// ---------------------------------------------------------------------------------------

/// Two nested cgroups holding one child, removed on drop (after the child is gone).
struct TestCgroups {
    version: u8,
    /// Directories to remove, innermost first.
    dirs: Vec<PathBuf>,
    outer: PathBuf,
    /// The memory cgroup's directory (usage is read there).
    memory_dir: PathBuf,
    /// The cgroup path the limits are read from, as /proc/<pid>/cgroup shows it.
    limits_path: String,
    want_memory_max: u64,
}

impl TestCgroups {
    /// cgroup v1: outer memory 256 MiB and pids 50, inner cpu 20 ms per 50 ms and
    /// shares 2048; inner memory 512 MiB and pids 100, outer cpu 50 per 100 ms.
    fn v1(pid: i32) -> Option<TestCgroups> {
        let own = fs::read_to_string("/proc/self/cgroup").unwrap();
        let own_path = |controller: &str| {
            own.lines().find_map(|l| {
                let mut parts = l.splitn(3, ':');
                let (_, ctrls, path) = (parts.next()?, parts.next()?, parts.next()?);
                ctrls.split(',').any(|c| c == controller).then(|| path.to_owned())
            })
        };
        let name = format!("libprobe-live-{}", std::process::id());
        let mut cg = TestCgroups {
            version: 1,
            dirs: Vec::new(),
            outer: PathBuf::new(),
            memory_dir: PathBuf::new(),
            limits_path: String::new(),
            want_memory_max: 0,
        };
        for controller in ["memory", "cpu", "pids"] {
            let Some(base) = own_path(controller) else {
                eprintln!("SKIPPED cgroup test: no v1 {controller} controller and no unified hierarchy");
                return None;
            };
            let mount = Path::new("/sys/fs/cgroup").join(controller);
            let outer = mount.join(base.trim_start_matches('/')).join(&name);
            let inner = outer.join("inner");
            fs::create_dir_all(&inner).unwrap();
            cg.dirs.push(inner.clone());
            cg.dirs.push(outer.clone());
            let w = |dir: &Path, file: &str, value: &str| {
                fs::write(dir.join(file), value).unwrap_or_else(|e| panic!("{}/{file}: {e}", dir.display()))
            };
            match controller {
                "memory" => {
                    w(&outer, "memory.limit_in_bytes", "268435456");
                    w(&inner, "memory.limit_in_bytes", "536870912");
                    cg.memory_dir = inner.clone();
                    cg.limits_path = format!("{}/{name}/inner", base.trim_end_matches('/'));
                    // Tightest on the path, ancestors included (the kernel's "unlimited"
                    // is a huge number, never the minimum here).
                    cg.want_memory_max = ancestors(&inner, &mount)
                        .filter_map(|d| read_u64(&d.join("memory.limit_in_bytes")))
                        .min()
                        .unwrap();
                    cg.outer = outer.clone();
                }
                "cpu" => {
                    w(&outer, "cpu.cfs_quota_us", "50000");
                    w(&inner, "cpu.cfs_period_us", "50000");
                    w(&inner, "cpu.cfs_quota_us", "20000");
                    w(&inner, "cpu.shares", "2048");
                }
                _ => {
                    w(&outer, "pids.max", "50");
                    w(&inner, "pids.max", "100");
                }
            }
            w(&inner, "cgroup.procs", &pid.to_string());
        }
        Some(cg)
    }

    /// cgroup v2: the same limits, plus memory.high 200 MiB and swap 0, in a cgroup
    /// under the root (the only place controllers can be enabled for a new subtree).
    fn v2(pid: i32) -> Option<TestCgroups> {
        let root = Path::new("/sys/fs/cgroup");
        let available = fs::read_to_string(root.join("cgroup.subtree_control")).unwrap_or_default();
        for c in ["memory", "cpu", "pids"] {
            if !available.split_whitespace().any(|x| x == c) {
                eprintln!("SKIPPED cgroup test: the root cgroup does not delegate {c}");
                return None;
            }
        }
        let name = format!("libprobe-live-{}", std::process::id());
        let outer = root.join(&name);
        let inner = outer.join("inner");
        fs::create_dir_all(&inner).unwrap();
        let w = |dir: &Path, file: &str, value: &str| {
            fs::write(dir.join(file), value).unwrap_or_else(|e| panic!("{}/{file}: {e}", dir.display()))
        };
        w(&outer, "cgroup.subtree_control", "+memory +cpu +pids");
        if available.split_whitespace().any(|x| x == "io") {
            let _ = fs::write(outer.join("cgroup.subtree_control"), "+io");
        }
        w(&outer, "memory.max", "268435456");
        w(&inner, "memory.max", "536870912");
        w(&inner, "memory.high", "209715200");
        if outer.join("memory.swap.max").exists() {
            w(&outer, "memory.swap.max", "0");
        }
        w(&outer, "cpu.max", "50000 100000");
        w(&inner, "cpu.max", "20000 50000");
        w(&inner, "cpu.weight", "200");
        w(&outer, "pids.max", "50");
        w(&inner, "pids.max", "100");
        w(&inner, "cgroup.procs", &pid.to_string());
        Some(TestCgroups {
            version: 2,
            dirs: vec![inner.clone(), outer.clone()],
            outer,
            memory_dir: inner,
            limits_path: format!("/{name}/inner"),
            want_memory_max: 256 << 20,
        })
    }

    fn memory_current(&self) -> u64 {
        let file = if self.version == 2 { "memory.current" } else { "memory.usage_in_bytes" };
        read_u64(&self.memory_dir.join(file)).unwrap()
    }

    /// Where the pressure of the child's cgroup is read: its v2 cgroup, or the system's
    /// for a process in the v2 root.
    fn pressure_file(&self, resource: &str) -> String {
        if self.version == 2 {
            self.memory_dir.join(format!("{resource}.pressure")).display().to_string()
        } else {
            format!("/proc/pressure/{resource}")
        }
    }
}

impl Drop for TestCgroups {
    fn drop(&mut self) {
        for d in &self.dirs {
            // A killed child leaves its cgroup a moment after it is reaped.
            for _ in 0..200 {
                if fs::remove_dir(d).is_ok() || !d.exists() {
                    break;
                }
                std::thread::sleep(Duration::from_millis(5));
            }
        }
    }
}

fn ancestors<'a>(dir: &'a Path, mount: &'a Path) -> impl Iterator<Item = &'a Path> {
    dir.ancestors().take_while(move |d| d.starts_with(mount))
}

fn read_u64(path: &Path) -> Option<u64> {
    fs::read_to_string(path).ok()?.trim().parse().ok()
}

fn pressure_some_total(path: &str) -> Option<u64> {
    let text = fs::read_to_string(path).ok()?;
    let line = text.lines().find(|l| l.starts_with("some "))?;
    line.split_whitespace().find_map(|kv| kv.strip_prefix("total=")?.parse().ok())
}

/// The cgroup path (the unified line's, else the first) and the controllers (the v2
/// cgroup's `cgroup.controllers`, then each v1 hierarchy's) of a process.
fn cgroup_oracle(pid: i32) -> (ByteStr, Vec<String>) {
    let text = fs::read_to_string(format!("/proc/{pid}/cgroup")).unwrap();
    let lines: Vec<(&str, &str, &str)> = text
        .lines()
        .map(|l| {
            let mut p = l.splitn(3, ':');
            (p.next().unwrap(), p.next().unwrap(), p.next().unwrap())
        })
        .collect();
    let unified = lines.iter().find(|l| l.0 == "0" && l.1.is_empty());
    let path = unified.or(lines.first()).unwrap().2;
    let mut controllers: Vec<String> = Vec::new();
    if let Some(u) = unified {
        let mounts = fs::read_to_string("/proc/self/mountinfo").unwrap();
        if let Some(mp) = mounts.lines().find(|l| l.contains(" - cgroup2 ")).and_then(|l| l.split(' ').nth(4)) {
            let file = Path::new(mp).join(u.2.trim_start_matches('/')).join("cgroup.controllers");
            controllers.extend(fs::read_to_string(file).unwrap_or_default().split_whitespace().map(str::to_owned));
        }
    }
    for l in lines.iter().filter(|l| l.0 != "0") {
        for c in l.1.split(',').filter(|c| !c.is_empty() && !c.starts_with("name=")) {
            if !controllers.iter().any(|x| x == c) {
                controllers.push(c.to_owned());
            }
        }
    }
    (ByteStr::from(path), controllers)
}

// ---------------------------------------------------------------------------------------
// The kernel's files, read plainly (the reference the collector is compared with)
// ---------------------------------------------------------------------------------------

/// One read of a process's stat, status, io, smaps_rollup and schedstat.
struct Oracle {
    /// stat fields by their proc(5) number: [1] pid, [2] comm, [3] state, …
    stat: Vec<Vec<u8>>,
    status: HashMap<String, String>,
    io: HashMap<String, u64>,
    /// smaps_rollup values in bytes.
    smaps: HashMap<String, u64>,
    schedstat: [u64; 3],
    pid: i32,
}

impl Oracle {
    #[track_caller]
    fn read(pid: i32) -> Oracle {
        Oracle::try_read(pid).unwrap_or_else(|| panic!("reading /proc/{pid}"))
    }

    fn try_read(pid: i32) -> Option<Oracle> {
        let raw = fs::read(format!("/proc/{pid}/stat")).ok()?;
        let open = raw.iter().position(|&b| b == b'(')?;
        let close = raw.iter().rposition(|&b| b == b')')?;
        let mut stat = vec![Vec::new(), raw[..open].trim_ascii().to_vec(), raw[open + 1..close].to_vec()];
        stat.extend(raw[close + 1..].split(|b| b.is_ascii_whitespace()).filter(|f| !f.is_empty()).map(<[u8]>::to_vec));
        let status = String::from_utf8_lossy(&fs::read(format!("/proc/{pid}/status")).ok()?)
            .lines()
            .filter_map(|l| l.split_once(':').map(|(k, v)| (k.to_owned(), v.trim().to_owned())))
            .collect();
        let io = fs::read_to_string(format!("/proc/{pid}/io"))
            .unwrap_or_default()
            .lines()
            .filter_map(|l| l.split_once(':').map(|(k, v)| (k.to_owned(), v.trim().parse().unwrap())))
            .collect();
        let smaps = fs::read_to_string(format!("/proc/{pid}/smaps_rollup"))
            .unwrap_or_default()
            .lines()
            .skip(1)
            .filter_map(|l| {
                let (k, v) = l.split_once(':')?;
                Some((k.to_owned(), v.trim().trim_end_matches(" kB").parse::<u64>().ok()? * 1024))
            })
            .collect();
        let ss: Vec<u64> = fs::read_to_string(format!("/proc/{pid}/schedstat"))
            .unwrap_or_default()
            .split_whitespace()
            .map(|x| x.parse().unwrap())
            .collect();
        let schedstat = [ss.first().copied()?, ss.get(1).copied()?, ss.get(2).copied()?];
        Some(Oracle { stat, status, io, smaps, schedstat, pid })
    }

    fn stat_u(&self, n: usize) -> u64 {
        let f = &self.stat[n];
        std::str::from_utf8(f).unwrap().parse().unwrap_or_else(|_| panic!("stat field {n} of {}", self.pid))
    }

    fn status_u(&self, key: &str) -> u64 {
        self.status.get(key).and_then(|v| v.parse().ok()).unwrap_or_else(|| panic!("status {key} of {}", self.pid))
    }

    fn status_kb(&self, key: &str) -> u64 {
        let v = self.status.get(key).unwrap_or_else(|| panic!("status {key} of {}", self.pid));
        v.trim_end_matches(" kB").parse::<u64>().unwrap() * 1024
    }

    fn status_hex(&self, key: &str) -> u64 {
        u64::from_str_radix(&self.status[key], 16).unwrap()
    }

    fn status_ints(&self, key: &str) -> Vec<i32> {
        self.status.get(key).map_or_else(Vec::new, |v| v.split_whitespace().map(|x| x.parse().unwrap()).collect())
    }

    fn single(&self, file: &str) -> u64 {
        read_u64(Path::new(&format!("/proc/{}/{file}", self.pid))).unwrap()
    }
}

fn fdinfo(pid: i32, fd: i32) -> HashMap<String, u64> {
    fs::read_to_string(format!("/proc/{pid}/fdinfo/{fd}"))
        .unwrap()
        .lines()
        .filter_map(|l| {
            let (k, v) = l.split_once(':')?;
            let v = v.trim();
            let n = if k == "flags" { u64::from_str_radix(v, 8).ok()? } else { v.parse().ok()? };
            Some((k.to_owned(), n))
        })
        .collect()
}

fn parse_maps_line(line: &[u8]) -> MemoryMap {
    let mut rest = line;
    let mut next = || {
        let s = rest.iter().position(|&b| b != b' ').unwrap_or(rest.len());
        rest = &rest[s..];
        let e = rest.iter().position(|&b| b == b' ').unwrap_or(rest.len());
        let (tok, r) = rest.split_at(e);
        rest = r;
        String::from_utf8(tok.to_vec()).unwrap()
    };
    let range = next();
    let (perms, offset, device, inode) = (next(), next(), next(), next());
    let (s, e) = range.split_once('-').unwrap();
    let s_path = rest.iter().position(|&b| b != b' ').unwrap_or(rest.len());
    MemoryMap {
        start_addr: u64::from_str_radix(s, 16).unwrap(),
        end_addr: u64::from_str_radix(e, 16).unwrap(),
        permissions: perms,
        offset: Field::Value(u64::from_str_radix(&offset, 16).unwrap()),
        device,
        inode: Field::Value(inode.parse().unwrap()),
        pathname: ByteStr::from(&rest[s_path..]),
    }
}

fn ns_inode(pid: &str, ns: &str) -> u64 {
    let link = fs::read_link(format!("/proc/{pid}/ns/{ns}")).unwrap();
    let s = link.to_str().unwrap();
    s[s.find('[').unwrap() + 1..s.len() - 1].parse().unwrap()
}

fn btime() -> u64 {
    let stat = fs::read_to_string("/proc/stat").unwrap();
    stat.lines().find_map(|l| l.strip_prefix("btime ")).unwrap().trim().parse().unwrap()
}

fn mem_total() -> u64 {
    let m = fs::read_to_string("/proc/meminfo").unwrap();
    let l = m.lines().find_map(|l| l.strip_prefix("MemTotal:")).unwrap();
    l.trim().trim_end_matches(" kB").parse::<u64>().unwrap() * 1024
}
