"""Backup coverage findings, one a row: what, cluster, guest, job, when, detail (pve/coverage)."""

from __future__ import annotations

import time

from PySide6.QtCore import QAbstractTableModel, Qt

from ..pve.coverage import CoverageRow, Finding
from ..ui import style
from .base import TableModel
from .plain_text import literal_tooltip

_TONE = {Finding.UNCOVERED: style.Tone.ERROR, Finding.STALE: style.Tone.WARNING, Finding.FAILED_JOB: style.Tone.ERROR}


class CoverageModel(TableModel, QAbstractTableModel):
    FINDING, CLUSTER, GUEST, JOB, WHEN, DETAIL = range(6)
    COLUMN_COUNT = 6

    def __init__(self, parent=None):
        super().__init__(parent)
        self._all: list[CoverageRow] = []
        self._rows: list[CoverageRow] = []
        self._finding: Finding | None = None
        self._translate()

    def _header_texts(self):
        return [self.tr("Finding"), self.tr("Cluster"), self.tr("Guest"), self.tr("Job"), self.tr("When"),
                self.tr("Detail")]

    def finding_text(self, finding: Finding) -> str:
        return {Finding.UNCOVERED: self.tr("In no backup job"), Finding.STALE: self.tr("No recent backup"),
                Finding.FAILED_JOB: self.tr("Job failed last run")}[finding]

    def set_rows(self, rows: list[CoverageRow]) -> None:
        self._all = list(rows)
        self._refilter()

    def set_finding(self, finding: Finding | None) -> None:
        self._finding = finding
        self._refilter()

    def _refilter(self) -> None:
        self.beginResetModel()
        self._rows = [r for r in self._all if self._finding is None or r.finding is self._finding]
        self.endResetModel()

    def row(self, row: int) -> CoverageRow | None:
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def rows(self) -> list[CoverageRow]:
        return list(self._rows)

    def _display(self, r: CoverageRow, column: int):
        if column == self.FINDING:
            return self.finding_text(r.finding)
        if column == self.CLUSTER:
            return r.cluster
        if column == self.GUEST:
            if r.vmid is None:
                return ""
            return "{0} ({1})".format(r.vmid, r.name) if r.name else str(r.vmid)
        if column == self.JOB:
            return r.job
        if column == self.WHEN:
            if r.finding is Finding.UNCOVERED:
                return ""
            if not r.when:
                return self.tr("never")
            return time.strftime("%Y-%m-%d %H:%M", time.localtime(r.when))
        if r.finding is Finding.FAILED_JOB:
            return r.detail
        return ""

    def _role_data(self, r: CoverageRow, column: int, role: int):
        if role == Qt.ItemDataRole.ForegroundRole and column == self.FINDING:
            return style.color(_TONE[r.finding])
        if role == Qt.ItemDataRole.ToolTipRole and column in (self.GUEST, self.DETAIL):
            return literal_tooltip(self._display(r, column))
        return None
