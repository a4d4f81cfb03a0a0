"""The guest page's rows (pve.guest_view) on every real guest config of Proxmox's own regression tests.

tests/data/pve-configs-all holds all of qemu-server's and pve-container's test configs (sources and
commits in its README): qemu-*.conf read as VMs, lxc-*.conf as containers, up to their first
snapshot section (`read_config`), with the `[PENDING]` section PVE keeps in some of them answered
as `GET …/pending` does. Every row list guest_view offers is built and held against what the
config means to PVE, read here from PVE's own sources (each rule names the file it comes from, at
the commits of the corpus README) - not from virton_desktop.pve.config, whose tables and parsers
are what is checked:

- nothing raises, and no shown value is None, "None", an empty string or a Python repr;
- every disk, CD drive, EFI/TPM disk, root disk, mount point and unused volume is a disk row with
  its volume (a CD drive's `none`: no media) and, when the config has `size=`, that size;
- every netN is a network row with its model, MAC, bridge (none: user-mode NAT / unattached) and VLAN;
- the boot order is the one qemu-server gives QEMU (`device_bootorder`): `order=` as written,
  legacy `boot: cdn` + `bootdisk` and no `boot` at all resolved to devices as
  `bootorder_from_legacy` does; for the cfg2cmd configs also the bootindex order of the QEMU
  command line qemu-server's own tests expect (tests/data/pve-cfg2cmd-expected.json);
- sockets, cores, vCPUs, memory and balloon as qemu-server's schema defaults them (and as the
  expected `-smp`/`-m` say), a container's cores, memory and swap as pve-container's;
- the OS type in words for every value of the schemas' ostype enums; unset on a VM is 'other';
- a setting pending in `[PENDING]` shows its value after the next start on its row.
"""

import dataclasses
import json
import pathlib
import re

import pytest
from test_settings_untouched import read_config

from virton_desktop.pve import config as C
from virton_desktop.pve import guest_view, parse
from virton_desktop.pve.entities import Instance
from virton_desktop.pve.guest_view import DASH, DiskKind, DiskRow, NicRow, PendingRow, Phrase, Row, Word

DATA = pathlib.Path(__file__).parent / "data"
CORPUS = sorted((DATA / "pve-configs-all").glob("*.conf"))
# What qemu-server's cfg2cmd tests expect QEMU to be started with, for the configs they cover.
CFG2CMD = json.loads((DATA / "pve-cfg2cmd-expected.json").read_text())["guests"]
VMID = 900
MiB = 1024 ** 2

# qemu-server src/PVE/QemuServer.pm, `ostype` of $confdesc (default 'other').
VM_OSTYPES = ("other", "wxp", "w2k", "w2k3", "w2k8", "wvista", "win7", "win8", "win10", "win11", "l24", "l26",
              "solaris")
# pve-container src/PVE/LXC/Config.pm, `ostype` of $confdesc (no default: detected from the rootfs).
CT_OSTYPES = ("debian", "devuan", "ubuntu", "centos", "fedora", "opensuse", "archlinux", "alpine", "gentoo", "nixos",
              "unmanaged")
# qemu-server src/PVE/QemuServer/Network.pm, $nic_model_list.
VM_NIC_MODELS = ("e1000", "e1000-82540em", "e1000-82544gc", "e1000-82545em", "e1000e", "i82551", "i82557b",
                 "i82559er", "ne2k_isa", "ne2k_pci", "pcnet", "rtl8139", "virtio", "vmxnet3")
# qemu-server src/PVE/QemuServer/Drive.pm, valid_drive_names: the order foreach_volume walks a VM's drives in.
VM_DRIVES = (*(f"ide{i}" for i in range(4)), *(f"scsi{i}" for i in range(31)), *(f"virtio{i}" for i in range(16)),
             *(f"sata{i}" for i in range(6)), "efidisk0", "tpmstate0")
# qemu-server Drive.pm drive_is_cloudinit (with its $QEMU_FORMAT_RE).
CLOUDINIT = re.compile(r"[:/](?:vm-\d+-)?cloudinit(?:\.(?:raw|qcow|qcow2|qed|vmdk|cloop))?$")
MAX_NETS = 32  # qemu-server QemuServer.pm $MAX_NETS


