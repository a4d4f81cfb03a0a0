"""What each connected login may do: GET /access/permissions, kept per cluster (no widgets).

Fetched when a session comes online (after the login, and after every reconnect, which logs
in again) and then every 15 minutes, as often as the session renews its ticket: an admin's
change of the ACL shows within that time. Until the first answer a cluster's privileges are
`Privileges.ALL`, so nothing is disabled on a guess; a 403 or any other failure keeps the
value it had (the UI then behaves as before, and PVE still refuses what it refuses).

PVE's answer lists every pool member where something is held, and a member it leaves out holds
nothing (pve/permissions.py): a guest that shows up in a pool the answer does not list yet
(created or added since) makes the feed ask again, once per guest, so it is not greyed out
until the next refresh.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal

from ..pve import api
from ..pve.permissions import Privileges
from ..session import ClusterSession, SessionState
from .poller import Poller

REFRESH_MS = 15 * 60 * 1000  # the session's ticket renewal interval


class PermissionFeed(QObject):
    changed = Signal(object)  # ClusterSession whose privileges changed

    def __init__(self, parent=None):
        super().__init__(parent)
        self._privileges: dict[str, Privileges] = {}
        self._pollers: dict[str, Poller] = {}
        self._sessions: dict[str, ClusterSession] = {}
        self._asked_for: dict[str, set[str]] = {}  # cluster -> member paths a refresh was asked for

    def privileges(self, cluster_id: str) -> Privileges:
        return self._privileges.get(cluster_id, Privileges.ALL)

    def known(self, cluster_id: str) -> bool:
        return cluster_id in self._privileges

    def track(self, session: ClusterSession) -> None:
        """Follow a newly registered session (replacing one of the same name)."""
        self.forget(session.name)
        self._sessions[session.name] = session
        poller = Poller(session, api.permissions, REFRESH_MS, self)
        poller.result.connect(lambda data, s=session: self._answered(s, data))
        self._pollers[session.name] = poller
        if session.state == SessionState.ONLINE:
            poller.start()

    def forget(self, cluster_id: str) -> None:
        poller = self._pollers.pop(cluster_id, None)
        if poller is not None:
            poller.stop()
            poller.deleteLater()
        self._sessions.pop(cluster_id, None)
        self._privileges.pop(cluster_id, None)
        self._asked_for.pop(cluster_id, None)

    def state(self, cluster_id: str, state: str) -> None:
        """A session's state changed: ask again when it (re)connects, stop while it is away."""
        poller = self._pollers.get(cluster_id)
        if poller is None:
            return
        if state == SessionState.ONLINE:
            poller.stop()  # a reconnect is a new login: ask now, whatever the timer says
            poller.start()
        elif state in (SessionState.OFFLINE, SessionState.FAILED, SessionState.CLOSED):
            poller.stop()

    def refresh(self, cluster_id: str) -> None:
        """Ask now (the permission check's "Check again")."""
        poller = self._pollers.get(cluster_id)
        if poller is not None:
            poller.poll()

    def members_seen(self, cluster_id: str, guests) -> None:
        """Guests of a cluster's list (new or changed): one in a pool that the answer does not
        list (a member that joined since, or one where nothing is held) asks PVE again, once."""
        privileges = self._privileges.get(cluster_id)
        if privileges is None:
            return
        asked = self._asked_for.setdefault(cluster_id, set())
        new = {"/vms/{0}".format(inst.vmid) for inst in guests if inst.pool}
        new = {path for path in new if path not in privileges.paths and path not in asked}
        if new:
            asked |= new
            self.refresh(cluster_id)

    def _answered(self, session: ClusterSession, data) -> None:
        if self._sessions.get(session.name) is not session:
            return
        privileges = Privileges.from_answer(data)
        if self._privileges.get(session.name) == privileges:
            return
        self._privileges[session.name] = privileges
        self.changed.emit(session)
