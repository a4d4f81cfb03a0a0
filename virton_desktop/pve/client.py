"""PveClient: one authenticated HTTPS session with one PVE host. Blocking; no Qt.

Each client is used from exactly one thread. A session's two lanes (polls, user actions;
see `session_worker.py` and `action_lane.py`) each have their own client and connection;
`lane()` makes the second one, sharing the first one's login (`_SharedLogin`: the ticket
and CSRF token, the pinned certificate), so a renewal by one is the ticket of both.

TLS is always verified, one of two ways:
- no fingerprint given: against the system's certificate authorities (as a browser does);
- a SHA-256 fingerprint given (PVE's self-signed node certificates, the demo): the host's
  certificate is fetched once, compared with the fingerprint, and then used as the *only*
  trust anchor for this host (OpenSSL partial-chain), while urllib3 checks the fingerprint
  again on every new connection. A changed certificate fails the handshake and becomes
  `CertificateMismatch` with both fingerprints. A caller that already has the certificate
  (`certificate`: the demo's, from its file) saves the fetch (a connection and a handshake a
  cluster); one that does not match the fingerprint is not used.

The exchanges themselves go over urllib3 (`transport.py`: the environment's proxy, the
connections another thread can cut); authentication is PVE's: the `PVEAuthCookie` ticket
with its CSRF token on writes, or an API token's `Authorization` header.
"""

from __future__ import annotations

import hashlib
import http.client
import logging
import ssl
import threading
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

import msgspec
import urllib3

from . import errors, tfa
from .address import DEFAULT_PORT
from .deadlines import DEADLINES
from .shapes import Counted
from .transport import Answer, Route, Sockets, Transport, route

log = logging.getLogger(__name__)

# (connect, read) seconds. Reads are long: a /cluster/resources of thousands of guests
# on a busy cluster can take many seconds.
DEFAULT_TIMEOUT = (5.0, 30.0)
# Seconds a whole request may take, however the server trickles its answer (a read timeout
# only bounds the wait for the next byte).
DEFAULT_DEADLINE = 45.0


def normalize_fingerprint(fp: str) -> str:
    """'AB:CD:..' or 'abcd..' -> 'ab:cd:..' (PVE's display form)."""
    hexdigits = "".join(c for c in (fp or "").lower() if c in "0123456789abcdef")
    if len(hexdigits) != 64:
        raise ValueError("a SHA-256 fingerprint has 64 hex digits")
    return ":".join(hexdigits[i:i + 2] for i in range(0, 64, 2))


def fingerprint_of(der: bytes) -> str:
    return normalize_fingerprint(hashlib.sha256(der).hexdigest())


def fetch_certificate(host: str, port: int, timeout: float = 5.0) -> bytes:
    """The DER certificate the host presents. Only *reads* it: trust is decided by the caller
    comparing its fingerprint; nothing sent over this connection."""
    pem = ssl.get_server_certificate((host, port), timeout=timeout)
    return ssl.PEM_cert_to_DER_cert(pem)


class _TicketAuth:
    """A ticket login: the cookie `PVEAuthCookie` on every request, the CSRF token on writes."""

    def __init__(self, ticket: str, csrf: str):
        self.ticket = ticket
        self.csrf = csrf

    def headers(self, method: str) -> dict[str, str]:
        sent = {"Cookie": "PVEAuthCookie=" + self.ticket}
        if method != "GET":
            sent["CSRFPreventionToken"] = self.csrf
        return sent


class _TokenAuth:
    """An API token (pve-access-control PVE/AccessControl.pm: `PVEAPIToken=user@realm!name=secret`)."""

    def __init__(self, user: str, token_id: str, secret: str):
        value = "PVEAPIToken={0}!{1}={2}".format(user, token_id, secret)
        if not _header_safe(value):
            raise errors.AuthenticationFailed("the user, token name or secret holds a line break or a control "
                                              "character, which no server is sent", status=401)
        # Header values go out as Latin-1: a name in other letters goes as its UTF-8 bytes.
        self._value = value.encode("utf-8").decode("latin-1")

    def headers(self, method: str) -> dict[str, str]:
        return {"Authorization": self._value}


class _NoAuth:
    """For the login request itself: no cookie, no CSRF."""

    @staticmethod
    def headers(method: str) -> dict[str, str]:
        return {}


