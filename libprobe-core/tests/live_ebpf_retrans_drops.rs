//! Live tests of the `tcpretrans` and `drops` tracers, on a veth pair between two network
//! namespaces of the test's own (`ip netns`), so that only the test's packets are counted,
//! with each hook type (`tp_btf`, `raw_tp`, `tracepoint`):
//!
//! - retransmissions: a python3 client in namespace A connects over IPv4 and IPv6 to a
//!   listener in namespace B; the test then removes B's addresses, so that B drops what
//!   arrives (this kernel has no `sch_netem` and no iptables), and the client writes: its
//!   segments are retransmitted on timeout, counted for the right connection and for the
//!   client's pid (the owner: it connected; the retransmissions are sent from timers), as
//!   many as the kernel's own count for the socket (`tcpi_total_retrans`, read before an
//!   abortive close that stops further ones);
//! - drops: UDP datagrams from A to a closed port of B (`NO_SOCKET` on B's interface), then
//!   to B's removed address (`IP_INADDRERRORS`), counted exactly on B's interface in B's
//!   namespace, reasons named from the kernel's BTF, per interval and since attach.
//!
//! Needs root, `ip` and python3 (otherwise it prints `SKIPPED`).

#![cfg(target_os = "linux")]

use std::io::{BufRead, BufReader, Write};
use std::os::unix::fs::MetadataExt;
use std::process::{Child, Command, Stdio};

use libprobe::Field;
use libprobe::ebpf::HookType;
use libprobe::network::AddressFamily;

mod common;
use common::ebpf::{LOCK, attached, ebpf, options, root};

const HOOKS: [(&str, HookType); 3] =
    [("tp_btf", HookType::TpBtf), ("raw_tp", HookType::RawTp), ("tracepoint", HookType::Tracepoint)];

fn ok(cmd: &str) -> bool {
    Command::new("sh").args(["-c", cmd]).stdout(Stdio::null()).stderr(Stdio::null()).status().is_ok_and(|s| s.success())
}

/// Two namespaces joined by a veth pair: A (10.201.7.1, fd00:201:7::1) and B (.2, ::2);
/// deleted on drop.
struct Pair {
    a: String,
    b: String,
    vb: String,
}

impl Pair {
    fn new(tag: &str, ipv6: bool) -> Option<Pair> {
        let id = std::process::id();
        let p = Pair { a: format!("lp{tag}a{id}"), b: format!("lp{tag}b{id}"), vb: format!("lp{tag}vb{id}") };
        let va = format!("lp{tag}va{id}");
        let (a, b, vb) = (&p.a, &p.b, &p.vb);
        let mut setup = format!(
            "set -e; ip netns add {a}; ip netns add {b}; \
             ip link add {va} netns {a} type veth peer name {vb} netns {b}; "
        );
        if !ipv6 {
            for n in [a, b] {
                setup += &format!("ip netns exec {n} sysctl -qw net.ipv6.conf.all.disable_ipv6=1; ");
            }
        }
        setup += &format!(
            "ip -n {a} addr add 10.201.7.1/24 dev {va}; ip -n {b} addr add 10.201.7.2/24 dev {vb}; \
             ip -n {a} link set {va} up; ip -n {b} link set {vb} up"
        );
        if ipv6 {
            setup += &format!(
                "; ip -n {a} addr add fd00:201:7::1/64 dev {va} nodad; ip -n {b} addr add fd00:201:7::2/64 dev {vb} nodad"
            );
        }
        // Made before the check, so that a half-made pair is deleted too.
        if ok(&setup) { Some(p) } else { None }
    }

    /// B's network namespace (the inode number of its `ip netns` file).
    fn b_netns(&self) -> u64 {
        std::fs::metadata(format!("/run/netns/{}", self.b)).unwrap().ino()
    }

    /// `python3 -c code` in namespace `ns`, its stdin and stdout piped.
    fn python(ns: &str, code: &str) -> Child {
        Command::new("ip")
            .args(["netns", "exec", ns, "python3", "-c", code])
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .spawn()
            .unwrap()
    }
}

