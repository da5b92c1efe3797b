#!/usr/bin/env python3
"""One truth: every face of libprobe, pointed at the same fixture trees, gives the same JSON.

    python tests/cross_language/run.py --probe target/debug/probe [--driver NAME=COMMAND ...]

The reference is the core's: `tests/fixtures/<scenario>.json`, written by the core's JSON
writer and held to the tree by `libprobe-core/tests/golden.rs`. For each scenario:

* Rust: `probe snapshot --json --fixture DIR` with every field group (single-tree
  scenarios; the command line takes one snapshot, so a rate scenario's reference is the
  golden file alone).
* Each binding's driver (README.md): a program that takes the tree's root, keeps one probe
  with every field group, and prints one JSON line per `snapshot` line on its stdin,
  rendered from that language's own objects. A rate scenario (t0/, t1/) is taken as the
  golden test takes it: one probe on a link to t0, a snapshot, the link moved to t1, a
  second snapshot, which is compared.

Each output is parsed (integers exact), the tree's path is replaced by `<fixture>`, and it
is compared with the golden file: same keys in the same order, same values, numbers by
exact value (12.0 equals 12), every other type strict. A field missing, renamed or
mistyped in one language fails. Exit status 0 when every face agrees on every scenario.
"""
from __future__ import annotations

import argparse
import json
import os
import shlex
import shutil
import subprocess
import sys
import tempfile
from fractions import Fraction
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
FIXTURES = ROOT / "tests" / "fixtures"
HERE = Path(__file__).resolve().parent
# `probe snapshot` flags for every field group (the golden files' options).
PROBE_FLAGS = ["--smaps", "--maps", "--fds", "--environ", "--taskstats", "--conntrack"]


def scenario_domains(scenario: str) -> str | None:
    """The domains of a scenario's golden file, as libprobe-core/tests/golden.rs chooses
    them: those of its `domains` file; None (the default set) without one."""
    f = FIXTURES / scenario / "domains"
    return f.read_text().strip() if f.is_file() else None


_FAKE_NVML: dict[Path, Path] = {}
_FAKE_NVML_DIR: tempfile.TemporaryDirectory | None = None


def scenario_env(scenario: str) -> dict[str, str]:
    """The environment a scenario needs: a GPU scenario's NVIDIA GPUs come from the fake
    NVML (tests/fake_nvml/fake_nvml.c, built here with `cc`) answering from
    `<scenario>/nvml.xml`, named to every face by LIBPROBE_NVML_LIBRARY."""
    global _FAKE_NVML_DIR
    xml = FIXTURES / scenario / "nvml.xml"
    if not xml.is_file():
        return {}
    if xml not in _FAKE_NVML:
        if _FAKE_NVML_DIR is None:
            _FAKE_NVML_DIR = tempfile.TemporaryDirectory(prefix="libprobe-fake-nvml-")
        d = Path(_FAKE_NVML_DIR.name) / scenario
        d.mkdir(parents=True, exist_ok=True)
        lib = d / "libnvidia-ml.so.1"
        subprocess.run([os.environ.get("CC", "cc"), "-std=c11", "-shared", "-fPIC", "-O1", "-o", str(lib),
                        str(ROOT / "tests" / "fake_nvml" / "fake_nvml.c")], check=True)
        shutil.copy(xml, d / "nvml.xml")
        _FAKE_NVML[xml] = lib
    return {"LIBPROBE_NVML_LIBRARY": str(_FAKE_NVML[xml])}


def builtin_drivers() -> dict[str, list[str]]:
    """The drivers run.py starts itself; the C and Go ones come with --driver from their make
    fragments (see README.md)."""
    return {
        "python": [sys.executable, str(HERE / "driver.py")],
        "node": [shutil.which("node") or "node", str(HERE / "driver.js")],
    }


def diff(a: Any, b: Any, path: str = "$") -> str | None:
    """The first difference between two parsed JSON values, or None."""
    def kind(v: Any) -> str:
        if v is None or isinstance(v, bool):
            return "bool" if isinstance(v, bool) else "null"
        if isinstance(v, (int, float)):
            return "number"
        return type(v).__name__
    if kind(a) != kind(b):
        return f"{path}: {short(a)} ({kind(a)}) != {short(b)} ({kind(b)})"
    if isinstance(a, dict):
        if list(a) != list(b):
            only_a, only_b = [k for k in a if k not in b], [k for k in b if k not in a]
            if only_a or only_b:
                return f"{path}: keys only here {only_a}, only in the reference {only_b}"
            return f"{path}: keys in another order: {list(a)} != {list(b)}"
        for k in a:
            d = diff(a[k], b[k], f"{path}.{k}")
            if d:
                return d
        return None
    if isinstance(a, list):
        if len(a) != len(b):
            return f"{path}: {len(a)} items != {len(b)}"
        for i, (x, y) in enumerate(zip(a, b)):
            d = diff(x, y, f"{path}[{i}]")
            if d:
                return d
        return None
    if kind(a) == "number":
        return None if Fraction(a) == Fraction(b) else f"{path}: {a!r} != {b!r}"
    return None if a == b else f"{path}: {short(a)} != {short(b)}"


def short(v: Any) -> str:
    r = repr(v)
    return r if len(r) < 80 else r[:77] + "..."


def anonymous(text: str, root: Path) -> str:
    return text.replace(json.dumps(str(root))[1:-1], "<fixture>")


