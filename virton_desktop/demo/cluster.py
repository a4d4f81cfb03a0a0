"""The demo cluster: a FakePve subclass that looks and moves like a small real PVE cluster.

``build_demo_cluster()`` (guests=None) makes three online nodes ``pve1``..``pve3`` and this
fixed set of guests, so tests and screenshots can rely on the ids:

====  ===============  ====  ====  ============================================
vmid  name             type  node  state
====  ===============  ====  ====  ============================================
100   web1             qemu  pve1  running (tags prod;web)
101   web-staging      qemu  pve1  stopped
102   db-primary       qemu  pve1  running (two disks; two NICs: vmbr1 tag=30, tag=50)
103   db-replica       qemu  pve2  running
104   gitlab           qemu  pve2  running
105   fileserver       qemu  pve3  running, ``lock: backup``
106   win2022-ad       qemu  pve1  running (Windows, OVMF, TPM)
107   win11-desktop    qemu  pve3  paused (status running, qmpstatus paused)
108   k8s-node-1       qemu  pve1  running
109   k8s-node-2       qemu  pve2  running
110   k8s-node-3       qemu  pve3  running
111   monitoring       qemu  pve3  running
112   ubuntu-dev       qemu  pve2  stopped
113   opnsense-fw      qemu  pve1  running (two NICs: vmbr0 and vmbr1)
114   build-runner     qemu  pve2  paused
115   legacy-erp       qemu  pve3  stopped
9000  debian-13-cloud  qemu  pve1  template
200   dns1             lxc   pve1  running
201   minio-test       lxc   pve2  stopped
202   nginx-proxy      lxc   pve1  running
203   redis            lxc   pve2  running
204   postgres-dev     lxc   pve3  running
205   mqtt             lxc   pve3  running
206   wiki             lxc   pve2  running
207   vaultwarden      lxc   pve1  running
208   alpine-sandbox   lxc   pve3  stopped
====  ===============  ====  ====  ============================================

Storages: ``local`` (dir: iso, vztmpl, backup), ``local-lvm`` (lvmthin: images, rootdir),
``nfs-storage`` (nfs: backup, iso; shared). Bridges on every node: ``vmbr0`` (on eno1, with
the node's address) and ``vmbr1`` (VLAN-aware, on eno2).

``build_demo_cluster(guests=N)`` instead spreads N generated guests over 50 nodes
``pve1``..``pve50`` (vmids 100..99+N; ~70 % VMs, ~60 % running, a few paused, locked and
templates).

Differences from plain fakepve, to match real PVE:

- ``/cluster/resources`` reports a paused VM as ``status: paused`` (pvestatd reports the
  qmpstatus there); status/current and the node's VM list keep ``running`` + ``qmpstatus``.
- Running guests have moving figures (cpu, mem, net and disk counters, uptime), computed
  from the clock when asked (``DemoPve.vt_figures``), so 10,000 guests cost nothing idle.
- ``GET /nodes/{node}/network`` lists vmbr0, vmbr1, eno1, eno2 and honours ``type=``.
- ``GET /nodes/{node}/status`` has believable hardware and load figures.
- ``vt_latency`` delays every answer by that many *real* seconds.
- ``/nodes`` shows the served certificate's fingerprint (``vt_fingerprint``, set by ServedDemo).
- Power actions take a few PVE seconds (start 3, stop 1, shutdown 6, Windows 12), so at
  time_scale 1 the UI shows running tasks; at time_scale 0 they finish before the answer.
"""

import asyncio
import json
import math
import random
import re
import time
import uuid

from aiohttp import web
from fakepve import FakePve, PveError
from fakepve.lxc import FakeCt

from .auth import DemoAuthMixin
from .backups import DemoBackups
from .console import VtConsoleMixin
from .rrd import DemoRrdMixin

GiB = 1024 ** 3
MiB = 1024 ** 2
# size= of a drive option string: number and binary unit (G if none, as PVE).
_SIZE = re.compile(r'size=(\d+(?:\.\d+)?)([KMGT])?')
# Every node's hardware: an AMD EPYC 7313P (16 cores, 32 threads) with 128 GiB.
NODE_CORES = 16
NODE_MEM_GIB = 128

