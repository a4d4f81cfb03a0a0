"""The boxes of the guest page: a label/value form and a table, both keyed by stable row ids.

They show what they are given (rich text) and know nothing of guests: `GuestTexts` words the
rows of `pve.guest_view`, the page hands them over. `text(id)` / `row(id)` give the plain
text of a row, for accessibility and tests.
"""

from __future__ import annotations

import html

from PySide6.QtCore import Qt
from PySide6.QtGui import QTextDocument
from PySide6.QtWidgets import QGridLayout, QGroupBox, QLabel, QSizePolicy

from .. import style


def esc(text: object) -> str:
    return html.escape(str(text), quote=False)


def plain(rich: str) -> str:
    doc = QTextDocument()
    doc.setHtml(rich)
    return doc.toPlainText()


def _clear(grid: QGridLayout) -> None:
    while grid.count():
        item = grid.takeAt(0)
        if item.widget():
            item.widget().deleteLater()


class _Section(QGroupBox):
    """A titled, named box around a grid."""

    def __init__(self, title: str, name: str, parent=None):
        super().__init__(title, parent)
        self.setObjectName(name)
        self.setAccessibleName(title)
        self.grid = QGridLayout(self)
        self.grid.setHorizontalSpacing(18)
        self.grid.setVerticalSpacing(6)


class FormSection(_Section):
    """A titled label/value grid; values update in place while the rows stay the same."""

    def __init__(self, title: str, name: str, parent=None):
        super().__init__(title, name, parent)
        self.grid.setColumnStretch(1, 1)
        self._shown: list[tuple[str, str]] = []  # (id, label) of the rows built
        self.values: dict[str, QLabel] = {}  # row id -> value widget

    def set_rows(self, rows: list[tuple[str, str, str]]) -> None:
        """rows: (id, label, value as rich text)."""
        shown = [(row_id, label) for row_id, label, _value in rows]
        if shown != self._shown:
            _clear(self.grid)
            self.values = {}
            for i, (row_id, label) in enumerate(shown):
                key = QLabel(label, self)
                key.setObjectName("label")
                key.setStyleSheet("color: palette(placeholder-text);")
                key.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
                val = QLabel(self)
                val.setObjectName("value-" + row_id)
                val.setTextFormat(Qt.TextFormat.RichText)
                val.setWordWrap(True)
                val.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
                val.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
                self.grid.addWidget(key, i, 0)
                self.grid.addWidget(val, i, 1)
                self.values[row_id] = val
            self._shown = shown
            self.grid.setRowStretch(len(rows), 1)  # rows stay at the top when the box is taller
        for row_id, _label, value in rows:
            if self.values[row_id].text() != value:
                self.values[row_id].setText(value)

    def text(self, row_id: str) -> str:
        """The plain text of a row's value."""
        return plain(self.values[row_id].text())


class TableSection(_Section):
    """A titled grid with a header row (network interfaces, disks) and an empty-state line."""

    def __init__(self, title: str, name: str, empty: str, parent=None):
        super().__init__(title, name, parent)
        self.empty_text = empty
        self.rows: list[list[str]] = []  # plain cell texts, in order
        self.ids: list[str] = []  # the row ids, in the same order

    def set_table(self, headers: list[str], rows: list[tuple[str, list[str], str]]) -> None:
        """rows: (id, cells as rich text, note) - the note, if any, is shown in the pending colour."""
        _clear(self.grid)
        self.rows, self.ids = [], []
        if not rows:
            empty = QLabel(self.empty_text, self)
            empty.setObjectName("emptyState")
            empty.setStyleSheet("color: palette(placeholder-text);")
            self.grid.addWidget(empty, 0, 0)
            return
        for col, text in enumerate(headers):
            head = QLabel(text, self)
            head.setStyleSheet("color: palette(placeholder-text); font-weight: bold;")
            self.grid.addWidget(head, 0, col)
        for r, (row_id, cells, note) in enumerate(rows, start=1):
            texts = []
            for col, cell in enumerate(cells):
                label = QLabel(self)
                label.setTextFormat(Qt.TextFormat.RichText)
                label.setText(cell)
                label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
                self.grid.addWidget(label, r, col)
                texts.append(plain(cell))
            if note:
                label = QLabel('<span style="color:{0}">● {1}</span>'.format(
                    style.css(style.Tone.PENDING, self.palette()), esc(note)), self)
                self.grid.addWidget(label, r, len(cells))
                texts.append(note)
            self.rows.append(texts)
            self.ids.append(row_id)
        # The last column takes the spare width, so the others stay close together.
        for col in range(len(headers) + 1):
            self.grid.setColumnStretch(col, 0)
        self.grid.setColumnStretch(len(headers), 1)

    def row(self, row_id: str) -> list[str]:
        """The plain cell texts of one row."""
        return self.rows[self.ids.index(row_id)]
