//! Builds the fake NVML of `tests/fake_nvml/fake_nvml.c` with the system `cc`, and lays
//! out a copy of it beside an XML for one test: `<dir>/libnvidia-ml.so.1` + `<dir>/nvml.xml`
//! (a separate file per test, so each test's probe loads its own instance of the library).

#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};

/// A build of the fake: its C flags.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Build {
    /// Every symbol, `_v3` process calls with the 24-byte struct.
    Current,
    /// No `nvmlDeviceGetMarginTemperature`, no `_v3` process calls (a driver before R510).
    OldDriver,
    /// `_v3` process calls writing the 32-byte struct of early R535 drivers.
    R535,
}

impl Build {
    fn flags(self) -> &'static [&'static str] {
        match self {
            Build::Current => &[],
            Build::OldDriver => &["-DFAKE_OLD_DRIVER"],
            Build::R535 => &["-DFAKE_R535_V3"],
        }
    }

    fn name(self) -> &'static str {
        match self {
            Build::Current => "current",
            Build::OldDriver => "old-driver",
            Build::R535 => "r535",
        }
    }
}

/// The repository's root: the nearest folder above this crate holding the fake's source (the
/// module is also included by `probe`'s tests, one folder deeper).
pub fn repo() -> PathBuf {
    let here = Path::new(env!("CARGO_MANIFEST_DIR"));
    let root = here.ancestors().find(|p| p.join("tests/fake_nvml/fake_nvml.c").is_file());
    root.unwrap_or_else(|| panic!("no tests/fake_nvml/fake_nvml.c above {}", here.display())).to_path_buf()
}

/// `tests/fake_nvml/xml/<name>`.
pub fn xml(name: &str) -> PathBuf {
    repo().join("tests/fake_nvml/xml").join(name)
}

/// Where the builds and copies go: cargo's scratch folder for integration tests; a unit test
/// (which cargo gives none) gets one under the system's, and removes it with [`remove_all`].
fn work() -> PathBuf {
    match option_env!("CARGO_TARGET_TMPDIR") {
        Some(dir) => PathBuf::from(dir).join("fake-nvml"),
        None => std::env::temp_dir().join(format!("libprobe-fake-nvml-{}", std::process::id())),
    }
}

/// Removes every build and copy this process made.
pub fn remove_all() {
    let _ = std::fs::remove_dir_all(work());
    BUILT.lock().unwrap().clear();
}

static BUILT: Mutex<Vec<Build>> = Mutex::new(Vec::new());
static NEXT: AtomicUsize = AtomicUsize::new(0);

/// The built library for `build` (compiled once per test binary).
fn built(build: Build) -> PathBuf {
    let out = work().join(format!("build-{}-{}", build.name(), std::process::id())).join("libfake.so");
    let mut done = BUILT.lock().unwrap();
    if !done.contains(&build) {
        std::fs::create_dir_all(out.parent().unwrap()).unwrap();
        let src = repo().join("tests/fake_nvml/fake_nvml.c");
        let cc = std::env::var("CC").unwrap_or_else(|_| "cc".into());
        let status = Command::new(&cc)
            .args(["-std=c11", "-Wall", "-Wextra", "-Werror", "-shared", "-fPIC", "-O1"])
            .args(build.flags())
            .arg("-o")
            .arg(&out)
            .arg(&src)
            .status()
            .unwrap_or_else(|e| panic!("running `{cc}` to build the fake NVML: {e}"));
        assert!(status.success(), "{cc} failed to build {}", src.display());
        done.push(build);
    }
    out
}

/// A fresh directory holding a copy of the fake built as `build`, named
/// `libnvidia-ml.so.1`, answering from `xml`; returns the library's path.
pub fn library(build: Build, xml: &Path) -> PathBuf {
    let dir = work().join(format!("{}-{}-{}", build.name(), std::process::id(), NEXT.fetch_add(1, Ordering::Relaxed)));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    let lib = dir.join("libnvidia-ml.so.1");
    std::fs::copy(built(build), &lib).unwrap();
    std::fs::copy(xml, dir.join("nvml.xml")).unwrap();
    lib
}
