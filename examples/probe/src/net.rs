//! `probe net` (every socket with its owners, in the columns of `ss -tuxanp`) and the
//! network section of `probe snapshot` (socket counts like `ss -s`, then interfaces,
//! routes, neighbours and conntrack).

use std::fmt::Write;

use libprobe::Field;
use libprobe::network::{
    AddressFamily, InterfaceState, NetInterfaceFull, Network, PacketSocketType, SocketOwner, TcpState, UnixSocketType,
    UnixState,
};
use libprobe::text::escape;

use crate::render::bytes;

/// One line of the socket listing.
struct Row {
    netid: &'static str,
    state: &'static str,
    recv_q: String,
    send_q: String,
    local: String,
    peer: String,
    process: String,
    extra: String,
}

fn queue(f: &Field<u32>) -> String {
    f.get().map_or_else(|| "-".into(), |v| v.to_string())
}

/// `users:(("name",pid=1,fd=3),…)`, or why there is none.
fn users(owners: &Field<Vec<SocketOwner>>) -> String {
    match owners {
        Field::Value(o) => {
            let list: Vec<String> = o
                .iter()
                .map(|w| format!("(\"{}\",pid={},fd={})", escape(w.process_name.as_bytes()), w.pid, w.fd))
                .collect();
            format!("users:({})", list.join(","))
        }
        Field::Missing(libprobe::Reason::NotPresent) | Field::Missing(libprobe::Reason::Disabled) => String::new(),
        Field::Missing(r) => format!("users: — ({r})"),
    }
}

fn endpoint(family: AddressFamily, addr: &str, port: Option<u16>) -> String {
    let port = port.filter(|&p| p != 0).map_or_else(|| "*".to_owned(), |p| p.to_string());
    match family {
        AddressFamily::Ipv4 => format!("{addr}:{port}"),
        AddressFamily::Ipv6 => format!("[{addr}]:{port}"),
    }
}

fn tcp_state(s: TcpState) -> &'static str {
    match s {
        TcpState::Established => "ESTAB",
        TcpState::SynSent => "SYN-SENT",
        TcpState::SynRecv => "SYN-RECV",
        TcpState::FinWait1 => "FIN-WAIT-1",
        TcpState::FinWait2 => "FIN-WAIT-2",
        TcpState::TimeWait => "TIME-WAIT",
        TcpState::Close => "UNCONN",
        TcpState::CloseWait => "CLOSE-WAIT",
        TcpState::LastAck => "LAST-ACK",
        TcpState::Listen => "LISTEN",
        TcpState::Closing => "CLOSING",
        TcpState::BoundInactive => "BOUND",
        TcpState::Unknown => "UNKNOWN",
    }
}

