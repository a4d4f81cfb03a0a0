"""The snapshot tree of one guest: snapshots under their `parent`, and "NOW" where the guest is.

`set_snapshots(entries)` takes the list of GET .../snapshot (`Snapshot` entities or the raw
dictionaries). When the shape of the tree is unchanged (same names under the same parents),
only the changed rows get `dataChanged` (a new description, say), so the selection and the
expansion survive; a new, removed or moved snapshot rebuilds the tree (a reset: trees of a
handful of snapshots, and PVE itself re-lists them whole).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from PySide6.QtCore import QAbstractItemModel, QDateTime, QModelIndex, Qt
from PySide6.QtGui import QFont

from ..pve.backup import CURRENT, SnapNode, snapshot_tree
from ..pve.entities import Snapshot
from .base import Columns
from .plain_text import literal_tooltip

COL_NAME, COL_DATE, COL_RAM, COL_DESCRIPTION = range(4)
COLUMN_COUNT = 4

SnapshotRole = Qt.ItemDataRole.UserRole + 1  # the SnapNode
IsCurrentRole = Qt.ItemDataRole.UserRole + 2  # True for the NOW row
NameRole = Qt.ItemDataRole.UserRole + 3  # the snapshot's name ("current" for NOW)


class _Item:
    __slots__ = ("node", "parent", "children", "row")

    def __init__(self, node: SnapNode | None, parent: _Item | None, row: int):
        self.node = node
        self.parent = parent
        self.children: list[_Item] = []
        self.row = row


def _as_mapping(entry) -> Mapping:
    if isinstance(entry, Snapshot):
        return {"name": entry.name, "parent": entry.parent, "snaptime": entry.snaptime,
                "description": entry.description, "vmstate": int(entry.vmstate), "running": int(entry.running),
                "snapstate": entry.snapstate}
    return entry


class SnapshotModel(Columns, QAbstractItemModel):
    COLUMN_COUNT = COLUMN_COUNT

    def __init__(self, parent=None):
        super().__init__(parent)
        self._root = _Item(None, None, 0)
        self._by_name: dict[str, _Item] = {}
        self._shape: tuple = ()
        self._translate()

    def _header_texts(self) -> list[str]:
        return [self.tr("Name"), self.tr("Date"), self.tr("RAM"), self.tr("Description")]

    def _all_data_changed(self) -> None:
        """Every entry's row, one signal per parent (a dataChanged range must share its parent)."""
        for parent in [self._root, *self._by_name.values()]:
            if parent.children:
                first, last = parent.children[0], parent.children[-1]
                self.dataChanged.emit(self.createIndex(first.row, 0, first),
                                      self.createIndex(last.row, COLUMN_COUNT - 1, last))

    # ------------------------------------------------------------ updates

    def set_snapshots(self, entries: Iterable) -> None:
        roots = snapshot_tree(_as_mapping(e) for e in entries)
        shape = _shape(roots)
        if shape == self._shape and self._by_name:
            changed = []

            def walk(nodes):
                for n in nodes:
                    item = self._by_name[n.name]
                    if _own(item.node) != _own(n):  # the entry itself, not its subtree
                        changed.append(item)
                    item.node = n
                    walk(n.children)
            walk(roots)
            for item in changed:
                self.dataChanged.emit(self.createIndex(item.row, 0, item),
                                      self.createIndex(item.row, COLUMN_COUNT - 1, item))
            return
        self.beginResetModel()
        self._root = _Item(None, None, 0)
        self._by_name = {}

        def build(parent: _Item, nodes):
            for i, n in enumerate(nodes):
                item = _Item(n, parent, i)
                parent.children.append(item)
                self._by_name[n.name] = item
                build(item, n.children)
        build(self._root, roots)
        self._shape = shape
        self.endResetModel()

    def clear(self) -> None:
        self.set_snapshots(())

    # ------------------------------------------------------------ lookup

    def index_of(self, name: str, column: int = 0) -> QModelIndex:
        item = self._by_name.get(name)
        return self.createIndex(item.row, column, item) if item is not None else QModelIndex()

    def node(self, index: QModelIndex) -> SnapNode | None:
        return index.internalPointer().node if index.isValid() else None

    def names(self) -> list[str]:
        """Every entry's name, depth first (NOW is "current")."""
        return list(self._by_name)

    def current_parent(self) -> str:
        """The snapshot the guest is on now ('' when there is none)."""
        item = self._by_name.get(CURRENT)
        return item.parent.node.name if item is not None and item.parent is not self._root else ""

    def snapshot_count(self) -> int:
        return len([n for n in self._by_name if n != CURRENT])

    # ------------------------------------------------------ Qt model API

    def index(self, row, column, parent=QModelIndex()):
        if not self.hasIndex(row, column, parent):
            return QModelIndex()
        item = parent.internalPointer() if parent.isValid() else self._root
        if 0 <= row < len(item.children):
            return self.createIndex(row, column, item.children[row])
        return QModelIndex()

    def parent(self, index=QModelIndex()):
        if not index.isValid():
            return QModelIndex()
        item: _Item = index.internalPointer()
        up = item.parent
        if up is None or up is self._root:
            return QModelIndex()
        return self.createIndex(up.row, 0, up)

    def rowCount(self, parent=QModelIndex()) -> int:
        if parent.isValid():
            if parent.column() != 0:
                return 0
            return len(parent.internalPointer().children)
        return len(self._root.children)

    def columnCount(self, parent=QModelIndex()) -> int:
        return COLUMN_COUNT

    def flags(self, index):
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

    def _item(self, index: QModelIndex) -> SnapNode | None:
        return self.node(index)

    def _role_data(self, n: SnapNode, col: int, role: int):
        if role == SnapshotRole:
            return n
        if role == IsCurrentRole:
            return n.is_current
        if role == NameRole:
            return n.name
        if role == Qt.ItemDataRole.FontRole and n.is_current:
            font = QFont()
            font.setBold(True)
            return font
        if role == Qt.ItemDataRole.ToolTipRole:
            if n.is_current:
                return self.tr("Where the guest is now: changes since the snapshot above are not saved in any "
                               "snapshot.")
            if col == COL_DESCRIPTION and n.description:
                return literal_tooltip(n.description)
        return None

    def _display(self, n: SnapNode, col: int) -> str:
        if col == COL_NAME:
            return self.tr("NOW") if n.is_current else n.name
        if col == COL_DATE:
            if n.snapstate:  # PVE's Date/Status column: the state instead of the date (SnapshotTree.js)
                return n.snapstate
            return QDateTime.fromSecsSinceEpoch(n.snaptime).toString("yyyy-MM-dd HH:mm:ss") if n.snaptime else ""
        if col == COL_RAM:  # as PVE's SnapshotTree.js: Yes / No, nothing for NOW
            return "" if n.is_current else self.tr("Yes") if n.vmstate else self.tr("No")
        if col == COL_DESCRIPTION:
            if n.is_current:
                text = self.tr("You are here (running)") if n.running else self.tr("You are here")
                if n.parent:
                    text += " \u2013 " + self.tr("changes since “%1” are not in a snapshot").replace("%1", n.parent)
                return text
            return n.description.replace("\n", " ")
        return ""


def _own(n: SnapNode) -> tuple:
    return (n.name, n.parent, n.snaptime, n.description, n.vmstate, n.is_current, n.running, n.snapstate)


def _shape(nodes) -> tuple:
    return tuple((n.name, _shape(n.children)) for n in nodes)
