"""Session restore: the guest pages and console windows open when the app closed come back.

The main window's own layout (geometry, docks, the list's columns and sort) is in QSettings
already (MainWindow._restore). This brings back what depends on a cluster: each cluster's open
guest pages (with their tab) and consoles (noVNC, terminals, node shells; docked or in their
windows, whose geometry ConsoleManager keeps). They are reopened after the cluster's first poll
in this run (its guests are known and it is online), never before; a cluster that stays
offline keeps its windows for when it connects; a guest that is gone (destroyed, or no longer
visible to this user) is dropped with one line in the status bar, never a dialog.

Saved when the window closes and shortly after a page or console opens or closes (so a crash
loses little), in `open_windows.OpenWindowsFile`; a window never started (tests, --screenshot)
neither reads nor writes it. Opt-out: View > "Reopen windows at start" (QSettings
`session/restoreWindows`, default on); turning it off forgets what was recorded.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import QByteArray, QObject, QTimer

from ..config_files import SaveFailed
from ..open_windows import CONSOLE, PAGE, PAGE_WINDOW, SHELL, TERMINAL, OpenItem, OpenWindowsFile
from . import kit
from .console.console_kinds import NOVNC, XTERM

log = logging.getLogger(__name__)

SETTING = "session/restoreWindows"
SAVE_DELAY_MS = 2000  # after a page or console opens: several opened together cost one write


def cluster_key(session) -> str:
    """The cluster's entry: its saved profile (a rename keeps the windows), else its name."""
    return "profile:" + session.profile_id if session.profile_id else "name:" + session.name


