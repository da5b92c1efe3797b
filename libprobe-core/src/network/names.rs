//! How the network domain writes kernel numbers as text: addresses, netlink families,
//! conntrack states and status bits, IP protocols.

use super::AddressFamily;

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
