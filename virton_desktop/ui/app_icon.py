"""The app's icon, without the About dialog's module: `app.start` sets it on the QApplication
before the window exists, and importing the dialog (its widget classes made on first use by
PySide6) cost that start ~10 ms."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtGui import QIcon

PACKAGE_DIR = Path(__file__).resolve().parent.parent  # virton_desktop/ (also inside a bundle)
ICON_DIR = PACKAGE_DIR / "resources" / "icons"


def application_icon() -> QIcon:
    """The app's icon in every rendered size (window icon, task bar, About)."""
    icon = QIcon()
    for png in sorted((ICON_DIR / "hicolor").glob("*/apps/virton-desktop.png")):
        icon.addFile(str(png))
    if icon.isNull():  # resources missing (a broken install): the theme may still have it
        icon = QIcon.fromTheme("virton-desktop")
    return icon
