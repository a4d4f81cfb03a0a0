"""Backup list: BackupModel (qtmodeltester, filters, sort, incremental), BackupFeed and BackupsView
against the demo cluster (progress, container, abort, protected delete, restore)."""

import pytest
from PySide6.QtCore import Qt

from virton_desktop.demo import ServedDemo
from virton_desktop.models.backups import (
    COL_STATUS,
    COL_VMID,
    COMPLETED,
    FAILED,
    RUNNING,
    BackupFilter,
    BackupModel,
    ProgressRole,
    StatusRole,
)
from virton_desktop.models.instances import InstanceModel
from virton_desktop.models.tasks import TaskModel
from virton_desktop.pve import api
from virton_desktop.pve.entities import Backup, Task

from conftest import make_session
from helpers import answer, started, unnamed_widgets

GiB = 1024 ** 3


def _backup(vmid, kind="qemu", day=20, storage="nfs-storage", protected=False, notes=""):
    ext = "vma.zst" if kind == "qemu" else "tar.zst"
    volid = "{0}:backup/vzdump-{1}-{2}-2026_11_{3:02d}-01_00_02.{4}".format(storage, kind, vmid, day, ext)
    return Backup("demo", volid, storage, "pve1", vmid, kind, size=vmid * GiB, ctime=1763600000 + day * 86400,
                  notes=notes, protected=protected, format=ext, shared=True)


def _task(vmid, start, status="running", exitstatus=""):
    upid = "UPID:pve1:{0:08X}:{1:08X}:{2:08X}:vzdump:{3}:root@pam:".format(1000 + vmid, 7, start, vmid)
    task = Task.from_upid("demo", upid)
    if status != "running":
        task = task.with_status({"status": "stopped", "exitstatus": exitstatus})
    return task


def test_model_passes_qtmodeltester(qtmodeltester):
    model = BackupModel()
    model.set_volumes("demo", [_backup(100), _backup(100, day=21), _backup(200, "lxc"), _backup(102, protected=True)])
    qtmodeltester.check(model)
    model.update_task(_task(101, 1763900000))
    model.update_task(_task(111, 1763800000, "stopped", "Backup of VM 111 failed - no space left on device"))
    model.update_progress("demo", _task(101, 1763900000).upid,
                          ["INFO: Starting Backup of VM 101 (qemu)",
                           "INFO:  10% (1.0 GiB of 10.0 GiB) in 3s, read: 341.3 MiB/s, write: 300.0 MiB/s"])
    model.sort(COL_VMID, Qt.SortOrder.AscendingOrder)
    model.set_filter(BackupFilter(text="10"))
    model.set_volumes("demo", [_backup(100), _backup(200, "lxc")])
    qtmodeltester.check(model)


