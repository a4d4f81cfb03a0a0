"""Migration in the demo, as qemu-server and pve-container do it (fakepve's QEMU migrate only
starts an empty task).

- ``GET /nodes/{node}/qemu/{vmid}/migrate`` answers like qemu-server's
  ``migrate_vm_precondition``: local disks (volumes on storages that are not shared, CD-ROMs
  included; the ``local`` ISOs of most Linux VMs block), local resources (``hostpciN``,
  ``usbN`` with ``host=``, ``serialN``/``parallelN`` on devices), mapped resources, and per
  other node the storages it cannot reach (a storage's ``nodes`` restriction).
- ``POST .../migrate`` checks what ``migrate_vm`` checks before it forks (target, quorum, lock,
  ``--online`` for a running VM, root-only options, the target storage), then a ``qmigrate``
  task holds ``lock: migrate`` and writes QemuMigrate's log: found disks, drive mirror
  progress (``drive-scsi0: transferred 1.2 GiB of 32.0 GiB (3.75%) in 1s``), memory rounds
  (``migration active, transferred ... VM-state``), and moves the VM; a running VM keeps
  running. A local CD-ROM or an offline target fails the task as PVE's would.
- VM 119 (fw-lab) has a PCI device passed through (``add_migration_demo``): a local resource.
- Containers: pve-container's restart migration, with its log lines; HA-managed guests get a
  ``hamigrate`` task and move one HA round later.
- ``POST /nodes/{node}/migrateall`` (pve-manager Nodes.pm): the node's guests (or ``vms``),
  ``max-workers`` at a time, each skipped with its reasons when its preflight fails.
"""

import asyncio
import re
import time

from fakepve import FakeCt, PveError, TaskError

from .inventory import GiB, MiB

_DISK_KEY = re.compile(r'^(ide|sata|scsi|virtio|efidisk|tpmstate|unused)\d+$')
_SIZE = re.compile(r'(?:^|,)size=(\d+(?:\.\d+)?)([KMGT]?)')
_UNITS = {'': 1, 'K': 1024, 'M': MiB, 'G': GiB, 'T': 1024 * GiB}
_MAX_WORKERS = 4  # datacenter.cfg max_workers of the demo


def _flag(value):
    return str(value).strip().lower() in ('1', 'true', 'yes', 'on')


def _render(size):
    """pve-common render_bytes(size, 1)."""
    for unit in ('B', 'KiB', 'MiB', 'GiB', 'TiB'):
        if size < 1024 or unit == 'TiB':
            return '{0} {1}'.format(int(size), unit) if unit == 'B' else '{0:.1f} {1}'.format(size, unit)
        size /= 1024.0


def _stamp():
    return time.strftime('%Y-%m-%d %H:%M:%S')


def add_migration_demo(pve):
    """What the fixed demo cluster shows about migration beyond its local disks and ISOs: the
    firewall lab VM 119 has a NIC passed through (a local resource: it cannot leave pve1)."""
    vm = pve.guest(119)
    if vm is not None:
        vm.config['hostpci0'] = '0000:03:00.0,pcie=1'


