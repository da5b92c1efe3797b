//! [`Source`]: the one way libprobe reads the machine.
//!
//! Nothing else in the core names `/proc` or `/sys`. A `Source` has four roots — procfs,
//! sysfs, dev and rootfs — so the same collectors read the live machine, a host's `/proc`
//! mounted inside a container, or a fixture tree in a test:
//!
//! ```no_run
//! use libprobe::Source;
//! let live = Source::host();                                  // /proc, /sys, /dev, /
//! let host = Source::host().with_procfs("/host/proc");        // a host seen from a container
//! let fake = Source::rooted_at("tests/fixtures/minimal");     // fixture: …/proc, …/sys
//! let text = live.read_proc("loadavg")?;                      // errors carry the full path
//! # Ok::<(), libprobe::Error>(())
//! ```
//!
//! `Source::host()` honours `LIBPROBE_PROCFS`, `LIBPROBE_SYSFS`, `LIBPROBE_DEVFS` and
//! `LIBPROBE_ROOTFS`, and `LIBPROBE_FIXTURE` (a fixture tree, as `rooted_at`).
//!
//! Values that come from syscalls rather than files — clock ticks, page size, the clock,
//! `statvfs`, a socket's protocol — also come through the `Source`. On a fixture tree they
//! are read from `<root>/syscalls.txt`, so a golden file gives the same answer on every
//! machine. Reads are bounded ([`Source::with_max_file_bytes`]), never block (a FIFO or a
//! device under a root is refused, with an error naming it), and `syscalls.txt` is read
//! once per snapshot under the same bound.

use std::collections::HashMap;
use std::ffi::CStr;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

use crate::error::{Error, ErrorKind};
use crate::parse;
use crate::sys::imp::fs::{self, Dir, FileStat, ReadMode, StatVfs};

/// Where and how libprobe reads the machine. Cheap to clone; immutable once built.
#[derive(Debug, Clone)]
pub struct Source {
    inner: Arc<Inner>,
}

#[derive(Debug, Clone)]
struct Inner {
    procfs: PathBuf,
    sysfs: PathBuf,
    devfs: PathBuf,
    rootfs: PathBuf,
    /// `<fixture>/syscalls.txt`, for a fixture tree.
    fakes: Option<PathBuf>,
    /// Its answers as read for the current snapshot ([`Source::begin_snapshot`]).
    fakes_read: Arc<Mutex<Option<Arc<Fakes>>>>,
    max_file_bytes: usize,
}

/// A wall-clock and monotonic reading taken together.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Instant {
    /// Nanoseconds since the Unix epoch (CLOCK_REALTIME).
    pub unix_ns: u64,
    /// Nanoseconds on CLOCK_MONOTONIC (for rates; unaffected by clock steps).
    pub monotonic_ns: u64,
}

impl Default for Source {
    fn default() -> Self {
        Source::host()
    }
}

impl Source {
    /// The default read limit per file: 32 MiB (a `maps` of a very large process fits).
    pub const DEFAULT_MAX_FILE_BYTES: usize = 32 << 20;

    /// The running machine: `/proc`, `/sys`, `/dev`, `/`, overridden by the
    /// `LIBPROBE_PROCFS`, `LIBPROBE_SYSFS`, `LIBPROBE_DEVFS`, `LIBPROBE_ROOTFS` environment
    /// variables, or by `LIBPROBE_FIXTURE` (a whole fixture tree).
    pub fn host() -> Source {
        if let Some(dir) = std::env::var_os("LIBPROBE_FIXTURE").filter(|v| !v.is_empty()) {
            return Source::rooted_at(dir);
        }
        let env = |name: &str, default: &str| {
            std::env::var_os(name).filter(|v| !v.is_empty()).map_or_else(|| PathBuf::from(default), PathBuf::from)
        };
        Source {
            inner: Arc::new(Inner {
                procfs: env("LIBPROBE_PROCFS", "/proc"),
                sysfs: env("LIBPROBE_SYSFS", "/sys"),
                devfs: env("LIBPROBE_DEVFS", "/dev"),
                rootfs: env("LIBPROBE_ROOTFS", "/"),
                fakes: None,
                fakes_read: Arc::default(),
                max_file_bytes: Self::DEFAULT_MAX_FILE_BYTES,
            }),
        }
    }