def test_rows_statuses_filters_and_sort(qtbot):
    model = BackupModel()
    resets = []
    model.modelReset.connect(lambda: resets.append(1))
    model.set_volumes("demo", [_backup(100), _backup(100, day=21), _backup(200, "lxc"), _backup(102, protected=True)])
    running = _task(101, 1763900000)
    model.update_task(running)
    model.update_task(_task(111, 1763800000, "stopped", "Backup of VM 111 failed - no space left on device"))
    assert model.rowCount() == 6
    statuses = {model.row(r).vmid: model.data(model.index(r, 0), StatusRole) for r in range(6)}
    assert statuses[101] == RUNNING and statuses[111] == FAILED and statuses[200] == COMPLETED
    # newest first by default
    dates = [model.row(r).time for r in range(6)]
    assert dates == sorted(dates, reverse=True)
    model.set_filter(BackupFilter(text="vzdump-lxc"))
    assert [r.vmid for r in model.rows()] == [200]
    model.set_filter(BackupFilter(text="102"))
    assert [r.vmid for r in model.rows()] == [102]
    model.set_filter(BackupFilter(statuses=frozenset({FAILED})))
    assert [r.vmid for r in model.rows()] == [111]
    model.set_filter(BackupFilter(types=frozenset({"lxc"})))
    assert [r.vmid for r in model.rows()] == [200]
    model.set_filter(BackupFilter(guest=("demo", 100)))
    assert [r.vmid for r in model.rows()] == [100, 100]
    model.set_filter(BackupFilter())
    model.sort(COL_VMID, Qt.SortOrder.AscendingOrder)
    assert [r.vmid for r in model.rows()] == [100, 100, 101, 102, 111, 200]
    # progress touches one cell of one row (once the log said which guest and kind)
    model.update_progress("demo", running.upid, ["INFO: Starting Backup of VM 101 (qemu)"])
    assert model.data(model.index(model.row_of(("job", "demo", running.upid)), 3)) == "VM"
    changes = []
    model.dataChanged.connect(lambda a, b, roles=(): changes.append((a.row(), a.column(), b.row(), b.column())))
    model.update_progress("demo", running.upid,
                          ["INFO:  10% (1.0 GiB of 10.0 GiB) in 3s, read: 1.0 GiB/s, write: 1.0 GiB/s"])
    row = model.row_of(("job", "demo", running.upid))
    assert changes == [(row, COL_STATUS, row, COL_STATUS)]
    assert model.data(model.index(row, COL_STATUS), ProgressRole).percent == 10
    assert "10%" in model.data(model.index(row, COL_STATUS))
    # a job that ends OK leaves; its volume arrives with the next listing
    model.update_task(running.with_status({"status": "stopped", "exitstatus": "OK"}))
    assert model.row_of(("job", "demo", running.upid)) == -1
    assert not resets


# ------------------------------------------------------------------ against the demo cluster


@pytest.fixture
def slow_demo():
    """Tasks take real time (1 PVE s = 30 ms), so a running backup can be watched."""
    with ServedDemo(time_scale=0.03) as served:
        yield served


def _started(qtbot, served):
    """A session after its first poll, with what the main window keeps for the backups page: the
    guests it polled and the tasks it reported (kept from the start, as the task panel does)."""
    s = make_session(served)
    s.guests, s.tasks = InstanceModel(), TaskModel()
    s.instances_polled.connect(s.guests.apply)
    s.task_changed.connect(s.tasks.update)
    return started(qtbot, s)


@pytest.fixture
def session(qtbot, demo):
    s = _started(qtbot, demo)
    yield s
    s.close()


@pytest.fixture
def live_session(qtbot, slow_demo):
    s = _started(qtbot, slow_demo)
    yield s
    s.close()


def _view(qtbot, session, guest_key=None):
    from virton_desktop.ui.backups.backups_page import BackupsView

    view = BackupsView(lambda: {session.name: session}, guest_key=guest_key, guests=session.guests,
                       tasks=session.tasks.tasks)
    qtbot.addWidget(view)
    view.resize(1400, 500)
    with qtbot.waitSignal(view.feed.refreshed, timeout=15000):
        view.show()
    return view


def _volumes(view, vmid=None):
    return [r for r in view.model.all_rows() if r.backup is not None and (vmid is None or r.vmid == vmid)]


def _api_volids(qtbot, session, storage):
    return {item["volid"] for item in answer(qtbot, session.run(api.storage_content("pve1", storage, "backup")))}


def test_feed_lists_seeded_backups_and_failed_job(qtbot, session):
    view = _view(qtbot, session)
    vols = _volumes(view)
    assert len(vols) == 6  # the demo's 4 nightly backups and 2 old ones, on the shared nfs-storage (listed once)
    assert {(r.vmid, r.kind) for r in vols} >= {(100, "qemu"), (102, "qemu"), (200, "lxc")}
    failed = sorted((r for r in view.model.all_rows() if r.status == FAILED), key=lambda r: r.vmid)
    assert [r.vmid for r in failed] == [111, 206]  # last night's full storage, and one aborted by hand
    assert failed[1].kind == "lxc" and failed[1].task.exitstatus == "interrupted by signal"
    assert "no space left" in view.model.data(view.model.index(view.model.row_of(failed[0].key), 8))
    names = {view.model.data(view.model.index(r, 2)) for r in range(view.model.rowCount())}
    assert "web1" in names and "dns1" in names
    storages = dict(view.feed.backup_storages("demo", {"pve1"}))
    assert set(storages) == {"local", "nfs-storage"} and storages["nfs-storage"]["shared"]


