//! `SG_IO` (`include/scsi/sg.h`): one SCSI command through a block device's SCSI layer,
//! the transport for the SCSI queries ([`super::sg_scsi`]) and for ATA commands wrapped in
//! ATA PASS-THROUGH ([`super::sg_ata`]).
//!
//! `struct sg_io_hdr` (88 bytes on 64-bit): the command descriptor block, a data-in
//! buffer, a sense buffer, a timeout; on return the SCSI status, the host and driver
//! statuses, the residual count and how much sense was written. Only data-in and
//! no-data commands are sent here: nothing is ever written to a device.
//!
//! Sense data (SPC-4 4.5) comes in two formats: fixed (`70h`/`71h`: sense key in byte 2,
//! ASC/ASCQ in bytes 12–13) and descriptor (`72h`/`73h`: sense key in byte 1, ASC/ASCQ in
//! bytes 2–3, descriptors from byte 8). [`sense_key`] reads either.

use std::io;
use std::os::fd::RawFd;

/// `SG_IO` from `<scsi/sg.h>`.
const SG_IO: libc::c_ulong = 0x2285;
const SG_DXFER_NONE: libc::c_int = -1;
const SG_DXFER_FROM_DEV: libc::c_int = -3;

/// SCSI status CHECK CONDITION: sense data follows.
pub(crate) const CHECK_CONDITION: u8 = 0x02;
/// Sense key ILLEGAL REQUEST: the device does not support the command.
pub(crate) const ILLEGAL_REQUEST: u8 = 0x05;

/// Each command's time limit: a disk that does not answer is given up on.
pub(crate) const TIMEOUT_MS: u32 = 5_000;

#[repr(C)]
struct SgIoHdr {
    interface_id: libc::c_int,
    dxfer_direction: libc::c_int,
    cmd_len: u8,
    mx_sb_len: u8,
    iovec_count: u16,
    dxfer_len: u32,
    dxferp: *mut libc::c_void,
    cmdp: *const u8,
    sbp: *mut u8,
    timeout: u32,
    flags: u32,
    pack_id: libc::c_int,
    usr_ptr: *mut libc::c_void,
    status: u8,
    masked_status: u8,
    msg_status: u8,
    sb_len_wr: u8,
    host_status: u16,
    driver_status: u16,
    resid: libc::c_int,
    duration: u32,
    info: u32,
}

/// What a command returned.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct SgResult {
    /// SCSI status (0 GOOD, 2 CHECK CONDITION).
    pub status: u8,
    /// Data returned (the residual count already cut off).
    pub data: Vec<u8>,
    /// Sense data written by the device.
    pub sense: Vec<u8>,
}

/// Sends `cdb`, expecting up to `data_len` bytes back (0: a command without data).
/// Transport failures (host or driver status set without sense data) are `EIO`.
pub(crate) fn run(fd: RawFd, cdb: &[u8], data_len: usize) -> io::Result<SgResult> {
    let mut data = vec![0u8; data_len];
    let mut sense = [0u8; 64];
    let cmd_len = u8::try_from(cdb.len()).map_err(|_| io::Error::from_raw_os_error(libc::EINVAL))?;
    let mut hdr = SgIoHdr {
        interface_id: libc::c_int::from(b'S'),
        dxfer_direction: if data_len == 0 { SG_DXFER_NONE } else { SG_DXFER_FROM_DEV },
        cmd_len,
        mx_sb_len: sense.len() as u8,
        iovec_count: 0,
        dxfer_len: u32::try_from(data_len).map_err(|_| io::Error::from_raw_os_error(libc::EINVAL))?,
        dxferp: if data_len == 0 { std::ptr::null_mut() } else { data.as_mut_ptr().cast() },
        cmdp: cdb.as_ptr(),
        sbp: sense.as_mut_ptr(),
        timeout: TIMEOUT_MS,
        flags: 0,
        pack_id: 0,
        usr_ptr: std::ptr::null_mut(),
        status: 0,
        masked_status: 0,
        msg_status: 0,
        sb_len_wr: 0,
        host_status: 0,
        driver_status: 0,
        resid: 0,
        duration: 0,
        info: 0,
    };
    // SAFETY: `hdr` is a `struct sg_io_hdr`; the command, data and sense buffers it points
    // to outlive the call and have the lengths it states.
    unsafe { super::ioctl(fd, SG_IO, (&raw mut hdr).cast())? };
    let sense_len = usize::from(hdr.sb_len_wr).min(sense.len());
    // DRIVER_SENSE (0x08) only says that sense is there; any other driver or host status
    // is a transport failure.
    let driver = hdr.driver_status & !0x08;
    if (hdr.host_status != 0 || driver != 0) && sense_len == 0 {
        return Err(io::Error::from_raw_os_error(libc::EIO));
    }
    let resid = usize::try_from(hdr.resid).unwrap_or(0).min(data_len);
    data.truncate(data_len - resid);
    Ok(SgResult { status: hdr.status, data, sense: sense[..sense_len].to_vec() })
}

/// Runs a data-in command and returns its data; a CHECK CONDITION is an error:
/// `EOPNOTSUPP` for ILLEGAL REQUEST (the device does not do this command), `EIO` otherwise.
pub(crate) fn data_in(fd: RawFd, cdb: &[u8], data_len: usize) -> io::Result<Vec<u8>> {
    let r = run(fd, cdb, data_len)?;
    match r.status {
        0 => Ok(r.data),
        CHECK_CONDITION if sense_key(&r.sense) == Some(ILLEGAL_REQUEST) => {
            Err(io::Error::from_raw_os_error(libc::EOPNOTSUPP))
        }
        _ => Err(io::Error::from_raw_os_error(libc::EIO)),
    }
}

/// The sense key of fixed or descriptor sense data.
pub(crate) fn sense_key(sense: &[u8]) -> Option<u8> {
    match sense.first()? & 0x7f {
        0x70 | 0x71 => sense.get(2).map(|k| k & 0x0f),
        0x72 | 0x73 => sense.get(1).map(|k| k & 0x0f),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn header_is_the_kernel_layout() {
        assert_eq!(std::mem::size_of::<SgIoHdr>(), 88);
        assert_eq!(std::mem::offset_of!(SgIoHdr, status), 64);
        assert_eq!(std::mem::offset_of!(SgIoHdr, resid), 72);
    }

    #[test]
    fn sense_keys() {
        assert_eq!(sense_key(&[0x70, 0, 0x05, 0, 0, 0, 0, 10, 0, 0, 0, 0, 0x20, 0]), Some(ILLEGAL_REQUEST));
        assert_eq!(sense_key(&[0x72, 0x01, 0x00, 0x1d]), Some(1));
        assert_eq!(sense_key(&[0x00]), None);
        assert_eq!(sense_key(&[]), None);
    }
}