class SessionRestore(QObject):
    """Remembers `window`'s open guest pages and consoles, and reopens them (after `start()`)."""

    def __init__(self, window, directory=None):
        super().__init__(window)
        self.window = window
        self._directory = directory
        self._file: OpenWindowsFile | None = None
        self._pending: dict[str, list[OpenItem]] = {}  # cluster key -> windows still to reopen
        self._save_timer = QTimer(self)
        self._save_timer.setSingleShot(True)
        self._save_timer.setInterval(SAVE_DELAY_MS)
        self._save_timer.timeout.connect(self.save)
        self._started = False
        self._closed = False
        self.action = None

    # ---------------------------------------------------------------- API

    @property
    def enabled(self) -> bool:
        return self.window.settings.value(SETTING, True, type=bool)

    def add_menu_entry(self, menu) -> None:
        self.action = menu.addAction(self.tr("Reopen windows at start"))
        self.action.setObjectName("action-restore-windows")
        self.action.setCheckable(True)
        self.action.setChecked(self.enabled)
        self.action.setToolTip(self.tr("Guest pages and consoles open when VirtOn closes come back the next "
                                       "time, once their cluster is online."))
        self.action.toggled.connect(self._set_enabled)

    def start(self) -> None:
        """Read what was open last time and reopen it as each cluster comes online; from now on,
        remember what opens."""
        self._started = True
        self.window.clusters.polled.connect(self._cluster_polled)
        self.window.consoles.opened.connect(self._console_opened)
        self.window.stack.currentChanged.connect(self.save_soon)  # the page in the window opened or closed
        if not self.enabled:
            return
        file = self._open_file()
        if file is None:
            return
        self._pending = {key: file.items(key) for key in file.keys() if file.items(key)}

    def track_page_window(self, page) -> None:
        """A guest page opened in a window of its own: remembered now and when it closes."""
        page.destroyed.connect(self.save_soon)
        self.save_soon()

    def save_soon(self, *_ignored) -> None:
        if self._started and not self._closed and self.enabled:
            self._save_timer.start()

    def close(self) -> None:
        """The window closes: save what is open now, not what is left as the pages and consoles close."""
        self.save()
        self._closed = True

    def save(self) -> None:
        """Write each connected cluster's open windows (pending ones of clusters not yet online kept)."""
        self._save_timer.stop()
        if not self._started or self._closed or not self.enabled:
            return
        file = self._open_file()
        if file is None:
            return
        entries = {key: list(items) for key, items in self._pending.items()}
        for session in self.window.clusters.sessions():
            key = cluster_key(session)  # not yet online: its windows still to reopen stay
            entries[key] = self._pending.get(key, []) + self._open_items(session)
        try:
            file.put_all(entries)
        except SaveFailed as exc:
            log.warning("open windows not saved: %s", exc)

    # ------------------------------------------------------------ helpers

    def _set_enabled(self, on: bool) -> None:
        self.window.settings.setValue(SETTING, bool(on))
        if on or not self._started:
            return
        self._pending.clear()
        file = self._open_file()  # off means nothing comes back, even after it is turned on again later
        try:
            file.put_all({key: [] for key in file.keys()})
        except SaveFailed as exc:
            log.warning("open windows not forgotten: %s", exc)

    def _console_opened(self, pane) -> None:
        pane.destroyed.connect(self.save_soon)
        self.save_soon()

    def _open_file(self) -> OpenWindowsFile | None:
        if self._file is None:
            self._file = OpenWindowsFile(self._directory)
            for notice in self._file.take_notices():  # a damaged file was kept aside: say so once
                from .file_messages import describe

                self.window.statusBar().showMessage(describe(notice), 10000)
        return self._file

    def _open_items(self, session) -> list[OpenItem]:
        items: list[OpenItem] = []
        window = self.window
        detail = window.detail
        if detail is not None and detail.key[0] == session.name:
            items.append(OpenItem(PAGE, detail.key[1], tab=max(0, detail.tabs.currentIndex())))
        for key, page in window.detail_windows.items():
            if key[0] == session.name:
                geometry = bytes(page.saveGeometry().toBase64()).decode("ascii")
                items.append(OpenItem(PAGE_WINDOW, key[1], tab=max(0, page.tabs.currentIndex()), geometry=geometry))
        manager = window.consoles
        for key, pane in manager.panes.items():
            if key[0] != session.name:
                continue
            docked = manager.tabs is not None and manager.tabs.indexOf(pane) >= 0
            what = key[1]
            if isinstance(what, int):
                items.append(OpenItem(CONSOLE, what, docked=docked))
            elif what.startswith("xterm/"):
                items.append(OpenItem(TERMINAL, int(what.split("/", 1)[1]), docked=docked))
            elif what.startswith("shell/"):
                items.append(OpenItem(SHELL, node=what.split("/", 1)[1], docked=docked))
        return items

    def _cluster_polled(self, cluster: str) -> None:
        session = self.window.clusters.get(cluster)
        if session is None:
            return
        items = self._pending.pop(cluster_key(session), None)
        if not items:
            return
        gone = sum(0 if self._reopen(session, item) else 1 for item in items)
        if gone:
            self.window.statusBar().showMessage(kit.fmt(
                self.tr("%1: %2 window(s) from the last session not reopened: their guests are gone or not "
                        "visible to this user."), session.name, str(gone)), 10000)

    def _reopen(self, session, item: OpenItem) -> bool:
        window = self.window
        if item.kind == SHELL:
            pane = window.open_node_shell(session.name, item.node)
        else:
            inst = window.model.get((session.name, item.vmid))
            if inst is None:
                return False
            if item.kind == PAGE:
                page = window.open_detail(inst)
            elif item.kind == PAGE_WINDOW:
                page = window.open_detail_window(inst.key)
                if page is not None and item.geometry:
                    page.restoreGeometry(QByteArray.fromBase64(item.geometry.encode("ascii")))
            else:
                page = None
                pane = window.open_console(inst, XTERM if item.kind == TERMINAL else NOVNC)
            if item.kind in (PAGE, PAGE_WINDOW):
                if page is not None and 0 <= item.tab < page.tabs.count():
                    page.tabs.setCurrentIndex(item.tab)
                return page is not None
        if pane is not None and item.docked:
            window.consoles.dock_pane(pane.key)
        return pane is not None
