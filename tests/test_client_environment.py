"""The client reads the environment's proxy settings once, when it is made, and honours them
(requests would read all of os.environ again for every request)."""

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
