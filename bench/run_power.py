#!/usr/bin/env python3
"""A power sample — RAPL zones, two batteries, 60 sensor channels, thermal zones — read by
libprobe, by node_exporter's four collectors (rapl, powersupplyclass, hwmon,
thermal_zone) and by psutil's `sensors_*`, on the same files.

    python3 bench/run_power.py [--passes 5] [--repeat 200] [--out BASE]     (as root)

The tree is written by `tests/fixtures/power_fixtures.py --bench` (the Intel laptop's
RAPL zones, the dual-battery laptop's supplies, the AMD server's and the laptop's hwmon
chips — 60 channels — and the laptop's thermal zones). psutil has no root option, so every
anchor runs in a private mount namespace with the tree bind-mounted over /sys: all three
read /sys/class/... of the same tree, through the same paths (needs root, `unshare`,
`mount`). node_exporter is Debian's `prometheus-node-exporter`, taken out of its package
with `apt-get download` + `dpkg-deb -x` (so no service is installed or started) unless
one is on PATH; psutil is this interpreter's, or a venv under the target dir.

Measured, interleaved pass by pass (libprobe, psutil, node_exporter):

* libprobe: `libprobe_power --repeat N` (a fresh process per pass; one Probe collecting
  the power domain N times): the median collection, wall and CPU, after the first; also
  each group alone and `hwmon,supplies` (what psutil covers).
* psutil: `psutil_power.py N`: the three calls together, per sample, after a warm-up.
* node_exporter: one server, N scrapes per pass of `/metrics` with only those four
  collectors on: `node_scrape_collector_duration_seconds` of each (they run concurrently,
  so their sum is the work and their maximum the latency), the scrape as the client sees
  it, and the server's CPU time per scrape (`/proc/<pid>/stat`).

Writes BASE.json and BASE.md (default `<target>/bench/power`). Exit status 2 on a setup
error.
"""
from __future__ import annotations

import argparse
import importlib.util
import json
import os
import re
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BENCH = ROOT / "bench"
PSUTIL_VERSION = "7.2.2"
COLLECTORS = ["rapl", "powersupplyclass", "hwmon", "thermal_zone"]
CLK_TCK = os.sysconf("SC_CLK_TCK")


def log(*a) -> None:
    print(*a, file=sys.stderr, flush=True)


def fail(msg: str) -> None:
    log(f"run_power: error: {msg}")
    sys.exit(2)


def target_dir() -> Path:
    env = os.environ.get("CARGO_TARGET_DIR")
    return Path(env).resolve() if env else ROOT / "target"


def psutil_python() -> str:
    if importlib.util.find_spec("psutil") is not None:
        return sys.executable
    venv = target_dir() / "bench-venv"
    py = venv / "bin" / "python"
    if py.exists() and subprocess.run([str(py), "-c", "import psutil"], capture_output=True).returncode == 0:
        return str(py)
    log(f"installing psutil=={PSUTIL_VERSION} into {venv} ...")
    if not py.exists():
        subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
    subprocess.run([str(py), "-m", "pip", "install", "-q", f"psutil=={PSUTIL_VERSION}"], check=True)
    return str(py)


def node_exporter() -> tuple[str, str]:
    """The node_exporter binary and its version line."""
    found = shutil.which("prometheus-node-exporter") or shutil.which("node_exporter")
    if not found:
        cache = target_dir() / "bench-node-exporter"
        found = str(cache / "root/usr/bin/prometheus-node-exporter")
        if not os.path.exists(found):
            log(f"fetching Debian's prometheus-node-exporter into {cache} (apt-get download; not installed) ...")
            cache.mkdir(parents=True, exist_ok=True)
            r = subprocess.run(["apt-get", "download", "prometheus-node-exporter"], cwd=cache)
            if r.returncode != 0:
                subprocess.run(["apt-get", "update", "-qq"])
                subprocess.run(["apt-get", "download", "prometheus-node-exporter"], cwd=cache, check=True)
            deb = sorted(cache.glob("prometheus-node-exporter_*.deb"))[-1]
            subprocess.run(["dpkg-deb", "-x", str(deb), str(cache / "root")], check=True)
    v = subprocess.run([found, "--version"], capture_output=True, text=True)
    return found, (v.stdout + v.stderr).strip().splitlines()[0]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def last_json(text: str) -> dict:
    for line in reversed(text.strip().splitlines()):
        if line.startswith("{"):
            return json.loads(line)
    fail(f"no JSON line in {text[-300:]!r}")
    return {}


def med(xs: list[float]) -> float | None:
    return statistics.median(xs) if xs else None


