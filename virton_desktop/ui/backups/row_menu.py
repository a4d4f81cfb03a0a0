"""The context menu of a table row, made of the page's toolbar buttons (backups, snapshots)."""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractButton, QMenu, QWidget


def row_menu(parent: QWidget, name: str, buttons: Iterable[QAbstractButton | None]) -> QMenu:
    """One entry per button (None: a separator), named `menu-<button name>`, enabled as the button
    is and clicking it when chosen; the menu deletes itself when closed."""
    menu = QMenu(parent)
    menu.setObjectName(name)
    menu.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    for button in buttons:
        if button is None:
            menu.addSeparator()
            continue
        action = menu.addAction(button.text())
        action.setObjectName("menu-" + button.objectName())
        action.setEnabled(button.isEnabled())
        action.setToolTip(button.toolTip())
        action.triggered.connect(button.click)
    return menu
