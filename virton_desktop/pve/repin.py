"""Verify a node's changed certificate through another, still trusted node of its cluster.

A node presents a certificate other than the pinned one (ACME renewal, custom certificate,
reinstall — or an attacker in the middle, which looks the same from here). Another node of
the same cluster, reached over its own still pinned connection, can say which certificate
the changed node really has: ``GET /nodes/{node}/certificates/info`` (pve-manager
``PVE/API2/Certificates.pm``: ``user => 'all'``, ``proxyto => 'node'``) lists the node's
``pve-root-ca.pem``, ``pve-ssl.pem`` and, when present, ``pveproxy-ssl.pem`` — the custom or
ACME certificate pveproxy serves instead of ``pve-ssl.pem``. Each entry has ``fingerprint``
(SHA-256, colon-separated upper-case hex), ``subject``, ``issuer``, ``notafter`` …

If the served one's fingerprint is the presented one, the change is confirmed and the pin may
be replaced (after the user says so). Every other outcome keeps the manual check, and says why.
Nothing here turns verification off: the witness is reached only over a verified connection.
"""

from __future__ import annotations

import ipaddress
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from . import api, errors
from .client import Credentials, PveClient, normalize_fingerprint

# The file pveproxy serves when it exists (custom or ACME certificate), else the cluster-issued one.
SERVED_FILES = ("pveproxy-ssl.pem", "pve-ssl.pem")


class Outcome(StrEnum):
    CONFIRMED = "confirmed"  # another node reports exactly the presented certificate
    DIFFERENT = "different"  # another node reports another one: possibly an interception
    ONE_NODE = "one-node"  # the cluster has no other node to ask
    NO_OTHER_ADDRESS = "no-other-address"  # the profile knows no other address of the cluster
    NO_WITNESS = "no-witness"  # no other address could be reached over a trusted connection
    UNKNOWN_NODE = "unknown-node"  # the cluster lists no node at this address
    NOT_REPORTED = "not-reported"  # the node's certificate information was not available


@dataclass(frozen=True)
class Verdict:
    outcome: Outcome
    host: str
    port: int
    presented: str  # the fingerprint the host presents now (normalized)
    node: str = ""  # the changed node's name in its cluster
    witness: str = ""  # the node that confirmed (or contradicted) it
    reported: str = ""  # the fingerprint the witness reported for the node
    subject: str = ""
    issuer: str = ""
    notafter: int | None = None  # epoch seconds
    filename: str = ""
    detail: str = ""  # why no witness answered (the last error, for the user)

    @property
    def confirmed(self) -> bool:
        return self.outcome is Outcome.CONFIRMED


def served_certificate(info: Iterable[Any]) -> Mapping[str, Any] | None:
    """The entry of `certificates/info` that pveproxy serves, or None."""
    by_file = {str(e.get("filename", "")): e for e in info if isinstance(e, Mapping)}
    for name in SERVED_FILES:
        if name in by_file:
            return by_file[name]
    return None


def _same_address(a: str, b: str) -> bool:
    try:
        return ipaddress.ip_address(a.strip("[]")) == ipaddress.ip_address(b.strip("[]"))
    except ValueError:
        return False


def node_at(host: str, members: Iterable[Any]) -> str | None:
    """The node of `/cluster/status` that `host` addresses: by its `ip`, else by its name
    (``pve2`` or ``pve2.example.org``). None when no node matches."""
    nodes = [m for m in members if isinstance(m, Mapping) and m.get("type") == "node"]
    for member in nodes:
        if _same_address(host, str(member.get("ip", ""))):
            return str(member.get("name", ""))
    wanted = host.lower()
    for member in nodes:
        name = str(member.get("name", "")).lower()
        if name and (wanted == name or wanted.startswith(name + ".")):
            return str(member.get("name", ""))
    return None


def local_node(members: Iterable[Any]) -> str:
    """The node that answered `/cluster/status` (PVE marks it `local: 1`)."""
    for member in members:
        if isinstance(member, Mapping) and member.get("type") == "node" and member.get("local"):
            return str(member.get("name", ""))
    return ""


def judge(host: str, port: int, presented: str, members: list[Any], info_of) -> Verdict:
    """Decide from a witness's `/cluster/status` answer; `info_of(node)` fetches that node's
    `certificates/info` (only called when the node is known)."""
    presented = normalize_fingerprint(presented)
    base = dict(host=host, port=port, presented=presented, witness=local_node(members))
    node = node_at(host, members)
    if sum(1 for m in members if isinstance(m, Mapping) and m.get("type") == "node") < 2:
        return Verdict(Outcome.ONE_NODE, node=node or "", **base)
    if node is None:
        return Verdict(Outcome.UNKNOWN_NODE, **base)
    if node == base["witness"]:
        # This address reaches the witness itself: it cannot vouch for its own certificate.
        return Verdict(Outcome.NO_WITNESS, node=node, **base)
    served = served_certificate(info_of(node))
    try:
        reported = normalize_fingerprint(str(served.get("fingerprint", ""))) if served else ""
    except ValueError:
        reported = ""
    if not reported:
        return Verdict(Outcome.NOT_REPORTED, node=node, **base)
    notafter = served.get("notafter")
    return Verdict(Outcome.CONFIRMED if reported == presented else Outcome.DIFFERENT, node=node,
                   reported=reported, subject=str(served.get("subject", "")), issuer=str(served.get("issuer", "")),
                   notafter=notafter if isinstance(notafter, int) and not isinstance(notafter, bool) else None,
                   filename=str(served.get("filename", "")), **base)


def _ask(client: PveClient, op: api.Op) -> Any:
    return op.check(client.request(op.method, op.path, op.params))


def verify(host: str, port: int, presented: str, witnesses: list[PveClient], creds: Credentials | None) -> Verdict:
    """Blocking: ask each witness (a client pinned to its own trusted certificate) in turn.
    The first that answers decides; when none does, NO_WITNESS with the last reason."""
    presented = normalize_fingerprint(presented)
    if not witnesses:
        return Verdict(Outcome.NO_OTHER_ADDRESS, host=host, port=port, presented=presented)
    detail = ""
    for client in witnesses:
        try:
            client.authenticate(creds)
            members = _ask(client, api.cluster_status())
            return judge(host, port, presented, members, lambda node, client=client: _ask(
                client, api.certificates_info(node)))
        except errors.PveError as exc:  # a second factor, a changed certificate there too, unreachable…
            detail = "{0}:{1}: {2}".format(client.host, client.port, exc.message or type(exc).__name__)
        finally:
            client.close()
    return Verdict(Outcome.NO_WITNESS, host=host, port=port, presented=presented, detail=detail)
