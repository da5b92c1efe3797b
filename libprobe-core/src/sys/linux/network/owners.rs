//! Socket owners: one map from socket inode to the processes holding it, built once per
//! snapshot — not a search of every process per socket.
//!
//! Built either from the process domain's open sockets, when it read every process's
//! descriptors in the same snapshot (option `fds` with no pid filter), or by walking
//! `/proc/<pid>/fd` here: per process one `openat` of its `fd` directory, `getdents64`, and a
//! `readlinkat` relative to that directory per descriptor (`socket:[inode]`); the command
//! name is read (from `stat`, as the process domain does) only for processes that hold a
//! socket. Threads share their process's descriptor table, so `task/*/fd` is not walked.
//!
//! A process whose descriptors cannot be read (another user's, without CAP_SYS_PTRACE;
//! here also pid 1 of some sandboxes) makes every socket left without an owner
//! `permission_denied`: its owner may be that process. A process that exits during the
//! walk is skipped. Socket inodes are unique machine-wide (one sockfs), so the map serves
//! any network namespace.

use std::collections::HashMap;
use std::ffi::CString;
use std::os::fd::{AsRawFd, FromRawFd, OwnedFd, RawFd};
use std::os::unix::ffi::OsStrExt;
use std::sync::atomic::{AtomicUsize, Ordering};

use crate::error::Error;
use crate::model::{Field, Reason};
use crate::network::SocketOwner;
use crate::parse::cstr;
use crate::process::ProcessFull;
use crate::source::Source;
use crate::text::ByteStr;

/// One socket descriptor: `(inode, pid, fd)`.
pub(crate) type Entry = (u64, i32, i32);

/// Socket inode → owners.
#[derive(Debug, Default)]
pub(crate) struct Owners {
    /// Sorted.
    entries: Vec<Entry>,
    names: HashMap<i32, ByteStr>,
    /// Some process's descriptors could not be read.
    denied: bool,
}

/// The size of one record of the `task_file_owners` iterator.
#[cfg_attr(not(feature = "ebpf"), allow(dead_code))] // read by the BPF path only
pub(crate) const BPF_RECORD: usize = 32;

/// What one socket gets: its first owner's pid and name, and every owner.
pub(crate) struct Resolved {
    pub pid: Field<i32>,
    pub process_name: Field<ByteStr>,
    pub owners: Field<Vec<SocketOwner>>,
}

impl Resolved {
    pub(crate) fn missing(r: Reason) -> Resolved {
        Resolved { pid: Field::Missing(r), process_name: Field::Missing(r), owners: Field::Missing(r) }
    }
}

impl Owners {
    /// From the process domain's records (every process's `open_sockets`).
    pub(crate) fn from_processes(procs: &[ProcessFull]) -> Owners {
        let mut o = Owners::default();
        for p in procs {
            match &p.open_sockets {
                Field::Value(socks) => {
                    for s in socks {
                        o.entries.push((s.inode, p.pid, s.fd));
                    }
                    if !socks.is_empty() {
                        o.names.insert(p.pid, p.name.clone());
                    }
                }
                Field::Missing(Reason::PermissionDenied) => o.denied = true,
                Field::Missing(_) => {}
            }
        }
        o.entries.sort_unstable();
        o
    }

    /// From the output of the `task_file_owners` BPF iterator (`bpf/task_file_owners.bpf.c`):
    /// [`BPF_RECORD`]-byte records `{ u64 inode, i32 pid, i32 fd, char comm[16] }` in native
    /// byte order, one per socket descriptor of every process, a process's records
    /// together. The iterator sees every process of the pid namespace, so nothing is
    /// `permission_denied`. A record the program never writes (pid or inode 0, a negative
    /// descriptor) or a partial one at the end is left out and counted in the message
    /// returned beside the owners, which quotes the first.
    #[cfg_attr(not(feature = "ebpf"), allow(dead_code))] // read by the BPF path only
    pub(crate) fn from_bpf(bytes: &[u8]) -> (Owners, Option<String>) {
        let mut o = Owners { entries: Vec::with_capacity(bytes.len() / BPF_RECORD), ..Owners::default() };
        let (mut bad, mut first_bad) = (0usize, None);
        let mut last_pid = 0i32;
        let records = bytes.chunks_exact(BPF_RECORD);
        let rest = records.remainder();
        for (i, r) in records.enumerate() {
            let word = |at: usize| r.get(at..at + 4).and_then(|b| <[u8; 4]>::try_from(b).ok()).map(i32::from_ne_bytes);
            let inode = r.get(..8).and_then(|b| <[u8; 8]>::try_from(b).ok()).map_or(0, u64::from_ne_bytes);
            let (pid, fd) = (word(8).unwrap_or(0), word(12).unwrap_or(-1));
            if inode == 0 || pid <= 0 || fd < 0 {
                bad += 1;
                first_bad.get_or_insert_with(|| format!("record {i} (inode {inode}, pid {pid}, fd {fd})"));
                continue;
            }
            o.entries.push((inode, pid, fd));
            if pid != last_pid {
                last_pid = pid;
                o.names.entry(pid).or_insert_with(|| ByteStr::from(cstr(&r[16..])));
            }
        }
        if !rest.is_empty() {
            bad += 1;
            first_bad.get_or_insert_with(|| format!("a partial record of {} bytes at the end", rest.len()));
        }
        o.entries.sort_unstable();
        let problem = first_bad
            .map(|first| format!("BPF iterator task_file_owners: records left out: {bad}, the first: {first}"));
        (o, problem)
    }

