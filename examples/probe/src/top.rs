//! `probe top`: a live terminal view of what libprobe sees, refreshed from one probe.
//!
//! Three views: processes (per-CPU, memory and swap bars above a process table sortable
//! by CPU, memory, I/O and GPU, with a tree mode and a filter), network (every TCP and UDP
//! socket with its owner and, for TCP, its receive and send rates), and devices (the GPU,
//! power and storage domains, shown when they have data). The keys are on the last line.
//!
//! Cost: a refresh reads what the view draws and no more, on the calling thread. One probe
//! serves every refresh (CPU percentages come from its previous snapshot): the system
//! domain and each process's `stat` alone (ids, name, state, threads, CPU, RSS: what the
//! table sorts and filters by). Then the rows on screen, and only they, are read again
//! for `io` (the I/O column, a rate from that process's previous reading) and, when their
//! user is not known or was read more than [`UID_REFRESHES`] refreshes ago, `status` (the
//! user: one of the costliest files of a process, for a value that rarely changes): a row
//! that just scrolled into view shows its user at once and its I/O from the next refresh.
//! Sorted by I/O, every process's `io` is read. Nothing reads command
//! lines, paths, limits, namespaces, cgroups or descriptors. The socket tables with their
//! owners are read by a second probe only while the network view is on screen; the GPU,
//! power and storage domains by a third only while the devices view is, and the GPU
//! domain beside the process table only on a machine where it found a GPU (the GPU column).

use std::collections::{HashMap, HashSet};
use std::io;
use std::time::{Duration, Instant};

use libprobe::network::{Network, TcpState};
use libprobe::process::ProcessFull;
use libprobe::schema::{Record, ValueRef};
use libprobe::text::{escape, write_escaped};
use libprobe::{DomainName, Domains, Field, Options, Probe, ProcessOptions, Snapshot};
use ratatui::crossterm::event::{self, Event, KeyCode, KeyEvent, KeyEventKind, KeyModifiers};
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::{Color, Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Cell, Gauge, Paragraph, Row, Table, TableState, Wrap};
use ratatui::{DefaultTerminal, Frame};

use crate::render::bytes;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum View {
    Processes,
    Network,
    Devices,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Sort {
    Cpu,
    Memory,
    Io,
    Gpu,
    Pid,
    Name,
}

impl Sort {
    fn name(self) -> &'static str {
        match self {
            Sort::Cpu => "cpu",
            Sort::Memory => "memory",
            Sort::Io => "i/o",
            Sort::Gpu => "gpu",
            Sort::Pid => "pid",
            Sort::Name => "name",
        }
    }
}

/// One line of the process table.
#[derive(Debug, Clone, Default)]
struct ProcRow {
    pid: i32,
    /// Missing when `stat` could not be read: the process is then a root of the tree.
    ppid: Option<i32>,
    uid: Option<u32>,
    state: char,
    threads: Option<u32>,
    cpu: Option<f64>,
    rss: Option<u64>,
    mem: Option<f64>,
    /// Bytes per second read and written (storage), since the previous refresh.
    io: Option<f64>,
    gpu: Option<u64>,
    name: String,
    /// The process's identity beside its pid.
    start_time: u64,
    /// Whether `uid` and `io` were read since the last refresh (they are read for the rows
    /// on screen only).
    read: bool,
}

/// One line of the socket table.
#[derive(Debug, Clone)]
struct SockRow {
    proto: &'static str,
    local: String,
    remote: String,
    state: String,
    owner: String,
    rx: Option<f64>,
    tx: Option<f64>,
}

/// The options `probe top` collects with every refresh: the system and process domains,
/// each process's `stat` and nothing else (see the module's cost); the process table on
/// this thread (the fewest CPU seconds).
pub fn options(mut base: Options) -> Options {
    base.domains = Domains::NONE.with(DomainName::System).with(DomainName::Process);
    table_only(&mut base.process, false);
    base
}

/// The rows on screen: the process domain alone, `status` and `io` (the pids are set
/// for each reading).
fn detail_options(base: &Options) -> Options {
    let mut o = base.clone();
    o.domains = Domains::NONE.with(DomainName::Process);
    table_only(&mut o.process, true);
    o
}

/// A user read from `status` is shown for this many refreshes before `status` is read
/// again; in between, a row on screen reads `io` alone.
const UID_REFRESHES: u64 = 10;

/// `stat` of each process, with `status` and `io` or without.
fn table_only(p: &mut ProcessOptions, details: bool) {
    (p.status, p.io) = (details, details);
    (p.cmdline, p.paths, p.limits, p.oom, p.schedstat, p.fd_count, p.namespaces, p.cgroup) =
        (false, false, false, false, false, false, false, false);
    (p.cgroup_limits, p.environ, p.smaps_rollup, p.maps, p.fds, p.taskstats) =
        (false, false, false, false, false, false);
    if p.threads == 0 {
        p.threads = 1;
    }
}

/// The devices view's: those of the GPU, power and storage domains the base options ask
/// for (`only`: just this one of them).
fn device_options(base: &Options, only: Option<DomainName>) -> Options {
    let mut o = base.clone();
    o.domains = [DomainName::Gpu, DomainName::Power, DomainName::Storage]
        .into_iter()
        .filter(|d| base.domains.contains(*d) && only.is_none_or(|o| o == *d))
        .fold(Domains::NONE, Domains::with);
    o
}

