//! NVML for real, without a GPU: libprobe loads the fake NVML of `tests/fake_nvml/`
//! (built here with `cc`) through the option `gpu.nvml_library`, so nvml-wrapper's own
//! loading and calling code runs, and every field of every GPU is compared with the
//! `nvidia-smi -q -x` capture the fake answers from (an H100, and variants of it: two
//! GPUs, MIG, lost GPUs, refused fields, a driver without `_v3`, the R535 struct).
#![cfg(linux_kernel)]

mod fake_nvml;

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use fake_nvml::{Build, library, xml};
use libprobe::gpu::{
    ClockEventReasons, ComputeCapability, ComputeMode, DrmClientsFrom, GpuMetrics, GpuProcess, GpuProcessType,
    GpuState, GpuVendor,
};
use libprobe::schema::RecordType;
use libprobe::{DomainName, DomainState, Domains, Field, GpuOptions, Options, Probe, Reason, Snapshot, Source};

// ------------------------------------------------------------------ the XML, read here
// A reader of its own (not the fake's), by element path.

#[derive(Clone, Copy)]
struct X<'a>(&'a str);

impl<'a> X<'a> {
    /// The content of the first `<tag>`/`<tag …>` element.
    fn child(self, tag: &str) -> Option<X<'a>> {
        self.children(tag).into_iter().next()
    }

    /// The content of every `<tag>` element (no same-name nesting in nvidia-smi's XML).
    fn children(self, tag: &str) -> Vec<X<'a>> {
        let (open, close) = (format!("<{tag}"), format!("</{tag}>"));
        let mut out = Vec::new();
        let mut rest = self.0;
        while let Some(i) = rest.find(&open) {
            let after = &rest[i + open.len()..];
            if !after.starts_with('>') && !after.starts_with(' ') {
                rest = after;
                continue;
            }
            let body_start = after.find('>').unwrap() + 1;
            let body = &after[body_start..];
            let end = body.find(&close).unwrap();
            out.push(X(&body[..end]));
            rest = &body[end + close.len()..];
        }
        out
    }

    fn at(self, path: &str) -> Option<X<'a>> {
        path.split('/').try_fold(self, |x, tag| x.child(tag))
    }

    fn text(self) -> &'a str {
        self.0.trim()
    }

    /// The leading number of a value (`81559 MiB`, `89.80 W`, `16x`, `P0`).
    fn num(self) -> f64 {
        let t = self.text().trim_start_matches('P');
        let end = t.find(|c: char| !(c.is_ascii_digit() || c == '.' || c == '-')).unwrap_or(t.len());
        t[..end].parse().unwrap_or_else(|_| panic!("not a number: {t:?}"))
    }
}

/// What a value of the XML means for a field: a value, or the reason it is missing.
fn meaning(x: Option<X<'_>>) -> Result<X<'_>, Reason> {
    match x.map(X::text) {
        None | Some("N/A") => Err(Reason::NotSupported),
        Some("Insufficient Permissions") => Err(Reason::PermissionDenied),
        Some(_) => Ok(x.unwrap()),
    }
}

// ------------------------------------------------------------------ the comparison

/// Compares fields with the XML, and remembers which were compared: every field of the
/// record must be.
struct Check<'x> {
    gpu: X<'x>,
    seen: BTreeSet<&'static str>,
    who: String,
}

impl<'x> Check<'x> {
    fn new(gpu: X<'x>, who: impl Into<String>) -> Self {
        Check { gpu, seen: BTreeSet::new(), who: who.into() }
    }

    fn mark(&mut self, name: &'static str) {
        assert!(self.seen.insert(name), "{name} checked twice");
    }

    fn expect<T: PartialEq + std::fmt::Debug>(&mut self, name: &'static str, got: &Field<T>, want: Field<T>) {
        self.mark(name);
        assert_eq!(got, &want, "{}: {name}", self.who);
    }

    /// A number at `path`, scaled.
    fn num(&mut self, name: &'static str, got: Field<f64>, path: &str, scale: f64) {
        self.mark(name);
        match (meaning(self.gpu.at(path)), got) {
            (Ok(x), Field::Value(v)) => {
                assert!((v - x.num() * scale).abs() < 1e-9, "{}: {name} = {v}, XML {path} = {}", self.who, x.text())
            }
            (Err(r), got) => assert_eq!(got, Field::Missing(r), "{}: {name} ({path} absent or N/A)", self.who),
            (Ok(x), got) => panic!("{}: {name} = {got:?}, XML {path} = {}", self.who, x.text()),
        }
    }

    fn int<T: Copy + Into<f64>>(&mut self, name: &'static str, got: Field<T>, path: &str, scale: f64) {
        self.num(name, got.map(Into::into), path, scale);
    }