def is_container(path: pathlib.Path) -> bool:
    return path.name.startswith("lxc-")


def options(value: str, default_key: str) -> dict[str, str]:
    """A PVE property string (pve-common JSONSchema.pm parse_property_string): `k=v` parts, a bare
    part the value of the format's default key."""
    out = {}
    for part in str(value).split(","):
        key, eq, val = part.partition("=")
        if eq:
            out[key] = val
        elif part:
            out[default_key] = part
    return out


def pve_size(text: str) -> int | None:
    """pve-common src/PVE/JSONSchema.pm parse_size: a number, K/M/G/T (or KiB…TiB), none = bytes."""
    m = re.fullmatch(r"(\d+(?:\.\d+)?)([KMGT](?:iB)?)?", text)
    if not m:
        return None
    return int(float(m.group(1)) * 1024 ** ("BKMGT".index((m.group(2) or "B")[0])))


def pending_answer(path: pathlib.Path, cfg: dict) -> list[dict]:
    """`GET …/pending` of the guest: pve-guest-common GuestHelpers.pm config_with_pending_array over
    the config and its `[PENDING]` section (the last one, as qemu-server parse_vm_config keeps it)."""
    pending, section = {}, None
    for line in path.read_text().splitlines():
        if line.startswith("["):
            section = line.strip() == "[PENDING]"
            if section:
                pending = {}
            continue
        key, sep, value = line.partition(": ")
        if section and sep:
            pending[key.strip()] = value.strip()
    deletes = {k.lstrip("!"): k.startswith("!") for k in re.split(r"[,;\s]+", pending.pop("delete", "")) if k}
    answer = []
    for key, value in cfg.items():
        item = {"key": key, "value": value}
        if key in pending:
            item["pending"] = pending.pop(key)
        if key in deletes:
            item["delete"] = 2 if deletes.pop(key) else 1
        answer.append(item)
    answer += [{"key": key, "pending": value} for key, value in pending.items()]
    return answer + [{"key": key, "delete": 2 if force else 1} for key, force in deletes.items()]


def pve_boot_order(cfg: dict) -> list[str]:
    """The devices QEMU gets a bootindex for, in that order: qemu-server QemuServer.pm device_bootorder
    (no `boot`: legacy 'cdn'; `order=` as listed; a legacy value `bootorder_from_legacy`: the bootdisk
    for c, every CD drive but cloud-init for d in foreach_volume's order, every netN for n)."""
    if "boot" not in cfg:
        legacy = "cdn"
    else:
        boot = options(cfg["boot"].strip(), "legacy")
        legacy = boot.get("legacy", "")
        if not legacy:
            return [d for d in re.split(r"[\s,;]+", boot.get("order", "")) if d]
    index = {letter: 100 * i for i, letter in enumerate(legacy, 1)}
    order = {}
    for key in VM_DRIVES:
        if key not in cfg:
            continue
        drive = options(cfg[key], "file")
        # Drive.pm drive_is_cdrom($drive, 1): a CD drive, cloud-init's left out
        if drive.get("media") == "cdrom" and not CLOUDINIT.search(drive.get("file", "")):
            if "d" in index:
                order[key] = index["d"]
                index["d"] += 1
        elif "c" in index:
            if cfg.get("bootdisk") == key:
                order[key] = index["c"]
            index["c"] += 1
    if "n" in index:
        for i in range(MAX_NETS):
            if cfg.get(f"net{i}"):
                order[f"net{i}"] = index["n"]
                index["n"] += 1
    return sorted(order, key=order.get)


def disk_keys(cfg: dict, container: bool) -> set[str]:
    """qemu-server Drive.pm valid_drive_names_with_unused; pve-container LXC/Config.pm rootfs, mpN, unusedN."""
    pattern = r"rootfs|mp\d+|unused\d+" if container else r"(?:ide|sata|scsi|virtio|efidisk|tpmstate|unused)\d+"
    return {key for key in cfg if re.fullmatch(pattern, key)}


