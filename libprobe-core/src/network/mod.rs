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
//!   ([`SocketOwner`]), from one map built per snapshot: from the process domain's
//!   descriptors when it read them all, else from the `iter/task_file` BPF iterator where it
//!   loads (option `owners_via`), else by walking `/proc/<pid>/fd` ([`Network::owners_from`]
//!   says which); `pid` and `process_name` are the first owner's (lowest pid). A socket with no visible
//!   owner says why: `not_present` (no process holds it: TIME_WAIT, a kernel socket, or
//!   closed meanwhile), `permission_denied` (some processes' descriptors could not be read,
//!   so the owner may be among them), `disabled` (option `owners` off).
//! - **Sources**: sockets come from sock_diag netlink; a table whose diag family the
//!   kernel lacks (raw sockets without `CONFIG_INET_RAW_DIAG`) comes from `/proc/net/*`
//!   instead, and fields only netlink gives are then `not_supported`.
//!   [`Network::socket_sources`] says which source filled each table.
//! - **Queues**: `rx_queue`/`tx_queue` are what the kernel shows as such in
//!   `/proc/net/*`: bytes for TCP, allocated memory for UDP and raw sockets.

mod conntrack;
mod counters;
mod interfaces;
mod join;
mod names;
mod options;
mod routes;
mod sockets;

use libprobe_derive::{Record, RecordEnum};

use crate::domain::{Collector, Cx};
use crate::model::{Domain, Field};
use crate::registry::Snapshot;
use crate::schema::OrderedMap;

pub use conntrack::{ConntrackCpuStats, ConntrackEntry, ConntrackStats};
pub use counters::{CounterTable, MemoryLimits, SocketStats, TcpStats, UdpStats};
pub use interfaces::{
    AddressScope, Duplex, InterfaceFlags, InterfaceState, Ipv4Info, Ipv6Info, NetInterfaceFull, NetInterfaceStats,
};
use join::join_open_sockets;
// For the Linux readers; a build without a backend has none.
#[cfg_attr(not(linux_kernel), allow(unused_imports))]
pub(crate) use names::{
    conntrack_status_flags, conntrack_tcp_state, ip_protocol_name, ip_text, mac_text, netlink_protocol_name,
};
pub use options::{NetNamespaceTarget, NetworkOptions, SocketKind, SocketKinds, Via};
pub use routes::{ArpEntry, NeighbourState, Route, RouteFlags, RouteNextHop, RouteType};
pub use sockets::{
    NetlinkSocket, PacketSocket, PacketSocketType, RawSocket, SocketMemory, SocketOwner, TcpConnection, TcpInfo,
    TcpState, UdpConnection, UnixSocket, UnixSocketType, UnixState,
};

/// The address family of an Internet socket, address or route.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, RecordEnum)]
#[repr(u8)]
pub enum AddressFamily {
    Ipv4 = 1,
    Ipv6 = 2,
}

/// Where a snapshot's socket owners came from (the network record's `owners_from`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, RecordEnum)]
#[repr(u8)]
pub enum OwnersFrom {
    /// The process domain's descriptors (option `process.fds`, every process), read in the
    /// same snapshot.
    ProcessFds = 1,
    /// A walk of `/proc/<pid>/fd` (option `network.owners_via` `proc`, or `auto` where the
    /// BPF iterator does not load).
    ProcWalk = 2,
    /// The `iter/task_file` BPF iterator (option `network.owners_via` `bpf`, or `auto`).
    BpfIter = 3,
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
    /// Where the sockets' owners came from; missing with the reason when they were not
    /// resolved (`disabled`: option `owners` off or no socket table asked for; the BPF
    /// iterator's failure when option `owners_via` is `bpf`).
    pub owners_from: Field<OwnersFrom>,
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

/// `Field::Missing(Reason::NotSupported)`: what a source cannot give.
pub(crate) fn not_supported<T>() -> Field<T> {
    Field::Missing(crate::model::Reason::NotSupported)
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
