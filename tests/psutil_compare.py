#!/usr/bin/env python3
"""Compare `probe snapshot --json` with psutil, process by process (reliability plan T7).

Usage: .venv/bin/python tests/psutil_compare.py target/debug/probe

psutil reads every process before and after probe runs, so for each process and field
there are two psutil values bracketing probe's. A field agrees when probe's value equals
a stable psutil value, or lies between the two for counters; memory may also move by up
to 5 MiB (psutil's own test tolerance). A process whose fields still disagree is read
again, up to five times, with `probe process PID --json` between two psutil reads, and
only a disagreement that survives every retry counts. Processes that exited or whose pid
was reused between the reads are skipped, as are fields psutil cannot read (zombies,
limits of another user without CAP_SYS_RESOURCE).

Where psutil interprets the kernel instead of reporting it, probe is compared with the
kernel file instead, and the summary says how often: psutil lengthens a 15-byte name
from the command line, splits a command line rewritten without NULs on spaces, and its
`lib` is statm's, which Linux has always reported as 0 since 2.6.

The environment is compared for one child started here with a known environment.
Exits 1 on any mismatch; prints `compared N processes x F fields: M mismatches`.
"""

import json
import os
import subprocess
import sys
import time

import psutil

MIB = 1 << 20
MEM_TOLERANCE = 5 * MIB
RETRIES = 5
CLK = os.sysconf("SC_CLK_TCK")
PAGE = os.sysconf("SC_PAGE_SIZE")
INF = (1 << 64) - 1

# psutil resource constant -> probe ProcessLimits field.
RLIMITS = [
    ("RLIMIT_CPU", "max_cpu_time"),
    ("RLIMIT_FSIZE", "max_file_size"),
    ("RLIMIT_DATA", "max_data_size"),
    ("RLIMIT_STACK", "max_stack_size"),
    ("RLIMIT_CORE", "max_core_size"),
    ("RLIMIT_RSS", "max_resident_set"),
    ("RLIMIT_NPROC", "max_processes"),
    ("RLIMIT_NOFILE", "max_open_files"),
    ("RLIMIT_MEMLOCK", "max_locked_memory"),
    ("RLIMIT_AS", "max_address_space"),
    ("RLIMIT_LOCKS", "max_file_locks"),
    ("RLIMIT_SIGPENDING", "max_pending_signals"),
    ("RLIMIT_MSGQUEUE", "max_msgqueue_size"),
    ("RLIMIT_NICE", "max_nice_priority"),
    ("RLIMIT_RTPRIO", "max_realtime_priority"),
    ("RLIMIT_RTTIME", "max_realtime_timeout"),
]

STATUS = {"disk-sleep": "disk_sleep", "tracing-stop": "tracing_stop", "wake-kill": "wakekill"}

# psutil gives open() modes; probe the access mode.
PY_MODES = {"r": "r", "w": "w", "a": "w", "r+": "rw", "a+": "rw"}

SKIP = object()  # psutil could not read it (zombie, access denied)


def call(fn, *args):
    try:
        return fn(*args)
    except (psutil.ZombieProcess, psutil.AccessDenied):
        return SKIP


def psutil_view(pid):
    """Every value psutil gives for `pid`, or None if the process is gone."""
    try:
        p = psutil.Process(pid)
        with p.oneshot():
            v = {"create_time": p.create_time()}
            v["ppid"] = p.ppid()
            v["name"] = p.name()
            v["status"] = p.status()
            v["exe"] = call(p.exe)
            v["cmdline"] = call(p.cmdline)
            v["cwd"] = call(p.cwd)
            v["uids"] = tuple(p.uids())
            v["gids"] = tuple(p.gids())
            v["terminal"] = call(p.terminal)
            v["nice"] = call(p.nice)
            v["num_threads"] = p.num_threads()
            v["cpu_times"] = tuple(p.cpu_times())[:4]
            v["cpu_affinity"] = call(p.cpu_affinity)
            v["cpu_num"] = p.cpu_num()
            v["memory_info"] = call(p.memory_info)
            v["memory_full_info"] = call(p.memory_full_info)
            v["io_counters"] = call(p.io_counters)
            v["num_fds"] = call(p.num_fds)
            v["open_files"] = call(p.open_files)
            v["num_ctx_switches"] = tuple(p.num_ctx_switches())
            v["rlimits"] = {name: call(p.rlimit, getattr(psutil, const)) for const, name in RLIMITS}
        return v
    except psutil.NoSuchProcess:
        return None


