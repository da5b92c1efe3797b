#!/usr/bin/env python3
"""eBPF overhead: nanoseconds added to each system call by libprobe's syscalls tracer,
beside the floor and the peers, in one run; and the cost of reading every map at 10 000
processes.

    python3 bench/run_ebpf.py                       # from the repository root, as root
    python3 bench/run_ebpf.py --rounds 9 --calls 1000000 --out bench/results/ebpf-DATE

The workload is ../shared/bench/syscall_loop.c: N x syscall(SYS_getppid), timed inside the
program (vDSO clock, no syscall). Each configuration is attached, the loop runs --runs
times, the configuration is detached; a round runs every configuration once (in an order
rotated each round, "alone" included), and --rounds rounds are interleaved, so drift in
the machine's load hits all alike. The figure compared is each configuration's minimum
ns/call over all its runs (this VM is shared and noisy: minima are what the hook costs
when nothing interferes), minus the minimum of "alone"; medians are reported beside.

| configuration | hooks | what |
|---|---|---|
| alone | | no program attached |
| floor <type> enter / enter+exit | 1 / 2 | empty programs (libprobe-core/src/sys/linux/ebpf/bpf/floor.bpf.c) on raw_syscalls sys_enter (and sys_exit) as tp_btf, raw_tp or classic tracepoint: the kernel's cost of a hook, the physical floor |
| clock floor <type> enter+exit | 2 | bench/ebpf/clock_floor.bpf.c: programs that only read the clock at entry and exit (bpf_ktime_get_ns): the floor of any exact entry → exit latency, beside which the full mode is judged too |
| libprobe <type> count | 1 | `ebpf.syscall_latency=false`: calls counted by number and by thread, at entry |
| libprobe <type> full | 2 | the default: counts, errors, latency histograms, per thread |
| syscount-style (our C) | 2 | bench/ebpf/syscount_style.bpf.c: libbpf-tools' design (tracepoints, a hash map updated at exit) |
| libbpf-tools syscount | 2 | Debian's /usr/sbin/syscount (libbpf-tools), when installed |
| bcc syscount | 1 | syscount-bpfcc (bcc; raw_syscalls:sys_exit, per-id hash) |
| bpftrace | 1 | `tracepoint:raw_syscalls:sys_enter { @[args->id] = count(); }` |
| libbpf-tools syscount -L, bcc syscount -L | 2 | the peers' latency modes (counts and total time per syscall), beside libprobe's full mode |
| libprobe <type> mmap / opens / filelat | 1 / 2 / 2 | the memory and file tracers that hook every system call and keep only theirs (mmap at entry; opens and filelat at entry and exit): what a getppid pays for them, beside the floor on the same hooks |

Targets (SPEC §7): libprobe's added cost ≤ the floor's on the same hooks + 20 ns, and
below every peer's. Counting is compared with the peers' counting, latency with their
latency modes.

Then the programs' own cost, which the machine's noise hardly touches: with the kernel's
BPF run-time statistics on (BPF_ENABLE_STATS, held by `ebpf_attach stats` for this phase
only: they add two clock reads per run), each configuration is attached once, the loop
runs once, and every program that ran at least once per call is read from `bpftool prog
show` (run_time_ns / run_cnt): nanoseconds inside the programs per system call. The
wall-time difference to the floor is the rest: the hook's dispatch, which no program
controls.

Then `ebpf_attach read-cost`: 10 000 processes that wake once a second, every tracer
attached, and the time of the ebpf domain per snapshot (every map read and decoded, every
process in the records); target ≤ 2 ms. `--read-cost-only` runs this part alone, and with
`--baseline-attach OLD` (an ebpf_attach built from an earlier commit) alternates that build
with ours run by run, so that both meet the same load:

    python3 bench/run_ebpf.py --read-cost-only --baseline-attach /tmp/ebpf_attach-main \
        --read-cost-runs 3 --out bench/results/ebpf-read-DATE

With `--mem`, the memory and file tracers instead, each beside its peers on its own
event (bench/ebpf/event_loop.c: open+close, a 64-byte pread of a cached regular file, a
fresh anonymous page written, an mmap+munmap of one page), interleaved in rounds as above:
ns added per event.

| workload | libprobe | peers |
|---|---|---|
| open | `opens` | libbpf-tools `opensnoop` and bpftrace's `opensnoop.bt` (tracepoints); bcc `opensnoop-bpfcc` (fentry, else kprobes) |
| read | `filelat` | bpftrace, fileslower-style: entry → exit of read/pread64/readv/write/pwrite64/writev on their syscalls tracepoints, a histogram (no regular-file filter); bcc `fileslower-bpfcc 0` and `filetop-bpfcc`, libbpf-tools `filetop` (kprobes on vfs_read/vfs_write) |
| fault | `faults` | bpftrace `tracepoint:exceptions:page_fault_user { @[pid] = count(); }` |
| mmap | `mmap` (tp_btf and tracepoint) | bpftrace `tracepoint:syscalls:sys_enter_mmap { @[pid] = count(); }` |

A peer that does not load is listed with the reason it gave. The peers that print an event
per line (opensnoop) write to a file, as a user's terminal would take them; libprobe's
`opens` likewise takes every event: a snapshot every 100 ms, as a user reading the events
would (`--interval-ms 100`), with a ring and bound of 65 536 events (`--max-open-events`),
and the events its snapshots read and dropped are reported beside its row.

Needs root. Installs what is missing from apt, saying so: clang (to build the
syscount-style object), bpftrace, bpfcc-tools and linux-headers-amd64 (bcc compiles
against headers; this kernel ships none: ../shared/bench/anchors.py's symlink tree is
used), libbpf-tools. Mounts tracefs on /sys/kernel/tracing when it is not mounted (the
classic-tracepoint configurations and the peers need it; libprobe does not) and unmounts it
at the end. Writes OUT.json and OUT.md and prints the Markdown.
"""
from __future__ import annotations

