//! Platforms libprobe has no backend for yet: every domain is skipped as
//! `not_supported`, so the library builds and answers everywhere. A new platform starts
//! here.

/// Nothing to give back without glibc's arenas.
pub(crate) fn release_free_memory() {}

pub(crate) mod fs {
    //! File access through `std` only.

    use std::ffi::CStr;
    use std::io;
    use std::path::Path;

    pub(crate) use crate::sys::{FileStat, ReadMode, StatVfs};

    fn unsupported() -> io::Error {
        io::Error::new(io::ErrorKind::Unsupported, "not supported on this platform")
    }

    #[derive(Debug)]
    pub(crate) struct Dir;

    impl Dir {
        pub(crate) fn open(_: &Path) -> io::Result<Dir> {
            Err(unsupported())
        }
        pub(crate) fn open_dir_at(&self, _: &[u8]) -> io::Result<Dir> {
            Err(unsupported())
        }
        pub(crate) fn read_into(&self, _: &CStr, _: &mut Vec<u8>, _: usize, _: ReadMode) -> io::Result<bool> {
            Err(unsupported())
        }
        pub(crate) fn readlink_into(&self, _: &CStr, _: &mut Vec<u8>) -> io::Result<()> {
            Err(unsupported())
        }
        pub(crate) fn count_entries(&self, _: &CStr) -> io::Result<usize> {
            Err(unsupported())
        }
        pub(crate) fn for_each_entry(&self, _: &CStr, _: impl FnMut(&[u8])) -> io::Result<()> {
            Err(unsupported())
        }
        pub(crate) fn stat(&self, _: &CStr, _: bool) -> io::Result<FileStat> {
            Err(unsupported())
        }
        pub(crate) fn socket_protocol(&self, _: &CStr) -> io::Result<Vec<u8>> {
            Err(unsupported())
        }
    }

    pub(crate) fn read_path_into(path: &Path, buf: &mut Vec<u8>, limit: usize, _: ReadMode) -> io::Result<bool> {
        use std::io::Read;
        buf.clear();
        let f = std::fs::File::open(path)?;
        f.take(limit as u64 + 1).read_to_end(buf)?;
        if buf.len() > limit {
            buf.truncate(limit);
            return Ok(false);
        }
        Ok(true)
    }

    pub(crate) fn statvfs(_: &Path) -> io::Result<StatVfs> {
        Err(unsupported())
    }

    pub(crate) fn is_procfs(_: &Path) -> bool {
        false
    }

    pub(crate) fn clock_ticks() -> u64 {
        100
    }

    pub(crate) fn page_size() -> u64 {
        4096
    }

    fn since_epoch() -> u64 {
        std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map_or(0, |d| d.as_nanos() as u64)
    }

    pub(crate) fn realtime_ns() -> u64 {
        since_epoch()
    }

    pub(crate) fn monotonic_ns() -> u64 {
        use std::sync::OnceLock;
        static START: OnceLock<std::time::Instant> = OnceLock::new();
        START.get_or_init(std::time::Instant::now).elapsed().as_nanos() as u64
    }

    pub(crate) fn effective_uid() -> u32 {
        u32::MAX
    }
}

pub(crate) use crate::registry::unsupported_domains::*;

pub(crate) mod facts {
    //! No facts on this platform.

    use crate::error::{Error, ErrorKind};
    use crate::source::Source;

    fn unsupported() -> Error {
        Error::new(ErrorKind::Unsupported, "not supported on this platform")
    }

    pub(crate) fn boot_time(_: &Source) -> Result<u64, Error> {
        Err(unsupported())
    }

    pub(crate) fn mem_total(_: &Source) -> Result<u64, Error> {
        Err(unsupported())
    }

    pub(crate) fn kernel_release(_: &Source) -> Option<(u64, u64)> {
        None
    }
}
