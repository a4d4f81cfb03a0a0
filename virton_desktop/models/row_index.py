"""The guest list's visible rows as the model keeps them: row of each key, where a sort key
belongs, and the row signals of a poll (InstanceModel's part that maps keys to rows)."""

from __future__ import annotations

import time
from collections.abc import Iterable

from PySide6.QtCore import QModelIndex, QTimer

from .instance_columns import COLUMN_COUNT
from .instance_filter import Key

# Up to this many changed rows, one dataChanged each: a view repaints just those it shows (a
# few). More (a poll after a pvestatd round changes the figures of that node's running guests):
# signalled as the spans of rows they make (`row_spans`); a view repaints what it shows of each.
# Measured in the app with ten clusters: a single-row signal costs ~20 us with its listeners and the view's
# handling, the span's repaint of the figure columns ~2-3 ms: about 100 single-row signals.
ROWS_SIGNALLED_ONE_BY_ONE = 100
SPAN_DELAY_MS = 40  # how long such a span waits for the other clusters' polls (under a frame at 25 Hz)
# A span of figures only (CPU .. uptime) waits longer: PVE refreshes a guest's figures in the
# list once per pvestatd round (10 s), the ten clusters' polls arrive spread over their 3 s,
# and a repaint of the list costs ~5-7 ms; so the figures are repainted at most about once a
# second (measured with ten clusters: the GUI thread's idle 2.3 -> 1.3 % of a core).
FIGURES_DELAY_MS = 1000

# Changed rows further apart than this are signalled as separate spans: a view repaints the
# part of a span it shows, so a poll of a cluster whose rows are elsewhere in the list (sorted
# by VMID or cluster, scrolled away) repaints nothing (measured with ten clusters of 2,000: the
# figures of the nine not shown repainted the whole list about once a second). A window shows
# ~15-60 rows; further spans than SPANS_AT_MOST are joined at their smallest gaps.
SPAN_GAP_ROWS = 64
SPANS_AT_MOST = 16


def row_spans(rows: list[int]) -> list[tuple[int, int]]:
    """Sorted row numbers as (top, bottom) spans: split where SPAN_GAP_ROWS or more rows
    lie between two of them, at most SPANS_AT_MOST spans (the widest gaps kept)."""
    if not rows:
        return []
    gaps = [i for i in range(1, len(rows)) if rows[i] - rows[i - 1] > SPAN_GAP_ROWS]
    if len(gaps) >= SPANS_AT_MOST:
        gaps = sorted(sorted(gaps, key=lambda i: rows[i] - rows[i - 1], reverse=True)[:SPANS_AT_MOST - 1])
    starts = [0, *gaps]
    ends = [*gaps, len(rows)]
    return [(rows[a], rows[b - 1]) for a, b in zip(starts, ends, strict=True)]


class RowIndex:
    """Mixin of InstanceModel: `_rows` (visible keys in order), `_sk` (sort key of each key),
    `_descending`, `_pos_cache` are the model's."""

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
        descending = self._descending
        while lo < hi:
            mid = (lo + hi) // 2
            other = self._sk[self._rows[mid]]
            if (other > sk) if descending else (other < sk):
                lo = mid + 1
            else:
                hi = mid
        return lo

    def _emit_data_changed(self, keys: Iterable[Key], first: int = 0, last: int = COLUMN_COUNT - 1,
                           delay_ms: int = SPAN_DELAY_MS) -> None:
        """Cells `first`..`last` of the keys' rows changed. Many rows (a live poll): signalled
        together within `delay_ms`, as the spans of rows they make; a view repaints what it
        shows of them."""
        if not keys:
            return
        if len(keys) > ROWS_SIGNALLED_ONE_BY_ONE:
            self._signal_soon(keys, first, last, delay_ms)
            return
        pos = self._pos
        for row in sorted(pos[k] for k in keys):
            self.dataChanged.emit(self.index(row, first), self.index(row, last))

    def _signal_soon(self, keys: Iterable[Key], first: int, last: int, delay_ms: int = SPAN_DELAY_MS) -> None:
        """Columns `first`..`last` changed in many rows (a live poll): signalled within
        `delay_ms`, together with the next clusters' polls, which Clusters applies one per
        event-loop turn: ten clusters repaint the list once, not ten times. A span due sooner
        brings the signal forward."""
        span = getattr(self, "_span", None)
        if span is None:
            self._span = (first, last, set(keys))
        else:
            span[2].update(keys)
            self._span = (min(span[0], first), max(span[1], last), span[2])
        due = time.monotonic() + delay_ms / 1000
        if span is None or due < self._span_due:
            self._span_due = due
            QTimer.singleShot(delay_ms, self, self._signal_span)  # an earlier one still due finds nothing

    def signal_pending(self) -> None:
        """Signal a waiting span now (the benchmark times a live poll with its repaint)."""
        self._signal_span()

    def _signal_span(self) -> None:
        span, self._span = getattr(self, "_span", None), None
        if span is None:
            return
        first, last, keys = span
        rows = list(map(self._pos.get, keys))  # where the rows are now (a row left the list: None)
        if None in rows:
            rows = [row for row in rows if row is not None]
        rows.sort()
        for top, bottom in row_spans(rows):
            self.dataChanged.emit(self.index(top, first), self.index(bottom, last))

    @property
    def _pos(self) -> dict[Key, int]:
        """Row of each visible key. Built on first use after a relayout: a keystroke that
        narrows the list to a few rows does not pay for mapping all of them."""
        if self._pos_cache is None:
            self._pos_cache = {k: r for r, k in enumerate(self._rows)}
        return self._pos_cache

    def _reindex(self, start: int = 0) -> None:
        """Row numbers of the visible keys from `start` on (callers drop removed keys first)."""
        if start == 0 or self._pos_cache is None:
            self._pos_cache = None
            return
        pos, rows = self._pos_cache, self._rows
        for r in range(start, len(rows)):
            pos[rows[r]] = r
