//! `/proc/<pid>/status`: `Key:\tvalue` lines (proc(5)).
//!
//! ```text
//! Name:    bash
//! Tgid:    1234
//! Uid:    1000    1000    1000    1000
//! Groups:    4 24 27
//! VmRSS:        5576 kB
//! SigPnd:    0000000000000000
//! CapEff:    0000000000000000
//! Cpus_allowed_list:    0-3
//! voluntary_ctxt_switches:    150
//! ```
//!
//! Lines come and go with kernel versions (`NSpid` 4.1+, `Seccomp_filters` 5.9+,
//! `CapAmb` 4.3+) and with the process: a kernel thread or zombie has no `Vm*` lines. So
//! every field is optional here, and absent means "not printed". Memory values are in
//! kB and converted to bytes.

use crate::error::ParseError;
use crate::parse::{Fields, Problems, Val, cpu_list, i64_dec, key_value, lines, u64_dec, u64_hex};

/// Every field of `status` that libprobe reports: [`Val::Absent`] when the line is not
/// printed, [`Val::Bad`] when its value is not valid (each line alone; each id of `Uid`
/// and `Gid` alone).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct PidStatus {
    pub tgid: Val<i32>,
    pub ns_pids: Val<Vec<i32>>,
    /// real, effective, saved, filesystem.
    pub uids: [Val<u32>; 4],
    pub gids: [Val<u32>; 4],
    pub groups: Val<Vec<u32>>,
    pub vm_size: Val<u64>,
    pub vm_lck: Val<u64>,
    pub vm_hwm: Val<u64>,
    pub vm_rss: Val<u64>,
    pub rss_file: Val<u64>,
    pub rss_shmem: Val<u64>,
    pub vm_data: Val<u64>,
    pub vm_stk: Val<u64>,
    pub vm_exe: Val<u64>,
    pub vm_lib: Val<u64>,
    pub vm_pte: Val<u64>,
    pub vm_swap: Val<u64>,
    pub threads: Val<u32>,
    pub sig_pnd: Val<u64>,
    pub shd_pnd: Val<u64>,
    pub sig_blk: Val<u64>,
    pub sig_ign: Val<u64>,
    pub sig_cgt: Val<u64>,
    pub cap_inh: Val<u64>,
    pub cap_prm: Val<u64>,
    pub cap_eff: Val<u64>,
    pub cap_bnd: Val<u64>,
    pub cap_amb: Val<u64>,
    pub no_new_privs: Val<bool>,
    pub seccomp: Val<u8>,
    pub seccomp_filters: Val<u32>,
    pub cpus_allowed_list: Val<Vec<u32>>,
    pub voluntary_ctxt_switches: Val<u64>,
    pub nonvoluntary_ctxt_switches: Val<u64>,
    pub problems: Problems,
}

/// At most this many CPUs in `Cpus_allowed_list` (the kernel's NR_CPUS ceiling).
const MAX_CPUS: usize = 8192;

pub(crate) fn parse(text: &[u8]) -> PidStatus {
    let mut s = PidStatus::default();
    let mut p = Problems::default();
    for (i, line) in lines(text).enumerate() {
        let Some((key, value)) = key_value(line, b':') else { continue };
        let mut one = Problems::default();
        parse_line(&mut s, key, value, &mut one);
        for e in one.iter() {
            p.push(e.clone().at_line(i + 1));
        }
    }
    s.problems = p;
    s
}

