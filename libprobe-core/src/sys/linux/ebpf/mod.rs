//! The ebpf collector: attaches the tracers at the probe's first snapshot, reads their
//! maps at each later one, and detaches them when the probe (its [`State`]) is dropped.
//!
//! ```text
//! bpf/<tracer>.bpf.c  --make bpf-->  bpf/<tracer>.bpf.o (committed)  --include_bytes!-->
//! loader (libbpf-rs: open, size, load, attach)  -->  maps  --Maps-->  tracers/<tracer>.rs
//! (decode, interval by difference)  -->  crate::ebpf records
//! ```
//!
//! On a fixture tree nothing is loaded: each tracer's [`maps::Maps`] answers from the
//! recorded dumps under `<root>/ebpf/` (see [`maps`]), its status from `ebpf/tracers`, the
//! syscall names from `ebpf/syscall_table`. `LIBPROBE_EBPF_RECORD=<dir>` makes a live probe
//! write the same files for each snapshot into `<dir>/t<n>/`, which is how the fixture was
//! captured.

pub(crate) mod btf;
pub(crate) mod decode;
pub(crate) mod kept;
#[cfg(feature = "ebpf")]
pub(crate) mod loader;
pub(crate) mod maps;
pub(crate) mod syscall_table;
pub(crate) mod tracers;

use std::fmt::Write as _;
use std::path::PathBuf;
use std::sync::Arc;

use crate::domain::Cx;
use crate::ebpf::{EbpfMetrics, EbpfOptions, HookType, TracerName, TracerState, TracerStatus};
use crate::error::{Error, ParseError};
use crate::model::{Domain, Field, Reason};
use crate::source::Source;
use maps::{FixtureMaps, Maps};
use syscall_table::SyscallTable;
use tracers::{ReadCx, Reader, TRACERS, TracerDef};

/// What the ebpf domain keeps between snapshots: the attached tracers. Dropping it
/// detaches them.
#[derive(Debug, Default)]
pub(crate) struct State {
    started: bool,
    /// CLOCK_MONOTONIC at attach, and at the previous snapshot.
    attached_ns: u64,
    last_ns: u64,
    /// The current snapshot epoch (see `bpf/common.h`).
    epoch: u64,
    tracers: Vec<Running>,
    /// `LIBPROBE_EBPF_RECORD`: where each snapshot's maps are written, and its number.
    record: Option<(PathBuf, u32)>,
    syscall_table_text: Vec<u8>,
}

/// One tracer of the probe, attached or failed.
#[derive(Debug)]
struct Running {
    def: &'static TracerDef,
    status: TracerStatus,
    backend: Option<Backend>,
    reader: Box<dyn Reader>,
    dropped_before: u64,
}

#[derive(Debug)]
enum Backend {
    #[cfg(feature = "ebpf")]
    Live(Box<loader::Loaded>),
    Fixture(FixtureMaps),
}

impl Backend {
    fn maps(&mut self) -> &mut dyn Maps {
        match self {
            #[cfg(feature = "ebpf")]
            Backend::Live(l) => &mut **l,
            Backend::Fixture(f) => f,
        }
    }
}

pub(crate) fn collect(cx: &mut Cx<'_>, opts: &EbpfOptions, state: &mut State) -> Domain<EbpfMetrics> {
    let now = cx.now().monotonic_ns;
    if !state.started {
        return state.start(cx, opts, now);
    }
    Domain::Collected(state.read(cx, opts, now))
}

fn status(name: TracerName) -> TracerStatus {
    TracerStatus {
        tracer: name,
        state: TracerState::Failed,
        reason: None,
        error: None,
        hook: None,
        tracefs_mounted: None,
        events: Vec::new(),
        dropped: Field::Missing(Reason::NoPreviousSample),
        dropped_since_attach: 0,
    }
}

