//! DRM clients: the processes holding a GPU's DRM device open, from
//! `/proc/<pid>/fdinfo/<fd>` (Documentation/gpu/drm-usage-stats.rst).
//!
//! The descriptors come from the process domain's walk when it read every process's
//! open files earlier in this snapshot (`process.fds`): only the `fdinfo` of those
//! pointing into `/dev/dri/` is read again. Otherwise, with option `gpu.drm_clients`, this
//! domain walks `/proc/*/fd` itself. A client (`drm-client-id`, unique per device) held
//! through several descriptors or processes is counted once, under its lowest pid, and
//! matched to its GPU by `drm-pdev`. Engine busy % comes from the client's counters in
//! the probe's previous snapshot.

use std::collections::HashMap;
use std::ffi::CString;

use super::names::Names;
use crate::domain::Cx;
use crate::gpu::{DrmClientsFrom, GpuEngineUse, GpuMemoryRegion, GpuMetrics, GpuOptions, GpuProcess, GpuProcessType};
use crate::model::{Field, Reason};
use crate::sys::imp::procfs::pid_fdinfo::{self, DrmFdInfo};

/// The previous snapshot's client counters: (pdev, client id) → (time, engines).
#[derive(Debug, Default)]
pub(crate) struct History {
    prev: HashMap<(String, u64), (u64, Vec<pid_fdinfo::DrmEngine>)>,
}

/// The most descriptors examined per snapshot (a bound on work and memory).
const MAX_DESCRIPTORS: usize = 1 << 16;

pub(crate) fn attach(
    cx: &mut Cx<'_>,
    opts: &GpuOptions,
    hist: &mut History,
    gpus: &mut [GpuMetrics],
    names: &mut Names<'_>,
) {
    let (from, fds) = match descriptors(cx, opts) {
        Some(d) => d,
        None => {
            for g in gpus.iter_mut() {
                g.drm_clients_from = Field::Missing(Reason::Disabled);
            }
            return;
        }
    };
    // One record per client: (pdev, id), or the descriptor itself for a driver that
    // gives no client id.
    let mut clients: Vec<((String, u64), DrmFdInfo, Vec<i32>)> = Vec::new();
    let mut by_key: HashMap<(String, u64), usize> = HashMap::new();
    for (pid, fd) in fds {
        let rel = format!("{pid}/fdinfo/{fd}");
        let text = match cx.src().read_proc(&rel) {
            Ok(t) => t,
            // Closed or exited meanwhile, or another user's process.
            Err(e)
                if matches!(
                    e.kind(),
                    crate::ErrorKind::NotFound | crate::ErrorKind::Gone | crate::ErrorKind::PermissionDenied
                ) =>
            {
                continue;
            }
            Err(e) => {
                cx.warn(e);
                continue;
            }
        };
        let info = match pid_fdinfo::parse_drm(&text) {
            Ok(Some(i)) => i,
            Ok(None) => continue,
            Err(e) => {
                cx.warn(e.in_file(cx.src().proc_path(&rel)));
                continue;
            }
        };
        let Some(pdev) = info.pdev.clone() else { continue };
        // Without a client id the descriptor is its own client: a key no id can take.
        let key = (pdev, info.client_id.unwrap_or(u64::MAX - ((pid as u64) << 20 | fd as u64)));
        match by_key.get(&key) {
            Some(&i) => {
                if !clients[i].2.contains(&pid) {
                    clients[i].2.push(pid);
                }
            }
            None => {
                by_key.insert(key.clone(), clients.len());
                clients.push((key, info, vec![pid]));
            }
        }
    }
    let now = cx.now().monotonic_ns;
    let mut next = HashMap::with_capacity(clients.len());
    for (key, info, mut pids) in clients {
        pids.sort_unstable();
        let prev = hist.prev.get(&key);
        let engines = info.engines.iter().map(|e| engine_use(e, prev, now)).collect();
        let memory_regions: Vec<GpuMemoryRegion> = info
            .regions
            .iter()
            .map(|r| {
                let f = |v: Option<u64>| v.map_or(Field::Missing(Reason::NotSupported), Field::Value);
                GpuMemoryRegion {
                    region: r.name.clone(),
                    total: f(r.total),
                    shared: f(r.shared),
                    resident: f(r.resident.or(r.memory)),
                    purgeable: f(r.purgeable),
                    active: f(r.active),
                }
            })
            .collect();
        let resident: Vec<u64> = info
            .regions
            .iter()
            .filter(|r| !(info.driver == "amdgpu" && (r.name == "gtt" || r.name == "cpu")))
            .filter_map(|r| r.resident.or(r.memory))
            .collect();
        // A client whose driver gives no memory figure has no used memory to report.
        let used = if resident.is_empty() { None } else { resident.iter().try_fold(0u64, |a, b| a.checked_add(*b)) };
        let pid = pids[0];
        let process = GpuProcess {
            pid,
            process_name: names.get(pid),
            used_memory: used.map_or(Field::Missing(Reason::NotSupported), Field::Value),
            compute_instance_id: None,
            gpu_instance_id: None,
            process_type: GpuProcessType::DrmClient,
            utilization_sm: Field::Missing(Reason::NotSupported),
            utilization_memory: Field::Missing(Reason::NotSupported),
            utilization_encoder: Field::Missing(Reason::NotSupported),
            utilization_decoder: Field::Missing(Reason::NotSupported),
            drm_client_id: info.client_id,
            shared_with: pids[1..].to_vec(),
            engines,
            memory_regions,
        };
        if let Some(g) = gpus.iter_mut().find(|g| g.pci_bus_id.value() == Some(&key.0))
            && let Field::Value(list) = &mut g.processes
        {
            list.push(process);
        }
        next.insert(key, (now, info.engines));
    }
    hist.prev = next;
    for g in gpus.iter_mut() {
        g.drm_clients_from = Field::Value(from);
    }
}