import argparse
import datetime
import json
import os
import platform
import selectors
import shutil
import signal
import statistics
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import run_procs as rp  # noqa: E402  (shared helpers: target dir, logging, noise, source state)

ROOT = rp.ROOT
SHARED = ROOT.parent / "shared" / "bench"
BPF = ROOT / "libprobe-core" / "src" / "sys" / "linux" / "ebpf" / "bpf"
TARGET_NS = 20.0


def sh(cmd: list[str] | str) -> str:
    r = subprocess.run(cmd, shell=isinstance(cmd, str), capture_output=True, text=True)
    return (r.stdout or r.stderr).strip().splitlines()[0] if (r.stdout or r.stderr).strip() else ""


def apt_install(packages: list[str], why: str) -> None:
    missing = [p for p in packages if subprocess.run(["dpkg", "-s", p], capture_output=True).returncode != 0]
    if missing:
        rp.log(f"installing {' '.join(missing)} from apt ({why})")
        subprocess.run(["apt-get", "update", "-qq"], check=False)
        subprocess.run(["apt-get", "install", "-y", "-qq", "--no-install-recommends", *missing],
                       env=dict(os.environ, DEBIAN_FRONTEND="noninteractive"), check=False)


def libbpf_headers() -> str:
    meta = json.loads(subprocess.run(["cargo", "metadata", "--format-version", "1"], cwd=ROOT, capture_output=True,
                                     text=True, check=True).stdout)
    pkg = next(p for p in meta["packages"] if p["name"] == "libbpf-sys")
    return str(Path(pkg["manifest_path"]).parent / "libbpf" / "src")


def build(out: Path, skip: bool, attach: str | None = None) -> dict[str, Path]:
    out.mkdir(parents=True, exist_ok=True)
    bins = {"attach": Path(attach) if attach else rp.target_dir() / "release" / "ebpf_attach",
            "loop": out / "syscall_loop", "syscount_style": out / "syscount_style.bpf.o",
            "clock_floor": out / "clock_floor.bpf.o", "event_loop": out / "event_loop"}
    if skip:
        return bins
    rp.log("building ebpf_attach (release), syscall_loop and the syscount-style object ...")
    if not attach:
        subprocess.run(["cargo", "build", "--release", "-q", "-p", "libprobe-bench", "--bin", "ebpf_attach"],
                       cwd=ROOT, check=True)
    subprocess.run(["gcc", "-O2", "-o", str(bins["loop"]), str(SHARED / "syscall_loop.c")], check=True)
    subprocess.run(["gcc", "-O2", "-o", str(bins["event_loop"]), str(ROOT / "bench" / "ebpf" / "event_loop.c")],
                   check=True)
    apt_install(["clang"], "it builds the syscount-style and clock-floor BPF objects from bench/ebpf/")
    for name in ("syscount_style", "clock_floor"):
        subprocess.run(["clang", "-g", "-O2", "-target", "bpf", "-mcpu=v3", "-D__TARGET_ARCH_x86", "-Wall", "-I",
                        str(BPF), "-idirafter", libbpf_headers(), "-c", str(ROOT / "bench" / "ebpf" / f"{name}.bpf.c"),
                        "-o", str(bins[name])], check=True)
    return bins


class Attached:
    """A tracer process: started, ready when its output matches, stopped by closing its
    stdin (ebpf_attach) or SIGINT (the peers)."""

    def __init__(self, name: str, cmd: list[str] | None, ready: str, hooks: int, kind: str, env: dict | None = None):
        self.name, self.cmd, self.ready, self.hooks, self.kind, self.env = name, cmd, ready, hooks, kind, env
        self.p: subprocess.Popen | None = None
        self.output = ""
        self.attach_s: list[float] = []

    def start(self, timeout: float = 180) -> bool:
        if self.cmd is None:
            return True
        t0 = time.time()
        self.p = subprocess.Popen(self.cmd, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                                  env=dict(os.environ, **(self.env or {})))
        sel = selectors.DefaultSelector()
        sel.register(self.p.stdout, selectors.EVENT_READ)
        buf = b""
        while time.time() - t0 < timeout:
            if sel.select(timeout=0.5):
                chunk = os.read(self.p.stdout.fileno(), 65536)
                if not chunk:
                    break
                buf += chunk
                if self.ready in buf.decode(errors="replace"):
                    self.attach_s.append(time.time() - t0)
                    time.sleep(0.3)
                    sel.close()
                    return True
            elif self.p.poll() is not None:
                break
        self.output = buf.decode(errors="replace")
        self.stop()
        return False

    def stop(self) -> None:
        if self.p is None:
            return
        try:
            if self.kind == "peer":
                self.p.send_signal(signal.SIGINT)
            out, _ = self.p.communicate(timeout=30)  # closes stdin: ebpf_attach stops at EOF
            self.output += out.decode(errors="replace")
        except subprocess.TimeoutExpired:
            self.p.kill()
            self.p.communicate()
        self.p = None