class DemoMigrateMixin:
    """Stateful migration (own members start with ``_vt_``/``vt_`` as in DemoPve)."""

    def _routes_virton_migrate(self):
        one = '/nodes/{node}/qemu/{vmid}/migrate'
        return [('GET', one, self._vt_qm_migrate_check), ('POST', one, self._vt_qm_migrate),
                ('POST', '/nodes/{node}/migrateall', self._vt_migrate_all)]

    # ------------------------------------------------------------ what PVE checks

    def _vt_storage_shared(self, sid):
        store = self.storages.get(sid)
        return store is None or _flag(store.get('shared', 0))

    def _vt_storage_on(self, sid, node):
        store = self.storages.get(sid) or {}
        nodes = [n for n in re.split(r'[\s,;]+', str(store.get('nodes') or '')) if n]
        return not nodes or node in nodes

    def _vt_local_disks(self, vm):
        """qemu-server's check_vm_disks_local: volumes on storages that are not shared."""
        disks = {}
        for key, value in sorted(vm.config.items()):
            if not _DISK_KEY.match(key):
                continue
            volid = str(value).split(',')[0]
            cdrom = 'media=cdrom' in str(value)
            if volid == 'none' or ':' not in volid or self._vt_storage_shared(volid.split(':')[0]):
                continue
            size = _SIZE.search(str(value))
            entry = {'volid': volid, 'size': int(float(size.group(1)) * _UNITS[size.group(2)]) if size else 0,
                     'is_attached': 0 if key.startswith('unused') else 1, 'drivename': key}
            if cdrom:
                entry['cdrom'] = 1
            if key.startswith('unused'):
                entry['is_unused'] = 1
            disks[volid] = entry
        return list(disks.values())

    @staticmethod
    def _vt_local_resources(vm):
        """qemu-server QemuMigrate/Helpers.pm check_local_resources: (local, mapped)."""
        local, mapped = [], {}
        for key, value in sorted(vm.config.items()):
            value = str(value)
            if re.match(r'^(hostpci|usb)\d+$', key):
                if 'mapping=' in value:
                    mapped[key] = {'live-migration': 0}
                elif key.startswith('hostpci') or 'host=' in value:
                    local.append(key)
            elif re.match(r'^(serial|parallel)\d+$', key) and value.startswith('/dev/'):
                local.append(key)
        return local + sorted(mapped), mapped

    def _vt_preflight(self, vm):
        running = vm.status == 'running'
        disks = self._vt_local_disks(vm)
        local, mapped = self._vt_local_resources(vm)
        allowed, not_allowed = [], {}
        for node in sorted(self.nodes):
            if node == vm.node:
                continue
            missing = sorted({d['volid'].split(':')[0] for d in disks
                              if not self._vt_storage_on(d['volid'].split(':')[0], node)})
            if missing:
                not_allowed[node] = {'unavailable_storages': missing}
            else:
                allowed.append(node)
        answer = {'running': 1 if running else 0, 'allowed_nodes': allowed, 'not_allowed_nodes': not_allowed,
                  'local_disks': disks, 'local_resources': local, 'mapped-resources': sorted(mapped),
                  'mapped-resource-info': mapped, 'has-dbus-vmstate': 1}
        if vm.ha_managed:
            answer['dependent-ha-resources'] = []
        return answer

    async def _vt_qm_migrate_check(self, v, user):
        vm = self.find(v['node'], v['vmid'])
        self.need_quorum()
        self._check_lock(vm)
        return self._vt_preflight(vm)

    def _vt_check_target(self, v):
        target = v['target']
        if target == v['node']:
            raise PveError(400, 'Parameter verification failed.', {'target': 'target is local node.'})
        self.need_quorum()
        if target not in self.nodes:
            raise PveError(500, "no such cluster node '{0}'".format(target))
        return target

    # ------------------------------------------------------------ QEMU

    async def _vt_qm_migrate(self, v, user):
        target = self._vt_check_target(v)
        for option in ('force', 'migration_type', 'migration_network'):
            if v.get(option) and user != 'root@pam':
                raise PveError(400, 'Parameter verification failed.', {option: 'Only root may use this option.'})
        vm = self.find(v['node'], v['vmid'])
        self._check_lock(vm)
        notes = []
        running = vm.status == 'running'
        if running and not _flag(v.get('online', 0)):
            raise PveError(500, "can't migrate running VM without --online")
        if not running and _flag(v.get('online', 0)):
            notes.append("VM isn't running. Doing offline migration instead.")
        storage = str(v.get('targetstorage') or '')
        if storage:
            sid = storage.split(':')[-1]
            store = self.storages.get(sid)
            if store is None:
                raise PveError(400, 'Parameter verification failed.',
                               {'targetstorage': "storage '{0}' does not exist".format(sid)})
            if 'images' not in str(store.get('content', '')):
                raise PveError(500, "storage '{0}' does not support vm images".format(sid))
            if not self._vt_storage_on(sid, target):
                raise PveError(500, "storage '{0}' is not available on node '{1}'".format(sid, target))
        else:
            for disk in self._vt_local_disks(vm):
                sid = disk['volid'].split(':')[0]
                if not disk.get('cdrom') and not self._vt_storage_on(sid, target):
                    raise PveError(500, "storage '{0}' is not available on node '{1}'".format(sid, target))
        if vm.ha_managed:
            return await self._vt_ha_migrate(vm, user, target)
        log = notes + ["{0} starting migration of VM {1} to node '{2}' ({3})".format(
            _stamp(), vm.vmid, target, self._vt_node_ip(target))]

        async def body():
            self._vt_hold(vm, 'migrate')
            try:
                await self._vt_qm_move(vm, target, v, self._vt_log_of('qmigrate', vm.vmid))
            finally:
                self._vt_hold(vm, None)
            return '{0} migration finished successfully (duration 00:00:{1:02d})'.format(_stamp(), 12)
        return await self.task(vm.node, 'qmigrate', vm.vmid, user, body, vm=vm, log=log)

    @staticmethod
    def _vt_hold(guest, lock):
        guest.lock = lock
        if lock:
            guest.config['lock'] = lock
        else:
            guest.config.pop('lock', None)

    def _vt_log_of(self, ttype, vmid):
        """The running task's log list, to append to while the body runs."""
        for record in reversed(self.tasklog):
            if record['type'] == ttype and record['id'] == str(vmid) and record['status'] == 'running':
                return record['log']
        return []

    async def _vt_qm_move(self, vm, target, v, log):
        def say(text):
            log.append('{0} {1}'.format(_stamp(), text))
        running = vm.status == 'running'
        if self.nodes.get(target, {}).get('online', True) is False:
            say('ERROR: migration aborted (duration 00:00:03): Can\'t connect to destination address '
                'using public key')
            raise TaskError('migration aborted')
        disks = self._vt_local_disks(vm)
        for disk in disks:
            say("found local disk '{0}' ({1})".format(
                disk['volid'], 'attached' if disk.get('is_attached') else 'unused'))
        cdroms = [d for d in disks if d.get('cdrom') and '-cloudinit' not in d['volid']]
        if cdroms:
            for disk in cdroms:
                say("can't migrate local disk '{0}': local cdrom image".format(disk['volid']))
            say('ERROR: Problem found while scanning volumes - can\'t migrate VM - check log')
            say('aborting phase 1 - cleanup resources')
            raise TaskError('migration problems')
        copied = [d for d in disks if not d.get('cdrom')]
        if running and copied and not _flag(v.get('with-local-disks', 0)):
            say("ERROR: Problem found while scanning volumes - can't live migrate attached local disks without "
                'with-local-disks option')
            raise TaskError('migration problems')
        storage = str(v.get('targetstorage') or '').split(':')[-1]
        renamed = {}
        if not running:
            if copied:
                say('copying local disk images')
            for disk in copied:
                sid, name = disk['volid'].split(':', 1)
                new = '{0}:{1}'.format(storage or sid, name)
                await self.pause(1)
                log.append('{0} successfully imported \'{1}\''.format(_render(disk['size']), new))
                say("volume '{0}' is '{1}' on the target".format(disk['volid'], new))
                renamed[disk['volid']] = new
        else:
            say("starting VM {0} on remote node '{1}'".format(vm.vmid, target))
            for disk in copied:
                sid, name = disk['volid'].split(':', 1)
                new = '{0}:{1}'.format(storage or sid, name)
                say("volume '{0}' is '{1}' on the target".format(disk['volid'], new))
                renamed[disk['volid']] = new
            say('start remote tunnel')
            say('ssh tunnel ver 1')
            if copied:
                say('starting storage migration')
            for disk in copied:
                drive = 'drive-' + disk['drivename']
                say('{0}: start migration to nbd:unix:/run/qemu-server/{1}_nbd.migrate:exportname={2}'.format(
                    disk['drivename'], vm.vmid, drive))
                log.append('drive mirror is starting for {0}'.format(drive))
                total = disk['size'] or GiB
                for step in range(5):
                    done = total * step // 4
                    await self.pause(1)
                    log.append('{0}: transferred {1} of {2} ({3:.2f}%) in {4}s{5}'.format(
                        drive, _render(done), _render(total), done * 100.0 / total, step,
                        ', ready' if step == 4 else ''))
            if copied:
                log.append("all 'mirror' jobs are ready")
            say('starting online/live migration on unix:/run/qemu-server/{0}.migrate'.format(vm.vmid))
            say('set migration capabilities')
            say('migration downtime limit: 100 ms')
            say('migration cachesize: 512.0 MiB')
            say('set migration parameters')
            say('start migrate command to unix:/run/qemu-server/{0}.migrate'.format(vm.vmid))
            memory = int(str(vm.config.get('memory', 2048)).split('=')[-1]) * MiB
            for step in range(1, 4):
                await self.pause(1)
                say('migration active, transferred {0} of {1} VM-state, 1.1 GiB/s'.format(
                    _render(memory * step // 4), _render(memory)))
            say('average migration speed: 1.1 GiB/s - downtime 42 ms')
            say('migration completed, transferred {0} VM-state'.format(_render(memory)))
            say('migration status: completed')
            for disk in copied:
                drive = 'drive-' + disk['drivename']
                log += ['{0}: Completing block job...'.format(drive), '{0}: Completed successfully.'.format(drive),
                        '{0}: mirror-job finished'.format(drive)]
            if copied:
                say('stopping NBD storage migration server on target.')
        for key, value in list(vm.config.items()):
            volid = str(value).split(',')[0]
            if _DISK_KEY.match(key) and volid in renamed:
                vm.config[key] = renamed[volid] + str(value)[len(volid):]
        vm.node = target

    def _vt_node_ip(self, node):
        return '192.0.2.{0}'.format(10 + self._vt_node_index(node) % 240)

    async def _vt_ha_migrate(self, guest, user, target):
        kind = 'CT' if isinstance(guest, FakeCt) else 'VM'

        async def body():
            async def move():
                await self.pause(self.ha_delay)
                self._vt_hold(guest, 'migrate')
                try:
                    await self.pause(3)
                    guest.node = target
                finally:
                    self._vt_hold(guest, None)
            if self.time_scale:
                work = asyncio.ensure_future(move())
                self._vt_ha_work.add(work)
                work.add_done_callback(self._vt_ha_work.discard)
            else:
                await move()
        return await self.task(guest.node, 'hamigrate', guest.vmid, user, body, lock=False,
                               log=['Requesting HA migration for {0} {1} to node {2}'.format(kind, guest.vmid, target)])

    # ------------------------------------------------------------ containers

    async def _lxc_migrate(self, user, v):
        target = self._vt_check_target(v)
        ct = self._find_ct(v['node'], v['vmid'])
        if ct.status == 'running' and not _flag(v.get('online', 0)) and not _flag(v.get('restart', 0)):
            raise PveError(500, "can't migrate running container without --online or --restart")
        if ct.ha_managed:
            return await self._vt_ha_migrate(ct, user, target)
        timeout = int(v.get('timeout') or 180)

        async def body():
            log = self._vt_log_of('vzmigrate', ct.vmid)

            def say(text):
                log.append('{0} {1}'.format(_stamp(), text))
            running = ct.status == 'running'
            if _flag(v.get('online', 0)):
                raise TaskError('lxc live migration is currently not implemented')
            if self.nodes.get(target, {}).get('online', True) is False:
                say("ERROR: migration aborted (duration 00:00:03): Can't connect to destination address "
                    'using public key')
                raise TaskError('migration aborted')
            self._task_lock(ct)
            self._vt_hold(ct, 'migrate')
            try:
                if running:
                    say('shutdown CT {0}'.format(ct.vmid))
                    await self._ct_powerdown(ct, timeout, True)
                for _key, mount in ct.volumes():
                    volid = mount['volume']
                    if self._vt_storage_shared(volid.split(':')[0]):
                        continue
                    say("found local volume '{0}' (in current VM config)".format(volid))
                    await self.pause(self.ct_secs['migrate'])
                    log.append('successfully imported \'{0}\''.format(volid))
                    say("volume '{0}' is '{0}' on the target".format(volid))
                ct.node = target
                if running:
                    say('start final cleanup')
                    say('start container on target node')
                    self._vt_power_on(ct)
            finally:
                self._vt_hold(ct, None)
            return '{0} migration finished successfully (duration 00:00:08)'.format(_stamp())
        return await self._ct_task(ct, 'vzmigrate', user, body, lock=False,
                                   log=["{0} starting migration of CT {1} to node '{2}' ({3})".format(
                                       _stamp(), ct.vmid, target, self._vt_node_ip(target))])

    # ------------------------------------------------------------ the node's migrateall

    async def _vt_migrate_all(self, v, user):
        node, target = v['node'], v['target']
        if not self.allowed(user, '/', 'VM.Migrate'):
            ids = [int(i) for i in re.split(r'[\s,;]+', str(v.get('vms') or '')) if i]
            if not ids:
                raise PveError(403, 'Permission check failed (/, VM.Migrate)')
            for vmid in ids:
                self.require(user, '/vms/{0}'.format(vmid), 'VM.Migrate')
        self._vt_check_target(v)
        workers = int(v.get('max-workers') or v.get('maxworkers') or _MAX_WORKERS)
        wanted = {int(i) for i in re.split(r'[\s,;]+', str(v.get('vms') or '')) if i}
        guests = sorted((g for g in list(self.vms) + list(self.cts)
                         if g.node == node and not g.template and (not wanted or g.vmid in wanted)),
                        key=lambda g: g.vmid)
        with_disks = _flag(v.get('with-local-disks', 0))

        async def body():
            log = self._vt_log_of('migrateall', '')
            if not guests:
                log.append('no virtual guests matched, nothing to do..')
                return None
            started = []
            for guest in guests:
                try:
                    upid = await self._vt_migrate_one(guest, target, with_disks, user, log)
                except PveError as exc:
                    log.append(exc.message)
                    continue
                started.append(upid)
                while sum(self.tasks[u]['status'] == 'running' for u in started) >= workers:
                    await self.pause(1)
            while any(self.tasks[u]['status'] == 'running' for u in started):
                await self.pause(1)
            if not started:
                raise TaskError('no migrations worker started...')
            return 'All jobs finished, used {0} workers in total.'.format(len(started))
        return await self.task(node, 'migrateall', '', user, body, lock=False)

    async def _vt_migrate_one(self, guest, target, with_disks, user, log):
        v = {'node': guest.node, 'vmid': guest.vmid, 'target': target}
        if isinstance(guest, FakeCt):
            log.append('Migrating CT {0}'.format(guest.vmid))
            if guest.status == 'running':
                v['restart'] = 1
            return await self._lxc_migrate(user, v)
        pre = self._vt_preflight(guest)
        problems = []
        if pre['running'] and not with_disks and pre['local_disks']:
            problems.append('Has local disks: ' + ', '.join(d['volid'] for d in pre['local_disks']))
        if pre['local_resources']:
            problems.append('Has local resources: ' + ', '.join(pre['local_resources']))
        unavailable = pre['not_allowed_nodes'].get(target, {}).get('unavailable_storages')
        if unavailable:
            problems.append('Has unavailable storages: ' + ', '.join(unavailable))
        if problems:
            log.append('Check VM {0}: skip VM {0} - precondition check failed:'.format(guest.vmid))
            log.extend('  ' + p for p in problems)
            raise PveError(500, 'precondition check failed')
        log.append('Check VM {0}: precondition check passed'.format(guest.vmid))
        log.append('Migrating VM {0}'.format(guest.vmid))
        v['online'] = pre['running']
        if with_disks:
            v['with-local-disks'] = 1
        return await self._vt_qm_migrate(v, user)