def test_search_and_filters_in_the_view(qtbot, session):
    view = _view(qtbot, session)
    view.search.setText("vzdump-lxc")
    assert [r.vmid for r in view.model.rows()] == [200]
    view.search.setText("102")
    assert [r.vmid for r in view.model.rows()] == [102]
    view.search.clear()
    view.status_filter.setCurrentIndex(view.status_filter.findData(FAILED))
    assert sorted(r.vmid for r in view.model.rows()) == [111, 206]
    view.type_filter.setCurrentIndex(view.type_filter.findData("lxc"))
    assert [r.vmid for r in view.model.rows()] == [206]
    view.type_filter.setCurrentIndex(0)
    view.status_filter.setCurrentIndex(view.status_filter.findData(COMPLETED))
    view.type_filter.setCurrentIndex(view.type_filter.findData("lxc"))
    assert [r.vmid for r in view.model.rows()] == [200]
    view.type_filter.setCurrentIndex(view.type_filter.findData("qemu"))
    assert sorted(r.vmid for r in view.model.rows()) == [100, 100, 102, 103, 104]  # 103, 104: only old backups
    view.search.setText("no such backup")
    assert view.model.rowCount() == 0 and view.empty.isVisible() and "No backups match" in view.empty.text()
    # sort by any column: VMID ascending
    view.search.clear()
    view.table.sortByColumn(COL_VMID, Qt.SortOrder.AscendingOrder)
    assert [r.vmid for r in view.model.rows()] == [100, 100, 102, 103, 104]  # 103, 104: only old backups


def test_guest_tab_shows_only_that_guest(qtbot, session):
    view = _view(qtbot, session, guest_key=("demo", 100))
    assert [r.vmid for r in view.model.rows()] == [100, 100]
    assert view.table.isColumnHidden(COL_VMID)


def test_vm_backup_shows_monotonic_progress_and_completes(qtbot, live_session, slow_demo):
    slow_demo.pve.vt_backup_rate = 200 * 1024 ** 2  # 32 GiB in ~160 PVE s: ~5 s of real time
    view = _view(qtbot, live_session)
    seen = []

    def record(*_args):
        for row in view.model.running_jobs():
            if row.progress is not None and not row.progress.indeterminate:
                seen.append(row.progress.percent)
    view.model.dataChanged.connect(record)
    before = {r.backup.volid for r in _volumes(view)}
    view.start_backups([("demo", "pve1", {"vmid": "100", "storage": "nfs-storage", "mode": "snapshot",
                                          "compress": "zstd", "notes-template": "{{guestname}} test"})])
    qtbot.waitUntil(lambda: bool(view.model.running_jobs()), timeout=10000)
    job = view.model.running_jobs()[0]
    assert view.model.data(view.model.index(view.model.row_of(job.key), 1)) == "100"
    qtbot.waitUntil(lambda: len(set(seen)) >= 2, timeout=20000)
    view.grab()  # the delegate paints a running row
    qtbot.waitUntil(lambda: not view.model.running_jobs() and len(_volumes(view, 100)) == 3, timeout=30000)
    assert seen == sorted(seen) and len(set(seen)) >= 2
    new = [r for r in _volumes(view, 100) if r.backup.volid not in before]
    assert len(new) == 1 and new[0].status == COMPLETED and new[0].backup.notes == "web1 test"
    assert new[0].backup.volid in _api_volids(qtbot, live_session, "nfs-storage")
    assert not [r for r in view.model.all_rows() if r.is_job and r.task.vmid == 100]


