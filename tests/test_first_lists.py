"""Guest lists first (first_lists.py): while a cluster just started waits for its first list, the
other clusters' workers hold their background requests; polls go on; the hold ends when that
list is shown, when the cluster gives up or ends, or after the patience."""

import asyncio

from aiohttp import web

from virton_desktop.core.clusters import Clusters
from virton_desktop.demo import ServedDemo
from virton_desktop.first_lists import FirstLists
from virton_desktop.models.instances import InstanceModel
from virton_desktop.pve import api

from conftest import make_session


class Clock:
    def __init__(self):
        self.now = 100.0

    def __call__(self):
        return self.now


def test_holds_while_a_first_list_is_awaited_within_patience():
    clock = Clock()
    lists = FirstLists(patience=2.0, clock=clock)
    assert not lists.holding()  # nothing awaited
    a, b = lists.expect(), lists.expect()
    assert lists.holding()
    a.arrived()
    assert lists.holding()  # b still awaited
    a.arrived()  # twice: no harm, b still counts
    assert lists.holding()
    b.arrived()
    assert not lists.holding()
    silent = lists.expect()  # an unreachable cluster: tries for its whole timeout
    clock.now += 1.9
    assert lists.holding()
    clock.now += 0.2
    assert not lists.holding()  # patience spent: the others go on
    later = lists.expect()  # a cluster added later waits again, for the patience from now
    assert lists.holding()
    later.arrived()
    clock.now += 1.0
    assert lists.holding()  # the silent one is still awaited, patience restarted by `later`
    silent.arrived()
    assert not lists.holding()


def test_the_lists_awaited_are_counted_while_patience_lasts():
    """What the window asks before it holds the guest list's repaints (MainWindow._polled)."""
    clock = Clock()
    lists = FirstLists(patience=2.0, clock=clock)
    assert lists.awaited() == 0
    a, b = lists.expect(), lists.expect()
    assert lists.awaited() == 2
    a.arrived()
    assert lists.awaited() == 1
    clock.now += 2.1
    assert lists.awaited() == 0  # b silent past the patience: nothing is held for it
    b.arrived()
    assert lists.awaited() == 0


def test_background_requests_wait_for_another_clusters_first_list(qtbot, demo):
    registry = Clusters(InstanceModel())
    registry.first_lists = FirstLists(patience=60.0)  # only the silent cluster's answer may end the hold
    try:
        with qtbot.waitSignal(registry.polled, timeout=15000):
            registry.add(make_session(demo))
        first = registry.get("demo")
        with ServedDemo(time_scale=0, index=1) as silent:
            answer_login = asyncio.Event()

            async def login_waits(_request):  # its login is answered when the test says so
                await answer_login.wait()
                return web.json_response({"data": None, "message": "authentication failure"}, status=401)

            silent.pve.vt_faults[("POST", "/api2/json/access/ticket")] = login_waits
            registry.add(make_session(silent, name="demo-2"))
            try:
                answered = []
                first.run(api.cluster_options(), background=True).then(
                    registry, lambda data, error: answered.append((data, error)))
                # Polls go on meanwhile (a poll asked now: control messages are never held).
                for _ in range(2):
                    with qtbot.waitSignal(registry.polled, timeout=15000, check_params_cb=lambda c: c == "demo"):
                        first.refresh()
                assert answered == []  # held: before, it went before the poll
                # The silent cluster's login fails: no list to wait for any more.
                silent.loop.call_soon_threadsafe(answer_login.set)
                qtbot.waitUntil(lambda: answered != [], timeout=5000)
            finally:
                silent.loop.call_soon_threadsafe(answer_login.set)
                registry.remove("demo-2")
        data, error = answered[0]
        assert error is None and isinstance(data, dict)
    finally:
        registry.close_all()


def test_a_clusters_own_background_requests_follow_its_first_list(qtbot, demo):
    """Asked before the first poll (a page or feed reacting to "online"), they go after it."""
    registry = Clusters(InstanceModel())
    session = make_session(demo)
    order = []
    session.instances_polled.connect(lambda _delta: order.append("list"))
    try:
        registry.add(session)
        session.run(api.cluster_options(), background=True).then(registry, lambda *_: order.append("options"))
        qtbot.waitUntil(lambda: "options" in order, timeout=15000)
        assert order[0] == "list"
    finally:
        registry.close_all()
