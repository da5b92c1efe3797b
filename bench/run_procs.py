#!/usr/bin/env python3
"""Process-table benchmark: libprobe beside the procfs crate, the raw floor and psutil,
all in one run under the same workload.

    python3 bench/run_procs.py                  # from the repository root
    python3 bench/run_procs.py --runs 15 --procs 1000 --out target/bench/procs

Steps: build the bench binaries in release mode (cargo; honours CARGO_TARGET_DIR),
make a venv with psutil if there is none, start the workload (`workload.py --procs N`,
idle `sleep` processes), then measure

* whole process, each anchor started fresh through `bench_exec`: wall, user+sys CPU,
  peak RSS (the anchor's own VmHWM), and the anchor's inner time (the collection call
  alone, excluding process start-up and, for psutil, the interpreter and import);
  warm-up passes, then `--runs` passes, interleaved round-robin (A B C D, A B C D, ...);
* steady state: each anchor collects `--steady` + 1 times in one process (round-robin,
  `--steady-passes` times); the median of all but the first calls is what a poller that
  is already running pays;
* syscalls (strace -f -c): each anchor once, minus the same binary started with
  `--repeat 0`, divided by the rows it saw: syscalls per process;
* per-file kernel cost (`proc_files`): each read of libprobe's per-process set timed alone.

Prints a Markdown report on stdout and writes OUT.json and OUT.md.
Stdlib only; psutil is pip-installed into the venv on demand.
"""
from __future__ import annotations

import argparse
import importlib.util
import json
import os
import platform
import re
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BENCH = ROOT / "bench"
PSUTIL_VERSION = "7.2.2"
CLK_TCK = os.sysconf("SC_CLK_TCK")
RUST_ANCHORS = [("libprobe", "libprobe_procs"), ("procfs", "procfs_procs"), ("floor", "floor_procs")]
TARGETS = {"libprobe/procfs": 0.7, "libprobe/floor": 1.3}


def log(*a) -> None:
    print(*a, file=sys.stderr, flush=True)


def fail(msg: str) -> None:
    log(f"run_procs: error: {msg}")
    sys.exit(2)


# ---------------------------------------------------------------- setup

def target_dir() -> Path:
    env = os.environ.get("CARGO_TARGET_DIR")
    return Path(env).resolve() if env else ROOT / "target"


def build(skip: bool) -> Path:
    bindir = target_dir() / "release"
    if not skip:
        log(f"building bench binaries (release) into {bindir} ...")
        cmd = ["cargo", "build", "--release", "-q", "-p", "libprobe-bench", "--bins"]
        r = subprocess.run(cmd, cwd=ROOT)
        if r.returncode != 0:
            fail(f"`{' '.join(cmd)}` failed (exit {r.returncode})")
    for _, b in RUST_ANCHORS + [("", "bench_exec"), ("", "proc_files")]:
        if not (bindir / b).is_file():
            fail(f"{bindir / b} is missing (build with `cargo build --release -p libprobe-bench`)")
    return bindir


def workload_module(path_arg: str | None):
    path = path_arg or os.environ.get("LIBPROBE_BENCH_WORKLOAD") or str(ROOT.parent / "shared" / "bench" / "workload.py")
    p = Path(path).resolve()
    if not p.is_file():
        fail(f"workload generator not found at {p}\n"
             "  pass --workload PATH or set LIBPROBE_BENCH_WORKLOAD to shared/bench/workload.py")
    spec = importlib.util.spec_from_file_location("libprobe_bench_workload", p)
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod, p


def psutil_python(arg: str | None, skip: bool) -> str | None:
    """A Python with psutil: --psutil-python, this interpreter if it has psutil, else a venv under
    the target dir (made on demand)."""
    if skip:
        return None
    if arg:
        return arg
    if importlib.util.find_spec("psutil") is not None:
        return sys.executable
    venv = target_dir() / "bench-venv"
    py = venv / "bin" / "python"
    check = [str(py), "-c", "import psutil"]
    if py.exists() and subprocess.run(check, capture_output=True).returncode == 0:
        return str(py)
    log(f"installing psutil=={PSUTIL_VERSION} into {venv} ...")
    try:
        if not py.exists():
            subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
        subprocess.run([str(py), "-m", "pip", "install", "-q", f"psutil=={PSUTIL_VERSION}"], check=True)
    except (subprocess.CalledProcessError, OSError) as e:
        log(f"  psutil unavailable ({e}); the psutil anchor is skipped")
        return None
    return str(py)


# ---------------------------------------------------------------- measuring

