#!/usr/bin/env python3
"""Network bytes per process (the eBPF `netbytes` tracer): loopback throughput with and
without it attached, in one run.

    python3 bench/run_netbytes.py                     # from the repository root, as root
    python3 bench/run_netbytes.py --rounds 5 --seconds 5 --out bench/results/netbytes-DATE

The workload is iperf3 (from apt) over TCP on 127.0.0.1, as three loads:

| load | iperf3 | what it shows |
|---|---|---|
| 1 Gbit/s | `-b 1G` (128 KiB writes) | the target: throughput loss at 1 Gbit/s of loopback traffic ≤ 2 % |
| unlimited | no `-b` (128 KiB writes) | the most the machine moves, where any added cost shows |
| unlimited, 1 KiB writes | `-l 1K` | about a hundred times more send and receive calls per byte: the tracer's per-call cost |

Each round runs every (load, configuration) pair once, configurations in an order rotated
each round; "netbytes" holds the tracer attached with `probe trace --tracers netbytes`
(target/debug/probe; the cost is in the kernel's programs, not in the idle probe). The
figures are the medians over rounds of the receiver's bits per second, and their ratio.
The machine is shared (other builds run): the load average is recorded at start and end.

Needs root (it attaches BPF programs). Installs iperf3 from apt when missing, saying so.
Writes OUT.json and OUT.md and prints the Markdown.
"""
from __future__ import annotations

import argparse
import datetime
import json
import os
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PORT = 5299
LOADS = {
    "1 Gbit/s": ["-b", "1G"],
    "unlimited": [],
    "unlimited, 1 KiB writes": ["-l", "1K"],
}


def log(msg: str) -> None:
    print(msg, file=sys.stderr, flush=True)


def loadavg() -> str:
    return " ".join(Path("/proc/loadavg").read_text().split()[:3])


def iperf(args: list[str], seconds: int) -> float:
    r = subprocess.run(["iperf3", "-c", "127.0.0.1", "-p", str(PORT), "-t", str(seconds), "-J", *args],
                       capture_output=True, text=True, timeout=seconds + 30)
    doc = json.loads(r.stdout)
    if "error" in doc:
        raise RuntimeError(doc["error"])
    return float(doc["end"]["sum_received"]["bits_per_second"])


class Tracer:
    """`probe trace --tracers netbytes`, attached for the duration of a `with`."""

    def __init__(self, probe: Path) -> None:
        self.probe = probe
        self.p: subprocess.Popen[bytes] | None = None

    def __enter__(self) -> "Tracer":
        self.p = subprocess.Popen([str(self.probe), "trace", "--tracers", "netbytes", "--duration", "3600"],
                                  stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        # Attached when it holds its links (bpf_link fds: one per program, three here).
        deadline = time.time() + 30
        while time.time() < deadline:
            links = 0
            fds = Path(f"/proc/{self.p.pid}/fd")
            for fd in fds.iterdir() if fds.exists() else []:
                try:
                    links += os.readlink(fd) == "anon_inode:bpf_link"
                except OSError:
                    pass
            if links >= 3:
                return self
            if self.p.poll() is not None:
                raise RuntimeError(f"probe trace exited: {self.p.stderr.read().decode() if self.p.stderr else ''}")
            time.sleep(0.2)
        self.p.kill()
        self.p.wait()
        raise RuntimeError("probe trace did not attach in 30 s")

    def __exit__(self, *_: object) -> None:
        if self.p is not None:
            self.p.terminate()
            self.p.wait(timeout=30)


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--rounds", type=int, default=5)
    ap.add_argument("--seconds", type=int, default=5)
    ap.add_argument("--probe", default=str(ROOT / "target" / "debug" / "probe"))
    ap.add_argument("--out", default=str(ROOT / "bench" / "results" / f"netbytes-{datetime.date.today()}"))
    a = ap.parse_args()
    if os.geteuid() != 0:
        raise SystemExit("needs root (it attaches BPF programs)")
    if not shutil.which("iperf3"):
        log("installing iperf3 from apt (the workload)")
        subprocess.run(["apt-get", "install", "-y", "-qq", "iperf3"], check=True, env=dict(os.environ,
                       DEBIAN_FRONTEND="noninteractive"))
    probe = Path(a.probe)
    if not probe.exists():
        raise SystemExit(f"{probe} missing: cargo build -p probe-cli --bin probe")
    server = subprocess.Popen(["iperf3", "-s", "-p", str(PORT)], stdout=subprocess.DEVNULL,
                              stderr=subprocess.DEVNULL)
    time.sleep(0.5)
    load_start = loadavg()
    results: dict[str, dict[str, list[float]]] = {l: {"alone": [], "netbytes": []} for l in LOADS}
    try:
        configs = ["alone", "netbytes"]
        for r in range(a.rounds):
            order = configs[r % 2:] + configs[:r % 2]
            for c in order:
                log(f"round {r + 1}/{a.rounds}: {c}")
                if c == "netbytes":
                    with Tracer(probe):
                        for load, args in LOADS.items():
                            results[load][c].append(iperf(args, a.seconds))
                else:
                    for load, args in LOADS.items():
                        results[load][c].append(iperf(args, a.seconds))
    finally:
        server.terminate()
        server.wait(timeout=10)
    load_end = loadavg()
    rows = []
    for load, by in results.items():
        alone, traced = statistics.median(by["alone"]), statistics.median(by["netbytes"])
        rows.append({"load": load, "alone_bps": by["alone"], "netbytes_bps": by["netbytes"],
                     "alone_median_bps": alone, "netbytes_median_bps": traced,
                     "loss_percent": round((1 - traced / alone) * 100, 2)})
    doc = {"date": datetime.datetime.now(datetime.timezone.utc).isoformat(timespec="seconds"),
           "kernel": os.uname().release, "cpus": os.cpu_count(), "rounds": a.rounds, "seconds": a.seconds,
           "loadavg_start": load_start, "loadavg_end": load_end,
           "command": f"python3 bench/run_netbytes.py --rounds {a.rounds} --seconds {a.seconds}", "rows": rows}
    out = Path(a.out)
    out.with_suffix(".json").write_text(json.dumps(doc, indent=1) + "\n")
    lines = [
        f"# netbytes: loopback TCP throughput with and without the tracer ({doc['date']})",
        "",
        f"`{doc['command']}` on kernel {doc['kernel']}, {doc['cpus']} CPUs (shared: other builds ran), "
        f"load average {load_start} at start, {load_end} at end. iperf3 over TCP on 127.0.0.1, "
        f"{a.seconds} s per run, {a.rounds} interleaved rounds; medians of the receiver's throughput.",
        "",
        "| load | alone (Gbit/s) | netbytes attached (Gbit/s) | loss |",
        "|---|---|---|---|",
    ]
    for row in rows:
        lines.append(f"| {row['load']} | {row['alone_median_bps'] / 1e9:.3f} | {row['netbytes_median_bps'] / 1e9:.3f} "
                     f"| {row['loss_percent']:+.2f} % |")
    lines += ["", "Every run (Gbit/s):", ""]
    for row in rows:
        lines.append(f"- {row['load']}: alone {[round(x / 1e9, 3) for x in row['alone_bps']]}, "
                     f"netbytes {[round(x / 1e9, 3) for x in row['netbytes_bps']]}")
    md = "\n".join(lines) + "\n"
    out.with_suffix(".md").write_text(md)
    print(md)
    return 0


if __name__ == "__main__":
    sys.exit(main())
