"""A periodic request for one open page, with at most one request in flight.

Pages (gauges: status/current every 1.5 s; charts: rrddata every 30 s) poll only while they
are shown. A tick while the previous answer is still out is skipped, so a slow cluster never
piles up requests, and an answer that arrives after `stop()` is dropped.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, QTimer, Signal

from ..pve import api
from ..session import ClusterSession


class Poller(QObject):
    result = Signal(object)  # the answer's data
    failed = Signal(object)  # PveError

    def __init__(self, session: ClusterSession, op: Callable[[], api.Op | None], interval_ms: int, parent=None):
        """`op()` gives the request of the moment (the chart's timeframe may change), or None: nothing to ask."""
        super().__init__(parent)
        self._session = session
        self._op = op
        self._timer = QTimer(self)
        self._timer.setInterval(interval_ms)
        self._timer.timeout.connect(self.poll)
        self._reply = None
        self._generation = 0
        self.sent = 0  # requests sent (tests and benchmarks read it)

    @property
    def active(self) -> bool:
        return self._timer.isActive()

    @property
    def in_flight(self) -> bool:
        return self._reply is not None

    def start(self, now: bool = True) -> None:
        if not self._timer.isActive():
            self._timer.start()
        if now:
            self.poll()

    def stop(self) -> None:
        self._timer.stop()
        self._generation += 1  # an answer still on its way is dropped
        self._reply = None

    def poll(self) -> None:
        """Ask now, unless an answer is still pending."""
        if self._reply is not None:
            return
        op = self._op()
        if op is None:
            return
        generation = self._generation
        reply = self._session.run(op, background=True)  # with the polls: never ahead of a click
        self._reply = reply
        self.sent += 1
        reply.then(self, lambda data, error, g=generation, r=reply: self._done(g, r, data, error))

    def _done(self, generation: int, reply, data, error) -> None:
        if generation != self._generation:
            return
        if reply is self._reply:
            self._reply = None
        if error is not None:
            self.failed.emit(error)
        else:
            self.result.emit(data)
