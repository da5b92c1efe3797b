//! Routes of every table and the neighbour caches, from rtnetlink.

use crate::model::{Field, Reason, Warnings};
use crate::network::{
    AddressFamily, AddressScope, ArpEntry, NeighbourState, Route, RouteFlags, RouteNextHop, RouteType, ip_text,
    mac_text,
};

use super::interfaces::{LinkNames, mask_text};
use super::netlink::Netlink;
use super::{Collector, rtnetlink};

impl Collector<'_> {
    pub(super) fn routes(&self, nl: &mut Netlink<'_>, names: &LinkNames, w: &mut Warnings) -> Field<Vec<Route>> {
        let mut rows = Vec::new();
        for fam in [AddressFamily::Ipv4, AddressFamily::Ipv6] {
            if let Err(r) = self.dump(nl, &rtnetlink::route_request(fam), rtnetlink::route, |r| rows.push(r), w) {
                // No IPv6 in this kernel: no IPv6 routes.
                if fam == AddressFamily::Ipv6 && r == Reason::NotSupported {
                    continue;
                }
                return Field::Missing(r);
            }
        }
        let name = |i: u32| names.get(&i).map(|(n, _)| n.clone());
        Field::Value(
            rows.into_iter()
                .map(|r| {
                    let max = if r.family == AddressFamily::Ipv4 { 32 } else { 128 };
                    let rt = RouteType::from_kernel(r.route_type);
                    let dead = r.flags & 0x1 != 0;
                    let reject = matches!(rt, RouteType::Unreachable | RouteType::Prohibit | RouteType::Blackhole);
                    let bits = u32::from(!dead)
                        | u32::from(r.gateway.is_some()) << 1
                        | u32::from(r.dst_len == max) << 2
                        | u32::from(reject) << 9;
                    Route {
                        family: r.family,
                        destination: ip_text(r.family, &r.destination),
                        prefix_len: r.dst_len,
                        gateway: r.gateway.map(|g| ip_text(r.family, &g)),
                        genmask: mask_text(r.family, r.dst_len),
                        flags: RouteFlags {
                            up: !dead,
                            gateway: r.gateway.is_some(),
                            host: r.dst_len == max,
                            reject,
                            onlink: r.flags & 0x4 != 0,
                            linkdown: r.flags & 0x10 != 0,
                            dead,
                            bits,
                        },
                        metric: r.priority,
                        interface: r.oif.and_then(name),
                        interface_index: r.oif,
                        mtu: r.mtu,
                        window: r.window,
                        irtt: r.rtt,
                        table: r.table,
                        route_type: rt,
                        scope: AddressScope::from_kernel(r.scope),
                        protocol: r.protocol,
                        preferred_source: r.prefsrc.map(|s| ip_text(r.family, &s)),
                        nexthops: r
                            .nexthops
                            .iter()
                            .map(|h| RouteNextHop {
                                gateway: h.gateway.map(|g| ip_text(r.family, &g)),
                                interface_index: h.ifindex,
                                interface: name(h.ifindex),
                                weight: h.weight,
                            })
                            .collect(),
                    }
                })
                .collect(),
        )
    }

    pub(super) fn neighbours(&self, nl: &mut Netlink<'_>, names: &LinkNames, w: &mut Warnings) -> Field<Vec<ArpEntry>> {
        let mut rows = Vec::new();
        if let Err(r) = self.dump(nl, &rtnetlink::neigh_request(), rtnetlink::neighbour, |n| rows.push(n), w) {
            return Field::Missing(r);
        }
        Field::Value(
            rows.into_iter()
                .map(|n| {
                    let (device, hw_type) = names.get(&n.ifindex).cloned().unwrap_or_default();
                    // As /proc/net/arp: ATF_COM for a usable entry, ATF_PERM for a static one.
                    const VALID: u16 = 0x80 | 0x40 | 0x02 | 0x10 | 0x04 | 0x08;
                    let flags = if n.state & 0x80 != 0 {
                        0x6
                    } else if n.state & VALID != 0 {
                        0x2
                    } else {
                        0
                    };
                    ArpEntry {
                        family: n.family,
                        ip_address: ip_text(n.family, &n.destination),
                        hw_type,
                        flags,
                        hw_address: n.lladdr.as_deref().filter(|a| !a.is_empty()).map(mac_text),
                        device,
                        interface_index: n.ifindex,
                        state: NeighbourState::from_kernel(n.state),
                        router: n.flags & 0x80 != 0,
                        probes: n.probes,
                    }
                })
                .collect(),
        )
    }
}
