//! Hardware sensors: every hwmon chip and channel, in base units.

use crate::domain::Cx;
use crate::error::ErrorKind;
use crate::model::{Field, Reason, Warnings};
use crate::power::{HwmonChip, SensorChannel, SensorKind};
use crate::sys::imp::sysfs::class_hwmon::{self as hwmon, Channel, Item};

use super::{attr, class_reason};

pub(super) fn collect(cx: &mut Cx<'_>, buf: &mut Vec<u8>) -> Field<Vec<HwmonChip>> {
    let src = cx.src();
    let entries = match hwmon::list(src) {
        Ok(e) => e,
        Err(e) => return Field::Missing(class_reason(cx, e)),
    };
    let w = cx.warnings();
    let mut chips = Vec::with_capacity(entries.len());
    for (_, entry) in entries {
        match hwmon::read_chip(src, &entry, buf) {
            Ok(c) => chips.push(HwmonChip {
                id: c.id,
                name: attr(w, c.name),
                label: attr(w, c.label),
                device: c.device.map_or(Field::Missing(Reason::NotPresent), |r| w.field(r)),
                channels: c.channels.into_iter().map(|ch| channel(w, ch)).collect(),
            }),
            // The chip went away between listing and reading (a device unplugged).
            Err(e) if e.kind() == ErrorKind::NotFound => {}
            Err(e) => {
                let r = w.reason(e);
                chips.push(HwmonChip {
                    id: String::from_utf8_lossy(&entry).into_owned(),
                    name: Field::Missing(r),
                    label: Field::Missing(r),
                    device: Field::Missing(r),
                    channels: Vec::new(),
                });
            }
        }
    }
    Field::Value(chips)
}

/// The factor from the sysfs unit of `kind` to its base unit, as a divisor (exact for
/// decimal values: 48000 / 1000 is 48, where 48000 × 0.001 need not be).
fn divisor(kind: SensorKind) -> f64 {
    match kind {
        SensorKind::Fan => 1.0,
        SensorKind::Voltage | SensorKind::Temperature | SensorKind::Current | SensorKind::Humidity => 1e3,
        SensorKind::Power | SensorKind::Energy => 1e6,
    }
}

fn channel(w: &mut Warnings, mut ch: Channel) -> SensorChannel {
    let div = divisor(ch.kind);
    let mut take = |w: &mut Warnings, item: Item| -> Field<i64> {
        if ch.disabled && ch.has(item) && item != Item::Enable {
            return Field::Missing(Reason::NotEnabled);
        }
        attr(w, ch.values[item as usize].take())
    };
    let mut num = |w: &mut Warnings, item: Item| take(w, item).map(|v| v as f64 / div);
    let input = num(w, Item::Input);
    let average = num(w, Item::Average);
    let min = num(w, Item::Min);
    let max = num(w, Item::Max);
    let lcrit = num(w, Item::Lcrit);
    let crit = num(w, Item::Crit);
    let emergency = num(w, Item::Emergency);
    let lowest = num(w, Item::Lowest);
    let highest = num(w, Item::Highest);
    let max_hyst = num(w, Item::MaxHyst);
    let crit_hyst = num(w, Item::CritHyst);
    let target = num(w, Item::Target);
    let cap = num(w, Item::Cap);
    let mut flag = |w: &mut Warnings, item: Item| take(w, item).map(|v| v != 0);
    let alarm = flag(w, Item::Alarm);
    let min_alarm = flag(w, Item::MinAlarm);
    let max_alarm = flag(w, Item::MaxAlarm);
    let crit_alarm = flag(w, Item::CritAlarm);
    let fault = flag(w, Item::Fault);
    SensorChannel {
        kind: ch.kind,
        name: format!("{}{}", ch.kind.prefix(), ch.index),
        label: attr(w, ch.label.take()),
        unit: ch.kind.unit().to_owned(),
        input,
        average,
        min,
        max,
        lcrit,
        crit,
        emergency,
        lowest,
        highest,
        max_hyst,
        crit_hyst,
        target,
        cap,
        alarm,
        min_alarm,
        max_alarm,
        crit_alarm,
        fault,
    }
}
