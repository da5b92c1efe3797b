//! Device ioctls, behind [`Source`] so that a fixture tree answers them.
//!
//! A [`Device`] is a device node (or a mounted filesystem) that queries are sent to. On the
//! live machine it is an open, read-only descriptor and each query runs its ioctl; on a
//! fixture tree ([`Source::rooted_at`]) it is a directory of captured answers:
//!
//! ```text
//! <fixture>/ioctl/<device>/<query>.bin     the bytes the ioctl returned
//! <fixture>/ioctl/<device>/<query>.errno   or the errno it failed with (decimal)
//! <fixture>/ioctl/<device>/open.errno      opening the device failed (13: not root)
//! ```
//!
//! `<device>` is the name under `/dev` (`sda`, `nvme0`, `zfs`) or, for a filesystem,
//! `btrfs/<uuid>`; each reader's header names its queries and what their bytes hold (data
//! returned by the device, or the sense buffer for an ATA command that answers in
//! registers). A query the fixture has no answer for fails as `not_supported`, like a
//! device that rejects the command.
//!
//! Only commands that read are ever sent. Each reader pairs a thin `query` with a pure
//! `decode` over bytes, fuzzed like every parser.

pub(crate) mod btrfs;
pub(crate) mod nvlist;
pub(crate) mod nvme;
pub(crate) mod sg_ata;
pub(crate) mod sg_io;
pub(crate) mod sg_scsi;
pub(crate) mod zfs;

use std::io;
use std::os::fd::{AsRawFd, FromRawFd, OwnedFd, RawFd};
use std::os::unix::ffi::OsStrExt;
use std::path::{Path, PathBuf};

use crate::error::{Error, ErrorKind};
use crate::parse::{i64_dec, trim};
use crate::source::Source;

/// The most a query's answer may hold (a ZFS pool configuration is the largest).
pub(crate) const MAX_ANSWER_BYTES: usize = 16 << 20;

/// A device or filesystem that answers queries.
#[derive(Debug)]
pub(crate) struct Device {
    inner: Inner,
    /// What error messages call it: `/dev/sda`, or the fixture directory.
    label: PathBuf,
}

#[derive(Debug)]
enum Inner {
    Live(OwnedFd),
    Fixture(PathBuf),
}

impl Device {
    /// Opens `<devfs>/<name>` read-only (non-blocking, so a drive without a medium does not
    /// hold the open), or the fixture's `ioctl/<name>` directory.
    pub(crate) fn open_dev(src: &Source, name: &str) -> Result<Device, Error> {
        if src.is_fixture() {
            return Self::fixture(src, name);
        }
        let path = src.devfs().join(name);
        let fd = open(&path, libc::O_RDONLY | libc::O_NONBLOCK | libc::O_CLOEXEC).map_err(|e| Error::io(&path, &e))?;
        Ok(Device { inner: Inner::Live(fd), label: path })
    }

    /// Opens the directory `live_path` (a mount point, already under the rootfs), or the
    /// fixture's `ioctl/<fixture_key>` directory.
    pub(crate) fn open_dir(src: &Source, live_path: &Path, fixture_key: &str) -> Result<Device, Error> {
        if src.is_fixture() {
            return Self::fixture(src, fixture_key);
        }
        let fd = open(live_path, libc::O_RDONLY | libc::O_DIRECTORY | libc::O_CLOEXEC)
            .map_err(|e| Error::io(live_path, &e))?;
        Ok(Device { inner: Inner::Live(fd), label: live_path.to_owned() })
    }

    fn fixture(src: &Source, key: &str) -> Result<Device, Error> {
        if key.split('/').any(|c| c.is_empty() || c == "." || c == "..") {
            return Err(Error::new(ErrorKind::InvalidArgument, "bad device name"));
        }
        let dir = src.rootfs().join("ioctl").join(key);
        if let Some(errno) = fixture_errno(src, &dir.join("open.errno"))? {
            return Err(Error::errno(&dir, errno, io::ErrorKind::Other));
        }
        if !dir.is_dir() {
            return Err(Error::errno(&dir, libc::ENOENT, io::ErrorKind::NotFound));
        }
        Ok(Device { label: dir.clone(), inner: Inner::Fixture(dir) })
    }

    /// The answer to `query`: on the live machine what `live` returns when given the open
    /// descriptor, on a fixture the captured answer.
    pub(crate) fn query(
        &self,
        src: &Source,
        query: &str,
        live: impl FnOnce(RawFd) -> io::Result<Vec<u8>>,
    ) -> Result<Vec<u8>, Error> {
        match &self.inner {
            Inner::Live(fd) => live(fd.as_raw_fd()).map_err(|e| Error::io(&self.query_label(query), &e)),
            Inner::Fixture(dir) => {
                if let Some(errno) = fixture_errno(src, &dir.join(format!("{query}.errno")))? {
                    return Err(Error::errno(&self.query_label(query), errno, io::ErrorKind::Other));
                }
                let path = dir.join(format!("{query}.bin"));
                let mut buf = Vec::new();
                match src.read_into(&path, &mut buf) {
                    Ok(()) => Ok(buf),
                    Err(e) if e.kind() == ErrorKind::NotFound => {
                        Err(Error::new(ErrorKind::Unsupported, "the fixture holds no answer to this query")
                            .with_path(self.query_label(query)))
                    }
                    Err(e) => Err(e),
                }
            }
        }
    }

