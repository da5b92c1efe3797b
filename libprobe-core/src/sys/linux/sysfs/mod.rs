//! Parsers for sysfs files, named after the path (`/sys/fs/cgroup` is `fs_cgroup.rs`).

pub(crate) mod attribute;
pub(crate) mod block_dm;
pub(crate) mod class_block;
pub(crate) mod class_drm;
pub(crate) mod class_drm_card_device_gpu_metrics;
pub(crate) mod class_drm_card_device_hwmon;
pub(crate) mod class_hwmon;
pub(crate) mod class_net;
pub(crate) mod class_nvme;
pub(crate) mod class_power_supply;
pub(crate) mod class_powercap;
pub(crate) mod class_thermal;
pub(crate) mod devices_system_cpu;
pub(crate) mod fs_btrfs;
pub(crate) mod fs_cgroup;
