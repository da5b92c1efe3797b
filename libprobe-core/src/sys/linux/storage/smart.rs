//! SMART health of NVMe controllers (`/sys/class/nvme/*`) and SCSI disks
//! (`/sys/class/block/sd*`: ATA behind libata or a SAT bridge, or SCSI proper).
//!
//! Per disk: the sysfs identity first (anyone may read it), then the pass-through queries.
//! An ATA disk is asked CHECK POWER MODE before anything else; in standby it is sent
//! nothing more and its SMART fields are `standby`. A query that fails leaves its fields
//! missing with the error's reason (`permission_denied` without root, `not_supported`
//! when the device rejects the command) and the other queries still run.

use crate::domain::Cx;
use crate::error::{Error, ErrorKind, ParseError};
use crate::model::{Field, Reason};
use crate::source::Source;
use crate::storage::{PowerMode, SmartAttribute, SmartMetrics, SmartStatus, StorageOptions, StorageProtocol};
use crate::sys::linux::ioctl::{Device, nvme, sg_ata, sg_scsi};
use crate::sys::linux::sysfs::{class_block, class_nvme};

use super::{list, sys_opt, sys_parse};

/// Collects every disk; also returns the disks found in standby (LVM leaves them alone).
pub(super) fn collect(cx: &mut Cx<'_>, opts: &StorageOptions) -> (Field<Vec<SmartMetrics>>, Vec<String>) {
    let src = cx.src();
    let mut out = Vec::new();
    let mut asleep = Vec::new();
    match list(&src.sys_path("class/nvme")) {
        Ok(ctrls) => {
            for c in ctrls.iter().filter(|c| opts.wants_device(c)) {
                out.push(nvme_controller(cx, c));
            }
        }
        Err(e) => absent_or_warn(cx, e),
    }
    match list(&src.sys_path("class/block")) {
        Ok(devs) => {
            for d in devs.iter().filter(|d| d.starts_with("sd") && opts.wants_device(d)) {
                if src.sys_path(format!("class/block/{d}/partition")).exists() {
                    continue;
                }
                let m = scsi_disk(cx, d);
                if m.power_mode == Field::Value(PowerMode::Standby) {
                    asleep.push(d.clone());
                }
                out.push(m);
            }
        }
        Err(e) => absent_or_warn(cx, e),
    }
    let field = if out.is_empty() { Field::Missing(Reason::NotPresent) } else { Field::Value(out) };
    (field, asleep)
}

fn absent_or_warn(cx: &mut Cx<'_>, e: Error) {
    if e.kind() != ErrorKind::NotFound {
        cx.warn(e);
    }
}

/// A record with every SMART field missing for `reason`, and the identity still unknown.
fn blank(device: &str, protocol: StorageProtocol, reason: Reason) -> SmartMetrics {
    macro_rules! m {
        () => {
            Field::Missing(reason)
        };
    }
    macro_rules! n {
        () => {
            Field::Missing(Reason::NotSupported)
        };
    }
    SmartMetrics {
        device: device.to_owned(),
        path: format!("/dev/{device}"),
        model: n!(),
        serial: n!(),
        firmware: n!(),
        capacity_bytes: n!(),
        rotation_rate: n!(),
        form_factor: n!(),
        protocol,
        smart_enabled: m!(),
        smart_status: m!(),
        temperature_celsius: m!(),
        power_on_hours: m!(),
        power_cycle_count: m!(),
        reallocated_sector_count: m!(),
        pending_sector_count: m!(),
        uncorrectable_sector_count: m!(),
        wear_leveling_count: m!(),
        nvme_spare_percent: m!(),
        nvme_unsafe_shutdowns: m!(),
        nvme_media_errors: m!(),
        attributes: Vec::new(),
        power_mode: m!(),
        nvme_critical_warning: m!(),
        nvme_spare_threshold_percent: m!(),
        nvme_percentage_used: m!(),
        nvme_data_read_bytes: m!(),
        nvme_data_written_bytes: m!(),
        nvme_host_read_commands: m!(),
        nvme_host_write_commands: m!(),
        nvme_controller_busy_minutes: m!(),
        nvme_error_log_entries: m!(),
        nvme_warning_temperature_minutes: m!(),
        nvme_critical_temperature_minutes: m!(),
        nvme_temperature_sensors_celsius: Field::Missing(reason),
        temperature_warning_celsius: m!(),
        temperature_critical_celsius: m!(),
        scsi_read_uncorrected_errors: m!(),
        scsi_write_uncorrected_errors: m!(),
    }
}

