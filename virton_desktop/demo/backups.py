"""Backups and restore for the demo cluster: a DemoPve mixin (`DemoBackups`).

fakepve answers `POST /nodes/{node}/vzdump` generically (an empty task, no volume) and
refuses QEMU restores. Here:

- vzdump really runs: per guest it takes the `backup` lock, logs what PVE's vzdump logs
  (VMs: `INFO:  42% (13.4 GiB of 32.0 GiB) in 1m 5s, read: ..., write: ...` lines; containers:
  no percentage), takes as long as reading the disks at ``vt_backup_rate`` would (scaled by
  time_scale), then stores `backup/vzdump-{qemu|lxc}-<vmid>-<YYYY_MM_DD-HH_MM_SS>.{vma|tar}.zst`
  in the chosen storage with size, notes (from `notes-template`) and protection, and the
  guest's config (``vt_config``, never shown by the API) for restore.
- `DELETE /nodes/{node}/tasks/{upid}` aborts a running vzdump: no volume, exit status
  `interrupted by signal` (other task types ignore it, as fakepve did).
- A storage without room for the archive fails the backup part-way with PVE's
  `no space left on device` (try the 500 GiB fileserver, VM 105, onto `local`).
- vzdump of guests that all live on other nodes answers `OK` instead of a UPID and starts
  nothing (pve-manager's "silent exit if specified VMs run on other nodes").
- Restore: `POST /nodes/{node}/qemu` with `archive=` (`force=1` overwrites a stopped VM), after
  qemu-server's permission checks (VM.Allocate on the VM or on `pool`, or VM.Backup on the VM for
  an overwrite; pve-storage's access check of the archive), recreates the VM from the saved
  config with new disks on `storage` (or where they were) and joins `pool`; container restore
  (`restore=1`) is fakepve's, completed with the archive's access check and its saved config:
  every volume on `storage` (`local` when omitted, as pve-container does), new MAC addresses
  with `unique=1`, and mount points the backup left out (no backup=1) recreated empty
  (``vt_empty_mounts``).
- Content listings carry what pve-storage reads from a backup's name (`subtype` qemu, lxc, openvz or
  unknown, `format`, the VMID, the name's time as `ctime`) and only the first line of their
  notes, as PVE's do (the volume's own GET has them in full).
- Snapshots take a few PVE seconds (more with RAM), so their lock is visible; rolling back
  to a snapshot with RAM leaves the VM running, as PVE does.

Own members start with ``vt_``/``_vt_`` (FakePve has ~300 members); the overridden fakepve
hooks (`_qm_create`, `_lxc_create`, `_qm_rollback`, `_item`, `ceph_io`) are marked as such.
"""

from __future__ import annotations

import random
import re
import time

from fakepve import PveError, TaskError
from fakepve.lxc import FakeCt
from fakepve.qemu import drives_of, join_drive, split_drive, volume_ref, with_mac

from ..pve.backup import archive_info, backup_extension

GiB = 1024 ** 3
MiB = 1024 ** 2
_SIZE = re.compile(r'size=(\d+(?:\.\d+)?)([KMGT])?')
_UNITS = {'K': 1024, 'M': MiB, 'G': GiB, 'T': 1024 ** 4}
_MOUNT_KEY = re.compile(r'^(rootfs|mp\d+)$')
_DISK_KEY = re.compile(r'(scsi|virtio|sata|ide|efidisk|tpmstate)\d+')
_EXT = {'zstd': 'zst', 'zst': 'zst', 'lzo': 'lzo', 'gzip': 'gz', '1': 'lzo', '0': '', 'none': ''}
# Config keys a backup does not keep (they belong to the running instance or the job).
_NOT_BACKED_UP = ('lock', 'parent', 'snapstate', 'snaptime', 'vmstate', 'digest')


def _size_of(value):
    found = _SIZE.search(str(value))
    if not found:
        return 0
    return int(float(found.group(1)) * _UNITS[found.group(2) or 'G'])


def _gib(n):
    return '{0:.1f} GiB'.format(n / GiB)


