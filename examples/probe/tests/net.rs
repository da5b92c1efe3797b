//! `probe net` and the network domain as `nobody` (uid 65534), and the forced `/proc/net`
//! source through the environment.
//!
//! As `nobody`: conntrack entries need CAP_NET_ADMIN, so they are `permission_denied`, not
//! an empty table; the per-CPU counters come from `/proc/net/stat/nf_conntrack`, which
//! anyone can read; a socket of `nobody`'s own process has that process as owner, while a
//! root process's sockets (whose descriptors `nobody` cannot read) say
//! `permission_denied`. With `LIBPROBE_NET_PROCFS=1` every socket table comes from
//! `/proc/net`.
//!
//! Needs root (to switch to `nobody`) and python3; otherwise prints `SKIPPED`.

#![cfg(target_os = "linux")]

use std::io::{BufRead, BufReader};
use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};

use serde_json::Value;

const NOBODY: u32 = 65534;
/// The system Python (a per-user one, such as pyenv's, is not reachable by `nobody`).
const PYTHON: &str = "/usr/bin/python3";

/// A process that holds a UDP socket on 127.0.0.1 and prints its port; killed on drop.
struct Holder(Child, u16);

impl Holder {
    fn spawn(uid: Option<u32>) -> Holder {
        let script = "import socket, sys, time\n\
                      s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM); s.bind(('127.0.0.1', 0))\n\
                      print(s.getsockname()[1], flush=True)\n\
                      sys.stdin.readline()";
        let mut cmd = match uid {
            Some(uid) => {
                let mut c = Command::new("setpriv");
                c.args([format!("--reuid={uid}"), format!("--regid={uid}"), "--clear-groups".into(), PYTHON.into()]);
                c
            }
            None => Command::new(PYTHON),
        };
        let mut child =
            cmd.args(["-c", script]).stdin(Stdio::piped()).stdout(Stdio::piped()).current_dir("/").spawn().unwrap();
        let mut line = String::new();
        BufReader::new(child.stdout.as_mut().unwrap()).read_line(&mut line).unwrap();
        let port = line.trim().parse().unwrap();
        Holder(child, port)
    }
}

impl Drop for Holder {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

struct TempDir(PathBuf);

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

/// The `probe` binary copied where `nobody` can run it (a directory per test: they run
/// in parallel).
fn probe_copy(test: &str) -> (TempDir, PathBuf) {
    let dir = std::env::temp_dir().join(format!("libprobe-net-{test}-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::set_permissions(&dir, std::fs::Permissions::from_mode(0o755)).unwrap();
    let probe = dir.join("probe");
    std::fs::copy(env!("CARGO_BIN_EXE_probe"), &probe).unwrap();
    std::fs::set_permissions(&probe, std::fs::Permissions::from_mode(0o755)).unwrap();
    (TempDir(dir), probe)
}

fn probe(bin: &Path, args: &[&str], uid: Option<u32>, env: &[(&str, &str)]) -> String {
    let mut cmd = match uid {
        Some(uid) => {
            let mut c = Command::new("setpriv");
            c.args([format!("--reuid={uid}"), format!("--regid={uid}"), "--clear-groups".into()]).arg(bin);
            c
        }
        None => Command::new(bin),
    };
    cmd.args(args).current_dir("/").env_clear().env("PATH", "/usr/bin:/bin").envs(env.iter().copied());
    let out = cmd.output().unwrap();
    assert!(out.status.success(), "{cmd:?}: {}\n{}", out.status, String::from_utf8_lossy(&out.stderr));
    String::from_utf8(out.stdout).unwrap()
}

fn runnable(test: &str) -> bool {
    // SAFETY: geteuid cannot fail.
    if unsafe { libc::geteuid() } != 0 {
        eprintln!("SKIPPED {test}: needs root to become nobody");
        return false;
    }
    if Command::new(PYTHON).arg("-V").stdout(Stdio::null()).status().is_err() {
        eprintln!("SKIPPED {test}: no python3");
        return false;
    }
    true
}

/// The UDP socket on `port`, from the network JSON.
fn udp_on(net: &Value, port: u16) -> &Value {
    net["udp"].as_array().unwrap().iter().find(|u| u["local_port"] == port).unwrap_or_else(|| panic!("udp :{port}"))
}

#[test]
fn nobody_sees_own_owners_and_a_reason_for_the_rest() {
    if !runnable("nobody_sees_own_owners_and_a_reason_for_the_rest") {
        return;
    }
    let (_dir, bin) = probe_copy("nobody");
    let own = Holder::spawn(Some(NOBODY));
    let root = Holder::spawn(None);
    let snap: Value = serde_json::from_str(&probe(
        &bin,
        &["snapshot", "--json", "--domains", "network", "--conntrack"],
        Some(NOBODY),
        &[],
    ))
    .unwrap();
    let status = snap["domains"].as_array().unwrap().iter().find(|d| d["domain"] == "network").unwrap();
    assert_eq!(status["state"], "collected", "{status}");
    let net = &snap["network"];
    assert_eq!(net["conntrack"], Value::Null);
    assert_eq!(
        net["unavailable"]["conntrack"], "permission_denied",
        "needs CAP_NET_ADMIN: a reason, not an empty table"
    );
    assert!(net["conntrack_stats"]["per_cpu"].is_array(), "/proc/net/stat/nf_conntrack is world-readable");

    let mine = udp_on(net, own.1);
    assert_eq!(mine["pid"], own.0.id() as i64, "{mine}");
    assert_eq!(mine["uid"], NOBODY as i64);
    assert_eq!(mine["owners"][0]["process_name"], "python3");
    let theirs = udp_on(net, root.1);
    assert_eq!(theirs["pid"], Value::Null);
    assert_eq!(theirs["unavailable"]["owners"], "permission_denied", "{theirs}");
    assert_eq!(theirs["uid"], 0);
}

#[test]
fn probe_net_lists_like_ss_and_honours_the_procfs_switch() {
    if !runnable("probe_net_lists_like_ss_and_honours_the_procfs_switch") {
        return;
    }
    let (_dir, bin) = probe_copy("net");
    let holder = Holder::spawn(None);
    let text = probe(&bin, &["net", "-u"], None, &[]);
    let line =
        text.lines().find(|l| l.contains(&format!("127.0.0.1:{}", holder.1))).unwrap_or_else(|| panic!("{text}"));
    assert!(line.starts_with("udp"), "{line}");
    assert!(line.contains(&format!("users:((\"python3\",pid={},fd=", holder.0.id())), "{line}");
    assert!(text.starts_with("Netid  State"));

    let diag: Value = serde_json::from_str(&probe(&bin, &["net", "--json"], None, &[])).unwrap();
    assert_eq!(diag["socket_sources"]["udp4"], "sock_diag");
    let procfs: Value =
        serde_json::from_str(&probe(&bin, &["net", "--json"], None, &[("LIBPROBE_NET_PROCFS", "1")])).unwrap();
    for (table, source) in procfs["socket_sources"].as_object().unwrap() {
        let s = source.as_str().unwrap();
        assert!(s.starts_with("/proc/net/") || s.starts_with("none"), "{table}: {s}");
    }
    let from_procfs = udp_on(&procfs, holder.1);
    assert_eq!(from_procfs["pid"], holder.0.id() as i64);
    assert_eq!(from_procfs["unavailable"]["cookie"], "not_supported");
}