__all__ = ['DemoPve', 'build_demo_cluster', 'GiB', 'MiB']


def _mac(vmid, nic=0):
    """A stable MAC in Proxmox's own OUI (BC:24:11), unique per vmid and NIC."""
    n = (vmid * 16 + nic) & 0xFFFFFF
    return 'BC:24:11:{0:02X}:{1:02X}:{2:02X}'.format(n >> 16, (n >> 8) & 0xFF, n & 0xFF)


def _noise(vmid, tick, seed):
    """Cheap deterministic noise in [0, 1) for (vmid, whole second): no RNG object per call,
    so a 10,000-guest listing stays fast, and two calls in the same second agree."""
    x = (vmid * 0x9E3779B1 + tick * 0x85EBCA77 + seed * 0xC2B2AE3D) & 0xFFFFFFFF
    x ^= x >> 15
    x = (x * 0x2C1B3C6D) & 0xFFFFFFFF
    x ^= x >> 12
    x = (x * 0x297A2D39) & 0xFFFFFFFF
    x ^= x >> 15
    return x / 4294967296.0


def _counter(rate, amp, period, t):
    """Bytes moved in t seconds at rate * (1 + amp*sin(2 pi t / period)): the integral, so the
    counter never goes backwards (amp < 1) yet the per-second rate visibly varies."""
    if t <= 0:
        return 0
    w = 2 * math.pi / period
    return int(rate * t + rate * amp / w * (1 - math.cos(w * t)))


# ---------------------------------------------------------------- the server

