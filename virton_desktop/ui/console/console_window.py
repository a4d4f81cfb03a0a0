"""Console windows: a pane per guest (toolbar, screen, status bar), in its own window or a tab.

- `ConsolePane`: the toolbar (connect/disconnect, start, reboot, full screen, scaling, send
  keys, type clipboard text, screenshot, dock/detach), the `ConsoleView` and a status bar
  (connection state, KVM/LXC, node, VMID, name, resolution). It moves between a window and
  a tab as a whole; the page and its connection move with it.
- `ConsoleWindow`: a top-level window holding one pane; full screen on F11 with a bar that
  appears when the pointer touches the top edge; geometry remembered per guest (QSettings).

`console_manager.ConsoleManager` opens them (one per guest), docks and detaches them.
"""

from __future__ import annotations

from PySide6.QtCore import QSettings, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QActionGroup, QCursor, QGuiApplication, QKeySequence
from PySide6.QtWidgets import (
    QFileDialog,
    QFrame,
    QHBoxLayout,
    QLabel,
    QMainWindow,
    QMenu,
    QMessageBox,
    QStatusBar,
    QToolBar,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from ...models.plain_text import literal_tooltip
from ...pve import errors
from ...pve.entities import RUNNING, STOPPED, Instance
from ...pve.spice import has_spice
from .. import kit, style
from .clipboard_typing import ClipboardTyping
from .console_kinds import XTERM
from .console_view import SEND_KEYS, ConsoleState, ConsoleView
from .spice_launcher import SpiceLauncher

SETTINGS_GROUP = "consoles"


def _pane_class(kind: str) -> type[ConsolePane]:
    if kind == XTERM:
        from .terminal_window import TerminalPane  # it subclasses ConsolePane: imported late
        return TerminalPane
    return ConsolePane


def _settings_key(key: tuple[str, int]) -> str:
    return "{0}/{1}/{2}/geometry".format(SETTINGS_GROUP, key[0], key[1])


class ConsolePane(QWidget):
    """Toolbar + screen + status bar of one guest's console."""

    dock_requested = Signal()       # "show as a tab"
    detach_requested = Signal()     # "show in its own window"
    fullscreen_requested = Signal()
    view_class = ConsoleView  # terminal_window.TerminalPane: TerminalView

    def __init__(self, session, instance: Instance, parent=None):
        super().__init__(parent)
        self.setObjectName("consolePane")
        self.session = session
        self.instance = instance
        self.view = self.view_class(session, instance, self)
        self.view.start_requested.connect(self.start_guest)
        self.docked = False

        self.toolbar = QToolBar(self.tr("Console"), self)
        self.toolbar.setObjectName("consoleToolbar")
        self.toolbar.setAccessibleName(self.tr("Console toolbar"))
        self.toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        self.act_connect = self._action("consoleConnect", self.tr("Connect"), self.view.connect_console)
        self.act_disconnect = self._action("consoleDisconnect", self.tr("Disconnect"), self.view.disconnect_console)
        self.toolbar.addSeparator()
        self.act_start = self._action("consoleStart", self.tr("Start"), self.start_guest)
        self.act_reboot = self._action("consoleReboot", self.tr("Reboot"), self.reboot_guest)
        self.toolbar.addSeparator()
        self.act_fullscreen = self._action("consoleFullscreen", self.tr("Full screen"), self.fullscreen_requested)
        self.act_fullscreen.setShortcut(QKeySequence(Qt.Key.Key_F11))
        self.act_fullscreen.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.scale_group = QActionGroup(self)
        self.act_fit = self._action("consoleScaleFit", self.tr("Scale to window"),
                                    lambda: self.view.set_scale_mode("fit"))
        self.act_native = self._action("consoleScaleNative", self.tr("1:1"),
                                       lambda: self.view.set_scale_mode("native"))
        for act in (self.act_fit, self.act_native):
            act.setCheckable(True)
            self.scale_group.addAction(act)
        self.act_fit.setChecked(True)

        self.keys_menu = QMenu(self.tr("Send keys"), self)
        self.keys_menu.setObjectName("consoleSendKeysMenu")
        self.keys_menu.setAccessibleName(self.tr("Send keys"))
        for combo, label in SEND_KEYS:
            act = self.keys_menu.addAction(self._key_label(label))
            act.setObjectName("consoleKey_" + combo.replace("+", "_"))
            act.triggered.connect(lambda _=False, c=combo: self.send_keys(c))
        self.keys_button = kit.button(self.tr("Send keys"), "consoleSendKeys", parent=self, tool=True)
        self.keys_button.setMenu(self.keys_menu)
        self.keys_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.toolbar.addWidget(self.keys_button)
        self.act_type = self._action("consoleTypeClipboard", self.tr("Type clipboard"), self.type_clipboard)
        self.act_type.setToolTip(self.tr("Type the clipboard's text into the guest, key by key"))
        self.typing = ClipboardTyping(self.view, self)
        self.typing.message.connect(lambda text: self.status.showMessage(text, 15000))
        self.layout_button = kit.button(self.tr("Keyboard"), "consoleLayout", parent=self, tool=True)
        self.layout_button.setMenu(self.typing.layout_menu(self))
        self.layout_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        graphical = self.view_class is ConsoleView  # noVNC, not a TerminalPane's xterm.js
        self.layout_button.setVisible(graphical and self.typing.is_vm)
        self.toolbar.addWidget(self.layout_button)
        self.spice = SpiceLauncher(lambda _cluster: self.session, self)
        self.act_spice = self._action("consoleSpice", self.tr("SPICE"), lambda: self.spice.open(
            self.instance, self.typing.config))
        self.act_spice.setToolTip(self.tr("Open this VM's SPICE display in remote-viewer"))
        self.act_spice.setVisible(False)  # for VMs with a SPICE display, once their config is read
        self.spice.message.connect(lambda text: self.status.showMessage(text, 15000))
        self.typing.config_loaded.connect(lambda cfg: self.act_spice.setVisible(has_spice(cfg)))
        if graphical:
            self.typing.load_config()
        self.act_screenshot = self._action("consoleScreenshot", self.tr("Screenshot…"), self.ask_screenshot)
        self.toolbar.addSeparator()
        self.act_dock = self._action("consoleDock", self.tr("Show as tab"), self._dock_or_detach)

        self.status = QStatusBar(self)
        self.status.setObjectName("consoleStatusBar")
        self.status.setSizeGripEnabled(False)
        self.lbl_state = self._status_label("consoleState")
        self.lbl_kind = self._status_label("consoleKind")
        self.lbl_node = self._status_label("consoleNode")
        self.lbl_vmid = self._status_label("consoleVmid")
        self.lbl_name = self._status_label("consoleName")
        self.lbl_resolution = self._status_label("consoleResolution")

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.toolbar)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.status)

        self.view.state_changed.connect(self._refresh)
        self.view.message_changed.connect(lambda _m: self._refresh())
        self.view.resolution_changed.connect(lambda _w, _h: self._refresh())
        self._refresh()

    # ------------------------------------------------------------- parts

    def _action(self, name: str, text: str, slot) -> QAction:
        act = QAction(text, self)
        act.setObjectName(name)
        act.triggered.connect(slot)
        self.toolbar.addAction(act)
        button = self.toolbar.widgetForAction(act)
        if button is not None:
            button.setObjectName(name + "Button")
            button.setAccessibleName(text)
        self.addAction(act)  # shortcuts work wherever the focus is inside the pane
        return act

    def _status_label(self, name: str) -> QLabel:
        if self.status.findChildren(QLabel):
            line = QFrame(self.status)
            line.setFrameShape(QFrame.Shape.VLine)
            line.setFrameShadow(QFrame.Shadow.Sunken)
            self.status.addWidget(line)
        label = QLabel(self.status)
        label.setObjectName(name)
        label.setTextFormat(Qt.TextFormat.PlainText)  # guest and node names come from the server
        label.setContentsMargins(4, 0, 4, 0)
        self.status.addWidget(label)
        return label

    def _key_label(self, label: str) -> str:
        if label == "Print Screen":
            return self.tr("Print Screen")
        if label == "Windows key":
            return self.tr("Windows key")
        return label

    @staticmethod
    def key_for(instance: Instance) -> tuple[str, int | str]:
        """The manager's key of this kind of console of the guest (one per guest and kind)."""
        return instance.key

    @property
    def key(self) -> tuple[str, int | str]:
        return self.key_for(self.instance)

    def title(self) -> str:
        return kit.fmt(self.tr("%1 (%2) – Console"), self.instance.name or self.instance.vmid, self.instance.vmid)

    def _refresh(self, *_args) -> None:
        view, inst = self.view, self.instance
        texts = {
            ConsoleState.IDLE: self.tr("Disconnected"), ConsoleState.CONNECTING: self.tr("Connecting…"),
            ConsoleState.CONNECTED: self.tr("Connected"), ConsoleState.STOPPED: self.tr("Guest not running"),
            ConsoleState.FAILED: self.tr("Failed"),
            ConsoleState.WAITING: kit.fmt(self.tr("Reconnecting in %1 s"), view.countdown),
        }
        self.lbl_state.setText(texts.get(view.state, view.state))
        self.lbl_state.setToolTip(literal_tooltip(view.message))
        self.lbl_kind.setText(view.kind_label)
        self.lbl_node.setText(kit.fmt(self.tr("Node: %1"), inst.node))
        self.lbl_vmid.setText(kit.fmt(self.tr("VMID: %1"), inst.vmid))
        self.lbl_name.setText(inst.name)
        w, h = view.resolution
        connected = view.state == ConsoleState.CONNECTED
        self.lbl_resolution.setText("{0}×{1}".format(w, h) if w and connected else "")
        live = view.state in (ConsoleState.CONNECTING, ConsoleState.CONNECTED, ConsoleState.WAITING)
        self.act_connect.setEnabled(not live or view.state == ConsoleState.WAITING)
        self.act_disconnect.setEnabled(live)
        for act in (self.act_type, self.act_screenshot):
            act.setEnabled(connected)
        self.keys_button.setEnabled(connected)
        self.act_start.setEnabled(inst.status == STOPPED)
        self.act_reboot.setEnabled(inst.status == RUNNING)
        self.act_dock.setText(self.tr("Open in window") if self.docked else self.tr("Show as tab"))
        self.act_fullscreen.setEnabled(not self.docked)

    def set_docked(self, docked: bool) -> None:
        self.docked = docked
        self._refresh()

    def _dock_or_detach(self) -> None:
        (self.detach_requested if self.docked else self.dock_requested).emit()

    # ----------------------------------------------------------- actions

    def update_instance(self, instance: Instance) -> None:
        self.instance = instance
        self.view.update_instance(instance)
        self._refresh()

    def start_guest(self) -> None:
        self._power("start")

    def reboot_guest(self) -> None:
        """Ask first, in a box that does not block: the console stays live behind it (`reboot_box`)."""
        box, ok = kit.confirm_box(
            self, self.tr("Reboot guest"), kit.fmt(self.tr("Reboot %1 (%2)? Programs running in the guest are ended."),
                                                   self.instance.name, self.instance.vmid),
            self.tr("Reboot"), name="consoleRebootConfirm", ok_name="consoleRebootConfirmOk",
            icon=QMessageBox.Icon.Question, default_cancel=False)
        ok.clicked.connect(lambda: self._power("reboot"))
        box.open()
        self.reboot_box = box

    def _power(self, action: str) -> None:
        reply = self.session.guest_action(self.instance, action)
        self._pending_power = reply

        def done(_data, error):
            if error is not None:
                self.status.showMessage(errors.describe(error), 15000)
                box = QMessageBox(QMessageBox.Icon.Warning, self.tr("Console"), errors.describe(error),
                                  QMessageBox.StandardButton.Ok, self)
                box.setTextFormat(Qt.TextFormat.PlainText)  # the server's words
                box.exec()
            elif action == "start":
                self.status.showMessage(self.tr("Starting the guest…"), 5000)
                self.session.refresh()
        reply.finished.connect(done)

    def send_keys(self, combo: str) -> None:
        self.view.send_keys(combo)
        self.view.focus_screen()

    def type_clipboard(self) -> None:
        text = QGuiApplication.clipboard().text()
        if not text:
            self.status.showMessage(self.tr("The clipboard has no text to type."), 5000)
            return
        self.typing.type_text(text)
        self.view.focus_screen()

    def ask_screenshot(self) -> None:
        dialog = QFileDialog(self, self.tr("Save screenshot"))
        dialog.setObjectName("consoleScreenshotDialog")
        dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
        dialog.setNameFilter(self.tr("PNG images (*.png)"))
        dialog.setDefaultSuffix("png")
        dialog.selectFile("{0}-{1}.png".format(self.instance.name or "guest", self.instance.vmid))
        dialog.fileSelected.connect(self.save_screenshot)
        dialog.open()
        self._dialog = dialog

    def save_screenshot(self, path: str, done=None) -> None:
        """Save the guest's screen (its own resolution) as PNG; done(ok) when written."""
        def got(image):
            ok = not image.isNull() and image.save(path, "PNG")
            if ok:
                self.status.showMessage(kit.fmt(self.tr("Screenshot saved to %1"), path), 8000)
            else:
                self.status.showMessage(kit.fmt(self.tr("The screenshot could not be saved to %1"), path), 8000)
            if done is not None:
                done(ok)
        self.view.screenshot(got)

    def shutdown(self) -> None:
        self.view.close_console()


