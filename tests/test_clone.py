"""Clone and Convert to template through the widgets, against the demo, checked with proxmoxer.

The demo (demo/clone.py) has VM template 9000 on local-lvm (LVM-thin: linked clones), 9001 on
san-lvm (plain LVM: none), 9002 on nfs-vm (qcow2 files: linked, and formats for full clones) and
container template 9100 on local-lvm.
"""

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from virton_desktop.demo.access import demo_credentials
from virton_desktop.pve import clone as pc
from virton_desktop.pve.client import Credentials, PveClient
from virton_desktop.session import ClusterSession
from virton_desktop.ui.lifecycle.clone_dialog import CloneDialog
from virton_desktop.ui.main_window import MainWindow

from conftest import remember_secret
from helpers import proxmox, unnamed_widgets


def _inst(window, vmid):
    return window.model.get(("demo", vmid))


def _open(qtbot, window, vmid) -> CloneDialog:
    # As a user would: the login's privileges are known by then (while they are not, the one pool
    # is preselected, which would put root's clone into team-a).
    qtbot.waitUntil(lambda: window.clusters.permissions.known(_inst(window, vmid).cluster), timeout=10000)
    dialog = window.lifecycle.open_clone(_inst(window, vmid))
    qtbot.waitUntil(lambda: dialog.ok.isEnabled(), timeout=10000)
    return dialog


def _type(widget, text):
    widget.clear()
    QTest.keyClicks(widget, text)


def _choose(combo, data):
    index = combo.findData(data)
    assert index >= 0, (data, [combo.itemData(i) for i in range(combo.count())])
    combo.setCurrentIndex(index)


def _clone(qtbot, window, dialog, newid):
    """Type the id, send, wait for the task to end and the new guest to be selected in the list."""
    _type(dialog.vmid, str(newid))
    qtbot.waitUntil(lambda: dialog.ok.isEnabled(), timeout=10000)
    with qtbot.waitSignal(dialog.cloned, timeout=20000) as got:
        qtbot.mouseClick(dialog.ok, Qt.MouseButton.LeftButton)
    assert got.args[0] == ("demo", newid)
    qtbot.waitUntil(lambda: [i.vmid for i in window.page.selected()] == [newid], timeout=15000)


def test_full_clone_of_a_vm_to_another_storage_with_a_format(qtbot, window, demo):
    dialog = _open(qtbot, window, 101)
    assert unnamed_widgets(dialog) == []
    assert dialog.mode.currentData() == "full" and "only from templates" in dialog.messages["mode"].text()
    assert dialog.vmid.text().isdigit()  # the server's next free id, prefilled
    _type(dialog.name, "web-staging-copy")
    qtbot.waitUntil(lambda: dialog.storage.findData("nfs-vm") >= 0, timeout=10000)
    _choose(dialog.storage, "nfs-vm")
    assert dialog.format.isEnabled() and dialog.format.currentData() == "qcow2"
    _choose(dialog.format, "vmdk")
    _clone(qtbot, window, dialog, 150)
    config = proxmox(demo).nodes("pve1").qemu(150).config.get()
    assert config["name"] == "web-staging-copy"
    assert config["scsi0"].startswith("nfs-vm:150/vm-150-disk-0.vmdk")
    assert "lock" not in config
    # The source keeps its disk; the copy's log has qemu-img's progress lines.
    assert proxmox(demo).nodes("pve1").qemu(101).config.get()["scsi0"].startswith("local-lvm:vm-101-disk-0")
    upid = next(t["upid"] for t in proxmox(demo).nodes("pve1").tasks.get() if t["type"] == "qmclone")
    log = [line["t"] for line in proxmox(demo).nodes("pve1").tasks(upid).log.get()]
    assert any(pc.parse_transfer(line) for line in log)


def test_linked_clone_of_a_template_references_its_base_volume(qtbot, window, demo):
    dialog = _open(qtbot, window, 9002)
    assert dialog.mode.currentData() == "linked"  # PVE's default for a template that can
    assert not dialog.storage.isEnabled() and not dialog.format.isEnabled()
    _clone(qtbot, window, dialog, 151)
    config = proxmox(demo).nodes("pve3").qemu(151).config.get()
    assert config["scsi0"].startswith("nfs-vm:9002/base-9002-disk-0.qcow2/151/vm-151-disk-0.qcow2")
    assert config["name"] == "Copy-of-VM-ubuntu-24-nfs"
    assert "template" not in config


