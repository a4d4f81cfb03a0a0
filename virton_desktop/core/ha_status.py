"""HaStatusFeed: one cluster's HA manager status (`/cluster/ha/status/current`), cheaply (no widgets).

    feed = HaStatusFeed.of(session)            # one per session, made on first use
    feed.changed.connect(show)                 # after every answer
    feed.status.by_vmid().get(120)             # ha_config.HaService: node, CRM and requested state
    feed.watch(model)                          # poll while the model holds HA guests of this cluster
    feed.refresh()                             # now (a page opened, an HA setting changed)

`/cluster/resources` (the list's poll) carries only `hastate`; where the HA manager has the
resource and what was requested is in the HA status. One request per cluster at the task
list's cadence (at most every 15 s, with the session's polls: no timer of its own, so nothing
fires after the session is gone), only while the list holds an HA-managed guest of this
cluster, and once whenever a page asks (`refresh`). Never per guest.
"""

from __future__ import annotations

import time

import shiboken6
from PySide6.QtCore import QObject, Signal

from ..pve import api, errors, ha
from ..pve.ha_config import HaStatus
from ..session import ClusterSession

INTERVAL_S = 15.0  # the worker's task-list cadence
_NAME = "haStatusFeed"


class HaStatusFeed(QObject):
    changed = Signal()

    def __init__(self, session: ClusterSession):
        super().__init__(session)
        self.setObjectName(_NAME)
        self.session = session
        self.status = HaStatus({})
        self.sent = 0  # requests sent (tests read it)
        self._models: list = []
        self._reply = None  # at most one request in flight
        self._asked_at: float | None = None
        self._looked_at: float | None = None  # when the list was last searched for HA guests
        self._denied = False  # PVE refused (no Sys.Audit on /): the list's need no longer asks
        session.instances_polled.connect(self._polled)

    @classmethod
    def of(cls, session: ClusterSession) -> HaStatusFeed:
        found = session.findChild(QObject, _NAME)
        return found if isinstance(found, cls) else cls(session)

    def watch(self, model) -> None:
        """Ask with the polls while `model` (an InstanceModel) lists HA-managed guests of this cluster."""
        if not any(m is model for m in self._models):
            self._models.append(model)

    def refresh(self) -> None:
        """Ask now (a page opened, an HA setting was written); an answer on its way covers it."""
        self._ask()

    def service_of(self, inst):
        """The HA manager's entry for this guest (`ha_config.HaService`), or None."""
        return self.status.services.get(ha.sid(inst))

    def _live_models(self) -> list:
        """The watched models still alive (a closed window's model is gone without telling)."""
        self._models = [m for m in self._models if shiboken6.isValid(m)]
        return self._models

    def _polled(self, _delta) -> None:
        now = time.monotonic()
        due = self._asked_at is None or now - self._asked_at >= INTERVAL_S
        if not due or self._denied or (self._looked_at is not None and now - self._looked_at < INTERVAL_S):
            return
        self._looked_at = now  # a list without HA guests is looked through at that pace, not every poll
        if self._list_has_ha_guests():
            self._ask()

    def _list_has_ha_guests(self) -> bool:
        return any(m.has_ha_guests(self.session.name) for m in self._live_models())

    def _ask(self) -> None:
        if self._reply is not None or not self.session.running:
            return
        self._asked_at = time.monotonic()
        self.sent += 1
        self._reply = self.session.run(api.ha_status(), background=True)  # with the polls
        self._reply.then(self, self._answered)

    def _answered(self, data, error) -> None:
        self._reply = None
        if error is not None:  # keep the last known status; the list's column shows no node
            self._denied = isinstance(error, errors.PermissionDenied)
            return
        self.status = HaStatus.from_answer(data or [])
        nodes = {vmid: service.node for vmid, service in self.status.by_vmid().items() if service.node}
        for model in self._live_models():
            model.set_ha_nodes(self.session.name, nodes)
        self.changed.emit()