def test_container_backup_is_indeterminate_then_completes(qtbot, live_session, slow_demo):
    slow_demo.pve.vt_backup_rate = 64 * 1024 ** 2  # 8 GiB rootfs: ~128 PVE s, ~4 s real
    view = _view(qtbot, live_session)
    view.start_backups([("demo", "pve1", {"vmid": "200", "storage": "local", "mode": "snapshot",
                                          "compress": "zstd"})])
    qtbot.waitUntil(lambda: any(r.progress is not None and r.progress.kind == "lxc"
                                for r in view.model.running_jobs()), timeout=10000)
    job = view.model.running_jobs()[0]
    index = view.model.index(view.model.row_of(job.key), COL_STATUS)
    assert view.model.data(index, ProgressRole).indeterminate
    assert view.model.data(view.model.index(index.row(), 3)) == "CT"
    view.grab()
    qtbot.waitUntil(lambda: not view.model.running_jobs(), timeout=30000)
    qtbot.waitUntil(lambda: any(r.backup.storage == "local" for r in _volumes(view, 200)), timeout=20000)


def test_abort_leaves_no_volume_and_a_failed_row(qtbot, live_session, slow_demo):
    slow_demo.pve.vt_backup_rate = 64 * 1024 ** 2  # long enough to abort part-way
    view = _view(qtbot, live_session)
    view.start_backups([("demo", "pve1", {"vmid": "102", "storage": "local", "mode": "snapshot"})])
    qtbot.waitUntil(lambda: any(r.progress is not None and r.progress.percent >= 1
                                for r in view.model.running_jobs()), timeout=20000)
    job = view.model.running_jobs()[0]
    view.confirm = lambda *_a: True
    assert view.abort(job)
    qtbot.waitUntil(lambda: view.model.get(job.key).status == FAILED, timeout=20000)
    row = view.model.get(job.key)
    assert row.task.exitstatus == "interrupted by signal"
    view.status_filter.setCurrentIndex(view.status_filter.findData(FAILED))
    assert job.key in [r.key for r in view.model.rows()]
    view.feed.refresh()
    qtbot.waitSignal(view.feed.refreshed, timeout=10000)
    assert not [r for r in _volumes(view, 102) if r.backup.storage == "local"]
    assert not [v for v in _api_volids(qtbot, live_session, "local") if "-102-" in v]


def test_protected_delete_refused_then_allowed(qtbot, session):
    view = _view(qtbot, session)
    view.confirm = lambda *_a: True
    protected = next(r for r in _volumes(view) if r.backup.protected)
    sent = []
    session_run = session.run
    session.run = lambda op: (sent.append(op), session_run(op))[1]
    assert not view.delete(protected)
    assert not sent and view.errors_bar.isVisible() and "protected" in view.errors_bar.label.text()
    # the server refuses too (another client may not check): the task error reaches the bar
    view.errors_bar.dismiss()
    unguarded = protected.__class__(protected.key, protected.cluster,
                                    backup=protected.backup.__class__(**{**{f: getattr(protected.backup, f) for f in
                                                                           protected.backup.__dataclass_fields__},
                                                                        "protected": False}))
    assert view.delete(unguarded)
    qtbot.waitUntil(lambda: view.errors_bar.isVisible(), timeout=10000)
    assert "protected" in view.errors_bar.label.text()
    assert protected.backup.volid in _api_volids(qtbot, session, "nfs-storage")
    # unprotect, then delete
    view.select(protected)
    assert view.protect_button.text() == "Unprotect"
    view.on_protect()
    qtbot.waitUntil(lambda: not view.model.find_volume("demo", protected.backup.volid).backup.protected,
                    timeout=10000)
    assert view.delete(view.model.find_volume("demo", protected.backup.volid))
    qtbot.waitUntil(lambda: view.model.find_volume("demo", protected.backup.volid) is None, timeout=10000)
    assert protected.backup.volid not in _api_volids(qtbot, session, "nfs-storage")


def test_edit_notes(qtbot, session):
    view = _view(qtbot, session)
    row = next(r for r in _volumes(view, 200))
    assert view.set_notes(row, "dns1 before the resolver change")
    qtbot.waitUntil(lambda: view.model.find_volume("demo", row.backup.volid).backup.notes ==
                    "dns1 before the resolver change", timeout=10000)


