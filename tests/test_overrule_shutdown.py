"""Stop while a shutdown runs sends PVE 8.1's `overrule-shutdown=1` (not for HA guests), and says so."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QWidget

from virton_desktop.demo import ServedDemo
from virton_desktop.pve.power import Action
from virton_desktop.ui.guests.actions import GuestActions

from conftest import make_session


@pytest.fixture
def slow_demo():
    """Tasks take real time here: a container's shutdown runs for a while."""
    with ServedDemo(time_scale=1) as served:
        yield served


def stop_bodies(demo, vmid):
    return [form for method, path, form in demo.pve.vt_writes if path.endswith("/lxc/{0}/status/stop".format(vmid))]


def test_stop_during_a_shutdown_overrules_it(qtbot, slow_demo):
    demo = slow_demo
    demo.pve.ct(200).shutdown_secs = 60
    session = make_session(demo)
    with qtbot.waitSignal(session.instances_polled, timeout=15000) as first:
        session.start()
    inst = next(i for i in first.args[0].changed if i.vmid == 200)
    window = QWidget()
    actions = GuestActions(lambda _name: session, window)
    session.task_changed.connect(actions.task_changed)
    asked = []
    actions.confirm = lambda action, guests: asked.append(actions.overrules_shutdown(guests[0])) or True
    try:
        assert actions.trigger(Action.SHUTDOWN, [inst]) == 1
        qtbot.waitUntil(lambda: actions.overrules_shutdown(inst), timeout=10000)
        assert actions.trigger(Action.STOP, [inst]) == 1
        qtbot.waitUntil(lambda: bool(stop_bodies(demo, 200)), timeout=10000)
        assert asked == [True]
        assert stop_bodies(demo, 200)[-1].get("overrule-shutdown") == "1"
        # The demo does what qemu-server/pve-container do: the shutdown task is aborted first, the
        # stop gets the config lock and ends OK (and no 60 s shutdown outlives the test).
        shutdowns = [t for t in demo.pve.tasklog if t["type"] == "vzshutdown" and t["id"] == "200"]
        qtbot.waitUntil(lambda: shutdowns[-1]["status"] == "stopped", timeout=10000)
        assert shutdowns[-1]["exitstatus"] == "received interrupt"
        qtbot.waitUntil(lambda: demo.pve.ct(200).status == "stopped", timeout=10000)
    finally:
        session.close()


def test_no_overrule_without_a_shutdown_or_for_ha_guests(qtbot, slow_demo):
    from dataclasses import replace

    session = make_session(slow_demo)
    with qtbot.waitSignal(session.instances_polled, timeout=15000) as first:
        session.start()
    inst = next(i for i in first.args[0].changed if i.vmid == 200)
    actions = GuestActions(lambda _name: session, QWidget())
    assert not actions.overrules_shutdown(inst)
    actions._shutting_down[inst.key] = "UPID:x"
    assert actions.overrules_shutdown(inst)
    assert not actions.overrules_shutdown(replace(inst, hastate="started"))
    session.close()