    /// `/dev/sda [ata_identify]`: the device and the query, for messages.
    pub(crate) fn query_label(&self, query: &str) -> PathBuf {
        let mut s = self.label.as_os_str().to_owned();
        s.push(format!(" [{query}]"));
        PathBuf::from(s)
    }
}

/// The errno a fixture file records, if it exists.
fn fixture_errno(src: &Source, path: &Path) -> Result<Option<i32>, Error> {
    let mut buf = Vec::new();
    match src.read_into(path, &mut buf) {
        Ok(()) => i64_dec(trim(&buf))
            .and_then(|v| i32::try_from(v).ok())
            .filter(|v| *v > 0)
            .map(Some)
            .ok_or_else(|| Error::new(ErrorKind::Parse, "not an errno").with_path(path)),
        Err(e) if e.kind() == ErrorKind::NotFound => Ok(None),
        Err(e) => Err(e),
    }
}

fn open(path: &Path, flags: libc::c_int) -> io::Result<OwnedFd> {
    let mut c = path.as_os_str().as_bytes().to_vec();
    if c.contains(&0) {
        return Err(io::Error::from_raw_os_error(libc::EINVAL));
    }
    c.push(0);
    // SAFETY: `c` is NUL-terminated with no interior NUL; open has no other preconditions.
    let fd = unsafe { libc::open(c.as_ptr().cast(), flags) };
    if fd < 0 {
        return Err(io::Error::last_os_error());
    }
    // SAFETY: `fd` was just returned by open and is owned by nobody else.
    Ok(unsafe { OwnedFd::from_raw_fd(fd) })
}

/// Runs `ioctl(fd, request, arg)`, retrying on EINTR.
///
/// # Safety
/// `arg` must point to memory laid out as `request` expects, valid for its reads and writes
/// for the duration of the call (and so must every pointer the structure carries).
pub(crate) unsafe fn ioctl(fd: RawFd, request: libc::c_ulong, arg: *mut libc::c_void) -> io::Result<libc::c_int> {
    loop {
        // SAFETY: the caller guarantees `arg` matches `request`.
        let rc = unsafe { libc::ioctl(fd, request as _, arg) };
        if rc >= 0 {
            return Ok(rc);
        }
        let e = io::Error::last_os_error();
        if e.kind() != io::ErrorKind::Interrupted {
            return Err(e);
        }
    }
}

/// A little-endian integer of `N` bytes at `off`, if `b` holds it.
pub(crate) fn le<const N: usize>(b: &[u8], off: usize) -> Option<u128> {
    let s = b.get(off..off.checked_add(N)?)?;
    Some(s.iter().rev().fold(0u128, |acc, &x| (acc << 8) | u128::from(x)))
}

/// A big-endian integer of `N` bytes at `off`, if `b` holds it.
pub(crate) fn be<const N: usize>(b: &[u8], off: usize) -> Option<u128> {
    let s = b.get(off..off.checked_add(N)?)?;
    Some(s.iter().fold(0u128, |acc, &x| (acc << 8) | u128::from(x)))
}

/// ASCII text of a fixed-width field: NULs and surrounding spaces removed, other bytes
/// kept (invalid UTF-8 replaced).
pub(crate) fn ascii_field(b: &[u8]) -> String {
    let end = b.iter().position(|&c| c == 0).unwrap_or(b.len());
    String::from_utf8_lossy(trim(&b[..end])).into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn integers_and_text() {
        assert_eq!(le::<2>(&[0x34, 0x12], 0), Some(0x1234));
        assert_eq!(be::<2>(&[0x12, 0x34], 0), Some(0x1234));
        assert_eq!(le::<4>(&[1, 2, 3], 0), None);
        assert_eq!(le::<1>(&[1], usize::MAX), None);
        assert_eq!(ascii_field(b"  WDC WD5000  \0\0junk"), "WDC WD5000");
    }

    #[test]
    fn fixture_answers_and_errors() {
        let dir = std::env::temp_dir().join(format!("libprobe-ioctl-{}", std::process::id()));
        let dev = dir.join("ioctl/sda");
        std::fs::create_dir_all(&dev).unwrap();
        std::fs::write(dev.join("q.bin"), b"\x01\x02").unwrap();
        std::fs::write(dev.join("e.errno"), b"13\n").unwrap();
        let src = Source::rooted_at(&dir);
        let d = Device::open_dev(&src, "sda").unwrap();
        assert_eq!(d.query(&src, "q", |_| unreachable!()).unwrap(), vec![1, 2]);
        assert_eq!(d.query(&src, "e", |_| unreachable!()).unwrap_err().kind(), ErrorKind::PermissionDenied);
        assert_eq!(d.query(&src, "none", |_| unreachable!()).unwrap_err().kind(), ErrorKind::Unsupported);
        assert_eq!(Device::open_dev(&src, "sdz").unwrap_err().kind(), ErrorKind::NotFound);
        assert_eq!(Device::open_dev(&src, "../x").unwrap_err().kind(), ErrorKind::InvalidArgument);
        std::fs::write(dev.join("open.errno"), b"13").unwrap();
        assert_eq!(Device::open_dev(&src, "sda").unwrap_err().kind(), ErrorKind::PermissionDenied);
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
