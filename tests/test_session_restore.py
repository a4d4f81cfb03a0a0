"""Session restore: guest pages and consoles open at close come back after a restart, once
their cluster is online; a gone guest is dropped quietly; a damaged record is kept aside."""

from __future__ import annotations

import json

import pytest

from virton_desktop.open_windows import CONSOLE, FILE_NAME, PAGE, PAGE_WINDOW, OpenItem, OpenWindowsFile
from virton_desktop.ui.console.console_view import ConsoleState
from virton_desktop.ui.main_window import MainWindow
from virton_desktop.ui.session_restore import SETTING, cluster_key

from conftest import make_session

RUNNING_VM = 100


@pytest.fixture
def state_home(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path))
    return tmp_path / "virton-desktop"


def started_window(qtbot, demo):
    """A new main window as the app builds it (restore started), connected to the demo."""
    w = MainWindow()
    qtbot.addWidget(w)
    w.session_restore.start()
    with qtbot.waitSignal(w.first_data, timeout=15000):
        w.clusters.add(make_session(demo))
    w.show()
    return w


def close(w):
    w.close()
    for s in w.clusters.sessions():
        s.close()


@pytest.fixture
def restore_on():
    from PySide6.QtCore import QSettings

    QSettings().setValue(SETTING, True)
    yield
    QSettings().setValue(SETTING, True)


def test_record_survives_a_round_trip_and_skips_unreadable_windows(state_home):
    state_home.mkdir(parents=True)
    (state_home / FILE_NAME).write_text(json.dumps({"version": 1, "clusters": {
        "name:demo": {"items": [{"kind": "page", "vmid": 100, "tab": 2}, {"kind": "console"},
                                {"kind": "bogus", "vmid": 1}, {"kind": "shell", "node": "pve1", "docked": True},
                                {"kind": "console", "vmid": True}, {"kind": "terminal", "vmid": 105},
                                {"kind": "page-window", "vmid": 101, "geometry": "AdnQ"},
                                {"kind": "page-window", "vmid": 102, "geometry": 7}]},
        "profile:x": "not a record"}}))
    record = OpenWindowsFile()
    assert record.items("name:demo") == [OpenItem(PAGE, 100, tab=2), OpenItem("shell", node="pve1", docked=True),
                                         OpenItem("terminal", 105), OpenItem(PAGE_WINDOW, 101, geometry="AdnQ"),
                                         OpenItem(PAGE_WINDOW, 102)]
    record.put_all({"name:other": [OpenItem(CONSOLE, 7)]})
    again = json.loads((state_home / FILE_NAME).read_text())
    assert again["clusters"]["profile:x"] == "not a record"  # what it cannot read, it carries along
    assert again["clusters"]["name:other"] == {"items": [{"kind": "console", "vmid": 7}]}


def test_open_page_and_console_come_back_after_a_restart(qtbot, demo, state_home, restore_on):
    OpenWindowsFile().put_all({"name:offline": [OpenItem(PAGE, 7)]})
    w = started_window(qtbot, demo)
    vm = w.model.get(("demo", RUNNING_VM))
    page = w.open_detail(vm)
    page.tabs.setCurrentIndex(1)
    pane = w.open_console(vm)
    qtbot.waitUntil(lambda: pane.view.state == ConsoleState.CONNECTED, timeout=30000)
    close(w)
    saved = OpenWindowsFile().items("name:demo")
    assert OpenItem(PAGE, RUNNING_VM, tab=1) in saved and OpenItem(CONSOLE, RUNNING_VM) in saved
    assert OpenWindowsFile().items("name:offline") == [OpenItem(PAGE, 7)]  # not connected in this run: kept

    # A restart: nothing reopens before the cluster's first poll, then both do, and connect.
    w2 = MainWindow()
    qtbot.addWidget(w2)
    w2.session_restore.start()
    assert w2.detail is None and not w2.consoles.panes
    with qtbot.waitSignal(w2.first_data, timeout=15000):
        w2.clusters.add(make_session(demo))
    qtbot.waitUntil(lambda: w2.detail is not None and ("demo", RUNNING_VM) in w2.consoles.panes, timeout=15000)
    assert w2.detail.key == ("demo", RUNNING_VM) and w2.detail.tabs.currentIndex() == 1
    pane2 = w2.consoles.panes[("demo", RUNNING_VM)]
    qtbot.waitUntil(lambda: pane2.view.state == ConsoleState.CONNECTED, timeout=30000)
    close(w2)


def test_a_gone_guest_is_dropped_quietly(qtbot, demo, state_home, restore_on):
    OpenWindowsFile().put_all({"name:demo": [OpenItem(PAGE, 999_999), OpenItem(CONSOLE, 999_998)]})
    w = started_window(qtbot, demo)
    qtbot.waitUntil(lambda: "not reopened" in w.statusBar().currentMessage(), timeout=15000)
    assert w.detail is None and not w.consoles.panes
    assert w.errors_bar.isHidden()  # no error, no dialog: one line in the status bar
    close(w)
    assert OpenWindowsFile().items("name:demo") == []  # and it is forgotten


