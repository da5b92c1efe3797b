//! `probe trace`: the eBPF tracers over an interval, printed like bcc's tools — top
//! syscalls (`syscount -L`), top processes, run-queue latency (`runqlat`), off-CPU time
//! per process (`offcputime`), block I/O latency per device (`biolatency -D`) and per
//! process (`biotop`), page faults and mmap() calls per process, the last file opens
//! (`opensnoop`), file read and write latency, network bytes per process (`nethogs`-like),
//! TCP connect latency (`tcpconnlat`), TCP retransmissions (`tcpretrans`) and packet drops
//! per interface and reason (`tcpdrop`-like, for every protocol).

use std::fmt::Write;

use libprobe::ebpf::{EbpfMetrics, LatencyHistogram, TracerState};
use libprobe::network::AddressFamily;
use libprobe::text::escape;
use libprobe::{DomainName, Field, Snapshot};

use crate::render::bytes;

/// Rows of each table.
const TOP: usize = 15;

/// The report of one traced interval.
pub fn report(snap: &Snapshot, duration: f64) -> Result<String, String> {
    let e = match &snap.ebpf {
        Field::Value(e) => e,
        Field::Missing(r) => {
            let status = snap.status(DomainName::Ebpf);
            let why = status.map(|s| s.warnings.join("; ")).filter(|w| !w.is_empty());
            return Err(format!(
                "the ebpf domain was not collected ({r}){}",
                why.map_or(String::new(), |w| format!(": {w}"))
            ));
        }
    };
    let mut out = String::new();
    let secs = e.interval_ns.get().map_or(duration, |ns| ns as f64 / 1e9);
    let _ = writeln!(out, "libprobe {}: traced for {secs:.2} s", snap.libprobe_version);
    tracers(&mut out, e);
    syscalls(&mut out, e, secs);
    if let Field::Value(h) = &e.runqueue_latency {
        let _ = writeln!(out, "\n== run-queue latency (runqlat) ==");
        histogram(&mut out, h);
    }
    offcpu(&mut out, e);
    block_io(&mut out, e);
    faults(&mut out, e);
    mmaps(&mut out, e);
    opens(&mut out, e);
    for (what, h) in [("reads", &e.file_read_latency), ("writes", &e.file_write_latency)] {
        if let Field::Value(h) = h {
            let _ = writeln!(out, "\n== file {what} latency (regular files, syscall entry to exit) ==");
            histogram(&mut out, h);
        }
    }
    network(&mut out, e);
    if let Field::Value(h) = &e.tcp_connect_latency {
        let _ = writeln!(out, "\n== TCP connect latency (tcpconnlat) ==");
        histogram(&mut out, h);
        if let Field::Value(ports) = &e.tcp_connect_latency_by_port {
            let mut ports: Vec<_> = ports.iter().collect();
            ports.sort_by_key(|p| std::cmp::Reverse(p.latency.count));
            for p in ports.iter().take(TOP) {
                let avg = p.latency.sum_ns as f64 / p.latency.count.max(1) as f64 / 1e3;
                let _ = writeln!(out, "port {:>5}: {} connects, avg {avg:.1} us", p.port, p.latency.count);
            }
        }
    }
    retransmits(&mut out, e);
    drops(&mut out, e);
    Ok(out)
}

fn retransmits(out: &mut String, e: &EbpfMetrics) {
    let Field::Value(m) = &e.tcp_retransmits else { return };
    let _ = writeln!(out, "\n== TCP retransmissions (tcpretrans) ==");
    if m.is_empty() {
        let _ = writeln!(out, "none");
        return;
    }
    let _ = writeln!(out, "{:>8} {:<16} {:>40} {:>46} {:>8}", "PID", "COMM", "SOURCE", "DESTINATION", "RETRANS");
    for r in m.iter().take(TOP) {
        let pid = r.pid.map_or_else(|| "-".to_owned(), |p| p.to_string());
        let name = r.name.as_ref().map_or_else(|| "-".to_owned(), |n| escape(n.as_bytes()).to_string());
        let dest = match r.family {
            AddressFamily::Ipv4 => format!("{}:{}", r.destination_addr, r.destination_port),
            AddressFamily::Ipv6 => format!("[{}]:{}", r.destination_addr, r.destination_port),
        };
        let _ = writeln!(out, "{pid:>8} {name:<16} {:>40} {dest:>46} {:>8}", r.source_addr, r.retransmits);
    }
}