fn parse_line(s: &mut PidStatus, key: &[u8], value: &[u8], p: &mut Problems) {
    match key {
        b"Tgid" => s.tgid = p.take(int(value, "Tgid")),
        b"NSpid" => s.ns_pids = p.take(int_list(value, "NSpid")),
        b"Uid" => s.uids = ids(value, "Uid", p),
        b"Gid" => s.gids = ids(value, "Gid", p),
        b"Groups" => s.groups = p.take(int_list(value, "Groups")),
        b"VmSize" => s.vm_size = p.take(kb(value, "VmSize")),
        b"VmLck" => s.vm_lck = p.take(kb(value, "VmLck")),
        b"VmHWM" => s.vm_hwm = p.take(kb(value, "VmHWM")),
        b"VmRSS" => s.vm_rss = p.take(kb(value, "VmRSS")),
        b"RssFile" => s.rss_file = p.take(kb(value, "RssFile")),
        b"RssShmem" => s.rss_shmem = p.take(kb(value, "RssShmem")),
        b"VmData" => s.vm_data = p.take(kb(value, "VmData")),
        b"VmStk" => s.vm_stk = p.take(kb(value, "VmStk")),
        b"VmExe" => s.vm_exe = p.take(kb(value, "VmExe")),
        b"VmLib" => s.vm_lib = p.take(kb(value, "VmLib")),
        b"VmPTE" => s.vm_pte = p.take(kb(value, "VmPTE")),
        b"VmSwap" => s.vm_swap = p.take(kb(value, "VmSwap")),
        b"Threads" => s.threads = p.take(int(value, "Threads")),
        b"SigPnd" => s.sig_pnd = p.take(hex(value, "SigPnd")),
        b"ShdPnd" => s.shd_pnd = p.take(hex(value, "ShdPnd")),
        b"SigBlk" => s.sig_blk = p.take(hex(value, "SigBlk")),
        b"SigIgn" => s.sig_ign = p.take(hex(value, "SigIgn")),
        b"SigCgt" => s.sig_cgt = p.take(hex(value, "SigCgt")),
        b"CapInh" => s.cap_inh = p.take(hex(value, "CapInh")),
        b"CapPrm" => s.cap_prm = p.take(hex(value, "CapPrm")),
        b"CapEff" => s.cap_eff = p.take(hex(value, "CapEff")),
        b"CapBnd" => s.cap_bnd = p.take(hex(value, "CapBnd")),
        b"CapAmb" => s.cap_amb = p.take(hex(value, "CapAmb")),
        b"NoNewPrivs" => {
            let v = match value {
                b"0" => Ok(false),
                b"1" => Ok(true),
                _ => Err(ParseError::bad("NoNewPrivs", value)),
            };
            s.no_new_privs = p.take(v);
        }
        b"Seccomp" => s.seccomp = p.take(int::<u8>(value, "Seccomp").and_then(|v| seccomp(v, value))),
        b"Seccomp_filters" => s.seccomp_filters = p.take(int(value, "Seccomp_filters")),
        b"Cpus_allowed_list" => {
            s.cpus_allowed_list =
                p.take(cpu_list(value, MAX_CPUS).map_err(|_| ParseError::bad("Cpus_allowed_list", value)))
        }
        b"voluntary_ctxt_switches" => s.voluntary_ctxt_switches = p.take(int(value, "voluntary_ctxt_switches")),
        b"nonvoluntary_ctxt_switches" => {
            s.nonvoluntary_ctxt_switches = p.take(int(value, "nonvoluntary_ctxt_switches"))
        }
        _ => {}
    }
}

/// 0 disabled, 1 strict, 2 filter: any other number is not a seccomp mode.
fn seccomp(v: u8, raw: &[u8]) -> Result<u8, ParseError> {
    if v <= 2 { Ok(v) } else { Err(ParseError::bad("Seccomp", raw)) }
}

fn int<T: TryFrom<i64>>(value: &[u8], name: &'static str) -> Result<T, ParseError> {
    i64_dec(value).and_then(|v| T::try_from(v).ok()).ok_or_else(|| ParseError::bad(name, value))
}

fn hex(value: &[u8], name: &'static str) -> Result<u64, ParseError> {
    u64_hex(value).ok_or_else(|| ParseError::bad(name, value))
}

/// `  5576 kB` → bytes; a count whose bytes do not fit a u64 is bad.
fn kb(value: &[u8], name: &'static str) -> Result<u64, ParseError> {
    let mut f = Fields::new(value);
    let n = f.u64(name)?;
    if f.token().is_some_and(|unit| unit != b"kB") {
        return Err(ParseError::bad(name, value));
    }
    n.checked_mul(1024).ok_or_else(|| ParseError::bad(name, value))
}

/// The four ids of `Uid`/`Gid`, each alone: a short line leaves the missing ones bad.
fn ids(value: &[u8], name: &'static str, p: &mut Problems) -> [Val<u32>; 4] {
    let mut f = Fields::new(value);
    std::array::from_fn(|_| p.take(f.u32(name)))
}