    /// A fixture tree: `<dir>/proc`, `<dir>/sys`, `<dir>/dev`, `<dir>` as rootfs, and
    /// syscall answers from `<dir>/syscalls.txt` (missing entries take Linux x86-64
    /// defaults: 100 ticks/s, 4096-byte pages, the clock at zero). `syscalls.txt` is read
    /// once per snapshot, so a test can advance its clock between two snapshots of one
    /// `Probe`.
    pub fn rooted_at(dir: impl AsRef<Path>) -> Source {
        let dir = dir.as_ref();
        Source {
            inner: Arc::new(Inner {
                procfs: dir.join("proc"),
                sysfs: dir.join("sys"),
                devfs: dir.join("dev"),
                rootfs: dir.to_owned(),
                fakes: Some(dir.join("syscalls.txt")),
                fakes_read: Arc::default(),
                max_file_bytes: Self::DEFAULT_MAX_FILE_BYTES,
            }),
        }
    }

    /// Starts a snapshot: a fixture tree's `syscalls.txt` is read (once, under the read
    /// limit) and answers every faked call until the next snapshot.
    pub(crate) fn begin_snapshot(&self) {
        if let Some(path) = self.inner.fakes.as_deref() {
            let fakes = Arc::new(Fakes::load(path, self.inner.max_file_bytes));
            *self.inner.fakes_read.lock().unwrap_or_else(std::sync::PoisonError::into_inner) = Some(fakes);
        }
    }

    /// The syscall answers of a fixture tree, as read for this snapshot (or now, outside
    /// one).
    fn fakes(&self) -> Option<Arc<Fakes>> {
        let path = self.inner.fakes.as_deref()?;
        let mut read = self.inner.fakes_read.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
        Some(read.get_or_insert_with(|| Arc::new(Fakes::load(path, self.inner.max_file_bytes))).clone())
    }

    /// Why a fixture tree's `syscalls.txt` could not be used as a whole (a FIFO, over the
    /// read limit) or had lines that were ignored; its defaults answer then.
    pub(crate) fn fixture_error(&self) -> Option<String> {
        self.fakes().and_then(|f| f.problem.clone())
    }

    /// Whether the procfs root is a real procfs mount (not a fixture tree, not a copy).
    pub(crate) fn procfs_is_procfs(&self) -> bool {
        !self.is_fixture() && fs::is_procfs(&self.inner.procfs)
    }

    fn edit(mut self, f: impl FnOnce(&mut Inner)) -> Source {
        let inner = Arc::make_mut(&mut self.inner);
        f(inner);
        // Answers read under the old settings are not the new source's.
        inner.fakes_read = Arc::default();
        self
    }

    /// Reads procfs from `path` instead.
    pub fn with_procfs(self, path: impl Into<PathBuf>) -> Source {
        self.edit(|i| i.procfs = path.into())
    }

    /// Reads sysfs from `path` instead.
    pub fn with_sysfs(self, path: impl Into<PathBuf>) -> Source {
        self.edit(|i| i.sysfs = path.into())
    }

    /// Reads device nodes from `path` instead.
    pub fn with_devfs(self, path: impl Into<PathBuf>) -> Source {
        self.edit(|i| i.devfs = path.into())
    }

    /// Resolves mount points (for `statvfs`) under `path` instead of `/`.
    pub fn with_rootfs(self, path: impl Into<PathBuf>) -> Source {
        self.edit(|i| i.rootfs = path.into())
    }

    /// Caps every file read at `bytes`; a longer file is an error of kind `TooLarge`.
    pub fn with_max_file_bytes(self, bytes: usize) -> Source {
        self.edit(|i| i.max_file_bytes = bytes.max(1))
    }

