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
use crate::parse::{Fields, Problems, Val, i64_dec, u64_dec};
use crate::text::ByteStr;

/// The fields libprobe uses. `comm`, `state` and `starttime` identify the process (a
/// record is `(pid, starttime)`): a line without them is no process, and [`parse`]
/// fails. Every other value is parsed alone: one that is not a valid value of its type
/// (a negative `cutime`, a `processor` past `i32::MAX`) is [`Val::Bad`] with a problem,
/// never clamped to a neighbouring value.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct PidStat {
    /// The pid the line prints (the collector trusts the directory's).
    pub pid: Val<i32>,
    /// The raw command name (at most 15 bytes on current kernels; any byte but NUL).
    pub comm: ByteStr,
    pub state: u8,
    pub ppid: Val<i32>,
    pub pgrp: Val<i32>,
    pub session: Val<i32>,
    pub tty_nr: Val<i32>,
    pub flags: Val<u32>,
    pub minflt: Val<u64>,
    pub cminflt: Val<u64>,
    pub majflt: Val<u64>,
    pub cmajflt: Val<u64>,
    pub utime: Val<u64>,
    pub stime: Val<u64>,
    /// Printed signed (`%ld`) but a tick count: a negative value is bad.
    pub cutime: Val<u64>,
    pub cstime: Val<u64>,
    pub priority: Val<i32>,
    pub nice: Val<i32>,
    pub num_threads: Val<u32>,
    pub starttime: u64,
    /// Virtual memory size in bytes.
    pub vsize: Val<u64>,
    /// Resident set size in pages (printed signed; negative is bad).
    pub rss_pages: Val<u64>,
    pub processor: Val<i32>,
    /// Absent before 2.5.19, like `policy`.
    pub rt_priority: Val<u32>,
    pub policy: Val<u32>,
    /// Absent before 2.6.18.
    pub delayacct_blkio_ticks: Val<u64>,
    pub problems: Problems,
}

/// `PF_KTHREAD` in `flags`: the task is a kernel thread.
pub(crate) const PF_KTHREAD: u32 = 0x0020_0000;

fn i32_dec(t: &[u8]) -> Option<i32> {
    i64_dec(t).and_then(|v| i32::try_from(v).ok())
}

fn u32_dec(t: &[u8]) -> Option<u32> {
    u64_dec(t).and_then(|v| u32::try_from(v).ok())
}

/// The next value, or `Bad` with its problem (missing or invalid).
fn req<T>(f: &mut Fields<'_>, p: &mut Problems, name: &'static str, parse: fn(&[u8]) -> Option<T>) -> Val<T> {
    p.take(f.value(name, parse))
}

/// A value older kernels do not print: `Absent` at the end of the line.
fn opt<T>(f: &mut Fields<'_>, p: &mut Problems, name: &'static str, parse: fn(&[u8]) -> Option<T>) -> Val<T> {
    match f.token() {
        None => Val::Absent,
        Some(t) => p.take(parse(t).ok_or_else(|| ParseError::bad(name, t))),
    }
}

