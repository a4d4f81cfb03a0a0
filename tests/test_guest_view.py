"""The guest page's rows as pure functions of (guest, config, pending): no server, no widgets.

Over every guest of the demo cluster, and over configs written the way a real PVE 8 answers
them (a VM with two VLAN NICs, two disks and a pending memory change; a container with a
mount point and a static address)."""

import subprocess
import sys

import pytest

from virton_desktop.demo.cluster import build_demo_cluster
from virton_desktop.pve import config as C
from virton_desktop.pve.entities import Instance
from virton_desktop.pve.guest_view import (
    DASH,
    Change,
    DiskKind,
    Phrase,
    Word,
    disk_rows,
    nic_rows,
    pending_rows,
    resource_rows,
    summary_rows,
    system_rows,
)

GiB = 1024 ** 3

# GET /nodes/pve/qemu/120/config of a PVE 8.2 VM (current values) and GET .../pending (every key;
# only changed ones carry "pending").
VM = {
    "agent": "enabled=1,fstrim_cloned_disks=1", "balloon": 2048, "boot": "order=scsi0;ide2;net0", "cores": 4,
    "cpu": "x86-64-v2-AES", "digest": "3f6a1c0b9e4d2a7f8c5b6e1d0a9f8e7d6c5b4a39",
    "ide2": "local:iso/debian-12.5.0-amd64-netinst.iso,media=cdrom,size=628M", "machine": "q35",
    "memory": "4096", "meta": "creation-qemu=8.1.5,ctime=1712345678", "name": "app01",
    "net0": "virtio=BC:24:11:5E:7A:01,bridge=vmbr0,firewall=1,tag=100",
    "net1": "virtio=BC:24:11:5E:7A:02,bridge=vmbr1,tag=200,link_down=1", "numa": 0, "ostype": "l26",
    "scsi0": "local-lvm:vm-120-disk-0,iothread=1,size=32G",
    "scsi1": "ceph-pool:vm-120-disk-1,discard=on,iothread=1,size=500G,ssd=1", "scsihw": "virtio-scsi-single",
    "smbios1": "uuid=5c3b6a4e-2f1d-4c8b-9a7e-6d5f4e3c2b1a", "sockets": 1,
    "vmgenid": "0f1e2d3c-4b5a-4968-8776-655443322110",
}
VM_PENDING = [{"key": k, "value": v} for k, v in VM.items() if k not in ("memory", "digest")] + [
    {"key": "memory", "value": "4096", "pending": "8192"}]
# A container of PVE 8: unprivileged, a mount point, a static address on a VLAN, cores not limited.
CT = {
    "arch": "amd64", "digest": "9a8b7c6d5e4f30211203948576abcdef01234567", "features": "nesting=1,keyctl=1",
    "hostname": "pg01", "memory": 2048, "swap": 512,
    "mp0": "local-lvm:vm-210-disk-1,mp=/var/lib/postgresql,backup=1,size=100G",
    "net0": "name=eth0,bridge=vmbr0,firewall=1,gw=192.0.2.1,hwaddr=BC:24:11:AA:BB:CC,ip=192.0.2.10/24,tag=30,"
            "type=veth",
    "onboot": 1, "ostype": "debian", "rootfs": "local-lvm:vm-210-disk-0,size=8G", "unprivileged": 1,
}


def _by_id(rows):
    ids = [r.id for r in rows]
    assert len(ids) == len(set(ids)), ids
    return {r.id: r for r in rows}


def _instance(**kw):
    base = dict(cluster="c", vmid=120, name="app01", type="qemu", node="pve", status="running")
    return Instance(**{**base, **kw})


# ------------------------------------------------------------------ a real-looking VM

