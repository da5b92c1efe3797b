//! Linux: procfs, sysfs and syscalls.

mod cgroup;
pub(crate) mod fs;
pub(crate) mod network;
pub(crate) mod process;
pub(crate) mod procfs;
pub(crate) mod sysfs;
pub(crate) mod system;
pub(crate) mod taskstats;

/// Buffers a `Probe` reuses from one snapshot to the next, so a steady-state scan reads
/// every file without allocating for it.
#[derive(Debug, Default)]
pub(crate) struct Scratch {
    pub(crate) file: Vec<u8>,
    pub(crate) link: Vec<u8>,
}
