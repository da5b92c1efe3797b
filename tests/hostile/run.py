#!/usr/bin/env python3
"""Hostile inputs through the `probe` command (make test-hostile).

    python3 tests/hostile/run.py PROBE [--table-only]

Each case builds a tree (or a mount) that a broken machine, a copied tree or a malicious
user could hand libprobe, runs `probe snapshot --json …` on it under a time limit, and
checks that it answers in bounded time and memory with values, reasons and warnings —
never a hang, never a silent loss. It prints a table: case, exit status, wall time, peak
RSS of the probe process. The stalled-FUSE case mounts a FUSE filesystem whose server
never answers (straight over /dev/fuse, no library needed) inside a private mount
namespace (`unshare --mount`), so no other process on the machine can trip over it.
"""
import ctypes
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
FIXTURES = os.path.join(HERE, "..", "fixtures")
VM = os.path.join(FIXTURES, "linux-6.18-vm", "t1")
LIMIT = 20.0  # seconds: a case past this is a hang


GNU_TIME = "/usr/bin/time" if os.access("/usr/bin/time", os.X_OK) else None


def run(probe, args, env=None, limit=LIMIT):
    """(exit status, seconds, peak RSS KiB, stdout, stderr) of one probe run.

    The peak RSS is what GNU time (when installed) reports for the probe alone. Without
    it, it is wait4's ru_maxrss, which also counts this Python process (a spawned child
    carries its parent's peak across exec): an upper bound, marked with `<=`."""
    out, err = tempfile.TemporaryFile(), tempfile.TemporaryFile()
    rss_file = tempfile.NamedTemporaryFile(delete=False)
    rss_file.close()
    cmd = [probe] + args
    if GNU_TIME:
        cmd = [GNU_TIME, "-q", "-f", "%M", "-o", rss_file.name] + cmd
    t0 = time.monotonic()
    p = subprocess.Popen(cmd, stdout=out, stderr=err, env=env, start_new_session=True)
    deadline = t0 + limit
    timed_out = False
    while True:
        pid, status, usage = os.wait4(p.pid, os.WNOHANG)
        if pid:
            break
        if time.monotonic() > deadline:
            os.killpg(p.pid, 9)
            pid, status, usage = os.wait4(p.pid, 0)
            timed_out = True
            break
        time.sleep(0.01)
    took = time.monotonic() - t0
    rss = f"<={usage.ru_maxrss}"
    if GNU_TIME:
        try:
            rss = int(open(rss_file.name).read().split()[-1])
        except (ValueError, IndexError):
            pass
    os.unlink(rss_file.name)
    if timed_out:
        return "timeout", took, rss, b"", b""
    out.seek(0)
    err.seek(0)
    return os.waitstatus_to_exitcode(status), took, rss, out.read(), err.read()


def copy_vm(tmp, name):
    dst = os.path.join(tmp, name)
    shutil.copytree(VM, dst, symlinks=True)
    return dst


def warnings(snap, domain):
    for d in snap["domains"]:
        if d["domain"] == domain:
            return d["warnings"]
    return []


def status(snap, domain):
    return next(d for d in snap["domains"] if d["domain"] == domain)


class Cases:
    def __init__(self, probe, tmp):
        self.probe, self.tmp, self.rows, self.failures = probe, tmp, [], []

    def case(self, name, args, check, env=None, expect_exit=0, limit=LIMIT, within=10.0):
        code, took, rss, out, err = run(self.probe, args, env, limit)
        problem = None
        if code == "timeout":
            problem = f"no answer within {limit} s"
        elif code != expect_exit:
            problem = f"exit {code}, expected {expect_exit}: {err.decode(errors='replace')[-300:]}"
        elif took > within:
            problem = f"took {took:.1f} s, more than {within} s"
        else:
            try:
                snap = json.loads(out) if out.strip() else None
                check(snap, err.decode(errors="replace"))
            except AssertionError as e:
                problem = f"check failed: {e}"
        self.rows.append((name, code, took, rss, "ok" if problem is None else "FAILED"))
        if problem:
            self.failures.append(f"{name}: {problem}")

    def table(self):
        print(f"{'case':<34} {'exit':>7} {'time s':>8} {'peak RSS KiB':>13}  result")
        for name, code, took, rss, result in self.rows:
            print(f"{name:<34} {code!s:>7} {took:>8.2f} {rss!s:>13}  {result}")


