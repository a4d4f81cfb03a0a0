"""Helpers for applying a poll to the guest list cheaply (models/instances.py).

A live poll changes the figures (CPU, memory, I/O, uptime) of every running guest and
nothing else about them. `standing` tells those apart from changes that can move a
guest in or out of the filter, change the counts or its search string; `row_blocks` turns
thousands of changed rows into a few ranged `dataChanged` signals.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from operator import attrgetter

from PySide6.QtCore import QModelIndex, QPersistentModelIndex

from .instance_filter import Key

# Everything the filter (InstanceFilter, the palette's Query), the search string, the
# running/node counts and the non-figure sort keys read from a guest. A guest whose
# standing is unchanged stays where the filter had it.
standing = attrgetter("status", "name", "tags", "node", "type", "template", "lock", "hastate", "pool")

# Changed rows this close together are reported as one range: the rows between repaint
# too (only those on screen), and one signal costs far less than several. A live poll's
# changed rows (every running guest) merge into a few ranges; a poll changing a few
# scattered guests stays precise, so off-screen changes repaint nothing.
MERGE_GAP = 8


def row_blocks(rows: list[int], gap: int = MERGE_GAP) -> Iterator[tuple[int, int]]:
    """(first, last) ranges covering the sorted `rows`, merging gaps up to `gap` rows."""
    if not rows:
        return
    start = prev = rows[0]
    for row in rows[1:]:
        if row - prev > gap:
            yield start, prev
            start = row
        prev = row
    yield start, prev


def slot(rows: list, sort_keys: dict, key, descending: bool) -> int:
    """Where `key` belongs in the sorted `rows` (binary search on `sort_keys`; honours the order)."""
    sk = sort_keys[key]
    lo, hi = 0, len(rows)
    while lo < hi:
        mid = (lo + hi) // 2
        other = sort_keys[rows[mid]]
        if (other > sk) if descending else (other < sk):
            lo = mid + 1
        else:
            hi = mid
    return lo


def persistent_keys(model, indexes: Iterable[QModelIndex | QPersistentModelIndex]) -> list[Key]:
    """The guests behind a set of indexes (e.g. the selection), in row order, without duplicates."""
    seen: dict[Key, None] = {}
    for idx in sorted(indexes, key=lambda i: i.row()):
        if idx.isValid():
            seen.setdefault(model.instance(idx.row()).key, None)
    return list(seen)
