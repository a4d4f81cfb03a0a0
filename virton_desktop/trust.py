"""Trusted TLS certificates, per host (trust on first use).

PVE nodes usually have self-signed certificates, one per node, so one fingerprint per
cluster is not enough: the store keeps the SHA-256 fingerprint of each `host:port` the user
has accepted. A host that presents a certificate signed by a system CA needs no entry.
A host that presents a different certificate than the one stored is blocked until the
user deliberately trusts the new one (`CertificateMismatch` says old and new).

The same store serves API connections and console websockets.
"""

from __future__ import annotations

import time
from pathlib import Path

from .config_files import FileNotice, config_dir
from .pve.client import normalize_fingerprint
from .record_file import MAPPING, RecordFile

SCHEMA_VERSION = 1
FILE_NAME = "trusted-certificates.json"


def host_key(host: str, port: int) -> str:
    return "{0}:{1}".format(host.lower().strip("[]"), int(port))


def _parse(key: str, raw: object) -> str:
    """An entry's fingerprint; raises for anything else (the entry is then kept but not used)."""
    if not isinstance(raw, dict) or not isinstance(raw.get("sha256"), str):
        raise ValueError("not a pinned certificate")
    return normalize_fingerprint(raw["sha256"])


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
        return self._file.records.get(host_key(host, port))

    def trust(self, host: str, port: int, fingerprint: str) -> None:
        """Remember `fingerprint` for this host (replacing an older one: a deliberate step)."""
        self._file.put(host_key(host, port), {"sha256": normalize_fingerprint(fingerprint),
                                              "trusted_at": int(time.time())})

    def forget(self, host: str, port: int) -> None:
        if host_key(host, port) in self._file.records:
            self._file.delete(host_key(host, port))

    def hosts(self) -> dict[str, str]:
        return dict(sorted(self._file.records.items()))

    def matches(self, host: str, port: int, fingerprint: str) -> bool:
        """For the console's certificate check: is this exactly the certificate trusted for the host?"""
        known = self.fingerprint(host, port)
        try:
            return known is not None and known == normalize_fingerprint(fingerprint)
        except ValueError:
            return False
