//! sock_diag (`NETLINK_SOCK_DIAG`): dump requests for every socket family, and decoders
//! of the replies into libprobe's socket records.
//!
//! - **inet_diag** (TCP, UDP, UDP-Lite, raw; `include/uapi/linux/inet_diag.h`): TCP is asked
//!   first with the older `TCPDIAG_GETSOCK` request, which dumps both families in one walk;
//!   otherwise, and for the other protocols, request
//!   `inet_diag_req_v2 { u8 family, protocol, ext, raw_protocol; u32 states; sockid }`,
//!   reply `inet_diag_msg { u8 family, state, timer, retrans; sockid { be16 sport, dport;
//!   be32 src[4], dst[4]; u32 if, cookie[2] }; u32 expires_ms, rqueue, wqueue, uid, inode }`
//!   and attributes: `INET_DIAG_INFO` (`struct tcp_info`), `INET_DIAG_CONG` (the
//!   congestion algorithm), `INET_DIAG_SKMEMINFO`, `INET_DIAG_SHUTDOWN`. A listening
//!   socket's `rqueue` is its accept queue and `wqueue` its backlog limit. TIME_WAIT and
//!   request sockets carry no attributes and inode 0. A raw socket's `sport` is its
//!   protocol number.
//! - **unix_diag** (`linux/unix_diag.h`): `unix_diag_msg { u8 family, type, state, pad;
//!   u32 ino; u32 cookie[2] }`, attributes name (a path with its NUL, or an abstract name
//!   starting with NUL), VFS inode, peer, pending connections, queue lengths, memory, uid.
//! - **netlink_diag** (`linux/netlink_diag.h`): `netlink_diag_msg { u8 family, type,
//!   protocol, state; u32 portid, dst_portid, dst_group, ino; u32 cookie[2] }`, groups
//!   bitmap, memory.
//! - **packet_diag** (`linux/packet_diag.h`): `packet_diag_msg { u8 family, type; u16
//!   num; u32 ino; u32 cookie[2] }` (`num`, the protocol, in host order), info (interface,
//!   running), uid, memory.
//!
//! The kernel walks its hash tables in batches between our reads; a socket that closes
//! meanwhile is simply not reported, and one that moved may be reported twice, so the
//! collector keeps the first row per cookie. Fields are in host order except the ports and
//! addresses of `sockid` (network order, decoded here).

use crate::error::ParseError;
use crate::model::{Field, Reason};
use crate::network::{
    AddressFamily, NetlinkSocket, PacketSocket, RawSocket, SocketMemory, TcpConnection, TcpInfo, TcpState,
    UdpConnection, UnixSocket, UnixState, ip_text, netlink_protocol_name,
};
use crate::parse::Problems;
use crate::sys::imp::procfs::{net_packet, net_unix};
use crate::text::ByteStr;

use super::netlink::{Bytes, Request, attrs, cstr};

const SOCK_DIAG_BY_FAMILY: u16 = 20;
const TCPDIAG_GETSOCK: u16 = 18;
const NETLINK_SOCK_DIAG: i32 = 4;
const AF_UNIX: u8 = 1;
const AF_INET: u8 = 2;
const AF_INET6: u8 = 10;
const AF_NETLINK: u8 = 16;
const AF_PACKET: u8 = 17;

pub(crate) const IPPROTO_TCP: u8 = 6;
pub(crate) const IPPROTO_UDP: u8 = 17;
pub(crate) const IPPROTO_UDPLITE: u8 = 136;
pub(crate) const IPPROTO_RAW: u8 = 255;

// inet_diag attributes and the `ext` bits that ask for them.
const INET_DIAG_INFO: u16 = 2;
const INET_DIAG_CONG: u16 = 4;
const INET_DIAG_SKMEMINFO: u16 = 7;
const INET_DIAG_SHUTDOWN: u16 = 8;
const INET_DIAG_PROTOCOL: u16 = 10;
const fn ext(attr: u16) -> u8 {
    1 << (attr - 1)
}

/// Every TCP state but `BOUND_INACTIVE` (13), which only sock_diag can list and which
/// costs a walk of the whole bind hash table: the kernel's own tables and `ss -a` show the
/// same set.
const TCP_STATES: u32 = 0x1ffe;
const ALL_STATES: u32 = u32::MAX;

