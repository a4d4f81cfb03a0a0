"""Snapshots: SnapshotModel (tree with NOW, qtmodeltester) and SnapshotsView against the demo cluster."""

import pytest
from PySide6.QtCore import QModelIndex

from virton_desktop.models.instances import InstanceModel
from virton_desktop.models.snapshots import COL_DATE, COL_DESCRIPTION, COL_RAM, IsCurrentRole, NameRole, SnapshotModel
from virton_desktop.pve.entities import Snapshot
from virton_desktop.ui.backups.snapshots_view import CreateSnapshotDialog, SnapshotsView

from helpers import unnamed_widgets

ITEMS = [{"name": "base", "snaptime": 1763600000, "description": "fresh install"},
         {"name": "upgrade", "parent": "base", "snaptime": 1763700000, "vmstate": 1, "description": "before 13.2"},
         {"name": "experiment", "parent": "base", "snaptime": 1763800000},
         {"name": "current", "parent": "upgrade", "running": 1, "description": "You are here!"}]


def _children(model, parent=QModelIndex()):
    return [model.index(r, 0, parent).data(NameRole) for r in range(model.rowCount(parent))]


def test_model_tree_and_qtmodeltester(qtmodeltester):
    model = SnapshotModel()
    qtmodeltester.check(model)
    model.set_snapshots(Snapshot.from_api(i) for i in ITEMS)
    qtmodeltester.check(model)
    assert _children(model) == ["base"]
    base = model.index_of("base")
    assert _children(model, base) == ["upgrade", "experiment"]
    upgrade = model.index_of("upgrade")
    assert _children(model, upgrade) == ["current"]
    now = model.index_of("current")
    assert now.data() == "NOW" and now.data(IsCurrentRole) and model.current_parent() == "upgrade"
    assert model.index_of("upgrade", COL_RAM).data() == "Yes"
    # PVE's SnapshotTree.js: format_boolean for a snapshot (Yes / No), nothing for NOW
    assert model.index_of("base", COL_RAM).data() == "No" and model.index_of("current", COL_RAM).data() == ""
    assert model.index(0, COL_DESCRIPTION, upgrade).data().startswith("You are here (running)")
    assert "since “upgrade”" in model.index(0, COL_DESCRIPTION, upgrade).data()
    # same shape, new description: one dataChanged, no reset
    resets, changes = [], []
    model.modelReset.connect(lambda: resets.append(1))
    model.dataChanged.connect(lambda a, b, roles=(): changes.append(a.data(NameRole)))
    items = [dict(i) for i in ITEMS]
    items[2]["description"] = "try the new kernel"
    model.set_snapshots(items)
    assert changes == ["experiment"] and not resets
    assert model.index_of("experiment", COL_DESCRIPTION).data() == "try the new kernel"
    # a removed snapshot rebuilds
    model.set_snapshots([i for i in items if i["name"] != "experiment"])
    assert resets and _children(model, model.index_of("base")) == ["upgrade"]
    qtmodeltester.check(model)
    model.set_snapshots([{"name": "current", "description": "You are here!"}])
    assert _children(model) == ["current"] and model.snapshot_count() == 0
    qtmodeltester.check(model)


def test_create_dialog_rules(qtbot):
    from virton_desktop.pve.entities import Instance

    running = Instance("demo", 100, "web1", "qemu", "pve1", "running")
    dialog = CreateSnapshotDialog(running, {"before_update"})
    qtbot.addWidget(dialog)
    assert not dialog.ok_button.isEnabled()
    for bad, words in (("1st", "start with a letter"), ("with space", "letters, digits"), ("before_update", "exists"),
                       ("current", "reserved")):
        dialog.name.setText(bad)
        assert not dialog.ok_button.isEnabled() and words in dialog.name_problem.text()
    dialog.name.setText("stable_config-2")
    assert dialog.ok_button.isEnabled() and dialog.vmstate.isEnabled()
    dialog.vmstate.setChecked(True)
    assert dialog.values() == ("stable_config-2", "", True)
    stopped = CreateSnapshotDialog(Instance("demo", 101, "web-staging", "qemu", "pve1", "stopped"))
    qtbot.addWidget(stopped)
    assert not stopped.vmstate.isEnabled() and "running VM" in stopped.vmstate_help.text()
    ct = CreateSnapshotDialog(Instance("demo", 200, "dns1", "lxc", "pve1", "running"))
    qtbot.addWidget(ct)
    assert ct.vmstate.isHidden()


