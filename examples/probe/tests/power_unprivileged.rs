//! RAPL's `energy_uj` is root-only since Linux 5.10 (CVE-2020-8694): read unprivileged,
//! the counter and the watts are `permission_denied` and the rest of every zone is kept.
//!
//! A file tree cannot hold a read that fails, and root reads any file whatever its mode,
//! so the test makes the refusal real: it copies the Intel laptop fixture
//! (`tests/fixtures/power-intel-laptop/t1`) into a fresh directory, makes each `energy_uj`
//! mode 0400, and runs `probe power --json` on it as `nobody` (through `setpriv`, as
//! root) — the kernel itself answers `EACCES`. Run by another user, the test makes the
//! files mode 0000 and runs `probe` as that user, with the same effect.

#![cfg(target_os = "linux")]

use std::fs;
use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};
use std::process::Command;

use serde_json::Value;

const NOBODY: u32 = 65534;

struct TempDir(PathBuf);

impl TempDir {
    fn new() -> TempDir {
        let dir = std::env::temp_dir().join(format!("libprobe-power-unpriv-{}", std::process::id()));
        let _ = fs::remove_dir_all(&dir);
        fs::create_dir_all(&dir).unwrap();
        fs::set_permissions(&dir, fs::Permissions::from_mode(0o755)).unwrap();
        TempDir(dir)
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = fs::remove_dir_all(&self.0);
    }
}

/// Copies the tree `from` to `to`, links as links, directories 0755 and files 0644.
fn copy_tree(from: &Path, to: &Path) {
    fs::create_dir_all(to).unwrap();
    fs::set_permissions(to, fs::Permissions::from_mode(0o755)).unwrap();
    for e in fs::read_dir(from).unwrap() {
        let e = e.unwrap();
        let (src, dst) = (e.path(), to.join(e.file_name()));
        let ty = e.file_type().unwrap();
        if ty.is_symlink() {
            std::os::unix::fs::symlink(fs::read_link(&src).unwrap(), &dst).unwrap();
        } else if ty.is_dir() {
            copy_tree(&src, &dst);
        } else {
            fs::copy(&src, &dst).unwrap();
            fs::set_permissions(&dst, fs::Permissions::from_mode(0o644)).unwrap();
        }
    }
}

/// Every file called `name` below `dir` (links not followed).
fn find(dir: &Path, name: &str, out: &mut Vec<PathBuf>) {
    for e in fs::read_dir(dir).unwrap() {
        let e = e.unwrap();
        let ty = e.file_type().unwrap();
        if ty.is_dir() {
            find(&e.path(), name, out);
        } else if ty.is_file() && e.file_name() == name {
            out.push(e.path());
        }
    }
}

#[test]
fn unprivileged_energy_uj_is_permission_denied_and_the_zone_is_kept() {
    let fixture = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/fixtures/power-intel-laptop/t1");
    let dir = TempDir::new();
    let tree = dir.0.join("tree");
    copy_tree(&fixture, &tree);
    let probe = dir.0.join("probe");
    fs::copy(env!("CARGO_BIN_EXE_probe"), &probe).unwrap();
    fs::set_permissions(&probe, fs::Permissions::from_mode(0o755)).unwrap();

    // SAFETY: geteuid cannot fail.
    let root = unsafe { libc::geteuid() } == 0;
    let mut counters = Vec::new();
    find(&tree, "energy_uj", &mut counters);
    assert_eq!(counters.len(), 6, "one counter per zone");
    for c in &counters {
        // As the kernel makes them since 5.10: root-only (0400); as a plain user, unreadable
        // even to its owner.
        fs::set_permissions(c, fs::Permissions::from_mode(if root { 0o400 } else { 0o000 })).unwrap();
    }

    let mut cmd = if root {
        let mut c = Command::new("setpriv");
        c.args([format!("--reuid={NOBODY}"), format!("--regid={NOBODY}"), "--clear-groups".into()]).arg(&probe);
        c
    } else {
        Command::new(&probe)
    };
    cmd.args(["power", "--json", "--fixture"]).arg(&tree).current_dir("/").env_clear().env("PATH", "/usr/bin:/bin");
    let out = cmd.output().unwrap();
    assert!(out.status.success(), "{cmd:?}: {}\n{}", out.status, String::from_utf8_lossy(&out.stderr));
    let power: Value = serde_json::from_slice(&out.stdout).unwrap();

    let zones = power["domains"].as_array().unwrap();
    assert_eq!(zones.len(), 6);
    for z in zones {
        let id = z["zone"].as_str().unwrap();
        assert_eq!(z["energy_uj"], Value::Null, "{id}");
        assert_eq!(z["unavailable"]["energy_uj"], "permission_denied", "{id}");
        assert_eq!(z["unavailable"]["power_watts"], "permission_denied", "{id}: the watts say why");
        // The rest of the zone is kept.
        assert!(z["name"].is_string() && z["max_energy_uj"].is_u64() && z["enabled"].is_boolean(), "{id}: {z}");
        assert!(!z["constraints"].as_array().unwrap().is_empty(), "{id}");
        assert!(z["constraints"][0]["power_limit_uw"].is_u64(), "{id}");
    }
    let pkg = zones.iter().find(|z| z["zone"] == "intel-rapl:0").unwrap();
    assert_eq!((pkg["name"].as_str(), pkg["power_limit_watts"].as_f64()), (Some("package-0"), Some(28.0)));
    assert!(power["rapl_available"].as_bool().unwrap());
    assert_eq!(power["unavailable"]["process_energy"], "permission_denied", "the estimate needs the counter");
    // Everything else of the machine is readable unprivileged.
    assert_eq!(power["battery"]["name"], "BAT0");
    assert_eq!(power["hwmon"].as_array().unwrap().len(), 5);
    assert_eq!(power["thermal_zones"].as_array().unwrap().len(), 4);
}