def test_restore_to_a_new_vmid_matches_the_source(qtbot, session, demo):
    from virton_desktop.ui.backups.backup_dialogs import RestoreDialog

    view = _view(qtbot, session)
    row = next(r for r in _volumes(view, 102))
    dialog = RestoreDialog(view.feed, session, row, view)
    qtbot.addWidget(dialog)
    qtbot.waitUntil(lambda: dialog.vmid.value() != 102 and dialog.storage.count() > 0, timeout=10000)
    assert dialog.as_new.isChecked() and dialog.ok_button.isEnabled()
    dialog.node.setCurrentIndex(dialog.node.findData("pve2"))
    qtbot.waitUntil(lambda: dialog.storage.findData("local-lvm") >= 0, timeout=10000)
    dialog.storage.setCurrentIndex(dialog.storage.findData("local-lvm"))
    cluster, node, op = dialog.request()
    path, params = op.path, op.params
    newid = params["vmid"]
    assert (node, path, params["archive"]) == ("pve2", "/nodes/pve2/qemu", row.backup.volid)
    assert view.restore(cluster, op, row.backup.file_name)
    qtbot.waitUntil(lambda: demo.pve.vm(newid) is not None and demo.pve.vm(newid).lock is None, timeout=10000)
    source, copy = demo.pve.vm(102).config, demo.pve.vm(newid).config
    for key in ("name", "cores", "memory", "sockets", "ostype", "cpu", "scsihw", "boot", "tags"):
        assert copy.get(key) == source.get(key), key
    for key in ("scsi0", "scsi1"):
        assert copy[key].split(",", 1)[1] == source[key].split(",", 1)[1]
        assert copy[key].startswith("local-lvm:vm-{0}-disk-".format(newid))
    assert copy["net0"].split("=", 1)[0] == source["net0"].split("=", 1)[0]  # model kept, MAC new (unique)


def test_restore_overwrite_needs_the_typed_vmid(qtbot, session):
    from virton_desktop.ui.backups.backup_dialogs import RestoreDialog

    view = _view(qtbot, session)
    row = next(r for r in _volumes(view, 200))
    dialog = RestoreDialog(view.feed, session, row, view)
    qtbot.addWidget(dialog)
    dialog.overwrite.setChecked(True)
    assert not dialog.ok_button.isEnabled()
    assert "running" in dialog.problem.text()  # dns1 runs: stop it first
    dialog.confirm.setText("200")
    assert not dialog.ok_button.isEnabled()


def test_create_dialog_filters_targets_and_groups_by_node(qtbot, session):
    from virton_desktop.ui.backups.backup_dialogs import CreateBackupDialog

    view = _view(qtbot, session)
    dialog = CreateBackupDialog(view.feed, "demo", [100], parent=view)
    qtbot.addWidget(dialog)
    dialog.type_filter.setCurrentIndex(dialog.type_filter.findData("lxc"))
    visible = [dialog.targets.item(i).data(Qt.ItemDataRole.UserRole) for i in range(dialog.targets.count())
               if not dialog.targets.item(i).isHidden()]
    assert visible and all(v >= 200 for v in visible) and 9000 not in visible
    assert not dialog.ok_button.isEnabled()  # the VM preset was unchecked by the CT filter
    dialog.type_filter.setCurrentIndex(0)
    dialog.set_selected([100, 103, 200])
    storages = [dialog.storage.itemData(i) for i in range(dialog.storage.count())]
    assert "local-lvm" not in storages and "nfs-storage" in storages
    dialog.storage.setCurrentIndex(dialog.storage.findData("nfs-storage"))
    dialog.mode.setCurrentIndex(dialog.mode.findData("stop"))
    assert "Shuts the guest down" in dialog.mode_help.text()
    dialog.protected.setChecked(True)
    reqs = dialog.requests()
    assert [(n, p["vmid"]) for _c, n, p in reqs] == [("pve1", "100,200"), ("pve2", "103")]
    assert all(p["storage"] == "nfs-storage" and p["mode"] == "stop" and p["protected"] == 1 for _c, _n, p in reqs)