/// Every field only one protocol has is `not_supported` for the others.
fn not_for_protocol(m: &mut SmartMetrics) {
    let n = Reason::NotSupported;
    if m.protocol != StorageProtocol::Sas {
        m.scsi_read_uncorrected_errors = Field::Missing(n);
        m.scsi_write_uncorrected_errors = Field::Missing(n);
    }
    match m.protocol {
        StorageProtocol::Nvme => {
            for f in [&mut m.reallocated_sector_count, &mut m.pending_sector_count, &mut m.uncorrectable_sector_count] {
                *f = Field::Missing(n);
            }
            m.power_mode = Field::Missing(n);
        }
        StorageProtocol::Sata | StorageProtocol::Sas => {
            for f in [
                &mut m.nvme_unsafe_shutdowns,
                &mut m.nvme_media_errors,
                &mut m.nvme_data_read_bytes,
                &mut m.nvme_data_written_bytes,
                &mut m.nvme_host_read_commands,
                &mut m.nvme_host_write_commands,
                &mut m.nvme_controller_busy_minutes,
                &mut m.nvme_error_log_entries,
                &mut m.nvme_warning_temperature_minutes,
                &mut m.nvme_critical_temperature_minutes,
            ] {
                *f = Field::Missing(n);
            }
            for f in [&mut m.nvme_spare_percent, &mut m.nvme_spare_threshold_percent, &mut m.nvme_percentage_used] {
                *f = Field::Missing(n);
            }
            m.nvme_critical_warning = Field::Missing(n);
            m.nvme_temperature_sensors_celsius = Field::Missing(n);
            m.temperature_critical_celsius = Field::Missing(n);
            if m.protocol == StorageProtocol::Sata {
                m.temperature_warning_celsius = Field::Missing(n);
            } else {
                for f in
                    [&mut m.reallocated_sector_count, &mut m.pending_sector_count, &mut m.uncorrectable_sector_count]
                {
                    *f = Field::Missing(n);
                }
                m.wear_leveling_count = Field::Missing(n);
                m.power_mode = Field::Missing(n);
            }
        }
    }
}

fn sys_text(src: &Source, rel: &str) -> Field<String> {
    match sys_opt(src, rel) {
        Ok(Some(b)) => class_block::text(&b).map_or(Field::Missing(Reason::NotSupported), Field::Value),
        Ok(None) => Field::Missing(Reason::NotSupported),
        Err(e) => Field::Missing(e.reason()),
    }
}

/// Runs a query and decodes its answer; the error (with the device and query) otherwise.
fn ask<T>(
    src: &Source,
    dev: &Device,
    query: &str,
    live: impl FnOnce(std::os::fd::RawFd) -> std::io::Result<Vec<u8>>,
    decode: impl FnOnce(&[u8]) -> Result<T, ParseError>,
) -> Result<T, Error> {
    let b = dev.query(src, query, live)?;
    decode(&b).map_err(|e| e.in_file(dev.query_label(query)))
}

fn u128_field(cx: &mut Cx<'_>, v: u128, what: &str) -> Field<u64> {
    match u64::try_from(v) {
        Ok(v) => Field::Value(v),
        Err(_) => {
            cx.warn(format!("{what}: {v} does not fit 64 bits"));
            Field::Missing(Reason::Error)
        }
    }
}

