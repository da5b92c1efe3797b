//! The network collector: one [`Network`] for one network namespace.
//!
//! Sources, in order of preference:
//!
//! - sockets: sock_diag netlink ([`sock_diag`]; TCP in one walk for both families where the
//!   kernel accepts the older request), each table falling back on its own to
//!   `/proc/net/{tcp,tcp6,udp,udp6,udplite,udplite6,unix,raw,raw6,netlink,packet}` when the
//!   kernel has no diag module for it (`ENOENT`: raw sockets without
//!   `CONFIG_INET_RAW_DIAG`), or everywhere when asked (`sockets_from_procfs`,
//!   `LIBPROBE_NET_PROCFS=1`). Where each table came from is in
//!   [`Network::socket_sources`].
//! - owners: one inode → processes map ([`owners`]), from the process domain's descriptors
//!   when it read them all in this snapshot, else from the `iter/task_file` BPF iterator
//!   ([`owners_bpf`], option `owners_via`), else by walking `/proc/<pid>/fd`. The walk
//!   and the socket dumps are independent and mostly kernel time: a scoped helper thread
//!   starts the walk while this one dumps the tables, then this one takes its share of the
//!   processes left (they share one counter).
//! - interfaces, addresses, routes, neighbours: rtnetlink ([`rtnetlink`]); speed and duplex
//!   from sysfs for the probe's own namespace, the ethtool ioctl for another; driver,
//!   versions and bus from the ethtool ioctl ([`ethtool`]).
//! - conntrack: ctnetlink ([`conntrack`]), else `/proc/net/nf_conntrack`; totals from
//!   `/proc/sys/net/netfilter`, per-CPU counters from ctnetlink or
//!   `/proc/net/stat/nf_conntrack`.
//! - counters: `/proc/net/{snmp,snmp6,netstat,sockstat,sockstat6}` and the `tcp_mem` and
//!   `udp_mem` sysctls.
//!
//! Another namespace is read by a scoped thread that `setns()`es into it before opening
//! any socket and reads `/proc/thread-self/net/*`, so the caller's threads never move.
//!
//! `Collector::run` reads the parts in turn, each from its own file: [`namespace`] (the
//! entry, and entering another namespace), [`sockets`] (the tables, their procfs fallback
//! and their owners), [`counters`], [`interfaces`], [`routes`] (and neighbours) and
//! [`conntrack_table`]. The readers they call keep theirs: [`sock_diag`], [`owners`],
//! [`rtnetlink`], [`ethtool`] and [`conntrack`] (ctnetlink), over [`netlink`].
//!
//! Nothing fails the domain but an unusable namespace target: each source that cannot be
//! read leaves its fields missing with the reason, and unexpected failures (a reply or line
//! that does not parse, an I/O error) add a warning naming the source. Rows that do not
//! parse cost only themselves.

pub(crate) mod conntrack;
pub(crate) mod ethtool;
pub(crate) mod netlink;
pub(crate) mod owners;
pub(crate) mod owners_bpf;
pub(crate) mod rtnetlink;
pub(crate) mod sock_diag;

mod conntrack_table;
mod counters;
mod interfaces;
mod namespace;
mod routes;
mod sockets;

use crate::error::{Error, ParseError};
use crate::model::{Field, Reason, Warnings};
use crate::network::{NetNamespace, Network, NetworkOptions};
use crate::process::ProcessFull;
use crate::source::Source;
use crate::sys::imp::procfs::net_inet::Rows;
use crate::sys::imp::procfs::{net_snmp, net_snmp6, net_sockstat};
use crate::sys::pool::Pool;

use counters::{tcp_stats, udp_counters};
use interfaces::link_names;
use netlink::{Netlink, Request};
use sockets::Hints;

pub(crate) use namespace::collect;

/// What the network domain keeps between snapshots.
#[derive(Debug)]
pub(crate) struct State {
    /// The thread that reads another network namespace. It enters the namespace asked for
    /// before each read, and runs nothing else: a worker of the probe's shared pool would
    /// stay in that namespace for the next domain's jobs.
    netns: Pool,
    /// The socket owners' BPF iterator, loaded once.
    owners_iter: owners_bpf::OwnersIter,
    /// The socket tables' size, for giving free memory back after a burst.
    shrink: crate::sys::imp::Shrink,
}

