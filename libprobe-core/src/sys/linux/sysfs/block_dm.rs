//! `/sys/block/dm-<n>/dm/{name,uuid,suspended}`: an active device-mapper device.
//!
//! ```text
//! $ cat /sys/block/dm-0/dm/{name,uuid,suspended}
//! vg0-lv--data
//! LVM-JstrXoHdoKlvDVedGgbabi4I0movGslpsNVH5Zg2x7oi4e4p3Az2M2BUVvPI6m0P
//! 0
//! ```
//!
//! (Documentation/ABI/testing/sysfs-block-dm.) LVM names its devices `<vg>-<lv>` with
//! each `-` inside a name doubled, and gives them the uuid `LVM-` followed by the volume
//! group's and the logical volume's uuids without their dashes (a suffix such as `-tpool`
//! marks internal layers).

/// The uuid LVM gives the device of a logical volume.
pub(crate) fn lvm_uuid(vg_uuid: &str, lv_uuid: &str) -> String {
    let mut s = String::from("LVM-");
    s.extend(vg_uuid.chars().chain(lv_uuid.chars()).filter(|c| *c != '-'));
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names() {
        assert_eq!(lvm_uuid("Jstr-Xo", "sN-V"), "LVM-JstrXosNV");
    }
}
