"""Option strings of guest configs (pve/config.py): plain functions, no Qt."""

from dataclasses import replace

import pytest

from virton_desktop.pve import config as C


def test_split_and_format_roundtrip():
    opts = C.split_options("local-lvm:vm-100-disk-0,iothread=1,size=32G", default_key="volume")
    assert opts == {"volume": "local-lvm:vm-100-disk-0", "iothread": "1", "size": "32G"}
    assert C.format_options(opts, default_key="volume") == "local-lvm:vm-100-disk-0,iothread=1,size=32G"


def test_sizes():
    assert C.parse_size("32G") == 32 * 1024 ** 3
    assert C.parse_size("4M") == 4 * 1024 ** 2
    assert C.parse_size("1.5T") == int(1.5 * 1024 ** 4)
    assert C.parse_size("104858K") == 104858 * 1024  # qemu-server cfg2cmd/simple1.conf's scsi0
    assert C.parse_size("lots") is None
    assert C.format_size(40 * 1024 ** 3) == "40G"
    assert C.format_size(4 * 1024 ** 2) == "4M"


@pytest.mark.parametrize("text, size", [
    # pve-common src/PVE/JSONSchema.pm parse_size: m/^(\d+(\.\d+)?)([KMGT](?:iB)?)?$/, no unit = bytes
    # (format_size writes a size that is no whole KiB so: `size=1000`), units in capitals only.
    ("8", 8), ("1000", 1000), ("4GiB", 4 * 1024 ** 3), ("512KiB", 512 * 1024), ("2TiB", 2 * 1024 ** 4),
    ("1.5M", int(1.5 * 1024 ** 2)), ("32g", None), ("4 G", None), ("G", None), ("-1G", None),
])
def test_a_size_is_read_as_pve_reads_it(text, size):
    assert C.parse_size(text) == size
    if size is not None:
        assert C.parse_size(C.format_size(size)) == size  # what PVE writes reads back the same


def test_vm_nic():
    nic = C.parse_nic("net0", "virtio=bc:24:11:2a:3b:4c,bridge=vmbr1,tag=30,firewall=1,queues=4")
    assert (nic.model, nic.mac, nic.bridge, nic.tag, nic.firewall) == ("virtio", "BC:24:11:2A:3B:4C", "vmbr1", 30,
                                                                       True)
    assert nic.extra == (("queues", "4"),)
    again = C.parse_nic("net0", C.format_nic(nic))
    assert again == nic
    plain = C.parse_nic("net1", "e1000=BC:24:11:00:00:01,bridge=vmbr0")
    assert plain.tag is None and not plain.firewall and plain.model == "e1000"


def test_values_read_from_pve_go_back_with_their_lists():
    """`;` separates the items of PVE's lists (trunks, cpu flags): kept in what was read, refused in what is typed."""
    nic = C.parse_nic("net0", "virtio=BC:24:11:00:00:01,bridge=vmbr0,trunks=10;20;30,queues=4")
    assert C.parse_nic("net0", C.format_nic(replace(nic, tag=5))) == replace(nic, tag=5)
    opts = {"cputype": "max", "flags": "+md-clear;+pdpe1gb", "level": "30"}
    assert C.format_options(opts, "cputype", kept=["flags", "level"]) == "max,flags=+md-clear;+pdpe1gb,level=30"
    for typed in ("max;x", "max,flags=+aes", "max\nx"):
        with pytest.raises(ValueError):
            C.format_options(opts | {"cputype": typed}, "cputype", kept=["flags", "level"])
    with pytest.raises(ValueError):
        C.format_options(opts | {"flags": "+aes,hidden=1"}, "cputype", kept=["flags", "level"])


