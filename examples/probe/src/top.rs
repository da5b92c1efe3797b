//! `probe top`: a live terminal view of what libprobe sees, refreshed from one probe.
//!
//! Three views: processes (per-CPU, memory and swap bars above a process table sortable
//! by CPU, memory, I/O and GPU, with a tree mode and a filter), network (every TCP and UDP
//! socket with its owner and, for TCP, its receive and send rates), and devices (the GPU,
//! power and storage domains, shown when they have data). The keys are on the last line.
//!
//! Cost: a refresh is one snapshot of the system and process domains, read on the calling
//! thread, without cgroup limits (not shown). The socket tables with their owners are read
//! by a second probe only while the network view is on screen.

use std::collections::{HashMap, HashSet};
use std::io;
use std::time::{Duration, Instant};

use libprobe::network::{Network, TcpState};
use libprobe::process::ProcessFull;
use libprobe::schema::{Record, ValueRef};
use libprobe::text::escape;
use libprobe::{DomainName, Domains, Field, Options, Probe, Snapshot};
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
#[derive(Debug, Clone)]
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
    /// Tree mode: the prefix that draws the branch.
    branch: String,
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

/// The options `probe top` collects with: the default domains but network and eBPF, and
/// no cgroup limits; the process table on this thread (the fewest CPU seconds).
pub fn options(mut base: Options) -> Options {
    base.domains = base
        .domains
        .with(DomainName::System)
        .with(DomainName::Process)
        .without(DomainName::Network)
        .without(DomainName::Ebpf);
    base.process.cgroup_limits = false;
    base.process.environ = false;
    if base.process.threads == 0 {
        base.process.threads = 1;
    }
    base
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
    net_options: Options,
    net_probe: Option<Probe>,
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
    /// Every process of the last refresh, and those shown (filtered, sorted, as a tree).
    rows: Vec<ProcRow>,
    shown: Vec<ProcRow>,
    sockets: Vec<SockRow>,
    /// I/O bytes of each process (pid, start time) at the previous refresh, and when.
    prev_io: HashMap<(i32, u64), u64>,
    prev_sockets: HashMap<u64, (u64, u64)>,
    prev_t: Option<u64>,
    prev_net_t: Option<u64>,
    took: Duration,
}