    fn u64(&mut self, name: &'static str, got: Field<u64>, path: &str, scale: f64) {
        self.num(name, got.map(|v| v as f64), path, scale);
    }

    fn text(&mut self, name: &'static str, got: &Field<String>, path: &str) {
        let want = meaning(self.gpu.at(path)).map(|x| x.text().to_owned());
        self.expect(name, got, want.into());
    }

    fn flag(&mut self, name: &'static str, got: Field<bool>, path: &str) {
        let want = meaning(self.gpu.at(path)).map(|x| matches!(x.text(), "Enabled" | "Yes" | "Active"));
        self.expect(name, &got, want.into());
    }

    /// The sum of several counters under `base`.
    fn sum(&mut self, name: &'static str, got: Field<u64>, base: &str, keys: &[&str]) {
        let b = self.gpu.at(base).unwrap();
        let want: u64 = keys.iter().map(|k| b.at(k).unwrap().num() as u64).sum();
        self.expect(name, &got, Field::Value(want));
    }

    fn done(self, also_unchecked_ok: &[&str]) {
        let all: BTreeSet<&str> = GpuMetrics::SCHEMA.fields.iter().map(|f| f.name).collect();
        let missing: Vec<_> =
            all.iter().filter(|n| !self.seen.contains(*n) && !also_unchecked_ok.contains(n)).collect();
        assert!(missing.is_empty(), "{}: fields never compared: {missing:?}", self.who);
    }
}

fn nvml_bus_id(s: &str) -> String {
    let s = s.to_ascii_lowercase();
    s.strip_prefix("0000").filter(|r| r.len() == 12).map_or(s.clone(), str::to_owned)
}

