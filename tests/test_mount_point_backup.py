"""New container mount points are backed up (issue 15, item 3).

PVE's vzdump leaves a container volume out unless it has `backup=1` (pve-container
`mountpoint_backup_enabled`) and logs "excluding volume mount point mp0 ('/data') from backup
(disabled)"; the demo does the same, and our wizard sends `backup=1` like PVE's editor does.
"""

import pytest
from proxmoxer import ProxmoxAPI

from virton_desktop.demo import ServedDemo
from virton_desktop.pve import create


@pytest.fixture
def px():
    with ServedDemo(time_scale=0) as served:
        yield ProxmoxAPI(served.host, port=served.port, user=served.user, password=served.password,
                         verify_ssl=served.cafile)


def _backup_log(px, vmid, node):
    upid = px.nodes(node).vzdump.post(vmid=vmid, storage="nfs-storage", mode="snapshot", compress="zstd")
    assert px.nodes(node).tasks(upid).status.get()["exitstatus"] == "OK"
    return [line["t"] for line in px.nodes(node).tasks(upid).log.get(start=0, limit=5000)]


def test_vzdump_excludes_mount_points_without_backup_flag(px):
    ct = px.nodes("pve3").lxc(208)
    ct.config.put(mp0="local-lvm:4,mp=/data", mp1="local-lvm:2,mp=/keep,backup=1", mp2="/srv/shared,mp=/shared")
    log = _backup_log(px, 208, "pve3")
    assert "INFO: including mount point rootfs ('/') in backup" in log
    assert "INFO: excluding volume mount point mp0 ('/data') from backup (disabled)" in log
    assert "INFO: including mount point mp1 ('/keep') in backup" in log
    assert "INFO: excluding bind mount point mp2 ('/shared') from backup (not a volume)" in log


def test_wizard_mount_points_carry_the_backup_flag(px):
    spec = create.CtSpec(node="pve3", vmid=321, hostname="data-ct", password="Sup3r-secret!",
                         ostemplate="local:vztmpl/debian-12-standard_12.7-1_amd64.tar.zst",
                         mounts=[create.CtMount(storage="local-lvm", size_gib=4, path="/data")])
    params = create.ct_params(spec)
    assert params["mp0"] == "local-lvm:4,mp=/data,backup=1"
    upid = px.nodes("pve3").lxc.post(**params)
    assert px.nodes("pve3").tasks(upid).status.get()["exitstatus"] == "OK"
    log = _backup_log(px, 321, "pve3")
    assert "INFO: including mount point mp0 ('/data') in backup" in log