/// Busy share of an engine since the client's previous reading.
fn engine_use(e: &pid_fdinfo::DrmEngine, prev: Option<&(u64, Vec<pid_fdinfo::DrmEngine>)>, now: u64) -> GpuEngineUse {
    let capacity = e.capacity.unwrap_or(1).max(1);
    let f = |v: Option<u64>| v.map_or(Field::Missing(Reason::NotSupported), Field::Value);
    let before = prev.and_then(|(t, engines)| engines.iter().find(|p| p.name == e.name).map(|p| (*t, p)));
    let busy_percent = match before {
        None => Field::Missing(Reason::NoPreviousSample),
        Some((t, p)) => match (e.busy_ns, p.busy_ns, e.cycles, p.cycles, e.total_cycles, p.total_cycles) {
            (Some(b), Some(pb), ..) if now > t && b >= pb => {
                Field::Value((b - pb) as f64 * 100.0 / ((now - t) as f64 * f64::from(capacity)))
            }
            (_, _, Some(c), Some(pc), Some(tc), Some(ptc)) if c >= pc && tc >= ptc => {
                if tc == ptc {
                    // The engine's clock did not advance: it was idle (or the GPU asleep).
                    Field::Value(0.0)
                } else {
                    Field::Value((c - pc) as f64 * 100.0 / ((tc - ptc) as f64 * f64::from(capacity)))
                }
            }
            // A counter that went back: a new client under a reused id.
            _ => Field::Missing(Reason::NoPreviousSample),
        },
    };
    GpuEngineUse {
        engine: e.name.clone(),
        busy_ns: f(e.busy_ns),
        cycles: f(e.cycles),
        total_cycles: f(e.total_cycles),
        capacity,
        busy_percent,
    }
}

