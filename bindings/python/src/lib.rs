//! Python face of libprobe: the `libprobe._libprobe` extension module.
//!
//! It converts core types only; every decision about metrics lives in `libprobe-core`.
//! Records are lazy objects derived from the core's schema (`record.rs`); the type stubs
//! are generated from the same schema ([`stubs`]).
//!
//! ```python
//! import libprobe
//! snap = libprobe.Probe().snapshot()
//! for p in snap.processes or []:
//!     print(p.pid, p.name, p.memory_rss)
//! ```

use std::path::PathBuf;
use std::sync::Mutex;

use libprobe::{
    DomainName, Domains, ErrorKind, NetNamespaceTarget, NetworkOptions, Options, ProcessOptions, SocketKinds, Source,
};
use pyo3::prelude::*;
use pyo3::types::{PyList, PyString, PyTuple};

mod errors;
mod record;
pub mod stubs;

/// Collects snapshots of this machine (or of a fixture tree). Keeps the previous
/// snapshot's counters, so rates such as `cpu_percent` have values from the second
/// snapshot on. Safe to share between threads: calls to `snapshot` take turns.
#[pyclass(module = "libprobe", frozen)]
#[derive(Debug)]
pub struct Probe {
    inner: Mutex<libprobe::Probe>,
}

#[pymethods]
impl Probe {
    /// Every option is keyword-only and optional; the core's defaults apply to those left
    /// out (every domain but eBPF; every process field group but smaps_rollup, maps, fds,
    /// environ and taskstats; every network part but conntrack entries).
    #[new]
    #[pyo3(signature = (
        *, domains = None, smaps_rollup = None, maps = None, fds = None, environ = None,
        taskstats = None, cgroup_limits = None, pids = None, threads = None, sockets = None, owners = None,
        tcp_info = None, interfaces = None, routes = None, neighbours = None, conntrack = None,
        sockets_from_procfs = None, netns = None, fixture = None, procfs = None, sysfs = None,
        devfs = None, rootfs = None, max_file_bytes = None,
    ))]
    #[allow(clippy::too_many_arguments)]
    fn new(
        domains: Option<&Bound<'_, PyAny>>,
        smaps_rollup: Option<bool>,
        maps: Option<bool>,
        fds: Option<bool>,
        environ: Option<bool>,
        taskstats: Option<bool>,
        cgroup_limits: Option<bool>,
        pids: Option<Vec<i32>>,
        threads: Option<usize>,
        sockets: Option<&Bound<'_, PyAny>>,
        owners: Option<bool>,
        tcp_info: Option<bool>,
        interfaces: Option<bool>,
        routes: Option<bool>,
        neighbours: Option<bool>,
        conntrack: Option<bool>,
        sockets_from_procfs: Option<bool>,
        netns: Option<&Bound<'_, PyAny>>,
        fixture: Option<PathBuf>,
        procfs: Option<PathBuf>,
        sysfs: Option<PathBuf>,
        devfs: Option<PathBuf>,
        rootfs: Option<PathBuf>,
        max_file_bytes: Option<usize>,
    ) -> PyResult<Self> {
        let domains = match domains {
            None => Domains::default(),
            Some(d) => parse_domains(d)?,
        };
        let mut process = ProcessOptions::default();
        let set = |slot: &mut bool, v: Option<bool>| {
            if let Some(v) = v {
                *slot = v;
            }
        };
        set(&mut process.smaps_rollup, smaps_rollup);
        set(&mut process.maps, maps);
        set(&mut process.fds, fds);
        set(&mut process.environ, environ);
        set(&mut process.taskstats, taskstats);
        set(&mut process.cgroup_limits, cgroup_limits);
        if pids.is_some() {
            process.pids = pids;
        }
        if let Some(n) = threads {
            if n > ProcessOptions::MAX_THREADS {
                return Err(invalid(format!("threads must be at most {}", ProcessOptions::MAX_THREADS)));
            }
            process.threads = n;
        }
        let mut network = NetworkOptions::default();
        if let Some(s) = sockets {
            network.sockets = SocketKinds::parse(&names(s, "sockets")?).map_err(invalid)?;
        }
        set(&mut network.owners, owners);
        set(&mut network.tcp_info, tcp_info);
        set(&mut network.interfaces, interfaces);
        set(&mut network.routes, routes);
        set(&mut network.neighbours, neighbours);
        set(&mut network.conntrack, conntrack);
        set(&mut network.sockets_from_procfs, sockets_from_procfs);
        if let Some(ns) = netns {
            network.netns = if let Ok(pid) = ns.extract::<i32>() {
                NetNamespaceTarget::Pid(pid)
            } else if let Ok(path) = ns.extract::<PathBuf>() {
                NetNamespaceTarget::Path(path)
            } else {
                return Err(invalid("netns: expected a process id or a path".into()));
            };
        }
        let mut source = fixture.map_or_else(Source::host, Source::rooted_at);
        if let Some(p) = procfs {
            source = source.with_procfs(p);
        }
        if let Some(p) = sysfs {
            source = source.with_sysfs(p);
        }
        if let Some(p) = devfs {
            source = source.with_devfs(p);
        }
        if let Some(p) = rootfs {
            source = source.with_rootfs(p);
        }
        if let Some(n) = max_file_bytes {
            if n == 0 {
                return Err(invalid("max_file_bytes must be at least 1".into()));
            }
            source = source.with_max_file_bytes(n);
        }
        // Options the core adds (and this binding does not set) keep their defaults.
        #[allow(clippy::needless_update)]
        let options = Options { source, domains, process, network, ..Options::default() };
        Ok(Probe { inner: Mutex::new(libprobe::Probe::new(options)) })
    }

    /// Collects every enabled domain. The GIL is released while collecting. Never fails as
    /// a whole: each domain reports its own status in `snapshot.domains`.
    fn snapshot(&self, py: Python<'_>) -> PyResult<Py<PyAny>> {
        let snap = py.detach(|| {
            // A panic in another thread's snapshot leaves the probe as usable as before.
            let mut probe = self.inner.lock().unwrap_or_else(|e| e.into_inner());
            probe.snapshot()
        });
        record::snapshot_object(py, snap)
    }

    /// The domains this probe collects.
    #[getter]
    fn domains<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyTuple>> {
        let probe = self.inner.lock().unwrap_or_else(|e| e.into_inner());
        let set = probe.options().domains;
        PyTuple::new(py, DomainName::ALL.into_iter().filter(|d| set.contains(*d)).map(|d| d.name()).collect::<Vec<_>>())
    }

    fn __repr__(&self) -> String {
        let probe = self.inner.lock().unwrap_or_else(|e| e.into_inner());
        let o = probe.options();
        let domains: Vec<_> =
            DomainName::ALL.into_iter().filter(|d| o.domains.contains(*d)).map(|d| d.name()).collect();
        format!("<libprobe.Probe domains={} procfs={:?}>", domains.join(","), o.source.procfs())
    }
}

