//! Options through the C ABI: one setter by key (`libprobe_config_set`), the value of an
//! option (`libprobe_config_get`), the option schema (`libprobe_options_schema`), and the
//! argument conversions of the typed setters (`libprobe_config_set_network_owners`, …),
//! which are generated from the core's option schema into [`crate::generated`].
//!
//! Keys are `domains` and `<domain>.<option>`; values use the `probe` command's text
//! syntax (`true`, `tcp,udp`, `1234`, `self`): see `libprobe_config_set`.

use std::ffi::{CStr, CString, c_char};
use std::sync::OnceLock;

use libprobe::Options;
use libprobe::options::{OptionKind, OptionValue};

use crate::arena::libprobe_str;
use crate::config::{CONFIGS, libprobe_config, out_ptr, path_arg, write_out};
use crate::status::{Failure, Outcome, boundary, libprobe_status};

/// The kind of an option (`libprobe_option_info.kind`).
pub type libprobe_option_kind = u32;
/// `true` or `false`; typed setter argument `uint8_t` (non-zero is true).
pub const LIBPROBE_OPTION_KIND_BOOL: libprobe_option_kind = 1;
/// An integer within `min`..`max`; typed setter argument `uint32_t` or `uint64_t`.
pub const LIBPROBE_OPTION_KIND_UINT: libprobe_option_kind = 2;
/// A set of the `accepted` names; typed setter argument a bit mask, bit `i` for
/// `accepted[i]` (constants `LIBPROBE_<DOMAIN>_<OPTION>_<NAME>`).
pub const LIBPROBE_OPTION_KIND_NAMES: libprobe_option_kind = 3;
/// One of the `accepted` names; typed setter argument a NUL-terminated string.
pub const LIBPROBE_OPTION_KIND_CHOICE: libprobe_option_kind = 4;
/// Process ids, or every process; typed setter arguments `(const int32_t *, size_t)`, NULL
/// for every process.
pub const LIBPROBE_OPTION_KIND_PIDS: libprobe_option_kind = 5;
/// A path, or none; typed setter argument a NUL-terminated string, NULL for none.
pub const LIBPROBE_OPTION_KIND_PATH: libprobe_option_kind = 6;
/// A list of words; typed setter arguments `(const char *const *, size_t)`.
pub const LIBPROBE_OPTION_KIND_WORDS: libprobe_option_kind = 7;
/// A network namespace: `self`, a process id, or a namespace file's path; typed setter
/// argument a NUL-terminated string in that syntax.
pub const LIBPROBE_OPTION_KIND_NAMESPACE: libprobe_option_kind = 8;

/// One option of the schema (`libprobe_options_schema`). Every string is static and
/// NUL-terminated.
#[repr(C)]
#[derive(Debug, Clone, Copy)]
pub struct libprobe_option_info {
    /// `domains` or `<domain>.<option>` (`network.sockets`).
    pub key: *const c_char,
    /// The option's domain (`LIBPROBE_DOMAIN_*`); 0 for `domains`.
    pub domain: i32,
    /// A `LIBPROBE_OPTION_KIND_*`.
    pub kind: libprobe_option_kind,
    /// What the option does, its default and its cost.
    pub doc: *const c_char,
    /// The unit of an integer option; NULL when it has none.
    pub unit: *const c_char,
    /// The default, in the text syntax of `libprobe_config_set`.
    pub default_value: *const c_char,
    /// A valid value other than the default, in the same syntax (for tests).
    pub sample_value: *const c_char,
    /// The bounds of an integer option (0 for the other kinds).
    pub min: u64,
    pub max: u64,
    /// The names a names or choice option accepts (NULL and 0 for the other kinds).
    pub accepted: *const *const c_char,
    pub accepted_count: u32,
}

/// The schema's strings, kept for the life of the process.
struct Table {
    infos: Vec<libprobe_option_info>,
    _strings: Vec<CString>,
    _names: Vec<Vec<*const c_char>>,
}

// SAFETY: the table is built once and never changed; its pointers point into its own
// heap allocations (or static strings), which live as long as the process.
unsafe impl Send for Table {}
// SAFETY: as above: read-only after construction.
unsafe impl Sync for Table {}

fn kind_code(kind: OptionKind) -> libprobe_option_kind {
    match kind {
        OptionKind::Bool => LIBPROBE_OPTION_KIND_BOOL,
        OptionKind::UInt { .. } => LIBPROBE_OPTION_KIND_UINT,
        OptionKind::Names(_) => LIBPROBE_OPTION_KIND_NAMES,
        OptionKind::Choice(_) => LIBPROBE_OPTION_KIND_CHOICE,
        OptionKind::Pids => LIBPROBE_OPTION_KIND_PIDS,
        OptionKind::Path => LIBPROBE_OPTION_KIND_PATH,
        OptionKind::Words => LIBPROBE_OPTION_KIND_WORDS,
        OptionKind::Namespace => LIBPROBE_OPTION_KIND_NAMESPACE,
    }
}

