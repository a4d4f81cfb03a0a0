"""Entry points of the console wall: "Console wall…" in the Guest menu and the row menu.

Wiring (main window): `self.wall_actions = WallActions(self, clusters, page.selected, open_console)`,
`wall_actions.add_to(guest_menu)`, `page.menu_extenders.append(wall_actions.menu_entries)` and
`wall_actions.selection_changed(selected)` where the selection changes.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

import shiboken6
from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMenu

from ...pve.entities import Instance
from .. import kit
from ..permission_gate import gate, guest_need
from .console_kinds import MAX_TILES, engine_missing

if TYPE_CHECKING:
    from .console_wall import ConsoleWall


class WallActions(QObject):
    """Opens one console wall of the selected guests (a new selection replaces the open wall)."""

    failed = Signal(str)  # the wall cannot open (QtWebEngine does not load): what to tell the user

    def __init__(self, window, clusters, selected: Callable[[], list[Instance]],
                 open_console: Callable[[Instance], object]):
        super().__init__(window)
        self.clusters = clusters
        self._selected = selected
        self._open_console = open_console
        self.wall: ConsoleWall | None = None
        self.action = QAction(self.tr("Console wall…"), window)
        self.action.setObjectName("action-console-wall")
        self.action.triggered.connect(lambda: self.open_wall())
        self.selection_changed(selected())

    def close(self) -> None:
        """Close the open wall (the main window is closing: the wall must not keep the app running)."""
        if self.wall is not None and shiboken6.isValid(self.wall):
            self.wall.close()
        self.wall = None

    def add_to(self, menu: QMenu) -> None:
        menu.addAction(self.action)

    def _tip(self) -> str:
        return kit.fmt(self.tr("Watch the selected guests' screens side by side, view only (up to %1)"),
                       MAX_TILES)

    def _gate(self, target: QAction, selected: list[Instance]) -> None:
        """Enabled when a guest is selected; disabled with the privilege named when the login may
        open the console of none of them (each tile says so for its own guest otherwise)."""
        needs = [guest_need(self.clusters.privileges(i.cluster), "console", i) for i in selected]
        gate(target, bool(selected), needs[0] if needs and all(needs) else None, self._tip())

    def selection_changed(self, selected: list[Instance]) -> None:
        self._gate(self.action, selected)

    def menu_entries(self, menu: QMenu, selected: list[Instance]) -> None:
        """The row menu: offered for a selection of several guests (one guest has "Console")."""
        if len(selected) < 2:
            return
        entry = menu.addAction(self.tr("Console wall…"))
        entry.setObjectName("menu-console-wall")
        self._gate(entry, selected)
        if not entry.isEnabled():
            menu.setToolTipsVisible(True)
        entry.triggered.connect(lambda _=False, chosen=list(selected): self.open_wall(chosen))

    def open_wall(self, instances: list[Instance] | None = None) -> ConsoleWall | None:
        chosen = list(instances if instances is not None else self._selected())
        if not chosen:
            return None
        if self.wall is not None and shiboken6.isValid(self.wall):
            self.wall.close()
        try:
            from .console_wall import ConsoleWall  # QtWebEngine, loaded with the first console
        except ImportError as exc:
            self.failed.emit(engine_missing(exc))
            return None
        wall = ConsoleWall(self.clusters, chosen)
        wall.open_requested.connect(self._open_console)
        self.wall = wall
        wall.show()
        return wall
