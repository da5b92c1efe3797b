"""The shape of the Python API: classes per record type, read-only attributes, options,
the GIL released while collecting."""
from __future__ import annotations

import json
import os
import pathlib
import subprocess
import sys
import textwrap
import threading

import pytest

import libprobe


def test_snapshot_of_this_machine() -> None:
    snap = libprobe.Probe().snapshot()
    assert isinstance(snap, libprobe.Snapshot) and isinstance(snap, libprobe.Record)
    assert snap.libprobe_version == libprobe.VERSION == libprobe.__version__
    assert [d.domain for d in snap.domains] == list(libprobe.DOMAINS)
    procs = snap.processes
    assert procs and all(isinstance(p, libprobe.ProcessFull) for p in procs)
    me = next(p for p in procs if p.pid == os.getpid())
    assert me.ppid == os.getppid() and me.memory_rss > 0
    assert isinstance(snap.system, libprobe.System)
    assert snap.system.memory is None or snap.system.memory.total > 0


def test_fields_carry_their_unit_and_metric() -> None:
    user = libprobe.CpuTimes.__dict__["user"]
    assert (user.unit, user.metric) == ("ticks", "counter")
    total = libprobe.Memory.__dict__["total"]
    assert (total.unit, total.metric) == ("bytes", "gauge")
    assert "counter" in (user.__doc__ or "")


def test_attributes_are_cached_and_read_only() -> None:
    snap = libprobe.Probe(domains="process", process={"pids": [os.getpid()]}).snapshot()
    p = snap.processes[0]
    assert snap.processes is snap.processes
    assert p.limits is p.limits
    with pytest.raises(AttributeError):
        p.pid = 1
    with pytest.raises(AttributeError):
        del p.name
    with pytest.raises(AttributeError):
        p.not_a_field  # noqa: B018
    with pytest.raises(AttributeError):
        p.reason_of("not_a_field")
    assert "memory_rss" in dir(p)
    assert "Resident set size" in (type(p).memory_rss.__doc__ or "")
    assert repr(p).startswith("<ProcessFull pid=")


def test_records_come_only_from_snapshots() -> None:
    with pytest.raises(TypeError):
        libprobe.ProcessFull()
    with pytest.raises(TypeError):
        libprobe.Record()


def test_a_record_outlives_its_snapshot() -> None:
    p = libprobe.Probe(domains="process", process={"pids": [os.getpid()]}).snapshot().processes[0]
    import gc
    gc.collect()
    assert p.pid == os.getpid() and p.limits is not None and p.limits.max_open_files.soft > 0


def test_domains_option() -> None:
    assert libprobe.Probe(domains="process,system").domains == ("system", "process")
    assert libprobe.Probe(domains=["process"]).domains == ("process",)
    assert libprobe.Probe(domains=[]).domains == ()
    assert libprobe.Probe(domains="all").domains == libprobe.DOMAINS
    assert "ebpf" not in libprobe.Probe().domains
    snap = libprobe.Probe(domains=["system"]).snapshot()
    assert snap.processes is None and snap.reason_of("processes") == "disabled"
    status = {d.domain: d for d in snap.domains}
    assert status["process"].state == "skipped" and status["process"].reason == "disabled"


def test_process_options() -> None:
    me = os.getpid()
    plain = libprobe.Probe(domains="process", process={"pids": [me]}).snapshot().processes[0]
    assert plain.open_files is None and plain.reason_of("open_files") == "disabled"
    assert plain.environ is None and plain.reason_of("environ") == "disabled"
    full = libprobe.Probe(domains="process", process=dict(pids=[me], fds=True, environ=True, maps=True,
                                                          smaps_rollup=True)).snapshot().processes[0]
    assert full.open_files is not None and full.maps and full.memory_pss is not None
    assert full.environ is not None and full.environ.get("PATH") == os.environ.get("PATH")
    two = [p.pid for p in libprobe.Probe(domains="process", process={"threads": 2}).snapshot().processes or []]
    assert me in two and two == sorted(set(two)), "two readers: each process once, in pid order"
    none = libprobe.Probe(domains="process", process={"pids": [me], "cgroup_limits": False}).snapshot().processes[0]
    assert none.cgroup_limits is None and none.reason_of("cgroup_limits") == "disabled"


def test_roots_and_fixture_option(tmp_path: "os.PathLike[str]") -> None:
    from conftest import FIXTURES
    root = FIXTURES / "cgroup-v2-container"
    a = libprobe.Probe(fixture=root).snapshot()
    b = libprobe.Probe(fixture=str(root)).snapshot()
    pids = [p["pid"] for p in json.loads((FIXTURES / "cgroup-v2-container.json").read_text())["processes"]]
    assert [p.pid for p in a.processes] == [p.pid for p in b.processes] == pids
    c = libprobe.Probe(procfs=root / "proc", sysfs=root / "sys", domains="process").snapshot()
    assert [p.pid for p in c.processes] == pids


def test_missing_root_fails_the_domain_not_the_call(tmp_path: "os.PathLike[str]") -> None:
    snap = libprobe.Probe(procfs=os.path.join(tmp_path, "nope"), domains="process").snapshot()
    status = next(d for d in snap.domains if d.domain == "process")
    assert status.state == "failed" and status.error and "nope" in status.error
    assert snap.processes is None and snap.reason_of("processes") == status.reason