/// The second probe's: the network domain alone, sockets with owners and `tcp_info`.
fn network_options(base: &Options) -> Options {
    let mut o = base.clone();
    o.domains = Domains::NONE.with(DomainName::Network);
    o.network.owners = true;
    o.network.tcp_info = true;
    o.network.interfaces = false;
    o.network.routes = false;
    o.network.neighbours = false;
    o.network.conntrack = false;
    o.network.sockets = libprobe::SocketKinds::NONE.with(libprobe::SocketKind::Tcp).with(libprobe::SocketKind::Udp);
    o
}

struct App {
    probe: Probe,
    /// The rows on screen are read again with these (`status`, `io`), by pid.
    detail_options: Options,
    /// The height of the process table at the last draw: which rows are on screen.
    table_height: u16,
    net_options: Options,
    net_probe: Option<Probe>,
    /// The devices view's probe (GPU, power, storage), made on first use.
    dev_options: Options,
    dev_probe: Option<Probe>,
    dev_snap: Option<Snapshot>,
    /// The GPU domain alone, for the GPU column while the devices view is not on screen;
    /// dropped at the first snapshot that finds no GPU.
    gpu_probe: Option<Probe>,
    /// GPU memory by pid, from the latest GPU snapshot.
    gpu: HashMap<i32, u64>,
    interval: Duration,
    view: View,
    sort: Sort,
    tree: bool,
    filter: String,
    editing: bool,
    table: TableState,
    /// The first row on screen.
    offset: usize,
    scroll: u16,
    snap: Option<Snapshot>,
    /// Every process of the last refresh (kept from one refresh to the next, names
    /// included, so that a refresh does not allocate the table again).
    rows: Vec<ProcRow>,
    /// The rows shown, by index (filtered, sorted, as a tree), and in tree mode the prefix
    /// that draws each one's branch.
    shown: Vec<usize>,
    branches: Vec<String>,
    sockets: Vec<SockRow>,
    /// I/O bytes of each process (pid, start time) at its latest reading, and when
    /// (monotonic ns).
    prev_io: HashMap<(i32, u64), (u64, u64)>,
    /// The effective user of each process (pid, start time) and the refresh that read it.
    uids: HashMap<(i32, u64), (u32, u64)>,
    /// Refreshes so far.
    refreshes: u64,
    /// When the latest refresh and the one before it started (monotonic ns).
    refresh_ns: u64,
    prev_refresh_ns: u64,
    prev_sockets: HashMap<u64, (u64, u64)>,
    prev_net_t: Option<u64>,
    took: Duration,
}

pub fn run(options: Options, interval: f64) -> io::Result<()> {
    let interval = Duration::from_secs_f64(interval.clamp(0.1, 3600.0));
    let net_options = network_options(&options);
    let dev_options = device_options(&options, None);
    let gpu_options = device_options(&options, Some(DomainName::Gpu));
    let gpu_probe = (gpu_options.domains != Domains::NONE).then(|| Probe::new(gpu_options));
    let mut terminal = ratatui::try_init()?;
    let table_height = terminal.size().map_or(50, |s| s.height);
    let mut app = App {
        detail_options: detail_options(&options),
        table_height,
        probe: Probe::new(self::options(options)),
        net_options,
        net_probe: None,
        dev_options,
        dev_probe: None,
        dev_snap: None,
        gpu_probe,
        gpu: HashMap::new(),
        interval,
        view: View::Processes,
        sort: Sort::Cpu,
        tree: false,
        filter: String::new(),
        editing: false,
        table: TableState::default().with_selected(Some(0)),
        offset: 0,
        scroll: 0,
        snap: None,
        rows: Vec::new(),
        shown: Vec::new(),
        branches: Vec::new(),
        sockets: Vec::new(),
        prev_io: HashMap::new(),
        uids: HashMap::new(),
        refreshes: 0,
        refresh_ns: 0,
        prev_refresh_ns: 0,
        prev_sockets: HashMap::new(),
        prev_net_t: None,
        took: Duration::ZERO,
    };
    let result = app.main_loop(&mut terminal);
    ratatui::restore();
    let _ = ratatui::crossterm::execute!(io::stdout(), ratatui::crossterm::cursor::Show);
    result
}

impl App {
    fn main_loop(&mut self, terminal: &mut DefaultTerminal) -> io::Result<()> {
        let mut next = Instant::now();
        loop {
            if Instant::now() >= next {
                self.refresh();
                next = Instant::now() + self.interval;
            }
            terminal.draw(|f| self.draw(f))?;
            // Wait for a key or the next refresh; several keys are handled before a redraw.
            let mut timeout = next.saturating_duration_since(Instant::now());
            while event::poll(timeout)? {
                match event::read()? {
                    Event::Key(k) if k.kind != KeyEventKind::Release => {
                        if !self.key(k) {
                            return Ok(());
                        }
                    }
                    Event::Resize(..) => {}
                    _ => continue,
                }
                timeout = Duration::ZERO;
            }
        }
    }

