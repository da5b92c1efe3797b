//! The gpu collector: NVIDIA through NVML ([`nvml`]), AMD and Intel from their DRM
//! cards' sysfs ([`drm`]), and every vendor's DRM clients from `/proc/<pid>/fdinfo`
//! ([`clients`]). Rates (power from an energy counter, engine busy %) come from the
//! probe's previous snapshot, kept in [`State`].

mod clients;
mod drm;
mod names;
pub(crate) mod nvml;

use std::collections::HashMap;

use crate::domain::Cx;
use crate::gpu::{GpuMetrics, GpuOptions, GpuVendor};
use crate::model::{Domain, Field, Reason};

/// What the gpu domain keeps between snapshots: the open NVML, the previous energy
/// readings and the previous DRM client counters.
#[derive(Debug, Default)]
pub(crate) struct State {
    nvml: nvml::Nvidia,
    energy: HashMap<String, (EnergyCounter, u64)>,
    clients: clients::History,
}

/// A GPU as a backend read it: its record, and its energy counter (for the rate).
#[derive(Debug)]
pub(crate) struct Gpu {
    pub metrics: GpuMetrics,
    pub energy: Option<EnergyCounter>,
}

/// An energy counter reading: the raw value, the counter's width in bits (it wraps at
/// 2^bits), and the millijoules one unit is worth.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct EnergyCounter {
    pub raw: u64,
    pub bits: u32,
    pub mj_per_unit: f64,
}

pub(crate) fn collect(cx: &mut Cx<'_>, opts: &GpuOptions, state: &mut State) -> Domain<Vec<GpuMetrics>> {
    let earlier = cx.earlier().processes.value().map_or(&[][..], Vec::as_slice);
    let mut names = names::Names::new(cx.src(), earlier);
    let mut gpus: Vec<Gpu> = Vec::new();
    let nvidia = match nvml::collect(cx, opts, &mut state.nvml, &mut names) {
        nvml::Found::Gpus(g) => {
            gpus = g;
            None
        }
        nvml::Found::None(reason) => Some(reason),
    };
    let first = u32::try_from(gpus.len()).unwrap_or(u32::MAX);
    let cards = drm::collect(cx, opts, first);
    let cards_failed = match cards {
        Ok(c) => {
            gpus.extend(c);
            None
        }
        Err(e) => Some(e),
    };
    if gpus.is_empty() {
        for w in names.warnings.drain(..) {
            cx.warn(w);
        }
        // No GPU: why, as NVML said it (the DRM side has no card, or no /sys/class/drm).
        return match (nvidia, cards_failed) {
            (_, Some(e)) if e.kind() != crate::ErrorKind::NotFound => Domain::Failed(e),
            (Some(r @ (Reason::PermissionDenied | Reason::NotSupported)), _) => Domain::Skipped(r),
            (Some(Reason::Error | Reason::TimedOut), _) => Domain::Failed(crate::Error::new(
                crate::ErrorKind::Io,
                "NVML could not be initialised and no other GPU was found (see the warnings)",
            )),
            _ => Domain::Skipped(Reason::NotPresent),
        };
    }
    if let Some(e) = cards_failed.filter(|e| e.kind() != crate::ErrorKind::NotFound) {
        cx.warn(e);
    }
    rates(cx, &mut state.energy, &mut gpus);
    let mut gpus: Vec<GpuMetrics> = gpus.into_iter().map(|g| g.metrics).collect();
    clients::attach(cx, opts, &mut state.clients, &mut gpus, &mut names);
    for w in names.warnings.drain(..) {
        cx.warn(w);
    }
    Domain::Collected(gpus)
}

/// The key a GPU's previous readings are kept under.
fn key(g: &GpuMetrics) -> String {
    match (&g.pci_bus_id, &g.uuid) {
        (Field::Value(b), _) => b.clone(),
        (_, Field::Value(u)) => u.clone(),
        _ => format!("{:?}#{}", g.vendor, g.index),
    }
}

/// Average power from each GPU's energy counter since the previous snapshot (Intel: also
/// its power draw, which its drivers give no other way).
fn rates(cx: &Cx<'_>, prev: &mut HashMap<String, (EnergyCounter, u64)>, gpus: &mut [Gpu]) {
    let now = cx.now().monotonic_ns;
    let mut next = HashMap::with_capacity(gpus.len());
    for g in gpus.iter_mut() {
        let Some(e) = g.energy else { continue };
        let k = key(&g.metrics);
        let power = match prev.get(&k) {
            Some((p, t)) if now > *t && p.bits == e.bits => match power_between(p, &e, now - t) {
                Some(w) => Field::Value(w),
                // The counter went back: the driver was reloaded.
                None => Field::Missing(Reason::NoPreviousSample),
            },
            _ => Field::Missing(Reason::NoPreviousSample),
        };
        g.metrics.power_from_energy = power;
        if g.metrics.vendor == GpuVendor::Intel {
            g.metrics.power_draw = power;
        }
        next.insert(k, (e, now));
    }
    *prev = next;
}

/// Watts between two readings `dt_ns` apart; `None` when the counter went back (a counter
/// narrower than 64 bits is taken to have wrapped once).
pub(crate) fn power_between(prev: &EnergyCounter, cur: &EnergyCounter, dt_ns: u64) -> Option<f64> {
    let delta = if cur.raw >= prev.raw {
        cur.raw - prev.raw
    } else if cur.bits < 64 {
        (1u64 << cur.bits) - prev.raw + cur.raw
    } else {
        return None;
    };
    let mj = delta as f64 * cur.mj_per_unit;
    (dt_ns > 0).then(|| mj / (dt_ns as f64 / 1e6))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn power_from_energy_is_wrap_safe() {
        let c = |raw, bits| EnergyCounter { raw, bits, mj_per_unit: 1.0 };
        // 500 mJ in 1 s: 0.5 W.
        assert_eq!(power_between(&c(1000, 64), &c(1500, 64), 1_000_000_000), Some(0.5));
        // A 32-bit counter that wrapped.
        assert_eq!(power_between(&c(u32::MAX as u64 - 99, 32), &c(400, 32), 1_000_000_000), Some(0.5));
        // A 64-bit counter going back is a reset, not a huge rate.
        assert_eq!(power_between(&c(1500, 64), &c(1000, 64), 1_000_000_000), None);
        assert_eq!(power_between(&c(1, 64), &c(2, 64), 0), None);
    }

    #[test]
    fn state_is_send() {
        fn send<T: Send>() {}
        send::<State>();
    }
}