class _SharedLogin:
    """What the clients of one session's lanes share: the login and the pinned certificate.

    Only the poll lane logs in or renews (it alone may meet a second factor); the action
    lane reads the current ticket at every request and, when it has expired, waits here for
    the poll lane's new one (`generation` counts logins and renewals).
    """

    def __init__(self):
        self.changed = threading.Condition()
        self.auth: _TicketAuth | _TokenAuth | None = None
        self.user = ""
        self.token_id = ""  # the API token's name when logged in with one
        self.der: bytes | None = None  # the pinned certificate, once fetched and checked
        self.generation = 0


@dataclass(frozen=True)
class Credentials:
    """What is needed to log in again. Lives in memory only (and in the OS keyring)."""

    user: str  # user@realm
    password: str = ""
    token_id: str = ""  # with `password` unused: user@realm!token_id = token secret
    token_secret: str = ""

    @property
    def is_token(self) -> bool:
        return bool(self.token_id)

    def __repr__(self) -> str:  # never print secrets, not even in a traceback
        return "Credentials(user={0!r}, token_id={1!r})".format(self.user, self.token_id)


class PveClient:
    def __init__(self, host: str, port: int = DEFAULT_PORT, *, fingerprint: str | None = None,
                 timeout=DEFAULT_TIMEOUT, deadline: float = DEFAULT_DEADLINE, certificate: bytes | None = None,
                 _route: Route | None = None):
        self.host = host
        self.port = int(port)
        self.expected_fingerprint = normalize_fingerprint(fingerprint) if fingerprint else None
        self.timeout = timeout
        self.deadline = deadline
        self.base_url = "https://{0}:{1}/api2/json".format(self._url_host(host), self.port)
        self._shared = _SharedLogin()
        if certificate is not None and self.expected_fingerprint and \
                fingerprint_of(certificate) == self.expected_fingerprint:
            self._shared.der = certificate  # as if fetched and checked: _ensure_pinned takes it
        self._sockets = Sockets()
        self._overran = threading.Event()  # the request in flight was cut by its deadline
        # The environment's proxy and CA bundle settings for this host, read once, not at every
        # request (requests did, scanning all of os.environ: ~0.5 ms a request). A lane's are its
        # session's: the same host, read moments ago.
        self._transport = Transport(self._sockets, _route if _route is not None else route(host, self.port))
        self._pinned = False

    def lane(self) -> PveClient:
        """A client for another thread of the same session: its own connection, this one's login."""
        other = PveClient(self.host, self.port, fingerprint=self.expected_fingerprint, timeout=self.timeout,
                          deadline=self.deadline, _route=self._transport.route)
        other._shared = self._shared
        return other

    @property
    def user(self) -> str:
        return self._shared.user

    @user.setter
    def user(self, value: str) -> None:
        self._shared.user = value

    @property
    def token_id(self) -> str:
        return self._shared.token_id

    @token_id.setter
    def token_id(self, value: str) -> None:
        self._shared.token_id = value

    @property
    def _auth(self) -> _TicketAuth | _TokenAuth | None:
        return self._shared.auth

    @_auth.setter
    def _auth(self, auth: _TicketAuth | _TokenAuth | None) -> None:
        with self._shared.changed:
            self._shared.auth = auth
            if auth is not None:
                self._shared.generation += 1
            self._shared.changed.notify_all()

    @property
    def pinned_certificate(self) -> bytes | None:
        """The certificate this host was verified against (DER), once a pinned connection was made
        or it was given (`certificate=`); None before, and for a host trusted through a CA."""
        return self._shared.der

    @property
    def auth_generation(self) -> int:
        """Counts logins and renewals (of every lane sharing this login)."""
        return self._shared.generation

    def wait_for_login(self, generation: int, timeout: float, given_up) -> bool:
        """Block until a login newer than `generation` exists (True), or `timeout` seconds pass,
        or `given_up()` is true (checked whenever `wake()` is called)."""
        with self._shared.changed:
            return self._shared.changed.wait_for(
                lambda: self._shared.generation != generation or given_up() or self._sockets.sealed, timeout
            ) and self._shared.generation != generation

    def wake(self) -> None:
        """Let a `wait_for_login` look again at whether it was given up."""
        with self._shared.changed:
            self._shared.changed.notify_all()

    def abort(self) -> None:
        """From any thread, for good (the session closes): the request in flight and every later
        one fail at once with RequestTimeout; no connection stays open."""
        self._sockets.seal()
        self.wake()

    def cut(self) -> None:
        """From any thread: the request in flight fails at once (the user cancelled it); later
        ones connect anew."""
        self._sockets.cut()

    @staticmethod
    def _url_host(host: str) -> str:
        return "[{0}]".format(host) if ":" in host and not host.startswith("[") else host

    # ------------------------------------------------------------------ TLS

    def _ensure_pinned(self) -> None:
        """Fetch and pin the host's certificate before any secret is sent."""
        if self._pinned or not self.expected_fingerprint:
            return
        der = self._shared.der  # already fetched and checked by the other lane
        if der is None:
            try:
                der = fetch_certificate(self.host, self.port, self.timeout[0])
            except (OSError, ssl.SSLError) as exc:
                raise self._network_error(exc) from None
            actual = fingerprint_of(der)
            if actual != self.expected_fingerprint:
                raise errors.CertificateMismatch("certificate fingerprint mismatch", host=self.host, port=self.port,
                                                 fingerprint=actual, expected=self.expected_fingerprint)
            self._shared.der = der
        # Verified against the pinned certificate alone, whatever CA bundle the environment
        # names (REQUESTS_CA_BUNDLE, often set: its ~118 certificates loaded into the pinned
        # context at every connection were ~20 ms holding the GIL, ten clusters' lanes ~0.4 s).
        self._transport.pin(der, hashlib.sha256(der).hexdigest())
        self._pinned = True

    def _certificate_error(self, exc: Exception) -> errors.CertificateError:
        """Turn a failed handshake into the right error, with what the host presents now."""
        try:
            actual = fingerprint_of(fetch_certificate(self.host, self.port, self.timeout[0]))
        except (OSError, ssl.SSLError):
            actual = ""
        if self.expected_fingerprint and actual and actual != self.expected_fingerprint:
            return errors.CertificateMismatch("certificate changed", host=self.host, port=self.port,
                                              fingerprint=actual, expected=self.expected_fingerprint)
        if not self.expected_fingerprint:
            return errors.CertificateUnknown("certificate not trusted", host=self.host, port=self.port,
                                             fingerprint=actual)
        return errors.CertificateError(str(exc.__class__.__name__), host=self.host, port=self.port,
                                       fingerprint=actual)

    def _network_error(self, exc: Exception) -> errors.PveError:
        causes = _causes(exc)
        if any(isinstance(cause, (urllib3.exceptions.SSLError, ssl.SSLError)) for cause in causes):
            return self._certificate_error(exc)
        if any(_timed_out(cause) for cause in causes):
            return errors.RequestTimeout("timeout talking to {0}:{1}".format(self.host, self.port))
        return errors.ConnectionFailed("{0}:{1}: {2}".format(self.host, self.port, _connection_reason(causes)))

    # ---------------------------------------------------------------- login

    def login(self, user: str, password: str) -> None:
        """Password login. Raises `TfaRequired` (with the offered factors) when a second factor is needed."""
        self._ensure_pinned()
        # new-format=1: PVE 7 defaults to the old half-ticket, which carries no challenge and
        # refuses users with recovery keys or WebAuthn; PVE 8+ ignores the parameter.
        data = self._post_ticket({"username": user, "password": password, "new-format": "1"})
        ticket = str(data.get("ticket", ""))
        if data.get("NeedTFA") or ticket.startswith(tfa.TICKET_PREFIX):
            self.user = user
            raise errors.TfaRequired("second factor required", challenge_ticket=ticket,
                                     challenge=tfa.parse_ticket(ticket), user=user)
        self._take_ticket(user, data)

    def complete_tfa(self, user: str, challenge_ticket: str, answer: str) -> None:
        """Second step of a TFA login: `answer` is `totp:<code>`, `recovery:<key>` or
        `yubico:<otp>` (`tfa.answer`); a bare code is taken as a TOTP code."""
        data = self._post_ticket({"username": user, "tfa-challenge": challenge_ticket,
                                  "password": tfa.as_answer(answer.strip())})
        self._take_ticket(user, data)

    def login_token(self, user: str, token_id: str, secret: str) -> None:
        """API token: no ticket, no CSRF; checked with a cheap request."""
        self._ensure_pinned()
        self.user, self.token_id = user, token_id
        self._auth = _TokenAuth(user, token_id, secret)
        try:
            self.request("GET", "/version")
        except errors.TicketExpired as exc:
            self._auth = None
            raise errors.AuthenticationFailed(exc.message, status=401) from None

    @property
    def authid(self) -> str:
        """Who PVE checks: the user, or `user@realm!token` for a token (PVE's authuser)."""
        return "{0}!{1}".format(self.user, self.token_id) if self.token_id else self.user

    def authenticate(self, creds: Credentials) -> None:
        if creds.is_token:
            self.login_token(creds.user, creds.token_id, creds.token_secret)
        else:
            self.login(creds.user, creds.password)

    def renew(self) -> None:
        """Extend a ticket session before it expires (PVE: post the ticket as password)."""
        if isinstance(self._auth, _TicketAuth):
            self._take_ticket(self.user, self._post_ticket({"username": self.user, "password": self._auth.ticket}))

    @property
    def ticket(self) -> str:
        """The PVEAuthCookie value (for the console websocket); empty with API tokens."""
        return self._auth.ticket if isinstance(self._auth, _TicketAuth) else ""

    @property
    def logged_in(self) -> bool:
        return self._auth is not None

    def _send(self, method: str, path: str, auth, query: dict | None = None, form: dict | None = None) -> Answer:
        """One HTTP exchange within the deadline; a cut connection (abort, deadline) is a timeout."""
        if self._sockets.sealed:
            raise errors.RequestTimeout("{0}:{1}: closed".format(self.host, self.port), method=method, path=path)
        self._overran.clear()
        overdue = DEADLINES.arm(self.deadline, self._overdue)
        try:
            return self._transport.send(method, self.base_url + path, query=query, form=form,
                                        headers=auth.headers(method), timeout=self.timeout)
        except (urllib3.exceptions.HTTPError, OSError, http.client.HTTPException) as exc:
            if self._overran.is_set() or self._sockets.sealed:
                raise errors.RequestTimeout("{0}:{1}: no complete answer within {2:.0f} s".format(
                    self.host, self.port, self.deadline), method=method, path=path) from None
            raise self._network_error(exc) from None
        finally:
            DEADLINES.disarm(overdue)

    def _overdue(self) -> None:
        log.info("%s:%s: a request outlived its %.0f s deadline; cutting it", self.host, self.port, self.deadline)
        self._overran.set()
        self._sockets.cut()

    def _post_ticket(self, data: Mapping[str, str]) -> dict:
        resp = self._send("POST", "/access/ticket", _NoAuth, form=dict(data))
        if resp.status == 401:
            raise errors.AuthenticationFailed(_message(resp) or "authentication failure", status=401)
        if resp.status >= 400:
            raise self._http_error(resp, "POST", "/access/ticket")
        data = _envelope(resp, "POST", "/access/ticket")
        if not isinstance(data, dict) or not isinstance(data.get("ticket", ""), str):
            raise errors.BadAnswer("data: expected an object with a ticket", method="POST", path="/access/ticket")
        return data

    def _take_ticket(self, user: str, data: Mapping[str, Any]) -> None:
        ticket, csrf = str(data["ticket"]), str(data.get("CSRFPreventionToken", ""))
        for name, value in (("ticket", ticket), ("CSRFPreventionToken", csrf)):
            # Sent back in a header: a line break there would write headers of the server's choosing.
            if not (_header_safe(value) and value.isascii()):
                raise errors.BadAnswer("data.{0}: not a value a header can carry".format(name),
                                       method="POST", path="/access/ticket")
        self.user = str(data.get("username") or user)
        self._auth = _TicketAuth(ticket, csrf)

    # ------------------------------------------------------------- requests

    def request(self, method: str, path: str, params: Mapping[str, Any] | None = None,
                typed: Callable[[bytes], Any] | None = None) -> Any:
        """Call the API; return its `data`. Raises a typed `PveError` for every failure.

        `typed(body)`: a decoder of the whole answer for a known shape (pve/resource_rows.py);
        what it returns is returned, unless None: then the answer is read as any other."""
        if self._auth is None:
            raise errors.TicketExpired("not logged in", method=method, path=path)
        self._ensure_pinned()  # a lane's client pins (from the shared certificate) at its first request
        method = method.upper()
        values = {k: _form_value(v) for k, v in (params or {}).items() if v is not None}
        body = values if method in ("POST", "PUT") else None
        query = None if body is not None else values
        resp = self._send(method, path, self._auth, query=query, form=body)
        if resp.status >= 400:
            raise self._http_error(resp, method, path)
        if typed is not None:
            data = typed(resp.content)
            if data is not None:
                return data
        return _envelope(resp, method, path)

    @staticmethod
    def _http_error(resp: Answer, method: str, path: str) -> errors.PveError:
        errs = None
        try:
            body = resp.json()
            errs = body.get("errors") if isinstance(body, dict) else None
        except ValueError:
            pass
        return errors.classify(resp.status, _message(resp), errs if isinstance(errs, dict) else None,
                               method, path)

    def close(self) -> None:
        self._transport.close()


