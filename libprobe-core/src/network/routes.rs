//! Routes of every table with their next hops, and the neighbour cache (ARP and IPv6
//! neighbour discovery).

use libprobe_derive::{Record, RecordEnum};

use super::{AddressFamily, AddressScope};
use crate::text::ByteStr;

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
