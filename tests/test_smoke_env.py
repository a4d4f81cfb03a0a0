"""Smoke test of the machine: Qt with QtWebEngine loads offscreen, and a Korean font is there."""

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

# QtWebEngineWidgets must be imported before the QApplication exists, so at module level.
from PySide6 import QtWebEngineWidgets  # noqa: E402,F401
from PySide6.QtGui import QFontDatabase  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402


def test_qt_offscreen_with_korean_font():
    app = QApplication.instance() or QApplication([])
    assert app.platformName() in ("offscreen", os.environ["QT_QPA_PLATFORM"])
    korean = QFontDatabase.families(QFontDatabase.WritingSystem.Korean)
    assert korean, "no font for Korean: install fonts-noto-cjk"
