"""Notifier: a long task that ends while the window is in the background tells the user.

Task ends come from the Clusters registry's `task_changed` stream. A task counts as ended
only when it was seen running before and is now stopped: tasks already finished when first
seen (the listing at start-up) never notify. Only long tasks notify — the types in
`LONG_TASK_TYPES`, or any task that ran `LONG_TASK_SECONDS` or more — so a start or a stop
does not pop up a message for every click.

`notified(title, body, key)` is the seam: every notification goes through it, whether or not
a tray shows it (tests observe it; `key` is the task's (cluster, upid)). Delivery itself is
`deliver(title, body, key, failed)`, set by the tray (ui/tray.py) when one exists.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, Signal

from ..pve.entities import Task
from . import kit

# Backups, restores, migrations, clones, templates, disk moves and the node's bulk actions:
# the tasks a user starts and then turns to something else while they run.
LONG_TASK_TYPES = frozenset({
    "vzdump", "qmrestore", "vzrestore", "qmigrate", "vzmigrate", "qmclone", "vzclone",
    "qmtemplate", "vztemplate", "qmmove", "vzmove_volume", "startall", "stopall", "migrateall",
    "suspendall",
})
LONG_TASK_SECONDS = 60  # any other task that ran this long is worth a notice too

Key = tuple[str, str]  # (cluster, upid)


def is_long(task: Task) -> bool:
    if task.type in LONG_TASK_TYPES:
        return True
    return bool(task.endtime) and task.endtime - task.starttime >= LONG_TASK_SECONDS


class Notifier(QObject):
    """Watches `clusters.task_changed`; words the end of a long task for the desktop."""

    notified = Signal(str, str, object)  # title, body, (cluster, upid)

    def __init__(self, clusters, tasks, is_window_active: Callable[[], bool], parent=None):
        """`tasks` is the TaskModel (its words for task types, guests and errors)."""
        super().__init__(parent)
        self._tasks = tasks
        self.is_window_active = is_window_active
        self.deliver: Callable[[str, str, Key, bool], None] | None = None  # title, body, key, failed
        self._running: set[Key] = set()
        clusters.task_changed.connect(self.task_changed)
        clusters.removed.connect(self._forget_cluster)

    def task_changed(self, task: Task) -> None:
        key = (task.cluster, task.upid)
        if task.running:
            self._running.add(key)
            return
        if key not in self._running:
            return  # finished before we first saw it (start-up listing), or told twice
        self._running.discard(key)
        if not is_long(task) or self.is_window_active():
            return
        title, body = self.texts(task)
        self.notified.emit(title, body, key)
        if self.deliver is not None:
            self.deliver(title, body, key, task.failed)

    def texts(self, task: Task) -> tuple[str, str]:
        """('Backup finished', 'VM 100 (web1) on cluster demo') — with the reason when it failed."""
        kind = self._tasks.type_text(task)
        guest = self._tasks.guest_label(task)
        where = (kit.fmt(self.tr("%1 on cluster %2"), guest, task.cluster) if guest
                 else kit.fmt(self.tr("On cluster %1"), task.cluster))
        if task.failed:
            reason = self._tasks.error_text(task) or self.tr("unknown error")
            return kit.fmt(self.tr("%1 failed"), kind), where + "\n" + reason
        if task.exitstatus != "OK":
            return kit.fmt(self.tr("%1 finished with warnings"), kind), where
        return kit.fmt(self.tr("%1 finished"), kind), where

    def _forget_cluster(self, cluster_id: str) -> None:
        self._running = {key for key in self._running if key[0] != cluster_id}
