package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"regexp"
	"strings"
	"syscall"
	"testing"
	"time"

	libprobe "github.com/libprobe/libprobe/bindings/go"
	"github.com/prometheus/client_golang/prometheus/testutil/promlint"
	dto "github.com/prometheus/client_model/go"
	"github.com/prometheus/common/expfmt"
	"github.com/prometheus/common/model"
)

func fixture(t *testing.T, name string) string {
	dir, err := filepath.Abs(filepath.Join("../../../tests/fixtures", name))
	if err != nil {
		t.Fatal(err)
	}
	return dir
}

// scrape collects once (twice with rates) and returns the text and its parsed families.
func scrape(t *testing.T, cfg config, times int) (string, map[string]*dto.MetricFamily) {
	t.Helper()
	return scrapeSteps(t, cfg, times, nil)
}

// scrapeSteps is scrape with between called before each collection but the first (a
// fixture tree swapped under the probe). The text must parse and be lint-free, but for the
// complaints a peer's own name draws (compat.go), which are accepted for peer families only.
func scrapeSteps(t *testing.T, cfg config, times int, between func()) (string, map[string]*dto.MetricFamily) {
	t.Helper()
	e, err := newExporter(cfg)
	if err != nil {
		t.Fatal(err)
	}
	defer e.Close()
	var text bytes.Buffer
	for i := 0; i < times; i++ {
		if i > 0 && between != nil {
			between()
		}
		text.Reset()
		if _, err := e.collect(); err != nil {
			t.Fatal(err)
		}
		if err := e.writeText(&text); err != nil {
			t.Fatal(err)
		}
	}
	parser := expfmt.NewTextParser(model.LegacyValidation)
	families, err := parser.TextToMetricFamilies(strings.NewReader(text.String()))
	if err != nil {
		t.Fatalf("the exposition does not parse: %v", err)
	}
	problems, err := promlint.New(strings.NewReader(text.String())).Lint()
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range problems {
		accepted := false
		for _, l := range peerLint(p.Metric) {
			accepted = accepted || strings.Contains(p.Text, l)
		}
		if !accepted {
			t.Errorf("promlint: %s: %s", p.Metric, p.Text)
		}
	}
	return text.String(), families
}

func value(t *testing.T, fams map[string]*dto.MetricFamily, name string, labels ...string) float64 {
	t.Helper()
	f := fams[name]
	if f == nil {
		t.Fatalf("no metric %s", name)
	}
	for _, m := range f.GetMetric() {
		ok := true
		for i := 0; i+1 < len(labels); i += 2 {
			found := false
			for _, l := range m.GetLabel() {
				found = found || (l.GetName() == labels[i] && l.GetValue() == labels[i+1])
			}
			ok = ok && found
		}
		if ok {
			switch f.GetType() {
			case dto.MetricType_COUNTER:
				return m.GetCounter().GetValue()
			case dto.MetricType_UNTYPED:
				return m.GetUntyped().GetValue()
			}
			return m.GetGauge().GetValue()
		}
	}
	t.Fatalf("no series %s%v", name, labels)
	return 0
}

// Every name the schema gives is distinct, valid, typed as the schema says and in base
// units; the plan covers every domain, the ones that are placeholders today included.
func TestTheSchemaGivesDistinctValidNames(t *testing.T) {
	pl := &planner{byName: map[string]*family{}}
	pl.record(reflect.TypeOf(libprobe.Snapshot{}), libprobe.Schema(), nil, "", nil, nil)
	if len(pl.conflicts) > 0 {
		t.Errorf("fields that would share a name: %v", pl.conflicts)
	}
	valid := regexp.MustCompile(`^libprobe_[a-z0-9_]+$`)
	for _, f := range pl.families {
		if !valid.MatchString(f.name) {
			t.Errorf("invalid name %q", f.name)
		}
		if f.counter != strings.HasSuffix(f.name, "_total") {
			t.Errorf("%s: counter %v but name %q", f.base, f.counter, f.name)
		}
		for _, bad := range []string{"_ms", "_us", "_ns", "_ticks", "_percent", "_mhz", "_bits", "_uj", "_mw", "_uw"} {
			if (strings.HasSuffix(strings.TrimSuffix(f.name, "_total"), bad) || strings.Contains(f.name, bad+"_")) &&
				!strings.Contains(f.name, bad+"_ratio") && !strings.Contains(f.name, "clock_ticks") {
				t.Errorf("%s keeps a non-base unit (%s)", f.name, bad)
			}
		}
		if f.help == "" {
			t.Errorf("%s has no help", f.name)
		}
	}
	if len(pl.families) < 400 {
		t.Errorf("only %d metric families from the schema", len(pl.families))
	}
}

