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
- Filtering (`instance_filter.py`) uses a precomputed lower-case search string per guest;
  sorting uses a cached sort key per guest for the current column (Timsort on a nearly
  sorted list is ~linear).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import replace
from itertools import groupby
from operator import attrgetter, itemgetter

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QBrush

from ..pve import entities as e
from ..pve import ha, parse
from ..pve.agent import AgentInfo
from ..pve.entities import HIBERNATED, LXC, PAUSED, RUNNING, STOPPED, SUSPENDED, UNKNOWN, Instance
from ..ui import style
from .agent_cells import AgentCells
from .base import SortsItself, TableModel
from .instance_cells import NUMERIC, ROLE_SLOT, SLOT_NONE, SLOT_OTHER, CellCache
from .instance_columns import (  # noqa: F401 - the columns are read from here too
    COL_ACTIONS,
    COL_CLUSTER,
    COL_CPU,
    COL_DISK,
    COL_HA,
    COL_IP,
    COL_LOCK,
    COL_MEM,
    COL_NAME,
    COL_NODE,
    COL_STATUS,
    COL_TAGS,
    COL_TYPE,
    COL_UPTIME,
    COL_VMID,
    COLUMN_COUNT,
    FIGURE_SORTS,
    SORT_KEYS,
    InstanceRole,
    KeyRole,
    UsageRole,
    natural,
)
from .instance_filter import InstanceFilter, Key, filter_keys, haystack
from .plain_text import literal_tooltip
from .row_index import FIGURES_DELAY_MS, RowIndex

# Structural changes up to this many rows use the precise row signals; more become one
# layout change (thousands of single-row signals cost more than one relayout).
PRECISE_LIMIT = 32

_DISPLAY = Qt.ItemDataRole.DisplayRole

# What _take_in_new reads of each guest, a column at a time.
_NODE, _STATUS, _HASTATE, _CLUSTER = attrgetter("node"), attrgetter("status"), attrgetter("hastate"), itemgetter(0)


