"""The demo cluster (virton_desktop.demo): layout, PVE-like behaviour, figures, serving, CLI."""

import json
import os
import ssl
import subprocess
import sys
import time

import pytest
import requests

from virton_desktop.demo import ServedDemo, build_demo_cluster, fingerprint_of

from helpers import proxmox

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def guests_by_id(px):
    return {g['vmid']: g for g in px.cluster.resources.get(type='vm')}


# ------------------------------------------------------------------ layout

def test_three_online_nodes(demo):
    nodes = proxmox(demo).nodes.get()
    assert [(n['node'], n['status']) for n in nodes] == [('pve1', 'online'), ('pve2', 'online'), ('pve3', 'online')]


def test_guest_mix(demo):
    guests = guests_by_id(proxmox(demo))
    assert 22 <= len(guests) <= 38  # 34 with the HA-managed guests (120-122, 209), 38 with the clone templates
    assert {g['type'] for g in guests.values()} == {'qemu', 'lxc'}
    assert {100, 101, 105, 107, 9000, 200, 201} <= set(guests)
    assert all(100 <= v < 200 or 9000 <= v < 9100 for v, g in guests.items() if g['type'] == 'qemu')
    assert all(200 <= v < 300 or v == 9100 for v, g in guests.items() if g['type'] == 'lxc')
    assert guests[100]['status'] == 'running' and guests[100]['tags'] == 'prod;web'
    assert guests[101]['status'] == 'stopped'
    assert guests[200]['status'] == 'running' and guests[201]['status'] == 'stopped'
    # 117 is hibernated: stopped with `lock: suspended` (issue 16)
    assert [v for v, g in guests.items() if g.get('lock') not in (None, 'suspended')] == [105]
    assert guests[105]['lock'] == 'backup'
    assert sorted(v for v, g in guests.items() if g['template']) == [9000, 9001, 9002, 9100]  # demo/clone.py
    assert guests[9000]['name'] == 'debian-13-cloud'
    names = {g['name'] for g in guests.values()}
    assert {'web1', 'db-primary', 'gitlab', 'win2022-ad', 'k8s-node-1', 'dns1'} <= names


def test_configs_look_real(demo):
    px = proxmox(demo)
    cfg = px.nodes('pve1').qemu(100).config.get()
    assert cfg['scsi0'].startswith('local-lvm:vm-100-disk-0,') and 'size=32G' in cfg['scsi0']
    assert cfg['net0'].startswith('virtio=BC:24:11:') and 'bridge=vmbr0' in cfg['net0'] and 'tag=20' in cfg['net0']
    assert 'media=cdrom' in cfg['ide2'] and cfg['ostype'] == 'l26'
    assert int(cfg['memory']) == 4096 and cfg['cores'] == 2
    assert px.nodes('pve3').qemu(105).config.get()['lock'] == 'backup'
    assert 'bridge=vmbr1' in px.nodes('pve1').qemu(102).config.get()['net0']
    tmpl = px.nodes('pve1').qemu(9000).config.get()
    assert tmpl['template'] == 1 and tmpl['scsi0'].startswith('local-lvm:base-9000-disk-0,')
    ct = px.nodes('pve1').lxc(200).config.get()
    assert ct['hostname'] == 'dns1' and ct['rootfs'].startswith('local-lvm:vm-200-disk-0,')
    assert ct['net0'].startswith('name=eth0,bridge=vmbr0,') and 'ip=dhcp' in ct['net0']
    # The boot disk's size, not the 4 MiB EFI disk sorted first.
    assert guests_by_id(px)[106]['maxdisk'] == 80 * 1024 ** 3


def test_fingerprint_is_the_served_certificate(demo):
    with open(demo.cafile) as fh:
        der = ssl.PEM_cert_to_DER_cert(fh.read())
    assert demo.fingerprint == fingerprint_of(der)
    assert len(demo.fingerprint) == 95 and demo.fingerprint == demo.fingerprint.lower()
    assert demo.fingerprint_hex == demo.fingerprint.replace(':', '')
    assert demo.url == 'https://127.0.0.1:{0}'.format(demo.port)
    # /nodes names the same certificate for every node, as PVE prints it (upper case).
    assert {n['ssl_fingerprint'] for n in proxmox(demo).nodes.get()} == {demo.fingerprint.upper()}


