package main

import (
	"bufio"
	"compress/gzip"
	"fmt"
	"io"
	"math"
	"reflect"
	"strconv"
	"strings"
	"sync"
	"time"

	libprobe "github.com/libprobe/libprobe/bindings/go"
)

// config is what the exporter collects and exports.
type config struct {
	// Domains to collect; nil: every domain of the core's default set but process (which
	// -processes turns on).
	domains []string
	// processes: per-process series for this many processes (0: none, and the process
	// domain is not collected).
	processes   int
	processesBy string // cpu or memory
	// sockets: "none" (sockstat counts only: the default), "summary" (the TCP table,
	// without owners or tcp_info, for connections by state), or "tables" (every table,
	// exported as lengths).
	sockets string
	// set: options by key (`network.routes=true`), applied last.
	set     [][2]string
	fixture string
	// compatOff: no peer names (compat.go), -compat=false.
	compatOff bool
}

// exporter owns one probe; each collect takes one snapshot and turns it into families.
// With -processes N that snapshot reads only each process's `stat` (enough to rank by CPU
// or memory); the N picked are then read in full by a probe made for them.
type exporter struct {
	mu       sync.Mutex
	probe    *libprobe.Probe
	cfg      config
	root     *recordPlan
	families []*family
	// processes is the snapshot's process list, of which only the top N are converted
	// (its length comes from the ranking).
	processes *listPlan
	peers     *peers // the peers' names beside the derived families (nil with -compat=false)
	// The exporter's own metrics.
	up, scrapeSeconds, series, dropped *family
	lastDropped                        int
	// Reused from one scrape to the next.
	buf *bufio.Writer
	gz  *gzip.Writer
	num []byte
}

// options turns the configuration into the probe's options: cheap defaults that collect
// what is exported and no more, then the user's settings by key.
func (c *config) options() (*libprobe.Options, error) {
	o := &libprobe.Options{Fixture: c.fixture}
	domains := c.domains
	if domains == nil {
		domains = []string{"system", "network", "gpu", "power", "storage"}
		if c.processes > 0 {
			domains = append(domains, "process")
		}
	}
	settings := [][2]string{
		{"domains", strings.Join(domains, ",")},
		// Unbounded tables are exported as their length only: no need to resolve owners,
		// read tcp_info, or dump routes and neighbours for that.
		{"network.owners", "false"},
		{"network.tcp_info", "false"},
		{"network.routes", "false"},
		{"network.neighbours", "false"},
		// A scrape's CPU counts more than its latency: the process table on one thread.
		{"process.threads", "1"},
	}
	switch c.sockets {
	case "", "none":
		settings = append(settings, [2]string{"network.sockets", ""})
	case "summary":
		settings = append(settings, [2]string{"network.sockets", "tcp"})
	case "tables":
		settings = append(settings, [2]string{"network.sockets", "all"})
	default:
		return nil, fmt.Errorf("-sockets %q: expected none, summary or tables", c.sockets)
	}
	// The whole process table is read only to rank it: `stat` alone (CPU times, RSS),
	// none of the other groups (see detailOptions).
	settings = append(settings, rankingSettings...)
	for _, kv := range c.set {
		if kv[0] == "process.environ" && kv[1] != "false" {
			return nil, fmt.Errorf("process.environ: the exporter never collects environments")
		}
		// The process options the user sets are for the processes exported, in full
		// (detailOptions), but the processes to rank and the readers.
		if !strings.HasPrefix(kv[0], "process.") || kv[0] == "process.pids" || kv[0] == "process.threads" {
			settings = append(settings, kv)
		}
	}
	for _, kv := range settings {
		if err := o.Set(kv[0], kv[1]); err != nil {
			return nil, err
		}
	}
	return o, nil
}

// rankingSettings: each process's `stat` and no other file.
var rankingSettings = [][2]string{
	{"process.status", "false"}, {"process.io", "false"}, {"process.cmdline", "false"},
	{"process.paths", "false"}, {"process.limits", "false"}, {"process.oom", "false"},
	{"process.schedstat", "false"}, {"process.fd_count", "false"}, {"process.namespaces", "false"},
	{"process.cgroup", "false"}, {"process.cgroup_limits", "false"},
}

// detailOptions: the process domain alone, every default group and the user's process
// options, for these pids (nil: none yet, to check the options).
func (c *config) detailOptions(pids []int32) (*libprobe.Options, error) {
	o := &libprobe.Options{Fixture: c.fixture}
	settings := [][2]string{{"domains", "process"}, {"process.threads", "1"}}
	for _, kv := range c.set {
		if strings.HasPrefix(kv[0], "process.") && kv[0] != "process.pids" && kv[0] != "process.threads" {
			settings = append(settings, kv)
		}
	}
	list := make([]string, len(pids))
	for i, p := range pids {
		list[i] = strconv.Itoa(int(p))
	}
	settings = append(settings, [2]string{"process.pids", strings.Join(list, ",")})
	for _, kv := range settings {
		if err := o.Set(kv[0], kv[1]); err != nil {
			return nil, err
		}
	}
	return o, nil
}

