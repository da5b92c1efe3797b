//! Interfaces and their addresses: rtnetlink, with speed and duplex from sysfs or the
//! ethtool ioctl, and driver information from the ethtool ioctl.

use std::collections::HashMap;
use std::net::{Ipv4Addr, Ipv6Addr};

use crate::error::{Error, ErrorKind};
use crate::model::{Field, Reason, Warnings};
use crate::network::{
    AddressFamily, AddressScope, Duplex, InterfaceFlags, InterfaceState, Ipv4Info, Ipv6Info, NetInterfaceFull, ip_text,
    mac_text,
};
use crate::sys::imp::sysfs::class_net;
use crate::text::ByteStr;

use super::netlink::Netlink;
use super::{Collector, ethtool, rtnetlink};

/// Each interface's name and `ARPHRD_*` type, by index.
pub(super) type LinkNames = HashMap<u32, (ByteStr, u16)>;

impl Collector<'_> {
    pub(super) fn links(&self, nl: &mut Netlink<'_>, w: &mut Warnings) -> Field<Vec<rtnetlink::Link>> {
        let mut links = Vec::new();
        match self.dump(nl, &rtnetlink::link_request(), rtnetlink::link, |l| links.push(l), w) {
            Ok(()) => {
                links.sort_by_key(|l| l.index);
                links.dedup_by_key(|l| l.index);
                Field::Value(links)
            }
            Err(r) => Field::Missing(r),
        }
    }

    pub(super) fn interfaces(
        &self,
        nl: &mut Netlink<'_>,
        links: Vec<rtnetlink::Link>,
        w: &mut Warnings,
    ) -> Vec<NetInterfaceFull> {
        let mut addrs = Vec::new();
        let addrs_ok = self.dump(nl, &rtnetlink::addr_request(), rtnetlink::address, |a| addrs.push(a), w);
        let mut eth = ethtool::Ethtool::new(self.src);
        let mut out = Vec::with_capacity(links.len());
        for l in links {
            let (v4, v6) = match &addrs_ok {
                Ok(()) => {
                    let mine = addrs.iter().filter(|a| a.index == l.index);
                    let (mut v4, mut v6) = (Vec::new(), Vec::new());
                    for a in mine {
                        match a.family {
                            AddressFamily::Ipv4 => v4.push(ipv4_info(a)),
                            AddressFamily::Ipv6 => v6.push(ipv6_info(a)),
                        }
                    }
                    (Field::Value(v4), Field::Value(v6))
                }
                Err(r) => (Field::Missing(*r), Field::Missing(*r)),
            };
            let (driver, driver_version, firmware_version, bus_info) = match eth.drvinfo(&l.name) {
                Ok(d) => (nonempty(d.driver), nonempty(d.version), nonempty(d.firmware), nonempty(d.bus)),
                Err(e) => {
                    let r = w.reason(e);
                    (Field::Missing(r), Field::Missing(r), Field::Missing(r), Field::Missing(r))
                }
            };
            let (speed_mbps, duplex) = self.link_speed(&mut eth, &l, w);
            let opt_u64 = |v: Option<u64>| v.map_or(Field::Missing(Reason::NotSupported), Field::Value);
            let opt_u32 = |v: Option<u32>| v.map_or(Field::Missing(Reason::NotSupported), Field::Value);
            let mac = l.address.as_deref().filter(|a| !a.is_empty()).map(mac_text);
            out.push(NetInterfaceFull {
                name: ByteStr::from(l.name.as_slice()),
                index: l.index,
                mac_address: mac,
                broadcast_address: l.broadcast.as_deref().filter(|a| !a.is_empty()).map(mac_text),
                permanent_address: l.permanent.as_deref().filter(|a| !a.is_empty()).map(mac_text),
                mtu: l.mtu,
                flags: InterfaceFlags::from_bits(l.flags),
                state: InterfaceState::from_kernel(l.operstate),
                hw_type: l.hw_type,
                kind: l.kind.clone(),
                speed_mbps,
                duplex,
                carrier: l.carrier.map_or(Field::Missing(Reason::NotSupported), Field::Value),
                carrier_changes: opt_u64(l.carrier_changes),
                carrier_up_count: opt_u64(l.carrier_up),
                carrier_down_count: opt_u64(l.carrier_down),
                ipv4_addresses: v4,
                ipv6_addresses: v6,
                stats: l.stats.map_or(Field::Missing(Reason::NotSupported), Field::Value),
                tx_queue_len: l.txqlen,
                rx_queue_len: Field::Missing(Reason::NotSupported),
                num_tx_queues: opt_u32(l.num_tx_queues),
                num_rx_queues: opt_u32(l.num_rx_queues),
                qdisc: l.qdisc.clone(),
                master_index: l.master,
                link_index: l.link.filter(|&i| i != l.index),
                driver,
                driver_version,
                firmware_version,
                bus_info,
            });
        }
        out
    }

    /// Speed and duplex: sysfs for the probe's own namespace, `ETHTOOL_GSET` for another
    /// (or where sysfs has no such interface).
    fn link_speed(
        &self,
        eth: &mut ethtool::Ethtool<'_>,
        l: &rtnetlink::Link,
        w: &mut Warnings,
    ) -> (Field<u32>, Field<Duplex>) {
        let down = l.flags & 0x1 == 0;
        // Unknown values: off while the link is down, else the driver cannot tell.
        let unknown = if down || l.carrier == Some(false) { Reason::NotEnabled } else { Reason::NotSupported };
        if self.own_namespace {
            let dir = format!("class/net/{}", String::from_utf8_lossy(&l.name));
            let read = |name: &str| self.src.read_sys(format!("{dir}/{name}"));
            match (read("speed"), read("duplex")) {
                (Err(e), _) if e.kind() == ErrorKind::NotFound => {}
                (speed, duplex) => {
                    let mut one = |r: Result<Vec<u8>, Error>| -> Result<Vec<u8>, Reason> {
                        r.map_err(|e| match e.kind() {
                            // The kernel refuses while the link is down or without link settings.
                            ErrorKind::InvalidArgument | ErrorKind::Unsupported => {
                                if down {
                                    Reason::NotEnabled
                                } else {
                                    Reason::NotSupported
                                }
                            }
                            _ => w.reason(e),
                        })
                    };
                    let (speed, duplex) = (one(speed), one(duplex));
                    let sys = |f: &str| self.src.sys_path(format!("{dir}/{f}"));
                    let speed = match speed {
                        Ok(v) => match class_net::speed(&v) {
                            Ok(Some(s)) => Field::Value(s),
                            Ok(None) => Field::Missing(unknown),
                            Err(e) => {
                                w.push(e.in_file(sys("speed")));
                                Field::Missing(Reason::Error)
                            }
                        },
                        Err(r) => Field::Missing(r),
                    };
                    let duplex = match duplex {
                        Ok(v) => match class_net::duplex(&v) {
                            Ok(Some(d)) => Field::Value(d),
                            Ok(None) => Field::Missing(unknown),
                            Err(e) => {
                                w.push(e.in_file(sys("duplex")));
                                Field::Missing(Reason::Error)
                            }
                        },
                        Err(r) => Field::Missing(r),
                    };
                    return (speed, duplex);
                }
            }
        }
        match eth.link_settings(&l.name) {
            Ok(s) => (
                s.speed_mbps.map_or(Field::Missing(unknown), Field::Value),
                s.full_duplex
                    .map_or(Field::Missing(unknown), |f| Field::Value(if f { Duplex::Full } else { Duplex::Half })),
            ),
            Err(e) => {
                let r = w.reason(e);
                (Field::Missing(r), Field::Missing(r))
            }
        }
    }
}

