//! The network domain: every socket with its owners, TCP internals, interfaces with
//! addresses and the 23 counters, routes, neighbours, conntrack, and every protocol counter
//! the kernel keeps — for one network namespace.
//!
//! Names are the specification's (section 2); fields beyond it are documented where they
//! are declared. Conventions:
//!
//! - **Addresses** are text in their canonical form: `192.0.2.1`, `fd00::1` (RFC 5952,
//!   as Rust's `Ipv6Addr` prints it), and an IPv4-mapped IPv6 address stays an IPv6
//!   address written `::ffff:192.0.2.1` (its `family` is `ipv6`). Link-layer addresses are
//!   lowercase `aa:bb:cc:dd:ee:ff`. Ports are numbers in host order.
//! - **Owners**: each socket lists every process holding a descriptor to it
//!   ([`SocketOwner`]), from one map built per snapshot by walking `/proc/<pid>/fd`;
//!   `pid` and `process_name` are the first owner's (lowest pid). A socket with no visible
//!   owner says why: `not_present` (no process holds it: TIME_WAIT, a kernel socket, or
//!   closed meanwhile), `permission_denied` (some processes' descriptors could not be read,
//!   so the owner may be among them), `disabled` (option `owners` off).
//! - **Sources**: sockets come from sock_diag netlink; a table whose diag family the
//!   kernel lacks (raw sockets without `CONFIG_INET_RAW_DIAG`) comes from `/proc/net/*`
//!   instead, and fields only netlink gives are then `not_supported`.
//!   [`Network::socket_sources`] says which source filled each table.
//! - **Queues**: `rx_queue`/`tx_queue` are what the kernel shows as such in
//!   `/proc/net/*`: bytes for TCP, allocated memory for UDP and raw sockets.

use libprobe_derive::{OptionSet, Record, RecordEnum};

use crate::domain::{Collector, Cx};
use crate::model::{Domain, Field};
use crate::registry::Snapshot;
use crate::schema::OrderedMap;
use crate::text::ByteStr;

/// The address family of an Internet socket, address or route.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, RecordEnum)]
#[repr(u8)]
pub enum AddressFamily {
    Ipv4 = 1,
    Ipv6 = 2,
}

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
    pub total_retrans: u32,
    /// Current pacing rate.
    #[record(unit = "bytes/s")]
    pub pacing_rate: u64,
    /// The pacing rate cap (`SO_MAX_PACING_RATE`; `u64::MAX` when none).
    #[record(unit = "bytes/s")]
    pub max_pacing_rate: u64,
    /// Bytes acknowledged by the peer.
    #[record(unit = "bytes")]
    pub bytes_acked: u64,
    /// Bytes received from the peer.
    #[record(unit = "bytes")]
    pub bytes_received: u64,
    /// Segments sent, retransmissions included.
    pub segs_out: u32,
    /// Segments received.
    pub segs_in: u32,
    /// Bytes queued by the application and not yet sent.
    #[record(unit = "bytes")]
    pub notsent_bytes: u32,
    /// Minimum round-trip time seen.
    #[record(unit = "us")]
    pub min_rtt_us: u32,
    /// Segments carrying data received.
    pub data_segs_in: u32,
    /// Segments carrying data sent.
    pub data_segs_out: u32,
    /// Most recent delivery rate estimate.
    #[record(unit = "bytes/s")]
    pub delivery_rate: u64,
    /// Time with data outstanding (Linux 4.10+).
    #[record(unit = "us")]
    pub busy_time_us: Field<u64>,
    /// Time limited by the receive window (4.10+).
    #[record(unit = "us")]
    pub rwnd_limited_us: Field<u64>,
    /// Time limited by the send buffer (4.10+).
    #[record(unit = "us")]
    pub sndbuf_limited_us: Field<u64>,
    /// Segments delivered, retransmissions included (4.18+).
    pub delivered: Field<u32>,
    /// Segments delivered with an ECN congestion mark (4.18+).
    pub delivered_ce: Field<u32>,
    /// Bytes sent, retransmissions included (4.19+).
    #[record(unit = "bytes")]
    pub bytes_sent: Field<u64>,
    /// Bytes retransmitted (4.19+).
    #[record(unit = "bytes")]
    pub bytes_retrans: Field<u64>,
    /// Duplicate segments reported by D-SACK (4.19+).
    pub dsack_dups: Field<u32>,
    /// Reordering events seen (4.19+).
    pub reord_seen: Field<u32>,
    /// Out-of-order packets received (5.4+).
    pub rcv_ooopack: Field<u32>,
    /// The peer's advertised receive window (5.4+).
    #[record(unit = "bytes")]
    pub snd_wnd: Field<u32>,
    /// Our advertised receive window (6.2+).
    #[record(unit = "bytes")]
    pub rcv_wnd: Field<u32>,
    /// Path rehashes after timeouts (6.2+).
    pub rehash: Field<u32>,
    /// Retransmission timeouts (6.7+).
    pub total_rto: Field<u32>,
    /// Recoveries from retransmission timeouts (6.7+).
    pub total_rto_recoveries: Field<u32>,
    /// Time spent in timeout recovery (6.7+).
    #[record(unit = "ms")]
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
    pub timer_jiffies: u32,
    /// Unanswered retransmissions of the current segment (`icsk_retransmits`).
    pub retransmits: u8,
    /// The user that created the socket.
    pub uid: u32,
    /// Unanswered zero-window probes (`icsk_probes_out`: the `timeout` column of
    /// `/proc/net/tcp`).
    pub timeout: u32,
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
    pub socket_type: UnixSocketType,
    pub state: UnixState,
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
    pub rx_queue: u32,
    /// Send buffer memory in use.
    #[record(unit = "bytes")]
    pub tx_queue: u32,
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
    pub socket_type: PacketSocketType,
    /// The Ethernet protocol captured (`0x0003` = every protocol, `0x0800` IPv4).
    pub protocol: u16,
    /// The interface it is bound to; 0 for every interface.
    pub interface_index: u32,
    /// True while the socket receives (bound with a protocol).
    pub running: Field<bool>,
    /// Receive buffer memory in use.
    #[record(unit = "bytes")]
    pub rx_queue: u32,
    pub uid: u32,
    pub inode: u64,
    pub pid: Field<i32>,
    pub process_name: Field<ByteStr>,
    pub owners: Field<Vec<SocketOwner>>,
    pub cookie: Field<u64>,
}

