"""Light and dark: View > Theme (System / Light / Dark), and following the system's scheme.

System follows `QStyleHints.colorScheme()` and its `colorSchemeChanged`; Light and Dark force
one. The colours come from `style.py` (the one palette). Applying a theme sets the Fusion
style's palette for the whole application (Qt sends every widget a PaletteChange: views,
charts and banners repaint with the new roles) and re-applies the tone of every widget styled
with `style.apply_tone` (their style sheets name a colour and would keep the old one).
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QObject, Qt, Signal
from PySide6.QtGui import QAction, QActionGroup, QGuiApplication
from PySide6.QtWidgets import QApplication

from . import style

SETTING = "ui/theme"
SYSTEM, LIGHT, DARK = "system", "light", "dark"
CHOICES = (SYSTEM, LIGHT, DARK)


class Theme(QObject):
    """The application's theme; one per application (`Theme.of(app)`)."""

    changed = Signal(bool)  # dark?

    def __init__(self, app: QApplication):
        super().__init__(app)
        self.app = app
        self.choice = SYSTEM
        self._light_palette = None
        self._applying = False
        hints = QGuiApplication.styleHints()
        if hasattr(hints, "colorSchemeChanged"):
            hints.colorSchemeChanged.connect(self._system_changed)

    @classmethod
    def of(cls, app: QApplication | None = None) -> Theme:
        app = app or QApplication.instance()
        theme = app.findChild(Theme, "theme")
        if theme is None:
            theme = Theme(app)
            theme.setObjectName("theme")
        return theme

    @property
    def dark(self) -> bool:
        if self.choice == SYSTEM:
            return self.system_is_dark()
        return self.choice == DARK

    @staticmethod
    def system_is_dark() -> bool:
        hints = QGuiApplication.styleHints()
        return hasattr(hints, "colorScheme") and hints.colorScheme() == Qt.ColorScheme.Dark

    def apply(self, choice: str) -> None:
        if self._applying:
            return
        self._applying = True
        try:
            self._apply(choice)
        finally:
            self._applying = False

    def _apply(self, choice: str) -> None:
        self.choice = choice if choice in CHOICES else SYSTEM
        hints = QGuiApplication.styleHints()
        if hasattr(hints, "setColorScheme"):  # Qt >= 6.8: native dialogs and the style follow too
            scheme = {LIGHT: Qt.ColorScheme.Light, DARK: Qt.ColorScheme.Dark}.get(self.choice, Qt.ColorScheme.Unknown)
            hints.setColorScheme(scheme)
        dark = self.dark
        if dark and self.app.style().name().lower() != "fusion":
            self.app.setStyle("Fusion")  # a platform style may ignore a dark palette; Fusion draws with it
        if self._light_palette is None:
            self._light_palette = self.app.style().standardPalette()
        self.app.setPalette(style.dark_palette() if dark else self._light_palette)
        for widget in self.app.allWidgets():
            if widget.property("tone") is not None:
                style.reapply_tone(widget)
        self.changed.emit(dark)

    def _system_changed(self, _scheme) -> None:
        if self.choice == SYSTEM:
            self.apply(SYSTEM)


def saved_choice(settings) -> str:
    value = settings.value(SETTING, SYSTEM)
    return value if value in CHOICES else SYSTEM


def add_theme_menu(menu, settings) -> None:
    """View > Theme: System / Light / Dark, remembered, applied at once."""
    theme = Theme.of()
    sub = menu.addMenu(QCoreApplication.translate("ThemeMenu", "Theme"))
    sub.setObjectName("themeMenu")
    group = QActionGroup(sub)
    texts = {SYSTEM: QCoreApplication.translate("ThemeMenu", "As the system"),
             LIGHT: QCoreApplication.translate("ThemeMenu", "Light"),
             DARK: QCoreApplication.translate("ThemeMenu", "Dark")}
    for choice in CHOICES:
        action = QAction(texts[choice], sub)
        action.setObjectName("theme-" + choice)
        action.setCheckable(True)
        action.setChecked(theme.choice == choice)
        action.triggered.connect(lambda _=False, c=choice: _choose(settings, c))
        group.addAction(action)
        sub.addAction(action)


def _choose(settings, choice: str) -> None:
    settings.setValue(SETTING, choice)
    Theme.of().apply(choice)
