//! ZFS ioctls on `/dev/zfs` (OpenZFS `include/sys/zfs_ioctl.h`), each answering a packed
//! nvlist ([`super::nvlist`], native encoding) in `zc_nvlist_dst`.
//!
//! Queries (fixture answers under `ioctl/zfs/<pool>/`, see [`super`]):
//!
//! | query | ioctl | answer |
//! |---|---|---|
//! | `pool_stats` | `ZFS_IOC_POOL_STATS` (`5A05h`) | the pool configuration with statistics |
//! | `pool_get_props` | `ZFS_IOC_POOL_GET_PROPS` (`5A27h`) | pool properties: `{name: {value, source}}` |
//! | `objset_stats` | `ZFS_IOC_OBJSET_STATS` (`5A12h`) on the pool's root dataset | dataset properties |
//!
//! `zfs_cmd_t` begins with `zc_name[4096]`, then `zc_nvlist_src` and its size, then
//! `zc_nvlist_dst` (a pointer as u64, offset 4112) and `zc_nvlist_dst_size` (4120); the
//! kernel copies in and out the whole structure (about 13 KiB), so the buffer handed over
//! is larger. When the answer does not fit, the kernel fails with `ENOMEM` and stores the
//! size it needs in `zc_nvlist_dst_size`: the call is repeated once with that size. These
//! are read-only and allowed to any user who can open `/dev/zfs`.
//!
//! The configuration (`spa_config_generate`, `vdev_config_generate`): `name`,
//! `pool_guid`, `state`, `vdev_tree` — a tree of vdevs, each with `type` (`root`,
//! `mirror`, `raidz`, `disk`, `file`, …), `id`, `guid`, `path` for leaves, `nparity` for
//! raidz, `is_log`, `children`, and `vdev_stats` (`vdev_stat_t` as a uint64 array):
//! timestamp, state, aux, alloc, space, dspace, rsize, esize, ops\[6\], bytes\[6\], read
//! errors, write errors, checksum errors (indices 20–22), then initialize errors, self
//! healed, scan removing, scan processed and fragmentation (index 27; ZFS 0.7 had no
//! initialize errors, so its 27-value array ends with fragmentation at 26). Vdev states (`vdev_state_t`): 0 unknown, 1 closed, 2
//! offline, 3 removed, 4 can't open, 5 faulted, 6 degraded, 7 healthy. Ratios are
//! properties stored × 100 (`dedupratio` 100 is 1.00x).

use std::io;
use std::os::fd::RawFd;

use super::nvlist::NvList;

const ZFS_IOC_POOL_STATS: libc::c_ulong = 0x5a05;
const ZFS_IOC_OBJSET_STATS: libc::c_ulong = 0x5a12;
const ZFS_IOC_POOL_GET_PROPS: libc::c_ulong = 0x5a27;
/// Larger than any release's `zfs_cmd_t`.
const ZFS_CMD_LEN: usize = 16 * 1024;
const NAME_LEN: usize = 4096;
const DST: usize = 4112;
const DST_SIZE: usize = 4120;

fn call(fd: RawFd, request: libc::c_ulong, name: &str) -> io::Result<Vec<u8>> {
    if name.len() >= NAME_LEN || name.contains('\0') {
        return Err(io::Error::from_raw_os_error(libc::EINVAL));
    }
    let mut size = 256 * 1024;
    for _ in 0..2 {
        let mut out = vec![0u8; size];
        let mut cmd = vec![0u8; ZFS_CMD_LEN];
        cmd[..name.len()].copy_from_slice(name.as_bytes());
        cmd[DST..DST + 8].copy_from_slice(&(out.as_mut_ptr() as u64).to_ne_bytes());
        cmd[DST_SIZE..DST_SIZE + 8].copy_from_slice(&(size as u64).to_ne_bytes());
        // SAFETY: `cmd` is larger than the kernel's `zfs_cmd_t`; the destination pointer it
        // carries is `out`, `size` writable bytes that outlive the call.
        match unsafe { super::ioctl(fd, request, cmd.as_mut_ptr().cast()) } {
            Ok(_) => {
                let got = u64::from_ne_bytes(cmd[DST_SIZE..DST_SIZE + 8].try_into().unwrap_or_default());
                out.truncate(usize::try_from(got).unwrap_or(usize::MAX).min(size));
                return Ok(out);
            }
            Err(e) if e.raw_os_error() == Some(libc::ENOMEM) => {
                let need = u64::from_ne_bytes(cmd[DST_SIZE..DST_SIZE + 8].try_into().unwrap_or_default());
                let need = usize::try_from(need).unwrap_or(usize::MAX);
                if need <= size || need > super::MAX_ANSWER_BYTES {
                    return Err(e);
                }
                size = need;
            }
            Err(e) => return Err(e),
        }
    }
    Err(io::Error::from_raw_os_error(libc::ENOMEM))
}

pub(crate) fn pool_stats(fd: RawFd, pool: &str) -> io::Result<Vec<u8>> {
    call(fd, ZFS_IOC_POOL_STATS, pool)
}

pub(crate) fn pool_get_props(fd: RawFd, pool: &str) -> io::Result<Vec<u8>> {
    call(fd, ZFS_IOC_POOL_GET_PROPS, pool)
}

pub(crate) fn objset_stats(fd: RawFd, dataset: &str) -> io::Result<Vec<u8>> {
    call(fd, ZFS_IOC_OBJSET_STATS, dataset)
}