    pub fn procfs(&self) -> &Path {
        &self.inner.procfs
    }

    pub fn sysfs(&self) -> &Path {
        &self.inner.sysfs
    }

    pub fn devfs(&self) -> &Path {
        &self.inner.devfs
    }

    pub fn rootfs(&self) -> &Path {
        &self.inner.rootfs
    }

    pub fn max_file_bytes(&self) -> usize {
        self.inner.max_file_bytes
    }

    /// True for a fixture tree ([`Source::rooted_at`]).
    pub fn is_fixture(&self) -> bool {
        self.inner.fakes.is_some()
    }

    /// `<procfs>/<rel>`.
    pub fn proc_path(&self, rel: impl AsRef<Path>) -> PathBuf {
        self.inner.procfs.join(rel)
    }

    /// `<sysfs>/<rel>`.
    pub fn sys_path(&self, rel: impl AsRef<Path>) -> PathBuf {
        self.inner.sysfs.join(rel)
    }

    /// An absolute path of the observed machine (a mount point), under the rootfs.
    pub fn root_path(&self, abs: &[u8]) -> PathBuf {
        use std::os::unix::ffi::OsStrExt;
        let rel = abs.strip_prefix(b"/").unwrap_or(abs);
        self.inner.rootfs.join(std::ffi::OsStr::from_bytes(rel))
    }

    /// The whole of `<procfs>/<rel>`.
    pub fn read_proc(&self, rel: impl AsRef<Path>) -> Result<Vec<u8>, Error> {
        let mut buf = Vec::new();
        self.read_into(&self.proc_path(rel), &mut buf)?;
        Ok(buf)
    }

    /// The whole of `<sysfs>/<rel>`.
    pub fn read_sys(&self, rel: impl AsRef<Path>) -> Result<Vec<u8>, Error> {
        let mut buf = Vec::new();
        self.read_into(&self.sys_path(rel), &mut buf)?;
        Ok(buf)
    }

    /// Reads `path` (already under a root) into `buf`, replacing its contents.
    pub(crate) fn read_into(&self, path: &Path, buf: &mut Vec<u8>) -> Result<(), Error> {
        match fs::read_path_into(path, buf, self.inner.max_file_bytes, ReadMode::ToEof) {
            Ok(true) => Ok(()),
            Ok(false) => Err(Error::too_large(path, self.inner.max_file_bytes)),
            Err(e) => Err(Error::io(path, &e)),
        }
    }

    /// The target of the link `<procfs>/<rel>` (`self/ns/net` → `net:[4026531840]`).
    pub(crate) fn read_link_proc(&self, rel: impl AsRef<Path>) -> Result<Vec<u8>, Error> {
        use std::os::unix::ffi::OsStrExt;
        let path = self.proc_path(rel);
        std::fs::read_link(&path).map(|t| t.as_os_str().as_bytes().to_vec()).map_err(|e| Error::io(&path, &e))
    }

    /// A short sysfs attribute, trimmed (`/sys/class/net/eth0/mtu` → `1500`).
    pub(crate) fn read_sys_value(&self, rel: impl AsRef<Path>) -> Result<Vec<u8>, Error> {
        let v = self.read_sys(rel)?;
        Ok(parse::trim(&v).to_vec())
    }

    /// The numeric entries of procfs: every visible process id, ascending.
    pub fn pids(&self) -> Result<Vec<i32>, Error> {
        let path = &self.inner.procfs;
        let dir = Dir::open(path).map_err(|e| Error::io(path, &e))?;
        let mut pids = Vec::with_capacity(512);
        dir.for_each_entry(c".", |name| {
            if let Some(pid) = parse::u64_dec(name).and_then(|p| i32::try_from(p).ok()) {
                pids.push(pid);
            }
        })
        .map_err(|e| Error::io(path, &e))?;
        pids.sort_unstable();
        Ok(pids)
    }

