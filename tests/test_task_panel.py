"""The task model, panel and log window: alone, and against the demo cluster."""

from dataclasses import replace

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QMessageBox

from virton_desktop.demo.served import ServedDemo
from virton_desktop.models.tasks import (
    COL_DETAIL,
    COL_DURATION,
    COL_GUEST,
    COL_STATUS,
    COL_TYPE,
    COLUMN_COUNT,
    TaskModel,
    TaskRole,
    failed_color,
)
from virton_desktop.pve import errors
from virton_desktop.pve.entities import Instance, Task
from virton_desktop.ui.tasks.task_log import TaskLogDialog
from virton_desktop.ui.tasks.task_panel import SETTINGS_KEY, TaskPanel

from conftest import make_session
from helpers import started

WAIT = 15000  # ms; the session's task watcher looks every second


def make_task(n, *, cluster="c1", type="qmstart", vmid=None, status="running", exitstatus="", start=1_700_000_000):
    vmid = 100 + n if vmid is None else vmid
    upid = "UPID:pve1:{0:08X}:00001B58:{1:08X}:{2}:{3}:root@pam:".format(1000 + n, start + n, type, vmid)
    return Task(cluster=cluster, upid=upid, node="pve1", type=type, id=str(vmid), user="root@pam",
                starttime=start + n, status=status, exitstatus=exitstatus)


def stopped(task, exitstatus="OK", endtime=0):
    return replace(task, status="stopped", exitstatus=exitstatus, endtime=endtime)


def column(model, col, role=Qt.ItemDataRole.DisplayRole):
    return [model.index(r, col).data(role) for r in range(model.rowCount())]


# ------------------------------------------------------------------ the model alone

def test_model_passes_qt_model_tester(qtmodeltester):
    model = TaskModel(max_finished=5)
    for n in range(8):
        model.update(make_task(n))
    qtmodeltester.check(model, force_py=False)
    # everything under the tester's watch: in-place updates, finishing, pruning, inserts, clear
    for n in range(8):
        model.update(stopped(make_task(n), "OK" if n % 2 else "VM is locked (backup)"))
    model.update(make_task(20))
    model.update(make_task(3, cluster="c2"))
    model.update(stopped(make_task(-5)))  # an old one: its place is at the bottom
    model.remove_cluster("c2")
    model.clear_finished()
    assert [t.starttime for t in model.tasks()] == [make_task(20).starttime]


def test_rows_newest_first_and_updates_in_place(qtbot):
    names = {("c1", 101): "web1"}
    model = TaskModel(name_of=lambda cluster, vmid: names.get((cluster, vmid), ""))
    resets, inserted, changed = [], [], []
    model.modelReset.connect(lambda: resets.append(1))
    model.rowsInserted.connect(lambda parent, first, last: inserted.append((first, last)))
    model.dataChanged.connect(lambda tl, br, roles=(): changed.append((tl.row(), br.row())))
    model.update(make_task(1))
    model.update(make_task(3))
    model.update(make_task(2))
    assert [t.starttime for t in model.tasks()] == [make_task(n).starttime for n in (3, 2, 1)]
    assert inserted == [(0, 0), (0, 0), (1, 1)]
    assert column(model, COL_GUEST) == ["103", "102", "101 (web1)"]
    assert column(model, COL_TYPE) == ["Start"] * 3
    assert column(model, COL_STATUS) == ["Running"] * 3

    changed.clear()
    with qtbot.waitSignal(model.task_finished) as finished:
        model.update(stopped(make_task(2), endtime=make_task(2).starttime + 75))
    assert finished.args[0].upid == make_task(2).upid
    assert changed == [(1, 1)]  # that row only
    assert not resets
    assert model.index(1, COL_STATUS).data() == "OK"
    assert model.index(1, COL_DURATION).data() == "00:01:15"
    # the same news again is no second "finished"
    again = []
    model.task_finished.connect(again.append)
    model.update(stopped(make_task(2), endtime=make_task(2).starttime + 75))
    assert again == []