/// TCP connections per state (over the TCP table, IPv4 and IPv6) and the SNMP `Tcp`
/// counters of `/proc/net/snmp` (which count IPv4 and IPv6 together).
///
/// The counts are missing when the TCP table was not collected, the counters when
/// `/proc/net/snmp` could not be read.
#[derive(Debug, Clone, PartialEq, Record)]
pub struct TcpStats {
    pub connections_established: Field<u32>,
    pub connections_syn_sent: Field<u32>,
    pub connections_syn_recv: Field<u32>,
    pub connections_fin_wait1: Field<u32>,
    pub connections_fin_wait2: Field<u32>,
    pub connections_time_wait: Field<u32>,
    pub connections_close: Field<u32>,
    pub connections_close_wait: Field<u32>,
    pub connections_last_ack: Field<u32>,
    pub connections_listen: Field<u32>,
    pub connections_closing: Field<u32>,
    /// Connections opened by this side (`ActiveOpens`).
    pub active_opens: Field<u64>,
    /// Connections accepted (`PassiveOpens`).
    pub passive_opens: Field<u64>,
    /// Connection attempts that failed (`AttemptFails`).
    pub attempt_fails: Field<u64>,
    /// Connections reset from ESTABLISHED or CLOSE_WAIT (`EstabResets`).
    pub estab_resets: Field<u64>,
    /// Connections now ESTABLISHED or CLOSE_WAIT (`CurrEstab`, a gauge).
    pub curr_estab: Field<u64>,
    pub in_segs: Field<u64>,
    pub out_segs: Field<u64>,
    pub retrans_segs: Field<u64>,
    pub in_errs: Field<u64>,
    pub out_rsts: Field<u64>,
    /// Segments with a bad checksum (`InCsumErrors`, Linux 3.10+).
    pub in_csum_errors: Field<u64>,
}

/// The SNMP `Udp` counters (`/proc/net/snmp` for IPv4, `Udp6*` of `/proc/net/snmp6`).
#[derive(Debug, Clone, PartialEq, Record)]
pub struct UdpStats {
    pub in_datagrams: u64,
    /// Datagrams to a port nobody listens on.
    pub no_ports: u64,
    pub in_errors: u64,
    pub out_datagrams: u64,
    pub rcvbuf_errors: u64,
    pub sndbuf_errors: u64,
    /// Datagrams with a bad checksum (3.10+).
    pub in_csum_errors: Field<u64>,
    /// Multicast datagrams no socket wanted (4.11+).
    pub ignored_multi: Field<u64>,
    /// Datagrams dropped for lack of memory (5.9+).
    pub mem_errors: Field<u64>,
}

/// A memory pressure setting in pages (`net.ipv4.tcp_mem`, `udp_mem`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Record)]
pub struct MemoryLimits {
    /// Below this, no pressure.
    #[record(unit = "pages")]
    pub low: u64,
    /// Above this, the stack moderates its memory use.
    #[record(unit = "pages")]
    pub pressure: u64,
    /// The hard limit.
    #[record(unit = "pages")]
    pub high: u64,
}

/// Socket counts and memory (`/proc/net/sockstat`, `/proc/net/sockstat6`, and the
/// `tcp_mem`/`udp_mem` sysctls).
#[derive(Debug, Clone, PartialEq, Record)]
pub struct SocketStats {
    /// Sockets of every family in use.
    pub sockets_used: u32,
    /// TCP sockets in use (IPv4 and IPv6, TIME_WAIT excluded).
    pub tcp_inuse: u32,
    /// TCP sockets no process holds any more.
    pub tcp_orphan: u32,
    /// TCP sockets in TIME_WAIT.
    pub tcp_tw: u32,
    /// TCP sockets allocated.
    pub tcp_alloc: u32,
    /// Memory TCP uses now.
    #[record(unit = "pages")]
    pub tcp_mem_pages: u64,
    /// The TCP memory thresholds (`net.ipv4.tcp_mem`).
    pub tcp_mem: Field<MemoryLimits>,
    /// UDP sockets in use (IPv4).
    pub udp_inuse: u32,
    #[record(unit = "pages")]
    pub udp_mem_pages: u64,
    /// The UDP memory thresholds (`net.ipv4.udp_mem`).
    pub udp_mem: Field<MemoryLimits>,
    pub udplite_inuse: u32,
    pub raw_inuse: u32,
    /// IP fragment reassembly queues in use.
    pub frag_inuse: u32,
    #[record(unit = "bytes")]
    pub frag_memory: u64,
    /// The IPv6 counts of `/proc/net/sockstat6` (absent without IPv6).
    pub tcp6_inuse: Field<u32>,
    pub udp6_inuse: Field<u32>,
    pub udplite6_inuse: Field<u32>,
    pub raw6_inuse: Field<u32>,
    pub frag6_inuse: Field<u32>,
    #[record(unit = "bytes")]
    pub frag6_memory: Field<u64>,
}

/// One table of counters (`Tcp` of `/proc/net/snmp`, `TcpExt` of `/proc/net/netstat`).
#[derive(Debug, Clone, PartialEq, Record)]
pub struct CounterTable {
    /// The table's name as the kernel prints it (`Ip`, `Icmp`, `IcmpMsg`, `Tcp`, `Udp`,
    /// `UdpLite`, `TcpExt`, `IpExt`, `MPTcpExt`, …).
    pub name: String,
    /// Every counter, in the kernel's order. Signed because a few are (`Tcp` `MaxConn`
    /// is -1: no limit).
    pub counters: OrderedMap<String, i64>,
}

