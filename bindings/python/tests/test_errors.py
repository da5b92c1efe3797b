"""Errors map to exceptions: ProbeError, a subclass per error kind, TypeError for wrong
argument types."""
from __future__ import annotations

import pytest

import libprobe

KINDS = ["io", "permission_denied", "not_found", "gone", "parse", "too_large", "unsupported",
         "not_present", "invalid_argument", "timed_out"]


def test_one_subclass_per_error_kind() -> None:
    classes = [getattr(libprobe, n) for n in libprobe.__all__ if n.endswith("Error") and n != "ProbeError"]
    assert sorted(c.kind for c in classes) == sorted(KINDS)
    for c in classes:
        assert issubclass(c, libprobe.ProbeError) and issubclass(c, Exception)
        assert c.__module__ == "libprobe" and c.__doc__
    assert libprobe.ProbeError.kind == "error"


def test_unknown_domain() -> None:
    with pytest.raises(libprobe.InvalidArgumentError, match="unknown domain `nope`") as e:
        libprobe.Probe(domains="process,nope")
    assert isinstance(e.value, libprobe.ProbeError) and e.value.kind == "invalid_argument"
    with pytest.raises(libprobe.InvalidArgumentError):
        libprobe.Probe(domains=["process", 3])  # type: ignore[list-item]
    with pytest.raises(libprobe.InvalidArgumentError):
        libprobe.Probe(domains=3)  # type: ignore[arg-type]


def test_invalid_values() -> None:
    with pytest.raises(libprobe.InvalidArgumentError):
        libprobe.Probe(max_file_bytes=0)
    with pytest.raises(OverflowError):
        libprobe.Probe(max_file_bytes=-1)
    with pytest.raises(libprobe.InvalidArgumentError, match="process.threads.*257 is not an integer from 0 to 256"):
        libprobe.Probe(process={"threads": 257})
    with pytest.raises(libprobe.InvalidArgumentError, match="process.threads.*negative"):
        libprobe.Probe(process={"threads": -1})


def test_wrong_types_and_names_are_type_errors() -> None:
    with pytest.raises(TypeError):
        libprobe.Probe(bogus=True)  # type: ignore[call-arg]
    with pytest.raises(TypeError, match="option `process.fds`: expected true or false"):
        libprobe.Probe(process={"fds": "yes"})  # type: ignore[typeddict-item]
    with pytest.raises(TypeError, match="process.pids"):
        libprobe.Probe(process={"pids": "12"})  # type: ignore[typeddict-item]
    with pytest.raises(TypeError, match="process.threads"):
        libprobe.Probe(process={"threads": True})
    with pytest.raises(TypeError, match="process: expected a mapping"):
        libprobe.Probe(process=["fds"])  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        libprobe.Probe(True)  # type: ignore[misc]