    /// Handles a key; false to quit.
    fn key(&mut self, k: KeyEvent) -> bool {
        if k.modifiers.contains(KeyModifiers::CONTROL) && k.code == KeyCode::Char('c') {
            return false;
        }
        if self.editing {
            match k.code {
                KeyCode::Enter => self.editing = false,
                KeyCode::Esc => {
                    self.editing = false;
                    self.filter.clear();
                }
                KeyCode::Backspace => {
                    self.filter.pop();
                }
                KeyCode::Char(c) => self.filter.push(c),
                _ => {}
            }
            self.rebuild();
            self.details();
            return true;
        }
        let rows = match self.view {
            View::Processes => self.shown.len(),
            View::Network => self.sockets.len(),
            View::Devices => 0,
        };
        match k.code {
            KeyCode::Char('q') => return false,
            KeyCode::Char('1') => self.view = View::Processes,
            KeyCode::Char('2') => {
                self.view = View::Network;
                self.refresh_network();
            }
            KeyCode::Char('3') => {
                self.view = View::Devices;
                self.refresh_devices();
            }
            KeyCode::Tab => {
                self.view = match self.view {
                    View::Processes => View::Network,
                    View::Network => View::Devices,
                    View::Devices => View::Processes,
                };
                match self.view {
                    View::Network => self.refresh_network(),
                    View::Devices => self.refresh_devices(),
                    View::Processes => {}
                }
            }
            KeyCode::Char('c') => self.sort = Sort::Cpu,
            KeyCode::Char('m') => self.sort = Sort::Memory,
            KeyCode::Char('i') => self.sort = Sort::Io,
            KeyCode::Char('g') => self.sort = Sort::Gpu,
            KeyCode::Char('p') => self.sort = Sort::Pid,
            KeyCode::Char('n') => self.sort = Sort::Name,
            KeyCode::Char('t') => self.tree = !self.tree,
            KeyCode::Char('/') => {
                self.editing = true;
                self.filter.clear();
            }
            KeyCode::Char('+') => self.interval = (self.interval * 2).min(Duration::from_secs(60)),
            KeyCode::Char('-') => self.interval = (self.interval / 2).max(Duration::from_millis(100)),
            KeyCode::Down | KeyCode::Char('j') => self.select(1, rows),
            KeyCode::Up | KeyCode::Char('k') => self.select(-1, rows),
            KeyCode::PageDown => self.select(20, rows),
            KeyCode::PageUp => self.select(-20, rows),
            KeyCode::Home => self.table.select(Some(0)),
            _ => {}
        }
        self.rebuild();
        // Rows that came into view.
        self.details();
        true
    }

    fn select(&mut self, by: i64, rows: usize) {
        if self.view == View::Devices {
            self.scroll = (i64::from(self.scroll) + by).clamp(0, i64::from(u16::MAX)) as u16;
            return;
        }
        let at = self.table.selected().unwrap_or(0) as i64 + by;
        self.table.select(Some(at.clamp(0, rows.saturating_sub(1) as i64) as usize));
    }

    fn refresh(&mut self) {
        let t0 = Instant::now();
        let snap = self.probe.snapshot();
        (self.prev_refresh_ns, self.refresh_ns) = (self.refresh_ns, snap.timestamp_monotonic_ns);
        // GPU memory per process: from the devices view's snapshot while it is on screen,
        // else from the GPU probe while it finds GPUs.
        if self.view == View::Devices {
            self.refresh_devices();
        } else if let Some(probe) = &mut self.gpu_probe {
            let g = probe.snapshot();
            if g.gpus.value().is_some_and(|l| !l.is_empty()) {
                self.gpu = gpu_memory_by_pid(&g);
            } else {
                self.gpu_probe = None;
                self.gpu.clear();
            }
        }
        self.refreshes += 1;
        let procs = snap.processes();
        self.rows.truncate(procs.len());
        for (i, p) in procs.iter().enumerate() {
            let gpu = self.gpu.get(&p.pid).copied();
            let r = match self.rows.get_mut(i) {
                Some(r) => r,
                None => {
                    self.rows.push(ProcRow::default());
                    let last = self.rows.len() - 1;
                    &mut self.rows[last]
                }
            };
            r.fill(p, gpu);
            if r.uid.is_none() {
                r.uid = self.uids.get(&(r.pid, r.start_time)).map(|&(uid, _)| uid);
            }
        }
        // Forget the I/O readings and users of processes that are gone.
        if self.prev_io.len() + self.uids.len() > 4 * self.rows.len() + 128 {
            let alive: HashSet<(i32, u64)> = self.rows.iter().map(|r| (r.pid, r.start_time)).collect();
            self.prev_io.retain(|k, _| alive.contains(k));
            self.uids.retain(|k, _| alive.contains(k));
        }
        self.snap = Some(snap);
        if self.view == View::Network {
            self.refresh_network();
        }
        self.rebuild();
        self.details();
        self.took = t0.elapsed();
    }

