//! ZFS pools: `/proc/spl/kstat/zfs/<pool>/` (state, I/O counters, datasets) and the pool
//! configuration from `/dev/zfs` (sizes, fragmentation, the vdev tree and its errors),
//! plus the ARC (`/proc/spl/kstat/zfs/arcstats`).
//!
//! Each imported pool has a kstat directory, which is how pools are found; without
//! `/proc/spl/kstat/zfs` there is no ZFS module and both parts are `not_present`.

use std::collections::HashMap;

use crate::domain::Cx;
use crate::error::{Error, ParseError};
use crate::model::{Field, Reason};
use crate::parse::Val;
use crate::storage::{ZfsArcStats, ZfsDataset, ZfsHealth, ZfsPoolMetrics, ZfsVdev};
use crate::sys::linux::ioctl::{Device, nvlist, zfs};
use crate::sys::linux::procfs::spl_kstat_zfs::{self, Kstat};

use super::list;

/// Each pool's byte counters at the previous snapshot: (monotonic ns, read, written).
#[derive(Debug, Default)]
pub(super) struct Previous {
    pools: HashMap<String, (u64, u64, u64)>,
}

pub(super) fn collect(cx: &mut Cx<'_>, prev: &mut Previous) -> (Field<Vec<ZfsPoolMetrics>>, Field<ZfsArcStats>) {
    let src = cx.src();
    let root = src.proc_path("spl/kstat/zfs");
    let entries = match list(&root) {
        Ok(e) => e,
        Err(e) => {
            let r = cx.reason(e);
            let r = if r == Reason::NotSupported { Reason::NotPresent } else { r };
            return (Field::Missing(r), Field::Missing(r));
        }
    };
    const ARC: &str = "spl/kstat/zfs/arcstats";
    let arc = match kstat(cx, ARC) {
        Field::Value(mut k) => {
            let arc = ZfsArcStats {
                size_bytes: stat(&mut k, "size"),
                target_bytes: stat(&mut k, "c"),
                min_bytes: stat(&mut k, "c_min"),
                max_bytes: stat(&mut k, "c_max"),
                hits: stat(&mut k, "hits"),
                misses: stat(&mut k, "misses"),
                mru_bytes: stat(&mut k, "mru_size"),
                mfu_bytes: stat(&mut k, "mfu_size"),
                l2_hits: stat(&mut k, "l2_hits"),
                l2_misses: stat(&mut k, "l2_misses"),
            };
            cx.warnings().problems(&src.proc_path(ARC), &k.problems);
            Field::Value(arc)
        }
        Field::Missing(r) => Field::Missing(r),
    };
    let pools: Vec<String> = entries.into_iter().filter(|e| root.join(e).is_dir() && valid_pool_name(e)).collect();
    if pools.is_empty() {
        return (Field::Missing(Reason::NotPresent), arc);
    }
    let dev = Device::open_dev(src, "zfs");
    let now = cx.now().monotonic_ns;
    let mut seen = HashMap::new();
    let out = pools
        .iter()
        .map(|p| {
            let m = pool(cx, p, &dev, now, prev);
            if let (Field::Value(r), Field::Value(w)) = (m.read_bytes, m.written_bytes) {
                seen.insert(p.clone(), (now, r, w));
            }
            m
        })
        .collect();
    prev.pools = seen;
    (Field::Value(out), arc)
}

/// Pool names start with a letter and hold letters, digits, `_ - . :` and spaces.
fn valid_pool_name(n: &str) -> bool {
    n.starts_with(|c: char| c.is_ascii_alphabetic()) && !n.contains('/')
}

/// A value whose row this release may lack: `not_supported` without it.
fn stat(k: &mut Kstat, name: &'static str) -> Field<u64> {
    k.u64(name).field(Reason::NotSupported)
}

/// A value whose row every release of the file prints: its absence is a problem.
fn counter(k: &mut Kstat, name: &'static str) -> Field<u64> {
    match k.u64(name) {
        Val::Absent => {
            k.problems.push(ParseError::missing(name));
            Field::Missing(Reason::Error)
        }
        v => v.field(Reason::Error),
    }
}

fn kstat(cx: &mut Cx<'_>, rel: &str) -> Field<Kstat> {
    let src = cx.src();
    let r = src.read_proc(rel).and_then(|b| spl_kstat_zfs::parse(&b).map_err(|e| e.in_file(src.proc_path(rel))));
    cx.field(r)
}

fn health(word: &str) -> ZfsHealth {
    match word {
        "ONLINE" => ZfsHealth::Online,
        "DEGRADED" => ZfsHealth::Degraded,
        "FAULTED" => ZfsHealth::Faulted,
        "OFFLINE" => ZfsHealth::Offline,
        "UNAVAIL" => ZfsHealth::Unavail,
        "REMOVED" => ZfsHealth::Removed,
        "SUSPENDED" => ZfsHealth::Suspended,
        _ => ZfsHealth::Unknown,
    }
}

