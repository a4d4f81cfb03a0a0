"""Cloud-init in the demo as qemu-server does it (fakepve stores the keys and nothing more).

- ``GET …/config`` and ``…/pending`` answer ``**********`` for a set ``cipassword``; a new
  password is stored hashed (``$6$…``) unless the OS is Windows (Qemu.pm update_vm).
- The cloud-init keys (``ciuser cipassword citype ciupgrade cicustom nameserver searchdomain
  sshkeys ipconfigN``) are written at once even on a running VM (QemuServer.pm
  ``$fast_plug_option``); ``sshkeys`` must be percent-encoded OpenSSH keys. They need
  VM.Config.Cloudinit or VM.Config.Network (``check_vm_perm …, any``).
- On a running VM every change is recorded against the image it runs with (the config's
  ``[special:cloudinit]`` section, ``$cloudinit_record_changed``): ``GET …/cloudinit`` lists
  them as PVE does (Qemu.pm ``cloudinit_pending``: added keys with ``pending``, changed
  cloud-init options with ``value`` and ``pending``, removed ones with ``delete``; like PVE it
  leaves out a changed ``ipconfigN`` that existed before). ``PUT …/cloudinit`` regenerates
  the image (the record is cleared), and so does the next start. A stopped VM records
  nothing: its image is made at start.
- ``GET …/cloudinit/dump?type=user|network|meta``: the nocloud files (Cloudinit.pm).
- ``ide2: local-lvm:cloudinit`` allocates ``vm-<vmid>-cloudinit`` (VM.Config.Cloudinit and
  VM.Config.CDROM, Datastore.AllocateSpace on the storage; one such drive per VM).
"""

import base64
import hashlib
import json
import re
import struct
from urllib.parse import quote, unquote

from aiohttp import web
from fakepve import PveError

from ..pve.validate import public_key

CI_OPTIONS = ('cicustom', 'cipassword', 'citype', 'ciuser', 'ciupgrade', 'nameserver', 'searchdomain', 'sshkeys')
MASK = '**********'
_IPCONFIG = re.compile(r'^ipconfig\d+$')
_NET = re.compile(r'^net\d+$')
_DRIVE = re.compile(r'^(ide|sata|scsi)\d+$')
_NEW_DRIVE = re.compile(r'^([A-Za-z][A-Za-z0-9_.-]*):cloudinit(,.*)?$')
_HASHED = re.compile(r'^\$(?:[156]|2[ay])(\$.+){2}')
_FILE_STORAGES = ('dir', 'nfs', 'cifs', 'glusterfs', 'cephfs', 'btrfs')
_SSH_TYPES = ('ssh-ed25519', 'ssh-rsa', 'ecdsa-sha2-nistp256', 'ecdsa-sha2-nistp384', 'ecdsa-sha2-nistp521',
              'sk-ssh-ed25519@openssh.com', 'sk-ecdsa-sha2-nistp256@openssh.com')


def _fast_plug(key):
    return key in CI_OPTIONS or bool(_IPCONFIG.match(key))


def _recorded(key):
    # cloudinit_pending_properties: the cloud-init keys, name and every netN.
    return _fast_plug(key) or key == 'name' or bool(_NET.match(key))


def _valid_key_line(line):
    # ssh-keygen -l (pve-common validate_ssh_public_keys): a key, bare or after its options
    key = public_key(line)
    return key is not None and key[0] in _SSH_TYPES


def demo_key(kind, seed, comment):
    """A well-formed OpenSSH public key line (random key material, for the demo only)."""
    body = hashlib.sha512(seed.encode()).digest()
    blob = struct.pack('>I', len(kind)) + kind.encode()
    if kind == 'ssh-rsa':
        blob += struct.pack('>I', 3) + b'\x01\x00\x01' + struct.pack('>I', 257) + b'\x00' + (body * 4)[:256]
    else:
        blob += struct.pack('>I', 32) + body[:32]
    return '{0} {1} {2}'.format(kind, base64.b64encode(blob).decode(), comment)


def demo_hash(password, salt='vtdemo'):
    """A crypt-looking SHA-512 hash (the demo never needs to check it)."""
    digest = base64.b64encode(hashlib.sha512((salt + password).encode()).digest(), b'./').decode().rstrip('=')
    return '$6${0}${1}'.format(salt, digest)


