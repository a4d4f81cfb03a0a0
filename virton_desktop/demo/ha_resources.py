"""HA resources of the demo cluster, kept as pve-ha-manager keeps them (a DemoPve mixin).

fakepve answers `/cluster/ha/resources`, `/cluster/ha/groups` and `/cluster/ha/rules` from the
schema only (generic samples, nothing stored). Here they are stateful, after pve-ha-manager
`src/PVE/API2/HA/Resources.pm`, `Groups.pm` and `Rules.pm`:

- a guest is an HA resource while ``guest.ha_state`` is set (what fakepve and demo/power.py
  read: `/cluster/resources` shows it as ``hastate``, power requests become HA requests); the
  requested state is ``guest.vt_ha_request`` (demo/power.py), the other settings
  (max_restart, max_relocate, failback, comment, group, and `state` as written) ``guest.vt_ha_conf``;
- POST adds one (``resource ID 'vm:100' already defined`` twice), PUT changes one (a resource in
  ``error`` takes only ``state=disabled``: `check_service_state`), DELETE removes it (the guest
  keeps running; ``purge``, the default, drops it from the rules, a rule left empty with it);
- a new requested state is carried out by the HA manager one round (``ha_delay``) later as
  demo/power.py does it (started: start, stopped/disabled: shut down; ``disabled`` also takes a
  service out of ``error``, to ``stopped``: Manager.pm `next_state_error`); ``ignored`` leaves
  the guest alone;
- PVE 9 (``vt_ha_groups_migrated``, the default): groups were migrated to rules, so
  `/cluster/ha/groups` answers 500 and ``group`` is refused; a node-affinity and a
  resource-affinity rule exist. With it False (PVE 8): two groups, and no `/cluster/ha/rules`.
- `GET /cluster/ha/status/current` (demo/power.py) reports each service's settings.

Own members start with ``vt_``/``_vt_``.
"""

from __future__ import annotations

import asyncio

from fakepve import PveError
from fakepve.lxc import FakeCt

from .power import _REQUEST_OF, HA_ERROR, HA_SHUTDOWN_TIMEOUT

_MIGRATED = 'ha groups have been migrated to rules'
# A resource's options besides `state` (pve-ha-manager Resources.pm; `failback` since PVE 9).
_SETTINGS = ('max_restart', 'max_relocate', 'failback', 'comment', 'group')


def _sid(guest):
    return '{0}:{1}'.format('ct' if isinstance(guest, FakeCt) else 'vm', guest.vmid)


def _flag(value):
    return str(value).lower() in ('1', 'true', 'yes', 'on')


