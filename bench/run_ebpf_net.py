#!/usr/bin/env python3
"""eBPF network tracers' overhead: time added to each network operation by libprobe's
`tcpconnlat`, `tcpretrans` and `drops` tracers, beside the peers that run on this kernel, in
one run. (bench/run_ebpf.py measures the syscall-hooking tracers; this is its network part,
with the same Attached helper and ebpf_attach.)

    python3 bench/run_ebpf_net.py                     # from the repository root, as root
    python3 bench/run_ebpf_net.py --rounds 5 --out bench/results/ebpf-net-DATE

Workloads (bench/ebpf/net_loop.c, timed inside the program), on 127.0.0.1:

| workload | one operation | events each |
|---|---|---|
| connect | TCP connect + accept + reset | ~6 `inet_sock_set_state` (both ends), 1 send-less close |
| send | a 1-byte TCP send (TCP_NODELAY) | 1 `sock_send_length`, no retransmission |
| udpdrop | a UDP datagram to a closed port | 1 `kfree_skb` (NO_SOCKET), 1 ICMP error |

| configuration | what |
|---|---|
| alone | nothing attached |
| libprobe tcpconnlat / tcpretrans / drops | `ebpf_attach libprobe --tracers X` (tp_btf) |
| bcc tcpretrans | tcpretrans-bpfcc (tracepoint tcp:tcp_retransmit_skb: no event in these workloads; its cost is the hook's) |
| bpftrace connect latency | `sock:inet_sock_set_state` SYN_SENT → ESTABLISHED into a hist(), bcc tcpconnlat's logic on the tracepoint |
| bpftrace drops by reason | `skb:kfree_skb { @[args->reason] = count(); }` |

bcc's tcpconnlat and tcpdrop use kprobes (tcp_v4_connect, tcp_drop), which this kernel
refuses: they are tried and reported as failing.

Then, with the kernel's BPF run-time statistics on, each configuration once more: the
nanoseconds spent inside its own programs (the programs loaded while it started
and named as its own, from `bpftool prog show`: others load programs on this machine) per operation of each workload. Each round attaches every configuration
once (order rotated) and runs every workload --runs times; figures are each configuration's
minimum and median per operation over all runs, minus "alone"'s (this VM is shared: minima
are what the hooks cost when nothing interferes).
"""
from __future__ import annotations

import argparse
import datetime
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import run_ebpf as re_  # noqa: E402  (Attached, apt_install, the bcc headers tree)
import run_procs as rp  # noqa: E402

ROOT = rp.ROOT
WORKLOADS = {"connect": 2000, "send": 100_000, "udpdrop": 20_000}

CONNLAT = (
    "tracepoint:sock:inet_sock_set_state /args->protocol == 6/ {"
    " if (args->newstate == 2) { @start[args->skaddr] = nsecs; }"
    " else if (args->oldstate == 2) {"
    "  if (args->newstate == 1 && @start[args->skaddr]) { @lat = hist(nsecs - @start[args->skaddr]); }"
    "  delete(@start[args->skaddr]); } }"
)


# Each configuration's program names (as bpftool shows them, truncated to 15 bytes).
PROGRAMS = {
    "libprobe tcpconnlat": ("inet_sock_set_state",),
    "libprobe tcpretrans": ("inet_sock_set_state", "sock_send_length", "tcp_retransmit_skb"),
    "libprobe drops": ("kfree_skb",),
    "bcc tcpretrans": ("tracepoint__tcp",),
    "bpftrace connect latency": ("inet_sock_set_s",),
    "bpftrace drops by reason": ("kfree_skb",),
}


