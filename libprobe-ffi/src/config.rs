//! `libprobe_config`: what a probe collects and where it reads.

use std::ffi::{CStr, CString, OsStr, c_char};
use std::os::unix::ffi::OsStrExt;
use std::path::PathBuf;

use libprobe::options::{OptionError, OptionValue};
use libprobe::{DomainName, Domains, Options, Source};

use crate::handle::{Guarded, Registry};
use crate::status::{
    Failure, LIBPROBE_STATUS_NULL_ARGUMENT, LIBPROBE_STATUS_STRUCT_TOO_SMALL, LIBPROBE_STATUS_UNKNOWN_OPTION, Outcome,
    boundary, libprobe_status,
};

/// A configuration: domains, process field groups, roots, limits. Opaque; create with
/// `libprobe_config_new`, free with `libprobe_config_free`. A probe copies it when
/// created, so the config may be changed or freed afterwards.
#[derive(Debug)]
pub struct libprobe_config {
    _opaque: [u8; 0],
}

/// Which root a path replaces (`libprobe_config_set_root`).
pub type libprobe_root = u32;
/// The procfs mount (`/proc`).
pub const LIBPROBE_ROOT_PROCFS: libprobe_root = 1;
/// The sysfs mount (`/sys`).
pub const LIBPROBE_ROOT_SYSFS: libprobe_root = 2;
/// The device directory (`/dev`).
pub const LIBPROBE_ROOT_DEVFS: libprobe_root = 3;
/// The root under which mount points are resolved (`/`).
pub const LIBPROBE_ROOT_ROOTFS: libprobe_root = 4;
/// A fixture tree (`<dir>/proc`, `<dir>/sys`, `<dir>/dev`, syscall answers from
/// `<dir>/syscalls.txt`), as the tests use. Replaces the four roots above; roots set
/// individually still apply on top of it.
pub const LIBPROBE_ROOT_FIXTURE: libprobe_root = 5;

/// Process field groups that cost extra (`libprobe_config_set_process_fields`). The
/// cheap fields of every process are always collected.
pub type libprobe_process_fields = u32;
/// PSS, USS, dirty and swap-PSS memory (`/proc/<pid>/smaps_rollup`, about 10× the cost of
/// the rest of a process).
pub const LIBPROBE_PROCESS_FIELDS_SMAPS_ROLLUP: libprobe_process_fields = 1 << 0;
/// Every memory mapping (`/proc/<pid>/maps`).
pub const LIBPROBE_PROCESS_FIELDS_MAPS: libprobe_process_fields = 1 << 1;
/// Every open descriptor and socket (`fd/*`, `fdinfo/*`).
pub const LIBPROBE_PROCESS_FIELDS_FDS: libprobe_process_fields = 1 << 2;
/// The environment. Off unless asked for by name: it often holds secrets.
pub const LIBPROBE_PROCESS_FIELDS_ENVIRON: libprobe_process_fields = 1 << 3;
/// Per-cause delay totals over taskstats netlink (needs CAP_NET_ADMIN).
pub const LIBPROBE_PROCESS_FIELDS_TASKSTATS: libprobe_process_fields = 1 << 4;
/// The limits that bind each process through its cgroup (on by default).
pub const LIBPROBE_PROCESS_FIELDS_CGROUP_LIMITS: libprobe_process_fields = 1 << 5;
/// Every group but `ENVIRON` (which must be named).
pub const LIBPROBE_PROCESS_FIELDS_ALL: libprobe_process_fields = LIBPROBE_PROCESS_FIELDS_SMAPS_ROLLUP
    | LIBPROBE_PROCESS_FIELDS_MAPS
    | LIBPROBE_PROCESS_FIELDS_FDS
    | LIBPROBE_PROCESS_FIELDS_TASKSTATS
    | LIBPROBE_PROCESS_FIELDS_CGROUP_LIMITS;
const KNOWN_PROCESS_FIELDS: u32 = LIBPROBE_PROCESS_FIELDS_ALL | LIBPROBE_PROCESS_FIELDS_ENVIRON;

/// Whether snapshots also carry their JSON (`libprobe_config_set_json`).
pub type libprobe_json = u32;
/// No JSON (the default).
pub const LIBPROBE_JSON_NONE: libprobe_json = 0;
/// Compact JSON.
pub const LIBPROBE_JSON_COMPACT: libprobe_json = 1;
/// Indented JSON, for people.
pub const LIBPROBE_JSON_PRETTY: libprobe_json = 2;

