//! Statuses, the panic boundary, and the message log every handle keeps.
//!
//! Every fallible function returns a `libprobe_status`: `LIBPROBE_STATUS_OK` (0) or an
//! error code. Codes are grouped by hundreds, never renumbered, and a retired code stays
//! here as a comment so it is never reused:
//!
//! - 1xx: the arguments of the call (NULL, invalid value, option struct size, index);
//! - 2xx: the handle (freed or never created, left unusable by a panic);
//! - 3xx: errors of the core, one per `libprobe::ErrorKind`;
//! - 9xx: the library itself (a panic caught at the boundary).

use std::borrow::Cow;
use std::ffi::{CString, c_char};
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::sync::Mutex;

use libprobe::ErrorKind;

/// The result of a call: `LIBPROBE_STATUS_OK` (0) or one of the `LIBPROBE_STATUS_*` error
/// codes. A fixed-width integer, so a code this header does not know yet is still a
/// valid value (treat it as an error).
pub type libprobe_status = i32;

/// Success.
pub const LIBPROBE_STATUS_OK: libprobe_status = 0;

/// A required pointer argument was NULL.
pub const LIBPROBE_STATUS_NULL_ARGUMENT: libprobe_status = 100;
/// An argument had a value the function does not accept (an unknown domain, an empty
/// path, a zero limit); the handle's last error says which.
pub const LIBPROBE_STATUS_INVALID_ARGUMENT: libprobe_status = 101;
/// An option struct's `struct_size` is smaller than the smallest this library accepts.
pub const LIBPROBE_STATUS_STRUCT_TOO_SMALL: libprobe_status = 102;
/// An option struct is larger than this library knows, and a byte past what it knows is
/// not zero: the caller asked for an option this (older) library does not have.
pub const LIBPROBE_STATUS_UNKNOWN_OPTION: libprobe_status = 103;
/// An index was past the end of its array.
pub const LIBPROBE_STATUS_OUT_OF_RANGE: libprobe_status = 104;
/// The data asked for was not requested by the configuration (the snapshot's JSON
/// without `libprobe_config_set_json`).
pub const LIBPROBE_STATUS_NOT_ENABLED: libprobe_status = 105;

/// The handle is not a live handle of this type: already freed (closed), never created,
/// or a handle of another type.
pub const LIBPROBE_STATUS_INVALID_HANDLE: libprobe_status = 200;
/// A panic inside an earlier call left this handle unusable; free it.
pub const LIBPROBE_STATUS_POISONED: libprobe_status = 201;

/// Core `ErrorKind::Io`: an I/O error not covered by a more precise kind.
pub const LIBPROBE_STATUS_IO: libprobe_status = 300;
/// Core `ErrorKind::PermissionDenied`: EACCES or EPERM.
pub const LIBPROBE_STATUS_PERMISSION_DENIED: libprobe_status = 301;
/// Core `ErrorKind::NotFound`: the file or directory does not exist.
pub const LIBPROBE_STATUS_NOT_FOUND: libprobe_status = 302;
/// Core `ErrorKind::Gone`: the process exited.
pub const LIBPROBE_STATUS_GONE: libprobe_status = 303;
/// Core `ErrorKind::Parse`: the content did not parse.
pub const LIBPROBE_STATUS_PARSE: libprobe_status = 304;
/// Core `ErrorKind::TooLarge`: the content was larger than the read limit.
pub const LIBPROBE_STATUS_TOO_LARGE: libprobe_status = 305;
/// Core `ErrorKind::Unsupported`: not supported by this kernel or platform.
pub const LIBPROBE_STATUS_UNSUPPORTED: libprobe_status = 306;
/// Core `ErrorKind::NotPresent`: not present on this machine.
pub const LIBPROBE_STATUS_NOT_PRESENT: libprobe_status = 307;
/// Core `ErrorKind::TimedOut`: the source did not answer in time.
pub const LIBPROBE_STATUS_TIMED_OUT: libprobe_status = 309;
// 308 is the core's `ErrorKind::InvalidArgument`, which shares
// LIBPROBE_STATUS_INVALID_ARGUMENT (101); the code is kept unused.

/// A panic inside libprobe was caught at the boundary. The call had no effect on its
/// out-parameters; the handle it was working on is poisoned.
pub const LIBPROBE_STATUS_PANIC: libprobe_status = 900;