def test_type_texts():
    model = TaskModel()
    expected = {"qmstart": "Start", "qmstop": "Stop", "qmshutdown": "Shutdown", "qmreboot": "Reboot",
                "qmreset": "Reset", "qmsuspend": "Pause", "qmresume": "Resume", "qmpause": "Pause",
                "vzstart": "Start", "vzstop": "Stop", "vzshutdown": "Shutdown", "vzreboot": "Reboot",
                "vzsuspend": "Pause", "vzresume": "Resume", "vzdump": "Backup", "qmcreate": "Create",
                "vzcreate": "Create", "qmdestroy": "Destroy", "vzdestroy": "Destroy", "qmsnapshot": "Snapshot",
                "qmrollback": "Rollback", "qmclone": "Clone", "qmigrate": "Migrate", "aptupdate": "aptupdate"}
    for type_, text in expected.items():
        assert model.type_text(make_task(0, type=type_)) == text
    assert model.guest_label(make_task(0, type="vzstart", vmid=200)) == "CT 200"
    assert model.guest_label(make_task(0, type="qmstop", vmid=100)) == "VM 100"
    assert model.guest_label(make_task(0, type="vzdump", vmid=100)) == "100"


def test_failed_task_is_red_with_described_tooltip():
    model = TaskModel()
    model.update(make_task(1))
    model.update(stopped(make_task(1), "VM is locked (backup)"))
    index = model.index(0, COL_STATUS)
    assert index.data().startswith("Failed")
    assert "VM is locked (backup)" in index.data()
    assert model.index(0, COL_DETAIL).data() == "VM is locked (backup)"
    assert QColor(index.data(Qt.ItemDataRole.ForegroundRole)) == failed_color()
    assert index.data(Qt.ItemDataRole.ToolTipRole) == errors.describe(errors.Locked("", lock="backup"))
    ok = make_task(2)
    model.update(stopped(ok))
    assert model.index(0, COL_STATUS).data(Qt.ItemDataRole.ForegroundRole) is None


def test_keeps_at_most_max_finished_dropping_the_oldest():
    model = TaskModel(max_finished=3)
    model.update(make_task(0))  # running: never dropped
    for n in range(1, 7):
        model.update(stopped(make_task(n)))
    starts = [t.starttime for t in model.tasks()]
    assert starts == [make_task(n).starttime for n in (6, 5, 4, 0)]
    model.update(stopped(make_task(0)))  # now finished and the oldest: dropped
    assert [t.starttime for t in model.tasks()] == [make_task(n).starttime for n in (6, 5, 4)]


def test_live_duration_ticks_only_running_rows(qtbot):
    model = TaskModel()
    model.update(stopped(make_task(1), endtime=make_task(1).starttime + 5))
    assert not model.ticking
    model.update(make_task(2))
    assert model.ticking
    with qtbot.waitSignal(model.dataChanged, timeout=3000) as changed:
        pass
    top_left, bottom_right = changed.args[0], changed.args[1]
    assert (top_left.row(), top_left.column()) == (0, COL_DURATION)
    assert (bottom_right.row(), bottom_right.column()) == (0, COL_DURATION)
    model.update(stopped(make_task(2)))
    assert not model.ticking


# ------------------------------------------------------------------ against the demo cluster

@pytest.fixture
def slow_demo():
    """The demo cluster with tasks that take a little real time (1 PVE second = 10 ms)."""
    served = ServedDemo(time_scale=0.01)
    yield served
    served.close()


@pytest.fixture
def live_session(slow_demo, qtbot):
    """A started session on `slow_demo` after its first poll; `names` maps vmid -> guest name."""
    s = make_session(slow_demo)
    s.names = {}
    s.instances_polled.connect(lambda delta: s.names.update({i.vmid: i.name for i in delta.changed}))
    started(qtbot, s, WAIT)
    yield s
    s.close()


@pytest.fixture
def panel(live_session, qtbot, tmp_path):
    session = live_session
    settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    p = TaskPanel(name_of=lambda cluster, vmid: session.names.get(vmid, ""), settings=settings)
    qtbot.addWidget(p)
    p.attach(session)
    p.show()
    return p


def guest(vmid, node, status="stopped"):
    return Instance.from_api("demo", {"vmid": vmid, "node": node, "type": "qemu", "status": status})


def run_to_end(panel, session, qtbot, instance, action):
    """Act on a guest and wait until the task panel shows its task finished; the Task."""
    model = panel.model
    finished = []
    model.task_finished.connect(finished.append)
    with qtbot.waitSignal(session.guest_action(instance, action).finished, timeout=WAIT) as answer:
        pass
    assert answer.args[1] is None, answer.args[1]
    upid = answer.args[0]
    assert model.get("demo", upid) is not None  # listed as soon as the action was accepted
    qtbot.waitUntil(lambda: any(t.upid == upid for t in finished), timeout=WAIT)
    model.task_finished.disconnect(finished.append)
    assert [t.upid for t in finished].count(upid) == 1
    return next(t for t in finished if t.upid == upid)