def test_vm_with_two_vlan_nics_two_disks_and_a_pending_memory_change():
    pending = C.pending_changes(VM_PENDING)
    assert [p.key for p in pending] == ["memory"]
    res = _by_id(resource_rows(VM, pending, False))
    assert list(res) == ["sockets", "cores", "vcpus", "cpu", "memory", "balloon"]
    assert (res["sockets"].value, res["cores"].value, res["vcpus"].value) == ("1", "4", "4")
    assert res["memory"].value == "4.0 GiB" and res["memory"].pending == "8.0 GiB"
    assert all(r.pending is None for key, r in res.items() if key != "memory")
    assert res["cpu"].value == "x86-64-v2-AES" and res["cpu"].note is Word.AES_NI
    assert res["balloon"].value == Phrase(Word.BALLOON_MIN, "2.0 GiB")

    nics = nic_rows(VM, pending, False)
    assert [(n.id, n.nic.mac, n.nic.bridge, n.nic.tag, n.nic.firewall) for n in nics] == [
        ("net0", "BC:24:11:5E:7A:01", "vmbr0", 100, True), ("net1", "BC:24:11:5E:7A:02", "vmbr1", 200, False)]
    assert all(n.change is None and n.name == "" and n.nic.model == "virtio" for n in nics)

    disks = _by_id(disk_rows(VM, pending, False))
    assert list(disks) == ["ide2", "scsi0", "scsi1"]
    assert disks["scsi1"].kind is DiskKind.DRIVE and disks["scsi1"].bus == "SCSI"
    assert (disks["scsi1"].storage, disks["scsi1"].volume, disks["scsi1"].size) == ("ceph-pool", "vm-120-disk-1",
                                                                                  500 * GiB)
    assert disks["scsi1"].options == "discard=on, iothread=1, ssd=1"
    assert disks["ide2"].kind is DiskKind.CD_DRIVE and disks["ide2"].volume == "iso/debian-12.5.0-amd64-netinst.iso"

    system = _by_id(system_rows(VM, pending, False))
    assert system["ostype"].value == "Linux 7.x – 2.6 kernel" and system["ostype"].raw == "l26"
    assert system["boot"].value == "scsi0 → ide2 → net0" and system["boot"].pending is None
    assert system["machine"].value == "q35" and system["bios"].value == "SeaBIOS"
    assert system["agent"].value is Word.ENABLED and system["onboot"].value is Word.NO

    assert [(p.id, p.now, p.after) for p in pending_rows(pending)] == [("memory", "4096", "8192")]


def test_pending_devices_are_marked_added_changed_removed():
    pending = C.pending_changes([
        {"key": "net1", "value": VM["net1"], "delete": 1},
        {"key": "net2", "pending": "e1000=BC:24:11:5E:7A:03,bridge=vmbr0,tag=300"},
        {"key": "net0", "value": VM["net0"], "pending": "virtio=BC:24:11:5E:7A:01,bridge=vmbr0,tag=101"},
        {"key": "scsi1", "value": VM["scsi1"], "delete": 1},
        {"key": "boot", "value": VM["boot"], "pending": "order=net0;scsi0"},
        {"key": "balloon", "value": 2048, "delete": 1},
    ])
    nics = _by_id(nic_rows(VM, pending, False))
    assert {key: row.change for key, row in nics.items()} == {
        "net0": Change.CHANGED, "net1": Change.REMOVED, "net2": Change.ADDED}
    assert nics["net0"].nic.tag == 101  # shown as it will be
    assert (nics["net2"].nic.model, nics["net2"].nic.tag) == ("e1000", 300)
    assert _by_id(disk_rows(VM, pending, False))["scsi1"].change is Change.REMOVED
    system = _by_id(system_rows(VM, pending, False))
    assert system["boot"].pending == "net0 → scsi0"
    assert _by_id(resource_rows(VM, pending, False))["balloon"].pending is Word.REMOVED
    assert [(p.id, p.after) for p in pending_rows(pending)][:2] == [("balloon", None), ("boot", "order=net0;scsi0")]