def fifo(path):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    if os.path.lexists(path):
        os.remove(path)
    os.mkfifo(path)


def main():
    probe = os.path.abspath(sys.argv[1])
    if len(sys.argv) > 2 and sys.argv[2] == "--fuse-inner":
        return fuse_inner(probe)
    tmp = tempfile.mkdtemp(prefix="libprobe-hostile-")
    c = Cases(probe, tmp)
    snap = ["snapshot", "--json"]
    try:
        c.case("baseline (a fixture tree)", snap + ["--fixture", VM], lambda s, e: None)

        t = copy_vm(tmp, "fifos")
        for f in ["proc/stat", "proc/meminfo", "proc/loadavg", "proc/1/status", "proc/1/io",
                  "sys/devices/system/cpu/online", "syscalls.txt"]:
            fifo(os.path.join(t, f))

        def fifos(s, e):
            w = warnings(s, "system")
            assert any("proc/stat" in x and "FIFO" in x for x in w), w
            assert s["system"] is not None and any(p["pid"] == 1 for p in s["processes"])
        c.case("FIFOs under the fixture root", snap + ["--fixture", t], fifos)

        root = os.path.join(tmp, "fifo-root")
        fifo(os.path.join(root, "proc"))
        env = dict(os.environ, LIBPROBE_PROCFS=os.path.join(root, "proc"), LIBPROBE_SYSFS=os.path.join(root, "sys"))

        def failed_process(s, e):
            assert status(s, "process")["state"] == "failed"
            assert "process domain, asked for by name, failed" in e, e
        c.case("a FIFO as LIBPROBE_PROCFS", snap + ["--domains", "process,system"], failed_process, env=env,
               expect_exit=1)

        fifo(os.path.join(tmp, "netns-fifo"))

        def failed_network(s, e):
            st = status(s, "network")
            assert st["state"] == "failed" and "a FIFO, not a regular file" in (st["error"] or ""), st
            assert "network domain, asked for by name, failed" in e, e
        c.case("a FIFO as --netns", snap + ["--domains", "network", "--netns", os.path.join(tmp, "netns-fifo")],
               failed_network, expect_exit=1)

        t = copy_vm(tmp, "zero")
        os.remove(os.path.join(t, "syscalls.txt"))
        os.symlink("/dev/zero", os.path.join(t, "syscalls.txt"))
        c.case("/dev/zero as syscalls.txt", snap + ["--fixture", t],
               lambda s, e: assert_any(warnings(s, "system"), "character device"))

        t = big_tree(tmp)
        c.case("syscalls.txt: 200 pids x 99 fds", snap + ["--fixture", t, "--domains", "process", "--fds"],
               lambda s, e: check_big(s))

        t = copy_vm(tmp, "stat")
        with open(os.path.join(t, "proc/stat"), "w") as f:
            f.write("\x00garbage\ncpu  1 2\nbtime x\n")

        def bad_stat(s, e):
            sy = s["system"]
            assert status(s, "system")["state"] == "collected"
            assert sy["boot_time"] is None and sy["unavailable"]["boot_time"] == "error"
            assert sy["memory"] is not None and sy["load"] is not None
        c.case("a garbage /proc/stat", snap + ["--fixture", t], bad_stat)

        t = os.path.join(tmp, "copied-proc")
        me = os.getpid()
        os.makedirs(os.path.join(t, str(me), "fd"))
        shutil.copy(f"/proc/{me}/stat", os.path.join(t, str(me), "stat"))
        os.makedirs(os.path.join(t, "sys/kernel"))
        shutil.copy("/proc/sys/kernel/osrelease", os.path.join(t, "sys/kernel/osrelease"))
        for fd in range(3):
            os.symlink("/dev/null", os.path.join(t, str(me), "fd", str(fd)))
        env = dict(os.environ, LIBPROBE_PROCFS=t)

        def copied(s, e):
            p = next(p for p in s["processes"] if p["pid"] == me)
            assert p["num_fds"] == 3, p["num_fds"]
            assert_any(warnings(s, "process"), "is not a procfs")
        c.case("a plain copy of a proc tree", snap + ["--domains", "process"], copied, env=env)

        t = copy_vm(tmp, "notdir")
        shutil.rmtree(os.path.join(t, "proc/29968"))
        with open(os.path.join(t, "proc/29968"), "w") as f:
            f.write("a file")
        c.case("a file for a process directory", snap + ["--fixture", t, "--domains", "process"],
               lambda s, e: assert_any(warnings(s, "process"), "/proc/29968"))

        t = copy_vm(tmp, "netlink")
        n = corrupt_routes(os.path.join(t, "netlink/route-route4"))
        c.case("malformed netlink route replies", snap + ["--fixture", t, "--domains", "network"],
               lambda s, e: assert_any(warnings(s, "network"), f"({n} replies left out)"))

        fuse_case(c)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    c.table()
    if c.failures:
        print("\n".join(["", "FAILED:"] + c.failures))
        sys.exit(1)
    print("test-hostile: every case answered in bounded time")


