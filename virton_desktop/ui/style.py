"""One palette for what the interface says with colour: error, warning, ok, pending, info, muted, stale.

Text colours follow the theme: each tone has a light-theme colour (the one the widgets used
before, where it was readable) and a dark-theme one, picked by the lightness of the palette's
window colour. Every text colour keeps a contrast of at least 3:1 against the window of the
common light (#efefef) and dark (#353535) themes. A colour is looked up when a widget is
styled, so call these functions when the text is set, not at import.

Fills (status icons, gauges, bars) are shapes, not text: one saturated colour per tone
reads on both themes, so they are plain constants.
"""

from __future__ import annotations

from enum import StrEnum

from PySide6.QtGui import QColor, QGuiApplication, QPalette


class Tone(StrEnum):
    ERROR = "error"
    WARNING = "warning"
    OK = "ok"
    PENDING = "pending"  # a change saved but not yet applied (the guest must restart)
    INFO = "info"
    MUTED = "muted"  # secondary text: hints, empty-list notes, units
    STALE = "stale"  # figures that may be out of date (unreachable cluster, offline node)


# tone: (light theme, dark theme)
_TEXT = {
    Tone.ERROR: ("#c62828", "#ff6b6b"),
    Tone.WARNING: ("#8a5a00", "#ffb74d"),
    # The green of the status icons (#2e9d46) is only 3.0:1 on a light window; text takes the
    # darker green the create wizards already use.
    Tone.OK: ("#2e7d32", "#81c784"),
    Tone.PENDING: ("#b7791f", "#e0a040"),
    Tone.INFO: ("#1d4f91", "#8ab4f8"),
    Tone.MUTED: ("#5f6368", "#a0a4a8"),
    Tone.STALE: ("#808080", "#808080"),
}

# tone: ((background, border, text) light, (background, border, text) dark)
_BANNER = {
    Tone.ERROR: (("#fdecea", "#e0a49c", "#6b1d13"), ("#4a1c17", "#8c3a30", "#ffd8d2")),
    Tone.WARNING: (("#fff4e0", "#e6c27a", "#5c3d00"), ("#3d2e0f", "#8a6d2a", "#ffe2a8")),
}

FILL_OK = "#2e9d46"
FILL_WARNING = "#d9900f"
FILL_ERROR = "#c0392b"
FILL_IDLE = "#8a8f98"  # stopped guests, unused capacity


def is_dark(palette: QPalette | None = None) -> bool:
    """Whether `palette` (default: the application's) is a dark theme: its window is dark."""
    palette = palette or QGuiApplication.palette()
    return palette.color(QPalette.ColorRole.Window).lightness() < 128


def color(tone: Tone, palette: QPalette | None = None) -> QColor:
    """The text colour of `tone` for `palette` (default: the application's)."""
    return QColor(_TEXT[Tone(tone)][is_dark(palette)])


def error(palette: QPalette | None = None) -> QColor:
    return color(Tone.ERROR, palette)


def warning(palette: QPalette | None = None) -> QColor:
    return color(Tone.WARNING, palette)


def ok(palette: QPalette | None = None) -> QColor:
    return color(Tone.OK, palette)


def pending(palette: QPalette | None = None) -> QColor:
    return color(Tone.PENDING, palette)


def info(palette: QPalette | None = None) -> QColor:
    return color(Tone.INFO, palette)


def muted(palette: QPalette | None = None) -> QColor:
    return color(Tone.MUTED, palette)


def stale(palette: QPalette | None = None) -> QColor:
    return color(Tone.STALE, palette)


def css(tone: Tone, palette: QPalette | None = None) -> str:
    """`#rrggbb` of the tone, for rich text (`<span style="color:…">`)."""
    return color(tone, palette).name()


def label_sheet(tone: Tone | None, palette: QPalette | None = None, extra: str = "") -> str:
    """A label's style sheet: `color: #c62828;` (plus `extra` declarations); "" for no tone."""
    declarations = "color: {0};".format(css(tone, palette)) if tone else ""
    return " ".join(part for part in (declarations, extra) if part)


def banner_colors(tone: Tone, palette: QPalette | None = None) -> tuple[str, str, str]:
    """`(background, border, text)` of a boxed notice (ERROR or WARNING), as `#rrggbb`.

    For a frame whose labels carry the text colour (style sheet colours do not pass to children).
    """
    return _BANNER[Tone(tone)][is_dark(palette)]


def banner_sheet(tone: Tone, palette: QPalette | None = None) -> str:
    """Declarations for a boxed notice (ERROR or WARNING): background, border, radius, text colour.

    Wrap them in a selector where needed: `"QLabel {{ {0} padding: 4px 8px; }}".format(banner_sheet(…))`.
    """
    background, border, text = banner_colors(tone, palette)
    return "background: {0}; border: 1px solid {1}; border-radius: 4px; color: {2};".format(background, border, text)
