#!/usr/bin/env python3
"""`probe top`'s own cost beside htop and btop, at a 1 s refresh, in one run.

    python3 bench/run_top.py                         # from the repository root
    python3 bench/run_top.py --procs 1000 --seconds 60 --passes 3

Steps: install htop and btop from Debian when missing (apt-get; the tools a user reaches
for), build `probe` in release mode, start the workload (`workload.py --procs N`, idle
`sleep` processes), then run the three viewers at once, each in its own tmux pane (a
real terminal, 200x50), all refreshing every second:

  probe top --interval 1
  htop -d 10                       (tenths of a second)
  btop                             (update_ms = 1000 in a private config)

After a warm-up, each viewer's CPU time (utime+stime of /proc/PID/stat, and the ns sum
of /proc/PID/task/*/schedstat) is read over --seconds, --passes times; the figure is the
share of one CPU it used (the target for probe top: <= 2 %), with its RSS.

Writes OUT.json and OUT.md (default <target>/bench/top) and prints the Markdown.
"""
from __future__ import annotations

import argparse
import glob
import json
import os
import platform
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CLK_TCK = os.sysconf("SC_CLK_TCK")


def log(*a) -> None:
    print(*a, file=sys.stderr, flush=True)


def target_dir() -> Path:
    return Path(os.environ.get("CARGO_TARGET_DIR", ROOT / "target")).resolve()


def cpu(pid: int) -> tuple[float, int]:
    with open(f"/proc/{pid}/stat") as f:
        data = f.read()
    fields = data[data.rindex(")") + 2:].split()
    ns = 0
    for t in glob.glob(f"/proc/{pid}/task/*/schedstat"):
        try:
            with open(t) as f:
                ns += int(f.read().split()[0])
        except (OSError, ValueError, IndexError):
            pass
    return (int(fields[11]) + int(fields[12])) / CLK_TCK, ns


def rss_mib(pid: int) -> float:
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return float("nan")