def instance(cfg: dict, container: bool) -> Instance:
    """The guest as /cluster/resources lists it (pve-container vmstatus: name = hostname or CT<vmid>)."""
    name = (cfg.get("hostname") or f"CT{VMID}") if container else (cfg.get("name") or f"VM {VMID}")
    return Instance("corpus", VMID, name, "lxc" if container else "qemu", "pve1", "stopped",
                    template=cfg.get("template") == "1", tags=parse.tags(cfg.get("tags")), lock=cfg.get("lock", ""))


def views(path: pathlib.Path):
    cfg = read_config(path)
    container = is_container(path)
    pending = C.pending_changes(pending_answer(path, cfg))
    inst = instance(cfg, container)
    return cfg, container, pending, {
        "summary": guest_view.summary_rows(inst),
        "system": guest_view.system_rows(cfg, pending, container, inst.name),
        "resources": guest_view.resource_rows(cfg, pending, container),
        "network": guest_view.nic_rows(cfg, pending, container),
        "disks": guest_view.disk_rows(cfg, pending, container),
        "pending": guest_view.pending_rows(pending),
    }


def by_id(rows) -> dict:
    ids = [r.id for r in rows]
    assert len(ids) == len(set(ids)), ids
    return {r.id: r for r in rows}


REPR = re.compile(r"\bNone\b|\bTrue\b|\bFalse\b|object at 0x|^[(\[{].*[)\]}]$|\b(?:Word|Phrase|Change|DiskKind)\.")


def plain(value, where) -> None:
    """A shown value: a fixed Word, a Phrase with its value, tags, or a non-empty text that is no repr."""
    if isinstance(value, Word):
        return
    if isinstance(value, Phrase):
        assert isinstance(value.word, Word), where
        value = value.arg
    if isinstance(value, tuple):
        for tag in value:
            plain(tag, where)
        return
    assert isinstance(value, str) and value.strip(), (where, value)
    assert not REPR.search(value), (where, value)


@pytest.mark.parametrize("path", CORPUS, ids=lambda p: p.name)
def test_every_row_holds_a_plain_value(path):
    _cfg, _container, _pending, shown = views(path)
    for section in ("summary", "system", "resources"):
        for row in by_id(shown[section]).values():
            assert isinstance(row, Row)
            plain(row.value, (section, row.id))
            if row.pending is not None:
                plain(row.pending, (section, row.id, "pending"))
            assert isinstance(row.raw, str) and not REPR.search(row.raw), row
    for row in shown["network"]:
        assert isinstance(row, NicRow)
        texts = [getattr(row.nic, f.name) for f in dataclasses.fields(row.nic) if f.type == "str"]
        for text in texts + [t for pair in row.nic.extra for t in pair]:
            assert isinstance(text, str) and not REPR.search(text), (row.id, text)
        plain(row.nic.model, (row.id, "model"))
    for row in shown["disks"]:
        assert isinstance(row, DiskRow)
        plain(row.volume, (row.id, "volume"))
        plain(row.bus, (row.id, "bus"))
        for text in (row.storage, row.mountpoint, row.options):
            assert isinstance(text, str) and not REPR.search(text), (row.id, text)
    for row in shown["pending"]:
        assert isinstance(row, PendingRow)
        for text in (row.now, row.after):
            assert text is None or (text.strip() and not REPR.search(text)), row


@pytest.mark.parametrize("path", CORPUS, ids=lambda p: p.name)
def test_every_disk_is_shown_with_its_volume_and_size(path):
    cfg, container, _pending, shown = views(path)
    disks = by_id(shown["disks"])
    assert set(disks) == disk_keys(cfg, container)
    for key, row in disks.items():
        opts = options(cfg[key], "volume")
        volume = opts.get("volume", opts.get("file", ""))
        cdrom = opts.get("media") == "cdrom"
        if cdrom and volume == "none":
            assert row.volume is Word.NO_MEDIA, key
        else:
            storage = volume.split(":", 1)[0] if ":" in volume else ""
            assert (row.storage, row.volume) == (storage, volume.split(":", 1)[-1]), key
        assert row.size == (pve_size(opts["size"]) if "size" in opts else None), key
        assert row.size == (C.parse_size(opts["size"]) if "size" in opts else None), key
        kind = {"rootfs": DiskKind.ROOT, "mp": DiskKind.MOUNT_POINT, "unused": DiskKind.UNUSED,
                "efidisk": DiskKind.EFI_VARS, "tpmstate": DiskKind.TPM_STATE}.get(key.rstrip("0123456789"))
        if cdrom:
            assert row.kind in (DiskKind.CD_DRIVE, DiskKind.CLOUD_INIT), key
            assert (row.kind is DiskKind.CLOUD_INIT) == bool(CLOUDINIT.search(volume)), key
        else:
            assert row.kind is (kind or DiskKind.DRIVE), key
        if container:
            assert row.mountpoint == ("/" if key == "rootfs" else opts.get("mp", "")), key