// A fixture machine, scraped as Prometheus would: valid, lint-free, the values the core
// read (counters in base units), per-process series only for the top N, and no secrets.
func TestFixtureScrape(t *testing.T) {
	text, fams := scrape(t, config{fixture: fixture(t, "linux-6.18-vm/t1"), processes: 3, sockets: "summary"}, 2)

	golden, err := os.ReadFile(fixture(t, "linux-6.18-vm.json"))
	if err != nil {
		t.Fatal(err)
	}
	var g struct {
		System struct {
			ClockTicks float64 `json:"clock_ticks"`
			CPUTotal   struct {
				User float64 `json:"user"`
			} `json:"cpu_total"`
			Memory struct {
				Total float64 `json:"total"`
			} `json:"memory"`
			Disks []struct {
				Name      string  `json:"name"`
				ReadBytes float64 `json:"read_bytes"`
				ReadTime  float64 `json:"read_time_ms"`
			} `json:"disks"`
		} `json:"system"`
	}
	if err := json.Unmarshal(golden, &g); err != nil {
		t.Fatal(err)
	}
	near := func(what string, got, want float64) {
		if math.Abs(got-want) > 1e-9*math.Max(1, math.Abs(want)) {
			t.Errorf("%s = %v, want %v", what, got, want)
		}
	}
	near("cpu user", value(t, fams, "libprobe_system_cpu_total_user_seconds_total"), g.System.CPUTotal.User/g.System.ClockTicks)
	near("memory", value(t, fams, "libprobe_system_memory_total_bytes"), g.System.Memory.Total)
	d := g.System.Disks[0]
	near("disk bytes", value(t, fams, "libprobe_system_disks_read_bytes_total", "device", d.Name), d.ReadBytes)
	near("disk time", value(t, fams, "libprobe_system_disks_read_time_seconds_total", "device", d.Name), d.ReadTime/1000)
	if fams["libprobe_system_cpus_times_user_seconds_total"].GetType() != dto.MetricType_COUNTER {
		t.Error("per-CPU user time is not a counter")
	}
	if fams["libprobe_system_memory_used_bytes"].GetType() != dto.MetricType_GAUGE {
		t.Error("memory used is not a gauge")
	}
	value(t, fams, "libprobe_system_cpus_times_idle_seconds_total", "cpu", "0")
	value(t, fams, "libprobe_system_meminfo", "key", "MemTotal")
	value(t, fams, "libprobe_network_interfaces_stats_rx_bytes_total", "interface", "lo")
	value(t, fams, "libprobe_network_tcp_stats_in_segs_total")
	value(t, fams, "libprobe_domain_up", "domain", "system")
	if n := len(fams["libprobe_processes_memory_rss_bytes"].GetMetric()); n != 3 {
		t.Errorf("%d per-process series, want the top 3", n)
	}
	if value(t, fams, "libprobe_processes_entries") < 3 {
		t.Error("the process count is missing")
	}
	if fams["libprobe_network_tcp_entries"] == nil {
		t.Error("the TCP table's length is missing with -sockets summary")
	}
	for name := range fams {
		if strings.Contains(name, "local_port") || strings.Contains(name, "environ") || strings.Contains(name, "cmdline") {
			t.Errorf("%s: a per-socket or secret metric", name)
		}
	}
	if len(fams) < 300 {
		t.Errorf("only %d families on the fixture", len(fams))
	}
	_ = text
}

