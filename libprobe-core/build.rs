//! Defines the one platform switch (`linux_kernel`) that `sys/mod.rs` reads, so no other
//! file repeats `target_os` lists.
//!
//! Feature `force-unsupported` builds the backend of platforms libprobe does not support
//! yet (every domain skipped as `not_supported`), so that path is compiled and tested on
//! Linux too (`make test-unsupported`). A feature rather than an environment variable:
//! cargo keeps both builds of the crate side by side in one target directory and shares
//! every dependency between them.
fn main() {
    println!("cargo::rustc-check-cfg=cfg(linux_kernel)");
    let forced = std::env::var_os("CARGO_FEATURE_FORCE_UNSUPPORTED").is_some();
    let os = std::env::var("CARGO_CFG_TARGET_OS").unwrap_or_default();
    if !forced && (os == "linux" || os == "android") {
        println!("cargo::rustc-cfg=linux_kernel");
    }
}
