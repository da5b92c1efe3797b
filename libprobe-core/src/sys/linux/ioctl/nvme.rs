//! NVMe admin commands through `NVME_IOCTL_ADMIN_CMD` on a controller's character device
//! (`/dev/nvme0`), `include/uapi/linux/nvme_ioctl.h`.
//!
//! Queries (fixture answers under `ioctl/<controller>/`, see [`super`]):
//!
//! | query | command | answer |
//! |---|---|---|
//! | `nvme_identify_controller` | Identify (`06h`), CNS 01h | 4096 bytes |
//! | `nvme_smart_log` | Get Log Page (`02h`), LID 02h, NSID FFFFFFFFh | 512 bytes |
//!
//! Identify Controller (NVM Express Base 2.0, figure 275): bytes 4–23 serial, 24–63 model,
//! 64–71 firmware revision (ASCII, space padded), 266–267 WCTEMP and 268–269 CCTEMP
//! (kelvin, 0 when not reported), 280–295 TNVMCAP (bytes, 128 bit; 0 when the controller
//! does not support namespace management), 516–519 number of namespaces.
//!
//! SMART / Health Information (figure 207), little-endian: byte 0 critical warning, 1–2
//! composite temperature (kelvin), 3 available spare %, 4 spare threshold %, 5 percentage
//! used, 32–47 data units read and 48–63 written (units of 1000 × 512 bytes), 64–79 host
//! read commands, 80–95 host write commands, 96–111 controller busy time (minutes),
//! 112–127 power cycles, 128–143 power-on hours, 144–159 unsafe shutdowns, 160–175 media
//! and data integrity errors, 176–191 error information log entries (each 128 bit),
//! 192–195 warning and 196–199 critical composite temperature time (minutes, 32 bit),
//! 200–215 temperature sensors 1–8 (kelvin, 0 when the sensor is not implemented).
//!
//! Admin commands need CAP_SYS_ADMIN on most kernels (EACCES otherwise). Get Log Page for
//! the SMART log is answered by a controller in a low-power state without waking its
//! media.

use std::io;
use std::os::fd::RawFd;

use super::{ascii_field, le};
use crate::error::ParseError;

/// `_IOWR('N', 0x41, struct nvme_admin_cmd)`.
const NVME_IOCTL_ADMIN_CMD: libc::c_ulong = 0xc048_4e41;
const OPC_GET_LOG_PAGE: u8 = 0x02;
const OPC_IDENTIFY: u8 = 0x06;
const CNS_CONTROLLER: u32 = 0x01;
const LID_SMART: u32 = 0x02;
const TIMEOUT_MS: u32 = 5_000;

#[repr(C)]
#[derive(Default)]
struct PassthruCmd {
    opcode: u8,
    flags: u8,
    rsvd1: u16,
    nsid: u32,
    cdw2: u32,
    cdw3: u32,
    metadata: u64,
    addr: u64,
    metadata_len: u32,
    data_len: u32,
    cdw10: u32,
    cdw11: u32,
    cdw12: u32,
    cdw13: u32,
    cdw14: u32,
    cdw15: u32,
    timeout_ms: u32,
    result: u32,
}

fn admin(fd: RawFd, mut cmd: PassthruCmd, len: usize) -> io::Result<Vec<u8>> {
    let mut data = vec![0u8; len];
    cmd.addr = data.as_mut_ptr() as u64;
    cmd.data_len = len as u32;
    cmd.timeout_ms = TIMEOUT_MS;
    // SAFETY: `cmd` is a `struct nvme_passthru_cmd` whose `addr` points to `data`, which is
    // `data_len` writable bytes and outlives the call.
    let status = unsafe { super::ioctl(fd, NVME_IOCTL_ADMIN_CMD, (&raw mut cmd).cast())? };
    if status != 0 {
        // A positive return is the NVMe status field: the controller rejected the command.
        return Err(io::Error::from_raw_os_error(if status & 0x7ff == 0x02 { libc::EOPNOTSUPP } else { libc::EIO }));
    }
    Ok(data)
}

/// Identify Controller: 4096 bytes.
pub(crate) fn identify_controller(fd: RawFd) -> io::Result<Vec<u8>> {
    admin(fd, PassthruCmd { opcode: OPC_IDENTIFY, cdw10: CNS_CONTROLLER, ..PassthruCmd::default() }, 4096)
}

/// The SMART / Health Information log page for the whole controller: 512 bytes.
pub(crate) fn smart_log(fd: RawFd) -> io::Result<Vec<u8>> {
    // NUMDL: dwords to transfer, minus one.
    let numdl = (512 / 4 - 1) << 16;
    let cmd =
        PassthruCmd { opcode: OPC_GET_LOG_PAGE, nsid: 0xffff_ffff, cdw10: LID_SMART | numdl, ..Default::default() };
    admin(fd, cmd, 512)
}

/// What Identify Controller says.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct IdentifyController {
    pub serial: String,
    pub model: String,
    pub firmware: String,
    /// Kelvin; `None` when 0.
    pub warning_temp_kelvin: Option<u16>,
    pub critical_temp_kelvin: Option<u16>,
    /// Total NVM capacity; `None` when 0 (not reported).
    pub total_capacity: Option<u128>,
    pub namespaces: u32,
}