def last_json(text: str) -> dict:
    for line in reversed(text.strip().splitlines()):
        line = line.strip()
        if line.startswith("{"):
            try:
                return json.loads(line)
            except ValueError:
                pass
    return {}


def run_whole(launcher: Path, cmd: list[str], timeout: float = 300) -> dict:
    """One whole-process run through bench_exec: its rusage plus the anchor's JSON line."""
    fd, path = tempfile.mkstemp(prefix="bench-exec-", suffix=".json")
    os.close(fd)
    try:
        r = subprocess.run([str(launcher), path] + cmd, capture_output=True, text=True, timeout=timeout)
        if r.returncode != 0:
            fail(f"{' '.join(cmd)} exited {r.returncode}: {r.stderr.strip()[-500:]}")
        with open(path) as f:
            ru = json.loads(f.read())
    finally:
        os.unlink(path)
    out = last_json(r.stdout)
    if not out:
        fail(f"{' '.join(cmd)} printed no JSON line: {r.stdout[-300:]!r}")
    return {"wall_s": ru["wall_ns"] / 1e9, "cpu_s": (ru["user_us"] + ru["sys_us"]) / 1e6,
            "user_s": ru["user_us"] / 1e6, "sys_s": ru["sys_us"] / 1e6, "maxrss_kib": ru["maxrss_kib"], **out}


def source_state() -> dict:
    """Which libprobe was measured: the commit, and a digest of the core's sources as they are
    in the working tree (uncommitted edits included)."""
    import hashlib
    h = hashlib.sha256()
    for f in sorted((ROOT / "libprobe-core" / "src").rglob("*.rs")):
        h.update(str(f.relative_to(ROOT)).encode() + b"\0" + f.read_bytes())
    git = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True)
    dirty = subprocess.run(["git", "status", "--porcelain", "--", "libprobe-core"], cwd=ROOT,
                           capture_output=True, text=True)
    return {"commit": git.stdout.strip() or None, "core_dirty": bool(dirty.stdout.strip()),
            "core_src_sha256": h.hexdigest()[:16]}


def stats(xs: list[float]) -> dict:
    return {"median": statistics.median(xs), "min": min(xs), "max": max(xs), "n": len(xs)} if xs else {}


def _jiffies() -> tuple[int, int]:
    with open("/proc/stat") as f:
        v = [int(x) for x in f.readline().split()[1:]]
    return sum(v), v[3] + v[4]


def _own_cpu() -> float:
    s, c = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return s.ru_utime + s.ru_stime + c.ru_utime + c.ru_stime


class Busy:
    """Machine CPU busy fraction over a section, and the part not used by us or our children."""

    def __enter__(self):
        self.j0, self.i0 = _jiffies()
        self.o0, self.t0, self.l0 = _own_cpu(), time.time(), os.getloadavg()[0]
        return self

    def __exit__(self, *exc):
        j1, i1 = _jiffies()
        total = max(1, j1 - self.j0)
        busy_s = (total - (i1 - self.i0)) / CLK_TCK
        self.busy = busy_s / (total / CLK_TCK)
        self.others = max(0.0, busy_s - (_own_cpu() - self.o0)) / (total / CLK_TCK)
        self.wall, self.l1 = time.time() - self.t0, os.getloadavg()[0]
        return False

    def as_dict(self) -> dict:
        return {"machine_busy_frac": round(self.busy, 3), "others_busy_frac": round(self.others, 3),
                "wall_s": round(self.wall, 1), "loadavg_start": self.l0, "loadavg_end": self.l1}


def others_busy(seconds: float = 1.0) -> float:
    with Busy() as b:
        time.sleep(seconds)
    return b.others


def wait_idle(max_wait: float, threshold: float = 0.15) -> None:
    if max_wait <= 0:
        return
    t0 = time.time()
    b = others_busy()
    while b >= threshold and time.time() - t0 < max_wait:
        log(f"  others use {b:.0%} of the machine; waiting ...")
        time.sleep(2)
        b = others_busy()


def parse_strace_c(path: str) -> dict[str, int]:
    calls: dict[str, int] = {}
    with open(path) as f:
        for line in f:
            t = line.split()
            if len(t) >= 5 and re.fullmatch(r"[0-9.]+", t[0]) and t[-1] != "total":
                calls[t[-1]] = int(t[3])
    return calls


def strace_counts(cmd: list[str]) -> dict[str, int]:
    fd, path = tempfile.mkstemp(prefix="strace-", suffix=".txt")
    os.close(fd)
    try:
        subprocess.run(["strace", "-f", "-c", "-o", path, "--"] + cmd, capture_output=True, timeout=600)
        return parse_strace_c(path)
    finally:
        os.unlink(path)


# ---------------------------------------------------------------- report

