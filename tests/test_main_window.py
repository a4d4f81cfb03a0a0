"""The main window on the demo cluster: list, search and filters, actions, errors, stalls."""

import os
import subprocess
import sys
import time

from PySide6.QtCore import QItemSelectionModel
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QAbstractButton, QLineEdit, QWidget

from virton_desktop.demo import ServedDemo
from virton_desktop.models.instances import COL_NAME, COL_STATUS
from virton_desktop.pve.entities import RUNNING, STOPPED
from virton_desktop.pve.power import Action

from conftest import Heartbeat, make_session, record_stall

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def rows(window):
    m = window.model
    return [m.instance(r) for r in range(m.rowCount())]


def instance(window, vmid):
    return window.model.get(("demo", vmid))


def test_every_guest_is_listed_with_state_and_resources(window, demo):
    listed = {i.vmid: i for i in rows(window)}
    assert len(listed) >= 25
    m = window.model
    row = m.row_of(("demo", 100))
    assert m.index(row, COL_NAME).data() == "web1"
    assert m.index(row, COL_STATUS).data() == "Running"
    counts = window.page.counts.text()
    running = sum(1 for i in listed.values() if i.status == RUNNING)
    assert counts.startswith("{0} running / {1}".format(running, len(listed)))


def test_search_and_filters_narrow_the_list(qtbot, window):
    page = window.page
    qtbot.keyClicks(page.search, "k8s")
    qtbot.waitUntil(lambda: {i.name for i in rows(window)} == {"k8s-node-1", "k8s-node-2", "k8s-node-3"},
                    timeout=3000)
    page.search.clear()
    qtbot.keyClicks(page.search, "105")
    qtbot.waitUntil(lambda: [i.vmid for i in rows(window)] == [105], timeout=3000)
    page.search.clear()
    page.node_filter.setCurrentIndex(page.node_filter.findData("pve2"))
    page.type_filter.setCurrentIndex(page.type_filter.findData("lxc"))
    qtbot.waitUntil(lambda: rows(window) and all(i.node == "pve2" and i.type == "lxc" for i in rows(window)),
                    timeout=3000)
    page.type_filter.setCurrentIndex(0)
    page.status_filter.setCurrentIndex(page.status_filter.findData("paused"))
    assert [i.vmid for i in rows(window)] == [114]
    assert "shown" in page.counts.text()
    page.node_filter.setCurrentIndex(0)
    page.status_filter.setCurrentIndex(0)
    qtbot.keyClicks(page.search, "no-such-guest")
    qtbot.waitUntil(lambda: page.empty.isVisible(), timeout=3000)


def test_poll_keeps_selection_and_scroll_without_reset(qtbot, window, demo):
    page = window.page
    assert page.select(("demo", 111))
    resets = []
    window.model.modelReset.connect(lambda: resets.append(1))
    demo.pve.vm(101).status = "running"
    demo.pve.add_vm(99, "brand-new", node="pve1")
    demo.pve.vms.remove(demo.pve.vm(112))
    session = window.clusters.get("demo")
    with qtbot.waitSignal(session.instances_polled, timeout=10000):
        session.refresh()
    assert not resets
    assert [i.vmid for i in page.selected()] == [111]
    assert instance(window, 99) is not None and instance(window, 112) is None
    assert instance(window, 101).status == RUNNING


def power_entries(menu, enabled=True):
    """The power actions of the row menu (other verbs, such as Migrate…, are not power)."""
    power = {"menu-" + action.value for action in Action}
    return {a.text() for a in menu.actions() if a.text() and a.isEnabled() == enabled and a.objectName() in power}


