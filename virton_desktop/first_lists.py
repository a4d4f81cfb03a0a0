"""Guest lists first: while a cluster that has just started waits for its first guest list, the
other clusters' workers hold their background work (Qt-free, shared by the poll lanes).

What a person waits for after the start, or after adding a cluster, is the guest list. The
rest of what a worker fetches in the background (each cluster's permissions, tag options, task
list, guest-agent details of the rows on screen, a page's periodic requests) can come a moment
later. Sent at once, it competed for the same CPU (every answer is decoded under the GIL, beside
the other clusters' first lists) and, on the server side, for the same daemon: measured with ten
demo clusters of 2,000 guests (one process serves them all), holding it until the first lists
are on screen took ~0.1 s of the app's CPU and 0.05-0.1 s off the start.

A worker is expected from the moment its session starts (`expect`, on the GUI thread, before
the thread runs) until the registry has applied its first list, or its first poll failed, or
it waits for the user (second factor), or it ends (`Awaited.arrived`). The hold is bounded:
`PATIENCE` seconds after the latest cluster was expected it ends even if a cluster is still
silent (an unreachable one tries for its whole timeout). Polls, the user's actions (their own
lane) and the following of tasks the user started are never held. What was held is then sent
as every background request is, one worker at a time (lane_turns.py `background_turn`).
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable

PATIENCE = 2.0  # seconds: the longest a cluster's background work waits for the others' lists


class FirstLists:
    """The clusters whose first guest list is still awaited, for every worker to ask."""

    def __init__(self, patience: float = PATIENCE, clock: Callable[[], float] = time.monotonic):
        self._patience = patience
        self._clock = clock
        self._lock = threading.Lock()
        self._awaited: set[Awaited] = set()
        self._until = 0.0

    def expect(self) -> Awaited:
        """A cluster starting now: its first list is awaited."""
        awaited = Awaited(self)
        with self._lock:
            self._awaited.add(awaited)
            self._until = self._clock() + self._patience
        return awaited

    def holding(self) -> bool:
        """True while background work waits: a first list is awaited and patience lasts."""
        with self._lock:
            return bool(self._awaited) and self._clock() < self._until

    def awaited(self) -> int:
        """How many clusters' first lists are still awaited while patience lasts (0 after: a
        cluster that stays silent holds nothing back for longer than `holding` does)."""
        with self._lock:
            return len(self._awaited) if self._clock() < self._until else 0

    def _arrived(self, awaited: Awaited) -> None:
        with self._lock:
            self._awaited.discard(awaited)


class Awaited:
    """One cluster's place in `FirstLists`; `arrived` may be called any number of times."""

    __slots__ = ("_lists",)

    def __init__(self, lists: FirstLists):
        self._lists = lists

    def arrived(self) -> None:
        self._lists._arrived(self)
