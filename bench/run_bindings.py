#!/usr/bin/env python3
"""Bindings benchmark: the Python, Node and Go bindings beside the same snapshot in Rust and
beside the local favourites (psutil, systeminformation, gopsutil), in one run, under one
workload.

    python3 bench/run_bindings.py               # from the repository root
    python3 bench/run_bindings.py --passes 5 --repeat 11 --out target/bench/bindings

Set-up (each step skipped when done): the Rust anchors (`cargo build --release -p
libprobe-bench`), the Python binding and psutil in `.venv-bindings` (`pip install
./bindings/python`, release build), the Node addon (`npm run build` in bindings/node),
systeminformation (`npm ci` in bench/node), and the Go anchors (`go build` in bench/go
against the release libprobe.a, gopsutil from the module proxy). Then it starts `workload.py --procs 1000 --tcp
10000` (../shared/bench/workload.py) and measures, interleaved round-robin, each anchor as
a fresh process that collects `--repeat` times:

| anchor | what one iteration is |
|---|---|
| rust | `Probe::snapshot()` of the process domain, default field set (bench/src/bin/libprobe_procs.rs) |
| python | `Probe(domains="process").snapshot()`: the Python object of the snapshot (fields convert lazily) |
| python+attrs | the same, then every process's psutil-equivalent attributes and its 16 limits read |
| node | `new Probe({domains: 'process'}).snapshot()`: every process as plain objects |
| psutil | `process_iter(attrs=...)` + 16 `rlimit()` per process (bench/psutil_procs.py) |
| systeminformation | `si.processes()` (first call of a process: it serves repeated calls from a cache) |
| go | `libprobe.New(&Options{Domains: process}).Snapshot()`, then every process's gopsutil-equivalent fields read (bench/go) |
| gopsutil | `process.Processes()` + the same fields and `Rlimit()` per process (bench/go `--gopsutil`) |

`first` is the first iteration of each fresh process; `steady` the later ones (a poller
that is already running); `steady CPU` the process CPU time of the later ones (every
thread, so V8's and CPython's helpers count). Ratios are of medians. Sockets (every TCP socket with its owners:
`psutil.net_connections(kind="tcp")` beside the network domain asked for the same) are
measured when this libprobe's snapshot has a network domain.
Prints a Markdown report and writes OUT.json and OUT.md.
"""
from __future__ import annotations

import argparse
import importlib.util
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BENCH = ROOT / "bench"
VENV = ROOT / ".venv-bindings"
PY = VENV / "bin" / "python"
PSUTIL_VERSION = "7.2.2"


def log(*a: object) -> None:
    print(*a, file=sys.stderr, flush=True)


def fail(msg: str) -> None:
    log(f"run_bindings: error: {msg}")
    sys.exit(2)


def target_dir() -> Path:
    env = os.environ.get("CARGO_TARGET_DIR")
    return Path(env).resolve() if env else ROOT / "target"


def sh(cmd: list[str], cwd: Path = ROOT, **kw: object) -> None:
    log("  $ " + " ".join(cmd))
    r = subprocess.run(cmd, cwd=cwd, **kw)  # type: ignore[call-overload]
    if r.returncode != 0:
        fail(f"`{' '.join(cmd)}` exited {r.returncode}")


def setup(skip_build: bool) -> None:
    if skip_build:
        return
    log("setting up (release builds) ...")
    sh(["cargo", "build", "--release", "-q", "-p", "libprobe-bench", "--bins"])
    if not PY.exists():
        sh([sys.executable, "-m", "venv", str(VENV)])
    sh([str(PY), "-m", "pip", "install", "-q", f"psutil=={PSUTIL_VERSION}"])
    sh([str(PY), "-m", "pip", "install", "-q", "--force-reinstall", "--no-deps", "./bindings/python"])
    node_dir = ROOT / "bindings" / "node"
    if not (node_dir / "node_modules").is_dir():
        sh(["npm", "ci", "--no-audit", "--no-fund"], cwd=node_dir)
    sh(["npm", "run", "build"], cwd=node_dir, stdout=subprocess.DEVNULL)
    if shutil.which("go"):
        sh(["cargo", "build", "--release", "-q", "-p", "libprobe-ffi"])
        env = dict(os.environ, CGO_LDFLAGS=f"-L{target_dir() / 'release'}")
        sh(["go", "build", "-o", str(target_dir() / "release" / "go_procs"), "."], cwd=BENCH / "go", env=env)
    if not (BENCH / "node" / "node_modules" / "systeminformation").is_dir():
        sh(["npm", "ci", "--no-audit", "--no-fund"], cwd=BENCH / "node")


