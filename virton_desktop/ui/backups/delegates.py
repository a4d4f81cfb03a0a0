"""The Backups table's cell painters: a running job's progress bar with its Abort button, and
notes elided at their end."""

from __future__ import annotations

import time

from PySide6.QtCore import QEvent, QModelIndex, QRect, Qt, Signal
from PySide6.QtGui import QPainter, QPalette
from PySide6.QtWidgets import (
    QApplication,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionButton,
    QStyleOptionProgressBar,
    QStyleOptionViewItem,
)

from ...models.backups import RUNNING, ProgressRole, StatusRole


class ProgressDelegate(QStyledItemDelegate):
    """The Status cell: a progress bar with its text for running jobs (busy bar when there is no
    percentage), and a small Abort button; other rows paint as text."""

    abort_requested = Signal(QModelIndex)

    def __init__(self, abort_text: str, parent=None):
        super().__init__(parent)
        self.abort_text = abort_text

    def _button_rect(self, cell: QRect) -> QRect:
        height = min(cell.height() - 4, 22)
        width = 62
        return QRect(cell.right() - width - 3, cell.center().y() - height // 2, width, height)

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: QModelIndex) -> None:
        if index.data(StatusRole) != RUNNING:
            super().paint(painter, option, index)
            return
        widget = option.widget
        style = widget.style() if widget else QApplication.style()
        if option.state & QStyle.StateFlag.State_Selected:
            painter.fillRect(option.rect, option.palette.highlight())
        prog = index.data(ProgressRole)
        button_rect = self._button_rect(option.rect)
        bar = QStyleOptionProgressBar()
        bar.rect = QRect(option.rect.left() + 3, option.rect.top() + 3,
                         button_rect.left() - option.rect.left() - 8, option.rect.height() - 6)
        bar.minimum, bar.maximum = 0, 100
        model = index.model()
        busy = prog is None or prog.indeterminate
        # A busy bar: styles animate min == max == 0 only inside a real QProgressBar, so paint an
        # empty groove and slide a chunk across it with the clock (the view repaints it).
        bar.progress = 0 if busy else prog.percent
        text = model.progress_text(prog) if prog is not None and hasattr(model, "progress_text") else ""
        bar.text = text
        bar.textVisible = not busy
        bar.textAlignment = Qt.AlignmentFlag.AlignCenter
        bar.state = QStyle.StateFlag.State_Enabled | QStyle.StateFlag.State_Horizontal
        bar.palette = option.palette
        style.drawControl(QStyle.ControlElement.CE_ProgressBar, bar, painter, widget)
        if busy:
            span = max(10, bar.rect.width() // 4)
            pos = int((time.monotonic() * 120) % (bar.rect.width() + span)) - span
            left = bar.rect.left() + 2 + max(0, pos)
            right = min(bar.rect.right() - 2, bar.rect.left() + 2 + pos + span)
            if right > left:
                color = option.palette.color(QPalette.ColorRole.Highlight)
                color.setAlpha(110)
                painter.fillRect(QRect(left, bar.rect.top() + 2, right - left, bar.rect.height() - 4), color)
            painter.save()
            painter.setPen(option.palette.color(QPalette.ColorRole.Text))
            painter.drawText(bar.rect, Qt.AlignmentFlag.AlignCenter, text)
            painter.restore()
        button = QStyleOptionButton()
        button.rect = button_rect
        button.text = self.abort_text
        button.state = QStyle.StateFlag.State_Enabled | QStyle.StateFlag.State_Raised
        style.drawControl(QStyle.ControlElement.CE_PushButton, button, painter, widget)

    def editorEvent(self, event, model, option, index) -> bool:
        if (event.type() == QEvent.Type.MouseButtonRelease and event.button() == Qt.MouseButton.LeftButton
                and index.data(StatusRole) == RUNNING
                and self._button_rect(option.rect).contains(event.position().toPoint())):
            self.abort_requested.emit(index)
            return True
        return super().editorEvent(event, model, option, index)


class ElideRightDelegate(QStyledItemDelegate):
    """Notes read from the start: elide them at the end (the table elides file names in the middle)."""

    def initStyleOption(self, option, index) -> None:
        super().initStyleOption(option, index)
        option.textElideMode = Qt.TextElideMode.ElideRight
