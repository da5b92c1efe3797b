#!/usr/bin/env python3
"""The Go exporter (examples/go/exporter) beside prometheus-node-exporter, in one run.

    python3 bench/run_exporter.py                       # from the repository root
    python3 bench/run_exporter.py --procs 1000 --out bench/results/exporter-1000procs

Steps: fetch Debian's prometheus-node-exporter and unpack it under <target>/tools (not
installed: no service starts), build the exporter against the release library (`make
go-prebuilt`), optionally start the workload (`workload.py --procs N`), then start four
exporters on 127.0.0.1 at once:

  node            prometheus-node-exporter, default collectors
  node+processes  the same with --collector.processes
  libprobe        the exporter's defaults (system, network, gpu, power, storage; no
                  process table, no socket tables)
  libprobe+top    -processes N (the process table read, series for the N busiest)

and measure, as Prometheus scrapes (gzip), in round-robin batches so that drift hits all
alike: exporter CPU per scrape (utime+stime of /proc/PID/stat, and the ns sum of
/proc/PID/task/*/schedstat), scrape latency, RSS after and its high-water mark, series and
families. Then, for every metric both export (CPU seconds, memory, vmstat, disks,
filesystems, network interfaces, pressure, netstat/SNMP, sockstat, conntrack, load,
context switches...), values scraped node → libprobe → node in quick succession must
agree: a counter within [first, second] node reading (plus rounding), a gauge within the
two readings' spread, 1 % or a small absolute slack.

Writes OUT.json and OUT.md (default <target>/bench/exporter) and prints the Markdown.
Stdlib only.
"""
from __future__ import annotations

import argparse
import glob
import gzip
import hashlib
import http.client
import json
import os
import platform
import re
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CLK_TCK = os.sysconf("SC_CLK_TCK")


def log(*a) -> None:
    print(*a, file=sys.stderr, flush=True)


def target_dir() -> Path:
    return Path(os.environ.get("CARGO_TARGET_DIR", ROOT / "target")).resolve()


# ---------------------------------------------------------------- setup
def node_exporter() -> str:
    exe = shutil.which("prometheus-node-exporter") or shutil.which("node_exporter")
    if exe:
        return exe
    tools = target_dir() / "tools"
    exe = tools / "node-exporter" / "usr/bin/prometheus-node-exporter"
    if not exe.exists():
        log("run_exporter: fetching Debian's prometheus-node-exporter (unpacked, not installed)")
        tools.mkdir(parents=True, exist_ok=True)
        for deb in tools.glob("prometheus-node-exporter_*.deb"):
            deb.unlink()
        if subprocess.run(["apt-get", "download", "prometheus-node-exporter"], cwd=tools).returncode != 0:
            subprocess.run(["apt-get", "update", "-qq"], check=True)
            subprocess.run(["apt-get", "download", "prometheus-node-exporter"], cwd=tools, check=True)
        deb = next(tools.glob("prometheus-node-exporter_*.deb"))
        subprocess.run(["dpkg-deb", "-x", str(deb), str(tools / "node-exporter")], check=True)
        deb.unlink()
    return str(exe)


def build_exporter() -> str:
    log("run_exporter: make go-prebuilt (the release library) and go build")
    subprocess.run(["make", "--no-print-directory", "go-prebuilt"], cwd=ROOT, check=True, stdout=sys.stderr)
    lib = next((ROOT / "bindings/go/lib").glob("*/libprobe.a"))
    digest = hashlib.sha256(lib.read_bytes()).hexdigest()[:16]
    out = target_dir() / "release" / "libprobe-exporter"
    env = dict(os.environ, CGO_CFLAGS=f"-O2 -g -DLIBPROBE_LIB={digest}")
    subprocess.run(["go", "build", "-o", str(out), "."], cwd=ROOT / "examples/go/exporter", env=env, check=True)
    return str(out)


def free_port() -> int:
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    port = s.getsockname()[1]
    s.close()
    return port


# ---------------------------------------------------------------- measuring
def proc_cpu_s(pid: int) -> float:
    with open(f"/proc/{pid}/stat") as f:
        data = f.read()
    fields = data[data.rindex(")") + 2:].split()
    return (int(fields[11]) + int(fields[12])) / CLK_TCK


def proc_cpu_ns_tasks(pid: int) -> int:
    total = 0
    for t in glob.glob(f"/proc/{pid}/task/*/schedstat"):
        try:
            with open(t) as f:
                total += int(f.read().split()[0])
        except (OSError, ValueError, IndexError):
            pass
    return total