def test_every_interactive_widget_is_named(qtbot, session):
    from virton_desktop.ui.backups.backup_dialogs import CreateBackupDialog, NotesDialog, RestoreDialog

    view = _view(qtbot, session)
    view.errors_bar.show_message("x", "y")
    assert not unnamed_widgets(view)
    row = _volumes(view, 100)[0]
    for dialog in (CreateBackupDialog(view.feed, "demo", [100], parent=view),
                   CreateBackupDialog(view.feed, "demo", [100], fixed=True, parent=view),
                   RestoreDialog(view.feed, session, row, view), NotesDialog("n", "t", view)):
        qtbot.addWidget(dialog)
        dialog.show()
        assert not unnamed_widgets(dialog), type(dialog).__name__


def test_abort_button_in_the_status_cell(qtbot, session):
    from PySide6.QtCore import QPoint
    from PySide6.QtTest import QTest

    view = _view(qtbot, session)
    running = _task(101, 1763990000)  # a job the server does not know: the abort is refused, and said so
    view.model.update_task(running)
    view.model.update_progress("demo", running.upid, ["INFO: Starting Backup of VM 101 (qemu)",
                                                      "INFO:  40% (4.0 GiB of 10.0 GiB) in 9s, read: 455.1 MiB/s"])
    asked = []
    view.confirm = lambda title, text, ok: asked.append(text) or True
    rect = view.table.visualRect(view.model.index(view.model.row_of(("job", "demo", running.upid)), COL_STATUS))
    QTest.mouseClick(view.table.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(rect.right() - 20, rect.center().y()))
    assert asked and "VM 101" in asked[0]
    qtbot.waitUntil(view.errors_bar.isVisible, timeout=10000)
    assert "Abort of VM 101" in view.errors_bar.label.text()


def test_row_menu_follows_the_selection(qtbot, session):
    view = _view(qtbot, session)
    protected = next(r for r in _volumes(view) if r.backup.protected)
    view.select(protected)
    menu = view.build_menu()
    entries = {a.objectName(): a for a in menu.actions() if not a.isSeparator()}
    assert entries["menu-backupRestore"].isEnabled() and not entries["menu-backupAbort"].isEnabled()
    assert entries["menu-backupProtect"].text() == "Unprotect"


def test_restore_keeps_disks_in_place_and_gives_a_copy_new_macs(qtbot, session):
    from virton_desktop.ui.backups.backup_dialogs import RestoreDialog

    view = _view(qtbot, session)
    row = next(r for r in _volumes(view, 102))
    dialog = RestoreDialog(view.feed, session, row, view)
    qtbot.addWidget(dialog)
    qtbot.waitUntil(lambda: dialog.vmid.value() != 102 and dialog.storage.count() > 1, timeout=10000)
    assert dialog.storage.currentData() == ""  # "original storage (as in the backup)"
    _cluster, _node, op = dialog.request()
    assert "storage" not in op.params and op.params["unique"] == 1
    dialog.storage.setCurrentIndex(dialog.storage.findData("local-lvm"))
    assert dialog.request()[2].params["storage"] == "local-lvm"


def test_container_restore_as_new_sends_unique_and_a_storage(qtbot, session):
    from virton_desktop.ui.backups.backup_dialogs import RestoreDialog

    view = _view(qtbot, session)
    row = next(r for r in _volumes(view, 200))
    dialog = RestoreDialog(view.feed, session, row, view)
    qtbot.addWidget(dialog)
    qtbot.waitUntil(lambda: dialog.vmid.value() != 200 and dialog.storage.count() > 0, timeout=10000)
    params = dialog.request()[2].params
    assert params["unique"] == 1 and params["restore"] == 1
    # pve-container would put everything on `local` without one: the CT's own root disk storage is chosen.
    assert params["storage"] == "local-lvm"