def test_row_menu_offers_only_valid_actions(window):
    page = window.page
    page.select(("demo", 101))  # stopped VM
    assert power_entries(page.build_menu()) == {"Start"}
    page.select(("demo", 100))  # running VM
    assert power_entries(page.build_menu()) == {"Shutdown", "Reboot", "Pause", "Stop", "Reset"}
    page.select(("demo", 107))  # paused VM
    assert power_entries(page.build_menu()) == {"Resume", "Stop"}
    page.select(("demo", 105))  # locked: the reason is shown, nothing enabled
    menu = page.build_menu()
    read_only = ("menu-console", "menu-spice", "menu-details", "menu-compare-config")
    assert not [a for a in menu.actions() if a.isEnabled() and not a.isSeparator()
                and a.menu() is None and not a.objectName().startswith(read_only)]
    assert any("locked (backup)" in a.text() for a in menu.actions())
    # toolbar actions follow the selection
    assert not window.power_actions[Action.START].isEnabled()
    assert "locked" in window.power_actions[Action.STOP].toolTip()
    page.select(("demo", 9000))  # a template has no console
    assert not next(a for a in page.build_menu().actions() if a.objectName() == "menu-console").isEnabled()


def test_bulk_start_and_confirmed_stop(qtbot, window):
    page = window.page
    sel = page.table.selectionModel()
    flags = QItemSelectionModel.SelectionFlag.Select | QItemSelectionModel.SelectionFlag.Rows
    sel.clearSelection()
    for vmid in (101, 112, 100):
        sel.select(window.model.index(window.model.row_of(("demo", vmid)), 0), flags)
    menu = page.build_menu()
    texts = [a.text() for a in menu.actions()]
    assert "Start (2 of 3)" in texts and "Stop (1 of 3)" in texts
    asked = []
    window.actions.confirm = lambda action, targets: asked.append((action, [t.vmid for t in targets])) or True
    window.power_actions[Action.START].trigger()
    qtbot.waitUntil(lambda: instance(window, 101).status == RUNNING and instance(window, 112).status == RUNNING,
                    timeout=10000)
    window.power_actions[Action.STOP].trigger()
    assert asked == [(Action.STOP, [100, 101, 112])]
    qtbot.waitUntil(lambda: all(instance(window, v).status == STOPPED for v in (100, 101, 112)), timeout=10000)
    # the tasks are in the task panel, finished
    model = window.task_panel.model
    assert model.rowCount() >= 5


def test_declined_confirmation_sends_nothing(qtbot, window, demo):
    window.page.select(("demo", 100))
    window.actions.confirm = lambda action, targets: False
    before = len(demo.pve.requests)
    window.power_actions[Action.RESET].trigger()
    assert not any("/status/reset" in r[1] for r in demo.pve.requests[before:])


def test_action_on_a_guest_locked_meanwhile_shows_pves_refusal(qtbot, window, demo):
    window.page.select(("demo", 101))
    demo.pve.snapshot_lock(101, "backup")  # the lock appears after the list was polled
    window.power_actions[Action.START].trigger()
    bar = window.errors_bar
    qtbot.waitUntil(bar.isVisible, timeout=10000)
    text = bar.label.text()
    assert "101 (web-staging)" in text and "locked (backup)" in text
    assert "Wait for that task to finish" in text


def test_gui_thread_never_stalls_on_a_slow_cluster(qtbot):
    """With 2 s per answer, login, polls and actions run while a 10 ms heartbeat keeps ticking."""
    from virton_desktop.ui.main_window import MainWindow

    with ServedDemo(time_scale=0, latency=2.0) as slow:
        w = MainWindow()
        qtbot.addWidget(w)
        w.show()
        with Heartbeat() as heart:
            with qtbot.waitSignal(w.first_data, timeout=20000):
                w.clusters.add(make_session(slow))
            w.page.select(("demo", 101))
            w.power_actions[Action.START].trigger()
            qtbot.waitUntil(lambda: instance(w, 101).status == RUNNING, timeout=30000)
        for s in w.clusters.sessions():
            s.close(wait_ms=10000)
    assert len(heart.gaps) > 100
    record_stall("a cluster answering in 2 s", True, heart.worst_ms)


