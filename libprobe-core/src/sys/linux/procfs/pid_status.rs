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
use crate::parse::{Fields, cpu_list, i64_dec, key_value, lines, u64_dec, u64_hex};

/// Every field of `status` that libprobe reports.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct PidStatus {
    pub tgid: Option<i32>,
    pub ns_pids: Option<Vec<i32>>,
    /// real, effective, saved, filesystem.
    pub uids: Option<[u32; 4]>,
    pub gids: Option<[u32; 4]>,
    pub groups: Option<Vec<u32>>,
    pub vm_size: Option<u64>,
    pub vm_lck: Option<u64>,
    pub vm_hwm: Option<u64>,
    pub vm_rss: Option<u64>,
    pub rss_file: Option<u64>,
    pub rss_shmem: Option<u64>,
    pub vm_data: Option<u64>,
    pub vm_stk: Option<u64>,
    pub vm_exe: Option<u64>,
    pub vm_lib: Option<u64>,
    pub vm_pte: Option<u64>,
    pub vm_swap: Option<u64>,
    pub threads: Option<u32>,
    pub sig_pnd: Option<u64>,
    pub shd_pnd: Option<u64>,
    pub sig_blk: Option<u64>,
    pub sig_ign: Option<u64>,
    pub sig_cgt: Option<u64>,
    pub cap_inh: Option<u64>,
    pub cap_prm: Option<u64>,
    pub cap_eff: Option<u64>,
    pub cap_bnd: Option<u64>,
    pub cap_amb: Option<u64>,
    pub no_new_privs: Option<bool>,
    pub seccomp: Option<u8>,
    pub seccomp_filters: Option<u32>,
    pub cpus_allowed_list: Option<Vec<u32>>,
    pub voluntary_ctxt_switches: Option<u64>,
    pub nonvoluntary_ctxt_switches: Option<u64>,
}

/// At most this many CPUs in `Cpus_allowed_list` (the kernel's NR_CPUS ceiling).
const MAX_CPUS: usize = 8192;

pub(crate) fn parse(text: &[u8]) -> Result<PidStatus, ParseError> {
    let mut s = PidStatus::default();
    for (i, line) in lines(text).enumerate() {
        let Some((key, value)) = key_value(line, b':') else { continue };
        parse_line(&mut s, key, value).map_err(|e| e.at_line(i + 1))?;
    }
    Ok(s)
}

fn parse_line(s: &mut PidStatus, key: &[u8], value: &[u8]) -> Result<(), ParseError> {
    match key {
        b"Tgid" => s.tgid = Some(int(value, "Tgid")?),
        b"NSpid" => s.ns_pids = Some(int_list(value, "NSpid")?),
        b"Uid" => s.uids = Some(ids(value, "Uid")?),
        b"Gid" => s.gids = Some(ids(value, "Gid")?),
        b"Groups" => s.groups = Some(int_list(value, "Groups")?),
        b"VmSize" => s.vm_size = Some(kb(value, "VmSize")?),
        b"VmLck" => s.vm_lck = Some(kb(value, "VmLck")?),
        b"VmHWM" => s.vm_hwm = Some(kb(value, "VmHWM")?),
        b"VmRSS" => s.vm_rss = Some(kb(value, "VmRSS")?),
        b"RssFile" => s.rss_file = Some(kb(value, "RssFile")?),
        b"RssShmem" => s.rss_shmem = Some(kb(value, "RssShmem")?),
        b"VmData" => s.vm_data = Some(kb(value, "VmData")?),
        b"VmStk" => s.vm_stk = Some(kb(value, "VmStk")?),
        b"VmExe" => s.vm_exe = Some(kb(value, "VmExe")?),
        b"VmLib" => s.vm_lib = Some(kb(value, "VmLib")?),
        b"VmPTE" => s.vm_pte = Some(kb(value, "VmPTE")?),
        b"VmSwap" => s.vm_swap = Some(kb(value, "VmSwap")?),
        b"Threads" => s.threads = Some(int(value, "Threads")?),
        b"SigPnd" => s.sig_pnd = Some(hex(value, "SigPnd")?),
        b"ShdPnd" => s.shd_pnd = Some(hex(value, "ShdPnd")?),
        b"SigBlk" => s.sig_blk = Some(hex(value, "SigBlk")?),
        b"SigIgn" => s.sig_ign = Some(hex(value, "SigIgn")?),
        b"SigCgt" => s.sig_cgt = Some(hex(value, "SigCgt")?),
        b"CapInh" => s.cap_inh = Some(hex(value, "CapInh")?),
        b"CapPrm" => s.cap_prm = Some(hex(value, "CapPrm")?),
        b"CapEff" => s.cap_eff = Some(hex(value, "CapEff")?),
        b"CapBnd" => s.cap_bnd = Some(hex(value, "CapBnd")?),
        b"CapAmb" => s.cap_amb = Some(hex(value, "CapAmb")?),
        b"NoNewPrivs" => s.no_new_privs = Some(int::<u8>(value, "NoNewPrivs")? != 0),
        b"Seccomp" => s.seccomp = Some(int(value, "Seccomp")?),
        b"Seccomp_filters" => s.seccomp_filters = Some(int(value, "Seccomp_filters")?),
        b"Cpus_allowed_list" => {
            s.cpus_allowed_list = Some(cpu_list(value, MAX_CPUS).map_err(|_| ParseError::invalid("Cpus_allowed_list"))?)
        }
        b"voluntary_ctxt_switches" => s.voluntary_ctxt_switches = Some(int(value, "voluntary_ctxt_switches")?),
        b"nonvoluntary_ctxt_switches" => s.nonvoluntary_ctxt_switches = Some(int(value, "nonvoluntary_ctxt_switches")?),
        _ => {}
    }
    Ok(())
}