class _HoverBar(QWidget):
    """The bar at the top edge in full screen: the guest's name and a way out."""

    def __init__(self, parent, leave):
        super().__init__(parent)
        self.setObjectName("consoleHoverBar")
        self.setAutoFillBackground(True)
        self.setStyleSheet("#consoleHoverBar {{ background: {0}; border-radius: 4px; }} QLabel {{ color: {1}; }}"
                           .format(style.CONSOLE_BAR, style.CONSOLE_TEXT))
        layout = QHBoxLayout(self)
        layout.setContentsMargins(10, 4, 10, 4)
        self.label = QLabel(self)
        self.label.setTextFormat(Qt.TextFormat.PlainText)
        layout.addWidget(self.label)
        layout.addWidget(kit.button(self.tr("Leave full screen (F11)"), "consoleLeaveFullscreen", parent=self,
                                    accessible=self.tr("Leave full screen"), slot=leave))
        self.hide()


class ConsoleWindow(QMainWindow):
    """A guest's console in its own top-level window."""

    closed = Signal(object)  # the window

    def __init__(self, pane: ConsolePane, parent=None):
        super().__init__(parent)
        self.setObjectName("consoleWindow")
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose, False)
        self.pane = pane
        self.setCentralWidget(pane)
        pane.show()
        pane.set_docked(False)
        self.setWindowTitle(pane.title())
        pane.fullscreen_requested.connect(self.toggle_fullscreen)
        self.hover_bar = _HoverBar(self, self.toggle_fullscreen)
        self.hover_bar.label.setText(pane.title())
        self._hover = QTimer(self)
        self._hover.setInterval(200)
        self._hover.timeout.connect(self._check_hover)
        self._detaching = False
        geometry = QSettings().value(_settings_key(pane.key))
        if geometry is None or not self.restoreGeometry(geometry):
            self.resize(1024, 720)

    def take_pane(self) -> ConsolePane:
        """Give the pane away (to a tab); the window then closes without disconnecting."""
        self._detaching = True
        pane = self.takeCentralWidget()
        self.close()
        return pane

    def toggle_fullscreen(self) -> None:
        if self.isFullScreen():
            self._hover.stop()
            self.hover_bar.hide()
            self.pane.toolbar.show()
            self.pane.status.show()
            self.showNormal()
        else:
            self.pane.toolbar.hide()
            self.pane.status.hide()
            self.showFullScreen()
            self._hover.start()
        self.pane.act_fullscreen.setText(self.tr("Leave full screen") if self.isFullScreen()
                                         else self.tr("Full screen"))

    def _check_hover(self) -> None:
        pos = self.mapFromGlobal(QCursor.pos())
        if 0 <= pos.y() <= 3 and 0 <= pos.x() <= self.width():
            self.show_hover_bar()
        elif self.hover_bar.isVisible() and pos.y() > self.hover_bar.height() + 24:
            self.hover_bar.hide()

    def show_hover_bar(self) -> None:
        self.hover_bar.adjustSize()
        self.hover_bar.move((self.width() - self.hover_bar.width()) // 2, 0)
        self.hover_bar.show()
        self.hover_bar.raise_()

    def save_geometry(self) -> None:
        if not self.isFullScreen():
            QSettings().setValue(_settings_key(self.pane.key), self.saveGeometry())

    def closeEvent(self, event):  # noqa: N802
        self._hover.stop()
        if self.isFullScreen():
            self.showNormal()
        self.save_geometry()
        if not self._detaching and self.centralWidget() is self.pane:
            self.pane.shutdown()
        super().closeEvent(event)
        self.closed.emit(self)
