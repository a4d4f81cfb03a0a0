"""HTTPS exchanges with one host over urllib3: the part of `PveClient` below the API.

One `Transport` per client (so per thread): a connection pool for its host, TLS always
verified, against the CA bundle (`Route.ca_bundle`) or, once `pin` is called, against one
pinned certificate alone. `Sockets` lets another thread cut the connection in flight.

Built on urllib3 directly rather than requests: a request through requests' session,
proxmoxer's session above it and its cookie jar cost ~0.5 ms more of GIL-held Python than
the same exchange here (measured against the demo: 0.84-0.93 ms against 0.32-0.38 ms of CPU a
request), on every poll of every cluster, and importing them ~28 ms of every start (~100
modules). What requests did and PVE needs is done here: the environment's proxy (read once,
`route`), the CA bundle it names, form-encoded bodies, compressed answers accepted, no retries
and no redirects followed (an answer that is not PVE's is said so, `client._envelope`).
"""

from __future__ import annotations

import ipaddress
import os
import socket
import ssl
import threading
import warnings
import weakref
from typing import Any
from urllib.parse import unquote, urlencode

import urllib3
from urllib3.util import make_headers

from .. import __version__

# Asked for as requests asked: pveproxy compresses larger answers when the client accepts it
# (a guest list of thousands of guests: ~10x smaller on the wire).
BASE_HEADERS = {
    "Accept": "application/json",
    "Accept-Encoding": make_headers(accept_encoding=True)["accept-encoding"],
    "User-Agent": "virton-desktop/{0}".format(__version__),
}
FORM = "application/x-www-form-urlencoded"


class Sockets:
    """The sockets of one client's connections, so another thread can cut them (abort, deadline)."""

    def __init__(self):
        self._lock = threading.Lock()
        self._open: weakref.WeakSet = weakref.WeakSet()
        self.sealed = False  # the client is closing for good: every socket is cut as it opens

    def add(self, sock) -> None:
        with self._lock:
            self._open.add(sock)
            sealed = self.sealed
        if sealed:  # connected while (or after) the client was aborted: cut at once
            self.cut()

    def seal(self) -> None:
        with self._lock:
            self.sealed = True
        self.cut()

    def cut(self) -> int:
        """Shut every socket down: a request blocked in connect/recv fails at once. Returns how many."""
        with self._lock:
            socks = list(self._open)
            self._open = weakref.WeakSet()
        for sock in socks:
            try:
                sock.shutdown(socket.SHUT_RDWR)
            except OSError:
                pass  # already closed
        return len(socks)


class Route:
    """How a host is reached, from the environment, read once (`route`): a proxy URL or None,
    and the CA bundle (a file or directory) for hosts not pinned, None for certifi's."""

    __slots__ = ("proxy", "ca_bundle")

    def __init__(self, proxy: str | None = None, ca_bundle: str | None = None):
        self.proxy = proxy
        self.ca_bundle = ca_bundle


def route(host: str, port: int) -> Route:
    """The environment's way to https://host:port, as requests read it: HTTPS_PROXY (or
    ALL_PROXY) unless NO_PROXY names the host (a suffix, an address, a CIDR range) or the
    system's settings bypass it; the CA bundle REQUESTS_CA_BUNDLE or CURL_CA_BUNDLE names."""
    import urllib.request  # only here: ~3 ms of imports, once per cluster connected

    env = os.environ
    bundle = env.get("REQUESTS_CA_BUNDLE") or env.get("CURL_CA_BUNDLE") or None
    proxies = urllib.request.getproxies()
    proxy = proxies.get("https") or proxies.get("all")
    if not proxy or _bypassed(host, port, _env(env, "no_proxy"), urllib.request.proxy_bypass):
        return Route(None, bundle)
    return Route(proxy if "://" in proxy else "http://" + proxy, bundle)


def _env(env, name: str) -> str:
    return env.get(name) or env.get(name.upper()) or ""


def _bypassed(host: str, port: int, no_proxy: str, system_bypass) -> bool:
    host = host.strip("[]")
    entries = [entry for entry in no_proxy.replace(" ", "").split(",") if entry]
    try:
        address = ipaddress.ip_address(host)
    except ValueError:
        address = None
    for entry in entries:
        if address is not None:
            try:
                if address in ipaddress.ip_network(entry, strict=False):
                    return True
            except ValueError:
                if entry == host:
                    return True
        elif host.endswith(entry) or "{0}:{1}".format(host, port).endswith(entry):
            return True
    try:
        return bool(system_bypass(host))  # "*" and the system's own settings (macOS, Windows)
    except (TypeError, OSError):
        return False


class Answer:
    """An HTTP answer, read whole."""

    __slots__ = ("status", "reason", "headers", "content")

    def __init__(self, status: int, reason: str, headers, content: bytes):
        self.status = status
        self.reason = _utf8(reason or "")
        self.headers = headers  # case-insensitive (urllib3's HTTPHeaderDict)
        self.content = content

    def json(self) -> Any:
        """The body as JSON in the charset it names, else as json detects it (UTF-8/16/32);
        ValueError when it is not JSON."""
        import json

        charset = ""
        for part in (self.headers.get("Content-Type") or "").split(";")[1:]:
            name, _, value = part.strip().partition("=")
            if name.lower() == "charset":
                charset = value.strip().strip('"')
        if charset:
            try:
                return json.loads(self.content.decode(charset))
            except LookupError:
                pass  # a charset Python does not know: as if none were named
        return json.loads(self.content)