def ms(x: float | None, nd: int = 1) -> str:
    return "-" if x is None else f"{x * 1e3:.{nd}f}"


def ratio(a: float | None, b: float | None) -> float | None:
    return a / b if a and b else None


def markdown(doc: dict) -> str:
    res, wl = doc["anchors"], doc["workload"]
    names = list(res)
    out = [f"## Process table, {wl['procs']} workload processes "
           f"({doc['rows_expected_min']}+ processes on the machine)\n",
           f"{doc['machine']}. {doc['runs']} runs per anchor after {doc['warmup']} warm-up pass(es), "
           "interleaved round-robin; medians with min..max.\n",
           "| anchor | inner ms | inner min..max | inner CPU ms | wall ms | wall min..max | CPU ms (user+sys) | "
           "user / sys ms | peak RSS MiB | rows | errors |",
           "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|"]
    for n in names:
        r = res[n]
        i, w, c = r["inner_s"], r["wall_s"], r["cpu_s"]
        out.append(f"| {n} | {ms(i['median'])} | {ms(i['min'])}..{ms(i['max'])} | {ms(r['inner_cpu_s']['median'])} | "
                   f"{ms(w['median'])} | "
                   f"{ms(w['min'])}..{ms(w['max'])} | {ms(c['median'])} | {ms(r['user_s']['median'])} / "
                   f"{ms(r['sys_s']['median'])} | {r['vm_hwm_kib'] / 1024:.1f} | "
                   f"{r['rows']} | {r['errors']} |")
    if doc.get("steady"):
        out += ["", "Steady state (one process collecting repeatedly; median of the later calls):", "",
                "| anchor | ms per table | min..max | CPU ms per table |", "|---|---:|---:|---:|"]
        for n, s in doc["steady"].items():
            cpu = s.get("cpu", {}).get("median")
            out.append(f"| {n} | {ms(s['median'], 2)} | {ms(s['min'], 2)}..{ms(s['max'], 2)} | {ms(cpu, 2)} |")
    out += ["", "| ratio (medians) | inner | inner CPU | steady | steady CPU | wall | CPU | target |",
            "|---|---:|---:|---:|---:|---:|---:|---|"]
    for k, v in doc["ratios"].items():
        tgt = TARGETS.get(k)
        t = "-" if tgt is None else (f"<= {tgt}: " + ("met" if v["inner"] is not None and v["inner"] <= tgt
                                                      else "missed") + " (inner)")
        if k == "psutil/libprobe":
            t = ">= 5 for the Python binding (this row is the Rust API)"
        out.append(f"| {k} | {fmt(v['inner'])} | {fmt(v.get('inner_cpu'))} | {fmt(v.get('steady'))} | "
                   f"{fmt(v.get('steady_cpu'))} | "
                   f"{fmt(v['wall'])} | {fmt(v['cpu'])} | {t} |")
    lp = res.get("libprobe", {})
    if "heap_peak_bytes" in lp:
        out += ["", f"libprobe memory (first snapshot): heap peak {lp['heap_peak_bytes'] / 1024:.0f} KiB, "
                f"snapshot retained {lp['snapshot_bytes'] / 1024:.0f} KiB "
                f"({lp['snapshot_bytes'] / max(1, lp['rows']):.0f} B per process, of which "
                f"{lp.get('process_struct_bytes', 0):.0f} B is the ProcessFull struct), probe state kept between "
                f"snapshots {lp['probe_retained_bytes'] / 1024:.0f} KiB, {lp['allocations']} allocations "
                f"({lp['allocations'] / max(1, lp['rows']):.1f} per process), warnings {lp['warnings']}."]
    if doc.get("syscalls"):
        out += ["", "Syscalls per process (strace -f -c; the run minus the same binary with `--repeat 0`, "
                "divided by its rows):", "", "| anchor | per process | top calls per process |", "|---|---:|---|"]
        for n, s in doc["syscalls"].items():
            top = ", ".join(f"{k} {v:.1f}" for k, v in s["top_per_process"].items())
            out.append(f"| {n} | {s['per_process']:.1f} | {top} |")
    pf = doc.get("per_file") or {}
    if pf.get("items"):
        out += ["", f"Kernel cost of each read alone (`proc_files`: one item over all {pf['rows']} processes "
                "at a time, median of 7 rounds; hot caches, so the items sum to less than the floor's "
                f"per-process time): libprobe's set {pf['libprobe_set_us_per_process']:.1f} us per process.", "",
                "| read | us per process | syscalls |", "|---|---:|---:|"]
        for it in pf["items"]:
            out.append(f"| {it['item']} | {it['us_per_process']:.2f} | {it['syscalls']} |")
    nz = doc["noise"]
    out += ["", f"Machine busy while measuring: {nz['machine_busy_frac']:.0%}, of which not ours "
            f"{nz['others_busy_frac']:.0%} (loadavg {nz['loadavg_start']:.2f} -> {nz['loadavg_end']:.2f}). "
            "Quote medians and ratios; other work on the machine moves single runs."]
    bad = [n for n in names if res[n]["rows"] < doc["rows_expected_min"]]
    out.append("Every anchor saw the workload." if not bad else f"**Rows short of the workload: {', '.join(bad)}**")
    return "\n".join(out) + "\n"