/// Interface flags (`IFF_*` of `ifi_flags`), each as a boolean, and the raw bits.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Record)]
pub struct InterfaceFlags {
    /// Administratively up.
    pub up: bool,
    pub broadcast: bool,
    pub debug: bool,
    pub loopback: bool,
    pub point_to_point: bool,
    pub no_trailers: bool,
    /// Operationally up (RFC 2863 `up`).
    pub running: bool,
    pub no_arp: bool,
    pub promiscuous: bool,
    pub all_multicast: bool,
    /// A bonding master.
    pub master: bool,
    /// A bonding slave.
    pub slave: bool,
    pub multicast: bool,
    /// The carrier is present (`IFF_LOWER_UP`).
    pub lower_up: bool,
    pub dormant: bool,
    pub echo: bool,
    /// The bits as the kernel holds them.
    pub bits: u32,
}

impl InterfaceFlags {
    /// The named flags of `bits`.
    pub fn from_bits(bits: u32) -> InterfaceFlags {
        let on = |b: u32| bits & b != 0;
        InterfaceFlags {
            up: on(0x1),
            broadcast: on(0x2),
            debug: on(0x4),
            loopback: on(0x8),
            point_to_point: on(0x10),
            no_trailers: on(0x20),
            running: on(0x40),
            no_arp: on(0x80),
            promiscuous: on(0x100),
            all_multicast: on(0x200),
            master: on(0x400),
            slave: on(0x800),
            multicast: on(0x1000),
            lower_up: on(0x10000),
            dormant: on(0x20000),
            echo: on(0x40000),
            bits,
        }
    }
}

/// The operational state of an interface (RFC 2863, `IF_OPER_*`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, RecordEnum)]
#[repr(u8)]
pub enum InterfaceState {
    /// The driver does not track it (`lo`, many virtual devices).
    Unknown = 0,
    NotPresent = 1,
    Down = 2,
    LowerLayerDown = 3,
    Testing = 4,
    Dormant = 5,
    Up = 6,
}

impl InterfaceState {
    pub fn from_kernel(n: u8) -> InterfaceState {
        match n {
            1 => InterfaceState::NotPresent,
            2 => InterfaceState::Down,
            3 => InterfaceState::LowerLayerDown,
            4 => InterfaceState::Testing,
            5 => InterfaceState::Dormant,
            6 => InterfaceState::Up,
            _ => InterfaceState::Unknown,
        }
    }
}

/// Link duplex.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, RecordEnum)]
#[repr(u8)]
pub enum Duplex {
    Half = 1,
    Full = 2,
}

/// The scope of an address or route (`RT_SCOPE_*`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, RecordEnum)]
#[repr(u8)]
pub enum AddressScope {
    /// Valid everywhere (`RT_SCOPE_UNIVERSE`).
    Global = 0,
    Site = 200,
    /// Valid on the link only.
    Link = 253,
    /// Valid on this host only.
    Host = 254,
    /// No destination.
    Nowhere = 255,
    /// A scope value between the standard ones (user-defined).
    Other = 1,
}

impl AddressScope {
    pub fn from_kernel(n: u8) -> AddressScope {
        match n {
            0 => AddressScope::Global,
            200 => AddressScope::Site,
            253 => AddressScope::Link,
            254 => AddressScope::Host,
            255 => AddressScope::Nowhere,
            _ => AddressScope::Other,
        }
    }
}

/// An IPv4 address of an interface.
#[derive(Debug, Clone, PartialEq, Record)]
pub struct Ipv4Info {
    pub address: String,
    pub prefix_len: u8,
    /// The prefix as a mask (`255.255.255.0`).
    pub netmask: String,
    pub broadcast: Option<String>,
    /// The other end of a point-to-point link.
    pub peer: Option<String>,
    pub scope: AddressScope,
    /// The address label (`eth0:1`).
    pub label: Option<ByteStr>,
    /// `IFA_F_*` flags (0x80 permanent, 0x01 secondary, …).
    pub flags: u32,
    /// Remaining valid lifetime; `null` when forever.
    #[record(unit = "seconds")]
    pub valid_lifetime: Option<u32>,
    /// Remaining preferred lifetime; `null` when forever.
    #[record(unit = "seconds")]
    pub preferred_lifetime: Option<u32>,
}

/// An IPv6 address of an interface.
#[derive(Debug, Clone, PartialEq, Record)]
pub struct Ipv6Info {
    pub address: String,
    pub prefix_len: u8,
    pub scope: AddressScope,
    /// `IFA_F_*` flags: 0x01 temporary, 0x02 nodad, 0x04 optimistic, 0x08 dadfailed,
    /// 0x10 homeaddress, 0x20 deprecated, 0x40 tentative, 0x80 permanent, 0x100
    /// managetempaddr, 0x200 noprefixroute, 0x400 mcautojoin, 0x800 stable-privacy.
    pub flags: u32,
    #[record(unit = "seconds")]
    pub valid_lifetime: Option<u32>,
    #[record(unit = "seconds")]
    pub preferred_lifetime: Option<u32>,
}

/// The 23 interface counters of the specification, from the kernel's 64-bit statistics
/// (`IFLA_STATS64`; the 32-bit `IFLA_STATS` on kernels without it).
#[derive(Debug, Clone, Copy, PartialEq, Record)]
pub struct NetInterfaceStats {
    #[record(unit = "bytes")]
    pub rx_bytes: u64,
    #[record(unit = "bytes")]
    pub tx_bytes: u64,
    pub rx_packets: u64,
    pub tx_packets: u64,
    pub rx_errors: u64,
    pub tx_errors: u64,
    pub rx_dropped: u64,
    pub tx_dropped: u64,
    pub rx_fifo_errors: u64,
    pub tx_fifo_errors: u64,
    pub rx_frame_errors: u64,
    pub rx_compressed: u64,
    pub tx_compressed: u64,
    /// Multicast packets received.
    pub multicast: u64,
    pub collisions: u64,
    pub rx_length_errors: u64,
    /// Receiver ring buffer overflows.
    pub rx_over_errors: u64,
    pub rx_crc_errors: u64,
    /// Packets the receiver missed.
    pub rx_missed_errors: u64,
    pub tx_aborted_errors: u64,
    pub tx_carrier_errors: u64,
    pub tx_heartbeat_errors: u64,
    pub tx_window_errors: u64,
    /// Packets dropped for lack of a protocol handler (Linux 4.6+).
    pub rx_nohandler: Field<u64>,
    /// Packets dropped because they were for another host (5.19+).
    pub rx_otherhost_dropped: Field<u64>,
}

