"""Every failure a user can meet, as a typed error, and the one place that words them.

The texts are marked with `QT_TRANSLATE_NOOP` and translated through the hook in
`pve/text.py` (`pve/` imports no Qt); placeholders are `%1`, `%2`, ... as in Qt.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

from . import tfa
from .text import QT_TRANSLATE_NOOP, fmt, translate
from .text import install_translator as install_translator  # re-exported: the app and tests install it here

CONTEXT = "PveError"  # written out in every QT_TRANSLATE_NOOP below: pyside6-lupdate skips a variable context


def tr(message: str, *args: object) -> str:
    """Translate a marked text of this module and fill its `%1`..`%9` placeholders."""
    return fmt(translate(CONTEXT, message), *args)


class PveError(Exception):
    """A failed request. `message` is what the server (or the network) said, untranslated."""

    def __init__(self, message: str = "", *, status: int | None = None,
                 errors: Mapping[str, str] | None = None, method: str = "", path: str = ""):
        super().__init__(message)
        self.message = message
        self.status = status
        self.errors = dict(errors or {})  # per-parameter messages from PVE (HTTP 400)
        self.method = method
        self.path = path

    def __str__(self) -> str:  # for logs: never holds secrets, only server text and the path
        where = " ".join(p for p in (self.method, self.path) if p)
        return "{0}: {1}{2}".format(type(self).__name__, self.message, " [" + where + "]" if where else "")


class AuthenticationFailed(PveError):
    """Wrong user, realm, password or token."""


class TfaRequired(PveError):
    """The password was right; the server wants a second factor. `challenge` (a
    `tfa.Challenge`) says which ones it accepts; `challenge_ticket` is what the answer goes with."""

    def __init__(self, message: str = "", *, challenge_ticket: str = "", challenge=None, user: str = "", **kw):
        super().__init__(message, **kw)
        self.user = user
        self.challenge_ticket = challenge_ticket
        self.challenge = challenge if challenge is not None else tfa.TOTP_ONLY

    def __repr__(self) -> str:  # the half ticket is a credential of sorts: never in a traceback
        return "TfaRequired({0!r})".format(self.message)


class TfaRefused(AuthenticationFailed):
    """The second factor was not accepted. `challenge` is the fresh `tfa.Challenge` the worker got
    for the next try (None when it got none): which factors and recovery keys are left now."""

    def __init__(self, message: str = "", *, challenge=None, **kw):
        super().__init__(message, **kw)
        self.challenge = challenge


class TicketExpired(PveError):
    """The session ticket is no longer accepted (expired or revoked): log in again."""


class PermissionDenied(PveError):
    """HTTP 403: the user lacks a privilege."""


class NotFound(PveError):
    """The guest, node or path does not exist (any more)."""


class Locked(PveError):
    """`VM is locked (backup)`: a running job holds the guest."""

    def __init__(self, message: str = "", *, lock: str = "", **kw):
        super().__init__(message, **kw)
        self.lock = lock


class ConfigLockTimeout(PveError):
    """`can't lock file ... got timeout`: another task keeps the config busy."""


class NoQuorum(PveError):
    """The cluster has lost quorum: writes are refused."""


class InvalidParameters(PveError):
    """HTTP 400 with per-parameter messages in `errors`."""


class ServerError(PveError):
    """Any other failure the server reported, with its own text."""


class ConnectionFailed(PveError):
    """The host could not be reached (refused, DNS, reset, proxy)."""


class NodeOffline(ConnectionFailed):
    """The cluster answered, but the node behind the path is offline (HTTP 595)."""


class RequestTimeout(PveError):
    """No answer in time."""


class Cancelled(PveError):
    """The user cancelled the request before its answer came (`Reply.cancel`)."""


class CertificateError(PveError):
    """TLS could not be trusted. `fingerprint` is what the host presented (SHA-256)."""

    def __init__(self, message: str = "", *, host: str = "", port: int = 0, fingerprint: str = "", **kw):
        super().__init__(message, **kw)
        self.host = host
        self.port = port
        self.fingerprint = fingerprint


class CertificateUnknown(CertificateError):
    """Not signed by a trusted CA and not pinned: the user has to compare the fingerprint."""


class CertificateMismatch(CertificateError):
    """The host presents a different certificate than the one pinned: possibly an attack."""

    def __init__(self, message: str = "", *, expected: str = "", **kw):
        super().__init__(message, **kw)
        self.expected = expected


class ConfigChanged(PveError):
    """The config `digest` sent with a change no longer matches: someone else changed the guest meanwhile."""


class TaskFailed(PveError):
    """A PVE task ended with an exit status other than OK."""


class BadAnswer(PveError):
    """The answer does not have the shape Proxmox VE gives (`message` names the spot, e.g. `data[3].vmid`)."""


class NotProxmox(BadAnswer):
    """Something else answered: a web page (captive portal, proxy login) or JSON that is no PVE envelope."""


_LOCKED = re.compile(r"\bis locked \((\w[\w-]*)\)")


def classify(status: int, message: str, errors: Mapping[str, str] | None = None,
             method: str = "", path: str = "") -> PveError:
    """The typed error for an HTTP status and PVE's message (the reason phrase or body)."""
    text = (message or "").strip()
    kw = dict(status=status, errors=errors, method=method, path=path)
    locked = _LOCKED.search(text)
    if locked:
        return Locked(text, lock=locked.group(1), **kw)
    if "got timeout" in text and "can't lock file" in text:
        return ConfigLockTimeout(text, **kw)
    if "no quorum" in text.lower():
        return NoQuorum(text, **kw)
    if "checksum mismatch" in text or "file changed by other user" in text:
        return ConfigChanged(text, **kw)
    if status == 401:
        return TicketExpired(text, **kw)
    if status == 403:
        return PermissionDenied(text, **kw)
    if _no_such_task(errors):
        # A task's status or log asked after its UPID is gone (another node's, or cleaned
        # up) is PVE's 400 `{"errors": {"upid": "no such task"}}`: gone, not mistyped.
        return NotFound("no such task", **kw)
    if status == 404 or "does not exist" in text:
        return NotFound(text, **kw)
    if status == 595 or "no route to host" in text.lower():
        return NodeOffline(text, **kw)
    if status == 596 or "connection timed out" in text.lower():
        return RequestTimeout(text, **kw)
    if status == 400 or errors:
        return InvalidParameters(text, **kw)
    return ServerError(text, **kw)


