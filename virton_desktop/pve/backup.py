"""Backups and snapshots in PVE's own strings: vzdump progress lines, backup file names,
the snapshot list as a tree. Pure functions, no I/O, no Qt.

vzdump writes its progress only into the task log (QEMU guests):

    INFO:  42% (13.4 GiB of 32.0 GiB) in 1m 5s, read: 211.0 MiB/s, write: 205.3 MiB/s

Containers have no percentage (tar streams the files): show an indeterminate bar.
"""

from __future__ import annotations

import calendar
import re
import time
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import NamedTuple

from .entities import LXC, QEMU

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
#
# As pve-storage reads them (src/PVE/Storage.pm `archive_info`, `$BACKUP_EXT_RE_2`; Plugin.pm
# `KNOWN_COMPRESSION_FORMATS`, the backup branch of `$get_subdir_files`; PBSPlugin.pm
# `print_volid`, `parse_volname`, `list_volumes`) and as pve-manager's web UI shows them
# (www/manager6/Utils.js `render_storage_content`, `volume_is_qemu_backup`, `volume_is_lxc_backup`).

KNOWN_COMPRESSION_FORMATS = ("gz", "lzo", "zst", "bz2")
# `[0-9]`, not `\d`: PVE matches the file name's bytes, where only ASCII digits are digits.
_BACKUP_EXT = r"\.(tgz|(?:tar|vma)(?:\.(" + "|".join(KNOWN_COMPRESSION_FORMATS) + r"))?)"
_ARCHIVE = re.compile(r"(vzdump-(lxc|openvz|qemu)-.+" + _BACKUP_EXT + ")")
_LISTED = re.compile(r"[^/]+" + _BACKUP_EXT)
_STD_NAME = (r"vzdump-{0}-([1-9][0-9]{{2,8}})-([0-9]{{4}})_([0-9]{{2}})_([0-9]{{2}})"
             r"-([0-9]{{2}})_([0-9]{{2}})_([0-9]{{2}})\.{1}")
_PBS_VOLNAME = re.compile(r"backup/([^\s_]+)/([^\s_]+)/([0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}Z)")
_SHOWN_NAME = re.compile(r"^.*?:(.*?/)?")
_LXC_VOLUME = re.compile(r":backup/vzdump-(lxc|openvz)-")  # volume_is_lxc_backup


class ArchiveInfo(NamedTuple):
    """What pve-storage's `archive_info` reads from a vzdump archive's name.

    `type` is as written ("qemu", "lxc" or the old "openvz"), `format` "vma" or "tar" (a `.tgz` is a
    gzip'd tar), `compression` one of KNOWN_COMPRESSION_FORMATS or "". Only a standard name
    (`vzdump-<type>-<vmid>-YYYY_MM_DD-HH_MM_SS.<ext>`, a VMID of 3 to 9 digits, a real date) tells
    `vmid` and `ctime`; PVE reads that time in the node's time zone (`timelocal`), which a client
    cannot know: read as UTC, as pve-storage's own tests do (src/test/run_plugin_tests.pl sets TZ=UTC).
    """

    filename: str
    type: str
    format: str
    compression: str
    vmid: int | None
    ctime: int | None
    is_std_name: bool

    @property
    def kind(self) -> str:
        """"qemu" or "lxc" (an OpenVZ archive restores as a container)."""
        return QEMU if self.type == QEMU else LXC


class PbsSnapshot(NamedTuple):
    """A Proxmox Backup Server snapshot's volume name `backup/<type>/<id>/<UTC time>`
    (PBSPlugin.pm `print_volid`): `vmid` only for a numeric backup id."""

    btype: str  # "vm", "ct" (PVE lists only those), "host", ...
    backup_id: str
    vmid: int | None
    ctime: int

    @property
    def format(self) -> str:
        """What PVE's listing calls it: "pbs-vm", "pbs-ct"."""
        return "pbs-" + self.btype


class BackupName(NamedTuple):
    """What a standard vzdump archive name tells: guest kind, vmid, the time it was taken (as
    written: a tuple), archive format and compression."""

    kind: str  # "qemu" or "lxc"
    vmid: int
    stamp: tuple[int, int, int, int, int, int]  # year, month, day, hour, minute, second
    archive: str  # "vma" or "tar"
    compression: str  # "zst", "lzo", "gz", "bz2" or "" for none


