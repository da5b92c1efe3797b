//! Per-process delay accounting over the taskstats generic-netlink family.
//!
//! One `TASKSTATS_CMD_GET` request per process (by tgid, so the kernel sums the live and
//! exited threads) answers with a `struct taskstats` (include/uapi/linux/taskstats.h).
//! Its fields are read by offset, and a field is used only if the kernel's struct is long
//! enough to hold it, so older kernels (shorter structs) give `not_supported` for the
//! newer causes instead of garbage.
//!
//! Needs CAP_NET_ADMIN (`permission_denied` otherwise) and works only from the initial
//! network namespace. Delay totals are zero unless delay accounting is on
//! (`kernel.task_delayacct=1` or the `delayacct` boot flag): then they are `not_enabled`.

use std::os::fd::{AsRawFd, FromRawFd, OwnedFd};

use crate::model::Reason;

/// Delay totals (ns) and counts for one process.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(crate) struct Delays {
    pub cpu_count: u64,
    pub cpu_delay_total_ns: u64,
    pub blkio_count: u64,
    pub blkio_delay_total_ns: u64,
    pub swapin_count: u64,
    pub swapin_delay_total_ns: u64,
    pub freepages_count: u64,
    pub freepages_delay_total_ns: u64,
    pub thrashing_count: Option<u64>,
    pub thrashing_delay_total_ns: Option<u64>,
    pub compact_count: Option<u64>,
    pub compact_delay_total_ns: Option<u64>,
    pub wpcopy_count: Option<u64>,
    pub wpcopy_delay_total_ns: Option<u64>,
    pub irq_count: Option<u64>,
    pub irq_delay_total_ns: Option<u64>,
}

// Offsets in `struct taskstats` (x86-64 and every other Linux ABI: the struct is laid out
// with explicit 8-byte alignment of its u64 fields).
const OFF_CPU_COUNT: usize = 16;
const OFF_CPU_DELAY: usize = 24;
const OFF_BLKIO_COUNT: usize = 32;
const OFF_BLKIO_DELAY: usize = 40;
const OFF_SWAPIN_COUNT: usize = 48;
const OFF_SWAPIN_DELAY: usize = 56;
#[cfg(test)]
const OFF_AC_PID: usize = 128;
#[cfg(test)]
const OFF_NVCSW: usize = 272;
const OFF_FREEPAGES_COUNT: usize = 312;
const OFF_FREEPAGES_DELAY: usize = 320;
const OFF_THRASHING_COUNT: usize = 328;
const OFF_THRASHING_DELAY: usize = 336;
const OFF_COMPACT_COUNT: usize = 352;
const OFF_COMPACT_DELAY: usize = 360;
const OFF_WPCOPY_COUNT: usize = 400;
const OFF_WPCOPY_DELAY: usize = 408;
const OFF_IRQ_COUNT: usize = 416;
const OFF_IRQ_DELAY: usize = 424;

const GENL_ID_CTRL: u16 = 0x10;
const CTRL_CMD_GETFAMILY: u8 = 3;
const CTRL_ATTR_FAMILY_ID: u16 = 1;
const CTRL_ATTR_FAMILY_NAME: u16 = 2;
const TASKSTATS_CMD_GET: u8 = 1;
#[cfg(test)]
const TASKSTATS_CMD_ATTR_PID: u16 = 1;
const TASKSTATS_CMD_ATTR_TGID: u16 = 2;
const TASKSTATS_TYPE_STATS: u16 = 3;
const TASKSTATS_TYPE_AGGR_PID: u16 = 4;
const TASKSTATS_TYPE_AGGR_TGID: u16 = 5;
const NLA_F_NESTED: u16 = 1 << 15;
const NLA_TYPE_MASK: u16 = !(NLA_F_NESTED | (1 << 14));

/// A taskstats connection for one snapshot.
#[derive(Debug)]
pub(crate) struct Taskstats {
    state: Result<Conn, Reason>,
    /// Delay accounting is switched off: totals would be zeros that look real.
    delays_off: bool,
}