@pytest.fixture
def instances(session):
    model = InstanceModel()
    model.apply(session.first)
    session.instances_polled.connect(model.apply)
    return model


def _view(qtbot, session, instances, vmid=100):
    view = SnapshotsView(session, ("demo", vmid), instances)
    qtbot.addWidget(view)
    view.confirm = lambda *_a: True
    view.resize(900, 400)
    with qtbot.waitSignal(view.refreshed, timeout=10000):
        view.show()
    return view


def _wait_list(qtbot, view, predicate, timeout=10000):
    def check():
        view.refresh()
        return predicate()
    qtbot.waitUntil(lambda: bool(check()), timeout=timeout)


def test_snapshot_with_ram_tree_rollback_delete(qtbot, session, instances, demo):
    view = _view(qtbot, session, instances)
    assert _children(view.snapshots) == ["current"] and view.empty.isVisible()
    assert view.create_snapshot("before_update", "stable state", vmstate=True)
    _wait_list(qtbot, view, lambda: view.snapshots.index_of("before_update").isValid())
    snap = view.snapshots.node(view.snapshots.index_of("before_update"))
    assert snap.vmstate and snap.description == "stable state"
    assert _children(view.snapshots, view.snapshots.index_of("before_update")) == ["current"]
    assert view.tree.isExpanded(view.snapshots.index_of("before_update"))
    # a second one (disk only) goes under the first; NOW follows
    assert view.create_snapshot("after_change")
    _wait_list(qtbot, view, lambda: view.snapshots.current_parent() == "after_change")
    assert _children(view.snapshots, view.snapshots.index_of("after_change")) == ["current"]
    assert not view.snapshots.node(view.snapshots.index_of("after_change")).vmstate
    # rollback to the RAM snapshot: NOW moves there; PVE leaves the VM running
    view.select("before_update")
    qtbot.waitUntil(view.rollback_button.isEnabled, timeout=10000)  # once the snapshot tasks are seen to end
    asked = []
    view.confirm = lambda title, text, ok: asked.append(text) or True
    view.on_rollback()
    assert asked and "changes since that snapshot are lost" in asked[0]
    _wait_list(qtbot, view, lambda: view.snapshots.current_parent() == "before_update")
    assert demo.pve.vm(100).status == "running"
    # edit the description, then delete the later snapshot
    assert view.set_description("after_change", "kept for reference")
    _wait_list(qtbot, view, lambda: view.snapshots.node(view.snapshots.index_of("after_change")).description
               == "kept for reference")
    view.select("after_change")
    qtbot.waitUntil(view.delete_button.isEnabled, timeout=10000)
    view.on_delete()
    _wait_list(qtbot, view, lambda: not view.snapshots.index_of("after_change").isValid())
    assert sorted(view.snapshots.names()) == ["before_update", "current"]


def test_lock_is_shown_and_blocks(qtbot, session, instances, demo):
    view = _view(qtbot, session, instances, vmid=105)  # fileserver: lock backup
    assert view.lock_label.isVisible() and "backup" in view.lock_label.text()
    assert not view.create_button.isEnabled()