fn drops(out: &mut String, e: &EbpfMetrics) {
    let Field::Value(m) = &e.packet_drops else { return };
    let _ = writeln!(out, "\n== packets dropped per interface and reason ==");
    if m.is_empty() {
        let _ = writeln!(out, "none");
        return;
    }
    let _ = writeln!(out, "{:<16} {:>6} {:>12} {:<28} {:>10}", "INTERFACE", "INDEX", "NETNS", "REASON", "DROPS");
    for d in m.iter().take(TOP) {
        let name = if d.interface_index == 0 { "-".to_owned() } else { escape(d.interface.as_bytes()).to_string() };
        let netns = d.netns.map_or_else(|| "-".to_owned(), |n| n.to_string());
        let reason = d.reason.value().cloned().unwrap_or_else(|| format!("#{}", d.reason_code));
        let _ = writeln!(out, "{name:<16} {:>6} {netns:>12} {reason:<28} {:>10}", d.interface_index, d.drops);
    }
}

fn tracers(out: &mut String, e: &EbpfMetrics) {
    for t in &e.tracers {
        let tracer = t.tracer.name();
        match t.state {
            TracerState::Attached => {
                let hook = t.hook.map_or("?", |h| h.name());
                let tracefs = match t.tracefs_mounted {
                    Some(true) => ", tracefs mounted privately",
                    Some(false) => ", tracefs already mounted",
                    None => "",
                };
                let dropped = match t.dropped {
                    Field::Value(0) => String::new(),
                    Field::Value(n) => format!(", {n} events dropped (tables full)"),
                    Field::Missing(r) => format!(", dropped: {r}"),
                };
                let _ = writeln!(out, "  {tracer:<11} {hook} on {}{tracefs}{dropped}", t.events.join(", "));
            }
            TracerState::Failed => {
                let why = t.error.as_deref().unwrap_or("");
                let _ = writeln!(
                    out,
                    "  {tracer:<11} not attached ({}): {why}",
                    t.reason.map_or_else(String::new, |r| r.to_string())
                );
            }
        }
    }
}

fn syscalls(out: &mut String, e: &EbpfMetrics, secs: f64) {
    let Field::Value(counts) = &e.syscall_counts else { return };
    let total: u64 = counts.iter().map(|(_, c)| *c).sum();
    let _ = writeln!(out, "\n== system calls (syscount -L): {total} calls, {:.0}/s ==", total as f64 / secs.max(1e-9));
    let _ = writeln!(
        out,
        "{:<22} {:>12} {:>9} {:>12} {:>12} {:>12}",
        "SYSCALL", "COUNT", "ERRORS", "AVG (us)", "P99 (us)", "MAX (us)"
    );
    let errors = e.syscall_errors.value();
    let lat = e.syscall_latencies.value();
    for (name, count) in counts.iter().take(TOP) {
        let err = errors.and_then(|m| m.get(name.as_str())).copied().unwrap_or(0);
        let h = lat.and_then(|m| m.get(name.as_str()));
        let us = |ns: Option<u64>| ns.map_or_else(|| "-".to_owned(), |n| format!("{:.3}", n as f64 / 1e3));
        let avg = h.filter(|h| h.count > 0).map(|h| h.sum_ns / h.count);
        let _ = writeln!(
            out,
            "{name:<22} {count:>12} {err:>9} {:>12} {:>12} {:>12}",
            us(avg),
            us(h.and_then(|h| h.p99_ns)),
            us(h.and_then(|h| h.max_ns))
        );
    }
    if let Field::Value(procs) = &e.syscalls_by_process {
        let _ = writeln!(out, "\n{:>8} {:<16} {:>12} {:>9} {:>14}", "PID", "COMM", "SYSCALLS", "ERRORS", "IN SYSCALLS");
        for p in procs.iter().take(TOP) {
            let pid = p.pid;
            let ms = p.latency_ns.get().map_or_else(|| "-".to_owned(), |n| format!("{:.1} ms", n as f64 / 1e6));
            let err = p.errors.get().map_or_else(|| "-".to_owned(), |n| n.to_string());
            let _ = writeln!(out, "{pid:>8} {:<16} {:>12} {err:>9} {ms:>14}", escape(p.name.as_bytes()), p.count);
        }
    }
}

