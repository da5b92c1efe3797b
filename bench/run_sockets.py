#!/usr/bin/env python3
"""Socket-table benchmark: libprobe beside ss, lsof and psutil, in one run, under the same
workload, at two sizes to show how the cost grows.

    python3 bench/run_sockets.py                   # from the repository root
    python3 bench/run_sockets.py --runs 11 --sizes 1000,10000 --out target/bench/sockets

For each size N, the workload is `workload.py --tcp N --udp 500 --unix 500` (2N
established TCP sockets plus listeners, 500 UDP, 1001 Unix). Every anchor runs as a whole
process, started fresh through `bench_exec` (wall, user+sys CPU), interleaved round-robin
after warm-up passes; the libprobe and psutil anchors also time their collection call
alone (inner). Output goes to the anchor's stdout pipe, as a consumer would read it.

| anchor | command | work |
|---|---|---|
| libprobe tcp | `libprobe_sockets tcp` | every TCP socket with owners, tcp_info, congestion, memory |
| libprobe tcp-basic | `libprobe_sockets tcp-basic` | every TCP socket with owners (what `ss -tanp` prints) |
| libprobe tcp-basic proc / bpf | `libprobe_sockets tcp-basic-proc` / `tcp-basic-bpf` | the same, owners by the `/proc/<pid>/fd` walk / the `iter/task_file` BPF iterator (`network.owners_via`) |
| libprobe tcp no owners | `libprobe_sockets tcp-no-owners` | every TCP socket, no owners |
| … kept x6 | the same with `--repeat 6` | one probe, six snapshots: `steady` is the median of snapshots 2..6 (the BPF iterator loaded by the first) |
| probe net -t | `probe net -t` | the CLI: the same, printed like `ss -tanp` |
| ss -tanp | `ss -tanp` | iproute2 |
| psutil tcp | `psutil.net_connections('tcp')` | /proc/net/tcp{,6} and every process's fds |
| libprobe unix / ss -xap | | every Unix socket with owners |
| libprobe inet / lsof -nP -i / psutil inet | | TCP and UDP with owners |
| libprobe all / probe net / ss -tuxanp | | every socket table with owners |

The §7 target is libprobe's TCP table with owners at 10 000 connections in at most half
the time of `ss -tanp`: the ratios below compare whole processes (wall and CPU medians).
Issue 17's target is the socket owners at 10 000 connections in at most 0.1x `ss -tanp`:
the owners' cost is the steady snapshot with owners less the steady snapshot without
(`kept x6` anchors), each path beside `ss -tanp`'s whole wall time.

`--anchors a,b,...` runs only the anchors named (a run of the BPF comparison alone).

Writes OUT.json and OUT.md and prints the Markdown. Stdlib only (psutil in a venv made on
demand, as bench/run_procs.py does).
"""
from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import run_procs as rp  # noqa: E402  (shared helpers: build, workload, launcher, noise)

ROOT, BENCH = rp.ROOT, rp.BENCH
TARGET = ("libprobe tcp", "ss -tanp", 0.5)
# The owners through the BPF iterator (steady, kept loaded) beside ss -tanp (issue 17).
OWNERS_TARGET = 0.1
KEPT = 6


def build(skip: bool) -> Path:
    bindir = rp.target_dir() / "release"
    if not skip:
        rp.log(f"building libprobe_sockets, bench_exec and probe (release) into {bindir} ...")
        for cmd in (["cargo", "build", "--release", "-q", "-p", "libprobe-bench", "--bin", "libprobe_sockets",
                     "--bin", "bench_exec"], ["cargo", "build", "--release", "-q", "-p", "probe-cli"]):
            r = subprocess.run(cmd, cwd=ROOT)
            if r.returncode != 0:
                rp.fail(f"`{' '.join(cmd)}` failed (exit {r.returncode})")
    for b in ("libprobe_sockets", "bench_exec"):
        if not (bindir / b).is_file():
            rp.fail(f"{bindir / b} is missing")
    if not (bindir / "probe").is_file():
        rp.log(f"{bindir / 'probe'} is missing: the `probe net` anchors are left out")
    return bindir


