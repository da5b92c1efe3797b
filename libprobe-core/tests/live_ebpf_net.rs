//! Live test of the `netbytes` tracer: a child process sends and receives known byte
//! counts over TCP and UDP, IPv4 and IPv6, on loopback, and its row holds exactly those
//! payload bytes (both ends are in the child, so its sent and received bytes are equal).
//!
//! Needs root (as another user it prints `SKIPPED`). Counts only the child's row: the
//! machine's other processes send and receive too.

#![cfg(target_os = "linux")]

use std::time::Duration;

use libprobe::ebpf::{HookType, TracerState};
use libprobe::{Field, Probe, Reason};

mod common;
use common::ebpf::{LOCK, Worker, ebpf, options, root};

/// TCP payload per family, sent in chunks of `CHUNK`, and UDP datagrams of `DGRAM` bytes.
const TCP_V4: usize = 100_003;
const TCP_V6: usize = 77_777;
const CHUNK: usize = 4096;
const DGRAMS: usize = 10;
const DGRAM_V4: usize = 1_000;
const DGRAM_V6: usize = 1_234;

/// A socket address for loopback, port 0, of `family`.
fn loopback(family: i32) -> (libc::sockaddr_storage, libc::socklen_t) {
    // SAFETY: all-zero is a valid sockaddr_storage; the casts view it as the family's type,
    // which it is large enough and aligned for.
    unsafe {
        let mut ss: libc::sockaddr_storage = std::mem::zeroed();
        if family == libc::AF_INET {
            let a = &mut *(&mut ss as *mut libc::sockaddr_storage).cast::<libc::sockaddr_in>();
            a.sin_family = libc::AF_INET as u16;
            a.sin_addr.s_addr = u32::from_ne_bytes([127, 0, 0, 1]);
            (ss, std::mem::size_of::<libc::sockaddr_in>() as u32)
        } else {
            let a = &mut *(&mut ss as *mut libc::sockaddr_storage).cast::<libc::sockaddr_in6>();
            a.sin6_family = libc::AF_INET6 as u16;
            a.sin6_addr.s6_addr[15] = 1;
            (ss, std::mem::size_of::<libc::sockaddr_in6>() as u32)
        }
    }
}

/// A socket of `family` and `kind` bound to loopback, and its address (with its port).
///
/// # Safety
/// Raw syscalls only (it runs in a forked child).
unsafe fn bound(family: i32, kind: i32) -> (i32, libc::sockaddr_storage, libc::socklen_t) {
    // SAFETY: the pointers are to this frame's address and its length.
    unsafe {
        let fd = libc::socket(family, kind, 0);
        let (mut ss, mut len) = loopback(family);
        libc::bind(fd, (&ss as *const libc::sockaddr_storage).cast(), len);
        libc::getsockname(fd, (&mut ss as *mut libc::sockaddr_storage).cast(), &mut len);
        (fd, ss, len)
    }
}

/// `n` bytes over a TCP connection on loopback: sent in chunks, all received.
///
/// # Safety
/// Raw syscalls only.
unsafe fn tcp(family: i32, n: usize) {
    // SAFETY: buffers of this frame, with their lengths; fds made here.
    unsafe {
        let buf = [7u8; CHUNK];
        let mut into = [0u8; CHUNK];
        let (l, addr, len) = bound(family, libc::SOCK_STREAM);
        libc::listen(l, 1);
        let c = libc::socket(family, libc::SOCK_STREAM, 0);
        libc::connect(c, (&addr as *const libc::sockaddr_storage).cast(), len);
        let a = libc::accept(l, std::ptr::null_mut(), std::ptr::null_mut());
        // Loopback's socket buffers hold all of it: send everything, then read it.
        let mut sent = 0;
        while sent < n {
            let r = libc::send(c, buf.as_ptr().cast(), CHUNK.min(n - sent), 0);
            if r <= 0 {
                libc::_exit(2);
            }
            sent += r as usize;
        }
        // A peek first: it consumes nothing and is not counted.
        libc::recv(a, into.as_mut_ptr().cast(), CHUNK, libc::MSG_PEEK);
        let mut got = 0;
        while got < n {
            let r = libc::recv(a, into.as_mut_ptr().cast(), CHUNK, 0);
            if r <= 0 {
                libc::_exit(3);
            }
            got += r as usize;
        }
        libc::close(a);
        libc::close(c);
        libc::close(l);
    }
}

