"""The guest page's HA part: the "HA" button with its menu, and the HA manager's entry for the HA row.

The page asks the cluster's `HaStatusFeed` when it opens and whenever the guest's HA state
changes in the polls (one request then, not per poll); the summary's HA row then reads
"Started on pve2 (request: started, max. restart 1, max. relocate 1)".
"""

from __future__ import annotations

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QMenu

from ...core.ha_status import HaStatusFeed
from .. import kit
from ..permission_gate import gate
from .ha_actions import HaActions


class HaPagePart(QObject):
    def __init__(self, page):
        super().__init__(page)
        self.page = page
        self.feed = HaStatusFeed.of(page.session)
        self.ha = HaActions.of(page.actions)
        self.button = kit.button(self.tr("HA"), "detailHa", parent=page, tip=self.tr("High availability"))
        self.menu = QMenu(self.button)
        self.menu.setObjectName("detailHaMenu")
        self.menu.aboutToShow.connect(self._fill)
        self.button.setMenu(self.menu)
        self._hastate = ""
        self.feed.changed.connect(self._status_changed)
        page.session.instances_polled.connect(self._polled)
        self._polled(None)

    def _status_changed(self) -> None:
        self.page._show_summary()

    def service(self):
        inst = self.page.instance
        return self.feed.service_of(inst) if inst is not None and inst.hastate else None

    def _polled(self, _delta) -> None:
        inst = self.page.instance
        hastate = inst.hastate if inst is not None else None
        if (hastate or "") != self._hastate:  # HA moved it: its node and request may have changed too
            self._hastate = hastate or ""
            self.feed.refresh()

    def _fill(self) -> None:
        self.menu.clear()
        if self.page.instance is not None:
            self.ha.fill(self.menu, self.page.instance)

    def update_button(self) -> None:
        inst = self.page.instance
        gate(self.button, inst is not None and not inst.template, None if inst is None else self.ha.lacks(inst),
             self.tr("High availability"))
