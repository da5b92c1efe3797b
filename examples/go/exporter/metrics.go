package main

// From a snapshot to metric families, by the record schema (libprobe.Schema): every
// numeric and boolean field becomes a metric named after its path, typed counter or gauge
// by the schema, in base units, with the field's doc comment as help. The plan (which Go
// field is which metric) is made once from the schema; a scrape only follows it.
//
// Lists are where cardinality comes from, so each gets one of three treatments:
//   - one series per element, labelled with the element's identity, for lists of things
//     the machine has a bounded number of (CPUs, disks, mounts, interfaces, GPUs, RAPL
//     zones, per-CPU conntrack counters, counter tables);
//   - per process, for records that carry a `pid`: only the top N processes, and only
//     when asked for (-processes N), labelled pid and name;
//   - the length only (`…_entries`), for unbounded tables: sockets, routes, neighbours,
//     conntrack entries, open files, memory maps, file open events (unboundedRecords).
//
// Strings, enums and lists of scalars are not metrics and are left out, so command lines
// and environments never reach an exporter (environ is also never collected).

import (
	"fmt"
	"math"
	"reflect"
	"sort"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	libprobe "github.com/libprobe/libprobe/bindings/go"
)

// unboundedRecords are the records of lists with no bound but the workload's: one per
// socket, route, neighbour, tracked flow, open file or mapping. Only their length is
// exported.
var unboundedRecords = map[string]bool{
	"TcpConnection": true, "UdpConnection": true, "UnixSocket": true, "RawSocket": true,
	"NetlinkSocket": true, "PacketSocket": true, "SocketOwner": true, "Route": true,
	"RouteNextHop": true, "ArpEntry": true, "ConntrackEntry": true, "OpenFile": true,
	"OpenSocket": true, "MemoryMap": true, "FileOpen": true,
}

// listLabels names the identity label of some lists after node_exporter's habits; any
// other list's label is its name in the singular (`cpus` → `cpu`).
var listLabels = map[string]string{
	"disks":   "device",
	"snmp":    "table",
	"netstat": "table",
}

// maxElements bounds the series one list gives (per parent element).
const maxElements = 4096

type labelPair struct{ name, value string }

type sample struct {
	labels []labelPair
	value  float64
	hist   *histValue // a histogram family's sample
}

// histValue is one histogram: cumulative counts at each upper bound (base units), the
// sum and the count (the `+Inf` bucket).
type histValue struct {
	bounds []float64
	cum    []uint64
	sum    float64
	count  uint64
}

// family is one metric: what a scrape writes under one name.
type family struct {
	name    string // Prometheus name (`_total` for counters)
	base    string // without `_total` (OpenTelemetry's name)
	help    string
	otel    string // UCUM unit
	counter bool
	untyped bool   // a peer's family typed untyped (node_exporter's ZFS kstats)
	hist    bool   // a histogram: samples carry hist, written as _bucket, _sum, _count
	peer    string // the exporter whose name this is (compat.go); "" for derived families
	samples []sample
	seen    map[string]struct{}
}

type numKind int

const (
	numUint numKind = iota
	numInt
	numFloat
	numBool
)

type listMode int

const (
	listElements listMode = iota
	listProcesses
	listLength
)

// node is one field of a record in the plan.
type node struct {
	field   int  // index in the Go struct
	wrapped bool // a Field[T]: Value is field 0, Valid field 1
	// A number or boolean:
	leaf    *family
	num     numKind
	scale   float64
	div     float64 // 1/scale when that is a whole number (1e9 for ns)
	perTick bool
	// Or a record (hist: one shaped as a histogram, its other fields in record), a list
	// or a map:
	hist   *histPlan
	record *recordPlan
	list   *listPlan
	mapv   *mapPlan
}

type recordPlan struct {
	name  string
	nodes []*node
}

type keyField struct {
	field int
	label string
	kind  libprobe.TypeKind
}

