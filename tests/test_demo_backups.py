"""The demo cluster's vzdump, abort, restore, protected backups and snapshot timing (through the API)."""

import time

import pytest
from proxmoxer.core import ResourceException

from virton_desktop.demo import ServedDemo
from virton_desktop.pve import backup

from helpers import proxmox

GiB = 1024 ** 3


def backups(px, storage="nfs-storage", node="pve1"):
    return px.nodes(node).storage(storage).content.get(content="backup")


def log_lines(px, node, upid):
    return [line["t"] for line in px.nodes(node).tasks(upid).log.get(start=0, limit=5000)]


def wait_task(px, node, upid, qtbot=None, timeout=20.0):
    """Follow a task until it stops (real time; tests using this run at a small time_scale)."""
    deadline = time.monotonic() + timeout
    while True:
        status = px.nodes(node).tasks(upid).status.get()
        if status["status"] == "stopped":
            return status
        assert time.monotonic() < deadline, "task did not end"
        px.nodes(node).tasks(upid).status.get()  # one more round trip instead of a sleep


def test_seeded_backups_are_listed_with_subtype(demo):
    px = proxmox(demo)
    items = backups(px)
    assert len(items) == 6  # 4 nightly, 2 old ones (demo/backup_jobs.py)
    kinds = {(i["vmid"], i["subtype"]) for i in items}
    assert (100, "qemu") in kinds and (200, "lxc") in kinds
    protected = [i for i in items if i.get("protected")]
    assert [i["vmid"] for i in protected] == [102]
    for item in items:
        assert backup.parse_backup_name(item["volid"]).vmid == item["vmid"]


def test_vm_backup_makes_a_volume_with_notes_and_protection(demo):
    px = proxmox(demo)
    upid = px.nodes("pve1").vzdump.post(vmid=100, storage="nfs-storage", mode="snapshot", compress="zstd",
                                       protected=1, **{"notes-template": "{{guestname}} before change"})
    assert ":vzdump:100:" in upid
    status = px.nodes("pve1").tasks(upid).status.get()
    assert status["exitstatus"] == "OK"
    lines = log_lines(px, "pve1", upid)
    progress = [p for p in map(backup.parse_progress, lines) if p]
    assert progress[0].percent == 0 and progress[-1].percent == 100
    assert [p.percent for p in progress] == sorted(p.percent for p in progress)
    assert lines[-1] == "TASK OK"
    new = [i for i in backups(px) if i["vmid"] == 100 and i.get("protected")]
    assert len(new) == 1
    item = new[0]
    assert item["notes"] == "web1 before change" and item["subtype"] == "qemu" and item["size"] > 0
    assert backup.parse_backup_name(item["volid"]).archive == "vma"
    assert demo.pve.vm(100).lock is None


def test_container_backup_has_no_percentage(demo):
    px = proxmox(demo)
    upid = px.nodes("pve1").vzdump.post(vmid=200, storage="local", compress="lzo")
    lines = log_lines(px, "pve1", upid)
    assert lines[-1] == "TASK OK"
    assert not any(backup.parse_progress(line) for line in lines)
    vols = [i for i in backups(px, "local") if i["vmid"] == 200]
    assert len(vols) == 1 and vols[0]["volid"].endswith(".tar.lzo") and vols[0]["subtype"] == "lxc"


def test_backup_refusals(demo):
    px = proxmox(demo)
    with pytest.raises(ResourceException, match="wrong content type"):
        px.nodes("pve1").vzdump.post(vmid=100, storage="local-lvm")
    # 103 lives on pve2: PVE starts nothing and answers OK instead of a UPID (VZDump.pm, silent exit).
    tasks_before = len(demo.pve.tasklog)
    assert px.nodes("pve1").vzdump.post(vmid=103, storage="local") == "OK"
    assert len(demo.pve.tasklog) == tasks_before
    # 105 is locked (backup) in the demo: the job fails for it.
    upid = px.nodes("pve3").vzdump.post(vmid=105, storage="nfs-storage")
    status = px.nodes("pve3").tasks(upid).status.get()
    assert status["exitstatus"] == "Backup of VM 105 failed - VM is locked (backup)"


def test_full_storage_fails_part_way(demo):
    px = proxmox(demo)
    demo.pve.storages["local"]["avail"] = 1 * GiB
    upid = px.nodes("pve1").vzdump.post(vmid=102, storage="local")
    status = px.nodes("pve1").tasks(upid).status.get()
    assert "no space left on device" in status["exitstatus"]
    lines = log_lines(px, "pve1", upid)
    assert lines[-1].startswith("TASK ERROR:") and "no space left on device" in lines[-1]
    assert 0 < backup.last_progress(lines).percent < 100
    assert not [i for i in backups(px, "local") if i["vmid"] == 102]
    assert demo.pve.vm(102).lock is None


