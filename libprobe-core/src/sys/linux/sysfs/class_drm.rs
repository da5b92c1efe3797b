//! `/sys/class/drm/card<N>` and its `device`: the DRM cards, and the attribute files the
//! gpu domain reads from them (Documentation/ABI/testing/sysfs-class-drm,
//! Documentation/gpu/amdgpu/driver-misc.rst and thermal.rst, the i915 and xe sysfs).
//!
//! ```text
//! $ ls /sys/class/drm
//! card0  card0-DP-1  card1  renderD128  renderD129  version
//! $ cat /sys/class/drm/card1/device/uevent
//! DRIVER=amdgpu
//! PCI_CLASS=30000
//! PCI_ID=1002:73BF
//! PCI_SUBSYS_ID=1DA2:E438
//! PCI_SLOT_NAME=0000:03:00.0
//! $ cat /sys/class/drm/card1/device/pp_dpm_sclk
//! 0: 500Mhz
//! 1: 2155Mhz *
//! 2: 2575Mhz
//! $ cat /sys/class/drm/card1/device/current_link_speed
//! 16.0 GT/s PCIe
//! ```
//!
//! Only `card<N>` entries are cards: connectors (`card0-DP-1`) and render nodes are not.
//! `pp_dpm_*` marks the current level with `*` and writes `Mhz` (newer kernels may add a
//! deep-sleep level `S:` first). The PCI `*_link_speed` attributes print `Unknown` when
//! the link is down; PCIe generations map from the per-lane rate (2.5, 5, 8, 16, 32, 64
//! GT/s). On AMD boards behind an on-board PCIe switch, the GPU function's own link is the
//! switch's internal one.

use crate::error::{Error, ParseError};
use crate::parse::{lines, trim, u64_dec};
use crate::source::Source;
use crate::sys::imp::fs::Dir;

/// The names of `/sys/class/drm/card<N>` (connectors and render nodes left out), in card
/// order.
pub(crate) fn cards(src: &Source) -> Result<Vec<(u32, String)>, Error> {
    let mut cards: Vec<(u32, String)> = list(src, "class/drm")?
        .into_iter()
        .filter_map(|name| {
            let n = u64_dec(name.strip_prefix(b"card")?)?;
            Some((u32::try_from(n).ok()?, String::from_utf8(name).ok()?))
        })
        .collect();
    cards.sort_unstable();
    Ok(cards)
}

/// The entries of `<sysfs>/<rel>` (not `.` and `..`), unsorted.
pub(crate) fn list(src: &Source, rel: &str) -> Result<Vec<Vec<u8>>, Error> {
    let path = src.sys_path(rel);
    let dir = Dir::open(&path).map_err(|e| Error::io(&path, &e))?;
    let mut names = Vec::new();
    dir.for_each_entry(c".", |name| {
        if name != b"." && name != b".." && names.len() < 4096 {
            names.push(name.to_vec());
        }
    })
    .map_err(|e| Error::io(&path, &e))?;
    Ok(names)
}

/// What a PCI device's `uevent` says about it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct Uevent {
    /// `DRIVER`: the bound driver (`amdgpu`, `i915`, `xe`, `nvidia`).
    pub driver: Option<String>,
    /// `PCI_ID`: vendor and device, lowercase (`1002:73bf`).
    pub pci_id: Option<String>,
    /// `PCI_SLOT_NAME`: the PCI address, lowercase (`0000:03:00.0`).
    pub slot: Option<String>,
}

pub(crate) fn uevent(text: &[u8]) -> Result<Uevent, ParseError> {
    let mut u = Uevent::default();
    for (i, line) in lines(text).enumerate() {
        let Some(eq) = line.iter().position(|&b| b == b'=') else { continue };
        let (key, value) = (&line[..eq], &line[eq + 1..]);
        let text = |field| {
            std::str::from_utf8(value)
                .ok()
                .filter(|v| !v.is_empty() && v.len() <= 64 && v.bytes().all(|b| b.is_ascii_graphic()))
                .map(str::to_ascii_lowercase)
                .ok_or_else(|| ParseError::invalid(field).at_line(i + 1))
        };
        match key {
            b"DRIVER" => u.driver = Some(text("DRIVER")?),
            b"PCI_ID" => {
                let id = text("PCI_ID")?;
                let ok = id.split_once(':').is_some_and(|(a, b)| {
                    [a, b].iter().all(|h| h.len() == 4 && h.bytes().all(|c| c.is_ascii_hexdigit()))
                });
                if !ok {
                    return Err(ParseError::invalid("PCI_ID").at_line(i + 1));
                }
                u.pci_id = Some(id);
            }
            b"PCI_SLOT_NAME" => u.slot = Some(text("PCI_SLOT_NAME")?),
            _ => {}
        }
    }
    Ok(u)
}

