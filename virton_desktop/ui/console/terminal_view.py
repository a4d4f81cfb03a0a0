"""TerminalView: a text console (xterm.js) on PVE's termproxy, for containers, VMs with a serial
port and a node's shell.

It is a `ConsoleView` with another page and another proxy (the states, reconnect, certificate
pinning, the locked page and the cookie are the same):
  1. `api.termproxy(guest)` or `api.node_termproxy(node)` gives `port`, `ticket` and `user`;
  2. the page (resources/console/terminal.html, locked to itself like the VNC page) opens
     `api.vncwebsocket` / `api.node_vncwebsocket` and sends `user:ticket\\n` as its first
     message: the ticket goes to our own page only, never elsewhere;
  3. after PVE's `OK` the page frames input (`0:LEN:DATA`), resizes (`1:COLS:ROWS:`) and pings
     (`2`, every 30 s), as pve-xtermjs does.

A VM's terminal is its serial port: PVE's `qm terminal` needs `serialN: socket` in the config,
so the view reads the config first and explains what is missing instead of a dead socket.
"""

from __future__ import annotations

import re

from PySide6.QtCore import QCoreApplication, Signal, Slot

from ...pve import api, errors
from ...pve.entities import LXC, Instance
from .. import kit
from . import scheme
from .console_kinds import NODE
from .console_page import ConsoleBridge
from .console_view import ConsoleState, ConsoleView

FONT_SIZES = range(8, 33)
DEFAULT_FONT_SIZE = 14
_SERIAL = re.compile(r"^serial[0-3]$")


def serial_ports(config: dict) -> list[str]:
    """The VM's serial ports a terminal can use (`serialN: socket`; a host device is not one)."""
    return sorted(key for key, value in config.items() if _SERIAL.match(key) and str(value) == "socket")


class TerminalBridge(ConsoleBridge):
    """The terminal page's bridge: the console bridge plus font size and scrollback search."""

    setFontSize = Signal(int)  # noqa: N815 - the page's name
    findText = Signal(str, bool)  # noqa: N815
    search_result = Signal(bool)

    @Slot(bool)
    def searchResult(self, found):  # noqa: N802 - called by name from JavaScript
        if self._trusted():
            self.search_result.emit(bool(found))


class TerminalView(ConsoleView):
    """A terminal (xterm.js) on a guest's or a node's termproxy; `resolution` is (columns, rows)."""

    page_url = scheme.TERMINAL_URL
    bridge_class = TerminalBridge
    search_result = Signal(bool)
    font_size_changed = Signal(int)

    def __init__(self, session, instance: Instance, parent=None):
        self.font_size = DEFAULT_FONT_SIZE
        self._config_reply = None
        super().__init__(session, instance, parent)
        self.setObjectName("terminalView")
        self.view.setAccessibleName(self.tr("Terminal"))
        self.bridge.search_result.connect(self.search_result)

    def tr(self, text: str, disambiguation: str | None = None, n: int = -1) -> str:
        """Own texts under this class, the inherited ones under ConsoleView (PySide looks
        `self.tr` up under the object's class)."""
        own = QCoreApplication.translate("TerminalView", text, disambiguation, n)
        return own if own != text else QCoreApplication.translate("ConsoleView", text, disambiguation, n)

    @property
    def is_node_shell(self) -> bool:
        return self.instance.type == NODE

    @property
    def kind_label(self) -> str:
        if self.is_node_shell:
            return self.tr("Node shell")
        return "LXC" if self.instance.type == LXC else self.tr("KVM serial")

    # ---------------------------------------------------------------- API

    def set_font_size(self, size: int) -> None:
        self.font_size = min(max(int(size), FONT_SIZES[0]), FONT_SIZES[-1])
        self.bridge.setFontSize.emit(self.font_size)
        self.font_size_changed.emit(self.font_size)

    def zoom(self, step: int) -> None:
        """Larger (+1) or smaller (-1) text; 0 back to the default size."""
        self.set_font_size(self.font_size + step if step else DEFAULT_FONT_SIZE)

    def find(self, text: str, forward: bool = True) -> None:
        """Select the next (or previous) match in the scrollback; `search_result` says if found."""
        self.bridge.findText.emit(text, forward)

    def selection(self, callback) -> None:
        """callback(str) with the selected text ('' when none)."""
        self.run_js("vt.selection()", lambda text: callback(text if isinstance(text, str) else ""))

    def paste(self, text: str) -> None:
        """Send text as typed (bracketed paste where the program asked for it)."""
        self.bridge.typeText.emit(text)

    def buffer_text(self, callback) -> None:
        """callback(str) with the scrollback and screen as plain lines (tests, copy all)."""
        self.run_js("vt.text()", lambda text: callback(text if isinstance(text, str) else ""))

    # ------------------------------------------------------------- hooks

    def _proxy_op(self) -> api.Op:
        if self.is_node_shell:
            return api.node_termproxy(self.instance.node)
        return api.termproxy(self.instance)

    def _socket_op(self, data: dict) -> api.Op:
        if self.is_node_shell:
            return api.node_vncwebsocket(self.instance.node, data["port"], data["ticket"])
        return api.vncwebsocket(self.instance, data["port"], data["ticket"])

    def _credentials(self, data: dict) -> str:
        """The first message PVE's termproxy expects: `user:ticket` and a newline."""
        user = str(data.get("user") or self.session.client.user)
        return "{0}:{1}\n".format(user, data["ticket"])

    def _refused_hint(self) -> str:
        if self.is_node_shell:
            return kit.fmt(self.tr("Check that your user has the Sys.Console privilege on /nodes/%1."),
                           self.instance.node)
        return super()._refused_hint()

    def _on_page_ready(self) -> None:
        super()._on_page_ready()
        self.bridge.setFontSize.emit(self.font_size)

    def _request_proxy(self) -> None:
        if self.instance.is_vm:
            # PVE's qm terminal needs a serial socket; without one the socket would just close.
            reply = self.session.run(api.guest_config(self.instance, current=True))
            self._config_reply = reply
            reply.then(self, lambda data, error, r=reply: self._on_config(r, data, error))
            return
        super()._request_proxy()

    def _on_config(self, reply, data, error) -> None:
        if reply is not self._config_reply or not self._want or self.state != ConsoleState.CONNECTING:
            return
        self._config_reply = None
        if error is not None:
            self._fail(error, errors.describe(error))
        elif not serial_ports(data or {}):
            self._fail(None, kit.fmt(self.tr("%1 has no serial port, so it has no text terminal. Add a "
                                             "serial port of type socket (serial0: socket) in its "
                                             "hardware and restart it, or use the graphical console."),
                                     self._title()))
        else:
            super()._request_proxy()
