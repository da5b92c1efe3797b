#!/usr/bin/env python3
"""The GPU sample beside its peers: libprobe's full default GPU sample, the NVML floor
(the same NVML calls with no decoding, bench/gpu_floor.c), pynvml reading the same fields,
and `nvidia-smi --query-gpu=<same fields>` as a process.

    python3 bench/run_gpu.py [--gpus 1,8] [--repeat 2000] [--runs 15] [--real] [--out BASE]

Without --real (no GPU here) every tool talks to the fake NVML (tests/fake_nvml, built
with cc) answering from the H100 capture, one GPU or the capture repeated N times; pynvml
finds it through LD_LIBRARY_PATH. With --real they use the machine's libnvidia-ml.so.1 and
nvidia-smi. Figures:

* steady state (in process, median of --repeat samples after the first): what an agent
  that keeps its probe pays per sample. libprobe's own work = libprobe − floor, per GPU.
* whole process (median of --runs, round-robin): start, NVML init, one sample, exit.

Targets (issue 10): libprobe's own work ≤ 20 µs per GPU above the NVML calls; ≥ 20× faster
than nvidia-smi as a process. Writes BASE.json and BASE.md when --out is given.
"""
from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
TARGET = Path(os.environ.get("CARGO_TARGET_DIR", ROOT / "target"))
WORK = TARGET / "bench-gpu"
PYNVML = "nvidia-ml-py==13.580.82"
QUERY = ("index,uuid,name,pci.bus_id,utilization.gpu,utilization.memory,encoder.stats.averageFps,"
         "memory.total,memory.used,memory.free,memory.reserved,temperature.gpu,temperature.memory,power.draw,"
         "power.draw.instant,power.limit,power.default_limit,power.min_limit,power.max_limit,enforced.power.limit,"
         "pstate,clocks.gr,clocks.sm,clocks.mem,clocks.video,clocks.max.gr,clocks.max.sm,clocks.max.mem,"
         "pcie.link.gen.current,pcie.link.gen.max,pcie.link.width.current,pcie.link.width.max,"
         "ecc.mode.current,ecc.errors.corrected.volatile.total,ecc.errors.uncorrected.volatile.total,"
         "ecc.errors.corrected.aggregate.total,ecc.errors.uncorrected.aggregate.total,retired_pages.pending,"
         "remapped_rows.correctable,remapped_rows.uncorrectable,fan.speed,compute_mode,compute_cap,driver_version,"
         "vbios_version,serial,persistence_mode,clocks_event_reasons.active,mig.mode.current")


def log(*a):
    print(*a, file=sys.stderr, flush=True)


def sh(cmd, **kw):
    return subprocess.run(cmd, check=True, **kw)


def build() -> dict[str, Path]:
    log("building libprobe_gpu (release), the floor and the fake NVML ...")
    sh(["cargo", "build", "--release", "-q", "-p", "libprobe-bench", "--bin", "libprobe_gpu"], cwd=ROOT)
    WORK.mkdir(parents=True, exist_ok=True)
    cc = os.environ.get("CC", "cc")
    floor = WORK / "gpu_floor"
    sh([cc, "-O2", "-o", str(floor), str(ROOT / "bench" / "gpu_floor.c"), "-ldl"])
    fake = WORK / "libfake.so"
    sh([cc, "-O2", "-shared", "-fPIC", "-o", str(fake), str(ROOT / "tests" / "fake_nvml" / "fake_nvml.c")])
    return {"libprobe": TARGET / "release" / "libprobe_gpu", "floor": floor, "fake": fake}


def fake_dir(fake: Path, gpus: int) -> Path:
    """A directory with the fake as libnvidia-ml.so.1 and the capture with `gpus` GPUs."""
    xml = (ROOT / "tests" / "fake_nvml" / "xml" / "h100.xml").read_text()
    head, gpu, tail = re.match(r"(.*?)(\t<gpu id=.*?</gpu>\n)(.*)", xml, re.S).groups()
    copies = []
    for i in range(gpus):
        g = gpu.replace("00000000:00:06.0", f"00000000:{i + 1:02x}:00.0")
        copies.append(g.replace("000000000001</uuid>", f"{i + 1:012x}</uuid>"))
    d = WORK / f"fake-{gpus}"
    d.mkdir(parents=True, exist_ok=True)
    shutil.copy(fake, d / "libnvidia-ml.so.1")
    (d / "nvml.xml").write_text(head + "".join(copies) + tail)
    return d


