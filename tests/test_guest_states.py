"""Guest states beyond running/stopped: what each offers and how the app words it (pure, then the demo)."""

import pytest

from virton_desktop.models.instances import InstanceModel
from virton_desktop.pve import entities, power
from virton_desktop.pve.entities import Instance
from virton_desktop.pve.power import Action, Blocked
from virton_desktop.session import InstanceDelta

from helpers import make_model


def vm(status, lock="", kind="qemu"):
    return Instance(cluster="c", vmid=100, name="g", type=kind, node="pve1", status=status, lock=lock)


# /cluster/resources items as pvestatd builds them (`qmpstatus || status`); see tests/data/README.md.
RESOURCES = {
    "suspended": {"vmid": 116, "type": "qemu", "node": "pve3", "status": "suspended", "name": "s3"},
    "hibernated": {"vmid": 117, "type": "qemu", "node": "pve1", "status": "stopped", "lock": "suspended"},
    "io-error": {"vmid": 118, "type": "qemu", "node": "pve3", "status": "io-error"},
    "prelaunch": {"vmid": 119, "type": "qemu", "node": "pve1", "status": "prelaunch"},
}


@pytest.mark.parametrize("status, offered", [
    ("running", (Action.SHUTDOWN, Action.REBOOT, Action.PAUSE, Action.STOP, Action.RESET)),
    ("stopped", (Action.START,)),
    ("paused", (Action.RESUME, Action.STOP)),
    ("suspended", (Action.RESUME, Action.STOP)),  # S3: resume sends system_wakeup; start fails
    ("prelaunch", (Action.RESUME, Action.STOP)),
    ("io-error", (Action.RESUME, Action.STOP)),
    ("shutdown", (Action.RESUME, Action.STOP)),
    ("internal-error", (Action.RESET, Action.STOP)),  # cont is refused until a reset
    ("guest-panicked", (Action.RESET, Action.STOP)),
    ("postmigrate", (Action.STOP,)),
    ("finish-migrate", (Action.STOP,)),
])
def test_each_qmp_state_offers_what_qemu_server_can_do(status, offered):
    inst = vm(status)
    assert power.blocked(inst) is Blocked.NONE
    assert power.available(inst) == offered
    assert Action.START not in power.available(inst) or status == "stopped"


def test_halted_states_are_not_an_offline_node():
    for status in entities.HALTED:
        inst = vm(status)
        assert power.blocked(inst) is not Blocked.UNKNOWN
        assert inst.alive  # the QEMU process lives: the console has a screen to show
    assert power.blocked(vm("unknown")) is Blocked.UNKNOWN
    assert not vm("unknown").alive and not vm("stopped").alive
    assert power.blocked(vm("frobnicated")) is Blocked.UNRECOGNIZED


def test_hibernated_is_stopped_with_the_suspended_lock_and_starts():
    inst = Instance.from_api("c", RESOURCES["hibernated"])
    assert inst.hibernated and inst.shown_status == entities.HIBERNATED and not inst.alive
    assert power.available(inst) == (Action.START,)
    assert not vm("stopped", lock="backup").hibernated
    assert power.blocked(vm("stopped", lock="backup")) is Blocked.LOCKED


def test_state_words(qapp):
    model = InstanceModel()
    words = {name: model.status_text(Instance.from_api("c", item)) for name, item in RESOURCES.items()}
    assert words == {"suspended": "Asleep (S3)", "hibernated": "Hibernated", "io-error": "Halted: disk I/O error",
                     "prelaunch": "Waiting to run (prelaunch)"}
    assert model.status_text(vm("colo-x")) == "colo-x"  # unforeseen: shown as PVE says it


def test_demo_guests_in_s3_hibernated_io_error_and_prelaunch(qtbot, session):
    model = make_model(session)
    by_id = {i.vmid: i for i in (model.instance(r) for r in range(model.rowCount()))}
    assert (by_id[116].status, by_id[117].status, by_id[117].lock, by_id[118].status, by_id[119].status) == \
        ("suspended", "stopped", "suspended", "io-error", "prelaunch")
    assert [model.status_text(by_id[v]) for v in (116, 117, 118, 119)] == \
        ["Asleep (S3)", "Hibernated", "Halted: disk I/O error", "Waiting to run (prelaunch)"]
    assert [power.available(by_id[v]) for v in (116, 117, 118, 119)] == [
        (Action.RESUME, Action.STOP), (Action.START,), (Action.RESUME, Action.STOP), (Action.RESUME, Action.STOP)]


@pytest.mark.parametrize("vmid, action", [(116, Action.RESUME), (117, Action.START), (118, Action.RESUME),
                                          (119, Action.RESUME)])
def test_demo_offered_action_brings_the_guest_to_running(qtbot, session, vmid, action):
    model = make_model(session)
    inst = next(model.instance(r) for r in range(model.rowCount()) if model.instance(r).vmid == vmid)
    with qtbot.waitSignal(session.task_changed, check_params_cb=lambda t: not t.running, timeout=10000) as done:
        session.guest_action(inst, action)
    assert done.args[0].ok, done.args[0].exitstatus
    qtbot.waitUntil(lambda: any(model.instance(r).vmid == vmid and model.instance(r).status == "running"
                                and not model.instance(r).lock for r in range(model.rowCount())), timeout=10000)


def test_guest_list_status_filter_puts_halts_with_paused(qtbot, qapp):
    model = InstanceModel()
    items = tuple(Instance.from_api("c", item) for item in RESOURCES.values())
    model.apply(InstanceDelta("c", True, items, ()))
    from virton_desktop.models.instances import InstanceFilter
    model.set_filter(InstanceFilter(statuses=frozenset({"paused"})))
    assert sorted(model.instance(r).vmid for r in range(model.rowCount())) == [116, 118, 119]