class DemoCloudInitMixin:
    """Cloud-init config, its pending list, regeneration and dumps (see the module docstring)."""

    def _vt_ci_section(self, vm):
        """The VM's [special:cloudinit] record, dropped once the VM has started again since."""
        sections = self.__dict__.setdefault('_vt_ci_sections', {})
        section = sections.get(vm.vmid)
        if section is not None and vm.status == 'running' and vm.started_at != section['boot']:
            sections.pop(vm.vmid)  # vm_start regenerated the image
            section = None
        return section

    def vt_ci_record(self, vm, key, old, new):
        """$cloudinit_record_changed: remember what the image has for `key` before this change."""
        sections = self.__dict__.setdefault('_vt_ci_sections', {})
        section = self._vt_ci_section(vm) or sections.setdefault(
            vm.vmid, {'boot': vm.started_at, 'added': set(), 'old': {}})
        sections[vm.vmid] = section
        recorded, added = section['old'].get(key), section['added']
        if new is not None:
            if old is not None:
                if recorded is not None:
                    if new == recorded:
                        section['old'].pop(key)
                        added.discard(key)
                elif key not in added:
                    section['old'][key] = old
            elif recorded is not None:
                if new == recorded:
                    section['old'].pop(key)
                    added.discard(key)
            else:
                added.add(key)
        elif old is not None:
            if recorded is None:
                if key in added:
                    added.discard(key)
                else:
                    section['old'][key] = old
        if not section['old'] and not added:
            sections.pop(vm.vmid, None)

    def vt_ci_regenerate(self, vm):
        self.__dict__.setdefault('_vt_ci_sections', {}).pop(vm.vmid, None)

    # ------------------------------------------------------------ config writes

    def allowed(self, user, path, priv):
        # "A|B": any one of them (update_vm's check_vm_perm with `any` for cloud-init keys).
        if '|' in priv:
            return any(super(DemoCloudInitMixin, self).allowed(user, path, p) for p in priv.split('|'))
        return super().allowed(user, path, priv)

    def _config_priv(self, key):
        if _fast_plug(key):
            return 'VM.Config.Cloudinit|VM.Config.Network'
        return super()._config_priv(key)

    def _vt_ci_new_drive(self, vm, user, key, value):
        found = _NEW_DRIVE.match(str(value))
        sid = found.group(1)
        for priv in ('VM.Config.Cloudinit', 'VM.Config.CDROM'):
            self.require(user, '/vms/{0}'.format(vm.vmid), priv)
        self.require(user, '/storage/' + sid, 'Datastore.AllocateSpace')
        store = self.storages.get(sid)
        if store is None:
            raise PveError(500, "storage '{0}' does not exist".format(sid))
        for other, other_value in vm.config.items():
            if _DRIVE.match(other) and 'cloudinit' in str(other_value):
                raise PveError(500, "{0} - cloud-init drive is already attached at '{1}'".format(key, other))
        volname = 'vm-{0}-cloudinit'.format(vm.vmid)
        if store.get('type') in _FILE_STORAGES:
            volname = '{0}/{1}.qcow2'.format(vm.vmid, volname)
        store.setdefault('volumes', {})[volname] = {'content': 'images', 'format': 'raw', 'size': 4 * 1024 ** 2,
                                                    'vmid': vm.vmid}
        return '{0}:{1},media=cdrom'.format(sid, volname)

    async def _apply_config(self, vm, user, p):
        p = dict(p)
        keys = [k for k in p if k not in ('digest', 'delete', 'skiplock')]
        keys += [k for k in str(p.get('delete') or '').split(',') if k]
        if not any(_recorded(k) or _DRIVE.match(k) for k in keys):
            return await super()._apply_config(vm, user, p)
        if 'sshkeys' in p:
            lines = [line for line in unquote(str(p['sshkeys'])).splitlines() if line.strip()]
            if not all(_valid_key_line(line) for line in lines):
                raise PveError(400, 'Parameter verification failed.', {'sshkeys': 'SSH public key validation error'})
        for key in list(p):
            if _DRIVE.match(key) and _NEW_DRIVE.match(str(p[key])):
                p[key] = self._vt_ci_new_drive(vm, user, key, p[key])
        if p.get('cipassword') and not str(vm.config.get('ostype', '')).startswith('w') \
                and not _HASHED.match(str(p['cipassword'])):
            p['cipassword'] = demo_hash(str(p['cipassword']))
        before = dict(vm.config)
        await super()._apply_config(vm, user, p)
        running = vm.status == 'running'
        for key in [k for k in keys if _fast_plug(k) and k in vm.pending]:
            value = vm.pending.pop(key)  # fast-plugged: in the config at once
            if value is None:
                vm.config.pop(key, None)
            else:
                vm.config[key] = value
        if running:
            for key in keys:
                if _recorded(key) and before.get(key) != vm.config.get(key):
                    self.vt_ci_record(vm, key, before.get(key), vm.config.get(key))

    # ------------------------------------------------------------ reads

    async def _config_get(self, request):
        return self._vt_masked(await super()._config_get(request))

    async def _pending(self, request):
        return self._vt_masked(await super()._pending(request))

    @staticmethod
    def _vt_masked(response):
        """PVE never answers a stored password: `**********` in config, value and pending."""
        if response.status != 200 or 'cipassword' not in response.text:
            return response
        body = json.loads(response.text)
        data = body['data']
        if isinstance(data, dict) and data.get('cipassword'):
            data['cipassword'] = MASK
        elif isinstance(data, list):
            for item in data:
                if item.get('key') == 'cipassword':
                    item.update((k, MASK) for k in ('value', 'pending') if item.get(k))
        return web.json_response(body)

    # ------------------------------------------------------------ endpoints

    def _routes_virton_cloudinit(self):
        return [('GET', '/nodes/{node}/qemu/{vmid}/cloudinit', self._vt_ci_pending),
                ('PUT', '/nodes/{node}/qemu/{vmid}/cloudinit', self._vt_ci_update),
                ('GET', '/nodes/{node}/qemu/{vmid}/cloudinit/dump', self._vt_ci_dump)]

    async def _vt_ci_pending(self, v, user):
        vm = self.find(v['node'], int(v['vmid']))
        conf = dict(vm.config)
        section = self._vt_ci_section(vm) or {'added': set(), 'old': {}}
        old = dict(section['old'])
        if 'cipassword' in conf:
            conf['cipassword'] = MASK
        if 'cipassword' in old:
            old['cipassword'] = MASK
        added = sorted(section['added'])
        out = [{'key': key, 'pending': conf.get(key)} for key in added]
        for opt in CI_OPTIONS:
            if not conf.get(opt) or opt in added:
                continue
            item = {'key': opt}
            if old.get(opt):
                item.update(value=old[opt], pending=conf[opt])
            else:
                item['value'] = conf[opt]
            out.append(item)
        out.extend({'key': key, 'delete': 1} for key in old if not conf.get(key))
        return out

    async def _vt_ci_update(self, v, user):
        vm = self.find(v['node'], int(v['vmid']))
        self._check_lock(vm)
        self.vt_ci_regenerate(vm)
        return None

    async def _vt_ci_dump(self, v, user):
        vm = self.find(v['node'], int(v['vmid']))
        masked = not self.allowed(user, '/vms/{0}'.format(vm.vmid), 'VM.Config.Cloudinit')
        if v['type'] == 'user':
            return _userdata(vm, masked)
        if v['type'] == 'network':
            return _network(vm)
        digest = hashlib.sha1((_userdata(vm, False) + _network(vm)).encode()).hexdigest()
        return 'instance-id: {0}\n'.format(digest)