def configurations(attach: Path) -> tuple[list[re_.Attached], list[str]]:
    a = str(attach)
    c = [re_.Attached("alone", None, "", 0, "none")]
    for t in ("tcpconnlat", "tcpretrans", "drops"):
        c.append(re_.Attached(f"libprobe {t}", [a, "libprobe", "--tracers", t], "ready", 1, "libprobe"))
    env = {"PYTHONUNBUFFERED": "1"}
    try:
        sys.path.insert(0, str(re_.SHARED))
        import anchors  # noqa: E402
        ks = anchors.bcc_kernel_source()
        if ks:
            env["BCC_KERNEL_SOURCE"] = ks
    except Exception as e:  # noqa: BLE001
        rp.log(f"  (no bcc headers tree: {e})")
    failing = []
    for tool, ready in (("tcpretrans-bpfcc", "Tracing retransmits"), ("tcpconnlat-bpfcc", "PID"),
                        ("tcpdrop-bpfcc", "TIME")):
        if shutil.which(tool):
            c.append(re_.Attached(f"bcc {tool.removesuffix('-bpfcc')}", [tool], ready, 1, "peer", env))
    stdbuf = shutil.which("stdbuf")
    pre = [stdbuf, "-oL", "-eL"] if stdbuf else []
    if shutil.which("bpftrace"):
        c.append(re_.Attached("bpftrace connect latency", pre + ["bpftrace", "-e", CONNLAT], "Attaching", 1, "peer"))
        c.append(re_.Attached("bpftrace drops by reason", pre + [
            "bpftrace", "-e", "tracepoint:skb:kfree_skb { @[args->reason] = count(); }"], "Attaching", 1, "peer"))
    return c, failing


def op_ns(loop: Path, mode: str, n: int) -> float:
    r = subprocess.run([str(loop), mode, str(n)], capture_output=True, text=True, timeout=600)
    return json.loads(r.stdout.strip().splitlines()[-1])["ns_per_op"]


