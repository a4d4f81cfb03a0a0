"""What the demo cluster holds: its ISO images, templates, fixed guests and generated ones.

`cluster.build_demo_cluster` builds a `DemoPve` and fills it from here (the table of fixed
guests is in cluster.py's docstring). Kept apart from the server's behaviour so each file
has one job: this one is data and the builders that place it.
"""

import time

from fakepve.lxc import FakeCt
from fakepve.model import FakeVm

from .tasks import failing_backup_log, long_backup_log

GiB = 1024 ** 3
MiB = 1024 ** 2


# The variant and version bits of a version-4 UUID, as the uuid module sets them.
_UUID4_KEEP = ~(0xc000 << 48) & ~(0xf000 << 64)
_UUID4_SET = (0x8000 << 48) | (4 << 76)


def _uuid4(bits):
    """str(uuid.UUID(int=bits, version=4)) without making the object (two per generated VM,
    ~28,000 at ten clusters of 2,000 guests; one %-format and concatenation ~1.0 -> ~0.65 us;
    the hex of its 16 bytes and an f-string ~0.9 -> ~0.64 us, measured side by side)."""
    h = (bits & _UUID4_KEEP | _UUID4_SET).to_bytes(16, 'big').hex()
    return f'{h[:8]}-{h[8:12]}-{h[12:16]}-{h[16:20]}-{h[20:]}'


def _mac(vmid, nic=0):
    """A stable MAC in Proxmox's own OUI (BC:24:11), unique per vmid and NIC (one per generated
    guest: its six hex digits formatted once and cut, ~0.9 -> ~0.5 us than three {:02X})."""
    h = '%06X' % ((vmid * 16 + nic) & 0xFFFFFF)
    return f'BC:24:11:{h[:2]}:{h[2:4]}:{h[4:]}'


ISOS = (('local', 'debian-13.1.0-amd64-netinst.iso', 754 * MiB),
        ('local', 'ubuntu-24.04.3-live-server-amd64.iso', 3100 * MiB),
        ('nfs-storage', 'SERVER_EVAL_x64FRE_en-us.iso', 4700 * MiB),       # Windows Server 2022
        ('nfs-storage', 'virtio-win.iso', 753 * MiB))
CT_TEMPLATES = (('debian-12-standard_12.7-1_amd64.tar.zst', 126 * MiB),
                ('ubuntu-24.04-standard_24.04-2_amd64.tar.zst', 141 * MiB),
                ('alpine-3.22-default_20250617_amd64.tar.xz', 3 * MiB))
DEBIAN_ISO = 'local:iso/debian-13.1.0-amd64-netinst.iso,media=cdrom,size=754M'
UBUNTU_ISO = 'local:iso/ubuntu-24.04.3-live-server-amd64.iso,media=cdrom,size=3100M'
WIN_ISO = 'nfs-storage:iso/SERVER_EVAL_x64FRE_en-us.iso,media=cdrom,size=4700M'
VIRTIO_ISO = 'nfs-storage:iso/virtio-win.iso,media=cdrom,size=753M'
TMPL = {'debian': 'local:vztmpl/debian-12-standard_12.7-1_amd64.tar.zst',
        'ubuntu': 'local:vztmpl/ubuntu-24.04-standard_24.04-2_amd64.tar.zst',
        'alpine': 'local:vztmpl/alpine-3.22-default_20250617_amd64.tar.xz'}

