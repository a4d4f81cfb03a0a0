"""Every colour comes from the one palette (ui/style.py) and reads on the light and the dark theme."""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "virton_desktop"
PALETTE = PACKAGE / "ui" / "style.py"

# A colour spelled in code: #rgb / #rrggbb, rgb(1, …) / rgba(1, …), QColor(1, …) / QColor("…"),
# Qt's named colours (transparent is no colour: an empty pixmap's fill).
LITERAL = re.compile(r"""#[0-9a-fA-F]{6}\b|(?<![\w&])#[0-9a-fA-F]{3}\b|\brgba?\(\s*\d|QColor\(\s*(?:\d|["'])"""
                     r"""|Qt\.GlobalColor\.(?!transparent)\w+|\bQt\.(?:red|green|blue|black|white|gray|yellow)\b""")

# Data, not palette — each with its reason.
ALLOWED = {
    # The colours a user picks for a cluster profile (stored in the profile, shown as chosen).
    "ui/connect/profile_manager.py": {"#3465a4", "#4e9a06", "#c4a000", "#ce5c00", "#cc0000", "#75507b",
                                      "#555753"},
    "profiles.py": {"#3465a4"},  # the default profile colour (the first of the choice above)
}


def literals(path: Path) -> set[str]:
    found = set()
    for line in path.read_text(encoding="utf-8").splitlines():
        code = line.split("  # ")[0]
        found.update(m.group(0) for m in LITERAL.finditer(code))
    return found


def test_no_colour_is_spelled_outside_the_palette():
    offenders = {}
    for path in PACKAGE.rglob("*.py"):
        rel = path.relative_to(PACKAGE).as_posix()
        if path == PALETTE or rel.startswith("demo/"):
            continue  # the demo's guest screens are a fake guest's pixels, not the app's interface
        extra = literals(path) - ALLOWED.get(rel, set())
        if extra:
            offenders[rel] = sorted(extra)
    assert offenders == {}


def test_the_check_finds_a_colour(tmp_path):
    sample = tmp_path / "x.py"
    sample.write_text('label.setStyleSheet("color: #ff0000")\nc = QColor(255, 0, 0)\nq = Qt.GlobalColor.red\n')
    assert literals(sample) == {"#ff0000", "QColor(2", "Qt.GlobalColor.red"}


def _luminance(colour) -> float:
    def channel(v: float) -> float:
        v /= 255
        return v / 12.92 if v <= 0.03928 else ((v + 0.055) / 1.055) ** 2.4
    return 0.2126 * channel(colour.red()) + 0.7152 * channel(colour.green()) + 0.0722 * channel(colour.blue())


def contrast(a, b) -> float:
    la, lb = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)


@pytest.fixture
def theme(qapp):
    from virton_desktop.ui.theme import SYSTEM, Theme

    t = Theme.of(qapp)
    yield t
    t.apply(SYSTEM)


def test_dark_theme_applies_a_dark_palette_and_tones_read_on_both(theme, qapp):
    from PySide6.QtGui import QPalette

    from virton_desktop.models.base import failed_color
    from virton_desktop.ui import style
    from virton_desktop.ui.theme import DARK, LIGHT

    seen = {}
    for choice in (LIGHT, DARK):
        theme.apply(choice)
        palette = qapp.palette()
        assert style.is_dark(palette) == (choice == DARK)
        base, window = palette.color(QPalette.ColorRole.Base), palette.color(QPalette.ColorRole.Window)
        assert contrast(palette.color(QPalette.ColorRole.Text), base) >= 7
        for tone in style.Tone:
            if tone is not style.Tone.STALE:  # grey on purpose: out-of-date figures recede
                assert contrast(style.color(tone), window) >= 4.5, (choice, tone)
        assert contrast(failed_color(), base) >= 4.5
        seen[choice] = failed_color().name()
    assert seen[LIGHT] != seen[DARK]


