# The C face: libprobe.so / libprobe.a, include/libprobe.h, libprobe.pc, and their tests.
#
#   make test-c                  everything below (part of `make test`)
#   make install PREFIX=/opt/x   header, libraries and libprobe.pc (release build)
#   make bench-c                 snapshot time through the C API vs Rust, arena bytes
#   make dist                    dist/libprobe-<version>-linux-<arch>.tar.gz: the header,
#                                libraries and a relocatable libprobe.pc (release build)
#
# The tests build against the debug libraries `make test` already built (C_PROFILE=debug);
# `install` builds and installs the release ones unless told otherwise.

C_TARGET      := $(or $(CARGO_TARGET_DIR),target)
C_PROFILE     ?= debug
C_BUILD       := $(C_TARGET)/c-$(C_PROFILE)
C_TESTS       := libprobe-ffi/tests/c
C_FIXTURES    := tests/fixtures
C_SMALL       := $(C_FIXTURES)/linux-6.18-vm/t1
C_ABI         := 1
C_VERSION     := $(shell sed -n 's/^version = "\(.*\)"/\1/p' Cargo.toml | head -n 1)
C_CARGO_FLAGS  = $(if $(filter release,$(1)),--release,)
CXX           ?= g++
C_WARN        := -Wall -Wextra -Werror -pedantic
C_CFLAGS      := -std=c11 $(C_WARN) -g -O1 -Iinclude
C_CXXFLAGS    := -std=c++17 $(C_WARN) -g -O1 -Iinclude -Iexamples/cpp
# What a program linking the static library needs besides it (rustc's native-static-libs).
# libelf and zlib: libbpf (the eBPF domain's loader, in libprobe.a) uses them (libelf-dev).
C_STATIC_DEPS := -lelf -lz -lgcc_s -lutil -lrt -lpthread -lm -ldl -lc
C_SAN         := -fsanitize=address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer
VALGRIND      := valgrind -q --error-exitcode=99 --leak-check=full --show-leak-kinds=definite,indirect \
                 --errors-for-leak-kinds=definite,indirect
C_CYCLES      ?= 1000
C_TEST_SRC    := $(C_TESTS)/walk.c $(C_TESTS)/options_gen.c
# The fake NVML (tests/fake_nvml/README.md): test_api copies it beside a GPU scenario's
# nvml.xml and names it to the core by option gpu.nvml_library. Built as the Rust tests build
# it, and not instrumented: the sanitizers' and valgrind's runs load it as it is.
C_FAKE_NVML   := $(C_BUILD)/fake_nvml/libfake_nvml.so
PREFIX        ?= /usr/local

.PHONY: c-crosslang-driver test-c c-lib c-header c-null-coverage c-tests test-c-plain test-c-asan test-c-valgrind \
        test-c-tsan test-c-examples test-c-install test-c-build-tree install bench-c dist test-c-dist

FACE_TESTS += test-c

test-c: c-lib c-header c-null-coverage test-c-plain test-c-asan test-c-valgrind test-c-tsan \
        test-c-examples test-c-install test-c-build-tree test-c-dist
	@echo "test-c: all passed"

# The libraries, staged with the soname's file name so programs linked against them run.
c-lib:
	$(CARGO) build -p libprobe-ffi $(call C_CARGO_FLAGS,$(C_PROFILE))
	@mkdir -p $(C_BUILD)/lib $(C_BUILD)/bin
	cp -f $(C_TARGET)/$(C_PROFILE)/libprobe.a $(C_BUILD)/lib/libprobe.a
	cp -f $(C_TARGET)/$(C_PROFILE)/libprobe.so $(C_BUILD)/lib/libprobe.so.$(C_ABI)
	ln -sf libprobe.so.$(C_ABI) $(C_BUILD)/lib/libprobe.so

