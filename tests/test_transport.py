"""The client's HTTPS exchanges (pve/transport.py, on urllib3) against the demo: through a proxy
that asks for credentials, against a CA bundle the environment names, compressed answers
accepted, redirects never followed (a portal's redirect is not PVE speaking, and the ticket
goes nowhere else)."""

from __future__ import annotations

import base64
import gzip
import importlib.util
import json
import select
import socket
import socketserver
import threading

import pytest
from aiohttp import web

from virton_desktop.pve import errors
from virton_desktop.pve.client import Credentials, PveClient

PROXY_VARIABLES = ("NO_PROXY", "no_proxy", "HTTPS_PROXY", "https_proxy", "ALL_PROXY", "all_proxy",
                   "REQUESTS_CA_BUNDLE", "CURL_CA_BUNDLE")


@pytest.fixture
def clean_environment(monkeypatch):
    for name in PROXY_VARIABLES:
        monkeypatch.delenv(name, raising=False)
    return monkeypatch


class TunnelProxy(socketserver.ThreadingTCPServer):
    """An HTTP proxy that only tunnels (CONNECT), and only with the right credentials."""

    daemon_threads = True
    allow_reuse_address = True

    def __init__(self, user: str, password: str):
        self.expected = "Basic " + base64.b64encode("{0}:{1}".format(user, password).encode()).decode()
        self.tunnels: list[str] = []  # host:port of each CONNECT let through
        self.refused = 0
        super().__init__(("127.0.0.1", 0), TunnelHandler)
        threading.Thread(target=self.serve_forever, daemon=True).start()


class TunnelHandler(socketserver.BaseRequestHandler):
    def handle(self):
        head = b""
        while b"\r\n\r\n" not in head:
            chunk = self.request.recv(4096)
            if not chunk:
                return
            head += chunk
        lines = head.split(b"\r\n\r\n", 1)[0].decode("latin-1").split("\r\n")
        method, target = lines[0].split()[:2]
        headers = {k.strip().lower(): v.strip() for k, _, v in (line.partition(":") for line in lines[1:])}
        if method != "CONNECT" or headers.get("proxy-authorization") != self.server.expected:
            self.server.refused += 1
            self.request.sendall(b"HTTP/1.1 407 Proxy Authentication Required\r\nContent-Length: 0\r\n\r\n")
            return
        host, _, port = target.rpartition(":")
        upstream = socket.create_connection((host, int(port)))
        self.server.tunnels.append(target)
        self.request.sendall(b"HTTP/1.1 200 Connection established\r\n\r\n")
        ends = [self.request, upstream]
        try:
            while True:
                ready, _, _ = select.select(ends, [], [], 10)
                if not ready:
                    return
                for end in ready:
                    data = end.recv(65536)
                    if not data:
                        return
                    (upstream if end is self.request else self.request).sendall(data)
        finally:
            upstream.close()


@pytest.fixture
def proxy_asking(clean_environment):
    """start(user, password, given): a tunnelling proxy asking for user/password, named by
    HTTPS_PROXY with the credentials `given` ("user:password", URL-quoted)."""
    made = []

    def start(user: str, password: str, given: str) -> TunnelProxy:
        proxy = TunnelProxy(user, password)
        made.append(proxy)
        clean_environment.setenv("HTTPS_PROXY", "http://{0}@127.0.0.1:{1}".format(given, proxy.server_address[1]))
        return proxy

    yield start
    for proxy in made:
        proxy.shutdown()
        proxy.server_close()


def test_https_goes_through_the_proxy_the_environment_names_with_its_credentials(demo, proxy_asking):
    proxy = proxy_asking("ops", "p@ss:word", "ops:p%40ss%3Aword")
    client = PveClient(demo.host, demo.port, fingerprint=demo.fingerprint)
    client.authenticate(Credentials(demo.user, password=demo.password))
    assert client.request("GET", "/version")["version"]
    assert proxy.tunnels and set(proxy.tunnels) == {"{0}:{1}".format(demo.host, demo.port)}
    assert proxy.refused == 0


def test_a_proxy_refusing_the_credentials_is_a_failed_connection_in_words(demo, proxy_asking):
    proxy = proxy_asking("ops", "right", "ops:wrong")
    client = PveClient(demo.host, demo.port, fingerprint=demo.fingerprint)
    with pytest.raises(errors.ConnectionFailed) as failed:
        client.authenticate(Credentials(demo.user, password=demo.password))
    assert proxy.refused >= 1 and not proxy.tunnels
    assert "{0}:{1}".format(demo.host, demo.port) in failed.value.message


def test_a_host_not_pinned_is_verified_against_the_ca_bundle_the_environment_names(demo, clean_environment):
    client = PveClient(demo.host, demo.port)  # no fingerprint: certificate authorities decide
    with pytest.raises(errors.CertificateUnknown):
        client.authenticate(Credentials(demo.user, password=demo.password))
    clean_environment.setenv("REQUESTS_CA_BUNDLE", demo.cafile)  # the demo's certificate as the authority
    client = PveClient(demo.host, demo.port)
    client.authenticate(Credentials(demo.user, password=demo.password))
    assert client.request("GET", "/version")["version"]


def test_a_compressed_answer_is_asked_for_and_read(demo, clean_environment):
    asked = []

    def compressed(request):
        asked.append(request.headers.get("Accept-Encoding", ""))
        body = gzip.compress(json.dumps({"data": {"version": "8.4.1", "release": "8.4"}}).encode())
        return web.Response(body=body, headers={"Content-Encoding": "gzip", "Content-Type": "application/json"})

    client = PveClient(demo.host, demo.port, fingerprint=demo.fingerprint)
    client.authenticate(Credentials(demo.user, password=demo.password))
    demo.pve.vt_faults[("GET", "/api2/json/version")] = compressed
    assert client.request("GET", "/version") == {"version": "8.4.1", "release": "8.4"}
    assert "gzip" in asked[0]


