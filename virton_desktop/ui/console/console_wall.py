"""ConsoleWall: a window with a grid of live, view-only, throttled consoles of several guests.

For watching installs, boots and kiosks of guests from any connected cluster at once. One
locked page (`wall_page.WallPage`, resources/console/wall.{html,js}) holds every tile's noVNC
connection: one renderer process for the wall, not one per guest (DESIGN.md "Console wall"
has what 4 and 16 tiles cost). Each tile:

- gets its own `vncproxy` ticket through its guest's session, handed to our page only, and a
  socket the page's request guard allows only while the tile holds it;
- is view-only, scaled to the tile, and throttled (wall.js: one frame request per 250 ms, low
  JPEG quality, no continuous updates);
- is labelled with the guest's name, id and cluster (plain text) and its state: connecting,
  live, not running, or refused with `errors.describe`'s reason — or, without VM.Console on
  the guest, the missing privilege (nothing is requested then);
- opens the guest's normal console when clicked (`open_requested`).

At most `MAX_TILES` guests; a larger selection shows the first ones and says so. The tiles'
sockets and tickets are closed while the wall is hidden or minimised, and reconnect when it is
shown again.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass
from enum import StrEnum

from PySide6.QtCore import QEvent, Qt, QTimer, QUrl, Signal
from PySide6.QtWebChannel import QWebChannel
from PySide6.QtWebEngineWidgets import QWebEngineView
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from ...pve import api, errors
from ...pve.client import normalize_fingerprint
from ...pve.entities import UNKNOWN, Instance
from .. import kit
from ..permission_gate import guest_need, lack_text
from .console_kinds import MAX_TILES
from .console_page import release_before_profile
from .console_view import BACKOFF, PageStatus, console_socket_url, set_console_cookie
from .wall_page import WallBridge, WallPage, host_port

# A refused ticket is tried again this many times (it may have expired in transit) before the
# tile gives up and says so.
TICKET_RETRIES = 2


class TileState(StrEnum):
    """Where a tile stands (equal to the plain strings)."""

    PAUSED = "paused"          # the wall is hidden: no socket, no ticket
    CONNECTING = "connecting"
    LIVE = "live"
    WAITING = "waiting"        # dropped: reconnects by itself
    NOT_RUNNING = "not running"
    REFUSED = "refused"        # the reason is the message
    DENIED = "denied"          # the login lacks VM.Console: the message names it


# The page's colour for each state (wall.html).
_KIND = {TileState.PAUSED: "off", TileState.CONNECTING: "connecting", TileState.LIVE: "live",
         TileState.WAITING: "connecting", TileState.NOT_RUNNING: "off", TileState.REFUSED: "refused",
         TileState.DENIED: "refused"}


@dataclass(eq=False)
class WallTile:
    """One guest's place on the wall."""

    id: str
    instance: Instance
    state: TileState = TileState.PAUSED
    message: str = ""
    attempt: int = 0       # reconnects since the last good connection
    generation: int = 0    # bumped on every (re)start or stop: late answers of older ones are dropped
    reply: object = None
    socket_host: tuple[str, int] | None = None  # where its socket goes (a refused certificate names it)


def columns_for(count: int) -> int:
    """Grid columns for `count` tiles: as square as the count allows (4 -> 2x2, 16 -> 4x4, 5 -> 3x2)."""
    return max(1, math.ceil(math.sqrt(count)))


