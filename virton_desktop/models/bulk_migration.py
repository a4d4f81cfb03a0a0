"""BulkMigrationModel: one row per guest of a bulk migration - what PVE's preflight said about it
for the chosen target (will go, or blocked and why), then how its migration went."""

from __future__ import annotations

from dataclasses import dataclass, replace
from enum import StrEnum

from PySide6.QtCore import QAbstractTableModel, QModelIndex, Qt

from ..pve.entities import Instance
from ..pve.migration import MigrationPlan
from .base import TableModel, failed_color
from .plain_text import literal_tooltip


class Step(StrEnum):
    CHECKING = "checking"  # the preflight is on its way
    READY = "ready"        # nothing blocks: it will go
    BLOCKED = "blocked"    # PVE (or the login's privileges) rule it out
    QUEUED = "queued"      # waiting for a free worker
    RUNNING = "running"    # its migration task runs
    DONE = "done"
    FAILED = "failed"


@dataclass(frozen=True)
class BulkRow:
    instance: Instance
    step: Step = Step.CHECKING
    plan: MigrationPlan | None = None
    note: str = ""  # why it is blocked or failed, the task's progress (already in words)
    upid: str = ""


class BulkMigrationModel(TableModel, QAbstractTableModel):
    GUEST, NODE, MODE, RESULT = range(4)
    COLUMN_COUNT = 4

    def __init__(self, parent=None):
        super().__init__(parent)
        self._rows: list[BulkRow] = []
        self.step_text = lambda step: step.value  # the dialog hands in its words
        self.mode_text = lambda plan: ""
        self._translate()

    def _header_texts(self):
        return [self.tr("Guest"), self.tr("Node"), self.tr("Mode"), self.tr("Result")]

    def set_guests(self, instances: list[Instance]) -> None:
        self.beginResetModel()
        self._rows = [BulkRow(inst) for inst in instances]
        self.endResetModel()

    def rows(self) -> list[BulkRow]:
        return list(self._rows)

    def row_of(self, vmid: int) -> int:
        for i, row in enumerate(self._rows):
            if row.instance.vmid == vmid:
                return i
        return -1

    def update(self, vmid: int, **changes) -> None:
        i = self.row_of(vmid)
        if i < 0:
            return
        new = replace(self._rows[i], **changes)
        if new != self._rows[i]:
            self._rows[i] = new
            self._rows_changed(i, i)

    def count(self, step: Step) -> int:
        return sum(1 for r in self._rows if r.step is step)

    def _display(self, row: BulkRow, column: int):
        inst = row.instance
        if column == self.GUEST:
            return "{0} ({1})".format(inst.vmid, inst.name) if inst.name else str(inst.vmid)
        if column == self.NODE:
            return inst.node
        if column == self.MODE:
            return self.mode_text(row.plan) if row.plan is not None else ""
        text = self.step_text(row.step)
        return "{0}: {1}".format(text, row.note) if row.note else text

    def _role_data(self, row: BulkRow, column: int, role: int):
        if role == Qt.ItemDataRole.ToolTipRole and column == self.RESULT and row.note:
            return literal_tooltip(row.note)  # the server's words
        if role == Qt.ItemDataRole.ForegroundRole and column == self.RESULT and row.step in (Step.BLOCKED,
                                                                                            Step.FAILED):
            return failed_color()
        return None

    def index_of(self, vmid: int) -> QModelIndex:
        return self.index(self.row_of(vmid), self.RESULT)
