//! A synchronous netlink client for dumps, and the walkers every decoder shares.
//!
//! Why hand-rolled: a dump here is one request and a stream of replies decoded in place
//! from the receive buffer, without allocating per message or per attribute — at 20 000
//! sockets the decoding must cost less than the kernel's own work. The rust-netlink packet
//! crates (pinned in the workspace) build owned messages with a `Vec` of attributes each,
//! and leave what libprobe needs most (`tcp_info`, ctnetlink counters and zone, ethtool
//! driver info) as raw bytes anyway, so one bounds-checked attribute walker serves every
//! family instead. Every decoder is a pure function over bytes, fuzzed like the `/proc`
//! parsers (`libprobe::fuzzing`).
//!
//! The transport is a `SOCK_RAW` netlink socket (`socket(AF_NETLINK, …)`), a 32 KiB
//! receive buffer (the most the kernel puts in one dump reply), and a receive timeout so
//! a kernel that never answers cannot hang a snapshot. On a fixture tree the replies come
//! from `<fixture>/netlink/<name>`, the bytes a capture received, through the same walker.
//!
//! Message layout (`include/uapi/linux/netlink.h`): `nlmsghdr { u32 len; u16 type; u16
//! flags; u32 seq; u32 pid }`, payload, padding to 4 bytes. Attributes: `nlattr { u16 len;
//! u16 type }`, payload, padding to 4; bit 15 of the type marks a nested attribute, bit 14
//! network byte order.

use std::os::fd::{AsRawFd, FromRawFd, OwnedFd};

use crate::error::{Error, ErrorKind, ParseError};
use crate::source::Source;

pub(crate) const NLMSG_ERROR: u16 = 2;
pub(crate) const NLMSG_DONE: u16 = 3;
pub(crate) const NLM_F_REQUEST: u16 = 0x1;
pub(crate) const NLM_F_DUMP: u16 = 0x300;
/// The dump was interrupted by a change of the table: rows may be missing or repeated.
pub(crate) const NLM_F_DUMP_INTR: u16 = 0x10;
const HDR: usize = 16;
const RECV_BUF: usize = 32 * 1024;
const RECV_TIMEOUT_S: i64 = 5;

/// One netlink message.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Msg<'a> {
    pub ty: u16,
    pub flags: u16,
    pub seq: u32,
    pub payload: &'a [u8],
}

/// The messages of a buffer, in order; a truncated or impossible header ends the walk
/// with an error.
pub(crate) fn messages(mut buf: &[u8]) -> impl Iterator<Item = Result<Msg<'_>, ParseError>> {
    std::iter::from_fn(move || {
        if buf.is_empty() {
            return None;
        }
        let Some(len) = buf.get(0..4).map(|b| u32::from_ne_bytes([b[0], b[1], b[2], b[3]]) as usize) else {
            buf = &[];
            return Some(Err(ParseError::malformed("truncated message header")));
        };
        if len < HDR || len > buf.len() {
            buf = &[];
            return Some(Err(ParseError::malformed("message length out of bounds")));
        }
        let msg = Msg {
            ty: u16::from_ne_bytes([buf[4], buf[5]]),
            flags: u16::from_ne_bytes([buf[6], buf[7]]),
            seq: u32::from_ne_bytes([buf[8], buf[9], buf[10], buf[11]]),
            payload: &buf[HDR..len],
        };
        buf = buf.get(align(len)..).unwrap_or(&[]);
        Some(Ok(msg))
    })
}

/// `n` rounded up to a multiple of 4.
pub(crate) fn align(n: usize) -> usize {
    n.saturating_add(3) & !3
}