def anchors(bindir: Path, py: str | None) -> dict[str, tuple[list[str], bool]]:
    """name -> (command, prints the benchmark JSON line)."""
    lp = str(bindir / "libprobe_sockets")
    probe = str(bindir / "probe")
    a: dict[str, tuple[list[str], bool]] = {
        "libprobe tcp": ([lp, "tcp"], True),
        "libprobe tcp-basic": ([lp, "tcp-basic"], True),
        "libprobe tcp-basic proc": ([lp, "tcp-basic-proc"], True),
        "libprobe tcp-basic bpf": ([lp, "tcp-basic-bpf"], True),
        "libprobe tcp no owners": ([lp, "tcp-no-owners"], True),
        "libprobe tcp-basic proc kept x6": ([lp, "tcp-basic-proc", "--repeat", str(KEPT)], True),
        "libprobe tcp-basic bpf kept x6": ([lp, "tcp-basic-bpf", "--repeat", str(KEPT)], True),
        "libprobe tcp no owners kept x6": ([lp, "tcp-no-owners", "--repeat", str(KEPT)], True),
        "probe net -t": ([probe, "net", "-t"], False),
        "ss -tanp": (["ss", "-tanp"], False),
        "libprobe unix": ([lp, "unix"], True),
        "ss -xap": (["ss", "-xap"], False),
        "libprobe inet": ([lp, "inet"], True),
        "lsof -nP -i": (["lsof", "-nP", "-i"], False),
        "libprobe all": ([lp, "all"], True),
        "probe net": ([probe, "net"], False),
        "ss -tuxanp": (["ss", "-tuxanp"], False),
    }
    if py:
        a["psutil tcp"] = ([py, str(BENCH / "psutil_sockets.py"), "tcp"], True)
        a["psutil inet"] = ([py, str(BENCH / "psutil_sockets.py"), "inet"], True)
    return {k: v for k, v in a.items() if shutil.which(v[0][0]) or Path(v[0][0]).is_file()}


def run_one(launcher: Path, cmd: list[str], has_json: bool) -> dict:
    """One whole-process run; rows from the JSON line, or the output's lines (header left out)."""
    fd, path = rp.tempfile.mkstemp(prefix="bench-exec-", suffix=".json")
    os.close(fd)
    try:
        r = subprocess.run([str(launcher), path] + cmd, capture_output=True, text=True, timeout=600)
        if r.returncode != 0:
            rp.fail(f"{' '.join(cmd)} exited {r.returncode}: {r.stderr.strip()[-500:]}")
        with open(path) as f:
            ru = json.loads(f.read())
    finally:
        os.unlink(path)
    out = rp.last_json(r.stdout) if has_json else {}
    if has_json and not out:
        rp.fail(f"{' '.join(cmd)} printed no JSON line")
    if not has_json:
        out = {"rows": max(0, len(r.stdout.splitlines()) - 1)}
    iters = out.get("iters_s") or []
    if len(iters) > 1:
        out["steady_s"] = statistics.median(iters[1:])
        out["steady_cpu_s"] = statistics.median((out.get("iters_cpu_s") or [0.0] * len(iters))[1:])
    return {"wall_s": ru["wall_ns"] / 1e9, "cpu_s": (ru["user_us"] + ru["sys_us"]) / 1e6,
            "user_s": ru["user_us"] / 1e6, "sys_s": ru["sys_us"] / 1e6, **out}


