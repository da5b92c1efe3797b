//! Command-line parsing for `probe` (no dependency: the grammar is small).

use libprobe::ebpf::{EbpfHooks, EbpfOptions, EbpfTracers};
use libprobe::{
    DomainName, Domains, GpuOptions, NetNamespaceTarget, NetworkOptions, Options, ProcessOptions, SocketKind,
    SocketKinds, Source,
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
    probe gpu [OPTIONS]             every GPU (NVIDIA, AMD, Intel) like `nvidia-smi`, then the
                                    processes using them like nvtop
    probe power [OPTIONS]           RAPL zones with watts and limits, batteries, sensors
                                    by chip like `sensors`, thermal zones, and the
                                    per-process energy estimate (two snapshots --interval
                                    apart, 1 s by default)
    probe storage [OPTIONS]         disk health (SMART), ZFS pools, Btrfs, LVM
    probe trace [OPTIONS]           kernel events traced with eBPF over an interval: top
                                    syscalls, run-queue latency, off-CPU time, block I/O
                                    latency (needs CAP_BPF and CAP_PERFMON)

OPTIONS:
    --json                 print JSON (snake_case names, see the README)
    --pretty               indent the JSON
    --domains LIST         domains to collect, comma-separated: system,process,… or all
                           (default: every domain but ebpf); a domain named here that
                           fails makes probe exit with status 1, naming it
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

GPU OPTIONS:
    --nvml-library PATH    the NVML library to load (default libnvidia-ml.so.1;
                           also LIBPROBE_NVML_LIBRARY)
    --pcie-throughput      NVIDIA PCIe throughput (blocks ~20 ms per direction per GPU)
    --nvml-energy          NVIDIA's energy counter (~3 ms per GPU on an H100)
    --drm-clients          find DRM clients by walking every process's descriptors
                           (`probe gpu` does; `snapshot` otherwise only with --fds)
STORAGE OPTIONS:
    --disks LIST           `probe storage`: only these disks and NVMe controllers for SMART
                           and LVM (kernel names, comma-separated: sda,nvme0)
TRACE OPTIONS:
    --duration SECONDS     how long to trace (default 5)
    --tracers LIST         syscalls,runqlat,offcpu,biolatency,faults,mmap,
                           opens,filelat,netbytes,tcpconnlat,tcpretrans,drops,
                           or all (default: all)
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
    Top,
    Options,
    Gpu,
    Power,
    Storage,
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
    /// The domains `--domains` named one by one (not through `all`): their failure is the
    /// command's.
    pub named: Domains,
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
    let mut named = Domains::NONE;
    let mut gpu = GpuOptions::default();
    let mut storage = libprobe::storage::StorageOptions::default();
    let mut ebpf = EbpfOptions::default();
    let mut duration = 5.0;
    while let Some(arg) = args.next() {
        let mut value = |name: &str| args.next().ok_or_else(|| format!("{name} needs a value"));
        match arg.as_str() {
            "-h" | "--help" | "help" => return Ok(simple(Command::Help)),
            "-V" | "--version" => return Ok(simple(Command::Version)),
            "--json" => json = true,
            "--pretty" => pretty = true,
            "--domains" => {
                let list = value("--domains")?;
                let parsed = Domains::parse(&list)?;
                if !list.split(',').any(|d| d.trim() == "all") {
                    named = parsed;
                }
                domains = Some(parsed);
            }
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
            "--sockets" => kinds = SocketKinds::parse(&value("--sockets")?).map_err(|e| format!("--sockets: {e}"))?,
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
            "--disks" => {
                storage.devices = value("--disks")?.split(',').filter(|d| !d.is_empty()).map(str::to_owned).collect();
            }
            "--no-owners" => network.owners = false,
            "--nvml-library" => gpu.nvml_library = Some(value("--nvml-library")?.into()),
            "--pcie-throughput" => gpu.pcie_throughput = true,
            "--nvml-energy" => gpu.nvml_energy = true,
            "--drm-clients" => gpu.drm_clients = true,
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
            "top" if command.is_none() => command = Some(Command::Top),
            "options" if command.is_none() => command = Some(Command::Options),
            "gpu" if command.is_none() => command = Some(Command::Gpu),
            "power" if command.is_none() => command = Some(Command::Power),
            "storage" if command.is_none() => command = Some(Command::Storage),
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
    if let Command::Power = command {
        // The power domain, and the process table for the per-process energy estimate
        // (without the per-cgroup limits it does not need).
        domains = Domains::NONE.with(DomainName::Process).with(DomainName::Power);
        process = ProcessOptions { cgroup_limits: false, ..process };
    }
    if let Command::Net = command {
        // The socket tables only: no interfaces, routes or neighbours to wait for.
        domains = Domains::NONE.with(DomainName::Network);
        network = NetworkOptions { interfaces: false, routes: false, neighbours: false, tcp_info: info, ..network };
    }
    if let Command::Gpu = command {
        // The GPUs and their processes: DRM clients from this domain's own descriptor walk,
        // names read for those pids only (no process table).
        domains = Domains::NONE.with(DomainName::Gpu);
        gpu.drm_clients = true;
    }
    if let Command::Storage = command {
        domains = Domains::NONE.with(DomainName::Storage);
    }
    let command = match command {
        Command::Trace(_) => {
            domains = Domains::NONE.with(DomainName::Ebpf);
            Command::Trace(duration)
        }
        c => c,
    };
    let source = fixture.map_or_else(Source::host, Source::rooted_at);
    let mut options = Options { source, domains, process, network, gpu, storage, ebpf, ..Options::default() };
    // `--set` comes last: it overrides a flag and a command's own choice.
    for (key, value) in sets {
        options.set(&key, &value).map_err(|e| e.to_string())?;
    }
    Ok(Args { command, json, pretty, info, interval, options, named })
}

fn simple(command: Command) -> Args {
    Args {
        command,
        json: false,
        pretty: false,
        info: false,
        interval: None,
        options: Options::default(),
        named: Domains::NONE,
    }
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
        assert_eq!(a.named, Domains::NONE.with(DomainName::Process));
        assert_eq!(p("snapshot --domains all").unwrap().named, Domains::NONE);
        assert_eq!(p("snapshot").unwrap().named, Domains::NONE);
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
    fn gpu_options() {
        let a = p("gpu --nvml-library /x/libnvidia-ml.so.1 --pcie-throughput").unwrap();
        assert!(matches!(a.command, Command::Gpu));
        assert_eq!(a.options.domains, Domains::NONE.with(DomainName::Gpu));
        let g = &a.options.gpu;
        assert!(g.drm_clients && g.pcie_throughput && !g.nvml_energy);
        assert_eq!(g.nvml_library.as_deref(), Some(std::path::Path::new("/x/libnvidia-ml.so.1")));
        assert!(p("snapshot --nvml-energy").unwrap().options.gpu.nvml_energy);
    }

    #[test]
    fn power_takes_the_process_table_for_the_estimate() {
        let a = p("power --interval 2 --fixture /x").unwrap();
        assert!(matches!(a.command, Command::Power));
        assert!(a.options.domains.contains(DomainName::Power) && a.options.domains.contains(DomainName::Process));
        assert!(!a.options.domains.contains(DomainName::System));
        assert!(!a.options.process.cgroup_limits);
        assert_eq!(a.interval, Some(2.0));
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
    fn storage_options() {
        let a = p("storage --disks sda,nvme0 --json").unwrap();
        assert!(matches!(a.command, Command::Storage) && a.json);
        assert_eq!(a.options.domains, Domains::NONE.with(DomainName::Storage));
        assert_eq!(a.options.storage.devices, ["sda", "nvme0"]);
        assert!(p("snapshot --disks").is_err());
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