class DemoPve(VtConsoleMixin, DemoRrdMixin, DemoAuthMixin, DemoBackups, FakePve):
    """FakePve with PVE's paused status, moving guest figures, two bridges and real-second latency.

    Own members all start with ``vt_``/``_vt_``: FakePve has ~300 members and a clash would
    silently replace one of them.
    """

    def __init__(self, *args, seed=0, **kwargs):
        super().__init__(*args, **kwargs)
        self.vt_seed = seed
        # Real seconds added before every answer (see _vt_latency_mw for why not slow_network).
        self.vt_latency = 0.0
        # The clock the figures follow; tests replace it to see them move without sleeping.
        self.vt_clock = time.time
        # vmid -> load profile, made on first use (lazily: building 10,000 guests stays fast).
        self._vt_profiles = {}
        # The served certificate's fingerprint (ServedDemo sets it): /nodes shows it per node.
        self.vt_fingerprint = None
        # The nodes booted ~23 days ago, so their uptime grows steadily from there.
        self.vt_boot_time = time.time() - 23 * 86400 - 4711

    # ------------------------------------------------------------- latency

    def _build_app(self):
        app = super()._build_app()
        # Outermost, so every answer (errors and /api2/extjs included) waits. fakepve's own
        # slow_network() counts PVE seconds: it is multiplied by time_scale and does nothing at
        # time_scale 0. The demo's --latency models the user's link, not the cluster's speed, so
        # it must be real seconds whatever time_scale the tasks run at; slow_network() stays
        # free for tests that inject PVE-time network trouble.
        app.middlewares.insert(0, self._vt_latency_mw)
        return app

    @web.middleware
    async def _vt_latency_mw(self, request, handler):
        if self.vt_latency > 0:
            await asyncio.sleep(self.vt_latency)
        return await handler(request)

    # ------------------------------------------------------------- figures

    def _vt_profile(self, vmid):
        prof = self._vt_profiles.get(vmid)
        if prof is None:
            # A string seed hashes the same in every process (unlike hash() of a tuple).
            rng = random.Random('{0}:{1}'.format(self.vt_seed, vmid))
            prof = {
                # Most guests idle along, a few are busy: skew the base load low (2 % .. 60 %).
                'cpu': 0.02 + 0.58 * rng.random() ** 2.5, 'cpu_swing': rng.uniform(0.2, 0.6),
                'cpu_period': rng.uniform(120, 1200), 'phase': rng.uniform(0, 2 * math.pi),
                'mem': rng.uniform(0.3, 0.8), 'mem_amp': rng.uniform(0.02, 0.1),
                'mem_period': rng.uniform(1800, 7200),
                # Byte rates spread over orders of magnitude (300 B/s .. 300 KB/s), like real guests.
                'netin': 10 ** rng.uniform(2.5, 5.5), 'netout': 10 ** rng.uniform(2.5, 5.3),
                'diskread': 10 ** rng.uniform(2.5, 5.3), 'diskwrite': 10 ** rng.uniform(2.5, 5),
                'io_amp': rng.uniform(0.2, 0.9), 'io_period': rng.uniform(60, 900),
                'disk': rng.uniform(0.1, 0.7),
            }
            self._vt_profiles[vmid] = prof
        return prof

    def vt_figures(self, guest, now=None):
        """Usage of a guest (FakeVm or FakeCt) at time ``now`` (default: ``vt_clock()``).

        Returns cpu (0..1), mem (bytes), uptime (s) and the cumulative netin, netout, diskread,
        diskwrite byte counters since the guest started; all zero unless it runs. A paused VM
        keeps its memory and uptime but uses no CPU.
        """
        now = self.vt_clock() if now is None else now
        zero = {'cpu': 0, 'mem': 0, 'uptime': 0, 'netin': 0, 'netout': 0, 'diskread': 0, 'diskwrite': 0}
        if guest.status != 'running' or guest.template:
            return zero
        p = self._vt_profile(guest.vmid)
        uptime = max(0, int(now - (guest.started_at or now)))
        maxmem = int(str(guest.config.get('memory', 512)).split('=')[-1]) * MiB
        # Load swings around the guest's base (relative, so it never drops to zero) plus noise.
        wave = math.sin(2 * math.pi * now / p['cpu_period'] + p['phase'])
        jitter = _noise(guest.vmid, int(now), self.vt_seed) - 0.5
        cpu = p['cpu'] * (1 + p['cpu_swing'] * wave + 0.4 * jitter)
        if getattr(guest, 'qmpstatus', 'running') == 'paused':
            cpu = 0.0                      # a paused VM keeps its RAM but burns no CPU
        mem = p['mem'] + p['mem_amp'] * math.sin(2 * math.pi * now / p['mem_period'] + p['phase'])
        out = {'cpu': round(min(max(cpu, 0.0), 1.0), 4), 'mem': int(maxmem * min(max(mem, 0.05), 0.98)),
               'uptime': uptime}
        for key in ('netin', 'netout', 'diskread', 'diskwrite'):
            out[key] = _counter(p[key], p['io_amp'], p['io_period'], uptime)
        return out

    @staticmethod
    def _vm_maxdisk(vm):
        # PVE's maxdisk is the boot disk's size; fakepve takes the first disk key in sorted
        # order, which for a UEFI VM is the 4 MiB efidisk0. Look at the boot order first.
        order = str(vm.config.get('boot', ''))
        if order.startswith('order='):
            for key in order[len('order='):].split(';'):
                value = str(vm.config.get(key, ''))
                found = _SIZE.search(value)
                if found and 'media=cdrom' not in value:
                    return int(float(found.group(1)) * 1024 ** 'KMGT'.index(found.group(2) or 'G') * 1024)
        return FakePve._vm_maxdisk(vm)

    def _vm_usage(self, vm):
        # fakepve's shared source of /cluster/resources, the VM list and status/current: overlay
        # the moving figures, then any vm.stats a test pinned (as fakepve does).
        data = super()._vm_usage(vm)
        data.update(self.vt_figures(vm))
        data['memhost'] = data['mem']
        data.update((k, v) for k, v in vm.stats.items() if k in data)
        # pvestatd reports the qmpstatus, so /cluster/resources says 'paused'; an offline
        # node's guests stay 'unknown' (only then does fakepve's item lack our key: we skip it).
        if vm.status == 'running' and vm.qmpstatus == 'paused' and \
                self.nodes.get(vm.node, {}).get('online', True):
            data['status'] = 'paused'
        return data

    def _vm_status(self, vm, listing=False):
        # status/current and /nodes/{node}/qemu also read _vm_usage; there PVE says 'running'
        # (with qmpstatus 'paused' in status/current), so put the plain status back.
        data = super()._vm_status(vm, listing)
        data['status'] = vm.status
        return data

    def _vt_ct_figures(self, ct):
        data = self.vt_figures(ct)
        # Containers do report filesystem usage (VMs need an agent for it).
        running = ct.status == 'running' and not ct.template
        data['disk'] = int(self._maxdisk(ct) * self._vt_profile(ct.vmid)['disk']) if running else 0
        return data

    def _status(self, ct):
        # Container status/current and the node's container list.
        data = super()._status(ct)
        data.update(self._vt_ct_figures(ct))
        data.update(ct.stats)
        return data

    def ct_resources(self, user, kind=None):
        # fakepve fills fixed zeros here and ignores ct.stats: overlay the same figures as _status.
        items = super().ct_resources(user, kind)
        if items:
            by_id = {ct.vmid: ct for ct in self.cts}
            for item in items:
                ct = by_id[item['vmid']]
                item.update(self._vt_ct_figures(ct))
                item.update((k, v) for k, v in ct.stats.items() if k in item)
        return items

    # --------------------------------------------------------------- nodes

    def _node_stats(self, online):
        # fakepve's is a staticmethod without the node's name, so every node has the same
        # hardware (NODE_CORES, NODE_MEM_GIB) and load; the figures move a little with time.
        if not online:
            return {}
        now = self.vt_clock()
        return {'cpu': round(0.12 + 0.06 * math.sin(now / 300.0), 4), 'maxcpu': NODE_CORES * 2,
                'mem': int((0.55 + 0.05 * math.sin(now / 1800.0)) * NODE_MEM_GIB * GiB),
                'maxmem': NODE_MEM_GIB * GiB, 'disk': 18 * GiB, 'maxdisk': 94 * GiB,
                'uptime': int(now - self.vt_boot_time)}

    async def _nodes(self, request):
        # Real PVE lists each node's certificate fingerprint (upper case, as OpenSSL prints
        # it); fakepve has a fixed placeholder. The list is small, so re-encoding is cheap.
        response = await super()._nodes(request)
        if self.vt_fingerprint and response.status == 200:
            body = json.loads(response.text)
            for item in body['data']:
                item['ssl_fingerprint'] = self.vt_fingerprint.upper()
            response = web.json_response(body)
        return response

    def _routes_virton_demo(self):
        # Alphabetically after fakepve's own _routes_* tables; these paths are generic there.
        return [('GET', '/nodes/{node}/network', self._vt_network),
                ('GET', '/nodes/{node}/network/{iface}', self._vt_network_iface),
                ('GET', '/nodes/{node}/status', self._vt_node_status),
                ('GET', '/cluster/tasks', self._vt_cluster_tasks)]

    async def _vt_cluster_tasks(self, v, user):
        """PVE's cluster task list: the newest tasks of every node, finished ones with their exit status."""
        recent = sorted(self.tasklog, key=lambda t: -t['starttime'])[:200]
        return [self._task_view(t, True) for t in recent if self._task_owner(user, t) or user == self.user]

    def _vt_node_index(self, node):
        digits = ''.join(c for c in node if c.isdigit())
        return int(digits) if digits else 1

    def vt_interfaces(self, node):
        """The node's interfaces as GET /nodes/{node}/network lists them."""
        ip = '192.0.2.{0}'.format(10 + self._vt_node_index(node) % 240)
        common = {'method6': 'manual', 'families': ['inet'], 'active': 1, 'exists': 1}
        return [
            dict(common, iface='eno1', type='eth', method='manual', priority=3),
            dict(common, iface='eno2', type='eth', method='manual', priority=4),
            dict(common, iface='vmbr0', type='bridge', method='static', priority=5, autostart=1,
                 address=ip, netmask='255.255.255.0', cidr=ip + '/24', gateway='192.0.2.1',
                 bridge_ports='eno1', bridge_stp='off', bridge_fd='0', comments='LAN\n'),
            dict(common, iface='vmbr1', type='bridge', method='manual', priority=6, autostart=1,
                 bridge_ports='eno2', bridge_stp='off', bridge_fd='0', bridge_vlan_aware=1,
                 bridge_vids='2-4094', comments='VLAN trunk (servers, storage)\n'),
        ]

    async def _vt_network(self, v, user):
        wanted = v.get('type')
        ifaces = self.vt_interfaces(v['node'])
        if wanted in ('any_bridge', 'any_local_bridge'):
            # PVE: Linux and OVS bridges (any_bridge would add SDN vnets; there are none).
            return [i for i in ifaces if i['type'] in ('bridge', 'OVSBridge')]
        if wanted and wanted != 'include_sdn':
            return [i for i in ifaces if i['type'] == wanted]
        return ifaces

    async def _vt_network_iface(self, v, user):
        for iface in self.vt_interfaces(v['node']):
            if iface['iface'] == v['iface']:
                return dict(iface, digest='0' * 40)
        raise PveError(500, "interface '{0}' does not exist".format(v['iface']))

    async def _vt_node_status(self, v, user):
        stats = self._node_stats(True)
        cores, total, used = NODE_CORES, stats['maxmem'], stats['mem']
        load = round(stats['cpu'] * cores * 2, 2)
        return {
            'cpu': stats['cpu'], 'wait': 0.0012, 'uptime': stats['uptime'], 'idle': 0,
            'loadavg': [str(load), str(round(load * 0.9, 2)), str(round(load * 0.85, 2))],
            'kversion': 'Linux 6.14.11-4-pve #1 SMP PREEMPT_DYNAMIC PMX 6.14.11-4 (2025-10-10T08:04Z)',
            'pveversion': 'pve-manager/{0}/dc0e3ed8c7f4e3a0'.format(self.version),
            'cpuinfo': {'model': 'AMD EPYC 7313P 16-Core Processor', 'cpus': stats['maxcpu'], 'cores': cores,
                        'sockets': 1, 'mhz': '3000.000', 'hvm': '1', 'flags': 'fpu vme de pse tsc msr sse2 svm'},
            'memory': {'total': total, 'used': used, 'free': total - used, 'available': total - used},
            'swap': {'total': 8 * GiB, 'used': 0, 'free': 8 * GiB},
            'rootfs': {'total': stats['maxdisk'], 'used': stats['disk'], 'avail': stats['maxdisk'] - stats['disk'],
                       'free': stats['maxdisk'] - stats['disk']},
            'ksm': {'shared': 0}, 'current-kernel': {'sysname': 'Linux', 'release': '6.14.11-4-pve',
                                                     'machine': 'x86_64', 'version': '#1 SMP PREEMPT_DYNAMIC'},
            'boot-info': {'mode': 'efi', 'secureboot': 0},
        }


