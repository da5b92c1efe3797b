//! `libprobe_probe`: collects snapshots, and keeps the previous one's counters for rates.

use std::ffi::c_char;

use libprobe::Probe;

use crate::config::{CONFIGS, Settings, last_error, libprobe_json, out_ptr, write_out};
use crate::handle::{Guarded, Registry};
use crate::snapshot::{SNAPSHOTS, SnapshotData, libprobe_snapshot};
use crate::status::{Outcome, boundary, libprobe_status};

/// A probe: collects snapshots and remembers the previous one's counters, so rates
/// (`cpu_percent`) have values from the second snapshot on. Opaque; create with
/// `libprobe_probe_new`, free with `libprobe_probe_free`.
#[derive(Debug)]
pub struct libprobe_probe {
    _opaque: [u8; 0],
}

#[derive(Debug)]
pub(crate) struct ProbeState {
    probe: Probe,
    json: libprobe_json,
}

pub(crate) static PROBES: Registry<Guarded<ProbeState>> = Registry::new(2, "libprobe_probe");

/// Creates a probe with a copy of `config` (NULL: the defaults of `libprobe_config_new`).
///
/// On `LIBPROBE_STATUS_OK`, `*probe_out` owns a probe; free it with
/// `libprobe_probe_free`. On error `*probe_out` is untouched.
///
/// # Safety
/// `config` is NULL or came from `libprobe_config_new`; `probe_out` is writable.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn libprobe_probe_new(
    config: *const crate::config::libprobe_config,
    probe_out: *mut *mut libprobe_probe,
) -> libprobe_status {
    boundary(|| {
        let out = out_ptr(probe_out, "probe_out")?;
        let settings = if config.is_null() {
            Settings::default()
        } else {
            CONFIGS.get(config as usize)?.with(|s| Ok(s.clone()))?
        };
        let state = ProbeState { probe: Probe::new(settings.options()), json: settings.json };
        let token = PROBES.insert(Guarded::new(state))?;
        // SAFETY: `out` is non-NULL and writable by the contract.
        unsafe { write_out(out, token as *mut libprobe_probe) };
        Ok(())
    })
}

/// Frees a probe. NULL, and a probe already freed, are ignored. Snapshots it made stay
/// valid (each owns its memory).
///
/// # Safety
/// `probe` is NULL or came from `libprobe_probe_new`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn libprobe_probe_free(probe: *mut libprobe_probe) {
    let _ = boundary(|| {
        PROBES.remove(probe as usize);
        Ok(())
    });
}

/// Collects every enabled domain into a new snapshot.
///
/// On `LIBPROBE_STATUS_OK`, `*snapshot_out` owns a snapshot; free it with
/// `libprobe_snapshot_free`. Unreadable domains do not fail the call (see
/// `libprobe_snapshot_domain_status`); on error `*snapshot_out` is untouched.
///
/// One call at a time per probe: concurrent calls on one probe from several threads
/// are serialised (safe, but they wait); use one probe per thread to collect in parallel.
///
/// # Safety
/// `probe` came from `libprobe_probe_new`; `snapshot_out` is writable.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn libprobe_probe_snapshot(
    probe: *mut libprobe_probe,
    snapshot_out: *mut *mut libprobe_snapshot,
) -> libprobe_status {
    boundary(|| {
        let probe = PROBES.get(probe as usize)?;
        let out = match out_ptr(snapshot_out, "snapshot_out") {
            Ok(o) => o,
            Err(f) => return probe.fail(f),
        };
        let token = probe.with(|state| {
            let snapshot = state.probe.snapshot(); // all logic is in the core
            let data = SnapshotData::build(&snapshot, state.json);
            SNAPSHOTS.insert(data)
        })?;
        // SAFETY: `out` is non-NULL and writable by the contract.
        unsafe { write_out(out, token as *mut libprobe_snapshot) };
        Ok(())
    })
}

/// The message of the latest failed call on this probe, NUL-terminated (empty when no
/// call failed). Owned by the probe: valid until `libprobe_probe_free`. Returns a static
/// message when `probe` is NULL or not a live probe.
///
/// # Safety
/// `probe` is NULL or came from `libprobe_probe_new`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn libprobe_probe_last_error(probe: *const libprobe_probe) -> *const c_char {
    last_error(PROBES.get(probe as usize).map(|p| p.log.last()))
}

/// For tests: runs `body` as if inside a call on `probe`, to check panic containment.
#[doc(hidden)]
pub fn with_probe_for_tests(probe: *mut libprobe_probe, body: impl FnOnce()) -> libprobe_status {
    boundary(|| -> Outcome {
        let probe = PROBES.get(probe as usize)?;
        probe.with(|_| {
            body();
            Ok(())
        })
    })
}
