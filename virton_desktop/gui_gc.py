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

from PySide6.QtCore import QObject, QTimer

INTERVAL_MS = 500
# CPython's own collector runs a full (generation 2) collection only when the objects promoted
# since the last one exceed 25 % of the long-lived ones; an explicit gc.collect(2) knows no
# such rule, and on a big heap (10,000 guests) each costs hundreds of milliseconds of GUI
# time. So a full collection runs at most this often; the young generations, where new
# cycles are, are collected on every threshold as before.
FULL_EVERY_S = 120.0


class GuiThreadCollector(QObject):
    """Install once, after the QApplication exists, from the GUI thread."""

    def __init__(self, parent: QObject | None = None, interval_ms: int = INTERVAL_MS):
        super().__init__(parent)
        self.threshold = gc.get_threshold()
        self._last_full = time.monotonic()
        gc.disable()
        self.timer = QTimer(self)
        self.timer.setInterval(interval_ms)
        self.timer.timeout.connect(self.check)
        self.timer.start()

    def check(self) -> None:
        """Collect the generations whose thresholds are crossed, as the automatic collector would
        (full collections rationed, see FULL_EVERY_S)."""
        count0, count1, count2 = gc.get_count()
        if count0 > self.threshold[0]:
            gc.collect(0)
            if count1 > self.threshold[1]:
                now = time.monotonic()
                if count2 > self.threshold[2] and now - self._last_full >= FULL_EVERY_S:
                    gc.collect(2)
                    self._last_full = now
                else:
                    gc.collect(1)

    def freeze(self) -> None:
        """Move every object alive now (modules, classes, the built window: some 300,000 after
        start-up) out of the collector's sight for good: a full collection then walks only what
        came later, and the start-up objects are never freed anyway (a cycle among them stays)."""
        gc.freeze()

    def stop(self) -> None:
        self.timer.stop()
        gc.enable()