type listPlan struct {
	mode        listMode
	elem        *recordPlan
	keys        []keyField // identity, in preference order (listElements)
	length      *family    // listLength and listProcesses
	pid         int        // listProcesses: the pid field
	name        int        // listProcesses: the name field (-1 when none)
	nameWrapped bool
}

type mapPlan struct {
	fam          *family // numbers
	valueWrapped bool
	num          numKind
	label        string
	// Or records (syscall name → its latency histogram).
	hist   *histPlan
	record *recordPlan
}

// histPlan is a record the schema shapes as a histogram (histogramShape): a list of
// buckets, each an upper bound and a count, the sum of the values and their count. It is
// exported as a Prometheus histogram: cumulative `_bucket{le=…}` in base units, `_sum`,
// `_count`.
type histPlan struct {
	fam                 *family
	buckets, sum, count int // fields of the record
	bound, bucketCount  int // fields of a bucket
	sumWrapped          bool
	scale, div          float64
	skip                map[string]bool // the fields it exports: not planned again
}

// planner makes the plan from the schema; families are shared by name.
type planner struct {
	families []*family
	byName   map[string]*family
	// conflicts lists names two fields would share (none today: a test checks).
	conflicts []string
}

func (p *planner) family(name, base, help, otel string, counter bool) *family {
	if _, ok := p.byName[name]; ok {
		p.conflicts = append(p.conflicts, name)
		return nil
	}
	f := &family{name: name, base: base, help: help, otel: otel, counter: counter, seen: map[string]struct{}{}}
	p.families = append(p.families, f)
	p.byName[name] = f
	return f
}

// helpOf is a field's doc comment on one line (its first paragraph), or a description
// made from its place when it has none.
func helpOf(f *libprobe.FieldSchema, record string, u unitInfo, unit string) string {
	doc := f.Doc
	if i := strings.Index(doc, "\n\n"); i >= 0 {
		doc = doc[:i]
	}
	doc = strings.Join(strings.Fields(doc), " ")
	doc = strings.NewReplacer("[`", "`", "`]", "`").Replace(doc)
	if doc == "" {
		doc = fmt.Sprintf("%s.%s.", record, f.Name)
	}
	if unit != "" && (u.perTick || u.scale != 1) {
		doc += fmt.Sprintf(" (Converted from %s.)", unit)
	}
	return doc
}

// histogramShape finds, in record r, what makes it a histogram: a `count`, a `sum…` in a
// unit, and a list of buckets, each with an `upper_bound…` in the same unit and a
// `count`. It returns the schema's fields (nil when r is not shaped so).
func histogramShape(r *libprobe.RecordSchema) (buckets, sum, count, bound, bucketCount *libprobe.FieldSchema) {
	numeric := func(f *libprobe.FieldSchema) bool {
		k := f.Type.Inner().Kind
		return k.IsNumber()
	}
	for i := range r.Fields {
		f := &r.Fields[i]
		switch {
		case f.Name == "count" && f.Type.Kind.IsNumber():
			count = f
		case strings.HasPrefix(f.Name, "sum") && numeric(f) && f.Unit != "":
			sum = f
		case f.Type.Kind == libprobe.KindList && f.Type.Elem.Kind == libprobe.KindRecord:
			var b, c *libprobe.FieldSchema
			for j := range f.Type.Elem.Record.Fields {
				bf := &f.Type.Elem.Record.Fields[j]
				switch {
				case strings.HasPrefix(bf.Name, "upper_bound") && bf.Type.Kind.IsNumber():
					b = bf
				case bf.Name == "count" && bf.Type.Kind.IsNumber():
					c = bf
				}
			}
			if b != nil && c != nil && len(f.Type.Elem.Record.Fields) == 2 {
				buckets, bound, bucketCount = f, b, c
			}
		}
	}
	if buckets == nil || sum == nil || count == nil || bound.Unit != sum.Unit {
		return nil, nil, nil, nil, nil
	}
	return buckets, sum, count, bound, bucketCount
}

