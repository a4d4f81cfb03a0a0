"""The task table: PVE tasks (UPIDs) of every connected cluster, newest first.

Rows are `Task`s keyed by (cluster, UPID). `update(task)` inserts a new task at its place
(newest first, by start time) or changes a known one in place: a `dataChanged` for that
row only, never a reset, so the selection and the scroll position survive. Finished tasks
are kept up to `MAX_FINISHED`; beyond that the oldest finished ones are dropped.

While any task runs, a 1 s timer refreshes the Duration cell of the running rows (and only
those), so the view shows a live duration without the worker sending anything.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable

from PySide6.QtCore import QAbstractTableModel, QDateTime, QModelIndex, Qt, QTimer, Signal

from ..pve import errors, parse
from ..pve.entities import Task
from .base import TableModel, failed_color
from .plain_text import literal_tooltip

(COL_STATUS, COL_TYPE, COL_GUEST, COL_NODE, COL_USER, COL_CLUSTER, COL_START, COL_DURATION,
 COL_DETAIL) = range(9)
COLUMN_COUNT = 9

TaskRole = Qt.ItemDataRole.UserRole + 1  # the Task of the row
SortRole = Qt.ItemDataRole.UserRole + 2  # a comparable value per cell (for a sort proxy)

MAX_FINISHED = 500
TICK_MS = 1000
SHORT_STATUS = 40  # characters of the exit status shown in the Status column

Key = tuple[str, str]  # (cluster, upid)
NameResolver = Callable[[str, int], str]


def guest_kind(task_type: str) -> str:
    """"qemu", "lxc" or "" for a task type: qm* are VM tasks, vz* container ones (not vzdump)."""
    if task_type.startswith("qm"):
        return "qemu"
    if task_type.startswith("vz") and task_type != "vzdump":
        return "lxc"
    return ""


def _key(task: Task) -> Key:
    return (task.cluster, task.upid)


class TaskModel(TableModel, QAbstractTableModel):
    """Tasks of all clusters, newest first. See the module docstring."""

    COLUMN_COUNT = COLUMN_COUNT
    RIGHT_ALIGNED = frozenset({COL_DURATION})

    task_finished = Signal(object)  # Task: once, when a task goes from running to stopped
    counts_changed = Signal()  # the number of running tasks (or of rows) changed

    def __init__(self, parent=None, *, name_of: NameResolver | None = None, max_finished: int = MAX_FINISHED):
        super().__init__(parent)
        self._name_of = name_of
        self._max_finished = max_finished
        self._rows: list[Task] = []
        self._pos: dict[Key, int] = {}
        self._ended: dict[Key, float] = {}  # local end time for tasks whose status lacked endtime
        self._timer = QTimer(self)
        self._timer.setInterval(TICK_MS)
        self._timer.timeout.connect(self._tick)
        self._translate()

    # ------------------------------------------------------------ texts

    def _header_texts(self) -> list[str]:
        return [self.tr("Status"), self.tr("Type"), self.tr("Guest"), self.tr("Node"), self.tr("User"),
                self.tr("Cluster"), self.tr("Start"), self.tr("Duration"), self.tr("Status detail")]

    def _translate(self) -> None:
        super()._translate()
        self._types = self._type_texts()

    def _type_texts(self) -> dict[str, str]:
        start, stop, shutdown, reboot = self.tr("Start"), self.tr("Stop"), self.tr("Shutdown"), self.tr("Reboot")
        pause, resume = self.tr("Pause"), self.tr("Resume")
        create, destroy, clone, migrate = self.tr("Create"), self.tr("Destroy"), self.tr("Clone"), self.tr("Migrate")
        snapshot, rollback = self.tr("Snapshot"), self.tr("Rollback")
        delsnapshot, restore, template = self.tr("Delete snapshot"), self.tr("Restore"), self.tr("Convert to template")
        return {
            "qmstart": start, "qmstop": stop, "qmshutdown": shutdown, "qmreboot": reboot,
            "qmreset": self.tr("Reset"), "qmsuspend": pause, "qmpause": pause, "qmresume": resume,
            "vzstart": start, "vzstop": stop, "vzshutdown": shutdown, "vzreboot": reboot,
            "vzsuspend": pause, "vzresume": resume,
            "vzdump": self.tr("Backup"),
            "qmcreate": create, "vzcreate": create, "qmdestroy": destroy, "vzdestroy": destroy,
            "qmsnapshot": snapshot, "vzsnapshot": snapshot, "qmrollback": rollback, "vzrollback": rollback,
            "qmdelsnapshot": delsnapshot, "vzdelsnapshot": delsnapshot,
            "qmclone": clone, "vzclone": clone, "qmigrate": migrate, "vzmigrate": migrate,
            "qmrestore": restore, "vzrestore": restore, "qmtemplate": template, "vztemplate": template,
            "qmmove": self.tr("Move disk"), "vncproxy": self.tr("Console"), "vncshell": self.tr("Console"),
            # HA-managed guests: the task only files the request with the HA manager (pve.ha).
            "hastart": self.tr("HA start request"), "hastop": self.tr("HA stop request"),
            "hamigrate": self.tr("HA migration request"),
            # The target side of a migration from another cluster (mtunnel, Qemu.pm / LXC.pm).
            "qmtunnel": self.tr("Incoming migration"), "vzmtunnel": self.tr("Incoming migration"),
        }

    def type_text(self, task: Task) -> str:
        """'Start' for qmstart, ...; an unknown type as PVE names it."""
        return self._types.get(task.type, task.type)

    def guest_text(self, task: Task) -> str:
        """The guest column: '100' or '100 (web1)' when the name is known."""
        name = self._guest_name(task)
        return self.tr("%1 (%2)").replace("%1", task.id).replace("%2", name) if name else task.id

    def guest_label(self, task: Task) -> str:
        """For sentences: 'VM 100 (web1)', 'CT 200', '100'; empty when the task is not a guest's."""
        if not task.id:
            return ""
        kind = guest_kind(task.type) if task.vmid is not None else ""
        label = (self.tr("VM %1") if kind == "qemu" else self.tr("CT %1") if kind == "lxc" else "%1").replace(
            "%1", task.id)
        name = self._guest_name(task)
        return self.tr("%1 (%2)").replace("%1", label).replace("%2", name) if name else label

    def status_text(self, task: Task) -> str:
        if task.running:
            return self.tr("Running")
        if task.exitstatus == "OK":
            return self.tr("OK")
        if task.ok:  # WARNINGS: n
            return self.tr("OK with warnings")
        short = task.exitstatus.strip() or self.tr("unknown error")
        if len(short) > SHORT_STATUS:
            short = short[:SHORT_STATUS - 1].rstrip() + "\u2026"
        return self.tr("Failed: %1").replace("%1", short)

    def error_text(self, task: Task) -> str:
        """The user's words for a failed task (errors.describe of its exit status)."""
        return errors.describe(errors.from_task_exit(task.exitstatus))

    def _guest_name(self, task: Task) -> str:
        if self._name_of is None or task.vmid is None:
            return ""
        try:
            return self._name_of(task.cluster, task.vmid) or ""
        except Exception:  # a resolver must never break the view
            return ""

    def set_name_resolver(self, name_of: NameResolver | None) -> None:
        self._name_of = name_of
        self.names_changed()

    def names_changed(self) -> None:
        """Guest names may have changed (a poll renamed a guest): refresh the Guest column."""
        self._columns_changed(COL_GUEST, COL_GUEST, [Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole])

    # ------------------------------------------------------ Qt model API

    def _role_data(self, task: Task, col: int, role: int):
        if role == TaskRole:
            return task
        if role == SortRole:
            return self._sort_value(task, col)
        if role == Qt.ItemDataRole.ForegroundRole:
            return failed_color() if task.failed else None
        if role == Qt.ItemDataRole.ToolTipRole:
            if task.failed:
                return literal_tooltip(self.error_text(task))
            if col == COL_START:
                return task.upid
        return None

    def _display(self, task: Task, col: int) -> str:
        if col == COL_STATUS:
            return self.status_text(task)
        if col == COL_TYPE:
            return self.type_text(task)
        if col == COL_GUEST:
            return self.guest_text(task)
        if col == COL_NODE:
            return task.node
        if col == COL_USER:
            return task.user
        if col == COL_CLUSTER:
            return task.cluster
        if col == COL_START:
            return QDateTime.fromSecsSinceEpoch(task.starttime).toString("yyyy-MM-dd HH:mm:ss")
        if col == COL_DURATION:
            seconds = self.duration(task)
            return "" if seconds is None else parse.duration(seconds)
        if col == COL_DETAIL:
            return "" if task.exitstatus == "OK" else task.exitstatus
        return ""

    def _sort_value(self, task: Task, col: int):
        if col == COL_STATUS:
            return 0 if task.running else 2 if task.ok else 1
        if col == COL_GUEST:
            return task.vmid if task.vmid is not None else -1
        if col == COL_START:
            return task.starttime
        if col == COL_DURATION:
            seconds = self.duration(task)
            return -1 if seconds is None else seconds
        return self._display(task, col).lower()

    def duration(self, task: Task, now: float | None = None) -> int | None:
        """Seconds the task ran (so far, if running); None if its end is unknown."""
        if task.running:
            end = time.time() if now is None else now
        elif task.endtime:
            end = task.endtime
        else:
            end = self._ended.get(_key(task))
            if end is None:
                return None
        return max(0, int(end - task.starttime))

    # ------------------------------------------------------------ lookup

    def task(self, row: int) -> Task:
        return self._rows[row]

    def row_of(self, cluster: str, upid: str) -> int:
        return self._pos.get((cluster, upid), -1)

    def get(self, cluster: str, upid: str) -> Task | None:
        row = self._pos.get((cluster, upid))
        return None if row is None else self._rows[row]

    def tasks(self) -> list[Task]:
        return list(self._rows)

    def running_count(self) -> int:
        return sum(1 for t in self._rows if t.running)

    # ----------------------------------------------------------- updates

    def update(self, task: Task) -> None:
        """Insert a task or bring a known one up to date (in place: one row's dataChanged)."""
        key = _key(task)
        row = self._pos.get(key)
        if row is None:
            was_running = None  # new; a task first seen stopped has no "finished" moment
            row = self._slot(task)
            self.beginInsertRows(QModelIndex(), row, row)
            self._rows.insert(row, task)
            self._reindex(row)
            self.endInsertRows()
        else:
            old = self._rows[row]
            if not old.running and task.running:
                return  # stale news: a task never runs again once stopped
            was_running = old.running
            if not task.log_tail and old.log_tail:
                task = task.with_log(old.log_tail)
            self._rows[row] = task
            if was_running and not task.running and not task.endtime:
                self._ended[key] = time.time()
            self._rows_changed(row, row)
        if not task.running and was_running is not False:
            self._prune()
        if was_running and not task.running:
            self.task_finished.emit(task)
        self._update_timer()
        self.counts_changed.emit()

    def update_many(self, tasks: Iterable[Task]) -> None:
        for task in tasks:
            self.update(task)

    def clear_finished(self) -> None:
        """Drop every finished task (the running ones stay)."""
        self._remove_rows([r for r, t in enumerate(self._rows) if not t.running])
        self.counts_changed.emit()

    def remove_cluster(self, cluster: str) -> None:
        self._remove_rows([r for r, t in enumerate(self._rows) if t.cluster == cluster])
        self._update_timer()
        self.counts_changed.emit()

    def _prune(self) -> None:
        finished = [r for r, t in enumerate(self._rows) if not t.running]
        excess = len(finished) - self._max_finished
        if excess > 0:
            # rows are newest first: the oldest finished tasks are the last finished rows
            self._remove_rows(finished[-excess:])

    def _remove_rows(self, rows: list[int]) -> None:
        """Remove rows (ascending indexes) in contiguous runs, bottom up."""
        if not rows:
            return
        runs: list[list[int]] = []
        for r in rows:
            if runs and runs[-1][1] == r - 1:
                runs[-1][1] = r
            else:
                runs.append([r, r])
        for first, last in reversed(runs):
            self.beginRemoveRows(QModelIndex(), first, last)
            for task in self._rows[first:last + 1]:
                self._ended.pop(_key(task), None)
            del self._rows[first:last + 1]
            self.endRemoveRows()
        self._reindex()

    def _slot(self, task: Task) -> int:
        """Where a new task goes: newest first (by start time, then UPID)."""
        sk = (task.starttime, task.upid)
        lo, hi = 0, len(self._rows)
        while lo < hi:
            mid = (lo + hi) // 2
            other = self._rows[mid]
            if (other.starttime, other.upid) > sk:
                lo = mid + 1
            else:
                hi = mid
        return lo

    def _reindex(self, start: int = 0) -> None:
        if start == 0:
            self._pos = {_key(t): r for r, t in enumerate(self._rows)}
            return
        for r in range(start, len(self._rows)):
            self._pos[_key(self._rows[r])] = r

    # ------------------------------------------------------- live duration

    def _update_timer(self) -> None:
        running = any(t.running for t in self._rows)
        if running and not self._timer.isActive():
            self._timer.start()
        elif not running and self._timer.isActive():
            self._timer.stop()

    @property
    def ticking(self) -> bool:
        """True while the live-duration timer runs (exactly while a task runs)."""
        return self._timer.isActive()

    def _tick(self) -> None:
        any_running = False
        for row, task in enumerate(self._rows):
            if task.running:
                any_running = True
                self._cell_changed(row, COL_DURATION, [Qt.ItemDataRole.DisplayRole, SortRole])
        if not any_running:
            self._timer.stop()