impl State {
    fn start(&mut self, cx: &mut Cx<'_>, opts: &EbpfOptions, now: u64) -> Domain<EbpfMetrics> {
        let src = cx.src().clone();
        let fixture = src.is_fixture();
        if !fixture {
            #[cfg(not(feature = "ebpf"))]
            {
                cx.warn("ebpf: this libprobe was built without its `ebpf` feature");
                return Domain::Skipped(Reason::NotSupported);
            }
            #[cfg(feature = "ebpf")]
            {
                let missing = loader::missing_capabilities();
                if !missing.is_empty() {
                    // Checked at every snapshot until granted: cheap, and capabilities can change.
                    cx.warn(format!(
                        "ebpf: tracing needs CAP_BPF and CAP_PERFMON (or CAP_SYS_ADMIN); this process lacks {}",
                        missing.join(" and ")
                    ));
                    return Domain::Skipped(Reason::PermissionDenied);
                }
            }
        }
        self.started = true;
        self.attached_ns = now;
        self.last_ns = now;
        self.epoch = 1;
        if !fixture {
            self.record = std::env::var_os("LIBPROBE_EBPF_RECORD").filter(|v| !v.is_empty()).map(|d| (d.into(), 0));
        }

        let table = if opts.tracers.contains(TracerName::Syscalls) {
            match syscall_names(&src, fixture) {
                Ok((t, text)) => {
                    self.syscall_table_text = text;
                    t
                }
                Err(message) => {
                    cx.warn(format!("ebpf: syscall names unavailable, syscalls are named by number: {message}"));
                    SyscallTable::default()
                }
            }
        } else {
            SyscallTable::default()
        };
        let table = Arc::new(table);
        let recorded = if fixture { fixture_statuses(&src).map_err(|e| cx.warn(e)).ok() } else { None };

        let mut out = EbpfMetrics::new(Reason::NoPreviousSample);
        for def in TRACERS.iter().filter(|d| opts.tracers.contains(d.name)) {
            let reader = (def.reader)(opts, &table);
            let mut st = status(def.name);
            let backend = if fixture {
                match recorded.as_ref().and_then(|r| r.iter().find(|s| s.tracer == def.name)) {
                    Some(s) => {
                        st = s.clone();
                        (s.state == TracerState::Attached)
                            .then(|| Backend::Fixture(FixtureMaps::new(&src, def.name.name())))
                    }
                    None => {
                        st.reason = Some(Reason::NotPresent);
                        st.error = Some("the fixture recorded nothing of this tracer".into());
                        None
                    }
                }
            } else {
                attach(def, opts, &table, &src, &mut st, cx)
            };
            match (&backend, st.reason) {
                (Some(_), _) => reader.missing(&mut out, Reason::NoPreviousSample),
                (None, r) => {
                    let r = r.unwrap_or(Reason::Error);
                    st.reason = Some(r);
                    st.dropped = Field::Missing(r);
                    reader.missing(&mut out, r);
                }
            }
            self.tracers.push(Running { def, status: st, backend, reader, dropped_before: 0 });
        }
        out.tracers = self.tracers.iter().map(|t| t.status.clone()).collect();
        // Intervals start when the programs are attached, not when this snapshot began.
        let attached = src.now().monotonic_ns.max(now);
        self.attached_ns = attached;
        self.last_ns = attached;
        self.record_snapshot(cx);

        // Nothing attached at all: the domain as a whole did not happen.
        let failed: Vec<&TracerStatus> = out.tracers.iter().filter(|t| t.state == TracerState::Failed).collect();
        if !failed.is_empty() && failed.len() == out.tracers.len() {
            for t in &failed {
                cx.warn(format!("ebpf: {}: {}", t.tracer.name(), t.error.as_deref().unwrap_or("not attached")));
            }
            return Domain::Skipped(failed[0].reason.unwrap_or(Reason::Error));
        }
        Domain::Collected(out)
    }

    fn read(&mut self, cx: &mut Cx<'_>, opts: &EbpfOptions, now: u64) -> EbpfMetrics {
        self.epoch += 1;
        let window = self.epoch - 1;
        let mut out = EbpfMetrics::new(Reason::Disabled);
        out.interval_ns = Field::Value(now.saturating_sub(self.last_ns));
        out.since_attach.attached_ns = now.saturating_sub(self.attached_ns);
        self.last_ns = now;
        let src = cx.src().clone();
        let record_dir = self.record.as_ref().map(|(d, n)| d.join(format!("t{n}")).join("ebpf"));
        let epoch = self.epoch;
        for t in &mut self.tracers {
            let Some(backend) = t.backend.as_mut() else {
                t.reader.missing(&mut out, t.status.reason.unwrap_or(Reason::Error));
                out.tracers.push(t.status.clone());
                continue;
            };
            let mut recording;
            let maps: &mut dyn Maps = match &record_dir {
                Some(dir) => {
                    recording = maps::Recording { inner: backend.maps(), dir: dir.join(t.def.name.name()) };
                    &mut recording
                }
                None => backend.maps(),
            };
            let mut rcx = ReadCx {
                window,
                top: opts.top_processes as usize,
                ticks: src.clock_ticks(),
                src: &src,
                warnings: cx.warnings(),
            };
            let result = maps
                .set_epoch(epoch)
                .and_then(|()| t.reader.read(maps, &mut rcx, &mut out))
                .and_then(|()| dropped(maps));
            match result {
                Ok(total) => {
                    t.status.dropped = Field::Value(total.saturating_sub(t.dropped_before));
                    t.status.dropped_since_attach = total;
                    t.dropped_before = total;
                }
                Err(e) => {
                    let what = format!("ebpf: {}: {e}", t.def.name.name());
                    let r = cx.reason(e);
                    if r != Reason::Error {
                        cx.warn(what);
                    }
                    t.reader.missing(&mut out, r);
                    t.status.dropped = Field::Missing(r);
                }
            }
            out.tracers.push(t.status.clone());
        }
        self.record_snapshot(cx);
        out
    }

