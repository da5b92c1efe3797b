//! The loader: opens a tracer's committed CO-RE object (`bpf/<tracer>.bpf.o`, embedded
//! with `include_bytes!`), sizes its maps, loads it with libbpf (which relocates it against
//! the running kernel's BTF), attaches its programs, and answers [`Maps`] from it.
//!
//! Each program's ELF section names its hook: `tp_btf/<event>`, `raw_tp/<event>` or
//! `tracepoint/<category>/<event>`. An object carries one program per hook type for each
//! event; the loader keeps the programs of one type — the first of option `ebpf.hooks`
//! for which every required event attaches — and leaves the others unloaded. Nothing else
//! about a tracer's programs is written here: a new tracer is a `.bpf.c` file, a
//! [`Spec`] and its reader (see `bpf/README.md`).
//!
//! Classic tracepoints need their id from tracefs (`events/<category>/<event>/id`). Where
//! tracefs is not mounted, the loader mounts it in a private mount namespace of a
//! short-lived thread, reads the ids there, and lets the namespace go with the thread:
//! nothing stays mounted and nothing is written under `/sys`.
//!
//! Programs are held by file descriptors (links), never pinned: dropping [`Loaded`]
//! detaches and frees everything, and so does the death of the process.

use std::collections::BTreeMap;
use std::ffi::{CString, OsStr};
use std::io::Read as _;
use std::os::fd::{AsFd, AsRawFd, RawFd};
use std::sync::atomic::{AtomicPtr, AtomicU64, Ordering};
use std::sync::{Arc, Mutex, OnceLock};

use libbpf_rs::libbpf_sys;
use libbpf_rs::{Link, MapCore, MapType, Object, ObjectBuilder, RingBuffer, RingBufferBuilder};

use super::maps::{DumpKind, Maps};
use super::tracers::{Setup, Spec};
use crate::ebpf::{EbpfHooks, HookType};
use crate::error::{Error, ErrorKind};
use crate::model::Reason;
use crate::source::Source;

/// Why a tracer did not attach.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Failure {
    pub reason: Reason,
    pub message: String,
}

impl Failure {
    fn new(reason: Reason, message: impl Into<String>) -> Failure {
        Failure { reason, message: message.into() }
    }

    fn libbpf(what: &str, e: &libbpf_rs::Error) -> Failure {
        let reason = match e.kind() {
            libbpf_rs::ErrorKind::PermissionDenied => Reason::PermissionDenied,
            libbpf_rs::ErrorKind::NotFound | libbpf_rs::ErrorKind::Unsupported => Reason::NotSupported,
            _ => Reason::Error,
        };
        let log = libbpf_log_tail();
        let log = if log.is_empty() { String::new() } else { format!(" (libbpf: {log})") };
        Failure::new(reason, format!("{what}: {e}{log}"))
    }
}

/// A hook parsed from a program's section name: (type, category, event).
pub(crate) fn parse_section(section: &str) -> Option<(HookType, &str, &str)> {
    let (kind, rest) = section.split_once('/')?;
    match kind {
        "tp_btf" => Some((HookType::TpBtf, "", rest)),
        "raw_tp" | "raw_tracepoint" => Some((HookType::RawTp, "", rest)),
        "tracepoint" | "tp" => {
            let (cat, event) = rest.split_once('/')?;
            Some((HookType::Tracepoint, cat, event))
        }
        _ => None,
    }
}

/// The category of a raw tracepoint (for display: `sched/sched_switch`), from the
/// object's classic-tracepoint program for the same event, or, for an object whose
/// classic program is on another event (mmap's `syscalls/sys_enter_mmap` for
/// `sys_enter`), from [`KNOWN_CATEGORIES`].
fn display_event(categories: &BTreeMap<String, String>, event: &str) -> String {
    let known = || KNOWN_CATEGORIES.iter().find(|(e, _)| *e == event).map(|(_, c)| *c);
    match categories.get(event).map(String::as_str).or_else(known) {
        Some(c) => format!("{c}/{event}"),
        None => event.to_owned(),
    }
}

/// Categories of the raw tracepoints the tracers use where an object may have no classic
/// program for the same event: (event, category), as in tracefs's `events/<category>/`.
const KNOWN_CATEGORIES: &[(&str, &str)] = &[("sys_enter", "raw_syscalls"), ("sys_exit", "raw_syscalls")];

/// One map of a loaded object.
#[derive(Debug, Clone)]
struct MapMeta {
    name: String,
    fd: RawFd,
    kind: DumpKind,
    key_size: usize,
    value_size: usize,
    max_entries: u32,
    /// An array (per-CPU or not): it holds exactly `max_entries` keys, so a batch lookup
    /// that returned that many has returned them all.
    array: bool,
}

/// A mapping of an array map (`BPF_F_MMAPABLE`), read-only but for the counters of
/// [`Loaded::held`].
#[derive(Debug)]
struct Mmap {
    map: String,
    ptr: *const u8,
    len: usize,
}

// SAFETY: the mapping is read-only shared memory owned by this value alone; reading it
// from another thread is as sound as from this one (all reads are volatile).
unsafe impl Send for Mmap {}

impl Drop for Mmap {
    fn drop(&mut self) {
        // SAFETY: `ptr`/`len` came from a successful mmap that nothing else unmaps.
        unsafe { libc::munmap(self.ptr as *mut libc::c_void, self.len) };
    }
}

/// A ring buffer's consumer. Its callback hands each record, in the ring's own memory, to
/// the [`Sink`] that `sink` points to while a drain consumes the ring (null otherwise): a
/// busy ring (an `opens` event per `openat`) is read without copying a record.
struct Ring {
    map: String,
    buffer: RingBuffer<'static>,
    sink: Arc<AtomicPtr<()>>,
}

/// Where a drain's records go: the drain's function, and a panic it raised (kept to be
/// raised again after the C consumer returns: a panic cannot unwind through it).
struct Sink<'a> {
    f: &'a mut dyn FnMut(&[u8]),
    panic: Option<Box<dyn std::any::Any + Send>>,
}

impl Sink<'_> {
    /// The ring callback's answer: 0 to go on, -1 (stop consuming) once `f` panicked.
    fn offer(&mut self, record: &[u8]) -> i32 {
        if self.panic.is_some() {
            return -1;
        }
        match std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| (self.f)(record))) {
            Ok(()) => 0,
            Err(p) => {
                self.panic = Some(p);
                -1
            }
        }
    }
}

impl std::fmt::Debug for Ring {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Ring").field("map", &self.map).finish_non_exhaustive()
    }
}

