"""Migrate one guest to another node of its cluster, the way the PVE web UI's Migrate window does.

PVE is asked first (`api.migrate_preflight`): the target combo offers every other node, the ones
PVE (or the node list: offline) rules out disabled with the reason beside them; the findings
(local CD/DVD images and local resources that block, local disks that will be copied) are listed
for the chosen node, and Migrate is enabled only when nothing blocks. A running VM migrates
online and may put its local disks on another storage of the target; a running container
migrates in restart mode with a shutdown timeout. The request body is
`pve.migration.MigrationPlan.prepare()`; the task is followed in the task panel and here, with the
progress of its disk and memory copies, until it ends.
"""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QStandardItemModel
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QFormLayout, QLabel, QProgressBar, QVBoxLayout

from ...core.task_follower import TaskFollower
from ...models.plain_text import literal_tooltip
from ...pve import api, errors, ha, migration
from ...pve.entities import Instance, Task
from ...pve.migration import MigrationPlan, Preflight
from ...pve.permissions import Need
from ...session import ClusterSession
from .. import kit, style
from ..permission_gate import gate
from .migrate_texts import NoticeList, mode_text, short_reason

# PVE 8 and older answer 501 to GET .../migrate of a container (no preflight there).
NOT_IMPLEMENTED = 501


def online_nodes(session: ClusterSession) -> dict[str, bool]:
    """The cluster's nodes from the session's last poll: name -> online."""
    return {node.name: node.online for node in getattr(session, "nodes", ()) or ()}


def read_preflight(instance: Instance, data, error) -> tuple[Preflight | None, object]:
    """The preflight answer, `Preflight.unknown` where PVE has none (501), or the error."""
    if error is None:
        return Preflight.from_answer(data or {}), None
    if getattr(error, "status", 0) == NOT_IMPLEMENTED:
        return Preflight.unknown(instance.status == "running"), None
    return None, error


def _stacked(*widgets) -> QVBoxLayout:
    """A field with its notes under it, in one form row (a hidden note takes no room)."""
    column = QVBoxLayout()
    column.setSpacing(2)
    for widget in widgets:
        column.addWidget(widget)
    return column


