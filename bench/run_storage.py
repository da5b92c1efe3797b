#!/usr/bin/env python3
"""Storage benchmark: libprobe's SMART, LVM and Btrfs reads beside the tools people run for
them, each as a whole process, in one run.

    sudo python3 bench/run_storage.py                    # from the repository root
    sudo python3 bench/run_storage.py --runs 21 --out bench/results/storage-DATE

Needs root (loop devices), btrfs-progs, lvm2 and smartmontools (`make bench-storage`
installs what is missing). Sets up, on loop devices: a volume group of two 64 MiB PVs
written by the LVM tools with activation off (linear, striped, thin pool and thin volume,
as tests/fixtures/capture_storage.py builds them) plus an orphan PV; a two-device Btrfs
with 20 MiB written, mounted. Everything is torn down at the end.

| work | libprobe | tool |
|---|---|---|
| SMART, one NVMe device | `libprobe_storage smart --fixture tests/fixtures/storage-smart --disks nvme0` | `smartctl -a -j -d nvme /dev/loopN` |
| SMART, one ATA device | `libprobe_storage smart … --disks sda` | `smartctl -a -j -d sat /dev/loopN` |
| LVM report | `libprobe_storage lvm --disks <the 3 PVs>` | `vgs`, `lvs -a`, `pvs` with `--reportformat json --units b --devices <the 3 PVs>` (three processes, summed) |
| Btrfs | `libprobe_storage btrfs` | `btrfs filesystem usage -b MNT` |

smartctl cannot replay captured bytes, so SMART is compared per device on paths that do
no device I/O on either side: libprobe reads the fixture's captured answers (the decoding
and every field are the same as live), smartctl opens a loop device and is refused at its
first pass-through ioctl (its start-up — option parsing, the drive database — is what it
pays per device before any I/O). Every anchor runs fresh through `bench_exec` (wall and
user+sys CPU of the whole process), interleaved round-robin after a warm-up pass;
libprobe's anchors also time the collection call alone (inner). Target (issue 12): at most
0.1× each tool as a process — an agent calls libprobe in its own process where it would
start the tool, so the ratio judged is libprobe's collection call (inner, the first in a
fresh process) over the tool's whole process; process-against-process ratios and the cost
of starting any process (`/bin/true`, `libprobe_storage --repeat 0`) are reported beside.

Writes OUT.json and OUT.md and prints the Markdown. Stdlib only.
"""
from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import run_procs as rp  # noqa: E402  (shared helpers: build dirs, logging, source state)

ROOT = rp.ROOT
FIXTURE = ROOT / "tests" / "fixtures" / "storage-smart"
sys.path.insert(0, str(ROOT / "tests" / "fixtures"))
import capture_storage as cap  # noqa: E402  (the thin-pool metadata edit)

LVM_CFG = ["--config", "global{activation=0}"]
TARGET = 0.1


def sh(*cmd: str) -> str:
    r = subprocess.run(cmd, capture_output=True, text=True)
    if r.returncode != 0:
        rp.fail(f"`{' '.join(cmd)}` failed: {r.stderr.strip()[-400:]}")
    return r.stdout


class Lab:
    """Loop devices, a volume group and a mounted Btrfs; undone on exit."""

    def __init__(self) -> None:
        self.dir = tempfile.mkdtemp(prefix="lp-bench-storage-")
        self.loops: list[str] = []
        self.mnt = os.path.join(self.dir, "mnt")
        self.vg = f"lp_bench_{os.getpid()}"
        self.vg_made = False

    def loop(self, mib: int) -> str:
        path = os.path.join(self.dir, f"disk{len(self.loops)}")
        with open(path, "wb") as f:
            f.truncate(mib << 20)
        dev = sh("losetup", "-f", "--show", path).strip()
        self.loops.append(dev)
        return dev

    def __enter__(self) -> "Lab":
        try:
            self.pvs = [self.loop(64), self.loop(64), self.loop(16)]
            b1, b2 = self.loop(300), self.loop(300)
            dev_args = [a for d in self.pvs for a in ("--devices", d)]
            self.dev_args = dev_args
            sh("pvcreate", *LVM_CFG, *dev_args, *self.pvs)
            sh("vgcreate", *LVM_CFG, *dev_args, "-s", "1M", self.vg, self.pvs[0], self.pvs[1])
            self.vg_made = True
            for extra in (["-L", "8M", "-n", "lin"], ["-i2", "-I64k", "-L", "8M", "-n", "stripe"],
                          ["-L", "16M", "-n", "pool"], ["-L", "4M", "-n", "pool_meta"]):
                sh("lvcreate", *LVM_CFG, *dev_args, "-an", "-Zn", *extra, self.vg)
            backup = os.path.join(self.dir, "vg.txt")
            sh("vgcfgbackup", *LVM_CFG, *dev_args, "-f", backup, self.vg)
            Path(backup).write_text(cap.thin_pool(Path(backup).read_text()))
            sh("vgcfgrestore", *LVM_CFG, *dev_args, "--force", "-f", backup, self.vg)
            sh("mkfs.btrfs", "-q", "-f", "-d", "raid0", "-m", "raid1", b1, b2)
            os.makedirs(self.mnt)
            sh("mount", b1, self.mnt)
            with open(os.path.join(self.mnt, "data"), "wb") as f:
                f.write(os.urandom(20 << 20))
            sh("sync")
            self.smart_dev = self.loop(16)
            return self
        except BaseException:
            self.__exit__()
            raise

    def __exit__(self, *exc) -> None:
        subprocess.run(["umount", self.mnt], capture_output=True)
        if self.vg_made:
            subprocess.run(["vgremove", *LVM_CFG, *self.dev_args, "-f", self.vg], capture_output=True)
        for d in reversed(self.loops):
            subprocess.run(["losetup", "-d", d], capture_output=True)
        shutil.rmtree(self.dir, ignore_errors=True)


