//! The one platform switch. `build.rs` defines `linux_kernel`; nothing below this module
//! repeats `target_os` lists, and `unsafe` code lives only under here.

#[cfg(linux_kernel)]
pub(crate) mod linux;
#[cfg(linux_kernel)]
pub(crate) use linux as imp;

#[cfg(not(linux_kernel))]
pub(crate) mod unsupported;
#[cfg(not(linux_kernel))]
pub(crate) use unsupported as imp;

pub(crate) mod pool;

// Types both backends answer with.

/// How a read may stop.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum ReadMode {
    /// Read until `read` returns 0.
    ToEof,
    /// The file is produced in one piece (a single-record seq_file such as
    /// `/proc/<pid>/status`, or `cmdline`): a read that does not fill the buffer got
    /// everything, and the final empty read is skipped.
    Whole,
}

/// What libprobe uses of `struct stat`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct FileStat {
    /// `st_mode`: file type and permission bits.
    pub mode: u32,
    pub inode: u64,
    /// Link count: 0 for an open file that has been unlinked.
    pub links: u64,
    pub device: u64,
    pub size: u64,
}

/// `statvfs` results in bytes and inode counts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct StatVfs {
    pub block_size: u64,
    pub total_bytes: u64,
    pub free_bytes: u64,
    pub available_bytes: u64,
    pub inodes_total: u64,
    pub inodes_free: u64,
    pub inodes_available: u64,
}
