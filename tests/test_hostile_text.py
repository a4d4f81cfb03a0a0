"""Guest- and server-controlled strings are shown literally, never as HTML.

The demo cluster is given a guest whose name, lock and failed backup's exit status are
markup (an `<img>` of a local file among them); the guest list, the task panel and its log
window, the backups page and the console window must show those characters as they are:
labels in plain-text format, tooltips escaped when Qt would read them as HTML.
"""

from dataclasses import replace

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel
from test_ha_manage import first_stopped_vm, ha_demo, make_actions, wait_dialog_ready  # noqa: F401

from virton_desktop.models.instances import COL_LOCK, COL_NAME
from virton_desktop.models.plain_text import literal_tooltip
from virton_desktop.models.tasks import COL_STATUS
from virton_desktop.ui.console.console_manager import ConsoleManager

from conftest import make_session

NAME = "<b>x</b><img src=file:///etc/passwd>"
LOCK = "<i>backup</i>"
EXIT = "<b>boom</b><img src=file:///etc/passwd>"
ESCAPED_IMG = "&lt;img src=file:///etc/passwd&gt;"


def shows_literally(tooltip: str | None, raw: str) -> bool:
    """A tooltip holding `raw` escaped (so Qt renders it as text), or `raw` when Qt reads it as plain."""
    return tooltip is not None and ("<img" not in tooltip and ESCAPED_IMG in tooltip if "<img" in raw
                                    else raw.replace("<", "&lt;").replace(">", "&gt;") in tooltip)


@pytest.fixture
def hostile_window(qtbot, demo):
    """The main window on a demo whose guest 100 has a markup name and lock, and a failed backup
    whose exit status is markup."""
    from virton_desktop.ui.main_window import MainWindow

    pve = demo.pve
    vm = pve.vm(100)
    vm.name = vm.config["name"] = NAME
    vm.lock = LOCK
    start = int(max(t["starttime"] for t in pve.tasks.values())) + 60
    pid = next(pve._pids)
    upid = "UPID:pve1:{0:08X}:{1:08X}:{2:08X}:vzdump:100:{3}:".format(pid, pid * 7, start, pve.user)
    record = {"upid": upid, "node": "pve1", "pid": pid, "pstart": pid * 7, "starttime": start, "type": "vzdump",
              "id": "100", "user": pve.user, "status": "stopped", "exitstatus": EXIT, "endtime": start + 5,
              "log": ["TASK ERROR: " + EXIT]}
    pve.tasks[upid] = record
    pve.tasklog.append(record)

    w = MainWindow()
    qtbot.addWidget(w)
    with qtbot.waitSignal(w.first_data, timeout=15000):
        w.clusters.add(make_session(demo))
    w.show()
    w.hostile_upid = upid
    yield w
    for s in w.clusters.sessions():
        s.close()


def plain(label: QLabel, raw: str) -> None:
    assert label.textFormat() == Qt.TextFormat.PlainText, label.objectName()
    assert raw in label.text(), label.objectName()


def test_literal_tooltip_escapes_only_what_qt_would_render():
    assert literal_tooltip("web1 & db") == "web1 & db"  # no tag: shown as plain text anyway
    assert literal_tooltip(None) is None and literal_tooltip("") == ""
    tip = literal_tooltip(NAME)
    assert "<img" not in tip and ESCAPED_IMG in tip and "&lt;b&gt;x&lt;/b&gt;" in tip


def test_the_guest_list_shows_the_name_and_lock_literally(hostile_window, qtbot):
    w = hostile_window
    model = w.model
    row = model.row_of(("demo", 100))
    assert model.index(row, COL_NAME).data() == NAME
    assert shows_literally(model.index(row, COL_LOCK).data(Qt.ItemDataRole.ToolTipRole), LOCK)
    # The power actions explain why they are blocked, naming the guest and its lock.
    assert w.page.select(("demo", 100))
    qtbot.waitUntil(lambda: w.page.selected() and w.page.selected()[0].vmid == 100)
    tips = [qa.toolTip() for qa in w.power_actions.values()]
    assert tips and all(shows_literally(tip, NAME) for tip in tips)


def test_the_task_panel_and_log_show_the_exit_status_literally(hostile_window, qtbot):
    w = hostile_window
    qtbot.waitUntil(lambda: any(t.upid == w.hostile_upid for t in w.tasks.tasks()), timeout=15000)
    task = next(t for t in w.tasks.tasks() if t.upid == w.hostile_upid)
    row = next(r for r in range(w.tasks.rowCount()) if w.tasks.task(r).upid == task.upid)
    assert shows_literally(w.tasks.index(row, COL_STATUS).data(Qt.ItemDataRole.ToolTipRole), EXIT)
    dialog = w.task_panel.open_log(task)
    qtbot.waitUntil(lambda: EXIT in dialog.findChild(QLabel, "taskLogExitStatus").text())
    exit_label = dialog.findChild(QLabel, "taskLogExitStatus")
    plain(exit_label, EXIT)
    assert shows_literally(exit_label.toolTip(), EXIT)
    plain(dialog.findChild(QLabel, "taskLogGuest"), NAME)
    assert NAME in dialog.windowTitle()  # window titles are always plain text
    dialog.close()


