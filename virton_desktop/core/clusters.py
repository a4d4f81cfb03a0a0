"""Clusters: the one registry of connected clusters (no widgets).

Every `ClusterSession` of the program is made by `Clusters.create` (a saved profile, the
quick-connect dialog, the demo) and lives here once it is `add`ed, under one id: the cluster
name that `Instance.cluster` carries (`session.name`). A profile's session also carries its
profile id (`session.profile_id`), found with `by_profile`.

The registry feeds the shared models from every session's polls: it applies each
`InstanceDelta` to the instance model, greys a cluster while it is unreachable (stale) and
clears that with its next poll, keeps the time of each cluster's last poll, and gives the task
model the guests' names once a full list arrived. Widgets listen to its signals instead of to
each session:

    added(session)                       a session was registered (and started if it was new)
    removed(cluster_id)                  a cluster was disconnected: session closed, guests gone
    state_changed(cluster_id, state, error)   a registered session's `SessionState` changed
    polled(cluster_id)                   a poll was applied to the instance model
    guest_changed(key)                   a poll changed or removed this guest, key (cluster, vmid)
    guests_changed(keys)                 the same, once per poll: a tuple of every such key
    task_changed(task)                   a task of any registered cluster changed
    privileges_changed(session)          `privileges(cluster_id)` changed (core/permission_feed.py)
"""

from __future__ import annotations

import time
from collections import deque
from typing import TYPE_CHECKING

from PySide6.QtCore import QMetaMethod, QObject, QTimer, Signal

from ..first_lists import FirstLists
from ..pve.client import Credentials, PveClient
from ..pve.permissions import Privileges
from ..session import ClusterSession, InstanceDelta, SessionState
from .permission_feed import PermissionFeed

if TYPE_CHECKING:  # the models are handed in; this module needs no more than QtCore
    from ..models.instances import InstanceModel
    from ..models.tasks import TaskModel


