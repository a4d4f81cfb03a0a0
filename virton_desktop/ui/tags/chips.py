"""Tag chips as PVE paints them: the cluster's colours (pve.tags.TagStyle) in its shape.

`ChipPainter.row(style, tags)` lays out and paints one row of chips into a pixmap, once per
(style, tags, font, pixel ratio): the list's delegate then only draws that pixmap per cell
(issue 21: no per-paint layout, text measuring or colour computing). Shapes follow
proxmox-widget-toolkit's CSS: `full` rounded boxes with the text (padding 1px 6px, radius
3px), `circle` 12 px dots, `dense` 6 px bars; `none` shows nothing in PVE's tree, and a list
column, like PVE's guest selector (`tagStyleClass(style, replaceNone)`), shows circles then.
"""

from __future__ import annotations

from dataclasses import dataclass
from html import escape

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QColor, QFont, QFontMetrics, QPainter, QPixmap

from ...pve.tags import TagStyle

_PAD_X, _PAD_Y, _GAP, _RADIUS = 6, 1, 2, 3
_CIRCLE, _DENSE = 12, 6
_CACHE_LIMIT = 4096


@dataclass(frozen=True)
class ChipRow:
    """One painted row: the pixmap and where each tag sits (x from, x to, tag) for clicks."""

    pixmap: QPixmap
    spans: tuple[tuple[int, int, str], ...]
    width: int


def rgb(color: tuple[int, int, int]) -> QColor:
    return QColor(color[0], color[1], color[2])


class ChipPainter:
    """Painted chip rows, cached; `clear()` when a cluster's style, the font or the screen changes."""

    def __init__(self, font: QFont, list_shape: bool = True):
        self._font = QFont(font)
        self._metrics = QFontMetrics(self._font)
        self._list_shape = list_shape  # False: always full (the guest page, the filter bar)
        self._rows: dict[tuple, ChipRow] = {}

    def clear(self) -> None:
        self._rows.clear()

    def set_font(self, font: QFont) -> None:
        if font != self._font:
            self._font = QFont(font)
            self._metrics = QFontMetrics(self._font)
            self.clear()

    def shape(self, style: TagStyle) -> str:
        if not self._list_shape:
            return "full"
        return "circle" if style.shape == "none" else style.shape

    def row(self, style: TagStyle, tags: tuple[str, ...], height: int, ratio: float = 1.0) -> ChipRow:
        key = (id(style), tags, height, ratio)
        row = self._rows.get(key)
        if row is None:
            if len(self._rows) >= _CACHE_LIMIT:
                self._rows.clear()
            row = self._rows[key] = self._paint(style, style.ordered(tags), height, ratio)
        return row

    def _paint(self, style: TagStyle, tags: tuple[str, ...], height: int, ratio: float) -> ChipRow:
        shape = self.shape(style)
        metrics = self._metrics
        chip_h = min(height - 2, metrics.height() + 2 * _PAD_Y) if shape == "full" else (
            _CIRCLE if shape == "circle" else max(4, height - 6))
        widths = [metrics.horizontalAdvance(t) + 2 * _PAD_X if shape == "full" else
                  (_CIRCLE if shape == "circle" else _DENSE) for t in tags]
        gap = _GAP if shape == "full" else 1
        total = sum(widths) + gap * max(0, len(widths) - 1)
        pixmap = QPixmap(max(1, int(total * ratio)), max(1, int(height * ratio)))
        pixmap.setDevicePixelRatio(ratio)
        pixmap.fill(Qt.GlobalColor.transparent)
        spans = []
        painter = QPainter(pixmap)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setFont(self._font)
        painter.setPen(Qt.PenStyle.NoPen)
        x, top = 0, (height - chip_h) / 2
        for tag, width in zip(tags, widths, strict=True):
            bg, fg = style.colors(tag)
            box = QRectF(x, top, width, chip_h)
            painter.setBrush(rgb(bg))
            if shape == "circle":
                painter.drawEllipse(box)
            else:
                painter.drawRoundedRect(box, _RADIUS if shape == "full" else 1, _RADIUS if shape == "full" else 1)
            if shape == "full":
                painter.setPen(rgb(fg))
                painter.drawText(box, Qt.AlignmentFlag.AlignCenter, tag)
                painter.setPen(Qt.PenStyle.NoPen)
            spans.append((x, x + width, tag))
            x += width + gap
        painter.end()
        return ChipRow(pixmap, tuple(spans), total)


def chips_html(style: TagStyle, tags: tuple[str, ...]) -> str:
    """The tags as coloured rich-text chips (the guest page's summary), text escaped."""
    out = []
    for tag in style.ordered(tags):
        bg, fg = style.colors(tag)
        out.append('<span style="background-color:{0}; color:{1};">&nbsp;{2}&nbsp;</span>'.format(
            rgb(bg).name(), rgb(fg).name(), escape(tag)))
    return " ".join(out)
