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

/// Gives the free memory of every malloc arena back to the system (glibc's
/// `malloc_trim`; nothing elsewhere).
///
/// glibc returns free memory only from the top of an arena, and each thread that
/// allocates has its own arena: after a snapshot of a much larger machine state (a burst
/// of processes read on the probe's worker threads) the arenas hold that snapshot's
/// memory, free but resident, for as long as the program runs (`malloc_stats` after a
/// burst of 1 000 processes: 12 MB held, under 1 MB in use). A library cannot set
/// `MALLOC_ARENA_MAX` for its user; it can hand the free pages back once the state
/// shrinks.
pub(crate) fn release_free_memory() {
    #[cfg(target_env = "gnu")]
    // SAFETY: malloc_trim has no preconditions; it only releases memory no one holds.
    unsafe {
        libc::malloc_trim(0);
    }
}

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