#[derive(Debug)]
struct Conn {
    fd: OwnedFd,
    family: u16,
    seq: u32,
    buf: Vec<u8>,
}

impl Taskstats {
    pub(crate) fn open(delayacct_sysctl: Option<bool>) -> Taskstats {
        Taskstats { state: Conn::open(), delays_off: delayacct_sysctl == Some(false) }
    }

    /// The delays of process `tgid`.
    pub(crate) fn query(&mut self, tgid: i32) -> Result<Delays, Reason> {
        let conn = self.state.as_mut().map_err(|r| *r)?;
        let stats = conn.query(tgid, TASKSTATS_CMD_ATTR_TGID)?;
        if self.delays_off {
            return Err(Reason::NotEnabled);
        }
        Ok(decode(&stats))
    }
}

/// Reads `struct taskstats` bytes: a field the kernel's struct is too short for is `None`.
pub(crate) fn decode(s: &[u8]) -> Delays {
    let at = |off: usize| s.get(off..off + 8).map(|b| u64::from_ne_bytes(b.try_into().unwrap_or([0; 8])));
    let req = |off| at(off).unwrap_or(0);
    Delays {
        cpu_count: req(OFF_CPU_COUNT),
        cpu_delay_total_ns: req(OFF_CPU_DELAY),
        blkio_count: req(OFF_BLKIO_COUNT),
        blkio_delay_total_ns: req(OFF_BLKIO_DELAY),
        swapin_count: req(OFF_SWAPIN_COUNT),
        swapin_delay_total_ns: req(OFF_SWAPIN_DELAY),
        freepages_count: req(OFF_FREEPAGES_COUNT),
        freepages_delay_total_ns: req(OFF_FREEPAGES_DELAY),
        thrashing_count: at(OFF_THRASHING_COUNT),
        thrashing_delay_total_ns: at(OFF_THRASHING_DELAY),
        compact_count: at(OFF_COMPACT_COUNT),
        compact_delay_total_ns: at(OFF_COMPACT_DELAY),
        wpcopy_count: at(OFF_WPCOPY_COUNT),
        wpcopy_delay_total_ns: at(OFF_WPCOPY_DELAY),
        irq_count: at(OFF_IRQ_COUNT),
        irq_delay_total_ns: at(OFF_IRQ_DELAY),
    }
}

fn errno_reason(errno: i32) -> Reason {
    match errno {
        libc::EPERM | libc::EACCES => Reason::PermissionDenied,
        libc::ESRCH => Reason::Gone,
        libc::ENOENT | libc::EOPNOTSUPP | libc::EPROTONOSUPPORT | libc::EAFNOSUPPORT => Reason::NotSupported,
        // Taskstats refuses requests from a non-initial network namespace with EINVAL.
        libc::EINVAL => Reason::NotSupported,
        _ => Reason::Error,
    }
}

fn last_errno() -> i32 {
    std::io::Error::last_os_error().raw_os_error().unwrap_or(0)
}

/// Appends a netlink attribute (4-byte header, payload, padding to 4).
fn put_attr(msg: &mut Vec<u8>, kind: u16, payload: &[u8]) {
    let len = 4 + payload.len();
    msg.extend_from_slice(&(len as u16).to_ne_bytes());
    msg.extend_from_slice(&kind.to_ne_bytes());
    msg.extend_from_slice(payload);
    msg.resize(msg.len().next_multiple_of(4), 0);
}

/// Walks the attributes in `data`, calling `f(type, payload)`.
fn attrs(mut data: &[u8], mut f: impl FnMut(u16, &[u8])) {
    while data.len() >= 4 {
        let len = usize::from(u16::from_ne_bytes([data[0], data[1]]));
        let kind = u16::from_ne_bytes([data[2], data[3]]) & NLA_TYPE_MASK;
        if len < 4 || len > data.len() {
            return;
        }
        f(kind, &data[4..len]);
        data = &data[len.next_multiple_of(4).min(data.len())..];
    }
}

