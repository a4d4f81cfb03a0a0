"""Power actions on guests: menus, toolbar actions, confirmation, and what happens after.

One `GuestActions` object per main window. It knows the sessions (by cluster name), turns
an `Action` on a set of guests into PVE requests (one task each), and reports failures in
words (`pve.errors.describe`), including tasks that are accepted but fail later
(`VM is locked (backup)` is a task error for `start`).

An HA-managed guest's Start, Stop and Shutdown come back as `hastart`/`hastop` tasks that end OK
before anything happened (`pve.ha`): a `core.ha_follower.HaFollower` then watches the guest's
polls, and the outcome is reported - reached (`succeeded`), HA error or no change in time
(`failed`). The confirmation says what HA does with the request.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMenu, QWidget

from ...core.ha_follower import HaFollower
from ...pve import errors, ha, power
from ...pve.entities import Instance, Task
from ...pve.power import Action, Blocked
from ...session import ClusterSession
from .. import kit
from ..permission_gate import PrivilegesOf, everything, first_need, gate, guest_need

SHORTCUTS = {
    Action.START: "Ctrl+Shift+S",
    Action.SHUTDOWN: "Ctrl+Shift+D",
    Action.REBOOT: "Ctrl+Shift+R",
    Action.STOP: "Ctrl+Shift+X",
    Action.PAUSE: "Ctrl+Shift+P",
    Action.RESUME: "Ctrl+Shift+U",
}

# Actions offered on a multi-selection (the seed's bulk operations).
BULK = (Action.START, Action.SHUTDOWN, Action.STOP)


def _task_type(upid: str) -> str:
    return Task.from_upid("", upid).type if upid.startswith("UPID:") else ""


class GuestActions(QObject):
    failed = Signal(str)  # a translated message: something the user asked for did not happen
    started = Signal(str)  # a translated message: requests were sent
    succeeded = Signal(str)  # a translated message: an HA request got the guest where it was asked to be
    privileges_changed = Signal()  # `privileges_of` answers differently now: pages re-gate their buttons

    def __init__(self, session_of: Callable[[str], ClusterSession | None], parent: QWidget):
        super().__init__(parent)
        self._session_of = session_of
        self._window = parent
        self._pending: dict[str, tuple[Action, Instance]] = {}  # UPID -> what the user asked
        # Guests with a shutdown task running (from every cluster's task stream): Stop overrules it.
        self._shutting_down: dict[tuple[str, int], str] = {}  # key -> UPID
        self._ha: dict[str, HaFollower] = {}  # UPID of a hastart/hastop task -> the guest's follower
        # Seconds an HA request may take to show; replaced in tests.
        self.ha_time_limit: Callable[[Action], float] = ha.time_limit
        # Replaced in tests; returns True to go ahead.
        self.confirm: Callable[[Action, list[Instance]], bool] = self._ask
        # What each cluster's login may do (the window hands in the registry's `privileges`).
        self.privileges_of: PrivilegesOf = everything

    @staticmethod
    def cached(_cluster: str) -> bool:
        """The cluster's rows are its last-known list, not live: nothing is sent (set by the window)."""
        return False

    def session_of(self, cluster: str) -> ClusterSession | None:
        return self._session_of(cluster)

    # ----------------------------------------------------------- words

    def label(self, action: Action) -> str:
        return {
            Action.START: self.tr("Start"),
            Action.SHUTDOWN: self.tr("Shutdown"),
            Action.REBOOT: self.tr("Reboot"),
            Action.STOP: self.tr("Stop"),
            Action.RESET: self.tr("Reset"),
            Action.PAUSE: self.tr("Pause"),
            Action.RESUME: self.tr("Resume"),
        }[action]

    def help_text(self, action: Action) -> str:
        return {
            Action.START: self.tr("Start the guest"),
            Action.SHUTDOWN: self.tr("Ask the guest OS to shut down cleanly (ACPI)"),
            Action.REBOOT: self.tr("Ask the guest OS to restart"),
            Action.STOP: self.tr("Power off at once, like pulling the plug"),
            Action.RESET: self.tr("Hard reset, like pressing the reset button"),
            Action.PAUSE: self.tr("Freeze the guest in memory"),
            Action.RESUME: self.tr("Continue a paused or halted guest, or wake it from sleep"),
        }[action]

    def blocked_text(self, inst: Instance) -> str:
        reason = power.blocked(inst)
        if reason is Blocked.TEMPLATE:
            return kit.fmt(self.tr("%1 is a template: clone it to get a guest that can run."), self._name(inst))
        if reason is Blocked.UNKNOWN:
            return kit.fmt(self.tr("The node %1 is offline or unreachable: the state of %2 is unknown."), inst.node,
                           self._name(inst))
        if reason is Blocked.UNRECOGNIZED:
            return kit.fmt(self.tr("%1 is in the state \"%2\", which this app offers no actions for; use the "
                                   "Proxmox VE web interface."), self._name(inst), inst.status)
        if reason is Blocked.LOCKED:
            return kit.fmt(self.tr("%1 is locked (%2) by a running or interrupted job; power actions are blocked "
                                   "until it ends."), self._name(inst), inst.lock)
        return ""

    def _name(self, inst: Instance) -> str:
        return "{0} ({1})".format(inst.vmid, inst.name) if inst.name else str(inst.vmid)

    # ------------------------------------------------------------ menus

    def fill_menu(self, menu: QMenu, instances: list[Instance]) -> None:
        """The row / context menu: valid actions enabled; blocked ones explain themselves."""
        if not instances:
            return
        if len(instances) == 1:
            inst = instances[0]
            reason = self.blocked_text(inst)
            if reason:
                note = menu.addAction(reason)
                note.setEnabled(False)
                menu.addSeparator()
            allowed = power.available(inst)
            shown = power.state_actions(inst) or allowed
            need = self.lacks(inst)
            if need is not None:
                menu.setToolTipsVisible(True)  # the missing privilege is said on hover
            for action in power.ORDER:
                if action in shown:
                    qa = self._menu_action(menu, action, [inst])
                    gate(qa, action in allowed, need, self.help_text(action))
            return
        for action in BULK:
            offered = [i for i in instances if action in power.available(i)]
            targets = [i for i in offered if self.lacks(i) is None]
            qa = self._menu_action(menu, action, targets)
            qa.setText(kit.fmt(self.tr("%1 (%2 of %3)"), self.label(action), len(targets), len(instances)))
            need = first_need(self.privileges_of, "power", offered) if not targets else None
            if need is not None:
                menu.setToolTipsVisible(True)
            gate(qa, bool(targets), need, self.help_text(action))

    def _menu_action(self, menu: QMenu, action: Action, targets: list[Instance]) -> QAction:
        qa = menu.addAction(self.label(action))
        qa.setObjectName("menu-" + action.value)
        qa.setToolTip(self.help_text(action))
        qa.setStatusTip(self.help_text(action))
        if action in SHORTCUTS:
            qa.setShortcut(QKeySequence(SHORTCUTS[action]))
        qa.triggered.connect(lambda _=False, a=action, t=list(targets): self.trigger(a, t))
        return qa

    def toolbar_actions(self, parent: QWidget, selection: Callable[[], list[Instance]]) -> dict[Action, QAction]:
        """Window-wide actions with shortcuts; `update_enabled` keeps them in step with the selection."""
        out = {}
        for action in power.ORDER:
            qa = QAction(self.label(action), parent)
            qa.setObjectName("action-" + action.value)
            qa.setToolTip(self.help_text(action))
            qa.setStatusTip(self.help_text(action))
            if action in SHORTCUTS:
                qa.setShortcut(QKeySequence(SHORTCUTS[action]))
            qa.triggered.connect(lambda _=False, a=action: self.trigger(
                a, [i for i in selection() if a in power.available(i) and self.lacks(i) is None]))
            out[action] = qa
        return out

    def lacks(self, inst: Instance):
        """The privilege the login lacks for power actions on this guest (a `Need`), or None."""
        return guest_need(self.privileges_of(inst.cluster), "power", inst)

    def update_enabled(self, actions: dict[Action, QAction], selected: Iterable[Instance]) -> None:
        """Enabled where a selected guest offers the action and the login may do it; when the state
        allows it but the privilege lacks, the tooltip names the privilege."""
        selected = list(selected)
        for action, qa in actions.items():
            if len(selected) > 1 and action not in BULK:
                gate(qa, False, None, self.help_text(action))
                continue
            offered = [i for i in selected if action in power.available(i) and not self.cached(i.cluster)]
            permitted = [i for i in offered if self.lacks(i) is None]
            need = first_need(self.privileges_of, "power", offered) if offered and not permitted else None
            gate(qa, bool(permitted), need, self.help_text(action))

    # ------------------------------------------------------------- doing

    def trigger(self, action: Action, instances: list[Instance]) -> int:
        """Send `action` for each guest (after confirmation where needed). Returns how many were sent."""
        instances = [i for i in instances if not self.cached(i.cluster)]
        if not instances:
            return 0
        if self.needs_confirmation(action, instances) and not self.confirm(action, instances):
            return 0
        sent = 0
        for inst in instances:
            session = self._session_of(inst.cluster)
            if session is None:
                self.failed.emit(kit.fmt(self.tr("%1: the cluster %2 is not connected."), self._name(inst),
                                         inst.cluster))
                continue
            self._send(session, action, inst, self._params(action, inst))
            sent += 1
        if sent:
            self.started.emit(kit.fmt(self.tr("%1: sent for %n guest(s)", "", sent), self.label(action)))
        return sent

    @staticmethod
    def needs_confirmation(action: Action, instances: list[Instance]) -> bool:
        """Stop and reset lose data; a Shutdown the HA manager ends in a hard stop after its timeout, too."""
        return action.needs_confirmation or (action is Action.SHUTDOWN and any(ha.managed(i) for i in instances))

    def overrules_shutdown(self, inst: Instance) -> bool:
        """Stop of a guest whose shutdown still runs: PVE (8.1+) must be told to cancel that
        shutdown, else the stop waits for its config lock and fails. Never for HA guests (PVE
        refuses the parameter there; the HA manager decides)."""
        return inst.key in self._shutting_down and not ha.managed(inst)

    def _params(self, action: Action, inst: Instance) -> dict | None:
        return {"overrule-shutdown": 1} if action is Action.STOP and self.overrules_shutdown(inst) else None

    def _send(self, session: ClusterSession, action: Action, inst: Instance, params: dict | None) -> None:
        reply = session.guest_action(inst, action, params)
        reply.then(self, lambda data, error: self._sent(action, inst, data, error, session, params))

    def _sent(self, action: Action, inst: Instance, data, error, session=None, params=None) -> None:
        if (params and isinstance(error, errors.InvalidParameters) and "overrule-shutdown" in error.errors
                and session is not None):
            self._send(session, action, inst, None)  # PVE before 8.1 knows no overrule: stop as before
            return
        if error is not None:
            self.failed.emit(self._failure(action, inst, error))
        elif isinstance(data, str):
            self._pending[data] = (action, inst)
            if session is not None and _task_type(data) in ha.HA_TASKS:
                self._follow_ha(session, data, action, inst)

    def task_changed(self, task: Task) -> None:
        """Connected to every session's `task_changed`: report our tasks that failed; follow shutdowns."""
        if task.type in ("qmshutdown", "vzshutdown") and task.vmid is not None:
            key = (task.cluster, task.vmid)
            if task.running:
                self._shutting_down[key] = task.upid
            elif self._shutting_down.get(key) == task.upid:
                del self._shutting_down[key]
        if task.running or task.upid not in self._pending:
            return
        action, inst = self._pending.pop(task.upid)
        if task.failed:
            follower = self._ha.pop(task.upid, None)
            if follower is not None:  # the request itself failed: that is the news, not the guest
                follower.stop()
                follower.deleteLater()
            self.failed.emit(self._failure(action, inst, errors.from_task_exit(task.exitstatus)))

    # ------------------------------------------------------------- HA

    def _follow_ha(self, session: ClusterSession, upid: str, action: Action, inst: Instance) -> None:
        """The hastart/hastop task's OK only says the request was filed: follow the guest instead."""
        follower = HaFollower(session, inst, action, self.ha_time_limit(action), self)
        follower.settled.connect(lambda outcome, seen: self._ha_settled(upid, action, outcome, seen))
        self._ha[upid] = follower
        follower.start()

    def _ha_settled(self, upid: str, action: Action, outcome: ha.Outcome, inst: Instance) -> None:
        follower = self._ha.pop(upid, None)
        if follower is not None:
            follower.deleteLater()
        name = self._name(inst)
        if outcome is ha.Outcome.REACHED:
            text = (self.tr("HA started %1: it runs on %2.") if action is Action.START
                    else self.tr("HA stopped %1."))
            self.succeeded.emit(kit.fmt(text, name, inst.node))
        elif outcome is ha.Outcome.FAILED:
            self.failed.emit(self.ha_error_text(action, inst))
        else:
            self.failed.emit(kit.fmt(
                self.tr("%1 is still %2 %3 s after the HA request (HA state: %4). The HA manager may still "
                        "act on it: see Datacenter → HA in the Proxmox VE web interface."),
                name, inst.shown_status, round(self.ha_time_limit(action)), ha.state_text(inst.hastate) or "–"))

    def ha_error_text(self, action: Action, inst: Instance) -> str:
        """An HA request that ended with the resource in `error`, and the way out PVE documents."""
        text = (self.tr("HA could not start %1: its HA state is \"error\", so HA leaves it alone. See the HA "
                        "status (Datacenter → HA) and the node's log for the cause. To clear the error, set the "
                        "requested state of %2 to \"disabled\" (ha-manager set %2 --state disabled), fix the cause, "
                        "then set it to \"started\" again.") if action is Action.START else
                self.tr("HA could not stop %1: its HA state is \"error\", so HA leaves it alone. See the HA "
                        "status (Datacenter → HA) and the node's log for the cause; stop the guest by hand if "
                        "it still runs. To clear the error, set the requested state of %2 to \"disabled\" "
                        "(ha-manager set %2 --state disabled), fix the cause, then request the state you want."))
        return kit.fmt(text, self._name(inst), ha.sid(inst))

    def _failure(self, action: Action, inst: Instance, error: BaseException) -> str:
        return kit.fmt(self.tr("%1 of %2 failed: %3"), self.label(action), self._name(inst), errors.describe(error))

    def _ask(self, action: Action, instances: list[Instance]) -> bool:
        names = ", ".join(self._name(i) for i in instances[:8]) + (" …" if len(instances) > 8 else "")
        if action is Action.STOP:
            text = self.tr("Stop %1 now? The guest is powered off without shutting down; unsaved data "
                           "in it is lost.")
        elif action is Action.SHUTDOWN:
            text = self.tr("Shut down %1?")
        else:
            text = self.tr("Reset %1 now? The guest restarts at once without shutting down; unsaved "
                           "data in it is lost.")
        text = kit.fmt(text, names)
        if action is Action.STOP and any(self.overrules_shutdown(i) for i in instances):
            text += "\n\n" + self.tr("A shutdown is still running: it is cancelled and the guest is stopped now.")
        text = "\n\n".join(t for t in (text, self.ha_note(action, instances)) if t)
        label = self.label(action)
        return kit.confirm(self._window, label, text, label, destructive=True, name="confirmAction")

    def ha_note(self, action: Action, instances: list[Instance]) -> str:
        """What the HA manager does with this request, for the HA-managed ones among `instances`."""
        managed = [i for i in instances if ha.managed(i)]
        if not managed or action not in (Action.STOP, Action.SHUTDOWN):
            return ""
        names = ", ".join(self._name(i) for i in managed[:8]) + (" …" if len(managed) > 8 else "")
        if action is Action.SHUTDOWN:
            text = self.tr("%1: managed by HA. The HA manager shuts it down; if it still runs after the HA "
                           "timeout (%2 s), it is stopped hard and unsaved data is lost. HA then keeps it "
                           "stopped until it is started again.")
        else:
            text = self.tr("%1: managed by HA. The HA manager stops it and keeps it stopped until it is started "
                           "again. A shutdown still running is not cancelled (Proxmox VE does not allow that for "
                           "HA guests). Powered off from inside instead, HA would start it again, maybe on "
                           "another node.")
        return kit.fmt(text, names, ha.SHUTDOWN_TIMEOUT_S)