/// One network interface with its addresses, counters and driver.
#[derive(Debug, Clone, PartialEq, Record)]
pub struct NetInterfaceFull {
    pub name: ByteStr,
    pub index: u32,
    /// The link-layer address (`null` for devices without one, such as `tun`).
    pub mac_address: Option<String>,
    /// The link-layer broadcast address.
    pub broadcast_address: Option<String>,
    /// The address the hardware came with, when the driver knows it.
    pub permanent_address: Option<String>,
    pub mtu: u32,
    pub flags: InterfaceFlags,
    /// The operational state (`operstate`).
    pub state: InterfaceState,
    /// The `ARPHRD_*` link type (1 Ethernet, 772 loopback).
    pub hw_type: u16,
    /// The kind of virtual device (`veth`, `bridge`, `ifb`, `bond`, …); `null` for
    /// physical devices and `lo`.
    pub kind: Option<String>,
    /// Link speed (`/sys/class/net/<if>/speed`): `not_enabled` while the interface is
    /// down, `not_supported` where the driver cannot tell (`lo`, many virtual devices).
    #[record(unit = "Mbit/s")]
    pub speed_mbps: Field<u32>,
    /// Link duplex (`/sys/class/net/<if>/duplex`), missing as `speed_mbps` is.
    pub duplex: Field<Duplex>,
    /// Whether the link has a carrier (`IFLA_CARRIER`).
    pub carrier: Field<bool>,
    /// Carrier up and down events since the device was created.
    pub carrier_changes: Field<u64>,
    pub carrier_up_count: Field<u64>,
    pub carrier_down_count: Field<u64>,
    pub ipv4_addresses: Field<Vec<Ipv4Info>>,
    pub ipv6_addresses: Field<Vec<Ipv6Info>>,
    pub stats: Field<NetInterfaceStats>,
    /// The transmit queue length of the queueing discipline (`txqueuelen`).
    pub tx_queue_len: u32,
    /// Linux has no per-interface receive queue length (received packets wait in a
    /// per-CPU backlog, `net.core.netdev_max_backlog`): always `not_supported`. See
    /// `num_rx_queues` for the hardware queues.
    pub rx_queue_len: Field<u32>,
    /// Hardware transmit queues.
    pub num_tx_queues: Field<u32>,
    /// Hardware receive queues.
    pub num_rx_queues: Field<u32>,
    /// The queueing discipline (`noqueue`, `fq_codel`, `mq`).
    pub qdisc: Option<String>,
    /// The index of the master device (bridge, bond, VRF).
    pub master_index: Option<u32>,
    /// The index of the underlying or peer device (for a veth: its peer, possibly in
    /// another namespace).
    pub link_index: Option<u32>,
    /// The driver (`ETHTOOL_GDRVINFO`). `not_supported` where the device has no ethtool
    /// driver information (`lo`).
    pub driver: Field<String>,
    /// The driver's version; `not_present` when the driver reports none.
    pub driver_version: Field<String>,
    /// The firmware version; `not_present` when the device has no firmware (virtual
    /// devices).
    pub firmware_version: Field<String>,
    /// The bus address (`0000:00:03.0`); `not_present` for devices on no bus.
    pub bus_info: Field<String>,
}

/// The flags of a route, as `/proc/net/route` computes them (`RTF_*`), each as a boolean.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Record)]
pub struct RouteFlags {
    /// Usable (`RTF_UP`): every route but a dead one.
    pub up: bool,
    /// Through a gateway (`RTF_GATEWAY`).
    pub gateway: bool,
    /// To one host (`RTF_HOST`: a full-length prefix).
    pub host: bool,
    /// Rejects packets (`unreachable`, `prohibit`, `blackhole`; `RTF_REJECT`).
    pub reject: bool,
    /// The gateway is on the link even without a matching prefix (`RTNH_F_ONLINK`).
    pub onlink: bool,
    /// The next hop's link is down (`RTNH_F_LINKDOWN`).
    pub linkdown: bool,
    /// The next hop is dead (`RTNH_F_DEAD`).
    pub dead: bool,
    /// The `RTF_*` bits.
    pub bits: u32,
}

/// The type of a route (`RTN_*`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, RecordEnum)]
#[repr(u8)]
pub enum RouteType {
    Unspec = 0,
    Unicast = 1,
    Local = 2,
    Broadcast = 3,
    Anycast = 4,
    Multicast = 5,
    Blackhole = 6,
    Unreachable = 7,
    Prohibit = 8,
    Throw = 9,
    Nat = 10,
    Xresolve = 11,
}

impl RouteType {
    pub fn from_kernel(n: u8) -> RouteType {
        match n {
            1 => RouteType::Unicast,
            2 => RouteType::Local,
            3 => RouteType::Broadcast,
            4 => RouteType::Anycast,
            5 => RouteType::Multicast,
            6 => RouteType::Blackhole,
            7 => RouteType::Unreachable,
            8 => RouteType::Prohibit,
            9 => RouteType::Throw,
            10 => RouteType::Nat,
            11 => RouteType::Xresolve,
            _ => RouteType::Unspec,
        }
    }
}

/// One next hop of a multipath route.
#[derive(Debug, Clone, PartialEq, Record)]
pub struct RouteNextHop {
    pub gateway: Option<String>,
    pub interface_index: u32,
    pub interface: Option<ByteStr>,
    /// The relative weight (`weight` in `ip route`).
    pub weight: u32,
}