def proc_status_kib(pid: int, key: str) -> int:
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            if line.startswith(key + ":"):
                return int(line.split()[1])
    return -1


class Exporter:
    def __init__(self, label: str, cmd: list[str], port: int):
        self.label, self.cmd, self.port = label, cmd, port
        self.proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, stdin=subprocess.DEVNULL)
        self.conn: http.client.HTTPConnection | None = None
        self.latency: list[float] = []
        self.cpu_s = 0.0
        self.cpu_ns = 0
        self.scrapes = 0

    def wait_ready(self) -> None:
        t0 = time.time()
        while time.time() - t0 < 30:
            try:
                self.conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=60)
                self.scrape(False)
                return
            except OSError:
                self.conn = None
                time.sleep(0.1)
        raise RuntimeError(f"{self.label} did not answer within 30 s")

    def scrape(self, gz: bool = True) -> str:
        assert self.conn is not None
        self.conn.request("GET", "/metrics", headers={"Accept-Encoding": "gzip"} if gz else {})
        resp = self.conn.getresponse()
        body = resp.read()
        if resp.status != 200:
            raise RuntimeError(f"{self.label}: HTTP {resp.status}")
        if resp.getheader("Content-Encoding") == "gzip":
            body = gzip.decompress(body)
        return body.decode(errors="replace")

    def batch(self, n: int) -> None:
        pid = self.proc.pid
        c0, n0 = proc_cpu_s(pid), proc_cpu_ns_tasks(pid)
        for _ in range(n):
            t = time.perf_counter()
            self.scrape(True)
            self.latency.append(time.perf_counter() - t)
        self.cpu_s += proc_cpu_s(pid) - c0
        self.cpu_ns += proc_cpu_ns_tasks(pid) - n0
        self.scrapes += n

    def stop(self) -> None:
        if self.conn:
            self.conn.close()
        self.proc.send_signal(signal.SIGTERM)
        try:
            self.proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()


# ---------------------------------------------------------------- the text format
SAMPLE = re.compile(r'^([a-zA-Z_:][a-zA-Z0-9_:]*)(\{(.*)\})?\s+(\S+)')
LABEL = re.compile(r'([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\]|\\.)*)"')


def parse(text: str) -> tuple[dict[tuple, float], dict[str, str]]:
    samples, types = {}, {}
    for line in text.splitlines():
        if line.startswith("# TYPE "):
            _, _, name, kind = line.split(maxsplit=3)
            types[name] = kind
            continue
        if not line or line.startswith("#"):
            continue
        m = SAMPLE.match(line)
        if not m:
            continue
        labels = tuple(sorted(LABEL.findall(m.group(3) or "")))
        try:
            samples[(m.group(1), labels)] = float(m.group(4))
        except ValueError:
            pass
    return samples, types


def lab(labels: tuple) -> dict[str, str]:
    return dict(labels)