    /// Opens procfs itself, the base for opening per-process directories.
    pub(crate) fn open_procfs(&self) -> Result<ProcRoot<'_>, Error> {
        let path = &self.inner.procfs;
        let dir = Dir::open(path).map_err(|e| Error::io(path, &e))?;
        Ok(ProcRoot { src: self, dir })
    }

    /// Clock ticks per second: the unit of every `*_ticks` field.
    pub fn clock_ticks(&self) -> u64 {
        self.fakes().map_or_else(fs::clock_ticks, |f| f.clock_ticks)
    }

    /// The page size in bytes.
    pub fn page_size(&self) -> u64 {
        self.fakes().map_or_else(fs::page_size, |f| f.page_size)
    }

    /// Now, on the observed machine's clocks (on a fixture tree, as its `syscalls.txt` says).
    pub fn now(&self) -> Instant {
        match self.fakes() {
            Some(f) => Instant { unix_ns: f.realtime_ns, monotonic_ns: f.monotonic_ns },
            None => Instant { unix_ns: fs::realtime_ns(), monotonic_ns: fs::monotonic_ns() },
        }
    }

    /// The user libprobe reads as (to tell another user's process from a real error).
    pub fn effective_uid(&self) -> u32 {
        self.fakes().map_or_else(fs::effective_uid, |f| f.euid)
    }

    /// On a fixture tree, the rest of every `syscalls.txt` line that starts with `key` (the
    /// answers of a syscall a collector fakes itself, such as `ethtool`); empty otherwise.
    pub(crate) fn fake_lines(&self, key: &[u8]) -> Vec<Vec<u8>> {
        self.fakes()
            .map_or_else(Vec::new, |f| f.other.iter().filter(|(k, _)| k == key).map(|(_, v)| v.clone()).collect())
    }

    /// `statvfs` of a mount point of the observed machine (`mount_point` is absolute, as
    /// `mountinfo` prints it, unescaped).
    pub(crate) fn statvfs(&self, mount_point: &[u8]) -> Result<StatVfs, Error> {
        let path = self.root_path(mount_point);
        match self.fakes() {
            Some(f) => {
                if let Some(ms) = f.statvfs_stall.get(mount_point) {
                    // A fixture's stand-in for a server that does not answer.
                    std::thread::sleep(std::time::Duration::from_millis(*ms));
                }
                f.statvfs
                    .get(mount_point)
                    .copied()
                    .ok_or_else(|| Error::new(ErrorKind::NotFound, "no statvfs answer in syscalls.txt").with_path(path))
            }
            None => fs::statvfs(&path).map_err(|e| Error::io(&path, &e)),
        }
    }
}

/// A sysfs directory held open (`/sys/class/hwmon/hwmon0`, a power supply, a powercap
/// zone): every attribute below it is opened relative to the handle, so a class scan does
/// not resolve the full path (and its symbolic links) once per attribute.
#[derive(Debug)]
pub(crate) struct SysDir<'s> {
    src: &'s Source,
    path: PathBuf,
    dir: Dir,
}

impl Source {
    /// Opens `<sysfs>/<rel>` as a directory handle (following links, as the class
    /// directories are links into `/sys/devices`).
    pub(crate) fn open_sys_dir(&self, rel: impl AsRef<Path>) -> Result<SysDir<'_>, Error> {
        let path = self.sys_path(rel);
        match Dir::open(&path) {
            Ok(dir) => Ok(SysDir { src: self, path, dir }),
            Err(e) => Err(Error::io(&path, &e)),
        }
    }
}

impl<'s> SysDir<'s> {
    /// The directory's path, under the sysfs root.
    pub(crate) fn path(&self) -> &Path {
        &self.path
    }

    /// `<this directory>/<name>`, for error messages.
    pub(crate) fn path_of(&self, name: &[u8]) -> PathBuf {
        use std::os::unix::ffi::OsStrExt;
        self.path.join(std::ffi::OsStr::from_bytes(name))
    }