def configurations(bins: dict[str, Path]) -> list[Attached]:
    a = str(bins["attach"])
    floor = str(BPF / "floor.bpf.o")
    c: list[Attached] = [Attached("alone", None, "", 0, "none")]
    for hook in ("tp_btf", "raw_tp", "tracepoint"):
        c.append(Attached(f"floor {hook} enter", [a, "object", floor, "--hook", hook, "--events", "sys_enter"],
                          "ready", 1, "floor"))
        c.append(Attached(f"floor {hook} enter+exit", [a, "object", floor, "--hook", hook, "--events",
                                                       "sys_enter,sys_exit"], "ready", 2, "floor"))
        c.append(Attached(f"clock floor {hook} enter+exit", [a, "object", str(bins["clock_floor"]), "--hook", hook,
                                                             "--events", "sys_enter,sys_exit"], "ready", 2, "floor"))
        c.append(Attached(f"libprobe {hook} count", [a, "libprobe", "--hooks", hook, "--no-latency"], "ready", 1,
                          "libprobe"))
        c.append(Attached(f"libprobe {hook} full", [a, "libprobe", "--hooks", hook], "ready", 2, "libprobe"))
        for tracer, hooks in (("mmap", 1), ("opens", 2), ("filelat", 2)):
            c.append(Attached(f"libprobe {hook} {tracer}", [a, "libprobe", "--hooks", hook, "--tracers", tracer],
                              "ready", hooks, "libprobe-other"))
    c.append(Attached("syscount-style (our C)", [a, "object", str(bins["syscount_style"]), "--hook", "tracepoint",
                                                 "--events", "sys_enter,sys_exit"], "ready", 2, "peer-own"))
    stdbuf = shutil.which("stdbuf")
    pre = [stdbuf, "-oL", "-eL"] if stdbuf else []
    if os.path.exists("/usr/sbin/syscount"):
        c.append(Attached("libbpf-tools syscount", pre + ["/usr/sbin/syscount"], "Tracing syscalls", 2, "peer"))
        c.append(Attached("libbpf-tools syscount -L", pre + ["/usr/sbin/syscount", "-L"], "Tracing syscalls", 2,
                          "peer-latency"))
    if shutil.which("syscount-bpfcc"):
        env = {"PYTHONUNBUFFERED": "1"}
        try:
            sys.path.insert(0, str(SHARED))
            import anchors  # noqa: E402  (the bcc kernel-headers tree of the shared benchmarks)
            ks = anchors.bcc_kernel_source()
            if ks:
                env["BCC_KERNEL_SOURCE"] = ks
        except Exception as e:  # noqa: BLE001
            rp.log(f"  (no bcc headers tree: {e})")
        c.append(Attached("bcc syscount", ["syscount-bpfcc"], "Tracing syscalls", 1, "peer", env))
        c.append(Attached("bcc syscount -L", ["syscount-bpfcc", "-L"], "Tracing syscalls", 2, "peer-latency", env))
    if shutil.which("bpftrace"):
        c.append(Attached("bpftrace @[args->id]=count()", pre + [
            "bpftrace", "-e", "tracepoint:raw_syscalls:sys_enter { @[args->id] = count(); }"], "Attaching", 1, "peer"))
    return c


def loop_ns(loop: Path, calls: int) -> float:
    r = subprocess.run([str(loop), str(calls)], capture_output=True, text=True, timeout=600)
    return json.loads(r.stdout.strip().splitlines()[-1])["ns_per_call"]


def mount_tracefs() -> bool:
    if Path("/sys/kernel/tracing/events").is_dir():
        return False
    rp.log("mounting tracefs on /sys/kernel/tracing (classic tracepoints and the peers need it; unmounted at the end)")
    return subprocess.run(["mount", "-t", "tracefs", "tracefs", "/sys/kernel/tracing"]).returncode == 0


def read_cost_once(attach: Path, procs: int, snapshots: int) -> dict:
    r = subprocess.run([str(attach), "read-cost", "--procs", str(procs), "--snapshots", str(snapshots)],
                       capture_output=True, text=True, timeout=900)
    try:
        return json.loads(r.stdout.strip().splitlines()[-1])
    except (ValueError, IndexError):
        return {"error": (r.stderr or r.stdout)[-800:]}


def read_cost_only(args) -> dict:
    """`--read-cost-only`: the read cost alone, ours and (with --baseline-attach) an
    earlier build's, alternated --read-cost-runs times in one session."""
    ours = Path(args.attach) if args.attach else rp.target_dir() / "release" / "ebpf_attach"
    if not args.no_build and not args.attach:
        subprocess.run(["cargo", "build", "--release", "-q", "-p", "libprobe-bench", "--bin", "ebpf_attach"],
                       cwd=ROOT, check=True)
    builds = {"ours": ours}
    if args.baseline_attach:
        builds = {"baseline": Path(args.baseline_attach), "ours": ours}
    runs: dict[str, list[dict]] = {k: [] for k in builds}
    with rp.Busy() as busy:
        for i in range(args.read_cost_runs):
            for name, attach in builds.items():
                load = os.getloadavg()[0]
                rp.log(f"read cost {i + 1}/{args.read_cost_runs}: {name} ({args.procs} processes, load {load:.2f}) ...")
                r = read_cost_once(attach, args.procs, args.read_cost_snapshots)
                r["load1"] = round(load, 2)
                runs[name].append(r)
    return {"rows": {}, "failed": {}, "prog_stats": {}, "read_cost": runs["ours"][0] if len(runs["ours"]) == 1 else
            merge_read_costs(runs["ours"]), "read_cost_runs": runs, "noise": busy.as_dict()}


def merge_read_costs(runs: list[dict]) -> dict:
    snaps = [s for r in runs if "snapshots" in r for s in r["snapshots"]]
    procs = next((r["procs"] for r in runs if "procs" in r), 0)
    return {"procs": procs, "snapshots": snaps} if snaps else runs[0]


