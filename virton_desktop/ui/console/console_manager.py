"""ConsoleManager: one console per guest, in a window of its own or a tab of the main window.

Opening a guest's console again raises the one open. Keeps the consoles' guests current from
the sessions' polls, and docks a console as a tab of a "Consoles" dock in the main window or
detaches it back into a window (`console_window`: the pane and the window).

Wiring (main window): `self.consoles = ConsoleManager(self)` once, then
`self.consoles.open(session, instance)` from the row menu, the detail page and the shortcut.

QtWebEngine is loaded when the first console opens, not with the main window (that imports
this module): loaded, it holds ~30 MB of the process's memory and ~0.1 s of its start.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtWidgets import QDockWidget, QMainWindow, QTabWidget

from ...pve.entities import Instance
from .console_kinds import NOVNC, engine_missing

if TYPE_CHECKING:
    from .console_window import ConsolePane, ConsoleWindow


class ConsoleManager(QObject):
    """One console per guest, in a window or as a tab of the main window's "Consoles" dock."""

    opened = Signal(object)  # ConsolePane
    failed = Signal(str)  # no console can open (QtWebEngine does not load): what to tell the user

    def __init__(self, main_window=None):
        super().__init__(main_window)
        self.main_window = main_window
        self.panes: dict[tuple[str, int], ConsolePane] = {}
        self.windows: dict[tuple[str, int], ConsoleWindow] = {}
        self._sessions: set[int] = set()
        self.dock: QDockWidget | None = None
        self.tabs: QTabWidget | None = None

    # ---------------------------------------------------------------- API

    def open(self, session, instance: Instance, connect: bool = True, kind: str = NOVNC) -> ConsolePane | None:
        """Show the guest's console of this kind (raising it if open) and connect it; None when
        no console can open here (`failed` says why)."""
        try:
            from .console_view import ConsoleState
            from .console_window import _pane_class
        except ImportError as exc:
            self.failed.emit(engine_missing(exc))
            return None

        pane_class = _pane_class(kind)
        pane = self.panes.get(pane_class.key_for(instance))
        if pane is None:
            pane = pane_class(session, instance)
            pane.dock_requested.connect(lambda p=pane: self.dock_pane(p.key))
            pane.detach_requested.connect(lambda p=pane: self.detach(p.key))
            self.panes[pane.key] = pane
            self._follow(session)
            self._show_window(pane)
            self.opened.emit(pane)
            if connect:
                pane.view.connect_console()
        else:
            if pane.session is not session:
                pane.session = session
                pane.view.set_session(session)
                self._follow(session)
            pane.update_instance(instance)
            self.raise_console(pane.key)
            if connect and pane.view.state in (ConsoleState.IDLE, ConsoleState.FAILED, ConsoleState.WAITING):
                pane.view.connect_console()
        return pane

    def raise_console(self, key) -> None:
        window = self.windows.get(key)
        if window is not None:
            window.show()
            window.raise_()
            window.activateWindow()
        elif self.tabs is not None and key in self.panes:
            self.dock.show()
            self.dock.raise_()
            self.tabs.setCurrentWidget(self.panes[key])

    def window_for(self, key) -> ConsoleWindow | None:
        return self.windows.get(key)

    def dock_pane(self, key) -> None:
        """Move a console from its window into a tab of the main window."""
        pane = self.panes.get(key)
        window = self.windows.pop(key, None)
        if pane is None or window is None or not isinstance(self.main_window, QMainWindow):
            if window is not None:
                self.windows[key] = window
            return
        window.take_pane()
        tabs = self._ensure_dock()
        tabs.addTab(pane, pane.instance.name or str(pane.instance.vmid))
        tabs.setCurrentWidget(pane)
        pane.set_docked(True)
        pane.show()
        self.dock.show()

    def detach(self, key) -> None:
        """Move a docked console back into its own window."""
        pane = self.panes.get(key)
        if pane is None or self.tabs is None or self.tabs.indexOf(pane) < 0:
            return
        self.tabs.removeTab(self.tabs.indexOf(pane))
        self._show_window(pane)
        if self.tabs.count() == 0:
            self.dock.hide()

    def close(self, key) -> None:
        window = self.windows.get(key)
        if window is not None:
            window.close()
            return
        pane = self.panes.pop(key, None)
        if pane is not None:
            if self.tabs is not None and self.tabs.indexOf(pane) >= 0:
                self.tabs.removeTab(self.tabs.indexOf(pane))
            pane.shutdown()
            pane.deleteLater()

    def close_all(self) -> None:
        for key in list(self.panes):
            self.close(key)

    # ------------------------------------------------------------ helpers

    def _show_window(self, pane: ConsolePane) -> ConsoleWindow:
        from .console_window import ConsoleWindow

        window = ConsoleWindow(pane)
        window.closed.connect(self._on_window_closed)
        self.windows[pane.key] = window
        window.show()
        return window

    def _on_window_closed(self, window: ConsoleWindow) -> None:
        key = window.pane.key
        if self.windows.get(key) is window:
            del self.windows[key]
            pane = self.panes.pop(key, None)
            if pane is not None:
                pane.deleteLater()
        window.deleteLater()

    def _ensure_dock(self) -> QTabWidget:
        if self.tabs is None:
            self.dock = QDockWidget(self.tr("Consoles"), self.main_window)
            self.dock.setObjectName("consoleDock")
            self.dock.setAccessibleName(self.tr("Consoles"))
            self.tabs = QTabWidget(self.dock)
            self.tabs.setObjectName("consoleTabs")
            self.tabs.setAccessibleName(self.tr("Open consoles"))
            self.tabs.setTabsClosable(True)
            self.tabs.tabCloseRequested.connect(lambda i: self.close(self.tabs.widget(i).key))
            self.dock.setWidget(self.tabs)
            self.main_window.addDockWidget(Qt.DockWidgetArea.BottomDockWidgetArea, self.dock)
        return self.tabs

    def _follow(self, session) -> None:
        """Keep the consoles' guests current from this session's polls (once per session)."""
        if id(session) in self._sessions:
            return
        self._sessions.add(id(session))
        session.instances_polled.connect(self._on_delta)

    def _on_delta(self, delta) -> None:
        changed = {inst.key: inst for inst in delta.changed}
        for pane in list(self.panes.values()):
            inst = changed.get(pane.instance.key)
            if inst is not None and inst != pane.instance:
                pane.update_instance(inst)