def pairs(node: dict, lp: dict) -> list[tuple[str, tuple, tuple, str]]:
    """(what, node key, libprobe key, kind) for every series both export."""
    out = []
    lp_names: dict[str, list[tuple]] = {}
    for k in lp:
        lp_names.setdefault(k[0], []).append(k)

    def find(name: str, **want) -> tuple | None:
        for k in lp_names.get(name, []):
            labels = lab(k[1])
            if all(labels.get(a) == b for a, b in want.items()):
                return k
        return None

    def add(what: str, nk: tuple, name: str, kind: str, **want) -> None:
        k = find(name, **want)
        if k:
            out.append((what, nk, k, kind))

    simple = {
        "node_context_switches_total": ("libprobe_system_context_switches_total", "counter"),
        "node_forks_total": ("libprobe_system_forks_total", "counter"),
        "node_intr_total": ("libprobe_system_interrupts_total", "counter"),
        "node_boot_time_seconds": ("libprobe_system_boot_time_seconds", "gauge"),
        "node_procs_running": ("libprobe_system_procs_running", "gauge"),
        "node_procs_blocked": ("libprobe_system_procs_blocked", "gauge"),
        "node_load1": ("libprobe_system_load_load1", "gauge"),
        "node_load5": ("libprobe_system_load_load5", "gauge"),
        "node_load15": ("libprobe_system_load_load15", "gauge"),
        "node_pressure_cpu_waiting_seconds_total": ("libprobe_system_pressure_cpu_some_seconds_total", "counter"),
        "node_pressure_memory_waiting_seconds_total": ("libprobe_system_pressure_memory_some_seconds_total", "counter"),
        "node_pressure_memory_stalled_seconds_total": ("libprobe_system_pressure_memory_full_seconds_total", "counter"),
        "node_pressure_io_waiting_seconds_total": ("libprobe_system_pressure_io_some_seconds_total", "counter"),
        "node_pressure_io_stalled_seconds_total": ("libprobe_system_pressure_io_full_seconds_total", "counter"),
        "node_pressure_irq_stalled_seconds_total": ("libprobe_system_pressure_irq_full_seconds_total", "counter"),
        "node_nf_conntrack_entries": ("libprobe_network_conntrack_stats_entries", "gauge"),
        "node_nf_conntrack_entries_limit": ("libprobe_network_conntrack_stats_max_entries", "gauge"),
        "node_sockstat_sockets_used": ("libprobe_network_socket_stats_sockets_used", "gauge"),
        "node_sockstat_TCP_inuse": ("libprobe_network_socket_stats_tcp_inuse", "gauge"),
        "node_sockstat_TCP_orphan": ("libprobe_network_socket_stats_tcp_orphan", "gauge"),
        "node_sockstat_TCP_tw": ("libprobe_network_socket_stats_tcp_tw", "gauge"),
        "node_sockstat_TCP_alloc": ("libprobe_network_socket_stats_tcp_alloc", "gauge"),
        "node_sockstat_TCP_mem": ("libprobe_network_socket_stats_tcp_mem_pages", "gauge"),
        "node_sockstat_UDP_inuse": ("libprobe_network_socket_stats_udp_inuse", "gauge"),
        "node_sockstat_UDP_mem": ("libprobe_network_socket_stats_udp_mem_pages", "gauge"),
        "node_sockstat_UDPLITE_inuse": ("libprobe_network_socket_stats_udplite_inuse", "gauge"),
        "node_sockstat_RAW_inuse": ("libprobe_network_socket_stats_raw_inuse", "gauge"),
        "node_sockstat_FRAG_inuse": ("libprobe_network_socket_stats_frag_inuse", "gauge"),
        "node_sockstat_FRAG_memory": ("libprobe_network_socket_stats_frag_memory_bytes", "gauge"),
        "node_sockstat_TCP6_inuse": ("libprobe_network_socket_stats_tcp6_inuse", "gauge"),
        "node_sockstat_UDP6_inuse": ("libprobe_network_socket_stats_udp6_inuse", "gauge"),
        "node_sockstat_RAW6_inuse": ("libprobe_network_socket_stats_raw6_inuse", "gauge"),
        "node_sockstat_FRAG6_inuse": ("libprobe_network_socket_stats_frag6_inuse", "gauge"),
        "node_sockstat_FRAG6_memory": ("libprobe_network_socket_stats_frag6_memory_bytes", "gauge"),
        "node_processes_pids": ("libprobe_processes_entries", "gauge"),
    }
    disk = {
        "reads_completed_total": "reads_completed_total", "reads_merged_total": "reads_merged_total",
        "read_bytes_total": "read_bytes_total", "read_time_seconds_total": "read_time_seconds_total",
        "writes_completed_total": "writes_completed_total", "writes_merged_total": "writes_merged_total",
        "written_bytes_total": "write_bytes_total", "write_time_seconds_total": "write_time_seconds_total",
        "io_now": "io_in_progress", "io_time_seconds_total": "io_time_seconds_total",
        "io_time_weighted_seconds_total": "weighted_io_time_seconds_total",
        "discards_completed_total": "discards_completed_total", "discards_merged_total": "discards_merged_total",
        "discarded_sectors_total": "sectors_discarded_total", "discard_time_seconds_total": "discard_time_seconds_total",
        "flush_requests_total": "flushes_completed_total", "flush_requests_time_seconds_total": "flush_time_seconds_total",
    }
    fs = {"size_bytes": "total_bytes", "free_bytes": "free_bytes", "avail_bytes": "available_bytes",
          "files": "inodes_all", "files_free": "inodes_free", "readonly": "read_only"}
    net = {"receive_bytes_total": "rx_bytes_total", "transmit_bytes_total": "tx_bytes_total",
           "receive_packets_total": "rx_packets_total", "transmit_packets_total": "tx_packets_total",
           "receive_errs_total": "rx_errors_total", "transmit_errs_total": "tx_errors_total",
           "receive_drop_total": "rx_dropped_total", "transmit_drop_total": "tx_dropped_total",
           "receive_multicast_total": "multicast_total", "transmit_colls_total": "collisions_total",
           "receive_fifo_total": "rx_fifo_errors_total", "transmit_fifo_total": "tx_fifo_errors_total",
           "receive_frame_total": "rx_frame_errors_total", "receive_compressed_total": "rx_compressed_total",
           "transmit_compressed_total": "tx_compressed_total", "transmit_carrier_total": "tx_carrier_errors_total",
           "mtu_bytes": "mtu", "carrier_changes_total": "carrier_changes_total",
           "carrier_up_changes_total": "carrier_up_count_total", "carrier_down_changes_total": "carrier_down_count_total",
           "transmit_queue_length": "tx_queue_len", "speed_bytes": "speed_bytes_per_second"}
    for nk in node:
        name, labels = nk
        ln = lab(labels)
        kind = "counter" if name.endswith("_total") else "gauge"
        if name in simple:
            add(name, nk, simple[name][0], simple[name][1])
        elif name == "node_cpu_seconds_total":
            add(name, nk, f"libprobe_system_cpus_times_{ln.get('mode')}_seconds_total", "counter", cpu=ln.get("cpu"))
        elif name == "node_cpu_guest_seconds_total":
            mode = "guest" if ln.get("mode") == "user" else "guest_nice"
            add(name, nk, f"libprobe_system_cpus_times_{mode}_seconds_total", "counter", cpu=ln.get("cpu"))
        elif name == "node_cpu_scaling_frequency_hertz":
            add(name, nk, "libprobe_system_cpus_frequency_hertz", "gauge", cpu=ln.get("cpu"))
        elif name.startswith("node_memory_") and name.endswith("_bytes"):
            key = name[len("node_memory_"):-len("_bytes")]
            for k in lp_names.get("libprobe_system_meminfo", []):
                mk = lab(k[1])["key"]
                if re.sub(r"[()]", "_", mk).rstrip("_") == key:
                    out.append((name, nk, k, "gauge"))
        elif name.startswith("node_memory_") and name.endswith("_total"):
            key = name[len("node_memory_"):-len("_total")]
            add(name, nk, "libprobe_system_meminfo", "gauge", key=key)
        elif name.startswith("node_vmstat_"):
            add(name, nk, "libprobe_system_vmstat", "counter", key=name[len("node_vmstat_"):])
        elif name.startswith("node_disk_") and name[len("node_disk_"):] in disk:
            add(name, nk, "libprobe_system_disks_" + disk[name[len("node_disk_"):]], kind, device=ln.get("device"))
        elif name.startswith("node_filesystem_") and name[len("node_filesystem_"):] in fs:
            add(name, nk, "libprobe_system_filesystems_" + fs[name[len("node_filesystem_"):]], "gauge",
                mountpoint=ln.get("mountpoint"))
        elif name.startswith("node_network_") and name[len("node_network_"):] in net:
            suffix = net[name[len("node_network_"):]]
            base = "libprobe_network_interfaces_" if suffix in (
                "mtu", "carrier_changes_total", "carrier_up_count_total", "carrier_down_count_total",
                "tx_queue_len", "speed_bytes_per_second") else "libprobe_network_interfaces_stats_"
            add(name, nk, base + suffix, kind, interface=ln.get("device"))
        elif name.startswith("node_netstat_"):
            rest = name[len("node_netstat_"):]
            table, _, counter = rest.partition("_")
            if table in ("Ip6", "Icmp6", "Udp6", "UdpLite6"):
                add(name, nk, "libprobe_network_snmp6", "gauge", key=table + counter)
            else:
                for lp_name in ("libprobe_network_snmp_counters", "libprobe_network_netstat_counters"):
                    add(name, nk, lp_name, "gauge", table=table, key=counter)
    return out