# ------------------------------------------------------------------ paused

def test_paused_vm_shows_paused_in_resources_only(demo):
    px = proxmox(demo)
    assert guests_by_id(px)[107]['status'] == 'paused'
    current = px.nodes('pve3').qemu(107).status.current.get()
    assert (current['status'], current['qmpstatus']) == ('running', 'paused')
    assert current['cpu'] == 0
    listed = {g['vmid']: g for g in px.nodes('pve3').qemu.get()}
    assert listed[107]['status'] == 'running'


def test_suspend_and_resume_follow_in_resources(demo):
    px = proxmox(demo)
    px.nodes('pve1').qemu(100).status.suspend.post()
    assert guests_by_id(px)[100]['status'] == 'paused'
    px.nodes('pve1').qemu(100).status.resume.post()
    px.nodes('pve3').qemu(107).status.resume.post()
    guests = guests_by_id(px)
    assert guests[100]['status'] == guests[107]['status'] == 'running'


def test_paused_vm_on_offline_node_is_unknown(demo):
    demo.pve.set_node_offline('pve3')
    assert guests_by_id(proxmox(demo))[107]['status'] == 'unknown'


# ------------------------------------------------------------------ figures

def test_figures_move_with_the_clock(demo):
    px = proxmox(demo)
    t0 = time.time()
    demo.pve.vt_clock = lambda: t0
    vm0, ct0 = px.nodes('pve1').qemu(100).status.current.get(), px.nodes('pve1').lxc(200).status.current.get()
    res0 = guests_by_id(px)
    demo.pve.vt_clock = lambda: t0 + 37
    vm1, ct1 = px.nodes('pve1').qemu(100).status.current.get(), px.nodes('pve1').lxc(200).status.current.get()
    res1 = guests_by_id(px)
    for before, after in ((vm0, vm1), (ct0, ct1)):
        assert after['uptime'] == before['uptime'] + 37
        for key in ('netin', 'netout', 'diskread', 'diskwrite'):
            assert after[key] > before[key] > 0
        assert 0 < after['cpu'] <= 1 and 0 < after['mem'] < after['maxmem']
        assert after['mem'] != before['mem']
    # CPU is rounded to 4 digits and can repeat by chance at two instants; over several it moves.
    cpus = set()
    for k in range(6):
        demo.pve.vt_clock = lambda k=k: t0 + 37 * k
        cpus.add(px.nodes('pve1').qemu(100).status.current.get()['cpu'])
    assert len(cpus) > 1
    # /cluster/resources has what status/current said at the node's last pvestatd round.
    rounds = []
    for t in (t0, t0 + 37):
        demo.pve.vt_clock = lambda t=t: demo.pve.vt_pvestatd_time('pve1', t)
        rounds.append((px.nodes('pve1').qemu(100).status.current.get(), px.nodes('pve1').lxc(200).status.current.get()))
    for key in ('cpu', 'mem', 'netin', 'netout', 'diskread', 'diskwrite', 'uptime'):
        assert res0[100][key] == rounds[0][0][key] and res1[100][key] == rounds[1][0][key]
        assert res0[200][key] == rounds[0][1][key] and res1[200][key] == rounds[1][1][key]
    assert res1[200]['disk'] > 0          # containers report filesystem usage
    for vmid in (101, 201, 9000):         # stopped guests and the template: nothing moves
        assert all(res1[vmid][k] == 0 for k in ('cpu', 'mem', 'netin', 'netout', 'uptime'))


