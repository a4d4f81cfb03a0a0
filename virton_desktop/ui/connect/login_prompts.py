"""Small prompts a connection may need: the second factor, a password not kept anywhere."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QLineEdit, QVBoxLayout

from ...pve import tfa
from .. import kit


class TfaDialog(QDialog):
    """Asks for the second factor the server offers (`tfa.Challenge`: TOTP first, then Yubico
    OTP, then a recovery key); `answer_entered("kind:value")` or `cancelled()`. Never blocks."""

    answer_entered = Signal(str)
    cancelled = Signal()

    def __init__(self, cluster: str, user: str, challenge: tfa.Challenge, parent=None):
        super().__init__(parent)
        self.setObjectName("tfaDialog")
        self.setWindowTitle(self.tr("Two-factor authentication"))
        self.challenge = challenge
        self._first_recovery_ids = challenge.recovery_ids  # to name the keys used while the prompt is open
        self.intro = QLabel(kit.fmt(self.tr("%1 on %2 needs a second factor."), user, cluster), self)
        self.intro.setWordWrap(True)
        self.intro.setTextFormat(Qt.TextFormat.PlainText)  # user and cluster names
        self.method = kit.combo(parent=self, name="tfaMethod", accessible=self.tr("Second factor"))
        self._offer(challenge)
        self.hint = kit.message_label(self, "tfaHint")
        self.code = kit.named(QLineEdit(self), "tfaCode", self.tr("Second factor"))
        self.message = kit.error_label(self, "tfaMessage", hidden=True)
        self.buttons, self.ok_button = kit.ok_cancel(self, self.tr("Log in"), "tfaOk", "tfaCancel",
                                                     cancel_text=self.tr("Cancel"), connect=False)
        self.ok_button.setEnabled(False)
        self.code.textChanged.connect(self._check)
        self.method.currentIndexChanged.connect(self._method_changed)
        self.buttons.accepted.connect(self._submit)
        self.buttons.rejected.connect(self._cancel)
        layout = QVBoxLayout(self)
        for widget in (self.intro, self.method, self.hint, self.code, self.message, self.buttons):
            layout.addWidget(widget)
        self._method_changed()

    def _offer(self, challenge: tfa.Challenge) -> None:
        """List the factors `challenge` accepts, keeping the user's choice while it is offered."""
        labels = {tfa.Method.TOTP: self.tr("Authenticator app code (TOTP)"),
                  tfa.Method.YUBICO: self.tr("YubiKey one-time password (Yubico OTP)"),
                  tfa.Method.RECOVERY: self.tr("Recovery key")}
        chosen = self.method.currentData()
        self.challenge = challenge
        self.method.blockSignals(True)
        self.method.clear()
        for method in challenge.methods:
            self.method.addItem(labels[method], method)
        self.method.setCurrentIndex(max(0, self.method.findData(chosen)) if chosen is not None else 0)
        self.method.blockSignals(False)
        self.method.setVisible(self.method.count() > 1)

    @property
    def current(self) -> tfa.Method:
        return tfa.Method(self.method.currentData())

    def _method_changed(self) -> None:
        method = self.current
        hints = {tfa.Method.TOTP: self.tr("Enter the 6-digit code your authenticator app shows now."),
                 tfa.Method.YUBICO: self.tr("Touch your YubiKey's button with the cursor in the field."),
                 tfa.Method.RECOVERY: self._recovery_hint()}
        placeholders = {tfa.Method.TOTP: "123456", tfa.Method.YUBICO: "cccccc…",
                        tfa.Method.RECOVERY: "0123-4567-89ab-cdef"}
        kit.show_message(self.hint, hints[method])
        self.code.setPlaceholderText(placeholders[method])
        self.message.hide()
        self._check()
        self.code.setFocus()

    def _recovery_hint(self) -> str:
        text = self.tr("Enter one of your recovery keys. Each key works only once.")
        ids = self.challenge.recovery_ids
        if ids:
            text += " " + kit.fmt(self.tr("Unused keys: %1."), ", ".join(str(i) for i in ids))
        spent = [i for i in self._first_recovery_ids if i not in ids]
        if spent:
            text += " " + kit.fmt(self.tr("Used since this prompt opened: %1."), ", ".join(str(i) for i in spent))
        if 0 < len(ids) <= 3:
            text += " " + self.tr("Few keys are left: make a new set after logging in.")
        return text

    def _check(self) -> None:
        self.ok_button.setEnabled(tfa.valid(self.current, self.code.text()))

    def refused(self, challenge: tfa.Challenge | None = None) -> None:
        """The server did not accept the answer: say so, keep the dialog, clear the field. With the
        fresh `challenge` of the next try, offer what it accepts (keys used meanwhile are gone)."""
        texts = {tfa.Method.TOTP: self.tr("That code was not accepted. Wait for the next code and try again."),
                 tfa.Method.YUBICO: self.tr("That one-time password was not accepted. Touch the key again."),
                 tfa.Method.RECOVERY: self.tr("That recovery key was not accepted: it is mistyped or was "
                                              "already used.")}
        said = texts[self.current]
        if challenge is not None and challenge.methods and challenge != self.challenge:
            self._offer(challenge)
            self._method_changed()
        kit.set_error(self.message, said)
        self.code.clear()
        self.setEnabled(True)
        self.code.setFocus()

    def _submit(self) -> None:
        if not self.ok_button.isEnabled():
            return  # Enter in an incomplete field
        self.setEnabled(False)  # until the server answered
        self.answer_entered.emit(tfa.answer(self.current, self.code.text()))

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