# (vmid, name, node, state, cores, memory MiB, disk GiB, os, tags, extra config)
# state: running, stopped, paused, backup (running with lock: backup), template.
DEMO_VMS = (
    (100, 'web1', 'pve1', 'running', 2, 4096, 32, 'debian', 'prod;web', {'net0': 'tag=20'}),
    (101, 'web-staging', 'pve1', 'stopped', 2, 2048, 32, 'debian', 'staging;web', {'net0': 'tag=20'}),
    (102, 'db-primary', 'pve1', 'running', 8, 16384, 64, 'debian', 'prod;db',
     {'net0': 'bridge=vmbr1,tag=30', 'scsi1': 'local-lvm:vm-102-disk-1,iothread=1,size=200G',
      'net1': 'virtio={0},bridge=vmbr1,tag=50'.format(_mac(102, 1))}),
    (103, 'db-replica', 'pve2', 'running', 8, 16384, 64, 'debian', 'prod;db',
     {'net0': 'bridge=vmbr1,tag=30', 'scsi1': 'local-lvm:vm-103-disk-1,iothread=1,size=200G'}),
    (104, 'gitlab', 'pve2', 'running', 4, 8192, 100, 'ubuntu', 'dev;ci', {}),
    (105, 'fileserver', 'pve3', 'backup', 2, 4096, 500, 'debian', 'prod;storage', {}),
    (106, 'win2022-ad', 'pve1', 'running', 4, 8192, 80, 'win2022', 'prod;windows', {}),
    (107, 'win11-desktop', 'pve3', 'paused', 4, 8192, 64, 'win11', 'windows', {}),
    (108, 'k8s-node-1', 'pve1', 'running', 4, 8192, 50, 'ubuntu', 'k8s;prod', {'net0': 'tag=40'}),
    (109, 'k8s-node-2', 'pve2', 'running', 4, 8192, 50, 'ubuntu', 'k8s;prod', {'net0': 'tag=40'}),
    (110, 'k8s-node-3', 'pve3', 'running', 4, 8192, 50, 'ubuntu', 'k8s;prod', {'net0': 'tag=40'}),
    (111, 'monitoring', 'pve3', 'running', 2, 4096, 40, 'debian', 'prod;monitoring', {}),
    (112, 'ubuntu-dev', 'pve2', 'stopped', 2, 4096, 32, 'ubuntu', 'dev', {}),
    (113, 'opnsense-fw', 'pve1', 'running', 2, 2048, 16, 'other', 'prod;network',
     {'net1': 'virtio={0},bridge=vmbr1'.format(_mac(113, 1)), 'serial0': 'socket'}),
    (114, 'build-runner', 'pve2', 'paused', 4, 4096, 40, 'debian', 'dev;ci', {}),
    (115, 'legacy-erp', 'pve3', 'stopped', 2, 6144, 120, 'win2022', 'legacy', {}),
    (9000, 'debian-13-cloud', 'pve1', 'template', 2, 2048, 8, 'cloud', 'template', {}),
)
# VMs in QEMU's other states, which /cluster/resources reports as their status (qmpstatus):
# (vmid, name, node, qmpstatus or 'hibernated', cores, memory MiB, disk GiB, os, tags).
# A hibernated VM is stopped with `lock: suspended` and its RAM in a `vmstate` volume.
DEMO_HALTED_VMS = (
    (116, 'kiosk-lobby', 'pve3', 'suspended', 2, 2048, 16, 'ubuntu', 'kiosk'),     # asleep in S3
    (117, 'archive-vm', 'pve1', 'hibernated', 2, 4096, 64, 'debian', 'legacy'),
    (118, 'ci-cache', 'pve3', 'io-error', 4, 4096, 200, 'debian', 'dev;ci'),      # its disk's storage is full
    (119, 'fw-lab', 'pve1', 'prelaunch', 1, 1024, 8, 'other', 'lab'),             # started with --freeze
)
# Guests managed by the HA stack (pve-ha-manager): (vmid, name, type, node, HA state, cores,
# memory MiB, disk GiB, os or template key, tags). A `started` guest runs, a `stopped` one does
# not; `error` is a start that failed on every node it was tried on: stopped, left alone by HA.
DEMO_HA_GUESTS = (
    (120, 'ha-web', 'qemu', 'pve1', 'started', 2, 4096, 32, 'debian', 'prod;web;ha'),
    (121, 'ha-erp-db', 'qemu', 'pve2', 'error', 4, 16384, 100, 'debian', 'prod;db;ha'),
    (122, 'ha-mail', 'qemu', 'pve3', 'stopped', 2, 4096, 64, 'debian', 'prod;mail;ha'),
    (209, 'ha-proxy', 'lxc', 'pve2', 'started', 2, 1024, 8, 'debian', 'prod;web;ha'),
)
# Why ha-erp-db's starts fail (qemu-server's words for a volume its node cannot activate).
HA_START_ERROR = "activating LV 'pve/vm-121-disk-0' failed:   Volume group \"pve\" not found"
# (vmid, hostname, node, state, cores, memory MiB, rootfs GiB, template key, tags, extra config)
DEMO_CTS = (
    (200, 'dns1', 'pve1', 'running', 1, 512, 8, 'debian', 'prod;dns', {}),
    (201, 'minio-test', 'pve2', 'stopped', 2, 2048, 32, 'debian', 'dev;storage', {}),
    (202, 'nginx-proxy', 'pve1', 'running', 2, 1024, 8, 'debian', 'prod;web', {'net0': 'tag=20'}),
    (203, 'redis', 'pve2', 'running', 2, 2048, 8, 'alpine', 'prod;db', {}),
    (204, 'postgres-dev', 'pve3', 'running', 2, 4096, 32, 'ubuntu', 'dev;db',
     {'mp0': 'local-lvm:vm-204-disk-1,mp=/var/lib/postgresql,backup=1,size=50G'}),
    (205, 'mqtt', 'pve3', 'running', 1, 512, 4, 'alpine', 'iot', {}),
    (206, 'wiki', 'pve2', 'running', 2, 2048, 16, 'debian', 'prod;docs', {}),
    (207, 'vaultwarden', 'pve1', 'running', 1, 1024, 8, 'debian', 'prod;security', {}),
    (208, 'alpine-sandbox', 'pve3', 'stopped', 1, 256, 2, 'alpine', 'dev', {}),
)
_CT_OSTYPES = {'debian': 'debian', 'ubuntu': 'ubuntu', 'alpine': 'alpine'}
OSTYPES = {'debian': 'l26', 'ubuntu': 'l26', 'cloud': 'l26', 'win2022': 'win11', 'win11': 'win11', 'other': 'other'}