def test_restore_of_an_archive_on_a_node_local_storage_defaults_to_that_node(qtbot, session):
    from dataclasses import replace

    from virton_desktop.models.backups import BackupRow
    from virton_desktop.ui.backups.backup_dialogs import RestoreDialog

    view = _view(qtbot, session)
    shared = next(r for r in _volumes(view, 100))
    local = replace(shared.backup, storage="local", node="pve3", shared=False,
                    volid=shared.backup.volid.replace("nfs-storage:", "local:"))
    dialog = RestoreDialog(view.feed, session, BackupRow(("volume", "demo", local.volid), "demo", backup=local), view)
    qtbot.addWidget(dialog)
    assert dialog.target_node() == "pve3" and not dialog.node.isEnabled()
    assert dialog.request()[1] == "pve3"


def test_overwrite_of_a_container_lists_the_volumes_it_erases(qtbot, session, demo):
    from virton_desktop.ui.backups.backup_dialogs import RestoreDialog

    ct = demo.pve.ct(200)
    ct.config["mp0"] = "local-lvm:vm-200-disk-1,mp=/srv/zones,backup=1,size=2G"
    ct.config["mp1"] = "local-lvm:vm-200-disk-2,mp=/var/cache/bind,size=1G"
    ct.status = "stopped"
    view = _view(qtbot, session)
    qtbot.waitUntil(lambda: view.feed.guest("demo", 200).status == "stopped", timeout=10000)
    row = next(r for r in _volumes(view, 200))
    dialog = RestoreDialog(view.feed, session, row, view)
    qtbot.addWidget(dialog)
    dialog.overwrite.setChecked(True)
    dialog.confirm.setText("200")
    qtbot.waitUntil(lambda: "mp1" in dialog.overwrite_hint.text(), timeout=10000)
    hint = dialog.overwrite_hint.text()
    assert "• rootfs (/, local-lvm:vm-200-disk-0): in the backup" in hint
    assert "• mp0 (/srv/zones, local-lvm:vm-200-disk-1): in the backup" in hint
    assert "• mp1 (/var/cache/bind, local-lvm:vm-200-disk-2): not in the backup (no backup=1): recreated empty" \
        in hint
    assert dialog.ok_button.isEnabled()
    params = dialog.request()[2].params
    assert params["force"] == 1 and "unique" not in params


def test_backup_of_guests_that_moved_is_not_reported_started(qtbot, session):
    view = _view(qtbot, session)
    messages = []
    view.message.connect(messages.append)
    view.start_backups([("demo", "pve1", {"vmid": "103", "storage": "nfs-storage", "mode": "snapshot"})])
    qtbot.waitUntil(view.errors_bar.isVisible, timeout=10000)
    assert "No backup was started" in view.errors_bar.label.text() and "103" in view.errors_bar.label.text()
    assert not any("started" in m for m in messages)
    assert not [r for r in view.model.all_rows() if r.task is not None and r.status == RUNNING]


def test_notes_are_edited_in_full_and_saved_as_typed(qtbot, session, demo):
    view = _view(qtbot, session)
    row = next(r for r in _volumes(view, 200))
    full = "dns1 nightly\n\n  zone files before the resolver change"
    sid, volname = row.backup.volid.split(":", 1)
    demo.pve.storages[sid]["volumes"][volname]["notes"] = full
    view.refresh_button.click()
    qtbot.waitUntil(lambda: view.model.find_volume("demo", row.backup.volid).backup.notes == "dns1 nightly",
                    timeout=10000)
    shown = []

    def typed(dialog):
        shown.append(dialog.editor.toPlainText())
        dialog.editor.setPlainText(full + "\n  - checked ")
        return True
    view.run_dialog = typed
    view.select(view.model.find_volume("demo", row.backup.volid))
    view.on_notes()
    qtbot.waitUntil(lambda: bool(shown), timeout=10000)
    assert shown == [full]
    qtbot.waitUntil(lambda: demo.pve.storages[sid]["volumes"][volname].get("notes") == full + "\n  - checked ",
                    timeout=10000)


def test_restore_button_opens_the_dialog_for_the_selected_volume(qtbot, session):
    view = _view(qtbot, session)
    opened = []
    view.run_dialog = lambda dialog: opened.append((type(dialog).__name__, dialog.row.backup.volid)) and False
    row = next(r for r in _volumes(view, 102))
    view.select(row)
    view.on_restore()
    assert opened == [("RestoreDialog", row.backup.volid)]
