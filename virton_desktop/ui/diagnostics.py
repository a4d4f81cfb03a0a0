"""Help > Copy diagnostics: what a bug report needs (versions, cluster states, recent errors).

Never a secret (the text passes logs.redact) and no host or cluster name unless the user ticks
"Include host names": clusters are numbered instead. The user sees the exact text before copying.
"""

from __future__ import annotations

import platform
import sys
from collections import deque

from PySide6 import __version__ as pyside_version
from PySide6.QtCore import QCoreApplication, QObject, Qt, qVersion
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QCheckBox, QDialog, QDialogButtonBox, QPlainTextEdit, QVBoxLayout, QWidget

from .. import __version__, logs
from ..pve import api
from . import kit

RECENT_ERRORS = 20


class RecentErrors(QObject):
    """The last error messages the errors bar showed (connect `add` beside the bar)."""

    def __init__(self, parent: QObject | None = None):
        super().__init__(parent)
        self.messages: deque[str] = deque(maxlen=RECENT_ERRORS)

    def add(self, text: str, *_action) -> None:
        if text:
            self.messages.append(text)


def diagnostics_text(sessions, versions: dict[str, str], errors, include_hosts: bool) -> str:
    """`versions`: PVE version per session name (as far as known)."""
    lines = ["VirtOn Desktop " + __version__,
             "Python " + sys.version.split()[0],
             "Qt {0}, PySide6 {1}".format(qVersion(), pyside_version),
             "OS " + platform.platform(terse=True)]
    for n, session in enumerate(sessions, 1):
        label = "cluster {0}".format(n)
        if include_hosts:
            hosts = ", ".join("{0}:{1}".format(c.host, c.port) for c in session.clients)
            label = "{0} ({1})".format(session.name, hosts)
        lines.append("{0}: {1}, PVE {2}".format(label, session.state, versions.get(session.name, "unknown")))
    if errors:
        lines.append("Recent errors:")
        lines.extend("- " + " / ".join(text.splitlines()) for text in errors)
    text = "\n".join(lines)
    if not include_hosts:
        for session in sessions:
            for name in {session.name, *(c.host for c in session.clients)}:
                text = text.replace(name, "<host>") if name else text
    return logs.redact(text)


class DiagnosticsDialog(QDialog):
    def __init__(self, sessions, errors, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("diagnosticsDialog")
        self.setWindowTitle(self.tr("Copy diagnostics"))
        self.sessions, self.errors = list(sessions), list(errors)
        self.versions: dict[str, str] = {}
        layout = QVBoxLayout(self)
        self.include_hosts = kit.named(QCheckBox(self.tr("Include host names"), self), "includeHostNames")
        self.include_hosts.toggled.connect(self.refresh)
        layout.addWidget(self.include_hosts)
        self.text = kit.named(QPlainTextEdit(self), "diagnosticsText", self.tr("Diagnostics"))
        self.text.setReadOnly(True)
        layout.addWidget(self.text)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        copy = buttons.addButton(self.tr("Copy"), QDialogButtonBox.ButtonRole.AcceptRole)
        copy.setObjectName("copyDiagnostics")
        copy.clicked.connect(lambda: QGuiApplication.clipboard().setText(self.text.toPlainText()))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.resize(560, 380)
        self.refresh()
        for session in self.sessions:
            if session.state == "online":
                session.run(api.version()).then(self, lambda data, error, name=session.name:
                                                self._version(name, data, error))

    def _version(self, name: str, data, error) -> None:
        if error is None and isinstance(data, dict):
            self.versions[name] = str(data.get("version", "unknown"))
            self.refresh()

    def refresh(self) -> None:
        self.text.setPlainText(diagnostics_text(self.sessions, self.versions, self.errors,
                                                self.include_hosts.isChecked()))


def add_diagnostics_actions(window, menu) -> None:
    """Help > Copy diagnostics... and Help > Open log folder."""
    from PySide6.QtCore import QUrl
    from PySide6.QtGui import QAction, QDesktopServices

    copy = QAction(QCoreApplication.translate("DiagnosticsDialog", "Copy diagnostics…"), window)
    copy.setObjectName("copyDiagnosticsAction")
    copy.triggered.connect(lambda: DiagnosticsDialog(window.clusters.sessions(), window.recent_errors.messages,
                                                     window).show())
    folder = QAction(QCoreApplication.translate("DiagnosticsDialog", "Open log folder"), window)
    folder.setObjectName("openLogFolderAction")
    folder.triggered.connect(lambda: QDesktopServices.openUrl(QUrl.fromLocalFile(str(logs.log_dir()))))
    menu.addSeparator()
    menu.addAction(copy)
    menu.addAction(folder)
