//! Hostile inputs, in-process: what a broken, copied or malicious tree can do must end in
//! bounded time, bounded memory, and values or reasons — never a hang, a silent loss or
//! an invented value. Each case runs the snapshot on a watchdog thread: a case that does
//! not answer in time fails instead of hanging the test run.
//!
//! `tests/hostile/run.py` (make test-hostile) runs the same kinds of tree through the
//! `probe` command, with exit status, time and peak RSS, and the stalled-FUSE mount.
#![cfg(linux_kernel)]

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use libprobe::{DomainName, DomainState, Domains, Field, NetNamespaceTarget, Options, Probe, ProcessOptions, Reason};
use libprobe::{NetworkOptions, Snapshot, Source};

fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/fixtures")
}

/// A scratch tree, removed on drop.
struct Tree(PathBuf);

impl Tree {
    fn new(name: &str) -> Tree {
        static N: AtomicUsize = AtomicUsize::new(0);
        let n = N.fetch_add(1, Ordering::Relaxed);
        let dir = std::env::temp_dir().join(format!("libprobe-hostile-{name}-{}-{n}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        Tree(dir)
    }

    /// A copy of a fixture tree.
    fn copy_of(name: &str, fixture: &str) -> Tree {
        let t = Tree::new(name);
        std::fs::remove_dir(&t.0).unwrap();
        let status = std::process::Command::new("cp").arg("-a").arg(fixtures().join(fixture)).arg(&t.0).status();
        assert!(status.unwrap().success());
        t
    }

    fn write(&self, rel: &str, data: impl AsRef<[u8]>) {
        let p = self.0.join(rel);
        std::fs::create_dir_all(p.parent().unwrap()).unwrap();
        std::fs::write(p, data).unwrap();
    }

    fn fifo(&self, rel: &str) {
        let p = self.0.join(rel);
        std::fs::create_dir_all(p.parent().unwrap()).unwrap();
        let _ = std::fs::remove_file(&p);
        let c = std::ffi::CString::new(p.as_os_str().as_encoded_bytes()).unwrap();
        // SAFETY: `c` is a valid C string.
        assert_eq!(unsafe { libc::mkfifo(c.as_ptr(), 0o600) }, 0, "mkfifo {}", p.display());
    }
}

impl Drop for Tree {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

/// Runs `f` on a thread and waits at most `limit` for it.
fn within<T: Send + 'static>(limit: Duration, what: &str, f: impl FnOnce() -> T + Send + 'static) -> (T, Duration) {
    let (tx, rx) = std::sync::mpsc::channel();
    let t0 = Instant::now();
    std::thread::spawn(move || {
        let _ = tx.send(f());
    });
    match rx.recv_timeout(limit) {
        Ok(v) => (v, t0.elapsed()),
        Err(_) => panic!("{what}: no answer within {limit:?} (a hang)"),
    }
}

fn snapshot(options: Options, what: &str) -> Snapshot {
    within(Duration::from_secs(20), what, move || Probe::new(options).snapshot()).0
}

fn warnings(s: &Snapshot, d: DomainName) -> Vec<String> {
    s.status(d).map(|st| st.warnings.clone()).unwrap_or_default()
}

fn options(src: Source, domains: Domains) -> Options {
    Options { source: src, domains, ..Options::default() }
}

fn system_and_process() -> Domains {
    Domains::NONE.with(DomainName::System).with(DomainName::Process)
}

#[test]
fn fifos_under_every_root_are_refused_not_waited_on() {
    let t = Tree::copy_of("fifo", "linux-6.18-vm/t1");
    for f in
        ["proc/stat", "proc/meminfo", "proc/loadavg", "proc/1/status", "proc/1/io", "sys/devices/system/cpu/online"]
    {
        t.fifo(f);
    }
    t.fifo("syscalls.txt");
    let s = snapshot(options(Source::rooted_at(&t.0), system_and_process()), "FIFOs in a fixture");
    let sys = s.system.value().expect("the system domain is collected");
    assert_eq!(sys.cpu_total.reason(), Some(Reason::Error));
    let w = warnings(&s, DomainName::System);
    assert!(w.iter().any(|w| w.contains("proc/stat") && w.contains("a FIFO, not a regular file")), "{w:?}");
    assert!(w.iter().any(|w| w.contains("syscalls.txt") && w.contains("FIFO")), "{w:?}");
    let p1 = s.process(1).expect("pid 1 is kept");
    assert_eq!(p1.io_read_bytes.reason(), Some(Reason::Error));
    // The same through host roots (LIBPROBE_PROCFS-style): a FIFO procfs root itself.
    let root = Tree::new("fifo-root");
    root.fifo("proc");
    let src = Source::host().with_procfs(root.0.join("proc")).with_sysfs(root.0.join("sys"));
    let s = snapshot(options(src, system_and_process()), "a FIFO as procfs");
    assert_eq!(s.status(DomainName::Process).unwrap().state, DomainState::Failed);
    assert_eq!(s.status(DomainName::System).unwrap().state, DomainState::Collected);
}

#[test]
fn a_fifo_or_a_file_as_the_network_namespace_is_refused() {
    let t = Tree::new("netns");
    t.fifo("ns");
    t.write("file", "not a namespace");
    for (name, what) in [("ns", "FIFO"), ("file", "not a namespace file")] {
        let net = NetworkOptions { netns: NetNamespaceTarget::Path(t.0.join(name)), ..NetworkOptions::default() };
        let o = Options { network: net, domains: Domains::NONE.with(DomainName::Network), ..Options::default() };
        let s = snapshot(o, "a netns path");
        let st = s.status(DomainName::Network).unwrap();
        assert_eq!(st.state, DomainState::Failed, "{name}");
        let e = st.error.clone().unwrap_or_default();
        assert!(e.contains(what) || e.contains("nsfs"), "{name}: {e}");
    }
}

#[test]
fn syscalls_txt_is_read_once_and_bounded() {
    // /dev/zero: a character device, refused at once (it used to grow without bound).
    let t = Tree::copy_of("zero", "linux-6.18-vm/t1");
    std::fs::remove_file(t.0.join("syscalls.txt")).unwrap();
    std::os::unix::fs::symlink("/dev/zero", t.0.join("syscalls.txt")).unwrap();
    let (s, took) = within(Duration::from_secs(20), "/dev/zero", {
        let o = options(Source::rooted_at(&t.0), system_and_process());
        move || Probe::new(o).snapshot()
    });
    assert!(took < Duration::from_secs(5), "{took:?}");
    assert!(warnings(&s, DomainName::System).iter().any(|w| w.contains("character device")));

    // 200 processes × 99 descriptors each, with their stat answers: one read per
    // snapshot and hashed lookups (it took 81 s, the file opened 20 653 times).
    let t = Tree::new("big");
    let mut fakes = String::from("clock_ticks 100\npage_size 4096\n");
    for pid in 1000..1200 {
        let stat = format!(
            "{pid} (p{pid}) S 1 {pid} {pid} 0 -1 4194560 0 0 0 0 1 1 0 0 20 0 1 0 100 1000 10 0 0 0 0 0 0 0 0 0 0 0 0 0 17 0 0 0 0\n"
        );
        t.write(&format!("proc/{pid}/stat"), stat);
        for fd in 0..99 {
            std::fs::create_dir_all(t.0.join(format!("proc/{pid}/fd"))).unwrap();
            std::os::unix::fs::symlink(format!("/tmp/f{fd}"), t.0.join(format!("proc/{pid}/fd/{fd}"))).unwrap();
            t.write(&format!("proc/{pid}/fdinfo/{fd}"), "pos:\t0\nflags:\t0100002\nmnt_id:\t1\n");
            fakes += &format!("stat {pid} fd/{fd} 100644 {} 1 0\n", 5000 + fd);
        }
    }
    t.write("syscalls.txt", fakes);
    let o = Options {
        source: Source::rooted_at(&t.0),
        domains: Domains::NONE.with(DomainName::Process),
        process: ProcessOptions { fds: true, ..ProcessOptions::default() },
        ..Options::default()
    };
    let (s, took) = within(Duration::from_secs(60), "200 × 99 fds", move || Probe::new(o).snapshot());
    let procs = s.processes();
    assert_eq!(procs.len(), 200);
    assert!(procs.iter().all(|p| p.open_files.value().is_some_and(|f| f.len() == 99 && f[0].inode.is_value())));
    assert!(took < Duration::from_secs(10), "{took:?}");
}

#[test]
fn one_bad_proc_stat_costs_only_its_own_fields() {
    let t = Tree::copy_of("stat", "linux-6.18-vm/t1");
    t.write("proc/stat", "\u{0}garbage\ncpu  1 2\nbtime x\n");
    let s = snapshot(options(Source::rooted_at(&t.0), system_and_process()), "bad /proc/stat");
    let sys = s.system.value().expect("collected");
    assert_eq!((sys.boot_time.reason(), sys.cpu_total.reason()), (Some(Reason::Error), Some(Reason::Error)));
    assert!(sys.memory.is_value() && sys.load.is_value() && sys.disks.is_value() && sys.filesystems.is_value());
    // The processes' start_time_unix needs the boot time: missing with its reason.
    assert!(s.processes().iter().all(|p| p.start_time_unix.reason() == Some(Reason::Error)));
}

#[test]
fn pids_are_collected_once_and_an_overflowing_rss_is_missing() {
    let t = Tree::copy_of("pids", "linux-6.18-vm/t1");
    let fakes = std::fs::read_to_string(t.0.join("syscalls.txt"))
        .unwrap()
        .replace("page_size 4096", "page_size 18446744073709551615");
    t.write("syscalls.txt", fakes);
    let o = Options {
        source: Source::rooted_at(&t.0),
        domains: Domains::NONE.with(DomainName::Process),
        process: ProcessOptions { pids: Some(vec![1, 1, 1, 2, 1]), ..ProcessOptions::default() },
        ..Options::default()
    };
    let s = snapshot(o, "pids");
    assert_eq!(s.processes().iter().map(|p| p.pid).collect::<Vec<_>>(), [1, 2]);
    let p1 = s.process(1).unwrap();
    assert_eq!((p1.memory_rss, p1.memory_percent.reason()), (Field::Missing(Reason::Error), Some(Reason::Error)));
    let w = warnings(&s, DomainName::Process);
    assert!(w.iter().any(|w| w.contains("/proc/1/stat") && w.contains("memory_rss")), "{w:?}");
}

#[test]
fn a_copied_proc_tree_is_not_trusted_for_descriptor_counts() {
    // LIBPROBE_PROCFS at a plain directory: the size of its fd/ is 4096, not a count.
    let t = Tree::new("copy");
    let me = std::process::id();
    t.write(&format!("proc/{me}/stat"), std::fs::read(format!("/proc/{me}/stat")).unwrap());
    t.write("proc/sys/kernel/osrelease", std::fs::read("/proc/sys/kernel/osrelease").unwrap());
    for fd in 0..3 {
        std::fs::create_dir_all(t.0.join(format!("proc/{me}/fd"))).unwrap();
        std::os::unix::fs::symlink("/dev/null", t.0.join(format!("proc/{me}/fd/{fd}"))).unwrap();
    }
    let o = Options {
        source: Source::host().with_procfs(t.0.join("proc")).with_sysfs(t.0.join("sys")),
        domains: Domains::NONE.with(DomainName::Process),
        ..Options::default()
    };
    let s = snapshot(o, "a copied proc tree");
    let p = s.process(me as i32).expect("the copied process");
    assert_eq!(p.num_fds, Field::Value(3));
    let w = warnings(&s, DomainName::Process);
    assert!(w.iter().any(|w| w.contains("is not a procfs")), "{w:?}");
}

#[test]
fn a_file_where_a_process_directory_should_be_is_a_warning() {
    let t = Tree::copy_of("notdir", "linux-6.18-vm/t1");
    std::fs::remove_dir_all(t.0.join("proc/29968")).unwrap();
    t.write("proc/29968", "a file");
    let s = snapshot(options(Source::rooted_at(&t.0), Domains::NONE.with(DomainName::Process)), "not a directory");
    assert!(s.process(29968).is_none());
    let w = warnings(&s, DomainName::Process);
    assert!(w.iter().any(|w| w.contains("/proc/29968") && w.contains("Not a directory")), "{w:?}");
    assert!(s.process(1).is_some());
}

#[test]
fn malformed_netlink_replies_are_warnings_naming_the_message() {
    let t = Tree::copy_of("netlink", "linux-6.18-vm/t1");
    let path = t.0.join("netlink/route-route4");
    let mut buf = std::fs::read(&path).unwrap();
    // Corrupt the type of every other message (a u16 at offset 4 of each header).
    let (mut off, mut i, mut corrupted) = (0usize, 0usize, 0usize);
    while off + 16 <= buf.len() {
        let len = u32::from_ne_bytes(buf[off..off + 4].try_into().unwrap()) as usize;
        let ty = u16::from_ne_bytes([buf[off + 4], buf[off + 5]]);
        if ty == 24 && i % 2 == 1 {
            buf[off + 4..off + 6].copy_from_slice(&999u16.to_ne_bytes());
            corrupted += 1;
        }
        i += 1;
        off += (len + 3) & !3;
    }
    assert!(corrupted > 0);
    std::fs::write(&path, buf).unwrap();
    let o = Options {
        source: Source::rooted_at(&t.0),
        domains: Domains::NONE.with(DomainName::Network),
        network: NetworkOptions { routes: true, ..NetworkOptions::default() },
        ..Options::default()
    };
    let s = snapshot(o, "netlink");
    let w = warnings(&s, DomainName::Network);
    let named = format!("({corrupted} replies left out)");
    assert!(
        w.iter().any(|w| w.contains("netlink:route-route4") && w.contains("(type 999)") && w.contains(&named)),
        "{w:?}"
    );
}

#[test]
fn a_mount_that_does_not_answer_times_out_and_is_remembered() {
    let t = Tree::new("stall");
    t.write("proc/stat", "cpu  1 0 1 1\nintr 0\nctxt 0\nbtime 1\nprocesses 1\nprocs_running 1\nprocs_blocked 0\n");
    t.write(
        "proc/self/mountinfo",
        "1 0 8:1 / / rw - ext4 /dev/sda1 rw\n2 1 0:50 / /mnt/stuck rw - fuse fuse rw\n3 1 0:51 / /mnt/ok rw - tmpfs t rw\n",
    );
    t.write(
        "syscalls.txt",
        "statvfs / 4096 100 50 40 10 5 5\nstatvfs /mnt/ok 4096 8 8 8 1 1 1\nstatvfs_stall /mnt/stuck 3000\n\
         statvfs /mnt/stuck 4096 1 1 1 1 1 1\n",
    );
    let mut o = options(Source::rooted_at(&t.0), Domains::NONE.with(DomainName::System));
    o.system.statvfs_timeout_ms = 200;
    let mut probe = Probe::new(o);
    let fs = |s: &Snapshot| s.system.value().unwrap().filesystems.value().unwrap().clone();
    let t0 = Instant::now();
    let first = probe.snapshot();
    let took = t0.elapsed();
    let f = fs(&first);
    assert_eq!(
        (f[0].total_bytes, f[1].total_bytes, f[2].total_bytes),
        (Field::Value(100), Field::Missing(Reason::TimedOut), Field::Value(8))
    );
    assert!(took < Duration::from_millis(2500), "the snapshot waited for the stuck mount: {took:?}");
    let w = warnings(&first, DomainName::System);
    assert!(w.iter().any(|w| w.contains("/mnt/stuck") && w.contains("did not answer within 200 ms")), "{w:?}");
    // Remembered: the next snapshot does not wait again.
    let t1 = Instant::now();
    let second = probe.snapshot();
    assert!(t1.elapsed() < Duration::from_millis(150), "asked the stuck mount again: {:?}", t1.elapsed());
    assert_eq!(fs(&second)[1].total_bytes, Field::Missing(Reason::TimedOut));
    assert!(warnings(&second, DomainName::System).iter().any(|w| w.contains("still not returned")));
    // Once the pending call returns, the mount is asked again.
    std::thread::sleep(Duration::from_millis(3200));
    let third = probe.snapshot();
    assert!(third.system.value().is_some());
}

#[test]
fn secrets_in_command_lines_are_scrubbed_unless_asked_for() {
    let t = Tree::copy_of("scrub", "linux-6.18-vm/t1");
    t.write("proc/1/cmdline", b"app\0--password=hunter2\0--token\0abc\0--db-url=pg://u:pw@h/d\0--license\0k\0");
    let cmdline = |o: Options| {
        let s = snapshot(o, "scrub");
        let p = s.process(1).unwrap();
        p.cmdline.value().unwrap().iter().map(|a| a.to_string_lossy().into_owned()).collect::<Vec<_>>()
    };
    let mut o = options(Source::rooted_at(&t.0), Domains::NONE.with(DomainName::Process));
    assert_eq!(
        cmdline(o.clone()),
        ["app", "--password=********", "--token", "********", "--db-url=pg://u:********@h/d", "--license", "k"]
    );
    o.set("process.cmdline_scrub_words", "license").unwrap();
    assert_eq!(cmdline(o.clone())[6], "********");
    o.set("process.cmdline_scrub", "false").unwrap();
    assert_eq!(cmdline(o)[1], "--password=hunter2");
}
