"""Immutable records of cluster state, as the worker thread hands them to the GUI.

They are built from the API's JSON in one place each (`from_api`) so the rest of the
program never reads raw dictionaries. Frozen and slotted: cheap to compare (the
instance model diffs polls field by field) and safe to pass between threads.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import MISSING, dataclass, field, make_dataclass
from functools import lru_cache

import msgspec

from . import parse

# Guest kinds as PVE names them in paths and in /cluster/resources `type`.
QEMU = "qemu"
LXC = "lxc"

# Statuses a guest can show in /cluster/resources. pvestatd reports a running VM's QMP
# status there (`qmpstatus || status`), so besides running/stopped a VM can show any of
# QEMU's RunState values (qapi/run-state.json). "unknown" is a guest on an offline node.
RUNNING = "running"
STOPPED = "stopped"
PAUSED = "paused"
SUSPENDED = "suspended"  # QMP: the guest sleeps in ACPI S3; `resume` wakes it (system_wakeup)
UNKNOWN = "unknown"
PRELAUNCH = "prelaunch"  # started frozen (or reset after a crash): `resume` lets it run
IO_ERROR = "io-error"  # a disk write failed (full storage): `resume` retries it
INTERNAL_ERROR = "internal-error"  # KVM failed: QEMU needs a reset before it can run again
GUEST_PANICKED = "guest-panicked"  # the guest reported a kernel panic (pvpanic): likewise
SHUTDOWN = "shutdown"  # the guest powered off but QEMU has not exited yet
DEBUG = "debug"
WATCHDOG = "watchdog"
INMIGRATE = "inmigrate"
POSTMIGRATE = "postmigrate"
FINISH_MIGRATE = "finish-migrate"
SAVE_VM = "save-vm"
RESTORE_VM = "restore-vm"
COLO = "colo"
# The QEMU process lives but the guest's CPUs do not run.
HALTED = frozenset({PAUSED, SUSPENDED, PRELAUNCH, IO_ERROR, INTERNAL_ERROR, GUEST_PANICKED, SHUTDOWN, DEBUG,
                    WATCHDOG, INMIGRATE, POSTMIGRATE, FINISH_MIGRATE, SAVE_VM, RESTORE_VM, COLO})
# Not a status PVE reports: a VM suspended to disk is `stopped` with `lock: suspended`.
HIBERNATED = "hibernated"
HIBERNATION_LOCK = "suspended"


class Instance(msgspec.Struct, frozen=True, gc=False):
    """A VM or container as /cluster/resources lists it.

    A msgspec Struct, not a dataclass as the other records are: with ten clusters every poll
    replaces thousands of them, and a Struct is built (~0.16 us against ~0.9), compared and
    hashed in C, and never tracked by the cyclic garbage collector (`gc=False`: it holds only
    text, numbers and a tuple of text, so it can be part of no reference cycle). A slotted
    dataclass was: each collection of the young objects walked every Instance of the polls
    since the last (~2.5 us each, 8-31 ms pauses of the window at ten clusters), and every full
    collection all of them. `dataclasses.fields`, `replace`, `asdict` and `astuple` work on it
    as on the dataclasses (`_dataclass_fields` below).
    """

    cluster: str
    vmid: int
    name: str
    type: str
    node: str
    status: str
    template: bool = False
    maxcpu: float = 0
    cpu: float = 0.0  # fraction of maxcpu in use, 0..1
    maxmem: int = 0
    mem: int = 0
    maxdisk: int = 0
    disk: int = 0
    uptime: int = 0
    tags: tuple[str, ...] = ()
    lock: str = ""
    hastate: str = ""
    pool: str = ""
    netin: int = 0
    netout: int = 0
    diskread: int = 0
    diskwrite: int = 0

    @property
    def key(self) -> tuple[str, int]:
        """Identity across polls: the same vmid in another cluster is another guest."""
        return (self.cluster, self.vmid)

    @property
    def is_vm(self) -> bool:
        return self.type == QEMU

    @property
    def hibernated(self) -> bool:
        """Suspended to disk: stopped, its RAM saved in a volume; starting it resumes it."""
        return self.status == STOPPED and self.lock == HIBERNATION_LOCK

    @property
    def alive(self) -> bool:
        """The guest's process exists (running, paused, asleep or halted by QEMU): it has a screen."""
        return self.status in (RUNNING, PAUSED) or (self.is_vm and self.status in HALTED)

    @property
    def shown_status(self) -> str:
        """The status as the app words it: PVE's, except HIBERNATED for a VM suspended to disk."""
        return HIBERNATED if self.hibernated else self.status

    @classmethod
    def from_api(cls, cluster: str, item: Mapping) -> Instance:
        # Positional (in field order), one dict lookup per key and the tag lists cached: the poll lane builds one
        # for every guest whose row changed (~6,000 a poll at 10,000 guests), ~40 % faster so.
        get = item.get
        tags = get("tags")
        return cls(
            cluster,
            int(item["vmid"]),
            str(get("name") or ""),
            str(get("type") or QEMU),
            str(get("node") or ""),
            str(get("status") or UNKNOWN),
            bool(int(get("template") or 0)),
            float(get("maxcpu") or 0),
            float(get("cpu") or 0.0),
            int(get("maxmem") or 0),
            int(get("mem") or 0),
            int(get("maxdisk") or 0),
            int(get("disk") or 0),
            int(get("uptime") or 0),
            cached_tags(tags) if type(tags) is str else parse.tags(tags),
            str(get("lock") or ""),
            str(get("hastate") or ""),
            str(get("pool") or ""),
            int(get("netin") or 0),
            int(get("netout") or 0),
            int(get("diskread") or 0),
            int(get("diskwrite") or 0),
        )


