//! ATA commands through `SG_IO` wrapped in ATA PASS-THROUGH (16) (SAT-3, opcode `85h`):
//! what libata, SAS HBAs and USB bridges that speak SAT translate for an ATA disk.
//!
//! Queries (fixture answers under `ioctl/<disk>/`, see [`super`]):
//!
//! | query | ATA command | answer |
//! |---|---|---|
//! | `ata_check_power_mode` | CHECK POWER MODE (`E5h`) | sense buffer (registers) |
//! | `ata_identify` | IDENTIFY DEVICE (`ECh`) | 512 bytes |
//! | `ata_smart_read_data` | SMART READ DATA (`B0h`/`D0h`) | 512 bytes |
//! | `ata_smart_read_thresholds` | SMART READ THRESHOLDS (`B0h`/`D1h`) | 512 bytes |
//! | `ata_smart_return_status` | SMART RETURN STATUS (`B0h`/`DAh`) | sense buffer (registers) |
//!
//! A command without data returns its result in the ATA registers: the CDB sets
//! `CK_COND`, and the translation layer answers CHECK CONDITION with sense data holding an
//! ATA Status Return descriptor (`09h`, descriptor format) or, for fixed-format sense, the
//! registers in the INFORMATION and COMMAND-SPECIFIC INFORMATION fields (SAT-3 12.2.2.6).
//!
//! Structures (ACS-3): IDENTIFY DEVICE words 10–19 serial, 23–26 firmware, 27–46 model
//! (ATA strings: two characters per word, first in the high byte), 60–61 28-bit sectors,
//! 82/85 SMART supported/enabled (bit 0), 83 bit 10 48-bit addressing, 100–103 48-bit
//! sectors, 106 sector size flags, 117–118 logical sector size in words, 168 form factor,
//! 217 rotation rate, 255 integrity word (`A5h` signature in byte 510, checksum in 511).
//! SMART READ DATA: revision (2 bytes), then 30 entries of 12 bytes — id, flags (16 bit),
//! value, worst, raw (6 bytes, little-endian), reserved — and a checksum byte (511) that
//! makes the 512 bytes sum to 0. READ THRESHOLDS: the same frame, entries of id and
//! threshold. Both are read as the drive returns them: a bad checksum is reported to the
//! caller (which warns), not hidden.

use std::io;
use std::os::fd::RawFd;

use super::{ascii_field, le, sg_io};
use crate::error::ParseError;

const ATA_16: u8 = 0x85;
const IDENTIFY_DEVICE: u8 = 0xec;
const SMART: u8 = 0xb0;
const CHECK_POWER_MODE: u8 = 0xe5;
const SMART_READ_DATA: u8 = 0xd0;
const SMART_READ_THRESHOLDS: u8 = 0xd1;
const SMART_RETURN_STATUS: u8 = 0xda;
/// The key SMART commands carry in LBA mid/high.
const SMART_LBA_MID: u8 = 0x4f;
const SMART_LBA_HIGH: u8 = 0xc2;

/// A PIO data-in command of one 512-byte block.
fn cdb_pio_in(command: u8, features: u8, lba_mid: u8, lba_high: u8) -> [u8; 16] {
    // Protocol 4 (PIO data-in); T_DIR from device, BYT_BLOK blocks, T_LENGTH in COUNT.
    [ATA_16, 4 << 1, 0x0e, 0, features, 0, 1, 0, 0, 0, lba_mid, 0, lba_high, 0, command, 0]
}

/// A command without data whose registers come back in the sense data (`CK_COND`).
fn cdb_non_data(command: u8, features: u8, lba_mid: u8, lba_high: u8) -> [u8; 16] {
    [ATA_16, 3 << 1, 0x20, 0, features, 0, 0, 0, 0, 0, lba_mid, 0, lba_high, 0, command, 0]
}

