"""Poll phases: the clusters' list polls spread over the poll interval instead of all at once
(Qt-free, shared by the poll lanes).

Sessions that start together (the clusters of the last run, reconnected at start) poll together
for ever after: each polls every 3 s from its first list, and their first lists arrive within a
fraction of a second. Every 3 s, then, all of them wait for the servers, receive and decode their
lists, compare them with the previous poll and hand the GUI thread their changes at the same
moment: ten workers holding the GIL in turn, the GUI thread waiting behind them (the largest
stall of app_scale.py's poll phase at ten clusters of 2,000 guests), and ten servers' answers
arriving in one burst.

A worker books its next poll here (`book`) instead of taking the time its interval gives: the
first moment from then on that is `spacing` away from every other worker's booked poll, at
most one interval later (a cluster polled that much later once, then at its usual pace in its
own phase). When no such moment exists (more clusters than fit in an interval) the time asked
for is kept: polls may meet again, never later than that. A first poll, a poll asked for (a task
ended, the window seen again) and a retry after a failure are never moved; their next poll is
booked like every other.
"""

from __future__ import annotations

import threading
from collections.abc import Hashable

SPACING = 0.25  # seconds between two clusters' polls: a poll of 2,000 guests keeps a worker ~0.05-0.1 s
SPACING_SHARE = 8  # ...at most this share of the interval (a test polling every 0.2 s)


class PollPhases:
    """The booked next poll of each worker, for every worker to ask."""

    def __init__(self, spacing: float = SPACING):
        self._spacing = spacing
        self._lock = threading.Lock()
        self._booked: dict[Hashable, float] = {}  # worker -> its next poll

    def book(self, worker: Hashable, due: float, interval: float) -> float:
        """The time (same clock as `due`) `worker` polls next: `due`, or the first moment after it
        `spacing` away from the other workers' booked polls, at most `interval` later."""
        gap = min(self._spacing, interval / SPACING_SHARE)
        with self._lock:
            others = sorted(t for who, t in self._booked.items() if who is not worker and t > due - gap)
            chosen = due
            for booked in others:  # each too close a booking pushes the candidate past it
                if booked - chosen >= gap:
                    break  # a gap wide enough before the next booking (they are sorted)
                chosen = max(chosen, booked + gap)
            if chosen - due > interval:
                chosen = due
            self._booked[worker] = chosen
            return chosen

    def release(self, worker: Hashable) -> None:
        """`worker` polls no more (it ended)."""
        with self._lock:
            self._booked.pop(worker, None)

    def booked(self) -> dict[Hashable, float]:
        """Each worker's next poll (tests and benchmarks look)."""
        with self._lock:
            return dict(self._booked)


PHASES = PollPhases()  # the program's poll lanes share one
