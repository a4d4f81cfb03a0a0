"""Say why a cluster's guest list is empty when its login may not see any guest.

PVE lists only the guests the login holds VM.Audit on (pve-manager `PVE/API2/Cluster.pm`
resources), so a user without it, or a privilege-separated token whose own ACL is empty,
gets an empty list that looks like an empty cluster. Once per session, when a cluster's full
list came back empty and its privileges show VM.Audit nowhere, the permission check opens
(non-modal), a banner says why with a button back to it, and the list's empty state names
the reason. The task
panel likewise says which tasks PVE leaves out for a login without Sys.Audit on /.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject

from ...pve.permissions import split_authid
from .. import kit
from ..banners import MessageBar


class PermissionHint(QObject):
    def __init__(self, clusters, instances, bar: MessageBar, open_check: Callable[[str], object],
                 set_empty_reason: Callable[[str], None], set_task_note: Callable[[str], None] | None = None,
                 parent=None):
        super().__init__(parent)
        self.clusters, self.instances, self.bar = clusters, instances, bar
        self._open_check, self._set_empty_reason = open_check, set_empty_reason
        self._set_task_note = set_task_note
        self._task_notes: dict[str, str] = {}  # cluster id -> which tasks PVE leaves out
        self._told: set[int] = set()  # sessions already told (id(): a session is never reused)
        self._blind: dict[str, str] = {}  # cluster id -> the reason its list is empty
        self._bar_cluster = ""
        bar.action_clicked.connect(lambda: self._open_check(self._bar_cluster))
        clusters.polled.connect(self._check)
        clusters.privileges_changed.connect(lambda session: self._check(session.name))
        clusters.removed.connect(self._forget)

    def _check(self, cluster_id: str) -> None:
        session = self.clusters.get(cluster_id)
        if session is None or self.clusters.last_poll(cluster_id) is None:
            return
        privileges = self.clusters.privileges(cluster_id)
        self._note_tasks(cluster_id, session.client.authid, privileges)
        # The guests are looked through last (every poll of every cluster comes here): only a
        # user who may audit no guest can be blind.
        blind = (self.clusters.permissions.known(cluster_id) and not privileges.any_on("/vms", "VM.Audit")
                 and not self.instances.has_guests(cluster_id))
        if not blind:
            if self._blind.pop(cluster_id, None) is not None:
                self._update_empty()
            return
        token = split_authid(session.client.authid)[1]
        if token:
            reason = self.tr("%1: the API token %2 may not see any guest (it holds VM.Audit nowhere). With "
                             "privilege separation a token needs its own permissions, and gets only those "
                             "its user also has.")
        else:
            reason = self.tr("%1: the user %2 may not see any guest (VM.Audit is missing on every guest), "
                             "so the list is empty although the cluster may have guests.")
        self._blind[cluster_id] = kit.fmt(reason, cluster_id, session.client.authid)
        self._update_empty()
        if id(session) not in self._told:
            self._told.add(id(session))
            self._bar_cluster = cluster_id
            self.bar.show_message(self._blind[cluster_id], self.tr("Check permissions…"))
            # The check itself opens too (non-modal, once per session): an empty list is the
            # moment the user needs it, and the banner keeps the way back to it.
            self._open_check(cluster_id)

    def _note_tasks(self, cluster_id: str, authid: str, privileges) -> None:
        """/cluster/tasks without Sys.Audit on / keeps only tasks whose user is the authuser, and
        PVE splits a token's task user from its token: a token sees none (pve-manager Cluster.pm)."""
        note = ""
        if self.clusters.permissions.known(cluster_id) and not privileges.holds("Sys.Audit", "/"):
            if split_authid(authid)[1]:
                note = kit.fmt(self.tr("%1: PVE lists no cluster tasks for the API token %2 without Sys.Audit "
                                       "on /; tasks started here are still followed."), cluster_id, authid)
            else:
                note = kit.fmt(self.tr("%1: only the tasks of %2 are listed (everyone's need Sys.Audit on /)."),
                               cluster_id, authid)
        if self._task_notes.get(cluster_id, "") != note:
            self._task_notes[cluster_id] = note
            self._update_task_note()

    def _update_task_note(self) -> None:
        if self._set_task_note is not None:
            self._set_task_note("\n".join(n for _c, n in sorted(self._task_notes.items()) if n))

    def _forget(self, cluster_id: str) -> None:
        if self._task_notes.pop(cluster_id, None):
            self._update_task_note()
        if self._blind.pop(cluster_id, None) is not None:
            self._update_empty()
        if self._bar_cluster == cluster_id:
            self.bar.dismiss()

    def _update_empty(self) -> None:
        self._set_empty_reason("\n".join(self._blind[c] for c in sorted(self._blind)))

    def reason(self, cluster_id: str) -> str:
        return self._blind.get(cluster_id, "")
