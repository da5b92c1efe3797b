//! The C ABI of libprobe (`include/libprobe.h`).
//!
//! This crate only translates: it checks arguments, catches panics and lays out the
//! snapshot for C. Every decision about metrics lives in `libprobe-core`.
//!
//! - [`config`], [`probe`], [`snapshot`]: the three handles and their functions;
//! - [`generated`]: the view structs, enums and fill code, generated from the core's
//!   schemas by `make generate` (never edited by hand), the typed option setters included;
//! - [`options`]: options by key, the option schema, the typed setters' conversions;
//! - [`arena`]: the bump arena a snapshot's view lives in;
//! - [`schema_info`]: the schema at run time (`libprobe_schema()`);
//! - [`status`] and `handle`: statuses, the panic boundary, generation-checked handles.
//!
//! The names are C's (`libprobe_probe_new`), hence the lint allowances.
#![allow(non_camel_case_types)]

use std::ffi::c_char;

pub mod arena;
pub mod config;
pub mod generated;
pub(crate) mod handle;
pub mod options;
pub mod probe;
pub mod schema_info;
pub mod snapshot;
pub mod status;

/// The version of the C ABI. Raised only by an incompatible change, which this library
/// avoids: structs and enums only grow at their end, functions are only added. A program
/// can check `libprobe_abi_version() == LIBPROBE_ABI_VERSION` at start-up; the shared
/// library's soname (`libprobe.so.1`) carries it too.
pub const LIBPROBE_ABI_VERSION: u32 = 1;

/// The library version as a NUL-terminated string (`"0.1.0"`), static. Compare with the
/// header's `LIBPROBE_VERSION`.
#[unsafe(no_mangle)]
pub extern "C" fn libprobe_version() -> *const c_char {
    static VERSION: &str = concat!(env!("CARGO_PKG_VERSION"), "\0");
    VERSION.as_ptr().cast()
}

/// `LIBPROBE_ABI_VERSION` of the library loaded at run time.
#[unsafe(no_mangle)]
pub extern "C" fn libprobe_abi_version() -> u32 {
    LIBPROBE_ABI_VERSION
}

/// The constant's name of a status (`"LIBPROBE_STATUS_NULL_ARGUMENT"`), static; for an
/// unknown code, `"LIBPROBE_STATUS_UNKNOWN"`.
#[unsafe(no_mangle)]
pub extern "C" fn libprobe_status_name(status: status::libprobe_status) -> *const c_char {
    status::STATUSES.iter().find(|s| s.0 == status).map_or(c"LIBPROBE_STATUS_UNKNOWN".as_ptr(), |s| s.1.as_ptr().cast())
}

/// A short description of a status (`"a required pointer argument was NULL"`), static.
/// The handle's `_last_error` says more about a particular failure.
#[unsafe(no_mangle)]
pub extern "C" fn libprobe_status_message(status: status::libprobe_status) -> *const c_char {
    status::STATUSES.iter().find(|s| s.0 == status).map_or(c"unknown status".as_ptr(), |s| s.2.as_ptr().cast())
}

#[cfg(test)]
mod tests {
    #[test]
    fn version_matches_the_core() {
        // SAFETY: libprobe_version returns a static NUL-terminated string.
        let v = unsafe { std::ffi::CStr::from_ptr(super::libprobe_version()) };
        assert_eq!(v.to_str().unwrap(), libprobe::VERSION);
    }
}
