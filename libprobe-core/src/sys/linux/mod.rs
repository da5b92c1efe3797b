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

/// The give-back rule for one table a domain reads each snapshot (processes, sockets):
/// free memory is given back once, when the table falls below half the most rows read
/// since the last give-back, and only after a table of at least `min` rows. A steady table
/// never triggers it (the next snapshot reuses its memory); a table that grows again
/// starts a new peak.
#[derive(Debug, Default)]
pub(crate) struct Shrink {
    /// The most rows a snapshot read since free memory was last given back.
    peak: usize,
}

impl Shrink {
    /// Records a snapshot's `rows`; true when the table fell below half its peak (of at
    /// least `min` rows): the caller gives free memory back now.
    pub(crate) fn fell(&mut self, rows: usize, min: usize) -> bool {
        let fell = self.peak >= min && rows.saturating_mul(2) < self.peak;
        self.peak = if fell { rows } else { self.peak.max(rows) };
        fell
    }

    /// Records a snapshot's `rows` and gives free memory back when the table fell below
    /// half its peak ([`Shrink::fell`]).
    pub(crate) fn release_if_fell(&mut self, rows: usize, min: usize) {
        if self.fell(rows, min) {
            release_free_memory();
        }
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

#[cfg(test)]
mod tests {
    use super::Shrink;

    #[test]
    fn shrink_gives_back_once_below_half_the_peak() {
        let mut s = Shrink::default();
        // Growing, steady and small tables never trigger it.
        for rows in [10, 300, 1_000, 1_000, 999, 501, 500] {
            assert!(!s.fell(rows, 256), "{rows}");
        }
        // Below half of 1 000: once, and the peak starts again from there.
        assert!(s.fell(499, 256));
        assert!(!s.fell(499, 256));
        assert!(!s.fell(300, 256));
        // A peak under the minimum never triggers it.
        let mut small = Shrink::default();
        assert!(!small.fell(255, 256));
        assert!(!small.fell(0, 256));
        // A second burst: a new peak, one more give-back when it ends.
        assert!(!s.fell(20_000, 256));
        assert!(!s.fell(10_000, 256));
        assert!(s.fell(9_999, 256));
        assert!(!s.fell(9_999, 256));
        assert!(s.fell(100, 256));
        assert!(!s.fell(10, 256));
    }
}