fn table() -> &'static Table {
    static TABLE: OnceLock<Table> = OnceLock::new();
    TABLE.get_or_init(|| {
        let mut strings = Vec::new();
        let mut keep = |s: &str| -> *const c_char {
            let c = CString::new(s.replace('\0', " ")).unwrap_or_default();
            let p = c.as_ptr();
            strings.push(c);
            p
        };
        let mut names = Vec::new();
        let mut infos = Vec::new();
        for o in Options::describe() {
            let accepted: Vec<*const c_char> = o.kind.accepted().iter().map(|n| keep(n)).collect();
            let (min, max) = match o.kind {
                OptionKind::UInt { min, max } => (min, max),
                _ => (0, 0),
            };
            infos.push(libprobe_option_info {
                key: keep(&o.key),
                domain: o.domain.map_or(0, |d| d as i32),
                kind: kind_code(o.kind),
                doc: keep(o.doc),
                unit: o.unit.map_or(std::ptr::null(), &mut keep),
                default_value: keep(&o.default.to_string()),
                sample_value: keep(&o.sample.to_string()),
                min,
                max,
                accepted: if accepted.is_empty() { std::ptr::null() } else { accepted.as_ptr() },
                accepted_count: accepted.len() as u32,
            });
            names.push(accepted);
        }
        Table { infos, _strings: strings, _names: names }
    })
}

/// Every option a config takes, in a static table: `domains` first, then each domain's
/// options in registry order. Writes the number of entries to `*count_out` (when it is not
/// NULL) and returns the first; never NULL.
///
/// # Safety
/// `count_out` is NULL or writable.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn libprobe_options_schema(count_out: *mut usize) -> *const libprobe_option_info {
    let t = table();
    if !count_out.is_null() {
        // SAFETY: non-NULL and writable by the contract.
        unsafe { count_out.write(t.infos.len()) };
    }
    t.infos.as_ptr()
}

/// Sets one option by key, from text: `key` is `domains` or `<domain>.<option>`
/// (`process.smaps_rollup`, `network.sockets`, `network.netns`), `value` in the `probe`
/// command's syntax — `true`/`false`, an integer, names separated by commas (`tcp,udp`;
/// `all`), process ids separated by commas (`all` for every process), a path (empty for
/// none), `self`/a pid/a path for a namespace. Both strings are NUL-terminated and copied.
///
/// Returns `LIBPROBE_STATUS_UNKNOWN_OPTION` for a key no option has, and
/// `LIBPROBE_STATUS_INVALID_ARGUMENT` for a value the option does not accept; the message
/// (`libprobe_config_last_error`) names the key and what it accepts. The config is then
/// unchanged.
///
/// # Safety
/// `config` came from `libprobe_config_new`; `key` and `value` are NUL-terminated.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn libprobe_config_set(
    config: *mut libprobe_config,
    key: *const c_char,
    value: *const c_char,
) -> libprobe_status {
    boundary(|| {
        let c = CONFIGS.get(config as usize)?;
        c.with(|s| {
            // SAFETY: NUL-terminated or NULL by the contract.
            let key = unsafe { text_arg(key, "key")? }.ok_or(Failure::null("key"))?;
            // SAFETY: as above.
            let value = unsafe { text_arg(value, "value")? }.ok_or(Failure::null("value"))?;
            let kind = Options::kind(&key).ok_or_else(|| unknown(&key))?;
            let v = OptionValue::parse(kind, &value).map_err(|m| Failure::invalid(format!("option `{key}`: {m}")))?;
            s.set(&key, v)
        })
    })
}

/// The value of one option in the text syntax of `libprobe_config_set`, into
/// `*value_out`. The text is owned by the config: valid until the next call on it.
///
/// Returns `LIBPROBE_STATUS_UNKNOWN_OPTION` for a key no option has.
///
/// # Safety
/// `config` came from `libprobe_config_new`; `key` is NUL-terminated; `value_out` is
/// writable.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn libprobe_config_get(
    config: *mut libprobe_config,
    key: *const c_char,
    value_out: *mut libprobe_str,
) -> libprobe_status {
    boundary(|| {
        let c = CONFIGS.get(config as usize)?;
        c.with(|s| {
            // SAFETY: NUL-terminated or NULL by the contract.
            let key = unsafe { text_arg(key, "key")? }.ok_or(Failure::null("key"))?;
            let out = out_ptr(value_out, "value_out")?;
            let text = s.options.get(&key).map_err(|_| unknown(&key))?;
            s.got = CString::new(text).map_err(|_| Failure::invalid("the value holds a NUL byte"))?;
            let value = libprobe_str { ptr: s.got.as_ptr(), len: s.got.as_bytes().len() };
            // SAFETY: non-NULL and writable by the contract.
            unsafe { write_out(out, value) };
            Ok(())
        })
    })
}