fn registers_out(fd: RawFd, cdb: &[u8]) -> io::Result<Vec<u8>> {
    let r = sg_io::run(fd, cdb, 0)?;
    if sg_io::sense_key(&r.sense) == Some(sg_io::ILLEGAL_REQUEST) || r.sense.is_empty() {
        // Not a SAT device, or one that ignores CK_COND: no registers to read.
        return Err(io::Error::from_raw_os_error(libc::EOPNOTSUPP));
    }
    Ok(r.sense)
}

/// CHECK POWER MODE: the sense data holding the registers.
pub(crate) fn check_power_mode(fd: RawFd) -> io::Result<Vec<u8>> {
    registers_out(fd, &cdb_non_data(CHECK_POWER_MODE, 0, 0, 0))
}

/// SMART RETURN STATUS: the sense data holding the registers.
pub(crate) fn smart_return_status(fd: RawFd) -> io::Result<Vec<u8>> {
    registers_out(fd, &cdb_non_data(SMART, SMART_RETURN_STATUS, SMART_LBA_MID, SMART_LBA_HIGH))
}

/// IDENTIFY DEVICE: 512 bytes.
pub(crate) fn identify(fd: RawFd) -> io::Result<Vec<u8>> {
    sg_io::data_in(fd, &cdb_pio_in(IDENTIFY_DEVICE, 0, 0, 0), 512)
}

/// SMART READ DATA: 512 bytes.
pub(crate) fn smart_read_data(fd: RawFd) -> io::Result<Vec<u8>> {
    sg_io::data_in(fd, &cdb_pio_in(SMART, SMART_READ_DATA, SMART_LBA_MID, SMART_LBA_HIGH), 512)
}

/// SMART READ THRESHOLDS: 512 bytes.
pub(crate) fn smart_read_thresholds(fd: RawFd) -> io::Result<Vec<u8>> {
    sg_io::data_in(fd, &cdb_pio_in(SMART, SMART_READ_THRESHOLDS, SMART_LBA_MID, SMART_LBA_HIGH), 512)
}

/// The ATA registers after a command (the low byte of each 16-bit register).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Registers {
    pub error: u8,
    pub count: u8,
    pub lba_low: u8,
    pub lba_mid: u8,
    pub lba_high: u8,
    pub device: u8,
    pub status: u8,
}

/// The registers in the sense data of an ATA PASS-THROUGH command.
pub(crate) fn decode_registers(sense: &[u8]) -> Result<Registers, ParseError> {
    let code = sense.first().ok_or(ParseError::missing("response_code"))? & 0x7f;
    match code {
        0x72 | 0x73 => {
            let added = usize::from(*sense.get(7).ok_or(ParseError::missing("additional_length"))?);
            let end = (8 + added).min(sense.len());
            let mut off = 8;
            while off + 2 <= end {
                let (kind, len) = (sense[off], usize::from(sense[off + 1]));
                if kind == 0x09 {
                    let d = sense.get(off..off + 14).ok_or(ParseError::invalid("ata_status_return"))?;
                    return Ok(Registers {
                        error: d[3],
                        count: d[5],
                        lba_low: d[7],
                        lba_mid: d[9],
                        lba_high: d[11],
                        device: d[12],
                        status: d[13],
                    });
                }
                off += 2 + len;
            }
            Err(ParseError::missing("ata_status_return"))
        }
        0x70 | 0x71 => {
            let d = sense.get(..12).ok_or(ParseError::invalid("fixed_sense"))?;
            Ok(Registers {
                error: d[3],
                status: d[4],
                device: d[5],
                count: d[6],
                lba_low: d[9],
                lba_mid: d[10],
                lba_high: d[11],
            })
        }
        _ => Err(ParseError::invalid("response_code")),
    }
}

/// The power mode CHECK POWER MODE reports in COUNT.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum PowerState {
    Active,
    Idle,
    Standby,
    Unknown(u8),
}

pub(crate) fn power_state(r: &Registers) -> PowerState {
    match r.count {
        0x00 | 0x01 => PowerState::Standby,
        0x80..=0x83 => PowerState::Idle,
        0xff => PowerState::Active,
        v => PowerState::Unknown(v),
    }
}