@pytest.mark.parametrize("path", CORPUS, ids=lambda p: p.name)
def test_every_nic_is_shown_with_model_mac_bridge_and_vlan(path):
    cfg, container, _pending, shown = views(path)
    nics = by_id(shown["network"])
    assert set(nics) == {key for key in cfg if re.fullmatch(r"net\d+", key)}
    for key, row in nics.items():
        if container:  # pve-container LXC/Config.pm $netconf_desc: type (veth), hwaddr, bridge, tag
            opts = options(cfg[key], "name")
            model, mac = opts.get("type", "veth"), opts.get("hwaddr", "")
            assert row.name == opts.get("name", ""), key
        else:  # qemu-server Network.pm $net_fmt: `<model>=<mac>` or model=…,macaddr=…
            opts = options(cfg[key], "model")
            model = next((m for m in VM_NIC_MODELS if m in opts), opts.get("model", ""))
            mac = opts.get(model, "") if model in opts else opts.get("macaddr", "")
            assert model in VM_NIC_MODELS, (key, cfg[key])
        assert (row.nic.model, row.nic.mac.upper(), row.nic.bridge) == (model, mac.upper(), opts.get("bridge", "")), key
        assert row.nic.tag == (int(opts["tag"]) if "tag" in opts else None), key
        assert row.change is None, key


@pytest.mark.parametrize("path", [p for p in CORPUS if not is_container(p)], ids=lambda p: p.name)
def test_boot_order_is_the_one_qemu_gets(path):
    cfg, _container, pending, shown = views(path)
    order = pve_boot_order(cfg)
    if path.name in CFG2CMD:
        assert order == CFG2CMD[path.name]["boot"]  # the oracle itself, against qemu-server's expected command
    row = by_id(shown["system"])["boot"]
    assert row.value == (" → ".join(order) if order else Word.NONE), (cfg.get("boot"), cfg.get("bootdisk"))
    assert row.pending is None or any(p.key == "boot" or C.device_index(p.key) for p in pending)


def flag(value: str) -> bool:
    """pve-common JSONSchema.pm parse_boolean."""
    return value.lower() in ("1", "on", "yes", "true")


@pytest.mark.parametrize("path", CORPUS, ids=lambda p: p.name)
def test_system_rows_follow_pves_defaults(path):
    cfg, container, _pending, shown = views(path)
    system = by_id(shown["system"])
    assert system["onboot"].value is (Word.YES if flag(cfg.get("onboot", "0")) else Word.NO)
    if container:  # pve-container LXC/Config.pm: arch amd64, unprivileged 0
        assert system["arch"].value == cfg.get("arch", "amd64")
        assert system["unprivileged"].value is (Word.YES if flag(cfg.get("unprivileged", "0")) else Word.NO)
        assert system["hostname"].value == cfg.get("hostname", f"CT{VMID}")
        return
    # qemu-server Machine.pm: unset is the architecture's default (x86_64 'pc', aarch64 'virt'; the node,
    # whose architecture an unset `arch` is, taken for x86_64 as in qemu-server's tests); machine_base_type
    machine = options(cfg.get("machine", ""), "type").get("type") or ("virt" if cfg.get("arch") == "aarch64" else "pc")
    base = "q35" if "q35" in machine else "i440fx" if machine.startswith("pc") else "virt"
    version = re.search(r"-(\d+(?:\.\d+)+(?:\+pve\d+)?(?:\.pxe)?)$", machine)  # a pinned version as written
    assert system["machine"].value == (f"{base} ({version.group(1)})" if version else base)
    bios = cfg.get("bios", "seabios")  # QemuServer.pm: bios default seabios
    assert system["bios"].value == {"seabios": "SeaBIOS", "ovmf": "OVMF (UEFI)"}[bios]
    assert system["scsihw"].value == cfg.get("scsihw", "lsi")  # QemuServer.pm: scsihw default lsi
    agent = flag(options(cfg.get("agent", "0"), "enabled").get("enabled", "0"))  # Agent.pm: [enabled=]<bool>
    assert system["agent"].value is (Word.ENABLED if agent else Word.DISABLED)


