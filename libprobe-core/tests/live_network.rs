//! The network domain against the live kernel and the system's own tools, in network
//! namespaces of their own.
//!
//! Each test builds a lab ([`Lab`]): two namespaces joined by a veth pair (A: 10.201.x.1/24
//! and fd01:x::1/64, B: 10.201.x.2 and fd01:x::2), and Python helpers inside them that hold
//! sockets with known properties — TCP listening, established (IPv4, IPv6, IPv4-mapped),
//! TIME_WAIT; UDP unconnected and connected over IPv4-mapped IPv6 with two owners; Unix
//! stream at a path with a pending connection, abstract datagram pair; raw ICMP; netlink
//! route with a group; packet. The probe collects namespace A from outside (by path, by
//! pid), and the tests check every field of those sockets against what the helper
//! created, then compare whole tables with `ss -tuwxanpe`, `ip -j link/addr/route/neigh`
//! and `conntrack -L`. Namespaces are removed and helpers killed by guards, even when a
//! test panics.
//!
//! Needs root, iproute2 and python3 (`conntrack` for the conntrack test; `make deps`
//! installs it); otherwise each test prints `SKIPPED` and passes.

#![cfg(target_os = "linux")]

use std::collections::{BTreeMap, BTreeSet};
use std::io::{BufRead, BufReader, Write};
use std::process::{Child, ChildStdin, ChildStdout, Command, Stdio};
use std::sync::atomic::{AtomicU32, Ordering};
use std::time::{Duration, Instant};

use libprobe::network::Network;
use libprobe::network::{
    AddressFamily, Duplex, InterfaceState, NetworkOptions, OwnersFrom, SocketOwner, TcpState, UnixSocketType,
    UnixState, Via,
};
use libprobe::{DomainName, DomainState, Domains, Field, NetNamespaceTarget, Options, Probe, Reason};
use serde_json::Value;

/// The helper processes: role `a` holds sockets of every kind in namespace A, role `b`
/// their peers in namespace B. Each prints one JSON line (`{"pid", "sockets": {name:
/// [fd, inode]}, …}`) when ready and exits when its stdin closes.
const HELPER: &str = r#"
import ctypes, json, os, select, signal, socket, sys, time
libc = ctypes.CDLL(None)
libc.prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG: die with the test
role, tag, net = sys.argv[1], sys.argv[2], sys.argv[3]
A4, B4, A6, B6 = f"10.201.{net}.1", f"10.201.{net}.2", f"fd01:{net}::1", f"fd01:{net}::2"
out = {"pid": os.getpid(), "sockets": {}}
held = []
def note(name, s):
    held.append(s)
    out["sockets"][name] = [s.fileno(), os.fstat(s.fileno()).st_ino]
if role == "a":
    l = socket.socket(); l.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1); l.bind((A4, 6000)); l.listen(32); note("listen4", l)
    l6 = socket.socket(socket.AF_INET6); l6.setsockopt(socket.IPPROTO_IPV6, socket.IPV6_V6ONLY, 1); l6.bind((A6, 6001)); l6.listen(8); note("listen6", l6)
    d = socket.socket(socket.AF_INET6); d.setsockopt(socket.IPPROTO_IPV6, socket.IPV6_V6ONLY, 0); d.bind(("::", 6002)); d.listen(8); note("listen_dual", d)
    print(json.dumps({"ready": True}), flush=True)
    sys.stdin.readline()  # B has connected
    for name, lst in (("est4", l), ("est6", l6), ("mapped", d)):
        c, _ = lst.accept(); note(name, c)
        c.sendall(b"x" * 50)
    # TIME_WAIT over loopback: the side that closes first keeps it.
    lo = socket.socket(); lo.bind(("127.0.0.1", 6003)); lo.listen(1)
    tw = socket.create_connection(("127.0.0.1", 6003), source_address=("127.0.0.1", 42000)); tws, _ = lo.accept()
    tw.close(); time.sleep(0.1); tws.close(); lo.close()
    u = socket.socket(socket.AF_INET, socket.SOCK_DGRAM); u.bind((A4, 6100)); note("udp4", u)
    u6 = socket.socket(socket.AF_INET6, socket.SOCK_DGRAM); u6.bind(("::", 6101)); u6.connect(("::ffff:" + B4, 7100)); note("udp6_mapped", u6)
    path = f"/tmp/lpnet-{tag}.sock"
    ul = socket.socket(socket.AF_UNIX); ul.bind(path); ul.listen(4); note("unix_listen", ul)
    uc = socket.socket(socket.AF_UNIX); uc.connect(path); note("unix_client", uc)
    us, _ = ul.accept(); note("unix_server", us)
    pending = socket.socket(socket.AF_UNIX); pending.connect(path); note("unix_pending", pending)
    da = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM); da.bind(f"\0lpnet-{tag}-a".encode()); note("dgram_a", da)
    db = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM); db.bind(f"\0lpnet-{tag}-b".encode()); note("dgram_b", db)
    da.connect(f"\0lpnet-{tag}-b".encode()); db.connect(f"\0lpnet-{tag}-a".encode())
    r = socket.socket(socket.AF_INET, socket.SOCK_RAW, socket.IPPROTO_ICMP); note("raw", r)
    nl = socket.socket(socket.AF_NETLINK, socket.SOCK_RAW, 0); nl.bind((0, 1)); note("netlink", nl)
    pk = socket.socket(socket.AF_PACKET, socket.SOCK_RAW, socket.htons(3)); note("packet", pk)
    # A second owner of the UDP socket: a child that keeps only that descriptor.
    shared = u.fileno()
    child = os.fork()
    if child == 0:
        libc.prctl(1, signal.SIGKILL)
        os.closerange(0, shared); os.closerange(shared + 1, 65536)
        while True:
            time.sleep(1000)
    # Ready only once the child holds nothing but that descriptor: before its closerange it
    # still shares every socket above.
    while os.listdir(f"/proc/{child}/fd") != [str(shared)]:
        time.sleep(0.005)
    out["child"] = child
    out["unix_path"] = path
    out["unix_vfs_inode"] = os.stat(path).st_ino
elif role == "b":
    ub = socket.socket(socket.AF_INET, socket.SOCK_DGRAM); ub.bind((B4, 7100)); note("udp_peer", ub)
    c4 = socket.create_connection((A4, 6000), source_address=(B4, 41000)); note("cli4", c4)
    c6 = socket.create_connection((A6, 6001), source_address=(B6, 41001)); note("cli6", c6)
    cm = socket.create_connection((A4, 6002), source_address=(B4, 41002)); note("climapped", cm)
    for c in (c4, c6, cm):
        c.sendall(b"y" * 100)
elif role == "churn":
    # Connections opened and closed as fast as possible, until stdin closes.
    lst = socket.socket(); lst.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1); lst.bind((A4, 6500)); lst.listen(512)
    print(json.dumps(out), flush=True)
    while not select.select([sys.stdin], [], [], 0)[0]:
        cs = [socket.create_connection((A4, 6500)) for _ in range(50)]
        ss = [lst.accept()[0] for _ in range(50)]
        for s in cs + ss:
            s.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, b"\1\0\0\0\0\0\0\0")
            s.close()
    sys.exit(0)
