"""The settings dialog against the demo cluster: changes land on the server, a stale digest is
reported without losing input, pending changes offer a reboot, NICs and disk growth."""

import pytest
from PySide6.QtTest import QTest

from virton_desktop.pve import config as C

from helpers import api, make_model, open_page


@pytest.fixture
def model(session):
    return make_model(session)


def _open(qtbot, page):
    dialog = page.open_settings()  # a child of the page, deleted when closed
    if not dialog.config:
        with qtbot.waitSignal(dialog.loaded, timeout=10000):
            pass
    return dialog


def _save(qtbot, dialog):
    with qtbot.waitSignal(dialog.saved, timeout=15000) as got:
        dialog.save_button.click()
    return got.args[0]


def test_cores_and_memory_land_on_the_server(qtbot, session, model):
    page = open_page(qtbot, session, model, 101)  # stopped: applied at once
    dialog = _open(qtbot, page)
    assert (dialog.cores.value(), dialog.memory.value(), dialog.sockets.value()) == (2, 2048, 1)
    dialog.cores.setValue(4)
    dialog.sockets.setValue(2)
    dialog.memory.setValue(3072)
    assert dialog.vcpu_label.text() == "8"
    assert _save(qtbot, dialog) == []
    cfg = api(qtbot, session, "GET", "/nodes/pve1/qemu/101/config")
    assert (int(cfg["cores"]), int(cfg["sockets"]), int(cfg["memory"])) == (4, 2, 3072)
    qtbot.waitUntil(lambda: page.resources.text("cores") == "4", timeout=10000)
    assert page.resources.text("vcpus") == "8"


def test_only_changed_values_are_sent(qtbot, session, model):
    page = open_page(qtbot, session, model, 101)
    dialog = _open(qtbot, page)
    assert dialog.changes() == ({}, [], [])
    dialog.cpu_type.setCurrentText("host")
    put, deletes, grows = dialog.changes()
    assert put == {"cpu": "host"} and not deletes and not grows


def test_running_guest_changes_are_pending_and_a_reboot_is_offered(qtbot, session, model):
    page = open_page(qtbot, session, model, 102)
    asked = []
    page.ask_reboot = lambda pending: asked.append([p.key for p in pending]) or False
    dialog = _open(qtbot, page)
    dialog.memory.setValue(20480)
    pending = _save(qtbot, dialog)
    assert [p.key for p in pending] == ["memory"]
    assert asked == [["memory"]]
    items = C.pending_changes(api(qtbot, session, "GET", "/nodes/pve1/qemu/102/pending"))
    assert [(p.key, str(p.pending)) for p in items] == [("memory", "20480")]
    qtbot.waitUntil(lambda: "after restart" in page.resources.text("memory"), timeout=10000)


def test_stale_digest_reports_a_conflict_and_keeps_the_input(qtbot, session, model):
    page = open_page(qtbot, session, model, 101)
    dialog = _open(qtbot, page)
    dialog.cores.setValue(6)
    dialog.memory.setValue(4096)
    # Someone else changes the guest between load and save.
    api(qtbot, session, "PUT", "/nodes/pve1/qemu/101/config", {"description": "changed elsewhere"})
    with qtbot.waitSignal(dialog.failed, timeout=10000) as got:
        dialog.save_button.click()
    assert "changed by someone else" in got.args[0]
    assert dialog.isVisible() and dialog.message.isVisible()
    assert (dialog.cores.value(), dialog.memory.value()) == (6, 4096)  # input kept
    assert dialog.reload_button.isVisible() and dialog.save_button.isEnabled()
    cfg = api(qtbot, session, "GET", "/nodes/pve1/qemu/101/config")
    assert int(cfg["cores"]) == 2  # nothing overwritten
    # Reload takes the new digest and keeps the user's changes on top; saving again works.
    with qtbot.waitSignal(dialog.loaded, timeout=10000):
        dialog.reload_button.click()
    assert (dialog.cores.value(), dialog.memory.value()) == (6, 4096)
    _save(qtbot, dialog)
    cfg = api(qtbot, session, "GET", "/nodes/pve1/qemu/101/config")
    assert (int(cfg["cores"]), int(cfg["memory"])) == (6, 4096) and cfg["description"] == "changed elsewhere"


