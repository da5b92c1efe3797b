//! Defines the one platform switch (`linux_kernel`) that `sys/mod.rs` reads, so no other
//! file repeats `target_os` lists.
//!
//! `LIBPROBE_FORCE_UNSUPPORTED=1` builds the backend of platforms libprobe does not
//! support yet (every domain skipped as `not_supported`), so that path is compiled and
//! tested on Linux too.
fn main() {
    println!("cargo::rustc-check-cfg=cfg(linux_kernel)");
    println!("cargo::rerun-if-env-changed=LIBPROBE_FORCE_UNSUPPORTED");
    let forced = std::env::var_os("LIBPROBE_FORCE_UNSUPPORTED").is_some_and(|v| v == "1");
    let os = std::env::var("CARGO_CFG_TARGET_OS").unwrap_or_default();
    if !forced && (os == "linux" || os == "android") {
        println!("cargo::rustc-cfg=linux_kernel");
    }
}
