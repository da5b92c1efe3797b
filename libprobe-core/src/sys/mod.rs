//! The one platform switch. `build.rs` defines `linux_kernel`; nothing below this module
//! repeats `target_os` lists, and `unsafe` code lives only under here.

#[cfg(linux_kernel)]
pub(crate) mod linux;
#[cfg(linux_kernel)]
pub(crate) use linux as imp;

#[cfg(not(linux_kernel))]
pub(crate) mod unsupported;
#[cfg(not(linux_kernel))]
pub(crate) use unsupported as imp;