/// Several settings in one call (`libprobe_config_set_options`), growable without
/// breaking callers: zero-initialise it and set `struct_size`:
///
/// ```c
/// libprobe_options o = { .struct_size = sizeof(o) };   // C
/// libprobe_options o{}; o.struct_size = sizeof(o);      // C++
/// ```
///
/// Every zero field leaves its setting as it is. Fields are only ever appended; a
/// library older than the caller's header accepts the larger struct as long as the
/// fields it does not know are zero (else `LIBPROBE_STATUS_UNKNOWN_OPTION`).
#[repr(C)]
#[derive(Debug, Clone, Copy)]
pub struct libprobe_options {
    /// `sizeof(libprobe_options)` as the caller knows it.
    pub struct_size: usize,
    /// Domains to turn on: bits `1u << LIBPROBE_DOMAIN_*`.
    pub domains_enable: u32,
    /// Domains to turn off (applied after `domains_enable`).
    pub domains_disable: u32,
    /// `LIBPROBE_PROCESS_FIELDS_*` groups to turn on.
    pub process_fields_enable: u32,
    /// `LIBPROBE_PROCESS_FIELDS_*` groups to turn off (applied after enabling).
    pub process_fields_disable: u32,
    /// A `LIBPROBE_JSON_*` format; `LIBPROBE_JSON_NONE` (0) leaves it as it is.
    pub json: u32,
    /// Must be zero.
    pub reserved: u32,
    /// The most bytes read from one kernel file (a longer file is an error of kind
    /// TooLarge in the field or domain concerned).
    pub max_file_bytes: u64,
    /// Root paths (NUL-terminated; NULL leaves the root as it is), as
    /// `libprobe_config_set_root`.
    pub procfs: *const c_char,
    pub sysfs: *const c_char,
    pub devfs: *const c_char,
    pub rootfs: *const c_char,
    pub fixture: *const c_char,
}

/// The smallest `struct_size` accepted: the first version of `libprobe_options`.
const OPTIONS_V1_SIZE: usize = std::mem::offset_of!(libprobe_options, fixture) + size_of::<*const c_char>();
/// Larger structs are refused outright, whatever their content.
const OPTIONS_MAX_SIZE: usize = 4096;

/// A config's settings: the core's options (domains and every domain's options), the
/// roots they read, and the C face's own settings.
#[derive(Debug, Clone)]
pub(crate) struct Settings {
    pub options: Options,
    pub fixture: Option<PathBuf>,
    pub procfs: Option<PathBuf>,
    pub sysfs: Option<PathBuf>,
    pub devfs: Option<PathBuf>,
    pub rootfs: Option<PathBuf>,
    pub max_file_bytes: Option<usize>,
    pub json: libprobe_json,
    /// The text `libprobe_config_get` returned last (owned by the config).
    pub got: CString,
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            options: Options::default(),
            fixture: None,
            procfs: None,
            sysfs: None,
            devfs: None,
            rootfs: None,
            max_file_bytes: None,
            json: LIBPROBE_JSON_NONE,
            got: CString::default(),
        }
    }
}

impl Settings {
    /// The core's options for these settings.
    pub fn options(&self) -> Options {
        let mut source = match &self.fixture {
            Some(dir) => Source::rooted_at(dir),
            None => Source::host(),
        };
        if let Some(p) = &self.procfs {
            source = source.with_procfs(p);
        }
        if let Some(p) = &self.sysfs {
            source = source.with_sysfs(p);
        }
        if let Some(p) = &self.devfs {
            source = source.with_devfs(p);
        }
        if let Some(p) = &self.rootfs {
            source = source.with_rootfs(p);
        }
        if let Some(n) = self.max_file_bytes {
            source = source.with_max_file_bytes(n);
        }
        Options { source, ..self.options.clone() }
    }

    /// Sets one option to a typed value (every typed setter and `libprobe_config_set`).
    pub fn set(&mut self, key: &str, value: OptionValue) -> Outcome {
        self.options.set_value(key, value).map_err(option_failure)
    }

    fn domain_mask(&self) -> u32 {
        self.options.domains.iter().fold(0, |m, d| m | 1 << (d as u32))
    }

