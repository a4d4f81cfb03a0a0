"""HaStatusFeed: one cluster's HA manager status (`/cluster/ha/status/current`), cheaply (no widgets).

    feed = HaStatusFeed.of(session)            # one per session, made on first use
    feed.changed.connect(show)                 # after every answer
    feed.status.by_vmid().get(120)             # ha_config.HaService: node, CRM and requested state
    feed.watch(model)                          # poll while the model holds HA guests of this cluster
    feed.refresh()                             # now (a page opened, an HA setting changed)

`/cluster/resources` (the list's poll) carries only `hastate`; where the HA manager has the
resource and what was requested is in the HA status. One request per cluster at the task
list's cadence (15 s), only while something needs it: the list holds an HA-managed guest of
this cluster, or a page asked (`refresh`). Never per guest.
"""

from __future__ import annotations

import shiboken6
from PySide6.QtCore import QObject, Signal

from ..pve import api, errors, ha
from ..pve.ha_config import HaStatus
from ..session import ClusterSession
from .poller import Poller

INTERVAL_MS = 15000  # the worker's task-list cadence
_NAME = "haStatusFeed"


class HaStatusFeed(QObject):
    changed = Signal()

    def __init__(self, session: ClusterSession):
        super().__init__(session)
        self.setObjectName(_NAME)
        self.session = session
        self.status = HaStatus({})
        self._models: list = []
        self._wanted = False  # a page asked since the last answer
        self._denied = False  # PVE refused (no Sys.Audit on /): not asked again by the list's need
        self._poller = Poller(session, self._op, INTERVAL_MS, self)
        self._poller.result.connect(self._got)
        self._poller.failed.connect(self._failed)
        self._poller.start(now=False)

    @classmethod
    def of(cls, session: ClusterSession) -> HaStatusFeed:
        found = session.findChild(QObject, _NAME)
        return found if isinstance(found, cls) else cls(session)

    def watch(self, model) -> None:
        """Poll while `model` (an InstanceModel) lists HA-managed guests of this session's cluster."""
        if not any(m is model for m in self._models):
            self._models.append(model)
            self.session.instances_polled.connect(self._list_polled)

    def _live_models(self) -> list:
        """The watched models still alive (a closed window's model is gone without telling)."""
        self._models = [m for m in self._models if shiboken6.isValid(m)]
        return self._models

    def _list_polled(self, _delta) -> None:
        """The list's first HA guests get their node at once, not a cadence later."""
        if self._poller.sent == 0 and self._needed():
            self._poller.poll()

    def refresh(self) -> None:
        self._wanted = True
        self._poller.poll()

    def _failed(self, error) -> None:
        """Keep the last known status; the list's column simply shows no node."""
        self._wanted = False
        self._denied = isinstance(error, errors.PermissionDenied)

    def _needed(self) -> bool:
        if not self.session.running:  # closed: nobody to ask
            return False
        if self._wanted:
            return True
        name = self.session.name
        return not self._denied and any(i.cluster == name and i.hastate for m in self._live_models()
                                        for i in m.all_instances())

    def _op(self) -> api.Op | None:
        return api.ha_status() if self._needed() else None

    def _got(self, data) -> None:
        self._wanted = False
        self.status = HaStatus.from_answer(data or [])
        nodes = {vmid: service.node for vmid, service in self.status.by_vmid().items() if service.node}
        for model in self._live_models():
            model.set_ha_nodes(self.session.name, nodes)
        self.changed.emit()

    def service_of(self, inst):
        """The HA manager's entry for this guest (`ha_config.HaService`), or None."""
        return self.status.services.get(ha.sid(inst))
