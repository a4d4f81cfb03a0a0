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

from .config_files import config_dir, read_json, write_json_atomically
from .pve.client import normalize_fingerprint

SCHEMA_VERSION = 1
FILE_NAME = "trusted-certificates.json"


def host_key(host: str, port: int) -> str:
    return "{0}:{1}".format(host.lower().strip("[]"), int(port))


class TrustStore:
    def __init__(self, path: Path | None = None):
        self.path = path or config_dir() / FILE_NAME
        self._hosts: dict[str, dict] = {}
        self.problem = None  # a config_files.CorruptFile from loading, for the UI to report
        self.reload()

    def reload(self) -> None:
        from .config_files import CorruptFile

        try:
            data = read_json(self.path, {"version": SCHEMA_VERSION, "hosts": {}})
        except CorruptFile as exc:
            self.problem = exc
            data = {"version": SCHEMA_VERSION, "hosts": {}}
        hosts = data.get("hosts") if isinstance(data, dict) else None
        self._hosts = {k: v for k, v in (hosts or {}).items() if isinstance(v, dict) and v.get("sha256")}

    def fingerprint(self, host: str, port: int) -> str | None:
        entry = self._hosts.get(host_key(host, port))
        return entry["sha256"] if entry else None

    def trust(self, host: str, port: int, fingerprint: str) -> None:
        """Remember `fingerprint` for this host (replacing an older one: a deliberate step)."""
        self._hosts[host_key(host, port)] = {"sha256": normalize_fingerprint(fingerprint),
                                             "trusted_at": int(time.time())}
        self._save()

    def forget(self, host: str, port: int) -> None:
        if self._hosts.pop(host_key(host, port), None) is not None:
            self._save()

    def hosts(self) -> dict[str, str]:
        return {k: v["sha256"] for k, v in sorted(self._hosts.items())}

    def matches(self, host: str, port: int, fingerprint: str) -> bool:
        """For the console's certificate check: is this exactly the certificate trusted for the host?"""
        known = self.fingerprint(host, port)
        try:
            return known is not None and known == normalize_fingerprint(fingerprint)
        except ValueError:
            return False

    def _save(self) -> None:
        write_json_atomically(self.path, {"version": SCHEMA_VERSION, "hosts": self._hosts})
