//! One generator for every face of libprobe. From the core's schemas — the records
//! (`Snapshot::SCHEMA`), the options (`DomainName::options`) and the error kinds — it
//! writes:
//!
//! | file | what |
//! |---|---|
//! | `libprobe-ffi/src/generated.rs` | the C view's structs, converters, schema tables and option setters ([`c`]) |
//! | `include/libprobe.h` | what cbindgen makes of `libprobe-ffi` ([`header`]) |
//! | `bindings/go/include/libprobe.h` | the same header, inside the Go module |
//! | `libprobe-ffi/tests/c/layout.h` | the C view's layout, for the C tests ([`c`]) |
//! | `libprobe-ffi/tests/c/options_gen.c` | a C test of every typed option setter ([`c_options`]) |
//! | `bindings/go/types_gen.go`, `bindings/go/options_gen.go` | Go structs and options ([`go`]) |
//! | `bindings/python/python/libprobe/_libprobe.pyi` | the Python stubs ([`python`]) |
//! | `bindings/node/index.d.ts` | the TypeScript declarations ([`node`]) |
//! | `docs/options.md` | every option, for people ([`docs`]) |
//!
//! `make generate` (`cargo run -p libprobe-generate`) rewrites them; `make test` runs the
//! check (`tests/fresh.rs`), which fails on a stale file or a missing tool.

use std::path::{Path, PathBuf};

use libprobe::Snapshot;
use libprobe::schema::RecordType;

pub mod c;
pub mod c_options;
pub mod docs;
pub mod go;
pub mod node;
pub mod python;

/// What every face's documentation of a field adds to its doc comment: the unit, and
/// whether it is a counter (`None` for a gauge without a unit).
pub fn field_note(f: &libprobe::schema::FieldSchema) -> Option<String> {
    use libprobe::schema::Metric;
    match (f.unit, f.metric) {
        (Some(u), Metric::Counter) => Some(format!("Unit: {u}. Counter: it only grows (a drop is a reset).")),
        (Some(u), Metric::Gauge) => Some(format!("Unit: {u}.")),
        (None, Metric::Counter) => Some("Counter: it only grows (a drop is a reset).".to_owned()),
        (None, Metric::Gauge) => None,
    }
}

/// A field's doc comment with its [`field_note`], `sep` between them.
pub fn field_doc(f: &libprobe::schema::FieldSchema, sep: &str) -> String {
    match field_note(f) {
        Some(n) if f.doc.is_empty() => n,
        Some(n) => format!("{}{sep}{n}", f.doc),
        None => f.doc.to_owned(),
    }
}

/// Write the files, or only compare them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    Check,
    Write,
}

/// The workspace's root.
pub fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

/// Every generated file but the header: (path from the root, text).
pub fn outputs() -> Result<Vec<(&'static str, String)>, String> {
    let c = c::Generator::new(Snapshot::SCHEMA);
    Ok(vec![
        ("libprobe-ffi/src/generated.rs", rustfmt(&c.rust())?),
        ("libprobe-ffi/tests/c/layout.h", c.layout_h()),
        ("libprobe-ffi/tests/c/options_gen.c", c_options::test_c()),
        ("bindings/go/types_gen.go", gofmt(&c.go())?),
        ("bindings/go/options_gen.go", gofmt(&go::options())?),
        ("bindings/python/python/libprobe/_libprobe.pyi", python::pyi()),
        ("bindings/node/index.d.ts", node::render()),
        ("docs/options.md", docs::options_md()),
    ])
}

/// Writes (or checks) every generated file; gives the paths rewritten. In check mode a
/// stale file is an error naming it and the first difference.
pub fn run(mode: Mode) -> Result<Vec<String>, String> {
    let mut changed = Vec::new();
    let mut stale = Vec::new();
    for (path, text) in outputs()? {
        update(mode, path, &text, &mut changed, &mut stale)?;
    }
    // The header is made from libprobe-ffi's source as it is on disk now (generated.rs
    // included): after it was written, or checked fresh.
    if stale.is_empty() {
        let header = header()?;
        update(mode, "include/libprobe.h", &header, &mut changed, &mut stale)?;
        // The Go module's own copy: a module fetched alone (`go get`) has no `include/`.
        update(mode, "bindings/go/include/libprobe.h", &header, &mut changed, &mut stale)?;
    }
    if stale.is_empty() {
        Ok(changed)
    } else {
        Err(format!("{}\nrun `make generate` and review the diff", stale.join("\n\n")))
    }
}