def test_container_clone_with_hostname_and_pool(qtbot, window, demo):
    dialog = _open(qtbot, window, 9100)
    assert dialog.name.accessibleName() == "Hostname" and not dialog.format.isVisibleTo(dialog)
    _type(dialog.name, "ct-from-template")
    qtbot.waitUntil(lambda: dialog.pool.findData("team-a") >= 0, timeout=10000)
    dialog.pool.setCurrentIndex(dialog.pool.findData("team-a"))
    _clone(qtbot, window, dialog, 152)
    px = proxmox(demo)
    config = px.nodes("pve1").lxc(152).config.get()
    assert config["hostname"] == "ct-from-template"
    assert config["rootfs"].startswith("local-lvm:vm-152-disk-0")
    assert any(str(m.get("vmid")) == "152" for m in px.pools("team-a").get()["members"])


def test_linked_clone_is_not_offered_on_plain_lvm_and_says_why(qtbot, window):
    dialog = _open(qtbot, window, 9001)
    assert dialog.mode.currentData() == "full"
    assert not dialog.mode.model().item(1).isEnabled()
    text = dialog.messages["mode"].text()
    assert "san-lvm" in text and "lvm" in text and "cannot make linked clones" in text
    dialog.mode.setCurrentIndex(1)  # forced anyway: refused before sending
    assert not dialog.ok.isEnabled()


def test_a_taken_vmid_is_refused_live(qtbot, window):
    dialog = _open(qtbot, window, 101)
    _type(dialog.vmid, "100")
    qtbot.waitUntil(lambda: "already in use" in dialog.messages["vmid"].text(), timeout=10000)
    assert not dialog.ok.isEnabled()
    _type(dialog.vmid, "12x")
    assert "number" in dialog.messages["vmid"].text() and not dialog.ok.isEnabled()


def test_another_node_needs_shared_volumes(qtbot, window):
    dialog = _open(qtbot, window, 101)  # on local-lvm and a local ISO
    _choose(dialog.node, "pve2")
    assert "not shared" in dialog.messages["target"].text() and not dialog.ok.isEnabled()
    _choose(dialog.node, "pve1")
    qtbot.waitUntil(lambda: dialog.ok.isEnabled(), timeout=10000)


def test_server_errors_are_shown_on_their_fields_and_the_input_stays(qtbot, window, demo):
    dialog = _open(qtbot, window, 101)
    _type(dialog.name, "copy-a")
    demo.pve.vt_answer("POST", "/nodes/pve1/qemu/101/clone",
                       {"data": None, "errors": {"name": "value does not match the regex pattern"}}, status=400)
    qtbot.mouseClick(dialog.ok, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "regex" in dialog.messages["name"].text(), timeout=10000)
    assert dialog.name.text() == "copy-a" and dialog.isVisible()
    demo.pve.vt_heal()
    QTest.keyClicks(dialog.name, "b")  # an edit clears the server's message
    assert "regex" not in dialog.messages["name"].text()


def test_convert_a_vm_to_template_confirmed_and_followed(qtbot, window, demo):
    asked = []
    window.lifecycle.confirm = lambda inst: asked.append(inst.vmid) or True
    menu = window.page.build_menu() if window.page.select(("demo", 112)) else None
    entry = next(a for a in menu.actions() if a.objectName() == "menu-template")
    assert entry.isEnabled()
    with qtbot.waitSignal(window.lifecycle.succeeded, timeout=15000):
        entry.trigger()
    assert asked == [112]
    config = proxmox(demo).nodes("pve2").qemu(112).config.get()
    assert config["template"] == 1 and config["scsi0"].startswith("local-lvm:base-112-disk-0")


def test_convert_a_container_answers_no_task_and_the_list_shows_it(qtbot, window, demo):
    window.lifecycle.confirm = lambda inst: True
    with qtbot.waitSignal(window.lifecycle.started, timeout=10000) as got:
        window.lifecycle.convert(_inst(window, 201))
    assert "when done" in got.args[0]
    qtbot.waitUntil(lambda: _inst(window, 201).template, timeout=15000)
    assert proxmox(demo).nodes("pve2").lxc(201).config.get()["rootfs"].startswith("local-lvm:base-201-disk-0")


