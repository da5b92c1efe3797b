// exporter serves every numeric field of libprobe's snapshots as Prometheus metrics, and
// can push them as OTLP to an OpenTelemetry collector.
//
//	go build -o exporter . && ./exporter -listen 127.0.0.1:9101
//	curl -s 127.0.0.1:9101/metrics
//	./exporter -listen '' -otlp-endpoint 127.0.0.1:4318 -otlp-interval 15s
//	./exporter -compat=false    # without the peers' names (below)
//
// Nothing here names a libprobe metric: they are derived from the core's record schema
// (libprobe.Schema), so every field of every domain is exported, new domains included.
// Names are the field's path (libprobe_system_disks_read_bytes_total), in base units
// (seconds, bytes, ratios from 0 to 1, hertz, joules, celsius) with the unit as suffix;
// counters (monotonic fields, marked in the schema) end in _total; help is the field's doc
// comment. Lists of devices are labelled by identity (cpu, device, interface, mountpoint,
// gpu, …); unbounded tables (sockets, routes, conntrack entries) are exported as their
// length. A record the schema shapes as a histogram (buckets of an upper bound and a count,
// a sum, a count: the eBPF tracers' latencies) is a Prometheus histogram, `le` in base
// units. A value libprobe could not read is left out, never exported as 0.
//
// Beside them, by default, the names the peers give the same values, so that their
// dashboards and alerts work unchanged (compat.go): dcgm-exporter's DCGM_FI_DEV_* per GPU,
// node_exporter's node_rapl_*, node_hwmon_*, node_power_supply_*, node_thermal_zone_temp,
// node_cooling_device_*, node_btrfs_* and node_zfs_*, smartctl_exporter's smartctl_device_*,
// with the peers' labels, units and types. -compat=false leaves them out. They are not
// pushed as OTLP.
//
// Each scrape takes one snapshot and pays for what is exported: by default the process
// domain is off and the socket tables are not read (the sockstat and SNMP counters are);
// -processes N adds series for the N busiest processes (labels pid and name: the table is
// ranked from each process's stat alone, and the N read in full), -sockets
// summary the TCP states, -set KEY=VALUE any option of the core. Command lines and
// environments are never collected nor exported.
package main

import (
	"compress/gzip"
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log"
	"net/http"
	"os"
	"os/signal"
	"strings"
	"syscall"
	"time"
)

type settings [][2]string

func (s *settings) String() string { return fmt.Sprint(*s) }
func (s *settings) Set(v string) error {
	k, val, ok := strings.Cut(v, "=")
	if !ok {
		return errors.New("expected KEY=VALUE")
	}
	*s = append(*s, [2]string{k, val})
	return nil
}

func main() {
	var cfg config
	var set settings
	listen := flag.String("listen", "127.0.0.1:9101", "address to serve /metrics on ('' for none)")
	domains := flag.String("domains", "", "domains to collect, comma-separated (default: system,network,gpu,power,storage, and process with -processes)")
	flag.IntVar(&cfg.processes, "processes", 0, "series for this many processes, the busiest first (0: no per-process series, and no process table is read)")
	flag.StringVar(&cfg.processesBy, "processes-by", "cpu", "how -processes picks processes: cpu or memory")
	flag.StringVar(&cfg.sockets, "sockets", "none", "none (socket counts from sockstat), summary (TCP connections by state), or tables (every table's length)")
	flag.Var(&set, "set", "an option of the core, KEY=VALUE (repeatable; `probe options` lists them)")
	flag.StringVar(&cfg.fixture, "fixture", "", "read a fixture tree instead of this machine (tests)")
	otlpEndpoint := flag.String("otlp-endpoint", "", "push OTLP over HTTP to this collector (host:port)")
	otlpInterval := flag.Duration("otlp-interval", 15*time.Second, "how often to push OTLP")
	once := flag.Bool("once", false, "print one collection in the text format and exit")
	compat := flag.Bool("compat", true, "also export the names of dcgm-exporter, node_exporter (rapl, hwmon, power_supply, thermal, btrfs, zfs) and smartctl_exporter where libprobe has the value")
	flag.Parse()
	if *domains != "" {
		cfg.domains = strings.Split(*domains, ",")
	}
	cfg.set = set
	cfg.compatOff = !*compat

	e, err := newExporter(cfg)
	if err != nil {
		log.Fatalf("exporter: %v", err)
	}
	defer e.Close()
	if *once {
		e.mu.Lock()
		_, err := e.collect()
		if err == nil {
			err = e.writeText(os.Stdout)
		}
		e.mu.Unlock()
		if err != nil {
			log.Fatalf("exporter: %v", err)
		}
		return
	}

	ctx, stop := signal.NotifyContext(context.Background(), syscall.SIGINT, syscall.SIGTERM)
	defer stop()
	if *otlpEndpoint != "" {
		shutdown, err := startOTLP(ctx, e, *otlpEndpoint, *otlpInterval)
		if err != nil {
			log.Fatalf("exporter: OTLP: %v", err)
		}
		defer shutdown()
		log.Printf("exporter: pushing OTLP to http://%s every %s", *otlpEndpoint, *otlpInterval)
	}
	if *listen == "" {
		<-ctx.Done()
		return
	}
	mux := http.NewServeMux()
	mux.Handle("/metrics", e)
	srv := &http.Server{Addr: *listen, Handler: mux, ReadHeaderTimeout: 5 * time.Second}
	go func() {
		<-ctx.Done()
		_ = srv.Close()
	}()
	log.Printf("exporter: serving http://%s/metrics", *listen)
	if err := srv.ListenAndServe(); err != nil && !errors.Is(err, http.ErrServerClosed) {
		log.Fatalf("exporter: %v", err)
	}
}

// ServeHTTP answers a scrape: one snapshot, written in the text format (gzipped when
// asked, as Prometheus does).
func (e *exporter) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	e.mu.Lock()
	defer e.mu.Unlock()
	if _, err := e.collect(); err != nil {
		http.Error(w, err.Error(), http.StatusInternalServerError)
		return
	}
	w.Header().Set("Content-Type", "text/plain; version=0.0.4; charset=utf-8")
	var out io.Writer = w
	if strings.Contains(r.Header.Get("Accept-Encoding"), "gzip") {
		// One compressor, reset per scrape (scrapes hold e.mu), at the fastest level: a
		// scrape's CPU goes to reading the kernel, not to deflate.
		w.Header().Set("Content-Encoding", "gzip")
		if e.gz == nil {
			e.gz, _ = gzip.NewWriterLevel(w, gzip.BestSpeed)
		} else {
			e.gz.Reset(w)
		}
		defer e.gz.Close()
		out = e.gz
	}
	if err := e.writeText(out); err != nil {
		log.Printf("exporter: writing a scrape: %v", err)
	}
}