def run_probe(probe, *args):
    out = subprocess.run([probe, *args], check=True, capture_output=True)
    return json.loads(out.stdout)


def raw_cmdline(pid):
    with open(f"/proc/{pid}/cmdline", "rb") as f:
        data = f.read()
    if not data:
        return []
    parts = data.split(b"\0")
    if data.endswith(b"\0"):
        parts = parts[:-1]
    return [x.decode("utf-8", "surrogateescape") for x in parts]


def tty_device(tty_nr):
    major = (tty_nr >> 8) & 0xFFF
    minor = (tty_nr & 0xFF) | ((tty_nr >> 12) & 0xFFF00)
    return major, minor


_TERMINALS = None


def terminal_devices():
    """(major, minor) of every terminal device in /dev, as psutil maps them."""
    global _TERMINALS
    if _TERMINALS is None:
        paths = [f"/dev/{n}" for n in os.listdir("/dev") if n.startswith("tty")]
        if os.path.isdir("/dev/pts"):
            paths += [f"/dev/pts/{n}" for n in os.listdir("/dev/pts")]
        _TERMINALS = set()
        for path in paths:
            try:
                rdev = os.stat(path).st_rdev
            except OSError:
                continue
            _TERMINALS.add((os.major(rdev), os.minor(rdev)))
    return _TERMINALS


class Check:
    """Comparisons of one process; records what disagreed."""

    def __init__(self, pid, rec, before, after):
        self.pid, self.rec, self.b, self.a = pid, rec, before, after
        self.bad = []
        self.fields = set()
        self.notes = []

    def fail(self, field, got, want):
        self.bad.append(f"pid {self.pid} ({self.rec['name']!r}) {field}: probe {got!r}, psutil {want!r}")

    def get(self, key, sub=None):
        b, a = self.b[key], self.a[key]
        if sub is not None and b is not SKIP and a is not SKIP:
            b, a = sub(b), sub(a)
        return b, a

    def exact(self, field, got, key, sub=None):
        b, a = self.get(key, sub)
        if b is SKIP or a is SKIP:
            return
        self.fields.add(field)
        if got != b and got != a:
            self.fail(field, got, b if a == b else (b, a))

    def counter(self, field, got, key, sub=None, tolerance=0):
        b, a = self.get(key, sub)
        if b is SKIP or a is SKIP:
            return
        self.fields.add(field)
        if got is None or not (min(b, a) - tolerance <= got <= max(b, a) + tolerance):
            self.fail(field, got, (b, a))