def _vm_config(vmid, name, cores, memory, disk, os_key, tags, extra, rng):
    """A qemu-server config like the web UI's wizard writes, for this OS (its strings made with
    f-strings rather than str.format: ~14,000 at ten clusters of 2,000 guests, ~5.7 -> ~4.1 us each
    with their MAC and UUIDs)."""
    if 'net0' in extra:
        net0 = {'bridge': 'vmbr0'}
        for part in extra['net0'].split(','):
            if part:
                key, _, val = part.partition('=')
                net0[key] = val
        nic = ','.join(f'{k}={v}' for k, v in net0.items())
    else:  # most generated VMs: the default bridge, without the parsing above
        nic = 'bridge=vmbr0'
    cfg = {
        'name': name, 'cores': cores, 'sockets': 1, 'memory': memory, 'ostype': OSTYPES[os_key],
        'cpu': 'x86-64-v2-AES', 'numa': 0, 'scsihw': 'virtio-scsi-single',
        'scsi0': f'local-lvm:vm-{vmid}-disk-0,iothread=1,size={disk}G',
        'net0': f'virtio={_mac(vmid)},{nic},firewall=1',
        'boot': 'order=scsi0;ide2;net0', 'agent': '1', 'onboot': 1 if 'prod' in tags else 0,
        'smbios1': 'uuid=' + _uuid4(rng.getrandbits(128)),
        'vmgenid': _uuid4(rng.getrandbits(128)),
        'meta': f'creation-qemu=9.2.0,ctime={1735000000 + vmid * 3607}',
        'tags': tags,
    }
    if os_key.startswith('win'):
        cfg.update(bios='ovmf', machine='pc-q35-10.0', cpu='host',
                   efidisk0='local-lvm:vm-{0}-disk-1,efitype=4m,pre-enrolled-keys=1,size=4M'.format(vmid),
                   tpmstate0='local-lvm:vm-{0}-disk-2,size=4M,version=v2.0'.format(vmid),
                   ide2=WIN_ISO, ide0=VIRTIO_ISO, boot='order=scsi0;ide2;ide0;net0')
    elif os_key == 'cloud':
        cfg.update(ide2='local-lvm:vm-{0}-cloudinit,media=cdrom'.format(vmid), serial0='socket', vga='serial0',
                   ciuser='debian', ipconfig0='ip=dhcp', boot='order=scsi0', onboot=0)
    else:
        cfg['ide2'] = UBUNTU_ISO if os_key == 'ubuntu' else 'none,media=cdrom' if os_key == 'other' else DEBIAN_ISO
    if extra:
        cfg.update((k, v) for k, v in extra.items() if k != 'net0')
    return cfg