// goldenAt is the value at path in a golden file: a segment is a key, or `key=value` to
// pick the element of a list whose key has that value.
func goldenAt(t *testing.T, golden string, path ...string) float64 {
	t.Helper()
	text, err := os.ReadFile(fixture(t, golden+".json"))
	if err != nil {
		t.Fatal(err)
	}
	var v any
	if err := json.Unmarshal(text, &v); err != nil {
		t.Fatal(err)
	}
	for _, seg := range path {
		key, want, pick := strings.Cut(seg, "=")
		switch x := v.(type) {
		case map[string]any:
			if pick {
				t.Fatalf("%s: %s is not a list", golden, seg)
			}
			v = x[key]
		case []any:
			v = nil
			for _, e := range x {
				if m, ok := e.(map[string]any); ok && pick && fmt.Sprint(m[key]) == want {
					v = e
					break
				}
			}
		}
		if v == nil {
			t.Fatalf("%s: nothing at %v", golden, path)
		}
	}
	f, ok := v.(float64)
	if !ok {
		t.Fatalf("%s: %v is %T, not a number", golden, path, v)
	}
	return f
}

// Monotonic fields of every domain are counters in the schema, so the exporter declares
// them counters (`_total`) holding what the core read, in base units: at least one per
// domain, from its fixture and golden file. A lost annotation renames the family (no
// `_total`) and fails here; a level stays a gauge.
func TestDomainCounters(t *testing.T) {
	for _, c := range []struct {
		scenario, domain string
		times            int
		family           string
		labels           []string
		golden           []string
		scale            float64
	}{
		{"power-intel-laptop/t1", "power", 1, "libprobe_power_domains_energy_joules_total",
			[]string{"zone", "intel-rapl:0:0"}, []string{"power", "domains", "zone=intel-rapl:0:0", "energy_uj"}, 1e-6},
		{"power-intel-laptop/t1", "power", 1, "libprobe_power_batteries_cycle_count_total",
			[]string{"battery", "BAT0"}, []string{"power", "batteries", "name=BAT0", "cycle_count"}, 1},
		{"storage-smart", "storage", 1, "libprobe_storage_smart_nvme_data_written_bytes_total",
			[]string{"device", "nvme0"}, []string{"storage", "smart", "device=nvme0", "nvme_data_written_bytes"}, 1},
		{"storage-smart", "storage", 1, "libprobe_storage_smart_power_on_seconds_total",
			[]string{"device", "sda"}, []string{"storage", "smart", "device=sda", "power_on_hours"}, 3600},
		{"storage-zfs", "storage", 1, "libprobe_storage_zfs_pools_read_bytes_total",
			[]string{"zfs_pool", "pool1"}, []string{"storage", "zfs_pools", "name=pool1", "read_bytes"}, 1},
		{"storage-zfs", "storage", 1, "libprobe_storage_zfs_arc_hits_total",
			nil, []string{"storage", "zfs_arc", "hits"}, 1},
		// Without NVML (the golden file's GPU 0 comes from a fake one) the DRM cards are
		// numbered from 0: the golden file's GPU 1 is the scrape's GPU 0.
		{"gpu-all-vendors/t1", "gpu", 1, "libprobe_gpus_energy_joules_total",
			[]string{"gpu", "0"}, []string{"gpus", "index=1", "energy_total"}, 1e-3},
		// The tracers' maps are read from the second snapshot on.
		{"ebpf-trace/t1", "ebpf", 2, "libprobe_ebpf_since_attach_syscall_counts_total",
			[]string{"key", "getppid"}, []string{"ebpf", "since_attach", "syscall_counts", "getppid"}, 1},
		{"ebpf-trace/t1", "ebpf", 2, "libprobe_ebpf_tracers_dropped_since_attach_total",
			[]string{"tracer", "syscalls"}, []string{"ebpf", "tracers", "tracer=syscalls", "dropped_since_attach"}, 1},
	} {
		_, fams := scrape(t, config{fixture: fixture(t, c.scenario), domains: []string{c.domain}}, c.times)
		f := fams[c.family]
		if f == nil {
			t.Errorf("%s: no family %s", c.scenario, c.family)
			continue
		}
		if f.GetType() != dto.MetricType_COUNTER {
			t.Errorf("%s: %s is a %v, not a counter", c.scenario, c.family, f.GetType())
		}
		golden := strings.SplitN(c.scenario, "/", 2)[0]
		want := goldenAt(t, golden, c.golden...) * c.scale
		if got := value(t, fams, c.family, c.labels...); math.Abs(got-want) > 1e-9*math.Max(1, math.Abs(want)) {
			t.Errorf("%s: %s%v = %v, want %v", c.scenario, c.family, c.labels, got, want)
		}
	}
	// Levels and values of one interval stay gauges.
	_, fams := scrape(t, config{fixture: fixture(t, "storage-smart"), domains: []string{"storage"}}, 1)
	if f := fams["libprobe_storage_smart_temperature_celsius"]; f == nil || f.GetType() != dto.MetricType_GAUGE {
		t.Error("the SMART temperature is not a gauge")
	}
	_, fams = scrape(t, config{fixture: fixture(t, "ebpf-trace/t1"), domains: []string{"ebpf"}}, 2)
	if f := fams["libprobe_ebpf_syscall_counts"]; f == nil || f.GetType() != dto.MetricType_GAUGE {
		t.Error("the interval's syscall counts are not a gauge")
	}
}

