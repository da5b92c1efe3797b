//! `libprobe_snapshot`: one snapshot's view, every byte of it in one arena.

use std::ffi::c_char;

use bumpalo::Bump;
use libprobe::Snapshot;
use libprobe::schema::Record;

use crate::arena::{Arena, libprobe_str};
use crate::config::{LIBPROBE_JSON_NONE, LIBPROBE_JSON_PRETTY, last_error, libprobe_json, out_ptr, write_out};
use crate::generated::{fill_snapshot, libprobe_domain_status, libprobe_process_full, libprobe_snapshot_view};
use crate::handle::Registry;
use crate::status::{
    ErrorLog, Failure, LIBPROBE_STATUS_NOT_ENABLED, LIBPROBE_STATUS_OUT_OF_RANGE, Outcome, boundary, libprobe_status,
};

/// A snapshot: everything one `libprobe_probe_snapshot` call collected, read through
/// `libprobe_snapshot_root`. Opaque; free it with `libprobe_snapshot_free`, which frees
/// every view, string and array reached from it at once.
///
/// Immutable: any number of threads may read one snapshot at the same time. Freeing it
/// while another thread still reads its views is a use-after-free.
#[derive(Debug)]
pub struct libprobe_snapshot {
    _opaque: [u8; 0],
}

/// A built snapshot: the arena and the pointers into it.
#[derive(Debug)]
pub(crate) struct SnapshotData {
    /// Owns every byte `root` reaches. Never touched after `build` (only dropped).
    _arena: Bump,
    root: *const libprobe_snapshot_view,
    json: Option<libprobe_str>,
    used_bytes: usize,
    reserved_bytes: usize,
    log: ErrorLog,
}

// SAFETY: after `build`, nothing writes to the arena or through `root`/`json` until the
// snapshot is dropped, which the registry does only when no call holds it (`Arc`). Reads
// from many threads of immutable memory are sound.
unsafe impl Send for SnapshotData {}
// SAFETY: as above: shared access is read-only (the error log has its own lock).
unsafe impl Sync for SnapshotData {}

impl SnapshotData {
    pub fn build(snapshot: &Snapshot, json: libprobe_json) -> SnapshotData {
        // A first guess from the process count; the arena grows as needed.
        let guess = (64 << 10) + snapshot.processes().len() * 4096;
        let arena = Arena::with_capacity(guess);
        let root = arena.alloc(fill_snapshot(&arena, snapshot as &dyn Record));
        let json = match json {
            LIBPROBE_JSON_NONE => None,
            LIBPROBE_JSON_PRETTY => Some(arena.bytes(snapshot.to_json_pretty().as_bytes())),
            _ => Some(arena.bytes(snapshot.to_json().as_bytes())),
        };
        let mut bump = arena.into_bump();
        let reserved_bytes = bump.allocated_bytes();
        let used_bytes = bump.iter_allocated_chunks().map(|c| c.len()).sum();
        SnapshotData { _arena: bump, root, json, used_bytes, reserved_bytes, log: ErrorLog::default() }
    }

    fn root(&self) -> &libprobe_snapshot_view {
        // SAFETY: `root` points into the arena this value owns, written once in `build`.
        unsafe { &*self.root }
    }

    fn processes(&self) -> &[libprobe_process_full] {
        let list = &self.root().processes;
        if list.present == 0 || list.value.count == 0 {
            return &[];
        }
        // SAFETY: the list was filled by `build` with `count` elements of this type.
        unsafe { std::slice::from_raw_parts(list.value.ptr.cast(), list.value.count) }
    }

    fn fail<T>(&self, failure: Failure) -> Outcome<T> {
        self.log.record(&failure.message);
        Err(failure)
    }
}

pub(crate) static SNAPSHOTS: Registry<SnapshotData> = Registry::new(3, "libprobe_snapshot");

/// Frees a snapshot and every view, string and array reached from it. NULL, and a
/// snapshot already freed, are ignored.
///
/// # Safety
/// `snapshot` is NULL or came from `libprobe_probe_snapshot`; no thread still reads its
/// views.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn libprobe_snapshot_free(snapshot: *mut libprobe_snapshot) {
    let _ = boundary(|| {
        SNAPSHOTS.remove(snapshot as usize);
        Ok(())
    });
}

/// The root view of a snapshot: every domain and field, reached through plain structs.
///
/// On `LIBPROBE_STATUS_OK`, `*view_out` points into the snapshot (do not free it); it
/// and everything it reaches stay valid until `libprobe_snapshot_free`. Safe from many
/// threads at once.
///
/// # Safety
/// `snapshot` came from `libprobe_probe_snapshot`; `view_out` is writable.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn libprobe_snapshot_root(
    snapshot: *const libprobe_snapshot,
    view_out: *mut *const libprobe_snapshot_view,
) -> libprobe_status {
    boundary(|| {
        let s = SNAPSHOTS.get(snapshot as usize)?;
        let out = out_ptr(view_out, "view_out").or_else(|f| s.fail(f))?;
        // SAFETY: non-NULL and writable by the contract.
        unsafe { write_out(out, s.root) };
        Ok(())
    })
}

/// The number of processes in the snapshot (0 when the process domain was not
/// collected; see `libprobe_snapshot_domain_status`).
///
/// # Safety
/// `snapshot` came from `libprobe_probe_snapshot`; `count_out` is writable.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn libprobe_snapshot_process_count(
    snapshot: *const libprobe_snapshot,
    count_out: *mut usize,
) -> libprobe_status {
    boundary(|| {
        let s = SNAPSHOTS.get(snapshot as usize)?;
        let out = out_ptr(count_out, "count_out").or_else(|f| s.fail(f))?;
        // SAFETY: non-NULL and writable by the contract.
        unsafe { write_out(out, s.processes().len()) };
        Ok(())
    })
}