print(json.dumps(out), flush=True)
sys.stdin.readline()
"#;

static LABS: AtomicU32 = AtomicU32::new(0);

/// Whether this machine can run the lab; prints why not.
fn can_run(test: &str) -> bool {
    // SAFETY: geteuid cannot fail.
    if unsafe { libc::geteuid() } != 0 {
        eprintln!("SKIPPED {test}: needs root (network namespaces)");
        return false;
    }
    for tool in ["ip", "python3", "ss"] {
        if Command::new(tool).arg("-V").stdout(Stdio::null()).stderr(Stdio::null()).status().is_err() {
            eprintln!("SKIPPED {test}: `{tool}` is not installed");
            return false;
        }
    }
    true
}

fn run(cmd: &[&str]) -> String {
    let out = Command::new(cmd[0]).args(&cmd[1..]).stdin(Stdio::null()).output().unwrap();
    assert!(out.status.success(), "{cmd:?}: {}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8(out.stdout).unwrap()
}

/// A helper process; killed when dropped.
struct Kid {
    child: Child,
    stdin: Option<ChildStdin>,
    stdout: BufReader<ChildStdout>,
}

impl Kid {
    fn line(&mut self) -> Value {
        let mut l = String::new();
        self.stdout.read_line(&mut l).unwrap();
        serde_json::from_str(&l).unwrap_or_else(|e| panic!("helper said {l:?}: {e}"))
    }

    fn say(&mut self, s: &str) {
        let stdin = self.stdin.as_mut().unwrap();
        stdin.write_all(s.as_bytes()).unwrap();
        stdin.flush().unwrap();
    }
}

impl Drop for Kid {
    fn drop(&mut self) {
        drop(self.stdin.take());
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// Two namespaces and a veth pair; removed when dropped.
struct Lab {
    a: String,
    b: String,
    /// `x` of 10.201.x.0/24.
    net: u32,
    tag: String,
    kids: Vec<Kid>,
}

impl Lab {
    fn new() -> Lab {
        let n = LABS.fetch_add(1, Ordering::Relaxed);
        let pid = std::process::id();
        let tag = format!("{}{}", pid % 100_000, n);
        let net = (pid % 50) * 5 + n % 5 + 1;
        let lab = Lab { a: format!("lpna{tag}"), b: format!("lpnb{tag}"), net, tag, kids: Vec::new() };
        let (va, vb) = (format!("lva{}", lab.tag), format!("lvb{}", lab.tag));
        run(&["ip", "netns", "add", &lab.a]);
        run(&["ip", "netns", "add", &lab.b]);
        run(&["ip", "link", "add", &va, "type", "veth", "peer", "name", &vb]);
        run(&["ip", "link", "set", &va, "netns", &lab.a]);
        run(&["ip", "link", "set", &vb, "netns", &lab.b]);
        for (ns, dev, host) in [(&lab.a, &va, 1), (&lab.b, &vb, 2)] {
            run(&["ip", "-n", ns, "link", "set", "lo", "up"]);
            run(&["ip", "-n", ns, "addr", "add", &format!("10.201.{net}.{host}/24"), "dev", dev]);
            run(&["ip", "-n", ns, "addr", "add", &format!("fd01:{net}::{host}/64"), "dev", dev, "nodad"]);
            run(&["ip", "-n", ns, "link", "set", dev, "up"]);
        }
        lab
    }

    fn va(&self) -> String {
        format!("lva{}", self.tag)
    }

    fn path_a(&self) -> std::path::PathBuf {
        format!("/var/run/netns/{}", self.a).into()
    }

    fn spawn(&mut self, ns: &str, role: &str) -> usize {
        let mut child = Command::new("ip")
            .args(["netns", "exec", ns, "python3", "-c", HELPER, role, &self.tag, &self.net.to_string()])
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit())
            .spawn()
            .unwrap();
        let stdin = child.stdin.take();
        let stdout = BufReader::new(child.stdout.take().unwrap());
        self.kids.push(Kid { child, stdin, stdout });
        self.kids.len() - 1
    }

    /// Helpers A and B with every socket; their JSON lines.
    fn endpoints(&mut self) -> (Value, Value) {
        let a = self.spawn(&self.a.clone(), "a");
        assert_eq!(self.kids[a].line()["ready"], true);
        let b = self.spawn(&self.b.clone(), "b");
        let bj = self.kids[b].line();
        self.kids[a].say("go\n");
        let aj = self.kids[a].line();
        (aj, bj)
    }

    /// `ip netns exec A <cmd…>`.
    fn in_a(&self, cmd: &[&str]) -> String {
        let mut full = vec!["ip", "netns", "exec", &self.a];
        full.extend_from_slice(cmd);
        run(&full)
    }
}

impl Drop for Lab {
    fn drop(&mut self) {
        self.kids.clear();
        for ns in [&self.a, &self.b] {
            let _ = Command::new("ip").args(["netns", "del", ns]).status();
        }
        let _ = std::fs::remove_file(format!("/tmp/lpnet-{}.sock", self.tag));
    }
}

fn collect(opts: NetworkOptions) -> Network {
    let mut probe =
        Probe::new(Options { domains: Domains::NONE.with(DomainName::Network), network: opts, ..Options::default() });
    let snap = probe.snapshot();
    let st = snap.status(DomainName::Network).unwrap();
    assert_eq!(st.state, DomainState::Collected, "{st:?}");
    assert!(st.warnings.is_empty(), "{:?}", st.warnings);
    snap.network.ok().unwrap()
}

fn in_ns(path: std::path::PathBuf) -> NetworkOptions {
    NetworkOptions { netns: NetNamespaceTarget::Path(path), ..NetworkOptions::everything() }
}

fn sock(j: &Value, name: &str) -> (i32, u64) {
    let s = &j["sockets"][name];
    (s[0].as_i64().unwrap() as i32, s[1].as_u64().unwrap())
}

fn owners(o: &Field<Vec<SocketOwner>>) -> Vec<(i32, i32)> {
    let o = o.value().unwrap_or_else(|| panic!("no owners: {o:?}"));
    assert!(o.iter().all(|w| w.process_name == "python3"), "{o:?}");
    o.iter().map(|w| (w.pid, w.fd)).collect()
}

#[test]
fn sockets_of_every_kind_have_every_field_right() {
    if !can_run("sockets_of_every_kind_have_every_field_right") {
        return;
    }
    let mut lab = Lab::new();
    let (a, b) = lab.endpoints();
    let apid = a["pid"].as_i64().unwrap() as i32;
    let child = a["child"].as_i64().unwrap() as i32;
    let net = lab.net;
    let (a4, b4, a6, b6) =
        (format!("10.201.{net}.1"), format!("10.201.{net}.2"), format!("fd01:{net}::1"), format!("fd01:{net}::2"));
    let n = collect(in_ns(lab.path_a()));
    let ns_inode = std::fs::metadata(lab.path_a()).map(|m| std::os::unix::fs::MetadataExt::ino(&m)).unwrap();
    assert_eq!(n.namespace.inode, Field::Value(ns_inode));
    assert_eq!(n.socket_sources.get("tcp4").map(String::as_str), Some("sock_diag"));

    let tcp = n.tcp();
    let by_inode = |ino: u64| tcp.iter().find(|c| c.inode == ino).unwrap_or_else(|| panic!("inode {ino}"));
    let cong = lab.in_a(&["cat", "/proc/sys/net/ipv4/tcp_congestion_control"]);

    let (fd, ino) = sock(&a, "listen4");
    let l = by_inode(ino);
    assert_eq!((l.family, l.local_addr.as_str(), l.local_port), (AddressFamily::Ipv4, a4.as_str(), 6000));
    assert_eq!((l.remote_addr.as_str(), l.remote_port, l.state), ("0.0.0.0", 0, TcpState::Listen));
    assert_eq!((l.rx_queue, l.tx_queue, l.accept_backlog_max), (0, 0, Field::Value(32)));
    assert_eq!((l.uid, l.timer_active, l.retransmits, l.timeout), (0, 0, Field::Value(0), Field::Value(0)));
    assert_eq!(
        (owners(&l.owners), l.pid, l.process_name.value().map(|n| n.to_string())),
        (vec![(apid, fd)], Field::Value(apid), Some("python3".into()))
    );
    assert_eq!(l.congestion, Field::Value(cong.trim().to_owned()));
    assert!(l.cookie.is_value() && l.memory.is_value() && l.info.is_value());
    assert_eq!(l.bound_interface.reason(), Some(Reason::NotPresent));

    for (name, family, local, lport, remote, rport) in [
        ("est4", AddressFamily::Ipv4, a4.clone(), 6000, b4.clone(), 41000),
        ("est6", AddressFamily::Ipv6, a6.clone(), 6001, b6.clone(), 41001),
        ("mapped", AddressFamily::Ipv6, format!("::ffff:{a4}"), 6002, format!("::ffff:{b4}"), 41002),
    ] {
        let (fd, ino) = sock(&a, name);
        let c = by_inode(ino);
        assert_eq!((c.family, c.local_addr.as_str(), c.local_port), (family, local.as_str(), lport), "{name}");
        assert_eq!(
            (c.remote_addr.as_str(), c.remote_port, c.state),
            (remote.as_str(), rport, TcpState::Established),
            "{name}"
        );
        // B sent 100 bytes that A never read; A sent 50 that B acknowledged.
        assert_eq!(
            (c.rx_queue, c.tx_queue, c.accept_backlog_max.reason()),
            (100, 0, Some(Reason::NotPresent)),
            "{name}"
        );
        assert_eq!(owners(&c.owners), vec![(apid, fd)], "{name}");
        let i = c.info.value().unwrap();
        assert_eq!((i.bytes_received, i.bytes_acked, i.data_segs_in, i.data_segs_out), (100, 50, 1, 1), "{name}");
        assert!(i.rtt_us > 0 && i.snd_cwnd >= 10 && i.snd_mss > 0 && i.pmtu == 1500, "{name}: {i:?}");
        assert_eq!((i.retrans, i.total_retrans, i.lost), (0, 0, 0), "{name}");
        assert_eq!(i.bytes_sent, Field::Value(50), "{name}");
        assert!(i.delivery_rate > 0 && i.pacing_rate > 0, "{name}");
    }
    let tw = tcp.iter().find(|c| c.state == TcpState::TimeWait && c.local_port == 42000).unwrap();
    assert_eq!((tw.local_addr.as_str(), tw.remote_port, tw.inode, tw.timer_active), ("127.0.0.1", 6003, 0, 3));
    let jiffies = tw.timer_jiffies.value().copied().unwrap();
    assert!(jiffies > 0 && u64::from(jiffies) <= 60 * libprobe::Source::host().clock_ticks());
    assert_eq!((tw.owners.reason(), tw.info.reason()), (Some(Reason::NotPresent), Some(Reason::NotPresent)));
    // The probe count is tcp_info's: missing with it, never 0.
    assert_eq!(tw.timeout.reason(), Some(Reason::NotPresent));

    let udp = n.udp();
    let (fd, ino) = sock(&a, "udp4");
    let u = udp.iter().find(|u| u.inode == ino).unwrap();
    assert_eq!(
        (u.local_addr.as_str(), u.local_port, u.remote_addr.as_deref(), u.remote_port),
        (a4.as_str(), 6100, None, None)
    );
    let mut both = vec![(apid, fd), (child, fd)];
    both.sort();
    assert_eq!(owners(&u.owners), both, "a socket two processes hold lists both");
    assert_eq!((u.pid, u.drops, u.lite), (Field::Value(apid.min(child)), Field::Value(0), false));
    let (fd, ino) = sock(&a, "udp6_mapped");
    let u6 = udp.iter().find(|u| u.inode == ino).unwrap();
    let mapped_b = format!("::ffff:{b4}");
    assert_eq!((u6.family, u6.local_addr.clone(), u6.local_port), (AddressFamily::Ipv6, format!("::ffff:{a4}"), 6101));
    assert_eq!(
        (u6.remote_addr.as_deref(), u6.remote_port, owners(&u6.owners)),
        (Some(mapped_b.as_str()), Some(7100), vec![(apid, fd)])
    );

    let unix = n.unix();
    let ux = |name: &str| {
        let (fd, ino) = sock(&a, name);
        let s = unix.iter().find(|s| s.inode == ino).unwrap_or_else(|| panic!("{name}"));
        assert_eq!(owners(&s.owners), vec![(apid, fd)], "{name}");
        assert_eq!(s.uid, Field::Value(0), "{name}");
        s
    };
    let path = a["unix_path"].as_str().unwrap();
    let ul = ux("unix_listen");
    assert_eq!(
        (ul.path.to_string(), ul.is_abstract, ul.state, ul.socket_type),
        (path.to_owned(), false, Field::Value(UnixState::Listening), Field::Value(UnixSocketType::Stream))
    );
    assert_eq!(ul.vfs_inode, Field::Value(a["unix_vfs_inode"].as_u64().unwrap()));
    assert_eq!((ul.rx_queue, ul.tx_queue), (Field::Value(1), Field::Value(4)), "one pending connection, backlog 4");
    let (uc, us, up) = (ux("unix_client"), ux("unix_server"), ux("unix_pending"));
    assert_eq!((uc.peer_inode, us.peer_inode), (Field::Value(us.inode), Field::Value(uc.inode)));
    assert_eq!(
        (us.path.to_string(), uc.path.len(), us.state),
        (path.to_owned(), 0, Field::Value(UnixState::Connected))
    );
    // The pending connection waits on the listener; its server end, not yet accepted, has
    // no inode, so the client has no peer to name.
    assert_eq!(ul.pending_connections, Field::Value(vec![up.inode]));
    assert_eq!(up.peer_inode.reason(), Some(Reason::NotPresent));
    let (da, db) = (ux("dgram_a"), ux("dgram_b"));
    assert_eq!(
        (da.path.to_string(), da.is_abstract, da.socket_type),
        (format!("lpnet-{}-a", lab.tag), true, Field::Value(UnixSocketType::Dgram))
    );
    assert_eq!((da.peer_inode, db.peer_inode), (Field::Value(db.inode), Field::Value(da.inode)));

    let (fd, ino) = sock(&a, "raw");
    let r = n.raw().iter().find(|r| r.inode == ino).unwrap();
    assert_eq!((r.protocol, r.local_addr.as_str(), owners(&r.owners)), (1, "0.0.0.0", vec![(apid, fd)]));
    assert_eq!(n.socket_sources.get("raw4").map(String::as_str), Some("/proc/net/raw"), "no CONFIG_INET_RAW_DIAG here");
    let (fd, ino) = sock(&a, "netlink");
    let nl = n.netlink().iter().find(|s| s.inode == ino).unwrap();
    assert_eq!(
        (nl.protocol_name.as_str(), nl.port_id, nl.groups, owners(&nl.owners)),
        ("route", apid as u32, 1, vec![(apid, fd)])
    );
    assert_eq!(nl.uid, Field::Value(0), "the creator, through the owner's descriptor");
    let (fd, ino) = sock(&a, "packet");
    let pk = n.packet().iter().find(|s| s.inode == ino).unwrap();
    assert_eq!(
        (pk.protocol, pk.interface_index, pk.running, owners(&pk.owners)),
        (Field::Value(3), Field::Value(0), Field::Value(true), vec![(apid, fd)])
    );

    // Counters over the table.
    assert_eq!(n.tcp_stats.connections_listen, Field::Value(3));
    assert_eq!(n.tcp_stats.connections_established, Field::Value(3));
    assert_eq!(n.tcp_stats.connections_time_wait, Field::Value(1));
    assert!(n.tcp_stats.passive_opens.get().unwrap() >= 4 && n.tcp_stats.active_opens.get().unwrap() >= 1);
    let _ = b;
}

/// One row of `ss -tuwxanpe -H`, in libprobe's terms.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
struct Row {
    netid: String,
    state: String,
    recv_q: u64,
    send_q: u64,
    local: String,
    peer: String,
    inode: u64,
    owners: BTreeSet<(i32, i32)>,
}

/// `users:(("name",pid=1,fd=2),…)` as (pid, fd) pairs.
fn ss_users(line: &str) -> BTreeSet<(i32, i32)> {
    let mut out = BTreeSet::new();
    let Some(start) = line.find("users:((") else { return out };
    let rest = &line[start..];
    for part in rest.split("),(").take_while(|_| true) {
        let pid = part.split("pid=").nth(1).and_then(|s| s.split(',').next()).and_then(|s| s.parse().ok());
        let fd = part.split("fd=").nth(1).and_then(|s| s.split(')').next()).and_then(|s| s.parse().ok());
        if let (Some(p), Some(f)) = (pid, fd) {
            out.insert((p, f));
        }
        if part.contains("))") {
            break;
        }
    }
    out
}

fn ss_rows(text: &str) -> Vec<Row> {
    let mut rows = Vec::new();
    for line in text.lines().filter(|l| !l.trim().is_empty()) {
        let t: Vec<&str> = line.split_whitespace().collect();
        let num = |s: &str| s.parse::<u64>().unwrap();
        let (local, peer, inode) = if t[0].starts_with("u_") {
            (format!("{} {}", t[4], t[5]), format!("{} {}", t[6], t[7]), num(t[5]))
        } else {
            let ino = t.iter().find_map(|x| x.strip_prefix("ino:")).map_or(0, num);
            // ss writes a dual-stack wildcard as `*`.
            let norm = |s: &str| s.replacen("*:", "[::]:", 1);
            (norm(t[4]), norm(t[5]), ino)
        };
        rows.push(Row {
            netid: t[0].to_owned(),
            state: t[1].to_owned(),
            recv_q: num(t[2]),
            send_q: num(t[3]),
            local,
            peer,
            inode,
            owners: ss_users(line),
        });
    }
    rows.sort();
    rows
}

/// libprobe's tables as `ss` rows (the same words for states and addresses).
fn our_rows(n: &Network) -> Vec<Row> {
    fn ep(family: AddressFamily, addr: &str, port: u16) -> String {
        let port = if port == 0 { "*".to_owned() } else { port.to_string() };
        match family {
            AddressFamily::Ipv4 => format!("{addr}:{port}"),
            AddressFamily::Ipv6 => format!("[{addr}]:{port}"),
        }
    }
    let set = |o: &Field<Vec<SocketOwner>>| {
        o.value().map_or_else(BTreeSet::new, |v| v.iter().map(|w| (w.pid, w.fd)).collect())
    };
    let mut rows = Vec::new();
    for c in n.tcp() {
        let state = match c.state {
            TcpState::Established => "ESTAB",
            TcpState::Listen => "LISTEN",
            TcpState::TimeWait => "TIME-WAIT",
            TcpState::SynRecv => "SYN-RECV",
            TcpState::SynSent => "SYN-SENT",
            TcpState::FinWait1 => "FIN-WAIT-1",
            TcpState::FinWait2 => "FIN-WAIT-2",
            TcpState::CloseWait => "CLOSE-WAIT",
            TcpState::LastAck => "LAST-ACK",
            TcpState::Closing => "CLOSING",
            _ => "UNCONN",
        };
        let send_q = if c.state == TcpState::Listen { c.accept_backlog_max.get().unwrap_or(0) } else { c.tx_queue };
        rows.push(Row {
            netid: "tcp".into(),
            state: state.into(),
            recv_q: c.rx_queue.into(),
            send_q: send_q.into(),
            local: ep(c.family, &c.local_addr, c.local_port),
            peer: ep(c.family, &c.remote_addr, c.remote_port),
            inode: c.inode,
            owners: set(&c.owners),
        });
    }
    for u in n.udp() {
        let any = if u.family == AddressFamily::Ipv4 { "0.0.0.0" } else { "::" };
        rows.push(Row {
            netid: "udp".into(),
            state: if u.remote_addr.is_some() { "ESTAB" } else { "UNCONN" }.into(),
            recv_q: u.rx_queue.into(),
            send_q: u.tx_queue.into(),
            local: ep(u.family, &u.local_addr, u.local_port),
            peer: ep(u.family, u.remote_addr.as_deref().unwrap_or(any), u.remote_port.unwrap_or(0)),
            inode: u.inode,
            owners: set(&u.owners),
        });
    }
    for r in n.raw() {
        rows.push(Row {
            netid: "raw".into(),
            state: "UNCONN".into(),
            recv_q: r.rx_queue.into(),
            send_q: r.tx_queue.into(),
            local: ep(r.family, &r.local_addr, r.protocol.into()),
            peer: ep(r.family, &r.remote_addr, 0),
            // `ss` reads raw sockets from /proc/net/raw here too, and prints no inode then.
            inode: 0,
            owners: set(&r.owners),
        });
    }
    for s in n.unix() {
        let name = if s.path.is_empty() {
            "*".to_owned()
        } else if s.is_abstract {
            format!("@{}", s.path)
        } else {
            s.path.to_string()
        };
        rows.push(Row {
            netid: match s.socket_type {
                Field::Value(UnixSocketType::Stream) => "u_str",
                Field::Value(UnixSocketType::Dgram) => "u_dgr",
                _ => "u_seq",
            }
            .into(),
            state: match s.state {
                Field::Value(UnixState::Connected) => "ESTAB",
                Field::Value(UnixState::Listening) => "LISTEN",
                _ => "UNCONN",
            }
            .into(),
            recv_q: s.rx_queue.get().unwrap().into(),
            send_q: s.tx_queue.get().unwrap().into(),
            local: format!("{name} {}", s.inode),
            peer: format!("* {}", s.peer_inode.get().unwrap_or(0)),
            inode: s.inode,
            owners: set(&s.owners),
        });
    }
    rows.sort();
    rows
}

/// Whole socket tables agree with `ss`, taken twice around our snapshot until stable.
#[test]
fn socket_tables_match_ss() {
    if !can_run("socket_tables_match_ss") {
        return;
    }
    let mut lab = Lab::new();
    let _ = lab.endpoints();
    let mut last = (Vec::new(), Vec::new());
    for _ in 0..10 {
        let before = ss_rows(&lab.in_a(&["ss", "-tuwxanpe", "-H"]));
        let ours = our_rows(&collect(in_ns(lab.path_a())));
        let after = ss_rows(&lab.in_a(&["ss", "-tuwxanpe", "-H"]));
        if before == after && ours == before {
            // 7 TCP (3 listening, 3 established, 1 TIME_WAIT), 2 UDP, 6 Unix, 1 raw.
            assert_eq!(ours.len(), 16, "{ours:#?}");
            return;
        }
        last = (ours, before);
        std::thread::sleep(Duration::from_millis(200));
    }
    let (ours, theirs) = last;
    let only_ours: Vec<_> = ours.iter().filter(|r| !theirs.contains(r)).collect();
    let only_ss: Vec<_> = theirs.iter().filter(|r| !ours.contains(r)).collect();
    panic!("libprobe and ss disagree\nonly libprobe: {only_ours:#?}\nonly ss: {only_ss:#?}");
}

/// The /proc/net tables, forced, give the same sockets as sock_diag.
#[test]
fn forced_procfs_fallback_gives_the_same_sockets() {
    if !can_run("forced_procfs_fallback_gives_the_same_sockets") {
        return;
    }
    let mut lab = Lab::new();
    let _ = lab.endpoints();
    let strip = |mut rows: Vec<Row>| {
        // /proc/net/tcp prints 0 where sock_diag gives a listener's backlog limit, and
        // neither file has unix queues: compare what both have.
        for r in &mut rows {
            if r.state == "LISTEN" || r.netid.starts_with("u_") {
                r.send_q = 0;
            }
            if r.netid.starts_with("u_") {
                r.recv_q = 0;
                r.peer = String::new();
            }
        }
        rows.sort();
        rows
    };
    let procfs_rows = |n: &Network| {
        let mut n = n.clone();
        // /proc/net/unix also lists the server end of a connection not yet accepted (no
        // inode, nobody holds it); unix_diag does not.
        if let Field::Value(u) = &mut n.unix_sockets {
            u.retain(|s| s.inode != 0);
        }
        // Unix queues and peers are not in /proc/net/unix: fill what our_rows expects.
        if let Field::Value(u) = &mut n.unix_sockets {
            for s in u {
                s.rx_queue = Field::Value(0);
                s.tx_queue = Field::Value(0);
            }
        }
        our_rows(&n)
    };
    for _ in 0..10 {
        let diag = collect(in_ns(lab.path_a()));
        let procfs = collect(NetworkOptions { sockets_from_procfs: true, ..in_ns(lab.path_a()) });
        assert!(
            procfs.socket_sources.iter().all(|(_, s)| s.starts_with("/proc/net/") || s.starts_with("none")),
            "{:?}",
            procfs.socket_sources
        );
        let (a, b) = (strip(our_rows(&diag)), strip(procfs_rows(&procfs)));
        if a == b {
            assert!(
                procfs.tcp().iter().any(|c| c.local_addr.starts_with("::ffff:")),
                "IPv4-mapped from /proc/net/tcp6"
            );
            assert!(procfs.tcp().iter().all(|c| c.info.reason() == Some(Reason::NotSupported)));
            return;
        }
        std::thread::sleep(Duration::from_millis(200));
    }
    let diag = strip(our_rows(&collect(in_ns(lab.path_a()))));
    let procfs = strip(procfs_rows(&collect(NetworkOptions { sockets_from_procfs: true, ..in_ns(lab.path_a()) })));
    let only_diag: Vec<_> = diag.iter().filter(|r| !procfs.contains(r)).collect();
    let only_procfs: Vec<_> = procfs.iter().filter(|r| !diag.contains(r)).collect();
    let pairs: Vec<_> = diag.iter().zip(&procfs).filter(|(a, b)| a != b).collect();
    panic!(
        "sock_diag and /proc/net disagree ({} vs {} rows)\nonly sock_diag: {only_diag:#?}\nonly /proc/net: {only_procfs:#?}\n\
         first differing pairs: {pairs:?}",
        diag.len(),
        procfs.len()
    );
}

/// Interfaces, addresses, routes and neighbours agree with `ip -j`.
#[test]
fn interfaces_routes_neighbours_match_ip() {
    if !can_run("interfaces_routes_neighbours_match_ip") {
        return;
    }
    let mut lab = Lab::new();
    let _ = lab.endpoints();
    let net = lab.net;
    let va = lab.va();
    // A route through a gateway with metrics, and a static neighbour.
    lab.in_a(&[
        "ip",
        "route",
        "add",
        &format!("10.202.{net}.0/24"),
        "via",
        &format!("10.201.{net}.2"),
        "metric",
        "77",
        "mtu",
        "1400",
        "window",
        "65535",
        "rtt",
        "30ms",
    ]);
    lab.in_a(&[
        "ip",
        "neigh",
        "replace",
        &format!("10.201.{net}.9"),
        "lladdr",
        "02:00:00:00:00:09",
        "dev",
        &va,
        "nud",
        "permanent",
    ]);
    let json = |cmd: &[&str]| -> Value { serde_json::from_str(&lab.in_a(cmd)).unwrap() };

    // Links: static fields exactly; counters may move (IPv6 neighbour discovery), so retry.
    let mut ok = false;
    for _ in 0..10 {
        let n = collect(in_ns(lab.path_a()));
        let ip = json(&["ip", "-j", "-s", "link", "show"]);
        let ifs = n.interfaces();
        assert_eq!(ifs.len(), ip.as_array().unwrap().len());
        let mut counters_equal = true;
        for l in ip.as_array().unwrap() {
            let name = l["ifname"].as_str().unwrap();
            let i = ifs.iter().find(|i| i.name == name).unwrap();
            assert_eq!(u64::from(i.index), l["ifindex"].as_u64().unwrap(), "{name}");
            assert_eq!(u64::from(i.mtu), l["mtu"].as_u64().unwrap(), "{name}");
            assert_eq!(u64::from(i.tx_queue_len), l["txqlen"].as_u64().unwrap(), "{name}");
            assert_eq!(i.mac_address.as_deref(), l["address"].as_str(), "{name}");
            assert_eq!(i.qdisc.as_deref(), l["qdisc"].as_str(), "{name}");
            let state = match i.state {
                InterfaceState::Up => "UP",
                InterfaceState::Down => "DOWN",
                InterfaceState::Unknown => "UNKNOWN",
                InterfaceState::LowerLayerDown => "LOWERLAYERDOWN",
                _ => "OTHER",
            };
            assert_eq!(state, l["operstate"].as_str().unwrap(), "{name}");
            let flags: BTreeSet<&str> = l["flags"].as_array().unwrap().iter().map(|f| f.as_str().unwrap()).collect();
            assert_eq!(i.flags.up, flags.contains("UP"), "{name}");
            assert_eq!(i.flags.lower_up, flags.contains("LOWER_UP"), "{name}");
            assert_eq!(i.flags.loopback, flags.contains("LOOPBACK"), "{name}");
            assert_eq!(i.flags.multicast, flags.contains("MULTICAST"), "{name}");
            let s = i.stats.value().unwrap();
            let st = &l["stats64"];
            let theirs = [
                &st["rx"]["bytes"],
                &st["rx"]["packets"],
                &st["tx"]["bytes"],
                &st["tx"]["packets"],
                &st["rx"]["dropped"],
                &st["tx"]["errors"],
            ];
            let ours = [s.rx_bytes, s.rx_packets, s.tx_bytes, s.tx_packets, s.rx_dropped, s.tx_errors];
            counters_equal &= theirs.iter().map(|v| v.as_u64().unwrap()).eq(ours);
            if name == va {
                assert_eq!(i.kind.as_deref(), Some("veth"));
                assert_eq!(
                    (i.driver.value().map(String::as_str), i.speed_mbps, i.duplex),
                    (Some("veth"), Field::Value(10000), Field::Value(Duplex::Full))
                );
                assert_eq!(i.bus_info.reason(), Some(Reason::NotPresent), "a virtual device is on no bus");
            }
            if name == "lo" {
                assert_eq!(i.driver.reason(), Some(Reason::NotSupported), "lo has no ethtool driver information");
            }
        }
        if counters_equal {
            ok = true;
            break;
        }
        std::thread::sleep(Duration::from_millis(300));
    }
    assert!(ok, "interface counters never matched `ip -s link`");

    let n = collect(in_ns(lab.path_a()));
    // Speed and duplex seen from inside the namespace (its own sysfs) match ours, read
    // there with ETHTOOL_GSET.
    let speed = lab.in_a(&["cat", &format!("/sys/class/net/{va}/speed")]);
    let i = n.interfaces().iter().find(|i| i.name == va.as_str()).unwrap();
    assert_eq!(i.speed_mbps, Field::Value(speed.trim().parse().unwrap()));

    // Addresses.
    let ip = json(&["ip", "-j", "addr", "show"]);
    let mut theirs = BTreeSet::new();
    for l in ip.as_array().unwrap() {
        for a in l["addr_info"].as_array().unwrap() {
            theirs.insert((
                l["ifname"].as_str().unwrap().to_owned(),
                a["local"].as_str().unwrap().to_owned(),
                a["prefixlen"].as_u64().unwrap(),
                a["scope"].as_str().unwrap().to_owned(),
                a["broadcast"].as_str().map(str::to_owned),
            ));
        }
    }
    let scope = |s: libprobe::network::AddressScope| match s {
        libprobe::network::AddressScope::Global => "global",
        libprobe::network::AddressScope::Link => "link",
        libprobe::network::AddressScope::Host => "host",
        _ => "other",
    };
    let mut ours = BTreeSet::new();
    for i in n.interfaces() {
        for a in i.ipv4_addresses.value().unwrap() {
            ours.insert((
                i.name.to_string(),
                a.address.clone(),
                u64::from(a.prefix_len),
                scope(a.scope).to_owned(),
                a.broadcast.clone(),
            ));
        }
        for a in i.ipv6_addresses.value().unwrap() {
            ours.insert((
                i.name.to_string(),
                a.address.clone(),
                u64::from(a.prefix_len),
                scope(a.scope).to_owned(),
                None,
            ));
        }
    }
    assert_eq!(ours, theirs);

    // Routes of every table, both families.
    let mut theirs = BTreeSet::new();
    for fam in ["-4", "-6"] {
        for r in json(&["ip", fam, "-j", "route", "show", "table", "all"]).as_array().unwrap() {
            let dst = r["dst"].as_str().unwrap();
            let dst = if dst == "default" {
                if fam == "-4" { "0.0.0.0/0" } else { "::/0" }.to_owned()
            } else {
                dst.to_owned()
            };
            let dst = if dst.contains('/') {
                dst
            } else if fam == "-4" {
                format!("{dst}/32")
            } else {
                format!("{dst}/128")
            };
            let table = match r["table"].as_str() {
                Some("local") => 255,
                Some("main") | None => 254,
                Some(t) => t.parse().unwrap(),
            };
            theirs.insert((
                dst,
                r["gateway"].as_str().map(str::to_owned),
                r["dev"].as_str().map(str::to_owned),
                table,
                r["metric"].as_u64().unwrap_or(0),
                r["type"].as_str().unwrap_or("unicast").to_owned(),
            ));
        }
    }
    let mut ours = BTreeSet::new();
    for r in n.routes.value().unwrap() {
        let ty = libprobe::schema::EnumType::enum_value(&r.route_type).name;
        ours.insert((
            format!("{}/{}", r.destination, r.prefix_len),
            r.gateway.clone(),
            r.interface.as_ref().map(|d| d.to_string()),
            u64::from(r.table),
            u64::from(r.metric),
            ty.to_owned(),
        ));
    }
    assert_eq!(ours, theirs);
    let via = n.routes.value().unwrap().iter().find(|r| r.destination == format!("10.202.{net}.0")).unwrap();
    assert_eq!(
        (via.mtu, via.window, via.irtt, via.flags.gateway, via.flags.up),
        (Some(1400), Some(65535), Some(30), true, true)
    );

    // Neighbours (addresses and link-layer addresses). Entries come and go on the kernel's
    // own timers (neighbour discovery, garbage collection), so ours must lie between two
    // readings of `ip` taken around the snapshot: all both saw, nothing neither saw.
    let ip_neigh = || -> BTreeSet<(String, Option<String>, String)> {
        json(&["ip", "-j", "neigh", "show", "nud", "all"])
            .as_array()
            .unwrap()
            .iter()
            .map(|e| {
                (
                    e["dst"].as_str().unwrap().to_owned(),
                    e["lladdr"].as_str().map(str::to_owned),
                    e["dev"].as_str().unwrap().to_owned(),
                )
            })
            .collect()
    };
    let mut bracketed = None;
    for _ in 0..10 {
        let before = ip_neigh();
        let snap = collect(in_ns(lab.path_a()));
        let after = ip_neigh();
        let neigh = snap.neighbours.value().unwrap().clone();
        let ours: BTreeSet<_> =
            neigh.iter().map(|e| (e.ip_address.clone(), e.hw_address.clone(), e.device.to_string())).collect();
        let both: BTreeSet<_> = before.intersection(&after).cloned().collect();
        let either: BTreeSet<_> = before.union(&after).cloned().collect();
        if both.is_subset(&ours) && ours.is_subset(&either) {
            bracketed = Some(neigh);
            break;
        }
    }
    let neigh = bracketed.expect("the neighbour table never lay between two readings of `ip neigh`");
    let perm = neigh.iter().find(|e| e.ip_address == format!("10.201.{net}.9")).unwrap();
    assert_eq!((perm.state, perm.flags, perm.hw_type), (libprobe::network::NeighbourState::Permanent, 6, 1));
    assert!(
        neigh.iter().any(|e| e.ip_address == format!("10.201.{net}.2") && e.hw_address.is_some()),
        "B, resolved by the traffic"
    );
}

/// Conntrack entries agree with `conntrack -L`.
#[test]
fn conntrack_matches_the_conntrack_tool() {
    if !can_run("conntrack_matches_the_conntrack_tool") {
        return;
    }
    if Command::new("conntrack").arg("--version").stdout(Stdio::null()).stderr(Stdio::null()).status().is_err() {
        eprintln!("SKIPPED conntrack_matches_the_conntrack_tool: no `conntrack` tool (`make deps` installs it)");
        return;
    }
    let lab = Lab::new();
    let net = lab.net;
    for args in [
        vec![
            "-p",
            "tcp",
            "-s",
            "10.9.0.1",
            "-d",
            "10.9.0.2",
            "--sport",
            "1234",
            "--dport",
            "80",
            "--state",
            "ESTABLISHED",
            "-t",
            "3000",
            "-u",
            "SEEN_REPLY,ASSURED",
            "-m",
            "7",
        ],
        vec!["-p", "udp", "-s", "10.9.0.1", "-d", "10.9.0.3", "--sport", "53", "--dport", "5353", "-t", "3000"],
        vec![
            "-p",
            "icmp",
            "-s",
            "10.9.0.1",
            "-d",
            "10.9.0.4",
            "--icmp-type",
            "8",
            "--icmp-code",
            "0",
            "--icmp-id",
            "77",
            "-t",
            "3000",
        ],
        vec![
            "-p", "tcp", "-s", "fd09::1", "-d", "fd09::2", "--sport", "1", "--dport", "2", "--state", "SYN_SENT", "-t",
            "3000", "--zone", "3",
        ],
    ] {
        let mut cmd = vec!["conntrack", "-I"];
        cmd.extend(args);
        lab.in_a(&cmd);
    }
    let _ = net;
    let n = collect(in_ns(lab.path_a()));
    let listed = lab.in_a(&["conntrack", "-L"]) + &lab.in_a(&["conntrack", "-L", "-f", "ipv6"]);
    // `conntrack -L`: proto, number, timeout, [state], key=value…, [flags].
    let mut theirs = BTreeSet::new();
    for line in listed.lines().filter(|l| l.contains("src=")) {
        let t: Vec<&str> = line.split_whitespace().collect();
        let kv: Vec<(&str, &str)> = t.iter().filter_map(|x| x.split_once('=')).collect();
        let get = |k: &str, nth: usize| kv.iter().filter(|(key, _)| *key == k).nth(nth).map(|(_, v)| (*v).to_owned());
        let state = t.get(3).filter(|s| !s.contains('=') && !s.starts_with('[')).map(|s| (*s).to_owned());
        let proto = t[0].to_owned();
        theirs.insert((
            proto,
            get("src", 0).unwrap(),
            get("dst", 0).unwrap(),
            get("sport", 0),
            get("dport", 0),
            get("src", 1).unwrap(),
            state,
            get("mark", 0),
            get("zone", 0).unwrap_or_else(|| "0".into()),
        ));
    }
    let ours: BTreeSet<_> = n
        .conntrack
        .value()
        .unwrap()
        .iter()
        .map(|e| {
            (
                e.protocol.clone(),
                e.src_addr.clone(),
                e.dst_addr.clone(),
                e.src_port.map(|p| p.to_string()),
                e.dst_port.map(|p| p.to_string()),
                e.reply_src_addr.clone(),
                e.state.clone(),
                Some(e.mark.to_string()),
                e.zone.to_string(),
            )
        })
        .collect();
    assert_eq!(ours, theirs);
    let ct = n.conntrack.value().unwrap();
    let est = ct.iter().find(|e| e.state.as_deref() == Some("ESTABLISHED")).unwrap();
    let timeout = est.timeout.value().copied().unwrap();
    assert!(timeout > 2900 && timeout <= 3000 && est.status_flags.contains(&"assured".to_owned()));
    let acct = lab.in_a(&["cat", "/proc/sys/net/netfilter/nf_conntrack_acct"]);
    if acct.trim() == "0" {
        assert_eq!(est.bytes_orig.reason(), Some(Reason::NotEnabled), "accounting is off");
    }
    assert_eq!(n.conntrack_stats.entries, Field::Value(4));
    assert!(n.conntrack_stats.per_cpu.value().is_some_and(|c| !c.is_empty()));
}

/// Another namespace by pid gives what the path gives; the caller's thread stays where it
/// was.
#[test]
fn another_namespace_by_pid_leaves_the_caller_in_its_own() {
    if !can_run("another_namespace_by_pid_leaves_the_caller_in_its_own") {
        return;
    }
    let mut lab = Lab::new();
    let (a, _) = lab.endpoints();
    let before = std::fs::read_link("/proc/thread-self/ns/net").unwrap();
    let pid = a["pid"].as_i64().unwrap() as i32;
    let by_pid = collect(NetworkOptions { netns: NetNamespaceTarget::Pid(pid), ..NetworkOptions::default() });
    let by_path = collect(in_ns(lab.path_a()));
    assert_eq!(std::fs::read_link("/proc/thread-self/ns/net").unwrap(), before, "the caller's thread did not move");
    assert_eq!(by_pid.namespace.inode, by_path.namespace.inode);
    assert_eq!(by_pid.namespace.target, format!("pid {pid}"));
    let inodes = |n: &Network| n.tcp().iter().map(|c| c.inode).collect::<BTreeSet<_>>();
    assert_eq!(inodes(&by_pid), inodes(&by_path));
    // Our own namespace does not have the lab's sockets.
    let own = collect(NetworkOptions::default());
    assert_ne!(own.namespace.inode, by_path.namespace.inode);
    assert!(own.tcp().iter().all(|c| c.local_port != 6002 || c.local_addr != "::"));
    // A namespace that does not exist fails the domain, not the snapshot.
    let mut probe = Probe::new(Options {
        domains: Domains::NONE.with(DomainName::Network),
        network: NetworkOptions {
            netns: NetNamespaceTarget::Path("/var/run/netns/lp-no-such".into()),
            ..NetworkOptions::default()
        },
        ..Options::default()
    });
    let snap = probe.snapshot();
    let st = snap.status(DomainName::Network).unwrap();
    assert_eq!((st.state, st.reason), (DomainState::Failed, Some(Reason::NotPresent)));
    assert!(st.error.as_deref().unwrap().contains("/var/run/netns/lp-no-such"), "{st:?}");
}

/// Sockets opened and closed while the tables are read: no error, no warning, no row
/// twice.
#[test]
fn sockets_closing_mid_dump_are_not_errors() {
    if !can_run("sockets_closing_mid_dump_are_not_errors") {
        return;
    }
    let mut lab = Lab::new();
    let _ = lab.endpoints();
    let churn = lab.spawn(&lab.a.clone(), "churn");
    let _ = lab.kids[churn].line();
    let deadline = Instant::now() + Duration::from_secs(4);
    let mut rounds = 0;
    let mut churned = 0;
    let mut opts = in_ns(lab.path_a());
    while Instant::now() < deadline {
        opts.sockets_from_procfs = rounds % 2 == 1;
        let n = collect(opts.clone());
        let mut cookies = BTreeSet::new();
        let mut inodes = BTreeMap::new();
        for c in n.tcp() {
            if let Some(k) = c.cookie.get() {
                assert!(cookies.insert(k), "cookie {k} twice");
            }
            if c.inode != 0 {
                *inodes.entry(c.inode).or_insert(0) += 1;
            }
        }
        assert!(inodes.values().all(|&k| k == 1), "an inode twice");
        churned += n.tcp().iter().filter(|c| c.local_port == 6500 || c.remote_port == 6500).count();
        rounds += 1;
    }
    assert!(rounds >= 4, "{rounds} rounds");
    assert!(churned > 0, "the churning connections were never seen");
    assert!(lab.kids[churn].child.try_wait().unwrap().is_none(), "the churn helper ran throughout");
}

/// When the process domain reads every descriptor in the same snapshot, the owners come
/// from it (no second walk) and equal the walk's; the process records' open sockets are
/// joined with the tables.
#[test]
fn owners_from_the_process_domain_and_the_join() {
    if !can_run("owners_from_the_process_domain_and_the_join") {
        return;
    }
    let mut lab = Lab::new();
    let (a, _) = lab.endpoints();
    let apid = a["pid"].as_i64().unwrap() as i32;
    let mut probe = Probe::new(Options {
        domains: Domains::NONE.with(DomainName::Process).with(DomainName::Network),
        process: libprobe::ProcessOptions { fds: true, ..libprobe::ProcessOptions::default() },
        network: in_ns(lab.path_a()),
        ..Options::default()
    });
    let snap = probe.snapshot();
    let n = snap.network().unwrap();
    let walked = collect(in_ns(lab.path_a()));
    let owners = |n: &Network| {
        let mut v: Vec<_> = n.tcp().iter().map(|c| (c.inode, c.owners.clone())).collect();
        v.extend(n.unix().iter().map(|s| (s.inode, s.owners.clone())));
        v.sort_by_key(|x| x.0);
        v
    };
    assert_eq!(owners(n), owners(&walked));

    let helper = snap.process(apid).unwrap();
    let socks = helper.open_sockets.value().unwrap();
    let by_name = |name: &str| {
        let (fd, _) = sock(&a, name);
        socks.iter().find(|s| s.fd == fd).unwrap_or_else(|| panic!("{name}"))
    };
    let net = lab.net;
    let l = by_name("listen4");
    assert_eq!(
        (l.local_addr.clone(), l.state.clone()),
        (Field::Value(format!("10.201.{net}.1:6000")), Field::Value("listen".into()))
    );
    let m = by_name("mapped");
    assert_eq!(m.remote_addr, Field::Value(format!("[::ffff:10.201.{net}.2]:41002")));
    assert_eq!(by_name("udp4").state, Field::Value("unconnected".into()));
    let d = by_name("dgram_a");
    assert_eq!(
        (d.local_addr.clone(), d.remote_addr.clone()),
        (Field::Value(format!("@lpnet-{}-a", lab.tag)), Field::Value(format!("@lpnet-{}-b", lab.tag)))
    );
    assert_eq!(by_name("raw").local_addr, Field::Value("0.0.0.0".into()));
    assert_eq!(by_name("netlink").local_addr.reason(), Some(Reason::NotPresent), "netlink has no address");
}

#[test]
fn owners_from_the_bpf_iterator_equal_the_proc_walk() {
    if !can_run("owners_from_the_bpf_iterator_equal_the_proc_walk") {
        return;
    }
    let mut lab = Lab::new();
    let (a, _) = lab.endpoints();
    let via = |v: Via| NetworkOptions { owners_via: v, ..in_ns(lab.path_a()) };
    let walked = collect(via(Via::Proc));
    let iterated = collect(via(Via::Bpf));
    let auto = collect(via(Via::Auto));
    assert_eq!(walked.owners_from, Field::Value(OwnersFrom::ProcWalk));
    assert_eq!(iterated.owners_from, Field::Value(OwnersFrom::BpfIter));
    assert_eq!(auto.owners_from, Field::Value(OwnersFrom::BpfIter), "root, iterators load here");
    let every = |n: &Network| {
        let mut v: Vec<_> = n.tcp().iter().map(|c| (c.inode, c.owners.clone())).collect();
        v.extend(n.udp().iter().map(|s| (s.inode, s.owners.clone())));
        v.extend(n.unix().iter().map(|s| (s.inode, s.owners.clone())));
        v.extend(n.raw().iter().map(|s| (s.inode, s.owners.clone())));
        v.sort_by_key(|x| x.0);
        v
    };
    // The lab's sockets stay put between the two snapshots: the same owners, names and
    // descriptors, both paths.
    assert_eq!(every(&iterated), every(&walked));
    let (fd, inode) = sock(&a, "listen4");
    let apid = a["pid"].as_i64().unwrap() as i32;
    let l = iterated.tcp().iter().find(|c| c.inode == inode).expect("the lab's listener");
    assert!(owners(&l.owners).contains(&(apid, fd)));
}
