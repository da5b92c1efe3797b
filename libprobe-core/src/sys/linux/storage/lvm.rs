//! LVM without the LVM tools: every block device's first sectors are searched for a PV
//! label; each label's metadata areas give the volume group's text metadata; a volume
//! group is described by its newest copy (highest `seqno`). Active logical volumes are
//! matched with their device-mapper device by uuid (`/sys/block/dm-*/dm/uuid`).
//!
//! Logical volumes themselves (device-mapper devices with an `LVM-` uuid) are not scanned
//! (LVM does not stack on them by default), nor are disks SMART found in standby, nor
//! devices of size 0 (an unbound loop device). Reading block devices needs root: when no
//! device could be read for that reason, `lvm` is `permission_denied`.

use std::collections::BTreeMap;

use crate::domain::Cx;
use crate::error::{Error, ErrorKind};
use crate::model::{Field, Reason};
use crate::storage::{DeviceMapperState, LogicalVolume, LvmMetrics, PhysicalVolume, StorageOptions, VolumeGroup};
use crate::sys::linux::blockdev::{BlockDevice, lvm2, lvm2_text};
use crate::sys::linux::sysfs::{block_dm, class_block};

use super::{list, sys_opt};

/// The most metadata text read per copy.
const MAX_METADATA_BYTES: u64 = 16 << 20;

/// A PV label found on a device.
struct Found {
    device: String,
    label: lvm2::Label,
}

pub(super) fn collect(cx: &mut Cx<'_>, opts: &StorageOptions, asleep: &[String]) -> Field<LvmMetrics> {
    let src = cx.src();
    let devs = match list(&src.sys_path("class/block")) {
        Ok(d) => d,
        Err(e) => {
            let r = cx.reason(e);
            return Field::Missing(if r == Reason::NotSupported { Reason::NotPresent } else { r });
        }
    };
    // Device-mapper devices: uuid → (device, name, suspended).
    let mut dm = BTreeMap::new();
    for d in devs.iter().filter(|d| d.starts_with("dm-")) {
        let read = |f: &str| sys_opt(src, &format!("class/block/{d}/dm/{f}")).ok().flatten();
        let (Some(uuid), Some(name)) =
            (read("uuid").as_deref().and_then(class_block::text), read("name").as_deref().and_then(class_block::text))
        else {
            continue;
        };
        let suspended = match read("suspended") {
            Some(b) => class_block::flag(&b, "suspended").map_or(Field::Missing(Reason::Error), Field::Value),
            None => Field::Missing(Reason::NotSupported),
        };
        dm.insert(uuid, DeviceMapperState { device: d.clone(), name, suspended });
    }

    let mut denied = 0usize;
    let mut found = Vec::new();
    let mut copies: Vec<(lvm2_text::VgMeta, String)> = Vec::new();
    for d in &devs {
        if !opts.wants_device(d) || asleep.iter().any(|a| d.starts_with(a.as_str())) {
            continue;
        }
        if dm.values().any(|s: &DeviceMapperState| s.device == *d)
            && dm.iter().any(|(u, s)| s.device == *d && u.starts_with("LVM-"))
        {
            continue;
        }
        match sys_opt(src, &format!("class/block/{d}/size")).ok().flatten().map(|b| class_block::size_bytes(&b)) {
            Some(Ok(0)) | None => continue,
            _ => {}
        }
        let dev = match BlockDevice::open(src, d) {
            Ok(x) => x,
            Err(e) if e.kind() == ErrorKind::PermissionDenied => {
                denied += 1;
                continue;
            }
            // No node under /dev (a container's view, a fixture without it), or gone.
            Err(e) if matches!(e.kind(), ErrorKind::NotFound | ErrorKind::NotPresent) => continue,
            Err(e) => {
                cx.warn(e);
                continue;
            }
        };
        let first = match dev.read_at(0, lvm2::LABEL_SCAN_BYTES) {
            Ok(b) => b,
            Err(e) => {
                // A loop device without a file, a drive without a medium: nothing to read.
                if e.kind() != ErrorKind::NotPresent {
                    let _ = cx.reason(e);
                }
                continue;
            }
        };
        let label = match lvm2::find_label(&first) {
            Ok(Some(l)) => l,
            Ok(None) => continue,
            Err(e) => {
                cx.warn(e.in_file(dev.path()));
                continue;
            }
        };
        for &(offset, size) in &label.metadata_areas {
            match read_metadata(&dev, offset, size) {
                Ok(Some(vg)) => copies.push((vg, label.pv_uuid.clone())),
                Ok(None) => {}
                Err(e) => cx.warn(e),
            }
        }
        found.push(Found { device: d.clone(), label });
    }
    if found.is_empty() {
        return Field::Missing(if denied > 0 { Reason::PermissionDenied } else { Reason::NotPresent });
    }

    // The newest copy of each volume group.
    let mut newest: BTreeMap<String, lvm2_text::VgMeta> = BTreeMap::new();
    for (vg, _) in copies {
        match newest.get(&vg.id) {
            Some(v) if v.seqno >= vg.seqno => {}
            _ => {
                newest.insert(vg.id.clone(), vg);
            }
        }
    }
    let mut vgs: Vec<VolumeGroup> = newest.values().map(|vg| volume_group(vg, &found, &dm)).collect();
    vgs.sort_by(|a, b| a.name.cmp(&b.name));
    let in_vg = |uuid: &str| newest.values().any(|vg| vg.pvs.iter().any(|p| p.id == uuid));
    let orphan_physical_volumes = found
        .iter()
        .filter(|f| !in_vg(&f.label.pv_uuid))
        .map(|f| PhysicalVolume {
            name: Field::Value(format!("/dev/{}", f.device)),
            uuid: f.label.pv_uuid.clone(),
            device_size_bytes: Field::Value(f.label.device_size),
            size_bytes: Field::Value(f.label.device_size),
            pe_start_bytes: f
                .label
                .data_areas
                .first()
                .map_or(Field::Missing(Reason::NotSupported), |d| Field::Value(d.0)),
            extent_count: 0,
            allocated_extent_count: 0,
            free_bytes: 0,
            status: Vec::new(),
            mda_count: Field::Value(f.label.metadata_areas.len() as u32),
        })
        .collect();
    Field::Value(LvmMetrics { volume_groups: vgs, orphan_physical_volumes })
}

