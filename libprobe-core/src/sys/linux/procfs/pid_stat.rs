//! `/proc/<pid>/stat`: one line of space-separated fields (proc(5)).
//!
//! ```text
//! 1234 (my prog) S 1 1234 1234 0 -1 4194560 1311 0 2 0 4 1 0 0 20 0 1 0 7436 11096064 1394 …
//! ```
//!
//! The second field is the command name in parentheses; it may itself hold spaces and
//! parentheses (`((a b ) ( c d) )`) or a newline, so it runs from the first `(` to the
//! **last** `)`. Fields after `rsslim` are hidden (0) for other users' processes; the ones
//! used here are always readable. Older kernels end the line earlier: fields from
//! `policy` on are optional.

use crate::error::ParseError;
use crate::parse::{Fields, u64_dec};
use crate::text::ByteStr;

/// The fields libprobe uses.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct PidStat {
    pub pid: i32,
    /// The raw command name (at most 15 bytes on current kernels; any byte but NUL).
    pub comm: ByteStr,
    pub state: u8,
    pub ppid: i32,
    pub pgrp: i32,
    pub session: i32,
    pub tty_nr: i32,
    pub flags: u32,
    pub minflt: u64,
    pub cminflt: u64,
    pub majflt: u64,
    pub cmajflt: u64,
    pub utime: u64,
    pub stime: u64,
    pub cutime: u64,
    pub cstime: u64,
    pub priority: i32,
    pub nice: i32,
    pub num_threads: u32,
    pub starttime: u64,
    /// Virtual memory size in bytes.
    pub vsize: u64,
    /// Resident set size in pages.
    pub rss_pages: u64,
    pub processor: i32,
    pub rt_priority: u32,
    pub policy: u32,
    pub delayacct_blkio_ticks: Option<u64>,
}

/// `PF_KTHREAD` in `flags`: the task is a kernel thread.
pub(crate) const PF_KTHREAD: u32 = 0x0020_0000;

pub(crate) fn parse(text: &[u8]) -> Result<PidStat, ParseError> {
    let open = text.iter().position(|&b| b == b'(').ok_or(ParseError::missing("comm"))?;
    let close = text.iter().rposition(|&b| b == b')').ok_or(ParseError::missing("comm"))?;
    if close < open {
        return Err(ParseError::invalid("comm"));
    }
    let pid = u64_dec(crate::parse::trim(&text[..open]))
        .and_then(|p| i32::try_from(p).ok())
        .ok_or(ParseError::invalid("pid"))?;
    let comm = ByteStr::from(&text[open + 1..close]);
    let mut f = Fields::new(&text[close + 1..]);
    let state = *f.next("state")?.first().ok_or(ParseError::invalid("state"))?;
    let ppid = f.i32("ppid")?;
    let pgrp = f.i32("pgrp")?;
    let session = f.i32("session")?;
    let tty_nr = f.i32("tty_nr")?;
    f.skip(1, "tpgid")?;
    let flags = f.u32("flags")?;
    let minflt = f.u64("minflt")?;
    let cminflt = f.u64("cminflt")?;
    let majflt = f.u64("majflt")?;
    let cmajflt = f.u64("cmajflt")?;
    let utime = f.u64("utime")?;
    let stime = f.u64("stime")?;
    let cutime = f.i64("cutime")?.max(0) as u64;
    let cstime = f.i64("cstime")?.max(0) as u64;
    let priority = f.i32("priority")?;
    let nice = f.i32("nice")?;
    let num_threads = f.i64("num_threads")?.clamp(0, i64::from(u32::MAX)) as u32;
    f.skip(1, "itrealvalue")?;
    let starttime = f.u64("starttime")?;
    let vsize = f.u64("vsize")?;
    let rss_pages = f.i64("rss")?.max(0) as u64;
    // rsslim startcode endcode startstack kstkesp kstkeip signal blocked sigignore
    // sigcatch wchan nswap cnswap exit_signal
    f.skip(14, "rsslim")?;
    let processor = f.i32("processor")?;
    let rt_priority = opt_u32(&mut f, "rt_priority")?;
    let policy = opt_u32(&mut f, "policy")?;
    let delayacct_blkio_ticks = f.opt_u64("delayacct_blkio_ticks")?;
    Ok(PidStat {
        pid,
        comm,
        state,
        ppid,
        pgrp,
        session,
        tty_nr,
        flags,
        minflt,
        cminflt,
        majflt,
        cmajflt,
        utime,
        stime,
        cutime,
        cstime,
        priority,
        nice,
        num_threads,
        starttime,
        vsize,
        rss_pages,
        processor,
        rt_priority,
        policy,
        delayacct_blkio_ticks,
    })
}

