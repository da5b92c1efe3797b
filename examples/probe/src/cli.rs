//! Command-line parsing for `probe` (no dependency: the grammar is small).

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
    probe top [OPTIONS]             a live view: CPU and memory bars, processes (sort, tree,
                                    filter), sockets with owners and rates, devices; the
                                    keys are on screen, q quits (refresh: --interval, 1 s)
    probe options [--json]          every option: key, kind, default, what it does

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
    --set KEY=VALUE        set any option by key (repeatable; `probe options` lists them):
                           --set network.sockets=tcp,udp --set process.smaps_rollup=true

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
    Top,
    Options,
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
    let mut sets: Vec<(String, String)> = Vec::new();
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
            "--set" => {
                let v = value("--set")?;
                let (key, val) = v.split_once('=').ok_or_else(|| format!("--set {v}: expected KEY=VALUE"))?;
                sets.push((key.to_owned(), val.to_owned()));
            }
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
            "snapshot" if command.is_none() => command = Some(Command::Snapshot),
            "net" if command.is_none() => command = Some(Command::Net),
            "top" if command.is_none() => command = Some(Command::Top),
            "options" if command.is_none() => command = Some(Command::Options),
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
    let source = fixture.map_or_else(Source::host, Source::rooted_at);
    let mut options = Options { source, domains, process, network, ..Options::default() };
    // `--set` comes last: it overrides a flag and a command's own choice.
    for (key, value) in sets {
        options.set(&key, &value).map_err(|e| e.to_string())?;
    }
    Ok(Args { command, json, pretty, info, interval, options })
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
        assert!(p("net --sockets tcp,bogus").unwrap_err().contains("unknown name `bogus`"));
        assert!(p("net -i").unwrap().options.network.tcp_info);
    }

    #[test]
    fn set_takes_every_option_by_key() {
        let a =
            p("snapshot --set network.sockets=tcp,udp --set process.threads=2 --set domains=process,network").unwrap();
        let o = &a.options;
        assert_eq!(o.network.sockets, SocketKinds::NONE.with(SocketKind::Tcp).with(SocketKind::Udp));
        assert_eq!((o.process.threads, o.get("domains").unwrap()), (2, "process,network".into()));
        // After the command's own choice: `probe net` keeps routes off unless set.
        assert!(p("net --set network.routes=true").unwrap().options.network.routes);
        assert!(p("snapshot --set network.sokets=tcp").unwrap_err().contains("unknown option `network.sokets`"));
        assert!(p("snapshot --set process.threads=1000").unwrap_err().contains("process.threads"));
        assert!(p("snapshot --set novalue").unwrap_err().contains("KEY=VALUE"));
        assert!(matches!(p("options --json").unwrap().command, Command::Options));
    }

    /// The parity test of this face: every option of the schema, set with `--set`, reaches
    /// the core's options.
    #[test]
    fn every_option_of_the_schema_is_settable() {
        for o in Options::describe() {
            let sample = o.sample.to_string();
            let args = parse(["snapshot".into(), "--set".into(), format!("{}={sample}", o.key)]).unwrap();
            assert_eq!(args.options.get(&o.key).unwrap(), sample, "--set {}={sample}", o.key);
        }
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