class InstanceModel(CellCache, RowIndex, SortsItself, TableModel, QAbstractTableModel):
    """All guests of all clusters; the rows are the filtered, sorted view of them."""

    COLUMN_COUNT = COLUMN_COUNT
    RIGHT_ALIGNED = NUMERIC

    counts_changed = Signal()  # totals by status changed (for the "12 running / 25" label)
    nodes_changed = Signal()  # the set of nodes with guests changed (for the node filter)

    def __init__(self, parent=None):
        super().__init__(parent)
        self._all: dict[Key, Instance] = {}
        self._ha_nodes: dict[Key, str] = {}  # where the HA manager has an HA guest (set_ha_nodes)
        self._hay: dict[Key, str] = {}
        self._rows: list[Key] = []
        self._pos_cache: dict[Key, int] | None = {}  # row of each visible key; rebuilt when needed
        self._filter = InstanceFilter()
        self._tokens: tuple[str, ...] = ()
        self._sort_column = COL_VMID
        self._sort_order = Qt.SortOrder.AscendingOrder
        self._sk: dict[Key, tuple] = {}
        # Every key in sort order (visible or not), so a filter change needs no sort. Kept
        # lazily: polls that move, add or remove guests only mark it for the next filter.
        self._order: list[Key] = []
        self._order_new: list[Key] = []
        self._order_stale = False
        self._order_hay: list[str] | None = None  # search strings of _order, same order
        # Running totals, so the counts label costs nothing per poll.
        self._up: set[Key] = set()  # the running guests: a keystroke counts the visible ones in C
        self._ha: set[Key] = set()  # the HA-managed guests (`hastate` set): few, asked per cluster
        self._vis_running: int | None = 0  # None: count again when asked
        self._node_count: dict[str, int] = {}
        # Each cluster's guests (keys, in the order they came): a cluster's first list is added in bulk,
        # and what asks for one cluster's guests walks those, not every cluster's.
        self._keys_of: dict[str, dict[Key, None]] = {}
        self._cells: dict[Key, tuple] = {}  # the painted rows' cells (instance_cells.CellCache)
        self._translate()
        self._stale_brush = QBrush(style.stale())
        self._stale: set[str] = set()  # clusters whose last poll failed
        # What guests say about themselves (core/agent_feed.py), and the IP cell's (text,
        # tooltip, muted) computed once per answer: data() only looks it up.
        self._agents = AgentCells()

    # ------------------------------------------------------------ texts

    def _header_texts(self) -> list[str]:
        return [self.tr("ID"), self.tr("Name"), self.tr("Type"), self.tr("Status"), self.tr("Node"),
                self.tr("CPU"), self.tr("Memory"), self.tr("Disk"), self.tr("Uptime"), self.tr("Tags"),
                self.tr("Lock"), self.tr("Cluster"), self.tr("Actions"), self.tr("HA"),
                self.tr("IP address")]

    def _translate(self) -> None:
        super()._translate()
        # Texts used on every repaint: translated once, not per cell.
        self._cpu_idle_text = self.tr("%1 vCPU")
        self._cpu_busy_text = self.tr("%1 % of %2 vCPU")
        self._status_text = {
            RUNNING: self.tr("Running"), STOPPED: self.tr("Stopped"), PAUSED: self.tr("Paused"),
            UNKNOWN: self.tr("Unknown"), HIBERNATED: self.tr("Hibernated"), SUSPENDED: self.tr("Asleep (S3)"),
            e.PRELAUNCH: self.tr("Waiting to run (prelaunch)"), e.IO_ERROR: self.tr("Halted: disk I/O error"),
            e.INTERNAL_ERROR: self.tr("Halted: QEMU internal error"), e.GUEST_PANICKED: self.tr("Guest panicked"),
            e.SHUTDOWN: self.tr("Powered off, QEMU still running"), e.DEBUG: self.tr("Halted by a debugger"),
            e.WATCHDOG: self.tr("Halted by its watchdog"), e.INMIGRATE: self.tr("Receiving a migration"),
            e.POSTMIGRATE: self.tr("Halted after migration"), e.FINISH_MIGRATE: self.tr("Finishing a migration"),
            e.SAVE_VM: self.tr("Saving its state"), e.RESTORE_VM: self.tr("Restoring its state"),
            e.COLO: self.tr("Fault-tolerance sync (COLO)")}
        self._ha_text: dict[str, str] = {}  # hastate -> words, filled as states turn up
        self._ha_on_text = self.tr("%1 on %2")  # HA state, node
        self._cells = {}  # their texts were in the old language
        if hasattr(self, "_agents"):  # not yet in __init__'s first call
            self._agents.translate()

    def status_text(self, inst: Instance) -> str:
        """The state in words; an unforeseen QMP state is shown as PVE reports it."""
        return self._status_text.get(inst.shown_status, inst.status)

    def type_text(self, inst: Instance) -> str:
        if inst.type == LXC:
            return self.tr("CT template") if inst.template else self.tr("CT")
        return self.tr("VM template") if inst.template else self.tr("VM")

    # ------------------------------------------------------ Qt model API

    def columnCount(self, parent=QModelIndex()) -> int:
        # Asked by index() for every painted cell: the module constant is ~50 ns faster than
        # the base's class attribute (attribute lookups on a Qt object are slow).
        return 0 if parent.isValid() else COLUMN_COUNT

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        # The painted roles are a lookup in the row's cached cells (instance_cells.py), computed
        # when the row changed (the guest table paints from them directly: cell_delegate.py).
        slot = ROLE_SLOT.get(role, SLOT_OTHER)
        if slot == SLOT_NONE:
            return None
        row = index.row()  # -1 for an invalid index
        rows = self._rows
        if not 0 <= row < len(rows):
            return None
        key = rows[row]
        if slot != SLOT_OTHER:
            return self._cells_of(key)[slot][index.column()]
        inst = self._all[key]
        col = index.column()
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
            return literal_tooltip(self._tooltip(inst, col))
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
                return self._cpu_idle_text.replace("%1", cores)
            return self._cpu_busy_text.replace("%1", "{0:.1f}".format(inst.cpu * 100)).replace("%2", cores)
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
        if col == COL_HA:
            node = self._ha_nodes.get(inst.key) if inst.hastate else None
            text = self.ha_text(inst.hastate)
            return self._ha_on_text.replace("%1", text).replace("%2", node) if node else text
        if col == COL_IP:
            cell = self._agents.cells.get(inst.key)
            return cell[0] if cell is not None else ""
        return ""

    def ha_text(self, hastate: str) -> str:
        """The HA state in words (pve.ha), kept per state: asked on every repaint."""
        text = self._ha_text.get(hastate)
        if text is None:
            text = self._ha_text[hastate] = ha.state_text(hastate)
        return text

    def _tooltip(self, inst: Instance, col: int) -> str | None:
        if col == COL_LOCK and inst.lock:
            return self.tr("Locked by a running or interrupted job: %1. Most actions are blocked.").replace(
                "%1", inst.lock)
        if col == COL_STATUS and inst.status == UNKNOWN:
            return self.tr("The node is offline or not reachable: the state of this guest is unknown.")
        if col == COL_DISK:
            return self.tr("Allocated size of the first disk")
        if col == COL_IP:
            cell = self._agents.cells.get(inst.key)
            return cell[1] if cell is not None and cell[1] else None
        if col == COL_HA and inst.hastate:
            return self.tr("HA resource %1: %2").replace("%1", ha.sid(inst)).replace(
                "%2", ha.state_help(inst.hastate) or inst.hastate)
        return None

    # ------------------------------------------------------------ guest agent

    def agent(self, key: Key) -> AgentInfo | None:
        return self._agents.infos.get(key)

    def set_agent(self, key: Key, info: AgentInfo | None) -> None:
        """What the guest says about itself (None: nothing, e.g. it stopped): the IP cell, its
        tooltip and the search string change; the row appears or goes if the search is on it."""
        inst = self._all.get(key)
        if inst is None:
            return
        self._agents.set(key, info)
        hay = self._haystack(inst)
        if hay != self._hay.get(key):  # an answer that changes no address keeps the search's strings
            self._hay[key] = hay
            self._order_hay = None
        self._apply_changes((inst,), (), recheck=True)

    def _haystack(self, inst: Instance) -> str:
        return haystack(inst) + self._agents.search_text(inst.key)

    # ------------------------------------------------------------ lookup

    def instance(self, row: int) -> Instance:
        return self._all[self._rows[row]]

    def row_of(self, key: Key) -> int:
        """The visible row of a guest, or -1."""
        return self._pos.get(key, -1)

    def get(self, key: Key) -> Instance | None:
        return self._all.get(key)

    def get_many(self, keys: Iterable[Key]) -> list[Instance | None]:
        """`get` of each key, in one call (a poll names ~1,000 guests a cluster to the feeds)."""
        return list(map(self._all.get, keys))

    def all_instances(self) -> Iterable[Instance]:
        return self._all.values()

    def instances_of(self, cluster: str) -> list[Instance]:
        """One cluster's guests (without walking the other clusters' guests)."""
        all_ = self._all
        return [all_[key] for key in self._keys_of.get(cluster, ())]

    def has_guests(self, cluster: str) -> bool:
        return bool(self._keys_of.get(cluster))

    def counts(self) -> tuple[int, int, int, int]:
        """(running, total, visible running, visible): for the status line. Kept up to date, O(1)."""
        if self._vis_running is None:
            self._vis_running = self._count_running(self._rows)
        return len(self._up), len(self._all), self._vis_running, len(self._rows)

    def nodes(self) -> list[str]:
        return sorted(self._node_count, key=natural)

    def has_ha_guests(self, cluster: str) -> bool:
        """Whether a guest of `cluster` is HA-managed (no walk over every guest: core.ha_status
        asks per cluster every 15 s, and ten clusters of 2,000 walked 200,000 guests for it)."""
        return any(key[0] == cluster for key in self._ha)

    def _count_node(self, node: str, step: int) -> bool:
        """Adjust the guests-per-node count; True when a node appeared or disappeared."""
        n = self._node_count.get(node, 0) + step
        if n > 0:
            self._node_count[node] = n
            return n == 1 and step > 0
        self._node_count.pop(node, None)
        return True

    # ----------------------------------------------------------- polling

    def apply(self, delta) -> tuple[Key, ...]:
        """Bring the model up to date with one poll (`session.InstanceDelta`); the keys it removed."""
        if delta.full:
            if not self._all:
                self._load(delta.changed)
                return ()
            if not self._keys_of.get(delta.cluster):
                self._add_cluster(delta.changed)
                return ()
            # A reconnect sends everything: whatever of this cluster it lacks is gone.
            fresh = {i.key for i in delta.changed}
            gone = tuple(k for k in self._keys_of.get(delta.cluster, ()) if k not in fresh)
            delta = replace(delta, full=False, removed=gone)
        changed, figures = delta.changed, []
        if delta.figures_of and self._sort_column not in FIGURE_SORTS:
            changed = self._take_figures(delta, figures)
        self._apply_changes(changed, delta.removed, figures=figures)
        return delta.removed

    def _take_figures(self, delta, figures: list[Key]) -> list[Instance]:
        """Store the guests whose figures alone moved (the worker compared them with the
        Instance it gave before, `delta.figures_of`) where the model still holds that very
        Instance: their cells are made again, their shown rows go to `figures` for a repaint;
        place, counts, search text and filter verdict stay. ~0.4 us a guest against ~1 us to
        compare it here (a live poll of 10,000 guests changes ~6,000). The others are returned
        for the full path: a guest the model holds otherwise (the cached list shown before the
        first poll, a guest removed meanwhile), and the rest of the delta."""
        changed = delta.changed
        moved = len(delta.figures_of)
        all_, held, forget, pos, cluster = self._all, self._all.get, self._cells.pop, self._pos, delta.cluster
        rest: list[Instance] = []
        for inst, was in zip(changed[:moved], delta.figures_of, strict=True):
            key = (cluster, inst.vmid)
            if held(key) is not was:
                rest.append(inst)
                continue
            all_[key] = inst
            forget(key, None)
            if key in pos:
                figures.append(key)
        rest.extend(changed[moved:])
        return rest

    def set_ha_nodes(self, cluster: str, nodes: dict[int, str]) -> None:
        """The node the HA manager has each HA guest of `cluster` on (core.ha_status), for the HA column."""
        fresh = {(cluster, vmid): node for vmid, node in nodes.items()}
        old = {k: v for k, v in self._ha_nodes.items() if k[0] == cluster}
        if fresh == old:
            return
        for key in old:
            del self._ha_nodes[key]
        self._ha_nodes.update(fresh)
        for key in set(old) | set(fresh):
            self._cells.pop(key, None)
            row = self.row_of(key)
            if row >= 0:
                cell = self.index(row, COL_HA)
                self.dataChanged.emit(cell, cell, [_DISPLAY])

    def set_stale(self, cluster: str, stale: bool) -> None:
        """Grey a cluster's rows while it cannot be reached (the data is as old as its last poll)."""
        if (cluster in self._stale) == stale:
            return
        (self._stale.add if stale else self._stale.discard)(cluster)
        self._cells.clear()
        self._all_data_changed([Qt.ItemDataRole.ForegroundRole])

    def is_stale(self, cluster: str) -> bool:
        return cluster in self._stale

    def remove_cluster(self, cluster: str) -> None:
        self._stale.discard(cluster)
        self._ha_nodes = {k: v for k, v in self._ha_nodes.items() if k[0] != cluster}
        self._apply_changes((), tuple(self._keys_of.get(cluster, ())))
        self._keys_of.pop(cluster, None)

    def _load(self, instances: Iterable[Instance]) -> None:
        self.beginResetModel()
        self._cells.clear()
        self._take_in(instances, False)
        self._rebuild_order()
        self._rows = self._order[:] if self._filter.is_empty() else filter_keys(self._order, self._filter, self._all,
                                                                               self._hay)
        self._reindex()
        self._vis_running = None
        self.endResetModel()
        self.nodes_changed.emit()
        self.counts_changed.emit()

    def _add_cluster(self, instances: Iterable[Instance]) -> None:
        """A cluster's first list beside others (ten clusters connecting at start): taken in
        as a whole and merged into the order and the rows in one layout change, instead of
        guest by guest as a poll's changes (~3x the GUI-thread time for 2,000 guests)."""
        node_count = len(self._node_count)
        new = self._take_in(instances, True)
        every = self._filter.is_empty()
        if every:
            shown = new
        else:
            self._order_new += new  # into the full order when a filter next needs it (_ordered)
            shown = filter_keys(new, self._filter, self._all, self._hay)
        if shown:
            rows = self._rows + shown
            rows.sort(key=self._sk.__getitem__, reverse=self._descending)
            if every:
                # Every guest is shown: the sorted rows are the full order too. (Left for the first
                # filter to merge, ten clusters of 2,000 were sorted into it on the first keystroke:
                # that filter 5.4 -> 3.5 ms, no view.)
                self._order, self._order_new, self._order_stale, self._order_hay = rows[:], [], False, None
            self._relayout(rows)
        if len(self._node_count) != node_count:
            self.nodes_changed.emit()
        self.counts_changed.emit()

    def _take_in(self, instances: Iterable[Instance], keyed: bool) -> list[Key]:
        """Store guests new to the model with their search text, counts and (`keyed`) sort keys."""
        instances = list(instances)
        keys = [(inst.cluster, inst.vmid) for inst in instances]
        all_ = self._all
        if len(set(keys)) == len(keys) and all_.keys().isdisjoint(keys):
            return self._take_in_new(instances, keys, keyed)
        hay, nodes, up, ha, keys_of, sks = self._hay, self._node_count, self._up, self._ha, self._keys_of, self._sk
        search_text, sort_key = self._agents.search_text, SORT_KEYS[self._sort_column]
        known = bool(self._agents.infos)  # no guest's agent is known yet (the start): nothing to add
        kept: list[Key] = []
        for inst, key in zip(instances, keys, strict=True):
            if key in all_:  # listed twice (no PVE does): once is enough
                continue
            all_[key] = inst
            hay[key] = haystack(inst) + search_text(key) if known else haystack(inst)
            nodes[inst.node] = nodes.get(inst.node, 0) + 1
            keys_of.setdefault(inst.cluster, {})[key] = None
            if inst.status == RUNNING:
                up.add(key)
            if inst.hastate:
                ha.add(key)
            if keyed:
                sks[key] = (sort_key(inst), key)
            kept.append(key)
        return kept

    def _take_in_new(self, instances: list[Instance], keys: list[Key], keyed: bool) -> list[Key]:
        """`_take_in` of guests each new and listed once (every first list): stored a column at a
        time, the loops in C but for the search text and sort key of each (10,000 guests:
        ~20 -> ~10 ms of the GUI thread)."""
        self._all.update(zip(keys, instances, strict=True))
        texts = map(haystack, instances)
        if self._agents.infos:  # an agent known for a guest new to the model (it came back)
            texts = map(str.__add__, texts, map(self._agents.search_text, keys))
        self._hay.update(zip(keys, texts, strict=True))
        nodes = self._node_count
        for node, count in Counter(map(_NODE, instances)).items():
            nodes[node] = nodes.get(node, 0) + count
        for cluster, mine in groupby(keys, key=_CLUSTER):
            self._keys_of.setdefault(cluster, {}).update(dict.fromkeys(mine))
        self._up.update(key for key, status in zip(keys, map(_STATUS, instances), strict=True) if status == RUNNING)
        self._ha.update(key for key, hastate in zip(keys, map(_HASTATE, instances), strict=True) if hastate)
        if keyed:
            sort_keys = map(SORT_KEYS[self._sort_column], instances)
            self._sk.update(zip(keys, zip(sort_keys, keys, strict=True), strict=True))
        return keys

    def _count_running(self, keys: list[Key]) -> int:
        if keys is self._rows and len(keys) == len(self._all):
            return len(self._up)
        return sum(map(self._up.__contains__, keys))  # no Python call per row

    def _apply_changes(self, changed: Iterable[Instance], removed: Iterable[Key], recheck: bool = False,
                       figures: list[Key] | None = None) -> None:
        """`recheck`: the guests' search text changed beside them (set_agent): filter them again.
        `figures`: shown rows of which only the figures moved, already stored (_take_figures)."""
        sort_key = SORT_KEYS[self._sort_column]
        f, tokens, pos = self._filter, self._tokens, self._pos
        if self._vis_running is None:
            self._vis_running = self._count_running(self._rows)
        to_remove: list[Key] = []
        to_insert: list[Key] = []
        to_move: list[Key] = []
        updated: list[Key] = []
        if figures is None:  # rows where only the figures moved: their cells repainted, not the row
            figures = []
        nodes_changed = False
        counts_changed = False
        forget = self._cells.pop  # what the changed rows showed
        for key in removed:
            old = self._all.pop(key, None)
            if old is None:
                continue
            forget(key, None)
            self._hay.pop(key, None)
            self._agents.pop(key)
            self._sk.pop(key, None)
            self._order_stale = True
            counts_changed = True
            self._keys_of[key[0]].pop(key, None)
            nodes_changed |= self._count_node(old.node, -1)
            self._up.discard(key)
            self._ha.discard(key)
            if key in pos:
                to_remove.append(key)
                self._vis_running -= old.status == RUNNING
        all_, sks = self._all, self._sk
        for inst in changed:
            key = (inst.cluster, inst.vmid)
            old = all_.get(key)
            all_[key] = inst
            forget(key, None)
            if (not recheck and old is not None and old.status == inst.status and old.name == inst.name
                    and old.node == inst.node and old.tags == inst.tags and old.lock == inst.lock
                    and old.hastate == inst.hastate and old.pool == inst.pool and old.type == inst.type
                    and old.template == inst.template):
                # Only its figures moved (a live poll, nearly every guest): counts, search text
                # and filter verdict stay; only the sort key may move it.
                new_sk = (sort_key(inst), key)
                if new_sk != sks.get(key):
                    sks[key] = new_sk
                    self._order_stale = True
                    if key in pos:
                        to_move.append(key)
                elif key in pos:
                    figures.append(key)
                continue
            (self._ha.add if inst.hastate else self._ha.discard)(key)
            if old is None:
                self._order_new.append(key)
                self._keys_of.setdefault(key[0], {})[key] = None
                nodes_changed |= self._count_node(inst.node, 1)
            elif old.node != inst.node:  # migrated
                nodes_changed |= self._count_node(old.node, -1) | self._count_node(inst.node, 1)
            if old is None or old.name != inst.name or old.tags != inst.tags:
                self._hay[key] = self._haystack(inst)
                self._order_hay = None
            was_running = old is not None and old.status == RUNNING
            is_running = inst.status == RUNNING
            if was_running != is_running:
                (self._up.add if is_running else self._up.discard)(key)
                counts_changed = True
            new_sk = (sort_key(inst), key)
            old_sk = self._sk.get(key)
            self._sk[key] = new_sk
            if old_sk is not None and new_sk != old_sk:
                self._order_stale = True
            shown = key in pos
            show = f.accepts(inst, self._hay[key], tokens)
            if shown and not show:
                to_remove.append(key)
                self._vis_running -= was_running
            elif show and not shown:
                to_insert.append(key)
                self._vis_running += is_running
            elif shown:
                self._vis_running += is_running - was_running
                (to_move if new_sk != old_sk else updated).append(key)
        if to_move or len(to_remove) + len(to_insert) > PRECISE_LIMIT:
            # Rows changing place (the sort column moved) or many rows coming and going:
            # one layout change. Timsort on the almost sorted list is close to linear.
            gone = set(to_remove)
            rows = [k for k in self._rows if k not in gone] + to_insert
            rows.sort(key=self._sk.__getitem__, reverse=self._descending)
            self._relayout(rows)
        else:
            self._precise(to_remove, to_insert)
        self._emit_data_changed(updated)  # still shown: the removals above were of other rows
        # CPU, memory, disk and uptime are the cells figures change: the name, tag chips and
        # action buttons of a live poll's ~6,000 rows are not painted again.
        self._emit_data_changed(figures, COL_CPU, COL_UPTIME, FIGURES_DELAY_MS)
        if nodes_changed:
            self.nodes_changed.emit()
        if counts_changed or to_remove or to_insert:
            self.counts_changed.emit()

    # ---------------------------------------------------- filter & sort

    @property
    def filter(self) -> InstanceFilter:
        return self._filter

    def prepare_search(self) -> None:
        """Make ready, before the first filter, what it reads: every guest in sort order and their
        search strings in that order (`set_filter`'s first search through 20,000 guests ~3 -> ~1
        ms). Called when a search is about to start (the search box focused or edited), a turn
        of the event loop before its filter: cheap when nothing moved since."""
        order = self._ordered()
        if self._order_hay is None:
            hay = self._hay
            self._order_hay = [hay[k] for k in order]

    def set_filter(self, flt: InstanceFilter) -> None:
        if flt == self._filter:
            return
        previous, self._filter = self._filter, flt
        self._tokens = flt.tokens()
        if flt.narrows(previous):
            if previous.is_empty() and self._order_hay is not None and not (self._order_stale or self._order_new):
                # Every guest is shown, in the order whose search strings are ready (prepare_search).
                rows = filter_keys(self._order, flt, self._all, self._hay, self._order_hay)
            else:
                rows = filter_keys(self._rows, flt, self._all, self._hay)  # the rows are in order already
        elif flt.is_empty():
            rows = self._ordered()[:]
        else:
            self.prepare_search()
            rows = filter_keys(self._order, flt, self._all, self._hay, self._order_hay)
        if rows != self._rows:  # typing on in a name already singled out changes no row: no relayout
            self._relayout(rows)
        self.counts_changed.emit()

    def sort(self, column: int, order=Qt.SortOrder.AscendingOrder) -> None:
        if not 0 <= column < COLUMN_COUNT:
            return
        if column == self._sort_column and order == self._sort_order:
            return
        flip_only = column == self._sort_column
        self._sort_column, self._sort_order = column, order
        if flip_only and not self._order_stale and not self._order_new:
            # Sort keys are unique (they end with the guest's key): reversing is exact.
            self._order.reverse()
            if self._order_hay is not None:
                self._order_hay.reverse()
            self._relayout(self._rows[::-1])
            return
        self._rebuild_order()
        rows = self._rows[:]
        rows.sort(key=self._sk.__getitem__, reverse=self._descending)
        self._relayout(rows)

    def _rebuild_order(self) -> None:
        """Sort keys for the current column, and every key in that order."""
        key_of = SORT_KEYS[self._sort_column]
        self._sk = {k: (key_of(i), k) for k, i in self._all.items()}
        self._order = sorted(self._sk, key=self._sk.__getitem__, reverse=self._descending)
        self._order_new = []
        self._order_stale = False
        self._order_hay = None

    def _ordered(self) -> list[Key]:
        """All keys in sort order, brought up to date after polls (nearly sorted: cheap)."""
        if self._order_stale or self._order_new:
            all_ = self._all
            order = [k for k in self._order if k in all_] if self._order_stale else self._order
            # A guest removed and back again is still in the old order: add only the missing.
            present = set(order)
            order.extend(k for k in dict.fromkeys(self._order_new) if k in all_ and k not in present)
            order.sort(key=self._sk.__getitem__, reverse=self._descending)
            self._order, self._order_new, self._order_stale = order, [], False
            self._order_hay = None
        return self._order

    def _relayout(self, rows: list[Key]) -> None:
        """Swap in a new row list as one layout change, keeping persistent indexes (selection)."""
        persistent = self._begin_relayout()
        old_rows = self._rows
        self._rows = rows
        self._reindex()
        self._vis_running = None
        # Few guests behind the persistent indexes (the current index; a header with moved
        # sections keeps one per column, all in one row): look them up; many: one map.
        keys = {old_rows[i.row()] for i in persistent if 0 <= i.row() < len(old_rows)}
        if len(keys) > 8:
            where = self._pos
            self._end_relayout(persistent, old_rows, lambda key: where.get(key, -1))
        else:
            found = {key: _row_in(rows, key) for key in keys}
            self._end_relayout(persistent, old_rows, lambda key: found.get(key, -1))


def _row_in(rows: list[Key], key: Key) -> int:
    try:
        return rows.index(key)
    except ValueError:
        return -1


def persistent_keys(model: InstanceModel, indexes: Iterable[QModelIndex | QPersistentModelIndex]) -> list[Key]:
    """The guests behind a set of indexes (e.g. the selection), in row order, without duplicates."""
    seen: dict[Key, None] = {}
    for idx in sorted(indexes, key=lambda i: i.row()):
        if idx.isValid():
            seen.setdefault(model.instance(idx.row()).key, None)
    return list(seen)
