# The eBPF domain: its BPF programs and their tests.
#
#   make bpf         recompile libprobe-core/src/sys/linux/ebpf/bpf/*.bpf.c into the committed
#                    CO-RE objects (needs clang and llvm-strip: installed from apt when missing).
#                    A normal build needs neither: the objects are committed.
#   make bench-ebpf  ns added per syscall beside the floor, bcc, bpftrace and a libbpf-tools-style
#                    syscount (bench/run_ebpf.py; about 10 minutes)
#
# `make test` runs the eBPF tests with the other cargo tests (live ones need root); the
# detach tests list programs and links with bpftool, which `deps` installs.

BPF_DIR := libprobe-core/src/sys/linux/ebpf/bpf

.PHONY: bpf bpf-deps bench-ebpf deps-ebpf

deps: deps-ebpf
deps-ebpf:
	@command -v bpftool >/dev/null 2>&1 || { \
	  echo "make: installing bpftool (the eBPF tests check with it that no program stays attached)"; \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends bpftool; }

bpf-deps:
	@command -v clang >/dev/null 2>&1 && command -v llvm-strip >/dev/null 2>&1 || { \
	  echo "make bpf: installing clang and llvm (they compile the BPF programs; the build itself needs neither)"; \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends clang llvm; }

# The libbpf headers are the libbpf-sys crate's (the libbpf the library links), wherever
# cargo keeps it.
bpf: bpf-deps
	$(CARGO) fetch -q
	@inc=$$($(CARGO) metadata --format-version 1 | $(PYTHON) -c 'import json,sys,os; \
	  p=[p for p in json.load(sys.stdin)["packages"] if p["name"]=="libbpf-sys"][0]; \
	  print(os.path.join(os.path.dirname(p["manifest_path"]),"libbpf","src"), p["version"])'); \
	  set -- $$inc; LIBBPF_VERSION="libbpf-sys $$2" $(BPF_DIR)/build.sh $$1
	$(CARGO) test -q -p libprobe-core --test bpf_objects

bench-ebpf: $(VENV)/ready
	$(PY) bench/run_ebpf.py