    fn set_domain_mask(&mut self, mask: u32) -> Outcome {
        let known = DomainName::ALL.iter().fold(0u32, |m, d| m | 1 << (*d as u32));
        if mask & !known != 0 {
            return Err(Failure::invalid(format!("unknown domain bits {:#x} (known: {known:#x})", mask & !known)));
        }
        self.options.domains =
            DomainName::ALL.into_iter().filter(|d| mask & (1 << (*d as u32)) != 0).fold(Domains::NONE, Domains::with);
        Ok(())
    }

    fn process_mask(&self) -> u32 {
        let p = &self.options.process;
        [
            (p.smaps_rollup, LIBPROBE_PROCESS_FIELDS_SMAPS_ROLLUP),
            (p.maps, LIBPROBE_PROCESS_FIELDS_MAPS),
            (p.fds, LIBPROBE_PROCESS_FIELDS_FDS),
            (p.environ, LIBPROBE_PROCESS_FIELDS_ENVIRON),
            (p.taskstats, LIBPROBE_PROCESS_FIELDS_TASKSTATS),
            (p.cgroup_limits, LIBPROBE_PROCESS_FIELDS_CGROUP_LIMITS),
        ]
        .into_iter()
        .filter(|(on, _)| *on)
        .fold(0, |m, (_, bit)| m | bit)
    }

    fn set_process_mask(&mut self, mask: u32) -> Outcome {
        if mask & !KNOWN_PROCESS_FIELDS != 0 {
            return Err(Failure::invalid(format!("unknown process field bits {:#x}", mask & !KNOWN_PROCESS_FIELDS)));
        }
        let p = &mut self.options.process;
        p.smaps_rollup = mask & LIBPROBE_PROCESS_FIELDS_SMAPS_ROLLUP != 0;
        p.maps = mask & LIBPROBE_PROCESS_FIELDS_MAPS != 0;
        p.fds = mask & LIBPROBE_PROCESS_FIELDS_FDS != 0;
        p.environ = mask & LIBPROBE_PROCESS_FIELDS_ENVIRON != 0;
        p.taskstats = mask & LIBPROBE_PROCESS_FIELDS_TASKSTATS != 0;
        p.cgroup_limits = mask & LIBPROBE_PROCESS_FIELDS_CGROUP_LIMITS != 0;
        Ok(())
    }

    fn set_root(&mut self, root: libprobe_root, path: PathBuf) -> Outcome {
        let slot = match root {
            LIBPROBE_ROOT_PROCFS => &mut self.procfs,
            LIBPROBE_ROOT_SYSFS => &mut self.sysfs,
            LIBPROBE_ROOT_DEVFS => &mut self.devfs,
            LIBPROBE_ROOT_ROOTFS => &mut self.rootfs,
            LIBPROBE_ROOT_FIXTURE => &mut self.fixture,
            other => return Err(Failure::invalid(format!("unknown root {other} (LIBPROBE_ROOT_PROCFS..FIXTURE)"))),
        };
        *slot = Some(path);
        Ok(())
    }

    fn set_json(&mut self, json: libprobe_json) -> Outcome {
        if json > LIBPROBE_JSON_PRETTY {
            return Err(Failure::invalid(format!("unknown JSON format {json}")));
        }
        self.json = json;
        Ok(())
    }

    fn set_max_file_bytes(&mut self, bytes: u64) -> Outcome {
        match usize::try_from(bytes) {
            Ok(n) if n > 0 => {
                self.max_file_bytes = Some(n);
                Ok(())
            }
            _ => Err(Failure::invalid(format!("max_file_bytes {bytes} must be at least 1"))),
        }
    }

    /// Applies an option struct, all or nothing.
    fn apply(&mut self, o: &libprobe_options) -> Outcome {
        let mut next = self.clone();
        if o.reserved != 0 {
            return Err(Failure::invalid("libprobe_options.reserved must be zero"));
        }
        let domains = (next.domain_mask() | o.domains_enable) & !o.domains_disable;
        next.set_domain_mask(domains)?;
        let fields = (next.process_mask() | o.process_fields_enable) & !o.process_fields_disable;
        next.set_process_mask(fields)?;
        if o.json != LIBPROBE_JSON_NONE {
            next.set_json(o.json)?;
        }
        if o.max_file_bytes != 0 {
            next.set_max_file_bytes(o.max_file_bytes)?;
        }
        for (root, ptr) in [
            (LIBPROBE_ROOT_PROCFS, o.procfs),
            (LIBPROBE_ROOT_SYSFS, o.sysfs),
            (LIBPROBE_ROOT_DEVFS, o.devfs),
            (LIBPROBE_ROOT_ROOTFS, o.rootfs),
            (LIBPROBE_ROOT_FIXTURE, o.fixture),
        ] {
            if !ptr.is_null() {
                // SAFETY: the caller passes NUL-terminated strings or NULL (the struct's
                // documented contract).
                let path = unsafe { path_arg(ptr, "root path")? };
                next.set_root(root, path)?;
            }
        }
        *self = next;
        Ok(())
    }
}

