//! Command-line parsing for `probe` (no dependency: the grammar is small).

use libprobe::ebpf::{EbpfHooks, EbpfOptions, EbpfTracers};
use libprobe::{
    DomainName, Domains, NetNamespaceTarget, NetworkOptions, Options, ProcessOptions, SocketKind, SocketKinds, Source,
};

pub const USAGE: &str = "\
probe — every metric this Linux kernel knows, from libprobe

USAGE:
    probe snapshot [OPTIONS]        a readable report of this machine
    probe snapshot --json [OPTIONS] the full snapshot as JSON
    probe process PID [OPTIONS]     one process in full (every field group but environ)
    probe net [OPTIONS]             every socket with its owners, like `ss -tuxanp`
    probe trace [OPTIONS]           kernel events traced with eBPF over an interval: top
                                    syscalls, run-queue latency, off-CPU time, block I/O
                                    latency (needs CAP_BPF and CAP_PERFMON)

OPTIONS:
    --json                 print JSON (snake_case names, see the README)
    --pretty               indent the JSON
    --domains LIST         domains to collect, comma-separated: system,process,… or all
                           (default: every domain but ebpf)
    --interval SECONDS     take two snapshots this far apart and report the second, so
                           CPU percentages have a baseline (default: 0.5 for the report,
                           0 for --json)
    --smaps                PSS/USS/dirty memory from smaps_rollup (costly)
    --maps                 every memory mapping
    --fds                  every open file and socket
    --environ              process environments (may hold secrets; never by default)
    --taskstats            per-cause delay accounting over taskstats (needs CAP_NET_ADMIN)
    --no-cgroup-limits     skip reading each cgroup's limits
    --threads N            read the process table on N threads (0: choose; 1: this one)
    --fixture DIR          read a fixture tree (DIR/proc, DIR/sys, DIR/syscalls.txt)

NETWORK OPTIONS:
    -t, -u, -x, -w         `probe net`: TCP, UDP (and UDP-Lite), Unix, raw sockets only
                           (combinable; default: every table)
    --sockets LIST         socket tables: tcp,udp,unix,raw,netlink,packet or all
    -i, --info             `probe net`: TCP internals (rtt, cwnd, retransmits, bytes)
    --netns PID|PATH       another network namespace: a process's, or a file such as
                           /var/run/netns/NAME (read from a short-lived thread)
    --net-procfs           read sockets from /proc/net even where sock_diag answers
    --conntrack            every conntrack entry (needs CAP_NET_ADMIN)
    --no-owners            do not resolve the processes that hold each socket

TRACE OPTIONS:
    --duration SECONDS     how long to trace (default 5)
    --tracers LIST         syscalls,runqlat,offcpu,biolatency or all (default: all)
    --hooks LIST           program types to try, in order: tp_btf,raw_tp,tracepoint
                           (default: all; one name forces it)
    --no-latency           count syscalls only (one program at entry, cheaper)
    --top N                rows of each per-process table (default 50)
    --json                 the ebpf record of the traced interval as JSON

    -h, --help             this text
    -V, --version          the libprobe version

ENVIRONMENT:
    LIBPROBE_PROCFS, LIBPROBE_SYSFS, LIBPROBE_DEVFS, LIBPROBE_ROOTFS   other roots (a host's
    /proc seen from a container); LIBPROBE_FIXTURE   a fixture tree
";

#[derive(Debug)]
pub enum Command {
    Snapshot,
    Process(i32),
    Net,
    /// `probe trace`: trace for this many seconds.
    Trace(f64),
    Help,
    Version,
}

#[derive(Debug)]
pub struct Args {
    pub command: Command,
    pub json: bool,
    pub pretty: bool,
    /// `probe net -i`: TCP internals.
    pub info: bool,
    pub interval: Option<f64>,
    pub options: Options,
}

