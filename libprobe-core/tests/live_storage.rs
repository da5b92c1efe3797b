//! The storage domain against this machine's kernel and the tools people use: a Btrfs over
//! two loop devices compared field by field with `btrfs filesystem usage -b`, `btrfs device
//! stats` and `btrfs filesystem show --raw`; an LVM volume group written by the LVM tools
//! on loop devices with activation off (`--config global{activation=0}`: a linear and a
//! striped volume over two PVs, a thin pool and a thin volume, an orphan PV) compared with
//! `vgs`, `lvs` and `pvs --reportformat json --units b`.
//!
//! Needs root, loop devices, btrfs-progs and lvm2 (`make deps` installs both: these tests
//! are why); otherwise each test prints `SKIPPED` and passes. Loop devices, mounts and the
//! volume group are removed by a guard, also when a test fails.

#![cfg(target_os = "linux")]

use std::path::{Path, PathBuf};
use std::process::Command;

use libprobe::storage::{LvmMetrics, StorageOptions};
use libprobe::{DomainName, Domains, Field, Options, Probe};
use serde_json::Value;

const NO_ACTIVATION: &str = "global{activation=0}";

fn can_run(test: &str, tools: &[&str]) -> bool {
    // SAFETY: geteuid cannot fail.
    if unsafe { libc::geteuid() } != 0 {
        eprintln!("SKIPPED {test}: needs root (loop devices)");
        return false;
    }
    for t in tools {
        if Command::new("sh").args(["-c", &format!("command -v {t}")]).output().map_or(true, |o| !o.status.success()) {
            eprintln!("SKIPPED {test}: `{t}` is not installed (make deps installs it)");
            return false;
        }
    }
    if !Path::new("/dev/loop-control").exists() {
        eprintln!("SKIPPED {test}: no loop devices");
        return false;
    }
    true
}

