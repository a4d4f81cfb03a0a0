"""The locked console page: our bundled page only, nothing else loaded, the bridge only for it.

The page gets the VNC websocket URL and ticket over QWebChannel, and the console profile
holds the session's `PVEAuthCookie` (the websocket cannot carry headers). So the page must
never become someone else's page, and must reach nothing but its own files and its socket:

- `ConsolePage.acceptNavigationRequest` lets the page load only its own bundled page
  (`scheme.PAGE_URL` for noVNC, `scheme.TERMINAL_URL` for xterm.js); any other
  navigation (a link, `window.location`, a form, a drop) is refused and `createWindow` opens
  nothing. A refused attempt marks the page `tampered` for good (our page never navigates):
  the bridge stops answering and the view hands out no further ticket.
- `ConsoleRequestGuard`, the console profile's request interceptor, blocks every request that
  is not one of our scheme's files or a `wss://` console socket a live page was handed
  (scheme, host, port and path, as the view gave it).
- The page's settings turn off file:// and remote access for local content, windows,
  plugins, the PDF viewer, drops, favicons; the page's own CSP allows nothing remote but
  `wss:`.
- Certificate errors are refused except for the node's pinned certificate.
"""

from __future__ import annotations

import atexit
import hashlib
import logging
import re
import weakref
from collections.abc import Callable

import shiboken6
from PySide6.QtCore import QFile, QIODevice, QObject, QUrl, Signal, Slot
from PySide6.QtWebEngineCore import (
    QWebEnginePage,
    QWebEngineProfile,
    QWebEngineScript,
    QWebEngineSettings,
    QWebEngineUrlRequestInterceptor,
)

from ...pve import errors
from ...pve.client import normalize_fingerprint
from . import scheme

# Before any page, view or profile of QtWebEngine exists (Chromium learns its schemes when it
# starts): every module that makes one imports this one, and QtWebEngine is loaded with them,
# when the first console opens (app.py).
scheme.register_scheme()

log = logging.getLogger(__name__)

_profile: QWebEngineProfile | None = None
_profile_parts: list[QObject] = []  # its scheme handler and request guard
# Widgets holding console pages: at exit they go first. Chromium crashes the process when its
# profile is destroyed while a page still uses it, and Python's shutdown order is arbitrary.
_holders: weakref.WeakSet[QObject] = weakref.WeakSet()
# Every console page alive: the guard allows the sockets they were handed.
_pages: weakref.WeakSet[ConsolePage] = weakref.WeakSet()


def release_before_profile(holder: QObject) -> None:
    """Delete `holder` (a widget owning a console page) at exit, before the console profile."""
    _holders.add(holder)


def _release_at_exit() -> None:
    for holder in list(_holders):
        if shiboken6.isValid(holder):
            shiboken6.delete(holder)
    global _profile
    if _profile is not None and shiboken6.isValid(_profile):
        shiboken6.delete(_profile)
    _profile = None
    _profile_parts.clear()


def _plain(url: QUrl) -> str:
    """A URL fit for a log line: no query (the console socket's carries the VNC ticket)."""
    port = url.port()
    return "{0}://{1}{2}{3}".format(url.scheme(), url.host(), ":{0}".format(port) if port >= 0 else "", url.path())


# The query of any URL quoted in a page message (Chromium names a failed socket's whole URL,
# and the console socket's query is the VNC ticket).
_QUERY = re.compile(r"(?<=://)([^\s'\"?]*)\?[^\s'\"]+")


def _socket_key(url: QUrl) -> tuple[str, str, int, str]:
    return url.scheme(), url.host().lower(), url.port(443), url.path()