# The header compiles as C11 and C++17 (and GNU modes), warnings as errors. That it is what
# cbindgen makes of the crate, and the crate what the schemas make (`make generate`), is
# checked by `make test-rust` (libprobe-ffi/tests/schema.rs, generate/tests/fresh.rs).
c-header: c-lib
	$(CC) $(C_CFLAGS) -c $(C_TESTS)/header_c11.c -o $(C_BUILD)/header_c11.o
	$(CXX) $(C_CXXFLAGS) -c $(C_TESTS)/header_cpp17.cpp -o $(C_BUILD)/header_cpp17.o
	# GNU modes too (cgo's): they predefine macros such as `unix` and `linux`.
	$(CC) $(subst -std=c11,-std=gnu11,$(C_CFLAGS)) -c $(C_TESTS)/header_c11.c -o $(C_BUILD)/header_gnu11.o
	$(CXX) $(subst -std=c++17,-std=gnu++17,$(C_CXXFLAGS)) -c $(C_TESTS)/header_cpp17.cpp -o $(C_BUILD)/header_gnu17.o

# Every function of the header has its NULL-argument check in test_api.c (the typed option
# setters in the generated options_gen.c).
c-null-coverage:
	@missing=0; for f in $$(grep -oE '\blibprobe_[a-z0-9_]+\(' include/libprobe.h | tr -d '(' | sort -u); do \
	  grep -qE "NULL: .*\b$$f\b" $(C_TESTS)/test_api.c $(C_TESTS)/options_gen.c || \
	    { echo "no NULL check for $$f in test_api.c or options_gen.c"; missing=1; }; \
	done; test $$missing = 0 && echo "c-null-coverage: every function of libprobe.h has its NULL check"

$(C_FAKE_NVML): tests/fake_nvml/fake_nvml.c
	@mkdir -p $(dir $@)
	$(CC) -std=c11 -Wall -Wextra -Werror -shared -fPIC -O1 -o $@ $<

c-tests: c-lib $(C_FAKE_NVML)
	$(CC) $(C_CFLAGS) $(C_TESTS)/test_api.c $(C_TEST_SRC) $(C_BUILD)/lib/libprobe.a $(C_STATIC_DEPS) -o $(C_BUILD)/bin/test_api
	$(CC) $(C_CFLAGS) $(C_TESTS)/test_cycles.c $(C_TEST_SRC) $(C_BUILD)/lib/libprobe.a $(C_STATIC_DEPS) -o $(C_BUILD)/bin/test_cycles
	$(CC) $(C_CFLAGS) $(C_TESTS)/test_threads.c $(C_TEST_SRC) $(C_BUILD)/lib/libprobe.a $(C_STATIC_DEPS) -o $(C_BUILD)/bin/test_threads

# Plain runs, and 1 000 create/snapshot/read/free cycles with a flat heap: after the first
# 100, the bytes in use may not grow by more than 4 KiB (4 bytes a cycle; measured: 0).
test-c-plain: c-tests
	$(C_BUILD)/bin/test_api $(C_FIXTURES) $(C_FAKE_NVML)
	$(C_BUILD)/bin/test_threads $(C_SMALL)
	$(C_BUILD)/bin/test_cycles $(C_SMALL) $(C_CYCLES) --max-heap-growth 4096

# AddressSanitizer (leaks included) and UndefinedBehaviorSanitizer on the C side; ASan's
# malloc also sees every allocation and free of the library.
test-c-asan: c-lib $(C_FAKE_NVML)
	$(CC) $(C_CFLAGS) $(C_SAN) $(C_TESTS)/test_api.c $(C_TEST_SRC) $(C_BUILD)/lib/libprobe.a $(C_STATIC_DEPS) -o $(C_BUILD)/bin/test_api_asan
	$(CC) $(C_CFLAGS) $(C_SAN) $(C_TESTS)/test_cycles.c $(C_TEST_SRC) $(C_BUILD)/lib/libprobe.a $(C_STATIC_DEPS) -o $(C_BUILD)/bin/test_cycles_asan
	$(CC) $(C_CFLAGS) $(C_SAN) $(C_TESTS)/test_threads.c $(C_TEST_SRC) $(C_BUILD)/lib/libprobe.a $(C_STATIC_DEPS) -o $(C_BUILD)/bin/test_threads_asan
	ASAN_OPTIONS=detect_leaks=1:halt_on_error=1 UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1 $(C_BUILD)/bin/test_api_asan $(C_FIXTURES) $(C_FAKE_NVML)
	ASAN_OPTIONS=detect_leaks=1:halt_on_error=1 UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1 $(C_BUILD)/bin/test_threads_asan $(C_SMALL)
	ASAN_OPTIONS=detect_leaks=1:halt_on_error=1 UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1 $(C_BUILD)/bin/test_cycles_asan $(C_SMALL) 300

