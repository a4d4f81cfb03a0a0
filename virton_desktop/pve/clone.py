"""Clone and convert to template as Proxmox VE does them: what it allows, the request, the progress.

The rules come from qemu-server `PVE/API2/Qemu.pm` and pve-container `src/PVE/API2/LXC.pm`
(`clone_vm`, `template`) and pve-storage's `volume_has_feature` tables:

- a linked clone is made only from a template, and only when every disk's storage can clone a
  base volume (LVM-thin, ZFS, Ceph RBD, and file storages with raw/qcow2/vmdk images; plain LVM,
  iSCSI and the like cannot);
- a clone may go to another node only when every source volume is on a shared storage (and the
  chosen target storage is shared too): the config is moved, the disks are not;
- `storage` and `format` are for full clones only; `format` only for VMs, and only file storages
  hold other formats than raw;
- conversion to a template is refused for running guests, guests with snapshots, locked guests
  and templates (the API's own words are in `TemplateRefusal`).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum

from . import config as C

# pve-storage: the plugins whose `volume_has_feature('clone', base)` is true.
LINKED_TYPES = frozenset({"lvmthin", "zfspool", "rbd", "dir", "nfs", "cifs", "glusterfs"})
# Storages holding image files: the only ones where a full clone's format can be chosen.
FILE_TYPES = frozenset({"dir", "nfs", "cifs", "glusterfs"})
FORMATS = ("raw", "qcow2", "vmdk")
# The format PVE's web UI preselects on a file storage (DiskStorageSelector).
DEFAULT_FILE_FORMAT = "qcow2"


def cloned_disks(config: Mapping[str, object], container: bool) -> list[C.Disk]:
    """The volumes a clone copies or links: not CD drives, not unused disks, not passthrough."""
    return [d for d in C.disks(config, container)
            if not d.cdrom and d.bus != "unused" and d.storage]


def volumes_on(config: Mapping[str, object], container: bool) -> list[C.Disk]:
    """Every volume the guest uses, CD images included (a local ISO ties a VM to its node too)."""
    return [d for d in C.disks(config, container) if d.bus != "unused" and d.storage]


@dataclass(frozen=True)
class Blocker:
    """A disk that keeps a clone from being made the way asked, and why (its storage's type)."""

    key: str
    volume: str
    storage: str
    storage_type: str


def linked_blockers(config: Mapping[str, object], container: bool, types: Mapping[str, str]) -> list[Blocker]:
    """The disks on storages that cannot make linked clones (`types`: storage id -> type)."""
    return [Blocker(d.key, d.volume, d.storage, types.get(d.storage, "")) for d in cloned_disks(config, container)
            if types.get(d.storage, "") not in LINKED_TYPES]


def local_volumes(config: Mapping[str, object], container: bool, shared: Mapping[str, bool]) -> list[C.Disk]:
    """The volumes on storages that are not shared: a clone to another node is refused for them
    ("can't clone VM to node 'x' (VM uses local storage)")."""
    return [d for d in volumes_on(config, container) if not shared.get(d.storage, False)]


def formats_for(storage_type: str) -> tuple[str, ...]:
    """The disk formats a full clone may ask for on a storage of this type (only raw elsewhere)."""
    return FORMATS if storage_type in FILE_TYPES else ()


@dataclass(frozen=True)
class CloneRequest:
    """What the user chose in the clone dialog. Empty strings are "not chosen" (nothing sent)."""

    newid: int
    name: str = ""
    target: str = ""  # a node other than the source's, or ""
    full: bool = True
    storage: str = ""  # full clones: target storage ("" = same as each source disk)
    format: str = ""  # full clones of VMs onto file storages
    pool: str = ""
    snapname: str = ""  # "" = the current state
    description: str = ""


def prepare(kind: str, request: CloneRequest) -> dict[str, object]:
    """The POST body of `clone`, as PVE's Clone window builds it: only what was chosen."""
    params: dict[str, object] = {"newid": int(request.newid)}
    if request.name:
        params["hostname" if kind == "lxc" else "name"] = request.name
    if request.target:
        params["target"] = request.target
    if request.full:
        params["full"] = 1
        if request.storage:
            params["storage"] = request.storage
            if request.format and kind == "qemu":
                params["format"] = request.format
    else:
        params["full"] = 0
    if request.pool:
        params["pool"] = request.pool
    if request.snapname and request.snapname != "current":
        params["snapname"] = request.snapname
    if request.description:
        params["description"] = request.description
    return params


# The request's parameters and the dialog field each belongs to (PVE's 400 names parameters).
FIELD_OF = {"newid": "vmid", "name": "name", "hostname": "name", "target": "target", "storage": "storage",
            "format": "format", "pool": "pool", "snapname": "snapshot", "description": "description",
            "full": "mode"}


# ------------------------------------------------------------------ progress

_TRANSFER = re.compile(r"^(?:(drive-\S+):\s+)?transferred\s+(.+?)\s+of\s+(.+?)\s+\((\d+(?:\.\d+)?)%\)")
_DISK_START = re.compile(r"^create (full|linked) clone of (?:drive|mountpoint|mount point) (\S+)")


@dataclass(frozen=True)
class Transfer:
    """One disk copy progress line: `transferred 1.0 GiB of 32.0 GiB (3.12%)` (qemu-img) or
    `drive-scsi0: transferred ... in 1s` (a running VM's drive mirror)."""

    drive: str
    done: str
    total: str
    percent: float


def parse_transfer(line: str) -> Transfer | None:
    m = _TRANSFER.match((line or "").strip())
    if not m:
        return None
    drive, done, total, percent = m.groups()
    return Transfer(drive or "", done, total, min(100.0, float(percent)))


def disk_started(line: str) -> str:
    """The disk a `create full|linked clone of drive scsi0 (...)` line starts on, or ''."""
    m = _DISK_START.match((line or "").strip())
    return m.group(2) if m else ""


# ------------------------------------------------------------------ template

class TemplateRefusal(StrEnum):
    """Why PVE refuses to convert a guest to a template (its `template` endpoint's checks)."""

    TEMPLATE = "template"  # "you can't convert a template to a template"
    RUNNING = "running"  # "you can't convert a VM to template if VM is running"
    SNAPSHOTS = "snapshots"  # "unable to create template, because VM contains snapshots"
    LOCKED = "locked"  # check_lock: "VM is locked (backup)"


def template_refusal(template: bool, status: str, lock: str, snapshot_count: int | None) -> TemplateRefusal | None:
    """The first reason PVE would refuse, in its order; `snapshot_count` None = not known yet."""
    if lock:
        return TemplateRefusal.LOCKED
    if snapshot_count:
        return TemplateRefusal.SNAPSHOTS
    if template:
        return TemplateRefusal.TEMPLATE
    if status != "stopped":
        return TemplateRefusal.RUNNING
    return None