/// The sockets of `n`, one per line, as `ss -tuxanp` prints them (`-i`: TCP internals too).
pub fn sockets(n: &Network, info: bool) -> String {
    let mut rows = Vec::new();
    for c in n.tcp() {
        let mut extra = String::new();
        if info && let Field::Value(i) = &c.info {
            let _ = write!(
                extra,
                " {} rtt:{:.3}/{:.3} cwnd:{} ssthresh:{} retrans:{}/{} lost:{} bytes_acked:{} bytes_received:{} \
                 pacing_rate:{}bps delivery_rate:{}bps",
                c.congestion.value().map_or("", String::as_str),
                i.rtt_us as f64 / 1000.0,
                i.rttvar_us as f64 / 1000.0,
                i.snd_cwnd,
                i.snd_ssthresh,
                i.retrans,
                i.total_retrans,
                i.lost,
                i.bytes_acked,
                i.bytes_received,
                if i.pacing_rate == u64::MAX {
                    "unlimited ".into()
                } else {
                    i.pacing_rate.saturating_mul(8).to_string()
                },
                i.delivery_rate.saturating_mul(8),
            );
        }
        let listening = c.state == TcpState::Listen;
        rows.push(Row {
            netid: "tcp",
            state: tcp_state(c.state),
            recv_q: c.rx_queue.to_string(),
            send_q: if listening { queue(&c.accept_backlog_max) } else { c.tx_queue.to_string() },
            local: endpoint(c.family, &c.local_addr, Some(c.local_port)),
            peer: endpoint(c.family, &c.remote_addr, Some(c.remote_port)),
            process: users(&c.owners),
            extra,
        });
    }
    for u in n.udp() {
        let remote = u.remote_addr.as_deref().unwrap_or(if u.family == AddressFamily::Ipv4 { "0.0.0.0" } else { "::" });
        rows.push(Row {
            netid: if u.lite { "udpl" } else { "udp" },
            state: if u.remote_addr.is_some() { "ESTAB" } else { "UNCONN" },
            recv_q: u.rx_queue.to_string(),
            send_q: u.tx_queue.to_string(),
            local: endpoint(u.family, &u.local_addr, Some(u.local_port)),
            peer: endpoint(u.family, remote, u.remote_port),
            process: users(&u.owners),
            extra: String::new(),
        });
    }
    for r in n.raw() {
        rows.push(Row {
            netid: "raw",
            state: "UNCONN",
            recv_q: r.rx_queue.to_string(),
            send_q: r.tx_queue.to_string(),
            local: endpoint(r.family, &r.local_addr, Some(u16::from(r.protocol))),
            peer: endpoint(r.family, &r.remote_addr, None),
            process: users(&r.owners),
            extra: String::new(),
        });
    }
    for x in n.unix() {
        let name = if x.path.is_empty() {
            "*".to_owned()
        } else if x.is_abstract {
            format!("@{}", escape(x.path.as_bytes()))
        } else {
            escape(x.path.as_bytes())
        };
        rows.push(Row {
            netid: match x.socket_type {
                Field::Value(UnixSocketType::Stream) => "u_str",
                Field::Value(UnixSocketType::Dgram) => "u_dgr",
                Field::Value(UnixSocketType::Seqpacket) => "u_seq",
                Field::Value(UnixSocketType::Unknown) | Field::Missing(_) => "u_???",
            },
            state: match x.state {
                Field::Value(UnixState::Connected) => "ESTAB",
                Field::Value(UnixState::Listening) => "LISTEN",
                Field::Value(UnixState::Unconnected) => "UNCONN",
                Field::Value(UnixState::Unknown) | Field::Missing(_) => "UNKNOWN",
            },
            recv_q: queue(&x.rx_queue),
            send_q: queue(&x.tx_queue),
            local: format!("{name} {}", x.inode),
            peer: format!("* {}", x.peer_inode.get().map_or_else(|| "0".into(), |p| p.to_string())),
            process: users(&x.owners),
            extra: String::new(),
        });
    }
    for s in n.netlink() {
        rows.push(Row {
            netid: "nl",
            state: "UNCONN",
            recv_q: queue(&s.rx_queue),
            send_q: queue(&s.tx_queue),
            local: format!("{}:{}", s.protocol_name, s.port_id),
            peer: "*".into(),
            process: users(&s.owners),
            extra: String::new(),
        });
    }
    for p in n.packet() {
        rows.push(Row {
            netid: match p.socket_type {
                Field::Value(PacketSocketType::Raw) => "p_raw",
                Field::Value(PacketSocketType::Dgram) => "p_dgr",
                Field::Value(PacketSocketType::Unknown) | Field::Missing(_) => "p_???",
            },
            state: "UNCONN",
            recv_q: queue(&p.rx_queue),
            send_q: "0".into(),
            local: format!(
                "{}:{}",
                p.protocol.get().map_or_else(|| "?".into(), |v| format!("0x{v:04x}")),
                match p.interface_index {
                    Field::Value(0) => "*".into(),
                    Field::Value(i) => i.to_string(),
                    Field::Missing(_) => "?".into(),
                }
            ),
            peer: "*".into(),
            process: users(&p.owners),
            extra: String::new(),
        });
    }
    let w = |f: fn(&Row) -> usize, title: usize| rows.iter().map(f).max().unwrap_or(0).max(title);
    let (wl, wp) = (w(|r| r.local.len(), 18), w(|r| r.peer.len(), 17));
    let mut out = String::new();
    let _ = writeln!(
        out,
        "{:<6} {:<10} {:>6} {:>6} {:<wl$} {:<wp$} Process",
        "Netid", "State", "Recv-Q", "Send-Q", "Local Address:Port", "Peer Address:Port"
    );
    for r in &rows {
        let _ = writeln!(
            out,
            "{:<6} {:<10} {:>6} {:>6} {:<wl$} {:<wp$} {}{}",
            r.netid, r.state, r.recv_q, r.send_q, r.local, r.peer, r.process, r.extra
        );
    }
    out
}

/// A count, or `—` when missing.
fn shown(f: &Field<u32>) -> String {
    f.get().map_or_else(|| "—".into(), |v| v.to_string())
}

fn count<T>(f: &Field<Vec<T>>) -> String {
    match f {
        Field::Value(v) => v.len().to_string(),
        Field::Missing(r) => format!("— ({r})"),
    }
}