# valgrind memcheck sees the Rust side too: zero errors, nothing definitely or indirectly
# lost. It checks every allocation, so a few cycles show a leak as well as many: 30 (a
# cycle costs ~0.4 s under it).
test-c-valgrind: c-tests
	$(VALGRIND) $(C_BUILD)/bin/test_api $(C_FIXTURES) $(C_FAKE_NVML)
	$(VALGRIND) $(C_BUILD)/bin/test_threads $(C_SMALL)
	$(VALGRIND) $(C_BUILD)/bin/test_cycles $(C_SMALL) 30

# ThreadSanitizer on the thread test, against the shared library. The library itself is
# not instrumented (stable Rust cannot build it so): its own locks are invisible to TSan,
# so tsan.supp ignores memory accesses made by the library's intercepted calls
# (called_from_lib); every access of the C side, and every view read, is checked.
test-c-tsan: c-lib
	$(CC) $(C_CFLAGS) -fsanitize=thread $(C_TESTS)/test_threads.c $(C_TEST_SRC) -L$(C_BUILD)/lib -lprobe \
	  -Wl,-rpath,$(abspath $(C_BUILD)/lib) -lpthread -o $(C_BUILD)/bin/test_threads_tsan
	TSAN_OPTIONS="halt_on_error=1 suppressions=$(abspath $(C_TESTS)/tsan.supp)" $(C_BUILD)/bin/test_threads_tsan $(C_SMALL)

# The examples build warning-free and run: on a fixture, and on this machine.
test-c-examples: c-lib
	$(CC) $(C_CFLAGS) examples/c/summary.c $(C_BUILD)/lib/libprobe.a $(C_STATIC_DEPS) -o $(C_BUILD)/bin/summary
	$(CC) $(C_CFLAGS) examples/c/monitor.c $(C_BUILD)/lib/libprobe.a $(C_STATIC_DEPS) -o $(C_BUILD)/bin/monitor
	$(CXX) $(C_CXXFLAGS) examples/cpp/top.cpp $(C_BUILD)/lib/libprobe.a $(C_STATIC_DEPS) -o $(C_BUILD)/bin/top
	$(C_BUILD)/bin/summary --fixture $(C_FIXTURES)/adversarial-names > $(C_BUILD)/summary-fixture.txt
	$(C_BUILD)/bin/summary > $(C_BUILD)/summary-live.txt
	$(C_BUILD)/bin/monitor 2 > $(C_BUILD)/monitor.txt
	$(C_BUILD)/bin/top 5 > $(C_BUILD)/top.txt
	@grep -q "processes" $(C_BUILD)/summary-live.txt && grep -q "cpu" $(C_BUILD)/monitor.txt && \
	  grep -q "PID" $(C_BUILD)/top.txt && echo "test-c-examples: summary, monitor and top ran"

