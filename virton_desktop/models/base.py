"""What the four table models share: translated headers, row flags, retranslation, change signals.

`Columns` is a mixin for any item model with a fixed set of columns (the snapshot tree too);
`TableModel` adds what a flat table of `rowCount()` rows needs. A model names its columns in
`COLUMN_COUNT` and `RIGHT_ALIGNED` and writes its header texts in `_header_texts()` with its own
`self.tr()` calls: the texts keep the model's class as translation context.

The generic `data()` serves every role of a cell from two hooks, `_item(index)` and
`_display(item, column)`, plus `_role_data(item, column, role)` for the rest. The instance
model, whose `data()` runs for every visible cell on each repaint, writes its own.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Sequence

from PySide6.QtCore import QAbstractItemModel, QMetaObject, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QColor, QGuiApplication, QPalette

from ..ui import style

DISPLAY = Qt.ItemDataRole.DisplayRole
ALIGNMENT = Qt.ItemDataRole.TextAlignmentRole
ACCESSIBLE = Qt.ItemDataRole.AccessibleTextRole
ALIGN_RIGHT = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
# What QAbstractTableModel.flags gives every cell of a TableModel (enabled, selectable rows).
ROW_FLAGS = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemNeverHasChildren


def failed_color(palette: QPalette | None = None) -> QColor:
    """A red that reads well on the palette's base colour (dark or light theme): failed rows."""
    if palette is None:
        palette = QGuiApplication.palette()
    return style.error(palette)


def emit_layout_signal(model: QAbstractItemModel, signal: str) -> None:
    """Emit a parameterless layout signal ("layoutAboutToBeChanged", "layoutChanged") through the
    meta-object: PySide6 6.12's `layoutChanged.emit()` over-releases a Python bool (its default
    arguments) and the interpreter aborts later in garbage collection."""
    QMetaObject.invokeMethod(model, signal, Qt.ConnectionType.DirectConnection)


class Columns:
    """Mixin for a model with fixed columns: headers, retranslation and the generic `data()`.

    Mix it in before the Qt model class. The model calls `_translate()` in its `__init__`.
    """

    COLUMN_COUNT = 0
    RIGHT_ALIGNED: frozenset[int] = frozenset()  # numeric columns, header and cells

    _headers: Sequence[str]

    def _header_texts(self) -> Sequence[str]:
        """The header of each column, translated (`self.tr` in the model's own class)."""
        raise NotImplementedError

    def _translate(self) -> None:
        """(Re)make every translated text the model keeps: the headers, and in a model that caches
        more texts (extends this), those."""
        self._headers = self._header_texts()

    def retranslate(self) -> None:
        """The language changed: new header texts, and every cell repainted."""
        self._translate()
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, self.COLUMN_COUNT - 1)
        self._all_data_changed()

    def _all_data_changed(self) -> None:
        raise NotImplementedError

    def headerData(self, section, orientation, role=DISPLAY):
        if orientation == Qt.Orientation.Horizontal and 0 <= section < self.COLUMN_COUNT:
            if role == DISPLAY:
                return self._headers[section]
            if role == ALIGNMENT and section in self.RIGHT_ALIGNED:
                return ALIGN_RIGHT
        return None

    # -------------------------------------------------- the generic data()

    def _item(self, index: QModelIndex):
        """What the row of a valid index shows, or None for an index that is not one of ours."""
        raise NotImplementedError

    def _display(self, item, column: int) -> str | None:
        raise NotImplementedError

    def _role_data(self, item, column: int, role: int):
        """Any role but display, accessible text and alignment; None when the model has nothing."""
        return None

    def data(self, index, role=DISPLAY):
        item = self._item(index)
        if item is None:
            return None
        column = index.column()
        if role == DISPLAY:
            return self._display(item, column)
        if role == ACCESSIBLE:  # a screen reader says the header for an empty cell
            return self._display(item, column) or self._headers[column]
        if role == ALIGNMENT and column in self.RIGHT_ALIGNED:
            return ALIGN_RIGHT
        return self._role_data(item, column, role)


class SortsItself:
    """Mixin for a model that sorts its rows itself (no proxy): the column and order it sorts by,
    which the view's header shows. The model sets `_sort_column` and `_sort_order`."""

    _sort_column: int
    _sort_order: Qt.SortOrder

    @property
    def sort_column(self) -> int:
        return self._sort_column

    @property
    def sort_order(self) -> Qt.SortOrder:
        return self._sort_order

    @property
    def _descending(self) -> bool:
        return self._sort_order == Qt.SortOrder.DescendingOrder


class TableModel(Columns):
    """Mixin for a flat table whose visible rows are the list `self._rows` (one entry a row):
    row and column counts, row flags, change signals, relayout. Mix it in before QAbstractTableModel.

    `rowCount` and `columnCount` run for every cell a view paints (`index()` asks them): they
    read the list and the class constant, no further call. `flags` is QAbstractTableModel's own
    (`ROW_FLAGS` for a cell, none for the root): the view asks it for every painted cell too, and
    a Python override made each ask a call into Python.
    """

    _rows: list

    def rowCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else self.COLUMN_COUNT

    def _item(self, index: QModelIndex):
        """The `_rows` entry of the index's row (None for an invalid index: its row is -1)."""
        row = index.row()
        return self._rows[row] if 0 <= row < len(self._rows) else None

    # ------------------------------------------------------ change signals

    def _rows_changed(self, first: int, last: int, roles: Sequence[int] = ()) -> None:
        """Rows `first`..`last`, every column."""
        self.dataChanged.emit(self.index(first, 0), self.index(last, self.COLUMN_COUNT - 1), list(roles))

    def _columns_changed(self, first: int, last: int, roles: Sequence[int] = ()) -> None:
        """Columns `first`..`last` of every row (nothing when the table is empty)."""
        if self._rows:
            self.dataChanged.emit(self.index(0, first), self.index(len(self._rows) - 1, last), list(roles))

    def _cell_changed(self, row: int, column: int, roles: Sequence[int] = ()) -> None:
        cell = self.index(row, column)
        self.dataChanged.emit(cell, cell, list(roles))

    def _all_data_changed(self, roles: Sequence[int] = ()) -> None:
        self._columns_changed(0, self.COLUMN_COUNT - 1, roles)

    # ------------------------------------------------------------ relayout

    def _begin_relayout(self) -> list[QPersistentModelIndex]:
        """Start a change of the row order: views save their state; returns the persistent indexes
        (selection, current index) to give to `_end_relayout`."""
        emit_layout_signal(self, "layoutAboutToBeChanged")
        return self.persistentIndexList()

    def _end_relayout(self, persistent: list[QPersistentModelIndex], old_keys: Sequence[Hashable],
                      row_of: Callable[[Hashable], int]) -> None:
        """Finish it once the new rows are in place: each persistent index follows its key to the
        row `row_of(key)` (-1: it left, the index becomes invalid). `old_keys`: the rows before."""
        moved = []
        for idx in persistent:
            key = old_keys[idx.row()] if 0 <= idx.row() < len(old_keys) else None
            row = -1 if key is None else row_of(key)
            moved.append(self.index(row, idx.column()) if row >= 0 else QModelIndex())
        if persistent:
            self.changePersistentIndexList(persistent, moved)
        emit_layout_signal(self, "layoutChanged")
