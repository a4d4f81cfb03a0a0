"""The optional tray icon and the desktop notifications it delivers.

`TrayIcon.install(window)` wires both into the main window: a `Notifier` (ui/notifier.py) on
the window's Clusters registry, a checkable "Show tray icon" entry in the View menu (stored in
QSettings under `SETTING`, off by default), and the icon itself: its tooltip counts the running
tasks; a left click shows the window (on macOS it only opens the menu, as menu-bar items do);
its menu has Show window and Quit.

A notification is shown with `QSystemTrayIcon.showMessage`, which needs a visible icon: when
the user keeps the icon off, it appears for the message only and leaves once the message was
clicked or the window is active again. Without a system tray nothing shows; the notifier's
`notified` signal fires all the same. Clicking a message brings the window forward, selects the
task in the task panel and opens its log.

A message names guests and quotes the server (a task's exit status): plain text everywhere.
On Linux, Qt hands it to the desktop's notification server over D-Bus as it is, and servers
with the `body-markup` capability (GNOME's, KDE's, most others) read <b>, <a> and <img> in the
body: there it is escaped (`notification_body`); elsewhere it is shown as plain text anyway.
"""

from __future__ import annotations

import html
import sys

from PySide6.QtCore import QEvent, QObject, QSettings
from PySide6.QtGui import QAction, QIcon
from PySide6.QtWidgets import QApplication, QMainWindow, QMenu, QSystemTrayIcon

from . import kit
from .notifier import Key, Notifier

SETTING = "tray/enabled"
NOTIFICATIONS = "org.freedesktop.Notifications"
CAPABILITIES_TIMEOUT_MS = 500  # asked once, on the GUI thread: a hung server must not freeze it


def notification_body(body: str, reads_markup: bool) -> str:
    """The body as the notification server must get it to show these very characters."""
    return html.escape(body, quote=False) if reads_markup else body


def notifications_read_markup() -> bool:
    """Whether Qt's messages reach a notification server that reads markup in their body: on
    Linux with a StatusNotifier host (then Qt sends them over D-Bus; without one it draws its
    own plain-text balloon), to a server listing `body-markup` among its capabilities."""
    if not sys.platform.startswith("linux"):
        return False
    try:
        from PySide6.QtDBus import QDBusConnection, QDBusInterface, QDBusMessage
    except ImportError:
        return False
    bus = QDBusConnection.sessionBus()
    if not bus.isConnected() or not bus.interface().isServiceRegistered("org.kde.StatusNotifierWatcher").value():
        return False
    server = QDBusInterface(NOTIFICATIONS, "/org/freedesktop/Notifications", NOTIFICATIONS, bus)
    server.setTimeout(CAPABILITIES_TIMEOUT_MS)
    reply = server.call("GetCapabilities")
    if reply.type() != QDBusMessage.MessageType.ReplyMessage or not reply.arguments():
        return False
    return "body-markup" in (reply.arguments()[0] or [])