# A program linked against the staged build tree (-L$(C_BUILD)/lib -lprobe) loads it: the
# staged directory holds the soname's file (cargo's target/<profile>/ does not).
test-c-build-tree: c-lib
	rm -rf $(C_BUILD)/tree-app && mkdir -p $(C_BUILD)/tree-app
	$(CC) -std=c11 $(C_WARN) -Iinclude examples/c/summary.c -L$(C_BUILD)/lib -lprobe -o $(C_BUILD)/tree-app/app
	LD_LIBRARY_PATH=$(abspath $(C_BUILD)/lib) $(C_BUILD)/tree-app/app > $(C_BUILD)/tree-app/out.txt
	@readelf -d $(C_BUILD)/tree-app/app | grep -q 'NEEDED.*libprobe.so.1' && grep -q processes $(C_BUILD)/tree-app/out.txt && \
	  echo "test-c-build-tree: a program linked with -L$(C_BUILD)/lib -lprobe needs libprobe.so.1, finds it there, runs"

# `make install` into a scratch prefix, then a program in another directory builds with
# pkg-config alone, dynamically and statically, and runs.
test-c-install: c-lib
	rm -rf $(C_BUILD)/prefix $(C_BUILD)/app && mkdir -p $(C_BUILD)/app
	$(MAKE) --no-print-directory install PREFIX=$(abspath $(C_BUILD)/prefix) INSTALL_PROFILE=$(C_PROFILE)
	cp examples/c/summary.c $(C_BUILD)/app/app.c
	cd $(C_BUILD)/app && export PKG_CONFIG_PATH=$(abspath $(C_BUILD)/prefix)/lib/pkgconfig && \
	  $(CC) -std=c11 $(C_WARN) app.c $$(pkg-config --cflags --libs libprobe) -o app && \
	  LD_LIBRARY_PATH=$(abspath $(C_BUILD)/prefix)/lib ./app > dynamic.txt && \
	  $(CC) -std=c11 $(C_WARN) app.c $$(pkg-config --cflags libprobe) \
	    $$(pkg-config --variable=libdir libprobe)/libprobe.a $$(pkg-config --static --libs libprobe | sed 's/-lprobe//') \
	    -o app-static && ./app-static > static.txt && \
	  test "$$(pkg-config --modversion libprobe)" = "$(C_VERSION)" && grep -q processes dynamic.txt static.txt
	@echo "test-c-install: pkg-config build from another directory works (shared and static)"

INSTALL_PROFILE ?= release
install:
	$(CARGO) build -p libprobe-ffi $(call C_CARGO_FLAGS,$(INSTALL_PROFILE))
	install -d $(DESTDIR)$(PREFIX)/include $(DESTDIR)$(PREFIX)/lib/pkgconfig
	install -m 644 include/libprobe.h $(DESTDIR)$(PREFIX)/include/libprobe.h
	install -m 644 $(C_TARGET)/$(INSTALL_PROFILE)/libprobe.a $(DESTDIR)$(PREFIX)/lib/libprobe.a
	install -m 755 $(C_TARGET)/$(INSTALL_PROFILE)/libprobe.so $(DESTDIR)$(PREFIX)/lib/libprobe.so.$(C_ABI)
	ln -sf libprobe.so.$(C_ABI) $(DESTDIR)$(PREFIX)/lib/libprobe.so
	sed -e 's|@PREFIX@|$(PREFIX)|' -e 's|@VERSION@|$(C_VERSION)|' -e 's|@STATIC_DEPS@|$(C_STATIC_DEPS)|' \
	  libprobe-ffi/libprobe.pc.in > $(DESTDIR)$(PREFIX)/lib/pkgconfig/libprobe.pc

# Snapshot time through the C API against the same snapshot in Rust, and the arena's
# bytes per process (and per socket once the network domain is collected).
bench-c:
	$(CARGO) run --release -p libprobe-ffi --example bench_snapshot

# The C face's driver for the cross-language test (tests/cross_language/README.md): the C
# view of each fixture, rendered through libprobe_schema() by walk.c.
c-crosslang-driver: c-lib
	$(CC) $(C_CFLAGS) $(C_TESTS)/crosslang_driver.c $(C_TEST_SRC) $(C_BUILD)/lib/libprobe.a $(C_STATIC_DEPS) \
	  -o $(C_BUILD)/bin/crosslang_driver