def workload_module(path_arg: str | None):  # type: ignore[no-untyped-def]
    path = path_arg or os.environ.get("LIBPROBE_BENCH_WORKLOAD") or str(ROOT.parent / "shared" / "bench" / "workload.py")
    p = Path(path).resolve()
    if not p.is_file():
        fail(f"workload generator not found at {p} (pass --workload PATH)")
    spec = importlib.util.spec_from_file_location("libprobe_bench_workload", p)
    mod = importlib.util.module_from_spec(spec)  # type: ignore[arg-type]
    spec.loader.exec_module(mod)  # type: ignore[union-attr]
    return mod, p


def has_network() -> bool:
    r = subprocess.run([str(PY), "-c", "import libprobe; print('network' in libprobe.Snapshot._fields)"],
                       capture_output=True, text=True)
    return r.stdout.strip() == "True"


def anchors(network: bool) -> dict[str, tuple[list[str], bool]]:
    """name -> (command, whether repeated calls are meaningful)."""
    rel = target_dir() / "release"
    node = shutil.which("node") or "node"
    out = {
        "rust": ([str(rel / "libprobe_procs")], True),
        "python": ([str(PY), str(BENCH / "python_procs.py")], True),
        "python+attrs": ([str(PY), str(BENCH / "python_procs.py"), "--attrs"], True),
        "node": ([node, str(BENCH / "node_procs.js")], True),
        "psutil": ([str(PY), str(BENCH / "psutil_procs.py")], True),
        "systeminformation": ([node, str(BENCH / "node" / "si_procs.js")], False),
    }
    if (rel / "go_procs").exists():
        out["go"] = ([str(rel / "go_procs")], True)
        out["gopsutil"] = ([str(rel / "go_procs"), "--gopsutil"], True)
    if network:
        out["python sockets"] = ([str(PY), str(BENCH / "python_sockets.py")], True)
        out["psutil sockets"] = ([str(PY), str(BENCH / "python_sockets.py"), "--psutil"], True)
    return out


def run_one(cmd: list[str], repeat: int) -> dict:
    r = subprocess.run(cmd + ["--repeat", str(repeat)], capture_output=True, text=True, timeout=900)
    if r.returncode != 0:
        fail(f"{' '.join(cmd)} exited {r.returncode}: {r.stderr.strip()[-600:]}")
    for line in reversed(r.stdout.strip().splitlines()):
        if line.startswith("{"):
            return json.loads(line)
    fail(f"{' '.join(cmd)} printed no JSON line")
    return {}


def med(xs: list[float]) -> float | None:
    return statistics.median(xs) if xs else None