class ConsoleRequestGuard(QWebEngineUrlRequestInterceptor):
    """Blocks every console request except our scheme's files and the sockets pages were handed."""

    # Inline data the page makes itself (noVNC's cursor and PNG rectangles): nothing leaves.
    _INLINE = ("data", "blob")

    def interceptRequest(self, info) -> None:  # noqa: N802 - Qt's name
        url = info.requestUrl()
        try:
            allowed = self.allows(url)
        except Exception:  # noqa: BLE001 - an exception here would let the request through
            log.exception("console: request guard failed")
            allowed = False
        if not allowed:
            info.block(True)
            log.warning("console: blocked a request for %s", _plain(url))

    def allows(self, url: QUrl) -> bool:
        if url.scheme() == scheme.SCHEME:
            return scheme.served_file(url) is not None
        if url.scheme() == "wss":
            return any(_socket_key(url) in page.sockets for page in list(_pages))
        return url.scheme() in self._INLINE


def console_profile() -> QWebEngineProfile:
    """One off-the-record profile for every console: cookies (the PVE tickets) stay in memory."""
    global _profile
    if _profile is None:
        # No parent: deleted explicitly at exit, after the pages (see _release_at_exit).
        _profile = QWebEngineProfile()
        atexit.register(_release_at_exit)
        _profile.setHttpCacheType(QWebEngineProfile.HttpCacheType.MemoryHttpCache)
        # Children of the profile, and held here too: the profile does not keep their Python
        # side alive, and without it Chromium's calls would reach the bare C++ base class.
        _profile_parts[:] = [scheme.ConsoleSchemeHandler(_profile), ConsoleRequestGuard(_profile)]
        _profile.installUrlSchemeHandler(scheme.SCHEME.encode(), _profile_parts[0])
        _profile.setUrlRequestInterceptor(_profile_parts[1])
        script = QWebEngineScript()
        script.setName("qwebchannel")
        script.setSourceCode(_qwebchannel_js())
        script.setInjectionPoint(QWebEngineScript.InjectionPoint.DocumentCreation)
        script.setWorldId(QWebEngineScript.ScriptWorldId.MainWorld)
        script.setRunsOnSubFrames(False)
        _profile.scripts().insert(script)
    return _profile


def _qwebchannel_js() -> str:
    f = QFile(":/qtwebchannel/qwebchannel.js")
    if not f.open(QIODevice.OpenModeFlag.ReadOnly):
        raise RuntimeError("qwebchannel.js is missing from Qt's resources")
    return bytes(f.readAll().data()).decode("utf-8")


class ConsoleBridge(QObject):
    """The QObject the page sees as `bridge`: signals are commands, slots are page events.

    Every slot first asks `trusted()` (is the page still our page?) and ignores the call if not.
    """

    # to the page
    connectTo = Signal(str, str)
    disconnectNow = Signal()
    sendCombo = Signal(str)
    typeStrokes = Signal(str)      # JSON [[[keysym, code], ...], ...]: one combo per character
    typeText = Signal(str)
    setScaleMode = Signal(str)
    focusScreen = Signal()
    # to Python
    ready = Signal()
    status = Signal(str, str)
    desktop_name = Signal(str)
    resolution = Signal(int, int)
    frame = Signal()

    def __init__(self, trusted: Callable[[], bool], parent=None):
        super().__init__(parent)
        self._trusted = trusted

    @Slot()
    def pageReady(self):  # noqa: N802 - called by name from JavaScript
        if self._trusted():
            self.ready.emit()

    @Slot(str, str)
    def statusChanged(self, state, detail):  # noqa: N802
        if self._trusted():
            self.status.emit(state, detail)

    @Slot(str)
    def desktopNameChanged(self, name):  # noqa: N802
        if self._trusted():
            self.desktop_name.emit(name)

    @Slot(int, int)
    def resolutionChanged(self, width, height):  # noqa: N802
        if self._trusted():
            self.resolution.emit(width, height)

    @Slot()
    def firstFrame(self):  # noqa: N802
        if self._trusted():
            self.frame.emit()

    @Slot()
    def bell(self):
        pass


