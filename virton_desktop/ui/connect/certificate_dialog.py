"""Decide about a certificate no authority vouches for, or one that changed.

First contact: the fingerprint is shown to compare with the node's (Datacenter > node >
Certificates in PVE); "Trust" stores it for this host. A changed certificate is shown with
the old and the new fingerprint, in warning colours, and can only be trusted after the
user ticks that they checked it: renewing a certificate is normal, an attacker in the
middle looks exactly the same.
"""

from __future__ import annotations

import html

from PySide6.QtGui import QFontDatabase
from PySide6.QtWidgets import QCheckBox, QDialog, QDialogButtonBox, QFormLayout, QLabel, QLayout, QVBoxLayout

from .. import kit, style


def _grouped(fingerprint: str) -> str:
    """Two lines of 16 pairs: easier to compare than one long line."""
    pairs = fingerprint.upper().split(":")
    return ":".join(pairs[:16]) + ":\n" + ":".join(pairs[16:]) if len(pairs) == 32 else fingerprint.upper()


class CertificateDialog(QDialog):
    def __init__(self, host: str, port: int, fingerprint: str, expected: str | None = None, parent=None):
        super().__init__(parent)
        self.setObjectName("certificateDialog")
        self.changed = bool(expected)
        self.setWindowTitle(self.tr("Certificate changed") if self.changed else self.tr("Unknown certificate"))
        mono = QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont)

        intro = QLabel(self)
        intro.setObjectName("certificateIntro")
        intro.setWordWrap(True)
        # The intro is rich text (bold first line): the address in it is escaped.
        address = html.escape("{0}:{1}".format(host, port))
        if self.changed:
            intro.setText(kit.fmt(self.tr("<b>The certificate of %1 is not the one you trusted before.</b><br>"
                                          "This happens when the certificate was renewed, but it is also what an "
                                          "attack on the connection looks like. Compare the new fingerprint with "
                                          "the one shown on the node (Datacenter > node > Certificates) before you "
                                          "go on."), address))
            intro.setStyleSheet(style.label_sheet(style.Tone.ERROR, intro.palette()))
        else:
            intro.setText(kit.fmt(self.tr("<b>%1 presents a certificate that no trusted authority has signed.</b><br>"
                                          "Proxmox VE nodes use such self-signed certificates by default. Compare "
                                          "the fingerprint below with the one shown on the node (Datacenter > node > "
                                          "Certificates); trust it only if they match."), address))

        form = QFormLayout()
        if self.changed:
            old = QLabel(_grouped(expected), self)
            old.setObjectName("oldFingerprint")
            old.setFont(mono)
            old.setAccessibleName(self.tr("Trusted fingerprint"))
            form.addRow(self.tr("Trusted before (SHA-256):"), old)
        new = QLabel(_grouped(fingerprint), self)
        new.setObjectName("newFingerprint")
        new.setFont(mono)
        new.setAccessibleName(self.tr("Presented fingerprint"))
        new.setTextInteractionFlags(new.textInteractionFlags() | new.textInteractionFlags().TextSelectableByMouse)
        form.addRow(self.tr("Presented now (SHA-256):") if self.changed else self.tr("Fingerprint (SHA-256):"), new)

        self.checked = QCheckBox(self.tr("I have compared the new fingerprint with the node's"), self)
        self.checked.setObjectName("fingerprintChecked")
        self.checked.setVisible(self.changed)

        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel, self)
        self.trust_button = self.buttons.addButton(
            self.tr("Trust the new certificate") if self.changed else self.tr("Trust this certificate"),
            QDialogButtonBox.ButtonRole.AcceptRole)
        self.trust_button.setObjectName("trustCertificate")
        self.trust_button.setEnabled(not self.changed)
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setDefault(True)
        self.checked.toggled.connect(self.trust_button.setEnabled)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.checked)
        layout.addWidget(self.buttons)
        # Wrapped text needs its height for the dialog's width: let the layout decide the minimum.
        intro.setMinimumWidth(540)
        layout.setSizeConstraint(QLayout.SizeConstraint.SetMinimumSize)