/// The network section of `probe snapshot` (`page_size` converts the kernel's page counts).
pub fn section(out: &mut String, n: &Network, page_size: u64) {
    let _ = writeln!(out, "\n== network ==");
    let ns = n.namespace.inode.get().map_or_else(|| "—".into(), |i| format!("net:[{i}]"));
    let _ = writeln!(out, "namespace   {ns} ({})", n.namespace.target);
    if let Field::Value(s) = &n.socket_stats {
        let _ = writeln!(
            out,
            "sockets     {} used; TCP {} in use, {} orphaned, {} in TIME_WAIT, {} of memory",
            shown(&s.sockets_used),
            shown(&s.tcp_inuse),
            shown(&s.tcp_orphan),
            shown(&s.tcp_tw),
            s.tcp_mem_pages.get().map_or_else(|| "—".into(), |p| bytes(p.saturating_mul(page_size))),
        );
    }
    let t = &n.tcp_stats;
    let c = |f: &Field<u32>| f.get().map_or_else(|| "—".into(), |v| v.to_string());
    let _ = writeln!(
        out,
        "tcp         {} sockets: {} established, {} listening, {} time-wait, {} syn-recv, {} close-wait, {} fin-wait",
        count(&n.tcp),
        c(&t.connections_established),
        c(&t.connections_listen),
        c(&t.connections_time_wait),
        c(&t.connections_syn_recv),
        c(&t.connections_close_wait),
        t.connections_fin_wait1
            .get()
            .zip(t.connections_fin_wait2.get())
            .map_or_else(|| "—".into(), |(a, b)| (a + b).to_string()),
    );
    if let (Some(a), Some(p), Some(r)) = (t.active_opens.get(), t.passive_opens.get(), t.retrans_segs.get()) {
        let _ =
            writeln!(out, "            since boot: {a} active opens, {p} passive opens, {r} segments retransmitted");
    }
    let _ = writeln!(
        out,
        "other       udp {}, unix {}, raw {}, netlink {}, packet {}",
        count(&n.udp),
        count(&n.unix_sockets),
        count(&n.raw),
        count(&n.netlink),
        count(&n.packet)
    );
    let fallbacks: Vec<String> = n
        .socket_sources
        .iter()
        .filter(|(_, s)| s.as_str() != "sock_diag")
        .map(|(t, s)| format!("{t} from {s}"))
        .collect();
    if !fallbacks.is_empty() {
        let _ = writeln!(out, "            (not from sock_diag: {})", fallbacks.join(", "));
    }
    match &n.interfaces {
        Field::Value(ifs) => {
            let _ = writeln!(out, "interfaces  {}", ifs.len());
            for i in ifs {
                interface(out, i);
            }
        }
        Field::Missing(r) => {
            let _ = writeln!(out, "interfaces  — ({r})");
        }
    }
    if let Field::Value(routes) = &n.routes {
        let v4 = routes.iter().filter(|r| r.family == AddressFamily::Ipv4).count();
        let defaults: Vec<String> = routes
            .iter()
            .filter(|r| r.prefix_len == 0 && r.table == 254 && r.gateway.is_some())
            .map(|r| {
                let dev = r.interface.as_ref().map_or_else(String::new, |d| format!(" dev {}", escape(d.as_bytes())));
                format!("default via {}{dev}", r.gateway.as_deref().unwrap_or(""))
            })
            .collect();
        let _ = writeln!(
            out,
            "routes      {} ({v4} IPv4, {} IPv6); {}",
            routes.len(),
            routes.len() - v4,
            defaults.join("; ")
        );
    }
    let _ = writeln!(out, "neighbours  {}", count(&n.neighbours));
    let ct = &n.conntrack_stats;
    let _ = writeln!(
        out,
        "conntrack   {} entries of {}{}",
        ct.entries.get().map_or_else(|| "—".into(), |v| v.to_string()),
        ct.max_entries.get().map_or_else(|| "—".into(), |v| v.to_string()),
        match &n.conntrack {
            Field::Value(v) => format!(", {} listed", v.len()),
            Field::Missing(libprobe::Reason::Disabled) => String::new(),
            Field::Missing(r) => format!(", entries — ({r})"),
        }
    );
}

fn interface(out: &mut String, i: &NetInterfaceFull) {
    let state = match i.state {
        InterfaceState::Up => "up",
        InterfaceState::Down => "down",
        InterfaceState::LowerLayerDown => "lowerdown",
        InterfaceState::Dormant => "dormant",
        InterfaceState::Testing => "testing",
        InterfaceState::NotPresent => "notpresent",
        InterfaceState::Unknown => {
            if i.flags.up {
                "unknown"
            } else {
                "down"
            }
        }
    };
    let mut addrs: Vec<String> = Vec::new();
    if let Field::Value(v4) = &i.ipv4_addresses {
        addrs.extend(v4.iter().map(|a| format!("{}/{}", a.address, a.prefix_len)));
    }
    if let Field::Value(v6) = &i.ipv6_addresses {
        addrs.extend(v6.iter().map(|a| format!("{}/{}", a.address, a.prefix_len)));
    }
    let driver = match (&i.driver, &i.bus_info) {
        (Field::Value(d), Field::Value(b)) => format!(" {d} {b}"),
        (Field::Value(d), _) => format!(" {d}"),
        _ => String::new(),
    };
    let speed = i.speed_mbps.get().map_or_else(String::new, |s| format!(" {s} Mbit/s"));
    let stats = match &i.stats {
        Field::Value(s) => format!("  rx {} tx {}", bytes(s.rx_bytes), bytes(s.tx_bytes)),
        Field::Missing(_) => String::new(),
    };
    let _ = writeln!(
        out,
        "  {:<10} {:<8} mtu {:<6}{driver}{speed}  {}{stats}",
        escape(i.name.as_bytes()),
        state,
        i.mtu,
        addrs.join(" ")
    );
}
