//! Parsers for sysfs files, named after the path (`/sys/fs/cgroup` is `fs_cgroup.rs`).

pub(crate) mod block_dm;
pub(crate) mod class_block;
pub(crate) mod class_net;
pub(crate) mod class_nvme;
pub(crate) mod devices_system_cpu;
pub(crate) mod fs_btrfs;
pub(crate) mod fs_cgroup;
