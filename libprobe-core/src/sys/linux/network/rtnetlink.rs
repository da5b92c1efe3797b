//! rtnetlink (`NETLINK_ROUTE`): dumps of links, addresses, routes and neighbours, and
//! their decoders (`include/uapi/linux/{rtnetlink,if_link,if_addr,neighbour}.h`).
//!
//! - Links: `ifinfomsg { u8 family, pad; u16 type; i32 index; u32 flags, change }`, then
//!   `IFLA_*` attributes; counters from `IFLA_STATS64` (`rtnl_link_stats64`: 23 counters,
//!   `rx_nohandler` since 4.6, `rx_otherhost_dropped` since 5.19), else the 32-bit
//!   `IFLA_STATS`.
//! - Addresses: `ifaddrmsg { u8 family, prefixlen, flags, scope; u32 index }`, `IFA_*`; for
//!   IPv4 `IFA_LOCAL` is the address and `IFA_ADDRESS` the peer of a point-to-point link;
//!   `IFA_FLAGS` (32 bits) supersedes the 8-bit `ifa_flags`; lifetimes of `0xffffffff` are
//!   forever.
//! - Routes: `rtmsg { u8 family, dst_len, src_len, tos, table, protocol, scope, type; u32
//!   flags }`, `RTA_*`, metrics nested in `RTA_METRICS` (`RTAX_MTU`, `RTAX_WINDOW`,
//!   `RTAX_RTT` in 1/8 ms), next hops of a multipath route in `RTA_MULTIPATH`. A dump
//!   without `RTM_F_CLONED` lists every table but no cache entries.
//! - Neighbours: `ndmsg { u8 family, pad1; u16 pad2; i32 ifindex; u16 state; u8 flags, type
//!   }`, `NDA_DST`, `NDA_LLADDR`, `NDA_PROBES`.

use crate::error::ParseError;
use crate::model::{Field, Reason};
use crate::network::{AddressFamily, NetInterfaceStats};

use super::netlink::{Bytes, Request, attrs, cstr, uint};

const NETLINK_ROUTE: i32 = 0;
const RTM_GETLINK: u16 = 18;
const RTM_NEWLINK: u16 = 16;
const RTM_NEWADDR: u16 = 20;
const RTM_GETADDR: u16 = 22;
const RTM_NEWROUTE: u16 = 24;
const RTM_GETROUTE: u16 = 26;
const RTM_NEWNEIGH: u16 = 28;
const RTM_GETNEIGH: u16 = 30;
const AF_INET: u8 = 2;
const AF_INET6: u8 = 10;

pub(crate) fn link_request() -> Request {
    Request { name: "route-link", protocol: NETLINK_ROUTE, ty: RTM_GETLINK, body: vec![0; 16] }
}

pub(crate) fn addr_request() -> Request {
    Request { name: "route-addr", protocol: NETLINK_ROUTE, ty: RTM_GETADDR, body: vec![0; 8] }
}

pub(crate) fn route_request(family: AddressFamily) -> Request {
    let (fam, name) = match family {
        AddressFamily::Ipv4 => (AF_INET, "route-route4"),
        AddressFamily::Ipv6 => (AF_INET6, "route-route6"),
    };
    let mut body = vec![0; 12];
    body[0] = fam;
    Request { name, protocol: NETLINK_ROUTE, ty: RTM_GETROUTE, body }
}

pub(crate) fn neigh_request() -> Request {
    Request { name: "route-neigh", protocol: NETLINK_ROUTE, ty: RTM_GETNEIGH, body: vec![0; 12] }
}

fn family(b: u8) -> Option<AddressFamily> {
    match b {
        AF_INET => Some(AddressFamily::Ipv4),
        AF_INET6 => Some(AddressFamily::Ipv6),
        _ => None,
    }
}

/// An address attribute of `family` as 16 bytes (IPv4 in the first four).
fn addr(family: AddressFamily, v: &[u8], name: &'static str) -> Result<[u8; 16], ParseError> {
    let mut out = [0u8; 16];
    match (family, v.len()) {
        (AddressFamily::Ipv4, 4) => out[..4].copy_from_slice(v),
        (AddressFamily::Ipv6, 16) => out.copy_from_slice(v),
        _ => return Err(ParseError::invalid(name)),
    }
    Ok(out)
}