/// A loaded and attached tracer. Fields drop in order: consumers of the maps first, then
/// the links (detaching the programs), then the object (freeing programs and maps).
#[derive(Debug)]
pub(crate) struct Loaded {
    rings: Vec<Ring>,
    mmaps: Vec<Mmap>,
    /// Held for their `Drop`, which detaches the programs.
    #[allow(dead_code)]
    links: Vec<Link>,
    /// Held for its `Drop`, which frees the programs and maps (after the links).
    #[allow(dead_code)]
    object: Object,
    maps: Vec<MapMeta>,
    /// The program type in use.
    pub hook: HookType,
    /// `tracepoint` only: whether tracefs had to be mounted (privately) for the ids.
    pub tracefs_mounted: Option<bool>,
    /// Attached events, `category/event`.
    pub events: Vec<String>,
    /// Optional events this kernel lacks.
    pub missing: Vec<String>,
    /// The keys and values buffers of batch lookups, kept from one read to the next.
    batch_keys: Vec<u8>,
    batch_values: Vec<u8>,
}

/// Loads and attaches `spec`, trying each allowed hook type in turn.
pub(crate) fn load(spec: &Spec, setup: &Setup, hooks: EbpfHooks, src: &Source) -> Result<Loaded, Failure> {
    quiet_libbpf();
    let mut failures = Vec::new();
    for kind in hooks.iter() {
        match attempt(spec, setup, kind, src) {
            Ok(l) => return Ok(l),
            Err(f) => failures.push((kind, f)),
        }
    }
    match failures.len() {
        0 => Err(Failure::new(Reason::Disabled, "option ebpf.hooks allows no program type")),
        1 => Err(failures.remove(0).1),
        _ => {
            // Permission beats the rest: it is the one the user can act on.
            let reason = failures
                .iter()
                .map(|(_, f)| f.reason)
                .find(|r| *r == Reason::PermissionDenied)
                .unwrap_or(failures[0].1.reason);
            let text: Vec<String> = failures.iter().map(|(k, f)| format!("{}: {}", k.name(), f.message)).collect();
            Err(Failure::new(reason, text.join("; ")))
        }
    }
}

fn attempt(spec: &Spec, setup: &Setup, kind: HookType, src: &Source) -> Result<Loaded, Failure> {
    let mut open =
        ObjectBuilder::default().open_memory(spec.object).map_err(|e| Failure::libbpf("opening the object", &e))?;

    // Which programs: those of `kind`, minus optional events this kernel lacks.
    let mut categories = BTreeMap::new();
    let mut wanted = Vec::new();
    for prog in open.progs() {
        if let Some((k, cat, event)) = section(prog.section()).and_then(parse_section) {
            if k == HookType::Tracepoint {
                categories.insert(event.to_owned(), cat.to_owned());
            }
            if k == kind && !setup.skip_events.contains(&event) {
                wanted.push((cat.to_owned(), event.to_owned()));
            }
        }
    }
    if wanted.is_empty() {
        return Err(Failure::new(Reason::NotSupported, format!("the object has no {} programs", kind.name())));
    }
    let mut missing = Vec::new();
    let mut tracefs_mounted = None;
    let mut ids = BTreeMap::new();
    match kind {
        HookType::TpBtf => {
            for (_, event) in &wanted {
                if spec.optional.contains(&event.as_str()) && !kernel_has_btf_tracepoint(event) {
                    missing.push(event.clone());
                }
            }
        }
        HookType::Tracepoint => {
            let (found, mounted) = tracepoint_ids(src, &wanted)?;
            tracefs_mounted = Some(mounted);
            for (cat, event) in &wanted {
                match found.get(&format!("{cat}/{event}")) {
                    Some(id) => {
                        ids.insert(event.clone(), *id);
                    }
                    None if spec.optional.contains(&event.as_str()) => missing.push(event.clone()),
                    None => {
                        return Err(Failure::new(
                            Reason::NotSupported,
                            format!("tracepoint {cat}/{event} not found in tracefs"),
                        ));
                    }
                }
            }
        }
        HookType::RawTp => {}
    }
    let skip: Vec<String> = missing.iter().cloned().chain(setup.skip_events.iter().map(|e| (*e).to_owned())).collect();
    let skipped = |event: &str| skip.iter().any(|m| m == event);
    for mut prog in open.progs_mut() {
        let keep =
            section(prog.section()).and_then(parse_section).is_some_and(|(k, _, event)| k == kind && !skipped(event));
        prog.set_autoload(keep);
    }

    // Sizes and switches.
    for mut map in open.maps_mut() {
        let name = map.name().to_string_lossy().into_owned();
        if let Some((_, n)) = setup.max_entries.iter().find(|(m, _)| *m == name) {
            map.set_max_entries(*n).map_err(|e| Failure::libbpf(&format!("sizing map {name}"), &e))?;
        }
    }
    set_rodata(&mut open, spec.object, &setup.rodata)?;
    // The first epoch from the first event on (see common.h), not from when it is written.
    if let Some(mut bss) = open.maps_mut().find(|m| m.name().to_string_lossy().ends_with(".bss"))
        && let Some(data) = bss.initial_value_mut()
        && data.len() == 8
    {
        data.copy_from_slice(&1u64.to_ne_bytes());
    }

    let object = open.load().map_err(|e| Failure::libbpf(&format!("loading ({} programs)", kind.name()), &e))?;

    let mut links = Vec::new();
    let mut events = Vec::new();
    for prog in object.progs_mut() {
        let Some((k, cat, event)) = section(prog.section()).and_then(parse_section) else { continue };
        if k != kind || skipped(event) {
            continue;
        }
        let link = match kind {
            HookType::TpBtf => prog.attach_trace(),
            HookType::RawTp => prog.attach_raw_tracepoint(event),
            HookType::Tracepoint => match ids.get(event) {
                Some(id) => perf_tracepoint(*id).and_then(|fd| prog.attach_perf_event(fd)),
                None => continue,
            },
        };
        match link {
            Ok(l) => {
                links.push(l);
                events.push(if cat.is_empty() { display_event(&categories, event) } else { format!("{cat}/{event}") });
            }
            Err(e) if spec.optional.contains(&event) => {
                let _ = e;
                missing.push(event.to_owned());
            }
            Err(e) => return Err(Failure::libbpf(&format!("attaching {} {event}", kind.name()), &e)),
        }
    }

    let mut maps = Vec::new();
    for m in object.maps() {
        let kind = match m.map_type() {
            MapType::PercpuArray | MapType::PercpuHash | MapType::LruPercpuHash => DumpKind::PerCpu,
            MapType::Array => DumpKind::Array,
            MapType::RingBuf => DumpKind::Ring,
            _ => DumpKind::Hash,
        };
        maps.push(MapMeta {
            name: m.name().to_string_lossy().into_owned(),
            fd: m.as_fd().as_raw_fd(),
            kind,
            key_size: m.key_size() as usize,
            value_size: m.value_size() as usize,
            max_entries: m.max_entries(),
            array: matches!(m.map_type(), MapType::Array | MapType::PercpuArray),
        });
    }
    let mut rings = Vec::new();
    for m in object.maps() {
        if m.map_type() != MapType::RingBuf {
            continue;
        }
        let sink = Arc::new(AtomicPtr::new(std::ptr::null_mut::<()>()));
        let target = Arc::clone(&sink);
        let mut builder = RingBufferBuilder::new();
        builder
            .add(&m, move |data: &[u8]| {
                let at = target.load(Ordering::Acquire).cast::<Sink<'_>>();
                // SAFETY: non-null only inside `drain_ring`, where it points to that call's
                // `Sink`, alive and not otherwise borrowed until the consumer returns.
                match unsafe { at.as_mut() } {
                    Some(sink) => sink.offer(data),
                    None => 0,
                }
            })
            .map_err(|e| Failure::libbpf("opening a ring buffer", &e))?;
        let buffer = builder.build().map_err(|e| Failure::libbpf("opening a ring buffer", &e))?;
        rings.push(Ring { map: m.name().to_string_lossy().into_owned(), buffer, sink });
    }
    let mut mmaps = Vec::new();
    for m in maps.iter().filter(|m| m.kind == DumpKind::Array) {
        // SAFETY: fd is a live map fd of `object`; flags are checked by the kernel.
        let flags = unsafe {
            let mut info: libbpf_sys::bpf_map_info = std::mem::zeroed();
            let mut len = std::mem::size_of::<libbpf_sys::bpf_map_info>() as u32;
            if libbpf_sys::bpf_map_get_info_by_fd(m.fd, &mut info, &mut len) != 0 {
                continue;
            }
            info.map_flags
        };
        if flags & libbpf_sys::BPF_F_MMAPABLE == 0 {
            continue;
        }
        let len = (m.value_size * m.max_entries as usize).div_ceil(4096) * 4096;
        // Two are also written: a hash's counter of entries (common.h's HELD), as user
        // space counts the entries it deletes, and `.bss`, the epoch set at each snapshot.
        let written = m.name.ends_with("_held") || m.name.ends_with(".bss");
        let prot = if written { libc::PROT_READ | libc::PROT_WRITE } else { libc::PROT_READ };
        // SAFETY: a shared mapping of an mmapable array map of this length.
        let ptr = unsafe { libc::mmap(std::ptr::null_mut(), len, prot, libc::MAP_SHARED, m.fd, 0) };
        if ptr == libc::MAP_FAILED {
            return Err(Failure::new(
                Reason::Error,
                format!("mapping {}: {}", m.name, std::io::Error::last_os_error()),
            ));
        }
        mmaps.push(Mmap { map: m.name.clone(), ptr: ptr as *const u8, len });
    }
    let mut loaded = Loaded {
        rings,
        mmaps,
        links,
        object,
        maps,
        hook: kind,
        tracefs_mounted,
        events,
        missing,
        batch_keys: Vec::new(),
        batch_values: Vec::new(),
    };
    loaded.set_epoch(1).map_err(|e| Failure::new(Reason::Error, e.to_string()))?;
    Ok(loaded)
}

