"""Clone and template in the demo, where fakepve differs from Proxmox VE.

fakepve already clones and converts statefully (new `vm-<newid>-disk-N` volumes, `base-` renames,
linked clones on file storages named `<base vmid>/base-...qcow2/<newid>/vm-...qcow2`, `lock: clone`
on the new VM / `lock: disk` on a cloned container; the source VM keeps no config lock: qemu-server
only flocks it). What this mixin adds, from qemu-server `Qemu.pm` / pve-container `LXC.pm` and
pve-storage's `volume_has_feature` tables:

- ``GET …/{qemu|lxc}/{vmid}/feature`` (generic in fakepve): `hasFeature` for `clone` (linked) and
  `copy` (full) from the disks' storage types, and for VMs the `nodes` where all its storages are;
- a linked clone onto a storage that cannot make one (plain LVM, iSCSI) is refused with PVE's
  words ("Linked clone feature is not supported for '…' (scsi0)");
- clones take time and log as PVE does: ``create full clone of drive scsi0 (…)`` then qemu-img's
  ``transferred 1.0 GiB of 32.0 GiB (3.12%)`` (``drive-scsi0: …`` mirror lines for a running VM);
- a container's ``template`` answers null as pve-container's does (its vztemplate task still runs).

``add_clone_inventory`` gives the demo what clone tests need: a shared LVM storage (no linked
clones) with VM template 9001, a shared NFS image store (formats; linked clones of qcow2/raw)
with VM template 9002, and container template 9100 on local-lvm.
"""

import random

from fakepve import PveError

from .inventory import GiB, _make_template, _vm_config

SAN_LVM = 'san-lvm'
NFS_VM = 'nfs-vm'
TRANSFER_STEPS = 8  # progress lines per disk
GIB_PER_SECOND = 4  # a full copy's pace in PVE seconds (qemu-img on a fast SAN)


def _linked_types():
    """The app's storage types with linked clones (pve/clone.py). It and pve/config.py are
    imported when a clone is first looked at, not with the demo (~11 ms of every start)."""
    from ..pve.clone import LINKED_TYPES

    return LINKED_TYPES


def _size_text(nbytes):
    """pve-common render_bytes with precision 1: '1.0 GiB'."""
    units = ('B', 'KiB', 'MiB', 'GiB', 'TiB')
    value, unit = float(nbytes), 0
    while value >= 1024 and unit < len(units) - 1:
        value /= 1024
        unit += 1
    return '{0:.1f} {1}'.format(value, units[unit]) if unit else '{0} B'.format(int(nbytes))


class DemoCloneMixin:
    """Clone and template as PVE answers them (see the module docstring)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # (node, task type, source vmid) -> the disks a clone request is about to copy, read by `task`
        self._vt_clone_plans = {}

    def _routes_vt_clone(self):
        return [('GET', '/nodes/{node}/qemu/{vmid}/feature', self._vt_clone_qm_feature),
                ('GET', '/nodes/{node}/lxc/{vmid}/feature', self._vt_clone_ct_feature)]

    # ------------------------------------------------------------ what the disks can do

    def _vt_clone_disks(self, config, container):
        """(key, volume, storage, size in bytes) of the volumes a clone copies or links."""
        from ..pve import config as C  # see _linked_types

        out = []
        for disk in C.disks(config, container):
            if disk.cdrom or disk.bus == 'unused' or not disk.storage:
                continue
            out.append((disk.key, disk.volume, disk.storage, disk.size or 0))
        return out

    def _vt_clone_can(self, feature, disks):
        """PVE::Storage::volume_has_feature over every disk: `clone` = linked from a base volume."""
        linked = _linked_types()
        for _key, volume, sid, _size in disks:
            kind = self.storages.get(sid, {}).get('type', '')
            if feature == 'clone' and (kind not in linked or ':base-' not in volume and '/base-' not in volume):
                return False
        return True

    async def _vt_clone_qm_feature(self, v, user):
        vm = self.find(v['node'], int(v['vmid']))
        snap = v.get('snapname')
        if snap and snap not in vm.snapshots:
            raise PveError(500, "snapshot '{0}' does not exist".format(snap))
        config = vm.snapshots[snap] if snap else vm.config
        can = self._vt_clone_can(v['feature'], self._vt_clone_disks(config, False))
        # shared_nodes: the nodes where every storage of the VM is configured (none is node-restricted here)
        nodes = sorted(n for n in self.nodes if self.nodes[n].get('online', True))
        return {'hasFeature': 1 if can else 0, 'nodes': nodes}

    async def _vt_clone_ct_feature(self, v, user):
        ct = self._find_ct(v['node'], int(v['vmid']))
        snap = v.get('snapname')
        if snap and snap not in ct.snapshots:
            raise PveError(500, "snapshot '{0}' does not exist".format(snap))
        config = ct.snapshots[snap] if snap else ct.config
        return {'hasFeature': 1 if self._vt_clone_can(v['feature'], self._vt_clone_disks(config, True)) else 0}

    # ------------------------------------------------------------ clone

    def _vt_clone_linked_check(self, disks, snapname, container):
        for key, volume, sid, _size in disks:
            if self.storages.get(sid, {}).get('type', '') not in _linked_types():
                if container:
                    raise PveError(500, "Linked clone feature for '{0}' is not available".format(volume))
                raise PveError(500, "Linked clone feature is not supported for {0}'{1}' ({2})".format(
                    'a snapshot of ' if snapname else '', volume, key))

    async def _qm_clone(self, v, user):
        vm = self.find(v['node'], int(v['vmid']))
        snap = v.get('snapname')
        config = vm.snapshots.get(snap, vm.config) if snap else vm.config
        full = v.get('full')
        full = (not vm.template) if full is None else bool(int(full))
        disks = self._vt_clone_disks(config, False)
        if not full:
            self._vt_clone_linked_check(disks, snap, False)
        self._vt_clone_plans[(v['node'], 'qmclone', str(vm.vmid))] = (disks, full, vm.status == 'running')
        return await super()._qm_clone(v, user)

    async def _lxc_clone(self, user, v):
        ct = self._find_ct(v['node'], int(v['vmid']))
        snap = v.get('snapname')
        config = ct.snapshots.get(snap, ct.config) if snap else ct.config
        full = v.get('full')
        full = (not ct.template) if full is None else bool(int(full))
        disks = self._vt_clone_disks(config, True)
        if not full:
            self._vt_clone_linked_check(disks, snap, True)
        self._vt_clone_plans[(v['node'], 'vzclone', str(ct.vmid))] = (disks, full, False)
        return await super()._lxc_clone(user, v)

    async def task(self, node, ttype, tid, user, body, vm=None, lock=True, log=()):
        plan = self._vt_clone_plans.pop((node, ttype, str(tid)), None)
        if plan is None:
            return await super().task(node, ttype, tid, user, body, vm=vm, lock=lock, log=log)

        async def copying():
            record = next(r for r in reversed(self.tasklog) if r['type'] == ttype and r['id'] == str(tid)
                          and r['status'] == 'running')
            await self._vt_clone_copy(record, ttype == 'vzclone', *plan)
            return await body()
        return await super().task(node, ttype, tid, user, copying, vm=vm, lock=lock, log=log)

    async def _vt_clone_copy(self, record, container, disks, full, running):
        """The log of clone_disk (qemu-server) / the mount point copies (pve-container), with time."""
        for key, volume, _sid, size in disks:
            if container:
                record['log'].append('create {0} clone of {1} {2} ({3})'.format(
                    'full' if full else 'linked', 'mountpoint' if full else 'mount point', key, volume))
            else:
                record['log'].append('create {0} clone of drive {1} ({2})'.format(
                    'full' if full else 'linked', key, volume))
            if not full or not size:
                continue
            for step in range(1, TRANSFER_STEPS + 1):
                await self.pause(size / GiB / GIB_PER_SECOND / TRANSFER_STEPS)
                done = size * step // TRANSFER_STEPS
                line = 'transferred {0} of {1} ({2:.2f}%)'.format(_size_text(done), _size_text(size),
                                                                   done * 100.0 / size)
                if running:
                    line = 'drive-{0}: {1} in {2}s'.format(key, line, step)
                record['log'].append(line)

    # ------------------------------------------------------------ template

    async def _lxc_template(self, user, v):
        """pve-container's `template` declares `returns => { type => 'null' }`: the UPID is not sent."""
        await super()._lxc_template(user, v)
        return None