def _dataclass_fields(struct: type[msgspec.Struct]) -> dict:
    """The `__dataclass_fields__` of a dataclass with the Struct's fields and defaults, so that
    the dataclasses module's functions (which look only for that attribute and then read and
    pass fields by name) work on the Struct as on a dataclass."""
    names, defaults = struct.__struct_fields__, struct.__struct_defaults__
    required = len(names) - len(defaults)
    twin = make_dataclass(struct.__name__, [
        (name, struct.__annotations__[name], MISSING if i < required else field(default=defaults[i - required]))
        for i, name in enumerate(names)], frozen=True)
    return twin.__dataclass_fields__


Instance.__dataclass_fields__ = _dataclass_fields(Instance)  # so `dataclasses.replace(inst, cpu=0.5)` is an Instance


# What each node's pvestatd moves from round to round (usage, sizes, counters): on a live
# cluster nearly every running guest's figures change between two polls, nothing else does.
FIGURE_FIELDS = ("maxcpu", "cpu", "maxmem", "mem", "maxdisk", "disk", "uptime", "netin", "netout", "diskread",
                 "diskwrite")
# What the guest is and where (the other fields): its row's place, filter verdict and counts.
IDENTITY_FIELDS = tuple(name for name in Instance.__struct_fields__ if name not in FIGURE_FIELDS)

cached_tags = lru_cache(maxsize=4096)(parse.tags)  # few distinct tag strings among thousands of guests


@dataclass(frozen=True, slots=True)
class Node:
    cluster: str
    name: str
    online: bool
    cpu: float = 0.0
    maxcpu: int = 0
    mem: int = 0
    maxmem: int = 0
    uptime: int = 0

    @classmethod
    def from_api(cls, cluster: str, item: Mapping) -> Node:
        return cls(cluster=cluster, name=str(item["node"]), online=item.get("status") == "online",
                   cpu=float(item.get("cpu") or 0.0), maxcpu=int(item.get("maxcpu") or 0),
                   mem=int(item.get("mem") or 0), maxmem=int(item.get("maxmem") or 0),
                   uptime=int(item.get("uptime") or 0))