def test_the_backups_page_shows_the_name_and_exit_status_literally(hostile_window, qtbot):
    w = hostile_window
    page = w.backups_page
    with qtbot.waitSignal(page.feed.refreshed, timeout=15000):
        w.sections.setCurrentWidget(page)
    model = page.model
    qtbot.waitUntil(lambda: any(r.task is not None and r.task.upid == w.hostile_upid for r in model.all_rows()),
                    timeout=15000)
    failed = next(r for r in model.all_rows() if r.task is not None and r.task.upid == w.hostile_upid)
    row = model.row_of(failed.key)
    assert model.index(row, 2).data() == NAME
    assert all(shows_literally(model.index(row, col).data(Qt.ItemDataRole.ToolTipRole), EXIT)
               for col in range(model.columnCount()))


def test_the_console_window_shows_the_name_literally(hostile_window, qtbot):
    w = hostile_window
    manager = ConsoleManager(w)
    guest = w.model.get(("demo", 100))
    pane = manager.open(w.clusters.get("demo"), guest, connect=False)
    try:
        window = manager.window_for(pane.key)
        assert NAME in window.windowTitle()
        plain(pane.lbl_name, NAME)
        plain(window.hover_bar.label, NAME)
        for label in pane.status.findChildren(QLabel):
            assert label.textFormat() == Qt.TextFormat.PlainText, label.objectName()
        # A stopped guest's message names it: the panel and the state's tooltip show it as it is.
        pane.update_instance(replace(guest, status="stopped"))
        pane.view.connect_console()
        assert pane.view.state == "stopped"
        plain(pane.view.panel_label, NAME)
        assert shows_literally(pane.lbl_state.toolTip(), NAME)
        # The reboot question names the guest too.
        pane.update_instance(guest)
        pane.reboot_guest()
        plain(pane.reboot_box.findChild(QLabel, "qt_msgbox_label"), NAME)
        assert pane.reboot_box.textFormat() == Qt.TextFormat.PlainText
        pane.reboot_box.reject()
    finally:
        manager.close_all()


def test_guest_page_shows_the_name_and_lock_literally(qtbot, hostile_window):
    """The guest page: title (rich, escaped), blocked power buttons' tooltips, plain labels."""
    w = hostile_window
    page = w.open_detail(w.model.get(("demo", 100)))
    qtbot.waitUntil(lambda: page.instance is not None, timeout=10000)
    assert "&lt;img" in page.title.text() and "<img" not in page.title.text()
    for label in (page.subtitle, page.banner):
        assert label.textFormat() == Qt.TextFormat.PlainText
    tips = [b.toolTip() for b in page.power_buttons.values() if not b.isEnabled() and NAME in
            b.toolTip().replace("&lt;", "<").replace("&gt;", ">")]
    assert tips and all(shows_literally(t, NAME) for t in tips)


# ------------------------------------------------------------------ tooltips and dialogs (audit)

def test_gated_actions_name_the_guest_and_lock_literally(hostile_window, qtbot):
    """`permission_gate.gate` is where most tooltips are set: Migrate and the row menu's Clone and
    Convert to template say why they are blocked, naming the guest and its lock."""
    w = hostile_window
    assert w.page.select(("demo", 100))
    qtbot.waitUntil(lambda: w.page.selected() and w.page.selected()[0].vmid == 100)
    assert not w.migrate.action.isEnabled() and shows_literally(w.migrate.action.toolTip(), LOCK)
    actions = {a.objectName(): a for a in w.page.build_menu().actions()}
    for name in ("menu-clone", "menu-template"):
        assert not actions[name].isEnabled()
        assert shows_literally(actions[name].toolTip(), NAME) and shows_literally(actions[name].toolTip(), LOCK)


def test_the_delete_dialog_names_the_lock_literally(hostile_window, qtbot):
    w = hostile_window
    page = w.open_detail(w.model.get(("demo", 100)))
    qtbot.waitUntil(lambda: page.instance is not None, timeout=10000)
    dialog = page.open_delete()
    try:
        plain(dialog.reason_label, LOCK)
        plain(dialog.intro, NAME)
    finally:
        dialog.reject()


