//! Snapshot time through the C API against the same snapshot in Rust, and the arena's
//! size per process and per socket.
//!
//! ```text
//! cargo run --release -p libprobe-ffi --example bench_snapshot [-- ROUNDS]
//! ```
//!
//! Each round takes one snapshot with a Rust `Probe` and one through
//! `libprobe_probe_snapshot` (which collects with the same core code, then lays the view
//! out in its arena), alternating so both see the same machine; the medians are compared.
//! Freeing is timed apart. Bytes per process and per socket are the arena bytes of a
//! snapshot of that domain alone, less those of an empty snapshot, over the count.

use std::time::{Duration, Instant};

use libprobe::schema::{Record, ValueRef};
use libprobe::{DomainName, Domains, Options, Probe, ProcessOptions, Snapshot, Source};
use probe::config::{
    LIBPROBE_PROCESS_FIELDS_CGROUP_LIMITS, LIBPROBE_PROCESS_FIELDS_FDS, libprobe_config, libprobe_config_free,
    libprobe_config_new, libprobe_config_set_domains, libprobe_config_set_process_fields,
};
use probe::generated::libprobe_config_set_network_sockets;
use probe::probe::{libprobe_probe, libprobe_probe_free, libprobe_probe_new, libprobe_probe_snapshot};
use probe::snapshot::{libprobe_snapshot, libprobe_snapshot_arena_bytes, libprobe_snapshot_free};
use probe::status::LIBPROBE_STATUS_OK;

fn mask(domains: Domains) -> u32 {
    DomainName::ALL.iter().filter(|d| domains.contains(**d)).fold(0, |m, d| m | 1 << (*d as u32))
}

fn options(domains: Domains, fds: bool) -> Options {
    let mut options = Options { source: Source::host(), ..Options::default() };
    options.domains = domains;
    options.process = ProcessOptions { fds, ..ProcessOptions::default() };
    options
}

/// A probe of the C API with the same settings as `options(domains, fds)`.
fn c_probe(domains: Domains, fds: bool) -> *mut libprobe_probe {
    c_probe_sockets(domains, fds, true)
}

/// The same, listing the socket tables or not.
fn c_probe_sockets(domains: Domains, fds: bool, sockets: bool) -> *mut libprobe_probe {
    let mut cfg: *mut libprobe_config = std::ptr::null_mut();
    let mut probe: *mut libprobe_probe = std::ptr::null_mut();
    let fields = LIBPROBE_PROCESS_FIELDS_CGROUP_LIMITS | if fds { LIBPROBE_PROCESS_FIELDS_FDS } else { 0 };
    // SAFETY: out-pointers are valid locals; the config is live until freed below.
    unsafe {
        assert_eq!(libprobe_config_new(&mut cfg), LIBPROBE_STATUS_OK);
        assert_eq!(libprobe_config_set_domains(cfg, mask(domains)), LIBPROBE_STATUS_OK);
        assert_eq!(libprobe_config_set_process_fields(cfg, fields), LIBPROBE_STATUS_OK);
        if !sockets {
            assert_eq!(libprobe_config_set_network_sockets(cfg, 0), LIBPROBE_STATUS_OK);
        }
        assert_eq!(libprobe_probe_new(cfg, &mut probe), LIBPROBE_STATUS_OK);
        libprobe_config_free(cfg);
    }
    probe
}

fn c_snapshot(probe: *mut libprobe_probe) -> *mut libprobe_snapshot {
    let mut snap: *mut libprobe_snapshot = std::ptr::null_mut();
    // SAFETY: `probe` is live; `snap` is a valid out-pointer.
    assert_eq!(unsafe { libprobe_probe_snapshot(probe, &mut snap) }, LIBPROBE_STATUS_OK);
    snap
}

fn arena_used(snap: *mut libprobe_snapshot) -> usize {
    let mut used = 0;
    // SAFETY: `snap` is live; NULL is allowed for the second out-pointer.
    assert_eq!(unsafe { libprobe_snapshot_arena_bytes(snap, &mut used, std::ptr::null_mut()) }, LIBPROBE_STATUS_OK);
    used
}

fn median(mut v: Vec<Duration>) -> Duration {
    v.sort();
    v[v.len() / 2]
}

/// Sockets in a snapshot's network domain, read through the schema (0 without one).
fn socket_count(s: &Snapshot) -> usize {
    let Some(ValueRef::Record(net)) = s.get("network") else { return 0 };
    ["tcp", "udp", "unix_sockets", "raw", "netlink", "packet"]
        .iter()
        .filter_map(|name| match net.get(name) {
            Some(ValueRef::List(l)) => Some(l.len()),
            _ => None,
        })
        .sum()
}

