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
116   kiosk-lobby      qemu  pve3  asleep in S3 (status running, qmpstatus suspended)
117   archive-vm       qemu  pve1  hibernated (stopped, ``lock: suspended``, a vmstate volume)
118   ci-cache         qemu  pve3  halted on a disk error (qmpstatus io-error)
119   fw-lab           qemu  pve1  started frozen (qmpstatus prelaunch)
120   ha-web           qemu  pve1  running, HA-managed (``hastate: started``)
121   ha-erp-db        qemu  pve2  stopped, HA ``error``: its start failed on every node
122   ha-mail          qemu  pve3  stopped, HA-managed (``hastate: stopped``)
9000  debian-13-cloud  qemu  pve1  template (local-lvm: linked clones)
9001  rocky-9-lvm      qemu  pve2  template (san-lvm, plain LVM: no linked clones)
9002  ubuntu-24-nfs    qemu  pve3  template (nfs-vm, qcow2 files)
9100  debian-12-ct     lxc   pve1  template (local-lvm)
200   dns1             lxc   pve1  running
201   minio-test       lxc   pve2  stopped
202   nginx-proxy      lxc   pve1  running
203   redis            lxc   pve2  running
204   postgres-dev     lxc   pve3  running
205   mqtt             lxc   pve3  running
206   wiki             lxc   pve2  running
207   vaultwarden      lxc   pve1  running
208   alpine-sandbox   lxc   pve3  stopped
209   ha-proxy         lxc   pve2  running, HA-managed (``hastate: started``)
====  ===============  ====  ====  ============================================

