"""The client reads the environment's proxy settings once, when it is made, and honours them
(requests read all of os.environ again for every request)."""

import socket

import pytest

from virton_desktop.pve import errors
from virton_desktop.pve.client import Credentials, PveClient


def closed_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_a_proxy_in_the_environment_is_used(demo, monkeypatch):
    for name in ("NO_PROXY", "no_proxy", "HTTPS_PROXY", "https_proxy", "ALL_PROXY", "all_proxy"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("HTTPS_PROXY", "http://127.0.0.1:{0}".format(closed_port()))  # nobody listens
    client = PveClient(demo.host, demo.port, fingerprint=demo.fingerprint)
    with pytest.raises(errors.ConnectionFailed):
        client.authenticate(Credentials(demo.user, password=demo.password))


def test_no_proxy_for_the_host_goes_direct(demo, monkeypatch):
    monkeypatch.setenv("HTTPS_PROXY", "http://127.0.0.1:{0}".format(closed_port()))
    monkeypatch.setenv("NO_PROXY", demo.host)
    client = PveClient(demo.host, demo.port, fingerprint=demo.fingerprint)
    monkeypatch.delenv("NO_PROXY")  # read when the client was made, not per request
    client.authenticate(Credentials(demo.user, password=demo.password))
    assert client.request("GET", "/version")["version"]


def test_a_lane_goes_the_way_its_session_does(demo, monkeypatch):
    """A session's lane (its other thread's client) takes the settings its session read: the
    same host, read once for both."""
    for name in ("NO_PROXY", "no_proxy", "HTTPS_PROXY", "https_proxy", "ALL_PROXY", "all_proxy"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("HTTPS_PROXY", "http://127.0.0.1:{0}".format(closed_port()))
    monkeypatch.setenv("NO_PROXY", demo.host)
    client = PveClient(demo.host, demo.port, fingerprint=demo.fingerprint)
    client.authenticate(Credentials(demo.user, password=demo.password))
    monkeypatch.delenv("NO_PROXY")
    lane = client.lane()
    assert lane.request("GET", "/version")["version"]  # direct, as its session goes


def test_a_pinned_host_trusts_its_certificate_alone_whatever_ca_bundle_the_environment_names(demo, monkeypatch):
    """REQUESTS_CA_BUNDLE (often set) must not reach a pinned host's connections: loaded into
    the pinned context at every connection, it cost ~20 ms of GIL-held parsing each (ten
    clusters' lanes at start ~0.4 s) and made the context trust every CA in it."""
    import certifi

    monkeypatch.setenv("REQUESTS_CA_BUNDLE", certifi.where())
    client = PveClient(demo.host, demo.port, fingerprint=demo.fingerprint)
    client.authenticate(Credentials(demo.user, password=demo.password))
    assert client.request("GET", "/version")["version"]
    client.cut()  # a new connection for the next request
    assert client.request("GET", "/version")["version"]
    context = client._transport.ssl_context
    assert context.cert_store_stats()["x509"] == 1  # the pinned certificate; no bundle