impl Drop for Pair {
    fn drop(&mut self) {
        ok(&format!("ip netns del {}; ip netns del {}", self.a, self.b));
    }
}

fn usable() -> bool {
    if !root() || !ok("command -v ip && command -v python3") {
        println!("SKIPPED: needs root, ip and python3");
        return false;
    }
    true
}

fn line(c: &mut Child) -> String {
    let mut s = String::new();
    BufReader::new(c.stdout.as_mut().unwrap()).read_line(&mut s).unwrap();
    s
}

const SERVER: &str = r#"
import socket, sys, time
ls = []
for fam, host in [(socket.AF_INET, "10.201.7.2"), (socket.AF_INET6, "fd00:201:7::2")]:
    l = socket.socket(fam); l.bind((host, 5001)); l.listen(4); ls.append(l)
print("ready", flush=True)
sys.stdin.readline()
"#;

const CLIENT: &str = r#"
import socket, struct, sys, time
cs = [socket.create_connection((h, 5001)) for h in ["10.201.7.2", "fd00:201:7::2"]]
print("connected", flush=True)
sys.stdin.readline()
for c in cs:
    c.send(b"lost in namespace B")
time.sleep(2.5)
# tcpi_total_retrans (struct tcp_info: 8 bytes, then u32s; the 24th), then an abortive
# close (RST, no orphan left retransmitting).
n = [struct.unpack_from("I", c.getsockopt(socket.IPPROTO_TCP, socket.TCP_INFO, 104), 100)[0] for c in cs]
for c in cs:
    c.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
    c.close()
print(*n, flush=True)
"#;

fn retransmits(tag: &str, hooks: &str, hook: HookType) {
    let Some(pair) = Pair::new(tag, true) else {
        println!("SKIPPED: could not make network namespaces and a veth pair");
        return;
    };
    let mut p = attached(options("tcpretrans", hooks));
    let mut server = Pair::python(&pair.b, SERVER);
    assert_eq!(line(&mut server), "ready\n");
    let mut client = Pair::python(&pair.a, CLIENT);
    assert_eq!(line(&mut client), "connected\n");
    // B stops answering: what A sends is dropped there, and A retransmits on timeout.
    assert!(ok(&format!(
        "ip -n {b} addr del 10.201.7.2/24 dev {vb} && ip -n {b} addr del fd00:201:7::2/64 dev {vb}",
        b = pair.b,
        vb = pair.vb
    )));
    client.stdin.as_mut().unwrap().write_all(b"go\n").unwrap();
    let kernel: Vec<u64> = line(&mut client).split_whitespace().map(|n| n.parse().unwrap()).collect();
    assert!(client.wait().unwrap().success());
    let s = p.snapshot();
    // Nothing more: the interval is empty of ours, the totals are the same.
    let again = p.snapshot();
    let _ = server.stdin.as_mut().unwrap().write_all(b"end\n");
    let _ = server.wait();
    let e = ebpf(&s);
    assert_eq!(e.tracers[0].hook, Some(hook), "{:?}", e.tracers);
    assert_eq!(e.tracers[0].dropped, Field::Value(0), "{:?}", e.tracers);
    let rows = e.tcp_retransmits.value().unwrap();
    let all = ebpf(&again).since_attach.tcp_retransmits.value().unwrap();
    let later = ebpf(&again).tcp_retransmits.value().unwrap();
    for ((family, src, dst), n) in
        [(AddressFamily::Ipv4, "10.201.7.1", "10.201.7.2"), (AddressFamily::Ipv6, "fd00:201:7::1", "fd00:201:7::2")]
            .into_iter()
            .zip(kernel)
    {
        let ours = |rows: &[libprobe::ebpf::TcpRetransmits]| {
            rows.iter().filter(|r| r.source_addr == src && r.destination_addr == dst).cloned().collect::<Vec<_>>()
        };
        let now = ours(rows);
        assert_eq!(now.len(), 1, "{hooks} {family:?}: {rows:?}");
        let r = &now[0];
        assert_eq!((r.family, r.destination_port, r.pid), (family, 5001, Some(client.id() as i32)), "{hooks}: {r:?}");
        assert_eq!(r.name.as_ref().map(|n| n.as_bytes()), Some(&b"python3"[..]));
        // 2.5 s after the send: timeouts of ≥ 200 ms doubling each time, so some.
        assert!(n >= 2, "{hooks} {family:?}: the kernel counted {n}");
        // The kernel's own counter (tcpi_total_retrans) is the reference; in about one run
        // of three here it is one above the tracer's count (on each hook type): the kernel
        // adds to it in `__tcp_retransmit_skb` before transmitting, and the tracer counts
        // only events whose `err` is 0 — with the receiver's address gone, a transmit can
        // fail after it was counted. Never more, never two fewer.
        assert!(r.retransmits == n || r.retransmits + 1 == n, "{hooks}: the kernel counted {n}: {r:?}");
        assert_eq!(ours(all), now, "{hooks}: since attach");
        assert_eq!(ours(later), vec![], "{hooks}: the next interval");
    }
}