impl Default for State {
    fn default() -> State {
        State {
            netns: Pool::new("libprobe-netns"),
            owners_iter: owners_bpf::OwnersIter::default(),
            shrink: crate::sys::imp::Shrink::default(),
        }
    }
}

/// Sockets below this count (every table together) never give memory back: a small
/// table's memory is reused by the next snapshot.
const SHRINK_MIN_SOCKETS: usize = 1024;

/// The rows of every socket table a snapshot read.
fn socket_count(n: &Network) -> usize {
    let len = |f: Option<usize>| f.unwrap_or(0);
    len(n.tcp.value().map(Vec::len))
        + len(n.udp.value().map(Vec::len))
        + len(n.unix_sockets.value().map(Vec::len))
        + len(n.raw.value().map(Vec::len))
        + len(n.netlink.value().map(Vec::len))
        + len(n.packet.value().map(Vec::len))
}

struct Collector<'a> {
    src: &'a Source,
    opts: &'a NetworkOptions,
    /// `net`, or `thread-self/net` inside another namespace.
    net: &'a str,
    target: &'a str,
    own_namespace: bool,
    force_procfs: bool,
    /// Linux 6.2+: the size of `/proc/<pid>/fd` is the number of descriptors.
    fd_dir_size_is_count: bool,
    /// The probe's workers (the owner walk runs beside the socket dumps).
    pool: &'a Pool,
}

impl<'a> Collector<'a> {
    fn new(
        src: &'a Source,
        opts: &'a NetworkOptions,
        net: &'a str,
        target: &'a str,
        fd_dir_size_is_count: bool,
        pool: &'a Pool,
    ) -> Self {
        let env = std::env::var_os("LIBPROBE_NET_PROCFS").is_some_and(|v| v == "1");
        let force_procfs = opts.sockets_from_procfs || env;
        Collector { src, opts, net, target, own_namespace: net == "net", force_procfs, fd_dir_size_is_count, pool }
    }

    fn proc_rel(&self, name: &str) -> String {
        format!("{}/{name}", self.net)
    }

