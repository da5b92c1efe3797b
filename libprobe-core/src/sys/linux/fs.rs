//! The few file-system calls `Source` needs beyond `std`: reads relative to a directory
//! descriptor (so every file of one process is read through the same `/proc/<pid>`
//! handle), `readlinkat`, directory entry counts, `statvfs`, and the socket protocol
//! extended attribute.
//!
//! Reads go into caller-owned buffers that are reused across files and processes.
//!
//! Nothing here may block on what a root holds: files are opened with `O_NONBLOCK` (a
//! FIFO's open returns at once instead of waiting for a writer, a read of it returns
//! what is there) and must be regular files (procfs, sysfs and cgroupfs files all are); a
//! FIFO, a device or a directory is refused with an error naming its kind. `stat` of an open file's target uses the cached
//! attributes (`AT_STATX_DONT_SYNC`), so a FUSE or NFS server that stopped answering
//! cannot stall it.

use std::ffi::CStr;
use std::io;
use std::os::fd::{AsRawFd, FromRawFd, OwnedFd, RawFd};
use std::os::unix::ffi::OsStrExt;
use std::path::Path;

pub(crate) use crate::sys::{FileStat, ReadMode, StatVfs};

/// An open directory (`O_PATH`), the base for `*at` calls.
#[derive(Debug)]
pub(crate) struct Dir {
    fd: OwnedFd,
}

fn cstr_path(path: &Path, buf: &mut Vec<u8>) -> io::Result<()> {
    buf.clear();
    buf.extend_from_slice(path.as_os_str().as_bytes());
    if buf.contains(&0) {
        return Err(io::Error::from_raw_os_error(libc::EINVAL));
    }
    buf.push(0);
    Ok(())
}

fn last_error() -> io::Error {
    io::Error::last_os_error()
}

impl Dir {
    /// Opens `path` as a directory handle.
    pub(crate) fn open(path: &Path) -> io::Result<Dir> {
        let mut c = Vec::with_capacity(64);
        cstr_path(path, &mut c)?;
        // SAFETY: `c` is NUL-terminated with no interior NUL; open has no other preconditions.
        let fd = unsafe { libc::open(c.as_ptr().cast(), libc::O_PATH | libc::O_DIRECTORY | libc::O_CLOEXEC) };
        Self::from_fd(fd)
    }

    /// Opens the directory `name` (a NUL-free relative name) below `self`.
    pub(crate) fn open_dir_at(&self, name: &[u8]) -> io::Result<Dir> {
        let mut c = [0u8; 64];
        let name = small_cstr(name, &mut c)?;
        // SAFETY: `name` is a valid C string and `self.fd` an open descriptor.
        let fd = unsafe {
            libc::openat(self.fd.as_raw_fd(), name.as_ptr(), libc::O_PATH | libc::O_DIRECTORY | libc::O_CLOEXEC)
        };
        Self::from_fd(fd)
    }

    fn from_fd(fd: RawFd) -> io::Result<Dir> {
        if fd < 0 {
            return Err(last_error());
        }
        // SAFETY: `fd` was just returned by open/openat and is owned by nobody else.
        Ok(Dir { fd: unsafe { OwnedFd::from_raw_fd(fd) } })
    }

    /// Reads the file `name` below this directory into `buf` (cleared first), up to
    /// `limit` bytes. Returns `Ok(false)` if the file was longer than `limit`.
    pub(crate) fn read_into(&self, name: &CStr, buf: &mut Vec<u8>, limit: usize, mode: ReadMode) -> io::Result<bool> {
        // SAFETY: `name` is a valid C string and `self.fd` an open descriptor.
        let fd = unsafe { libc::openat(self.fd.as_raw_fd(), name.as_ptr(), READ_FLAGS) };
        if fd < 0 {
            return Err(last_error());
        }
        // SAFETY: `fd` was just opened and is owned only here; OwnedFd closes it.
        let file = unsafe { OwnedFd::from_raw_fd(fd) };
        // The process table reads a dozen files per process: the type is checked only
        // when a read looks like something other than a file (nothing read, or EAGAIN),
        // which is all a FIFO or a terminal can give without blocking.
        match read_fd(file.as_raw_fd(), buf, limit, mode) {
            Ok(true) if buf.is_empty() => regular(file.as_raw_fd()).map(|()| true),
            Err(e) if e.kind() == io::ErrorKind::WouldBlock => Err(regular(file.as_raw_fd()).err().unwrap_or(e)),
            r => r,
        }
    }

