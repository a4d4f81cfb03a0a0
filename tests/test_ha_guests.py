"""HA-managed guests in the client: the HA state in words (list and page), HA power requests
followed to the guest's real state, HA errors worded with PVE's way out, and the confirmation.

PVE ends a `hastart`/`hastop` task OK as soon as the request is filed (qemu-server
`API2/Qemu.pm`); the guest changes an HA round later, or its service enters `error`
(pve-ha-manager). The demo does the same (demo/power.py); `time_scale` keeps its HA round
real but short.
"""

from __future__ import annotations

from dataclasses import replace

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QWidget

from virton_desktop.demo import ServedDemo
from virton_desktop.models.instances import COL_HA, COLUMN_COUNT, InstanceModel
from virton_desktop.pve import ha
from virton_desktop.pve.guest_view import summary_rows
from virton_desktop.pve.power import Action
from virton_desktop.ui.guests import actions as actions_module
from virton_desktop.ui.guests.actions import GuestActions

from conftest import make_session
from helpers import make_model, open_page, started

SCALE = 0.01  # real seconds per PVE second: the HA round (10 PVE s) is 0.1 s


@pytest.fixture
def ha_session(qtbot):
    with ServedDemo(time_scale=SCALE) as served:
        session = started(qtbot, make_session(served))
        session.demo = served
        yield session
        session.close()


def guest(session, vmid):
    return next(i for i in session.first.changed if i.vmid == vmid)


def make_actions(session, asked=None):
    actions = GuestActions(lambda _name: session, QWidget())
    actions.confirm = lambda action, guests: (asked.append((action, guests)) if asked is not None else None) or True
    session.task_changed.connect(actions.task_changed)
    return actions


def hastart_tasks(session, vmid):
    return [t for t in session.demo.pve.tasklog if t["type"] == "hastart" and t["id"] == str(vmid)]


# ------------------------------------------------------------------ words


def test_every_ha_state_has_words_and_a_meaning():
    for state in ("started", "stopped", "request_stop", "request_start", "request_start_balance", "freeze", "fence",
                  "recovery", "migrate", "relocate", "error", "disabled", "ignored", "queued"):
        assert ha.state_text(state) and ha.state_text(state) != state
        assert ha.state_help(state)
    assert ha.state_text("something-new") == "something-new"  # a later PVE's state, as PVE spells it
    assert ha.state_text("") == "" and ha.state_help("") == ""


def test_managed_and_sid(session):
    vm, ct, plain = guest(session, 120), guest(session, 209), guest(session, 100)
    assert ha.managed(vm) and ha.managed(ct) and not ha.managed(plain)
    assert not ha.managed(replace(vm, hastate="ignored"))  # PVE handles an ignored resource as unmanaged
    assert (ha.sid(vm), ha.sid(ct)) == ("vm:120", "ct:209")


def test_list_shows_the_ha_state_in_words(qtmodeltester, session):
    model = make_model(session)
    qtmodeltester.check(model, force_py=False)
    assert model.columnCount() == COLUMN_COUNT
    assert model.headerData(COL_HA, Qt.Orientation.Horizontal) == "HA"

    def cell(vmid, role=Qt.ItemDataRole.DisplayRole):
        return model.index(model.row_of(("demo", vmid)), COL_HA).data(role)
    assert (cell(120), cell(121), cell(122), cell(209), cell(100)) == ("Started", "Error", "Stopped", "Started", "")
    assert "vm:121" in cell(121, Qt.ItemDataRole.ToolTipRole) and "disabled" in cell(121, Qt.ItemDataRole.ToolTipRole)
    assert cell(121, Qt.ItemDataRole.DecorationRole) is not None and cell(120, Qt.ItemDataRole.DecorationRole) is None
    model.sort(COL_HA, Qt.SortOrder.DescendingOrder)
    assert model.instance(0).hastate == "stopped"


def test_list_shows_the_ha_column_beside_lock(window):
    from virton_desktop.models.instances import COL_LOCK

    header = window.page.table.horizontalHeader()
    assert header.visualIndex(COL_HA) == header.visualIndex(COL_LOCK) + 1
    assert not window.page.table.isColumnHidden(COL_HA)


def test_page_words_the_ha_state(qtbot, session):
    page = open_page(qtbot, session, make_model(session), 121)
    html = {row_id: text for row_id, _label, text in page.texts.summary(summary_rows(page.instance), "")}
    assert "Error" in html["hastate"] and "(vm:121)" in html["hastate"] and "\"disabled\"" in html["hastate"]
    assert "Error" in page.summary.findChild(QLabel, "value-hastate").text()
    plain = {row_id: text for row_id, _label, text in page.texts.summary(summary_rows(guest(session, 100)), "")}
    assert plain["hastate"] == "not managed by HA"


def test_model_tolerates_any_ha_state():
    model = InstanceModel()
    assert model.ha_text("request_stop") == "Stop requested" and model.ha_text("odd") == "odd"


# ------------------------------------------------------------------ following HA requests


def test_ha_start_is_reported_when_the_guest_runs(qtbot, ha_session):
    actions = make_actions(ha_session)
    seen = []
    actions.succeeded.connect(lambda text: seen.append((text, ha_session.demo.pve.vm(122).status,
                                                        [t["exitstatus"] for t in hastart_tasks(ha_session, 122)])))
    with qtbot.waitSignal(actions.succeeded, timeout=20000):
        assert actions.trigger(Action.START, [guest(ha_session, 122)]) == 1
    text, status, exits = seen[0]
    assert text == "HA started 122 (ha-mail): it runs on pve3."
    assert status == "running" and exits == ["OK"]
    assert not actions._ha  # nothing left following