@pytest.mark.parametrize("path", CORPUS, ids=lambda p: p.name)
def test_cpus_and_memory_follow_pves_defaults(path):
    cfg, container, _pending, shown = views(path)
    res = by_id(shown["resources"])
    memory = int(options(cfg.get("memory", "512"), "current")["current"])  # [current=]<MiB>, default 512
    assert res["memory"].value == parse.human_bytes(memory * MiB)
    if container:  # pve-container LXC/Config.pm: cores unset = all host cores, swap 512
        assert res["cores"].value == (cfg["cores"] if cfg.get("cores") else Word.ALL_HOST_CORES)
        assert res["swap"].value == parse.human_bytes(int(cfg.get("swap", 512)) * MiB)
        return
    sockets, cores = int(cfg.get("sockets", 1)), int(cfg.get("cores", 1))  # qemu-server: both default 1
    vcpus = int(cfg.get("vcpus", sockets * cores))
    assert (res["sockets"].value, res["cores"].value, res["vcpus"].value) == (str(sockets), str(cores), str(vcpus))
    if path.name in CFG2CMD:
        run = CFG2CMD[path.name]
        assert (sockets, cores, vcpus, memory) == (run["sockets"], run["cores"], run["vcpus"], run["memory"])
    balloon = cfg.get("balloon")  # unset: the balloon device with memory as its minimum; 0: off
    expected = Word.OFF if balloon == "0" else Phrase(Word.BALLOON_MIN, parse.human_bytes(int(balloon or memory) * MiB))
    assert res["balloon"].value == expected


@pytest.mark.parametrize("path", CORPUS, ids=lambda p: p.name)
def test_os_type_in_words(path):
    cfg, container, _pending, shown = views(path)
    row = by_id(shown["system"])["ostype"]
    ostype = cfg.get("ostype") or ("" if container else "other")
    if ostype in (CT_OSTYPES if container else VM_OSTYPES):
        assert row.value == (C.CT_OS_NAMES if container else C.OS_NAMES)[ostype] != ostype
    elif ostype:  # not a value PVE's schema knows (pve-container's older `redhat`): shown as it is
        assert row.value == ostype
    else:
        assert row.value == DASH  # a container whose type PVE has not detected yet


@pytest.mark.parametrize("container, ostypes", [(False, VM_OSTYPES), (True, CT_OSTYPES)])
def test_every_ostype_of_pves_schema_has_a_name(container, ostypes):
    names = {ostype: C.os_name(ostype, container) for ostype in ostypes}
    assert all(name and name != ostype for ostype, name in names.items()), names
    assert len(set(names.values())) == len(names)


@pytest.mark.parametrize("path", [p for p in CORPUS if "[PENDING]" in p.read_text()], ids=lambda p: p.name)
def test_pending_settings_show_on_their_rows(path):
    cfg, container, pending, shown = views(path)
    assert pending and [(p.id, p.after) for p in shown["pending"]] == [(p.key, str(p.pending)) for p in pending]
    rows = {**by_id(shown["system"]), **by_id(shown["resources"])}
    for item in pending:
        if item.key in rows:
            assert rows[item.key].pending is not None, item


def test_the_corpus_holds_what_these_checks_are_about():
    """Legacy and missing boot orders, PENDING sections, both NIC spellings, mount points, cloud-init."""
    texts = [p.read_text() for p in CORPUS]
    assert sum("\nboot:" not in t for t in texts) > 100 and sum("\nboot: order=" in t for t in texts) > 10
    assert sum("[PENDING]" in t for t in texts) >= 5 and len(CFG2CMD) >= 90
    assert any(re.search(r"^mp\d+:", t, re.M) for t in texts) and any("cloudinit" in t for t in texts)