def proc_cpu_s(pid: int) -> float:
    with open(f"/proc/{pid}/stat") as f:
        t = f.read().rsplit(")", 1)[1].split()
    return (int(t[11]) + int(t[12])) / CLK_TCK


DURATION = re.compile(r'^node_scrape_collector_duration_seconds\{collector="([a-z_]+)"\} (\S+)$', re.M)
SUCCESS = re.compile(r'^node_scrape_collector_success\{collector="([a-z_]+)"\} (\S+)$', re.M)


def scrape(url: str) -> tuple[float, dict[str, float], str]:
    t = time.perf_counter()
    with urllib.request.urlopen(url, timeout=10) as r:
        body = r.read().decode()
    return time.perf_counter() - t, {c: float(v) for c, v in DURATION.findall(body)}, body


def measure(args, tree: Path) -> dict:
    """Runs inside the mount namespace, /sys being the tree."""
    bindir = target_dir() / "release"
    libprobe = str(bindir / "libprobe_power")
    py = args.psutil_python
    exporter, exporter_version = args.exporter, args.exporter_version
    port = free_port()
    ne = subprocess.Popen([exporter, f"--web.listen-address=127.0.0.1:{port}", "--collector.disable-defaults",
                           *[f"--collector.{c}" for c in COLLECTORS], "--path.sysfs=/sys"],
                          stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    url = f"http://127.0.0.1:{port}/metrics"
    for _ in range(100):
        try:
            scrape(url)
            break
        except OSError:
            time.sleep(0.05)
    else:
        ne.kill()
        fail(f"node_exporter did not answer: {ne.stderr.read()[-500:] if ne.stderr else ''}")
    _, _, body = scrape(url)
    ne_success = dict(SUCCESS.findall(body))
    ne_series = {c: len(re.findall(rf"^node_{p}", body, re.M)) for c, p in
                 [("rapl", "rapl_"), ("powersupplyclass", "power_supply_"), ("hwmon", "hwmon_"),
                  ("thermal_zone", "thermal_zone_|^node_cooling_device_")]}
    groups = {"all": "rapl,supplies,hwmon,thermal", "hwmon,supplies": "hwmon,supplies", "rapl": "rapl",
              "supplies": "supplies", "hwmon": "hwmon", "thermal": "thermal"}
    res: dict = {"libprobe": {g: {"wall": [], "cpu": [], "first": []} for g in groups},
                 "psutil": {"wall": [], "cpu": [], "first": [], "per_call": {}},
                 "node_exporter": {"client": [], "cpu_per_scrape": [], "sum": [], "max": [],
                                   **{c: [] for c in COLLECTORS}}}
    seen = {}
    for p in range(args.passes):
        log(f"  pass {p + 1}/{args.passes}")
        for g, list_ in groups.items():
            out = last_json(subprocess.run([libprobe, "--repeat", str(args.repeat), "--groups", list_],
                                           capture_output=True, text=True, check=True).stdout)
            r = res["libprobe"][g]
            r["first"].append(out["iters_s"][0])
            r["wall"] += out["iters_s"][1:]
            r["cpu"] += out["iters_cpu_s"][1:]
            if g == "all":
                seen["libprobe"] = {k: out[k] for k in ("state", "zones", "batteries", "supplies", "chips", "channels",
                                                        "thermal_zones", "cooling_devices", "warnings")}
        out = last_json(subprocess.run([py, str(BENCH / "psutil_power.py"), str(args.repeat)],
                                       capture_output=True, text=True, check=True).stdout)
        r = res["psutil"]
        r["first"].append(out["iters_s"][0])
        r["wall"] += out["iters_s"][1:]
        r["cpu"] += out["iters_cpu_s"][1:]
        for k, v in out["per_call_s"].items():
            r["per_call"].setdefault(k, []).extend(v[1:])
        seen["psutil"] = {k: out[k] for k in ("version", "temperatures", "fans", "battery")}
        r = res["node_exporter"]
        cpu0 = proc_cpu_s(ne.pid)
        for _ in range(args.repeat):
            client, d, _ = scrape(url)
            r["client"].append(client)
            parts = [d[c] for c in COLLECTORS if c in d]
            r["sum"].append(sum(parts))
            r["max"].append(max(parts))
            for c in COLLECTORS:
                if c in d:
                    r[c].append(d[c])
        r["cpu_per_scrape"].append((proc_cpu_s(ne.pid) - cpu0) / args.repeat)
    ne.terminate()
    ne.wait(timeout=10)
    seen["node_exporter"] = {"version": exporter_version, "collector_success": ne_success, "series": ne_series}
    return {"results": res, "seen": seen}


def ms(x: float | None) -> str:
    return "—" if x is None else f"{x * 1e3:.3f}"


def markdown(doc: dict) -> str:
    r, s = doc["summary"], doc["seen"]
    lines = [
        f"# Power sample: libprobe beside node_exporter and psutil ({doc['date']})",
        "",
        f"Command: `{doc['command']}` at commit `{doc['commit']}`{' (core modified)' if doc['dirty'] else ''}; "
        f"{doc['passes']} passes × {doc['repeat']} samples, interleaved; machine: {doc['machine']}; "
        f"1-minute load average {doc['load_average'][0]} before, {doc['load_average'][1]} after (other work on "
        "the machine shows in the wall times: compare the CPU column).",
        "",
        f"The tree (`tests/fixtures/power_fixtures.py --bench`): {s['libprobe']['zones']} RAPL zones, "
        f"{s['libprobe']['batteries']} batteries and {s['libprobe']['supplies']} other supplies, "
        f"{s['libprobe']['chips']} hwmon chips with {s['libprobe']['channels']} channels, "
        f"{s['libprobe']['thermal_zones']} thermal zones and {s['libprobe']['cooling_devices']} cooling devices, "
        "mounted over /sys in a private mount namespace: every anchor reads /sys/class/... of the same files.",
        "",
        "| anchor | what it reads | median per sample, wall ms | CPU ms |",
        "|---|---|---:|---:|",
        f"| libprobe, power domain | all of it, every attribute | {ms(r['libprobe_all'])} | {ms(r['libprobe_all_cpu'])} |",
        f"| libprobe, hwmon + supplies | what psutil covers, and more of it | {ms(r['libprobe_hs'])} | {ms(r['libprobe_hs_cpu'])} |",
        f"| node_exporter {s['node_exporter']['version'].split()[2] if len(s['node_exporter']['version'].split()) > 2 else ''}: 4 collectors, sum of their durations | rapl (energy only), powersupplyclass, hwmon, thermal_zone | {ms(r['ne_sum'])} | — |",
        f"| node_exporter: slowest collector (they run concurrently) | | {ms(r['ne_max'])} | — |",
        f"| node_exporter: whole scrape, as the client sees it | + HTTP and text exposition | {ms(r['ne_client'])} | {ms(r['ne_cpu'])} (server) |",
        f"| psutil {s['psutil']['version']}: sensors_temperatures + sensors_fans + sensors_battery | temperatures ({s['psutil']['temperatures']}), fans ({s['psutil']['fans']}), one battery and AC | {ms(r['psutil'])} | {ms(r['psutil_cpu'])} |",
        "",
        "Ratios (libprobe's whole power sample over each; the target is ≤ 0.5× the fastest):",
        "",
    ]
    for name, v in doc["ratios"].items():
        lines.append(f"- {name}: **{v:.2f}×**" if v is not None else f"- {name}: —")
    lines += ["", "Per group, libprobe (median wall ms) beside node_exporter's collector (median duration ms):", "",
              "| group | libprobe | node_exporter |", "|---|---:|---:|"]
    for g, c in [("rapl", "rapl"), ("supplies", "powersupplyclass"), ("hwmon", "hwmon"), ("thermal", "thermal_zone")]:
        lines.append(f"| {g} | {ms(r['groups'][g])} | {ms(r['ne_collectors'][c])} |")
    lines += ["", "psutil per call (median ms): " + ", ".join(f"{k} {ms(v)}" for k, v in r["psutil_calls"].items()),
              "", f"First sample of a fresh process (median over passes): libprobe {ms(r['libprobe_first'])} ms, "
              f"psutil {ms(r['psutil_first'])} ms.",
              "", f"node_exporter collector success: {s['node_exporter']['collector_success']}; "
              f"series per collector: {s['node_exporter']['series']}.", ""]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--passes", type=int, default=5)
    ap.add_argument("--repeat", type=int, default=200)
    ap.add_argument("--out", default=None)
    ap.add_argument("--no-build", action="store_true")
    ap.add_argument("--inside", default=None, help=argparse.SUPPRESS)
    ap.add_argument("--psutil-python", default=None, help=argparse.SUPPRESS)
    ap.add_argument("--exporter", default=None, help=argparse.SUPPRESS)
    ap.add_argument("--exporter-version", default=None, help=argparse.SUPPRESS)
    args = ap.parse_args(argv)

    if args.inside:
        # In the private mount namespace: put the tree over /sys, measure, print JSON.
        tree = Path(args.inside)
        subprocess.run(["mount", "--make-rprivate", "/"], check=True)
        subprocess.run(["mount", "--bind", str(tree / "sys"), "/sys"], check=True)
        print(json.dumps(measure(args, tree)))
        return 0

    if os.geteuid() != 0:
        fail("needs root: psutil reads /sys only, so the tree is bind-mounted over /sys in a mount namespace")
    if not args.no_build:
        log("building libprobe_power (release) ...")
        subprocess.run(["cargo", "build", "--release", "-q", "-p", "libprobe-bench", "--bin", "libprobe_power"],
                       cwd=ROOT, check=True)
    py = psutil_python()
    exporter, version = node_exporter()
    work = Path(tempfile.mkdtemp(prefix="libprobe-power-bench-"))
    try:
        tree = work / "tree"
        made = subprocess.run([sys.executable, str(ROOT / "tests/fixtures/power_fixtures.py"), "--bench", str(tree)],
                              capture_output=True, text=True, check=True).stdout
        log(f"tree: {made.strip()}")
        cmd = ["unshare", "--mount", "--", sys.executable, str(Path(__file__).resolve()), "--inside", str(tree),
               "--passes", str(args.passes), "--repeat", str(args.repeat), "--psutil-python", py,
               "--exporter", exporter, "--exporter-version", version]
        load_before = os.getloadavg()[0]
        r = subprocess.run(cmd, capture_output=True, text=True)
        load_after = os.getloadavg()[0]
        if r.returncode != 0:
            fail(f"measuring failed: {r.stderr[-1500:]}")
        doc = last_json(r.stdout)
    finally:
        shutil.rmtree(work, ignore_errors=True)

    res = doc["results"]
    lp = res["libprobe"]
    ne = res["node_exporter"]
    ps = res["psutil"]
    summary = {
        "libprobe_all": med(lp["all"]["wall"]), "libprobe_all_cpu": med(lp["all"]["cpu"]),
        "libprobe_hs": med(lp["hwmon,supplies"]["wall"]), "libprobe_hs_cpu": med(lp["hwmon,supplies"]["cpu"]),
        "libprobe_first": med(lp["all"]["first"]),
        "groups": {g: med(lp[g]["wall"]) for g in ("rapl", "supplies", "hwmon", "thermal")},
        "ne_sum": med(ne["sum"]), "ne_max": med(ne["max"]), "ne_client": med(ne["client"]),
        "ne_cpu": med(ne["cpu_per_scrape"]), "ne_collectors": {c: med(ne[c]) for c in COLLECTORS},
        "psutil": med(ps["wall"]), "psutil_cpu": med(ps["cpu"]), "psutil_first": med(ps["first"]),
        "psutil_calls": {k: med(v) for k, v in ps["per_call"].items()},
    }

    def ratio(a, b):
        return a / b if a is not None and b else None

    a = summary["libprobe_all"]
    ratios = {
        "libprobe power sample / node_exporter 4 collectors (sum of durations)": ratio(a, summary["ne_sum"]),
        "libprobe power sample / node_exporter slowest collector": ratio(a, summary["ne_max"]),
        "libprobe power sample / node_exporter scrape (client)": ratio(a, summary["ne_client"]),
        "libprobe power sample / psutil 3 calls": ratio(a, summary["psutil"]),
        "libprobe hwmon+supplies / psutil 3 calls": ratio(summary["libprobe_hs"], summary["psutil"]),
        "libprobe power sample CPU / node_exporter server CPU per scrape": ratio(summary["libprobe_all_cpu"], summary["ne_cpu"]),
    }
    git = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True).stdout.strip()
    dirty = bool(subprocess.run(["git", "status", "--porcelain", "--", "libprobe-core"], cwd=ROOT,
                                capture_output=True, text=True).stdout.strip())
    cpu = next((l.split(":", 1)[1].strip() for l in open("/proc/cpuinfo") if l.startswith("model name")), "?")
    out = {"date": time.strftime("%Y-%m-%d"), "command": "python3 bench/run_power.py " + " ".join(argv or sys.argv[1:]) + "  (as root)",
           "commit": git, "dirty": dirty, "passes": args.passes, "repeat": args.repeat,
           "machine": f"{os.cpu_count()} CPUs ({cpu}), Linux {os.uname().release}",
           "load_average": [round(load_before, 2), round(load_after, 2)],
           "seen": doc["seen"], "summary": summary, "ratios": ratios}
    base = Path(args.out) if args.out else target_dir() / "bench" / "power"
    base.parent.mkdir(parents=True, exist_ok=True)
    Path(f"{base}.json").write_text(json.dumps(out, indent=1) + "\n")
    md = markdown(out)
    Path(f"{base}.md").write_text(md)
    print(md)
    return 0


if __name__ == "__main__":
    sys.exit(main())
