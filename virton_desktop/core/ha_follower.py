"""HaFollower: after an HA power request, the guest's real state from the polls (no widgets).

    follower = HaFollower(session, inst, Action.START, limit_s=ha.time_limit(Action.START), parent=self)
    follower.settled.connect(report)        # (ha.Outcome, Instance last seen), once
    follower.start()

PVE answers Start, Stop and Shutdown of an HA-managed guest with a `hastart`/`hastop` task that
ends OK as soon as the request is filed (`pve.ha`): that OK says nothing about the guest. The
follower reads the guest in every poll of its session until it reaches the requested state
(REACHED), its HA state turns `error` (FAILED: HA gave up), or `limit_s` passes (WAITING). A
guest already in `error` when asked stays there (HA ignores requests until the error is
cleared): that is FAILED at once.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, QTimer, Signal

from ..pve import ha
from ..pve.entities import Instance
from ..pve.power import Action


class HaFollower(QObject):
    settled = Signal(object, object)  # ha.Outcome, Instance: where it ended, as last polled

    def __init__(self, session, inst: Instance, action: Action, limit_s: float, parent=None):
        super().__init__(parent)
        self.session = session
        self.action = action
        self.instance = inst
        self._following = False
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(int(limit_s * 1000))
        self._timer.timeout.connect(lambda: self._settle(ha.Outcome.WAITING))

    @property
    def following(self) -> bool:
        return self._following

    def start(self) -> None:
        self._following = True
        self.session.instances_polled.connect(self._polled)
        self._timer.start()
        if self.instance.hastate == ha.ERROR:
            self._settle(ha.Outcome.FAILED)

    def stop(self) -> None:
        """No report: the request failed otherwise (its task), or nobody listens any more."""
        if not self._following:
            return
        self._following = False
        self._timer.stop()
        self.session.instances_polled.disconnect(self._polled)

    def _polled(self, delta) -> None:
        inst = next((i for i in delta.changed if i.key == self.instance.key), None)
        if inst is None:
            return
        self.instance = inst
        result = ha.outcome(inst, self.action)
        if result is not ha.Outcome.WAITING:
            self._settle(result)

    def _settle(self, result: ha.Outcome) -> None:
        if not self._following:
            return
        self.stop()
        self.settled.emit(result, self.instance)
