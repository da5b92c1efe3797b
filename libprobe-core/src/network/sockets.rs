//! Socket records: one per row of each socket table (TCP with its `tcp_info`, UDP, Unix,
//! raw, netlink, packet), with their owners and buffer memory.

use libprobe_derive::{Record, RecordEnum};

use super::AddressFamily;
use crate::model::Field;
use crate::text::ByteStr;

/// A TCP state (`include/net/tcp_states.h`). Request sockets (`NEW_SYN_RECV`) are shown
/// as `syn_recv`, as the kernel's own tables do.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, RecordEnum)]
#[repr(u8)]
pub enum TcpState {
    Established = 1,
    SynSent = 2,
    SynRecv = 3,
    FinWait1 = 4,
    FinWait2 = 5,
    TimeWait = 6,
    Close = 7,
    CloseWait = 8,
    LastAck = 9,
    Listen = 10,
    Closing = 11,
    /// Bound to a port but neither listening nor connected (Linux 6.5+, sock_diag only).
    BoundInactive = 13,
    /// A state this version of libprobe does not know.
    Unknown = 0,
}

impl TcpState {
    /// The state for the kernel's number (`st` in `/proc/net/tcp`, `idiag_state`).
    pub fn from_kernel(n: u8) -> TcpState {
        match n {
            1 => TcpState::Established,
            2 => TcpState::SynSent,
            3 | 12 => TcpState::SynRecv,
            4 => TcpState::FinWait1,
            5 => TcpState::FinWait2,
            6 => TcpState::TimeWait,
            7 => TcpState::Close,
            8 => TcpState::CloseWait,
            9 => TcpState::LastAck,
            10 => TcpState::Listen,
            11 => TcpState::Closing,
            13 => TcpState::BoundInactive,
            _ => TcpState::Unknown,
        }
    }

    /// The snake_case name (`established`, `time_wait`).
    pub fn name(self) -> &'static str {
        crate::schema::EnumType::enum_value(&self).name
    }
}

/// One process holding a descriptor to a socket.
#[derive(Debug, Clone, PartialEq, Eq, Record)]
pub struct SocketOwner {
    pub pid: i32,
    /// The process's command name (`comm`).
    pub process_name: ByteStr,
    /// The descriptor number in that process.
    pub fd: i32,
}

/// Socket buffer memory (`INET_DIAG_SKMEMINFO`, `UNIX_DIAG_MEMINFO`, …: `SK_MEMINFO_*`).
#[derive(Debug, Clone, Copy, PartialEq, Record)]
pub struct SocketMemory {
    /// Memory holding received data not yet read.
    #[record(unit = "bytes")]
    pub rmem_alloc: u32,
    /// The receive buffer limit (`SO_RCVBUF`, doubled by the kernel).
    #[record(unit = "bytes")]
    pub rcvbuf: u32,
    /// Memory of sent data not yet freed by the device.
    #[record(unit = "bytes")]
    pub wmem_alloc: u32,
    /// The send buffer limit (`SO_SNDBUF`).
    #[record(unit = "bytes")]
    pub sndbuf: u32,
    /// Memory reserved but not yet used.
    #[record(unit = "bytes")]
    pub fwd_alloc: u32,
    /// Memory of data queued for sending (TCP: not yet acknowledged).
    #[record(unit = "bytes")]
    pub wmem_queued: u32,
    /// Memory for options and ancillary data.
    #[record(unit = "bytes")]
    pub optmem: u32,
    /// Memory of packets in the backlog (arrived while the socket was locked).
    #[record(unit = "bytes")]
    pub backlog: u32,
    /// Packets dropped because a buffer was full (Linux 4.6+; else `not_supported`).
    #[record(counter)]
    pub drops: Field<u32>,
}

