"""The `virton-console://` URL scheme: the console pages, noVNC and xterm.js, from our resources only.

The console page used to be a `file://` page, which needs `LocalContentCanAccessFileUrls`
(its ES modules import noVNC by relative file URLs) and so could read any local file. Served
from this scheme instead, the page and its modules share one origin (`virton-console://app`)
and the page can reach nothing on the disk but the folders below.

`register_scheme()` must run before QtWebEngine starts (Chromium learns its schemes then):
console_page.py calls it when it is imported, before any profile, page or view exists;
`ConsoleSchemeHandler` is installed on the console profile (ui/console/console_page.py).
"""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QUrl
from PySide6.QtWebEngineCore import QWebEngineUrlRequestJob, QWebEngineUrlScheme, QWebEngineUrlSchemeHandler

log = logging.getLogger(__name__)

SCHEME = "virton-console"
HOST = "app"
RESOURCES = Path(__file__).resolve().parents[2] / "resources"
# The only folders the scheme serves, by their first path segment.
SERVED = ("console", "novnc", "xterm")
PAGE_URL = QUrl("{0}://{1}/console/console.html".format(SCHEME, HOST))
TERMINAL_URL = QUrl("{0}://{1}/console/terminal.html".format(SCHEME, HOST))

_TYPES = {".html": b"text/html; charset=utf-8", ".js": b"text/javascript; charset=utf-8",
          ".mjs": b"text/javascript; charset=utf-8",
          ".css": b"text/css; charset=utf-8", ".json": b"application/json"}


def register_scheme() -> None:
    """Tell Chromium about the scheme (once, before QtWebEngine starts).

    A secure, host-syntax scheme: the page is a secure context with a real origin, so its
    module imports are same-origin. Not a local scheme, so the `LocalContent...` permissions
    (file:// access, remote access) stay off and still the `wss://` console socket works.
    """
    if QWebEngineUrlScheme.schemeByName(SCHEME.encode()).name():
        return
    scheme = QWebEngineUrlScheme(SCHEME.encode())
    scheme.setSyntax(QWebEngineUrlScheme.Syntax.Host)
    scheme.setFlags(QWebEngineUrlScheme.Flag.SecureScheme | QWebEngineUrlScheme.Flag.CorsEnabled)
    QWebEngineUrlScheme.registerScheme(scheme)


def served_file(url: QUrl) -> Path | None:
    """The file under one of the SERVED resource folders that `url` names, else None."""
    if url.scheme() != SCHEME or url.host() != HOST:
        return None
    parts = url.path().lstrip("/").split("/")
    if len(parts) < 2 or parts[0] not in SERVED or any(p in ("", ".", "..") for p in parts):
        return None
    root = (RESOURCES / parts[0]).resolve()
    path = (RESOURCES.joinpath(*parts)).resolve()
    if not path.is_relative_to(root) or not path.is_file():
        return None
    return path


class ConsoleSchemeHandler(QWebEngineUrlSchemeHandler):
    """Answers `virton-console://app/<console|novnc>/...` GETs with the file's bytes."""

    def requestStarted(self, job: QWebEngineUrlRequestJob) -> None:  # noqa: N802 - Qt's name
        url = job.requestUrl()
        path = served_file(url) if job.requestMethod() == QByteArray(b"GET") else None
        if path is None:
            log.info("console scheme: refused %s", url.path())
            job.fail(QWebEngineUrlRequestJob.Error.UrlNotFound)
            return
        try:
            data = path.read_bytes()
        except OSError as exc:
            log.warning("console scheme: cannot read %s: %s", path, exc)
            job.fail(QWebEngineUrlRequestJob.Error.RequestFailed)
            return
        # Parented to the job: Chromium reads it on its own thread until the job is deleted.
        buffer = QBuffer(job)
        buffer.setData(QByteArray(data))
        buffer.open(QIODevice.OpenModeFlag.ReadOnly)
        job.reply(_TYPES.get(path.suffix, b"application/octet-stream"), buffer)
