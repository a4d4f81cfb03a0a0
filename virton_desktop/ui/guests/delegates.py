"""Item delegates of the instance table: the row's action button.

(CPU and memory usage is a pixmap gauge from the model (DecorationRole): a Python
delegate per cell cost more than the rest of a repaint.)
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QModelIndex, QPoint, QRect, Qt, Signal
from PySide6.QtGui import QPainter
from PySide6.QtWidgets import QApplication, QStyle, QStyledItemDelegate, QStyleOptionButton, QStyleOptionViewItem


class ActionButtonDelegate(QStyledItemDelegate):
    """Paints a small menu button in the cell; a click on it asks for the row's action menu."""

    menu_requested = Signal(QModelIndex, QPoint)  # index, global position under the button

    def __init__(self, text: str, parent=None):
        super().__init__(parent)
        self.text = text

    def _button_rect(self, cell: QRect) -> QRect:
        height = min(cell.height() - 4, 22)
        width = min(cell.width() - 6, 64)
        return QRect(cell.center().x() - width // 2, cell.center().y() - height // 2, width, height)

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: QModelIndex) -> None:
        if option.state & QStyle.StateFlag.State_Selected:
            painter.fillRect(option.rect, option.palette.highlight())
        button = QStyleOptionButton()
        button.rect = self._button_rect(option.rect)
        button.text = self.text
        button.state = QStyle.StateFlag.State_Enabled | QStyle.StateFlag.State_Raised
        style = option.widget.style() if option.widget else QApplication.style()
        style.drawControl(QStyle.ControlElement.CE_PushButton, button, painter, option.widget)

    def sizeHint(self, option, index):
        hint = super().sizeHint(option, index)
        hint.setWidth(max(hint.width(), 72))
        return hint

    def editorEvent(self, event, model, option, index) -> bool:
        if event.type() == QEvent.Type.MouseButtonRelease and event.button() == Qt.MouseButton.LeftButton:
            rect = self._button_rect(option.rect)
            if rect.contains(event.position().toPoint()):
                widget = option.widget
                pos = widget.viewport().mapToGlobal(rect.bottomLeft()) if widget else event.globalPosition().toPoint()
                self.menu_requested.emit(index, pos)
                return True
        return super().editorEvent(event, model, option, index)
