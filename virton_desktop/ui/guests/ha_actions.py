"""HA verbs on a guest: add to HA, edit, request a state, clear an error, remove; the "HA" menu.

    ha_actions = HaActions.of(guest_actions)        # one per GuestActions (window), made on first use
    list_page.menu_extenders.append(ha_actions.fill_menu)

Every verb needs Sys.Console on / (pve-ha-manager `API2/HA/Resources.pm`: create, update,
delete), so they are gated with the "ha" feature: the operator login sees them disabled with
the privilege named. Reports go out through the GuestActions' `failed` / `succeeded` /
`started` signals (the window shows those already).

A requested state is carried out by the HA manager later (`pve.ha`), so what it did is followed
with `core.ha_follower.HaFollower` in the guest's polls: started -> running, stopped and disabled
-> stopped. Clearing an error is PVE's documented way (`ha-manager set <sid> --state disabled`,
then `started`): the second request is refused while the service is still in `error`, so it is
sent once the polls show the HA manager took the guest out of it.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtGui import QActionGroup
from PySide6.QtWidgets import QMenu, QWidget

from ...core.ha_follower import HaFollower
from ...core.ha_status import HaStatusFeed
from ...pve import api, errors, ha, ha_config
from ...pve.entities import RUNNING, STOPPED, Instance
from ...pve.permissions import missing
from ...pve.power import Action
from .. import kit
from ..permission_gate import gate
from .actions import GuestActions
from .ha_dialog import HaDialog

_NAME = "haActions"
_LEAVE_ERROR_S = 60  # a few HA manager rounds (10 s each) for `disabled` to take a service out of error


class HaActions(QObject):
    def __init__(self, actions: GuestActions):
        super().__init__(actions)
        self.setObjectName(_NAME)
        self.actions = actions
        self._followers: list[HaFollower] = []
        # Replaced in tests; (title, text, ok text) -> True to go ahead.
        self.confirm = self._ask
        self.dialog: HaDialog | None = None  # the open one (tests drive it)

    @classmethod
    def of(cls, actions: GuestActions) -> HaActions:
        found = actions.findChild(QObject, _NAME)
        return found if isinstance(found, cls) else cls(actions)

    # ------------------------------------------------------------ words

    def _name(self, inst: Instance) -> str:
        return "{0} ({1})".format(inst.vmid, inst.name) if inst.name else str(inst.vmid)

    def lacks(self, inst: Instance):
        """Sys.Console on / (a `Need`) when the login lacks it, else None."""
        return missing("ha", self.actions.privileges_of(inst.cluster))

    # ------------------------------------------------------------ menu

    def fill_menu(self, menu: QMenu, instances: list[Instance]) -> None:
        """An "HA" submenu for one guest: add, or edit / request state / clear error / remove."""
        if len(instances) != 1 or instances[0].template:
            return
        inst = instances[0]
        sub = menu.addMenu(self.tr("High availability"))
        sub.setObjectName("menu-ha")
        self.fill(sub, inst)

    def fill(self, menu: QMenu, inst: Instance) -> None:
        need = self.lacks(inst)
        if need is not None:
            menu.setToolTipsVisible(True)  # the missing privilege is said on hover

        def entry(text: str, name: str, enabled: bool, tip: str, slot):
            qa = menu.addAction(text)
            qa.setObjectName(name)
            qa.triggered.connect(lambda _=False: slot())
            gate(qa, enabled, need, tip)
            return qa

        if not ha.managed(inst) and inst.hastate != ha.IGNORED:
            entry(self.tr("Add to HA…"), "menu-ha-add", True,
                  self.tr("Let the HA manager keep the guest running, on another node if its node fails"),
                  lambda: self.open_dialog(inst))
            return
        entry(self.tr("HA settings…"), "menu-ha-edit", True, self.tr("Requested state, restart and relocate tries"),
              lambda: self.open_dialog(inst))
        states = menu.addMenu(self.tr("Request state"))
        states.setObjectName("menu-ha-states")
        states.setToolTipsVisible(True)
        group = QActionGroup(states)
        service = HaStatusFeed.of(self.actions.session_of(inst.cluster)).service_of(inst) \
            if self.actions.session_of(inst.cluster) is not None else None
        current = service.request_state if service is not None else ""
        for state in ha_config.REQUEST_STATES:
            qa = states.addAction(ha.state_text(state))
            qa.setObjectName("menu-ha-state-" + state)
            qa.setCheckable(True)
            qa.setChecked(state == current)
            group.addAction(qa)
            qa.triggered.connect(lambda _=False, s=state: self.request(inst, s))
            gate(qa, inst.hastate != ha.ERROR or state == ha_config.DISABLED, need, ha_config.request_help(state))
        entry(self.tr("Clear HA error…"), "menu-ha-clear", inst.hastate == ha.ERROR,
              self.tr("Set the requested state to disabled, then to started again (Proxmox VE's way out of an "
                      "HA error)"), lambda: self.clear_error(inst))
        entry(self.tr("Remove from HA…"), "menu-ha-remove", True,
              self.tr("The guest keeps running, without HA"), lambda: self.remove(inst))

    # ------------------------------------------------------------ verbs

    def _session(self, inst: Instance):
        session = self.actions.session_of(inst.cluster)
        if session is None:
            self.actions.failed.emit(kit.fmt(self.tr("%1: the cluster %2 is not connected."), self._name(inst),
                                             inst.cluster))
        return session

    def open_dialog(self, inst: Instance, parent: QWidget | None = None) -> HaDialog | None:
        session = self._session(inst)
        if session is None:
            return None
        dialog = HaDialog(session, inst, parent or self.actions.parent())
        dialog.saved.connect(lambda before, chosen: self._saved(session, inst, before, chosen))
        dialog.finished.connect(lambda _result: setattr(self, "dialog", None))
        self.dialog = dialog
        dialog.open()
        return dialog

    def _saved(self, session, inst: Instance, before, chosen) -> None:
        HaStatusFeed.of(session).refresh()
        text = (self.tr("%1 is now managed by HA.") if before is None else self.tr("HA settings of %1 saved."))
        self.actions.started.emit(kit.fmt(text, self._name(inst)))
        if before is None or before.state != chosen.state:
            self._follow(session, inst, chosen.state)

    def request(self, inst: Instance, state: str) -> None:
        """Set the requested state (ha-manager set <sid> --state <state>)."""
        session = self._session(inst)
        if session is None:
            return
        if state in (ha_config.STOPPED, ha_config.DISABLED) and inst.status == RUNNING and not self.confirm(
                self.tr("Request state"),
                kit.fmt(self.tr("Request \"%1\" for %2? The HA manager shuts the guest down (and stops it hard "
                                "if it does not shut down in time)."), ha.state_text(state), self._name(inst)),
                ha.state_text(state)):
            return
        session.run(api.ha_update(ha.sid(inst), {"state": state})).then(
            self, lambda _data, error: self._requested(session, inst, state, error))

    def _requested(self, session, inst: Instance, state: str, error) -> None:
        if error is not None:
            self.actions.failed.emit(kit.fmt(self.tr("HA request for %1 failed: %2"), self._name(inst),
                                             errors.describe(error)))
            return
        HaStatusFeed.of(session).refresh()
        self.actions.started.emit(kit.fmt(self.tr("Requested \"%1\" for %2."), ha.state_text(state),
                                          self._name(inst)))
        self._follow(session, inst, state)

    def _follow(self, session, inst: Instance, state: str) -> None:
        """Watch the guest get where the new requested state takes it (nothing to see for ignored)."""
        action = {ha_config.STARTED: Action.START, ha_config.STOPPED: Action.STOP,
                  ha_config.DISABLED: Action.STOP}.get(state)
        if action is None or inst.status == (RUNNING if action is Action.START else STOPPED):
            return
        follower = HaFollower(session, inst, action, self.actions.ha_time_limit(action), self)
        follower.settled.connect(lambda outcome, seen: self._settled(follower, action, outcome, seen))
        self._followers.append(follower)
        follower.start()

    def _settled(self, follower: HaFollower, action: Action, outcome: ha.Outcome, inst: Instance) -> None:
        self._followers.remove(follower)
        follower.deleteLater()
        name = self._name(inst)
        if outcome is ha.Outcome.REACHED:
            text = self.tr("HA started %1: it runs on %2.") if action is Action.START else self.tr("HA stopped %1.")
            self.actions.succeeded.emit(kit.fmt(text, name, inst.node))
        elif outcome is ha.Outcome.FAILED:
            self.actions.failed.emit(self.actions.ha_error_text(action, inst))
        else:
            self.actions.failed.emit(kit.fmt(self.tr("%1 has not got there yet (HA state: %2). The HA manager may "
                                                     "still act on it."), name, ha.state_text(inst.hastate) or "–"))

    def remove(self, inst: Instance) -> None:
        """DELETE the resource: the guest keeps its state and runs on unmanaged."""
        session = self._session(inst)
        if session is None or not self.confirm(
                self.tr("Remove from HA"),
                kit.fmt(self.tr("Remove %1 (%2) from HA? The guest is not stopped: it keeps running as it is, but "
                                "no longer managed by HA - nothing restarts it when it fails or moves it when its "
                                "node fails. It is also taken out of the HA rules that name it."),
                        self._name(inst), ha.sid(inst)), self.tr("Remove from HA")):
            return
        session.run(api.ha_remove(ha.sid(inst))).then(self, lambda _data, error: self._removed(session, inst, error))

    def _removed(self, session, inst: Instance, error) -> None:
        if error is not None:
            self.actions.failed.emit(kit.fmt(self.tr("Removing %1 from HA failed: %2"), self._name(inst),
                                             errors.describe(error)))
            return
        HaStatusFeed.of(session).refresh()
        session.refresh()
        self.actions.succeeded.emit(kit.fmt(self.tr("%1 is no longer managed by HA."), self._name(inst)))

    def clear_error(self, inst: Instance) -> None:
        """disabled, then - once the HA manager took it out of error - started."""
        session = self._session(inst)
        if session is None or not self.confirm(
                self.tr("Clear HA error"),
                kit.fmt(self.tr("Clear the HA error of %1? Its requested state is set to \"disabled\" (the HA manager "
                                "then leaves the error state and keeps the guest stopped), then to \"started\": HA "
                                "tries to start it again. Fix the cause first (see the node's log), or it fails "
                                "again."), self._name(inst)), self.tr("Clear and start")):
            return
        session.run(api.ha_update(ha.sid(inst), {"state": ha_config.DISABLED})).then(
            self, lambda _data, error: self._disabled(session, inst, error))

    def _disabled(self, session, inst: Instance, error) -> None:
        if error is not None:
            self.actions.failed.emit(kit.fmt(self.tr("HA request for %1 failed: %2"), self._name(inst),
                                             errors.describe(error)))
            return
        waiter = _LeftError(session, inst, self)
        waiter.done.connect(lambda seen: self._left_error(session, waiter, seen))
        waiter.start(_LEAVE_ERROR_S)

    def _left_error(self, session, waiter, seen: Instance | None) -> None:
        waiter.deleteLater()
        if seen is None:
            self.actions.failed.emit(kit.fmt(self.tr("%1 is still in HA error %2 s after it was disabled; it stays "
                                                     "disabled. Try \"started\" again later."), self._name(waiter.inst),
                                             _LEAVE_ERROR_S))
            return
        self.request(seen, ha_config.STARTED)

    def _ask(self, title: str, text: str, ok_text: str) -> bool:
        return kit.confirm(self.actions.parent(), title, text, ok_text, destructive=True, name="confirmHa")


class _LeftError(QObject):
    """Waits in the guest's polls until its HA state is no longer `error` (`done(inst)`), or None at the limit."""
    done = Signal(object)

    def __init__(self, session, inst: Instance, parent=None):
        super().__init__(parent)
        self.session = session
        self.inst = inst
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(lambda: self._finish(None))
        self._waiting = False

    def start(self, limit_s: float) -> None:
        self._waiting = True
        self.session.instances_polled.connect(self._polled)
        self._timer.start(int(limit_s * 1000))
        self.session.refresh()

    def _polled(self, delta) -> None:
        seen = next((i for i in delta.changed if i.key == self.inst.key), None)
        if seen is not None and seen.hastate != ha.ERROR:
            self._finish(seen)

    def _finish(self, seen) -> None:
        if not self._waiting:
            return
        self._waiting = False
        self._timer.stop()
        self.session.instances_polled.disconnect(self._polled)
        self.done.emit(seen)
