"""Scheduled backup jobs and what PVE derives from them, for the backup coverage view.

- ``GET /cluster/backup``: the jobs of vzdump.cron (pve-manager API2/Backup.pm index: Sys.Audit
  on /); `next-run` only for enabled jobs, as PVE adds it.
- ``GET /cluster/backup-info/not-backed-up``: guests no job includes (API2/BackupInfo.pm:
  Sys.Audit on /; disabled jobs count as covering; only guests the login may VM.Audit).

The default cluster has a nightly job over all guests but some excluded, a job for one guest
(monitoring, 111) whose last run failed (its vzdump task is in the task history: no space left
on device), and a disabled job; some guests are in no job at all, and two (103, 104) have only
old backups. A member cluster (``--clusters 2``) has one nightly job that excludes a few guests.
"""

import time

from fakepve import PveError

from .inventory import GiB

DAY = 86400
# Guests the nightly job leaves out: nothing covers them (206 was aborted by hand last night).
NIGHTLY_EXCLUDE = '101,111,112,117,118,119,201,206,208'


def _cron_next(hour, minute, now):
    start = int(now - now % DAY) + hour * 3600 + minute * 60
    return start if start > now else start + DAY


def add_backup_jobs(pve, now=None, member=False):
    now = time.time() if now is None else now
    if member:
        first = sorted(g.vmid for g in list(pve.vms) + list(pve.cts))[:3]
        pve.vt_backup_jobs = [{'id': 'backup-nightly', 'type': 'vzdump', 'schedule': '02:00', 'all': 1,
                               'exclude': ','.join(map(str, first)), 'storage': 'nfs-storage', 'mode': 'snapshot',
                               'enabled': 1, 'comment': 'Nightly'}]
        return
    pve.vt_backup_jobs = [
        {'id': 'backup-nightly', 'type': 'vzdump', 'schedule': '01:00', 'all': 1, 'exclude': NIGHTLY_EXCLUDE,
         'storage': 'nfs-storage', 'mode': 'snapshot', 'compress': 'zstd', 'enabled': 1, 'comment': 'Nightly'},
        {'id': 'backup-monitoring', 'type': 'vzdump', 'schedule': '01:15', 'vmid': '111', 'storage': 'nfs-storage',
         'mode': 'snapshot', 'enabled': 1, 'comment': 'Monitoring (own retention)'},
        {'id': 'backup-legacy', 'type': 'vzdump', 'schedule': 'sat 03:00', 'vmid': '115', 'storage': 'nfs-storage',
         'mode': 'stop', 'enabled': 0, 'comment': 'Paused while the ERP is retired'},
    ]
    # Only old backups: db-replica a month ago, gitlab half a year ago.
    vols = pve.storages['nfs-storage']['volumes']
    for vmid, days_ago in ((103, 30), (104, 200)):
        ctime = int(now) - days_ago * DAY
        name = 'backup/vzdump-qemu-{0}-{1}.vma.zst'.format(vmid, time.strftime('%Y_%m_%d-%H_%M_%S',
                                                                                time.gmtime(ctime)))
        vols[name] = {'content': 'backup', 'format': 'vma.zst', 'size': 4 * GiB, 'vmid': vmid, 'notes': '',
                      'protected': False, 'ctime': ctime,
                      'vt_config': {k: v for k, v in pve.guest(vmid).config.items() if k != 'lock'}}


def _ids(text):
    return {int(p) for p in str(text or '').split(',') if p.strip().isdigit()}


class DemoBackupJobsMixin:
    vt_backup_jobs: list = []

    def _routes_virton_backup_jobs(self):
        return [('GET', '/cluster/backup', self._vt_backup_jobs),
                ('GET', '/cluster/backup-info/not-backed-up', self._vt_not_backed_up)]

    def _vt_need_sys_audit(self, user):
        if not self.allowed(user, '/', 'Sys.Audit'):
            raise PveError(403, 'Permission check failed (/, Sys.Audit)')

    def vt_job_guests(self, job):
        """PVE::VZDump::get_included_guests: `vmid` list, `pool`, or `all` minus `exclude`."""
        guests = list(self.vms) + list(self.cts)
        if job.get('pool'):
            return {g.vmid for g in guests if g.vmid in self.pools.get(job['pool'], set())}
        if int(job.get('all') or 0):
            excluded = _ids(job.get('exclude'))
            return {g.vmid for g in guests if g.vmid not in excluded}
        wanted = _ids(job.get('vmid'))
        return {g.vmid for g in guests if g.vmid in wanted}

    async def _vt_backup_jobs(self, v, user):
        self._vt_need_sys_audit(user)
        now = time.time()
        out = []
        for job in self.vt_backup_jobs:
            item = dict(job)
            if int(job.get('enabled', 1)):
                hour, _, minute = job['schedule'].split()[-1].partition(':')
                item['next-run'] = _cron_next(int(hour), int(minute or 0), now)
            out.append(item)
        return out

    async def _vt_not_backed_up(self, v, user):
        self._vt_need_sys_audit(user)
        covered = set()
        for job in self.vt_backup_jobs:
            covered |= self.vt_job_guests(job)
        out = []
        for guest in list(self.vms) + list(self.cts):
            if guest.vmid in covered or not self.allowed(user, '/vms/{0}'.format(guest.vmid), 'VM.Audit'):
                continue
            kind = 'lxc' if guest in self.cts else 'qemu'
            name = guest.config.get('hostname' if kind == 'lxc' else 'name', '')
            out.append({'vmid': guest.vmid, 'name': name, 'type': kind})
        return out