def agree(kind: str, n1: float, v: float, n2: float) -> bool:
    lo, hi = min(n1, n2), max(n1, n2)
    slack = max(1e-6 * abs(hi), 1e-9)
    if kind == "counter" or hi - lo > 0:
        # Between the two node readings (the scrape skew), with rounding slack (node's
        # CPU seconds come from the same ticks; disk times from ms).
        return lo - max(slack, 0.011) <= v <= hi + max(slack, 0.011) or abs(v - lo) <= 0.01 * max(abs(lo), 1)
    # A gauge that did not move: equal, within 1 % or a small absolute slack.
    return abs(v - lo) <= max(0.01 * abs(lo), 2)


# ---------------------------------------------------------------- main
def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--scrapes", type=int, default=50, help="measured scrapes per exporter (default 50)")
    ap.add_argument("--batch", type=int, default=10, help="scrapes per round-robin batch (default 10)")
    ap.add_argument("--top", type=int, default=10, help="-processes N of the libprobe+top exporter (default 10)")
    ap.add_argument("--procs", type=int, default=0, help="idle workload processes (default 0: the machine as it is)")
    ap.add_argument("--workload", default=os.environ.get("LIBPROBE_BENCH_WORKLOAD", str(ROOT.parent / "shared/bench/workload.py")))
    ap.add_argument("--compare-passes", type=int, default=3)
    ap.add_argument("--out", default=str(target_dir() / "bench" / "exporter"))
    ap.add_argument("--no-build", action="store_true")
    args = ap.parse_args()

    ne = node_exporter()
    ours = str(target_dir() / "release" / "libprobe-exporter") if args.no_build else build_exporter()
    workload = None
    if args.procs:
        if not Path(args.workload).exists():
            sys.exit(f"run_exporter: no workload generator at {args.workload}")
        workload = subprocess.Popen([sys.executable, args.workload, "--procs", str(args.procs), "--seconds", "3600"],
                                    stdout=subprocess.PIPE, stdin=subprocess.DEVNULL, text=True)
        line = workload.stdout.readline()
        if '"ready": true' not in line:
            sys.exit(f"run_exporter: the workload did not start: {line}")
    configs = []
    for label, base in [("node", [ne]), ("node+processes", [ne, "--collector.processes"]),
                        ("libprobe", [ours]), (f"libprobe+top{args.top}", [ours, "-processes", str(args.top)])]:
        port = free_port()
        cmd = base + ([f"--web.listen-address=127.0.0.1:{port}"] if base[0] == ne else ["-listen", f"127.0.0.1:{port}"])
        configs.append(Exporter(label, cmd, port))
    result: dict = {"started": time.strftime("%Y-%m-%d %H:%M:%S"), "host": platform.node(), "cpus": os.cpu_count(),
                    "kernel": platform.release(), "procs_workload": args.procs,
                    "commit": subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True,
                                             text=True).stdout.strip(),
                    "command": " ".join([sys.argv[0]] + sys.argv[1:]),
                    "node_exporter_version": subprocess.run([ne, "--version"], capture_output=True, text=True).stderr.split("\n")[0]
                    or subprocess.run([ne, "--version"], capture_output=True, text=True).stdout.split("\n")[0],
                    "exporters": {}}
    try:
        for e in configs:
            e.wait_ready()
        for e in configs:  # warm-up: rates, caches
            for _ in range(5):
                e.scrape(True)
        load0 = os.getloadavg()
        rounds = max(1, args.scrapes // args.batch)
        for _ in range(rounds):
            for e in configs:
                e.batch(args.batch)
        for e in configs:
            text = e.scrape(False)
            samples, types = parse(text)
            result["exporters"][e.label] = {
                "cmd": " ".join(e.cmd),
                "scrapes": e.scrapes,
                "cpu_ms_per_scrape": e.cpu_s / e.scrapes * 1e3,
                "cpu_ms_per_scrape_schedstat": e.cpu_ns / e.scrapes / 1e6,
                "latency_ms_median": statistics.median(e.latency) * 1e3,
                "rss_mib": proc_status_kib(e.proc.pid, "VmRSS") / 1024,
                "rss_hwm_mib": proc_status_kib(e.proc.pid, "VmHWM") / 1024,
                "series": len(samples),
                "families": len(types),
            }
        result["loadavg_during"] = [load0, os.getloadavg()]

        # Agreement: node → libprobe → node, for the defaults and the process configs.
        checks = []
        for (n, l) in [(configs[0], configs[2]), (configs[1], configs[3])]:
            for _ in range(args.compare_passes):
                n1, _ = parse(n.scrape(False))
                lp, lp_types = parse(l.scrape(False))
                n2, _ = parse(n.scrape(False))
                for what, nk, lk, kind in pairs(n1, lp):
                    if nk not in n2:
                        continue
                    ok = agree(kind, n1[nk], lp[lk], n2[nk])
                    checks.append({"node": what, "node_labels": dict(nk[1]), "libprobe": lk[0],
                                   "libprobe_labels": dict(lk[1]), "node_values": [n1[nk], n2[nk]],
                                   "libprobe_value": lp[lk], "ok": ok})
        by_metric: dict[str, list[bool]] = {}
        for c in checks:
            by_metric.setdefault(c["node"], []).append(c["ok"])
        result["agreement"] = {
            "series_compared": len(checks),
            "series_agreeing": sum(c["ok"] for c in checks),
            "node_metrics_compared": len(by_metric),
            "disagreements": [c for c in checks if not c["ok"]][:50],
            "metrics": {k: f"{sum(v)}/{len(v)}" for k, v in sorted(by_metric.items())},
        }
    finally:
        for e in configs:
            e.stop()
        if workload:
            workload.send_signal(signal.SIGTERM)
            try:
                workload.wait(timeout=30)
            except subprocess.TimeoutExpired:
                workload.kill()

    md = report(result)
    out = Path(args.out)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.with_suffix(".json").write_text(json.dumps(result, indent=2) + "\n")
    out.with_suffix(".md").write_text(md)
    print(md)


def report(r: dict) -> str:
    ex = r["exporters"]
    node, nodep = ex["node"], ex["node+processes"]
    lp = ex["libprobe"]
    top = next(v for k, v in ex.items() if k.startswith("libprobe+top"))
    top_label = next(k for k in ex if k.startswith("libprobe+top"))
    lines = [
        f"# The exporter beside prometheus-node-exporter ({r['started']})",
        "",
        f"Command: `{r['command']}` at commit `{r['commit']}`; {r['cpus']} CPUs, kernel {r['kernel']}, "
        f"workload: {r['procs_workload']} idle processes; {r['node_exporter_version']}. Load average before and "
        f"after the measured scrapes: {r['loadavg_during'][0][0]:.2f} → {r['loadavg_during'][1][0]:.2f} "
        "(the machine is shared: compare within this run).",
        "",
        "| exporter | CPU ms / scrape (stat) | CPU ms / scrape (schedstat) | latency ms (median) | series | families | RSS MiB | RSS high-water MiB |",
        "|---|---|---|---|---|---|---|---|",
    ]
    for k, v in ex.items():
        lines.append(f"| {k} | {v['cpu_ms_per_scrape']:.2f} | {v['cpu_ms_per_scrape_schedstat']:.2f} | "
                     f"{v['latency_ms_median']:.1f} | {v['series']} | {v['families']} | {v['rss_mib']:.1f} | "
                     f"{v['rss_hwm_mib']:.1f} |")
    ratio = lambda a, b, key: a[key] / b[key] if b[key] else float("nan")  # noqa: E731
    a = r["agreement"]
    lines += [
        "",
        "Targets (issue 16): with the domains node_exporter covers, ≥ 2× its series at ≤ 0.5× its CPU per scrape; "
        "with processes on, ≤ 0.5× node_exporter with `--collector.processes`.",
        "",
        f"- libprobe / node: series **{ratio(lp, node, 'series'):.2f}×**, CPU per scrape "
        f"**{ratio(lp, node, 'cpu_ms_per_scrape_schedstat'):.2f}×** (schedstat; {ratio(lp, node, 'cpu_ms_per_scrape'):.2f}× by stat ticks)",
        f"- {top_label} / node+processes: CPU per scrape **{ratio(top, nodep, 'cpu_ms_per_scrape_schedstat'):.2f}×** "
        f"(schedstat; {ratio(top, nodep, 'cpu_ms_per_scrape'):.2f}× by stat ticks), series {ratio(top, nodep, 'series'):.2f}×",
        "",
        f"Agreement, node → libprobe → node scraped in a row, {r.get('agreement', {}).get('series_compared', 0)} series of "
        f"{a['node_metrics_compared']} node_exporter metrics that libprobe also exports: **{a['series_agreeing']} agree** "
        "(a counter between the two node readings, a gauge within their spread or 1 %).",
        "",
        "| node_exporter metric | series agreeing / compared |",
        "|---|---|",
    ]
    for k, v in a["metrics"].items():
        lines.append(f"| `{k}` | {v} |")
    if a["disagreements"]:
        lines += ["", "Disagreements (first 50):", ""]
        for c in a["disagreements"]:
            lines.append(f"- `{c['node']}{c['node_labels']}` {c['node_values']} vs `{c['libprobe']}{c['libprobe_labels']}` "
                         f"{c['libprobe_value']}")
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    main()