/// The levels of an amdgpu `pp_dpm_*` file.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct DpmLevels {
    /// Each numbered level's clock, MHz, in file order (the deep-sleep `S:` level left
    /// out).
    pub levels: Vec<u64>,
    /// The clock of the level marked `*` (the deep-sleep level included).
    pub current: Option<u64>,
}

impl DpmLevels {
    pub(crate) fn min(&self) -> Option<u64> {
        self.levels.iter().copied().min()
    }

    pub(crate) fn max(&self) -> Option<u64> {
        self.levels.iter().copied().max()
    }
}

/// `0: 500Mhz\n1: 2155Mhz *\n` → levels and the current one. At most 64 levels.
pub(crate) fn dpm_levels(text: &[u8]) -> Result<DpmLevels, ParseError> {
    let mut out = DpmLevels::default();
    for (i, line) in lines(text).enumerate() {
        let line = trim(line);
        if line.is_empty() {
            continue;
        }
        let bad = || ParseError::invalid("dpm level").at_line(i + 1);
        let colon = line.iter().position(|&b| b == b':').ok_or_else(bad)?;
        let (index, rest) = (trim(&line[..colon]), trim(&line[colon + 1..]));
        let sleep = index == b"S";
        if !sleep && u64_dec(index).is_none() {
            return Err(bad());
        }
        let (rest, current) = match rest.strip_suffix(b"*") {
            Some(r) => (trim(r), true),
            None => (rest, false),
        };
        let digits = rest.iter().position(|b| !b.is_ascii_digit()).unwrap_or(rest.len());
        let unit = trim(&rest[digits..]);
        if !unit.eq_ignore_ascii_case(b"mhz") {
            return Err(bad());
        }
        let mhz = u64_dec(&rest[..digits]).ok_or_else(bad)?;
        if !sleep {
            if out.levels.len() >= 64 {
                return Err(ParseError::malformed("too many dpm levels").at_line(i + 1));
            }
            out.levels.push(mhz);
        }
        if current {
            out.current = Some(mhz);
        }
    }
    Ok(out)
}

/// A PCI `current_link_speed`/`max_link_speed` (`16.0 GT/s PCIe`) as a PCIe generation;
/// `None` for `Unknown` (a link that is down).
pub(crate) fn link_gen(text: &[u8]) -> Result<Option<u8>, ParseError> {
    let t = trim(text);
    if t == b"Unknown" || t.is_empty() {
        return Ok(None);
    }
    let rate = t.split(|&b| b == b' ').next().unwrap_or_default();
    let generation = match rate {
        b"2.5" => 1,
        b"5.0" | b"5" => 2,
        b"8.0" | b"8" => 3,
        b"16.0" | b"16" => 4,
        b"32.0" | b"32" => 5,
        b"64.0" | b"64" => 6,
        _ => return Err(ParseError::invalid("link_speed")),
    };
    if !t.get(rate.len()..).is_some_and(|r| trim(r).starts_with(b"GT/s")) {
        return Err(ParseError::invalid("link_speed"));
    }
    Ok(Some(generation))
}

/// A PCI `current_link_width`/`max_link_width`: lanes, `None` for 0 (link down).
pub(crate) fn link_width(text: &[u8]) -> Result<Option<u8>, ParseError> {
    let v = u64_dec(trim(text)).ok_or(ParseError::invalid("link_width"))?;
    match v {
        0 => Ok(None),
        v => u8::try_from(v).map(Some).map_err(|_| ParseError::invalid("link_width")),
    }
}

/// A decimal attribute (`mem_info_vram_total`, `gt_act_freq_mhz`, a hwmon value).
pub(crate) fn decimal(text: &[u8]) -> Result<u64, ParseError> {
    u64_dec(trim(text)).ok_or(ParseError::invalid("value"))
}

