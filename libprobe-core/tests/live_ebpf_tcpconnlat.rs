//! Live test of the `tcpconnlat` tracer: TCP connects to listeners of our own on loopback,
//! each on a port of its own, counted exactly per port; and a connect made to wait about a
//! second: its listener's accept queue is full (backlog 0, one connection not yet accepted),
//! so the kernel drops its SYN and the client sends it again after its 1 s initial
//! retransmission timeout.
//!
//! (`tc netem` would add a chosen delay, but this kernel is built without `sch_netem`; the
//! dropped SYN gives a delay the kernel fixes instead.)
//!
//! Needs root (as another user it prints `SKIPPED`). Counts only the ports of its own
//! listeners: the machine's other processes connect too.

#![cfg(target_os = "linux")]

use std::net::{Ipv4Addr, Ipv6Addr, SocketAddr, TcpListener, TcpStream};
use std::os::fd::FromRawFd;
use std::time::{Duration, Instant};

use libprobe::ebpf::{HookType, TracerState};
use libprobe::{Field, Probe, Reason};

mod common;
use common::ebpf::{LOCK, ebpf, need_root, options};

/// A listener on 127.0.0.1 with an accept backlog of 0: one connection waits in its queue,
/// the next one's SYN is dropped.
fn tiny_listener() -> TcpListener {
    // SAFETY: a new socket, bound to a sockaddr_in of this frame; the fd goes to the listener.
    unsafe {
        let fd = libc::socket(libc::AF_INET, libc::SOCK_STREAM | libc::SOCK_CLOEXEC, 0);
        assert!(fd >= 0);
        let mut a: libc::sockaddr_in = std::mem::zeroed();
        a.sin_family = libc::AF_INET as u16;
        a.sin_addr.s_addr = u32::from_ne_bytes([127, 0, 0, 1]);
        let len = std::mem::size_of::<libc::sockaddr_in>() as u32;
        assert_eq!(libc::bind(fd, (&a as *const libc::sockaddr_in).cast(), len), 0);
        assert_eq!(libc::listen(fd, 0), 0);
        TcpListener::from_raw_fd(fd)
    }
}

const N: usize = 10;

fn check(hooks: &str, hook: HookType) {
    let mut p = Probe::new(options("tcpconnlat", hooks));
    let s = p.snapshot();
    let e = ebpf(&s);
    assert_eq!((e.tracers[0].state, e.tracers[0].hook), (TracerState::Attached, Some(hook)), "{:?}", e.tracers);
    assert_eq!(e.tcp_connect_latency, Field::Missing(Reason::NoPreviousSample));

    let v4 = TcpListener::bind((Ipv4Addr::LOCALHOST, 0)).unwrap();
    let v6 = TcpListener::bind((Ipv6Addr::LOCALHOST, 0)).unwrap();
    let mut keep = Vec::new();
    for l in [&v4, &v6] {
        for _ in 0..N {
            keep.push(TcpStream::connect(l.local_addr().unwrap()).unwrap());
        }
    }
    let tiny = tiny_listener();
    let slow_addr: SocketAddr = tiny.local_addr().unwrap();
    keep.push(TcpStream::connect(slow_addr).unwrap()); // queued, not accepted
    let accepter = std::thread::spawn(move || {
        std::thread::sleep(Duration::from_millis(200));
        let first = tiny.accept().unwrap();
        let second = tiny.accept().unwrap();
        (tiny, first, second)
    });
    let t0 = Instant::now();
    let slow = TcpStream::connect(slow_addr).unwrap();
    let waited = t0.elapsed();
    let _held = accepter.join().unwrap();

    let s = p.snapshot();
    let e = ebpf(&s);
    assert_eq!(e.tracers[0].dropped, Field::Value(0));
    let ports = e.tcp_connect_latency_by_port.value().unwrap();
    let port = |n: u16| ports.iter().find(|p| p.port == n).unwrap_or_else(|| panic!("no port {n} in {ports:?}"));
    for l in [&v4, &v6] {
        let h = &port(l.local_addr().unwrap().port()).latency;
        assert_eq!(h.count, N as u64, "{h:?}");
        // Loopback: well under a second each.
        assert!(h.max_ns.unwrap() < 500_000_000, "{h:?}");
        assert!(h.min_ns <= h.p50_ns && h.p50_ns <= h.p99_ns && h.p99_ns <= h.max_ns, "{h:?}");
    }
    let h = &port(slow_addr.port()).latency;
    assert_eq!(h.count, 2, "{h:?}");
    // The first at loopback speed, the second after its SYN was sent again (1 s RTO).
    assert!(h.min_ns.unwrap() < 500_000_000, "{h:?}");
    let max = h.max_ns.unwrap();
    assert!((900_000_000..=waited.as_nanos() as u64 + 1_000_000).contains(&max), "{h:?}, waited {waited:?}");
    let all = e.tcp_connect_latency.value().unwrap();
    assert!(all.count >= 2 * N as u64 + 2 && all.max_ns >= Some(max), "{all:?}");
    assert!(e.since_attach.tcp_connect_latency.value().unwrap().count >= all.count);
    drop(slow);
}

#[test]
fn connect_latency_per_port_with_tp_btf() {
    need_root!("connect_latency_per_port_with_tp_btf");
    let _g = LOCK.lock().unwrap_or_else(|e| e.into_inner());
    check("all", HookType::TpBtf);
}

#[test]
fn connect_latency_per_port_with_tracepoint() {
    need_root!("connect_latency_per_port_with_tracepoint");
    let _g = LOCK.lock().unwrap_or_else(|e| e.into_inner());
    check("tracepoint", HookType::Tracepoint);
}

#[test]
fn connect_latency_per_port_with_raw_tp() {
    need_root!("connect_latency_per_port_with_raw_tp");
    let _g = LOCK.lock().unwrap_or_else(|e| e.into_inner());
    check("raw_tp", HookType::RawTp);
}
