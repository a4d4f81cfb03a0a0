"""The list's Tags column: chips in the cluster's colours; a click on one filters by it."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QModelIndex, QPoint, Qt, Signal
from PySide6.QtWidgets import QStyle, QStyledItemDelegate, QToolTip

from ...models.instances import InstanceRole
from ...models.plain_text import literal_tooltip
from ...pve.tags import TagStyle
from .. import kit
from .chips import ChipPainter, ChipRow

_MARGIN = 4


class TagChipDelegate(QStyledItemDelegate):
    """Paints the row's tags from a cached `ChipRow`: one pixmap per distinct (cluster, tags)."""

    tag_clicked = Signal(str)

    def __init__(self, style_of: Callable[[str], TagStyle], parent=None):
        super().__init__(parent)
        self._style_of = style_of
        self._painter: ChipPainter | None = None

    def styles_changed(self) -> None:
        """A cluster's tag-style changed: paint again from its new colours."""
        if self._painter is not None:
            self._painter.clear()

    def _row(self, option, index: QModelIndex) -> ChipRow | None:
        inst = index.data(InstanceRole)
        if inst is None or not inst.tags:
            return None
        if self._painter is None:
            self._painter = ChipPainter(option.font)
        else:
            self._painter.set_font(option.font)
        widget = option.widget
        ratio = widget.devicePixelRatioF() if widget is not None else 1.0
        return self._painter.row(self._style_of(inst.cluster), inst.tags, option.rect.height(), ratio)

    def paint(self, painter, option, index) -> None:
        if option.state & QStyle.StateFlag.State_Selected:
            painter.fillRect(option.rect, option.palette.highlight())
        row = self._row(option, index)
        if row is None:
            return
        rect = option.rect
        painter.save()
        painter.setClipRect(rect)
        painter.drawPixmap(rect.x() + _MARGIN, rect.y(), row.pixmap)
        painter.restore()

    def sizeHint(self, option, index):
        hint = super().sizeHint(option, index)
        row = self._row(option, index)
        if row is not None:
            hint.setWidth(row.width + 2 * _MARGIN)
        return hint

    def tag_at(self, option, index: QModelIndex, pos: QPoint) -> str | None:
        row = self._row(option, index)
        if row is None:
            return None
        x = pos.x() - option.rect.x() - _MARGIN
        return next((tag for start, end, tag in row.spans if start <= x < end), None)

    def editorEvent(self, event, model, option, index) -> bool:
        if event.type() == QEvent.Type.MouseButtonRelease and event.button() == Qt.MouseButton.LeftButton:
            tag = self.tag_at(option, index, event.position().toPoint())
            if tag is not None:
                self.tag_clicked.emit(tag)
        return super().editorEvent(event, model, option, index)

    def helpEvent(self, event, view, option, index) -> bool:
        if event.type() == QEvent.Type.ToolTip:
            tag = self.tag_at(option, index, event.pos())
            inst = index.data(InstanceRole)
            if inst is not None and inst.tags:
                tip = kit.fmt(self.tr("%1 — click to show only guests with this tag"), tag) if tag else \
                    ", ".join(inst.tags)
                QToolTip.showText(event.globalPos(), literal_tooltip(tip), view)
                return True
        return super().helpEvent(event, view, option, index)