    /// Reads the attribute `name` into `buf` (replacing its contents). sysfs produces an
    /// attribute in one piece of at most a page, so one `read` that does not fill the
    /// buffer is the whole of it; an attribute that fails (`EAGAIN` from a broken driver,
    /// `ENODATA`, `EIO`) is an error at once, never retried.
    pub(crate) fn read(&self, name: &[u8], buf: &mut Vec<u8>) -> Result<(), Error> {
        let limit = self.src.max_file_bytes();
        let r = with_cstr(name, |c| self.dir.read_into(c, buf, limit, ReadMode::Whole));
        match r {
            Ok(true) => Ok(()),
            Ok(false) => Err(Error::too_large(&self.path_of(name), limit)),
            Err(e) => Err(Error::io(&self.path_of(name), &e)),
        }
    }

    /// Opens the directory `name` below this one.
    pub(crate) fn open_dir(&self, name: &[u8]) -> Result<SysDir<'s>, Error> {
        match self.dir.open_dir_at(name) {
            Ok(dir) => Ok(SysDir { src: self.src, path: self.path_of(name), dir }),
            Err(e) => Err(Error::io(&self.path_of(name), &e)),
        }
    }

    /// Calls `f` with the name of each entry of this directory (`.` and `..` left out).
    pub(crate) fn entries(&self, f: impl FnMut(&[u8])) -> Result<(), Error> {
        self.dir.for_each_entry(c".", f).map_err(|e| Error::io(&self.path, &e))
    }

    /// The target of the symbolic link `name` below this directory, into `buf`.
    pub(crate) fn read_link(&self, name: &[u8], buf: &mut Vec<u8>) -> Result<(), Error> {
        with_cstr(name, |c| self.dir.readlink_into(c, buf)).map_err(|e| Error::io(&self.path_of(name), &e))
    }
}

/// Calls `f` with `name` as a C string (names below a sysfs directory are short).
fn with_cstr<T>(name: &[u8], f: impl FnOnce(&CStr) -> std::io::Result<T>) -> std::io::Result<T> {
    let mut storage = [0u8; 128];
    if name.len() >= storage.len() || name.contains(&0) {
        return Err(std::io::Error::from_raw_os_error(libc::ENAMETOOLONG));
    }
    storage[..name.len()].copy_from_slice(name);
    let c = CStr::from_bytes_until_nul(&storage[..]).map_err(|_| std::io::Error::from_raw_os_error(libc::EINVAL))?;
    f(c)
}

/// An open procfs, from which process directories are opened without re-resolving it.
#[derive(Debug)]
pub(crate) struct ProcRoot<'s> {
    src: &'s Source,
    dir: Dir,
}

impl<'s> ProcRoot<'s> {
    /// Opens `/proc/<pid>`. Every later read of this process goes through the handle, so
    /// a pid reused by a new process between two reads cannot mix two processes' data:
    /// reads through the old handle fail once its process is gone.
    pub(crate) fn open_pid(&self, pid: i32) -> Result<PidDir<'s>, Error> {
        let mut digits = [0u8; 12];
        let name = decimal(pid, &mut digits);
        match self.dir.open_dir_at(name) {
            Ok(dir) => Ok(PidDir { src: self.src, pid, dir }),
            Err(e) => {
                let err = Error::io(&self.src.proc_path(pid.to_string()), &e);
                // A /proc/<pid> that vanished between listing and opening: it exited.
                Err(if err.kind() == ErrorKind::NotFound { err.with_kind(ErrorKind::Gone) } else { err })
            }
        }
    }
}