/// One link (`RTM_NEWLINK`).
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Link {
    pub index: u32,
    pub hw_type: u16,
    pub flags: u32,
    pub name: Vec<u8>,
    pub address: Option<Vec<u8>>,
    pub broadcast: Option<Vec<u8>>,
    pub permanent: Option<Vec<u8>>,
    pub mtu: u32,
    pub operstate: u8,
    pub txqlen: u32,
    pub carrier: Option<bool>,
    pub carrier_changes: Option<u64>,
    pub carrier_up: Option<u64>,
    pub carrier_down: Option<u64>,
    pub num_tx_queues: Option<u32>,
    pub num_rx_queues: Option<u32>,
    pub qdisc: Option<String>,
    pub master: Option<u32>,
    pub link: Option<u32>,
    pub kind: Option<String>,
    pub stats: Option<NetInterfaceStats>,
}

/// A reply of a dump that is not the dump's message type is malformed, not skipped: a
/// corrupted type field must not make its route (or address) vanish unnoticed.
fn expect(ty: u16, want: u16) -> Result<(), ParseError> {
    if ty == want { Ok(()) } else { Err(ParseError::bad("nlmsg_type", ty.to_string().as_bytes())) }
}

pub(crate) fn link(ty: u16, payload: &[u8]) -> Result<Option<Link>, ParseError> {
    expect(ty, RTM_NEWLINK)?;
    // The fixed header is read whole: its values are never a default.
    let Some(h) = payload.first_chunk::<16>() else {
        return Err(ParseError::malformed("ifinfomsg shorter than 16 bytes"));
    };
    let raw_index = i32::from_ne_bytes([h[4], h[5], h[6], h[7]]);
    let index = u32::try_from(raw_index).map_err(|_| ParseError::bad("ifi_index", raw_index.to_string().as_bytes()))?;
    let mut l = Link {
        index,
        hw_type: u16::from_ne_bytes([h[2], h[3]]),
        flags: u32::from_ne_bytes([h[8], h[9], h[10], h[11]]),
        name: Vec::new(),
        address: None,
        broadcast: None,
        permanent: None,
        mtu: 0,
        operstate: 0,
        txqlen: 0,
        carrier: None,
        carrier_changes: None,
        carrier_up: None,
        carrier_down: None,
        num_tx_queues: None,
        num_rx_queues: None,
        qdisc: None,
        master: None,
        link: None,
        kind: None,
        stats: None,
    };
    let (mut stats64, mut stats32) = (None, None);
    let u32_of = |v: &[u8], name| Bytes(v).u32(0).ok_or(ParseError::invalid(name));
    for a in attrs(&payload[16..]) {
        let (ty, v) = a?;
        match ty {
            1 => l.address = Some(v.to_vec()),
            2 => l.broadcast = Some(v.to_vec()),
            3 => l.name = cstr(v).to_vec(),
            4 => l.mtu = u32_of(v, "IFLA_MTU")?,
            5 => l.link = Some(u32_of(v, "IFLA_LINK")?),
            6 => l.qdisc = Some(String::from_utf8_lossy(cstr(v)).into_owned()),
            7 => stats32 = Some(v),
            10 => l.master = Some(u32_of(v, "IFLA_MASTER")?),
            13 => l.txqlen = u32_of(v, "IFLA_TXQLEN")?,
            16 => l.operstate = *v.first().ok_or(ParseError::invalid("IFLA_OPERSTATE"))?,
            18 => {
                for inner in attrs(v) {
                    let (ity, iv) = inner?;
                    if ity == 1 {
                        l.kind = Some(String::from_utf8_lossy(cstr(iv)).into_owned());
                    }
                }
            }
            23 => stats64 = Some(v),
            31 => l.num_tx_queues = Some(u32_of(v, "IFLA_NUM_TX_QUEUES")?),
            32 => l.num_rx_queues = Some(u32_of(v, "IFLA_NUM_RX_QUEUES")?),
            33 => l.carrier = Some(*v.first().ok_or(ParseError::invalid("IFLA_CARRIER"))? != 0),
            35 => l.carrier_changes = Some(u64::from(u32_of(v, "IFLA_CARRIER_CHANGES")?)),
            47 => l.carrier_up = Some(u64::from(u32_of(v, "IFLA_CARRIER_UP_COUNT")?)),
            48 => l.carrier_down = Some(u64::from(u32_of(v, "IFLA_CARRIER_DOWN_COUNT")?)),
            54 => l.permanent = Some(v.to_vec()),
            _ => {}
        }
    }
    if l.name.is_empty() {
        return Err(ParseError::missing("IFLA_IFNAME"));
    }
    l.stats = match (stats64, stats32) {
        (Some(v), _) => Some(stats(v, 8).ok_or(ParseError::invalid("IFLA_STATS64"))?),
        (None, Some(v)) => Some(stats(v, 4).ok_or(ParseError::invalid("IFLA_STATS"))?),
        _ => None,
    };
    Ok(Some(l))
}

