"""Managing HA from the app (issue 18 item 5): add a guest to HA, edit its settings, request a
state, clear an error, remove it; the HA manager's node in the list and on the page; the
operator without Sys.Console on / sees it all disabled. Driven through the widgets on the demo
(demo/ha_resources.py, which keeps HA resources as pve-ha-manager does), checked on the server
with proxmoxer.
"""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QWidget

from virton_desktop.demo import ServedDemo
from virton_desktop.models.instances import COL_HA
from virton_desktop.pve import ha_config
from virton_desktop.pve.ha_config import HaSettings, HaStatus
from virton_desktop.ui.guests.actions import GuestActions
from virton_desktop.ui.guests.ha_actions import HaActions

from conftest import make_session, remember_secret
from helpers import make_model, open_page, proxmox, started

SCALE = 0.01  # real seconds per PVE second: an HA round (10 PVE s) is 0.1 s


@pytest.fixture
def ha_demo(qtbot):
    with ServedDemo(time_scale=SCALE) as served:
        session = started(qtbot, make_session(served))
        session.demo = served
        yield session
        session.close()


def make_actions(session, asked=None):
    actions = GuestActions(lambda _name: session, QWidget())
    ha_actions = HaActions.of(actions)
    ha_actions.confirm = lambda title, text, ok: (asked.append(text) if asked is not None else None) or True
    return actions, ha_actions


def first_stopped_vm(session):
    return next(i for i in session.first.changed if i.type == "qemu" and i.status == "stopped" and not i.template
                and not i.hastate and i.node != "pve3")


def menu_action(menu, name):
    for action in menu.actions():
        if action.objectName() == name:
            return action
        if action.menu() is not None:
            found = menu_action(action.menu(), name)
            if found is not None:
                return found
    return None


def page_menu(page, name):
    page.ha_part.menu.aboutToShow.emit()
    return menu_action(page.ha_part.menu, name)


def writes(session, method, path):
    return [params for m, p, params in session.demo.pve.vt_ha_writes if m == method and p == path]


def wait_dialog_ready(qtbot, ha_actions):
    qtbot.waitUntil(lambda: ha_actions.dialog is not None and ha_actions.dialog.ok.isEnabled(), timeout=10000)
    return ha_actions.dialog


# ------------------------------------------------------------------ what to send (no Qt)


def test_new_resources_leave_pve_defaults_out_and_changes_send_only_what_changed():
    assert ha_config.create_params("vm:100", HaSettings()) == {"sid": "vm:100", "state": "started"}
    assert ha_config.create_params("ct:200", HaSettings("stopped", 3, 1, "db", "prefer-pve1")) == {
        "sid": "ct:200", "state": "stopped", "max_restart": 3, "comment": "db", "group": "prefer-pve1"}
    loaded = HaSettings.from_resource({"sid": "vm:1", "state": "enabled", "comment": "x", "group": "g"})
    assert loaded == HaSettings("started", 1, 1, "x", "g")
    assert ha_config.update_params(loaded, loaded) == {}
    assert ha_config.update_params(loaded, HaSettings("started", 2, 1, "x", "g")) == {"max_restart": 2}
    assert ha_config.update_params(loaded, HaSettings("disabled", 1, 1, "", "")) == {
        "state": "disabled", "delete": "comment,group"}


def test_rule_changes_move_the_resource_between_node_affinity_rules():
    rules = [{"rule": "a", "type": "node-affinity", "resources": "vm:1,vm:2"},
             {"rule": "b", "type": "node-affinity", "resources": "vm:3"},
             {"rule": "c", "type": "resource-affinity", "resources": "vm:1,vm:3"}]
    affinity = ha_config.node_affinity_rules(rules)
    assert [r["rule"] for r in affinity] == ["a", "b"]
    assert ha_config.rule_of("vm:1", affinity) == "a" and ha_config.rule_of("vm:9", affinity) == ""
    assert ha_config.rule_changes("vm:1", "a", "b", affinity) == [("b", {"resources": "vm:3,vm:1"}),
                                                                ("a", {"resources": "vm:2"})]
    assert ha_config.rule_changes("vm:9", "", "b", affinity) == [("b", {"resources": "vm:3,vm:9"})]
    assert ha_config.rule_changes("vm:1", "a", "a", affinity) == []


def test_status_reads_services_and_quorum():
    status = HaStatus.from_answer([
        {"id": "quorum", "type": "quorum", "status": "No quorum on node 'pve1'!"},
        {"id": "service:vm:120", "type": "service", "sid": "vm:120", "node": "pve2", "crm_state": "started",
         "request_state": "started", "state": "started", "max_restart": 2}])
    assert not status.quorate
    service = status.by_vmid()[120]
    assert (service.node, service.request_state, service.max_restart, service.max_relocate) == ("pve2", "started", 2, 1)


