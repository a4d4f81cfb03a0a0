"""The other demo clusters of ``--demo --clusters N``: told apart from the first at a glance.

Cluster ``k`` (0-based; 0 is the usual ``demo``) is named ``demo-<k+1>``, its nodes
``demo-<k+1>-pve1``…, its guests' ids start at ``k * 1000 + 100`` (``k * 100000 + 100`` when
generating more than 900), and generated names carry the cluster (``web-c2-00003``). Without
``--guests`` it is a small two-node cluster of 12 guests; with it, that many over 50 nodes.
The small member's first two guests are called ``web1`` and ``db-primary`` with the tags of the
first cluster's (overlapping names and tags across clusters).
Every member has the first cluster's storages plus ``ssd-pool`` (lvmthin: images, rootdir), so a
storage mapping has a real choice, and the demo's users, pool and tokens (the pool holds the
first five guests).

Every cluster, the first included, has two tokens for remote migration into it:
``INCOMING_TOKEN`` (root@pam!incoming, not privilege-separated: everything, Sys.Incoming
included) and ``NO_INCOMING_TOKEN`` (vmadmin@pve!incoming: PVEVMAdmin and PVEDatastoreUser on
/, so VM.Allocate but no Sys.Incoming — PVE's mtunnel refuses it).
"""

from fakepve.lxc import FakeCt

from .inventory import ROLES, TMPL, GiB, _ct_config, _make_template, _place, generated_vm

__all__ = ['INCOMING_TOKEN', 'NO_INCOMING_TOKEN', 'add_incoming_tokens', 'build_member', 'first_vmid',
           'member_name']

INCOMING_TOKEN = ('root@pam!incoming', '5f0c8e2a-6d3b-4e1f-9a7c-2b8d4e6f1a30')
NO_INCOMING_TOKEN = ('vmadmin@pve!incoming', '9b1e4c7d-2a5f-4d8e-b6c3-7e0a1f2d3c45')
SMALL_MEMBER_GUESTS = 12
# The small member's first guests share names and tags with the first cluster's (web1 and
# db-primary there too): a palette query or search for `web1` meets one in each cluster.
SHARED_NAMES = (('web1', 'prod;web'), ('db-primary', 'prod;db'))
_NO_CD = {'ide2': 'none,media=cdrom'}  # _vm_config's `extra`: an empty CD drive


def member_name(index):
    """'demo' for the first cluster, 'demo-2', 'demo-3', … for the others."""
    return 'demo' if index == 0 else 'demo-{0}'.format(index + 1)


def first_vmid(index, count):
    return index * (1000 if count <= 900 else 100000) + 100


def add_incoming_tokens(pve):
    token, secret = INCOMING_TOKEN
    pve.vt_add_token(token, secret, privsep=False)
    token, secret = NO_INCOMING_TOKEN
    pve.users['vmadmin@pve'] = 'vmadmin-demo'
    pve.vt_add_token(token, secret, privsep=False)
    pve.vt_add_acl('/', 'vmadmin@pve', 'PVEVMAdmin')
    pve.vt_add_acl('/', 'vmadmin@pve', 'PVEDatastoreUser')


def build_member(pve, index, count, rng, now):
    """Fill `pve` as cluster `index` (>= 1) with `count` guests (None: the small member)."""
    name = member_name(index)
    small = count is None
    count = SMALL_MEMBER_GUESTS if small else int(count)
    nodes = ['{0}-pve{1}'.format(name, i) for i in range(1, 3 if small else 51)]
    pve.nodes.clear()
    for node in nodes:
        pve.add_node(node)
    pve.storages['ssd-pool'] = {'type': 'lvmthin', 'active': 1, 'content': 'images,rootdir', 'files': set(),
                                'vgname': 'ssd', 'thinpool': 'data', 'total': 3600 * GiB, 'avail': 3100 * GiB}
    base = first_vmid(index, count)
    mark = '-c{0}-'.format(index + 1)
    vms = pve.vms
    for i in range(count):
        vmid = base + i
        role, tags, cores, mem, disk = ROLES[rng.randrange(len(ROLES))]
        node = nodes[i % len(nodes)]
        roll = rng.random()
        state = 'running' if roll < 0.6 else 'stopped'
        guest_name = f'{role}{mark}{i:05d}'  # e.g. web-c2-00003 (~0.5 -> ~0.3 us than str.format)
        if small and i < len(SHARED_NAMES):  # the same names as the first cluster's: search across clusters
            guest_name, tags = SHARED_NAMES[i]
        if rng.random() < 0.7:
            if roll > 0.99:
                state = 'template'
            # Directly, as add_vm would make it (its node is there, it is in no pool): ~1 us a VM
            # less than through add_vm's *args and **kwargs. Its config, written out when first
            # read, has no CD in its drive.
            guest = generated_vm(vmid, guest_name, node, 'running' if state == 'running' else 'stopped', None,
                                 cores, mem, disk, 'ubuntu' if i % 2 else 'debian', tags, _NO_CD, rng)
            vms.append(guest)
            if state == 'template':
                _make_template(guest)
        else:
            tkey = ('debian', 'ubuntu', 'alpine')[i % 3]
            cfg = _ct_config(vmid, guest_name, max(1, cores // 2), max(512, mem // 4), min(disk, 32), tkey, tags, {})
            # FakeCt directly and without its defaults, as inventory.build_many (see there).
            guest = FakeCt(vmid, guest_name, node=node, status=state, config=cfg, ostemplate=TMPL[tkey],
                           defaults=False)
            pve.cts.append(guest)
            if state == 'running':
                guest.pid = 100000 + vmid
        _place(guest, state, now, rng)
    return [base + i for i in range(min(5, count))]
