//! `probe` run as `nobody` (uid 65534): every field is a value or names its reason.
//!
//! The binary is copied into a fresh mode-0755 directory (the build tree may not be
//! reachable by `nobody`) and run through `setpriv`. The JSON is walked against the
//! record schema: every `null` must be listed in its record's `unavailable` object,
//! except fields the schema declares optional (a domain status's `reason` and `error`).
//! Root's processes must show `permission_denied` exactly where the kernel wants ptrace
//! access, and keep every world-readable field; a process owned by `nobody` must be
//! fully readable by `nobody`.
//!
//! Needs root (to switch to `nobody`); as another user the test prints `SKIPPED`.

#![cfg(target_os = "linux")]

use std::fs;
use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use libprobe::process::ProcessFull;
use libprobe::schema::{EnumType, Kind, RecordSchema, RecordType};
use libprobe::{Reason, Snapshot};
use serde_json::Value;

const NOBODY: u32 = 65534;

#[test]
fn nobody_gets_a_value_or_a_reason_for_every_field() {
    // SAFETY: geteuid cannot fail.
    if unsafe { libc::geteuid() } != 0 {
        eprintln!("SKIPPED nobody_gets_a_value_or_a_reason_for_every_field: needs root to become nobody");
        return;
    }
    let dir = TempDir::new();
    let probe = dir.0.join("probe");
    fs::copy(env!("CARGO_BIN_EXE_probe"), &probe).unwrap();
    fs::set_permissions(&probe, fs::Permissions::from_mode(0o755)).unwrap();

    // A process of nobody's own, sleeping with known stdio.
    let mut sleeper = Command::new("setpriv");
    sleeper.args(["--reuid=65534", "--regid=65534", "--clear-groups", "/bin/sleep", "1000"]);
    sleeper.current_dir("/").stdin(Stdio::null()).stdout(Stdio::null()).stderr(Stdio::null());
    let kid = Kid(sleeper.spawn().unwrap());
    let own = kid.0.id() as i32;
    wait_for("nobody's sleep", || {
        let stat = fs::read_to_string(format!("/proc/{own}/stat")).ok()?;
        let status = fs::read_to_string(format!("/proc/{own}/status")).ok()?;
        (stat.contains(") S ") && status.contains("Uid:\t65534\t")).then_some(())
    });

    let fds_before = fd_counts();
    let snapshot = run_as_nobody(&probe, &["snapshot", "--json", "--fds", "--maps", "--smaps"]);
    let fds_after = fd_counts();
    let mut errors = Vec::new();
    walk_record(&snapshot, Snapshot::SCHEMA, "snapshot", &mut errors);
    assert!(errors.is_empty(), "{} problems in nobody's snapshot:\n{}", errors.len(), errors.join("\n"));

    let status = |d: &str| snapshot["domains"].as_array().unwrap().iter().find(|s| s["domain"] == d).unwrap().clone();
    let process_status = status("process");
    assert_eq!(process_status["state"], "collected", "{process_status}");
    assert_eq!(process_status["warnings"], Value::Array(vec![]), "no warnings as nobody");

    let procs = snapshot["processes"].as_array().unwrap();
    let mut root_owned = 0;
    for p in procs {
        let pid = p["pid"].as_i64().unwrap();
        let uids: Vec<&Value> = ["uid_real", "uid_effective", "uid_saved"].iter().map(|k| &p[*k]).collect();
        if uids.iter().all(|u| u.as_u64() == Some(0)) {
            root_owned += 1;
            check_root_owned(p, pid);
            // Since Linux 6.2 the fd count is the size of /proc/<pid>/fd, which stat()
            // gives to anyone (listing it needs ptrace access): a value must be right.
            // The same count before and after does not prove none opened and closed in
            // between (a CI run saw 6, 7, 6): a process that differs is read again alone,
            // and is wrong only if no quiet read agrees. This test's own process is left
            // out: its pipes to each probe it runs come and go with them.
            if pid != i64::from(std::process::id())
                && let Some(n) = p["num_fds"].as_u64()
                && let (Some(a), Some(b)) = (fds_before.get(&pid), fds_after.get(&pid))
                && a == b
                && n != *a
            {
                let agrees = (0..5).any(|_| {
                    let before = fd_count(pid);
                    let again = run_as_nobody(&probe, &["process", &pid.to_string(), "--json"]);
                    before.is_some() && again["num_fds"].as_u64() == before && fd_count(pid) == before
                });
                assert!(
                    agrees,
                    "pid {pid}: num_fds as nobody {n} vs the fd directory's {a} entries (and in 5 reads again)"
                );
            }
        }
    }
    assert!(root_owned >= 10, "only {root_owned} root processes seen");

    // World-readable fields agree with what root reads, for processes that do not change.
    let stable = [1, 2, own];
    let as_root: Vec<Value> =
        stable.iter().map(|pid| run(&probe, &["process", &pid.to_string(), "--json"], None)).collect();
    for (pid, root_view) in stable.iter().zip(&as_root) {
        let mine = procs.iter().find(|p| p["pid"] == *pid).unwrap_or_else(|| panic!("pid {pid} is listed for nobody"));
        for key in [
            "ppid",
            "pgid",
            "sid",
            "name",
            "state",
            "uid_real",
            "uid_effective",
            "gid_real",
            "groups",
            "nice",
            "priority",
            "num_threads",
            "start_time",
            "flags",
            "is_kernel_thread",
            "cmdline",
            "cpu_affinity",
            "memory_vms",
            "memory_text",
            "limits",
            "cgroup_path",
            "oom_score_adj",
            "capabilities_bounding",
            "signals_ignored",
        ] {
            assert_eq!(mine[key], root_view[key], "pid {pid}: {key} as nobody vs as root");
        }
    }

    // nobody's own process: nothing is denied (taskstats aside: it needs CAP_NET_ADMIN).
    let record = run_as_nobody(&probe, &["process", &own.to_string(), "--json", "--environ"]);
    let mut errors = Vec::new();
    walk_record(&record, ProcessFull::SCHEMA, "own", &mut errors);
    assert!(errors.is_empty(), "{}", errors.join("\n"));
    let mut denied = Vec::new();
    collect_reasons(&record, "", &mut |path, reason| {
        let taskstats = path.starts_with("delay.") && path.contains("_delay_");
        if reason == "error" || (reason == "permission_denied" && !taskstats) {
            denied.push(format!("{path}: {reason}"));
        }
    });
    assert!(denied.is_empty(), "nobody cannot read its own process: {denied:?}");
    for key in
        ["exe", "cwd", "root", "io_read_chars", "num_fds", "ns_net", "open_files", "maps", "memory_pss", "environ"]
    {
        assert!(!record[key].is_null(), "{key} of nobody's own process is readable by nobody");
    }
    assert_eq!(record["uid_real"], NOBODY);
    assert_eq!(record["exe"], fs::canonicalize("/bin/sleep").unwrap().to_str().unwrap());
    let open = fs::read_dir(format!("/proc/{own}/fd")).unwrap().count();
    assert_eq!(record["num_fds"], open, "stdio and whatever the test runner let it inherit");
    assert_eq!(record["open_files"].as_array().map(Vec::len), Some(open));
    drop(kid);
}

