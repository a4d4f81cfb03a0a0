"""Decide about a certificate no authority vouches for, or one that changed.

First contact: the fingerprint is shown to compare with the node's (Datacenter > node >
Certificates in PVE); "Trust" stores it for this host. A changed certificate is shown with
the old and the new fingerprint, in warning colours, and can only be trusted after the
user ticks that they checked it: renewing a certificate is normal, an attacker in the
middle looks exactly the same.

When the cluster could not confirm a changed certificate (`pve.repin`), the dialog says why
under the intro; when another node reports a different certificate, that is shown as a
warning of a possible interception.
"""

from __future__ import annotations

import html

from PySide6.QtCore import Qt
from PySide6.QtGui import QFontDatabase
from PySide6.QtWidgets import QCheckBox, QDialog, QDialogButtonBox, QFormLayout, QLabel, QLayout, QVBoxLayout

from ...pve.repin import Outcome, Verdict
from .. import kit, style


def grouped(fingerprint: str) -> str:
    """Two lines of 16 pairs: easier to compare than one long line."""
    pairs = fingerprint.upper().split(":")
    return ":".join(pairs[:16]) + ":\n" + ":".join(pairs[16:]) if len(pairs) == 32 else fingerprint.upper()


class CertificateDialog(QDialog):
    def __init__(self, host: str, port: int, fingerprint: str, expected: str | None = None, parent=None,
                 verdict: Verdict | None = None):
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
            style.apply_tone(intro, style.Tone.ERROR)
        else:
            intro.setText(kit.fmt(self.tr("<b>%1 presents a certificate that no trusted authority has signed.</b><br>"
                                          "Proxmox VE nodes use such self-signed certificates by default. Compare "
                                          "the fingerprint below with the one shown on the node (Datacenter > node > "
                                          "Certificates); trust it only if they match."), address))

        self.reason = QLabel(self)
        self.reason.setObjectName("verificationReason")
        self.reason.setWordWrap(True)
        self.reason.setTextFormat(Qt.TextFormat.PlainText)
        self.reason.setVisible(verdict is not None)
        if verdict is not None:
            self.reason.setText(self.why_unverified(verdict, expected))
            tone = style.Tone.ERROR if verdict.outcome is Outcome.DIFFERENT else style.Tone.WARNING
            style.apply_tone(self.reason, tone, "font-weight: bold;")

        form = QFormLayout()
        if self.changed:
            old = QLabel(grouped(expected), self)
            old.setObjectName("oldFingerprint")
            old.setFont(mono)
            old.setAccessibleName(self.tr("Trusted fingerprint"))
            form.addRow(self.tr("Trusted before (SHA-256):"), old)
        new = QLabel(grouped(fingerprint), self)
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
        layout.addWidget(self.reason)
        layout.addLayout(form)
        layout.addWidget(self.checked)
        layout.addWidget(self.buttons)
        # Wrapped text needs its height for the dialog's width: let the layout decide the minimum.
        intro.setMinimumWidth(540)
        layout.setSizeConstraint(QLayout.SizeConstraint.SetMinimumSize)

    def why_unverified(self, verdict: Verdict, expected: str | None) -> str:
        """Why the cluster could not vouch for the new certificate (plain text: names come from the server)."""
        node = verdict.node or "{0}:{1}".format(verdict.host, verdict.port)
        if verdict.outcome is Outcome.DIFFERENT and verdict.reported == (expected or ""):
            return kit.fmt(self.tr("Possible interception: %1, asked over the trusted connection, says node %2 "
                                   "still has the certificate you trusted before. The one presented here is not "
                                   "the node's: do not trust it unless you know why."), verdict.witness, node)
        if verdict.outcome is Outcome.DIFFERENT:
            return kit.fmt(self.tr("Possible interception: %1, asked over the trusted connection, says node %2 has "
                                   "the certificate %3, not the one presented here. Do not trust the presented "
                                   "certificate unless you know why they differ."),
                           verdict.witness, node, verdict.reported.upper())
        if verdict.outcome is Outcome.ONE_NODE:
            return self.tr("The cluster has no other node that could confirm the new certificate: check it by hand.")
        if verdict.outcome is Outcome.NO_OTHER_ADDRESS:
            return self.tr("This connection knows no other address of the cluster that could confirm the new "
                           "certificate: check it by hand.")
        if verdict.outcome is Outcome.UNKNOWN_NODE:
            return kit.fmt(self.tr("The cluster (asked through %1) has no node at %2, so it could not confirm the "
                                   "new certificate: check it by hand."), verdict.witness,
                           "{0}:{1}".format(verdict.host, verdict.port))
        if verdict.outcome is Outcome.NOT_REPORTED:
            return kit.fmt(self.tr("The cluster did not report the certificate of node %1: check it by hand."), node)
        return kit.fmt(self.tr("No other node of the cluster could be reached over a trusted connection to confirm "
                               "the new certificate (%1): check it by hand."), verdict.detail or "-")
