"""The instance table: every guest of every connected cluster, filtered and sorted in place.

Why no QSortFilterProxyModel: with thousands of guests, a proxy calls the Python
`filterAcceptsRow`/`lessThan` from C++ once per row (and per comparison) on every
filter change or source layout change, and a re-sort on each poll. This model keeps
the visible rows itself:

- `_all` holds every guest by key `(cluster, vmid)`; `_rows` the visible keys in order.
- A poll (`apply(delta)`) arrives already diffed by the worker. Changed rows that stay in
  place emit `dataChanged` for their row only; a few inserts/removals/moves use the
  precise row signals; many at once become one `layoutChanged` with persistent indexes
  remapped. Never a reset after the first load, so selection, current index, scroll
  position and open editors survive.
- Filtering uses a precomputed lower-case search string per guest; sorting uses a cached
  sort key per guest for the current column (Timsort on a nearly sorted list is ~linear).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from typing import Callable, Iterable

from PySide6.QtCore import QAbstractTableModel, QMetaObject, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QBrush, QColor

from .. import icons
from ..pve import parse
from ..pve.entities import LXC, PAUSED, RUNNING, STOPPED, SUSPENDED, UNKNOWN, Instance

(COL_VMID, COL_NAME, COL_TYPE, COL_STATUS, COL_NODE, COL_CPU, COL_MEM, COL_DISK, COL_UPTIME,
 COL_TAGS, COL_LOCK, COL_CLUSTER, COL_ACTIONS) = range(13)
COLUMN_COUNT = 13

InstanceRole = Qt.ItemDataRole.UserRole + 1  # the Instance of the row
KeyRole = Qt.ItemDataRole.UserRole + 2  # (cluster, vmid)
UsageRole = Qt.ItemDataRole.UserRole + 3  # 0..1 fraction for the CPU and memory bars, or None

# Structural changes up to this many rows use the precise row signals; more become one
# layout change (thousands of single-row signals cost more than one relayout).
PRECISE_LIMIT = 32

Key = tuple[str, int]

_DISPLAY = Qt.ItemDataRole.DisplayRole
_DECORATION = Qt.ItemDataRole.DecorationRole
_ALIGN = Qt.ItemDataRole.TextAlignmentRole
_FOREGROUND = Qt.ItemDataRole.ForegroundRole
_UNUSED_ROLES = frozenset({Qt.ItemDataRole.FontRole, Qt.ItemDataRole.BackgroundRole,
                           Qt.ItemDataRole.CheckStateRole, Qt.ItemDataRole.SizeHintRole})
_NUMERIC = frozenset({COL_VMID, COL_CPU, COL_MEM, COL_DISK, COL_UPTIME})
_RIGHT = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)

_STATUS_ORDER = {RUNNING: 0, PAUSED: 1, SUSPENDED: 1, STOPPED: 2, UNKNOWN: 3}


def status_group(inst: Instance) -> str:
    """The status filter buckets: running, paused (incl. suspended), stopped, unknown."""
    if inst.status == SUSPENDED:
        return PAUSED
    return inst.status if inst.status in _STATUS_ORDER else UNKNOWN


def _natural(text: str) -> tuple:
    """'web10' sorts after 'web2'. Strings at even, numbers at odd positions: always comparable."""
    parts = re.split(r"(\d+)", text.lower())
    return tuple(int(p) if i % 2 else p for i, p in enumerate(parts))


def _usage(inst: Instance) -> float:
    return inst.cpu


_SORT_KEYS: dict[int, Callable[[Instance], object]] = {
    COL_VMID: lambda i: i.vmid,
    COL_NAME: lambda i: _natural(i.name),
    COL_TYPE: lambda i: (i.type, i.template),
    COL_STATUS: lambda i: _STATUS_ORDER.get(status_group(i), 9),
    COL_NODE: lambda i: _natural(i.node),
    COL_CPU: lambda i: (i.cpu * i.maxcpu if i.status == RUNNING else -1.0, i.maxcpu),
    COL_MEM: lambda i: (i.mem if i.status == RUNNING else -1, i.maxmem),
    COL_DISK: lambda i: i.maxdisk,
    COL_UPTIME: lambda i: i.uptime,
    COL_TAGS: lambda i: i.tags,
    COL_LOCK: lambda i: i.lock,
    COL_CLUSTER: lambda i: _natural(i.cluster),
    COL_ACTIONS: lambda i: i.vmid,
}


@dataclass(frozen=True)
class InstanceFilter:
    """What the user narrowed the list to. Empty sets mean "all"."""

    text: str = ""
    nodes: frozenset[str] = field(default_factory=frozenset)
    types: frozenset[str] = field(default_factory=frozenset)  # qemu, lxc
    statuses: frozenset[str] = field(default_factory=frozenset)  # status_group values
    clusters: frozenset[str] = field(default_factory=frozenset)

    def tokens(self) -> tuple[str, ...]:
        return tuple(self.text.lower().split())

    def accepts(self, inst: Instance, haystack: str, tokens: tuple[str, ...]) -> bool:
        if self.nodes and inst.node not in self.nodes:
            return False
        if self.types and inst.type not in self.types:
            return False
        if self.statuses and status_group(inst) not in self.statuses:
            return False
        if self.clusters and inst.cluster not in self.clusters:
            return False
        return all(t in haystack for t in tokens)


def _haystack(inst: Instance) -> str:
    """What the search box matches: VMID, name and tags, lower case, computed once per change."""
    return "{0} {1} {2}".format(inst.vmid, inst.name.lower(), " ".join(inst.tags).lower())


class InstanceModel(QAbstractTableModel):
    """All guests of all clusters; the rows are the filtered, sorted view of them."""

    counts_changed = Signal()  # totals by status changed (for the "12 running / 25" label)

    def __init__(self, parent=None):
        super().__init__(parent)
        self._all: dict[Key, Instance] = {}
        self._hay: dict[Key, str] = {}
        self._rows: list[Key] = []
        self._pos: dict[Key, int] = {}
        self._filter = InstanceFilter()
        self._tokens: tuple[str, ...] = ()
        self._sort_column = COL_VMID
        self._sort_order = Qt.SortOrder.AscendingOrder
        self._sk: dict[Key, tuple] = {}
        self._headers = self._make_headers()
        self._status_text = self._make_status_text()
        self._stale_brush = QBrush(QColor(128, 128, 128))

    # ------------------------------------------------------------ texts

    def _make_headers(self) -> list[str]:
        return [self.tr("ID"), self.tr("Name"), self.tr("Type"), self.tr("Status"), self.tr("Node"),
                self.tr("CPU"), self.tr("Memory"), self.tr("Disk"), self.tr("Uptime"), self.tr("Tags"),
                self.tr("Lock"), self.tr("Cluster"), self.tr("Actions")]

    def _make_status_text(self) -> dict[str, str]:
        return {RUNNING: self.tr("Running"), STOPPED: self.tr("Stopped"), PAUSED: self.tr("Paused"),
                SUSPENDED: self.tr("Hibernated"), UNKNOWN: self.tr("Unknown")}

    def status_text(self, inst: Instance) -> str:
        return self._status_text.get(inst.status, inst.status)

    def type_text(self, inst: Instance) -> str:
        if inst.type == LXC:
            return self.tr("CT template") if inst.template else self.tr("CT")
        return self.tr("VM template") if inst.template else self.tr("VM")

    def retranslate(self) -> None:
        self._headers = self._make_headers()
        self._status_text = self._make_status_text()
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, COLUMN_COUNT - 1)
        if self._rows:
            self.dataChanged.emit(self.index(0, 0), self.index(len(self._rows) - 1, COLUMN_COUNT - 1))

    # ------------------------------------------------------ Qt model API

    def rowCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else COLUMN_COUNT

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):
        if orientation == Qt.Orientation.Horizontal and 0 <= section < COLUMN_COUNT:
            if role == Qt.ItemDataRole.DisplayRole:
                return self._headers[section]
            if role == Qt.ItemDataRole.TextAlignmentRole and section in _NUMERIC:
                return _RIGHT
        return None

    def flags(self, index):
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemNeverHasChildren

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        # Called for every visible cell and role on each repaint: cheap exits first.
        if role in _UNUSED_ROLES or not index.isValid():
            return None
        row = index.row()
        if not 0 <= row < len(self._rows):
            return None
        inst = self._all[self._rows[row]]
        col = index.column()
        if role == _DISPLAY:
            return self._display(inst, col)
        if role == _DECORATION:
            if col == COL_STATUS:
                return icons.status_icon(inst.status)
            if col == COL_LOCK and inst.lock:
                return icons.lock_icon()
            return None
        if role == _ALIGN:
            return _RIGHT if col in _NUMERIC else None
        if role == _FOREGROUND:
            # Guests on an offline node: their figures are stale, show them greyed.
            return self._stale_brush if inst.status == UNKNOWN else None
        if role == InstanceRole:
            return inst
        if role == KeyRole:
            return inst.key
        if role == UsageRole:
            if inst.status != RUNNING:
                return None
            if col == COL_CPU:
                return min(1.0, max(0.0, inst.cpu))
            if col == COL_MEM and inst.maxmem:
                return min(1.0, inst.mem / inst.maxmem)
            return None
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tooltip(inst, col)
        if role == Qt.ItemDataRole.AccessibleTextRole:
            return self._display(inst, col) or self._headers[col]
        return None

    def _display(self, inst: Instance, col: int) -> str | None:
        if col == COL_VMID:
            return str(inst.vmid)
        if col == COL_NAME:
            return inst.name
        if col == COL_TYPE:
            return self.type_text(inst)
        if col == COL_STATUS:
            return self.status_text(inst)
        if col == COL_NODE:
            return inst.node
        if col == COL_CPU:
            cores = "{0:g}".format(inst.maxcpu)
            if inst.status != RUNNING:
                return self.tr("%1 vCPU").replace("%1", cores)
            return self.tr("%1 % of %2 vCPU").replace("%1", "{0:.1f}".format(inst.cpu * 100)).replace("%2", cores)
        if col == COL_MEM:
            if inst.status != RUNNING:
                return parse.human_bytes(inst.maxmem)
            return "{0} / {1}".format(parse.human_bytes(inst.mem), parse.human_bytes(inst.maxmem))
        if col == COL_DISK:
            return parse.human_bytes(inst.maxdisk) if inst.maxdisk else ""
        if col == COL_UPTIME:
            return parse.duration(inst.uptime) if inst.status == RUNNING and inst.uptime else ""
        if col == COL_TAGS:
            return ", ".join(inst.tags)
        if col == COL_LOCK:
            return inst.lock
        if col == COL_CLUSTER:
            return inst.cluster
        return ""

    def _tooltip(self, inst: Instance, col: int) -> str | None:
        if col == COL_LOCK and inst.lock:
            return self.tr("Locked by a running or interrupted job: %1. Most actions are blocked.").replace(
                "%1", inst.lock)
        if col == COL_STATUS and inst.status == UNKNOWN:
            return self.tr("The node is offline or not reachable: the state of this guest is unknown.")
        if col == COL_DISK:
            return self.tr("Allocated size of the first disk")
        return None

    # ------------------------------------------------------------ lookup

    def instance(self, row: int) -> Instance:
        return self._all[self._rows[row]]

    def row_of(self, key: Key) -> int:
        """The visible row of a guest, or -1."""
        return self._pos.get(key, -1)

    def get(self, key: Key) -> Instance | None:
        return self._all.get(key)

    def all_instances(self) -> Iterable[Instance]:
        return self._all.values()

    def counts(self) -> tuple[int, int, int, int]:
        """(running, total, visible running, visible): for the status line."""
        running = sum(1 for i in self._all.values() if i.status == RUNNING)
        visible_running = sum(1 for k in self._rows if self._all[k].status == RUNNING)
        return running, len(self._all), visible_running, len(self._rows)

    def nodes(self) -> list[str]:
        return sorted({i.node for i in self._all.values()}, key=_natural)

    # ----------------------------------------------------------- polling

    def apply(self, delta) -> None:
        """Bring the model up to date with one poll (`session.InstanceDelta`)."""
        if delta.full:
            # A (re)connect sends everything: whatever of this cluster it lacks is gone.
            fresh = {i.key for i in delta.changed}
            gone = tuple(k for k in self._all if k[0] == delta.cluster and k not in fresh)
            if not self._all:
                self._load(delta.changed)
                return
            delta = replace(delta, full=False, removed=gone)
        self._apply_changes(delta.changed, delta.removed)

    def remove_cluster(self, cluster: str) -> None:
        self._apply_changes((), tuple(k for k in self._all if k[0] == cluster))

    def _load(self, instances: Iterable[Instance]) -> None:
        self.beginResetModel()
        for inst in instances:
            self._all[inst.key] = inst
            self._hay[inst.key] = _haystack(inst)
        self._rebuild_sort_keys()
        self._rows = self._visible_sorted()
        self._reindex()
        self.endResetModel()
        self.counts_changed.emit()

    def _apply_changes(self, changed: Iterable[Instance], removed: Iterable[Key]) -> None:
        sort_key = _SORT_KEYS[self._sort_column]
        f, tokens = self._filter, self._tokens
        to_remove: list[Key] = []
        to_insert: list[Key] = []
        to_move: list[Key] = []
        updated: list[Key] = []
        for key in removed:
            if self._all.pop(key, None) is not None:
                self._hay.pop(key, None)
                self._sk.pop(key, None)
                if key in self._pos:
                    to_remove.append(key)
        for inst in changed:
            key = inst.key
            old = self._all.get(key)
            self._all[key] = inst
            if old is None or old.name != inst.name or old.tags != inst.tags:
                self._hay[key] = _haystack(inst)
            new_sk = (sort_key(inst), key)
            old_sk = self._sk.get(key)
            self._sk[key] = new_sk
            shown = key in self._pos
            show = f.accepts(inst, self._hay[key], tokens)
            if shown and not show:
                to_remove.append(key)
            elif show and not shown:
                to_insert.append(key)
            elif shown:
                (to_move if new_sk != old_sk else updated).append(key)
        if to_move or len(to_remove) + len(to_insert) > PRECISE_LIMIT:
            # Rows changing place (the sort column moved) or many rows coming and going:
            # one layout change. Timsort on the almost sorted list is close to linear.
            gone = set(to_remove)
            rows = [k for k in self._rows if k not in gone] + to_insert
            rows.sort(key=self._sk.__getitem__, reverse=self._sort_order == Qt.SortOrder.DescendingOrder)
            self._relayout(rows)
        else:
            self._precise(to_remove, to_insert)
        self._emit_data_changed(k for k in updated if k in self._pos)
        if to_move or to_remove or to_insert or updated or removed:
            self.counts_changed.emit()

    def _precise(self, to_remove: list[Key], to_insert: list[Key]) -> None:
        """Few rows come and go: the exact row signals (the rest of the list is still sorted)."""
        for key in to_remove:
            row = self._pos.pop(key)
            self.beginRemoveRows(QModelIndex(), row, row)
            del self._rows[row]
            self._reindex(row)
            self.endRemoveRows()
        for key in to_insert:
            row = self._slot(self._sk[key])
            self.beginInsertRows(QModelIndex(), row, row)
            self._rows.insert(row, key)
            self._reindex(row)
            self.endInsertRows()

    def _slot(self, sk: tuple) -> int:
        """Where a sort key belongs in `_rows` (binary search; honours the sort order)."""
        lo, hi = 0, len(self._rows)
        descending = self._sort_order == Qt.SortOrder.DescendingOrder
        while lo < hi:
            mid = (lo + hi) // 2
            other = self._sk[self._rows[mid]]
            if (other > sk) if descending else (other < sk):
                lo = mid + 1
            else:
                hi = mid
        return lo

    def _emit_data_changed(self, keys: Iterable[Key]) -> None:
        last = COLUMN_COUNT - 1
        for row in sorted(self._pos[k] for k in keys):
            self.dataChanged.emit(self.index(row, 0), self.index(row, last))

    # ---------------------------------------------------- filter & sort

    @property
    def filter(self) -> InstanceFilter:
        return self._filter

    def set_filter(self, flt: InstanceFilter) -> None:
        if flt == self._filter:
            return
        self._filter = flt
        self._tokens = flt.tokens()
        self._relayout(self._visible_sorted())
        self.counts_changed.emit()

    def sort(self, column: int, order=Qt.SortOrder.AscendingOrder) -> None:
        if not 0 <= column < COLUMN_COUNT:
            return
        self._sort_column, self._sort_order = column, order
        self._rebuild_sort_keys()
        rows = list(self._rows)
        rows.sort(key=self._sk.__getitem__, reverse=order == Qt.SortOrder.DescendingOrder)
        self._relayout(rows)

    @property
    def sort_column(self) -> int:
        return self._sort_column

    @property
    def sort_order(self):
        return self._sort_order

    def _rebuild_sort_keys(self) -> None:
        key_of = _SORT_KEYS[self._sort_column]
        self._sk = {k: (key_of(i), k) for k, i in self._all.items()}

    def _visible_sorted(self) -> list[Key]:
        f, tokens, hay = self._filter, self._tokens, self._hay
        rows = [k for k, i in self._all.items() if f.accepts(i, hay[k], tokens)]
        rows.sort(key=self._sk.__getitem__, reverse=self._sort_order == Qt.SortOrder.DescendingOrder)
        return rows

    def _relayout(self, rows: list[Key]) -> None:
        """Swap in a new row list as one layout change, keeping persistent indexes (selection)."""
        _emit(self, "layoutAboutToBeChanged")
        old_rows = self._rows
        persistent = self.persistentIndexList()
        self._rows = rows
        self._reindex()
        moved = []
        for idx in persistent:
            key = old_rows[idx.row()] if 0 <= idx.row() < len(old_rows) else None
            row = self._pos.get(key, -1) if key is not None else -1
            moved.append(self.index(row, idx.column()) if row >= 0 else QModelIndex())
        if persistent:
            self.changePersistentIndexList(persistent, moved)
        _emit(self, "layoutChanged")

    def _reindex(self, start: int = 0) -> None:
        """Row numbers of the visible keys from `start` on (callers drop removed keys first)."""
        if start == 0:
            self._pos = {k: r for r, k in enumerate(self._rows)}
            return
        pos, rows = self._pos, self._rows
        for r in range(start, len(rows)):
            pos[rows[r]] = r


def _emit(model: QAbstractTableModel, signal: str) -> None:
    """Emit a parameterless layout signal through the meta-object.

    PySide6 6.12's `layoutChanged.emit()` over-releases a Python bool (its default
    arguments) and the interpreter aborts later in garbage collection.
    """
    QMetaObject.invokeMethod(model, signal, Qt.ConnectionType.DirectConnection)


def persistent_keys(model: InstanceModel, indexes: Iterable[QModelIndex | QPersistentModelIndex]) -> list[Key]:
    """The guests behind a set of indexes (e.g. the selection), in row order, without duplicates."""
    seen: dict[Key, None] = {}
    for idx in sorted(indexes, key=lambda i: i.row()):
        if idx.isValid():
            seen.setdefault(model.instance(idx.row()).key, None)
    return list(seen)
