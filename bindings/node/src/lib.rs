//! Node.js face of libprobe: the native addon behind the `libprobe` npm package.
//!
//! It converts core types only; every decision about metrics lives in `libprobe-core`.
//! Snapshots become plain objects walked from the core's schema (`convert.rs`); the
//! TypeScript declarations are generated from the same schemas by `make generate`. The package's
//! `index.js` wraps this addon (error classes, JSON rendering).

use std::sync::{Arc, Mutex};

use libprobe::options::{OptionKind, OptionValue};
use libprobe::{DomainName, Domains, ErrorKind, NetNamespaceTarget, Options, Snapshot, Source};
use napi::bindgen_prelude::{AsyncTask, Either, Object, Unknown};
use napi::{Env, JsValue, Task, ValueType};
use napi_derive::napi;

mod convert;
mod js;
pub mod schema_json;

use convert::camel;
use js::{Js, Raw};

/// The `code` of errors of `kind`: its name in upper case (`PERMISSION_DENIED`).
fn code(kind: ErrorKind) -> &'static str {
    static CODES: std::sync::OnceLock<Vec<(ErrorKind, String)>> = std::sync::OnceLock::new();
    let codes = CODES.get_or_init(|| ErrorKind::ALL.iter().map(|k| (*k, k.name().to_uppercase())).collect());
    codes.iter().find(|(k, _)| *k == kind).map_or("ERROR", |(_, c)| c.as_str())
}

/// An error with a libprobe `code`, thrown as a JavaScript `Error` that `index.js` turns
/// into the matching `ProbeError` subclass.
type Error = napi::Error<&'static str>;
type Result<T> = std::result::Result<T, Error>;

fn invalid(message: impl Into<String>) -> Error {
    Error::new(code(ErrorKind::InvalidArgument), message.into())
}

fn internal(e: napi::Error) -> Error {
    Error::new("ERROR", e.reason)
}

/// The options of `new Probe(options)` that are not a domain's: the roots it reads.
const SOURCE_OPTIONS: [&str; 6] = ["fixture", "procfs", "sysfs", "devfs", "rootfs", "maxFileBytes"];

/// A `TypeError` (`index.js` throws the JavaScript class): an unknown option, or a value
/// of the wrong type.
fn type_error(message: impl Into<String>) -> Error {
    Error::new("TYPE_ERROR", message.into())
}

fn get<T: napi::bindgen_prelude::FromNapiValue>(o: &Object, key: &str, what: &str, shown: &str) -> Result<Option<T>> {
    o.get::<T>(key).map_err(|_| type_error(format!("option {shown}: expected {what}")))
}