/// The C status and message of an option the core refused.
fn option_failure(e: OptionError) -> Failure {
    match e {
        OptionError::Unknown { .. } => Failure::new(LIBPROBE_STATUS_UNKNOWN_OPTION, e.to_string()),
        OptionError::Invalid { .. } => Failure::invalid(e.to_string()),
    }
}

pub(crate) static CONFIGS: Registry<Guarded<Settings>> = Registry::new(1, "libprobe_config");

/// A path from a NUL-terminated C string (bytes; not assumed UTF-8).
///
/// # Safety
/// `ptr` is NULL or points at a NUL-terminated string.
pub(crate) unsafe fn path_arg(ptr: *const c_char, what: &'static str) -> Outcome<PathBuf> {
    if ptr.is_null() {
        return Err(Failure::null(what));
    }
    // SAFETY: non-NULL and NUL-terminated by the caller's contract.
    let bytes = unsafe { CStr::from_ptr(ptr) }.to_bytes();
    if bytes.is_empty() {
        return Err(Failure::invalid(format!("{what} is empty")));
    }
    Ok(PathBuf::from(OsStr::from_bytes(bytes)))
}

/// Writes `value` through an out-parameter that the caller passed.
///
/// # Safety
/// `out` is NULL or valid for writes of `T`.
pub(crate) unsafe fn write_out<T>(out: *mut T, value: T) {
    // SAFETY: checked non-NULL by the caller of this helper (`out_ptr`), writable by the
    // function's contract.
    unsafe { out.write(value) }
}

/// Checks an out-parameter before any work is done.
pub(crate) fn out_ptr<T>(out: *mut T, what: &'static str) -> Outcome<*mut T> {
    if out.is_null() { Err(Failure::null(what)) } else { Ok(out) }
}

fn token<T>(p: *const T) -> usize {
    p as usize
}

/// Runs `body` on the live config behind `config`, recording a failure on it.
fn with_config(config: *mut libprobe_config, body: impl FnOnce(&mut Settings) -> Outcome) -> libprobe_status {
    boundary(|| {
        let c = CONFIGS.get(token(config))?;
        c.with(body)
    })
}

/// Creates a configuration with the defaults: every domain but eBPF, the cheap process
/// fields plus cgroup limits, the host's roots (`/proc`, `/sys`, `/dev`, `/`, or the
/// `LIBPROBE_PROCFS`/`LIBPROBE_SYSFS`/`LIBPROBE_DEVFS`/`LIBPROBE_ROOTFS`/`LIBPROBE_FIXTURE`
/// environment variables), no JSON.
///
/// On `LIBPROBE_STATUS_OK`, `*config_out` owns a config; free it with
/// `libprobe_config_free`. On error `*config_out` is untouched.
///
/// # Safety
/// `config_out` is writable.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn libprobe_config_new(config_out: *mut *mut libprobe_config) -> libprobe_status {
    boundary(|| {
        let out = out_ptr(config_out, "config_out")?;
        let token = CONFIGS.insert(Guarded::new(Settings::default()))?;
        // SAFETY: `out` is non-NULL and writable by the contract.
        unsafe { write_out(out, token as *mut libprobe_config) };
        Ok(())
    })
}

/// Frees a configuration. NULL, and a config already freed, are ignored.
///
/// # Safety
/// `config` is NULL or came from `libprobe_config_new`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn libprobe_config_free(config: *mut libprobe_config) {
    let _ = boundary(|| {
        CONFIGS.remove(token(config));
        Ok(())
    });
}