class _Drawn:
    """The draws `_vm_config` makes of its random source (SMBIOS UUID, VM generation id), drawn
    at the build and given back when the config is written out (GeneratedVm)."""

    __slots__ = ('_bits',)

    def __init__(self, *bits):
        self._bits = list(bits)

    def getrandbits(self, _k):
        return self._bits.pop(0)


class GeneratedVm(FakeVm):
    """A generated VM (build_many, members.build_member) whose config is written out when first
    read or written. Until then it holds what makes it (`_vt_recipe`: _vm_config's arguments,
    its two draws made at the build, so every guest after it is what it was) and `vt_known`:
    what a guest list shows of the config (memory, cores x sockets, tags, the boot disk's bytes),
    which the list takes instead (DemoPve._vt_vm_listed). Writing
    the configs out was about half of a cluster's build, and most of them are not read for a
    long while, if ever (10,000 guests: ~110 -> ~60 ms, alternately in one process)."""

    _vt_recipe = None  # the config is written out
    vt_known = None

    def __init__(self, vmid, name, node, status, qmpstatus, recipe):
        super().__init__(vmid, name, node=node, status=status, qmpstatus=qmpstatus)  # config {'name': name}
        # _vm_config: 'memory' and 'cores' as given, one socket, tags, the boot disk scsi0 of
        # `disk` GiB first in the boot order (and the agent on: add_agent_demo).
        _, _, cores, memory, disk, _, tags, _, _, _ = recipe
        self.vt_known = (memory, cores, tags, disk * GiB)
        self._vt_recipe = recipe

    @property
    def config(self):
        recipe = self._vt_recipe
        if recipe is not None:
            self._vt_recipe = self.vt_known = None
            made = _vm_config(*recipe[:8], _Drawn(*recipe[8:]))
            made.update(self._vt_config)  # what FakeVm's __init__ set (the name, the same)
            self._vt_config = made
        return self._vt_config

    @config.setter
    def config(self, value):
        self._vt_recipe = self.vt_known = None
        self._vt_config = value


def generated_vm(vmid, name, node, status, qmpstatus, cores, memory, disk, os_key, tags, extra, rng):
    """A GeneratedVm with `_vm_config`'s config for these arguments (written out when read)."""
    smbios, vmgenid = rng.getrandbits(128), rng.getrandbits(128)
    return GeneratedVm(vmid, name, node, status, qmpstatus,
                       (vmid, name, cores, memory, disk, os_key, tags, extra, smbios, vmgenid))


def _ct_config(vmid, hostname, cores, memory, disk, tkey, tags, extra):
    """A pct config like the web UI's wizard writes (f-strings, the ostype table made once: ~3.0
    -> ~1.6 us)."""
    net0 = f'name=eth0,bridge=vmbr0,firewall=1,hwaddr={_mac(vmid)},ip=dhcp,type=veth'
    if extra.get('net0'):
        net0 += ',' + extra['net0']
    cfg = {'hostname': hostname, 'cores': cores, 'memory': memory, 'swap': 512, 'arch': 'amd64',
           'ostype': _CT_OSTYPES[tkey], 'rootfs': f'local-lvm:vm-{vmid}-disk-0,size={disk}G', 'net0': net0,
           'unprivileged': 1, 'features': 'nesting=1', 'onboot': 1 if 'prod' in tags else 0, 'tags': tags}
    if extra:
        cfg.update((k, v) for k, v in extra.items() if k != 'net0')
    return cfg


