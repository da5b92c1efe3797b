//! Thermal zones and cooling devices.

use std::path::Path;

use crate::domain::Cx;
use crate::error::ErrorKind;
use crate::model::{Field, Reason};
use crate::power::{CoolingDevice, ThermalZone, TripPoint};
use crate::sys::imp::sysfs::class_thermal::{self as thermal, Entry};

use super::{attr, class_reason};

/// What the thermal part of the domain gives.
#[derive(Debug)]
pub(super) struct Thermal {
    pub zones: Field<Vec<ThermalZone>>,
    pub cooling: Field<Vec<CoolingDevice>>,
}

impl Thermal {
    pub(super) fn missing(r: Reason) -> Thermal {
        Thermal { zones: Field::Missing(r), cooling: Field::Missing(r) }
    }
}

fn celsius(millidegrees: i64) -> f64 {
    millidegrees as f64 / 1e3
}

pub(super) fn collect(cx: &mut Cx<'_>, buf: &mut Vec<u8>) -> Thermal {
    let src = cx.src();
    let entries = match thermal::list(src) {
        Ok(e) => e,
        Err(e) => return Thermal::missing(class_reason(cx, e)),
    };
    let w = cx.warnings();
    let (mut zones, mut cooling) = (Vec::new(), Vec::new());
    for e in entries {
        let id = match e {
            Entry::Zone(i) => format!("thermal_zone{i}"),
            Entry::Cooling(i) => format!("cooling_device{i}"),
        };
        let dir = match src.open_sys_dir(Path::new("class/thermal").join(&id)) {
            Ok(d) => d,
            Err(err) if err.kind() == ErrorKind::NotFound => continue,
            Err(err) => {
                let r = w.reason(err);
                match e {
                    Entry::Zone(_) => zones.push(unreadable_zone(id, r)),
                    Entry::Cooling(_) => cooling.push(CoolingDevice {
                        id,
                        device_type: Field::Missing(r),
                        cur_state: Field::Missing(r),
                        max_state: Field::Missing(r),
                    }),
                }
                continue;
            }
        };
        match e {
            Entry::Zone(_) => match thermal::read_zone(&dir, buf) {
                Ok(z) => zones.push(ThermalZone {
                    id,
                    zone_type: attr(w, z.zone_type),
                    temperature_celsius: attr(w, z.temp).map(celsius),
                    mode: attr(w, z.mode),
                    policy: attr(w, z.policy),
                    trip_points: z
                        .trips
                        .into_iter()
                        .map(|t| TripPoint {
                            index: t.index,
                            trip_type: attr(w, t.trip_type),
                            temperature_celsius: attr(w, t.temp).map(celsius),
                            hysteresis_celsius: attr(w, t.hyst).map(celsius),
                        })
                        .collect(),
                }),
                Err(err) if err.kind() == ErrorKind::NotFound => {}
                Err(err) => zones.push(unreadable_zone(id, w.reason(err))),
            },
            Entry::Cooling(_) => {
                let c = thermal::read_cooling(&dir, buf);
                cooling.push(CoolingDevice {
                    id,
                    device_type: w.field(c.device_type),
                    cur_state: w.field(c.cur_state),
                    max_state: w.field(c.max_state),
                });
            }
        }
    }
    Thermal { zones: Field::Value(zones), cooling: Field::Value(cooling) }
}

fn unreadable_zone(id: String, r: Reason) -> ThermalZone {
    ThermalZone {
        id,
        zone_type: Field::Missing(r),
        temperature_celsius: Field::Missing(r),
        mode: Field::Missing(r),
        policy: Field::Missing(r),
        trip_points: Vec::new(),
    }
}