def test_counters_never_go_back():
    pve = build_demo_cluster(time_scale=0)
    now = time.time()
    for guest in pve.vms + pve.cts:
        seq = [pve.vt_figures(guest, now + dt) for dt in range(0, 3600, 7)]
        for key in ('netin', 'netout', 'diskread', 'diskwrite', 'uptime'):
            values = [f[key] for f in seq]
            assert values == sorted(values)
        assert all(0 <= f['cpu'] <= 1 for f in seq)


def test_seed_changes_figures_not_layout():
    a, b = build_demo_cluster(seed=1), build_demo_cluster(seed=2)
    assert [(g.vmid, g.name) for g in a.vms + a.cts] == [(g.vmid, g.name) for g in b.vms + b.cts]
    now = time.time()
    assert a.vt_figures(a.vm(100), now)['cpu'] != b.vt_figures(b.vm(100), now)['cpu']


def test_node_status_is_believable(demo):
    status = proxmox(demo).nodes('pve2').status.get()
    assert status['cpuinfo']['cpus'] > 1 and 'EPYC' in status['cpuinfo']['model']
    assert 0 < status['memory']['used'] < status['memory']['total']
    assert status['uptime'] > 86400


# ------------------------------------------------------------------ network, storage

def test_bridges(demo):
    node = proxmox(demo).nodes('pve2')
    assert [i['iface'] for i in node.network.get(type='bridge')] == ['vmbr0', 'vmbr1']
    assert [i['iface'] for i in node.network.get(type='any_bridge')] == ['vmbr0', 'vmbr1']
    assert [i['iface'] for i in node.network.get(type='eth')] == ['eno1', 'eno2']
    assert {i['iface'] for i in node.network.get()} == {'eno1', 'eno2', 'vmbr0', 'vmbr1'}
    assert node.network('vmbr1').get()['bridge_vlan_aware'] == 1


def test_storages_and_content(demo):
    px = proxmox(demo)
    stores = {s['storage']: s for s in px.storage.get()}
    assert {k: stores[k]['type'] for k in stores} == {'local': 'dir', 'local-lvm': 'lvmthin', 'nfs-storage': 'nfs',
                                                      'san-lvm': 'lvm', 'nfs-vm': 'nfs'}  # the last two: demo/clone.py
    assert stores['nfs-storage']['shared'] == 1
    node = px.nodes('pve1')
    assert {s['storage'] for s in node.storage.get(content='iso')} == {'local', 'nfs-storage'}
    isos = {c['volid'] for s in ('local', 'nfs-storage') for c in node.storage(s).content.get(content='iso')}
    assert 'local:iso/debian-13.1.0-amd64-netinst.iso' in isos
    assert 'local:iso/ubuntu-24.04.3-live-server-amd64.iso' in isos
    assert 'nfs-storage:iso/virtio-win.iso' in isos and len(isos) == 4
    tmpl = {c['volid'] for c in node.storage('local').content.get(content='vztmpl')}
    assert tmpl == {'local:vztmpl/debian-12-standard_12.7-1_amd64.tar.zst',
                    'local:vztmpl/ubuntu-24.04-standard_24.04-2_amd64.tar.zst',
                    'local:vztmpl/alpine-3.22-default_20250617_amd64.tar.xz'}
    backups = node.storage('nfs-storage').content.get(content='backup')
    assert backups and all(b['volid'].startswith('nfs-storage:backup/vzdump-') and b['vmid'] for b in backups)


# ------------------------------------------------------------------ power actions

def test_start_and_stop_at_time_scale_zero(demo):
    px = proxmox(demo)
    vm, ct = px.nodes('pve1').qemu(101), px.nodes('pve2').lxc(201)
    for guest in (vm, ct):
        upid = guest.status.start.post()
        node = upid.split(':')[1]
        assert px.nodes(node).tasks(upid).status.get()['exitstatus'] == 'OK'
    guests = guests_by_id(px)
    assert guests[101]['status'] == guests[201]['status'] == 'running'
    assert guests[101]['cpu'] > 0 and 0 <= guests[101]['uptime'] < 60
    vm.status.stop.post()
    ct.status.stop.post()
    guests = guests_by_id(px)
    assert guests[101]['status'] == guests[201]['status'] == 'stopped'
    assert guests[101]['cpu'] == 0 and guests[101]['netin'] == 0