def test_start_appears_running_then_finishes_ok(panel, live_session, qtbot, qtmodeltester):
    session = live_session
    qtmodeltester.check(panel.model, force_py=False)
    model = panel.model
    running_seen = []
    model.rowsInserted.connect(lambda parent, first, last: running_seen.append(
        (model.task(first).upid, model.task(first).running)))
    messages = []
    panel.message.connect(messages.append)
    task = run_to_end(panel, session, qtbot, guest(101, "pve1"), "start")
    assert (task.upid, True) in running_seen and (task.upid, False) not in running_seen
    assert task.ok
    row = model.row_of("demo", task.upid)
    assert model.index(row, COL_STATUS).data() == "OK"
    assert model.index(row, COL_TYPE).data() == "Start"
    assert model.index(row, COL_GUEST).data() == "101 (web-staging)"
    assert model.index(row, COL_DURATION).data()  # known: the end was seen
    assert "Start of VM 101 (web-staging) finished" in messages
    assert panel._running.text() == "Running: {0}".format(model.running_count())


def test_failing_task_shows_server_message_in_red(panel, live_session, qtbot):
    session = live_session
    messages = []
    panel.message.connect(messages.append)
    # 105 (fileserver) carries lock: backup; PVE accepts the start and the task fails
    task = run_to_end(panel, session, qtbot, guest(105, "pve3", "running"), "start")
    assert task.failed and task.exitstatus == "VM is locked (backup)"
    model = panel.model
    row = model.row_of("demo", task.upid)
    assert "VM is locked (backup)" in model.index(row, COL_STATUS).data()
    assert model.index(row, COL_DETAIL).data() == "VM is locked (backup)"
    assert QColor(model.index(row, COL_TYPE).data(Qt.ItemDataRole.ForegroundRole)) == failed_color()
    assert "locked (backup)" in model.index(row, COL_STATUS).data(Qt.ItemDataRole.ToolTipRole)
    assert "Start of VM 105 (fileserver) failed: VM is locked (backup)" in messages


def test_log_dialog_of_finished_task(panel, live_session, qtbot):
    session = live_session
    task = run_to_end(panel, session, qtbot, guest(105, "pve3", "running"), "start")
    panel.view.setFocus()
    panel.view.setCurrentIndex(panel.proxy.mapFromSource(panel.model.index(panel.model.row_of("demo", task.upid), 0)))
    with qtbot.waitSignal(panel.log_opened) as opened:
        qtbot.keyClick(panel.view, Qt.Key.Key_Return)  # Enter (or a double-click) opens the log
    dialog = opened.args[0]
    assert isinstance(dialog, TaskLogDialog) and dialog.isVisible() and not dialog.isModal()
    qtbot.waitUntil(lambda: not dialog.polling, timeout=WAIT)
    assert dialog.log_text().splitlines() == ["VM is locked (backup)", "TASK ERROR: VM is locked (backup)"]
    exit_label = dialog.findChild(type(dialog._exit), "taskLogExitStatus")
    assert exit_label.isVisible() and "VM is locked (backup)" in exit_label.text()
    assert exit_label.palette().color(exit_label.foregroundRole()) == failed_color(dialog.palette())
    assert dialog.findChild(type(dialog._type), "taskLogType").text() == "Start"
    assert dialog.findChild(type(dialog._guest), "taskLogGuest").text() == "VM 105 (fileserver)"
    # new lines keep the view at the bottom only if the user was there
    bar = dialog._text.verticalScrollBar()
    dialog.follower.feed([{"n": n, "t": "line {0}".format(n)} for n in range(3, 203)])
    assert dialog.line_count() == 202 and bar.value() == bar.maximum() > 0
    bar.setValue(10)
    dialog.follower.feed([{"n": n, "t": "line {0}".format(n)} for n in range(200, 260)])  # overlapping page
    assert dialog.line_count() == 259 and bar.value() == 10
    assert dialog.log_text().count("line 201") == 1
    bar.setValue(bar.maximum())
    dialog.follower.feed([{"n": 260, "t": "last"}])
    assert bar.value() == bar.maximum()
    # the same task again raises the open window instead of a second one
    assert panel.open_log(task) is dialog
    dialog._copy.click()
    from PySide6.QtGui import QGuiApplication
    assert QGuiApplication.clipboard().text() == dialog.log_text()
    with qtbot.waitSignal(dialog.finished):
        dialog._close.click()
    assert panel.log_dialog(task) is None


