"""One power action on many guests across clusters: a few requests at a time per cluster, each
followed to the end of its task, the outcome per guest, and a retry of the failed ones.

Guests the state does not allow the action for, or whose login lacks the privilege, are listed as
skipped with the reason and never sent (PVE would refuse them one by one)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from enum import StrEnum

from PySide6.QtCore import QObject, Signal

from ...pve import errors, power
from ...pve.entities import Instance, Task
from ...pve.power import Action
from ...session import ClusterSession
from .. import kit
from ..permission_gate import PrivilegesOf, everything, guest_need, lack_text

PER_CLUSTER = 4  # requests in flight per cluster: PVE's workers and the user lane stay responsive


class Outcome(StrEnum):
    SKIPPED = "skipped"
    QUEUED = "queued"
    RUNNING = "running"
    OK = "ok"
    FAILED = "failed"


@dataclass(frozen=True)
class GuestRun:
    instance: Instance
    outcome: Outcome = Outcome.QUEUED
    note: str = ""  # why skipped or failed, in words
    upid: str = ""


class BulkRun(QObject):
    changed = Signal(int)  # the index of the row that changed
    finished = Signal()    # nothing queued or running any more

    def __init__(self, action: Action, instances: list[Instance], session_of: Callable[[str], ClusterSession | None],
                 privileges_of: PrivilegesOf = everything, parent: QObject | None = None):
        super().__init__(parent)
        self.action = action
        self._session_of = session_of
        self._watched: set[int] = set()
        self.rows = [self._checked(inst, privileges_of) for inst in instances]

    def _checked(self, inst: Instance, privileges_of: PrivilegesOf) -> GuestRun:
        need = guest_need(privileges_of(inst.cluster), "power", inst)
        if need is not None:
            return GuestRun(inst, Outcome.SKIPPED, lack_text(need))
        if self.action not in power.available(inst):
            return GuestRun(inst, Outcome.SKIPPED, kit.fmt(self.tr("Not possible in the state \"%1\""),
                                                            inst.shown_status))
        return GuestRun(inst)

    def count(self, outcome: Outcome) -> int:
        return sum(1 for r in self.rows if r.outcome is outcome)

    @property
    def done(self) -> bool:
        return not any(r.outcome in (Outcome.QUEUED, Outcome.RUNNING) for r in self.rows)

    def start(self) -> None:
        for cluster in sorted({r.instance.cluster for r in self.rows}):
            self._fill(cluster)
        if self.done:
            self.finished.emit()

    def retry_failed(self) -> int:
        """Queue the failed guests again; returns how many."""
        again = [i for i, r in enumerate(self.rows) if r.outcome is Outcome.FAILED]
        for i in again:
            self._set(i, outcome=Outcome.QUEUED, note="", upid="")
        self.start()
        return len(again)

    def _fill(self, cluster: str) -> None:
        """Send queued guests of `cluster` while fewer than PER_CLUSTER run there."""
        mine = [i for i, r in enumerate(self.rows) if r.instance.cluster == cluster]
        running = sum(1 for i in mine if self.rows[i].outcome is Outcome.RUNNING)
        for i in mine:
            if running >= PER_CLUSTER:
                return
            if self.rows[i].outcome is Outcome.QUEUED:
                self._send(i)
                running += 1

    def _send(self, i: int) -> None:
        inst = self.rows[i].instance
        session = self._session_of(inst.cluster)
        if session is None:
            self._set(i, outcome=Outcome.FAILED, note=kit.fmt(self.tr("The cluster %1 is not connected."),
                                                                inst.cluster))
            return
        if id(session) not in self._watched:
            self._watched.add(id(session))
            session.task_changed.connect(self._task_changed)
        self._set(i, outcome=Outcome.RUNNING)
        session.guest_action(inst, self.action).then(self, lambda data, error, i=i: self._answered(i, data, error))

    def _answered(self, i: int, data, error) -> None:
        if error is not None:
            self._end(i, Outcome.FAILED, errors.describe(error))
        elif isinstance(data, str) and data.startswith("UPID:"):
            self._set(i, upid=data)
        else:
            self._end(i, Outcome.OK, "")

    def _task_changed(self, task: Task) -> None:
        if task.running:
            return
        for i, row in enumerate(self.rows):
            if row.upid == task.upid and row.outcome is Outcome.RUNNING:
                if task.failed:
                    self._end(i, Outcome.FAILED, errors.describe(errors.from_task_exit(task.exitstatus)))
                else:
                    self._end(i, Outcome.OK, "")

    def _end(self, i: int, outcome: Outcome, note: str) -> None:
        self._set(i, outcome=outcome, note=note)
        self._fill(self.rows[i].instance.cluster)
        if self.done:
            self.finished.emit()

    def _set(self, i: int, **changes) -> None:
        self.rows[i] = replace(self.rows[i], **changes)
        self.changed.emit(i)