def test_locked_vm_refuses_actions(demo):
    from proxmoxer.core import ResourceException
    with pytest.raises(ResourceException, match='locked'):
        proxmox(demo).nodes('pve3').qemu(105).status.shutdown.post()


# ------------------------------------------------------------------ latency

def _timed_login(served):
    started = time.monotonic()
    reply = requests.post(served.url + '/api2/json/access/ticket', verify=served.cafile, timeout=30,
                          data={'username': served.user, 'password': served.password})
    assert reply.status_code == 200
    return time.monotonic() - started


def test_latency_is_real_seconds():
    # --latency 2 with the default time_scale 1: every answer waits ~2 s.
    with ServedDemo(latency=2.0) as served:
        assert 1.9 <= _timed_login(served) < 3.5
    # Also at time_scale 0, where fakepve's own slow_network() would do nothing.
    with ServedDemo(latency=0.3, time_scale=0) as served:
        assert 0.28 <= _timed_login(served) < 1.5
        served.pve.vt_latency = 0
        assert _timed_login(served) < 0.28


# ------------------------------------------------------------------ big cluster

def test_ten_thousand_guests():
    started = time.perf_counter()
    pve = build_demo_cluster(guests=10000, time_scale=0)
    assert time.perf_counter() - started < 4      # ~0.4 s here; generous for slow CI
    assert len(pve.nodes) == 50 and len(pve.vms) + len(pve.cts) == 10000
    with ServedDemo(guests=10000, time_scale=0) as served:
        px = proxmox(served)
        started = time.perf_counter()
        guests = px.cluster.resources.get(type='vm')
        assert time.perf_counter() - started < 5     # ~0.3 s here
        assert len(guests) == 10000
        assert sorted(g['vmid'] for g in guests) == list(range(100, 10100))
        statuses = [g['status'] for g in guests]
        assert 0.5 < statuses.count('running') / 10000 < 0.7
        assert statuses.count('paused') > 10
        assert 0.6 < sum(g['type'] == 'qemu' for g in guests) / 10000 < 0.8
        assert any(g.get('lock') for g in guests) and any(g['template'] for g in guests)
        assert {g['node'] for g in guests} == {'pve{0}'.format(i) for i in range(1, 51)}


def test_generated_configs_are_written_out_when_read_and_listed_the_same_before():
    """A generated VM's config is written out when first read (inventory.GeneratedVm): its
    cluster is built and listed without them, and the list it shows is the list once every
    config is written out."""
    from virton_desktop.demo.cluster import fill_demo_cluster, new_demo_pve
    from virton_desktop.demo.inventory import GeneratedVm

    pve = new_demo_pve(seed=5, index=2)
    fill_demo_cluster(pve, guests=400, seed=5, index=2)
    pve.vt_clock = lambda: 1796500000.0
    generated = [vm for vm in pve.vms if isinstance(vm, GeneratedVm)]
    assert len(generated) > 200
    before = _listed_now(pve)
    untouched = sum(vm.vt_known is not None for vm in generated)
    assert untouched > 0.95 * len(generated)  # a template's was read (its disks renamed base-)
    configs = [vm.config for vm in pve.vms]
    assert all(c['name'] and c['smbios1'].startswith('uuid=') and 'size=' in c['scsi0'] for c in configs)
    assert all(vm.vt_known is None for vm in generated)
    assert _listed_now(pve) == before