fn nvme_controller(cx: &mut Cx<'_>, ctrl: &str) -> SmartMetrics {
    let src = cx.src();
    let mut m = blank(ctrl, StorageProtocol::Nvme, Reason::NotSupported);
    let base = format!("class/nvme/{ctrl}");
    m.model = sys_text(src, &format!("{base}/model"));
    m.serial = sys_text(src, &format!("{base}/serial"));
    m.firmware = sys_text(src, &format!("{base}/firmware_rev"));
    // The namespaces' sizes, and whether they rotate (NVMe hard disks exist).
    let entries = list(&src.sys_path(&base)).unwrap_or_default();
    let mut ns_bytes: Option<u64> = None;
    let mut rotational = None;
    for ns in entries.iter().filter(|e| class_nvme::is_namespace(ctrl, e.as_bytes())) {
        if let Field::Value(b) = sys_parse(cx, &format!("class/block/{ns}/size"), class_block::size_bytes) {
            ns_bytes = Some(ns_bytes.unwrap_or(0).saturating_add(b));
        }
        if let Ok(Some(r)) = sys_opt(src, &format!("class/block/{ns}/queue/rotational")) {
            rotational = class_block::flag(&r, "rotational").ok().or(rotational);
        }
    }
    m.rotation_rate = match rotational {
        Some(false) => Field::Value(0),
        _ => Field::Missing(Reason::NotSupported),
    };
    m.capacity_bytes = ns_bytes.map_or(Field::Missing(Reason::NotSupported), Field::Value);
    // The hwmon sensor (Linux 5.5+), for whoever cannot send admin commands.
    let hwmon_temp = entries
        .iter()
        .find(|e| e.starts_with("hwmon"))
        .map(|h| sys_parse(cx, &format!("{base}/{h}/temp1_input"), class_nvme::temp_celsius));

    let dev = match Device::open_dev(src, ctrl) {
        Ok(d) => d,
        Err(e) => {
            let r = cx.reason(e);
            let mut out = blank(ctrl, StorageProtocol::Nvme, r);
            (out.model, out.serial, out.firmware) = (m.model, m.serial, m.firmware);
            (out.capacity_bytes, out.rotation_rate) = (m.capacity_bytes, m.rotation_rate);
            if let Some(t @ Field::Value(_)) = hwmon_temp {
                out.temperature_celsius = t;
            }
            not_for_protocol(&mut out);
            return out;
        }
    };
    match ask(src, &dev, "nvme_identify_controller", nvme::identify_controller, nvme::decode_identify_controller) {
        Ok(id) => {
            for (field, v) in [(&mut m.model, id.model), (&mut m.serial, id.serial), (&mut m.firmware, id.firmware)] {
                if !v.is_empty() {
                    *field = Field::Value(v);
                }
            }
            if let Some(cap) = id.total_capacity {
                m.capacity_bytes = u128_field(cx, cap, "nvme total capacity");
            }
            m.temperature_warning_celsius =
                id.warning_temp_kelvin.map_or(Field::Missing(Reason::NotSupported), |k| Field::Value(nvme::celsius(k)));
            m.temperature_critical_celsius = id
                .critical_temp_kelvin
                .map_or(Field::Missing(Reason::NotSupported), |k| Field::Value(nvme::celsius(k)));
        }
        Err(e) => {
            let r = cx.reason(e);
            m.temperature_warning_celsius = Field::Missing(r);
            m.temperature_critical_celsius = Field::Missing(r);
        }
    }
    match ask(src, &dev, "nvme_smart_log", nvme::smart_log, nvme::decode_smart_log) {
        Ok(log) => {
            m.smart_enabled = Field::Value(true);
            m.smart_status =
                Field::Value(if log.critical_warning == 0 { SmartStatus::Passed } else { SmartStatus::Failed });
            m.nvme_critical_warning = Field::Value(log.critical_warning);
            m.temperature_celsius = if log.composite_temp_kelvin == 0 {
                Field::Missing(Reason::NotSupported)
            } else {
                Field::Value(nvme::celsius(log.composite_temp_kelvin))
            };
            m.nvme_spare_percent = Field::Value(log.available_spare);
            m.nvme_spare_threshold_percent = Field::Value(log.spare_threshold);
            m.nvme_percentage_used = Field::Value(log.percentage_used);
            m.wear_leveling_count = Field::Value(100u8.saturating_sub(log.percentage_used));
            let bytes = |units: u128| units.saturating_mul(512_000);
            m.nvme_data_read_bytes = u128_field(cx, bytes(log.data_units_read), "nvme data read");
            m.nvme_data_written_bytes = u128_field(cx, bytes(log.data_units_written), "nvme data written");
            m.nvme_host_read_commands = u128_field(cx, log.host_read_commands, "nvme host read commands");
            m.nvme_host_write_commands = u128_field(cx, log.host_write_commands, "nvme host write commands");
            m.nvme_controller_busy_minutes = u128_field(cx, log.controller_busy_minutes, "nvme busy time");
            m.power_cycle_count = u128_field(cx, log.power_cycles, "nvme power cycles");
            m.power_on_hours = u128_field(cx, log.power_on_hours, "nvme power-on hours");
            m.nvme_unsafe_shutdowns = u128_field(cx, log.unsafe_shutdowns, "nvme unsafe shutdowns");
            m.nvme_media_errors = u128_field(cx, log.media_errors, "nvme media errors");
            m.nvme_error_log_entries = u128_field(cx, log.error_log_entries, "nvme error log entries");
            m.nvme_warning_temperature_minutes = Field::Value(u64::from(log.warning_temp_minutes));
            m.nvme_critical_temperature_minutes = Field::Value(u64::from(log.critical_temp_minutes));
            m.nvme_temperature_sensors_celsius =
                Field::Value(log.sensors_kelvin.iter().flatten().map(|k| nvme::celsius(*k)).collect());
        }
        Err(e) => {
            let r = cx.reason(e);
            let keep = (m.model.clone(), m.serial.clone(), m.firmware.clone(), m.capacity_bytes, m.rotation_rate);
            let (w, c) = (m.temperature_warning_celsius, m.temperature_critical_celsius);
            m = blank(ctrl, StorageProtocol::Nvme, r);
            (m.model, m.serial, m.firmware, m.capacity_bytes, m.rotation_rate) = keep;
            (m.temperature_warning_celsius, m.temperature_critical_celsius) = (w, c);
            if let Some(t @ Field::Value(_)) = hwmon_temp {
                m.temperature_celsius = t;
            }
        }
    }
    not_for_protocol(&mut m);
    m
}