def test_defaults_and_special_drives():
    cfg = {"ostype": "win11", "bios": "ovmf", "machine": "pc-q35-8.1", "cpu": "cputype=kvm64,flags=+aes",
           "memory": "current=8192", "balloon": 0, "boot": "cdn", "ide2": "none,media=cdrom",
           "ide0": "local-lvm:vm-1-cloudinit,media=cdrom", "efidisk0": "local-lvm:vm-1-disk-1,size=4M",
           "tpmstate0": "local-lvm:vm-1-disk-2,size=4M,version=v2.0", "virtio0": "local-lvm:vm-1-disk-0,size=64G",
           "unused0": "local-lvm:vm-1-disk-9"}
    res = _by_id(resource_rows(cfg, [], False))
    assert (res["sockets"].value, res["cores"].value, res["memory"].value) == ("1", "1", "8.0 GiB")
    assert res["cpu"].value == "kvm64" and res["cpu"].note is Word.AES_NI
    assert res["balloon"].value is Word.OFF
    system = _by_id(system_rows(cfg, [], False))
    assert system["ostype"].value == "Windows 11/2022/2025"
    # `boot: cdn` without bootdisk: no disk, the CD drives but cloud-init's, no NIC here (bootorder_from_legacy)
    assert system["boot"].value == "ide2"
    assert (system["machine"].value, system["bios"].value, system["scsihw"].value) == ("q35 (8.1)", "OVMF (UEFI)",
                                                                                      "lsi")
    assert system["agent"].value is Word.DISABLED
    kinds = {d.id: (d.kind, d.volume) for d in disk_rows(cfg, [], False)}
    assert kinds == {
        "ide0": (DiskKind.CLOUD_INIT, "vm-1-cloudinit"), "ide2": (DiskKind.CD_DRIVE, Word.NO_MEDIA),
        "virtio0": (DiskKind.DRIVE, "vm-1-disk-0"), "efidisk0": (DiskKind.EFI_VARS, "vm-1-disk-1"),
        "tpmstate0": (DiskKind.TPM_STATE, "vm-1-disk-2"), "unused0": (DiskKind.UNUSED, "vm-1-disk-9")}
    assert next(d for d in disk_rows(cfg, [], False) if d.id == "virtio0").bus == "VirtIO"
    assert _by_id(system_rows({"ostype": "l99"}, [], False))["ostype"].raw == ""  # unknown: shown as it is


def test_the_boot_order_is_the_devices_pve_marks_bootable():
    """No `boot` is the legacy order 'cdn' (qemu-server QemuServer.pm device_bootorder), resolved to the
    devices bootorder_from_legacy marks: qemu-server's cfg2cmd/simple-cifs.conf (no boot, no bootdisk)
    runs ide2 with bootindex=200 and its disks with none (`-boot strict=on`). Nothing bootable: none.
    A NIC added at the next start joins the legacy order then."""
    cfg = {"ide2": "none,media=cdrom", "scsi0": "cifs-store:8006/vm-8006-disk-0.raw,size=104858K",
           "net0": "virtio=A2:C0:43:77:08:A0,bridge=vmbr0"}
    assert _by_id(system_rows(cfg, [], False))["boot"].value == "ide2 → net0"
    assert _by_id(system_rows({**cfg, "bootdisk": "scsi0"}, [], False))["boot"].value == "scsi0 → ide2 → net0"
    assert _by_id(system_rows({**cfg, "boot": " "}, [], False))["boot"].value is Word.NONE  # bootorder-empty.conf
    added = C.pending_changes([{"key": "net1", "pending": "e1000=BC:24:11:5E:7A:03,bridge=vmbr0"}])
    boot = _by_id(system_rows(cfg, added, False))["boot"]
    assert (boot.value, boot.pending) == ("ide2 → net0", "ide2 → net0 → net1")


def test_a_vm_without_ostype_runs_other():
    """qemu-server QemuServer.pm: ostype defaults to 'other'; pve-container has no default (PVE detects
    the type from the root disk): a dash."""
    system = _by_id(system_rows({"ide2": "none,media=cdrom"}, [], False))
    assert (system["ostype"].value, system["ostype"].raw) == ("Other OS", "")
    assert _by_id(system_rows({}, [], True, name="CT900"))["ostype"].value == DASH


