"""PVE 9.1's node-independent bulk actions (pve-manager PVE/API2/Cluster/BulkAction/Guest.pm):
which clusters have them, and each guest's fate read from the worker's log. Qt-free.

One `bulk-start` / `bulk-shutdown` worker starts each guest's own task a few at a time and logs,
for each guest that failed, `WARN: Starting VM 100 failed: <exit status>` (`Stopping …` for
shutdown and suspend), then fails itself with `Some guests failed to shutdown 100, 105` (`… to
start: 100`). Guests already in the wanted state are skipped with a warning and count as done.
"""

from __future__ import annotations

import re

from .power import Action

SINCE = (9, 1)
# The actions the palette hands to one worker (suspend there means hibernate/pause, VMs only: kept per guest).
ENDPOINTS = {Action.START: "start", Action.SHUTDOWN: "shutdown"}

_FAILED = re.compile(r"^(?:WARN: )?\w+ (?:VM|CT) (\d+) failed: (.*)$")
_SUMMARY = re.compile(r"Some guests failed to \w+:? ([\d, ]+)")


def supported(version: str) -> bool:
    """Whether a cluster answering /version with this `version` (e.g. "9.1.2") has the bulk endpoints."""
    parts = []
    for part in str(version or "").split(".")[:2]:
        digits = re.match(r"\d+", part)
        parts.append(int(digits.group(0)) if digits else 0)
    while len(parts) < 2:
        parts.append(0)
    return tuple(parts) >= SINCE


def failures(log_lines, exit_status: str = "") -> dict[int, str]:
    """vmid -> why it failed, from the worker's log (its final exit status names any the log missed)."""
    found: dict[int, str] = {}
    for line in log_lines:
        m = _FAILED.match(str(line).strip())
        if m:
            found[int(m.group(1))] = m.group(2).strip()
    m = _SUMMARY.search(exit_status or "")
    if m:
        for part in m.group(1).split(","):
            if part.strip().isdigit():
                found.setdefault(int(part.strip()), exit_status)
    return found