/// The identity sysfs gives a SCSI disk: model (vendor and model, or the model alone for
/// ATA), firmware, serial (VPD 80h), capacity.
fn scsi_sysfs_identity(cx: &mut Cx<'_>, m: &mut SmartMetrics, name: &str, ata: bool) {
    let src = cx.src();
    let dev = format!("class/block/{name}/device");
    let vendor = sys_text(src, &format!("{dev}/vendor"));
    let model = sys_text(src, &format!("{dev}/model"));
    m.model = match (vendor, model) {
        (Field::Value(v), Field::Value(p)) if !ata => Field::Value(format!("{v} {p}")),
        (_, p) => p,
    };
    m.firmware = sys_text(src, &format!("{dev}/rev"));
    m.serial = match sys_opt(src, &format!("{dev}/vpd_pg80")) {
        Ok(Some(b)) => sg_scsi::decode_vpd_serial(&b)
            .ok()
            .filter(|s| !s.is_empty())
            .map_or(Field::Missing(Reason::NotSupported), Field::Value),
        Ok(None) => Field::Missing(Reason::NotSupported),
        Err(e) => Field::Missing(e.reason()),
    };
    m.capacity_bytes = sys_parse(cx, &format!("class/block/{name}/size"), class_block::size_bytes);
}

fn scsi_disk(cx: &mut Cx<'_>, name: &str) -> SmartMetrics {
    let src = cx.src();
    let vendor = sys_opt(src, &format!("class/block/{name}/device/vendor")).ok().flatten();
    let libata = vendor.as_deref().and_then(class_block::text).is_some_and(|v| v == "ATA");
    let sat = src.sys_path(format!("class/block/{name}/device/vpd_pg89")).exists();
    let dev = match Device::open_dev(src, name) {
        Ok(d) => d,
        Err(e) => {
            let r = cx.reason(e);
            let protocol = if libata || sat { StorageProtocol::Sata } else { StorageProtocol::Sas };
            let mut m = blank(name, protocol, r);
            scsi_sysfs_identity(cx, &mut m, name, libata);
            not_for_protocol(&mut m);
            return m;
        }
    };
    // ATA if libata says so or the device has the ATA information VPD page; otherwise a
    // device that answers CHECK POWER MODE through ATA PASS-THROUGH is an ATA disk behind
    // a bridge that speaks SAT (USB enclosures often skip the VPD pages).
    let power = ask(src, &dev, "ata_check_power_mode", sg_ata::check_power_mode, sg_ata::decode_registers);
    if libata || sat || power.is_ok() { ata_disk(cx, name, &dev, power, libata) } else { scsi_proper(cx, name, &dev) }
}