def run(args) -> dict:
    if args.read_cost_only:
        return read_cost_only(args)
    out_dir = rp.target_dir() / "bench" / "ebpf"
    bins = build(out_dir, args.no_build, args.attach)
    if not args.no_peers:
        apt_install(["bpftrace", "bpfcc-tools", "linux-headers-amd64", "libbpf-tools"],
                    "the peers measured beside libprobe")
    mounted = mount_tracefs()
    try:
        confs = configurations(bins)
        if args.only:
            confs = [c for c in confs if c.name == "alone" or any(o in c.name for o in args.only.split(","))]
        runs: dict[str, list[float]] = {c.name: [] for c in confs}
        failed: dict[str, str] = {}
        with rp.Busy() as busy:
            for r in range(args.rounds):
                rp.wait_idle(args.wait_idle)
                order = confs[r % len(confs):] + confs[:r % len(confs)]
                rp.log(f"round {r + 1}/{args.rounds}")
                for c in order:
                    if c.name in failed:
                        continue
                    if not c.start():
                        failed[c.name] = c.output[-800:]
                        rp.log(f"  ! {c.name} did not attach: {c.output[-300:]}")
                        continue
                    try:
                        for _ in range(args.runs):
                            runs[c.name].append(loop_ns(bins["loop"], args.calls))
                    finally:
                        c.stop()
                    rp.log(f"  {c.name:32} min {min(runs[c.name][-args.runs:]):8.1f} ns/call")
        alone = min(runs["alone"])
        rows = {}
        for c in confs:
            xs = runs[c.name]
            if not xs:
                continue
            rows[c.name] = {"hooks": c.hooks, "kind": c.kind, "min_ns": round(min(xs), 1),
                            "median_ns": round(statistics.median(xs), 1), "max_ns": round(max(xs), 1), "runs": len(xs),
                            "added_min_ns": round(min(xs) - alone, 1),
                            "added_median_ns": round(statistics.median(xs) - statistics.median(runs["alone"]), 1),
                            "attach_s_median": round(statistics.median(c.attach_s), 2) if c.attach_s else None,
                            "cmd": " ".join(c.cmd) if c.cmd else None}
        prog = {} if args.no_prog_stats else prog_stats(confs, bins, args.calls)
        read = None
        if not args.no_read_cost:
            rp.log(f"read cost: {args.procs} processes, every tracer ...")
            r = subprocess.run([str(bins["attach"]), "read-cost", "--procs", str(args.procs)], capture_output=True,
                               text=True, timeout=900)
            try:
                read = json.loads(r.stdout.strip().splitlines()[-1])
            except (ValueError, IndexError):
                read = {"error": (r.stderr or r.stdout)[-800:]}
    finally:
        if mounted:
            subprocess.run(["umount", "/sys/kernel/tracing"], check=False)
    return {"rows": rows, "failed": failed, "prog_stats": prog, "read_cost": read, "noise": busy.as_dict()}


def bpf_progs() -> dict[int, dict]:
    out = subprocess.run(["bpftool", "-j", "prog", "show"], capture_output=True, text=True).stdout
    try:
        return {p["id"]: p for p in json.loads(out)}
    except ValueError:
        return {}


def prog_stats(confs: list[Attached], bins: dict[str, Path], calls: int) -> dict:
    """Per configuration: ns inside its programs per syscall, from the kernel's run-time
    statistics (programs that ran at least once per call of the loop)."""
    if not shutil.which("bpftool"):
        rp.log("no bpftool: program statistics skipped")
        return {}
    holder = Attached("stats", [str(bins["attach"]), "stats"], "ready", 0, "floor")
    if not holder.start():
        rp.log(f"BPF_ENABLE_STATS failed: {holder.output[-300:]}")
        return {}
    out = {}
    try:
        for c in confs:
            if c.cmd is None:
                continue
            before = bpf_progs()
            if not c.start():
                continue
            try:
                mid = bpf_progs()
                mine = {i: p for i, p in mid.items() if i not in before}
                loop_ns(bins["loop"], calls)
                after = bpf_progs()
            finally:
                c.stop()
            per_call = []
            for i, p in mine.items():
                a = after.get(i, {})
                runs = a.get("run_cnt", 0) - p.get("run_cnt", 0)
                time_ns = a.get("run_time_ns", 0) - p.get("run_time_ns", 0)
                if runs >= calls:
                    per_call.append({"name": p.get("name"), "ns_per_run": round(time_ns / runs, 1), "runs": runs})
            out[c.name] = {"programs": per_call, "ns_per_syscall": round(sum(x["ns_per_run"] for x in per_call), 1)}
            rp.log(f"  {c.name:32} {out[c.name]['ns_per_syscall']:7.1f} ns in programs per call")
    finally:
        holder.stop()
    return out


def verdicts(rows: dict) -> list[str]:
    out = []
    for hook in ("tp_btf", "raw_tp", "tracepoint"):
        for mode, floor in (("count", "enter"), ("full", "enter+exit")):
            ours, fl = rows.get(f"libprobe {hook} {mode}"), rows.get(f"floor {hook} {floor}")
            if not ours or not fl:
                continue
            kinds = ("peer", "peer-own") if mode == "count" else ("peer-latency",)
            peers = {n: r for n, r in rows.items() if r["kind"] in kinds}
            best_peer = min(peers.values(), key=lambda r: r["added_min_ns"]) if peers else None
            over = ours["added_min_ns"] - fl["added_min_ns"]
            ok_floor = over <= TARGET_NS
            below = [n for n, p in peers.items() if ours["added_min_ns"] < p["added_min_ns"]]
            clock = rows.get(f"clock floor {hook} enter+exit") if mode == "full" else None
            vs_clock = ""
            if clock:
                over_c = ours["added_min_ns"] - clock["added_min_ns"]
                vs_clock = (f"; clock floor +{clock['added_min_ns']:.0f} ns ({over_c:+.0f} ns over it: "
                            f"{'meets' if over_c <= TARGET_NS else 'misses'} clock floor + {TARGET_NS:.0f} ns)")
            out.append(f"libprobe {hook} {mode}: +{ours['added_min_ns']:.0f} ns, floor +{fl['added_min_ns']:.0f} ns "
                       f"({over:+.0f} ns over it: {'meets' if ok_floor else 'misses'} floor + {TARGET_NS:.0f} ns)"
                       f"{vs_clock}; below {len(below)} of {len(peers)} peers"
                       + (f" (best peer: {min(peers, key=lambda n: peers[n]['added_min_ns'])} "
                          f"+{best_peer['added_min_ns']:.0f} ns)" if best_peer else ""))
    return out


