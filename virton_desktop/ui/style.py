"""The one palette: every colour the interface uses (tones of text, banners, fills of status icons,
gauges and bars, chart series, the console's screen surround, the dark theme's QPalette).
No other module spells a colour (tests/test_colours.py checks); tag colours (PVE's tag-style or
derived from the tag's name) and the colour a user picks for a profile are data, not palette.

Text colours follow the theme: each tone has a light-theme colour (the one the widgets used
before, where it was readable) and a dark-theme one, picked by the lightness of the palette's
window colour. Every text colour keeps a contrast of at least 3:1 against the window of the
common light (#efefef) and dark (#353535) themes, and 4.5:1 (WCAG AA for text) for every tone
but STALE, which recedes on purpose (tests/test_colours.py). A colour is looked up when a widget is
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
    Tone.ERROR: ("#c62828", "#ff7a7a"),
    Tone.WARNING: ("#8a5a00", "#ffb74d"),
    # The green of the status icons (#2e9d46) is only 3.0:1 on a light window; text takes a
    # darker green (4.5:1 and more on light windows).
    Tone.OK: ("#2a7230", "#81c784"),
    Tone.PENDING: ("#9a5b0c", "#e0a040"),
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
FILL_SUSPENDED = "#3b73b9"  # paused, asleep
FILL_HIBERNATED = "#5d6f8f"
FILL_PENDING = "#b7791f"  # a lock, a change waiting for a restart
GLYPH = "#ffffff"  # the mark drawn on a status dot
SHADOW = (0, 0, 0, 60)  # the outline of a drawn icon: RGBA, reads on both themes
SHADE = (0, 0, 0, 18)  # its fill

# Chart series: saturated, readable on the light and on the dark chart background alike.
SERIES_COLORS = {"cpu": "#2f6fde", "mem": "#8e44ad", "disk_read": "#2e9d46", "disk_write": "#d9900f",
                 "net_in": "#1b9aaa", "net_out": "#c0392b"}
CHART_CURSOR = (120, 120, 120, 160)  # the vertical line under the mouse: RGBA, mid-grey on both themes

# The console's surround (panel behind the guest's screen, the hover bar over it): always dark,
# whatever the theme, like the screen it frames — a light frame would glare around a dark console.
CONSOLE_BACKGROUND = "#1e1e1e"
CONSOLE_TEXT = "#e0e0e0"
CONSOLE_BAR = "rgba(40, 40, 40, 230)"

# The dark theme's palette (Fusion), for View > Theme > Dark and a dark system scheme: Qt's own
# Fusion dark colours, with the link and highlight blue of the light theme made readable.
DARK_PALETTE = {
    "Window": "#353535", "WindowText": "#f0f0f0", "Base": "#2a2a2a", "AlternateBase": "#323232",
    "ToolTipBase": "#3c3c3c", "ToolTipText": "#f0f0f0", "PlaceholderText": "#9a9a9a", "Text": "#f0f0f0",
    "Button": "#3c3c3c", "ButtonText": "#f0f0f0", "BrightText": "#ff6b6b", "Light": "#505050",
    "Midlight": "#454545", "Mid": "#2f2f2f", "Dark": "#232323", "Shadow": "#141414",
    "Highlight": "#3d6fb4", "HighlightedText": "#ffffff", "Link": "#8ab4f8", "LinkVisited": "#c58af9",
}
DARK_DISABLED = {"WindowText": "#7f7f7f", "Text": "#7f7f7f", "ButtonText": "#7f7f7f", "Highlight": "#505050",
                 "HighlightedText": "#b0b0b0"}


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


def tag_sheet(palette: QPalette | None = None) -> str:
    """Declarations of a tag in rich text where the cluster's tag colours are not known."""
    background, text = ("#2c3e5c", "#cfe0ff") if is_dark(palette) else ("#e6eef9", "#1d4f91")
    return "background:{0};color:{1};border-radius:6px;".format(background, text)


def strength_color(score: int) -> str:
    """The bar of a password's strength (0 weak … 4 strong) as `#rrggbb`."""
    tones = (Tone.ERROR, Tone.ERROR, Tone.WARNING, Tone.OK, Tone.OK)
    return css(tones[max(0, min(4, score))])


def dark_palette() -> QPalette:
    palette = QPalette()
    for group in (QPalette.ColorGroup.Active, QPalette.ColorGroup.Inactive, QPalette.ColorGroup.Disabled):
        for role, value in DARK_PALETTE.items():
            palette.setColor(group, getattr(QPalette.ColorRole, role), QColor(value))
    for role, value in DARK_DISABLED.items():
        palette.setColor(QPalette.ColorGroup.Disabled, getattr(QPalette.ColorRole, role), QColor(value))
    return palette


def rgba(values: tuple[int, int, int, int]) -> QColor:
    return QColor(*values)


def apply_tone(widget, tone: Tone | None, extra: str = "") -> None:
    """Colour a label (or any widget) by `tone` now and again whenever the theme changes
    (`ui/theme.py` re-applies every widget that has the `tone` property)."""
    widget.setProperty("tone", str(tone) if tone else "")
    widget.setProperty("toneExtra", extra)
    widget.setStyleSheet(label_sheet(tone, widget.palette(), extra))


def reapply_tone(widget) -> None:
    tone = widget.property("tone")
    if tone is not None:
        widget.setStyleSheet(label_sheet(Tone(tone) if tone else None, None, widget.property("toneExtra") or ""))


def banner_sheet(tone: Tone, palette: QPalette | None = None) -> str:
    """Declarations for a boxed notice (ERROR or WARNING): background, border, radius, text colour.

    Wrap them in a selector where needed: `"QLabel {{ {0} padding: 4px 8px; }}".format(banner_sheet(…))`.
    """
    background, border, text = banner_colors(tone, palette)
    return "background: {0}; border: 1px solid {1}; border-radius: 4px; color: {2};".format(background, border, text)