    /// `(inode, pid, fd)`, sorted, and each pid's name: what the equality tests compare.
    #[cfg(any(test, feature = "fuzzing"))]
    pub(crate) fn listing(&self) -> (&[Entry], &HashMap<i32, ByteStr>) {
        (&self.entries, &self.names)
    }

    /// By walking `<procfs>/<pid>/fd` for every process, on this thread alone.
    #[cfg(test)]
    pub(crate) fn walk(src: &Source) -> Result<Owners, Error> {
        let walk = Walk::new(src, !src.is_fixture() && crate::sys::imp::facts::kernel_release(src) >= Some((6, 2)))?;
        let part = walk.work();
        Ok(Owners::merge(vec![part]))
    }

    /// Joins the parts several threads walked.
    pub(crate) fn merge(parts: Vec<Part>) -> Owners {
        let mut o = Owners::default();
        for p in parts {
            o.entries.extend(p.entries);
            o.names.extend(p.names);
            o.denied |= p.denied;
        }
        o.entries.sort_unstable();
        o
    }

    /// The owners of socket `inode` (inode 0: a TIME_WAIT or request socket, held by no
    /// process).
    pub(crate) fn resolve(&self, inode: u64) -> Resolved {
        let start = self.entries.partition_point(|e| e.0 < inode);
        let end = start + self.entries[start..].partition_point(|e| e.0 == inode);
        if inode == 0 || start == end {
            return Resolved::missing(if self.denied && inode != 0 {
                Reason::PermissionDenied
            } else {
                Reason::NotPresent
            });
        }
        let owners: Vec<SocketOwner> = self.entries[start..end]
            .iter()
            .map(|&(_, pid, fd)| SocketOwner {
                pid,
                process_name: self.names.get(&pid).cloned().unwrap_or_default(),
                fd,
            })
            .collect();
        let first = &owners[0];
        Resolved {
            pid: Field::Value(first.pid),
            process_name: Field::Value(first.process_name.clone()),
            owners: Field::Value(owners),
        }
    }
}

/// A walk of every process's descriptors that several threads can share: each takes the
/// next pid from a common counter, so a thread that finished other work joins in.
#[derive(Debug)]
pub(crate) struct Walk {
    root: OwnedFd,
    pids: Vec<i32>,
    next: AtomicUsize,
    /// Linux 6.2+: the size of `/proc/<pid>/fd` is the number of open descriptors, so the
    /// descriptors can be read by number without listing the directory first.
    sized: bool,
}

/// What one thread found.
#[derive(Debug, Default, Clone)]
pub(crate) struct Part {
    entries: Vec<(u64, i32, i32)>,
    names: HashMap<i32, ByteStr>,
    denied: bool,
}

/// Consecutive unused descriptor numbers after which reading by number gives way to
/// listing the directory (a sparse table: a shell's 255, a server's high descriptors).
const PROBE_MISSES: i32 = 16;

impl Walk {
    /// `fd_dir_size_is_count`: the kernel gives a process's descriptor count as the size
    /// of its `fd` directory (Linux 6.2+).
    pub(crate) fn new(src: &Source, fd_dir_size_is_count: bool) -> Result<Walk, Error> {
        let procfs = src.procfs();
        let root =
            open_dir(procfs.as_os_str().as_bytes(), libc::AT_FDCWD, libc::O_PATH).map_err(|e| Error::io(procfs, &e))?;
        let pids = src.pids()?;
        Ok(Walk { root, pids, next: AtomicUsize::new(0), sized: fd_dir_size_is_count })
    }