fn ata_disk(
    cx: &mut Cx<'_>,
    name: &str,
    dev: &Device,
    power: Result<sg_ata::Registers, Error>,
    libata: bool,
) -> SmartMetrics {
    let src = cx.src();
    let mut m = blank(name, StorageProtocol::Sata, Reason::NotSupported);
    scsi_sysfs_identity(cx, &mut m, name, libata);
    let mut rotational = None;
    if let Ok(Some(r)) = sys_opt(src, &format!("class/block/{name}/queue/rotational")) {
        rotational = class_block::flag(&r, "rotational").ok();
    }
    match power {
        Ok(regs) => {
            let mode = match sg_ata::power_state(&regs) {
                sg_ata::PowerState::Active => PowerMode::Active,
                sg_ata::PowerState::Idle => PowerMode::Idle,
                sg_ata::PowerState::Standby => PowerMode::Standby,
                sg_ata::PowerState::Unknown(_) => PowerMode::Unknown,
            };
            m.power_mode = Field::Value(mode);
            if mode == PowerMode::Standby {
                let mut out = blank(name, StorageProtocol::Sata, Reason::Standby);
                (out.model, out.serial, out.firmware, out.capacity_bytes) =
                    (m.model, m.serial, m.firmware, m.capacity_bytes);
                out.power_mode = Field::Value(PowerMode::Standby);
                not_for_protocol(&mut out);
                return out;
            }
        }
        // A device that cannot tell its power mode is read as smartctl reads it.
        Err(e) => m.power_mode = Field::Missing(cx.reason(e)),
    }
    let identity = match ask(src, dev, "ata_identify", sg_ata::identify, sg_ata::decode_identify) {
        Ok(id) => id,
        Err(e) => {
            let r = cx.reason(e);
            let mut out = blank(name, StorageProtocol::Sata, r);
            (out.model, out.serial, out.firmware, out.capacity_bytes) =
                (m.model, m.serial, m.firmware, m.capacity_bytes);
            out.power_mode = m.power_mode;
            not_for_protocol(&mut out);
            return out;
        }
    };
    if identity.bad_checksum {
        cx.warn(format!("{}: IDENTIFY DEVICE integrity checksum mismatch", dev.query_label("ata_identify").display()));
    }
    m.model = Field::Value(identity.model);
    m.serial = Field::Value(identity.serial);
    m.firmware = Field::Value(identity.firmware);
    if let Some(c) = identity.capacity_bytes {
        m.capacity_bytes = Field::Value(c);
    }
    m.rotation_rate = match (identity.rotation_rate, rotational) {
        (Some(r), _) => Field::Value(r),
        _ => Field::Missing(Reason::NotSupported),
    };
    m.form_factor = identity.form_factor.map_or(Field::Missing(Reason::NotSupported), |f| Field::Value(f.to_owned()));
    m.smart_enabled = Field::Value(identity.smart_enabled);
    if !identity.smart_supported || !identity.smart_enabled {
        let r = if identity.smart_supported { Reason::NotEnabled } else { Reason::NotSupported };
        let keep = (m.model, m.serial, m.firmware, m.capacity_bytes, m.rotation_rate, m.form_factor, m.power_mode);
        m = blank(name, StorageProtocol::Sata, r);
        (m.model, m.serial, m.firmware, m.capacity_bytes, m.rotation_rate, m.form_factor, m.power_mode) = keep;
        m.smart_enabled = Field::Value(identity.smart_enabled);
        not_for_protocol(&mut m);
        return m;
    }
    m.smart_status =
        match ask(src, dev, "ata_smart_return_status", sg_ata::smart_return_status, sg_ata::decode_registers) {
            Ok(regs) => match sg_ata::smart_passed(&regs) {
                Some(true) => Field::Value(SmartStatus::Passed),
                Some(false) => Field::Value(SmartStatus::Failed),
                None => {
                    cx.warn(format!(
                        "{}: neither signature in LBA mid/high ({:02x}h/{:02x}h)",
                        dev.query_label("ata_smart_return_status").display(),
                        regs.lba_mid,
                        regs.lba_high
                    ));
                    Field::Missing(Reason::Error)
                }
            },
            Err(e) => Field::Missing(cx.reason(e)),
        };
    let thresholds =
        match ask(src, dev, "ata_smart_read_thresholds", sg_ata::smart_read_thresholds, sg_ata::decode_thresholds) {
            Ok((t, good)) => {
                if !good {
                    cx.warn(format!("{}: checksum mismatch", dev.query_label("ata_smart_read_thresholds").display()));
                }
                Ok(t)
            }
            Err(e) => Err(cx.reason(e)),
        };
    match ask(src, dev, "ata_smart_read_data", sg_ata::smart_read_data, sg_ata::decode_smart_data) {
        Ok((attrs, good)) => {
            if !good {
                cx.warn(format!("{}: checksum mismatch", dev.query_label("ata_smart_read_data").display()));
            }
            m.attributes = attrs
                .iter()
                .map(|a| SmartAttribute {
                    id: a.id,
                    name: sg_ata::attribute_name(a.id).to_owned(),
                    value: a.value,
                    worst: a.worst,
                    threshold: match &thresholds {
                        Ok(t) => t
                            .iter()
                            .find(|(id, _)| *id == a.id)
                            .map_or(Field::Missing(Reason::NotSupported), |(_, v)| Field::Value(*v)),
                        Err(r) => Field::Missing(*r),
                    },
                    raw_value: a.raw,
                    flags: a.flags,
                })
                .collect();
            named_from_attributes(cx, &mut m, name);
        }
        Err(e) => {
            let r = cx.reason(e);
            for f in [
                &mut m.power_on_hours,
                &mut m.power_cycle_count,
                &mut m.reallocated_sector_count,
                &mut m.pending_sector_count,
                &mut m.uncorrectable_sector_count,
            ] {
                *f = Field::Missing(r);
            }
            m.temperature_celsius = Field::Missing(r);
            m.wear_leveling_count = Field::Missing(r);
        }
    }
    not_for_protocol(&mut m);
    m
}

