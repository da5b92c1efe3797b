# The Go face: bindings/go (cgo over include/libprobe.h and libprobe.a) and the
# Prometheus/OTLP exporter example.
#
#   make go-prebuilt   the one step before `go build` of a program using the binding: the
#                      release libprobe.a of this platform into the module
#                      (bindings/go/lib/<GOOS>_<GOARCH>/; see docs/go.md)
#   make test-go       vet, gofmt, tests (plain and -race), a Go module outside the
#                      repository built with plain `go build`, the exporter scraped and
#                      checked with `promtool check metrics`
#   make bench-go      a default snapshot through Go (compare with `make bench-c`)

GO          ?= go
GO_PROFILE  ?= debug
GO_LIBDIR   := $(abspath $(or $(CARGO_TARGET_DIR),target)/$(GO_PROFILE))
GO_PLATFORM := $(shell $(GO) env GOOS 2>/dev/null)_$(shell $(GO) env GOARCH 2>/dev/null)
GO_PREBUILT := $(abspath bindings/go/lib/$(GO_PLATFORM))
# The module links lib/<platform>/libprobe.a, which cgo does not hash: a hash of it in
# CGO_CFLAGS makes the build cache notice a new library.
GO_ENV       = CGO_CFLAGS="-O2 -g -DLIBPROBE_LIB=$$(sha256sum $(GO_PREBUILT)/libprobe.a | cut -c1-16)"
GO_EXPORTER_ADDR ?= 127.0.0.1:19101
GO_SCRATCH  := $(or $(CARGO_TARGET_DIR),target)/go-scratch

.PHONY: go-crosslang-driver test-go go-lib go-prebuilt bench-go go-bench-run test-go-module test-go-exporter

FACE_TESTS += test-go

# The library of GO_PROFILE, copied into the module where its cgo flags look for it.
go-lib:
	$(CARGO) build -p libprobe-ffi $(if $(filter release,$(GO_PROFILE)),--release,)
	@mkdir -p $(GO_PREBUILT)
	cp -f $(GO_LIBDIR)/libprobe.a $(GO_PREBUILT)/libprobe.a

go-prebuilt:
	$(MAKE) --no-print-directory go-lib GO_PROFILE=release

test-go: go-lib test-go-module test-go-exporter
	cd bindings/go && test -z "$$(gofmt -l .)" || { gofmt -l .; exit 1; }
	cd bindings/go && $(GO_ENV) $(GO) vet ./...
	cd bindings/go && $(GO_ENV) $(GO) test -count=1 ./...
	cd bindings/go && $(GO_ENV) $(GO) test -race -count=1 ./...

# A Go agent in its own module, outside this repository, as a user writes one: a
# `replace` to this checkout stands in for the module proxy, and it builds with plain
# `go build` (no CGO_* variables) once the library is in the module.
test-go-module: go-lib
	@dir=$$(mktemp -d /tmp/libprobe-go-agent.XXXXXX) && trap 'rm -rf "$$dir"' EXIT && \
	  cp tests/go_module/main.go "$$dir/main.go" && \
	  printf 'module example.com/agent\n\ngo 1.22\n\nrequire github.com/libprobe/libprobe/bindings/go v0.0.0\n\nreplace github.com/libprobe/libprobe/bindings/go => %s\n' \
	    "$(abspath bindings/go)" > "$$dir/go.mod" && \
	  cd "$$dir" && env -u CGO_CFLAGS -u CGO_LDFLAGS GOFLAGS=-mod=mod $(GO) build -o agent . && \
	  ./agent > out.txt && cat out.txt && grep -q '^processes [1-9]' out.txt && \
	  ! ldd ./agent | grep -q libprobe && \
	  echo "test-go-module: a module in $$dir built with plain go build, statically linked, ran"

# The exporter: its tests (fixtures, promlint, the peers' names, OTLP to a receiver on
# 127.0.0.1), then a live scrape checked by promtool (from Debian's prometheus package;
# `make deps` installs it) and timed.
test-go-exporter: go-lib
	cd examples/go/exporter && test -z "$$(gofmt -l .)" || { gofmt -l .; exit 1; }
	cd examples/go/exporter && $(GO_ENV) $(GO) vet ./...
	cd examples/go/exporter && PROMTOOL=$(PROMTOOL) $(GO_ENV) $(GO) test -count=1 ./...
	cd examples/go/exporter && $(GO_ENV) $(GO) build -o $(GO_LIBDIR)/libprobe-exporter .
	@$(GO_LIBDIR)/libprobe-exporter -listen $(GO_EXPORTER_ADDR) -processes 10 -sockets summary & pid=$$!; ok=1; \
	  for i in $$(seq 1 40); do curl -sf http://$(GO_EXPORTER_ADDR)/metrics > /dev/null && break; sleep 0.25; done; \
	  curl -sf http://$(GO_EXPORTER_ADDR)/metrics > $(GO_LIBDIR)/exporter-scrape.txt || ok=0; \
	  kill $$pid; wait $$pid 2>/dev/null; test $$ok = 1 || { echo "test-go: no scrape"; exit 1; }
	@# promtool exits 3 for lint complaints: accepted only on the peers' names (compat.go:
	@# counters named without _total, DCGM's modelName label), never on libprobe_ families.
	@$(PROMTOOL) check metrics < $(GO_LIBDIR)/exporter-scrape.txt > $(GO_LIBDIR)/exporter-lint.txt 2>&1 || \
	  { test $$? = 3 && ! grep -q '^libprobe_' $(GO_LIBDIR)/exporter-lint.txt; } || \
	  { cat $(GO_LIBDIR)/exporter-lint.txt; exit 1; }
	@grep -q '^libprobe_system_cpu_total_user_seconds_total ' $(GO_LIBDIR)/exporter-scrape.txt && \
	  grep -q '^libprobe_processes_memory_rss_bytes{pid=' $(GO_LIBDIR)/exporter-scrape.txt && \
	  grep -q '^libprobe_network_interfaces_stats_rx_bytes_total{interface="lo"}' $(GO_LIBDIR)/exporter-scrape.txt && \
	  echo "test-go: promtool passes a live scrape of $$(grep -vc '^#' $(GO_LIBDIR)/exporter-scrape.txt) series in $$(grep -c '^# TYPE' $(GO_LIBDIR)/exporter-scrape.txt) families"

bench-go:
	$(MAKE) --no-print-directory GO_PROFILE=release go-bench-run

go-bench-run: go-lib
	cd bindings/go && $(GO_ENV) $(GO) test -run '^$$' -bench Snapshot -count 5 ./...

# The Go face's driver for the cross-language test (tests/cross_language/README.md): the
# Go structs of each fixture, rendered by Snapshot.MarshalJSON.
go-crosslang-driver: go-lib
	cd bindings/go && $(GO_ENV) $(GO) build -o $(GO_LIBDIR)/crosslang-driver ./internal/crosslang-driver
CROSS_LANGUAGE_DRIVERS += go=$(GO_LIBDIR)/crosslang-driver
CROSS_LANGUAGE_DEPS    += go-crosslang-driver