# ---------------------------------------------------------------- the builder

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
     {'net1': 'virtio={0},bridge=vmbr1'.format(_mac(113, 1))}),
    (114, 'build-runner', 'pve2', 'paused', 4, 4096, 40, 'debian', 'dev;ci', {}),
    (115, 'legacy-erp', 'pve3', 'stopped', 2, 6144, 120, 'win2022', 'legacy', {}),
    (9000, 'debian-13-cloud', 'pve1', 'template', 2, 2048, 8, 'cloud', 'template', {}),
)
# (vmid, hostname, node, state, cores, memory MiB, rootfs GiB, template key, tags, extra config)
DEMO_CTS = (
    (200, 'dns1', 'pve1', 'running', 1, 512, 8, 'debian', 'prod;dns', {}),
    (201, 'minio-test', 'pve2', 'stopped', 2, 2048, 32, 'debian', 'dev;storage', {}),
    (202, 'nginx-proxy', 'pve1', 'running', 2, 1024, 8, 'debian', 'prod;web', {'net0': 'tag=20'}),
    (203, 'redis', 'pve2', 'running', 2, 2048, 8, 'alpine', 'prod;db', {}),
    (204, 'postgres-dev', 'pve3', 'running', 2, 4096, 32, 'ubuntu', 'dev;db',
     {'mp0': 'local-lvm:vm-204-disk-1,mp=/var/lib/postgresql,size=50G'}),
    (205, 'mqtt', 'pve3', 'running', 1, 512, 4, 'alpine', 'iot', {}),
    (206, 'wiki', 'pve2', 'running', 2, 2048, 16, 'debian', 'prod;docs', {}),
    (207, 'vaultwarden', 'pve1', 'running', 1, 1024, 8, 'debian', 'prod;security', {}),
    (208, 'alpine-sandbox', 'pve3', 'stopped', 1, 256, 2, 'alpine', 'dev', {}),
)
OSTYPES = {'debian': 'l26', 'ubuntu': 'l26', 'cloud': 'l26', 'win2022': 'win11', 'win11': 'win11', 'other': 'other'}