/// Writes `text` to `path` when it differs (noting it in `changed`), or in check mode notes
/// the difference in `stale`.
fn update(
    mode: Mode,
    path: &str,
    text: &str,
    changed: &mut Vec<String>,
    stale: &mut Vec<String>,
) -> Result<(), String> {
    let full = root().join(path);
    let committed = std::fs::read_to_string(&full).unwrap_or_default();
    if committed == text {
        return Ok(());
    }
    match mode {
        Mode::Write => {
            std::fs::write(&full, text).map_err(|e| format!("{}: {e}", full.display()))?;
            changed.push(path.to_owned());
        }
        Mode::Check => stale.push(difference(path, &committed, text)),
    }
    Ok(())
}

fn difference(path: &str, committed: &str, generated: &str) -> String {
    let (a, e): (Vec<_>, Vec<_>) = (generated.lines().collect(), committed.lines().collect());
    let first = a.iter().zip(&e).position(|(x, y)| x != y).unwrap_or(a.len().min(e.len()));
    format!(
        "{path} is stale (first difference at line {}):\n  generated: {}\n  committed: {}",
        first + 1,
        a.get(first).unwrap_or(&"<end>"),
        e.get(first).unwrap_or(&"<end>"),
    )
}

/// Runs a formatter over `src`.
fn format_with(program: &Path, args: &[&std::ffi::OsStr], src: &str, what: &str) -> Result<String, String> {
    use std::io::Write;
    use std::process::{Command, Stdio};
    let mut child = Command::new(program)
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .map_err(|e| {
            format!("{what} ({}) does not run: {e}; it is needed to check the generated files", program.display())
        })?;
    child.stdin.take().ok_or("no stdin")?.write_all(src.as_bytes()).map_err(|e| e.to_string())?;
    let out = child.wait_with_output().map_err(|e| e.to_string())?;
    if !out.status.success() {
        return Err(format!("{what} failed on generated code:\n{}", String::from_utf8_lossy(&out.stderr)));
    }
    String::from_utf8(out.stdout).map_err(|e| e.to_string())
}

/// Formats generated Rust as `cargo fmt` would (the repository's rustfmt.toml).
fn rustfmt(src: &str) -> Result<String, String> {
    let program = PathBuf::from(std::env::var_os("RUSTFMT").unwrap_or_else(|| "rustfmt".into()));
    let config = root().join("rustfmt.toml");
    let args = [
        "--edition".as_ref(),
        "2024".as_ref(),
        "--emit".as_ref(),
        "stdout".as_ref(),
        "--config-path".as_ref(),
        config.as_os_str(),
    ];
    format_with(&program, &args, src, "rustfmt (part of the Rust toolchain)")
}

/// Formats generated Go with gofmt (part of Go, which the Go face needs anyway).
fn gofmt(src: &str) -> Result<String, String> {
    let program = which("gofmt").or_else(|| Some(PathBuf::from("/usr/local/go/bin/gofmt")).filter(|p| p.exists()));
    let program = program.ok_or("gofmt not found: install Go (the Go face and this check need it)")?;
    format_with(&program, &[], src, "gofmt")
}

fn which(name: &str) -> Option<PathBuf> {
    std::env::var_os("PATH").and_then(|paths| std::env::split_paths(&paths).map(|d| d.join(name)).find(|p| p.is_file()))
}

/// `include/libprobe.h`: cbindgen (pinned) over `libprobe-ffi`, with version macros from
/// Cargo metadata.
pub fn header() -> Result<String, String> {
    let dir = root().join("libprobe-ffi");
    let mut config = cbindgen::Config::from_file(dir.join("cbindgen.toml"))
        .map_err(|e| format!("libprobe-ffi/cbindgen.toml: {e}"))?;
    let (major, minor, patch) =
        (env!("CARGO_PKG_VERSION_MAJOR"), env!("CARGO_PKG_VERSION_MINOR"), env!("CARGO_PKG_VERSION_PATCH"));
    let versions = format!(
        "\n/* The version of this header, from Cargo metadata; compare with libprobe_version(). */\n\
         #define LIBPROBE_VERSION \"{}\"\n\
         #define LIBPROBE_VERSION_MAJOR {major}\n\
         #define LIBPROBE_VERSION_MINOR {minor}\n\
         #define LIBPROBE_VERSION_PATCH {patch}\n\
         #define LIBPROBE_VERSION_NUMBER ({major} * 10000 + {minor} * 100 + {patch})\n",
        env!("CARGO_PKG_VERSION")
    );
    config.after_includes = Some(format!("{}{versions}", config.after_includes.unwrap_or_default()));
    let mut buf = Vec::new();
    cbindgen::Builder::new()
        .with_crate(&dir)
        .with_config(config)
        .generate()
        .map_err(|e| format!("cbindgen: {e}"))?
        .write(&mut buf);
    String::from_utf8(buf).map_err(|e| e.to_string())
}
