"""Work done one item per turn of the event loop, so a long list never holds the window.

Registering a cluster takes the GUI thread ~5-10 ms (its session, worker thread, feeds and the
views that follow it); ten of them in one handler (the demo's ten clusters, ten saved clusters
connecting at start) were one ~100 ms stall, with input and painting waiting behind it.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import TypeVar

from PySide6.QtCore import QObject, QTimer

T = TypeVar("T")


def one_per_turn(items: Iterable[T], step: Callable[[T], object], context: QObject) -> None:
    """step(item) for each item in order: the first now, each next one in a later turn of the
    event loop (after what is waiting there: input, painting, answers). Stops when `context` is
    deleted."""
    pending = list(items)

    def next_one() -> None:
        if pending:
            step(pending.pop(0))
        if pending:
            QTimer.singleShot(0, context, next_one)

    next_one()