    /// The target of the symbolic link `name` below this directory, into `buf`.
    pub(crate) fn readlink_into(&self, name: &CStr, buf: &mut Vec<u8>) -> io::Result<()> {
        readlink_at(self.fd.as_raw_fd(), name, buf)
    }

    /// The number of entries in the directory `name` below this one (`.`/`..` excluded).
    pub(crate) fn count_entries(&self, name: &CStr) -> io::Result<usize> {
        let mut n = 0usize;
        self.for_each_entry(name, |_| n += 1)?;
        Ok(n)
    }

    /// Calls `f` with the name of each entry of the directory `name` (or of this directory
    /// when `name` is `.`), `.` and `..` excluded.
    pub(crate) fn for_each_entry(&self, name: &CStr, mut f: impl FnMut(&[u8])) -> io::Result<()> {
        // SAFETY: `name` is a valid C string and `self.fd` an open descriptor.
        let fd = unsafe {
            libc::openat(self.fd.as_raw_fd(), name.as_ptr(), libc::O_RDONLY | libc::O_DIRECTORY | libc::O_CLOEXEC)
        };
        if fd < 0 {
            return Err(last_error());
        }
        // SAFETY: `fd` was just opened and is owned only here.
        let dir = unsafe { OwnedFd::from_raw_fd(fd) };
        for_each_dirent(dir.as_raw_fd(), &mut f)
    }

    /// `stat` of `name` below this directory, following symbolic links when `follow`,
    /// from cached attributes: a network or FUSE filesystem is not asked again, so a
    /// server that stopped answering cannot stall the read.
    pub(crate) fn stat(&self, name: &CStr, follow: bool) -> io::Result<FileStat> {
        let flags = libc::AT_STATX_DONT_SYNC | if follow { 0 } else { libc::AT_SYMLINK_NOFOLLOW };
        let mut stx = std::mem::MaybeUninit::<libc::statx>::uninit();
        // SAFETY: `stx` points to writable memory of the right size; `name` is a C string.
        let rc = unsafe {
            libc::statx(self.fd.as_raw_fd(), name.as_ptr(), flags, libc::STATX_BASIC_STATS, stx.as_mut_ptr())
        };
        if rc == 0 {
            // SAFETY: statx returned 0, so it filled `stx`.
            let st = unsafe { stx.assume_init() };
            return Ok(FileStat {
                mode: u32::from(st.stx_mode),
                inode: st.stx_ino,
                links: u64::from(st.stx_nlink),
                device: libc::makedev(st.stx_dev_major, st.stx_dev_minor),
                size: st.stx_size,
            });
        }
        let e = last_error();
        if e.raw_os_error() != Some(libc::ENOSYS) {
            return Err(e);
        }
        // Before Linux 4.11.
        let mut st = std::mem::MaybeUninit::<libc::stat>::uninit();
        let flags = if follow { 0 } else { libc::AT_SYMLINK_NOFOLLOW };
        // SAFETY: `st` points to writable memory of the right size; `name` is a C string.
        let rc = unsafe { libc::fstatat(self.fd.as_raw_fd(), name.as_ptr(), st.as_mut_ptr(), flags) };
        if rc < 0 {
            return Err(last_error());
        }
        // SAFETY: fstatat returned 0, so it filled `st`.
        let st = unsafe { st.assume_init() };
        Ok(FileStat {
            mode: st.st_mode,
            inode: st.st_ino,
            links: st.st_nlink,
            device: st.st_dev,
            size: st.st_size as u64,
        })
    }