    /// `LIBPROBE_EBPF_RECORD`: this snapshot's clock, tracers and syscall table, beside the
    /// maps the readers wrote.
    fn record_snapshot(&mut self, cx: &mut Cx<'_>) {
        let Some((dir, n)) = &mut self.record else { return };
        let root = dir.join(format!("t{n}"));
        // The first snapshot's clock is the attach time: where the first interval starts.
        let mut clock = cx.now();
        if *n == 0 {
            let late = self.attached_ns.saturating_sub(clock.monotonic_ns);
            clock.monotonic_ns += late;
            clock.unix_ns += late;
        }
        *n += 1;
        let result = std::fs::create_dir_all(root.join("ebpf"))
            .and_then(|()| {
                std::fs::write(
                    root.join("syscalls.txt"),
                    format!("realtime_ns {}\nmonotonic_ns {}\n", clock.unix_ns, clock.monotonic_ns),
                )
            })
            .and_then(|()| {
                let statuses: Vec<TracerStatus> = self.tracers.iter().map(|t| t.status.clone()).collect();
                std::fs::write(root.join("ebpf/tracers"), write_statuses(&statuses))
            })
            .and_then(|()| std::fs::write(root.join("ebpf/syscall_table"), &self.syscall_table_text));
        if let Err(e) = result {
            cx.warn(format!("ebpf: recording into {}: {e}", root.display()));
        }
    }
}

/// The syscall names: the kernel's (live), or the fixture's `ebpf/syscall_table`.
fn syscall_names(src: &Source, fixture: bool) -> Result<(SyscallTable, Vec<u8>), String> {
    if fixture {
        let path = src.root_path(b"/ebpf/syscall_table");
        let mut text = Vec::new();
        src.read_into(&path, &mut text).map_err(|e| e.to_string())?;
        return syscall_table::parse(&text).map(|t| (t, text)).map_err(|e| e.in_file(path).to_string());
    }
    #[cfg(feature = "ebpf")]
    {
        syscall_table::read_live(src).map(|(t, text)| (t, text.into_bytes()))
    }
    #[cfg(not(feature = "ebpf"))]
    {
        Err("built without the ebpf feature".into())
    }
}

#[cfg(feature = "ebpf")]
fn attach(
    def: &'static TracerDef,
    opts: &EbpfOptions,
    table: &SyscallTable,
    src: &Source,
    st: &mut TracerStatus,
    cx: &mut Cx<'_>,
) -> Option<Backend> {
    match loader::load(&def.spec, &(def.setup)(opts, table), opts.hooks, src) {
        Ok(l) => {
            for m in &l.missing {
                cx.warn(format!("ebpf: {}: this kernel has no {m} tracepoint; working without it", def.name.name()));
            }
            st.state = TracerState::Attached;
            st.hook = Some(l.hook);
            st.tracefs_mounted = l.tracefs_mounted;
            st.events = l.events.clone();
            Some(Backend::Live(Box::new(l)))
        }
        Err(f) => {
            st.reason = Some(f.reason);
            st.error = Some(f.message);
            None
        }
    }
}

#[cfg(not(feature = "ebpf"))]
fn attach(
    _: &'static TracerDef,
    _: &EbpfOptions,
    _: &SyscallTable,
    _: &Source,
    st: &mut TracerStatus,
    _: &mut Cx<'_>,
) -> Option<Backend> {
    st.reason = Some(Reason::NotSupported);
    st.error = Some("built without the ebpf feature".into());
    None
}

/// Events not counted since attach: the sum of every slot of the `dropped` map.
fn dropped(maps: &mut dyn Maps) -> Result<u64, Error> {
    let mut total = 0u64;
    maps.entries("dropped", &mut |_, v| {
        total = total.wrapping_add(v.chunks(8).filter_map(|w| decode::u64_at(w, 0)).fold(0, u64::wrapping_add));
    })?;
    Ok(total)
}

