"""Small prompts a connection may need: the second factor, a password not kept anywhere."""

from __future__ import annotations

from PySide6.QtCore import QRegularExpression, Qt, Signal
from PySide6.QtGui import QRegularExpressionValidator
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QLineEdit, QVBoxLayout

from .. import kit


class TotpDialog(QDialog):
    """Asks for the authenticator code; `code_entered(code)` or `cancelled()`. Never blocks."""

    code_entered = Signal(str)
    cancelled = Signal()

    def __init__(self, cluster: str, user: str, parent=None):
        super().__init__(parent)
        self.setObjectName("totpDialog")
        self.setWindowTitle(self.tr("Two-factor authentication"))
        self.intro = QLabel(kit.fmt(self.tr("Enter the 6-digit code from your authenticator app for %1 on %2."),
                                    user, cluster), self)
        self.intro.setWordWrap(True)
        self.intro.setTextFormat(Qt.TextFormat.PlainText)  # user and cluster names
        self.message = kit.error_label(self, "totpMessage", hidden=True)
        self.code = QLineEdit(self)
        self.code.setObjectName("totpCode")
        self.code.setAccessibleName(self.tr("Authenticator code"))
        self.code.setPlaceholderText("123456")
        self.code.setValidator(QRegularExpressionValidator(QRegularExpression(r"\d{0,8}"), self))
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel,
                                        self)
        self.ok_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setObjectName("totpOk")
        self.ok_button.setText(self.tr("Log in"))
        self.ok_button.setEnabled(False)
        self.code.textChanged.connect(lambda text: self.ok_button.setEnabled(len(text) >= 6))
        self.buttons.accepted.connect(self._submit)
        self.buttons.rejected.connect(self._cancel)
        layout = QVBoxLayout(self)
        layout.addWidget(self.intro)
        layout.addWidget(self.code)
        layout.addWidget(self.message)
        layout.addWidget(self.buttons)

    def ask_again(self, text: str) -> None:
        """A wrong code: say so, keep the dialog, clear the field."""
        kit.set_error(self.message, text)
        self.code.clear()
        self.code.setFocus()
        self.ok_button.setEnabled(False)
        self.setEnabled(True)

    def _submit(self) -> None:
        self.setEnabled(False)  # until the server answered
        self.code_entered.emit(self.code.text())

    def _cancel(self) -> None:
        self.cancelled.emit()
        self.reject()


class SecretPrompt(QDialog):
    """The password (or token secret) of a profile that does not keep it."""

    def __init__(self, title: str, label: str, parent=None):
        super().__init__(parent)
        self.setObjectName("secretPrompt")
        self.setWindowTitle(title)
        self.secret = QLineEdit(self)
        self.secret.setObjectName("secretField")
        self.secret.setAccessibleName(label)
        self.secret.setEchoMode(QLineEdit.EchoMode.Password)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        text = QLabel(label, self)
        text.setWordWrap(True)
        text.setTextFormat(Qt.TextFormat.PlainText)  # names the profile and the user
        layout.addWidget(text)
        layout.addWidget(self.secret)
        layout.addWidget(buttons)
