# libprobe — two commands do everything on a fresh Debian machine:
#   make demo   builds and runs `probe snapshot`: a readable report of this machine
#   make test   every test in every language, lints included
# Everything else the build needs comes from the registries (crates.io, PyPI, npm, Go proxy).

CARGO   ?= cargo
PYTHON  ?= python3
VENV    := .venv
PY      := $(VENV)/bin/python
# Tools the tests fetch from Debian without installing them (see `deps`).
TOOLS    := $(abspath $(or $(CARGO_TARGET_DIR),target))/tools
PROMTOOL := $(TOOLS)/prometheus/usr/bin/promtool

.PHONY: demo test deps build generate lint test-rust test-unsupported test-psutil test-hostile doc bench fuzz soak clean

# Each face brings its own targets (`test-c`, `test-python`, `test-node`, `test-go`, …).
include $(filter-out mk/faces.mk,$(wildcard mk/*.mk)) mk/faces.mk

demo: deps
	$(CARGO) build --release -p probe-cli
	./target/release/probe snapshot

test: deps lint test-rust test-unsupported test-psutil test-hostile doc test-faces
	@echo "make test: all passed"

# libbpf-sys (the eBPF loader) compiles against libelf; it is the one system package
# the build needs. The network domain's live tests compare conntrack entries with the
# `conntrack` tool (conntrack-tools), which the test machine lacks: `make test` installs it.
deps:
	@dpkg -s libelf-dev >/dev/null 2>&1 || { \
	  echo "make: installing libelf-dev (needed to build the eBPF loader)"; \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends libelf-dev; }
	@dpkg -s conntrack >/dev/null 2>&1 || { \
	  echo "make: installing conntrack (the network tests compare conntrack entries with it)"; \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends conntrack; }
	@dpkg -s tmux >/dev/null 2>&1 || { \
	  echo "make: installing tmux (the test of \`probe top\` drives it in a tmux pane)"; \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends tmux; }
	@test -x $(PROMTOOL) || { \
	  echo "make: fetching promtool from Debian's prometheus package (the exporter's scrape is checked with it;"; \
	  echo "      unpacked into $(TOOLS), not installed, so no prometheus service starts)"; \
	  mkdir -p $(TOOLS) && cd $(TOOLS) && rm -f prometheus_*.deb && \
	  { apt-get download prometheus 2>/dev/null || { apt-get update -qq && apt-get download prometheus; }; } && \
	  dpkg-deb -x prometheus_*.deb prometheus && rm -f prometheus_*.deb; }

# Everything `make test-rust` runs, compiled as `cargo test` compiles it, and the `probe`
# binary the other targets run. (`cargo build --all-targets` first made `cargo test`
# compile the workspace a second time: 1 min 9 s of make test.)
build:
	$(CARGO) test --workspace --all-targets --no-run

# Every generated file of every face, from the core's schemas (records, options, error
# kinds): the C view and header, the C option test, Go types and options, Python stubs,
# TypeScript declarations. `make test` fails when one is stale (generate/tests/fresh.rs).
generate:
	$(CARGO) run -q -p libprobe-generate

lint:
	$(CARGO) fmt --all --check
	$(CARGO) clippy --workspace --all-targets -- -D warnings
	# Without the test targets too: they turn on dev-only features that hide dead code.
	$(CARGO) clippy --workspace -- -D warnings

test-rust: build
	$(CARGO) test --workspace --all-targets
	$(CARGO) test --workspace --doc

test-unsupported:
	$(CARGO) clippy -p libprobe-core --all-targets --features force-unsupported -- -D warnings
	$(CARGO) test -p libprobe-core --features force-unsupported --test unsupported

$(VENV)/ready: tests/requirements.txt
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install -q -r tests/requirements.txt
	touch $@

# Hostile inputs through the `probe` command, each under a time limit, with its exit
# status, time and peak RSS: FIFOs under every root and as --netns, /dev/zero and a huge
# syscalls.txt, a garbage /proc/stat, a copied proc tree, a file for a process directory,
# malformed netlink replies, and a FUSE mount that never answers (mounted over /dev/fuse
# in a private mount namespace, so nothing else on the machine sees it; needs root and
# util-linux's unshare, as on the test machine, and is skipped with a note otherwise).
test-hostile: build
	$(PYTHON) tests/hostile/run.py target/debug/probe

# Every process on this machine, field by field, against psutil.
test-psutil: $(VENV)/ready build
	$(PY) tests/psutil_compare.py target/debug/probe

doc:
	RUSTDOCFLAGS="-D warnings" $(CARGO) doc --workspace --no-deps

# Benchmarks (not run by `make test`): the process table beside the procfs crate, a raw
# floor and psutil, under ../shared/bench/workload.py --procs 1000.
bench: $(VENV)/ready
	$(PY) bench/run_procs.py

# Fuzz every parser for FUZZ_SECONDS each (needs the nightly toolchain and cargo-fuzz).
# -a keeps debug assertions, so an arithmetic overflow is a crash too; new inputs go to a
# scratch directory, not the committed corpus (see fuzz/README.md to merge them).
FUZZ_SECONDS ?= 60
fuzz:
	cd fuzz && for t in $$(cargo +nightly fuzz list); do \
	  mkdir -p /tmp/libprobe-fuzz/$$t && \
	  cargo +nightly fuzz run -a $$t /tmp/libprobe-fuzz/$$t corpus/$$t -- \
	    -max_total_time=$(FUZZ_SECONDS) -timeout=1 -rss_limit_mb=512 || exit 1; done

# An hour of default snapshots under >= 500 forks/s; RSS, descriptors and threads must
# stay flat (not part of `make test`). SOAK_SECONDS=600 for a shorter run.
SOAK_SECONDS ?= 3600
SOAK_FORKS ?= 600
soak:
	$(CARGO) build --release -p libprobe-core --example soak
	./target/release/examples/soak --seconds $(SOAK_SECONDS) --forks-per-sec $(SOAK_FORKS)

clean:
	$(CARGO) clean
	rm -rf $(VENV)