/// `new Probe(options)`: `domains`, each domain's options under its name (camelCase keys,
/// taken option by option from the core's schema), and the roots.
fn options(o: Option<Object>) -> Result<Options> {
    let mut out = Options::default();
    let Some(o) = o else { return Ok(out) };
    for key in Object::keys(&o).map_err(internal)? {
        if key == "domains" || SOURCE_OPTIONS.contains(&key.as_str()) {
            continue;
        }
        let Some(domain) = DomainName::parse(&key) else {
            let known = [&["domains"], DomainName::NAMES, &SOURCE_OPTIONS[..]].concat();
            return Err(type_error(format!("unknown option `{key}` (known: {})", known.join(", "))));
        };
        let what = "an object of the domain's options";
        let Some(value) = get::<Unknown>(&o, &key, what, &key)? else { continue };
        match value.get_type().map_err(internal)? {
            ValueType::Null | ValueType::Undefined => continue,
            ValueType::Object => {}
            _ => return Err(type_error(format!("option {key}: expected {what}"))),
        }
        // SAFETY: the value was just checked to be an object.
        let given: Object = unsafe { value.cast() }.map_err(internal)?;
        for name in Object::keys(&given).map_err(internal)? {
            let Some(option) = domain.options().iter().find(|s| camel(s.name) == name) else {
                let known: Vec<String> = domain.options().iter().map(|s| camel(s.name)).collect();
                return Err(type_error(format!("unknown option `{key}.{name}` (known: {})", known.join(", "))));
            };
            let core_key = format!("{}.{}", domain.name(), option.name);
            if let Some(value) = option_value(&given, &name, &format!("{key}.{name}"), option.kind)? {
                out.set_value(&core_key, value).map_err(|e| invalid(e.to_string()))?;
            }
        }
    }
    if let Some(d) =
        get::<Either<String, Vec<String>>>(&o, "domains", "a string or an array of domain names", "domains")?
    {
        out.domains = match d {
            Either::A(s) => Domains::parse(&s).map_err(invalid)?,
            Either::B(v) if v.is_empty() => Domains::NONE,
            Either::B(v) => Domains::parse(&v.join(",")).map_err(invalid)?,
        };
    }
    let path = |key: &str| get::<String>(&o, key, "a path string", key);
    let mut source = path("fixture")?.map_or_else(Source::host, Source::rooted_at);
    if let Some(s) = path("procfs")? {
        source = source.with_procfs(s);
    }
    if let Some(s) = path("sysfs")? {
        source = source.with_sysfs(s);
    }
    if let Some(s) = path("devfs")? {
        source = source.with_devfs(s);
    }
    if let Some(s) = path("rootfs")? {
        source = source.with_rootfs(s);
    }
    if let Some(n) = get::<f64>(&o, "maxFileBytes", "a number", "maxFileBytes")? {
        if !(n >= 1.0 && n.fract() == 0.0 && n <= usize::MAX as f64) {
            return Err(invalid(format!("option maxFileBytes: {n} is not a positive integer")));
        }
        source = source.with_max_file_bytes(n as usize);
    }
    out.source = source;
    Ok(out)
}

/// Property `name` of `o` as an option of `kind` (`None` when undefined or null: the
/// default). A value of the wrong type is a `TypeError`; the core checks bounds and names.
fn option_value(o: &Object, name: &str, shown: &str, kind: OptionKind) -> Result<Option<OptionValue>> {
    let what = kind.describe();
    let parse = |text: &str| OptionValue::parse(kind, text).map_err(|m| invalid(format!("option {shown}: {m}")));
    Ok(Some(match kind {
        OptionKind::Bool => match get::<bool>(o, name, "a boolean", shown)? {
            Some(b) => OptionValue::Bool(b),
            None => return Ok(None),
        },
        OptionKind::UInt { .. } => match get::<f64>(o, name, "a number", shown)? {
            Some(n) if n >= 0.0 && n.fract() == 0.0 && n <= u64::MAX as f64 => OptionValue::UInt(n as u64),
            Some(n) => return Err(invalid(format!("option {shown}: {n} is not {what}"))),
            None => return Ok(None),
        },
        OptionKind::Names(_) | OptionKind::Words => {
            match get::<Either<String, Vec<String>>>(o, name, "a string or an array of strings", shown)? {
                Some(Either::A(s)) => parse(&s)?,
                Some(Either::B(v)) => parse(&v.join(","))?,
                None => return Ok(None),
            }
        }
        OptionKind::Choice(_) | OptionKind::Path => match get::<String>(o, name, "a string", shown)? {
            Some(s) => parse(&s)?,
            None => return Ok(None),
        },
        OptionKind::Pids => match get::<Vec<i32>>(o, name, "an array of process ids", shown)? {
            Some(p) => OptionValue::Pids(Some(p)),
            None => return Ok(None),
        },
        OptionKind::Namespace => match get::<Either<f64, String>>(o, name, "a process id or a path", shown)? {
            Some(Either::A(pid)) if pid.fract() == 0.0 && pid > 0.0 && pid <= f64::from(i32::MAX) => {
                OptionValue::Namespace(NetNamespaceTarget::Pid(pid as i32))
            }
            Some(Either::A(pid)) => return Err(invalid(format!("option {shown}: {pid} is not a process id"))),
            Some(Either::B(text)) => parse(&text)?,
            None => return Ok(None),
        },
    }))
}

/// Collects snapshots of this machine (or of a fixture tree), keeping the previous
/// snapshot's counters for rates.
#[napi(js_name = "Probe")]
#[derive(Debug)]
pub struct NativeProbe {
    inner: Arc<Mutex<libprobe::Probe>>,
}