/// The attributes of `buf`: `(type without the nested/byte-order bits, payload)`.
pub(crate) fn attrs(mut buf: &[u8]) -> impl Iterator<Item = Result<(u16, &[u8]), ParseError>> {
    std::iter::from_fn(move || {
        if buf.len() < 4 {
            // Trailing bytes shorter than a header are padding.
            return None;
        }
        let len = usize::from(u16::from_ne_bytes([buf[0], buf[1]]));
        let ty = u16::from_ne_bytes([buf[2], buf[3]]) & 0x3fff;
        if len < 4 || len > buf.len() {
            buf = &[];
            return Some(Err(ParseError::malformed("attribute length out of bounds")));
        }
        let payload = &buf[4..len];
        buf = buf.get(align(len)..).unwrap_or(&[]);
        Some(Ok((ty, payload)))
    })
}

/// Reads fixed-size fields of a payload, by offset, with bounds checks.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Bytes<'a>(pub &'a [u8]);

impl<'a> Bytes<'a> {
    pub(crate) fn u8(&self, off: usize) -> Option<u8> {
        self.0.get(off).copied()
    }
    pub(crate) fn u16(&self, off: usize) -> Option<u16> {
        self.arr::<2>(off).map(u16::from_ne_bytes)
    }
    pub(crate) fn u16_be(&self, off: usize) -> Option<u16> {
        self.arr::<2>(off).map(u16::from_be_bytes)
    }
    pub(crate) fn u32(&self, off: usize) -> Option<u32> {
        self.arr::<4>(off).map(u32::from_ne_bytes)
    }
    pub(crate) fn u32_be(&self, off: usize) -> Option<u32> {
        self.arr::<4>(off).map(u32::from_be_bytes)
    }
    pub(crate) fn i32(&self, off: usize) -> Option<i32> {
        self.arr::<4>(off).map(i32::from_ne_bytes)
    }
    pub(crate) fn u64(&self, off: usize) -> Option<u64> {
        self.arr::<8>(off).map(u64::from_ne_bytes)
    }
    pub(crate) fn u64_be(&self, off: usize) -> Option<u64> {
        self.arr::<8>(off).map(u64::from_be_bytes)
    }
    pub(crate) fn arr<const N: usize>(&self, off: usize) -> Option<[u8; N]> {
        self.0.get(off..off.checked_add(N)?)?.try_into().ok()
    }
}

/// A fixed-size attribute payload as a number of its width (u8/u16/u32/u64, host order).
pub(crate) fn uint(payload: &[u8]) -> Option<u64> {
    let b = Bytes(payload);
    match payload.len() {
        1 => b.u8(0).map(u64::from),
        2 => b.u16(0).map(u64::from),
        4 => b.u32(0).map(u64::from),
        8 => b.u64(0),
        _ => None,
    }
}

/// A NUL-terminated string attribute (the NUL and anything after it dropped).
pub(crate) use crate::parse::cstr;

/// A dump request: its netlink family, the message to send, and its name (for errors, and
/// the fixture file holding its replies).
#[derive(Debug, Clone)]
pub(crate) struct Request {
    pub name: &'static str,
    pub protocol: i32,
    pub ty: u16,
    pub body: Vec<u8>,
}

impl Request {
    /// Where errors about this dump point: `netlink:<name>`.
    pub(crate) fn path(&self) -> std::path::PathBuf {
        std::path::PathBuf::from(format!("netlink:{}", self.name))
    }

    /// The request as sent: header and body.
    fn bytes(&self, seq: u32) -> Vec<u8> {
        let len = HDR + self.body.len();
        let mut m = Vec::with_capacity(align(len));
        m.extend_from_slice(&(len as u32).to_ne_bytes());
        m.extend_from_slice(&self.ty.to_ne_bytes());
        m.extend_from_slice(&(NLM_F_REQUEST | NLM_F_DUMP).to_ne_bytes());
        m.extend_from_slice(&seq.to_ne_bytes());
        m.extend_from_slice(&0u32.to_ne_bytes());
        m.extend_from_slice(&self.body);
        m.resize(align(len), 0);
        m
    }
}

/// How a dump ended.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(crate) struct DumpEnd {
    /// The kernel flagged the dump as interrupted (the table changed under it).
    pub interrupted: bool,
    pub messages: usize,
}