def test_pending_settings_show_on_every_row_they_change():
    """qemu-server parse-config-input/sections.conf keeps `bios: ovmf` in its [PENDING] section: the BIOS
    row says OVMF after the next start, as the memory row does for memory; a balloon value in words;
    the vCPUs as they come out of what is pending."""
    cfg = {"bios": "seabios", "ostype": "l26", "sockets": 1, "cores": 2, "memory": 4096}
    pending = C.pending_changes([
        {"key": "bios", "value": "seabios", "pending": "ovmf"}, {"key": "ostype", "value": "l26", "pending": "win11"},
        {"key": "agent", "pending": "1"}, {"key": "onboot", "pending": 1}, {"key": "machine", "pending": "q35"},
        {"key": "scsihw", "pending": "virtio-scsi-single"}, {"key": "sockets", "value": 1, "pending": 2},
        {"key": "balloon", "pending": 0}])
    system = _by_id(system_rows(cfg, pending, False))
    assert {key: row.pending for key, row in system.items()} == {
        "ostype": "Windows 11/2022/2025", "boot": None, "machine": "q35", "bios": "OVMF (UEFI)",
        "scsihw": "virtio-scsi-single", "agent": Word.ENABLED, "onboot": Word.YES}
    res = _by_id(resource_rows(cfg, pending, False))
    assert (res["sockets"].pending, res["vcpus"].value, res["vcpus"].pending) == ("2", "2", "4")
    assert res["balloon"].pending is Word.OFF
    ballooned = C.pending_changes([{"key": "balloon", "value": 0, "pending": 1024}])
    assert _by_id(resource_rows(cfg, ballooned, False))["balloon"].pending == Phrase(Word.BALLOON_MIN, "1.0 GiB")
    ct = _by_id(system_rows(CT, C.pending_changes([{"key": "hostname", "value": "pg01", "pending": "pg02"}]), True))
    assert ct["hostname"].pending == "pg02"


def test_a_vm_without_a_cpu_type_shows_the_one_pve_runs():
    """qemu-server's aarch64/simple-arm.conf (arch: aarch64 on an x86_64 node: emulated, -cpu max):
    not kvm64, and no AES-NI line (an x86 instruction set); `kvm: 0` runs qemu64."""
    arm = _by_id(resource_rows({"arch": "aarch64", "memory": 768}, [], False))["cpu"]
    assert (arm.value, arm.note) == ("max", None)
    no_kvm = _by_id(resource_rows({"kvm": "0"}, [], False))["cpu"]
    assert (no_kvm.value, no_kvm.note) == ("qemu64", Word.NO_AES_NI)


def test_no_aes_line_where_it_is_not_known():
    """A custom CPU model (cpu-models.conf on the node) is not guessed at."""
    custom = _by_id(resource_rows({"cpu": "custom-mine"}, [], False))["cpu"]
    assert (custom.value, custom.note) == ("custom-mine", None)
    epyc = _by_id(resource_rows({"cpu": "EPYC-Rome-v4"}, [], False))["cpu"]
    assert epyc.note is Word.AES_NI

# ------------------------------------------------------------------ a real-looking container

def test_container_with_a_mount_point_and_a_static_address():
    system = _by_id(system_rows(CT, [], True, name="ignored"))
    assert list(system) == ["ostype", "arch", "unprivileged", "features", "hostname", "onboot"]
    assert (system["ostype"].value, system["ostype"].raw) == ("Debian", "debian")
    assert system["unprivileged"].value is Word.YES and system["onboot"].value is Word.YES
    assert system["features"].value == "nesting=1,keyctl=1" and system["hostname"].value == "pg01"
    res = _by_id(resource_rows(CT, [], True))
    assert list(res) == ["cores", "memory", "swap"]
    assert (res["cores"].value, res["memory"].value, res["swap"].value) == (Word.ALL_HOST_CORES, "2.0 GiB", "512.0 MiB")
    (nic,) = nic_rows(CT, [], True)
    assert (nic.id, nic.name, nic.nic.model, nic.nic.ip, nic.nic.gw, nic.nic.tag) == (
        "net0", "eth0", "veth", "192.0.2.10/24", "192.0.2.1", 30)
    disks = _by_id(disk_rows(CT, [], True))
    assert list(disks) == ["rootfs", "mp0"]
    assert (disks["rootfs"].kind, disks["rootfs"].mountpoint, disks["rootfs"].size) == (DiskKind.ROOT, "/", 8 * GiB)
    assert (disks["mp0"].kind, disks["mp0"].mountpoint, disks["mp0"].options) == (
        DiskKind.MOUNT_POINT, "/var/lib/postgresql", "backup=1")