# ------------------------------------------------------------------ through the widgets


def test_add_a_stopped_vm_with_state_started_starts_it(qtbot, ha_demo):
    session = ha_demo
    inst = first_stopped_vm(session)
    model = make_model(session)
    page = open_page(qtbot, session, model, inst.vmid)
    _actions, ha_actions = page.actions, page.ha_part.ha
    add = page_menu(page, "menu-ha-add")
    assert add is not None and add.isEnabled()
    add.trigger()
    dialog = wait_dialog_ready(qtbot, ha_actions)
    assert dialog.state.currentData() == "started"  # PVE's default
    assert (dialog.max_restart.value(), dialog.max_relocate.value()) == (1, 1)
    assert (dialog.max_restart.minimum(), dialog.max_restart.maximum()) == (0, 10)
    assert dialog.placement_label.text() == "Node affinity:"  # PVE 9: rules, not groups
    assert dialog.placement.findData("web-prefers-pve1") > 0
    assert dialog.placement.findData("erp-apart-from-mail") < 0  # resource affinity places no guest
    QTest.keyClicks(dialog.comment, "kept up by HA")
    with qtbot.waitSignal(_actions.succeeded, timeout=15000) as done:
        qtbot.mouseClick(dialog.ok, Qt.MouseButton.LeftButton)
    assert "HA started" in done.args[0]
    sid = "vm:{0}".format(inst.vmid)
    assert writes(session, "POST", "/cluster/ha/resources") == [{"sid": sid, "state": "started",
                                                                "comment": "kept up by HA"}]
    px = proxmox(session.demo)
    assert px.cluster.ha.resources(sid).get()["comment"] == "kept up by HA"
    assert px.nodes(inst.node).qemu(inst.vmid).status.current.get()["status"] == "running"
    # The page's HA row: where the HA manager has it, and what was requested.
    def ha_row():
        label = page.summary.findChild(QWidget, "value-hastate")
        return label.text() if label is not None else ""

    qtbot.waitUntil(lambda: "on {0}".format(inst.node) in ha_row(), timeout=10000)
    assert "request: Started, max. restart 1, max. relocate 1" in ha_row() and sid in ha_row()


def test_edit_max_restart_writes_only_that(qtbot, ha_demo):
    session = ha_demo
    _actions, ha_actions = make_actions(session)
    inst = next(i for i in session.first.changed if i.vmid == 120)
    session.demo.pve.guest(120).vt_ha_conf = {"max_relocate": 12}  # set beyond the web UI's range (CLI)
    ha_actions.open_dialog(inst)
    dialog = wait_dialog_ready(qtbot, ha_actions)
    assert dialog.max_relocate.value() == 12
    assert dialog.state.currentData() == "started" and dialog.placement.currentData() == "web-prefers-pve1"
    dialog.max_restart.selectAll()
    QTest.keyClicks(dialog.max_restart, "3")
    with qtbot.waitSignal(dialog.saved, timeout=10000):
        qtbot.mouseClick(dialog.ok, Qt.MouseButton.LeftButton)
    assert writes(session, "PUT", "/cluster/ha/resources/vm:120") == [{"sid": "vm:120", "max_restart": 3}]
    assert not writes(session, "PUT", "/cluster/ha/rules/web-prefers-pve1")
    got = proxmox(session.demo).cluster.ha.resources("vm:120").get()
    assert got["max_restart"] == 3 and got["state"] == "started"


def test_move_to_another_rule_and_groups_on_pve8(qtbot, ha_demo):
    session = ha_demo
    _actions, ha_actions = make_actions(session)
    inst = next(i for i in session.first.changed if i.vmid == 120)
    ha_actions.open_dialog(inst)
    dialog = wait_dialog_ready(qtbot, ha_actions)
    dialog.placement.setCurrentIndex(dialog.placement.findData("mail-on-pve3"))
    with qtbot.waitSignal(dialog.saved, timeout=10000):
        qtbot.mouseClick(dialog.ok, Qt.MouseButton.LeftButton)
    assert not writes(session, "PUT", "/cluster/ha/resources/vm:120")  # nothing of the resource changed
    rules = {r["rule"]: r["resources"] for r in proxmox(session.demo).cluster.ha.rules.get()}
    assert rules["mail-on-pve3"] == "vm:122,vm:120" and rules["web-prefers-pve1"] == "ct:209"

    session.demo.pve.vt_ha_groups_migrated = False  # PVE 8: groups
    ha_actions.open_dialog(inst)
    dialog = wait_dialog_ready(qtbot, ha_actions)
    assert dialog.placement_label.text() == "Group:" and dialog.placement.findData("only-pve2") > 0
    dialog.placement.setCurrentIndex(dialog.placement.findData("prefer-pve1"))
    with qtbot.waitSignal(dialog.saved, timeout=10000):
        qtbot.mouseClick(dialog.ok, Qt.MouseButton.LeftButton)
    assert writes(session, "PUT", "/cluster/ha/resources/vm:120")[-1] == {"sid": "vm:120", "group": "prefer-pve1"}
    assert proxmox(session.demo).cluster.ha.resources("vm:120").get()["group"] == "prefer-pve1"


