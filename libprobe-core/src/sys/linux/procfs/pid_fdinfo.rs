//! `/proc/<pid>/fdinfo/<fd>`: position, flags and identity of one open descriptor.
//!
//! ```text
//! pos:    0
//! flags:    02100002
//! mnt_id:    29
//! ino:    1234567
//! ```
//!
//! `flags` is octal. `mnt_id` appeared in 3.15, `ino` in 5.14. Some descriptor types
//! append their own lines (eventfd counts, epoll targets, inotify watches), ignored by
//! [`parse`].
//!
//! A DRM device's descriptor appends the client's GPU use ([`parse_drm`], for the gpu
//! domain), as `Documentation/gpu/drm-usage-stats.rst` specifies (Linux 5.19+; amdgpu
//! 5.14+):
//!
//! ```text
//! drm-driver:     i915
//! drm-pdev:       0000:00:02.0
//! drm-client-id:  7
//! drm-engine-render:      9288864 ns
//! drm-engine-capacity-video:      2
//! drm-cycles-rcs: 28257900
//! drm-total-cycles-rcs:   7655183225
//! drm-total-system0:      1536 KiB
//! drm-resident-system0:   1024 KiB
//! drm-memory-vram:        20 KiB
//! ```
//!
//! Memory values are bytes, or carry a `KiB`/`MiB` (the kernel helper also writes `GiB`)
//! suffix; `drm-memory-<region>` is the older key, still printed by amdgpu. A client
//! (`drm-client-id`) shared by several descriptors prints the same figures in each.

use crate::error::ParseError;
use crate::parse::{Problems, Val, key_value, lines, trim, u64_dec, u64_oct};

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct FdInfo {
    pub pos: Val<u64>,
    pub flags: Val<u32>,
    pub mnt_id: Val<u64>,
    pub ino: Val<u64>,
    pub problems: Problems,
}

pub(crate) fn parse(text: &[u8]) -> FdInfo {
    let mut info = FdInfo::default();
    let mut p = Problems::default();
    for (i, line) in lines(text).enumerate() {
        let Some((key, value)) = key_value(line, b':') else { continue };
        let bad = |name| ParseError::bad(name, value).at_line(i + 1);
        match key {
            b"pos" => info.pos = p.take(u64_dec(value).ok_or_else(|| bad("pos"))),
            b"flags" => {
                info.flags = p.take(u64_oct(value).and_then(|v| u32::try_from(v).ok()).ok_or_else(|| bad("flags")))
            }
            b"mnt_id" => info.mnt_id = p.take(u64_dec(value).ok_or_else(|| bad("mnt_id"))),
            b"ino" => info.ino = p.take(u64_dec(value).ok_or_else(|| bad("ino"))),
            _ => {}
        }
    }
    info.problems = p;
    info
}

/// The DRM usage figures of one descriptor (the `drm-*` keys), when it has any.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct DrmFdInfo {
    /// `drm-driver`: the kernel driver (`amdgpu`, `i915`, `xe`).
    pub driver: String,
    /// `drm-pdev`: the PCI address of the device (`0000:03:00.0`).
    pub pdev: Option<String>,
    /// `drm-client-id`: unique per device while the client lives.
    pub client_id: Option<u64>,
    /// Engines in the order the driver lists them.
    pub engines: Vec<DrmEngine>,
    /// Memory regions in the order the driver lists them.
    pub regions: Vec<DrmRegion>,
}

/// One engine class (`drm-engine-<name>`, `drm-cycles-<name>`, …).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct DrmEngine {
    pub name: String,
    /// `drm-engine-<name>`, ns.
    pub busy_ns: Option<u64>,
    /// `drm-engine-capacity-<name>`.
    pub capacity: Option<u32>,
    /// `drm-cycles-<name>`.
    pub cycles: Option<u64>,
    /// `drm-total-cycles-<name>`.
    pub total_cycles: Option<u64>,
}

/// One memory region, bytes.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct DrmRegion {
    pub name: String,
    pub total: Option<u64>,
    pub shared: Option<u64>,
    pub resident: Option<u64>,
    pub purgeable: Option<u64>,
    pub active: Option<u64>,
    /// `drm-memory-<region>` (the older key).
    pub memory: Option<u64>,
}

/// The most engines or regions kept per descriptor (drivers list fewer than ten).
pub(crate) const DRM_MAX_ENTRIES: usize = 64;

