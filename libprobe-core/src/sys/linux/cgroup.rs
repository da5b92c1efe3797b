//! Resolves a process's cgroups to its path, controllers and effective limits.
//!
//! The cgroup hierarchies are found once per snapshot in `/proc/self/mountinfo`
//! (`cgroup2`, and `cgroup` v1 mounts with their controllers). Many processes share the
//! same `/proc/<pid>/cgroup` content, so results are cached per content: a snapshot reads
//! each cgroup's files once.
//!
//! Effective limits are the tightest along the path from the process's cgroup to the
//! hierarchy root, because a parent's limit binds every child (a container's
//! `memory.max` set on its slice binds the processes in its sub-cgroups). Usage and
//! pressure come from the process's own cgroup; the root cgroup's pressure is the
//! system's (`/proc/pressure/*`).

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use crate::error::{Error, ErrorKind, ParseError};
use crate::model::{Field, Reason, Warnings};
use crate::process::{CgroupLimits, IoMax, Pressure};
use crate::source::Source;
use crate::text::ByteStr;

use super::procfs::{pid_cgroup, pid_mountinfo, pressure};
use super::sysfs::fs_cgroup;

/// The three cgroup fields of a process.
pub(crate) type Resolved = (Field<ByteStr>, Field<Arc<[String]>>, Field<Arc<CgroupLimits>>);

struct Hierarchy {
    /// Where it is mounted, under the source's rootfs.
    dir: PathBuf,
    /// The cgroup mounted there (`/` unless a container mounted its own subtree).
    root: Vec<u8>,
    /// v1 controllers of the mount (empty for v2).
    controllers: Vec<String>,
}

struct Mounts {
    v2: Option<Hierarchy>,
    v1: Vec<Hierarchy>,
}

pub(crate) struct CgroupCache<'a> {
    src: &'a Source,
    limits: bool,
    mounts: Option<Result<Mounts, Reason>>,
    cache: HashMap<Vec<u8>, Resolved>,
}

impl<'a> CgroupCache<'a> {
    /// A cache for one snapshot; `limits` says whether to read the limit files.
    pub(crate) fn new(src: &'a Source, limits: bool) -> Self {
        CgroupCache { src, limits, mounts: None, cache: HashMap::new() }
    }

    /// The fields for a process whose `/proc/<pid>/cgroup` reads `content`.
    pub(crate) fn resolve(
        &mut self,
        content: &[u8],
        warnings: &mut Warnings,
        path: impl FnOnce() -> PathBuf,
    ) -> Resolved {
        if let Some(r) = self.cache.get(content) {
            return r.clone();
        }
        let (lines, problems) = pid_cgroup::parse(content);
        if !problems.is_empty() {
            warnings.problems(&path(), &problems);
        }
        // The lines that parse still place the process; with none, nothing does.
        let resolved = if lines.is_empty() && !problems.is_empty() {
            (Field::Missing(Reason::Error), Field::Missing(Reason::Error), Field::Missing(Reason::Error))
        } else {
            self.compute(&lines, warnings)
        };
        self.cache.insert(content.to_vec(), resolved.clone());
        resolved
    }

