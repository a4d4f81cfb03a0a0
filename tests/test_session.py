"""ClusterSession against the demo cluster: login, polling, diffs, requests, tasks."""

import pytest

from virton_desktop.pve import api, errors
from virton_desktop.pve.entities import PAUSED, RUNNING, STOPPED, UNKNOWN

from conftest import make_session


def test_login_and_first_poll_lists_every_guest(session, demo):
    delta = session.first
    assert delta.full and delta.cluster == "demo"
    by_id = {i.vmid: i for i in delta.changed}
    assert len(by_id) == len(demo.pve.vms) + len(getattr(demo.pve, "cts", [])) or len(by_id) >= 25
    assert by_id[100].status == RUNNING and by_id[101].status == STOPPED
    assert by_id[107].status == PAUSED
    assert by_id[105].lock == "backup"
    assert by_id[9000].template
    assert {i.type for i in by_id.values()} == {"qemu", "lxc"}
    assert session.state == "online" and session.user == "root@pam"
    assert [n.name for n in session.nodes] == ["pve1", "pve2", "pve3"]


@pytest.mark.parametrize("password, fingerprint, error", [
    ("wrong", None, errors.AuthenticationFailed),
    (None, "12:" * 31 + "34", errors.CertificateMismatch),
])
def test_login_failures_are_typed_and_described(qtbot, demo, password, fingerprint, error):
    s = make_session(demo, password=password, fingerprint=fingerprint)
    with qtbot.waitSignal(s.state_changed, timeout=10000,
                          check_params_cb=lambda state, err: state == "failed") as blocker:
        s.start()
    err = blocker.args[1]
    assert isinstance(err, error)
    text = errors.describe(err)
    assert text and "Traceback" not in text
    if error is errors.CertificateMismatch:
        assert err.fingerprint == demo.fingerprint and err.expected.endswith("12:34")
        assert demo.fingerprint in text
    s.close()


def test_poll_diff_reports_only_changes(qtbot, session, demo):
    pve = demo.pve
    pve.vm(101).status = "running"  # changed
    pve.add_vm(150, "new-guest", node="pve2")  # added
    pve.vms.remove(pve.vm(112))  # removed
    with qtbot.waitSignal(session.instances_polled, timeout=10000) as got:
        session.refresh()
    delta = got.args[0]
    assert not delta.full
    changed = {i.vmid: i for i in delta.changed}
    assert 101 in changed and changed[101].status == RUNNING
    assert 150 in changed
    assert ("demo", 112) in delta.removed
    # moving figures change, but untouched stopped guests are not re-sent
    assert 115 not in changed


def test_offline_node_guests_are_unknown(qtbot, session, demo):
    demo.pve.set_node_offline("pve3")
    with qtbot.waitSignal(session.instances_polled, timeout=10000) as got:
        session.refresh()
    changed = {i.vmid: i for i in got.args[0].changed}
    assert changed[105].status == UNKNOWN and changed[105].node == "pve3"


def test_request_reply_and_error(qtbot, session):
    reply = session.run(api.next_id())
    with qtbot.waitSignal(reply.finished, timeout=10000) as got:
        pass
    data, error = got.args
    assert error is None and int(data) >= 100
    bad = session.run(api.guest_config(api.GuestRef("pve1", "qemu", 4242)))
    with qtbot.waitSignal(bad.finished, timeout=10000) as got:
        pass
    assert got.args[0] is None and isinstance(got.args[1], errors.PveError)


@pytest.mark.parametrize("vmid, action, final", [
    (101, "start", RUNNING),
    (100, "shutdown", STOPPED),
    (100, "stop", STOPPED),
    (102, "reboot", RUNNING),
    (107, "resume", RUNNING),
    (108, "pause", PAUSED),
    (201, "start", RUNNING),
    (200, "shutdown", STOPPED),
])
def test_power_action_becomes_a_finished_task_and_a_new_state(qtbot, session, vmid, action, final):
    inst = {i.vmid: i for i in session.first.changed}[vmid]
    tasks = []
    session.task_changed.connect(tasks.append)
    states = {}
    session.instances_polled.connect(lambda d: states.update({i.vmid: i.status for i in d.changed}))
    reply = session.guest_action(inst, action)
    with qtbot.waitSignal(reply.finished, timeout=10000) as got:
        pass
    assert got.args[1] is None and got.args[0].startswith("UPID:")
    qtbot.waitUntil(lambda: any(t.upid == got.args[0] and not t.running for t in tasks), timeout=10000)
    done = [t for t in tasks if t.upid == got.args[0] and not t.running][-1]
    assert done.ok, done.exitstatus
    assert done.log_tail and done.log_tail[-1] == "TASK OK"
    if final != inst.status:
        qtbot.waitUntil(lambda: states.get(vmid) == final, timeout=10000)


def test_cluster_task_history_is_listed_with_failures(qtbot, demo):
    s = make_session(demo)
    tasks = []
    s.task_changed.connect(tasks.append)
    s.start()
    try:
        # The listing arrives as one signal per task, oldest first: wait for the newest one too.
        qtbot.waitUntil(lambda: any(t.type == "vzdump" and t.failed for t in tasks)
                        and any(t.type == "qmshutdown" for t in tasks), timeout=10000)
        failed = next(t for t in tasks if t.type == "vzdump" and t.failed)
        assert failed.vmid == 111 and "no space left" in failed.exitstatus
        assert errors.describe(errors.from_task_exit(failed.exitstatus)).startswith("The task failed")
        assert any(t.type == "qmshutdown" and t.ok and t.exitstatus.startswith("WARNINGS") for t in tasks)
    finally:
        s.close()


def test_api_token_login_and_a_wrong_secret(qtbot, demo):
    from virton_desktop.pve.client import Credentials, PveClient
    from virton_desktop.session import ClusterSession

    demo.pve.apitokens["root@pam!virton"] = "5f0c1c7e-6a47-4f5e-9d43-0d8cbb3a4a11"
    for secret, state in (("5f0c1c7e-6a47-4f5e-9d43-0d8cbb3a4a11", "online"), ("0" * 36, "failed")):
        s = ClusterSession("tok", PveClient(demo.host, demo.port, fingerprint=demo.fingerprint),
                           Credentials("root@pam", token_id="virton", token_secret=secret))
        with qtbot.waitSignal(s.state_changed, timeout=10000,
                              check_params_cb=lambda st, err: st in ("online", "failed")) as got:
            s.start()
        assert got.args[0] == state
        if state == "failed":
            assert isinstance(got.args[1], errors.AuthenticationFailed)
        else:
            with qtbot.waitSignal(s.instances_polled, timeout=10000) as polled:
                pass
            assert len(polled.args[0].changed) >= 25
            assert s.client.ticket == ""  # tokens carry no ticket
        s.close()


def test_expired_ticket_is_renewed_silently(qtbot, session, demo):
    demo.pve.revoke_tickets()
    states = []
    session.state_changed.connect(lambda st, err: states.append(st))
    with qtbot.waitSignal(session.instances_polled, timeout=10000):
        session.refresh()
    reply = session.run(api.version())
    with qtbot.waitSignal(reply.finished, timeout=10000) as got:
        pass
    assert got.args[1] is None
    assert "offline" not in states and "failed" not in states