/// A signed decimal attribute (hwmon temperatures may be negative).
pub(crate) fn signed(text: &[u8]) -> Result<i64, ParseError> {
    crate::parse::i64_dec(trim(text)).ok_or(ParseError::invalid("value"))
}

/// A one-line text attribute (`vbios_version`, `unique_id`, `product_name`): printable
/// ASCII, at most 256 bytes; `None` when empty.
pub(crate) fn text(text: &[u8]) -> Result<Option<String>, ParseError> {
    let t = trim(text);
    if t.is_empty() {
        return Ok(None);
    }
    if t.len() > 256 || !t.iter().all(|b| b.is_ascii_graphic() || *b == b' ') {
        return Err(ParseError::invalid("text"));
    }
    Ok(Some(String::from_utf8_lossy(t).into_owned()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn uevent_of_a_gpu() {
        let u = uevent(
            b"DRIVER=amdgpu\nPCI_CLASS=30000\nPCI_ID=1002:73BF\nPCI_SUBSYS_ID=1DA2:E438\nPCI_SLOT_NAME=0000:03:00.0\n\
              MODALIAS=pci:v00001002d000073BFsv00001DA2sd0000E438bc03sc00i00\n",
        )
        .unwrap();
        assert_eq!(u.driver.as_deref(), Some("amdgpu"));
        assert_eq!(u.pci_id.as_deref(), Some("1002:73bf"));
        assert_eq!(u.slot.as_deref(), Some("0000:03:00.0"));
        assert_eq!(uevent(b"PCI_ID=10de\n").unwrap_err().field(), Some("PCI_ID"));
        assert_eq!(uevent(b"DRIVER=\n").unwrap_err().field(), Some("DRIVER"));
        assert_eq!(uevent(b"").unwrap(), Uevent::default());
    }

    #[test]
    fn dpm_levels_with_current_and_sleep() {
        let l = dpm_levels(b"0: 500Mhz \n1: 2155Mhz *\n2: 2575Mhz \n").unwrap();
        assert_eq!(
            (l.levels.as_slice(), l.current, l.min(), l.max()),
            (&[500, 2155, 2575][..], Some(2155), Some(500), Some(2575))
        );
        let l = dpm_levels(b"S: 19Mhz *\n0: 500Mhz\n1: 2575Mhz\n").unwrap();
        assert_eq!((l.levels.len(), l.current), (2, Some(19)));
        assert_eq!(dpm_levels(b"0: 500Mhz\n").unwrap().current, None);
        assert!(dpm_levels(b"0: fast\n").is_err());
        assert!(dpm_levels(b"x: 5Mhz\n").is_err());
        assert!(dpm_levels(b"0: 500GHz\n").is_err());
    }

    #[test]
    fn link_speed_and_width() {
        assert_eq!(link_gen(b"16.0 GT/s PCIe\n"), Ok(Some(4)));
        assert_eq!(link_gen(b"2.5 GT/s PCIe\n"), Ok(Some(1)));
        assert_eq!(link_gen(b"32.0 GT/s PCIe\n"), Ok(Some(5)));
        assert_eq!(link_gen(b"8.0 GT/s\n"), Ok(Some(3)));
        assert_eq!(link_gen(b"Unknown\n"), Ok(None));
        assert!(link_gen(b"12.0 GT/s PCIe\n").is_err());
        assert!(link_gen(b"16.0 Gb/s\n").is_err());
        assert_eq!(link_width(b"16\n"), Ok(Some(16)));
        assert_eq!(link_width(b"0\n"), Ok(None));
        assert!(link_width(b"300\n").is_err());
    }

    #[test]
    fn values_and_text() {
        assert_eq!(decimal(b"17163091968\n"), Ok(17_163_091_968));
        assert!(decimal(b"-1\n").is_err());
        assert_eq!(signed(b"-5000\n"), Ok(-5000));
        assert_eq!(text(b"113-D4120100-100\n"), Ok(Some("113-D4120100-100".to_owned())));
        assert_eq!(text(b"\n"), Ok(None));
        assert!(text(b"a\x01b").is_err());
    }
}