/// `rtnl_link_stats64` (width 8) or `rtnl_link_stats` (width 4): 23 counters at least.
fn stats(v: &[u8], width: usize) -> Option<NetInterfaceStats> {
    let b = Bytes(v);
    let at = |i: usize| if width == 8 { b.u64(i * 8) } else { b.u32(i * 4).map(u64::from) };
    let opt = |i: usize| at(i).map_or(Field::Missing(Reason::NotSupported), Field::Value);
    Some(NetInterfaceStats {
        rx_packets: at(0)?,
        tx_packets: at(1)?,
        rx_bytes: at(2)?,
        tx_bytes: at(3)?,
        rx_errors: at(4)?,
        tx_errors: at(5)?,
        rx_dropped: at(6)?,
        tx_dropped: at(7)?,
        multicast: at(8)?,
        collisions: at(9)?,
        rx_length_errors: at(10)?,
        rx_over_errors: at(11)?,
        rx_crc_errors: at(12)?,
        rx_frame_errors: at(13)?,
        rx_fifo_errors: at(14)?,
        rx_missed_errors: at(15)?,
        tx_aborted_errors: at(16)?,
        tx_carrier_errors: at(17)?,
        tx_fifo_errors: at(18)?,
        tx_heartbeat_errors: at(19)?,
        tx_window_errors: at(20)?,
        rx_compressed: at(21)?,
        tx_compressed: at(22)?,
        rx_nohandler: opt(23),
        rx_otherhost_dropped: opt(24),
    })
}

/// One address (`RTM_NEWADDR`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Addr {
    pub family: AddressFamily,
    pub index: u32,
    pub prefix_len: u8,
    pub scope: u8,
    pub flags: u32,
    pub address: [u8; 16],
    pub peer: Option<[u8; 16]>,
    pub broadcast: Option<[u8; 16]>,
    pub label: Option<Vec<u8>>,
    pub valid_lifetime: Option<u32>,
    pub preferred_lifetime: Option<u32>,
}

pub(crate) fn address(ty: u16, payload: &[u8]) -> Result<Option<Addr>, ParseError> {
    expect(ty, RTM_NEWADDR)?;
    let Some(h) = payload.first_chunk::<8>() else {
        return Err(ParseError::malformed("ifaddrmsg shorter than 8 bytes"));
    };
    let Some(fam) = family(h[0]) else { return Ok(None) };
    let (mut local, mut address, mut broadcast, mut label, mut cache, mut flags32) =
        (None, None, None, None, None, None);
    for a in attrs(&payload[8..]) {
        let (ty, v) = a?;
        match ty {
            1 => address = Some(addr(fam, v, "IFA_ADDRESS")?),
            2 => local = Some(addr(fam, v, "IFA_LOCAL")?),
            3 => label = Some(cstr(v).to_vec()),
            4 => broadcast = Some(addr(fam, v, "IFA_BROADCAST")?),
            6 => cache = Some((Bytes(v).u32(0), Bytes(v).u32(4))),
            8 => flags32 = Some(Bytes(v).u32(0).ok_or(ParseError::invalid("IFA_FLAGS"))?),
            _ => {}
        }
    }
    let main = local.or(address).ok_or(ParseError::missing("IFA_ADDRESS"))?;
    let forever = |v: Option<u32>| v.filter(|&t| t != u32::MAX);
    Ok(Some(Addr {
        family: fam,
        index: u32::from_ne_bytes([h[4], h[5], h[6], h[7]]),
        prefix_len: h[1],
        scope: h[3],
        // IFA_FLAGS (3.14+) holds all of them, `ifa_flags` the first eight.
        flags: flags32.unwrap_or(u32::from(h[2])),
        address: main,
        peer: match (local, address) {
            (Some(l), Some(a)) if l != a => Some(a),
            _ => None,
        },
        broadcast,
        label,
        preferred_lifetime: cache.and_then(|c| forever(c.0)),
        valid_lifetime: cache.and_then(|c| forever(c.1)),
    }))
}