/// The inet_diag dump of `protocol` over `family`. TCP asks for `tcp_info`, the congestion
/// algorithm, memory and shutdown state when `tcp_info` is set; UDP and raw sockets for
/// memory (their drop counter) and shutdown state.
pub(crate) fn inet_request(family: AddressFamily, protocol: u8, tcp_info: bool) -> Request {
    let (fam, v) = match family {
        AddressFamily::Ipv4 => (AF_INET, "4"),
        AddressFamily::Ipv6 => (AF_INET6, "6"),
    };
    let (ext_bits, states) = match protocol {
        IPPROTO_TCP if tcp_info => {
            (ext(INET_DIAG_INFO) | ext(INET_DIAG_CONG) | ext(INET_DIAG_SKMEMINFO) | ext(INET_DIAG_SHUTDOWN), TCP_STATES)
        }
        IPPROTO_TCP => (0, TCP_STATES),
        _ => (ext(INET_DIAG_SKMEMINFO) | ext(INET_DIAG_SHUTDOWN), ALL_STATES),
    };
    let name = match (protocol, v) {
        (IPPROTO_TCP, "4") => "sock_diag-tcp4",
        (IPPROTO_TCP, _) => "sock_diag-tcp6",
        (IPPROTO_UDP, "4") => "sock_diag-udp4",
        (IPPROTO_UDP, _) => "sock_diag-udp6",
        (IPPROTO_UDPLITE, "4") => "sock_diag-udplite4",
        (IPPROTO_UDPLITE, _) => "sock_diag-udplite6",
        (_, "4") => "sock_diag-raw4",
        _ => "sock_diag-raw6",
    };
    let mut body = vec![fam, protocol, ext_bits, 0];
    if protocol == IPPROTO_RAW {
        // raw_diag reads the protocol to match from the pad byte; IPPROTO_RAW matches all.
        body[3] = IPPROTO_RAW;
    }
    body.extend_from_slice(&states.to_ne_bytes());
    body.extend_from_slice(&[0; 48]);
    Request { name, protocol: NETLINK_SOCK_DIAG, ty: SOCK_DIAG_BY_FAMILY, body }
}

/// One dump of every TCP socket, IPv4 and IPv6 together: the older `TCPDIAG_GETSOCK` request
/// (`struct inet_diag_req`: family, source and destination prefix lengths, `ext`, `sockid`,
/// states, `dbs`), which the kernel answers with the same replies while walking its hash
/// tables once instead of once per family.
pub(crate) fn inet_both_request(tcp_info: bool) -> Request {
    let ext_bits = if tcp_info {
        ext(INET_DIAG_INFO) | ext(INET_DIAG_CONG) | ext(INET_DIAG_SKMEMINFO) | ext(INET_DIAG_SHUTDOWN)
    } else {
        0
    };
    let mut body = vec![0, 0, 0, ext_bits];
    body.extend_from_slice(&[0; 48]);
    body.extend_from_slice(&TCP_STATES.to_ne_bytes());
    body.extend_from_slice(&0u32.to_ne_bytes());
    Request { name: "sock_diag-tcp", protocol: NETLINK_SOCK_DIAG, ty: TCPDIAG_GETSOCK, body }
}

/// The unix_diag dump: every socket with name, VFS inode, peer, pending connections,
/// queues, memory and uid.
pub(crate) fn unix_request() -> Request {
    let show: u32 = 0x1 | 0x2 | 0x4 | 0x8 | 0x10 | 0x20 | 0x40;
    let mut body = vec![AF_UNIX, 0, 0, 0];
    body.extend_from_slice(&ALL_STATES.to_ne_bytes());
    body.extend_from_slice(&0u32.to_ne_bytes());
    body.extend_from_slice(&show.to_ne_bytes());
    body.extend_from_slice(&[0; 8]);
    Request { name: "sock_diag-unix", protocol: NETLINK_SOCK_DIAG, ty: SOCK_DIAG_BY_FAMILY, body }
}

/// The netlink_diag dump of every netlink family, with groups, memory and flags.
pub(crate) fn netlink_request() -> Request {
    let show: u32 = 0x1 | 0x2 | 0x8;
    let mut body = vec![AF_NETLINK, 255, 0, 0];
    body.extend_from_slice(&0u32.to_ne_bytes());
    body.extend_from_slice(&show.to_ne_bytes());
    body.extend_from_slice(&[0; 8]);
    Request { name: "sock_diag-netlink", protocol: NETLINK_SOCK_DIAG, ty: SOCK_DIAG_BY_FAMILY, body }
}

/// The packet_diag dump, with info and memory.
pub(crate) fn packet_request() -> Request {
    let show: u32 = 0x1 | 0x10;
    let mut body = vec![AF_PACKET, 0, 0, 0];
    body.extend_from_slice(&0u32.to_ne_bytes());
    body.extend_from_slice(&show.to_ne_bytes());
    body.extend_from_slice(&[0; 8]);
    Request { name: "sock_diag-packet", protocol: NETLINK_SOCK_DIAG, ty: SOCK_DIAG_BY_FAMILY, body }
}

/// One inet_diag reply, decoded, attributes by reference.
#[derive(Debug, Clone, Copy)]
pub(crate) struct InetDiag<'a> {
    pub family: AddressFamily,
    pub state: u8,
    pub timer: u8,
    pub retrans: u8,
    pub sport: u16,
    pub dport: u16,
    pub src: [u8; 16],
    pub dst: [u8; 16],
    pub ifindex: u32,
    pub cookie: u64,
    pub expires_ms: u32,
    pub rqueue: u32,
    pub wqueue: u32,
    pub uid: u32,
    pub inode: u32,
    pub info: Option<&'a [u8]>,
    pub cong: Option<&'a [u8]>,
    pub skmem: Option<&'a [u8]>,
    pub shutdown: Option<u8>,
    pub protocol: Option<u8>,
}

const INET_DIAG_MSG_LEN: usize = 72;

