"""HA-managed guests (pve-ha-manager): what `hastate` says, and when an HA power request is done. No Qt.

`/cluster/resources` gives an HA resource's `hastate`: the CRM's service state from its manager
status, else the requested state from the HA config (pve-manager `API2/Cluster.pm`). The states
are those of pve-ha-manager `Manager.pm` and the `ha-manager` documentation: started, stopped,
request_stop, request_start, request_start_balance, freeze, fence, recovery, migrate,
relocate, error, disabled, ignored, queued (and `starting`/`stopping`/`deleting`/`not found`/
`clearing error flag` as `ha-manager status` words them, Tools.pm `get_verbose_service_state`;
`ignore` while the HA stack is disarmed in ignore mode, API2/HA/Status.pm). A requested state
`enabled` is an old alias of `started` (Config.pm), and /cluster/resources shows it as written.

qemu-server and pve-container hand Start, Stop and Shutdown of an HA-managed guest to the HA
manager: the answer is a `hastart`/`hastop` task that ends OK as soon as the request is filed,
before anything happened to the guest. Stop is `crm-command stop <sid> 0` (a hard stop at
once), Shutdown `crm-command stop <sid> <timeout>` (a shutdown that ends in a hard stop after
the timeout, 60 s by default). A start that fails on every node it is tried on leaves the
service in `error`: HA no longer touches it until its requested state is set to `disabled`.
An `ignored` resource is handled as if HA did not manage it (PVE::HA::Config
`service_check_ha_state`).
"""

from __future__ import annotations

from enum import StrEnum

from .entities import LXC, RUNNING, STOPPED, Instance
from .power import Action
from .text import QT_TRANSLATE_NOOP, translate

ERROR = "error"
IGNORED = "ignored"
UNMANAGED = "unmanaged"  # the PVE web UI's value for a guest without HA
HA_TASKS = frozenset({"hastart", "hastop"})
# qemu-server vm_shutdown: `$param->{timeout} // 60` is what the HA manager waits before a hard stop.
SHUTDOWN_TIMEOUT_S = 60
# How long after an HA request the guest may take to get there: a few HA rounds (10 s each),
# the start or stop itself, and for a failing start the try on another node.
_LIMIT_S = {Action.START: 120, Action.STOP: 60, Action.SHUTDOWN: SHUTDOWN_TIMEOUT_S + 60}

