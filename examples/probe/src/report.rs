//! `probe snapshot`: the snapshot summarised for a person, one section per domain, and
//! what could not be read and why.

use std::collections::BTreeMap;
use std::fmt::Write;

use libprobe::process::{ProcessFull, ProcessState};
use libprobe::schema::{Record, RecordType, ValueRef};
use libprobe::system::System;
use libprobe::text::escape;
use libprobe::{DomainState, Field, Snapshot};

use crate::render::{bytes, truncate};

/// How many processes the top lists show.
const TOP: usize = 10;

pub fn snapshot(s: &Snapshot) -> String {
    let mut out = String::new();
    let took = s.duration_ns as f64 / 1e6;
    let _ = writeln!(out, "libprobe {} snapshot, collected in {took:.1} ms", s.libprobe_version);
    if let Field::Value(sys) = &s.system {
        system(&mut out, sys);
    }
    if let Field::Value(procs) = &s.processes {
        processes(&mut out, procs);
    }
    if let Some(n) = s.network() {
        let page_size = s.system.value().map_or(4096, |sys| sys.page_size);
        crate::net::section(&mut out, n, page_size);
    }
    if let Field::Value(gpus) = &s.gpus {
        section(&mut out, "gpu");
        out.push_str(&crate::gpu::table(gpus));
    }
    if let Field::Value(p) = &s.power {
        crate::power::section(&mut out, p);
    }
    if let Field::Value(st) = &s.storage {
        crate::storage::section(&mut out, st);
    }
    unavailable(&mut out, s);
    out
}

fn section(out: &mut String, title: &str) {
    let _ = writeln!(out, "\n== {title} ==");
}

fn opt<T: std::fmt::Display>(f: &Field<T>) -> String {
    match f {
        Field::Value(v) => v.to_string(),
        Field::Missing(r) => format!("— ({r})"),
    }
}

