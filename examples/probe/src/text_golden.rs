//! The text reports of `probe gpu`, `probe power`, `probe storage` and `probe trace` on the
//! fixture scenarios, compared with `tests/text/<scenario>.txt`. The JSON goldens
//! (`tests/fixtures/*.json`) say what the library reads; these say what a person reads: a
//! column that moves, a unit that changes, a reason that goes missing shows up here.
//! `LIBPROBE_BLESS=1 cargo test -p probe-cli text_golden` rewrites them; review the diff.

#[path = "../../../libprobe-core/tests/fake_nvml/mod.rs"]
mod fake_nvml;

use std::path::{Path, PathBuf};

use libprobe::{Domains, Field, NetworkOptions, Options, Probe, ProcessOptions, Snapshot, Source};

fn repo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn options(source: Source, dir: &Path, scenario: &str) -> Options {
    let list = std::fs::read_to_string(dir.join("domains")).unwrap();
    let mut gpu = libprobe::GpuOptions::default();
    if dir.join("nvml.xml").is_file() {
        gpu.nvml_library = Some(fake_nvml::library(fake_nvml::Build::Current, &dir.join("nvml.xml")));
    }
    Options {
        gpu,
        source,
        domains: Domains::parse(list.trim()).unwrap_or_else(|e| panic!("{scenario}/domains: {e}")),
        process: ProcessOptions { environ: true, ..ProcessOptions::everything() },
        network: NetworkOptions::everything(),
        ..Options::default()
    }
}

/// The scenario's snapshot as the JSON golden test takes it: of the tree, or of `t1/` after
/// `t0/` (so rates have their baseline). Returns it with the path to hide in the text.
fn snapshot(scenario: &str) -> (Snapshot, PathBuf) {
    let dir = repo().join("tests/fixtures").join(scenario).canonicalize().unwrap();
    if !dir.join("t0").is_dir() {
        let snap = Probe::new(options(Source::rooted_at(&dir), &dir, scenario)).snapshot();
        return (snap, dir);
    }
    let tmp = std::env::temp_dir().join(format!("libprobe-text-{scenario}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&tmp);
    std::fs::create_dir_all(&tmp).unwrap();
    let root = tmp.join("root");
    std::os::unix::fs::symlink(dir.join("t0"), &root).unwrap();
    let mut probe = Probe::new(options(Source::rooted_at(&root), &dir, scenario));
    probe.snapshot();
    std::os::unix::fs::symlink(dir.join("t1"), tmp.join("next")).unwrap();
    std::fs::rename(tmp.join("next"), &root).unwrap();
    let snap = probe.snapshot();
    drop(probe);
    std::fs::remove_dir_all(&tmp).unwrap();
    (snap, root)
}

/// Compares with the golden text, or rewrites it under `LIBPROBE_BLESS=1`; returns the
/// difference as an error so one run reports every scenario.
fn golden(name: &str, actual: &str) -> Result<(), String> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/text").join(format!("{name}.txt"));
    if std::env::var_os("LIBPROBE_BLESS").is_some_and(|v| v == "1") {
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(&path, actual).unwrap();
        return Ok(());
    }
    let expected = std::fs::read_to_string(&path)
        .map_err(|e| format!("{}: {e}; run with LIBPROBE_BLESS=1 to create it", path.display()))?;
    if actual == expected {
        return Ok(());
    }
    let (a, e): (Vec<_>, Vec<_>) = (actual.lines().collect(), expected.lines().collect());
    let at = a.iter().zip(&e).position(|(x, y)| x != y).unwrap_or(a.len().min(e.len()));
    Err(format!(
        "{name}: line {} differs\n  expected: {:?}\n  actual:   {:?}",
        at + 1,
        e.get(at).copied().unwrap_or("<end>"),
        a.get(at).copied().unwrap_or("<end>")
    ))
}

fn render(command: &str, snap: &Snapshot) -> String {
    match command {
        "gpu" => crate::gpu::table(snap.gpus.value().expect("the scenario has GPUs")),
        "power" => match &snap.power {
            Field::Value(p) => crate::power::report(p),
            Field::Missing(r) => panic!("power missing: {r}"),
        },
        "storage" => crate::storage::report(snap.storage.value().expect("the scenario has storage")),
        "trace" => crate::trace::report(snap, 1.0).unwrap_or_else(|e| panic!("{e}")),
        other => unreachable!("{other}"),
    }
}

#[test]
fn text_reports_match_their_goldens() {
    let cases = [
        ("gpu", "gpu-all-vendors"),
        ("power", "power-intel-laptop"),
        ("power", "power-amd-server"),
        ("power", "power-dual-battery"),
        ("storage", "storage-smart"),
        ("storage", "storage-zfs"),
        ("storage", "storage-volumes"),
        ("trace", "ebpf-trace"),
        ("trace", "ebpf-net"),
    ];
    let mut failures = Vec::new();
    for (command, scenario) in cases {
        let (snap, root) = snapshot(scenario);
        let text = render(command, &snap)
            .replace(root.to_str().unwrap(), "<fixture>")
            .replace(&format!("libprobe {}", snap.libprobe_version), "libprobe <version>");
        // A report that printed nothing, or only that nothing is here, tests nothing.
        assert!(text.lines().count() > 5, "{command} {scenario}: {text}");
        if let Err(e) = golden(scenario, &text) {
            failures.push(e);
        }
    }
    fake_nvml::remove_all();
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