/// Every field of an NVIDIA GPU against its `<gpu>` element.
fn check_gpu(g: &GpuMetrics, x: X<'_>, driver: &str, index: u32, opts: &GpuOptions) {
    let mut c = Check::new(x, format!("GPU {index}"));
    c.expect("index", &Field::Value(g.index), Field::Value(index));
    c.text("uuid", &g.uuid, "uuid");
    c.text("name", &g.name, "product_name");
    c.expect("vendor", &Field::Value(g.vendor), Field::Value(GpuVendor::Nvidia));
    c.expect("pci_bus_id", &g.pci_bus_id, Field::Value(nvml_bus_id(x.at("pci/pci_bus_id").unwrap().text())));
    c.int("utilization_gpu", g.utilization_gpu, "utilization/gpu_util", 1.0);
    c.int("utilization_memory", g.utilization_memory, "utilization/memory_util", 1.0);
    c.int("utilization_encoder", g.utilization_encoder, "utilization/encoder_util", 1.0);
    c.int("utilization_decoder", g.utilization_decoder, "utilization/decoder_util", 1.0);
    const MIB: f64 = 1048576.0;
    c.u64("memory_total", g.memory_total, "fb_memory_usage/total", MIB);
    c.u64("memory_used", g.memory_used, "fb_memory_usage/used", MIB);
    c.u64("memory_free", g.memory_free, "fb_memory_usage/free", MIB);
    c.u64("memory_reserved", g.memory_reserved, "fb_memory_usage/reserved", MIB);
    c.num("temperature_gpu", g.temperature_gpu, "temperature/gpu_temp", 1.0);
    c.num("temperature_memory", g.temperature_memory, "temperature/memory_temp", 1.0);
    // nvidia-smi's names for NVML's slowdown and shutdown thresholds; this driver prints
    // only the T.Limit margins instead, so both are absent here.
    c.num("temperature_slowdown", g.temperature_slowdown, "temperature/gpu_temp_slow_threshold", 1.0);
    c.num("temperature_shutdown", g.temperature_shutdown, "temperature/gpu_temp_max_threshold", 1.0);
    c.num("power_draw", g.power_draw, "gpu_power_readings/average_power_draw", 1.0);
    c.num("power_limit", g.power_limit, "gpu_power_readings/requested_power_limit", 1.0);
    c.num("power_default_limit", g.power_default_limit, "gpu_power_readings/default_power_limit", 1.0);
    c.num("power_min_limit", g.power_min_limit, "gpu_power_readings/min_power_limit", 1.0);
    c.num("power_max_limit", g.power_max_limit, "gpu_power_readings/max_power_limit", 1.0);
    c.int("power_state", g.power_state, "performance_state", 1.0);
    c.u64("clock_graphics", g.clock_graphics, "clocks/graphics_clock", 1.0);
    c.u64("clock_sm", g.clock_sm, "clocks/sm_clock", 1.0);
    c.u64("clock_memory", g.clock_memory, "clocks/mem_clock", 1.0);
    c.u64("clock_video", g.clock_video, "clocks/video_clock", 1.0);
    c.u64("clock_max_graphics", g.clock_max_graphics, "max_clocks/graphics_clock", 1.0);
    c.u64("clock_max_memory", g.clock_max_memory, "max_clocks/mem_clock", 1.0);
    c.u64("clock_max_sm", g.clock_max_sm, "max_clocks/sm_clock", 1.0);
    c.u64("clock_max_video", g.clock_max_video, "max_clocks/video_clock", 1.0);
    let link = "pci/pci_gpu_link_info";
    c.int("pcie_link_gen_current", g.pcie_link_gen_current, &format!("{link}/pcie_gen/current_link_gen"), 1.0);
    c.int("pcie_link_gen_max", g.pcie_link_gen_max, &format!("{link}/pcie_gen/max_link_gen"), 1.0);
    c.int("pcie_link_width_current", g.pcie_link_width_current, &format!("{link}/link_widths/current_link_width"), 1.0);
    c.int("pcie_link_width_max", g.pcie_link_width_max, &format!("{link}/link_widths/max_link_width"), 1.0);
    if opts.pcie_throughput {
        c.u64("pcie_tx_throughput", g.pcie_tx_throughput, "pci/tx_util", 1.0);
        c.u64("pcie_rx_throughput", g.pcie_rx_throughput, "pci/rx_util", 1.0);
    } else {
        c.expect("pcie_tx_throughput", &g.pcie_tx_throughput, Field::Missing(Reason::Disabled));
        c.expect("pcie_rx_throughput", &g.pcie_rx_throughput, Field::Missing(Reason::Disabled));
    }
    c.u64("pcie_replay_errors", g.pcie_replay_errors, "pci/replay_counter", 1.0);
    c.flag("ecc_enabled", g.ecc_enabled, "ecc_mode/current_ecc");
    let (corr, unc) = (
        ["sram_correctable", "dram_correctable"],
        ["sram_uncorrectable_parity", "sram_uncorrectable_secded", "dram_uncorrectable"],
    );
    c.sum("ecc_errors_corrected", g.ecc_errors_corrected, "ecc_errors/volatile", &corr);
    c.sum("ecc_errors_uncorrected", g.ecc_errors_uncorrected, "ecc_errors/volatile", &unc);
    c.sum("ecc_errors_corrected_aggregate", g.ecc_errors_corrected_aggregate, "ecc_errors/aggregate", &corr);
    c.sum("ecc_errors_uncorrected_aggregate", g.ecc_errors_uncorrected_aggregate, "ecc_errors/aggregate", &unc);
    c.int("fan_speed", g.fan_speed, "fan_speed", 1.0);
    c.u64("fan_speed_rpm", g.fan_speed_rpm, "fake_fan_speed_rpm", 1.0);
    let mode = match x.at("compute_mode").unwrap().text() {
        "Default" => ComputeMode::Default,
        "Exclusive_Process" => ComputeMode::ExclusiveProcess,
        "Prohibited" => ComputeMode::Prohibited,
        other => panic!("compute mode {other}"),
    };
    c.expect("compute_mode", &g.compute_mode, Field::Value(mode));
    // nvidia-smi -q does not print it; Hopper is compute capability 9.0 (NVIDIA's CUDA
    // GPU list), which the fake derives from <product_architecture>.
    assert_eq!(x.at("product_architecture").unwrap().text(), "Hopper");
    c.expect("compute_capability", &g.compute_capability, Field::Value(ComputeCapability { major: 9, minor: 0 }));
    c.expect("state", &Field::Value(g.state), Field::Value(GpuState::Collected));
    c.expect("error", &Field::Value(g.error.clone()), Field::Value(None));
    c.expect("driver", &Field::Value(g.driver.clone()), Field::Value("nvidia".to_owned()));
    c.expect("driver_version", &g.driver_version, Field::Value(driver.to_owned()));
    c.text("vbios_version", &g.vbios_version, "vbios_version");
    c.text("serial", &g.serial, "serial");
    let id = u32::from_str_radix(x.at("pci/pci_device_id").unwrap().text(), 16).unwrap();
    c.expect("pci_device_id", &g.pci_device_id, Field::Value(format!("{:04x}:{:04x}", id & 0xffff, id >> 16)));
    c.flag("persistence_mode", g.persistence_mode, "persistence_mode");
    let reasons = x.at("clocks_event_reasons").unwrap();
    let r = |n: &str| Field::Value(reasons.at(&format!("clocks_event_reason_{n}")).unwrap().text() == "Active");
    c.expect(
        "clock_event_reasons",
        &g.clock_event_reasons,
        Field::Value(ClockEventReasons {
            gpu_idle: r("gpu_idle"),
            applications_clocks_setting: r("applications_clocks_setting"),
            sw_power_cap: r("sw_power_cap"),
            hw_slowdown: r("hw_slowdown"),
            sync_boost: r("sync_boost"),
            sw_thermal_slowdown: r("sw_thermal_slowdown"),
            hw_thermal_slowdown: r("hw_thermal_slowdown"),
            hw_power_brake_slowdown: r("hw_power_brake_slowdown"),
            display_clocks_setting: r("display_clocks_setting"),
            other: Field::Missing(Reason::NotSupported),
        }),
    );
    c.num("temperature_margin", g.temperature_margin, "temperature/gpu_temp_tlimit", 1.0);
    c.num("power_draw_instant", g.power_draw_instant, "gpu_power_readings/instant_power_draw", 1.0);
    c.num("power_enforced_limit", g.power_enforced_limit, "gpu_power_readings/current_power_limit", 1.0);
    if opts.nvml_energy {
        c.u64("energy_total", g.energy_total, "total_energy_consumption", 1.0);
    } else {
        c.expect("energy_total", &g.energy_total, Field::Missing(Reason::Disabled));
        c.expect("power_from_energy", &g.power_from_energy, Field::Missing(Reason::Disabled));
    }
    let rp = meaning(x.at("retired_pages/multiple_single_bit_retirement/retired_count"));
    c.expect("retired_pages_single_bit", &g.retired_pages_single_bit, rp.map(|x| x.num() as u64).into());
    let rp = meaning(x.at("retired_pages/double_bit_retirement/retired_count"));
    c.expect("retired_pages_double_bit", &g.retired_pages_double_bit, rp.map(|x| x.num() as u64).into());
    c.flag("retired_pages_pending", g.retired_pages_pending, "retired_pages/pending_retirement");
    c.u64("remapped_rows_correctable", g.remapped_rows_correctable, "remapped_rows/remapped_row_corr", 1.0);
    c.u64("remapped_rows_uncorrectable", g.remapped_rows_uncorrectable, "remapped_rows/remapped_row_unc", 1.0);
    c.flag("remapped_rows_pending", g.remapped_rows_pending, "remapped_rows/remapped_row_pending");
    c.flag("remapped_rows_failure", g.remapped_rows_failure, "remapped_rows/remapped_row_failure");
    match x.child("nvlinks") {
        None => c.expect("nvlinks", &g.nvlinks, Field::Missing(Reason::NotSupported)),
        Some(links) => {
            c.mark("nvlinks");
            let got = g.nvlinks.value().expect("nvlinks");
            let want = links.children("nvlink");
            assert_eq!(got.len(), want.len());
            for (l, w) in got.iter().zip(want) {
                assert_eq!(l.link, w.at("link").unwrap().num() as u32);
                assert_eq!(l.active, Field::Value(w.at("state").unwrap().text() == "Active"));
                assert_eq!(l.version, Field::Value(w.at("version").unwrap().num() as u32));
                assert_eq!(l.remote_pci_bus_id, Field::Value(nvml_bus_id(w.at("remote_pci_bus_id").unwrap().text())));
                assert_eq!(l.errors_replay, Field::Value(w.at("replay").unwrap().num() as u64));
                assert_eq!(l.errors_recovery, Field::Value(w.at("recovery").unwrap().num() as u64));
                assert_eq!(l.errors_crc_flit, Field::Value(w.at("crc_flit").unwrap().num() as u64));
                assert_eq!(l.errors_crc_data, Field::Value(w.at("crc_data").unwrap().num() as u64));
            }
        }
    }
    c.flag("mig_mode_current", g.mig_mode_current, "mig_mode/current_mig");
    c.flag("mig_mode_pending", g.mig_mode_pending, "mig_mode/pending_mig");
    check_mig(&mut c, g, x);
    check_processes(&mut c, g, x, opts);
    // Fields NVML does not have (AMD, Intel) stay `not_supported`.
    for (name, f) in [
        ("performance_level", g.performance_level.as_ref().map(|_| ())),
        ("temperature_hotspot", g.temperature_hotspot.map(|_| ())),
        ("clock_min_graphics", g.clock_min_graphics.map(|_| ())),
        ("gt_clocks", g.gt_clocks.as_ref().map(|_| ())),
        ("memory_visible_total", g.memory_visible_total.map(|_| ())),
        ("memory_visible_used", g.memory_visible_used.map(|_| ())),
        ("memory_gtt_total", g.memory_gtt_total.map(|_| ())),
        ("memory_gtt_used", g.memory_gtt_used.map(|_| ())),
    ] {
        c.expect(name, &f, Field::Missing(Reason::NotSupported));
    }
    let from = if opts.drm_clients { Field::Value(DrmClientsFrom::GpuWalk) } else { Field::Missing(Reason::Disabled) };
    c.expect("drm_clients_from", &g.drm_clients_from, from);
    let unchecked: &[&str] = if opts.nvml_energy { &["power_from_energy"] } else { &[] };
    c.done(unchecked);
}