def _utf8(reason: str) -> str:
    """The reason phrase as PVE wrote it: pveproxy puts its error message there (pve-http-server
    AnyEvent.pm `response`: "$proto $code $msg"), in UTF-8 when it names a guest or a path in
    other letters, and http.client reads the status line as Latin-1."""
    try:
        return reason.encode("latin-1").decode("utf-8")
    except (UnicodeEncodeError, UnicodeDecodeError):
        return reason


class Transport:
    """The connections of one client to its host; see the module docstring."""

    def __init__(self, sockets: Sockets, way: Route):
        self._sockets = sockets
        self.route = way
        # Made at the first exchange not pinned by then: loading a CA bundle is ~20 ms of
        # GIL-held parsing, and a pinned host (every PVE node with its own certificate) never
        # needs it.
        self.ssl_context: ssl.SSLContext | None = None
        self._fingerprint: str | None = None
        self._manager = None  # made at the next exchange, so that what fails there is its failure

    def pin(self, der: bytes, fingerprint: str) -> None:
        """From now on, trust exactly this certificate (by content and SHA-256) and nothing
        else, whatever CA bundle the environment names."""
        context = ssl.create_default_context(cadata=der)
        # The pinned leaf is its own trust anchor; no chain to a CA is required.
        context.verify_flags |= ssl.VERIFY_X509_PARTIAL_CHAIN
        self.ssl_context, self._fingerprint = context, fingerprint
        self.close()
        self._manager = None

    def send(self, method: str, url: str, *, query: dict | None = None, form: dict | None = None,
             headers: dict[str, str] | None = None, timeout: tuple[float, float]) -> Answer:
        """One exchange, the answer read whole. Raises urllib3's errors (and OSError) as they come."""
        sent = dict(BASE_HEADERS)
        if headers:
            sent.update(headers)
        if query:
            url += "?" + urlencode(query, doseq=True)
        body = None
        if form:
            body = urlencode(form, doseq=True)
            sent["Content-Type"] = FORM
        if self._manager is None:
            if self.ssl_context is None:
                self.ssl_context = self._ca_context()
            self._manager = self._pool_manager(self.ssl_context)
        reply = self._manager.urlopen(method, url, body=body, headers=sent, retries=False, redirect=False,
                                      timeout=urllib3.Timeout(connect=timeout[0], read=timeout[1]),
                                      preload_content=True, decode_content=True)
        return Answer(reply.status, reply.reason, reply.headers, reply.data)

    def close(self) -> None:
        if self._manager is not None:
            self._manager.clear()

    # -------------------------------------------------------------- set-up

    def _ca_context(self) -> ssl.SSLContext:
        """Verified against the bundle the environment names, else certifi's (as requests did)."""
        bundle = self.route.ca_bundle
        if bundle is None:
            import certifi

            bundle = certifi.where()
        if os.path.isdir(bundle):
            return ssl.create_default_context(capath=bundle)
        return ssl.create_default_context(cafile=bundle)

    def _pool_manager(self, context: ssl.SSLContext):
        pool = dict(ssl_context=context, cert_reqs="CERT_REQUIRED", num_pools=1, maxsize=1, block=False)
        if self._fingerprint is not None:
            pool["assert_fingerprint"] = self._fingerprint
        proxy = self.route.proxy
        if proxy is None:
            manager = urllib3.PoolManager(**pool)
        elif proxy.startswith("socks"):
            try:
                with warnings.catch_warnings():  # without PySocks urllib3 warns, then fails: said below
                    warnings.simplefilter("ignore")
                    from urllib3.contrib.socks import SOCKSProxyManager  # needs PySocks, as with requests
            except ImportError:  # said as an unusable proxy, at the exchange (ConnectionFailed)
                raise urllib3.exceptions.ProxySchemeUnknown(proxy.split("://", 1)[0]) from None
            manager = SOCKSProxyManager(proxy, **pool)
        else:
            manager = urllib3.ProxyManager(proxy, proxy_headers=_proxy_headers(proxy), **pool)
        https = manager.pool_classes_by_scheme["https"]
        manager.pool_classes_by_scheme = {"https": _tracking_pool(https, self._sockets)}
        return manager


def _proxy_headers(proxy: str) -> dict[str, str]:
    """The proxy's basic authentication, from the user and password in its URL."""
    userinfo = proxy.split("://", 1)[-1].rpartition("@")[0]
    if not userinfo:
        return {}
    user, _, password = userinfo.partition(":")
    return make_headers(proxy_basic_auth="{0}:{1}".format(unquote(user), unquote(password)))


def _tracking_pool(pool_class: type, sockets: Sockets) -> type:
    """`pool_class` whose connections register their socket in `sockets` once connected."""

    class Connection(pool_class.ConnectionCls):
        def connect(self):
            super().connect()
            sockets.add(self.sock)

    return type("Tracking" + pool_class.__name__, (pool_class,), {"ConnectionCls": Connection})
