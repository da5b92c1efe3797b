#!/usr/bin/env python3
"""Every TCP socket with its owning processes, for bench/run_bindings.py (measured when the
snapshot has a network domain).

usage: python_sockets.py [--repeat N] [--psutil]

libprobe: `Probe(domains="network", sockets="tcp", ...)`: every TCP socket with its owning
processes, without TCP internals, interfaces, routes or neighbours (the work psutil does),
and the length of `network.tcp`.
psutil: `psutil.net_connections(kind="tcp")` (owners included: psutil walks every
process's descriptors). Prints one JSON line: rows, inner_s, iters_s, iters_cpu_s.
"""
import json
import sys
import time


def main():
    argv = sys.argv[1:]
    use_psutil = "--psutil" in argv
    argv = [a for a in argv if a != "--psutil"]
    repeat = int(argv[1]) if argv[:1] == ["--repeat"] else 1
    if use_psutil:
        import psutil

        def collect():
            return len(psutil.net_connections(kind="tcp"))
    else:
        import libprobe
        probe = libprobe.Probe(domains="network", sockets="tcp", owners=True, tcp_info=False, interfaces=False,
                               routes=False, neighbours=False)

        def collect():
            net = probe.snapshot().network
            return len(net.tcp or []) if net is not None else 0
    iters, cpus, rows = [], [], 0
    for _ in range(repeat):
        t, c = time.perf_counter(), time.process_time()
        rows = collect()
        cpus.append(round(time.process_time() - c, 6))
        iters.append(round(time.perf_counter() - t, 6))
    print(json.dumps({"tool": "psutil" if use_psutil else "python", "rows": rows, "inner_s": iters[0] if iters else 0,
                      "iters_s": iters, "iters_cpu_s": cpus}))


if __name__ == "__main__":
    main()