impl Conn {
    fn open() -> Result<Conn, Reason> {
        // SAFETY: plain socket(2) call; the result is checked.
        let fd = unsafe { libc::socket(libc::AF_NETLINK, libc::SOCK_RAW | libc::SOCK_CLOEXEC, libc::NETLINK_GENERIC) };
        if fd < 0 {
            return Err(errno_reason(last_errno()));
        }
        // SAFETY: `fd` was just created and is owned only here.
        let fd = unsafe { OwnedFd::from_raw_fd(fd) };
        let tv = libc::timeval { tv_sec: 1, tv_usec: 0 };
        // SAFETY: `tv` is a valid timeval for SO_RCVTIMEO, with its exact size.
        unsafe {
            libc::setsockopt(
                fd.as_raw_fd(),
                libc::SOL_SOCKET,
                libc::SO_RCVTIMEO,
                (&tv as *const libc::timeval).cast(),
                std::mem::size_of::<libc::timeval>() as libc::socklen_t,
            )
        };
        let mut conn = Conn { fd, family: 0, seq: 0, buf: vec![0; 16 * 1024] };
        let mut name = b"TASKSTATS".to_vec();
        name.push(0);
        let mut payload = Vec::new();
        put_attr(&mut payload, CTRL_ATTR_FAMILY_NAME, &name);
        let reply = conn.request(GENL_ID_CTRL, CTRL_CMD_GETFAMILY, &payload)?;
        let mut family = None;
        attrs(reply, |kind, p| {
            if kind == CTRL_ATTR_FAMILY_ID && p.len() >= 2 {
                family = Some(u16::from_ne_bytes([p[0], p[1]]));
            }
        });
        conn.family = family.ok_or(Reason::NotSupported)?;
        Ok(conn)
    }

    /// The `struct taskstats` of a process (`by` = TGID: summed over its threads) or of
    /// one thread (`by` = PID).
    fn query(&mut self, id: i32, by: u16) -> Result<Vec<u8>, Reason> {
        let mut payload = Vec::new();
        put_attr(&mut payload, by, &(id as u32).to_ne_bytes());
        let family = self.family;
        let reply = self.request(family, TASKSTATS_CMD_GET, &payload)?;
        let mut stats = None;
        attrs(reply, |kind, p| {
            if kind == TASKSTATS_TYPE_AGGR_TGID || kind == TASKSTATS_TYPE_AGGR_PID {
                attrs(p, |k, inner| {
                    if k == TASKSTATS_TYPE_STATS {
                        stats = Some(inner.to_vec());
                    }
                });
            }
        });
        stats.ok_or(Reason::Error)
    }

    /// Sends one generic-netlink request and returns the attributes of its reply.
    fn request(&mut self, family: u16, cmd: u8, payload: &[u8]) -> Result<&[u8], Reason> {
        self.seq = self.seq.wrapping_add(1);
        let len = 16 + 4 + payload.len();
        let mut msg = Vec::with_capacity(len);
        msg.extend_from_slice(&(len as u32).to_ne_bytes());
        msg.extend_from_slice(&family.to_ne_bytes());
        msg.extend_from_slice(&(libc::NLM_F_REQUEST as u16).to_ne_bytes());
        msg.extend_from_slice(&self.seq.to_ne_bytes());
        msg.extend_from_slice(&0u32.to_ne_bytes());
        msg.extend_from_slice(&[cmd, 1, 0, 0]);
        msg.extend_from_slice(payload);
        let mut addr: libc::sockaddr_nl = unsafe_zeroed_nl();
        addr.nl_family = libc::AF_NETLINK as u16;
        // SAFETY: `msg` and `addr` are valid for the lengths given.
        let sent = unsafe {
            libc::sendto(
                self.fd.as_raw_fd(),
                msg.as_ptr().cast(),
                msg.len(),
                0,
                (&addr as *const libc::sockaddr_nl).cast(),
                std::mem::size_of::<libc::sockaddr_nl>() as libc::socklen_t,
            )
        };
        if sent < 0 {
            return Err(errno_reason(last_errno()));
        }
        loop {
            // SAFETY: `buf` is writable for its length.
            let n = unsafe { libc::recv(self.fd.as_raw_fd(), self.buf.as_mut_ptr().cast(), self.buf.len(), 0) };
            if n < 0 {
                let e = last_errno();
                if e == libc::EINTR {
                    continue;
                }
                return Err(if e == libc::EAGAIN { Reason::TimedOut } else { errno_reason(e) });
            }
            let n = n as usize;
            if n < 16 {
                return Err(Reason::Error);
            }
            let msg_len = (u32::from_ne_bytes(self.buf[0..4].try_into().unwrap_or([0; 4])) as usize).min(n);
            let kind = u16::from_ne_bytes([self.buf[4], self.buf[5]]);
            let seq = u32::from_ne_bytes(self.buf[8..12].try_into().unwrap_or([0; 4]));
            if seq != self.seq {
                continue; // a stale reply to an earlier, timed-out request
            }
            if kind == libc::NLMSG_ERROR as u16 {
                let code = self.buf.get(16..20).map_or(0, |b| i32::from_ne_bytes(b.try_into().unwrap_or([0; 4])));
                return Err(errno_reason(-code));
            }
            if msg_len < 20 {
                return Err(Reason::Error);
            }
            return Ok(&self.buf[20..msg_len]);
        }
    }
}