@dataclass(frozen=True, slots=True)
class Task:
    """A PVE task (UPID) and how far it got.

    `exitstatus` is empty while running; then "OK", "WARNINGS: n" or the error text.
    """

    cluster: str
    upid: str
    node: str
    type: str
    id: str
    user: str
    starttime: int
    status: str = "running"
    exitstatus: str = ""
    endtime: int = 0
    log_tail: tuple[str, ...] = field(default=(), compare=False)

    @property
    def running(self) -> bool:
        return self.status == "running"

    @property
    def ok(self) -> bool:
        return not self.running and (self.exitstatus == "OK" or self.exitstatus.startswith("WARNINGS"))

    @property
    def failed(self) -> bool:
        return not self.running and not self.ok

    @property
    def vmid(self) -> int | None:
        return int(self.id) if self.id.isdigit() else None

    @classmethod
    def from_upid(cls, cluster: str, upid: str) -> Task:
        u = parse.upid(upid)
        return cls(cluster=cluster, upid=upid, node=u.node, type=u.type, id=u.id, user=u.user,
                   starttime=u.starttime)

    @classmethod
    def from_listing(cls, cluster: str, item: Mapping) -> Task:
        """A task from GET /cluster/tasks or /nodes/{n}/tasks: finished ones carry the exit status in `status`."""
        task = cls.from_upid(cluster, str(item["upid"]))
        end = int(item.get("endtime") or 0)
        if not end and not item.get("status"):
            return task
        return Task(task.cluster, task.upid, task.node, task.type, task.id, task.user, task.starttime,
                    status="stopped", exitstatus=str(item.get("status") or ""), endtime=end)

    def with_status(self, item: Mapping) -> Task:
        """This task updated from GET /nodes/{node}/tasks/{upid}/status."""
        status = str(item.get("status") or self.status)
        end = self.endtime
        if status != "running" and not end:
            end = int(item.get("endtime") or 0)
        return Task(self.cluster, self.upid, self.node, self.type, self.id, self.user, self.starttime,
                    status=status, exitstatus=str(item.get("exitstatus") or ""), endtime=end,
                    log_tail=self.log_tail)

    def with_log(self, lines: tuple[str, ...]) -> Task:
        return Task(self.cluster, self.upid, self.node, self.type, self.id, self.user, self.starttime,
                    self.status, self.exitstatus, self.endtime, log_tail=lines)


@dataclass(frozen=True, slots=True)
class Backup:
    """A vzdump archive or PBS snapshot on a storage, as GET /nodes/{n}/storage/{s}/content?content=backup
    lists it.

    `node` is the node it was listed through (any node for a shared storage); `kind` is "qemu",
    "lxc" or "" when PVE's web UI cannot tell (`pve.backup.backup_kind`: an old OpenVZ archive is
    a container's, a file that is no vzdump archive of either is neither); `vmid` is 0 when PVE
    names no guest. What the answer leaves out is read from the name as pve-storage does.
    """

    cluster: str
    volid: str
    storage: str
    node: str
    vmid: int
    kind: str
    size: int = 0
    ctime: int = 0
    notes: str = ""
    protected: bool = False
    format: str = ""
    shared: bool = False

    @property
    def key(self) -> tuple[str, str]:
        return (self.cluster, self.volid)

    @property
    def file_name(self) -> str:
        """The name PVE's web UI shows ('vzdump-qemu-100-....vma.zst', 'vm/100/2023-01-01T00:00:00Z')."""
        from .backup import shown_name

        return shown_name(self.volid)

    @classmethod
    def from_api(cls, cluster: str, node: str, storage: str, item: Mapping, shared: bool = False) -> Backup:
        from . import backup  # a sibling pure module; imported here to keep entities small

        volid = str(item["volid"])
        archive = backup.archive_info(volid)
        pbs = backup.pbs_snapshot(volid) if archive is None else None
        named = archive if archive is not None and archive.is_std_name else pbs
        fmt = str(item.get("format") or (pbs.format if pbs else backup.backup_extension(backup.file_name(volid))) or "")
        vmid = item.get("vmid")
        if vmid in (None, ""):
            vmid = named.vmid if named is not None else None
        ctime = item.get("ctime")
        if ctime in (None, ""):
            ctime = named.ctime if named is not None else None
        return cls(cluster=cluster, volid=volid, storage=storage, node=node, vmid=int(vmid or 0),
                   kind=backup.backup_kind(volid, fmt, str(item.get("subtype") or "")),
                   size=int(item.get("size") or 0), ctime=int(ctime or 0),
                   notes=str(item.get("notes") or ""), protected=bool(int(item.get("protected") or 0)),
                   format=fmt, shared=shared)


@dataclass(frozen=True, slots=True)
class Snapshot:
    """One entry of GET /nodes/{n}/{qemu|lxc}/{vmid}/snapshot; `name == "current"` is the NOW entry."""

    name: str
    parent: str = ""
    snaptime: int = 0
    description: str = ""
    vmstate: bool = False
    running: bool = False
    snapstate: str = ""  # "prepare" / "delete" while PVE makes or removes it (or a task failed midway)

    @property
    def is_current(self) -> bool:
        return self.name == "current"

    @classmethod
    def from_api(cls, item: Mapping) -> Snapshot:
        return cls(name=str(item.get("name") or ""), parent=str(item.get("parent") or ""),
                   snaptime=int(item.get("snaptime") or 0), description=str(item.get("description") or ""),
                   vmstate=bool(int(item.get("vmstate") or 0)), running=bool(int(item.get("running") or 0)),
                   snapstate=str(item.get("snapstate") or ""))