def file_name(volid: str) -> str:
    """'nfs-storage:backup/vzdump-qemu-100-....vma.zst' -> 'vzdump-qemu-100-....vma.zst' (the basename)."""
    tail = volid.split(":", 1)[-1]
    return tail.rsplit("/", 1)[-1]


def shown_name(volid: str) -> str:
    """The name PVE's web UI shows for a volume (`render_storage_content`): the volume id without its
    storage and first directory: 'vzdump-qemu-100-....vma.zst', and for a PBS snapshot
    'vm/100/2023-01-01T00:00:00Z'."""
    return _SHOWN_NAME.sub("", volid, count=1)


def storage_of(volid: str) -> str:
    """The storage id of a volume id ('' when there is none)."""
    return volid.split(":", 1)[0] if ":" in volid else ""


def backup_extension(name: str) -> str | None:
    """The `format` a backup storage lists a file of its dump directory with ('vma.zst', 'tgz', 'tar'),
    whatever the rest of its name; None for a file it does not list at all ('x.vma.xz')."""
    m = _LISTED.fullmatch(name)
    return m.group(1) if m else None


def archive_info(name_or_volid: str) -> ArchiveInfo | None:
    """pve-storage's `archive_info` of a vzdump archive name (or a volume id or path holding one);
    None where PVE dies ("couldn't determine archive info")."""
    name = name_or_volid.rsplit("/", 1)[-1]
    m = _ARCHIVE.fullmatch(name)
    if not m:
        return None
    filename, kind, extension, compression = m.groups()
    fmt = extension.split(".", 1)[0]
    if fmt == "tgz":
        fmt, compression = "tar", "gz"
    vmid = ctime = None
    std = re.fullmatch(_STD_NAME.format(kind, re.escape(extension)), name)
    if std:
        stamp = tuple(int(std.group(i)) for i in range(2, 8))
        try:
            datetime(*stamp)
        except ValueError:
            return None  # timelocal() dies on a month 13 or a 30 February, and archive_info with it
        vmid, ctime = int(std.group(1)), calendar.timegm(stamp)
    return ArchiveInfo(filename, kind, fmt, compression or "", vmid, ctime, bool(std))


def pbs_snapshot(volid: str) -> PbsSnapshot | None:
    """The PBS snapshot a volume id names (PBSPlugin.pm `parse_volname`), or None."""
    m = _PBS_VOLNAME.fullmatch(volid.split(":", 1)[-1])
    if not m:
        return None
    btype, bid, when = m.groups()
    try:
        ctime = calendar.timegm(time.strptime(when, "%Y-%m-%dT%H:%M:%SZ"))
    except ValueError:
        return None
    return PbsSnapshot(btype, bid, int(bid) if bid.isascii() and bid.isdigit() else None, ctime)


def backup_kind(volid: str, fmt: str = "", subtype: str = "") -> str:
    """"qemu", "lxc" or "" (neither: PVE's web UI does not restore it and shows it on no guest's
    page), as pve-manager's `volume_is_qemu_backup` and `volume_is_lxc_backup` tell."""
    if fmt == "pbs-vm" or ":backup/vzdump-qemu-" in volid or subtype == QEMU:
        return QEMU
    if fmt == "pbs-ct" or _LXC_VOLUME.search(volid) or subtype == LXC:
        return LXC
    return ""


def parse_backup_name(name_or_volid: str) -> BackupName | None:
    """A standard vzdump archive name (or a volume id holding one); None for any other name."""
    info = archive_info(name_or_volid)
    if info is None or not info.is_std_name:
        return None
    stamp = time.gmtime(info.ctime)[:6]
    return BackupName(info.kind, info.vmid, stamp, info.format, info.compression)  # type: ignore[arg-type]


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
    snapstate: str = ""


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
                        running=bool(int(item.get("running") or 0)), children=kids,
                        snapstate=str(item.get("snapstate") or ""))

    out = [n for n in (build(r) for r in sorted(roots, key=order)) if n is not None]
    # Entries only reachable through a cycle: show them as roots too.
    for name in sorted(set(entries) - seen, key=order):
        node = build(name)
        if node is not None:
            out.append(node)
    return tuple(out)
