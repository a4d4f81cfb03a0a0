"""Small icons painted in code (status dots, lock), so they follow the palette and need no files."""

from __future__ import annotations

from functools import cache

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QIcon, QPainter, QPainterPath, QPen, QPixmap

from .pve import entities as e
from .pve.entities import HALTED, HIBERNATED, RUNNING, STOPPED, SUSPENDED
from .ui import style

AMBER = style.FILL_WARNING
# QEMU stopped the guest on a fault: it needs the user, not only time.
FAULTS = frozenset({e.IO_ERROR, e.INTERNAL_ERROR, e.GUEST_PANICKED, e.WATCHDOG})
STATUS_COLORS = {
    RUNNING: style.FILL_OK,
    STOPPED: style.FILL_IDLE,
    **{state: AMBER for state in HALTED},
    SUSPENDED: style.FILL_SUSPENDED,
    HIBERNATED: style.FILL_HIBERNATED,
    **{state: style.FILL_ERROR for state in FAULTS},
}
UNKNOWN_COLOR = style.FILL_ERROR
SIZE = 16


def _canvas() -> tuple[QPixmap, QPainter]:
    pix = QPixmap(SIZE * 2, SIZE * 2)  # drawn at 2x, crisp on high-DPI screens
    pix.setDevicePixelRatio(2.0)
    pix.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pix)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    return pix, painter


def fault_icon() -> QIcon:
    """The red dot with `!` of a fault, for other troubles too (an HA resource in error)."""
    return status_icon(e.INTERNAL_ERROR)


@cache
def status_icon(status: str) -> QIcon:
    """A filled dot for a known state (pause bars when halted, `!` on a fault); a ring with `?` for unknown."""
    pix, p = _canvas()
    color = QColor(STATUS_COLORS.get(status, UNKNOWN_COLOR))
    rect = QRectF(3, 3, SIZE - 6, SIZE - 6)
    if status in STATUS_COLORS:
        p.setPen(QPen(color.darker(130), 1))
        p.setBrush(color)
        p.drawEllipse(rect)
        p.setPen(QPen(QColor(style.GLYPH), 1.6))
        if status in FAULTS:  # an exclamation mark makes it readable without colour
            p.drawLine(QPointF(8, 5), QPointF(8, 9))
            p.drawPoint(QPointF(8, 11))
        elif status in HALTED or status == HIBERNATED:  # pause bars, likewise
            p.drawLine(QPointF(6.5, 5.5), QPointF(6.5, 10.5))
            p.drawLine(QPointF(9.5, 5.5), QPointF(9.5, 10.5))
    else:
        p.setPen(QPen(color, 1.6))
        p.setBrush(Qt.BrushStyle.NoBrush)
        p.drawEllipse(rect)
        p.drawText(rect, Qt.AlignmentFlag.AlignCenter, "?")
    p.end()
    return QIcon(pix)


@cache
def lock_icon() -> QIcon:
    pix, p = _canvas()
    color = QColor(style.FILL_PENDING)
    p.setPen(QPen(color, 1.6))
    shackle = QPainterPath()
    shackle.moveTo(5.5, 8)
    shackle.lineTo(5.5, 5.5)
    shackle.arcTo(QRectF(5.5, 2.5, 5, 5), 180, -180)
    shackle.lineTo(10.5, 8)
    p.drawPath(shackle)
    p.setBrush(color)
    p.drawRoundedRect(QRectF(3.5, 7.5, 9, 6.5), 1.5, 1.5)
    p.end()
    return QIcon(pix)


BAR_WIDTH, BAR_HEIGHT = 40, 8


def usage_color(fraction: float) -> QColor:
    """Green, amber from 80 %, red from 95 % (the thresholds of the detail page's gauges)."""
    if fraction >= 0.95:
        return QColor(style.FILL_ERROR)
    if fraction >= 0.80:
        return QColor(style.FILL_WARNING)
    return QColor(style.FILL_OK)


@cache
def usage_bar(percent: int) -> QPixmap:
    """A small horizontal gauge, shown beside CPU and memory figures.

    A pixmap (not an icon, not a delegate): the view draws it in C++ at its own size, so a
    repaint of thousands of rows runs no Python per cell.
    """
    pix = QPixmap(BAR_WIDTH * 2, BAR_HEIGHT * 2)
    pix.setDevicePixelRatio(2.0)
    pix.fill(Qt.GlobalColor.transparent)
    p = QPainter(pix)
    p.setRenderHint(QPainter.RenderHint.Antialiasing)
    track = QRectF(0.5, 0.5, BAR_WIDTH - 1, BAR_HEIGHT - 1)
    p.setPen(QPen(style.rgba(style.SHADOW), 1))
    p.setBrush(style.rgba(style.SHADE))
    p.drawRoundedRect(track, 2, 2)
    if percent > 0:
        p.setPen(Qt.PenStyle.NoPen)
        p.setBrush(usage_color(percent / 100))
        p.drawRoundedRect(QRectF(1, 1, max(1.5, (BAR_WIDTH - 2) * min(percent, 100) / 100), BAR_HEIGHT - 2), 1.5, 1.5)
    p.end()
    return pix
