"""Backups and snapshots in PVE's own strings: vzdump progress lines, backup file names,
the snapshot list as a tree. Pure functions, no I/O, no Qt.

vzdump writes its progress only into the task log (QEMU guests):

    INFO:  42% (13.4 GiB of 32.0 GiB) in 1m 5s, read: 211.0 MiB/s, write: 205.3 MiB/s

Containers have no percentage (tar streams the files): show an indeterminate bar.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import NamedTuple

_UNIT = {"": 1, "B": 1, "KIB": 1024, "MIB": 1024 ** 2, "GIB": 1024 ** 3, "TIB": 1024 ** 4, "PIB": 1024 ** 5,
         "KB": 1000, "MB": 1000 ** 2, "GB": 1000 ** 3, "TB": 1000 ** 4, "K": 1024, "M": 1024 ** 2,
         "G": 1024 ** 3, "T": 1024 ** 4}
_SIZE = r"(\d+(?:\.\d+)?)\s*([KMGTP]?i?B|[KMGT])?"
_PROGRESS = re.compile(
    r"^INFO:\s+(\d{1,3})%\s+\(" + _SIZE + r"\s+of\s+" + _SIZE + r"\)\s+in\s+([\dwdhms\s]+?)\s*"
    r"(?:,\s*read:\s*" + _SIZE + r"/s)?(?:,\s*write:\s*" + _SIZE + r"/s)?\s*$", re.IGNORECASE)
_DURATION_PART = re.compile(r"(\d+)\s*([wdhms])")


class Progress(NamedTuple):
    """One vzdump progress line: percent done, bytes done/total, seconds so far, read/write bytes per second."""

    percent: int
    done: int
    total: int
    seconds: int
    read_rate: float
    write_rate: float

    def eta(self) -> int | None:
        """Seconds left at the average pace so far; None when it cannot be told yet."""
        if self.percent <= 0 or self.seconds <= 0:
            return None
        if self.percent >= 100:
            return 0
        fraction = self.done / self.total if self.total else self.percent / 100.0
        if fraction <= 0:
            return None
        return max(0, int(round(self.seconds * (1 - fraction) / fraction)))


def size_bytes(number: str, unit: str | None) -> int:
    """'13.4', 'GiB' -> bytes. Binary units as vzdump prints them; decimal ones accepted too."""
    return int(float(number) * _UNIT.get((unit or "").upper(), 1))


def duration_seconds(text: str) -> int:
    """pve-common's render_duration: '42s', '1m 5s', '2h 3m 4s', '1d 2h 3m 4s', '1w 2d 3h 4m 5s' -> seconds."""
    factor = {"w": 7 * 86400, "d": 86400, "h": 3600, "m": 60, "s": 1}
    return sum(int(n) * factor[u.lower()] for n, u in _DURATION_PART.findall(text or ""))


def parse_progress(line: str) -> Progress | None:
    """A vzdump progress line, or None for any other log line."""
    m = _PROGRESS.match((line or "").strip("\r\n"))
    if not m:
        return None
    pct, dn, du, tn, tu, took, rn, ru, wn, wu = m.groups()
    return Progress(percent=min(100, int(pct)), done=size_bytes(dn, du), total=size_bytes(tn, tu),
                    seconds=duration_seconds(took),
                    read_rate=float(size_bytes(rn, ru)) if rn else 0.0,
                    write_rate=float(size_bytes(wn, wu)) if wn else 0.0)


def last_progress(lines: Iterable[str]) -> Progress | None:
    """The newest progress line among log lines (oldest first)."""
    found = None
    for line in lines:
        p = parse_progress(line)
        if p is not None:
            found = p
    return found


# ------------------------------------------------------------------ backup files

_BACKUP_NAME = re.compile(
    r"^vzdump-(qemu|lxc|openvz)-(\d+)-(\d{4})_(\d{2})_(\d{2})-(\d{2})_(\d{2})_(\d{2})"
    r"\.(vma|tar)(?:\.(zst|lzo|gz|bz2|xz))?$")


class BackupName(NamedTuple):
    """What a vzdump archive's name tells: guest kind, vmid, the time it was taken (as written: local
    time of the node, as a tuple), archive format and compression."""

    kind: str  # "qemu" or "lxc"
    vmid: int
    stamp: tuple[int, int, int, int, int, int]  # year, month, day, hour, minute, second
    archive: str  # "vma" or "tar"
    compression: str  # "zst", "lzo", "gz" ... or "" for none