class MigrateDialog(QDialog):
    migrated = Signal(object, str)  # key (cluster, vmid), target node: the task ended OK

    def __init__(self, session: ClusterSession, instance: Instance, need: Need | None = None, parent=None, *,
                 storage_need: Need | None = None):
        """`need`: what the login lacks to migrate at all; `storage_need`: to choose a target storage
        (qemu-server migrate_vm: VM.Config.Disk for a storage map that is not the identity)."""
        super().__init__(parent)
        self.setObjectName("migrateDialog")
        self.session = session
        self.instance = instance
        self.need = need
        self.storage_need = storage_need
        self.plan: MigrationPlan | None = None
        self._upid = ""
        self._follower: TaskFollower | None = None
        name = "{0} ({1})".format(instance.vmid, instance.name) if instance.name else str(instance.vmid)
        kind = self.tr("VM") if instance.is_vm else self.tr("CT")
        self.setWindowTitle(kit.fmt(self.tr("Migrate %1 %2"), kind, name))
        self.setAccessibleName(self.windowTitle())

        self.source_label = kit.message_label(self, "migrateSource", self.tr("Source node"))
        self.source_label.setText(instance.node)
        self.mode_label = kit.message_label(self, "migrateMode", self.tr("Mode"))
        self.target_combo = kit.combo(parent=self, name="migrateTarget", accessible=self.tr("Target node"))
        self.target_error = kit.error_label(self, "migrateTargetError", hidden=True)
        self.ruled_out = kit.message_label(self, "migrateRuledOut", self.tr("Nodes not offered"),
                                           tone=style.Tone.MUTED, hidden=True)
        self.storage_combo = kit.combo(parent=self, name="migrateStorage", accessible=self.tr("Target storage"))
        self.storage_label = QLabel(self.tr("Target storage:"), self)
        self.storage_error = kit.error_label(self, "migrateStorageError", hidden=True)
        self.timeout_spin = kit.spin(1, 3600, migration.RESTART_TIMEOUT_DEFAULT, self.tr(" s"), parent=self,
                                     name="migrateTimeout", accessible=self.tr("Shutdown timeout"))
        self.timeout_label = QLabel(self.tr("Shutdown timeout:"), self)
        self.notices = NoticeList(self)
        self.status_label = kit.message_label(self, "migrateStatus", self.tr("Status"), selectable=True)
        self.progress = QProgressBar(self)
        kit.named(self.progress, "migrateProgress", self.tr("Migration progress"))
        self.progress.hide()

        form = QFormLayout()
        form.addRow(self.tr("Source node:"), self.source_label)
        form.addRow(self.tr("Mode:"), self.mode_label)
        form.addRow(self.tr("Target node:"), _stacked(self.target_combo, self.ruled_out, self.target_error))
        form.addRow(self.storage_label, _stacked(self.storage_combo, self.storage_error))
        form.addRow(self.timeout_label, self.timeout_spin)

        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        self.buttons.button(QDialogButtonBox.StandardButton.Close).setObjectName("migrateClose")
        self.migrate_button = kit.button(self.tr("Migrate"), "migrateButton", parent=self)
        self.buttons.addButton(self.migrate_button, QDialogButtonBox.ButtonRole.AcceptRole)
        self.buttons.rejected.connect(self.reject)
        self.migrate_button.clicked.connect(self.migrate)

        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.notices, 1)
        layout.addWidget(self.progress)
        layout.addWidget(self.status_label)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(self.fontMetrics().horizontalAdvance("M") * 44)

        for widget in (self.storage_label, self.storage_combo, self.timeout_label, self.timeout_spin):
            widget.hide()
        self.target_combo.setEnabled(False)
        self.notices.hide()
        self.target_combo.currentIndexChanged.connect(self._target_changed)
        self.storage_combo.currentIndexChanged.connect(lambda _i: self._update())
        self.timeout_spin.valueChanged.connect(lambda _v: self._update())
        session.task_changed.connect(self._task_changed)
        kit.show_message(self.status_label, self.tr("Asking Proxmox VE what a migration involves…"))
        self._update()
        session.run(api.migrate_preflight(instance)).then(self, self._preflight)

    # ------------------------------------------------------------ preflight

    def _preflight(self, data, error) -> None:
        preflight, error = read_preflight(self.instance, data, error)
        if error is not None:
            kit.set_error(self.status_label, kit.fmt(self.tr("Proxmox VE refused the migration check: %1"),
                                                     errors.describe(error)))
            return
        self.status_label.clear()
        self.plan = MigrationPlan(self.instance.type, self.instance.vmid, self.instance.node, preflight,
                                  online_nodes=online_nodes(self.session),
                                  ha_sid=ha.sid(self.instance) if ha.managed(self.instance) else "")
        self.mode_label.setText(mode_text(self.plan.mode))
        self._fill_targets()
        restart = self.plan.mode is migration.Mode.RESTART
        self.timeout_label.setVisible(restart)
        self.timeout_spin.setVisible(restart)
        self._target_changed()

    def _fill_targets(self) -> None:
        """Every other node; those ruled out for any guest property disabled, the reason beside them."""
        combo, plan = self.target_combo, self.plan
        combo.blockSignals(True)
        combo.clear()
        model: QStandardItemModel = combo.model()
        first_usable = -1
        for node in plan.candidates():
            blocked = [n for n in plan.node_notices(node) if n.blocks]
            combo.addItem(node if not blocked else "{0} — {1}".format(node, short_reason(blocked)), node)
            item = model.item(combo.count() - 1)
            if blocked:
                item.setFlags(item.flags() & ~Qt.ItemFlag.ItemIsEnabled)
                item.setToolTip(literal_tooltip(short_reason(blocked)))  # storage and resource names
            elif first_usable < 0:
                first_usable = combo.count() - 1
        combo.setCurrentIndex(max(first_usable, 0))
        ruled_out = [combo.itemText(i) for i in range(combo.count()) if not model.item(i).isEnabled()]
        self.ruled_out.setText(kit.fmt(self.tr("Not offered: %1"), "; ".join(ruled_out)))
        self.ruled_out.setVisible(bool(ruled_out))
        combo.setEnabled(combo.count() > 0 and not self._upid)
        combo.blockSignals(False)

    def _target_changed(self, _index: int = -1) -> None:
        if self.plan is None:
            return
        target = self.target_combo.currentData() or ""
        self.plan = replace(self.plan, target=target, target_storage="")
        self.target_error.hide()
        self.storage_error.hide()
        choice = self.plan.storage_choice and bool(target)
        self.storage_label.setVisible(choice)
        self.storage_combo.setVisible(choice)
        self.storage_combo.clear()
        self.storage_combo.addItem(self.tr("Current layout"), "")
        self._gate_storage(not self._upid)
        if choice:
            self.session.run(api.storages(target, "images")).then(
                self, lambda data, error, t=target: self._storages(t, data, error))
        self._update()

    def _storages(self, target: str, data, error) -> None:
        if target != (self.target_combo.currentData() or ""):
            return  # an answer for a node no longer chosen
        if error is not None:
            kit.set_error(self.storage_error, errors.describe(error))
            return
        for item in data or ():
            if item.get("enabled", 1) in (0, "0") or item.get("active", 1) in (0, "0"):
                continue
            self.storage_combo.addItem(str(item["storage"]), str(item["storage"]))

    # ------------------------------------------------------------ state

    def current_plan(self) -> MigrationPlan | None:
        if self.plan is None:
            return None
        return replace(self.plan, target_storage=self.storage_combo.currentData() or "",
                       timeout=self.timeout_spin.value())

    def _update(self) -> None:
        plan = self.current_plan()
        if plan is not None:
            self.notices.show_notices(plan.notices())
        possible = plan is not None and not plan.blocked and not self._upid
        gate(self.migrate_button, possible, self.need, self.tr("Start the migration"))

    # ------------------------------------------------------------ doing

    def migrate(self) -> None:
        plan = self.current_plan()
        if not self.migrate_button.isEnabled() or plan is None:
            return
        self._upid = "pending"
        self._lock_inputs(True)
        kit.show_message(self.status_label, kit.fmt(self.tr("Starting the migration to %1…"), plan.target))
        self.session.run(api.migrate(self.instance, plan.prepare())).then(self, self._sent)

    def _gate_storage(self, enabled: bool) -> None:
        gate(self.storage_combo, enabled, self.storage_need, self.tr("Where the local disks go on the target node"))

    def _lock_inputs(self, locked: bool) -> None:
        for widget in (self.target_combo, self.timeout_spin):
            widget.setEnabled(not locked)
        self._gate_storage(not locked)
        self._update()

    def _sent(self, data, error) -> None:
        if error is not None:
            self._upid = ""
            self._lock_inputs(False)
            self._show_error(error)
            return
        self._upid = str(data or "")
        kit.show_message(self.status_label, kit.fmt(self.tr("Migrating to %1… (see the task panel)"),
                                                    self.plan.target))
        self.progress.setRange(0, 0)
        self.progress.show()
        follower = TaskFollower(self.session, Task.from_upid(self.instance.cluster, self._upid), self)
        follower.lines.connect(self._lines)
        self._follower = follower
        follower.start()

    def _show_error(self, error) -> None:
        """A field's error under that field (PVE's parameter errors), the rest in the status line."""
        fields = getattr(error, "errors", None) or {}
        placed = False
        for key, label in (("target", self.target_error), ("targetstorage", self.storage_error),
                           ("target-storage", self.storage_error)):
            if key in fields:
                kit.set_error(label, str(fields[key]))
                placed = True
        kit.set_error(self.status_label, kit.fmt(self.tr("The migration did not start: %1"), errors.describe(error))
                      if not placed else self.tr("The migration did not start: see the marked field."))

    def _lines(self, lines: list[str]) -> None:
        found = migration.last_progress(lines)
        if found is None:
            return
        self.progress.setRange(0, 100)
        self.progress.setValue(found.percent)
        what = found.what or self.tr("memory")
        self.progress.setFormat(kit.fmt(self.tr("%1: %p%"), what))

    def _task_changed(self, task: Task) -> None:
        if task.upid != self._upid or task.running:
            return
        if self._follower is not None:
            self._follower.stop()
        self._upid = ""
        self.progress.hide()
        if task.ok:
            self._upid = "done"  # nothing more to start from this dialog
            text = (self.tr("HA accepted the request: the HA manager moves %1 to %2.") if task.type == "hamigrate"
                    else self.tr("Done: %1 is on %2 now."))
            kit.show_message(self.status_label, kit.fmt(text, self.instance.vmid, self.plan.target), style.Tone.OK)
            self._update()
            self.migrated.emit(self.instance.key, self.plan.target)
        else:
            self._lock_inputs(False)
            kit.set_error(self.status_label, kit.fmt(self.tr("The migration failed: %1 (the task log has the "
                                                             "details)"),
                                                     errors.describe(errors.from_task_exit(task.exitstatus))))
