//! Socket owners through the `iter/task_file` BPF iterator (`ebpf/bpf/task_file_owners.bpf.c`):
//! the kernel walks its own task and file lists and writes one 32-byte record per socket
//! descriptor of every process ([`Owners::from_bpf`] decodes them), instead of one
//! `readlink` per descriptor of every process under `/proc/<pid>/fd`.
//!
//! The program is loaded and attached once per probe (verification and CO-RE relocation
//! are the costly part) and run once per snapshot: one `read` stream. A failure to load is
//! remembered, so option `network.owners_via = auto` tries once and then stays on `/proc`.
//!
//! It is used only where it describes what `/proc` would: the source must be the host's
//! procfs of the probe's own pid namespace (not a fixture, not another machine's `/proc`
//! mounted elsewhere), because the iterator lists the tasks of the reader's pid namespace,
//! numbered as that namespace numbers them (its level comes from `NSpid` of
//! `/proc/self/status`). It needs CAP_BPF and CAP_PERFMON (or CAP_SYS_ADMIN) and a kernel
//! with BPF iterators (5.8+; `iter/task_file` with BTF-typed context).

use super::owners::Owners;
use crate::model::Reason;
use crate::source::Source;
pub(crate) use crate::sys::imp::ebpf::kept::Unavailable;
use crate::sys::imp::ebpf::kept::{self, KeptIter};

/// The most output one run reads (32 bytes a socket descriptor: about 8 million).
const LIMIT: usize = 1 << 28;

/// The `iter/task_file` iterator of one probe.
#[derive(Debug, Default)]
pub(crate) struct OwnersIter(KeptIter);

impl OwnersIter {
    /// Every socket's owners, read by the iterator (loaded on the first call), and a
    /// warning when some records did not decode.
    pub(crate) fn read(&mut self, src: &Source) -> Result<(Owners, Option<String>), Unavailable> {
        let bytes = self.0.run(LIMIT, || load(src))?;
        Ok(Owners::from_bpf(bytes))
    }
}

/// This process's pid namespace level: the number of `NSpid` values of
/// `/proc/self/status`, minus one.
fn pid_level(src: &Source) -> Result<u32, Unavailable> {
    let status = src.read_proc("self/status").map_err(|e| Unavailable::new(e.reason(), e.to_string()))?;
    let line = status
        .split(|&b| b == b'\n')
        .find_map(|l| l.strip_prefix(b"NSpid:"))
        .ok_or_else(|| Unavailable::new(Reason::NotSupported, "/proc/self/status has no NSpid line"))?;
    let n = line.split(|b| b.is_ascii_whitespace()).filter(|w| !w.is_empty()).count();
    u32::try_from(n).ok().and_then(|n| n.checked_sub(1)).ok_or_else(|| {
        Unavailable::new(Reason::Error, format!("/proc/self/status: NSpid {:?}", String::from_utf8_lossy(line)))
    })
}

fn load(src: &Source) -> Result<KeptIter, Unavailable> {
    #[cfg(feature = "ebpf")]
    static OBJECT: &[u8] = include_bytes!("../ebpf/bpf/task_file_owners.bpf.o");
    #[cfg(not(feature = "ebpf"))]
    static OBJECT: &[u8] = &[];
    kept::own_procfs(src)?;
    let level = pid_level(src)?;
    kept::load("task_file_owners", OBJECT, &[("pid_level", level.to_ne_bytes().to_vec())])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_fixture_never_takes_the_iterator() {
        let src = Source::rooted_at(concat!(env!("CARGO_MANIFEST_DIR"), "/../tests/fixtures/net-endpoints"));
        let mut it = OwnersIter::default();
        let err = it.read(&src).unwrap_err();
        assert_eq!(err.reason, Reason::NotSupported, "{err:?}");
        // Remembered: not tried again.
        assert!(matches!(it.0, KeptIter::Unavailable(_)));
    }

    #[test]
    fn this_process_has_a_pid_level() {
        assert!(pid_level(&Source::host()).is_ok());
    }
}

/// Both paths on the same live processes: the iterator's owners equal the `/proc` walk's.
#[cfg(all(test, feature = "ebpf"))]
mod live {
    use std::collections::{BTreeMap, BTreeSet};
    use std::io::{BufRead, BufReader};
    use std::os::unix::fs::MetadataExt;
    use std::process::{Command, Stdio};

    use super::*;
    use crate::sys::imp::ebpf::loader::missing_capabilities;

    /// A Python process holding a TCP listener, a UDP socket and a Unix socket pair, with a
    /// forked child that holds the same listener, UDP socket and one end of the pair (one
    /// socket, two processes), and three threads (one descriptor table, listed once).
    const HOLDER: &str = r#"
import os, socket, sys, threading, time
l = socket.socket(); l.bind(("127.0.0.1", 0)); l.listen()
u = socket.socket(socket.AF_INET, socket.SOCK_DGRAM); u.bind(("127.0.0.1", 0))
a, b = socket.socketpair()
for fd in (l.fileno(), u.fileno(), a.fileno(), b.fileno()):
    os.set_inheritable(fd, True)
child = os.fork()
if child == 0:
    b.close()
    sys.stdin.read()
    os._exit(0)
for _ in range(3):
    threading.Thread(target=time.sleep, args=(600,), daemon=True).start()
print(os.getpid(), child, l.fileno(), u.fileno(), a.fileno(), b.fileno(), flush=True)
sys.stdin.read()
os.waitpid(child, 0)
"#;

