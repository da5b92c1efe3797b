//! A panic inside a call never crosses into C: the call returns LIBPROBE_STATUS_PANIC,
//! the process goes on, and the handle is poisoned (its later calls say so).

use probe::probe::{
    libprobe_probe, libprobe_probe_free, libprobe_probe_last_error, libprobe_probe_new, libprobe_probe_snapshot,
    with_probe_for_tests,
};
use probe::snapshot::libprobe_snapshot;
use probe::status::{LIBPROBE_STATUS_OK, LIBPROBE_STATUS_PANIC, LIBPROBE_STATUS_POISONED};

#[test]
fn a_panic_is_a_status_and_poisons_the_handle() {
    let mut p: *mut libprobe_probe = std::ptr::null_mut();
    // SAFETY: a valid out-pointer; NULL config is allowed.
    assert_eq!(unsafe { libprobe_probe_new(std::ptr::null(), &mut p) }, LIBPROBE_STATUS_OK);
    let status = with_probe_for_tests(p, || panic!("injected"));
    assert_eq!(status, LIBPROBE_STATUS_PANIC);
    // SAFETY: `p` is a live probe; the message lives as long as it.
    let message = unsafe { std::ffi::CStr::from_ptr(libprobe_probe_last_error(p)) };
    assert!(message.to_str().unwrap().contains("injected"), "{message:?}");
    let mut s: *mut libprobe_snapshot = std::ptr::null_mut();
    // SAFETY: `p` is live (poisoned); `s` is a valid out-pointer.
    assert_eq!(unsafe { libprobe_probe_snapshot(p, &mut s) }, LIBPROBE_STATUS_POISONED);
    assert!(s.is_null(), "no snapshot written on error");
    // SAFETY: freed once; a poisoned probe frees like any other.
    unsafe { libprobe_probe_free(p) };
}
