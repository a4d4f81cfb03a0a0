"""Deadlines: one thread that runs an action when a request outlives its deadline.

    entry = DEADLINES.arm(45.0, cut_the_connection)
    try: ...the request...
    finally: DEADLINES.disarm(entry)

A `threading.Timer` per request started a thread for every request and woke it again at the
end (ten clusters send ~600 requests a minute: each start and wake-up a hand-over of the GIL
the GUI thread waits for). Here arming is a heap push under a lock and disarming a store; the
thread sleeps until the earliest deadline and drops the disarmed entries it finds then (nearly
all of them: requests end long before their deadline), so it wakes a few times a minute.
"""

from __future__ import annotations

import heapq
import itertools
import logging
import threading
import time
from collections.abc import Callable

log = logging.getLogger(__name__)

class Deadlines:
    def __init__(self, name: str = "request-deadlines"):
        self._name = name
        self._wake = threading.Condition(threading.Lock())
        self._heap: list[tuple[float, int, list]] = []  # (when, seq, [action or None])
        self._seq = itertools.count()
        self._thread: threading.Thread | None = None

    def arm(self, seconds: float, action: Callable[[], None]) -> list:
        """Run `action` (on this object's thread) in `seconds` unless disarmed before."""
        entry: list = [action]
        when = time.monotonic() + seconds
        with self._wake:
            heapq.heappush(self._heap, (when, next(self._seq), entry))
            if self._thread is None:
                self._thread = threading.Thread(target=self._run, name=self._name, daemon=True)
                self._thread.start()
            elif self._heap[0][2] is entry:  # sooner than the thread sleeps for
                self._wake.notify()
        return entry

    @staticmethod
    def disarm(entry: list) -> None:
        entry[0] = None  # no lock: the thread reads it once, when the deadline has come

    def pending(self) -> int:
        """Entries still armed (tests)."""
        with self._wake:
            return sum(1 for _when, _seq, entry in self._heap if entry[0] is not None)

    def _run(self) -> None:
        with self._wake:
            while True:
                heap = self._heap
                while heap and heap[0][2][0] is None:  # ended in time: forgotten
                    heapq.heappop(heap)
                if not heap:
                    self._wake.wait()
                    continue
                when, _seq, entry = heap[0]
                wait = when - time.monotonic()
                if wait > 0:
                    self._wake.wait(wait)
                    continue
                heapq.heappop(heap)
                action, entry[0] = entry[0], None
                if action is not None:
                    self._wake.release()  # the action may take a while (it cuts sockets)
                    try:
                        action()
                    except Exception:  # noqa: BLE001 - the thread serves every client's deadlines
                        log.exception("a deadline's action failed")
                    finally:
                        self._wake.acquire()


DEADLINES = Deadlines()
