"""The progress of a palette action on many guests: one bar for all, one row per guest with its
outcome (ok, failed with PVE's words, skipped with the reason) and "Retry failed"."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QProgressBar, QTreeWidget, QTreeWidgetItem, QVBoxLayout

from ...models.plain_text import literal_tooltip
from .. import kit
from .bulk_run import BulkRun, Outcome


class BulkRunDialog(QDialog):
    def __init__(self, run: BulkRun, label: str, parent=None):
        super().__init__(parent)
        self.setObjectName("bulkRunDialog")
        self.run = run
        run.setParent(self)
        self.setWindowTitle(kit.fmt(self.tr("%1: %n guest(s)", "", len(run.rows)), label))
        self.summary = QLabel(self)
        self.summary.setObjectName("bulkSummary")
        self.progress = QProgressBar(self)
        self.results = QTreeWidget(self)
        self.results.setObjectName("bulkResults")
        self.results.setRootIsDecorated(False)
        self.results.setHeaderLabels([self.tr("Guest"), self.tr("Cluster"), self.tr("Result")])
        for row in run.rows:
            inst = row.instance
            name = "{0} ({1})".format(inst.vmid, inst.name) if inst.name else str(inst.vmid)
            QTreeWidgetItem(self.results, [name, inst.cluster, ""])
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        self.retry = buttons.addButton(self.tr("Retry failed"), QDialogButtonBox.ButtonRole.ActionRole)
        self.retry.setObjectName("retryFailed")
        self.retry.clicked.connect(self.run.retry_failed)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        for w in (self.summary, self.progress, self.results, buttons):
            layout.addWidget(w)
        self.resize(620, 420)
        run.changed.connect(self._row_changed)
        for i in range(len(run.rows)):
            self._row_changed(i)
        self.results.resizeColumnToContents(0)

    def outcome_text(self, outcome: Outcome) -> str:
        return {Outcome.SKIPPED: self.tr("Skipped"), Outcome.QUEUED: self.tr("Waiting"),
                Outcome.RUNNING: self.tr("Running"), Outcome.OK: self.tr("Done"),
                Outcome.FAILED: self.tr("Failed")}[outcome]

    def _row_changed(self, i: int) -> None:
        row = self.run.rows[i]
        text = self.outcome_text(row.outcome)
        self.results.topLevelItem(i).setText(2, kit.fmt(self.tr("%1: %2"), text, row.note) if row.note else text)
        self.results.topLevelItem(i).setToolTip(2, literal_tooltip(row.note))  # the server's words
        sent = len(self.run.rows) - self.run.count(Outcome.SKIPPED)
        ended = self.run.count(Outcome.OK) + self.run.count(Outcome.FAILED)
        self.progress.setRange(0, max(sent, 1))
        self.progress.setValue(ended if sent else 1)
        self.summary.setText(kit.fmt(self.tr("%1 done, %2 failed, %3 skipped, %4 to go"), self.run.count(Outcome.OK),
                                     self.run.count(Outcome.FAILED), self.run.count(Outcome.SKIPPED), sent - ended))
        self.retry.setEnabled(self.run.done and self.run.count(Outcome.FAILED) > 0)