def test_reload_after_a_conflict_does_not_overwrite_the_other_change(qtbot, session, model):
    page = open_page(qtbot, session, model, 101)
    dialog = _open(qtbot, page)
    dialog.cores.setValue(3)
    net0 = dialog.nic_rows[0]
    net0.vlan.setValue(99)
    api(qtbot, session, "PUT", "/nodes/pve1/qemu/101/config", {"memory": 6144})  # someone else
    with qtbot.waitSignal(dialog.failed, timeout=10000):
        dialog.save_button.click()
    with qtbot.waitSignal(dialog.loaded, timeout=10000):
        dialog.reload_button.click()
    assert dialog.memory.value() == 6144  # theirs, shown
    assert dialog.cores.value() == 3 and dialog.nic_rows[0].vlan.value() == 99  # mine, kept
    _save(qtbot, dialog)
    cfg = api(qtbot, session, "GET", "/nodes/pve1/qemu/101/config")
    assert (int(cfg["cores"]), int(cfg["memory"])) == (3, 6144)
    assert C.parse_nic("net0", cfg["net0"]).tag == 99


def test_memory_warning_below_512(qtbot, session, model):
    page = open_page(qtbot, session, model, 101)
    dialog = _open(qtbot, page)
    dialog.show()
    assert not dialog.memory_warning.isVisible()
    dialog.memory.setValue(256)
    assert dialog.memory_warning.isVisible()


def test_add_edit_remove_network_interfaces(qtbot, session, model):
    page = open_page(qtbot, session, model, 101)
    dialog = _open(qtbot, page)
    qtbot.waitUntil(lambda: "vmbr1" in dialog.bridges, timeout=10000)
    (net0,) = dialog.nic_rows
    net0.vlan.setValue(25)
    new = dialog.add_nic()
    assert new.nic.key == "net1"
    new.bridge.setCurrentText("vmbr1")
    new.vlan.setValue(77)
    new.model.setCurrentText("e1000")
    _save(qtbot, dialog)
    cfg = api(qtbot, session, "GET", "/nodes/pve1/qemu/101/config")
    nics = {n.key: n for n in C.nics(cfg)}
    assert nics["net0"].tag == 25 and nics["net0"].firewall
    assert (nics["net1"].bridge, nics["net1"].tag, nics["net1"].model) == ("vmbr1", 77, "e1000")
    qtbot.waitUntil(lambda: [r[0] for r in page.network.rows] == ["net0", "net1"], timeout=10000)
    dialog = _open(qtbot, page)
    dialog.remove_nic(dialog.nic_rows[1])
    assert dialog.changes()[1] == ["net1"]
    _save(qtbot, dialog)
    cfg = api(qtbot, session, "GET", "/nodes/pve1/qemu/101/config")
    assert "net1" not in cfg


def test_grow_a_vm_disk(qtbot, session, model):
    page = open_page(qtbot, session, model, 101)
    dialog = _open(qtbot, page)
    assert set(dialog.disk_spins) == {"scsi0"}  # the CD drive cannot grow
    dialog.disk_spins["scsi0"].setValue(8)
    _save(qtbot, dialog)
    qtbot.waitUntil(lambda: "size=40G" in api(qtbot, session, "GET", "/nodes/pve1/qemu/101/config")["scsi0"],
                    timeout=10000)
    qtbot.waitUntil(lambda: {r[0]: r[4] for r in page.disks.rows}.get("scsi0") == "40 GiB", timeout=10000)


def test_container_cores_memory_swap_and_rootfs(qtbot, session, model):
    page = open_page(qtbot, session, model, 201)  # stopped container
    dialog = _open(qtbot, page)
    assert not dialog.sockets.isVisibleTo(dialog) and dialog.container
    dialog.cores.setValue(3)
    dialog.memory.setValue(3072)
    dialog.swap.setValue(1024)
    dialog.disk_spins["rootfs"].setValue(4)
    _save(qtbot, dialog)
    cfg = api(qtbot, session, "GET", "/nodes/pve2/lxc/201/config")
    assert (int(cfg["cores"]), int(cfg["memory"]), int(cfg["swap"])) == (3, 3072, 1024)
    qtbot.waitUntil(lambda: "size=36G" in api(qtbot, session, "GET", "/nodes/pve2/lxc/201/config")["rootfs"],
                    timeout=10000)


