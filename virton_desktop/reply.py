"""Reply: the answer to one request of a `ClusterSession`, delivered on the GUI thread."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import shiboken6
from PySide6.QtCore import QObject, Signal

from .pve import errors


class Reply(QObject):
    """The answer to one request, delivered on the GUI thread.

    `finished(data, error)`: exactly one of them is None (data may also be None on success).
    `cancel()` ends the wait at once with `errors.Cancelled`; a request in flight is cut.
    A read (`reads=True`) whose every `then` owner is gone is cancelled by itself: a dialog
    closed while its config still loads frees the action lane at once.
    """

    finished = Signal(object, object)

    def __init__(self, parent=None, canceller: Callable[[], None] | None = None, reads: bool = False):
        super().__init__(parent)
        self._reads = reads
        self._owners = 0
        self._watches: list[tuple[QObject, Callable[[], None]]] = []  # (owner, its destroyed slot)
        self.done = False
        self.data: Any = None
        self.error: errors.PveError | None = None
        self._canceller = canceller  # tells the session's lane to drop or cut the request

    def cancel(self) -> None:
        """Stop waiting (the user gave up): `finished` fires now with `errors.Cancelled`, the
        request is dropped if not yet sent, cut if in flight. No-op once answered."""
        if self.done:
            return
        if self._canceller is not None:
            self._canceller()
        self._resolve(None, errors.Cancelled("cancelled by the user"))

    def then(self, owner: QObject, callback) -> None:
        """Call `callback(data, error)` when the answer comes, unless `owner` is gone by then.

        Widgets close while their requests are in flight (a page left before its config
        arrived); a plain lambda would then run against a deleted C++ object.
        """
        alive = [True]

        def deliver(data, error):
            if alive[0] and shiboken6.isValid(owner):
                callback(data, error)

        self.finished.connect(deliver)
        if not self._reads or self.done:
            return

        def gone():
            alive[0] = False  # being destroyed: isValid may still say yes
            self._owners -= 1
            # Nobody waits for this read any more (a write is never cut). At teardown the
            # reply itself may already be gone with its parent: then there is nothing to tell.
            if self._owners == 0 and shiboken6.isValid(self):
                self.cancel()

        self._owners += 1
        self._watches.append((owner, gone))
        owner.destroyed.connect(gone)

    def _resolve(self, data, error):
        self.done, self.data, self.error = True, data, error
        for owner, gone in self._watches:  # answered: a long-lived owner must not collect them
            if shiboken6.isValid(owner):
                owner.destroyed.disconnect(gone)
        self._watches.clear()
        self.finished.emit(data, error)