    /// Walks processes until none is left.
    pub(crate) fn work(&self) -> Part {
        let mut part = Part { entries: Vec::with_capacity(1024), ..Part::default() };
        let mut link = vec![0u8; 64];
        let mut names: Vec<Vec<u8>> = Vec::new();
        let mut path = Vec::with_capacity(32);
        while let Some(&pid) = self.pids.get(self.next.fetch_add(1, Ordering::Relaxed)) {
            self.process(pid, &mut part, &mut link, &mut names, &mut path);
        }
        part
    }

    fn process(&self, pid: i32, part: &mut Part, link: &mut Vec<u8>, names: &mut Vec<Vec<u8>>, path: &mut Vec<u8>) {
        let root = self.root.as_raw_fd();
        path.clear();
        path.extend_from_slice(pid.to_string().as_bytes());
        path.extend_from_slice(b"/fd");
        let count = if self.sized { fd_count(root, path) } else { None };
        if count == Some(0) {
            return;
        }
        let dir = match open_dir(path, root, libc::O_RDONLY) {
            Ok(d) => d,
            Err(e) => {
                if matches!(e.raw_os_error(), Some(libc::EACCES | libc::EPERM)) {
                    part.denied = true;
                }
                // ENOENT: exited (or a zombie, which holds no descriptors).
                return;
            }
        };
        let before = part.entries.len();
        let dirfd = dir.as_raw_fd();
        // Read descriptors 0, 1, 2, … while the table is dense; list the rest.
        let mut probed = 0i32;
        if let Some(count) = count {
            let (mut found, mut misses) = (0u64, 0i32);
            while found < count && misses < PROBE_MISSES {
                let Ok(cname) = CString::new(probed.to_string()) else { break };
                match read_one(dirfd, pid, probed, &cname, link, part) {
                    Link::Open => {
                        found += 1;
                        misses = 0;
                    }
                    Link::Closed => misses += 1,
                    Link::Refused => return,
                }
                probed += 1;
            }
            if found >= count {
                probed = i32::MAX;
            }
        }
        if probed != i32::MAX {
            names.clear();
            if crate::sys::imp::fs::for_each_dirent(dirfd, &mut |n| names.push(n.to_vec())).is_err() {
                return;
            }
            for name in names.iter() {
                let Some(fd) = crate::parse::u64_dec(name).and_then(|v| i32::try_from(v).ok()) else { continue };
                if fd < probed {
                    continue;
                }
                let Ok(cname) = CString::new(name.as_slice()) else { continue };
                if read_one(dirfd, pid, fd, &cname, link, part) == Link::Refused {
                    return;
                }
            }
        }
        if part.entries.len() > before {
            path.clear();
            path.extend_from_slice(pid.to_string().as_bytes());
            path.extend_from_slice(b"/stat");
            match read_comm(root, path) {
                Some(name) => {
                    part.names.insert(pid, name);
                }
                // Exited between the two reads: its descriptors are closed too.
                None => part.entries.truncate(before),
            }
        }
    }
}

/// The owner (`st_uid`) of the socket open as descriptor `fd` of process `pid`: `stat`
/// through `<procfs>/<pid>/fd/<fd>`, which follows the link to the socket's inode.
pub(crate) fn socket_uid(src: &Source, pid: i32, fd: i32) -> Result<u32, Error> {
    let path = src.proc_path(format!("{pid}/fd/{fd}"));
    let c = CString::new(path.as_os_str().as_bytes())
        .map_err(|_| Error::io(&path, &std::io::Error::from_raw_os_error(libc::EINVAL)))?;
    let mut st = std::mem::MaybeUninit::<libc::stat>::uninit();
    // SAFETY: `c` is a valid C string and `st` writable memory of the right type.
    let rc = unsafe { libc::stat(c.as_ptr(), st.as_mut_ptr()) };
    if rc < 0 {
        let e = std::io::Error::last_os_error();
        // The process closed the descriptor or exited: like a socket nobody holds.
        return Err(if e.raw_os_error() == Some(libc::ENOENT) {
            Error::new(crate::error::ErrorKind::NotPresent, "the descriptor was closed").with_path(path)
        } else {
            Error::io(&path, &e)
        });
    }
    // SAFETY: stat returned 0, so it filled `st`.
    Ok(unsafe { st.assume_init() }.st_uid)
}