/// One route of any routing table (IPv4 or IPv6).
#[derive(Debug, Clone, PartialEq, Record)]
pub struct Route {
    pub family: AddressFamily,
    /// The destination network (`0.0.0.0` / `::` for the default route).
    pub destination: String,
    pub prefix_len: u8,
    pub gateway: Option<String>,
    /// The prefix as a mask (`255.255.255.0`; for IPv6 `ffff:ffff:ffff:ffff::`).
    pub genmask: String,
    pub flags: RouteFlags,
    /// The route's priority (`metric` in `ip route`; 0 when none is set).
    pub metric: u32,
    /// The outgoing interface's name (`null` for routes without one, such as
    /// `unreachable` or multipath routes).
    pub interface: Option<ByteStr>,
    pub interface_index: Option<u32>,
    /// The route's MTU metric (`RTAX_MTU`).
    #[record(unit = "bytes")]
    pub mtu: Option<u32>,
    /// The TCP window clamp (`RTAX_WINDOW`).
    #[record(unit = "bytes")]
    pub window: Option<u32>,
    /// The initial round-trip time (`RTAX_RTT`).
    #[record(unit = "ms")]
    pub irtt: Option<u32>,
    /// The routing table (254 main, 255 local, 253 default).
    pub table: u32,
    pub route_type: RouteType,
    pub scope: AddressScope,
    /// Who installed it (`RTPROT_*`: 2 kernel, 3 boot, 4 static, 9 ra, 16 dhcp, …).
    pub protocol: u8,
    /// The source address preferred for this route (`src` in `ip route`).
    pub preferred_source: Option<String>,
    /// Next hops of a multipath route; empty otherwise.
    pub nexthops: Vec<RouteNextHop>,
}

/// A neighbour cache state (`NUD_*`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, RecordEnum)]
#[repr(u8)]
pub enum NeighbourState {
    Incomplete = 1,
    Reachable = 2,
    Stale = 4,
    Delay = 8,
    Probe = 16,
    Failed = 32,
    /// No resolution needed (multicast, point-to-point).
    NoArp = 64,
    Permanent = 128,
    None = 0,
}

impl NeighbourState {
    /// The state for the kernel's `ndm_state` (one bit in practice; the highest set wins).
    pub fn from_kernel(bits: u16) -> NeighbourState {
        match bits {
            b if b & 0x80 != 0 => NeighbourState::Permanent,
            b if b & 0x40 != 0 => NeighbourState::NoArp,
            b if b & 0x20 != 0 => NeighbourState::Failed,
            b if b & 0x10 != 0 => NeighbourState::Probe,
            b if b & 0x08 != 0 => NeighbourState::Delay,
            b if b & 0x04 != 0 => NeighbourState::Stale,
            b if b & 0x02 != 0 => NeighbourState::Reachable,
            b if b & 0x01 != 0 => NeighbourState::Incomplete,
            _ => NeighbourState::None,
        }
    }
}

/// One entry of the neighbour cache: ARP for IPv4, neighbour discovery for IPv6.
#[derive(Debug, Clone, PartialEq, Record)]
pub struct ArpEntry {
    pub family: AddressFamily,
    pub ip_address: String,
    /// The `ARPHRD_*` type of the device (1 Ethernet).
    pub hw_type: u16,
    /// `ATF_*` flags as `/proc/net/arp` shows them (0x2 complete, 0x4 permanent).
    pub flags: u16,
    /// The link-layer address; `null` while unresolved (`incomplete`, `failed`).
    pub hw_address: Option<String>,
    pub device: ByteStr,
    pub interface_index: u32,
    pub state: NeighbourState,
    /// The neighbour is a router (IPv6 `NTF_ROUTER`).
    pub router: bool,
    /// Resolution probes sent.
    pub probes: Option<u32>,
}

/// One tracked connection (netfilter conntrack).
#[derive(Debug, Clone, PartialEq, Record)]
pub struct ConntrackEntry {
    pub family: AddressFamily,
    /// The layer-4 protocol's name (`tcp`, `udp`, `icmp`, `icmpv6`, `sctp`, …), or its
    /// number.
    pub protocol: String,
    pub protocol_number: u8,
    /// The original direction's source and destination.
    pub src_addr: String,
    pub dst_addr: String,
    pub src_port: Option<u16>,
    pub dst_port: Option<u16>,
    /// The reply direction (after NAT: differs from the original's mirror image).
    pub reply_src_addr: String,
    pub reply_dst_addr: String,
    pub reply_src_port: Option<u16>,
    pub reply_dst_port: Option<u16>,
    /// ICMP type, code and id, for ICMP flows.
    pub icmp_type: Option<u8>,
    pub icmp_code: Option<u8>,
    pub icmp_id: Option<u16>,
    /// The TCP state as `conntrack` prints it (`ESTABLISHED`, `TIME_WAIT`, …); `null` for
    /// other protocols.
    pub state: Option<String>,
    /// Time left before the entry expires.
    #[record(unit = "seconds")]
    pub timeout: u32,
    /// Counters need `net.netfilter.nf_conntrack_acct=1` (`not_enabled` otherwise).
    pub packets_orig: Field<u64>,
    #[record(unit = "bytes")]
    pub bytes_orig: Field<u64>,
    pub packets_reply: Field<u64>,
    #[record(unit = "bytes")]
    pub bytes_reply: Field<u64>,
    pub mark: u32,
    pub zone: u16,
    /// `IPS_*` status bits.
    pub status: u32,
    /// The status bits by name (`assured`, `seen_reply`, `confirmed`, `src_nat`, …).
    pub status_flags: Vec<String>,
    /// The entry's id (ctnetlink only).
    pub id: Field<u32>,
    /// References held on the entry.
    pub use_count: Field<u32>,
}

/// One CPU's conntrack counters (`conntrack -S`).
#[derive(Debug, Clone, PartialEq, Record)]
pub struct ConntrackCpuStats {
    pub cpu: u32,
    /// Lookups that found an entry.
    pub found: u32,
    /// Packets that could not be tracked.
    pub invalid: u32,
    pub insert: u32,
    pub insert_failed: u32,
    /// Packets dropped (the table was full).
    pub drop: u32,
    /// Entries evicted to make room.
    pub early_drop: u32,
    /// ICMP errors that matched no entry.
    pub error: u32,
    /// Lookups restarted because the table changed.
    pub search_restart: u32,
    /// Insertion races resolved (5.10+).
    pub clash_resolve: Field<u32>,
    /// Insertions refused because a hash chain was too long (5.15+).
    pub chain_toolong: Field<u32>,
}