def pane_pid(socket: str, session: str) -> int:
    out = subprocess.run(["tmux", "-L", socket, "display", "-p", "-t", session, "#{pane_pid}"],
                         capture_output=True, text=True, check=True).stdout
    return int(out.strip())


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--procs", type=int, default=1000)
    ap.add_argument("--seconds", type=float, default=60)
    ap.add_argument("--passes", type=int, default=3)
    ap.add_argument("--warmup", type=float, default=5)
    ap.add_argument("--workload", default=os.environ.get("LIBPROBE_BENCH_WORKLOAD", str(ROOT.parent / "shared/bench/workload.py")))
    ap.add_argument("--out", default=str(target_dir() / "bench" / "top"))
    ap.add_argument("--no-build", action="store_true")
    args = ap.parse_args()

    missing = [p for p in ("htop", "btop", "tmux") if not shutil.which(p)]
    if missing:
        log(f"run_top: installing {' '.join(missing)} from Debian (the viewers measured beside probe top)")
        subprocess.run(["apt-get", "update", "-qq"], check=True)
        subprocess.run(["apt-get", "install", "-y", "-qq", "--no-install-recommends", *missing], check=True,
                       env=dict(os.environ, DEBIAN_FRONTEND="noninteractive"))
    if not args.no_build:
        subprocess.run(["cargo", "build", "--release", "-p", "probe-cli"], cwd=ROOT, check=True)
    probe = target_dir() / "release" / "probe"
    btop_conf = Path(tempfile.mkdtemp(prefix="libprobe-btop-"))
    (btop_conf / "btop").mkdir()
    (btop_conf / "btop" / "btop.conf").write_text("update_ms = 1000\nshown_boxes = \"cpu mem net proc\"\n")
    viewers = {
        "probe top": f"{probe} top --interval 1",
        "htop": "htop -d 10",
        "btop": f"env XDG_CONFIG_HOME={btop_conf} btop",
    }
    socket = f"libprobe-bench-top-{os.getpid()}"
    workload = subprocess.Popen([sys.executable, args.workload, "--procs", str(args.procs), "--seconds", "3600"],
                                stdout=subprocess.PIPE, stdin=subprocess.DEVNULL, text=True)
    if '"ready": true' not in workload.stdout.readline():
        sys.exit("run_top: the workload did not start")
    result: dict = {
        "started": time.strftime("%Y-%m-%d %H:%M:%S"), "cpus": os.cpu_count(), "kernel": platform.release(),
        "procs_workload": args.procs, "processes_on_machine": len(glob.glob("/proc/[0-9]*")),
        "commit": subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True).stdout.strip(),
        "command": " ".join([sys.argv[0]] + sys.argv[1:]),
        "versions": {
            "htop": subprocess.run(["htop", "--version"], capture_output=True, text=True).stdout.split("\n")[0],
            "btop": subprocess.run(["btop", "--version"], capture_output=True, text=True).stdout.strip().split("\n")[0],
        },
        "viewers": {},
    }
    pids = {}
    try:
        for i, (name, cmd) in enumerate(viewers.items()):
            session = f"v{i}"
            subprocess.run(["tmux", "-L", socket, "new-session", "-d", "-s", session, "-x", "200", "-y", "50", cmd],
                           check=True)
            pids[name] = pane_pid(socket, session)
        time.sleep(args.warmup)
        samples: dict[str, list[tuple[float, float]]] = {n: [] for n in viewers}
        for _ in range(args.passes):
            t0 = time.monotonic()
            c0 = {n: cpu(p) for n, p in pids.items()}
            time.sleep(args.seconds)
            wall = time.monotonic() - t0
            for n, p in pids.items():
                s, ns = cpu(p)
                samples[n].append(((s - c0[n][0]) / wall * 100, (ns - c0[n][1]) / 1e9 / wall * 100))
        for n, p in pids.items():
            screen = subprocess.run(["tmux", "-L", socket, "capture-pane", "-p", "-t", f"v{list(viewers).index(n)}"],
                                    capture_output=True, text=True).stdout
            result["viewers"][n] = {
                "cmd": viewers[n],
                "cpu_percent_stat": [round(a, 3) for a, _ in samples[n]],
                "cpu_percent_schedstat": [round(b, 3) for _, b in samples[n]],
                "cpu_percent_median": statistics.median(b for _, b in samples[n]),
                "rss_mib": rss_mib(p),
                "screen_lines": len([ln for ln in screen.splitlines() if ln.strip()]),
            }
        result["loadavg_after"] = os.getloadavg()
    finally:
        subprocess.run(["tmux", "-L", socket, "kill-server"], capture_output=True)
        workload.send_signal(signal.SIGTERM)
        try:
            workload.wait(timeout=30)
        except subprocess.TimeoutExpired:
            workload.kill()
        shutil.rmtree(btop_conf, ignore_errors=True)

    lines = [
        f"# `probe top` beside htop and btop ({result['started']})",
        "",
        f"Command: `{result['command']}` at commit `{result['commit']}`; {result['cpus']} CPUs, kernel "
        f"{result['kernel']}; workload {args.procs} idle processes ({result['processes_on_machine']} on the machine); "
        f"{result['versions']['htop']}, btop {result['versions']['btop']}. All three ran at once, each in a 200x50 "
        f"tmux pane refreshing every second; CPU over {args.passes} × {args.seconds:.0f} s. Load average after: "
        f"{result['loadavg_after'][0]:.2f} (a shared machine).",
        "",
        "| viewer | CPU % of one core (median, schedstat) | per pass (schedstat) | per pass (stat ticks) | RSS MiB |",
        "|---|---|---|---|---|",
    ]
    for n, v in result["viewers"].items():
        lines.append(f"| {n} | **{v['cpu_percent_median']:.2f}** | {v['cpu_percent_schedstat']} | {v['cpu_percent_stat']} | "
                     f"{v['rss_mib']:.1f} |")
    lines += ["", "Target (issue 16): probe top ≤ 2 % of one CPU at a 1 s refresh with 1 000 processes."]
    md = "\n".join(lines) + "\n"
    out = Path(args.out)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.with_suffix(".json").write_text(json.dumps(result, indent=2) + "\n")
    out.with_suffix(".md").write_text(md)
    print(md)


if __name__ == "__main__":
    main()
