"""Type-checked by `mypy --strict` (make test-python) against the generated stubs: they are
valid and describe the API as the tests use it. Also runs as a smoke test."""
from __future__ import annotations

import libprobe
from libprobe import ProcessFull, Snapshot


def main() -> None:
    probe = libprobe.Probe(domains=["process", "system"], process={"fds": True, "pids": None, "cgroup_limits": True})
    snap: Snapshot = probe.snapshot()
    procs: list[ProcessFull] = snap.processes or []
    for p in procs:
        rss: int | None = p.memory_rss
        cpu: float | None = p.cpu_percent
        why: str | None = p.reason_of("cpu_percent")
        missing = p.unavailable
        nofile = p.limits.max_open_files if p.limits else None
        soft: int | None = nofile.soft if nofile else None
        args: list[str] | None = p.cmdline
        raw: bytes = p.name.encode("utf-8", "surrogateescape")
        state: str = p.state
        print(p.pid, rss, cpu, why, len(missing), soft, args and len(args), raw, state)
    text: str = snap.to_json(indent=2)
    as_dict = snap.to_dict()
    domains: tuple[str, ...] = probe.domains
    try:
        libprobe.Probe(domains="nope")
    except libprobe.InvalidArgumentError as e:
        print(e.kind, len(text), len(as_dict), domains)
    except libprobe.ProbeError:
        raise


if __name__ == "__main__":
    main()
