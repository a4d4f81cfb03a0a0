"""Migration within a cluster, as PVE decides it: the preflight answer read, what blocks a
target node or warns, the request body, and the progress lines of a migration log (no Qt).

Sources: qemu-server src/PVE/API2/Qemu.pm `migrate_vm_precondition` (GET .../migrate: `running`,
`allowed_nodes`, `not_allowed_nodes` {node: {unavailable_storages, unavailable-resources,
blocking-ha-resources}}, `local_disks`, `local_resources`, `mapped-resource-info`,
`dependent-ha-resources`) and `migrate_vm` (POST: target, online, with-local-disks,
targetstorage); pve-container src/PVE/API2/LXC.pm (the same GET on PVE 9 with hyphenated keys
`allowed-nodes` / `not-allowed-nodes`, no disks; POST: target, restart, timeout,
target-storage); pve-manager www/manager6/window/Migrate.js (which of those block, which only
warn). `Preflight` reads one answer, `MigrationPlan` turns it and the user's choices into
`Notice`s and the POST parameters (`prepare()`); the words are the UI's (ui/lifecycle/migrate_texts.py).
A cross-cluster migration reuses `Notice`, `LocalDisk` and `progress`.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any, NamedTuple

from .backup import size_bytes

QEMU, LXC = "qemu", "lxc"
# pve-container LXC.pm migrate_vm: `timeout` of a restart migration defaults to 180 s.
RESTART_TIMEOUT_DEFAULT = 180
# PVE's datacenter.cfg max_workers default (pve-cluster DataCenterConfig.pm): parallel jobs of
# the bulk actions (migrateall, startall, ...).
MAX_WORKERS_DEFAULT = 4


class Mode(StrEnum):
    ONLINE = "online"    # a running VM moves live
    OFFLINE = "offline"  # a stopped guest: its config (and local disks) move
    RESTART = "restart"  # a running container: shut down, moved, started on the target


class Severity(StrEnum):
    ERROR = "error"      # blocks the migration to that node
    WARNING = "warning"
    INFO = "info"


class Reason(StrEnum):
    LOCAL_CDROM = "local-cdrom"                  # values: (volid,)
    LOCAL_DISK = "local-disk"                    # (volid, size in bytes or 0)
    LOCAL_DISKS_OFF = "local-disks-off"          # (volids,) a running VM, bulk without local disks
    UNAVAILABLE_STORAGES = "unavailable-storages"  # (storages,)
    UNAVAILABLE_RESOURCES = "unavailable-resources"  # (resources,)
    LOCAL_RESOURCES = "local-resources"          # (resources,) passthrough, USB, ...
    MAPPED_NOT_LIVE = "mapped-not-live"          # (resources,)
    MAPPED_LIVE = "mapped-live"                  # (resources,) experimental
    HA_BLOCKING = "ha-blocking"                  # (sid, cause)
    HA_DEPENDENT = "ha-dependent"                # (sid,)
    HA_MANAGED = "ha-managed"                    # (sid,) the HA manager does it (hamigrate)
    NODE_OFFLINE = "node-offline"                # (node,)
    SAME_NODE = "same-node"                      # (node,)
    NO_TARGET = "no-target"                      # ()


@dataclass(frozen=True)
class Notice:
    severity: Severity
    reason: Reason
    values: tuple = ()

    @property
    def blocks(self) -> bool:
        return self.severity is Severity.ERROR


@dataclass(frozen=True)
class LocalDisk:
    volid: str
    size: int = 0
    cdrom: bool = False
    unused: bool = False
    replicated: bool = False

    @property
    def cloudinit(self) -> bool:
        # Migrate.js: a cloud-init drive is regenerated on the target, never a blocker.
        return "-cloudinit" in self.volid


@dataclass(frozen=True)
class NodeBlock:
    """Why PVE does not allow one node (`not_allowed_nodes[node]`)."""
    unavailable_storages: tuple[str, ...] = ()
    unavailable_resources: tuple[str, ...] = ()
    blocking_ha: tuple[tuple[str, str], ...] = ()  # (sid, cause)


def _flag(value: Any) -> bool:
    return str(value).strip().lower() in ("1", "true", "yes", "on")


def _strings(value: Any) -> tuple[str, ...]:
    return tuple(str(v) for v in value) if isinstance(value, (list, tuple)) else ()


def _get(answer: Mapping, key: str) -> Any:
    """QEMU spells `allowed_nodes`, containers `allowed-nodes`."""
    return answer.get(key, answer.get(key.replace("_", "-")))


@dataclass(frozen=True)
class Preflight:
    """PVE's answer to GET .../migrate, or `Preflight.unknown()` where PVE has none (containers
    before PVE 9 answer 501: every other node is allowed, as the PVE UI assumes)."""
    running: bool = False
    allowed: tuple[str, ...] | None = None  # None: PVE did not say
    not_allowed: Mapping[str, NodeBlock] = field(default_factory=dict)
    local_disks: tuple[LocalDisk, ...] = ()
    local_resources: tuple[str, ...] = ()
    mapped: Mapping[str, bool] = field(default_factory=dict)  # mapped resource -> live-migratable
    dependent_ha: tuple[str, ...] = ()

    @classmethod
    def from_answer(cls, answer: Mapping) -> Preflight:
        blocks = {}
        for node, why in (_get(answer, "not_allowed_nodes") or {}).items():
            why = why if isinstance(why, Mapping) else {}
            ha = tuple((str(item.get("sid", "")), str(item.get("cause", "")))
                       for item in why.get("blocking-ha-resources") or () if isinstance(item, Mapping))
            blocks[str(node)] = NodeBlock(_strings(_get(why, "unavailable_storages")),
                                          _strings(why.get("unavailable-resources")), ha)
        listed = [LocalDisk(str(d.get("volid", "")), int(d.get("size") or 0), _flag(d.get("cdrom", 0)),
                            _flag(d.get("is_unused", 0)), _flag(d.get("replicated", 0)))
                  for d in answer.get("local_disks") or () if isinstance(d, Mapping)]
        disks = tuple(sorted(listed, key=lambda d: d.volid))  # PVE lists them in hash order
        info = answer.get("mapped-resource-info") or {}
        mapped = {str(k): _flag(v.get("live-migration", 0)) if isinstance(v, Mapping) else False
                  for k, v in info.items()} if isinstance(info, Mapping) else {}
        for name in _strings(answer.get("mapped-resources")):
            mapped.setdefault(name, False)
        allowed = _get(answer, "allowed_nodes")
        return cls(running=_flag(answer.get("running", 0)),
                   allowed=_strings(allowed) if allowed is not None else None, not_allowed=blocks,
                   local_disks=disks, local_resources=_strings(answer.get("local_resources")), mapped=mapped,
                   dependent_ha=_strings(answer.get("dependent-ha-resources")))

    @classmethod
    def unknown(cls, running: bool) -> Preflight:
        return cls(running=running)

    @property
    def disks_to_copy(self) -> tuple[LocalDisk, ...]:
        return tuple(d for d in self.local_disks if not d.cdrom)

    @property
    def blocking_cdroms(self) -> tuple[LocalDisk, ...]:
        return tuple(d for d in self.local_disks if d.cdrom and not d.cloudinit)

    @property
    def blocking_resources(self) -> tuple[str, ...]:
        return tuple(r for r in self.local_resources if r not in self.mapped)


@dataclass(frozen=True)
class MigrationPlan:
    """One guest to one target node: what PVE would refuse or warn about, and the request body.

    `online_nodes`: the cluster's nodes and whether they are online (the PVE UI's node selector
    refuses offline ones); `with_local_disks`: the bulk dialog's choice (the single dialog always
    copies them, as Migrate.js does); `target_storage` ('' = the current layout) only for a
    running VM; `timeout` the restart timeout of a running container."""
    kind: str
    vmid: int
    source: str
    preflight: Preflight
    target: str = ""
    online_nodes: Mapping[str, bool] = field(default_factory=dict)
    ha_sid: str = ""
    with_local_disks: bool = True
    target_storage: str = ""
    timeout: int = RESTART_TIMEOUT_DEFAULT

    @property
    def mode(self) -> Mode:
        if not self.preflight.running:
            return Mode.OFFLINE
        return Mode.ONLINE if self.kind == QEMU else Mode.RESTART

    @property
    def storage_choice(self) -> bool:
        """A target storage can be chosen: a running VM whose local disks move live (Migrate.js
        sends `targetstorage` only then: offline storage moves may fail late)."""
        return self.kind == QEMU and self.preflight.running and bool(self.preflight.disks_to_copy) \
            and self.with_local_disks

    def candidates(self) -> list[str]:
        """Every other node of the cluster, in name order."""
        nodes = set(self.online_nodes) | set(self.preflight.allowed or ()) | set(self.preflight.not_allowed)
        return sorted(n for n in nodes if n != self.source)

    def node_notices(self, node: str) -> list[Notice]:
        """What stops `node` from being a target, whatever the guest's other properties."""
        out = []
        if node == self.source:
            return [Notice(Severity.ERROR, Reason.SAME_NODE, (node,))]
        if not self.online_nodes.get(node, True):
            out.append(Notice(Severity.ERROR, Reason.NODE_OFFLINE, (node,)))
        block = self.preflight.not_allowed.get(node, NodeBlock())
        # Migrate.js: unavailable storages only stop an offline VM (a running one moves its
        # disks live, to a storage chosen on the target).
        if block.unavailable_storages and not (self.kind == QEMU and self.preflight.running):
            out.append(Notice(Severity.ERROR, Reason.UNAVAILABLE_STORAGES, (block.unavailable_storages,)))
        if block.unavailable_resources:
            out.append(Notice(Severity.ERROR, Reason.UNAVAILABLE_RESOURCES, (block.unavailable_resources,)))
        for sid, cause in block.blocking_ha:
            out.append(Notice(Severity.ERROR, Reason.HA_BLOCKING, (sid, cause)))
        return out

    def notices(self) -> list[Notice]:
        """Everything about this migration, errors first (as the PVE UI lists them)."""
        pre = self.preflight
        out = []
        if not self.target:
            out.append(Notice(Severity.ERROR, Reason.NO_TARGET))
        else:
            out += self.node_notices(self.target)
        if pre.blocking_resources:
            out.append(Notice(Severity.ERROR, Reason.LOCAL_RESOURCES, (pre.blocking_resources,)))
        if pre.running and pre.mapped:
            live = tuple(k for k, ok in pre.mapped.items() if ok)
            not_live = tuple(k for k, ok in pre.mapped.items() if not ok)
            if not_live:
                out.append(Notice(Severity.ERROR, Reason.MAPPED_NOT_LIVE, (not_live,)))
            elif live:
                out.append(Notice(Severity.WARNING, Reason.MAPPED_LIVE, (live,)))
        for disk in pre.blocking_cdroms:
            out.append(Notice(Severity.ERROR, Reason.LOCAL_CDROM, (disk.volid,)))
        copied = pre.disks_to_copy
        if copied and pre.running and self.kind == QEMU and not self.with_local_disks:
            # pve-manager Nodes.pm create_migrate_worker: "Has local disks" skips the VM.
            out.append(Notice(Severity.ERROR, Reason.LOCAL_DISKS_OFF, (tuple(d.volid for d in copied),)))
        else:
            out += [Notice(Severity.WARNING, Reason.LOCAL_DISK, (d.volid, d.size)) for d in copied]
        out += [Notice(Severity.WARNING, Reason.HA_DEPENDENT, (sid,)) for sid in pre.dependent_ha]
        if self.ha_sid:
            out.append(Notice(Severity.INFO, Reason.HA_MANAGED, (self.ha_sid,)))
        order = {Severity.ERROR: 0, Severity.WARNING: 1, Severity.INFO: 2}
        return sorted(out, key=lambda n: order[n.severity])

    @property
    def blocked(self) -> bool:
        return any(n.blocks for n in self.notices())

    def prepare(self) -> dict[str, Any]:
        """The POST .../migrate body: only what differs from PVE's defaults."""
        params: dict[str, Any] = {"target": self.target}
        pre = self.preflight
        if self.kind == QEMU:
            if pre.running:
                params["online"] = 1
            if pre.disks_to_copy and self.with_local_disks:
                params["with-local-disks"] = 1
            if self.storage_choice and self.target_storage:
                params["targetstorage"] = self.target_storage
        elif pre.running:
            params["restart"] = 1
            if self.timeout != RESTART_TIMEOUT_DEFAULT:
                params["timeout"] = int(self.timeout)
        return params