/// `ebpf/tracers` of a fixture tree.
fn fixture_statuses(src: &Source) -> Result<Vec<TracerStatus>, String> {
    let path = src.root_path(b"/ebpf/tracers");
    let mut text = Vec::new();
    src.read_into(&path, &mut text).map_err(|e| format!("ebpf: {e}"))?;
    parse_statuses(&text).map_err(|e| format!("ebpf: {}", e.in_file(path)))
}

/// The tracers' statuses as text, one line each:
///
/// ```text
/// syscalls attached tp_btf tracefs=- raw_syscalls/sys_enter,raw_syscalls/sys_exit
/// biolatency failed not_supported the kernel has no block tracepoints
/// ```
pub(crate) fn write_statuses(statuses: &[TracerStatus]) -> String {
    let mut out = String::new();
    for s in statuses {
        match (s.state, s.hook) {
            (TracerState::Attached, Some(hook)) => {
                let tracefs = match s.tracefs_mounted {
                    None => "-",
                    Some(true) => "yes",
                    Some(false) => "no",
                };
                let _ = writeln!(
                    out,
                    "{} attached {} tracefs={tracefs} {}",
                    s.tracer.name(),
                    hook.name(),
                    s.events.join(",")
                );
            }
            _ => {
                let reason = s.reason.unwrap_or(Reason::Error).name();
                let error = s.error.as_deref().unwrap_or("").replace('\n', " ");
                let _ = writeln!(out, "{} failed {reason} {error}", s.tracer.name());
            }
        }
    }
    out
}

pub(crate) fn parse_statuses(text: &[u8]) -> Result<Vec<TracerStatus>, ParseError> {
    let text = std::str::from_utf8(text).map_err(|_| ParseError::malformed("not UTF-8"))?;
    let mut out = Vec::new();
    for (i, line) in text.lines().enumerate() {
        let at = |e: ParseError| e.at_line(i + 1);
        if line.trim().is_empty() || line.starts_with('#') {
            continue;
        }
        let mut f = line.splitn(4, ' ');
        let name = f.next().and_then(TracerName::from_name).ok_or(at(ParseError::invalid("tracer")))?;
        let mut s = status(name);
        match f.next() {
            Some("attached") => {
                let hook = f.next().and_then(HookType::from_name).ok_or(at(ParseError::invalid("hook")))?;
                let rest = f.next().unwrap_or("");
                let (tracefs, events) = rest.split_once(' ').unwrap_or((rest, ""));
                s.tracefs_mounted = match tracefs {
                    "tracefs=-" => None,
                    "tracefs=yes" => Some(true),
                    "tracefs=no" => Some(false),
                    _ => return Err(at(ParseError::invalid("tracefs"))),
                };
                s.state = TracerState::Attached;
                s.hook = Some(hook);
                s.events = events.split(',').filter(|e| !e.is_empty()).map(str::to_owned).collect();
            }
            Some("failed") => {
                let reason = f.next().and_then(reason_named).ok_or(at(ParseError::invalid("reason")))?;
                s.reason = Some(reason);
                s.error = f.next().map(str::to_owned).filter(|e| !e.is_empty());
            }
            _ => return Err(at(ParseError::invalid("state"))),
        }
        out.push(s);
    }
    Ok(out)
}

