"""Migrate several guests of one cluster to one target node: a selection, or every guest of a
node ("migrate all", as pve-manager's Nodes.pm migrateall does it: each guest's preflight first,
skipped with its reasons when it fails, then at most `max workers` migrations at once).

Each guest's preflight is asked once; the target, the local-disk choice and the login's
privileges then decide per row whether it goes (`MigrationPlan`), and the list says why not.
The migrations run through `core.migration_runner.MigrationRunner`; each task is in the task
panel too.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QStandardItemModel
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHeaderView,
    QTableView,
    QVBoxLayout,
)

from ...core.migration_runner import MigrationRunner
from ...models.bulk_migration import BulkMigrationModel, Step
from ...pve import api, errors, ha, migration
from ...pve.entities import Instance, Task
from ...pve.migration import MigrationPlan, Severity
from ...session import ClusterSession
from .. import kit
from ..permission_gate import PrivilegesOf, everything, guest_need, lack_text
from .migrate_dialog import online_nodes, read_preflight
from .migrate_texts import mode_short_text, notice_text, short_reason


class BulkMigrateDialog(QDialog):
    finished_all = Signal()  # every migration of the run ended (or was refused)

    def __init__(self, session: ClusterSession, instances: list[Instance], *, node: str = "",
                 privileges_of: PrivilegesOf = everything, parent=None):
        """`node`: migrate every guest of that node (`instances` are then the node's guests)."""
        super().__init__(parent)
        self.setObjectName("bulkMigrateDialog")
        self.session = session
        self.node = node
        self.privileges_of = privileges_of
        self._preflights: dict[int, migration.Preflight | None] = {}
        self._runner: MigrationRunner | None = None
        title = (kit.fmt(self.tr("Migrate all guests of node %1"), node) if node
                 else self.tr("Migrate %n guest(s)", "", len(instances)))
        self.setWindowTitle(title)
        self.setAccessibleName(title)

        self.model = BulkMigrationModel(self)
        self.model.step_text = self.step_text
        self.model.mode_text = lambda plan: mode_short_text(plan.mode)
        self.model.set_guests(sorted(instances, key=lambda i: i.vmid))
        self.table = kit.named(QTableView(self), "bulkMigrateRows", self.tr("Guests to migrate"))
        self.table.setModel(self.model)
        self.table.verticalHeader().hide()
        self.table.setWordWrap(True)
        self.table.horizontalHeader().setSectionResizeMode(BulkMigrationModel.RESULT, QHeaderView.ResizeMode.Stretch)
        self.table.setSelectionMode(QTableView.SelectionMode.NoSelection)

        self.target_combo = kit.combo(parent=self, name="bulkMigrateTarget", accessible=self.tr("Target node"))
        self.local_disks = QCheckBox(self.tr("Copy local disks of running VMs (live storage migration)"), self)
        kit.named(self.local_disks, "bulkMigrateLocalDisks", self.local_disks.text())
        self.local_disks.setChecked(True)
        self.workers = kit.spin(1, 64, migration.MAX_WORKERS_DEFAULT, parent=self, name="bulkMigrateWorkers",
                                accessible=self.tr("Parallel migrations"))
        self.workers.setToolTip(self.tr("How many migrations run at the same time (Proxmox VE's max workers)"))
        self.summary = kit.message_label(self, "bulkMigrateSummary", self.tr("Summary"))

        form = QFormLayout()
        if node:
            form.addRow(self.tr("Source node:"), kit.message_label(self, "bulkMigrateSource"))
            form.itemAt(form.rowCount() - 1, QFormLayout.ItemRole.FieldRole).widget().setText(node)
        form.addRow(self.tr("Target node:"), self.target_combo)
        form.addRow("", self.local_disks)
        form.addRow(self.tr("Parallel migrations:"), self.workers)

        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        self.buttons.button(QDialogButtonBox.StandardButton.Close).setObjectName("bulkMigrateClose")
        self.migrate_button = kit.button(self.tr("Migrate"), "bulkMigrateButton", parent=self)
        self.buttons.addButton(self.migrate_button, QDialogButtonBox.ButtonRole.AcceptRole)
        self.buttons.rejected.connect(self.reject)
        self.migrate_button.clicked.connect(self.migrate)

        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.summary)
        layout.addWidget(self.buttons)
        self.resize(self.fontMetrics().horizontalAdvance("M") * 64, self.fontMetrics().height() * 28)

        self._fill_targets()
        self.target_combo.currentIndexChanged.connect(lambda _i: self._replan())
        self.local_disks.toggled.connect(lambda _on: self._replan())
        for inst in instances:
            session.run(api.migrate_preflight(inst)).then(self, lambda d, e, i=inst: self._preflight(i, d, e))
        self._replan()

    # ------------------------------------------------------------ words

    def step_text(self, step: Step) -> str:
        return {Step.CHECKING: self.tr("Checking…"), Step.READY: self.tr("Will migrate"),
                Step.BLOCKED: self.tr("Blocked"), Step.QUEUED: self.tr("Waiting"),
                Step.RUNNING: self.tr("Migrating…"), Step.DONE: self.tr("Migrated"),
                Step.FAILED: self.tr("Failed")}[step]

    # ------------------------------------------------------------ planning

    def _fill_targets(self) -> None:
        nodes = online_nodes(self.session)
        model: QStandardItemModel = self.target_combo.model()
        for name in sorted(n for n in nodes if n != self.node):
            text = name if nodes[name] else kit.fmt(self.tr("%1 — offline"), name)
            self.target_combo.addItem(text, name)
            if not nodes[name]:
                item = model.item(self.target_combo.count() - 1)
                item.setFlags(item.flags() & ~Qt.ItemFlag.ItemIsEnabled)
        usable = [i for i in range(self.target_combo.count()) if nodes[self.target_combo.itemData(i)]]
        self.target_combo.setCurrentIndex(usable[0] if usable else -1)

    def _preflight(self, inst: Instance, data, error) -> None:
        preflight, error = read_preflight(inst, data, error)
        self._preflights[inst.vmid] = preflight
        if error is not None:
            self.model.update(inst.vmid, step=Step.BLOCKED, note=errors.describe(error))
        self._replan()

    def plan_for(self, inst: Instance) -> MigrationPlan | None:
        preflight = self._preflights.get(inst.vmid)
        if preflight is None:
            return None
        return MigrationPlan(inst.type, inst.vmid, inst.node, preflight, self.target_combo.currentData() or "",
                             online_nodes(self.session), ha.sid(inst) if ha.managed(inst) else "",
                             with_local_disks=self.local_disks.isChecked())

    def _replan(self) -> None:
        if self._runner is not None:
            return  # the run decides the rows now
        for row in self.model.rows():
            inst = row.instance
            if inst.vmid not in self._preflights:
                continue
            plan = self.plan_for(inst)
            if plan is None:
                continue  # its preflight failed: the row says why
            need = guest_need(self.privileges_of(inst.cluster), "migrate", inst)
            if need is not None:
                self.model.update(inst.vmid, step=Step.BLOCKED, plan=plan, note=lack_text(need))
            elif plan.blocked:
                self.model.update(inst.vmid, step=Step.BLOCKED, plan=plan, note=short_reason(plan.notices()))
            else:
                warnings = [notice_text(n) for n in plan.notices() if n.severity is Severity.WARNING]
                self.model.update(inst.vmid, step=Step.READY, plan=plan, note="; ".join(warnings))
        self._update()

    def _update(self) -> None:
        ready, blocked = self.model.count(Step.READY), self.model.count(Step.BLOCKED)
        checking = self.model.count(Step.CHECKING)
        if self._runner is None:
            text = kit.fmt(self.tr("%1 will migrate, %2 blocked"), ready, blocked)
            if checking:
                text += " " + kit.fmt(self.tr("(%1 still being checked)"), checking)
        else:
            text = kit.fmt(self.tr("%1 migrated, %2 failed, %3 running, %4 waiting"), self.model.count(Step.DONE),
                           self.model.count(Step.FAILED), self.model.count(Step.RUNNING),
                           self.model.count(Step.QUEUED))
        self.summary.setText(text)
        self.migrate_button.setEnabled(self._runner is None and ready > 0 and not checking)
        self.migrate_button.setText(kit.fmt(self.tr("Migrate %1"), ready) if self._runner is None and ready
                                    else self.tr("Migrate"))
        for widget in (self.target_combo, self.local_disks, self.workers):
            widget.setEnabled(self._runner is None)

    # ------------------------------------------------------------ running

    def migrate(self) -> None:
        if not self.migrate_button.isEnabled():
            return
        jobs = [(row.instance, row.plan.prepare()) for row in self.model.rows() if row.step is Step.READY]
        self._runner = MigrationRunner(self.session, self.workers.value(), self)
        self._runner.started.connect(lambda vmid, upid: self.model.update(vmid, step=Step.RUNNING, upid=upid,
                                                                          note=""))
        self._runner.ended.connect(self._ended)
        self._runner.refused.connect(lambda vmid, error: self.model.update(vmid, step=Step.FAILED,
                                                                           note=errors.describe(error)))
        self._runner.finished.connect(self._all_done)
        for inst, _params in jobs:
            self.model.update(inst.vmid, step=Step.QUEUED, note="")
        self._update()
        self._runner.run(jobs)

    def _ended(self, vmid: int, task: Task) -> None:
        target = self.target_combo.currentData() or ""
        if task.ok and task.type == "hamigrate":  # the request is filed; the HA manager moves it
            self.model.update(vmid, step=Step.DONE, note=kit.fmt(self.tr("the HA manager moves it to %1"), target))
        elif task.ok:
            self.model.update(vmid, step=Step.DONE, note=target)
        else:
            self.model.update(vmid, step=Step.FAILED,
                              note=errors.describe(errors.from_task_exit(task.exitstatus)))
        self._update()

    def _all_done(self) -> None:
        self._update()
        self.finished_all.emit()
