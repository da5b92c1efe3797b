"""The Python objects of every fixture tree: the same JSON as the core's golden files, and
every value of the type its generated stub declares."""
from __future__ import annotations

import ast
import json
from pathlib import Path
from typing import Any

import libprobe
from conftest import anonymous, diff, golden, golden_options, snapshot_of


def taker(scenario: str) -> Any:
    def take(root: Path) -> Any:
        return libprobe.Probe(fixture=root, **golden_options(scenario)).snapshot
    return take


take = taker("")


def test_json_from_python_objects_matches_the_golden_file(scenario: str) -> None:
    snap, root = snapshot_of(scenario, taker(scenario))
    ours = json.loads(anonymous(snap.to_json(), root))
    d = diff(ours, golden(scenario))
    assert d is None, f"{scenario}: {d}"


def test_to_dict_is_the_json_shape(scenario: str) -> None:
    snap, root = snapshot_of(scenario, taker(scenario))
    d = snap.to_dict()
    assert list(d)[: len(type(snap)._fields)] == list(type(snap)._fields)
    assert json.loads(snap.to_json()) == json.loads(json.dumps(d))


class Stub:
    """The generated `_libprobe.pyi`, read with `ast`: each record class's properties and
    their annotations, and each enum alias's names."""

    def __init__(self) -> None:
        path = Path(libprobe.__file__).with_name("_libprobe.pyi")
        tree = ast.parse(path.read_text())
        self.enums: dict[str, set[str]] = {}
        self.records: dict[str, dict[str, ast.expr]] = {}
        for node in tree.body:
            if isinstance(node, ast.Assign) and isinstance(node.value, ast.Subscript):
                name = node.targets[0].id  # type: ignore[attr-defined]
                elts = node.value.slice.elts if isinstance(node.value.slice, ast.Tuple) else [node.value.slice]
                self.enums[name] = {e.value for e in elts}  # type: ignore[attr-defined]
            if isinstance(node, ast.ClassDef) and any(
                    isinstance(b, ast.Name) and b.id == "Record" for b in node.bases):
                self.records[node.name] = {
                    f.name: f.returns for f in node.body
                    if isinstance(f, ast.FunctionDef) and f.returns is not None}
        self.checked = 0

    def record(self, rec: Any, where: str) -> None:
        name = type(rec).__name__
        assert name in self.records, f"{where}: {name} has no stub class"
        props = self.records[name]
        assert list(props) == list(type(rec)._fields), f"{where}: {name}'s stub and runtime fields differ"
        for field, ann in props.items():
            self.value(getattr(rec, field), ann, f"{where}.{field}")

    def value(self, v: Any, ann: ast.expr, where: str) -> None:
        self.checked += 1
        if isinstance(ann, ast.Name):
            simple = {"int": int, "float": float, "str": str, "bool": bool}
            if ann.id in simple:
                assert type(v) is simple[ann.id], f"{where}: {v!r} is not {ann.id}"
            elif ann.id in self.enums:
                assert v in self.enums[ann.id], f"{where}: {v!r} is not in {ann.id}"
            else:
                assert type(v).__name__ == ann.id, f"{where}: {type(v).__name__} is not {ann.id}"
                self.record(v, where)
            return
        assert isinstance(ann, ast.Subscript) and isinstance(ann.value, ast.Name), ast.dump(ann)
        args = ann.slice.elts if isinstance(ann.slice, ast.Tuple) else [ann.slice]
        if ann.value.id == "Union":
            if v is None:
                assert any(isinstance(a, ast.Constant) and a.value is None for a in args), f"{where}: None"
                return
            self.value(v, args[0], where)
        elif ann.value.id == "list":
            assert type(v) is list, f"{where}: {v!r} is not a list"
            for i, x in enumerate(v):
                self.value(x, args[0], f"{where}[{i}]")
        elif ann.value.id == "dict":
            assert type(v) is dict, f"{where}: {v!r} is not a dict"
            for k, x in v.items():
                self.value(k, args[0], f"{where}[{k!r}]")
                self.value(x, args[1], f"{where}[{k!r}]")
        else:
            raise AssertionError(f"{where}: unexpected annotation {ast.dump(ann)}")


def test_every_value_has_its_stub_type(scenario: str) -> None:
    stub = Stub()
    snap, _ = snapshot_of(scenario, taker(scenario))
    stub.record(snap, "snapshot")
    assert stub.checked > 100


def test_every_record_class_has_a_stub_class() -> None:
    stub = Stub()
    runtime = {n for n in libprobe.__all__
               if isinstance(getattr(libprobe, n), type) and issubclass(getattr(libprobe, n), libprobe.Record)
               and n != "Record"}
    assert runtime == set(stub.records)


def test_bytes_are_surrogate_escaped_and_round_trip() -> None:
    snap, _ = snapshot_of("adversarial-names", take)
    by_pid = {p.pid: p for p in snap.processes}
    name = by_pid[587].name
    assert name == "bad\udcff\udcfeutf8"
    assert name.encode("utf-8", "surrogateescape") == b"bad\xff\xfeutf8"
    assert by_pid[585].name == "new\nline"
    assert by_pid[586].name.encode("utf-8", "surrogateescape") == b"\x1b[31mred\x1b[0m"
    assert '"bad\\udcff\\udcfeutf8"' in by_pid[587].to_json()
    assert by_pid[587].environ["NOEQUALS"] == ""


def test_missing_values_are_none_with_a_reason() -> None:
    snap, _ = snapshot_of("broken", take)
    by_pid = {p.pid: p for p in snap.processes}
    p13 = by_pid[13]
    assert p13.io_read_bytes is None
    assert p13.reason_of("io_read_bytes") == "error"
    assert p13.unavailable["io_read_bytes"] == "error"
    assert p13.limits is not None and p13.reason_of("limits") is None
    # RssFile + RssShmem past 2^64: missing with `error`, never saturated.
    assert by_pid[17].memory_shared is None and by_pid[17].reason_of("memory_shared") == "error"
    assert by_pid[17].cpu_user_ticks == 18446744073709551615
    adv, _ = snapshot_of("adversarial-names", take)
    zombie = next(p for p in adv.processes if p.pid == 593)
    assert zombie.state == "zombie" and zombie.exe is None and zombie.reason_of("exe") == "zombie"


def test_rates_come_from_the_second_snapshot() -> None:
    snap, _ = snapshot_of("linux-6.18-vm", take)
    python = next(p for p in snap.processes if p.name == "python3")
    assert python.cpu_percent is not None and 5 < python.cpu_percent < 60
    first = libprobe.Probe(fixture=Path(__file__).resolve().parents[3] / "tests/fixtures/linux-6.18-vm/t0").snapshot()
    assert all(p.cpu_percent is None and p.reason_of("cpu_percent") == "no_previous_sample" for p in first.processes)