def read_cost_markdown(doc: dict) -> str:
    lines = [f"# eBPF read cost — {doc['date']}", "",
             f"`{doc['command']}` at `{doc['source']['commit']}`"
             f"{' (core edited)' if doc['source']['core_dirty'] else ''}; {doc['machine']}.", "",
             "`ebpf_attach read-cost`: processes that wake once a second and make a syscall, every tracer attached, "
             "and per snapshot the ebpf domain's wall time (every map read and decoded, every process summed, the "
             "records holding the top `top_processes`) and the CPU time of the reading thread. Builds alternated "
             f"run by run. Machine busy {doc['noise']['machine_busy_frac']:.0%}, of which not ours "
             f"{doc['noise']['others_busy_frac']:.0%}.", "",
             "| build | runs | snapshots | processes | median ms (wall) | min ms | max ms | median ms (CPU) | "
             "load (1 min) at each run |", "|---|---:|---:|---:|---:|---:|---:|---:|---|"]
    med = {}
    for name, runs in doc["read_cost_runs"].items():
        snaps = [s for r in runs if "snapshots" in r for s in r["snapshots"]]
        if not snaps:
            lines.append(f"| {name} | {len(runs)} | failed: {runs[0].get('error', '')[-200:]!r} |||||||")
            continue
        wall = [s["domain_ns"] / 1e6 for s in snaps]
        cpu = [s["cpu_ns"] / 1e6 for s in snaps]
        med[name] = (statistics.median(wall), statistics.median(cpu))
        procs = max(r.get("procs", 0) for r in runs)
        loads = ", ".join(f"{r['load1']:.2f}" for r in runs)
        lines.append(f"| {name} | {len(runs)} | {len(snaps)} | {procs} | {med[name][0]:.2f} | {min(wall):.2f} | "
                     f"{max(wall):.2f} | {med[name][1]:.2f} | {loads} |")
    if "baseline" in med and "ours" in med:
        lines += ["", f"Ours / baseline, medians: wall {med['ours'][0] / med['baseline'][0]:.3f}, CPU "
                      f"{med['ours'][1] / med['baseline'][1]:.3f} (target ≤ 2 ms wall at 10 000 processes)."]
    return "\n".join(lines) + "\n"


class Logged:
    """A tracer process whose output goes to a file (a peer printing one line per event
    must not block on a full pipe): ready when the file holds `ready`; stopped by closing
    its stdin (ebpf_attach) or SIGINT (the peers)."""

    def __init__(self, name: str, cmd: list[str] | None, ready: str, kind: str, log: Path, env: dict | None = None):
        self.name, self.cmd, self.ready, self.kind, self.log, self.env = name, cmd, ready, kind, log, env
        self.p: subprocess.Popen | None = None
        self.output = ""
        self.attach_s: list[float] = []
        self.hooks = 0
        self.reports: list[dict] = []  # libprobe's last line at each stop (ebpf_attach's totals)

    def start(self, timeout: float = 240) -> bool:
        if self.cmd is None:
            return True
        t0 = time.time()
        with open(self.log, "wb") as f:
            self.p = subprocess.Popen(self.cmd, stdin=subprocess.PIPE, stdout=f, stderr=subprocess.STDOUT,
                                      env=dict(os.environ, **(self.env or {})))
        while time.time() - t0 < timeout:
            time.sleep(0.2)
            text = self.log.read_bytes()[:1 << 20].decode(errors="replace")
            if self.ready in text:
                self.attach_s.append(time.time() - t0)
                time.sleep(1.0)
                if self.p.poll() is None:  # bpftrace says "Attaching" before it loads
                    return True
                break
            if self.p.poll() is not None:
                break
        self.output = self.log.read_bytes()[-4000:].decode(errors="replace")
        self.stop()
        return False

    def stop(self) -> None:
        if self.p is None:
            return
        try:
            if self.kind == "peer":
                self.p.send_signal(signal.SIGINT)
            self.p.communicate(timeout=60)
        except subprocess.TimeoutExpired:
            self.p.kill()
            self.p.communicate()
        self.p = None
        if self.kind == "libprobe" and self.log.exists():
            last = self.log.read_bytes()[-4000:].decode(errors="replace").strip().splitlines()[-1:]
            try:
                self.reports.append(json.loads(last[0]))
            except (IndexError, ValueError):
                pass
        self.log.unlink(missing_ok=True)


MEM_WORKLOADS = ("open", "read", "fault", "mmap")

# bpftrace, fileslower-style: every read/write-family call timed entry → exit, a histogram
# per call. (One map keyed by the call's name fails to load with bpftrace 0.17: "misaligned
# stack access" for keys of different lengths.)
FILESLOWER_BT = "".join(
    f"tracepoint:syscalls:sys_enter_{c} {{ @start[tid] = nsecs; }} "
    f"tracepoint:syscalls:sys_exit_{c} /@start[tid]/ {{ @{c}_us = hist((nsecs - @start[tid]) / 1000); "
    f"delete(@start[tid]); }} "
    for c in ("read", "write", "pread64", "pwrite64", "readv", "writev"))


def mem_configurations(bins: dict[str, Path], logs: Path) -> dict[str, list[Logged]]:
    a = str(bins["attach"])
    stdbuf = shutil.which("stdbuf")
    pre = [stdbuf, "-oL", "-eL"] if stdbuf else []
    env = {"PYTHONUNBUFFERED": "1"}
    try:
        sys.path.insert(0, str(SHARED))
        import anchors  # noqa: E402  (the bcc kernel-headers tree of the shared benchmarks)
        ks = anchors.bcc_kernel_source()
        if ks:
            env["BCC_KERNEL_SOURCE"] = ks
    except Exception as e:  # noqa: BLE001
        rp.log(f"  (no bcc headers tree: {e})")

    def lp(tracer: str, hook: str = "tp_btf", extra: list[str] | None = None) -> Logged:
        return Logged(f"libprobe {tracer} ({hook})", [a, "libprobe", "--hooks", hook, "--tracers", tracer]
                      + (extra or []), "ready", "libprobe", logs / f"libprobe-{tracer}-{hook}.log")

    def peer(name: str, cmd: list[str], ready: str, e: dict | None = None) -> Logged:
        slug = "".join(ch if ch.isalnum() else "-" for ch in name)[:40]
        return Logged(name, pre + cmd, ready, "peer", logs / f"{slug}.log", e)

    alone = lambda: Logged("alone", None, "", "none", logs / "alone.log")  # noqa: E731
    return {
        # Every event read, as the peers print every one: drained every 100 ms, a ring of
        # 65 536 events (about 200 000 events/s here fit it with room).
        "open": [alone(), lp("opens", extra=["--interval-ms", "100", "--max-open-events", "65536"]),
                 peer("libbpf-tools opensnoop", ["/usr/sbin/opensnoop"], "PID"),
                 peer("bpftrace opensnoop.bt", ["bpftrace", "/usr/sbin/opensnoop.bt"], "Tracing open"),
                 peer("bcc opensnoop-bpfcc", ["opensnoop-bpfcc"], "PID", env)],
        "read": [alone(), lp("filelat"),
                 peer("bpftrace fileslower-style (syscalls tracepoints)", ["bpftrace", "-e", FILESLOWER_BT],
                      "Attaching"),
                 peer("bcc fileslower-bpfcc 0", ["fileslower-bpfcc", "0"], "TIME(s)", env),
                 peer("bcc filetop-bpfcc", ["filetop-bpfcc", "-C", "5"], "TID", env),
                 peer("libbpf-tools filetop", ["/usr/sbin/filetop", "-C", "5"], "TID")],
        "fault": [alone(), lp("faults"),
                  peer("bpftrace page_fault_user @[pid]=count()",
                       ["bpftrace", "-e", "tracepoint:exceptions:page_fault_user { @[pid] = count(); }"],
                       "Attaching")],
        "mmap": [alone(), lp("mmap"), lp("mmap", "tracepoint"),
                 peer("bpftrace sys_enter_mmap @[pid]=count()",
                      ["bpftrace", "-e", "tracepoint:syscalls:sys_enter_mmap { @[pid] = count(); }"], "Attaching")],
    }


