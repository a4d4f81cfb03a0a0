"""Connecting profiles: secrets, certificate trust, the second factor, reconnecting.

One `Connections` per main window. It turns a `Profile` into a session in the cluster
registry (`core.clusters.Clusters`: one client per address, each pinned to the certificate the
trust store holds for it) and answers what a login can ask of the user: a password not kept
anywhere, an unknown or changed certificate, a second factor. Windows stay open whatever happens here.

A changed certificate is first put to the profile's other addresses (`pve.repin.verify`, in a
thread of its own: it logs in there): when another node of the cluster confirms it, the user
is offered a one-click re-pin (`RepinDialog`); otherwise the manual check, saying why.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import replace
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QDialog, QWidget

from ...config_files import SaveFailed
from ...core.clusters import Clusters
from ...core.turns import one_per_turn
from ...profiles import TOKEN, Profile, ProfileStore, SecretStore
from ...pve import errors
from ...pve.client import PveClient
from ...session import ClusterSession, SessionState
from ...thread_signals import emit_if_alive
from ...trust import TrustStore, host_key
from .. import file_messages, kit

if TYPE_CHECKING:  # the prompts, and the re-pin check, are imported when first needed (~5 ms of every start)
    from ...pve import repin
    from .login_prompts import TfaDialog


class Connections(QObject):
    message = Signal(str)  # something the user should read (translated)
    rotation_checked = Signal(str, object, object)  # profile id, CertificateMismatch, repin.Verdict
    _secrets_read = Signal(object)  # (the profiles connecting at start, or_else): their secrets are read

    def __init__(self, window: QWidget, clusters: Clusters, profiles: ProfileStore | None = None,
                 secrets: SecretStore | None = None, trust: TrustStore | None = None):
        super().__init__(window)
        self.window = window
        self.clusters = clusters
        self.profiles = profiles or ProfileStore()
        self.secrets = secrets or SecretStore()
        self.trust = trust or TrustStore()
        self._tfa: dict[str, TfaDialog] = {}  # profile id (or session name) -> the open second-factor prompt
        self._told_no_keyring = False
        # Prompts the tests replace: return the secret / True to trust.
        self.ask_secret = self._ask_secret
        self.ask_trust = self._ask_trust
        self.ask_repin = self._ask_repin
        self.rotation_checked.connect(self._decide_trust)
        self._secrets_read.connect(self._connect_marked)
        clusters.state_changed.connect(self._state)

    def problems(self) -> list[str]:
        """What the user should know about the config files (damage kept aside, a newer format, ...): once."""
        return [file_messages.describe(n) for n in self.profiles.take_notices() + self.trust.take_notices()]

    def autoconnect(self, or_else: Callable[[], object] | None = None) -> int:
        """Connect the profiles marked "connect at start" once their secrets are read from the
        keyring, on a thread of its own (`SecretStore.read_ahead`: neither the keyring's loading
        nor a locked keyring's prompt holds the window): until one has started, at once (a profile
        whose secret the user does not give is passed over); the others then one per turn of the
        event loop (core/turns.py); `or_else()` when none is marked or none could start. How many
        are marked."""
        marked = [profile for profile in self.profiles.all() if profile.autoconnect]
        if not marked:
            if or_else is not None:
                or_else()
            return 0

        # The rest on the GUI thread (queued), unless the window closed meanwhile.
        self.secrets.read_ahead([profile.id for profile in marked],
                                lambda: emit_if_alive(self._secrets_read, (list(marked), or_else)))
        return len(marked)

    def _connect_marked(self, read: tuple) -> None:
        marked, or_else = read
        while marked:
            if self.connect_profile(marked.pop(0)) is not None:
                one_per_turn(marked, self.connect_profile, self)
                return
        if or_else is not None:
            or_else()

    def connected_ids(self) -> set[str]:
        """The profiles that have a session in the registry."""
        return {s.profile_id for s in self.clusters.sessions() if s.profile_id}

    # ---------------------------------------------------------- connect

    def connect_profile(self, profile: Profile, secret: str = "") -> ClusterSession | None:
        existing = self.clusters.by_profile(profile.id)
        if existing is not None:
            return existing
        if secret:
            self.secrets.set(profile.id, secret, profile.remember_secret)
        secret = secret or self.secrets.get(profile.id)
        if not secret:
            secret = self.ask_secret(profile)
            if not secret:
                return None
            self.secrets.set(profile.id, secret, profile.remember_secret)
        if profile.remember_secret and not self.secrets.persistent and not self._told_no_keyring:
            self._told_no_keyring = True
            self.message.emit(self._no_keyring_text())
        # A kept certificate is verified against from the first connection on (trust.py): no
        # connection of its own to fetch it first, a round trip or two less per cluster.
        clients = [PveClient(host, port, fingerprint=self.trust.fingerprint(host, port),
                             certificate=self.trust.certificate(host, port))
                   for host, port in profile.endpoints()]
        session = self.clusters.create(profile.name, clients, profile.credentials(secret), profile_id=profile.id)
        self.clusters.add(session)
        return session

    def disconnect_profile(self, profile_id: str) -> None:
        session = self.clusters.by_profile(profile_id)
        if session is not None:
            self.clusters.remove(session.name)

    # ------------------------------------------------------ what logins ask

    def _state(self, cluster_id: str, state: str, error) -> None:
        session = self.clusters.get(cluster_id)
        if session is None:
            return
        # The second factor is asked of every registered session: the demo's (--user tfa) and a
        # quick connection logging in again have no profile but need it all the same.
        key = session.profile_id or session.name
        if state == SessionState.TFA:
            self._ask_tfa(session, key, error)
            return
        dialog = self._tfa.pop(key, None)
        if dialog is not None:
            dialog.close()
        if not session.profile_id:
            return  # a quick connection or the demo: nothing saved to ask about
        pid = session.profile_id
        if state == SessionState.ONLINE:
            self._keep_certificates(session)
        if state != SessionState.FAILED or error is None:
            return
        # The worker has ended: this session is over; a retry makes a new one.
        self.disconnect_profile(pid)
        if isinstance(error, errors.CertificateMismatch) and error.fingerprint:
            self._check_rotation(pid, error)
            return
        if isinstance(error, errors.CertificateError) and error.fingerprint:
            self._decide_trust(pid, error, None)
            return
        if isinstance(error, errors.AuthenticationFailed):
            self.secrets.delete(pid)  # a wrong secret is of no use: ask again next time
        self.message.emit(kit.fmt(self.tr("%1: %2"), session.name, errors.describe(error)))

    def _keep_certificates(self, session: ClusterSession) -> None:
        """Keep beside each pin the certificate its connection was verified with (trust.py), once."""
        for client in session.clients:
            der = client.pinned_certificate
            if der is not None:
                try:
                    self.trust.keep_certificate(client.host, client.port, der)
                except SaveFailed:
                    pass  # only a faster next start lost: the pin itself is as it was

    def _check_rotation(self, pid: str, error: errors.CertificateMismatch) -> None:
        """Ask the profile's other addresses about the changed certificate; `rotation_checked` answers."""
        from ...pve import repin

        profile = self.profiles.get(pid)
        secret = self.secrets.get(pid)
        changed = host_key(error.host, error.port)
        others = [(h, p) for h, p in (profile.endpoints() if profile is not None else []) if host_key(h, p) != changed]
        if not others or not secret:
            verdict = repin.verify(error.host, error.port, error.fingerprint, [], None)
            if others:  # the secret is kept nowhere: nobody could log in at the other addresses
                verdict = replace(verdict, outcome=repin.Outcome.NO_WITNESS,
                                  detail=self.tr("no password or token secret kept"))
            self._decide_trust(pid, error, verdict)
            return
        # Each witness is pinned to its own trusted certificate (or a CA): verification stays on.
        witnesses = [PveClient(h, p, fingerprint=self.trust.fingerprint(h, p)) for h, p in others]
        creds = profile.credentials(secret)

        def check() -> None:
            verdict = repin.verify(error.host, error.port, error.fingerprint, witnesses, creds)
            emit_if_alive(self.rotation_checked, pid, error, verdict)  # (nobody to ask if the window closed)

        threading.Thread(target=check, name="repin-check", daemon=True).start()

    def _decide_trust(self, pid: str, error: errors.CertificateError, verdict: repin.Verdict | None) -> None:
        """Ask the user about the certificate; on yes, pin it for this host:port and connect again."""
        if verdict is not None and verdict.confirmed:
            trusted = self.ask_repin(error, verdict)
        else:
            trusted = self.ask_trust(error, verdict)
        if not trusted:
            self.message.emit(errors.describe(error))
            return
        try:
            self.trust.trust(error.host, error.port, error.fingerprint)
        except SaveFailed as failed:  # trusted for this session all the same
            self.message.emit(file_messages.describe(failed.notice))
        profile = self.profiles.get(pid)
        if profile is not None:
            self.connect_profile(profile)

    def _ask_tfa(self, session: ClusterSession, key: str, error) -> None:
        dialog = self._tfa.get(key)
        if dialog is None and isinstance(error, errors.TfaRequired):
            from .login_prompts import TfaDialog

            dialog = TfaDialog(session.name, session.client.user or "", error.challenge, self.window)
            dialog.answer_entered.connect(session.submit_tfa)
            dialog.cancelled.connect(session.cancel_login)
            self._tfa[key] = dialog
            dialog.open()
        elif dialog is not None and isinstance(error, errors.AuthenticationFailed):
            dialog.refused(getattr(error, "challenge", None))

    def _no_keyring_text(self) -> str:
        if self.secrets.problem:
            return kit.fmt(self.tr("The system keyring failed (%1): passwords and token secrets are kept in "
                                   "memory until you quit, never written to a file."), self.secrets.problem)
        if self.secrets.refused:
            return kit.fmt(self.tr("The only keyring here (%1) would store secrets in a plain file, so it is "
                                   "not used: passwords and token secrets are kept in memory until you quit."),
                           self.secrets.refused)
        return self.tr("No system keyring is available here: passwords and token secrets are "
                       "kept in memory until you quit, never written to a file.")

    def _ask_secret(self, profile: Profile) -> str:
        from .login_prompts import SecretPrompt

        what = self.tr("token secret") if profile.auth == TOKEN else self.tr("password")
        prompt = SecretPrompt(kit.fmt(self.tr("Log in to %1"), profile.name),
                              kit.fmt(self.tr("The %1 of %2 on %3:"), what, profile.userid, profile.name), self.window)
        return prompt.secret.text() if prompt.exec() == QDialog.DialogCode.Accepted else ""

    def _ask_trust(self, error: errors.CertificateError, verdict: repin.Verdict | None = None) -> bool:
        from .certificate_dialog import CertificateDialog

        expected = getattr(error, "expected", None)
        dialog = CertificateDialog(error.host, error.port, error.fingerprint, expected, self.window, verdict)
        return dialog.exec() == QDialog.DialogCode.Accepted

    def _ask_repin(self, error: errors.CertificateMismatch, verdict: repin.Verdict) -> bool:
        from .repin_dialog import RepinDialog

        return RepinDialog(verdict, error.expected, self.window).exec() == QDialog.DialogCode.Accepted