pub(crate) fn decode_inet(payload: &[u8]) -> Result<InetDiag<'_>, ParseError> {
    let b = Bytes(payload);
    if payload.len() < INET_DIAG_MSG_LEN {
        return Err(ParseError::malformed("inet_diag_msg shorter than 72 bytes"));
    }
    let family = match b.u8(0) {
        Some(AF_INET) => AddressFamily::Ipv4,
        Some(AF_INET6) => AddressFamily::Ipv6,
        _ => return Err(ParseError::invalid("idiag_family")),
    };
    let missing = || ParseError::malformed("inet_diag_msg");
    let mut d = InetDiag {
        family,
        state: b.u8(1).ok_or_else(missing)?,
        timer: b.u8(2).ok_or_else(missing)?,
        retrans: b.u8(3).ok_or_else(missing)?,
        sport: b.u16_be(4).ok_or_else(missing)?,
        dport: b.u16_be(6).ok_or_else(missing)?,
        src: b.arr::<16>(8).ok_or_else(missing)?,
        dst: b.arr::<16>(24).ok_or_else(missing)?,
        ifindex: b.u32(40).ok_or_else(missing)?,
        cookie: u64::from(b.u32(44).ok_or_else(missing)?) | u64::from(b.u32(48).ok_or_else(missing)?) << 32,
        expires_ms: b.u32(52).ok_or_else(missing)?,
        rqueue: b.u32(56).ok_or_else(missing)?,
        wqueue: b.u32(60).ok_or_else(missing)?,
        uid: b.u32(64).ok_or_else(missing)?,
        inode: b.u32(68).ok_or_else(missing)?,
        info: None,
        cong: None,
        skmem: None,
        shutdown: None,
        protocol: None,
    };
    if family == AddressFamily::Ipv4 {
        // Only the first word is the address; the kernel leaves the rest as it was.
        d.src[4..].fill(0);
        d.dst[4..].fill(0);
    }
    for a in attrs(&payload[INET_DIAG_MSG_LEN..]) {
        let (ty, v) = a?;
        match ty {
            INET_DIAG_INFO => d.info = Some(v),
            INET_DIAG_CONG => d.cong = Some(v),
            INET_DIAG_SKMEMINFO => d.skmem = Some(v),
            INET_DIAG_SHUTDOWN => d.shutdown = v.first().copied(),
            INET_DIAG_PROTOCOL => d.protocol = v.first().copied(),
            _ => {}
        }
    }
    Ok(d)
}

/// `SK_MEMINFO_*` (8 words, 9 with drops since 4.6).
pub(crate) fn decode_skmem(v: &[u8]) -> Result<SocketMemory, ParseError> {
    let b = Bytes(v);
    let w = |i: usize| b.u32(i * 4).ok_or(ParseError::malformed("sk_meminfo shorter than 8 words"));
    Ok(SocketMemory {
        rmem_alloc: w(0)?,
        rcvbuf: w(1)?,
        wmem_alloc: w(2)?,
        sndbuf: w(3)?,
        fwd_alloc: w(4)?,
        wmem_queued: w(5)?,
        optmem: w(6)?,
        backlog: w(7)?,
        drops: b.u32(32).map_or(Field::Missing(Reason::NotSupported), Field::Value),
    })
}

/// `struct tcp_info` up to the fields of Linux 6.7; `None` when shorter than the 4.9
/// layout (168 bytes), which every field here not wrapped in `Field` needs.
pub(crate) fn decode_tcp_info(v: &[u8]) -> Option<TcpInfo> {
    if v.len() < 168 {
        return None;
    }
    let b = Bytes(v);
    let u8_ = |o| b.u8(o).unwrap_or(0);
    let u32_ = |o| b.u32(o).unwrap_or(0);
    let u64_ = |o| b.u64(o).unwrap_or(0);
    let f32_ = |o| b.u32(o).map_or(Field::Missing(Reason::NotSupported), Field::Value);
    let f64_ = |o| b.u64(o).map_or(Field::Missing(Reason::NotSupported), Field::Value);
    let wscale = u8_(6);
    Some(TcpInfo {
        ca_state: u8_(1),
        retransmits: u8_(2),
        probes: u8_(3),
        backoff: u8_(4),
        options: u8_(5),
        snd_wscale: wscale & 0x0f,
        rcv_wscale: wscale >> 4,
        rto_us: u32_(8),
        ato_us: u32_(12),
        snd_mss: u32_(16),
        rcv_mss: u32_(20),
        unacked: u32_(24),
        sacked: u32_(28),
        lost: u32_(32),
        retrans: u32_(36),
        last_data_sent_ms: u32_(44),
        last_data_recv_ms: u32_(52),
        last_ack_recv_ms: u32_(56),
        pmtu: u32_(60),
        rcv_ssthresh: u32_(64),
        rtt_us: u32_(68),
        rttvar_us: u32_(72),
        snd_ssthresh: u32_(76),
        snd_cwnd: u32_(80),
        advmss: u32_(84),
        reordering: u32_(88),
        rcv_rtt_us: u32_(92),
        rcv_space: u32_(96),
        total_retrans: u32_(100),
        pacing_rate: u64_(104),
        max_pacing_rate: u64_(112),
        bytes_acked: u64_(120),
        bytes_received: u64_(128),
        segs_out: u32_(136),
        segs_in: u32_(140),
        notsent_bytes: u32_(144),
        min_rtt_us: u32_(148),
        data_segs_in: u32_(152),
        data_segs_out: u32_(156),
        delivery_rate: u64_(160),
        busy_time_us: f64_(168),
        rwnd_limited_us: f64_(176),
        sndbuf_limited_us: f64_(184),
        delivered: f32_(192),
        delivered_ce: f32_(196),
        bytes_sent: f64_(200),
        bytes_retrans: f64_(208),
        dsack_dups: f32_(216),
        reord_seen: f32_(220),
        rcv_ooopack: f32_(224),
        snd_wnd: f32_(228),
        rcv_wnd: f32_(232),
        rehash: f32_(236),
        total_rto: b.u16(240).map_or(Field::Missing(Reason::NotSupported), |v| Field::Value(u32::from(v))),
        total_rto_recoveries: b.u16(242).map_or(Field::Missing(Reason::NotSupported), |v| Field::Value(u32::from(v))),
        total_rto_time_ms: f32_(244),
    })
}