def _rate(n):
    return '{0:.1f} MiB/s'.format(n / MiB) if n >= MiB else '{0:.1f} KiB/s'.format(n / 1024) if n else '0.0 B/s'


def _duration(secs):
    """PVE's render_duration: 42s, 1m 5s, 2h 3m 4s."""
    secs = int(secs)
    h, rest = divmod(secs, 3600)
    m, s = divmod(rest, 60)
    if h:
        return '{0}h {1}m {2}s'.format(h, m, s)
    if m:
        return '{0}m {1}s'.format(m, s)
    return '{0}s'.format(s)


def _hms(secs):
    secs = int(secs)
    return '{0:02d}:{1:02d}:{2:02d}'.format(secs // 3600, secs // 60 % 60, secs % 60)


class DemoBackups:
    """Mixin of DemoPve: vzdump, abort, restore, snapshot timing. See the module docstring."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # UPIDs whose abort was asked (DELETE of the task).
        self.vt_aborted = set()
        # Bytes per PVE second vzdump reads (a fast SSD pool to NFS); restores write at twice that.
        self.vt_backup_rate = 380 * MiB
        # A progress line every this many PVE seconds at most (vzdump prints one about every few seconds).
        self.vt_progress_step = 2.0
        # Container snapshot work takes a moment too (fakepve's default is instant).
        self.ct_secs.update(snapshot=2, delsnapshot=2, rollback=3)
        # vmid -> config keys to put back after fakepve's container restore built its own.
        self._vt_ct_restore = {}
        # vmid -> mount point keys the last restore recreated empty (not in the archive).
        self.vt_empty_mounts = {}

    def _routes_virton_backups(self):
        # Alphabetically after fakepve's own _routes_* tables; both paths are generic there.
        return [('POST', '/nodes/{node}/vzdump', self._vt_vzdump),
                ('DELETE', '/nodes/{node}/tasks/{upid}', self._vt_task_stop)]

    # ------------------------------------------------------------------ abort

    async def _vt_task_stop(self, v, user):
        task = self.tasks.get(v['upid'])
        if task is None or task['node'] != v['node']:
            raise PveError(500, "unable to parse worker upid '{0}'".format(v['upid']))
        if task['status'] == 'running':
            self.vt_aborted.add(v['upid'])
        return None

    # ----------------------------------------------------------------- vzdump

    def vt_disks(self, guest):
        """[(key, volume, bytes)] a backup of the guest reads: VM disks (no CD-ROMs) or CT mount points."""
        out = []
        if isinstance(guest, FakeCt):
            for key in sorted(guest.config):
                if _MOUNT_KEY.match(key) and self.vt_mount_excluded(key, guest.config[key]) is None:
                    value = str(guest.config[key])
                    out.append((key, value.split(',')[0], _size_of(value)))
        else:
            for key, volume, props in drives_of(guest.config, skip_cdrom=True):
                if volume in ('none', '') or volume.endswith('cloudinit'):
                    continue
                out.append((key, volume, _size_of('size=' + str(props.get('size', '0')))))
        return out

    @staticmethod
    def vt_mount_excluded(key, value):
        """pve-container's mountpoint_backup_enabled: None when vzdump includes the mount point,
        else (type, reason): rootfs always, a volume only with backup=1, bind/device mounts never."""
        if key == 'rootfs':
            return None
        value = str(value)
        volume = value.split(',')[0]
        kind = 'volume' if ':' in volume and not volume.startswith('/') else \
            ('device' if volume.startswith('/dev/') else 'bind')
        if kind != 'volume':
            return kind, 'not a volume'
        return None if re.search(r'(^|,)backup=(1|on|yes|true)(,|$)', value) else (kind, 'disabled')

    def vt_archive_size(self, guest, compress):
        """What the archive would take: the used part of the disks, compressed (stable per vmid)."""
        total = sum(size for _k, _v, size in self.vt_disks(guest)) or 4 * GiB
        rng = random.Random('backup:{0}'.format(guest.vmid))
        used = rng.uniform(0.08, 0.35)
        ratio = {'zst': 1.0, 'lzo': 1.35, 'gz': 1.15, '': 2.4}.get(_EXT.get(str(compress), 'zst'), 1.0)
        return int(total * used * ratio)

    async def _vt_vzdump(self, v, user):
        node = v['node']
        self.need_quorum()
        sid = v.get('storage') or 'local'
        store = self.storages.get(sid)
        if store is None:
            raise PveError(500, "storage '{0}' does not exist".format(sid))
        if 'backup' not in str(store.get('content', '')).split(','):
            raise PveError(500, "can't use storage '{0}' for backups - wrong content type".format(sid))
        if not store.get('active', 1):
            raise PveError(500, "storage '{0}' is not online".format(sid))
        wanted = [int(x) for x in re.split(r'[,;\s]+', str(v.get('vmid') or '')) if x.strip()]
        if v.get('all'):
            wanted = sorted(g.vmid for g in self._guests() if g.node == node and not g.template)
        if not wanted:
            raise PveError(400, 'Parameter verification failed.',
                           {'vmid': 'property is missing and it is not optional'})
        guests, external = [], []
        for vmid in wanted:
            guest = self.guest(vmid)
            if guest is None:
                raise PveError(500, "unable to find VM '{0}'".format(vmid))
            (guests if guest.node == node else external).append(guest)
        if not guests:
            return 'OK'  # pve-manager VZDump.pm: silent exit if specified VMs run on other nodes
        for vmid in wanted:
            self.require(user, '/vms/{0}'.format(vmid), 'VM.Backup')
        self.require(user, '/storage/' + sid, 'Datastore.AllocateSpace')
        opts = {'mode': v.get('mode') or 'snapshot', 'compress': str(v.get('compress', 'zstd')),
                'protected': bool(int(v.get('protected') or 0)),
                'notes': str(v.get('notes-template') or '{{guestname}}'), 'storage': sid}
        command = 'vzdump {0} --storage {1} --mode {2} --compress {3}'.format(
            ' '.join(str(g.vmid) for g in guests), sid, opts['mode'], opts['compress'])
        if opts['protected']:
            command += ' --protected 1'
        if v.get('notes-template'):
            command += " --notes-template '{0}'".format(v['notes-template'])
        log = ['INFO: starting new backup job: {0} --node {1}'.format(command, node)]
        if external:
            log.append('INFO: skip external VMs: {0}'.format(', '.join(str(g.vmid) for g in external)))
        holder = {}

        async def body():
            record = self.tasks[holder['upid']]
            failed = []
            for guest in guests:
                try:
                    await self._vt_backup_one(record, guest, node, opts)
                except TaskError as e:
                    if str(e) == 'interrupted by signal':
                        record['log'].append('INFO: Backup job failed - interrupted by signal')
                        raise
                    failed.append((guest.vmid, str(e)))
            if failed:
                record['log'].append('INFO: Backup job finished with errors')
                if len(guests) == 1:
                    raise TaskError('Backup of VM {0} failed - {1}'.format(*failed[0]))
                raise TaskError('job errors')
            return 'INFO: Backup job finished successfully'

        # The UPID's id is the vmid when exactly one guest of this node is backed up (PVE's taskid).
        tid = guests[0].vmid if len(guests) == 1 else ''
        return await self.task(node, 'vzdump', tid, user, self._vt_claiming(holder, body), lock=False, log=log)

    def _vt_claiming(self, holder, body):
        """A task body that first finds its own task record (task() makes the UPID only when called)."""
        async def run():
            if 'upid' not in holder:
                # Bodies start in the order their tasks were made (at time_scale 0 inside task()),
                # so the oldest running vzdump record nobody claimed yet is ours.
                for rec in self.tasklog:
                    if rec['type'] == 'vzdump' and rec['status'] == 'running' and not rec.get('vt_claimed'):
                        rec['vt_claimed'] = True
                        holder['upid'] = rec['upid']
                        break
            return await body()
        return run

    async def _vt_backup_one(self, record, guest, node, opts):
        log = record['log']
        upid = record['upid']
        kind = 'lxc' if isinstance(guest, FakeCt) else 'qemu'
        started = time.time()
        stamp = time.strftime('%Y_%m_%d-%H_%M_%S', time.gmtime(started))
        ext = _EXT.get(opts['compress'], 'zst')
        fmt = ('tar' if kind == 'lxc' else 'vma') + ('.' + ext if ext else '')
        volname = 'backup/vzdump-{0}-{1}-{2}.{3}'.format(kind, guest.vmid, stamp, fmt)
        sid = opts['storage']
        store = self.storages[sid]
        log.append('INFO: Starting Backup of VM {0} ({1})'.format(guest.vmid, kind))
        log.append('INFO: Backup started at {0}'.format(time.strftime('%Y-%m-%d %H:%M:%S', time.gmtime(started))))
        log.append('INFO: status = {0}'.format(guest.status))
        if guest.lock:
            msg = 'VM is locked ({0})'.format(guest.lock)
            log.append('ERROR: Backup of VM {0} failed - {1}'.format(guest.vmid, msg))
            raise TaskError(msg)
        disks = self.vt_disks(guest)
        total = sum(size for _k, _v, size in disks) or 4 * GiB
        archive = self.vt_archive_size(guest, opts['compress'])
        config = dict((k, x) for k, x in guest.config.items() if k not in _NOT_BACKED_UP)
        self.snapshot_lock(guest.vmid, 'backup')
        try:
            if kind == 'qemu':
                log.append('INFO: VM Name: {0}'.format(guest.name))
                for key, volume, size in disks:
                    size_text = _gib(size).replace(' GiB', 'G')
                    log.append("INFO: include disk '{0}' '{1}' {2}".format(key, volume, size_text))
            else:
                log.append('INFO: CT Name: {0}'.format(guest.name))
                for key in sorted((k for k in guest.config if _MOUNT_KEY.match(k)), key=lambda k: (k != 'rootfs', k)):
                    if key == 'rootfs':
                        where = '/'
                    else:
                        where = re.search(r'mp=([^,]+)', str(guest.config[key]) + ',mp=?').group(1)
                    excluded = self.vt_mount_excluded(key, guest.config[key])
                    if excluded:  # pve-container VZDump/LXC.pm, word for word
                        log.append("INFO: excluding {0} mount point {1} ('{2}') from backup ({3})".format(
                            excluded[0], key, where, excluded[1]))
                    else:
                        log.append("INFO: including mount point {0} ('{1}') in backup".format(key, where))
            log.append('INFO: backup mode: {0}'.format(opts['mode']))
            log.append('INFO: ionice priority: 7')
            if opts['mode'] == 'stop' and guest.status == 'running':
                log.append('INFO: stopping virtual guest')
            elif opts['mode'] == 'suspend' and guest.status == 'running':
                log.append('INFO: suspending guest')
            elif kind == 'lxc' and opts['mode'] == 'snapshot':
                log.append("INFO: create storage snapshot 'vzdump'")
            log.append("INFO: creating vzdump archive '{0}/dump/{1}'".format(
                self._base_path(sid), volname.split('/', 1)[1]))
            await self._vt_copy(record, upid, guest, kind, total, archive, store)
            if opts['mode'] in ('stop', 'suspend') and guest.status == 'running':
                log.append('INFO: resuming VM again')
        finally:
            self.unlock(guest.vmid)
        took = max(1, int(time.time() - started))
        notes = self.vt_notes(opts['notes'], guest, node)
        store.setdefault('volumes', {})[volname] = {
            'content': 'backup', 'format': fmt, 'size': archive, 'vmid': guest.vmid, 'ctime': int(started),
            'notes': notes or None, 'protected': opts['protected'], 'vt_config': config, 'vt_kind': kind}
        if 'avail' in store:
            store['avail'] -= archive
        log.append('INFO: archive file size: {0:.2f}GB'.format(archive / 1e9))
        if notes:
            log.append('INFO: adding notes to backup')
        if opts['protected']:
            log.append('INFO: marking backup as protected')
        log.append('INFO: Finished Backup of VM {0} ({1})'.format(guest.vmid, _hms(took)))
        log.append('INFO: Backup finished at {0}'.format(time.strftime('%Y-%m-%d %H:%M:%S', time.gmtime())))

    async def _vt_copy(self, record, upid, guest, kind, total, archive, store):
        """Read the disks over time: progress lines (VMs), abort and a full storage."""
        log = record['log']
        rng = random.Random('{0}:{1}'.format(guest.vmid, upid))
        secs_total = max(4.0, total / float(self.vt_backup_rate))
        steps = max(2, int(secs_total / self.vt_progress_step))
        step_secs = secs_total / steps
        avail = store.get('avail', float('inf'))
        # The archive grows with the data read; it no longer fits at this fraction.
        full_at = avail / archive if archive > avail else None
        if kind == 'qemu':
            log.append('INFO:   0% (0.0 B of {0}) in 0s, read: 0.0 B/s, write: 0.0 B/s'.format(_gib(total)))
        done = 0
        for step in range(1, steps + 1):
            await self.pause(step_secs)
            if upid in self.vt_aborted:
                log.append('ERROR: Backup of VM {0} failed - interrupted by signal'.format(guest.vmid))
                raise TaskError('interrupted by signal')
            fraction = step / steps
            if full_at is not None and fraction >= full_at:
                log.append('ERROR: Backup of VM {0} failed - vma_queue_write: write error - '
                           'no space left on device'.format(guest.vmid))
                raise TaskError('no space left on device')
            now_done = int(total * fraction)
            read = (now_done - done) / step_secs * rng.uniform(0.9, 1.1)
            write = read * rng.uniform(0.55, 0.97)
            done = now_done
            if kind == 'qemu':
                log.append('INFO: {0:3d}% ({1} of {2}) in {3}, read: {4}, write: {5}'.format(
                    int(fraction * 100), _gib(done) if done >= GiB or done == 0 else '{0:.1f} MiB'.format(done / MiB),
                    _gib(total), _duration(step * step_secs), _rate(read), _rate(write)))
        if kind == 'qemu':
            zero = int(total * rng.uniform(0.3, 0.7))
            log.append('INFO: backup is sparse: {0} ({1}%) total zero data'.format(_gib(zero), zero * 100 // total))
            log.append('INFO: transferred {0:.2f} GiB in {1} seconds ({2})'.format(
                total / GiB, int(secs_total), _rate(total / secs_total)))
        else:
            log.append('INFO: Total bytes written: {0} ({1:.1f}GiB, {2:.0f}MiB/s)'.format(
                int(total * 0.4), total * 0.4 / GiB, total * 0.4 / secs_total / MiB))
            log.append("INFO: cleanup temporary 'vzdump' snapshot")

    def vt_notes(self, template, guest, node):
        """vzdump's notes-template: {{guestname}}, {{vmid}}, {{node}}, {{cluster}}; \\n is a new line."""
        text = str(template or '')
        for key, value in (('guestname', guest.name), ('vmid', guest.vmid), ('node', node),
                           ('cluster', self.cluster_name)):
            text = text.replace('{{' + key + '}}', str(value))
        return text.replace('\\n', '\n')

    # ----------------------------------------------------------------- content

    def _item(self, name, volname, vol):
        # fakepve hook (StorageApi._item): PVE's listing of a backup file (pve-storage Plugin.pm,
        # `$get_subdir_files`) tells the `subtype` archive_info reads from its name ("qemu", "lxc",
        # the old "openvz" as it is, "unknown" for any other name), the VMID of a name with
        # `-<3 to 9 digits>-` and holds only the first line of its notes.
        item = super()._item(name, volname, vol)
        if vol.get('content') == 'backup':
            if item.get('notes'):  # pve-storage: `file_read_firstline` of the notes file
                item['notes'] = str(item['notes']).split('\n', 1)[0]
            item['format'] = backup_extension(volname.split('/', 1)[-1]) or item['format']
            info = archive_info(volname)
            item['subtype'] = info.type if info is not None else 'unknown'
            if info is not None and info.ctime is not None:
                item['ctime'] = info.ctime
            item.pop('vmid', None)
            found = re.search(r'-([1-9][0-9]{2,8})-[^/]+\.' + re.escape(item['format']) + '$', volname)
            if found:
                item['vmid'] = int(found.group(1))
        return item

    def _vt_backup_volume(self, volid):
        sid, volname = volume_ref(str(volid))
        vol = self.storages.get(sid, {}).get('volumes', {}).get(volname) if sid else None
        return sid, volname, vol

    # ----------------------------------------------------------------- restore

    async def _qm_create(self, v, user):
        # fakepve hook (QemuApi._qm_create): it refuses archive=; restore from our volumes.
        if not v.get('archive'):
            return await super()._qm_create(v, user)
        node, vmid, archive = v['node'], int(v['vmid']), str(v['archive'])
        emsg = 'unable to restore VM {0} -'.format(vmid)
        self.need_quorum()
        existing = self.guest(vmid)
        pool = v.get('pool')
        self._vt_restore_permitted(user, v, vmid, pool, existing)
        sid, volname, vol = self._vt_backup_volume(archive)
        if vol is None or vol.get('content') != 'backup':
            raise PveError(500, "{0} can't find archive '{1}'".format(emsg, archive))
        if not re.match(r'^backup/vzdump-qemu-', volname):
            raise PveError(500, '{0} archive {1} is not a QEMU backup'.format(emsg, archive))
        target = v.get('storage')
        if target:
            self._qm_image_store(target, user)
        if existing is not None:
            if isinstance(existing, FakeCt) or existing.node != node:
                kind = 'CT' if isinstance(existing, FakeCt) else 'VM'
                raise PveError(500, "{0} {1} {2} already exists on node '{3}'".format(emsg, kind, vmid, existing.node))
            if not v.get('force'):
                raise PveError(500, '{0} vm exists'.format(emsg))
            if existing.config.get('protection') in (1, '1', True):
                raise PveError(500, '{0} protection mode enabled'.format(emsg))
            if existing.status == 'running':
                raise PveError(500, '{0} VM is running'.format(emsg))
            if existing.lock:
                raise PveError(500, 'VM is locked ({0})'.format(existing.lock))
        saved = dict(vol.get('vt_config') or {'name': 'restored-{0}'.format(vmid), 'memory': 2048, 'cores': 2,
                                             'scsi0': 'local-lvm:vm-{0}-disk-0,size=8G'.format(vmid)})
        if existing is not None:
            # PVE frees the old disks only once the archive is read; the fake does it up front.
            for _key, volume, _props in drives_of(existing.config):
                self._qm_free(volume)
            self.vms.remove(existing)
        # An overwritten VM stays in its pool (PVE's restore keeps user.cfg); a new one joins `pool` at the end.
        vm = self.add_vm(vmid, str(saved.get('name') or 'VM {0}'.format(vmid)), node=node,
                         config={'name': saved.get('name') or 'VM {0}'.format(vmid)}, pool=self._pool_of_vm(vmid))
        self.snapshot_lock(vmid, 'create')
        restore_rate = 2 * self.vt_backup_rate

        async def body():
            record = next(t for t in reversed(self.tasklog) if t['type'] == 'qmrestore' and t['id'] == str(vmid))
            log = record['log']
            conf = {}
            made = []
            try:
                total = sum(_size_of(props_text) for _k, props_text in
                            ((k, str(x)) for k, x in saved.items()
                             if _DISK_KEY.fullmatch(k) and 'media=cdrom' not in str(x))) or GiB
                for key, value in saved.items():
                    if _DISK_KEY.fullmatch(key) and 'media=cdrom' not in str(value):
                        volume, props = split_drive(str(value))
                        if volume.endswith('cloudinit') or volume == 'none':
                            conf[key] = value
                            continue
                        old_sid = volume_ref(volume)[0] or 'local-lvm'
                        size = _size_of(value) or GiB
                        volid, _fmt = self._qm_alloc(target or old_sid, vmid, None, size)
                        made.append(volid)
                        log.append("new volume '{0}'".format(volid))
                        log.append("map '{0}' to '{1}' (write zeros = 0)".format(key, volid))
                        conf[key] = join_drive(volid, props)
                    elif re.fullmatch(r'net\d+', key) and v.get('unique'):
                        conf[key] = with_mac(value, fresh=True)
                    elif key not in _NOT_BACKED_UP:
                        conf[key] = value
                secs = max(2.0, total / float(restore_rate))
                steps = max(2, int(secs / self.vt_progress_step))
                for step in range(1, steps + 1):
                    await self.pause(secs / steps)
                    log.append('progress {0}% (read {1} bytes, duration {2} sec)'.format(
                        step * 100 // steps, total * step // steps, int(secs * step / steps)))
                log.append('rescan volumes...')
            except (PveError, TaskError) as e:
                for volid in made:
                    self._qm_free(volid)
                if vm in self.vms:
                    self.vms.remove(vm)
                raise TaskError('{0} {1}'.format(emsg, getattr(e, 'message', None) or str(e))) from e
            conf['lock'] = 'create'
            vm.config = conf
            vm.name = str(conf.get('name') or 'VM {0}'.format(vmid))
            self.unlock(vmid)
            if pool:  # qemu-server restore_vma_archive: add_vm_to_pool once the config is written
                self._pool_join(pool, vmid)
            if v.get('start'):
                vm.status = vm.qmpstatus = 'running'
                vm.started_at = time.time()
                return 'VM {0} started'.format(vmid)
            return None

        return await self.task(node, 'qmrestore', vmid, user, body, vm=vm,
                               log=["restore vma archive: zstd -q -d -c {0}/dump/{1} | vma extract -v -r "
                                    "/var/tmp/vzdumptmp.fifo - /var/tmp/vzdumptmp".format(
                                        self._base_path(sid), volname.split('/', 1)[1])])

    def _vt_restore_permitted(self, user, v, vmid, pool, existing):
        """qemu-server create_vm's checks before a restore task starts, in its order: the pool
        exists, Datastore.AllocateSpace on `storage`, Sys.Console for ha-managed, VM.PowerMgmt
        for start, then VM.Allocate on /vms/{vmid} or /pool/{pool} (or, with force on an existing
        VM, VM.Backup on it), then read access to the archive (`_vt_check_volume_access`)."""
        self._qm_check_pool(pool)
        if v.get('storage'):
            self.require(user, '/storage/' + str(v['storage']), 'Datastore.AllocateSpace')
        if v.get('ha-managed'):
            self.require(user, '/', 'Sys.Console')
        if v.get('start'):
            self._qm_perm(user, vmid, pool, 'VM.PowerMgmt')
        # create_vm's `-f $filename`: the VM's config file on this node.
        overwrite = (bool(v.get('force')) and existing is not None and not isinstance(existing, FakeCt)
                     and existing.node == v['node'])
        if not (self.allowed(user, '/vms/{0}'.format(vmid), 'VM.Allocate')
                or (pool and self.allowed(user, '/pool/' + pool, 'VM.Allocate'))
                or (overwrite and self.allowed(user, '/vms/{0}'.format(vmid), 'VM.Backup'))):
            raise PveError(403, 'Permission check failed')
        self._vt_check_volume_access(user, vmid, str(v['archive']), 'backup')

    def _vt_check_volume_access(self, user, vmid, volid, content):
        """pve-storage PVE::Storage::check_volume_access for a backup volume: Datastore.Allocate on
        its storage suffices; restoring onto the guest the backup belongs to needs nothing more;
        else Datastore.AllocateSpace on the storage and VM.Backup on the backed-up guest."""
        sid, volname = volume_ref(volid)
        if not sid:
            if user != 'root@pam':
                raise PveError(500, 'Only root can pass arbitrary filesystem paths.')
            return
        if sid not in self.storages:
            raise PveError(500, "storage '{0}' does not exist".format(sid))
        kind = volname.split('/', 1)[0]
        if kind != content:
            raise PveError(500, "unable to use volume {0} - content type needs to be '{1}'".format(volid, content))
        if self.allowed(user, '/storage/' + sid, 'Datastore.Allocate'):
            return
        found = re.match(r'^backup/vzdump-(?:qemu|lxc|openvz)-(\d+)-', volname)
        owner = int(found.group(1)) if found else None
        if owner is None:
            raise PveError(500, 'missing privileges to access {0}'.format(volid))
        if owner == vmid:
            return
        self.require(user, '/storage/' + sid, 'Datastore.AllocateSpace')
        self.require(user, '/vms/{0}'.format(owner), 'VM.Backup')

    async def _lxc_create(self, user, v):
        # fakepve hook (LxcApi._lxc_create): a restore there builds a default config; PVE takes the
        # archive's. Fill in what the request leaves out, from the config saved with the backup.
        if v.get('restore'):
            # fakepve checks no access to the archive; pve-container's create_vm does (after VM.Allocate,
            # which fakepve checks later: both refusals are 403 "Permission check failed").
            self._vt_check_volume_access(user, int(v['vmid']), str(v.get('ostemplate') or ''), 'backup')
            _sid, _volname, vol = self._vt_backup_volume(v.get('ostemplate'))
            saved = (vol or {}).get('vt_config')
            if saved:
                v = dict(v)
                # pve-container: `storage` defaults to 'local' and takes every volume of the backup.
                storage = v.get('storage') or 'local'
                empty = set()
                for key, value in saved.items():
                    if key in v or key in _NOT_BACKED_UP or key in ('ostype', 'arch'):
                        continue
                    if re.fullmatch(r'net\d+', key) and v.get('unique'):
                        value = ','.join(p for p in str(value).split(',') if not p.startswith('hwaddr='))
                    excluded = self.vt_mount_excluded(key, value) if _MOUNT_KEY.match(key) else None
                    if excluded and excluded[0] != 'volume':  # a host path: put back as it was
                        v[key] = value
                        continue
                    if _MOUNT_KEY.match(key):
                        if excluded:
                            empty.add(key)
                        gib = max(1, _size_of(value) // GiB)
                        rest = ','.join(p for p in str(value).split(',')[1:] if not p.startswith('size='))
                        value = '{0}:{1}'.format(storage, gib)
                        if rest:
                            value += ',' + rest
                        if key == 'rootfs':
                            v['rootfs'] = value
                        else:
                            v[key] = value
                        continue
                    v[key] = value
                self._vt_ct_restore[int(v['vmid'])] = dict(
                    (k, saved[k]) for k in ('ostype', 'arch') if k in saved)
                self.vt_empty_mounts[int(v['vmid'])] = empty
        return await super()._lxc_create(user, v)

    async def ceph_io(self, vm, keys=None):
        # fakepve hook (Model.ceph_io), called inside create and snapshot tasks right after the
        # config is written: the spot to finish a container restore and to let a snapshot take time.
        patch = self._vt_ct_restore.pop(vm.vmid, None) if isinstance(vm, FakeCt) else None
        if patch:
            vm.config.update(patch)
        if not isinstance(vm, FakeCt) and vm.lock == 'snapshot':
            preparing = [s for s in vm.snapshots.values() if s.get('snapstate') == 'prepare']
            ram = any(s.get('vmstate') for s in preparing)
            mem_gib = int(str(vm.config.get('memory', 2048)).split('=')[-1]) / 1024.0
            await self.pause(2 + (1.5 * mem_gib if ram else 0))
        return await super().ceph_io(vm, keys)

    async def _qm_rollback(self, v, user):
        # fakepve hook (QemuApi._qm_rollback): a snapshot with RAM resumes where it was, so the VM
        # runs afterwards (PVE); without RAM it stays stopped.
        vm = self.vm(int(v['vmid']))
        snap = vm.snapshots.get(v['snapname']) if vm is not None else None
        if snap is not None and snap.get('vmstate'):
            v = dict(v, start=1)
        return await super()._qm_rollback(v, user)
