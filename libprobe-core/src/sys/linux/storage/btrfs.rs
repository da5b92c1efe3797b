//! Btrfs: every filesystem of `/sys/fs/btrfs`, with the ioctls of its mount point.
//!
//! A filesystem is tied to its mount through its devices: the mount's source device (as
//! `/proc/self/mountinfo` shows it) is one of `devices/`. When it is not mounted where
//! this process can see it, the ioctl fields are missing and sysfs still answers (device
//! error counters from `devinfo/<id>/error_stats` where the kernel has it).

use crate::domain::Cx;
use crate::error::{Error, ErrorKind};
use crate::model::{Field, Reason};
use crate::storage::{BtrfsAllocation, BtrfsDevice, BtrfsMetrics};
use crate::sys::linux::ioctl::{Device, btrfs};
use crate::sys::linux::procfs::pid_mountinfo;
use crate::sys::linux::sysfs::fs_btrfs;
use crate::text::ByteStr;

use super::{list, sys_opt};

pub(super) fn collect(cx: &mut Cx<'_>) -> Field<Vec<BtrfsMetrics>> {
    let src = cx.src();
    let uuids: Vec<String> = match list(&src.sys_path("fs/btrfs")) {
        Ok(e) => e.into_iter().filter(|n| is_uuid(n)).collect(),
        Err(e) => {
            let r = cx.reason(e);
            return Field::Missing(if r == Reason::NotSupported { Reason::NotPresent } else { r });
        }
    };
    if uuids.is_empty() {
        return Field::Missing(Reason::NotPresent);
    }
    let mounts = match src.read_proc("self/mountinfo") {
        Ok(b) => {
            // A line that does not parse is left out with a warning; the others are kept.
            let (mounts, problems) = pid_mountinfo::parse(&b);
            cx.warnings().problems(&src.proc_path("self/mountinfo"), &problems);
            mounts
        }
        Err(e) => {
            let _ = cx.reason(e);
            Vec::new()
        }
    };
    let mounts: Vec<_> = mounts.into_iter().filter(|m| m.fs_type == "btrfs").collect();
    Field::Value(uuids.iter().map(|u| filesystem(cx, u, &mounts)).collect())
}

fn is_uuid(s: &str) -> bool {
    s.len() == 36
        && s.bytes()
            .enumerate()
            .all(|(i, c)| if matches!(i, 8 | 13 | 18 | 23) { c == b'-' } else { c.is_ascii_hexdigit() })
}

fn number(cx: &mut Cx<'_>, rel: &str, name: &'static str) -> Field<u64> {
    let src = cx.src();
    let r = src.read_sys(rel).and_then(|b| fs_btrfs::value(&b, name).map_err(|e| e.in_file(src.sys_path(rel))));
    cx.field(r)
}

fn flag(cx: &mut Cx<'_>, rel: &str) -> Field<bool> {
    number(cx, rel, "flag").and_then(|v| match v {
        0 => Field::Value(false),
        1 => Field::Value(true),
        _ => Field::Missing(Reason::Error),
    })
}