/// The names of the interfaces `links` lists (none when they were not read).
pub(super) fn link_names(links: Option<&Field<Vec<rtnetlink::Link>>>) -> LinkNames {
    match links {
        Some(Field::Value(l)) => l.iter().map(|l| (l.index, (ByteStr::from(l.name.as_slice()), l.hw_type))).collect(),
        _ => HashMap::new(),
    }
}

fn nonempty(s: String) -> Field<String> {
    if s.is_empty() { Field::Missing(Reason::NotPresent) } else { Field::Value(s) }
}

/// A prefix length as a mask (`255.255.255.0`, `ffff:ffff::`).
pub(super) fn mask_text(family: AddressFamily, len: u8) -> String {
    match family {
        AddressFamily::Ipv4 => {
            let m = if len == 0 { 0 } else { u32::MAX << (32 - u32::from(len.min(32))) };
            Ipv4Addr::from(m).to_string()
        }
        AddressFamily::Ipv6 => {
            let m = if len == 0 { 0 } else { u128::MAX << (128 - u32::from(len.min(128))) };
            Ipv6Addr::from(m).to_string()
        }
    }
}

fn ipv4_info(a: &rtnetlink::Addr) -> Ipv4Info {
    Ipv4Info {
        address: ip_text(AddressFamily::Ipv4, &a.address),
        prefix_len: a.prefix_len,
        netmask: mask_text(AddressFamily::Ipv4, a.prefix_len),
        broadcast: a.broadcast.map(|b| ip_text(AddressFamily::Ipv4, &b)),
        peer: a.peer.map(|p| ip_text(AddressFamily::Ipv4, &p)),
        scope: AddressScope::from_kernel(a.scope),
        label: a.label.as_deref().map(ByteStr::from),
        flags: a.flags,
        valid_lifetime: a.valid_lifetime,
        preferred_lifetime: a.preferred_lifetime,
    }
}

fn ipv6_info(a: &rtnetlink::Addr) -> Ipv6Info {
    Ipv6Info {
        address: ip_text(AddressFamily::Ipv6, &a.address),
        prefix_len: a.prefix_len,
        scope: AddressScope::from_kernel(a.scope),
        flags: a.flags,
        valid_lifetime: a.valid_lifetime,
        preferred_lifetime: a.preferred_lifetime,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn masks() {
        assert_eq!(mask_text(AddressFamily::Ipv4, 24), "255.255.255.0");
        assert_eq!(mask_text(AddressFamily::Ipv4, 0), "0.0.0.0");
        assert_eq!(mask_text(AddressFamily::Ipv4, 32), "255.255.255.255");
        assert_eq!(mask_text(AddressFamily::Ipv6, 64), "ffff:ffff:ffff:ffff::");
        assert_eq!(mask_text(AddressFamily::Ipv6, 128), "ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff");
    }
}