    /// The protocol name of the socket that the fd link `name` points to
    /// (`system.sockprotoname`: `TCP`, `UDPv6`, `UNIX`, `NETLINK`, …).
    pub(crate) fn socket_protocol(&self, name: &CStr) -> io::Result<Vec<u8>> {
        // getxattr needs a path; /proc/self/fd/<dirfd>/<name> reaches the link through
        // our own descriptor, so it resolves within the same process directory.
        let path = format!("/proc/self/fd/{}/", self.fd.as_raw_fd());
        let mut full = path.into_bytes();
        full.extend_from_slice(name.to_bytes());
        full.push(0);
        let mut out = vec![0u8; 64];
        // SAFETY: `full` is NUL-terminated; `out` is writable for `out.len()` bytes.
        let n = unsafe {
            libc::getxattr(full.as_ptr().cast(), c"system.sockprotoname".as_ptr(), out.as_mut_ptr().cast(), out.len())
        };
        if n < 0 {
            return Err(last_error());
        }
        out.truncate(n as usize);
        while out.last() == Some(&0) {
            out.pop();
        }
        Ok(out)
    }
}

/// Copies a short relative name into `storage` as a C string.
fn small_cstr<'a>(name: &[u8], storage: &'a mut [u8; 64]) -> io::Result<&'a CStr> {
    if name.len() >= storage.len() || name.contains(&0) {
        return Err(io::Error::from_raw_os_error(libc::ENAMETOOLONG));
    }
    storage[..name.len()].copy_from_slice(name);
    storage[name.len()] = 0;
    CStr::from_bytes_until_nul(&storage[..]).map_err(|_| io::Error::from_raw_os_error(libc::EINVAL))
}

/// How every file is opened for reading: a FIFO's open returns at once, a terminal does
/// not become our controlling one.
const READ_FLAGS: libc::c_int = libc::O_RDONLY | libc::O_CLOEXEC | libc::O_NONBLOCK | libc::O_NOCTTY;

/// Refuses what is not a regular file: reading a FIFO or a device could block or never end.
fn regular(fd: RawFd) -> io::Result<()> {
    let mut st = std::mem::MaybeUninit::<libc::stat>::uninit();
    // SAFETY: `fd` is open; `st` is writable memory of the right size.
    if unsafe { libc::fstat(fd, st.as_mut_ptr()) } < 0 {
        return Err(last_error());
    }
    // SAFETY: fstat returned 0, so it filled `st`.
    let kind = match unsafe { st.assume_init() }.st_mode & libc::S_IFMT {
        libc::S_IFREG => return Ok(()),
        libc::S_IFIFO => "a FIFO",
        libc::S_IFCHR => "a character device",
        libc::S_IFBLK => "a block device",
        libc::S_IFDIR => "a directory",
        libc::S_IFSOCK => "a socket",
        _ => "not a file",
    };
    Err(io::Error::other(format!("{kind}, not a regular file: refused")))
}

/// Reads a whole file by path into `buf`.
pub(crate) fn read_path_into(path: &Path, buf: &mut Vec<u8>, limit: usize, mode: ReadMode) -> io::Result<bool> {
    let mut c = Vec::with_capacity(128);
    cstr_path(path, &mut c)?;
    // SAFETY: `c` is NUL-terminated with no interior NUL.
    let fd = unsafe { libc::open(c.as_ptr().cast(), READ_FLAGS) };
    if fd < 0 {
        return Err(last_error());
    }
    // SAFETY: `fd` was just opened and is owned only here.
    let file = unsafe { OwnedFd::from_raw_fd(fd) };
    regular(file.as_raw_fd())?;
    read_fd(file.as_raw_fd(), buf, limit, mode)
}

/// Whether `path` is a procfs mount (`PROC_SUPER_MAGIC`): only there is the size of
/// `/proc/<pid>/fd` a count of descriptors (Linux 6.2+), not a directory's size.
pub(crate) fn is_procfs(path: &Path) -> bool {
    const PROC_SUPER_MAGIC: i64 = 0x9fa0;
    statfs_type(path) == Some(PROC_SUPER_MAGIC)
}

fn statfs_type(path: &Path) -> Option<i64> {
    let mut c = Vec::with_capacity(128);
    cstr_path(path, &mut c).ok()?;
    let mut st = std::mem::MaybeUninit::<libc::statfs>::uninit();
    // SAFETY: `c` is a C string; `st` is writable memory of the right type.
    if unsafe { libc::statfs(c.as_ptr().cast(), st.as_mut_ptr()) } < 0 {
        return None;
    }
    // SAFETY: statfs returned 0, so `st` is initialised.
    #[allow(clippy::unnecessary_cast)]
    Some(unsafe { st.assume_init() }.f_type as i64)
}