def test_a_generated_vms_config_written_through_the_api_is_what_the_list_shows():
    with ServedDemo(guests=60, time_scale=0) as served:
        px = proxmox(served)
        listed = guests_by_id(px)
        vm = next(g for g in listed.values() if g['type'] == 'qemu' and not g['template'] and g['status'] == 'stopped')
        node = px.nodes(vm['node']).qemu(vm['vmid'])
        assert int(node.config.get()['memory']) * 1024 ** 2 == vm['maxmem']
        disk = 'local-lvm:vm-{0}-disk-0,size=77G'.format(vm['vmid'])
        node.config.put(memory=3072, cores=3, tags='edited', scsi0=disk)
        now = guests_by_id(px)[vm['vmid']]
        shown = (now['maxmem'], now['maxcpu'], now['tags'], now['maxdisk'])
        assert shown == (3072 * 1024 ** 2, 3, 'edited', 77 * 1024 ** 3)


def test_generated_uuids_are_the_uuid_modules():
    """The builders' fast uuid4 strings (smbios1, vmgenid) are exactly uuid.UUID(int=..., version=4)."""
    import random
    import uuid

    from virton_desktop.demo.inventory import _uuid4

    draws = random.Random(7)
    for bits in [0, (1 << 128) - 1] + [draws.getrandbits(128) for _ in range(2000)]:
        assert _uuid4(bits) == str(uuid.UUID(int=bits, version=4))


def test_generated_macs_are_proxmox_oui_hex_pairs():
    """The builders' MACs (cut from one hex string) are BC:24:11 and the vmid/NIC's three bytes."""
    from virton_desktop.demo.inventory import _mac

    for vmid in list(range(100, 3000)) + [999999, 1000100, 2 ** 20 + 5]:
        for nic in (0, 1, 15):
            n = (vmid * 16 + nic) & 0xFFFFFF
            assert _mac(vmid, nic) == 'BC:24:11:{0:02X}:{1:02X}:{2:02X}'.format(n >> 16, (n >> 8) & 0xFF, n & 0xFF)


def test_clusters_served_before_they_are_built_answer_once_built():
    """serve_clusters(build_later=True), as the CLI serves: listening at once, built one after
    another on their own loops; a login meanwhile waits and then sees the whole cluster, the same
    as a cluster built first."""
    from virton_desktop.demo.served import serve_clusters

    served = serve_clusters(2, time_scale=0, build_later=True)
    try:
        late = served[1]
        guests = sorted((g['vmid'], g['name'], g['node'], g['status'])
                        for g in proxmox(late).cluster.resources.get(type='vm'))
        assert served[0].built.is_set() and late.built.is_set()  # in order: the first before the second
        reference = build_demo_cluster(time_scale=0, index=1)
        assert guests == sorted((g.vmid, g.name, g.node, g.status) for g in list(reference.vms) + reference.cts)
        assert len(guests) == 12 and late.name == 'demo-2'
        assert late.pve.vt_peers is served[0].pve.vt_peers  # peers for remote migration, as before
    finally:
        for demo in served:
            demo.close()


def test_the_next_cluster_is_built_once_the_one_before_has_answered_its_guest_list(monkeypatch):
    """build_in_order: a cluster's guest list is answered before the next cluster is built (as
    clusters on machines of their own answer: each first list without the next build beside it
    in the process), or, when nobody asks for it, FIRST_LIST_WAIT_S after its build."""
    from virton_desktop.demo import served as served_module

    monkeypatch.setattr(served_module, 'FIRST_LIST_WAIT_S', 60.0)  # nobody asks: the next waits long
    served = served_module.serve_clusters(2, time_scale=0, build_later=True)
    try:
        assert served[0].built.wait(10)
        assert not served[1].built.wait(0.3)  # the first one's list not asked for yet
        assert proxmox(served[0]).cluster.resources.get(type='vm')
        assert served[1].built.wait(10)  # once it was answered
    finally:
        for demo in served:
            demo.close()


def test_the_next_cluster_is_built_after_a_while_when_no_list_is_asked_for(monkeypatch):
    from virton_desktop.demo import served as served_module

    monkeypatch.setattr(served_module, 'FIRST_LIST_WAIT_S', 0.05)
    served = served_module.serve_clusters(3, time_scale=0, build_later=True)
    try:
        assert served[2].built.wait(10)  # built one after another without a request
    finally:
        for demo in served:
            demo.close()


