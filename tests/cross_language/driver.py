"""Cross-language driver for the Python binding (see README.md): `driver.py ROOT [DOMAINS]`
keeps one Probe on the fixture tree ROOT with every field group (and DOMAINS, when given);
each `snapshot` line read from stdin prints one snapshot as a JSON line rendered from the
Python objects (Record.to_json walks their attributes)."""
import sys

import libprobe


def main() -> None:
    root = sys.argv[1]
    domains = sys.argv[2] if len(sys.argv) > 2 else None
    probe = libprobe.Probe(fixture=root, domains=domains,
                           process=dict(smaps_rollup=True, maps=True, fds=True, environ=True, taskstats=True),
                           network=dict(conntrack=True))
    for line in sys.stdin:
        if line.strip() == "snapshot":
            sys.stdout.write(probe.snapshot().to_json() + "\n")
            sys.stdout.flush()


if __name__ == "__main__":
    main()
