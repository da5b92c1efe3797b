//! libprobe: a full default GPU sample (`domains` = gpu, default `GpuOptions`), with
//! NVML loaded from a given library.
//!
//! usage: libprobe_gpu LIBRARY REPEAT
//!   {"gpus":N,"first_s":…,"iters_s":[…],"fields_with_value":…}
//!
//! `first_s` is the first snapshot (it opens and initialises NVML); `iters_s` every later
//! one (a poller that keeps its probe). `fields_with_value` counts the GPU fields read, so
//! the work cannot be dropped and a run that found no GPU is visible.

use std::time::Instant;

use libprobe::gpu::GpuMetrics;
use libprobe::schema::{Record, RecordType, ValueRef};
use libprobe::{DomainName, Domains, GpuOptions, Options, Probe};

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let (Some(lib), Some(repeat)) = (args.get(1), args.get(2).and_then(|r| r.parse::<usize>().ok())) else {
        eprintln!("usage: libprobe_gpu LIBRARY REPEAT");
        std::process::exit(2);
    };
    let t = Instant::now();
    let mut probe = Probe::new(Options {
        domains: Domains::NONE.with(DomainName::Gpu),
        gpu: GpuOptions { nvml_library: Some(lib.into()), ..GpuOptions::default() },
        ..Options::default()
    });
    let first = probe.snapshot();
    let first_s = t.elapsed().as_secs_f64();
    let gpus = first.gpus.value().map_or(0, Vec::len);
    let mut fields = count(first.gpus.value().map_or(&[][..], Vec::as_slice));
    let mut iters = Vec::with_capacity(repeat);
    for _ in 0..repeat {
        let t = Instant::now();
        let s = probe.snapshot();
        iters.push(t.elapsed().as_secs_f64());
        fields += count(s.gpus.value().map_or(&[][..], Vec::as_slice));
    }
    let iters: Vec<String> = iters.iter().map(|s| format!("{s:.9}")).collect();
    println!(
        "{{\"gpus\":{gpus},\"first_s\":{first_s:.9},\"iters_s\":[{}],\"fields_with_value\":{fields}}}",
        iters.join(",")
    );
}

fn count(gpus: &[GpuMetrics]) -> usize {
    gpus.iter()
        .map(|g| (0..GpuMetrics::SCHEMA.fields.len()).filter(|&i| !matches!(g.field(i), ValueRef::Missing(_))).count())
        .sum()
}
