"""Migration to another demo cluster served by the same process, as PVE's remote_migrate does it.

qemu-server ``PVE/API2/Qemu.pm`` remote_migrate_vm and pve-container ``PVE/API2/LXC.pm``
(EXPERIMENTAL in PVE): the POST checks the guest (no lock, not HA-managed, running only with
``online``; a container with ``online`` or ``restart``), parses ``target-endpoint``
(``host=…,apitoken=PVEAPIToken=user@realm!id=secret,fingerprint=…[,port=…]``) and connects
to it before the task starts: a certificate whose fingerprint differs is refused with
pve-apiclient's "fingerprint '…' not verified, abort!", a wrong token with "authentication
failure". The task (``qmigrate`` / ``vzmigrate``) then opens the target's ``mtunnel``, which
needs VM.Allocate on /vms/<target vmid> and Sys.Incoming on / (the target side runs its own
``qmtunnel`` / ``vzmtunnel`` task), allocates each local volume on the mapped storage, maps the
bridges, moves the data and, online, starts the guest there (QemuMigrate.pm phase1_remote,
phase3_cleanup). Afterwards the source guest is stopped and keeps ``lock: migrate``
(QemuMigrate phase1 sets it, only the target's lock is cleared), or is destroyed with ``delete``.

The peers: ``vt_peers`` maps (host, port) to each demo cluster as a peer (peers.py): a LocalPeer
for a cluster this process serves (served.py fills them), a RemotePeer for one a sibling process
serves (processes.py); the target's side of the migration runs on the target's own event loop.
"""

import re
import time

from fakepve import PveError
from fakepve.model import TaskError

from .inventory import GiB

__all__ = ['DemoRemoteMigrateMixin', 'parse_idmap', 'parse_endpoint']

_DRIVE = re.compile(r'^(ide|sata|scsi|virtio|efidisk|tpmstate|unused)\d+$')
_CT_VOLUME = re.compile(r'^(rootfs|mp\d+|unused\d+)$')
_SIZE = re.compile(r'size=(\d+(?:\.\d+)?)([KMGT])?')
_ID = re.compile(r'^[a-zA-Z][a-zA-Z0-9\-_.]*$')
_TOKEN = re.compile(r'^PVEAPIToken=([^!=\s]+@[^!=\s]+![A-Za-z][A-Za-z0-9._-]*)=(\S+)$')


def _param_error(**fields):
    return PveError(400, 'Parameter verification failed.', fields)


def parse_endpoint(text):
    """pve-common's 'proxmox-remote' property string -> {host, apitoken, fingerprint, port}."""
    out = {}
    for part in str(text).split(','):
        key, eq, value = part.partition('=')
        if not eq or key not in ('host', 'apitoken', 'fingerprint', 'port') or key in out:
            raise _param_error(**{'target-endpoint': "invalid format - unknown or repeated key '{0}'".format(key)})
        out[key] = value
    for key in ('host', 'apitoken'):
        if not out.get(key):
            raise _param_error(**{'target-endpoint': "invalid format - missing key '{0}'".format(key)})
    try:
        out['port'] = int(out.get('port', 8006))
    except ValueError:
        raise _param_error(**{'target-endpoint': 'invalid format - port: type check failed'}) from None
    return out


def parse_idmap(text, what):
    """PVE::JSONSchema::parse_idmap: 'src:dst' pairs and at most one lone default; '1' = identity."""
    mapping, default = {}, None
    for item in re.split(r'[\s,;]+', str(text or '')):
        if not item:
            continue
        if item == '1':
            return {'identity': True}
        src, colon, dst = item.partition(':')
        if not colon:
            if default is not None:
                raise ValueError('default {0} mapping already set'.format(what))
            default, src = item, None
        for value in (src, dst if colon else item):
            if value is not None and not _ID.match(value):
                raise ValueError("invalid {0} ID '{1}'".format(what, value))
        if colon:
            if src in mapping:
                raise ValueError("duplicate mapping for source {0} '{1}'".format(what, src))
            mapping[src] = dst
    return {'entries': mapping, 'default': default}