def test_clusters_built_before_anyone_can_ask_do_not_wait_for_lists(monkeypatch):
    """Built before the demo's line is out (--activity, a node's certificate to rotate, a login
    with a second factor): nobody can ask for a list yet, so none is waited for."""
    from virton_desktop.demo import served as served_module

    monkeypatch.setattr(served_module, 'FIRST_LIST_WAIT_S', 60.0)
    served = served_module.serve_clusters(3, time_scale=0, build_later=True, hold_builds=True)
    try:
        served_module.build_in_order(served, after_lists=False)
        assert served[2].built.wait(10)
    finally:
        for demo in served:
            demo.close()


def test_held_builds_leave_every_loop_free_until_built_in_order():
    """serve_clusters(hold_builds=True), as the CLI serves until its line is out: nothing is built
    until build_in_order, yet every cluster's loop answers meanwhile (the peer server listens on
    the first one: it used to wait for that cluster's build); then they are built in order, once."""
    import asyncio

    from virton_desktop.demo.peers import PeerServer
    from virton_desktop.demo.served import build_in_order, serve_clusters

    served = serve_clusters(2, time_scale=0, build_later=True, hold_builds=True)
    peer_server = None
    try:
        peer_server = PeerServer(served)
        assert [demo.call(asyncio.sleep(0, result=demo.name), timeout=5) for demo in served] == ['demo', 'demo-2']
        assert not any(demo.built.is_set() for demo in served)
        build_in_order(served)
        build_in_order(served)  # the CLI may ask twice (built before its line for --activity): once
        guests = proxmox(served[1]).cluster.resources.get(type='vm')
        assert served[0].built.is_set() and served[1].built.is_set()
        reference = build_demo_cluster(time_scale=0, index=0)
        assert len(guests) == 12 and len(served[0].pve.vms) == len(reference.vms)  # built once
    finally:
        if peer_server is not None:
            peer_server.close()
        for demo in served:
            demo.close()


def _handler_shape(handler, held, seen=()):
    """A route handler's make-up (qualnames, constants), collecting the DemoPve objects it holds."""
    import types

    from virton_desktop.demo import DemoPve

    if isinstance(handler, DemoPve):
        held.append(handler)
        return 'pve'
    if isinstance(handler, types.MethodType):
        return ('method', handler.__func__, _handler_shape(handler.__self__, held))
    if isinstance(handler, types.FunctionType):
        cells = tuple(_handler_shape(c.cell_contents, held) for c in handler.__closure__ or ())
        return ('function', handler.__code__, cells, _handler_shape(handler.__defaults__, held))
    if isinstance(handler, tuple):
        return tuple(_handler_shape(item, held) for item in handler)
    assert isinstance(handler, (str, int, float, type(None))), handler
    return handler


def _count_route_builds(monkeypatch) -> list:
    """The DemoPves that register their routes themselves (FakePve._build_app), as they do."""
    from fakepve import FakePve

    built = []
    registered = FakePve._build_app
    monkeypatch.setattr(FakePve, '_build_app', lambda pve: built.append(pve) or registered(pve))
    return built


