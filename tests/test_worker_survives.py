"""A cluster's worker outlives any answer: wrong shapes, web pages, non-JSON, at login or later.

The demo is made to answer like a broken server, a proxy or a captive portal (`vt_answer`);
the session must report a typed, worded error, mark the list stale, keep polling, and come
back by itself once the server answers properly again (`vt_heal`).
"""

from __future__ import annotations

import pytest

from virton_desktop.core.clusters import Clusters
from virton_desktop.models.instances import InstanceModel
from virton_desktop.pve import api, errors
from virton_desktop.session import SessionState

from conftest import make_session

PORTAL = "<html><head><title>Hotel WiFi</title></head><body>Please log in</body></html>"

WRONG_LISTS = {
    "an object": {"vmid": 100},
    "a string": "oops",
    "numbers": [1, 2, 3],
    "vmid not a number": [{"vmid": "abc", "type": "qemu", "node": "pve1", "status": "running"}],
    "vmid in other digits": [{"vmid": "١٠٠", "type": "qemu", "node": "pve1", "status": "running"}],
}


@pytest.fixture
def registry(qtbot, demo):
    model = InstanceModel()
    clusters = Clusters(model)
    session = make_session(demo)
    session.set_poll_interval(0.2)
    with qtbot.waitSignal(clusters.polled, timeout=15000):
        clusters.add(session)
    yield clusters, model, session
    clusters.close_all()


def wait_state(qtbot, session, state, timeout=10000):
    qtbot.waitUntil(lambda: session.state == state, timeout=timeout)
    return session.error


@pytest.mark.parametrize("wrong", list(WRONG_LISTS.values()), ids=list(WRONG_LISTS))
def test_a_wrong_guest_list_marks_the_data_stale_and_polling_goes_on(qtbot, demo, registry, wrong):
    clusters, model, session = registry
    demo.pve.vt_answer("GET", "/cluster/resources", {"data": wrong})
    error = wait_state(qtbot, session, SessionState.OFFLINE)
    assert isinstance(error, errors.BadAnswer)
    assert "/cluster/resources" in errors.describe(error)
    assert model.rowCount() > 0 and model.is_stale(session.name)  # old rows kept, greyed as stale
    demo.pve.vt_heal()
    with qtbot.waitSignal(clusters.polled, timeout=10000):
        pass
    wait_state(qtbot, session, SessionState.ONLINE)
    assert not model.is_stale(session.name)


def test_a_captive_portal_page_is_named_as_such(qtbot, demo, registry):
    _clusters, model, session = registry
    demo.pve.vt_answer("GET", "/cluster/resources", PORTAL, content_type="text/html")
    error = wait_state(qtbot, session, SessionState.OFFLINE)
    assert isinstance(error, errors.NotProxmox) and "text/html" in error.message
    assert "captive portal" in errors.describe(error)
    demo.pve.vt_heal()
    wait_state(qtbot, session, SessionState.ONLINE)


def test_a_portal_at_login_is_retried_not_a_failed_login(qtbot, demo):
    demo.pve.vt_answer("POST", "/access/ticket", PORTAL, content_type="text/html")
    session = make_session(demo)
    session.set_poll_interval(0.2)
    session.start()
    try:
        error = wait_state(qtbot, session, SessionState.OFFLINE)
        assert isinstance(error, errors.NotProxmox)
        demo.pve.vt_heal()
        with qtbot.waitSignal(session.instances_polled, timeout=15000):
            pass
        assert session.state == SessionState.ONLINE
    finally:
        session.close()


@pytest.mark.parametrize("body", [[{"not": "an envelope"}], "null-ish text", {"data": {"status": 5}}])
def test_a_request_answered_wrongly_fails_alone(qtbot, demo, registry, body):
    _clusters, _model, session = registry
    guest = api.GuestRef("pve1", "qemu", 100)
    content = body if not isinstance(body, str) else body
    demo.pve.vt_answer("GET", "/nodes/pve1/qemu/100/status/current", content,
                       content_type="text/plain" if isinstance(body, str) else "application/json")
    bad = session.run(api.guest_status(guest))
    qtbot.waitUntil(lambda: bad.done, timeout=10000)
    assert isinstance(bad.error, errors.BadAnswer)
    demo.pve.vt_heal()
    good = session.run(api.guest_status(guest))
    qtbot.waitUntil(lambda: good.done, timeout=10000)
    assert good.error is None and good.data["status"] == "running"
    assert session.state == SessionState.ONLINE