def compare(pid, rec, before, after, notes):
    c = Check(pid, rec, before, after)
    zombie = rec["state"] == "zombie"
    unavailable = rec.get("unavailable", {})

    c.exact("ppid", rec["ppid"], "ppid")
    # psutil lengthens a 15-byte comm from the command line.
    name = rec["name"]
    b = before["name"]
    c.fields.add("name")
    if not (b == name or (len(name) == 15 and b.startswith(name))):
        c.fail("name", name, b)
    elif b != name:
        notes["name lengthened by psutil"] += 1
    c.exact("status", rec["state"], "status", lambda s: STATUS.get(s, s))

    exe = rec["exe"]
    if exe is not None and rec.get("exe_deleted") and exe.endswith(" (deleted)"):
        # psutil drops the suffix when the shortened path does not exist.
        exe_alt = exe[: -len(" (deleted)")]
        c.exact("exe", exe if before["exe"] == exe else exe_alt, "exe")
    elif exe is None:
        c.fields.add("exe")
        if before["exe"] not in (SKIP, "") and unavailable.get("exe") not in ("zombie", "kernel_thread"):
            c.fail("exe", f"null ({unavailable.get('exe')})", before["exe"])
    else:
        c.exact("exe", exe, "exe")

    cmd = rec["cmdline"]
    if cmd is not None and before["cmdline"] is not SKIP:
        c.fields.add("cmdline")
        if cmd != before["cmdline"] and cmd != after["cmdline"]:
            # psutil splits a rewritten command line on spaces; probe keeps the kernel's.
            try:
                raw = raw_cmdline(pid)
            except OSError:
                raw = None
            if raw == cmd:
                notes["cmdline interpreted by psutil, probe = kernel"] += 1
            else:
                c.fail("cmdline", cmd, before["cmdline"])
    elif cmd is None and not zombie:
        c.fail("cmdline", f"null ({unavailable.get('cmdline')})", before["cmdline"])

    if rec["cwd"] is not None:
        c.exact("cwd", rec["cwd"], "cwd")
    uids = (rec["uid_real"], rec["uid_effective"], rec["uid_saved"])
    gids = (rec["gid_real"], rec["gid_effective"], rec["gid_saved"])
    c.exact("uids", uids, "uids")
    c.exact("gids", gids, "gids")

    term = before["terminal"]
    if term is not SKIP:
        c.fields.add("tty_nr")
        if term is None:
            # psutil finds no terminal: probe's device must be 0 or not a terminal in /dev.
            if rec["tty_nr"] != 0 and tty_device(rec["tty_nr"]) in terminal_devices():
                c.fail("tty_nr", tty_device(rec["tty_nr"]), None)
        else:
            st = os.stat(term)
            if tty_device(rec["tty_nr"]) != (os.major(st.st_rdev), os.minor(st.st_rdev)):
                c.fail("tty_nr", tty_device(rec["tty_nr"]), term)

    c.exact("nice", rec["nice"], "nice")
    c.exact("num_threads", rec["num_threads"], "num_threads")
    c.fields.add("start_time_unix")
    created = before["create_time"]
    if abs(rec["start_time_unix"] - created) > 1:
        c.fail("start_time_unix", rec["start_time_unix"], created)

    ticks = lambda i: lambda t: round(t[i] * CLK)  # noqa: E731
    c.counter("cpu_user_ticks", rec["cpu_user_ticks"], "cpu_times", ticks(0))
    c.counter("cpu_system_ticks", rec["cpu_system_ticks"], "cpu_times", ticks(1))
    c.counter("cpu_children_user", rec["cpu_children_user"], "cpu_times", ticks(2))
    c.counter("cpu_children_system", rec["cpu_children_system"], "cpu_times", ticks(3))
    if rec["cpu_affinity"] is not None:
        c.exact("cpu_affinity", rec["cpu_affinity"], "cpu_affinity")
    c.exact("last_cpu", rec["last_cpu"], "cpu_num")

    if before["memory_info"] is not SKIP:
        mem = lambda f: lambda m: getattr(m, f)  # noqa: E731
        c.counter("memory_rss", rec["memory_rss"], "memory_info", mem("rss"), MEM_TOLERANCE)
        c.counter("memory_vms", rec["memory_vms"], "memory_info", mem("vms"), MEM_TOLERANCE)
        for field, attr in [("memory_shared", "shared"), ("memory_text", "text"), ("memory_data", "data")]:
            if rec[field] is not None:
                c.counter(field, rec[field], "memory_info", mem(attr), MEM_TOLERANCE)
            elif not zombie and unavailable.get(field) != "kernel_thread":
                c.fail(field, f"null ({unavailable.get(field)})", getattr(before["memory_info"], attr))
        if before["memory_info"].lib == 0:
            notes["lib: psutil's statm value is always 0"] += 1
        full = before["memory_full_info"]
        if full is not SKIP:
            for field, attr in [("memory_uss", "uss"), ("memory_pss", "pss")]:
                if rec[field] is not None:
                    c.counter(field, rec[field], "memory_full_info", mem(attr), MEM_TOLERANCE)
                elif full and getattr(full, attr, 0):
                    c.fail(field, f"null ({unavailable.get(field)})", getattr(full, attr))
            # psutil's swap is smaps_rollup's Swap, probe's is VmSwap: the same pages.
            if rec["memory_swap"] is not None:
                c.counter("memory_swap", rec["memory_swap"], "memory_full_info", mem("swap"), MEM_TOLERANCE)

    if before["io_counters"] is not SKIP:
        for field, attr in [
            ("io_read_syscalls", "read_count"),
            ("io_write_syscalls", "write_count"),
            ("io_read_bytes", "read_bytes"),
            ("io_write_bytes", "write_bytes"),
            ("io_read_chars", "read_chars"),
            ("io_write_chars", "write_chars"),
        ]:
            c.counter(field, rec[field], "io_counters", lambda io, attr=attr: getattr(io, attr))

    if rec["num_fds"] is not None:
        c.counter("num_fds", rec["num_fds"], "num_fds")
    compare_open_files(c, rec)
    c.counter("voluntary_ctx_switches", rec["voluntary_ctx_switches"], "num_ctx_switches", lambda s: s[0])
    c.counter("nonvoluntary_ctx_switches", rec["nonvoluntary_ctx_switches"], "num_ctx_switches", lambda s: s[1])

    limits = rec["limits"]
    if limits is not None:
        for _, name in RLIMITS:
            lim = limits[name]
            if lim is None:
                continue
            c.exact(
                f"limits.{name}",
                (lim["soft"], lim["hard"]),
                "rlimits",
                lambda r, name=name: SKIP if r[name] is SKIP else tuple(INF if x < 0 else x for x in r[name]),
            )
    return c


