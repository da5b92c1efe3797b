package main

import (
	"context"
	"os"
	"time"

	libprobe "github.com/libprobe/libprobe/bindings/go"
	"go.opentelemetry.io/otel/attribute"
	"go.opentelemetry.io/otel/exporters/otlp/otlpmetric/otlpmetrichttp"
	"go.opentelemetry.io/otel/sdk/instrumentation"
	sdkmetric "go.opentelemetry.io/otel/sdk/metric"
	"go.opentelemetry.io/otel/sdk/metric/metricdata"
	"go.opentelemetry.io/otel/sdk/resource"
)

// producer hands the SDK's periodic reader one collection per export: the same families
// as a scrape but the peers' names, as OpenTelemetry data (counters as cumulative
// monotonic sums from boot, gauges as gauges, labels as attributes, units in UCUM).
type producer struct {
	e     *exporter
	start time.Time // the exporter's start: counters' start when boot time is unknown
}

func (p *producer) Produce(context.Context) ([]metricdata.ScopeMetrics, error) {
	p.e.mu.Lock()
	defer p.e.mu.Unlock()
	snap, err := p.e.collect()
	if err != nil {
		return nil, err
	}
	return []metricdata.ScopeMetrics{{
		Scope:   instrumentation.Scope{Name: "github.com/libprobe/libprobe/examples/go/exporter", Version: libprobe.Version()},
		Metrics: p.metrics(snap),
	}}, nil
}

func (p *producer) metrics(snap *libprobe.Snapshot) []metricdata.Metrics {
	now := time.Unix(0, int64(snap.TimestampUnixNS))
	start := p.start
	if sys, ok := snap.System.Get(); ok {
		if boot, ok := sys.BootTime.Get(); ok && boot > 0 {
			start = time.Unix(int64(boot), 0)
		}
	}
	var out []metricdata.Metrics
	for _, f := range p.e.families {
		if len(f.samples) == 0 || f.peer != "" {
			continue // peers' names are for Prometheus dashboards: OTLP has the derived ones
		}
		if f.hist {
			out = append(out, histogramMetric(f, start, now))
			continue
		}
		points := make([]metricdata.DataPoint[float64], len(f.samples))
		for i, s := range f.samples {
			kv := make([]attribute.KeyValue, len(s.labels))
			for j, l := range s.labels {
				kv[j] = attribute.String(l.name, l.value)
			}
			points[i] = metricdata.DataPoint[float64]{Attributes: attribute.NewSet(kv...), Time: now, Value: s.value}
		}
		m := metricdata.Metrics{Name: f.base, Description: f.help, Unit: f.otel}
		if f.counter {
			for i := range points {
				points[i].StartTime = start
			}
			m.Data = metricdata.Sum[float64]{DataPoints: points, Temporality: metricdata.CumulativeTemporality, IsMonotonic: true}
		} else {
			m.Data = metricdata.Gauge[float64]{DataPoints: points}
		}
		out = append(out, m)
	}
	return out
}

// histogramMetric is a histogram family as OpenTelemetry's explicit-bucket histogram:
// counts per bucket (not cumulative), the last one above the highest bound.
func histogramMetric(f *family, start, now time.Time) metricdata.Metrics {
	points := make([]metricdata.HistogramDataPoint[float64], len(f.samples))
	for i, s := range f.samples {
		kv := make([]attribute.KeyValue, len(s.labels))
		for j, l := range s.labels {
			kv[j] = attribute.String(l.name, l.value)
		}
		h := s.hist
		counts := make([]uint64, len(h.bounds)+1)
		var below uint64
		for j, c := range h.cum {
			counts[j] = c - below
			below = c
		}
		counts[len(h.bounds)] = h.count - min(below, h.count)
		points[i] = metricdata.HistogramDataPoint[float64]{
			Attributes: attribute.NewSet(kv...), StartTime: start, Time: now,
			Count: h.count, Sum: h.sum, Bounds: h.bounds, BucketCounts: counts,
		}
	}
	return metricdata.Metrics{Name: f.base, Description: f.help, Unit: f.otel,
		Data: metricdata.Histogram[float64]{DataPoints: points, Temporality: metricdata.CumulativeTemporality}}
}

// startOTLP pushes a collection to endpoint (OTLP over HTTP, no TLS: a collector on the
// host or the pod) every interval, until the returned function is called; that pushes a
// last one.
func startOTLP(ctx context.Context, e *exporter, endpoint string, interval time.Duration) (func(), error) {
	exp, err := otlpmetrichttp.New(ctx, otlpmetrichttp.WithEndpoint(endpoint), otlpmetrichttp.WithInsecure())
	if err != nil {
		return nil, err
	}
	host, _ := os.Hostname()
	res, err := resource.Merge(resource.Default(), resource.NewSchemaless(
		attribute.String("service.name", "libprobe-exporter"), attribute.String("host.name", host)))
	if err != nil {
		return nil, err
	}
	reader := sdkmetric.NewPeriodicReader(exp, sdkmetric.WithInterval(interval),
		sdkmetric.WithProducer(&producer{e: e, start: time.Now()}))
	provider := sdkmetric.NewMeterProvider(sdkmetric.WithReader(reader), sdkmetric.WithResource(res))
	return func() {
		ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
		defer cancel()
		_ = provider.Shutdown(ctx)
	}, nil
}