/// SMART RETURN STATUS: `Some(true)` passed, `Some(false)` threshold exceeded, `None` when
/// LBA mid/high hold neither signature.
pub(crate) fn smart_passed(r: &Registers) -> Option<bool> {
    match (r.lba_mid, r.lba_high) {
        (SMART_LBA_MID, SMART_LBA_HIGH) => Some(true),
        (0xf4, 0x2c) => Some(false),
        _ => None,
    }
}

/// What IDENTIFY DEVICE says about a disk.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Identity {
    pub model: String,
    pub serial: String,
    pub firmware: String,
    /// Logical sectors × logical sector size; `None` when the words are zero.
    pub capacity_bytes: Option<u64>,
    /// 0 for a solid-state device; `None` when not reported.
    pub rotation_rate: Option<u16>,
    pub form_factor: Option<&'static str>,
    pub smart_supported: bool,
    pub smart_enabled: bool,
    /// The integrity word's checksum is wrong (the structure was still read).
    pub bad_checksum: bool,
}

fn word(b: &[u8], w: usize) -> u16 {
    le::<2>(b, 2 * w).map_or(0, |v| v as u16)
}

/// An ATA string: each word holds two characters, the first in its high byte.
fn ata_string(b: &[u8], first: usize, last: usize) -> String {
    let mut s = Vec::with_capacity(2 * (last - first + 1));
    for w in first..=last {
        let v = word(b, w);
        s.push((v >> 8) as u8);
        s.push(v as u8);
    }
    ascii_field(&s)
}

/// A word is valid when it is neither 0 nor FFFFh (not supported / not reported).
fn valid(v: u16) -> bool {
    v != 0 && v != 0xffff
}

pub(crate) fn decode_identify(b: &[u8]) -> Result<Identity, ParseError> {
    if b.len() < 512 {
        return Err(ParseError::malformed("IDENTIFY DEVICE data shorter than 512 bytes"));
    }
    let bad_checksum = b[510] == 0xa5 && b[..512].iter().fold(0u8, |a, &x| a.wrapping_add(x)) != 0;
    let (w82, w83, w85) = (word(b, 82), word(b, 83), word(b, 85));
    let sectors48 = (0..4).rev().fold(0u64, |acc, i| (acc << 16) | u64::from(word(b, 100 + i)));
    let sectors28 = u64::from(word(b, 60)) | u64::from(word(b, 61)) << 16;
    let sectors = if valid(w83) && w83 & (1 << 10) != 0 && sectors48 != 0 { sectors48 } else { sectors28 };
    let w106 = word(b, 106);
    let sector_size = if w106 & 0xc000 == 0x4000 && w106 & (1 << 12) != 0 {
        let words = u64::from(word(b, 117)) | u64::from(word(b, 118)) << 16;
        words * 2
    } else {
        512
    };
    let rotation_rate = match word(b, 217) {
        1 => Some(0),
        v @ 0x0401..=0xfffe => Some(v),
        _ => None,
    };
    let form_factor = match word(b, 168) & 0x0f {
        1 => Some("5.25 inches"),
        2 => Some("3.5 inches"),
        3 => Some("2.5 inches"),
        4 => Some("1.8 inches"),
        5 => Some("less than 1.8 inches"),
        6 => Some("mSATA"),
        7 => Some("M.2"),
        8 => Some("MicroSSD"),
        9 => Some("CFast"),
        _ => None,
    };
    Ok(Identity {
        model: ata_string(b, 27, 46),
        serial: ata_string(b, 10, 19),
        firmware: ata_string(b, 23, 26),
        capacity_bytes: (sectors != 0 && sector_size != 0).then(|| sectors.checked_mul(sector_size)).flatten(),
        rotation_rate,
        form_factor,
        smart_supported: valid(w82) && w82 & 1 != 0,
        smart_enabled: valid(w85) && w85 & 1 != 0,
        bad_checksum,
    })
}

/// One entry of SMART READ DATA.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct RawAttribute {
    pub id: u8,
    pub flags: u16,
    pub value: u8,
    pub worst: u8,
    pub raw: u64,
}

