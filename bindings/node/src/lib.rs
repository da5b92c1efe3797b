//! Node.js face of libprobe: the native addon behind the `libprobe` npm package.
//!
//! It converts core types only; every decision about metrics lives in `libprobe-core`.
//! Snapshots become plain objects walked from the core's schema (`convert.rs`); the
//! TypeScript declarations are generated from the same schema ([`mod@typings`]). The package's
//! `index.js` wraps this addon (error classes, JSON rendering).

use std::sync::{Arc, Mutex};

use libprobe::{
    DomainName, Domains, ErrorKind, NetNamespaceTarget, Options, ProcessOptions, Snapshot, SocketKinds, Source,
};
use napi::bindgen_prelude::{AsyncTask, Either, Object};
use napi::{Env, JsValue, Task};
use napi_derive::napi;

mod convert;
mod js;
pub mod schema_json;
pub mod typings;

use js::{Js, Raw};

/// An error kind: its JavaScript class and its `code`.
#[derive(Debug, Clone, Copy)]
pub struct ErrorClass {
    pub kind: ErrorKind,
    pub class: &'static str,
    pub code: &'static str,
    pub doc: &'static str,
}

/// One class per [`ErrorKind`], all extending `ProbeError`.
pub const ERRORS: &[ErrorClass] = &[
    ErrorClass {
        kind: ErrorKind::Io,
        class: "IoError",
        code: "IO",
        doc: "An I/O error not covered by a more precise kind.",
    },
    ErrorClass {
        kind: ErrorKind::PermissionDenied,
        class: "PermissionDeniedError",
        code: "PERMISSION_DENIED",
        doc: "The kernel refused access (EACCES, EPERM).",
    },
    ErrorClass {
        kind: ErrorKind::NotFound,
        class: "NotFoundError",
        code: "NOT_FOUND",
        doc: "A file or directory does not exist.",
    },
    ErrorClass { kind: ErrorKind::Gone, class: "GoneError", code: "GONE", doc: "The process has exited." },
    ErrorClass { kind: ErrorKind::Parse, class: "ParseError", code: "PARSE", doc: "Kernel output did not parse." },
    ErrorClass {
        kind: ErrorKind::TooLarge,
        class: "TooLargeError",
        code: "TOO_LARGE",
        doc: "A source was larger than the read limit.",
    },
    ErrorClass {
        kind: ErrorKind::Unsupported,
        class: "UnsupportedError",
        code: "UNSUPPORTED",
        doc: "Not supported by this kernel or platform.",
    },
    ErrorClass {
        kind: ErrorKind::NotPresent,
        class: "NotPresentError",
        code: "NOT_PRESENT",
        doc: "Not present on this machine.",
    },
    ErrorClass {
        kind: ErrorKind::InvalidArgument,
        class: "InvalidArgumentError",
        code: "INVALID_ARGUMENT",
        doc: "An invalid argument or option.",
    },
    ErrorClass {
        kind: ErrorKind::TimedOut,
        class: "TimedOutError",
        code: "TIMED_OUT",
        doc: "A source did not answer in time.",
    },
];

/// The `code` of errors of `kind` (`"ERROR"` for a kind newer than this table).
fn code(kind: ErrorKind) -> &'static str {
    ERRORS.iter().find(|e| e.kind == kind).map_or("ERROR", |e| e.code)
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

/// The options `new Probe(options)` takes: name, TypeScript type, documentation.
pub const OPTIONS: &[(&str, &str, &str)] = &[
    (
        "domains",
        "string | DomainName[]",
        "Domains to collect: a comma-separated string or a list of names (`all` for every domain). Default: every domain but ebpf.",
    ),
    ("smapsRollup", "boolean", "PSS, USS, dirty and swap-PSS memory from smaps_rollup (costly). Default false."),
    ("maps", "boolean", "Every memory mapping. Default false."),
    ("fds", "boolean", "Every open descriptor, and the sockets among them. Default false."),
    ("environ", "boolean", "Process environments (may hold secrets). Default false."),
    ("taskstats", "boolean", "Per-cause delay totals over taskstats (needs CAP_NET_ADMIN). Default false."),
    ("cgroupLimits", "boolean", "The limits that bind each process through its cgroup. Default true."),
    ("pids", "number[]", "Collect only these processes. Default: every process."),
    (
        "threads",
        "number",
        "Threads reading the process table; 0 (the default) chooses: one below 256 processes, else one per CPU up to 4.",
    ),
    (
        "sockets",
        "string | string[]",
        "Socket tables to list: tcp, udp, unix, raw, netlink, packet (a comma-separated string or a list; `all`). Default: all.",
    ),
    ("owners", "boolean", "Resolve each socket's owning processes. Default true."),
    ("tcpInfo", "boolean", "TCP internals per socket (rtt, cwnd, retransmits, bytes, memory). Default true."),
    ("interfaces", "boolean", "Network interfaces with addresses and counters. Default true."),
    ("routes", "boolean", "Routes of every table. Default true."),
    ("neighbours", "boolean", "The ARP and IPv6 neighbour caches. Default true."),
    ("conntrack", "boolean", "Every conntrack entry (needs CAP_NET_ADMIN). Default false."),
    (
        "socketsFromProcfs",
        "boolean",
        "Read sockets from /proc/net even where sock_diag answers (fewer fields). Default false.",
    ),
    (
        "netns",
        "number | string",
        "Another network namespace: a process id, or a namespace file such as /var/run/netns/NAME. Default: the probe's own.",
    ),
    ("fixture", "string", "Read a fixture tree (DIR/proc, DIR/sys, DIR/syscalls.txt) instead of this machine."),
    ("procfs", "string", "Where procfs is mounted (default /proc, or LIBPROBE_PROCFS)."),
    ("sysfs", "string", "Where sysfs is mounted (default /sys, or LIBPROBE_SYSFS)."),
    ("devfs", "string", "Where device nodes are (default /dev, or LIBPROBE_DEVFS)."),
    ("rootfs", "string", "The observed machine's root, for mount points (default /, or LIBPROBE_ROOTFS)."),
    ("maxFileBytes", "number", "The largest file read, in bytes (default 32 MiB)."),
];

