//! `probe`: libprobe's command-line example.
//!
//! `probe snapshot` prints a readable report of this machine; `probe snapshot --json`
//! the full snapshot; `probe process PID` one process in full; `probe net` every socket with
//! its owners; `probe top` a live view; `probe options` every option. See `probe --help`.

mod cli;
mod net;
mod render;
mod report;
mod top;

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
    let interval = args.interval.unwrap_or(if args.json { 0.0 } else { 0.5 });
    let take = |probe: &mut Probe| {
        if interval > 0.0 && !probe.options().source.is_fixture() {
            probe.snapshot();
            std::thread::sleep(std::time::Duration::from_secs_f64(interval));
        }
        probe.snapshot()
    };
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
    ExitCode::SUCCESS
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
