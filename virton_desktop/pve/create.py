"""What the create wizards send: plain dataclasses in, PVE's POST parameters out.

`vm_params(VmSpec)` builds the body of `POST /nodes/{node}/qemu`, `ct_params(CtSpec)` that of
`POST /nodes/{node}/lxc`. `vm_fields` / `ct_fields` tell which input each parameter came
from (`("disks", 1)` for `scsi1`), so a server error on `net1` lands on the right row.
`vm_summary` / `ct_summary` give readable (label, value) lines; labels are untranslated
texts marked for lupdate (context "CreateSummary").

Every option string is built by `config.format_options`, which refuses a value carrying `,`
`=` `;` or a control character (ValueError): the wizard's field checks come first, this is the
last line of defence.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .config import format_options
from .text import QT_TRANSLATE_NOOP

CONTEXT = "CreateSummary"  # written out in every QT_TRANSLATE_NOOP below: pyside6-lupdate skips a variable context


# PVE's ostype values with readable names (qemu-server's `ostype` enum), newest first.
OS_TYPES = (
    ("l26", "Linux 7.x - 2.6 kernel"),
    ("l24", "Linux 2.4 kernel"),
    ("win11", "Windows 11 / 2022 / 2025"),
    ("win10", "Windows 10 / 2016 / 2019"),
    ("win8", "Windows 8.x / 2012 / 2012 R2"),
    ("win7", "Windows 7 / 2008 R2"),
    ("wvista", "Windows Vista / 2008"),
    ("wxp", "Windows XP / 2003"),
    ("w2k8", "Windows 2008"),
    ("w2k3", "Windows 2003"),
    ("w2k", "Windows 2000"),
    ("solaris", "Solaris / OpenSolaris / OpenIndiana"),
    ("other", "Other"),
)

CPU_TYPES = ("x86-64-v2-AES", "host", "x86-64-v3", "x86-64-v4", "x86-64-v2", "kvm64", "qemu64", "max")
DEFAULT_CPU = "x86-64-v2-AES"
SCSI_CONTROLLERS = ("virtio-scsi-single", "virtio-scsi-pci", "lsi", "megasas", "pvscsi")
DEFAULT_SCSIHW = "virtio-scsi-single"
NIC_MODELS = ("virtio", "e1000", "e1000e", "rtl8139", "vmxnet3")
DISK_BUSES = ("scsi", "virtio", "sata", "ide")
BUS_LIMITS = {"scsi": 31, "virtio": 16, "sata": 6, "ide": 4}
CACHE_MODES = ("", "none", "writethrough", "writeback", "directsync", "unsafe")
ISO_SLOT = "ide2"  # where PVE's own wizard puts the installation medium


@dataclass(frozen=True)
class OsDefaults:
    """What PVE's wizard picks per OS type (pve-manager www/manager6/qemu/OSDefaults.js and
    SystemEdit.js): disk bus, NIC model, SCSI controller, firmware, machine, EFI disk and TPM."""

    bus: str = "ide"
    nic_model: str = "e1000"
    scsihw: str = DEFAULT_SCSIHW
    bios: str = ""  # "" = PVE's default SeaBIOS
    machine: str = ""  # "" = PVE's default i440fx
    efidisk: bool = False
    tpm: bool = False


# OSDefaults.js: 'generic' (every OS without an entry, Windows 10 and older included) has IDE and
# e1000; l26 SCSI and virtio; w2k/wxp an RTL8139 and no SCSI controller (PVE's default lsi);
# win11 q35 + OVMF, and SystemEdit.js adds the EFI disk (with OVMF) and a TPM.
_OS_DEFAULTS = {
    "l26": OsDefaults(bus="scsi", nic_model="virtio"),
    "w2k": OsDefaults(nic_model="rtl8139", scsihw="lsi"),
    "wxp": OsDefaults(nic_model="rtl8139", scsihw="lsi"),
    "win11": OsDefaults(bios="ovmf", machine="q35", efidisk=True, tpm=True),
}


def os_defaults(ostype: str) -> OsDefaults:
    return _OS_DEFAULTS.get(ostype, OsDefaults())


@dataclass
class VmDisk:
    bus: str = "scsi"
    storage: str = "local-lvm"
    size_gib: float = 32
    cache: str = ""  # "" = PVE default (no cache)
    discard: bool = False
    iothread: bool = True
    ssd: bool = False


@dataclass
class VmNic:
    model: str = "virtio"
    bridge: str = "vmbr0"
    tag: int | None = None
    firewall: bool = True
    mac: str = ""  # "" = PVE generates one


@dataclass
class VmSpec:
    node: str
    vmid: int
    name: str
    ostype: str = "l26"
    iso: str | None = None  # volid, e.g. "local:iso/debian-13.iso"; None = no medium
    sockets: int = 1
    cores: int = 2
    cpu: str = DEFAULT_CPU
    memory: int = 2048
    balloon: bool = True  # ballooning device on
    balloon_min: int | None = None  # minimum MiB; None = same as memory
    scsihw: str = DEFAULT_SCSIHW
    disks: list[VmDisk] = field(default_factory=list)
    nics: list[VmNic] = field(default_factory=list)
    bios: str = ""  # "" = SeaBIOS (PVE's default), "ovmf" = UEFI
    machine: str = ""  # "" = i440fx (PVE's default), "q35"
    efidisk: bool = False  # an EFI vars disk (OVMF only), on the first disk's storage
    tpm: bool = False  # a TPM 2.0 state volume (Windows 11 requires one)
    pool: str = ""  # resource pool to add the VM to; "" = none (no `pool` sent)


@dataclass
class CtMount:
    storage: str = "local-lvm"
    size_gib: float = 8
    path: str = "/data"


@dataclass
class CtNic:
    name: str = "eth0"
    bridge: str = "vmbr0"
    tag: int | None = None
    firewall: bool = True
    ipv4: str = "dhcp"  # "dhcp" | "static" | "none"
    ip4: str = ""  # CIDR when static
    gw4: str = ""
    ipv6: str = "none"  # "dhcp" | "auto" (SLAAC) | "static" | "none"
    ip6: str = ""
    gw6: str = ""
    mac: str = ""


@dataclass
class CtSpec:
    node: str
    vmid: int
    hostname: str
    password: str
    ostemplate: str
    ssh_keys: str = ""
    unprivileged: bool = True
    nesting: bool = True  # PVE's wizard: on for unprivileged containers (systemd in newer distributions needs it)
    cores: int = 1
    memory: int = 512
    swap: int = 512
    rootfs_storage: str = "local-lvm"
    rootfs_gib: float = 8
    mounts: list[CtMount] = field(default_factory=list)
    nics: list[CtNic] = field(default_factory=list)
    nameservers: list[str] = field(default_factory=list)
    searchdomain: str = ""
    pool: str = ""  # resource pool to add the container to; "" = none (no `pool` sent)


def size_text(gib: float) -> str:
    """`32` for 32 GiB, `0.5` for half: the number PVE takes in `storage:SIZE` (GiB)."""
    return "{0:.3f}".format(gib).rstrip("0").rstrip(".") if gib != int(gib) else str(int(gib))


def _flag(value: bool) -> str:
    return "1" if value else "0"


# ------------------------------------------------------------------ VM

def disk_keys(disks: list[VmDisk]) -> list[str]:
    """`scsi0`, `scsi1`, `virtio0`, ...: numbered per bus in table order; ide2 stays free for the ISO."""
    used: dict[str, int] = {}
    keys = []
    for disk in disks:
        n = used.get(disk.bus, 0)
        if disk.bus == "ide" and n == 2:
            n = 3
        used[disk.bus] = n + 1
        keys.append("{0}{1}".format(disk.bus, n))
    return keys


def _volume(storage: str, size_gib: float) -> str:
    """`local-lvm:32`: a new volume of SIZE GiB on the storage."""
    return "{0}:{1}".format(storage, size_text(size_gib))


def disk_option(disk: VmDisk) -> str:
    """`local-lvm:32,iothread=1,discard=on`: a new volume of SIZE GiB on the storage."""
    return format_options({
        "file": _volume(disk.storage, disk.size_gib), "cache": disk.cache or None,
        "discard": "on" if disk.discard else None,
        "iothread": 1 if disk.iothread and disk.bus in ("scsi", "virtio") else None,
        "ssd": 1 if disk.ssd and disk.bus in ("scsi", "sata", "ide") else None}, default_key="file")


def vm_nic_option(nic: VmNic) -> str:
    """`virtio,bridge=vmbr0,tag=10,firewall=1` (or `virtio=MAC,...` with a fixed MAC)."""
    return format_options({nic.model: nic.mac.upper(), "bridge": nic.bridge, "tag": nic.tag or None,
                           "firewall": _flag(nic.firewall)})


def boot_order(spec: VmSpec) -> str:
    """Boot from the first disk, then the ISO, then the first NIC (as PVE's wizard does)."""
    order = disk_keys(spec.disks)[:1]
    if spec.iso:
        order.append(ISO_SLOT)
    if spec.nics:
        order.append("net0")
    return "order=" + ";".join(order) if order else ""


def vm_params(spec: VmSpec) -> dict[str, str | int]:
    """The body of `POST /nodes/{node}/qemu`."""
    params: dict[str, str | int] = {
        "vmid": spec.vmid, "name": spec.name, "ostype": spec.ostype,
        "sockets": spec.sockets, "cores": spec.cores, "cpu": spec.cpu, "memory": spec.memory,
        "scsihw": spec.scsihw,
    }
    if not spec.balloon:
        params["balloon"] = 0
    elif spec.balloon_min is not None and spec.balloon_min < spec.memory:
        params["balloon"] = spec.balloon_min
    for key, disk in zip(disk_keys(spec.disks), spec.disks, strict=True):
        params[key] = disk_option(disk)
    if spec.iso:
        params[ISO_SLOT] = format_options({"file": spec.iso, "media": "cdrom"}, default_key="file")
    for i, nic in enumerate(spec.nics):
        params["net{0}".format(i)] = vm_nic_option(nic)
    boot = boot_order(spec)
    if boot:
        params["boot"] = boot
    if spec.bios:
        params["bios"] = spec.bios
    if spec.machine:
        params["machine"] = spec.machine
    storage = spec.disks[0].storage if spec.disks else "local-lvm"
    if spec.efidisk and spec.bios == "ovmf":
        # PVE's EFI disk editor: 4 MiB vars with Microsoft's keys enrolled (Secure Boot ready).
        params["efidisk0"] = format_options({"file": _volume(storage, 1), "efitype": "4m", "pre-enrolled-keys": 1},
                                            default_key="file")
    if spec.tpm:
        params["tpmstate0"] = format_options({"file": _volume(storage, 1), "version": "v2.0"}, default_key="file")
    if spec.pool:
        params["pool"] = spec.pool
    return params


_GENERAL_VM = {"vmid": "vmid", "name": "name", "ostype": "ostype", "ide2": "iso", "sockets": "sockets",
               "cores": "cores", "cpu": "cpu", "memory": "memory", "balloon": "balloon", "scsihw": "scsihw",
               "boot": "boot", "bios": "bios", "machine": "machine", "efidisk0": "efidisk", "tpmstate0": "tpm"}


def vm_fields(spec: VmSpec) -> dict[str, tuple[str, int | None]]:
    """Parameter -> (input, row): `scsi1` -> ("disks", 1), `net0` -> ("nics", 0), `name` -> ("name", None)."""
    fields = {k: (v, None) for k, v in _GENERAL_VM.items()}
    for i, key in enumerate(disk_keys(spec.disks)):
        fields[key] = ("disks", i)
    for i in range(len(spec.nics)):
        fields["net{0}".format(i)] = ("nics", i)
    return fields


def os_label(ostype: str) -> str:
    return dict(OS_TYPES).get(ostype, ostype)


def vm_summary(spec: VmSpec) -> list[tuple[str, str]]:
    """Readable lines for the summary page: (untranslated label, value)."""
    p = vm_params(spec)
    lines = [
        (QT_TRANSLATE_NOOP("CreateSummary", "Node"), spec.node),
        (QT_TRANSLATE_NOOP("CreateSummary", "VM ID"), str(spec.vmid)),
        (QT_TRANSLATE_NOOP("CreateSummary", "Name"), spec.name),
        (QT_TRANSLATE_NOOP("CreateSummary", "Resource pool"), spec.pool or "-"),
        (QT_TRANSLATE_NOOP("CreateSummary", "OS type"), os_label(spec.ostype)),
        (QT_TRANSLATE_NOOP("CreateSummary", "ISO image"), spec.iso or "-"),
        (QT_TRANSLATE_NOOP("CreateSummary", "CPU"), "{0} x {1} ({2})".format(spec.sockets, spec.cores, spec.cpu)),
        (QT_TRANSLATE_NOOP("CreateSummary", "Memory"), "{0} MiB".format(spec.memory)),
        (QT_TRANSLATE_NOOP("CreateSummary", "Ballooning"), str(p.get("balloon", spec.memory)) + " MiB"
         if spec.balloon else "-"),
        (QT_TRANSLATE_NOOP("CreateSummary", "SCSI controller"), spec.scsihw),
        (QT_TRANSLATE_NOOP("CreateSummary", "Firmware"), "OVMF (UEFI)" if spec.bios == "ovmf" else "SeaBIOS"),
        (QT_TRANSLATE_NOOP("CreateSummary", "Machine"), spec.machine or "i440fx"),
    ]
    for key in ("efidisk0", "tpmstate0"):
        if key in p:
            lines.append((key, str(p[key])))
    for key in disk_keys(spec.disks):
        lines.append((key, str(p[key])))
    for i in range(len(spec.nics)):
        key = "net{0}".format(i)
        lines.append((key, str(p[key])))
    if "boot" in p:
        lines.append((QT_TRANSLATE_NOOP("CreateSummary", "Boot order"), str(p["boot"])[len("order="):]))
    return lines


# ------------------------------------------------------------------ container

def mount_option(mount: CtMount) -> str:
    """`local-lvm:10,mp=/data,backup=1`: without backup=1 vzdump leaves the volume out (pve-container
    `mountpoint_backup_enabled`), and PVE's own mount point editor sets it for new ones."""
    return format_options({"volume": _volume(mount.storage, mount.size_gib), "mp": mount.path, "backup": 1},
                          default_key="volume")


def ct_nic_option(nic: CtNic) -> str:
    """`name=eth0,bridge=vmbr0,firewall=1,ip=10.0.0.5/24,gw=10.0.0.1,ip6=auto,tag=10`."""
    opts: dict[str, object] = {"name": nic.name, "bridge": nic.bridge, "firewall": _flag(nic.firewall),
                               "hwaddr": nic.mac.upper() or None}
    if nic.ipv4 == "dhcp":
        opts["ip"] = "dhcp"
    elif nic.ipv4 == "static":
        opts.update(ip=nic.ip4.strip(), gw=nic.gw4.strip() or None)
    if nic.ipv6 in ("dhcp", "auto"):
        opts["ip6"] = nic.ipv6
    elif nic.ipv6 == "static":
        opts.update(ip6=nic.ip6.strip(), gw6=nic.gw6.strip() or None)
    opts["tag"] = nic.tag or None
    return format_options(opts)


def ct_params(spec: CtSpec) -> dict[str, str | int]:
    """The body of `POST /nodes/{node}/lxc`."""
    params: dict[str, str | int] = {
        "vmid": spec.vmid, "hostname": spec.hostname, "password": spec.password,
        "ostemplate": spec.ostemplate, "unprivileged": 1 if spec.unprivileged else 0,
        "cores": spec.cores, "memory": spec.memory, "swap": spec.swap,
        "rootfs": format_options({"volume": _volume(spec.rootfs_storage, spec.rootfs_gib)}, default_key="volume"),
    }
    if spec.unprivileged and spec.nesting:
        params["features"] = "nesting=1"
    keys = "\n".join(line.strip() for line in spec.ssh_keys.splitlines() if line.strip())
    if keys:
        params["ssh-public-keys"] = keys + "\n"
    for i, mount in enumerate(spec.mounts):
        params["mp{0}".format(i)] = mount_option(mount)
    for i, nic in enumerate(spec.nics):
        params["net{0}".format(i)] = ct_nic_option(nic)
    if spec.nameservers:
        params["nameserver"] = " ".join(spec.nameservers)
    if spec.searchdomain:
        params["searchdomain"] = spec.searchdomain
    if spec.pool:
        params["pool"] = spec.pool
    return params


_GENERAL_CT = {"vmid": "vmid", "hostname": "hostname", "password": "password", "ostemplate": "ostemplate",
               "ssh-public-keys": "ssh_keys", "unprivileged": "unprivileged", "features": "nesting", "cores": "cores",
               "memory": "memory", "swap": "swap", "rootfs": "rootfs", "nameserver": "nameserver",
               "searchdomain": "searchdomain"}


def ct_fields(spec: CtSpec) -> dict[str, tuple[str, int | None]]:
    fields = {k: (v, None) for k, v in _GENERAL_CT.items()}
    for i in range(len(spec.mounts)):
        fields["mp{0}".format(i)] = ("mounts", i)
    for i in range(len(spec.nics)):
        fields["net{0}".format(i)] = ("nics", i)
    return fields


def ct_summary(spec: CtSpec) -> list[tuple[str, str]]:
    p = ct_params(spec)
    keys = [line for line in spec.ssh_keys.splitlines() if line.strip() and not line.strip().startswith("#")]
    lines = [
        (QT_TRANSLATE_NOOP("CreateSummary", "Node"), spec.node),
        (QT_TRANSLATE_NOOP("CreateSummary", "CT ID"), str(spec.vmid)),
        (QT_TRANSLATE_NOOP("CreateSummary", "Hostname"), spec.hostname),
        (QT_TRANSLATE_NOOP("CreateSummary", "Resource pool"), spec.pool or "-"),
        (QT_TRANSLATE_NOOP("CreateSummary", "Root password"), "********"),
        (QT_TRANSLATE_NOOP("CreateSummary", "SSH public keys"), str(len(keys))),
        (QT_TRANSLATE_NOOP("CreateSummary", "Unprivileged"),
         QT_TRANSLATE_NOOP("CreateSummary", "yes") if spec.unprivileged else QT_TRANSLATE_NOOP("CreateSummary", "no")),
        (QT_TRANSLATE_NOOP("CreateSummary", "Nesting"), QT_TRANSLATE_NOOP("CreateSummary", "yes")
         if "features" in p else QT_TRANSLATE_NOOP("CreateSummary", "no")),
        (QT_TRANSLATE_NOOP("CreateSummary", "Template"), spec.ostemplate),
        (QT_TRANSLATE_NOOP("CreateSummary", "CPU cores"), str(spec.cores)),
        (QT_TRANSLATE_NOOP("CreateSummary", "Memory / swap"), "{0} MiB / {1} MiB".format(spec.memory, spec.swap)),
        ("rootfs", str(p["rootfs"])),
    ]
    for key in sorted(k for k in p if re.fullmatch(r"(mp|net)\d+", k)):
        lines.append((key, str(p[key])))
    lines.append((QT_TRANSLATE_NOOP("CreateSummary", "DNS servers"), " ".join(spec.nameservers) or "-"))
    lines.append((QT_TRANSLATE_NOOP("CreateSummary", "Search domain"), spec.searchdomain or "-"))
    return lines


# ------------------------------------------------------------------ server answers

_TAKEN = re.compile(r"\b(?:VM|CT) (\d+) already exists")


def vmid_taken(message: str) -> bool:
    """PVE's `unable to create VM 105 - VM 105 already exists on node 'pve3'` (or CT ...)."""
    return bool(_TAKEN.search(message or ""))