@pytest.mark.parametrize("model", ["e1000-82540em", "e1000-82544gc", "e1000-82545em", "ne2k_isa", "i82559er"])
def test_every_nic_model_of_pves_schema(model):
    """qemu-server src/PVE/QemuServer/Network.pm $nic_model_list: `<model>=<mac>` is model and MAC."""
    nic = C.parse_nic("net0", "{0}=BC:24:11:00:00:01,bridge=vmbr0".format(model))
    assert (nic.model, nic.mac, nic.bridge, nic.extra) == (model, "BC:24:11:00:00:01", "vmbr0", ())


def test_new_nic_without_mac_lets_pve_choose():
    assert C.format_nic(C.Nic(key="net1", model="virtio", bridge="vmbr0", tag=5)) == "virtio,bridge=vmbr0,tag=5"


def test_ct_nic():
    nic = C.parse_nic("net0", "name=eth0,bridge=vmbr0,firewall=1,hwaddr=BC:24:11:00:0C:80,ip=192.0.2.5/24,"
                              "gw=192.0.2.1,type=veth,tag=20", container=True)
    assert (nic.name, nic.model, nic.ip, nic.gw, nic.tag, nic.mac) == ("eth0", "veth", "192.0.2.5/24",
                                                                      "192.0.2.1", 20, "BC:24:11:00:0C:80")
    assert C.parse_nic("net0", C.format_nic(nic, container=True), container=True) == nic


def test_disks_of_a_vm_in_order():
    cfg = {"scsi1": "local-lvm:vm-102-disk-1,iothread=1,size=200G", "scsi0": "local-lvm:vm-102-disk-0,size=64G",
           "ide2": "local:iso/debian-13.iso,media=cdrom,size=754M", "efidisk0": "local-lvm:vm-1-disk-1,size=4M",
           "net0": "virtio=AA:BB:CC:DD:EE:FF,bridge=vmbr0", "name": "x", "scsihw": "virtio-scsi-single"}
    found = C.disks(cfg)
    assert [d.key for d in found] == ["ide2", "scsi0", "scsi1", "efidisk0"]
    cd = found[0]
    assert cd.cdrom and cd.is_iso and not cd.resizable and cd.storage == "local"
    assert found[2].size == 200 * 1024 ** 3 and found[2].options == (("iothread", "1"),)
    assert found[1].resizable and not found[3].resizable
    assert C.parse_disk("ide2", "none,media=cdrom").storage == ""


def test_container_disks():
    cfg = {"rootfs": "local-lvm:vm-204-disk-0,size=32G", "mp0": "local-lvm:vm-204-disk-1,mp=/var/lib/pg,size=50G",
           "memory": 512}
    root, mp = C.disks(cfg, container=True)
    assert (root.key, root.mountpoint, root.size) == ("rootfs", "/", 32 * 1024 ** 3)
    assert (mp.key, mp.mountpoint, mp.storage) == ("mp0", "/var/lib/pg", "local-lvm")


# qemu-server src/test/cfg2cmd (e6352be6), configs and the bootindex order of their expected .cmd.
BOOTORDER_LEGACY = {  # bootorder-legacy.conf: -device net0 bootindex=100, ide2 200, virtio1 302
    "boot": "ndca", "bootdisk": "virtio1", "ide2": "none,media=cdrom", "net0": "virtio=A2:C0:43:77:08:A0,bridge=vmbr0",
    "scsi4": "local:8006/vm-8006-disk-0.qcow2,discard=on,size=104858K",
    "virtio0": "local:8006/vm-8006-disk-0.qcow2,discard=on,iothread=1,size=104858K",
    "virtio1": "local:8006/vm-8006-disk-0.qcow2,discard=on,iothread=1,size=104858K"}
SIMPLE_CIFS = {  # simple-cifs.conf: no boot, no bootdisk; ide2 bootindex=200, no disk has one
    "ide2": "none,media=cdrom", "scsi0": "cifs-store:8006/vm-8006-disk-0.raw,discard=on,size=104858K"}