/// Every status with its name and meaning, for `libprobe_status_name` and the tests.
pub(crate) const STATUSES: &[(libprobe_status, &str, &str)] = &[
    (LIBPROBE_STATUS_OK, "LIBPROBE_STATUS_OK\0", "success\0"),
    (LIBPROBE_STATUS_NULL_ARGUMENT, "LIBPROBE_STATUS_NULL_ARGUMENT\0", "a required pointer argument was NULL\0"),
    (LIBPROBE_STATUS_INVALID_ARGUMENT, "LIBPROBE_STATUS_INVALID_ARGUMENT\0", "invalid argument\0"),
    (LIBPROBE_STATUS_STRUCT_TOO_SMALL, "LIBPROBE_STATUS_STRUCT_TOO_SMALL\0", "option struct_size too small\0"),
    (LIBPROBE_STATUS_UNKNOWN_OPTION, "LIBPROBE_STATUS_UNKNOWN_OPTION\0", "option unknown to this library version\0"),
    (LIBPROBE_STATUS_OUT_OF_RANGE, "LIBPROBE_STATUS_OUT_OF_RANGE\0", "index out of range\0"),
    (LIBPROBE_STATUS_NOT_ENABLED, "LIBPROBE_STATUS_NOT_ENABLED\0", "not enabled by the configuration\0"),
    (LIBPROBE_STATUS_INVALID_HANDLE, "LIBPROBE_STATUS_INVALID_HANDLE\0", "freed, unknown or mistyped handle\0"),
    (LIBPROBE_STATUS_POISONED, "LIBPROBE_STATUS_POISONED\0", "handle unusable after a panic\0"),
    (LIBPROBE_STATUS_IO, "LIBPROBE_STATUS_IO\0", "I/O error\0"),
    (LIBPROBE_STATUS_PERMISSION_DENIED, "LIBPROBE_STATUS_PERMISSION_DENIED\0", "permission denied\0"),
    (LIBPROBE_STATUS_NOT_FOUND, "LIBPROBE_STATUS_NOT_FOUND\0", "not found\0"),
    (LIBPROBE_STATUS_GONE, "LIBPROBE_STATUS_GONE\0", "process gone\0"),
    (LIBPROBE_STATUS_PARSE, "LIBPROBE_STATUS_PARSE\0", "parse error\0"),
    (LIBPROBE_STATUS_TOO_LARGE, "LIBPROBE_STATUS_TOO_LARGE\0", "too large\0"),
    (LIBPROBE_STATUS_UNSUPPORTED, "LIBPROBE_STATUS_UNSUPPORTED\0", "not supported\0"),
    (LIBPROBE_STATUS_NOT_PRESENT, "LIBPROBE_STATUS_NOT_PRESENT\0", "not present\0"),
    (LIBPROBE_STATUS_TIMED_OUT, "LIBPROBE_STATUS_TIMED_OUT\0", "timed out\0"),
    (LIBPROBE_STATUS_PANIC, "LIBPROBE_STATUS_PANIC\0", "panic inside libprobe\0"),
];

/// The status for an error of the core: one code per kind.
pub(crate) fn status_of(kind: ErrorKind) -> libprobe_status {
    match kind {
        ErrorKind::Io => LIBPROBE_STATUS_IO,
        ErrorKind::PermissionDenied => LIBPROBE_STATUS_PERMISSION_DENIED,
        ErrorKind::NotFound => LIBPROBE_STATUS_NOT_FOUND,
        ErrorKind::Gone => LIBPROBE_STATUS_GONE,
        ErrorKind::Parse => LIBPROBE_STATUS_PARSE,
        ErrorKind::TooLarge => LIBPROBE_STATUS_TOO_LARGE,
        ErrorKind::Unsupported => LIBPROBE_STATUS_UNSUPPORTED,
        ErrorKind::NotPresent => LIBPROBE_STATUS_NOT_PRESENT,
        ErrorKind::InvalidArgument => LIBPROBE_STATUS_INVALID_ARGUMENT,
        ErrorKind::TimedOut => LIBPROBE_STATUS_TIMED_OUT,
        // `ErrorKind` is non-exhaustive; a kind added to the core gets its own code here
        // (the test `every_core_kind_has_its_own_status` lists the known ones).
        _ => LIBPROBE_STATUS_IO,
    }
}

/// A failed call: its status and, when there is a handle to keep it, its message.
#[derive(Debug)]
pub(crate) struct Failure {
    pub status: libprobe_status,
    pub message: Cow<'static, str>,
}

impl Failure {
    pub fn new(status: libprobe_status, message: impl Into<Cow<'static, str>>) -> Failure {
        Failure { status, message: message.into() }
    }

    pub fn null(what: &'static str) -> Failure {
        Failure::new(LIBPROBE_STATUS_NULL_ARGUMENT, format!("`{what}` is NULL"))
    }

    pub fn invalid(message: impl Into<Cow<'static, str>>) -> Failure {
        Failure::new(LIBPROBE_STATUS_INVALID_ARGUMENT, message)
    }
}