/// Milliseconds as clock ticks (what `/proc/net/tcp` prints). A count that does not fit
/// (a timer ms × ticks past `u32::MAX`, a fixture's absurd tick rate) is `error` with a
/// problem quoting the milliseconds, never the largest value.
fn ms_to_ticks(ms: u32, ticks_per_s: u64, problems: &mut Problems) -> Field<u32> {
    match u64::from(ms).checked_mul(ticks_per_s).and_then(|t| u32::try_from(t / 1000).ok()) {
        Some(t) => Field::Value(t),
        None => {
            problems.push(ParseError::overflow("timer_jiffies").quoting(format!("{ms} ms").as_bytes()));
            Field::Missing(Reason::Error)
        }
    }
}

fn owners_pending<T>() -> Field<T> {
    Field::Missing(Reason::Disabled)
}

/// A present attribute decoded, an absent one `not_present` (the kernel sends none for
/// this socket), a malformed one an error.
fn attr<T>(v: Option<&[u8]>, decode: impl FnOnce(&[u8]) -> Result<T, ParseError>) -> Result<Field<T>, ParseError> {
    match v {
        Some(v) => decode(v).map(Field::Value),
        None => Ok(Field::Missing(Reason::NotPresent)),
    }
}

/// One TCP socket; a value that does not fit is that field's `error`, with a problem in
/// `problems`.
pub(crate) fn tcp_connection(
    d: &InetDiag<'_>,
    ticks_per_s: u64,
    problems: &mut Problems,
) -> Result<TcpConnection, ParseError> {
    let state = TcpState::from_kernel(d.state);
    let listening = state == TcpState::Listen;
    let info = match d.info {
        Some(v) => decode_tcp_info(v).map_or(Field::Missing(Reason::NotSupported), Field::Value),
        None => Field::Missing(Reason::NotPresent),
    };
    // Only tcp_info has the probe count: without it, missing for the same reason.
    let probes = info.as_ref().map(|i| u32::from(i.probes));
    Ok(TcpConnection {
        family: d.family,
        local_addr: ip_text(d.family, &d.src),
        local_port: d.sport,
        remote_addr: ip_text(d.family, &d.dst),
        remote_port: d.dport,
        state,
        tx_queue: if listening { 0 } else { d.wqueue },
        rx_queue: d.rqueue,
        timer_active: d.timer,
        timer_jiffies: ms_to_ticks(d.expires_ms, ticks_per_s, problems),
        retransmits: Field::Value(d.retrans),
        uid: d.uid,
        timeout: probes,
        inode: u64::from(d.inode),
        pid: owners_pending(),
        process_name: owners_pending(),
        owners: owners_pending(),
        accept_backlog_max: if listening { Field::Value(d.wqueue) } else { Field::Missing(Reason::NotPresent) },
        bound_interface: bound(d.ifindex),
        cookie: Field::Value(d.cookie),
        congestion: attr(d.cong, |v| Ok(String::from_utf8_lossy(cstr(v)).into_owned()))?,
        shutdown: d.shutdown.map_or(Field::Missing(Reason::NotPresent), Field::Value),
        info,
        memory: attr(d.skmem, decode_skmem)?,
    })
}

fn bound(ifindex: u32) -> Field<u32> {
    if ifindex == 0 { Field::Missing(Reason::NotPresent) } else { Field::Value(ifindex) }
}

pub(crate) fn udp_connection(d: &InetDiag<'_>, lite: bool) -> Result<UdpConnection, ParseError> {
    let connected = d.dport != 0 || d.dst != [0; 16];
    let memory = attr(d.skmem, decode_skmem)?;
    let drops = match &memory {
        Field::Value(m) => m.drops,
        Field::Missing(r) => Field::Missing(*r),
    };
    Ok(UdpConnection {
        family: d.family,
        lite,
        local_addr: ip_text(d.family, &d.src),
        local_port: d.sport,
        remote_addr: connected.then(|| ip_text(d.family, &d.dst)),
        remote_port: connected.then_some(d.dport),
        tx_queue: d.wqueue,
        rx_queue: d.rqueue,
        uid: d.uid,
        inode: u64::from(d.inode),
        pid: owners_pending(),
        process_name: owners_pending(),
        owners: owners_pending(),
        drops,
        bound_interface: bound(d.ifindex),
        cookie: Field::Value(d.cookie),
        memory,
    })
}