Storages: ``local`` (dir: iso, vztmpl, backup), ``local-lvm`` (lvmthin: images, rootdir),
``nfs-storage`` (nfs: backup, iso; shared), ``san-lvm`` (lvm: images, rootdir; shared),
``nfs-vm`` (nfs: images, rootdir; shared). Bridges on every node: ``vmbr0`` (on eno1, with
the node's address) and ``vmbr1`` (VLAN-aware, on eno2).

``build_demo_cluster(guests=N)`` instead spreads N generated guests over 50 nodes
``pve1``..``pve50`` (vmids 100..99+N; ~70 % VMs, ~60 % running, a few paused, locked and
templates).

Differences from plain fakepve, to match real PVE:

- ``/cluster/resources`` reports a paused VM as ``status: paused`` and any other QMP state
  likewise (pvestatd reports ``qmpstatus || status`` there); status/current and the node's VM
  list keep ``running`` + ``qmpstatus``.
- Running guests have moving figures (cpu, mem, net and disk counters, uptime), computed
  from the clock when asked (``DemoPve.vt_figures``), so 10,000 guests cost nothing idle.
  ``/cluster/resources`` has them as of the guest's node's last pvestatd round, as PVE does:
  it reads them from the RRD cache (API2Tools ``extract_vm_stats``), which each node's
  pvestatd refreshes every 10 s (pvestatd.pm ``$updatetime = 10``), each node at its own
  moment; a 3 s poll sees a guest's figures move every third or fourth time. status/current
  and the node's guest lists stay live (PVE asks QEMU and /proc there). The status itself is
  left live in the list too (PVE's lags up to 10 s): the app's tests follow actions by it.
- ``GET /nodes/{node}/network`` lists vmbr0, vmbr1, eno1, eno2 and honours ``type=``.
- ``GET /nodes/{node}/status`` has believable hardware and load figures.
- Users, a pool, tokens and PVE's permission rules (privilege-separated tokens get the
  intersection with their user): see access.py, and ``DEMO_LOGINS`` there.
- ``vt_writes`` records every write under ``/nodes/`` (method, path, form fields) for tests.
- ``vt_latency`` delays every answer by that many *real* seconds.
- ``/nodes`` shows the served certificate's fingerprint (``vt_fingerprint``, set by ServedDemo).
- ``GET /nodes/{node}/qemu/{vmid}/config`` answers with pending changes applied unless
  ``current=1`` (pve-guest-common ``load_current_config``); fakepve always answers the current
  values for VMs (its containers already merge).
- HA-managed guests go through the HA manager's states (``power.py``): hastart/hastop
  tasks end OK at once, the guest follows a HA round (``ha_delay``) later; Shutdown ends
  in a hard stop at the HA timeout; a failed start ends in ``hastate: error``. Stop with
  ``overrule-shutdown=1`` aborts the running shutdown first, as qemu-server does.
- Power actions take a few PVE seconds (start 3, stop 1, shutdown 6, Windows 12), so at
  time_scale 1 the UI shows running tasks; at time_scale 0 they finish before the answer.
- Connections end as pveproxy ends them (pve-http-server AnyEvent.pm): after an answer with
  an error status (>= 400, ``Connection: close``), after the 100th request on one connection
  (pveproxy.pm ``keep_alive => 100``), and after 5 s without traffic (the handle's
  ``timeout``, 5 by default): pveproxy.py. A client that keeps connections must open new ones
  as it does with PVE.
"""

import asyncio
import dis
import functools
import hashlib
import json
import math
import random
import re
import struct
import time
import types
import zlib

import fakepve.server
import fakepve.shapes
import msgspec
from aiohttp import web
from fakepve import FakePve, PveError
from fakepve.lxc import SIZE_UNITS
from fakepve.server import USER

from .access import DemoAccessMixin, add_demo_access
from .activity import DemoActivityMixin
from .agent import DemoAgentMixin, add_agent_demo
from .auth import DemoAuthMixin
from .backup_jobs import DemoBackupJobsMixin, add_backup_jobs
from .backups import DemoBackups
from .bulk_action import DemoBulkActionMixin
from .clone import DemoCloneMixin, add_clone_inventory
from .cloudinit import DemoCloudInitMixin, add_demo_cloudinit
from .console import VtConsoleMixin
from .ha_resources import DemoHaMixin
from .inventory import GiB, MiB, add_storages, build_default, build_many
from .members import add_incoming_tokens, build_member, member_name
from .migrate import DemoMigrateMixin, add_migration_demo
from .power import DemoPowerMixin
from .pveproxy import DemoConnectionsMixin
from .remote import DemoRemoteMigrateMixin
from .rotation import DemoCertificatesMixin
from .rrd import DemoRrdMixin
from .spice import DemoSpiceMixin, add_spice_keys_demo
from .tags import DemoTagsMixin
from .tasks import DemoTasksMixin
from .terminal import DemoTerminalMixin

# size= of a drive option string: number and binary unit (bytes if none, as pve-common's parse_size).
_SIZE = re.compile(r'size=(\d+(?:\.\d+)?)([KMGT])?')
# fakepve's parse_size (lxc.py): a whole size, any unit's case.
_SIZE_VALUE = re.compile(r'(\d+(?:\.\d+)?)([KMGT])?', re.I)
# Sizes parsed from drive and rootfs option strings, kept by the string: every guest list
# parsed each guest's disk anew (~30 % of the demo's answer for 2,000 guests, ten clusters
# answering in one process). A changed disk is another string; at most this many are kept.
_SIZES_KEPT = 65536
# Guests a step of vt_warm_list makes ready before the loop may answer a request (~2 ms).
WARM_CHUNK = 200
# Every node's hardware: an AMD EPYC 7313P (16 cores, 32 threads) with 128 GiB.
NODE_CORES = 16
NODE_MEM_GIB = 128
# pvestatd.pm: `my $updatetime = 10;` — how often each node sends its guests' figures to the RRD cache.
PVESTATD_S = 10

__all__ = ['DemoPve', 'build_demo_cluster', 'fill_demo_cluster', 'new_demo_pve', 'route_template', 'GiB', 'MiB']

_JSON = msgspec.json.Encoder()


def _ok(data=None):
    """fakepve's answer `{"data": ...}` as pve-http-server writes it: compact UTF-8 JSON
    (fakepve's json.dumps spent ~35 ms of the demo's ~200 ms on a list of 10,000 guests;
    msgspec ~4 ms)."""
    return web.Response(body=_JSON.encode({'data': data}), content_type='application/json', charset='utf-8')


fakepve.server.ok = _ok  # what fakepve's handlers answer with (they look it up when they answer)


@functools.lru_cache(maxsize=1024)
def _pvestatd_phase(node):
    """The second within PVESTATD_S at which the node's pvestatd sends (the same in every process)."""
    return zlib.crc32(node.encode()) % (PVESTATD_S * 1000) / 1000


# Sixteen 32-bit draws from one hash of a guest's key (blake2b's 64 bytes).
_DRAWS = struct.Struct('<16I')
# A load profile's named fields (`DemoPve._vt_profile`, for rrd.py), in `_load_profile`'s order.
PROFILE_KEYS = ('cpu', 'cpu_swing', 'cpu_period', 'phase', 'mem', 'mem_amp', 'mem_period', 'netin', 'netout',
                'diskread', 'diskwrite', 'io_amp', 'io_period', 'disk')
# `2 * math.pi * now / period` is evaluated left to right, so 2 pi may be taken once (not 2 pi / period:
# another rounding, other figures).
_TWO_PI = 2 * math.pi
# The figures `_figures` gives, in its order (the dict of `DemoPve.vt_figures`).
FIGURE_KEYS = ('cpu', 'mem', 'uptime', 'netin', 'netout', 'diskread', 'diskwrite')
# A stopped guest's or a template's figures.
_STILL = (0, 0, 0, 0, 0, 0, 0)
# A VM's usage fields (fakepve's _vm_usage): what a vm.stats entry may replace in /cluster/resources.
_VM_USAGE = frozenset(('cpu', 'mem', 'memhost', 'disk', 'diskread', 'diskwrite', 'netin', 'netout', 'maxdisk',
                       'maxmem', 'maxcpu', 'uptime'))


def _load_profile(key):
    """A guest's load profile from `key`, the same in every process: sixteen uniform draws from
    one hash (no random.Random per guest: seeding one from a string hashes and fills its 624-word
    state, ~5.5 us; the demo's first list of 10,000 guests took ~240 ms of its CPU with it, ~212
    ms without). Each figure is drawn as random.uniform would (low + (high - low) * u), in this
    order, written out rather than through a draw object's calls: a cluster's first list makes
    ~1,200 profiles (2,000 guests), ~4 -> ~2.5 us each.

    A tuple: PROFILE_KEYS' fields, then what `_figures` derives from them per guest, each
    computed as it did per call (w = 2 pi / io_period; a counter's rate * io_amp / w), so the
    figures stay the same to the last bit. A dict of 14 keys cost ~0.6 us of the ~2.5."""
    d0, d1, d2, d3, d4, d5, d6, d7, d8, d9, d10, d11, d12, d13, _, _ = _DRAWS.unpack(
        hashlib.blake2b(key.encode(), digest_size=64).digest())
    u = 4294967296.0  # a draw / u: random.random()'s [0, 1)
    # Byte rates spread over orders of magnitude (300 B/s .. 300 KB/s), like real guests.
    netin, netout = 10 ** (2.5 + (5.5 - 2.5) * (d7 / u)), 10 ** (2.5 + (5.3 - 2.5) * (d8 / u))
    diskread, diskwrite = 10 ** (2.5 + (5.3 - 2.5) * (d9 / u)), 10 ** (2.5 + (5 - 2.5) * (d10 / u))
    io_amp, io_period = 0.2 + (0.9 - 0.2) * (d11 / u), 60 + (900 - 60) * (d12 / u)
    w = _TWO_PI / io_period
    return (
        # Most guests idle along, a few are busy: skew the base load low (2 % .. 60 %).
        0.02 + 0.58 * (d0 / u) ** 2.5, 0.2 + (0.6 - 0.2) * (d1 / u),        # cpu, cpu_swing
        120 + (1200 - 120) * (d2 / u), _TWO_PI * (d3 / u),                   # cpu_period, phase: 0 + (2 pi - 0) * u
        0.3 + (0.8 - 0.3) * (d4 / u), 0.02 + (0.1 - 0.02) * (d5 / u),        # mem, mem_amp
        1800 + (7200 - 1800) * (d6 / u),                                     # mem_period
        netin, netout, diskread, diskwrite, io_amp, io_period,
        0.1 + (0.7 - 0.1) * (d13 / u),                                       # disk
        w, netin * io_amp / w, netout * io_amp / w, diskread * io_amp / w, diskwrite * io_amp / w,
    )


def _figures(p, vmid, seed, now, started_at, paused, memory):
    """A running guest's FIGURE_KEYS at `now`, from its `_load_profile` p; `memory` is its
    config's memory value, `paused` whether its QMP state is other than running."""
    uptime = max(0, int(now - (started_at or now)))
    maxmem = memory * MiB if type(memory) is int else int(str(memory).split('=')[-1]) * MiB
    # Load swings around the guest's base (relative, so it never drops to zero) plus noise.
    phase = p[3]
    if paused:
        cpu = 0.0                          # a paused or halted VM keeps its RAM but burns no CPU
    else:
        wave = math.sin(_TWO_PI * now / p[2] + phase)
        # Cheap deterministic noise in [0, 1) for (vmid, whole second): no RNG object per call,
        # and two calls in the same second agree. Written out here (a call was ~0.2 of ~4 us).
        x = (vmid * 0x9E3779B1 + int(now) * 0x85EBCA77 + seed * 0xC2B2AE3D) & 0xFFFFFFFF
        x ^= x >> 15
        x = (x * 0x2C1B3C6D) & 0xFFFFFFFF
        x ^= x >> 12
        x = (x * 0x297A2D39) & 0xFFFFFFFF
        x ^= x >> 15
        cpu = min(max(p[0] * (1 + p[1] * wave + 0.4 * (x / 4294967296.0 - 0.5)), 0.0), 1.0)
    mem = p[4] + p[5] * math.sin(_TWO_PI * now / p[6] + phase)
    cpu, mem = round(cpu, 4), int(maxmem * min(max(mem, 0.05), 0.98))
    if uptime <= 0:
        return cpu, mem, uptime, 0, 0, 0, 0
    # Bytes moved in `uptime` seconds at rate * (1 + amp*sin(2 pi t / period)): the integral,
    # so a counter never goes backwards (amp < 1) yet its per-second rate visibly varies. The
    # four share amp and period (io_amp, io_period): the cosine is taken once, not per counter.
    swing = 1 - math.cos(p[14] * uptime)
    return (cpu, mem, uptime, int(p[7] * uptime + p[15] * swing), int(p[8] * uptime + p[16] * swing),
            int(p[9] * uptime + p[17] * swing), int(p[10] * uptime + p[18] * swing))


@functools.lru_cache(maxsize=_SIZES_KEPT)
def _drive_bytes(value):
    """A drive option string's size= in bytes; None for a CD-ROM or without a size."""
    found = _SIZE.search(value)
    if found is None or 'media=cdrom' in value:
        return None
    unit = found.group(2)
    return int(float(found.group(1)) * (1024 ** ('KMGT'.index(unit) + 1) if unit else 1))


@functools.lru_cache(maxsize=_SIZES_KEPT)
def _rootfs_bytes(rootfs):
    """fakepve's LxcApi._maxdisk for this rootfs: its size=, else 4 GiB (its size parsed once,
    not twice as there). Its parse_mount's last size= option (a part that starts with it) found
    without splitting them all, its parse_size's pattern compiled once: a cluster's first list
    parses each container's (~600 of 2,000 guests), ~3.3 -> ~1.7 ms."""
    at = rootfs.rfind(',size=')
    at = at + 6 if at >= 0 else 5 if rootfs.startswith('size=') else -1
    if at >= 0:
        end = rootfs.find(',', at)
        size = rootfs[at:] if end < 0 else rootfs[at:end]
        found = _SIZE_VALUE.fullmatch(size.strip()) if size else None
        if found:
            size = int(float(found.group(1)) * SIZE_UNITS.get((found.group(2) or '').upper(), 1))
            if size:
                return size
    return 4 * GiB


# ---------------------------------------------------------------- the server


class DemoPve(DemoBackupJobsMixin, DemoAgentMixin, DemoSpiceMixin, DemoHaMixin, DemoCloudInitMixin, DemoTagsMixin,
              DemoCloneMixin, DemoPowerMixin, DemoTasksMixin, DemoTerminalMixin, VtConsoleMixin, DemoRrdMixin,
              DemoAuthMixin, DemoAccessMixin, DemoBackups, DemoMigrateMixin, DemoRemoteMigrateMixin,
              DemoCertificatesMixin, DemoBulkActionMixin, DemoActivityMixin, DemoConnectionsMixin, FakePve):
    """FakePve with PVE's paused status, moving guest figures, two bridges and real-second latency.

    Own members all start with ``vt_``/``_vt_``: FakePve has ~300 members and a clash would
    silently replace one of them.
    """

    def __init__(self, *args, seed=0, **kwargs):
        super().__init__(*args, **kwargs)
        self.vt_seed = seed
        # Real seconds added before every answer (see _vt_latency_mw for why not slow_network).
        self.vt_latency = 0.0
        # An asyncio.Event while the cluster is served before it is built (served.py `build_later`):
        # every answer waits for it.
        self.vt_filled = None
        # An asyncio.Event set once the guest list (/cluster/resources) has been answered: the
        # next cluster of the process is built then (served.py `build_in_order`).
        self.vt_listed = None
        self.vt_faults = {}  # (method, path) -> request -> web.Response (tests: vt_answer)
        # A DemoPve whose app the next _build_app copies (served.serve_clusters, route_template).
        self.vt_routes_like = None
        self.vt_app = None  # the aiohttp app _build_app made (what another DemoPve may copy)
        # Every write to a node's API (method, path without /api2/json, form fields): tests count
        # what a dialog really sent. Only /nodes/ paths: login bodies carry passwords.
        self.vt_writes = []
        # The clock the figures follow; tests replace it to see them move without sleeping.
        self.vt_clock = time.time
        # vmid -> load profile, made on first use (lazily: building 10,000 guests stays fast).
        self._vt_loads = {}
        self._vt_rounds = {}  # vmid -> (its round and state, the figures listed for it): _vt_round
        # The served certificate's fingerprint (ServedDemo sets it): /nodes shows it per node.
        self.vt_fingerprint = None
        # The nodes booted ~23 days ago, so their uptime grows steadily from there.
        self.vt_boot_time = time.time() - 23 * 86400 - 4711
        # Accounts with a second factor (TOTP and recovery keys, Yubico, WebAuthn): demo/auth.py.
        self.vt_add_tfa_users(self.password)

    # ------------------------------------------------------------- latency

    def _build_app(self):
        like, self.vt_routes_like = self.vt_routes_like, None
        app = self._vt_app_like(like) if like is not None else None
        if app is None:
            app = super()._build_app()
            # Outermost, so every answer (errors and /api2/extjs included) waits. fakepve's own
            # slow_network() counts PVE seconds: it is multiplied by time_scale and does nothing at
            # time_scale 0. The demo's --latency models the user's link, not the cluster's speed, so
            # it must be real seconds whatever time_scale the tasks run at; slow_network() stays
            # free for tests that inject PVE-time network trouble.
            app.middlewares.insert(0, self._vt_latency_mw)
            # Next, so it sees every answer of PVE's (errors included), not a test's vt_faults
            # (answered by the latency middleware: they stand for other servers).
            app.middlewares.insert(1, self._vt_connection_mw)
        self.vt_app = app
        return app

    def _vt_app_like(self, other):
        """The app of `other` (a DemoPve of this class that built its app: a started one, or a
        route_template) made again for this one: the same routes in the same order, each handler
        bound to this cluster; None if one cannot be.

        Registering the ~440 routes anew parses each path into aiohttp's pattern and goes through
        fakepve's tables and schema checks: ~9 ms of CPU a cluster after the first. Here each
        resource and route is copied as aiohttp made it (its parsed pattern kept) and given this
        cluster's handlers (_Rebinder): ~4 ms. aiohttp's resources and routes keep their state in
        these attributes (aiohttp 3.14); with others, the app is built as usual."""
        if type(other) is not type(self) or other.vt_app is None:
            return None
        source = other.vt_app
        rebound = _Rebinder(other, self)
        new = object.__new__
        try:
            app = web.Application(middlewares=[rebound(m) for m in source.middlewares],
                                  client_max_size=self.client_max_size)
            register = app.router.register_resource
            for resource in source.router.resources():
                kind, state = type(resource), vars(resource)
                if _RESOURCE_STATE.get(kind) != state.keys():
                    return None
                ours = new(kind)
                ours.__dict__.update(state)  # its path, or parsed pattern and formatter
                ours._routes = routes = {}
                any_route = None
                for method, route in state['_routes'].items():
                    if type(route) is not web.ResourceRoute or vars(route).keys() != _ROUTE_STATE:
                        return None
                    copied = routes[method] = new(web.ResourceRoute)
                    copied.__dict__.update(vars(route), _handler=rebound(route._handler), _resource=ours)
                    if route is state['_any_route']:
                        any_route = copied
                ours._any_route = any_route
                ours._allowed_methods = set(state['_allowed_methods'])
                register(ours)
        except LookupError:
            return None
        return app

    @web.middleware
    async def _vt_latency_mw(self, request, handler):
        if self.vt_filled is not None and not self.vt_filled.is_set():
            await self.vt_filled.wait()
        if self.vt_latency > 0:
            # In steps, so a test that sets the latency back to 0 frees the answers on their way.
            waited = 0.0
            while waited < self.vt_latency:
                step = min(0.1, self.vt_latency - waited)
                await asyncio.sleep(step)
                waited += step
        if request.method not in ('GET', 'HEAD') and '/nodes/' in request.path:
            form = await request.post()  # aiohttp keeps it: the handler reads it again
            self.vt_writes.append((request.method, request.path.split('/api2/json', 1)[-1], dict(form)))
        fault = self.vt_faults.get((request.method, request.path))
        if fault is not None:
            answer = fault(request)
            return await answer if asyncio.iscoroutine(answer) else answer
        return await handler(request)

    def vt_answer(self, method, path, body, content_type='application/json', status=200):
        """Answer `method /api2/json{path}` with `body` (JSON-encoded unless a str) until `vt_heal()`:
        how tests make the demo misbehave like a broken server, a proxy or a captive portal."""
        text = body if isinstance(body, str) else json.dumps(body)
        self.vt_faults[(method, '/api2/json' + path)] = lambda _request: web.Response(
            text=text, status=status, content_type=content_type)

    def vt_trickle(self, method, path, every=0.5):
        """Answer `method path` one byte every `every` real seconds, never finishing (until vt_heal):
        a server no read timeout catches."""
        async def trickle(request):
            response = web.StreamResponse(headers={'Content-Type': 'application/json'})
            await response.prepare(request)
            for _ in range(int(600 / every)):
                if (method, '/api2/json' + path) not in self.vt_faults:
                    break
                await response.write(b' ')
                await asyncio.sleep(every)
            return response
        self.vt_faults[(method, '/api2/json' + path)] = trickle

    def vt_heal(self):
        self.vt_faults.clear()

    # ------------------------------------------------------------- figures

    async def _resources(self, request):
        # fakepve's (server.py _resources, fakepve 0.5.0) and DemoAccessMixin's filter, made in
        # one go: its items, fields and order, with figures as of each node's last pvestatd round
        # (the RRD cache PVE lists them from). A cluster's first list of 2,000 guests was ~30 ms
        # of the demo's CPU (~15 ms later ones), and ten clusters' first lists wait for it at the
        # app's start: its guests' VM.Audit is checked once for all but the few with ACLs or a
        # pool (DemoAccessMixin.vt_audit), each node's round is reckoned once per list, not per
        # guest, and the guests' figures come as tuples from a cache keyed by round and state.
        user = request[USER]
        kind = request.query.get('type')
        data = []
        if kind in (None, 'vm'):
            listing = self._vt_listing(user)
            data = self._vt_vm_items(*listing)
            data += self._vt_ct_items(*listing)
        if kind in (None, 'node'):
            for name, state in sorted(self.nodes.items()):
                online = state.get('online', True)
                data.append(dict({'id': 'node/' + name, 'type': 'node', 'node': name,
                                  'status': 'online' if online else 'offline', 'level': ''},
                                 **self._node_stats(online)))
        if kind in (None, 'storage'):
            for node in sorted(self.nodes):
                data.extend(item for item in (self._storage_resource(node, name) for name in self.storages) if item)
        if self.vt_listed is not None:
            self.vt_listed.set()
        if self.vt_sees_all_resources(user):
            return _ok(data)
        return self.vt_filtered_resources(user, data, _ok)

    def _vt_listing(self, user):
        """What a list's guests share: the VM.Audit check (None: every guest), and node -> (its
        `online` flag, its last pvestatd round) with the clock read once for the whole list."""
        now = self.vt_clock()
        at = {node: (state.get('online', True), self.vt_pvestatd_time(node, now))
              for node, state in self.nodes.items()}
        return self.vt_audit(user), at, now

    def _vt_round(self, guest, when, paused, memory):
        """The running guest's figures tuple (FIGURE_KEYS) as of the pvestatd round `when`: one
        round's figures serve every list asked for within it (as PVE's RRD cache does; the
        demo's list of 10,000 guests ~171 -> ~154 ms of its CPU), kept per vmid with what they
        are made of."""
        vmid = guest.vmid
        key = (when, guest.started_at, paused, memory)
        kept = self._vt_rounds.get(vmid)
        if kept is None or kept[0] != key:
            load = self._vt_loads.get(vmid) or self._vt_load(vmid)
            kept = self._vt_rounds[vmid] = (key, _figures(load, vmid, self.vt_seed, when, guest.started_at, paused,
                                                          memory))
        return kept[1]

    def vt_warm_list(self, chunk=WARM_CHUNK):
        """Make what a first guest list computes once per guest (its figures for the nodes'
        current rounds, its load profile, its disk size), `chunk` guests at a time: a generator
        that yields after each chunk, for the loop to answer requests in between (served.py runs
        it right after the build). It ends early once a list has been answered: that list made
        the rest. What it makes is what the list would have made (the same caches, the same
        keys); made while nobody has asked yet (the app still building its window, logging in),
        the first list is then mostly its items and their JSON (10,000 guests: ~144 -> ~55 ms
        of the demo's CPU after the request)."""
        _, at, now = self._vt_listing('root@pam')

        def round_of(node):
            return (at.get(node) or (True, self.vt_pvestatd_time(node, now)))[1]

        for guests, warm in ((self.vms, self._vt_warm_vm), (self.cts, self._vt_warm_ct)):
            for start in range(0, len(guests), chunk):
                if self.vt_listed is not None and self.vt_listed.is_set():
                    return
                for guest in guests[start:start + chunk]:
                    warm(guest, round_of(guest.node))
                yield

    def _vt_warm_vm(self, vm, when):
        memory = self._vt_vm_listed(vm)[0]
        if vm.status == 'running' and not vm.template:
            self._vt_vm_round(vm, when, memory)

    def _vt_warm_ct(self, ct, when):
        self._maxdisk(ct)
        if ct.status == 'running' and not ct.config.get('template'):
            self._vt_ct_round(ct, when)

    def _vt_vm_round(self, vm, when, memory):
        """A running VM's `_vt_round` (the state it is keyed by as `_vt_vm_items` reads it)."""
        return self._vt_round(vm, when, vm.qmpstatus != 'running', memory)

    def _vt_ct_round(self, ct, when):
        """A running container's `_vt_round` (the state it is keyed by as `_vt_ct_items` reads it)."""
        return self._vt_round(ct, when, getattr(ct, 'qmpstatus', 'running') != 'running', ct.config.get('memory', 512))

    def _vt_vm_listed(self, vm):
        """What a guest list shows of the VM's config: (memory, cores x sockets, tags, the boot
        disk's bytes); a generated VM's as it knows it without writing its config out
        (inventory.GeneratedVm)."""
        known = getattr(vm, 'vt_known', None)
        if known is not None:
            return known
        config = vm.config
        return (config.get('memory', 512), int(config.get('cores', 1)) * int(config.get('sockets', 1)),
                config.get('tags'), self._vm_maxdisk(vm))

    def _vt_vm_items(self, audit, at, now):
        # fakepve's VM items (server.py _resources and _vm_usage, fakepve 0.5.0): its fields in
        # its order, the moving figures in place of its fixed ones, then any vm.stats a test
        # pinned (usage fields only, as fakepve does); then the status pvestatd reports.
        items = []
        for vm in self.vms:
            vmid = vm.vmid
            if audit is not None and not audit(vmid):
                continue
            node = vm.node
            online, when = at.get(node) or (True, self.vt_pvestatd_time(node, now))
            status = vm.status
            template = vm.template
            qmp = vm.qmpstatus
            # The memory an int as a rule: int(str(..).split('=')[-1]) is for strings.
            memory, maxcpu, tags, maxdisk = self._vt_vm_listed(vm)
            fig = self._vt_vm_round(vm, when, memory) if status == 'running' and not template else _STILL
            mem = fig[1]
            item = {'id': 'qemu/{0}'.format(vmid), 'type': 'qemu', 'node': node, 'name': vm.name, 'vmid': vmid,
                    'status': status if online else 'unknown', 'template': 1 if template else 0,
                    'cpu': fig[0], 'mem': mem, 'memhost': mem, 'disk': 0, 'diskread': fig[5], 'diskwrite': fig[6],
                    'netin': fig[3], 'netout': fig[4], 'maxdisk': maxdisk,
                    'maxmem': memory * MiB if type(memory) is int else int(str(memory).split('=')[-1]) * MiB,
                    'maxcpu': maxcpu, 'uptime': fig[2]}
            if vm.stats:
                item.update((k, v) for k, v in vm.stats.items() if k in _VM_USAGE)
            # pvestatd reports the qmpstatus, so /cluster/resources says 'paused', 'io-error' ...;
            # an offline node's guests stay 'unknown'.
            if status == 'running' and online and qmp not in (None, 'running', 'stopped'):
                item['status'] = qmp
            if tags:
                item['tags'] = tags
            if vm.lock:
                item['lock'] = vm.lock
            if vm.pool:
                item['pool'] = vm.pool
            if vm.ha_state is not None:  # fakepve's vm.ha_managed
                item['hastate'] = vm.ha_state
            items.append(item)
        return items

    def _vt_ct_items(self, audit, at, now):
        # fakepve's container items (lxc.py ct_resources, fakepve 0.5.0, which fills fixed zeros
        # and ignores ct.stats): its fields in its order with the same figures as _status, then
        # any ct.stats pinned. Its _cpus, _maxmem, name, template and lock written out (each a
        # call per container).
        items = []
        for ct in self.cts:
            vmid = ct.vmid
            if audit is not None and not audit(vmid):
                continue
            node = ct.node
            online, when = at.get(node) or (True, self.vt_pvestatd_time(node, now))
            status = ct.status
            config = ct.config
            template = bool(config.get('template'))
            maxdisk = self._maxdisk(ct)
            if status == 'running' and not template:
                fig = self._vt_ct_round(ct, when)
                # Containers do report filesystem usage (VMs need an agent for it).
                disk = int(maxdisk * (self._vt_loads.get(vmid) or self._vt_load(vmid))[13])
            else:
                fig, disk = _STILL, 0
            item = {'id': 'lxc/{0}'.format(vmid), 'type': 'lxc', 'node': node,
                    'name': config.get('hostname') or 'CT{0}'.format(vmid), 'vmid': vmid,
                    'status': status if online else 'unknown', 'template': 1 if template else 0,
                    'maxcpu': config.get('cores') or config.get('cpulimit') or 1,
                    'maxmem': int(config.get('memory') or 512) * 1048576, 'maxdisk': maxdisk,
                    'cpu': fig[0], 'mem': fig[1], 'disk': disk, 'uptime': fig[2], 'netin': fig[3], 'netout': fig[4],
                    'diskread': fig[5], 'diskwrite': fig[6]}
            lock = config.get('lock')
            if lock:
                item['lock'] = lock
            if ct.pool:
                item['pool'] = ct.pool
            tags = config.get('tags')
            if tags:
                item['tags'] = tags
            if ct.ha_state is not None:  # fakepve's ct.ha_managed
                item['hastate'] = ct.ha_state
            if ct.stats:
                item.update((k, v) for k, v in ct.stats.items() if k in item)
            items.append(item)
        return items

    @staticmethod
    def vt_pvestatd_time(node, now):
        """When the node's pvestatd last sent its figures: every PVESTATD_S, at a moment of its own."""
        return now - (now - _pvestatd_phase(node)) % PVESTATD_S

    def _vt_load(self, vmid):
        """The guest's `_load_profile` tuple, made on first use."""
        prof = self._vt_loads.get(vmid)
        if prof is None:
            # A string seed hashes the same in every process (unlike hash() of a tuple).
            prof = self._vt_loads[vmid] = _load_profile('{0}:{1}'.format(self.vt_seed, vmid))
        return prof

    def _vt_profile(self, vmid):
        """The guest's load profile by name (PROFILE_KEYS), as rrd.py reads it."""
        return dict(zip(PROFILE_KEYS, self._vt_load(vmid), strict=False))  # without the derived ones

    def vt_figures(self, guest, now=None):
        """Usage of a guest (FakeVm or FakeCt) at time ``now`` (default: ``vt_clock()``).

        Returns cpu (0..1), mem (bytes), uptime (s) and the cumulative netin, netout, diskread,
        diskwrite byte counters since the guest started; all zero unless it runs. A paused VM
        keeps its memory and uptime but uses no CPU.
        """
        return self._vt_figures_at(guest, self.vt_clock() if now is None else now)

    def _vt_figures_at(self, guest, now):
        if guest.status != 'running' or guest.template:
            return dict(zip(FIGURE_KEYS, _STILL, strict=True))
        return dict(zip(FIGURE_KEYS, _figures(
            self._vt_load(guest.vmid), guest.vmid, self.vt_seed, now, guest.started_at,
            getattr(guest, 'qmpstatus', 'running') != 'running', guest.config.get('memory', 512)), strict=True))

    @staticmethod
    def _vm_maxdisk(vm):
        # PVE's maxdisk is the boot disk's size; fakepve takes the first disk key in sorted
        # order, which for a UEFI VM is the 4 MiB efidisk0. Look at the boot order first.
        order = str(vm.config.get('boot', ''))
        if order.startswith('order='):
            for key in order[len('order='):].split(';'):
                size = _drive_bytes(str(vm.config.get(key, '')))
                if size is not None:
                    return size
        return FakePve._vm_maxdisk(vm)

    @staticmethod
    def _maxdisk(ct):
        # fakepve's (lxc.py), the container's rootfs size, parsed once per rootfs string.
        return _rootfs_bytes(str(ct.config.get('rootfs', '')))

    async def _config_get(self, request):
        # PVE's load_current_config: pending values replace the current ones and keys pending
        # deletion are left out, unless current=1 asks for what runs now.
        response = await super()._config_get(request)
        vm = self._vm(request)
        if response.status != 200 or not vm.pending or request.query.get('current') in ('1', 'true'):
            return response
        body = json.loads(response.text)
        for key, value in vm.pending.items():
            if value is None:
                body['data'].pop(key, None)
            else:
                body['data'][key] = str(value) if key == 'memory' else value
        return web.json_response(body)

    def _vm_usage(self, vm):
        # fakepve's shared source of the VM list and status/current (server.py _vm_usage,
        # fakepve 0.5.0; its /cluster/resources items are _vt_vm_items' own): its fields in its
        # order, the moving figures in place of its fixed ones, then any vm.stats a test pinned
        # (as fakepve does). Made here in one go rather than fakepve's dict overlaid twice.
        figures = self.vt_figures(vm)
        config = vm.config
        mem = figures['mem']
        data = {'cpu': figures['cpu'], 'mem': mem, 'memhost': mem, 'disk': 0, 'diskread': figures['diskread'],
                'diskwrite': figures['diskwrite'], 'netin': figures['netin'], 'netout': figures['netout'],
                'maxdisk': self._vm_maxdisk(vm), 'maxmem': int(str(config.get('memory', 512)).split('=')[-1]) * MiB,
                'maxcpu': int(config.get('cores', 1)) * int(config.get('sockets', 1)), 'uptime': figures['uptime']}
        if vm.stats:
            data.update((k, v) for k, v in vm.stats.items() if k in data)
        return data

    def _vm_status(self, vm, listing=False):
        # status/current and /nodes/{node}/qemu say 'running' (with qmpstatus 'paused' in
        # status/current) where /cluster/resources says 'paused': the plain status, even over
        # a vm.stats entry.
        data = super()._vm_status(vm, listing)
        data['status'] = vm.status
        return data

    def _vt_ct_figures(self, ct):
        data = self.vt_figures(ct)
        # Containers do report filesystem usage (VMs need an agent for it).
        running = ct.status == 'running' and not ct.template
        data['disk'] = int(self._maxdisk(ct) * self._vt_load(ct.vmid)[13]) if running else 0
        return data

    def _status(self, ct):
        # Container status/current and the node's container list.
        data = super()._status(ct)
        data.update(self._vt_ct_figures(ct))
        data.update(ct.stats)
        return data

    def ct_resources(self, user, kind=None):
        # fakepve's containers of /cluster/resources (lxc.py, fakepve 0.5.0); _resources makes them itself.
        if kind not in (None, 'vm'):
            return []
        return self._vt_ct_items(*self._vt_listing(user))

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
        # fakepve's (server.py _nodes, fakepve 0.5.0), with each node's certificate fingerprint
        # as real PVE lists it (upper case, as OpenSSL prints it) in place of fakepve's fixed
        # placeholder; made here, not fakepve's answer decoded and encoded again (50 nodes:
        # ~0.43 ms, asked once per cluster at the app's start).
        fingerprint = self.vt_fingerprint.upper() if self.vt_fingerprint else fakepve.shapes.FINGERPRINT
        data = []
        for name, state in sorted(self.nodes.items()):
            online = state.get('online', True)
            item = {'node': name, 'id': 'node/' + name, 'status': 'online' if online else 'offline', 'type': 'node',
                    'level': '', 'ssl_fingerprint': fingerprint}
            item.update(self._node_stats(online))
            data.append(item)
        return web.json_response({'data': data}) if self.vt_fingerprint else _ok(data)

    def _routes_virton_demo(self):
        # Alphabetically after fakepve's own _routes_* tables; these paths are generic there.
        return [('GET', '/nodes/{node}/network', self._vt_network),
                ('GET', '/nodes/{node}/network/{iface}', self._vt_network_iface),
                ('GET', '/nodes/{node}/status', self._vt_node_status),
                ('GET', '/cluster/tasks', self._vt_cluster_tasks)]

    async def _vt_cluster_tasks(self, v, user):
        """PVE's cluster task list: the newest tasks of every node, finished ones with their exit status."""
        recent = sorted(self.tasklog, key=lambda t: -t['starttime'])[:200]
        return self.vt_cluster_tasks(user, recent)

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


# What aiohttp's resources and routes hold (aiohttp 3.14), which DemoPve._vt_app_like copies.
_RESOURCE_STATE = {web.PlainResource: {'_name', '_routes', '_any_route', '_allowed_methods', '_path'},
                   web.DynamicResource: {'_name', '_routes', '_any_route', '_allowed_methods', '_orig_path',
                                         '_pattern', '_formatter'}}
_ROUTE_STATE = {'_method', '_handler', '_expect_handler', '_resource'}


# id of a code object -> (it, whether it assigns to an enclosing function's variable): by id,
# as hashing a code object hashes its bytecode.
_ASSIGNS_FREE = {}


def _assigns_free(code):
    """Whether the code assigns to a variable of an enclosing function (`nonlocal x; x = ...`)."""
    known = _ASSIGNS_FREE.get(id(code))
    if known is None or known[0] is not code:
        assigns = any(ins.opname == 'STORE_DEREF' and ins.argval in code.co_freevars
                      for ins in dis.get_instructions(code))
        known = _ASSIGNS_FREE[id(code)] = (code, assigns)
    return known[1]


class _Rebinder:
    """One DemoPve's route handlers turned into the same handlers of another (DemoPve._vt_app_like):
    a bound method of the first is bound to the second; a closure (fakepve makes one or two per
    route: `_stateful_handler`'s, `_lxc_handler`'s, the firewall's `bind`) is made again from its
    code with its cells so turned; strings, numbers and None are shared. LookupError for anything
    else, or a closure that assigns to its cells (its copy would no longer share them)."""

    _SHARED = frozenset((str, bytes, int, float, bool, type(None)))

    def __init__(self, old, new):
        # id -> (the value, its copy): what two routes share stays shared (and the value alive).
        self._made = {id(old): (old, new)}

    def __call__(self, value):
        kind = type(value)
        if kind in self._SHARED:
            return value
        made = self._made.get(id(value))
        if made is not None and made[0] is value:
            return made[1]
        if kind is types.MethodType:
            copy = types.MethodType(value.__func__, self(value.__self__))
        elif kind is types.FunctionType:
            copy = self._function(value)
        elif kind is tuple:
            copy = tuple(self(item) for item in value)
        else:
            raise LookupError(value)
        self._made[id(value)] = (value, copy)
        return copy

    def _function(self, fn):
        code = fn.__code__
        if not fn.__closure__ and not fn.__defaults__ and not fn.__kwdefaults__:
            return fn  # holds nothing of the first
        if fn.__kwdefaults__ or fn.__dict__ or _assigns_free(code):
            raise LookupError(fn)
        try:
            cells = tuple([types.CellType(self(cell.cell_contents)) for cell in fn.__closure__]) \
                if fn.__closure__ else None
        except ValueError:  # an empty cell
            raise LookupError(fn) from None
        made = types.FunctionType(code, fn.__globals__, fn.__name__, self(fn.__defaults__), cells)
        made.__qualname__ = fn.__qualname__
        return made


def build_demo_cluster(guests=None, seed=0, time_scale=1.0, latency=0.0, index=0):
    """A DemoPve (not started) with the demo cluster; see the module docstring.

    guests: None for the fixed three-node cluster, or a number of generated guests over 50
    nodes. seed: varies the figures (and the generated layout). time_scale: real seconds per
    PVE second for tasks (0: tasks finish before the answer). latency: real seconds added to
    every answer, whatever the time_scale. index: which of several demo clusters (0: 'demo';
    others are members.py's, told apart by name, nodes and ids).
    """
    pve = new_demo_pve(seed=seed, time_scale=time_scale, latency=latency, index=index)
    fill_demo_cluster(pve, guests=guests, seed=seed, index=index)
    return pve


def route_template():
    """A DemoPve that serves nothing, with its app built: what every cluster a demo process
    serves copies its routes from (DemoPve._vt_app_like, served.serve_clusters). Made once
    before the demo's processes fork (__main__.py), so that neither of them registers the ~440
    routes itself (each process's first cluster did: ~36 ms of CPU, against ~6 for a copy)."""
    template = new_demo_pve()
    template._build_app()
    return template


def new_demo_pve(seed=0, time_scale=1.0, latency=0.0, index=0):
    """The DemoPve of cluster `index`, named and versioned, before its storages, guests and users
    (`fill_demo_cluster`): enough to serve from (its login, password and name are known)."""
    pve = DemoPve(host='127.0.0.1', port=0, seed=seed)
    pve.cluster_name = member_name(index)
    pve.time_scale = time_scale
    pve.vt_latency = latency
    # The first cluster runs PVE 9.1 (node-independent bulk actions: bulk_action.py), the others
    # 9.0, so a palette run across clusters meets both ways of doing it.
    pve.version, pve.release_version = ('9.1.2', '9.1') if index == 0 else ('9.0.10', '9.0')
    return pve


def fill_demo_cluster(pve, guests=None, seed=0, index=0):
    """Give `new_demo_pve`'s cluster its storages, nodes, guests, users and agents."""
    rng = random.Random(seed + index)
    now = time.time()
    add_storages(pve)
    if index:
        add_demo_access(pve, build_member(pve, index, guests, rng, now))
        add_backup_jobs(pve, now, member=True)
    elif guests is None:
        build_default(pve, rng, now)
        add_clone_inventory(pve)
        add_migration_demo(pve)
        add_demo_cloudinit(pve)
        add_spice_keys_demo(pve)
        add_backup_jobs(pve, now)
        add_demo_access(pve)
    else:
        build_many(pve, int(guests), rng, now)
        add_demo_access(pve)
    add_agent_demo(pve)
    add_incoming_tokens(pve)
