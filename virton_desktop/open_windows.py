"""What was open when the app last closed (guest pages, console windows), per cluster: the record
behind session restore (`ui/session_restore.py`). Qt-free.

The file is `open-windows.json` in the app's state folder, a `RecordFile` (atomic writes, damaged
content kept aside, a newer format never rewritten, two instances merged per cluster). One entry
per cluster, keyed by its saved profile's id (a quick connection or the demo by its name): a
renamed profile keeps its windows. It holds guest ids, node names, tab numbers and a page window's
geometry (Qt's opaque saveGeometry bytes, base64), never a secret.
"""

from __future__ import annotations

import os
import sys
from dataclasses import dataclass
from pathlib import Path

from .record_file import MAPPING, RecordFile

SCHEMA_VERSION = 1
FILE_NAME = "open-windows.json"

PAGE = "page"  # the guest's page in the main window (one at a time)
PAGE_WINDOW = "page-window"  # the guest's page in a window of its own
CONSOLE = "console"  # noVNC / the guest's default console
TERMINAL = "terminal"  # xterm.js serial terminal of a guest
SHELL = "shell"  # a node's shell
KINDS = (PAGE, PAGE_WINDOW, CONSOLE, TERMINAL, SHELL)


def state_dir() -> Path:
    """XDG_STATE_HOME/virton-desktop on Linux, %LOCALAPPDATA%\\VirtOn on Windows,
    ~/Library/Application Support/VirtOn Desktop on macOS: things the app remembers that are
    neither settings nor documents."""
    if sys.platform == "darwin":
        return Path.home() / "Library" / "Application Support" / "VirtOn Desktop"
    if sys.platform == "win32":
        return Path(os.environ.get("LOCALAPPDATA") or Path.home() / "AppData" / "Local") / "VirtOn"
    return Path(os.environ.get("XDG_STATE_HOME") or Path.home() / ".local" / "state") / "virton-desktop"


@dataclass(frozen=True)
class OpenItem:
    """One open window: `kind` (KINDS), the guest's `vmid` (or the node for SHELL), the page's tab,
    whether a console sat in the main window's Consoles dock, a page window's `geometry` (base64)."""

    kind: str
    vmid: int | None = None
    node: str = ""
    tab: int = 0
    docked: bool = False
    geometry: str = ""

    def to_json(self) -> dict:
        data: dict = {"kind": self.kind}
        if self.vmid is not None:
            data["vmid"] = self.vmid
        if self.node:
            data["node"] = self.node
        if self.tab:
            data["tab"] = self.tab
        if self.docked:
            data["docked"] = True
        if self.geometry:
            data["geometry"] = self.geometry
        return data

    @classmethod
    def from_json(cls, raw) -> OpenItem:
        if not isinstance(raw, dict) or raw.get("kind") not in KINDS:
            raise ValueError("not an open window")
        vmid = raw.get("vmid")
        if vmid is not None and (not isinstance(vmid, int) or isinstance(vmid, bool) or vmid <= 0):
            raise ValueError("bad vmid")
        node, tab = raw.get("node", ""), raw.get("tab", 0)
        if not isinstance(node, str) or not isinstance(tab, int) or isinstance(tab, bool) or tab < 0:
            raise ValueError("bad node or tab")
        kind = raw["kind"]
        if (kind == SHELL) != bool(node) or (kind != SHELL and vmid is None):
            raise ValueError("an open window needs its guest (or node)")
        geometry = raw.get("geometry", "")
        if not isinstance(geometry, str):
            geometry = ""  # a window where it opens by default, not a lost window
        return cls(kind, vmid, node, tab, raw.get("docked") is True, geometry)


def _parse(_key: str, raw) -> list[OpenItem]:
    if not isinstance(raw, dict) or not isinstance(raw.get("items"), list):
        raise ValueError("not a cluster's open windows")
    items = []
    for entry in raw["items"]:
        try:
            items.append(OpenItem.from_json(entry))
        except ValueError:
            continue  # one unreadable window costs that window only
    return items


class OpenWindowsFile:
    """The record on disk: `items(cluster_key)` to restore, `put(cluster_key, items)` to save."""

    def __init__(self, directory: Path | None = None):
        self.path = (directory or state_dir()) / FILE_NAME
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
        except OSError:
            pass  # a read-only home: nothing comes back, saving says why it cannot
        self._file = RecordFile(self.path, "clusters", MAPPING, SCHEMA_VERSION, _parse)

    def take_notices(self):
        return self._file.take_notices()

    def items(self, cluster_key: str) -> list[OpenItem]:
        return list(self._file.records.get(cluster_key, ()))

    def keys(self) -> list[str]:
        return list(self._file.records)

    def put_all(self, entries: dict[str, list[OpenItem]]) -> None:
        """Save these clusters' windows (others' entries, e.g. another instance's, kept).
        Raises config_files.SaveFailed."""
        if not entries:
            return
        self._file.put_many({key: {"items": [item.to_json() for item in items]} for key, items in entries.items()})