fn check_mig(c: &mut Check<'_>, g: &GpuMetrics, x: X<'_>) {
    c.mark("mig_devices");
    let want = x.child("mig_devices").map(|m| m.children("mig_device")).unwrap_or_default();
    let got = g.mig_devices.value().expect("mig_devices");
    assert_eq!(got.len(), want.len());
    for (m, w) in got.iter().zip(want) {
        assert_eq!(m.index, w.at("index").unwrap().num() as u32);
        assert_eq!(m.uuid, Field::Value(w.at("uuid").unwrap().text().to_owned()));
        assert_eq!(m.gpu_instance_id, Field::Value(w.at("gpu_instance_id").unwrap().num() as u32));
        assert_eq!(m.compute_instance_id, Field::Value(w.at("compute_instance_id").unwrap().num() as u32));
        let mib = |k: &str| Field::Value(w.at(&format!("fb_memory_usage/{k}")).unwrap().num() as u64 * 1048576);
        assert_eq!((m.memory_total, m.memory_used, m.memory_free), (mib("total"), mib("used"), mib("free")));
        let procs = m.processes.value().unwrap();
        let gi = m.gpu_instance_id.get();
        let expected: Vec<_> = x
            .at("processes")
            .unwrap()
            .children("process_info")
            .into_iter()
            .filter(|p| Some(p.at("gpu_instance_id").unwrap().num() as u32) == gi)
            .collect();
        assert_eq!(procs.len(), expected.len());
        for (p, e) in procs.iter().zip(expected) {
            assert_eq!(p.pid, e.at("pid").unwrap().num() as i32);
            assert_eq!(p.gpu_instance_id, gi);
            assert_eq!(p.utilization_sm, Field::Missing(Reason::NotSupported), "no per-process utilisation on MIG");
        }
    }
}