def fmt(v: float | None) -> str:
    return "-" if v is None else f"{v:.2f}x"


# ---------------------------------------------------------------- main

def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--procs", type=int, default=1000, help="idle workload processes (default 1000)")
    ap.add_argument("--runs", type=int, default=15, help="measured passes (default 15)")
    ap.add_argument("--warmup", type=int, default=1, help="warm-up passes (default 1)")
    ap.add_argument("--steady", type=int, default=10, help="in-process repeats for the steady state; 0 skips")
    ap.add_argument("--steady-passes", type=int, default=3, help="round-robin passes of the steady-state runs")
    ap.add_argument("--no-files", action="store_true", help="skip the per-file cost breakdown (proc_files)")
    ap.add_argument("--fail-on-miss", action="store_true", help="exit 1 when libprobe misses a target")
    ap.add_argument("--workload", help="path of workload.py (default: $LIBPROBE_BENCH_WORKLOAD, "
                    "else ../shared/bench/workload.py next to the repository)")
    ap.add_argument("--out", default=None, help="write OUT.json and OUT.md (default: <target>/bench/procs)")
    ap.add_argument("--no-build", action="store_true", help="use binaries already built")
    ap.add_argument("--no-psutil", action="store_true", help="leave psutil out")
    ap.add_argument("--psutil-python", help="a Python that has psutil (default: a venv under the target dir)")
    ap.add_argument("--no-strace", action="store_true", help="skip the syscall counts")
    ap.add_argument("--wait-idle", type=float, default=0, help="before measuring, wait up to N s for the "
                    "machine to quieten (others < 15%% CPU)")
    args = ap.parse_args(argv)
    if args.runs < 1:
        fail("--runs must be at least 1")

    wl_mod, wl_path = workload_module(args.workload)
    bindir = build(args.no_build)
    launcher = bindir / "bench_exec"
    py = psutil_python(args.psutil_python, args.no_psutil)
    anchors: dict[str, list[str]] = {n: [str(bindir / b)] for n, b in RUST_ANCHORS}
    if py:
        anchors["psutil"] = [py, str(BENCH / "psutil_procs.py")]
    out_base = Path(args.out) if args.out else target_dir() / "bench" / "procs"
    out_base.parent.mkdir(parents=True, exist_ok=True)

    log(f"starting workload: {wl_path} --procs {args.procs}")
    samples: dict[str, list[dict]] = {n: [] for n in anchors}
    steady: dict[str, dict] = {}
    syscalls: dict[str, dict] = {}
    files: dict = {}
    with wl_mod.Workload(procs=args.procs, seconds=3600) as w:
        n_pids = len(w.pids)
        log(f"workload ready: {n_pids} processes (setup {w.info.get('setup_s')} s)")
        wait_idle(args.wait_idle)
        with Busy() as busy:
            for p in range(args.warmup + args.runs):
                tag = "warm-up" if p < args.warmup else f"run {p - args.warmup + 1}/{args.runs}"
                line = []
                for n, cmd in anchors.items():
                    r = run_whole(launcher, cmd)
                    if p >= args.warmup:
                        samples[n].append(r)
                    line.append(f"{n} {r['inner_s'] * 1e3:.1f}")
                log(f"  {tag}: inner ms " + ", ".join(line))
            if args.steady > 0:
                later: dict[str, list[float]] = {n: [] for n in anchors}
                later_cpu: dict[str, list[float]] = {n: [] for n in anchors}
                for _ in range(args.steady_passes):
                    for n, cmd in anchors.items():
                        r = run_whole(launcher, cmd + ["--repeat", str(args.steady + 1)])
                        later[n] += r["iters_s"][1:]
                        later_cpu[n] += r.get("iters_cpu_s", [])[1:]
                for n, xs in later.items():
                    steady[n] = {**stats(xs), "cpu": stats(later_cpu[n])}
                log("  steady state ms: " + ", ".join(f"{n} {s['median'] * 1e3:.2f}" for n, s in steady.items()))
            if not args.no_files:
                r = subprocess.run([str(bindir / "proc_files"), "--rounds", "7"], capture_output=True, text=True)
                files = last_json(r.stdout)
        if not args.no_strace:
            if shutil.which("strace"):
                for n, cmd in anchors.items():
                    base = strace_counts(cmd + ["--repeat", "0"])
                    full = strace_counts(cmd)
                    rows = max(1, samples[n][-1]["rows"])
                    diff = {k: full.get(k, 0) - base.get(k, 0) for k in full}
                    top = dict(sorted(((k, v / rows) for k, v in diff.items() if v > 0), key=lambda kv: -kv[1])[:8])
                    syscalls[n] = {"total": sum(full.values()), "startup": sum(base.values()),
                                   "per_process": sum(diff.values()) / rows, "top_per_process": top, "raw": diff}
                    log(f"  strace {n}: {syscalls[n]['per_process']:.1f} syscalls per process")
            else:
                log("  strace not found: syscall counts skipped")
    if w.leftover:
        log(f"warning: workload left {len(w.leftover)} processes behind")

    res: dict[str, dict] = {}
    for n, ss in samples.items():
        last = ss[-1]
        res[n] = {
            "cmd": anchors[n],
            "inner_s": stats([s["inner_s"] for s in ss]),
            "inner_cpu_s": stats([s.get("inner_cpu_s", 0.0) for s in ss]),
            "wall_s": stats([s["wall_s"] for s in ss]),
            "cpu_s": stats([s["cpu_s"] for s in ss]),
            "user_s": stats([s["user_s"] for s in ss]),
            "sys_s": stats([s["sys_s"] for s in ss]),
            "vm_hwm_kib": statistics.median(s["vm_hwm_kib"] for s in ss),
            "ru_maxrss_kib": statistics.median(s["maxrss_kib"] for s in ss),
            "rows": min(s["rows"] for s in ss),
            "rows_max": max(s["rows"] for s in ss),
            "errors": last.get("errors"),
            "checksum": last.get("checksum"),
        }
        for k in ("heap_peak_bytes", "snapshot_bytes", "probe_retained_bytes", "allocations", "warnings",
                  "process_struct_bytes", "import_s", "version", "attrs", "rlimits"):
            if k in last:
                res[n][k] = last[k] if k in ("version", "attrs", "rlimits") else int(statistics.median(s[k] for s in ss))

    def med(n: str, k: str) -> float | None:
        return res[n][k]["median"] if n in res else None

    def st(n: str) -> float | None:
        return steady[n]["median"] if n in steady else None

    def st_cpu(n: str) -> float | None:
        return steady[n]["cpu"].get("median") if n in steady else None

    ratios = {}
    for a, b in (("libprobe", "procfs"), ("libprobe", "floor"), ("psutil", "libprobe")):
        if a in res and b in res:
            ratios[f"{a}/{b}"] = {"inner": ratio(med(a, "inner_s"), med(b, "inner_s")),
                                  "inner_cpu": ratio(med(a, "inner_cpu_s"), med(b, "inner_cpu_s")),
                                  "steady": ratio(st(a), st(b)),
                                  "steady_cpu": ratio(st_cpu(a), st_cpu(b)),
                                  "wall": ratio(med(a, "wall_s"), med(b, "wall_s")),
                                  "cpu": ratio(med(a, "cpu_s"), med(b, "cpu_s"))}
    doc = {
        "bench": "process_table",
        "date": time.strftime("%Y-%m-%dT%H:%M:%S%z"),
        "machine": f"{platform.node()}: {os.cpu_count()} CPUs, kernel {platform.release()}",
        "runs": args.runs, "warmup": args.warmup, "libprobe": source_state(),
        "workload": {"path": str(wl_path), "procs": args.procs, "pids": n_pids,
                     "setup_s": w.info.get("setup_s"), "leftover": len(w.leftover)},
        "rows_expected_min": n_pids,
        "anchors": res, "steady": steady, "ratios": ratios, "syscalls": syscalls, "per_file": files,
        "noise": busy.as_dict(),
    }
    md = markdown(doc)
    Path(f"{out_base}.json").write_text(json.dumps(doc, indent=1) + "\n")
    Path(f"{out_base}.md").write_text(md)
    print(md)
    log(f"wrote {out_base}.json and {out_base}.md")
    missed = [k for k, t in TARGETS.items() if k in ratios and (ratios[k]["inner"] or 0) > t]
    if missed:
        log(f"libprobe missed: {', '.join(missed)}")
    return 1 if missed and args.fail_on_miss else 0


if __name__ == "__main__":
    sys.exit(main())
