"""PVE 9.1's node-independent bulk actions (pve-manager PVE/API2/Cluster/BulkAction/Guest.pm):
which clusters have them, and each guest's fate read from the worker's log. Qt-free.

One `bulk-start` / `bulk-shutdown` / `bulk-suspend` worker sends each guest's own request through
the API, a few at a time, and prints a line before each (`Starting VM 100`, `Shutting down VM 100
(Timeout = 180 seconds)`, `Suspending VM 100`). A guest whose request PVE refused is logged right
after that line as the API client's error, `WARN: 500 VM 100 is locked (backup)`; a guest whose
task failed as `WARN: Starting VM 100 failed: <exit status>` (`Stopping …` for shutdown and
suspend). The worker then fails itself with `Some guests failed to shutdown 100, 105` (`… to
start: 100`). Guests already in the wanted state are skipped with a warning (the worker ends
`WARNINGS: n`) and count as done.

While it runs, each guest's own task (`qmshutdown`, `vzstart`, HA's `hastop`, … in the caller's
name) shows in the cluster's task list like any other: its end is that guest's result, before the
worker has finished the rest (`guest_task_of`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .entities import Task
from .power import Action

SINCE = (9, 1)
# The palette's actions one worker can carry. PVE's bulk suspend is a pause (`todisk` 0) and
# skips containers, which the palette never pauses anyway.
ENDPOINTS = {Action.START: "start", Action.SHUTDOWN: "shutdown", Action.PAUSE: "suspend"}

# The guests' own tasks a worker's requests start (qemu-server, pve-container; an HA-managed
# guest's request is filed with the HA manager: hastart / hastop).
GUEST_TASKS = {
    Action.START: frozenset({"qmstart", "vzstart", "qmresume", "vzresume", "hastart"}),
    Action.SHUTDOWN: frozenset({"qmshutdown", "vzshutdown", "hastop"}),
    Action.PAUSE: frozenset({"qmsuspend"}),
}

_SENT = re.compile(r"^(?:Starting|Shutting down|Suspending|Migrating) (?:VM|CT) (\d+)\b")
_FAILED = re.compile(r"^(?:WARN: )?\w+ (?:VM|CT) (\d+) failed: (.*)$")
_SKIPPED = re.compile(r"^WARN: (?:Skipping |skipping |(?:VM|CT) \d+ already on )")
_REFUSED = re.compile(r"^WARN: (?:(\d{3}) )?(.+)$")
_SUMMARY = re.compile(r"Some guests failed to \w+:? ([\d, ]+)")


@dataclass(frozen=True)
class Failure:
    reason: str      # PVE's words
    status: int = 0  # the HTTP status when PVE refused the guest's request; 0 when its task failed


def supported(version: str) -> bool:
    """Whether a cluster answering /version with this `version` (e.g. "9.1.2") has the bulk endpoints."""
    parts = []
    for part in str(version or "").split(".")[:2]:
        digits = re.match(r"\d+", part)
        parts.append(int(digits.group(0)) if digits else 0)
    while len(parts) < 2:
        parts.append(0)
    return tuple(parts) >= SINCE


def failures(log_lines, exit_status: str = "") -> dict[int, Failure]:
    """vmid -> why it failed, from the worker's log (its final exit status names any the log missed)."""
    found: dict[int, Failure] = {}
    last_sent = None  # the guest whose request the worker sent last: a bare warning is its refusal
    for line in log_lines:
        text = str(line).strip()
        sent, failed = _SENT.match(text), _FAILED.match(text)
        if sent:
            last_sent = int(sent.group(1))
        elif failed:
            found[int(failed.group(1))] = Failure(failed.group(2).strip())
        elif last_sent is not None and not _SKIPPED.match(text):
            refused = _REFUSED.match(text)
            if refused:
                found[last_sent] = Failure(refused.group(2).strip(), int(refused.group(1) or 500))
                last_sent = None
    m = _SUMMARY.search(exit_status or "")
    if m:
        for part in m.group(1).split(","):
            if part.strip().isdigit():
                found.setdefault(int(part.strip()), Failure(exit_status))
    return found


def guest_task_of(worker: Task, task: Task, action: Action) -> int | None:
    """The vmid whose own task `task` is, when the bulk `worker` (of `action`) may have started it:
    the kind of task the action starts, in the worker's user's name, started no earlier."""
    if (task.type in GUEST_TASKS.get(action, ()) and task.user == worker.user
            and task.starttime >= worker.starttime and task.cluster == worker.cluster):
        return task.vmid
    return None