/// For the fuzz targets: every tracer's reader, twice (a first interval and a second),
/// on maps that all answer with `dump`'s entries; checks each histogram's invariants.
#[cfg(feature = "fuzzing")]
pub(crate) fn fuzz_readers(dump: &maps::Dump) {
    #[derive(Debug)]
    struct Same<'d>(&'d maps::Dump);
    impl Maps for Same<'_> {
        fn entries(&mut self, _: &str, f: &mut dyn FnMut(&[u8], &[u8])) -> Result<(), Error> {
            self.0.entries.iter().for_each(|(k, v)| f(k, v));
            Ok(())
        }
        fn array(&mut self, _: &str, f: &mut dyn FnMut(u32, &[u8])) -> Result<(), Error> {
            self.0.entries.iter().enumerate().for_each(|(i, (_, v))| f(i as u32, v));
            Ok(())
        }
        fn drain(&mut self, _: &str, f: &mut dyn FnMut(&[u8])) -> Result<(), Error> {
            self.0.entries.iter().for_each(|(_, v)| f(v));
            Ok(())
        }
        fn delete(&mut self, _: &str, _: &[u8]) -> Result<(), Error> {
            Ok(())
        }
        fn set_epoch(&mut self, _: u64) -> Result<(), Error> {
            Ok(())
        }
        fn alive(&self, pid: i32) -> bool {
            pid % 2 == 0
        }
    }
    fn check(h: &crate::ebpf::LatencyHistogram) {
        assert_eq!(h.count, h.buckets.iter().fold(0u64, |a, b| a.saturating_add(b.count)));
        assert!(h.buckets.windows(2).all(|w| w[0].upper_bound_ns < w[1].upper_bound_ns));
        if let (Some(a), Some(b), Some(c)) = (h.p50_ns, h.p90_ns, h.p99_ns) {
            assert!(a <= b && b <= c, "{h:?}");
        }
    }
    let src = Source::rooted_at("/nonexistent");
    let table = Arc::new(syscall_table::parse(b"0 read\n1 write\n").unwrap_or_default());
    let opts = EbpfOptions::default();
    for def in TRACERS {
        let mut reader = (def.reader)(&opts, &table);
        let mut warnings = crate::model::Warnings::default();
        for window in 1..3 {
            let mut out = EbpfMetrics::new(Reason::Disabled);
            let mut rcx = ReadCx { window, top: 8, ticks: 100, src: &src, warnings: &mut warnings };
            let _ = reader.read(&mut Same(dump), &mut rcx, &mut out);
            let _ = dropped(&mut Same(dump));
            for h in [
                &out.runqueue_latency,
                &out.block_io_latency,
                &out.since_attach.runqueue_latency,
                &out.file_read_latency,
                &out.file_write_latency,
                &out.since_attach.file_read_latency,
            ]
            .into_iter()
            .filter_map(|f| f.value())
            {
                check(h);
            }
            for m in [&out.syscall_latencies, &out.since_attach.syscall_latencies].into_iter().filter_map(|f| f.value())
            {
                m.iter().for_each(|(_, h)| check(h));
            }
            for d in out.block_io_by_device.value().into_iter().flatten() {
                check(&d.latency);
            }
            assert!(out.cpu_off_time.value().is_none_or(|v| v.len() <= 8));
            assert!(out.page_faults.value().is_none_or(|v| v.len() <= 8 && v.iter().all(|f| f.minor | f.major > 0)));
            assert!(out.mmap_count.value().is_none_or(|v| v.len() <= 8 && v.iter().all(|m| m.count > 0)));
            let bound = opts.max_open_events as usize;
            assert!(out.file_opens.value().is_none_or(|v| v.len() <= bound && v.iter().all(|o| o.path.len() < 256)));
            assert!(out.network_by_process.value().is_none_or(|v| v.len() <= 8));
            for h in
                [&out.tcp_connect_latency, &out.since_attach.tcp_connect_latency].into_iter().filter_map(|f| f.value())
            {
                check(h);
            }
            for p in out.tcp_connect_latency_by_port.value().into_iter().flatten() {
                check(&p.latency);
            }
            for f in [&out.tcp_retransmits, &out.since_attach.tcp_retransmits] {
                assert!(f.value().is_none_or(|v| v.len() <= 8 && v.iter().all(|r| r.retransmits > 0)));
            }
            for f in [&out.packet_drops, &out.since_attach.packet_drops] {
                assert!(f.value().is_none_or(|v| v.iter().all(|d| d.drops > 0)));
            }
        }
    }
}

fn reason_named(name: &str) -> Option<Reason> {
    [
        Reason::PermissionDenied,
        Reason::NotSupported,
        Reason::NotPresent,
        Reason::Disabled,
        Reason::NotEnabled,
        Reason::TooLarge,
        Reason::TimedOut,
        Reason::Error,
    ]
    .into_iter()
    .find(|r| r.name() == name)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn statuses_round_trip() {
        let mut a = status(TracerName::Syscalls);
        a.state = TracerState::Attached;
        a.hook = Some(HookType::TpBtf);
        a.events = vec!["raw_syscalls/sys_enter".into(), "sched/sched_process_exit".into()];
        let mut b = status(TracerName::Biolatency);
        b.reason = Some(Reason::NotSupported);
        b.error = Some("no block layer".into());
        let mut c = status(TracerName::Offcpu);
        c.state = TracerState::Attached;
        c.hook = Some(HookType::Tracepoint);
        c.tracefs_mounted = Some(true);
        c.events = vec!["sched/sched_switch".into()];
        let text = write_statuses(&[a.clone(), b.clone(), c.clone()]);
        assert_eq!(parse_statuses(text.as_bytes()).unwrap(), vec![a, b, c]);
        assert!(parse_statuses(b"nope attached tp_btf tracefs=- x\n").is_err());
        assert!(parse_statuses(b"syscalls attached tp_btf tracefs=maybe x\n").is_err());
        assert!(parse_statuses(b"syscalls exploded\n").is_err());
        assert!(parse_statuses(b"syscalls failed sideways\n").is_err());
    }
}