def test_running_snapshot_task_shows_its_lock(qtbot, session, instances, demo):
    demo.pve.time_scale = 0.05  # the RAM snapshot of a 4 GiB VM takes ~8 PVE s: 0.4 s real
    view = _view(qtbot, session, instances)
    assert view.create_snapshot("slow_one", vmstate=True)
    qtbot.waitUntil(lambda: view.lock_label.isVisible() and "slow_one" in view.lock_label.text(), timeout=5000)
    assert not view.create_button.isEnabled()
    _wait_list(qtbot, view, lambda: view.snapshots.index_of("slow_one").isValid() and not view._busy,
               timeout=15000)
    qtbot.waitUntil(lambda: view.create_button.isEnabled(), timeout=10000)


def test_every_interactive_widget_is_named(qtbot, session, instances):
    from virton_desktop.ui.backups.snapshots_view import DescriptionDialog

    view = _view(qtbot, session, instances)
    view.errors_bar.show_message("x")
    assert not unnamed_widgets(view)
    for dialog in (CreateSnapshotDialog(instances.get(("demo", 100))), DescriptionDialog("a", "b")):
        qtbot.addWidget(dialog)
        dialog.show()
        assert not unnamed_widgets(dialog)


def test_row_menu_and_now_row(qtbot, session, instances):
    view = _view(qtbot, session, instances)
    view.select("current")
    entries = {a.objectName(): a for a in view.build_menu().actions() if not a.isSeparator()}
    assert not entries["menu-snapshotRollback"].isEnabled() and entries["menu-snapshotTake"].isEnabled()


def test_snapstate_in_the_date_column():
    """A snapshot PVE is still making or removing (`snapstate: prepare|delete`, as in qemu-server's
    snapshot-input-commit-qemu-server-101.conf): pve-manager's SnapshotTree.js shows the state in the
    Date/Status column instead of the date; qemu-server's snapshot_list passes `snapstate` on."""
    model = SnapshotModel()
    model.set_snapshots(Snapshot.from_api(i) for i in [
        {"name": "test", "snaptime": 1234567890, "snapstate": "prepare", "description": "test comment"},
        {"name": "done", "parent": "test", "snaptime": 1234567899},
        {"name": "current", "parent": "test", "description": "You are here!"}])
    assert model.index_of("test", COL_DATE).data() == "prepare"
    assert model.index_of("done", COL_DATE).data().startswith("2009-02-1")
    changes = []
    model.dataChanged.connect(lambda a, b, roles=(): changes.append(a.data(NameRole)))
    model.set_snapshots([{"name": "test", "snaptime": 1234567890, "description": "test comment"},
                         {"name": "done", "parent": "test", "snaptime": 1234567899},
                         {"name": "current", "parent": "test", "description": "You are here!"}])
    assert changes == ["test"] and model.index_of("test", COL_DATE).data().startswith("2009-02-1")


def test_no_ram_column_for_a_container(qtbot, session, instances):
    """SnapshotTree.js: the RAM column only for qemu (`showMemory: type === 'qemu'`)."""
    ct = _view(qtbot, session, instances, vmid=200)
    vm = _view(qtbot, session, instances, vmid=100)
    assert ct.tree.isColumnHidden(COL_RAM) and not vm.tree.isColumnHidden(COL_RAM)


def test_no_rollback_to_an_incomplete_snapshot(qtbot, session, instances, demo):
    """pve-guest-common AbstractConfig.pm snapshot_rollback dies "unable to rollback to incomplete
    snapshot (snapstate = ...)"; the web UI offers the button anyway, we do not. Delete stays (it is how
    such a leftover goes, e.g. qemu-server's snapshot-input-commit-qemu-server-101.conf)."""
    demo.pve.vm(100).snapshots["half"] = {"snaptime": 1234567890, "snapstate": "prepare", "description": ""}
    demo.pve.vm(100).snapshots["whole"] = {"snaptime": 1234567899, "parent": "half", "description": ""}
    view = _view(qtbot, session, instances)
    view.select("half")
    assert not view.rollback_button.isEnabled() and "incomplete snapshot (prepare)" in view.rollback_button.toolTip()
    assert view.delete_button.isEnabled()
    view.select("whole")
    assert view.rollback_button.isEnabled()
