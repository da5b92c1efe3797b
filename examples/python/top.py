#!/usr/bin/env python3
"""A small top on libprobe's Python binding: CPU, memory and sockets per process.

    python examples/python/top.py              # refresh every second until Ctrl-C
    python examples/python/top.py -n 1 -d 0.5  # one screen after half a second

One Probe takes a snapshot per refresh; CPU percentages come from consecutive snapshots of
it. Sockets per process come from the network domain's socket owners, when this libprobe
has the network domain (otherwise the column shows `-`).
"""
from __future__ import annotations

import argparse
import os
import sys
import time
from collections import Counter
from typing import Any

import libprobe

def mib(n: int | None) -> str:
    return "-" if n is None else f"{n / 2**20:.1f}"


def pct(x: float | None) -> str:
    return "-" if x is None else f"{x:.1f}"


def avg(x: float | None) -> str:
    return "-" if x is None else f"{x:.2f}"


def sockets_by_pid(snap: libprobe.Snapshot) -> tuple[Counter[int], dict[str, int]] | None:
    """Sockets per owning pid, and the size of each socket table; None without a network domain."""
    net: Any = getattr(snap, "network", None)
    if net is None:
        return None
    per_pid: Counter[int] = Counter()
    sizes: dict[str, int] = {}
    # The socket tables are the network's lists of records with `owners`: found by looking,
    # so a table the core adds shows up here too.
    for table in type(net)._fields:
        rows = getattr(net, table)
        if not isinstance(rows, list) or not rows or "owners" not in type(rows[0])._fields:
            continue
        sizes[table] = len(rows)
        for sock in rows:
            for owner in sock.owners or []:
                per_pid[owner.pid] += 1
    return per_pid, sizes


def screen(snap: libprobe.Snapshot, limit: int) -> str:
    out = []
    system = snap.system
    if system is not None:
        mem = system.memory
        load = system.load
        used = None if mem is None or mem.available is None else mem.total - mem.available
        out.append(
            f"cpu {pct(system.cpu_percent)}%  "
            f"mem {mib(used)}/{mib(mem.total if mem else None)} MiB  "
            f"load {'-' if load is None else ' '.join(avg(x) for x in (load.load1, load.load5, load.load15))}")
    socks = sockets_by_pid(snap)
    if socks is not None:
        out.append("sockets " + "  ".join(f"{k} {v}" for k, v in socks[1].items()))
    procs = snap.processes or []
    out.append(f"{len(procs)} processes")
    out.append(f"{'PID':>7} {'CPU%':>6} {'RSS MiB':>8} {'MEM%':>5} {'THR':>4} {'SOCK':>5}  NAME")
    busiest = sorted(procs, key=lambda p: (p.cpu_percent or 0.0, p.memory_rss or 0), reverse=True)
    for p in busiest[:limit]:
        n = "-" if socks is None else str(socks[0].get(p.pid, 0))
        # Names may hold any byte: show non-UTF-8 bytes and control characters escaped.
        name = p.name.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")
        name = name.encode("unicode_escape").decode("ascii") if not name.isprintable() else name
        out.append(f"{p.pid:>7} {pct(p.cpu_percent):>6} {mib(p.memory_rss):>8} {pct(p.memory_percent):>5} "
                   f"{'-' if p.num_threads is None else p.num_threads:>4} {n:>5}  {name}")
    return "\n".join(out)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("-n", "--iterations", type=int, default=0, help="screens to show (default: until Ctrl-C)")
    ap.add_argument("-d", "--delay", type=float, default=1.0, help="seconds between screens (default 1)")
    ap.add_argument("-l", "--limit", type=int, default=15, help="processes per screen (default 15)")
    ap.add_argument("--fixture", help="read a fixture tree instead of this machine")
    args = ap.parse_args(argv)
    domains = [d for d in ("system", "process", "network") if d in libprobe.DOMAINS]
    try:
        probe = libprobe.Probe(domains=domains, fixture=args.fixture)
    except libprobe.ProbeError as e:
        print(f"top: {e}", file=sys.stderr)
        return 2
    probe.snapshot()  # the baseline for CPU percentages
    shown = 0
    try:
        while args.iterations == 0 or shown < args.iterations:
            time.sleep(args.delay)
            text = screen(probe.snapshot(), args.limit)
            if sys.stdout.isatty() and args.iterations != 1:
                sys.stdout.write("\x1b[H\x1b[2J")
            print(text, flush=True)
            shown += 1
    except KeyboardInterrupt:
        pass
    except BrokenPipeError:
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
    return 0


if __name__ == "__main__":
    sys.exit(main())