/// Conntrack totals.
#[derive(Debug, Clone, PartialEq, Record)]
pub struct ConntrackStats {
    /// Entries now (`net.netfilter.nf_conntrack_count`).
    pub entries: Field<u32>,
    /// The table's limit (`nf_conntrack_max`).
    pub max_entries: Field<u32>,
    /// Whether per-flow byte and packet counters are on (`nf_conntrack_acct`).
    pub accounting: Field<bool>,
    /// Per-CPU counters (ctnetlink, else `/proc/net/stat/nf_conntrack`).
    pub per_cpu: Field<Vec<ConntrackCpuStats>>,
}

/// The network namespace a [`Network`] describes.
#[derive(Debug, Clone, PartialEq, Record)]
pub struct NetNamespace {
    /// The namespace's inode number (as in `/proc/<pid>/ns/net`): what tells two
    /// namespaces, and two sockets with equal addresses in them, apart.
    pub inode: Field<u64>,
    /// How it was chosen: `self`, `pid <n>`, or the path given.
    pub target: String,
}

/// Everything the network domain collects, for one network namespace.
#[derive(Debug, Clone, PartialEq, Record)]
pub struct Network {
    pub namespace: NetNamespace,
    /// Every TCP socket, IPv4 then IPv6.
    pub tcp: Field<Vec<TcpConnection>>,
    /// Every UDP and UDP-Lite socket.
    pub udp: Field<Vec<UdpConnection>>,
    /// Every Unix domain socket (not `unix`: GNU C predefines that name as a macro, and the
    /// C mirror uses field names as they are).
    pub unix_sockets: Field<Vec<UnixSocket>>,
    pub raw: Field<Vec<RawSocket>>,
    pub netlink: Field<Vec<NetlinkSocket>>,
    pub packet: Field<Vec<PacketSocket>>,
    /// Where each socket table came from: `sock_diag`, or the `/proc/net` file(s) when the
    /// kernel has no diag module for it (or the procfs source was forced).
    pub socket_sources: OrderedMap<String, String>,
    pub tcp_stats: TcpStats,
    /// IPv4 UDP counters.
    pub udp_stats: Field<UdpStats>,
    /// IPv6 UDP counters.
    pub udp6_stats: Field<UdpStats>,
    pub socket_stats: Field<SocketStats>,
    /// Every table of `/proc/net/snmp` (`Ip`, `Icmp`, `IcmpMsg`, `Tcp`, `Udp`, `UdpLite`).
    pub snmp: Field<Vec<CounterTable>>,
    /// Every counter of `/proc/net/snmp6` (`Ip6InReceives`, `Icmp6OutMsgs`, `Udp6…`).
    pub snmp6: Field<OrderedMap<String, i64>>,
    /// Every table of `/proc/net/netstat` (`TcpExt`, `IpExt`, `MPTcpExt`, …).
    pub netstat: Field<Vec<CounterTable>>,
    pub interfaces: Field<Vec<NetInterfaceFull>>,
    /// Routes of every table, IPv4 then IPv6.
    pub routes: Field<Vec<Route>>,
    /// The ARP and IPv6 neighbour caches.
    pub neighbours: Field<Vec<ArpEntry>>,
    /// Tracked connections (option `conntrack`; needs CAP_NET_ADMIN).
    pub conntrack: Field<Vec<ConntrackEntry>>,
    pub conntrack_stats: ConntrackStats,
}

impl Network {
    /// The TCP sockets, or an empty slice when the table was not collected.
    pub fn tcp(&self) -> &[TcpConnection] {
        self.tcp.value().map_or(&[], Vec::as_slice)
    }

    pub fn udp(&self) -> &[UdpConnection] {
        self.udp.value().map_or(&[], Vec::as_slice)
    }

    pub fn unix(&self) -> &[UnixSocket] {
        self.unix_sockets.value().map_or(&[], Vec::as_slice)
    }

    pub fn raw(&self) -> &[RawSocket] {
        self.raw.value().map_or(&[], Vec::as_slice)
    }

    pub fn netlink(&self) -> &[NetlinkSocket] {
        self.netlink.value().map_or(&[], Vec::as_slice)
    }

    pub fn packet(&self) -> &[PacketSocket] {
        self.packet.value().map_or(&[], Vec::as_slice)
    }

    pub fn interfaces(&self) -> &[NetInterfaceFull] {
        self.interfaces.value().map_or(&[], Vec::as_slice)
    }
}

crate::options::name_set! {
    /// A set of socket tables.
    SocketKinds of
    /// A kind of socket table.
    SocketKind as u8 {
        Tcp = "tcp",
        /// UDP and UDP-Lite.
        Udp = "udp",
        Unix = "unix",
        Raw = "raw",
        Netlink = "netlink",
        Packet = "packet",
    }
}

impl Default for SocketKinds {
    fn default() -> Self {
        SocketKinds::all()
    }
}

/// Which network namespace the network domain describes.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub enum NetNamespaceTarget {
    /// The probe's own (the namespace of the thread that takes the snapshot).
    #[default]
    Own,
    /// The namespace of process `pid` (`/proc/<pid>/ns/net`).
    Pid(i32),
    /// A namespace file: a path under `/var/run/netns` (`ip netns add`), or any `ns/net`
    /// link. Needs CAP_SYS_ADMIN over the namespace.
    Path(std::path::PathBuf),
}

