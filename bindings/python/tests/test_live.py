"""Live: a child started with known properties is found with the right fields."""
from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator

import pytest

import libprobe

CHILD = r"""
import os, sys, time
with open("/proc/self/comm", "w") as f:
    f.write("lp-py-child")
os.nice(5)
f = open(sys.argv[1], "w+")
f.write("x" * 20000)
f.seek(12345)
sys.stdout.write("ready\n")
sys.stdout.flush()
end = time.time() + 0.4
while time.time() < end:
    pass
time.sleep(60)
"""


@pytest.fixture
def child() -> Iterator[tuple[subprocess.Popen[bytes], str, str]]:
    tmp = tempfile.mkdtemp(prefix="libprobe-py-live-")
    data = os.path.join(tmp, "data.txt")
    env = dict(os.environ, LIBPROBE_TEST_MARK="marked \u00e9")
    argv = [sys.executable, "-c", CHILD, data, "arg with space"]
    proc = subprocess.Popen(argv + [os.fsdecode(b"bad\xffbyte")], cwd=tmp, env=env, stdout=subprocess.PIPE)
    assert proc.stdout is not None and proc.stdout.readline() == b"ready\n"
    try:
        yield proc, tmp, data
    finally:
        proc.kill()
        proc.wait()
        os.unlink(data)
        os.rmdir(tmp)


def test_child_is_found_with_the_right_fields(child: tuple[subprocess.Popen[bytes], str, str]) -> None:
    proc, tmp, data = child
    probe = libprobe.Probe(process={"pids": [proc.pid], "fds": True, "environ": True, "maps": True})
    first = probe.snapshot()
    time.sleep(0.2)
    snap = probe.snapshot()
    assert len(snap.processes) == 1
    p = snap.processes[0]
    assert (p.pid, p.ppid, p.tgid) == (proc.pid, os.getpid(), proc.pid)
    assert p.name == "lp-py-child"
    assert p.cmdline == [sys.executable, "-c", CHILD, data, "arg with space", "bad\udcffbyte"]
    assert p.cmdline[-1].encode("utf-8", "surrogateescape") == b"bad\xffbyte"
    assert p.exe == os.path.realpath(sys.executable)
    assert p.cwd == tmp and p.root == "/"
    assert p.nice == 5 and p.num_threads == 1
    assert (p.uid_real, p.uid_effective, p.gid_real) == (os.getuid(), os.geteuid(), os.getgid())
    assert p.environ is not None and p.environ["LIBPROBE_TEST_MARK"] == "marked \u00e9"
    assert p.state in ("running", "sleeping")
    assert p.memory_rss > 1 << 20 and p.memory_vms >= p.memory_rss
    assert abs(p.start_time_unix - time.time()) < 30
    assert first.processes[0].cpu_percent is None
    assert p.cpu_percent is not None and p.cpu_percent >= 0
    f = next(f for f in p.open_files if f.path == data)
    assert (f.position, f.mode, f.file_type, f.deleted) == (12345, "rw", "regular", False)
    assert f.inode == os.stat(data).st_ino
    assert any(m.pathname == os.path.realpath(sys.executable) for m in p.maps)
    limits = p.limits
    import resource
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    assert (limits.max_open_files.soft, limits.max_open_files.hard) == (soft, hard)
    assert p.unavailable.get("environ") is None and "environ" in type(p)._fields


def test_a_gone_process_is_dropped(child: tuple[subprocess.Popen[bytes], str, str]) -> None:
    proc = child[0]
    proc.kill()
    proc.wait()
    assert libprobe.Probe(process={"pids": [proc.pid]}, domains="process").snapshot().processes == []
