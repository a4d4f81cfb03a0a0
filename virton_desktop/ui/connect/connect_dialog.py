"""Connect to a cluster: address, realm, user, password or API token, optional pinned fingerprint.

The login runs in the new session's worker thread; the dialog stays responsive and keeps
everything typed when it fails; once online, the session joins the cluster registry. A
certificate that no CA vouches for is shown with its SHA-256 fingerprint, and trusted only when
the user says so (for this connection; issue "Connections" stores trust per host).
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QComboBox, QDialog, QDialogButtonBox, QFormLayout, QLineEdit, QVBoxLayout

from ...core.clusters import Clusters
from ...pve import errors
from ...pve.address import split_address
from ...pve.client import Credentials, PveClient, normalize_fingerprint
from ...session import ClusterSession, SessionState
from .. import kit, style
from .auth_choice import AuthChoice
from .login_prompts import TfaDialog


class ConnectDialog(QDialog):
    connected = Signal(object)  # ClusterSession, started, online and in the registry

    def __init__(self, clusters: Clusters, parent=None):
        super().__init__(parent)
        self.clusters = clusters
        self.setObjectName("connectDialog")
        self.setWindowTitle(self.tr("Connect to a Proxmox VE cluster"))
        self.session: ClusterSession | None = None
        self._tfa: TfaDialog | None = None  # the second-factor prompt of the login under way

        self.address = self._line("connectAddress", self.tr("Server address"), "pve1.example.com:8006")
        self.name = self._line("connectName", self.tr("Display name"), self.tr("optional"))
        self.realm = QComboBox(self)
        self.realm.setObjectName("connectRealm")
        self.realm.setAccessibleName(self.tr("Realm"))
        self.realm.setEditable(True)
        self.realm.addItems(["pam", "pve"])
        self.user = self._line("connectUser", self.tr("User"), "root")
        self.user.setText("root")

        method = AuthChoice("auth", self)
        self.by_password, self.by_token = method.by_password, method.by_token

        self.password = self._line("connectPassword", self.tr("Password"), "")
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.token_id = self._line("connectTokenId", self.tr("Token ID"), "virton")
        self.token_secret = self._line("connectTokenSecret", self.tr("Token secret"),
                                       "xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx")
        self.token_secret.setEchoMode(QLineEdit.EchoMode.Password)
        self.fingerprint = self._line("connectFingerprint", self.tr("Certificate fingerprint"),
                                      self.tr("SHA-256, only for self-signed certificates"))

        self.status = kit.message_label(self, "connectStatus", hidden=True, selectable=True)

        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel, self)
        self.connect_button = self.buttons.addButton(self.tr("Connect"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.connect_button.setObjectName("connectButton")
        self.connect_button.setDefault(True)
        self.trust_button = self.buttons.addButton(self.tr("Trust this certificate"),
                                                   QDialogButtonBox.ButtonRole.ActionRole)
        self.trust_button.setObjectName("trustButton")
        self.trust_button.hide()
        self.buttons.accepted.connect(self.start_connect)
        self.buttons.rejected.connect(self.reject)
        self.trust_button.clicked.connect(self._trust)

        form = self.form = QFormLayout()
        form.addRow(self.tr("Server"), self.address)
        form.addRow(self.tr("Name"), self.name)
        form.addRow(self.tr("User"), self.user)
        form.addRow(self.tr("Realm"), self.realm)
        form.addRow(self.tr("Log in with"), method)
        form.addRow(self.tr("Password"), self.password)
        form.addRow(self.tr("Token ID"), self.token_id)
        form.addRow(self.tr("Token secret"), self.token_secret)
        form.addRow(self.tr("Fingerprint"), self.fingerprint)
        self.by_token.toggled.connect(self._show_auth_rows)
        self._show_auth_rows(False)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.status)
        layout.addWidget(self.buttons)
        self.resize(520, self.sizeHint().height())
        self._offered_fingerprint = ""

    def _show_auth_rows(self, token: bool) -> None:
        self.form.setRowVisible(self.password, not token)
        self.form.setRowVisible(self.token_id, token)
        self.form.setRowVisible(self.token_secret, token)

    def _line(self, name: str, accessible: str, placeholder: str) -> QLineEdit:
        line = QLineEdit(self)
        line.setObjectName(name)
        line.setAccessibleName(accessible)
        line.setPlaceholderText(placeholder)
        return line

    # --------------------------------------------------------------- flow

    def _say(self, text: str, error: bool = True) -> None:
        kit.show_message(self.status, text, style.Tone.ERROR if error else None)

    def credentials(self) -> Credentials:
        user = self.user.text().strip()
        if "@" not in user:
            user = "{0}@{1}".format(user, self.realm.currentText().strip() or "pam")
        if self.by_token.isChecked():
            return Credentials(user, token_id=self.token_id.text().strip(),
                               token_secret=self.token_secret.text().strip())
        return Credentials(user, password=self.password.text())

    def start_connect(self) -> None:
        try:
            host, port = split_address(self.address.text())
        except ValueError:
            self._say(self.tr("Enter the server's address, e.g. pve1.example.com or 192.0.2.10:8006."))
            self.address.setFocus()
            return
        fingerprint = self.fingerprint.text().strip() or None
        if fingerprint:
            try:
                fingerprint = normalize_fingerprint(fingerprint)
            except ValueError:
                self._say(self.tr("A SHA-256 fingerprint has 64 hexadecimal digits, e.g. AB:CD:…"))
                self.fingerprint.setFocus()
                return
        creds = self.credentials()
        if not (creds.password or creds.token_secret):
            self._say(self.tr("Enter the password or the token secret."))
            return
        name = self.name.text().strip() or host
        self.session = self.clusters.create(name, [PveClient(host, port, fingerprint=fingerprint)], creds)
        self.session.state_changed.connect(self._state)
        self.connect_button.setEnabled(False)
        self.trust_button.hide()
        self._say(kit.fmt(self.tr("Connecting to %1…"), "{0}:{1}".format(host, port)), error=False)
        self.session.start()

    def _state(self, state: str, error) -> None:
        if state == SessionState.TFA:
            self._ask_tfa(error)
            return
        if self._tfa is not None:
            self._tfa.close()
            self._tfa = None
        if state == SessionState.ONLINE:
            session, self.session = self.session, None
            session.state_changed.disconnect(self._state)
            self.clusters.add(session)
            self.connected.emit(session)
            self.accept()
        elif state == SessionState.FAILED:
            self.connect_button.setEnabled(True)
            session, self.session = self.session, None
            session.close()  # its worker is ending; let it finish before the session goes
            self._say(errors.describe(error))
            if isinstance(error, errors.CertificateUnknown) and error.fingerprint:
                self._offered_fingerprint = error.fingerprint
                self.trust_button.show()

    def _ask_tfa(self, error) -> None:
        if self._tfa is None and isinstance(error, errors.TfaRequired):
            self._tfa = TfaDialog(self.name.text().strip() or self.address.text(), self.session.client.user,
                                  error.challenge, self)
            self._tfa.answer_entered.connect(self.session.submit_tfa)
            self._tfa.cancelled.connect(self.session.cancel_login)
            self._tfa.open()
        elif self._tfa is not None and isinstance(error, errors.AuthenticationFailed):
            self._tfa.refused(getattr(error, "challenge", None))

    def _trust(self) -> None:
        """The user compared the fingerprint: pin it and try again."""
        self.fingerprint.setText(self._offered_fingerprint)
        self.start_connect()
