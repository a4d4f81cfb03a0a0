"""Reply: the answer to one request of a `ClusterSession`, delivered on the GUI thread."""

from __future__ import annotations

from typing import Any

import shiboken6
from PySide6.QtCore import QObject, Signal

from .pve import errors


class Reply(QObject):
    """The answer to one request, delivered on the GUI thread.

    `finished(data, error)`: exactly one of them is None (data may also be None on success).
    """

    finished = Signal(object, object)

    def __init__(self, parent=None):
        super().__init__(parent)
        self.done = False
        self.data: Any = None
        self.error: errors.PveError | None = None

    def then(self, owner: QObject, callback) -> None:
        """Call `callback(data, error)` when the answer comes, unless `owner` is gone by then.

        Widgets close while their requests are in flight (a page left before its config
        arrived); a plain lambda would then run against a deleted C++ object.
        """

        def deliver(data, error):
            if shiboken6.isValid(owner):
                callback(data, error)

        self.finished.connect(deliver)

    def _resolve(self, data, error):
        self.done, self.data, self.error = True, data, error
        self.finished.emit(data, error)