def _no_such_task(errors: Mapping[str, str] | None) -> bool:
    return bool(errors) and str(errors.get("upid", "")).strip() == "no such task"


def describe(error: BaseException) -> str:
    """The user's words for any error: what happened and what to do next."""
    e = error
    if isinstance(e, TfaRequired):
        return _describe_tfa(e.challenge, e.user)
    if isinstance(e, AuthenticationFailed):
        return tr(QT_TRANSLATE_NOOP("PveError", "Login failed: the user name, realm or password (or API token) "
                                             "is wrong. Check them and try again."))
    if isinstance(e, TicketExpired):
        return tr(QT_TRANSLATE_NOOP("PveError", "Your session with the cluster has expired. "
                                             "Log in again; your windows stay open."))
    if isinstance(e, PermissionDenied):
        return tr(QT_TRANSLATE_NOOP("PveError", "Permission denied: %1\nAsk the cluster administrator "
                                             "for the missing privilege."), e.message or "403")
    if isinstance(e, Locked):
        return tr(QT_TRANSLATE_NOOP("PveError", "The guest is locked (%1): another job is working on it. "
                                             "Wait for that task to finish, then try again."), e.lock)
    if isinstance(e, ConfigLockTimeout):
        return tr(QT_TRANSLATE_NOOP("PveError", "The guest's configuration is busy with another task. "
                                             "Try again when that task has finished."))
    if isinstance(e, NoQuorum):
        return tr(QT_TRANSLATE_NOOP("PveError", "The cluster has lost quorum, so it refuses changes. "
                                             "Bring the missing nodes back online, then try again."))
    if isinstance(e, NotFound):
        return tr(QT_TRANSLATE_NOOP("PveError", "Not found: %1\nIt may have been removed or moved "
                                             "to another node. The list refreshes by itself."), e.message)
    if isinstance(e, InvalidParameters):
        fields = "\n".join("  {0}: {1}".format(k, v) for k, v in sorted(e.errors.items()))
        return tr(QT_TRANSLATE_NOOP("PveError", "The server refused the values: %1\n%2"),
                  e.message, fields).rstrip()
    if isinstance(e, NodeOffline):
        return tr(QT_TRANSLATE_NOOP("PveError", "The node is offline or unreachable from the cluster (%1). "
                                             "Its guests cannot be changed until it is back."), e.message)
    if isinstance(e, RequestTimeout):
        return tr(QT_TRANSLATE_NOOP("PveError", "The server did not answer in time. The cluster may be "
                                             "overloaded or the network slow; try again."))
    if isinstance(e, Cancelled):
        return tr(QT_TRANSLATE_NOOP("PveError", "Cancelled before the server answered. A change may still "
                                             "have been made: the list shows the guest as it is."))
    if isinstance(e, CertificateMismatch):
        return tr(QT_TRANSLATE_NOOP("PveError", "The certificate of %1 has changed.\nExpected: %2\n"
                                             "Presented: %3\nThis can mean someone is intercepting the "
                                             "connection. Connect only if you know the certificate was "
                                             "renewed."), e.host, e.expected, e.fingerprint)
    if isinstance(e, CertificateUnknown):
        return tr(QT_TRANSLATE_NOOP("PveError", "The certificate of %1 is not signed by a trusted authority.\n"
                                             "SHA-256 fingerprint: %2\nCompare it with the one shown on the "
                                             "node (Datacenter > node > Certificates) before trusting it."),
                  e.host, e.fingerprint)
    if isinstance(e, CertificateError):
        return tr(QT_TRANSLATE_NOOP("PveError", "A secure connection to %1 could not be set up: %2"),
                  e.host, e.message)
    if isinstance(e, ConnectionFailed):
        return tr(QT_TRANSLATE_NOOP("PveError", "Cannot reach the server: %1\nCheck the address, port "
                                             "(usually 8006) and your network."), e.message)
    if isinstance(e, ConfigChanged):
        return tr(QT_TRANSLATE_NOOP("PveError", "The configuration was changed by someone else since you opened "
                                             "it, so nothing was saved. Your input is kept: reload to see the "
                                             "current values, then apply your changes again."))
    if isinstance(e, NotProxmox):
        return tr(QT_TRANSLATE_NOOP("PveError", "Something other than Proxmox VE answered at this address (%1): "
                                             "often a proxy, a captive portal or a login page of the network. "
                                             "Check the address and port (usually 8006), or log in to the "
                                             "network first."), e.message)
    if isinstance(e, BadAnswer):
        return tr(QT_TRANSLATE_NOOP("PveError", "The server's answer to %1 is not what Proxmox VE sends (%2). "
                                             "Check that the address leads to a Proxmox VE node, not to a proxy "
                                             "or login portal, and try again."),
                  e.path or "?", e.message)
    if isinstance(e, TaskFailed):
        return tr(QT_TRANSLATE_NOOP("PveError", "The task failed: %1"), e.message)
    if isinstance(e, PveError):
        return tr(QT_TRANSLATE_NOOP("PveError", "The server reported an error: %1"),
                  e.message or str(e.status or ""))
    return tr(QT_TRANSLATE_NOOP("PveError", "Unexpected error: %1"), repr(error))


