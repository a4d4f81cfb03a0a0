"""Which power actions a guest offers in its state, and the API call behind each. No Qt.

PVE's own rules (pve-notes.md, "Power actions and locks"): stopped -> start; running ->
shutdown (ACPI), reboot, stop (hard), reset, pause; paused -> resume, stop. Containers
have no reset and no pause here (LXC freeze is experimental in PVE). A guest on an
offline node (`unknown`), a template, or a guest holding a config lock offers nothing,
and says why.
"""

from __future__ import annotations

from enum import StrEnum

from .entities import LXC, PAUSED, QEMU, RUNNING, STOPPED, SUSPENDED, Instance


class Action(StrEnum):
    START = "start"
    SHUTDOWN = "shutdown"
    REBOOT = "reboot"
    STOP = "stop"
    RESET = "reset"
    PAUSE = "pause"
    RESUME = "resume"

    @property
    def endpoint(self) -> str:
        """The last path segment of POST /nodes/{node}/{type}/{vmid}/status/{endpoint}."""
        return {Action.PAUSE: "suspend"}.get(self, self.value)

    @property
    def needs_confirmation(self) -> bool:
        """Hard stop and reset lose unsaved data in the guest."""
        return self in (Action.STOP, Action.RESET)


# The order menus and toolbars show them in.
ORDER = (Action.START, Action.RESUME, Action.SHUTDOWN, Action.REBOOT, Action.PAUSE, Action.STOP, Action.RESET)

_BY_STATE = {
    (QEMU, STOPPED): (Action.START,),
    (QEMU, RUNNING): (Action.SHUTDOWN, Action.REBOOT, Action.PAUSE, Action.STOP, Action.RESET),
    (QEMU, PAUSED): (Action.RESUME, Action.STOP),
    (QEMU, SUSPENDED): (Action.START,),  # hibernated to disk: start resumes it
    (LXC, STOPPED): (Action.START,),
    (LXC, RUNNING): (Action.SHUTDOWN, Action.REBOOT, Action.STOP),
    (LXC, PAUSED): (Action.RESUME, Action.STOP),
}

# Locks that do not block power actions: `suspended` is how PVE marks a hibernated VM,
# which is resumed by starting it.
_HARMLESS_LOCKS = {"suspended"}


class Blocked(StrEnum):
    """Why a guest offers no power actions (the UI words each)."""

    NONE = ""
    TEMPLATE = "template"
    UNKNOWN = "unknown"
    LOCKED = "locked"


def blocked(inst: Instance) -> Blocked:
    if inst.template:
        return Blocked.TEMPLATE
    if inst.status not in (RUNNING, STOPPED, PAUSED, SUSPENDED):
        return Blocked.UNKNOWN
    if inst.lock and inst.lock not in _HARMLESS_LOCKS:
        return Blocked.LOCKED
    return Blocked.NONE


def state_actions(inst: Instance) -> tuple[Action, ...]:
    """What the state allows, ignoring locks (to show them, disabled, with the reason)."""
    return _BY_STATE.get((inst.type, inst.status), ())


def available(inst: Instance) -> tuple[Action, ...]:
    """What can be done now."""
    return () if blocked(inst) is not Blocked.NONE else state_actions(inst)


def path(inst: Instance, action: Action) -> str:
    return "/nodes/{0}/{1}/{2}/status/{3}".format(inst.node, inst.type, inst.vmid, action.endpoint)