/// The walker itself: it accepts a real record and catches each kind of silent null.
/// LVM reads block devices: as `nobody` a device it may not open makes `lvm`
/// `permission_denied`, where root reads it (and finds no physical volume on an empty one).
#[test]
fn storage_as_nobody() {
    // SAFETY: geteuid cannot fail.
    if unsafe { libc::geteuid() } != 0 || !Path::new("/dev/loop-control").exists() {
        eprintln!("SKIPPED storage_as_nobody: needs root and loop devices");
        return;
    }
    let dir = TempDir::new();
    let probe = dir.0.join("probe");
    fs::copy(env!("CARGO_BIN_EXE_probe"), &probe).unwrap();
    fs::set_permissions(&probe, fs::Permissions::from_mode(0o755)).unwrap();
    let img = dir.0.join("disk");
    fs::File::create(&img).unwrap().set_len(4 << 20).unwrap();
    let out = Command::new("losetup").args(["-f", "--show"]).arg(&img).output().unwrap();
    assert!(out.status.success(), "losetup: {}", String::from_utf8_lossy(&out.stderr));
    let dev = String::from_utf8(out.stdout).unwrap().trim().to_owned();
    struct Detach(String);
    impl Drop for Detach {
        fn drop(&mut self) {
            let _ = Command::new("losetup").args(["-d", &self.0]).output();
        }
    }
    let _detach = Detach(dev.clone());
    let name = dev.trim_start_matches("/dev/");
    let args = ["storage", "--json", "--disks", name];
    let as_nobody = run_as_nobody(&probe, &args);
    assert_eq!(as_nobody["lvm"], Value::Null);
    assert_eq!(as_nobody["unavailable"]["lvm"], "permission_denied", "{as_nobody}");
    // As root the empty device is read: nothing is there, so the domain is skipped and
    // `probe storage --json` prints its status.
    let as_root = run(&probe, &args, None);
    assert_eq!(
        (&as_root["state"], &as_root["reason"]),
        (&Value::from("skipped"), &Value::from("not_present")),
        "{as_root}"
    );
}