def _header_safe(value: str) -> bool:
    """No line break or other control character (a header value ends at the first line break)."""
    return not any(ord(c) < 32 or ord(c) == 127 for c in value)


def _causes(exc: BaseException) -> list[BaseException]:
    """The error and what it wraps (urllib3 keeps the cause in `reason` or its arguments, Python
    in `__cause__` / `__context__`), outermost first."""
    seen: list[BaseException] = []
    todo = [exc]
    while todo and len(seen) < 16:
        error = todo.pop(0)
        if any(error is other for other in seen):
            continue
        seen.append(error)
        context = None if error.__suppress_context__ else error.__context__  # `raise ... from None` hides it
        inner = [getattr(error, "reason", None), error.__cause__, context, *error.args]
        todo += [cause for cause in inner if isinstance(cause, BaseException)]
    return seen


def _timed_out(error: BaseException) -> bool:
    # urllib3's NewConnectionError (refused, unreachable, ...) is a ConnectTimeoutError by descent.
    return isinstance(error, (urllib3.exceptions.TimeoutError, TimeoutError)) and \
        not isinstance(error, urllib3.exceptions.NewConnectionError)


def _connection_reason(causes: list[BaseException]) -> str:
    """Why a connection failed, in the words of the innermost cause, without the URL noise."""
    text = " ".join(str(cause) for cause in causes)
    for hint in ("Connection refused", "Name or service not known", "No route to host",
                 "Connection reset", "Network is unreachable", "timed out",
                 "Temporary failure in name resolution", "Unable to connect to proxy"):
        if hint in text:
            return hint
    inner = causes[-1]
    words = str(getattr(inner, "strerror", "") or inner)
    return words.split(": ")[-1][:160] or inner.__class__.__name__


