// exporter serves libprobe snapshots as Prometheus metrics.
//
//	go build -o exporter . && ./exporter -listen 127.0.0.1:9101
//	curl -s 127.0.0.1:9101/metrics
//
// Each scrape takes one snapshot. Names follow Prometheus conventions: base units
// (seconds, bytes), `_total` for counters, ratios from 0 to 1. A value libprobe could not
// read is left out, never exported as 0. Per-process series exist only for the
// -max-processes largest processes by resident memory (labels pid and name; the rest are
// counted in libprobe_process_series_dropped), so cardinality stays bounded. The
// environment is never collected. Command lines are read with every snapshot (a cheap
// field; libprobe replaces secret values in them, such as --password=..., by default) but
// never exported: no metric and no label carries them.
package main

import (
	"flag"
	"log"
	"net/http"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/promhttp"
)

func main() {
	listen := flag.String("listen", "127.0.0.1:9101", "address to serve /metrics on")
	maxProcs := flag.Int("max-processes", 50, "per-process series for at most this many processes")
	fixture := flag.String("fixture", "", "read a fixture tree instead of this machine (tests)")
	flag.Parse()

	c, err := newCollector(*fixture, *maxProcs)
	if err != nil {
		log.Fatalf("exporter: %v", err)
	}
	defer c.Close()
	reg := prometheus.NewRegistry()
	reg.MustRegister(c)
	mux := http.NewServeMux()
	mux.Handle("/metrics", promhttp.HandlerFor(reg, promhttp.HandlerOpts{ErrorLog: log.Default()}))
	srv := &http.Server{Addr: *listen, Handler: mux, ReadHeaderTimeout: 5 * time.Second}
	log.Printf("exporter: serving http://%s/metrics", *listen)
	log.Fatal(srv.ListenAndServe())
}