fn get<T: napi::bindgen_prelude::FromNapiValue>(o: &Object, key: &str, what: &str) -> Result<Option<T>> {
    o.get::<T>(key).map_err(|_| invalid(format!("option {key}: expected {what}")))
}

fn options(o: Option<Object>) -> Result<Options> {
    let mut out = Options::default();
    let Some(o) = o else { return Ok(out) };
    for key in Object::keys(&o).map_err(internal)? {
        if !OPTIONS.iter().any(|(name, _, _)| *name == key) {
            let known: Vec<_> = OPTIONS.iter().map(|(n, _, _)| *n).collect();
            return Err(invalid(format!("unknown option `{key}` (known: {})", known.join(", "))));
        }
    }
    if let Some(d) = get::<Either<String, Vec<String>>>(&o, "domains", "a string or an array of domain names")? {
        out.domains = match d {
            Either::A(s) => Domains::parse(&s).map_err(invalid)?,
            Either::B(v) if v.is_empty() => Domains::NONE,
            Either::B(v) => Domains::parse(&v.join(",")).map_err(invalid)?,
        };
    }
    let p: &mut ProcessOptions = &mut out.process;
    for (key, slot) in [
        ("smapsRollup", &mut p.smaps_rollup),
        ("maps", &mut p.maps),
        ("fds", &mut p.fds),
        ("environ", &mut p.environ),
        ("taskstats", &mut p.taskstats),
        ("cgroupLimits", &mut p.cgroup_limits),
    ] {
        if let Some(b) = get::<bool>(&o, key, "a boolean")? {
            *slot = b;
        }
    }
    if let Some(pids) = get::<Vec<i32>>(&o, "pids", "an array of process ids")? {
        p.pids = Some(pids);
    }
    if let Some(t) = get::<f64>(&o, "threads", "a number")? {
        if !(t >= 0.0 && t.fract() == 0.0 && t <= ProcessOptions::MAX_THREADS as f64) {
            let max = ProcessOptions::MAX_THREADS;
            return Err(invalid(format!("option threads: {t} is not an integer from 0 to {max}")));
        }
        p.threads = t as usize;
    }
    let n = &mut out.network;
    if let Some(s) = get::<Either<String, Vec<String>>>(&o, "sockets", "a string or an array of socket table names")? {
        let list = match s {
            Either::A(s) => s,
            Either::B(v) => v.join(","),
        };
        n.sockets = SocketKinds::parse(&list).map_err(invalid)?;
    }
    for (key, slot) in [
        ("owners", &mut n.owners),
        ("tcpInfo", &mut n.tcp_info),
        ("interfaces", &mut n.interfaces),
        ("routes", &mut n.routes),
        ("neighbours", &mut n.neighbours),
        ("conntrack", &mut n.conntrack),
        ("socketsFromProcfs", &mut n.sockets_from_procfs),
    ] {
        if let Some(b) = get::<bool>(&o, key, "a boolean")? {
            *slot = b;
        }
    }
    if let Some(ns) = get::<Either<f64, String>>(&o, "netns", "a process id or a path")? {
        n.netns = match ns {
            Either::A(pid) if pid.fract() == 0.0 && pid > 0.0 && pid <= f64::from(i32::MAX) => {
                NetNamespaceTarget::Pid(pid as i32)
            }
            Either::A(pid) => return Err(invalid(format!("option netns: {pid} is not a process id"))),
            Either::B(path) => NetNamespaceTarget::Path(path.into()),
        };
    }
    let path = |key: &str| get::<String>(&o, key, "a path string");
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
    if let Some(n) = get::<f64>(&o, "maxFileBytes", "a number")? {
        if !(n >= 1.0 && n.fract() == 0.0 && n <= usize::MAX as f64) {
            return Err(invalid(format!("option maxFileBytes: {n} is not a positive integer")));
        }
        source = source.with_max_file_bytes(n as usize);
    }
    out.source = source;
    Ok(out)
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
        let set = probe.options().domains;
        DomainName::ALL.into_iter().filter(|d| set.contains(*d)).map(|d| d.name()).collect()
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
pub fn error_classes() -> Vec<Vec<&'static str>> {
    ERRORS.iter().map(|e| vec![e.class, e.code, e.doc]).collect()
}

/// The record schema as JSON (see [`mod@schema_json`]), for the JSON renderer of `index.js`.
#[napi]
pub fn schema_json() -> String {
    schema_json::render()
}

/// The TypeScript declarations this addon's package should ship (see [`mod@typings`]).
#[napi]
pub fn typings() -> String {
    typings::render()
}