func newExporter(cfg config) (*exporter, error) {
	if cfg.processesBy == "" {
		cfg.processesBy = "cpu"
	}
	if cfg.processesBy != "cpu" && cfg.processesBy != "memory" {
		return nil, fmt.Errorf("-processes-by %q: expected cpu or memory", cfg.processesBy)
	}
	opts, err := cfg.options()
	if err != nil {
		return nil, err
	}
	if _, err := cfg.detailOptions(nil); err != nil {
		return nil, err
	}
	p, err := libprobe.New(opts)
	if err != nil {
		return nil, err
	}
	e := &exporter{probe: p, cfg: cfg}
	e.plan()
	return e, nil
}

func (e *exporter) plan() {
	pl := &planner{byName: map[string]*family{}}
	own := func(name, help string, counter bool) *family {
		return pl.family(name, strings.TrimSuffix(name, "_total"), help, "1", counter)
	}
	e.up = own("libprobe_domain_up", "1 when the domain was collected, 0 when it was skipped or failed (see libprobe_domains_*).", false)
	e.scrapeSeconds = own("libprobe_exporter_collect_seconds", "Wall time of the last collection: the snapshot and its conversion to metrics.", false)
	e.series = own("libprobe_exporter_series", "Series in the last collection, this one included.", false)
	e.dropped = own("libprobe_exporter_series_dropped", "Series left out of the last collection: duplicate label sets, or list elements past the bound.", false)
	e.root = pl.record(reflect.TypeOf(libprobe.Snapshot{}), libprobe.Schema(), nil, "", nil, nil)
	e.families = pl.families
	if sf, ok := reflect.TypeOf(libprobe.Snapshot{}).FieldByName("Processes"); ok {
		for _, n := range e.root.nodes {
			if n.field == sf.Index[0] && n.list != nil {
				e.processes = n.list
			}
		}
	}
	if !e.cfg.compatOff {
		e.peers = newPeers(pl, &e.families)
	}
}

func (e *exporter) Close() error { return e.probe.Close() }

// collect takes a snapshot and fills the families; the caller holds e.mu until it has
// written them.
func (e *exporter) collect() (*libprobe.Snapshot, error) {
	t0 := time.Now()
	for _, f := range e.families {
		f.samples = f.samples[:0]
		clear(f.seen)
	}
	// Of the process table, only the processes exported are converted into Go: the
	// others are ranked from their C records and counted.
	all := 0
	snap, err := e.probe.SnapshotSelect(func(ranks []libprobe.ProcessRank) []int {
		all = len(ranks)
		return topProcesses(ranks, e.cfg.processes, e.cfg.processesBy)
	})
	if err != nil {
		return nil, err
	}
	w := &walker{ticks: 100, lengths: map[*listPlan]int{}}
	if sys, ok := snap.System.Get(); ok && sys.ClockTicks > 0 {
		w.ticks = float64(sys.ClockTicks)
	}
	if procs, ok := snap.Processes.Get(); ok {
		if e.processes != nil {
			w.lengths[e.processes] = all
		}
		w.top = make(map[int32]bool, len(procs))
		for i := range procs {
			w.top[procs[i].PID] = true
		}
		if err := e.readInFull(procs); err != nil {
			return nil, err
		}
	}
	w.record(e.root, reflect.ValueOf(snap).Elem(), nil)
	if e.peers != nil {
		e.peers.collect(w, snap)
	}
	for _, d := range snap.Domains {
		up := 0.0
		if d.State == libprobe.DomainStateCollected {
			up = 1
		}
		w.add(e.up, []labelPair{{"domain", d.Domain.String()}}, up)
	}
	n := 0
	for _, f := range e.families {
		n += len(f.samples)
	}
	w.add(e.series, nil, float64(n+3))
	w.add(e.dropped, nil, float64(w.dropped))
	w.add(e.scrapeSeconds, nil, time.Since(t0).Seconds())
	e.lastDropped = w.dropped
	return snap, nil
}

