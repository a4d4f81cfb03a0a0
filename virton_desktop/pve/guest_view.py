"""What the guest page shows, as rows: pure functions of the guest, its config and its pending changes.

`config` is the guest's current config (`GET config?current=1`): PVE's plain `GET config` has the
pending values already applied and keys pending deletion left out, so "now" would show "after".

Each section of the page (summary, system, resources, network, disks, pending changes) gets its
rows from one function here. A row is keyed by a stable id - the config key it shows ("memory",
"cores", "net0", "scsi0") or a name for a derived fact ("vcpus", "status", "uptime") - never by
its label: the UI looks the label up by id in the language it speaks. No Qt, no I/O.

Values are what the page displays: plain strings (names, numbers, sizes, PVE's own spellings,
`DASH` for "not set") or a `Word` - one of the few fixed words the UI translates ("yes",
"all host cores"). A value that changes at the guest's next start carries that new value in
`pending` (`Word.REMOVED` when the setting goes away). Network and disk rows are records with
one field per column and a `Change` when the device is added, changed or removed at the next start.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from enum import Enum

from . import config as C
from . import ha, parse
from .entities import Instance

DASH = "–"  # a value that is not set
MiB = 1024 ** 2


class Word(Enum):
    """A fixed word in a row's value; the UI shows it translated."""

    YES = "yes"
    NO = "no"
    ON = "on"
    OFF = "off"
    ENABLED = "enabled"
    DISABLED = "disabled"
    NONE = "none"
    NOT_IN_HA = "not managed by HA"
    ALL_HOST_CORES = "all host cores"
    AES_NI = "AES-NI exposed"
    NO_AES_NI = "no AES-NI"
    BALLOON_MIN = "on, minimum %1"  # a `Phrase`: the minimum goes in
    REMOVED = "removed"
    NO_MEDIA = "no media"


@dataclass(frozen=True)
class Phrase:
    """A fixed word with one value in it: (Word.BALLOON_MIN, "2.0 GiB")."""

    word: Word
    arg: str


Value = str | Word | Phrase


@dataclass(frozen=True)
class Row:
    """One label/value line of a form section.

    `raw`: PVE's own spelling, shown beside a value put in words ("l26" beside "Linux 7.x – 2.6 kernel").
    `note`: a line under the value (whether the CPU type passes AES-NI on).
    """

    id: str
    value: Value | tuple[str, ...]  # a tuple only for the tags
    pending: Value | None = None
    raw: str = ""
    note: Word | None = None


class Change(Enum):
    """What happens to a device at the guest's next start."""

    ADDED = "added"
    CHANGED = "changed"
    REMOVED = "removed"


@dataclass(frozen=True)
class NicRow:
    """A network interface as it will be after the next start (`nic`), under its current name."""

    id: str  # net0
    name: str  # eth0 (containers)
    nic: C.Nic
    change: Change | None = None


class DiskKind(Enum):
    DRIVE = "drive"  # a disk on a bus: `bus` names it
    CD_DRIVE = "cd drive"
    CLOUD_INIT = "cloud-init drive"
    ROOT = "root disk"
    MOUNT_POINT = "mount point"
    EFI_VARS = "EFI vars disk"
    TPM_STATE = "TPM state"
    UNUSED = "unused disk"


@dataclass(frozen=True)
class DiskRow:
    id: str  # scsi0, ide2, efidisk0, rootfs, mp0
    kind: DiskKind
    bus: str  # the bus as written for people: SCSI, VirtIO, IDE, SATA
    storage: str
    volume: str | Word  # without its storage ("vm-100-disk-0"); Word.NO_MEDIA for an empty CD drive
    size: int | None  # bytes
    mountpoint: str  # containers: "/" for the root disk, the mp= path for mount points
    options: str  # what else the option string says: "iothread=1, ssd=1"
    change: Change | None = None


@dataclass(frozen=True)
class PendingRow:
    """One setting that changes at the next start: its value now and after (None: not set / removed)."""

    id: str
    now: str | None
    after: str | None


# ------------------------------------------------------------------ helpers

def _item(pending: Sequence[C.PendingItem], key: str) -> C.PendingItem | None:
    return next((p for p in pending if p.key == key), None)


def _aes_note(cpu: C.CpuType, config: Mapping[str, object]) -> Word | None:
    """Whether the CPU type passes AES-NI on; nothing where that is not known (a custom model) or
    not a question (an aarch64 VM: AES-NI is an x86 instruction set)."""
    aes = None if C.is_arm(config) else cpu.aes
    return None if aes is None else Word.AES_NI if aes else Word.NO_AES_NI