// The fixture's processes name themselves with escape sequences, newlines and invalid
// UTF-8, and carry arguments and an environment: the scrape must still be valid, bounded,
// and hold neither.
func TestScrapeIsValidBoundedAndSecretFree(t *testing.T) {
	text, fams := scrape(t, config{fixture: fixture(t, "adversarial-names"), processes: 3,
		set: [][2]string{{"process.fds", "true"}}}, 1)
	if n := len(fams["libprobe_processes_memory_rss_bytes"].GetMetric()); n != 3 {
		t.Errorf("%d per-process series, want the bound, 3", n)
	}
	for _, secret := range []string{"--flag", "environ", "cmdline", "PATH=", "HOME="} {
		if strings.Contains(text, secret) {
			t.Errorf("the scrape contains %q", secret)
		}
	}
	if _, err := newExporter(config{set: [][2]string{{"process.environ", "true"}}}); err == nil {
		t.Error("the exporter accepted process.environ=true")
	}
}

// With -processes the table is ranked from `stat` alone; the processes exported are read
// in full, with the user's process options, by a probe of their own.
func TestTopProcessesAreReadInFull(t *testing.T) {
	cfg := config{fixture: fixture(t, "linux-6.18-vm/t1"), processes: 3, set: [][2]string{{"process.status", "true"}}}
	ranking, err := cfg.options()
	if err != nil {
		t.Fatal(err)
	}
	detail, err := cfg.detailOptions([]int32{1, 2})
	if err != nil {
		t.Fatal(err)
	}
	get := func(o *libprobe.Options, key string) string {
		v, err := o.Get(key)
		if err != nil {
			t.Fatal(err)
		}
		return v
	}
	for _, k := range []string{"process.status", "process.io", "process.cmdline", "process.paths", "process.limits",
		"process.oom", "process.schedstat", "process.fd_count", "process.namespaces", "process.cgroup"} {
		if get(ranking, k) != "false" {
			t.Errorf("the ranking reads %s", k)
		}
		if get(detail, k) != "true" {
			t.Errorf("the processes exported lack %s", k)
		}
	}
	if get(ranking, "process.cgroup_limits") != "false" || get(detail, "domains") != "process" {
		t.Error("ranking: cgroup limits, or the full read: other domains")
	}
	if got := get(detail, "process.pids"); got != "1,2" {
		t.Errorf("the full read is of pids %s", got)
	}
	_, fams := scrape(t, cfg, 2)
	for _, name := range []string{"libprobe_processes_oom_score", "libprobe_processes_memory_rss_bytes"} {
		if n := len(fams[name].GetMetric()); n != 3 {
			t.Errorf("%s: %d series, want the top 3", name, n)
		}
	}
}

