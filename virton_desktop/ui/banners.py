"""Thin message bars above the list: one for errors the user should read, one per cluster problem."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton

_STYLES = {
    "error": "QFrame#{0} {{ background: #fdecea; border: 1px solid #e0a49c; border-radius: 4px; }}"
             " QLabel {{ color: #6b1d13; }}",
    "warning": "QFrame#{0} {{ background: #fff4e0; border: 1px solid #e6c27a; border-radius: 4px; }}"
               " QLabel {{ color: #5c3d00; }}",
}


class MessageBar(QFrame):
    """A dismissable bar; `show_message` replaces the text, newest first, and keeps a short history."""

    action_clicked = Signal()

    def __init__(self, name: str, kind: str = "error", parent=None):
        super().__init__(parent)
        self.setObjectName(name)
        self.setStyleSheet(_STYLES[kind].format(name))
        self.label = QLabel(self)
        self.label.setObjectName(name + "Text")
        self.label.setWordWrap(True)
        self.label.setTextFormat(Qt.TextFormat.PlainText)  # errors carry the server's words
        self.label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.action = QPushButton(self)
        self.action.setObjectName(name + "Action")
        self.action.hide()
        self.action.clicked.connect(self.action_clicked)
        self.close_button = QPushButton(self.tr("Dismiss"), self)
        self.close_button.setObjectName(name + "Dismiss")
        self.close_button.setAccessibleName(self.tr("Dismiss message"))
        self.close_button.clicked.connect(self.dismiss)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(10, 6, 6, 6)
        layout.addWidget(self.label, 1)
        layout.addWidget(self.action)
        layout.addWidget(self.close_button)
        self.history: list[str] = []
        self.hide()

    def show_message(self, text: str, action_text: str = "") -> None:
        self.history.insert(0, text)
        del self.history[20:]
        self.label.setText(text)
        self.label.setAccessibleName(text)
        self.action.setText(action_text)
        self.action.setAccessibleName(action_text)
        self.action.setVisible(bool(action_text))
        self.show()

    def dismiss(self) -> None:
        self.hide()
