"""Request lanes: user actions never wait behind a hanging poll; a request can be cancelled;
the two lanes share one login (a renewal by the poll lane is the action lane's ticket too).

Ordering, not timing: the user's answer must arrive while the poll still hangs.
"""

from __future__ import annotations

import time

from virton_desktop.core.clusters import Clusters
from virton_desktop.models.instances import InstanceModel
from virton_desktop.pve import api, errors
from virton_desktop.pve.client import Credentials, PveClient
from virton_desktop.session import SessionState, wait_for_workers

from conftest import make_session
from faults import Hang

GUEST = api.GuestRef("pve1", "qemu", 100)


def started(qtbot, demo):
    session = make_session(demo)
    session.set_poll_interval(0.2)
    with qtbot.waitSignal(session.instances_polled, timeout=15000):
        session.start()
    return session


def test_a_user_action_is_answered_while_the_poll_hangs(qtbot, demo):
    session = started(qtbot, demo)
    try:
        hang = Hang(demo, "GET", "/cluster/resources")
        qtbot.waitUntil(lambda: hang.arrived == 1, timeout=10000)  # the poll lane is stuck in it
        polls = []
        session.poll_finished.connect(polls.append)
        reply = session.guest_action(GUEST, "pause")
        qtbot.waitUntil(lambda: reply.done, timeout=10000)
        assert reply.error is None and str(reply.data).startswith("UPID:")
        assert not polls and hang.arrived == 1  # the poll still hangs: the action did not wait for it
        hang.release()
        qtbot.waitUntil(lambda: bool(polls), timeout=10000)
    finally:
        session.close()


def test_a_hanging_request_can_be_cancelled_and_the_lane_goes_on(qtbot, demo):
    session = started(qtbot, demo)
    try:
        hang = Hang(demo, "GET", "/nodes/pve1/qemu/100/config")
        stuck = session.run(api.guest_config(GUEST))
        qtbot.waitUntil(lambda: hang.arrived == 1, timeout=10000)
        with qtbot.waitSignal(stuck.finished, timeout=1000) as cancelled:
            session.cancel(stuck)
        assert isinstance(cancelled.args[1], errors.Cancelled)
        assert "Cancelled" in errors.describe(cancelled.args[1])
        after = session.run(api.version())
        qtbot.waitUntil(lambda: after.done, timeout=10000)
        assert after.error is None and after.data["version"]
        assert hang.arrived == 1  # still hanging on the server: the cut freed the lane, not the server
        hang.release()
    finally:
        session.close()


def test_a_request_cancelled_before_it_is_sent_is_never_sent(qtbot, demo):
    session = started(qtbot, demo)
    try:
        hang = Hang(demo, "GET", "/version")
        first = session.run(api.version())
        qtbot.waitUntil(lambda: hang.arrived == 1, timeout=10000)
        queued = session.guest_action(GUEST, "pause")
        queued.cancel()
        assert isinstance(queued.error, errors.Cancelled)
        hang.release()
        qtbot.waitUntil(lambda: first.done, timeout=10000)
        last = session.run(api.guest_status(GUEST))
        qtbot.waitUntil(lambda: last.done, timeout=10000)
        assert not any(path.endswith("/status/suspend") for _m, path, _f in demo.pve.vt_writes)
        assert last.data["qmpstatus"] == "running"
    finally:
        session.close()


def test_the_lanes_share_one_login_and_its_renewal(demo):
    client = PveClient(demo.host, demo.port, fingerprint=demo.fingerprint)
    client.authenticate(Credentials(demo.user, password=demo.password))
    lane = client.lane()
    assert (lane.timeout, lane.deadline) == (client.timeout, client.deadline)  # connect, read, total
    assert lane.request("GET", "/version")["version"]
    before = lane.ticket
    client.renew()
    assert lane.ticket == client.ticket != before
    assert lane.request("GET", "/version")["version"]
    lane.close()
    client.close()


def test_an_expired_ticket_in_the_action_lane_is_renewed_by_the_poll_lane(qtbot, demo):
    session = started(qtbot, demo)
    try:
        session.set_poll_interval(60)  # the poll lane idles: only the action lane meets the 401
        ticket = session.client.ticket
        demo.pve.revoke_tickets()
        reply = session.run(api.version())
        qtbot.waitUntil(lambda: reply.done, timeout=15000)
        assert reply.error is None and reply.data["version"]
        assert session.client.ticket != ticket and session.state == SessionState.ONLINE
    finally:
        session.close()


