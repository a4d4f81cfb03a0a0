"""Python's cyclic garbage collector, run on the GUI thread only.

The collector runs in whichever thread happens to allocate when a threshold is crossed: a
session's worker, the demo server's thread, a QtWebEngine callback. If a reference cycle it
frees holds a Qt object (a QObject wrapper, a QTimer, a widget kept by a closure), that object
is destroyed in the wrong thread and the process crashes (seen as a segmentation fault
"Garbage-collecting" in the demo's server thread). Reference counting still frees everything
that is not in a cycle at once; only the cycle collection moves: automatic collection is
turned off and this timer runs it, with Python's own thresholds, on the GUI thread (the
recipe PyQt's authors give for this crash).
"""

from __future__ import annotations

import gc
import time
from collections.abc import Callable

from PySide6.QtCore import QObject, QTimer

INTERVAL_MS = 250  # young objects past the threshold wait at most this long (a wake-up costs even idle)
# CPython's own collector runs a full (generation 2) collection only when the objects promoted
# since the last one exceed 25 % of the long-lived ones; an explicit gc.collect(2) knows no
# such rule, and on a big heap (10,000 guests) each costs tens to hundreds of milliseconds of
# GUI time. So a full collection runs when the old generation grew by that much, and at most
# this often.
YOUNG_THRESHOLD = 10_000
FULL_EVERY_S = 120.0
FULL_GROWTH = 1.25


class GuiThreadCollector(QObject):
    """Install once, after the QApplication exists, from the GUI thread."""

    def __init__(self, parent: QObject | None = None, interval_ms: int = INTERVAL_MS):
        super().__init__(parent)
        # Young objects before a collection: far above CPython's 700, because a live poll of
        # 10,000 guests brings ~6,000 new Instances every 3 s that the next poll replaces. Collected
        # at 700, each was walked once or twice before it died anyway (~10 ms of GUI time a
        # poll); at this threshold most are freed by reference counting first, and a collection
        # walks only what still lives.
        self.threshold = (max(YOUNG_THRESHOLD, gc.get_threshold()[0]),) + gc.get_threshold()[1:]
        self._last_full = time.monotonic()
        self._long_lived = 0  # objects in the old generation after the last full collection
        # True while the young objects are better left alone: the clusters' first lists coming in
        # (app.start sets it), whose ~6,000 young objects each live on; walking them twice on the
        # way (ten clusters of 2,000: ~10 ms of the start's GUI thread) freed nothing.
        self.waiting: Callable[[], bool] = lambda: False
        gc.disable()
        self.timer = QTimer(self)
        self.timer.setInterval(interval_ms)
        self.timer.timeout.connect(self.check)
        self.timer.start()

    def check(self) -> None:
        """Collect the young objects once generation 0 is over its threshold, as the automatic
        collector would, and the whole heap when it grew enough (see FULL_GROWTH, FULL_EVERY_S).

        The young generations are collected together, checked every 250 ms: each young object
        still alive is walked once. (Generation 0 every 500 ms and generation 1 every tenth time
        walked ten clusters' polls of 5 s at once: 30-45 ms stalls.)"""
        if gc.get_count()[0] <= self.threshold[0] or self.waiting():
            return
        gc.collect(1)
        now = time.monotonic()
        if now - self._last_full >= FULL_EVERY_S:
            self._last_full = now  # the growth is counted at most this often too
            if len(gc.get_objects(generation=2)) > FULL_GROWTH * self._long_lived:
                gc.collect(2)
                self._long_lived = len(gc.get_objects(generation=2))

    def freeze(self) -> None:
        """Move every object alive now (modules, classes, the built window: some 300,000 after
        start-up) out of the collector's sight for good: a full collection then walks only what
        came later, and the start-up objects are never freed anyway (a cycle among them stays)."""
        gc.freeze()

    def stop(self) -> None:
        self.timer.stop()
        gc.enable()