impl ProcRoot<'_> {
    /// Reads `/proc/<pid>/<name>` (a file the kernel produces in one piece) into `buf`
    /// without opening the process's directory: one `openat` from the procfs. For a
    /// process whose other fields came from elsewhere (a BPF iterator); a process that
    /// exited reads as `gone`.
    pub(crate) fn read_pid_file(&self, pid: i32, name: &CStr, buf: &mut Vec<u8>) -> Result<(), Error> {
        let mut digits = [0u8; 12];
        let mut path = [0u8; 64];
        let (pid_text, file) = (decimal(pid, &mut digits), name.to_bytes_with_nul());
        let len = pid_text.len() + 1 + file.len();
        let full = || self.src.proc_path(format!("{pid}/{}", name.to_string_lossy()));
        if len > path.len() {
            return Err(Error::io(&full(), &std::io::Error::from_raw_os_error(libc::ENAMETOOLONG)));
        }
        path[..pid_text.len()].copy_from_slice(pid_text);
        path[pid_text.len()] = b'/';
        path[pid_text.len() + 1..len].copy_from_slice(file);
        let c = CStr::from_bytes_with_nul(&path[..len]).map_err(|_| Error::new(ErrorKind::Parse, "a nul in a name"))?;
        let limit = self.src.inner.max_file_bytes;
        match self.dir.read_into(c, buf, limit, ReadMode::Whole) {
            Ok(true) => Ok(()),
            Ok(false) => Err(Error::too_large(&full(), limit)),
            Err(e) => {
                let err = Error::io(&full(), &e);
                Err(if err.kind() == ErrorKind::NotFound { err.with_kind(ErrorKind::Gone) } else { err })
            }
        }
    }
}

/// `v` in decimal, written into `buf` without allocating.
fn decimal(v: i32, buf: &mut [u8; 12]) -> &[u8] {
    let mut n = v.unsigned_abs();
    let mut i = buf.len();
    loop {
        i -= 1;
        buf[i] = b'0' + (n % 10) as u8;
        n /= 10;
        if n == 0 {
            break;
        }
    }
    if v < 0 {
        i -= 1;
        buf[i] = b'-';
    }
    &buf[i..]
}

/// One process's directory, `/proc/<pid>`, held open.
#[derive(Debug)]
pub(crate) struct PidDir<'s> {
    src: &'s Source,
    pid: i32,
    dir: Dir,
}