def _make_template(vm):
    """Turn a stopped VM into a template as PVE does: flag it and rename its disks base-<vmid>-*."""
    vm.template = True
    vm.config['template'] = 1
    for key, value in list(vm.config.items()):
        if key.startswith(('scsi', 'virtio', 'sata', 'efidisk', 'tpmstate')) and 'media=cdrom' not in value:
            vm.config[key] = value.replace(':vm-{0}-'.format(vm.vmid), ':base-{0}-'.format(vm.vmid))


def _place(guest, state, now, rng):
    """Give a running guest a believable past: started hours to weeks ago."""
    if state in ('running', 'paused', 'backup'):
        guest.started_at = now - rng.uniform(3600, 40 * 86400)
    # Power actions take a visible moment at time_scale 1 (nothing at 0).
    guest.start_secs, guest.stop_secs, guest.shutdown_secs = 3, 1, 6


def add_storages(pve):
    pve.storages['local'].update(total=94 * GiB, avail=71 * GiB)
    pve.storages['local-lvm'].update(total=1800 * GiB, avail=1240 * GiB)
    pve.storages['nfs-storage'] = {
        'type': 'nfs', 'server': '192.0.2.50', 'export': '/srv/pve', 'path': '/mnt/pve/nfs-storage',
        'content': 'backup,iso', 'shared': 1, 'active': 1, 'files': set(), 'volumes': {},
        'options': 'vers=4.2', 'prune-backups': 'keep-daily=7,keep-weekly=4',
        'total': 8 * 1024 * GiB, 'avail': 5 * 1024 * GiB}
    for sid, name, size in ISOS:
        pve.store_file(sid, name, size)
    for name, size in CT_TEMPLATES:
        pve.store_file('local', name, size, content='vztmpl')


def _demo_backups(pve, now):
    """A few finished backups on nfs-storage (last nights' jobs), so backup views are not empty."""
    vols = pve.storages['nfs-storage']['volumes']
    last_night = int(now - now % 86400 + 3602) - (86400 if now % 86400 < 3602 else 0)   # 01:00:02 UTC
    for vmid, kind, days_ago, size, notes, protected in (
            (100, 'qemu', 1, 3 * GiB, 'web1 nightly', False), (100, 'qemu', 0, 3 * GiB, 'web1 nightly', False),
            (102, 'qemu', 0, 21 * GiB, 'db-primary before upgrade', True),
            (200, 'lxc', 0, 310 * MiB, 'dns1 nightly', False)):
        ctime = last_night - days_ago * 86400
        ext = 'vma.zst' if kind == 'qemu' else 'tar.zst'
        name = 'backup/vzdump-{0}-{1}-{2}.{3}'.format(
            kind, vmid, time.strftime('%Y_%m_%d-%H_%M_%S', time.gmtime(ctime)), ext)
        vols[name] = {'content': 'backup', 'format': ext, 'size': size, 'vmid': vmid, 'notes': notes,
                      'protected': protected, 'ctime': ctime,
                      # the guest's config as the archive holds it, for restore (never listed)
                      'vt_config': {k: v for k, v in pve.guest(vmid).config.items() if k != 'lock'}}
        pve.storages['nfs-storage']['avail'] -= size