#[test]
fn the_schema_walk_catches_silent_nulls() {
    let opts = libprobe::ProcessOptions { pids: Some(vec![std::process::id() as i32]), ..Default::default() };
    let mut probe = libprobe::Probe::new(libprobe::Options {
        domains: libprobe::Domains::NONE.with(libprobe::DomainName::Process),
        process: opts,
        ..Default::default()
    });
    let snap = probe.snapshot();
    let good: Value = serde_json::from_str(&snap.to_json()).unwrap();
    let mut errors = Vec::new();
    walk_record(&good, Snapshot::SCHEMA, "s", &mut errors);
    assert!(errors.is_empty(), "{errors:?}");

    type Break = fn(&mut Value);
    let cases: [(&str, Break); 5] = [
        ("never missing", |v| v["processes"][0]["start_time"] = Value::Null),
        ("null without a reason", |v| v["processes"][0]["memory_text"] = Value::Null),
        ("but has a value", |v| {
            v["processes"][0]["unavailable"]["memory_text"] = "gone".into();
        }),
        ("is not a reason", |v| {
            v["processes"][0]["memory_text"] = Value::Null;
            v["processes"][0]["unavailable"]["memory_text"] = "lost".into();
        }),
        ("null list item", |v| v["processes"][0]["cpu_affinity"][0] = Value::Null),
    ];
    for (want, break_it) in cases {
        let mut bad = good.clone();
        break_it(&mut bad);
        let mut errors = Vec::new();
        walk_record(&bad, Snapshot::SCHEMA, "s", &mut errors);
        assert!(errors.iter().any(|e| e.contains(want)), "expected `{want}`, got {errors:?}");
    }
}

/// A root process seen by nobody: ptrace-guarded fields denied, the rest present.
fn check_root_owned(p: &Value, pid: i64) {
    let unavailable = p["unavailable"].as_object().cloned().unwrap_or_default();
    let reason = |k: &str| unavailable.get(k).and_then(Value::as_str).unwrap_or("").to_owned();
    let zombie = p["state"] == "zombie";
    let kthread = p["is_kernel_thread"] == true;
    let guarded = [
        "exe",
        "cwd",
        "root",
        "io_read_bytes",
        "io_write_bytes",
        "io_read_chars",
        "io_write_chars",
        "io_read_syscalls",
        "io_write_syscalls",
        "io_cancelled_write",
        "ns_cgroup",
        "ns_ipc",
        "ns_mnt",
        "ns_net",
        "ns_pid",
        "ns_pid_children",
        "ns_time",
        "ns_time_children",
        "ns_user",
        "ns_uts",
    ];
    for key in guarded {
        let r = reason(key);
        assert!(
            p[key].is_null() && (r == "permission_denied" || (zombie && r == "zombie")),
            "pid {pid} ({}): {key} as nobody is {} ({r}), expected null with permission_denied",
            p["name"],
            p[key]
        );
    }
    if p["num_fds"].is_null() {
        // A root process that exits during the walk is a zombie, as for the guarded fields.
        let r = reason("num_fds");
        assert!(r == "permission_denied" || (zombie && r == "zombie"), "pid {pid}: num_fds is {r}");
    }
    for key in ["open_files", "open_sockets"] {
        let r = reason(key);
        assert!(r == "permission_denied" || (zombie && r == "zombie"), "pid {pid}: {key} is {r}");
    }
    for key in ["pid", "ppid", "pgid", "sid", "name", "state", "start_time", "memory_rss", "memory_vms", "num_threads"]
    {
        assert!(!p[key].is_null(), "pid {pid}: {key} is world-readable");
    }
    let mut readable = vec!["uid_real", "gid_real", "groups", "limits", "cgroup_path", "oom_score", "signals_blocked"];
    if !zombie {
        readable.push("cmdline");
    }
    if !zombie && !kthread {
        readable.extend([
            "memory_shared",
            "memory_text",
            "memory_data",
            "memory_rss_peak",
            "tgid",
            "voluntary_ctx_switches",
        ]);
    }
    for key in readable {
        assert!(!p[key].is_null(), "pid {pid}: {key} is world-readable, got null ({})", reason(key));
    }
    assert!(!p["delay"]["cpu_run_time_ns"].is_null(), "pid {pid}: schedstat is world-readable");
}