/// Opens a network namespace file (`/proc/<pid>/ns/net`, `/var/run/netns/NAME`) without
/// blocking, and refuses anything that is not one: a FIFO given as a namespace must not
/// stall the probe, and a regular file is no namespace.
pub(crate) fn open_namespace(path: &Path) -> io::Result<OwnedFd> {
    const NSFS_MAGIC: i64 = 0x6e73_6673;
    let mut c = Vec::with_capacity(128);
    cstr_path(path, &mut c)?;
    // SAFETY: `c` is NUL-terminated with no interior NUL.
    let fd = unsafe { libc::open(c.as_ptr().cast(), READ_FLAGS) };
    if fd < 0 {
        return Err(last_error());
    }
    // SAFETY: `fd` was just opened and is owned only here.
    let file = unsafe { OwnedFd::from_raw_fd(fd) };
    // A namespace file stats as a regular file: a FIFO or device is named as such.
    regular(file.as_raw_fd())?;
    let mut st = std::mem::MaybeUninit::<libc::statfs>::uninit();
    // SAFETY: `file` is open; `st` is writable memory of the right type.
    if unsafe { libc::fstatfs(file.as_raw_fd(), st.as_mut_ptr()) } < 0 {
        return Err(last_error());
    }
    // SAFETY: fstatfs returned 0, so `st` is initialised.
    #[allow(clippy::unnecessary_cast)]
    let fs_type = unsafe { st.assume_init() }.f_type as i64;
    if fs_type != NSFS_MAGIC {
        return Err(io::Error::other("not a namespace file (nsfs): refused"));
    }
    Ok(file)
}

fn read_fd(fd: RawFd, buf: &mut Vec<u8>, limit: usize, mode: ReadMode) -> io::Result<bool> {
    buf.clear();
    // One byte past the limit tells "exactly at the limit" from "over it".
    let hard = limit.saturating_add(1);
    loop {
        if buf.len() == buf.capacity() {
            let grow = buf.capacity().max(4096).min(hard - buf.len());
            buf.reserve(grow);
        }
        let spare = (buf.capacity() - buf.len()).min(hard - buf.len());
        // SAFETY: the pointer is to `spare` writable, reserved bytes after `len`.
        let n = unsafe { libc::read(fd, buf.as_mut_ptr().add(buf.len()).cast(), spare) };
        if n < 0 {
            let e = last_error();
            if e.kind() == io::ErrorKind::Interrupted {
                continue;
            }
            return Err(e);
        }
        let n = n as usize;
        // SAFETY: `read` initialised `n` bytes starting at the old length.
        unsafe { buf.set_len(buf.len() + n) };
        if buf.len() > limit {
            buf.truncate(limit);
            return Ok(false);
        }
        if n == 0 || (mode == ReadMode::Whole && n < spare) {
            return Ok(true);
        }
    }
}

fn readlink_at(dirfd: RawFd, name: &CStr, buf: &mut Vec<u8>) -> io::Result<()> {
    buf.clear();
    let mut cap = 256usize;
    loop {
        buf.reserve(cap);
        let room = buf.capacity();
        // SAFETY: `buf` has `room` writable bytes; `name` is a C string.
        let n = unsafe { libc::readlinkat(dirfd, name.as_ptr(), buf.as_mut_ptr().cast(), room) };
        if n < 0 {
            return Err(last_error());
        }
        let n = n as usize;
        if n < room {
            // SAFETY: readlinkat wrote `n` bytes.
            unsafe { buf.set_len(n) };
            return Ok(());
        }
        // Possibly truncated: try again with more room (paths are at most PATH_MAX-ish,
        // but /proc magic links can print longer ones).
        if room >= 1 << 20 {
            return Err(io::Error::from_raw_os_error(libc::ENAMETOOLONG));
        }
        cap = room * 2;
    }
}

/// `struct linux_dirent64`: d_ino (8), d_off (8), d_reclen (2), d_type (1), then the name.
const DIRENT_NAME_OFFSET: usize = 19;

