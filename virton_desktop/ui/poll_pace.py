"""PollPace: the guest lists polled at PVE's web UI pace where they are seen, slower where not.

A minimised window, or one closed to the tray, shows no list: polling 10,000 guests every 3 s
for nobody costs a few per cent of a core. While the window is not seen every session polls
every `HIDDEN_S` (the task watch, the notifications and the tray's running-task count go on:
they do not depend on the list poll); when it is seen again, every session polls at once and
then at the usual pace.

With several clusters in the window, most of them have no row on screen: the list is sorted
and scrolled to one place, a page shows one guest. A cluster none of whose guests is in the
list's viewport, selected, or on an open page is polled every `OUT_OF_VIEW_S`; the moment one
of its guests comes into view (a scroll, a sort, a search, a selection, a page) it is polled at
once and at the usual pace again: its figures are the slow round's only until that answer (the
look 0.2 s after the move, then one request). What such a
cluster still shows meanwhile is counts and states (the running / guests line, the cluster's
online state, the change feed): 30 s, the age Proxmox Datacenter Manager allows a remote's
cached resources by default (its `/resources/list` `max-age`), and the pace of a hidden window.
Ten clusters of 2,000 guests, 60 s idle with the window open: 74 polls and ~4.2 % of a core at
10 s (pvestatd's round), 38 polls and ~2.6 % at 30 s. With one cluster nothing changes.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

import shiboken6
from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QWidget

from ..core.clusters import Clusters
from ..session import ClusterSession
from ..session_worker import POLL_INTERVAL

SEEN_S = POLL_INTERVAL
OUT_OF_VIEW_S = 30.0
HIDDEN_S = 30.0
LOOK_MS = 200  # what is in view, looked at this long after the last scroll, sort or poll moved it
_WATCHED = (QEvent.Type.Show, QEvent.Type.Hide, QEvent.Type.WindowStateChange)


class PollPace(QObject):
    """Install once per main window: `PollPace(window, clusters, in_view=...)`.

    `in_view()`: the names of the clusters with a guest on screen; `look()` after anything that
    may change them (the window wires its list's scrolling, layout, selection and pages)."""

    def __init__(self, window: QWidget, clusters: Clusters, in_view: Callable[[], Iterable[str]] | None = None):
        super().__init__(window)
        self._window = window
        self._clusters = clusters
        self._in_view = in_view
        self.seen = True  # the window is built to be shown: its sessions start at the usual pace
        self.shown: frozenset[str] | None = None  # clusters with a guest in view; None: every one
        # After the event: a window's state and visibility are final only once it is handled.
        self._check = QTimer(self)
        self._check.setSingleShot(True)
        self._check.setInterval(0)
        self._check.timeout.connect(self._update)
        self._look = QTimer(self)
        self._look.setSingleShot(True)
        self._look.setInterval(LOOK_MS)
        self._look.timeout.connect(self._update_view)
        window.installEventFilter(self)
        clusters.added.connect(self._added)
        clusters.removed.connect(lambda _name: self.look())

    def interval_of(self, name: str) -> float:
        if not self.seen:
            return HIDDEN_S
        return SEEN_S if self._is_shown(name) else OUT_OF_VIEW_S

    def look(self) -> None:
        """What is in view may have changed: look again shortly (once for a burst of changes)."""
        # (A page window closing after the main window calls in when this is gone.)
        if self._in_view is not None and shiboken6.isValid(self._look):
            self._look.start()

    def eventFilter(self, watched, event) -> bool:  # noqa: N802 - Qt names it
        if watched is self._window and event.type() in _WATCHED:
            self._check.start()
        return False

    def _is_seen(self) -> bool:
        return self._window.isVisible() and not self._window.isMinimized()

    def _added(self, session: ClusterSession) -> None:
        self._pace(session)
        self.look()

    def _update(self) -> None:
        seen = self._is_seen()
        if seen == self.seen:
            return
        self.seen = seen
        for session in self._clusters.sessions():
            self._pace(session)
            if seen and self._is_shown(session.name):
                session.refresh()  # the list is shown again: fresh now, not after the slow wait

    def _update_view(self) -> None:
        sessions = self._clusters.sessions()
        # One cluster is always "in view": its rows are the list, whatever is scrolled to.
        shown = frozenset(self._in_view()) if len(sessions) > 1 else None
        if shown == self.shown:
            return
        before, self.shown = self.shown, shown
        for session in sessions:
            self._pace(session)
            was_shown = before is None or session.name in before
            if self.seen and self._is_shown(session.name) and not was_shown:
                session.refresh()  # its guests came into view: fresh now, not after the slow wait

    def _is_shown(self, name: str) -> bool:
        return self.shown is None or name in self.shown

    def _pace(self, session: ClusterSession) -> None:
        session.set_poll_interval(self.interval_of(session.name))