@pytest.mark.parametrize("config, order", [
    ({"boot": "order=scsi0;ide2;net0"}, ["scsi0", "ide2", "net0"]),
    ({"boot": "order=virtio1;net0;scsi4;ide2"}, ["virtio1", "net0", "scsi4", "ide2"]),  # bootorder.conf
    ({"boot": " ", "ide2": "none,media=cdrom"}, []),  # bootorder-empty.conf (`boot: `): no bootindex at all
    (BOOTORDER_LEGACY, ["net0", "ide2", "virtio1"]),  # n, d, c by bootdisk; a: PVE has no floppy
    (SIMPLE_CIFS, ["ide2"]),  # unset is legacy cdn, and c without bootdisk marks no disk (QEMU -boot strict=on)
    ({**SIMPLE_CIFS, "bootdisk": "scsi0", "net1": "e1000=A2:C0:43:77:08:A1", "net0": "virtio=A2:C0:43:77:08:A0"},
     ["scsi0", "ide2", "net0", "net1"]),  # aarch64/simple-arm.conf's form: scsi0, ide2, net0
    ({"boot": "legacy=dc", "bootdisk": "sata0", "sata0": "local:vm-1-disk-0", "sata1": "local:iso/a.iso,media=cdrom",
      "ide3": "local:iso/b.iso,media=cdrom", "ide0": "local:vm-1-cloudinit,media=cdrom"}, ["ide3", "sata1", "sata0"]),
])
def test_boot_order_is_what_qemu_server_gives_qemu(config, order):
    """qemu-server src/PVE/QemuServer.pm device_bootorder / bootorder_from_legacy: every CD drive but
    cloud-init's for d, in valid_drive_names' order (ide, scsi, virtio, sata); bootdisk for c; every NIC for n."""
    assert C.boot_order(config) == order


def test_os_names():
    assert C.os_name("l26") == "Linux 7.x – 2.6 kernel"
    assert C.os_name("win11").startswith("Windows 11")
    assert C.os_name("debian", container=True) == "Debian"
    assert C.os_name("haiku") == "haiku"
    assert C.os_name(None) == ""


def test_cpu_types_and_aes():
    assert C.cpu_type("x86-64-v2-AES").aes
    assert not C.cpu_type("x86-64-v2").aes
    assert C.cpu_type("host").aes
    assert not C.cpu_type(None).aes and C.cpu_type(None).model == "kvm64"
    t = C.cpu_type("cputype=kvm64,flags=+aes;-pcid,hidden=1")
    assert t.aes and t.hidden and t.flags == ("+aes", "-pcid")
    assert not C.cpu_type("cputype=host,flags=-aes").aes


def test_memory_and_cpus():
    assert C.memory_mib({"memory": "4096"}) == 4096
    assert C.memory_mib({"memory": "current=2048"}) == 2048
    assert C.memory_mib({}) == 512
    assert C.balloon_mib({"balloon": 0}) == 0 and C.balloon_mib({}) is None
    assert C.vcpus({"sockets": 2, "cores": 4}) == 8
    assert C.machine_name("pc-q35-10.0") == "q35 (10.0)" and C.machine_name(None) == "i440fx"
    assert C.agent_enabled("1,freeze-fs=1") and C.agent_enabled("enabled=1,freeze-fs-on-backup=0")
    assert not C.agent_enabled("freeze-fs=1,enabled=0") and not C.agent_enabled(None)  # Agent.pm [enabled=]<bool>
    assert C.bios_name("ovmf") == "OVMF (UEFI)" and C.bios_name(None) == "SeaBIOS"