fn int_list<T: TryFrom<u64>>(value: &[u8], name: &'static str) -> Result<Vec<T>, ParseError> {
    let mut f = Fields::new(value);
    let mut out = Vec::new();
    while let Some(tok) = f.token() {
        out.push(u64_dec(tok).and_then(|v| T::try_from(v).ok()).ok_or_else(|| ParseError::bad(name, tok))?);
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ok<T>(v: T) -> Val<T> {
        Val::Ok(v)
    }
    use crate::parse::corrupt::{self, listing};

    const SAMPLE: &[u8] =
        b"Name:\tbash\nUmask:\t0022\nState:\tS (sleeping)\nTgid:\t1234\nNgid:\t0\nPid:\t1234\nPPid:\t1\n\
TracerPid:\t0\nUid:\t1000\t1001\t1002\t1003\nGid:\t100\t101\t102\t103\nFDSize:\t256\nGroups:\t4 24 27 \n\
NStgid:\t1234\t1\nNSpid:\t1234\t1\nKthread:\t0\nVmPeak:\t   12000 kB\nVmSize:\t   11000 kB\nVmLck:\t       4 kB\n\
VmPin:\t       0 kB\nVmHWM:\t    6000 kB\nVmRSS:\t    5576 kB\nRssAnon:\t    2000 kB\nRssFile:\t    3000 kB\n\
RssShmem:\t     576 kB\nVmData:\t    1000 kB\nVmStk:\t     132 kB\nVmExe:\t     900 kB\nVmLib:\t    2000 kB\n\
VmPTE:\t      60 kB\nVmSwap:\t      12 kB\nHugetlbPages:\t       0 kB\nThreads:\t3\nSigQ:\t0/96364\n\
SigPnd:\t0000000000000001\nShdPnd:\t0000000000000100\nSigBlk:\t0000000000010000\nSigIgn:\t0000000000384004\n\
SigCgt:\t000000004b813efb\nCapInh:\t0000000000000000\nCapPrm:\t000001ffffffffff\nCapEff:\t000001ffffffffff\n\
CapBnd:\t000001ffffffffff\nCapAmb:\t0000000000000000\nNoNewPrivs:\t1\nSeccomp:\t2\nSeccomp_filters:\t1\n\
Speculation_Store_Bypass:\tthread vulnerable\nCpus_allowed:\tf\nCpus_allowed_list:\t0-3\nMems_allowed_list:\t0\n\
voluntary_ctxt_switches:\t150\nnonvoluntary_ctxt_switches:\t7\n";

    #[test]
    fn parses_every_field() {
        let s = parse(SAMPLE);
        assert!(s.problems.is_empty());
        assert_eq!(s.tgid, ok(1234));
        assert_eq!(s.ns_pids, ok(vec![1234, 1]));
        assert_eq!(s.uids, [ok(1000), ok(1001), ok(1002), ok(1003)]);
        assert_eq!(s.gids, [ok(100), ok(101), ok(102), ok(103)]);
        assert_eq!(s.groups, ok(vec![4, 24, 27]));
        assert_eq!(s.vm_rss, ok(5576 * 1024));
        assert_eq!((s.rss_file, s.rss_shmem), (ok(3000 * 1024), ok(576 * 1024)));
        assert_eq!(
            (s.vm_data, s.vm_stk, s.vm_exe, s.vm_lib),
            (ok(1000 * 1024), ok(132 * 1024), ok(900 * 1024), ok(2000 * 1024))
        );
        assert_eq!(
            (s.vm_swap, s.vm_lck, s.vm_hwm, s.vm_pte),
            (ok(12 * 1024), ok(4096), ok(6000 * 1024), ok(60 * 1024))
        );
        assert_eq!(s.threads, ok(3));
        assert_eq!((s.sig_pnd, s.shd_pnd, s.sig_blk), (ok(1), ok(0x100), ok(0x10000)));
        assert_eq!((s.sig_ign, s.sig_cgt), (ok(0x384004), ok(0x4b813efb)));
        assert_eq!((s.cap_inh, s.cap_eff, s.cap_amb), (ok(0), ok(0x1ffffffffff), ok(0)));
        assert_eq!((s.no_new_privs, s.seccomp, s.seccomp_filters), (ok(true), ok(2), ok(1)));
        assert_eq!(s.cpus_allowed_list, ok(vec![0, 1, 2, 3]));
        assert_eq!((s.voluntary_ctxt_switches, s.nonvoluntary_ctxt_switches), (ok(150), ok(7)));
    }

    #[test]
    fn kernel_thread_has_no_memory_lines() {
        let s = parse(b"Name:\tkthreadd\nTgid:\t2\nUid:\t0\t0\t0\t0\nGroups:\t\nThreads:\t1\n");
        assert_eq!(s.vm_rss, Val::Absent);
        assert_eq!(s.groups, Val::Ok(vec![]));
    }

    #[test]
    fn bad_value_names_field_and_line() {
        let s = parse(b"Name:\tx\nUid:\t0\t0\nTgid:\t7\n");
        assert_eq!(s.uids, [Val::Ok(0), Val::Ok(0), Val::Bad, Val::Bad]);
        assert_eq!(s.tgid, Val::Ok(7));
        let err = s.problems.iter().next().unwrap();
        assert_eq!((err.field(), err.line()), (Some("Uid"), Some(2)));
        let s = parse(b"VmRSS:\t99999999999999999999 kB\n");
        assert_eq!(s.problems.iter().next().unwrap().field(), Some("VmRSS"));
        // 2^54 kB is a valid count whose bytes do not fit a u64.
        assert_eq!(parse(b"VmRSS:\t18014398509481984 kB\n").vm_rss, Val::Bad);
    }

    #[test]
    fn one_field_corruption() {
        corrupt::check(
            "Name:\tbash\nTgid:\t{{tgid:i32=1234}}\nUid:\t{{uid0:u32=1000}}\t{{uid1:u32=1001}}\t{{uid2:u32=1002}}\t\
{{uid3:u32=1003}}\nGid:\t{{gid0:u32=100}}\t{{gid1:u32=101}}\t{{gid2:u32=102}}\t{{gid3:u32=103}}\n\
VmSize:\t{{vm_size:kb=11000}} kB\nVmLck:\t{{vm_lck:kb=4}} kB\nVmHWM:\t{{vm_hwm:kb=6000}} kB\n\
VmRSS:\t{{vm_rss:kb=5576}} kB\nRssFile:\t{{rss_file:kb=3000}} kB\nRssShmem:\t{{rss_shmem:kb=576}} kB\n\
VmData:\t{{vm_data:kb=1000}} kB\nVmStk:\t{{vm_stk:kb=132}} kB\nVmExe:\t{{vm_exe:kb=900}} kB\n\
VmLib:\t{{vm_lib:kb=2000}} kB\nVmPTE:\t{{vm_pte:kb=60}} kB\nVmSwap:\t{{vm_swap:kb=12}} kB\n\
Threads:\t{{threads:u32=3}}\nSigPnd:\t{{sig_pnd:x=0000000000000001}}\nShdPnd:\t{{shd_pnd:x=0000000000000100}}\n\
SigBlk:\t{{sig_blk:x=0000000000010000}}\nSigIgn:\t{{sig_ign:x=0000000000384004}}\n\
SigCgt:\t{{sig_cgt:x=000000004b813efb}}\nCapInh:\t{{cap_inh:x=0000000000000000}}\n\
CapPrm:\t{{cap_prm:x=000001ffffffffff}}\nCapEff:\t{{cap_eff:x=000001ffffffffff}}\n\
CapBnd:\t{{cap_bnd:x=000001ffffffffff}}\nCapAmb:\t{{cap_amb:x=0000000000000000}}\n\
Seccomp_filters:\t{{seccomp_filters:u32=1}}\nvoluntary_ctxt_switches:\t{{voluntary_ctxt_switches=150}}\n\
nonvoluntary_ctxt_switches:\t{{nonvoluntary_ctxt_switches=7}}\n",
            |b| {
                let s = parse(b);
                let [uid0, uid1, uid2, uid3] = s.uids;
                let [gid0, gid1, gid2, gid3] = s.gids;
                let ids = [("uid0", uid0), ("uid1", uid1), ("uid2", uid2), ("uid3", uid3)]
                    .into_iter()
                    .chain([("gid0", gid0), ("gid1", gid1), ("gid2", gid2), ("gid3", gid3)])
                    .map(|(n, v)| (n.to_string(), format!("{v:?}")));
                let mut l = listing!(s; tgid, vm_size, vm_lck, vm_hwm, vm_rss, rss_file, rss_shmem, vm_data, vm_stk,
                    vm_exe, vm_lib, vm_pte, vm_swap, threads, sig_pnd, shd_pnd, sig_blk, sig_ign, sig_cgt, cap_inh,
                    cap_prm, cap_eff, cap_bnd, cap_amb, seccomp_filters, voluntary_ctxt_switches,
                    nonvoluntary_ctxt_switches);
                l.extend(ids);
                (l, s.problems.iter().map(ToString::to_string).collect())
            },
        );
    }
}