def _assert_copied_routes(demo, source_app):
    """The served cluster's app is a copy of `source_app`: the same routes, patterns and
    middlewares as an app built anew, each handler holding this cluster only; and it answers
    with its own guests."""
    copied = demo.pve.runner.app
    held = []
    shape = [(r.method, r.resource.canonical, getattr(r.resource, '_pattern', None),
              sorted(r.resource._allowed_methods), _handler_shape(r.handler, held))
             for r in copied.router.routes()]
    shape.append([_handler_shape(m, held) for m in copied.middlewares])
    assert held and all(pve is demo.pve for pve in held)
    assert copied is not source_app and demo.pve.vt_routes_like is None
    fresh = build_demo_cluster(time_scale=0, index=2)._build_app()  # as without a copy
    others = []
    expected = [(r.method, r.resource.canonical, getattr(r.resource, '_pattern', None),
                 sorted(r.resource._allowed_methods), _handler_shape(r.handler, others))
                for r in fresh.router.routes()]
    expected.append([_handler_shape(m, others) for m in fresh.middlewares])
    assert shape == expected and len(shape) > 400
    assert copied.router._resource_index.keys() == fresh.router._resource_index.keys()
    px = proxmox(demo)
    names = {g['name'] for g in px.cluster.resources.get(type='vm')}
    assert names == {g.name for g in list(demo.pve.vms) + demo.pve.cts}
    container = demo.pve.cts[0]  # an _lxc_handler route and a stateful (firewall) one
    assert px.nodes(container.node).lxc(container.vmid).config.get()['hostname'] == container.name
    assert px.nodes(container.node).lxc(container.vmid).firewall.options.get() is not None


def test_later_clusters_copy_the_first_ones_routes_bound_to_themselves(monkeypatch):
    """serve_clusters' clusters after the first copy its app (DemoPve._vt_app_like) instead of
    registering every route again: the same routes, patterns and middlewares as an app built
    anew, each handler holding its own cluster only; and they answer with their own guests."""
    from virton_desktop.demo.served import serve_clusters

    built = _count_route_builds(monkeypatch)
    served = serve_clusters(3, time_scale=0)
    try:
        assert built == [served[0].pve]  # the others copied its app
        for demo in served[1:]:
            _assert_copied_routes(demo, served[0].pve.runner.app)
    finally:
        for demo in served:
            demo.close()


def test_every_cluster_copies_a_route_template_made_before_the_processes_fork(monkeypatch):
    """The demo's processes (__main__._before_fork): the routes are registered once, in a route
    template that serves nothing, before the fork; every cluster of every process copies them,
    bound to itself, the first one of each process included (it registered them itself, ~36 ms
    of CPU a process)."""
    from virton_desktop.demo.__main__ import _before_fork
    from virton_desktop.demo.served import serve_clusters

    built = _count_route_builds(monkeypatch)
    template = _before_fork()
    assert built == [template] and template.runner is None and template.vt_app is not None
    served = serve_clusters(4, time_scale=0, indices=[1, 3], routes_like=template)  # a sibling's share
    try:
        assert built == [template]
        for demo in served:
            _assert_copied_routes(demo, template.vt_app)
    finally:
        for demo in served:
            demo.close()


# ------------------------------------------------------------------ CLI

