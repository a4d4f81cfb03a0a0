"""ActionLane: the thread that sends a session's user actions, never behind a poll.

A cluster session has two lanes, each a QThread with its own `PveClient` and connection:
the poll lane (`session_worker.Worker`: login, polls, task watch, background requests of
open pages) and this one, for what a user waits for (power actions, dialogs loading and
saving). A poll hanging on a slow `/cluster/resources` holds only its own connection.

The lanes share one login (`PveClient.lane()`): the poll lane alone logs in, renews and
asks for a second factor; this lane reads the current ticket at every request and, when
the server says it has expired, asks the poll lane to log in again and waits for the new
one (at most a request's deadline).
"""

from __future__ import annotations

import logging
import queue
import threading
from typing import Any

from PySide6.QtCore import QThread, Signal

from .pve import api, errors
from .pve.client import PveClient
from .session_worker import Job, Worker, answer, started_task

log = logging.getLogger(__name__)


class ActionLane(QThread):
    # Emitted from this thread; Qt queues them to the GUI thread.
    replied = Signal(int, object, object)  # job id, data, error
    task_changed = Signal(object)  # Task: one this lane started (the poll lane follows it)

    def __init__(self, name: str, clients: list[PveClient], poll_lane: Worker):
        """`clients`: one per address, `lane()`s of the poll lane's clients, in the same order."""
        super().__init__()
        self.setObjectName("actions-" + name)
        self._name = name
        self._clients = clients
        self._poll_lane = poll_lane
        self._jobs: queue.Queue[Job | None] = queue.Queue()
        self._lock = threading.Lock()  # guards the two fields below against cancel() from the GUI
        self._in_flight: int | None = None
        self._cancelled: set[int] = set()
        self._stopping = False

    # -- called from the GUI thread
    def submit(self, job: Job) -> None:
        self._jobs.put(job)

    def cancel(self, job_id: int) -> None:
        """Drop the request if not yet sent; cut its connection if in flight."""
        with self._lock:
            self._cancelled.add(job_id)
            if self._in_flight == job_id:
                self._client.cut()
        self._client.wake()  # it may be waiting for a new login

    def stop(self) -> None:
        """End the loop; a request in flight is cut, so this is quick."""
        self._stopping = True
        self._jobs.put(None)
        for client in self._clients:
            client.abort()

    @property
    def _client(self) -> PveClient:
        return self._clients[self._poll_lane.address]  # the address the poll lane found answering

    # -- this thread
    def run(self) -> None:
        while not self._stopping:
            job = self._jobs.get()
            if job is None:
                break
            with self._lock:
                if job.id in self._cancelled:
                    self._cancelled.discard(job.id)
                    continue
                self._in_flight = job.id
            data, error = answer(self._call, job)
            with self._lock:
                self._in_flight = None
                if job.id in self._cancelled:  # its Reply has said "cancelled" already
                    self._cancelled.discard(job.id)
                    continue
            task = started_task(self._name, job, data)
            if task is not None:
                self.task_changed.emit(task)
            self.replied.emit(job.id, data, error)
            if task is not None:
                # Only now: the poll lane's word that the task ended is posted to the GUI after
                # the reply, so whoever waits for the UPID has it before the end (a short task
                # ended first, and a view kept waiting for it).
                self._poll_lane.follow(task)
        self._answer_the_rest()
        for client in self._clients:
            client.close()

    def _answer_the_rest(self) -> None:
        """The session closed (or its login ended): what was still queued is answered, not left waiting."""
        while True:
            try:
                job = self._jobs.get_nowait()
            except queue.Empty:
                return
            if job is not None:
                self.replied.emit(job.id, None, errors.Cancelled("the session was closed", path=job.op.path))

    def _call(self, op: api.Op) -> Any:
        """One request, its answer checked for shape. An expired ticket (or none yet: the poll
        lane is still logging in) waits for the poll lane's next login, then is tried once more."""
        client, job_id = self._client, self._in_flight
        generation = client.auth_generation
        try:
            data = client.request(op.method, op.path, op.params)
        except errors.TicketExpired:
            self._poll_lane.relogin(generation)
            if not client.wait_for_login(generation, client.deadline, lambda: self._given_up(job_id)):
                raise
            data = client.request(op.method, op.path, op.params)
        return op.check(data)

    def _given_up(self, job_id: int) -> bool:
        with self._lock:
            return self._stopping or job_id in self._cancelled
