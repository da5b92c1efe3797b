# The network domain. Its tests are cargo tests (`make test-rust` runs them: parsers,
# goldens, and the live namespace tests, which need root); this fragment adds its
# benchmark, which `make test` does not run.
#
#   make bench-sockets   libprobe's socket tables beside ss, lsof and psutil at 1 000 and
#                        10 000 TCP connections (bench/run_sockets.py; about 3 minutes)

.PHONY: bench-sockets

bench-sockets: $(VENV)/ready
	$(PY) bench/run_sockets.py
