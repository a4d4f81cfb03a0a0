"""What others change while the app runs, for the change feed ("since you last looked").

The feed's first part comes at start-up (ui/change_feed_view.py: the list saved at the last
close against the first live one). After that, every CHECK_EVERY_MS each live cluster's guest
list is compared with the one of the last check (change_feed.changes), and the cluster's tasks,
which the poll lane lists anyway (Clusters.task_changed: everyone's recent tasks), say who did
it and which ones failed. An administrator back from lunch finds what colleagues, HA and the
backup jobs did meanwhile, without the noise of the list updating live.

What this app did itself is not news to its user: a change is left out when this app started a
task of that kind on that guest (a stop, a migration...) since the last check, or when one of
its own tasks explains it (a bulk worker's guests run in the caller's name after it started; a
clone creates a guest under another vmid). Its own failed tasks are in the task panel already.
"""

from __future__ import annotations

import time
from collections import deque
from dataclasses import dataclass, field

import msgspec
from PySide6.QtCore import QObject, QTimer

from .. import change_feed
from ..change_feed import BACKUP_FAILED, CREATED, DESTROYED, MIGRATED, STARTED, STOPPED, TASK_FAILED, Change
from ..pve.entities import Task

CHECK_EVERY_MS = 60_000


class Mark(msgspec.Struct, frozen=True, gc=False):
    """A guest as a check remembers it: what change_feed.changes reads of an Instance, nothing
    more (10,000 of them stay small). Never tracked by the cyclic collector (it holds text and a
    number): as namedtuples, a tuple subclass the collector never untracks, ten clusters' 20,000
    marks were walked at every full collection, ~100,000 references."""

    vmid: int
    name: str
    node: str
    status: str


# PVE 9.1's bulk workers (pve/bulk.py) and the change each one's guests make.
BULK_KINDS = {"bulk-start": STARTED, "bulk-shutdown": STOPPED, "bulk-suspend": STOPPED, "bulk-migrate": MIGRATED}


@dataclass
class _Watch:
    """One cluster, from its first live list on."""

    baseline: dict[int, Mark]
    since: float  # the baseline's time
    explained_since: float  # tasks started from then on explain what changed (the check before)
    watching_since: float  # failures of tasks that ended before this are the start-up feed's
    tasks: dict[str, Task] = field(default_factory=dict)  # upid -> the latest word on it
    own: dict[str, Task] = field(default_factory=dict)  # upid -> a task this app started
    reported: set[str] = field(default_factory=set)  # failed tasks already in the feed