fn int<T: TryFrom<i64>>(value: &[u8], name: &'static str) -> Result<T, ParseError> {
    i64_dec(value).and_then(|v| T::try_from(v).ok()).ok_or(ParseError::invalid(name))
}

fn hex(value: &[u8], name: &'static str) -> Result<u64, ParseError> {
    u64_hex(value).ok_or(ParseError::invalid(name))
}

/// `  5576 kB` → bytes.
fn kb(value: &[u8], name: &'static str) -> Result<u64, ParseError> {
    let mut f = Fields::new(value);
    let n = f.u64(name)?;
    n.checked_mul(1024).ok_or(ParseError::invalid(name))
}

fn ids(value: &[u8], name: &'static str) -> Result<[u32; 4], ParseError> {
    let mut f = Fields::new(value);
    Ok([f.u32(name)?, f.u32(name)?, f.u32(name)?, f.u32(name)?])
}

fn int_list<T: TryFrom<u64>>(value: &[u8], name: &'static str) -> Result<Vec<T>, ParseError> {
    let mut f = Fields::new(value);
    let mut out = Vec::new();
    while let Some(tok) = f.token() {
        out.push(u64_dec(tok).and_then(|v| T::try_from(v).ok()).ok_or(ParseError::invalid(name))?);
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

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
        let s = parse(SAMPLE).unwrap();
        assert_eq!(s.tgid, Some(1234));
        assert_eq!(s.ns_pids, Some(vec![1234, 1]));
        assert_eq!(s.uids, Some([1000, 1001, 1002, 1003]));
        assert_eq!(s.gids, Some([100, 101, 102, 103]));
        assert_eq!(s.groups, Some(vec![4, 24, 27]));
        assert_eq!(s.vm_rss, Some(5576 * 1024));
        assert_eq!((s.rss_file, s.rss_shmem), (Some(3000 * 1024), Some(576 * 1024)));
        assert_eq!(
            (s.vm_data, s.vm_stk, s.vm_exe, s.vm_lib),
            (Some(1000 * 1024), Some(132 * 1024), Some(900 * 1024), Some(2000 * 1024))
        );
        assert_eq!(
            (s.vm_swap, s.vm_lck, s.vm_hwm, s.vm_pte),
            (Some(12 * 1024), Some(4096), Some(6000 * 1024), Some(60 * 1024))
        );
        assert_eq!(s.threads, Some(3));
        assert_eq!((s.sig_pnd, s.shd_pnd, s.sig_blk), (Some(1), Some(0x100), Some(0x10000)));
        assert_eq!((s.sig_ign, s.sig_cgt), (Some(0x384004), Some(0x4b813efb)));
        assert_eq!((s.cap_inh, s.cap_eff, s.cap_amb), (Some(0), Some(0x1ffffffffff), Some(0)));
        assert_eq!((s.no_new_privs, s.seccomp, s.seccomp_filters), (Some(true), Some(2), Some(1)));
        assert_eq!(s.cpus_allowed_list, Some(vec![0, 1, 2, 3]));
        assert_eq!((s.voluntary_ctxt_switches, s.nonvoluntary_ctxt_switches), (Some(150), Some(7)));
    }

    #[test]
    fn kernel_thread_has_no_memory_lines() {
        let s = parse(b"Name:\tkthreadd\nTgid:\t2\nUid:\t0\t0\t0\t0\nGroups:\t\nThreads:\t1\n").unwrap();
        assert_eq!(s.vm_rss, None);
        assert_eq!(s.groups, Some(vec![]));
    }

    #[test]
    fn bad_value_names_field_and_line() {
        let err = parse(b"Name:\tx\nUid:\t0\t0\n").unwrap_err();
        assert_eq!((err.field(), err.line()), (Some("Uid"), Some(2)));
        assert_eq!(parse(b"VmRSS:\t99999999999999999999 kB\n").unwrap_err().field(), Some("VmRSS"));
    }
}