def _vm_config(vmid, name, cores, memory, disk, os_key, tags, extra, rng):
    """A qemu-server config like the web UI's wizard writes, for this OS."""
    net0 = {'bridge': 'vmbr0'}
    for part in extra.get('net0', '').split(','):
        if part:
            key, _, val = part.partition('=')
            net0[key] = val
    windows = os_key.startswith('win')
    nic = 'virtio={0},'.format(_mac(vmid))
    cfg = {
        'name': name, 'cores': cores, 'sockets': 1, 'memory': memory, 'ostype': OSTYPES[os_key],
        'cpu': 'x86-64-v2-AES', 'numa': 0, 'scsihw': 'virtio-scsi-single',
        'scsi0': 'local-lvm:vm-{0}-disk-0,iothread=1,size={1}G'.format(vmid, disk),
        'net0': nic + ','.join('{0}={1}'.format(k, v) for k, v in net0.items()) + ',firewall=1',
        'boot': 'order=scsi0;ide2;net0', 'agent': '1', 'onboot': 1 if 'prod' in tags else 0,
        'smbios1': 'uuid={0}'.format(uuid.UUID(int=rng.getrandbits(128), version=4)),
        'vmgenid': str(uuid.UUID(int=rng.getrandbits(128), version=4)),
        'meta': 'creation-qemu=9.2.0,ctime={0}'.format(1735000000 + vmid * 3607),
        'tags': tags,
    }
    if windows:
        cfg.update(bios='ovmf', machine='pc-q35-10.0', cpu='host',
                   efidisk0='local-lvm:vm-{0}-disk-1,efitype=4m,pre-enrolled-keys=1,size=4M'.format(vmid),
                   tpmstate0='local-lvm:vm-{0}-disk-2,size=4M,version=v2.0'.format(vmid),
                   ide2=WIN_ISO, ide0=VIRTIO_ISO, boot='order=scsi0;ide2;ide0;net0')
    elif os_key == 'cloud':
        cfg.update(ide2='local-lvm:vm-{0}-cloudinit,media=cdrom'.format(vmid), serial0='socket', vga='serial0',
                   ciuser='debian', ipconfig0='ip=dhcp', boot='order=scsi0', onboot=0)
    else:
        cfg['ide2'] = UBUNTU_ISO if os_key == 'ubuntu' else 'none,media=cdrom' if os_key == 'other' else DEBIAN_ISO
    cfg.update((k, v) for k, v in extra.items() if k != 'net0')
    return cfg


