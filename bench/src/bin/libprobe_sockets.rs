//! libprobe: socket tables with their owning processes, as the sockets benchmark runs them.
//!
//! usage: libprobe_sockets MODE [--repeat N]
//!
//! | mode | tables | what else |
//! |---|---|---|
//! | `tcp` | TCP (IPv4 and IPv6) | owners, `tcp_info`, congestion, memory (libprobe's default TCP row) |
//! | `tcp-basic` | TCP | owners only: the fields `ss -tanp` prints |
//! | `tcp-basic-proc` | TCP | the same, owners by walking `/proc/<pid>/fd` (`network.owners_via = proc`) |
//! | `tcp-basic-bpf` | TCP | the same, owners from the `iter/task_file` BPF iterator (`owners_via = bpf`) |
//! | `tcp-no-owners` | TCP | no owners: what the owners add is the difference |
//! | `inet` | TCP, UDP, UDP-Lite | owners, `tcp_info` |
//! | `unix` | Unix | owners |
//! | `all` | every socket table | owners, `tcp_info` |
//!
//! Only the network domain is collected, without interfaces, routes, neighbours or
//! conntrack. Prints the benchmark JSON line (`rows` = sockets; `owned` = sockets with a
//! resolved owner, and `owners_from`, in `extra`). With `--repeat N` one probe takes N
//! snapshots: the BPF iterator is loaded by the first only.

use libprobe::network::Via;
use libprobe::{DomainName, Domains, Field, NetworkOptions, Options, Probe, SocketKind, SocketKinds};
use libprobe_bench::{Args, Tally, Timings, report};

fn options(mode: &str) -> Option<NetworkOptions> {
    let kinds = |ks: &[SocketKind]| ks.iter().fold(SocketKinds::NONE, |s, k| s.with(*k));
    let base = NetworkOptions {
        interfaces: false,
        routes: false,
        neighbours: false,
        conntrack: false,
        ..NetworkOptions::default()
    };
    Some(match mode {
        "tcp" => NetworkOptions { sockets: kinds(&[SocketKind::Tcp]), ..base },
        "tcp-basic" => NetworkOptions { sockets: kinds(&[SocketKind::Tcp]), tcp_info: false, ..base },
        "tcp-basic-proc" => {
            NetworkOptions { sockets: kinds(&[SocketKind::Tcp]), tcp_info: false, owners_via: Via::Proc, ..base }
        }
        "tcp-basic-bpf" => {
            NetworkOptions { sockets: kinds(&[SocketKind::Tcp]), tcp_info: false, owners_via: Via::Bpf, ..base }
        }
        "tcp-no-owners" => {
            NetworkOptions { sockets: kinds(&[SocketKind::Tcp]), tcp_info: false, owners: false, ..base }
        }
        "inet" => NetworkOptions { sockets: kinds(&[SocketKind::Tcp, SocketKind::Udp]), ..base },
        "unix" => NetworkOptions { sockets: kinds(&[SocketKind::Unix]), ..base },
        "all" => NetworkOptions { sockets: SocketKinds::all(), ..base },
        _ => return None,
    })
}

fn fold<T>(t: &mut Tally, owned: &mut u64, rows: &Field<Vec<T>>, key: impl Fn(&T) -> (u64, Option<i32>)) {
    match rows {
        Field::Value(rows) => {
            for r in rows {
                let (inode, pid) = key(r);
                t.rows += 1;
                t.add(inode);
                if let Some(pid) = pid {
                    *owned += 1;
                    t.add(pid as u64);
                }
            }
        }
        Field::Missing(_) => t.errors += 1,
    }
}

fn main() {
    let mut argv = std::env::args().skip(1);
    let mode = argv.next().unwrap_or_default();
    let (Some(network), Ok(args)) = (options(&mode), Args::parse(argv)) else {
        eprintln!(
            "usage: libprobe_sockets tcp|tcp-basic|tcp-basic-proc|tcp-basic-bpf|tcp-no-owners|inet|unix|all [--repeat N]"
        );
        std::process::exit(2);
    };
    let mut probe =
        Probe::new(Options { domains: Domains::NONE.with(DomainName::Network), network, ..Options::default() });
    let mut times = Timings::default();
    let mut tally = Tally::default();
    let mut owned = 0u64;
    let mut from = String::from("null");
    for _ in 0..args.repeat {
        let snap = times.time(|| probe.snapshot());
        let (mut t, mut o) = (Tally::default(), 0u64);
        if let Some(net) = snap.network() {
            from = match &net.owners_from {
                Field::Value(f) => format!("\"{f:?}\""),
                Field::Missing(r) => format!("\"missing: {r}\""),
            };
            fold(&mut t, &mut o, &net.tcp, |c| (c.inode, c.pid.get()));
            fold(&mut t, &mut o, &net.udp, |c| (c.inode, c.pid.get()));
            fold(&mut t, &mut o, &net.unix_sockets, |c| (c.inode, c.pid.get()));
            fold(&mut t, &mut o, &net.raw, |c| (c.inode, c.pid.get()));
            fold(&mut t, &mut o, &net.netlink, |c| (c.inode, c.pid.get()));
            fold(&mut t, &mut o, &net.packet, |c| (c.inode, c.pid.get()));
            // Tables not asked for are missing by design, not errors.
            t.errors = 0;
        } else {
            t.errors += 1;
        }
        tally = t;
        owned = o;
    }
    println!(
        "{}",
        report(&format!("libprobe:{mode}"), &times, tally, &[("owned", owned.to_string()), ("owners_from", from)])
    );
}