    /// `(pid, fd)`s per inode, and names, of the processes in `pids`.
    type View = (BTreeMap<u64, BTreeSet<(i32, i32)>>, BTreeMap<i32, crate::text::ByteStr>);

    fn view(o: &Owners, pids: &BTreeSet<i32>) -> View {
        let (entries, names) = o.listing();
        let mut by_inode: BTreeMap<u64, BTreeSet<(i32, i32)>> = BTreeMap::new();
        for &(inode, pid, fd) in entries.iter().filter(|e| pids.contains(&e.1)) {
            by_inode.entry(inode).or_default().insert((pid, fd));
        }
        let names = names.iter().filter(|(p, _)| pids.contains(p)).map(|(p, n)| (*p, n.clone())).collect();
        (by_inode, names)
    }

    fn per_pid(o: &Owners) -> BTreeMap<i32, BTreeSet<(u64, i32)>> {
        let mut m: BTreeMap<i32, BTreeSet<(u64, i32)>> = BTreeMap::new();
        for &(inode, pid, fd) in o.listing().0 {
            m.entry(pid).or_default().insert((inode, fd));
        }
        m
    }

    /// pid 1 (systemd holds many sockets) has the same sockets through both paths. The
    /// kernel may not hand pid 1 to the iterators (Linux 6.18.44 on this VM: neither
    /// `iter/task` nor `iter/task_file` visits it, and root is refused `/proc/1/fd`'s
    /// links: both paths then see none, which is what is compared).
    #[test]
    fn pid_1_has_the_same_sockets_through_both_paths() {
        if !missing_capabilities().is_empty() {
            eprintln!("SKIPPED pid_1_has_the_same_sockets_through_both_paths: needs CAP_BPF and CAP_PERFMON");
            return;
        }
        let src = Source::host();
        let mut it = OwnersIter::default();
        for _ in 0..5 {
            let before = per_pid(&Owners::walk(&src).unwrap()).remove(&1);
            let (bpf, problem) = it.read(&src).expect("the iterator loads here");
            let after = per_pid(&Owners::walk(&src).unwrap()).remove(&1);
            assert_eq!(problem, None);
            // pid 1's sockets changed meanwhile: try again.
            if before != after {
                continue;
            }
            let readable = std::fs::read_link("/proc/1/fd/0").is_ok();
            eprintln!(
                "pid 1: /proc/1/fd readable: {readable}, sockets by the walk: {}",
                before.as_ref().map_or(0, BTreeSet::len)
            );
            assert_eq!(per_pid(&bpf).remove(&1), before, "pid 1's sockets: iterator vs /proc walk");
            return;
        }
        panic!("pid 1's sockets never held still over five tries");
    }

    #[test]
    fn the_iterator_gives_what_the_proc_walk_gives() {
        if !missing_capabilities().is_empty() {
            eprintln!("SKIPPED the_iterator_gives_what_the_proc_walk_gives: needs CAP_BPF and CAP_PERFMON");
            return;
        }
        let mut holder = Command::new("python3")
            .args(["-c", HOLDER])
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .spawn()
            .expect("python3");
        let mut line = String::new();
        BufReader::new(holder.stdout.take().unwrap()).read_line(&mut line).unwrap();
        let n: Vec<i32> = line.split_whitespace().map(|w| w.parse().unwrap()).collect();
        let (parent, child, [l, u, a, b]) = (n[0], n[1], [n[2], n[3], n[4], n[5]]);
        let inode = |pid: i32, fd: i32| std::fs::metadata(format!("/proc/{pid}/fd/{fd}")).unwrap().ino();

        let src = Source::host();
        let mut it = OwnersIter::default();
        let before = Owners::walk(&src).unwrap();
        let (bpf, problem) = it.read(&src).expect("the iterator loads here");
        let after = Owners::walk(&src).unwrap();
        assert_eq!(problem, None);

        // Our processes: exactly the same owners, names included.
        let ours = BTreeSet::from([parent, child, std::process::id() as i32]);
        assert_eq!(view(&bpf, &ours), view(&before, &ours));
        let (by_inode, names) = view(&bpf, &ours);
        let both = |fd: i32| BTreeSet::from([(parent, fd), (child, fd)]);
        assert_eq!(by_inode[&inode(parent, l)], both(l));
        assert_eq!(by_inode[&inode(parent, u)], both(u));
        assert_eq!(by_inode[&inode(parent, a)], both(a));
        assert_eq!(by_inode[&inode(parent, b)], BTreeSet::from([(parent, b)]));
        assert_eq!(names[&parent], crate::text::ByteStr::from("python3"));

        // Every process whose descriptors did not change around the iterator's run (the
        // machine may be busy): the same sockets. Ours are among them; a quiet machine may
        // have no other process holding a socket.
        let (w1, w2, it_pids) = (per_pid(&before), per_pid(&after), per_pid(&bpf));
        let mut compared = 0;
        for (pid, socks) in &w1 {
            if w2.get(pid) == Some(socks) {
                assert_eq!(it_pids.get(pid), Some(socks), "pid {pid}");
                compared += 1;
            }
        }
        assert!(compared >= 2, "{compared}");

        // Loaded once: a second run reads again without loading.
        assert!(matches!(it.0, KeptIter::Loaded(_)));
        assert!(it.read(&src).is_ok());

        drop(holder.stdin.take());
        holder.wait().unwrap();
    }
}