/// The specification's named fields from the standard attribute ids.
fn named_from_attributes(cx: &mut Cx<'_>, m: &mut SmartMetrics, name: &str) {
    let raw = |id: u8| m.attributes.iter().find(|a| a.id == id).map(|a| a.raw_value);
    let raw_field = |id: u8| raw(id).map_or(Field::Missing(Reason::NotSupported), Field::Value);
    m.temperature_celsius =
        raw(194).or(raw(190)).map_or(Field::Missing(Reason::NotSupported), |r| Field::Value(i32::from(r as u8)));
    m.power_on_hours = raw(9).map_or(Field::Missing(Reason::NotSupported), |r| Field::Value(r & 0xffff_ffff));
    m.power_cycle_count = raw_field(12);
    m.reallocated_sector_count = raw_field(5);
    m.pending_sector_count = raw_field(197);
    m.uncorrectable_sector_count = raw_field(198);
    let wear = [177u8, 231, 233, 173].iter().find_map(|id| m.attributes.iter().find(|a| a.id == *id));
    m.wear_leveling_count = match wear {
        None => Field::Missing(Reason::NotSupported),
        Some(a) if a.value <= 100 => Field::Value(a.value),
        Some(a) => {
            cx.warn(format!("/dev/{name}: wear attribute {} has normalised value {} (above 100)", a.id, a.value));
            Field::Missing(Reason::Error)
        }
    };
}

