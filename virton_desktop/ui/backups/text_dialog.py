"""TextDialog: several lines of text to edit and save (a backup's notes, a snapshot's description)."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QDialog, QPlainTextEdit, QVBoxLayout

from .. import kit


class TextDialog(QDialog):
    """`name` is the stem of the object names: `<name>Dialog`, `<name>Editor`, `<name>Ok`, `<name>Cancel`."""

    def __init__(self, title: str, text: str, name: str, parent=None, *, height: int = 220):
        super().__init__(parent)
        self.setObjectName(name + "Dialog")
        self.setWindowTitle(title)
        self.editor = kit.named(QPlainTextEdit(self), name + "Editor")
        self.editor.setPlainText(text)
        # A literal context: `self.tr` would look the texts up under each subclass's name.
        buttons, _ok = kit.ok_cancel(self, QCoreApplication.translate("TextDialog", "Save"), name + "Ok",
                                     name + "Cancel", cancel_text=QCoreApplication.translate("TextDialog", "Cancel"))
        layout = QVBoxLayout(self)
        layout.addWidget(self.editor)
        layout.addWidget(buttons)
        self.resize(420, height)

    def text(self) -> str:
        return self.editor.toPlainText().strip()
