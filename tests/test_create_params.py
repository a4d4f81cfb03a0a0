"""POST parameters for new VMs and containers, built from the wizards' plain data."""

from virton_desktop.pve import create as c


def _vm():
    return c.VmSpec(node="pve1", vmid=150, name="app1", iso="local:iso/debian-13.iso", sockets=2, cores=4,
                    cpu="host", memory=4096,
                    disks=[c.VmDisk("scsi", "local-lvm", 32, discard=True),
                           c.VmDisk("virtio", "local-lvm", 0.5, cache="writeback"),
                           c.VmDisk("scsi", "nfs", 100, iothread=False, ssd=True),
                           c.VmDisk("sata", "local-lvm", 8)],
                    nics=[c.VmNic(), c.VmNic("e1000", "vmbr1", tag=10, firewall=False, mac="bc:24:11:00:00:01")])


def test_vm_params():
    p = c.vm_params(_vm())
    assert p["vmid"] == 150 and p["name"] == "app1" and p["ostype"] == "l26"
    assert (p["sockets"], p["cores"], p["cpu"], p["memory"]) == (2, 4, "host", 4096)
    assert p["scsihw"] == "virtio-scsi-single"
    assert p["scsi0"] == "local-lvm:32,discard=on,iothread=1"
    assert p["virtio0"] == "local-lvm:0.5,cache=writeback,iothread=1"
    assert p["scsi1"] == "nfs:100,ssd=1"
    assert p["sata0"] == "local-lvm:8"
    assert p["ide2"] == "local:iso/debian-13.iso,media=cdrom"
    assert p["net0"] == "virtio,bridge=vmbr0,firewall=1"
    assert p["net1"] == "e1000=BC:24:11:00:00:01,bridge=vmbr1,tag=10,firewall=0"
    assert p["boot"] == "order=scsi0;ide2;net0"
    assert "balloon" not in p


def test_ide_disks_skip_the_iso_slot():
    spec = c.VmSpec("pve1", 150, "x", disks=[c.VmDisk("ide")] * 4)
    assert c.disk_keys(spec.disks) == ["ide0", "ide1", "ide3", "ide4"]


def test_vm_without_iso_disks_or_nics():
    p = c.vm_params(c.VmSpec("pve1", 150, "empty"))
    assert "ide2" not in p and "boot" not in p and not any(k.startswith(("scsi0", "net")) for k in p)


def test_balloon():
    assert c.vm_params(c.VmSpec("n", 1, "x", balloon=False))["balloon"] == 0
    assert c.vm_params(c.VmSpec("n", 1, "x", memory=4096, balloon_min=1024))["balloon"] == 1024
    assert "balloon" not in c.vm_params(c.VmSpec("n", 1, "x", memory=4096, balloon_min=4096))


def test_vm_fields_map_parameters_to_inputs():
    f = c.vm_fields(_vm())
    assert f["scsi1"] == ("disks", 2) and f["virtio0"] == ("disks", 1) and f["net1"] == ("nics", 1)
    assert f["name"] == ("name", None) and f["ide2"] == ("iso", None)


def test_vm_summary_lists_every_device():
    lines = dict(c.vm_summary(_vm()))
    assert lines["scsi0"].startswith("local-lvm:32") and lines["net1"].endswith("firewall=0")
    assert lines["Boot order"] == "scsi0;ide2;net0" and lines["OS type"].startswith("Linux")


def _ct():
    return c.CtSpec(node="pve2", vmid=250, hostname="cache1", password="S3cret-pass",
                    ostemplate="local:vztmpl/x.tar.zst",
                    ssh_keys="ssh-ed25519 AAAA a@b\n\n", cores=2, memory=1024, swap=256, rootfs_gib=12,
                    mounts=[c.CtMount("local-lvm", 10, "/data")],
                    nics=[c.CtNic(ipv4="static", ip4="10.0.0.5/24", gw4="10.0.0.1", ipv6="auto", tag=20),
                          c.CtNic("eth1", "vmbr1", ipv4="dhcp", ipv6="static", ip6="2001:db8::5/64",
                                  gw6="2001:db8::1", firewall=False),
                          c.CtNic("eth2", ipv4="none", ipv6="dhcp")],
                    nameservers=["1.1.1.1", "9.9.9.9"], searchdomain="example.com")


def test_ct_params():
    p = c.ct_params(_ct())
    assert p["hostname"] == "cache1" and p["password"] == "S3cret-pass" and p["unprivileged"] == 1
    assert p["features"] == "nesting=1"  # PVE's wizard sets it for unprivileged containers
    assert p["ostemplate"] == "local:vztmpl/x.tar.zst"
    assert (p["cores"], p["memory"], p["swap"]) == (2, 1024, 256)
    assert p["rootfs"] == "local-lvm:12"
    assert p["mp0"] == "local-lvm:10,mp=/data,backup=1"
    assert p["net0"] == "name=eth0,bridge=vmbr0,firewall=1,ip=10.0.0.5/24,gw=10.0.0.1,ip6=auto,tag=20"
    assert p["net1"] == "name=eth1,bridge=vmbr1,firewall=0,ip=dhcp,ip6=2001:db8::5/64,gw6=2001:db8::1"
    assert p["net2"] == "name=eth2,bridge=vmbr0,firewall=1,ip6=dhcp"
    assert p["nameserver"] == "1.1.1.1 9.9.9.9" and p["searchdomain"] == "example.com"
    assert p["ssh-public-keys"] == "ssh-ed25519 AAAA a@b\n"


def test_ct_minimal():
    p = c.ct_params(c.CtSpec("pve1", 250, "x", "pw", "local:vztmpl/x.tar.zst", unprivileged=False))
    assert p["unprivileged"] == 0
    assert not any(k in p for k in ("ssh-public-keys", "nameserver", "searchdomain", "mp0", "net0",
                                   "features"))


def test_ct_fields_and_summary_hide_the_password():
    spec = _ct()
    assert c.ct_fields(spec)["mp0"] == ("mounts", 0) and c.ct_fields(spec)["net2"] == ("nics", 2)
    lines = dict(c.ct_summary(spec))
    assert "S3cret" not in " ".join(lines.values())
    assert lines["mp0"] == "local-lvm:10,mp=/data,backup=1" and lines["SSH public keys"] == "1"


def test_vmid_taken():
    assert c.vmid_taken("unable to create VM 105 - VM 105 already exists on node 'pve3'")
    assert c.vmid_taken("CT 200 already exists on node 'pve1'")
    assert not c.vmid_taken("storage 'x' does not exist")


def test_size_text():
    assert c.size_text(32) == "32" and c.size_text(32.0) == "32" and c.size_text(0.5) == "0.5"
