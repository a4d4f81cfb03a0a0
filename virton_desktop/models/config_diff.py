"""Two guest configs side by side, one key a row: key, left value, right value, what changed.

Changed rows are tinted with the warning tone, added with ok, removed with error (ui/style
Tone colours); identity differences (see pve/config_diff) are drawn muted and can be hidden.
"""

from __future__ import annotations

from PySide6.QtCore import QAbstractTableModel, QModelIndex, Qt
from PySide6.QtGui import QFont

from ..pve.config_diff import Change, KeyDiff
from ..ui import style
from .base import TableModel
from .plain_text import literal_tooltip

_TONE = {Change.CHANGED: style.Tone.WARNING, Change.ADDED: style.Tone.OK, Change.REMOVED: style.Tone.ERROR}


class ConfigDiffModel(TableModel, QAbstractTableModel):
    KEY, LEFT, RIGHT, PARTS = range(4)
    COLUMN_COUNT = 4

    def __init__(self, parent=None):
        super().__init__(parent)
        self._all: list[KeyDiff] = []
        self._rows: list[KeyDiff] = []
        self._left_title = ""
        self._right_title = ""
        self.only_differences = True
        self.hide_identity = False
        self._translate()

    def _header_texts(self):
        return [self.tr("Key"), self._left_title or self.tr("Left"), self._right_title or self.tr("Right"),
                self.tr("What changed")]

    def set_titles(self, left: str, right: str) -> None:
        self._left_title, self._right_title = left, right
        self._translate()
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, self.COLUMN_COUNT - 1)

    def set_diffs(self, diffs: list[KeyDiff]) -> None:
        self._all = list(diffs)
        self._refilter()

    def set_filters(self, only_differences: bool, hide_identity: bool) -> None:
        self.only_differences, self.hide_identity = only_differences, hide_identity
        self._refilter()

    def _refilter(self) -> None:
        self.beginResetModel()
        self._rows = [d for d in self._all
                      if not (self.only_differences and d.change is Change.SAME)
                      and not (self.hide_identity and d.identity)]
        self.endResetModel()

    def diff(self, row: int) -> KeyDiff | None:
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def keys(self) -> list[str]:
        return [d.key for d in self._rows]

    def parts_text(self, d: KeyDiff) -> str:
        """``bridge: vmbr0 → vmbr1; macaddr: … (identity)``; the whole change when not split."""
        if d.change is Change.SAME:
            return ""
        if d.change is Change.ADDED:
            return self.tr("only on the right")
        if d.change is Change.REMOVED:
            return self.tr("only on the left")
        out = []
        for p in d.changed_parts:
            text = "{0}: {1} → {2}".format(p.part, "—" if p.left is None else p.left,
                                           "—" if p.right is None else p.right)
            out.append(self.tr("%1 (identity)").replace("%1", text) if p.identity else text)
        if not out:
            return self.tr("identity") if d.identity else self.tr("changed")
        return "; ".join(out)

    def _display(self, d: KeyDiff, column: int):
        if column == self.KEY:
            return d.key
        if column == self.LEFT:
            return d.left or ""
        if column == self.RIGHT:
            return d.right or ""
        return self.parts_text(d)

    def _role_data(self, d: KeyDiff, column: int, role: int):
        if role == Qt.ItemDataRole.ForegroundRole:
            if d.identity:
                return style.muted()
            tone = _TONE.get(d.change)
            return style.color(tone) if tone is not None else None
        if role == Qt.ItemDataRole.FontRole and d.change is not Change.SAME and not d.identity and column == self.KEY:
            font = QFont()
            font.setBold(True)
            return font
        if role == Qt.ItemDataRole.ToolTipRole and column != self.KEY:
            return literal_tooltip(self._display(d, column))
        return None

    def index_of(self, key: str) -> QModelIndex:
        for row, d in enumerate(self._rows):
            if d.key == key:
                return self.index(row, 0)
        return QModelIndex()
