//! Command-line parsing for `probe` (no dependency: the grammar is small).

use libprobe::{DomainName, Domains, Options, ProcessOptions, Source};

pub const USAGE: &str = "\
probe — every metric this Linux kernel knows, from libprobe

USAGE:
    probe snapshot [OPTIONS]        a readable report of this machine
    probe snapshot --json [OPTIONS] the full snapshot as JSON
    probe process PID [OPTIONS]     one process in full (every field group but environ)

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
    --fixture DIR          read a fixture tree (DIR/proc, DIR/sys, DIR/syscalls.txt)
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
    Help,
    Version,
}

#[derive(Debug)]
pub struct Args {
    pub command: Command,
    pub json: bool,
    pub pretty: bool,
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
            "--fixture" => fixture = Some(value("--fixture")?),
            "snapshot" if command.is_none() => command = Some(Command::Snapshot),
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
    let source = fixture.map_or_else(Source::host, Source::rooted_at);
    Ok(Args { command, json, pretty, interval, options: Options { source, domains, process, ..Options::default() } })
}

fn simple(command: Command) -> Args {
    Args { command, json: false, pretty: false, interval: None, options: Options::default() }
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
    fn errors() {
        assert!(p("").is_err());
        assert!(p("snapshot --domains nope").unwrap_err().contains("unknown domain"));
        assert!(p("process x").is_err());
        assert!(p("snapshot --interval -1").is_err());
        assert!(p("snapshot --bogus").is_err());
    }
}
