//! `probe storage` and the storage section of `probe snapshot`: a SMART health table (what
//! `smartctl --scan` and `smartctl -H` tell, per disk), ZFS pools with their vdevs and
//! errors (like `zpool list -v` and `zpool status`), Btrfs filesystems (like `btrfs
//! filesystem usage` and `btrfs device stats`), and LVM (like `vgs`, `lvs`, `pvs`).

use std::fmt::Write;

use libprobe::Field;
use libprobe::storage::{PowerMode, SmartMetrics, SmartStatus, Storage, StorageProtocol};
use libprobe::text::escape;

use crate::render::{bytes, truncate};

fn or_dash<T: std::fmt::Display>(f: &Field<T>) -> String {
    f.value().map_or_else(|| "-".into(), |v| v.to_string())
}

fn why<T>(f: &Field<T>) -> String {
    f.reason().map_or_else(String::new, |r| format!("({r})"))
}

fn size(f: &Field<u64>) -> String {
    f.get().map_or_else(|| "-".into(), bytes)
}

/// The verdict column: `smartctl -H`'s PASSED/FAILED, or why there is none.
fn health(d: &SmartMetrics) -> String {
    match (&d.smart_status, &d.power_mode) {
        (_, Field::Value(PowerMode::Standby)) => "STANDBY (not woken)".into(),
        (Field::Value(SmartStatus::Passed), _) => "PASSED".into(),
        (Field::Value(SmartStatus::Failed), _) => "FAILED!".into(),
        (Field::Missing(r), _) => format!("- ({r})"),
    }
}

/// The whole storage report.
pub fn report(s: &Storage) -> String {
    let mut out = String::new();
    section(&mut out, s);
    out
}

/// The storage section: only the parts this machine has; the others say why in one line.
pub fn section(out: &mut String, s: &Storage) {
    let mut absent = Vec::new();
    match &s.smart {
        Field::Value(disks) => smart(out, disks),
        Field::Missing(r) => absent.push(format!("smart {r}")),
    }
    match &s.zfs_pools {
        Field::Value(pools) => zfs(out, s, pools),
        Field::Missing(r) => absent.push(format!("zfs {r}")),
    }
    match &s.btrfs {
        Field::Value(fss) => btrfs(out, fss),
        Field::Missing(r) => absent.push(format!("btrfs {r}")),
    }
    match &s.lvm {
        Field::Value(l) => lvm(out, l),
        Field::Missing(r) => absent.push(format!("lvm {r}")),
    }
    if !absent.is_empty() {
        let _ = writeln!(out, "\nnot here: {}", absent.join(", "));
    }
}

fn smart(out: &mut String, disks: &[SmartMetrics]) {
    let _ = writeln!(out, "\n== disks (SMART) ==");
    let _ = writeln!(
        out,
        "{:<12} {:<5} {:<30} {:>10} {:>6} {:>8} {:>8} {:>6}  HEALTH",
        "DEVICE", "TYPE", "MODEL", "SIZE", "TEMP", "HOURS", "REALLOC", "WEAR%"
    );
    for d in disks {
        let proto = match d.protocol {
            StorageProtocol::Sata => "sat",
            StorageProtocol::Nvme => "nvme",
            StorageProtocol::Sas => "scsi",
        };
        let temp = d.temperature_celsius.get().map_or_else(|| "-".into(), |t| format!("{t} C"));
        let _ = writeln!(
            out,
            "{:<12} {:<5} {:<30} {:>10} {:>6} {:>8} {:>8} {:>6}  {}",
            d.path,
            proto,
            truncate(&d.model.value().cloned().unwrap_or_default(), 30),
            size(&d.capacity_bytes),
            temp,
            or_dash(&d.power_on_hours),
            or_dash(&d.reallocated_sector_count),
            or_dash(&d.wear_leveling_count),
            health(d)
        );
    }
    for d in disks {
        let mut notes = Vec::new();
        if let Some(w) = d.nvme_critical_warning.get().filter(|w| *w != 0) {
            notes.push(format!("critical warning {w:#04x}"));
        }
        if let Some(p) = d.pending_sector_count.get().filter(|p| *p != 0) {
            notes.push(format!("{p} pending sectors"));
        }
        if let Some(u) = d.uncorrectable_sector_count.get().filter(|u| *u != 0) {
            notes.push(format!("{u} uncorrectable sectors"));
        }
        if let Some(m) = d.nvme_media_errors.get().filter(|m| *m != 0) {
            notes.push(format!("{m} media errors"));
        }
        let failing: Vec<String> = d
            .attributes
            .iter()
            .filter(|a| a.threshold.get().is_some_and(|t| t != 0 && a.value <= t))
            .map(|a| format!("attribute {} {} at {} (threshold {})", a.id, a.name, a.value, or_dash(&a.threshold)))
            .collect();
        notes.extend(failing);
        if !notes.is_empty() {
            let _ = writeln!(out, "  {}: {}", d.path, notes.join(", "));
        }
    }
}