class Clusters(QObject):
    added = Signal(object)  # ClusterSession
    removed = Signal(str)  # cluster id
    state_changed = Signal(str, str, object)  # cluster id, SessionState, PveError or None
    applying = Signal(str)  # cluster id: its poll is about to be applied (`polled` once it is)
    polled = Signal(str)  # cluster id
    guest_changed = Signal(object)  # (cluster, vmid)
    guests_changed = Signal(object)  # tuple of (cluster, vmid): a live poll of 10,000 guests changes ~6,000
    task_changed = Signal(object)  # Task
    privileges_changed = Signal(object)  # ClusterSession

    def __init__(self, instances: InstanceModel, tasks: TaskModel | None = None, parent=None):
        super().__init__(parent)
        self._instances = instances
        self._tasks = tasks
        self._sessions: dict[str, ClusterSession] = {}
        self._last_poll: dict[str, float] = {}
        # One cluster's poll applied per turn of the event loop: ten clusters polled at once, applied
        # back to back, stalled the window ten times as long as one (the heartbeat, input and
        # painting run between them). A state or task change first applies what of its own
        # cluster waits, in order.
        self._waiting: deque[tuple[ClusterSession, InstanceDelta]] = deque()
        self._turn = QTimer(self)
        self._turn.setSingleShot(True)
        self._turn.setInterval(0)
        self._turn.timeout.connect(self._apply_next)
        # Clusters starting now: their guest lists go before every cluster's background work.
        self.first_lists = FirstLists()
        self.permissions = PermissionFeed(self)
        self.permissions.changed.connect(self.privileges_changed)

    # ------------------------------------------------------------ factory

    @staticmethod
    def create(name: str, clients: PveClient | list[PveClient], credentials: Credentials,
               profile_id: str | None = None) -> ClusterSession:
        """A new session, not started and not registered yet (`add` does both)."""
        return ClusterSession(name, clients, credentials, profile_id=profile_id)

    # ------------------------------------------------------------ registry

    def add(self, session: ClusterSession) -> None:
        """Register a session under its name, replacing (and closing) one of the same name;
        start it if it is new (the quick-connect dialog hands over one that is online)."""
        name = session.name
        old = self._sessions.get(name)
        if old is session:
            return
        if old is not None:
            old.close()  # its guests stay: the new session's first (full) list reconciles them
        self._sessions[name] = session
        session.setParent(self)
        # Signals of a session that was replaced or removed meanwhile are dropped (`_current`).
        session.instances_polled.connect(lambda delta, s=session: self._polled(s, delta))
        session.state_changed.connect(lambda state, error, s=session: self._state(s, state, error))
        session.task_changed.connect(lambda task, s=session: self._task(s, task))
        self.permissions.track(session)
        self.added.emit(session)
        if session.state == SessionState.NEW:
            session.start(self.first_lists)

    def remove(self, cluster_id: str) -> None:
        """Disconnect a cluster: close its session; its guests leave the instance model."""
        session = self._sessions.pop(cluster_id, None)
        if session is None:
            return
        session.close()
        self.permissions.forget(cluster_id)
        self._instances.remove_cluster(cluster_id)
        self._last_poll.pop(cluster_id, None)
        self.removed.emit(cluster_id)

    def close_all(self, wait_ms: int = 1500) -> None:
        """Stop every session's worker (the program ends); the sessions stay listed. All are
        stopped first (requests in flight cut), then waited for together, at most `wait_ms`."""
        sessions = self.sessions()
        for session in sessions:
            session.stop()
        deadline = time.monotonic() + wait_ms / 1000
        for session in sessions:
            session.close(max(0, int((deadline - time.monotonic()) * 1000)))

    def get(self, cluster_id: str) -> ClusterSession | None:
        return self._sessions.get(cluster_id)

    def by_profile(self, profile_id: str) -> ClusterSession | None:
        return next((s for s in self._sessions.values() if s.profile_id == profile_id), None)

    def ids(self) -> list[str]:
        return sorted(self._sessions)

    def sessions(self) -> list[ClusterSession]:
        """The registered sessions, in the order of their ids."""
        return [self._sessions[name] for name in self.ids()]

    def privileges(self, cluster_id: str) -> Privileges:
        """What the cluster's login may do; `Privileges.ALL` until PVE has answered."""
        return self.permissions.privileges(cluster_id)

    def note_cached(self, cluster_id: str, saved_at: float) -> None:
        """The cluster's rows on screen are a last-known list from `saved_at` (their age until live)."""
        self._last_poll.setdefault(cluster_id, saved_at)

    def last_poll(self, cluster_id: str) -> float | None:
        """When (time.time()) the cluster's guest list last arrived; None before its first."""
        return self._last_poll.get(cluster_id)

    # ------------------------------------------------------ from the sessions

    def _current(self, session: ClusterSession) -> bool:
        return self._sessions.get(session.name) is session

    def _polled(self, session: ClusterSession, delta: InstanceDelta) -> None:
        self._waiting.append((session, delta))
        if not self._turn.isActive():
            self._apply_next()

    def _apply_next(self) -> None:
        if self._waiting:
            self._apply(*self._waiting.popleft())
            self._turn.start()  # the next one waits for the next turn of the event loop

    def _apply_waiting(self, session: ClusterSession) -> None:
        """The session's polls still waiting for their turn, applied now: its state or task
        change comes after them. Other clusters' wait on (at start, ten clusters' first lists
        applied together when one cluster's state changed held the window ~50 ms)."""
        mine = [delta for s, delta in self._waiting if s is session]
        if mine:
            self._waiting = deque(waiting for waiting in self._waiting if waiting[0] is not session)
            for delta in mine:
                self._apply(session, delta)

    def _apply(self, session: ClusterSession, delta: InstanceDelta) -> None:
        if not self._current(session):
            return
        cluster = delta.cluster
        self.applying.emit(cluster)
        changed = [(cluster, inst.vmid) for inst in delta.changed]  # Instance.key, without a call per guest
        removed = list(self._instances.apply(delta))  # with a full list, whatever of this cluster it lacked
        self.permissions.members_seen(cluster, delta.changed)
        self._instances.set_stale(cluster, False)
        if delta.full and self._tasks is not None:
            self._tasks.names_changed()  # tasks listed before the guests now get names
        self._last_poll[cluster] = time.time()
        keys = tuple(changed + removed)
        if keys:
            self.guests_changed.emit(keys)
        if self.isSignalConnected(QMetaMethod.fromSignal(self.guest_changed)):  # else ~6,000 emits for nobody
            for key in keys:
                self.guest_changed.emit(key)
        self.polled.emit(cluster)
        session.list_shown()

    def _task(self, session: ClusterSession, task) -> None:
        self._apply_waiting(session)
        if self._current(session):
            self.task_changed.emit(task)

    def _state(self, session: ClusterSession, state: str, error) -> None:
        self._apply_waiting(session)
        if not self._current(session):
            return
        if state == SessionState.OFFLINE:
            self._instances.set_stale(session.name, True)
        self.permissions.state(session.name, state)
        self.state_changed.emit(session.name, state, error)