def test_server_error_keeps_the_dialog_and_the_input(qtbot, ha_demo):
    session = ha_demo
    _actions, ha_actions = make_actions(session)
    inst = first_stopped_vm(session)
    ha_actions.open_dialog(inst)
    dialog = wait_dialog_ready(qtbot, ha_actions)
    QTest.keyClicks(dialog.comment, "mine")
    session.demo.pve.vt_answer("POST", "/cluster/ha/resources",
                               {"data": None, "message": "cluster not ready - no quorum?\n"}, status=500)
    qtbot.mouseClick(dialog.ok, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.error.isVisible(), timeout=10000)
    assert "quorum" in dialog.error.text() and dialog.isVisible() and dialog.comment.text() == "mine"
    session.demo.pve.vt_answer("POST", "/cluster/ha/resources",
                               {"data": None, "errors": {"max_restart": "value must have a minimum value of 0"}},
                               status=400)
    dialog.error.hide()
    qtbot.mouseClick(dialog.ok, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.error.isVisible(), timeout=10000)
    assert dialog.max_restart.toolTip() == "value must have a minimum value of 0"
    assert "max_restart" in dialog.error.text() and dialog.comment.text() == "mine"
    session.demo.pve.vt_heal()
    with qtbot.waitSignal(dialog.saved, timeout=10000):  # the same input, sent again, once it works
        qtbot.mouseClick(dialog.ok, Qt.MouseButton.LeftButton)
    assert "restarts the guest" in dialog.max_restart.toolTip()  # its own tip back


def test_request_state_and_remove_from_ha(qtbot, ha_demo):
    session = ha_demo
    asked = []
    actions, ha_actions = make_actions(session, asked)
    model = make_model(session)
    inst = model.get((session.name, 120))
    from PySide6.QtWidgets import QMenu

    menu = QMenu()
    ha_actions.fill_menu(menu, [inst])
    stopped = menu_action(menu, "menu-ha-state-stopped")
    assert stopped.isEnabled() and stopped.text() == "Stopped"
    with qtbot.waitSignal(actions.succeeded, timeout=15000) as done:
        stopped.trigger()
    assert "HA stopped" in done.args[0] and asked  # a running guest: confirmed first
    assert proxmox(session.demo).cluster.ha.resources("vm:120").get()["state"] == "stopped"

    menu = QMenu()
    ha_actions.fill_menu(menu, [model.get((session.name, 120))])
    with qtbot.waitSignal(actions.succeeded, timeout=10000) as done:
        menu_action(menu, "menu-ha-remove").trigger()
    assert "no longer managed by HA" in done.args[0]
    assert "keeps running" in asked[-1]
    px = proxmox(session.demo)
    assert "vm:120" not in {r["sid"] for r in px.cluster.ha.resources.get()}
    rules = {r["rule"]: r["resources"].split(",") for r in px.cluster.ha.rules.get()}
    assert rules["web-prefers-pve1"] == ["ct:209"]  # purged from the rule that named it
    qtbot.waitUntil(lambda: not model.get((session.name, 120)).hastate, timeout=10000)


def test_clear_an_error_disables_then_starts(qtbot, ha_demo):
    session = ha_demo
    asked = []
    actions, ha_actions = make_actions(session, asked)
    model = make_model(session)
    inst = model.get((session.name, 121))
    assert inst.hastate == "error"
    from PySide6.QtWidgets import QMenu

    menu = QMenu()
    ha_actions.fill_menu(menu, [inst])
    states = {s: menu_action(menu, "menu-ha-state-" + s).isEnabled() for s in ha_config.REQUEST_STATES}
    assert states == {"started": False, "stopped": False, "disabled": True, "ignored": False}
    session.demo.pve.guest(121).start_error = None  # the cause was fixed
    with qtbot.waitSignal(actions.succeeded, timeout=20000) as done:
        menu_action(menu, "menu-ha-clear").trigger()
    assert "HA started" in done.args[0] and "disabled" in asked[0]
    sent = [p.get("state") for p in writes(session, "PUT", "/cluster/ha/resources/vm:121")]
    assert sent == ["disabled", "started"]
    status = proxmox(session.demo).nodes("pve2").qemu(121).status.current.get()
    assert status["status"] == "running" and status["ha"]["state"] == "started"


