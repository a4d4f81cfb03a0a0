"""When the user last looked at each cluster's change feed, and the changes not marked as seen
since: kept between runs, so a change found at one start is still listed at the next until the
user marks it as seen (`ui/change_feed_view.py`). Qt-free.

The file is `change-feed.json` in the app's state folder, a `RecordFile` (atomic writes, damaged
content kept aside, a newer format never rewritten, two instances merged per cluster), keyed like
session restore (`profile:<id>`, `name:<name>`). It holds guest ids and names, node names, task
types, exit texts, UPIDs and PVE user names — never a ticket, password or token.

A cluster's entry keeps its newest `change_feed.KEPT` changes and counts the older ones it let go
(`dropped`, a field older versions carry along unread). The feed writes it from a thread of its
own (ui/change_feed_view.py): `SeenFile` takes one caller at a time.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass
from pathlib import Path

from .change_feed import KEPT, KINDS, Change
from .open_windows import state_dir
from .record_file import MAPPING, RecordFile

SCHEMA_VERSION = 1
FILE_NAME = "change-feed.json"
TEXT_FIELDS = ("kind", "name", "detail", "user", "upid")


@dataclass(frozen=True)
class Seen:
    """`seen_at`: when the feed was last marked as seen (time.time()), None before the first time;
    `unseen`: the changes found since, in the cluster of the name asked for."""

    seen_at: float | None
    unseen: tuple[Change, ...]
    dropped: int = 0  # changes found since seen_at and not kept (only the newest KEPT are)


def to_json(change: Change) -> dict:
    return {"kind": change.kind, "vmid": change.vmid, "name": change.name, "detail": change.detail,
            "user": change.user, "when": change.when, "upid": change.upid}


def from_json(cluster: str, raw) -> Change:
    if not isinstance(raw, dict) or raw.get("kind") not in KINDS:
        raise ValueError("not a change")
    if not all(isinstance(raw.get(name, ""), str) for name in TEXT_FIELDS):
        raise ValueError("a text that is not one")
    vmid, when = raw.get("vmid"), raw.get("when", 0)
    if vmid is not None and (not isinstance(vmid, int) or isinstance(vmid, bool)):
        raise ValueError("bad vmid")
    if not isinstance(when, int) or isinstance(when, bool):
        raise ValueError("bad time")
    return Change(cluster, raw["kind"], vmid, raw.get("name", ""), raw.get("detail", ""), raw.get("user", ""),
                  when, raw.get("upid", ""))


def _parse(_key: str, raw) -> dict:
    if not isinstance(raw, dict) or not isinstance(raw.get("unseen", []), list):
        raise ValueError("not a cluster's change feed")
    seen_at = raw.get("seen_at")
    if seen_at is not None and (not isinstance(seen_at, (int, float)) or isinstance(seen_at, bool)):
        raise ValueError("bad seen_at")
    dropped = raw.get("dropped", 0)
    if type(dropped) is not int or dropped < 0:
        dropped = 0  # a count only: a bad one costs the count, not the changes
    return {"seen_at": seen_at, "unseen": raw.get("unseen", []), "dropped": dropped}


class SeenFile:
    """`get(cluster_key, cluster_name)` at start; `put(cluster_key, seen_at, unseen)` when it changes."""

    def __init__(self, directory: Path | None = None):
        self.path = (directory or state_dir()) / FILE_NAME
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
        except OSError:
            pass  # a read-only home: the feed starts empty, saving says why it cannot
        self._lock = threading.Lock()  # the GUI thread reads, the feed's writer thread writes
        with self._lock:
            self._file = RecordFile(self.path, "clusters", MAPPING, SCHEMA_VERSION, _parse)

    def take_notices(self):
        with self._lock:
            return self._file.take_notices()

    def get(self, cluster_key: str, cluster_name: str) -> Seen:
        """The cluster's unseen changes, newest first, at most KEPT (a file written by an older
        version may hold more: they count as dropped)."""
        with self._lock:
            record = self._file.records.get(cluster_key)
        if record is None:
            return Seen(None, ())
        unseen = []
        for raw in record["unseen"]:
            if len(unseen) == KEPT:
                break
            try:
                unseen.append(from_json(cluster_name, raw))
            except ValueError:
                continue  # one unreadable change costs that change only
        return Seen(record["seen_at"], tuple(unseen), record["dropped"] + max(0, len(record["unseen"]) - KEPT))

    def put(self, cluster_key: str, seen_at: float | None, unseen, dropped: int = 0) -> None:
        """`unseen`: newest first; the newest KEPT are written, the others added to `dropped`.
        Raises config_files.SaveFailed."""
        unseen = list(unseen)
        entry = {"seen_at": seen_at, "unseen": [to_json(c) for c in unseen[:KEPT]],
                 "dropped": dropped + max(0, len(unseen) - KEPT)}
        with self._lock:
            self._file.put(cluster_key, entry)