fn opt_u32(f: &mut Fields<'_>, name: &'static str) -> Result<u32, ParseError> {
    Ok(f.opt_u64(name)?.map(|v| u32::try_from(v).map_err(|_| ParseError::invalid(name))).transpose()?.unwrap_or(0))
}

#[cfg(test)]
mod tests {
    use super::*;

    const BASH: &[u8] = b"1234 (bash) S 1 1234 1234 34816 5678 4194560 1311 20 2 1 4 3 7 8 20 0 1 0 7436 11096064 1394 18446744073709551615 94000 95000 140000 0 0 0 65536 3686404 1266761467 0 0 0 17 1 0 0 3 0 0 94100 94200 95300 140100 140200 140300 140400 0\n";

    #[test]
    fn parses_every_used_field() {
        let s = parse(BASH).unwrap();
        assert_eq!(
            (s.pid, s.comm.as_bytes(), s.state, s.ppid, s.pgrp, s.session),
            (1234, &b"bash"[..], b'S', 1, 1234, 1234)
        );
        assert_eq!((s.tty_nr, s.flags), (34816, 4194560));
        assert_eq!((s.minflt, s.cminflt, s.majflt, s.cmajflt), (1311, 20, 2, 1));
        assert_eq!((s.utime, s.stime, s.cutime, s.cstime), (4, 3, 7, 8));
        assert_eq!((s.priority, s.nice, s.num_threads, s.starttime), (20, 0, 1, 7436));
        assert_eq!((s.vsize, s.rss_pages, s.processor), (11096064, 1394, 1));
        assert_eq!((s.rt_priority, s.policy, s.delayacct_blkio_ticks), (0, 0, Some(3)));
    }

    #[test]
    fn comm_with_spaces_and_parentheses() {
        let line = b"584 ((a b ) ( c d) ) R 1 584 584 0 -1 0 0 0 0 0 0 0 0 0 20 0 1 0 99 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 17 0 0 0 0\n";
        let s = parse(line).unwrap();
        assert_eq!(s.comm.as_bytes(), b"(a b ) ( c d) ");
        assert_eq!((s.state, s.starttime), (b'R', 99));
    }

    #[test]
    fn comm_with_newline_and_invalid_utf8() {
        let line = b"7 (x) (\n\xff) Z 1 7 7 0 -1 0 0 0 0 0 0 0 0 0 20 0 1 0 5 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 17 0 0 0\n";
        let s = parse(line).unwrap();
        assert_eq!(s.comm.as_bytes(), b"x) (\n\xff");
        assert_eq!(s.state, b'Z');
        // A kernel that stops after `processor` (pre-2.5.19 layout plus) still parses.
        assert_eq!(s.delayacct_blkio_ticks, None);
    }

    #[test]
    fn truncated_line_names_the_missing_field() {
        let err = parse(b"1 (init) S 0 1 1 0 -1 4194560 100").unwrap_err();
        assert_eq!(err.field(), Some("cminflt"));
        assert_eq!(parse(b"garbage").unwrap_err().field(), Some("comm"));
        assert_eq!(parse(b"12 )(").unwrap_err().field(), Some("comm"));
    }
}