def _spawn(*args):
    env = dict(os.environ, PYTHONPATH=ROOT + os.pathsep + os.environ.get('PYTHONPATH', ''))
    return subprocess.Popen([sys.executable, '-m', 'virton_desktop.demo', '--port', '0', *args], cwd=ROOT, env=env,
                            stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def test_cli_prints_one_line_and_serves_until_sigterm():
    proc = _spawn('--time-scale', '0')
    try:
        info = json.loads(proc.stdout.readline())
        assert {'url', 'user', 'password', 'fingerprint'} <= set(info)
        reply = requests.post(info['url'] + '/api2/json/access/ticket', verify=info['cafile'], timeout=30,
                              data={'username': info['user'], 'password': info['password']})
        assert reply.status_code == 200 and reply.json()['data']['ticket']
        proc.terminate()
        out, err = proc.communicate(timeout=20)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.communicate()
    assert proc.returncode == 0, err
    assert out == '' and 'Traceback' not in err        # the JSON line was the only output
    assert not os.path.exists(info['cafile'])            # the temp certificate is cleaned up


def test_cli_exits_on_stdin_eof():
    proc = _spawn('--exit-on-stdin-eof')
    try:
        assert json.loads(proc.stdout.readline())['url'].startswith('https://127.0.0.1:')
        proc.stdin.close()              # as when the parent dies
        proc.wait(timeout=20)
        err = proc.stderr.read()
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
        proc.stdout.close()
        proc.stderr.close()
    assert proc.returncode == 0, err
    assert 'Traceback' not in err


def test_the_guest_list_has_the_figures_of_the_nodes_last_pvestatd_round(demo):
    """PVE lists a guest's figures from the RRD cache its node's pvestatd refreshes every 10 s
    (API2Tools extract_vm_stats, pvestatd.pm $updatetime = 10): polls within one round agree,
    while status/current is live; the next round moves them."""
    px = proxmox(demo)
    t0 = demo.pve.vt_pvestatd_time('pve1', time.time()) + 0.5  # just after pve1's round
    seen = []
    for dt in (0, 3, 6, 9.4):
        demo.pve.vt_clock = lambda dt=dt: t0 + dt
        seen.append((guests_by_id(px)[100], px.nodes('pve1').qemu(100).status.current.get()))
    listed = [{k: row[k] for k in ('cpu', 'mem', 'netin', 'uptime')} for row, _ in seen]
    assert all(row == listed[0] for row in listed)
    assert len({live['uptime'] for _, live in seen}) == 4  # status/current is live
    demo.pve.vt_clock = lambda: t0 + 10
    later = guests_by_id(px)[100]
    assert later['uptime'] == listed[0]['uptime'] + 10 and later['netin'] > listed[0]['netin']
    # Each node has its own moment: 50 nodes do not all send at once.
    assert len({demo.pve.vt_pvestatd_time('pve{0}'.format(n), t0) for n in range(1, 51)}) > 5


def _listed_now(pve):
    audit, at, now = pve._vt_listing('root@pam')
    return pve._vt_vm_items(audit, at, now) + pve._vt_ct_items(audit, at, now)


def test_a_cluster_built_on_its_loop_prepares_its_first_list_which_lists_the_same():
    """Once built, a served cluster makes its first list's figures, load profiles and disk
    sizes on its loop before anyone asks (DemoPve.vt_warm_list); the list made from them is
    the list made without them."""
    from virton_desktop.demo.cluster import _drive_bytes, _rootfs_bytes
    from virton_desktop.demo.served import build_in_order, serve_clusters

    served = serve_clusters(1, guests=300, time_scale=0, build_later=True, hold_builds=True)
    demo = served[0]
    try:
        fixed = demo.pve.vt_pvestatd_time('pve1', time.time()) + 0.5
        demo.pve.vt_clock = lambda: fixed
        build_in_order(served)
        assert demo.warmed.wait(10)
        pve = demo.pve
        running = [g.vmid for g in list(pve.vms) + pve.cts if g.status == 'running' and not g.template]
        assert len(running) > 100 and set(running) <= set(pve._vt_rounds) and set(running) <= set(pve._vt_loads)
        warmed = demo.call(_call_soon(_listed_now, pve))
        pve._vt_rounds.clear()
        pve._vt_loads.clear()
        _drive_bytes.cache_clear()
        _rootfs_bytes.cache_clear()
        assert demo.call(_call_soon(_listed_now, pve)) == warmed
        assert json.dumps(warmed) == json.dumps(proxmox(demo).cluster.resources.get(type='vm'))
    finally:
        demo.close()


async def _call_soon(fn, *args):
    return fn(*args)


def test_preparing_the_first_list_yields_between_chunks_and_stops_once_a_list_is_answered():
    import asyncio

    from virton_desktop.demo.cluster import fill_demo_cluster, new_demo_pve

    pve = new_demo_pve(seed=3, index=1)
    fill_demo_cluster(pve, guests=200, seed=3, index=1)
    pve.vt_listed = asyncio.Event()
    steps = pve.vt_warm_list(chunk=50)
    next(steps)
    first_vms = {vm.vmid for vm in pve.vms[:50] if vm.status == 'running' and not vm.template}
    assert set(pve._vt_rounds) == first_vms  # one chunk, then the loop's turn
    pve.vt_listed.set()  # a list was answered: it made the rest
    assert next(steps, 'done') == 'done'
    assert set(pve._vt_rounds) == first_vms