_ALIASES = {"enabled": "started"}  # Resources.pm: "`enabled` is just an alias for `started`"
_WORDS = {
    "started": QT_TRANSLATE_NOOP("HaState", "Started"),
    "stopped": QT_TRANSLATE_NOOP("HaState", "Stopped"),
    "request_stop": QT_TRANSLATE_NOOP("HaState", "Stop requested"),
    "request_start": QT_TRANSLATE_NOOP("HaState", "Start requested"),
    "request_start_balance": QT_TRANSLATE_NOOP("HaState", "Moving to start"),
    "starting": QT_TRANSLATE_NOOP("HaState", "Starting"),
    "stopping": QT_TRANSLATE_NOOP("HaState", "Stopping"),
    "freeze": QT_TRANSLATE_NOOP("HaState", "Frozen"),
    "fence": QT_TRANSLATE_NOOP("HaState", "Fencing its node"),
    "recovery": QT_TRANSLATE_NOOP("HaState", "Recovering"),
    "migrate": QT_TRANSLATE_NOOP("HaState", "Migrating"),
    "relocate": QT_TRANSLATE_NOOP("HaState", "Relocating"),
    ERROR: QT_TRANSLATE_NOOP("HaState", "Error"),
    "disabled": QT_TRANSLATE_NOOP("HaState", "Disabled"),
    IGNORED: QT_TRANSLATE_NOOP("HaState", "Ignored"),
    "queued": QT_TRANSLATE_NOOP("HaState", "Queued"),
    "deleting": QT_TRANSLATE_NOOP("HaState", "Being removed"),
    "not found": QT_TRANSLATE_NOOP("HaState", "Guest not found"),
    "clearing error flag": QT_TRANSLATE_NOOP("HaState", "Clearing the error"),
    "ignore": QT_TRANSLATE_NOOP("HaState", "HA disarmed"),
}
_HELP = {
    "started": QT_TRANSLATE_NOOP("HaState", "HA keeps it running: if it stops, HA starts it again, on another "
                                            "node if its own fails."),
    "stopped": QT_TRANSLATE_NOOP("HaState", "HA keeps it stopped."),
    "request_stop": QT_TRANSLATE_NOOP("HaState", "HA is stopping it and waits for its node to confirm."),
    "request_start": QT_TRANSLATE_NOOP("HaState", "HA is about to start it."),
    "request_start_balance": QT_TRANSLATE_NOOP("HaState", "HA moves it to a less busy node before starting it."),
    "starting": QT_TRANSLATE_NOOP("HaState", "HA is starting it."),
    "stopping": QT_TRANSLATE_NOOP("HaState", "A stop was requested; the HA manager has not taken it yet."),
    "freeze": QT_TRANSLATE_NOOP("HaState", "HA leaves it as it is while its node reboots or the HA services "
                                           "restart."),
    "fence": QT_TRANSLATE_NOOP("HaState", "Its node left the cluster: HA waits until the node is fenced, then "
                                          "starts the guest on another node."),
    "recovery": QT_TRANSLATE_NOOP("HaState", "Its node was fenced: HA is looking for another node to start it on."),
    "migrate": QT_TRANSLATE_NOOP("HaState", "HA is migrating it to another node while it runs."),
    "relocate": QT_TRANSLATE_NOOP("HaState", "HA is moving it to another node: stop, move, start."),
    ERROR: QT_TRANSLATE_NOOP("HaState", "HA could not start or stop it and no longer touches it. To clear the "
                                        "error: set its requested state to \"disabled\", fix the cause, then "
                                        "request \"started\" again (Datacenter → HA in the Proxmox VE web "
                                        "interface)."),
    "disabled": QT_TRANSLATE_NOOP("HaState", "Stopped and disabled in HA."),
    IGNORED: QT_TRANSLATE_NOOP("HaState", "HA ignores it for now: it is handled as if HA did not manage it."),
    "queued": QT_TRANSLATE_NOOP("HaState", "Just added to HA: the HA manager has not handled it yet."),
    "deleting": QT_TRANSLATE_NOOP("HaState", "It is being removed from HA."),
    "not found": QT_TRANSLATE_NOOP("HaState", "HA has a resource for it, but no node of the cluster has the guest."),
    "clearing error flag": QT_TRANSLATE_NOOP("HaState", "Its requested state is \"disabled\": HA clears the error "
                                                        "on its next round."),
    "ignore": QT_TRANSLATE_NOOP("HaState", "The HA stack is disarmed: HA does not act on any resource until it is "
                                           "armed again."),
}


def managed(inst: Instance) -> bool:
    """Power requests go through the HA manager (and refuse `overrule-shutdown`)."""
    return inst.hastate not in ("", IGNORED, UNMANAGED)


def sid(inst: Instance) -> str:
    """The HA resource id: `vm:100`, `ct:200`."""
    return "{0}:{1}".format("ct" if inst.type == LXC else "vm", inst.vmid)


def state_text(hastate: str) -> str:
    """The HA state in the user's words; an unforeseen one as PVE spells it; "" for none."""
    word = _WORDS.get(_ALIASES.get(hastate, hastate))
    return translate("HaState", word) if word else str(hastate or "")


def state_help(hastate: str) -> str:
    """What the HA state means for the guest, in a sentence; "" for none or an unforeseen one."""
    text = _HELP.get(_ALIASES.get(hastate, hastate))
    return translate("HaState", text) if text else ""


class Outcome(StrEnum):
    WAITING = "waiting"  # not there yet
    REACHED = "reached"  # the guest is in the requested state
    FAILED = "failed"  # the HA state turned `error`: HA gave up and leaves the guest alone


def target_status(action: Action) -> str:
    """The guest's status once the HA manager carried out `action` (start, stop or shutdown)."""
    return RUNNING if action is Action.START else STOPPED


def outcome(inst: Instance, action: Action) -> Outcome:
    """Where an HA request for `action` stands, seen in the guest's latest state."""
    if inst.hastate == ERROR:
        return Outcome.FAILED
    return Outcome.REACHED if inst.status == target_status(action) else Outcome.WAITING


def time_limit(action: Action) -> float:
    """Seconds after an HA request by which the guest should have got there."""
    return _LIMIT_S.get(action, 60)
