"""MigrationRunner: many migrations of one cluster, at most `limit` at a time (PVE's `maxworkers`
of migrateall, pve-manager PVE/API2/Nodes.pm): a request is sent when fewer than `limit` are
on their way or running; a slot frees when its task ends (the session's task stream) or its
request fails.

    runner = MigrationRunner(session, limit=4, parent=self)
    runner.started.connect(...)   # vmid, UPID
    runner.ended.connect(...)     # vmid, Task (ok or failed)
    runner.refused.connect(...)   # vmid, PveError of the request
    runner.run([(instance, params), ...])
"""

from __future__ import annotations

from collections import deque

from PySide6.QtCore import QObject, Signal

from ..pve import api
from ..pve.entities import Instance, Task


class MigrationRunner(QObject):
    started = Signal(int, str)  # vmid, UPID
    ended = Signal(int, object)  # vmid, Task
    refused = Signal(int, object)  # vmid, PveError
    finished = Signal()  # nothing queued, nothing running

    def __init__(self, session, limit: int, parent=None):
        super().__init__(parent)
        self.session = session
        self.limit = max(1, int(limit))
        self._queue: deque[tuple[Instance, dict]] = deque()
        self._busy = 0  # requests on their way + tasks running
        self._tasks: dict[str, int] = {}  # UPID -> vmid
        self.most_at_once = 0  # the highest number of migrations in flight together
        session.task_changed.connect(self._task_changed)

    @property
    def busy(self) -> bool:
        return bool(self._queue) or self._busy > 0

    def run(self, jobs: list[tuple[Instance, dict]]) -> None:
        self._queue.extend(jobs)
        self._next()

    def _next(self) -> None:
        while self._queue and self._busy < self.limit:
            inst, params = self._queue.popleft()
            self._busy += 1
            self.most_at_once = max(self.most_at_once, self._busy)
            self.session.run(api.migrate(inst, params)).then(
                self, lambda data, error, i=inst: self._sent(i, data, error))
        if not self.busy:
            self.finished.emit()

    def _sent(self, inst: Instance, data, error) -> None:
        if error is not None:
            self._busy -= 1
            self.refused.emit(inst.vmid, error)
            self._next()
            return
        upid = str(data or "")
        self._tasks[upid] = inst.vmid
        self.started.emit(inst.vmid, upid)

    def _task_changed(self, task: Task) -> None:
        if task.running or task.upid not in self._tasks:
            return
        vmid = self._tasks.pop(task.upid)
        self._busy -= 1
        self.ended.emit(vmid, task)
        self._next()