def _after(pending: Sequence[C.PendingItem], key: str, show: Callable[[object], Value] = str) -> Value | None:
    """The value `key` takes at the next start, as `show` words it; None when nothing is pending."""
    item = _item(pending, key)
    if item is None:
        return None
    if item.delete:
        return Word.REMOVED
    after = show(item.pending)
    # Read from a merged config (or a pending write of the same value) it would say "4 GiB → 4 GiB".
    return None if item.value is not None and show(item.value) == after else after


def _change(item: C.PendingItem | None) -> Change | None:
    if item is None:
        return None
    if item.delete:
        return Change.REMOVED
    return Change.ADDED if item.value is None else Change.CHANGED


def _yes(flag: bool) -> Word:
    return Word.YES if flag else Word.NO


def _mib(value: object) -> str:
    """A MiB count as PVE stores it ("4096", or PVE 8.1+ "current=4096") in readable units."""
    return parse.human_bytes(int(float(str(value).split("=")[-1])) * MiB)


def _boot(config: Mapping[str, object]) -> Value:
    """The devices the VM boots from (`C.boot_order`), or none at all."""
    order = C.boot_order(config)
    return " → ".join(order) if order else Word.NONE


def _balloon(value: object, memory: int) -> Value:
    """`balloon` (MiB): 0 is off; unset keeps the balloon device with the memory as its minimum."""
    if str(value) == "0":
        return Word.OFF
    return Phrase(Word.BALLOON_MIN, _mib(memory if value in (None, "") else value))


def _derived(config: Mapping[str, object], pending: Sequence[C.PendingItem],
             show: Callable[[Mapping[str, object]], Value]) -> Value | None:
    """A value worked out of several settings (the boot order of `boot`, `bootdisk` and the devices;
    the vCPUs) as it is after the next start; None when that is what it is now."""
    after = show(C.with_pending(config, list(pending)))
    return None if after == show(config) else after


# ------------------------------------------------------------------ form sections

def summary_rows(inst: Instance) -> list[Row]:
    """Status (the state; the UI words it), node, pool, uptime, HA, tags, lock, template."""
    running = inst.alive
    rows = [
        Row("status", inst.shown_status),
        Row("node", inst.node),
        Row("uptime", parse.duration(inst.uptime) if running and inst.uptime else DASH),
        Row("hastate", inst.hastate or Word.NOT_IN_HA, raw=ha.sid(inst) if inst.hastate else ""),
        Row("tags", inst.tags or DASH),
        Row("lock", inst.lock or Word.NONE),
        Row("template", _yes(inst.template)),
    ]
    if inst.pool:
        rows.insert(2, Row("pool", inst.pool))
    return rows


def _os(container: bool) -> Callable[[object], Value]:
    """An ostype in words; a VM's unset one is PVE's default 'other' (qemu-server QemuServer.pm)."""
    return lambda ostype: C.os_name(ostype or ("" if container else "other"), container) or DASH


def _os_row(config: Mapping[str, object], pending: Sequence[C.PendingItem], container: bool) -> Row:
    ostype = config.get("ostype")
    name = _os(container)(ostype)
    return Row("ostype", name, _after(pending, "ostype", _os(container)),
               raw=str(ostype) if ostype and name != str(ostype) else "")


def _yes_no(value: object) -> Word:
    return _yes(C.flag(value or 0))


def _onboot(config: Mapping[str, object], pending: Sequence[C.PendingItem]) -> Row:
    return Row("onboot", _yes_no(config.get("onboot")), _after(pending, "onboot", _yes_no))


def _agent(value: object) -> Word:
    return Word.ENABLED if C.agent_enabled(value) else Word.DISABLED


def system_rows(config: Mapping[str, object], pending: Sequence[C.PendingItem], container: bool,
                name: str = "") -> list[Row]:
    """OS, then for VMs boot order, machine, BIOS, SCSI controller, agent; for containers
    architecture, privileges, features, hostname (`name` when the config has none); start at boot."""
    if container:
        return [
            _os_row(config, pending, container),
            Row("arch", str(config.get("arch") or "amd64"), _after(pending, "arch", lambda v: str(v or "amd64"))),
            Row("unprivileged", _yes_no(config.get("unprivileged")), _after(pending, "unprivileged", _yes_no)),
            Row("features", str(config.get("features") or DASH), _after(pending, "features")),
            Row("hostname", str(config.get("hostname") or name), _after(pending, "hostname")),
            _onboot(config, pending),
        ]
    return [
        _os_row(config, pending, container),
        Row("boot", _boot(config), _derived(config, pending, _boot)),
        Row("machine", C.machine_name(config.get("machine"), config),
            _after(pending, "machine", lambda v: C.machine_name(v, config))),
        Row("bios", C.bios_name(config.get("bios")), _after(pending, "bios", C.bios_name)),
        Row("scsihw", str(config.get("scsihw") or "lsi"), _after(pending, "scsihw", lambda v: str(v or "lsi"))),
        Row("agent", _agent(config.get("agent")), _after(pending, "agent", _agent)),
        _onboot(config, pending),
    ]