pub fn parse(args: impl IntoIterator<Item = String>) -> Result<Args, String> {
    let mut args = args.into_iter().peekable();
    let mut command = None;
    let mut json = false;
    let mut pretty = false;
    let mut interval = None;
    let mut domains = None;
    let mut process = ProcessOptions::default();
    let mut fixture = None;
    let mut network = NetworkOptions::default();
    let mut kinds = SocketKinds::NONE;
    let mut info = false;
    let mut ebpf = EbpfOptions::default();
    let mut duration = 5.0;
    while let Some(arg) = args.next() {
        let mut value = |name: &str| args.next().ok_or_else(|| format!("{name} needs a value"));
        match arg.as_str() {
            "-h" | "--help" | "help" => return Ok(simple(Command::Help)),
            "-V" | "--version" => return Ok(simple(Command::Version)),
            "--json" => json = true,
            "--pretty" => pretty = true,
            "--domains" => domains = Some(Domains::parse(&value("--domains")?)?),
            "--interval" => {
                let v = value("--interval")?;
                let secs: f64 = v.parse().map_err(|_| format!("--interval: `{v}` is not a number of seconds"))?;
                if !(0.0..=3600.0).contains(&secs) {
                    return Err("--interval must be between 0 and 3600 seconds".into());
                }
                interval = Some(secs);
            }
            "--smaps" => process.smaps_rollup = true,
            "--maps" => process.maps = true,
            "--fds" => process.fds = true,
            "--environ" => process.environ = true,
            "--taskstats" => process.taskstats = true,
            "--no-cgroup-limits" => process.cgroup_limits = false,
            "--threads" => {
                let v = value("--threads")?;
                process.threads = v.parse().ok().filter(|n| *n <= ProcessOptions::MAX_THREADS).ok_or_else(|| {
                    format!("--threads: `{v}` is not a thread count from 0 to {}", ProcessOptions::MAX_THREADS)
                })?;
            }
            "--fixture" => fixture = Some(value("--fixture")?),
            "-t" => kinds = kinds.with(SocketKind::Tcp),
            "-u" => kinds = kinds.with(SocketKind::Udp),
            "-x" => kinds = kinds.with(SocketKind::Unix),
            "-w" => kinds = kinds.with(SocketKind::Raw),
            "--sockets" => kinds = SocketKinds::parse(&value("--sockets")?)?,
            "-i" | "--info" => info = true,
            "--netns" => {
                let v = value("--netns")?;
                network.netns = match v.parse::<i32>() {
                    Ok(pid) => NetNamespaceTarget::Pid(pid),
                    Err(_) => NetNamespaceTarget::Path(v.into()),
                };
            }
            "--net-procfs" => network.sockets_from_procfs = true,
            "--conntrack" => network.conntrack = true,
            "--no-owners" => network.owners = false,
            "--duration" => {
                let v = value("--duration")?;
                duration = v
                    .parse::<f64>()
                    .ok()
                    .filter(|s| (0.0..=86400.0).contains(s))
                    .ok_or_else(|| format!("--duration: `{v}` is not a number of seconds from 0 to 86400"))?;
            }
            "--tracers" => {
                ebpf.tracers = EbpfTracers::parse(&value("--tracers")?).map_err(|e| format!("--tracers: {e}"))?
            }
            "--hooks" => ebpf.hooks = EbpfHooks::parse(&value("--hooks")?).map_err(|e| format!("--hooks: {e}"))?,
            "--no-latency" => ebpf.syscall_latency = false,
            "--top" => {
                let v = value("--top")?;
                ebpf.top_processes = v
                    .parse()
                    .ok()
                    .filter(|n| *n >= 1)
                    .ok_or_else(|| format!("--top: `{v}` is not a positive count"))?;
            }
            "trace" if command.is_none() => command = Some(Command::Trace(0.0)),
            "snapshot" if command.is_none() => command = Some(Command::Snapshot),
            "net" if command.is_none() => command = Some(Command::Net),
            "process" if command.is_none() => {
                let pid = value("process")?;
                let pid: i32 = pid.parse().map_err(|_| format!("`{pid}` is not a process id"))?;
                command = Some(Command::Process(pid));
            }
            other => return Err(format!("unexpected argument `{other}` (see probe --help)")),
        }
    }
    let command = command.ok_or("which command? (see probe --help)")?;
    let mut domains = domains.unwrap_or_default();
    if let Command::Process(pid) = command {
        // One process in full: every field group (environ only when asked for).
        let environ = process.environ;
        process = ProcessOptions { environ, pids: Some(vec![pid]), ..ProcessOptions::everything() };
        domains = Domains::NONE.with(DomainName::Process);
    }
    if !kinds.is_empty() {
        network.sockets = kinds;
    }
    if let Command::Net = command {
        // The socket tables only: no interfaces, routes or neighbours to wait for.
        domains = Domains::NONE.with(DomainName::Network);
        network = NetworkOptions { interfaces: false, routes: false, neighbours: false, tcp_info: info, ..network };
    }
    let command = match command {
        Command::Trace(_) => {
            domains = Domains::NONE.with(DomainName::Ebpf);
            Command::Trace(duration)
        }
        c => c,
    };
    let source = fixture.map_or_else(Source::host, Source::rooted_at);
    Ok(Args {
        command,
        json,
        pretty,
        info,
        interval,
        options: Options { source, domains, process, network, ebpf, ..Options::default() },
    })
}

