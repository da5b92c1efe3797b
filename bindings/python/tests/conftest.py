"""Shared helpers for the Python binding's tests: the repository's fixture trees and the
JSON comparison every face is held to."""
from __future__ import annotations

import json
import os
import shutil
import tempfile
from pathlib import Path
from typing import Any, Callable

import pytest

ROOT = Path(__file__).resolve().parents[3]
FIXTURES = ROOT / "tests" / "fixtures"
SCENARIOS = sorted(p.name for p in FIXTURES.iterdir() if p.is_dir())

# The options of the golden files (libprobe-core/tests/golden.rs): every field group.
GOLDEN_OPTIONS = dict(smaps_rollup=True, maps=True, fds=True, environ=True, taskstats=True, conntrack=True)


def golden_options(scenario: str) -> dict[str, Any]:
    """GOLDEN_OPTIONS, and the domains golden.rs takes: the network scenarios hold one
    process and the network, the storage scenarios the storage domain."""
    if scenario.startswith("net-"):
        return dict(GOLDEN_OPTIONS, domains="process,network")
    if scenario.startswith("storage-"):
        return dict(GOLDEN_OPTIONS, domains="storage")
    return dict(GOLDEN_OPTIONS)


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
