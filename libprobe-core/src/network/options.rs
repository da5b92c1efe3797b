//! What the network domain collects: which socket tables, which other parts, and which
//! network namespace.

use libprobe_derive::OptionSet;

crate::options::name_set! {
    /// A set of socket tables.
    SocketKinds of
    /// A kind of socket table.
    SocketKind as u8 {
        Tcp = "tcp",
        /// UDP and UDP-Lite.
        Udp = "udp",
        Unix = "unix",
        Raw = "raw",
        Netlink = "netlink",
        Packet = "packet",
    }
}

impl Default for SocketKinds {
    fn default() -> Self {
        SocketKinds::all()
    }
}

/// Which path reads a table that both `/proc` and a BPF iterator can give.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Via {
    /// The BPF iterator where it loads (CAP_BPF and CAP_PERFMON, or CAP_SYS_ADMIN, a
    /// kernel with BPF iterators, the host's `/proc` as the source), else `/proc`.
    #[default]
    Auto,
    /// `/proc` only.
    Proc,
    /// The BPF iterator only: where it cannot load, the fields it would fill are missing
    /// with the reason.
    Bpf,
}

impl Via {
    /// The names, as options spell them.
    pub const NAMES: &'static [&'static str] = &["auto", "proc", "bpf"];

    pub fn name(self) -> &'static str {
        Self::NAMES[self as usize]
    }
}

impl crate::options::OptionField for Via {
    const KIND: crate::options::OptionKind = crate::options::OptionKind::Choice(Via::NAMES);
    fn from_value(v: crate::options::OptionValue) -> Result<Self, String> {
        match v {
            crate::options::OptionValue::Choice(c) => match c.as_str() {
                "auto" => Ok(Via::Auto),
                "proc" => Ok(Via::Proc),
                "bpf" => Ok(Via::Bpf),
                _ => Err(format!("`{c}` is not one of auto, proc, bpf")),
            },
            _ => Err("expected one of auto, proc, bpf".into()),
        }
    }
    fn to_value(&self) -> crate::options::OptionValue {
        crate::options::OptionValue::Choice(self.name().to_owned())
    }
}

/// Which network namespace the network domain describes.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub enum NetNamespaceTarget {
    /// The probe's own (the namespace of the thread that takes the snapshot).
    #[default]
    Own,
    /// The namespace of process `pid` (`/proc/<pid>/ns/net`).
    Pid(i32),
    /// A namespace file: a path under `/var/run/netns` (`ip netns add`), or any `ns/net`
    /// link. Needs CAP_SYS_ADMIN over the namespace.
    Path(std::path::PathBuf),
}

/// What the network domain collects.
///
/// Another namespace is read from a short-lived thread that enters it (`setns`), so the
/// caller's threads never change namespace. `LIBPROBE_NET_PROCFS=1` in the environment
/// forces the `/proc/net` socket tables as `sockets_from_procfs` does.
#[derive(Debug, Clone, PartialEq, Eq, OptionSet)]
pub struct NetworkOptions {
    /// The socket tables to list (default: every table).
    pub sockets: SocketKinds,
    /// Resolve each socket's owning processes (walks every process's descriptors once,
    /// with one short-lived helper thread per snapshot beside the calling one; none when the
    /// process domain read every descriptor in the same snapshot).
    pub owners: bool,
    /// How the owners are found when the process domain did not read every descriptor:
    /// `proc` walks `/proc/<pid>/fd` (one `readlink` per descriptor of every process),
    /// `bpf` runs a BPF iterator over the kernel's task and file lists (loaded once per
    /// probe, one `read` stream per snapshot), `auto` the iterator where it loads, else
    /// `/proc`. The network record's `owners_from` says which was used.
    pub owners_via: Via,
    /// TCP internals per socket: `tcp_info`, congestion algorithm, memory, shutdown.
    pub tcp_info: bool,
    /// Interfaces with their addresses, counters, speed, duplex and driver.
    pub interfaces: bool,
    /// Routes of every table, IPv4 and IPv6.
    pub routes: bool,
    /// The ARP and IPv6 neighbour caches.
    pub neighbours: bool,
    /// Every conntrack entry. Off by default: the table can hold hundreds of thousands of
    /// flows, and reading it needs CAP_NET_ADMIN. Totals and per-CPU counters are always
    /// collected.
    pub conntrack: bool,
    /// Read sockets from `/proc/net/*` even where sock_diag could answer (fewer fields).
    pub sockets_from_procfs: bool,
    /// The network namespace to describe: the probe's own (`self`), a process's (its pid),
    /// or a namespace file such as `/var/run/netns/NAME`.
    pub netns: NetNamespaceTarget,
}

impl Default for NetworkOptions {
    fn default() -> Self {
        NetworkOptions {
            sockets: SocketKinds::all(),
            owners: true,
            owners_via: Via::Auto,
            tcp_info: true,
            interfaces: true,
            routes: true,
            neighbours: true,
            conntrack: false,
            sockets_from_procfs: false,
            netns: NetNamespaceTarget::Own,
        }
    }
}

impl NetworkOptions {
    /// Everything, conntrack entries included.
    pub fn everything() -> NetworkOptions {
        NetworkOptions { conntrack: true, ..NetworkOptions::default() }
    }
}
