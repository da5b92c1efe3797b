//! `probe`: libprobe's command-line example.
//!
//! `probe snapshot` prints a readable report of this machine; `probe snapshot --json`
//! the full snapshot; `probe process PID` one process in full; `probe net` every socket with
//! its owners; `probe gpu` every GPU and the processes using them; `probe power` RAPL,
//! batteries, sensors and the energy estimate; `probe storage` disk health and volume managers;
//! `probe trace` kernel events traced with eBPF; `probe top` a live view; `probe options` every option. See
//! `probe --help`.
//!
//! Exit status: 0; 2 for a usage error; 1 when what was asked for is missing — the
//! process or the network domain of `probe process`/`probe net`, or a domain named in
//! `--domains` that failed (the snapshot is still printed; stderr names the domain).

mod cli;
mod gpu;
mod net;
mod power;
mod render;
mod report;
mod storage;
#[cfg(test)]
mod text_golden;
mod top;
mod trace;

use std::io::Write;
use std::process::ExitCode;

use cli::Command;
use libprobe::{DomainState, Probe};

fn main() -> ExitCode {
    let args = match cli::parse(std::env::args().skip(1)) {
        Ok(a) => a,
        Err(e) => {
            eprintln!("probe: {e}");
            return ExitCode::from(2);
        }
    };
    let mut probe = Probe::new(args.options.clone());
    // A readable report shows CPU percentages, so it takes a baseline first.
    // `probe power` always takes two (its watts and estimate need them), a second apart.
    let interval = match args.command {
        Command::Power => args.interval.unwrap_or(1.0),
        _ => args.interval.unwrap_or(if args.json { 0.0 } else { 0.5 }),
    };
    let take = |probe: &mut Probe| {
        if interval > 0.0 && !probe.options().source.is_fixture() {
            probe.snapshot();
            std::thread::sleep(std::time::Duration::from_secs_f64(interval));
        }
        probe.snapshot()
    };
    let mut failed = Vec::new();
    let out = match args.command {
        Command::Help => cli::USAGE.to_owned(),
        Command::Version => format!("probe {}\n", libprobe::VERSION),
        Command::Top => {
            return match top::run(args.options, args.interval.unwrap_or(1.0)) {
                Ok(()) => ExitCode::SUCCESS,
                Err(e) => {
                    eprintln!("probe top: {e}");
                    ExitCode::FAILURE
                }
            };
        }
        Command::Options if args.json => libprobe::Options::describe_json(),
        Command::Options => options_text(),
        Command::Snapshot => {
            let snap = take(&mut probe);
            failed = named_failures(&snap, args.named);
            if args.json {
                if args.pretty { snap.to_json_pretty() } else { snap.to_json() + "\n" }
            } else {
                report::snapshot(&snap)
            }
        }
        Command::Net => {
            // No rates here: one snapshot.
            let snap = probe.snapshot();
            match snap.network() {
                Some(n) if args.json => {
                    if args.pretty {
                        libprobe::json::to_json_pretty(n)
                    } else {
                        libprobe::json::to_json(n) + "\n"
                    }
                }
                Some(n) => net::sockets(n, args.info),
                None => {
                    let why = snap
                        .status(libprobe::DomainName::Network)
                        .and_then(|s| s.error.clone().or(s.reason.map(|r| r.to_string())));
                    eprintln!("probe: the network domain was not collected ({})", why.unwrap_or_default());
                    return ExitCode::FAILURE;
                }
            }
        }
        Command::Gpu => {
            // Two snapshots, so engine busy % and power from energy counters have a baseline.
            let snap = take(&mut probe);
            match snap.gpus.value() {
                Some(g) if args.json => {
                    let each: Vec<String> =
                        g.iter()
                            .map(|g| {
                                if args.pretty { libprobe::json::to_json_pretty(g) } else { libprobe::json::to_json(g) }
                            })
                            .collect();
                    format!("[{}]\n", each.join(if args.pretty { ",\n" } else { "," }))
                }
                Some(g) => gpu::table(g),
                None => {
                    let why = snap
                        .status(libprobe::DomainName::Gpu)
                        .and_then(|s| s.error.clone().or(s.reason.map(|r| r.to_string())));
                    eprintln!("probe: no GPU ({})", why.unwrap_or_default());
                    return ExitCode::FAILURE;
                }
            }
        }
        Command::Power => {
            let snap = take(&mut probe);
            match &snap.power {
                libprobe::Field::Value(p) if args.json => {
                    if args.pretty {
                        libprobe::json::to_json_pretty(p)
                    } else {
                        libprobe::json::to_json(p) + "\n"
                    }
                }
                libprobe::Field::Value(p) => power::report(p),
                libprobe::Field::Missing(libprobe::Reason::NotPresent) => {
                    if args.json {
                        "null\n".to_owned()
                    } else {
                        "no RAPL zone, power supply, hwmon chip or thermal zone on this machine\n".to_owned()
                    }
                }
                libprobe::Field::Missing(_) => {
                    let why = snap
                        .status(libprobe::DomainName::Power)
                        .and_then(|s| s.error.clone().or(s.reason.map(|r| r.to_string())));
                    eprintln!("probe: the power domain was not collected ({})", why.unwrap_or_default());
                    return ExitCode::FAILURE;
                }
            }
        }
        Command::Storage => {
            let snap = probe.snapshot();
            match snap.storage.value() {
                Some(st) if args.json => {
                    if args.pretty {
                        libprobe::json::to_json_pretty(st)
                    } else {
                        libprobe::json::to_json(st) + "\n"
                    }
                }
                Some(st) => storage::report(st),
                None => {
                    let status = snap.status(libprobe::DomainName::Storage);
                    match status {
                        // The domain's status says why there is nothing (`not_present`, …).
                        Some(st) if args.json => libprobe::json::to_json(st) + "\n",
                        _ => {
                            let why = status.and_then(|s| s.error.clone().or(s.reason.map(|r| r.to_string())));
                            format!(
                                "no disks, pools, filesystems or volume groups to show ({})\n",
                                why.unwrap_or_default()
                            )
                        }
                    }
                }
            }
        }
        Command::Trace(duration) => {
            // The first snapshot attaches the tracers; the second reads the interval.
            let first = probe.snapshot();
            if let libprobe::Field::Missing(_) = &first.ebpf {
                eprintln!("probe: {}", trace::report(&first, 0.0).err().unwrap_or_default());
                return ExitCode::FAILURE;
            }
            if !probe.options().source.is_fixture() {
                std::thread::sleep(std::time::Duration::from_secs_f64(duration));
            }
            let snap = probe.snapshot();
            if args.json {
                match &snap.ebpf {
                    libprobe::Field::Value(e) if args.pretty => libprobe::json::to_json_pretty(e),
                    libprobe::Field::Value(e) => libprobe::json::to_json(e) + "\n",
                    libprobe::Field::Missing(_) => snap.to_json() + "\n",
                }
            } else {
                match trace::report(&snap, duration) {
                    Ok(s) => s,
                    Err(e) => {
                        eprintln!("probe: {e}");
                        return ExitCode::FAILURE;
                    }
                }
            }
        }
        Command::Process(pid) => {
            let snap = take(&mut probe);
            let Some(p) = snap.process(pid) else {
                let why = snap.status(libprobe::DomainName::Process).and_then(|s| match s.state {
                    DomainState::Collected => None,
                    _ => s.error.clone().or(s.reason.map(|r| r.to_string())),
                });
                eprintln!("probe: no process {pid}{}", why.map_or_else(String::new, |w| format!(" ({w})")));
                return ExitCode::FAILURE;
            };
            if args.json {
                if args.pretty { libprobe::json::to_json_pretty(p) } else { libprobe::json::to_json(p) + "\n" }
            } else {
                let mut s = String::new();
                render::record(&mut s, p, 0);
                s
            }
        }
    };
    let mut stdout = std::io::stdout().lock();
    // A closed pipe (`probe snapshot | head`) is not an error worth a message.
    let _ = stdout.write_all(out.as_bytes()).and_then(|()| stdout.flush());
    if failed.is_empty() {
        return ExitCode::SUCCESS;
    }
    for f in &failed {
        eprintln!("probe: {f}");
    }
    ExitCode::FAILURE
}

