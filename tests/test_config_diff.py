"""Config diff: pve/config_diff (pure), ConfigDiffModel (qtmodeltester) and the dialog on the demo:
against a snapshot, against pending changes, against a guest of another demo cluster, identity toggle."""

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMenu, QPushButton

from virton_desktop.demo.served import ServedDemo
from virton_desktop.models.config_diff import ConfigDiffModel
from virton_desktop.pve.config_diff import Change, diff_configs, differences, pending_sides
from virton_desktop.ui.guests.config_diff_dialog import GUEST, PENDING, SNAPSHOT, ConfigDiffDialog

from conftest import make_session
from helpers import proxmox

LEFT = {"name": "web1", "memory": 2048, "net0": "virtio=BC:24:11:00:00:01,bridge=vmbr0,firewall=1",
        "scsi0": "local-lvm:vm-100-disk-0,iothread=1,size=32G", "vmgenid": "aaa", "smbios1": "uuid=1111",
        "description": "a=b,c", "digest": "x"}
RIGHT = {"name": "web2", "memory": 4096, "net0": "virtio=BC:24:11:00:00:02,bridge=vmbr1,firewall=1",
         "scsi0": "local-lvm:vm-101-disk-0,iothread=1,size=32G", "vmgenid": "bbb", "smbios1": "uuid=2222",
         "description": "a=b,c", "agent": 1}


def by_key(diffs):
    return {d.key: d for d in diffs}


def test_changed_added_removed_and_same():
    d = by_key(diff_configs(LEFT, RIGHT))
    assert d["memory"].change is Change.CHANGED and not d["memory"].identity
    assert d["agent"].change is Change.ADDED
    assert d["digest"].change is Change.REMOVED and d["digest"].identity
    assert d["description"].change is Change.SAME and d["description"].parts == ()  # free text: never split


def test_an_option_string_shows_the_part_that_changed():
    net = by_key(diff_configs(LEFT, RIGHT))["net0"]
    changed = {p.part: (p.left, p.right, p.identity) for p in net.changed_parts}
    assert changed == {"bridge": ("vmbr0", "vmbr1", False), "macaddr": ("BC:24:11:00:00:01", "BC:24:11:00:00:02", True)}
    assert not net.identity  # the bridge is a real difference


def test_identity_keys_between_two_guests():
    d = by_key(diff_configs(LEFT, RIGHT))
    for key in ("name", "vmgenid", "smbios1", "scsi0"):
        assert d[key].identity, key
    shown = [x.key for x in differences(diff_configs(LEFT, RIGHT), hide_identity=True)]
    assert shown == ["agent", "memory", "net0"]


def test_a_volume_on_another_storage_is_no_identity():
    d = diff_configs({"scsi0": "local-lvm:vm-100-disk-0,size=8G"}, {"scsi0": "ceph:vm-101-disk-0,size=8G"})[0]
    assert d.change is Change.CHANGED and not d.identity


def test_container_nic_mac_is_identity():
    d = diff_configs({"net0": "name=eth0,bridge=vmbr0,hwaddr=AA"}, {"net0": "name=eth0,bridge=vmbr0,hwaddr=BB"},
                     container=True)[0]
    assert d.identity and [p.part for p in d.changed_parts] == ["hwaddr"]


def test_natural_key_order():
    keys = [d.key for d in diff_configs({"net10": 1, "net2": 1, "memory": 1}, {})]
    assert keys == ["memory", "net2", "net10"]


def test_pending_sides():
    items = [{"key": "memory", "value": 2048, "pending": 4096}, {"key": "cores", "value": 2},
             {"key": "agent", "value": 1, "delete": 1}, {"key": "tags", "pending": "new"}]
    now, then = pending_sides(items)
    assert now == {"memory": 2048, "cores": 2, "agent": 1}
    assert then == {"memory": 4096, "cores": 2, "tags": "new"}


def test_model_passes_qtmodeltester(qtmodeltester):
    model = ConfigDiffModel()
    model.set_diffs(diff_configs(LEFT, RIGHT))
    qtmodeltester.check(model)
    model.set_filters(False, True)
    qtmodeltester.check(model)
    assert "name" not in model.keys() and "description" in model.keys()


# ------------------------------------------------------------------ the dialog, on the demo


