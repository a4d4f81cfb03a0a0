"""Thin message bars above the list: one for errors the user should read, one per cluster problem."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton

from . import style
from .theme import Theme


class MessageBar(QFrame):
    """A dismissable bar; `show_message` replaces the text, newest first, and keeps a short history."""

    action_clicked = Signal()

    def __init__(self, name: str, kind: str = "error", parent=None):
        super().__init__(parent)
        self.setObjectName(name)
        self.tone = style.Tone.ERROR if kind == "error" else style.Tone.WARNING
        self._apply_colours()
        Theme.of().changed.connect(self._apply_colours)  # View > Theme, or the system's scheme
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

    def _apply_colours(self, _dark: bool = False) -> None:
        background, border, text = style.banner_colors(self.tone)
        self.setStyleSheet("QFrame#{0} {{ background: {1}; border: 1px solid {2}; border-radius: 4px; }}"
                           " QLabel {{ color: {3}; }}".format(self.objectName(), background, border, text))

    def dismiss(self) -> None:
        self.hide()
