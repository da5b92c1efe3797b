//! `/sys/class/drm/card<N>/device/hwmon/hwmon<M>/`: a GPU's sensors, in the hwmon
//! interface (Documentation/hwmon/sysfs-interface.rst; amdgpu:
//! Documentation/gpu/amdgpu/thermal.rst; i915 and xe: Documentation/ABI/testing/
//! sysfs-driver-intel-{i915,xe}-hwmon).
//!
//! ```text
//! $ ls /sys/class/drm/card1/device/hwmon/hwmon3
//! fan1_input  freq1_input  freq1_label  power1_average  power1_cap  power1_cap_default
//! power1_cap_max  power1_cap_min  pwm1  temp1_crit  temp1_emergency  temp1_input
//! temp1_label  temp2_input  temp2_label  temp3_input  temp3_label  name
//! $ cat temp1_label temp1_input power1_average freq1_input
//! edge
//! 45000
//! 35000000
//! 2155000000
//! ```
//!
//! Units are the interface's: temperatures in m°C, power in µW, energy in µJ,
//! frequencies in Hz, fans in RPM, `pwm` 0–255. A channel's meaning comes from its
//! `_label` (`edge`, `junction`, `mem` for amdgpu; `pkg`, `vram` and `card` for xe) when
//! the driver writes one. Reading an attribute may fail with `ENODATA`/`EINVAL` while the
//! GPU sleeps (amdgpu), or `EOPNOTSUPP`.

use crate::error::{Error, ParseError};
use crate::parse::trim;
use crate::source::Source;

use super::class_drm::list;

/// One hwmon directory of a device: its sysfs-relative path and attribute names.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct Hwmon {
    /// The directory, relative to the sysfs root.
    pub rel: String,
    /// `name` (`amdgpu`, `i915`, `xe`).
    pub name: Option<String>,
    /// The attribute files, sorted.
    pub attrs: Vec<String>,
}

/// The first `hwmon<M>` under `<device_rel>/hwmon`, with its attributes; `None` when the
/// device has none.
pub(crate) fn find(src: &Source, device_rel: &str) -> Result<Option<Hwmon>, Error> {
    let dir = format!("{device_rel}/hwmon");
    let mut names: Vec<String> = match list(src, &dir) {
        Ok(n) => n.into_iter().filter_map(|n| String::from_utf8(n).ok()).filter(|n| n.starts_with("hwmon")).collect(),
        Err(e) if e.kind() == crate::ErrorKind::NotFound => return Ok(None),
        Err(e) => return Err(e),
    };
    names.sort_unstable();
    let Some(first) = names.into_iter().next() else { return Ok(None) };
    let rel = format!("{dir}/{first}");
    let mut attrs: Vec<String> = list(src, &rel)?.into_iter().filter_map(|n| String::from_utf8(n).ok()).collect();
    attrs.sort_unstable();
    let name = src.read_sys(format!("{rel}/name")).ok().and_then(|t| label(&t).ok());
    Ok(Some(Hwmon { rel, name, attrs }))
}

impl Hwmon {
    pub(crate) fn has(&self, attr: &str) -> bool {
        self.attrs.binary_search_by(|a| a.as_str().cmp(attr)).is_ok()
    }

    /// The path of `attr`, relative to the sysfs root.
    pub(crate) fn path(&self, attr: &str) -> String {
        format!("{}/{attr}", self.rel)
    }

    /// The channel of `kind` (`temp`, `power`, `energy`, `freq`) whose `_label` reads
    /// `wanted`.
    pub(crate) fn channel_labelled(&self, src: &Source, kind: &str, wanted: &str) -> Option<u32> {
        self.attrs.iter().filter_map(|a| attr(a)).filter(|(k, _, item)| *k == kind && *item == "label").find_map(
            |(_, n, _)| {
                let text = src.read_sys(self.path(&format!("{kind}{n}_label"))).ok()?;
                (label(&text).ok()? == wanted).then_some(n)
            },
        )
    }
}

/// Splits a hwmon attribute name: `temp1_input` → (`temp`, 1, `input`), `pwm1` → (`pwm`,
/// 1, ``). `None` for other files (`name`, `uevent`, `device`).
pub(crate) fn attr(name: &str) -> Option<(&str, u32, &str)> {
    let digits_at = name.find(|c: char| c.is_ascii_digit())?;
    let (kind, rest) = name.split_at(digits_at);
    if kind.is_empty() || !kind.bytes().all(|b| b.is_ascii_lowercase()) {
        return None;
    }
    let end = rest.find(|c: char| !c.is_ascii_digit()).unwrap_or(rest.len());
    let n: u32 = rest[..end].parse().ok()?;
    let item = match &rest[end..] {
        "" => "",
        i => i.strip_prefix('_')?,
    };
    Some((kind, n, item))
}

/// A `_label` or `name` file: one printable word or phrase, at most 64 bytes.
pub(crate) fn label(text: &[u8]) -> Result<String, ParseError> {
    let t = trim(text);
    if t.is_empty() || t.len() > 64 || !t.iter().all(|b| b.is_ascii_graphic() || *b == b' ') {
        return Err(ParseError::invalid("label"));
    }
    Ok(String::from_utf8_lossy(t).into_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn attribute_names() {
        assert_eq!(attr("temp1_input"), Some(("temp", 1, "input")));
        assert_eq!(attr("power1_cap_default"), Some(("power", 1, "cap_default")));
        assert_eq!(attr("pwm1"), Some(("pwm", 1, "")));
        assert_eq!(attr("in0_input"), Some(("in", 0, "input")));
        assert_eq!(attr("name"), None);
        assert_eq!(attr("temp1x"), None);
        assert_eq!(attr("1_input"), None);
        assert_eq!(attr("temp99999999999_input"), None);
    }

    #[test]
    fn labels() {
        assert_eq!(label(b"junction\n").unwrap(), "junction");
        assert!(label(b"\n").is_err());
        assert!(label(b"a\x00").is_err());
    }
}