def diff_dialog(qtbot, window, vmid, cluster="demo"):
    inst = window.model.get((cluster, vmid))
    dialog = ConfigDiffDialog(window.clusters, inst, window.model.all_instances, window)
    qtbot.addWidget(dialog)
    return dialog


def wait_rows(qtbot, dialog, key):
    qtbot.waitUntil(lambda: key in dialog.model.keys(), timeout=10000)
    return dialog.model.diff(dialog.model.index_of(key).row())


def test_against_a_snapshot(qtbot, window, demo):
    server = proxmox(demo)  # 101 is stopped: its config changes at once
    server.nodes("pve1").qemu(101).snapshot.post(snapname="before")
    net0 = server.nodes("pve1").qemu(101).config.get()["net0"]
    server.nodes("pve1").qemu(101).config.put(memory=8192, net0=net0.replace("bridge=vmbr0", "bridge=vmbr1"))
    dialog = diff_dialog(qtbot, window, 101)
    qtbot.waitUntil(lambda: dialog.snapshot.count() == 1, timeout=10000)
    assert dialog.mode.currentData() == SNAPSHOT
    memory = wait_rows(qtbot, dialog, "memory")
    assert memory.change is Change.CHANGED and memory.right == "8192"  # the snapshot left, now right
    net = dialog.model.diff(dialog.model.index_of("net0").row())
    assert [(p.part, p.left, p.right) for p in net.changed_parts] == [("bridge", "vmbr0", "vmbr1")]
    assert "bridge: vmbr0 → vmbr1" in dialog.model.parts_text(net)
    assert "snaptime" in dialog.model.keys()  # the snapshot's own keys are identity
    dialog.hide_identity.click()
    assert "snaptime" not in dialog.model.keys() and "memory" in dialog.model.keys()


def test_against_pending_changes(qtbot, window, demo):
    server = proxmox(demo)
    server.nodes("pve1").qemu(100).config.put(cores=7)  # a running VM: the change waits for the next start
    dialog = diff_dialog(qtbot, window, 100)
    dialog.mode.setCurrentIndex(dialog.mode.findData(PENDING))
    cores = wait_rows(qtbot, dialog, "cores")
    assert cores.right == "7" and cores.change in (Change.CHANGED, Change.ADDED)


def test_the_menu_has_the_entry(qtbot, window):
    menu = QMenu()
    for extend in window.page.menu_extenders:
        extend(menu, [window.model.get(("demo", 100))])
    entry = next(a for a in menu.actions() if a.objectName() == "menu-compare-config")
    entry.trigger()
    assert window.compare_dialog.inst.vmid == 100
    window.compare_dialog.close()


@pytest.fixture
def second():
    with ServedDemo(time_scale=0, index=1) as served:
        yield served


def test_against_a_guest_in_another_cluster(qtbot, window, second):
    other = make_session(second, name=second.name)
    with qtbot.waitSignal(other.instances_polled, timeout=15000):
        window.clusters.add(other)
    qtbot.waitUntil(lambda: any(g.cluster == second.name for g in window.model.all_instances()), timeout=15000)
    dialog = diff_dialog(qtbot, window, 100)
    dialog.mode.setCurrentIndex(dialog.mode.findData(GUEST))
    dialog.cluster.setCurrentIndex(dialog.cluster.findData(second.name))
    vm = next(i for i in range(dialog.other.count()) if dialog.other.itemData(i).type == "qemu")
    dialog.other.setCurrentIndex(vm)
    target = dialog.other.currentData()
    assert target.cluster == second.name
    qtbot.waitUntil(lambda: dialog.model.diff(dialog.model.index_of("name").row()) is not None
                    and dialog.model.diff(dialog.model.index_of("name").row()).right == target.name, timeout=10000)
    name = dialog.model.diff(dialog.model.index_of("name").row())
    assert name.identity and name.right == target.name
    assert second.name in dialog.model.headerData(2, Qt.Orientation.Horizontal)
    dialog.hide_identity.setChecked(True)
    assert "name" not in dialog.model.keys()


def test_the_guest_page_has_a_compare_button(qtbot, window):
    window.open_detail(window.model.get(("demo", 102)))
    page = window.detail or next(iter(window.detail_windows.values()))
    button = page.findChild(QPushButton, "detailCompareConfig")
    assert button.isEnabled()
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    assert window.compare_dialog.inst.vmid == 102
    window.compare_dialog.close()
