# The Python binding (bindings/python) and the cross-language test.
#
#   make test-python          a virtualenv from PyPI, `pip install ./bindings/python` (maturin
#                             builds the extension with cargo, release profile), pytest,
#                             mypy --strict on the generated stubs' users, stubtest (stubs vs
#                             the built module), and the example
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

test-python: python-install
	$(BINDINGS_PY) -m pytest -q bindings/python/tests
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
