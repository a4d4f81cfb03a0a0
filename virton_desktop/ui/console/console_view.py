"""ConsoleView: one guest's VNC console, noVNC in a QWebEngineView, with reconnect.

How a connection is made (PVE's console protocol, pve-notes.md "Console"):
  1. `api.vncproxy(guest)` (with `websocket=1`) through the session (the GUI thread never
     waits: the reply arrives as a signal) gives `port` and `ticket`;
  2. the session's `PVEAuthCookie` is put into the console profile's cookie store for the
     node's host (the websocket cannot carry headers, so API tokens cannot open consoles);
  3. the page (resources/console/console.html, our own, served as `virton-console://` and
     locked to itself: console_page.py; the bridge and the ticket only while it is ours) opens
     `api.vncwebsocket(guest, port, ticket)` as `wss://` on the session's host at once (PVE
     gives about 10 s) and authenticates with the ticket as VNC password.

TLS: a node with a self-signed certificate makes Chromium report a certificate error. The
error is accepted only when the certificate's SHA-256 equals the fingerprint the session
pinned (`session.client.expected_fingerprint`); anything else is refused and shown.

Resilience: a dropped websocket (network, guest reboot) reconnects by itself with a growing
delay and a visible countdown; a stopped guest shows "Start" instead of a black screen;
refusals (ticket, permission, certificate) are explained with `errors.describe`.

The page loads once per view (about a second); reconnects reuse it.
"""

from __future__ import annotations

import base64
import json
import logging
import urllib.parse
from enum import StrEnum

from PySide6.QtCore import QByteArray, Qt, QTimer, QUrl, Signal
from PySide6.QtGui import QImage
from PySide6.QtNetwork import QNetworkCookie
from PySide6.QtWebChannel import QWebChannel
from PySide6.QtWebEngineWidgets import QWebEngineView
from PySide6.QtWidgets import QHBoxLayout, QLabel, QStackedLayout, QVBoxLayout, QWidget

from ...pve import api, errors
from ...pve.client import normalize_fingerprint
from ...pve.entities import LXC, UNKNOWN, Instance
from .. import kit, style
from . import scheme
from .console_page import ConsoleBridge, ConsolePage, console_profile, release_before_profile

log = logging.getLogger(__name__)

# Seconds to wait before each automatic reconnect attempt; the last one repeats.
BACKOFF = (1, 2, 4, 8, 15, 30)

# X11 keysyms and the DOM key codes (noVNC maps those to scancodes for QEMU's extended key
# events, which work whatever keyboard layout the guest uses).
_KEY = {
    "ctrl": (0xFFE3, "ControlLeft"), "alt": (0xFFE9, "AltLeft"), "shift": (0xFFE1, "ShiftLeft"),
    "super": (0xFFEB, "MetaLeft"), "del": (0xFFFF, "Delete"), "backspace": (0xFF08, "Backspace"),
    "tab": (0xFF09, "Tab"), "print": (0xFF61, "PrintScreen"), "enter": (0xFF0D, "Enter"),
    "esc": (0xFF1B, "Escape"),
}
for _n in range(1, 13):
    _KEY["f{0}".format(_n)] = (0xFFBE + _n - 1, "F{0}".format(_n))


def key_combo(spec: str) -> list[tuple[int, str]]:
    """'ctrl+alt+del' -> [(keysym, code), ...] in pressing order."""
    return [_KEY[part] for part in spec.lower().split("+")]


# (combo, label) for the send-keys menu; labels are translated where they are shown.
SEND_KEYS = (("ctrl+alt+del", "Ctrl+Alt+Del"), ("ctrl+alt+backspace", "Ctrl+Alt+Backspace")) + tuple(
    ("ctrl+alt+f{0}".format(n), "Ctrl+Alt+F{0}".format(n)) for n in range(1, 13)) + (
    ("alt+tab", "Alt+Tab"), ("print", "Print Screen"), ("super", "Windows key"))



