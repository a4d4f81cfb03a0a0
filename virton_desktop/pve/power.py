"""Which power actions a guest offers in its state, and the API call behind each. No Qt.

PVE's own rules (pve-notes.md, "Power actions and locks"): stopped -> start; running ->
shutdown (ACPI), reboot, stop (hard), reset, pause; paused -> resume, stop. Containers
have no reset and no pause here (LXC freeze is experimental in PVE). A guest on an
offline node (`unknown`), a template, or a guest holding a config lock offers nothing,
and says why.

A VM's other QMP states (qemu-server `vm_resume`, pve-manager qemu/Config.js): asleep in S3
(`suspended`), `prelaunch` and the halts `cont` can lift offer Resume (PVE sends
`system_wakeup` or `cont`; Start would fail "already running"). `internal-error` and
`guest-panicked` refuse `cont` until a reset (which leaves the VM in `prelaunch`). Migration
and snapshot states belong to a running PVE job: only Stop. A hibernated VM (stopped,
`lock: suspended`) is resumed by Start.
"""

from __future__ import annotations

from enum import StrEnum

from .entities import (
    COLO,
    DEBUG,
    FINISH_MIGRATE,
    GUEST_PANICKED,
    HIBERNATION_LOCK,
    INMIGRATE,
    INTERNAL_ERROR,
    IO_ERROR,
    LXC,
    PAUSED,
    POSTMIGRATE,
    PRELAUNCH,
    QEMU,
    RESTORE_VM,
    RUNNING,
    SAVE_VM,
    SHUTDOWN,
    STOPPED,
    SUSPENDED,
    UNKNOWN,
    WATCHDOG,
    Instance,
)


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

_RESUMABLE = (Action.RESUME, Action.STOP)
_NEEDS_RESET = (Action.RESET, Action.STOP)
_BUSY = (Action.STOP,)

_BY_STATE = {
    (QEMU, STOPPED): (Action.START,),  # also a hibernated VM: start resumes it
    (QEMU, RUNNING): (Action.SHUTDOWN, Action.REBOOT, Action.PAUSE, Action.STOP, Action.RESET),
    (QEMU, PAUSED): _RESUMABLE,
    (QEMU, SUSPENDED): _RESUMABLE,
    (QEMU, PRELAUNCH): _RESUMABLE,
    (QEMU, IO_ERROR): _RESUMABLE,
    (QEMU, SHUTDOWN): _RESUMABLE,  # vm_resume resets it first
    (QEMU, DEBUG): _RESUMABLE,
    (QEMU, WATCHDOG): _RESUMABLE,
    (QEMU, INTERNAL_ERROR): _NEEDS_RESET,
    (QEMU, GUEST_PANICKED): _NEEDS_RESET,
    # Resuming the source after a migration would run the guest twice on the same disks.
    (QEMU, INMIGRATE): _BUSY,
    (QEMU, POSTMIGRATE): _BUSY,
    (QEMU, FINISH_MIGRATE): _BUSY,
    (QEMU, SAVE_VM): _BUSY,
    (QEMU, RESTORE_VM): _BUSY,
    (QEMU, COLO): _BUSY,
    (LXC, STOPPED): (Action.START,),
    (LXC, RUNNING): (Action.SHUTDOWN, Action.REBOOT, Action.STOP),
    (LXC, PAUSED): _RESUMABLE,
}

# Locks that do not block power actions: `suspended` is how PVE marks a hibernated VM,
# which is resumed by starting it.
_HARMLESS_LOCKS = {HIBERNATION_LOCK}


class Blocked(StrEnum):
    """Why a guest offers no power actions (the UI words each)."""

    NONE = ""
    TEMPLATE = "template"
    UNKNOWN = "unknown"  # the node is offline: the guest's state is not known
    UNRECOGNIZED = "unrecognized"  # a state this app does not know what to offer for
    LOCKED = "locked"


def blocked(inst: Instance) -> Blocked:
    if inst.template:
        return Blocked.TEMPLATE
    if inst.status == UNKNOWN:
        return Blocked.UNKNOWN
    if (inst.type, inst.status) not in _BY_STATE:
        return Blocked.UNRECOGNIZED
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
