package libprobe

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"runtime"
	"sort"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"
	"unicode/utf8"
)

func fixtures(t *testing.T) string {
	t.Helper()
	dir, err := filepath.Abs("../../tests/fixtures")
	if err != nil {
		t.Fatal(err)
	}
	return dir
}

// scenarios are the fixture scenarios, found at run time as the golden test and the other
// faces find them: each directory X of tests/fixtures with a golden file X.json beside it,
// sorted. A scenario added there is covered with no edit here.
func scenarios(t *testing.T) []string {
	t.Helper()
	dir := fixtures(t)
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, e := range entries {
		if fi, err := os.Stat(filepath.Join(dir, e.Name())); err != nil || !fi.IsDir() {
			continue
		}
		switch _, err := os.Stat(filepath.Join(dir, e.Name()+".json")); {
		case err == nil:
			out = append(out, e.Name())
		case !errors.Is(err, fs.ErrNotExist):
			t.Fatal(err)
		}
	}
	sort.Strings(out)
	if len(out) == 0 {
		t.Fatalf("no scenario (a directory X with X.json beside it) in %s", dir)
	}
	return out
}

// scenarioOptions are goldenOptions with what golden.rs (`options`) takes for a scenario:
// the domains of its `domains` file (one line, parsed by the core as option "domains" is:
// golden.rs's Domains::parse), the default set without one; and, with an `nvml.xml`, NVIDIA
// GPUs from the fake NVML answering from it, named by LIBPROBE_NVML_LIBRARY for the rest of
// t. Without one the variable is empty (unset to the core), so no NVML reaches the fixture.
func scenarioOptions(t *testing.T, scenario string) *Options {
	t.Helper()
	dir := filepath.Join(fixtures(t), scenario)
	opts := goldenOptions(dir)
	switch b, err := os.ReadFile(filepath.Join(dir, "domains")); {
	case err == nil:
		if err := opts.Set("domains", strings.TrimSpace(string(b))); err != nil {
			t.Fatalf("%s/domains: %v", scenario, err)
		}
	case !errors.Is(err, fs.ErrNotExist):
		t.Fatal(err)
	}
	xml := filepath.Join(dir, "nvml.xml")
	switch _, err := os.Stat(xml); {
	case err == nil:
		t.Setenv("LIBPROBE_NVML_LIBRARY", fakeNVML(t, xml))
	case errors.Is(err, fs.ErrNotExist):
		t.Setenv("LIBPROBE_NVML_LIBRARY", "")
	default:
		t.Fatal(err)
	}
	return opts
}

// fakeNVML builds tests/fake_nvml/fake_nvml.c with $CC (else cc) as libnvidia-ml.so.1
// beside a copy of xml, in a directory of t (tests/fake_nvml/README.md), and returns the
// library's path. Without a C compiler the test is skipped.
func fakeNVML(t *testing.T, xml string) string {
	t.Helper()
	cc := os.Getenv("CC")
	if cc == "" {
		cc = "cc"
	}
	if _, err := exec.LookPath(cc); err != nil {
		t.Skipf("%s: no C compiler (%q) to build the fake NVML of tests/fake_nvml: %v", xml, cc, err)
	}
	src, err := filepath.Abs("../../tests/fake_nvml/fake_nvml.c")
	if err != nil {
		t.Fatal(err)
	}
	d := t.TempDir()
	lib := filepath.Join(d, "libnvidia-ml.so.1")
	if out, err := exec.Command(cc, "-std=c11", "-shared", "-fPIC", "-O1", "-o", lib, src).CombinedOutput(); err != nil {
		t.Fatalf("building the fake NVML: %v\n%s", err, out)
	}
	b, err := os.ReadFile(xml)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(d, "nvml.xml"), b, 0o644); err != nil {
		t.Fatal(err)
	}
	return lib
}