def event_ns(loop: Path, mode: str, calls: int, cwd: Path) -> float:
    r = subprocess.run([str(loop), mode, str(calls)], capture_output=True, text=True, timeout=600, cwd=cwd)
    return json.loads(r.stdout.strip().splitlines()[-1])["ns_per_call"]


def run_mem(args) -> dict:
    out_dir = rp.target_dir() / "bench" / "ebpf"
    bins = build(out_dir, args.no_build, args.attach)
    logs = out_dir / "mem-logs"
    logs.mkdir(parents=True, exist_ok=True)
    mounted = mount_tracefs()
    rows: dict[str, dict] = {}
    failed: dict[str, str] = {}
    try:
        suites = mem_configurations(bins, logs)
        only = set(args.only.split(",")) if args.only else set(MEM_WORKLOADS)
        with rp.Busy() as busy:
            for mode in MEM_WORKLOADS:
                if mode not in only:
                    continue
                confs = suites[mode]
                runs: dict[str, list[float]] = {c.name: [] for c in confs}
                for r in range(args.rounds):
                    rp.wait_idle(args.wait_idle)
                    order = confs[r % len(confs):] + confs[:r % len(confs)]
                    rp.log(f"{mode}: round {r + 1}/{args.rounds}")
                    for c in order:
                        key = f"{mode}: {c.name}"
                        if key in failed:
                            continue
                        if not c.start():
                            failed[key] = c.output[-1500:]
                            rp.log(f"  ! {c.name} did not attach: {c.output[-300:]}")
                            continue
                        try:
                            for _ in range(args.runs):
                                runs[c.name].append(event_ns(bins["event_loop"], mode, args.calls, out_dir))
                        finally:
                            c.stop()
                        rp.log(f"  {c.name:48} min {min(runs[c.name][-args.runs:]):9.1f} ns/event")
                alone, alone_med = min(runs["alone"]), statistics.median(runs["alone"])
                for c in confs:
                    xs = runs[c.name]
                    if not xs:
                        continue
                    rows[f"{mode}: {c.name}"] = {
                        "workload": mode, "kind": c.kind, "min_ns": round(min(xs), 1),
                        "median_ns": round(statistics.median(xs), 1), "runs": len(xs),
                        "added_min_ns": round(min(xs) - alone, 1),
                        "added_median_ns": round(statistics.median(xs) - alone_med, 1),
                        "attach_s_median": round(statistics.median(c.attach_s), 2) if c.attach_s else None,
                        "cmd": " ".join(c.cmd) if c.cmd else None}
                    if mode == "open" and c.reports:
                        rows[f"{mode}: {c.name}"]["drained"] = {
                            k: sum(x.get(k, 0) for x in c.reports)
                            for k in ("snapshots", "file_opens", "file_opens_dropped")}
        prog = {} if args.no_prog_stats else mem_prog_stats(suites, bins, args.calls, only, failed, out_dir)
    finally:
        if mounted:
            subprocess.run(["umount", "/sys/kernel/tracing"], check=False)
        shutil.rmtree(logs, ignore_errors=True)
    return {"rows": rows, "failed": failed, "prog_stats": prog, "noise": busy.as_dict()}


def mem_prog_stats(suites: dict[str, list[Logged]], bins: dict[str, Path], calls: int, only: set[str],
                   failed: dict[str, str], cwd: Path) -> dict:
    """Per workload and configuration: ns inside its programs per event, from the kernel's
    run-time statistics (the programs it loaded that ran at least once per event, their
    whole run time over the loop divided by its events)."""
    if not shutil.which("bpftool"):
        rp.log("no bpftool: program statistics skipped")
        return {}
    holder = Attached("stats", [str(bins["attach"]), "stats"], "ready", 0, "floor")
    if not holder.start():
        rp.log(f"BPF_ENABLE_STATS failed: {holder.output[-300:]}")
        return {}
    out = {}
    try:
        for mode in MEM_WORKLOADS:
            if mode not in only:
                continue
            for c in suites[mode]:
                key = f"{mode}: {c.name}"
                if c.cmd is None or key in failed:
                    continue
                before = bpf_progs()
                if not c.start():
                    continue
                try:
                    mid = bpf_progs()
                    mine = {i: p for i, p in mid.items() if i not in before}
                    event_ns(bins["event_loop"], mode, calls, cwd)
                    after = bpf_progs()
                finally:
                    c.stop()
                progs = []
                for i, p in mine.items():
                    a = after.get(i, {})
                    runs = a.get("run_cnt", 0) - p.get("run_cnt", 0)
                    time_ns = a.get("run_time_ns", 0) - p.get("run_time_ns", 0)
                    if runs >= calls:
                        progs.append({"name": p.get("name"), "runs_per_event": round(runs / calls, 2),
                                      "ns_per_run": round(time_ns / runs, 1), "ns_per_event": round(time_ns / calls, 1)})
                out[key] = {"programs": progs, "ns_per_event": round(sum(x["ns_per_event"] for x in progs), 1)}
                rp.log(f"  {key:56} {out[key]['ns_per_event']:8.1f} ns in programs per event")
    finally:
        holder.stop()
    return out


