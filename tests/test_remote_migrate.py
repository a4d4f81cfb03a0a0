"""Migration between clusters (PVE's remote_migrate): two demo clusters served by one process, the
dialog driven like a user, the result read back from both servers with proxmoxer."""

from __future__ import annotations

import json
import subprocess
import sys
import uuid

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QComboBox, QDialog

from virton_desktop.demo.members import INCOMING_TOKEN, NO_INCOMING_TOKEN
from virton_desktop.demo.peers import LocalPeer, PeerServer, RemotePeer
from virton_desktop.demo.processes import join_remote
from virton_desktop.demo.served import serve_clusters
from virton_desktop.pve import remote
from virton_desktop.pve.client import Credentials, PveClient
from virton_desktop.session import ClusterSession

from conftest import make_session, remember_secret
from helpers import proxmox

FP = ":".join(["ab"] * 32)


@pytest.fixture(params=["one process", "sibling processes"])
def demos(request):
    """Two demo clusters, 'demo' and 'demo-2', that know each other; tasks end before their answer.
    Served by one process, or as by sibling processes (`python -m virton_desktop.demo` on several
    cores: demo/processes.py): each cluster reaches the other through a PeerServer's socket."""
    served = serve_clusters(2, time_scale=0)
    for one in served:
        one.password = one.pve.password = remember_secret("pw-" + uuid.uuid4().hex)
    for _token, secret in (INCOMING_TOKEN, NO_INCOMING_TOKEN):
        remember_secret(secret)   # checked absent from every log line at the end of the run
    servers = []
    if request.param == "sibling processes":
        servers = [PeerServer([one]) for one in served]
        for one in served:
            one.pve.__dict__["_vt_peer_map"] = {(one.host, one.port): LocalPeer(one)}
        for one, other, server in ((served[0], served[1], servers[1]), (served[1], served[0], servers[0])):
            join_remote([one], [{"port": other.port, "fingerprint": other.fingerprint, "address": server.address}])
            assert isinstance(one.pve.vt_peers[(other.host, other.port)], RemotePeer)
    yield served
    for server in servers:
        server.close()
    for one in served:
        one.close()


def _window(qtbot, demos, source_session):
    from virton_desktop.ui.main_window import MainWindow

    w = MainWindow()
    qtbot.addWidget(w)
    with qtbot.waitSignal(w.first_data, timeout=15000):
        w.clusters.add(source_session)
    w.clusters.add(make_session(demos[1], name="demo-2"))
    qtbot.waitUntil(lambda: w.model.row_of(("demo-2", 1100)) >= 0, timeout=15000)
    w.show()
    return w


@pytest.fixture
def xwindow(qtbot, demos):
    w = _window(qtbot, demos, make_session(demos[0]))
    yield w
    for s in w.clusters.sessions():
        s.close()


def open_dialog(qtbot, window, vmid):
    assert window.page.select(("demo", vmid))
    menu = window.page.build_menu()
    action = next(a for a in menu.actions() if a.objectName() == "menu-remote-migrate")
    assert action.isEnabled(), action.toolTip()
    action.trigger()
    dialog = next(d for d in window.findChildren(QDialog, "remoteMigrateDialog") if d.isVisible())
    qtbot.waitUntil(lambda: dialog.vmid_spin.isEnabled() and dialog._targets_bridges is not None
                    and dialog._targets_storages is not None and dialog.config is not None, timeout=10000)
    return dialog


def type_token(dialog, token):
    QTest.keyClicks(dialog.findChild(object, "xmTokenId"), token[0])
    QTest.keyClicks(dialog.findChild(object, "xmTokenSecret"), token[1])


def choose(dialog, name, value):
    box = dialog.findChild(QComboBox, name)
    box.setFocus()
    index = box.findData(value)
    assert index >= 0, [box.itemData(i) for i in range(box.count())]
    box.setCurrentIndex(index)


