"""Each cluster's last polled guest list, kept between runs: shown (stale, with its age) at the
next start before the login completes or while the cluster is unreachable, and compared with the
first live list to tell what changed while the app was closed (`change_feed.py`). Qt-free.

One file per cluster in `state_dir()/last-known/`, named by a hash of the cluster's key (a profile
id, or the name of a quick connection / the demo). The guests as /cluster/resources described
them — ids, names, nodes, states, tags, figures; never a ticket, password or token. Written
atomically; a damaged file is moved aside and the start goes on without it; a file of a newer
format is left alone.
"""

from __future__ import annotations

import hashlib
import json
import logging
import time
from collections.abc import Sequence
from dataclasses import dataclass, fields
from operator import attrgetter, itemgetter
from pathlib import Path

from . import file_lock
from .config_files import keep_aside, write_atomically
from .open_windows import state_dir
from .pve.entities import Instance

log = logging.getLogger(__name__)

SCHEMA_VERSION = 1
# What is kept of a guest: every field but the cluster's name (the profile may be renamed).
FIELDS = tuple(f.name for f in fields(Instance) if f.name != "cluster")


@dataclass(frozen=True)
class Snapshot:
    """A cluster's guest list as last polled, and when (time.time())."""

    saved_at: float
    guests: tuple[Instance, ...]


def directory(base: Path | None = None) -> Path:
    return (base or state_dir()) / "last-known"


def path_for(cluster_key: str, base: Path | None = None) -> Path:
    digest = hashlib.sha256(cluster_key.encode("utf-8")).hexdigest()[:24]
    return directory(base) / "{0}.json".format(digest)


_ROW = attrgetter(*FIELDS)


def rows_of(guests) -> list[tuple]:
    """The guests as rows of FIELDS (tags a tuple, written as a JSON list)."""
    return [_ROW(g) for g in guests]


ENCODE_EVERY = 500  # rows encoded at a time (~1-2 ms; json's encoder holds the GIL throughout)


def encode(cluster_key: str, saved_at: float, guests: Sequence[Instance]) -> str:
    """The file's text: what json.dumps gives for the whole object with the guests' rows, made
    and encoded in parts on the writer thread with a chance for the GUI thread to run between
    them (10,000 rows in one call hold the GIL ~20 ms: a stall of the window). The GUI thread
    hands over only the list of guests: an Instance never changes, and the rows made there for
    ten clusters of 2,000 held it 60 ms every minute, with the GIL shared with the polls."""
    head = json.dumps({"version": SCHEMA_VERSION, "cluster": cluster_key, "saved_at": saved_at,
                       "fields": list(FIELDS), "rows": []}, separators=(",", ":"))
    parts = []
    for start in range(0, len(guests), ENCODE_EVERY):
        rows = rows_of(guests[start:start + ENCODE_EVERY])
        parts.append(json.dumps(rows, separators=(",", ":"))[1:-1])
        time.sleep(0)
    return head[:-2] + ",".join(parts) + "]}"  # head ends in "rows":[]}


def save(cluster_key: str, saved_at: float, guests: Sequence[Instance], base: Path | None = None) -> None:
    """Raises OSError when the file cannot be written."""
    path = path_for(cluster_key, base)
    path.parent.mkdir(parents=True, exist_ok=True)
    write_atomically(path, encode(cluster_key, saved_at, guests))


def load(cluster_key: str, cluster_name: str, base: Path | None = None) -> Snapshot | None:
    """The snapshot, with its guests in `cluster_name`; None when there is none or it is unusable."""
    path = path_for(cluster_key, base)
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return None
    except OSError as exc:
        log.warning("last-known guest list not read: %s", exc)
        return None
    try:
        data = json.loads(text)
        if not isinstance(data, dict) or not isinstance(data.get("version"), int):
            raise ValueError("not a guest list")
        if data["version"] > SCHEMA_VERSION:
            return None  # a newer program's: not understood, never overwritten by a damaged-file move
        names = data["fields"]
        saved_at = float(data["saved_at"])
        guests = _guests(cluster_name, names, data["rows"])
    except (ValueError, KeyError, TypeError) as exc:
        try:
            with file_lock.exclusive(path):
                kept = keep_aside(path)
            log.warning("damaged last-known guest list moved to %s: %s", kept, exc)
        except OSError:
            pass  # left as it is, and never written over by a load
        return None
    return Snapshot(saved_at, guests)


_TEXT_FIELDS = ("name", "type", "node", "status", "lock", "hastate", "pool")
_REQUIRED = ("vmid", "name", "type", "node", "status")
YIELD_EVERY = 200  # rows built between two chances for the GUI thread to run Python (~1 ms)


def _guests(cluster: str, names: list, rows: list) -> tuple[Instance, ...]:
    """The rows as guests of `cluster`; ValueError for any row that is not one.

    The columns are looked up once per file, not per row: this runs on the reader thread while
    the GUI thread starts, and every millisecond it holds the GIL is one the GUI may wait for."""
    if not isinstance(names, list) or not isinstance(rows, list):
        raise ValueError("not a guest list")
    column = {name: i for i, name in enumerate(names)}
    kept = [name for name in FIELDS if name in column]
    if rows and any(name not in column for name in _REQUIRED):
        raise ValueError("missing " + next(name for name in _REQUIRED if name not in column))
    width = len(names)
    vmid_at = column.get("vmid")
    tags_at = kept.index("tags") if "tags" in kept else None
    text_at = [column[name] for name in _TEXT_FIELDS if name in column]
    pick = itemgetter(*(column[name] for name in kept))
    positional = kept == list(FIELDS)  # the usual file: the row is Instance's own field order
    guests = []
    for n, row in enumerate(rows):
        if n % YIELD_EVERY == 0:
            time.sleep(0)  # lets a waiting GUI thread take the GIL now, not after Python's 5 ms switch interval
        if not isinstance(row, list) or len(row) != width:
            raise ValueError("a row of the wrong length")
        vmid = row[vmid_at]
        if not isinstance(vmid, int) or isinstance(vmid, bool):
            raise ValueError("vmid")
        for i in text_at:
            if not isinstance(row[i], str):
                raise ValueError(names[i])
        values = list(pick(row)) if len(kept) > 1 else [pick(row)]
        if tags_at is not None:
            tags = values[tags_at]
            if not isinstance(tags, list) or not all(isinstance(t, str) for t in tags):
                raise ValueError("tags")
            values[tags_at] = tuple(tags)
        if positional:
            guests.append(Instance(cluster, *values))
        else:
            guests.append(Instance(cluster, **dict(zip(kept, values, strict=True))))
    return tuple(guests)