fn run(cmd: &str, args: &[&str]) -> String {
    let out = Command::new(cmd).args(args).output().unwrap_or_else(|e| panic!("{cmd}: {e}"));
    assert!(out.status.success(), "{cmd} {args:?}: {}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8(out.stdout).unwrap()
}

/// Loop devices, mounts and volume groups, undone on drop (reverse order).
struct Lab {
    dir: PathBuf,
    loops: Vec<String>,
    mounts: Vec<PathBuf>,
    vgs: Vec<(String, Vec<String>)>,
}

impl Lab {
    fn new(tag: &str) -> Lab {
        let dir = std::env::temp_dir().join(format!("lp-live-storage-{tag}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        Lab { dir, loops: Vec::new(), mounts: Vec::new(), vgs: Vec::new() }
    }

    /// A loop device over a new sparse file of `mib` MiB.
    fn loop_device(&mut self, mib: u64) -> String {
        let file = self.dir.join(format!("disk{}", self.loops.len()));
        std::fs::File::create(&file).unwrap().set_len(mib << 20).unwrap();
        // `losetup -f` races with other users of loop devices: try again when it loses.
        for _ in 0..5 {
            let out = Command::new("losetup").args(["-f", "--show"]).arg(&file).output().unwrap();
            if out.status.success() {
                let dev = String::from_utf8(out.stdout).unwrap().trim().to_owned();
                self.loops.push(dev.clone());
                return dev;
            }
            std::thread::sleep(std::time::Duration::from_millis(200));
        }
        panic!("no free loop device");
    }

    fn mount(&mut self, dev: &str) -> PathBuf {
        let mnt = self.dir.join(format!("mnt{}", self.mounts.len()));
        std::fs::create_dir_all(&mnt).unwrap();
        run("mount", &[dev, mnt.to_str().unwrap()]);
        self.mounts.push(mnt.clone());
        mnt
    }
}

impl Drop for Lab {
    fn drop(&mut self) {
        for (vg, devs) in &self.vgs {
            let mut a = vec!["--config", NO_ACTIVATION, "-f", vg.as_str()];
            for d in devs {
                a.extend(["--devices", d.as_str()]);
            }
            let _ = Command::new("vgremove").args(&a).output();
        }
        for m in self.mounts.iter().rev() {
            let _ = Command::new("umount").arg(m).output();
        }
        for l in self.loops.iter().rev() {
            let _ = Command::new("losetup").args(["-d", l]).output();
        }
        let _ = std::fs::remove_dir_all(&self.dir);
    }
}

fn snapshot(devices: &[String]) -> libprobe::storage::Storage {
    let names = devices.iter().map(|d| d.trim_start_matches("/dev/").to_owned()).collect();
    let mut probe = Probe::new(Options {
        domains: Domains::NONE.with(DomainName::Storage),
        storage: StorageOptions { smart: false, zfs: false, devices: names, ..StorageOptions::default() },
        ..Options::default()
    });
    let snap = probe.snapshot();
    let st = snap.status(DomainName::Storage).unwrap();
    assert!(st.warnings.is_empty(), "{:?}", st.warnings);
    snap.storage.value().cloned().unwrap_or_else(|| panic!("storage not collected: {st:?}"))
}

/// The number after `key:` on a line of `btrfs filesystem usage -b`.
fn usage_value(text: &str, key: &str) -> String {
    let line = text.lines().find(|l| l.trim_start().starts_with(key)).unwrap_or_else(|| panic!("{key}"));
    line[line.find(':').unwrap() + 1..].split_whitespace().next().unwrap().to_owned()
}

#[test]
fn btrfs_matches_btrfs_progs() {
    if !can_run("btrfs_matches_btrfs_progs", &["mkfs.btrfs", "btrfs", "losetup"]) {
        return;
    }
    let mut lab = Lab::new("btrfs");
    let (a, b) = (lab.loop_device(300), lab.loop_device(300));
    run("mkfs.btrfs", &["-q", "-f", "-L", "lp-live", "-d", "raid0", "-m", "raid1", &a, &b]);
    let mnt = lab.mount(&a);
    std::fs::write(mnt.join("data"), vec![0x5a; 12 << 20]).unwrap();
    run("sync", &[]);
    let show = run("btrfs", &["filesystem", "show", "--raw", mnt.to_str().unwrap()]);
    let uuid = show.split("uuid: ").nth(1).unwrap().split_whitespace().next().unwrap().to_owned();
    let usage = run("btrfs", &["filesystem", "usage", "-b", mnt.to_str().unwrap()]);
    let stats = run("btrfs", &["device", "stats", mnt.to_str().unwrap()]);
    let super_gen = run("btrfs", &["inspect-internal", "dump-super", &a]);
    let storage = snapshot(&[]);
    let fs = storage.btrfs.value().unwrap().iter().find(|f| f.uuid == uuid).expect("our filesystem is listed");

    let num = |k: &str| usage_value(&usage, k).parse::<u64>().unwrap();
    assert_eq!(fs.label.as_deref(), Some("lp-live"));
    assert_eq!(fs.total_bytes, Field::Value(num("Device size")));
    assert_eq!(fs.allocated_bytes, num("Device allocated"));
    assert_eq!(fs.unallocated_bytes, Field::Value(num("Device unallocated")));
    assert_eq!(fs.used_bytes, num("Used"));
    assert_eq!(fs.free_estimated_bytes, Field::Value(num("Free (estimated)")));
    assert_eq!(fs.global_reserve_bytes, Field::Value(num("Global reserve")));
    let rsv_used = usage.lines().find(|l| l.contains("Global reserve")).unwrap();
    let rsv_used: u64 = rsv_used.split("used: ").nth(1).unwrap().trim_end_matches(')').trim().parse().unwrap();
    assert_eq!(fs.global_reserve_used_bytes, Field::Value(rsv_used));
    let ratio = |k: &str| usage_value(&usage, k).parse::<f64>().unwrap();
    assert_eq!(format!("{:.2}", fs.data_ratio.get().unwrap()), format!("{:.2}", ratio("Data ratio")));
    assert_eq!(format!("{:.2}", fs.metadata_ratio.get().unwrap()), format!("{:.2}", ratio("Metadata ratio")));
    // `Data,RAID0: Size:134217728, Used:12582912 (9.38%)`, one line per type.
    for a in &fs.allocations {
        let head = format!("{}{},", a.kind[..1].to_uppercase(), &a.kind[1..]);
        let line = usage.lines().find(|l| l.starts_with(&head)).unwrap_or_else(|| panic!("{head}"));
        let profile = line[head.len()..line.find(':').unwrap()].to_lowercase();
        assert_eq!(a.profiles, [profile], "{line}");
        let field = |k: &str| line.split(k).nth(1).unwrap().split([',', ' ']).next().unwrap().parse::<u64>().unwrap();
        assert_eq!((a.total_bytes, a.used_bytes), (field("Size:"), field("Used:")), "{line}");
    }
    let generation: u64 = super_gen
        .lines()
        .find(|l| l.starts_with("generation"))
        .and_then(|l| l.split_whitespace().nth(1))
        .unwrap()
        .parse()
        .unwrap();
    assert_eq!(fs.generation, Field::Value(generation), "after sync, the superblock's generation");

    // Per device: `btrfs filesystem show --raw` sizes, `btrfs device stats` counters.
    assert_eq!(fs.devices.len(), 2);
    for d in &fs.devices {
        let path = d.path.value().unwrap();
        let line = show.lines().find(|l| l.trim_end().ends_with(&format!("path {path}"))).unwrap();
        let w: Vec<&str> = line.split_whitespace().collect();
        let at = |k: &str| w[w.iter().position(|x| *x == k).unwrap() + 1].parse::<u64>().unwrap();
        assert_eq!(
            (d.devid, d.size_bytes, d.allocated_bytes),
            (at("devid"), Field::Value(at("size")), Field::Value(at("used")))
        );
        let stat = |k: &str| {
            let l = stats.lines().find(|l| l.starts_with(&format!("[{path}].{k}"))).unwrap();
            Field::Value(l.split_whitespace().last().unwrap().parse::<u64>().unwrap())
        };
        assert_eq!(d.write_errors, stat("write_io_errs"));
        assert_eq!(d.read_errors, stat("read_io_errs"));
        assert_eq!(d.flush_errors, stat("flush_io_errs"));
        assert_eq!(d.corruption_errors, stat("corruption_errs"));
        assert_eq!(d.generation_errors, stat("generation_errs"));
        assert_eq!((d.missing, d.writeable), (Field::Value(false), Field::Value(true)));
    }
    assert_eq!(fs.mount_point.value().map(|m| m.as_bytes().to_vec()), Some(mnt.to_str().unwrap().as_bytes().to_vec()));
}

/// Turns the LVs `pool` and `pool_meta` of a `vgcfgbackup` file into a thin pool and adds a
/// thin volume `thin1` (`lvcreate` makes no thin pool without the device-mapper module;
/// `vgcfgrestore` writes the metadata as the tools would).
fn thin_pool(text: &str) -> String {
    let mut t = text.replace("\t\tpool {", "\t\tpool_tdata {").replace("\t\tpool_meta {", "\t\tpool_tmeta {");
    for sub in ["pool_tdata", "pool_tmeta"] {
        let i = t.find(&format!("\t\t{sub} {{")).unwrap();
        let vis = "status = [\"READ\", \"WRITE\", \"VISIBLE\"]";
        let j = i + t[i..].find(vis).unwrap();
        t.replace_range(j..j + vis.len(), "status = [\"READ\", \"WRITE\"]");
    }
    let extra = "\n\t\tpool {\n\t\t\tid = \"Tp0o1A-aaaa-bbbb-cccc-dddd-eeee-ffff00\"\n\t\t\tstatus = [\"READ\", \"WRITE\", \"VISIBLE\"]\n\
\t\t\tflags = []\n\t\t\tsegment_count = 1\n\t\t\tsegment1 {\n\t\t\t\tstart_extent = 0\n\t\t\t\textent_count = 16\n\
\t\t\t\ttype = \"thin-pool\"\n\t\t\t\tmetadata = \"pool_tmeta\"\n\t\t\t\tpool = \"pool_tdata\"\n\t\t\t\ttransaction_id = 1\n\
\t\t\t\tchunk_size = 128\n\t\t\t\tdiscards = \"passdown\"\n\t\t\t\tzero_new_blocks = 0\n\t\t\t}\n\t\t}\n\
\t\tthin1 {\n\t\t\tid = \"Th1n1A-aaaa-bbbb-cccc-dddd-eeee-ffff01\"\n\t\t\tstatus = [\"READ\", \"WRITE\", \"VISIBLE\"]\n\
\t\t\tflags = []\n\t\t\tsegment_count = 1\n\t\t\tsegment1 {\n\t\t\t\tstart_extent = 0\n\t\t\t\textent_count = 32\n\
\t\t\t\ttype = \"thin\"\n\t\t\t\tthin_pool = \"pool\"\n\t\t\t\ttransaction_id = 0\n\t\t\t\tdevice_id = 1\n\t\t\t}\n\t\t}\n";
    let i = t.find("\tlogical_volumes {\n").unwrap() + "\tlogical_volumes {\n".len();
    t.insert_str(i, extra);
    t
}

/// Runs an LVM report tool on `devs` and returns its rows.
fn report(tool: &str, kind: &str, fields: &str, devs: &[String]) -> Vec<Value> {
    let mut args =
        vec!["--config", NO_ACTIVATION, "--reportformat", "json", "--units", "b", "--nosuffix", "-o", fields];
    if tool == "lvs" {
        args.push("-a");
    }
    for d in devs {
        args.extend(["--devices", d.as_str()]);
    }
    let out: Value = serde_json::from_str(&run(tool, &args)).unwrap();
    out["report"][0][kind].as_array().unwrap().clone()
}

fn num(v: &Value) -> u64 {
    v.as_str().unwrap().parse().unwrap_or_else(|_| panic!("{v}"))
}

#[test]
fn lvm_matches_lvm_tools() {
    if !can_run("lvm_matches_lvm_tools", &["pvcreate", "vgcreate", "lvcreate", "vgcfgrestore", "vgs", "losetup"]) {
        return;
    }
    let mut lab = Lab::new("lvm");
    let devs: Vec<String> = (0..3).map(|i| lab.loop_device(if i == 2 { 16 } else { 64 })).collect();
    let vg = format!("lp_live_{}", std::process::id());
    let lvm = |tool: &str, rest: &[&str]| {
        let mut a = vec!["--config", NO_ACTIVATION];
        a.extend_from_slice(rest);
        for d in &devs {
            a.extend(["--devices", d.as_str()]);
        }
        run(tool, &a)
    };
    lvm("pvcreate", &[&devs[0], &devs[1], &devs[2]]);
    lvm("vgcreate", &["-s", "1M", &vg, &devs[0], &devs[1]]);
    lab.vgs.push((vg.clone(), devs.clone()));
    lvm("lvcreate", &["-an", "-Zn", "-L", "8M", "-n", "lin", &vg]);
    lvm("lvcreate", &["-an", "-Zn", "-i2", "-I64k", "-L", "8M", "-n", "stripe", &vg]);
    lvm("lvcreate", &["-an", "-Zn", "-L", "16M", "-n", "pool", &vg]);
    lvm("lvcreate", &["-an", "-Zn", "-L", "4M", "-n", "pool_meta", &vg]);
    lvm("lvextend", &["-L", "+4M", &format!("{vg}/lin"), &devs[1]]);
    let backup = lab.dir.join("vg.txt");
    lvm("vgcfgbackup", &["-f", backup.to_str().unwrap(), &vg]);
    std::fs::write(&backup, thin_pool(&std::fs::read_to_string(&backup).unwrap())).unwrap();
    lvm("vgcfgrestore", &["--force", "-f", backup.to_str().unwrap(), &vg]);

    let storage = snapshot(&devs);
    let metrics: &LvmMetrics = storage.lvm.value().unwrap();
    let ours = metrics.volume_groups.iter().find(|v| v.name == vg).unwrap();

    let vgs = report(
        "vgs",
        "vg",
        "vg_name,vg_uuid,vg_size,vg_free,vg_extent_size,vg_extent_count,vg_free_count,pv_count,lv_count,vg_seqno",
        &devs,
    );
    let r = vgs.iter().find(|r| r["vg_name"] == vg.as_str()).unwrap();
    assert_eq!(ours.uuid, r["vg_uuid"].as_str().unwrap());
    assert_eq!(
        (ours.size_bytes, ours.free_bytes, ours.extent_size, ours.extent_count, ours.free_extent_count, ours.seqno),
        (
            num(&r["vg_size"]),
            num(&r["vg_free"]),
            num(&r["vg_extent_size"]),
            num(&r["vg_extent_count"]),
            num(&r["vg_free_count"]),
            num(&r["vg_seqno"])
        )
    );
    assert_eq!((u64::from(ours.pv_count), u64::from(ours.lv_count)), (num(&r["pv_count"]), num(&r["lv_count"])));

    let lvs =
        report("lvs", "lv", "lv_name,lv_uuid,lv_size,segtype,stripes,stripe_size,seg_count,pool_lv,vg_name", &devs);
    // With segment fields, `lvs` prints a row per segment.
    let lvs: Vec<&Value> = lvs.iter().filter(|r| r["vg_name"] == vg.as_str()).collect();
    let mut seen: Vec<&str> = lvs.iter().map(|r| r["lv_name"].as_str().unwrap()).collect();
    seen.dedup();
    assert_eq!(seen.len(), ours.logical_volumes.len(), "{seen:?}");
    for name in seen {
        let rows: Vec<&&Value> = lvs.iter().filter(|r| r["lv_name"] == name).collect();
        let r = rows[0];
        let hidden = name.starts_with('[');
        let l = ours.logical_volumes.iter().find(|l| l.name == name.trim_matches(['[', ']'])).unwrap();
        assert_eq!((l.uuid.as_str(), l.visible), (r["lv_uuid"].as_str().unwrap(), !hidden), "{name}");
        assert_eq!(l.size_bytes, num(&r["lv_size"]), "{name}");
        let types: Vec<&str> = rows.iter().map(|r| r["segtype"].as_str().unwrap()).collect();
        assert_eq!(l.segment_types, types, "{name}");
        assert_eq!(l.segment_types.len() as u64, num(&r["seg_count"]), "{name}");
        assert_eq!(u64::from(l.stripes.get().unwrap()), num(&r["stripes"]), "{name}");
        assert_eq!(l.stripe_size_bytes.get().unwrap_or(0), num(&r["stripe_size"]), "{name}");
        assert_eq!(l.pool_lv.as_deref().unwrap_or(""), r["pool_lv"].as_str().unwrap(), "{name}");
    }
    assert_eq!(ours.logical_volumes.iter().find(|l| l.name == "lin").unwrap().segment_types, ["linear", "linear"]);

    let pvs = report(
        "pvs",
        "pv",
        "pv_name,pv_uuid,vg_name,dev_size,pv_size,pv_free,pe_start,pv_pe_count,pv_pe_alloc_count,pv_mda_count",
        &devs,
    );
    for r in &pvs {
        let name = r["pv_name"].as_str().unwrap();
        let in_vg = r["vg_name"] == vg.as_str();
        let p = if in_vg {
            ours.physical_volumes.iter().find(|p| p.name == Field::Value(name.to_owned()))
        } else {
            metrics.orphan_physical_volumes.iter().find(|p| p.name == Field::Value(name.to_owned()))
        }
        .unwrap_or_else(|| panic!("{name}"));
        assert_eq!(p.uuid, r["pv_uuid"].as_str().unwrap(), "{name}");
        assert_eq!(p.device_size_bytes, Field::Value(num(&r["dev_size"])), "{name}");
        assert_eq!(p.size_bytes, Field::Value(num(&r["pv_size"])), "{name}");
        assert_eq!(p.mda_count, Field::Value(num(&r["pv_mda_count"]) as u32), "{name}");
        if in_vg {
            assert_eq!(p.free_bytes, num(&r["pv_free"]), "{name}");
            assert_eq!(p.pe_start_bytes, Field::Value(num(&r["pe_start"])), "{name}");
            assert_eq!(
                (p.extent_count, p.allocated_extent_count),
                (num(&r["pv_pe_count"]), num(&r["pv_pe_alloc_count"])),
                "{name}"
            );
        }
    }
    assert_eq!(metrics.orphan_physical_volumes.len(), 1);
}