def test_view_theme_menu_switches_and_remembers(theme, qtbot, qapp):
    from PySide6.QtCore import QSettings

    from virton_desktop.ui import kit, style
    from virton_desktop.ui.main_window import MainWindow
    from virton_desktop.ui.theme import SETTING, SYSTEM

    w = MainWindow()
    qtbot.addWidget(w)
    label = kit.error_label(w, "probe")
    light_red = label.styleSheet()
    w.findChild(type(w.refresh_action), "theme-dark").trigger()
    assert style.is_dark(qapp.palette()) and QSettings().value(SETTING) == "dark"
    assert label.styleSheet() != light_red and style.css(style.Tone.ERROR) in label.styleSheet()
    assert style.banner_colors(style.Tone.ERROR)[0] in w.errors_bar.styleSheet()  # the banners follow
    w.findChild(type(w.refresh_action), "theme-light").trigger()
    assert not style.is_dark(qapp.palette()) and label.styleSheet() == light_red
    QSettings().setValue(SETTING, SYSTEM)


@pytest.mark.skipif(not os.environ.get("VIRTON_SCREENSHOTS"), reason="screenshots for docs/ only on request")
def test_dark_screenshots(theme, qtbot, window):
    """VIRTON_SCREENSHOTS=1: the main window, a guest page and a wizard in the dark theme, in docs/."""
    from virton_desktop.ui.theme import DARK
    from virton_desktop.ui.wizards import CreateVmWizard

    docs = Path(__file__).resolve().parent.parent / "docs"
    theme.apply(DARK)
    window.resize(1400, 860)
    qtbot.wait(300)
    window.grab().save(str(docs / "dark-main.png"))
    page = window.open_detail(window.model.get((window.clusters.sessions()[0].name, 100)))
    qtbot.waitUntil(lambda: page.instance is not None, timeout=10000)
    qtbot.wait(2500)  # the charts' first answer
    window.grab().save(str(docs / "dark-guest.png"))
    wizard = CreateVmWizard(window.clusters.sessions()[0])
    qtbot.addWidget(wizard)
    wizard.show()
    qtbot.waitUntil(lambda: wizard.general.vmid.text() != "", timeout=10000)
    wizard.resize(820, 620)
    qtbot.wait(300)
    wizard.grab().save(str(docs / "dark-wizard.png"))


def test_system_scheme_dark_applies_the_dark_palette(theme, qapp, monkeypatch):
    """View > Theme > As the system follows styleHints' colorSchemeChanged (simulated: offscreen has none)."""
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QGuiApplication

    from virton_desktop.ui import style
    from virton_desktop.ui.theme import SYSTEM, Theme

    theme.apply(SYSTEM)
    monkeypatch.setattr(Theme, "system_is_dark", staticmethod(lambda: True))
    QGuiApplication.styleHints().colorSchemeChanged.emit(Qt.ColorScheme.Dark)
    assert style.is_dark(qapp.palette())
    monkeypatch.setattr(Theme, "system_is_dark", staticmethod(lambda: False))
    QGuiApplication.styleHints().colorSchemeChanged.emit(Qt.ColorScheme.Light)
    assert not style.is_dark(qapp.palette())


def test_stopped_guest_status_dot_reads_on_both_themes(theme, qapp):
    """The guest list shows a stopped guest by its status dot (graphics: 3:1 against the view's base)."""
    from PySide6.QtGui import QPalette

    from virton_desktop import icons
    from virton_desktop.pve.entities import STOPPED
    from virton_desktop.ui.theme import DARK, LIGHT

    image = icons.status_icon(STOPPED).pixmap(icons.SIZE, icons.SIZE).toImage()
    dot = image.pixelColor(icons.SIZE // 2 - 3, icons.SIZE // 2)  # beside the pause bars
    for choice in (LIGHT, DARK):
        theme.apply(choice)
        assert contrast(dot, qapp.palette().color(QPalette.ColorRole.Base)) >= 3, choice
