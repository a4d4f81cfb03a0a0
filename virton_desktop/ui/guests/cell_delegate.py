"""The guest table's cells painted from the model's cell cache, as Qt's own delegate paints them.

Qt's `QStyledItemDelegate` asks `data()` seven times per cell (font, alignment, colour, check
state, icon, text, background): seven calls into Python, then the style lays the text out again
(shaping, eliding) on every repaint. A keystroke in the search box or a poll repaints some 400
cells; this delegate makes one call per cell, reads the row's cached tuples
(`models/instance_cells.py`) and draws text laid out once (`QStaticText`, kept per text) at the
places the style computes for a cell of that size (asked once per size). A plain ASCII text is
laid out only when it is painted a second time: the first time it is drawn as it is
(`drawText`, ~15 us, where laying it out and drawing it took ~38 us), and many are painted once
(the rows a keystroke brings, the figures a poll changes). What it paints is
what Qt's delegate paints, pixel for pixel (`tests/test_cell_delegate.py` compares them);
whatever it does not know how to paint (the focused cell's frame, a disabled or right-to-left
view, text with line breaks, Arabic or Hebrew text too wide for its cell, a decoration of
another kind) goes to Qt's delegate.

Measured at 10,000 guests (`benchmarks/instance_list.py --view app`, 2 cores): a repaint of the
visible rows (27 rows, 13 columns) 8.1 ms with Qt's delegate, 4.1 ms with this one.
"""

from __future__ import annotations

from functools import lru_cache
from unicodedata import bidirectional

from PySide6.QtCore import QEvent, QObject, QPoint, QPointF, QRect, QSize, Qt
from PySide6.QtGui import QFontMetricsF, QIcon, QPainter, QPalette, QPixmap, QStaticText
from PySide6.QtWidgets import QStyle, QStyledItemDelegate, QStyleOptionViewItem

from ...models.instance_cells import SLOT_ALIGN, SLOT_DECORATION, SLOT_DISPLAY, SLOT_FOREGROUND

# The option's state as an int (a flag object's operators cost ~1 us each, per cell).
_SELECTED = QStyle.StateFlag.State_Selected.value
_ACTIVE = QStyle.StateFlag.State_Active.value
_ENABLED = QStyle.StateFlag.State_Enabled.value
# Cells Qt's delegate paints: the focus frame, open/expanded items.
_HANDED_ON = (QStyle.StateFlag.State_HasFocus | QStyle.StateFlag.State_Open).value
_COLOURS = _SELECTED | _ACTIVE  # the state bits the colours depend on
_LEFT_TO_RIGHT = Qt.LayoutDirection.LeftToRight
_NORMAL, _INACTIVE = QPalette.ColorGroup.Normal, QPalette.ColorGroup.Inactive
_HIGHLIGHT, _HIGHLIGHTED_TEXT, _TEXT = (QPalette.ColorRole.Highlight, QPalette.ColorRole.HighlightedText,
                                         QPalette.ColorRole.Text)
_ELIDE = Qt.TextElideMode.ElideRight
_LEFT_CENTRE = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter

# Kept texts: those painted and those scrolled past, ~1.3 KB each laid out; beyond this the
# cache starts again (a screen shows ~400; every live poll brings new figures).
TEXT_LIMIT = 2048


@lru_cache(maxsize=1024)
def _right_to_left_in(text: str) -> bool:
    """Arabic or Hebrew letters in the text (only asked of a text too wide for its cell)."""
    return not text.isascii() and any(bidirectional(ch) in ("R", "AL") for ch in text)


def _paintable(text: str) -> bool:
    """Text QStaticText draws on one line as the style would (no line or paragraph breaks)."""
    return text.isprintable() or not any(ch in text for ch in "\n\r\t\x0b\x0c\u2028\u2029")