def from_task_exit(exitstatus: str, path: str = "") -> PveError:
    """The typed error for a task that ended badly: `VM is locked (backup)` stays `Locked`."""
    error = classify(500, exitstatus, path=path)
    if type(error) is ServerError:
        return TaskFailed(exitstatus, path=path)
    return error


def _describe_tfa(challenge: tfa.Challenge, user: str) -> str:
    if not challenge.browser_only:
        return tr(QT_TRANSLATE_NOOP("PveError", "This account uses two-factor authentication. "
                                             "Enter the code from your authenticator app."))
    if challenge.webauthn or challenge.u2f:
        why = tr(QT_TRANSLATE_NOOP("PveError", "This account's second factor is a security key (WebAuthn or "
                                             "U2F), which only a web browser can use."))
    else:
        why = tr(QT_TRANSLATE_NOOP("PveError", "This account has no second factor left that can be entered "
                                             "here (every recovery key has been used)."))
    return why + "\n" + tr(QT_TRANSLATE_NOOP(
        "PveError", "Connect VirtOn with an API token instead: in the Proxmox web interface open Datacenter > "
                    "Permissions > API Tokens > Add (or run `pveum user token add %1 virton` on a node), give "
                    "the token the roles it needs, and choose \"API token\" in VirtOn's connection."),
        user or "user@realm")