def prog_stats(confs: list[re_.Attached], attach: Path, loop: Path) -> dict:
    """Per configuration and workload: ns inside its own programs per operation, and
    program runs per operation, from the kernel's run-time statistics (BPF_ENABLE_STATS,
    held by `ebpf_attach stats` for this phase only)."""
    holder = re_.Attached("stats", [str(attach), "stats"], "ready", 0, "floor")
    if not shutil.which("bpftool") or not holder.start():
        rp.log(f"program statistics skipped: {holder.output[-300:]}")
        return {}
    out: dict = {}
    try:
        for c in confs:
            if c.cmd is None:
                continue
            # Its programs: those loaded while it started (this bpftool lists no holder pids)
            # whose names are its own (others load programs on this machine at any time).
            old = set(re_.bpf_progs())
            if not c.start():
                continue
            mine = {i for i, p in re_.bpf_progs().items()
                    if i not in old and str(p.get("name", "")).startswith(PROGRAMS.get(c.name, ()))}
            try:
                out[c.name] = {}
                for w, n in WORKLOADS.items():
                    before = {i: p for i, p in re_.bpf_progs().items() if i in mine}
                    op_ns(loop, w, n)
                    after = re_.bpf_progs()
                    t = sum(after[i].get("run_time_ns", 0) - p.get("run_time_ns", 0) for i, p in before.items() if i in after)
                    runs = sum(after[i].get("run_cnt", 0) - p.get("run_cnt", 0) for i, p in before.items() if i in after)
                    out[c.name][w] = {"ns_per_op": round(t / n, 1), "runs_per_op": round(runs / n, 2),
                                      "programs": sorted(str(p.get("name")) for p in before.values())}
                rp.log(f"  {c.name:28} " + ", ".join(f"{w} {v['ns_per_op']} ns ({v['runs_per_op']} runs)"
                                                      for w, v in out[c.name].items()))
            finally:
                c.stop()
    finally:
        holder.stop()
    return out


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--rounds", type=int, default=4)
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--attach", help="a built ebpf_attach (default: build it in release)")
    ap.add_argument("--out", default=str(ROOT / "bench" / "results" / f"ebpf-net-{datetime.date.today()}"))
    a = ap.parse_args()
    out_dir = rp.target_dir() / "bench" / "ebpf"
    out_dir.mkdir(parents=True, exist_ok=True)
    loop = out_dir / "net_loop"
    subprocess.run(["gcc", "-O2", "-o", str(loop), str(ROOT / "bench" / "ebpf" / "net_loop.c")], check=True)
    attach = Path(a.attach) if a.attach else rp.target_dir() / "release" / "ebpf_attach"
    if not a.attach:
        subprocess.run(["cargo", "build", "--release", "-q", "-p", "libprobe-bench", "--bin", "ebpf_attach"],
                       cwd=ROOT, check=True)
    re_.apt_install(["bpftrace", "bpfcc-tools"], "the peers measured beside libprobe")
    mounted = re_.mount_tracefs()
    load_start = os.getloadavg()
    confs, _ = configurations(attach)
    samples: dict[str, dict[str, list[float]]] = {c.name: {w: [] for w in WORKLOADS} for c in confs}
    failed: dict[str, str] = {}
    try:
        for r in range(a.rounds):
            order = confs[r % len(confs):] + confs[:r % len(confs)]
            for c in order:
                if c.name in failed:
                    continue
                if not c.start():
                    failed[c.name] = c.output.strip().splitlines()[-1] if c.output.strip() else "did not start"
                    rp.log(f"  {c.name}: failed: {failed[c.name]}")
                    continue
                for w, n in WORKLOADS.items():
                    for _ in range(a.runs):
                        samples[c.name][w].append(op_ns(loop, w, n))
                c.stop()
                rp.log(f"round {r + 1}: {c.name}: " + ", ".join(
                    f"{w} {min(samples[c.name][w]):.0f}" for w in WORKLOADS))
        stats = prog_stats([c for c in confs if c.name not in failed], attach, loop)
    finally:
        for c in confs:
            c.stop()
        if mounted:
            subprocess.run(["umount", "/sys/kernel/tracing"])
    load_end = os.getloadavg()
    rows = []
    base = samples["alone"]
    for c in confs:
        if c.name in failed:
            rows.append({"configuration": c.name, "failed": failed[c.name]})
            continue
        row: dict = {"configuration": c.name}
        for w in WORKLOADS:
            xs = samples[c.name][w]
            row[w] = {"ns": xs, "min": min(xs), "median": statistics.median(xs),
                      "added_min": min(xs) - min(base[w]), "added_median": statistics.median(xs) - statistics.median(base[w])}
        rows.append(row)
    doc = {"date": datetime.datetime.now(datetime.timezone.utc).isoformat(timespec="seconds"),
           "kernel": platform.release(), "cpus": os.cpu_count(),
           "command": f"python3 bench/run_ebpf_net.py --rounds {a.rounds} --runs {a.runs}",
           "load_start": load_start, "load_end": load_end, "workloads": WORKLOADS, "rows": rows,
           "program_stats": stats,
           "bcc": re_.sh("dpkg-query -W -f '${Version}' bpfcc-tools"),
           "bpftrace": re_.sh("bpftrace --version").strip()}
    lines = [
        f"# eBPF network tracers: time added per operation ({doc['date']})", "",
        f"`{doc['command']}` on kernel {doc['kernel']}, {doc['cpus']} CPUs (shared: other builds ran), load average "
        f"{' '.join(f'{x:.2f}' for x in load_start)} at start, {' '.join(f'{x:.2f}' for x in load_end)} at end. "
        f"bcc {doc['bcc']}, {doc['bpftrace']}. Operations per run: "
        + ", ".join(f"{w} {n}" for w, n in WORKLOADS.items()) + f"; {a.runs} runs per round, {a.rounds} rounds interleaved.",
        "",
        "ns per operation: added over `alone`, by minimum (median in parentheses).", "",
        "| configuration | connect | send | udpdrop |", "|---|---|---|---|",
    ]
    for row in rows:
        if "failed" in row:
            lines.append(f"| {row['configuration']} | fails here: {row['failed'][:90]} | | |")
            continue
        if row["configuration"] == "alone":
            lines.append("| alone (absolute) | " + " | ".join(
                f"{row[w]['min']:.0f} ({row[w]['median']:.0f})" for w in WORKLOADS) + " |")
            continue
        lines.append(f"| {row['configuration']} | " + " | ".join(
            f"{row[w]['added_min']:+.0f} ({row[w]['added_median']:+.0f})" for w in WORKLOADS) + " |")
    lines += ["", "ns inside the configuration's own programs per operation (kernel run-time statistics, one run "
              "per workload; program runs per operation in parentheses): what the machine's noise hardly touches.", "",
              "| configuration | connect | send | udpdrop |", "|---|---|---|---|"]
    for name, by in stats.items():
        lines.append(f"| {name} | " + " | ".join(
            f"{by[w]['ns_per_op']:.0f} ({by[w]['runs_per_op']:g})" for w in WORKLOADS) + " |")
    md = "\n".join(lines) + "\n"
    Path(a.out + ".json").write_text(json.dumps(doc, indent=1) + "\n")
    Path(a.out + ".md").write_text(md)
    print(md)
    return 0


if __name__ == "__main__":
    sys.exit(main())
