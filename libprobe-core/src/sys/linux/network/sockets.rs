//! The socket tables: each from sock_diag, part by part falling back to its `/proc/net`
//! file, with their owners (see the module docs of the collector for the order of sources).

use std::cell::RefCell;
use std::collections::HashSet;
use std::hash::{BuildHasherDefault, Hasher};

use crate::error::{Error, ErrorKind, ParseError};
use crate::model::{Field, Reason, Warnings};
use crate::network::{
    AddressFamily, NetlinkSocket, OwnersFrom, PacketSocket, RawSocket, SocketKind, TcpConnection, UdpConnection,
    UnixSocket, Via,
};
use crate::parse::Problems;
use crate::process::ProcessFull;
use crate::schema::OrderedMap;
use crate::sys::imp::procfs::net_inet::Rows;
use crate::sys::imp::procfs::net_sockstat::SockStatValues;
use crate::sys::imp::procfs::{net_netlink, net_packet, net_raw, net_tcp, net_udp, net_unix};

use super::Collector;
use super::netlink::{Netlink, Request};
use super::owners::{self, Owners, Resolved};
use super::owners_bpf::OwnersIter;
use super::sock_diag::{self, IPPROTO_RAW, IPPROTO_TCP, IPPROTO_UDP, IPPROTO_UDPLITE};

/// The socket tables, each `None` when not asked for.
pub(super) struct Sockets {
    pub(super) tcp: Option<Field<Vec<TcpConnection>>>,
    pub(super) udp: Option<Field<Vec<UdpConnection>>>,
    pub(super) unix: Option<Field<Vec<UnixSocket>>>,
    pub(super) raw: Option<Field<Vec<RawSocket>>>,
    pub(super) netlink: Option<Field<Vec<NetlinkSocket>>>,
    pub(super) packet: Option<Field<Vec<PacketSocket>>>,
}

/// Table sizes expected from the socket counts.
pub(super) struct Hints {
    tcp: usize,
    udp: usize,
}

impl Hints {
    /// The most rows one table reserves up front.
    const MAX: u64 = 1 << 20;

    /// From the counts of `/proc/net/sockstat` and `sockstat6`, with room to spare: only a
    /// first capacity, so a count that is missing is 0 and one past [`Hints::MAX`] (a
    /// corrupt file) reserves no more than that.
    pub(super) fn new(sockstat: &Field<SockStatValues>, sockstat6: &Field<SockStatValues>) -> Hints {
        let count = |keys: &[(&str, &str)]| -> usize {
            let one = |f: &Field<SockStatValues>, p: &str, k: &str| f.value().and_then(|s| s.get(p, k).value());
            let n = keys.iter().flat_map(|(p, k)| [one(sockstat, p, k), one(sockstat6, p, k)]).flatten();
            let n = n.fold(0u64, u64::saturating_add).min(Self::MAX);
            usize::try_from(n).unwrap_or(0).saturating_add(64)
        };
        Hints {
            tcp: count(&[("TCP", "inuse"), ("TCP", "tw"), ("TCP6", "inuse")]),
            udp: count(&[("UDP", "inuse"), ("UDP6", "inuse"), ("UDPLITE", "inuse"), ("UDPLITE6", "inuse")]),
        }
    }
}

