#!/usr/bin/env python3
"""psutil's process table with the attributes comparable to libprobe's rich field set.

usage: psutil_procs.py [--repeat N]      (N = 0: import psutil only, the start-up floor)

Per process, through `psutil.process_iter(attrs=ATTRS)` (one `oneshot()` per process):

  pid, ppid, name, exe, cmdline, cwd, status, uids, gids, nice, num_threads,
  create_time, cpu_times, cpu_affinity, cpu_num, memory_info, memory_percent,
  io_counters, num_fds, num_ctx_switches

then `Process.rlimit(r)` for every `psutil.RLIMIT_*` (one prlimit() each; libprobe reads
all sixteen from `/proc/<pid>/limits`).

Left out, because libprobe's rich set has no counterpart or leaves them off by default:
username (a passwd lookup; libprobe reports uids), terminal (libprobe reports tty_nr),
ionice, environ, open_files, net_connections, memory_maps, memory_full_info (smaps),
threads, cpu_percent. psutil has nothing for oom_score, namespaces, cgroup or schedstat,
which libprobe also reads, so psutil does less work than libprobe here.

Prints one JSON line: rows, errors (None values plus refused rlimits), import_s,
inner_s and inner_cpu_s (wall and CPU of the first iteration), iters_s and iters_cpu_s
(every iteration), vm_hwm_kib.
"""
import json
import sys
import time

t0 = time.perf_counter()
import psutil  # noqa: E402

t1 = time.perf_counter()

ATTRS = ["pid", "ppid", "name", "exe", "cmdline", "cwd", "status", "uids", "gids", "nice",
         "num_threads", "create_time", "cpu_times", "cpu_affinity", "cpu_num", "memory_info",
         "memory_percent", "io_counters", "num_fds", "num_ctx_switches"]
RLIMITS = sorted(getattr(psutil, n) for n in dir(psutil) if n.startswith("RLIMIT_"))


def collect():
    rows = errors = 0
    acc = 0
    for p in psutil.process_iter(attrs=ATTRS, ad_value=None):
        rows += 1
        for v in p.info.values():
            if v is None:
                errors += 1
        acc ^= hash(p.info["pid"]) ^ len(p.info["cmdline"] or ())
        for r in RLIMITS:
            try:
                acc ^= p.rlimit(r)[0]
            except psutil.Error:
                errors += 1
    return rows, errors, acc


def vm_hwm_kib():
    with open("/proc/self/status") as f:
        for line in f:
            if line.startswith("VmHWM:"):
                return int(line.split()[1])
    return 0


def main():
    repeat = 1
    argv = sys.argv[1:]
    if argv:
        if len(argv) != 2 or argv[0] != "--repeat" or not argv[1].isdigit():
            sys.exit("usage: psutil_procs.py [--repeat N]")
        repeat = int(argv[1])
    iters, cpus, rows, errors, acc = [], [], 0, 0, 0
    for _ in range(repeat):
        a, c = time.perf_counter(), time.process_time()
        rows, errors, acc = collect()
        cpus.append(round(time.process_time() - c, 6))
        iters.append(round(time.perf_counter() - a, 6))
    print(json.dumps({"tool": "psutil", "version": psutil.__version__, "rows": rows, "errors": errors,
                      "import_s": round(t1 - t0, 6), "inner_s": iters[0] if iters else 0.0,
                      "inner_cpu_s": cpus[0] if cpus else 0.0, "iters_s": iters, "iters_cpu_s": cpus, "checksum": acc & 0xFFFFFFFF, "vm_hwm_kib": vm_hwm_kib(),
                      "attrs": ATTRS, "rlimits": len(RLIMITS)}))


if __name__ == "__main__":
    main()