/// One next hop of a multipath route.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct NextHop {
    pub gateway: Option<[u8; 16]>,
    pub ifindex: u32,
    pub weight: u32,
    pub flags: u8,
}

/// One route (`RTM_NEWROUTE`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct RouteRow {
    pub family: AddressFamily,
    pub dst_len: u8,
    pub table: u32,
    pub protocol: u8,
    pub scope: u8,
    pub route_type: u8,
    pub flags: u32,
    pub destination: [u8; 16],
    pub gateway: Option<[u8; 16]>,
    pub oif: Option<u32>,
    pub priority: u32,
    pub prefsrc: Option<[u8; 16]>,
    pub mtu: Option<u32>,
    pub window: Option<u32>,
    pub rtt: Option<u32>,
    pub nexthops: Vec<NextHop>,
}

/// `RTM_F_CLONED`: a cache entry, not a configured route.
const RTM_F_CLONED: u32 = 0x200;

pub(crate) fn route(ty: u16, payload: &[u8]) -> Result<Option<RouteRow>, ParseError> {
    expect(ty, RTM_NEWROUTE)?;
    let Some(h) = payload.first_chunk::<12>() else {
        return Err(ParseError::malformed("rtmsg shorter than 12 bytes"));
    };
    // The dump asked for one family: a route of another is a corrupt reply.
    let Some(fam) = family(h[0]) else {
        return Err(ParseError::bad("rtm_family", h[0].to_string().as_bytes()));
    };
    let flags = u32::from_ne_bytes([h[8], h[9], h[10], h[11]]);
    if flags & RTM_F_CLONED != 0 {
        return Ok(None);
    }
    let mut r = RouteRow {
        family: fam,
        dst_len: h[1],
        table: u32::from(h[4]),
        protocol: h[5],
        scope: h[6],
        route_type: h[7],
        flags,
        destination: [0; 16],
        gateway: None,
        oif: None,
        priority: 0,
        prefsrc: None,
        mtu: None,
        window: None,
        rtt: None,
        nexthops: Vec::new(),
    };
    let max_len = if fam == AddressFamily::Ipv4 { 32 } else { 128 };
    if r.dst_len > max_len {
        return Err(ParseError::invalid("rtm_dst_len"));
    }
    let u32_of = |v: &[u8], name| Bytes(v).u32(0).ok_or(ParseError::invalid(name));
    for a in attrs(&payload[12..]) {
        let (ty, v) = a?;
        match ty {
            1 => r.destination = addr(fam, v, "RTA_DST")?,
            4 => r.oif = Some(u32_of(v, "RTA_OIF")?),
            5 => r.gateway = Some(addr(fam, v, "RTA_GATEWAY")?),
            6 => r.priority = u32_of(v, "RTA_PRIORITY")?,
            7 => r.prefsrc = Some(addr(fam, v, "RTA_PREFSRC")?),
            8 => {
                for m in attrs(v) {
                    let (mty, mv) = m?;
                    match mty {
                        2 => r.mtu = Some(u32_of(mv, "RTAX_MTU")?),
                        3 => r.window = Some(u32_of(mv, "RTAX_WINDOW")?),
                        4 => r.rtt = Some(u32_of(mv, "RTAX_RTT")? >> 3),
                        _ => {}
                    }
                }
            }
            9 => r.nexthops = multipath(fam, v)?,
            15 => r.table = u32_of(v, "RTA_TABLE")?,
            _ => {}
        }
    }
    Ok(Some(r))
}