def mem_markdown(doc: dict) -> str:
    lines = [f"# eBPF memory and file tracers beside their peers — {doc['date']}", "",
             f"`{doc['command']}` at `{doc['source']['commit']}`"
             f"{' (core edited)' if doc['source']['core_dirty'] else ''}; {doc['machine']}; "
             f"`uptime` before: {doc['uptime_before']}; after: {doc['uptime_after']}.", "",
             f"bench/ebpf/event_loop.c: {doc['calls']:,} events per run, {doc['runs']} runs per attach, "
             f"{doc['rounds']} rounds interleaved per workload. Machine busy {doc['noise']['machine_busy_frac']:.0%}, "
             f"of which not ours {doc['noise']['others_busy_frac']:.0%}. Added = the configuration's ns/event minus "
             "the same workload's alone.", "",
             "| workload: configuration | min ns/event | added (min) | median ns/event | added (median) | "
             "ratio to libprobe (added, median) | attach s |",
             "|---|---:|---:|---:|---:|---:|---:|"]
    rows = doc["rows"]
    for name, r in rows.items():
        ours = next((x for n, x in rows.items() if x["workload"] == r["workload"] and x["kind"] == "libprobe"), None)
        ratio = ""
        if r["kind"] == "peer" and ours and ours["added_median_ns"] > 0:
            ratio = f"{r['added_median_ns'] / ours['added_median_ns']:.2f}×"
        lines.append(f"| {name} | {r['min_ns']:.1f} | {r['added_min_ns']:+.1f} | {r['median_ns']:.1f} | "
                     f"{r['added_median_ns']:+.1f} | {ratio} | "
                     f"{r['attach_s_median'] if r['attach_s_median'] is not None else ''} |")
    for name, r in rows.items():
        if "drained" in r:
            d = r["drained"]
            seen = d["file_opens"] + d["file_opens_dropped"]
            lines += ["", f"{name}: its snapshots (every 100 ms while attached) read {d['file_opens']:,} open events "
                          f"and dropped {d['file_opens_dropped']:,} ({d['file_opens_dropped'] / max(seen, 1):.2%}) "
                          f"over {d['snapshots']:,} snapshots (the loop's events and any other process's)."]
    if doc.get("prog_stats"):
        lines += ["", "## Inside the programs (kernel run-time statistics)", "",
                  "ns spent in the configuration's programs per event (one loop with BPF_ENABLE_STATS on, which "
                  "adds two clock reads per program run; the programs that ran at least once per event, their "
                  "whole run time over the loop's events): what the noise above hardly touches. A program on "
                  "raw_syscalls runs for every system call of the machine, the loop's others (close, munmap) and "
                  "other processes' included, hence runs per event above 1; ns per run compares the programs "
                  "themselves.", "",
                  "| workload: configuration | ns in programs per event | programs (runs per event, ns per run) |",
                  "|---|---:|---|"]
        for name, p in doc["prog_stats"].items():
            progs = ", ".join(f"{x['name']} ({x['runs_per_event']}×, {x['ns_per_run']})" for x in p["programs"])
            lines.append(f"| {name} | {p['ns_per_event']:.1f} | {progs} |")
    if doc["failed"]:
        lines += ["", "## Did not load", ""]
        for name, why in doc["failed"].items():
            last = [ln for ln in why.strip().splitlines() if ln.strip()][-3:]
            lines.append(f"- {name}: " + " / ".join(f"`{ln.strip()[:160]}`" for ln in last))
    lines += ["", "## Versions", ""] + [f"- {k}: {v}" for k, v in doc["versions"].items()]
    return "\n".join(lines) + "\n"


