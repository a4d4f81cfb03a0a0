"""Managing a guest's HA resource: the settings PVE knows, what to send, the HA manager's status. No Qt.

pve-ha-manager `src/PVE/API2/HA/Resources.pm` and `src/PVE/HA/Resources.pm`: a resource is
`vm:<vmid>` / `ct:<vmid>` with a requested `state` (started - the default -, stopped, disabled,
ignored; `enabled` is an alias of started), `max_restart` and `max_relocate` (default 1,
minimum 0; the PVE web UI offers 0 to 10, www/manager6/ha/ResourceEdit.js), a `comment` (at
most 4096 characters), `failback` (PVE 9, default 1: move back to the node its node-affinity
rule prefers when that node comes back) and, before PVE 9, a `group`. PVE 9 migrated groups to rules
(`/cluster/ha/rules`): a node-affinity rule lists its `resources`, so choosing one for a guest
means adding the guest to that rule (PVE refuses `group` then: "ha groups have been migrated to
rules"). A new resource is written with the defaults left out; a change sends only what differs
from what was loaded, and a setting put back to PVE's default or emptied as `delete` (the web
UI's `PVE.Utils.delete_if_default` for max_restart, max_relocate and failback).

A resource in `error` accepts only `state=disabled` (Resources.pm `check_service_state`); the
HA manager then moves it to `stopped` on its next round (Manager.pm `next_state_error`), and
only after that may it be requested `started` again.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from .config import flag
from .text import QT_TRANSLATE_NOOP, translate

STARTED, STOPPED, DISABLED, IGNORED = "started", "stopped", "disabled", "ignored"
REQUEST_STATES = (STARTED, STOPPED, DISABLED, IGNORED)
DEFAULT_MAX = 1
DEFAULT_FAILBACK = True
# What a setting is when the resource's config has no line for it (Resources.pm `default`).
DEFAULTS = {"max_restart": DEFAULT_MAX, "max_relocate": DEFAULT_MAX, "failback": DEFAULT_FAILBACK}
MAX_TRIES = 10  # the PVE web UI's maxValue for max_restart / max_relocate
COMMENT_MAX = 4096
NODE_AFFINITY = "node-affinity"

_REQUEST_HELP = {
    STARTED: QT_TRANSLATE_NOOP("HaRequest", "HA keeps the guest running: it starts it, restarts it when it "
                                            "fails, and moves it to another node when its node fails."),
    STOPPED: QT_TRANSLATE_NOOP("HaRequest", "HA shuts the guest down and keeps it stopped; it still moves it "
                                            "to another node when its node fails."),
    DISABLED: QT_TRANSLATE_NOOP("HaRequest", "HA stops the guest and leaves it stopped, even when its node "
                                             "fails. This is also how an HA error is cleared."),
    IGNORED: QT_TRANSLATE_NOOP("HaRequest", "HA leaves the guest alone, as if it did not manage it (for "
                                            "maintenance by hand)."),
}


def request_help(state: str) -> str:
    """What requesting `state` makes the HA manager do, in a sentence."""
    text = _REQUEST_HELP.get(state)
    return translate("HaRequest", text) if text else ""


def _int(value: Any, default: int = DEFAULT_MAX) -> int:
    try:
        return int(value)
    except (TypeError, ValueError):
        return default


def request_state(value: Any) -> str:
    """A requested state as PVE means it: absent is `started`, `enabled` its alias (Config.pm
    `read_and_check_resources_config`)."""
    state = str(value or STARTED)
    return STARTED if state == "enabled" else state


@dataclass(frozen=True)
class HaSettings:
    """One resource's settings as the dialog edits them. `group` (PVE < 9) and `rule` (a
    node-affinity rule listing the resource, PVE 9) are "" for none."""
    state: str = STARTED
    max_restart: int = DEFAULT_MAX
    max_relocate: int = DEFAULT_MAX
    comment: str = ""
    group: str = ""
    rule: str = ""
    failback: bool = DEFAULT_FAILBACK

    @classmethod
    def from_resource(cls, answer: Mapping[str, Any], rule: str = "") -> HaSettings:
        """From GET /cluster/ha/resources/{sid} (absent keys are PVE's defaults)."""
        return cls(state=request_state(answer.get("state")),
                   max_restart=_int(answer.get("max_restart")), max_relocate=_int(answer.get("max_relocate")),
                   comment=str(answer.get("comment") or ""), group=str(answer.get("group") or ""), rule=rule,
                   failback=DEFAULT_FAILBACK if answer.get("failback") in (None, "") else flag(answer["failback"]))


def _wire(value: Any) -> Any:
    return int(value) if isinstance(value, bool) else value


def create_params(sid: str, settings: HaSettings) -> dict[str, Any]:
    """POST /cluster/ha/resources: the sid, the requested state, and what differs from PVE's defaults."""
    params: dict[str, Any] = {"sid": sid, "state": settings.state}
    for key, default in DEFAULTS.items():
        if getattr(settings, key) != default:
            params[key] = _wire(getattr(settings, key))
    if settings.group:
        params["group"] = settings.group
    if settings.comment:
        params["comment"] = settings.comment
    return params


def update_params(loaded: HaSettings, chosen: HaSettings) -> dict[str, Any]:
    """PUT /cluster/ha/resources/{sid}: only the keys the user changed; emptied ones and ones put
    back to PVE's default as `delete`."""
    params: dict[str, Any] = {}
    deleted = []
    for key in ("state", "max_restart", "max_relocate", "failback", "comment", "group"):
        old, new = getattr(loaded, key), getattr(chosen, key)
        if old == new:
            continue
        if new in ("", None) or (key in DEFAULTS and new == DEFAULTS[key]):
            deleted.append(key)
        else:
            params[key] = _wire(new)
    if deleted:
        params["delete"] = ",".join(deleted)
    return params


# --------------------------------------------------------------------- rules (PVE 9)

def node_affinity_rules(answer: Iterable[Mapping[str, Any]]) -> list[Mapping[str, Any]]:
    """The node-affinity rules of GET /cluster/ha/rules (resource-affinity rules pair guests)."""
    return [r for r in answer if r.get("type") == NODE_AFFINITY]


def rule_resources(rule: Mapping[str, Any]) -> list[str]:
    return [s.strip() for s in str(rule.get("resources") or "").split(",") if s.strip()]


def rule_of(sid: str, rules: Iterable[Mapping[str, Any]]) -> str:
    """The node-affinity rule that lists `sid`, or ""."""
    return next((str(r["rule"]) for r in rules if sid in rule_resources(r)), "")


def rule_changes(sid: str, old_rule: str, new_rule: str,
                 rules: Iterable[Mapping[str, Any]]) -> list[tuple[str, dict[str, str]]]:
    """The PUT /cluster/ha/rules/{rule} bodies that move `sid` from `old_rule` to `new_rule`."""
    if old_rule == new_rule:
        return []
    by_name = {str(r["rule"]): r for r in rules}
    changes = []
    if new_rule in by_name and sid not in rule_resources(by_name[new_rule]):
        listed = rule_resources(by_name[new_rule])
        changes.append((new_rule, {"resources": ",".join(listed + [sid])}))
    if old_rule in by_name and sid in rule_resources(by_name[old_rule]):
        listed = [s for s in rule_resources(by_name[old_rule]) if s != sid]
        changes.append((old_rule, {"resources": ",".join(listed)}))
    return changes


# --------------------------------------------------------------------- the HA manager's status

@dataclass(frozen=True)
class HaService:
    """One `service:<sid>` entry of GET /cluster/ha/status/current (Status.pm)."""
    sid: str
    node: str = ""
    state: str = ""  # the verbose state (starting, stopping, ...)
    crm_state: str = ""  # the CRM's service state (started, stopped, error, ...)
    request_state: str = STARTED
    max_restart: int = DEFAULT_MAX
    max_relocate: int = DEFAULT_MAX

    @property
    def vmid(self) -> int | None:
        if self.sid.isdigit():  # a bare vmid is a sid too (Config.pm `parse_sid`)
            return int(self.sid)
        kind, _, number = self.sid.partition(":")
        return int(number) if kind in ("vm", "ct") and number.isdigit() else None


@dataclass(frozen=True)
class HaStatus:
    services: Mapping[str, HaService]
    quorate: bool = True  # PVE refuses HA changes without quorum (check_cfs_quorum)

    @classmethod
    def from_answer(cls, answer: Iterable[Mapping[str, Any]]) -> HaStatus:
        services, quorate = {}, True
        for entry in answer:
            kind = entry.get("type")
            if kind == "service" and entry.get("sid"):
                sid = str(entry["sid"])
                services[sid] = HaService(
                    sid, str(entry.get("node") or ""), str(entry.get("state") or ""),
                    str(entry.get("crm_state") or ""), request_state(entry.get("request_state")),
                    _int(entry.get("max_restart")), _int(entry.get("max_relocate")))
            elif kind == "quorum":
                quorate = str(entry.get("status")) == "OK"
        return cls(services, quorate)

    def by_vmid(self) -> dict[int, HaService]:
        return {s.vmid: s for s in self.services.values() if s.vmid is not None}