def resource_rows(config: Mapping[str, object], pending: Sequence[C.PendingItem], container: bool) -> list[Row]:
    """CPU and memory: containers cores, memory, swap; VMs sockets, cores, vCPUs, CPU type, memory, balloon."""
    memory = C.memory_mib(config)
    if container:
        cores = config.get("cores")
        return [
            Row("cores", str(cores) if cores else Word.ALL_HOST_CORES, _after(pending, "cores")),
            Row("memory", _mib(memory), _after(pending, "memory", _mib)),
            Row("swap", _mib(config.get("swap", C.CT_DEFAULT_SWAP)), _after(pending, "swap", _mib)),
        ]
    cpu = C.cpu_type(config.get("cpu"), config)
    return [
        Row("sockets", str(config.get("sockets") or 1), _after(pending, "sockets")),
        Row("cores", str(config.get("cores") or 1), _after(pending, "cores")),
        Row("vcpus", str(C.vcpus(config)), _derived(config, pending, lambda c: str(C.vcpus(c)))),
        Row("cpu", cpu.model, _after(pending, "cpu", lambda v: C.cpu_type(v, config).model),
            note=_aes_note(cpu, config)),
        Row("memory", _mib(memory), _after(pending, "memory", _mib)),
        Row("balloon", _balloon(config.get("balloon"), memory),
            _after(pending, "balloon", lambda v: _balloon(v, C.memory_mib(C.with_pending(config, list(pending)))))),
    ]


# ------------------------------------------------------------------ tables

def nic_rows(config: Mapping[str, object], pending: Sequence[C.PendingItem], container: bool) -> list[NicRow]:
    """Every netN, also those that exist only after the next start, shown as they will be."""
    cfg = dict(config)
    for item in pending:
        if item.key.startswith("net") and item.key not in cfg and not item.delete:
            cfg[item.key] = item.pending
    rows = []
    for nic in C.nics(cfg, container):
        item = _item(pending, nic.key)
        shown = nic
        if item is not None and not item.delete and item.pending:
            shown = C.parse_nic(nic.key, item.pending, container)
        rows.append(NicRow(nic.key, nic.name, shown, _change(item)))
    return rows


def _disk_kind(disk: C.Disk) -> DiskKind:
    if disk.cdrom:
        return DiskKind.CLOUD_INIT if C.is_cloudinit(disk.volume) else DiskKind.CD_DRIVE
    return {"rootfs": DiskKind.ROOT, "mp": DiskKind.MOUNT_POINT, "efidisk": DiskKind.EFI_VARS,
            "tpmstate": DiskKind.TPM_STATE, "unused": DiskKind.UNUSED}.get(disk.bus, DiskKind.DRIVE)


def disk_rows(config: Mapping[str, object], pending: Sequence[C.PendingItem], container: bool) -> list[DiskRow]:
    """Every disk, CD drive, root disk and mount point, in PVE's order."""
    rows = []
    for disk in C.disks(config, container):
        kind = _disk_kind(disk)
        volume: str | Word = disk.volume.split(":", 1)[-1]
        if kind is DiskKind.CD_DRIVE and disk.volume in ("none", ""):
            volume = Word.NO_MEDIA
        rows.append(DiskRow(
            id=disk.key, kind=kind, bus="VirtIO" if disk.bus == "virtio" else disk.bus.upper(),
            storage=disk.storage, volume=volume, size=disk.size, mountpoint=disk.mountpoint,
            options=", ".join("{0}={1}".format(k, v) if v else k for k, v in disk.options),
            change=_change(_item(pending, disk.key))))
    return rows


def pending_rows(pending: Sequence[C.PendingItem]) -> list[PendingRow]:
    return [PendingRow(item.key, None if item.value is None else str(item.value),
                       None if item.delete else str(item.pending)) for item in pending]