/// `DGRAMS` datagrams of `size` bytes between two UDP sockets on loopback.
///
/// # Safety
/// Raw syscalls only.
unsafe fn udp(family: i32, size: usize) {
    // SAFETY: buffers of this frame, with their lengths (size <= 2048); fds made here.
    unsafe {
        let buf = [9u8; 2048];
        let mut into = [0u8; 2048];
        let (r, addr, len) = bound(family, libc::SOCK_DGRAM);
        let (s, _, _) = bound(family, libc::SOCK_DGRAM);
        for _ in 0..DGRAMS {
            if libc::sendto(s, buf.as_ptr().cast(), size, 0, (&addr as *const libc::sockaddr_storage).cast(), len)
                != size as isize
            {
                libc::_exit(4);
            }
        }
        for _ in 0..DGRAMS {
            if libc::recv(r, into.as_mut_ptr().cast(), into.len(), 0) != size as isize {
                libc::_exit(5);
            }
        }
        libc::close(s);
        libc::close(r);
    }
}

fn traffic(_: usize) {
    // SAFETY: raw syscalls on fds this child owns.
    unsafe {
        tcp(libc::AF_INET, TCP_V4);
        tcp(libc::AF_INET6, TCP_V6);
        udp(libc::AF_INET, DGRAM_V4);
        udp(libc::AF_INET6, DGRAM_V6);
    }
}

/// The cgroup v2 id of process `pid`: the inode of its directory under the cgroup2 mount.
fn cgroup_id(pid: i32) -> Option<u64> {
    use std::os::unix::fs::MetadataExt;
    let mounts = std::fs::read_to_string("/proc/self/mounts").ok()?;
    let mount = mounts.lines().find(|l| l.split(' ').nth(2) == Some("cgroup2"))?.split(' ').nth(1)?.to_owned();
    let text = std::fs::read_to_string(format!("/proc/{pid}/cgroup")).ok()?;
    let path = text.lines().find_map(|l| l.strip_prefix("0::"))?;
    Some(std::fs::metadata(format!("{mount}{path}")).ok()?.ino())
}

fn check(hooks: &str, hook: HookType) {
    let w = Worker::spawn(traffic, 0);
    std::thread::sleep(Duration::from_millis(50));
    let mut p = Probe::new(options("netbytes", hooks));
    let s = p.snapshot();
    let e = ebpf(&s);
    assert_eq!(e.tracers.len(), 1);
    assert_eq!((e.tracers[0].state, e.tracers[0].hook), (TracerState::Attached, Some(hook)), "{:?}", e.tracers);
    assert_eq!(e.network_by_process, Field::Missing(Reason::NoPreviousSample));
    assert!(w.ran(), "the child's traffic failed");
    let s = p.snapshot();
    let e = ebpf(&s);
    assert_eq!(e.tracers[0].dropped, Field::Value(0));
    let rows = e.network_by_process.value().unwrap();
    let me = rows.iter().find(|r| r.pid == w.pid).unwrap_or_else(|| panic!("no row for {} in {rows:?}", w.pid));
    let tcp = (TCP_V4 + TCP_V6) as u64;
    let udp = (DGRAMS * (DGRAM_V4 + DGRAM_V6)) as u64;
    assert_eq!((me.tcp_sent_bytes, me.tcp_received_bytes), (tcp, tcp), "{me:?}");
    assert_eq!((me.udp_sent_bytes, me.udp_received_bytes), (udp, udp), "{me:?}");
    assert_eq!((me.udp_sends, me.udp_receives), (2 * DGRAMS as u64, 2 * DGRAMS as u64), "{me:?}");
    let sends = (TCP_V4.div_ceil(CHUNK) + TCP_V6.div_ceil(CHUNK)) as u64;
    assert_eq!(me.tcp_sends, sends, "{me:?}");
    assert!((2..=me.tcp_received_bytes).contains(&me.tcp_receives), "{me:?}");
    assert_eq!(me.cgroup_id, cgroup_id(w.pid), "{me:?}");
    if let Some(id) = me.cgroup_id {
        let c = e.network_by_cgroup.value().unwrap().iter().find(|c| c.cgroup_id == id).unwrap();
        assert!(c.tcp_sent_bytes >= tcp && c.udp_received_bytes >= udp, "{c:?}");
    }
}

#[test]
fn payload_bytes_per_process_are_exact_with_tp_btf() {
    if !root() {
        eprintln!("SKIPPED payload_bytes_per_process_are_exact_with_tp_btf: needs root");
        return;
    }
    let _g = LOCK.lock().unwrap_or_else(|e| e.into_inner());
    check("all", HookType::TpBtf);
}

#[test]
fn payload_bytes_per_process_are_exact_with_raw_tp() {
    if !root() {
        eprintln!("SKIPPED payload_bytes_per_process_are_exact_with_raw_tp: needs root");
        return;
    }
    let _g = LOCK.lock().unwrap_or_else(|e| e.into_inner());
    check("raw_tp", HookType::RawTp);
}

#[test]
fn payload_bytes_per_process_are_exact_with_tracepoint() {
    if !root() {
        eprintln!("SKIPPED payload_bytes_per_process_are_exact_with_tracepoint: needs root");
        return;
    }
    let _g = LOCK.lock().unwrap_or_else(|e| e.into_inner());
    check("tracepoint", HookType::Tracepoint);
}