def test_convert_is_refused_in_words_for_running_guests_and_ones_with_snapshots(qtbot, window, demo):
    window.page.select(("demo", 100))
    entry = next(a for a in window.page.build_menu().actions() if a.objectName() == "menu-template")
    assert not entry.isEnabled() and "running" in entry.toolTip()
    proxmox(demo).nodes("pve1").qemu(101).snapshot.post(snapname="before")
    window.lifecycle.confirm = lambda inst: pytest.fail("no confirmation for a refused conversion")
    with qtbot.waitSignal(window.lifecycle.failed, timeout=10000) as got:
        window.lifecycle.convert(_inst(window, 101))
    assert "snapshots" in got.args[0]
    assert "template" not in proxmox(demo).nodes("pve1").qemu(101).config.get()


@pytest.fixture
def operator_window(qtbot, demo):
    creds = demo_credentials("operator", demo.password)
    remember_secret(creds["password"])
    session = ClusterSession("demo", PveClient(demo.host, demo.port, fingerprint=demo.fingerprint),
                             Credentials(**creds))
    window = MainWindow()
    qtbot.addWidget(window)
    with qtbot.waitSignal(window.first_data, timeout=15000):
        window.clusters.add(session)
    window.show()
    qtbot.waitUntil(lambda: window.clusters.permissions.known("demo"), timeout=10000)
    yield window
    for s in window.clusters.sessions():
        s.close()


def test_operator_sees_clone_and_template_disabled_with_the_privilege_named(qtbot, operator_window, demo):
    window = operator_window
    assert window.page.select(("demo", 101))
    actions = {a.objectName(): a for a in window.page.build_menu().actions()}
    clone, template = actions["menu-clone"], actions["menu-template"]
    assert not clone.isEnabled() and clone.toolTip() == "You lack VM.Clone on /vms/101 (or its pool)"
    assert not template.isEnabled() and template.toolTip() == "You lack VM.Allocate on /vms/101 (or its pool)"
    # What PVE itself answers the operator (an independent client, same login).
    from proxmoxer import ProxmoxAPI
    creds = demo_credentials("operator", demo.password)
    px = ProxmoxAPI(demo.host, port=demo.port, user=creds["user"], password=creds["password"],
                    verify_ssl=demo.cafile)
    with pytest.raises(Exception, match="403"):
        px.nodes("pve1").qemu(101).clone.post(newid=160)


def test_a_full_clone_takes_time_shows_its_copy_progress_and_locks_the_new_guest(qtbot):
    """At a time scale where the copy takes a few real seconds: the dialog's bar follows qemu-img's
    lines, the new VM holds `lock: clone` meanwhile (qemu-server), and the source stays unlocked."""
    from virton_desktop.demo.served import ServedDemo

    from conftest import make_session

    with ServedDemo(time_scale=0.25) as served:
        served.password = served.pve.password = remember_secret("pw-progress-test")
        window = MainWindow()
        qtbot.addWidget(window)
        with qtbot.waitSignal(window.first_data, timeout=15000):
            window.clusters.add(make_session(served))
        window.show()
        dialog = _open(qtbot, window, 101)
        _type(dialog.vmid, "170")
        qtbot.waitUntil(lambda: dialog.ok.isEnabled(), timeout=10000)
        qtbot.mouseClick(dialog.ok, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: 0 < dialog.progress.value() < 1000, timeout=15000)
        assert "%" in dialog.progress.format() and "GiB" in dialog.progress.format()
        px = proxmox(served)
        assert px.nodes("pve1").qemu(170).config.get().get("lock") == "clone"
        assert "lock" not in px.nodes("pve1").qemu(101).config.get()
        with qtbot.waitSignal(dialog.cloned, timeout=30000):
            pass
        assert "lock" not in px.nodes("pve1").qemu(170).config.get()
        qtbot.waitUntil(lambda: [i.vmid for i in window.page.selected()] == [170], timeout=15000)
        for s in window.clusters.sessions():
            s.close()


def test_clone_from_a_snapshot_sends_only_what_was_chosen(qtbot, window, demo):
    proxmox(demo).nodes("pve1").qemu(101).snapshot.post(snapname="before-upgrade")
    dialog = _open(qtbot, window, 101)
    qtbot.waitUntil(lambda: dialog.snapshot.findData("before-upgrade") >= 0, timeout=10000)
    assert dialog.snapshot.isVisibleTo(dialog)
    _choose(dialog.snapshot, "before-upgrade")
    _clone(qtbot, window, dialog, 153)
    sent = [form for method, path, form in demo.pve.vt_writes if path == "/nodes/pve1/qemu/101/clone"]
    assert sent == [{"newid": "153", "full": "1", "snapname": "before-upgrade"}]
    assert proxmox(demo).nodes("pve1").qemu(153).config.get()["name"] == "Copy-of-VM-web-staging"
