"""Desktop notifications of long tasks (ui/notifier.py) and the tray icon (ui/tray.py), against the demo."""

from __future__ import annotations

import dataclasses

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QMenu

from virton_desktop.pve import api
from virton_desktop.pve.entities import Task
from virton_desktop.ui.notifier import LONG_TASK_TYPES, is_long
from virton_desktop.ui.tray import SETTING

GiB = 1024 ** 3


def _recorder(window, active: bool) -> list:
    """Every notification of the window's notifier, with the window (in)active as told."""
    seen = []
    window.tray.notifier.is_window_active = lambda: active
    window.tray.notifier.notified.connect(lambda title, body, key: seen.append((title, body, key)))
    return seen


def _guest(window, vmid: int):
    return next(i for i in window.model.all_instances() if i.vmid == vmid)


def _run_task(qtbot, window, op) -> Task:
    """Start a task through the app's session and wait until the registry saw it stop."""
    ended = []
    window.clusters.task_changed.connect(lambda t: ended.append(t) if not t.running else None)
    reply = window.clusters.get("demo").run(op)
    upids = []
    reply.then(window, lambda upid, error: upids.append(upid))
    qtbot.waitUntil(lambda: bool(upids) and any(t.upid == upids[0] for t in ended), timeout=15000)
    return next(t for t in ended if t.upid == upids[0])


def test_backup_ending_while_inactive_notifies_once_with_guest_and_cluster(qtbot, window):
    seen = _recorder(window, active=False)
    guest = _guest(window, 100)
    task = _run_task(qtbot, window, api.vzdump(guest.node, {"vmid": 100, "storage": "local"}))
    assert task.ok
    window.refresh()  # later polls repeat the stopped task: still one notice
    qtbot.waitUntil(lambda: window.tasks.get("demo", task.upid) is not None)
    assert len(seen) == 1
    title, body, key = seen[0]
    assert "Backup" in title and "finished" in title
    assert "100" in body and guest.name in body and "demo" in body
    assert key == ("demo", task.upid)


def test_failed_backup_says_why(qtbot, window, demo):
    seen = _recorder(window, active=False)
    demo.pve.storages["local"]["avail"] = 1 * GiB
    guest = _guest(window, 102)
    task = _run_task(qtbot, window, api.vzdump(guest.node, {"vmid": 102, "storage": "local"}))
    assert task.failed
    assert len(seen) == 1
    title, body, _key = seen[0]
    assert "failed" in title
    assert "no space left on device" in body.lower()
    assert "102" in body and "demo" in body


def test_no_notification_while_the_window_is_active(qtbot, window):
    seen = _recorder(window, active=True)
    guest = _guest(window, 100)
    _run_task(qtbot, window, api.vzdump(guest.node, {"vmid": 100, "storage": "local"}))
    assert seen == []


def test_a_short_start_task_does_not_notify(qtbot, window):
    seen = _recorder(window, active=False)
    stopped = next(i for i in window.model.all_instances() if i.status == "stopped" and not i.template)
    task = _run_task(qtbot, window, api.power(stopped, "start"))
    assert task.type.endswith("start") and not is_long(task)
    assert seen == []


def test_tasks_finished_at_first_sight_do_not_notify(qtbot, window):
    seen = _recorder(window, active=False)
    notifier = window.tray.notifier
    for type_ in sorted(LONG_TASK_TYPES):  # a listing of old tasks: each one stopped when first seen
        notifier.task_changed(Task("demo", "UPID:pve1:1:1:1:{0}:100:root@pam:".format(type_), "pve1", type_,
                                   "100", "root@pam", 1, status="stopped", exitstatus="OK", endtime=500))
    assert seen == []


def test_any_task_that_ran_a_minute_counts_as_long():
    quick = Task("demo", "u", "pve1", "qmstart", "100", "root@pam", 1000, status="stopped", exitstatus="OK",
                 endtime=1005)
    slow = Task("demo", "u", "pve1", "qmshutdown", "100", "root@pam", 1000, status="stopped",
                exitstatus="OK", endtime=1090)
    assert not is_long(quick) and is_long(slow)


def test_tray_tooltip_counts_running_tasks_and_its_setting_is_stored(qtbot, window):
    tray = window.tray
    running = Task("demo", "UPID:pve1:2:2:2:vzdump:100:root@pam:", "pve1", "vzdump", "100", "root@pam", 2)
    before = window.tasks.running_count()
    window.tasks.update(running)
    assert "Running tasks: {0}".format(before + 1) in tray.icon.toolTip()
    window.tasks.update(dataclasses.replace(running, status="stopped", exitstatus="OK", endtime=3))
    assert window.tasks.running_count() == before
    assert ("Running tasks: {0}".format(before) in tray.icon.toolTip()) == (before > 0)
    view = window.findChild(QMenu, "viewMenu")
    assert tray.toggle in view.actions()
    assert not tray.toggle.isChecked()  # off by default
    tray.set_enabled(True)
    assert QSettings().value(SETTING, type=bool) is True
    assert [a.objectName() for a in tray.menu.actions() if a.objectName()] == ["trayShowWindow", "trayQuit"]


def test_clicking_a_notification_selects_the_task_and_opens_its_log(qtbot, window):
    seen = _recorder(window, active=False)
    guest = _guest(window, 100)
    task = _run_task(qtbot, window, api.vzdump(guest.node, {"vmid": 100, "storage": "local"}))
    assert seen
    with qtbot.waitSignal(window.task_panel.log_opened, timeout=5000):
        window.tray.focus_task(seen[0][2])
    assert [t.upid for t in window.task_panel.selected_tasks()] == [task.upid]
    assert window.task_panel.log_dialog(task) is not None