fn frame(b: &[u8]) -> Result<(&[u8], bool), ParseError> {
    let b = b.get(..512).ok_or(ParseError::malformed("SMART data shorter than 512 bytes"))?;
    let good = b.iter().fold(0u8, |a, &x| a.wrapping_add(x)) == 0;
    Ok((b, good))
}

/// SMART READ DATA: the attributes (entries with id 0 are empty slots) and whether the
/// checksum holds.
pub(crate) fn decode_smart_data(b: &[u8]) -> Result<(Vec<RawAttribute>, bool), ParseError> {
    let (b, good) = frame(b)?;
    let attrs = b[2..2 + 30 * 12]
        .chunks_exact(12)
        .filter(|e| e[0] != 0)
        .map(|e| RawAttribute {
            id: e[0],
            flags: u16::from_le_bytes([e[1], e[2]]),
            value: e[3],
            worst: e[4],
            raw: le::<6>(e, 5).map_or(0, |v| v as u64),
        })
        .collect();
    Ok((attrs, good))
}

/// SMART READ THRESHOLDS: (id, threshold) per entry, and whether the checksum holds.
pub(crate) fn decode_thresholds(b: &[u8]) -> Result<(Vec<(u8, u8)>, bool), ParseError> {
    let (b, good) = frame(b)?;
    let t = b[2..2 + 30 * 12].chunks_exact(12).filter(|e| e[0] != 0).map(|e| (e[0], e[1])).collect();
    Ok((t, good))
}