def test_every_interactive_widget_is_named(window):
    from PySide6.QtWidgets import QAbstractItemView, QComboBox, QToolButton

    window.page.set_clusters(["demo", "other"])  # shows the cluster filter too
    missing = []
    for widget in window.findChildren(QWidget):
        if not isinstance(widget, (QAbstractButton, QLineEdit, QComboBox, QAbstractItemView)):
            continue
        if not widget.isVisible() or widget.objectName().startswith("qt_"):
            continue
        if isinstance(widget, QToolButton) and widget.parent() is not None and \
                type(widget.parent()).__name__ in ("QTabBar", "QDockWidget", "QMenuBar"):
            continue  # Qt's own dock title buttons and extension arrows
        text = widget.text() if isinstance(widget, QAbstractButton) else ""
        if not widget.objectName() or not (widget.accessibleName() or text):
            missing.append("{0} name={1!r} accessible={2!r}".format(
                type(widget).__name__, widget.objectName(), widget.accessibleName()))
    assert not missing, "\n".join(missing)


def test_screenshot_command_writes_the_populated_list(tmp_path):
    out = tmp_path / "shot.png"
    env = dict(os.environ, PYTHONPATH=ROOT + os.pathsep + os.environ.get("PYTHONPATH", ""))
    started = time.monotonic()
    done = subprocess.run([sys.executable, "-m", "virton_desktop", "--demo", "--screenshot", str(out)],
                          env=env, capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr[-2000:]
    assert time.monotonic() - started < 30
    image = QImage(str(out))
    assert image.width() >= 1000 and image.height() >= 600
    colours = {image.pixel(x, y) for x in range(0, image.width(), 7) for y in range(0, image.height(), 7)}
    assert len(colours) > 20  # a populated window, not a blank one


def test_console_opens_from_the_row_menu_in_its_own_window(qtbot, window):
    window.page.select(("demo", 100))
    console = next(a for a in window.page.build_menu().actions() if a.objectName() == "menu-console")
    assert console.isEnabled()
    console.trigger()
    pane = window.consoles.window_for(("demo", 100))
    assert pane is not None
    window.consoles.close_all()


def test_double_click_opens_the_detail_page_and_back_returns_to_the_list(qtbot, window):
    from PySide6.QtCore import Qt as _Qt

    page = window.page
    page.select(("demo", 102))
    row = window.model.row_of(("demo", 102))
    rect = page.table.visualRect(window.model.index(row, COL_NAME))
    qtbot.mouseClick(page.table.viewport(), _Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.mouseDClick(page.table.viewport(), _Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.waitUntil(lambda: window.detail is not None and window.stack.currentWidget() is window.detail,
                    timeout=5000)
    assert window.detail.key == ("demo", 102)
    detail = window.detail
    detail.back_requested.emit()
    assert window.stack.currentWidget() is page and window.detail is None
    assert [i.vmid for i in page.selected()] == [102]  # the list is as it was
    win = window.open_detail_window(("demo", 100))
    assert win.isWindow() and window.detail_windows[("demo", 100)] is win
    win.close()


def test_create_action_sits_in_the_toolbar_and_needs_an_online_cluster(qtbot, window):
    from PySide6.QtWidgets import QToolBar

    assert window.create_action.isEnabled()
    bar = window.findChild(QToolBar, "mainToolbar")
    assert bar.actions()[-1] is window.create_action  # right end, after a spacer
    window.clusters.get("demo").close()
    qtbot.waitUntil(lambda: not window.create_action.isEnabled(), timeout=5000)


def test_backups_section_lists_the_cluster_backups(qtbot, window):
    window.sections.setCurrentIndex(1)
    view = window.backups_page
    qtbot.waitUntil(lambda: view.model.rowCount() >= 4, timeout=15000)
    window.sections.setCurrentIndex(0)


def test_help_menu_opens_the_about_dialog(qtbot, window):
    window.about_action.trigger()
    from virton_desktop.ui.about_dialog import AboutDialog

    dialogs = [w for w in window.findChildren(AboutDialog)]
    assert dialogs and dialogs[0].isVisible()
    dialogs[0].close()
