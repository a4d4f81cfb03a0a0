"""The detail page's Snapshots tab: the tree (with NOW), take / roll back / delete / describe.

    view = SnapshotsView(session, (cluster, vmid), instance_model)

`instance_model` is anything with `get(key) -> Instance` (the main window's InstanceModel):
the guest's node, type, status and lock come from there and follow its polls. The snapshot
list is read when the tab is shown, every `REFRESH_MS` while it stays visible (one request in
flight at most) and when a snapshot task of this guest ends. While a lock is set (snapshot,
rollback, backup, ...) it is shown above the tree and the buttons that would fail are off.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMenu,
    QPlainTextEdit,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from ...models.snapshots import COL_DATE, COL_NAME, COL_RAM, SnapshotModel
from ...pve import api, errors
from ...pve.backup import CURRENT, SNAPSHOT_NAME_MAX, SnapNode, snapshot_name_problem
from ...pve.entities import LXC, QEMU, RUNNING, Instance, Snapshot, Task
from .. import kit, style
from ..banners import MessageBar
from ..permission_gate import PrivilegesOf, everything, gate, guest_need
from .row_menu import row_menu
from .text_dialog import TextDialog

REFRESH_MS = 10000
# Task types that change the snapshot list.
SNAPSHOT_TASKS = frozenset({"qmsnapshot", "qmrollback", "qmdelsnapshot", "vzsnapshot", "vzrollback",
                            "vzdelsnapshot"})


class CreateSnapshotDialog(QDialog):
    """Name (PVE's rule, checked while typing), description, and RAM (running VMs only)."""

    def __init__(self, instance: Instance, taken: set[str] | None = None, parent=None):
        super().__init__(parent)
        self.setObjectName("createSnapshotDialog")
        self.setWindowTitle(self.tr("Take snapshot"))
        self.taken = set(taken or ())
        self.name = kit.named(QLineEdit(self), "snapshotName", self.tr("Snapshot name"))
        self.name.setMaxLength(SNAPSHOT_NAME_MAX)
        self.name.setPlaceholderText(self.tr("e.g. before_update"))
        self.name_problem = kit.error_label(self, "snapshotNameProblem", self.tr("Name problem"))
        self.description = kit.named(QPlainTextEdit(self), "snapshotDescription", self.tr("Description"))
        self.description.setPlaceholderText(self.tr("Optional: why it was taken, the state of the system"))
        self.description.setFixedHeight(80)
        self.vmstate = kit.named(QCheckBox(self.tr("Include RAM state"), self), "snapshotVmstate",
                                 self.tr("Include RAM state"))
        self.vmstate_help = kit.named(QLabel(self), "snapshotVmstateHelp", self.tr("About the RAM state"))
        self.vmstate_help.setWordWrap(True)
        running_vm = instance.type == QEMU and instance.status == RUNNING
        self.vmstate.setEnabled(running_vm)
        self.vmstate.setVisible(instance.type == QEMU)
        if instance.type == LXC:
            self.vmstate_help.setText(self.tr("Containers are snapshotted without their memory state."))
        elif running_vm:
            self.vmstate_help.setText(self.tr("Checked: after a rollback the VM runs on at once, exactly where it "
                                              "was. Unchecked: only the disks are saved; after a rollback the VM "
                                              "must boot."))
        else:
            self.vmstate_help.setText(self.tr("Only a running VM has a memory state to save."))
        self.buttons, self.ok_button = kit.ok_cancel(self, self.tr("Take snapshot"), "snapshotOk", "snapshotCancel",
                                                     cancel_text=self.tr("Cancel"))
        form = QFormLayout()
        form.addRow(self.tr("Name:"), self.name)
        form.addRow("", self.name_problem)
        form.addRow(self.tr("Description:"), self.description)
        form.addRow("", self.vmstate)
        form.addRow("", self.vmstate_help)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.buttons)
        self.name.textChanged.connect(self._check)
        self._check()
        self.resize(460, self.sizeHint().height())

    def problem(self) -> str:
        name = self.name.text()
        key = snapshot_name_problem(name)
        if not key and name in self.taken:
            return self.tr("A snapshot with this name exists already.")
        return {
            "": "",
            "empty": "",  # nothing typed yet: no scolding, just no OK
            "first": self.tr("The name must start with a letter."),
            "chars": self.tr("Use only letters, digits, '_' and '-' (no spaces)."),
            "long": kit.fmt(self.tr("At most %1 characters."), SNAPSHOT_NAME_MAX),
            "reserved": self.tr("This name is reserved by Proxmox VE."),
        }[key]

    def _check(self) -> None:
        problem = self.problem()
        self.name_problem.setText(problem)
        self.name_problem.setVisible(bool(problem))
        self.ok_button.setEnabled(bool(self.name.text()) and not problem)

    def values(self) -> tuple[str, str, bool]:
        return (self.name.text(), self.description.toPlainText().strip(),
                self.vmstate.isEnabled() and self.vmstate.isChecked())