def test_threads_share_a_probe() -> None:
    probe = libprobe.Probe(domains="process", process={"pids": [os.getpid()]})
    out: list[int] = []

    def work() -> None:
        for _ in range(50):
            out.append(probe.snapshot().processes[0].pid)
    ts = [threading.Thread(target=work) for _ in range(4)]
    for t in ts:
        t.start()
    for t in ts:
        t.join()
    assert out == [os.getpid()] * 200


def test_the_gil_is_released_while_collecting(tmp_path: "os.PathLike[str]") -> None:
    # A fixture whose one mount's statvfs stalls (3 s): the snapshot waits on it for its
    # 1 s deadline. (A FIFO no longer blocks a read: files are opened non-blocking.) Were
    # the GIL held meanwhile, this thread could not run: its loop would show a gap as
    # long as the wait.
    root = str(tmp_path)
    os.makedirs(os.path.join(root, "proc/self"))
    with open(os.path.join(root, "proc/stat"), "w") as f:
        f.write("cpu  1 2 3 4 5 6 7 8 0 0\nbtime 1\n")
    with open(os.path.join(root, "proc/self/mountinfo"), "w") as f:
        f.write("1 0 0:50 / /mnt/stuck rw - fuse fuse rw\n")
    with open(os.path.join(root, "syscalls.txt"), "w") as f:
        f.write("statvfs_stall /mnt/stuck 3000\n")
    code = textwrap.dedent(f"""
        import threading, time, libprobe
        probe = libprobe.Probe(fixture={root!r}, domains="system")
        done = []
        t = threading.Thread(target=lambda: done.append(probe.snapshot()))
        t0 = time.monotonic()
        t.start()
        last, gap = t0, 0.0
        while t.is_alive() and time.monotonic() - t0 < 20:
            now = time.monotonic()
            gap, last = max(gap, now - last), now
        took = time.monotonic() - t0
        assert done, "no snapshot"
        assert took > 0.9, f"the snapshot did not wait on the mount ({{took:.2f}} s)"
        assert gap < 0.5, f"this thread stalled {{gap:.2f}} s while collecting: the GIL was held"
        fs = done[0].system.filesystems[0]
        assert fs.total_bytes is None and fs.reason_of("total_bytes") == "timed_out"
        print("ok")
    """)
    r = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=30)
    assert r.returncode == 0 and r.stdout.strip() == "ok", r.stderr


def test_network_options() -> None:
    snap = libprobe.Probe(domains="network", network={"sockets": "tcp", "interfaces": False}).snapshot()
    net = snap.network
    assert isinstance(net, libprobe.Network)
    assert isinstance(net.tcp, list)
    assert net.udp is None and net.reason_of("udp") == "disabled"
    assert net.interfaces is None and net.reason_of("interfaces") == "disabled"
    tables = libprobe.Probe(domains="network", network={"sockets": ["tcp", "unix"]}).snapshot().network
    assert tables is not None and tables.unix_sockets is not None
    own = libprobe.Probe(domains="network", network={"netns": "/proc/self/ns/net"}).snapshot().network
    assert own is not None and own.namespace.inode == os.stat("/proc/self/ns/net").st_ino
    with pytest.raises(libprobe.InvalidArgumentError, match="network.sockets.*unknown name `bogus`"):
        libprobe.Probe(network={"sockets": "tcp,bogus"})
    with pytest.raises(TypeError, match="network.netns"):
        libprobe.Probe(network={"netns": 1.5})  # type: ignore[typeddict-item]


def test_every_option_of_the_schema_reaches_the_core() -> None:
    """The parity test of this face: each option of the core's schema, set through its
    domain's mapping with a Python value of its kind, is what the core then holds."""
    def native(o: "dict[str, object]") -> object:
        text = str(o["sample"])
        kind = o["kind"]
        if kind == "bool":
            return text == "true"
        if kind == "uint":
            return int(text)
        if kind == "names" or kind == "words":
            return [n for n in text.split(",") if n]
        if kind == "pids":
            return None if text == "all" else [int(p) for p in text.split(",") if p]
        if kind == "path":
            return pathlib.Path(text) if text else None
        if kind == "namespace":
            return int(text) if text.isdigit() else text
        return text
    assert [o["key"] for o in libprobe.OPTIONS][0] == "domains"
    for o in libprobe.OPTIONS:
        if o["domain"] is None:
            probe = libprobe.Probe(domains=native(o))  # type: ignore[arg-type]
        else:
            probe = libprobe.Probe(**{o["domain"]: {o["name"]: native(o)}})  # type: ignore[arg-type]
        assert probe.get_option(o["key"]) == o["sample"], o["key"]
        assert o["default"] != o["sample"], o["key"]
    assert libprobe.Probe().get_option("network.owners") == "true"
    with pytest.raises(TypeError, match="unknown option `process.smaps_rolup`"):
        libprobe.Probe(process={"smaps_rolup": True})  # type: ignore[typeddict-unknown-key]
    with pytest.raises(TypeError, match="unknown option `proces`"):
        libprobe.Probe(proces={"fds": True})  # type: ignore[call-arg]
    with pytest.raises(TypeError, match="unknown option `bogus.key`"):
        libprobe.Probe().get_option("bogus.key")