def test_several_guests_of_one_node(demo):
    px = proxmox(demo)
    upid = px.nodes("pve1").vzdump.post(vmid="100,200,202", storage="local")
    assert ":vzdump::" in upid
    assert px.nodes("pve1").tasks(upid).status.get()["exitstatus"] == "OK"
    assert {i["vmid"] for i in backups(px, "local")} == {100, 200, 202}


def test_abort_leaves_no_volume():
    with ServedDemo(time_scale=0.02) as served:
        px = proxmox(served)
        served.pve.vt_backup_rate = 64 * 1024 ** 2  # 32 GiB: ~500 PVE s, 10 s real; aborted long before
        upid = px.nodes("pve1").vzdump.post(vmid=100, storage="local")
        deadline = time.monotonic() + 10
        while not backup.last_progress(log_lines(px, "pve1", upid)) or \
                backup.last_progress(log_lines(px, "pve1", upid)).percent < 1:
            assert time.monotonic() < deadline
            assert served.pve.vm(100).lock == "backup"
        px.nodes("pve1").tasks(upid).delete()
        status = wait_task(px, "pve1", upid)
        assert status["exitstatus"] == "interrupted by signal"
        assert log_lines(px, "pve1", upid)[-1] == "TASK ERROR: interrupted by signal"
        assert not backups(px, "local")
        assert served.pve.vm(100).lock is None


def test_delete_protected_backup_refused(demo):
    px = proxmox(demo)
    protected = next(i for i in backups(px) if i.get("protected"))
    upid = px.nodes("pve1").storage("nfs-storage").content(protected["volid"]).delete()
    status = px.nodes("pve1").tasks(upid).status.get()
    assert "cannot remove protected volume" in status["exitstatus"]
    assert protected["volid"] in {i["volid"] for i in backups(px)}
    px.nodes("pve1").storage("nfs-storage").content(protected["volid"]).put(protected=0, notes="unlocked")
    item = next(i for i in backups(px) if i["volid"] == protected["volid"])
    assert not item.get("protected") and item["notes"] == "unlocked"
    upid = px.nodes("pve1").storage("nfs-storage").content(protected["volid"]).delete()
    assert px.nodes("pve1").tasks(upid).status.get()["exitstatus"] == "OK"
    assert protected["volid"] not in {i["volid"] for i in backups(px)}


def _comparable(config):
    """A config without what a restore to another id legitimately changes (disk names, digest)."""
    out = {}
    for key, value in config.items():
        if key in ("digest", "meta", "lock"):
            continue
        disk = key[:4] in ("scsi", "virt", "sata", "efid", "tpms")
        if disk or (key.startswith("ide") and "media=cdrom" not in value):
            parts = value.split(",")
            value = ",".join(p for p in parts[1:])  # options incl. size, without the volume
        out[key] = value
    return out


def test_restore_vm_to_a_new_vmid_matches_the_source(demo):
    px = proxmox(demo)
    upid = px.nodes("pve1").vzdump.post(vmid=102, storage="nfs-storage")
    assert px.nodes("pve1").tasks(upid).status.get()["exitstatus"] == "OK"
    volid = next(i["volid"] for i in backups(px) if i["vmid"] == 102 and not i.get("protected"))
    newid = int(px.cluster.nextid.get())
    upid = px.nodes("pve2").qemu.post(vmid=newid, archive=volid, storage="local-lvm")
    assert px.nodes("pve2").tasks(upid).status.get()["exitstatus"] == "OK"
    source = px.nodes("pve1").qemu(102).config.get()
    restored = px.nodes("pve2").qemu(newid).config.get()
    assert _comparable(restored) == _comparable(source)
    assert restored["scsi1"].startswith("local-lvm:vm-{0}-disk-".format(newid))
    assert demo.pve.vm(newid).status == "stopped"


def test_restore_overwrites_only_with_force(demo):
    px = proxmox(demo)
    volid = next(i["volid"] for i in backups(px) if i["vmid"] == 100)
    demo.pve.vm(101).status = "stopped"
    with pytest.raises(ResourceException, match="vm exists"):
        px.nodes("pve1").qemu.post(vmid=101, archive=volid)
    px.nodes("pve1").qemu(101).config.put(memory=1024)
    upid = px.nodes("pve1").qemu.post(vmid=101, archive=volid, force=1, start=1)
    assert px.nodes("pve1").tasks(upid).status.get()["exitstatus"] == "OK"
    cfg = px.nodes("pve1").qemu(101).config.get()
    assert cfg["name"] == "web1" and int(cfg["memory"]) == 4096
    assert demo.pve.vm(101).status == "running"
    with pytest.raises(ResourceException, match="running"):
        px.nodes("pve1").qemu.post(vmid=100, archive=volid, force=1)


