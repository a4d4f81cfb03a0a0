"""Run the demo cluster as a child process for `virton-desktop --demo`.

A separate process (not a thread) so the demo's own event loop and CPU never compete
with the GUI thread, and so the app connects to it exactly as to a real cluster: over
HTTPS, pinning the fingerprint the child prints. The child exits when our end of its
stdin closes, so it cannot outlive the app even if the app is killed.

The child is started before anything of Qt exists (`demo_child.spawn`, the first step of
`app.start`, a module without Qt): building a demo cluster of 10,000 guests takes the child
~0.5 s, the window takes the app ~0.5 s, and the two run side by side from the first moment.
`DemoProcess` takes the running child over once Qt is there and reports it through signals.
"""

from __future__ import annotations

import json

from PySide6.QtCore import QObject, Qt, Signal

from .demo_child import DemoChild, spawn
from .thread_signals import emit_if_alive

__all__ = ["DemoChild", "DemoProcess", "clusters_of", "spawn"]


class DemoProcess(QObject):
    # {"url", "user", "password", "token_id", "token_secret", "fingerprint", ...}; with clusters > 1
    # also "name" and "clusters": one such dict per cluster, each with its "name" (`clusters_of`).
    ready = Signal(dict)
    failed = Signal(str)  # untranslated detail (stderr tail); the caller words the message
    _heard = Signal(object)  # a DemoChild event, from its reader threads to this object's thread

    def __init__(self, guests: int | None = None, latency: float = 0.0, time_scale: float = 1.0,
                 user: str = "root", clusters: int = 1, activity: bool = False, parent=None,
                 child: DemoChild | None = None):
        """`child`: one `spawn` started already (the options are its own then)."""
        super().__init__(parent)
        self.info: dict | None = None
        self._failed = False
        self._options = dict(guests=guests, latency=latency, time_scale=time_scale, user=user, clusters=clusters,
                             activity=activity)
        self._child = child
        # Queued even from this thread: every event reaches the event loop after whoever
        # started the child has connected to the signals.
        self._heard.connect(self._handle, Qt.ConnectionType.QueuedConnection)

    def start(self) -> None:
        if self._child is None:
            self._child = spawn(**self._options)
        # From the child's reader threads; its end may come after this object is gone (a closed window).
        self._child.listen(lambda event: emit_if_alive(self._heard, event))

    def stop(self, wait_ms: int = 3000) -> None:
        if self._child is not None:
            self._child.stop(wait_ms / 1000.0)

    def _handle(self, event: tuple) -> None:
        if self.info is not None or self._failed:
            return  # told already: ready, or why not
        kind = event[0]
        if kind == "line":
            try:
                self.info = json.loads(event[1].decode("utf-8"))
            except ValueError:
                self._fail("unexpected output from the demo cluster: {0!r}".format(event[1][:200]))
                return
            self.ready.emit(self.info)
        elif kind == "ended":
            self._fail("exit code {0}: {1}".format(event[1], event[2].strip()[-1000:]))
        else:
            self._fail(event[1])

    def _fail(self, detail: str) -> None:
        self._failed = True
        self.failed.emit(detail)


def clusters_of(info: dict) -> list[dict]:
    """Each served cluster's description with its "name" (one process may serve several)."""
    return list(info.get("clusters") or [dict(info, name=info.get("name", "demo"))])