def assert_any(ws, text):
    assert any(text in w for w in ws), f"no warning with {text!r}: {ws}"


def big_tree(tmp):
    t = os.path.join(tmp, "big")
    fakes = ["clock_ticks 100", "page_size 4096"]
    for pid in range(1000, 1200):
        d = os.path.join(t, "proc", str(pid))
        os.makedirs(os.path.join(d, "fd"))
        os.makedirs(os.path.join(d, "fdinfo"))
        with open(os.path.join(d, "stat"), "w") as f:
            f.write(f"{pid} (p{pid}) S 1 {pid} {pid} 0 -1 4194560 0 0 0 0 1 1 0 0 20 0 1 0 100 1000 10 0 0 0 0 0 0 "
                    "0 0 0 0 0 0 0 17 0 0 0 0\n")
        for fd in range(99):
            os.symlink(f"/tmp/f{fd}", os.path.join(d, "fd", str(fd)))
            with open(os.path.join(d, "fdinfo", str(fd)), "w") as f:
                f.write("pos:\t0\nflags:\t0100002\nmnt_id:\t1\n")
            fakes.append(f"stat {pid} fd/{fd} 100644 {5000 + fd} 1 0")
    with open(os.path.join(t, "syscalls.txt"), "w") as f:
        f.write("\n".join(fakes) + "\n")
    return t


def check_big(s):
    procs = s["processes"]
    assert len(procs) == 200, len(procs)
    assert all(len(p["open_files"]) == 99 and p["open_files"][0]["inode"] is not None for p in procs)


def corrupt_routes(path):
    """Gives every other route message of a captured reply an impossible type."""
    buf = bytearray(open(path, "rb").read())
    off, i, n = 0, 0, 0
    while off + 16 <= len(buf):
        length = int.from_bytes(buf[off:off + 4], sys.byteorder)
        if int.from_bytes(buf[off + 4:off + 6], sys.byteorder) == 24 and i % 2 == 1:
            buf[off + 4:off + 6] = (999).to_bytes(2, sys.byteorder)
            n += 1
        i += 1
        off += (length + 3) & ~3
    open(path, "wb").write(bytes(buf))
    return n


# --- the stalled FUSE mount -------------------------------------------------------------