class ConsolePage(QWebEnginePage):
    """A console page, locked to its bundled page (`page_url`: noVNC's or the terminal's);
    refuses every certificate error except the node's pinned certificate."""

    certificate_refused = Signal(object)  # errors.CertificateError
    tampered = Signal()  # the page tried to go elsewhere: it is no longer trusted

    _OFF = (QWebEngineSettings.WebAttribute.LocalContentCanAccessRemoteUrls,
            QWebEngineSettings.WebAttribute.LocalContentCanAccessFileUrls,
            QWebEngineSettings.WebAttribute.JavascriptCanOpenWindows,
            QWebEngineSettings.WebAttribute.PluginsEnabled,
            QWebEngineSettings.WebAttribute.PdfViewerEnabled,
            QWebEngineSettings.WebAttribute.NavigateOnDropEnabled,
            QWebEngineSettings.WebAttribute.AutoLoadIconsForPage,
            QWebEngineSettings.WebAttribute.TouchIconsEnabled,
            QWebEngineSettings.WebAttribute.DnsPrefetchEnabled,
            QWebEngineSettings.WebAttribute.HyperlinkAuditingEnabled,
            QWebEngineSettings.WebAttribute.AllowRunningInsecureContent,
            QWebEngineSettings.WebAttribute.LocalStorageEnabled)

    def __init__(self, expected_fingerprint: str | None, parent=None, page_url: QUrl = scheme.PAGE_URL):
        super().__init__(console_profile(), parent)
        _pages.add(self)
        self.page_url = QUrl(page_url)
        self.expected = normalize_fingerprint(expected_fingerprint) if expected_fingerprint else None
        self.is_tampered = False
        # The console sockets this page was handed (see allow_socket); the guard lets only these through.
        self.sockets: set[tuple[str, str, int, str]] = set()
        self.certificateError.connect(self._on_certificate_error)
        settings = self.settings()
        for attribute in self._OFF:
            settings.setAttribute(attribute, False)

    def load_console(self) -> None:
        self.load(self.page_url)

    @property
    def trusted(self) -> bool:
        """Still our own page: never tried to leave, and showing the bundled page."""
        return not self.is_tampered and self.url() == self.page_url

    def allow_socket(self, url: QUrl) -> None:
        """Let the page open this console websocket (any query: the ticket changes each time)."""
        self.sockets = {_socket_key(url)}

    def acceptNavigationRequest(self, url, navigation_type, is_main_frame):  # noqa: N802 - Qt's name
        if is_main_frame and url == self.page_url and not self.is_tampered:
            return True
        log.warning("console: refused a navigation to %s", _plain(url))
        self._tamper()
        return False

    def createWindow(self, window_type):  # noqa: N802 - Qt's name
        log.warning("console: refused to open a window")
        self._tamper()
        return None

    def _tamper(self) -> None:
        if not self.is_tampered:
            self.is_tampered = True
            self.sockets = set()
            self.tampered.emit()

    def _on_certificate_error(self, error):
        chain = error.certificateChain()
        der = bytes(chain[0].toDer().data()) if chain else b""
        presented = normalize_fingerprint(hashlib.sha256(der).hexdigest()) if der else ""
        host = error.url().host()
        if self.expected and presented == self.expected:
            error.acceptCertificate()
            return
        error.rejectCertificate()
        log.warning("console: refused the certificate of %s (%s)", host, presented or "none")
        if self.expected:
            exc = errors.CertificateMismatch("certificate changed", host=host, fingerprint=presented,
                                             expected=self.expected)
        else:
            exc = errors.CertificateUnknown("certificate not trusted", host=host, fingerprint=presented)
        self.certificate_refused.emit(exc)

    def javaScriptConsoleMessage(self, level, message, line, source):  # noqa: N802
        if level == QWebEnginePage.JavaScriptConsoleMessageLevel.ErrorMessageLevel:
            log.info("console page: %s (%s:%s)", _QUERY.sub(r"\1", message), source, line)
