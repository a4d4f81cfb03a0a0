"""BackupFeed: keeps a BackupModel filled from the connected clusters (no widgets).

Per cluster, one listing round at a time (a tick that finds one in flight is skipped):
  GET /nodes, then GET /cluster/resources?type=vm (guest names and nodes), GET /cluster/tasks
  (vzdump jobs running or failed) and GET /nodes/{n}/storage?content=backup for each online
  node, then GET /nodes/{n}/storage/{s}/content?content=backup for each storage (a shared
  storage once, through the first node that has it).
Rounds run every `LIST_INTERVAL_MS` and soon after a backup, restore or volume delete ends
(`session.task_changed`).

Running jobs: every second, each running vzdump task's log is read from where we stopped
(`GET /nodes/{n}/tasks/{upid}/log?start=N`), at most one request in flight per task; its
progress lines go to the model. When the log ends (`TASK ...`) the task's status is read, so
the row turns completed/failed even for jobs this program does not watch itself.
"""

from __future__ import annotations

from typing import Any, Callable, Iterable, Mapping

from PySide6.QtCore import QObject, QTimer, Signal

from ..models.backups import RUNNING, BackupModel
from ..pve import errors
from ..pve.entities import Backup, Task
from ..session import ClusterSession

LIST_INTERVAL_MS = 15000
LOG_INTERVAL_MS = 1000
# After a task that changes backups ends: list again this soon (lets PVE settle).
AFTER_TASK_MS = 300
LOG_PAGE = 1000
# Task types whose end changes the backup list or the guests.
REFRESH_AFTER = frozenset({"vzdump", "imgdel", "qmrestore", "vzrestore", "qmdestroy", "vzdestroy", "qmcreate",
                           "vzcreate"})

SessionProvider = Callable[[], "Mapping[str, ClusterSession] | Iterable[ClusterSession]"]


class BackupFeed(QObject):
    refreshed = Signal(str)  # cluster: a listing round ended (the model holds its result)
    failed = Signal(str, object)  # cluster, PveError of a listing request
    storages_changed = Signal(str)  # cluster

    def __init__(self, session_provider: SessionProvider, model: BackupModel, parent=None, *,
                 list_interval_ms: int = LIST_INTERVAL_MS, log_interval_ms: int = LOG_INTERVAL_MS):
        super().__init__(parent)
        self._provider = session_provider
        self.model = model
        # cluster -> storage id -> {"content", "shared", "avail", "total", "nodes": set}
        self.storages: dict[str, dict[str, dict]] = {}
        # cluster -> vmid -> /cluster/resources item (name, node, type, status, lock, template)
        self.guests: dict[str, dict[int, dict]] = {}
        self.nodes: dict[str, list[str]] = {}  # cluster -> online nodes
        self._rounds: dict[str, "_Round"] = {}
        self._again: set[str] = set()
        self._log_offsets: dict[tuple[str, str], int] = {}
        self._log_pending: set[tuple[str, str]] = set()
        self._status_pending: set[tuple[str, str]] = set()
        self._connected: set[int] = set()
        self._list_timer = QTimer(self)
        self._list_timer.setInterval(list_interval_ms)
        self._list_timer.timeout.connect(self.refresh)
        self._log_timer = QTimer(self)
        self._log_timer.setInterval(log_interval_ms)
        self._log_timer.timeout.connect(self._poll_logs)
        self._soon = QTimer(self)
        self._soon.setSingleShot(True)
        self._soon.setInterval(AFTER_TASK_MS)
        self._soon.timeout.connect(self.refresh)
        if model.parent() is None:
            model.setParent(self)
        model.set_name_resolver(self.guest_name)
        model.set_guest_resolver(self.guest)

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
        self._log_timer.start()
        self.refresh()

    def stop(self) -> None:
        self._list_timer.stop()
        self._log_timer.stop()
        self._soon.stop()

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
            if session.state not in ("online", "new", "connecting"):
                continue
            self._rounds[name] = _Round(self, session)
            self._rounds[name].begin()

    def guest_name(self, cluster: str, vmid: int) -> str:
        item = self.guests.get(cluster, {}).get(vmid)
        return str(item.get("name") or "") if item else ""

    def guest(self, cluster: str, vmid: int) -> dict | None:
        return self.guests.get(cluster, {}).get(vmid)

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

    # ----------------------------------------------------------- tasks

    def _attach(self, session: ClusterSession) -> None:
        if id(session) in self._connected:
            return
        self._connected.add(id(session))
        session.task_changed.connect(self._task_changed)
        session.destroyed.connect(lambda *_a, sid=id(session): self._connected.discard(sid))

    def _task_changed(self, task: Task) -> None:
        self.model.update_task(task)
        if not task.running and task.type in REFRESH_AFTER:
            self._log_offsets.pop((task.cluster, task.upid), None)
            self._soon.start()

    def _poll_logs(self) -> None:
        sessions = self.sessions()
        for row in self.model.running_jobs():
            task = row.task
            key = (task.cluster, task.upid)
            session = sessions.get(task.cluster)
            if session is None or key in self._log_pending:
                continue
            self._log_pending.add(key)
            start = self._log_offsets.get(key, 0)
            reply = session.request("GET", "/nodes/{0}/tasks/{1}/log".format(task.node, task.upid),
                                    {"start": start, "limit": LOG_PAGE})
            reply.then(self, lambda data, error, key=key, task=task, start=start, s=session:
                                   self._log_arrived(s, task, key, start, data, error))

    def _log_arrived(self, session, task: Task, key, start: int, data, error) -> None:
        self._log_pending.discard(key)
        if error is not None:
            return  # the next tick tries again; the session reports lasting trouble itself
        lines = [str(item.get("t", "")) for item in (data or []) if isinstance(item, Mapping)]
        self._log_offsets[key] = start + len(lines)
        if lines:
            self.model.update_progress(task.cluster, task.upid, lines)
        if any(line.startswith("TASK ") for line in lines) and key not in self._status_pending:
            # The job ended: read its status now rather than wait for the next task listing.
            self._status_pending.add(key)
            reply = session.request("GET", "/nodes/{0}/tasks/{1}/status".format(task.node, task.upid))
            reply.then(self, lambda d, e, key=key, task=task, tail=tuple(lines[-50:]):
                                   self._status_arrived(task, key, tail, d, e))

    def _status_arrived(self, task: Task, key, tail, data, error) -> None:
        self._status_pending.discard(key)
        if error is not None or not isinstance(data, Mapping):
            return
        current = self.model.get(("job", task.cluster, task.upid))
        base = current.task if current is not None and current.task is not None else task
        updated = base.with_status(data)
        if not updated.running:
            self.model.update_task(updated.with_log(tail))
            self._soon.start()

    # ----------------------------------------------------------- rounds

    def _round_done(self, cluster: str) -> None:
        self._rounds.pop(cluster, None)
        self.refreshed.emit(cluster)
        if cluster in self._again:
            self._again.discard(cluster)
            self.refresh(cluster)