#[test]
fn retransmits_per_connection_with_the_owner() {
    if !usable() {
        return;
    }
    let _g = LOCK.lock().unwrap_or_else(|e| e.into_inner());
    for (i, (hooks, hook)) in HOOKS.into_iter().enumerate() {
        retransmits(&format!("r{i}"), hooks, hook);
    }
}

const SEND: &str = r#"
import socket, sys
n = int(sys.argv[1])
s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
for _ in range(n):
    s.sendto(b"dropped", ("10.201.7.2", 9))
"#;

fn drops(tag: &str, hooks: &str, hook: HookType) {
    let Some(pair) = Pair::new(tag, false) else {
        println!("SKIPPED: could not make network namespaces and a veth pair");
        return;
    };
    let mut p = attached(options("drops", hooks));
    let send = |n: u32| {
        let st = Command::new("ip")
            .args(["netns", "exec", &pair.a, "python3", "-c", SEND])
            .arg(n.to_string())
            .status()
            .unwrap();
        assert!(st.success());
        std::thread::sleep(std::time::Duration::from_millis(200));
    };
    let netns = pair.b_netns();
    let count = |rows: &[libprobe::ebpf::PacketDrops], reason: &str| {
        let ours: Vec<_> =
            rows.iter().filter(|d| d.netns == Some(netns) && d.interface.as_bytes() == pair.vb.as_bytes()).collect();
        assert!(ours.iter().all(|d| d.interface_index > 0 && d.drops > 0), "{hooks}: {ours:?}");
        ours.iter().filter(|d| d.reason == Field::Value(reason.to_owned())).map(|d| d.drops).sum::<u64>()
    };
    // A closed port: B's UDP finds no socket.
    send(5);
    let first = p.snapshot();
    // B's address gone: B's IP layer drops what arrives for it.
    assert!(ok(&format!("ip -n {} addr del 10.201.7.2/24 dev {}", pair.b, pair.vb)));
    send(3);
    let second = p.snapshot();
    let (e1, e2) = (ebpf(&first), ebpf(&second));
    assert_eq!(e1.tracers[0].hook, Some(hook), "{:?}", e1.tracers);
    let interval = |e: &libprobe::ebpf::EbpfMetrics| {
        let rows = e.packet_drops.value().unwrap();
        // No row of a reason that is not a drop.
        assert!(rows.iter().all(|d| d.reason_code > 1), "{hooks}: {rows:?}");
        (count(rows, "NO_SOCKET"), count(rows, "IP_INADDRERRORS"))
    };
    assert_eq!(interval(e1), (5, 0), "{hooks}");
    assert_eq!(interval(e2), (0, 3), "{hooks}");
    let total = e2.since_attach.packet_drops.value().unwrap();
    assert_eq!((count(total, "NO_SOCKET"), count(total, "IP_INADDRERRORS")), (5, 3), "{hooks}: {total:?}");
}

#[test]
fn drops_per_interface_and_reason() {
    if !usable() {
        return;
    }
    let _g = LOCK.lock().unwrap_or_else(|e| e.into_inner());
    for (i, (hooks, hook)) in HOOKS.into_iter().enumerate() {
        drops(&format!("d{i}"), hooks, hook);
    }
}