/// The pids the tests' process tree names (`/proc/<pid>/comm`): the fake's process names.
fn names_tree(x: &str) -> tempdir::Dir {
    let dir = tempdir::Dir::new("names");
    for gpu in X(x).children("gpu") {
        if let Some(list) = gpu.child("processes") {
            for p in list.children("process_info") {
                let name = p.at("process_name").unwrap().text();
                if name.starts_with('[') {
                    continue; // a pid of another namespace: not in this tree
                }
                let pid = p.at("pid").unwrap().text();
                std::fs::create_dir_all(dir.0.join(format!("proc/{pid}"))).unwrap();
                std::fs::write(dir.0.join(format!("proc/{pid}/comm")), format!("{name}\n")).unwrap();
            }
        }
    }
    dir
}

fn check_processes(c: &mut Check<'_>, g: &GpuMetrics, x: X<'_>, opts: &GpuOptions) {
    c.mark("processes");
    let list = x.child("processes").unwrap();
    if list.text() == "Insufficient Permissions" {
        assert_eq!(g.processes, Field::Missing(Reason::PermissionDenied));
        return;
    }
    let mut want = list.children("process_info");
    want.sort_by_key(|p| p.at("pid").unwrap().num() as i32);
    let got: &Vec<GpuProcess> = g.processes.value().expect("processes");
    assert_eq!(got.len(), want.len(), "process count");
    for (p, w) in got.iter().zip(want) {
        assert_eq!(p.pid, w.at("pid").unwrap().num() as i32);
        let name = w.at("process_name").unwrap().text();
        if name.starts_with('[') {
            assert_eq!(p.process_name, Field::Missing(Reason::NotPresent), "pid {} is not in this tree", p.pid);
        } else {
            assert_eq!(p.process_name.value().map(|n| n.to_string()), Some(name.to_owned()));
        }
        assert_eq!(p.used_memory, meaning(w.at("used_memory")).map(|m| m.num() as u64 * 1048576).into());
        let id = |k: &str| meaning(w.at(k)).ok().map(|v| v.num() as u32);
        assert_eq!((p.gpu_instance_id, p.compute_instance_id), (id("gpu_instance_id"), id("compute_instance_id")));
        let kind = match w.at("type").unwrap().text() {
            "C" => GpuProcessType::Compute,
            "G" => GpuProcessType::Graphics,
            "C+G" => GpuProcessType::ComputeAndGraphics,
            other => panic!("type {other}"),
        };
        assert_eq!(p.process_type, kind);
        let mig = x.at("mig_mode/current_mig").unwrap().text() == "Enabled";
        let util = |k: &str| match w.at(k) {
            _ if !opts.process_utilization => Field::Missing(Reason::Disabled),
            _ if mig => Field::Missing(Reason::NotSupported),
            Some(v) => Field::Value(v.num()),
            None => Field::Missing(Reason::NotPresent),
        };
        assert_eq!(
            (p.utilization_sm, p.utilization_memory, p.utilization_encoder, p.utilization_decoder),
            (util("sm_util"), util("mem_util"), util("enc_util"), util("dec_util")),
            "pid {}",
            p.pid
        );
        assert_eq!((p.drm_client_id, p.shared_with.len(), p.engines.len(), p.memory_regions.len()), (None, 0, 0, 0));
    }
}