pub(crate) fn parse(text: &[u8]) -> Result<PidStat, ParseError> {
    let open = text.iter().position(|&b| b == b'(').ok_or(ParseError::missing("comm"))?;
    let close = text.iter().rposition(|&b| b == b')').ok_or(ParseError::missing("comm"))?;
    if close < open {
        return Err(ParseError::bad("comm", text));
    }
    let mut p = Problems::default();
    let pid_text = crate::parse::trim(&text[..open]);
    let pid = p.take(i32_dec(pid_text).filter(|v| *v > 0).ok_or_else(|| ParseError::bad("pid", pid_text)));
    let comm = ByteStr::from(&text[open + 1..close]);
    let mut f = Fields::new(&text[close + 1..]);
    let state = f.next("state")?[0];
    let ppid = req(&mut f, &mut p, "ppid", i32_dec);
    let pgrp = req(&mut f, &mut p, "pgrp", i32_dec);
    let session = req(&mut f, &mut p, "session", i32_dec);
    let tty_nr = req(&mut f, &mut p, "tty_nr", i32_dec);
    f.token(); // tpgid
    let flags = req(&mut f, &mut p, "flags", u32_dec);
    let minflt = req(&mut f, &mut p, "minflt", u64_dec);
    let cminflt = req(&mut f, &mut p, "cminflt", u64_dec);
    let majflt = req(&mut f, &mut p, "majflt", u64_dec);
    let cmajflt = req(&mut f, &mut p, "cmajflt", u64_dec);
    let utime = req(&mut f, &mut p, "utime", u64_dec);
    let stime = req(&mut f, &mut p, "stime", u64_dec);
    let cutime = req(&mut f, &mut p, "cutime", u64_dec);
    let cstime = req(&mut f, &mut p, "cstime", u64_dec);
    let priority = req(&mut f, &mut p, "priority", i32_dec);
    let nice = req(&mut f, &mut p, "nice", i32_dec);
    let num_threads = req(&mut f, &mut p, "num_threads", u32_dec);
    f.token(); // itrealvalue
    // The process's identity: without it there is no record to keep.
    let starttime = f.u64("starttime")?;
    let vsize = req(&mut f, &mut p, "vsize", u64_dec);
    let rss_pages = req(&mut f, &mut p, "rss", u64_dec);
    // rsslim startcode endcode startstack kstkesp kstkeip signal blocked sigignore
    // sigcatch wchan nswap cnswap exit_signal
    for _ in 0..14 {
        f.token();
    }
    let processor = req(&mut f, &mut p, "processor", i32_dec);
    let rt_priority = opt(&mut f, &mut p, "rt_priority", u32_dec);
    let policy = opt(&mut f, &mut p, "policy", u32_dec);
    let delayacct_blkio_ticks = opt(&mut f, &mut p, "delayacct_blkio_ticks", u64_dec);
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
        problems: p,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ok<T>(v: T) -> Val<T> {
        Val::Ok(v)
    }
    use crate::parse::corrupt::{self, listing};

    const BASH: &[u8] = b"1234 (bash) S 1 1234 1234 34816 5678 4194560 1311 20 2 1 4 3 7 8 20 0 1 0 7436 11096064 1394 18446744073709551615 94000 95000 140000 0 0 0 65536 3686404 1266761467 0 0 0 17 1 0 0 3 0 0 94100 94200 95300 140100 140200 140300 140400 0\n";

    #[test]
    fn parses_every_used_field() {
        let s = parse(BASH).unwrap();
        assert_eq!(
            (s.pid, s.comm.as_bytes(), s.state, s.ppid, s.pgrp, s.session),
            (ok(1234), &b"bash"[..], b'S', ok(1), ok(1234), ok(1234))
        );
        assert_eq!((s.tty_nr, s.flags), (ok(34816), ok(4194560)));
        assert_eq!((s.minflt, s.cminflt, s.majflt, s.cmajflt), (ok(1311), ok(20), ok(2), ok(1)));
        assert_eq!((s.utime, s.stime, s.cutime, s.cstime), (ok(4), ok(3), ok(7), ok(8)));
        assert_eq!((s.priority, s.nice, s.num_threads, s.starttime), (ok(20), ok(0), ok(1), 7436));
        assert_eq!((s.vsize, s.rss_pages, s.processor), (ok(11096064), ok(1394), ok(1)));
        assert_eq!((s.rt_priority, s.policy, s.delayacct_blkio_ticks), (ok(0), ok(0), ok(3)));
        assert!(s.problems.is_empty());
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
        assert_eq!(s.delayacct_blkio_ticks, Val::Absent);
    }

    #[test]
    fn a_line_without_its_identity_is_no_process() {
        let err = parse(b"1 (init) S 0 1 1 0 -1 4194560 100").unwrap_err();
        assert_eq!(err.field(), Some("starttime"));
        assert_eq!(parse(b"garbage").unwrap_err().field(), Some("comm"));
        assert_eq!(parse(b"12 )(").unwrap_err().field(), Some("comm"));
        assert_eq!(parse(b"12 (x)").unwrap_err().field(), Some("state"));
    }

    /// prometheus/procfs's captured `ata_sff` line: a `cutime` of -2^63 and a `processor`
    /// of 2^63-1, which no kernel prints. They are bad; nothing is clamped, the rest is kept.
    #[test]
    fn out_of_range_values_are_bad_not_clamped() {
        let line = b"33 (ata_sff) S 2 0 0 0 -1 69238880 0 0 0 0 0 0 -9223372036854775808 9223372036854775807 0 -20 \
1 0 5 0 0 18446744073709551615 0 0 0 0 0 0 0 2147483647 0 18446744073709551615 0 0 -9223372036854775808 \
9223372036854775807 0 0 0 0 0 0 0 0 0 0 0 0 0\n";
        let s = parse(line).unwrap();
        assert_eq!(
            (s.cutime, s.cstime, s.processor, s.rt_priority),
            (Val::Bad, Val::Ok(i64::MAX as u64), Val::Bad, ok(0))
        );
        assert_eq!((s.ppid, s.nice, s.starttime, s.num_threads), (Val::Ok(2), Val::Ok(-20), 5, Val::Ok(1)));
        let p: Vec<String> = s.problems.iter().map(ToString::to_string).collect();
        assert_eq!(
            p,
            ["invalid field cutime \"-9223372036854775808\"", "invalid field processor \"9223372036854775807\"",]
        );
    }

    #[test]
    fn one_field_corruption() {
        corrupt::check(
            "{{pid:i32=1234}} (bash) S {{ppid:i32=1}} {{pgrp:i32=1234}} {{session:i32=1234}} {{tty_nr:i32=34816}} 5678 \
{{flags:u32=4194560}} {{minflt=1311}} {{cminflt=20}} {{majflt=2}} {{cmajflt=1}} {{utime=4}} {{stime=3}} \
{{cutime=7}} {{cstime=8}} {{priority:i32=20}} {{nice:i32=0}} {{num_threads:u32=1}} 0 7436 {{vsize=11096064}} \
{{rss_pages=1394}} 18446744073709551615 94000 95000 140000 0 0 0 65536 3686404 1266761467 0 0 0 17 \
{{processor:i32=1}} {{rt_priority:u32=0}} {{policy:u32=0}} {{delayacct_blkio_ticks=3}} 0 0 94100 94200 95300\n",
            |b| {
                let s = parse(b).unwrap();
                let l = listing!(s; pid, ppid, pgrp, session, tty_nr, flags, minflt, cminflt, majflt, cmajflt, utime,
                    stime, cutime, cstime, priority, nice, num_threads, vsize, rss_pages, processor, rt_priority,
                    policy, delayacct_blkio_ticks);
                (l, s.problems.iter().map(ToString::to_string).collect())
            },
        );
    }
}