pub(crate) fn raw_socket(d: &InetDiag<'_>) -> Result<RawSocket, ParseError> {
    let protocol = match d.protocol {
        Some(p) => p,
        // `sport` holds `htons(protocol)`.
        None => u8::try_from(d.sport).map_err(|_| ParseError::invalid("raw protocol"))?,
    };
    let drops = match attr(d.skmem, decode_skmem)? {
        Field::Value(m) => m.drops,
        Field::Missing(r) => Field::Missing(r),
    };
    Ok(RawSocket {
        family: d.family,
        local_addr: ip_text(d.family, &d.src),
        remote_addr: ip_text(d.family, &d.dst),
        protocol,
        tx_queue: d.wqueue,
        rx_queue: d.rqueue,
        uid: d.uid,
        inode: u64::from(d.inode),
        pid: owners_pending(),
        process_name: owners_pending(),
        owners: owners_pending(),
        drops,
        bound_interface: bound(d.ifindex),
        cookie: Field::Value(d.cookie),
    })
}

// unix_diag attributes.
const UNIX_DIAG_NAME: u16 = 0;
const UNIX_DIAG_VFS: u16 = 1;
const UNIX_DIAG_PEER: u16 = 2;
const UNIX_DIAG_ICONS: u16 = 3;
const UNIX_DIAG_RQLEN: u16 = 4;
const UNIX_DIAG_MEMINFO: u16 = 5;
const UNIX_DIAG_UID: u16 = 7;

pub(crate) fn unix_socket(payload: &[u8]) -> Result<UnixSocket, ParseError> {
    let b = Bytes(payload);
    if payload.len() < 16 || b.u8(0) != Some(AF_UNIX) {
        return Err(ParseError::malformed("unix_diag_msg"));
    }
    let ty = b.u8(1).unwrap_or(0);
    let state = match b.u8(2).unwrap_or(0) {
        1 => UnixState::Connected,
        7 => UnixState::Unconnected,
        10 => UnixState::Listening,
        _ => UnixState::Unknown,
    };
    let inode = b.u32(4).unwrap_or(0);
    let cookie = u64::from(b.u32(8).unwrap_or(0)) | u64::from(b.u32(12).unwrap_or(0)) << 32;
    let mut s = UnixSocket {
        path: ByteStr::default(),
        is_abstract: false,
        socket_type: Field::Value(net_unix::socket_type(u64::from(ty))),
        state: Field::Value(state),
        inode: u64::from(inode),
        pid: owners_pending(),
        process_name: owners_pending(),
        owners: owners_pending(),
        peer_inode: Field::Missing(Reason::NotPresent),
        rx_queue: Field::Missing(Reason::NotSupported),
        tx_queue: Field::Missing(Reason::NotSupported),
        uid: Field::Missing(Reason::NotSupported),
        vfs_inode: Field::Missing(Reason::NotPresent),
        pending_connections: Field::Missing(Reason::NotPresent),
        cookie: Field::Value(cookie),
        memory: Field::Missing(Reason::NotSupported),
    };
    for a in attrs(&payload[16..]) {
        let (ty, v) = a?;
        let vb = Bytes(v);
        match ty {
            UNIX_DIAG_NAME => match v.split_first() {
                Some((0, name)) => {
                    s.path = ByteStr::from(name);
                    s.is_abstract = true;
                }
                _ => s.path = ByteStr::from(cstr(v)),
            },
            UNIX_DIAG_VFS => {
                s.vfs_inode = Field::Value(u64::from(vb.u32(0).ok_or(ParseError::invalid("UNIX_DIAG_VFS"))?))
            }
            UNIX_DIAG_PEER => {
                let peer = vb.u32(0).ok_or(ParseError::invalid("UNIX_DIAG_PEER"))?;
                s.peer_inode =
                    if peer == 0 { Field::Missing(Reason::NotPresent) } else { Field::Value(u64::from(peer)) };
            }
            UNIX_DIAG_ICONS => {
                let n = v.len() / 4;
                s.pending_connections = Field::Value((0..n).filter_map(|i| vb.u32(i * 4).map(u64::from)).collect());
            }
            UNIX_DIAG_RQLEN => {
                s.rx_queue = Field::Value(vb.u32(0).ok_or(ParseError::invalid("UNIX_DIAG_RQLEN"))?);
                s.tx_queue = Field::Value(vb.u32(4).ok_or(ParseError::invalid("UNIX_DIAG_RQLEN"))?);
            }
            UNIX_DIAG_MEMINFO => s.memory = Field::Value(decode_skmem(v)?),
            UNIX_DIAG_UID => s.uid = Field::Value(vb.u32(0).ok_or(ParseError::invalid("UNIX_DIAG_UID"))?),
            _ => {}
        }
    }
    if s.state == Field::Value(UnixState::Listening) && !s.pending_connections.is_value() {
        s.pending_connections = Field::Value(Vec::new());
    }
    Ok(s)
}