def add_clone_inventory(pve):
    """Storages and templates for cloning (see the module docstring)."""
    from ..pve.config import parse_disk  # see _linked_types

    pve.storages[SAN_LVM] = {
        'type': 'lvm', 'vgname': 'san', 'base': 'iscsi-san:0.0.1.scsi-36001405a1b2c3d4', 'shared': 1,
        'saferemove': 0, 'content': 'images,rootdir', 'active': 1, 'files': set(), 'volumes': {},
        'total': 4096 * GiB, 'avail': 3100 * GiB}
    pve.storages[NFS_VM] = {
        'type': 'nfs', 'server': '192.0.2.50', 'export': '/srv/vmstore', 'path': '/mnt/pve/' + NFS_VM,
        'content': 'images,rootdir', 'shared': 1, 'active': 1, 'files': set(), 'volumes': {},
        'options': 'vers=4.2', 'total': 6 * 1024 * GiB, 'avail': 4 * 1024 * GiB}
    for vmid, name, node, store, volname in (
            (9001, 'rocky-9-lvm', 'pve2', SAN_LVM, 'vm-9001-disk-0'),
            (9002, 'ubuntu-24-nfs', 'pve3', NFS_VM, '9002/vm-9002-disk-0.qcow2')):
        config = _vm_config(vmid, name, 2, 2048, 16, 'debian' if vmid == 9001 else 'ubuntu', 'template', {},
                            random.Random(vmid))
        config['scsi0'] = '{0}:{1},iothread=1,size=16G'.format(store, volname)
        config['ide2'] = 'none,media=cdrom'
        vm = pve.add_vm(vmid, name, node=node, status='stopped', config=config)
        _make_template(vm)
        if store == NFS_VM:  # file storages keep the base image in the template's directory
            vm.config['scsi0'] = vm.config['scsi0'].replace('9002/vm-9002-', '9002/base-9002-')
        pve.storages[store]['volumes'][parse_disk('scsi0', vm.config['scsi0']).volume.split(':', 1)[1]] = {
            'content': 'images', 'format': 'qcow2' if store == NFS_VM else 'raw', 'size': 16 * GiB,
            'vmid': vmid, 'ctime': 1735000000 + vmid}
    ct = pve.add_ct(9100, 'debian-12-ct', node='pve1', status='stopped',
                    ostemplate='local:vztmpl/debian-12-standard_12.7-1_amd64.tar.zst',
                    config={'hostname': 'debian-12-ct', 'cores': 1, 'memory': 512, 'swap': 512,
                            'rootfs': 'local-lvm:base-9100-disk-0,size=8G', 'tags': 'template',
                            'net0': 'name=eth0,bridge=vmbr0,firewall=1,hwaddr=BC:24:11:91:00:00,ip=dhcp,type=veth',
                            'unprivileged': 1, 'features': 'nesting=1'})
    ct.config['template'] = 1