// histogram plans record r (Go type t), the value of field f of record `in` at path, as a
// Prometheus histogram, or returns nil when the schema does not shape r as one.
func (p *planner) histogram(t reflect.Type, r *libprobe.RecordSchema, f *libprobe.FieldSchema, in string,
	path []string) *histPlan {
	buckets, sum, count, bound, bucketCount := histogramShape(r)
	if buckets == nil {
		return nil
	}
	goField := func(t reflect.Type, name string) int {
		for i := 0; i < t.NumField(); i++ {
			if jsonName(t.Field(i)) == name {
				return i
			}
		}
		return -1
	}
	h := &histPlan{
		buckets: goField(t, buckets.Name), sum: goField(t, sum.Name), count: goField(t, count.Name),
		skip: map[string]bool{buckets.Name: true, sum.Name: true, count.Name: true},
	}
	if h.buckets < 0 || h.sum < 0 || h.count < 0 {
		return nil
	}
	bt := t.Field(h.buckets).Type.Elem()
	h.bound, h.bucketCount = goField(bt, bound.Name), goField(bt, bucketCount.Name)
	h.sumWrapped = isFieldType(t.Field(h.sum).Type)
	if h.bound < 0 || h.bucketCount < 0 {
		return nil
	}
	u := unitOf(bound.Unit)
	h.scale = u.scale
	if d := math.Round(1 / u.scale); u.scale < 1 && math.Abs(d*u.scale-1) < 1e-12 {
		h.div = d
	}
	name, _ := metricName(path, u, false)
	for _, suffix := range []string{"_bucket", "_sum", "_count"} {
		if _, taken := p.byName[name+suffix]; taken {
			p.conflicts = append(p.conflicts, name+suffix)
			return nil
		}
	}
	doc := *f
	if strings.TrimSpace(doc.Doc) == "" {
		doc.Doc = r.Doc
	}
	h.fam = p.family(name, name, helpOf(&doc, in, u, bound.Unit), u.otel, false)
	if h.fam == nil {
		return nil
	}
	h.fam.hist = true
	for _, suffix := range []string{"_bucket", "_sum", "_count"} {
		p.byName[name+suffix] = h.fam
	}
	return h
}

func numKindOf(k libprobe.TypeKind) (numKind, bool) {
	switch k {
	case libprobe.KindU8, libprobe.KindU16, libprobe.KindU32, libprobe.KindU64:
		return numUint, true
	case libprobe.KindI32, libprobe.KindI64:
		return numInt, true
	case libprobe.KindF64:
		return numFloat, true
	case libprobe.KindBool:
		return numBool, true
	}
	return 0, false
}

func jsonName(sf reflect.StructField) string {
	name, _, _ := strings.Cut(sf.Tag.Get("json"), ",")
	return name
}

func isFieldType(t reflect.Type) bool {
	return t.Kind() == reflect.Struct && strings.HasPrefix(t.Name(), "Field[")
}