class ConsoleState(StrEnum):
    """Where a console stands (equal to the plain strings)."""

    IDLE = "idle"  # not connected
    CONNECTING = "connecting"
    CONNECTED = "connected"
    WAITING = "waiting"  # the countdown to an automatic reconnect
    STOPPED = "stopped"  # the guest is not running: offers Start
    FAILED = "failed"  # needs the user: the message says why


class PageStatus(StrEnum):
    """What the console page reports of its websocket (console.js `statusChanged`)."""

    CONNECTING = "connecting"
    CONNECTED = "connected"
    DISCONNECTED = "disconnected"

class ConsoleView(QWidget):
    """A guest's console: the noVNC page plus a panel for every state without a picture
    (`state` is a ConsoleState). Subclasses (terminal_view.TerminalView) set another page and
    bridge and override the `_proxy_op` / `_socket_op` / `_credentials` hooks."""

    page_url = scheme.PAGE_URL
    bridge_class = ConsoleBridge

    state_changed = Signal(str)
    message_changed = Signal(str)
    resolution_changed = Signal(int, int)
    desktop_name_changed = Signal(str)
    first_frame = Signal()
    start_requested = Signal()

    def __init__(self, session, instance: Instance, parent=None):
        super().__init__(parent)
        self.setObjectName("consoleView")
        release_before_profile(self)
        self.session = session
        self.instance = instance
        self.state = ConsoleState.IDLE
        self.message = ""
        self.error: errors.PveError | None = None
        self.resolution = (0, 0)
        self.desktop_name = ""
        self.scale_mode = "fit"
        self.attempt = 0            # automatic reconnects since the last good connection
        self._page_ready = False
        self._want = False          # the user wants a connection (reconnect keeps it)
        self._reply = None
        self._cert_error: errors.CertificateError | None = None
        self._countdown = 0
        self._seen_frame = False

        self.bridge = self.bridge_class(lambda: self.page.trusted, self)
        self.bridge.ready.connect(self._on_page_ready)
        self.bridge.status.connect(self._on_status)
        self.bridge.desktop_name.connect(self._on_desktop_name)
        self.bridge.resolution.connect(self._on_resolution)
        self.bridge.frame.connect(self._on_frame)

        self.view = QWebEngineView(self)
        self.view.setObjectName("consoleWebView")
        self.view.setAccessibleName(self.tr("Guest screen"))
        self.page = ConsolePage(getattr(session.client, "expected_fingerprint", None), self.view, self.page_url)
        self.page.certificate_refused.connect(self._on_certificate_refused)
        self.page.tampered.connect(self._on_page_tampered)
        self.channel = QWebChannel(self.page)
        self.channel.registerObject("bridge", self.bridge)
        self.page.setWebChannel(self.channel)
        self.view.setPage(self.page)

        self.panel = QWidget(self)
        self.panel.setObjectName("consolePanel")
        self.panel.setAutoFillBackground(True)
        self.panel.setStyleSheet("#consolePanel {{ background: {0}; }} QLabel {{ color: {1}; }}".format(
            style.CONSOLE_BACKGROUND, style.CONSOLE_TEXT))
        self.panel_label = QLabel(self.panel)
        self.panel_label.setObjectName("consoleMessage")
        self.panel_label.setWordWrap(True)
        self.panel_label.setTextFormat(Qt.TextFormat.PlainText)  # server errors and guest names
        self.panel_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.start_button = kit.button(self.tr("Start guest"), "consoleStartButton", parent=self.panel,
                                       accessible=self.tr("Start the guest"), slot=self.start_requested.emit)
        self.retry_button = kit.button(self.tr("Reconnect now"), "consoleRetryButton", parent=self.panel,
                                       accessible=self.tr("Reconnect the console now"), slot=self.connect_console)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.start_button)
        buttons.addWidget(self.retry_button)
        buttons.addStretch(1)
        panel_layout = QVBoxLayout(self.panel)
        panel_layout.addStretch(1)
        panel_layout.addWidget(self.panel_label)
        panel_layout.addLayout(buttons)
        panel_layout.addStretch(1)

        self.stack = QStackedLayout(self)
        self.stack.setContentsMargins(0, 0, 0, 0)
        self.stack.addWidget(self.panel)
        self.stack.addWidget(self.view)

        self._tick = QTimer(self)
        self._tick.setInterval(1000)
        self._tick.timeout.connect(self._on_tick)

        self.page.load_console()
        self._set_state(ConsoleState.IDLE, self.tr("Not connected."))

    # ---------------------------------------------------------------- API

    @property
    def kind_label(self) -> str:
        return "LXC" if self.instance.type == LXC else "KVM"

    @property
    def countdown(self) -> int:
        """Seconds left before the next automatic reconnect (while WAITING)."""
        return self._countdown

    def connect_console(self) -> None:
        """Connect (or reconnect now); a no-op while a connection is being made."""
        self._want = True
        self._tick.stop()
        if self.state == ConsoleState.CONNECTING:
            return
        if self.page.is_tampered:
            self._on_page_tampered()
            return
        if not self.instance.alive:
            self._show_stopped()
            return
        if not self.session.client.ticket:
            # PVE accepts API tokens for vncproxy, but the websocket can only carry a cookie.
            self._fail(None, self.tr("Consoles need a password login: the console connection "
                                     "authenticates with the session ticket, which an API token "
                                     "login does not have. Connect to the cluster with a user "
                                     "and password to use consoles."))
            return
        self._cert_error = None
        self._seen_frame = False
        self._set_state(ConsoleState.CONNECTING, kit.fmt(self.tr("Connecting to the console of %1…"), self._title()))
        if not self._page_ready:
            return  # _on_page_ready continues
        self._request_proxy()

    def disconnect_console(self) -> None:
        self._want = False
        self._tick.stop()
        self._reply = None
        self.bridge.disconnectNow.emit()
        self._set_state(ConsoleState.IDLE, self.tr("Disconnected. Use Connect to open the console again."))

    def set_session(self, session) -> None:
        """The cluster's session was replaced (logged in again): use the new one from now on."""
        if session is not self.session:
            self.session = session
            self.page.expected = normalize_fingerprint(session.client.expected_fingerprint) \
                if getattr(session.client, "expected_fingerprint", None) else None

    def update_instance(self, instance: Instance) -> None:
        """The guest changed (from the session's poll): stopped <-> running."""
        old = self.instance
        self.instance = instance
        if instance.alive and not old.alive and self._want and \
                self.state in (ConsoleState.STOPPED, ConsoleState.WAITING, ConsoleState.IDLE):
            self.connect_console()
        elif not instance.alive and \
                self.state in (ConsoleState.STOPPED, ConsoleState.WAITING, ConsoleState.FAILED):
            self._show_stopped()

    def send_keys(self, combo: str) -> None:
        """Press a combination like 'ctrl+alt+del' in the guest."""
        self.bridge.sendCombo.emit(json.dumps(key_combo(combo)))

    def type_text(self, text: str) -> None:
        self.bridge.typeText.emit(text)

    def paste_clipboard(self, text: str) -> None:
        """Put text on the guest's clipboard (VMs with `vga: ...,clipboard=vnc`)."""
        self.page.runJavaScript("vt.pasteText(" + json.dumps(text) + ")")

    def set_scale_mode(self, mode: str) -> None:
        """'fit' (scale to the window) or 'native' (1:1, scroll bars when larger)."""
        self.scale_mode = "native" if mode == "native" else "fit"
        self.bridge.setScaleMode.emit(self.scale_mode)

    def focus_screen(self) -> None:
        self.view.setFocus()
        self.bridge.focusScreen.emit()

    def run_js(self, expression: str, callback) -> None:
        """Evaluate a query on the page (e.g. 'vt.pixels()'); callback gets its value, passed
        through JSON (None if the page is not ready or the expression failed)."""
        def done(text):
            try:
                callback(json.loads(text) if isinstance(text, str) and text else None)
            except ValueError:
                callback(None)
        script = "(function(){try{return JSON.stringify(" + expression + ");}catch(e){return '';}})()"
        self.page.runJavaScript(script, 0, done)

    def screenshot(self, callback) -> None:
        """callback(QImage) with the guest's framebuffer at its own size (null when nothing shown)."""
        def done(url):
            image = QImage()
            if isinstance(url, str) and url.startswith("data:image/png;base64,"):
                image.loadFromData(QByteArray(base64.b64decode(url.split(",", 1)[1])), "PNG")
            callback(image)
        self.run_js("vt.screenshot()", done)

    def close_console(self) -> None:
        """Disconnect and release the page (call before the widget goes away)."""
        self.disconnect_console()

    # ------------------------------------------------------------ helpers

    def _title(self) -> str:
        return "{0} ({1})".format(self.instance.name or self.instance.vmid, self.instance.vmid)

    def _set_state(self, state: ConsoleState, message: str) -> None:
        self.message = message
        self.panel_label.setText(message)
        self.start_button.setVisible(state == ConsoleState.STOPPED)
        self.retry_button.setVisible(state in (ConsoleState.WAITING, ConsoleState.FAILED, ConsoleState.IDLE))
        self.retry_button.setText(self.tr("Connect") if state == ConsoleState.IDLE else self.tr("Reconnect now"))
        showing = state == ConsoleState.CONNECTED and self._seen_frame
        self.stack.setCurrentWidget(self.view if showing else self.panel)
        changed = state != self.state
        self.state = state
        self.message_changed.emit(message)
        if changed:
            self.state_changed.emit(state)

    def _show_stopped(self) -> None:
        self._tick.stop()
        self.bridge.disconnectNow.emit()
        if self.instance.status == UNKNOWN:
            text = self.tr("The node %1 of %2 is offline or unreachable. The console connects by "
                           "itself when the node is back.")
        else:
            text = self.tr("%2 is not running, so it has no screen to show. Start it, and the "
                           "console connects by itself.")
        self._set_state(ConsoleState.STOPPED, kit.fmt(text, self.instance.node, self._title()))
        self.start_button.setVisible(self.instance.status != UNKNOWN)

    def _fail(self, error, message: str) -> None:
        self._tick.stop()
        self.error = error
        self._set_state(ConsoleState.FAILED, message)

    def _proxy_op(self) -> api.Op:
        return api.vncproxy(self.instance)

    def _socket_op(self, data: dict) -> api.Op:
        return api.vncwebsocket(self.instance, data["port"], data["ticket"])

    def _credentials(self, data: dict) -> str:
        """What the page authenticates with: the ticket is also the VNC password (PVE's
        vncproxy with websocket=1)."""
        return str(data.get("password") or data["ticket"])

    def _refused_hint(self) -> str:
        return self.tr("Check that your user has the VM.Console privilege on this guest.")

    def _request_proxy(self) -> None:
        reply = self.session.run(self._proxy_op())
        self._reply = reply
        reply.then(self, lambda data, error, r=reply: self._on_proxy(r, data, error))

    def _on_proxy(self, reply, data, error) -> None:
        if reply is not self._reply or not self._want:
            return  # disconnected or superseded meanwhile
        self._reply = None
        if error is not None:
            if "not running" in (error.message or ""):
                self._show_stopped()
            elif isinstance(error, (errors.ConnectionFailed, errors.RequestTimeout)):
                self._schedule_reconnect(errors.describe(error))
            else:
                self._fail(error, errors.describe(error))
            return
        if not self.page.trusted:
            self._on_page_tampered()  # the ticket goes to our own page or nowhere
            return
        client = self.session.client
        self._set_cookie(client)
        socket = self._socket_op(data)
        url = "wss://{0}{1}?{2}".format(client.base_url.split("://", 1)[1], socket.path,
                                        urllib.parse.urlencode(socket.params, quote_via=urllib.parse.quote))
        self.page.allow_socket(QUrl(url))
        self.bridge.connectTo.emit(url, self._credentials(data))

    def _set_cookie(self, client) -> None:
        set_console_cookie(client)

    def _schedule_reconnect(self, why: str) -> None:
        delay = BACKOFF[min(self.attempt, len(BACKOFF) - 1)]
        self.attempt += 1
        self._countdown = delay
        self._why = why
        self._set_state(ConsoleState.WAITING, self._countdown_text())
        self._tick.start()

    def _countdown_text(self) -> str:
        return kit.fmt(self.tr("%1\nReconnecting in %2 s…"), self._why, self._countdown)

    def _on_tick(self) -> None:
        self._countdown -= 1
        if self._countdown > 0:
            self._set_state(ConsoleState.WAITING, self._countdown_text())
            return
        self._tick.stop()
        self.connect_console()

    # ------------------------------------------------------- page events

    def _on_page_ready(self) -> None:
        self._page_ready = True
        self.bridge.setScaleMode.emit(self.scale_mode)
        if self.state == ConsoleState.CONNECTING:
            self._request_proxy()

    def _on_status(self, state: str, detail: str) -> None:
        if state == PageStatus.CONNECTED:
            self.attempt = 0
            self.error = None
            self._set_state(ConsoleState.CONNECTED, self.tr("Connected."))
        elif state == PageStatus.DISCONNECTED:
            if not self._want:
                return
            if self._cert_error is not None:
                self._fail(self._cert_error, errors.describe(self._cert_error))
            elif detail.startswith("security:"):
                # PVE refused the ticket (expired before use, or revoked): a new one may work.
                why = kit.fmt(self.tr("The console ticket was refused (%1)."), detail[9:])
                if self.attempt >= 2:
                    self._fail(None, why + "\n" + self._refused_hint())
                else:
                    self._schedule_reconnect(why)
            elif not self.instance.alive:
                self._show_stopped()
            else:
                self._schedule_reconnect(self.tr("The console connection was lost."))

    def _on_page_tampered(self) -> None:
        self._want = False
        self._tick.stop()
        self._reply = None
        self.bridge.disconnectNow.emit()
        self._fail(None, self.tr("The console page tried to open another page and was stopped; "
                                 "it gets no further console tickets. Close this console and open "
                                 "it again."))

    def _on_certificate_refused(self, exc) -> None:
        self._cert_error = exc

    def _on_desktop_name(self, name: str) -> None:
        self.desktop_name = name
        self.desktop_name_changed.emit(name)

    def _on_resolution(self, width: int, height: int) -> None:
        self.resolution = (width, height)
        self.resolution_changed.emit(width, height)

    def _on_frame(self) -> None:
        self._seen_frame = True
        if self.state == ConsoleState.CONNECTED:
            self._set_state(ConsoleState.CONNECTED, self.message)
        self.first_frame.emit()


def console_socket_url(client, socket: api.Op) -> str:
    """The `wss://` URL of a console socket (`api.vncwebsocket`) on the session's host; its
    query holds the ticket."""
    return "wss://{0}{1}?{2}".format(client.base_url.split("://", 1)[1], socket.path,
                                     urllib.parse.urlencode(socket.params, quote_via=urllib.parse.quote))


def set_console_cookie(client) -> None:
    """Put the session's `PVEAuthCookie` into the console profile for the node's host (the
    websocket cannot carry headers)."""
    cookie = QNetworkCookie(b"PVEAuthCookie", client.ticket.encode())
    cookie.setPath("/")
    cookie.setSecure(True)
    cookie.setHttpOnly(True)
    # The page is a local file, so the websocket is a cross-site request: only a
    # SameSite=None cookie goes along.
    cookie.setSameSitePolicy(QNetworkCookie.SameSite.None_)
    origin = QUrl(client.base_url).resolved(QUrl("/"))
    console_profile().cookieStore().setCookie(cookie, origin)
