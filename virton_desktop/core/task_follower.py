"""TaskFollower: reads one task's log while it runs, with at most one request in flight.

    follower = TaskFollower(session, task, parent)
    follower.lines.connect(show)            # new log lines, in order
    follower.finished.connect(done)         # the task ended and its log was read to the end
    follower.start()

While the task runs it asks for the lines after the ones it has (`pve.tasklog.TaskLogCursor`)
`interval_ms` after the previous answer, so requests never pile up on a slow cluster; a full
page is followed by the next one at once. When the log's closing line (`TASK ...`) arrives it
reads the task's status (`task_updated`), then stops with `finished(Task)`. A task that ends
by other news (`update_task`, from the session's task stream) gets its remaining lines read
once more. A request that fails is tried again after `interval_ms`, except when the task is
gone (`NotFound`): then the follower stops; either way `failed(error)` tells.
"""

from __future__ import annotations

from collections import deque

from PySide6.QtCore import QObject, QTimer, Signal

from ..pve import api, errors
from ..pve.entities import Task
from ..pve.tasklog import PAGE, TaskLogCursor

INTERVAL_MS = 1000
TAIL_LINES = 50


class TaskFollower(QObject):
    lines = Signal(list)  # list[str]: lines not delivered before
    task_updated = Signal(object)  # Task: a newer status this follower read itself
    finished = Signal(object)  # Task: ended, log read to the end; no request follows
    failed = Signal(object)  # PveError of one request (`following` is False when it gave up)

    def __init__(self, session, task: Task, parent=None, *, interval_ms: int = INTERVAL_MS, page: int = PAGE):
        super().__init__(parent)
        self.session = session
        self._task = task
        self._cursor = TaskLogCursor(task.node, task.upid, page)
        self._tail: deque[str] = deque(maxlen=TAIL_LINES)
        self._reply = None
        self._following = False
        self._done = False
        self._read_after_end = False  # a log page was asked for after the task was known to have ended
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(interval_ms)
        self._timer.timeout.connect(self._tick)

    # ------------------------------------------------------------ public

    @property
    def task(self) -> Task:
        return self._task

    @property
    def following(self) -> bool:
        """True from `start()` until finished, given up or stopped."""
        return self._following

    @property
    def line_count(self) -> int:
        return self._cursor.offset

    @property
    def tail(self) -> tuple[str, ...]:
        """The last lines read (at most TAIL_LINES)."""
        return tuple(self._tail)

    def start(self) -> None:
        """Follow from where it stopped (a stopped follower keeps its place in the log)."""
        if self._done or self._following:
            return
        self._following = True
        self._tick()

    def stop(self) -> None:
        """No more requests; an answer still on its way is dropped."""
        self._following = False
        self._timer.stop()
        self._reply = None

    def update_task(self, task: Task) -> None:
        """A newer status from elsewhere; an ended task has its last lines read now."""
        if task.upid != self._task.upid or task.cluster != self._task.cluster:
            return
        if not self._task.running and task.running:
            return  # a task never runs again: that news is stale
        self._task = task
        if not task.running and self._following and self._reply is None:
            self._timer.stop()
            self._tick()

    def feed(self, items) -> list[str]:
        """Take one log page's answer: its new lines go out through `lines` (and are returned)."""
        fresh = self._cursor.feed(items)
        if fresh:
            self._tail.extend(fresh)
            self.lines.emit(fresh)
        return fresh

    # ------------------------------------------------------------ requests

    def _tick(self) -> None:
        if not self._following or self._reply is not None:
            return
        if self._cursor.ended and self._task.running:
            self._send(api.task_status(self._task.node, self._task.upid), self._on_status)
        else:
            self._read_after_end = not self._task.running
            self._send(self._cursor.next_op(), self._on_log)

    def _send(self, op: api.Op, slot) -> None:
        reply = self.session.run(op)
        self._reply = reply
        reply.then(self, lambda data, error, r=reply: self._answered(r, slot, data, error))

    def _answered(self, reply, slot, data, error) -> None:
        if reply is not self._reply:
            return  # stopped meanwhile
        self._reply = None
        if error is not None:
            self._failed(error)
        else:
            slot(data)

    def _on_log(self, data) -> None:
        self.feed(data)
        if self._cursor.more:
            self._tick()
        elif not self._task.running:
            if self._read_after_end or self._cursor.ended:
                self._finish()
            else:
                self._tick()  # this page was asked for before the end: read what came after
        elif self._cursor.ended:
            self._tick()  # the log says the task ended: read its status now
        else:
            self._timer.start()

    def _on_status(self, data) -> None:
        updated = self._task.with_status(data or {})
        if updated != self._task:
            self._task = updated
            self.task_updated.emit(updated)
        if updated.running:
            self._timer.start()
        else:
            self._finish()  # the closing line was the last one

    def _failed(self, error) -> None:
        if isinstance(error, errors.NotFound):
            self._following = False
            self._done = True
            self._timer.stop()
        else:
            self._timer.start()
        self.failed.emit(error)

    def _finish(self) -> None:
        self._following = False
        self._done = True
        self._timer.stop()
        self.finished.emit(self._task)
