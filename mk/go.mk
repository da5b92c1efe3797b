# The Go face: bindings/go (cgo over include/libprobe.h and libprobe.a) and the
# Prometheus exporter example.
#
#   make test-go     vet, gofmt, tests (plain and -race), the exporter scraped with curl
#   make bench-go    a default snapshot through Go (compare with `make bench-c`)

GO          ?= go
GO_PROFILE  ?= debug
GO_LIBDIR   := $(abspath $(or $(CARGO_TARGET_DIR),target)/$(GO_PROFILE))
# cgo does not see a change of libprobe.a: its hash in CGO_CFLAGS makes the build cache
# notice one.
GO_ENV       = CGO_LDFLAGS="-L$(GO_LIBDIR)" \
               CGO_CFLAGS="-O2 -g -DLIBPROBE_LIB=$$(sha256sum $(GO_LIBDIR)/libprobe.a | cut -c1-16)"
GO_EXPORTER_ADDR ?= 127.0.0.1:19101

.PHONY: go-crosslang-driver test-go go-lib bench-go go-bench-run

FACE_TESTS += test-go

go-lib:
	$(CARGO) build -p libprobe-ffi $(if $(filter release,$(GO_PROFILE)),--release,)

test-go: go-lib
	cd bindings/go && test -z "$$(gofmt -l .)" || { gofmt -l .; exit 1; }
	cd bindings/go && $(GO_ENV) $(GO) vet ./...
	cd bindings/go && $(GO_ENV) $(GO) test -count=1 ./...
	cd bindings/go && $(GO_ENV) $(GO) test -race -count=1 ./...
	cd examples/go/exporter && test -z "$$(gofmt -l .)"
	cd examples/go/exporter && $(GO_ENV) $(GO) vet ./...
	cd examples/go/exporter && $(GO_ENV) $(GO) test -count=1 ./...
	cd examples/go/exporter && $(GO_ENV) $(GO) build -o $(GO_LIBDIR)/libprobe-exporter .
	@$(GO_LIBDIR)/libprobe-exporter -listen $(GO_EXPORTER_ADDR) & pid=$$!; ok=1; \
	  for i in 1 2 3 4 5 6 7 8 9 10; do curl -sf http://$(GO_EXPORTER_ADDR)/metrics > $(GO_LIBDIR)/exporter-scrape.txt && break; sleep 0.5; done; \
	  kill $$pid; wait $$pid 2>/dev/null; \
	  grep -q '^libprobe_processes ' $(GO_LIBDIR)/exporter-scrape.txt && \
	  grep -q '^libprobe_process_resident_memory_bytes{' $(GO_LIBDIR)/exporter-scrape.txt && \
	  grep -q '^libprobe_cpu_seconds_total{mode="user"}' $(GO_LIBDIR)/exporter-scrape.txt || ok=0; \
	  test $$ok = 1 && echo "test-go: the exporter served $$(grep -c '^libprobe_' $(GO_LIBDIR)/exporter-scrape.txt) samples on $(GO_EXPORTER_ADDR)"

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