/// Sets `const volatile` globals of an opened object, found by name in its BTF.
fn set_rodata(open: &mut libbpf_rs::OpenObject, object: &[u8], values: &[(&str, Vec<u8>)]) -> Result<(), Failure> {
    if values.is_empty() {
        return Ok(());
    }
    let btf = libbpf_rs::btf::Btf::from_raw("libprobe", object)
        .map_err(|e| Failure::libbpf("reading the object's BTF", &e))?
        .ok_or_else(|| Failure::new(Reason::Error, "the object has no BTF for its .rodata"))?;
    let offsets = datasec_offsets(&btf, ".rodata");
    let mut map = open
        .maps_mut()
        .find(|m| m.name().to_string_lossy().ends_with(".rodata"))
        .ok_or_else(|| Failure::new(Reason::Error, "the object has no .rodata"))?;
    let data = map.initial_value_mut().ok_or_else(|| Failure::new(Reason::Error, ".rodata has no data"))?;
    for (var, bytes) in values {
        let at = offsets
            .get(*var)
            .filter(|(_, size)| *size == bytes.len())
            .map(|(off, _)| *off)
            .ok_or_else(|| Failure::new(Reason::Error, format!(".rodata has no {}-byte {var}", bytes.len())))?;
        data.get_mut(at..at + bytes.len())
            .ok_or_else(|| Failure::new(Reason::Error, format!(".rodata too short for {var}")))?
            .copy_from_slice(bytes);
    }
    Ok(())
}

fn section(s: &OsStr) -> Option<&str> {
    s.to_str()
}

/// Offsets and sizes of a data section's variables.
fn datasec_offsets(btf: &libbpf_rs::btf::Btf<'_>, name: &str) -> BTreeMap<String, (usize, usize)> {
    use libbpf_rs::btf::types::{DataSec, Var};
    let mut out = BTreeMap::new();
    if let Some(sec) = btf.type_by_name::<DataSec<'_>>(name) {
        for v in sec.iter() {
            if let Some(var) = btf.type_by_id::<Var<'_>>(v.ty)
                && let Some(n) = var.name()
            {
                out.insert(n.to_string_lossy().into_owned(), (v.offset as usize, v.size));
            }
        }
    }
    out
}