    /// Reads `status` (the user) and `io` (the I/O rate) of the rows on screen, or of
    /// every process when the table is sorted by I/O (then sorts again).
    fn details(&mut self) {
        if self.view != View::Processes {
            return;
        }
        let all = self.sort == Sort::Io;
        let (first, last) = if all {
            (0, self.shown.len())
        } else {
            let mut offset = self.offset;
            let (first, last, _) = window(&self.table, &mut offset, self.shown.len(), self.table_height);
            (first, last)
        };
        // The rows to fill, by identity; those already read since the last refresh are not
        // read again.
        let want: HashMap<(i32, u64), usize> = self.shown[first..last]
            .iter()
            .filter(|&&i| !self.rows[i].read)
            .map(|&i| ((self.rows[i].pid, self.rows[i].start_time), i))
            .collect();
        if want.is_empty() {
            return;
        }
        // `status` only where the user is not known, or was read long ago.
        let fresh = |k: &(i32, u64)| self.uids.get(k).is_some_and(|&(_, at)| at + UID_REFRESHES > self.refreshes);
        let (known, unknown): (Vec<_>, Vec<_>) = want.keys().copied().partition(fresh);
        let mut snaps = Vec::with_capacity(2);
        for (keys, status) in [(unknown, true), (known, false)] {
            if keys.is_empty() {
                continue;
            }
            let mut o = self.detail_options.clone();
            o.process.status = status;
            if !(all && keys.len() == want.len()) {
                o.process.pids = Some(keys.iter().map(|k| k.0).collect());
            }
            snaps.push(Probe::new(o).snapshot());
        }
        let read = snaps.iter().flat_map(|s| s.processes().iter().map(move |p| (s.timestamp_monotonic_ns, p)));
        for (now, p) in read {
            let key = (p.pid, p.start_time);
            let Some(&i) = want.get(&key) else { continue };
            let r = &mut self.rows[i];
            r.read = true;
            if let Some(uid) = p.uid_effective.get() {
                r.uid = Some(uid);
                self.uids.insert(key, (uid, self.refreshes));
            }
            if let (Some(rd), Some(wr)) = (p.io_read_bytes.get(), p.io_write_bytes.get()) {
                let bytes = rd.saturating_add(wr);
                // A rate since the previous refresh: an older reading (a row back on screen)
                // is no baseline.
                r.io = match self.prev_io.insert(key, (bytes, now)) {
                    Some((before, then)) if now > then && then >= self.prev_refresh_ns => {
                        Some(bytes.saturating_sub(before) as f64 / ((now - then) as f64 / 1e9))
                    }
                    _ => None,
                };
            }
        }
        if all {
            self.rebuild();
        }
    }

    /// The GPU, power and storage domains, from the third probe (made on first use).
    fn refresh_devices(&mut self) {
        let probe = self.dev_probe.get_or_insert_with(|| Probe::new(self.dev_options.clone()));
        let snap = probe.snapshot();
        self.gpu = gpu_memory_by_pid(&snap);
        self.dev_snap = Some(snap);
    }

    /// The socket tables, from the second probe (made on first use).
    fn refresh_network(&mut self) {
        let probe = self.net_probe.get_or_insert_with(|| Probe::new(self.net_options.clone()));
        let snap = probe.snapshot();
        let now = snap.timestamp_monotonic_ns;
        let dt = self.prev_net_t.map(|t| now.saturating_sub(t) as f64 / 1e9).filter(|d| *d > 0.0);
        self.prev_net_t = Some(now);
        let Some(net) = snap.network() else {
            self.sockets.clear();
            return;
        };
        let (rows, counters) = sockets(net, &self.prev_sockets, dt);
        self.prev_sockets = counters;
        self.sockets = rows;
    }

    /// Applies the filter, the sort and the tree mode to the rows.
    fn rebuild(&mut self) {
        let filter = self.filter.to_lowercase();
        let keep =
            |r: &ProcRow| filter.is_empty() || r.name.to_lowercase().contains(&filter) || r.pid.to_string() == filter;
        let rows = &self.rows;
        self.shown.clear();
        self.shown.extend((0..rows.len()).filter(|&i| keep(&rows[i])));
        let sort = self.sort;
        let cmp = move |a: &ProcRow, b: &ProcRow| {
            let desc = |x: Option<f64>, y: Option<f64>| y.unwrap_or(-1.0).total_cmp(&x.unwrap_or(-1.0));
            match sort {
                Sort::Cpu => desc(a.cpu, b.cpu).then(b.rss.cmp(&a.rss)),
                Sort::Memory => b.rss.cmp(&a.rss),
                Sort::Io => desc(a.io, b.io).then(desc(a.cpu, b.cpu)),
                Sort::Gpu => b.gpu.cmp(&a.gpu).then(desc(a.cpu, b.cpu)),
                Sort::Pid => a.pid.cmp(&b.pid),
                Sort::Name => a.name.cmp(&b.name).then(a.pid.cmp(&b.pid)),
            }
            .then(a.pid.cmp(&b.pid))
        };
        self.shown.sort_unstable_by(|&a, &b| cmp(&rows[a], &rows[b]));
        self.branches.clear();
        if self.tree {
            let (order, branches) = tree(rows, &self.shown);
            self.shown = order;
            self.branches = branches;
        }
        let n = match self.view {
            View::Network => self.sockets.len(),
            _ => self.shown.len(),
        };
        if self.table.selected().is_some_and(|s| s >= n) {
            self.table.select(Some(n.saturating_sub(1)));
        }
    }
}

impl ProcRow {
    /// This row as process `p` (its `stat`: the user and I/O are read later, for the rows
    /// on screen), keeping the name's buffer.
    fn fill(&mut self, p: &ProcessFull, gpu: Option<u64>) {
        self.pid = p.pid;
        self.start_time = p.start_time;
        self.read = false;
        self.ppid = p.ppid.get();
        self.uid = p.uid_effective.get();
        self.state = p.state_char;
        self.threads = p.num_threads.get();
        self.cpu = p.cpu_percent.get();
        self.rss = p.memory_rss.get();
        self.mem = p.memory_percent.get();
        self.io = None;
        self.gpu = gpu;
        self.name.clear();
        let _ = write_escaped(&mut self.name, p.name.as_bytes());
    }
}