def _demo_task_history(pve, now):
    """Last night's backup jobs and a few earlier power tasks, so the task panel has a history."""
    last_night = int(now - now % 86400 + 3600) - (86400 if now % 86400 < 3600 else 0)
    history = [  # (seconds before now or at last night, node, type, id, seconds taken, exit status)
        (last_night, 'pve1', 'vzdump', '100', 95, 'OK'),
        (last_night + 120, 'pve1', 'vzdump', '102', 610, 'OK'),
        (last_night + 800, 'pve1', 'vzdump', '200', 40, 'OK'),
        (last_night + 900, 'pve3', 'vzdump', '111', 12, 'ERROR: Backup of VM 111 failed - no space left on device'),
        (last_night + 1000, 'pve2', 'vzdump', '206', 7, 'ERROR: interrupted by signal'),  # aborted by hand
        (now - 5400, 'pve2', 'qmstart', '104', 4, 'OK'),
        (now - 3600, 'pve1', 'qmreboot', '113', 35, 'OK'),
        (now - 1800, 'pve2', 'vzstart', '203', 2, 'OK'),
        (now - 900, 'pve3', 'qmshutdown', '115', 60, 'WARNINGS: 1'),
    ]
    logs = {}
    for start, _node, ttype, tid, _took, exitstatus in history:
        log = ['INFO: starting new backup job: vzdump {0}'.format(tid)] if ttype == 'vzdump' else []
        logs[(int(start), tid)] = log + ['TASK ' + exitstatus]  # TASK OK / TASK WARNINGS: n / TASK ERROR: ...
    # Logs that test a reader: a backup that ran nine days, a job whose end lies past line 500.
    nine_days = 9 * 86400 + 2 * 3600 + 3 * 60 + 4
    history.append((last_night - nine_days, 'pve3', 'vzdump', '115', nine_days, 'OK'))
    logs[(last_night - nine_days, '115')] = long_backup_log(115, 120, nine_days)
    logs[(last_night + 900, '111')] = failing_backup_log(111, 40, 'no space left on device')
    for start, node, ttype, tid, took, exitstatus in history:
        pid = next(pve._pids)
        upid = 'UPID:{0}:{1:08X}:{2:08X}:{3:08X}:{4}:{5}:{6}:'.format(node, pid, pid * 7, int(start), ttype, tid,
                                                                      pve.user)
        log = logs[(int(start), tid)]
        record = {'upid': upid, 'node': node, 'pid': pid, 'pstart': pid * 7, 'starttime': int(start),
                  'type': ttype, 'id': tid, 'user': pve.user, 'status': 'stopped',
                  'exitstatus': exitstatus.replace('ERROR: ', '', 1), 'endtime': int(start) + took, 'log': log}
        pve.tasks[upid] = record
        pve.tasklog.append(record)


def build_default(pve, rng, now):
    for node in ('pve2', 'pve3'):
        pve.add_node(node)
    for vmid, name, node, state, cores, mem, disk, os_key, tags, extra in DEMO_VMS:
        cfg = _vm_config(vmid, name, cores, mem, disk, os_key, tags, extra, rng)
        vm = pve.add_vm(vmid, name, node=node, status='stopped' if state in ('stopped', 'template') else 'running',
                        qmpstatus='paused' if state == 'paused' else None, config=cfg)
        if state == 'template':
            _make_template(vm)
        if state == 'backup':
            pve.snapshot_lock(vmid, 'backup')   # sets vm.lock and the config's lock:, as PVE shows it
        _place(vm, state, now, rng)
        if os_key.startswith('win'):
            vm.shutdown_secs = 12          # Windows takes its time to shut down
        elif state != 'template':
            vm.agent = {}                  # the guest agent answers (default answers)
    for vmid, name, node, state, cores, mem, disk, tkey, tags, extra in DEMO_CTS:
        ct = pve.add_ct(vmid, name, node=node, status=state, ostemplate=TMPL[tkey],
                        config=_ct_config(vmid, name, cores, mem, disk, tkey, tags, extra))
        _place(ct, state, now, rng)
        ct.start_secs, ct.shutdown_secs = 2, 3
    _demo_backups(pve, now)
    _demo_task_history(pve, now)
    _add_halted_vms(pve, rng, now)  # last, so the guests above keep their random figures
    _add_ha_guests(pve, rng, now)


def _add_halted_vms(pve, rng, now):
    for vmid, name, node, state, cores, mem, disk, os_key, tags in DEMO_HALTED_VMS:
        cfg = _vm_config(vmid, name, cores, mem, disk, os_key, tags, {}, rng)
        hibernated = state == 'hibernated'
        vm = pve.add_vm(vmid, name, node=node, status='stopped' if hibernated else 'running',
                        qmpstatus=None if hibernated else state, config=cfg)
        if hibernated:
            stamp = time.strftime('%Y-%m-%d', time.gmtime(now - 3 * 86400))
            vm.lock = cfg['lock'] = 'suspended'
            cfg['vmstate'] = 'local-lvm:vm-{0}-state-suspend-{1}'.format(vmid, stamp)
        _place(vm, 'running' if not hibernated else 'stopped', now, rng)