fn offcpu(out: &mut String, e: &EbpfMetrics) {
    let Field::Value(m) = &e.cpu_off_time else { return };
    let _ = writeln!(out, "\n== off-CPU time per process (offcputime) ==");
    let _ = writeln!(
        out,
        "{:>8} {:<16} {:>12} {:>12} {:>12} {:>10} {:>10}",
        "PID", "COMM", "TOTAL (ms)", "SLEEP (ms)", "PREEMPT (ms)", "SLEEPS", "PREEMPTS"
    );
    for t in m.iter().take(TOP) {
        let pid = t.pid;
        let ms = |n: u64| format!("{:.1}", n as f64 / 1e6);
        let _ = writeln!(
            out,
            "{pid:>8} {:<16} {:>12} {:>12} {:>12} {:>10} {:>10}",
            escape(t.name.as_bytes()),
            ms(t.total_ns),
            ms(t.voluntary_ns),
            ms(t.involuntary_ns),
            t.voluntary_switches,
            t.involuntary_switches
        );
    }
}

fn block_io(out: &mut String, e: &EbpfMetrics) {
    if let Field::Value(devs) = &e.block_io_by_device {
        let _ = writeln!(out, "\n== block I/O latency (biolatency -D) ==");
        if devs.is_empty() {
            let _ = writeln!(out, "no block I/O completed");
        }
        for d in devs {
            let name = d.name.value().cloned().unwrap_or_else(|| format!("{}:{}", d.major, d.minor));
            let op = format!("{:?}", d.operation).to_lowercase();
            let _ = writeln!(out, "\ndisk = {name} ({op}), {} in {} requests", bytes(d.bytes), d.latency.count);
            histogram(out, &d.latency);
        }
    }
    if let Field::Value(m) = &e.block_io_by_process {
        if m.is_empty() {
            return;
        }
        let _ = writeln!(
            out,
            "\n{:>8} {:<16} {:>8} {:>8} {:>12} {:>12} {:>10}",
            "PID", "COMM", "READS", "WRITES", "READ", "WRITTEN", "AVG (ms)"
        );
        for s in m.iter().take(TOP) {
            let pid = s.pid;
            let n = s.reads + s.writes;
            let avg = if n > 0 { (s.read_latency_ns + s.write_latency_ns) as f64 / n as f64 / 1e6 } else { 0.0 };
            let _ = writeln!(
                out,
                "{pid:>8} {:<16} {:>8} {:>8} {:>12} {:>12} {avg:>10.3}",
                escape(s.name.as_bytes()),
                s.reads,
                s.writes,
                bytes(s.read_bytes),
                bytes(s.write_bytes)
            );
        }
    }
}

fn faults(out: &mut String, e: &EbpfMetrics) {
    let Field::Value(m) = &e.page_faults else { return };
    let _ = writeln!(out, "\n== page faults per process ==");
    let _ = writeln!(out, "{:>8} {:<16} {:>12} {:>12}", "PID", "COMM", "MINOR", "MAJOR");
    for f in m.iter().take(TOP) {
        let _ = writeln!(out, "{:>8} {:<16} {:>12} {:>12}", f.pid, escape(f.name.as_bytes()), f.minor, f.major);
    }
}

fn mmaps(out: &mut String, e: &EbpfMetrics) {
    let Field::Value(m) = &e.mmap_count else { return };
    let _ = writeln!(out, "\n== mmap() calls per process ==");
    let _ = writeln!(out, "{:>8} {:<16} {:>12}", "PID", "COMM", "CALLS");
    for c in m.iter().take(TOP) {
        let _ = writeln!(out, "{:>8} {:<16} {:>12}", c.pid, escape(c.name.as_bytes()), c.count);
    }
}