/// The rows `order` names as a forest by parent, each level in that order; a process whose
/// parent is not shown (filtered out, or gone) is a root. Returns the rows' indices in
/// drawing order and the branch drawn before each.
fn tree(rows: &[ProcRow], order: &[usize]) -> (Vec<usize>, Vec<String>) {
    let pids: HashSet<i32> = order.iter().map(|&i| rows[i].pid).collect();
    let mut children: HashMap<i32, Vec<usize>> = HashMap::new();
    let mut roots = Vec::new();
    for &i in order {
        let r = &rows[i];
        if let Some(ppid) = r.ppid.filter(|pp| *pp != r.pid && pids.contains(pp)) {
            children.entry(ppid).or_default().push(i);
        } else {
            roots.push(i);
        }
    }
    let mut out = Vec::with_capacity(order.len());
    let mut branches = Vec::with_capacity(order.len());
    // Depth first, iteratively: (row, prefix for its children, branch drawn for it).
    let mut stack: Vec<(usize, String, String)> =
        roots.iter().rev().map(|&i| (i, String::new(), String::new())).collect();
    let mut seen = HashSet::new();
    while let Some((i, prefix, branch)) = stack.pop() {
        if !seen.insert(i) {
            continue;
        }
        let kids = children.get(&rows[i].pid).map_or(&[][..], Vec::as_slice);
        for (k, &c) in kids.iter().enumerate().rev() {
            let last = k + 1 == kids.len();
            let branch = format!("{prefix}{}", if last { "└─ " } else { "├─ " });
            let next = format!("{prefix}{}", if last { "   " } else { "│  " });
            stack.push((c, next, branch));
        }
        out.push(i);
        branches.push(branch);
    }
    (out, branches)
}

/// The TCP and UDP sockets with their owners; TCP rates from the bytes received and
/// acknowledged since the previous reading, by socket cookie.
fn sockets(
    net: &Network,
    prev: &HashMap<u64, (u64, u64)>,
    dt: Option<f64>,
) -> (Vec<SockRow>, HashMap<u64, (u64, u64)>) {
    let owner = |pid: &Field<i32>, name: &Field<libprobe::text::ByteStr>| match (pid.get(), name.value()) {
        (Some(p), Some(n)) => format!("{p}/{}", escape(n.as_bytes())),
        (Some(p), None) => p.to_string(),
        _ => "-".into(),
    };
    let addr = |a: &str, port: u16| if a.contains(':') { format!("[{a}]:{port}") } else { format!("{a}:{port}") };
    let mut counters = HashMap::new();
    let mut rows = Vec::new();
    for t in net.tcp() {
        let (mut rx, mut tx) = (None, None);
        if let (Some(cookie), Some(info)) = (t.cookie.get(), t.info.value()) {
            counters.insert(cookie, (info.bytes_received, info.bytes_acked));
            if let (Some(dt), Some((r0, t0))) = (dt, prev.get(&cookie)) {
                rx = Some(info.bytes_received.saturating_sub(*r0) as f64 / dt);
                tx = Some(info.bytes_acked.saturating_sub(*t0) as f64 / dt);
            }
        }
        let state = libprobe::schema::EnumType::enum_value(&t.state).name;
        rows.push(SockRow {
            proto: if t.family == libprobe::network::AddressFamily::Ipv6 { "tcp6" } else { "tcp" },
            local: addr(&t.local_addr, t.local_port),
            remote: if t.state == TcpState::Listen { "*".into() } else { addr(&t.remote_addr, t.remote_port) },
            state: state.to_owned(),
            owner: owner(&t.pid, &t.process_name),
            rx,
            tx,
        });
    }
    for u in net.udp() {
        let remote = match (&u.remote_addr, u.remote_port) {
            (Some(a), Some(p)) => addr(a, p),
            _ => "*".into(),
        };
        rows.push(SockRow {
            proto: if u.family == libprobe::network::AddressFamily::Ipv6 { "udp6" } else { "udp" },
            local: addr(&u.local_addr, u.local_port),
            remote,
            state: String::new(),
            owner: owner(&u.pid, &u.process_name),
            rx: None,
            tx: None,
        });
    }
    let rate = |r: &SockRow| r.rx.unwrap_or(0.0) + r.tx.unwrap_or(0.0);
    rows.sort_by(|a, b| rate(b).total_cmp(&rate(a)).then_with(|| a.owner.cmp(&b.owner)));
    (rows, counters)
}

/// GPU memory per process, from whatever records of the GPU domain carry a `pid` and a
/// field in bytes (found through the schema, so it follows the domain as it grows).
fn gpu_memory_by_pid(snap: &Snapshot) -> HashMap<i32, u64> {
    fn visit(r: &dyn Record, out: &mut HashMap<i32, u64>) {
        let schema = r.schema();
        let pid = schema.index_of("pid").and_then(|i| match r.field(i) {
            ValueRef::I64(p) => i32::try_from(p).ok(),
            _ => None,
        });
        let mut counted = false;
        for (i, f) in schema.fields.iter().enumerate() {
            match r.field(i) {
                ValueRef::U64(n) if pid.is_some() && !counted && f.unit == Some("bytes") => {
                    *out.entry(pid.unwrap_or_default()).or_default() += n;
                    counted = true;
                }
                ValueRef::Record(inner) => visit(inner, out),
                ValueRef::List(l) => {
                    for j in 0..l.len() {
                        if let ValueRef::Record(inner) = l.at(j) {
                            visit(inner, out);
                        }
                    }
                }
                _ => {}
            }
        }
    }
    let mut out = HashMap::new();
    for g in snap.gpus.value().map_or(&[][..], Vec::as_slice) {
        visit(g, &mut out);
    }
    out
}