/// The message of the latest failed call on this config, NUL-terminated (empty when no
/// call failed). Owned by the config: valid until `libprobe_config_free`. Returns a
/// static message when `config` is NULL or not a live config.
///
/// # Safety
/// `config` is NULL or came from `libprobe_config_new`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn libprobe_config_last_error(config: *const libprobe_config) -> *const c_char {
    last_error(CONFIGS.get(token(config)).map(|c| c.log.last()))
}

pub(crate) fn last_error(found: Outcome<*const c_char>) -> *const c_char {
    match found {
        Ok(p) => p,
        Err(f) if f.status == LIBPROBE_STATUS_NULL_ARGUMENT => c"the handle is NULL".as_ptr(),
        Err(_) => c"not a live handle (freed, never created, or of another type)".as_ptr(),
    }
}

/// Selects the domains to collect: a bit mask of `1u << LIBPROBE_DOMAIN_*` (0: none).
///
/// Returns `LIBPROBE_STATUS_INVALID_ARGUMENT` for a bit that is not a domain (the config
/// is unchanged).
///
/// # Safety
/// `config` came from `libprobe_config_new`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn libprobe_config_set_domains(config: *mut libprobe_config, domains: u32) -> libprobe_status {
    with_config(config, |s| s.set_domain_mask(domains))
}

/// Turns one domain (`LIBPROBE_DOMAIN_*`) on (`enabled` non-zero) or off.
///
/// # Safety
/// `config` came from `libprobe_config_new`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn libprobe_config_set_domain(
    config: *mut libprobe_config,
    domain: i32,
    enabled: u8,
) -> libprobe_status {
    with_config(config, |s| {
        let d = DomainName::ALL
            .into_iter()
            .find(|d| *d as i32 == domain)
            .ok_or_else(|| Failure::invalid(format!("unknown domain {domain}")))?;
        let domains = s.options.domains;
        s.options.domains = if enabled != 0 { domains.with(d) } else { domains.without(d) };
        Ok(())
    })
}

/// The selected domains, as a mask of `1u << LIBPROBE_DOMAIN_*`.
///
/// # Safety
/// `config` came from `libprobe_config_new`; `domains_out` is writable.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn libprobe_config_domains(
    config: *const libprobe_config,
    domains_out: *mut u32,
) -> libprobe_status {
    boundary(|| {
        let c = CONFIGS.get(token(config))?;
        let out = match out_ptr(domains_out, "domains_out") {
            Ok(o) => o,
            Err(f) => return c.fail(f),
        };
        let mask = c.with(|s| Ok(s.domain_mask()))?;
        // SAFETY: `out` is non-NULL and writable by the contract.
        unsafe { write_out(out, mask) };
        Ok(())
    })
}

/// Selects the costly process field groups: exactly the `LIBPROBE_PROCESS_FIELDS_*` bits
/// given (the default is `LIBPROBE_PROCESS_FIELDS_CGROUP_LIMITS`).
///
/// # Safety
/// `config` came from `libprobe_config_new`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn libprobe_config_set_process_fields(
    config: *mut libprobe_config,
    fields: libprobe_process_fields,
) -> libprobe_status {
    with_config(config, |s| s.set_process_mask(fields))
}

/// The selected process field groups.
///
/// # Safety
/// `config` came from `libprobe_config_new`; `fields_out` is writable.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn libprobe_config_process_fields(
    config: *const libprobe_config,
    fields_out: *mut libprobe_process_fields,
) -> libprobe_status {
    boundary(|| {
        let c = CONFIGS.get(token(config))?;
        let out = match out_ptr(fields_out, "fields_out") {
            Ok(o) => o,
            Err(f) => return c.fail(f),
        };
        let mask = c.with(|s| Ok(s.process_mask()))?;
        // SAFETY: `out` is non-NULL and writable by the contract.
        unsafe { write_out(out, mask) };
        Ok(())
    })
}

/// Reads one root from `path` (a NUL-terminated byte string, copied) instead of the
/// default: `LIBPROBE_ROOT_PROCFS`, `_SYSFS`, `_DEVFS`, `_ROOTFS`, or `_FIXTURE` for a
/// whole fixture tree. A path that does not exist is not an error here: the domains that
/// read it report it in their status.
///
/// # Safety
/// `config` came from `libprobe_config_new`; `path` is NUL-terminated.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn libprobe_config_set_root(
    config: *mut libprobe_config,
    root: libprobe_root,
    path: *const c_char,
) -> libprobe_status {
    with_config(config, |s| {
        // SAFETY: NUL-terminated or NULL by the contract.
        let path = unsafe { path_arg(path, "path")? };
        s.set_root(root, path)
    })
}

