"""The demo's datacenter tag options and PVE's rules for who may set which tag.

- ``GET /cluster/options`` (pve-manager ``PVE/API2/Cluster.pm`` get_options): datacenter.cfg as
  parsed by pve-cluster ``DataCenterConfig.pm`` (``tag-style`` and ``user-tag-access`` as
  objects, ``registered-tags`` and ``user-allow-list`` as arrays) for a login with Sys.Audit on
  /, else only ``console`` and ``tag-style``; always ``allowed-tags`` (pve-guest-common
  ``GuestHelpers::get_allowed_tags``).
- A config write that changes tags (``PUT``/``POST`` qemu config, ``PUT`` lxc config) checks
  ``assert_tag_permissions`` per changed tag and stores them as ``get_unique_tags`` does
  (fakepve always sorts; with ``ordering=config`` PVE keeps the order given).

The demo datacenter (``vt_datacenter``): ``prod`` red with white text and ``dev`` blue in the
colour map, shape ``full``, ordering ``config``; ``user-allow=existing`` with the list
``team-a;test``, and ``prod`` registered (only Sys.Modify on / may set or remove it).
"""

from __future__ import annotations

from fakepve import PveError

from ..pve.tags import TagStyle, split

DEMO_DATACENTER = {
    'tag-style': {'color-map': 'prod:c0392b:ffffff;dev:2e86c1', 'shape': 'full', 'ordering': 'config'},
    'user-tag-access': {'user-allow': 'existing', 'user-allow-list': ['team-a', 'test']},
    'registered-tags': ['prod'],
    'console': 'html5',
}


class DemoTagsMixin:
    """datacenter.cfg's tag options, served and enforced as PVE does."""

    @property
    def vt_datacenter(self):
        """datacenter.cfg as pve-cluster parses it (tests change it in place)."""
        return self.__dict__.setdefault('_vt_datacenter_cfg', {
            k: (dict(v) if isinstance(v, dict) else list(v) if isinstance(v, list) else v)
            for k, v in DEMO_DATACENTER.items()})

    def check_permissions(self, user, perms, values, declared=None):
        # PVE's check_api_permission: `user => 'all'` admits every login before any `check`
        # (get_options declares both and answers less without Sys.Audit); fakepve tries the
        # check first.
        if user is not None and perms and perms.get('user') == 'all':
            return None
        return super().check_permissions(user, perms, values, declared)

    def _routes_virton_tags(self):
        return [('GET', '/cluster/options', self._vt_cluster_options)]

    async def _vt_cluster_options(self, v, user):
        cfg = self.vt_datacenter
        if self.allowed(user, '/', 'Sys.Audit'):
            res = {k: (dict(x) if isinstance(x, dict) else list(x) if isinstance(x, list) else x)
                   for k, x in cfg.items()}
        else:
            res = {k: cfg[k] for k in ('console', 'tag-style') if k in cfg}
        allowed, _registered, _free = self.vt_allowed_tags(user)
        res['allowed-tags'] = sorted(allowed)
        return res

    # ----------------------------------------------------------- the rules

    def _vt_guest_tags(self):
        for guest in list(self.vms) + list(self.cts):
            yield guest.vmid, split(guest.config.get('tags'))

    def vt_allowed_tags(self, user, privileged=None):
        """get_allowed_tags: (allowed tags, registered tags, free-form)."""
        if privileged is None:
            privileged = self.allowed(user, '/', 'Sys.Modify')
        cfg = self.vt_datacenter
        registered = set(cfg.get('registered-tags') or ())
        access = cfg.get('user-tag-access') or {}
        allow = access.get('user-allow', 'free')
        allowed = set()
        if allow != 'none' or privileged:
            allowed.update(access.get('user-allow-list') or ())
        if allow in ('free', 'existing') or privileged:
            for vmid, tags in self._vt_guest_tags():
                if privileged or self.allowed(user, '/vms/{0}'.format(vmid), 'VM.Audit'):
                    allowed.update(tags)
        if privileged:
            allowed |= registered
        else:
            allowed -= registered
        return allowed, registered, allow == 'free'

    def vt_assert_tag_permissions(self, user, old, new):
        """assert_tag_permissions (VM.Config.Options is fakepve's own check of the key)."""
        if self.allowed(user, '/', 'Sys.Modify'):
            return
        before, after = split(old), split(new)
        changed = {t for t in set(before) | set(after) if before.count(t) != after.count(t)}
        if not changed:
            return
        allowed, registered, free = self.vt_allowed_tags(user, privileged=False)
        for tag in sorted(changed):
            if (tag not in allowed and not free) or tag in registered:
                raise PveError(403, "Permission check failed (/, Sys.Modify for modifying tag '{0}')".format(tag))

    def _vt_tag_write(self, guest, user, params):
        """Check and normalise a write's tags in place; returns the tags to store, or None."""
        deletes = str(params.get('delete') or '').replace(';', ',').split(',')
        if 'tags' not in params and 'tags' not in deletes:
            return None
        new = params.get('tags', '') if 'tags' in params else ''
        # qemu-server checks the key's privilege before the tags themselves
        self.require(user, '/vms/{0}'.format(guest.vmid), 'VM.Config.Options')
        self.vt_assert_tag_permissions(user, guest.config.get('tags'), new)
        style = TagStyle.from_options(self.vt_datacenter)
        stored = ';'.join(style.unique(split(new)))
        if 'tags' in params:
            params['tags'] = stored
        return stored

    # ------------------------------------------------------- the writes

    async def _apply_config(self, vm, user, p):
        self._vt_tag_write(vm, user, p)
        return await super()._apply_config(vm, user, p)

    async def _lxc_config_put(self, user, v):
        ct = self._find_ct(v['node'], v['vmid'])
        v = dict(v)
        stored = self._vt_tag_write(ct, user, v)
        result = await super()._lxc_config_put(user, v)
        if stored:  # fakepve sorts and lower-cases whatever the datacenter says
            ct.config['tags'] = stored
        return result
