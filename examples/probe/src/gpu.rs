//! `probe gpu`: every GPU in a table like `nvidia-smi`'s, then the processes using them,
//! like nvtop's list.

use std::fmt::Write;

use libprobe::gpu::{GpuMetrics, GpuProcessType, GpuState, GpuVendor};
use libprobe::text::escape;
use libprobe::{Field, Reason};

use crate::render::truncate;

fn dash<T>(f: &Field<T>, show: impl Fn(&T) -> String) -> String {
    match f {
        Field::Value(v) => show(v),
        Field::Missing(Reason::NoPreviousSample) => "…".into(),
        Field::Missing(_) => "—".into(),
    }
}

fn mib(b: &u64) -> String {
    format!("{}MiB", b >> 20)
}

/// The table and the process list.
pub fn table(gpus: &[GpuMetrics]) -> String {
    let mut out = String::new();
    let line = "-".repeat(132);
    let _ = writeln!(out, "{line}");
    let _ = writeln!(
        out,
        "{:>3}  {:<28} {:<13} {:<7} {:>5} {:>4} {:>16} {:>22} {:>5} {:>5} {:>10}",
        "GPU",
        "NAME",
        "BUS-ID",
        "DRIVER",
        "TEMP",
        "PERF",
        "POWER (DRAW/CAP)",
        "MEMORY (USED/TOTAL)",
        "UTIL",
        "FAN",
        "CLOCK"
    );
    let _ = writeln!(out, "{line}");
    for g in gpus {
        let vendor = match g.vendor {
            GpuVendor::Nvidia => "NVIDIA",
            GpuVendor::Amd => "AMD",
            GpuVendor::Intel => "Intel",
            GpuVendor::Unknown => "GPU",
        };
        // Without a product name (sysfs has none for most boards): the PCI id.
        let name = match (&g.name, &g.pci_device_id) {
            (Field::Value(n), _) => n.clone(),
            (_, Field::Value(id)) => format!("{vendor} [{id}]"),
            _ => vendor.to_owned(),
        };
        if g.state == GpuState::Failed {
            let why = g.error.as_deref().unwrap_or("failed");
            let _ = writeln!(
                out,
                "{:>3}  {:<28} {:<13} {:<7} {why}",
                g.index,
                truncate(&name, 28),
                dash(&g.pci_bus_id, Clone::clone),
                g.driver
            );
            continue;
        }
        let power = format!(
            "{} / {}",
            dash(&g.power_draw, |w| format!("{w:.0}W")),
            dash(&g.power_limit, |w| format!("{w:.0}W"))
        );
        let memory = format!("{} / {}", dash(&g.memory_used, mib), dash(&g.memory_total, mib));
        let _ = writeln!(
            out,
            "{:>3}  {:<28} {:<13} {:<7} {:>5} {:>4} {:>16} {:>22} {:>5} {:>5} {:>10}",
            g.index,
            truncate(&name, 28),
            dash(&g.pci_bus_id, Clone::clone),
            g.driver,
            dash(&g.temperature_gpu, |t| format!("{t:.0}C")),
            dash(&g.power_state, |p| format!("P{p}")),
            power,
            memory,
            dash(&g.utilization_gpu, |u| format!("{u:.0}%")),
            dash(&g.fan_speed, |f| format!("{f}%")),
            dash(&g.clock_graphics, |c| format!("{c} MHz")),
        );
        if let Field::Value(migs) = &g.mig_devices {
            for m in migs {
                let _ = writeln!(
                    out,
                    "     MIG {} (GI {} CI {})  {} / {}",
                    m.index,
                    dash(&m.gpu_instance_id, u32::to_string),
                    dash(&m.compute_instance_id, u32::to_string),
                    dash(&m.memory_used, mib),
                    dash(&m.memory_total, mib)
                );
            }
        }
    }
    let _ = writeln!(out, "{line}");
    let _ = writeln!(
        out,
        "{:>3} {:>7}  {:<8} {:<16} {:>10} {:>4} {:>4} {:>4} {:>4}  ENGINES",
        "GPU", "PID", "TYPE", "NAME", "MEMORY", "SM%", "MEM%", "ENC%", "DEC%"
    );
    let mut any = false;
    for g in gpus {
        let Field::Value(procs) = &g.processes else { continue };
        for p in procs {
            any = true;
            let kind = match p.process_type {
                GpuProcessType::Compute => "compute",
                GpuProcessType::Graphics => "graphics",
                GpuProcessType::ComputeAndGraphics => "C+G",
                GpuProcessType::DrmClient => "drm",
            };
            let name = dash(&p.process_name, |n| escape(n.as_bytes()));
            let pct = |f: &Field<f64>| match f {
                Field::Value(v) => format!("{v:.0}"),
                _ => "".into(),
            };
            let engines: Vec<String> = p
                .engines
                .iter()
                .filter_map(|e| e.busy_percent.get().map(|b| format!("{} {b:.0}%", e.engine)))
                .collect();
            let _ = writeln!(
                out,
                "{:>3} {:>7}  {:<8} {:<16} {:>10} {:>4} {:>4} {:>4} {:>4}  {}",
                g.index,
                p.pid,
                kind,
                truncate(&name, 16),
                dash(&p.used_memory, mib),
                pct(&p.utilization_sm),
                pct(&p.utilization_memory),
                pct(&p.utilization_encoder),
                pct(&p.utilization_decoder),
                engines.join(" ")
            );
        }
    }
    if !any {
        let _ = writeln!(out, "  (no process using a GPU is visible)");
    }
    out
}