/// TCP internals (`struct tcp_info`, as `getsockopt(TCP_INFO)` and `ss -i` give them).
///
/// Fields present since Linux 4.9 are plain; newer ones are `not_supported` on kernels
/// whose `tcp_info` is too short to hold them. Times are in the unit their name carries.
#[derive(Debug, Clone, PartialEq, Record)]
pub struct TcpInfo {
    /// Congestion-avoidance state: 0 open, 1 disorder, 2 CWR, 3 recovery, 4 loss.
    pub ca_state: u8,
    /// Retransmissions of the current segment not yet acknowledged.
    pub retransmits: u8,
    /// Unanswered zero-window or keepalive probes.
    pub probes: u8,
    /// Exponential backoff of the retransmission timer.
    pub backoff: u8,
    /// Options negotiated (`TCPI_OPT_*`: 1 timestamps, 2 SACK, 4 window scaling, 8 ECN,
    /// 16 ECN seen, 32 SYN data).
    pub options: u8,
    /// Send window scale shift.
    pub snd_wscale: u8,
    /// Receive window scale shift.
    pub rcv_wscale: u8,
    /// Retransmission timeout.
    #[record(unit = "us")]
    pub rto_us: u32,
    /// Delayed-ACK timeout.
    #[record(unit = "us")]
    pub ato_us: u32,
    /// Maximum segment size for sending.
    #[record(unit = "bytes")]
    pub snd_mss: u32,
    /// Maximum segment size seen from the peer.
    #[record(unit = "bytes")]
    pub rcv_mss: u32,
    /// Segments sent and not yet acknowledged (for a listening socket: the accept queue).
    pub unacked: u32,
    /// Segments selectively acknowledged (for a listening socket: the backlog limit).
    pub sacked: u32,
    /// Segments considered lost.
    pub lost: u32,
    /// Segments retransmitted and not yet acknowledged.
    pub retrans: u32,
    /// Time since data was last sent.
    #[record(unit = "ms")]
    pub last_data_sent_ms: u32,
    /// Time since data was last received.
    #[record(unit = "ms")]
    pub last_data_recv_ms: u32,
    /// Time since an acknowledgement was last received.
    #[record(unit = "ms")]
    pub last_ack_recv_ms: u32,
    /// Path MTU.
    #[record(unit = "bytes")]
    pub pmtu: u32,
    /// Receive slow-start threshold.
    pub rcv_ssthresh: u32,
    /// Smoothed round-trip time.
    #[record(unit = "us")]
    pub rtt_us: u32,
    /// Round-trip time variation.
    #[record(unit = "us")]
    pub rttvar_us: u32,
    /// Send slow-start threshold, in segments (2147483647 while in initial slow start).
    pub snd_ssthresh: u32,
    /// Congestion window, in segments.
    pub snd_cwnd: u32,
    /// Advertised maximum segment size.
    #[record(unit = "bytes")]
    pub advmss: u32,
    /// Reordering metric, in segments.
    pub reordering: u32,
    /// Receiver-side round-trip time estimate.
    #[record(unit = "us")]
    pub rcv_rtt_us: u32,
    /// Receive buffer space the socket autotunes towards.
    #[record(unit = "bytes")]
    pub rcv_space: u32,
    /// Segments retransmitted over the connection's life.
    #[record(counter)]
    pub total_retrans: u32,
    /// Current pacing rate.
    #[record(unit = "bytes/s")]
    pub pacing_rate: u64,
    /// The pacing rate cap (`SO_MAX_PACING_RATE`; `u64::MAX` when none).
    #[record(unit = "bytes/s")]
    pub max_pacing_rate: u64,
    /// Bytes acknowledged by the peer.
    #[record(unit = "bytes", counter)]
    pub bytes_acked: u64,
    /// Bytes received from the peer.
    #[record(unit = "bytes", counter)]
    pub bytes_received: u64,
    /// Segments sent, retransmissions included.
    #[record(counter)]
    pub segs_out: u32,
    /// Segments received.
    #[record(counter)]
    pub segs_in: u32,
    /// Bytes queued by the application and not yet sent.
    #[record(unit = "bytes")]
    pub notsent_bytes: u32,
    /// Minimum round-trip time seen.
    #[record(unit = "us")]
    pub min_rtt_us: u32,
    /// Segments carrying data received.
    #[record(counter)]
    pub data_segs_in: u32,
    /// Segments carrying data sent.
    #[record(counter)]
    pub data_segs_out: u32,
    /// Most recent delivery rate estimate.
    #[record(unit = "bytes/s")]
    pub delivery_rate: u64,
    /// Time with data outstanding (Linux 4.10+).
    #[record(unit = "us", counter)]
    pub busy_time_us: Field<u64>,
    /// Time limited by the receive window (4.10+).
    #[record(unit = "us", counter)]
    pub rwnd_limited_us: Field<u64>,
    /// Time limited by the send buffer (4.10+).
    #[record(unit = "us", counter)]
    pub sndbuf_limited_us: Field<u64>,
    /// Segments delivered, retransmissions included (4.18+).
    #[record(counter)]
    pub delivered: Field<u32>,
    /// Segments delivered with an ECN congestion mark (4.18+).
    #[record(counter)]
    pub delivered_ce: Field<u32>,
    /// Bytes sent, retransmissions included (4.19+).
    #[record(unit = "bytes", counter)]
    pub bytes_sent: Field<u64>,
    /// Bytes retransmitted (4.19+).
    #[record(unit = "bytes", counter)]
    pub bytes_retrans: Field<u64>,
    /// Duplicate segments reported by D-SACK (4.19+).
    #[record(counter)]
    pub dsack_dups: Field<u32>,
    /// Reordering events seen (4.19+).
    #[record(counter)]
    pub reord_seen: Field<u32>,
    /// Out-of-order packets received (5.4+).
    #[record(counter)]
    pub rcv_ooopack: Field<u32>,
    /// The peer's advertised receive window (5.4+).
    #[record(unit = "bytes")]
    pub snd_wnd: Field<u32>,
    /// Our advertised receive window (6.2+).
    #[record(unit = "bytes")]
    pub rcv_wnd: Field<u32>,
    /// Path rehashes after timeouts (6.2+).
    #[record(counter)]
    pub rehash: Field<u32>,
    /// Retransmission timeouts (6.7+).
    #[record(counter)]
    pub total_rto: Field<u32>,
    /// Recoveries from retransmission timeouts (6.7+).
    #[record(counter)]
    pub total_rto_recoveries: Field<u32>,
    /// Time spent in timeout recovery (6.7+).
    #[record(unit = "ms", counter)]
    pub total_rto_time_ms: Field<u32>,
}