def test_with_the_setting_off_nothing_comes_back(qtbot, demo, state_home, restore_on):
    OpenWindowsFile().put_all({"name:demo": [OpenItem(PAGE, RUNNING_VM)]})
    w = MainWindow()
    qtbot.addWidget(w)
    action = w.findChild(type(w.refresh_action), "action-restore-windows")
    assert action is not None and action.isChecked()
    action.trigger()  # the user turns it off
    assert not action.isChecked()
    w.session_restore.start()
    with qtbot.waitSignal(w.first_data, timeout=15000):
        w.clusters.add(make_session(demo))
    qtbot.wait(0)
    assert w.detail is None
    close(w)


def test_a_damaged_record_is_kept_aside_and_start_proceeds(qtbot, demo, state_home, restore_on):
    state_home.mkdir(parents=True)
    (state_home / FILE_NAME).write_text("{ not json")
    w = started_window(qtbot, demo)
    assert w.model.rowCount() > 0 and w.detail is None
    assert [p.name for p in state_home.iterdir() if p.name.startswith(FILE_NAME) and p.name != FILE_NAME]
    vm = w.model.get(("demo", RUNNING_VM))
    w.open_detail(vm)
    close(w)
    assert OpenWindowsFile().items("name:demo") == [OpenItem(PAGE, RUNNING_VM)]


def test_cluster_key_prefers_the_profile():
    class S:
        name, profile_id = "seoul", "abc"

    assert cluster_key(S()) == "profile:abc"
    S.profile_id = None
    assert cluster_key(S()) == "name:seoul"


def saved_kinds(vmid):
    return {item.kind for item in OpenWindowsFile().items("name:demo") if item.vmid == vmid}


def test_closing_a_console_or_page_window_is_remembered_without_quitting(qtbot, demo, state_home, restore_on):
    w = started_window(qtbot, demo)
    vm = w.model.get(("demo", RUNNING_VM))
    pane = w.open_console(vm)
    page = w.open_detail_window(vm.key)
    qtbot.waitUntil(lambda: saved_kinds(RUNNING_VM) == {CONSOLE, PAGE_WINDOW}, timeout=15000)
    w.consoles.close(pane.key)
    page.close()
    qtbot.waitUntil(lambda: saved_kinds(RUNNING_VM) == set(), timeout=15000)
    close(w)


def test_a_page_window_comes_back_where_it_was(qtbot, demo, state_home, restore_on):
    w = started_window(qtbot, demo)
    page = w.open_detail_window(("demo", RUNNING_VM))
    page.tabs.setCurrentIndex(2)
    page.setGeometry(40, 50, 700, 500)
    size = page.size()
    close(w)
    [saved] = OpenWindowsFile().items("name:demo")
    assert saved.kind == PAGE_WINDOW and saved.tab == 2 and saved.geometry

    w2 = started_window(qtbot, demo)
    qtbot.waitUntil(lambda: ("demo", RUNNING_VM) in w2.detail_windows, timeout=15000)
    again = w2.detail_windows[("demo", RUNNING_VM)]
    assert again.tabs.currentIndex() == 2 and again.size() == size
    close(w2)


def test_a_window_never_started_neither_restores_nor_saves(qtbot, demo, state_home, restore_on):
    """Tests and --screenshot build windows that must not touch the user's record."""
    OpenWindowsFile().put_all({"name:demo": [OpenItem(CONSOLE, RUNNING_VM)]})
    w = MainWindow()
    qtbot.addWidget(w)
    with qtbot.waitSignal(w.first_data, timeout=15000):
        w.clusters.add(make_session(demo))
    w.open_detail(w.model.get(("demo", RUNNING_VM)))
    assert not w.consoles.panes
    close(w)
    assert OpenWindowsFile().items("name:demo") == [OpenItem(CONSOLE, RUNNING_VM)]


def test_turning_the_setting_off_forgets_the_record(qtbot, demo, state_home, restore_on):
    OpenWindowsFile().put_all({"name:demo": [OpenItem(PAGE, 999_999)], "name:offline": [OpenItem(PAGE, 7)]})
    w = MainWindow()
    qtbot.addWidget(w)
    w.session_restore.start()
    w.session_restore.action.setChecked(False)
    assert OpenWindowsFile().items("name:demo") == [] and OpenWindowsFile().items("name:offline") == []
    w.session_restore.action.setChecked(True)  # back on in this run: what opens from now on counts
    with qtbot.waitSignal(w.first_data, timeout=15000):
        w.clusters.add(make_session(demo))
    assert w.detail is None
    w.open_detail(w.model.get(("demo", RUNNING_VM)))
    close(w)
    assert OpenWindowsFile().items("name:demo") == [OpenItem(PAGE, RUNNING_VM)]
