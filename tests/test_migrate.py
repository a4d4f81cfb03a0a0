"""Migration within a cluster, through the widgets, against the demo; the server's side checked
with proxmoxer (tests/helpers.proxmox): online and offline, a blocker shown and Migrate
disabled, local disks with a target storage, a container's restart migration, bulk migration of
a selection with one blocked, a node's "migrate all", and the operator login refused."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QItemSelectionModel

from virton_desktop.demo.access import demo_credentials
from virton_desktop.models.bulk_migration import Step
from virton_desktop.pve import migration
from virton_desktop.pve.client import Credentials, PveClient
from virton_desktop.pve.migration import MigrationPlan, Mode, Preflight, Reason
from virton_desktop.session import ClusterSession
from virton_desktop.ui.lifecycle.bulk_migrate import BulkMigrateDialog
from virton_desktop.ui.lifecycle.migrate_dialog import MigrateDialog
from virton_desktop.ui.main_window import MainWindow

from conftest import remember_secret
from helpers import proxmox

# ------------------------------------------------------------------ the plan, without Qt

QEMU_ANSWER = {"running": 1, "allowed_nodes": ["pve2"], "not_allowed_nodes": {"pve3": {
    "unavailable_storages": ["local-zfs"]}}, "local_disks": [
    {"volid": "local-zfs:vm-100-disk-0", "size": 32 * 2 ** 30, "is_attached": 1},
    {"volid": "local:iso/debian.iso", "size": 754 * 2 ** 20, "cdrom": 1},
    {"volid": "local-zfs:vm-100-cloudinit", "cdrom": 1}], "local_resources": ["hostpci0", "usb1"],
    "mapped-resources": ["usb1"], "mapped-resource-info": {"usb1": {"live-migration": 0}}}


def test_preflight_reads_both_spellings_and_plans_like_the_pve_ui():
    pre = Preflight.from_answer(QEMU_ANSWER)
    assert pre.running and pre.allowed == ("pve2",) and pre.not_allowed["pve3"].unavailable_storages == ("local-zfs",)
    assert [d.volid for d in pre.blocking_cdroms] == ["local:iso/debian.iso"]  # cloud-init is no blocker
    assert pre.blocking_resources == ("hostpci0",)
    plan = MigrationPlan("qemu", 100, "pve1", pre, "pve3", {"pve1": True, "pve2": True, "pve3": True})
    reasons = {n.reason for n in plan.notices()}
    # A running VM moves its disks live: the storage missing on pve3 does not block it.
    assert Reason.UNAVAILABLE_STORAGES not in reasons
    assert {Reason.LOCAL_CDROM, Reason.LOCAL_RESOURCES, Reason.MAPPED_NOT_LIVE, Reason.LOCAL_DISK} <= reasons
    assert plan.blocked and plan.mode is Mode.ONLINE
    stopped = Preflight.from_answer({**QEMU_ANSWER, "running": 0, "local_resources": [], "mapped-resources": [],
                                     "mapped-resource-info": {}, "local_disks": QEMU_ANSWER["local_disks"][:1]})
    offline = MigrationPlan("qemu", 100, "pve1", stopped, "pve3", {"pve3": True})
    assert [n.reason for n in offline.notices() if n.blocks] == [Reason.UNAVAILABLE_STORAGES]
    ok = MigrationPlan("qemu", 100, "pve1", stopped, "pve2", {"pve2": True})
    assert not ok.blocked and ok.prepare() == {"target": "pve2", "with-local-disks": 1}
    ct = Preflight.from_answer({"running": 1, "allowed-nodes": ["pve2"], "not-allowed-nodes": {
        "pve3": {"blocking-ha-resources": [{"sid": "ct:201", "cause": "resource-affinity"}]}}})
    plan = MigrationPlan("lxc", 200, "pve1", ct, "pve3", timeout=60)
    assert plan.mode is Mode.RESTART and plan.blocked
    assert MigrationPlan("lxc", 200, "pve1", ct, "pve2", timeout=60).prepare() == {
        "target": "pve2", "restart": 1, "timeout": 60}
    assert MigrationPlan("lxc", 200, "pve1", ct, "pve2").prepare() == {"target": "pve2", "restart": 1}


def test_progress_lines_of_qemu_server():
    disk = migration.progress("drive-scsi0: transferred 1.2 GiB of 32.0 GiB (3.75%) in 1s")
    assert disk.what == "drive-scsi0" and disk.percent == 3
    memory = migration.progress("2026-12-04 10:00:01 migration active, transferred 1.0 GiB of 4.0 GiB VM-state, "
                                "1.1 GiB/s")
    assert memory.what == "" and memory.percent == 25
    assert migration.progress("migration status: completed") is None


# ------------------------------------------------------------------ helpers

def _where(px, vmid):
    return next((r["node"], r["status"]) for r in px.cluster.resources.get(type="vm") if r["vmid"] == vmid)


def _open(qtbot, window, vmid) -> MigrateDialog:
    window.page.select(("demo", vmid))
    entry = next(a for a in window.page.build_menu().actions() if a.objectName() == "menu-migrate")
    assert entry.isEnabled()
    entry.trigger()
    dialog = window.migrate.dialog
    qtbot.waitUntil(lambda: dialog.plan is not None, timeout=10000)
    return dialog


def _choose(combo, node):
    combo.setCurrentIndex(combo.findData(node))


def _writes(demo, vmid):
    return [form for method, path, form in demo.pve.vt_writes if method == "POST" and path.endswith(
        "/{0}/migrate".format(vmid))]


def _wait_moved(qtbot, window, px, vmid, node):
    qtbot.waitUntil(lambda: _where(px, vmid)[0] == node, timeout=10000)
    window.clusters.get("demo").refresh()
    qtbot.waitUntil(lambda: window.model.get(("demo", vmid)).node == node, timeout=10000)


# ------------------------------------------------------------------ one guest

def test_online_migration_of_a_running_vm_with_a_local_disk(qtbot, window, demo):
    px = proxmox(demo)
    dialog = _open(qtbot, window, 113)  # opnsense-fw: running on pve1, disk on local-lvm, no ISO
    assert dialog.mode_label.text().startswith("Online")
    _choose(dialog.target_combo, "pve2")
    texts = [dialog.notices.item(i).text() for i in range(dialog.notices.count())]
    assert any("Migration with local disk might take long: local-lvm:vm-113-disk-0 (16.0 GiB)" in t for t in texts)
    assert dialog.storage_combo.isVisible() and dialog.storage_combo.currentText() == "Current layout"
    assert dialog.migrate_button.isEnabled()
    with qtbot.waitSignal(dialog.migrated, timeout=15000):
        dialog.migrate_button.click()
    assert _writes(demo, 113) == [{"target": "pve2", "online": "1", "with-local-disks": "1"}]
    _wait_moved(qtbot, window, px, 113, "pve2")
    assert _where(px, 113) == ("pve2", "running")  # live: it kept running
    assert "lock" not in px.nodes("pve2").qemu(113).config.get()
    assert "Done" in dialog.status_label.text()


def test_offline_migration_of_a_stopped_vm(qtbot, window, demo):
    px = proxmox(demo)
    dialog = _open(qtbot, window, 115)  # legacy-erp: stopped on pve3, Windows ISOs on shared storage
    assert dialog.mode_label.text() == "Offline" and not dialog.storage_combo.isVisible()
    _choose(dialog.target_combo, "pve1")
    with qtbot.waitSignal(dialog.migrated, timeout=15000):
        dialog.migrate_button.click()
    assert _writes(demo, 115) == [{"target": "pve1", "with-local-disks": "1"}]
    _wait_moved(qtbot, window, px, 115, "pve1")
    assert _where(px, 115) == ("pve1", "stopped")
    log = [line["t"] for line in px.nodes("pve3").tasks(_last_upid(px, "qmigrate", 115)).log.get(limit=0)]
    assert any("copying local disk images" in line for line in log) and log[-1] == "TASK OK"


def _last_upid(px, kind, vmid):
    return next(t["upid"] for t in px.cluster.tasks.get() if t["type"] == kind and t["id"] == str(vmid))


def test_local_cdrom_blocks_and_offline_node_is_not_offered(qtbot, window, demo):
    px = proxmox(demo)
    demo.pve.set_node_offline("pve3")
    session = window.clusters.get("demo")
    session.refresh()
    qtbot.waitUntil(lambda: any(n.name == "pve3" and not n.online for n in session.nodes), timeout=10000)
    dialog = _open(qtbot, window, 100)  # web1: the Debian installer ISO on `local`
    texts = [dialog.notices.item(i).text() for i in range(dialog.notices.count())]
    assert any("local CD/DVD image (local:iso/debian-13.1.0-amd64-netinst.iso)" in t for t in texts)
    assert texts[0].startswith("Blocks:")
    assert not dialog.migrate_button.isEnabled()
    pve3 = dialog.target_combo.findData("pve3")
    assert "offline" in dialog.target_combo.itemText(pve3)
    assert not dialog.target_combo.model().item(pve3).isEnabled()
    assert dialog.target_combo.currentData() == "pve2"
    dialog.migrate()  # refused while blocked: nothing is sent
    assert _writes(demo, 100) == [] and _where(px, 100)[0] == "pve1"


def test_running_vm_local_disks_to_another_target_storage(qtbot, window, demo):
    px = proxmox(demo)
    px.storage.post(storage="nvme", type="lvmthin", vgname="nvme", thinpool="data", content="images,rootdir")
    dialog = _open(qtbot, window, 106)  # win2022-ad: running on pve1, disk + EFI + TPM on local-lvm
    _choose(dialog.target_combo, "pve2")
    qtbot.waitUntil(lambda: dialog.storage_combo.findData("nvme") >= 0, timeout=10000)
    _choose(dialog.storage_combo, "nvme")
    with qtbot.waitSignal(dialog.migrated, timeout=15000):
        dialog.migrate_button.click()
    assert _writes(demo, 106) == [{"target": "pve2", "online": "1", "with-local-disks": "1",
                                   "targetstorage": "nvme"}]
    _wait_moved(qtbot, window, px, 106, "pve2")
    config = px.nodes("pve2").qemu(106).config.get()
    assert config["scsi0"].startswith("nvme:vm-106-disk-0") and config["efidisk0"].startswith("nvme:")


def test_container_restart_migration(qtbot, window, demo):
    px = proxmox(demo)
    dialog = _open(qtbot, window, 202)  # nginx-proxy: running container on pve1
    assert dialog.mode_label.text().startswith("Restart") and dialog.timeout_spin.isVisible()
    _choose(dialog.target_combo, "pve3")
    dialog.timeout_spin.clear()
    qtbot.keyClicks(dialog.timeout_spin, "60")
    with qtbot.waitSignal(dialog.migrated, timeout=15000):
        dialog.migrate_button.click()
    assert _writes(demo, 202) == [{"target": "pve3", "restart": "1", "timeout": "60"}]
    _wait_moved(qtbot, window, px, 202, "pve3")
    assert _where(px, 202) == ("pve3", "running")


# ------------------------------------------------------------------ many guests

def test_bulk_migration_of_a_selection_with_one_blocked(qtbot, window, demo):
    px = proxmox(demo)
    sel = window.page.table.selectionModel()
    sel.clearSelection()
    for vmid in (100, 113, 115):
        sel.select(window.model.index(window.model.row_of(("demo", vmid)), 0),
                   QItemSelectionModel.SelectionFlag.Select | QItemSelectionModel.SelectionFlag.Rows)
    assert window.migrate.action.isEnabled()
    window.migrate.action.trigger()
    dialog = window.migrate.dialog
    assert isinstance(dialog, BulkMigrateDialog)
    qtbot.waitUntil(lambda: dialog.model.count(Step.CHECKING) == 0, timeout=10000)
    _choose(dialog.target_combo, "pve2")
    steps = {row.instance.vmid: row for row in dialog.model.rows()}
    assert steps[100].step is Step.BLOCKED and "local CD/DVD" in steps[100].note
    assert steps[113].step is Step.READY and steps[115].step is Step.READY
    assert dialog.migrate_button.text() == "Migrate 2" and dialog.summary.text() == "2 will migrate, 1 blocked"
    dialog.workers.setValue(1)
    with qtbot.waitSignal(dialog.finished_all, timeout=20000):
        dialog.migrate_button.click()
    assert {r.instance.vmid: r.step for r in dialog.model.rows()} == {100: Step.BLOCKED, 113: Step.DONE,
                                                                      115: Step.DONE}
    assert dialog._runner.most_at_once == 1
    assert _where(px, 113)[0] == "pve2" and _where(px, 115)[0] == "pve2" and _where(px, 100)[0] == "pve1"
    assert _writes(demo, 100) == []


def test_migrate_all_guests_of_a_node(qtbot, window, demo, qtmodeltester):
    px = proxmox(demo)
    window.migrate._fill_node_menu()
    entry = next(a for a in window.migrate.node_menu.actions() if a.objectName() == "migrate-node-pve3")
    assert entry.isEnabled()
    entry.trigger()
    dialog = window.migrate.dialog
    qtmodeltester.check(dialog.model)
    on_pve3 = {r["vmid"] for r in px.cluster.resources.get(type="vm") if r["node"] == "pve3"}
    assert {row.instance.vmid for row in dialog.model.rows()} == on_pve3
    qtbot.waitUntil(lambda: dialog.model.count(Step.CHECKING) == 0, timeout=15000)
    _choose(dialog.target_combo, "pve1")
    rows = {row.instance.vmid: row for row in dialog.model.rows()}
    assert rows[105].step is Step.BLOCKED and "locked" in rows[105].note.lower()  # a backup runs
    assert rows[111].step is Step.BLOCKED  # Debian ISO on local storage
    ready = {vmid for vmid, row in rows.items() if row.step is Step.READY}
    assert {115, 204, 205, 208} <= ready
    with qtbot.waitSignal(dialog.finished_all, timeout=30000):
        dialog.migrate_button.click()
    now_on_pve1 = {r["vmid"] for r in px.cluster.resources.get(type="vm") if r["node"] == "pve1"}
    assert ready <= now_on_pve1 and 105 not in now_on_pve1
    assert dialog._runner.most_at_once <= dialog.workers.value()


def test_migrateall_of_the_demo_node_skips_with_reasons(demo):
    px = proxmox(demo)
    upid = px.nodes("pve3").migrateall.post(target="pve2", **{"max-workers": 2})
    log = [line["t"] for line in px.nodes("pve3").tasks(upid).log.get(limit=0)]
    assert "Check VM 111: skip VM 111 - precondition check failed:" in log
    assert "Check VM 115: precondition check passed" in log and log[-1] == "TASK OK"
    assert _where(px, 115)[0] == "pve2" and _where(px, 111)[0] == "pve3"


def test_demo_log_has_qemu_servers_progress_lines(demo):
    px = proxmox(demo)
    upid = px.nodes("pve1").qemu(113).migrate.post(target="pve2", online=1, **{"with-local-disks": 1})
    lines = [line["t"] for line in px.nodes("pve1").tasks(upid).log.get(limit=0)]
    found = [migration.progress(line) for line in lines]
    assert any(p and p.what == "drive-scsi0" and p.percent == 100 for p in found)
    assert any(p and p.what == "" for p in found)
    assert migration.last_progress(lines).what == ""


# ------------------------------------------------------------------ privileges

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
    session.close()


def test_operator_may_not_migrate(qtbot, operator_window):
    window = operator_window
    window.page.select(("demo", 100))
    entry = next(a for a in window.page.build_menu().actions() if a.objectName() == "menu-migrate")
    assert not entry.isEnabled() and entry.toolTip() == "You lack VM.Migrate on /vms/100 (or its pool)"
    assert not window.migrate.action.isEnabled()
    assert window.migrate.action.toolTip() == "You lack VM.Migrate on /vms/100 (or its pool)"
    window.migrate._fill_node_menu()
    pve1 = next(a for a in window.migrate.node_menu.actions() if a.objectName() == "migrate-node-pve1")
    assert not pve1.isEnabled() and "VM.Migrate" in pve1.toolTip()


def test_a_locked_guest_is_not_offered(window):
    window.page.select(("demo", 105))  # fileserver: a backup holds its lock
    entry = next(a for a in window.page.build_menu().actions() if a.objectName() == "menu-migrate")
    assert not entry.isEnabled()
    assert entry.toolTip() == "Locked (backup) by a running or interrupted job: it cannot migrate now."


def test_a_passed_through_device_blocks(qtbot, window, demo):
    dialog = _open(qtbot, window, 119)  # fw-lab: a NIC passed through (hostpci0)
    texts = [dialog.notices.item(i).text() for i in range(dialog.notices.count())]
    assert any("Cannot migrate a VM with local resources: hostpci0" in t for t in texts)
    assert not dialog.migrate_button.isEnabled()
    assert proxmox(demo).nodes("pve1").qemu(119).migrate.get()["local_resources"] == ["hostpci0"]


def test_target_storage_needs_config_disk(qtbot, window):
    from virton_desktop.pve.permissions import Need

    session = window.clusters.get("demo")
    dialog = MigrateDialog(session, window.model.get(("demo", 113)), None,
                           storage_need=Need("VM.Config.Disk", "/vms/113"))
    qtbot.addWidget(dialog)
    qtbot.waitUntil(lambda: dialog.plan is not None, timeout=10000)
    _choose(dialog.target_combo, "pve2")
    assert not dialog.storage_combo.isEnabled()
    assert dialog.storage_combo.toolTip() == "You lack VM.Config.Disk on /vms/113 (or its pool)"
    assert dialog.migrate_button.isEnabled()  # the current layout needs no more than VM.Migrate


def test_node_filter_offers_migrate_all_of_its_node(qtbot, window):
    combo = window.page.node_filter
    combo.setCurrentIndex(combo.findData("pve2"))
    menu = window.migrate.node_filter_menu()
    assert [a.text() for a in menu.actions()] == ["Migrate all guests of node pve2…"]
    menu.actions()[0].trigger()
    dialog = window.migrate.dialog
    assert isinstance(dialog, BulkMigrateDialog) and dialog.node == "pve2"
    assert {r.instance.node for r in dialog.model.rows()} == {"pve2"}
    assert dialog.target_combo.findData("pve2") < 0  # not its own node
    menu.close()