/// A temporary directory removed when dropped.
mod tempdir {
    pub struct Dir(pub std::path::PathBuf);

    impl Dir {
        pub fn new(what: &str) -> Dir {
            static N: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);
            let n = N.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
            let p = std::env::temp_dir().join(format!("libprobe-gpu-{what}-{}-{n}", std::process::id()));
            let _ = std::fs::remove_dir_all(&p);
            std::fs::create_dir_all(&p).unwrap();
            Dir(p)
        }
    }

    impl Drop for Dir {
        fn drop(&mut self) {
            let _ = std::fs::remove_dir_all(&self.0);
        }
    }
}

fn probe(lib: &Path, root: &Path, gpu: GpuOptions) -> Probe {
    let mut options = Options {
        source: Source::rooted_at(root),
        domains: Domains::NONE.with(DomainName::Gpu),
        gpu,
        ..Options::default()
    };
    // The option as every face sets it.
    options.set("gpu.nvml_library", lib.to_str().unwrap()).unwrap();
    Probe::new(options)
}

fn gpus(s: &Snapshot) -> &[GpuMetrics] {
    s.gpus.value().unwrap_or_else(|| panic!("gpu domain: {:?}", s.status(DomainName::Gpu)))
}

fn warnings(s: &Snapshot) -> Vec<String> {
    s.status(DomainName::Gpu).unwrap().warnings.clone()
}

/// One snapshot of a variant.
fn snapshot(build: Build, name: &str, opts: &GpuOptions) -> (Snapshot, String) {
    let path = xml(name);
    let text = std::fs::read_to_string(&path).unwrap();
    let tree = names_tree(&text);
    let lib = library(build, &path);
    let s = probe(&lib, &tree.0, opts.clone()).snapshot();
    (s, text)
}

/// One snapshot of a variant with `opts`, every GPU checked against its XML.
fn run(build: Build, name: &str, opts: GpuOptions) -> (Snapshot, String) {
    let (s, text) = snapshot(build, name, &opts);
    let doc = X(&text);
    let driver = doc.at("driver_version").unwrap().text().to_owned();
    for (i, (g, x)) in gpus(&s).iter().zip(doc.children("gpu")).enumerate() {
        if g.state == GpuState::Collected {
            check_gpu(g, x, &driver, i as u32, &opts);
        }
    }
    (s, text)
}

#[test]
fn h100_every_field_is_the_xml() {
    let (s, _) = run(Build::Current, "h100.xml", GpuOptions::default());
    assert_eq!(gpus(&s).len(), 1);
    assert!(warnings(&s).is_empty(), "{:?}", warnings(&s));
    let g = &gpus(&s)[0];
    // The values of this capture, spelled out once.
    assert_eq!(g.name.value().map(String::as_str), Some("NVIDIA H100 80GB HBM3"));
    assert_eq!(g.pci_bus_id.value().map(String::as_str), Some("0000:00:06.0"));
    assert_eq!(
        (g.memory_total, g.power_draw, g.power_limit),
        (Field::Value(81559 << 20), Field::Value(89.8), Field::Value(700.0))
    );
    assert_eq!(
        (g.temperature_gpu, g.temperature_memory, g.temperature_margin),
        (Field::Value(44.0), Field::Value(47.0), Field::Value(43.0))
    );
    assert_eq!(
        (g.fan_speed, g.temperature_slowdown),
        (Field::Missing(Reason::NotSupported), Field::Missing(Reason::NotSupported))
    );
}

#[test]
fn h100_with_every_option() {
    let (s, _) = run(Build::Current, "h100.xml", GpuOptions::everything());
    let g = &gpus(&s)[0];
    assert_eq!((g.pcie_tx_throughput, g.pcie_rx_throughput), (Field::Value(972), Field::Value(570)));
    // The capture has no energy counter: `not_supported`, and so no power from it.
    assert_eq!(g.energy_total, Field::Missing(Reason::NotSupported));
    assert_eq!(g.power_from_energy, Field::Missing(Reason::NotSupported));
    // `drm_clients` walked this tree's processes (run() checked `drm_clients_from`):
    // none holds a DRM device.
    assert_eq!(g.processes.value().map(Vec::len), Some(0));
}