#[napi]
impl NativeProbe {
    #[napi(constructor)]
    pub fn new(options: Option<Object>) -> Result<NativeProbe> {
        Ok(NativeProbe { inner: Arc::new(Mutex::new(libprobe::Probe::new(self::options(options)?))) })
    }

    /// Collects every enabled domain, on this thread, and converts it with `factories`
    /// (one object-literal function per record type, in schema order; see `index.js`).
    #[napi(ts_return_type = "Snapshot")]
    pub fn snapshot(&self, env: Env, factories: Object) -> Result<Raw> {
        let snap = self.inner.lock().unwrap_or_else(|e| e.into_inner()).snapshot();
        to_js(&env, &snap, factories)
    }

    /// Collects every enabled domain on a worker thread; the handle it resolves to
    /// converts on this one.
    #[napi(ts_return_type = "Promise<SnapshotHandle>")]
    pub fn collect_async(&self) -> AsyncTask<SnapshotTask> {
        AsyncTask::new(SnapshotTask { probe: Arc::clone(&self.inner) })
    }

    /// The domains this probe collects.
    #[napi(getter)]
    pub fn domains(&self) -> Vec<&'static str> {
        let probe = self.inner.lock().unwrap_or_else(|e| e.into_inner());
        probe.options().domains.iter().map(|d| d.name()).collect()
    }

    /// The value of option `key` (`domains` or `<domain>.<option>`) in the text syntax:
    /// what the core uses.
    #[napi]
    pub fn get_option(&self, key: String) -> Result<String> {
        let probe = self.inner.lock().unwrap_or_else(|e| e.into_inner());
        probe.options().get(&key).map_err(|e| type_error(e.to_string()))
    }
}

fn to_js(env: &Env, snap: &Snapshot, factories: Object) -> Result<Raw> {
    convert::Converter::new(Js::new(env), factories.raw()).record(snap).map(Raw).map_err(internal)
}

/// A snapshot collected off the main thread, waiting to be converted.
#[napi]
#[derive(Debug)]
pub struct SnapshotHandle {
    snap: Option<Snapshot>,
}

#[napi]
impl SnapshotHandle {
    /// Converts the snapshot (once) with `factories`, as `Probe.snapshot` does.
    #[napi(ts_return_type = "Snapshot")]
    pub fn to_object(&mut self, env: Env, factories: Object) -> Result<Raw> {
        let snap = self.snap.take().ok_or_else(|| Error::new("ERROR", "libprobe: snapshot already converted"))?;
        to_js(&env, &snap, factories)
    }
}

/// `snapshotAsync`: the collection runs on libuv's thread pool.
#[derive(Debug)]
pub struct SnapshotTask {
    probe: Arc<Mutex<libprobe::Probe>>,
}

impl Task for SnapshotTask {
    type Output = Snapshot;
    type JsValue = SnapshotHandle;

    fn compute(&mut self) -> napi::Result<Snapshot> {
        Ok(self.probe.lock().unwrap_or_else(|e| e.into_inner()).snapshot())
    }

    fn resolve(&mut self, _env: Env, snap: Snapshot) -> napi::Result<SnapshotHandle> {
        Ok(SnapshotHandle { snap: Some(snap) })
    }
}

/// The libprobe version.
#[napi]
pub fn version() -> &'static str {
    libprobe::VERSION
}

/// Every domain, in code order.
#[napi]
pub fn domain_names() -> Vec<&'static str> {
    DomainName::ALL.map(|d| d.name()).to_vec()
}

/// The error classes: `[class, code, doc]` for each error kind.
#[napi]
pub fn error_classes() -> Vec<Vec<String>> {
    ErrorKind::ALL.iter().map(|k| vec![k.class_name(), code(*k).to_owned(), k.doc().to_owned()]).collect()
}

/// The record schema as JSON (see [`mod@schema_json`]), for the JSON renderer of `index.js`.
#[napi]
pub fn schema_json() -> String {
    schema_json::render()
}

/// Every option with its key, kind, doc, default and accepted values, as JSON (the core's
/// `Options::describe_json`): `index.js` exports it as `OPTIONS`.
#[napi]
pub fn options_json() -> String {
    Options::describe_json()
}