class _Round(object):
    """One listing of a cluster: nodes → (guests, tasks, storages per node) → contents."""

    def __init__(self, feed: BackupFeed, session: ClusterSession):
        self.feed = feed
        self.session = session
        self.cluster = session.name
        self.pending = 0
        self.storage_lists: dict[str, list] = {}
        self.contents: list[Backup] = []
        self.listed: set[str] = set()
        self.failed = False
        self.replies = []  # keep them alive until they answer

    def request(self, path: str, params: Mapping[str, Any] | None, done: Callable[[Any], None]) -> None:
        self.pending += 1
        reply = self.session.request("GET", path, params)
        self.replies.append(reply)
        reply.then(self.feed, lambda data, error: self._answered(done, data, error))

    def _answered(self, done, data, error) -> None:
        self.pending -= 1
        if error is not None:
            self.failed = True
            self.feed.failed.emit(self.cluster, error)
        else:
            try:
                done(data)
            except (KeyError, TypeError, ValueError) as exc:  # a malformed answer must not stop the round
                self.feed.failed.emit(self.cluster, errors.ServerError(str(exc)))
        if self.pending == 0:
            self._next()

    def begin(self) -> None:
        self.stage = "nodes"
        self.request("/nodes", None, self._nodes)

    def _nodes(self, data) -> None:
        self.online = sorted(str(n["node"]) for n in data or [] if n.get("status") == "online")
        self.feed.nodes[self.cluster] = self.online

    def _next(self) -> None:
        if self.stage == "nodes":
            self.stage = "lists"
            if not getattr(self, "online", None):
                self._finish()
                return
            self.request("/cluster/resources", {"type": "vm"}, self._guests)
            self.request("/cluster/tasks", None, self._tasks)
            for node in self.online:
                self.request("/nodes/{0}/storage".format(node), {"content": "backup"},
                             lambda data, node=node: self.storage_lists.__setitem__(node, data or []))
        elif self.stage == "lists":
            self.stage = "contents"
            storages: dict[str, dict] = {}
            for node in self.online:
                for item in self.storage_lists.get(node, []):
                    sid = str(item.get("storage") or "")
                    if not sid or not int(item.get("active", 1) or 0) or not int(item.get("enabled", 1) or 0):
                        continue
                    info = storages.setdefault(sid, {"content": str(item.get("content") or ""),
                                                     "shared": bool(int(item.get("shared") or 0)),
                                                     "avail": int(item.get("avail") or 0),
                                                     "total": int(item.get("total") or 0), "nodes": set(),
                                                     "via": node})
                    info["nodes"].add(node)
            self.storage_info = storages
            self.feed.storages[self.cluster] = storages
            self.feed.storages_changed.emit(self.cluster)
            asked = 0
            for node in self.online:
                for sid, info in sorted(storages.items()):
                    if node not in info["nodes"] or (info["shared"] and info["via"] != node):
                        continue
                    asked += 1
                    self.request("/nodes/{0}/storage/{1}/content".format(node, sid), {"content": "backup"},
                                 lambda data, node=node, sid=sid, shared=info["shared"]:
                                 self._content(node, sid, shared, data))
            if not asked:
                self._finish()
        elif self.stage == "contents":
            self._finish()

    def _guests(self, data) -> None:
        self.feed.guests[self.cluster] = {int(g["vmid"]): dict(g) for g in data or [] if g.get("vmid") is not None}
        self.feed.model.names_changed()

    def _tasks(self, data) -> None:
        for item in reversed(list(data or [])):
            if item.get("type") != "vzdump":
                continue
            try:
                task = Task.from_listing(self.cluster, item)
            except (KeyError, ValueError):
                continue
            known = self.feed.model.get(("job", self.cluster, task.upid))
            if known is not None and known.status != RUNNING and task.running:
                continue
            self.feed.model.update_task(task)

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
