"""CoverageFeed: reads what backup coverage needs from every connected cluster (no widgets).

Per cluster, through its session (off the GUI thread): the guests no job covers
(`api.not_backed_up`), the jobs (`api.backup_jobs`), the recent tasks (`api.cluster_tasks`), and
the backup volumes of its storages (a private `BackupFeed` round, the same listing the Backups
page makes). Both job reads need Sys.Audit on / (pve-manager API2/Backup.pm, BackupInfo.pm):
without it the cluster's `Need` is kept, so the view says what is missing instead of an empty list.
`rows(days)` computes the findings (pve/coverage) from the last answers.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable

from PySide6.QtCore import QObject, Signal

from ..models.backups import BackupModel
from ..pve import api, coverage, errors
from ..pve.entities import Instance
from ..pve.permissions import Need, Privileges, missing
from .backup_feed import BackupFeed


class _ClusterState:
    def __init__(self):
        self.not_backed_up: list | None = None
        self.jobs: list | None = None
        self.tasks: list = []
        self.volumes_listed = False
        self.pending = 0
        self.error = ""


class CoverageFeed(QObject):
    changed = Signal()  # a cluster's answers arrived (or failed)

    def __init__(self, clusters, guests: Callable[[], Iterable[Instance]], parent=None):
        super().__init__(parent)
        self.clusters = clusters
        self._guests = guests
        self._state: dict[str, _ClusterState] = {}
        self._volumes = BackupModel(self)
        self._backups = BackupFeed(lambda: {s.name: s for s in clusters.sessions()}, self._volumes, self)
        self._backups.refreshed.connect(self._volumes_listed)
        self._backups.failed.connect(lambda cluster, error: self._failed(cluster, error))
        self._replies = []

    def need(self, cluster: str) -> Need | None:
        """What the login lacks to read the jobs of `cluster` (None: it may)."""
        privileges: Privileges = self.clusters.privileges(cluster)
        return missing("backup_coverage", privileges)

    def busy(self) -> bool:
        return any(s.pending or not s.volumes_listed for s in self._state.values())

    def error(self, cluster: str) -> str:
        state = self._state.get(cluster)
        return state.error if state else ""

    def cluster_ids(self) -> list[str]:
        return sorted(self._state)

    def refresh(self) -> None:
        self._replies.clear()
        for session in self.clusters.sessions():
            state = self._state[session.name] = _ClusterState()
            if self.need(session.name) is None:
                self._ask(session, state, api.not_backed_up(), "not_backed_up")
                self._ask(session, state, api.backup_jobs(), "jobs")
            self._ask(session, state, api.cluster_tasks(), "tasks")
            self._backups.refresh(session.name)
        self.changed.emit()

    def _ask(self, session, state: _ClusterState, op: api.Op, field: str) -> None:
        state.pending += 1
        reply = session.run(op)
        self._replies.append(reply)
        reply.then(self, lambda data, error: self._answered(session.name, state, field, data, error))

    def _answered(self, cluster: str, state: _ClusterState, field: str, data, error) -> None:
        state.pending -= 1
        if self._state.get(cluster) is not state:
            return  # a newer refresh replaced it
        if error is not None:
            state.error = errors.describe(error)
        else:
            setattr(state, field, list(data or []))
        self.changed.emit()

    def _volumes_listed(self, cluster: str) -> None:
        state = self._state.get(cluster)
        if state is not None:
            state.volumes_listed = True
            self.changed.emit()

    def _failed(self, cluster: str, error) -> None:
        state = self._state.get(cluster)
        if state is not None:
            state.error = errors.describe(error)
            state.volumes_listed = True
            self.changed.emit()

    # ------------------------------------------------------------ findings

    def _guest_infos(self, cluster: str) -> dict[int, coverage.GuestInfo]:
        return {g.vmid: coverage.GuestInfo(g.vmid, g.name, g.type, g.node, g.pool or "", bool(g.template))
                for g in self._guests() if g.cluster == cluster}

    def rows(self, days: int, now: float | None = None) -> list[coverage.CoverageRow]:
        now = time.time() if now is None else now
        out: list[coverage.CoverageRow] = []
        backups: dict[str, list[tuple[int, int]]] = {}
        for row in self._volumes.all_rows():
            if not row.is_job and row.vmid is not None and row.backup is not None:
                backups.setdefault(row.backup.cluster, []).append((row.vmid, row.time))
        for cluster, state in sorted(self._state.items()):
            guests = self._guest_infos(cluster)
            if state.not_backed_up is not None:
                out += coverage.uncovered(cluster, state.not_backed_up, guests)
            if state.volumes_listed:
                out += coverage.stale(cluster, guests.values(), backups.get(cluster, []), now, days)
            if state.jobs is not None:
                out += coverage.failed_jobs(cluster, state.jobs, state.tasks, guests.values())
        order = {coverage.Finding.FAILED_JOB: 0, coverage.Finding.UNCOVERED: 1, coverage.Finding.STALE: 2}
        return sorted(out, key=lambda r: order[r.finding])  # stable: each finding keeps its own order