def test_server_refusal_is_worded_and_input_kept(qtbot, session, model, demo):
    page = open_page(qtbot, session, model, 101)
    dialog = _open(qtbot, page)
    dialog.cores.setValue(5)
    demo.pve.lose_quorum()
    with qtbot.waitSignal(dialog.failed, timeout=10000) as got:
        dialog.save_button.click()
    demo.pve.regain_quorum()
    assert "quorum" in got.args[0]
    assert dialog.cores.value() == 5 and not dialog.reload_button.isVisible()


def test_a_disk_grow_counts_as_saved_only_when_its_task_ended_ok(qtbot, session, model, demo):
    page = open_page(qtbot, session, model, 101)
    dialog = _open(qtbot, page)
    dialog.disk_spins["scsi0"].setValue(8)
    # The resize is answered with the id of a task that then fails (PVE: the storage is full).
    failed = next(u for u, t in demo.pve.tasks.items() if t.get("status") == "stopped"
                  and str(t.get("exitstatus", "OK")) not in ("OK",) and not str(t["exitstatus"]).startswith("WARN"))
    demo.pve.vt_answer("PUT", "/nodes/pve1/qemu/101/resize", {"data": failed})
    accepted = []
    dialog.accepted.connect(lambda: accepted.append(True))
    dialog.save()
    qtbot.waitUntil(lambda: not dialog._busy, timeout=15000)
    assert not accepted and dialog.save_button.isEnabled()
    assert dialog.message.text()  # the task's failure, in words; the input is kept
    assert dialog.disk_spins["scsi0"].value() == 8
    demo.pve.vt_heal()


def _raw(demo, vmid):
    return next(g for g in list(demo.pve.vms) + list(demo.pve.cts) if g.vmid == vmid)


def _type_vlan(qtbot, row, tag):
    row.vlan.lineEdit().selectAll()
    QTest.keyClicks(row.vlan.lineEdit(), str(tag))


@pytest.mark.parametrize("vmid, node, kind, net0", [
    (101, "pve1", "qemu", "virtio=BC:24:11:00:01:01,firewall=1"),  # user-mode (NAT) networking
    (201, "pve2", "lxc", "name=eth0,hwaddr=BC:24:11:00:02:01,ip=dhcp,type=veth"),  # an unattached veth
])
def test_a_nic_without_a_bridge_keeps_none(qtbot, session, model, demo, vmid, node, kind, net0):
    """PVE lets a NIC have no bridge; an edit of its VLAN must not attach it to the first bridge
    (PVE's own editor would: its bridge field may not be blank)."""
    _raw(demo, vmid).config["net0"] = net0
    page = open_page(qtbot, session, model, vmid)
    dialog = _open(qtbot, page)
    qtbot.waitUntil(lambda: bool(dialog.bridges), timeout=10000)
    row = dialog.nic_rows[0]
    assert row.bridge.currentText() == "" and row.bridge.lineEdit().placeholderText()
    assert dialog.changes() == ({}, [], [])
    _type_vlan(qtbot, row, 7)
    _save(qtbot, dialog)
    nic = C.nics(api(qtbot, session, "GET", "/nodes/{0}/{1}/{2}/config".format(node, kind, vmid)),
                 container=kind == "lxc")[0]
    assert (nic.bridge, nic.tag, nic.mac) == ("", 7, net0.split("=", 2)[1 if kind == "qemu" else 2].split(",")[0])


def test_clearing_a_bridge_is_refused(qtbot, session, model, demo):
    """A NIC loaded with a bridge needs one: an emptied bridge field is an input problem, nothing is sent."""
    page = open_page(qtbot, session, model, 101)
    dialog = _open(qtbot, page)
    row = dialog.nic_rows[0]
    assert row.bridge.currentText()
    row.bridge.lineEdit().clear()
    before = len(demo.pve.vt_writes)
    dialog.save_button.click()
    assert dialog.message.isVisibleTo(dialog) and "bridge" in dialog.message.text().lower()
    assert len(demo.pve.vt_writes) == before