/// What reading one descriptor's link found.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Link {
    Open,
    /// Not open (any more).
    Closed,
    /// Listing is allowed but reading the links is not (ptrace access).
    Refused,
}

/// Reads descriptor `fd`'s link, recording it when it is a socket.
fn read_one(dir: RawFd, pid: i32, fd: i32, name: &CString, link: &mut Vec<u8>, part: &mut Part) -> Link {
    match readlink_at(dir, name, link) {
        Ok(target) => {
            if let Some(inode) = socket_inode(target) {
                part.entries.push((inode, pid, fd));
            }
            Link::Open
        }
        Err(libc::EACCES | libc::EPERM) => {
            part.denied = true;
            Link::Refused
        }
        Err(_) => Link::Closed,
    }
}

/// The number of open descriptors: the size of `<pid>/fd` (Linux 6.2+).
fn fd_count(root: RawFd, rel: &[u8]) -> Option<u64> {
    let c = CString::new(rel).ok()?;
    let mut st = std::mem::MaybeUninit::<libc::stat>::uninit();
    // SAFETY: `st` is writable memory of the right type; `c` is a valid C string.
    let rc = unsafe { libc::fstatat(root, c.as_ptr(), st.as_mut_ptr(), 0) };
    if rc < 0 {
        return None;
    }
    // SAFETY: fstatat returned 0, so it filled `st`.
    u64::try_from(unsafe { st.assume_init() }.st_size).ok()
}

/// The inode of `socket:[N]`.
fn socket_inode(link: &[u8]) -> Option<u64> {
    crate::parse::u64_dec(link.strip_prefix(b"socket:[")?.strip_suffix(b"]")?)
}

fn open_dir(path: &[u8], at: RawFd, mode: libc::c_int) -> std::io::Result<OwnedFd> {
    let c = CString::new(path).map_err(|_| std::io::Error::from_raw_os_error(libc::EINVAL))?;
    // SAFETY: `c` is a valid C string; `at` is AT_FDCWD or an open descriptor.
    let fd = unsafe { libc::openat(at, c.as_ptr(), mode | libc::O_DIRECTORY | libc::O_CLOEXEC) };
    if fd < 0 {
        return Err(std::io::Error::last_os_error());
    }
    // SAFETY: `fd` was just returned by openat and is owned by nobody else.
    Ok(unsafe { OwnedFd::from_raw_fd(fd) })
}

/// The link target into `buf` (grown as needed), or the errno.
fn readlink_at<'b>(dir: RawFd, name: &CString, buf: &'b mut Vec<u8>) -> Result<&'b [u8], i32> {
    loop {
        // SAFETY: `buf` is writable for its length; `name` is a valid C string.
        let n = unsafe { libc::readlinkat(dir, name.as_ptr(), buf.as_mut_ptr().cast(), buf.len()) };
        if n < 0 {
            return Err(std::io::Error::last_os_error().raw_os_error().unwrap_or(libc::EIO));
        }
        let n = n as usize;
        if n < buf.len() {
            return Ok(&buf[..n]);
        }
        if buf.len() >= 1 << 16 {
            return Err(libc::ENAMETOOLONG);
        }
        let grow = buf.len() * 2;
        buf.resize(grow, 0);
    }
}

