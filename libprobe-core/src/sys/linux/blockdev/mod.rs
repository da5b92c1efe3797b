//! On-disk formats read from block devices (not kernel interfaces: what a tool wrote on
//! the device), and the reader that reads them through the [`crate::Source`]'s devfs.
//!
//! Reads are positioned (`pread`) and bounded; nothing is ever written. On a fixture
//! tree `<fixture>/dev/<name>` is a regular file holding the device's first bytes.

pub(crate) mod lvm2;
pub(crate) mod lvm2_text;

use std::io;
use std::os::fd::{AsRawFd, FromRawFd, OwnedFd};
use std::os::unix::ffi::OsStrExt;
use std::path::PathBuf;

use crate::error::Error;
use crate::source::Source;

/// A block device opened read-only.
#[derive(Debug)]
pub(crate) struct BlockDevice {
    fd: OwnedFd,
    path: PathBuf,
}

impl BlockDevice {
    /// Opens `<devfs>/<name>`.
    pub(crate) fn open(src: &Source, name: &str) -> Result<BlockDevice, Error> {
        let path = src.devfs().join(name);
        let mut c = path.as_os_str().as_bytes().to_vec();
        if c.contains(&0) || name.contains('/') {
            return Err(Error::errno(&path, libc::EINVAL, io::ErrorKind::InvalidInput));
        }
        c.push(0);
        // SAFETY: `c` is NUL-terminated with no interior NUL.
        let fd = unsafe { libc::open(c.as_ptr().cast(), libc::O_RDONLY | libc::O_CLOEXEC | libc::O_NONBLOCK) };
        if fd < 0 {
            return Err(Error::io(&path, &io::Error::last_os_error()));
        }
        // SAFETY: `fd` was just opened and is owned by nobody else.
        Ok(BlockDevice { fd: unsafe { OwnedFd::from_raw_fd(fd) }, path })
    }

    pub(crate) fn path(&self) -> &std::path::Path {
        &self.path
    }

    /// Reads `len` bytes at `offset`; fewer at the end of the device (or of a fixture file).
    pub(crate) fn read_at(&self, offset: u64, len: usize) -> Result<Vec<u8>, Error> {
        let mut buf = vec![0u8; len];
        let mut got = 0usize;
        while got < len {
            let off = offset
                .checked_add(got as u64)
                .and_then(|o| libc::off_t::try_from(o).ok())
                .ok_or_else(|| Error::errno(&self.path, libc::EINVAL, io::ErrorKind::InvalidInput))?;
            // SAFETY: `buf[got..]` is `len - got` writable bytes.
            let n = unsafe { libc::pread(self.fd.as_raw_fd(), buf.as_mut_ptr().add(got).cast(), len - got, off) };
            if n < 0 {
                let e = io::Error::last_os_error();
                if e.kind() == io::ErrorKind::Interrupted {
                    continue;
                }
                return Err(Error::io(&self.path, &e));
            }
            if n == 0 {
                break;
            }
            got += n as usize;
        }
        buf.truncate(got);
        Ok(buf)
    }
}