def test_container_restore_keeps_the_config(demo):
    px = proxmox(demo)
    volid = next(i["volid"] for i in backups(px) if i["vmid"] == 200)
    upid = px.nodes("pve2").lxc.post(vmid=250, ostemplate=volid, restore=1, storage="local-lvm")
    assert px.nodes("pve2").tasks(upid).status.get()["exitstatus"] == "OK"
    source = px.nodes("pve1").lxc(200).config.get()
    restored = px.nodes("pve2").lxc(250).config.get()
    for key in ("hostname", "cores", "memory", "swap", "ostype", "arch", "unprivileged", "features"):
        assert str(restored.get(key)) == str(source.get(key)), key
    assert set(restored["tags"].split(";")) == set(source["tags"].split(";"))
    assert restored["rootfs"].startswith("local-lvm:vm-250-disk-") and "size=8G" in restored["rootfs"]
    assert restored["net0"].split("hwaddr=")[0] == source["net0"].split("hwaddr=")[0]


def test_snapshot_with_ram_and_rollback_keeps_the_vm_running(demo):
    px = proxmox(demo)
    vm = px.nodes("pve1").qemu(100)
    upid = vm.snapshot.post(snapname="before_update", description="stable", vmstate=1)
    assert px.nodes("pve1").tasks(upid).status.get()["exitstatus"] == "OK"
    snaps = {s["name"]: s for s in vm.snapshot.get()}
    assert snaps["before_update"]["vmstate"] == 1 and snaps["current"]["parent"] == "before_update"
    upid = vm.snapshot("before_update").rollback.post()
    assert px.nodes("pve1").tasks(upid).status.get()["exitstatus"] == "OK"
    assert demo.pve.vm(100).status == "running"
    upid = vm.snapshot.post(snapname="disk_only")
    upid = vm.snapshot("disk_only").rollback.post()
    assert demo.pve.vm(100).status == "stopped"


def test_snapshot_holds_its_lock_for_a_moment():
    with ServedDemo(time_scale=0.05) as served:
        px = proxmox(served)
        upid = px.nodes("pve1").qemu(100).snapshot.post(snapname="with_ram", vmstate=1)
        seen = set()
        while px.nodes("pve1").tasks(upid).status.get()["status"] == "running":
            seen.add(px.nodes("pve1").qemu(100).config.get().get("lock"))
        assert "snapshot" in seen
        assert served.pve.vm(100).lock is None


def test_listing_holds_the_first_line_of_notes_the_volume_all(demo):
    px = proxmox(demo)
    volid = next(i["volid"] for i in backups(px) if i["vmid"] == 200)
    px.nodes("pve1").storage("nfs-storage").content(volid).put(notes="dns1 nightly\n  before the resolver change\n")
    assert next(i["notes"] for i in backups(px) if i["volid"] == volid) == "dns1 nightly"
    full = px.nodes("pve1").storage("nfs-storage").content(volid).get()["notes"]
    assert full == "dns1 nightly\n  before the resolver change\n"


def test_container_restore_as_new_with_unique_gets_new_macs_and_needs_a_storage(demo):
    px = proxmox(demo)
    volid = next(i["volid"] for i in backups(px) if i["vmid"] == 200)
    # Without `storage` pve-container puts every volume on `local`, which holds no containers here.
    with pytest.raises(ResourceException, match="container directories"):
        px.nodes("pve1").lxc.post(vmid=251, ostemplate=volid, restore=1)
    upid = px.nodes("pve1").lxc.post(vmid=251, ostemplate=volid, restore=1, storage="local-lvm", unique=1)
    assert px.nodes("pve1").tasks(upid).status.get()["exitstatus"] == "OK"
    source = px.nodes("pve1").lxc(200).config.get()["net0"]
    copy = px.nodes("pve1").lxc(251).config.get()["net0"]
    assert copy.split("hwaddr=")[1][:17] != source.split("hwaddr=")[1][:17]
    assert copy.split("hwaddr=")[0] == source.split("hwaddr=")[0]


def test_overwrite_restore_recreates_mount_points_left_out_of_the_backup_empty(demo):
    px = proxmox(demo)
    ct = demo.pve.ct(204)
    ct.config["mp1"] = "local-lvm:vm-204-disk-2,mp=/srv/cache,size=4G"  # no backup=1
    upid = px.nodes("pve3").vzdump.post(vmid=204, storage="nfs-storage")
    assert px.nodes("pve3").tasks(upid).status.get()["exitstatus"] == "OK"
    lines = log_lines(px, "pve3", upid)
    assert "INFO: excluding volume mount point mp1 ('/srv/cache') from backup (disabled)" in lines
    assert "INFO: including mount point mp0 ('/var/lib/postgresql') in backup" in lines
    volid = next(i["volid"] for i in backups(px) if i["vmid"] == 204)
    ct.status = "stopped"
    upid = px.nodes("pve3").lxc.post(vmid=204, ostemplate=volid, restore=1, force=1, storage="local-lvm")
    assert px.nodes("pve3").tasks(upid).status.get()["exitstatus"] == "OK"
    cfg = px.nodes("pve3").lxc(204).config.get()
    assert "mp=/srv/cache" in cfg["mp1"] and "mp=/var/lib/postgresql" in cfg["mp0"]
    assert demo.pve.vt_empty_mounts[204] == {"mp1"}