def test_closing_while_both_lanes_hang_is_quick(qtbot, demo):
    clusters = Clusters(InstanceModel())
    session = make_session(demo)
    session.set_poll_interval(0.2)
    with qtbot.waitSignal(clusters.polled, timeout=15000):
        clusters.add(session)
    poll = Hang(demo, "GET", "/cluster/resources")
    action = Hang(demo, "GET", "/nodes/pve1/qemu/100/config")
    reply = session.run(api.guest_config(GUEST))
    qtbot.waitUntil(lambda: poll.arrived and action.arrived, timeout=10000)
    began = time.monotonic()
    clusters.close_all(wait_ms=1500)
    took = time.monotonic() - began
    demo.pve.vt_heal()
    assert not session.running, "a lane outlived close_all"
    assert wait_for_workers(500)
    print("closing with both lanes hanging took {0:.0f} ms".format(took * 1000))
    assert not reply.done or reply.error is not None


def test_a_read_whose_widget_is_gone_is_cancelled_and_frees_the_lane(qtbot, demo):
    from PySide6.QtWidgets import QWidget

    session = started(qtbot, demo)
    try:
        hang = Hang(demo, "GET", "/nodes/pve1/qemu/100/config")
        dialog = QWidget()
        got = []
        loading = session.run(api.guest_config(GUEST))
        loading.then(dialog, lambda data, error: got.append(error))
        qtbot.waitUntil(lambda: hang.arrived == 1, timeout=10000)
        dialog.deleteLater()  # the user closed the dialog while its config still loaded
        qtbot.waitUntil(lambda: loading.done, timeout=1000)
        assert isinstance(loading.error, errors.Cancelled) and got == []  # the gone widget is not called
        after = session.run(api.version())
        qtbot.waitUntil(lambda: after.done, timeout=10000)
        assert after.error is None and hang.arrived == 1
        hang.release()
    finally:
        session.close()


def test_an_answered_read_lets_go_of_its_owner(qtbot, session):
    from PySide6.QtWidgets import QWidget

    owner = QWidget()
    reply = session.run(api.version())
    reply.then(owner, lambda data, error: None)
    qtbot.waitUntil(lambda: reply.done, timeout=10000)
    assert reply.error is None and not reply._watches
    owner.deleteLater()  # long after the answer: nothing cancelled, nothing raised
    qtbot.waitUntil(lambda: reply.error is None and reply.done, timeout=100)


def test_closing_answers_every_waiting_request(qtbot, demo):
    session = started(qtbot, demo)
    hang = Hang(demo, "GET", "/nodes/pve1/qemu/100/config")
    in_flight = session.run(api.guest_config(GUEST))
    qtbot.waitUntil(lambda: hang.arrived == 1, timeout=10000)
    queued = session.run(api.version())
    session.close()
    qtbot.waitUntil(lambda: in_flight.done and queued.done, timeout=5000)
    assert isinstance(in_flight.error, errors.RequestTimeout)  # cut by the close
    assert isinstance(queued.error, errors.Cancelled)  # never sent, but not left waiting
    demo.pve.vt_heal()


def test_a_started_task_is_followed_only_after_its_reply_is_sent(qtbot, demo):
    """The poll lane's word that a task ended must reach the GUI after the reply with its UPID:
    a short task (a snapshot of the demo) that ended first left its view waiting for it."""
    from PySide6.QtCore import Qt

    session = started(qtbot, demo)
    try:
        order = []
        follow = session._worker.follow
        session._worker.follow = lambda task: (order.append(("follow", task.upid)), follow(task))
        session._lane.replied.connect(lambda _id, data, _error: order.append(("replied", data)),
                                      Qt.ConnectionType.DirectConnection)
        ended = []
        session.task_changed.connect(lambda task: ended.append(task.upid) if not task.running else None)
        reply = session.run(api.create_snapshot(GUEST, "quick", {}))
        qtbot.waitUntil(lambda: reply.done, timeout=10000)
        assert reply.error is None, reply.error
        assert order == [("replied", reply.data), ("follow", reply.data)]
        qtbot.waitUntil(lambda: reply.data in ended, timeout=10000)
    finally:
        session.close()
