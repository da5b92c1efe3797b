//! Python face of libprobe: the `libprobe._libprobe` extension module.
//!
//! It converts core types only; every decision about metrics lives in `libprobe-core`.
//! Records are lazy objects derived from the core's schema (`record.rs`); the type stubs
//! are generated from the same schemas by `make generate`.
//!
//! ```python
//! import libprobe
//! snap = libprobe.Probe().snapshot()
//! for p in snap.processes or []:
//!     print(p.pid, p.name, p.memory_rss)
//! ```

use std::path::PathBuf;
use std::sync::Mutex;

use libprobe::options::{OptionKind, OptionValue};
use libprobe::{DomainName, Domains, ErrorKind, NetNamespaceTarget, Options, Source};
use pyo3::exceptions::PyTypeError;
use pyo3::prelude::*;
use pyo3::types::{PyBool, PyDict, PyList, PyMapping, PyString, PyTuple};

mod errors;
mod record;

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
    /// out. Each domain's options are a mapping under the domain's name
    /// (`process={"smaps_rollup": True}`), taken option by option from the core's schema
    /// (`libprobe.OPTIONS`); an unknown name raises TypeError.
    #[new]
    #[pyo3(signature = (
        *, domains = None, fixture = None, procfs = None, sysfs = None, devfs = None, rootfs = None,
        max_file_bytes = None, **domain_options,
    ))]
    #[allow(clippy::too_many_arguments)]
    fn new(
        domains: Option<&Bound<'_, PyAny>>,
        fixture: Option<PathBuf>,
        procfs: Option<PathBuf>,
        sysfs: Option<PathBuf>,
        devfs: Option<PathBuf>,
        rootfs: Option<PathBuf>,
        max_file_bytes: Option<usize>,
        domain_options: Option<&Bound<'_, PyDict>>,
    ) -> PyResult<Self> {
        let mut options = Options::default();
        if let Some(d) = domains {
            options.domains = parse_domains(d)?;
        }
        for (domain, mapping) in domain_options.into_iter().flat_map(|d| d.iter()) {
            let domain: String = domain.extract()?;
            if DomainName::parse(&domain).is_none() {
                return Err(PyTypeError::new_err(format!(
                    "unknown option `{domain}` (known: domains, {}, fixture, procfs, sysfs, devfs, rootfs, max_file_bytes)",
                    DomainName::NAMES.join(", ")
                )));
            }
            if mapping.is_none() {
                continue;
            }
            let mapping = mapping
                .cast::<PyMapping>()
                .map_err(|_| PyTypeError::new_err(format!("{domain}: expected a mapping of option names to values")))?;
            for item in mapping.items()?.iter() {
                let (name, value): (String, Bound<'_, PyAny>) = item.extract()?;
                let key = format!("{domain}.{name}");
                let Some(kind) = Options::kind(&key) else {
                    let known: Vec<_> =
                        Options::keys().into_iter().filter(|k| k.starts_with(&format!("{domain}."))).collect();
                    return Err(PyTypeError::new_err(format!("unknown option `{key}` (known: {})", known.join(", "))));
                };
                let value = option_value(kind, &key, &value)?;
                options.set_value(&key, value).map_err(|e| invalid(e.to_string()))?;
            }
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
        options.source = source;
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
        PyTuple::new(py, probe.options().domains.iter().map(|d| d.name()).collect::<Vec<_>>())
    }

    /// The value of option `key` in the `probe` command's text syntax: what the core uses.
    fn get_option(&self, key: &str) -> PyResult<String> {
        let probe = self.inner.lock().unwrap_or_else(|e| e.into_inner());
        probe.options().get(key).map_err(|e| PyTypeError::new_err(e.to_string()))
    }

    fn __repr__(&self) -> String {
        let probe = self.inner.lock().unwrap_or_else(|e| e.into_inner());
        let o = probe.options();
        let domains: Vec<_> = o.domains.iter().map(|d| d.name()).collect();
        format!("<libprobe.Probe domains={} procfs={:?}>", domains.join(","), o.source.procfs())
    }
}

/// A Python value as the value of option `key` of `kind`: TypeError for a value of the
/// wrong type (the core then checks bounds and names).
fn option_value(kind: OptionKind, key: &str, v: &Bound<'_, PyAny>) -> PyResult<OptionValue> {
    let wrong = || PyTypeError::new_err(format!("option `{key}`: expected {}", kind.describe()));
    let text = |v: &Bound<'_, PyAny>| -> PyResult<String> {
        let s = v.cast::<PyString>().map_err(|_| wrong())?;
        Ok(s.to_cow()?.into_owned())
    };
    let path = |v: &Bound<'_, PyAny>| -> PyResult<PathBuf> { v.extract::<PathBuf>().map_err(|_| wrong()) };
    Ok(match kind {
        OptionKind::Bool => OptionValue::Bool(v.cast::<PyBool>().map_err(|_| wrong())?.is_true()),
        OptionKind::UInt { .. } => {
            if v.is_instance_of::<PyBool>() {
                return Err(wrong());
            }
            match v.extract::<u64>() {
                Ok(n) => OptionValue::UInt(n),
                Err(_) if v.extract::<i64>().is_ok() => {
                    return Err(invalid(format!("option `{key}`: {v} is negative")));
                }
                Err(_) => return Err(wrong()),
            }
        }
        OptionKind::Names(_) | OptionKind::Words => {
            let list = names(v, key).map_err(|_| wrong())?;
            OptionValue::parse(kind, &list).map_err(|m| invalid(format!("option `{key}`: {m}")))?
        }
        OptionKind::Choice(_) => OptionValue::Choice(text(v)?),
        OptionKind::Pids if v.is_none() => OptionValue::Pids(None),
        OptionKind::Pids => {
            let items = v.try_iter().map_err(|_| wrong())?;
            let pids: PyResult<Vec<i32>> = items.map(|p| p?.extract::<i32>().map_err(|_| wrong())).collect();
            OptionValue::Pids(Some(pids?))
        }
        OptionKind::Path if v.is_none() => OptionValue::Path(None),
        OptionKind::Path => OptionValue::Path(Some(path(v)?)),
        OptionKind::Namespace if v.is_instance_of::<PyBool>() => return Err(wrong()),
        OptionKind::Namespace => match v.extract::<i32>() {
            Ok(pid) => OptionValue::Namespace(NetNamespaceTarget::Pid(pid)),
            // Text takes the text syntax (`self`, a pid, a path); another path-like is a path.
            Err(_) if v.is_instance_of::<PyString>() => OptionValue::parse(kind, &text(v)?).map_err(invalid)?,
            Err(_) => OptionValue::Namespace(NetNamespaceTarget::Path(path(v)?)),
        },
    })
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
        let schema = py.import("json")?.call_method1("loads", (Options::describe_json(),))?;
        m.add("OPTIONS", PyTuple::new(py, schema.try_iter()?.collect::<PyResult<Vec<_>>>()?)?)?;
        let mut all: Vec<&str> = vec!["Probe", "Record", "ProbeError", "VERSION", "DOMAINS", "OPTIONS"];
        all.extend(errors::ERRORS);
        all.extend(records);
        m.add("__all__", PyList::new(py, all)?)?;
        Ok(())
    }
}