def _ct_config(vmid, hostname, cores, memory, disk, tkey, tags, extra):
    """A pct config like the web UI's wizard writes."""
    net0 = 'name=eth0,bridge=vmbr0,firewall=1,hwaddr={0},ip=dhcp,type=veth'.format(_mac(vmid))
    if extra.get('net0'):
        net0 += ',' + extra['net0']
    cfg = {'hostname': hostname, 'cores': cores, 'memory': memory, 'swap': 512, 'arch': 'amd64',
           'ostype': {'debian': 'debian', 'ubuntu': 'ubuntu', 'alpine': 'alpine'}[tkey],
           'rootfs': 'local-lvm:vm-{0}-disk-0,size={1}G'.format(vmid, disk), 'net0': net0,
           'unprivileged': 1, 'features': 'nesting=1', 'onboot': 1 if 'prod' in tags else 0, 'tags': tags}
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


def _storages(pve):
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
    for start, node, ttype, tid, took, exitstatus in history:
        pid = next(pve._pids)
        upid = 'UPID:{0}:{1:08X}:{2:08X}:{3:08X}:{4}:{5}:{6}:'.format(node, pid, pid * 7, int(start), ttype, tid,
                                                                      pve.user)
        log = ['INFO: starting new backup job: vzdump {0}'.format(tid)] if ttype == 'vzdump' else []
        log.append('TASK ' + exitstatus)  # TASK OK / TASK WARNINGS: n / TASK ERROR: ...
        record = {'upid': upid, 'node': node, 'pid': pid, 'pstart': pid * 7, 'starttime': int(start),
                  'type': ttype, 'id': tid, 'user': pve.user, 'status': 'stopped',
                  'exitstatus': exitstatus.replace('ERROR: ', '', 1), 'endtime': int(start) + took, 'log': log}
        pve.tasks[upid] = record
        pve.tasklog.append(record)