# ------------------------------------------------------------------ progress

class Progress(NamedTuple):
    what: str      # "drive-scsi0", or "" for the VM's memory state
    done: int      # bytes
    total: int     # bytes

    @property
    def percent(self) -> int:
        return min(100, int(self.done * 100 / self.total)) if self.total else 0


_SIZE = r"(\d+(?:\.\d+)?)\s*([KMGTP]i?B|B)"
# qemu-server QemuServer/BlockJob.pm: "drive-scsi0: transferred 1.2 GiB of 32.0 GiB (3.75%) in 1s"
_DRIVE = re.compile(r"^(drive-[\w-]+): transferred " + _SIZE + " of " + _SIZE)
# qemu-server QemuMigrate.pm: "migration active, transferred 1.1 GiB of 4.0 GiB VM-state, 1.1 GiB/s"
_MEMORY = re.compile(r"migration (?:active|device), transferred " + _SIZE + " of " + _SIZE + " VM-state")


def _bytes(number: str, unit: str) -> int:
    return size_bytes(number, unit)


def progress(line: str) -> Progress | None:
    """A progress line of a qmigrate log (a disk mirrored, or the memory state), else None.
    (Task log lines of QemuMigrate carry a time stamp first; BlockJob's do not.)"""
    text = line.strip()
    match = _DRIVE.match(text)
    if match:
        return Progress(match.group(1), _bytes(match.group(2), match.group(3)), _bytes(match.group(4),
                                                                                        match.group(5)))
    match = _MEMORY.search(text)
    if match:
        return Progress("", _bytes(match.group(1), match.group(2)), _bytes(match.group(3), match.group(4)))
    return None


def last_progress(lines: Iterable[str]) -> Progress | None:
    last = None
    for line in lines:
        found = progress(line)
        if found is not None:
            last = found
    return last