def run_once(launcher: Path, cmd: list[str]) -> dict:
    """One whole-process run through bench_exec (any exit status: smartctl's refusal exits 2)."""
    fd, path = tempfile.mkstemp(prefix="bench-exec-", suffix=".json")
    os.close(fd)
    try:
        r = subprocess.run([str(launcher), path] + cmd, capture_output=True, text=True, timeout=120)
        ru = json.loads(Path(path).read_text())
    finally:
        os.unlink(path)
    lib = cmd[0].endswith("libprobe_storage") and "--repeat" not in cmd
    out = rp.last_json(r.stdout) if lib else {}
    if lib and (r.returncode != 0 or not out):
        rp.fail(f"{' '.join(cmd)} failed: {r.stderr[-400:]}")
    return {"wall_s": ru["wall_ns"] / 1e9, "cpu_s": (ru["user_us"] + ru["sys_us"]) / 1e6,
            "status": r.returncode, "inner_s": out.get("inner_s"), "inner_cpu_s": out.get("inner_cpu_s"),
            "rows": out.get("rows")}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--runs", type=int, default=21)
    ap.add_argument("--out", default=None)
    ap.add_argument("--no-build", action="store_true")
    args = ap.parse_args(argv)
    if os.geteuid() != 0:
        rp.fail("needs root (loop devices)")
    for tool in ("smartctl", "vgs", "btrfs", "losetup"):
        if not shutil.which(tool):
            rp.fail(f"`{tool}` is missing (make bench-storage installs it)")
    bindir = rp.target_dir() / "release"
    if not args.no_build:
        rp.log(f"building libprobe_storage and bench_exec (release) into {bindir} ...")
        r = subprocess.run(["cargo", "build", "--release", "-q", "-p", "libprobe-bench", "--bin", "libprobe_storage",
                            "--bin", "bench_exec"], cwd=ROOT)
        if r.returncode != 0:
            rp.fail("cargo build failed")
    lp, launcher = str(bindir / "libprobe_storage"), bindir / "bench_exec"

    with Lab() as lab:
        names = ",".join(os.path.basename(d) for d in lab.pvs)
        tools_lvm = [["vgs", *LVM_CFG, *lab.dev_args, "--reportformat", "json", "--units", "b"],
                     ["lvs", *LVM_CFG, *lab.dev_args, "-a", "--reportformat", "json", "--units", "b"],
                     ["pvs", *LVM_CFG, *lab.dev_args, "--reportformat", "json", "--units", "b"]]
        anchors: dict[str, list[list[str]]] = {
            "libprobe smart nvme0": [[lp, "smart", "--fixture", str(FIXTURE), "--disks", "nvme0"]],
            "smartctl -a -j -d nvme": [["smartctl", "-a", "-j", "-d", "nvme", lab.smart_dev]],
            "libprobe smart sda": [[lp, "smart", "--fixture", str(FIXTURE), "--disks", "sda"]],
            "smartctl -a -j -d sat": [["smartctl", "-a", "-j", "-d", "sat", lab.smart_dev]],
            "libprobe lvm": [[lp, "lvm", "--disks", names]],
            "vgs+lvs+pvs": tools_lvm,
            "libprobe btrfs": [[lp, "btrfs"]],
            "btrfs filesystem usage -b": [["btrfs", "filesystem", "usage", "-b", lab.mnt]],
            # What starting a process costs here, for reading the process-level ratios.
            "floor: /bin/true": [["/bin/true"]],
            "floor: libprobe_storage --repeat 0": [[lp, "smart", "--repeat", "0"]],
        }
        samples: dict[str, list[dict]] = {k: [] for k in anchors}
        for rnd in range(args.runs + 1):
            for name, cmds in anchors.items():
                runs = [run_once(launcher, c) for c in cmds]
                s = {"wall_s": sum(r["wall_s"] for r in runs), "cpu_s": sum(r["cpu_s"] for r in runs),
                     "inner_s": runs[0]["inner_s"], "inner_cpu_s": runs[0]["inner_cpu_s"], "rows": runs[0]["rows"]}
                if rnd > 0:  # the first round warms caches
                    samples[name].append(s)
        # The steady state of a running agent: 20 collections in one process.
        steady = {}
        for name in ("libprobe smart nvme0", "libprobe smart sda", "libprobe lvm", "libprobe btrfs"):
            out = rp.last_json(sh(*anchors[name][0], "--repeat", "20"))
            steady[name] = statistics.median(out["iters_s"][1:])

    med = lambda n, k: statistics.median([s[k] for s in samples[n] if s[k] is not None]) if samples[n] and samples[n][0][k] is not None else None  # noqa: E731
    pairs = [("libprobe smart nvme0", "smartctl -a -j -d nvme"), ("libprobe smart sda", "smartctl -a -j -d sat"),
             ("libprobe lvm", "vgs+lvs+pvs"), ("libprobe btrfs", "btrfs filesystem usage -b")]
    doc = {"date": time.strftime("%Y-%m-%d"), "runs": args.runs, "source": rp.source_state(),
           "machine": {"cpus": os.cpu_count(), "kernel": os.uname().release},
           "tools": {"smartctl": sh("smartctl", "--version").splitlines()[0],
                     "lvm": sh("lvm", "version").splitlines()[0].strip(),
                     "btrfs": sh("btrfs", "--version").strip()},
           "anchors": {n: {"wall_ms": med(n, "wall_s") * 1e3, "cpu_ms": med(n, "cpu_s") * 1e3,
                           "inner_ms": (med(n, "inner_s") or 0) * 1e3 if n.startswith("libprobe") else None,
                           "inner_cpu_ms": (med(n, "inner_cpu_s") or 0) * 1e3 if n.startswith("libprobe") else None,
                           "steady_ms": steady.get(n, 0) * 1e3 if n in steady else None,
                           "rows": samples[n][0]["rows"]} for n in anchors},
           "ratios": []}
    for a, b in pairs:
        wa, wb = doc["anchors"][a]["wall_ms"], doc["anchors"][b]["wall_ms"]
        ca, cb = doc["anchors"][a]["cpu_ms"], doc["anchors"][b]["cpu_ms"]
        ia, ica = doc["anchors"][a]["inner_ms"], doc["anchors"][a]["inner_cpu_ms"]
        # An agent calls libprobe in its own process, where it would otherwise start the tool:
        # the library call against the tool's whole process is the comparison the target is
        # about; process against process is given too (start-up costs dominate both).
        doc["ratios"].append({"libprobe": a, "tool": b, "call_vs_process": ia / wb,
                              "call_cpu_vs_process_cpu": ica / cb if cb else None, "wall": wa / wb,
                              "cpu": ca / cb if cb else None, "met": ia / wb <= TARGET})
    md = markdown(doc)
    print(md)
    if args.out:
        Path(args.out + ".json").write_text(json.dumps(doc, indent=1) + "\n")
        Path(args.out + ".md").write_text(md)
    return 0