def test_list_column_shows_the_ha_node(qtbot, ha_demo, qtmodeltester):
    from virton_desktop.core.ha_status import HaStatusFeed

    session = ha_demo
    model = make_model(session)
    feed = HaStatusFeed.of(session)
    feed.watch(model)
    with qtbot.waitSignal(feed.changed, timeout=10000):
        feed.refresh()
    qtmodeltester.check(model, force_py=False)
    row = model.row_of((session.name, 120))
    assert model.index(row, COL_HA).data() == "Started on pve1"
    plain = model.row_of((session.name, 100))
    assert model.index(plain, COL_HA).data() == ""


def test_window_list_shows_the_ha_node_at_once(qtbot, window):
    row = lambda: window.model.row_of(("demo", 120))  # noqa: E731
    qtbot.waitUntil(lambda: window.model.index(row(), COL_HA).data() == "Started on pve1", timeout=10000)
    add = menu_action(_select_menu(window, 100), "menu-ha-add")
    assert add.isEnabled() and add.toolTip().startswith("Let the HA manager")
    entries = {a.objectName() for a in _select_menu(window, 121).actions() if a.menu()
               for a in a.menu().actions()}
    assert {"menu-ha-edit", "menu-ha-clear", "menu-ha-remove"} <= entries


def _select_menu(window, vmid):
    window.page.select(("demo", vmid))
    return window.page.build_menu()


def test_operator_sees_ha_actions_disabled_with_the_privilege(qtbot, demo):
    from virton_desktop.core.ha_status import HaStatusFeed
    from virton_desktop.demo.access import demo_credentials
    from virton_desktop.pve.client import Credentials, PveClient
    from virton_desktop.session import ClusterSession
    from virton_desktop.ui.main_window import MainWindow

    creds = demo_credentials("operator", demo.password)
    remember_secret(creds["password"])
    session = ClusterSession("demo", PveClient(demo.host, demo.port, fingerprint=demo.fingerprint),
                             Credentials(**creds))
    window = MainWindow()
    qtbot.addWidget(window)
    with qtbot.waitSignal(window.first_data, timeout=15000):
        window.clusters.add(session)
    try:
        qtbot.waitUntil(lambda: window.clusters.permissions.known("demo"), timeout=10000)
        assert not window.model.get(("demo", 120))  # the operator sees no HA guest: no HA status asked
        assert HaStatusFeed.of(session).sent == 0
        window.page.select(("demo", 100))
        add = menu_action(window.page.build_menu(), "menu-ha-add")
        assert add is not None and not add.isEnabled()
        assert add.toolTip() == "You lack Sys.Console on /"
        window.open_detail(window.model.get(("demo", 100)))
        button = window.detail.ha_part.button
        qtbot.waitUntil(lambda: not button.isEnabled(), timeout=5000)
        assert button.toolTip() == "You lack Sys.Console on /"
    finally:
        session.close()


@pytest.mark.parametrize("lang", ["en", "ko"])
def test_dialog_screenshot(qtbot, ha_demo, lang, tmp_path):
    """docs/ha-dialog.png (editing an HA guest) and docs/ha-dialog-ko.png (adding one), as shown;
    written to docs/ only with VIRTON_SCREENSHOTS=1 (a test run leaves the repository alone)."""
    import os
    from pathlib import Path

    from PySide6.QtCore import QCoreApplication

    from virton_desktop import i18n

    session = ha_demo
    app = QCoreApplication.instance()
    i18n.install(app, lang)
    try:
        _actions, ha_actions = make_actions(session)
        inst = next(i for i in session.first.changed if i.vmid == 120) if lang == "en" else first_stopped_vm(session)
        dialog = ha_actions.open_dialog(inst)
        dialog = wait_dialog_ready(qtbot, ha_actions)
        if lang == "ko":
            dialog.placement.setCurrentIndex(dialog.placement.findData("web-prefers-pve1"))
            dialog.comment.setText("ERP 프런트엔드")  # keyClicks aborts on non-Latin text
        dialog.resize(560, dialog.sizeHint().height())
        qtbot.waitExposed(dialog)
        name = "ha-dialog.png" if lang == "en" else "ha-dialog-ko.png"
        docs = Path(__file__).resolve().parent.parent / "docs"
        assert dialog.grab().save(str((docs if os.environ.get("VIRTON_SCREENSHOTS") else tmp_path) / name))
        assert (dialog.ok.text() == "Save") if lang == "en" else (dialog.ok.text() == "HA에 추가")
        dialog.reject()
    finally:
        i18n.remove(app)
