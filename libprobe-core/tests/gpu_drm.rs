//! DRM clients and sysfs GPUs on the `gpu-all-vendors` fixture, beyond its golden file:
//! the GPU domain's own descriptor walk finds the clients the process domain's walk
//! finds; a first snapshot has no rates; a damaged or unknown file costs its fields only.
#![cfg(linux_kernel)]

use std::path::{Path, PathBuf};

use libprobe::gpu::{DrmClientsFrom, GpuMetrics, GpuOptions};
use libprobe::{DomainName, DomainState, Domains, Field, Options, Probe, ProcessOptions, Reason, Source};

fn t(n: u32) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join(format!("../tests/fixtures/gpu-all-vendors/t{n}"))
}

fn clients(gpus: &[GpuMetrics]) -> Vec<(String, i32, Option<u64>, Vec<i32>)> {
    gpus.iter()
        .flat_map(|g| {
            g.processes
                .value()
                .unwrap()
                .iter()
                .filter(|p| p.drm_client_id.is_some())
                .map(move |p| (g.pci_bus_id.value().unwrap().clone(), p.pid, p.drm_client_id, p.shared_with.clone()))
        })
        .collect()
}

#[test]
fn the_gpu_walk_finds_what_the_process_walk_finds() {
    let by_process = Probe::new(Options {
        source: Source::rooted_at(t(1)),
        domains: Domains::NONE.with(DomainName::Process).with(DomainName::Gpu),
        process: ProcessOptions { fds: true, ..ProcessOptions::default() },
        ..Options::default()
    })
    .snapshot();
    let by_walk = Probe::new(Options {
        source: Source::rooted_at(t(1)),
        domains: Domains::NONE.with(DomainName::Gpu),
        gpu: GpuOptions { drm_clients: true, ..GpuOptions::default() },
        ..Options::default()
    })
    .snapshot();
    let (a, b) = (by_process.gpus.value().unwrap(), by_walk.gpus.value().unwrap());
    assert_eq!(clients(a), clients(b));
    assert_eq!(clients(a).len(), 5, "{:?}", clients(a));
    assert_eq!(a[0].drm_clients_from, Field::Value(DrmClientsFrom::ProcessFds));
    assert_eq!(b[0].drm_clients_from, Field::Value(DrmClientsFrom::GpuWalk));
    // Names without the process domain: read for those pids.
    let blender = b[0].processes.value().unwrap().iter().find(|p| p.pid == 4400).unwrap();
    assert_eq!(blender.process_name, Field::Value("blender".into()));
    // One snapshot: no rates yet.
    assert_eq!(blender.engines[0].busy_percent, Field::Missing(Reason::NoPreviousSample));
    assert_eq!(b[0].power_from_energy, Field::Missing(Reason::NoPreviousSample));
    assert_eq!(b[2].power_draw, Field::Missing(Reason::NoPreviousSample), "Intel: power only from energy");
    // Neither walk: no clients, and it says so.
    let none = Probe::new(Options {
        source: Source::rooted_at(t(1)),
        domains: Domains::NONE.with(DomainName::Gpu),
        ..Options::default()
    })
    .snapshot();
    let g = none.gpus.value().unwrap();
    assert!(clients(g).is_empty());
    assert_eq!(g[0].drm_clients_from, Field::Missing(Reason::Disabled));
}

/// A copy of t1's card0 (the RDNA board) in a scratch tree, to damage.
fn scratch_card(what: &str) -> PathBuf {
    let root = std::env::temp_dir().join(format!("libprobe-gpu-drm-{what}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&root);
    let copy = |rel: &str| {
        let from = t(1).join(rel);
        for entry in walk(&from) {
            let to = root.join(rel).join(entry.strip_prefix(&from).unwrap());
            std::fs::create_dir_all(to.parent().unwrap()).unwrap();
            std::fs::copy(&entry, &to).unwrap();
        }
    };
    copy("sys/class/drm/card0");
    root
}

fn walk(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    for e in std::fs::read_dir(dir).unwrap() {
        let p = e.unwrap().path();
        if p.is_dir() { out.extend(walk(&p)) } else { out.push(p) }
    }
    out
}

fn one_gpu(root: &Path) -> (GpuMetrics, Vec<String>) {
    let s = Probe::new(Options {
        source: Source::rooted_at(root),
        domains: Domains::NONE.with(DomainName::Gpu),
        ..Options::default()
    })
    .snapshot();
    let st = s.status(DomainName::Gpu).unwrap();
    assert_eq!(st.state, DomainState::Collected);
    (s.gpus.value().unwrap()[0].clone(), st.warnings.clone())
}

#[test]
fn a_damaged_file_costs_its_field_only() {
    let root = scratch_card("damaged");
    let dev = root.join("sys/class/drm/card0/device");
    std::fs::write(dev.join("gpu_busy_percent"), "busy\n").unwrap();
    std::fs::write(dev.join("pp_dpm_sclk"), "0: 500Mhz\n1: lots *\n").unwrap();
    let (g, w) = one_gpu(&root);
    assert_eq!(g.utilization_gpu, Field::Value(37.0), "gpu_metrics still has the activity");
    assert_eq!(g.clock_max_graphics, Field::Missing(Reason::Error));
    assert_eq!(g.memory_total, Field::Value(17163091968), "its neighbours are kept");
    assert_eq!(w.len(), 2, "{w:?}");
    assert!(w[0].contains("gpu_busy_percent") && w[0].contains("\"busy\\n\""), "{w:?}");
    assert!(w[1].contains("pp_dpm_sclk"), "{w:?}");
    std::fs::remove_dir_all(&root).unwrap();
}

#[test]
fn an_unknown_gpu_metrics_revision_is_not_guessed() {
    let root = scratch_card("unknown");
    let dev = root.join("sys/class/drm/card0/device");
    let mut blob = std::fs::read(dev.join("gpu_metrics")).unwrap();
    blob[3] = 9; // content revision 1.9: not known here
    std::fs::write(dev.join("gpu_metrics"), &blob).unwrap();
    let (g, w) = one_gpu(&root);
    assert!(w.is_empty(), "{w:?}");
    assert_eq!(
        (g.clock_video, g.energy_total),
        (Field::Missing(Reason::NotSupported), Field::Missing(Reason::NotSupported))
    );
    assert_eq!(g.clock_event_reasons, Field::Missing(Reason::NotSupported));
    assert_eq!(g.temperature_gpu, Field::Value(45.0), "sysfs fields are unaffected");
    // A truncated table is an error with a warning, not a panic.
    std::fs::write(dev.join("gpu_metrics"), &blob[..10]).unwrap();
    let (g, w) = one_gpu(&root);
    assert_eq!(g.clock_video, Field::Missing(Reason::Error));
    assert_eq!(w.len(), 1, "{w:?}");
    std::fs::remove_dir_all(&root).unwrap();
}