/// Each name of open directory `fd` but `.` and `..`, by `getdents64` into one 32 KiB
/// buffer, from the directory's current position.
pub(crate) fn for_each_dirent(fd: RawFd, f: &mut impl FnMut(&[u8])) -> io::Result<()> {
    let mut buf = vec![0u8; 32 * 1024];
    loop {
        // SAFETY: `buf` is writable for its length; getdents64 writes whole records only.
        let n = unsafe { libc::syscall(libc::SYS_getdents64, fd, buf.as_mut_ptr(), buf.len()) };
        if n < 0 {
            return Err(last_error());
        }
        if n == 0 {
            return Ok(());
        }
        let n = n as usize;
        let mut off = 0usize;
        while off + DIRENT_NAME_OFFSET <= n {
            let reclen = u16::from_ne_bytes([buf[off + 16], buf[off + 17]]) as usize;
            if reclen <= DIRENT_NAME_OFFSET || off + reclen > n {
                return Err(io::Error::from_raw_os_error(libc::EIO));
            }
            let name = crate::parse::cstr(&buf[off + DIRENT_NAME_OFFSET..off + reclen]);
            if name != b"." && name != b".." {
                f(name);
            }
            off += reclen;
        }
    }
}

pub(crate) fn statvfs(path: &Path) -> io::Result<StatVfs> {
    let mut c = Vec::with_capacity(128);
    cstr_path(path, &mut c)?;
    let mut st = std::mem::MaybeUninit::<libc::statvfs>::uninit();
    // SAFETY: `c` is a C string; `st` is writable memory of the right type.
    let rc = unsafe { libc::statvfs(c.as_ptr().cast(), st.as_mut_ptr()) };
    if rc < 0 {
        return Err(last_error());
    }
    // SAFETY: statvfs returned 0, so `st` is initialised.
    let st = unsafe { st.assume_init() };
    let frsize = if st.f_frsize != 0 { st.f_frsize } else { st.f_bsize };
    // Block counts × block size past u64 (a filesystem reporting absurd counts) is no
    // size at all: the mount's sizes are an error, never a clamped value.
    let bytes = |blocks: u64| blocks.checked_mul(frsize).ok_or_else(|| io::Error::from_raw_os_error(libc::EOVERFLOW));
    Ok(StatVfs {
        block_size: st.f_bsize,
        total_bytes: bytes(st.f_blocks)?,
        free_bytes: bytes(st.f_bfree)?,
        available_bytes: bytes(st.f_bavail)?,
        inodes_total: st.f_files,
        inodes_free: st.f_ffree,
        inodes_available: st.f_favail,
    })
}

/// `sysconf(_SC_CLK_TCK)`: the unit of every `*_ticks` field.
pub(crate) fn clock_ticks() -> u64 {
    // SAFETY: sysconf has no preconditions.
    let v = unsafe { libc::sysconf(libc::_SC_CLK_TCK) };
    if v > 0 { v as u64 } else { 100 }
}

pub(crate) fn page_size() -> u64 {
    // SAFETY: sysconf has no preconditions.
    let v = unsafe { libc::sysconf(libc::_SC_PAGESIZE) };
    if v > 0 { v as u64 } else { 4096 }
}

fn clock_ns(clock: libc::clockid_t) -> u64 {
    let mut ts = libc::timespec { tv_sec: 0, tv_nsec: 0 };
    // SAFETY: `ts` is a valid, writable timespec.
    unsafe { libc::clock_gettime(clock, &mut ts) };
    (ts.tv_sec as u64).saturating_mul(1_000_000_000).saturating_add(ts.tv_nsec as u64)
}

pub(crate) fn realtime_ns() -> u64 {
    clock_ns(libc::CLOCK_REALTIME)
}

pub(crate) fn monotonic_ns() -> u64 {
    clock_ns(libc::CLOCK_MONOTONIC)
}

/// Our own user id (to tell "another user's process" from a real error).
pub(crate) fn effective_uid() -> u32 {
    // SAFETY: geteuid has no preconditions and cannot fail.
    unsafe { libc::geteuid() }
}