/// Checks one JSON record against its schema; appends one line per problem.
fn walk_record(v: &Value, schema: &'static RecordSchema, path: &str, errors: &mut Vec<String>) {
    let Some(obj) = v.as_object() else {
        errors.push(format!("{path}: expected a {} object, got {v}", schema.name));
        return;
    };
    let unavailable = match obj.get("unavailable") {
        None => serde_json::Map::new(),
        Some(Value::Object(m)) if !m.is_empty() => m.clone(),
        Some(other) => {
            errors.push(format!("{path}.unavailable: {other} (an empty or non-object `unavailable`)"));
            serde_json::Map::new()
        }
    };
    for key in obj.keys() {
        if key != "unavailable" && schema.index_of(key).is_none() {
            errors.push(format!("{path}.{key}: not a field of {}", schema.name));
        }
    }
    for (key, reason) in &unavailable {
        let known = reason.as_str().is_some_and(|r| reason_names().contains(&r));
        if !known {
            errors.push(format!("{path}.unavailable.{key}: {reason} is not a reason"));
        }
        if !obj.get(key).is_some_and(Value::is_null) {
            errors.push(format!("{path}.{key}: listed unavailable ({reason}) but has a value"));
        }
    }
    for f in schema.fields {
        let p = format!("{path}.{}", f.name);
        let Some(val) = obj.get(f.name) else {
            errors.push(format!("{p}: absent"));
            continue;
        };
        if val.is_null() {
            match f.kind {
                Kind::Field(_) if unavailable.contains_key(f.name) => {}
                Kind::Field(_) => errors.push(format!("{p}: null without a reason in `unavailable`")),
                Kind::Optional(_) => {}
                _ => errors.push(format!("{p}: null, but the field is never missing ({:?})", f.kind)),
            }
            continue;
        }
        walk_value(val, f.kind.inner(), &p, errors);
    }
}

fn walk_value(v: &Value, kind: &'static Kind, path: &str, errors: &mut Vec<String>) {
    let ok = match kind {
        Kind::Record(r) => {
            walk_record(v, r, path, errors);
            true
        }
        Kind::List(item) => match v.as_array() {
            Some(items) => {
                for (i, x) in items.iter().enumerate() {
                    let p = format!("{path}[{i}]");
                    if x.is_null() {
                        errors.push(format!("{p}: null list item"));
                    } else {
                        walk_value(x, item.inner(), &p, errors);
                    }
                }
                true
            }
            None => false,
        },
        Kind::Map(_, val) => match v.as_object() {
            Some(m) => {
                for (k, x) in m {
                    walk_value(x, val.inner(), &format!("{path}[{k:?}]"), errors);
                }
                true
            }
            None => false,
        },
        Kind::Bool => v.is_boolean(),
        Kind::U8 | Kind::U16 | Kind::U32 | Kind::U64 => v.is_u64(),
        Kind::I32 | Kind::I64 => v.is_i64() || v.is_u64(),
        Kind::F64 => v.is_f64() || v.is_i64() || v.is_u64(),
        Kind::Char | Kind::Str | Kind::Bytes | Kind::Enum(_) => v.is_string(),
        Kind::Field(_) | Kind::Optional(_) => unreachable!("inner() strips wrappers"),
    };
    if !ok {
        errors.push(format!("{path}: {v} is not a {kind:?}"));
    }
}

