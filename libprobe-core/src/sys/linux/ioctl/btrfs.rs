//! Btrfs ioctls on a mounted filesystem (`include/uapi/linux/btrfs.h`), sent to a
//! descriptor of its mount point. None needs a capability.
//!
//! Queries (fixture answers under `ioctl/btrfs/<uuid>/`, see [`super`]):
//!
//! | query | ioctl | answer |
//! |---|---|---|
//! | `fs_info` | `BTRFS_IOC_FS_INFO`, flags CSUM_INFO \| GENERATION | `struct btrfs_ioctl_fs_info_args` (1024 bytes) |
//! | `dev_info_<devid>` | `BTRFS_IOC_DEV_INFO` | `struct btrfs_ioctl_dev_info_args` (4096 bytes) |
//! | `dev_stats_<devid>` | `BTRFS_IOC_GET_DEV_STATS` (no reset) | `struct btrfs_ioctl_get_dev_stats` (1032 bytes) |
//!
//! `fs_info_args`: max_id (0), num_devices (8), fsid (16–31), nodesize (32), sectorsize
//! (36), clone_alignment (40), csum type/size (44/46), flags (48), generation (56: valid
//! only when the kernel kept the GENERATION flag, Linux 5.15+), metadata_uuid (64).
//! `dev_info_args`: devid (0), uuid (8–23), bytes_used (24: allocated to chunks),
//! total_bytes (32), fsid (40–55), path (3072–4095, NUL-terminated). `get_dev_stats`:
//! devid (0), nr_items (8: how many values the kernel filled), flags (16), values from 24:
//! write, read, flush, corruption and generation errors.

use std::io;
use std::os::fd::RawFd;

use super::{ascii_field, le};
use crate::error::ParseError;

const FS_INFO_LEN: usize = 1024;
const DEV_INFO_LEN: usize = 4096;
const DEV_STATS_LEN: usize = 1032;
/// `_IOR(0x94, 31, struct btrfs_ioctl_fs_info_args)`.
const BTRFS_IOC_FS_INFO: libc::c_ulong = 0x8400_941f;
/// `_IOWR(0x94, 30, struct btrfs_ioctl_dev_info_args)`.
const BTRFS_IOC_DEV_INFO: libc::c_ulong = 0xd000_941e;
/// `_IOWR(0x94, 52, struct btrfs_ioctl_get_dev_stats)`.
const BTRFS_IOC_GET_DEV_STATS: libc::c_ulong = 0xc408_9434;
const FS_INFO_FLAG_CSUM_INFO: u64 = 1 << 0;
const FS_INFO_FLAG_GENERATION: u64 = 1 << 1;
const DEV_STAT_VALUES: u64 = 5;

fn call(fd: RawFd, request: libc::c_ulong, mut buf: Vec<u8>) -> io::Result<Vec<u8>> {
    // SAFETY: `buf` has the size of the structure `request` reads and writes, and lives
    // through the call.
    unsafe { super::ioctl(fd, request, buf.as_mut_ptr().cast())? };
    Ok(buf)
}

pub(crate) fn fs_info(fd: RawFd) -> io::Result<Vec<u8>> {
    let mut buf = vec![0u8; FS_INFO_LEN];
    buf[48..56].copy_from_slice(&(FS_INFO_FLAG_CSUM_INFO | FS_INFO_FLAG_GENERATION).to_ne_bytes());
    call(fd, BTRFS_IOC_FS_INFO, buf)
}

pub(crate) fn dev_info(fd: RawFd, devid: u64) -> io::Result<Vec<u8>> {
    let mut buf = vec![0u8; DEV_INFO_LEN];
    buf[..8].copy_from_slice(&devid.to_ne_bytes());
    call(fd, BTRFS_IOC_DEV_INFO, buf)
}

pub(crate) fn dev_stats(fd: RawFd, devid: u64) -> io::Result<Vec<u8>> {
    let mut buf = vec![0u8; DEV_STATS_LEN];
    buf[..8].copy_from_slice(&devid.to_ne_bytes());
    buf[8..16].copy_from_slice(&DEV_STAT_VALUES.to_ne_bytes());
    call(fd, BTRFS_IOC_GET_DEV_STATS, buf)
}

fn u64_at(b: &[u8], off: usize) -> u64 {
    le::<8>(b, off).map_or(0, |v| v as u64)
}