/// The DRM descriptors to read, as (pid, fd), and where they came from; `None` when
/// neither the process domain walked the descriptors nor the option asks for a walk.
fn descriptors(cx: &mut Cx<'_>, opts: &GpuOptions) -> Option<(DrmClientsFrom, Vec<(i32, i32)>)> {
    let earlier = cx.earlier();
    if cx.options().process.fds
        && let Field::Value(procs) = &earlier.processes
    {
        let mut out = Vec::new();
        for p in procs {
            if let Field::Value(files) = &p.open_files {
                out.extend(files.iter().filter(|f| f.path.as_bytes().starts_with(b"/dev/dri/")).map(|f| (p.pid, f.fd)));
            }
        }
        out.truncate(MAX_DESCRIPTORS);
        return Some((DrmClientsFrom::ProcessFds, out));
    }
    if !opts.drm_clients {
        return None;
    }
    Some((DrmClientsFrom::GpuWalk, walk(cx)))
}

/// Every `/proc/<pid>/fd/<n>` pointing into `/dev/dri/`.
fn walk(cx: &mut Cx<'_>) -> Vec<(i32, i32)> {
    let src = cx.src();
    let pids = match src.pids() {
        Ok(p) => p,
        Err(e) => {
            cx.warn(e);
            return Vec::new();
        }
    };
    let root = match src.open_procfs() {
        Ok(r) => r,
        Err(e) => {
            cx.warn(e);
            return Vec::new();
        }
    };
    let mut out = Vec::new();
    let mut link = Vec::new();
    for pid in pids {
        let Ok(dir) = root.open_pid(pid) else { continue };
        let mut fds = Vec::new();
        // Another user's descriptors are refused: that process is left out.
        if dir
            .for_each_entry(c"fd", |name| {
                if let Some(fd) = crate::parse::u64_dec(name).and_then(|n| i32::try_from(n).ok()) {
                    fds.push(fd);
                }
            })
            .is_err()
        {
            continue;
        }
        for fd in fds {
            let Ok(name) = CString::new(format!("fd/{fd}")) else { continue };
            if dir.readlink(&name, &mut link).is_ok() && link.starts_with(b"/dev/dri/") {
                out.push((pid, fd));
                if out.len() >= MAX_DESCRIPTORS {
                    return out;
                }
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sys::imp::procfs::pid_fdinfo::DrmEngine;

    #[test]
    fn busy_share_from_time_and_from_cycles() {
        let e = |busy, cycles, total, capacity| DrmEngine {
            name: "x".into(),
            busy_ns: busy,
            capacity,
            cycles,
            total_cycles: total,
        };
        let prev = (1_000_000_000u64, vec![e(Some(100_000_000), None, None, None)]);
        // 250 ms busy in 1 s.
        let u = engine_use(&e(Some(350_000_000), None, None, None), Some(&prev), 2_000_000_000);
        assert_eq!(u.busy_percent, Field::Value(25.0));
        // Two engines of the class: half of that.
        let u = engine_use(&e(Some(350_000_000), None, None, Some(2)), Some(&prev), 2_000_000_000);
        assert_eq!(u.busy_percent, Field::Value(12.5));
        let prev = (0, vec![e(None, Some(1000), Some(10_000), None)]);
        let u = engine_use(&e(None, Some(1500), Some(12_000), None), Some(&prev), 1);
        assert_eq!(u.busy_percent, Field::Value(25.0));
        let u = engine_use(&e(None, Some(1000), Some(10_000), None), Some(&prev), 1);
        assert_eq!(u.busy_percent, Field::Value(0.0), "clock stopped: idle");
        let u = engine_use(&e(None, Some(10), Some(20), None), Some(&prev), 1);
        assert_eq!(u.busy_percent, Field::Missing(Reason::NoPreviousSample), "counters went back");
        assert_eq!(
            engine_use(&e(Some(1), None, None, None), None, 5).busy_percent,
            Field::Missing(Reason::NoPreviousSample)
        );
    }
}