fn system(out: &mut String, s: &System) {
    section(out, "system");
    let host = s.hostname.value().map_or_else(|| opt(&s.hostname.as_ref().map(|_| "")), |h| escape(h.as_bytes()));
    let _ = writeln!(out, "host        {host}   kernel {}", opt(&s.kernel_release));
    if let Some(up) = s.uptime_seconds.get() {
        let (d, h, m) = ((up / 86400.0) as u64, (up % 86400.0 / 3600.0) as u64, (up % 3600.0 / 60.0) as u64);
        let _ = writeln!(out, "uptime      {d}d {h}h {m}m (booted at unix {})", opt(&s.boot_time));
    }
    let cpu_pct = s.cpu_percent.get().map_or_else(|| opt(&s.cpu_percent), |p| format!("{p:.1} % busy"));
    let _ = writeln!(
        out,
        "cpu         {} online ({} physical cores, {} package(s)), {cpu_pct}",
        s.cpu_count,
        opt(&s.cpu_count_physical),
        opt(&s.cpu_packages)
    );
    for c in &s.cpus {
        let pct = c.percent.get().map_or_else(|| "—".into(), |p| format!("{p:5.1} %"));
        let mhz = c.frequency_mhz.get().map_or_else(|| "— MHz".into(), |f| format!("{f:.0} MHz"));
        let _ = writeln!(out, "  cpu{:<3}    {pct}  {mhz}  core {}", c.id, opt(&c.core_id));
    }
    if let Field::Value(l) = &s.load {
        let avg = |f: Field<f64>| f.get().map_or_else(|| opt(&f), |v| format!("{v:.2}"));
        let _ = writeln!(
            out,
            "load        {} {} {}  ({} runnable / {} threads)",
            avg(l.load1),
            avg(l.load5),
            avg(l.load15),
            opt(&l.runnable),
            opt(&l.total)
        );
    }
    if let Field::Value(m) = &s.memory {
        let _ = writeln!(
            out,
            "memory      {} used of {} ({}), {} available",
            m.used.get().map_or_else(|| opt(&m.used), bytes),
            bytes(m.total),
            m.used_percent.get().map_or_else(|| opt(&m.used_percent), |p| format!("{p:.1} %")),
            m.available.get().map_or_else(|| opt(&m.available), bytes)
        );
        match m.swap_total.get() {
            Some(0) => {
                let _ = writeln!(out, "swap        none configured");
            }
            _ => {
                let _ = writeln!(
                    out,
                    "swap        {} used of {}",
                    m.swap_used.get().map_or_else(|| opt(&m.swap_used), bytes),
                    m.swap_total.get().map_or_else(|| opt(&m.swap_total), bytes)
                );
            }
        }
    }
    let psi = |name: &str, p: &Field<libprobe::process::Pressure>| match p.as_ref().and_then(|p| p.some.avg10) {
        Field::Value(v) => format!("{name} {v:.2}%"),
        Field::Missing(r) => format!("{name} — ({r})"),
    };
    let _ = writeln!(
        out,
        "pressure    some avg10: {}, {}, {}, {}",
        psi("cpu", &s.pressure.cpu),
        psi("memory", &s.pressure.memory),
        psi("io", &s.pressure.io),
        psi("irq", &s.pressure.irq)
    );
    let _ = writeln!(
        out,
        "activity    {} context switches, {} interrupts, {} forks since boot",
        opt(&s.context_switches),
        opt(&s.interrupts),
        opt(&s.forks)
    );
    let handles = s.file_handles.value().map_or_else(
        || opt(&s.file_handles.as_ref().map(|_| "")),
        |h| format!("{} of {} file handles", opt(&h.allocated), opt(&h.max)),
    );
    let entropy = s.entropy.value().map_or_else(
        || opt(&s.entropy.as_ref().map(|_| "")),
        |e| format!("entropy {}/{} bits", opt(&e.available_bits), opt(&e.pool_size_bits)),
    );
    let sockets = s.socket_memory.value().map_or_else(
        || opt(&s.socket_memory.as_ref().map(|_| "")),
        |m| {
            format!(
                "socket buffers tcp {} udp {}",
                m.tcp_bytes.get().map_or_else(|| opt(&m.tcp_bytes), bytes),
                m.udp_bytes.get().map_or_else(|| opt(&m.udp_bytes), bytes)
            )
        },
    );
    let _ = writeln!(out, "kernel      {handles}, {entropy}, {sockets}");
    if let Field::Value(disks) = &s.disks {
        let io = |d: &&libprobe::system::DiskStats| {
            d.reads_completed.get().unwrap_or(0) > 0 || d.writes_completed.get().unwrap_or(0) > 0
        };
        let busy: Vec<_> = disks.iter().filter(io).collect();
        let _ = writeln!(out, "disks       {} block devices, {} with I/O since boot", disks.len(), busy.len());
        for d in busy.iter().take(TOP) {
            let _ = writeln!(
                out,
                "  {:<12} read {:>10}  written {:>10}  busy {:.1} s",
                escape(d.name.as_bytes()),
                d.read_bytes.get().map_or_else(|| "—".into(), bytes),
                d.write_bytes.get().map_or_else(|| "—".into(), bytes),
                d.io_time_ms.get().map_or(f64::NAN, |ms| ms as f64 / 1000.0)
            );
        }
    }
    if let Field::Value(fss) = &s.filesystems {
        let real: Vec<_> = fss.iter().filter(|f| f.total_bytes.get().is_some_and(|t| t > 0)).collect();
        let _ = writeln!(out, "filesystems {} mounts, {} with space", fss.len(), real.len());
        for f in real.iter().take(2 * TOP) {
            let _ = writeln!(
                out,
                "  {:<28} {:<8} {:>10} used of {:>10} ({})",
                truncate(&escape(f.mount_point.as_bytes()), 28),
                f.fs_type,
                f.used_bytes.get().map_or_else(|| "—".into(), bytes),
                f.total_bytes.get().map_or_else(|| "—".into(), bytes),
                f.used_percent.get().map_or_else(|| "—".into(), |p| format!("{p:.0} %")),
            );
        }
    }
}

