"""What changed in a cluster while the app was closed: the last-known guest list (`last_known.py`)
against the first live one, with the cluster's tasks since then saying who did it; and, while it
runs, the list of one check against the next (`ui/live_changes.py`). Qt-free.

Kinds of change: a guest created, destroyed, migrated (its node changed), started or stopped
(its state changed), and tasks that failed (backups apart: a failed backup is its own kind).
Each change names the task's user where a task since then explains it (`/cluster/tasks` lists
everyone's recent tasks, on every node).

Only the newest KEPT changes of a cluster are kept (`found_changes`, the feed, its file): a
cluster whose guests are created and destroyed by the thousand (a CI farm, a cluster rebuilt)
otherwise made every start compare, list and write them all again on the GUI thread, and the
feed's file grew with every start until "Mark as seen" (12,000 changes: a 0.4 s freeze).
"""

from __future__ import annotations

import heapq
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from .pve.entities import Instance, Task

CREATED, DESTROYED, MIGRATED, STARTED, STOPPED, TASK_FAILED, BACKUP_FAILED = (
    "created", "destroyed", "migrated", "started", "stopped", "task-failed", "backup-failed")
KINDS = (CREATED, DESTROYED, MIGRATED, STARTED, STOPPED, TASK_FAILED, BACKUP_FAILED)
KEPT = 500  # the newest changes of a cluster the feed lists and keeps; the rest are counted

# Task types (PVE's UPID types) that explain each kind of change.
EXPLAINED_BY = {
    CREATED: {"qmcreate", "vzcreate", "qmclone", "vzclone", "qmrestore", "vzrestore"},
    DESTROYED: {"qmdestroy", "vzdestroy"},
    MIGRATED: {"qmigrate", "vzmigrate", "hamigrate", "harelocate", "qmremotemigrate"},
    STARTED: {"qmstart", "vzstart", "qmresume", "vzresume", "hastart"},
    STOPPED: {"qmstop", "vzstop", "qmshutdown", "vzshutdown", "qmsuspend", "vzsuspend", "qmpause", "hastop"},
}


@dataclass(frozen=True)
class Change:
    cluster: str
    kind: str
    vmid: int | None
    name: str  # the guest's name (as the server said it: plain text)
    detail: str = ""  # the old → new node, the failed task's type and exit status
    user: str = ""  # who did it, when a task says so
    when: int = 0  # epoch seconds: the task's start, or 0 (between the two lists)
    upid: str = ""


def changes(cluster: str, before: Iterable[Instance], after: Iterable[Instance],
            tasks: Iterable[Task], since: float) -> list[Change]:
    """The changes between the two lists, explained by the tasks started after `since`, newest first."""
    return found_changes(cluster, before, after, tasks, since)[0]


def found_changes(cluster: str, before: Iterable[Instance], after: Iterable[Instance], tasks: Iterable[Task],
                  since: float, limit: int | None = None) -> tuple[list[Change], int]:
    """`changes`, the newest `limit` of them only (None: all), and how many there were in all.
    Only those kept are made into Changes."""
    old = {g.vmid: g for g in before}
    new = {g.vmid: g for g in after}
    recent = sorted((t for t in tasks if t.starttime >= int(since)), key=lambda t: t.starttime)
    latest: dict[tuple[int, str], Task] = {}
    for task in recent:  # the newest task of each kind per guest explains the change
        vmid = task.vmid
        if vmid is None:
            continue
        for kind, types in EXPLAINED_BY.items():
            if task.type in types:
                latest[(vmid, kind)] = task

    # (sort key, kind, guest, detail, task): a Change is made only for the ones kept.
    found: list[tuple] = []

    def add(kind: str, guest: Instance, detail: str = "") -> None:
        task = latest.get((guest.vmid, kind))
        found.append(((-(task.starttime if task else 0), guest.vmid, kind), kind, guest, detail, task))

    for vmid, guest in new.items():
        was = old.get(vmid)
        if was is None:
            add(CREATED, guest)
            continue
        if was.node != guest.node:
            add(MIGRATED, guest, "{0} → {1}".format(was.node, guest.node))
        if _running(was) != _running(guest):
            add(STARTED if _running(guest) else STOPPED, guest)
    for vmid, guest in old.items():
        if vmid not in new:
            add(DESTROYED, guest)
    failed = failures(cluster, recent, GuestNames(old, new))
    total = len(found) + len(failed)
    if limit is not None and len(found) > limit:
        found = heapq.nsmallest(limit, found, key=lambda item: item[0])
    made = [Change(cluster, kind, guest.vmid, guest.name, detail, task.user if task else "",
                   task.starttime if task else 0, task.upid if task else "")
            for _key, kind, guest, detail, task in found]
    kept = newest_first(made + failed)
    return (kept if limit is None else kept[:limit]), total


def failures(cluster: str, tasks: Iterable[Task], names: Mapping[int, str] | GuestNames) -> list[Change]:
    """The tasks that ended failed (a backup's failure is its own kind); `names`: vmid -> guest name."""
    found = []
    for task in tasks:
        if task.running or task.ok:
            continue
        kind = BACKUP_FAILED if task.type == "vzdump" else TASK_FAILED
        found.append(Change(cluster, kind, task.vmid, names.get(task.vmid, "") if task.vmid else "",
                            "{0}: {1}".format(task.type, task.exitstatus), task.user, task.starttime, task.upid))
    return found


def newest_first(found: Iterable[Change]) -> list[Change]:
    return sorted(found, key=lambda c: (-c.when, c.vmid or 0, c.kind))


class GuestNames:
    """vmid -> guest name for `failures`: from the last of several vmid-keyed lists (of anything
    with a `name`) that has the guest, without merging lists of 10,000 entries into one."""

    def __init__(self, *lists: Mapping[int, object]):
        self._lists = lists

    def get(self, vmid, default: str = "") -> str:
        for guests in reversed(self._lists):
            guest = guests.get(vmid)
            if guest is not None:
                return guest.name
        return default


def _running(guest: Instance) -> bool:
    return guest.status == "running"


def tasks_of(cluster: str, listing: Iterable[Mapping]) -> list[Task]:
    """Tasks from a /cluster/tasks answer (entries without a readable UPID skipped)."""
    out = []
    for item in listing:
        try:
            out.append(Task.from_listing(cluster, item))
        except (KeyError, ValueError, TypeError):
            continue
    return out