/// Answers dump requests: the running kernel through netlink sockets (one per family,
/// opened on first use in the calling thread's network namespace), or a fixture tree's
/// recorded replies.
#[derive(Debug)]
pub(crate) struct Netlink<'s> {
    src: &'s Source,
    live: bool,
    sockets: Vec<(i32, Result<Conn, Error>)>,
    seq: u32,
}

#[derive(Debug)]
struct Conn {
    fd: OwnedFd,
    buf: Vec<u8>,
}

impl<'s> Netlink<'s> {
    pub(crate) fn new(src: &'s Source) -> Netlink<'s> {
        Netlink { src, live: !src.is_fixture(), sockets: Vec::new(), seq: 0 }
    }

    /// Runs `req` and calls `each` with every reply message but the final `NLMSG_DONE`.
    /// A kernel error (`NLMSG_ERROR`, or a negative status in `NLMSG_DONE`) becomes an
    /// [`Error`] naming the request; a reply that does not decode, a parse error naming it.
    pub(crate) fn dump(
        &mut self,
        req: &Request,
        mut each: impl FnMut(Msg<'_>) -> Result<(), ParseError>,
    ) -> Result<DumpEnd, Error> {
        self.seq = self.seq.wrapping_add(1);
        let seq = self.seq;
        if !self.live {
            let path = self.src.root_path(format!("/netlink/{}", req.name).as_bytes());
            let mut buf = Vec::new();
            self.src.read_into(&path, &mut buf).map_err(|e| {
                // No recorded reply: this capture did not have the dump.
                if e.kind() == ErrorKind::NotFound { e.with_kind(ErrorKind::Unsupported) } else { e }
            })?;
            let mut end = DumpEnd::default();
            return match replies(&buf, None, &mut end, &mut each) {
                Ok(_) => Ok(end),
                Err(e) => Err(e.into_error(req)),
            };
        }
        let conn = match self.sockets.iter_mut().position(|(p, _)| *p == req.protocol) {
            Some(i) => &mut self.sockets[i].1,
            None => {
                self.sockets.push((req.protocol, Conn::open(req.protocol).map_err(|e| Error::io(&req.path(), &e))));
                let last = self.sockets.len() - 1;
                &mut self.sockets[last].1
            }
        };
        let conn = conn.as_mut().map_err(|e| e.clone())?;
        conn.send(&req.bytes(seq)).map_err(|e| Error::io(&req.path(), &e))?;
        let mut end = DumpEnd::default();
        loop {
            let n = conn.recv().map_err(|e| Error::io(&req.path(), &e))?;
            match replies(&conn.buf[..n], Some(seq), &mut end, &mut each) {
                Ok(true) => return Ok(end),
                Ok(false) => {}
                Err(e) => {
                    // The rest of this dump is unread: drop the socket so the next request
                    // does not read its tail.
                    let err = e.into_error(req);
                    self.sockets.retain(|(p, _)| *p != req.protocol);
                    return Err(err);
                }
            }
        }
    }
}

/// Why a batch of replies stopped a dump.
enum Stop {
    Kernel(i32),
    Parse(ParseError),
}

impl Stop {
    fn into_error(self, req: &Request) -> Error {
        match self {
            Stop::Kernel(errno) => Error::errno(&req.path(), errno, std::io::ErrorKind::Other),
            Stop::Parse(e) => e.in_file(req.path()),
        }
    }
}

/// Handles one batch of replies; `Ok(true)` once the dump is done. `seq` filters replies
/// to other requests (none on a fixture).
fn replies(
    buf: &[u8],
    seq: Option<u32>,
    end: &mut DumpEnd,
    each: &mut impl FnMut(Msg<'_>) -> Result<(), ParseError>,
) -> Result<bool, Stop> {
    for msg in messages(buf) {
        let msg = msg.map_err(Stop::Parse)?;
        if seq.is_some_and(|s| s != msg.seq) {
            continue;
        }
        if msg.flags & NLM_F_DUMP_INTR != 0 {
            end.interrupted = true;
        }
        match msg.ty {
            NLMSG_DONE => {
                // Some families put a negative errno in DONE when the dump failed late.
                let status = Bytes(msg.payload).i32(0).unwrap_or(0);
                return if status < 0 { Err(Stop::Kernel(-status)) } else { Ok(true) };
            }
            NLMSG_ERROR => {
                let status = Bytes(msg.payload).i32(0).ok_or(Stop::Parse(ParseError::malformed("short error")))?;
                return if status < 0 { Err(Stop::Kernel(-status)) } else { Ok(true) };
            }
            _ => {
                end.messages += 1;
                each(msg).map_err(Stop::Parse)?;
            }
        }
    }
    Ok(false)
}

impl Conn {
    fn open(protocol: i32) -> std::io::Result<Conn> {
        // SAFETY: socket has no memory preconditions.
        let fd = unsafe { libc::socket(libc::AF_NETLINK, libc::SOCK_RAW | libc::SOCK_CLOEXEC, protocol) };
        if fd < 0 {
            return Err(std::io::Error::last_os_error());
        }
        // SAFETY: `fd` was just returned by socket and is owned by nobody else.
        let fd = unsafe { OwnedFd::from_raw_fd(fd) };
        let tv = libc::timeval { tv_sec: RECV_TIMEOUT_S, tv_usec: 0 };
        // SAFETY: `tv` is a valid timeval and the length matches it.
        let rc = unsafe {
            libc::setsockopt(
                fd.as_raw_fd(),
                libc::SOL_SOCKET,
                libc::SO_RCVTIMEO,
                (&raw const tv).cast(),
                std::mem::size_of::<libc::timeval>() as libc::socklen_t,
            )
        };
        if rc < 0 {
            return Err(std::io::Error::last_os_error());
        }
        // The kernel binds the socket to a port on the first send.
        Ok(Conn { fd, buf: vec![0; RECV_BUF] })
    }

    fn send(&self, msg: &[u8]) -> std::io::Result<()> {
        // SAFETY: a zeroed sockaddr_nl is the kernel's address (pid 0, no groups).
        let mut addr: libc::sockaddr_nl = unsafe { std::mem::zeroed() };
        addr.nl_family = libc::AF_NETLINK as libc::sa_family_t;
        loop {
            // SAFETY: `msg` is readable for its length; `addr` is a valid sockaddr_nl.
            let n = unsafe {
                libc::sendto(
                    self.fd.as_raw_fd(),
                    msg.as_ptr().cast(),
                    msg.len(),
                    0,
                    (&raw const addr).cast(),
                    std::mem::size_of::<libc::sockaddr_nl>() as libc::socklen_t,
                )
            };
            if n >= 0 {
                return Ok(());
            }
            let e = std::io::Error::last_os_error();
            if e.kind() != std::io::ErrorKind::Interrupted {
                return Err(e);
            }
        }
    }

    /// One datagram into `self.buf`; its length.
    fn recv(&mut self) -> std::io::Result<usize> {
        loop {
            // SAFETY: `buf` is writable for its length.
            let n = unsafe { libc::recv(self.fd.as_raw_fd(), self.buf.as_mut_ptr().cast(), self.buf.len(), 0) };
            if n >= 0 {
                return Ok(n as usize);
            }
            let e = std::io::Error::last_os_error();
            match e.raw_os_error() {
                Some(libc::EINTR) => continue,
                // SO_RCVTIMEO expired.
                Some(libc::EAGAIN) => return Err(std::io::Error::from_raw_os_error(libc::ETIMEDOUT)),
                _ => return Err(e),
            }
        }
    }
}

/// Builds messages (for tests that feed the decoders).
#[cfg(test)]
#[derive(Debug, Default, Clone)]
pub(crate) struct Builder {
    pub buf: Vec<u8>,
}

#[cfg(test)]
impl Builder {
    /// Appends a message of `ty` with `payload` (header and padding added).
    pub(crate) fn msg(&mut self, ty: u16, flags: u16, payload: &[u8]) -> &mut Self {
        let len = HDR + payload.len();
        self.buf.extend_from_slice(&(len as u32).to_ne_bytes());
        self.buf.extend_from_slice(&ty.to_ne_bytes());
        self.buf.extend_from_slice(&flags.to_ne_bytes());
        self.buf.extend_from_slice(&[0; 8]);
        self.buf.extend_from_slice(payload);
        self.buf.resize(align(self.buf.len()), 0);
        self
    }
}

/// Appends attribute `ty` with `payload` to `out`, padded.
#[cfg(test)]
pub(crate) fn push_attr(out: &mut Vec<u8>, ty: u16, payload: &[u8]) {
    out.extend_from_slice(&((4 + payload.len()) as u16).to_ne_bytes());
    out.extend_from_slice(&ty.to_ne_bytes());
    out.extend_from_slice(payload);
    out.resize(align(out.len()), 0);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn messages_and_attributes_round_trip() {
        let mut attrs_buf = Vec::new();
        push_attr(&mut attrs_buf, 3, b"eth0\0");
        push_attr(&mut attrs_buf, 4 | 0x8000, &1500u32.to_ne_bytes());
        let mut b = Builder::default();
        b.msg(16, 2, &attrs_buf).msg(NLMSG_DONE, 2, &0i32.to_ne_bytes());
        let msgs: Vec<_> = messages(&b.buf).collect::<Result<_, _>>().unwrap();
        assert_eq!((msgs.len(), msgs[0].ty, msgs[1].ty), (2, 16, NLMSG_DONE));
        let a: Vec<_> = attrs(msgs[0].payload).collect::<Result<_, _>>().unwrap();
        assert_eq!(a[0], (3, &b"eth0\0"[..]));
        assert_eq!((a[1].0, uint(a[1].1)), (4, Some(1500)));
        assert_eq!(cstr(a[0].1), b"eth0");
    }

    #[test]
    fn truncation_is_an_error_not_a_panic() {
        let mut b = Builder::default();
        b.msg(16, 0, &[1, 2, 3, 4, 5, 6, 7, 8]);
        for cut in 1..b.buf.len() {
            let r: Result<Vec<_>, _> = messages(&b.buf[..cut]).collect();
            assert!(r.is_err(), "cut at {cut}");
        }
        assert!(attrs(&[8, 0, 1, 0, 1]).next().unwrap().is_err());
        assert!(attrs(&[2, 0, 1, 0]).next().unwrap().is_err());
        assert_eq!(attrs(&[1, 2]).count(), 0);
        assert_eq!(Bytes(&[1, 2, 3]).u32(0), None);
        assert_eq!(Bytes(&[1, 2, 3]).u32(usize::MAX), None);
    }

    #[test]
    fn replies_stop_at_done_and_report_errors() {
        let mut b = Builder::default();
        b.msg(20, NLM_F_DUMP_INTR, &[0; 4]).msg(NLMSG_DONE, 0, &0i32.to_ne_bytes());
        let (mut end, mut seen) = (DumpEnd::default(), 0);
        assert!(matches!(
            replies(&b.buf, None, &mut end, &mut |_| {
                seen += 1;
                Ok(())
            }),
            Ok(true)
        ));
        assert_eq!((seen, end.interrupted, end.messages), (1, true, 1));
        let mut e = Builder::default();
        e.msg(NLMSG_ERROR, 0, &(-libc::ENOENT).to_ne_bytes());
        let req = Request { name: "sock_diag/inet/raw4", protocol: 4, ty: 20, body: vec![] };
        match replies(&e.buf, None, &mut end, &mut |_| Ok(())) {
            Err(stop) => {
                let err = stop.into_error(&req);
                assert_eq!(err.kind(), ErrorKind::NotFound);
                assert!(err.to_string().starts_with("not found in netlink:sock_diag/inet/raw4"), "{err}");
            }
            Ok(_) => panic!("an error reply must fail the dump"),
        }
    }
}