def measure(size: int, args, wl_mod, launcher: Path, anc: dict) -> dict:
    samples: dict[str, list[dict]] = {n: [] for n in anc}
    rp.log(f"workload: --tcp {size} --udp {args.udp} --unix {args.unix}")
    with wl_mod.Workload(tcp=size, udp=args.udp, unix=args.unix, seconds=3600) as w:
        rp.log(f"  ready (setup {w.info.get('setup_s')} s): {w.info.get('tcp')} TCP connections")
        rp.wait_idle(args.wait_idle)
        with rp.Busy() as busy:
            for p in range(args.warmup + args.runs):
                line = []
                for n, (cmd, js) in anc.items():
                    r = run_one(launcher, cmd, js)
                    if p >= args.warmup:
                        samples[n].append(r)
                    line.append(f"{n} {r['wall_s'] * 1e3:.0f}")
                tag = "warm-up" if p < args.warmup else f"run {p - args.warmup + 1}/{args.runs}"
                rp.log(f"  {tag}: wall ms " + ", ".join(line))
        info = dict(w.info)
    res = {}
    for n, ss in samples.items():
        r = {k: rp.stats([s[k] for s in ss]) for k in ("wall_s", "cpu_s", "user_s", "sys_s")}
        if "inner_s" in ss[0]:
            r["inner_s"] = rp.stats([s["inner_s"] for s in ss])
            r["inner_cpu_s"] = rp.stats([s.get("inner_cpu_s", 0.0) for s in ss])
        if "steady_s" in ss[0]:
            r["steady_s"] = rp.stats([s["steady_s"] for s in ss])
            r["steady_cpu_s"] = rp.stats([s["steady_cpu_s"] for s in ss])
        if "owners_from" in ss[-1]:
            r["owners_from"] = ss[-1]["owners_from"]
        r["rows"] = min(s["rows"] for s in ss)
        r["rows_max"] = max(s["rows"] for s in ss)
        if "owned" in ss[-1]:
            r["owned"] = ss[-1]["owned"]
        r["cmd"] = anc[n][0]
        res[n] = r
    return {"size": size, "tcp": info.get("tcp"), "udp": info.get("udp"), "unix": info.get("unix"),
            "setup_s": info.get("setup_s"), "anchors": res, "noise": busy.as_dict()}


def med(res: dict, n: str, k: str) -> float | None:
    return res[n][k]["median"] if n in res and k in res[n] else None


RATIOS = [
    ("libprobe tcp", "ss -tanp"),
    ("libprobe tcp-basic", "ss -tanp"),
    ("libprobe tcp-basic bpf", "ss -tanp"),
    ("libprobe tcp-basic proc", "ss -tanp"),
    ("libprobe tcp-basic bpf", "libprobe tcp-basic proc"),
    ("probe net -t", "ss -tanp"),
    ("libprobe tcp", "psutil tcp"),
    ("libprobe unix", "ss -xap"),
    ("libprobe inet", "lsof -nP -i"),
    ("libprobe inet", "psutil inet"),
    ("libprobe all", "ss -tuxanp"),
    ("probe net", "ss -tuxanp"),
]


def ratios(res: dict) -> dict:
    out = {}
    for a, b in RATIOS:
        if a in res and b in res:
            out[f"{a} / {b}"] = {k: rp.ratio(med(res, a, k), med(res, b, k)) for k in ("wall_s", "cpu_s")}
            # Both have an inner time only for libprobe and psutil.
            if "inner_s" in res[a] and "inner_s" in res[b]:
                out[f"{a} / {b}"]["inner_s"] = rp.ratio(med(res, a, "inner_s"), med(res, b, "inner_s"))
    return out


def owners_cost(res: dict) -> dict:
    """Each path's owners alone: steady snapshot with owners less the one without, beside ss -tanp."""
    out = {}
    base = med(res, "libprobe tcp no owners kept x6", "steady_s")
    base_cpu = med(res, "libprobe tcp no owners kept x6", "steady_cpu_s")
    ss, ss_cpu = med(res, "ss -tanp", "wall_s"), med(res, "ss -tanp", "cpu_s")
    for path in ("proc", "bpf"):
        with_ = med(res, f"libprobe tcp-basic {path} kept x6", "steady_s")
        with_cpu = med(res, f"libprobe tcp-basic {path} kept x6", "steady_cpu_s")
        if base is None or with_ is None:
            continue
        cost, cost_cpu = with_ - base, with_cpu - base_cpu
        out[path] = {"steady_with_s": with_, "steady_without_s": base, "owners_s": cost,
                     "owners_over_ss": rp.ratio(cost, ss) if ss else None,
                     "owners_cpu_s": cost_cpu, "owners_cpu_over_ss_cpu": rp.ratio(cost_cpu, ss_cpu) if ss_cpu else None}
    return out