const NETLINK_DIAG_MEMINFO: u16 = 0;
const NETLINK_DIAG_GROUPS: u16 = 1;

pub(crate) fn netlink_socket(payload: &[u8]) -> Result<NetlinkSocket, ParseError> {
    let b = Bytes(payload);
    if payload.len() < 28 || b.u8(0) != Some(AF_NETLINK) {
        return Err(ParseError::malformed("netlink_diag_msg"));
    }
    let protocol = u32::from(b.u8(2).unwrap_or(0));
    let cookie = u64::from(b.u32(20).unwrap_or(0)) | u64::from(b.u32(24).unwrap_or(0)) << 32;
    let mut s = NetlinkSocket {
        protocol,
        protocol_name: netlink_protocol_name(protocol),
        port_id: b.u32(4).unwrap_or(0),
        groups: 0,
        dst_port_id: Field::Value(b.u32(8).unwrap_or(0)),
        dst_group: Field::Value(b.u32(12).unwrap_or(0)),
        uid: Field::Missing(Reason::NotSupported),
        inode: u64::from(b.u32(16).unwrap_or(0)),
        pid: owners_pending(),
        process_name: owners_pending(),
        owners: owners_pending(),
        // Memory only comes with NETLINK_DIAG_MEMINFO.
        rx_queue: Field::Missing(Reason::NotPresent),
        tx_queue: Field::Missing(Reason::NotPresent),
        drops: Field::Missing(Reason::NotSupported),
        cookie: Field::Value(cookie),
    };
    for a in attrs(&payload[28..]) {
        let (ty, v) = a?;
        match ty {
            NETLINK_DIAG_GROUPS => s.groups = Bytes(v).u32(0).ok_or(ParseError::invalid("NETLINK_DIAG_GROUPS"))?,
            NETLINK_DIAG_MEMINFO => {
                let m = decode_skmem(v)?;
                s.rx_queue = Field::Value(m.rmem_alloc);
                s.tx_queue = Field::Value(m.wmem_alloc);
                s.drops = m.drops;
            }
            _ => {}
        }
    }
    Ok(s)
}

const PACKET_DIAG_INFO: u16 = 0;
const PACKET_DIAG_UID: u16 = 5;
const PACKET_DIAG_MEMINFO: u16 = 6;

