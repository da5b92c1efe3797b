//! `/sys/class/hwmon/hwmon<n>`: hardware monitoring chips and their sensor channels.
//!
//! ```text
//! $ cd /sys/class/hwmon/hwmon4 && grep . name temp1_*
//! name:coretemp
//! temp1_crit:100000
//! temp1_crit_alarm:0
//! temp1_input:48000
//! temp1_label:Package id 0
//! temp1_max:100000
//! ```
//!
//! (Documentation/hwmon/sysfs-interface.rst.) One value per file, named
//! `<type><n>_<item>`: `in<n>` voltages in millivolts (numbered from 0), `fan<n>` in RPM,
//! `temp<n>` in millidegrees Celsius, `curr<n>` in milliamperes, `power<n>` in
//! microwatts, `energy<n>` in microjoules, `humidity<n>` in milli-percent; items `input`,
//! `min`, `max`, `lcrit`, `crit`, `emergency`, `lowest`, `highest`, `average`,
//! `*_hyst`, `target`, `cap`, `label`, and the flags `alarm`, `*_alarm`, `fault`,
//! `enable`. Only `name` is mandatory; every other file exists only where the chip has the
//! feature, so a chip is listed once and only the files it has are read.
//!
//! Quirks: drivers before the hwmon core's `with_info` API (and lm-sensors before 3.0.1)
//! put the attributes in the parent device's directory (`hwmon<n>/device/`): when
//! `hwmon<n>` has no `name`, the attributes are read from `device/`. A disabled channel
//! (`_enable` = 0) and some sleeping devices fail reads with `ENODATA`; broken drivers
//! return `EAGAIN` (read once, never retried). Chips that report a thermistor as a voltage
//! give `temp` values in millivolts: the kernel does not say which.

use crate::error::Error;
use crate::parse::u64_dec;
use crate::power::SensorKind;
use crate::source::{Source, SysDir};
use crate::sys::imp::sysfs::attribute::{self, Attr};

/// The most channels read per chip, and the highest channel number accepted.
pub(crate) const MAX_CHANNELS: usize = 1024;
const MAX_INDEX: u32 = 100_000;

/// An item of a channel (the part after `<type><n>_`) libprobe reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[repr(u8)]
pub(crate) enum Item {
    Input,
    Average,
    Min,
    Max,
    Lcrit,
    Crit,
    Emergency,
    Lowest,
    Highest,
    MaxHyst,
    CritHyst,
    Target,
    Cap,
    Alarm,
    MinAlarm,
    MaxAlarm,
    CritAlarm,
    Fault,
    Enable,
    Label,
}