# ---------------------------------------------------------------- the nocloud files

def _userdata(vm, mask):
    conf = vm.config
    name = str(conf.get('name') or 'VM{0}'.format(vm.vmid))
    host = name.split('.')[0]
    fqdn = name if '.' in name else ('{0}.{1}'.format(name, conf['searchdomain']) if conf.get('searchdomain')
                                     else name)
    lines = ['#cloud-config', 'hostname: ' + host, 'manage_etc_hosts: true', 'fqdn: ' + fqdn]
    user = conf.get('ciuser')
    if user is not None:
        lines.append('user: {0}'.format(user))
        if user == 'root':
            lines.append('disable_root: False')
    if conf.get('cipassword') is not None:
        lines.append('password: ' + (MASK if mask else str(conf['cipassword'])))
    if conf.get('sshkeys') is not None:
        lines.append('ssh_authorized_keys:')
        lines.extend('  - ' + k for k in unquote(str(conf['sshkeys'])).split('\n') if k.strip())
    lines += ['chpasswd:', '  expire: False']
    if user != 'root':
        lines += ['users:', '  - default']
    if str(conf.get('ciupgrade', 1)) not in ('0',):
        lines.append('package_upgrade: true')
    return '\n'.join(lines) + '\n'


def _network(vm):
    conf = vm.config
    out = ['version: 1', 'config:']
    for key in sorted(k for k in conf if _NET.match(k)):
        nid = key[3:]
        ipconfig = dict(p.split('=', 1) for p in str(conf.get('ipconfig' + nid) or '').split(',') if '=' in p)
        if not ipconfig:
            continue
        mac = next((p.split('=', 1)[1] for p in str(conf[key]).split(',')
                    if p.split('=', 1)[0] in ('virtio', 'e1000', 'e1000e', 'rtl8139', 'vmxnet3', 'macaddr')), '')
        out += ['    - type: physical', '      name: eth' + nid, "      mac_address: '{0}'".format(mac.lower()),
                '      subnets:']
        ip, ip6 = ipconfig.get('ip'), ipconfig.get('ip6')
        if ip == 'dhcp':
            out.append('      - type: dhcp4')
        elif ip:
            addr, _, bits = ip.partition('/')
            mask = '.'.join(str((0xFFFFFFFF << (32 - int(bits or 32)) >> s) & 0xFF) for s in (24, 16, 8, 0))
            out += ['      - type: static', "        address: '{0}'".format(addr),
                    "        netmask: '{0}'".format(mask)]
            if ipconfig.get('gw'):
                out.append("        gateway: '{0}'".format(ipconfig['gw']))
        if ip6 == 'dhcp':
            out.append('      - type: dhcp6')
        elif ip6 == 'auto':
            out.append('      - type: ipv6_slaac')
        elif ip6:
            out += ['      - type: static6', "        address: '{0}'".format(ip6)]
            if ipconfig.get('gw6'):
                out.append("        gateway: '{0}'".format(ipconfig['gw6']))
    servers = str(conf.get('nameserver') or '192.0.2.1').split()
    search = str(conf.get('searchdomain') or 'demo.internal').split()
    out += ['    - type: nameserver', '      address:'] + ["      - '{0}'".format(s) for s in servers]
    out += ['      search:'] + ["      - '{0}'".format(s) for s in search]
    return '\n'.join(out) + '\n'