def file_name(volid: str) -> str:
    """'nfs-storage:backup/vzdump-qemu-100-....vma.zst' -> 'vzdump-qemu-100-....vma.zst'."""
    tail = volid.split(":", 1)[-1]
    return tail.rsplit("/", 1)[-1]


def storage_of(volid: str) -> str:
    """The storage id of a volume id ('' when there is none)."""
    return volid.split(":", 1)[0] if ":" in volid else ""


def parse_backup_name(name_or_volid: str) -> BackupName | None:
    """Parse a vzdump archive name (or a volume id holding one); None if it is not one."""
    m = _BACKUP_NAME.match(file_name(name_or_volid))
    if not m:
        return None
    kind, vmid = m.group(1), int(m.group(2))
    stamp = tuple(int(m.group(i)) for i in range(3, 9))
    return BackupName("lxc" if kind == "openvz" else kind, vmid, stamp, m.group(9), m.group(10) or "")  # type: ignore[arg-type]


def archive_name(kind: str, vmid: int, stamp: tuple[int, int, int, int, int, int], compression: str = "zst") -> str:
    """The name vzdump gives: vzdump-qemu-100-2026_11_20-01_00_02.vma.zst (tar for containers)."""
    ext = "vma" if kind == "qemu" else "tar"
    if compression and compression not in ("0", "none"):
        ext += "." + {"gzip": "gz", "pigz": "gz"}.get(compression, compression)
    return "vzdump-{0}-{1}-{2:04d}_{3:02d}_{4:02d}-{5:02d}_{6:02d}_{7:02d}.{8}".format(kind, vmid, *stamp, ext)


# ------------------------------------------------------------------ snapshots

CURRENT = "current"
SNAPSHOT_NAME = re.compile(r"^[A-Za-z][A-Za-z0-9_-]*$")
SNAPSHOT_NAME_MAX = 40


def snapshot_name_problem(name: str) -> str:
    """'' if PVE accepts the snapshot name, else a key: 'empty', 'first', 'chars', 'long', 'reserved'."""
    if not name:
        return "empty"
    if len(name) > SNAPSHOT_NAME_MAX:
        return "long"
    if not name[0].isascii() or not name[0].isalpha():
        return "first"
    if not SNAPSHOT_NAME.match(name):
        return "chars"
    if name.lower() in (CURRENT, "pending", "vzdump"):
        return "reserved"
    return ""


@dataclass(frozen=True, slots=True)
class SnapNode:
    """A snapshot (or the "current" NOW entry) with its children, oldest first."""

    name: str
    parent: str
    snaptime: int
    description: str
    vmstate: bool
    is_current: bool
    running: bool
    children: tuple[SnapNode, ...] = ()


def snapshot_tree(items: Iterable[Mapping]) -> tuple[SnapNode, ...]:
    """Build the tree PVE's web UI shows from GET .../snapshot: roots (oldest first), each with children.

    Every entry names its `parent`; the `current` entry ("NOW") hangs under the active snapshot,
    or is a root when there is none. Children are ordered by snaptime with NOW always last. An
    entry whose parent is missing (a broken chain) becomes a root rather than vanishing; cycles
    are cut.
    """
    entries = {}
    for item in items:
        name = str(item.get("name") or "")
        if not name:
            continue
        entries[name] = item
    children: dict[str, list[str]] = {}
    roots: list[str] = []
    for name, item in entries.items():
        parent = str(item.get("parent") or "")
        if parent and parent in entries and parent != name:
            children.setdefault(parent, []).append(name)
        else:
            roots.append(name)

    def order(name: str):
        item = entries[name]
        return (name == CURRENT, int(item.get("snaptime") or 0), name)

    seen: set[str] = set()

    def build(name: str) -> SnapNode | None:
        if name in seen:
            return None
        seen.add(name)
        item = entries[name]
        kids = tuple(n for n in (build(c) for c in sorted(children.get(name, ()), key=order)) if n is not None)
        is_current = name == CURRENT
        return SnapNode(name=name, parent=str(item.get("parent") or ""), snaptime=int(item.get("snaptime") or 0),
                        description=str(item.get("description") or "") if not is_current else "",
                        vmstate=bool(int(item.get("vmstate") or 0)), is_current=is_current,
                        running=bool(int(item.get("running") or 0)), children=kids)

    out = [n for n in (build(r) for r in sorted(roots, key=order)) if n is not None]
    # Entries only reachable through a cycle: show them as roots too.
    for name in sorted(set(entries) - seen, key=order):
        node = build(name)
        if node is not None:
            out.append(node)
    return tuple(out)
