//! The C face of the options, generated from the core's option schema
//! (`Options::describe`):
//!
//! - in `libprobe-ffi/src/generated.rs`, a typed setter per option,
//!   `libprobe_config_set_<domain>_<option>`, with a constant per name of a names option
//!   (`LIBPROBE_NETWORK_SOCKETS_TCP`);
//! - `libprobe-ffi/tests/c/options_gen.c`: a test that calls every typed setter (NULL config,
//!   then a sample value) and reads the value back from the core with `libprobe_config_get`.

use std::fmt::Write as _;

use libprobe::options::{OptionKind, OptionValue};
use libprobe::{OptionInfo, Options};

/// The options that have a typed setter: all but `domains` (`libprobe_config_set_domains`
/// takes its bit mask).
fn options() -> Vec<OptionInfo> {
    Options::describe().into_iter().filter(|o| o.domain.is_some()).collect()
}

/// Names of the hand-written `libprobe_config_set_*` functions, which no generated setter
/// may take.
const HAND_WRITTEN: &[&str] = &["domains", "domain", "process_fields", "root", "max_file_bytes", "json", "options"];

fn c_ident(s: &str) -> String {
    s.chars().map(|c| if c.is_ascii_alphanumeric() { c } else { '_' }).collect()
}

/// `libprobe_config_set_network_owners`.
pub fn setter_name(o: &OptionInfo) -> String {
    let domain = o.domain.map_or("", |d| d.name());
    let tail = format!("{domain}_{}", o.name);
    assert!(!HAND_WRITTEN.contains(&tail.as_str()), "option {} would take a hand-written setter's name", o.key);
    format!("libprobe_config_set_{}", c_ident(&tail))
}

/// `LIBPROBE_NETWORK_SOCKETS_TCP`.
pub fn name_constant(o: &OptionInfo, name: &str) -> String {
    format!("LIBPROBE_{}_{}", c_ident(&o.key.replace('.', "_")), c_ident(name)).to_uppercase()
}

/// The Rust parameters of a kind's typed setter, after `config`.
fn params(kind: OptionKind) -> &'static str {
    match kind {
        OptionKind::Bool => "value: u8",
        OptionKind::UInt { max, .. } if max <= u64::from(u32::MAX) => "value: u32",
        OptionKind::UInt { .. } => "value: u64",
        OptionKind::Names(_) => "mask: u32",
        OptionKind::Choice(_) | OptionKind::Namespace => "value: *const c_char",
        OptionKind::Path => "path: *const c_char",
        OptionKind::Pids => "pids: *const i32, count: usize",
        OptionKind::Words => "words: *const *const c_char, count: usize",
    }
}

/// How the setter's doc says its argument is read.
fn argument_doc(kind: OptionKind) -> String {
    match kind {
        OptionKind::Bool => "`value`: non-zero for true.".into(),
        OptionKind::UInt { min, max } => format!("`value`: from {min} to {max}."),
        OptionKind::Names(_) => "`mask`: a bit per name, the constants below.".into(),
        OptionKind::Choice(a) => format!("`value`: one of {} (NUL-terminated, copied).", a.join(", ")),
        OptionKind::Namespace => {
            "`value`: `self`, a process id, or a namespace file's path (NUL-terminated, copied).".into()
        }
        OptionKind::Path => "`path`: NUL-terminated, copied; NULL for none.".into(),
        OptionKind::Pids => "`pids`: `count` process ids (copied); NULL for every process.".into(),
        OptionKind::Words => "`words`: `count` NUL-terminated strings (copied).".into(),
    }
}

/// The Rust expression that makes the option's value from the parameters.
fn conversion(o: &OptionInfo) -> String {
    match o.kind {
        OptionKind::Bool => "Ok(OptionValue::Bool(value != 0))".into(),
        OptionKind::UInt { .. } => "Ok(OptionValue::UInt(value.into()))".into(),
        OptionKind::Names(accepted) => {
            let list: Vec<String> = accepted.iter().map(|n| format!("{n:?}")).collect();
            format!("names_from_mask(&[{}], mask)", list.join(", "))
        }
        OptionKind::Choice(_) | OptionKind::Namespace => {
            format!("// SAFETY: NUL-terminated or NULL by the contract.\n unsafe {{ text_value({:?}, value) }}", o.key)
        }
        OptionKind::Path => "// SAFETY: NUL-terminated or NULL by the contract.\n unsafe { path_value(path) }".into(),
        OptionKind::Pids => {
            "// SAFETY: NULL or `count` values by the contract.\n unsafe { pids_value(pids, count) }".into()
        }
        OptionKind::Words => {
            "// SAFETY: NULL or `count` strings by the contract.\n unsafe { words_value(words, count) }".into()
        }
    }
}

fn doc_lines(out: &mut String, doc: &str) {
    let doc = doc.replace("[`", "`").replace("`]", "`");
    for line in doc.lines() {
        if line.is_empty() {
            out.push_str("///\n");
        } else {
            let _ = writeln!(out, "/// {line}");
        }
    }
}

