"""GuestTable: the guest list's view, repainting only the changed cells it shows.

QAbstractItemView repaints its whole viewport for any `dataChanged` wider than one cell,
wherever the cells are. The guest model signals a live poll as spans of rows (a cluster's
block when sorted by VMID or cluster, models/row_index.py); with ten clusters in one window,
nine of them scrolled away, every one of their polls repainted every cell on screen (~190
cells through the Python delegate, about once a second). Here a span repaints the part of its
rows and columns on screen, and a span off screen nothing.

Clusters' first lists coming one after another (ten clusters starting) each changed the list's
layout, and each repainted it whole (~5-10 ms of the GUI thread, ~100 ms in all, while the
window had every list still to take in). Once rows are on screen, the window holds the
list's repaints while other first lists are awaited (`hold_repaints`, MainWindow) and lets
them go with the last (`release_repaints`): one paint for the lot; never held longer than
HOLD_LIMIT_MS, nor HOLD_MS past the latest list.

A reset or layout change of the model (the first guests listed, another cluster's guests, a
keystroke's search) is laid out at once rather than in a later turn of the event loop, as Qt
delays it: laid out after the rows were first painted, the scroll bar that appears or goes
resized the viewport and the whole list was painted a second time (the first guests' paint
~24 ms, then ~18 ms again).
"""

from __future__ import annotations

import time

from PySide6.QtCore import QModelIndex, QRect, QTimer
from PySide6.QtGui import QAccessible
from PySide6.QtWidgets import QTableView

HOLD_MS = 150  # a held list is painted this long after the latest list at the latest
HOLD_LIMIT_MS = 400  # and never held longer than this in all


class GuestTable(QTableView):
    def __init__(self, parent=None):
        super().__init__(parent)
        self._rows_painted = False  # rows have been on screen: a held repaint shows something
        self._held_since = 0.0
        self._hold = QTimer(self)
        self._hold.setSingleShot(True)
        self._hold.timeout.connect(self.release_repaints)

    def hold_repaints(self) -> None:
        """Hold the list's repaints: more of what it shows is coming at once (another cluster's
        first list). Nothing is held before rows were first painted (they show at once)."""
        if not self._rows_painted:
            return
        viewport = self.viewport()
        if viewport.updatesEnabled():
            self._held_since = time.monotonic()
            viewport.setUpdatesEnabled(False)
        elif time.monotonic() - self._held_since >= HOLD_LIMIT_MS / 1000:
            self.release_repaints()
            return
        self._hold.start(HOLD_MS)

    def paint_next_turn(self) -> None:
        """What the list shows is about to change (a search's filter): paint it a turn later,
        after what waits in the event loop meanwhile (input, timers), so the change and its
        repaint are two turns rather than one twice as long. Ten clusters, a keystroke: the
        filter ~6 ms, then its repaint ~17 ms; the largest stall of ten typed characters was
        their sum and more. Only once rows were painted (they show at once)."""
        viewport = self.viewport()
        if not self._rows_painted or not viewport.updatesEnabled():
            return
        self._held_since = time.monotonic()
        viewport.setUpdatesEnabled(False)
        # A zero timer is a posted event, delivered with the next turn's posted events, before
        # its timers and input; posted again from there, it comes after them.
        QTimer.singleShot(0, self, lambda: QTimer.singleShot(0, self, self.release_repaints))

    def release_repaints(self) -> None:
        """Paint what was held (nothing when nothing was)."""
        self._hold.stop()
        self.viewport().setUpdatesEnabled(True)  # one repaint, when they were held

    def paintEvent(self, event) -> None:  # noqa: N802 - Qt's name
        super().paintEvent(event)
        if not self._rows_painted:
            model = self.model()
            self._rows_painted = model is not None and model.rowCount() > 0

    def setModel(self, model) -> None:  # noqa: N802 - Qt's name
        old = self.model()
        if old is not None:
            for signal in (old.modelReset, old.layoutChanged):
                signal.disconnect(self._lay_out_now)
        super().setModel(model)
        if model is not None:
            # After the view's own handlers (connected above), which only ask for a later layout.
            for signal in (model.modelReset, model.layoutChanged):
                signal.connect(self._lay_out_now)

    def _lay_out_now(self, *_args) -> None:
        if self.isVisible():
            self.doItemsLayout()  # the scroll bars, then one paint in the final viewport

    def dataChanged(self, top_left: QModelIndex, bottom_right: QModelIndex, roles=()) -> None:  # noqa: N802 - Qt's
        # One cell, a screen reader listening (it is told of every change), an odd range: Qt's own.
        # The list opens no editors (no edit triggers; its buttons are painted), so there is no
        # editor data to bring up to date, the other thing Qt does here.
        if top_left == bottom_right or not top_left.isValid() or not bottom_right.isValid() or QAccessible.isActive():
            super().dataChanged(top_left, bottom_right, roles)
            return
        area = self.changed_area(top_left, bottom_right)
        if not area.isEmpty():
            self.viewport().update(area)

    def changed_area(self, top_left: QModelIndex, bottom_right: QModelIndex) -> QRect:
        """The part of the viewport showing cells of the range (empty: none on screen)."""
        if not self.isVisible():
            return QRect()  # painted in full when shown
        height = self.viewport().height()
        first = self.rowAt(0)
        if first < 0:
            return QRect()
        last = self.rowAt(height - 1)
        if last < 0:  # the rows end above the bottom edge
            last = self.model().rowCount() - 1
        top, bottom = max(top_left.row(), first), min(bottom_right.row(), last)
        if top > bottom:
            return QRect()
        # Columns may be moved or hidden: the horizontal extent of those in the range.
        spans = [(self.columnViewportPosition(c), self.columnWidth(c))
                 for c in range(top_left.column(), bottom_right.column() + 1) if not self.isColumnHidden(c)]
        if not spans:
            return QRect()
        left = min(x for x, _ in spans)
        right = max(x + w for x, w in spans)
        y = self.rowViewportPosition(top)
        return QRect(left, y, right - left, self.rowViewportPosition(bottom) + self.rowHeight(bottom) - y)