/// `rtnexthop { u16 len; u8 flags, hops; i32 ifindex }` records, each with attributes.
fn multipath(fam: AddressFamily, mut v: &[u8]) -> Result<Vec<NextHop>, ParseError> {
    let mut out = Vec::new();
    while let Some(h) = v.first_chunk::<8>() {
        let len = usize::from(u16::from_ne_bytes([h[0], h[1]]));
        if len < 8 || len > v.len() {
            return Err(ParseError::invalid("RTA_MULTIPATH"));
        }
        // A next hop names its interface: a negative index is a corrupt reply, not 0.
        let raw_index = i32::from_ne_bytes([h[4], h[5], h[6], h[7]]);
        let mut hop = NextHop {
            gateway: None,
            ifindex: u32::try_from(raw_index)
                .map_err(|_| ParseError::bad("rtnh_ifindex", raw_index.to_string().as_bytes()))?,
            weight: u32::from(h[3]) + 1,
            flags: h[2],
        };
        for a in attrs(&v[8..len]) {
            let (ty, av) = a?;
            if ty == 5 {
                hop.gateway = Some(addr(fam, av, "RTA_GATEWAY")?);
            }
        }
        out.push(hop);
        v = v.get(super::netlink::align(len)..).unwrap_or(&[]);
    }
    Ok(out)
}

/// One neighbour (`RTM_NEWNEIGH`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Neigh {
    pub family: AddressFamily,
    pub ifindex: u32,
    pub state: u16,
    pub flags: u8,
    pub destination: [u8; 16],
    pub lladdr: Option<Vec<u8>>,
    pub probes: Option<u32>,
}