class CellDelegate(QStyledItemDelegate):
    """The default delegate of the guest table (`InstanceModel` behind it, no proxy)."""

    def __init__(self, model, view):
        super().__init__(view)
        self._model = model
        self._view = view
        # text -> (laid out, width, line height); None: Qt's delegate paints it
        self._texts: dict[str, tuple[QStaticText, float, float] | None] = {}
        self._elided: dict[tuple[str, int], tuple[QStaticText, float, float]] = {}
        self._places: dict[tuple, tuple] = {}
        self._icons: dict[tuple, tuple[QPixmap, int, int]] = {}
        self._palettes: dict[tuple, tuple] = {}
        self.forget()  # the view's font metrics and direction
        view.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt's name
        if event.type() in (QEvent.Type.FontChange, QEvent.Type.StyleChange, QEvent.Type.LayoutDirectionChange):
            self.forget()
        return False

    def forget(self) -> None:
        """Drop every text laid out and place computed, and read the view's font and direction
        again (they changed, or the delegate is new)."""
        self._texts.clear()
        self._elided.clear()
        self._places.clear()
        self._icons.clear()
        self._palettes.clear()
        self._metrics = QFontMetricsF(self._view.font())
        self._ascent = self._metrics.ascent()
        # The line height of a text of the font's own glyphs, as a laid-out one has it (an ASCII
        # text drawn as it is: _static).
        self._line = self._laid_out("0")[2]
        self._right_to_left = self._view.layoutDirection() != _LEFT_TO_RIGHT

    # ------------------------------------------------------------ painting

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index) -> None:
        state = option.state.value
        if state & _HANDED_ON or not state & _ENABLED or self._right_to_left:
            super().paint(painter, option, index)
            return
        cells = self._model.cells_of_row(index.row())
        if cells is None:
            return
        col = index.column()
        text = cells[SLOT_DISPLAY][col]
        decoration = cells[SLOT_DECORATION][col]
        if not text and decoration is None and not state & _SELECTED:
            return  # an empty cell (a lock, an HA state, an address not known): nothing to paint
        laid_out = self._static(text) if text else None
        if (laid_out is None and text) or not (decoration is None or isinstance(decoration, (QIcon, QPixmap))):
            super().paint(painter, option, index)
            return
        selected = state & _SELECTED
        fill, pen = self._colours(option.palette, state & _COLOURS)
        x, y, width, height = option.rect.getRect()
        if selected:
            painter.fillRect(x, y, width, height, fill)
        if decoration is None:
            icon_x, icon_y, text_x, text_y, room, text_height = self._place(width, height, 0, 0, option)
        else:
            pixmap, icon_width, icon_height = self._icon(decoration, bool(selected), painter)
            icon_x, icon_y, text_x, text_y, room, text_height = self._place(
                width, height, icon_width, icon_height, option)
            painter.drawPixmap(x + icon_x, y + icon_y, pixmap)
        if laid_out is None:
            return
        brush = None if selected else cells[SLOT_FOREGROUND][col]
        painter.setPen(pen if brush is None else brush.color())
        static, text_width, line_height = laid_out
        if text_width > room:
            if _right_to_left_in(text):  # the style elides such a line in its own way: let it
                super().paint(painter, option, index)
                return
            static, text_width, line_height = self._elided_text(text, room, option)
        left = x + text_x if cells[SLOT_ALIGN][col] is None else x + text_x + room - text_width
        # Centred as QStyle.alignedRect centres the line's rounded height: half the cell's
        # height less half the line's, each in whole pixels.
        line = int(line_height + 0.5)
        top = y + text_y + text_height // 2 - line // 2
        clipped = line > height
        if clipped:
            painter.save()  # a line taller than its row stays in its cell, as the style clips it
            painter.setClipRect(x, y, width, height)
        if static is None:  # painted for the first time: as it is, from its baseline (_static)
            painter.drawText(QPointF(left, top + self._ascent), text)
        else:
            painter.drawStaticText(QPointF(left, top), static)
        if clipped:
            painter.restore()

    # ------------------------------------------------------------ what is kept

    def _laid_out(self, text: str, width: float | None = None) -> tuple[QStaticText, float, float]:
        """(text laid out, its width, its line's height: a fallback font, Korean for one, may
        make the line taller than the font's)."""
        static = QStaticText(text)
        static.setTextFormat(Qt.TextFormat.PlainText)
        static.prepare(font=self._view.font())
        if width is None:
            width = self._metrics.horizontalAdvance(text)
        return static, width, static.size().height()

    def _static(self, text: str) -> tuple[QStaticText | None, float, float] | None:
        """How to paint `text`: (laid out, width, line height); None: Qt's delegate paints it.
        A plain ASCII text the first time: (None, width, the font's line height), drawn as it
        is, from its baseline (the same pixels: the view's own font, no fallback font changing
        the line); laid out when it comes again."""
        laid_out = self._texts.get(text, False)
        if laid_out is False:
            if len(self._texts) >= TEXT_LIMIT:
                self._texts.clear()
                self._elided.clear()
            if text.isascii() and text.isprintable():
                laid_out = (None, self._metrics.horizontalAdvance(text), self._line)
            else:
                laid_out = self._laid_out(text) if _paintable(text) else None
            self._texts[text] = laid_out
        elif laid_out is not None and laid_out[0] is None:
            laid_out = self._texts[text] = self._laid_out(text, laid_out[1])
        return laid_out

    def _elided_text(self, text: str, room: int, option: QStyleOptionViewItem) -> tuple[QStaticText, float, float]:
        key = (text, room)
        laid_out = self._elided.get(key)
        if laid_out is None:
            laid_out = self._elided[key] = self._laid_out(option.fontMetrics.elidedText(text, _ELIDE, room))
        return laid_out

    def _colours(self, palette: QPalette, state: int) -> tuple:
        """(selection fill, text colour) as the style takes them from the palette: the
        highlight and highlighted text of a selected cell, else the text colour; the inactive
        group's when the window is not active. Kept per palette and state (asking a palette
        converts its enums on every call)."""
        key = (palette.cacheKey(), state)
        colours = self._palettes.get(key)
        if colours is None:
            if len(self._palettes) > 64:
                self._palettes.clear()
            group = _NORMAL if state & _ACTIVE else _INACTIVE
            if state & _SELECTED:
                colours = (palette.brush(group, _HIGHLIGHT), palette.color(group, _HIGHLIGHTED_TEXT))
            else:
                colours = (None, palette.color(group, _TEXT))
            self._palettes[key] = colours
        return colours

    def _icon(self, decoration: QIcon | QPixmap, selected: bool, painter: QPainter) -> tuple[QPixmap, int, int]:
        """The decoration as the style paints it, and its size: an icon at the view's icon
        size, a pixmap at its own; tinted when its row is selected (QIcon's Selected mode)."""
        ratio = painter.device().devicePixelRatio()
        key = (decoration.cacheKey(), selected, ratio)
        kept = self._icons.get(key)
        if kept is None:
            if isinstance(decoration, QPixmap):
                size = decoration.deviceIndependentSize().toSize()
                icon = QIcon(decoration)
            else:
                size = self._view.iconSize()
                if not size.isValid():
                    extent = self._view.style().pixelMetric(QStyle.PixelMetric.PM_SmallIconSize, None, self._view)
                    size = QSize(extent, extent)
                icon = decoration
                size = icon.actualSize(size)
            mode = QIcon.Mode.Selected if selected else QIcon.Mode.Normal
            pixmap = icon.pixmap(size, ratio, mode)
            shown = pixmap.deviceIndependentSize().toSize()
            kept = self._icons[key] = (pixmap, shown.width(), shown.height())
        return kept

    def _place(self, width: int, height: int, icon_width: int, icon_height: int,
               option: QStyleOptionViewItem) -> tuple:
        """Where the style puts the icon and the text in a cell of this size, from the cell's
        top left: (icon x, icon y, text x, text y, text width, text height); asked once per cell
        and icon size (0 x 0: none). (A table view's text takes the whole cell beside the icon,
        whatever the text: QTableView shows the decoration selected.)"""
        key = (width, height, icon_width, icon_height)
        place = self._places.get(key)
        if place is None:
            icon = QSize(icon_width, icon_height) if icon_width or icon_height else None
            place = self._places[key] = self._measure(QSize(width, height), icon, option)
        return place

    def _measure(self, size: QSize, icon: QSize | None, option: QStyleOptionViewItem) -> tuple:
        probe = QStyleOptionViewItem(option)
        probe.rect = QRect(QPoint(0, 0), size)
        probe.text = "x"
        probe.features = QStyleOptionViewItem.ViewItemFeature.HasDisplay
        probe.displayAlignment = _LEFT_CENTRE
        if icon is not None:
            probe.features |= QStyleOptionViewItem.ViewItemFeature.HasDecoration
            probe.decorationSize = icon
        style, view = self._view.style(), self._view
        text = style.subElementRect(QStyle.SubElement.SE_ItemViewItemText, probe, view)
        margin = style.pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin, None, view) + 1
        text = text.adjusted(margin, 0, -margin, 0)  # as the style's text drawing does
        icon_at = QPoint()
        if icon is not None:
            area = style.subElementRect(QStyle.SubElement.SE_ItemViewItemDecoration, probe, view)
            icon_at = QStyle.alignedRect(_LEFT_TO_RIGHT, probe.decorationAlignment, icon, area).topLeft()
        return icon_at.x(), icon_at.y(), text.x(), text.y(), text.width(), text.height()