/// Caps every kernel file read at `bytes` (at least 1; the default is 32 MiB). A longer
/// file leaves its fields missing with reason `too_large`.
///
/// # Safety
/// `config` came from `libprobe_config_new`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn libprobe_config_set_max_file_bytes(
    config: *mut libprobe_config,
    bytes: u64,
) -> libprobe_status {
    with_config(config, |s| s.set_max_file_bytes(bytes))
}

/// Makes every snapshot also carry its JSON (`LIBPROBE_JSON_COMPACT` or `_PRETTY`; read
/// it with `libprobe_snapshot_json`), or not (`LIBPROBE_JSON_NONE`, the default).
///
/// # Safety
/// `config` came from `libprobe_config_new`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn libprobe_config_set_json(
    config: *mut libprobe_config,
    json: libprobe_json,
) -> libprobe_status {
    with_config(config, |s| s.set_json(json))
}

/// Applies an option struct in one call: all of it, or nothing on error.
///
/// Returns `LIBPROBE_STATUS_STRUCT_TOO_SMALL` when `options->struct_size` is smaller than
/// the first version of the struct, `LIBPROBE_STATUS_UNKNOWN_OPTION` when it is larger
/// than this library knows and a byte it does not know is not zero,
/// `LIBPROBE_STATUS_INVALID_ARGUMENT` for a value a setter would refuse.
///
/// # Safety
/// `config` came from `libprobe_config_new`; `options` points at `options->struct_size`
/// readable bytes.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn libprobe_config_set_options(
    config: *mut libprobe_config,
    options: *const libprobe_options,
) -> libprobe_status {
    with_config(config, |s| {
        // SAFETY: readable for `struct_size` bytes by the contract.
        let o = unsafe { read_options(options)? };
        s.apply(&o)
    })
}

/// Reads a caller's option struct of any size, libbpf style.
///
/// # Safety
/// `options` is NULL or readable for `(*options).struct_size` bytes.
unsafe fn read_options(options: *const libprobe_options) -> Outcome<libprobe_options> {
    if options.is_null() {
        return Err(Failure::null("options"));
    }
    // SAFETY: `struct_size` is the first field, present in every version.
    let size = unsafe { options.cast::<usize>().read_unaligned() };
    if size < OPTIONS_V1_SIZE {
        return Err(Failure::new(
            LIBPROBE_STATUS_STRUCT_TOO_SMALL,
            format!("libprobe_options.struct_size {size} is below the smallest accepted, {OPTIONS_V1_SIZE}"),
        ));
    }
    if size > OPTIONS_MAX_SIZE {
        return Err(Failure::invalid(format!("libprobe_options.struct_size {size} is implausibly large")));
    }
    let known = size_of::<libprobe_options>();
    let bytes = options.cast::<u8>();
    for i in known..size {
        // SAFETY: the caller's struct is `size` bytes long.
        if unsafe { bytes.add(i).read() } != 0 {
            return Err(Failure::new(
                LIBPROBE_STATUS_UNKNOWN_OPTION,
                format!("libprobe_options byte {i} is set, past the {known} bytes this library knows"),
            ));
        }
    }
    // SAFETY: at least `known` bytes are readable (size ≥ V1 = known today; when the struct
    // grows, an older caller's shorter struct is copied into a zeroed one instead).
    Ok(unsafe { options.read_unaligned() })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_first_version_is_the_whole_struct_today() {
        assert_eq!(OPTIONS_V1_SIZE, size_of::<libprobe_options>());
    }

    #[test]
    fn masks_round_trip() {
        let mut s = Settings::default();
        let m = s.process_mask();
        assert_eq!(m, LIBPROBE_PROCESS_FIELDS_CGROUP_LIMITS);
        s.set_process_mask(LIBPROBE_PROCESS_FIELDS_ALL).unwrap();
        assert_eq!(s.process_mask(), LIBPROBE_PROCESS_FIELDS_ALL);
        let d = s.domain_mask();
        s.set_domain_mask(d).unwrap();
        assert_eq!(s.options.domains, Domains::default());
        assert!(s.set_domain_mask(1).is_err(), "bit 0 is no domain");
    }
}