def fuse_case(c):
    why = None
    if os.geteuid() != 0:
        why = "not root"
    elif not os.path.exists("/dev/fuse"):
        why = "no /dev/fuse"
    elif shutil.which("unshare") is None:
        why = "no unshare (util-linux)"
    if why:
        print(f"stalled FUSE mount: skipped ({why})")
        return
    t0 = time.monotonic()
    p = subprocess.run(["unshare", "--mount", "--propagation", "private", sys.executable, __file__, c.probe,
                        "--fuse-inner"], capture_output=True, text=True, timeout=120)
    if p.returncode != 0:
        c.rows.append(("stalled FUSE mount", p.returncode, time.monotonic() - t0, 0, "FAILED"))
        c.failures.append(f"stalled FUSE mount: {p.stdout[-2000:]} {p.stderr[-2000:]}")
        return
    for row in json.loads(p.stdout.strip().splitlines()[-1]):
        name, code, took, rss, problem = row
        c.rows.append((name, code, took, rss, "ok" if problem is None else "FAILED"))
        if problem:
            c.failures.append(f"{name}: {problem}")


def fuse_inner(probe):
    """In a private mount namespace: two FUSE mounts (`fuse` and `fuse.hostile`) whose
    server never reads /dev/fuse, so every request on them waits forever."""
    libc = ctypes.CDLL(None, use_errno=True)
    tmp = tempfile.mkdtemp(prefix="libprobe-fuse-")
    fds, mounts = [], []
    for name, fstype in [("stuck", b"fuse"), ("stuck-sub", b"fuse.hostile")]:
        mnt = os.path.join(tmp, name)
        os.mkdir(mnt)
        fd = os.open("/dev/fuse", os.O_RDWR)
        opts = f"fd={fd},rootmode=40000,user_id=0,group_id=0".encode()
        if libc.mount(b"hostile", mnt.encode(), fstype, 0, opts) != 0:
            e = ctypes.get_errno()
            print(json.dumps([["stalled FUSE mount", "mount", 0, 0, f"mount failed: {os.strerror(e)}"]]))
            return
        fds.append(fd)
        mounts.append(mnt)
    rows = []
    deadline_s = 1.0  # the default system.statvfs_timeout_ms

    def check(name, args, within, remembered=False):
        code, took, rss, out, err = run(probe, args, limit=LIMIT)
        problem = None
        if code != 0:
            problem = f"exit {code}: {err.decode(errors='replace')[-300:]}"
        elif took > within:
            problem = f"took {took:.2f} s, more than {within} s"
        else:
            s = json.loads(out)
            fss = {f["mount_point"]: f for f in s["system"]["filesystems"]}
            for m in mounts:
                f = fss.get(m)
                if f is None or f["unavailable"].get("total_bytes") != "timed_out":
                    problem = f"{m}: {f and f.get('unavailable')}"
            w = warnings(s, "system")
            if problem is None and not all(any(m in x and "timed out" in x for x in w) for m in mounts):
                problem = f"no warning names each stuck mount: {w}"
            if problem is None and remembered and not any("still not returned" in x for x in w):
                problem = f"the second snapshot did not remember the stuck mounts: {w}"
        rows.append([name, code, took, rss, problem])

    # One snapshot: each stuck mount costs one deadline, the rest does not wait.
    check("stalled FUSE mount (fuse, fuse.*)", ["snapshot", "--json", "--domains", "system"], 2 * deadline_s + 2)
    # Two snapshots of one probe: the second remembers both mounts and waits for neither.
    check("stalled FUSE, second snapshot", ["snapshot", "--json", "--domains", "system", "--interval", "0.2"],
          2 * deadline_s + 0.2 + 2, remembered=True)
    # The whole default snapshot (every domain) answers too.
    code, took, rss, out, err = run(probe, ["snapshot", "--json"], limit=LIMIT)
    rows.append(["stalled FUSE, default snapshot", code, took, rss,
                 None if code == 0 and took < 2 * deadline_s + 5 else f"exit {code} in {took:.2f} s"])
    for fd in fds:
        os.close(fd)  # the server goes away: pending requests fail, the mounts can go
    for m in mounts:
        libc.umount2(m.encode(), 2)  # MNT_DETACH
    shutil.rmtree(tmp, ignore_errors=True)
    print(json.dumps(rows))


if __name__ == "__main__":
    main()
