#!/usr/bin/env python3
"""psutil's socket table with owners, for bench/run_sockets.py.

usage: psutil_sockets.py tcp|inet [--repeat N]

`psutil.net_connections(kind)`: psutil parses /proc/net/{tcp,tcp6[,udp,udp6]} and walks
every process's descriptors to fill each connection's pid. Prints one JSON line: rows,
inner_s (the call alone, without the interpreter start and the import), iters_s,
iters_cpu_s, import_s.
"""
import json
import sys
import time


def main() -> int:
    argv = sys.argv[1:]
    if not argv or argv[0] not in ("tcp", "inet"):
        print(__doc__, file=sys.stderr)
        return 2
    kind = argv[0]
    repeat = int(argv[2]) if argv[1:2] == ["--repeat"] else 1
    t = time.perf_counter()
    import psutil
    import_s = time.perf_counter() - t
    iters, cpus, rows, owned = [], [], 0, 0
    for _ in range(repeat):
        t, c = time.perf_counter(), time.process_time()
        conns = psutil.net_connections(kind=kind)
        rows, owned = len(conns), sum(1 for x in conns if x.pid)
        cpus.append(round(time.process_time() - c, 6))
        iters.append(round(time.perf_counter() - t, 6))
    print(json.dumps({"tool": f"psutil:{kind}", "rows": rows, "owned": owned, "errors": 0,
                      "inner_s": iters[0] if iters else 0, "inner_cpu_s": cpus[0] if cpus else 0,
                      "iters_s": iters, "iters_cpu_s": cpus, "import_s": round(import_s, 6),
                      "version": psutil.__version__, "vm_hwm_kib": 0}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