// readInFull replaces the records of the top processes (read with `stat` alone) by
// records read in full. The CPU percentage stays the ranking snapshot's: the probe made
// for these processes has no previous snapshot of them. A process that exited or whose
// pid was reused in between keeps its `stat` record.
func (e *exporter) readInFull(procs []libprobe.ProcessFull) error {
	if len(procs) == 0 {
		return nil
	}
	at := make(map[int32]int, len(procs))
	pids := make([]int32, 0, len(procs))
	for i := range procs {
		at[procs[i].PID] = i
		pids = append(pids, procs[i].PID)
	}
	opts, err := e.cfg.detailOptions(pids)
	if err != nil {
		return err
	}
	p, err := libprobe.New(opts)
	if err != nil {
		return err
	}
	defer p.Close()
	snap, err := p.Snapshot()
	if err != nil {
		return err
	}
	full, _ := snap.Processes.Get()
	for _, f := range full {
		i, ok := at[f.PID]
		if !ok || procs[i].StartTime != f.StartTime {
			continue
		}
		f.CPUPercent = procs[i].CPUPercent
		procs[i] = f
	}
	return nil
}

// writeText writes the families in the Prometheus text format (version 0.0.4).
func (e *exporter) writeText(out io.Writer) error {
	if e.buf == nil {
		e.buf = bufio.NewWriterSize(out, 64<<10)
	} else {
		e.buf.Reset(out)
	}
	w, num := e.buf, e.num[:0]
	defer func() { e.num = num }()
	for _, f := range e.families {
		if len(f.samples) == 0 {
			continue
		}
		w.WriteString("# HELP ")
		w.WriteString(f.name)
		w.WriteByte(' ')
		writeEscaped(w, f.help, false)
		w.WriteString("\n# TYPE ")
		w.WriteString(f.name)
		switch {
		case f.hist:
			w.WriteString(" histogram\n")
			num = writeHistogram(w, f, num)
			continue
		case f.counter:
			w.WriteString(" counter\n")
		case f.untyped:
			w.WriteString(" untyped\n")
		default:
			w.WriteString(" gauge\n")
		}
		for _, s := range f.samples {
			num = writeSample(w, f.name, "", s.labels, "", s.value, num)
		}
	}
	return w.Flush()
}

// writeSample writes one line: name and suffix, the labels and one more (le="…", when
// le is not empty), the value. num is scratch space, returned for reuse.
func writeSample(w *bufio.Writer, name, suffix string, labels []labelPair, le string, v float64, num []byte) []byte {
	w.WriteString(name)
	w.WriteString(suffix)
	if len(labels) > 0 || le != "" {
		w.WriteByte('{')
		for i, l := range labels {
			if i > 0 {
				w.WriteByte(',')
			}
			w.WriteString(l.name)
			w.WriteString(`="`)
			writeEscaped(w, l.value, true)
			w.WriteByte('"')
		}
		if le != "" {
			if len(labels) > 0 {
				w.WriteByte(',')
			}
			w.WriteString(`le="`)
			w.WriteString(le)
			w.WriteByte('"')
		}
		w.WriteByte('}')
	}
	w.WriteByte(' ')
	num = appendFloat(num[:0], v)
	w.Write(num)
	w.WriteByte('\n')
	return num
}

// writeHistogram writes a histogram family's samples: the cumulative buckets, `+Inf`
// (the count), the sum and the count.
func writeHistogram(w *bufio.Writer, f *family, num []byte) []byte {
	var le []byte
	for _, s := range f.samples {
		h := s.hist
		for i, b := range h.bounds {
			le = strconv.AppendFloat(le[:0], b, 'g', -1, 64)
			num = writeSample(w, f.name, "_bucket", s.labels, string(le), float64(h.cum[i]), num)
		}
		num = writeSample(w, f.name, "_bucket", s.labels, "+Inf", float64(h.count), num)
		num = writeSample(w, f.name, "_sum", s.labels, "", h.sum, num)
		num = writeSample(w, f.name, "_count", s.labels, "", float64(h.count), num)
	}
	return num
}

func appendFloat(b []byte, v float64) []byte {
	switch {
	case math.IsNaN(v):
		return append(b, "NaN"...)
	case math.IsInf(v, 1):
		return append(b, "+Inf"...)
	case math.IsInf(v, -1):
		return append(b, "-Inf"...)
	case v == math.Trunc(v) && math.Abs(v) < 1e15:
		return strconv.AppendInt(b, int64(v), 10)
	}
	return strconv.AppendFloat(b, v, 'g', -1, 64)
}

// writeEscaped escapes `\` and newlines (and `"` in label values), as the text format asks.
func writeEscaped(w *bufio.Writer, s string, quote bool) {
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case c == '\\':
			w.WriteString(`\\`)
		case c == '\n':
			w.WriteString(`\n`)
		case c == '"' && quote:
			w.WriteString(`\"`)
		default:
			w.WriteByte(c)
		}
	}
}
