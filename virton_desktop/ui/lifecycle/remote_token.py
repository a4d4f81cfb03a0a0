"""The API token on the target cluster that a migration between clusters needs.

PVE's remote_migrate connects from the source cluster to the target with an API token (never a
password or ticket): the `apitoken` of its target endpoint. When the target's saved profile
logs in with a token, that one is used (its secret read from the keyring through
`profiles.SecretStore`). Otherwise the user enters one; it stays in memory for this run unless
they tick "remember", which keeps it in the keyring beside the profile (`incoming:<profile id>`).
The section says what the token needs (Sys.Incoming on /) and how to make one (`pveum`).
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtGui import QFontDatabase
from PySide6.QtWidgets import QCheckBox, QFormLayout, QGroupBox, QLineEdit, QVBoxLayout

from ...profiles import TOKEN, ProfileStore, SecretStore
from ...pve import remote
from ...session import ClusterSession
from .. import kit

KEY_PREFIX = "incoming:"


class TokenSection(QGroupBox):
    """The target's token: from its profile, or typed in; `token()` is (id, secret) or None."""

    changed = Signal()

    def __init__(self, target: ClusterSession, profiles: ProfileStore | None, secrets: SecretStore | None,
                 parent=None):
        super().__init__(parent)
        self.setObjectName("xmTokenBox")
        self.setTitle(self.tr("API token on the target cluster"))
        self._secrets = secrets
        self._profile = profiles.get(target.profile_id) if profiles is not None and target.profile_id else None
        self._from_profile: tuple[str, str] | None = None
        layout = QVBoxLayout(self)
        self.note = kit.message_label(self, "xmTokenNote")
        layout.addWidget(self.note)
        profile = self._profile
        secret = secrets.get(profile.id) if profile is not None and secrets is not None else ""
        if profile is not None and profile.auth == TOKEN and secret:
            self._from_profile = ("{0}!{1}".format(profile.userid, profile.token_id), secret)
            self.note.setText(kit.fmt(self.tr(
                "The target's profile logs in with the API token %1; the migration uses it. It needs "
                "Sys.Incoming on / there."), self._from_profile[0]))
            return
        self.note.setText(self.tr(
            "Proxmox VE moves a guest between clusters with an API token of the target cluster, which "
            "needs Sys.Incoming on / besides VM.Allocate and Datastore.AllocateSpace. The target is not "
            "logged in with such a token here: enter one. As root on a target node, this makes one "
            "(its secret is shown once):"))
        self.commands = kit.message_label(self, "xmTokenCommands", self.tr("Commands that make a token"),
                                          selectable=True)
        self.commands.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))
        self.commands.setText("\n".join(remote.pveum_commands()))
        layout.addWidget(self.commands)
        form = QFormLayout()
        self.token_id = kit.named(QLineEdit(self), "xmTokenId", self.tr("Token ID"))
        self.token_id.setPlaceholderText("migrate@pve!incoming")
        self.secret = kit.named(QLineEdit(self), "xmTokenSecret", self.tr("Token secret"))
        self.secret.setEchoMode(QLineEdit.EchoMode.Password)
        self.secret.setPlaceholderText("xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx")
        form.addRow(self.tr("Token ID:"), self.token_id)
        form.addRow(self.tr("Secret:"), self.secret)
        layout.addLayout(form)
        self.remember = kit.named(QCheckBox(self.tr("Remember this token in the keyring for this cluster"), self),
                                  "xmTokenRemember")
        self.remember.setAccessibleName(self.remember.text())
        can_keep = profile is not None and secrets is not None and secrets.persistent
        self.remember.setEnabled(can_keep)
        if not can_keep:
            self.remember.setToolTip(self.tr("Only for a saved cluster profile with a keyring that protects "
                                             "secrets; otherwise the token is kept in memory until you quit."))
        layout.addWidget(self.remember)
        self.issue = kit.error_label(self, "xmTokenIssue", hidden=True)
        layout.addWidget(self.issue)
        saved = secrets.get(KEY_PREFIX + profile.id) if profile is not None and secrets is not None else ""
        if "=" in saved:
            token_id, _, token_secret = saved.partition("=")
            self.token_id.setText(token_id)
            self.secret.setText(token_secret)
            self.remember.setChecked(can_keep)
        self.token_id.textChanged.connect(self._edited)
        self.secret.textChanged.connect(self._edited)

    def resizeEvent(self, event) -> None:  # noqa: N802 - Qt's name
        # A group box in a layout is given its minimum height without its wrapped lines; ask for
        # the height its width needs so the explanation and the commands are never cut.
        super().resizeEvent(event)
        wanted = self.heightForWidth(self.width())
        if wanted > 0 and wanted != self.minimumHeight():
            self.setMinimumHeight(wanted)

    def _edited(self) -> None:
        token = self._typed()
        problem = remote.token_issue(*token) if all(token) else ""
        if problem:
            kit.set_error(self.issue, problem)
        else:
            self.issue.hide()
        self.changed.emit()

    def _typed(self) -> tuple[str, str]:
        return self.token_id.text().strip(), self.secret.text().strip()

    def token(self) -> tuple[str, str] | None:
        """(token id, secret) ready for the endpoint, or None while none is usable."""
        if self._from_profile is not None:
            return self._from_profile
        token = self._typed()
        return token if all(token) and not remote.token_issue(*token) else None

    def keep(self) -> None:
        """After the migration started: keep a typed token (memory, or the keyring when asked)."""
        token = self.token()
        if self._from_profile is not None or token is None or self._secrets is None or self._profile is None:
            return
        self._secrets.set(KEY_PREFIX + self._profile.id, "=".join(token), self.remember.isChecked())