pub(crate) fn neighbour(ty: u16, payload: &[u8]) -> Result<Option<Neigh>, ParseError> {
    expect(ty, RTM_NEWNEIGH)?;
    let Some(h) = payload.first_chunk::<12>() else {
        return Err(ParseError::malformed("ndmsg shorter than 12 bytes"));
    };
    let Some(fam) = family(h[0]) else { return Ok(None) };
    // The interface is part of a neighbour's key: a negative index is a corrupt reply.
    let raw_index = i32::from_ne_bytes([h[4], h[5], h[6], h[7]]);
    let ifindex =
        u32::try_from(raw_index).map_err(|_| ParseError::bad("ndm_ifindex", raw_index.to_string().as_bytes()))?;
    let (mut dst, mut lladdr, mut probes) = (None, None, None);
    for a in attrs(&payload[12..]) {
        let (ty, v) = a?;
        match ty {
            1 => dst = Some(addr(fam, v, "NDA_DST")?),
            2 => lladdr = Some(v.to_vec()),
            4 => probes = uint(v).and_then(|p| u32::try_from(p).ok()),
            _ => {}
        }
    }
    Ok(Some(Neigh {
        family: fam,
        ifindex,
        state: u16::from_ne_bytes([h[8], h[9]]),
        flags: h[10],
        destination: dst.ok_or(ParseError::missing("NDA_DST"))?,
        lladdr,
        probes,
    }))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sys::imp::network::netlink::push_attr;

    #[test]
    fn a_link_with_stats64() {
        let mut m = vec![0, 0];
        m.extend_from_slice(&1u16.to_ne_bytes());
        m.extend_from_slice(&2i32.to_ne_bytes());
        m.extend_from_slice(&0x11043u32.to_ne_bytes());
        m.extend_from_slice(&0u32.to_ne_bytes());
        push_attr(&mut m, 3, b"eth0\0");
        push_attr(&mut m, 1, &[2, 0xfc, 0, 0, 0, 1]);
        push_attr(&mut m, 4, &1500u32.to_ne_bytes());
        push_attr(&mut m, 16, &[6]);
        push_attr(&mut m, 33, &[1]);
        let mut linkinfo = Vec::new();
        push_attr(&mut linkinfo, 1, b"veth\0");
        push_attr(&mut m, 18 | 0x8000, &linkinfo);
        let stats: Vec<u8> = (0u64..25).flat_map(|i| (i * 10).to_ne_bytes()).collect();
        push_attr(&mut m, 23, &stats);
        let l = link(RTM_NEWLINK, &m).unwrap().unwrap();
        assert_eq!((l.index, l.name.as_slice(), l.mtu, l.operstate), (2, &b"eth0"[..], 1500, 6));
        assert_eq!((l.carrier, l.kind.as_deref(), l.hw_type), (Some(true), Some("veth"), 1));
        let s = l.stats.unwrap();
        assert_eq!((s.rx_packets, s.rx_bytes, s.tx_compressed), (0, 20, 220));
        assert_eq!((s.rx_nohandler, s.rx_otherhost_dropped), (Field::Value(230), Field::Value(240)));
        // A reply of another type in a link dump is corrupt: an error naming it, not a skip.
        let e = link(RTM_NEWADDR, &m).unwrap_err();
        assert_eq!((e.field(), e.raw()), (Some("nlmsg_type"), Some("\"20\"")));
        push_attr(&mut m, 23, &stats[..100]);
        assert_eq!(link(RTM_NEWLINK, &m).unwrap_err().field(), Some("IFLA_STATS64"));
    }

    #[test]
    fn addresses_routes_neighbours() {
        let mut a = vec![AF_INET, 24, 0x80, 0, 2, 0, 0, 0];
        push_attr(&mut a, 2, &[10, 200, 0, 1]);
        push_attr(&mut a, 1, &[10, 200, 0, 1]);
        push_attr(&mut a, 4, &[10, 200, 0, 255]);
        push_attr(&mut a, 3, b"veth0\0");
        let mut ci = Vec::new();
        for v in [u32::MAX, u32::MAX, 0, 0] {
            ci.extend_from_slice(&v.to_ne_bytes());
        }
        push_attr(&mut a, 6, &ci);
        let x = address(RTM_NEWADDR, &a).unwrap().unwrap();
        assert_eq!((&x.address[..4], x.prefix_len, x.peer, x.valid_lifetime), (&[10, 200, 0, 1][..], 24, None, None));
        assert_eq!(x.broadcast.map(|b| b[3]), Some(255));

        let mut r = vec![AF_INET, 24, 0, 0, 254, 2, 253, 1, 0, 0, 0, 0];
        push_attr(&mut r, 1, &[10, 200, 0, 0]);
        push_attr(&mut r, 4, &2u32.to_ne_bytes());
        let mut metrics = Vec::new();
        push_attr(&mut metrics, 2, &1400u32.to_ne_bytes());
        push_attr(&mut metrics, 4, &(40u32 << 3).to_ne_bytes());
        push_attr(&mut r, 8 | 0x8000, &metrics);
        let x = route(RTM_NEWROUTE, &r).unwrap().unwrap();
        assert_eq!((x.dst_len, x.table, x.oif, x.mtu, x.rtt), (24, 254, Some(2), Some(1400), Some(40)));
        let mut bad = r.clone();
        bad[1] = 33;
        assert_eq!(route(RTM_NEWROUTE, &bad).unwrap_err().field(), Some("rtm_dst_len"));

        let mut n = vec![AF_INET, 0, 0, 0];
        n.extend_from_slice(&2i32.to_ne_bytes());
        n.extend_from_slice(&4u16.to_ne_bytes());
        n.extend_from_slice(&[0, 1]);
        push_attr(&mut n, 1, &[10, 200, 0, 2]);
        push_attr(&mut n, 2, &[0xaa, 0xbb, 0xcc, 0xdd, 0xee, 0xff]);
        let x = neighbour(RTM_NEWNEIGH, &n).unwrap().unwrap();
        assert_eq!((x.ifindex, x.state, x.lladdr.as_deref()), (2, 4, Some(&[0xaa, 0xbb, 0xcc, 0xdd, 0xee, 0xff][..])));
        // A negative interface index is the reply's error quoting it, never interface 0.
        let mut neg = n.clone();
        neg[4..8].copy_from_slice(&(-3i32).to_ne_bytes());
        let e = neighbour(RTM_NEWNEIGH, &neg).unwrap_err();
        assert_eq!((e.field(), e.raw()), (Some("ndm_ifindex"), Some("\"-3\"")));
        push_attr(&mut n, 1, &[1, 2, 3]);
        assert_eq!(neighbour(RTM_NEWNEIGH, &n).unwrap_err().field(), Some("NDA_DST"));
    }

    #[test]
    fn a_next_hop_with_a_negative_interface_is_an_error() {
        let hop = |ifindex: i32| {
            let mut h = 8u16.to_ne_bytes().to_vec();
            h.extend_from_slice(&[0, 1]);
            h.extend_from_slice(&ifindex.to_ne_bytes());
            h
        };
        let ok = multipath(AddressFamily::Ipv4, &hop(3)).unwrap();
        assert_eq!((ok[0].ifindex, ok[0].weight), (3, 2));
        let e = multipath(AddressFamily::Ipv4, &hop(-1)).unwrap_err();
        assert_eq!((e.field(), e.raw()), (Some("rtnh_ifindex"), Some("\"-1\"")));
    }
}
