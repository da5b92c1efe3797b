"""libprobe: every metric a Linux kernel knows, in one snapshot.

    >>> import libprobe
    >>> snap = libprobe.Probe().snapshot()
    >>> for p in snap.processes or []:
    ...     print(p.pid, p.name, p.memory_rss)

Records are objects with the specification's snake_case attribute names. A value that
could not be read is ``None``, and ``record.unavailable`` / ``record.reason(name)`` say
why. ``to_dict()`` and ``to_json()`` give the JSON shape shared by every language.
See docs/python.md.
"""
from ._libprobe import *  # noqa: F401,F403
from ._libprobe import VERSION as __version__  # noqa: F401
from ._libprobe import __all__ as __all__  # noqa: F401
