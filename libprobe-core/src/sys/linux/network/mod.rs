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
//!   when it read them all in this snapshot, else by walking `/proc/<pid>/fd`. The walk
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
//! Nothing fails the domain but an unusable namespace target: each source that cannot be
//! read leaves its fields missing with the reason, and unexpected failures (a reply or line
//! that does not parse, an I/O error) add a warning naming the source. Rows that do not
//! parse cost only themselves.

pub(crate) mod conntrack;
pub(crate) mod ethtool;
pub(crate) mod netlink;
pub(crate) mod owners;
pub(crate) mod rtnetlink;
pub(crate) mod sock_diag;

use std::collections::{HashMap, HashSet};
use std::hash::{BuildHasherDefault, Hasher};
use std::net::{Ipv4Addr, Ipv6Addr};

use crate::domain::Cx;
use crate::error::{Error, ErrorKind, ParseError};
use crate::model::{Domain, Field, Reason, Warnings};
use crate::network::{
    AddressFamily, AddressScope, ArpEntry, ConntrackEntry, ConntrackStats, CounterTable, Duplex, InterfaceFlags,
    InterfaceState, Ipv4Info, Ipv6Info, NeighbourState, NetInterfaceFull, NetNamespace, NetNamespaceTarget,
    NetlinkSocket, Network, NetworkOptions, PacketSocket, RawSocket, Route, RouteFlags, RouteNextHop, RouteType,
    SocketKind, SocketStats, TcpConnection, TcpState, TcpStats, UdpConnection, UdpStats, UnixSocket, ip_text, mac_text,
};
use crate::process::ProcessFull;
use crate::schema::OrderedMap;
use crate::source::Source;
use crate::sys::imp::procfs::{
    net_netlink, net_nf_conntrack, net_packet, net_raw, net_snmp, net_snmp6, net_sockstat, net_stat_nf_conntrack,
    net_tcp, net_udp, net_unix, pid_ns, sys_net_mem,
};
use crate::sys::imp::sysfs::class_net;
use crate::text::ByteStr;

use netlink::{Netlink, Request};
use owners::{Owners, Resolved};
use sock_diag::{IPPROTO_RAW, IPPROTO_TCP, IPPROTO_UDP, IPPROTO_UDPLITE};

/// What the network domain keeps between snapshots: nothing yet.
#[derive(Debug, Default)]
pub(crate) struct State;

/// Collects the namespace `opts` names. When the process domain of this snapshot read every
/// process's descriptors, its sockets give the owners.
pub(crate) fn collect(cx: &mut Cx<'_>, opts: &NetworkOptions, _: &mut State) -> Domain<Network> {
    let src = cx.src();
    let process = &cx.options().process;
    let procs = (process.fds && process.pids.is_none()).then(|| cx.earlier().processes.value()).flatten();
    let procs = procs.map(Vec::as_slice);
    let fd_dir_size_is_count = cx.kernel_at_least(6, 2) && src.procfs_is_procfs();
    let w = cx.warnings();
    let (target, ns_file) = match &opts.netns {
        NetNamespaceTarget::Own => {
            return Domain::Collected(Collector::new(src, opts, "net", "self", fd_dir_size_is_count).run(procs, w));
        }
        NetNamespaceTarget::Pid(pid) => (format!("pid {pid}"), src.proc_path(format!("{pid}/ns/net"))),
        NetNamespaceTarget::Path(p) => (p.display().to_string(), p.clone()),
    };
    if src.is_fixture() {
        return Domain::Failed(
            Error::new(ErrorKind::Unsupported, "a fixture tree holds only its own network namespace")
                .with_path(ns_file),
        );
    }
    // Not blocking on a FIFO, and refusing what is not a namespace file.
    let ns = match crate::sys::imp::fs::open_namespace(&ns_file) {
        Ok(f) => f,
        Err(e) => return Domain::Failed(Error::io(&ns_file, &e)),
    };
    let run = || -> Result<Network, Error> {
        enter_namespace(&ns).map_err(|e| Error::io(&ns_file, &e))?;
        Ok(Collector::new(src, opts, "thread-self/net", &target, fd_dir_size_is_count).run(procs, w))
    };
    let joined =
        std::thread::scope(|s| match std::thread::Builder::new().name("libprobe-netns".into()).spawn_scoped(s, run) {
            Ok(h) => h.join().unwrap_or_else(|_| Err(Error::new(ErrorKind::Io, "the namespace thread panicked"))),
            Err(e) => Err(Error::io(&ns_file, &e)),
        });
    Domain::from(joined)
}

/// Moves the calling thread into the network namespace of `ns` (an open `ns/net` file).
fn enter_namespace(ns: &std::os::fd::OwnedFd) -> std::io::Result<()> {
    use std::os::fd::AsRawFd;
    // SAFETY: `ns` is an open descriptor; setns changes only this thread's namespace.
    let rc = unsafe { libc::setns(ns.as_raw_fd(), libc::CLONE_NEWNET) };
    if rc < 0 { Err(std::io::Error::last_os_error()) } else { Ok(()) }
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
}

/// A socket table being assembled from its parts (IPv4 and IPv6, UDP and UDP-Lite).
///
/// The table is missing only when no part could be read; a part that could not (UDP-Lite
/// configured out, say) is named as `unavailable` in [`Network::socket_sources`].
struct Table<T> {
    rows: Vec<T>,
    /// The keys (cookies) of the rows sock_diag gave, to drop repeats.
    seen: HashSet<u64, BuildHasherDefault<KeyHasher>>,
    /// Some part was read.
    read: bool,
    /// The first part that could not be read, with why.
    missing: Option<Reason>,
}

/// Table sizes expected from the socket counts.
struct Hints {
    tcp: usize,
    udp: usize,
}

/// Hashes the socket keys (kernel cookies and inodes, counters rather than attacker-chosen
/// data) with one multiply, instead of SipHash.
#[derive(Default)]
struct KeyHasher(u64);

impl Hasher for KeyHasher {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = (self.0.rotate_left(8) ^ u64::from(b)).wrapping_mul(0x9e37_79b9_7f4a_7c15);
        }
    }

    fn write_u64(&mut self, v: u64) {
        self.0 = (v ^ v >> 32).wrapping_mul(0x9e37_79b9_7f4a_7c15);
    }
}