/// One TCP socket (IPv4 or IPv6).
#[derive(Debug, Clone, PartialEq, Record)]
pub struct TcpConnection {
    pub family: AddressFamily,
    pub local_addr: String,
    pub local_port: u16,
    /// `0.0.0.0` or `::` when not connected.
    pub remote_addr: String,
    pub remote_port: u16,
    pub state: TcpState,
    /// Bytes sent and not yet acknowledged (0 for a listening socket).
    #[record(unit = "bytes")]
    pub tx_queue: u32,
    /// Bytes received and not yet read; for a listening socket, connections waiting to be
    /// accepted.
    #[record(unit = "bytes")]
    pub rx_queue: u32,
    /// The pending timer: 0 none, 1 retransmit (or probe), 2 keepalive, 3 TIME_WAIT,
    /// 4 zero-window probe.
    pub timer_active: u8,
    /// Time until the timer fires, in clock ticks (USER_HZ, see the system domain's
    /// `clock_ticks`), as `/proc/net/tcp` prints it.
    #[record(unit = "ticks")]
    pub timer_jiffies: Field<u32>,
    /// Unanswered retransmissions of the current segment (`icsk_retransmits`).
    pub retransmits: Field<u8>,
    /// The user that created the socket.
    pub uid: u32,
    /// Unanswered zero-window probes (`icsk_probes_out`: the `timeout` column of
    /// `/proc/net/tcp`; from sock_diag, only with `tcp_info`).
    pub timeout: Field<u32>,
    /// The socket's inode: 0 for TIME_WAIT and request sockets, which no process holds.
    pub inode: u64,
    /// The first owner's pid (see the module docs for the reasons it may be missing).
    pub pid: Field<i32>,
    /// The first owner's command name.
    pub process_name: Field<ByteStr>,
    /// Every process holding the socket, by pid.
    pub owners: Field<Vec<SocketOwner>>,
    /// For a listening socket, the accept backlog limit (`listen()`'s argument, capped by
    /// `somaxconn`; what `ss` shows as Send-Q). `not_present` for other states,
    /// `not_supported` from `/proc/net/tcp`.
    pub accept_backlog_max: Field<u32>,
    /// The interface the socket is bound to (`SO_BINDTODEVICE`, or an IPv6 scope);
    /// `not_present` when unbound.
    pub bound_interface: Field<u32>,
    /// The kernel's unique socket cookie (`SO_COOKIE`).
    pub cookie: Field<u64>,
    /// The congestion control algorithm (`cubic`, `bbr`, …).
    pub congestion: Field<String>,
    /// Shutdown state: bit 0 receive side shut down, bit 1 send side.
    pub shutdown: Field<u8>,
    /// Round-trip times, windows, counters (`not_present` for TIME_WAIT and request
    /// sockets, which keep no `tcp_info`).
    pub info: Field<TcpInfo>,
    /// Buffer memory.
    pub memory: Field<SocketMemory>,
}