/// The process at `index` (0 ≤ index < `libprobe_snapshot_process_count`), in pid order.
///
/// On `LIBPROBE_STATUS_OK`, `*process_out` points into the snapshot, valid until
/// `libprobe_snapshot_free`. `LIBPROBE_STATUS_OUT_OF_RANGE` past the end.
///
/// # Safety
/// `snapshot` came from `libprobe_probe_snapshot`; `process_out` is writable.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn libprobe_snapshot_process_at(
    snapshot: *const libprobe_snapshot,
    index: usize,
    process_out: *mut *const libprobe_process_full,
) -> libprobe_status {
    boundary(|| {
        let s = SNAPSHOTS.get(snapshot as usize)?;
        let out = out_ptr(process_out, "process_out").or_else(|f| s.fail(f))?;
        let procs = s.processes();
        let Some(p) = procs.get(index) else {
            return s.fail(Failure::new(
                LIBPROBE_STATUS_OUT_OF_RANGE,
                format!("process index {index} out of range ({} processes)", procs.len()),
            ));
        };
        // SAFETY: non-NULL and writable by the contract.
        unsafe { write_out(out, std::ptr::from_ref(p)) };
        Ok(())
    })
}

/// How the collection of one domain (`LIBPROBE_DOMAIN_*`) went: collected, skipped or
/// failed, why, and its warnings.
///
/// On `LIBPROBE_STATUS_OK`, `*status_out` points into the snapshot, valid until
/// `libprobe_snapshot_free`. `LIBPROBE_STATUS_INVALID_ARGUMENT` for an unknown domain.
///
/// # Safety
/// `snapshot` came from `libprobe_probe_snapshot`; `status_out` is writable.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn libprobe_snapshot_domain_status(
    snapshot: *const libprobe_snapshot,
    domain: i32,
    status_out: *mut *const libprobe_domain_status,
) -> libprobe_status {
    boundary(|| {
        let s = SNAPSHOTS.get(snapshot as usize)?;
        let out = out_ptr(status_out, "status_out").or_else(|f| s.fail(f))?;
        let list = &s.root().domains;
        let statuses: &[libprobe_domain_status] = if list.count == 0 {
            &[]
        } else {
            // SAFETY: filled by `build` with `count` elements of this type.
            unsafe { std::slice::from_raw_parts(list.ptr.cast(), list.count) }
        };
        let Some(found) = statuses.iter().find(|d| d.domain == domain) else {
            return s.fail(Failure::invalid(format!("unknown domain {domain}")));
        };
        // SAFETY: non-NULL and writable by the contract.
        unsafe { write_out(out, std::ptr::from_ref(found)) };
        Ok(())
    })
}

/// The snapshot as JSON (the specification's snake_case names; the contract every
/// language is compared with), when the config asked for it (`libprobe_config_set_json`);
/// else `LIBPROBE_STATUS_NOT_ENABLED`.
///
/// On `LIBPROBE_STATUS_OK`, `*json_out` points into the snapshot (NUL-terminated, UTF-8),
/// valid until `libprobe_snapshot_free`.
///
/// # Safety
/// `snapshot` came from `libprobe_probe_snapshot`; `json_out` is writable.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn libprobe_snapshot_json(
    snapshot: *const libprobe_snapshot,
    json_out: *mut libprobe_str,
) -> libprobe_status {
    boundary(|| {
        let s = SNAPSHOTS.get(snapshot as usize)?;
        let out = out_ptr(json_out, "json_out").or_else(|f| s.fail(f))?;
        let Some(json) = s.json else {
            return s.fail(Failure::new(
                LIBPROBE_STATUS_NOT_ENABLED,
                "this snapshot has no JSON: enable it with libprobe_config_set_json",
            ));
        };
        // SAFETY: non-NULL and writable by the contract.
        unsafe { write_out(out, json) };
        Ok(())
    })
}

/// The memory the snapshot's arena holds: `*used_out` bytes of views, strings and arrays,
/// in `*reserved_out` bytes of allocated chunks. Either pointer may be NULL.
///
/// # Safety
/// `snapshot` came from `libprobe_probe_snapshot`; non-NULL out-pointers are writable.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn libprobe_snapshot_arena_bytes(
    snapshot: *const libprobe_snapshot,
    used_out: *mut usize,
    reserved_out: *mut usize,
) -> libprobe_status {
    boundary(|| {
        let s = SNAPSHOTS.get(snapshot as usize)?;
        if !used_out.is_null() {
            // SAFETY: non-NULL and writable by the contract.
            unsafe { write_out(used_out, s.used_bytes) };
        }
        if !reserved_out.is_null() {
            // SAFETY: as above.
            unsafe { write_out(reserved_out, s.reserved_bytes) };
        }
        Ok(())
    })
}

/// The message of the latest failed call on this snapshot, NUL-terminated (empty when
/// none failed). Owned by the snapshot: valid until `libprobe_snapshot_free`, even when
/// another thread's failure replaces it as the latest. Returns a static message when
/// `snapshot` is NULL or not a live snapshot.
///
/// # Safety
/// `snapshot` is NULL or came from `libprobe_probe_snapshot`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn libprobe_snapshot_last_error(snapshot: *const libprobe_snapshot) -> *const c_char {
    last_error(SNAPSHOTS.get(snapshot as usize).map(|s| s.log.last()))
}