    fn compute(&mut self, lines: &[pid_cgroup::CgroupLine<'_>], warnings: &mut Warnings) -> Resolved {
        let unified = pid_cgroup::unified(lines);
        let path = unified.or_else(|| lines.first()).map(|l| ByteStr::from(l.path));
        let path = path.map_or(Field::Missing(Reason::NotSupported), Field::Value);
        let src = self.src;
        let mounts = self.mounts.get_or_insert_with(|| {
            load_mounts(src).map_err(|e| {
                let r = e.reason();
                if r == Reason::Error {
                    warnings.push(e);
                }
                r
            })
        });
        let mounts = match mounts {
            Ok(m) => &*m,
            Err(r) => {
                let limits = if self.limits { Field::Missing(*r) } else { Field::Missing(Reason::Disabled) };
                return (path, Field::Missing(*r), limits);
            }
        };

        // Controllers: the v2 cgroup's own, plus the v1 hierarchies the process is in.
        let mut reader = Reader { src, warnings };
        let mut v2_controllers: Vec<String> = Vec::new();
        if let (Some(line), Some(h)) = (unified, mounts.v2.as_ref())
            && let Some(dir) = h.cgroup_dir(line.path)
            && let Some(text) = reader.read(&dir.join("cgroup.controllers"))
        {
            v2_controllers = fs_cgroup::controllers(&text);
        }
        let mut controllers = v2_controllers.clone();
        for line in lines.iter().filter(|l| l.hierarchy != 0) {
            for c in &line.controllers {
                let c = String::from_utf8_lossy(c).into_owned();
                if !c.starts_with("name=") && !controllers.contains(&c) {
                    controllers.push(c);
                }
            }
        }

        let limits = if self.limits {
            limits(&mut reader, mounts, lines, unified, &v2_controllers)
        } else {
            Field::Missing(Reason::Disabled)
        };
        (path, Field::Value(controllers.into()), limits.map(Arc::new))
    }
}

impl Hierarchy {
    /// The directory of the cgroup at `path` in this hierarchy, if it is visible here.
    fn cgroup_dir(&self, path: &[u8]) -> Option<PathBuf> {
        let path = path.strip_suffix(b" (deleted)").unwrap_or(path);
        let rel = if self.root == b"/" { path } else { path.strip_prefix(self.root.as_slice())? };
        let rel = rel.strip_prefix(b"/").unwrap_or(rel);
        use std::os::unix::ffi::OsStrExt;
        Some(if rel.is_empty() { self.dir.clone() } else { self.dir.join(std::ffi::OsStr::from_bytes(rel)) })
    }

    /// The cgroup directories from `path` up to this hierarchy's root, innermost first.
    fn ancestry(&self, path: &[u8]) -> Vec<PathBuf> {
        let mut out = Vec::new();
        let Some(mut dir) = self.cgroup_dir(path) else { return out };
        loop {
            out.push(dir.clone());
            if dir == self.dir || !dir.pop() || !dir.starts_with(&self.dir) {
                break;
            }
        }
        out
    }
}

fn load_mounts(src: &Source) -> Result<Mounts, Error> {
    let text = src.read_proc("self/mountinfo")?;
    // A line that does not parse is no mount here (the system domain warns about it).
    let (mounts, _) = pid_mountinfo::parse(&text);
    let mut out = Mounts { v2: None, v1: Vec::new() };
    for m in mounts {
        let dir = src.root_path(&m.mount_point);
        match m.fs_type.as_str() {
            "cgroup2" if out.v2.is_none() => out.v2 = Some(Hierarchy { dir, root: m.root, controllers: Vec::new() }),
            "cgroup" => {
                let known = ["rw", "ro", "relatime", "noatime", "nosuid", "nodev", "noexec", "clone_children", "xattr"];
                let controllers = m
                    .super_options
                    .split(',')
                    .filter(|o| !known.contains(o) && !o.starts_with("release_agent=") && !o.is_empty())
                    .map(str::to_owned)
                    .collect();
                out.v1.push(Hierarchy { dir, root: m.root, controllers });
            }
            _ => {}
        }
    }
    Ok(out)
}

struct Reader<'s, 'w> {
    src: &'s Source,
    warnings: &'w mut Warnings,
}

impl Reader<'_, '_> {
    /// The file's content; `None` when it does not exist or cannot be read (unexpected
    /// errors are warned about).
    fn read(&mut self, path: &Path) -> Option<Vec<u8>> {
        let mut buf = Vec::new();
        match self.src.read_into(path, &mut buf) {
            Ok(()) => Some(buf),
            Err(e)
                if matches!(e.kind(), ErrorKind::NotFound | ErrorKind::PermissionDenied | ErrorKind::Unsupported) =>
            {
                None
            }
            Err(e) => {
                self.warnings.push(e);
                None
            }
        }
    }

    fn parse<T>(&mut self, path: &Path, parse: impl FnOnce(&[u8]) -> Result<T, ParseError>) -> Option<T> {
        let text = self.read(path)?;
        match parse(&text) {
            Ok(v) => Some(v),
            Err(e) => {
                self.warnings.push(e.in_file(path));
                None
            }
        }
    }