// goldenOptions are the golden files' options (libprobe-core/tests/golden.rs): every
// field group, environ and conntrack entries included.
func goldenOptions(fixture string) *Options {
	yes := Bool(true)
	return &Options{
		Fixture: fixture,
		Process: ProcessOptions{SmapsRollup: yes, Maps: yes, Fds: yes, Environ: yes, Taskstats: yes},
		Network: NetworkOptions{Conntrack: yes},
	}
}

// asJSONText is what the core's JSON holds for bytes: each byte that is not valid UTF-8
// becomes \udcXX, which a JSON decoder reads as U+FFFD.
func asJSONText(s string) string {
	if utf8.ValidString(s) {
		return s
	}
	var b strings.Builder
	for i := 0; i < len(s); {
		r, n := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && n == 1 {
			b.WriteRune(utf8.RuneError)
		} else {
			b.WriteString(s[i : i+n])
		}
		i += n
	}
	return b.String()
}

// compare checks the Go value v against the core's JSON value j, field by field.
func compare(path string, v reflect.Value, j any) error {
	switch v.Kind() {
	case reflect.Struct:
		if isField(v.Type()) {
			if v.FieldByName("Valid").Bool() {
				return compare(path, v.FieldByName("Value"), j)
			}
			if j != nil {
				return fmt.Errorf("%s: missing in Go, %v in JSON", path, j)
			}
			return nil
		}
		obj, ok := j.(map[string]any)
		if !ok {
			return fmt.Errorf("%s: a record in Go, %T in JSON", path, j)
		}
		unavailable, _ := obj["unavailable"].(map[string]any)
		seen := 0
		for i := 0; i < v.NumField(); i++ {
			f := v.Type().Field(i)
			name := f.Tag.Get("json")
			jv, present := obj[name]
			if !present {
				return fmt.Errorf("%s.%s: not in the JSON", path, name)
			}
			seen++
			fv := v.Field(i)
			if isField(fv.Type()) && !fv.FieldByName("Valid").Bool() {
				reason := Reason(fv.FieldByName("Reason").Int())
				want, listed := unavailable[name]
				if reason != 0 && (!listed || want != reason.String()) {
					return fmt.Errorf("%s.%s: reason %s in Go, %v in JSON", path, name, reason, want)
				}
				if reason == 0 && listed {
					return fmt.Errorf("%s.%s: absent in Go, unavailable (%v) in JSON", path, name, want)
				}
			}
			if err := compare(path+"."+name, fv, jv); err != nil {
				return err
			}
		}
		extra := 0
		if unavailable != nil {
			extra = 1
		}
		if seen+extra != len(obj) {
			return fmt.Errorf("%s: %d fields in Go, %d keys in JSON", path, seen, len(obj))
		}
		return nil
	case reflect.Slice:
		if strings.HasPrefix(v.Type().Elem().Name(), "Entry[") {
			obj, ok := j.(map[string]any)
			if !ok {
				return fmt.Errorf("%s: a map in Go, %T in JSON", path, j)
			}
			keys := map[string]bool{}
			for i := 0; i < v.Len(); i++ {
				k := asJSONText(v.Index(i).FieldByName("Key").String())
				if keys[k] {
					continue // a repeated key: JSON objects keep one
				}
				keys[k] = true
				jv, ok := obj[k]
				if !ok {
					return fmt.Errorf("%s[%q]: not in the JSON", path, k)
				}
				if err := compare(path+"["+k+"]", v.Index(i).FieldByName("Value"), jv); err != nil {
					return err
				}
			}
			if len(keys) != len(obj) {
				return fmt.Errorf("%s: %d keys in Go, %d in JSON", path, len(keys), len(obj))
			}
			return nil
		}
		arr, ok := j.([]any)
		if !ok || len(arr) != v.Len() {
			return fmt.Errorf("%s: %d items in Go, %v in JSON", path, v.Len(), j)
		}
		for i := range arr {
			if err := compare(fmt.Sprintf("%s[%d]", path, i), v.Index(i), arr[i]); err != nil {
				return err
			}
		}
		return nil
	case reflect.String:
		if s, ok := j.(string); !ok || s != asJSONText(v.String()) {
			return fmt.Errorf("%s: %q in Go, %v in JSON", path, v.String(), j)
		}
		return nil
	case reflect.Bool:
		if b, ok := j.(bool); !ok || b != v.Bool() {
			return fmt.Errorf("%s: %v in Go, %v in JSON", path, v.Bool(), j)
		}
		return nil
	case reflect.Float64:
		n, ok := j.(json.Number)
		if !ok {
			if j == nil && (v.Float() != v.Float()) {
				return nil // NaN is null
			}
			return fmt.Errorf("%s: %v in Go, %v in JSON", path, v.Float(), j)
		}
		f, err := strconv.ParseFloat(string(n), 64)
		if err != nil || f != v.Float() {
			return fmt.Errorf("%s: %v in Go, %v in JSON", path, v.Float(), n)
		}
		return nil
	case reflect.Int32:
		if s, ok := v.Interface().(fmt.Stringer); ok {
			if js, ok := j.(string); !ok || js != s.String() {
				return fmt.Errorf("%s: %s in Go, %v in JSON", path, s, j)
			}
			return nil
		}
		fallthrough
	case reflect.Int8, reflect.Int16, reflect.Int64, reflect.Int:
		if n, ok := j.(json.Number); !ok || string(n) != strconv.FormatInt(v.Int(), 10) {
			return fmt.Errorf("%s: %d in Go, %v in JSON", path, v.Int(), j)
		}
		return nil
	case reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Uint:
		if n, ok := j.(json.Number); !ok || string(n) != strconv.FormatUint(v.Uint(), 10) {
			return fmt.Errorf("%s: %d in Go, %v in JSON", path, v.Uint(), j)
		}
		return nil
	}
	return fmt.Errorf("%s: unhandled Go kind %s", path, v.Kind())
}