/// The volume group in a metadata area, `None` when the area holds none (an orphan PV, an
/// ignored area).
fn read_metadata(dev: &BlockDevice, offset: u64, size: u64) -> Result<Option<lvm2_text::VgMeta>, Error> {
    let at = |e: crate::error::ParseError| e.in_file(dev.path());
    let header = dev.read_at(offset, lvm2::MDA_HEADER_SIZE as usize)?;
    let mda = lvm2::decode_mda_header(&header).map_err(at)?;
    if mda.start != offset || mda.size != size {
        return Err(
            Error::new(ErrorKind::Parse, "metadata area header does not match the PV header").with_path(dev.path())
        );
    }
    let Some(locn) = mda.locations.first().filter(|l| !l.ignored && l.size > 0) else { return Ok(None) };
    if locn.size > MAX_METADATA_BYTES {
        return Err(Error::too_large(dev.path(), MAX_METADATA_BYTES as usize));
    }
    let mut text = Vec::with_capacity(locn.size as usize);
    for (o, len) in lvm2::text_ranges(&mda, locn).map_err(at)? {
        text.extend_from_slice(&dev.read_at(o, len as usize)?);
    }
    let text = lvm2::check_text(locn, &text).map_err(at)?;
    let top = lvm2_text::parse(text).map_err(at)?;
    lvm2_text::volume_group(&top).map(Some).map_err(at)
}

