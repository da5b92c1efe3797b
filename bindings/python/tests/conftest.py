"""Shared helpers for the Python binding's tests: the repository's fixture trees and the
JSON comparison every face is held to."""
from __future__ import annotations

import atexit
import functools
import json
import os
import shutil
import subprocess
import tempfile
from pathlib import Path
from typing import Any, Callable

import pytest

ROOT = Path(__file__).resolve().parents[3]
FIXTURES = ROOT / "tests" / "fixtures"
SCENARIOS = sorted(p.name for p in FIXTURES.iterdir() if p.is_dir())

# The options of the golden files (libprobe-core/tests/golden.rs): every field group.
GOLDEN_OPTIONS: dict[str, Any] = dict(
    process=dict(smaps_rollup=True, maps=True, fds=True, environ=True, taskstats=True),
    network=dict(conntrack=True),
)


def golden_options(scenario: str) -> dict[str, Any]:
    """GOLDEN_OPTIONS, and the domains golden.rs takes: those of the scenario's `domains`
    file (the default set without one). A scenario with an `nvml.xml` has its NVIDIA GPUs
    from the fake NVML answering from it, named to the core by LIBPROBE_NVML_LIBRARY (set
    here, read by the core on each snapshot)."""
    options = dict(GOLDEN_OPTIONS)
    domains = FIXTURES / scenario / "domains"
    if domains.is_file():
        options["domains"] = domains.read_text().strip()
    xml = FIXTURES / scenario / "nvml.xml"
    if xml.is_file():
        os.environ["LIBPROBE_NVML_LIBRARY"] = str(fake_nvml(xml))
    else:
        os.environ.pop("LIBPROBE_NVML_LIBRARY", None)
    return options


@pytest.fixture(autouse=True)
def _no_nvml_after_a_test():  # type: ignore[no-untyped-def]
    """A GPU scenario's LIBPROBE_NVML_LIBRARY does not outlive its test."""
    yield
    os.environ.pop("LIBPROBE_NVML_LIBRARY", None)


@functools.cache
def fake_nvml(xml: Path) -> Path:
    """tests/fake_nvml/fake_nvml.c built with `cc` as libnvidia-ml.so.1, beside a copy of
    `xml` (tests/fake_nvml/README.md): once per scenario, in a directory removed when the
    test run ends."""
    d = Path(tempfile.mkdtemp(prefix="libprobe-py-fake-nvml-"))
    atexit.register(shutil.rmtree, d, ignore_errors=True)
    lib = d / "libnvidia-ml.so.1"
    subprocess.run([os.environ.get("CC", "cc"), "-std=c11", "-shared", "-fPIC", "-O1", "-o", str(lib),
                    str(ROOT / "tests" / "fake_nvml" / "fake_nvml.c")], check=True)
    shutil.copy(xml, d / "nvml.xml")
    return lib


def snapshot_of(scenario: str, take: Callable[[Path], Any]) -> tuple[Any, Path]:
    """`take(root)` on a scenario's tree, as the golden test does: one snapshot of the tree,
    or, for a rate scenario (t0/, t1/), two snapshots of one probe with the tree swapped
    under it (take returns a callable that snapshots). Returns (result, root)."""
    d = FIXTURES / scenario
    if not (d / "t0").is_dir():
        return take(d)(), d
    tmp = Path(tempfile.mkdtemp(prefix=f"libprobe-py-{scenario}-"))
    try:
        root = tmp / "root"
        os.symlink(d.resolve() / "t0", root)
        snap = take(root)
        snap()
        os.symlink(d.resolve() / "t1", tmp / "next")
        os.rename(tmp / "next", root)
        return snap(), root
    finally:
        shutil.rmtree(tmp)


def golden(scenario: str) -> Any:
    return json.loads((FIXTURES / f"{scenario}.json").read_text())


def anonymous(text: str, root: Path) -> str:
    """JSON text with the fixture tree's path written as `<fixture>`, as in the golden files."""
    return text.replace(json.dumps(str(root))[1:-1], "<fixture>")


def diff(a: Any, b: Any, path: str = "$") -> str | None:
    """The first difference between two parsed JSON values, or None. Numbers compare by
    exact value (an integer written as 12.0 equals 12), every other type strictly."""
    def kind(v: Any) -> str:
        if isinstance(v, bool) or v is None:
            return repr(v)
        if isinstance(v, (int, float)):
            return "number"
        return type(v).__name__
    if kind(a) != kind(b) and not (kind(a) in ("True", "False") and kind(b) in ("True", "False")):
        return f"{path}: {a!r} != {b!r}"
    if isinstance(a, dict):
        if list(a) != list(b):
            return f"{path}: keys {sorted(set(a) ^ set(b)) or list(a)} differ"
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
    if isinstance(a, float) or isinstance(b, float):
        from fractions import Fraction
        return None if Fraction(a) == Fraction(b) else f"{path}: {a!r} != {b!r}"
    return None if a == b else f"{path}: {a!r} != {b!r}"


@pytest.fixture(params=SCENARIOS)
def scenario(request: pytest.FixtureRequest) -> str:
    return str(request.param)
