"""Backup coverage of one cluster: guests no job covers, guests whose newest backup is older than
N days, jobs whose last run failed. No Qt, no I/O.

Sources (pve-manager): `GET /cluster/backup-info/not-backed-up` (API2/BackupInfo.pm: the guests
no job in vzdump.cron includes, disabled jobs included; Sys.Audit on /, and only guests the login
may VM.Audit), `GET /cluster/backup` (API2/Backup.pm index: the jobs, Sys.Audit on /; `next-run`
only for enabled jobs), backup volumes on the storages (a volume exists only for a backup that
ended well), and `/cluster/tasks` (the recent tasks of every node).

PVE keeps a job's last run in /var/lib/pve-manager/jobs/vzdump-<id>.json, which no API reads. A
vzdump task names a guest in its `id` only when it backs up one guest on its node (API2/VZDump.pm:
`$taskid = $local_vmids->[0] if scalar(@$local_vmids) == 1`). So a job's *last run* is taken as the
newest finished vzdump task naming a guest the job covers; the job failed when that task's
status is not OK. A run over several guests of one node (no `id`) is not tied to a job.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from enum import StrEnum

DAY = 86400
DEFAULT_DAYS = 7


class Finding(StrEnum):
    UNCOVERED = "uncovered"  # no backup job includes the guest
    STALE = "stale"  # the newest backup is older than N days, or there is none
    FAILED_JOB = "failed-job"  # the job's last run ended with an error


@dataclass(frozen=True)
class GuestInfo:
    vmid: int
    name: str = ""
    type: str = "qemu"
    node: str = ""
    pool: str = ""
    template: bool = False


@dataclass(frozen=True)
class CoverageRow:
    finding: Finding
    cluster: str
    vmid: int | None = None  # the guest (for a failed job: the guest whose task failed)
    name: str = ""
    job: str = ""  # the job's id (failed jobs, and the stale guests' covering jobs)
    when: int = 0  # the newest backup (stale; 0: none) or when the failed task started
    detail: str = ""  # the failed task's status, as PVE wrote it (server text)
    upid: str = ""


def _ids(text: object) -> set[int]:
    return {int(p) for p in str(text or "").replace(" ", ",").split(",") if p.strip().isdigit()}


def job_guests(job: Mapping[str, object], guests: Iterable[GuestInfo]) -> set[int]:
    """The vmids a job includes (PVE::VZDump get_included_guests: `vmid` list, `pool`, or
    `all` minus `exclude`; `node` limits to one node)."""
    node = str(job.get("node") or "")
    here = [g for g in guests if not node or g.node == node]
    if job.get("pool"):
        return {g.vmid for g in here if g.pool == job.get("pool")}
    if str(job.get("all") or "0") not in ("0", "", "False"):
        excluded = _ids(job.get("exclude"))
        return {g.vmid for g in here if g.vmid not in excluded}
    wanted = _ids(job.get("vmid"))
    return {g.vmid for g in here if g.vmid in wanted}


def uncovered(cluster: str, answer: Iterable[Mapping[str, object]],
              guests: Mapping[int, GuestInfo]) -> list[CoverageRow]:
    rows = []
    for item in answer:
        vmid = int(item["vmid"])
        guest = guests.get(vmid)
        if guest is not None and guest.template:
            continue  # templates are not backed up by design more often than not
        name = str(item.get("name") or (guest.name if guest else ""))
        rows.append(CoverageRow(Finding.UNCOVERED, cluster, vmid, name))
    return sorted(rows, key=lambda r: r.vmid or 0)


def stale(cluster: str, guests: Iterable[GuestInfo], backups: Iterable[tuple[int, int]], now: float,
          days: int) -> list[CoverageRow]:
    """Guests (not templates) whose newest backup (vmid, ctime) is older than `days`, or absent."""
    newest: dict[int, int] = {}
    for vmid, ctime in backups:
        newest[vmid] = max(newest.get(vmid, 0), int(ctime))
    limit = now - days * DAY
    rows = [CoverageRow(Finding.STALE, cluster, g.vmid, g.name, when=newest.get(g.vmid, 0))
            for g in guests if not g.template and newest.get(g.vmid, 0) < limit]
    return sorted(rows, key=lambda r: (r.when == 0, r.when, r.vmid or 0))  # the oldest backups, then none


def failed_jobs(cluster: str, jobs: Iterable[Mapping[str, object]], tasks: Iterable[Mapping[str, object]],
                guests: Iterable[GuestInfo]) -> list[CoverageRow]:
    """Jobs whose newest vzdump task (of a guest they cover) did not end OK."""
    guests = list(guests)
    names = {g.vmid: g.name for g in guests}
    finished = [t for t in tasks if t.get("type") == "vzdump" and t.get("endtime") and str(t.get("id") or "").isdigit()]
    finished.sort(key=lambda t: int(t.get("starttime") or 0), reverse=True)
    rows = []
    for job in jobs:
        covered = job_guests(job, guests)
        last = next((t for t in finished if int(t["id"]) in covered), None)
        if last is None or str(last.get("status") or "") == "OK":
            continue
        vmid = int(last["id"])
        rows.append(CoverageRow(Finding.FAILED_JOB, cluster, vmid, names.get(vmid, ""), job=str(job.get("id") or ""),
                                when=int(last.get("starttime") or 0), detail=str(last.get("status") or ""),
                                upid=str(last.get("upid") or "")))
    return rows
