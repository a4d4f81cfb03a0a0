"""What the guest table paints of a row, computed once per change of the guest, not per repaint.

A repaint of the table asks `data()` for about 2,400 (cell, role) pairs, and a keystroke in
the search box or a scroll repaints all of them. `CellCache` keeps each painted row's display
texts, icons, alignments and text colours as tuples indexed by column, so `data()` for those
roles is two lookups. A row's entry is dropped whenever something it shows changes (the guest,
its agent answer, its HA node, the cluster's staleness, the language).
"""

from __future__ import annotations

from PySide6.QtCore import Qt

from .. import icons
from ..pve import ha
from ..pve.entities import RUNNING, UNKNOWN
from .base import ALIGN_RIGHT
from .instance_columns import (
    COL_CPU,
    COL_DISK,
    COL_HA,
    COL_IP,
    COL_LOCK,
    COL_MEM,
    COL_STATUS,
    COL_UPTIME,
    COL_VMID,
    COLUMN_COUNT,
)
from .instance_filter import Key

NUMERIC = frozenset({COL_VMID, COL_CPU, COL_MEM, COL_DISK, COL_UPTIME})  # right-aligned
ALIGNMENTS = tuple(ALIGN_RIGHT if col in NUMERIC else None for col in range(COLUMN_COUNT))

# Where a role's values are in a row's tuple; a role that is never set answers None (SLOT_NONE)
# and every other role takes the model's slower path (SLOT_OTHER).
SLOT_DISPLAY, SLOT_DECORATION, SLOT_ALIGN, SLOT_FOREGROUND, SLOT_NONE, SLOT_OTHER = range(6)
ROLE_SLOT: dict[int, int] = {
    Qt.ItemDataRole.DisplayRole: SLOT_DISPLAY, Qt.ItemDataRole.DecorationRole: SLOT_DECORATION,
    Qt.ItemDataRole.TextAlignmentRole: SLOT_ALIGN, Qt.ItemDataRole.ForegroundRole: SLOT_FOREGROUND,
    Qt.ItemDataRole.FontRole: SLOT_NONE, Qt.ItemDataRole.BackgroundRole: SLOT_NONE,
    Qt.ItemDataRole.CheckStateRole: SLOT_NONE, Qt.ItemDataRole.SizeHintRole: SLOT_NONE}

# Rows kept: the painted ones and those scrolled past; beyond this the cache starts again
# (a few thousand rows are a few MB).
CACHE_LIMIT = 4096

_NOTHING = (None,) * COLUMN_COUNT


def _usage_percent(fraction: float) -> int:
    return round(min(1.0, max(0.0, fraction)) * 100)


class CellCache:
    """Mixin of `InstanceModel`: `_cells` maps a guest's key to its row's
    (display, decoration, alignment, foreground) tuples."""

    _cells: dict[Key, tuple]
    _rows: list[Key]

    def cells_of_row(self, row: int) -> tuple | None:
        """What the table paints of a visible row (None past the end): the row's (display,
        decoration, alignment, foreground) tuples, indexed by column (ui/guests/cell_delegate.py)."""
        rows = self._rows
        if not 0 <= row < len(rows):
            return None
        return self._cells_of(rows[row])

    def _cells_of(self, key: Key) -> tuple:
        """The guest's row tuples, made now if not kept."""
        cells = self._cells.get(key)
        return cells if cells is not None else self._row_cells(key)

    def _row_cells(self, key: Key) -> tuple:
        cells = self._cells
        if len(cells) >= CACHE_LIMIT:
            cells.clear()
        inst = self._all[key]
        display = tuple(self._display(inst, col) for col in range(COLUMN_COUNT))
        decoration = [None] * COLUMN_COUNT
        decoration[COL_STATUS] = icons.status_icon(inst.shown_status)
        if inst.lock:
            decoration[COL_LOCK] = icons.lock_icon()
        if inst.hastate == ha.ERROR:
            decoration[COL_HA] = icons.fault_icon()
        if inst.status == RUNNING:
            decoration[COL_CPU] = icons.usage_bar(_usage_percent(inst.cpu))
            decoration[COL_MEM] = icons.usage_bar(_usage_percent(inst.mem / inst.maxmem if inst.maxmem else 0.0))
        # Guests on an offline node or of an unreachable cluster: stale figures, greyed.
        if inst.status == UNKNOWN or inst.cluster in self._stale:
            foreground = (self._stale_brush,) * COLUMN_COUNT
        else:
            agent = self._agents.cells.get(key)
            foreground = _NOTHING
            if agent is not None and agent[2]:  # an address the agent no longer confirms
                foreground = tuple(self._stale_brush if col == COL_IP else None for col in range(COLUMN_COUNT))
        row = cells[key] = (display, tuple(decoration), ALIGNMENTS, foreground)
        return row