def markdown(doc: dict) -> str:
    out = ["## Socket tables with owners: libprobe beside ss, lsof and psutil\n",
           f"{doc['machine']}; libprobe {doc['libprobe']['commit']}. Workload per size: "
           f"`workload.py --tcp N --udp {doc['udp']} --unix {doc['unix']}`. {doc['runs']} runs per anchor "
           f"after {doc['warmup']} warm-up pass(es), interleaved round-robin; medians (min..max).\n"]
    for m in doc["sizes"]:
        res = m["anchors"]
        out += [f"### {m['tcp']} TCP connections ({2 * m['tcp']} established TCP sockets)\n",
                "| anchor | wall ms | wall min..max | CPU ms | user / sys ms | inner ms | inner CPU ms | steady ms | rows |",
                "|---|---:|---:|---:|---:|---:|---:|---:|---:|"]
        for n, r in res.items():
            w = r["wall_s"]
            inner = rp.ms(r["inner_s"]["median"]) if "inner_s" in r else "-"
            inner_cpu = rp.ms(r["inner_cpu_s"]["median"]) if "inner_cpu_s" in r else "-"
            steady = rp.ms(r["steady_s"]["median"]) if "steady_s" in r else "-"
            owned = f" ({r['owned']} owned)" if "owned" in r else ""
            if r.get("owners_from") and n.startswith("libprobe tcp-basic "):
                owned += f" from {r['owners_from']}"
            out.append(f"| {n} | {rp.ms(w['median'])} | {rp.ms(w['min'])}..{rp.ms(w['max'])} | "
                       f"{rp.ms(r['cpu_s']['median'])} | {rp.ms(r['user_s']['median'])} / {rp.ms(r['sys_s']['median'])}"
                       f" | {inner} | {inner_cpu} | {steady} | {r['rows']}{owned} |")
        out += ["", "| ratio of medians | wall | CPU | inner |", "|---|---:|---:|---:|"]
        for k, v in m["ratios"].items():
            target = ""
            if k == f"{TARGET[0]} / {TARGET[1]}":
                met = v["wall_s"] is not None and v["wall_s"] <= TARGET[2]
                target = f" **(target <= {TARGET[2]}: {'met' if met else 'missed'})**"
            out.append(f"| {k}{target} | {rp.fmt(v['wall_s'])} | {rp.fmt(v['cpu_s'])} | {rp.fmt(v.get('inner_s'))} |")
        oc = m.get("owners", {})
        if oc:
            out += ["", "| owners alone (steady, kept probe) | with ms | without ms | owners ms | owners / ss -tanp wall "
                    "| owners CPU ms | owners CPU / ss -tanp CPU |",
                    "|---|---:|---:|---:|---:|---:|---:|"]
            for path, v in oc.items():
                target = ""
                if path == "bpf":
                    met = v["owners_over_ss"] is not None and v["owners_over_ss"] <= OWNERS_TARGET
                    target = f" **(target <= {OWNERS_TARGET}: {'met' if met else 'missed'})**"
                out.append(f"| {path}{target} | {rp.ms(v['steady_with_s'])} | {rp.ms(v['steady_without_s'])} | "
                           f"{rp.ms(v['owners_s'])} | {rp.fmt(v['owners_over_ss'])} | {rp.ms(v['owners_cpu_s'])} | "
                           f"{rp.fmt(v['owners_cpu_over_ss_cpu'])} |")
        nz = m["noise"]
        out += ["", f"Machine busy while measuring: {nz['machine_busy_frac']:.0%}, of which not ours "
                f"{nz['others_busy_frac']:.0%} (loadavg {nz['loadavg_start']:.2f} -> {nz['loadavg_end']:.2f}).\n"]
    if len(doc["sizes"]) == 2:
        small, large = doc["sizes"]
        added = 2 * (large["tcp"] - small["tcp"])
        out += [f"### Growth from {small['tcp']} to {large['tcp']} connections\n",
                f"Cost per added TCP socket: (median at {large['tcp']} - median at {small['tcp']}) / {added} sockets.\n",
                "| anchor | wall ms | wall ms | growth | µs per added socket (wall) | µs per added socket (CPU) |",
                "|---|---:|---:|---:|---:|---:|"]
        for n in large["anchors"]:
            if n not in small["anchors"]:
                continue
            a, b = med(small["anchors"], n, "wall_s"), med(large["anchors"], n, "wall_s")
            ca, cb = med(small["anchors"], n, "cpu_s"), med(large["anchors"], n, "cpu_s")
            out.append(f"| {n} | {rp.ms(a)} | {rp.ms(b)} | {rp.fmt(rp.ratio(b, a))} | "
                       f"{(b - a) / added * 1e6:.2f} | {(cb - ca) / added * 1e6:.2f} |")
        out.append("")
    return "\n".join(out) + "\n"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--sizes", default="1000,10000", help="TCP connections per workload (default 1000,10000)")
    ap.add_argument("--udp", type=int, default=500)
    ap.add_argument("--unix", type=int, default=500)
    ap.add_argument("--runs", type=int, default=11, help="measured passes per size (default 11)")
    ap.add_argument("--warmup", type=int, default=1)
    ap.add_argument("--workload", help="path of workload.py (default as bench/run_procs.py)")
    ap.add_argument("--out", default=None, help="write OUT.json and OUT.md (default: <target>/bench/sockets)")
    ap.add_argument("--no-build", action="store_true")
    ap.add_argument("--no-psutil", action="store_true")
    ap.add_argument("--psutil-python", help="a Python that has psutil")
    ap.add_argument("--wait-idle", type=float, default=0, help="wait up to N s for the machine to quieten")
    ap.add_argument("--anchors", help="comma-separated anchor names to run (default: all)")
    ap.add_argument("--fail-on-miss", action="store_true", help="exit 1 when the §7 target is missed")
    args = ap.parse_args(argv)
    sizes = [int(s) for s in args.sizes.split(",") if s.strip()]

    wl_mod, wl_path = rp.workload_module(args.workload)
    bindir = build(args.no_build)
    py = rp.psutil_python(args.psutil_python, args.no_psutil)
    anc = anchors(bindir, py)
    if args.anchors:
        wanted = [a.strip() for a in args.anchors.split(",") if a.strip()]
        unknown = [a for a in wanted if a not in anc]
        if unknown:
            rp.fail(f"unknown anchors: {', '.join(unknown)} (known: {', '.join(anc)})")
        anc = {k: v for k, v in anc.items() if k in wanted}
    missing = {"ss", "lsof"} - {c[0][0] for c in anc.values()}
    if missing:
        rp.log(f"not installed, left out: {', '.join(sorted(missing))}")
    out_base = Path(args.out) if args.out else rp.target_dir() / "bench" / "sockets"
    out_base.parent.mkdir(parents=True, exist_ok=True)

    measured = []
    for size in sizes:
        m = measure(size, args, wl_mod, bindir / "bench_exec", anc)
        m["ratios"] = ratios(m["anchors"])
        m["owners"] = owners_cost(m["anchors"])
        measured.append(m)
    ss_version = subprocess.run(["ss", "-V"], capture_output=True, text=True).stdout.strip() if shutil.which("ss") else None
    lsof_version = None
    if shutil.which("lsof"):
        r = subprocess.run(["lsof", "-v"], capture_output=True, text=True)
        lsof_version = next((l.strip() for l in r.stderr.splitlines() if "revision" in l), None)
    doc = {
        "bench": "sockets",
        "date": time.strftime("%Y-%m-%dT%H:%M:%S%z"),
        "machine": f"{platform.node()}: {os.cpu_count()} CPUs, kernel {platform.release()}",
        "libprobe": rp.source_state(),
        "runs": args.runs, "warmup": args.warmup, "udp": args.udp, "unix": args.unix,
        "command": " ".join(["python3", "bench/run_sockets.py"] + (argv if argv is not None else sys.argv[1:])),
        "workload": str(wl_path), "tools": {"ss": ss_version, "lsof": lsof_version},
        "sizes": measured,
    }
    md = markdown(doc)
    Path(f"{out_base}.json").write_text(json.dumps(doc, indent=1) + "\n")
    Path(f"{out_base}.md").write_text(md)
    print(md)
    rp.log(f"wrote {out_base}.json and {out_base}.md")
    last = measured[-1]["ratios"].get(f"{TARGET[0]} / {TARGET[1]}", {})
    missed = last.get("wall_s") is None or last["wall_s"] > TARGET[2]
    if missed:
        rp.log(f"target missed: {TARGET[0]} / {TARGET[1]} = {rp.fmt(last.get('wall_s'))} (<= {TARGET[2]})")
    return 1 if missed and args.fail_on_miss else 0


if __name__ == "__main__":
    sys.exit(main())