#[test]
fn two_gpus_processes_nvlinks_energy_and_refusals() {
    let opts = GpuOptions { nvml_energy: true, ..GpuOptions::default() };
    let path = xml("h100-x2.xml");
    let text = std::fs::read_to_string(&path).unwrap();
    let tree = names_tree(&text);
    let lib = library(Build::Current, &path);
    // The fixture clock (`syscalls.txt`) moves one second between the snapshots.
    let clock = tree.0.join("syscalls.txt");
    std::fs::write(&clock, "monotonic_ns 1000000000\n").unwrap();
    let mut p = probe(&lib, &tree.0, opts.clone());
    let first = p.snapshot();
    std::fs::write(&clock, "monotonic_ns 2000000000\n").unwrap();
    let second = p.snapshot();
    let doc = X(&text);
    for s in [&first, &second] {
        assert_eq!(gpus(s).len(), 2);
        for (i, (g, x)) in gpus(s).iter().zip(doc.children("gpu")).enumerate() {
            check_gpu(g, x, "580.159.04", i as u32, &opts);
        }
        assert!(warnings(s).is_empty(), "{:?}", warnings(s));
    }
    let (a, b) = (&gpus(&second)[0], &gpus(&second)[1]);
    assert_eq!(a.processes.value().unwrap().len(), 3);
    assert_eq!(b.serial, Field::Missing(Reason::PermissionDenied));
    assert_eq!(b.processes, Field::Missing(Reason::PermissionDenied));
    assert_eq!((b.ecc_errors_corrected, b.power_state), (Field::Value(3), Field::Value(8)));
    assert_eq!(b.clock_event_reasons.value().unwrap().sw_power_cap, Field::Value(true));
    assert_eq!(a.nvlinks.value().unwrap()[1].remote_pci_bus_id.value().map(String::as_str), Some("0000:00:07.0"));
    // Power from the energy counter: none on the first snapshot, then from the delta (the
    // fake's counter does not move: 0 W).
    assert_eq!(gpus(&first)[0].power_from_energy, Field::Missing(Reason::NoPreviousSample));
    assert_eq!(a.power_from_energy, Field::Value(0.0));
    assert_eq!(a.energy_total, Field::Value(123456789));
}

#[test]
fn mig_instances_with_their_memory_and_processes() {
    let (s, _) = run(Build::Current, "h100-mig.xml", GpuOptions::default());
    let g = &gpus(&s)[0];
    assert_eq!(g.mig_mode_current, Field::Value(true));
    let migs = g.mig_devices.value().unwrap();
    assert_eq!(migs.len(), 2);
    assert_eq!(migs[1].gpu_instance_id, Field::Value(9));
    assert_eq!(migs[1].processes.value().unwrap()[0].pid, 5002);
    assert_eq!(g.utilization_gpu, Field::Missing(Reason::NotSupported));
    // The parent lists every instance's processes, with their instance ids.
    let procs = g.processes.value().unwrap();
    assert_eq!(
        procs.iter().map(|p| (p.pid, p.gpu_instance_id)).collect::<Vec<_>>(),
        [(5001, Some(1)), (5002, Some(9))]
    );
    assert!(warnings(&s).is_empty(), "{:?}", warnings(&s));
}

#[test]
fn a_lost_gpu_fails_alone() {
    let (s, _) = run(Build::Current, "h100-lost.xml", GpuOptions::default());
    let g = gpus(&s);
    assert_eq!(g.len(), 3);
    assert_eq!(s.status(DomainName::Gpu).unwrap().state, DomainState::Collected);
    assert_eq!(g[0].state, GpuState::Collected);
    // Lost while answering: identity from NVML's cache, the rest `error`.
    assert_eq!(g[1].state, GpuState::Failed);
    assert!(g[1].error.as_deref().unwrap().contains("GPU is lost"), "{:?}", g[1].error);
    assert_eq!(g[1].uuid.value().map(String::as_str), Some("GPU-00000000-0000-4000-8000-000000000002"));
    assert_eq!(
        (g[1].temperature_gpu, g[1].processes.clone()),
        (Field::Missing(Reason::Error), Field::Missing(Reason::Error))
    );
    // Lost before a handle: nothing but its index.
    assert_eq!(
        (g[2].state, g[2].index, g[2].uuid.clone()),
        (GpuState::Failed, 2, Field::Missing(Reason::NotSupported))
    );
    assert!(g[2].error.as_deref().unwrap().contains("lost"), "{:?}", g[2].error);
    assert_eq!(warnings(&s).len(), 2, "{:?}", warnings(&s));
}

