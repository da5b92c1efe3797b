//! The C ABI of libprobe (`include/libprobe.h`).
//!
//! This crate only translates: it checks arguments, catches panics and lays out the
//! snapshot for C. Every decision about metrics lives in `libprobe-core`.

use std::ffi::c_char;

/// The library version as a NUL-terminated string (`"0.1.0"`), static.
#[unsafe(no_mangle)]
pub extern "C" fn libprobe_version() -> *const c_char {
    static VERSION: &str = concat!(env!("CARGO_PKG_VERSION"), "\0");
    VERSION.as_ptr().cast()
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