fn volume_group(vg: &lvm2_text::VgMeta, found: &[Found], dm: &BTreeMap<String, DeviceMapperState>) -> VolumeGroup {
    let extent = vg.extent_size_sectors.saturating_mul(512);
    let used = lvm2_text::allocated_extents(vg);
    let pv_name = |key: &str| -> Option<String> {
        let pv = vg.pvs.iter().find(|p| p.key == key)?;
        found.iter().find(|f| f.label.pv_uuid == pv.id).map(|f| format!("/dev/{}", f.device))
    };
    let physical_volumes: Vec<PhysicalVolume> = vg
        .pvs
        .iter()
        .map(|p| {
            let f = found.iter().find(|f| f.label.pv_uuid == p.id);
            let alloc = used.iter().find(|(k, _)| *k == p.key).map_or(0, |u| u.1);
            let sectors = |s: Option<u64>| {
                s.map_or(Field::Missing(Reason::NotSupported), |v| Field::Value(v.saturating_mul(512)))
            };
            let mut status = p.status.clone();
            if f.is_none() && !status.iter().any(|s| s == "MISSING") {
                status.push("MISSING".into());
            }
            PhysicalVolume {
                name: f.map_or(Field::Missing(Reason::NotPresent), |f| Field::Value(format!("/dev/{}", f.device))),
                uuid: p.id.clone(),
                device_size_bytes: f.map_or(Field::Missing(Reason::NotPresent), |f| Field::Value(f.label.device_size)),
                size_bytes: Field::Value(p.pe_count.saturating_mul(extent)),
                pe_start_bytes: sectors(p.pe_start_sectors),
                extent_count: p.pe_count,
                allocated_extent_count: alloc,
                free_bytes: p.pe_count.saturating_sub(alloc).saturating_mul(extent),
                status,
                mda_count: f
                    .map_or(Field::Missing(Reason::NotPresent), |f| Field::Value(f.label.metadata_areas.len() as u32)),
            }
        })
        .collect();
    let logical_volumes: Vec<LogicalVolume> = vg
        .lvs
        .iter()
        .map(|l| {
            let first = l.segments.first();
            let refs = |role: &str| {
                l.segments.iter().flat_map(|s| &s.lv_refs).find(|(r, _)| r == role).map(|(_, v)| v.clone())
            };
            let mut devices: Vec<String> = Vec::new();
            for (key, _) in l.segments.iter().flat_map(|s| &s.stripes) {
                let n = pv_name(key).unwrap_or_else(|| key.clone());
                if !devices.contains(&n) {
                    devices.push(n);
                }
            }
            // Areas of the first segment, as `lvs -o stripes` counts them: stripes, raid or
            // mirror images, a pool's data volume; none for a thin volume.
            let stripes = first.map_or(0, |s| {
                if !s.stripes.is_empty() {
                    s.stripe_count.unwrap_or(s.stripes.len() as u64)
                } else {
                    let images = s.lv_refs.iter().filter(|(r, _)| r == "raids" || r == "mirrors").count() as u64;
                    if images > 0 {
                        images
                    } else {
                        u64::from(s.lv_refs.iter().any(|(r, _)| r == "pool" || r == "data"))
                    }
                }
            });
            let stripes = Field::Value(stripes.min(u64::from(u32::MAX)) as u32);
            let dm_state = dm.get(&block_dm::lvm_uuid(&vg.id, &l.id));
            LogicalVolume {
                name: l.name.clone(),
                uuid: l.id.clone(),
                size_bytes: l.extent_count().saturating_mul(extent),
                extent_count: l.extent_count(),
                segment_types: l.segments.iter().map(lvm2_text::SegMeta::display_type).collect(),
                status: l.status.clone(),
                visible: l.visible(),
                stripes,
                stripe_size_bytes: first
                    .and_then(|s| s.stripe_size_sectors)
                    .map_or(Field::Missing(Reason::NotSupported), |s| Field::Value(s.saturating_mul(512))),
                pool_lv: refs("thin_pool").or_else(|| refs("cache_pool")),
                origin: refs("origin"),
                devices,
                creation_time: l.creation_time.map_or(Field::Missing(Reason::NotSupported), Field::Value),
                creation_host: l.creation_host.clone().map_or(Field::Missing(Reason::NotSupported), Field::Value),
                device_mapper: dm_state.map_or(Field::Missing(Reason::NotPresent), |s| Field::Value(s.clone())),
            }
        })
        .collect();
    let extent_count = vg.pvs.iter().fold(0u64, |a, p| a.saturating_add(p.pe_count));
    let allocated = physical_volumes.iter().fold(0u64, |a, p| a.saturating_add(p.allocated_extent_count));
    let free_extent_count = extent_count.saturating_sub(allocated);
    VolumeGroup {
        name: vg.name.clone(),
        uuid: vg.id.clone(),
        size_bytes: extent_count.saturating_mul(extent),
        free_bytes: free_extent_count.saturating_mul(extent),
        extent_size: extent,
        extent_count,
        free_extent_count,
        pv_count: vg.pvs.len() as u32,
        lv_count: logical_volumes.iter().filter(|l| l.visible).count() as u32,
        missing_pv_count: physical_volumes.iter().filter(|p| !p.name.is_value()).count() as u32,
        logical_volumes,
        physical_volumes,
        seqno: vg.seqno,
        status: vg.status.clone(),
    }
}