CROSS_LANGUAGE_DRIVERS += c=$(C_BUILD)/bin/crosslang_driver
CROSS_LANGUAGE_DEPS    += c-crosslang-driver

# A binary tarball a user installs without our build. Its libprobe.pc finds its own
# directory (${pcfiledir}), so it works where it is unpacked; install.sh copies it under a
# prefix and writes that prefix into the .pc.
DIST_PROFILE ?= release
DIST_NAME     = libprobe-$(C_VERSION)-linux-$(shell uname -m)
DIST_STAGE    = $(C_TARGET)/dist-stage/$(DIST_NAME)
dist:
	$(CARGO) build -p libprobe-ffi $(call C_CARGO_FLAGS,$(DIST_PROFILE))
	rm -rf $(DIST_STAGE) && mkdir -p $(DIST_STAGE)/include $(DIST_STAGE)/lib/pkgconfig dist
	install -m 644 include/libprobe.h $(DIST_STAGE)/include/libprobe.h
	install -m 644 $(C_TARGET)/$(DIST_PROFILE)/libprobe.a $(DIST_STAGE)/lib/libprobe.a
	install -m 755 $(C_TARGET)/$(DIST_PROFILE)/libprobe.so $(DIST_STAGE)/lib/libprobe.so.$(C_ABI)
	ln -sf libprobe.so.$(C_ABI) $(DIST_STAGE)/lib/libprobe.so
	sed -e 's|@PREFIX@|$${pcfiledir}/../..|' -e 's|@VERSION@|$(C_VERSION)|' -e 's|@STATIC_DEPS@|$(C_STATIC_DEPS)|' \
	  libprobe-ffi/libprobe.pc.in > $(DIST_STAGE)/lib/pkgconfig/libprobe.pc
	install -m 755 libprobe-ffi/dist/install.sh $(DIST_STAGE)/install.sh
	install -m 644 libprobe-ffi/dist/README.md $(DIST_STAGE)/README.md
	tar -C $(dir $(DIST_STAGE)) -czf dist/$(DIST_NAME).tar.gz $(DIST_NAME)
	@echo "dist: dist/$(DIST_NAME).tar.gz"

# The tarball (of the debug libraries make test built), unpacked in a scratch directory: a
# program builds with pkg-config where it lies, and again after install.sh into a prefix,
# statically.
test-c-dist: c-lib
	$(MAKE) --no-print-directory dist DIST_PROFILE=$(C_PROFILE)
	@dir=$$(mktemp -d /tmp/libprobe-c-dist.XXXXXX) && trap 'rm -rf "$$dir"' EXIT && \
	  tar -C "$$dir" -xzf dist/$(DIST_NAME).tar.gz && cp examples/c/summary.c "$$dir/app.c" && cd "$$dir" && \
	  export PKG_CONFIG_PATH="$$dir/$(DIST_NAME)/lib/pkgconfig" && \
	  $(CC) -std=c11 $(C_WARN) app.c $$(pkg-config --cflags --libs libprobe) -o app && \
	  LD_LIBRARY_PATH="$$dir/$(DIST_NAME)/lib" ./app > unpacked.txt && \
	  ./$(DIST_NAME)/install.sh "$$dir/prefix" > /dev/null && \
	  export PKG_CONFIG_PATH="$$dir/prefix/lib/pkgconfig" && \
	  test "$$(pkg-config --variable=prefix libprobe)" = "$$dir/prefix" && \
	  $(CC) -std=c11 $(C_WARN) app.c $$(pkg-config --cflags libprobe) "$$dir/prefix/lib/libprobe.a" \
	    $$(pkg-config --static --libs libprobe | sed 's/-lprobe//') -o app-static && \
	  ./app-static > installed.txt && grep -q processes unpacked.txt installed.txt && \
	  echo "test-c-dist: dist/$(DIST_NAME).tar.gz builds a program where unpacked and after install.sh"