/// One UDP or UDP-Lite socket (IPv4 or IPv6).
#[derive(Debug, Clone, PartialEq, Record)]
pub struct UdpConnection {
    pub family: AddressFamily,
    /// True for UDP-Lite (RFC 3828).
    pub lite: bool,
    pub local_addr: String,
    pub local_port: u16,
    /// The connected peer; `null` when the socket is not connected.
    pub remote_addr: Option<String>,
    pub remote_port: Option<u16>,
    /// Send buffer memory in use.
    #[record(unit = "bytes")]
    pub tx_queue: u32,
    /// Receive buffer memory in use.
    #[record(unit = "bytes")]
    pub rx_queue: u32,
    pub uid: u32,
    pub inode: u64,
    pub pid: Field<i32>,
    pub process_name: Field<ByteStr>,
    pub owners: Field<Vec<SocketOwner>>,
    /// Datagrams dropped (full buffer, bad checksum, filters).
    #[record(counter)]
    pub drops: Field<u32>,
    pub bound_interface: Field<u32>,
    pub cookie: Field<u64>,
    pub memory: Field<SocketMemory>,
}

/// The type of a Unix socket (`SOCK_*` values).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, RecordEnum)]
#[repr(u8)]
pub enum UnixSocketType {
    Stream = 1,
    Dgram = 2,
    Seqpacket = 5,
    Unknown = 0,
}

/// The state of a Unix socket (its `sk_state`: a Unix socket is only ever unconnected,
/// connected or listening).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, RecordEnum)]
#[repr(u8)]
pub enum UnixState {
    /// Not connected (a bound datagram socket, a stream socket before `connect`, or one
    /// whose peer closed).
    Unconnected = 1,
    Connected = 3,
    /// Listening for connections.
    Listening = 10,
    Unknown = 0,
}

/// One Unix domain socket.
#[derive(Debug, Clone, PartialEq, Record)]
pub struct UnixSocket {
    /// The bound name: a filesystem path, or an abstract name (then `is_abstract`, and the
    /// name without its leading NUL). Empty for an unbound socket. From `/proc/net/unix`,
    /// NUL bytes inside an abstract name read as `@`.
    pub path: ByteStr,
    /// True for a name in the abstract namespace (`ss` shows it with a leading `@`).
    pub is_abstract: bool,
    /// `error` when `/proc/net/unix` has a `Type` that does not parse.
    pub socket_type: Field<UnixSocketType>,
    /// `error` when `/proc/net/unix` has a `Flags` or `St` that does not parse (the state
    /// comes from both).
    pub state: Field<UnixState>,
    pub inode: u64,
    pub pid: Field<i32>,
    pub process_name: Field<ByteStr>,
    pub owners: Field<Vec<SocketOwner>>,
    /// The inode of the connected peer: `not_present` when not connected,
    /// `not_supported` from `/proc/net/unix`.
    pub peer_inode: Field<u64>,
    /// Data queued for reading; for a listening socket, connections waiting to be accepted.
    pub rx_queue: Field<u32>,
    /// Data queued for sending; for a listening socket, the backlog limit.
    pub tx_queue: Field<u32>,
    /// The user that created the socket (Linux 5.3+ with sock_diag).
    pub uid: Field<u32>,
    /// The inode of the socket file a path is bound to (`not_present` for abstract and
    /// unbound sockets).
    pub vfs_inode: Field<u64>,
    /// For a listening socket, the client sockets (their inodes) whose connections wait to
    /// be accepted.
    pub pending_connections: Field<Vec<u64>>,
    pub cookie: Field<u64>,
    pub memory: Field<SocketMemory>,
}

