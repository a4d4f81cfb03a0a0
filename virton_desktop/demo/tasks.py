"""The demo's task log and status as PVE answers them, and tasks whose logs test a reader.

- An empty log answers ``[{"n": 1, "t": "no content"}]`` (pve-common ``dump_logfile``: a
  placeholder for ExtJS), the answer carries the line count as ``total`` beside ``data``,
  and ``limit=0`` reads to the end (pve-manager ``PVE/API2/Tasks.pm`` read_task_log).
- A UPID that parses but names no task on that node is HTTP 400 with
  ``{"upid": "no such task"}``; one that does not parse, ``{"upid": "unable to parse worker upid"}``.
- Last night's history holds a vzdump of 500 GiB that ran nine days (progress lines with
  ``1w 2d 3h 4m 5s`` durations, pve-common ``render_duration``) and a backup whose log runs past
  500 lines and ends in an error.
"""

import re

from aiohttp import web
from fakepve import PveError
from fakepve.server import params

# pve-common PVE::Tools::upid_decode's pattern.
_UPID = re.compile(r'^UPID:([a-zA-Z0-9]([a-zA-Z0-9\-]*[a-zA-Z0-9])?):([0-9A-Fa-f]{8}):([0-9A-Fa-f]{8,9}):'
                   r'([0-9A-Fa-f]{8}):([^:\s]+):([^:\s]*):([^:\s]+):$')
GiB = 1024 ** 3


class DemoTasksMixin:
    """Overrides fakepve's task status and log answers (members prefixed as in DemoPve)."""

    def _get_task(self, request):
        upid = request.match_info['upid']
        if not _UPID.match(upid):
            raise PveError(400, 'Parameter verification failed.', {'upid': 'unable to parse worker upid'})
        task = self.tasks.get(upid)
        if task is None or task['node'] != request.match_info['node']:
            raise PveError(400, 'Parameter verification failed.', {'upid': 'no such task'})
        return super()._get_task(request)

    async def _task_log(self, request):
        p = self._verify(request, await params(request))
        lines = self._get_task(request)['log']
        start, limit = p.get('start', 0), p.get('limit', 50)
        end = len(lines) if limit == 0 else start + limit
        data = [{'n': n + 1, 't': t} for n, t in enumerate(lines)][start:end]
        total = len(lines)
        if not lines:
            data, total = [{'n': 1, 't': 'no content'}], 1
        return web.json_response({'data': data, 'total': total})


def render_duration(seconds):
    """pve-common PVE::Format::render_duration (without auto_limit_accuracy)."""
    rest = int(round(seconds))
    if not rest:
        return '0s'
    parts = []
    for unit, length in (('w', 7 * 86400), ('d', 86400), ('h', 3600), ('m', 60), ('s', 1)):
        value, rest = divmod(rest, length)
        if value:
            parts.append('{0}{1}'.format(value, unit))
    return ' '.join(parts)


def _render_gib(size):
    return '{0:.1f} GiB'.format(size / GiB)


def long_backup_log(vmid, size_gib, took):
    """A vzdump log of one big VM whose progress lines run into days and weeks."""
    size = size_gib * GiB
    log = ['INFO: starting new backup job: vzdump {0} --storage nfs-storage --mode snapshot'.format(vmid),
           'INFO: Starting Backup of VM {0} (qemu)'.format(vmid),
           'INFO: started backup task \'3f1c7a52-0c1e-4c9e-9a57-1d0e3b8f2c11\'']
    for percent in range(0, 101, 4):
        seconds = took * percent // 100 or 1
        log.append('INFO: {0:3d}% ({1} of {2}) in {3}, read: 702.4 KiB/s, write: 690.1 KiB/s'.format(
            percent, _render_gib(size * percent // 100), _render_gib(size), render_duration(seconds)))
    log += ['INFO: backup is sparse: 12.00 GiB (2%) total zero data',
            'INFO: transferred {0} in {1} seconds (702.4 KiB/s)'.format(_render_gib(size), took),
            'INFO: Finished Backup of VM {0} ({1})'.format(vmid, render_duration(took)),
            'INFO: Backup job finished successfully', 'TASK OK']
    return log


def failing_backup_log(vmid, size_gib, reason):
    """A vzdump of one VM to a struggling NFS server: its kernel warnings make the log run past 500
    lines, so the error and the TASK line are on a later page than the first."""
    size = size_gib * GiB
    log = ['INFO: starting new backup job: vzdump {0} --storage nfs-storage --mode snapshot'.format(vmid),
           'INFO: Starting Backup of VM {0} (qemu)'.format(vmid)]
    for percent in range(0, 94):
        log.append('INFO: {0:3d}% ({1} of {2}) in {3}, read: 1.2 MiB/s, write: 1.1 MiB/s'.format(
            percent, _render_gib(size * percent // 100), _render_gib(size), render_duration(40 * percent + 1)))
        log += ['WARN: nfs: server 192.0.2.50 not responding, still trying'] * 5
    log += ['ERROR: job failed with err -28 - No space left on device', 'INFO: aborting backup job',
            'ERROR: Backup of VM {0} failed - {1}'.format(vmid, reason),
            'INFO: Failed at 2026-11-20 01:15:02', 'INFO: Backup job finished with errors',
            'TASK ERROR: Backup of VM {0} failed - {1}'.format(vmid, reason)]
    return log