/// Calls `f(path, reason)` for every missing field in a record, nested ones included.
fn collect_reasons(v: &Value, path: &str, f: &mut dyn FnMut(&str, &str)) {
    match v {
        Value::Object(m) => {
            for (k, x) in m {
                let p = if path.is_empty() { k.clone() } else { format!("{path}.{k}") };
                if k == "unavailable" {
                    for (field, reason) in x.as_object().into_iter().flatten() {
                        let fp = if path.is_empty() { field.clone() } else { format!("{path}.{field}") };
                        f(&fp, reason.as_str().unwrap_or(""));
                    }
                } else {
                    collect_reasons(x, &p, f);
                }
            }
        }
        Value::Array(a) => {
            for (i, x) in a.iter().enumerate() {
                collect_reasons(x, &format!("{path}[{i}]"), f);
            }
        }
        _ => {}
    }
}

/// The entries of `/proc/<pid>/fd` (as root); `None` once the process is gone.
fn fd_count(pid: i64) -> Option<u64> {
    fs::read_dir(format!("/proc/{pid}/fd")).ok().map(|d| d.count() as u64)
}

/// Open descriptors per pid, counted by listing /proc/<pid>/fd as root.
fn fd_counts() -> std::collections::HashMap<i64, u64> {
    let mut out = std::collections::HashMap::new();
    for e in fs::read_dir("/proc").unwrap().flatten() {
        let Some(pid) = e.file_name().to_str().and_then(|s| s.parse::<i64>().ok()) else { continue };
        if let Some(n) = fd_count(pid) {
            out.insert(pid, n);
        }
    }
    out
}

fn reason_names() -> Vec<&'static str> {
    <Reason as EnumType>::SCHEMA.variants.iter().map(|v| v.name).collect()
}

fn run_as_nobody(probe: &Path, args: &[&str]) -> Value {
    run(probe, args, Some(NOBODY))
}

/// Runs the copied `probe` (as `uid` if given) and parses its JSON.
fn run(probe: &Path, args: &[&str], uid: Option<u32>) -> Value {
    let mut cmd = match uid {
        Some(uid) => {
            let mut c = Command::new("setpriv");
            c.args([format!("--reuid={uid}"), format!("--regid={uid}"), "--clear-groups".into()]).arg(probe);
            c
        }
        None => Command::new(probe),
    };
    cmd.args(args).current_dir("/").env_clear().env("PATH", "/usr/bin:/bin");
    let out = cmd.output().unwrap();
    assert!(out.status.success(), "{cmd:?}: {}\n{}", out.status, String::from_utf8_lossy(&out.stderr));
    serde_json::from_slice(&out.stdout).unwrap_or_else(|e| panic!("{cmd:?}: invalid JSON: {e}"))
}

#[track_caller]
fn wait_for<T>(what: &str, mut f: impl FnMut() -> Option<T>) -> T {
    let start = Instant::now();
    loop {
        if let Some(v) = f() {
            return v;
        }
        assert!(start.elapsed() < Duration::from_secs(10), "timed out waiting for {what}");
        std::thread::sleep(Duration::from_millis(5));
    }
}

/// A spawned child, killed and reaped on drop.
struct Kid(Child);

impl Drop for Kid {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

/// A fresh mode-0755 directory, removed on drop.
struct TempDir(PathBuf);

impl TempDir {
    fn new() -> TempDir {
        // Tests run in parallel threads: each gets its own directory.
        static N: std::sync::atomic::AtomicU32 = std::sync::atomic::AtomicU32::new(0);
        let n = N.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        let p = std::env::temp_dir().join(format!("libprobe-unprivileged-{}-{n}", std::process::id()));
        let _ = fs::remove_dir_all(&p);
        fs::create_dir(&p).unwrap();
        fs::set_permissions(&p, fs::Permissions::from_mode(0o755)).unwrap();
        TempDir(p)
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = fs::remove_dir_all(&self.0);
    }
}
