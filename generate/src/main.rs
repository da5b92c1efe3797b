//! `make generate`: rewrites every generated file of every face from the core's schemas.
//! `--check` writes nothing and fails when a committed file is stale (what `make test` runs).

use std::process::ExitCode;

fn main() -> ExitCode {
    let check = match std::env::args().nth(1).as_deref() {
        None => false,
        Some("--check") => true,
        Some(other) => {
            eprintln!("usage: libprobe-generate [--check] (unexpected `{other}`)");
            return ExitCode::from(2);
        }
    };
    let mode = if check { libprobe_generate::Mode::Check } else { libprobe_generate::Mode::Write };
    match libprobe_generate::run(mode) {
        Ok(changed) if changed.is_empty() => {
            println!("every generated file is up to date");
            ExitCode::SUCCESS
        }
        Ok(changed) => {
            for path in changed {
                println!("rewrote {path}");
            }
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("{e}");
            ExitCode::FAILURE
        }
    }
}
