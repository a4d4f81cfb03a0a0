"""ClusterSession: one connected cluster. A worker thread talks to PVE; the GUI gets signals.

Two lanes talk to the cluster, each a thread with its own connection and the same login:
the poll lane (`session_worker.Worker`: login, polls, task watch, background requests)
and the action lane (`action_lane.ActionLane`: what the user waits for), so a hanging
poll never holds up a click. They emit plain immutable data (entities, `InstanceDelta`).

The GUI side (`ClusterSession`) never blocks: `run(op)` returns a `Reply` whose
`finished` signal fires later. Every request is an `api.Op` from the endpoint catalogue
(`pve/api.py`); its answer is checked for shape in the worker before it goes out.
"""

from __future__ import annotations

import itertools
import time
from collections.abc import Mapping
from typing import Any

from PySide6.QtCore import QObject, Signal

from .action_lane import ActionLane
from .first_lists import FirstLists
from .pve import api, errors, power
from .pve.client import Credentials, PveClient
from .pve.entities import Instance, Node
from .reaper import adopt, wait_for_workers
from .reply import Reply
from .session_worker import Control, ControlMessage, InstanceDelta, Job, SessionState, Worker

# Callers import these from here, as before the worker had its own module.
__all__ = ["ClusterSession", "InstanceDelta", "Reply", "SessionState", "wait_for_workers"]


class ClusterSession(QObject):
    """The GUI's handle on one cluster. Create, connect signals, then `start()`."""

    # a SessionState (sent as its string), error or None
    state_changed = Signal(str, object)
    instances_polled = Signal(object)  # InstanceDelta
    nodes_polled = Signal(object)  # tuple[Node, ...]
    task_changed = Signal(object)  # Task
    task_started = Signal(object)  # Task: one this app started (a user action), not someone else's
    poll_finished = Signal(float)

    _ids = itertools.count(1)

    def __init__(self, name: str, client: PveClient | list[PveClient], creds: Credentials, parent=None, *,
                 profile_id: str | None = None):
        """`client`: one PveClient, or one per address of the cluster (tried in order);
        `profile_id`: the saved profile it was made from (None: quick connect, demo)."""
        super().__init__(parent)
        self.name = name
        self.profile_id = profile_id
        self.state = SessionState.NEW
        self.error: errors.PveError | None = None
        self.nodes: tuple[Node, ...] = ()
        self._replies: dict[int, Reply] = {}
        clients = list(client) if isinstance(client, (list, tuple)) else [client]
        self._worker = Worker(name, clients, creds)
        self._lane = ActionLane(name, [c.lane() for c in clients], self._worker)
        self._lane.replied.connect(self._on_reply)
        self._lane.task_changed.connect(self.task_changed)
        self._lane.task_changed.connect(self.task_started)  # the action lane reports only what it started
        self._worker.state_changed.connect(self._on_state)
        self._worker.instances_polled.connect(self.instances_polled)
        self._worker.nodes_polled.connect(self._on_nodes)
        self._worker.task_changed.connect(self.task_changed)
        self._worker.replied.connect(self._on_reply)
        self._worker.poll_finished.connect(self.poll_finished)
        self._worker.finished.connect(self._on_worker_finished)
        self._worker.finished.connect(self._lane.stop)  # no login any more: nothing to send

    @property
    def client(self) -> PveClient:
        """The client of the address in use (host, port, pinned fingerprint, ticket)."""
        return self._worker._client

    @property
    def clients(self) -> list[PveClient]:
        return list(self._worker._clients)

    @property
    def user(self) -> str:
        return self.client.user

    def submit_tfa(self, answer: str) -> None:
        """The second factor the worker waits for after state "tfa": `tfa.answer(...)`, e.g.
        `recovery:<key>` (a bare code is a TOTP code)."""
        self._worker.submit(ControlMessage(Control.TFA, {"code": answer}))

    def cancel_login(self) -> None:
        self._worker.submit(ControlMessage(Control.CANCEL_LOGIN))

    def start(self, first_lists: FirstLists | None = None) -> None:
        """`first_lists`: the registry's clusters whose first list is awaited; this one joins
        them, and its background requests wait while they are awaited (first_lists.py)."""
        if first_lists is not None:
            self._worker.await_first_list(first_lists)
        for lane in (self._worker, self._lane):
            adopt(lane)
            lane.start()

    def list_shown(self) -> None:
        """A list of this cluster is applied: other clusters' background work need not wait for it."""
        self._worker.first_list_shown()

    def stop(self) -> None:
        """Stop both lanes without waiting: their requests in flight are cut. The reaper keeps
        the thread objects until they have ended."""
        self._worker.stop()
        self._lane.stop()

    def close(self, wait_ms: int = 1500) -> None:
        """Stop both lanes and wait at most `wait_ms` in all for them to end (a cut request ends at once)."""
        self.stop()
        deadline = time.monotonic() + wait_ms / 1000
        for lane in (self._worker, self._lane):
            lane.wait(max(0, int((deadline - time.monotonic()) * 1000)))

    @property
    def running(self) -> bool:
        return self._worker.isRunning() or self._lane.isRunning()

    def refresh(self) -> None:
        self._worker.poll_now()

    @property
    def poll_interval(self) -> float:
        """Seconds between list polls (stretched on a slow cluster); see ui/poll_pace.py."""
        return self._worker.poll_interval

    def set_poll_interval(self, seconds: float) -> None:
        self._worker.poll_interval = seconds

    # -- requests
    def run(self, op: api.Op, *, background: bool = False) -> Reply:
        """Send one catalogued operation; the Reply carries its checked answer or a PveError.

        `background`: a periodic request of an open page (gauges, charts): it goes with the
        polls, so it never holds up what the user waits for."""
        job_id = next(self._ids)
        lane = self._worker if background else self._lane
        # No parent: it lives as long as the caller (and the pending table) holds it.
        reply = Reply(canceller=lambda: self._cancel(job_id, lane), reads=op.method == "GET")
        self._replies[job_id] = reply
        lane.submit(Job(job_id, op))
        return reply

    def cancel(self, reply: Reply) -> None:
        """The user gave up waiting: see `Reply.cancel`."""
        reply.cancel()

    def _cancel(self, job_id: int, lane: Worker | ActionLane) -> None:
        if self._replies.pop(job_id, None) is not None:
            lane.cancel(job_id)

    def guest_action(self, instance: Instance, action: power.Action | str,
                     params: Mapping[str, Any] | None = None) -> Reply:
        """POST /nodes/{node}/{qemu|lxc}/{vmid}/status/{action}; the task is watched."""
        return self.run(api.power(instance, power.Action(action).endpoint, params))

    # -- from the worker
    def _on_state(self, state: str, error) -> None:
        self.state, self.error = state, error
        self.state_changed.emit(state, error)

    def _on_nodes(self, nodes) -> None:
        self.nodes = nodes
        self.nodes_polled.emit(nodes)

    def _on_reply(self, job_id: int, data, error) -> None:
        reply = self._replies.pop(job_id, None)
        if reply is not None:
            reply._resolve(data, error)

    def _on_worker_finished(self) -> None:
        if self.state != SessionState.FAILED:
            self._on_state(SessionState.CLOSED, None)