/// libprobe's names for the common attribute ids (their usual meaning; vendors differ).
pub(crate) fn attribute_name(id: u8) -> &'static str {
    match id {
        1 => "read_error_rate",
        2 => "throughput_performance",
        3 => "spin_up_time",
        4 => "start_stop_count",
        5 => "reallocated_sectors",
        7 => "seek_error_rate",
        8 => "seek_time_performance",
        9 => "power_on_hours",
        10 => "spin_retry_count",
        11 => "calibration_retry_count",
        12 => "power_cycle_count",
        13 => "soft_read_error_rate",
        170 => "reserved_block_space",
        171 => "program_fail_count",
        172 => "erase_fail_count",
        173 => "wear_leveling",
        174 => "unexpected_power_loss_count",
        177 => "wear_leveling",
        179 => "used_reserved_blocks",
        181 => "program_fail_count",
        182 => "erase_fail_count",
        183 => "runtime_bad_blocks",
        184 => "end_to_end_errors",
        187 => "reported_uncorrectable_errors",
        188 => "command_timeouts",
        189 => "high_fly_writes",
        190 => "airflow_temperature",
        191 => "shock_events",
        192 => "power_off_retracts",
        193 => "load_cycle_count",
        194 => "temperature",
        195 => "hardware_ecc_recovered",
        196 => "reallocation_events",
        197 => "pending_sectors",
        198 => "offline_uncorrectable_sectors",
        199 => "interface_crc_errors",
        200 => "write_error_rate",
        220 => "disk_shift",
        222 => "loaded_hours",
        223 => "load_retry_count",
        224 => "load_friction",
        226 => "load_in_time",
        231 => "life_left",
        232 => "available_reserved_space",
        233 => "media_wearout",
        240 => "head_flying_hours",
        241 => "lbas_written",
        242 => "lbas_read",
        254 => "free_fall_events",
        _ => "unknown",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn identify_sample() -> Vec<u8> {
        let mut b = vec![0u8; 512];
        let put = |b: &mut Vec<u8>, w: usize, v: u16| b[2 * w..2 * w + 2].copy_from_slice(&v.to_le_bytes());
        for (i, pair) in b"SN0001  ".chunks(2).enumerate() {
            put(&mut b, 10 + i, u16::from(pair[0]) << 8 | u16::from(pair[1]));
        }
        for (i, pair) in b"TEST DISK 1 ".chunks(2).enumerate() {
            put(&mut b, 27 + i, u16::from(pair[0]) << 8 | u16::from(pair[1]));
        }
        put(&mut b, 82, 0x746b);
        put(&mut b, 83, 0x7f01 | 1 << 10);
        put(&mut b, 85, 0x7469);
        put(&mut b, 100, 0x1000);
        put(&mut b, 217, 7200);
        put(&mut b, 168, 2);
        b[510] = 0xa5;
        let sum = b.iter().fold(0u8, |a, &x| a.wrapping_add(x));
        b[511] = 0u8.wrapping_sub(sum);
        b
    }

    #[test]
    fn identify_fields() {
        let id = decode_identify(&identify_sample()).unwrap();
        assert_eq!((id.serial.as_str(), id.model.as_str()), ("SN0001", "TEST DISK 1"));
        assert_eq!(id.capacity_bytes, Some(0x1000 * 512));
        assert_eq!((id.rotation_rate, id.form_factor), (Some(7200), Some("3.5 inches")));
        assert!(id.smart_supported && id.smart_enabled && !id.bad_checksum);
        let mut bad = identify_sample();
        bad[100] ^= 1;
        assert!(decode_identify(&bad).unwrap().bad_checksum);
        assert!(decode_identify(&[0; 100]).is_err());
    }

    #[test]
    fn registers_from_both_sense_formats() {
        // Descriptor format: ATA Status Return descriptor, COUNT FFh (active), passed key.
        let mut d =
            vec![0x72, 0x01, 0x00, 0x1d, 0, 0, 0, 14, 0x09, 0x0c, 0, 0, 0, 0xff, 0, 0, 0, 0x4f, 0, 0xc2, 0x40, 0x50];
        let r = decode_registers(&d).unwrap();
        assert_eq!((power_state(&r), smart_passed(&r), r.status), (PowerState::Active, Some(true), 0x50));
        d[13] = 0;
        assert_eq!(power_state(&decode_registers(&d).unwrap()), PowerState::Standby);
        // Fixed format: COUNT in byte 6, LBA mid/high in bytes 10/11.
        let f = [0x70, 0, 0x01, 0, 0x50, 0x40, 0x80, 10, 0, 0, 0xf4, 0x2c, 0, 0x1d];
        let r = decode_registers(&f).unwrap();
        assert_eq!((power_state(&r), smart_passed(&r)), (PowerState::Idle, Some(false)));
        assert!(decode_registers(&[0x72, 0, 0, 0, 0, 0, 0, 2, 0x01, 0x00]).is_err());
        assert!(decode_registers(&[0x72, 0, 0, 0, 0, 0, 0, 14, 0x09, 0x0c, 0]).is_err());
        assert!(decode_registers(&[]).is_err());
    }

    #[test]
    fn smart_data_and_thresholds() {
        let mut b = vec![0u8; 512];
        b[0] = 16;
        b[2..14].copy_from_slice(&[194, 0x22, 0, 110, 81, 40, 0, 0, 0x11, 0, 0, 0]);
        b[14..26].copy_from_slice(&[5, 0x33, 0, 192, 192, 63, 0, 0, 0, 0, 0, 0]);
        let sum = b.iter().fold(0u8, |a, &x| a.wrapping_add(x));
        b[511] = 0u8.wrapping_sub(sum);
        let (attrs, good) = decode_smart_data(&b).unwrap();
        assert!(good);
        assert_eq!(attrs.len(), 2);
        assert_eq!((attrs[0].id, attrs[0].value, attrs[0].worst, attrs[0].raw), (194, 110, 81, 0x1100_0028));
        assert_eq!(attrs[1].flags, 0x33);
        b[3] ^= 1;
        assert!(!decode_smart_data(&b).unwrap().1);
        let mut t = vec![0u8; 512];
        t[2] = 5;
        t[3] = 140;
        let (th, _) = decode_thresholds(&t).unwrap();
        assert_eq!(th, vec![(5, 140)]);
        assert!(decode_smart_data(&b[..511]).is_err());
    }
}