// Without -processes the process table is not read at all.
func TestNoProcessesByDefault(t *testing.T) {
	_, fams := scrape(t, config{fixture: fixture(t, "linux-6.18-vm/t1")}, 1)
	for name := range fams {
		if strings.HasPrefix(name, "libprobe_processes_") {
			t.Errorf("%s without -processes", name)
		}
	}
	if value(t, fams, "libprobe_domain_up", "domain", "process") != 0 {
		t.Error("the process domain was collected")
	}
}

// The cost of one collection on this machine (go test -bench Collect): what a scrape pays
// before compression.
func BenchmarkCollect(b *testing.B) {
	for _, c := range []struct {
		name string
		cfg  config
	}{{"defaults", config{}}, {"top10", config{processes: 10}}} {
		b.Run(c.name, func(b *testing.B) {
			e, err := newExporter(c.cfg)
			if err != nil {
				b.Fatal(err)
			}
			defer e.Close()
			// CPU time (every thread: the reader threads, the garbage collector) as well
			// as wall time: on a shared machine the CPU time is the figure that holds.
			var r0, r1 syscall.Rusage
			_ = syscall.Getrusage(syscall.RUSAGE_SELF, &r0)
			b.ResetTimer()
			for i := 0; i < b.N; i++ {
				if _, err := e.collect(); err != nil {
					b.Fatal(err)
				}
				if err := e.writeText(io.Discard); err != nil {
					b.Fatal(err)
				}
			}
			b.StopTimer()
			_ = syscall.Getrusage(syscall.RUSAGE_SELF, &r1)
			cpu := time.Duration(r1.Utime.Nano() + r1.Stime.Nano() - r0.Utime.Nano() - r0.Stime.Nano())
			b.ReportMetric(float64(cpu.Microseconds())/1e3/float64(b.N), "cpu-ms/op")
		})
	}
}

// goldenNode is the JSON object at path in a golden file: a segment is a key, or
// `k=v,k2=v2` to pick the element of a list with those values.
func goldenNode(t *testing.T, golden string, path ...string) map[string]any {
	t.Helper()
	text, err := os.ReadFile(fixture(t, golden+".json"))
	if err != nil {
		t.Fatal(err)
	}
	var v any
	if err := json.Unmarshal(text, &v); err != nil {
		t.Fatal(err)
	}
	for _, seg := range path {
		switch x := v.(type) {
		case map[string]any:
			v = x[seg]
		case []any:
			v = nil
			for _, e := range x {
				m, ok := e.(map[string]any)
				for _, cond := range strings.Split(seg, ",") {
					key, want, _ := strings.Cut(cond, "=")
					ok = ok && fmt.Sprint(m[key]) == want
				}
				if ok {
					v = e
					break
				}
			}
		}
	}
	m, ok := v.(map[string]any)
	if !ok {
		t.Fatalf("%s: nothing at %v", golden, path)
	}
	return m
}