/// One part of a socket table: its name in [`Network::socket_sources`], its sock_diag
/// request, and its `/proc/net` file.
struct Spec<'n> {
    label: &'n str,
    req: Request,
    proc_name: &'n str,
    /// An IPv6 part: its file is absent when IPv6 is disabled.
    ipv6: bool,
}

/// Where the socket dumps write: the netlink client, the table sources, the warnings.
struct Out<'a, 's> {
    nl: &'a mut Netlink<'s>,
    sources: &'a mut Sources,
    w: &'a mut Warnings,
}

impl<T> Table<T> {
    fn new(capacity: usize) -> Self {
        let seen = HashSet::with_capacity_and_hasher(capacity, BuildHasherDefault::default());
        Table { rows: Vec::with_capacity(capacity), seen, read: false, missing: None }
    }

    fn field(self) -> Field<Vec<T>> {
        if self.read { Field::Value(self.rows) } else { Field::Missing(self.missing.unwrap_or(Reason::NotSupported)) }
    }
}

/// Where a table part came from.
type Sources = OrderedMap<String, String>;

impl<'a> Collector<'a> {
    fn new(
        src: &'a Source,
        opts: &'a NetworkOptions,
        net: &'a str,
        target: &'a str,
        fd_dir_size_is_count: bool,
    ) -> Self {
        let env = std::env::var_os("LIBPROBE_NET_PROCFS").is_some_and(|v| v == "1");
        let force_procfs = opts.sockets_from_procfs || env;
        Collector { src, opts, net, target, own_namespace: net == "net", force_procfs, fd_dir_size_is_count }
    }

    fn proc_rel(&self, name: &str) -> String {
        format!("{}/{name}", self.net)
    }