// ---- Drawing.

/// The rows that fit a table of `height` lines (a border and a header above them) with the
/// selection in view: `(first, last, state)`, the state relative to `first`.
fn window(table: &TableState, offset: &mut usize, len: usize, height: u16) -> (usize, usize, TableState) {
    let fits = usize::from(height.saturating_sub(2)).max(1);
    let selected = table.selected().unwrap_or(0).min(len.saturating_sub(1));
    if selected < *offset {
        *offset = selected;
    } else if selected >= *offset + fits {
        *offset = selected + 1 - fits;
    }
    *offset = (*offset).min(len.saturating_sub(fits.min(len)));
    let last = (*offset + fits).min(len);
    (*offset, last, TableState::default().with_selected((len > 0).then(|| selected - *offset)))
}

const KEYS: &str = "q quit  1/2/3 processes/network/devices  c m i g p n sort  t tree  / filter  ↑↓ move  +/- refresh";

/// Bytes in at most 6 characters: `512`, `1.5K`, `375M`, `12.0G`.
fn compact(n: f64) -> String {
    const UNITS: [&str; 5] = ["", "K", "M", "G", "T"];
    let (mut v, mut u) = (n, 0);
    while v >= 1024.0 && u < UNITS.len() - 1 {
        v /= 1024.0;
        u += 1;
    }
    if u == 0 || v >= 100.0 { format!("{v:.0}{}", UNITS[u]) } else { format!("{v:.1}{}", UNITS[u]) }
}

fn rate(v: Option<f64>) -> String {
    match v {
        None => "-".into(),
        Some(x) if x < 1.0 => "0".into(),
        Some(x) => format!("{}/s", compact(x)),
    }
}

fn percent_bar<'a>(label: String, ratio: f64, color: Color) -> Gauge<'a> {
    Gauge::default().gauge_style(Style::default().fg(color).bg(Color::Black)).ratio(ratio.clamp(0.0, 1.0)).label(label)
}

impl App {
    fn draw(&mut self, f: &mut Frame<'_>) {
        let area = f.area();
        let cpus = self.snap.as_ref().and_then(|s| s.system.value()).map_or(0, |s| s.cpus.len());
        let header_rows = (cpus.div_ceil(2) + 3) as u16;
        let [header, body, footer] = Layout::vertical([
            Constraint::Length(header_rows.min(area.height / 2)),
            Constraint::Min(3),
            Constraint::Length(1),
        ])
        .areas(area);
        self.draw_header(f, header);
        match self.view {
            View::Processes => self.draw_processes(f, body),
            View::Network => self.draw_network(f, body),
            View::Devices => self.draw_devices(f, body),
        }
        let status = if self.editing {
            format!("filter: {}▏ (Enter keep, Esc clear)", self.filter)
        } else {
            let filter = if self.filter.is_empty() { String::new() } else { format!("  filter: {}", self.filter) };
            format!(
                "{KEYS}   sort: {}{}{filter}  every {:.1}s  snapshot {:.0} ms",
                self.sort.name(),
                if self.tree { "  tree" } else { "" },
                self.interval.as_secs_f64(),
                self.took.as_secs_f64() * 1e3
            )
        };
        f.render_widget(Paragraph::new(status).style(Style::default().fg(Color::Black).bg(Color::Cyan)), footer);
    }

    fn draw_header(&self, f: &mut Frame<'_>, area: Rect) {
        let Some(sys) = self.snap.as_ref().and_then(|s| s.system.value()) else {
            f.render_widget(Paragraph::new("libprobe top: the system domain was not collected"), area);
            return;
        };
        let cpu_rows = sys.cpus.len().div_ceil(2);
        let mut constraints = vec![Constraint::Length(1); cpu_rows + 3];
        constraints.push(Constraint::Min(0));
        let lines = Layout::vertical(constraints).split(area);
        for (i, c) in sys.cpus.iter().enumerate() {
            let [l, r] =
                Layout::horizontal([Constraint::Percentage(50), Constraint::Percentage(50)]).areas(lines[i / 2]);
            let pct = c.percent.get();
            let label = match pct {
                Some(p) => format!("cpu{:<3} {p:5.1}%", c.id),
                None => format!("cpu{:<3}   -", c.id),
            };
            f.render_widget(
                percent_bar(label, pct.unwrap_or(0.0) / 100.0, Color::Green),
                if i % 2 == 0 { l } else { r },
            );
        }
        if let Some(m) = sys.memory.value() {
            if let (Some(used), Some(total), Some(pct)) = (m.used.get(), Some(m.total), m.used_percent.get()) {
                let label = format!("mem  {} / {}", bytes(used), bytes(total));
                f.render_widget(percent_bar(label, pct / 100.0, Color::Yellow), lines[cpu_rows]);
            }
            if let (Some(used), Some(total)) = (m.swap_used.get(), m.swap_total.get()) {
                let ratio = if total > 0 { used as f64 / total as f64 } else { 0.0 };
                let label = format!("swap {} / {}", bytes(used), bytes(total));
                f.render_widget(percent_bar(label, ratio, Color::Magenta), lines[cpu_rows + 1]);
            }
        }
        let load = sys
            .load
            .value()
            .and_then(|l| Some(format!("load {:.2} {:.2} {:.2}", l.load1.get()?, l.load5.get()?, l.load15.get()?)))
            .unwrap_or_default();
        let up = sys.uptime_seconds.get().map_or_else(String::new, |u| {
            format!(
                "up {}d {:02}:{:02}",
                (u / 86400.0) as u64,
                (u % 86400.0 / 3600.0) as u64,
                (u % 3600.0 / 60.0) as u64
            )
        });
        let procs = self.rows.len();
        let running = self.rows.iter().filter(|r| r.state == 'R').count();
        let text = format!(
            "{procs} processes, {running} running   {load}   {up}   cpu {:.1}%",
            sys.cpu_percent.get().unwrap_or(0.0)
        );
        f.render_widget(Paragraph::new(text), lines[cpu_rows + 2]);
    }