// The eBPF tracers' latency histograms are Prometheus histograms: cumulative buckets with
// `le` in seconds, `_sum` in seconds and `_count`, equal to the core's log2 buckets, and
// labelled by identity (syscall name, device and operation). Their other fields (min,
// max, percentiles) stay gauges beside them; no flattened bucket list is left.
func TestLatencyHistograms(t *testing.T) {
	text, fams := scrape(t, config{fixture: fixture(t, "ebpf-trace/t1"), domains: []string{"ebpf"}}, 2)
	for _, c := range []struct {
		family string
		labels []string
		golden []string
	}{
		{"libprobe_ebpf_runqueue_latency_seconds", nil, []string{"ebpf", "runqueue_latency"}},
		{"libprobe_ebpf_block_io_latency_seconds", nil, []string{"ebpf", "block_io_latency"}},
		{"libprobe_ebpf_syscall_latencies_seconds", []string{"key", "getppid"},
			[]string{"ebpf", "syscall_latencies", "getppid"}},
		{"libprobe_ebpf_since_attach_syscall_latencies_seconds", []string{"key", "readlink"},
			[]string{"ebpf", "since_attach", "syscall_latencies", "readlink"}},
		{"libprobe_ebpf_since_attach_runqueue_latency_seconds", nil, []string{"ebpf", "since_attach", "runqueue_latency"}},
		{"libprobe_ebpf_block_io_by_device_latency_seconds", []string{"major", "254", "minor", "0", "operation", "write"},
			[]string{"ebpf", "block_io_by_device", "major=254,minor=0,operation=write", "latency"}},
	} {
		f := fams[c.family]
		if f == nil {
			t.Errorf("no family %s", c.family)
			continue
		}
		if f.GetType() != dto.MetricType_HISTOGRAM {
			t.Errorf("%s is a %v, not a histogram", c.family, f.GetType())
			continue
		}
		want := goldenNode(t, "ebpf-trace", c.golden...)
		var h *dto.Histogram
		for _, m := range f.GetMetric() {
			ok := true
			for i := 0; i+1 < len(c.labels); i += 2 {
				found := false
				for _, l := range m.GetLabel() {
					found = found || (l.GetName() == c.labels[i] && l.GetValue() == c.labels[i+1])
				}
				ok = ok && found
			}
			if ok {
				h = m.GetHistogram()
				break
			}
		}
		if h == nil {
			t.Errorf("%s: no series %v", c.family, c.labels)
			continue
		}
		if got, w := h.GetSampleCount(), uint64(want["count"].(float64)); got != w {
			t.Errorf("%s%v: count %d, want %d", c.family, c.labels, got, w)
		}
		if got, w := h.GetSampleSum(), want["sum_ns"].(float64)/1e9; math.Abs(got-w) > 1e-12*math.Max(1, w) {
			t.Errorf("%s%v: sum %v s, want %v", c.family, c.labels, got, w)
		}
		// One bucket per golden bucket, cumulative, then +Inf holding the count.
		buckets := want["buckets"].([]any)
		if len(h.GetBucket()) != len(buckets)+1 {
			t.Errorf("%s%v: %d buckets, want %d and +Inf", c.family, c.labels, len(h.GetBucket()), len(buckets))
			continue
		}
		if inf := h.GetBucket()[len(buckets)]; !math.IsInf(inf.GetUpperBound(), 1) || inf.GetCumulativeCount() != h.GetSampleCount() {
			t.Errorf("%s%v: last bucket le=%v holds %d, want +Inf with the count", c.family, c.labels,
				inf.GetUpperBound(), inf.GetCumulativeCount())
		}
		var cum uint64
		for i, b := range buckets {
			bm := b.(map[string]any)
			cum += uint64(bm["count"].(float64))
			got := h.GetBucket()[i]
			if le := bm["upper_bound_ns"].(float64) / 1e9; math.Abs(got.GetUpperBound()-le) > 1e-15*math.Max(1, le) {
				t.Errorf("%s%v: bucket %d le %v, want %v", c.family, c.labels, i, got.GetUpperBound(), le)
			}
			if got.GetCumulativeCount() != cum {
				t.Errorf("%s%v: bucket %d holds %d, want %d (cumulative)", c.family, c.labels, i, got.GetCumulativeCount(), cum)
			}
		}
	}
	if got, want := value(t, fams, "libprobe_ebpf_syscall_latencies_p99_seconds", "key", "getppid"),
		goldenAt(t, "ebpf-trace", "ebpf", "syscall_latencies", "getppid", "p99_ns")/1e9; math.Abs(got-want) > 1e-15 {
		t.Errorf("getppid p99 = %v, want %v", got, want)
	}
	for name := range fams {
		if strings.Contains(name, "latency_buckets") || strings.Contains(name, "latency_sum") ||
			strings.Contains(name, "latency_number") || strings.Contains(name, "latencies_buckets") {
			t.Errorf("%s: a histogram flattened", name)
		}
	}
	// Prometheus' own checker, where the build has it (make test sets PROMTOOL).
	promtool := os.Getenv("PROMTOOL")
	if promtool == "" {
		promtool = "../../../target/tools/prometheus/usr/bin/promtool"
		if _, err := os.Stat(promtool); err != nil {
			t.Log("no promtool: `promtool check metrics` not run")
			return
		}
	}
	cmd := exec.Command(promtool, "check", "metrics")
	cmd.Stdin = strings.NewReader(text)
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Errorf("promtool check metrics: %v\n%s", err, out)
	}
}