fn processes(out: &mut String, procs: &[ProcessFull]) {
    section(out, "processes");
    let mut by_state: BTreeMap<&str, usize> = BTreeMap::new();
    for p in procs {
        *by_state.entry(libprobe::schema::EnumType::enum_value(&p.state).name).or_default() += 1;
    }
    let states: Vec<String> = by_state.iter().map(|(s, n)| format!("{n} {}", s.replace('_', " "))).collect();
    let threads: u64 = procs.iter().filter_map(|p| p.num_threads.get()).map(u64::from).sum();
    let kthreads = procs.iter().filter(|p| p.is_kernel_thread == Field::Value(true)).count();
    let _ = writeln!(
        out,
        "{} processes ({kthreads} kernel threads), {threads} threads: {}",
        procs.len(),
        states.join(", ")
    );
    let zombies: Vec<_> = procs.iter().filter(|p| p.state == ProcessState::Zombie).collect();
    if !zombies.is_empty() {
        let z: Vec<String> = zombies.iter().map(|p| format!("{} (parent {})", p.pid, opt(&p.ppid))).collect();
        let _ = writeln!(out, "zombies: {}", z.join(", "));
    }

    let mut by_cpu: Vec<&ProcessFull> = procs.iter().filter(|p| p.cpu_percent.get().is_some()).collect();
    if !by_cpu.is_empty() {
        by_cpu.sort_by(|a, b| b.cpu_percent.get().unwrap_or(0.0).total_cmp(&a.cpu_percent.get().unwrap_or(0.0)));
        let _ = writeln!(out, "\ntop by cpu:");
        table(out, &by_cpu[..by_cpu.len().min(TOP)]);
    }
    let mut by_mem: Vec<&ProcessFull> = procs.iter().collect();
    by_mem.sort_by_key(|p| std::cmp::Reverse(p.memory_rss.get()));
    let _ = writeln!(out, "\ntop by memory:");
    table(out, &by_mem[..by_mem.len().min(TOP)]);
}

fn table(out: &mut String, rows: &[&ProcessFull]) {
    let _ = writeln!(out, "  {:>7} {:>6} {:>6} {:>10} {:>4} {:>5}  COMMAND", "PID", "UID", "CPU%", "RSS", "S", "THR");
    for p in rows {
        let cmd = match &p.cmdline {
            Field::Value(args) if !args.is_empty() => {
                args.iter().map(|a| escape(a.as_bytes())).collect::<Vec<_>>().join(" ")
            }
            _ => format!("[{}]", escape(p.name.as_bytes())),
        };
        let _ = writeln!(
            out,
            "  {:>7} {:>6} {:>6} {:>10} {:>4} {:>5}  {}",
            p.pid,
            p.uid_effective.get().map_or_else(|| "?".into(), |u| u.to_string()),
            p.cpu_percent.get().map_or_else(|| "—".into(), |c| format!("{c:.1}")),
            p.memory_rss.get().map_or_else(|| "—".into(), bytes),
            p.state_char,
            p.num_threads.get().map_or_else(|| "—".into(), |n| n.to_string()),
            truncate(&cmd, 80)
        );
    }
}

/// Domains skipped or failed, and per field of the process table how many processes
/// could not give it and why.
fn unavailable(out: &mut String, s: &Snapshot) {
    section(out, "not collected, and why");
    for d in &s.domains {
        match d.state {
            DomainState::Collected => {
                for w in &d.warnings {
                    let _ = writeln!(out, "{:<8} warning: {w}", d.domain.name());
                }
                if d.warnings_dropped > 0 {
                    let _ = writeln!(out, "{:<8} … and {} more warnings", d.domain.name(), d.warnings_dropped);
                }
            }
            _ => {
                let why = d.reason.map_or_else(String::new, |r| r.to_string());
                let err = d.error.as_deref().map_or_else(String::new, |e| format!(": {e}"));
                let state = if d.state == DomainState::Failed { "failed" } else { "skipped" };
                let _ = writeln!(out, "{:<8} {state} ({why}){err}", d.domain.name());
            }
        }
    }
    if let Field::Value(procs) = &s.processes {
        // field → reason → count, over every process and its nested records.
        let mut counts: BTreeMap<(String, String), usize> = BTreeMap::new();
        for p in procs {
            tally(p, ProcessFull::SCHEMA.name, &mut counts, "");
        }
        let mut by_reason: BTreeMap<(String, usize), Vec<String>> = BTreeMap::new();
        for ((field, reason), n) in counts {
            by_reason.entry((reason, n)).or_default().push(field);
        }
        for ((reason, n), fields) in by_reason {
            let reason = if reason == "disabled" { "disabled by options".to_owned() } else { reason };
            let _ = writeln!(
                out,
                "process  {} for {n} of {} processes: {}",
                reason.replace('_', " "),
                procs.len(),
                truncate(&fields.join(", "), 160)
            );
        }
    }
}

fn tally(r: &dyn Record, _type: &str, counts: &mut BTreeMap<(String, String), usize>, prefix: &str) {
    for (i, f) in r.schema().fields.iter().enumerate() {
        match r.field(i) {
            ValueRef::Missing(reason) => {
                *counts.entry((format!("{prefix}{}", f.name), reason.name().to_owned())).or_default() += 1;
            }
            ValueRef::Record(inner) => tally(inner, "", counts, &format!("{prefix}{}.", f.name)),
            _ => {}
        }
    }
}