    fn run(&self, procs: Option<&[ProcessFull]>, w: &mut Warnings) -> Network {
        let src = self.src;
        let opts = self.opts;
        let mut nl = Netlink::new(src);
        let ns_link = if self.own_namespace { "self/ns/net" } else { "thread-self/ns/net" };
        let inode = match src.read_link_proc(ns_link) {
            Ok(link) => match pid_ns::inode(&link) {
                Ok(i) => Field::Value(i),
                Err(e) => {
                    w.push(e.in_file(src.proc_path(ns_link)));
                    Field::Missing(Reason::Error)
                }
            },
            Err(e) => Field::Missing(w.reason(e)),
        };

        // The socket counts size the tables up front (a TCP table of 20 000 rows would
        // otherwise be copied as it grows).
        let sockstat = self.counters(&self.proc_rel("sockstat"), net_sockstat::parse, w);
        let sockstat6 = self.counters(&self.proc_rel("sockstat6"), net_sockstat::parse, w);
        let count = |keys: &[(&str, &str)]| -> usize {
            let one =
                |f: &Field<net_sockstat::SockStat>, p: &str, k: &str| f.value().and_then(|s| s.get(p, k)).unwrap_or(0);
            let n: u64 = keys.iter().map(|(p, k)| one(&sockstat, p, k) + one(&sockstat6, p, k)).sum();
            usize::try_from(n).unwrap_or(0).saturating_add(64)
        };
        let hint = Hints {
            tcp: count(&[("TCP", "inuse"), ("TCP", "tw"), ("TCP6", "inuse")]),
            udp: count(&[("UDP", "inuse"), ("UDP6", "inuse"), ("UDPLITE", "inuse"), ("UDPLITE6", "inuse")]),
        };
        let wants = |k| opts.sockets.contains(k);
        let need_owners = opts.owners && !opts.sockets.is_empty();
        let from_procs = if need_owners { procs.map(Owners::from_processes) } else { None };
        let mut sources = Sources::new();
        // The owner walk and the socket dumps are independent, and both mostly kernel
        // time: a helper thread starts the walk, this thread dumps the tables and then
        // takes its share of the remaining processes.
        let walk =
            match (need_owners && from_procs.is_none()).then(|| owners::Walk::new(src, self.fd_dir_size_is_count)) {
                None => Ok(None),
                Some(Ok(walk)) => Ok(Some(walk)),
                Some(Err(e)) => Err(w.reason(e)),
            };
        let (sockets, parts) = std::thread::scope(|scope| {
            let helper = match &walk {
                Ok(Some(walk)) => {
                    std::thread::Builder::new().name("libprobe-owners".into()).spawn_scoped(scope, || walk.work()).ok()
                }
                _ => None,
            };
            let mut out = Out { nl: &mut nl, sources: &mut sources, w };
            let table = |k: SocketKind| wants(k).then_some(k);
            let sockets = Sockets {
                tcp: table(SocketKind::Tcp).map(|_| self.tcp(&mut out, hint.tcp)),
                udp: table(SocketKind::Udp).map(|_| self.udp(&mut out, hint.udp)),
                unix: table(SocketKind::Unix).map(|_| self.unix(&mut out)),
                raw: table(SocketKind::Raw).map(|_| self.raw(&mut out)),
                netlink: table(SocketKind::Netlink).map(|_| self.netlink(&mut out)),
                packet: table(SocketKind::Packet).map(|_| self.packet(&mut out)),
            };
            let mut parts = Vec::new();
            if let Ok(Some(walk)) = &walk {
                parts.push(walk.work());
            }
            if let Some(h) = helper {
                // A panicking helper leaves its processes unwalked: their sockets have no
                // owners, as if the processes had exited.
                parts.extend(h.join().ok());
            }
            (sockets, parts)
        });
        let owners = match (from_procs, walk) {
            (Some(o), _) => Ok(o),
            (None, Ok(Some(_))) => Ok(Owners::merge(parts)),
            (None, Ok(None)) => Err(Reason::Disabled),
            (None, Err(r)) => Err(r),
        };
        let mut sockets = sockets.with_owners(&owners);
        if let Some(Field::Value(rows)) = &mut sockets.netlink {
            for s in rows.iter_mut() {
                s.uid = match &s.owners {
                    // A fixture's descriptor links point at nothing on this machine.
                    Field::Value(_) if src.is_fixture() => Field::Missing(Reason::NotSupported),
                    Field::Value(o) => match owners::socket_uid(src, o[0].pid, o[0].fd) {
                        Ok(uid) => Field::Value(uid),
                        Err(e) => Field::Missing(w.reason(e)),
                    },
                    Field::Missing(Reason::Disabled) => Field::Missing(Reason::Disabled),
                    Field::Missing(Reason::PermissionDenied) => Field::Missing(Reason::PermissionDenied),
                    Field::Missing(_) => Field::Missing(Reason::NotPresent),
                };
            }
        }

        let snmp = self.counters(&self.proc_rel("snmp"), net_snmp::parse, w);
        let tcp_stats = tcp_stats(sockets.tcp.as_ref(), &snmp);
        let udp_stats = snmp.as_ref().and_then(|t| udp_counters(|k| net_snmp::get(t, "Udp", k)));
        let snmp6 = self.counters(&self.proc_rel("snmp6"), net_snmp6::parse, w);
        let udp6_stats = snmp6.as_ref().and_then(|m| udp_counters(|k| m.get(format!("Udp6{k}").as_str()).copied()));

        let links = if opts.interfaces || opts.routes || opts.neighbours { Some(self.links(&mut nl, w)) } else { None };
        let names: HashMap<u32, (ByteStr, u16)> = match &links {
            Some(Field::Value(l)) => {
                l.iter().map(|l| (l.index, (ByteStr::from(l.name.as_slice()), l.hw_type))).collect()
            }
            _ => HashMap::new(),
        };

        Network {
            namespace: NetNamespace { inode, target: self.target.to_owned() },
            tcp: sockets.tcp.unwrap_or(Field::Missing(Reason::Disabled)),
            udp: sockets.udp.unwrap_or(Field::Missing(Reason::Disabled)),
            unix_sockets: sockets.unix.unwrap_or(Field::Missing(Reason::Disabled)),
            raw: sockets.raw.unwrap_or(Field::Missing(Reason::Disabled)),
            netlink: sockets.netlink.unwrap_or(Field::Missing(Reason::Disabled)),
            packet: sockets.packet.unwrap_or(Field::Missing(Reason::Disabled)),
            socket_sources: sources,
            tcp_stats,
            udp_stats,
            udp6_stats,
            socket_stats: self.socket_stats(sockstat, sockstat6, w),
            snmp,
            snmp6,
            netstat: self.counters(&self.proc_rel("netstat"), net_snmp::parse, w),
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

    // ---------------------------------------------------------------- sockets

    /// Runs one sock_diag dump, decoding each reply with `decode` into `table` (a row whose
    /// key was seen is a repeat: the kernel resumed its walk after the table changed);
    /// `Err` when the dump itself failed (the caller falls back to procfs).
    fn diag<T>(
        &self,
        out: &mut Out<'_, '_>,
        req: &Request,
        table: &mut Table<T>,
        key: impl Fn(&T) -> u64,
        mut decode: impl FnMut(&[u8]) -> Result<T, ParseError>,
    ) -> Result<(), Error> {
        let mut bad = 0usize;
        let mut first_bad = None;
        out.nl.dump(req, |msg| {
            match decode(msg.payload) {
                Ok(row) => {
                    if table.seen.insert(key(&row)) {
                        table.rows.push(row);
                    }
                }
                Err(e) => {
                    bad += 1;
                    first_bad.get_or_insert(e);
                }
            }
            Ok(())
        })?;
        if let Some(e) = first_bad {
            out.w.push(format!("{} ({bad} replies left out)", e.in_file(req.path())));
        }
        Ok(())
    }

    /// Reads one `/proc/net` table in one piece (large tables change while read) and parses
    /// it with `parse`; row errors become warnings.
    fn proc_table<T>(
        &self,
        name: &str,
        parse: impl FnOnce(&[u8]) -> (Vec<T>, Vec<ParseError>),
        w: &mut Warnings,
    ) -> Result<Vec<T>, Error> {
        let rel = self.proc_rel(name);
        let path = self.src.proc_path(&rel);
        // Large first reads: each read of a seq_file resumes its walk where the last one
        // ended, and rows that moved meanwhile can repeat (dropped below) or be missed.
        let mut buf = Vec::with_capacity(64 << 10);
        self.src.read_into(&path, &mut buf)?;
        let (rows, errors) = parse(&buf);
        let n = errors.len();
        if let Some(first) = errors.into_iter().next() {
            w.push(format!("{} ({n} rows left out)", first.in_file(&path)));
        }
        Ok(rows)
    }

    /// One part of a table: sock_diag unless forced off, else (or when the kernel has no
    /// diag module for it) the `/proc/net` file. An IPv6 part whose file does not exist
    /// while the IPv4 one does (IPv6 disabled) is empty: there can be no such sockets.
    fn part<T: ProcKey>(
        &self,
        out: &mut Out<'_, '_>,
        table: &mut Table<T>,
        spec: Spec<'_>,
        key: impl Fn(&T) -> u64,
        decode: impl FnMut(&[u8]) -> Result<T, ParseError>,
        proc_parse: impl FnOnce(&[u8]) -> (Vec<T>, Vec<ParseError>),
    ) {
        let label = spec.label.to_owned();
        if !self.force_procfs {
            let before = table.rows.len();
            match self.diag(out, &spec.req, table, key, decode) {
                Ok(()) => {
                    table.read = true;
                    out.sources.push(label, "sock_diag".to_owned());
                    return;
                }
                Err(e) => {
                    table.rows.truncate(before);
                    if !matches!(e.kind(), ErrorKind::NotFound | ErrorKind::Unsupported | ErrorKind::InvalidArgument) {
                        out.w.push(e);
                    }
                }
            }
        }
        let path = format!("/proc/net/{}", spec.proc_name);
        match self.proc_table(spec.proc_name, proc_parse, out.w) {
            Ok(rows) => {
                let mut keys: HashSet<ProcRowKey> = HashSet::with_capacity(rows.len());
                table.rows.extend(rows.into_iter().filter(|r| r.proc_key().is_none_or(|k| keys.insert(k))));
                table.read = true;
                out.sources.push(label, path);
            }
            // The IPv4 file is there but not the IPv6 one: IPv6 is disabled, so there can
            // be no such sockets.
            Err(e) if spec.ipv6 && e.kind() == ErrorKind::NotFound && table.read => {
                out.sources.push(label, "none (no IPv6)".to_owned());
            }
            Err(e) => {
                let r = out.w.reason(e);
                table.missing.get_or_insert(r);
                out.sources.push(label, format!("unavailable ({r})"));
            }
        }
    }

    fn tcp(&self, out: &mut Out<'_, '_>, capacity: usize) -> Field<Vec<TcpConnection>> {
        let ticks = self.src.clock_ticks();
        let info = self.opts.tcp_info;
        let mut t = Table::new(capacity);
        let key = |c: &TcpConnection| c.cookie.get().unwrap_or(0);
        let decode = |p: &[u8]| sock_diag::decode_inet(p).and_then(|d| sock_diag::tcp_connection(&d, ticks));
        // One pass over the kernel's TCP hash tables for both families (the older request
        // type dumps IPv4 and IPv6 together), else one request per family.
        if !self.force_procfs {
            match self.diag(out, &sock_diag::inet_both_request(info), &mut t, key, decode) {
                Ok(()) => {
                    t.read = true;
                    out.sources.push("tcp4".to_owned(), "sock_diag".to_owned());
                    out.sources.push("tcp6".to_owned(), "sock_diag".to_owned());
                    return t.field();
                }
                Err(e) => {
                    t.rows.clear();
                    t.seen.clear();
                    if !matches!(e.kind(), ErrorKind::NotFound | ErrorKind::Unsupported | ErrorKind::InvalidArgument) {
                        out.w.push(e);
                    }
                }
            }
        }
        for (fam, label, file, ipv6) in
            [(AddressFamily::Ipv4, "tcp4", "tcp", false), (AddressFamily::Ipv6, "tcp6", "tcp6", true)]
        {
            let req = sock_diag::inet_request(fam, IPPROTO_TCP, info);
            self.part(out, &mut t, Spec { label, req, proc_name: file, ipv6 }, key, decode, |text| {
                net_tcp::parse(text, fam)
            });
        }
        t.field()
    }

    fn udp(&self, out: &mut Out<'_, '_>, capacity: usize) -> Field<Vec<UdpConnection>> {
        let mut t = Table::new(capacity);
        for (fam, proto, label, file, ipv6) in [
            (AddressFamily::Ipv4, IPPROTO_UDP, "udp4", "udp", false),
            (AddressFamily::Ipv6, IPPROTO_UDP, "udp6", "udp6", true),
            (AddressFamily::Ipv4, IPPROTO_UDPLITE, "udplite4", "udplite", false),
            (AddressFamily::Ipv6, IPPROTO_UDPLITE, "udplite6", "udplite6", true),
        ] {
            let lite = proto == IPPROTO_UDPLITE;
            let req = sock_diag::inet_request(fam, proto, false);
            self.part(
                out,
                &mut t,
                Spec { label, req, proc_name: file, ipv6 },
                |c: &UdpConnection| c.cookie.get().unwrap_or(0),
                |p| sock_diag::decode_inet(p).and_then(|d| sock_diag::udp_connection(&d, lite)),
                |text| net_udp::parse(text, fam, lite),
            );
        }
        t.field()
    }

    fn raw(&self, out: &mut Out<'_, '_>) -> Field<Vec<RawSocket>> {
        let mut t = Table::new(16);
        for (fam, label, file, ipv6) in
            [(AddressFamily::Ipv4, "raw4", "raw", false), (AddressFamily::Ipv6, "raw6", "raw6", true)]
        {
            let req = sock_diag::inet_request(fam, IPPROTO_RAW, false);
            self.part(
                out,
                &mut t,
                Spec { label, req, proc_name: file, ipv6 },
                |c: &RawSocket| c.cookie.get().unwrap_or(0),
                |p| sock_diag::decode_inet(p).and_then(|d| sock_diag::raw_socket(&d)),
                |text| net_raw::parse(text, fam),
            );
        }
        t.field()
    }

    fn unix(&self, out: &mut Out<'_, '_>) -> Field<Vec<UnixSocket>> {
        let mut t = Table::new(1024);
        let spec = Spec { label: "unix", req: sock_diag::unix_request(), proc_name: "unix", ipv6: false };
        self.part(out, &mut t, spec, |s: &UnixSocket| s.inode, sock_diag::unix_socket, net_unix::parse);
        t.field()
    }

    fn netlink(&self, out: &mut Out<'_, '_>) -> Field<Vec<NetlinkSocket>> {
        let mut t = Table::new(64);
        let spec = Spec { label: "netlink", req: sock_diag::netlink_request(), proc_name: "netlink", ipv6: false };
        // The cookie is unique; kernel sockets of old kernels can share inode 0.
        let key = |s: &NetlinkSocket| s.cookie.get().unwrap_or(s.inode);
        self.part(out, &mut t, spec, key, sock_diag::netlink_socket, net_netlink::parse);
        t.field()
    }

    fn packet(&self, out: &mut Out<'_, '_>) -> Field<Vec<PacketSocket>> {
        let mut t = Table::new(16);
        let spec = Spec { label: "packet", req: sock_diag::packet_request(), proc_name: "packet", ipv6: false };
        self.part(out, &mut t, spec, |s: &PacketSocket| s.inode, sock_diag::packet_socket, net_packet::parse);
        t.field()
    }

    // ---------------------------------------------------------------- counters

    fn counters<T>(&self, rel: &str, parse: impl FnOnce(&[u8]) -> Result<T, ParseError>, w: &mut Warnings) -> Field<T> {
        let path = self.src.proc_path(rel);
        match self.src.read_proc(rel) {
            Ok(text) => match parse(&text) {
                Ok(v) => Field::Value(v),
                Err(e) => {
                    w.push(e.in_file(&path));
                    Field::Missing(Reason::Error)
                }
            },
            Err(e) => Field::Missing(w.reason(e)),
        }
    }

    fn socket_stats(
        &self,
        v4: Field<net_sockstat::SockStat>,
        v6: Field<net_sockstat::SockStat>,
        w: &mut Warnings,
    ) -> Field<SocketStats> {
        let v4 = match v4 {
            Field::Value(v) => v,
            Field::Missing(r) => return Field::Missing(r),
        };
        let mut limits = |name: &str| self.counters(&format!("sys/net/ipv4/{name}"), sys_net_mem::parse, w);
        let (tcp_mem, udp_mem) = (limits("tcp_mem"), limits("udp_mem"));
        let get = |p: &str, k: &str| v4.get(p, k).unwrap_or(0);
        let g32 = |p: &str, k: &str| u32::try_from(get(p, k)).unwrap_or(u32::MAX);
        let six = |p: &str, k: &str| match &v6 {
            Field::Value(s) => s.get(p, k).map_or(Field::Missing(Reason::NotSupported), Field::Value),
            Field::Missing(r) => Field::Missing(*r),
        };
        let six32 = |p: &str, k: &str| six(p, k).map(|v| u32::try_from(v).unwrap_or(u32::MAX));
        if v4.get("sockets", "used").is_none() || v4.get("TCP", "inuse").is_none() {
            w.push(ParseError::missing("TCP inuse").in_file(self.src.proc_path(self.proc_rel("sockstat"))));
            return Field::Missing(Reason::Error);
        }
        Field::Value(SocketStats {
            sockets_used: g32("sockets", "used"),
            tcp_inuse: g32("TCP", "inuse"),
            tcp_orphan: g32("TCP", "orphan"),
            tcp_tw: g32("TCP", "tw"),
            tcp_alloc: g32("TCP", "alloc"),
            tcp_mem_pages: get("TCP", "mem"),
            tcp_mem,
            udp_inuse: g32("UDP", "inuse"),
            udp_mem_pages: get("UDP", "mem"),
            udp_mem,
            udplite_inuse: g32("UDPLITE", "inuse"),
            raw_inuse: g32("RAW", "inuse"),
            frag_inuse: g32("FRAG", "inuse"),
            frag_memory: get("FRAG", "memory"),
            tcp6_inuse: six32("TCP6", "inuse"),
            udp6_inuse: six32("UDP6", "inuse"),
            udplite6_inuse: six32("UDPLITE6", "inuse"),
            raw6_inuse: six32("RAW6", "inuse"),
            frag6_inuse: six32("FRAG6", "inuse"),
            frag6_memory: six("FRAG6", "memory"),
        })
    }

    // ---------------------------------------------------------------- interfaces

    fn links(&self, nl: &mut Netlink<'_>, w: &mut Warnings) -> Field<Vec<rtnetlink::Link>> {
        let mut links = Vec::new();
        match self.dump(nl, &rtnetlink::link_request(), rtnetlink::link, |l| links.push(l), w) {
            Ok(()) => {
                links.sort_by_key(|l| l.index);
                links.dedup_by_key(|l| l.index);
                Field::Value(links)
            }
            Err(r) => Field::Missing(r),
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

    fn interfaces(&self, nl: &mut Netlink<'_>, links: Vec<rtnetlink::Link>, w: &mut Warnings) -> Vec<NetInterfaceFull> {
        let mut addrs = Vec::new();
        let addrs_ok = self.dump(nl, &rtnetlink::addr_request(), rtnetlink::address, |a| addrs.push(a), w);
        let mut eth = ethtool::Ethtool::new(self.src);
        let mut out = Vec::with_capacity(links.len());
        for l in links {
            let (v4, v6) = match &addrs_ok {
                Ok(()) => {
                    let mine = addrs.iter().filter(|a| a.index == l.index);
                    let (mut v4, mut v6) = (Vec::new(), Vec::new());
                    for a in mine {
                        match a.family {
                            AddressFamily::Ipv4 => v4.push(ipv4_info(a)),
                            AddressFamily::Ipv6 => v6.push(ipv6_info(a)),
                        }
                    }
                    (Field::Value(v4), Field::Value(v6))
                }
                Err(r) => (Field::Missing(*r), Field::Missing(*r)),
            };
            let (driver, driver_version, firmware_version, bus_info) = match eth.drvinfo(&l.name) {
                Ok(d) => (nonempty(d.driver), nonempty(d.version), nonempty(d.firmware), nonempty(d.bus)),
                Err(e) => {
                    let r = w.reason(e);
                    (Field::Missing(r), Field::Missing(r), Field::Missing(r), Field::Missing(r))
                }
            };
            let (speed_mbps, duplex) = self.link_speed(&mut eth, &l, w);
            let opt_u64 = |v: Option<u64>| v.map_or(Field::Missing(Reason::NotSupported), Field::Value);
            let opt_u32 = |v: Option<u32>| v.map_or(Field::Missing(Reason::NotSupported), Field::Value);
            let mac = l.address.as_deref().filter(|a| !a.is_empty()).map(mac_text);
            out.push(NetInterfaceFull {
                name: ByteStr::from(l.name.as_slice()),
                index: l.index,
                mac_address: mac,
                broadcast_address: l.broadcast.as_deref().filter(|a| !a.is_empty()).map(mac_text),
                permanent_address: l.permanent.as_deref().filter(|a| !a.is_empty()).map(mac_text),
                mtu: l.mtu,
                flags: InterfaceFlags::from_bits(l.flags),
                state: InterfaceState::from_kernel(l.operstate),
                hw_type: l.hw_type,
                kind: l.kind.clone(),
                speed_mbps,
                duplex,
                carrier: l.carrier.map_or(Field::Missing(Reason::NotSupported), Field::Value),
                carrier_changes: opt_u64(l.carrier_changes),
                carrier_up_count: opt_u64(l.carrier_up),
                carrier_down_count: opt_u64(l.carrier_down),
                ipv4_addresses: v4,
                ipv6_addresses: v6,
                stats: l.stats.map_or(Field::Missing(Reason::NotSupported), Field::Value),
                tx_queue_len: l.txqlen,
                rx_queue_len: Field::Missing(Reason::NotSupported),
                num_tx_queues: opt_u32(l.num_tx_queues),
                num_rx_queues: opt_u32(l.num_rx_queues),
                qdisc: l.qdisc.clone(),
                master_index: l.master,
                link_index: l.link.filter(|&i| i != l.index),
                driver,
                driver_version,
                firmware_version,
                bus_info,
            });
        }
        out
    }

    /// Speed and duplex: sysfs for the probe's own namespace, `ETHTOOL_GSET` for another
    /// (or where sysfs has no such interface).
    fn link_speed(
        &self,
        eth: &mut ethtool::Ethtool<'_>,
        l: &rtnetlink::Link,
        w: &mut Warnings,
    ) -> (Field<u32>, Field<Duplex>) {
        let down = l.flags & 0x1 == 0;
        // Unknown values: off while the link is down, else the driver cannot tell.
        let unknown = if down || l.carrier == Some(false) { Reason::NotEnabled } else { Reason::NotSupported };
        if self.own_namespace {
            let dir = format!("class/net/{}", String::from_utf8_lossy(&l.name));
            let read = |name: &str| self.src.read_sys(format!("{dir}/{name}"));
            match (read("speed"), read("duplex")) {
                (Err(e), _) if e.kind() == ErrorKind::NotFound => {}
                (speed, duplex) => {
                    let mut one = |r: Result<Vec<u8>, Error>| -> Result<Vec<u8>, Reason> {
                        r.map_err(|e| match e.kind() {
                            // The kernel refuses while the link is down or without link settings.
                            ErrorKind::InvalidArgument | ErrorKind::Unsupported => {
                                if down {
                                    Reason::NotEnabled
                                } else {
                                    Reason::NotSupported
                                }
                            }
                            _ => w.reason(e),
                        })
                    };
                    let (speed, duplex) = (one(speed), one(duplex));
                    let sys = |f: &str| self.src.sys_path(format!("{dir}/{f}"));
                    let speed = match speed {
                        Ok(v) => match class_net::speed(&v) {
                            Ok(Some(s)) => Field::Value(s),
                            Ok(None) => Field::Missing(unknown),
                            Err(e) => {
                                w.push(e.in_file(sys("speed")));
                                Field::Missing(Reason::Error)
                            }
                        },
                        Err(r) => Field::Missing(r),
                    };
                    let duplex = match duplex {
                        Ok(v) => match class_net::duplex(&v) {
                            Ok(Some(d)) => Field::Value(d),
                            Ok(None) => Field::Missing(unknown),
                            Err(e) => {
                                w.push(e.in_file(sys("duplex")));
                                Field::Missing(Reason::Error)
                            }
                        },
                        Err(r) => Field::Missing(r),
                    };
                    return (speed, duplex);
                }
            }
        }
        match eth.link_settings(&l.name) {
            Ok(s) => (
                s.speed_mbps.map_or(Field::Missing(unknown), Field::Value),
                s.full_duplex
                    .map_or(Field::Missing(unknown), |f| Field::Value(if f { Duplex::Full } else { Duplex::Half })),
            ),
            Err(e) => {
                let r = w.reason(e);
                (Field::Missing(r), Field::Missing(r))
            }
        }
    }

    // ---------------------------------------------------------------- routes, neighbours

    fn routes(
        &self,
        nl: &mut Netlink<'_>,
        names: &HashMap<u32, (ByteStr, u16)>,
        w: &mut Warnings,
    ) -> Field<Vec<Route>> {
        let mut rows = Vec::new();
        for fam in [AddressFamily::Ipv4, AddressFamily::Ipv6] {
            if let Err(r) = self.dump(nl, &rtnetlink::route_request(fam), rtnetlink::route, |r| rows.push(r), w) {
                // No IPv6 in this kernel: no IPv6 routes.
                if fam == AddressFamily::Ipv6 && r == Reason::NotSupported {
                    continue;
                }
                return Field::Missing(r);
            }
        }
        let name = |i: u32| names.get(&i).map(|(n, _)| n.clone());
        Field::Value(
            rows.into_iter()
                .map(|r| {
                    let max = if r.family == AddressFamily::Ipv4 { 32 } else { 128 };
                    let rt = RouteType::from_kernel(r.route_type);
                    let dead = r.flags & 0x1 != 0;
                    let reject = matches!(rt, RouteType::Unreachable | RouteType::Prohibit | RouteType::Blackhole);
                    let bits = u32::from(!dead)
                        | u32::from(r.gateway.is_some()) << 1
                        | u32::from(r.dst_len == max) << 2
                        | u32::from(reject) << 9;
                    Route {
                        family: r.family,
                        destination: ip_text(r.family, &r.destination),
                        prefix_len: r.dst_len,
                        gateway: r.gateway.map(|g| ip_text(r.family, &g)),
                        genmask: mask_text(r.family, r.dst_len),
                        flags: RouteFlags {
                            up: !dead,
                            gateway: r.gateway.is_some(),
                            host: r.dst_len == max,
                            reject,
                            onlink: r.flags & 0x4 != 0,
                            linkdown: r.flags & 0x10 != 0,
                            dead,
                            bits,
                        },
                        metric: r.priority,
                        interface: r.oif.and_then(name),
                        interface_index: r.oif,
                        mtu: r.mtu,
                        window: r.window,
                        irtt: r.rtt,
                        table: r.table,
                        route_type: rt,
                        scope: AddressScope::from_kernel(r.scope),
                        protocol: r.protocol,
                        preferred_source: r.prefsrc.map(|s| ip_text(r.family, &s)),
                        nexthops: r
                            .nexthops
                            .iter()
                            .map(|h| RouteNextHop {
                                gateway: h.gateway.map(|g| ip_text(r.family, &g)),
                                interface_index: h.ifindex,
                                interface: name(h.ifindex),
                                weight: h.weight,
                            })
                            .collect(),
                    }
                })
                .collect(),
        )
    }

    fn neighbours(
        &self,
        nl: &mut Netlink<'_>,
        names: &HashMap<u32, (ByteStr, u16)>,
        w: &mut Warnings,
    ) -> Field<Vec<ArpEntry>> {
        let mut rows = Vec::new();
        if let Err(r) = self.dump(nl, &rtnetlink::neigh_request(), rtnetlink::neighbour, |n| rows.push(n), w) {
            return Field::Missing(r);
        }
        Field::Value(
            rows.into_iter()
                .map(|n| {
                    let (device, hw_type) = names.get(&n.ifindex).cloned().unwrap_or_default();
                    // As /proc/net/arp: ATF_COM for a usable entry, ATF_PERM for a static one.
                    const VALID: u16 = 0x80 | 0x40 | 0x02 | 0x10 | 0x04 | 0x08;
                    let flags = if n.state & 0x80 != 0 {
                        0x6
                    } else if n.state & VALID != 0 {
                        0x2
                    } else {
                        0
                    };
                    ArpEntry {
                        family: n.family,
                        ip_address: ip_text(n.family, &n.destination),
                        hw_type,
                        flags,
                        hw_address: n.lladdr.as_deref().filter(|a| !a.is_empty()).map(mac_text),
                        device,
                        interface_index: n.ifindex,
                        state: NeighbourState::from_kernel(n.state),
                        router: n.flags & 0x80 != 0,
                        probes: n.probes,
                    }
                })
                .collect(),
        )
    }

    // ---------------------------------------------------------------- conntrack

    fn conntrack(&self, nl: &mut Netlink<'_>, w: &mut Warnings) -> Field<Vec<ConntrackEntry>> {
        let mut rows = Vec::new();
        let req = conntrack::entries_request();
        let mut bad = (0usize, None);
        let live = nl.dump(&req, |msg| {
            match conntrack::entry(msg.ty, msg.payload) {
                Ok(Some(e)) => rows.push(e),
                Ok(None) => {}
                Err(e) => {
                    bad.0 += 1;
                    bad.1.get_or_insert(e);
                }
            }
            Ok(())
        });
        if let Some(e) = bad.1 {
            w.push(format!("{} ({} entries left out)", e.in_file(req.path()), bad.0));
        }
        match live {
            Ok(_) => Field::Value(rows),
            // No ctnetlink (module not loaded, or a fixture without the dump): the procfs file.
            Err(e) if matches!(e.kind(), ErrorKind::NotFound | ErrorKind::Unsupported) => {
                match self.proc_table("nf_conntrack", net_nf_conntrack::parse, w) {
                    Ok(rows) => Field::Value(rows),
                    Err(e) => Field::Missing(w.reason(e)),
                }
            }
            Err(e) => Field::Missing(w.reason(e)),
        }
    }

    fn conntrack_stats(&self, nl: &mut Netlink<'_>, w: &mut Warnings) -> ConntrackStats {
        let mut sysctl = |name: &str| -> Field<u64> {
            let rel = format!("sys/net/netfilter/{name}");
            match self.src.read_proc(&rel) {
                Ok(v) => match crate::parse::u64_dec(crate::parse::trim(&v)) {
                    Some(n) => Field::Value(n),
                    None => {
                        w.push(ParseError::invalid("value").in_file(self.src.proc_path(&rel)));
                        Field::Missing(Reason::Error)
                    }
                },
                Err(e) => Field::Missing(w.reason(e)),
            }
        };
        let to32 = |f: Field<u64>| f.map(|v| u32::try_from(v).unwrap_or(u32::MAX));
        let entries = to32(sysctl("nf_conntrack_count"));
        let max_entries = to32(sysctl("nf_conntrack_max"));
        let accounting = sysctl("nf_conntrack_acct").map(|v| v != 0);
        let mut cpus = Vec::new();
        let per_cpu = match self.dump(nl, &conntrack::cpu_stats_request(), conntrack::cpu_stats, |c| cpus.push(c), w) {
            Ok(()) => Field::Value(cpus),
            // Unprivileged, or without ctnetlink: the procfs file, readable by anyone.
            Err(_) => self.counters(&self.proc_rel("stat/nf_conntrack"), net_stat_nf_conntrack::parse, w),
        };
        ConntrackStats { entries, max_entries, accounting, per_cpu }
    }
}

/// The socket tables, each `None` when not asked for.
struct Sockets {
    tcp: Option<Field<Vec<TcpConnection>>>,
    udp: Option<Field<Vec<UdpConnection>>>,
    unix: Option<Field<Vec<UnixSocket>>>,
    raw: Option<Field<Vec<RawSocket>>>,
    netlink: Option<Field<Vec<NetlinkSocket>>>,
    packet: Option<Field<Vec<PacketSocket>>>,
}

/// A socket record's owner fields.
trait Owned {
    fn inode(&self) -> u64;
    fn set(&mut self, r: Resolved);
}

macro_rules! owned {
    ($($t:ty),*) => {$(
        impl Owned for $t {
            fn inode(&self) -> u64 {
                self.inode
            }
            fn set(&mut self, r: Resolved) {
                self.pid = r.pid;
                self.process_name = r.process_name;
                self.owners = r.owners;
            }
        }
    )*};
}
owned!(TcpConnection, UdpConnection, UnixSocket, RawSocket, NetlinkSocket, PacketSocket);

fn fill<T: Owned>(table: Option<Field<Vec<T>>>, owners: &Result<Owners, Reason>) -> Option<Field<Vec<T>>> {
    table.map(|t| {
        t.map(|mut rows| {
            for row in &mut rows {
                let r = match owners {
                    Ok(o) => o.resolve(row.inode()),
                    Err(reason) => Resolved::missing(*reason),
                };
                row.set(r);
            }
            rows
        })
    })
}

impl Sockets {
    fn with_owners(self, owners: &Result<Owners, Reason>) -> Sockets {
        Sockets {
            tcp: fill(self.tcp, owners),
            udp: fill(self.udp, owners),
            unix: fill(self.unix, owners),
            raw: fill(self.raw, owners),
            netlink: fill(self.netlink, owners),
            packet: fill(self.packet, owners),
        }
    }
}

/// What makes a `/proc/net` row unique: its tuple and inode (TIME_WAIT rows have inode 0
/// but a unique tuple; listeners sharing a port with `SO_REUSEPORT` differ in inode).
type ProcRowKey = (String, u16, String, u16, u64);

/// The key a row is told apart by; `None` for a row that has nothing unique to it (the
/// server end of a Unix connection not yet accepted: no inode, the listener's path), which
/// is then always kept.
trait ProcKey {
    fn proc_key(&self) -> Option<ProcRowKey>;
}

impl ProcKey for TcpConnection {
    fn proc_key(&self) -> Option<ProcRowKey> {
        Some((self.local_addr.clone(), self.local_port, self.remote_addr.clone(), self.remote_port, self.inode))
    }
}

impl ProcKey for UdpConnection {
    fn proc_key(&self) -> Option<ProcRowKey> {
        let remote = self.remote_addr.clone().unwrap_or_default();
        Some((self.local_addr.clone(), self.local_port, remote, self.remote_port.unwrap_or(0), self.inode))
    }
}

impl ProcKey for RawSocket {
    fn proc_key(&self) -> Option<ProcRowKey> {
        Some((self.local_addr.clone(), u16::from(self.protocol), self.remote_addr.clone(), 0, self.inode))
    }
}

impl ProcKey for UnixSocket {
    fn proc_key(&self) -> Option<ProcRowKey> {
        (self.inode != 0).then(|| (String::new(), 0, String::new(), 0, self.inode))
    }
}

impl ProcKey for NetlinkSocket {
    fn proc_key(&self) -> Option<ProcRowKey> {
        Some((self.protocol_name.clone(), 0, String::new(), 0, u64::from(self.port_id) << 32 ^ self.inode))
    }
}

impl ProcKey for PacketSocket {
    fn proc_key(&self) -> Option<ProcRowKey> {
        Some((String::new(), 0, String::new(), 0, self.inode))
    }
}

fn nonempty(s: String) -> Field<String> {
    if s.is_empty() { Field::Missing(Reason::NotPresent) } else { Field::Value(s) }
}

/// A prefix length as a mask (`255.255.255.0`, `ffff:ffff::`).
fn mask_text(family: AddressFamily, len: u8) -> String {
    match family {
        AddressFamily::Ipv4 => {
            let m = if len == 0 { 0 } else { u32::MAX << (32 - u32::from(len.min(32))) };
            Ipv4Addr::from(m).to_string()
        }
        AddressFamily::Ipv6 => {
            let m = if len == 0 { 0 } else { u128::MAX << (128 - u32::from(len.min(128))) };
            Ipv6Addr::from(m).to_string()
        }
    }
}

fn ipv4_info(a: &rtnetlink::Addr) -> Ipv4Info {
    Ipv4Info {
        address: ip_text(AddressFamily::Ipv4, &a.address),
        prefix_len: a.prefix_len,
        netmask: mask_text(AddressFamily::Ipv4, a.prefix_len),
        broadcast: a.broadcast.map(|b| ip_text(AddressFamily::Ipv4, &b)),
        peer: a.peer.map(|p| ip_text(AddressFamily::Ipv4, &p)),
        scope: AddressScope::from_kernel(a.scope),
        label: a.label.as_deref().map(ByteStr::from),
        flags: a.flags,
        valid_lifetime: a.valid_lifetime,
        preferred_lifetime: a.preferred_lifetime,
    }
}

fn ipv6_info(a: &rtnetlink::Addr) -> Ipv6Info {
    Ipv6Info {
        address: ip_text(AddressFamily::Ipv6, &a.address),
        prefix_len: a.prefix_len,
        scope: AddressScope::from_kernel(a.scope),
        flags: a.flags,
        valid_lifetime: a.valid_lifetime,
        preferred_lifetime: a.preferred_lifetime,
    }
}

/// Per-state counts over the TCP table, and the SNMP `Tcp` counters.
fn tcp_stats(table: Option<&Field<Vec<TcpConnection>>>, snmp: &Field<Vec<CounterTable>>) -> TcpStats {
    let count = |s: TcpState| -> Field<u32> {
        match table {
            None => Field::Missing(Reason::Disabled),
            Some(Field::Missing(r)) => Field::Missing(*r),
            Some(Field::Value(rows)) => {
                Field::Value(u32::try_from(rows.iter().filter(|c| c.state == s).count()).unwrap_or(u32::MAX))
            }
        }
    };
    let c = |k: &str| -> Field<u64> {
        match snmp {
            Field::Value(t) => net_snmp::get(t, "Tcp", k)
                .map_or(Field::Missing(Reason::NotSupported), |v| Field::Value(u64::try_from(v).unwrap_or(0))),
            Field::Missing(r) => Field::Missing(*r),
        }
    };
    TcpStats {
        connections_established: count(TcpState::Established),
        connections_syn_sent: count(TcpState::SynSent),
        connections_syn_recv: count(TcpState::SynRecv),
        connections_fin_wait1: count(TcpState::FinWait1),
        connections_fin_wait2: count(TcpState::FinWait2),
        connections_time_wait: count(TcpState::TimeWait),
        connections_close: count(TcpState::Close),
        connections_close_wait: count(TcpState::CloseWait),
        connections_last_ack: count(TcpState::LastAck),
        connections_listen: count(TcpState::Listen),
        connections_closing: count(TcpState::Closing),
        active_opens: c("ActiveOpens"),
        passive_opens: c("PassiveOpens"),
        attempt_fails: c("AttemptFails"),
        estab_resets: c("EstabResets"),
        curr_estab: c("CurrEstab"),
        in_segs: c("InSegs"),
        out_segs: c("OutSegs"),
        retrans_segs: c("RetransSegs"),
        in_errs: c("InErrs"),
        out_rsts: c("OutRsts"),
        in_csum_errors: c("InCsumErrors"),
    }
}

/// The UDP counters by their SNMP names (`get("InDatagrams")`); `None` without them.
fn udp_counters(get: impl Fn(&str) -> Option<i64>) -> Field<UdpStats> {
    let req = |k: &str| get(k).map(|v| u64::try_from(v).unwrap_or(0));
    let opt = |k: &str| req(k).map_or(Field::Missing(Reason::NotSupported), Field::Value);
    let (Some(in_datagrams), Some(no_ports), Some(in_errors), Some(out_datagrams)) =
        (req("InDatagrams"), req("NoPorts"), req("InErrors"), req("OutDatagrams"))
    else {
        return Field::Missing(Reason::NotSupported);
    };
    Field::Value(UdpStats {
        in_datagrams,
        no_ports,
        in_errors,
        out_datagrams,
        rcvbuf_errors: req("RcvbufErrors").unwrap_or(0),
        sndbuf_errors: req("SndbufErrors").unwrap_or(0),
        in_csum_errors: opt("InCsumErrors"),
        ignored_multi: opt("IgnoredMulti"),
        mem_errors: opt("MemErrors"),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn masks() {
        assert_eq!(mask_text(AddressFamily::Ipv4, 24), "255.255.255.0");
        assert_eq!(mask_text(AddressFamily::Ipv4, 0), "0.0.0.0");
        assert_eq!(mask_text(AddressFamily::Ipv4, 32), "255.255.255.255");
        assert_eq!(mask_text(AddressFamily::Ipv6, 64), "ffff:ffff:ffff:ffff::");
        assert_eq!(mask_text(AddressFamily::Ipv6, 128), "ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff");
    }
}