pub(crate) fn packet_socket(payload: &[u8]) -> Result<PacketSocket, ParseError> {
    let b = Bytes(payload);
    if payload.len() < 16 || b.u8(0) != Some(AF_PACKET) {
        return Err(ParseError::malformed("packet_diag_msg"));
    }
    let cookie = u64::from(b.u32(8).unwrap_or(0)) | u64::from(b.u32(12).unwrap_or(0)) << 32;
    let mut s = PacketSocket {
        socket_type: Field::Value(net_packet::socket_type(u64::from(b.u8(1).unwrap_or(0)))),
        // Already in host order (`ntohs(po->num)`), unlike the inet ports.
        protocol: Field::Value(b.u16(2).unwrap_or(0)),
        // Each from an attribute asked for: one the kernel does not send is not supported.
        interface_index: Field::Missing(Reason::NotSupported),
        running: Field::Missing(Reason::NotSupported),
        rx_queue: Field::Missing(Reason::NotSupported),
        uid: Field::Missing(Reason::NotSupported),
        inode: u64::from(b.u32(4).unwrap_or(0)),
        pid: owners_pending(),
        process_name: owners_pending(),
        owners: owners_pending(),
        cookie: Field::Value(cookie),
    };
    for a in attrs(&payload[16..]) {
        let (ty, v) = a?;
        let vb = Bytes(v);
        match ty {
            PACKET_DIAG_INFO => {
                s.interface_index = Field::Value(vb.u32(0).ok_or(ParseError::invalid("PACKET_DIAG_INFO"))?);
                let flags = vb.u32(20).ok_or(ParseError::invalid("PACKET_DIAG_INFO"))?;
                s.running = Field::Value(flags & 1 != 0);
            }
            PACKET_DIAG_UID => s.uid = Field::Value(vb.u32(0).ok_or(ParseError::invalid("PACKET_DIAG_UID"))?),
            PACKET_DIAG_MEMINFO => s.rx_queue = Field::Value(decode_skmem(v)?.rmem_alloc),
            _ => {}
        }
    }
    Ok(s)
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use crate::sys::imp::network::netlink::push_attr;

    /// An inet_diag_msg as the kernel builds it.
    pub(crate) fn inet_msg(
        family: u8,
        state: u8,
        src: &[u8],
        sport: u16,
        dst: &[u8],
        dport: u16,
        inode: u32,
    ) -> Vec<u8> {
        let mut m = vec![family, state, 1, 2];
        m.extend_from_slice(&sport.to_be_bytes());
        m.extend_from_slice(&dport.to_be_bytes());
        let mut a = [0u8; 16];
        a[..src.len()].copy_from_slice(src);
        m.extend_from_slice(&a);
        let mut a = [0u8; 16];
        a[..dst.len()].copy_from_slice(dst);
        m.extend_from_slice(&a);
        m.extend_from_slice(&0u32.to_ne_bytes()); // if
        m.extend_from_slice(&0x1234u32.to_ne_bytes()); // cookie lo
        m.extend_from_slice(&0x1u32.to_ne_bytes()); // cookie hi
        m.extend_from_slice(&2500u32.to_ne_bytes()); // expires ms
        m.extend_from_slice(&3u32.to_ne_bytes()); // rqueue
        m.extend_from_slice(&128u32.to_ne_bytes()); // wqueue
        m.extend_from_slice(&1000u32.to_ne_bytes()); // uid
        m.extend_from_slice(&inode.to_ne_bytes());
        m
    }

    #[test]
    fn a_listening_tcp_socket_with_tcp_info() {
        let mut m = inet_msg(AF_INET, 10, &[127, 0, 0, 1], 8080, &[], 0, 4242);
        let mut info = vec![0u8; 248];
        info[3] = 2; // probes
        info[68..72].copy_from_slice(&1234u32.to_ne_bytes()); // rtt
        info[80..84].copy_from_slice(&10u32.to_ne_bytes()); // cwnd
        info[120..128].copy_from_slice(&99u64.to_ne_bytes()); // bytes_acked
        push_attr(&mut m, INET_DIAG_INFO, &info);
        push_attr(&mut m, INET_DIAG_CONG, b"cubic\0");
        push_attr(&mut m, INET_DIAG_SKMEMINFO, &[0u8; 36]);
        push_attr(&mut m, INET_DIAG_SHUTDOWN, &[0]);
        let d = decode_inet(&m).unwrap();
        let c = tcp_connection(&d, 100, &mut Problems::default()).unwrap();
        assert_eq!((c.local_addr.as_str(), c.local_port, c.state), ("127.0.0.1", 8080, TcpState::Listen));
        assert_eq!((c.rx_queue, c.tx_queue, c.accept_backlog_max), (3, 0, Field::Value(128)));
        assert_eq!((c.timer_jiffies, c.uid, c.inode, c.timeout), (Field::Value(250), 1000, 4242, Field::Value(2)));
        assert_eq!(c.cookie, Field::Value(0x1_0000_1234));
        assert_eq!(c.congestion, Field::Value("cubic".to_owned()));
        let i = c.info.value().unwrap();
        assert_eq!((i.rtt_us, i.snd_cwnd, i.bytes_acked), (1234, 10, 99));
        assert_eq!(i.total_rto_time_ms, Field::Value(0));
        assert_eq!(c.memory.value().unwrap().drops, Field::Value(0));
    }

    #[test]
    fn time_wait_ipv6_mapped_without_attributes() {
        let mapped = [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff, 10, 0, 0, 2];
        let m = inet_msg(AF_INET6, 6, &mapped, 5000, &mapped, 40000, 0);
        let c = tcp_connection(&decode_inet(&m).unwrap(), 100, &mut Problems::default()).unwrap();
        assert_eq!((c.family, c.local_addr.as_str()), (AddressFamily::Ipv6, "::ffff:10.0.0.2"));
        assert_eq!((c.state, c.inode, c.info.reason()), (TcpState::TimeWait, 0, Some(Reason::NotPresent)));
        assert_eq!((c.tx_queue, c.accept_backlog_max.reason()), (128, Some(Reason::NotPresent)));
    }

    #[test]
    fn a_timer_that_does_not_fit_in_ticks_is_an_error_not_clamped() {
        let m = inet_msg(AF_INET, 1, &[1, 2, 3, 4], 1, &[5, 6, 7, 8], 2, 9); // expires 2 500 ms
        let d = decode_inet(&m).unwrap();
        let mut problems = Problems::default();
        // 2 500 ms at 10^12 ticks a second is 2.5 × 10^12 ticks: past u32::MAX.
        let c = tcp_connection(&d, 1_000_000_000_000, &mut problems).unwrap();
        assert_eq!((c.timer_jiffies.reason(), c.inode, c.uid), (Some(Reason::Error), 9, 1000));
        let p: Vec<String> = problems.iter().map(ToString::to_string).collect();
        assert_eq!(p.len(), 1, "{p:?}");
        assert!(p[0].contains("timer_jiffies") && p[0].contains("2500 ms"), "{p:?}");
        // A tick rate past what ms × rate can hold in 64 bits: the same, no overflow.
        let mut problems = Problems::default();
        let c = tcp_connection(&d, u64::MAX, &mut problems).unwrap();
        assert_eq!((c.timer_jiffies.reason(), problems.iter().count()), (Some(Reason::Error), 1));
        // At 1 000 ticks a second it fits: 2 500 ticks, no problem.
        let mut problems = Problems::default();
        let c = tcp_connection(&d, 1000, &mut problems).unwrap();
        assert_eq!((c.timer_jiffies, problems.is_empty()), (Field::Value(2500), true));
    }

    #[test]
    fn a_short_tcp_info_is_not_supported_and_bad_memory_is_an_error() {
        let mut m = inet_msg(AF_INET, 1, &[1, 2, 3, 4], 1, &[5, 6, 7, 8], 2, 9);
        push_attr(&mut m, INET_DIAG_INFO, &[0; 104]);
        let c = tcp_connection(&decode_inet(&m).unwrap(), 100, &mut Problems::default()).unwrap();
        assert_eq!(c.info.reason(), Some(Reason::NotSupported));
        push_attr(&mut m, INET_DIAG_SKMEMINFO, &[0; 8]);
        assert!(tcp_connection(&decode_inet(&m).unwrap(), 100, &mut Problems::default()).is_err());
        assert!(decode_inet(&m[..71]).is_err());
        let mut bad = m.clone();
        bad[0] = 99;
        assert_eq!(decode_inet(&bad).unwrap_err().field(), Some("idiag_family"));
    }

    #[test]
    fn udp_and_raw() {
        let mut m = inet_msg(AF_INET, 7, &[127, 0, 0, 1], 53, &[], 0, 77);
        let mut mem = [0u8; 36];
        mem[32..].copy_from_slice(&5u32.to_ne_bytes());
        push_attr(&mut m, INET_DIAG_SKMEMINFO, &mem);
        let u = udp_connection(&decode_inet(&m).unwrap(), false).unwrap();
        assert_eq!((u.remote_addr, u.remote_port, u.drops), (None, None, Field::Value(5)));
        let r = raw_socket(&decode_inet(&inet_msg(AF_INET, 7, &[], 1, &[], 0, 78)).unwrap()).unwrap();
        assert_eq!((r.protocol, r.inode), (1, 78));
    }

    #[test]
    fn unix_with_name_peer_and_queues() {
        let mut m = vec![AF_UNIX, 1, 1, 0];
        m.extend_from_slice(&500u32.to_ne_bytes());
        m.extend_from_slice(&[7, 0, 0, 0, 0, 0, 0, 0]);
        push_attr(&mut m, UNIX_DIAG_NAME, b"\0lp-abstract");
        push_attr(&mut m, UNIX_DIAG_PEER, &501u32.to_ne_bytes());
        push_attr(&mut m, UNIX_DIAG_RQLEN, &[4, 0, 0, 0, 8, 0, 0, 0]);
        push_attr(&mut m, UNIX_DIAG_UID, &1000u32.to_ne_bytes());
        let s = unix_socket(&m).unwrap();
        assert_eq!(
            (s.path.as_bytes(), s.is_abstract, s.state),
            (&b"lp-abstract"[..], true, Field::Value(UnixState::Connected))
        );
        assert_eq!(
            (s.peer_inode, s.rx_queue, s.tx_queue, s.uid),
            (Field::Value(501), Field::Value(4), Field::Value(8), Field::Value(1000))
        );
        assert_eq!((s.inode, s.cookie, s.vfs_inode.reason()), (500, Field::Value(7), Some(Reason::NotPresent)));
        let mut p = vec![AF_UNIX, 1, 10, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0];
        push_attr(&mut p, UNIX_DIAG_NAME, b"/run/x.sock\0");
        let s = unix_socket(&p).unwrap();
        assert_eq!(
            (s.path.as_bytes(), s.is_abstract, s.pending_connections),
            (&b"/run/x.sock"[..], false, Field::Value(vec![]))
        );
        assert!(unix_socket(&p[..15]).is_err());
        push_attr(&mut p, UNIX_DIAG_PEER, &[1]);
        assert!(unix_socket(&p).is_err());
    }

    #[test]
    fn netlink_and_packet() {
        let mut n = vec![AF_NETLINK, 3, 0, 0];
        for v in [1234u32, 0, 0, 99, 5, 0] {
            n.extend_from_slice(&v.to_ne_bytes());
        }
        push_attr(&mut n, NETLINK_DIAG_GROUPS, &1u32.to_ne_bytes());
        let s = netlink_socket(&n).unwrap();
        assert_eq!((s.protocol_name.as_str(), s.port_id, s.inode, s.groups), ("route", 1234, 99, 1));
        let mut p = vec![AF_PACKET, 3];
        p.extend_from_slice(&3u16.to_ne_bytes());
        p.extend_from_slice(&321u32.to_ne_bytes());
        p.extend_from_slice(&[0; 8]);
        let mut info = Vec::new();
        for v in [2u32, 0, 0, 0, 0, 1] {
            info.extend_from_slice(&v.to_ne_bytes());
        }
        push_attr(&mut p, PACKET_DIAG_INFO, &info);
        push_attr(&mut p, PACKET_DIAG_UID, &0u32.to_ne_bytes());
        let s = packet_socket(&p).unwrap();
        assert_eq!(
            (s.protocol, s.interface_index, s.running, s.inode),
            (Field::Value(3), Field::Value(2), Field::Value(true), 321)
        );
        // No PACKET_DIAG_MEMINFO: the queue is not supported, not 0.
        assert_eq!((s.uid, s.rx_queue.reason()), (Field::Value(0), Some(Reason::NotSupported)));
    }
}