/// One raw IP socket (`SOCK_RAW` over IPv4 or IPv6; `ping` sockets are listed too).
#[derive(Debug, Clone, PartialEq, Record)]
pub struct RawSocket {
    pub family: AddressFamily,
    pub local_addr: String,
    pub remote_addr: String,
    /// The IP protocol the socket receives (ICMP = 1, ICMPv6 = 58, 255 = any).
    pub protocol: u8,
    /// Send buffer memory in use.
    #[record(unit = "bytes")]
    pub tx_queue: u32,
    /// Receive buffer memory in use.
    #[record(unit = "bytes")]
    pub rx_queue: u32,
    pub uid: u32,
    pub inode: u64,
    pub pid: Field<i32>,
    pub process_name: Field<ByteStr>,
    pub owners: Field<Vec<SocketOwner>>,
    #[record(counter)]
    pub drops: Field<u32>,
    pub bound_interface: Field<u32>,
    pub cookie: Field<u64>,
}

/// One netlink socket.
#[derive(Debug, Clone, PartialEq, Record)]
pub struct NetlinkSocket {
    /// The netlink family (`NETLINK_ROUTE` = 0, `NETLINK_SOCK_DIAG` = 4, …).
    pub protocol: u32,
    /// Its name (`route`, `sock_diag`, `netfilter`, `generic`, `kobject_uevent`, …), or the
    /// number.
    pub protocol_name: String,
    /// The socket's netlink address (0 for the kernel's own socket of a family).
    pub port_id: u32,
    /// The first 32 multicast groups joined (bit n-1 = group n).
    pub groups: u32,
    /// The port the socket is connected to (`not_supported` from `/proc/net/netlink`).
    pub dst_port_id: Field<u32>,
    pub dst_group: Field<u32>,
    /// The owner of the socket's inode (its creator), read with `stat` through the first
    /// owner's descriptor: neither netlink_diag nor `/proc/net/netlink` carries it.
    /// `not_present` for a socket no process holds (the kernel's own), `not_supported` on a
    /// fixture tree.
    pub uid: Field<u32>,
    pub inode: u64,
    pub pid: Field<i32>,
    pub process_name: Field<ByteStr>,
    pub owners: Field<Vec<SocketOwner>>,
    /// Receive buffer memory in use.
    #[record(unit = "bytes")]
    pub rx_queue: Field<u32>,
    /// Send buffer memory in use.
    #[record(unit = "bytes")]
    pub tx_queue: Field<u32>,
    #[record(counter)]
    pub drops: Field<u32>,
    pub cookie: Field<u64>,
}

/// The type of a packet socket.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, RecordEnum)]
#[repr(u8)]
pub enum PacketSocketType {
    /// `SOCK_RAW`: frames with their link-layer header.
    Raw = 3,
    /// `SOCK_DGRAM`: frames without it.
    Dgram = 2,
    Unknown = 0,
}

/// One packet (`AF_PACKET`) socket, as used by packet capture.
#[derive(Debug, Clone, PartialEq, Record)]
pub struct PacketSocket {
    /// `error` when `/proc/net/packet` has a `Type` that does not parse.
    pub socket_type: Field<PacketSocketType>,
    /// The Ethernet protocol captured (`0x0003` = every protocol, `0x0800` IPv4).
    pub protocol: Field<u16>,
    /// The interface it is bound to; 0 for every interface. `not_supported` when
    /// packet_diag sends no `PACKET_DIAG_INFO`.
    pub interface_index: Field<u32>,
    /// True while the socket receives (bound with a protocol).
    pub running: Field<bool>,
    /// Receive buffer memory in use. `not_supported` when packet_diag sends no
    /// `PACKET_DIAG_MEMINFO`.
    #[record(unit = "bytes")]
    pub rx_queue: Field<u32>,
    /// The creator's uid. `not_supported` when packet_diag sends no `PACKET_DIAG_UID`.
    pub uid: Field<u32>,
    pub inode: u64,
    pub pid: Field<i32>,
    pub process_name: Field<ByteStr>,
    pub owners: Field<Vec<SocketOwner>>,
    pub cookie: Field<u64>,
}