#[test]
fn a_missing_symbol_is_not_supported_and_processes_fall_back_to_v2() {
    let (s, _) = snapshot(Build::OldDriver, "h100-x2.xml", &GpuOptions::default());
    let g = &gpus(&s)[0];
    assert!(warnings(&s).is_empty(), "{:?}", warnings(&s));
    assert_eq!(g.temperature_margin, Field::Missing(Reason::NotSupported));
    assert_eq!(g.processes.value().unwrap().len(), 3, "read through _v2");
}

#[test]
#[should_panic(expected = "temperature_margin")]
fn the_comparison_notices_a_wrong_field() {
    // The same check on the old driver, where the margin is missing: the comparison must
    // fail on it (the check is not vacuous).
    let (_s, _) = run(Build::OldDriver, "h100.xml", GpuOptions::default());
}

#[test]
fn the_r535_v3_struct_is_read_with_its_stride() {
    let (s, _) = run(Build::R535, "h100-x2.xml", GpuOptions::default());
    let procs = gpus(&s)[0].processes.value().unwrap();
    assert_eq!(procs.iter().map(|p| p.pid).collect::<Vec<_>>(), [4242, 4301, 99999]);
    let w = warnings(&s);
    assert!(w.len() == 1 && w[0].contains("32-byte"), "{w:?}");
}

#[test]
fn nvml_is_opened_once_per_probe_and_shut_down_with_it() {
    let path = xml("h100.xml");
    let lib = library(Build::Current, &path);
    let log = lib.with_file_name("nvml.log");
    std::fs::write(&log, "").unwrap();
    let tree = tempdir::Dir::new("once");
    let mut p = probe(&lib, &tree.0, GpuOptions::default());
    for _ in 0..3 {
        assert_eq!(gpus(&p.snapshot()).len(), 1);
    }
    assert_eq!(std::fs::read_to_string(&log).unwrap(), "init\n");
    let mapped = || std::fs::read_to_string("/proc/self/maps").unwrap().contains(lib.to_str().unwrap());
    assert!(mapped());
    drop(p);
    assert_eq!(std::fs::read_to_string(&log).unwrap(), "init\nshutdown\n");
    assert!(!mapped(), "the library is closed with the probe");
}

#[test]
fn no_library_no_driver_no_gpu() {
    let tree = tempdir::Dir::new("none");
    // Named but absent: not present, and a warning naming it.
    let mut p = probe(Path::new("/nonexistent/libnvidia-ml.so.1"), &tree.0, GpuOptions::default());
    let s = p.snapshot();
    let st = s.status(DomainName::Gpu).unwrap();
    assert_eq!((st.state, st.reason), (DomainState::Skipped, Some(Reason::NotPresent)));
    assert!(st.warnings.len() == 1 && st.warnings[0].contains("/nonexistent/libnvidia-ml.so.1"), "{:?}", st.warnings);
    // A library without a driver behind it (the fake without its XML): not present, quietly.
    let lib = library(Build::Current, &xml("h100.xml"));
    std::fs::remove_file(lib.with_file_name("nvml.xml")).unwrap();
    let s = probe(&lib, &tree.0, GpuOptions::default()).snapshot();
    let st = s.status(DomainName::Gpu).unwrap();
    assert_eq!((st.state, st.reason, st.warnings.len()), (DomainState::Skipped, Some(Reason::NotPresent), 0));
    // A fixture tree without the option never loads the machine's NVML.
    let s = Probe::new(Options {
        source: Source::rooted_at(&tree.0),
        domains: Domains::NONE.with(DomainName::Gpu),
        ..Options::default()
    })
    .snapshot();
    let st = s.status(DomainName::Gpu).unwrap();
    assert_eq!((st.state, st.reason, st.warnings.len()), (DomainState::Skipped, Some(Reason::NotPresent), 0));
    // NVML off by option.
    let s = probe(&lib, &tree.0, GpuOptions { nvml: false, ..GpuOptions::default() }).snapshot();
    assert_eq!(s.status(DomainName::Gpu).unwrap().reason, Some(Reason::NotPresent));
}

#[test]
fn a_library_that_is_not_nvml_is_refused_before_init() {
    let tree = tempdir::Dir::new("notnvml");
    // libc has neither nvmlInit_v2 nor nvmlShutdown.
    let libc = ["/lib/x86_64-linux-gnu/libc.so.6", "/lib/aarch64-linux-gnu/libc.so.6", "/usr/lib/libc.so.6"]
        .into_iter()
        .map(PathBuf::from)
        .find(|p| p.exists());
    let Some(libc) = libc else { return };
    let s = probe(&libc, &tree.0, GpuOptions::default()).snapshot();
    let st = s.status(DomainName::Gpu).unwrap();
    assert_eq!((st.state, st.reason), (DomainState::Skipped, Some(Reason::NotSupported)), "{:?}", st.warnings);
    assert!(st.warnings[0].contains("not an NVML library"), "{:?}", st.warnings);
}