impl Item {
    /// Every item with its file suffix, in the order of the enum.
    pub(crate) const ALL: [(Item, &'static [u8]); 20] = [
        (Item::Input, b"input"),
        (Item::Average, b"average"),
        (Item::Min, b"min"),
        (Item::Max, b"max"),
        (Item::Lcrit, b"lcrit"),
        (Item::Crit, b"crit"),
        (Item::Emergency, b"emergency"),
        (Item::Lowest, b"lowest"),
        (Item::Highest, b"highest"),
        (Item::MaxHyst, b"max_hyst"),
        (Item::CritHyst, b"crit_hyst"),
        (Item::Target, b"target"),
        (Item::Cap, b"cap"),
        (Item::Alarm, b"alarm"),
        (Item::MinAlarm, b"min_alarm"),
        (Item::MaxAlarm, b"max_alarm"),
        (Item::CritAlarm, b"crit_alarm"),
        (Item::Fault, b"fault"),
        (Item::Enable, b"enable"),
        (Item::Label, b"label"),
    ];
    /// The numeric items (all but `Label`), which [`Channel::values`] holds by index.
    pub(crate) const NUMERIC: usize = 19;

    fn bit(self) -> u32 {
        1 << (self as u8)
    }
}

const KINDS: [SensorKind; 7] = [
    SensorKind::Voltage,
    SensorKind::Fan,
    SensorKind::Temperature,
    SensorKind::Power,
    SensorKind::Energy,
    SensorKind::Current,
    SensorKind::Humidity,
];

/// What the file `name` of a chip is: its channel's kind and number and the item, or
/// `None` for files libprobe does not read (`name`, `pwm1`, `temp1_type`,
/// `in_reset_history`, `intrusion0_alarm`, `cpu0_vid`, `uevent`).
pub(crate) fn attribute(name: &[u8]) -> Option<(SensorKind, u32, Item)> {
    let kind = KINDS.into_iter().find(|k| name.starts_with(k.prefix().as_bytes()))?;
    let rest = &name[kind.prefix().len()..];
    let digits = rest.iter().position(|b| !b.is_ascii_digit())?;
    let index = u64_dec(&rest[..digits]).and_then(|v| u32::try_from(v).ok()).filter(|&i| i <= MAX_INDEX)?;
    let item = rest[digits..].strip_prefix(b"_")?;
    let (item, _) = Item::ALL.iter().find(|(_, s)| *s == item)?;
    Some((kind, index, *item))
}

/// The class entry's number (`hwmon12` → 12).
pub(crate) fn chip_index(name: &[u8]) -> Option<u32> {
    u64_dec(name.strip_prefix(b"hwmon")?).and_then(|v| u32::try_from(v).ok())
}

/// One chip, as read.
#[derive(Debug)]
pub(crate) struct Chip {
    /// `hwmon<n>`.
    pub id: String,
    pub name: Attr<String>,
    pub label: Attr<String>,
    /// The last component of the `device` link's target; `None` without the link.
    pub device: Option<Result<String, Error>>,
    pub channels: Vec<Channel>,
}

/// One channel, as read.
#[derive(Debug)]
pub(crate) struct Channel {
    pub kind: SensorKind,
    pub index: u32,
    pub label: Attr<String>,
    /// The numeric items, raw (millidegrees, millivolts, …), by [`Item`] index.
    pub values: [Attr<i64>; Item::NUMERIC],
    /// The channel is switched off (`_enable` = 0): its readings were not read.
    pub disabled: bool,
    /// The items the directory lists, a bit per [`Item`].
    pub items: u32,
}

impl Channel {
    /// Whether the directory lists `item` for this channel.
    pub(crate) fn has(&self, item: Item) -> bool {
        self.items & item.bit() != 0
    }
}

/// Every `hwmon<n>` entry of `/sys/class/hwmon`, in number order.
pub(crate) fn list(src: &Source) -> Result<Vec<(u32, Vec<u8>)>, Error> {
    let dir = src.open_sys_dir("class/hwmon")?;
    let mut chips = Vec::new();
    dir.entries(|n| {
        if let Some(i) = chip_index(n) {
            chips.push((i, n.to_vec()));
        }
    })?;
    chips.sort_unstable();
    Ok(chips)
}

/// What a chip's directory lists.
#[derive(Debug, Default)]
struct Listing {
    has_name: bool,
    has_label: bool,
    has_device: bool,
    /// (kind, number, bit set of items), in listing order.
    found: Vec<(SensorKind, u32, u32)>,
}

impl Listing {
    fn note(&mut self, n: &[u8]) {
        match n {
            b"name" => self.has_name = true,
            b"label" => self.has_label = true,
            b"device" => self.has_device = true,
            _ => {
                if let Some((kind, index, item)) = attribute(n) {
                    add(&mut self.found, kind, index, item);
                }
            }
        }
    }
}

/// Reads the chip of `/sys/class/hwmon/<entry>`: lists it (or its `device/` directory for
/// an old-style driver), then reads each file of each channel it has.
pub(crate) fn read_chip(src: &Source, entry: &[u8], buf: &mut Vec<u8>) -> Result<Chip, Error> {
    use std::os::unix::ffi::OsStrExt;
    let top = src.open_sys_dir(std::path::Path::new("class/hwmon").join(std::ffi::OsStr::from_bytes(entry)))?;
    let mut listing = Listing::default();
    top.entries(|n| listing.note(n))?;
    // An old-style driver: the attributes live in the parent device's directory.
    let old = if !listing.has_name && listing.has_device {
        let dev = top.open_dir(b"device")?;
        let has_device = listing.has_device;
        listing = Listing { has_device, ..Listing::default() };
        dev.entries(|n| listing.note(n))?;
        listing.has_device = has_device;
        Some(dev)
    } else {
        None
    };
    let dir = old.as_ref().unwrap_or(&top);
    let device = listing.has_device.then(|| {
        top.read_link(b"device", buf).map(|()| {
            let target = buf.rsplit(|&b| b == b'/').next().unwrap_or(buf);
            String::from_utf8_lossy(target).into_owned()
        })
    });
    let name = listing.has_name.then(|| attribute::read(dir, b"name", buf, attribute::string));
    let label = listing.has_label.then(|| attribute::read(dir, b"label", buf, attribute::string));
    listing.found.sort_unstable_by_key(|&(kind, index, _)| (kind, index));
    let mut file = Vec::with_capacity(32);
    let channels = listing
        .found
        .into_iter()
        .map(|(kind, index, items)| read_channel(dir, kind, index, items, &mut file, buf))
        .collect();
    Ok(Chip { id: String::from_utf8_lossy(entry).into_owned(), name, label, device, channels })
}

/// Notes `item` of channel `kind<index>` in `found` (bounded by [`MAX_CHANNELS`]).
fn add(found: &mut Vec<(SensorKind, u32, u32)>, kind: SensorKind, index: u32, item: Item) {
    if let Some(c) = found.iter_mut().rev().find(|c| c.0 == kind && c.1 == index) {
        c.2 |= item.bit();
    } else if found.len() < MAX_CHANNELS {
        found.push((kind, index, item.bit()));
    }
}

/// `<prefix><index>_<item>` into `out`.
pub(crate) fn file_name(kind: SensorKind, index: u32, item: Item, out: &mut Vec<u8>) {
    out.clear();
    out.extend_from_slice(kind.prefix().as_bytes());
    let mut digits = [0u8; 10];
    let mut i = digits.len();
    let mut n = index;
    loop {
        i -= 1;
        digits[i] = b'0' + (n % 10) as u8;
        n /= 10;
        if n == 0 {
            break;
        }
    }
    out.extend_from_slice(&digits[i..]);
    out.push(b'_');
    out.extend_from_slice(Item::ALL[item as usize].1);
}

fn read_channel(
    dir: &SysDir<'_>,
    kind: SensorKind,
    index: u32,
    items: u32,
    file: &mut Vec<u8>,
    buf: &mut Vec<u8>,
) -> Channel {
    let has = |item: Item| items & item.bit() != 0;
    let label = has(Item::Label).then(|| {
        file_name(kind, index, Item::Label, file);
        attribute::read(dir, file, buf, attribute::string)
    });
    // A channel switched off (`_enable` = 0) fails its reads with ENODATA: say so instead.
    let enable = has(Item::Enable).then(|| {
        file_name(kind, index, Item::Enable, file);
        attribute::read(dir, file, buf, attribute::i64)
    });
    let disabled = matches!(enable, Some(Ok(0)));
    let mut values: [Attr<i64>; Item::NUMERIC] = Default::default();
    for (slot, &(item, _)) in values.iter_mut().zip(&Item::ALL) {
        if !has(item) {
            continue;
        }
        if item == Item::Enable {
            *slot = enable.clone();
            continue;
        }
        if disabled {
            continue;
        }
        file_name(kind, index, item, file);
        *slot = Some(attribute::read(dir, file, buf, attribute::i64));
    }
    Channel { kind, index, label, values, disabled, items }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn attribute_names() {
        assert_eq!(attribute(b"temp1_input"), Some((SensorKind::Temperature, 1, Item::Input)));
        assert_eq!(attribute(b"in0_lcrit"), Some((SensorKind::Voltage, 0, Item::Lcrit)));
        assert_eq!(attribute(b"fan12_target"), Some((SensorKind::Fan, 12, Item::Target)));
        assert_eq!(attribute(b"power1_average"), Some((SensorKind::Power, 1, Item::Average)));
        assert_eq!(attribute(b"curr2_crit_alarm"), Some((SensorKind::Current, 2, Item::CritAlarm)));
        assert_eq!(attribute(b"humidity1_input"), Some((SensorKind::Humidity, 1, Item::Input)));
        assert_eq!(attribute(b"energy1_input"), Some((SensorKind::Energy, 1, Item::Input)));
        assert_eq!(attribute(b"temp3_label"), Some((SensorKind::Temperature, 3, Item::Label)));
        assert_eq!(attribute(b"temp1_max_hyst"), Some((SensorKind::Temperature, 1, Item::MaxHyst)));
        // Not channel attributes libprobe reads.
        for n in [
            &b"name"[..],
            b"intrusion0_alarm",
            b"in_reset_history",
            b"temp1_type",
            b"temp1_auto_point1_pwm",
            b"pwm1",
            b"cpu0_vid",
            b"temp_1_input",
            b"temp1input",
            b"temp99999999999_input",
            b"power1_average_interval",
        ] {
            assert_eq!(attribute(n), None, "{}", n.escape_ascii());
        }
        assert_eq!(chip_index(b"hwmon12"), Some(12));
        assert_eq!(chip_index(b"hwmon"), None);
        assert_eq!(chip_index(b"thermal_zone0"), None);
    }

    #[test]
    fn channels_are_bounded() {
        let mut found = Vec::new();
        for i in 0..(MAX_CHANNELS as u32 + 10) {
            add(&mut found, SensorKind::Temperature, i, Item::Input);
            add(&mut found, SensorKind::Temperature, i, Item::Max);
        }
        assert_eq!(found.len(), MAX_CHANNELS);
        assert_eq!(found[0].2, Item::Input.bit() | Item::Max.bit());
    }

    #[test]
    fn file_names() {
        let mut f = Vec::new();
        file_name(SensorKind::Voltage, 0, Item::Input, &mut f);
        assert_eq!(f, b"in0_input");
        file_name(SensorKind::Temperature, 4_294_967_295, Item::CritHyst, &mut f);
        assert_eq!(f, b"temp4294967295_crit_hyst");
        for (i, (item, _)) in Item::ALL.iter().enumerate() {
            assert_eq!(*item as usize, i);
        }
    }
}
