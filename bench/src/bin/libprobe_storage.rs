//! libprobe: the storage domain, as the storage benchmark runs it.
//!
//! usage: libprobe_storage PARTS [--fixture DIR] [--disks LIST] [--repeat N]
//!
//! PARTS is a comma-separated subset of `smart,zfs,btrfs,lvm` (the others are off);
//! `--fixture` reads a fixture tree (its captured device answers), `--disks` limits SMART
//! and LVM to these kernel names. Prints the benchmark JSON line: `rows` = disks + pools +
//! filesystems + logical and physical volumes.

use libprobe::storage::StorageOptions;
use libprobe::{DomainName, Domains, Field, Options, Probe, Source};
use libprobe_bench::{Args, Tally, Timings, report};

fn main() {
    let mut argv: Vec<String> = std::env::args().skip(1).collect();
    let usage = || -> ! {
        eprintln!("usage: libprobe_storage smart,zfs,btrfs,lvm [--fixture DIR] [--disks LIST] [--repeat N]");
        std::process::exit(2);
    };
    if argv.is_empty() {
        usage();
    }
    let parts = argv.remove(0);
    let mut opts = StorageOptions { smart: false, zfs: false, btrfs: false, lvm: false, devices: Vec::new() };
    for p in parts.split(',') {
        match p {
            "smart" => opts.smart = true,
            "zfs" => opts.zfs = true,
            "btrfs" => opts.btrfs = true,
            "lvm" => opts.lvm = true,
            _ => usage(),
        }
    }
    let mut source = Source::host();
    let mut rest = Vec::new();
    let mut it = argv.into_iter();
    while let Some(a) = it.next() {
        match a.as_str() {
            "--fixture" => source = Source::rooted_at(it.next().unwrap_or_else(|| usage())),
            "--disks" => opts.devices = it.next().unwrap_or_else(|| usage()).split(',').map(str::to_owned).collect(),
            _ => rest.push(a),
        }
    }
    let Ok(args) = Args::parse(rest.into_iter()) else { usage() };
    let mut probe = Probe::new(Options {
        source,
        domains: Domains::NONE.with(DomainName::Storage),
        storage: opts,
        ..Options::default()
    });
    let mut times = Timings::default();
    let mut tally = Tally::default();
    for _ in 0..args.repeat {
        let snap = times.time(|| probe.snapshot());
        let mut t = Tally::default();
        match snap.storage.value() {
            Some(st) => {
                if let Field::Value(disks) = &st.smart {
                    for d in disks {
                        t.rows += 1;
                        t.add(d.power_on_hours.get().unwrap_or(0));
                        t.add(d.attributes.len() as u64);
                    }
                }
                if let Field::Value(pools) = &st.zfs_pools {
                    for p in pools {
                        t.rows += 1;
                        t.add(p.size_bytes.get().unwrap_or(0));
                    }
                }
                if let Field::Value(fss) = &st.btrfs {
                    for f in fss {
                        t.rows += 1;
                        t.add(f.used_bytes);
                        t.add(f.devices.len() as u64);
                    }
                }
                if let Field::Value(l) = &st.lvm {
                    for vg in &l.volume_groups {
                        t.rows += (vg.logical_volumes.len() + vg.physical_volumes.len()) as u64;
                        t.add(vg.free_bytes);
                    }
                }
            }
            None => t.errors += 1,
        }
        tally = t;
    }
    println!("{}", report(&format!("libprobe:storage:{parts}"), &times, tally, &[]));
}
