"""Background requests take turns across clusters (lane_turns.py `background_turn`): one poll
lane at a time sends them, so ten clusters' answers do not crowd the GUI thread out of the GIL
together; a lane waits for its turn at most TURN_WAIT, so a cluster whose request hangs never
holds the other clusters' requests back for longer. Polls never wait for a turn."""

import pytest
from aiohttp import web

from virton_desktop import lane_turns
from virton_desktop.demo import ServedDemo
from virton_desktop.pve import api

from conftest import make_session
from faults import Hang


def _started(qtbot, served, name):
    session = make_session(served, name=name)
    with qtbot.waitSignal(session.instances_polled, timeout=15000):
        session.start()
    return session


def _counted(served, path, data=None):
    """Arrivals of GET `path` at the demo, answered with `data` (default: an empty object)."""
    arrivals = []

    async def count(_request):
        arrivals.append(path)
        return web.json_response({"data": {} if data is None else data})

    served.pve.vt_faults[("GET", "/api2/json" + path)] = count
    return arrivals


@pytest.fixture
def second_demo():
    with ServedDemo(time_scale=0, index=1) as served:
        yield served


def test_a_background_request_waits_for_the_turn_while_polls_go_on(qtbot, demo, second_demo, monkeypatch):
    monkeypatch.setattr(lane_turns, "TURN_WAIT", 60.0)  # no turn given up by waiting, in this test
    task_lists = [_counted(served, "/cluster/tasks", data=[]) for served in (demo, second_demo)]
    first, second = _started(qtbot, demo, "demo"), _started(qtbot, second_demo, "demo-2")
    try:
        # Each lane's first task list takes a turn too: listed before the test holds the turn,
        # or the other lane would wait for it instead of polling.
        qtbot.waitUntil(lambda: all(task_lists), timeout=10000)
        arrivals, answered = _counted(demo, "/cluster/options"), []
        with lane_turns.background_turn():  # another lane's background request, in flight
            first.run(api.cluster_options(), background=True).then(
                first, lambda data, error: answered.append((data, error)))
            for _ in range(2):  # the other cluster polls meanwhile: polls take no turn
                with qtbot.waitSignal(second.instances_polled, timeout=15000):
                    second.refresh()
            assert arrivals == [] and answered == []  # not sent while the turn is taken
        qtbot.waitUntil(lambda: answered != [], timeout=10000)  # the turn came: sent, answered
        assert arrivals == ["/cluster/options"] and answered == [({}, None)]
    finally:
        first.close()
        second.close()


def test_a_hung_clusters_request_holds_the_others_back_no_longer_than_the_wait(qtbot, demo, second_demo,
                                                                                monkeypatch):
    monkeypatch.setattr(lane_turns, "TURN_WAIT", 0.2)
    first, second = _started(qtbot, demo, "demo"), _started(qtbot, second_demo, "demo-2")
    hang = Hang(second_demo, "GET", "/cluster/options")
    try:
        hung, answered = [], []
        second.run(api.cluster_options(), background=True).then(second, lambda data, error: hung.append(error))
        qtbot.waitUntil(lambda: hang.arrived == 1, timeout=10000)  # its lane has the turn and waits for the answer
        first.run(api.cluster_options(), background=True).then(
            first, lambda data, error: answered.append((data, error)))
        qtbot.waitUntil(lambda: answered != [], timeout=10000)
        data, error = answered[0]
        assert error is None and isinstance(data, dict)
        assert hung == []  # the other cluster's request still hangs
        hang.release()
        qtbot.waitUntil(lambda: hung != [], timeout=10000)
        assert hung[0] is not None  # answered 503 by the test's fault: an error, and the lane lives on
    finally:
        hang.release()
        first.close()
        second.close()


def test_a_lane_keeps_the_turn_a_moment_after_its_request(monkeypatch):
    """The pause after a background request (TURN_PAUSE) is the GUI thread's, to handle the
    answer before the next lane's: no other lane's request goes meanwhile."""
    import threading

    monkeypatch.setattr(lane_turns, "TURN_PAUSE", 1.0)
    sent, done = threading.Event(), threading.Event()

    def lane():
        with lane_turns.background_turn():
            sent.set()  # the request, answered
        done.set()

    threading.Thread(target=lane, daemon=True).start()
    assert sent.wait(5)
    assert not done.is_set()
    assert not lane_turns.BACKGROUND_TURN.acquire(blocking=False)  # still this lane's turn
    assert done.wait(5)
    assert lane_turns.BACKGROUND_TURN.acquire(blocking=False)  # given back after the pause
    lane_turns.BACKGROUND_TURN.release()