fn compare(label: &str, domains: Domains, fds: bool, rounds: usize) {
    let mut rust = Probe::new(options(domains, fds));
    let c = c_probe(domains, fds);
    // Warm up both (first snapshots prime rates and caches).
    drop(rust.snapshot());
    // SAFETY: a live snapshot, freed once.
    unsafe { libprobe_snapshot_free(c_snapshot(c)) };
    let (mut tr, mut tc, mut tf) = (Vec::new(), Vec::new(), Vec::new());
    let mut processes = 0;
    for round in 0..rounds {
        // Alternate which goes first, so neither always finds the caches the other warmed.
        for first in [round % 2 == 0, round % 2 != 0] {
            if first {
                let t = Instant::now();
                let s = rust.snapshot();
                tr.push(t.elapsed());
                processes = s.processes().len();
                drop(s);
            } else {
                let t = Instant::now();
                let snap = c_snapshot(c);
                tc.push(t.elapsed());
                let t = Instant::now();
                // SAFETY: a live snapshot, freed once.
                unsafe { libprobe_snapshot_free(snap) };
                tf.push(t.elapsed());
            }
        }
    }
    // SAFETY: a live probe, freed once.
    unsafe { libprobe_probe_free(c) };
    let (r, cc, f) = (median(tr), median(tc), median(tf));
    println!(
        "{label:<34} {processes:>5} procs  Rust {:>8.2} ms  C API {:>8.2} ms  ratio {:.3}  (free {:.1} us)",
        r.as_secs_f64() * 1e3,
        cc.as_secs_f64() * 1e3,
        cc.as_secs_f64() / r.as_secs_f64(),
        f.as_secs_f64() * 1e6
    );
}

fn per_item(label: &str, domains: Domains, fds: bool, count: impl Fn(&Snapshot) -> usize) {
    per_item_over(label, c_probe(Domains::NONE, false), domains, fds, count);
}

/// Bytes per item: a snapshot of `domains` against the snapshot of the `empty` probe.
fn per_item_over(
    label: &str,
    empty: *mut libprobe_probe,
    domains: Domains,
    fds: bool,
    count: impl Fn(&Snapshot) -> usize,
) {
    let full = c_probe(domains, fds);
    let (se, sf) = (c_snapshot(empty), c_snapshot(full));
    let (ue, uf) = (arena_used(se), arena_used(sf));
    // The count, from a Rust snapshot of the same settings taken right after.
    let n = count(&Probe::new(options(domains, fds)).snapshot());
    if n == 0 {
        println!("{label:<34} none in this snapshot");
    } else {
        println!(
            "{label:<34} {n:>5} items, arena {uf} B (empty snapshot {ue} B): {:.0} B each",
            (uf - ue) as f64 / n as f64
        );
    }
    // SAFETY: live handles, each freed once.
    unsafe {
        libprobe_snapshot_free(se);
        libprobe_snapshot_free(sf);
        libprobe_probe_free(empty);
        libprobe_probe_free(full);
    }
}

fn main() {
    let rounds = std::env::args().nth(1).and_then(|a| a.parse().ok()).unwrap_or(30);
    println!("snapshot time, median of {rounds} rounds each, alternating (ratio = C API / Rust):");
    compare("default domains", Domains::default(), false, rounds);
    compare("process domain only", Domains::NONE.with(DomainName::Process), false, rounds);
    compare("process domain, fds", Domains::NONE.with(DomainName::Process), true, rounds);
    compare("network domain only", Domains::NONE.with(DomainName::Network), false, rounds);
    println!("\narena bytes:");
    per_item("per process", Domains::NONE.with(DomainName::Process), false, |s| s.processes().len());
    per_item("per process (with fds)", Domains::NONE.with(DomainName::Process), true, |s| s.processes().len());
    // Sockets: 1 000 loopback TCP connections (2 000 sockets, owned by this process) and a
    // listener, against the same network snapshot without socket tables (interfaces,
    // routes and counters are in both).
    let listener = std::net::TcpListener::bind("127.0.0.1:0").expect("a loopback listener");
    let addr = listener.local_addr().unwrap();
    let mut conns = Vec::new();
    for _ in 0..1000 {
        let client = std::net::TcpStream::connect(addr).expect("a loopback connection");
        let (server, _) = listener.accept().unwrap();
        conns.push((client, server));
    }
    let net = Domains::NONE.with(DomainName::Network);
    per_item_over(
        "per socket (network, owners, tcp_info)",
        c_probe_sockets(net, false, false),
        net,
        false,
        socket_count,
    );
    drop(conns);
}