class LiveChanges(QObject):
    def __init__(self, window, record, interval_ms: int = CHECK_EVERY_MS, parent=None):
        """`record(cluster, changes)` puts changes into the feed (LastKnownState.record)."""
        super().__init__(parent)
        self.window = window
        self._record = record
        self._watches: dict[str, _Watch] = {}
        self.timer = QTimer(self)
        self.timer.setInterval(interval_ms)
        self.timer.timeout.connect(self.check_in_turns)
        self._due: deque[str] = deque()  # clusters this round's check has yet to compare
        self._next = QTimer(self)
        self._next.setSingleShot(True)
        self._next.setInterval(0)
        self._next.timeout.connect(self._check_next)

    def start(self) -> None:
        clusters = self.window.clusters
        clusters.added.connect(self._added)
        clusters.removed.connect(lambda cluster: self._watches.pop(cluster, None))
        clusters.polled.connect(self._polled)
        clusters.task_changed.connect(self._task)
        for session in clusters.sessions():
            self._added(session)
        self.timer.start()

    def watching(self, cluster: str) -> bool:
        """Its first live list is the baseline: changes from now on are fed."""
        return cluster in self._watches

    def check_now(self) -> None:
        """Compare every live cluster's list with the last check's and feed what others changed."""
        self._due.clear()
        for cluster in list(self._watches):
            self._check(cluster)

    def check_in_turns(self) -> None:
        """The minute's check, one cluster per turn of the event loop: ten clusters of 2,000 guests
        compared at once held the GUI thread 60-100 ms every minute (their marks, the diffs, the
        workers' polls taking the GIL meanwhile); one cluster is a few milliseconds."""
        self._due = deque(self._watches)
        self._next.start()

    def _check_next(self) -> None:
        while self._due:
            cluster = self._due.popleft()
            if cluster in self._watches:  # not removed or replaced meanwhile
                self._check(cluster)
                break
        if self._due:
            self._next.start()

    def _check(self, cluster: str) -> None:
        if self.window.model.is_stale(cluster):  # stale: compared once live
            return
        watch = self._watches[cluster]
        now = time.time()
        current = self._marks(cluster)
        # Tasks of the last two checks explain: one that ended just before the last check
        # shows in the list only at the poll after it.
        guests = [c for c in change_feed.changes(cluster, watch.baseline.values(), current.values(),
                                                 watch.tasks.values(), watch.explained_since)
                  if c.kind not in (TASK_FAILED, BACKUP_FAILED) and not self._own_change(watch, c)]
        ended = [t for t in watch.tasks.values()
                 if _ended_at(t) >= int(watch.watching_since) and t.upid not in watch.own
                 and t.upid not in watch.reported]
        failed = change_feed.failures(cluster, ended, change_feed.GuestNames(watch.baseline, current)) if ended else []
        watch.reported.update(c.upid for c in failed)
        keep_from = int(watch.since) - 1
        watch.tasks = {u: t for u, t in watch.tasks.items() if t.running or _ended_at(t) >= keep_from}
        watch.own = {u: t for u, t in watch.own.items() if t.running or _ended_at(t) >= keep_from}
        watch.baseline, watch.explained_since, watch.since = current, watch.since, now
        if guests or failed:
            self._record(cluster, change_feed.newest_first(guests + failed))

    # ------------------------------------------------------------ helpers

    def _added(self, session) -> None:
        self._watches.pop(session.name, None)  # a replaced session: watched from its first list
        session.task_started.connect(self._own)

    def _polled(self, cluster: str) -> None:
        if cluster not in self._watches and self.window.clusters.get(cluster) is not None:
            now = time.time()
            self._watches[cluster] = _Watch(self._marks(cluster), now, now, now)

    def _task(self, task: Task) -> None:
        watch = self._watches.get(task.cluster)
        if watch is not None:
            watch.tasks[task.upid] = task
            if task.upid in watch.own:
                watch.own[task.upid] = task

    def _own(self, task: Task) -> None:
        watch = self._watches.get(task.cluster)
        if watch is not None:
            watch.own[task.upid] = task

    def _marks(self, cluster: str) -> dict[int, Mark]:
        """The guests of `cluster`, walked without the other clusters' (10,000: ~9 ms)."""
        return {g.vmid: Mark(g.vmid, g.name, g.node, g.status) for g in self.window.model.instances_of(cluster)}

    @staticmethod
    def _own_change(watch: _Watch, change: Change) -> bool:
        own = watch.own.values()
        kinds = change_feed.EXPLAINED_BY.get(change.kind, set())
        if change.kind == DESTROYED:  # gone to another cluster: a remote migration of ours
            kinds = kinds | change_feed.EXPLAINED_BY[MIGRATED]
        if change.upid in watch.own or any(t.vmid == change.vmid and t.type in kinds for t in own):
            return True
        explaining = watch.tasks.get(change.upid)
        if explaining is not None:  # a guest's task a bulk worker of ours started in our name
            return any(BULK_KINDS.get(t.type) == change.kind and t.user == explaining.user
                       and explaining.starttime >= t.starttime for t in own)
        # No task explains it: a new guest while our clone or create ran (the task names the source
        # vmid), or a guest of our bulk worker whose own task is not listed yet.
        if change.kind == CREATED and any(t.type in kinds for t in own):
            return True
        return any(BULK_KINDS.get(t.type) == change.kind for t in own)


def _ended_at(task: Task) -> int:
    return task.endtime or task.starttime