def run_driver(cmd: list[str], scenario: str) -> tuple[str, Path]:
    """The driver's JSON for a scenario (the second snapshot of a rate scenario)."""
    d = FIXTURES / scenario
    rate = (d / "t0").is_dir()
    tmp = Path(tempfile.mkdtemp(prefix=f"libprobe-cross-{scenario}-"))
    try:
        root = d
        if rate:
            root = tmp / "root"
            os.symlink(d.resolve() / "t0", root)
        domains = scenario_domains(scenario)
        p = subprocess.Popen(cmd + [str(root)] + ([domains] if domains else []), stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                             stderr=subprocess.PIPE, text=True, encoding="utf-8", errors="surrogateescape",
                             env={**os.environ, **scenario_env(scenario)})
        assert p.stdin and p.stdout

        def snapshot() -> str:
            p.stdin.write("snapshot\n")  # type: ignore[union-attr]
            p.stdin.flush()  # type: ignore[union-attr]
            line = p.stdout.readline()  # type: ignore[union-attr]
            if not line:
                p.kill()
                _, err = p.communicate()
                raise RuntimeError(f"`{shlex.join(cmd)}` printed nothing (exit {p.returncode}): {err.strip()[-800:]}")
            return line
        try:
            out = snapshot()
            if rate:
                os.symlink(d.resolve() / "t1", tmp / "next")
                os.rename(tmp / "next", root)
                out = snapshot()
        finally:
            if p.poll() is None:
                p.stdin.close()
                try:
                    p.wait(timeout=30)
                except subprocess.TimeoutExpired:
                    p.kill()
                    p.wait()
        return out, root
    finally:
        shutil.rmtree(tmp)


def run_probe(probe: str, scenario: str) -> tuple[str, Path] | None:
    d = FIXTURES / scenario
    if (d / "t0").is_dir():
        return None
    domains = scenario_domains(scenario)
    flags = PROBE_FLAGS + (["--domains", domains] if domains else [])
    r = subprocess.run([probe, "snapshot", "--json", *flags, "--fixture", str(d)], capture_output=True,
                       text=True, encoding="utf-8", errors="surrogateescape", timeout=120,
                       env={**os.environ, **scenario_env(scenario)})
    if r.returncode != 0:
        raise RuntimeError(f"probe exited {r.returncode}: {r.stderr.strip()[-800:]}")
    return r.stdout, d


def self_test() -> None:
    """The comparison itself catches what it must."""
    assert diff({"a": 1, "b": [1.5]}, {"a": 1.0, "b": [1.5]}) is None
    assert diff({"a": 1}, {"a": "1"}) is not None, "a number written as a string"
    assert diff({"a": True}, {"a": 1}) is not None, "a bool written as a number"
    assert diff({"a": 18446744073709551615}, {"a": 18446744073709551616}) is not None, "u64 rounded"
    assert diff({"a": 18446744073709551615}, {"a": 1.8446744073709552e19}) is not None, "u64 as a float"
    assert diff({"a": 1, "b": 2}, {"a": 1}) is not None, "an extra field"
    assert diff({"b": 2, "a": 1}, {"a": 1, "b": 2}) is not None, "fields out of order"
    assert diff({"a": None}, {"a": 0}) is not None, "null for a value"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--probe", help="the `probe` command-line example (Rust); left out: golden files only")
    ap.add_argument("--driver", action="append", default=[], metavar="NAME=COMMAND",
                    help="a binding's driver, added to the built-in ones (python, node); repeatable")
    ap.add_argument("--only", help="comma-separated drivers to run (default: all)")
    ap.add_argument("--scenario", action="append", help="only these scenarios (default: every tree)")
    args = ap.parse_args(argv)
    self_test()

    drivers = builtin_drivers()
    for spec in args.driver:
        name, sep, cmd = spec.partition("=")
        if not sep or not cmd.strip():
            ap.error(f"--driver {spec!r}: expected NAME=COMMAND")
        drivers[name.strip()] = shlex.split(cmd)
    if args.only:
        keep = [n.strip() for n in args.only.split(",") if n.strip()]
        unknown = [n for n in keep if n not in drivers]
        if unknown:
            ap.error(f"--only: no driver named {', '.join(unknown)}")
        drivers = {n: drivers[n] for n in keep}
    scenarios = args.scenario or sorted(p.name for p in FIXTURES.iterdir() if p.is_dir())

    faces = (["rust"] if args.probe else []) + list(drivers)
    failures = 0
    rows = []
    details: list[str] = []
    for scenario in scenarios:
        golden = json.loads((FIXTURES / f"{scenario}.json").read_text())
        row = [scenario]
        for face in faces:
            try:
                got = run_probe(args.probe, scenario) if face == "rust" else run_driver(drivers[face], scenario)
                if got is None:
                    row.append("- (rate)")
                    continue
                text, root = got
                d = diff(json.loads(anonymous(text, root)), golden)
            except Exception as e:  # noqa: BLE001 - reported per face and scenario
                d = f"error: {e}"
            if d:
                failures += 1
                row.append("FAIL")
                details.append(f"{scenario} / {face}: {d}")
            else:
                row.append("same")
        rows.append(row)

    head = ["scenario"] + faces
    print("| " + " | ".join(head) + " |")
    print("|" + "---|" * len(head))
    for r in rows:
        print("| " + " | ".join(r) + " |")
    for line in details:
        print(line)
    checked = sum(1 for r in rows for c in r[1:] if c in ("same", "FAIL"))
    print(f"{checked - failures} passed, {failures} failed")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