pub fn run(options: Options, interval: f64) -> io::Result<()> {
    let interval = Duration::from_secs_f64(interval.clamp(0.1, 3600.0));
    let net_options = network_options(&options);
    let mut app = App {
        probe: Probe::new(self::options(options)),
        net_options,
        net_probe: None,
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
        sockets: Vec::new(),
        prev_io: HashMap::new(),
        prev_sockets: HashMap::new(),
        prev_t: None,
        prev_net_t: None,
        took: Duration::ZERO,
    };
    let mut terminal = ratatui::try_init()?;
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
            KeyCode::Char('3') => self.view = View::Devices,
            KeyCode::Tab => {
                self.view = match self.view {
                    View::Processes => View::Network,
                    View::Network => View::Devices,
                    View::Devices => View::Processes,
                };
                if self.view == View::Network {
                    self.refresh_network();
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
        self.took = t0.elapsed();
        // I/O rates from the previous refresh, by process identity (pid, start time).
        let now = snap.timestamp_monotonic_ns;
        let dt = self.prev_t.map(|t| now.saturating_sub(t) as f64 / 1e9).filter(|d| *d > 0.0);
        let mut io = HashMap::with_capacity(snap.processes().len());
        for p in snap.processes() {
            if let (Some(r), Some(w)) = (p.io_read_bytes.get(), p.io_write_bytes.get()) {
                io.insert((p.pid, p.start_time), r.saturating_add(w));
            }
        }
        let old = std::mem::replace(&mut self.prev_io, io);
        self.prev_t = Some(now);
        let gpu = gpu_memory_by_pid(&snap);
        self.rows = snap
            .processes()
            .iter()
            .map(|p| {
                let key = (p.pid, p.start_time);
                let io = match (dt, old.get(&key), self.prev_io.get(&key)) {
                    (Some(dt), Some(a), Some(b)) => Some(b.saturating_sub(*a) as f64 / dt),
                    _ => None,
                };
                row(p, io, gpu.get(&p.pid).copied())
            })
            .collect();
        self.snap = Some(snap);
        if self.view == View::Network {
            self.refresh_network();
        }
        self.rebuild();
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
        let mut rows: Vec<ProcRow> = self.rows.iter().filter(|r| keep(r)).cloned().collect();
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
        rows.sort_by(cmp);
        if self.tree {
            rows = tree(rows);
        }
        self.shown = rows;
        let n = match self.view {
            View::Network => self.sockets.len(),
            _ => self.shown.len(),
        };
        if self.table.selected().is_some_and(|s| s >= n) {
            self.table.select(Some(n.saturating_sub(1)));
        }
    }
}

fn row(p: &ProcessFull, io: Option<f64>, gpu: Option<u64>) -> ProcRow {
    ProcRow {
        pid: p.pid,
        ppid: p.ppid.get(),
        uid: p.uid_effective.get(),
        state: p.state_char,
        threads: p.num_threads.get(),
        cpu: p.cpu_percent.get(),
        rss: p.memory_rss.get(),
        mem: p.memory_percent.get(),
        io,
        gpu,
        name: escape(p.name.as_bytes()),
        branch: String::new(),
    }
}

/// The rows as a forest by parent, each level in the sort order; a process whose parent is
/// not shown (filtered out, or gone) is a root.
fn tree(rows: Vec<ProcRow>) -> Vec<ProcRow> {
    let pids: HashSet<i32> = rows.iter().map(|r| r.pid).collect();
    let mut children: HashMap<i32, Vec<usize>> = HashMap::new();
    let mut roots = Vec::new();
    for (i, r) in rows.iter().enumerate() {
        if let Some(ppid) = r.ppid.filter(|pp| *pp != r.pid && pids.contains(pp)) {
            children.entry(ppid).or_default().push(i);
        } else {
            roots.push(i);
        }
    }
    let mut out = Vec::with_capacity(rows.len());
    // Depth first, iteratively: (row, prefix for its children, branch drawn for it).
    let mut stack: Vec<(usize, String, String)> =
        roots.iter().rev().map(|&i| (i, String::new(), String::new())).collect();
    let mut seen = HashSet::new();
    while let Some((i, prefix, branch)) = stack.pop() {
        if !seen.insert(i) {
            continue;
        }
        let mut r = rows[i].clone();
        r.branch = branch;
        let kids = children.get(&r.pid).map_or(&[][..], Vec::as_slice);
        for (k, &c) in kids.iter().enumerate().rev() {
            let last = k + 1 == kids.len();
            let branch = format!("{prefix}{}", if last { "└─ " } else { "├─ " });
            let next = format!("{prefix}{}", if last { "   " } else { "│  " });
            stack.push((c, next, branch));
        }
        out.push(r);
    }
    out
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
        let (first, last, mut state) = window(&self.table, &mut self.offset, self.shown.len(), area.height);
        let rows = self.shown[first..last].iter().map(|r| {
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
                format!("{}{}", r.branch, r.name),
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
        if let Some(snap) = &self.snap {
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
            branch: String::new(),
        }
    }

    #[test]
    fn tree_draws_branches_and_keeps_orphans() {
        let rows = vec![r(1, 0, "init"), r(2, 1, "a"), r(3, 2, "b"), r(4, 1, "c"), r(9, 7, "orphan")];
        let t = tree(rows);
        let drawn: Vec<String> = t.iter().map(|r| format!("{}{}", r.branch, r.name)).collect();
        assert_eq!(drawn, ["init", "├─ a", "│  └─ b", "└─ c", "orphan"]);
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
        assert!(!o.domains.contains(DomainName::Network) && o.domains.contains(DomainName::Process));
        assert!(!o.process.cgroup_limits && o.process.threads == 1);
        let n = network_options(&Options::default());
        assert!(n.network.owners && n.domains == Domains::NONE.with(DomainName::Network));
    }

    #[test]
    fn gpu_memory_follows_the_schema() {
        let snap = Probe::new(Options { domains: Domains::NONE, ..Options::default() }).snapshot();
        assert!(gpu_memory_by_pid(&snap).is_empty());
    }
}
