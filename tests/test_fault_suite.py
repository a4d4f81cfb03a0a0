"""The fault suite: servers on 127.0.0.1 that misbehave, hostile names, a console page trying to
leave, while a 10 ms heartbeat on the GUI thread measures the longest stall.

Each probe asserts what the user must get: no exception escapes (threads, destructors, Qt
warnings), nothing is lost (the rows stay, marked stale), the user is told (the cluster bar,
worded). Stalls are measured, not asserted: the figures (probes run / survived, the worst
stall) are printed at the end of the run (`pytest_terminal_summary` in conftest.py).
"""

from __future__ import annotations

import gc

import pytest

from virton_desktop.models.instances import COL_NAME
from virton_desktop.pve import api, errors
from virton_desktop.session import SessionState

from conftest import FAULT_PROBES, Heartbeat
from faults import Escapes, Hang, reset_connections, serve_again, stop_serving

PORTAL = "<html><head><title>Hotel WiFi</title></head><body>Please log in</body></html>"
WRONG_LISTS = {
    "an object": {"vmid": 100},
    "a string": "oops",
    "vmid not a number": [{"vmid": "abc", "type": "qemu", "node": "pve1", "status": "running"}],
}
HOSTILE_NAMES = ["<b>x</b><img src=file:///etc/passwd>", "\u202eevil.exe\u202c", "a\tb\nc", "名前-" + "x" * 300]
GUEST = api.GuestRef("pve1", "qemu", 100)


@pytest.fixture
def probe(request, qtbot):
    """Heartbeat and escape watch around one probe; records it for the summary. The garbage of the
    tests before is collected first: in a full run a collection of ~400,000 of their objects
    (~1 s) fell inside a probe and was reported as its stall."""
    gc.collect()
    with Escapes() as escapes, Heartbeat() as beat:
        yield beat
    report = getattr(request.node, "report_call", None)
    survived = bool(report and report.passed) and not escapes.caught
    FAULT_PROBES.append((request.node.name.removeprefix("test_"), survived, beat.worst_ms))
    assert not escapes.caught, escapes.caught


@pytest.fixture
def watched(window):
    """The main window, its session polling fast, and the guest rows before any fault."""
    session = window.clusters.get("demo")
    session.set_poll_interval(0.2)
    return window, session, window.model.rowCount()


def told(qtbot, window, words: str) -> str:
    """Wait for the cluster bar to say `words`; the rows are kept and marked stale meanwhile."""
    qtbot.waitUntil(lambda: window.cluster_bar.isVisible() and words in window.cluster_bar.label.text(),
                    timeout=20000)
    assert window.model.is_stale("demo")
    return window.cluster_bar.label.text()


def recovers(qtbot, window, rows: int) -> None:
    qtbot.waitUntil(lambda: not window.model.is_stale("demo") and not window.cluster_bar.isVisible(),
                    timeout=30000)
    assert window.model.rowCount() == rows


@pytest.mark.parametrize("wrong", list(WRONG_LISTS.values()), ids=list(WRONG_LISTS))
def test_wrong_shape(qtbot, demo, watched, probe, wrong):
    window, _session, rows = watched
    demo.pve.vt_answer("GET", "/cluster/resources", {"data": wrong})
    told(qtbot, window, "/cluster/resources")
    assert window.model.rowCount() == rows  # nothing lost: the last rows stay, greyed
    demo.pve.vt_heal()
    recovers(qtbot, window, rows)


def test_captive_portal(qtbot, demo, watched, probe):
    window, _session, rows = watched
    demo.pve.vt_answer("GET", "/cluster/resources", PORTAL, content_type="text/html")
    told(qtbot, window, "captive portal")
    demo.pve.vt_heal()
    recovers(qtbot, window, rows)


def test_hanging_poll_and_a_user_action(qtbot, demo, watched, probe):
    window, session, rows = watched
    hang = Hang(demo, "GET", "/cluster/resources")
    qtbot.waitUntil(lambda: hang.arrived == 1, timeout=10000)
    polls = []
    session.poll_finished.connect(polls.append)
    reply = session.guest_action(GUEST, "pause")
    qtbot.waitUntil(lambda: reply.done, timeout=10000)
    assert reply.error is None and polls == [] and hang.arrived == 1  # answered before the poll
    hang.release()
    qtbot.waitUntil(lambda: bool(polls), timeout=10000)
    assert window.model.rowCount() == rows


def test_trickle_one_byte_per_second(qtbot, demo, watched, probe):
    window, session, rows = watched
    for client in session.clients:
        client.deadline = 2.0  # the suite waits 2 s instead of the real 45
    # A poll armed with the old deadline just before (every 0.2 s here) could reach the trickle
    # and hold it past the wait below: the trickle starts once a poll has ended since.
    with qtbot.waitSignal(session.instances_polled, timeout=10000):
        pass
    demo.pve.vt_trickle("GET", "/cluster/resources", every=1.0)
    told(qtbot, window, "did not answer in time")
    demo.pve.vt_heal()
    recovers(qtbot, window, rows)


def test_connection_reset(qtbot, demo, watched, probe):
    window, _session, rows = watched
    reset_connections(demo, "GET", "/cluster/resources")
    told(qtbot, window, "Cannot reach")
    demo.pve.vt_heal()
    recovers(qtbot, window, rows)


def test_server_restart(qtbot, demo, watched, probe):
    window, session, rows = watched
    stop_serving(demo)
    try:
        told(qtbot, window, "Cannot reach")
        refused = session.run(api.version())  # a click while the server is away: a worded error
        qtbot.waitUntil(lambda: refused.done, timeout=15000)
        assert isinstance(refused.error, errors.ConnectionFailed) and "Cannot reach" in errors.describe(refused.error)
    finally:
        serve_again(demo)
    recovers(qtbot, window, rows)
    after = session.run(api.version())  # the same login works again (PVE's tickets outlive a restart)
    qtbot.waitUntil(lambda: after.done, timeout=10000)
    assert after.error is None and session.state == SessionState.ONLINE


@pytest.mark.parametrize("name", HOSTILE_NAMES, ids=["markup", "bidi", "control", "long"])
def test_hostile_guest_name(qtbot, demo, watched, probe, name):
    window, _session, rows = watched
    vm = demo.pve.vm(100)
    vm.name = vm.config["name"] = name
    row = window.model.row_of(("demo", 100))
    qtbot.waitUntil(lambda: window.model.index(window.model.row_of(("demo", 100)), COL_NAME).data() == name,
                    timeout=10000)
    assert window.model.rowCount() == rows and row is not None


def test_console_page_navigation_attempt(qtbot, demo, probe):
    from PySide6.QtWidgets import QMainWindow
    from test_console import guest, js, spin_until, started_session

    from virton_desktop.ui.console import scheme
    from virton_desktop.ui.console.console_manager import ConsoleManager

    session = started_session(demo)
    main = QMainWindow()
    manager = ConsoleManager(main)
    try:
        pane = manager.open(session, guest(session, 100))
        spin_until(lambda: pane.view.state == "connected", 30)
        page = pane.view.page
        page.runJavaScript("window.location = 'https://example.org/'")
        spin_until(lambda: page.is_tampered)
        assert page.url() == scheme.PAGE_URL and js(pane.view, "location.href") == scheme.PAGE_URL.toString()
        assert pane.view.state == "failed" and "tried to open another page" in pane.view.message
    finally:
        manager.close_all()
        session.close()
        main.deleteLater()