/// The `drm-*` keys of a descriptor's fdinfo: `None` when it has no `drm-driver` (not a
/// DRM descriptor, or a driver without usage stats). A value that does not parse is an
/// error naming its key.
pub(crate) fn parse_drm(text: &[u8]) -> Result<Option<DrmFdInfo>, ParseError> {
    let mut info = DrmFdInfo::default();
    let mut driver = false;
    for (i, line) in lines(text).enumerate() {
        let Some((key, value)) = key_value(line, b':') else { continue };
        let Some(key) = key.strip_prefix(b"drm-") else { continue };
        let at = |e: ParseError| e.at_line(i + 1);
        let name = |n: &[u8], field| {
            (!n.is_empty() && n.len() <= 64)
                .then(|| std::str::from_utf8(n).ok().map(str::to_owned))
                .flatten()
                .ok_or_else(|| ParseError::invalid(field).at_line(i + 1))
        };
        match key {
            b"driver" => {
                info.driver = name(value, "drm-driver")?;
                driver = true;
            }
            b"pdev" => info.pdev = Some(name(value, "drm-pdev")?.to_ascii_lowercase()),
            b"client-id" => {
                info.client_id = Some(u64_dec(value).ok_or_else(|| at(ParseError::invalid("drm-client-id")))?)
            }
            _ => {
                if let Some(n) = key.strip_prefix(b"engine-capacity-") {
                    let v = u64_dec(value).and_then(|v| u32::try_from(v).ok());
                    engine(&mut info, name(n, "drm-engine-capacity")?)?.capacity =
                        Some(v.ok_or_else(|| at(ParseError::invalid("drm-engine-capacity")))?);
                } else if let Some(n) = key.strip_prefix(b"engine-") {
                    let v = value.strip_suffix(b"ns").map(trim).and_then(u64_dec);
                    engine(&mut info, name(n, "drm-engine")?)?.busy_ns =
                        Some(v.ok_or_else(|| at(ParseError::invalid("drm-engine")))?);
                } else if let Some(n) = key.strip_prefix(b"total-cycles-") {
                    engine(&mut info, name(n, "drm-total-cycles")?)?.total_cycles =
                        Some(u64_dec(value).ok_or_else(|| at(ParseError::invalid("drm-total-cycles")))?);
                } else if let Some(n) = key.strip_prefix(b"cycles-") {
                    engine(&mut info, name(n, "drm-cycles")?)?.cycles =
                        Some(u64_dec(value).ok_or_else(|| at(ParseError::invalid("drm-cycles")))?);
                } else {
                    let slots: [(&[u8], &'static str, RegionSlot); 6] = [
                        (b"total-", "drm-total", |r| &mut r.total),
                        (b"shared-", "drm-shared", |r| &mut r.shared),
                        (b"resident-", "drm-resident", |r| &mut r.resident),
                        (b"purgeable-", "drm-purgeable", |r| &mut r.purgeable),
                        (b"active-", "drm-active", |r| &mut r.active),
                        (b"memory-", "drm-memory", |r| &mut r.memory),
                    ];
                    // Other keys (`drm-maxfreq-*`, driver-private ones) are not read.
                    if let Some((n, field, slot)) =
                        slots.iter().find_map(|(p, f, s)| key.strip_prefix(*p).map(|n| (n, *f, s)))
                    {
                        let v = memory_bytes(value).ok_or_else(|| at(ParseError::invalid(field)))?;
                        *slot(region(&mut info, name(n, field)?)?) = Some(v);
                    }
                }
            }
        }
    }
    Ok(driver.then_some(info))
}

/// Which figure of a region a key fills.
type RegionSlot = fn(&mut DrmRegion) -> &mut Option<u64>;

fn engine(info: &mut DrmFdInfo, name: String) -> Result<&mut DrmEngine, ParseError> {
    let i = match info.engines.iter().position(|e| e.name == name) {
        Some(i) => i,
        None if info.engines.len() < DRM_MAX_ENTRIES => {
            info.engines.push(DrmEngine { name, ..DrmEngine::default() });
            info.engines.len() - 1
        }
        None => return Err(ParseError::malformed("too many drm engines")),
    };
    Ok(&mut info.engines[i])
}

fn region(info: &mut DrmFdInfo, name: String) -> Result<&mut DrmRegion, ParseError> {
    let i = match info.regions.iter().position(|r| r.name == name) {
        Some(i) => i,
        None if info.regions.len() < DRM_MAX_ENTRIES => {
            info.regions.push(DrmRegion { name, ..DrmRegion::default() });
            info.regions.len() - 1
        }
        None => return Err(ParseError::malformed("too many drm memory regions")),
    };
    Ok(&mut info.regions[i])
}

/// `1536 KiB`, `2 MiB`, `4096` (bytes) → bytes.
fn memory_bytes(value: &[u8]) -> Option<u64> {
    let (number, unit) = match value.iter().position(|b| !b.is_ascii_digit()) {
        Some(i) => (&value[..i], trim(&value[i..])),
        None => (value, &b""[..]),
    };
    let shift = match unit {
        b"" | b"B" => 0,
        b"KiB" => 10,
        b"MiB" => 20,
        b"GiB" => 30,
        _ => return None,
    };
    let v = u64_dec(number)?;
    v.checked_mul(1u64 << shift)
}

/// `r`, `w` or `rw` for the access mode bits of open flags.
pub(crate) fn mode(flags: u32) -> &'static str {
    match flags & 0o3 {
        0 => "r",
        1 => "w",
        _ => "rw",
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::parse::corrupt::{self, listing};

    #[test]
    fn parses_fdinfo() {
        let i = parse(b"pos:\t42\nflags:\t02100002\nmnt_id:\t29\nino:\t1234567\neventfd-count: 0\n");
        assert_eq!(
            i,
            FdInfo {
                pos: Val::Ok(42),
                flags: Val::Ok(0o2100002),
                mnt_id: Val::Ok(29),
                ino: Val::Ok(1234567),
                problems: Problems::default()
            }
        );
        assert_eq!(mode(0o2100002), "rw");
        assert_eq!(mode(0o100001), "w");
        assert_eq!(mode(0o100000), "r");
    }

    const AMDGPU: &[u8] = b"pos:\t0\nflags:\t02100002\nmnt_id:\t26\nino:\t1047\n\
drm-driver:\tamdgpu\ndrm-pdev:\t0000:03:00.0\ndrm-client-id:\t41\npasid:\t32771\n\
drm-memory-vram:\t262144 KiB\ndrm-memory-gtt: \t2048 KiB\ndrm-memory-cpu: \t0 KiB\n\
drm-total-vram:\t270336 KiB\ndrm-shared-vram:\t8192 KiB\ndrm-resident-vram:\t262144 KiB\n\
amd-memory-visible-vram:\t131072 KiB\namd-evicted-vram:\t0 KiB\n\
drm-engine-gfx:\t1503242000 ns\ndrm-engine-compute:\t0 ns\ndrm-engine-dec:\t12000 ns\n";

    #[test]
    fn amdgpu_client() {
        let d = parse_drm(AMDGPU).unwrap().unwrap();
        assert_eq!((d.driver.as_str(), d.pdev.as_deref(), d.client_id), ("amdgpu", Some("0000:03:00.0"), Some(41)));
        assert_eq!(d.engines.len(), 3);
        assert_eq!((d.engines[0].name.as_str(), d.engines[0].busy_ns), ("gfx", Some(1_503_242_000)));
        let vram = &d.regions[0];
        assert_eq!((vram.name.as_str(), vram.memory, vram.resident), ("vram", Some(256 << 20), Some(256 << 20)));
        assert_eq!((vram.total, vram.shared), (Some(264 << 20), Some(8 << 20)));
        assert_eq!(d.regions.iter().map(|r| r.name.as_str()).collect::<Vec<_>>(), ["vram", "gtt", "cpu"]);
        // The plain fields of the same file still parse.
        assert_eq!(parse(AMDGPU).ino, Val::Ok(1047));
    }

    #[test]
    fn xe_cycles_and_capacity() {
        let text = b"drm-driver:\txe\ndrm-client-id:\t9\ndrm-pdev:\t0000:03:00.0\n\
drm-total-gtt:\t4 MiB\ndrm-resident-vram0:\t4096\ndrm-cycles-rcs:\t28257900\n\
drm-total-cycles-rcs:\t7655183225\ndrm-cycles-vcs:\t0\ndrm-total-cycles-vcs:\t7655183225\n\
drm-engine-capacity-vcs:\t2\ndrm-maxfreq-rcs:\t2400 MHz\n";
        let d = parse_drm(text).unwrap().unwrap();
        let vcs = d.engines.iter().find(|e| e.name == "vcs").unwrap();
        assert_eq!(
            (vcs.cycles, vcs.total_cycles, vcs.capacity, vcs.busy_ns),
            (Some(0), Some(7655183225), Some(2), None)
        );
        assert_eq!(d.regions[0].total, Some(4 << 20));
        assert_eq!(d.regions[1].resident, Some(4096));
    }

    #[test]
    fn not_drm_and_bad_values() {
        assert_eq!(parse_drm(b"pos:\t0\nflags:\t0100000\n").unwrap(), None);
        let e = parse_drm(b"drm-driver:\ti915\ndrm-engine-render:\t12 jiffies\n").unwrap_err();
        assert_eq!((e.field(), e.line()), (Some("drm-engine"), Some(2)));
        let e = parse_drm(b"drm-driver:\ti915\ndrm-total-system0:\t18446744073709551615 KiB\n").unwrap_err();
        assert_eq!(e.field(), Some("drm-total"));
        assert!(parse_drm(b"drm-driver:\t\n").is_err());
        let many: Vec<u8> = (0..100)
            .flat_map(|i| format!("drm-engine-e{i}:\t1 ns\n").into_bytes())
            .chain(*b"drm-driver: x\n")
            .collect();
        assert!(parse_drm(&many).is_err(), "bounded");
    }

    #[test]
    fn old_kernel_and_bad_flags() {
        let i = parse(b"pos:\t0\nflags:\t0100000\n");
        assert_eq!((i.mnt_id, i.ino), (Val::Absent, Val::Absent));
        let i = parse(b"pos:\t0\nflags:\t9\n");
        assert_eq!((i.pos, i.flags), (Val::Ok(0), Val::Bad));
        assert_eq!(i.problems.iter().next().unwrap().field(), Some("flags"));
    }

    #[test]
    fn one_field_corruption() {
        corrupt::check(
            "pos:\t{{pos=42}}\nflags:\t{{flags:o32=02100002}}\nmnt_id:\t{{mnt_id=29}}\nino:\t{{ino=1234567}}\n",
            |b| {
                let i = parse(b);
                (listing!(i; pos, flags, mnt_id, ino), i.problems.iter().map(ToString::to_string).collect())
            },
        );
    }
}