/// `vdev_state_t` as `zpool status` words it.
fn vdev_health(state: u64) -> ZfsHealth {
    match state {
        7 => ZfsHealth::Online,
        6 => ZfsHealth::Degraded,
        5 => ZfsHealth::Faulted,
        4 => ZfsHealth::Unavail,
        3 => ZfsHealth::Removed,
        2 => ZfsHealth::Offline,
        _ => ZfsHealth::Unknown,
    }
}

fn query(cx: &mut Cx<'_>, dev: &Result<Device, Error>, pool: &str, q: &str) -> Result<nvlist::NvList, Reason> {
    let src = cx.src();
    let dev = match dev {
        Ok(d) => d,
        Err(e) => return Err(cx.reason(e.clone())),
    };
    let name = format!("{pool}/{q}");
    let r = dev
        .query(src, &name, |fd| match q {
            "pool_stats" => zfs::pool_stats(fd, pool),
            "pool_get_props" => zfs::pool_get_props(fd, pool),
            _ => zfs::objset_stats(fd, pool),
        })
        .and_then(|b| nvlist::decode(&b).map_err(|e| e.in_file(dev.query_label(&name))));
    r.map_err(|e| cx.reason(e))
}

fn pool(cx: &mut Cx<'_>, name: &str, dev: &Result<Device, Error>, now: u64, prev: &Previous) -> ZfsPoolMetrics {
    let src = cx.src();
    let base = format!("spl/kstat/zfs/{name}");
    let state = match src.read_proc(format!("{base}/state")) {
        Ok(b) => match spl_kstat_zfs::parse_state(&b) {
            Ok(w) => Some(health(&w)),
            Err(e) => {
                cx.warn(e.in_file(src.proc_path(format!("{base}/state"))));
                None
            }
        },
        Err(e) => {
            let _ = cx.reason(e);
            None
        }
    };
    // Datasets: every objset-0x… kstat.
    let mut datasets = Vec::new();
    for f in list(&src.proc_path(&base)).unwrap_or_default() {
        let Some(id) = spl_kstat_zfs::objset_id(f.as_bytes()) else { continue };
        let rel = format!("{base}/{f}");
        let Field::Value(mut k) = kstat(cx, &rel) else { continue };
        let path = src.proc_path(&rel);
        // The name is the dataset's key: without it, the dataset is left out.
        let Some(name) = k.str("dataset_name").map(str::to_owned) else {
            cx.warn(format!("{}: no dataset_name: the dataset is left out", path.display()));
            cx.warnings().problems(&path, &k.problems);
            continue;
        };
        datasets.push(ZfsDataset {
            name,
            objset_id: id,
            reads: counter(&mut k, "reads"),
            writes: counter(&mut k, "writes"),
            read_bytes: counter(&mut k, "nread"),
            written_bytes: counter(&mut k, "nwritten"),
            unlinks: counter(&mut k, "nunlinks"),
            unlinked: counter(&mut k, "nunlinked"),
        });
        cx.warnings().problems(&path, &k.problems);
    }
    datasets.sort_by(|a, b| a.name.cmp(&b.name));
    // The pre-2.1 I/O kstat, if this release has it.
    let io_rel = format!("{base}/io");
    let mut io = if src.proc_path(&io_rel).exists() { kstat(cx, &io_rel).ok() } else { None };

    let config = query(cx, dev, name, "pool_stats");
    let tree = config.as_ref().map(zfs::vdevs).unwrap_or_default();
    let root = tree.first().and_then(|v| v.stats);
    let cfg_reason = config.as_ref().err().copied().unwrap_or(Reason::NotSupported);
    let from_root =
        |f: fn(&zfs::VdevStats) -> u64| root.as_ref().map_or(Field::Missing(cfg_reason), |s| Field::Value(f(s)));

    let size = from_root(|s| s.space);
    let alloc = from_root(|s| s.alloc);
    let capacity = match (size, alloc) {
        (Field::Value(s), Field::Value(a)) if s > 0 => Field::Value(a as f64 * 100.0 / s as f64),
        (Field::Value(_), Field::Value(_)) => Field::Missing(Reason::NotSupported),
        (Field::Missing(r), _) | (_, Field::Missing(r)) => Field::Missing(r),
    };
    let free = match (size, alloc) {
        (Field::Value(s), Field::Value(a)) => s.checked_sub(a).map_or(Field::Missing(Reason::Error), Field::Value),
        (Field::Missing(r), _) | (_, Field::Missing(r)) => Field::Missing(r),
    };
    let fragmentation = match &root {
        Some(s) => s.fragmentation.map_or(Field::Missing(Reason::NotSupported), |f| Field::Value(f as f64)),
        None => Field::Missing(cfg_reason),
    };
    let (read_ops, write_ops, read_bytes, written_bytes) = match (&root, &mut io) {
        (Some(s), _) => (
            Field::Value(s.read_ops),
            Field::Value(s.write_ops),
            Field::Value(s.read_bytes),
            Field::Value(s.write_bytes),
        ),
        (None, Some(k)) => {
            let v = (stat(k, "reads"), stat(k, "writes"), stat(k, "nread"), stat(k, "nwritten"));
            cx.warnings().problems(&src.proc_path(&io_rel), &k.problems);
            v
        }
        (None, None) => (
            Field::Missing(cfg_reason),
            Field::Missing(cfg_reason),
            Field::Missing(cfg_reason),
            Field::Missing(cfg_reason),
        ),
    };
    let rate = |now_v: Field<u64>, pick: fn(&(u64, u64, u64)) -> u64| -> Field<u64> {
        let Field::Value(v) = now_v else { return now_v };
        match prev.pools.get(name) {
            Some(p) if now > p.0 && v >= pick(p) => {
                let per_s = u128::from(v - pick(p)) * 1_000_000_000 / u128::from(now - p.0);
                Field::Value(u64::try_from(per_s).unwrap_or(u64::MAX))
            }
            _ => Field::Missing(Reason::NoPreviousSample),
        }
    };
    let read_bandwidth = rate(read_bytes, |p| p.1);
    let write_bandwidth = rate(written_bytes, |p| p.2);

    let props = query(cx, dev, name, "pool_get_props");
    let dedup_ratio = match &props {
        Ok(p) => zfs::prop_u64(p, "dedupratio")
            .map_or(Field::Missing(Reason::NotSupported), |v| Field::Value(v as f64 / 100.0)),
        Err(r) => Field::Missing(*r),
    };
    let objset = query(cx, dev, name, "objset_stats");
    let compression_ratio = match &objset {
        Ok(p) => zfs::prop_u64(p, "compressratio")
            .map_or(Field::Missing(Reason::NotSupported), |v| Field::Value(v as f64 / 100.0)),
        Err(r) => Field::Missing(*r),
    };

    let vdevs = tree
        .iter()
        .map(|v| {
            let s = v.stats;
            let stat = |f: fn(&zfs::VdevStats) -> u64| {
                s.as_ref().map_or(Field::Missing(Reason::NotSupported), |s| Field::Value(f(s)))
            };
            let vname = match (v.depth, v.vdev_type.as_str(), &v.path) {
                (0, _, _) => name.to_owned(),
                (_, _, Some(p)) => match p.strip_prefix("/dev/") {
                    Some(rest) => rest.rsplit('/').next().unwrap_or(rest).to_owned(),
                    None => p.clone(),
                },
                (_, "raidz", _) => format!("raidz{}-{}", v.nparity.unwrap_or(1), v.id.unwrap_or(0)),
                (_, t, _) => format!("{t}-{}", v.id.unwrap_or(0)),
            };
            ZfsVdev {
                name: vname,
                vdev_type: v.vdev_type.clone(),
                depth: v.depth,
                guid: v.guid.map_or(Field::Missing(Reason::NotSupported), Field::Value),
                path: v.path.clone(),
                health: s.map_or(Field::Missing(Reason::NotSupported), |s| Field::Value(vdev_health(s.state))),
                allocated_bytes: stat(|s| s.alloc),
                size_bytes: stat(|s| s.space),
                read_errors: stat(|s| s.read_errors),
                write_errors: stat(|s| s.write_errors),
                checksum_errors: stat(|s| s.checksum_errors),
                is_log: v.is_log,
            }
        })
        .collect();
    let health = match (state, &root) {
        (Some(h), _) => Field::Value(h),
        (None, Some(s)) => Field::Value(vdev_health(s.state)),
        (None, None) => Field::Missing(cfg_reason),
    };
    ZfsPoolMetrics {
        name: name.to_owned(),
        guid: match &config {
            Ok(c) => c.u64("pool_guid").map_or(Field::Missing(Reason::NotSupported), Field::Value),
            Err(r) => Field::Missing(*r),
        },
        health,
        size_bytes: size,
        allocated_bytes: alloc,
        free_bytes: free,
        fragmentation_percent: fragmentation,
        capacity_percent: capacity,
        dedup_ratio,
        compression_ratio,
        vdevs,
        datasets,
        read_ops,
        write_ops,
        read_bandwidth,
        write_bandwidth,
        read_errors: from_root(|s| s.read_errors),
        write_errors: from_root(|s| s.write_errors),
        checksum_errors: from_root(|s| s.checksum_errors),
        read_bytes,
        written_bytes,
    }
}