class DemoHaMixin:
    """Stateful HA resources, groups (PVE 8) or rules (PVE 9), changes carried out by the HA manager."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.vt_ha_groups_migrated = True  # PVE 9; False answers as PVE 8 (groups, no rules)
        # Every HA write (method, path, parameters as sent): tests check what a dialog wrote.
        self.vt_ha_writes = []
        self.vt_ha_groups = {
            'prefer-pve1': {'group': 'prefer-pve1', 'type': 'group', 'nodes': 'pve1:2,pve2:1', 'restricted': 0,
                            'nofailback': 0, 'comment': 'run on pve1 while it is up'},
            'only-pve2': {'group': 'only-pve2', 'type': 'group', 'nodes': 'pve2', 'restricted': 1, 'nofailback': 0},
        }
        self.vt_ha_rules = {
            'web-prefers-pve1': {'rule': 'web-prefers-pve1', 'type': 'node-affinity', 'resources': 'vm:120,ct:209',
                                 'nodes': 'pve1:2,pve2:1', 'strict': 0, 'comment': 'the web tier runs on pve1'},
            'mail-on-pve3': {'rule': 'mail-on-pve3', 'type': 'node-affinity', 'resources': 'vm:122',
                             'nodes': 'pve3', 'strict': 1},
            'erp-apart-from-mail': {'rule': 'erp-apart-from-mail', 'type': 'resource-affinity',
                                    'resources': 'vm:121,vm:122', 'affinity': 'negative'},
        }

    # ------------------------------------------------------------ lookup

    def _vt_ha_guest(self, sid, managed=True):
        kind, _, number = str(sid).partition(':')
        if not number:  # pve-ha-resource-or-vm-id: a bare VMID names a VM or container
            kind, number = '', kind
        guest = self.guest(int(number)) if number.isdigit() else None
        if guest is None or (kind and kind != _sid(guest).split(':')[0]):
            raise PveError(500, "unable to find configuration for {0}".format(sid))
        if managed and guest.ha_state is None:
            raise PveError(500, "no such resource '{0}'".format(_sid(guest)))
        return guest

    def _vt_ha_entry(self, guest):
        entry = {'sid': _sid(guest), 'type': _sid(guest).split(':')[0], 'digest': 'f' * 40,
                 'state': getattr(guest, 'vt_ha_request', None) or _REQUEST_OF.get(guest.ha_state, 'started')}
        entry.update((k, v) for k, v in getattr(guest, 'vt_ha_conf', {}).items() if v not in (None, ''))
        if self.vt_ha_groups_migrated:  # Resources.pm `api_copy_config`: no `group` once migrated to rules
            entry.pop('group', None)
        return entry

    def _vt_ha_managed(self):
        return sorted((g for g in list(self.vms) + list(self.cts) if g.ha_state is not None), key=_sid)

    # ------------------------------------------------------------ routes

    def _routes_virton_ha_resources(self):
        return [('GET', '/cluster/ha/resources', self._vt_ha_list),
                ('POST', '/cluster/ha/resources', self._vt_ha_create),
                ('GET', '/cluster/ha/resources/{sid}', self._vt_ha_read),
                ('PUT', '/cluster/ha/resources/{sid}', self._vt_ha_update),
                ('DELETE', '/cluster/ha/resources/{sid}', self._vt_ha_delete),
                ('GET', '/cluster/ha/groups', self._vt_ha_group_list),
                ('GET', '/cluster/ha/rules', self._vt_ha_rule_list),
                ('PUT', '/cluster/ha/rules/{rule}', self._vt_ha_rule_update)]

    async def _vt_ha_list(self, v, user):
        return [self._vt_ha_entry(g) for g in self._vt_ha_managed()]

    async def _vt_ha_read(self, v, user):
        return self._vt_ha_entry(self._vt_ha_guest(v['sid']))

    def _vt_check_group(self, v):
        group = v.get('group')
        if group and self.vt_ha_groups_migrated:
            raise PveError(500, "invalid parameter 'group': " + _MIGRATED)
        if group and group not in self.vt_ha_groups:
            raise PveError(500, "HA group '{0}' does not exist".format(group))

    def _vt_note(self, method, path, v):
        self.vt_ha_writes.append((method, path, dict(v)))

    async def _vt_ha_create(self, v, user):
        self._vt_note('POST', '/cluster/ha/resources', v)
        guest = self._vt_ha_guest(v['sid'], managed=False)
        if guest.ha_state is not None:
            raise PveError(500, "resource ID '{0}' already defined".format(_sid(guest)))
        self._vt_check_group(v)
        guest.vt_ha_conf = {k: v[k] for k in _SETTINGS + ('state',) if v.get(k) not in (None, '')}
        state = v.get('state') or 'started'
        state = 'started' if state == 'enabled' else state
        guest.vt_ha_request = state
        guest.ha_state = state  # no CRM status yet: /cluster/resources shows the requested state
        await self._vt_ha_carry_out(guest, state)
        return None

    async def _vt_ha_update(self, v, user):
        self._vt_note('PUT', '/cluster/ha/resources/' + str(v.get('sid')), v)
        guest = self._vt_ha_guest(v['sid'])
        state = v.get('state')
        state = 'started' if state == 'enabled' else state
        if guest.ha_state == HA_ERROR and state != 'disabled':
            raise PveError(500, "service '{0}' in error state, must be disabled and fixed first".format(_sid(guest)))
        self._vt_check_group(v)
        conf = dict(getattr(guest, 'vt_ha_conf', {}))
        for key in str(v.get('delete') or '').replace(';', ',').split(','):
            conf.pop(key.strip(), None)
        conf.update((k, v[k]) for k in _SETTINGS + ('state',) if v.get(k) not in (None, ''))
        guest.vt_ha_conf = conf
        if state and state != getattr(guest, 'vt_ha_request', None):
            guest.vt_ha_request = state
            await self._vt_ha_carry_out(guest, state)
        return None

    async def _vt_ha_delete(self, v, user):
        self._vt_note('DELETE', '/cluster/ha/resources/' + str(v.get('sid')), v)
        guest = self._vt_ha_guest(v['sid'])
        sid = _sid(guest)
        if _flag(v.get('purge', 1)):
            for name, rule in list(self.vt_ha_rules.items()):
                left = [s for s in rule['resources'].split(',') if s and s != sid]
                if not left:
                    del self.vt_ha_rules[name]
                else:
                    rule['resources'] = ','.join(left)
        guest.ha_state = None  # the guest keeps running, unmanaged
        guest.vt_ha_request = None
        guest.vt_ha_conf = {}
        return None

    async def _vt_ha_group_list(self, v, user):
        if self.vt_ha_groups_migrated:
            raise PveError(500, 'cannot index groups: ' + _MIGRATED)
        return list(self.vt_ha_groups.values())

    async def _vt_ha_rule_list(self, v, user):
        if not self.vt_ha_groups_migrated:  # PVE 8 has no rules
            raise PveError(501, "Method 'GET /cluster/ha/rules' not implemented")
        return [dict(r) for r in self.vt_ha_rules.values()]

    async def _vt_ha_rule_update(self, v, user):
        self._vt_note('PUT', '/cluster/ha/rules/' + str(v.get('rule')), v)
        rule = self.vt_ha_rules.get(v['rule'])
        if rule is None:
            raise PveError(500, "HA rule '{0}' does not exist".format(v['rule']))
        if 'resources' in v:
            listed = [s.strip() for s in str(v['resources']).split(',') if s.strip()]
            if not listed:
                raise PveError(400, 'Parameter verification failed.', {'resources': 'value may not be empty'})
            for sid in listed:
                self._vt_ha_guest(sid)
            rule['resources'] = ','.join(listed)
        for key in ('nodes', 'comment', 'strict', 'affinity', 'disable'):
            if key in v:
                rule[key] = v[key]
        return None

    # ------------------------------------------------------------ the HA manager

    async def _vt_ha_carry_out(self, guest, state):
        """The CRM's next round with the new requested state (then and there at time_scale 0)."""
        if self.time_scale:
            work = asyncio.ensure_future(self._vt_ha_round(guest, state))
            self._vt_ha_work.add(work)
            work.add_done_callback(self._vt_ha_work.discard)
        else:
            await self._vt_ha_round(guest, state)

    async def _vt_ha_round(self, guest, state):
        if state == 'ignored':
            guest.ha_state = 'ignored'
            return
        if state == 'started':
            await self._vt_ha_manage(guest, 'started', 0)
            return
        if guest.ha_state == HA_ERROR:  # only `disabled` gets here (check_service_state)
            await self.pause(self.ha_delay)
            guest.ha_state = 'stopped'
            return
        if guest.status == 'running':
            await self._vt_ha_manage(guest, 'stopped', HA_SHUTDOWN_TIMEOUT)
        else:
            await self.pause(self.ha_delay)
            guest.ha_state = 'stopped'

    async def _vt_ha_status(self, v, user):
        """demo/power.py's HA status, with each service's own settings."""
        entries = await super()._vt_ha_status(v, user)
        by_sid = {_sid(g): g for g in self._vt_ha_managed()}
        for entry in entries:
            guest = by_sid.get(entry.get('sid'))
            if entry.get('type') == 'service' and guest is not None:
                entry.update((k, val) for k, val in getattr(guest, 'vt_ha_conf', {}).items()
                             if k in _SETTINGS)
        return entries