def ms(x: float | None) -> str:
    return "-" if x is None else f"{x * 1e3:.1f}"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--procs", type=int, default=1000)
    ap.add_argument("--tcp", type=int, default=10000)
    ap.add_argument("--passes", type=int, default=5, help="round-robin passes (default 5)")
    ap.add_argument("--repeat", type=int, default=6, help="collections per process per pass (default 6)")
    ap.add_argument("--workload", help="path of workload.py")
    ap.add_argument("--no-build", action="store_true")
    ap.add_argument("--out", help="write OUT.json and OUT.md (default <target>/bench/bindings)")
    args = ap.parse_args(argv)

    wl, wl_path = workload_module(args.workload)
    setup(args.no_build)
    network = has_network()
    todo = anchors(network)
    first: dict[str, list[float]] = {n: [] for n in todo}
    steady: dict[str, list[float]] = {n: [] for n in todo}
    steady_cpu: dict[str, list[float]] = {n: [] for n in todo}
    rows: dict[str, int] = {}
    versions: dict[str, str] = {}
    log(f"starting workload: {wl_path} --procs {args.procs} --tcp {args.tcp}")
    t0 = time.time()
    with wl.Workload(procs=args.procs, tcp=args.tcp, seconds=3600) as w:
        log(f"workload ready: {len(w.pids)} processes")
        for p in range(args.passes + 1):
            line = []
            for name, (cmd, repeats) in todo.items():
                r = run_one(cmd, args.repeat if repeats else 1)
                if p == 0:
                    continue  # warm-up pass: page cache, binaries, the workload settling
                first[name].append(r["inner_s"])
                steady[name] += r["iters_s"][1:]
                steady_cpu[name] += r.get("iters_cpu_s", [])[1:]
                rows[name] = r.get("rows", 0)
                if "version" in r:
                    versions[name] = str(r["version"])
                line.append(f"{name} {r['inner_s'] * 1e3:.1f}")
            log(f"  pass {p}{' (warm-up)' if p == 0 else ''}: first ms " + ", ".join(line))
    wall = time.time() - t0

    def best(n: str) -> float | None:
        return med(steady[n]) if steady[n] else med(first[n])

    ratios = []

    def ratio(label: str, a: str, b: str, target: str) -> None:
        if a in todo and b in todo:
            f = med(first[a]) / med(first[b]) if med(first[a]) and med(first[b]) else None
            s = best(a) / best(b) if best(a) and best(b) else None
            ca, cb = med(steady_cpu[a]), med(steady_cpu[b])
            ratios.append((label, f, s, ca / cb if ca and cb else None, target))

    ratio("psutil / python", "psutil", "python", ">= 5")
    ratio("psutil / python+attrs", "psutil", "python+attrs", ">= 5")
    ratio("python / rust", "python", "rust", "<= 1.5")
    ratio("python+attrs / rust", "python+attrs", "rust", "-")
    ratio("node / rust", "node", "rust", "<= 1.5")
    ratio("systeminformation / node", "systeminformation", "node", "-")
    ratio("go / rust", "go", "rust", "<= 1.5")
    ratio("gopsutil / go", "gopsutil", "go", "-")
    if network:
        ratio("psutil sockets / python sockets", "psutil sockets", "python sockets", "-")

    md = [f"## Bindings, {args.procs} workload processes and {args.tcp} TCP connections",
          "", f"{platform.node()}: {os.cpu_count()} CPUs, kernel {platform.release()}; {args.passes} passes "
          f"after a warm-up, {args.repeat} collections per process (systeminformation: 1); {wall:.0f} s.", "",
          "| anchor | rows | first ms (median) | steady ms (median) | steady CPU ms (median) | n first / steady |",
          "|---|---:|---:|---:|---:|---:|"]
    for n in todo:
        md.append(f"| {n}{' ' + versions[n] if n in versions else ''} | {rows.get(n, 0)} | {ms(med(first[n]))} | "
                  f"{ms(med(steady[n]))} | {ms(med(steady_cpu[n]))} | {len(first[n])} / {len(steady[n])} |")
    md += ["", "| ratio of medians | first | steady | steady CPU | target |", "|---|---:|---:|---:|---|"]
    x = lambda v: "-" if v is None else f"{v:.2f}x"  # noqa: E731
    for label, f, s, c, target in ratios:
        md.append(f"| {label} | {x(f)} | {x(s)} | {x(c)} | {target} |")
    md += ["", f"Load average at the end: {os.getloadavg()[0]:.2f} on {os.cpu_count()} CPUs; the CPU columns "
           "(process CPU time, every thread) move less than the wall ones when other work shares the machine."]
    if not network:
        md += ["", "Sockets: this libprobe's snapshot has no network domain yet; not measured."]
    text = "\n".join(md) + "\n"
    out = Path(args.out) if args.out else target_dir() / "bench" / "bindings"
    out.parent.mkdir(parents=True, exist_ok=True)
    Path(f"{out}.md").write_text(text)
    Path(f"{out}.json").write_text(json.dumps({
        "date": time.strftime("%Y-%m-%dT%H:%M:%S%z"), "procs": args.procs, "tcp": args.tcp,
        "first_s": first, "steady_s": steady, "steady_cpu_s": steady_cpu, "rows": rows, "versions": versions,
        "ratios": [{"label": r[0], "first": r[1], "steady": r[2], "steady_cpu": r[3], "target": r[4]} for r in ratios],
        "commit": subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True,
                                 text=True).stdout.strip()}, indent=1) + "\n")
    print(text)
    log(f"wrote {out}.json and {out}.md")
    return 0


if __name__ == "__main__":
    sys.exit(main())