def compare_open_files(c, rec):
    """psutil lists regular files that still exist under their path."""
    b, a = c.b["open_files"], c.a["open_files"]
    if b is SKIP or a is SKIP or rec["open_files"] is None:
        return
    c.fields.add("open_files")
    mine = {}
    for f in rec["open_files"]:
        if f["file_type"] == "regular" and f["path"].startswith("/") and os.path.isfile(f["path"]):
            mine[f["fd"]] = (f["path"], f["position"], f["mode"], f["flags"])
    theirs = [{f.fd: (f.path, f.position, PY_MODES[f.mode], f.flags) for f in x} for x in (b, a)]
    if mine not in theirs:
        c.fail("open_files", mine, theirs[0])


def snapshot_pass(probe):
    """psutil before, probe, psutil after; returns (records, before, after)."""
    pids = psutil.pids()
    before = {pid: v for pid in pids if (v := psutil_view(pid)) is not None}
    snap = run_probe(probe, "snapshot", "--json", "--domains", "process", "--fds", "--smaps")
    after = {pid: v for pid in pids if (v := psutil_view(pid)) is not None}
    status = next(d for d in snap["domains"] if d["domain"] == "process")
    if status["state"] != "collected" or status["warnings"]:
        sys.exit(f"process domain: {status}")
    return {p["pid"]: p for p in snap["processes"]}, before, after


def same_process(rec, before, after):
    return (
        before is not None
        and after is not None
        and before["create_time"] == after["create_time"]
        and abs(rec["start_time_unix"] - before["create_time"]) <= 1
    )


def main():
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    probe = os.path.abspath(sys.argv[1])
    env = {"LP_PLAIN": "value", "LP_SPACE": "a b", "LP_EMPTY": "", "LP_EQUALS": "x=y"}
    child = subprocess.Popen(["sleep", "1000"], env=env)
    try:
        return run(probe, child, env)
    finally:
        child.kill()
        child.wait()


def run(probe, child, env):
    time.sleep(0.1)
    notes = {
        "name lengthened by psutil": 0,
        "cmdline interpreted by psutil, probe = kernel": 0,
        "lib: psutil's statm value is always 0": 0,
    }
    records, before, after = snapshot_pass(probe)
    compared = skipped = 0
    field_names = set()  # every field compared at least once
    mismatches = []
    for pid, rec in sorted(records.items()):
        if pid == os.getpid():
            continue  # this script is running and opening files while it reads itself
        if not same_process(rec, before.get(pid), after.get(pid)):
            skipped += 1
            continue
        c = compare(pid, rec, before[pid], after[pid], notes)
        tries = 0
        while c.bad and tries < RETRIES:
            tries += 1
            b = psutil_view(pid)
            try:
                r = run_probe(probe, "process", str(pid), "--json")
            except subprocess.CalledProcessError:
                break
            a = psutil_view(pid)
            if not same_process(r, b, a):
                break
            c = compare(pid, r, b, a, {k: 0 for k in notes})
        compared += 1
        field_names |= c.fields
        mismatches.extend(c.bad)

    # The environment of our own child, byte for byte.
    rec = run_probe(probe, "process", str(child.pid), "--json", "--environ")
    theirs = psutil.Process(child.pid).environ()
    if rec["environ"] != theirs or rec["environ"] != env:
        mismatches.append(f"environ of our child: probe {rec['environ']!r}, psutil {theirs!r}, set {env!r}")

    field_names.add("environ")
    width = len(field_names)
    for m in mismatches:
        print("MISMATCH", m)
    for k, n in notes.items():
        if n:
            print(f"note: {k}: {n} processes")
    print(f"skipped {skipped} processes that exited or were replaced between the reads")
    print(f"compared {compared} processes x {width} fields: {len(mismatches)} mismatches")
    return 1 if mismatches else 0


if __name__ == "__main__":
    sys.exit(main())