@pytest.mark.parametrize("value, arch, name", [
    # qemu-server src/PVE/QemuServer/Machine.pm: default_machine_for_arch, machine_base_type, the pattern
    # of pve-qm-machine ('pc', 'pc(-i440fx)?-X.Y(+pveN)(.pxe)', 'q35', 'pc-q35-X.Y…', 'virt(-X.Y)(+pveN)')
    (None, "", "i440fx"), (None, "aarch64", "virt"),  # aarch64/simple-arm.conf runs -machine virt
    ("pc", "", "i440fx"), ("pc-4.0", "", "i440fx (4.0)"), ("pc-i440fx-9.2+pve1", "", "i440fx (9.2+pve1)"),
    ("type=q35,viommu=intel", "", "q35"), ("pc-q35-5.1.pxe", "", "q35 (5.1.pxe)"),
    ("virt", "aarch64", "virt"), ("virt-9.2", "aarch64", "virt (9.2)"),
])
def test_machine_names(value, arch, name):
    assert C.machine_name(value, {"arch": arch} if arch else {}) == name


def test_pending():
    items = C.pending_changes([{"key": "cores", "value": 2, "pending": 4}, {"key": "name", "value": "x"},
                               {"key": "net1", "value": "virtio=..", "delete": 1}])
    assert [(p.key, p.pending, p.delete) for p in items] == [("cores", 4, False), ("net1", None, True)]
    assert C.with_pending({"cores": 2, "net1": "a"}, items) == {"cores": 4}


def test_free_net_key():
    assert C.free_net_key({"net0": "", "net2": ""}) == "net1"


@pytest.mark.parametrize("config, host_arch, expected", [
    # qemu-server src/test/cfg2cmd (e6352be6): configs without `cpu` and the -cpu their .cmd expects
    ({"ostype": "l26"}, "x86_64", "kvm64"),  # simple1.conf: -cpu kvm64,...
    ({"arch": "aarch64"}, "x86_64", "max"),  # aarch64/simple-arm.conf: emulated (accel=tcg), -cpu max
    ({}, "aarch64", "host"),  # aarch64/simple-arm-host.conf (HOST_ARCH: aarch64): -cpu host
    ({"arch": "x86_64"}, "aarch64", "qemu64"),  # aarch64/simple-x86-on-arm-host.conf: -cpu qemu64
    ({"kvm": "0"}, "x86_64", "qemu64"),  # get_default_cpu_type($arch, $kvm) with KVM off
    ({"arch": "aarch64", "kvm": "0"}, "aarch64", "max"),
])
def test_default_cpu_type_is_what_pve_runs(config, host_arch, expected):
    assert C.default_cpu_type(config, host_arch) == expected
    if host_arch == "x86_64":
        assert C.cpu_type(None, config).model == expected
        assert C.cpu_type("host", config).model == "host"  # a type set is that type


@pytest.mark.parametrize("model, aes", [
    # qemu-server CPUConfig.pm's models; QEMU target/i386/cpu.c gives AES from Westmere and
    # Opteron_G4 on, never to the generic kvm64/qemu64 or x86-64-v2
    ("x86-64-v2-AES", True), ("x86-64-v2", False), ("x86-64-v3", True), ("host", True), ("max", True),
    ("kvm64", False), ("qemu64", False), ("Nehalem-IBRS", False), ("Penryn", False), ("Opteron_G3", False),
    ("Westmere-IBRS", True), ("Haswell-noTSX-IBRS", True), ("Skylake-Client-noTSX-IBRS", True),
    ("Skylake-Server-v5", True), ("Cascadelake-Server-noTSX", True), ("Icelake-Client", True),
    ("SapphireRapids-v4", True), ("GraniteRapids-v3", True), ("ClearwaterForest", True), ("Opteron_G4", True),
    ("EPYC-IBPB", True), ("EPYC-Rome-v5", True), ("EPYC-Turin", True), ("KnightsMill", True),
    ("custom-mine", None), ("cortex-a57", None),  # a custom model's features are the node's; ARM has no AES-NI
])
def test_aes_ni_by_cpu_family(model, aes):
    assert C.cpu_type(model).aes is aes
    assert C.cpu_type(model + ",flags=+aes").aes is True and C.cpu_type(model + ",flags=-aes").aes is False