def pynvml_python() -> str | None:
    """A Python with pynvml: this one, else a venv under target/ with nvidia-ml-py."""
    try:
        import pynvml  # noqa: F401
        return sys.executable
    except ImportError:
        pass
    venv = WORK / "venv"
    py = venv / "bin" / "python"
    if not py.exists():
        log(f"making {venv} with {PYNVML} ...")
        try:
            sh([sys.executable, "-m", "venv", str(venv)])
            sh([str(py), "-m", "pip", "install", "-q", PYNVML])
        except subprocess.CalledProcessError as e:
            log(f"pynvml unavailable: {e}")
            return None
    return str(py)


def json_run(cmd: list[str], env: dict | None = None) -> dict:
    r = subprocess.run(cmd, capture_output=True, text=True, env=env, timeout=600)
    if r.returncode != 0:
        raise RuntimeError(f"{' '.join(cmd)}: exit {r.returncode}: {r.stderr.strip()[-400:]}")
    return json.loads(r.stdout.strip().splitlines()[-1])


def med_us(xs: list[float]) -> float:
    return statistics.median(xs) * 1e6


def whole(cmd: list[str], env: dict | None) -> float:
    t = time.perf_counter()
    subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env, check=True, timeout=120)
    return (time.perf_counter() - t) * 1e3


