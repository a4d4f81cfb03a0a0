"""TerminalPane: the console pane for a text terminal (xterm.js), in a window or a tab like noVNC's.

The VNC-only tools (scaling, send keys, type clipboard, screenshot) are hidden; in their place
copy and paste with the system clipboard (Ctrl+Shift+C / Ctrl+Shift+V, as terminals do: Ctrl+C
belongs to the program), font size (Ctrl++ / Ctrl+- / Ctrl+0) and a find bar for the
scrollback (Ctrl+Shift+F). A node's shell has no Start or Reboot (that is the node's).
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QEvent, QObject, Qt
from PySide6.QtGui import QGuiApplication, QKeyEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import QHBoxLayout, QLineEdit, QWidget

from ...pve.entities import Instance
from .. import kit
from .console_window import ConsolePane
from .terminal_view import TerminalView


class TerminalPane(ConsolePane):
    """Toolbar + terminal + status bar of one guest's (or node's) text console."""

    view_class = TerminalView

    def __init__(self, session, instance: Instance, parent=None):
        super().__init__(session, instance, parent)
        self.setObjectName("terminalPane")
        for act in (self.act_fit, self.act_native, self.act_type, self.act_screenshot, self._keys_action()):
            act.setVisible(False)
        if self.view.is_node_shell:
            self.act_start.setVisible(False)
            self.act_reboot.setVisible(False)
        before = self.act_dock
        self.act_copy = self._terminal_action("terminalCopy", self.tr("Copy"), "Ctrl+Shift+C", self.copy, before)
        self.act_paste = self._terminal_action("terminalPaste", self.tr("Paste"), "Ctrl+Shift+V", self.paste, before)
        self.act_find = self._terminal_action("terminalFind", self.tr("Find…"), "Ctrl+Shift+F", self.show_find, before)
        self.act_larger = self._terminal_action("terminalLarger", self.tr("Larger text"), "Ctrl++",
                                                lambda: self.view.zoom(1), before)
        self.act_larger.setShortcuts([QKeySequence("Ctrl++"), QKeySequence("Ctrl+=")])
        self.act_smaller = self._terminal_action("terminalSmaller", self.tr("Smaller text"), "Ctrl+-",
                                                 lambda: self.view.zoom(-1), before)
        self.act_reset_font = self._terminal_action("terminalFontReset", self.tr("Normal text size"), "Ctrl+0",
                                                    lambda: self.view.zoom(0), before)
        self.toolbar.insertSeparator(before)
        self.find_bar = self._find_bar()
        self.layout().insertWidget(2, self.find_bar)
        self.view.search_result.connect(self._on_search_result)
        self._keys = {QKeySequence(a.shortcut().toString()): a for a in (
            self.act_copy, self.act_paste, self.act_find, self.act_larger, self.act_smaller, self.act_reset_font)}
        self._keys[QKeySequence("Ctrl+=")] = self.act_larger
        self._watch_keys()
        self.view.page.loadFinished.connect(lambda _ok: self._watch_keys())
        self._refresh()

    def set_docked(self, docked: bool) -> None:
        super().set_docked(docked)
        self._watch_keys()  # moved to another window: the web view's key widget may be new

    def showEvent(self, event) -> None:  # noqa: N802 - Qt's name
        super().showEvent(event)
        self._watch_keys()

    def _watch_keys(self) -> None:
        """Filter the keys of the web view's widgets, those it has and (ChildPolished) new ones:
        Qt WebEngine makes a new key widget when the view moves to another window."""
        if not hasattr(self, "_keys"):
            return  # still in ConsolePane's constructor
        web = self.view.view
        for widget in [web, *web.findChildren(QWidget)]:
            widget.removeEventFilter(self)
            widget.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt's name
        """The terminal's keys win over the main window's while the terminal has the focus:
        docked, Ctrl+Shift+C would otherwise be ambiguous with the main window's Console
        shortcut and do nothing."""
        if event.type() == QEvent.Type.ChildPolished and watched is self.view.view and \
                isinstance(event.child(), QWidget):
            event.child().removeEventFilter(self)
            event.child().installEventFilter(self)
        if event.type() in (QEvent.Type.ShortcutOverride, QEvent.Type.KeyPress) and isinstance(event, QKeyEvent):
            action = self._keys.get(QKeySequence(event.keyCombination()))
            if action is not None and action.isEnabled():
                event.accept()
                if event.type() == QEvent.Type.KeyPress:
                    action.trigger()
                return True
        return super().eventFilter(watched, event)

    def tr(self, text: str, disambiguation: str | None = None, n: int = -1) -> str:
        """Own texts under this class, the inherited ones under ConsolePane (PySide looks
        `self.tr` up under the object's class)."""
        own = QCoreApplication.translate("TerminalPane", text, disambiguation, n)
        return own if own != text else QCoreApplication.translate("ConsolePane", text, disambiguation, n)

    @staticmethod
    def key_for(instance: Instance) -> tuple[str, str]:
        kind = "shell/{0}".format(instance.node) if instance.type == "node" else "xterm/{0}".format(instance.vmid)
        return (instance.cluster, kind)

    def title(self) -> str:
        if self.view.is_node_shell:
            return kit.fmt(self.tr("Shell on node %1"), self.instance.node)
        return kit.fmt(self.tr("%1 (%2) – Terminal"), self.instance.name or self.instance.vmid, self.instance.vmid)

    # ------------------------------------------------------------- parts

    def _keys_action(self):
        return next(a for a in self.toolbar.actions() if self.toolbar.widgetForAction(a) is self.keys_button)

    def _terminal_action(self, name: str, text: str, shortcut: str, slot, before):
        act = self._action(name, text, slot)
        self.toolbar.removeAction(act)
        self.toolbar.insertAction(before, act)
        button = self.toolbar.widgetForAction(act)
        if button is not None:
            button.setObjectName(name + "Button")
            button.setAccessibleName(text)
        act.setShortcut(QKeySequence(shortcut))
        # Only while the focus is in this pane: a docked terminal leaves the main window's keys alone.
        act.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        keys = QKeySequence(shortcut).toString(QKeySequence.SequenceFormat.NativeText)
        act.setToolTip("{0} ({1})".format(text, keys))
        return act

    def _find_bar(self) -> QWidget:
        bar = QWidget(self)
        bar.setObjectName("terminalFindBar")
        self.find_edit = QLineEdit(bar)
        self.find_edit.setObjectName("terminalFindText")
        self.find_edit.setPlaceholderText(self.tr("Find in the scrollback"))
        self.find_edit.setAccessibleName(self.tr("Find in the scrollback"))
        self.find_edit.setClearButtonEnabled(True)
        self.find_edit.returnPressed.connect(lambda: self.find(True))
        self.find_edit.textChanged.connect(lambda _t: self.find(True))
        layout = QHBoxLayout(bar)
        layout.setContentsMargins(6, 2, 6, 2)
        layout.addWidget(self.find_edit, 1)
        layout.addWidget(kit.button(self.tr("Previous"), "terminalFindPrevious", parent=bar,
                                    slot=lambda: self.find(False)))
        layout.addWidget(kit.button(self.tr("Next"), "terminalFindNext", parent=bar, slot=lambda: self.find(True)))
        layout.addWidget(kit.button(self.tr("Close"), "terminalFindClose", parent=bar, slot=self.hide_find))
        QShortcut(QKeySequence(Qt.Key.Key_Escape), self.find_edit, self.hide_find,
                  context=Qt.ShortcutContext.WidgetShortcut)
        bar.hide()
        return bar

    def _refresh(self, *_args) -> None:
        super()._refresh()
        if not hasattr(self, "act_copy"):
            return  # still in ConsolePane's constructor
        connected = self.view.state == "connected"
        for act in (self.act_copy, self.act_paste, self.act_find):
            act.setEnabled(connected)
        w, h = self.view.resolution
        # Columns x rows, not pixels.
        self.lbl_resolution.setText(kit.fmt(self.tr("%1 × %2"), w, h) if w and connected else "")

    # ----------------------------------------------------------- actions

    def copy(self) -> None:
        """The terminal's selection to the system clipboard."""
        def got(text: str) -> None:
            if text:
                QGuiApplication.clipboard().setText(text)
                self.status.showMessage(self.tr("Copied the selection."), 3000)
            else:
                self.status.showMessage(self.tr("Select text in the terminal to copy it."), 5000)
        self.view.selection(got)

    def paste(self) -> None:
        text = QGuiApplication.clipboard().text()
        if not text:
            self.status.showMessage(self.tr("The clipboard has no text to paste."), 5000)
            return
        self.view.paste(text)
        self.view.focus_screen()

    def show_find(self) -> None:
        self.find_bar.show()
        self.find_edit.setFocus()
        self.find_edit.selectAll()

    def hide_find(self) -> None:
        self.find_bar.hide()
        self.view.find("")
        self.view.focus_screen()

    def find(self, forward: bool = True) -> None:
        self.view.find(self.find_edit.text(), forward)

    def _on_search_result(self, found: bool) -> None:
        if self.find_edit.text() and not found:
            self.status.showMessage(kit.fmt(self.tr("“%1” is not in the scrollback."), self.find_edit.text()), 5000)
        elif found:
            self.status.clearMessage()
