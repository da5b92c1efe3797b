//! The join of the network domain into the process domain: each process's open sockets
//! take their addresses and state from the socket tables.

use super::{AddressFamily, Network, UnixSocket};
use crate::model::Field;

/// `ip:port`, or `[ip]:port` for IPv6.
fn endpoint(family: AddressFamily, addr: &str, port: u16) -> String {
    match family {
        AddressFamily::Ipv4 => format!("{addr}:{port}"),
        AddressFamily::Ipv6 => format!("[{addr}]:{port}"),
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
pub(super) fn join_open_sockets(net: &Network, procs: &mut [crate::process::ProcessFull]) {
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
        let state = s.state.as_ref().map(|st| crate::schema::EnumType::enum_value(st).name.to_owned());
        by_inode.insert(s.inode, (unix_name(s), remote, state));
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