class ConsoleWall(QWidget):
    """The wall window; `clusters` is the registry (`get(cluster_id)`, `privileges(cluster_id)`)."""

    open_requested = Signal(object)  # Instance: show its normal console

    def __init__(self, clusters, instances: list[Instance], parent=None):
        super().__init__(parent, Qt.WindowType.Window)
        self.setObjectName("consoleWall")
        self.setWindowTitle(self.tr("Console wall"))
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        release_before_profile(self)
        self.clusters = clusters
        self.selected_count = len(instances)
        self.tiles = [WallTile("t{0}".format(i), inst) for i, inst in enumerate(instances[:MAX_TILES])]
        self._by_id = {tile.id: tile for tile in self.tiles}
        self._page_ready = False
        self._active = False   # shown and not minimised: tiles may hold connections

        self.cap_label = kit.named(QLabel(self), "wallCapNote")
        self.cap_label.setTextFormat(Qt.TextFormat.PlainText)
        self.cap_label.setWordWrap(True)
        self.cap_label.setText(kit.fmt(self.tr("%1 guests are selected; the wall shows the first %2."),
                                       self.selected_count, MAX_TILES))
        self.cap_label.setVisible(self.selected_count > MAX_TILES)
        self.hint = kit.named(QLabel(self.tr("View only. Click a guest to open its console."), self), "wallHint")

        self.bridge = WallBridge(lambda: self.page.trusted, self)
        self.bridge.ready.connect(self._on_page_ready)
        self.bridge.status.connect(self._on_status)
        self.bridge.activated.connect(self._on_activated)
        self.view = kit.named(QWebEngineView(self), "wallWebView", self.tr("Guest screens"))
        self.page = WallPage(self.view)
        self.page.tampered.connect(self._on_page_tampered)
        self.page.certificate_refused.connect(self._on_certificate_refused)
        self._refused_certificates: dict[str, errors.PveError] = {}  # by host
        self.channel = QWebChannel(self.page)
        self.channel.registerObject("bridge", self.bridge)
        self.page.setWebChannel(self.channel)
        self.view.setPage(self.page)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.cap_label)
        layout.addWidget(self.hint)
        layout.addWidget(self.view, 1)

        followed = set()
        for tile in self.tiles:
            session = clusters.get(tile.instance.cluster)
            if session is not None and id(session) not in followed:
                followed.add(id(session))
                session.instances_polled.connect(self._on_delta)
        self.page.load_console()
        self.resize(1280, 800)

    # ---------------------------------------------------------------- API

    @property
    def active(self) -> bool:
        return self._active

    def tile_for(self, key: tuple[str, int]) -> WallTile | None:
        return next((tile for tile in self.tiles if tile.instance.key == key), None)

    def resume(self) -> None:
        """Connect every tile (the wall is on screen)."""
        if self._active:
            return
        self._active = True
        if self._page_ready:
            for tile in self.tiles:
                self._start(tile)

    def suspend(self) -> None:
        """Close every tile's socket and forget its ticket (the wall is hidden or minimised)."""
        if not self._active:
            return
        self._active = False
        for tile in self.tiles:
            self._stop(tile)
            self._set(tile, TileState.PAUSED, self.tr("Paused while the wall is not shown."))
        self.bridge.disconnectAll.emit()

    def run_js(self, expression: str, callback) -> None:
        """Evaluate a query on the page (e.g. 'wall.tiles()'); callback gets its JSON value or None."""
        def done(text):
            try:
                callback(json.loads(text) if isinstance(text, str) and text else None)
            except ValueError:
                callback(None)
        script = "(function(){try{return JSON.stringify(" + expression + ");}catch(e){return '';}})()"
        self.page.runJavaScript(script, 0, done)

    # ------------------------------------------------------------- window

    def showEvent(self, event):  # noqa: N802 - Qt's name
        super().showEvent(event)
        if not self.isMinimized():
            self.resume()

    def hideEvent(self, event):  # noqa: N802
        super().hideEvent(event)
        self.suspend()

    def changeEvent(self, event):  # noqa: N802
        super().changeEvent(event)
        if event.type() == QEvent.Type.WindowStateChange:
            if self.isMinimized():
                self.suspend()
            elif self.isVisible():
                self.resume()

    def closeEvent(self, event):  # noqa: N802
        self.suspend()
        super().closeEvent(event)

    # ------------------------------------------------------------ helpers

    def _label(self, inst: Instance) -> str:
        session = self.clusters.get(inst.cluster)
        cluster = session.name if session is not None else inst.cluster
        return "{0} ({1}) · {2}".format(inst.name or inst.vmid, inst.vmid, cluster)

    def _state_text(self, state: TileState) -> str:
        return {TileState.PAUSED: self.tr("paused"), TileState.CONNECTING: self.tr("connecting…"),
                TileState.LIVE: self.tr("live"), TileState.WAITING: self.tr("reconnecting…"),
                TileState.NOT_RUNNING: self.tr("not running"), TileState.REFUSED: self.tr("refused"),
                TileState.DENIED: self.tr("refused")}[state]

    def _set(self, tile: WallTile, state: TileState, message: str = "") -> None:
        tile.state = state
        tile.message = message
        if self._page_ready:
            self.bridge.setTileText.emit(tile.id, _KIND[state], self._state_text(state), message)

    def _stop(self, tile: WallTile) -> None:
        tile.generation += 1
        tile.reply = None
        self.page.forget_tile_socket(tile.id)

    def _start(self, tile: WallTile) -> None:
        """Check what the tile may show, then ask for its ticket."""
        self._stop(tile)
        self.bridge.disconnectTile.emit(tile.id)
        inst = tile.instance
        session = self.clusters.get(inst.cluster)
        if session is None:
            self._set(tile, TileState.REFUSED, self.tr("Not connected to this guest's cluster."))
            return
        need = guest_need(self.clusters.privileges(inst.cluster), "console", inst)
        if need is not None:
            self._set(tile, TileState.DENIED, lack_text(need))
            return
        if inst.template:
            self._set(tile, TileState.NOT_RUNNING, self.tr("A template never runs, so it has no screen."))
            return
        if not session.client.ticket:
            self._set(tile, TileState.REFUSED, self.tr("Consoles need a password login: an API token "
                                                       "cannot open the console connection."))
            return
        if not inst.alive:
            self._show_not_running(tile)
            return
        self._set(tile, TileState.CONNECTING, self.tr("Connecting…"))
        generation = tile.generation
        reply = session.run(api.vncproxy(inst))
        tile.reply = reply
        reply.then(self, lambda data, error, t=tile, g=generation: self._on_proxy(t, g, data, error))

    def _show_not_running(self, tile: WallTile) -> None:
        if tile.instance.status == UNKNOWN:
            text = kit.fmt(self.tr("The node %1 is offline or unreachable."), tile.instance.node)
        else:
            text = self.tr("The guest is not running.")
        self._set(tile, TileState.NOT_RUNNING, text)

    def _on_proxy(self, tile: WallTile, generation: int, data, error) -> None:
        if generation != tile.generation or not self._active:
            return  # stopped or restarted meanwhile
        tile.reply = None
        if error is not None:
            if "not running" in (error.message or ""):
                self._show_not_running(tile)
            elif isinstance(error, (errors.ConnectionFailed, errors.RequestTimeout)):
                self._retry(tile, errors.describe(error))
            else:
                self._set(tile, TileState.REFUSED, errors.describe(error))
            return
        if not self.page.trusted:
            self._on_page_tampered()  # the ticket goes to our own page or nowhere
            return
        session = self.clusters.get(tile.instance.cluster)
        if session is None:
            self._set(tile, TileState.REFUSED, self.tr("Not connected to this guest's cluster."))
            return
        client = session.client
        set_console_cookie(client)
        url = console_socket_url(client, api.vncwebsocket(tile.instance, data["port"], data["ticket"]))
        tile.socket_host = host_port(QUrl(url))
        self._refused_certificates.pop(tile.socket_host[0], None)
        if getattr(client, "expected_fingerprint", None):
            self.page.fingerprints[tile.socket_host] = normalize_fingerprint(client.expected_fingerprint)
        self.page.allow_tile_socket(tile.id, QUrl(url))
        # The ticket is also the VNC password (PVE's vncproxy with websocket=1).
        self.bridge.connectTile.emit(tile.id, url, str(data.get("password") or data["ticket"]))

    def _retry(self, tile: WallTile, why: str) -> None:
        delay = BACKOFF[min(tile.attempt, len(BACKOFF) - 1)]
        tile.attempt += 1
        self._set(tile, TileState.WAITING, kit.fmt(self.tr("%1\nReconnecting in %2 s…"), why, delay))
        generation = tile.generation
        QTimer.singleShot(delay * 1000, self, lambda t=tile, g=generation: self._retry_now(t, g))

    def _retry_now(self, tile: WallTile, generation: int) -> None:
        if generation == tile.generation and self._active and tile.state == TileState.WAITING:
            self._start(tile)

    # ------------------------------------------------------- page events

    def _on_page_ready(self) -> None:
        self._page_ready = True
        specs = [{"id": tile.id, "label": self._label(tile.instance)} for tile in self.tiles]
        self.bridge.setTiles.emit(json.dumps(specs), columns_for(len(self.tiles)))
        for tile in self.tiles:
            self._set(tile, tile.state, tile.message)
        if self._active:
            for tile in self.tiles:
                self._start(tile)

    def _on_status(self, tile_id: str, state: str, detail: str) -> None:
        tile = self._by_id.get(tile_id)
        if tile is None or not self._active or tile.state not in (TileState.CONNECTING, TileState.LIVE):
            return
        if state == PageStatus.CONNECTED:
            tile.attempt = 0
            self._set(tile, TileState.LIVE)
        elif state == PageStatus.DISCONNECTED:
            self.page.forget_tile_socket(tile.id)
            refused = self._refused_certificates.get(tile.socket_host[0]) if tile.socket_host else None
            if refused is not None:
                self._set(tile, TileState.REFUSED, errors.describe(refused))
            elif detail.startswith("security:"):
                why = kit.fmt(self.tr("The console ticket was refused (%1)."), detail[9:])
                if tile.attempt >= TICKET_RETRIES:
                    self._set(tile, TileState.REFUSED, why)
                else:
                    self._retry(tile, why)
            elif not tile.instance.alive:
                self._show_not_running(tile)
            else:
                self._retry(tile, self.tr("The console connection was lost."))

    def _on_activated(self, tile_id: str) -> None:
        tile = self._by_id.get(tile_id)
        if tile is not None and tile.state != TileState.DENIED:
            self.open_requested.emit(tile.instance)

    def _on_certificate_refused(self, exc) -> None:
        """A node presented a certificate other than its session's pinned one: its tiles say so."""
        self._refused_certificates[exc.host.lower()] = exc

    def _on_page_tampered(self) -> None:
        for tile in self.tiles:
            self._stop(tile)
        self.bridge.disconnectAll.emit()
        self._active = False
        for tile in self.tiles:
            self._set(tile, TileState.REFUSED, self.tr("The wall page tried to open another page and was "
                                                       "stopped; close the wall and open it again."))

    def _on_delta(self, delta) -> None:
        """A guest started or stopped: its tile follows (a stopped guest's socket is cut by PVE)."""
        for inst in delta.changed:
            tile = self.tile_for(inst.key)
            if tile is None or inst == tile.instance:
                continue
            was_alive, tile.instance = tile.instance.alive, inst
            if not self._active:
                continue
            if inst.alive and not was_alive and tile.state in (TileState.NOT_RUNNING, TileState.WAITING):
                tile.attempt = 0
                self._start(tile)
            elif not inst.alive and tile.state in (TileState.WAITING, TileState.CONNECTING):
                self._stop(tile)
                self.bridge.disconnectTile.emit(tile.id)
                self._show_not_running(tile)
