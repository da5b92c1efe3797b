#!/usr/bin/env python3
"""Soak with a burst of TCP sockets: does the probe give back the memory a large socket
table took once the sockets are gone?

usage: soak_sockets.py BIN [BIN ...] [--seconds 420] [--forks-per-sec 600] [--tcp 10000]
                       [--open-at 120] [--close-at 300] [--every 5] [--workload PATH]

Runs each BIN (a build of `examples/soak`) with `--seconds S --forks-per-sec R`, side by
side, so that every binary sees the same machine. At `--open-at` seconds it opens `--tcp`
established loopback TCP connections (shared/bench/workload.py: 2 sockets each, held by
its socket workers) and closes them at `--close-at`. Every `--every` seconds it prints
one line: the time, the machine's TCP sockets in use (/proc/net/sockstat), its processes and each
binary's RSS (KiB), descriptors and threads. At the end, each binary's last lines (the
soak's own verdict) and its exit status. Exit 1 when a soak failed.
"""
import argparse
import os
import subprocess
import sys
import threading
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
import run_procs as rp  # noqa: E402  (the workload generator's location)


def tcp_inuse() -> int:
    for line in Path("/proc/net/sockstat").read_text().splitlines():
        if line.startswith("TCP:"):
            f = line.split()
            return int(f[f.index("inuse") + 1])
    return -1


def machine_processes() -> int:
    return sum(1 for d in os.listdir("/proc") if d.isdigit())


def usage(pid: int) -> tuple[int, int, int]:
    """(RSS KiB, descriptors, threads) of `pid`; -1s when it is gone."""
    try:
        rss = next(int(l.split()[1]) for l in Path(f"/proc/{pid}/status").read_text().splitlines()
                   if l.startswith("VmRSS:"))
        return rss, len(os.listdir(f"/proc/{pid}/fd")), len(os.listdir(f"/proc/{pid}/task"))
    except (OSError, StopIteration):
        return -1, -1, -1


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("bins", nargs="+")
    ap.add_argument("--seconds", type=int, default=420)
    ap.add_argument("--forks-per-sec", type=int, default=600)
    ap.add_argument("--tcp", type=int, default=10000)
    ap.add_argument("--open-at", type=float, default=120)
    ap.add_argument("--close-at", type=float, default=300)
    ap.add_argument("--every", type=float, default=5)
    ap.add_argument("--workload")
    args = ap.parse_args()
    wl_mod, _ = rp.workload_module(args.workload)

    t0 = time.monotonic()
    soaks = [subprocess.Popen([b, "--seconds", str(args.seconds), "--forks-per-sec", str(args.forks_per_sec)],
                              stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True) for b in args.bins]
    outs = [[] for _ in soaks]
    readers = [threading.Thread(target=lambda p=p, o=o: o.extend(p.stdout), daemon=True) for p, o in zip(soaks, outs)]
    for r in readers:
        r.start()
    # Generous hard deadline: the workers end by themselves even if this script dies.
    wl = wl_mod.Workload(tcp=args.tcp, seconds=int(args.close_at - args.open_at) + 120,
                         hard_timeout=args.seconds + 300)
    events = []

    def burst():
        time.sleep(max(0.0, args.open_at - (time.monotonic() - t0)))
        events.append((time.monotonic() - t0, time.strftime("%H:%M:%S", time.gmtime()), "opening"))
        wl.start()
        events.append((time.monotonic() - t0, time.strftime("%H:%M:%S", time.gmtime()),
                       f"open: {wl.info.get('tcp')} connections"))
        time.sleep(max(0.0, args.close_at - (time.monotonic() - t0)))
        wl.stop()
        events.append((time.monotonic() - t0, time.strftime("%H:%M:%S", time.gmtime()), "closed"))

    bt = threading.Thread(target=burst, daemon=True)
    bt.start()
    print(f"# {time.strftime('%Y-%m-%d %H:%M:%S', time.gmtime())} UTC; load {os.getloadavg()}", flush=True)
    print("# t_s utc tcp_inuse processes " + " ".join(f"rss_kib[{i}] fds[{i}] threads[{i}]" for i in range(len(soaks))),
          flush=True)
    seen = 0
    try:
        while any(p.poll() is None for p in soaks):
            t = time.monotonic() - t0
            row = [f"{t:.0f}", time.strftime("%H:%M:%S", time.gmtime()), str(tcp_inuse()), str(machine_processes())]
            for p in soaks:
                row += [str(v) for v in usage(p.pid)]
            for e in events[seen:]:
                print(f"# {e[0]:.0f} s, {e[1]}: {e[2]}", flush=True)
            seen = len(events)
            print(" ".join(row), flush=True)
            time.sleep(args.every - (time.monotonic() - t0) % args.every)
    finally:
        wl.stop()
        for p in soaks:
            if p.poll() is None:
                p.terminate()
        for r in readers:
            r.join(timeout=10)
    print(f"# end {time.strftime('%Y-%m-%d %H:%M:%S', time.gmtime())} UTC; load {os.getloadavg()}")
    failed = False
    for b, p, o in zip(args.bins, soaks, outs):
        print(f"## {b}: exit {p.wait()}")
        print("".join(o[-6:]), end="")
        failed |= p.returncode != 0
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
