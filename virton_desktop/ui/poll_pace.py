"""PollPace: the guest lists polled at PVE's web UI pace while the window is seen, slower when not.

A minimised window, or one closed to the tray, shows no list: polling 10,000 guests every 3 s
for nobody costs a few per cent of a core. While the window is not seen every session polls
every `HIDDEN_S` (the task watch, the notifications and the tray's running-task count go on:
they do not depend on the list poll); when it is seen again, every session polls at once and
then at the usual pace.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QWidget

from ..core.clusters import Clusters
from ..session import ClusterSession
from ..session_worker import POLL_INTERVAL

SEEN_S = POLL_INTERVAL
HIDDEN_S = 30.0
_WATCHED = (QEvent.Type.Show, QEvent.Type.Hide, QEvent.Type.WindowStateChange)


class PollPace(QObject):
    """Install once per main window: `PollPace(window, clusters)`."""

    def __init__(self, window: QWidget, clusters: Clusters):
        super().__init__(window)
        self._window = window
        self._clusters = clusters
        self.seen = True  # the window is built to be shown: its sessions start at the usual pace
        # After the event: a window's state and visibility are final only once it is handled.
        self._check = QTimer(self)
        self._check.setSingleShot(True)
        self._check.setInterval(0)
        self._check.timeout.connect(self._update)
        window.installEventFilter(self)
        clusters.added.connect(self._pace)

    @property
    def interval(self) -> float:
        return SEEN_S if self.seen else HIDDEN_S

    def eventFilter(self, watched, event) -> bool:  # noqa: N802 - Qt names it
        if watched is self._window and event.type() in _WATCHED:
            self._check.start()
        return False

    def _is_seen(self) -> bool:
        return self._window.isVisible() and not self._window.isMinimized()

    def _update(self) -> None:
        seen = self._is_seen()
        if seen == self.seen:
            return
        self.seen = seen
        for session in self._clusters.sessions():
            self._pace(session)
            if seen:
                session.refresh()  # the list is shown again: fresh now, not after the slow wait

    def _pace(self, session: ClusterSession) -> None:
        session.set_poll_interval(self.interval)