def markdown(doc: dict) -> str:
    src = doc["source"]
    lines = [f"# Storage benchmark, {doc['date']}", "",
             f"`sudo python3 bench/run_storage.py --runs {doc['runs']}` at commit {src['commit']}"
             f"{' (core edited)' if src['core_dirty'] else ''}, {doc['machine']['cpus']} CPUs, "
             f"Linux {doc['machine']['kernel']}; {doc['tools']['smartctl']}; {doc['tools']['lvm']}; "
             f"{doc['tools']['btrfs']}. Medians of {doc['runs']} interleaved runs, whole processes.", "",
             "| anchor | wall ms | CPU ms | inner ms | inner CPU ms | steady ms | rows |",
             "|---|---:|---:|---:|---:|---:|---:|"]
    f = lambda v: "–" if v is None else f"{v:.2f}"  # noqa: E731
    for n, a in doc["anchors"].items():
        lines.append(f"| {n} | {f(a['wall_ms'])} | {f(a['cpu_ms'])} | {f(a['inner_ms'])} | {f(a['inner_cpu_ms'])} | "
                     f"{f(a['steady_ms'])} | "
                     f"{a['rows'] if a['rows'] is not None else '–'} |")
    lines += ["", f"| libprobe | tool | call / tool process, wall | call / tool process, CPU | "
              f"process / process, wall | process / process, CPU | call ≤ {TARGET}× |",
              "|---|---|---:|---:|---:|---:|---|"]
    g = lambda v: "–" if v is None else f"{v:.3f}"  # noqa: E731
    for r in doc["ratios"]:
        lines.append(f"| {r['libprobe']} | {r['tool']} | {g(r['call_vs_process'])} | {g(r['call_cpu_vs_process_cpu'])} | "
                     f"{g(r['wall'])} | {g(r['cpu'])} | {'yes' if r['met'] else 'no'} |")
    lines += ["", "inner: the collection call alone, the first in a fresh process; steady: the median of 19 "
              "further collections in one process (a running agent). The floors are what starting a "
              "process costs on this machine: a whole `libprobe_storage` process is mostly that. SMART on "
              "both sides does no device I/O (see the script's header)."]
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    sys.exit(main())