// checkAgainstCore makes a probe with opts, calls before with it (when not nil: the earlier
// snapshots of a rate scenario, and the tree swapped under the probe), then takes a
// snapshot with its JSON and checks it: every field of the Go snapshot equals the core's
// JSON of the same snapshot, and json.Marshal of it is that JSON. It returns both.
func checkAgainstCore(t *testing.T, name string, opts *Options, before func(*Probe)) (*Snapshot, []byte) {
	t.Helper()
	opts.JSON = true
	p, err := New(opts)
	if err != nil {
		t.Fatalf("%s: New: %v", name, err)
	}
	defer p.Close()
	if before != nil {
		before(p)
	}
	snap, raw, err := p.SnapshotJSON()
	if err != nil {
		t.Fatalf("%s: SnapshotJSON: %v", name, err)
	}
	j := decodeJSON(t, name+": core JSON", raw)
	if err := compare("snapshot", reflect.ValueOf(*snap), j); err != nil {
		t.Errorf("%s: the Go snapshot differs from the core's JSON: %v", name, err)
	}
	// json.Marshal of the Go values is the core's JSON too.
	mine, err := json.Marshal(snap)
	if err != nil {
		t.Fatalf("%s: json.Marshal: %v", name, err)
	}
	m := decodeJSON(t, name+": json.Marshal", mine)
	if d := jsonDiff("$", m, j); d != "" {
		t.Errorf("%s: json.Marshal(snapshot) differs from the core's JSON: %s", name, d)
	}
	return snap, raw
}

// decodeJSON parses JSON text with numbers kept as written.
func decodeJSON(t *testing.T, what string, text []byte) any {
	t.Helper()
	dec := json.NewDecoder(bytes.NewReader(text))
	dec.UseNumber()
	var v any
	if err := dec.Decode(&v); err != nil {
		t.Fatalf("%s: invalid JSON: %v", what, err)
	}
	return v
}