/// One vdev's statistics (`vdev_stat_t`), as far as the array goes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub(crate) struct VdevStats {
    pub state: u64,
    pub aux: u64,
    pub alloc: u64,
    pub space: u64,
    pub read_ops: u64,
    pub write_ops: u64,
    pub read_bytes: u64,
    pub write_bytes: u64,
    pub read_errors: u64,
    pub write_errors: u64,
    pub checksum_errors: u64,
    /// Percent; `None` when the release does not report it or reports it invalid
    /// (`UINT64_MAX`).
    pub fragmentation: Option<u64>,
}

/// Index of each `vdev_stat_t` member in the uint64 array.
const VS_STATE: usize = 1;
const VS_AUX: usize = 2;
const VS_ALLOC: usize = 3;
const VS_SPACE: usize = 4;
const VS_OPS: usize = 8;
const VS_BYTES: usize = 14;
const VS_READ_ERRORS: usize = 20;
const VS_WRITE_ERRORS: usize = 21;
const VS_CHECKSUM_ERRORS: usize = 22;
const VS_FRAGMENTATION: usize = 27;
/// ZFS 0.7's array: 27 values, fragmentation last.
const VS_LEN_0_7: usize = 27;
const ZIO_TYPE_READ: usize = 1;
const ZIO_TYPE_WRITE: usize = 2;

pub(crate) fn vdev_stats(v: &[u64]) -> Option<VdevStats> {
    let at = |i: usize| v.get(i).copied();
    Some(VdevStats {
        state: at(VS_STATE)?,
        aux: at(VS_AUX)?,
        alloc: at(VS_ALLOC)?,
        space: at(VS_SPACE)?,
        read_ops: at(VS_OPS + ZIO_TYPE_READ)?,
        write_ops: at(VS_OPS + ZIO_TYPE_WRITE)?,
        read_bytes: at(VS_BYTES + ZIO_TYPE_READ)?,
        write_bytes: at(VS_BYTES + ZIO_TYPE_WRITE)?,
        read_errors: at(VS_READ_ERRORS)?,
        write_errors: at(VS_WRITE_ERRORS)?,
        checksum_errors: at(VS_CHECKSUM_ERRORS)?,
        fragmentation: at(if v.len() == VS_LEN_0_7 { VS_LEN_0_7 - 1 } else { VS_FRAGMENTATION }).filter(|f| *f <= 100),
    })
}

/// One vdev of the tree, flattened depth first.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Vdev {
    pub vdev_type: String,
    pub id: Option<u64>,
    pub guid: Option<u64>,
    pub path: Option<String>,
    pub nparity: Option<u64>,
    pub is_log: bool,
    pub depth: u32,
    pub stats: Option<VdevStats>,
}

/// The vdev tree of a configuration, depth first (bounded by the nvlist's own nesting
/// limit).
pub(crate) fn vdevs(config: &NvList) -> Vec<Vdev> {
    fn walk(l: &NvList, depth: u32, out: &mut Vec<Vdev>) {
        out.push(Vdev {
            vdev_type: l.str("type").unwrap_or("unknown").to_owned(),
            id: l.u64("id"),
            guid: l.u64("guid"),
            path: l.str("path").map(str::to_owned),
            nparity: l.u64("nparity"),
            is_log: l.u64("is_log").is_some_and(|v| v != 0),
            depth,
            stats: l.u64s("vdev_stats").and_then(vdev_stats),
        });
        for c in l.lists("children") {
            walk(c, depth + 1, out);
        }
    }
    let mut out = Vec::new();
    if let Some(tree) = config.list("vdev_tree") {
        walk(tree, 0, &mut out);
    }
    out
}

/// A property's value from a properties list (`{name: {value: …}}`).
pub(crate) fn prop_u64(props: &NvList, name: &str) -> Option<u64> {
    props.list(name)?.u64("value")
}

#[cfg(test)]
mod tests {
    use super::super::nvlist::tests::Native;
    use super::*;

    #[test]
    fn tree_and_stats() {
        let mut stats = vec![0u64; 41];
        stats[VS_STATE] = 7;
        stats[VS_ALLOC] = 100;
        stats[VS_SPACE] = 1000;
        stats[VS_OPS + 1] = 22;
        stats[VS_BYTES + 2] = 4096;
        stats[VS_CHECKSUM_ERRORS] = 3;
        stats[VS_FRAGMENTATION] = 12;
        let raw: Vec<u8> = stats.iter().flat_map(|v| v.to_le_bytes()).collect();
        let mut n = Native::new();
        n.pair("name", 9, 1, b"tank\0").pair("vdev_tree", 19, 1, &[0; 24]);
        n.pair("type", 9, 1, b"root\0").pair("vdev_stats", 16, 41, &raw).pair("children", 20, 1, &[0; 32]);
        n.pair("type", 9, 1, b"disk\0").pair("path", 9, 1, b"/dev/sda1\0").end();
        n.end().end();
        let l = super::super::nvlist::decode(&n.0).unwrap();
        let v = vdevs(&l);
        assert_eq!(v.len(), 2);
        let s = v[0].stats.unwrap();
        assert_eq!(
            (s.state, s.alloc, s.space, s.read_ops, s.write_bytes, s.checksum_errors),
            (7, 100, 1000, 22, 4096, 3)
        );
        assert_eq!(s.fragmentation, Some(12));
        assert_eq!((v[1].depth, v[1].path.as_deref(), v[1].stats), (1, Some("/dev/sda1"), None));
        assert_eq!(vdev_stats(&stats[..25]).unwrap().fragmentation, None);
        let mut old = stats[..27].to_vec();
        old[26] = 40;
        assert_eq!(vdev_stats(&old).unwrap().fragmentation, Some(40));
        assert!(vdev_stats(&stats[..5]).is_none());
    }
}
