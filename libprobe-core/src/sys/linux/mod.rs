//! Linux: procfs, sysfs and syscalls.

pub(crate) mod blockdev;
pub(crate) mod cgroup;
pub(crate) mod ebpf;
pub(crate) mod facts;
pub(crate) mod fs;
pub(crate) mod gpu;
pub(crate) mod ioctl;
pub(crate) mod network;
pub(crate) mod power;
pub(crate) mod process;
pub(crate) mod procfs;
pub(crate) mod storage;
pub(crate) mod sysfs;
pub(crate) mod system;
pub(crate) mod taskstats;

/// Buffers a `Probe` reuses from one snapshot to the next, so a steady-state scan reads
/// every file without allocating for it: one set per thread reading the process table.
#[derive(Debug, Default)]
pub(crate) struct Scratch {
    pub(crate) workers: Vec<Buffers>,
}

/// One reader's buffers: file contents and link targets.
#[derive(Debug, Default)]
pub(crate) struct Buffers {
    pub(crate) file: Vec<u8>,
    pub(crate) link: Vec<u8>,
}
