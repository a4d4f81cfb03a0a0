"""One power action on many guests across clusters: a few requests at a time per cluster, each
followed to the end of its task, the outcome per guest, and a retry of the failed ones.

A cluster on PVE >= 9.1 gets Start, Shutdown and Suspend (pause) as one request (`/cluster/bulk-action/guest/…`,
pve.bulk): its worker runs the guests' tasks itself, and its log says which failed. An older
cluster (asked once: GET /version), or a 501 from one that lacks the endpoint after all, gets
one request per guest. While the worker runs, the cluster's task list is asked every 2 s (the
session's own is every 15 s): a guest's own task ending there is that guest's result; the rest are
judged from the worker's log when it ends. An HA-managed guest's task ends OK when the request is filed: the run
follows the guest (core.ha_follower) to where HA really took it before reporting it.

Guests the state does not allow the action for, or whose login lacks the privilege, are listed as
skipped with the reason and never sent (PVE would refuse them one by one)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from enum import StrEnum

from PySide6.QtCore import QObject, Signal

from ...core.ha_follower import HaFollower
from ...core.poller import Poller
from ...pve import api, bulk, errors, ha, power
from ...pve.entities import Instance, Task
from ...pve.power import Action
from ...session import ClusterSession
from .. import kit
from ..permission_gate import PrivilegesOf, everything, guest_need, lack_text

PER_CLUSTER = 4  # requests in flight per cluster: PVE's workers and the user lane stay responsive
TASK_LIST_MS = 2000  # how often a cluster's task list is read while a bulk worker runs there


class Outcome(StrEnum):
    SKIPPED = "skipped"
    QUEUED = "queued"
    RUNNING = "running"
    OK = "ok"
    FAILED = "failed"


@dataclass(frozen=True)
class GuestRun:
    instance: Instance
    outcome: Outcome = Outcome.QUEUED
    note: str = ""  # why skipped or failed, in words
    upid: str = ""


class BulkRun(QObject):
    changed = Signal(int)  # the index of the row that changed
    finished = Signal()    # nothing queued or running any more

    def __init__(self, action: Action, instances: list[Instance], session_of: Callable[[str], ClusterSession | None],
                 privileges_of: PrivilegesOf = everything, parent: QObject | None = None):
        super().__init__(parent)
        self.action = action
        self._session_of = session_of
        self._watched: set[int] = set()
        self._mode: dict[str, str] = {}  # cluster -> "asking" (its version), "bulk" or "each"
        self._followers: dict[int, HaFollower] = {}  # row -> the HA guest being followed
        self._task_lists: dict[str, Poller] = {}  # cluster -> its task list, while a bulk worker runs
        self._judged: set[str] = set()  # guests' own tasks already taken as a result (never again on a retry)
        self.rows = [self._checked(inst, privileges_of) for inst in instances]

    def _checked(self, inst: Instance, privileges_of: PrivilegesOf) -> GuestRun:
        need = guest_need(privileges_of(inst.cluster), "power", inst)
        if need is not None:
            return GuestRun(inst, Outcome.SKIPPED, lack_text(need))
        if self.action not in power.available(inst):
            return GuestRun(inst, Outcome.SKIPPED, kit.fmt(self.tr("Not possible in the state \"%1\""),
                                                            inst.shown_status))
        return GuestRun(inst)

    def count(self, outcome: Outcome) -> int:
        return sum(1 for r in self.rows if r.outcome is outcome)

    @property
    def done(self) -> bool:
        return not any(r.outcome in (Outcome.QUEUED, Outcome.RUNNING) for r in self.rows)

    def start(self) -> None:
        for cluster in sorted({r.instance.cluster for r in self.rows}):
            self._fill(cluster)
        if self.done:
            self.finished.emit()

    def retry_failed(self) -> int:
        """Queue the failed guests again; returns how many."""
        again = [i for i, r in enumerate(self.rows) if r.outcome is Outcome.FAILED]
        for i in again:
            self._set(i, outcome=Outcome.QUEUED, note="", upid="")
        self.start()
        return len(again)

    def _fill(self, cluster: str) -> None:
        """Send queued guests of `cluster`: in one bulk request, or while fewer than PER_CLUSTER run there."""
        mode = self._mode.get(cluster)
        if mode is None and self.action in bulk.ENDPOINTS:
            self._ask_version(cluster)
            return
        if mode == "asking":
            return
        if mode == "bulk":
            self._send_bulk(cluster)
            return
        mine = [i for i, r in enumerate(self.rows) if r.instance.cluster == cluster]
        running = sum(1 for i in mine if self.rows[i].outcome is Outcome.RUNNING)
        for i in mine:
            if running >= PER_CLUSTER:
                return
            if self.rows[i].outcome is Outcome.QUEUED:
                self._send(i)
                running += 1

    def _send(self, i: int) -> None:
        inst = self.rows[i].instance
        session = self._session_of(inst.cluster)
        if session is None:
            self._set(i, outcome=Outcome.FAILED, note=kit.fmt(self.tr("The cluster %1 is not connected."),
                                                                inst.cluster))
            return
        self._watch(session)
        self._set(i, outcome=Outcome.RUNNING)
        session.guest_action(inst, self.action).then(self, lambda data, error, i=i: self._answered(i, data, error))

    # ------------------------------------------------------------ PVE >= 9.1

    def _ask_version(self, cluster: str) -> None:
        session = self._session_of(cluster)
        if session is None:
            self._mode[cluster] = "each"
            self._fill(cluster)
            return
        self._mode[cluster] = "asking"

        def answered(data, error) -> None:
            supported = error is None and bulk.supported((data or {}).get("version", ""))
            self._mode[cluster] = "bulk" if supported else "each"
            self._fill(cluster)
        session.run(api.version()).then(self, answered)

    def _send_bulk(self, cluster: str) -> None:
        queued = [i for i, r in enumerate(self.rows) if r.instance.cluster == cluster and r.outcome is Outcome.QUEUED]
        session = self._session_of(cluster)
        if not queued or session is None:
            return
        self._watch(session)
        for i in queued:
            self._set(i, outcome=Outcome.RUNNING)
        op = api.bulk_guest_action(bulk.ENDPOINTS[self.action], [self.rows[i].instance.vmid for i in queued])
        session.run(op).then(self, lambda data, error: self._bulk_answered(cluster, queued, data, error))

    def _bulk_answered(self, cluster: str, rows: list[int], data, error) -> None:
        if isinstance(error, errors.PveError) and error.status == 501:  # no such endpoint after all
            self._mode[cluster] = "each"
            for i in rows:
                self._set(i, outcome=Outcome.QUEUED)
            self._fill(cluster)
            return
        if error is not None or not (isinstance(data, str) and data.startswith("UPID:")):
            note = errors.describe(error) if error is not None else ""
            for i in rows:
                self._end(i, Outcome.FAILED if error is not None else Outcome.OK, note)
            return
        for i in rows:
            self._set(i, upid=data)
        self._list_tasks(cluster)

    def _list_tasks(self, cluster: str) -> None:
        session = self._session_of(cluster)
        if session is None or cluster in self._task_lists:
            return
        poller = Poller(session, api.cluster_tasks, TASK_LIST_MS, self)
        poller.result.connect(lambda items, cluster=cluster: self._tasks_listed(cluster, items))
        self._task_lists[cluster] = poller
        poller.start(now=False)

    def _tasks_listed(self, cluster: str, items) -> None:
        """A guest's own task, started by a bulk worker still running, ended: that guest's result now."""
        waiting = {r.instance.vmid: i for i, r in enumerate(self.rows)  # one look-up per listed task
                   if r.instance.cluster == cluster and r.outcome is Outcome.RUNNING and ":bulk-" in r.upid
                   and i not in self._followers}
        for item in items or []:
            try:
                task = Task.from_listing(cluster, item)
            except (KeyError, ValueError):
                continue
            i = waiting.get(task.vmid) if task.vmid is not None else None
            if i is None or task.running or task.upid in self._judged:
                continue
            if bulk.guest_task_of(Task.from_upid(cluster, self.rows[i].upid), task, self.action) == task.vmid:
                del waiting[task.vmid]
                self._set(i, upid="")  # judged here: the worker's log is not asked about it
                self._judged.add(task.upid)
                if task.failed:
                    self._end(i, Outcome.FAILED, errors.describe(errors.from_task_exit(task.exitstatus)))
                else:
                    self._done_ok(i)
        self._stop_listing(cluster)

    def _stop_listing(self, cluster: str) -> None:
        """No bulk worker of ours runs in `cluster` any more: its task list is not needed (checked
        once a listing, not per ended guest: a run may hold 10,000)."""
        if cluster in self._task_lists and not any(
                r.instance.cluster == cluster and r.outcome is Outcome.RUNNING and ":bulk-" in r.upid
                for r in self.rows):
            self._task_lists.pop(cluster).stop()

    def _bulk_ended(self, task: Task, rows: list[int]) -> None:
        session = self._session_of(task.cluster)
        if session is None:
            self._bulk_judged(task, rows, [])
            return
        session.run(api.task_log(task.node, task.upid, 0, 5000), background=True).then(
            self, lambda data, error: self._bulk_judged(task, rows, [] if error else [line.get("t", "")
                                                                                     for line in data or []]))

    def _bulk_judged(self, task: Task, rows: list[int], lines: list[str]) -> None:
        failed = bulk.failures(lines, task.exitstatus)
        for i in rows:
            failure = failed.get(self.rows[i].instance.vmid)
            if failure is not None:
                error = (errors.classify(failure.status, failure.reason) if failure.status
                         else errors.from_task_exit(failure.reason))
                self._end(i, Outcome.FAILED, errors.describe(error))
            elif task.failed and not failed:  # the worker itself failed: every guest with it
                self._end(i, Outcome.FAILED, errors.describe(errors.from_task_exit(task.exitstatus)))
            else:
                self._done_ok(i)

    # ------------------------------------------------------------ HA guests

    def _done_ok(self, i: int) -> None:
        inst = self.rows[i].instance
        session = self._session_of(inst.cluster)
        if session is None or not ha.managed(inst) or self.action not in (Action.START, Action.SHUTDOWN, Action.STOP):
            self._end(i, Outcome.OK, "")
            return
        self._set(i, note=self.tr("HA is carrying it out…"))
        follower = HaFollower(session, inst, self.action, ha.time_limit(self.action), self)
        follower.settled.connect(lambda outcome, _seen, i=i: self._ha_settled(i, outcome))
        self._followers[i] = follower
        follower.start()

    def _ha_settled(self, i: int, outcome) -> None:
        follower = self._followers.pop(i, None)
        if follower is not None:
            follower.deleteLater()
        if outcome is ha.Outcome.REACHED:
            self._end(i, Outcome.OK, "")
        elif outcome is ha.Outcome.FAILED:
            self._end(i, Outcome.FAILED, self.tr("HA could not do it: the resource is in the error state."))
        else:
            self._end(i, Outcome.OK, self.tr("Requested; HA has not finished yet."))

    # ------------------------------------------------------------ per guest

    def _watch(self, session) -> None:
        if id(session) not in self._watched:
            self._watched.add(id(session))
            session.task_changed.connect(self._task_changed)

    def _answered(self, i: int, data, error) -> None:
        if error is not None:
            self._end(i, Outcome.FAILED, errors.describe(error))
        elif isinstance(data, str) and data.startswith("UPID:"):
            self._set(i, upid=data)
        else:
            self._end(i, Outcome.OK, "")

    def _task_changed(self, task: Task) -> None:
        if task.running:
            return
        rows = [i for i, row in enumerate(self.rows)
                if row.upid == task.upid and row.outcome is Outcome.RUNNING and i not in self._followers]
        if not rows:
            return
        if task.type.startswith("bulk-"):
            for i in rows:
                self._set(i, upid="")  # judged once, whatever else the task stream says
            self._bulk_ended(task, rows)
            return
        for i in rows:
            if task.failed:
                self._end(i, Outcome.FAILED, errors.describe(errors.from_task_exit(task.exitstatus)))
            else:
                self._done_ok(i)

    def _end(self, i: int, outcome: Outcome, note: str) -> None:
        self._set(i, outcome=outcome, note=note)
        self._fill(self.rows[i].instance.cluster)
        if self.done:
            self.finished.emit()

    def _set(self, i: int, **changes) -> None:
        self.rows[i] = replace(self.rows[i], **changes)
        self.changed.emit(i)