/// The domains `named` on the command line that failed, each with its error: the
/// snapshot is still printed, and the exit status says something asked for is missing.
fn named_failures(snap: &libprobe::Snapshot, named: libprobe::Domains) -> Vec<String> {
    snap.domains
        .iter()
        .filter(|d| named.contains(d.domain) && d.state == DomainState::Failed)
        .map(|d| {
            let why = d.error.clone().or(d.reason.map(|r| r.to_string())).unwrap_or_default();
            format!("the {} domain, asked for by name, failed: {why}", d.domain.name())
        })
        .collect()
}

/// `probe options`: every option with its kind, default and doc.
fn options_text() -> String {
    let mut out = String::new();
    let mut domain = None;
    for o in libprobe::Options::describe() {
        if o.domain != domain {
            domain = o.domain;
            out.push_str(&format!("\n[{}]\n", domain.map_or("", |d| d.name())));
        }
        let accepted = o.kind.accepted();
        let kind = if accepted.is_empty() {
            o.kind.name().to_owned()
        } else {
            format!("{}: {}", o.kind.name(), accepted.join(","))
        };
        out.push_str(&format!("{}  ({kind}; default `{}`)\n", o.key, o.default));
        for line in o.doc.lines() {
            out.push_str(&format!("    {line}\n"));
        }
    }
    out.trim_start().to_owned()
}
