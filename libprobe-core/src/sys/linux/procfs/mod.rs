//! Parsers for procfs files: one file each, named after the path (`/proc/<pid>/io` is
//! `pid_io.rs`). Each is pure (`parse(&[u8])`), tested on pasted kernel text, and fuzzed.

pub(crate) mod cpuinfo;
pub(crate) mod diskstats;
pub(crate) mod loadavg;
pub(crate) mod meminfo;
pub(crate) mod net_inet;
pub(crate) mod net_netlink;
pub(crate) mod net_nf_conntrack;
pub(crate) mod net_packet;
pub(crate) mod net_raw;
pub(crate) mod net_snmp;
pub(crate) mod net_snmp6;
pub(crate) mod net_sockstat;
pub(crate) mod net_stat_nf_conntrack;
pub(crate) mod net_tcp;
pub(crate) mod net_udp;
pub(crate) mod net_unix;
pub(crate) mod pid_cgroup;
pub(crate) mod pid_cmdline;
pub(crate) mod pid_fdinfo;
pub(crate) mod pid_io;
pub(crate) mod pid_limits;
pub(crate) mod pid_maps;
pub(crate) mod pid_mountinfo;
pub(crate) mod pid_ns;
pub(crate) mod pid_schedstat;
pub(crate) mod pid_smaps_rollup;
pub(crate) mod pid_stat;
pub(crate) mod pid_status;
pub(crate) mod pressure;
pub(crate) mod spl_kstat_zfs;
pub(crate) mod stat;
pub(crate) mod sys_fs_file_nr;
pub(crate) mod sys_fs_inode_nr;
pub(crate) mod sys_kernel_random;
pub(crate) mod sys_net_mem;
pub(crate) mod uptime;
pub(crate) mod vmstat;

use crate::error::ParseError;
use crate::parse::{i64_dec, trim};

/// A file holding one integer (`oom_score`, `oom_score_adj`): the file is the field, so a
/// value that does not parse or fit is that field's error, quoting it.
pub(crate) fn single_int<T: TryFrom<i64>>(text: &[u8], name: &'static str) -> Result<T, ParseError> {
    let t = trim(text);
    i64_dec(t).and_then(|v| T::try_from(v).ok()).ok_or_else(|| ParseError::bad(name, t))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_field_corruption() {
        crate::parse::corrupt::single("i32", "-998", |b| single_int::<i32>(b, "oom_score_adj"));
    }
}