fn filesystem(cx: &mut Cx<'_>, uuid: &str, mounts: &[pid_mountinfo::MountInfo]) -> BtrfsMetrics {
    let src = cx.src();
    let base = format!("fs/btrfs/{uuid}");
    let label = match sys_opt(src, &format!("{base}/label")) {
        Ok(Some(b)) => fs_btrfs::label(&b),
        Ok(None) => None,
        Err(e) => {
            let _ = cx.reason(e);
            None
        }
    };
    let members = list(&src.sys_path(format!("{base}/devices"))).unwrap_or_default();
    // Device-mapper members are mounted by their /dev/mapper name.
    let mapper: Vec<String> = members
        .iter()
        .filter(|m| m.starts_with("dm-"))
        .filter_map(|m| sys_opt(src, &format!("class/block/{m}/dm/name")).ok().flatten())
        .filter_map(|n| crate::sys::linux::sysfs::class_block::text(&n))
        .collect();
    let mount = mounts.iter().find(|m| {
        let source = String::from_utf8_lossy(&m.source);
        let base = source.rsplit('/').next().unwrap_or("");
        source.starts_with("/dev/") && (members.iter().any(|d| d == base) || mapper.iter().any(|d| d == base))
    });
    let dev = match mount {
        Some(m) => Device::open_dir(src, &src.root_path(&m.mount_point), &format!("btrfs/{uuid}")),
        None => Err(Error::new(ErrorKind::NotPresent, "not mounted where this process can see it")),
    };
    let ask = |cx: &mut Cx<'_>,
               q: &str,
               live: &dyn Fn(std::os::fd::RawFd) -> std::io::Result<Vec<u8>>|
     -> Result<Vec<u8>, Reason> {
        match &dev {
            Ok(d) => d.query(src, q, live).map_err(|e| cx.reason(e)),
            Err(e) => Err(if e.kind() == ErrorKind::NotPresent { Reason::NotPresent } else { cx.reason(e.clone()) }),
        }
    };
    let info = ask(cx, "fs_info", &btrfs::fs_info).and_then(|b| {
        btrfs::decode_fs_info(&b).map_err(|e| {
            cx.warn(e.in_file(src.sys_path(&base)));
            Reason::Error
        })
    });

    // Allocation per block-group type.
    let mut allocations = Vec::new();
    for kind in ["data", "metadata", "system"] {
        let dir = format!("{base}/allocation/{kind}");
        let (Field::Value(total), Field::Value(used), Field::Value(disk_total), Field::Value(disk_used)) = (
            number(cx, &format!("{dir}/total_bytes"), "total_bytes"),
            number(cx, &format!("{dir}/bytes_used"), "bytes_used"),
            number(cx, &format!("{dir}/disk_total"), "disk_total"),
            number(cx, &format!("{dir}/disk_used"), "disk_used"),
        ) else {
            continue;
        };
        let profiles = list(&src.sys_path(&dir))
            .unwrap_or_default()
            .into_iter()
            .filter(|p| fs_btrfs::is_profile(p.as_bytes()))
            .collect();
        allocations.push(BtrfsAllocation {
            kind: kind.to_owned(),
            profiles,
            total_bytes: total,
            used_bytes: used,
            disk_total_bytes: disk_total,
            disk_used_bytes: disk_used,
        });
    }
    let alloc = |k: &str| allocations.iter().find(|a| a.kind == k);
    let ratio = |k: &str| match alloc(k) {
        Some(a) if a.total_bytes > 0 => Field::Value(a.disk_total_bytes as f64 / a.total_bytes as f64),
        _ => Field::Missing(Reason::NotPresent),
    };
    let used_bytes = allocations.iter().fold(0u64, |s, a| s.saturating_add(a.disk_used_bytes));
    let allocated_bytes = allocations.iter().fold(0u64, |s, a| s.saturating_add(a.disk_total_bytes));

    // Devices: every devid sysfs lists, else 1..=max_id.
    let mut devids: Vec<u64> = list(&src.sys_path(format!("{base}/devinfo")))
        .unwrap_or_default()
        .iter()
        .filter_map(|d| d.parse().ok())
        .collect();
    if devids.is_empty()
        && let Ok(i) = &info
    {
        devids = (1..=i.max_id.min(4096)).collect();
    }
    devids.sort_unstable();
    let mut devices = Vec::new();
    for id in devids {
        let di = ask(cx, &format!("dev_info_{id}"), &|fd| btrfs::dev_info(fd, id)).and_then(|b| {
            btrfs::decode_dev_info(&b).map_err(|e| {
                cx.warn(e.in_file(src.sys_path(&base)));
                Reason::Error
            })
        });
        if let Err(Reason::NotPresent) = di {
            // No such devid (a removed device leaves a hole), when sysfs did not list them.
            if !src.sys_path(format!("{base}/devinfo/{id}")).exists() && dev.is_ok() {
                continue;
            }
        }
        let stats = match ask(cx, &format!("dev_stats_{id}"), &|fd| btrfs::dev_stats(fd, id)) {
            Ok(b) => btrfs::decode_dev_stats(&b).map_err(|e| {
                cx.warn(e.in_file(src.sys_path(&base)));
                Reason::Error
            }),
            Err(r) => {
                // The same counters in sysfs (Linux 5.14+), when the ioctl is out of reach.
                match sys_opt(src, &format!("{base}/devinfo/{id}/error_stats")) {
                    Ok(Some(b)) => fs_btrfs::error_stats(&b).map_err(|e| {
                        cx.warn(e.in_file(src.sys_path(format!("{base}/devinfo/{id}/error_stats"))));
                        Reason::Error
                    }),
                    _ => Err(r),
                }
            }
        };
        let stat = |i: usize| match &stats {
            Ok(s) => s[i].map_or(Field::Missing(Reason::NotSupported), Field::Value),
            Err(r) => Field::Missing(*r),
        };
        let (size, used) = match &di {
            Ok(d) => (Field::Value(d.total_bytes), Field::Value(d.bytes_used)),
            Err(r) => (Field::Missing(*r), Field::Missing(*r)),
        };
        let path = match &di {
            Ok(d) if !d.path.is_empty() => Field::Value(d.path.clone()),
            Ok(_) => Field::Missing(Reason::NotSupported),
            Err(r) => Field::Missing(*r),
        };
        let devinfo = format!("{base}/devinfo/{id}");
        let (missing, writeable) = if src.sys_path(&devinfo).exists() {
            (flag(cx, &format!("{devinfo}/missing")), flag(cx, &format!("{devinfo}/writeable")))
        } else {
            (Field::Missing(Reason::NotSupported), Field::Missing(Reason::NotSupported))
        };
        devices.push(BtrfsDevice {
            devid: id,
            path,
            size_bytes: size,
            allocated_bytes: used,
            unallocated_bytes: match (size, used) {
                (Field::Value(s), Field::Value(u)) => {
                    s.checked_sub(u).map_or(Field::Missing(Reason::Error), Field::Value)
                }
                (Field::Missing(r), _) | (_, Field::Missing(r)) => Field::Missing(r),
            },
            write_errors: stat(0),
            read_errors: stat(1),
            flush_errors: stat(2),
            corruption_errors: stat(3),
            generation_errors: stat(4),
            missing,
            writeable,
        });
    }
    let total_bytes = devices.iter().try_fold(0u64, |s, d| match d.size_bytes {
        Field::Value(v) => Ok(s.saturating_add(v)),
        Field::Missing(r) => Err(r),
    });
    let total_bytes: Field<u64> =
        if devices.is_empty() { Field::Missing(Reason::NotPresent) } else { total_bytes.into() };
    let unallocated =
        total_bytes.and_then(|t| t.checked_sub(allocated_bytes).map_or(Field::Missing(Reason::Error), Field::Value));
    let free_estimated = match (unallocated, alloc("data")) {
        (Field::Value(u), Some(d)) if d.total_bytes > 0 && d.disk_total_bytes > 0 => {
            let unused = d.total_bytes.saturating_sub(d.used_bytes);
            let from_unallocated = (u128::from(u) * u128::from(d.total_bytes) / u128::from(d.disk_total_bytes)) as u64;
            Field::Value(unused.saturating_add(from_unallocated))
        }
        (Field::Missing(r), _) => Field::Missing(r),
        _ => Field::Missing(Reason::NotPresent),
    };
    let rsv_size = number(cx, &format!("{base}/allocation/global_rsv_size"), "global_rsv_size");
    let rsv_reserved = number(cx, &format!("{base}/allocation/global_rsv_reserved"), "global_rsv_reserved");
    let generation = match &info {
        Ok(i) if i.generation.is_some() => i.generation.map_or(Field::Missing(Reason::NotSupported), Field::Value),
        _ => match sys_opt(src, &format!("{base}/generation")) {
            Ok(Some(_)) => number(cx, &format!("{base}/generation"), "generation"),
            Ok(None) => Field::Missing(info.as_ref().err().copied().unwrap_or(Reason::NotSupported)),
            Err(e) => Field::Missing(cx.reason(e)),
        },
    };
    let sized = |f: fn(&btrfs::FsInfo) -> u32| match &info {
        Ok(i) => Field::Value(f(i)),
        Err(r) => Field::Missing(*r),
    };
    BtrfsMetrics {
        uuid: uuid.to_owned(),
        label,
        devices,
        total_bytes,
        used_bytes,
        data_ratio: ratio("data"),
        metadata_ratio: ratio("metadata"),
        generation,
        mount_point: mount
            .map_or(Field::Missing(Reason::NotPresent), |m| Field::Value(ByteStr::from(&m.mount_point[..]))),
        allocated_bytes,
        unallocated_bytes: unallocated,
        free_estimated_bytes: free_estimated,
        global_reserve_bytes: rsv_size,
        global_reserve_used_bytes: match (rsv_size, rsv_reserved) {
            (Field::Value(s), Field::Value(r)) => s.checked_sub(r).map_or(Field::Missing(Reason::Error), Field::Value),
            (Field::Missing(r), _) | (_, Field::Missing(r)) => Field::Missing(r),
        },
        allocations,
        node_size: sized(|i| i.node_size),
        sector_size: sized(|i| i.sector_size),
    }
}
