"""Probes, snapshots and records created and dropped in loops of 10 000 leave RSS flat."""
from __future__ import annotations

import gc
import os

import libprobe
from conftest import FIXTURES

ITERATIONS = 10_000
WARMUP = 1_000
# Allocator noise on a 64-bit machine; a leak of one record per iteration would exceed it.
SLACK = 4 << 20


def rss() -> int:
    with open("/proc/self/status") as f:
        for line in f:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) * 1024
    raise AssertionError("no VmRSS")


def flat(step, name: str) -> None:  # type: ignore[no-untyped-def]
    for i in range(WARMUP):
        step(i)
    gc.collect()
    before = rss()
    for i in range(ITERATIONS):
        step(i)
    gc.collect()
    after = rss()
    print(f"{name}: RSS {before / 2**20:.1f} MiB -> {after / 2**20:.1f} MiB over {ITERATIONS} iterations "
          f"({(after - before) / 1024:+.0f} KiB)")
    assert after - before < SLACK, f"{name}: RSS grew by {(after - before) / 2**20:.1f} MiB"


def test_new_probe_and_snapshot_each_iteration() -> None:
    me = [os.getpid()]

    def step(i: int) -> None:
        snap = libprobe.Probe(domains="process", process={"pids": me, "fds": True}).snapshot()
        p = snap.processes[0]
        assert p.pid == me[0] and p.limits is not None and p.open_files is not None
        if i % 100 == 0:
            p.to_dict()
    flat(step, "new Probe + snapshot")


def test_one_probe_many_snapshots_of_a_fixture() -> None:
    probe = libprobe.Probe(fixture=FIXTURES / "adversarial-names", process={"environ": True, "fds": True, "maps": True})

    def step(i: int) -> None:
        snap = probe.snapshot()
        for p in snap.processes:
            _ = (p.name, p.cmdline, p.environ, p.unavailable, p.limits)
        if i % 50 == 0:
            snap.to_json()
    flat(step, "fixture snapshots")


def test_records_kept_beyond_their_snapshot() -> None:
    probe = libprobe.Probe(domains="process", process={"pids": [os.getpid()]})
    kept: list[object] = []

    def step(i: int) -> None:
        kept.append(probe.snapshot().processes[0].limits)
        if len(kept) > 100:
            kept.clear()
    flat(step, "records outliving snapshots")
