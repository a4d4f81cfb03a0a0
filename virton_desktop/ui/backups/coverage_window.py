"""Backup coverage…: across every connected cluster, the guests in no backup job, the guests whose
newest backup is older than N days (or that have none), and the jobs whose last run failed.

A row leads to its guest (selected in the list, its page opened); a failed job's row leads to the
guest whose backup failed, the job named beside it. Without Sys.Audit on / a cluster's jobs
cannot be read: the note under the table says so for that cluster.
"""

from __future__ import annotations

from collections.abc import Callable

import shiboken6
from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QAbstractItemView, QHBoxLayout, QHeaderView, QLabel, QTableView, QVBoxLayout, QWidget

from ...core.coverage_feed import CoverageFeed
from ...models.coverage import CoverageModel
from ...pve.coverage import DEFAULT_DAYS, CoverageRow, Finding
from .. import kit, style


class CoverageWindow(QWidget):
    def __init__(self, clusters, guests, open_guest: Callable[[str, int], None], parent=None):
        super().__init__(parent, Qt.WindowType.Window)
        self.setObjectName("coverage-window")
        self.setWindowTitle(self.tr("Backup coverage"))
        self.resize(920, 520)
        self._open_guest = open_guest
        self.feed = CoverageFeed(clusters, guests, self)
        self.model = CoverageModel(self)

        bar = QHBoxLayout()
        self.show_finding = kit.combo([(self.tr("All findings"), ""),
                                       (self.model.finding_text(Finding.UNCOVERED), Finding.UNCOVERED.value),
                                       (self.model.finding_text(Finding.STALE), Finding.STALE.value),
                                       (self.model.finding_text(Finding.FAILED_JOB), Finding.FAILED_JOB.value)],
                                      parent=self, name="coverage-finding", accessible=self.tr("Show"))
        self.days = kit.spin(1, 3650, DEFAULT_DAYS, parent=self, name="coverage-days",
                             accessible=self.tr("Backups older than (days)"))
        self.days.setSuffix(self.tr(" days"))
        days_label = QLabel(self.tr("No recent backup: older than"), self)
        days_label.setBuddy(self.days)
        refresh = kit.button(self.tr("Refresh"), "coverage-refresh", parent=self, tip=self.tr("Read everything again"))
        bar.addWidget(self.show_finding)
        bar.addSpacing(12)
        bar.addWidget(days_label)
        bar.addWidget(self.days)
        bar.addStretch(1)
        bar.addWidget(refresh)

        self.table = kit.named(QTableView(self), "coverage-table", self.tr("Backup coverage findings"))
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.verticalHeader().hide()
        self.table.setWordWrap(False)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        for column, width in ((0, 170), (1, 90), (2, 190), (3, 140), (4, 130)):
            self.table.setColumnWidth(column, width)
        self.table.activated.connect(lambda index: self.open_row(self.model.row(index.row())))
        self.note = kit.message_label(self, "coverage-note", tone=style.Tone.MUTED)

        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.note)

        self.show_finding.currentIndexChanged.connect(self._show_finding)
        self.days.valueChanged.connect(self._update)
        refresh.clicked.connect(self.feed.refresh)
        self.feed.changed.connect(self._update)
        self.feed.refresh()

    def _show_finding(self) -> None:
        chosen = self.show_finding.currentData()
        self.model.set_finding(Finding(chosen) if chosen else None)

    def open_row(self, row: CoverageRow | None) -> None:
        if row is not None and row.vmid is not None:
            self._open_guest(row.cluster, row.vmid)

    def _update(self) -> None:
        self.model.set_rows(self.feed.rows(self.days.value()))
        notes = []
        for cluster in self.feed.cluster_ids():
            need = self.feed.need(cluster)
            if need is not None:
                notes.append(self.tr("%1: the backup jobs need %2 on %3; guests in no job and failed jobs are "
                                     "not shown.").replace("%1", cluster).replace("%2", need.privilege)
                             .replace("%3", need.path))
            if self.feed.error(cluster):
                notes.append(self.tr("%1: %2").replace("%1", cluster).replace("%2", self.feed.error(cluster)))
        if self.feed.busy():
            notes.append(self.tr("Reading…"))
        elif not self.model.rowCount() and not notes:
            notes.append(self.tr("Every guest is in a backup job and backed up recently."))
        kit.show_message(self.note, "\n".join(notes),
                         style.Tone.WARNING if any(self.feed.need(c) for c in self.feed.cluster_ids()) else
                         style.Tone.MUTED)


def open_coverage(window) -> CoverageWindow:
    """The main window's View → Backup coverage…; one window, raised when open."""
    existing = getattr(window, "coverage_window", None)
    if existing is not None and shiboken6.isValid(existing) and existing.isVisible():
        existing.raise_()
        existing.activateWindow()
        return existing

    def open_guest(cluster: str, vmid: int) -> None:
        window.sections.setCurrentIndex(0)
        window.page.select((cluster, vmid))
        inst = window.model.get((cluster, vmid))
        if inst is not None:
            window.open_detail(inst)

    window.coverage_window = CoverageWindow(window.clusters, window.model.all_instances, open_guest, window)
    window.coverage_window.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)  # its feed stops following tasks
    window.coverage_window.show()
    return window.coverage_window


def coverage_action_text() -> str:
    return QCoreApplication.translate("CoverageWindow", "Backup coverage…")