class TrayIcon(QObject):
    """The tray icon of one main window (see the module docstring)."""

    def __init__(self, window: QMainWindow, tasks, settings: QSettings, parent=None):
        super().__init__(parent if parent is not None else window)
        self._window = window
        self._tasks = tasks
        self._settings = settings
        self._last_key: Key | None = None
        self._transient = False  # shown for a message although the user keeps the icon off
        self._reads_markup: bool | None = None  # the notification server's, asked at the first message
        self.icon = QSystemTrayIcon(self._app_icon(), self)
        self.icon.setObjectName("trayIcon")
        self.menu = QMenu(window)
        self.menu.setObjectName("trayMenu")
        self.menu.installEventFilter(self)  # LanguageChange: a QObject of our own gets none
        window.installEventFilter(self)  # WindowActivate: a transient icon has done its job
        self.show_action = QAction(self.menu)
        self.show_action.setObjectName("trayShowWindow")
        self.show_action.triggered.connect(self.show_window)
        self.quit_action = QAction(self.menu)
        self.quit_action.setObjectName("trayQuit")
        self.quit_action.triggered.connect(window.close)
        self.menu.addAction(self.show_action)
        self.menu.addSeparator()
        self.menu.addAction(self.quit_action)
        self.icon.setContextMenu(self.menu)
        self.icon.activated.connect(self._activated)
        self.icon.messageClicked.connect(self._message_clicked)
        self.toggle = QAction(window)
        self.toggle.setObjectName("action-tray-icon")
        self.toggle.setCheckable(True)
        self.toggle.setChecked(self.enabled())
        self.toggle.setEnabled(QSystemTrayIcon.isSystemTrayAvailable())
        self.toggle.toggled.connect(self.set_enabled)
        tasks.counts_changed.connect(self.update_tooltip)
        self._retranslate()
        self.icon.setVisible(self.enabled() and QSystemTrayIcon.isSystemTrayAvailable())

    @classmethod
    def install(cls, window, settings: QSettings | None = None, is_window_active=None) -> TrayIcon:
        """The tray and the notifier of `window` (a MainWindow): `tray.notifier` is the seam."""
        tray = cls(window, window.tasks, settings or window.settings)
        active = is_window_active or (lambda: QApplication.activeWindow() is not None)
        tray.notifier = Notifier(window.clusters, window.tasks, active, tray)
        tray.notifier.deliver = tray.show_message
        view = window.findChild(QMenu, "viewMenu")
        if view is not None:
            view.addAction(tray.toggle)
        return tray

    # ------------------------------------------------------------ setting

    def enabled(self) -> bool:
        return self._settings.value(SETTING, False, type=bool)

    def set_enabled(self, on: bool) -> None:
        self._settings.setValue(SETTING, bool(on))
        self._transient = False
        self.icon.setVisible(bool(on) and QSystemTrayIcon.isSystemTrayAvailable())

    # ------------------------------------------------------------ icon

    def update_tooltip(self) -> None:
        running = self._tasks.running_count()
        text = self.tr("VirtOn Desktop")
        if running:
            text += "\n" + kit.fmt(self.tr("Running tasks: %1"), running)
        self.icon.setToolTip(text)

    def show_window(self) -> None:
        window = self._window
        if window.isMinimized():
            window.showNormal()
        window.show()
        window.raise_()
        window.activateWindow()
        self._hide_transient()

    def _activated(self, reason) -> None:
        if sys.platform == "darwin":
            return  # macOS: a click on a menu-bar item opens its menu, nothing more
        if reason in (QSystemTrayIcon.ActivationReason.Trigger, QSystemTrayIcon.ActivationReason.DoubleClick):
            self.show_window()

    # ------------------------------------------------------------ messages

    def show_message(self, title: str, body: str, key: Key, failed: bool = False) -> None:
        if not QSystemTrayIcon.isSystemTrayAvailable():
            return  # the notifier's signal has told whoever listens; nothing to show here
        self._last_key = key
        if not self.icon.isVisible():
            self._transient = True
            self.icon.show()
        icon = QSystemTrayIcon.MessageIcon.Warning if failed else QSystemTrayIcon.MessageIcon.Information
        if self._reads_markup is None:
            self._reads_markup = notifications_read_markup()
        self.icon.showMessage(title, notification_body(body, self._reads_markup), icon, 10000)

    def _message_clicked(self) -> None:
        key, self._last_key = self._last_key, None
        self.show_window()
        if key is not None:
            self.focus_task(key)

    def focus_task(self, key: Key) -> None:
        focus_task(self._window, key)

    # ------------------------------------------------------------ texts

    def _retranslate(self) -> None:
        self.show_action.setText(self.tr("Show window"))
        self.quit_action.setText(self.tr("Quit"))
        self.toggle.setText(self.tr("Show tray icon"))
        self.toggle.setToolTip(self.tr("Show an icon in the system tray with the number of running tasks"))
        self.update_tooltip()

    def eventFilter(self, watched, event) -> bool:  # noqa: N802 - Qt's name
        if watched is self.menu and event.type() == QEvent.Type.LanguageChange:
            self._retranslate()
        elif watched is self._window and event.type() == QEvent.Type.WindowActivate:
            self._hide_transient()
        return False

    def _hide_transient(self) -> None:
        if self._transient:
            self._transient = False
            self.icon.hide()

    @staticmethod
    def _app_icon() -> QIcon:
        icon = QApplication.windowIcon()
        if icon.isNull():
            from .app_icon import application_icon
            icon = application_icon()
        return icon


def focus_task(window, key: Key) -> None:
    """Show the task panel, select the task `key` = (cluster, upid) and open its log."""
    panel = window.task_panel
    task = panel.model.get(*key)
    if task is None:
        return  # cleared from the list meanwhile
    panel.show()
    panel.raise_()
    index = panel.proxy.mapFromSource(panel.model.index(panel.model.row_of(*key), 0))
    panel.view.selectRow(index.row())
    panel.view.scrollTo(index)
    panel.open_log(task)
