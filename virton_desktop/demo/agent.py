"""The demo's guest agents and container addresses, as a real cluster's guests would answer.

fakepve answers `agent/{command}` from `vm.agent` (None: "QEMU guest agent is not running";
`agent_hangs`: a pause, then "got timeout") and derives a container's interfaces from its
config, which says `ip=dhcp` in the demo. Here every VM whose agent answers gets a believable
network (lo, ens18 with IPv4, a global and a link-local IPv6; docker0 on k8s-node-1), a host
name and its OS; db-replica (103) has the agent enabled but not running, monitoring (111) one
that hangs. Containers answer with the address their DHCP lease would give.
"""

from __future__ import annotations

import re

NOT_RUNNING_VMID = 103
HANGING_VMID = 111
DOCKER_VMID = 108

_OS = {
    'ubuntu': {'name': 'Ubuntu', 'id': 'ubuntu', 'version': '24.04.1 LTS (Noble Numbat)', 'version-id': '24.04',
               'pretty-name': 'Ubuntu 24.04.1 LTS', 'kernel-release': '6.8.0-45-generic', 'machine': 'x86_64'},
    'debian': {'name': 'Debian GNU/Linux', 'id': 'debian', 'version': '12 (bookworm)', 'version-id': '12',
               'pretty-name': 'Debian GNU/Linux 12 (bookworm)', 'kernel-release': '6.1.0-25-amd64',
               'machine': 'x86_64'},
    'windows': {'name': 'Microsoft Windows', 'id': 'mswindows', 'version': 'Microsoft Windows Server 2022',
                'pretty-name': 'Windows Server 2022 Standard', 'kernel-release': '20348', 'machine': 'x86_64'},
}


def _vlan(net: str) -> int:
    found = re.search(r'tag=(\d+)', net)
    return int(found.group(1)) if found else 10


def _mac(net: str) -> str:
    found = re.search(r'([0-9A-Fa-f]{2}(?::[0-9A-Fa-f]{2}){5})', net)
    return found.group(1).lower() if found else 'bc:24:11:00:00:00'


def _ip(kind, address, prefix):
    return {'ip-address-type': kind, 'ip-address': address, 'prefix': prefix}


def vm_answers(vm) -> dict:
    """vm.agent for a VM whose agent answers: interfaces, host name, OS."""
    net0 = str(vm.config.get('net0', ''))
    vlan, host = _vlan(net0), 20 + vm.vmid % 200
    mac = _mac(net0)
    suffix = mac.replace(':', '')[-4:]
    interfaces = [
        {'name': 'lo', 'hardware-address': '00:00:00:00:00:00',
         'ip-addresses': [_ip('ipv4', '127.0.0.1', 8), _ip('ipv6', '::1', 128)]},
        {'name': 'ens18', 'hardware-address': mac,
         'ip-addresses': [_ip('ipv4', '10.{0}.0.{1}'.format(vlan, host), 24),
                          _ip('ipv6', '2001:db8:{0:x}::{1:x}'.format(vlan, host), 64),
                          _ip('ipv6', 'fe80::be24:11ff:fe{0}:{1}'.format(suffix[:2], suffix[2:]), 64)]},
    ]
    if vm.vmid == DOCKER_VMID:
        interfaces.append({'name': 'docker0', 'hardware-address': '02:42:ac:11:00:01',
                           'ip-addresses': [_ip('ipv4', '172.17.0.1', 16)]})
    ostype = str(vm.config.get('ostype', ''))
    os_key = 'windows' if ostype.startswith('win') else 'ubuntu' if 'ubuntu' in vm.name or 'k8s' in vm.name \
        or 'gitlab' in vm.name else 'debian'
    return {'interfaces': interfaces, 'get-host-name': {'host-name': vm.name}, 'os': dict(_OS[os_key])}


class _Answers(dict):
    """`vm_answers(vm)`, made when first read (fakepve reads `vm.agent` with `get`, `in` and `[]`).

    Made up front, 14,000 VMs' answers were ~0.15 s of a ten-cluster demo's start, for guests
    whose agent is mostly never asked. Made late, they follow the VM's config as it is then
    (a changed MAC shows), as a real agent's would."""

    __slots__ = ('_vm',)

    @classmethod
    def of(cls, vm):
        """The answers of `vm`, made when first read (without an __init__: dict's is cheaper)."""
        answers = cls()
        answers._vm = vm
        return answers

    def _made(self) -> dict:
        vm, self._vm = getattr(self, '_vm', None), None
        if vm is not None:
            self.update(vm_answers(vm))
        return self

    def __getitem__(self, key):
        return dict.__getitem__(self._made(), key)

    def __contains__(self, key):
        return dict.__contains__(self._made(), key)

    def get(self, key, default=None):
        return dict.get(self._made(), key, default)

    def __iter__(self):
        return dict.__iter__(self._made())

    def __len__(self):
        return dict.__len__(self._made())

    def items(self):
        return dict.items(self._made())

    def __repr__(self):
        return dict.__repr__(self._made())


def add_agent_demo(pve) -> None:
    """Every VM with `agent: 1` gets realistic answers; one agent not running, one hanging.
    (The builders' plain '1' is taken without parsing: ~0.8 -> ~0.3 ms a cluster of 2,000 guests.)"""
    for vm in pve.vms:
        if vm.template:
            continue
        # A generated VM's config, not written out yet, has the agent on (inventory.GeneratedVm).
        enabled = '1' if getattr(vm, 'vt_known', None) is not None else vm.config.get('agent', '0')
        if enabled != '1' and not str(enabled).startswith(('1', 'enabled=1')):
            continue
        vm.agent = None if vm.vmid == NOT_RUNNING_VMID else _Answers.of(vm)
        vm.agent_hangs = vm.vmid == HANGING_VMID


def lease(vmid: int) -> str:
    """The address a container's DHCP lease gives it in the demo."""
    return '10.20.1.{0}'.format(vmid % 200 + 20)


class DemoAgentMixin:
    """Containers on `ip=dhcp` answer with their lease, as the running namespace would."""

    async def _lxc_interfaces(self, user, v):
        out = await super()._lxc_interfaces(user, v)
        for item in out or ():
            if item['name'] != 'lo' and 'inet' not in item:
                address = lease(int(v['vmid']))
                item['inet'] = address + '/24'
                item['ip-addresses'].insert(0, {'ip-address-type': 'inet', 'ip-address': address, 'prefix': '24'})
        return out