fn simple(command: Command) -> Args {
    Args { command, json: false, pretty: false, info: false, interval: None, options: Options::default() }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn p(s: &str) -> Result<Args, String> {
        parse(s.split_whitespace().map(str::to_owned))
    }

    #[test]
    fn snapshot_options() {
        let a = p("snapshot --json --domains process --fds --interval 0.2").unwrap();
        assert!(matches!(a.command, Command::Snapshot));
        assert!(a.json && a.options.process.fds && !a.options.process.environ);
        assert!(a.options.domains.contains(DomainName::Process) && !a.options.domains.contains(DomainName::System));
        assert_eq!(a.interval, Some(0.2));
    }

    #[test]
    fn process_takes_every_group_but_environ() {
        let a = p("process 42").unwrap();
        assert!(matches!(a.command, Command::Process(42)));
        assert_eq!(a.options.process.pids, Some(vec![42]));
        assert!(a.options.process.fds && a.options.process.maps && !a.options.process.environ);
        assert!(p("process 42 --environ").unwrap().options.process.environ);
    }

    #[test]
    fn net_options() {
        let a = p("net -t -x --netns 42 --net-procfs").unwrap();
        assert!(matches!(a.command, Command::Net));
        let n = &a.options.network;
        assert!(n.sockets.contains(SocketKind::Tcp) && n.sockets.contains(SocketKind::Unix));
        assert!(!n.sockets.contains(SocketKind::Udp) && n.sockets_from_procfs && !n.interfaces);
        assert_eq!(n.netns, NetNamespaceTarget::Pid(42));
        assert_eq!(a.options.domains, Domains::NONE.with(DomainName::Network));
        let b = p("snapshot --netns /var/run/netns/x --conntrack --no-owners").unwrap();
        assert_eq!(b.options.network.netns, NetNamespaceTarget::Path("/var/run/netns/x".into()));
        assert!(b.options.network.conntrack && !b.options.network.owners && b.options.network.interfaces);
        assert!(p("net --sockets tcp,bogus").unwrap_err().contains("unknown socket table"));
        assert!(p("net -i").unwrap().options.network.tcp_info);
    }

    #[test]
    fn trace_options() {
        let a = p("trace --duration 2 --tracers syscalls,runqlat --hooks raw_tp --no-latency --top 7").unwrap();
        assert!(matches!(a.command, Command::Trace(d) if d == 2.0));
        assert_eq!(a.options.domains, Domains::NONE.with(DomainName::Ebpf));
        let e = &a.options.ebpf;
        assert_eq!(e.tracers, EbpfTracers::parse("syscalls,runqlat").unwrap());
        assert_eq!(e.hooks, EbpfHooks::parse("raw_tp").unwrap());
        assert!(!e.syscall_latency);
        assert_eq!(e.top_processes, 7);
        assert!(matches!(p("trace").unwrap().command, Command::Trace(d) if d == 5.0));
        assert!(p("trace --tracers nope").unwrap_err().contains("--tracers"));
        assert!(p("trace --duration -1").is_err());
    }

    #[test]
    fn errors() {
        assert!(p("").is_err());
        assert!(p("snapshot --domains nope").unwrap_err().contains("unknown domain"));
        assert!(p("process x").is_err());
        assert!(p("snapshot --interval -1").is_err());
        assert!(p("snapshot --bogus").is_err());
    }
}