def test_ha_shutdown_ends_in_a_stop_after_the_timeout(qtbot, ha_session):
    ha_session.demo.pve.vm(120).shutdown_secs = 600  # ignores ACPI: HA stops it at its 60 s timeout
    asked = []
    actions = make_actions(ha_session, asked)
    failures = []
    actions.failed.connect(failures.append)
    with qtbot.waitSignal(actions.succeeded, timeout=20000) as done:
        assert actions.trigger(Action.SHUTDOWN, [guest(ha_session, 120)]) == 1
    assert done.args == ["HA stopped 120 (ha-web)."]
    assert ha_session.demo.pve.vm(120).ha_state == "stopped" and not failures
    assert [a for a, _ in asked] == [Action.SHUTDOWN]  # an HA shutdown is confirmed: it may end hard


def test_ha_start_that_fails_is_worded_with_the_way_out(qtbot, ha_session):
    ha_session.demo.pve.vm(122).start_error = "start failed: QEMU exited with code 1"
    actions = make_actions(ha_session)
    with qtbot.waitSignal(actions.failed, timeout=20000) as failed:
        actions.trigger(Action.START, [guest(ha_session, 122)])
    text = failed.args[0]
    assert text.startswith("HA could not start 122 (ha-mail): its HA state is \"error\"")
    assert "ha-manager set vm:122 --state disabled" in text and "\"started\" again" in text
    assert ha_session.demo.pve.vm(122).status == "stopped"


def test_start_of_a_guest_in_error_says_so_at_once(qtbot, ha_session):
    actions = make_actions(ha_session)
    succeeded = []
    actions.succeeded.connect(succeeded.append)
    with qtbot.waitSignal(actions.failed, timeout=20000) as failed:
        actions.trigger(Action.START, [guest(ha_session, 121)])
    assert failed.args[0].startswith("HA could not start 121 (ha-erp-db)")
    qtbot.waitUntil(lambda: hastart_tasks(ha_session, 121)[-1]["status"] == "stopped", timeout=5000)
    assert hastart_tasks(ha_session, 121)[-1]["exitstatus"] == "OK" and not succeeded


def test_no_change_in_time_is_reported(qtbot, ha_session):
    ha_session.demo.pve.ha_delay = 100000  # the HA manager never gets round to it
    actions = make_actions(ha_session)
    actions.ha_time_limit = lambda action: 1.5
    with qtbot.waitSignal(actions.failed, timeout=20000) as failed:
        actions.trigger(Action.START, [guest(ha_session, 122)])
    assert failed.args[0] == ("122 (ha-mail) is still stopped 2 s after the HA request (HA state: Stopped). The HA "
                              "manager may still act on it: see Datacenter → HA in the Proxmox VE web interface.")


def test_plain_guests_are_not_followed(qtbot, session):
    actions = make_actions(session)
    followed = []
    actions._follow_ha = lambda *args: followed.append(args)
    with qtbot.waitSignal(session.task_changed, timeout=10000,
                          check_params_cb=lambda task: task.type == "qmstart" and not task.running):
        actions.trigger(Action.START, [guest(session, 101)])
    assert not followed


# ------------------------------------------------------------------ confirmation


def test_confirmation_explains_what_ha_does(session, monkeypatch):
    asked = []
    monkeypatch.setattr(actions_module.kit, "confirm", lambda parent, title, text, *a, **k: asked.append(text))
    actions = GuestActions(lambda _name: session, QWidget())
    ha_vm, plain = guest(session, 120), guest(session, 100)
    assert actions.needs_confirmation(Action.SHUTDOWN, [plain, ha_vm])
    assert not actions.needs_confirmation(Action.SHUTDOWN, [plain])
    assert not actions.needs_confirmation(Action.START, [ha_vm])
    actions.trigger(Action.SHUTDOWN, [plain, ha_vm])
    actions.trigger(Action.STOP, [ha_vm])
    actions.trigger(Action.STOP, [plain])
    shutdown, stop, plain_stop = asked
    assert shutdown.startswith("Shut down 100 (web1), 120 (ha-web)?\n\n120 (ha-web): managed by HA.")
    assert "after the HA timeout (60 s), it is stopped hard" in shutdown
    assert "keeps it stopped until it is started again" in stop and "not cancelled" in stop
    assert "HA would start it again, maybe on another node" in stop
    assert "HA" not in plain_stop


def test_stop_never_overrules_for_ha_but_does_for_ignored(session):
    actions = GuestActions(lambda _name: session, QWidget())
    vm = guest(session, 120)
    actions._shutting_down[vm.key] = "UPID:x"
    assert not actions.overrules_shutdown(vm)
    assert actions.overrules_shutdown(replace(vm, hastate="ignored"))


def test_task_panel_calls_ha_tasks_requests():
    from virton_desktop.models.tasks import TaskModel
    from virton_desktop.pve.entities import Task

    model = TaskModel()
    upid = "UPID:pve1:0000C350:00000000:6752A3F0:{0}:120:root@pam:"
    assert [model.type_text(Task.from_upid("demo", upid.format(t))) for t in ("hastart", "hastop", "hamigrate")] == [
        "HA start request", "HA stop request", "HA migration request"]