# ---------------------------------------------------------------- the demo's cloud-init VMs

def add_demo_cloudinit(pve):
    """108 k8s-node-1 (running) with a static address, two keys and a change the image lacks;
    112 ubuntu-dev (stopped, pool team-a) on DHCP and SLAAC. (The template 9000 has its drive.)"""
    for vmid, storage in ((108, 'local-lvm'), (112, 'local-lvm')):
        vm = pve.vm(vmid)
        if vm is None:
            continue
        volname = 'vm-{0}-cloudinit'.format(vmid)
        pve.storages[storage].setdefault('volumes', {})[volname] = {
            'content': 'images', 'format': 'raw', 'size': 4 * 1024 ** 2, 'vmid': vmid}
        vm.config['ide2'] = '{0}:{1},media=cdrom'.format(storage, volname)
        vm.config['boot'] = 'order=scsi0;net0'
    k8s = pve.vm(108)
    if k8s is not None:
        keys = '\n'.join((demo_key('ssh-ed25519', 'ops', 'ops@bastion'),
                          demo_key('ssh-rsa', 'ci', 'deploy@ci-runner'))) + '\n'
        k8s.config.update(
            ciuser='ubuntu', cipassword=demo_hash('k8s-demo'), sshkeys=quote(keys, safe="-_.!~*'()"),
            searchdomain='k8s.example.internal', nameserver='10.20.0.2 10.20.0.3', ciupgrade=0,
            ipconfig0='ip=10.20.0.21/24,gw=10.20.0.1',
            net1='virtio=BC:24:11:00:06:C1,bridge=vmbr1,tag=30,firewall=1')
        # Someone changed the DNS servers while it ran: the image still has the old one.
        pve.vt_ci_record(k8s, 'nameserver', '10.20.0.2', k8s.config['nameserver'])
    dev = pve.vm(112)
    if dev is not None:
        dev.config.update(ciuser='dev', ipconfig0='ip=dhcp,ip6=auto',
                          sshkeys=quote(demo_key('ssh-ed25519', 'dev', 'dev@laptop') + '\n', safe="-_.!~*'()"))
