"""Password or API token: the one choice both the quick-connect dialog and the profile editor offer."""

from __future__ import annotations

from PySide6.QtWidgets import QButtonGroup, QHBoxLayout, QRadioButton, QWidget

from .. import kit


class AuthChoice(QWidget):
    """Two radio buttons in a row; `by_password` is checked at first.

    `prefix` makes the object names the dialogs' tests and accessibility tools know
    (`authPassword` / `profileAuthPassword`).
    """

    def __init__(self, prefix: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.by_password = kit.named(QRadioButton(self.tr("Password"), self), prefix + "Password")
        self.by_token = kit.named(QRadioButton(self.tr("API token"), self), prefix + "Token")
        self.by_password.setChecked(True)
        group = QButtonGroup(self)
        group.addButton(self.by_password)
        group.addButton(self.by_token)
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.by_password)
        row.addWidget(self.by_token)
        row.addStretch(1)
