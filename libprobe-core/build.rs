//! Defines the one platform switch (`linux_kernel`) that `sys/mod.rs` reads, so no other
//! file repeats `target_os` lists.
fn main() {
    println!("cargo::rustc-check-cfg=cfg(linux_kernel)");
    let os = std::env::var("CARGO_CFG_TARGET_OS").unwrap_or_default();
    if os == "linux" || os == "android" {
        println!("cargo::rustc-cfg=linux_kernel");
    }
}