def _add_ha_guests(pve, rng, now):
    for vmid, name, kind, node, ha_state, cores, mem, disk, os_key, tags in DEMO_HA_GUESTS:
        state = 'running' if ha_state == 'started' else 'stopped'
        if kind == 'qemu':
            guest = pve.add_vm(vmid, name, node=node, status=state,
                               config=_vm_config(vmid, name, cores, mem, disk, os_key, tags, {}, rng))
            guest.agent = {}
        else:
            guest = pve.add_ct(vmid, name, node=node, status=state, ostemplate=TMPL[os_key],
                               config=_ct_config(vmid, name, cores, mem, disk, os_key, tags, {}))
        _place(guest, state, now, rng)
        guest.ha_state = ha_state
        if ha_state == 'error':
            guest.start_error = HA_START_ERROR


# Roles for generated clusters: (name prefix, tags, cores, memory MiB, disk GiB).
ROLES = (('web', 'prod;web', 2, 4096, 32), ('api', 'prod;api', 4, 8192, 40), ('db', 'prod;db', 8, 16384, 100),
         ('cache', 'prod;cache', 2, 4096, 16), ('worker', 'batch', 4, 8192, 40), ('k8s-node', 'k8s', 4, 8192, 50),
         ('ci-runner', 'dev;ci', 4, 4096, 40), ('dev', 'dev', 2, 2048, 32), ('test', 'test', 1, 1024, 16),
         ('mail', 'prod;mail', 2, 4096, 64), ('dns', 'prod;dns', 1, 512, 8), ('log', 'prod;monitoring', 2, 8192, 200))


def build_many(pve, count, rng, now):
    """count generated guests over 50 nodes, vmids 100.. upward."""
    nodes = ['pve{0}'.format(i) for i in range(1, 51)]
    for node in nodes[1:]:
        pve.add_node(node)
    vms = pve.vms
    for i in range(count):
        vmid = 100 + i
        role, tags, cores, mem, disk = ROLES[rng.randrange(len(ROLES))]
        node = nodes[i % len(nodes)]
        roll = rng.random()
        state = 'running' if roll < 0.6 else 'stopped'
        is_vm = rng.random() < 0.7
        name = f'{role}-{i:05d}'
        if is_vm:
            extra = {'net0': 'tag={0}'.format(10 + i % 40)} if i % 4 == 0 else {}
            if roll < 0.02:
                state = 'paused'
            elif roll > 0.99:
                state = 'template'
            # Directly, as add_vm would make it (its node is there, it is in no pool); its config
            # written out when first read.
            vm = generated_vm(vmid, name, node, 'running' if state in ('running', 'paused') else 'stopped',
                              'paused' if state == 'paused' else None, cores, mem, disk,
                              'ubuntu' if i % 2 else 'debian', tags, extra, rng)
            vms.append(vm)
            if state == 'template':
                _make_template(vm)
            elif rng.random() < 0.01:
                vm.lock = 'backup'
                vm.config['lock'] = 'backup'
            guest = vm
        else:
            tkey = ('debian', 'ubuntu', 'alpine')[i % 3]
            cfg = _ct_config(vmid, name, max(1, cores // 2), max(512, mem // 4), min(disk, 32), tkey, tags, {})
            if rng.random() < 0.01:
                cfg['lock'] = 'backup'
            # FakeCt directly: add_ct checks the id against every guest (a linear scan each,
            # quadratic over the build); ours are unique by construction. Without its defaults:
            # _ct_config has every key they would set (their ostype and arch lookups, a regex
            # search each, were ~15 % of a container's making).
            guest = FakeCt(vmid, name, node=node, status=state, config=cfg, ostemplate=TMPL[tkey],
                           defaults=False)
            pve.cts.append(guest)
            if state == 'running':
                guest.pid = 100000 + vmid
        _place(guest, state, now, rng)