def test_the_tag_dialog_quotes_a_server_tag_literally(window, demo, qtbot):
    """A tag PVE would refuse (markup) that the server still hands out: the editor's item says why it
    cannot be changed, quoting the tag in its tooltip."""
    tag = "<b>x</b>"
    demo.pve.vm(112).config["tags"] = tag
    qtbot.waitUntil(lambda: tag in window.model.get(("demo", 112)).tags, timeout=15000)
    assert window.page.select(("demo", 112))
    qtbot.waitUntil(lambda: window.tag_actions.edit_action.isEnabled(), timeout=5000)
    window.tag_actions.edit_action.trigger()
    dialog = window.tag_actions.dialog
    try:
        item = next(dialog.list.item(i) for i in range(dialog.list.count()) if dialog.list.item(i).text() == tag)
        assert item.toolTip() and shows_literally(item.toolTip(), tag)
    finally:
        dialog.reject()


def test_the_ha_dialog_shows_server_errors_literally_in_tooltips(qtbot, ha_demo):  # noqa: F811
    """PVE's error on the placement list, and its per-field messages, become tooltips."""
    session = ha_demo
    pve = session.demo.pve
    failure = {"data": None, "message": EXIT + "\n"}
    pve.vt_answer("GET", "/cluster/ha/groups", failure, status=500)
    pve.vt_answer("GET", "/cluster/ha/rules", failure, status=500)
    _actions, ha_actions = make_actions(session)
    ha_actions.open_dialog(first_stopped_vm(session))
    dialog = wait_dialog_ready(qtbot, ha_actions)
    qtbot.waitUntil(lambda: "boom" in dialog.placement.toolTip(), timeout=10000)
    assert shows_literally(dialog.placement.toolTip(), EXIT)
    pve.vt_answer("POST", "/cluster/ha/resources", {"data": None, "errors": {"max_restart": EXIT}}, status=400)
    qtbot.mouseClick(dialog.ok, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.error.isVisible(), timeout=10000)
    assert shows_literally(dialog.max_restart.toolTip(), EXIT)
    plain(dialog.error, EXIT)
    pve.vt_heal()
    dialog.reject()


def test_a_bulk_migration_result_quotes_the_server_literally(window, demo, qtbot):
    """A guest blocked by its local CD image: the result's tooltip names the image's volume id."""
    from PySide6.QtCore import QItemSelectionModel

    from virton_desktop.models.bulk_migration import Step

    volid = "local:iso/<b>x</b><img src=file:///etc/passwd>.iso"
    demo.pve.vm(100).config["ide2"] = volid + ",media=cdrom"
    sel = window.page.table.selectionModel()
    sel.clearSelection()
    for vmid in (100, 113):
        sel.select(window.model.index(window.model.row_of(("demo", vmid)), 0),
                   QItemSelectionModel.SelectionFlag.Select | QItemSelectionModel.SelectionFlag.Rows)
    window.migrate.action.trigger()
    dialog = window.migrate.dialog
    try:
        qtbot.waitUntil(lambda: dialog.model.count(Step.CHECKING) == 0, timeout=10000)
        dialog.target_combo.setCurrentIndex(dialog.target_combo.findData("pve2"))
        model = dialog.model
        row = next(r for r, item in enumerate(model.rows()) if item.instance.vmid == 100)
        assert model.rows()[row].step is Step.BLOCKED and volid in model.rows()[row].note
        tip = model.index(row, model.RESULT).data(Qt.ItemDataRole.ToolTipRole)
        assert shows_literally(tip, volid)
    finally:
        dialog.reject()


def test_the_palette_run_shows_the_server_error_literally(window, demo, qtbot):
    """A palette action on many guests refused by the server: the result's tooltip quotes it."""
    from virton_desktop.pve.power import Action
    from virton_desktop.ui.palette.bulk_run import Outcome

    guests = [i for i in sorted(window.model.all_instances(), key=lambda i: i.vmid)
              if i.is_vm and i.status == "running" and not i.lock and not i.hastate and not i.template][:2]
    demo.pve.vt_answer("POST", "/cluster/bulk-action/guest/shutdown", {"data": None, "message": EXIT + "\n"},
                       status=500)
    window.palette.confirm = lambda _action, _instances: True
    dialog = window.palette.run_power(Action.SHUTDOWN, guests)
    try:
        qtbot.waitUntil(lambda: dialog.run.done, timeout=15000)
        assert all(r.outcome is Outcome.FAILED for r in dialog.run.rows)
        for i in range(len(guests)):
            item = dialog.results.topLevelItem(i)
            assert "boom" in item.text(2) and shows_literally(item.toolTip(2), EXIT)
    finally:
        demo.pve.vt_heal()
        dialog.reject()