/// `domains` as a comma-separated string or an iterable of names.
fn parse_domains(d: &Bound<'_, PyAny>) -> PyResult<Domains> {
    let list = names(d, "domains")?;
    if list.is_empty() {
        return Ok(Domains::NONE);
    }
    Domains::parse(&list).map_err(invalid)
}

/// A comma-separated string, or an iterable of names joined with commas.
fn names(d: &Bound<'_, PyAny>, option: &str) -> PyResult<String> {
    if let Ok(s) = d.cast::<PyString>() {
        return Ok(s.to_cow()?.into_owned());
    }
    let items = d.try_iter().map_err(|_| invalid(format!("{option}: expected a string or an iterable of names")))?;
    let mut out = Vec::new();
    for n in items {
        let n = n?;
        let s = n.cast::<PyString>().map_err(|_| {
            let shown = n.repr().map_or_else(|_| "?".into(), |r| r.to_string());
            invalid(format!("{option}: {shown} is not a name"))
        })?;
        out.push(s.to_cow()?.into_owned());
    }
    Ok(out.join(","))
}

fn invalid(message: String) -> PyErr {
    errors::new_err(ErrorKind::InvalidArgument, message)
}

#[pymodule]
mod _libprobe {
    #[pymodule_export]
    use super::Probe;
    #[pymodule_export]
    use super::record::{FieldDescriptor, Record};
    use super::*;

    #[pymodule_init]
    fn init(m: &Bound<'_, PyModule>) -> PyResult<()> {
        let py = m.py();
        errors::register(m)?;
        let records = record::register_classes(m)?;
        m.add("VERSION", libprobe::VERSION)?;
        m.add("DOMAINS", PyTuple::new(py, DomainName::ALL.map(|d| d.name()))?)?;
        let mut all: Vec<&str> = vec!["Probe", "Record", "ProbeError", "VERSION", "DOMAINS"];
        all.extend(errors::ERRORS.iter().map(|e| e.class));
        all.extend(records);
        m.add("__all__", PyList::new(py, all)?)?;
        Ok(())
    }
}
