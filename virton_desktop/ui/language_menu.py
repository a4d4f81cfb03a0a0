"""View > Language: System / English / 한국어, saved in the settings for the next start.

The widgets translate their texts once, when they are built, so a new language shows from
the next start on; the menu says so in the status bar. Language names are written in their
own language (English, 한국어), as language menus do, so a user can find theirs whatever
the current one is.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QSettings
from PySide6.QtGui import QAction, QActionGroup
from PySide6.QtWidgets import QMainWindow, QMenu

from .. import i18n

AUTONYMS = {"en": "English", "ko": "한국어"}


def add_language_menu(window: QMainWindow, parent: QMenu, settings: QSettings | None = None) -> QMenu:
    """Add the Language submenu to `parent`; the checked entry is the saved choice."""
    settings = settings or QSettings()
    menu = parent.addMenu(QCoreApplication.translate("LanguageMenu", "Language"))
    menu.setObjectName("languageMenu")
    menu.menuAction().setObjectName("action-language")
    group = QActionGroup(menu)
    group.setExclusive(True)
    labels = {i18n.SYSTEM: QCoreApplication.translate("LanguageMenu", "System language"), **AUTONYMS}
    current = i18n.saved_choice(settings)
    for choice in i18n.CHOICES:
        action = QAction(labels[choice], menu)
        action.setObjectName("action-language-" + choice)
        action.setCheckable(True)
        action.setChecked(choice == current)
        action.setData(choice)
        group.addAction(action)
        menu.addAction(action)

    def chosen(action: QAction) -> None:
        choice = action.data()
        if choice == i18n.saved_choice(settings):
            return
        i18n.save_choice(choice, settings)
        settings.sync()
        window.statusBar().showMessage(QCoreApplication.translate(
            "LanguageMenu", "The language changes the next time VirtOn Desktop starts."), 10000)

    group.triggered.connect(chosen)
    return menu