class DescriptionDialog(TextDialog):
    def __init__(self, name: str, text: str, parent=None):
        super().__init__("", text, "snapshotDescription", parent, height=200)
        self.setWindowTitle(kit.fmt(self.tr("Description of %1"), name))
        self.editor.setAccessibleName(self.tr("Description"))


class SnapshotsView(QWidget):
    """See the module docstring."""

    message = Signal(str)  # translated status messages (snapshot taken, ...)
    refreshed = Signal()  # a snapshot list arrived and is in `snapshots`

    def __init__(self, session, instance_key: tuple[str, int], model, parent=None):
        super().__init__(parent)
        self.setObjectName("snapshotsView")
        self.session = session
        self.key = instance_key
        self.instances = model
        self.snapshots = SnapshotModel(self)
        self._pending = None  # the list request in flight
        self._again = False
        self._busy: dict[str, str] = {}  # UPID -> words for the task we wait for
        # Replaced in tests: (title, text, ok text) -> True to go ahead; the dialogs' exec.
        self.confirm: Callable[[str, str, str], bool] = self._ask
        self.run_dialog: Callable[[QWidget], bool] = lambda dialog: dialog.exec() == 1
        # What the cluster's login may do (the guest page hands in the registry's); see `privileges_changed`.
        self.privileges_of: PrivilegesOf = everything

        self.errors_bar = MessageBar("snapshotErrors", "error", self)
        self.lock_label = kit.named(QLabel(self), "snapshotLock", self.tr("Lock state"))
        self.lock_label.setWordWrap(True)
        self.lock_label.setTextFormat(Qt.TextFormat.PlainText)  # the server's lock name
        self.lock_label.setStyleSheet("QLabel {{ {0} padding: 4px 8px; }}".format(
            style.banner_sheet(style.Tone.WARNING, self.palette())))
        self.create_button = self._button("snapshotTake", self.tr("Take snapshot"),
                                          self.tr("Save the guest's current state"), self.on_create)
        self.rollback_button = self._button("snapshotRollback", self.tr("Roll back"),
                                            self.tr("Return the guest to the selected snapshot"), self.on_rollback)
        self.delete_button = self._button("snapshotDelete", self.tr("Delete"),
                                          self.tr("Delete the selected snapshot and free its space"), self.on_delete)
        self.edit_button = self._button("snapshotEdit", self.tr("Edit description"),
                                        self.tr("Change the selected snapshot's description"), self.on_edit)
        self.refresh_button = self._button("snapshotRefresh", self.tr("Refresh"), self.tr("Read the snapshots again"),
                                           self.refresh)
        self.tree = kit.named(QTreeView(self), "snapshotTree", self.tr("Snapshots"))
        self.tree.setModel(self.snapshots)
        self.tree.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.tree.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.tree.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.tree.setAlternatingRowColors(True)
        self.tree.setUniformRowHeights(True)
        self.tree.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.tree.customContextMenuRequested.connect(lambda pos: self.build_menu().popup(
            self.tree.viewport().mapToGlobal(pos)))
        self._delete_key = QShortcut(QKeySequence.StandardKey.Delete, self.tree)
        self._delete_key.setContext(Qt.ShortcutContext.WidgetShortcut)
        self._delete_key.activated.connect(self.on_delete)
        header = kit.named(self.tree.header(), "snapshotTreeHeader", self.tr("Snapshot columns"))
        header.setStretchLastSection(True)
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        for col, width in ((COL_NAME, 240), (COL_DATE, 150), (COL_RAM, 50)):
            header.resizeSection(col, width)
        self.summary = kit.named(QLabel(self), "snapshotSummary", self.tr("Snapshot summary"))
        self.summary.setTextFormat(Qt.TextFormat.PlainText)  # a snapshot's name
        self.empty = kit.named(QLabel(self), "snapshotEmpty", self.tr("No snapshots"))
        self.empty.setWordWrap(True)
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)

        buttons = QHBoxLayout()
        for b in (self.create_button, self.rollback_button, self.delete_button, self.edit_button):
            buttons.addWidget(b)
        buttons.addStretch(1)
        buttons.addWidget(self.summary)
        buttons.addWidget(self.refresh_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 8, 8, 8)
        layout.addWidget(self.errors_bar)
        layout.addLayout(buttons)
        layout.addWidget(self.lock_label)
        layout.addWidget(self.tree, 1)
        layout.addWidget(self.empty)

        self._timer = QTimer(self)
        self._timer.setInterval(REFRESH_MS)
        self._timer.timeout.connect(self.refresh)
        self.snapshots.modelReset.connect(self._after_reset)
        # Bound methods, not lambdas: Qt drops them with this view, while the window's models
        # live on and would call into a deleted view.
        self.tree.selectionModel().selectionChanged.connect(self._state_changed)
        session.task_changed.connect(self._task_changed)
        if hasattr(model, "dataChanged"):
            model.dataChanged.connect(self._state_changed)
        self._update_state()

    def _state_changed(self, *_args) -> None:
        self._update_state()

    def _button(self, name: str, text: str, tip: str, slot):
        return kit.button(text, name, parent=self, tip=tip, slot=slot, tool=True)

    # ------------------------------------------------------------ state

    def instance(self) -> Instance | None:
        try:
            return self.instances.get(self.key)
        except Exception:  # a model without this guest (removed) must not break the tab
            return None

    def selected(self) -> SnapNode | None:
        rows = self.tree.selectionModel().selectedRows()
        return self.snapshots.node(rows[0]) if rows else None

    def select(self, name: str) -> None:
        idx = self.snapshots.index_of(name)
        if idx.isValid():
            self.tree.setCurrentIndex(idx)

    def build_menu(self) -> QMenu:
        """The row menu: the buttons' actions, enabled as the buttons are."""
        self._update_state()
        return row_menu(self, "snapshotRowMenu",
                        (self.rollback_button, self.delete_button, self.edit_button, None, self.create_button))

    def _lock_text(self, inst: Instance | None) -> str:
        if inst is None:
            return self.tr("The guest is not in the list (removed, or its cluster is not connected).")
        if self._busy:
            return " ".join(self._busy.values())
        if inst.lock:
            words = {"snapshot": self.tr("a snapshot is being taken"),
                     "snapshot-delete": self.tr("a snapshot is being deleted"),
                     "rollback": self.tr("a rollback is running"), "backup": self.tr("a backup is running"),
                     "clone": self.tr("it is being cloned"), "migrate": self.tr("it is being migrated")}
            reason = words.get(inst.lock, inst.lock)
            return kit.fmt(self.tr("Locked (%1): %2. Snapshot actions wait until it ends."), inst.lock, reason)
        return ""

    def _update_state(self) -> None:
        inst = self.instance()
        # A container has no RAM state: PVE's web UI hides the column for it (SnapshotTree.js showMemory).
        self.tree.setColumnHidden(COL_RAM, inst is not None and inst.type == LXC)
        lock = self._lock_text(inst)
        self.lock_label.setText(lock)
        self.lock_label.setVisible(bool(lock))
        count, base = self.snapshots.snapshot_count(), self.snapshots.current_parent()
        summary = self.tr("%n snapshot(s)", "", count)
        if base:
            summary += " \u00b7 " + kit.fmt(self.tr("now based on “%1”"), base)
        self.summary.setText(summary)
        free = inst is not None and not inst.lock and not self._busy and not inst.template
        node = self.selected()
        snap = node is not None and not node.is_current
        privileges = self.privileges_of(self.key[0])
        snapshots = guest_need(privileges, "snapshots", inst) if inst is not None else None
        rollback = guest_need(privileges, "rollback", inst) if inst is not None else None
        gate(self.create_button, free, snapshots, self.tr("Save the guest's current state"))
        # pve-guest-common AbstractConfig.pm snapshot_rollback: "unable to rollback to incomplete snapshot
        # (snapstate = ...)" - one PVE is still making or removing, or a task that failed midway left.
        incomplete = node.snapstate if snap else ""
        gate(self.rollback_button, free and snap and not incomplete, rollback,
             kit.fmt(self.tr("PVE does not roll back to an incomplete snapshot (%1)"), incomplete) if incomplete
             else self.tr("Return the guest to the selected snapshot"))
        gate(self.delete_button, free and snap, snapshots, self.tr("Delete the selected snapshot and free its space"))
        gate(self.edit_button, inst is not None and snap, snapshots,
             self.tr("Change the selected snapshot's description"))

    def privileges_changed(self) -> None:
        self._update_state()

    def _after_reset(self) -> None:
        self.tree.expandAll()
        count = self.snapshots.snapshot_count()
        self.empty.setText(self.tr("No snapshots yet. “Take snapshot” saves the current state, so you can "
                                   "return to it later.") if count == 0 else "")
        self.empty.setVisible(count == 0)
        self._update_state()

    # ------------------------------------------------------------ listing

    def showEvent(self, event) -> None:
        super().showEvent(event)
        self.refresh()
        self._timer.start()

    def hideEvent(self, event) -> None:
        super().hideEvent(event)
        self._timer.stop()

    def refresh(self) -> None:
        """GET the snapshot list (skipped while one is in flight; then once more after it)."""
        if self._pending is not None:
            self._again = True
            return
        inst = self.instance()
        if inst is None:
            self._update_state()
            return
        self._pending = self.session.run(api.snapshots(inst))
        self._pending.then(self, self._listed)

    def _listed(self, data, error) -> None:
        self._pending = None
        if error is not None:
            self.errors_bar.show_message(kit.fmt(self.tr("Could not read the snapshots: %1"), errors.describe(error)))
        else:
            self.snapshots.set_snapshots(Snapshot.from_api(item) for item in data or [])
            self._update_state()
            self.refreshed.emit()
        if self._again:
            self._again = False
            self.refresh()

    def _task_changed(self, task: Task) -> None:
        if task.vmid != self.key[1] or task.cluster != self.key[0] or task.type not in SNAPSHOT_TASKS:
            return
        if task.running:
            return
        words = self._busy.pop(task.upid, None)
        if words is not None:
            if task.failed:
                self.errors_bar.show_message(kit.fmt(self.tr("The snapshot task failed: %1"),
                                                     errors.describe(errors.from_task_exit(task.exitstatus))))
            else:
                self.message.emit(self.tr("Snapshot task finished."))
        self.refresh()
        self._update_state()

    # ------------------------------------------------------------ actions (public: tests call them)

    def _send(self, op: api.Op, busy_words: str) -> bool:
        reply = self.session.run(op)

        def done(data, error):
            if error is not None:
                self.errors_bar.show_message(errors.describe(error))
                self._update_state()
                return
            if isinstance(data, str) and data.startswith("UPID:"):
                self._busy[data] = busy_words
            self._update_state()
            self.refresh()
        reply.then(self, done)
        return True

    def create_snapshot(self, name: str, description: str = "", vmstate: bool = False) -> bool:
        inst = self.instance()
        if inst is None or snapshot_name_problem(name):
            return False
        params = {}
        if description:
            params["description"] = description
        if vmstate and inst.type == QEMU and inst.status == RUNNING:
            params["vmstate"] = 1
        return self._send(api.create_snapshot(inst, name, params),
                          kit.fmt(self.tr("Taking snapshot “%1”…"), name))

    def rollback(self, name: str, confirmed: bool = False) -> bool:
        inst = self.instance()
        if inst is None or not name or name == CURRENT:
            return False
        item = self.snapshots.index_of(name)
        node = self.snapshots.node(item)
        after = (self.tr("It saved the RAM state: the guest runs on from that moment.") if node and node.vmstate
                 else self.tr("It has no RAM state: the guest is stopped afterwards and must be started."))
        text = kit.fmt(self.tr("Roll %1 back to “%2”?\n\nAll changes since that snapshot are lost: the current "
                               "disks and settings are overwritten with the snapshot's data. %3"),
                       inst.name or inst.vmid, name, after)
        if not confirmed and not self.confirm(self.tr("Roll back"), text, self.tr("Roll back")):
            return False
        return self._send(api.rollback(inst, name), kit.fmt(self.tr("Rolling back to “%1”…"), name))

    def delete_snapshot(self, name: str, confirmed: bool = False) -> bool:
        inst = self.instance()
        if inst is None or not name or name == CURRENT:
            return False
        if not confirmed and not self.confirm(
                self.tr("Delete snapshot"),
                kit.fmt(self.tr("Delete the snapshot “%1” for good? Its data is merged away and its space freed; "
                                "the guest's current state stays as it is."), name), self.tr("Delete")):
            return False
        return self._send(api.delete_snapshot(inst, name), kit.fmt(self.tr("Deleting snapshot “%1”…"), name))

    def set_description(self, name: str, text: str) -> bool:
        inst = self.instance()
        if inst is None or not name or name == CURRENT:
            return False
        reply = self.session.run(api.snapshot_description(inst, name, text))

        def done(_data, error):
            if error is not None:
                self.errors_bar.show_message(errors.describe(error))
            self.refresh()
        reply.then(self, done)
        return True

    # ------------------------------------------------------------ button slots

    def _ask(self, title: str, text: str, ok_text: str) -> bool:
        return kit.confirm(self, title, text, ok_text, destructive=True, name="snapshotConfirm",
                           ok_name="snapshotConfirmOk")

    def on_create(self) -> None:
        inst = self.instance()
        if inst is None:
            return
        taken = {n for n in self.snapshots.names() if n != CURRENT}
        dialog = CreateSnapshotDialog(inst, taken, self)
        if self.run_dialog(dialog):
            self.create_snapshot(*dialog.values())
        dialog.deleteLater()

    def on_rollback(self) -> None:
        node = self.selected()
        if node is not None:
            self.rollback(node.name)

    def on_delete(self) -> None:
        node = self.selected()
        if node is not None:
            self.delete_snapshot(node.name)

    def on_edit(self) -> None:
        node = self.selected()
        if node is None or node.is_current:
            return
        dialog = DescriptionDialog(node.name, node.description, self)
        if self.run_dialog(dialog):
            self.set_description(node.name, dialog.text())
        dialog.deleteLater()