impl PidDir<'_> {
    /// `<procfs>/<pid>/<name>`, for error messages.
    pub(crate) fn path_of(&self, name: &CStr) -> PathBuf {
        let mut p = self.src.proc_path(self.pid.to_string());
        p.push(std::ffi::OsStr::new(&*name.to_string_lossy()));
        p
    }

    fn err(&self, name: &CStr, e: &std::io::Error) -> Error {
        Error::io(&self.path_of(name), e)
    }

    /// Reads a file the kernel produces in one piece (`stat`, `status`, `io`, `cmdline`,
    /// `fdinfo/<n>`, …) into `buf`.
    pub(crate) fn read(&self, name: &CStr, buf: &mut Vec<u8>) -> Result<(), Error> {
        self.read_mode(name, buf, ReadMode::Whole)
    }

    /// Reads a file produced record by record (`maps`), looping to the end.
    pub(crate) fn read_to_eof(&self, name: &CStr, buf: &mut Vec<u8>) -> Result<(), Error> {
        self.read_mode(name, buf, ReadMode::ToEof)
    }

    fn read_mode(&self, name: &CStr, buf: &mut Vec<u8>, mode: ReadMode) -> Result<(), Error> {
        let limit = self.src.inner.max_file_bytes;
        match self.dir.read_into(name, buf, limit, mode) {
            Ok(true) => Ok(()),
            Ok(false) => Err(Error::too_large(&self.path_of(name), limit)),
            Err(e) => Err(self.err(name, &e)),
        }
    }

    /// The target of the link `name` (`exe`, `cwd`, `ns/net`, `fd/3`) into `buf`.
    pub(crate) fn readlink(&self, name: &CStr, buf: &mut Vec<u8>) -> Result<(), Error> {
        self.dir.readlink_into(name, buf).map_err(|e| self.err(name, &e))
    }

    /// The number of entries of the directory `name` (`fd`, `task`).
    pub(crate) fn count_entries(&self, name: &CStr) -> Result<usize, Error> {
        self.dir.count_entries(name).map_err(|e| self.err(name, &e))
    }

    /// Calls `f` with each entry name of the directory `name`.
    pub(crate) fn for_each_entry(&self, name: &CStr, f: impl FnMut(&[u8])) -> Result<(), Error> {
        self.dir.for_each_entry(name, f).map_err(|e| self.err(name, &e))
    }

    /// `stat` of `name`, following links (`fd/3` → the open file itself). On a fixture
    /// tree the target is not on this machine: `syscalls.txt` answers, or it is not found.
    pub(crate) fn stat(&self, name: &CStr) -> Result<FileStat, Error> {
        match self.src.fakes() {
            Some(f) => f
                .stat
                .get(&(self.pid, name.to_bytes().to_vec()))
                .copied()
                .ok_or_else(|| self.err(name, &std::io::ErrorKind::NotFound.into())),
            None => self.dir.stat(name, true).map_err(|e| self.err(name, &e)),
        }
    }

    /// Whether this process's directory still answers (false once it has exited).
    pub(crate) fn is_alive(&self) -> bool {
        self.dir.stat(c"stat", false).is_ok()
    }

    /// The protocol of the socket open as descriptor `fd` (`TCP`, `UDPv6`, `UNIX`, …).
    pub(crate) fn socket_protocol(&self, fd: i32, name: &CStr) -> Result<Vec<u8>, Error> {
        match self.src.fakes() {
            Some(f) => f
                .sockproto
                .get(&(self.pid, fd))
                .cloned()
                .ok_or_else(|| Error::new(ErrorKind::Unsupported, "no sockproto answer in syscalls.txt")),
            None => self.dir.socket_protocol(name).map_err(|e| self.err(name, &e)),
        }
    }
}

/// Answers to syscalls for a fixture tree, from `syscalls.txt`:
///
/// ```text
/// clock_ticks 100
/// page_size 4096
/// realtime_ns 1764075600000000000
/// monotonic_ns 5000000000
/// euid 0
/// # mount point, block size, total/free/available bytes, total/free/available inodes
/// statvfs / 4096 1000000000 400000000 350000000 65536 60000 60000
/// # a mount whose statvfs takes this many milliseconds (a server that does not answer)
/// statvfs_stall /mnt/stuck 5000
/// # pid, fd, protocol
/// sockproto 1234 5 TCP
/// # pid, link below /proc/<pid>, st_mode (octal), inode, link count, size: what
/// # fstatat answers following the link (the target is not on the testing machine)
/// stat 1234 exe 100755 246999 1 1265648
/// stat 1234 fd/4 100644 10010925 0 0
/// ```
///
/// Read whole, once per snapshot, under the source's read limit. A line that does not
/// parse is ignored (and counted in [`Fakes::problem`]); a file that cannot be read (over
/// the limit, a FIFO) leaves every answer at its default, and says so.
#[derive(Debug, Clone)]
struct Fakes {
    clock_ticks: u64,
    page_size: u64,
    realtime_ns: u64,
    monotonic_ns: u64,
    euid: u32,
    statvfs: HashMap<Vec<u8>, StatVfs>,
    statvfs_stall: HashMap<Vec<u8>, u64>,
    sockproto: HashMap<(i32, i32), Vec<u8>>,
    stat: HashMap<(i32, Vec<u8>), FileStat>,
    /// Lines with other keys (`ethtool …`), by key, for the collectors that own them.
    other: Vec<(Vec<u8>, Vec<u8>)>,
    /// Why the file was not used whole, for the domains' warnings.
    problem: Option<String>,
}

