"""The lists the create wizards offer from the server (nodes, storages, volumes, bridges).

Each list is loaded under a key by running a catalogued `api.Op` on the session: the worker
checks the answer's shape, so a malformed answer ends the list in the error state (with
`errors.BadAnswer`) instead of breaking a page. Nothing here waits for the network: the
answer updates the page when it arrives. A newer load under the same key makes older answers
stale (the node changed meanwhile), so they are dropped.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from PySide6.QtCore import QObject, Signal

from ...pve import api, errors, validate
from .. import kit


class OptionState(StrEnum):
    IDLE = "idle"  # never asked for
    LOADING = "loading"
    OK = "ok"
    ERROR = "error"


@dataclass
class Option:
    """One list from the server, in its state of loading."""

    state: OptionState = OptionState.IDLE
    data: Any = None
    error: errors.PveError | None = None


class ServerOptions(QObject):
    """The wizard's server lists, each loaded under a key.

    `changed(key)` fires when a key starts loading and when its answer arrives.
    """

    changed = Signal(str)

    def __init__(self, session, parent=None):
        super().__init__(parent)
        self.session = session
        self._options: dict[str, Option] = {}
        self._serial: dict[str, int] = {}
        self._replies: dict[str, Any] = {}  # keeps the pending Reply objects alive

    def get(self, key: str) -> Option:
        return self._options.get(key, Option())

    def items(self, key: str) -> list:
        opt = self.get(key)
        return list(opt.data or []) if opt.state == OptionState.OK else []

    def load(self, key: str, op: api.Op, transform: Callable[[Any], Any] | None = None) -> None:
        """Run `op` and keep its answer (through `transform`) under `key`."""
        serial = self._serial.get(key, 0) + 1
        self._serial[key] = serial
        self._options[key] = Option(OptionState.LOADING)
        reply = self.session.run(op)
        self._replies[key] = reply

        def done(data, error, key=key, serial=serial):
            if self._serial.get(key) != serial:
                return  # an older request: the node changed meanwhile
            self._replies.pop(key, None)
            if error is not None:
                self._options[key] = Option(OptionState.ERROR, None, error)
            else:
                self._options[key] = Option(OptionState.OK, transform(data) if transform else data)
            self.changed.emit(key)

        reply.finished.connect(done)
        self.changed.emit(key)

    def loading(self, key: str) -> bool:
        """Not there yet: asked for, or not even asked for (its page says "loading")."""
        return self.get(key).state in (OptionState.IDLE, OptionState.LOADING)

    def in_flight(self, *keys: str) -> bool:
        """One of these lists is on its way (its page waits before it lets the user go on)."""
        return any(self.get(key).state == OptionState.LOADING for key in keys)

    def issue(self, key: str, empty: str = "") -> validate.Issue | None:
        """An error for a failed or empty list; None while it loads (the page waits) or has items."""
        if self.loading(key):
            return None
        text = self.state_text(key, empty)
        return validate.Issue(text) if text else None

    def state_text(self, key: str, empty: str = "") -> str:
        """Words for a list that is loading, failed or empty ("" when it has items)."""
        opt = self.get(key)
        if self.loading(key):
            return self.tr("Loading from the server…")
        if opt.state == OptionState.ERROR:
            return kit.fmt(self.tr("Could not load the list: %1"), errors.describe(opt.error))
        if not opt.data:
            return empty
        return ""


# ------------------------------------------------------------------ answers to lists

def online_nodes(data) -> list[str]:
    return sorted(str(n.get("node")) for n in (data or []) if n.get("status") == "online" and n.get("node"))


def storage_names(data) -> list[str]:
    return [str(s["storage"]) for s in sorted(data or [], key=lambda s: str(s.get("storage")))
            if s.get("storage") and s.get("active", 1) and s.get("enabled", 1)]


def volume_ids(data) -> list[str]:
    return sorted(str(v["volid"]) for v in (data or []) if v.get("volid"))


def bridge_names(data) -> list[str]:
    return sorted(str(b["iface"]) for b in (data or []) if b.get("iface"))


def volume_label(volid: str) -> str:
    """`local:iso/debian-13.iso` -> `debian-13.iso (local)`."""
    storage, _, name = volid.partition(":")
    return "{0} ({1})".format(name.rsplit("/", 1)[-1], storage)
