//! Gives the shared library its soname, `libprobe.so.<ABI major>`, so a program linked
//! against one ABI never loads a library of another.

fn main() {
    // Keep in step with `ABI_VERSION` in src/lib.rs (a test checks the two agree).
    const ABI_VERSION: u32 = 1;
    let target_os = std::env::var("CARGO_CFG_TARGET_OS").unwrap_or_default();
    if target_os == "linux" {
        println!("cargo:rustc-cdylib-link-arg=-Wl,-soname,libprobe.so.{ABI_VERSION}");
    }
    println!("cargo:rerun-if-changed=build.rs");
}