def test_a_redirect_is_not_followed_and_not_taken_for_proxmox(demo, clean_environment):
    portal = socket.socket()
    portal.bind(("127.0.0.1", 0))
    portal.listen(1)
    portal.settimeout(0.5)
    location = "https://127.0.0.1:{0}/login".format(portal.getsockname()[1])
    demo.pve.vt_faults[("GET", "/api2/json/version")] = lambda _request: web.Response(
        status=302, headers={"Location": location}, text="<html>moved</html>", content_type="text/html")
    client = PveClient(demo.host, demo.port, fingerprint=demo.fingerprint)
    client.authenticate(Credentials(demo.user, password=demo.password))
    try:
        with pytest.raises(errors.NotProxmox) as answered:
            client.request("GET", "/version")
        assert "text/html" in answered.value.message
        with pytest.raises(socket.timeout):
            portal.accept()  # nobody came: the ticket was not taken to the redirect's address
    finally:
        portal.close()


def test_a_write_is_form_encoded_with_the_csrf_token_and_the_ticket_cookie(demo, clean_environment):
    seen = []

    async def recorded(request):
        seen.append((dict(request.headers), dict(await request.post())))
        return web.json_response({"data": None})

    client = PveClient(demo.host, demo.port, fingerprint=demo.fingerprint)
    client.authenticate(Credentials(demo.user, password=demo.password))
    demo.pve.vt_faults[("PUT", "/api2/json/nodes/pve1/qemu/100/config")] = recorded
    client.request("PUT", "/nodes/pve1/qemu/100/config", {"description": "a b&c=d ü", "onboot": True, "cores": 2})
    headers, form = seen[0]
    assert form == {"description": "a b&c=d ü", "onboot": "1", "cores": "2"}
    assert headers["Content-Type"] == "application/x-www-form-urlencoded"
    assert headers["CSRFPreventionToken"] and headers["Cookie"] == "PVEAuthCookie=" + client.ticket


def test_a_typed_token_secret_with_a_line_break_is_refused_before_anything_is_sent(demo, clean_environment):
    asked = []
    demo.pve.vt_faults[("GET", "/api2/json/version")] = lambda request: asked.append(dict(request.headers))
    client = PveClient(demo.host, demo.port, fingerprint=demo.fingerprint)
    with pytest.raises(errors.AuthenticationFailed) as refused:
        client.authenticate(Credentials(demo.user, token_id="ci", token_secret="abc\r\nX-Injected: yes"))
    assert "line break" in refused.value.message
    assert asked == [] and not client.logged_in


def test_a_ticket_with_a_line_break_is_a_bad_answer_not_a_header(demo, clean_environment):
    demo.pve.vt_answer("POST", "/access/ticket", {"data": {
        "ticket": "PVE:root@pam:66AA0000::c2ln\r\nX-Injected: yes", "CSRFPreventionToken": "66AA0000:abc",
        "username": "root@pam"}})
    client = PveClient(demo.host, demo.port, fingerprint=demo.fingerprint)
    with pytest.raises(errors.BadAnswer) as answered:
        client.authenticate(Credentials(demo.user, password=demo.password))
    assert "data.ticket" in answered.value.message and not client.logged_in


@pytest.mark.parametrize("proxy", ["socks5://127.0.0.1:1080", "ftp://127.0.0.1:21"])
def test_a_proxy_this_client_cannot_use_is_a_failed_connection_naming_it(demo, clean_environment, proxy):
    """A SOCKS proxy needs PySocks (not installed with the app), another scheme no proxy support
    at all: either is said when connecting, never an error out of the worker."""
    if proxy.startswith("socks") and importlib.util.find_spec("socks") is not None:
        pytest.skip("PySocks is installed here: SOCKS proxies work")
    clean_environment.setenv("HTTPS_PROXY", proxy)
    client = PveClient(demo.host, demo.port, fingerprint=demo.fingerprint)
    with pytest.raises(errors.ConnectionFailed) as failed:
        client.authenticate(Credentials(demo.user, password=demo.password))
    assert proxy.split("://")[0] in failed.value.message


def test_a_ca_bundle_named_but_missing_is_a_failed_connection_in_words(demo, clean_environment, tmp_path):
    clean_environment.setenv("REQUESTS_CA_BUNDLE", str(tmp_path / "gone.pem"))
    client = PveClient(demo.host, demo.port)
    with pytest.raises(errors.ConnectionFailed) as failed:
        client.authenticate(Credentials(demo.user, password=demo.password))
    assert "No such file" in failed.value.message


def test_an_error_in_the_reason_phrase_keeps_its_letters(demo, clean_environment):
    """pveproxy writes its error message into the status line (pve-http-server AnyEvent.pm), in
    UTF-8 when it names a guest in other letters."""
    client = PveClient(demo.host, demo.port, fingerprint=demo.fingerprint)
    client.authenticate(Credentials(demo.user, password=demo.password))
    demo.pve.vt_faults[("GET", "/api2/json/version")] = lambda _request: web.Response(
        status=500, reason="VM 100 '웹서버-ü' is locked (backup)", text='{"data":null}',
        content_type="application/json")
    with pytest.raises(errors.PveError) as failed:
        client.request("GET", "/version")
    assert failed.value.message == "VM 100 '웹서버-ü' is locked (backup)"