impl From<libprobe::Error> for Failure {
    fn from(e: libprobe::Error) -> Failure {
        Failure::new(status_of(e.kind()), e.to_string())
    }
}

pub(crate) type Outcome<T = ()> = Result<T, Failure>;

/// Runs the body of an exported function: a panic never crosses into C, it becomes
/// `LIBPROBE_STATUS_PANIC`.
pub(crate) fn boundary(body: impl FnOnce() -> Outcome) -> libprobe_status {
    match catch_unwind(AssertUnwindSafe(body)) {
        Ok(Ok(())) => LIBPROBE_STATUS_OK,
        Ok(Err(failure)) => failure.status,
        Err(_) => LIBPROBE_STATUS_PANIC,
    }
}

/// The text of a caught panic.
pub(crate) fn panic_message(payload: &(dyn std::any::Any + Send)) -> String {
    let what = payload
        .downcast_ref::<&str>()
        .copied()
        .or_else(|| payload.downcast_ref::<String>().map(String::as_str))
        .unwrap_or("a panic");
    format!("panic inside libprobe: {what}")
}

/// The messages of a handle's failed calls.
///
/// `libprobe_*_last_error` hands out a pointer to the latest; every message stays
/// allocated until the handle is freed, so a pointer read by one thread is never freed
/// under it by another thread's failure. Distinct messages are bounded: past
/// [`ErrorLog::MAX`], the last slot says that later messages were dropped (the statuses
/// stay exact).
#[derive(Debug, Default)]
pub(crate) struct ErrorLog {
    inner: Mutex<LogInner>,
}

#[derive(Debug, Default)]
struct LogInner {
    messages: Vec<CString>,
    last: Option<usize>,
}

impl ErrorLog {
    const MAX: usize = 64;

    pub fn record(&self, message: &str) {
        let mut log = self.inner.lock().unwrap_or_else(|p| p.into_inner());
        let text = CString::new(message.replace('\0', "\\0")).unwrap_or_default();
        let index = match log.messages.iter().position(|m| *m == text) {
            Some(i) => i,
            None if log.messages.len() < Self::MAX - 1 => {
                log.messages.push(text);
                log.messages.len() - 1
            }
            None => {
                let dropped = c"further error messages on this handle were dropped";
                match log.messages.iter().position(|m| m.as_c_str() == dropped) {
                    Some(i) => i,
                    None => {
                        log.messages.push(dropped.to_owned());
                        log.messages.len() - 1
                    }
                }
            }
        };
        log.last = Some(index);
    }

    /// The latest message, or an empty string; valid while the log lives.
    pub fn last(&self) -> *const c_char {
        let log = self.inner.lock().unwrap_or_else(|p| p.into_inner());
        match log.last {
            Some(i) => log.messages[i].as_ptr(),
            None => c"".as_ptr(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_are_distinct_and_names_are_nul_terminated() {
        let mut codes: Vec<_> = STATUSES.iter().map(|s| s.0).collect();
        codes.sort_unstable();
        codes.dedup();
        assert_eq!(codes.len(), STATUSES.len());
        for (_, name, text) in STATUSES {
            assert!(name.ends_with('\0') && text.ends_with('\0'));
        }
    }

    #[test]
    fn every_core_kind_has_its_own_status() {
        let kinds = [
            ErrorKind::Io,
            ErrorKind::PermissionDenied,
            ErrorKind::NotFound,
            ErrorKind::Gone,
            ErrorKind::Parse,
            ErrorKind::TooLarge,
            ErrorKind::Unsupported,
            ErrorKind::NotPresent,
            ErrorKind::InvalidArgument,
            ErrorKind::TimedOut,
        ];
        let mut codes: Vec<_> = kinds.iter().map(|k| status_of(*k)).collect();
        codes.sort_unstable();
        codes.dedup();
        assert_eq!(codes.len(), kinds.len());
    }

    #[test]
    fn a_panic_becomes_a_status() {
        let status = boundary(|| panic!("boom"));
        assert_eq!(status, LIBPROBE_STATUS_PANIC);
    }

    #[test]
    fn the_log_is_bounded_and_pointers_stay_valid() {
        let log = ErrorLog::default();
        log.record("first");
        let first = log.last();
        for i in 0..1000 {
            log.record(&format!("message {i}"));
        }
        // SAFETY: messages live as long as the log.
        assert_eq!(unsafe { std::ffi::CStr::from_ptr(first) }, c"first");
        // SAFETY: as above.
        let last = unsafe { std::ffi::CStr::from_ptr(log.last()) };
        assert!(last.to_str().unwrap().contains("dropped"));
        assert!(log.inner.lock().unwrap().messages.len() <= ErrorLog::MAX);
    }
}