pub(crate) fn decode_identify_controller(b: &[u8]) -> Result<IdentifyController, ParseError> {
    if b.len() < 4096 {
        return Err(ParseError::malformed("Identify Controller data shorter than 4096 bytes"));
    }
    let nz16 = |off| le::<2>(b, off).map(|v| v as u16).filter(|v| *v != 0);
    Ok(IdentifyController {
        serial: ascii_field(&b[4..24]),
        model: ascii_field(&b[24..64]),
        firmware: ascii_field(&b[64..72]),
        warning_temp_kelvin: nz16(266),
        critical_temp_kelvin: nz16(268),
        total_capacity: le::<16>(b, 280).filter(|v| *v != 0),
        namespaces: le::<4>(b, 516).map_or(0, |v| v as u32),
    })
}

/// The SMART / Health Information log.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct SmartLog {
    pub critical_warning: u8,
    pub composite_temp_kelvin: u16,
    pub available_spare: u8,
    pub spare_threshold: u8,
    pub percentage_used: u8,
    pub data_units_read: u128,
    pub data_units_written: u128,
    pub host_read_commands: u128,
    pub host_write_commands: u128,
    pub controller_busy_minutes: u128,
    pub power_cycles: u128,
    pub power_on_hours: u128,
    pub unsafe_shutdowns: u128,
    pub media_errors: u128,
    pub error_log_entries: u128,
    pub warning_temp_minutes: u32,
    pub critical_temp_minutes: u32,
    /// Sensors 1–8 in kelvin, `None` where not implemented.
    pub sensors_kelvin: [Option<u16>; 8],
}

pub(crate) fn decode_smart_log(b: &[u8]) -> Result<SmartLog, ParseError> {
    if b.len() < 512 {
        return Err(ParseError::malformed("SMART log shorter than 512 bytes"));
    }
    let u128_at = |off: usize| le::<16>(b, off).unwrap_or(0);
    let mut sensors_kelvin = [None; 8];
    for (i, s) in sensors_kelvin.iter_mut().enumerate() {
        *s = le::<2>(b, 200 + 2 * i).map(|v| v as u16).filter(|v| *v != 0);
    }
    Ok(SmartLog {
        critical_warning: b[0],
        composite_temp_kelvin: u16::from_le_bytes([b[1], b[2]]),
        available_spare: b[3],
        spare_threshold: b[4],
        percentage_used: b[5],
        data_units_read: u128_at(32),
        data_units_written: u128_at(48),
        host_read_commands: u128_at(64),
        host_write_commands: u128_at(80),
        controller_busy_minutes: u128_at(96),
        power_cycles: u128_at(112),
        power_on_hours: u128_at(128),
        unsafe_shutdowns: u128_at(144),
        media_errors: u128_at(160),
        error_log_entries: u128_at(176),
        warning_temp_minutes: le::<4>(b, 192).map_or(0, |v| v as u32),
        critical_temp_minutes: le::<4>(b, 196).map_or(0, |v| v as u32),
        sensors_kelvin,
    })
}

/// Kelvin to whole degrees Celsius.
pub(crate) fn celsius(kelvin: u16) -> i32 {
    i32::from(kelvin) - 273
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn command_layout() {
        assert_eq!(std::mem::size_of::<PassthruCmd>(), 72);
        assert_eq!(std::mem::offset_of!(PassthruCmd, addr), 24);
        assert_eq!(std::mem::offset_of!(PassthruCmd, cdw10), 40);
    }

    #[test]
    fn identify_and_log() {
        let mut id = vec![0u8; 4096];
        id[4..12].copy_from_slice(b"S123    ");
        id[24..34].copy_from_slice(b"MODEL X   ");
        id[64..72].copy_from_slice(b"FW1     ");
        id[266..268].copy_from_slice(&354u16.to_le_bytes());
        id[280..288].copy_from_slice(&1_024_209_543_168u64.to_le_bytes());
        let c = decode_identify_controller(&id).unwrap();
        assert_eq!((c.serial.as_str(), c.model.as_str(), c.firmware.as_str()), ("S123", "MODEL X", "FW1"));
        assert_eq!((c.warning_temp_kelvin, c.critical_temp_kelvin), (Some(354), None));
        assert_eq!(c.total_capacity, Some(1_024_209_543_168));
        assert!(decode_identify_controller(&id[..4095]).is_err());

        let mut log = vec![0u8; 512];
        log[0] = 0x04;
        log[1..3].copy_from_slice(&317u16.to_le_bytes());
        log[3] = 100;
        log[32..40].copy_from_slice(&1_699_027u64.to_le_bytes());
        log[47] = 1; // a data-units counter past 2^64
        log[200..202].copy_from_slice(&320u16.to_le_bytes());
        let l = decode_smart_log(&log).unwrap();
        assert_eq!((l.critical_warning, celsius(l.composite_temp_kelvin), l.available_spare), (4, 44, 100));
        assert_eq!(l.data_units_read, 1_699_027 + (1u128 << 120));
        assert_eq!(l.sensors_kelvin[0], Some(320));
        assert_eq!(l.sensors_kelvin[1], None);
        assert!(decode_smart_log(&log[..100]).is_err());
    }
}