def measure(n: int, lib: str, env_lib: dict, bins: dict, py: str | None, smi: str | None, args) -> dict:
    res: dict = {"gpus": n}
    if not args.real:
        # The floor must make exactly libprobe's NVML calls: the fake counts them.
        counts = []
        for cmd in ([str(bins["libprobe"]), lib, "4"], [str(bins["floor"]), lib, "5"]):
            with tempfile.NamedTemporaryFile("r", suffix=".calls") as f:
                subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL, env=dict(os.environ, FAKE_NVML_CALLS=f.name))
                counts.append({k: v for k, v in (l.split() for l in f.read().splitlines()) if k != "nvmlDeviceGetCount_v2"})
        res["floor_makes_libprobes_calls"] = counts[0] == counts[1]
        assert counts[0] == counts[1], f"the floor's NVML calls differ from libprobe's: {counts}"
    lp = json_run([str(bins["libprobe"]), lib, str(args.repeat)])
    fl = json_run([str(bins["floor"]), lib, str(args.repeat)])
    assert lp["gpus"] == n and fl["gpus"] == n, (lp["gpus"], fl["gpus"], n)
    res["libprobe_us"] = med_us(lp["iters_s"])
    res["libprobe_first_ms"] = lp["first_s"] * 1e3
    res["fields_with_value_per_sample"] = lp["fields_with_value"] / (args.repeat + 1) / n
    res["floor_us"] = med_us(fl["iters_s"])
    res["floor_init_ms"] = fl["init_s"] * 1e3
    res["own_us_per_gpu"] = (res["libprobe_us"] - res["floor_us"]) / n
    if py:
        pn = json_run([py, str(ROOT / "bench" / "pynvml_gpu.py"), str(max(args.repeat // 4, 50))], env=env_lib)
        res["pynvml_us"] = med_us(pn["iters_s"])
        res["pynvml_version"] = pn.get("version")
    # Whole processes, round-robin.
    cmds = {"libprobe (start, init, 1 sample)": ([str(bins["libprobe"]), lib, "0"], None),
            "floor (start, init, 1 sample)": ([str(bins["floor"]), lib, "1"], None)}
    if py:
        cmds["pynvml (python, import, init, 1 sample)"] = ([py, str(ROOT / "bench" / "pynvml_gpu.py"), "1"], env_lib)
    if smi:
        cmds["nvidia-smi --query-gpu (same fields)"] = ([smi, f"--query-gpu={QUERY}", "--format=csv"], None)
    walls: dict[str, list[float]] = {k: [] for k in cmds}
    for _ in range(args.runs + 1):
        for k, (c, e) in cmds.items():
            walls[k].append(whole(c, e))
    res["whole_ms"] = {k: statistics.median(v[1:]) for k, v in walls.items()}
    return res


def markdown(doc: dict) -> str:
    out = [f"# GPU sample: libprobe beside its peers ({doc['mode']})", "",
           f"`{doc['command']}` at commit {doc['commit']}, {doc['date']}, {doc['machine']}.", ""]
    out += ["## Steady state (in process, median per sample)", "",
            "| GPUs | libprobe µs | NVML floor µs | libprobe own work µs/GPU | pynvml µs | pynvml / libprobe |",
            "|---:|---:|---:|---:|---:|---:|"]
    for r in doc["results"]:
        pn = r.get("pynvml_us")
        out.append(f"| {r['gpus']} | {r['libprobe_us']:.1f} | {r['floor_us']:.1f} | {r['own_us_per_gpu']:.1f} | "
                   f"{pn:.1f} | {pn / r['libprobe_us']:.1f}× |" if pn else
                   f"| {r['gpus']} | {r['libprobe_us']:.1f} | {r['floor_us']:.1f} | {r['own_us_per_gpu']:.1f} | — | — |")
    out += ["", "## Whole process (median wall ms)", ""]
    for r in doc["results"]:
        out.append(f"- {r['gpus']} GPU(s): " + "; ".join(f"{k} {v:.2f}" for k, v in r["whole_ms"].items()))
        smi = r["whole_ms"].get("nvidia-smi --query-gpu (same fields)")
        if smi:
            out.append(f"  - nvidia-smi process / libprobe steady-state sample: {smi * 1e3 / r['libprobe_us']:.0f}×; "
                       f"/ libprobe whole process: {smi / r['whole_ms']['libprobe (start, init, 1 sample)']:.1f}×")
    out += ["", "Notes:", ""] + [f"- {n}" for n in doc["notes"]]
    return "\n".join(out) + "\n"


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--gpus", default="1,8", help="GPU counts to measure with the fake (default 1,8)")
    ap.add_argument("--repeat", type=int, default=2000)
    ap.add_argument("--runs", type=int, default=15)
    ap.add_argument("--real", action="store_true", help="the machine's NVML and nvidia-smi")
    ap.add_argument("--no-pynvml", action="store_true")
    ap.add_argument("--out", help="write BASE.json and BASE.md")
    args = ap.parse_args(argv)
    bins = build()
    py = None if args.no_pynvml else pynvml_python()
    smi = shutil.which("nvidia-smi")
    notes = []
    results = []
    if args.real:
        env = dict(os.environ)
        results.append(measure(json_run([str(bins["floor"]), "libnvidia-ml.so.1", "0"])["gpus"], "libnvidia-ml.so.1",
                               env, bins, py, smi, args))
    else:
        if smi:
            notes.append("nvidia-smi is on this machine but talks to the real driver, not the fake: left out")
            smi = None
        notes.append("no GPU: every tool talks to the fake NVML (tests/fake_nvml), which answers each call from its "
                     "memoised XML lookups; libprobe's own work is libprobe minus the floor on the same library, and "
                     "the fake's call counts show the floor makes exactly libprobe's NVML calls")
        notes.append("nvidia-smi as a process: not measured here (no driver, no nvidia-smi); on the H100 device "
                     "machine it took 32.3 ms for 11 fields (../shared/bench/results/gpu_h100.json)")
        for n in [int(x) for x in args.gpus.split(",")]:
            d = fake_dir(bins["fake"], n)
            env = dict(os.environ, LD_LIBRARY_PATH=f"{d}:{os.environ.get('LD_LIBRARY_PATH', '')}")
            results.append(measure(n, str(d / "libnvidia-ml.so.1"), env, bins, py, smi, args))
    if py is None:
        notes.append("pynvml: not measured (no pynvml and no registry to install it)")
    commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True).stdout.strip()
    doc = {"mode": "real NVML" if args.real else "fake NVML", "command": "python3 bench/run_gpu.py " + " ".join(argv or sys.argv[1:]),
           "commit": commit, "date": time.strftime("%Y-%m-%d"), "machine": f"{os.uname().release}, {os.cpu_count()} CPUs",
           "results": results, "notes": notes}
    text = markdown(doc)
    print(text)
    if args.out:
        Path(args.out + ".json").write_text(json.dumps(doc, indent=1) + "\n")
        Path(args.out + ".md").write_text(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