fn unsafe_zeroed_nl() -> libc::sockaddr_nl {
    // SAFETY: sockaddr_nl is plain data; all-zero is a valid value.
    unsafe { std::mem::zeroed() }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decode_respects_struct_length() {
        let mut s = vec![0u8; 352];
        s[OFF_CPU_DELAY..OFF_CPU_DELAY + 8].copy_from_slice(&7u64.to_ne_bytes());
        s[OFF_THRASHING_DELAY..OFF_THRASHING_DELAY + 8].copy_from_slice(&9u64.to_ne_bytes());
        let d = decode(&s);
        assert_eq!((d.cpu_delay_total_ns, d.thrashing_delay_total_ns), (7, Some(9)));
        assert_eq!(d.compact_count, None);
        assert_eq!(decode(&[]).cpu_count, 0);
    }

    /// Checks the offsets against the kernel: the main thread's pid and voluntary context
    /// switches must appear where `struct taskstats` puts them (per-thread answers carry
    /// them; per-process aggregates leave them zero). Skipped without CAP_NET_ADMIN.
    #[test]
    fn offsets_match_the_running_kernel() {
        let Ok(mut conn) = Conn::open() else { return };
        let me = std::process::id() as i32;
        let stats = match conn.query(me, TASKSTATS_CMD_ATTR_PID) {
            Ok(s) => s,
            Err(Reason::PermissionDenied | Reason::NotSupported) => return,
            Err(r) => panic!("taskstats query failed: {r}"),
        };
        let u32_at = |o: usize| u32::from_ne_bytes(stats[o..o + 4].try_into().unwrap());
        assert_eq!(u32_at(OFF_AC_PID), me as u32, "ac_pid");
        let nvcsw = u64::from_ne_bytes(stats[OFF_NVCSW..OFF_NVCSW + 8].try_into().unwrap());
        let status = std::fs::read_to_string("/proc/self/status").unwrap();
        let vol: u64 = status
            .lines()
            .find_map(|l| l.strip_prefix("voluntary_ctxt_switches:"))
            .map(|v| v.trim().parse().unwrap())
            .unwrap();
        // The main thread may switch between the two reads: the count only grows.
        assert!(nvcsw <= vol && vol - nvcsw < 100, "nvcsw {nvcsw} vs status {vol}");
    }

    #[test]
    fn attribute_walk_stops_on_bad_lengths() {
        let mut m = Vec::new();
        put_attr(&mut m, 1, &[1, 2, 3]);
        put_attr(&mut m, 2, &[4]);
        m.extend_from_slice(&[200, 0, 3, 0]);
        let mut seen = Vec::new();
        attrs(&m, |k, p| seen.push((k, p.to_vec())));
        assert_eq!(seen, vec![(1, vec![1, 2, 3]), (2, vec![4])]);
    }
}
