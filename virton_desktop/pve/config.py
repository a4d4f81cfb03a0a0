"""Guest configuration as PVE writes it: option strings, devices, OS and CPU names. No Qt, no I/O.

`GET /nodes/{n}/qemu/{id}/config` answers flat keys whose values are option strings:
``net0: virtio=BC:24:11:2A:3B:4C,bridge=vmbr0,tag=10,firewall=1``,
``scsi0: local-lvm:vm-100-disk-0,iothread=1,size=32G``, ``boot: order=scsi0;ide2;net0``,
containers ``rootfs: local-lvm:vm-200-disk-0,size=8G``, ``mp0: ...,mp=/data``,
``net0: name=eth0,bridge=vmbr0,ip=dhcp,hwaddr=...``. This module splits them into plain
records (`Nic`, `Disk`) the pages show, and builds them back for writes (`format_options`).

Readable names (`os_name`, `cpu_type_name`) are English source texts; the UI translates
what it shows around them (they are product names mostly, kept as PVE's web UI words them).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

# QEMU NIC models as they appear as the first key of a netN value: every one of PVE's schema
# (qemu-server src/PVE/QemuServer/Network.pm $nic_model_list), the usual first.
NIC_MODELS = ("virtio", "e1000", "e1000e", "rtl8139", "vmxnet3", "ne2k_pci", "pcnet", "i82551", "i82557b",
              "i82559er", "ne2k_isa", "e1000-82540em", "e1000-82544gc", "e1000-82545em")
# Bus prefixes of QEMU drives, in PVE's order; the index follows the prefix (scsi0, virtio1).
DRIVE_BUSES = ("ide", "sata", "scsi", "virtio")
SPECIAL_DISKS = ("efidisk", "tpmstate")
_KEY = re.compile(r"^([a-z]+)(\d+)$")
# A size as PVE reads one (pve-common JSONSchema.pm parse_size): a number, a unit K M G T (KiB …
# TiB too), none for bytes.
_SIZE = re.compile(r"^(\d+(?:\.\d+)?)([KMGT](?:iB)?)?$")
_UNIT = {"": 1, "K": 1024, "M": 1024 ** 2, "G": 1024 ** 3, "T": 1024 ** 4}

# PVE's ostype values (qemu-server) and the words its web UI shows for them.
OS_NAMES = {
    "l26": "Linux 7.x – 2.6 kernel",
    "l24": "Linux 2.4 kernel",
    "win11": "Windows 11/2022/2025",
    "win10": "Windows 10/2016/2019",
    "win8": "Windows 8.x/2012/2012r2",
    "win7": "Windows 7/2008r2",
    "w2k8": "Windows Vista/2008",
    "wvista": "Windows Vista",
    "w2k3": "Windows 2003",
    "wxp": "Windows XP",
    "w2k": "Windows 2000",
    "solaris": "Solaris kernel",
    "other": "Other OS",
}
# Container ostype values (pct): the distribution of the template.
CT_OS_NAMES = {
    "debian": "Debian", "ubuntu": "Ubuntu", "centos": "CentOS", "fedora": "Fedora", "opensuse": "openSUSE",
    "archlinux": "Arch Linux", "alpine": "Alpine Linux", "gentoo": "Gentoo", "nixos": "NixOS",
    "devuan": "Devuan", "unmanaged": "Unmanaged", "almalinux": "AlmaLinux", "rockylinux": "Rocky Linux",
}

# Whether a CPU model passes AES-NI to the guest, by its family: the models of qemu-server's
# CPUConfig.pm ($cpu_vendor_list) with QEMU's feature sets (target/i386/cpu.c: AES from Westmere
# and Opteron_G4 on, in every EPYC; none in the generic kvm64/qemu64 or x86-64-v2). A family's
# variants (-IBRS, -noTSX, -IBPB, -vN) have what it has. A model known in neither set (a custom
# one of cpu-models.conf, a newer QEMU's) is not guessed.
_AES_FAMILIES = frozenset({
    "host", "max", "x86-64-v2-AES", "x86-64-v3", "x86-64-v4",
    "Westmere", "SandyBridge", "IvyBridge", "Haswell", "Broadwell", "Skylake-Client", "Skylake-Server",
    "Cascadelake-Server", "Cooperlake", "KnightsMill", "Icelake-Client", "Icelake-Server", "SapphireRapids",
    "GraniteRapids", "SierraForest", "ClearwaterForest", "Snowridge", "Denverton",
    "Opteron_G4", "Opteron_G5", "EPYC", "EPYC-Rome", "EPYC-Milan", "EPYC-Genoa", "EPYC-Turin"})
_NO_AES_FAMILIES = frozenset({
    "kvm32", "kvm64", "qemu32", "qemu64", "x86-64-v2", "486", "pentium", "pentium2", "pentium3", "coreduo",
    "core2duo", "Conroe", "Penryn", "Nehalem", "athlon", "phenom", "Opteron_G1", "Opteron_G2", "Opteron_G3"})
_VARIANT = re.compile(r"(?:-noTSX)?(?:-IBRS|-IBPB)?(?:-v\d+)?$")


def _cpu_family(model: str) -> str:
    """'Haswell-noTSX-IBRS' -> 'Haswell', 'EPYC-Rome-v4' -> 'EPYC-Rome', 'x86-64-v3' as it is."""
    if model in _AES_FAMILIES or model in _NO_AES_FAMILIES:
        return model
    return _VARIANT.sub("", model) or model


# PVE's default CPU type when `cpu` is not set on an x86_64 VM with KVM (`default_cpu_type`; PVE 8+'s
# web UI writes x86-64-v2-AES for new VMs, but a config without `cpu` still runs kvm64).
DEFAULT_CPU = "kvm64"
CPU_TYPES = ("x86-64-v2-AES", "x86-64-v2", "x86-64-v3", "x86-64-v4", "host", "kvm64", "qemu64", "max")


# ------------------------------------------------------------------ option strings

def split_options(value: object, default_key: str | None = None) -> dict[str, str]:
    """``'local-lvm:vm-1-disk-0,size=32G'`` -> {default_key: 'local-lvm:vm-1-disk-0', 'size': '32G'}.

    A part without ``=`` is the value of `default_key` (PVE's "default key" of the format),
    or of itself as a flag when no default key is given. Order is kept.
    """
    out: dict[str, str] = {}
    for part in str(value or "").split(","):
        part = part.strip()
        if not part:
            continue
        key, eq, val = part.partition("=")
        if eq:
            out[key.strip()] = val.strip()
        elif default_key is not None and default_key not in out:
            out[default_key] = key
        else:
            out[key] = ""
    return out


# What would end a value and start another option (or a config line) in PVE's option strings.
_UNSAFE = re.compile(r"[,=;\x00-\x1f\x7f]")
# The same for a value read from PVE and written back as it was: `;` separates the items of PVE's
# lists (`flags=+md-clear;+pdpe1gb`, `trunks=10;20`) and a value may hold `=`; only `,` or a line
# break would make more of it than it was (and split_options never leaves one in a value).
_UNSAFE_KEPT = re.compile(r"[,\x00-\x1f\x7f]")


def format_options(options: Mapping[str, object], default_key: str | None = None, kept: Iterable[str] = ()) -> str:
    """The inverse of `split_options`: the default key's value first, bare; None values dropped.

    The last line of defence against injection: a key or value that could add an option of its
    own (`,` `=` `;` or a control character) raises ValueError; the fields check before this.
    `kept` names the options whose values were read from PVE and go back unchanged (the parts of
    an option string a dialog does not edit): they hold what PVE wrote, a list's `;` included.
    """
    kept = frozenset(kept)
    for key, val in options.items():
        unsafe = _UNSAFE_KEPT if key in kept else _UNSAFE
        if _UNSAFE.search(str(key)) or (val is not None and unsafe.search(str(val))):
            raise ValueError("unsafe option value for {0!r}".format(key))
    parts = []
    if default_key is not None and options.get(default_key) not in (None, ""):
        parts.append(str(options[default_key]))
    for key, val in options.items():
        if key == default_key or val is None:
            continue
        parts.append(key if val == "" else "{0}={1}".format(key, val))
    return ",".join(parts)


def parse_size(text: object) -> int | None:
    """A `size=` of PVE ('32G', '104858K', '1.5T', '4GiB'; no unit: bytes, as PVE writes a size that is
    no whole KiB) in bytes; None if PVE would not read it as a size."""
    m = _SIZE.match(str(text or "").strip())
    if not m:
        return None
    return int(float(m.group(1)) * _UNIT[(m.group(2) or "")[:1]])


def format_size(nbytes: int) -> str:
    """Bytes as PVE writes a size: the largest binary unit that divides it ('32G', '4M')."""
    for unit in ("T", "G", "M", "K"):
        if nbytes and nbytes % _UNIT[unit] == 0:
            return "{0}{1}".format(nbytes // _UNIT[unit], unit)
    return str(nbytes)


def device_index(key: str) -> tuple[str, int] | None:
    """'scsi12' -> ('scsi', 12); None for keys that are not numbered devices."""
    m = _KEY.match(key)
    return (m.group(1), int(m.group(2))) if m else None


def _natural_key(key: str):
    d = device_index(key)
    return (d[0], d[1]) if d else (key, -1)


def flag(value: object) -> bool:
    """A boolean as PVE reads one (pve-common JSONSchema.pm parse_boolean)."""
    return str(value).strip().lower() in ("1", "on", "yes", "true")


# ------------------------------------------------------------------ network

@dataclass(frozen=True)
class Nic:
    """One network interface (netN) of a VM or container."""

    key: str  # net0
    model: str = ""  # virtio, e1000 (VMs); veth (containers)
    mac: str = ""
    bridge: str = ""
    tag: int | None = None  # VLAN
    firewall: bool = False
    link_down: bool = False
    rate: str = ""  # MB/s limit
    name: str = ""  # eth0 (containers)
    ip: str = ""  # containers: dhcp, 192.0.2.5/24, manual
    gw: str = ""
    ip6: str = ""
    gw6: str = ""
    extra: tuple[tuple[str, str], ...] = ()  # options we do not show by name (queues, mtu, ...)


def parse_nic(key: str, value: object, container: bool = False) -> Nic:
    opts = split_options(value)
    model = mac = ""
    if container:
        mac = opts.pop("hwaddr", "")
        model = opts.pop("type", "veth")
    else:
        for m in list(opts):
            if m in NIC_MODELS:
                model, mac = m, opts.pop(m)
                break
        else:
            model = opts.pop("model", "")
            mac = opts.pop("macaddr", "")
    tag = opts.pop("tag", "")
    nic = Nic(key=key, model=model, mac=mac.upper(), bridge=opts.pop("bridge", ""),
              tag=int(tag) if tag.isdigit() else None, firewall=flag(opts.pop("firewall", "0")),
              link_down=flag(opts.pop("link_down", "0")), rate=opts.pop("rate", ""),
              name=opts.pop("name", ""), ip=opts.pop("ip", ""), gw=opts.pop("gw", ""),
              ip6=opts.pop("ip6", ""), gw6=opts.pop("gw6", ""), extra=tuple(opts.items()))
    return nic


def format_nic(nic: Nic, container: bool = False) -> str:
    """A netN value from a Nic (for writes). An empty MAC lets PVE generate one."""
    opts: dict[str, object] = {}
    if container:
        opts["name"] = nic.name or "eth" + nic.key[3:]
        if nic.bridge:  # none: an unattached veth, as PVE loaded it
            opts["bridge"] = nic.bridge
        if nic.mac:
            opts["hwaddr"] = nic.mac
        if nic.ip:  # no ip= is PVE's "no IPv4"; writing dhcp there would change the guest
            opts["ip"] = nic.ip
        if nic.gw:
            opts["gw"] = nic.gw
        if nic.ip6:
            opts["ip6"] = nic.ip6
        if nic.gw6:
            opts["gw6"] = nic.gw6
    else:
        opts[nic.model or "virtio"] = nic.mac if nic.mac else None
        if not nic.mac:
            # `virtio` alone (no "=") asks PVE for a fresh MAC.
            opts = {nic.model or "virtio": ""}
        if nic.bridge:  # none: user-mode (NAT) networking, as PVE loaded it
            opts["bridge"] = nic.bridge
    if nic.tag is not None:
        opts["tag"] = nic.tag
    if nic.firewall:
        opts["firewall"] = 1
    if nic.link_down:
        opts["link_down"] = 1
    if nic.rate:
        opts["rate"] = nic.rate
    for k, v in nic.extra:
        opts.setdefault(k, v)
    if container:
        opts["type"] = nic.model or "veth"
    return format_options(opts, kept=(k for k, _v in nic.extra))


def nics(config: Mapping[str, object], container: bool = False) -> list[Nic]:
    keys = sorted((k for k in config if device_index(k) and device_index(k)[0] == "net"), key=_natural_key)
    return [parse_nic(k, config[k], container) for k in keys]


def free_net_key(config: Mapping[str, object]) -> str:
    used = {device_index(k)[1] for k in config if device_index(k) and device_index(k)[0] == "net"}
    return "net{0}".format(next(i for i in range(64) if i not in used))


# ------------------------------------------------------------------ disks

@dataclass(frozen=True)
class Disk:
    """One disk, CD drive or mount point of a guest."""

    key: str  # scsi0, ide2, efidisk0, rootfs, mp0
    bus: str  # scsi, ide, sata, virtio, efidisk, tpmstate, rootfs, mp, unused
    volume: str  # local-lvm:vm-100-disk-0, local:iso/x.iso, none, cdrom
    storage: str = ""  # local-lvm ('' for none / passthrough)
    size: int | None = None  # bytes
    cdrom: bool = False
    mountpoint: str = ""  # containers: mp=/data (rootfs: '/')
    options: tuple[tuple[str, str], ...] = ()  # what else the string carries (iothread=1, ssd=1 ...)

    @property
    def is_iso(self) -> bool:
        return self.cdrom and "iso/" in self.volume

    @property
    def resizable(self) -> bool:
        return not self.cdrom and self.bus not in ("efidisk", "tpmstate", "unused") and bool(self.storage)


def parse_disk(key: str, value: object) -> Disk:
    idx = device_index(key)
    bus = "rootfs" if key == "rootfs" else (idx[0] if idx else key)
    opts = split_options(value, default_key="volume")
    volume = opts.pop("volume", opts.pop("file", ""))
    size = parse_size(opts.pop("size", "")) if "size" in opts else None
    cdrom = opts.get("media") == "cdrom"
    if cdrom:
        opts.pop("media")
    mp = opts.pop("mp", "/" if key == "rootfs" else "")
    storage = volume.split(":", 1)[0] if ":" in volume else ""
    return Disk(key=key, bus=bus, volume=volume, storage=storage, size=size, cdrom=cdrom, mountpoint=mp,
                options=tuple(opts.items()))


def is_disk_key(key: str, container: bool = False) -> bool:
    if container:
        return key == "rootfs" or bool(re.match(r"^(mp|unused)\d+$", key))
    idx = device_index(key)
    return bool(idx) and idx[0] in DRIVE_BUSES + SPECIAL_DISKS + ("unused",)


def disks(config: Mapping[str, object], container: bool = False) -> list[Disk]:
    """Every disk in the config: buses in PVE's order (rootfs first for containers)."""
    order = {"rootfs": 0, "mp": 1, "ide": 0, "sata": 1, "scsi": 2, "virtio": 3, "efidisk": 4, "tpmstate": 5,
             "unused": 9}
    found = [parse_disk(k, config[k]) for k in config if is_disk_key(k, container)]
    return sorted(found, key=lambda d: (order.get(d.bus, 8), _natural_key(d.key)))


# ------------------------------------------------------------------ system

# A VM's drives in the order qemu-server walks them (Drive.pm valid_drive_names, foreach_volume), and
# how many NICs it has at most (QemuServer.pm $MAX_NETS).
VM_DRIVE_KEYS = (tuple("ide{0}".format(i) for i in range(4)) + tuple("scsi{0}".format(i) for i in range(31))
                 + tuple("virtio{0}".format(i) for i in range(16)) + tuple("sata{0}".format(i) for i in range(6))
                 + ("efidisk0", "tpmstate0"))
MAX_NETS = 32
# qemu-server Drive.pm drive_is_cloudinit (with $QEMU_FORMAT_RE): the volume PVE makes the cloud-init image in.
_CLOUDINIT = re.compile(r"[:/](?:vm-\d+-)?cloudinit(?:\.(?:raw|qcow|qcow2|qed|vmdk|cloop))?$")


def is_cloudinit(volume: object) -> bool:
    """``local-lvm:vm-100-cloudinit``, ``local:100/vm-100-cloudinit.qcow2``: PVE's cloud-init drive."""
    return bool(_CLOUDINIT.search(str(volume or "")))


def boot_order(config: Mapping[str, object]) -> list[str]:
    """The devices the VM boots from, in order: the ones qemu-server gives QEMU a bootindex
    (QemuServer.pm device_bootorder; QEMU runs with `-boot strict=on`, so no other is tried).

    ``boot: order=scsi0;ide2;net0``: those. No `boot` at all is legacy ``cdn``, and a legacy value
    (``boot: dcn``, ``legacy=cdn``) names kinds, resolved as `bootorder_from_legacy` does: c the
    disk `bootdisk` names (none without one), d every CD drive but cloud-init's in the order PVE
    walks the drives, n every NIC; a (floppy) none, PVE has no floppy. A blank `boot`: nothing.
    """
    value = config.get("boot")
    if value is None:
        legacy = "cdn"
    else:
        opts = split_options(value, default_key="legacy")
        legacy = opts.get("legacy", "")
        if not legacy:  # PVE::Tools::split_list
            return [d for d in re.split(r"[\s,;\0]+", opts.get("order", "")) if d]
    index = {letter: 100 * i for i, letter in enumerate(legacy, 1)}
    bootindex: dict[str, int] = {}
    for key in VM_DRIVE_KEYS:
        if not config.get(key):  # foreach_volume: only drives that parse
            continue
        drive = parse_disk(key, config[key])
        if drive.cdrom and not is_cloudinit(drive.volume):
            if "d" in index:
                bootindex[key] = index["d"]
                index["d"] += 1
        elif "c" in index:
            if str(config.get("bootdisk") or "") == key:
                bootindex[key] = index["c"]
            index["c"] += 1
    if "n" in index:
        for key in ("net{0}".format(i) for i in range(MAX_NETS)):
            if config.get(key):
                bootindex[key] = index["n"]
                index["n"] += 1
    return sorted(bootindex, key=bootindex.__getitem__)


def os_name(ostype: object, container: bool = False) -> str:
    """'l26' -> 'Linux 7.x – 2.6 kernel'; unknown values are shown as they are."""
    key = str(ostype or "")
    if not key:
        return ""
    table = CT_OS_NAMES if container else OS_NAMES
    return table.get(key, key)


def is_windows(ostype: object) -> bool:
    return str(ostype or "").startswith("w")


@dataclass(frozen=True)
class CpuType:
    model: str  # x86-64-v2-AES, host, kvm64 ...
    flags: tuple[str, ...] = ()  # +aes, -pcid ...
    hidden: bool = False

    @property
    def aes(self) -> bool | None:
        """Whether the guest sees AES-NI (hardware crypto acceleration); None when the model is
        not one PVE ships (a custom model's features are the node's cpu-models.conf's)."""
        if "+aes" in self.flags:
            return True
        if "-aes" in self.flags:
            return False
        family = _cpu_family(self.model)
        return True if family in _AES_FAMILIES else False if family in _NO_AES_FAMILIES else None


def default_cpu_type(config: Mapping[str, object] | None = None, host_arch: str = "x86_64") -> str:
    """The CPU type a VM without `cpu` runs (qemu-server CPUConfig.pm `get_default_cpu_type`):
    kvm64 with KVM, qemu64 without (`kvm: 0`, or an `arch` that is not the node's: QEMU emulates
    it); an aarch64 VM host with KVM, max without. The node is taken for x86_64 (as qemu-server's
    own tests do unless told otherwise): its architecture is not in the guest's config."""
    config = config or {}
    arch = str(config.get("arch") or host_arch)
    kvm = flag(config.get("kvm", "1")) and arch == host_arch
    if arch == "aarch64":
        return "host" if kvm else "max"
    return DEFAULT_CPU if kvm else "qemu64"


def is_arm(config: Mapping[str, object]) -> bool:
    """An aarch64 VM (`arch: aarch64`): its machine is virt, its CPU has no AES-NI to speak of."""
    return str(config.get("arch") or "") == "aarch64"


def cpu_type(value: object, config: Mapping[str, object] | None = None) -> CpuType:
    """``cpu: x86-64-v2-AES`` or ``cpu: cputype=host,flags=+aes;-pcid,hidden=1``; without a type,
    the one PVE runs for the VM's `config` (`default_cpu_type`)."""
    opts = split_options(value, default_key="cputype")
    flags = tuple(f for f in opts.get("flags", "").split(";") if f)
    return CpuType(model=opts.get("cputype") or default_cpu_type(config), flags=flags,
                   hidden=flag(opts.get("hidden", "0")))


def memory_mib(config: Mapping[str, object]) -> int:
    """``memory: 4096`` or PVE 8.1+ ``memory: current=4096`` in MiB (PVE's default 512)."""
    value = str(config.get("memory") or "512")
    return int(float(split_options(value, default_key="current").get("current", "512")))


def balloon_mib(config: Mapping[str, object]) -> int | None:
    """Minimum memory for the balloon driver; 0 = ballooning off; None = not set (on, min = memory)."""
    value = config.get("balloon")
    return None if value in (None, "") else int(value)


CT_DEFAULT_SWAP = 512  # pve-container: swap unset means 512 MiB


def vcpus(config: Mapping[str, object]) -> int:
    sockets = int(config.get("sockets") or 1)
    cores = int(config.get("cores") or 1)
    return int(config.get("vcpus") or sockets * cores)


def agent_enabled(value: object) -> bool:
    """``agent: 1``, ``agent: enabled=1,fstrim_cloned_disks=1``, ``agent: freeze-fs=1,enabled=0``:
    qemu-server Agent.pm's `[enabled=]<boolean>` (default_key), default off."""
    return flag(split_options(value, default_key="enabled").get("enabled", "0"))


def bios_name(value: object) -> str:
    return {"ovmf": "OVMF (UEFI)", "seabios": "SeaBIOS"}.get(str(value or "seabios"), str(value))


def machine_name(value: object, config: Mapping[str, object] | None = None) -> str:
    """``pc-q35-10.0`` -> 'q35 (10.0)', ``pc-4.0`` -> 'i440fx (4.0)', ``virt-9.2`` -> 'virt (9.2)'.

    Unset is the default of the VM's architecture (qemu-server Machine.pm `default_machine_for_arch`:
    x86_64 pc = i440fx, aarch64 virt); an unset `arch` is the node's, taken for x86_64 as in
    `default_cpu_type`. The base type as `machine_base_type` tells it; other values as they are.
    """
    text = split_options(value, default_key="type").get("type", "") if value else ""
    if not text:
        text = "virt" if is_arm(config or {}) else "pc"
    m = re.match(r"^(pc(?:-i440fx|-q35)?|q35|virt)(?:-(\d.*))?$", text)
    if not m:
        return text
    base = "q35" if "q35" in m.group(1) else "virt" if m.group(1) == "virt" else "i440fx"
    return "{0} ({1})".format(base, m.group(2)) if m.group(2) else base


# ------------------------------------------------------------------ pending

@dataclass(frozen=True)
class PendingItem:
    key: str
    value: object = None  # current value (None if not set)
    pending: object = None  # the value after the next start (None if only deleted)
    delete: bool = False


def pending_changes(items: list[Mapping[str, object]]) -> list[PendingItem]:
    """From ``GET .../pending``: only the entries that change something at the next start."""
    out = []
    for item in items or ():
        if "pending" in item or item.get("delete"):
            out.append(PendingItem(key=str(item.get("key")), value=item.get("value"), pending=item.get("pending"),
                                   delete=bool(item.get("delete"))))
    return sorted(out, key=lambda p: _natural_key(p.key))


def with_pending(config: Mapping[str, object], items: list[PendingItem]) -> dict[str, object]:
    """The config as it will be after the next start."""
    out = dict(config)
    for item in items:
        if item.delete:
            out.pop(item.key, None)
        else:
            out[item.key] = item.pending
    return out


@dataclass(frozen=True)
class GuestConfig:
    """A guest's config read once: what the detail page shows."""

    raw: Mapping[str, object] = field(default_factory=dict)
    container: bool = False

    @property
    def digest(self) -> str:
        return str(self.raw.get("digest") or "")

    @property
    def nics(self) -> list[Nic]:
        return nics(self.raw, self.container)

    @property
    def disks(self) -> list[Disk]:
        return disks(self.raw, self.container)

    @property
    def cpu(self) -> CpuType:
        return cpu_type(self.raw.get("cpu"), self.raw)

    @property
    def memory_mib(self) -> int:
        return memory_mib(self.raw)

    @property
    def protected(self) -> bool:
        return flag(self.raw.get("protection", 0))