fn zfs(out: &mut String, s: &Storage, pools: &[libprobe::storage::ZfsPoolMetrics]) {
    let _ = writeln!(out, "\n== ZFS pools ==");
    let _ = writeln!(
        out,
        "{:<24} {:>10} {:>10} {:>10} {:>5} {:>5} {:>6} {:>6}  {:<9} {:>5} {:>5} {:>5}",
        "NAME", "SIZE", "ALLOC", "FREE", "FRAG", "CAP", "DEDUP", "COMP", "HEALTH", "READ", "WRITE", "CKSUM"
    );
    let pct = |f: &Field<f64>| f.get().map_or_else(|| "-".into(), |v| format!("{v:.0}%"));
    let ratio = |f: &Field<f64>| f.get().map_or_else(|| "-".into(), |v| format!("{v:.2}x"));
    let state = |h: &Field<libprobe::storage::ZfsHealth>| {
        h.value().map_or_else(|| "-".into(), |h| libprobe::schema::EnumType::enum_value(h).name.to_uppercase())
    };
    for p in pools {
        let _ = writeln!(
            out,
            "{:<24} {:>10} {:>10} {:>10} {:>5} {:>5} {:>6} {:>6}  {:<9} {:>5} {:>5} {:>5}",
            p.name,
            size(&p.size_bytes),
            size(&p.allocated_bytes),
            size(&p.free_bytes),
            pct(&p.fragmentation_percent),
            pct(&p.capacity_percent),
            ratio(&p.dedup_ratio),
            ratio(&p.compression_ratio),
            state(&p.health),
            or_dash(&p.read_errors),
            or_dash(&p.write_errors),
            or_dash(&p.checksum_errors),
        );
        for v in p.vdevs.iter().skip(1) {
            let name = format!("{}{}", "  ".repeat(v.depth as usize), v.name);
            let _ = writeln!(
                out,
                "{:<24} {:>10} {:>10} {:>10} {:>5} {:>5} {:>6} {:>6}  {:<9} {:>5} {:>5} {:>5}",
                truncate(&name, 24),
                size(&v.size_bytes),
                size(&v.allocated_bytes),
                "",
                "",
                "",
                "",
                "",
                state(&v.health),
                or_dash(&v.read_errors),
                or_dash(&v.write_errors),
                or_dash(&v.checksum_errors),
            );
        }
        if p.vdevs.is_empty() {
            let _ = writeln!(out, "  (no configuration {})", why(&p.size_bytes));
        }
        for d in &p.datasets {
            let _ = writeln!(
                out,
                "  dataset {:<30} reads {:>10} ({})  writes {:>10} ({})",
                d.name,
                or_dash(&d.reads),
                size(&d.read_bytes),
                or_dash(&d.writes),
                size(&d.written_bytes)
            );
        }
    }
    if let Field::Value(arc) = &s.zfs_arc {
        let hits = arc.hits.get().unwrap_or(0);
        let total = hits.saturating_add(arc.misses.get().unwrap_or(0));
        let rate = if total > 0 { format!("{:.1}%", hits as f64 * 100.0 / total as f64) } else { "-".into() };
        let _ = writeln!(
            out,
            "ARC {} of {} target (max {}), hit rate {rate}",
            size(&arc.size_bytes),
            size(&arc.target_bytes),
            size(&arc.max_bytes)
        );
    }
}

