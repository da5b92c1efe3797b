//! Protocol counters: TCP and UDP statistics, socket counts and memory, and the counter
//! tables of `/proc/net/{snmp,netstat}`.

use libprobe_derive::Record;

use crate::model::Field;
use crate::schema::OrderedMap;

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
    #[record(counter)]
    pub active_opens: Field<u64>,
    /// Connections accepted (`PassiveOpens`).
    #[record(counter)]
    pub passive_opens: Field<u64>,
    /// Connection attempts that failed (`AttemptFails`).
    #[record(counter)]
    pub attempt_fails: Field<u64>,
    /// Connections reset from ESTABLISHED or CLOSE_WAIT (`EstabResets`).
    #[record(counter)]
    pub estab_resets: Field<u64>,
    /// Connections now ESTABLISHED or CLOSE_WAIT (`CurrEstab`, a gauge).
    pub curr_estab: Field<u64>,
    #[record(counter)]
    pub in_segs: Field<u64>,
    #[record(counter)]
    pub out_segs: Field<u64>,
    #[record(counter)]
    pub retrans_segs: Field<u64>,
    #[record(counter)]
    pub in_errs: Field<u64>,
    #[record(counter)]
    pub out_rsts: Field<u64>,
    /// Segments with a bad checksum (`InCsumErrors`, Linux 3.10+).
    #[record(counter)]
    pub in_csum_errors: Field<u64>,
}

/// The SNMP `Udp` counters (`/proc/net/snmp` for IPv4, `Udp6*` of `/proc/net/snmp6`).
///
/// Each counter stands alone: one that does not parse (or is negative) is `error`, and
/// the others are kept.
#[derive(Debug, Clone, PartialEq, Record)]
pub struct UdpStats {
    #[record(counter)]
    pub in_datagrams: Field<u64>,
    /// Datagrams to a port nobody listens on.
    #[record(counter)]
    pub no_ports: Field<u64>,
    #[record(counter)]
    pub in_errors: Field<u64>,
    #[record(counter)]
    pub out_datagrams: Field<u64>,
    /// Datagrams dropped for a full receive buffer (not printed by the oldest kernels).
    #[record(counter)]
    pub rcvbuf_errors: Field<u64>,
    /// Datagrams dropped for a full send buffer (not printed by the oldest kernels).
    #[record(counter)]
    pub sndbuf_errors: Field<u64>,
    /// Datagrams with a bad checksum (3.10+).
    #[record(counter)]
    pub in_csum_errors: Field<u64>,
    /// Multicast datagrams no socket wanted (4.11+).
    #[record(counter)]
    pub ignored_multi: Field<u64>,
    /// Datagrams dropped for lack of memory (5.9+).
    #[record(counter)]
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
///
/// Each count stands alone: one that does not parse or does not fit is `error`, and the
/// others are kept.
#[derive(Debug, Clone, PartialEq, Record)]
pub struct SocketStats {
    /// Sockets of every family in use.
    pub sockets_used: Field<u32>,
    /// TCP sockets in use (IPv4 and IPv6, TIME_WAIT excluded).
    pub tcp_inuse: Field<u32>,
    /// TCP sockets no process holds any more.
    pub tcp_orphan: Field<u32>,
    /// TCP sockets in TIME_WAIT.
    pub tcp_tw: Field<u32>,
    /// TCP sockets allocated.
    pub tcp_alloc: Field<u32>,
    /// Memory TCP uses now.
    #[record(unit = "pages")]
    pub tcp_mem_pages: Field<u64>,
    /// The TCP memory thresholds (`net.ipv4.tcp_mem`).
    pub tcp_mem: Field<MemoryLimits>,
    /// UDP sockets in use (IPv4).
    pub udp_inuse: Field<u32>,
    #[record(unit = "pages")]
    pub udp_mem_pages: Field<u64>,
    /// The UDP memory thresholds (`net.ipv4.udp_mem`).
    pub udp_mem: Field<MemoryLimits>,
    pub udplite_inuse: Field<u32>,
    pub raw_inuse: Field<u32>,
    /// IP fragment reassembly queues in use.
    pub frag_inuse: Field<u32>,
    #[record(unit = "bytes")]
    pub frag_memory: Field<u64>,
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
