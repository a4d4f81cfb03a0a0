"""The tag filter chips above the guest list: guests must carry every chosen tag.

A tag is chosen by a click on its chip in the list or from the "Filter by tag" menu (every tag
the listed guests carry); each chosen tag is a chip here with a × that removes it. The criterion
itself is `models.instance_filter` `tags` (Qt-free, shared with the search box's future `tag:`).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QMenu, QToolButton, QWidget

from ...pve.tags import TagStyle
from .. import kit
from .chips import rgb


class TagFilterBar(QWidget):
    changed = Signal(frozenset)  # the chosen tags (lower case)

    def __init__(self, all_tags: Callable[[], Iterable[str]], style_for: Callable[[str], TagStyle], parent=None):
        super().__init__(parent)
        self.setObjectName("tagFilterBar")
        self.setAccessibleName(self.tr("Tag filter"))
        self._all_tags = all_tags
        self._style_for = style_for
        self._chosen: list[str] = []
        self._chips: dict[str, QToolButton] = {}
        self.label = QLabel(self.tr("Tags:"), self)
        self.label.setTextFormat(Qt.TextFormat.PlainText)
        self.menu = QMenu(self)
        self.menu.setObjectName("tagFilterMenu")
        self.menu.aboutToShow.connect(self._fill_menu)
        self.pick = kit.button(self.tr("Filter by tag"), "tagFilterPick", parent=self, tool=True, text_only=True,
                               tip=self.tr("Show only guests with every chosen tag"))
        self.pick.setMenu(self.menu)
        self.pick.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.clear_button = kit.button(self.tr("Clear tags"), "tagFilterClear", parent=self, tool=True,
                                       text_only=True, slot=self.clear)
        self._layout = QHBoxLayout(self)
        self._layout.setContentsMargins(0, 0, 0, 0)
        self._layout.addWidget(self.label)
        self._layout.addWidget(self.pick)
        self._layout.addStretch(1)
        self._layout.addWidget(self.clear_button)
        self._update()

    def tags(self) -> frozenset[str]:
        return frozenset(t.lower() for t in self._chosen)

    def add(self, tag: str) -> None:
        if tag.lower() in self.tags():
            return
        self._chosen.append(tag)
        style = self._style_for(tag)
        bg, fg = style.colors(tag)
        chip = kit.button(tag + "  ×", "tagFilterChip-" + tag, parent=self, tool=True, text_only=True,
                          accessible=kit.fmt(self.tr("Remove tag filter %1"), tag),
                          tip=kit.fmt(self.tr("Showing guests tagged %1; click to remove"), tag),
                          slot=lambda t=tag: self.remove(t))
        chip.setStyleSheet("QToolButton {{ background-color: {0}; color: {1}; border-radius: 3px; padding: 1px 6px; }}"
                           .format(rgb(bg).name(), rgb(fg).name()))
        self._chips[tag] = chip
        self._layout.insertWidget(self._layout.indexOf(self.pick), chip)
        chip.show()
        self._update()
        self.changed.emit(self.tags())

    def remove(self, tag: str) -> None:
        chip = self._chips.pop(tag, None)
        if chip is None:
            return
        self._chosen.remove(tag)
        chip.hide()
        chip.deleteLater()
        self._update()
        self.changed.emit(self.tags())

    def clear(self) -> None:
        if not self._chosen:
            return
        for chip in self._chips.values():
            chip.hide()
            chip.deleteLater()
        self._chips.clear()
        self._chosen.clear()
        self._update()
        self.changed.emit(self.tags())

    def _fill_menu(self) -> None:
        self.menu.clear()
        chosen = self.tags()
        tags = sorted({t for t in self._all_tags() if t.lower() not in chosen}, key=lambda t: (t.lower(), t))
        if not tags:
            none = self.menu.addAction(self.tr("No other tags"))
            none.setEnabled(False)
        for tag in tags:
            action = self.menu.addAction(tag)
            action.setObjectName("tagFilterMenu-" + tag)
            action.triggered.connect(lambda _=False, t=tag: self.add(t))

    def _update(self) -> None:
        self.clear_button.setVisible(bool(self._chosen))
        self.label.setEnabled(bool(self._chosen))