/// What the network domain collects.
///
/// Another namespace is read from a short-lived thread that enters it (`setns`), so the
/// caller's threads never change namespace. `LIBPROBE_NET_PROCFS=1` in the environment
/// forces the `/proc/net` socket tables as `sockets_from_procfs` does.
#[derive(Debug, Clone, PartialEq, Eq, OptionSet)]
pub struct NetworkOptions {
    /// The socket tables to list (default: every table).
    pub sockets: SocketKinds,
    /// Resolve each socket's owning processes (walks every process's descriptors once,
    /// with one short-lived helper thread per snapshot beside the calling one; none when the
    /// process domain read every descriptor in the same snapshot).
    pub owners: bool,
    /// TCP internals per socket: `tcp_info`, congestion algorithm, memory, shutdown.
    pub tcp_info: bool,
    /// Interfaces with their addresses, counters, speed, duplex and driver.
    pub interfaces: bool,
    /// Routes of every table, IPv4 and IPv6.
    pub routes: bool,
    /// The ARP and IPv6 neighbour caches.
    pub neighbours: bool,
    /// Every conntrack entry. Off by default: the table can hold hundreds of thousands of
    /// flows, and reading it needs CAP_NET_ADMIN. Totals and per-CPU counters are always
    /// collected.
    pub conntrack: bool,
    /// Read sockets from `/proc/net/*` even where sock_diag could answer (fewer fields).
    pub sockets_from_procfs: bool,
    /// The network namespace to describe: the probe's own (`self`), a process's (its pid),
    /// or a namespace file such as `/var/run/netns/NAME`.
    pub netns: NetNamespaceTarget,
}

impl Default for NetworkOptions {
    fn default() -> Self {
        NetworkOptions {
            sockets: SocketKinds::all(),
            owners: true,
            tcp_info: true,
            interfaces: true,
            routes: true,
            neighbours: true,
            conntrack: false,
            sockets_from_procfs: false,
            netns: NetNamespaceTarget::Own,
        }
    }
}

impl NetworkOptions {
    /// Everything, conntrack entries included.
    pub fn everything() -> NetworkOptions {
        NetworkOptions { conntrack: true, ..NetworkOptions::default() }
    }
}

/// The canonical text of an address of `family` held in the first 4 or all 16 bytes.
pub(crate) fn ip_text(family: AddressFamily, bytes: &[u8; 16]) -> String {
    match family {
        AddressFamily::Ipv4 => {
            // Written by hand: `Ipv4Addr`'s `Display` goes through the formatting machinery,
            // which is most of the cost of a socket row here.
            let mut s = String::with_capacity(15);
            for (i, &b) in bytes[..4].iter().enumerate() {
                if i > 0 {
                    s.push('.');
                }
                if b >= 100 {
                    s.push(char::from(b'0' + b / 100));
                }
                if b >= 10 {
                    s.push(char::from(b'0' + b / 10 % 10));
                }
                s.push(char::from(b'0' + b % 10));
            }
            s
        }
        AddressFamily::Ipv6 => std::net::Ipv6Addr::from(*bytes).to_string(),
    }
}

/// A link-layer address as lowercase `aa:bb:…` (any length).
pub(crate) fn mac_text(bytes: &[u8]) -> String {
    let mut s = String::with_capacity(bytes.len() * 3);
    for (i, b) in bytes.iter().enumerate() {
        if i > 0 {
            s.push(':');
        }
        s.push_str(&format!("{b:02x}"));
    }
    s
}

/// The name of netlink family `n` (`NETLINK_*` in lowercase), or the number.
pub(crate) fn netlink_protocol_name(n: u32) -> String {
    let name = match n {
        0 => "route",
        1 => "unused",
        2 => "usersock",
        3 => "firewall",
        4 => "sock_diag",
        5 => "nflog",
        6 => "xfrm",
        7 => "selinux",
        8 => "iscsi",
        9 => "audit",
        10 => "fib_lookup",
        11 => "connector",
        12 => "netfilter",
        13 => "ip6_fw",
        14 => "dnrtmsg",
        15 => "kobject_uevent",
        16 => "generic",
        18 => "scsitransport",
        19 => "ecryptfs",
        20 => "rdma",
        21 => "crypto",
        22 => "smc",
        _ => return n.to_string(),
    };
    name.to_owned()
}

/// Conntrack status bits (`IPS_*`, `include/uapi/linux/netfilter/nf_conntrack_common.h`).
pub(crate) const CONNTRACK_STATUS_NAMES: [(u32, &str); 16] = [
    (1 << 0, "expected"),
    (1 << 1, "seen_reply"),
    (1 << 2, "assured"),
    (1 << 3, "confirmed"),
    (1 << 4, "src_nat"),
    (1 << 5, "dst_nat"),
    (1 << 6, "seq_adjust"),
    (1 << 7, "src_nat_done"),
    (1 << 8, "dst_nat_done"),
    (1 << 9, "dying"),
    (1 << 10, "fixed_timeout"),
    (1 << 11, "template"),
    (1 << 12, "nat_clash"),
    (1 << 13, "helper"),
    (1 << 14, "offload"),
    (1 << 15, "hw_offload"),
];

/// The names of the set status bits.
pub(crate) fn conntrack_status_flags(status: u32) -> Vec<String> {
    CONNTRACK_STATUS_NAMES.iter().filter(|(bit, _)| status & bit != 0).map(|(_, n)| (*n).to_owned()).collect()
}

/// The TCP conntrack state name for its number, as `conntrack` prints it.
pub(crate) fn conntrack_tcp_state(n: u8) -> String {
    const NAMES: [&str; 10] = [
        "NONE",
        "SYN_SENT",
        "SYN_RECV",
        "ESTABLISHED",
        "FIN_WAIT",
        "CLOSE_WAIT",
        "LAST_ACK",
        "TIME_WAIT",
        "CLOSE",
        "SYN_SENT2",
    ];
    NAMES.get(usize::from(n)).map_or_else(|| n.to_string(), |s| (*s).to_owned())
}

/// The name of IP protocol `n` as conntrack prints it.
pub(crate) fn ip_protocol_name(n: u8) -> String {
    let name = match n {
        1 => "icmp",
        2 => "igmp",
        6 => "tcp",
        17 => "udp",
        33 => "dccp",
        41 => "ipv6",
        47 => "gre",
        58 => "icmpv6",
        132 => "sctp",
        136 => "udplite",
        _ => return n.to_string(),
    };
    name.to_owned()
}