    fn run(
        &self,
        procs: Option<&[ProcessFull]>,
        owners_iter: &mut owners_bpf::OwnersIter,
        w: &mut Warnings,
    ) -> Network {
        let opts = self.opts;
        let mut nl = Netlink::new(self.src);
        let inode = self.namespace_inode(w);
        // The socket counts size the tables up front (a TCP table of 20 000 rows would
        // otherwise be copied as it grows).
        let sockstat = self.values(&self.proc_rel("sockstat"), net_sockstat::values, |v| &v.problems, w);
        let sockstat6 = self.values(&self.proc_rel("sockstat6"), net_sockstat::values, |v| &v.problems, w);
        let (sockets, sources, owners_from) =
            self.sockets(&mut nl, &Hints::new(&sockstat, &sockstat6), procs, owners_iter, w);

        let (snmp_rel, snmp6_rel) = (self.proc_rel("snmp"), self.proc_rel("snmp6"));
        let (snmp_path, snmp6_path) = (self.src.proc_path(&snmp_rel), self.src.proc_path(&snmp6_rel));
        let snmp = self.values(&snmp_rel, net_snmp::values, |v| &v.problems, w);
        let tcp_stats = tcp_stats(sockets.tcp.as_ref(), &snmp, &snmp_path, w);
        let udp_stats = match &snmp {
            Field::Value(t) => udp_counters(|k| t.get("Udp", k), &snmp_path, w),
            Field::Missing(r) => Field::Missing(*r),
        };
        let snmp6 = self.values(&snmp6_rel, net_snmp6::values, |v| &v.problems, w);
        let udp6_stats = match &snmp6 {
            Field::Value(m) => udp_counters(|k| m.get(&format!("Udp6{k}")), &snmp6_path, w),
            Field::Missing(r) => Field::Missing(*r),
        };

        let links = if opts.interfaces || opts.routes || opts.neighbours { Some(self.links(&mut nl, w)) } else { None };
        let names = link_names(links.as_ref());

        Network {
            namespace: NetNamespace { inode, target: self.target.to_owned() },
            tcp: sockets.tcp.unwrap_or(Field::Missing(Reason::Disabled)),
            udp: sockets.udp.unwrap_or(Field::Missing(Reason::Disabled)),
            unix_sockets: sockets.unix.unwrap_or(Field::Missing(Reason::Disabled)),
            raw: sockets.raw.unwrap_or(Field::Missing(Reason::Disabled)),
            netlink: sockets.netlink.unwrap_or(Field::Missing(Reason::Disabled)),
            packet: sockets.packet.unwrap_or(Field::Missing(Reason::Disabled)),
            socket_sources: sources,
            owners_from,
            tcp_stats,
            udp_stats,
            udp6_stats,
            socket_stats: self.socket_stats(sockstat, sockstat6, w),
            snmp: snmp.map(|v| v.tables),
            snmp6: snmp6.map(|v| v.map),
            netstat: self.values(&self.proc_rel("netstat"), net_snmp::values, |v| &v.problems, w).map(|v| v.tables),
            interfaces: match (opts.interfaces, links) {
                (true, Some(l)) => l.map(|l| self.interfaces(&mut nl, l, w)),
                _ => Field::Missing(Reason::Disabled),
            },
            routes: if opts.routes { self.routes(&mut nl, &names, w) } else { Field::Missing(Reason::Disabled) },
            neighbours: if opts.neighbours {
                self.neighbours(&mut nl, &names, w)
            } else {
                Field::Missing(Reason::Disabled)
            },
            conntrack: if opts.conntrack { self.conntrack(&mut nl, w) } else { Field::Missing(Reason::Disabled) },
            conntrack_stats: self.conntrack_stats(&mut nl, w),
        }
    }

    /// Runs a dump whose replies `decode` turns into rows (or skips); a reply that does not
    /// decode costs only itself (one warning per dump). `Err` when the dump failed.
    fn dump<T>(
        &self,
        nl: &mut Netlink<'_>,
        req: &Request,
        decode: impl Fn(u16, &[u8]) -> Result<Option<T>, ParseError>,
        mut push: impl FnMut(T),
        w: &mut Warnings,
    ) -> Result<(), Reason> {
        let (mut bad, mut first, mut n) = (0usize, None, 0usize);
        let r = nl.dump(req, |msg| {
            n += 1;
            match decode(msg.ty, msg.payload) {
                Ok(Some(v)) => push(v),
                Ok(None) => {}
                Err(e) => {
                    bad += 1;
                    first.get_or_insert((n, msg.ty, e));
                }
            }
            Ok(())
        });
        // Every reply that does not decode is counted and the first one named: never a
        // silent loss.
        if let Some((n, ty, e)) = first {
            w.push(format!("{} in reply message {n} (type {ty}) ({bad} replies left out)", e.in_file(req.path())));
        }
        r.map(|_| ()).map_err(|e| w.reason(e))
    }

    /// Reads one `/proc/net` table in one piece (large tables change while read) and parses
    /// it with `parse`; rows left out and values that cost only themselves become warnings.
    fn proc_table<T>(
        &self,
        name: &str,
        parse: impl FnOnce(&[u8]) -> Rows<T>,
        w: &mut Warnings,
    ) -> Result<Vec<T>, Error> {
        let rel = self.proc_rel(name);
        let path = self.src.proc_path(&rel);
        // Large first reads: each read of a seq_file resumes its walk where the last one
        // ended, and rows that moved meanwhile can repeat (dropped below) or be missed.
        let mut buf = Vec::with_capacity(64 << 10);
        self.src.read_into(&path, &mut buf)?;
        let Rows { rows, left_out, problems } = parse(&buf);
        let n = left_out.len();
        if let Some(first) = left_out.into_iter().next() {
            w.push(format!("{} ({n} rows left out)", first.in_file(&path)));
        }
        w.problems(&path, &problems);
        Ok(rows)
    }
}