def markdown(doc: dict) -> str:
    if "read_cost_runs" in doc:
        return read_cost_markdown(doc)
    rows = doc["rows"]
    lines = [f"# eBPF overhead — {doc['date']}", "",
             f"`{doc['command']}` at `{doc['source']['commit']}`"
             f"{' (core edited)' if doc['source']['core_dirty'] else ''}; {doc['machine']}.", "",
             f"getppid loop: {doc['calls']:,} calls per run, {doc['runs']} runs per attach, {doc['rounds']} rounds "
             f"interleaved. Machine busy {doc['noise']['machine_busy_frac']:.0%}, of which not ours "
             f"{doc['noise']['others_busy_frac']:.0%}.", "",
             "| configuration | hooks | min ns/call | added (min) | median ns/call | added (median) | attach s |",
             "|---|---:|---:|---:|---:|---:|---:|"]
    for name, r in rows.items():
        lines.append(f"| {name} | {r['hooks']} | {r['min_ns']:.1f} | {r['added_min_ns']:+.1f} | {r['median_ns']:.1f} | "
                     f"{r['added_median_ns']:+.1f} | {r['attach_s_median'] if r['attach_s_median'] is not None else ''} |")
    for name, why in doc["failed"].items():
        lines.append(f"| {name} | | did not attach | | | | |")
    lines += ["", "## Against the targets (minima)", ""] + [f"- {v}" for v in verdicts(rows)]
    if doc.get("prog_stats"):
        lines += ["", "## Inside the programs (kernel run-time statistics)", "",
                  "ns spent in the configuration's programs per getppid (sum over its programs on the syscall "
                  "hooks of run_time_ns / run_cnt, one loop with BPF_ENABLE_STATS on):", "",
                  "| configuration | ns in programs per syscall | programs |", "|---|---:|---|"]
        ps = doc["prog_stats"]
        for name, p in ps.items():
            progs = ", ".join(f"{x['name']} {x['ns_per_run']}" for x in p["programs"])
            lines.append(f"| {name} | {p['ns_per_syscall']:.1f} | {progs} |")
        lines += ["", "An empty program reads as the statistics' own cost (two clock reads per run); "
                  "net of the floor on the same hooks:", ""]
        for hook in ("tp_btf", "raw_tp", "tracepoint"):
            for mode, floor in (("count", "enter"), ("full", "enter+exit")):
                ours, fl = ps.get(f"libprobe {hook} {mode}"), ps.get(f"floor {hook} {floor}")
                if ours and fl:
                    net = ours["ns_per_syscall"] - fl["ns_per_syscall"]
                    line = (f"- libprobe {hook} {mode}: {net:+.1f} ns in its programs over the empty ones "
                            f"({'within' if net <= TARGET_NS else 'over'} {TARGET_NS:.0f} ns)")
                    clock = ps.get(f"clock floor {hook} enter+exit") if mode == "full" else None
                    if clock:
                        net_c = ours["ns_per_syscall"] - clock["ns_per_syscall"]
                        line += (f"; {net_c:+.1f} ns over the clock floor's "
                                 f"({'within' if net_c <= TARGET_NS else 'over'} {TARGET_NS:.0f} ns)")
                    lines.append(line)
        for name, p in ps.items():
            if name.startswith(("bcc", "bpftrace", "libbpf-tools", "syscount-style")):
                hooks = len(p["programs"])
                fl = ps.get("floor tracepoint enter+exit" if hooks == 2 else "floor tracepoint enter")
                if fl:
                    lines.append(f"- {name}: {p['ns_per_syscall'] - fl['ns_per_syscall']:+.1f} ns over empty "
                                 f"tracepoint programs on {hooks} hook(s)")
    rc = doc.get("read_cost")
    if rc and "snapshots" in rc:
        ns = [s["domain_ns"] / 1e6 for s in rc["snapshots"]]
        lines += ["", "## Reading every map at many processes", "",
                  f"{rc['procs']} processes waking once a second, every tracer attached, every map read and every process "
                  f"summed (the records hold the top `top_processes`): "
                  f"the ebpf domain took {statistics.median(ns):.2f} ms per snapshot (median; min {min(ns):.2f}, "
                  f"max {max(ns):.2f}; target ≤ 2 ms). Rows: "
                  + ", ".join(f"{s['syscall_processes']} syscall / {s['offcpu_processes']} off-CPU processes"
                              for s in rc["snapshots"][:1]) + "."]
    elif rc:
        lines += ["", f"Read cost failed: {rc}"]
    lines += ["", "## Versions", ""] + [f"- {k}: {v}" for k, v in doc["versions"].items()]
    return "\n".join(lines) + "\n"


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--rounds", type=int, default=7)
    ap.add_argument("--runs", type=int, default=3, help="loop runs per attach")
    ap.add_argument("--calls", type=int, default=1_000_000)
    ap.add_argument("--procs", type=int, default=10_000, help="processes for the read cost")
    ap.add_argument("--only", help="comma-separated name parts of the configurations to run (plus alone)")
    ap.add_argument("--wait-idle", type=float, default=0)
    ap.add_argument("--out", help="OUT base (default <target>/bench/ebpf/ebpf)")
    ap.add_argument("--no-build", action="store_true")
    ap.add_argument("--attach", help="an ebpf_attach already built (any profile: what is measured runs in the "
                    "kernel) instead of building the release one")
    ap.add_argument("--no-peers", action="store_true", help="install no peer from apt")
    ap.add_argument("--no-read-cost", action="store_true")
    ap.add_argument("--no-prog-stats", action="store_true")
    ap.add_argument("--read-cost-only", action="store_true",
                    help="only the read cost (no syscall configurations, no peers)")
    ap.add_argument("--baseline-attach", help="with --read-cost-only: an earlier build's ebpf_attach, run "
                    "alternately with ours")
    ap.add_argument("--read-cost-runs", type=int, default=3, help="with --read-cost-only: runs of each build")
    ap.add_argument("--read-cost-snapshots", type=int, default=8, help="snapshots per read-cost run")
    ap.add_argument("--mem", action="store_true", help="the memory and file tracers beside their peers, per event "
                    "(--only: workloads open,read,fault,mmap; --calls: events per run)")
    args = ap.parse_args()
    if os.geteuid() != 0:
        rp.fail("needs root (it attaches BPF programs)")
    doc = {"date": datetime.date.today().isoformat(), "command": "python3 bench/run_ebpf.py " + " ".join(sys.argv[1:]),
           "source": rp.source_state(), "calls": args.calls, "runs": args.runs, "rounds": args.rounds,
           "machine": f"Linux {platform.release()}, {os.cpu_count()} CPUs"}
    if args.mem:
        doc["uptime_before"] = sh(["uptime"])
        doc.update(run_mem(args))
        doc["uptime_after"] = sh(["uptime"])
    else:
        doc.update(run(args))
    doc["versions"] = {"kernel": platform.release()} if args.read_cost_only else {
                       "kernel": platform.release(), "bpftrace": sh(["bpftrace", "--version"]),
                       "bcc (bpfcc-tools)": sh("dpkg-query -W -f '${Version}' bpfcc-tools"),
                       "libbpf-tools": sh("dpkg-query -W -f '${Version}' libbpf-tools"),
                       "clang": sh(["clang", "--version"])}
    base = Path(args.out) if args.out else rp.target_dir() / "bench" / "ebpf" / "ebpf"
    base.parent.mkdir(parents=True, exist_ok=True)
    base.with_suffix(".json").write_text(json.dumps(doc, indent=1) + "\n")
    md = mem_markdown(doc) if args.mem else markdown(doc)
    base.with_suffix(".md").write_text(md)
    print(md)
    return 0


if __name__ == "__main__":
    sys.exit(main())