/// `Field::Missing(Reason::NotSupported)`: what a source cannot give.
pub(crate) fn not_supported<T>() -> Field<T> {
    Field::Missing(crate::model::Reason::NotSupported)
}

/// `ip:port`, or `[ip]:port` for IPv6.
fn endpoint(family: AddressFamily, addr: &str, port: u16) -> String {
    match family {
        AddressFamily::Ipv4 => format!("{addr}:{port}"),
        AddressFamily::Ipv6 => format!("[{addr}]:{port}"),
    }
}

/// The network domain in the registry. It runs after the process domain: it takes the
/// socket owners from the processes' descriptors when those were read, and fills each
/// process's open sockets from its socket tables ([`Collector::join`]).
#[derive(Debug)]
pub(crate) struct NetworkDomain;

impl Collector for NetworkDomain {
    type Options = NetworkOptions;
    type Output = Network;
    type State = crate::sys::imp::network::State;

    fn collect(cx: &mut Cx<'_>, options: &NetworkOptions, state: &mut Self::State) -> Domain<Network> {
        crate::sys::imp::network::collect(cx, options, state)
    }

    fn join(snapshot: &mut Snapshot) {
        if let (Field::Value(net), Field::Value(procs)) = (&snapshot.network, &mut snapshot.processes) {
            join_open_sockets(net, procs);
        }
    }
}

/// Fills the addresses and state of every process's open sockets from the socket tables,
/// by inode (the process domain sees only the owner's side of a socket).
///
/// TCP and UDP give `ip:port` endpoints and the state (`established`, `listen`, …; UDP
/// `connected` or `unconnected`); Unix sockets their name (`@name` when abstract) and the
/// peer's name; raw sockets their addresses. A socket in no table (another namespace, a
/// family libprobe does not list, or one closed meanwhile) and fields a family does not
/// have are `not_present`; a table that was not collected lends its reason.
fn join_open_sockets(net: &Network, procs: &mut [crate::process::ProcessFull]) {
    use crate::model::Reason;
    use crate::process::SocketType;
    use std::collections::HashMap;

    type Joined = (Field<String>, Field<String>, Field<String>);
    let none = || Field::Missing(Reason::NotPresent);
    let mut by_inode: HashMap<u64, Joined> = HashMap::new();
    for c in net.tcp() {
        let local = endpoint(c.family, &c.local_addr, c.local_port);
        let remote = endpoint(c.family, &c.remote_addr, c.remote_port);
        if c.inode != 0 {
            by_inode
                .insert(c.inode, (Field::Value(local), Field::Value(remote), Field::Value(c.state.name().to_owned())));
        }
    }
    for u in net.udp() {
        let remote = match (&u.remote_addr, u.remote_port) {
            (Some(a), Some(p)) => Field::Value(endpoint(u.family, a, p)),
            _ => none(),
        };
        let state = if remote.is_value() { "connected" } else { "unconnected" };
        by_inode.insert(
            u.inode,
            (Field::Value(endpoint(u.family, &u.local_addr, u.local_port)), remote, Field::Value(state.to_owned())),
        );
    }
    let unix_name = |s: &UnixSocket| -> Field<String> {
        if s.path.is_empty() {
            return Field::Missing(Reason::NotPresent);
        }
        let name = s.path.to_string_lossy();
        Field::Value(if s.is_abstract { format!("@{name}") } else { name.into_owned() })
    };
    let unix_names: HashMap<u64, &UnixSocket> = net.unix().iter().map(|s| (s.inode, s)).collect();
    for s in net.unix() {
        let remote = match s.peer_inode {
            Field::Value(peer) => unix_names.get(&peer).map_or_else(none, |p| unix_name(p)),
            Field::Missing(r) => Field::Missing(r),
        };
        let state = crate::schema::EnumType::enum_value(&s.state).name.to_owned();
        by_inode.insert(s.inode, (unix_name(s), remote, Field::Value(state)));
    }
    for r in net.raw() {
        by_inode.insert(r.inode, (Field::Value(r.local_addr.clone()), Field::Value(r.remote_addr.clone()), none()));
    }
    let table_reason = |ty: SocketType| -> Option<Reason> {
        match ty {
            SocketType::Tcp | SocketType::Tcp6 => net.tcp.reason(),
            SocketType::Udp | SocketType::Udp6 | SocketType::UdpLite | SocketType::UdpLite6 => net.udp.reason(),
            SocketType::Unix => net.unix_sockets.reason(),
            SocketType::Raw | SocketType::Raw6 => net.raw.reason(),
            SocketType::Netlink => net.netlink.reason(),
            SocketType::Packet => net.packet.reason(),
            _ => None,
        }
    };
    for p in procs {
        let Field::Value(socks) = &mut p.open_sockets else { continue };
        for s in socks {
            let reason = s.socket_type.get().and_then(table_reason);
            let (local, remote, state) = match (reason, by_inode.get(&s.inode)) {
                (Some(r), _) => (Field::Missing(r), Field::Missing(r), Field::Missing(r)),
                (None, Some(j)) => j.clone(),
                (None, None) => (none(), none(), none()),
            };
            s.local_addr = local;
            s.remote_addr = remote;
            s.state = state;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ipv4_text_matches_the_standard_library() {
        for a in [[0, 0, 0, 0], [255, 255, 255, 255], [10, 0, 9, 100], [127, 0, 0, 1], [1, 22, 200, 99]] {
            let mut b = [0u8; 16];
            b[..4].copy_from_slice(&a);
            assert_eq!(ip_text(AddressFamily::Ipv4, &b), std::net::Ipv4Addr::from(a).to_string());
        }
        for n in (0..=u32::MAX).step_by(7_919_993) {
            let mut b = [0u8; 16];
            b[..4].copy_from_slice(&n.to_be_bytes());
            assert_eq!(ip_text(AddressFamily::Ipv4, &b), std::net::Ipv4Addr::from(n).to_string());
        }
    }
}