/// The canonical text of a 16-byte UUID.
pub(crate) fn uuid_text(b: &[u8]) -> String {
    let mut s = String::with_capacity(36);
    for (i, x) in b.iter().take(16).enumerate() {
        if matches!(i, 4 | 6 | 8 | 10) {
            s.push('-');
        }
        s.push_str(&format!("{x:02x}"));
    }
    s
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct FsInfo {
    pub max_id: u64,
    pub num_devices: u64,
    pub fsid: String,
    pub node_size: u32,
    pub sector_size: u32,
    /// `None` on kernels that do not fill it (before 5.15: the flag comes back cleared).
    pub generation: Option<u64>,
}

pub(crate) fn decode_fs_info(b: &[u8]) -> Result<FsInfo, ParseError> {
    if b.len() < 80 {
        return Err(ParseError::malformed("fs_info_args shorter than 80 bytes"));
    }
    let flags = u64_at(b, 48);
    Ok(FsInfo {
        max_id: u64_at(b, 0),
        num_devices: u64_at(b, 8),
        fsid: uuid_text(&b[16..32]),
        node_size: le::<4>(b, 32).map_or(0, |v| v as u32),
        sector_size: le::<4>(b, 36).map_or(0, |v| v as u32),
        generation: (flags & FS_INFO_FLAG_GENERATION != 0).then(|| u64_at(b, 56)),
    })
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct DevInfo {
    pub devid: u64,
    pub bytes_used: u64,
    pub total_bytes: u64,
    pub path: String,
}

pub(crate) fn decode_dev_info(b: &[u8]) -> Result<DevInfo, ParseError> {
    if b.len() < DEV_INFO_LEN {
        return Err(ParseError::malformed("dev_info_args shorter than 4096 bytes"));
    }
    Ok(DevInfo {
        devid: u64_at(b, 0),
        bytes_used: u64_at(b, 24),
        total_bytes: u64_at(b, 32),
        path: ascii_field(&b[3072..DEV_INFO_LEN]),
    })
}

/// Write, read, flush, corruption and generation errors; `None` for values the kernel did
/// not fill.
pub(crate) fn decode_dev_stats(b: &[u8]) -> Result<[Option<u64>; 5], ParseError> {
    if b.len() < 24 + 5 * 8 {
        return Err(ParseError::malformed("get_dev_stats shorter than 64 bytes"));
    }
    let n = u64_at(b, 8);
    let mut out = [None; 5];
    for (i, v) in out.iter_mut().enumerate() {
        if (i as u64) < n {
            *v = Some(u64_at(b, 24 + 8 * i));
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decoders() {
        let mut fi = vec![0u8; FS_INFO_LEN];
        fi[0] = 2;
        fi[8] = 2;
        fi[16..32].copy_from_slice(&[
            0x76, 0x98, 0xdc, 0x73, 0xa4, 0xaf, 0x45, 0x91, 0x9b, 0x38, 0x43, 0xe6, 0x0f, 0xb2, 0xb4, 0x30,
        ]);
        fi[32..36].copy_from_slice(&16384u32.to_le_bytes());
        fi[48] = 3;
        fi[56] = 7;
        let f = decode_fs_info(&fi).unwrap();
        assert_eq!(f.fsid, "7698dc73-a4af-4591-9b38-43e60fb2b430");
        assert_eq!((f.num_devices, f.node_size, f.generation), (2, 16384, Some(7)));
        fi[48] = 1;
        assert_eq!(decode_fs_info(&fi).unwrap().generation, None);

        let mut di = vec![0u8; DEV_INFO_LEN];
        di[0] = 1;
        di[32..40].copy_from_slice(&314_572_800u64.to_le_bytes());
        di[3072..3082].copy_from_slice(b"/dev/loop0");
        let d = decode_dev_info(&di).unwrap();
        assert_eq!((d.devid, d.total_bytes, d.path.as_str()), (1, 314_572_800, "/dev/loop0"));

        let mut ds = vec![0u8; DEV_STATS_LEN];
        ds[8] = 3;
        ds[32] = 9;
        assert_eq!(decode_dev_stats(&ds).unwrap(), [Some(0), Some(9), Some(0), None, None]);
        assert!(decode_dev_stats(&ds[..40]).is_err());
    }
}
