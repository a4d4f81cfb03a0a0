"""The console wall's page: `resources/console/wall.html`, locked like the console page.

`WallPage` is a `ConsolePage` (navigation refused, no windows, no file:// or remote content,
requests only for our scheme's files and the sockets it was handed, the pinned certificate
only) locked to `WALL_URL`, and it may hold one console socket per tile. `WallBridge` is the
QObject the page sees as `bridge`; like `ConsoleBridge`, its slots answer only while the page
is still ours.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, QUrl, Signal, Slot

from . import scheme
from .console_page import ConsolePage, _socket_key


def host_port(url: QUrl) -> tuple[str, int]:
    return url.host().lower(), url.port(443)


WALL_URL = QUrl("{0}://{1}/console/wall.html".format(scheme.SCHEME, scheme.HOST))


class WallPage(ConsolePage):
    """The wall page: one socket per tile (by tile id), each allowed only while its tile holds it.

    The certificate check pins one fingerprint per page; a wall showing guests of several
    clusters pins each cluster's (`fingerprints`), since every tile's socket may go to another
    cluster's host.
    """

    def __init__(self, parent=None):
        super().__init__(None, parent, WALL_URL)
        self._tile_sockets: dict[str, tuple[str, str, int, str]] = {}
        self.fingerprints: dict[tuple[str, int], str] = {}  # (host, port) -> the fingerprint its session pinned

    def allow_tile_socket(self, tile_id: str, url: QUrl) -> None:
        if self.is_tampered:
            return
        self._tile_sockets[tile_id] = _socket_key(url)
        self.sockets = set(self._tile_sockets.values())

    def forget_tile_socket(self, tile_id: str) -> None:
        self._tile_sockets.pop(tile_id, None)
        self.sockets = set(self._tile_sockets.values())

    def _on_certificate_error(self, error):
        self.expected = self.fingerprints.get(host_port(error.url()))
        super()._on_certificate_error(error)


class WallBridge(QObject):
    """Signals are commands for the page, slots its events (ignored once the page is not ours)."""

    # to the page (camelCase: the names wall.js connects to)
    setTiles = Signal(str, int)  # noqa: N815 - [{id, label}] as JSON, the column count
    setTileText = Signal(str, str, str, str)  # noqa: N815 - id, kind (live/connecting/off/refused), state, message
    connectTile = Signal(str, str, str)  # noqa: N815 - id, socket URL, VNC password
    disconnectTile = Signal(str)  # noqa: N815
    disconnectAll = Signal()  # noqa: N815
    # to Python
    ready = Signal()
    status = Signal(str, str, str)       # id, connecting/connected/disconnected, detail
    frame = Signal(str)                  # id: the tile's first frame is drawn
    activated = Signal(str)              # id: the user clicked the tile

    def __init__(self, trusted: Callable[[], bool], parent=None):
        super().__init__(parent)
        self._trusted = trusted

    @Slot()
    def pageReady(self):  # noqa: N802 - called by name from JavaScript
        if self._trusted():
            self.ready.emit()

    @Slot(str, str, str)
    def tileStatus(self, tile_id, state, detail):  # noqa: N802
        if self._trusted():
            self.status.emit(tile_id, state, detail)

    @Slot(str)
    def tileFrame(self, tile_id):  # noqa: N802
        if self._trusted():
            self.frame.emit(tile_id)

    @Slot(str)
    def tileActivated(self, tile_id):  # noqa: N802
        if self._trusted():
            self.activated.emit(tile_id)