// record plans the fields of record r (Go type t) found at path. unit is the unit a
// record-typed field gave to its numbers (ProcessLimits' `max_file_size: Limit` in bytes);
// skip names the fields that are the record's identity (labels, not values); scope the
// label names already used above.
func (p *planner) record(t reflect.Type, r *libprobe.RecordSchema, path []string, unit string,
	skip map[string]bool, scope []string) *recordPlan {
	plan := &recordPlan{name: r.Name}
	for i := 0; i < t.NumField(); i++ {
		sf := t.Field(i)
		f := r.Field(jsonName(sf))
		if f == nil || skip[f.Name] || f.Name == "environ" || f.Name == "cmdline" {
			continue
		}
		n := &node{field: i}
		st, gt := f.Type, sf.Type
		if st.Kind == libprobe.KindField || st.Kind == libprobe.KindOptional {
			if !isFieldType(gt) {
				continue
			}
			n.wrapped = true
			st, gt = st.Elem, gt.Field(0).Type
		}
		fpath := append(path[:len(path):len(path)], f.Name)
		funit := f.Unit
		if funit == "" {
			funit = unit
		}
		if num, ok := numKindOf(st.Kind); ok {
			u := unitOf(funit)
			if num == numBool {
				u = unitOf("")
			}
			counter := f.Metric == libprobe.MetricCounter && num != numBool
			name, base := metricName(fpath, u, counter)
			if _, taken := p.byName[name]; taken {
				name, base = metricNameOf(fpath, u, counter, true)
			}
			n.leaf = p.family(name, base, helpOf(f, r.Name, u, funit), u.otel, counter)
			if n.leaf == nil {
				continue
			}
			n.num, n.scale, n.perTick = num, u.scale, u.perTick
			if d := math.Round(1 / u.scale); u.scale < 1 && math.Abs(d*u.scale-1) < 1e-12 {
				n.div = d
			}
		} else {
			switch st.Kind {
			case libprobe.KindRecord:
				if n.hist = p.histogram(gt, st.Record, f, r.Name, fpath); n.hist != nil {
					n.record = p.record(gt, st.Record, fpath, f.Unit, n.hist.skip, scope)
				} else {
					n.record = p.record(gt, st.Record, fpath, f.Unit, nil, scope)
				}
			case libprobe.KindList:
				if st.Elem.Kind != libprobe.KindRecord {
					continue // strings, numbers: not series
				}
				n.list = p.list(gt.Elem(), st.Elem.Record, f, fpath, scope)
			case libprobe.KindMap:
				entry := gt.Elem()
				m := &mapPlan{label: "key"}
				m.valueWrapped = isFieldType(entry.Field(1).Type)
				if vt := st.Value.Inner(); vt.Kind == libprobe.KindRecord {
					// Records by name: each one's fields labelled with its key.
					rt := entry.Field(1).Type
					if m.valueWrapped {
						rt = rt.Field(0).Type
					}
					var skip map[string]bool
					if m.hist = p.histogram(rt, vt.Record, f, r.Name, fpath); m.hist != nil {
						skip = m.hist.skip
					}
					m.record = p.record(rt, vt.Record, fpath, funit, skip, append(scope[:len(scope):len(scope)], m.label))
					n.mapv = m
					break
				}
				num, ok := numKindOf(st.Value.Inner().Kind)
				if !ok || num == numBool {
					continue
				}
				m.num = num
				u := unitOf(funit)
				name, base := metricName(fpath, u, f.Metric == libprobe.MetricCounter)
				m.fam = p.family(name, base, helpOf(f, r.Name, u, funit), u.otel, f.Metric == libprobe.MetricCounter)
				if m.fam == nil {
					continue
				}
				n.mapv = m
			default:
				continue
			}
		}
		plan.nodes = append(plan.nodes, n)
	}
	return plan
}

// identityCandidate says whether a field can name an element: a plain (always present)
// text, enum or id-like integer.
func identityCandidate(f *libprobe.FieldSchema) bool {
	switch f.Type.Kind {
	case libprobe.KindStr, libprobe.KindBytes, libprobe.KindEnum, libprobe.KindChar:
		return true
	case libprobe.KindU8, libprobe.KindU16, libprobe.KindU32, libprobe.KindU64, libprobe.KindI32, libprobe.KindI64:
		switch f.Name {
		case "id", "index", "cpu", "pid", "link", "tile", "gt", "devid", "major", "minor", "number":
			return true
		}
		return strings.HasSuffix(f.Name, "_id") || strings.HasSuffix(f.Name, "_index")
	}
	return false
}

