"""Uncaught exceptions: logged, shown in a dialog with the traceback to copy, and the program goes on.

PySide6 calls sys.excepthook for an exception escaping a slot and then carries on, so the window stays
usable; threading.excepthook covers Python threads. The dialog is non-modal: an exception raised while
events are processed must not start a nested event loop.
"""

from __future__ import annotations

import logging
import sys
import threading
import traceback
from pathlib import Path

from PySide6.QtCore import QObject, Qt, QTimer, Signal
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QPlainTextEdit, QVBoxLayout, QWidget

from .. import logs
from . import kit

log = logging.getLogger("virton_desktop.crash")


class CrashDialog(QDialog):
    def __init__(self, details: str, log_path: Path | None, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("crashDialog")
        self.setWindowTitle(self.tr("Unexpected error"))
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        layout = QVBoxLayout(self)
        text = self.tr("Something went wrong inside VirtOn Desktop. The program keeps running, but the last "
                       "action may not have finished. Please copy the details below into a report.")
        if log_path is not None:
            text += "\n" + kit.fmt(self.tr("The log file is %1"), str(log_path))
        intro = QLabel(text, self)
        intro.setWordWrap(True)
        intro.setTextFormat(Qt.TextFormat.PlainText)
        intro.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(intro)
        self.details = kit.named(QPlainTextEdit(details, self), "crashDetails", self.tr("Error details"))
        self.details.setReadOnly(True)
        layout.addWidget(self.details)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        copy = buttons.addButton(self.tr("Copy details"), QDialogButtonBox.ButtonRole.ActionRole)
        copy.setObjectName("copyCrashDetails")
        copy.clicked.connect(lambda: QGuiApplication.clipboard().setText(self.details.toPlainText()))
        buttons.rejected.connect(self.close)
        layout.addWidget(buttons)
        self.resize(640, 420)


class CrashHandler(QObject):
    """Installed as sys.excepthook and threading.excepthook; `shown` carries each dialog shown."""

    shown = Signal(object)  # CrashDialog

    def __init__(self, log_path: Path | None = None, parent: QObject | None = None):
        super().__init__(parent)
        self.log_path = log_path
        self.window: QWidget | None = None  # the dialogs' parent, once there is a main window
        self._handling = False

    def install(self) -> None:
        sys.excepthook = self.handle
        threading.excepthook = lambda args: self.handle(args.exc_type, args.exc_value, args.exc_traceback)

    def handle(self, exc_type, exc, tb) -> None:
        if issubclass(exc_type, KeyboardInterrupt):
            sys.__excepthook__(exc_type, exc, tb)
            return
        details = logs.redact("".join(traceback.format_exception(exc_type, exc, tb)))
        log.error("uncaught exception:\n%s", details)
        if self._handling:  # a crash while showing the crash dialog: logged only, never recursive
            return
        if threading.current_thread() is not threading.main_thread():
            QTimer.singleShot(0, self, lambda: self._show(details))  # widgets only on the GUI thread
            return
        self._show(details)

    def _show(self, details: str) -> None:
        self._handling = True
        try:
            dialog = CrashDialog(details, self.log_path, self.window)
            dialog.show()
            self.shown.emit(dialog)
        except Exception:
            log.exception("the crash dialog failed")
        finally:
            self._handling = False


def crash_notice(path: Path) -> str:
    """The errors bar's one-time note about a hard crash the previous run left in `path`."""
    from PySide6.QtCore import QCoreApplication

    return kit.fmt(QCoreApplication.translate("CrashDialog", "VirtOn Desktop stopped unexpectedly last time. "
                                              "The crash record was kept as %1"), str(path))