// jsonDiff is the first difference between two parsed JSON values ("" when equal):
// numbers compare as written, everything else strictly.
func jsonDiff(path string, a, b any) string {
	switch a := a.(type) {
	case map[string]any:
		bm, ok := b.(map[string]any)
		if !ok {
			return fmt.Sprintf("%s: an object, %T", path, b)
		}
		keys := make([]string, 0, len(a))
		for k := range a {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		for _, k := range keys {
			bv, ok := bm[k]
			if !ok {
				return fmt.Sprintf("%s.%s: only in the first", path, k)
			}
			if d := jsonDiff(path+"."+k, a[k], bv); d != "" {
				return d
			}
		}
		if len(a) != len(bm) {
			return fmt.Sprintf("%s: %d keys, %d", path, len(a), len(bm))
		}
		return ""
	case []any:
		bl, ok := b.([]any)
		if !ok || len(a) != len(bl) {
			return fmt.Sprintf("%s: %d items, %v", path, len(a), b)
		}
		for i := range a {
			if d := jsonDiff(fmt.Sprintf("%s[%d]", path, i), a[i], bl[i]); d != "" {
				return d
			}
		}
		return ""
	}
	if !reflect.DeepEqual(a, b) {
		return fmt.Sprintf("%s: %#v, %#v", path, a, b)
	}
	return ""
}

// snapshotScenario checks a scenario's snapshot against the core's JSON (checkAgainstCore),
// taken as golden.rs (`collect`) takes it: with its options (scenarioOptions), of its tree,
// or for a rate scenario (t0/, t1/) the second snapshot of one probe on a link moved from
// t0 to t1 in between. The core's JSON, the tree's path written `<fixture>`, is then the
// golden file, so the scenario is read as the golden test reads it.
func snapshotScenario(t *testing.T, scenario string) *Snapshot {
	opts := scenarioOptions(t, scenario)
	dir := filepath.Join(fixtures(t), scenario)
	root := dir
	var before func(*Probe)
	if fi, err := os.Stat(filepath.Join(dir, "t0")); err == nil && fi.IsDir() {
		tree, err := filepath.EvalSymlinks(dir)
		if err != nil {
			t.Fatal(err)
		}
		tmp := t.TempDir()
		root = filepath.Join(tmp, "root")
		if err := os.Symlink(filepath.Join(tree, "t0"), root); err != nil {
			t.Fatal(err)
		}
		before = func(p *Probe) {
			if _, err := p.Snapshot(); err != nil {
				t.Fatalf("%s: the snapshot of t0: %v", scenario, err)
			}
			next := filepath.Join(tmp, "next")
			if err := os.Symlink(filepath.Join(tree, "t1"), next); err != nil {
				t.Fatal(err)
			}
			if err := os.Rename(next, root); err != nil {
				t.Fatal(err)
			}
		}
	}
	opts.Fixture = root
	snap, raw := checkAgainstCore(t, scenario, opts, before)
	quoted, err := json.Marshal(root)
	if err != nil {
		t.Fatal(err)
	}
	anonymous := bytes.ReplaceAll(raw, quoted[1:len(quoted)-1], []byte("<fixture>"))
	goldenText, err := os.ReadFile(dir + ".json")
	if err != nil {
		t.Fatal(err)
	}
	if d := jsonDiff("$", decodeJSON(t, scenario+": core JSON", anonymous), decodeJSON(t, scenario+".json", goldenText)); d != "" {
		t.Errorf("%s: the core's JSON is not the golden file (the scenario is not read as golden.rs reads it): %s", scenario, d)
	}
	return snap
}

// Every field of every record of each fixture scenario (every one under tests/fixtures,
// taken as the golden test takes it), and of this machine, equals the core's JSON of the
// same snapshot.
func TestSnapshotsMatchTheCoreJSON(t *testing.T) {
	all := scenarios(t)
	for _, s := range all {
		t.Run(s, func(t *testing.T) { snapshotScenario(t, s) })
	}
	t.Logf("%d fixture scenarios: %s", len(all), strings.Join(all, " "))
	t.Run("this machine", func(t *testing.T) { checkAgainstCore(t, "this machine", &Options{}, nil) })
}

// A child with known properties is found with the right fields.
func TestLiveChild(t *testing.T) {
	cmd := exec.Command("sleep", "30.5")
	cmd.Env = []string{"LIBPROBE_GO_TEST=1"}
	if err := cmd.Start(); err != nil {
		t.Skipf("cannot start sleep: %v", err)
	}
	defer func() { _ = cmd.Process.Kill(); _ = cmd.Wait() }()
	time.Sleep(100 * time.Millisecond)
	pid := int32(cmd.Process.Pid)
	opts := goldenOptions("")
	opts.Domains = []DomainName{DomainProcess}
	opts.Process.Pids = []int32{pid}
	opts.Process.Threads = Uint32(2)
	p, err := New(opts)
	if err != nil {
		t.Fatal(err)
	}
	defer p.Close()
	snap, err := p.Snapshot()
	if err != nil {
		t.Fatal(err)
	}
	procs, ok := snap.Processes.Get()
	if !ok || len(procs) != 1 {
		t.Fatalf("processes: %+v", snap.Processes)
	}
	c := procs[0]
	if ppid, ok := c.PPID.Get(); c.PID != pid || !ok || ppid != int32(os.Getpid()) || c.Name != "sleep" {
		t.Errorf("pid %d ppid %+v name %q", c.PID, c.PPID, c.Name)
	}
	if argv, ok := c.Cmdline.Get(); !ok || strings.Join(argv, " ") != "sleep 30.5" {
		t.Errorf("cmdline %+v", c.Cmdline)
	}
	env, ok := c.Environ.Get()
	if !ok || len(env) != 1 || env[0].Key != "LIBPROBE_GO_TEST" || env[0].Value != "1" {
		t.Errorf("environ %+v", c.Environ)
	}
	if rss, ok := c.MemoryRSS.Get(); !ok || rss == 0 || c.StartTime == 0 {
		t.Errorf("rss %+v start %d", c.MemoryRSS, c.StartTime)
	}
	if _, ok := c.CPUPercent.Get(); ok || c.CPUPercent.Reason != ReasonNoPreviousSample {
		t.Errorf("first snapshot cpu_percent: %+v", c.CPUPercent)
	}
	if st := snap.Domains[0]; st.Domain != DomainSystem || st.State != DomainStateSkipped ||
		st.Reason.Value != ReasonDisabled {
		t.Errorf("system status %+v", st)
	}
}

func TestCloseIsIdempotentAndErrorsCarryTheStatus(t *testing.T) {
	p, err := New(&Options{Fixture: filepath.Join(fixtures(t), "old-kernel-4.19")})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := p.Snapshot(); err != nil {
		t.Fatal(err)
	}
	if _, _, err := p.SnapshotJSON(); !errors.Is(err, &Error{Status: StatusNotEnabled}) {
		t.Errorf("JSON without Options.JSON: %v", err)
	}
	if err := p.Close(); err != nil {
		t.Fatal(err)
	}
	if err := p.Close(); err != nil {
		t.Fatal(err)
	}
	if _, err := p.Snapshot(); !errors.Is(err, ErrClosed) {
		t.Errorf("after Close: %v", err)
	}
	_, err = New(&Options{Domains: []DomainName{DomainName(0)}})
	var e *Error
	if !errors.As(err, &e) || e.Status != StatusInvalidArgument || !strings.Contains(e.Error(), "LIBPROBE_STATUS_INVALID_ARGUMENT") {
		t.Errorf("bad domain: %v", err)
	}
	if _, err := New(&Options{Process: ProcessOptions{Threads: Uint32(1000)}}); !errors.Is(err, &Error{Status: StatusInvalidArgument}) ||
		!strings.Contains(err.Error(), "process.threads") {
		t.Errorf("1000 reader threads: %v", err)
	}
	if _, err := New(&Options{MaxFileBytes: 0, Procfs: "/nonexistent"}); err != nil {
		t.Errorf("a missing root is reported per domain, not by New: %v", err)
	}
	if Version() == "" {
		t.Error("no version")
	}
}

// SnapshotSelect ranks every process from its C record and converts only those picked:
// the same records Snapshot gives, in the order picked, the rest of the snapshot alike.
func TestSnapshotSelectConvertsOnlyThePicked(t *testing.T) {
	dir := filepath.Join(fixtures(t), "linux-6.18-vm/t1")
	full, err := New(goldenOptions(dir))
	if err != nil {
		t.Fatal(err)
	}
	defer full.Close()
	want, err := full.Snapshot()
	if err != nil {
		t.Fatal(err)
	}
	p, err := New(goldenOptions(dir))
	if err != nil {
		t.Fatal(err)
	}
	defer p.Close()
	all := want.Processes.Value
	if len(all) < 3 {
		t.Fatalf("%d processes in the fixture", len(all))
	}
	var seen []ProcessRank
	got, err := p.SnapshotSelect(func(ranks []ProcessRank) []int {
		seen = ranks
		return []int{len(ranks) - 1, 0, len(ranks) - 1, -1, len(ranks)}
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(seen) != len(all) {
		t.Fatalf("%d ranks, want %d", len(seen), len(all))
	}
	for i, r := range seen {
		w := all[i]
		if r.PID != w.PID || r.StartTime != w.StartTime || r.CPUPercent != w.CPUPercent || r.MemoryRSS != w.MemoryRSS {
			t.Errorf("rank %d: %+v, want the record's %d %d %v %v", i, r, w.PID, w.StartTime, w.CPUPercent, w.MemoryRSS)
		}
	}
	procs, ok := got.Processes.Get()
	if !ok || len(procs) != 2 {
		t.Fatalf("%d processes converted, want the 2 picked (repeats and bad indices ignored)", len(procs))
	}
	if !reflect.DeepEqual(procs[0], all[len(all)-1]) || !reflect.DeepEqual(procs[1], all[0]) {
		t.Error("the picked records differ from Snapshot's")
	}
	got.Processes.Value, want.Processes.Value = nil, nil
	got.TimestampUnixNS, got.TimestampMonotonicNS, got.DurationNS = 0, 0, 0
	want.TimestampUnixNS, want.TimestampMonotonicNS, want.DurationNS = 0, 0, 0
	for i := range got.Domains {
		got.Domains[i].DurationNS, want.Domains[i].DurationNS = 0, 0
	}
	if !reflect.DeepEqual(got, want) {
		t.Error("the rest of the snapshot differs from Snapshot's")
	}
	none, err := New(&Options{Fixture: dir, Domains: []DomainName{DomainSystem}})
	if err != nil {
		t.Fatal(err)
	}
	defer none.Close()
	if _, err := none.SnapshotSelect(func([]ProcessRank) []int { t.Error("pick called without processes"); return nil }); err != nil {
		t.Fatal(err)
	}
}

// Many goroutines: one probe each, and several sharing one probe; run with -race.
func TestGoroutines(t *testing.T) {
	dir := filepath.Join(fixtures(t), "linux-6.18-vm/t1")
	shared, err := New(&Options{Fixture: dir})
	if err != nil {
		t.Fatal(err)
	}
	defer shared.Close()
	var wg sync.WaitGroup
	errs := make(chan error, 64)
	for g := 0; g < 8; g++ {
		wg.Add(2)
		go func() {
			defer wg.Done()
			p, err := New(&Options{Fixture: dir})
			if err != nil {
				errs <- err
				return
			}
			defer p.Close()
			for i := 0; i < 10; i++ {
				if _, err := p.Snapshot(); err != nil {
					errs <- err
				}
			}
		}()
		go func() {
			defer wg.Done()
			for i := 0; i < 5; i++ {
				s, err := shared.Snapshot()
				if err != nil {
					errs <- err
					continue
				}
				if procs, _ := s.Processes.Get(); len(procs) == 0 {
					errs <- errors.New("no processes")
				}
			}
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}
}

func rssKiB(t *testing.T) int64 {
	b, err := os.ReadFile("/proc/self/statm")
	if err != nil {
		t.Fatal(err)
	}
	f := strings.Fields(string(b))
	pages, _ := strconv.ParseInt(f[1], 10, 64)
	return pages * int64(os.Getpagesize()) / 1024
}

// Probes left to the finalizer and snapshots left to the garbage collector, in a loop:
// memory stays flat.
func TestGarbageCollectionLoop(t *testing.T) {
	dir := filepath.Join(fixtures(t), "linux-6.18-vm/t1")
	// A snapshot of this fixture through the debug library takes ~6 ms: 3 000 of them
	// show a leak of 6 KiB per iteration. (The C tests check the library's heap to the
	// byte; this loop checks what Go's finalizers and garbage collector free.)
	n := 3000
	if testing.Short() || raceEnabled {
		n = 1000
	}
	var warm int64
	for i := 1; i <= n; i++ {
		p, err := New(&Options{Fixture: dir})
		if err != nil {
			t.Fatal(err)
		}
		if _, err := p.Snapshot(); err != nil {
			t.Fatal(err)
		}
		if i%4 == 0 {
			_ = p.Close() // the others are left to the finalizer
		}
		if i == n/10 {
			runtime.GC()
			warm = rssKiB(t)
		}
	}
	runtime.GC()
	runtime.GC()
	end := rssKiB(t)
	t.Logf("%d iterations: RSS %d KiB after %d, %d KiB at the end (%+d KiB)", n, warm, n/10, end, end-warm)
	if end-warm > 16*1024 {
		t.Errorf("RSS grew by %d KiB", end-warm)
	}
}

// BenchmarkSnapshot: a default snapshot of this machine, converted to Go structs (compare
// with the Rust figure of `make bench-c`).
func BenchmarkSnapshot(b *testing.B) {
	p, err := New(nil)
	if err != nil {
		b.Fatal(err)
	}
	defer p.Close()
	for i := 0; i < b.N; i++ {
		if _, err := p.Snapshot(); err != nil {
			b.Fatal(err)
		}
	}
}

// The parity test of this face: each option of the core's schema, set through its field
// in Options (found by name) with a Go value of its kind, and again through Set, is what
// the core then holds.
func TestEveryOptionOfTheSchemaReachesTheCore(t *testing.T) {
	schema := OptionSchema()
	if len(schema) == 0 || schema[0].Key != "domains" {
		t.Fatalf("schema: %v", schema)
	}
	for _, o := range schema {
		if o.Default == o.Sample {
			t.Errorf("%s: the sample is the default", o.Key)
		}
		var opts Options
		if err := opts.Set(o.Key, o.Sample); err != nil {
			t.Fatalf("Set(%s, %s): %v", o.Key, o.Sample, err)
		}
		if got, err := opts.Get(o.Key); err != nil || got != o.Sample {
			t.Errorf("Set(%s, %s): the core holds %q (%v)", o.Key, o.Sample, got, err)
		}
		if o.Domain == "" {
			continue
		}
		path, ok := optionFields[o.Key]
		if !ok {
			t.Errorf("%s has no field in Options", o.Key)
			continue
		}
		var typed Options
		domain, name, _ := strings.Cut(path, ".")
		field := reflect.ValueOf(&typed).Elem().FieldByName(domain).FieldByName(name)
		setSample(t, field, o)
		if got, err := typed.Get(o.Key); err != nil || got != o.Sample {
			t.Errorf("Options.%s = sample: the core holds %q, not %q (%v)", path, got, o.Sample, err)
		}
	}
	var opts Options
	if err := opts.Set("network.sokets", "tcp"); !errors.Is(err, &Error{Status: StatusUnknownOption}) ||
		!strings.Contains(err.Error(), "network.sokets") {
		t.Errorf("a misspelt key: %v", err)
	}
	if err := opts.Set("network.sockets", "tcp,pigeon"); !errors.Is(err, &Error{Status: StatusInvalidArgument}) {
		t.Errorf("a bad value: %v", err)
	}
}

// setSample sets field (a pointer or slice of an option's Go type) to the option's sample.
func setSample(t *testing.T, field reflect.Value, o OptionInfo) {
	t.Helper()
	split := func(s string) []string {
		var out []string
		for _, p := range strings.Split(s, ",") {
			if p != "" {
				out = append(out, p)
			}
		}
		return out
	}
	switch o.Kind {
	case "bool":
		field.Set(reflect.ValueOf(Bool(o.Sample == "true")))
	case "uint":
		n, err := strconv.ParseUint(o.Sample, 10, 64)
		if err != nil {
			t.Fatal(err)
		}
		if field.Type().Elem().Kind() == reflect.Uint32 {
			field.Set(reflect.ValueOf(Uint32(uint32(n))))
		} else {
			v := n
			field.Set(reflect.ValueOf(&v))
		}
	case "names", "words":
		field.Set(reflect.ValueOf(append([]string{}, split(o.Sample)...)))
	case "pids":
		pids := []int32{}
		for _, p := range split(o.Sample) {
			n, err := strconv.Atoi(p)
			if err != nil {
				t.Fatal(err)
			}
			pids = append(pids, int32(n))
		}
		field.Set(reflect.ValueOf(pids))
	default:
		field.Set(reflect.ValueOf(String(o.Sample)))
	}
}

// The schema at run time: every generated struct has its record, field by field, with the
// units and counters of the core.
func TestSchema(t *testing.T) {
	root := Schema()
	if root.Name != "Snapshot" || SchemaOf(reflect.TypeOf(Snapshot{})) != root {
		t.Fatalf("root %q", root.Name)
	}
	times := SchemaOf(reflect.TypeOf(CPUTimes{}))
	if times == nil || times.Name != "CpuTimes" {
		t.Fatalf("CPUTimes: %v", times)
	}
	if f := times.Field("user"); f == nil || f.Metric != MetricCounter || f.Unit != "ticks" || f.Type.Kind != KindU64 {
		t.Errorf("CpuTimes.user: %+v", f)
	}
	if f := SchemaOf(reflect.TypeOf(Memory{})).Field("total"); f == nil || f.Metric != MetricGauge || f.Unit != "bytes" {
		t.Errorf("Memory.total: %+v", f)
	}
	if f := SchemaOf(reflect.TypeOf(System{})).Field("disks"); f == nil || f.Type.Kind != KindField ||
		f.Type.Elem.Kind != KindList || f.Type.Elem.Elem.Record.Name != "DiskStats" {
		t.Errorf("System.disks: %+v", f)
	}
	// Each struct's json tags are its record's fields, in order.
	seen := 0
	var walk func(reflect.Type)
	visited := map[reflect.Type]bool{}
	walk = func(typ reflect.Type) {
		if visited[typ] {
			return
		}
		visited[typ] = true
		r := SchemaOf(typ)
		if r == nil {
			t.Errorf("no schema for %s", typ)
			return
		}
		seen++
		for i := 0; i < typ.NumField(); i++ {
			if name := typ.Field(i).Tag.Get("json"); i >= len(r.Fields) || r.Fields[i].Name != name {
				t.Errorf("%s field %d: json %q", typ, i, name)
			}
			ft := typ.Field(i).Type
			for ft.Kind() == reflect.Slice || strings.HasPrefix(ft.Name(), "Field[") || strings.HasPrefix(ft.Name(), "Entry[") {
				switch {
				case ft.Kind() == reflect.Slice:
					ft = ft.Elem()
				case strings.HasPrefix(ft.Name(), "Entry["):
					ft = ft.Field(1).Type
				default:
					ft = ft.Field(0).Type
				}
			}
			if ft.Kind() == reflect.Struct {
				walk(ft)
			}
		}
	}
	walk(reflect.TypeOf(Snapshot{}))
	if seen < 50 {
		t.Errorf("only %d record types", seen)
	}
}
