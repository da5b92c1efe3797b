//! libprobe: one power sample — RAPL zones, power supplies, hwmon chips, thermal zones —
//! collected `--repeat` times by one probe, on the machine `Source::host()` reads (`/sys`,
//! or `LIBPROBE_SYSFS` / `LIBPROBE_FIXTURE`).
//!
//! usage: libprobe_power [--repeat N] [--groups rapl,supplies,hwmon,thermal]
//!
//! Prints one JSON line: `iters_s` and `iters_cpu_s` (each collection's wall and
//! CPU time, the power domain alone), what the sample held (`zones`, `batteries`,
//! `channels`, `thermal_zones`, `cooling_devices`), `warnings`, and a checksum of the
//! values so the work cannot be optimised away.

use std::time::Instant;

use libprobe::power::PowerOptions;
use libprobe::{DomainName, Domains, Field, Options, Probe};

fn cpu_now() -> f64 {
    let mut ts = libc::timespec { tv_sec: 0, tv_nsec: 0 };
    // SAFETY: `ts` is a valid, writable timespec; the clock id is a constant.
    unsafe { libc::clock_gettime(libc::CLOCK_PROCESS_CPUTIME_ID, &mut ts) };
    ts.tv_sec as f64 + ts.tv_nsec as f64 / 1e9
}

fn main() {
    let mut repeat = 1usize;
    let mut power = PowerOptions::default();
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        match a.as_str() {
            "--repeat" => repeat = args.next().and_then(|v| v.parse().ok()).expect("--repeat N"),
            "--groups" => {
                let list = args.next().expect("--groups rapl,supplies,hwmon,thermal");
                power =
                    PowerOptions { rapl: false, supplies: false, hwmon: false, thermal: false, process_energy: false };
                for g in list.split(',') {
                    match g {
                        "rapl" => power.rapl = true,
                        "supplies" => power.supplies = true,
                        "hwmon" => power.hwmon = true,
                        "thermal" => power.thermal = true,
                        other => panic!("--groups: unknown group {other}"),
                    }
                }
            }
            other => {
                eprintln!(
                    "unknown argument {other}\nusage: libprobe_power [--repeat N] [--groups rapl,supplies,hwmon,thermal]"
                );
                std::process::exit(2);
            }
        }
    }
    let mut probe = Probe::new(Options { domains: Domains::NONE.with(DomainName::Power), power, ..Options::default() });
    let (mut iters, mut iters_cpu) = (Vec::with_capacity(repeat), Vec::with_capacity(repeat));
    let mut checksum = 0f64;
    let mut last = None;
    for _ in 0..repeat {
        let (t0, c0) = (Instant::now(), cpu_now());
        let snap = probe.snapshot();
        iters.push(t0.elapsed().as_secs_f64());
        iters_cpu.push(cpu_now() - c0);
        if let Field::Value(p) = &snap.power {
            for chip in p.hwmon.value().into_iter().flatten() {
                checksum += chip.channels.iter().filter_map(|c| c.input.get()).sum::<f64>();
            }
            checksum += p.domains.value().into_iter().flatten().filter_map(|z| z.energy_uj.get()).sum::<u64>() as f64;
        }
        last = Some(snap);
    }
    let snap = last.expect("--repeat 0 measures nothing");
    let status = snap.status(DomainName::Power).expect("power status");
    let p = snap.power.value();
    let len = |f: Option<usize>| f.unwrap_or(0);
    let list = |v: &[f64]| v.iter().map(|x| format!("{x:.9}")).collect::<Vec<_>>().join(",");
    println!(
        "{{\"tool\":\"libprobe\",\"state\":\"{}\",\"zones\":{},\"batteries\":{},\"supplies\":{},\"chips\":{},\"channels\":{},\"thermal_zones\":{},\"cooling_devices\":{},\"warnings\":{},\"iters_s\":[{}],\"iters_cpu_s\":[{}],\"checksum\":{checksum}}}",
        libprobe::schema::EnumType::enum_value(&status.state).name,
        len(p.and_then(|p| p.domains.value().map(Vec::len))),
        len(p.and_then(|p| p.batteries.value().map(Vec::len))),
        len(p.and_then(|p| p.supplies.value().map(Vec::len))),
        len(p.and_then(|p| p.hwmon.value().map(Vec::len))),
        len(p.and_then(|p| p.hwmon.value().map(|c| c.iter().map(|c| c.channels.len()).sum()))),
        len(p.and_then(|p| p.thermal_zones.value().map(Vec::len))),
        len(p.and_then(|p| p.cooling_devices.value().map(Vec::len))),
        status.warnings.len(),
        list(&iters),
        list(&iters_cpu),
    );
}
