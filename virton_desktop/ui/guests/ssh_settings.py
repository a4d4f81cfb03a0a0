"""SshSettingsDialog: how "Open SSH" reaches a guest: the user, and an optional terminal command
(`%u` the user, `%a` the address) instead of the desktop's ssh:// handler. Only what the user
changed is written."""

from __future__ import annotations

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QDialog, QFormLayout, QLabel, QLineEdit, QVBoxLayout

from .. import kit

SSH_USER_KEY = "agent/sshUser"
SSH_COMMAND_KEY = "agent/sshCommand"


def ssh_user(settings: QSettings | None = None) -> str:
    return str((settings or QSettings()).value(SSH_USER_KEY, "root") or "root")


def ssh_command(settings: QSettings | None = None) -> str:
    return str((settings or QSettings()).value(SSH_COMMAND_KEY, "") or "")


class SshSettingsDialog(QDialog):
    def __init__(self, parent=None, settings: QSettings | None = None):
        super().__init__(parent)
        self.setObjectName("sshSettingsDialog")
        self.setWindowTitle(self.tr("SSH to guests"))
        self.settings = settings or QSettings()
        self._loaded = (ssh_user(self.settings), ssh_command(self.settings))
        self.user = kit.named(QLineEdit(self._loaded[0], self), "sshUser", self.tr("User"))
        self.command = kit.named(QLineEdit(self._loaded[1], self), "sshCommand", self.tr("Terminal command"))
        self.command.setPlaceholderText("x-terminal-emulator -e ssh %u@%a")
        note = QLabel(self.tr("Empty: the system's handler of ssh:// links opens the connection. "
                              "%u is the user, %a the address."), self)
        note.setWordWrap(True)
        form = QFormLayout()
        form.addRow(self.tr("User"), self.user)
        form.addRow(self.tr("Terminal command"), self.command)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(note)
        buttons, self.save_button = kit.ok_cancel(self, self.tr("Save"), "sshSave", "sshCancel",
                                                  cancel_text=self.tr("Cancel"))
        layout.addWidget(buttons)

    def accept(self) -> None:
        user, command = self.user.text().strip() or "root", self.command.text().strip()
        if user != self._loaded[0]:
            self.settings.setValue(SSH_USER_KEY, user)
        if command != self._loaded[1]:
            self.settings.setValue(SSH_COMMAND_KEY, command)
        super().accept()
