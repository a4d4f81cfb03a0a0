"""Requests that hang or trickle are cut by their deadline; closing never waits on the network.

The demo answers after a long real delay (`vt_latency`) or trickles a byte every half second
forever (`vt_trickle`): a read timeout never fires on the latter, only the total deadline does.
"""

from __future__ import annotations

import time

from virton_desktop.core.clusters import Clusters
from virton_desktop.models.instances import InstanceModel
from virton_desktop.pve import api, errors
from virton_desktop.pve.client import Credentials, PveClient
from virton_desktop.session import wait_for_workers

from conftest import Heartbeat, make_session, record_figure, record_stall


def logged_in_client(demo, deadline):
    client = PveClient(demo.host, demo.port, fingerprint=demo.fingerprint, deadline=deadline)
    client.authenticate(Credentials(demo.user, password=demo.password))
    return client


def test_a_trickling_answer_is_cut_at_the_deadline(demo):
    client = logged_in_client(demo, deadline=1.5)
    demo.pve.vt_trickle("GET", "/cluster/resources")
    started = time.monotonic()
    try:
        client.request("GET", "/cluster/resources", {"type": "vm"})
    except errors.RequestTimeout as exc:
        took = time.monotonic() - started
        assert 1.0 <= took < 5.0, took
        assert "describe" and "did not answer in time" in errors.describe(exc)
    else:
        raise AssertionError("a trickling answer was accepted")
    finally:
        demo.pve.vt_heal()
    assert client.request("GET", "/version")["version"]  # the client works again


def test_abort_cuts_a_hanging_request_from_another_thread(demo):
    import threading

    client = logged_in_client(demo, deadline=60)
    demo.pve.vt_latency = 30
    outcome = {}

    def call():
        started = time.monotonic()
        try:
            client.request("GET", "/nodes")
        except errors.PveError as exc:
            outcome["error"], outcome["took"] = exc, time.monotonic() - started

    worker = threading.Thread(target=call)
    worker.start()
    time.monotonic()
    threading.Timer(0.5, client.abort).start()
    worker.join(10)
    demo.pve.vt_latency = 0
    assert isinstance(outcome.get("error"), errors.RequestTimeout) and outcome["took"] < 5


def test_closing_while_a_poll_hangs_is_quick_and_ends_the_thread(qtbot, demo):
    clusters = Clusters(InstanceModel())
    session = make_session(demo)
    session.set_poll_interval(0.2)
    with qtbot.waitSignal(clusters.polled, timeout=15000):
        clusters.add(session)
    demo.pve.vt_latency = 30  # every further answer hangs for 30 s
    qtbot.waitUntil(lambda: True, timeout=100)
    reply = session.run(api.version())  # on the action lane, which hangs as well
    with Heartbeat() as beat:
        started = time.monotonic()
        clusters.close_all(wait_ms=1500)
        took = time.monotonic() - started
    demo.pve.vt_latency = 0
    record_figure("closing a cluster with both lanes hanging: {0:.0f} ms".format(took * 1000))
    record_stall("closing a cluster with both lanes hanging", True, beat.worst_ms)
    assert not session.running
    assert wait_for_workers(500)
    del reply


def test_deadlines_run_only_what_outlived_them_on_one_thread():
    """One thread serves every request's deadline: an armed action runs once its time has come,
    a disarmed one never, a sooner one is not held up behind a later one."""
    import threading

    from virton_desktop.pve.deadlines import Deadlines

    deadlines = Deadlines(name="test-deadlines")
    fired: list[str] = []
    done = threading.Event()
    late = deadlines.arm(30.0, lambda: fired.append("late"))
    gone = [deadlines.arm(0.05, lambda: fired.append("disarmed")) for _ in range(50)]
    for entry in gone:
        deadlines.disarm(entry)
    deadlines.arm(0.2, lambda: (fired.append("due"), done.set()))
    deadlines.arm(0.1, lambda: 1 / 0)  # a failing action does not end the thread
    assert done.wait(5.0)
    assert fired == ["due"]
    assert deadlines.pending() == 1  # the late one, still armed
    deadlines.disarm(late)
    assert deadlines.pending() == 0
    before = threading.active_count()
    for entry in [deadlines.arm(10.0, lambda: None) for _ in range(20)]:
        deadlines.disarm(entry)
    assert threading.active_count() == before  # no thread a request