def test_container_moves_with_mapped_storage_and_bridge_and_the_source_deleted(qtbot, demos, xwindow):
    source, target = proxmox(demos[0]), proxmox(demos[1])
    dialog = open_dialog(qtbot, xwindow, 201)
    assert dialog.findChild(QComboBox, "xmTarget").currentData() == "demo-2"
    assert dialog.node_label.text().startswith("demo-2-pve1")
    assert dialog.fingerprint_label.text().replace("\n", "") == demos[1].fingerprint.upper()
    assert "experimental" in dialog.experimental.text() and "Sys.Incoming" in dialog.experimental.text()
    # The storages and bridges offered are the target's (ssd-pool exists only there).
    box = dialog.findChild(QComboBox, "xmStorage-local-lvm")
    assert "ssd-pool" in [box.itemData(i) for i in range(box.count())]
    assert dialog.vmid_spin.value() == 100         # the target's next free id
    assert not dialog.ok.isEnabled()                # no token yet
    type_token(dialog, INCOMING_TOKEN)
    choose(dialog, "xmStorage-local-lvm", "ssd-pool")
    choose(dialog, "xmBridge-vmbr0", "vmbr1")
    qtbot.mouseClick(dialog.delete_source, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(dialog.ok.isEnabled, timeout=5000)
    with qtbot.waitSignal(dialog.started, timeout=10000) as started:
        qtbot.mouseClick(dialog.ok, Qt.MouseButton.LeftButton)
    upid, cluster, vmid = started.args
    assert (cluster, vmid) == ("demo-2", 100) and ":vzmigrate:201:" in upid
    config = target.nodes("demo-2-pve1").lxc(100).config.get()
    assert config["rootfs"].startswith("ssd-pool:vm-100-disk-0") and "bridge=vmbr1" in config["net0"]
    assert config["hostname"] == "minio-test"
    assert 201 not in [g["vmid"] for g in source.cluster.resources.get(type="vm")]
    # Both sides logged it: the source task, the target's incoming tunnel task.
    log = [line["t"] for line in source.nodes("pve2").tasks(upid).log.get(limit=0)]
    assert any("volume 'local-lvm:vm-201-disk-0' is 'ssd-pool:vm-100-disk-0' on the target" in t for t in log)
    assert log[-1] == "TASK OK"
    assert [t["type"] for t in target.cluster.tasks.get() if t["id"] == "100"] == ["vzmtunnel"]
    # The guest is followed to its new cluster and selected there.
    qtbot.waitUntil(lambda: [i.key for i in xwindow.page.selected()] == [("demo-2", 100)], timeout=15000)


def test_vm_with_a_local_iso_is_blocked_then_moves_and_the_source_stays_locked(qtbot, demos, xwindow):
    source, target = proxmox(demos[0]), proxmox(demos[1])
    dialog = open_dialog(qtbot, xwindow, 101)
    type_token(dialog, INCOMING_TOKEN)
    qtbot.waitUntil(lambda: dialog.blockers.isVisible(), timeout=5000)
    assert "ide2" in dialog.blockers.text() and not dialog.ok.isEnabled()
    dialog.reject()
    source.nodes("pve1").qemu(101).config.put(ide2="none,media=cdrom")
    dialog = open_dialog(qtbot, xwindow, 101)
    type_token(dialog, INCOMING_TOKEN)
    spin = dialog.vmid_spin
    spin.setFocus()
    spin.selectAll()
    QTest.keyClicks(spin, "4242")
    qtbot.waitUntil(lambda: dialog.ok.isEnabled() and spin.value() == 4242, timeout=5000)
    with qtbot.waitSignal(dialog.started, timeout=10000):
        qtbot.mouseClick(dialog.ok, Qt.MouseButton.LeftButton)
    moved = target.nodes("demo-2-pve1").qemu(4242).config.get()
    assert moved["scsi0"].startswith("local-lvm:vm-4242-disk-0") and moved["name"] == "web-staging"
    kept = source.nodes("pve1").qemu(101).config.get()
    assert kept.get("lock") == "migrate"            # QemuMigrate: without delete the source stays, locked
    assert source.nodes("pve1").qemu(101).status.current.get()["status"] == "stopped"


def test_a_target_profile_that_logs_in_with_a_token_lends_it(qtbot, demos):
    from virton_desktop.profiles import TOKEN, Profile
    from virton_desktop.ui.main_window import MainWindow

    target = demos[1]
    w = MainWindow()
    qtbot.addWidget(w)
    try:
        user, token_name = INCOMING_TOKEN[0].split("!")
        profile = Profile("demo-2", ("{0}:{1}".format(target.host, target.port),), user=user.split("@")[0],
                          realm="pam", auth=TOKEN, token_id=token_name)
        w.connections.profiles.save(profile)
        w.connections.secrets.set(profile.id, INCOMING_TOKEN[1], remember=False)
        with qtbot.waitSignal(w.first_data, timeout=15000):
            w.clusters.add(make_session(demos[0]))
        client = PveClient(target.host, target.port, fingerprint=target.fingerprint)
        w.clusters.add(w.clusters.create("demo-2", [client], profile.credentials(INCOMING_TOKEN[1]), profile.id))
        qtbot.waitUntil(lambda: w.model.row_of(("demo-2", 1100)) >= 0, timeout=15000)
        dialog = open_dialog(qtbot, w, 201)
        assert INCOMING_TOKEN[0] in dialog.token_box.note.text()
        assert dialog.findChild(object, "xmTokenSecret") is None   # nothing to type
        qtbot.waitUntil(dialog.ok.isEnabled, timeout=5000)
        assert "apitoken=PVEAPIToken={0}={1}".format(*INCOMING_TOKEN) in dialog.params()["target-endpoint"]
    finally:
        for s in w.clusters.sessions():
            s.close()


def test_a_running_container_moves_in_restart_mode_and_a_typed_token_is_remembered(qtbot, demos):
    from virton_desktop.profiles import Profile
    from virton_desktop.ui.main_window import MainWindow

    target = demos[1]
    w = MainWindow()
    qtbot.addWidget(w)
    try:
        profile = Profile("demo-2", ("{0}:{1}".format(target.host, target.port),))   # a password login
        w.connections.profiles.save(profile)
        with qtbot.waitSignal(w.first_data, timeout=15000):
            w.clusters.add(make_session(demos[0]))
        client = PveClient(target.host, target.port, fingerprint=target.fingerprint)
        w.clusters.add(w.clusters.create("demo-2", [client], Credentials(target.user, password=target.password),
                                         profile.id))
        qtbot.waitUntil(lambda: w.model.row_of(("demo-2", 1100)) >= 0, timeout=15000)
        dialog = open_dialog(qtbot, w, 203)                      # redis, running
        assert dialog.online.isChecked() and "Restart mode" in dialog.online.text()
        type_token(dialog, INCOMING_TOKEN)
        qtbot.mouseClick(dialog.token_box.remember, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(dialog.ok.isEnabled, timeout=5000)
        with qtbot.waitSignal(dialog.started, timeout=10000):
            qtbot.mouseClick(dialog.ok, Qt.MouseButton.LeftButton)
        assert proxmox(target).nodes("demo-2-pve1").lxc(100).status.current.get()["status"] == "running"
        assert proxmox(demos[0]).nodes("pve2").lxc(203).status.current.get()["status"] == "stopped"
        assert w.connections.secrets.get("incoming:" + profile.id) == "=".join(INCOMING_TOKEN)
        again = open_dialog(qtbot, w, 201)
        assert again.findChild(object, "xmTokenId").text() == INCOMING_TOKEN[0]
        assert again.token_box.remember.isChecked()
        again.reject()
    finally:
        for s in w.clusters.sessions():
            s.close()


def test_a_taken_vmid_on_the_target_is_said_on_the_field(qtbot, demos, xwindow):
    dialog = open_dialog(qtbot, xwindow, 201)
    type_token(dialog, INCOMING_TOKEN)
    spin = dialog.vmid_spin
    spin.setFocus()
    spin.selectAll()
    QTest.keyClicks(spin, "1100")                   # a guest of demo-2
    qtbot.waitUntil(lambda: dialog.vmid_issue.isVisible(), timeout=5000)
    assert "1100" in dialog.vmid_issue.text() and not dialog.ok.isEnabled()


def test_a_wrong_token_is_refused_with_pves_words_and_the_input_kept(qtbot, demos, xwindow):
    dialog = open_dialog(qtbot, xwindow, 201)
    type_token(dialog, (INCOMING_TOKEN[0], "0" * 8 + INCOMING_TOKEN[1][8:]))
    choose(dialog, "xmStorage-local-lvm", "ssd-pool")
    qtbot.waitUntil(dialog.ok.isEnabled, timeout=5000)
    qtbot.mouseClick(dialog.ok, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.error.isVisible(), timeout=10000)
    assert "authentication failure" in dialog.error.text()
    assert dialog.isVisible() and dialog.findChild(QComboBox, "xmStorage-local-lvm").currentData() == "ssd-pool"
    assert dialog.findChild(object, "xmTokenId").text() == INCOMING_TOKEN[0]
    assert 201 in [g["vmid"] for g in proxmox(demos[0]).cluster.resources.get(type="vm")]


def test_a_wrong_fingerprint_is_refused_as_pve_refuses_it(demos):
    source, target = demos
    endpoint = remote.Endpoint(target.host, target.port, *INCOMING_TOKEN, fingerprint=FP)
    params = remote.prepare("lxc", endpoint, 300, {"local-lvm": "local-lvm"}, {"vmbr0": "vmbr0"},
                            online=False, delete=False)
    with pytest.raises(Exception) as refused:
        proxmox(source).nodes("pve2").lxc(201).remote_migrate.post(**params)
    assert "fingerprint '{0}' not verified, abort!".format(target.fingerprint.upper()) in str(refused.value)


def test_a_token_without_sys_incoming_fails_the_task_on_the_target_check(qtbot, demos, xwindow):
    dialog = open_dialog(qtbot, xwindow, 201)
    type_token(dialog, NO_INCOMING_TOKEN)
    qtbot.waitUntil(dialog.ok.isEnabled, timeout=5000)
    with qtbot.waitSignal(dialog.started, timeout=10000) as started:
        qtbot.mouseClick(dialog.ok, Qt.MouseButton.LeftButton)
    source = proxmox(demos[0])
    upid = started.args[0]
    assert source.nodes("pve2").tasks(upid).status.get()["exitstatus"] == "migration aborted"
    log = [line["t"] for line in source.nodes("pve2").tasks(upid).log.get(limit=0)]
    assert any("Permission check failed (/, Sys.Incoming)" in t for t in log)
    assert 201 in [g["vmid"] for g in source.cluster.resources.get(type="vm")]
    assert 100 not in [g["vmid"] for g in proxmox(demos[1]).cluster.resources.get(type="vm")]


def test_the_operator_lacks_vm_migrate(qtbot, demos):
    served = demos[0]
    operator = ClusterSession("demo", PveClient(served.host, served.port, fingerprint=served.fingerprint),
                              Credentials("operator@pve", password="operator-demo"))
    w = _window(qtbot, demos, operator)
    try:
        qtbot.waitUntil(lambda: w.clusters.privileges("demo").holds("VM.Audit", "/vms/100", ("team-a",))
                        and not w.clusters.privileges("demo").holds("VM.Migrate", "/vms/100", ("team-a",)),
                        timeout=10000)
        assert w.page.select(("demo", 100))
        action = next(a for a in w.page.build_menu().actions() if a.objectName() == "menu-remote-migrate")
        assert not action.isEnabled() and "VM.Migrate" in action.toolTip()
    finally:
        for s in w.clusters.sessions():
            s.close()


# ------------------------------------------------------------------ Qt-free parts


def test_endpoint_string_is_pves_property_string_and_refuses_injection():
    good = remote.Endpoint("192.0.2.20", 8006, "migrate@pve!incoming", "5f0c8e2a-6d3b", FP)
    assert remote.endpoint_string(good) == (
        "host=192.0.2.20,port=8006,fingerprint={0},apitoken=PVEAPIToken=migrate@pve!incoming=5f0c8e2a-6d3b"
        .format(FP.upper()))
    for bad in (dict(host="pve.example,port=1"), dict(secret="x,host=evil"), dict(token_id="a@pve!t=x"),
                dict(fingerprint="AB:CD"), dict(host="pve example"), dict(port=70000)):
        with pytest.raises(ValueError):
            remote.endpoint_string(remote.Endpoint(**{**good.__dict__, **bad}))
    assert remote.endpoint_string(remote.Endpoint("2001:db8::5", 8006, "a@pam!bb", "s", None)).startswith(
        "host=2001:db8::5,port=8006,apitoken=")


def test_prepare_maps_ids_and_modes():
    endpoint = remote.Endpoint("pve2.example", 8006, "a@pam!bb", "s", FP)
    vm = remote.prepare("qemu", endpoint, 150, {"local-lvm": "ssd"}, {"vmbr0": "vmbr1", "vmbr1": "vmbr1"},
                        online=True, delete=True)
    assert vm["target-storage"] == "local-lvm:ssd" and vm["target-bridge"] == "vmbr0:vmbr1,vmbr1:vmbr1"
    assert vm["online"] == 1 and vm["delete"] == 1 and vm["target-vmid"] == 150
    ct = remote.prepare("lxc", endpoint, 150, {"local-lvm": "ssd"}, {}, online=True, delete=False,
                        fallback_bridge="vmbr0")
    assert ct["restart"] == 1 and "online" not in ct and "delete" not in ct and ct["target-bridge"] == "vmbr0"
    with pytest.raises(ValueError):
        remote.prepare("qemu", endpoint, 150, {"local-lvm": "ssd,x"}, {}, online=False, delete=False,
                       fallback_bridge="vmbr0")


def test_blockers_of_a_vm():
    config = {"scsi0": "local-lvm:vm-1-disk-0,size=8G", "ide2": "local:iso/x.iso,media=cdrom",
              "ide0": "nfs-storage:iso/y.iso,media=cdrom", "parent": "snap1"}
    found = remote.blockers("qemu", config, {"nfs-storage"})
    assert len(found) == 2 and "snapshots" in found[0] and "ide2" in found[1]
    assert [v.key for v in remote.volumes("qemu", config)] == ["scsi0"]


# ------------------------------------------------------------------ the demo's command line


def test_demo_serves_several_clusters_and_describes_each():
    proc = subprocess.Popen([sys.executable, "-m", "virton_desktop.demo", "--clusters", "2", "--time-scale", "0",
                             "--exit-on-stdin-eof"], stdin=subprocess.PIPE, stdout=subprocess.PIPE)
    try:
        info = json.loads(proc.stdout.readline())
    finally:
        proc.stdin.close()
        proc.wait(20)
    assert [c["name"] for c in info["clusters"]] == ["demo", "demo-2"]
    assert info["url"] == info["clusters"][0]["url"] != info["clusters"][1]["url"]
    assert info["clusters"][0]["fingerprint"] != info["clusters"][1]["fingerprint"]


def test_the_targets_tunnel_task_is_named_in_the_task_list():
    from virton_desktop.models.tasks import TaskModel
    from virton_desktop.pve.entities import Task

    upid = "UPID:demo-2-pve1:000003E9:00001B5F:6B133787:qmtunnel:100:root@pam!incoming:"
    task = Task("demo-2", upid, "demo-2-pve1", "qmtunnel", "100", "root@pam!incoming", 1796421511)
    assert TaskModel().type_text(task) == "Incoming migration"


def test_not_offered_with_one_cluster(window):
    assert window.page.select(("demo", 201))
    assert "menu-remote-migrate" not in [a.objectName() for a in window.page.build_menu().actions()]