fn unknown(key: &str) -> Failure {
    Failure::new(
        crate::status::LIBPROBE_STATUS_UNKNOWN_OPTION,
        format!("unknown option `{key}` (known: {})", Options::keys().join(", ")),
    )
}

// ---------------------------------------------------------------------------------------
// The typed setters' argument conversions (the setters themselves are generated).

/// Runs a typed setter: converts its arguments, then sets option `key` on `config`.
pub(crate) fn set_typed(
    config: *mut libprobe_config,
    key: &'static str,
    value: impl FnOnce() -> Outcome<OptionValue>,
) -> libprobe_status {
    boundary(|| {
        let c = CONFIGS.get(config as usize)?;
        c.with(|s| s.set(key, value()?))
    })
}

/// A names option from a bit mask: bit `i` for `accepted[i]`.
pub(crate) fn names_from_mask(accepted: &[&str], mask: u32) -> Outcome<OptionValue> {
    let known = if accepted.len() >= 32 { u32::MAX } else { (1u32 << accepted.len()) - 1 };
    if mask & !known != 0 {
        return Err(Failure::invalid(format!("unknown bits {:#x} (known: {known:#x})", mask & !known)));
    }
    let names = accepted.iter().enumerate().filter(|(i, _)| mask & (1 << i) != 0).map(|(_, n)| (*n).to_owned());
    Ok(OptionValue::Names(names.collect()))
}

/// A choice or namespace option `key` from its text.
///
/// # Safety
/// `ptr` is NULL or NUL-terminated.
pub(crate) unsafe fn text_value(key: &str, ptr: *const c_char) -> Outcome<OptionValue> {
    // SAFETY: by this function's contract.
    let text = unsafe { text_arg(ptr, "value")? }.ok_or(Failure::null("value"))?;
    let kind = Options::kind(key).ok_or_else(|| unknown(key))?;
    OptionValue::parse(kind, &text).map_err(Failure::invalid)
}

/// A path option: NULL for none.
///
/// # Safety
/// `ptr` is NULL or NUL-terminated.
#[allow(dead_code, reason = "the typed setters of path and words options call it; generated for each such option")]
pub(crate) unsafe fn path_value(ptr: *const c_char) -> Outcome<OptionValue> {
    if ptr.is_null() {
        return Ok(OptionValue::Path(None));
    }
    // SAFETY: by this function's contract.
    Ok(OptionValue::Path(Some(unsafe { path_arg(ptr, "path")? })))
}

/// A pids option: NULL for every process, else `count` pids (copied).
///
/// # Safety
/// `pids` is NULL or points at `count` values.
pub(crate) unsafe fn pids_value(pids: *const i32, count: usize) -> Outcome<OptionValue> {
    if pids.is_null() {
        return if count == 0 { Ok(OptionValue::Pids(None)) } else { Err(Failure::null("pids")) };
    }
    // SAFETY: `pids` points at `count` values by the contract.
    Ok(OptionValue::Pids(Some(unsafe { std::slice::from_raw_parts(pids, count) }.to_vec())))
}

/// A words option: `count` NUL-terminated strings (copied).
///
/// # Safety
/// `words` is NULL (with `count` 0) or points at `count` NUL-terminated strings.
#[allow(dead_code, reason = "the typed setters of path and words options call it; generated for each such option")]
pub(crate) unsafe fn words_value(words: *const *const c_char, count: usize) -> Outcome<OptionValue> {
    if words.is_null() {
        return if count == 0 { Ok(OptionValue::Words(Vec::new())) } else { Err(Failure::null("words")) };
    }
    // SAFETY: `words` points at `count` pointers by the contract.
    let ptrs = unsafe { std::slice::from_raw_parts(words, count) };
    let mut out = Vec::with_capacity(count);
    for p in ptrs {
        // SAFETY: each is NUL-terminated by the contract.
        out.push(unsafe { text_arg(*p, "word")? }.ok_or(Failure::null("word"))?);
    }
    Ok(OptionValue::Words(out))
}

/// A NUL-terminated UTF-8 string argument; `None` for NULL.
///
/// # Safety
/// `ptr` is NULL or NUL-terminated.
unsafe fn text_arg(ptr: *const c_char, what: &'static str) -> Outcome<Option<String>> {
    if ptr.is_null() {
        return Ok(None);
    }
    // SAFETY: non-NULL and NUL-terminated by the contract.
    let bytes = unsafe { CStr::from_ptr(ptr) };
    bytes.to_str().map(|s| Some(s.to_owned())).map_err(|_| Failure::invalid(format!("{what} is not UTF-8")))
}