    /// The smallest value of `file` along `dirs`, if any level has the file.
    fn tightest(&mut self, dirs: &[PathBuf], file: &str, parse: fn(&[u8]) -> Result<u64, ParseError>) -> Option<u64> {
        dirs.iter().filter_map(|d| self.parse(&d.join(file), parse)).min()
    }

    /// The value of `file` in the innermost cgroup.
    fn own(&mut self, dirs: &[PathBuf], file: &str, parse: fn(&[u8]) -> Result<u64, ParseError>) -> Option<u64> {
        dirs.first().and_then(|d| self.parse(&d.join(file), parse))
    }
}

/// A limit found along the path; no limit file anywhere on a path where the controller
/// is active means unlimited (the root cgroup has no limit files: it is never limited).
fn bound(found: Option<u64>, active: bool) -> Field<u64> {
    match found {
        Some(v) => Field::Value(v),
        None if active => Field::Value(u64::MAX),
        None => Field::Missing(Reason::NotSupported),
    }
}

fn known(v: Option<u64>) -> Field<u64> {
    v.map_or(Field::Missing(Reason::NotSupported), Field::Value)
}

/// The kernel's CFS period when no cgroup sets one (100 ms).
const DEFAULT_CPU_PERIOD_US: u64 = 100_000;

fn limits(
    r: &mut Reader<'_, '_>,
    mounts: &Mounts,
    lines: &[pid_cgroup::CgroupLine<'_>],
    unified: Option<&pid_cgroup::CgroupLine<'_>>,
    v2_controllers: &[String],
) -> Field<CgroupLimits> {
    let v2 = match (unified, mounts.v2.as_ref()) {
        (Some(line), Some(h)) => h.ancestry(line.path),
        _ => Vec::new(),
    };
    let v2_active = |c: &str| !v2.is_empty() && v2_controllers.iter().any(|x| x == c);
    // The process's cgroups in the v1 hierarchy of `controller`, innermost first.
    let v1 = |controller: &str| -> Vec<PathBuf> {
        let Some(h) = mounts.v1.iter().find(|h| h.controllers.iter().any(|c| c == controller)) else {
            return Vec::new();
        };
        lines
            .iter()
            .find(|l| l.hierarchy != 0 && l.controllers.contains(&controller.as_bytes()))
            .map(|l| h.ancestry(l.path))
            .unwrap_or_default()
    };
    let (cpu_v1, mem_v1, pids_v1) = (v1("cpu"), v1("memory"), v1("pids"));
    let (cpu_v2, mem_v2, pids_v2, io_v2) = (v2_active("cpu"), v2_active("memory"), v2_active("pids"), v2_active("io"));
    // Which version answered: a controller lives in exactly one of them.
    let used_v1 =
        (!cpu_v2 && !cpu_v1.is_empty()) || (!mem_v2 && !mem_v1.is_empty()) || (!pids_v2 && !pids_v1.is_empty());

    // CPU: the quota/period pair with the smallest ratio along the path.
    let mut pairs: Vec<(u64, u64)> = Vec::new();
    if cpu_v2 {
        pairs.extend(v2.iter().filter_map(|d| r.parse(&d.join("cpu.max"), fs_cgroup::cpu_max)));
    } else {
        for d in &cpu_v1 {
            let q = r.parse(&d.join("cpu.cfs_quota_us"), fs_cgroup::v1_quota);
            let p = r.parse(&d.join("cpu.cfs_period_us"), fs_cgroup::max_value);
            pairs.extend(q.zip(p));
        }
    }
    let tightest = pairs
        .into_iter()
        .filter(|&(_, p)| p > 0)
        .min_by(|&(q1, p1), &(q2, p2)| (u128::from(q1) * u128::from(p2)).cmp(&(u128::from(q2) * u128::from(p1))));
    let cpu_active = cpu_v2 || !cpu_v1.is_empty();
    let (cpu_max_quota_us, cpu_max_period_us) = match tightest {
        Some((q, p)) => (Field::Value(q), Field::Value(p)),
        None if cpu_active => (Field::Value(u64::MAX), Field::Value(DEFAULT_CPU_PERIOD_US)),
        None => (Field::Missing(Reason::NotSupported), Field::Missing(Reason::NotSupported)),
    };
    let cpu_weight = if cpu_v2 {
        known(r.own(&v2, "cpu.weight", fs_cgroup::max_value))
    } else {
        known(r.own(&cpu_v1, "cpu.shares", fs_cgroup::max_value).map(shares_to_weight))
    };

    let (memory_max, memory_current) = if mem_v2 {
        (
            bound(r.tightest(&v2, "memory.max", fs_cgroup::max_value), true),
            known(r.own(&v2, "memory.current", fs_cgroup::max_value)),
        )
    } else {
        (
            bound(r.tightest(&mem_v1, "memory.limit_in_bytes", fs_cgroup::v1_memory_limit), !mem_v1.is_empty()),
            known(r.own(&mem_v1, "memory.usage_in_bytes", fs_cgroup::max_value)),
        )
    };
    let memory_high = bound(r.tightest(&v2, "memory.high", fs_cgroup::max_value), mem_v2);
    let memory_swap_max = bound(r.tightest(&v2, "memory.swap.max", fs_cgroup::max_value), mem_v2);
    let pids_dirs = if pids_v2 { &v2 } else { &pids_v1 };
    let pids_max = bound(r.tightest(pids_dirs, "pids.max", fs_cgroup::max_value), pids_v2 || !pids_v1.is_empty());
    let pids_current = known(r.own(pids_dirs, "pids.current", fs_cgroup::max_value));

    let io_max = if io_v2 {
        let mut io: Vec<IoMax> = Vec::new();
        for entries in v2.iter().filter_map(|d| r.parse(&d.join("io.max"), fs_cgroup::io_max)) {
            for e in entries {
                match io.iter_mut().find(|x| x.device == e.device) {
                    Some(x) => {
                        x.rbps = x.rbps.min(e.rbps);
                        x.wbps = x.wbps.min(e.wbps);
                        x.riops = x.riops.min(e.riops);
                        x.wiops = x.wiops.min(e.wiops);
                    }
                    None => io.push(e),
                }
            }
        }
        Field::Value(io)
    } else {
        Field::Missing(Reason::NotSupported)
    };

    let root_cgroup = unified.is_some_and(|l| l.path == b"/");
    let mut psi = |name: &str| -> Field<Pressure> {
        let path = if root_cgroup {
            // The root cgroup has no pressure files: its pressure is the system's.
            r.src.proc_path(format!("pressure/{name}"))
        } else {
            match v2.first() {
                Some(d) => d.join(format!("{name}.pressure")),
                None => return Field::Missing(Reason::NotSupported),
            }
        };
        let Some(text) = r.read(&path) else { return Field::Missing(Reason::NotSupported) };
        let psi = pressure::parse(&text);
        r.warnings.problems(&path, &psi.problems);
        r.warnings.field(psi.pressure.map_err(|e| e.in_file(&path)))
    };
    let (cpu_pressure, memory_pressure, io_pressure, irq_pressure) = (psi("cpu"), psi("memory"), psi("io"), psi("irq"));

    // The cgroup the limits were read from: the v2 one, or the v1 memory cgroup.
    let path = match unified {
        Some(l) if !used_v1 => l.path,
        _ => lines
            .iter()
            .find(|l| l.controllers.iter().any(|c| *c == b"memory"))
            .or(unified)
            .or(lines.first())
            .map_or(&b"/"[..], |l| l.path),
    };
    Field::Value(CgroupLimits {
        version: if used_v1 { 1 } else { 2 },
        path: ByteStr::from(path),
        cpu_max_quota_us,
        cpu_max_period_us,
        cpu_weight,
        memory_max,
        memory_high,
        memory_swap_max,
        memory_current,
        pids_max,
        pids_current,
        io_max,
        cpu_pressure,
        memory_pressure,
        io_pressure,
        irq_pressure,
    })
}

/// v1 `cpu.shares` (default 1024) on the v2 weight scale (1–10000, default 100), as the
/// kernel converts between them (`shares * 100 / 1024`, rounded).
fn shares_to_weight(shares: u64) -> u64 {
    ((shares.saturating_mul(100) + 512) / 1024).clamp(1, 10_000)
}
