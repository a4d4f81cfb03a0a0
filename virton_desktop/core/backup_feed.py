"""BackupFeed: keeps a BackupModel filled from the connected clusters (no widgets).

What the session's worker polls anyway is not asked again. Guest names, types and nodes come
from `guests` (the app's instance model: anything with `get((cluster, vmid))` and
`instances_of(cluster)`), the online nodes from `session.nodes`, vzdump jobs from the task stream
(`session.task_changed`; the ones reported before the feed attached from `tasks()`, the task
panel's list). The feed lists only storages and their backups, one round at a time per
cluster (a refresh during a round gets one more round after it):
  GET /nodes/{n}/storage?content=backup for each online node, then
  GET /nodes/{n}/storage/{s}/content?content=backup for each storage (a shared storage once,
  through the first node that has it).
Rounds run every `LIST_INTERVAL_MS` while started, soon after a backup, restore or volume
delete ends, and when a cluster's online nodes change.

Running jobs: a `TaskFollower` per running vzdump job reads its log from where it stopped,
one request in flight; progress lines go to the model. When the log ends (`TASK ...`) it reads
the task's status, so the row turns completed/failed even for jobs this program does not watch.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from typing import Any, Protocol

from PySide6.QtCore import QAbstractItemModel, QObject, QTimer, Signal

from ..models.backups import BackupModel
from ..pve import api
from ..pve.entities import Backup, Instance, Task
from ..session import ClusterSession, SessionState
from .task_follower import TaskFollower

LIST_INTERVAL_MS = 15000
LOG_INTERVAL_MS = 1000
# After a task that changes backups ends: list again this soon (lets PVE settle).
AFTER_TASK_MS = 300
LOG_PAGE = 1000
# Task types whose end changes the backup list or the guests.
REFRESH_AFTER = frozenset({"vzdump", "imgdel", "qmrestore", "vzrestore", "qmdestroy", "vzdestroy", "qmcreate",
                           "vzcreate"})
LISTING_STATES = frozenset({SessionState.ONLINE, SessionState.NEW, SessionState.CONNECTING})

SessionProvider = Callable[[], "Mapping[str, ClusterSession] | Iterable[ClusterSession]"]
TaskSource = Callable[[], Iterable[Task]]


class GuestSource(Protocol):
    """Where guests are known (`models.instances.InstanceModel` is one)."""

    def get(self, key: tuple[str, int]) -> Instance | None: ...

    def instances_of(self, cluster: str) -> Iterable[Instance]: ...


class BackupFeed(QObject):
    refreshed = Signal(str)  # cluster: a listing round ended (the model holds its result)
    failed = Signal(str, object)  # cluster, PveError of a listing request
    storages_changed = Signal(str)  # cluster

    def __init__(self, session_provider: SessionProvider, model: BackupModel, parent=None, *,
                 guests: GuestSource | None = None, tasks: TaskSource | None = None,
                 list_interval_ms: int = LIST_INTERVAL_MS, log_interval_ms: int = LOG_INTERVAL_MS):
        super().__init__(parent)
        self._provider = session_provider
        self.model = model
        self._guests = guests
        self._tasks = tasks
        # cluster -> storage id -> {"content", "shared", "avail", "total", "nodes": set}
        self.storages: dict[str, dict[str, dict]] = {}
        self._listed_nodes: dict[str, list[str]] = {}  # cluster -> online nodes of its last round
        self._rounds: dict[str, _Round] = {}
        self._again: set[str] = set()
        self._followers: dict[tuple[str, str], TaskFollower] = {}
        self._log_interval_ms = log_interval_ms
        self._connected: set[int] = set()
        self._list_timer = QTimer(self)
        self._list_timer.setInterval(list_interval_ms)
        self._list_timer.timeout.connect(self.refresh)
        self._soon = QTimer(self)
        self._soon.setSingleShot(True)
        self._soon.setInterval(AFTER_TASK_MS)
        self._soon.timeout.connect(self.refresh)
        # Several guest changes of one poll: the Guest column is refreshed once.
        self._names = QTimer(self)
        self._names.setSingleShot(True)
        self._names.setInterval(0)
        self._names.timeout.connect(model.names_changed)
        if isinstance(guests, QAbstractItemModel):
            for change in (guests.dataChanged, guests.rowsInserted, guests.rowsRemoved, guests.modelReset):
                change.connect(self._names_soon)  # a bound method: dropped with this feed
        if model.parent() is None:
            model.setParent(self)
        model.set_name_resolver(self.guest_name)
        model.set_guest_resolver(self._guest_fields)
        model.counts_changed.connect(self._follow_jobs)

    # ------------------------------------------------------------ public

    def sessions(self) -> dict[str, ClusterSession]:
        got = self._provider() if self._provider is not None else {}
        if isinstance(got, Mapping):
            return dict(got)
        return {s.name: s for s in got or ()}

    def session(self, cluster: str) -> ClusterSession | None:
        return self.sessions().get(cluster)

    def start(self) -> None:
        self._list_timer.start()
        self.refresh()
        self._follow_jobs()

    def stop(self) -> None:
        """No more requests until `start()`; followed jobs keep their place in their logs."""
        self._list_timer.stop()
        self._soon.stop()
        for follower in self._followers.values():
            follower.stop()

    @property
    def active(self) -> bool:
        return self._list_timer.isActive()

    def busy(self, cluster: str | None = None) -> bool:
        """True while a listing round is in flight (for one cluster or any)."""
        return bool(self._rounds) if cluster is None else cluster in self._rounds

    def refresh(self, cluster: str | None = None) -> None:
        """Start a listing round for each cluster (or one); a cluster with a round in flight gets
        another one right after it."""
        for name, session in self.sessions().items():
            if cluster is not None and name != cluster:
                continue
            self._attach(session)
            if name in self._rounds:
                self._again.add(name)
                continue
            if session.state not in LISTING_STATES:
                continue
            nodes = self.online_nodes(name)
            self._listed_nodes[name] = nodes
            self._rounds[name] = _Round(self, session, nodes)
            self._rounds[name].begin()

    def guest(self, cluster: str, vmid: int) -> Instance | None:
        return self._guests.get((cluster, vmid)) if self._guests is not None else None

    def owner(self, b: Backup) -> Instance | None:
        """The guest a backup can be restored over: the one with its VMID, if of its type (PVE
        refuses a VM's archive onto a container that took the VMID since, and the other way round)."""
        inst = self.guest(b.cluster, b.vmid) if b.vmid else None
        return inst if inst is not None and inst.type == b.kind else None

    def guest_name(self, cluster: str, vmid: int) -> str:
        inst = self.guest(cluster, vmid)
        return inst.name if inst is not None else ""

    def guests_of(self, cluster: str) -> list[Instance]:
        """The cluster's guests by VMID."""
        if self._guests is None:
            return []
        return sorted(self._guests.instances_of(cluster), key=lambda i: i.vmid)

    def online_nodes(self, cluster: str) -> list[str]:
        """The cluster's online nodes as the session's last poll saw them, by name."""
        session = self.session(cluster)
        return sorted(n.name for n in (session.nodes if session is not None else ()) if n.online)

    def backup_storages(self, cluster: str, nodes: Iterable[str] | None = None) -> list[tuple[str, dict]]:
        """Storages with `backup` content usable on every one of `nodes` (all when None), by name."""
        wanted = set(nodes or ())
        out = []
        for sid, info in sorted(self.storages.get(cluster, {}).items()):
            if wanted and not wanted <= info["nodes"]:
                continue
            out.append((sid, info))
        return out

    def job_started(self, cluster: str, upid: str) -> None:
        """A vzdump we started: show its row at once (running), before any listing."""
        try:
            task = Task.from_upid(cluster, upid)
        except ValueError:
            return
        self.model.update_task(task)

    # ----------------------------------------------------------- guests and tasks

    def _guest_fields(self, cluster: str, vmid: int) -> dict | None:
        inst = self.guest(cluster, vmid)
        return {"type": inst.type, "node": inst.node} if inst is not None else None

    def _names_soon(self, *_args) -> None:
        self._names.start()

    def _session_nodes_polled(self, _nodes) -> None:
        session = self.sender()
        if session is not None:
            self._nodes_polled(session.name)

    def _attach(self, session: ClusterSession) -> None:
        if id(session) in self._connected:
            return
        self._connected.add(id(session))
        session.task_changed.connect(self._task_changed)
        session.nodes_polled.connect(self._session_nodes_polled)
        sid = id(session)
        session.destroyed.connect(lambda *_a: self._connected.discard(sid))
        for task in self._tasks() if self._tasks is not None else ():
            if task.cluster == session.name:
                self.model.update_task(task)  # the model keeps only vzdump jobs

    def _nodes_polled(self, cluster: str) -> None:
        if self.active and self.online_nodes(cluster) != self._listed_nodes.get(cluster):
            self.refresh(cluster)

    def _task_changed(self, task: Task) -> None:
        self.model.update_task(task)
        if not task.running:
            self._drop_follower((task.cluster, task.upid))  # the session saw the end (and read the tail)
            if task.type in REFRESH_AFTER:
                self._soon.start()

    def _follow_jobs(self) -> None:
        """One follower per running job while the feed is started; none for jobs that ended."""
        sessions = self.sessions()
        running = {(row.cluster, row.task.upid): row.task for row in self.model.running_jobs()}
        for key in [k for k, f in self._followers.items() if k not in running or sessions.get(k[0]) is not f.session]:
            self._drop_follower(key)
        if not self.active:
            return
        for key, task in running.items():
            follower = self._followers.get(key)
            if follower is None:
                session = sessions.get(key[0])
                if session is None:
                    continue
                follower = TaskFollower(session, task, self, interval_ms=self._log_interval_ms, page=LOG_PAGE)
                follower.lines.connect(lambda lines, c=task.cluster, u=task.upid:
                                       self.model.update_progress(c, u, lines))
                follower.finished.connect(lambda ended, f=follower: self._job_ended(ended, f.tail))
                self._followers[key] = follower
            follower.start()

    def _drop_follower(self, key: tuple[str, str]) -> None:
        follower = self._followers.pop(key, None)
        if follower is not None:
            follower.stop()
            follower.deleteLater()

    def _job_ended(self, task: Task, tail: tuple[str, ...]) -> None:
        self.model.update_task(task.with_log(tail))
        self._soon.start()

    # ----------------------------------------------------------- rounds

    def _round_done(self, cluster: str) -> None:
        self._rounds.pop(cluster, None)
        self.refreshed.emit(cluster)
        if cluster in self._again:
            self._again.discard(cluster)
            self.refresh(cluster)


class _Round:
    """One listing of a cluster: the backup storages of each online node, then their contents."""

    def __init__(self, feed: BackupFeed, session: ClusterSession, online: list[str]):
        self.feed = feed
        self.session = session
        self.cluster = session.name
        self.online = online
        self.stage = "storages"
        self.pending = 0
        self.storage_lists: dict[str, list] = {}
        self.contents: list[Backup] = []
        self.listed: set[str] = set()
        self.replies = []  # keep them alive until they answer

    def request(self, op: api.Op, done: Callable[[Any], None]) -> None:
        self.pending += 1
        reply = self.session.run(op)
        self.replies.append(reply)
        reply.then(self.feed, lambda data, error: self._answered(done, data, error))

    def _answered(self, done, data, error) -> None:
        self.pending -= 1
        if error is not None:
            self.feed.failed.emit(self.cluster, error)
        else:
            done(data)
        if self.pending == 0:
            self._next()

    def begin(self) -> None:
        if not self.online:
            self._finish()
            return
        for node in self.online:
            self.request(api.storages(node, "backup"),
                         lambda data, node=node: self.storage_lists.__setitem__(node, data or []))

    def _next(self) -> None:
        if self.stage == "storages":
            self.stage = "contents"
            storages = self._usable_storages()
            self.feed.storages[self.cluster] = storages
            self.feed.storages_changed.emit(self.cluster)
            asked = 0
            for node in self.online:
                for sid, info in sorted(storages.items()):
                    if node not in info["nodes"] or (info["shared"] and info["via"] != node):
                        continue
                    asked += 1
                    self.request(api.storage_content(node, sid, "backup"),
                                 lambda data, node=node, sid=sid, shared=info["shared"]:
                                 self._content(node, sid, shared, data))
            if not asked:
                self._finish()
        elif self.stage == "contents":
            self._finish()

    def _usable_storages(self) -> dict[str, dict]:
        """Active, enabled storages by id, with the nodes that have them (a shared one is read via the first)."""
        storages: dict[str, dict] = {}
        for node in self.online:
            for item in self.storage_lists.get(node, []):
                sid = str(item.get("storage") or "")
                if not sid or not int(item.get("active", 1) or 0) or not int(item.get("enabled", 1) or 0):
                    continue
                info = storages.setdefault(sid, {"content": str(item.get("content") or ""),
                                                 "shared": bool(int(item.get("shared") or 0)),
                                                 "avail": int(item.get("avail") or 0),
                                                 "total": int(item.get("total") or 0), "nodes": set(), "via": node})
                info["nodes"].add(node)
        return storages

    def _content(self, node: str, sid: str, shared: bool, data) -> None:
        for item in data or []:
            if item.get("content", "backup") != "backup" or not item.get("volid"):
                continue
            self.contents.append(Backup.from_api(self.cluster, node, sid, item, shared=shared))
        self.listed.add(sid)

    def _finish(self) -> None:
        if self.stage == "contents" or self.listed:
            self.feed.model.set_volumes(self.cluster, self.contents, self.listed)
        self.stage = "done"
        self.feed._round_done(self.cluster)
