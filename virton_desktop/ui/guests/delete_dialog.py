"""Delete a guest: only when stopped, after the user typed its VMID; the task is followed to its end.

Refused, with the reason in words: running or paused guests (stop them first), templates
(linked clones may use their base disks), protected guests (`protection: 1`), locked guests.
Options as in PVE's web UI: "purge from jobs and HA" (`purge=1`) and "destroy unreferenced
disks" (`destroy-unreferenced-disks=1`), both on by default.
"""

from __future__ import annotations

from collections.abc import Mapping

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QCheckBox, QDialog, QDialogButtonBox, QLabel, QLineEdit, QVBoxLayout

from ...pve import api, errors
from ...pve.entities import STOPPED, Instance, Task
from ...session import ClusterSession
from .. import kit, style


class DeleteDialog(QDialog):
    deleted = Signal(object)  # key (cluster, vmid), after the destroy task ended OK

    def __init__(self, session: ClusterSession, instance: Instance, config: Mapping | None = None, parent=None):
        super().__init__(parent)
        self.setObjectName("deleteDialog")
        self.setAccessibleName(self.tr("Delete guest"))
        self.session = session
        self.instance = instance
        self.config = dict(config or {})
        self._upid = ""
        name = "{0} ({1})".format(instance.vmid, instance.name) if instance.name else str(instance.vmid)
        self.setWindowTitle(kit.fmt(self.tr("Delete %1"), name))

        self.reason_label = QLabel(self)
        self.reason_label.setObjectName("deleteReason")
        self.reason_label.setAccessibleName(self.tr("Why this guest cannot be deleted"))
        self.reason_label.setWordWrap(True)
        self.reason_label.setTextFormat(Qt.TextFormat.PlainText)  # names the server's lock
        style.apply_tone(self.reason_label, style.Tone.ERROR, "font-weight: bold;")

        self.intro = QLabel(kit.fmt(self.tr("%1 and its disks are removed from the cluster for good. This cannot be "
                                            "undone; backups on backup storages are kept."), name), self)
        self.intro.setObjectName("deleteIntro")
        self.intro.setTextFormat(Qt.TextFormat.PlainText)  # names the guest
        self.intro.setWordWrap(True)
        self.prompt = QLabel(kit.fmt(self.tr("Type the guest ID %1 to confirm:"), instance.vmid), self)
        self.prompt.setObjectName("deletePrompt")
        self.confirm_edit = QLineEdit(self)
        self.confirm_edit.setObjectName("deleteConfirm")
        self.confirm_edit.setAccessibleName(self.tr("Guest ID to confirm"))
        self.confirm_edit.setPlaceholderText(str(instance.vmid))
        self.prompt.setBuddy(self.confirm_edit)
        self.purge = QCheckBox(self.tr("Purge from backup jobs, replication and HA"), self)
        self.purge.setObjectName("deletePurge")
        self.purge.setAccessibleName(self.purge.text())
        self.purge.setChecked(True)
        self.destroy_disks = QCheckBox(self.tr("Destroy unreferenced disks owned by the guest"), self)
        self.destroy_disks.setObjectName("deleteUnreferenced")
        self.destroy_disks.setAccessibleName(self.destroy_disks.text())
        self.destroy_disks.setChecked(True)
        self.error_label = kit.error_label(self, "deleteError", self.tr("Error"), hidden=True)

        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel, self)
        self.delete_button = kit.button(self.tr("Delete"), "deleteButton", parent=self,
                                        accessible=self.tr("Delete the guest"))
        self.delete_button.setStyleSheet("QPushButton:enabled {{ {0} font-weight: bold; }}".format(
            style.label_sheet(style.Tone.ERROR, self.palette())))
        self.buttons.addButton(self.delete_button, QDialogButtonBox.ButtonRole.DestructiveRole)
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setObjectName("deleteCancel")
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setAccessibleName(self.tr("Cancel"))
        self.buttons.rejected.connect(self.reject)
        self.delete_button.clicked.connect(self.delete)
        self.confirm_edit.textChanged.connect(self._update)
        self.confirm_edit.returnPressed.connect(self.delete)

        layout = QVBoxLayout(self)
        layout.addWidget(self.reason_label)
        layout.addWidget(self.intro)
        layout.addWidget(self.prompt)
        layout.addWidget(self.confirm_edit)
        layout.addWidget(self.purge)
        layout.addWidget(self.destroy_disks)
        layout.addWidget(self.error_label)
        layout.addWidget(self.buttons)
        session.task_changed.connect(self._task_changed)
        self.refuse_reason = self.reason()
        self.reason_label.setText(self.refuse_reason)
        self.reason_label.setVisible(bool(self.refuse_reason))
        for w in (self.confirm_edit, self.purge, self.destroy_disks):
            w.setEnabled(not self.refuse_reason)
        self.setMinimumWidth(self.fontMetrics().horizontalAdvance("M") * 36)
        self._update()

    def reason(self) -> str:
        """Why the guest cannot be deleted now ('' if it can)."""
        inst = self.instance
        protected = str(self.config.get("protection", "0")) in ("1", "True", "true")
        if protected:
            return self.tr("This guest is protected (protection: 1), so it cannot be deleted. Turn off protection "
                           "in its options first if you really mean to delete it.")
        if inst.template:
            return self.tr("This guest is a template. Linked clones may still use its base disks, so it is not "
                           "deleted from here; check its clones in the Proxmox web interface first.")
        if inst.lock:
            return kit.fmt(self.tr("This guest is locked (%1) by a running or interrupted job. Wait for the job to "
                                   "end."), inst.lock)
        if inst.status != STOPPED:
            return self.tr("This guest is not stopped. Shut it down or stop it first, then delete it.")
        return ""

    def _update(self) -> None:
        ok = not self.refuse_reason and not self._upid and self.confirm_edit.text().strip() == str(self.instance.vmid)
        self.delete_button.setEnabled(ok)

    def delete(self) -> None:
        if not self.delete_button.isEnabled():
            return
        inst = self.instance
        params = {}
        if self.purge.isChecked():
            params["purge"] = 1
        if self.destroy_disks.isChecked():
            params["destroy-unreferenced-disks"] = 1
        self._upid = "pending"
        self._update()
        kit.show_message(self.error_label, self.tr("Deleting…"))
        reply = self.session.run(api.delete_guest(inst, params))
        reply.finished.connect(self._sent)

    def _sent(self, data, error) -> None:
        if error is not None:
            self._upid = ""
            self._show_error(errors.describe(error))
            return
        self._upid = str(data or "")

    def _task_changed(self, task: Task) -> None:
        if task.upid != self._upid or task.running:
            return
        if task.ok:
            self.deleted.emit(self.instance.key)
            self.accept()
        else:
            self._upid = ""
            self._show_error(errors.describe(errors.from_task_exit(task.exitstatus)))

    def _show_error(self, text: str) -> None:
        kit.set_error(self.error_label, text)
        self._update()

    def done(self, result: int) -> None:
        try:
            self.session.task_changed.disconnect(self._task_changed)
        except (RuntimeError, TypeError):
            pass
        super().done(result)

