package main

import (
	"compress/gzip"
	"context"
	"io"
	"net"
	"net/http"
	"sync"
	"testing"
	"time"

	libprobe "github.com/libprobe/libprobe/bindings/go"
	"go.opentelemetry.io/otel/sdk/metric/metricdata"
	colmetricpb "go.opentelemetry.io/proto/otlp/collector/metrics/v1"
	metricpb "go.opentelemetry.io/proto/otlp/metrics/v1"
	"google.golang.org/protobuf/proto"
)

// receiver is a small OTLP/HTTP metrics receiver on 127.0.0.1, built on the OpenTelemetry
// protocol's own Go packages: it decodes each export request and keeps it.
type receiver struct {
	addr     string
	srv      *http.Server
	mu       sync.Mutex
	requests []*colmetricpb.ExportMetricsServiceRequest
	got      chan struct{}
}

func startReceiver(t *testing.T) *receiver {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	r := &receiver{addr: ln.Addr().String(), got: make(chan struct{}, 16)}
	mux := http.NewServeMux()
	mux.HandleFunc("/v1/metrics", func(w http.ResponseWriter, req *http.Request) {
		var body io.Reader = req.Body
		if req.Header.Get("Content-Encoding") == "gzip" {
			gz, err := gzip.NewReader(req.Body)
			if err != nil {
				http.Error(w, err.Error(), http.StatusBadRequest)
				return
			}
			body = gz
		}
		data, err := io.ReadAll(body)
		if err != nil {
			http.Error(w, err.Error(), http.StatusBadRequest)
			return
		}
		msg := &colmetricpb.ExportMetricsServiceRequest{}
		if err := proto.Unmarshal(data, msg); err != nil {
			http.Error(w, err.Error(), http.StatusBadRequest)
			return
		}
		r.mu.Lock()
		r.requests = append(r.requests, msg)
		r.mu.Unlock()
		out, _ := proto.Marshal(&colmetricpb.ExportMetricsServiceResponse{})
		w.Header().Set("Content-Type", "application/x-protobuf")
		_, _ = w.Write(out)
		select {
		case r.got <- struct{}{}:
		default:
		}
	})
	r.srv = &http.Server{Handler: mux, ReadHeaderTimeout: 5 * time.Second}
	go func() { _ = r.srv.Serve(ln) }()
	t.Cleanup(func() { _ = r.srv.Close() })
	return r
}

// The exporter pushes through the OpenTelemetry SDK: counters arrive as cumulative
// monotonic sums, gauges as gauges, labels as attributes, with units and descriptions.
func TestOTLPPush(t *testing.T) {
	rcv := startReceiver(t)
	e, err := newExporter(config{fixture: fixture(t, "linux-6.18-vm/t1")})
	if err != nil {
		t.Fatal(err)
	}
	defer e.Close()
	shutdown, err := startOTLP(context.Background(), e, rcv.addr, 200*time.Millisecond)
	if err != nil {
		t.Fatal(err)
	}
	select {
	case <-rcv.got:
	case <-time.After(20 * time.Second):
		t.Fatal("no OTLP export reached the receiver in 20 s")
	}
	shutdown()

	rcv.mu.Lock()
	defer rcv.mu.Unlock()
	byName := map[string]*metricpb.Metric{}
	var service string
	for _, req := range rcv.requests {
		for _, rm := range req.GetResourceMetrics() {
			for _, a := range rm.GetResource().GetAttributes() {
				if a.GetKey() == "service.name" {
					service = a.GetValue().GetStringValue()
				}
			}
			for _, sm := range rm.GetScopeMetrics() {
				for _, m := range sm.GetMetrics() {
					byName[m.GetName()] = m
				}
			}
		}
	}
	if service != "libprobe-exporter" {
		t.Errorf("service.name %q", service)
	}
	user := byName["libprobe_system_cpu_total_user_seconds"]
	if user == nil || user.GetSum() == nil {
		t.Fatalf("no cumulative sum for the CPU's user time: %v", user)
	}
	sum := user.GetSum()
	if !sum.GetIsMonotonic() || sum.GetAggregationTemporality() != metricpb.AggregationTemporality_AGGREGATION_TEMPORALITY_CUMULATIVE {
		t.Errorf("user time: monotonic %v, temporality %v", sum.GetIsMonotonic(), sum.GetAggregationTemporality())
	}
	if user.GetUnit() != "s" || user.GetDescription() == "" || sum.GetDataPoints()[0].GetAsDouble() <= 0 {
		t.Errorf("user time: unit %q, description %q, points %v", user.GetUnit(), user.GetDescription(), sum.GetDataPoints())
	}
	mem := byName["libprobe_system_memory_total_bytes"]
	if mem == nil || mem.GetGauge() == nil || mem.GetUnit() != "By" {
		t.Errorf("memory total is not a gauge in bytes: %v", mem)
	}
	disk := byName["libprobe_system_disks_read_bytes"]
	if disk == nil || disk.GetSum() == nil || len(disk.GetSum().GetDataPoints()) == 0 {
		t.Fatalf("no disk read bytes: %v", disk)
	}
	if attrs := disk.GetSum().GetDataPoints()[0].GetAttributes(); len(attrs) != 1 || attrs[0].GetKey() != "device" {
		t.Errorf("disk attributes %v, want device", attrs)
	}
	if len(byName) < 200 {
		t.Errorf("only %d metrics pushed", len(byName))
	}
}

// The latency histograms reach OTLP as explicit-bucket histograms: per-bucket counts (not
// cumulative) that add up to the count, one more than the bounds.
func TestOTLPHistograms(t *testing.T) {
	e, err := newExporter(config{fixture: fixture(t, "ebpf-trace/t1"), domains: []string{"ebpf"}})
	if err != nil {
		t.Fatal(err)
	}
	defer e.Close()
	var snap *libprobe.Snapshot
	for i := 0; i < 2; i++ {
		if snap, err = e.collect(); err != nil {
			t.Fatal(err)
		}
	}
	found := false
	for _, m := range (&producer{e: e, start: time.Now()}).metrics(snap) {
		if m.Name != "libprobe_ebpf_syscall_latencies_seconds" {
			continue
		}
		h, ok := m.Data.(metricdata.Histogram[float64])
		if !ok {
			t.Fatalf("%s is a %T", m.Name, m.Data)
		}
		for _, p := range h.DataPoints {
			if v, _ := p.Attributes.Value("key"); v.AsString() != "getppid" {
				continue
			}
			found = true
			var sum uint64
			for _, c := range p.BucketCounts {
				sum += c
			}
			if p.Count != 20000 || sum != p.Count || len(p.BucketCounts) != len(p.Bounds)+1 || p.BucketCounts[0] != 19981 {
				t.Errorf("getppid: count %d, buckets %v over bounds %v", p.Count, p.BucketCounts, p.Bounds)
			}
		}
	}
	if !found {
		t.Error("no OTLP histogram for getppid's latency")
	}
}