def _envelope(resp: Answer, method: str, path: str) -> Any:
    """The `data` of PVE's `{"data": ...}` answer. Anything else (a web page from a captive
    portal or proxy, a JSON list) is not Proxmox VE speaking: a typed error, never a crash."""
    kind = (resp.headers.get("Content-Type") or "").split(";")[0].strip().lower()
    try:
        body = _decode(resp)
    except ValueError:
        raise errors.NotProxmox("{0} (HTTP {1})".format(kind or "no content type", resp.status),
                                status=resp.status, method=method, path=path) from None
    if not isinstance(body, dict):
        raise errors.NotProxmox("JSON {0} instead of an object with data".format(type(body).__name__),
                                status=resp.status, method=method, path=path)
    data = body.get("data")
    total = body.get("total")
    if isinstance(data, list) and isinstance(total, int) and not isinstance(total, bool):
        return Counted(data, total)  # a paged answer: how many items in all (a task log's lines)
    return data


def _decode(resp: Answer) -> Any:
    """The answer's JSON. msgspec first: it parses the 3.5 MB guest list of 10,000 guests in
    ~11 ms against json's ~27 ms, and a parser holds the GIL throughout, so the GUI thread waits
    that long while a worker parses. It gives what json gives (big integers stay exact); what
    it refuses (NaN, 1e400, a lone surrogate escape, another charset than UTF-8) goes to
    Python's json (`Answer.json`)."""
    try:
        return msgspec.json.decode(resp.content)
    except msgspec.DecodeError:
        return resp.json()


def _message(resp: Answer) -> str:
    """PVE's error text: the JSON `message`, else the HTTP reason phrase (where PVE puts it)."""
    try:
        body = resp.json()
        if isinstance(body, dict) and body.get("message"):
            return str(body["message"]).strip()
    except ValueError:
        pass
    return (resp.reason or "").strip()


def _form_value(value: Any) -> Any:
    if isinstance(value, bool):
        return int(value)
    return value