fn btrfs(out: &mut String, fss: &[libprobe::storage::BtrfsMetrics]) {
    let _ = writeln!(out, "\n== Btrfs ==");
    for f in fss {
        let mount = f.mount_point.value().map_or_else(|| "not mounted here".into(), |m| escape(m.as_bytes()));
        let _ = writeln!(
            out,
            "{} ({}) on {mount}: {} used of {}, {} free (estimated); data ratio {}, metadata ratio {}, generation {}",
            f.label.as_deref().unwrap_or("no label"),
            f.uuid,
            bytes(f.used_bytes),
            size(&f.total_bytes),
            size(&f.free_estimated_bytes),
            f.data_ratio.get().map_or_else(|| "-".into(), |r| format!("{r:.2}")),
            f.metadata_ratio.get().map_or_else(|| "-".into(), |r| format!("{r:.2}")),
            or_dash(&f.generation)
        );
        for a in &f.allocations {
            let _ = writeln!(
                out,
                "  {:<9} {:<8} size {:>10} used {:>10}",
                a.kind,
                a.profiles.join(","),
                bytes(a.total_bytes),
                bytes(a.used_bytes)
            );
        }
        let _ = writeln!(
            out,
            "  {:>5} {:<16} {:>10} {:>10}  WRITE READ FLUSH CORRUPT GEN",
            "DEVID", "PATH", "SIZE", "ALLOC"
        );
        for d in &f.devices {
            let _ = writeln!(
                out,
                "  {:>5} {:<16} {:>10} {:>10}  {:>5} {:>4} {:>5} {:>7} {:>3}{}",
                d.devid,
                d.path.value().cloned().unwrap_or_else(|| "?".into()),
                size(&d.size_bytes),
                size(&d.allocated_bytes),
                or_dash(&d.write_errors),
                or_dash(&d.read_errors),
                or_dash(&d.flush_errors),
                or_dash(&d.corruption_errors),
                or_dash(&d.generation_errors),
                if d.missing == Field::Value(true) { "  MISSING" } else { "" }
            );
        }
    }
}

fn lvm(out: &mut String, l: &libprobe::storage::LvmMetrics) {
    let _ = writeln!(out, "\n== LVM ==");
    let _ = writeln!(out, "{:<16} {:>4} {:>4} {:>10} {:>10}  UUID", "VG", "#PV", "#LV", "VSIZE", "VFREE");
    for vg in &l.volume_groups {
        let _ = writeln!(
            out,
            "{:<16} {:>4} {:>4} {:>10} {:>10}  {}{}",
            vg.name,
            vg.pv_count,
            vg.lv_count,
            bytes(vg.size_bytes),
            bytes(vg.free_bytes),
            vg.uuid,
            if vg.missing_pv_count > 0 { format!("  ({} PV missing)", vg.missing_pv_count) } else { String::new() }
        );
    }
    let _ = writeln!(out, "{:<22} {:<16} {:>10} {:<12} {:<10} DEVICES", "LV", "VG", "LSIZE", "TYPE", "ACTIVE");
    for vg in &l.volume_groups {
        for lv in &vg.logical_volumes {
            let name = if lv.visible { lv.name.clone() } else { format!("[{}]", lv.name) };
            let active = lv.device_mapper.value().map_or_else(|| "-".into(), |d| d.device.clone());
            let _ = writeln!(
                out,
                "{:<22} {:<16} {:>10} {:<12} {:<10} {}",
                name,
                vg.name,
                bytes(lv.size_bytes),
                lv.segment_types.first().cloned().unwrap_or_default(),
                active,
                lv.pool_lv.clone().unwrap_or_else(|| lv.devices.join(","))
            );
        }
    }
    let _ = writeln!(out, "{:<16} {:<16} {:>10} {:>10}", "PV", "VG", "PSIZE", "PFREE");
    for vg in &l.volume_groups {
        for pv in &vg.physical_volumes {
            let _ = writeln!(
                out,
                "{:<16} {:<16} {:>10} {:>10}",
                pv.name.value().cloned().unwrap_or_else(|| format!("[unknown] {}", why(&pv.name))),
                vg.name,
                size(&pv.size_bytes),
                bytes(pv.free_bytes)
            );
        }
    }
    for pv in &l.orphan_physical_volumes {
        let _ = writeln!(
            out,
            "{:<16} {:<16} {:>10} {:>10}",
            or_dash(&pv.name),
            "",
            size(&pv.size_bytes),
            size(&pv.size_bytes)
        );
    }
}
