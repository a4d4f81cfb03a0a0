"""Trusted TLS certificates, per host (trust on first use).

PVE nodes usually have self-signed certificates, one per node, so one fingerprint per
cluster is not enough: the store keeps the SHA-256 fingerprint of each `host:port` the user
has accepted. A host that presents a certificate signed by a system CA needs no entry.
A host that presents a different certificate than the one stored is blocked until the
user deliberately trusts the new one (`CertificateMismatch` says old and new).

The same store serves API connections and console websockets.

Beside a fingerprint the store keeps the certificate itself once a connection has presented it
(`keep_certificate`, base64 DER; only ever the one that hashes to the fingerprint): the next
connection to that host is verified against it from the start (`PveClient(certificate=...)`)
instead of first fetching it over a connection of its own, a TCP and a TLS handshake more for
each cluster at every start. A certificate that does not hash to its entry's fingerprint (edited,
left from an earlier pin) is not used: the host's is fetched and checked as before.
"""

from __future__ import annotations

import base64
import binascii
import time
from pathlib import Path
from typing import NamedTuple

from .config_files import FileNotice, config_dir
from .pve.client import fingerprint_of, normalize_fingerprint
from .record_file import MAPPING, RecordFile

SCHEMA_VERSION = 1
FILE_NAME = "trusted-certificates.json"


def host_key(host: str, port: int) -> str:
    return "{0}:{1}".format(host.lower().strip("[]"), int(port))


class Pin(NamedTuple):
    fingerprint: str
    certificate: bytes | None  # its DER, when kept (it hashes to `fingerprint`)


def _parse(key: str, raw: object) -> Pin:
    """An entry's pin; raises for anything else (the entry is then kept but not used)."""
    if not isinstance(raw, dict) or not isinstance(raw.get("sha256"), str):
        raise ValueError("not a pinned certificate")
    fingerprint = normalize_fingerprint(raw["sha256"])
    return Pin(fingerprint, _kept(raw.get("certificate"), fingerprint))


def _kept(text: object, fingerprint: str) -> bytes | None:
    """The kept certificate, only if it is the pinned one."""
    if not isinstance(text, str):
        return None
    try:
        der = base64.b64decode(text, validate=True)
    except (binascii.Error, ValueError):
        return None
    return der if fingerprint_of(der) == fingerprint else None


class TrustStore:
    """Pinned fingerprints in a JSON file, shared with other running instances (`record_file`).

    `trust` and `forget` raise `config_files.SaveFailed` when the file cannot be written: the
    decision holds for this session all the same, and is written with the next save that succeeds."""

    def __init__(self, path: Path | None = None):
        self.path = path or config_dir() / FILE_NAME
        self._file = RecordFile(self.path, "hosts", MAPPING, SCHEMA_VERSION, _parse)

    def take_notices(self) -> list[FileNotice]:
        return self._file.take_notices()

    def fingerprint(self, host: str, port: int) -> str | None:
        pin = self._file.records.get(host_key(host, port))
        return pin.fingerprint if pin is not None else None

    def certificate(self, host: str, port: int) -> bytes | None:
        """The pinned certificate itself (DER), when it was kept (see the module docstring)."""
        pin = self._file.records.get(host_key(host, port))
        return pin.certificate if pin is not None else None

    def trust(self, host: str, port: int, fingerprint: str) -> None:
        """Remember `fingerprint` for this host (replacing an older one: a deliberate step; the
        certificate kept for the older one goes with it)."""
        self._file.put(host_key(host, port), {"sha256": normalize_fingerprint(fingerprint),
                                              "trusted_at": int(time.time()), "certificate": None})

    def keep_certificate(self, host: str, port: int, der: bytes) -> bool:
        """Keep the certificate a pinned connection to this host was verified with, if it is the
        pinned one and none is kept yet (True: written now). Raises `SaveFailed` as `trust`."""
        pin = self._file.records.get(host_key(host, port))
        if pin is None or pin.certificate is not None or fingerprint_of(der) != pin.fingerprint:
            return False
        self._file.put(host_key(host, port), {"certificate": base64.b64encode(der).decode("ascii")})
        return True

    def forget(self, host: str, port: int) -> None:
        if host_key(host, port) in self._file.records:
            self._file.delete(host_key(host, port))

    def hosts(self) -> dict[str, str]:
        return {key: pin.fingerprint for key, pin in sorted(self._file.records.items())}

    def matches(self, host: str, port: int, fingerprint: str) -> bool:
        """For the console's certificate check: is this exactly the certificate trusted for the host?"""
        known = self.fingerprint(host, port)
        try:
            return known is not None and known == normalize_fingerprint(fingerprint)
        except ValueError:
            return False
