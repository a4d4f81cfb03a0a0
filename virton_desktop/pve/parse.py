"""PVE's string formats: UPIDs, tags, sizes. Pure functions, no I/O."""

from __future__ import annotations

import re
from typing import NamedTuple

from . import tags as _tags


class Upid(NamedTuple):
    node: str
    pid: int
    pstart: int
    starttime: int
    type: str
    id: str
    user: str


# pve-common PVE::UPID::decode: no blank or '/' in type, id or user (a token user keeps its '!').
_UPID = re.compile(r"^UPID:([^:\s/]+):([0-9A-Fa-f]+):([0-9A-Fa-f]+):([0-9A-Fa-f]+):([^:\s/]+):([^:\s/]*):([^:\s/]+):$")


def upid(text: str) -> Upid:
    """Split `UPID:{node}:{pid}:{pstart}:{starttime}:{type}:{id}:{user}:` (hex numbers)."""
    m = _UPID.match(text or "")
    if not m:
        raise ValueError("not a UPID: {0!r}".format(text))
    node, pid, pstart, start, ttype, tid, user = m.groups()
    return Upid(node, int(pid, 16), int(pstart, 16), int(start, 16), ttype, tid, user)


def tags(value: object) -> tuple[str, ...]:
    """PVE tags ("prod;web", older "prod,web" or blank separated: pve.tags.split) in their
    configured order, each once (the cluster's `tag-style` decides how they are shown:
    pve.tags.TagStyle.ordered)."""
    return tuple(dict.fromkeys(_tags.split(value)))


_UNITS = ("B", "KiB", "MiB", "GiB", "TiB", "PiB")


def human_bytes(n: float, precision: int = 1) -> str:
    """1536 -> '1.5 KiB'. Binary units, as PVE's web UI shows them."""
    value = float(n)
    for unit in _UNITS:
        if abs(value) < 1024 or unit == _UNITS[-1]:
            if unit == "B":
                return "{0} B".format(int(value))
            return "{0:.{1}f} {2}".format(value, precision, unit)
        value /= 1024
    raise AssertionError("unreachable")


def duration(seconds: int) -> str:
    """Uptime in the compact form PVE uses: '3d 04:05:06', '04:05:06'."""
    seconds = max(0, int(seconds))
    days, rest = divmod(seconds, 86400)
    hours, rest = divmod(rest, 3600)
    minutes, secs = divmod(rest, 60)
    clock = "{0:02d}:{1:02d}:{2:02d}".format(hours, minutes, secs)
    return "{0}d {1}".format(days, clock) if days else clock