def test_container_defaults_and_pending_swap():
    cfg = {"rootfs": "local-lvm:vm-1-disk-0,size=2G"}
    pending = C.pending_changes([{"key": "swap", "value": 512, "pending": 1024}, {"key": "cores", "pending": 2}])
    res = _by_id(resource_rows(cfg, pending, True))
    assert res["cores"].value is Word.ALL_HOST_CORES and res["cores"].pending == "2"
    assert (res["memory"].value, res["swap"].value, res["swap"].pending) == ("512.0 MiB", "512.0 MiB", "1.0 GiB")
    system = _by_id(system_rows(cfg, pending, True, name="from-the-list"))
    assert (system["ostype"].value, system["arch"].value, system["features"].value) == (DASH, "amd64", DASH)
    assert system["hostname"].value == "from-the-list" and system["unprivileged"].value is Word.NO


# ------------------------------------------------------------------ summary

def test_summary_of_running_stopped_locked_and_pooled_guests():
    rows = _by_id(summary_rows(_instance(uptime=90061, tags=("db", "prod"), hastate="started")))
    assert list(rows) == ["status", "node", "uptime", "hastate", "tags", "lock", "template"]
    assert (rows["status"].value, rows["uptime"].value, rows["hastate"].value) == ("running", "1d 01:01:01",
                                                                                  "started")
    assert rows["tags"].value == ("db", "prod") and rows["lock"].value is Word.NONE
    assert rows["template"].value is Word.NO
    stopped = summary_rows(_instance(status="stopped", uptime=500, lock="backup", pool="prod"))
    assert [r.id for r in stopped][:3] == ["status", "node", "pool"]
    stopped = _by_id(stopped)
    assert (stopped["uptime"].value, stopped["lock"].value, stopped["pool"].value) == (DASH, "backup", "prod")
    assert (stopped["tags"].value, stopped["hastate"].value) == (DASH, Word.NOT_IN_HA)
    assert _by_id(summary_rows(_instance(status="stopped", template=True)))["template"].value is Word.YES


# ------------------------------------------------------------------ every demo guest

@pytest.fixture(scope="module")
def demo_pve():
    return build_demo_cluster()


def test_every_demo_guest_gives_rows_keyed_by_its_config(demo_pve):
    guests = list(demo_pve.vms) + list(demo_pve.cts)
    assert len(guests) > 20
    for guest in guests:
        container = guest in demo_pve.cts
        cfg = dict(guest.config)
        where = guest.vmid
        for rows in (system_rows(cfg, [], container), resource_rows(cfg, [], container)):
            for row in _by_id(rows).values():
                assert row.value not in ("", None) and row.pending is None, (where, row)
        nics = nic_rows(cfg, [], container)
        assert [n.id for n in nics] == sorted((k for k in cfg if k.startswith("net")), key=lambda k: int(k[3:]))
        assert all(n.nic.bridge in ("vmbr0", "vmbr1") and n.change is None for n in nics), where
        disks = disk_rows(cfg, [], container)
        assert {d.id for d in disks} <= set(cfg) and disks, where
        if container:
            assert disks[0].id == "rootfs" and disks[0].kind is DiskKind.ROOT and nics[0].name == "eth0"
        else:
            assert any(d.kind is DiskKind.DRIVE and d.size for d in disks), where
        assert pending_rows([]) == []


def test_demo_db_primary(demo_pve):
    cfg = dict(demo_pve.guest(102).config)
    res = _by_id(resource_rows(cfg, [], False))
    assert (res["cores"].value, res["vcpus"].value, res["memory"].value) == ("8", "8", "16.0 GiB")
    assert [(n.id, n.nic.tag, n.nic.firewall) for n in nic_rows(cfg, [], False)] == [("net0", 30, True),
                                                                                      ("net1", 50, False)]
    disks = _by_id(disk_rows(cfg, [], False))
    assert (disks["scsi0"].size, disks["scsi1"].size) == (64 * GiB, 200 * GiB)


def test_the_module_is_qt_free():
    code = ("import sys, virton_desktop.pve.guest_view; "
            "sys.exit(any(m.split('.')[0] in ('PySide6', 'shiboken6') for m in sys.modules))")
    assert subprocess.run([sys.executable, "-c", code]).returncode == 0
