#!/usr/bin/env python3
"""The Python binding's process table, for bench/run_bindings.py.

usage: python_procs.py [--repeat N] [--attrs]

One `libprobe.Probe(domains="process")` (the default field set: everything but
smaps_rollup, maps, fds, environ and taskstats), N snapshots. With --attrs each timed
iteration also reads, for every process, the attributes psutil_procs.py asks psutil for
(pid, ppid, name, exe, cmdline, cwd, state, uids, gids, nice, threads, start time, CPU
times, affinity, last CPU, RSS/VMS, memory percent, I/O counters, fds, context switches)
and the sixteen limits: the work a caller of psutil's process_iter gets done.

Prints one JSON line: rows, inner_s (first iteration), iters_s, iters_cpu_s (process CPU
time: user + system, every thread), checksum.
"""
import json
import sys
import time

import libprobe

ATTRS = ["pid", "ppid", "name", "exe", "cmdline", "cwd", "state", "uid_real", "uid_effective", "uid_saved",
         "gid_real", "gid_effective", "gid_saved", "nice", "num_threads", "start_time_unix", "cpu_user_ticks",
         "cpu_system_ticks", "cpu_children_user", "cpu_children_system", "cpu_affinity", "last_cpu",
         "memory_rss", "memory_vms", "memory_percent", "io_read_syscalls", "io_write_syscalls",
         "io_read_bytes", "io_write_bytes", "io_read_chars", "io_write_chars", "num_fds",
         "voluntary_ctx_switches", "nonvoluntary_ctx_switches"]


def read_attrs(snap):
    acc = 0
    for p in snap.processes or []:
        for a in ATTRS:
            acc ^= hash(getattr(p, a)) if a != "cmdline" and a != "cpu_affinity" else len(getattr(p, a) or ())
        limits = p.limits
        if limits is not None:
            for f in type(limits)._fields:
                lim = getattr(limits, f)
                acc ^= lim.soft ^ lim.hard
    return acc


def main():
    argv = sys.argv[1:]
    attrs = "--attrs" in argv
    argv = [a for a in argv if a != "--attrs"]
    repeat = int(argv[1]) if argv[:1] == ["--repeat"] else 1
    probe = libprobe.Probe(domains="process")
    iters, cpus, rows, acc = [], [], 0, 0
    for _ in range(repeat):
        t, c = time.perf_counter(), time.process_time()
        snap = probe.snapshot()
        if attrs:
            acc ^= read_attrs(snap)
        cpus.append(round(time.process_time() - c, 6))
        iters.append(round(time.perf_counter() - t, 6))
        rows = len(snap.processes or [])
        del snap
    print(json.dumps({"tool": "python" + ("+attrs" if attrs else ""), "rows": rows, "inner_s": iters[0] if iters else 0,
                      "iters_s": iters, "iters_cpu_s": cpus, "checksum": acc & 0xFFFFFFFF}))


if __name__ == "__main__":
    main()