impl Collector<'_> {
    /// The socket tables asked for, with their owners, and where each table came from.
    pub(super) fn sockets(
        &self,
        nl: &mut Netlink<'_>,
        hint: &Hints,
        procs: Option<&[ProcessFull]>,
        iter: &mut OwnersIter,
        w: &mut Warnings,
    ) -> (Sockets, Sources, Field<OwnersFrom>) {
        let src = self.src;
        let opts = self.opts;
        let need_owners = opts.owners && !opts.sockets.is_empty();
        let via = opts.owners_via;
        let from_procs = if need_owners && via != Via::Bpf { procs.map(Owners::from_processes) } else { None };
        // The BPF iterator, where asked for (or allowed, and it loads): `auto` falls back
        // to the walk quietly, `bpf` leaves the owners missing with its reason.
        let mut from_bpf = None;
        if need_owners && from_procs.is_none() && via != Via::Proc {
            match iter.read(src) {
                Ok((o, problem)) => {
                    if let Some(p) = problem {
                        w.push(p);
                    }
                    from_bpf = Some(Ok(o));
                }
                Err(u) if via == Via::Bpf => {
                    if u.reason == Reason::Error {
                        w.push(format!("socket owners: {}", u.message));
                    }
                    from_bpf = Some(Err(u.reason));
                }
                Err(_) => {}
            }
        }
        let mut sources = Sources::new();
        // The owner walk and the socket dumps are independent, and both mostly kernel
        // time: a helper thread starts the walk, this thread dumps the tables and then
        // takes its share of the remaining processes.
        let walk_needed = need_owners && from_procs.is_none() && from_bpf.is_none();
        let walk = match walk_needed.then(|| owners::Walk::new(src, self.fd_dir_size_is_count)) {
            None => Ok(None),
            Some(Ok(walk)) => Ok(Some(walk)),
            Some(Err(e)) => Err(w.reason(e)),
        };
        let (sockets, parts) = self.pool.scope(|scope| {
            let helper = match &walk {
                Ok(Some(walk)) => Some(scope.spawn(|| walk.work())),
                _ => None,
            };
            let sockets = self.tables(&mut Out { nl, sources: &mut sources, w }, hint);
            let mut parts = Vec::new();
            if let Ok(Some(walk)) = &walk {
                parts.push(walk.work());
            }
            if let Some(h) = helper {
                // A panicking helper leaves its processes unwalked: their sockets have no
                // owners, as if the processes had exited.
                let (part, home) = h.join_home();
                if let Ok(part) = part {
                    // A copy made here, and the helper frees what it allocated: its malloc
                    // arena gets back all it gave (see `Scope::drop_on`).
                    parts.push(part.clone());
                    scope.drop_on(home, part);
                }
            }
            (sockets, parts)
        });
        let (owners, from) = match (from_procs, from_bpf, walk) {
            (Some(o), _, _) => (Ok(o), Field::Value(OwnersFrom::ProcessFds)),
            (None, Some(Ok(o)), _) => (Ok(o), Field::Value(OwnersFrom::BpfIter)),
            (None, Some(Err(r)), _) => (Err(r), Field::Missing(r)),
            (None, None, Ok(Some(_))) => (Ok(Owners::merge(parts)), Field::Value(OwnersFrom::ProcWalk)),
            (None, None, Ok(None)) => (Err(Reason::Disabled), Field::Missing(Reason::Disabled)),
            (None, None, Err(r)) => (Err(r), Field::Missing(r)),
        };
        let mut sockets = sockets.with_owners(&owners);
        if let Some(Field::Value(rows)) = &mut sockets.netlink {
            self.netlink_uids(rows, w);
        }
        (sockets, sources, from)
    }

    /// Dumps each table asked for.
    fn tables(&self, out: &mut Out<'_, '_>, hint: &Hints) -> Sockets {
        let table = |k: SocketKind| self.opts.sockets.contains(k).then_some(k);
        Sockets {
            tcp: table(SocketKind::Tcp).map(|_| self.tcp(out, hint.tcp)),
            udp: table(SocketKind::Udp).map(|_| self.udp(out, hint.udp)),
            unix: table(SocketKind::Unix).map(|_| self.unix(out)),
            raw: table(SocketKind::Raw).map(|_| self.raw(out)),
            netlink: table(SocketKind::Netlink).map(|_| self.netlink(out)),
            packet: table(SocketKind::Packet).map(|_| self.packet(out)),
        }
    }

    /// Each netlink socket's uid, from its first owner's descriptor (neither netlink_diag
    /// nor `/proc/net/netlink` has it).
    fn netlink_uids(&self, rows: &mut [NetlinkSocket], w: &mut Warnings) {
        let src = self.src;
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
        proc_parse: impl FnOnce(&[u8]) -> Rows<T>,
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
        // Values that do not fit (a timer in ticks) are their fields' `error`, warned once
        // the table is read.
        let problems = RefCell::new(Problems::default());
        let decode = |p: &[u8]| {
            sock_diag::decode_inet(p).and_then(|d| sock_diag::tcp_connection(&d, ticks, &mut problems.borrow_mut()))
        };
        // One pass over the kernel's TCP hash tables for both families (the older request
        // type dumps IPv4 and IPv6 together), else one request per family.
        if !self.force_procfs {
            match self.diag(out, &sock_diag::inet_both_request(info), &mut t, key, decode) {
                Ok(()) => {
                    t.read = true;
                    out.sources.push("tcp4".to_owned(), "sock_diag".to_owned());
                    out.sources.push("tcp6".to_owned(), "sock_diag".to_owned());
                    out.w.problems(std::path::Path::new("netlink:sock_diag-tcp"), &problems.into_inner());
                    return t.field();
                }
                Err(e) => {
                    t.rows.clear();
                    t.seen.clear();
                    *problems.borrow_mut() = Problems::default();
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
        out.w.problems(std::path::Path::new("netlink:sock_diag-tcp"), &problems.into_inner());
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
}

/// A socket table being assembled from its parts (IPv4 and IPv6, UDP and UDP-Lite).
///
/// The table is missing only when no part could be read; a part that could not (UDP-Lite
/// configured out, say) is named as `unavailable` in [`Network::socket_sources`].
///
/// [`Network::socket_sources`]: crate::network::Network::socket_sources
struct Table<T> {
    rows: Vec<T>,
    /// The keys (cookies) of the rows sock_diag gave, to drop repeats.
    seen: HashSet<u64, BuildHasherDefault<KeyHasher>>,
    /// Some part was read.
    read: bool,
    /// The first part that could not be read, with why.
    missing: Option<Reason>,
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
pub(super) type Sources = OrderedMap<String, String>;

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
///
/// [`Network::socket_sources`]: crate::network::Network::socket_sources
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