def _map_id(idmap, source):
    return idmap['entries'].get(source) or idmap['default'] or source


def _stamp(line):
    return '{0} {1}'.format(time.strftime('%Y-%m-%d %H:%M:%S'), line)


def _size_bytes(option):
    found = _SIZE.search(option)
    if not found:
        return 0
    return int(float(found.group(1)) * 1024 ** ('KMGT'.index(found.group(2) or 'G') + 1))


def _volumes(kind, config):
    """(key, option string) of the guest's volumes on a storage (CD-ROMs included, for VMs)."""
    pattern = _DRIVE if kind == 'qemu' else _CT_VOLUME
    return [(key, str(value)) for key, value in sorted(config.items())
            if pattern.match(key) and ':' in str(value).split(',')[0]]


class DemoRemoteMigrateMixin:
    """POST …/remote_migrate for VMs and containers (members prefixed as in DemoPve)."""

    @property
    def vt_peers(self):
        """(host, port) -> peer (peers.py) of every demo cluster (served.py shares one dict)."""
        return self.__dict__.setdefault('_vt_peer_map', {})

    def _routes_virton_remote(self):
        return [('POST', '/nodes/{node}/qemu/{vmid}/remote_migrate', self._vt_remote_qemu),
                ('POST', '/nodes/{node}/lxc/{vmid}/remote_migrate', self._vt_remote_lxc)]

    async def _vt_remote_qemu(self, v, user):
        return await self._vt_remote_migrate('qemu', v, user)

    async def _vt_remote_lxc(self, v, user):
        return await self._vt_remote_migrate('lxc', v, user)

    # ---------------------------------------------------------------- source

    async def _vt_remote_migrate(self, kind, v, user):
        vmid = int(v['vmid'])
        guest = self.find(v['node'], vmid) if kind == 'qemu' else self._find_ct(v['node'], vmid)
        word = 'VM' if kind == 'qemu' else 'CT'
        lock = guest.config.get('lock') or getattr(guest, 'lock', None)
        if lock:
            raise PveError(500, '{0} is locked ({1})'.format(word, lock))
        if getattr(guest, 'ha_state', None) is not None:
            raise _param_error(vmid='cannot remote-migrate {0} that is configured for HA'.format(word))
        remote = parse_endpoint(v['target-endpoint'])
        peer = self.vt_peers.get((remote['host'], remote['port']))
        if peer is None:
            raise PveError(500, "Can't connect to {0}:{1} (Connection refused)".format(remote['host'], remote['port']))
        if not remote.get('fingerprint'):
            # Without a fingerprint pve-apiclient verifies the certificate against the system's
            # CAs, and the demo's is self-signed.
            raise PveError(500, "Can't connect to {0}:{1} (certificate verify failed)".format(
                remote['host'], remote['port']))
        if remote['fingerprint'].upper() != peer.fingerprint.upper():
            raise PveError(500, "fingerprint '{0}' not verified, abort!".format(peer.fingerprint.upper()))
        token = _TOKEN.match(remote['apitoken'])
        if not token or not await peer.call('token', token.group(1), token.group(2)):
            raise PveError(500, 'authentication failure')
        running = guest.status == 'running'
        online = str(v.get('online', '0')) in ('1', 'true')
        restart = str(v.get('restart', '0')) in ('1', 'true')
        if running and kind == 'qemu' and not online:
            raise PveError(500, "can't migrate running VM without --online")
        if running and kind == 'lxc' and not (online or restart):
            raise PveError(500, "can't migrate running container without --online or --restart")
        try:
            storages = parse_idmap(v['target-storage'], 'storage')
        except ValueError as e:
            raise _param_error(**{'target-storage': 'failed to parse storage map: {0}'.format(e)}) from None
        try:
            bridges = parse_idmap(v.get('target-bridge', ''), 'bridge')
        except ValueError as e:
            raise _param_error(**{'target-bridge': 'failed to parse bridge map: {0}'.format(e)}) from None
        if storages.get('identity'):
            raise PveError(500, 'remote migration requires explicit storage mapping!')
        plan = {'kind': kind, 'vmid': vmid, 'target_vmid': int(v.get('target-vmid') or vmid),
                'authid': token.group(1), 'storages': storages, 'bridges': bridges,
                'online': running and online and kind == 'qemu', 'restart': running and kind == 'lxc',
                'delete': str(v.get('delete', '0')) in ('1', 'true'), 'host': remote['host']}
        holder = {}
        ttype = 'qmigrate' if kind == 'qemu' else 'vzmigrate'
        upid = await self.task(guest.node, ttype, vmid, user, self._vt_remote_body(holder, ttype, guest, peer, plan),
                               lock=False)
        holder.setdefault('upid', upid)
        return upid

    def _vt_remote_body(self, holder, ttype, guest, peer, plan):
        async def body():
            # At time_scale 0 the body runs inside task(), before the UPID is returned: the
            # newest record is ours then (nothing else ran in between).
            record = self.tasks[holder.setdefault('upid', self.tasklog[-1]['upid'])]
            log = record['log']
            started = time.time()
            try:
                await self._vt_remote_run(log, guest, peer, plan)
            except (TaskError, PveError) as e:
                reason = getattr(e, 'message', None) or str(e)
                if getattr(e, 'errors', None):   # a parameter exception: PVE prints each field
                    reason = '; '.join('{0}: {1}'.format(k, m) for k, m in sorted(e.errors.items()))
                log.append(_stamp('ERROR: migration aborted (duration {0}): {1}'.format(
                    _duration(time.time() - started), reason)))
                raise TaskError('migration aborted') from None
            log.append(_stamp('migration finished successfully (duration {0})'.format(
                _duration(time.time() - started))))
        return body

    async def _vt_remote_run(self, log, guest, peer, plan):
        kind, vmid = plan['kind'], plan['vmid']
        target_node = await peer.call('node')   # the endpoint's node: /cluster/status 'local'
        log.append(_stamp('Establishing API connection with remote at \'{0}\''.format(plan['host'])))
        if getattr(guest, 'snapshots', None):
            raise TaskError('remote migration with snapshots not supported yet')
        volumes = _volumes(kind, guest.config)
        for _key, option in volumes:
            volid = option.split(',')[0]
            if 'media=cdrom' in option and volid not in ('none', 'cdrom'):
                sid = volid.split(':')[0]
                if not self.storages.get(sid, {}).get('shared'):
                    raise TaskError("Problem found while scanning volumes - can't migrate local disk '{0}': "
                                    "local cdrom image".format(volid))
        disks = [(key, option) for key, option in volumes if 'media=cdrom' not in option]
        target_sids = sorted({_map_id(plan['storages'], o.split(':')[0]) for _, o in disks})
        nets = {key: str(value) for key, value in guest.config.items() if re.match(r'^net\d+$', key)}
        target_bridges = sorted({_map_id(plan['bridges'], b) for b in
                                 (re.search(r'bridge=([^,]+)', o).group(1) for o in nets.values()
                                  if 'bridge=' in o)})
        opened = await peer.call('open', plan['authid'], target_node, kind, plan['target_vmid'], target_sids,
                                 target_bridges, vmid)
        tunnel = opened['tunnel']
        log.append(_stamp("remote: started migration tunnel worker '{0}'".format(opened['upid'])))
        ok = False
        try:
            log.append(_stamp('local WS tunnel version: 2'))
            log.append(_stamp('remote WS tunnel version: 2'))
            log.append(_stamp('minimum required WS tunnel version: 2'))
            was_running = guest.status == 'running'
            if plan['restart']:
                log.append(_stamp('shutdown CT {0}'.format(vmid)))
                self._vt_power_off(guest)
            log.append(_stamp('starting migration of {0} {1} to node \'{2}\' ({3})'.format(
                'VM' if kind == 'qemu' else 'CT', vmid, target_node, plan['host'])))
            guest.config['lock'] = 'migrate'
            if kind == 'qemu':
                guest.lock = 'migrate'
            config = {k: v for k, v in guest.config.items() if k != 'lock'}
            for key, option in disks:
                log.append(_stamp("found local disk '{0}' ({1})".format(
                    option.split(',')[0], 'attached' if not key.startswith('unused') else 'unused')))
            for key, option in sorted(nets.items()):
                found = re.search(r'bridge=([^,]+)', option)
                if found:
                    target = _map_id(plan['bridges'], found.group(1))
                    log.append(_stamp('mapped: {0} from {1} to {2}'.format(key, found.group(1), target)))
                    config[key] = option.replace('bridge=' + found.group(1), 'bridge=' + target, 1)
            for key, option in disks:
                volid = option.split(',')[0]
                sid = _map_id(plan['storages'], volid.split(':')[0])
                what = 'drive' if kind == 'qemu' else 'mount point'
                log.append(_stamp("Allocating volume for {0} '{1}' on remote storage '{2}'..".format(what, key, sid)))
                new_volid = await peer.call('disk', tunnel, sid, volid, plan['target_vmid'])
                log.append(_stamp("volume '{0}' is '{1}' on the target".format(volid, new_volid)))
                config[key] = new_volid + option[len(volid):]
                await self._vt_copy_progress(log, key, _size_bytes(option), kind)
            await peer.call('config', tunnel, config)
            if plan['online']:
                log.append(_stamp("starting VM {0} on remote node '{1}'".format(vmid, target_node)))
                log.append(_stamp('start remote tunnel'))
                log.append(_stamp('starting online/live migration on unix:/run/qemu-server/{0}.migrate'.format(
                    plan['target_vmid'])))
                await self.pause(2)
                log.append(_stamp('migration active, transferred 1.1 GiB of 4.0 GiB VM-state, 1.2 GiB/s'))
                await self.pause(2)
                log.append(_stamp('average migration speed: 1.1 GiB/s - downtime 41 ms'))
                log.append(_stamp('migration completed, transferred 4.1 GiB VM-state'))
                log.append(_stamp('migration status: completed'))
                self._vt_power_off(guest)
            start_target = plan['online'] or (plan['restart'] and was_running)
            if plan['restart'] and was_running:
                log.append(_stamp("start container on target node '{0}'".format(target_node)))
            await peer.call('close', tunnel, 'OK', start_target)
            ok = True
        finally:
            if not ok:
                await peer.call('close', tunnel, 'migration aborted', False)
                guest.config.pop('lock', None)
                if kind == 'qemu':
                    guest.lock = None
        if plan['delete']:
            log.append(_stamp('removing source {0} {1}'.format('VM' if kind == 'qemu' else 'CT', vmid)))
            self._vt_forget_guest(guest)

    async def _vt_copy_progress(self, log, key, size, kind):
        drive = 'drive-' + key if kind == 'qemu' else key
        for percent in (0, 25, 50, 75, 100):
            await self.pause(1)
            done = size * percent // 100
            log.append(_stamp('{0}: transferred {1:.1f} GiB of {2:.1f} GiB ({3}.00%) in {4}s'.format(
                drive, done / GiB, size / GiB, percent, percent // 25)))
        log.append(_stamp('{0}: mirror-job finished'.format(drive)))

    def _vt_forget_guest(self, guest):
        """destroy_vm: the guest, its pool membership and HA entry go."""
        for ids in self.pools.values():
            ids.discard(guest.vmid)
        if guest in self.vms:
            self.vms.remove(guest)
        elif guest in self.cts:
            self.cts.remove(guest)

    # ---------------------------------------------------------------- target

    async def vt_incoming_open(self, authid, node, kind, vmid, storages, bridges, source_vmid):
        """mtunnel: the checks PVE makes, the empty guest locked 'create', the tunnel task's record."""
        for path, priv in (('/vms/{0}'.format(vmid), 'VM.Allocate'), ('/', 'Sys.Incoming')):
            if not self.allowed(authid, path, priv):
                raise PveError(403, 'Permission check failed ({0}, {1})'.format(path, priv))
        content = 'images' if kind == 'qemu' else 'rootdir'
        for sid in storages:
            store = self.storages.get(sid)
            if store is None:
                raise PveError(500, "storage '{0}' does not exist".format(sid))
            if content not in str(store.get('content', '')).split(','):
                raise PveError(500, "storage '{0}' does not support content type '{1}'".format(sid, content))
            if not self.allowed(authid, '/storage/' + sid, 'Datastore.AllocateSpace'):
                raise PveError(403, 'Permission check failed (/storage/{0}, Datastore.AllocateSpace)'.format(sid))
        known = {i['iface'] for i in self.vt_interfaces(node) if i['type'] == 'bridge'}
        for bridge in bridges:
            if bridge not in known:
                raise PveError(500, "bridge '{0}' does not exist".format(bridge))
        if self.guest(vmid) is not None or self.ct(vmid) is not None:
            raise _param_error(vmid='unable to create empty VM config - unable to create VM {0} - '
                                    'VM {0} already exists on node \'{1}\''.format(vmid, node))
        if kind == 'qemu':
            guest = self.add_vm(vmid, 'VM{0}'.format(vmid), node=node, config={'lock': 'create'})
            guest.lock = 'create'
        else:
            guest = self.add_ct(vmid, node=node, config={'lock': 'create'}, defaults=False)
        ttype = 'qmtunnel' if kind == 'qemu' else 'vzmtunnel'
        upid, pid, start = self._upid(node, ttype, vmid, authid)
        record = {'upid': upid, 'node': node, 'pid': pid, 'pstart': pid * 7, 'starttime': start, 'type': ttype,
                  'id': str(vmid), 'user': authid, 'status': 'running',
                  'log': ['incoming migration of {0} {1} from a remote cluster'.format(
                      'VM' if kind == 'qemu' else 'CT', source_vmid)]}
        self.tasks[upid] = record
        self.tasklog.append(record)
        return {'guest': guest, 'record': record, 'kind': kind}

    async def vt_incoming_disk(self, tunnel, sid, volid, vmid):
        disks = tunnel.setdefault('disks', 0)
        tunnel['disks'] = disks + 1
        new = '{0}:vm-{1}-disk-{2}'.format(sid, vmid, disks)
        tunnel['record']['log'].append("received command 'disk'")
        tunnel['record']['log'].append("allocated '{0}' for '{1}'".format(new, volid))
        return new

    async def vt_incoming_config(self, tunnel, config):
        guest = tunnel['guest']
        guest.config = dict(config, lock='create')
        if tunnel['kind'] == 'qemu':
            guest.name = str(config.get('name', guest.name))
        tunnel['record']['log'].append("received command 'config'")

    async def vt_incoming_close(self, tunnel, status, start):
        """unlock, then the tunnel ends: OK with the guest in place, or the guest removed again."""
        guest, record = tunnel['guest'], tunnel['record']
        if status == 'OK':
            guest.config.pop('lock', None)
            if tunnel['kind'] == 'qemu':
                guest.lock = None
            record['log'].append("received command 'unlock'")
            if start:
                record['log'].append("received command 'start'")
                self._vt_power_on(guest)
        else:
            self._vt_forget_guest(guest)
        record['log'].append("received command 'quit'")
        record.update(status='stopped', exitstatus=status, endtime=int(time.time()))
        record['log'].append('TASK OK' if status == 'OK' else 'TASK ERROR: ' + status)


def _duration(seconds):
    seconds = int(seconds)
    return '{0:02d}:{1:02d}:{2:02d}'.format(seconds // 3600, seconds // 60 % 60, seconds % 60)