fn scsi_proper(cx: &mut Cx<'_>, name: &str, dev: &Device) -> SmartMetrics {
    let src = cx.src();
    let mut m = blank(name, StorageProtocol::Sas, Reason::NotSupported);
    scsi_sysfs_identity(cx, &mut m, name, false);
    match ask(src, dev, "scsi_inquiry", sg_scsi::inquiry, sg_scsi::decode_inquiry) {
        Ok(i) => {
            m.model = Field::Value(format!("{} {}", i.vendor, i.product).trim().to_owned());
            m.firmware = Field::Value(i.revision);
        }
        Err(e) => {
            let r = cx.reason(e);
            let mut out = blank(name, StorageProtocol::Sas, r);
            (out.model, out.serial, out.firmware, out.capacity_bytes) =
                (m.model, m.serial, m.firmware, m.capacity_bytes);
            not_for_protocol(&mut out);
            return out;
        }
    }
    match ask(src, dev, "scsi_vpd_80", |fd| sg_scsi::vpd(fd, 0x80), sg_scsi::decode_vpd_serial) {
        Ok(s) if !s.is_empty() => m.serial = Field::Value(s),
        Ok(_) => {}
        Err(e) => {
            let _ = cx.reason(e);
        }
    }
    match ask(src, dev, "scsi_read_capacity_16", sg_scsi::read_capacity_16, sg_scsi::decode_read_capacity_16) {
        Ok(c) => m.capacity_bytes = Field::Value(c),
        Err(e) => {
            let _ = cx.reason(e);
        }
    }
    match ask(src, dev, "scsi_vpd_b1", |fd| sg_scsi::vpd(fd, 0xb1), sg_scsi::decode_vpd_characteristics) {
        Ok((rate, form)) => {
            m.rotation_rate = rate.map_or(Field::Missing(Reason::NotSupported), Field::Value);
            m.form_factor = form.map_or(Field::Missing(Reason::NotSupported), |f| Field::Value(f.to_owned()));
        }
        Err(e) => {
            let r = cx.reason(e);
            m.rotation_rate = Field::Missing(r);
            m.form_factor = Field::Missing(r);
        }
    }
    // Ask only for the pages the device lists, when it lists them.
    let supported = ask(src, dev, "scsi_log_sense_00", |fd| sg_scsi::log_sense(fd, 0), sg_scsi::decode_supported_pages);
    let supported = match supported {
        Ok(p) => Some(p),
        Err(e) if e.kind() == ErrorKind::PermissionDenied => {
            let r = cx.reason(e);
            for f in [&mut m.temperature_celsius, &mut m.temperature_warning_celsius] {
                *f = Field::Missing(r);
            }
            for f in [&mut m.power_on_hours, &mut m.power_cycle_count] {
                *f = Field::Missing(r);
            }
            m.smart_status = Field::Missing(r);
            m.smart_enabled = Field::Missing(r);
            m.scsi_read_uncorrected_errors = Field::Missing(r);
            m.scsi_write_uncorrected_errors = Field::Missing(r);
            not_for_protocol(&mut m);
            return m;
        }
        Err(e) => {
            let _ = cx.reason(e);
            None
        }
    };
    let listed = |page: u8| supported.as_ref().is_none_or(|p| p.contains(&page));
    let page = |cx: &mut Cx<'_>, code: u8| -> Result<Vec<u8>, Reason> {
        if !listed(code) {
            return Err(Reason::NotSupported);
        }
        let q = format!("scsi_log_sense_{code:02x}");
        dev.query(src, &q, |fd| sg_scsi::log_sense(fd, code)).map_err(|e| cx.reason(e))
    };
    match page(cx, 0x0d) {
        Ok(b) => match sg_scsi::decode_log_page(&b) {
            Ok(p) => {
                let (cur, reference) = sg_scsi::temperatures(&p);
                m.temperature_celsius =
                    cur.map_or(Field::Missing(Reason::NotSupported), |t| Field::Value(i32::from(t)));
                m.temperature_warning_celsius =
                    reference.map_or(Field::Missing(Reason::NotSupported), |t| Field::Value(i32::from(t)));
            }
            Err(e) => {
                cx.warn(e.in_file(dev.query_label("scsi_log_sense_0d")));
                m.temperature_celsius = Field::Missing(Reason::Error);
            }
        },
        Err(r) => {
            m.temperature_celsius = Field::Missing(r);
            m.temperature_warning_celsius = Field::Missing(r);
        }
    }
    match page(cx, 0x2f) {
        Ok(b) => match sg_scsi::decode_log_page(&b).ok().as_ref().and_then(sg_scsi::informational_exception) {
            Some((asc, ascq, temp)) => {
                m.smart_enabled = Field::Value(true);
                m.smart_status = Field::Value(if asc == 0 { SmartStatus::Passed } else { SmartStatus::Failed });
                if asc != 0 {
                    cx.warn(format!("/dev/{name}: failure prediction (ASC {asc:02x}h, ASCQ {ascq:02x}h)"));
                }
                if !m.temperature_celsius.is_value()
                    && let Some(t) = temp
                {
                    m.temperature_celsius = Field::Value(i32::from(t));
                }
            }
            None => {
                cx.warn(format!(
                    "{}: no informational exception parameter",
                    dev.query_label("scsi_log_sense_2f").display()
                ));
                m.smart_status = Field::Missing(Reason::Error);
            }
        },
        Err(r) => {
            m.smart_status = Field::Missing(r);
            m.smart_enabled = Field::Missing(r);
        }
    }
    m.power_cycle_count = match page(cx, 0x0e) {
        Ok(b) => sg_scsi::decode_log_page(&b)
            .ok()
            .and_then(|p| p.counter(0x0004))
            .map_or(Field::Missing(Reason::NotSupported), Field::Value),
        Err(r) => Field::Missing(r),
    };
    // Error counter pages: parameter 0006h, total uncorrected errors.
    let uncorrected = |cx: &mut Cx<'_>, code: u8| match page(cx, code) {
        Ok(b) => sg_scsi::decode_log_page(&b)
            .ok()
            .and_then(|p| p.counter(0x0006))
            .map_or(Field::Missing(Reason::NotSupported), Field::Value),
        Err(r) => Field::Missing(r),
    };
    m.scsi_read_uncorrected_errors = uncorrected(cx, 0x03);
    m.scsi_write_uncorrected_errors = uncorrected(cx, 0x02);
    m.power_on_hours = match page(cx, 0x15) {
        Ok(b) => sg_scsi::decode_log_page(&b)
            .ok()
            .and_then(|p| {
                p.param(0).and_then(|v| v.get(..4)).map(|v| u64::from(u32::from_be_bytes([v[0], v[1], v[2], v[3]])))
            })
            .map_or(Field::Missing(Reason::NotSupported), |min| Field::Value(min / 60)),
        Err(r) => Field::Missing(r),
    };
    not_for_protocol(&mut m);
    m
}