func (p *planner) list(t reflect.Type, r *libprobe.RecordSchema, f *libprobe.FieldSchema, path []string,
	scope []string) *listPlan {
	lengthFamily := func(what string) *family {
		name := "libprobe_" + strings.Join(path, "_") + "_entries"
		doc := strings.Join(strings.Fields(f.Doc), " ")
		if doc == "" {
			doc = r.Name + " records."
		}
		return p.family(name, name, what+": "+doc, "{entry}", false)
	}
	if unboundedRecords[r.Name] {
		return &listPlan{mode: listLength, length: lengthFamily("Entries in the list")}
	}
	goField := func(name string) (int, bool) {
		for i := 0; i < t.NumField(); i++ {
			if jsonName(t.Field(i)) == name {
				return i, isFieldType(t.Field(i).Type)
			}
		}
		return -1, false
	}
	// Records of a process: the top N processes only.
	if pf := r.Field("pid"); pf != nil && identityCandidate(pf) {
		lp := &listPlan{mode: listProcesses, length: lengthFamily("Entries in the list (all processes)")}
		lp.pid, _ = goField("pid")
		lp.name = -1
		for _, n := range []string{"name", "process_name"} {
			if nf := r.Field(n); nf != nil && nf.Type.Inner().Kind == libprobe.KindBytes {
				lp.name, lp.nameWrapped = goField(n)
				break
			}
		}
		skip := map[string]bool{"pid": true, "name": lp.name >= 0 && r.Field("name") != nil, "process_name": true}
		lp.elem = p.record(t, r, path, "", skip, append(scope[:len(scope):len(scope)], "pid", "name"))
		return lp
	}
	// Identity: mount_point or name first, then the other candidates in order.
	var cands []*libprobe.FieldSchema
	for _, pref := range []string{"mount_point", "name"} {
		if c := r.Field(pref); c != nil && identityCandidate(c) {
			cands = append(cands, c)
		}
	}
	for i := range r.Fields {
		c := &r.Fields[i]
		if identityCandidate(c) && c.Name != "mount_point" && c.Name != "name" {
			cands = append(cands, c)
		}
	}
	if len(cands) == 0 {
		return &listPlan{mode: listLength, length: lengthFamily("Entries in the list")}
	}
	lp := &listPlan{mode: listElements}
	skip := map[string]bool{}
	inner := append([]string(nil), scope...)
	listName := path[len(path)-1]
	for i, c := range cands {
		if i == 3 {
			break
		}
		label := c.Name
		switch {
		case i == 0 && listLabels[listName] != "":
			label = listLabels[listName]
		case i == 0 && (c.Name == "id" || c.Name == "index" || c.Name == "name"):
			label = singular(listName)
		case c.Name == "mount_point":
			label = "mountpoint"
		}
		for contains(inner, label) {
			label = singular(listName) + "_" + label
		}
		inner = append(inner, label)
		idx, _ := goField(c.Name)
		lp.keys = append(lp.keys, keyField{field: idx, label: label, kind: c.Type.Kind})
		skip[c.Name] = true
	}
	// Every candidate is an identity, not a value (ids, major/minor numbers).
	for _, c := range cands {
		skip[c.Name] = true
	}
	lp.elem = p.record(t, r, path, "", skip, inner)
	return lp
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// ---- A scrape: following the plan over one snapshot.

type walker struct {
	ticks   float64           // clock ticks per second
	top     map[int32]bool    // the processes with series
	lengths map[*listPlan]int // lists converted in part: their whole length
	dropped int               // series left out (duplicates, bounds)
}

func (w *walker) add(f *family, labels []labelPair, v float64) {
	w.addSample(f, sample{labels: labels, value: v})
}

func (w *walker) addHist(f *family, labels []labelPair, h *histValue) {
	w.addSample(f, sample{labels: labels, hist: h})
}

func (w *walker) addSample(f *family, s sample) {
	labels := s.labels
	key := ""
	if len(labels) > 0 {
		var b strings.Builder
		for _, l := range labels {
			b.WriteString(l.name)
			b.WriteByte(0)
			b.WriteString(l.value)
			b.WriteByte(0)
		}
		key = b.String()
	}
	if _, dup := f.seen[key]; dup {
		w.dropped++
		return
	}
	f.seen[key] = struct{}{}
	f.samples = append(f.samples, s)
}

func number(v reflect.Value, k numKind) float64 {
	switch k {
	case numUint:
		return float64(v.Uint())
	case numInt:
		return float64(v.Int())
	case numFloat:
		return v.Float()
	default:
		if v.Bool() {
			return 1
		}
		return 0
	}
}

func (w *walker) record(p *recordPlan, v reflect.Value, labels []labelPair) {
	for _, n := range p.nodes {
		fv := v.Field(n.field)
		if n.wrapped {
			if !fv.Field(1).Bool() {
				continue // missing: no series, never a zero
			}
			fv = fv.Field(0)
		}
		switch {
		case n.leaf != nil:
			x := number(fv, n.num)
			switch {
			case n.perTick:
				x /= w.ticks
			case n.div != 0:
				x /= n.div // exact decimal results: 816240 ns is 0.00081624 s
			default:
				x *= n.scale
			}
			w.add(n.leaf, labels, x)
		case n.record != nil:
			if n.hist != nil {
				w.histogram(n.hist, fv, labels)
			}
			w.record(n.record, fv, labels)
		case n.list != nil:
			w.list(n.list, fv, labels)
		case n.mapv != nil:
			m := n.mapv
			for i := 0; i < fv.Len(); i++ {
				e := fv.Index(i)
				val := e.Field(1)
				if m.valueWrapped {
					if !val.Field(1).Bool() {
						continue
					}
					val = val.Field(0)
				}
				key := with(labels, labelPair{m.label, labelValue(e.Field(0).String())})
				if m.record != nil {
					if m.hist != nil {
						w.histogram(m.hist, val, key)
					}
					w.record(m.record, val, key)
					continue
				}
				w.add(m.fam, key, number(val, m.num))
			}
		}
	}
}

// histogram adds the histogram of record v: its buckets made cumulative, bounds and sum
// in base units. The core lists only the non-empty buckets, in increasing order of bound.
func (w *walker) histogram(h *histPlan, v reflect.Value, labels []labelPair) {
	sv := v.Field(h.sum)
	if h.sumWrapped {
		if !sv.Field(1).Bool() {
			return
		}
		sv = sv.Field(0)
	}
	conv := func(x float64) float64 {
		if h.div != 0 {
			return x / h.div
		}
		return x * h.scale
	}
	bs := v.Field(h.buckets)
	hv := &histValue{
		bounds: make([]float64, 0, bs.Len()),
		cum:    make([]uint64, 0, bs.Len()),
		sum:    conv(numberOf(sv)),
		count:  uint64(numberOf(v.Field(h.count))),
	}
	var cum uint64
	for i := 0; i < bs.Len(); i++ {
		b := bs.Index(i)
		cum += uint64(numberOf(b.Field(h.bucketCount)))
		hv.bounds = append(hv.bounds, conv(numberOf(b.Field(h.bound))))
		hv.cum = append(hv.cum, cum)
	}
	w.addHist(h.fam, labels, hv)
}

// numberOf is a reflected number as a float64, whatever its Go kind.
func numberOf(v reflect.Value) float64 {
	switch v.Kind() {
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		return float64(v.Int())
	case reflect.Float32, reflect.Float64:
		return v.Float()
	}
	return float64(v.Uint())
}

// with returns labels and more, never writing into labels' array.
func with(labels []labelPair, more ...labelPair) []labelPair {
	out := make([]labelPair, 0, len(labels)+len(more))
	return append(append(out, labels...), more...)
}

func keyText(v reflect.Value, k libprobe.TypeKind) string {
	switch k {
	case libprobe.KindStr, libprobe.KindBytes:
		return labelValue(v.String())
	case libprobe.KindChar:
		return labelValue(string(rune(v.Int())))
	case libprobe.KindEnum:
		if s, ok := v.Interface().(fmt.Stringer); ok {
			return s.String()
		}
		return strconv.FormatInt(v.Int(), 10)
	case libprobe.KindI32, libprobe.KindI64:
		return strconv.FormatInt(v.Int(), 10)
	}
	return strconv.FormatUint(v.Uint(), 10)
}

func (w *walker) list(lp *listPlan, v reflect.Value, labels []labelPair) {
	n := v.Len()
	if lp.length != nil {
		length, part := w.lengths[lp]
		if !part {
			length = n
		}
		w.add(lp.length, labels, float64(length))
	}
	switch lp.mode {
	case listProcesses:
		for i := 0; i < n; i++ {
			e := v.Index(i)
			pid := int32(e.Field(lp.pid).Int())
			if !w.top[pid] {
				continue
			}
			name := ""
			if lp.name >= 0 {
				nv := e.Field(lp.name)
				if lp.nameWrapped {
					nv = nv.Field(0) // "" when missing
				}
				name = labelValue(nv.String())
			}
			w.record(lp.elem, e, with(labels, labelPair{"pid", strconv.Itoa(int(pid))}, labelPair{"name", name}))
		}
	case listElements:
		if n > maxElements {
			w.dropped += n - maxElements
			n = maxElements
		}
		// The fewest identity fields that tell the elements apart; the position when none do.
		ids := make([][]labelPair, n)
		for k := 1; k <= len(lp.keys); k++ {
			seen := make(map[string]struct{}, n)
			unique := true
			for i := 0; i < n; i++ {
				e := v.Index(i)
				ids[i] = ids[i][:0]
				var key strings.Builder
				for _, kf := range lp.keys[:k] {
					t := keyText(e.Field(kf.field), kf.kind)
					ids[i] = append(ids[i], labelPair{kf.label, t})
					key.WriteString(t)
					key.WriteByte(0)
				}
				if _, dup := seen[key.String()]; dup {
					unique = false
				}
				seen[key.String()] = struct{}{}
			}
			if unique {
				break
			}
			if k == len(lp.keys) {
				for i := range ids {
					ids[i] = append(ids[i], labelPair{"position", strconv.Itoa(i)})
				}
			}
		}
		for i := 0; i < n; i++ {
			w.record(lp.elem, v.Index(i), with(labels, ids[i]...))
		}
	}
}

// labelValue makes bytes from the kernel a fair label value: valid UTF-8, no control
// characters (a process names itself anything), at most 128 bytes.
func labelValue(s string) string {
	clean := len(s) <= 128
	for i := 0; clean && i < len(s); i++ {
		if s[i] < 0x20 || s[i] >= 0x7f {
			clean = false
		}
	}
	if clean {
		return s
	}
	var b strings.Builder
	for i := 0; i < len(s) && b.Len() < 128; {
		r, n := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == utf8.RuneError && n == 1:
			b.WriteString(`\x` + strconv.FormatUint(uint64(s[i]), 16))
		case unicode.IsControl(r):
			b.WriteString(`\u` + strconv.FormatUint(uint64(r), 16))
		default:
			b.WriteRune(r)
		}
		i += n
	}
	return b.String()
}

// topProcesses picks the n processes with series (their indices in ranks): by CPU use
// since the previous scrape, then by resident memory (the first scrape has no CPU rates).
func topProcesses(ranks []libprobe.ProcessRank, n int, by string) []int {
	if n <= 0 || len(ranks) == 0 {
		return nil
	}
	order := make([]int, len(ranks))
	for i := range order {
		order[i] = i
	}
	cpu := func(p *libprobe.ProcessRank) float64 {
		if v, ok := p.CPUPercent.Get(); ok {
			return v
		}
		return -1
	}
	// A missing RSS (a kernel thread, a zombie) ranks below every read one.
	rss := func(p *libprobe.ProcessRank) float64 {
		if v, ok := p.MemoryRSS.Get(); ok {
			return float64(v)
		}
		return -1
	}
	sort.SliceStable(order, func(a, b int) bool {
		pa, pb := &ranks[order[a]], &ranks[order[b]]
		if by == "cpu" && cpu(pa) != cpu(pb) {
			return cpu(pa) > cpu(pb)
		}
		return rss(pa) > rss(pb)
	})
	if n > len(order) {
		n = len(order)
	}
	return order[:n]
}