/// The typed setters, for generated.rs.
pub fn setters(o: &mut String) {
    o.push_str(
        "// ---- Options: a typed setter per option (libprobe_config_set takes them by key). ----\n\n\
         use std::ffi::c_char;\n\n\
         use libprobe::options::OptionValue;\n\n\
         use crate::config::libprobe_config;\n\
         use crate::options::*;\n\
         use crate::status::libprobe_status;\n\n",
    );
    for opt in options() {
        if let OptionKind::Names(accepted) = opt.kind {
            for (i, n) in accepted.iter().enumerate() {
                let _ = writeln!(o, "/// `{n}` in the mask of `{}`.", setter_name(&opt));
                let _ = writeln!(o, "pub const {}: u32 = 1 << {i};", name_constant(&opt, n));
            }
            o.push('\n');
        }
        let _ = writeln!(o, "/// Sets option `{}` (what `libprobe_config_set` sets by key):", opt.key);
        o.push_str("///\n");
        doc_lines(o, opt.doc);
        o.push_str("///\n");
        let _ = writeln!(o, "/// {} Default: `{}`.", argument_doc(opt.kind), opt.default);
        o.push_str(
            "///\n/// Returns `LIBPROBE_STATUS_INVALID_ARGUMENT` for a value the option does not accept (the\n\
             /// config is then unchanged).\n///\n/// # Safety\n/// `config` came from `libprobe_config_new`; \
             pointer arguments are as described above.\n",
        );
        let _ = writeln!(
            o,
            "#[unsafe(no_mangle)]\npub unsafe extern \"C\" fn {}(config: *mut libprobe_config, {}) -> libprobe_status {{\n    \
             set_typed(config, {:?}, || {{ {} }})\n}}\n",
            setter_name(&opt),
            params(opt.kind),
            opt.key,
            conversion(&opt),
        );
    }
}

/// The C arguments that set `value` through a kind's typed setter, and the declarations
/// they need before the call.
fn c_arguments(o: &OptionInfo, value: &OptionValue, var: &str) -> (String, String) {
    let text = |t: &str| format!("{t:?}");
    match (o.kind, value) {
        (OptionKind::Bool, OptionValue::Bool(b)) => (String::new(), if *b { "1".into() } else { "0".into() }),
        (OptionKind::UInt { .. }, OptionValue::UInt(n)) => (String::new(), format!("{n}u")),
        (OptionKind::Names(_), OptionValue::Names(names)) => {
            let bits: Vec<String> = names.iter().map(|n| name_constant(o, n)).collect();
            (String::new(), if bits.is_empty() { "0u".into() } else { bits.join(" | ") })
        }
        (OptionKind::Pids, OptionValue::Pids(None)) => (String::new(), "NULL, 0".into()),
        (OptionKind::Pids, OptionValue::Pids(Some(p))) => {
            let list: Vec<String> = p.iter().map(i32::to_string).collect();
            (format!("    const int32_t {var}[] = {{{}}};\n", list.join(", ")), format!("{var}, {}", p.len()))
        }
        (OptionKind::Path, OptionValue::Path(None)) => (String::new(), "NULL".into()),
        (OptionKind::Words, OptionValue::Words(w)) if w.is_empty() => (String::new(), "NULL, 0".into()),
        (OptionKind::Words, OptionValue::Words(w)) => {
            let list: Vec<String> = w.iter().map(|x| text(x)).collect();
            (format!("    const char *const {var}[] = {{{}}};\n", list.join(", ")), format!("{var}, {}", w.len()))
        }
        (_, v) => (String::new(), text(&v.to_string())),
    }
}

/// `libprobe-ffi/tests/c/options_gen.c`.
pub fn test_c() -> String {
    let mut o = String::from(
        "/* Every typed option setter of libprobe.h, each called with a NULL config and with a value\n \
         * other than its default, read back from the core with libprobe_config_get.\n \
         * @generated by `make generate` (generate/src/c_options.rs) from the core's option schema:\n \
         * do not edit. test_api.c calls options_gen_run(). */\n\n\
         #include <stdio.h>\n#include <string.h>\n\n#include \"libprobe.h\"\n\n\
         int options_gen_run(libprobe_config *c);\n\n\
         static int expect(libprobe_config *c, const char *key, const char *want) {\n    \
         libprobe_str got;\n    \
         if (libprobe_config_get(c, key, &got) != LIBPROBE_STATUS_OK) {\n        \
         printf(\"not ok: libprobe_config_get(%s): %s\\n\", key, libprobe_config_last_error(c));\n        \
         return 1;\n    }\n    \
         if (got.len != strlen(want) || memcmp(got.ptr, want, got.len) != 0) {\n        \
         printf(\"not ok: %s is \\\"%.*s\\\", not \\\"%s\\\"\\n\", key, (int)got.len, got.ptr, want);\n        \
         return 1;\n    }\n    \
         return 0;\n}\n\n\
         int options_gen_run(libprobe_config *c) {\n    int failed = 0;\n",
    );
    for (i, opt) in options().iter().enumerate() {
        let name = setter_name(opt);
        let (decl, args) = c_arguments(opt, &opt.sample, &format!("v{i}"));
        let (null_decl, null_args) = c_arguments(opt, &opt.default, &format!("d{i}"));
        let _ = write!(
            o,
            "    {{\n{decl}{null_decl}        /* NULL: {name} */\n        \
             if ({name}(NULL, {null_args}) != LIBPROBE_STATUS_NULL_ARGUMENT) {{\n            \
             printf(\"not ok: {name}(NULL) is not LIBPROBE_STATUS_NULL_ARGUMENT\\n\");\n            failed++;\n        }}\n        \
             if ({name}(c, {args}) != LIBPROBE_STATUS_OK) {{\n            \
             printf(\"not ok: {name}: %s\\n\", libprobe_config_last_error(c));\n            failed++;\n        }}\n        \
             failed += expect(c, {key:?}, {sample:?});\n    }}\n",
            key = opt.key,
            sample = opt.sample.to_string(),
        );
    }
    let _ = write!(
        o,
        "    printf(\"options_gen: {} typed setters, %d failed\\n\", failed);\n    return failed;\n}}\n",
        options().len()
    );
    o
}