/// Whether the running kernel has BTF for tracepoint `event` (`btf_trace_<event>`).
fn kernel_has_btf_tracepoint(event: &str) -> bool {
    use libbpf_rs::btf::types::Typedef;
    libbpf_rs::btf::Btf::from_vmlinux()
        .ok()
        .is_some_and(|btf| btf.type_by_name::<Typedef<'_>>(&format!("btf_trace_{event}")).is_some())
}

/// Opens a perf event on tracepoint `id` (all CPUs: a tracepoint event fires for every
/// task, the BPF program attached to it with it). The link that attaches to it owns it.
fn perf_tracepoint(id: u64) -> Result<i32, libbpf_rs::Error> {
    // SAFETY: a zeroed perf_event_attr is valid (all integers and unions of integers).
    let mut attr: libbpf_sys::perf_event_attr = unsafe { std::mem::zeroed() };
    attr.type_ = libbpf_sys::PERF_TYPE_TRACEPOINT;
    attr.size = std::mem::size_of::<libbpf_sys::perf_event_attr>() as u32;
    attr.config = id;
    // SAFETY: perf_event_open reads `attr` (of the size it says) and returns an fd or -1.
    let fd = unsafe {
        libc::syscall(
            libc::SYS_perf_event_open,
            &attr as *const libbpf_sys::perf_event_attr,
            -1,
            0,
            -1,
            libbpf_sys::PERF_FLAG_FD_CLOEXEC as libc::c_ulong,
        )
    };
    if fd < 0 {
        return Err(libbpf_rs::Error::from(std::io::Error::last_os_error()));
    }
    Ok(fd as i32)
}

/// The ids of tracepoints `wanted` ((category, event)), by `category/event`, and whether
/// tracefs had to be mounted to read them.
fn tracepoint_ids(src: &Source, wanted: &[(String, String)]) -> Result<(BTreeMap<String, u64>, bool), Failure> {
    let read = |root: &std::path::Path| {
        let mut found = BTreeMap::new();
        for (cat, event) in wanted {
            let path = root.join(format!("events/{cat}/{event}/id"));
            if let Ok(text) = std::fs::read_to_string(&path)
                && let Ok(id) = text.trim().parse::<u64>()
            {
                found.insert(format!("{cat}/{event}"), id);
            }
        }
        found
    };
    for root in ["kernel/tracing", "kernel/debug/tracing"] {
        let dir = src.sys_path(root);
        if dir.join("events").is_dir() {
            return Ok((read(&dir), false));
        }
    }
    // Not mounted: mount it where it belongs, in a mount namespace of our own thread.
    let dir = src.sys_path("kernel/tracing");
    let wanted = wanted.to_vec();
    let handle = std::thread::Builder::new()
        .name("libprobe-tracefs".into())
        .spawn(move || -> Result<BTreeMap<String, u64>, Failure> {
            private_tracefs(&dir)?;
            let mut found = BTreeMap::new();
            for (cat, event) in &wanted {
                if let Ok(text) = std::fs::read_to_string(dir.join(format!("events/{cat}/{event}/id")))
                    && let Ok(id) = text.trim().parse::<u64>()
                {
                    found.insert(format!("{cat}/{event}"), id);
                }
            }
            Ok(found)
        })
        .map_err(|e| Failure::new(Reason::Error, format!("starting the tracefs thread: {e}")))?;
    let found = handle.join().map_err(|_| Failure::new(Reason::Error, "the tracefs thread panicked"))??;
    Ok((found, true))
}

/// In the calling thread only: a private mount namespace with tracefs on `dir`.
fn private_tracefs(dir: &std::path::Path) -> Result<(), Failure> {
    let os = |what: &str| {
        let e = std::io::Error::last_os_error();
        let reason = match e.raw_os_error() {
            Some(libc::EPERM | libc::EACCES) => Reason::PermissionDenied,
            _ => Reason::NotSupported,
        };
        Failure::new(reason, format!("tracefs is not mounted and {what} failed: {e}"))
    };
    let target = CString::new(dir.as_os_str().as_encoded_bytes())
        .map_err(|_| Failure::new(Reason::Error, "tracefs path holds a NUL"))?;
    // SAFETY: unshare affects only this thread (CLONE_FS gives it its own fs context).
    if unsafe { libc::unshare(libc::CLONE_FS | libc::CLONE_NEWNS) } != 0 {
        return Err(os("unshare(CLONE_NEWNS)"));
    }
    // SAFETY: valid C strings; mounts in this thread's new namespace only (made private
    // first, so nothing propagates back to the host's).
    unsafe {
        if libc::mount(
            c"none".as_ptr(),
            c"/".as_ptr(),
            std::ptr::null(),
            libc::MS_REC | libc::MS_PRIVATE,
            std::ptr::null(),
        ) != 0
        {
            return Err(os("making the mount namespace private"));
        }
        if libc::mount(
            c"tracefs".as_ptr(),
            target.as_ptr(),
            c"tracefs".as_ptr(),
            libc::MS_NOSUID | libc::MS_NODEV | libc::MS_NOEXEC | libc::MS_RDONLY,
            std::ptr::null(),
        ) != 0
        {
            return Err(os("mounting tracefs"));
        }
    }
    Ok(())
}

impl Loaded {
    fn meta(&self, map: &str) -> Result<&MapMeta, Error> {
        self.maps
            .iter()
            .find(|m| m.name == map)
            .ok_or_else(|| Error::new(ErrorKind::NotFound, format!("the object has no map {map}")))
    }
}

/// Possible CPUs: the number of values of a per-CPU map.
pub(crate) fn cpus() -> usize {
    // SAFETY: no arguments; returns a count or a negative error.
    let n = unsafe { libbpf_sys::libbpf_num_possible_cpus() };
    usize::try_from(n).unwrap_or(1).max(1)
}

fn bpf_error(map: &str, what: &str) -> Error {
    let e = std::io::Error::last_os_error();
    let kind = match e.raw_os_error() {
        Some(libc::EPERM | libc::EACCES) => ErrorKind::PermissionDenied,
        Some(libc::ENOENT) => ErrorKind::NotFound,
        Some(libc::EINVAL | libc::EOPNOTSUPP | ENOTSUPP) => ErrorKind::Unsupported,
        _ => ErrorKind::Io,
    };
    Error::new(kind, format!("{what} of BPF map {map}: {e}"))
}

/// ENOTSUPP (524), the kernel's internal "not supported" that bpf() may return.
const ENOTSUPP: i32 = 524;

/// One `BPF_MAP_LOOKUP_BATCH` of map `fd`: from its first key (`token_in` `None`) or
/// the one after `token_in`'s, at most `*count` entries into `keys` and `values`, the next
/// token into `token_out`; `*count` becomes how many came. Returns 0, or the errno
/// (`ENOENT`: the map's end was reached, `*count` still set).
///
/// # Safety
/// `keys` and `values` hold `*count` of the map's keys and values (a per-CPU value: each
/// CPU's rounded to 8, times the possible CPUs, as the kernel writes them); each token
/// holds at least a key.
unsafe fn lookup_batch(
    fd: RawFd,
    token_in: Option<&mut [u8]>,
    token_out: &mut [u8],
    keys: &mut [u8],
    values: &mut [u8],
    count: &mut u32,
) -> i32 {
    let opts = libbpf_sys::bpf_map_batch_opts {
        sz: std::mem::size_of::<libbpf_sys::bpf_map_batch_opts>() as libbpf_sys::size_t,
        elem_flags: 0,
        flags: 0,
    };
    // SAFETY: the caller's contract above.
    let ret = unsafe {
        libbpf_sys::bpf_map_lookup_batch(
            fd,
            token_in.map_or(std::ptr::null_mut(), |t| t.as_mut_ptr().cast()),
            token_out.as_mut_ptr().cast(),
            keys.as_mut_ptr().cast(),
            values.as_mut_ptr().cast(),
            count,
            &opts,
        )
    };
    if ret < 0 { std::io::Error::last_os_error().raw_os_error().unwrap_or(libc::EIO) } else { 0 }
}

/// The most bytes of unwanted entries [`Loaded::lookup_each`] reads to join two runs of
/// wanted ones: copying a page costs less than the syscall it saves.
const BRIDGE_BYTES: usize = 4096;

/// The most entries one batch lookup of [`Loaded::lookup_each`] spans (its buffers).
const RUN_ENTRIES: u32 = 256;

impl Maps for Loaded {
    fn entries(&mut self, map: &str, f: &mut dyn FnMut(&[u8], &[u8])) -> Result<(), Error> {
        let m = self.meta(map)?.clone();
        if self.held(map).is_some_and(|n| n.load(Ordering::Relaxed) == 0) {
            // Empty: a batch lookup would still walk every bucket of the hash.
            return Ok(());
        }
        let value_len =
            if m.kind == DumpKind::PerCpu { super::decode::stride(m.value_size) * cpus() } else { m.value_size };
        let batch = (m.max_entries as usize).clamp(1, 1024);
        // The buffers of the previous read (a snapshot reads tens of maps: no allocation,
        // no page zeroed, per map).
        let (mut keys, mut values) = (std::mem::take(&mut self.batch_keys), std::mem::take(&mut self.batch_values));
        keys.resize(keys.len().max(batch * m.key_size), 0);
        values.resize(values.len().max(batch * value_len), 0);
        let result = self.batch_lookup(&m, map, batch, value_len, &mut keys, &mut values, f);
        (self.batch_keys, self.batch_values) = (keys, values);
        result
    }

    fn array(&mut self, map: &str, f: &mut dyn FnMut(u32, &[u8])) -> Result<(), Error> {
        self.array_walk(map, f)
    }

    fn lookup(&mut self, map: &str, indexes: &[u32], f: &mut dyn FnMut(u32, &[u8])) -> Result<(), Error> {
        self.lookup_each(map, indexes, f)
    }

    fn drain(&mut self, map: &str, f: &mut dyn FnMut(&[u8])) -> Result<(), Error> {
        self.drain_ring(map, f)
    }

    fn delete(&mut self, map: &str, key: &[u8]) -> Result<(), Error> {
        self.delete_key(map, key)
    }

    fn set_epoch(&mut self, epoch: u64) -> Result<(), Error> {
        self.write_epoch(epoch)
    }

    fn shape(&self, map: &str) -> Option<(DumpKind, usize, usize, usize)> {
        let m = self.meta(map).ok()?;
        Some((m.kind, m.key_size, m.value_size, cpus()))
    }

    fn alive(&self, pid: i32) -> bool {
        // SAFETY: signal 0 only checks that the process exists.
        pid > 0
            && (unsafe { libc::kill(pid, 0) } == 0
                || std::io::Error::last_os_error().raw_os_error() == Some(libc::EPERM))
    }
}

impl Loaded {
    /// The counter of entries of hash `map`, a one-entry array `<map>_held` that the
    /// programs add to (common.h's HELD) and the deletes below take from; `None` without
    /// one. Read without a syscall: an entry added as it is read is found by the next read.
    fn held(&self, map: &str) -> Option<&AtomicU64> {
        self.word(|name| name.strip_suffix("_held") == Some(map))
    }

    /// The first 8 bytes of the writable mapping of the map `name` picks (`_held`, `.bss`).
    fn word(&self, name: impl Fn(&str) -> bool) -> Option<&AtomicU64> {
        let mm = self.mmaps.iter().find(|x| name(&x.map))?;
        if mm.len < 8 {
            return None;
        }
        // SAFETY: the mappings of `_held` and `.bss` are writable (mapped so above),
        // page-aligned, at least 8 bytes (checked), and live as long as `self`; BPF
        // programs change a counter with atomic adds and only read the epoch.
        Some(unsafe { AtomicU64::from_ptr(mm.ptr as *mut u64) })
    }

    /// Every entry of `m` by batch lookups of `batch` entries into `keys` and `values`
    /// (each at least `batch` keys or values long).
    #[allow(clippy::too_many_arguments)]
    fn batch_lookup(
        &self,
        m: &MapMeta,
        map: &str,
        batch: usize,
        value_len: usize,
        keys: &mut [u8],
        values: &mut [u8],
        f: &mut dyn FnMut(&[u8], &[u8]),
    ) -> Result<(), Error> {
        let token_len = m.key_size.max(8);
        let (mut token_in, mut token_out) = (vec![0u8; token_len], vec![0u8; token_len]);
        let mut first = true;
        let mut read = 0usize;
        loop {
            let mut count = batch as u32;
            // SAFETY: buffers hold `count` keys and values of the map's sizes (per-CPU
            // values rounded to 8, times the possible CPUs, as the kernel writes them);
            // the tokens hold at least a key.
            let errno = unsafe {
                lookup_batch(m.fd, (!first).then_some(&mut token_in[..]), &mut token_out, keys, values, &mut count)
            };
            if first && matches!(errno, libc::EINVAL | libc::EOPNOTSUPP | ENOTSUPP) {
                // No batch operations for this map type here (before 5.6): key by key.
                return self.entries_one_by_one(m, value_len, f);
            }
            let count = (count as usize).min(batch);
            for i in 0..count {
                f(&keys[i * m.key_size..(i + 1) * m.key_size], &values[i * value_len..(i + 1) * value_len]);
            }
            read += count;
            match errno {
                // Every key of an array read: the next lookup would only say ENOENT (one
                // syscall saved per array per read: a snapshot reads some twenty).
                0 if m.array && read >= m.max_entries as usize => return Ok(()),
                0 => {}
                libc::ENOENT => return Ok(()),
                _ => return Err(bpf_error(map, "batch lookup")),
            }
            std::mem::swap(&mut token_in, &mut token_out);
            first = false;
        }
    }

    fn array_walk(&mut self, map: &str, f: &mut dyn FnMut(u32, &[u8])) -> Result<(), Error> {
        let m = self.meta(map)?.clone();
        let Some(mm) = self.mmaps.iter().find(|x| x.map == map) else {
            // Not mmapable: through lookups.
            return self.entries(map, &mut |k, v| {
                if v.get(..8).is_some_and(|head| head.iter().any(|b| *b != 0)) {
                    f(super::decode::u32_at(k, 0).unwrap_or(0), v);
                }
            });
        };
        let size = m.value_size;
        if size % 8 != 0 || size == 0 {
            return Err(Error::new(ErrorKind::Unsupported, format!("{map}: value size {size} is not a multiple of 8")));
        }
        let words = size / 8;
        let n = (m.max_entries as usize).min(mm.len / size);
        // Which slots are held: `<map>_used` (common.h's SLOTS_USED, one byte per slot),
        // where the tracer keeps one that covers the array; else every slot is looked at.
        let used_name = format!("{map}_used");
        let used = self
            .mmaps
            .iter()
            .find(|x| x.map == used_name)
            .zip(self.meta(&used_name).ok())
            .filter(|(u, um)| um.value_size == 64 && um.max_entries as usize * 64 >= n && u.len >= n.div_ceil(8) * 8)
            .map(|(u, _)| u.ptr as *const u64);
        let mut value = vec![0u8; size];
        let base = mm.ptr as *const u64;
        let mut visit = |i: usize| {
            // SAFETY: i < n, so i * words + w < len / 8 (the mapping covers n entries); the
            // memory is written concurrently by BPF programs, hence volatile 8-byte reads.
            let stable = unsafe {
                let at = base.add(i * words);
                let head = std::ptr::read_volatile(at);
                if head == 0 {
                    return;
                }
                for w in 0..words {
                    let v = std::ptr::read_volatile(at.add(w));
                    value[w * 8..w * 8 + 8].copy_from_slice(&v.to_ne_bytes());
                }
                std::ptr::read_volatile(at) == head
            };
            if stable {
                f(i as u32, &value);
            }
        };
        match used {
            Some(bytes) => {
                for wi in 0..n.div_ceil(8) {
                    // SAFETY: wi < n / 8 words, within the mapping (checked above); written
                    // concurrently by BPF programs, hence a volatile read.
                    let w = unsafe { std::ptr::read_volatile(bytes.add(wi)) };
                    if w == 0 {
                        continue;
                    }
                    for (b, held) in w.to_ne_bytes().into_iter().enumerate() {
                        if held != 0 && wi * 8 + b < n {
                            visit(wi * 8 + b);
                        }
                    }
                }
            }
            None => (0..n).for_each(&mut visit),
        }
        Ok(())
    }

    /// `indexes` of array map `map`. Ascending indexes are read a run at a time, one batch
    /// lookup per run of indexes close together (the entries between them are read too and
    /// skipped, where that copies less than [`BRIDGE_BYTES`]): `syscalls` reads some thirty
    /// rows of `sys_stats` per snapshot, mostly in a few runs of neighbouring numbers.
    /// Otherwise, or without batch operations (before 5.6), one lookup each.
    fn lookup_each(&mut self, map: &str, indexes: &[u32], f: &mut dyn FnMut(u32, &[u8])) -> Result<(), Error> {
        let m = self.meta(map)?.clone();
        if m.key_size != 4 {
            return Err(Error::new(ErrorKind::Unsupported, format!("{map}: keys of {} bytes", m.key_size)));
        }
        let value_len =
            if m.kind == DumpKind::PerCpu { super::decode::stride(m.value_size) * cpus() } else { m.value_size };
        let (mut keys, mut values) = (std::mem::take(&mut self.batch_keys), std::mem::take(&mut self.batch_values));
        let mut rest = indexes;
        let mut result = Ok(());
        if m.array && indexes.windows(2).all(|w| w[0] < w[1]) {
            let bridge = (BRIDGE_BYTES / value_len.max(1)) as u32;
            while let Some(&first) = rest.first() {
                // The run: indexes no further than `bridge` apart, at most RUN_ENTRIES long.
                let mut n = 1;
                while n < rest.len() && rest[n] - rest[n - 1] <= bridge + 1 && rest[n] - first < RUN_ENTRIES {
                    n += 1;
                }
                let span = (rest[n - 1] - first + 1) as usize;
                keys.resize(keys.len().max(span * 4), 0);
                values.resize(values.len().max(span * value_len), 0);
                match self.read_run(&m, first, span, value_len, &mut keys, &mut values) {
                    Ok(count) => {
                        let mut wanted = rest[..n].iter().peekable();
                        for i in 0..count {
                            let Some(k) = super::decode::u32_at(&keys[i * 4..i * 4 + 4], 0) else { continue };
                            while wanted.next_if(|&&w| w < k).is_some() {}
                            if wanted.next_if_eq(&&k).is_some() {
                                f(k, &values[i * value_len..(i + 1) * value_len]);
                            }
                        }
                        rest = &rest[n..];
                    }
                    // No batch operations for this map type here: one lookup each.
                    Err(e) if e.kind() == ErrorKind::Unsupported => break,
                    Err(e) => {
                        result = Err(e);
                        rest = &[];
                    }
                }
            }
        }
        values.resize(values.len().max(value_len), 0);
        for &i in rest {
            let key = i.to_ne_bytes();
            // SAFETY: key holds the map's 4-byte key; value holds value_len bytes (a per-CPU
            // value: each CPU's rounded to 8, times the possible CPUs, as the kernel writes).
            let ret = unsafe { libbpf_sys::bpf_map_lookup_elem(m.fd, key.as_ptr().cast(), values.as_mut_ptr().cast()) };
            if ret < 0 {
                if std::io::Error::last_os_error().raw_os_error() == Some(libc::ENOENT) {
                    continue;
                }
                result = Err(bpf_error(map, "lookup"));
                break;
            }
            f(i, &values[..value_len]);
        }
        (self.batch_keys, self.batch_values) = (keys, values);
        result
    }

    /// Entries `first..first + span` of array `m` by one batch lookup into `keys` and
    /// `values` (at least `span` keys and values long): how many were read (fewer past the
    /// array's end). `Unsupported` where the kernel has no batch operations for it.
    fn read_run(
        &self,
        m: &MapMeta,
        first: u32,
        span: usize,
        value_len: usize,
        keys: &mut [u8],
        values: &mut [u8],
    ) -> Result<usize, Error> {
        // An array's batch starts at the index after the token's: no token starts at 0.
        let mut token_in = first.wrapping_sub(1).to_ne_bytes();
        let mut token_out = [0u8; 8];
        let mut count = span as u32;
        debug_assert!(keys.len() >= span * 4 && values.len() >= span * value_len);
        // SAFETY: keys and values hold `span` keys (4 bytes) and values of `value_len` bytes
        // (per-CPU values rounded to 8, times the possible CPUs, as the kernel writes them);
        // the tokens hold a key.
        let errno = unsafe {
            lookup_batch(m.fd, (first != 0).then_some(&mut token_in[..]), &mut token_out, keys, values, &mut count)
        };
        match errno {
            0 | libc::ENOENT => Ok((count as usize).min(span)),
            libc::EINVAL | libc::EOPNOTSUPP | ENOTSUPP => Err(Error::new(ErrorKind::Unsupported, "no batch lookup")),
            _ => Err(bpf_error(&m.name, "batch lookup")),
        }
    }

    fn drain_ring(&mut self, map: &str, f: &mut dyn FnMut(&[u8])) -> Result<(), Error> {
        let ring = self
            .rings
            .iter()
            .find(|r| r.map == map)
            .ok_or_else(|| Error::new(ErrorKind::NotFound, format!("the object has no ring buffer {map}")))?;
        let mut sink = Sink { f, panic: None };
        ring.sink.store((&raw mut sink).cast(), Ordering::Release);
        // Records go to `f` from the ring's memory as the consumer walks it.
        let consumed = ring.buffer.consume();
        ring.sink.store(std::ptr::null_mut(), Ordering::Release);
        if let Some(p) = sink.panic {
            std::panic::resume_unwind(p);
        }
        consumed.map_err(|e| Error::new(ErrorKind::Io, format!("reading ring buffer {map}: {e}")))
    }

    fn delete_key(&mut self, map: &str, key: &[u8]) -> Result<(), Error> {
        let m = self.meta(map)?;
        if key.len() != m.key_size {
            return Err(Error::new(ErrorKind::InvalidArgument, format!("{map}: key of {} bytes", key.len())));
        }
        // SAFETY: key holds key_size bytes.
        let ret = unsafe { libbpf_sys::bpf_map_delete_elem(m.fd, key.as_ptr().cast()) };
        if ret < 0 && std::io::Error::last_os_error().raw_os_error() != Some(libc::ENOENT) {
            return Err(bpf_error(map, "delete"));
        }
        if ret == 0
            && let Some(n) = self.held(map)
        {
            n.fetch_sub(1, Ordering::Relaxed);
        }
        Ok(())
    }

    fn write_epoch(&mut self, epoch: u64) -> Result<(), Error> {
        let Some(m) = self.maps.iter().find(|m| m.name.ends_with(".bss")) else {
            return Ok(()); // a tracer without histograms
        };
        if m.value_size != 8 {
            return Err(Error::new(ErrorKind::Unsupported, format!("{}: .bss is not the 8-byte epoch", m.name)));
        }
        if let Some(word) = self.word(|name| name.ends_with(".bss")) {
            // Memory-mapped (libbpf makes global data mmapable): no syscall. Sequentially
            // consistent, as the syscall was a barrier: the maps read next are read after
            // the programs can see the new epoch.
            word.store(epoch, Ordering::SeqCst);
            return Ok(());
        }
        let key = 0u32.to_ne_bytes();
        let value = epoch.to_ne_bytes();
        // SAFETY: key and value have the map's sizes.
        let ret = unsafe { libbpf_sys::bpf_map_update_elem(m.fd, key.as_ptr().cast(), value.as_ptr().cast(), 0) };
        if ret < 0 {
            return Err(bpf_error(&m.name.clone(), "update"));
        }
        Ok(())
    }

    fn entries_one_by_one(&self, m: &MapMeta, value_len: usize, f: &mut dyn FnMut(&[u8], &[u8])) -> Result<(), Error> {
        let mut key = vec![0u8; m.key_size];
        let mut next = vec![0u8; m.key_size];
        let mut value = vec![0u8; value_len];
        let mut first = true;
        // At most max_entries keys: a map that changes under us cannot loop forever.
        for _ in 0..=m.max_entries {
            // SAFETY: key/next hold key_size bytes; a NULL key asks for the first.
            let ret = unsafe {
                libbpf_sys::bpf_map_get_next_key(
                    m.fd,
                    if first { std::ptr::null() } else { key.as_ptr().cast() },
                    next.as_mut_ptr().cast(),
                )
            };
            if ret < 0 {
                return match std::io::Error::last_os_error().raw_os_error() {
                    Some(libc::ENOENT) => Ok(()),
                    _ => Err(bpf_error(&m.name, "next key")),
                };
            }
            first = false;
            std::mem::swap(&mut key, &mut next);
            // SAFETY: value holds value_len bytes, what the kernel writes for this map.
            let ret = unsafe { libbpf_sys::bpf_map_lookup_elem(m.fd, key.as_ptr().cast(), value.as_mut_ptr().cast()) };
            if ret == 0 {
                f(&key, &value);
            }
        }
        Ok(())
    }
}

/// A map entry to fill: (key, value).
pub(crate) type Entry = (Vec<u8>, Vec<u8>);

/// Loads `object` with `rodata` set and `fill.0` filled with `fill.1`'s (key, value)s,
/// runs its iterator program once, and returns its output (at most `limit` bytes).
pub(crate) fn run_iterator(
    object: &'static [u8],
    rodata: &[(&str, Vec<u8>)],
    fill: (&str, &[Entry]),
    limit: usize,
) -> Result<Vec<u8>, Failure> {
    quiet_libbpf();
    let mut open =
        ObjectBuilder::default().open_memory(object).map_err(|e| Failure::libbpf("opening the object", &e))?;
    set_rodata(&mut open, object, rodata)?;
    let object = open.load().map_err(|e| Failure::libbpf("loading", &e))?;
    let map = object
        .maps()
        .find(|m| m.name() == fill.0)
        .ok_or_else(|| Failure::new(Reason::Error, format!("the object has no map {}", fill.0)))?;
    for (k, v) in fill.1 {
        map.update(k, v, libbpf_rs::MapFlags::ANY).map_err(|e| Failure::libbpf(&format!("filling {}", fill.0), &e))?;
    }
    let prog = object.progs_mut().next().ok_or_else(|| Failure::new(Reason::Error, "the object has no program"))?;
    let link = prog.attach().map_err(|e| Failure::libbpf("attaching the iterator", &e))?;
    let iter = libbpf_rs::Iter::new(&link).map_err(|e| Failure::libbpf("creating the iterator", &e))?;
    let mut out = Vec::new();
    iter.take(limit as u64 + 1)
        .read_to_end(&mut out)
        .map_err(|e| Failure::new(Reason::Error, format!("reading the iterator: {e}")))?;
    if out.len() > limit {
        return Err(Failure::new(Reason::TooLarge, format!("iterator output over {limit} bytes")));
    }
    Ok(out)
}

/// An iterator program kept loaded and attached between runs: loaded once (the costly
/// part: verification and CO-RE relocation), then each [`KeptIterator::run`] opens one
/// iterator instance and reads its whole output.
#[derive(Debug)]
pub(crate) struct KeptIterator {
    /// Dropped before the object.
    link: Link,
    /// Held for its `Drop`, which frees the program (after the link).
    #[allow(dead_code)]
    object: Object,
    /// The output of the last run, kept with its pages so that the next run writes into
    /// memory already mapped: a fresh buffer each snapshot cost a third of a 1 000-process
    /// table in page faults and copies as it grew (`perf record` of
    /// `libprobe_procs_stat`, `process.via = bpf`). Every byte is initialised once; its
    /// length is the capacity in use.
    buf: Vec<u8>,
}

/// Where a kept buffer starts, and the size under which it is never given back.
const ITER_BUF_MIN: usize = 64 * 1024;

impl KeptIterator {
    /// Loads `object` (its one program an `iter/*`) with `rodata` set, and attaches it.
    pub(crate) fn load(object: &'static [u8], rodata: &[(&str, Vec<u8>)]) -> Result<KeptIterator, Failure> {
        quiet_libbpf();
        let mut open =
            ObjectBuilder::default().open_memory(object).map_err(|e| Failure::libbpf("opening the object", &e))?;
        set_rodata(&mut open, object, rodata)?;
        let object = open.load().map_err(|e| Failure::libbpf("loading", &e))?;
        let prog = object.progs_mut().next().ok_or_else(|| Failure::new(Reason::Error, "the object has no program"))?;
        let link = prog.attach().map_err(|e| Failure::libbpf("attaching the iterator", &e))?;
        Ok(KeptIterator { link, object, buf: Vec::new() })
    }

    /// Runs the iterator once: its output, at most `limit` bytes (more is `too_large`).
    /// The bytes live until the next run.
    pub(crate) fn run(&mut self, limit: usize) -> Result<&[u8], Failure> {
        let mut iter = libbpf_rs::Iter::new(&self.link).map_err(|e| Failure::libbpf("creating the iterator", &e))?;
        let buf = &mut self.buf;
        if buf.is_empty() {
            buf.resize(ITER_BUF_MIN, 0);
        }
        let mut filled = 0;
        loop {
            if filled == buf.len() {
                if filled > limit {
                    return Err(Failure::new(Reason::TooLarge, format!("iterator output over {limit} bytes")));
                }
                buf.resize(filled.saturating_mul(2).min(limit.saturating_add(1)).max(filled + 1), 0);
            }
            match iter.read(&mut buf[filled..]) {
                Ok(0) => break,
                Ok(n) => filled += n,
                Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
                Err(e) => return Err(Failure::new(Reason::Error, format!("reading the iterator: {e}"))),
            }
        }
        if filled > limit {
            return Err(Failure::new(Reason::TooLarge, format!("iterator output over {limit} bytes")));
        }
        // A burst (10 000 processes) does not pin its buffer for the probe's life: past
        // four times what this run needed, keep twice that.
        if buf.len() > ITER_BUF_MIN && buf.len() > 4 * filled {
            buf.truncate((2 * filled).max(ITER_BUF_MIN));
            buf.shrink_to_fit();
        }
        Ok(&buf[..filled])
    }
}

/// libbpf's messages go to a bounded buffer instead of stderr (a library must not print):
/// the last ones are quoted in a load failure's message. Process-wide (libbpf has one
/// print callback).
fn quiet_libbpf() {
    static ONCE: OnceLock<()> = OnceLock::new();
    ONCE.get_or_init(|| {
        libbpf_rs::set_print(Some((libbpf_rs::PrintLevel::Warn, keep_message)));
    });
}

static LOG: Mutex<Vec<String>> = Mutex::new(Vec::new());

fn keep_message(_: libbpf_rs::PrintLevel, msg: String) {
    if let Ok(mut log) = LOG.lock() {
        if log.len() >= 8 {
            log.remove(0);
        }
        log.push(msg.trim().to_owned());
    }
}

/// The last messages libbpf gave (and forgets them).
fn libbpf_log_tail() -> String {
    LOG.lock().map(|mut l| std::mem::take(&mut *l).join(" | ")).unwrap_or_default()
}

/// The capabilities tracing needs that this thread lacks (empty when it has them):
/// CAP_BPF and CAP_PERFMON, or CAP_SYS_ADMIN which implies both.
pub(crate) fn missing_capabilities() -> Vec<&'static str> {
    const CAP_SYS_ADMIN: u32 = 21;
    const CAP_PERFMON: u32 = 38;
    const CAP_BPF: u32 = 39;
    #[repr(C)]
    struct Header {
        version: u32,
        pid: i32,
    }
    #[repr(C)]
    #[derive(Clone, Copy, Default)]
    struct Data {
        effective: u32,
        permitted: u32,
        inheritable: u32,
    }
    let mut header = Header { version: 0x2008_0522, pid: 0 };
    let mut data = [Data::default(); 2];
    // SAFETY: capget with a version-3 header fills two Data structs.
    let ret = unsafe { libc::syscall(libc::SYS_capget, &mut header as *mut Header, data.as_mut_ptr()) };
    if ret != 0 {
        return vec!["CAP_BPF", "CAP_PERFMON"];
    }
    let eff = u64::from(data[0].effective) | (u64::from(data[1].effective) << 32);
    let has = |cap: u32| eff & (1u64 << cap) != 0;
    if has(CAP_SYS_ADMIN) {
        return Vec::new();
    }
    let mut missing = Vec::new();
    if !has(CAP_BPF) {
        missing.push("CAP_BPF");
    }
    if !has(CAP_PERFMON) {
        missing.push("CAP_PERFMON");
    }
    missing
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sections() {
        assert_eq!(parse_section("tp_btf/sys_enter"), Some((HookType::TpBtf, "", "sys_enter")));
        // mmap's object has no raw_syscalls/sys_enter program: the category is still named.
        let mut cats = BTreeMap::new();
        assert_eq!(display_event(&cats, "sys_enter"), "raw_syscalls/sys_enter");
        assert_eq!(display_event(&cats, "page_fault_user"), "page_fault_user");
        cats.insert("page_fault_user".to_owned(), "exceptions".to_owned());
        assert_eq!(display_event(&cats, "page_fault_user"), "exceptions/page_fault_user");
        assert_eq!(parse_section("raw_tp/sched_switch"), Some((HookType::RawTp, "", "sched_switch")));
        assert_eq!(
            parse_section("tracepoint/raw_syscalls/sys_exit"),
            Some((HookType::Tracepoint, "raw_syscalls", "sys_exit"))
        );
        assert_eq!(parse_section("iter/task"), None);
        assert_eq!(parse_section("tracepoint/x"), None);
        assert_eq!(parse_section("license"), None);
    }

    #[test]
    fn a_sink_passes_records_and_stops_at_a_panic() {
        let mut seen = Vec::new();
        let mut f = |v: &[u8]| {
            assert_ne!(v, b"bad");
            seen.push(v.to_vec());
        };
        let mut sink = Sink { f: &mut f, panic: None };
        assert_eq!(sink.offer(b"open /etc/passwd"), 0);
        assert_eq!(sink.offer(b""), 0);
        assert_eq!(sink.offer(b"bad"), -1);
        assert_eq!(sink.offer(b"x"), -1);
        assert!(sink.panic.is_some());
        assert_eq!(seen, [b"open /etc/passwd".to_vec(), Vec::new()]);
    }
}