impl Fakes {
    fn load(path: &Path, max_bytes: usize) -> Fakes {
        let mut f = Fakes {
            clock_ticks: 100,
            page_size: 4096,
            realtime_ns: 0,
            monotonic_ns: 0,
            euid: 0,
            statvfs: HashMap::new(),
            statvfs_stall: HashMap::new(),
            sockproto: HashMap::new(),
            stat: HashMap::new(),
            other: Vec::new(),
            problem: None,
        };
        let mut text = Vec::new();
        match fs::read_path_into(path, &mut text, max_bytes, ReadMode::ToEof) {
            Ok(true) => {}
            Ok(false) => {
                f.problem = Some(format!("{}: using the defaults", Error::too_large(path, max_bytes)));
                return f;
            }
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return f,
            Err(e) => {
                f.problem = Some(format!("{}: using the defaults", Error::io(path, &e)));
                return f;
            }
        }
        let mut ignored = 0usize;
        for line in parse::lines(&text) {
            if !f.line(line) {
                ignored += 1;
            }
        }
        if ignored > 0 {
            f.problem = Some(format!("{ignored} lines of {} did not parse and were ignored", path.display()));
        }
        f
    }

    /// Applies one line; `false` when it does not parse.
    fn line(&mut self, line: &[u8]) -> bool {
        let mut t = parse::Fields::new(line);
        let Some(key) = t.token() else { return true };
        if key.starts_with(b"#") {
            return true;
        }
        let mut num = || t.token().and_then(parse::u64_dec);
        let pid = |v: Option<&[u8]>| v.and_then(parse::i64_dec).and_then(|v| i32::try_from(v).ok());
        match key {
            b"clock_ticks" => match num().filter(|&v| v > 0) {
                Some(v) => self.clock_ticks = v,
                None => return false,
            },
            b"page_size" => match num().filter(|&v| v > 0) {
                Some(v) => self.page_size = v,
                None => return false,
            },
            b"realtime_ns" => match num() {
                Some(v) => self.realtime_ns = v,
                None => return false,
            },
            b"monotonic_ns" => match num() {
                Some(v) => self.monotonic_ns = v,
                None => return false,
            },
            b"euid" => match num().and_then(|v| u32::try_from(v).ok()) {
                Some(v) => self.euid = v,
                None => return false,
            },
            b"statvfs" => {
                let Some(mount) = t.token() else { return false };
                let mount = parse::unescape_octal(mount);
                let mut v = [0u64; 7];
                for slot in &mut v {
                    match t.token().and_then(parse::u64_dec) {
                        Some(n) => *slot = n,
                        None => return false,
                    }
                }
                let st = StatVfs {
                    block_size: v[0],
                    total_bytes: v[1],
                    free_bytes: v[2],
                    available_bytes: v[3],
                    inodes_total: v[4],
                    inodes_free: v[5],
                    inodes_available: v[6],
                };
                self.statvfs.insert(mount, st);
            }
            b"statvfs_stall" => {
                let Some(mount) = t.token() else { return false };
                let Some(ms) = t.token().and_then(parse::u64_dec) else { return false };
                self.statvfs_stall.insert(parse::unescape_octal(mount), ms);
            }
            b"sockproto" => {
                let (p, fd) = (pid(t.token()), pid(t.token()));
                let (Some(p), Some(fd), Some(proto)) = (p, fd, t.token()) else { return false };
                self.sockproto.insert((p, fd), proto.to_vec());
            }
            b"stat" => {
                let p = pid(t.token());
                let name = t.token();
                let mode = t.token().and_then(parse::u64_oct).and_then(|v| u32::try_from(v).ok());
                let mut num = || t.token().and_then(parse::u64_dec);
                let (inode, links, size) = (num(), num(), num());
                let (Some(p), Some(name), Some(mode), Some(inode), Some(links)) = (p, name, mode, inode, links) else {
                    return false;
                };
                let st = FileStat { mode, inode, links, device: 0, size: size.unwrap_or(0) };
                self.stat.insert((p, name.to_vec()), st);
            }
            other => self.other.push((other.to_vec(), t.rest().to_vec())),
        }
        true
    }
}
