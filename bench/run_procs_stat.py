"""The process table's stat fields: libprobe through the iter/task iterator (process.via =
bpf) beside its /proc path, the procfs crate's `Process::stat()` (the peer) and the
stat-only floor, interleaved, at each workload size given.

    cargo build --release -p libprobe-bench --bin libprobe_procs_stat --bin floor_procs_stat \
        --bin procfs_procs_stat
    python3 bench/run_procs_stat.py 0 1000 10000     (root: the iterator needs CAP_BPF)

Each anchor runs 5 passes of 11 collections in one process, round-robin; the first
collection of each pass is left out (it loads the iterator); the median of the rest is
reported. The workload is shared/bench/workload.py (LIBPROBE_BENCH_WORKLOAD).
"""
import json, os, statistics, subprocess, sys, time
from pathlib import Path
ROOT = Path(__file__).resolve().parent.parent
BIN = os.environ.get("CARGO_TARGET_DIR", str(ROOT / "target")) + "/release"
WORKLOAD = os.environ.get("LIBPROBE_BENCH_WORKLOAD", "/work/shared/bench/workload.py")
ANCHORS = [("libprobe via=bpf", [f"{BIN}/libprobe_procs_stat"], {"LIBPROBE_BENCH_VIA": "bpf"}),
           ("libprobe via=proc", [f"{BIN}/libprobe_procs_stat"], {"LIBPROBE_BENCH_VIA": "proc"}),
           ("procfs crate (stat)", [f"{BIN}/procfs_procs_stat"], {}),
           ("floor (stat only)", [f"{BIN}/floor_procs_stat"], {})]
def measure(n, passes=5, repeat=11):
    wl = subprocess.Popen([sys.executable, WORKLOAD, "--procs", str(n), "--seconds", "600"],
                          stdout=subprocess.PIPE, text=True)
    line = wl.stdout.readline(); assert json.loads(line).get("ready"), line
    time.sleep(2)
    res = {a[0]: [] for a in ANCHORS}; extra = {}
    for _ in range(passes):
        for name, cmd, env in ANCHORS:
            out = subprocess.run(cmd + ["--repeat", str(repeat)], env={**os.environ, **env}, capture_output=True, text=True).stdout
            j = json.loads(out.strip().splitlines()[-1])
            res[name] += j["iters_s"][1:]
            extra[name] = (j["rows"], j.get("from_iterator"))
    load = os.getloadavg()
    wl.terminate(); wl.wait(timeout=120)
    return {name: (statistics.median(v) * 1e3, extra[name]) for name, v in res.items()}, load
for n in [int(x) for x in sys.argv[1:]]:
    r, load = measure(n)
    floor = r["floor (stat only)"][0]
    print(f"## {n} workload processes (load average {load[0]:.2f} {load[1]:.2f} {load[2]:.2f})")
    print("| anchor | median ms per table | rows | rows from the iterator | floor / anchor |")
    print("|---|---:|---:|---:|---:|")
    for name, (m, (rows, it)) in r.items():
        print(f"| {name} | {m:.2f} | {rows} | {it if it is not None else '-'} | {floor / m:.2f}x |")
    print(flush=True)
