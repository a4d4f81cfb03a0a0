"""Connections end as pveproxy ends them, and the client opens new ones without a word.

pve-http-server (src/PVE/APIServer/AnyEvent.pm) answers an error status with `Connection: close`
(`response`: keep_alive = 0 if code >= 400), serves at most `keep_alive` requests on one
connection (pve-manager PVE/Service/pveproxy.pm: 100) and drops a connection idle for its
handle's `timeout` (5 s). The demo does the same (demo/pveproxy.py), so every test that meets an
error answer also meets the reconnection a real cluster makes the client do.
"""

import pytest

from virton_desktop.demo import pveproxy
from virton_desktop.demo.served import ServedDemo
from virton_desktop.pve import errors
from virton_desktop.pve.client import Credentials, PveClient


def _client(served):
    client = PveClient(served.host, served.port, fingerprint=served.fingerprint)
    client.authenticate(Credentials(served.user, password=served.password))
    return client


def _open_connections(served):
    """The demo's connections not being closed (a TLS connection the server ends stays listed
    until the client answers its close_notify, or for 30 s)."""
    return sum(1 for handler in served.pve.runner.server.connections
               if handler.transport is not None and not handler.transport.is_closing())


def test_an_error_answer_ends_its_connection_and_the_next_request_opens_another(qtbot, demo):
    client = _client(demo)
    assert client.request("GET", "/version")["version"]
    qtbot.waitUntil(lambda: _open_connections(demo) == 1)
    before = demo.pve.vt_connections
    with pytest.raises(errors.PveError):
        client.request("GET", "/nodes/pve1/qemu/99999/status/current")  # no such guest: an error status
    qtbot.waitUntil(lambda: _open_connections(demo) == 0)  # the server closed it after the answer
    assert client.request("GET", "/version")["version"]  # the same client, a new connection, no error
    assert demo.pve.vt_connections == before + 1


def test_a_connection_serves_a_hundred_requests_then_the_client_opens_the_next(demo):
    client = _client(demo)
    before = demo.pve.vt_connections
    for _ in range(pveproxy.PVEPROXY_KEEP_ALIVE + 1):  # the login's connection ends within these
        assert client.request("GET", "/version")["version"]
    assert demo.pve.vt_connections == before + 1


def test_an_idle_connection_is_dropped_and_the_next_request_opens_another(qtbot, monkeypatch):
    monkeypatch.setattr(pveproxy, "PVEPROXY_IDLE_S", 0.3)  # pveproxy's 5 s, shorter for the test
    with ServedDemo(time_scale=0) as served:
        client = _client(served)
        assert client.request("GET", "/version")["version"]
        before = served.pve.vt_connections
        qtbot.waitUntil(lambda: _open_connections(served) == 0, timeout=5000)  # idle: dropped
        assert client.request("GET", "/version")["version"]
        assert served.pve.vt_connections == before + 1
        client.close()


def test_a_session_polls_on_across_error_answers_that_end_its_connection(qtbot, session, demo):
    """A poll that meets an error answer loses its connection with it (as on a real PVE); the
    next poll connects anew and the list is live again."""
    session.set_poll_interval(0.2)
    before = demo.pve.vt_connections
    demo.pve.fail("GET", "/nodes", 500, "pvestatd not responding", times=2)
    qtbot.waitUntil(lambda: ("GET", "/nodes") not in demo.pve.failures, timeout=20000)  # both answered
    with qtbot.waitSignal(session.instances_polled, timeout=15000):
        pass  # a whole poll after them: on a new connection
    assert demo.pve.vt_connections >= before + 2
