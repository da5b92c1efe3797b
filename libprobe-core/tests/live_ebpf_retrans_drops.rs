//! Live tests of the `tcpretrans` and `drops` tracers, on a veth pair between two network
//! namespaces of the test's own (`ip netns`), so that only the test's packets are counted:
//!
//! - retransmissions: a python3 client in namespace A connects over IPv4 and IPv6 to a
//!   listener in namespace B; the test then removes B's addresses, so that B drops what
//!   arrives (this kernel has no `sch_netem` and no iptables), and the client writes: its
//!   segments are retransmitted on timeout, counted for the right connection and for the
//!   client's pid (the owner: it connected; the retransmissions are sent from timers);
//! - drops: UDP datagrams from A to a closed port of B (`NO_SOCKET` on B's interface), then
//!   to B's removed address (`IP_INADDRERRORS`), counted exactly on B's interface in B's
//!   namespace, reasons named from the kernel's BTF.
//!
//! Needs root, `ip` and python3 (otherwise it prints `SKIPPED`).

#![cfg(target_os = "linux")]

use std::io::{BufRead, BufReader, Write};
use std::os::unix::fs::MetadataExt;
use std::process::{Child, Command, Stdio};

use libprobe::ebpf::{EbpfMetrics, EbpfTracers, TracerState};
use libprobe::network::AddressFamily;
use libprobe::{DomainName, Domains, Field, Options, Probe, Snapshot};

fn root() -> bool {
    // SAFETY: geteuid cannot fail.
    unsafe { libc::geteuid() == 0 }
}

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

fn probe(tracers: &str) -> Probe {
    let mut o = Options { domains: Domains::NONE.with(DomainName::Ebpf), ..Options::default() };
    o.ebpf.tracers = EbpfTracers::parse(tracers).unwrap();
    let mut p = Probe::new(o);
    let first = p.snapshot();
    for t in &ebpf(&first).tracers {
        assert_eq!(t.state, TracerState::Attached, "{t:?}");
    }
    p
}

fn ebpf(s: &Snapshot) -> &EbpfMetrics {
    match &s.ebpf {
        Field::Value(e) => e,
        Field::Missing(r) => panic!("ebpf not collected ({r}): {:?}", s.status(DomainName::Ebpf)),
    }
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
import socket, sys, time
cs = [socket.create_connection((h, 5001)) for h in ["10.201.7.2", "fd00:201:7::2"]]
print("connected", flush=True)
sys.stdin.readline()
for c in cs:
    c.send(b"lost in namespace B")
time.sleep(2.5)
"#;

#[test]
fn retransmits_per_connection_with_the_owner() {
    if !usable() {
        return;
    }
    let Some(pair) = Pair::new("r", true) else {
        println!("SKIPPED: could not make network namespaces and a veth pair");
        return;
    };
    let mut p = probe("tcpretrans");
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
    assert!(client.wait().unwrap().success());
    let s = p.snapshot();
    let _ = server.stdin.as_mut().unwrap().write_all(b"end\n");
    let _ = server.wait();
    let rows = ebpf(&s).tcp_retransmits.value().unwrap();
    for (family, src, dst) in
        [(AddressFamily::Ipv4, "10.201.7.1", "10.201.7.2"), (AddressFamily::Ipv6, "fd00:201:7::1", "fd00:201:7::2")]
    {
        let ours: Vec<_> = rows.iter().filter(|r| r.source_addr == src && r.destination_addr == dst).collect();
        assert_eq!(ours.len(), 1, "{family:?}: {rows:?}");
        let r = ours[0];
        assert_eq!((r.family, r.destination_port, r.pid), (family, 5001, Some(client.id() as i32)), "{r:?}");
        assert_eq!(r.name.as_ref().map(|n| n.as_bytes()), Some(&b"python3"[..]));
        // 2.5 s after the send: timeouts of ≥ 200 ms doubling each time, so 2 to 4.
        assert!((2..=5).contains(&r.retransmits), "{r:?}");
    }
}

const SEND: &str = r#"
import socket, sys
n = int(sys.argv[1])
s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
for _ in range(n):
    s.sendto(b"dropped", ("10.201.7.2", 9))
"#;

#[test]
fn drops_per_interface_and_reason() {
    if !usable() {
        return;
    }
    let Some(pair) = Pair::new("d", false) else {
        println!("SKIPPED: could not make network namespaces and a veth pair");
        return;
    };
    let mut p = probe("drops");
    let send = |n: u32| {
        let st = Command::new("ip")
            .args(["netns", "exec", &pair.a, "python3", "-c", SEND])
            .arg(n.to_string())
            .status()
            .unwrap();
        assert!(st.success());
    };
    // A closed port: B's UDP finds no socket.
    send(5);
    // B's address gone: B's IP layer drops what arrives for it.
    assert!(ok(&format!("ip -n {} addr del 10.201.7.2/24 dev {}", pair.b, pair.vb)));
    send(3);
    std::thread::sleep(std::time::Duration::from_millis(200));
    let s = p.snapshot();
    let rows = ebpf(&s).packet_drops.value().unwrap();
    let netns = pair.b_netns();
    let ours: Vec<_> =
        rows.iter().filter(|d| d.netns == Some(netns) && d.interface.as_bytes() == pair.vb.as_bytes()).collect();
    let count = |reason: &str| {
        ours.iter().filter(|d| d.reason == Field::Value(reason.to_owned())).map(|d| d.drops).sum::<u64>()
    };
    assert_eq!(count("NO_SOCKET"), 5, "{ours:?}");
    assert_eq!(count("IP_INADDRERRORS"), 3, "{ours:?}");
    assert!(ours.iter().all(|d| d.interface_index > 0 && d.drops > 0));
    // No row of a reason that is not a drop.
    assert!(rows.iter().all(|d| d.reason_code > 1));
}