/// The command name of `<pid>/stat` (between the first `(` and the last `)`).
fn read_comm(root: RawFd, rel: &[u8]) -> Option<ByteStr> {
    let c = CString::new(rel).ok()?;
    // SAFETY: `c` is a valid C string and `root` an open descriptor.
    let fd = unsafe { libc::openat(root, c.as_ptr(), libc::O_RDONLY | libc::O_CLOEXEC) };
    if fd < 0 {
        return None;
    }
    // SAFETY: `fd` was just opened and is owned only here.
    let fd = unsafe { OwnedFd::from_raw_fd(fd) };
    let mut buf = [0u8; 512];
    // SAFETY: `buf` is writable for its length.
    let n = unsafe { libc::read(fd.as_raw_fd(), buf.as_mut_ptr().cast(), buf.len()) };
    let text = buf.get(..usize::try_from(n).ok()?)?;
    let open = text.iter().position(|&b| b == b'(')?;
    let close = text.iter().rposition(|&b| b == b')')?;
    (close > open).then(|| ByteStr::from(&text[open + 1..close]))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn resolves_every_owner_and_says_why_not() {
        let mut o = Owners {
            entries: vec![(10, 2, 4), (10, 1, 3), (20, 1, 5)],
            names: HashMap::from([(1, ByteStr::from("a")), (2, ByteStr::from("b"))]),
            denied: false,
        };
        o.entries.sort_unstable();
        let r = o.resolve(10);
        assert_eq!((r.pid, r.process_name), (Field::Value(1), Field::Value(ByteStr::from("a"))));
        let owners = r.owners.value().unwrap();
        assert_eq!(owners.iter().map(|w| (w.pid, w.fd)).collect::<Vec<_>>(), [(1, 3), (2, 4)]);
        assert_eq!(o.resolve(15).pid.reason(), Some(Reason::NotPresent));
        assert_eq!(o.resolve(0).pid.reason(), Some(Reason::NotPresent));
        o.denied = true;
        assert_eq!(o.resolve(15).pid.reason(), Some(Reason::PermissionDenied));
        assert_eq!(o.resolve(0).owners.reason(), Some(Reason::NotPresent));
        assert_eq!(socket_inode(b"socket:[123]"), Some(123));
        assert_eq!(socket_inode(b"pipe:[123]"), None);
    }

    fn record(inode: u64, pid: i32, fd: i32, comm: &[u8]) -> Vec<u8> {
        let mut r = Vec::with_capacity(BPF_RECORD);
        r.extend_from_slice(&inode.to_ne_bytes());
        r.extend_from_slice(&pid.to_ne_bytes());
        r.extend_from_slice(&fd.to_ne_bytes());
        let mut name = [0u8; 16];
        name[..comm.len()].copy_from_slice(comm);
        r.extend_from_slice(&name);
        r
    }

    #[test]
    fn decodes_the_iterator_records() {
        let mut bytes = Vec::new();
        bytes.extend(record(20, 7, 3, b"server"));
        bytes.extend(record(10, 7, 4, b"server"));
        bytes.extend(record(10, 9, 4, b"fifteen-chars-x"));
        let (o, problem) = Owners::from_bpf(&bytes);
        assert_eq!(problem, None);
        assert_eq!(o.entries, [(10, 7, 4), (10, 9, 4), (20, 7, 3)]);
        let r = o.resolve(10);
        let owners = r.owners.value().unwrap();
        assert_eq!(owners.iter().map(|w| (w.pid, w.fd)).collect::<Vec<_>>(), [(7, 4), (9, 4)]);
        assert_eq!(owners[1].process_name, ByteStr::from("fifteen-chars-x"));
        assert_eq!(r.process_name, Field::Value(ByteStr::from("server")));
        // Nothing is hidden from the iterator: a socket nobody holds is not_present.
        assert_eq!(o.resolve(30).pid.reason(), Some(Reason::NotPresent));
    }

    #[test]
    fn impossible_and_partial_records_are_counted_not_kept() {
        let mut bytes = Vec::new();
        bytes.extend(record(0, 7, 3, b"a"));
        bytes.extend(record(10, -1, 3, b"b"));
        bytes.extend(record(10, 7, -2, b"c"));
        bytes.extend(record(11, 8, 1, b"d"));
        bytes.extend([1, 2, 3]);
        let (o, problem) = Owners::from_bpf(&bytes);
        assert_eq!(o.entries, [(11, 8, 1)]);
        let problem = problem.unwrap();
        assert!(
            problem.contains("records left out: 4,") && problem.contains("record 0 (inode 0, pid 7, fd 3)"),
            "{problem}"
        );
        assert_eq!(Owners::from_bpf(&[]).0.entries, []);
        assert_eq!(
            Owners::from_bpf(&[0; 5]).1.unwrap(),
            "BPF iterator task_file_owners: records left out: 1, the first: a partial record of 5 bytes at the end"
        );
    }

    #[test]
    fn walks_this_process() {
        let s = std::net::UdpSocket::bind("127.0.0.1:0").unwrap();
        let ino = {
            use std::os::unix::fs::MetadataExt;
            std::fs::metadata(format!("/proc/self/fd/{}", s.as_raw_fd())).unwrap().ino()
        };
        let o = Owners::walk(&Source::host()).unwrap();
        let r = o.resolve(ino);
        let me = std::process::id() as i32;
        let owners = r.owners.value().expect("our socket has an owner");
        assert!(owners.iter().any(|w| w.pid == me && w.fd == s.as_raw_fd()), "{owners:?}");
    }
}