def _build_default(pve, rng, now):
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


# Roles for generated clusters: (name prefix, tags, cores, memory MiB, disk GiB).
ROLES = (('web', 'prod;web', 2, 4096, 32), ('api', 'prod;api', 4, 8192, 40), ('db', 'prod;db', 8, 16384, 100),
         ('cache', 'prod;cache', 2, 4096, 16), ('worker', 'batch', 4, 8192, 40), ('k8s-node', 'k8s', 4, 8192, 50),
         ('ci-runner', 'dev;ci', 4, 4096, 40), ('dev', 'dev', 2, 2048, 32), ('test', 'test', 1, 1024, 16),
         ('mail', 'prod;mail', 2, 4096, 64), ('dns', 'prod;dns', 1, 512, 8), ('log', 'prod;monitoring', 2, 8192, 200))


def _build_many(pve, count, rng, now):
    """count generated guests over 50 nodes, vmids 100.. upward."""
    nodes = ['pve{0}'.format(i) for i in range(1, 51)]
    for node in nodes[1:]:
        pve.add_node(node)
    for i in range(count):
        vmid = 100 + i
        role, tags, cores, mem, disk = ROLES[rng.randrange(len(ROLES))]
        node = nodes[i % len(nodes)]
        roll = rng.random()
        state = 'running' if roll < 0.6 else 'stopped'
        is_vm = rng.random() < 0.7
        name = '{0}-{1:05d}'.format(role, i)
        if is_vm:
            extra = {'net0': 'tag={0}'.format(10 + i % 40)} if i % 4 == 0 else {}
            if roll < 0.02:
                state = 'paused'
            elif roll > 0.99:
                state = 'template'
            cfg = _vm_config(vmid, name, cores, mem, disk, 'ubuntu' if i % 2 else 'debian', tags, extra, rng)
            vm = pve.add_vm(vmid, name, node=node, status='running' if state in ('running', 'paused') else 'stopped',
                            qmpstatus='paused' if state == 'paused' else None, config=cfg)
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
            # quadratic over the build); ours are unique by construction.
            guest = FakeCt(vmid, name, node=node, status=state, config=cfg, ostemplate=TMPL[tkey])
            pve.cts.append(guest)
            if state == 'running':
                guest.pid = 100000 + vmid
        _place(guest, state, now, rng)


def build_demo_cluster(guests=None, seed=0, time_scale=1.0, latency=0.0):
    """A DemoPve (not started) with the demo cluster; see the module docstring.

    guests: None for the fixed three-node cluster, or a number of generated guests over 50
    nodes. seed: varies the figures (and the generated layout). time_scale: real seconds per
    PVE second for tasks (0: tasks finish before the answer). latency: real seconds added to
    every answer, whatever the time_scale.
    """
    pve = DemoPve(host='127.0.0.1', port=0, seed=seed)
    pve.cluster_name = 'demo'
    pve.time_scale = time_scale
    pve.vt_latency = latency
    rng = random.Random(seed)
    now = time.time()
    _storages(pve)
    if guests is None:
        _build_default(pve, rng, now)
    else:
        _build_many(pve, int(guests), rng, now)
    return pve
