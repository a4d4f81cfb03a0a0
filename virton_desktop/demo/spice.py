"""The demo's SPICE display and keyboard layouts.

- VM 111 (monitoring) has ``vga: qxl``, a SPICE display, and answers
  ``POST .../qemu/{vmid}/spiceproxy`` as qemu-server does (Qemu.pm ``spiceproxy`` with
  pve-access-control ``remote_viewer_config``): VM.Console on the VM, the VM must run, and a VM
  without a SPICE display has no SPICE port. The password is a fresh ticket per call.
- VM 103 (db-replica) has ``keyboard: de``, so typing into its console uses the German layout.
- VM 104 (gitlab) has ``vga: std,clipboard=vnc`` (PVE >= 8.1's VNC clipboard).

Key events with their QEMU scancodes are recorded by ``demo/console.py``
(``vt_console_scancodes``).
"""

from __future__ import annotations

import secrets

from fakepve import PveError

from ..pve.spice import has_spice

SPICE_VMID, GERMAN_VMID, CLIPBOARD_VMID = 111, 103, 104

# Stands in for /etc/pve/pve-root-ca.pem, with its newlines escaped as PVE sends them.
_DEMO_CA = ("-----BEGIN CERTIFICATE-----\\nMIIBdemoVirtOnDemoCertificateAuthority\\n"
            "-----END CERTIFICATE-----\\n")


def add_spice_keys_demo(pve):
    """Give the fixed demo cluster its SPICE VM, its German-layout VM and its VNC-clipboard VM."""
    for vmid, key, value in ((SPICE_VMID, 'vga', 'qxl'), (GERMAN_VMID, 'keyboard', 'de'),
                             (CLIPBOARD_VMID, 'vga', 'std,clipboard=vnc')):
        vm = pve.vm(vmid)
        if vm is not None:
            vm.config[key] = value


class DemoSpiceMixin:
    """POST spiceproxy for VMs with a SPICE display."""

    def _lxc_routes(self, router, node):
        super()._lxc_routes(router, node)
        router.add_post(node + '/qemu/{vmid}/spiceproxy', self._vt_spiceproxy)

    async def _vt_spiceproxy(self, request):
        from fakepve.server import ok, params
        vm = self._vm(request, 'VM.Console')
        proxy = (await params(request)).get('proxy') or '{0}.demo.example'.format(vm.node)
        if vm.status != 'running':
            raise PveError(500, 'VM {0} not running'.format(vm.vmid))
        if not has_spice(vm.config):
            raise PveError(500, 'no spice port')
        title = 'VM {0}'.format(vm.vmid) + (' - ' + vm.name if vm.name else '')
        ticket = secrets.token_hex(16)
        proxy = '[{0}]'.format(proxy) if ':' in proxy else proxy
        return ok({
            'secure-attention': 'Ctrl+Alt+Ins', 'toggle-fullscreen': 'Shift+F11', 'release-cursor': 'Ctrl+Alt+R',
            'type': 'spice', 'title': title,
            'host': 'pvespiceproxy:{0}:{1}:{2}::{3}'.format(secrets.token_hex(4), vm.vmid, vm.node,
                                                            secrets.token_hex(8)),
            'proxy': 'http://{0}:3128'.format(proxy), 'tls-port': 61000,
            'host-subject': 'OU=PVE Cluster Node,O=Proxmox Virtual Environment,CN={0}.demo.example'.format(vm.node),
            'ca': _DEMO_CA, 'password': ticket, 'delete-this-file': 1,
        })