    fn draw_processes(&mut self, f: &mut Frame<'_>, area: Rect) {
        let arrow = |s: Sort, title: &'static str| {
            if self.sort == s {
                Cell::from(format!("{title}▼")).style(Style::default().add_modifier(Modifier::REVERSED))
            } else {
                Cell::from(title)
            }
        };
        let header = Row::new(vec![
            arrow(Sort::Pid, "PID"),
            Cell::from("USER"),
            Cell::from("S"),
            Cell::from("THR"),
            arrow(Sort::Cpu, "CPU%"),
            arrow(Sort::Memory, "RSS"),
            Cell::from("MEM%"),
            arrow(Sort::Io, "I/O"),
            arrow(Sort::Gpu, "GPU"),
            arrow(Sort::Name, "NAME"),
        ])
        .style(Style::default().add_modifier(Modifier::BOLD));
        // Rows only for what fits: a thousand processes are not a thousand rows to format.
        self.table_height = area.height;
        let (first, last, mut state) = window(&self.table, &mut self.offset, self.shown.len(), area.height);
        let rows = (first..last).map(|at| {
            let r = &self.rows[self.shown[at]];
            let branch = self.branches.get(at).map_or("", String::as_str);
            Row::new(vec![
                r.pid.to_string(),
                r.uid.map_or_else(|| "-".into(), |u| u.to_string()),
                r.state.to_string(),
                r.threads.map_or_else(|| "-".into(), |t| t.to_string()),
                r.cpu.map_or_else(|| "-".into(), |c| format!("{c:.1}")),
                r.rss.map_or_else(|| "-".into(), |b| compact(b as f64)),
                r.mem.map_or_else(|| "-".into(), |m| format!("{m:.1}")),
                rate(r.io),
                r.gpu.map_or_else(|| "-".into(), |g| compact(g as f64)),
                format!("{branch}{}", r.name),
            ])
        });
        let widths = [
            Constraint::Length(8),
            Constraint::Length(6),
            Constraint::Length(1),
            Constraint::Length(4),
            Constraint::Length(6),
            Constraint::Length(6),
            Constraint::Length(5),
            Constraint::Length(8),
            Constraint::Length(6),
            Constraint::Min(10),
        ];
        let title = format!(" processes ({} shown) ", self.shown.len());
        let table = Table::new(rows, widths)
            .header(header)
            .block(Block::default().borders(Borders::TOP).title(title))
            .row_highlight_style(Style::default().add_modifier(Modifier::REVERSED));
        f.render_stateful_widget(table, area, &mut state);
    }

    fn draw_network(&mut self, f: &mut Frame<'_>, area: Rect) {
        let header = Row::new(vec!["PROTO", "LOCAL", "REMOTE", "STATE", "OWNER", "RECV", "SEND"])
            .style(Style::default().add_modifier(Modifier::BOLD));
        let (first, last, mut state) = window(&self.table, &mut self.offset, self.sockets.len(), area.height);
        let rows = self.sockets[first..last].iter().map(|s| {
            Row::new(vec![
                s.proto.to_owned(),
                s.local.clone(),
                s.remote.clone(),
                s.state.clone(),
                s.owner.clone(),
                rate(s.rx),
                rate(s.tx),
            ])
        });
        let widths = [
            Constraint::Length(5),
            Constraint::Length(24),
            Constraint::Length(24),
            Constraint::Length(11),
            Constraint::Min(12),
            Constraint::Length(10),
            Constraint::Length(10),
        ];
        let title = format!(" sockets ({}), busiest first ", self.sockets.len());
        let table = Table::new(rows, widths)
            .header(header)
            .block(Block::default().borders(Borders::TOP).title(title))
            .row_highlight_style(Style::default().add_modifier(Modifier::REVERSED));
        f.render_stateful_widget(table, area, &mut state);
    }

    fn draw_devices(&self, f: &mut Frame<'_>, area: Rect) {
        let mut lines: Vec<Line<'_>> = Vec::new();
        if let Some(snap) = &self.dev_snap {
            let panels: [(&str, Option<&dyn Record>, &[libprobe::gpu::GpuMetrics]); 3] = [
                ("gpu", None, snap.gpus.value().map_or(&[][..], Vec::as_slice)),
                ("power", snap.power.value().map(|p| p as &dyn Record), &[]),
                ("storage", snap.storage.value().map(|s| s as &dyn Record), &[]),
            ];
            for (name, record, list) in panels {
                let domain = DomainName::parse(name).and_then(|d| snap.status(d));
                let state = domain.map_or_else(String::new, |d| match d.reason {
                    Some(r) => format!(" ({r})"),
                    None => String::new(),
                });
                lines.push(Line::from(Span::styled(
                    format!("== {name}{state} =="),
                    Style::default().add_modifier(Modifier::BOLD),
                )));
                let mut text = String::new();
                for g in list {
                    crate::render::record(&mut text, g, 2);
                }
                if let Some(r) = record {
                    crate::render::record(&mut text, r, 2);
                }
                if text.is_empty() {
                    lines.push(Line::from("  no data on this machine"));
                }
                lines.extend(text.lines().map(|l| Line::from(l.to_owned())));
                lines.push(Line::from(""));
            }
        }
        let p = Paragraph::new(lines)
            .block(Block::default().borders(Borders::TOP).title(" devices (↑↓ scroll) "))
            .wrap(Wrap { trim: false })
            .scroll((self.scroll, 0));
        f.render_widget(p, area);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn r(pid: i32, ppid: i32, name: &str) -> ProcRow {
        ProcRow {
            pid,
            ppid: Some(ppid),
            uid: None,
            state: 'S',
            threads: Some(1),
            cpu: None,
            rss: Some(0),
            mem: None,
            io: None,
            gpu: None,
            name: name.into(),
            start_time: 0,
            read: false,
        }
    }

    #[test]
    fn tree_draws_branches_and_keeps_orphans() {
        let rows = vec![r(1, 0, "init"), r(2, 1, "a"), r(3, 2, "b"), r(4, 1, "c"), r(9, 7, "orphan")];
        let (order, branches) = tree(&rows, &[0, 1, 2, 3, 4]);
        let drawn: Vec<String> = order.iter().zip(&branches).map(|(&i, b)| format!("{b}{}", rows[i].name)).collect();
        assert_eq!(drawn, ["init", "├─ a", "│  └─ b", "└─ c", "orphan"]);
        // Only the rows shown, roots in their order: b's parent is filtered out.
        let (order, branches) = tree(&rows, &[3, 2, 0]);
        assert_eq!(order, [2, 0, 3]);
        assert_eq!(branches, ["", "", "└─ "]);
    }

    #[test]
    fn the_window_follows_the_selection() {
        let mut offset = 0;
        let state = |s| TableState::default().with_selected(Some(s));
        assert_eq!(window(&state(0), &mut offset, 1000, 12).0, 0);
        let (first, last, local) = window(&state(50), &mut offset, 1000, 12);
        assert_eq!((first, last, local.selected()), (41, 51, Some(9)));
        let (first, _, local) = window(&state(45), &mut offset, 1000, 12);
        assert_eq!((first, local.selected()), (41, Some(4)));
        assert_eq!(window(&state(0), &mut offset, 3, 12), (0, 3, state(0)));
        assert_eq!(window(&state(0), &mut offset, 0, 12).1, 0);
    }

    #[test]
    fn top_options_skip_what_is_not_shown() {
        let o = options(Options::default());
        assert_eq!(o.domains, Domains::NONE.with(DomainName::System).with(DomainName::Process));
        assert!(!o.process.cgroup_limits && o.process.threads == 1);
        // Per process: stat only; status (the user) and io (the I/O column) for the rows
        // on screen.
        let d = detail_options(&Options::default());
        assert_eq!(d.domains, Domains::NONE.with(DomainName::Process));
        assert!(!o.process.status && !o.process.io && d.process.status && d.process.io);
        for p in [&o.process, &d.process] {
            assert!(!(p.cmdline || p.paths || p.limits || p.oom || p.schedstat || p.fd_count || p.namespaces));
            assert!(!(p.cgroup || p.smaps_rollup || p.maps || p.fds || p.environ || p.taskstats || p.cgroup_limits));
        }
        let n = network_options(&Options::default());
        assert!(n.network.owners && n.domains == Domains::NONE.with(DomainName::Network));
        let d = device_options(&Options::default(), None);
        assert_eq!(d.domains, Domains::NONE.with(DomainName::Gpu).with(DomainName::Power).with(DomainName::Storage));
        let without_gpu = Options { domains: Domains::default_set().without(DomainName::Gpu), ..Options::default() };
        assert_eq!(device_options(&without_gpu, Some(DomainName::Gpu)).domains, Domains::NONE);
    }

    #[test]
    fn a_refresh_reads_stat_and_the_rows_on_screen_read_the_rest() {
        let mut row = ProcRow::default();
        let snap = Probe::new(options(Options::default())).snapshot();
        let me = snap.process(std::process::id() as i32).expect("this process");
        row.fill(me, None);
        assert_eq!((row.pid, row.ppid, row.threads), (me.pid, me.ppid.get(), me.num_threads.get()));
        assert!(row.rss.is_some() && !row.name.is_empty() && !row.read);
        // The user and I/O are not read for every process.
        assert!(row.uid.is_none() && me.io_read_bytes.get().is_none());
        let detail = Probe::new(detail_options(&Options::default())).snapshot();
        let me2 = detail.process(me.pid).expect("this process");
        assert!(me2.uid_effective.get().is_some() && me2.io_read_bytes.get().is_some());
        // The same buffer, refilled.
        row.fill(me, Some(5));
        assert_eq!((row.io, row.gpu, row.name.as_str()), (None, Some(5), escape(me.name.as_bytes()).as_str()));
    }

    #[test]
    fn gpu_memory_follows_the_schema() {
        let snap = Probe::new(Options { domains: Domains::NONE, ..Options::default() }).snapshot();
        assert!(gpu_memory_by_pid(&snap).is_empty());
    }
}