def test_log_dialog_follows_a_running_task(panel, live_session, slow_demo, qtbot):
    session, demo = live_session, slow_demo
    demo.pve.time_scale = 0.5  # start takes 3 PVE seconds: 1.5 s here
    model = panel.model
    with qtbot.waitSignal(session.guest_action(guest(112, "pve2"), "start").finished, timeout=WAIT) as answer:
        pass
    upid = answer.args[0]
    task = model.get("demo", upid)
    assert task.running
    dialog = panel.open_log(task)
    qtbot.waitUntil(lambda: not dialog.polling, timeout=WAIT)

    def asked(what):
        return sum(1 for method, path, *_ in list(demo.pve.requests)
                   if method == "GET" and path.endswith("/tasks/{0}/{1}".format(upid, what)))
    assert asked("log") >= 2  # polled while running, then the final fetch
    assert not dialog.task.running and dialog.task.ok
    assert dialog.log_text().splitlines()[-1] == "TASK OK"
    assert dialog.log_text().count("TASK OK") == 1  # only new lines are appended
    assert not dialog._exit.isVisible()
    qtbot.waitUntil(lambda: not model.get("demo", upid).running, timeout=WAIT)
    dialog.close()


def test_stop_a_running_task(panel, live_session, slow_demo, qtbot):
    session, demo = live_session, slow_demo
    demo.pve.time_scale = 1.0  # a shutdown of 6 PVE seconds: still running when we stop it
    with qtbot.waitSignal(session.guest_action(guest(100, "pve1", "running"), "shutdown").finished,
                          timeout=WAIT) as answer:
        pass
    task = panel.model.get("demo", answer.args[0])
    assert task.running
    menu = panel.context_menu(task)
    actions = {a.objectName(): a for a in menu.actions()}
    assert actions["taskStop"].isEnabled() and actions["taskShowLog"].isEnabled()
    actions["taskStop"].trigger()
    menu.close()
    # fakepve accepts the DELETE but does not abort its tasks: check the request went out
    qtbot.waitUntil(lambda: any(method == "DELETE" and path.endswith("/tasks/" + task.upid)
                                for method, path, *_ in list(demo.pve.requests)), timeout=WAIT)
    assert not panel._stop_replies or all(not r.error for r in panel._stop_replies)

    # a refused stop is worded by errors.describe, in a non-modal box and on the status bar
    demo.pve.fail("DELETE", "/tasks/" + task.upid, 500, "boom")
    messages = []
    panel.message.connect(messages.append)
    with qtbot.waitSignal(panel.stop_task(task).finished, timeout=WAIT) as refused:
        pass
    assert refused.args[1] is not None
    box = panel.findChild(QMessageBox, "taskStopError")
    assert box is not None and box.isVisible() and not box.isModal()
    assert errors.describe(refused.args[1]) in box.text()
    assert messages and errors.describe(refused.args[1]) in messages[0]
    box.close()

    finished_menu = panel.context_menu(stopped(task))
    assert not {a.objectName(): a for a in finished_menu.actions()}["taskStop"].isEnabled()
    finished_menu.close()


def test_clear_finished_keeps_running_rows(panel, live_session, qtbot):
    session = live_session
    run_to_end(panel, session, qtbot, guest(101, "pve1"), "start")
    made_up = make_task(1, cluster="demo")  # a running one
    panel.model.update(made_up)
    assert panel.model.rowCount() >= 2
    assert panel._clear.isEnabled()
    panel._clear.click()
    assert all(t.running for t in panel.model.tasks())
    assert panel.model.get("demo", made_up.upid) is not None
    assert not panel._clear.isEnabled()
    assert panel._running.text() == "Running: {0}".format(panel.model.rowCount())


def test_header_state_is_saved_and_restored(qtbot, tmp_path):
    settings = QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat)
    first = TaskPanel(settings=settings)
    qtbot.addWidget(first)
    first.view.horizontalHeader().resizeSection(COL_GUEST, 321)
    first.save_header()
    settings.sync()
    assert settings.value(SETTINGS_KEY)
    second = TaskPanel(settings=QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat))
    qtbot.addWidget(second)
    assert second.view.horizontalHeader().sectionSize(COL_GUEST) == 321


def test_widgets_are_named_for_accessibility(panel):
    from PySide6.QtWidgets import QAbstractButton, QAbstractItemView
    for widget in panel.findChildren(QAbstractButton) + panel.findChildren(QAbstractItemView):
        if widget.objectName().startswith("qt_") or widget.parent() is panel:  # Qt's own (dock buttons)
            continue
        assert widget.objectName() and widget.accessibleName(), widget
    assert panel.objectName() == "taskPanel" and panel.windowTitle() == "Tasks"
    assert COLUMN_COUNT == panel.model.columnCount()
    assert TaskRole
