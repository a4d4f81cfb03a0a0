"""Offer to re-pin a changed certificate that another node of the cluster has confirmed.

Shown only for a `repin.Verdict` that is CONFIRMED: another node, reached over its own
pinned connection, reports exactly the certificate this address presents now. The dialog
says how that was verified and what the certificate is; one click replaces the pin for this
host:port (nothing else). Cancel keeps the old pin and the connection blocked.
"""

from __future__ import annotations

from PySide6.QtCore import QDateTime, QLocale, Qt
from PySide6.QtGui import QFontDatabase
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QFormLayout, QLabel, QLayout, QVBoxLayout

from ...pve.repin import Verdict
from .. import kit, style
from .certificate_dialog import grouped


class RepinDialog(QDialog):
    def __init__(self, verdict: Verdict, expected: str, parent=None):
        super().__init__(parent)
        self.setObjectName("repinDialog")
        self.setWindowTitle(self.tr("Certificate renewed"))
        mono = QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont)
        address = "{0}:{1}".format(verdict.host, verdict.port)

        # Plain text throughout: node names, subjects and issuers come from the server.
        intro = QLabel(kit.fmt(self.tr("The certificate of %1 has changed, and the cluster confirms the new one."),
                               address), self)
        intro.setObjectName("repinIntro")
        intro.setTextFormat(Qt.TextFormat.PlainText)
        intro.setWordWrap(True)
        style.apply_tone(intro, style.Tone.OK, "font-weight: bold;")
        how = QLabel(kit.fmt(self.tr("Node %1's certificate was confirmed by %2 over the already trusted "
                                     "connection: %2 reports exactly the certificate %1 presents now."),
                             verdict.node, verdict.witness), self)
        how.setObjectName("repinHow")
        how.setTextFormat(Qt.TextFormat.PlainText)
        how.setWordWrap(True)

        form = QFormLayout()
        new = QLabel(grouped(verdict.presented), self)
        new.setObjectName("repinFingerprint")
        new.setFont(mono)
        new.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        new.setAccessibleName(self.tr("Confirmed fingerprint"))
        form.addRow(self.tr("Fingerprint (SHA-256):"), new)
        for text, value, name in ((self.tr("Issued to:"), verdict.subject, "repinSubject"),
                                  (self.tr("Issued by:"), verdict.issuer, "repinIssuer"),
                                  (self.tr("Valid until:"), self._date(verdict.notafter), "repinValidUntil"),
                                  (self.tr("Certificate file:"), verdict.filename, "repinFile")):
            if value:
                label = QLabel(value, self)
                label.setObjectName(name)
                label.setTextFormat(Qt.TextFormat.PlainText)
                form.addRow(text, label)
        old = QLabel(grouped(expected), self)
        old.setObjectName("repinOldFingerprint")
        old.setFont(mono)
        style.apply_tone(old, style.Tone.MUTED)
        form.addRow(self.tr("Trusted before (SHA-256):"), old)

        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel, self)
        self.repin_button = self.buttons.addButton(self.tr("Trust the renewed certificate"),
                                                   QDialogButtonBox.ButtonRole.AcceptRole)
        self.repin_button.setObjectName("repinCertificate")
        self.repin_button.setDefault(True)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(how)
        layout.addSpacing(6)
        layout.addLayout(form)
        layout.addWidget(self.buttons)
        intro.setMinimumWidth(540)
        layout.setSizeConstraint(QLayout.SizeConstraint.SetMinimumSize)

    @staticmethod
    def _date(epoch: int | None) -> str:
        if epoch is None:
            return ""
        return QLocale().toString(QDateTime.fromSecsSinceEpoch(epoch), QLocale.FormatType.LongFormat)