fn opens(out: &mut String, e: &EbpfMetrics) {
    let Field::Value(m) = &e.file_opens else { return };
    let dropped = e.file_opens_dropped.get().unwrap_or(0);
    let _ = writeln!(out, "\n== file opens (opensnoop): {} listed, {dropped} not ==", m.len());
    let _ = writeln!(out, "{:>8} {:<16} {:>6} {:>8}  PATH", "PID", "COMM", "FD", "FLAGS");
    for o in m.iter().rev().take(TOP).rev() {
        let path = escape(o.path.as_bytes());
        let more = if o.path_truncated { "..." } else { "" };
        let _ = writeln!(
            out,
            "{:>8} {:<16} {:>6} {:>8o}  {path}{more}",
            o.pid,
            escape(o.name.as_bytes()),
            o.result,
            o.flags
        );
    }
}

/// A bucket bound, exact enough to tell neighbours apart: ns below a microsecond, then one
/// decimal in µs, ms or s (the bounds are powers of two in ns: 1.0 us, 2.0 us, 4.1 us, …).
fn bound(ns: u64) -> String {
    match ns {
        0..1_000 => format!("{ns} ns"),
        1_000..1_000_000 => format!("{:.1} us", ns as f64 / 1e3),
        1_000_000..1_000_000_000 => format!("{:.1} ms", ns as f64 / 1e6),
        _ => format!("{:.1} s", ns as f64 / 1e9),
    }
}

/// A log2 histogram drawn as bcc draws one. bcc counts in whole µs, so its first buckets read
/// `0 -> 1`, `2 -> 3`; ours are in ns, and bounds rounded down to whole µs would print the
/// two buckets below 1 µs both as `0 -> 1`: each bound is shown in its own unit instead.
fn histogram(out: &mut String, h: &LatencyHistogram) {
    if h.count == 0 {
        let _ = writeln!(out, "no events");
        return;
    }
    let max = h.buckets.iter().map(|b| b.count).max().unwrap_or(1).max(1);
    let _ = writeln!(out, "{:>24} : {:<10} distribution", "latency", "count");
    for b in &h.buckets {
        // A bucket holds [upper_bound_ns / 2, upper_bound_ns] (the first from 0).
        let hi = b.upper_bound_ns;
        let lo = match hi {
            0 | 1 => 0,
            u64::MAX => 1 << 47,
            _ => hi.div_ceil(2),
        };
        let stars = (b.count * 40).div_ceil(max) as usize;
        let range = if hi == u64::MAX {
            format!("{} -> inf", bound(lo))
        } else {
            format!("{} -> {}", bound(lo), bound(hi.saturating_add(1)))
        };
        let _ = writeln!(out, "{range:>24} : {:<10} |{:<40}|", b.count, "*".repeat(stars.min(40)));
    }
    let us = |ns: Option<u64>| ns.map_or_else(|| "-".to_owned(), |n| format!("{:.1}", n as f64 / 1e3));
    let _ = writeln!(
        out,
        "count {}  avg {:.1} us  min {} us  p50 {} us  p90 {} us  p99 {} us  max {} us",
        h.count,
        h.sum_ns as f64 / h.count as f64 / 1e3,
        us(h.min_ns),
        us(h.p50_ns),
        us(h.p90_ns),
        us(h.p99_ns),
        us(h.max_ns)
    );
}

fn network(out: &mut String, e: &EbpfMetrics) {
    let Field::Value(m) = &e.network_by_process else { return };
    let _ = writeln!(out, "\n== network payload per process (TCP, UDP) ==");
    if m.is_empty() {
        let _ = writeln!(out, "no bytes sent or received");
        return;
    }
    let _ = writeln!(
        out,
        "{:>8} {:<16} {:>12} {:>12} {:>12} {:>12}",
        "PID", "COMM", "TCP SENT", "TCP RECV", "UDP SENT", "UDP RECV"
    );
    for s in m.iter().take(TOP) {
        let _ = writeln!(
            out,
            "{:>8} {:<16} {:>12} {:>12} {:>12} {:>12}",
            s.pid,
            escape(s.name.as_bytes()),
            bytes(s.tcp_sent_bytes),
            bytes(s.tcp_received_bytes),
            bytes(s.udp_sent_bytes),
            bytes(s.udp_received_bytes)
        );
    }
}
