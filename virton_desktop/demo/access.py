"""Demo users, roles, a pool and API tokens, with PVE's own permission rules.

fakepve grants privilege sets per user and *unions* a token's grants with its user's; real PVE
(pve-access-control ``PVE::RPCEnvironment::permissions``) gives a privilege-separated token the
*intersection* of its own ACL and its user's, a pool's roles to the pool's members (never
propagated), and a deeper ACL replaces the roles above it (``PVE::AccessControl::roles``).
This mixin computes privileges that way, and answers as PVE does:

- ``GET /access/permissions``: ``get_effective_permissions`` (top-level paths, ACL paths and
  pool members, each {privilege: propagate}), or one path with ``path=``; another user's only
  with Sys.Audit on /access;
- the login ticket's ``cap``: ``compute_api_permission`` (privileges per top-level area);
- ``/cluster/tasks``: everything with Sys.Audit on /, else only tasks whose user equals the
  authuser; a task's ``user`` is split from its ``tokenid``, so a token, whose authuser keeps
  ``!token``, sees none of them (pve-manager ``PVE/API2/Cluster.pm`` tasks);
- ``/cluster/resources``: storages only with Datastore.Audit, a guest's ``pool`` only with
  Pool.Audit on the pool (Cluster.pm resources).

The demo's logins (``DEMO_LOGINS``, chosen with ``virton-desktop --demo --user``):

=========  ==========================  =====================================================
login      id                          privileges
=========  ==========================  =====================================================
root       root@pam                    everything
operator   operator@pve                PVEVMUser on /pool/team-a (power, console, backup, CD-ROM)
auditor    auditor@pve                 PVEAuditor on / (read-only, everything)
developer  developer@pve               PVEVMAdmin, PVEDatastoreUser, PVEPoolUser on /pool/team-a
                                       (creates guests in the pool, on its storage)
token      operator@pve!virton         privilege-separated; token ACL PVEVMUser on /vms/100 and
                                       /vms/101 and PVEAuditor on /pool/team-a: gets the
                                       intersection with operator@pve's rights
empty      operator@pve!monitor        privilege-separated, no ACL of its own: sees nothing
tfa        tfa@pve                     PVEAdmin on / behind a second factor: TOTP and single-use
                                       recovery keys (demo/auth.py; yubikey@pve and webauthn@pve
                                       have the same role)
=========  ==========================  =====================================================

Pool ``team-a``: guests 100 web1, 101 web-staging, 112 ubuntu-dev, 201 minio-test, 202
nginx-proxy and the storage ``local-lvm``.
"""

from __future__ import annotations

import functools
import itertools
import json

from aiohttp import web

from ..pve.permissions import ALL_PRIVILEGES, BUILTIN_ROLES, split_authid

TEAM_POOL = 'team-a'
TEAM_GUESTS = (100, 101, 112, 201, 202)
TEAM_STORAGE = ('local-lvm',)

# login name -> (userid or token id, secret); the launcher and the tests log in with these.
DEMO_LOGINS = {
    'operator': ('operator@pve', 'operator-demo'),
    'auditor': ('auditor@pve', 'auditor-demo'),
    'developer': ('developer@pve', 'developer-demo'),
    'token': ('operator@pve!virton', '8c2d5a51-3b0e-4a7e-9f67-5e4c0a0d7b21'),
    'empty': ('operator@pve!monitor', 'c3f1e9a0-77b2-4d0c-8c1e-2a9d6f4b5e30'),
}

# login name -> userid of the accounts with a second factor (demo/auth.py `vt_add_tfa_users`):
# they log in with the demo's own password, then the app asks for the second factor.
TFA_LOGINS = {'tfa': 'tfa@pve'}

LOGIN_NAMES = ('root',) + tuple(DEMO_LOGINS) + tuple(TFA_LOGINS)


def demo_credentials(login, root_password):
    """{user, password, token_id, token_secret} of a demo login ('root', a DEMO_LOGINS or a
    TFA_LOGINS key)."""
    if login == 'root':
        return {'user': 'root@pam', 'password': root_password, 'token_id': '', 'token_secret': ''}
    if login in TFA_LOGINS:
        return {'user': TFA_LOGINS[login], 'password': root_password, 'token_id': '', 'token_secret': ''}
    who, secret = DEMO_LOGINS[login]
    user, token = split_authid(who)
    if token:
        return {'user': user, 'password': '', 'token_id': token, 'token_secret': secret}
    return {'user': user, 'password': secret, 'token_id': '', 'token_secret': ''}


# get_effective_permissions always lists these paths.
_DEFAULT_PATHS = ('/', '/access', '/access/groups', '/nodes', '/pool', '/sdn', '/storage', '/vms')
# compute_api_permission: which privileges count for each top-level area of the ticket's cap.
_CAP_AREAS = {'vms': ('VM.', 'Permissions.Modify'), 'access': ('User.', 'Group.', 'Permissions.Modify'),
              'storage': ('Datastore.', 'Permissions.Modify'), 'nodes': ('Sys.', 'Permissions.Modify'),
              'sdn': ('SDN.', 'Permissions.Modify'), 'dc': ('Sys.Audit', 'Sys.Modify', 'SDN.'),
              'mapping': ('Mapping.', 'Permissions.Modify')}
_CAP_PATHS = ('/', '/nodes', '/access/groups', '/vms', '/storage', '/sdn', '/mapping')


_EVERY_PRIVILEGE = frozenset(ALL_PRIVILEGES)
# json_response's json.dumps, refusing NaN and infinities (where it and msgspec write differently).
_strict_dumps = functools.partial(json.dumps, allow_nan=False)


def _norm(path):
    return '/' + '/'.join(p for p in str(path).split('/') if p)


class DemoAccessMixin:
    """PVE's permission computation over ``vt_acl`` (members prefixed as in DemoPve)."""

    # ------------------------------------------------------------ the ACL

    @property
    def vt_acl(self):
        """[(path, userid or tokenid, role, propagate)] as in user.cfg's acl lines."""
        return self.__dict__.setdefault('_vt_acl_list', [])

    @property
    def vt_privsep(self):
        """tokenid -> True for a privilege-separated token (fakepve's own tokens: False)."""
        return self.__dict__.setdefault('_vt_privsep_map', {})

    def vt_add_acl(self, path, ugid, role, propagate=True):
        """`pveum acl modify <path> --roles <role> --users|--tokens <ugid> --propagate <0|1>`."""
        if role not in BUILTIN_ROLES:
            raise ValueError('role {0!r} does not exist'.format(role))
        if self.acl is None:
            self.acl = {}  # fakepve checks nothing while its own ACL is None
        self.vt_acl.append((_norm(path), ugid, role, bool(propagate)))

    def vt_add_token(self, tokenid, secret, privsep=True):
        self.apitokens[tokenid] = secret
        self.vt_privsep[tokenid] = bool(privsep)

    def _vt_roles(self, ugid, path):
        """PVE::AccessControl::roles: role -> propagate along the path; deeper entries replace."""
        grants = self.acl or {}
        roles = {}
        parts = [p for p in path.split('/') if p]
        for depth in range(len(parts) + 1):
            here = '/' + '/'.join(parts[:depth])
            final = depth == len(parts)
            found = {}
            for acl_path, who, role, propagate in self.vt_acl:
                if acl_path == here and who == ugid and (final or propagate):
                    found[role] = propagate
            # fakepve's own grant() (tests): an unnamed role per grant, always propagated.
            for index, (acl_path, _privs) in enumerate(grants.get(ugid, [])):
                if acl_path == here:
                    found[('grant', ugid, index)] = True
            if found:
                roles = found
        if 'NoAccess' in roles:
            return {'NoAccess': roles['NoAccess']}
        return roles

    def _vt_role_privs(self, role):
        if isinstance(role, tuple):
            return self.acl[role[1]][role[2]][1]
        return BUILTIN_ROLES[role]

    def _vt_member_pools(self, path):
        parts = path.split('/')
        if len(parts) != 3:
            return []
        if parts[1] == 'vms' and parts[2].isdigit():
            return [p for p, ids in self.pools.items() if int(parts[2]) in ids]
        if parts[1] == 'storage':
            return [p for p, meta in self.pool_info.items() if parts[2] in meta.get('storage', ())]
        return []

    def _vt_compile(self, ugid, path):
        roles = self._vt_roles(ugid, path)
        if 'NoAccess' not in roles:
            pool_roles = {}
            for pool in self._vt_member_pools(path):
                pool_roles.update(self._vt_roles(ugid, '/pool/' + pool))
            if 'NoAccess' in pool_roles:
                roles = {'NoAccess': False}  # a pool's NoAccess trumps the guest's own ACL
            else:
                for role in pool_roles:
                    roles.setdefault(role, False)  # never propagated
        privs = {}
        for role, propagate in roles.items():
            for priv in self._vt_role_privs(role):
                privs[priv] = privs.get(priv, False) or propagate
        return privs

    def vt_permissions(self, authid, path):
        """RPCEnvironment::permissions: {privilege: propagate} of a user or token on path."""
        if not authid:
            return {}
        path = _norm(path)
        user, token = split_authid(authid)
        if authid == 'root@pam' or self.acl is None:
            return dict.fromkeys(ALL_PRIVILEGES, True)
        if token:
            if authid not in self.apitokens:
                return {}
            user_privs = self.vt_permissions(user, path)
            if not self.vt_privsep.get(authid, False):
                return user_privs
        own = self._vt_compile(authid, path)
        if token and user != 'root@pam':
            own = {p: user_privs[p] and prop for p, prop in own.items() if p in user_privs}
        return own

    # --------------------------------------------------- fakepve's checks

    def allowed(self, user, path, priv):
        if user and (user == 'root@pam' or self.acl is None):
            # Every privilege everywhere (vt_permissions), asked once per guest of a list: no
            # dict of all privileges built for each.
            return priv in _EVERY_PRIVILEGE
        return priv in self.vt_permissions(user, path)

    # ------------------------------------------------------------ answers

    def _vt_acl_paths(self):
        paths = {p for p, *_ in self.vt_acl}
        paths.update(p for entries in (self.acl or {}).values() for p, _ in entries)
        return paths

    def vt_effective(self, authid):
        """RPCEnvironment::get_effective_permissions: path -> {privilege: 0|1}, empty paths left out."""
        paths = set(_DEFAULT_PATHS) | self._vt_acl_paths()
        for pool, ids in self.pools.items():
            paths.update('/vms/{0}'.format(vmid) for vmid in ids)
            paths.update('/storage/' + sid for sid in self.pool_info.get(pool, {}).get('storage', ()))
        out = {}
        for path in sorted(paths):
            privs = self.vt_permissions(authid, path)
            if privs:
                out[path] = {p: int(v) for p, v in sorted(privs.items())}
        return out

    def vt_cap(self, authid):
        """RPCEnvironment::compute_api_permission: the ticket's `cap`."""
        cap = {area: {} for area in _CAP_AREAS}
        for path in dict.fromkeys(itertools.chain(_CAP_PATHS, sorted(self._vt_acl_paths()))):
            privs = self.vt_permissions(authid, path)
            top = path.split('/')[1] if path != '/' else 'dc'
            if top == 'pool':
                for priv in privs:
                    if priv.startswith('VM.') or priv == 'Permissions.Modify':
                        cap['vms'][priv] = 1
                    if priv.startswith('Datastore.') or priv == 'Permissions.Modify':
                        cap['storage'][priv] = 1
            elif top in _CAP_AREAS:
                for priv in privs:
                    if priv.startswith(_CAP_AREAS[top]):
                        cap[top][priv] = 1
        return cap

    async def _permissions(self, v, user):
        who = v.get('userid') or user
        owner = split_authid(who)[0]
        if who != user and owner != user:
            self.require(user, '/access', 'Sys.Audit')
        if v.get('path'):
            return {v['path']: {p: int(x) for p, x in sorted(self.vt_permissions(who, v['path']).items())}}
        return self.vt_effective(who)

    def _task_view(self, task, listing=False):
        # PVE splits a token task's user into user and tokenid (Tasks.pm, Cluster.pm tasks).
        data = super()._task_view(task, listing)
        if '!' in data.get('user', ''):
            data['user'], data['tokenid'] = split_authid(data['user'])
        return data

    def vt_cluster_tasks(self, user, tasks):
        """Cluster.pm tasks: all with Sys.Audit on /, else those whose (split) user is the authuser."""
        everything = self.allowed(user, '/', 'Sys.Audit')
        return [t for t in (self._task_view(t, True) for t in tasks) if everything or t['user'] == user]

    def vt_audit(self, user):
        """`allowed(user, '/vms/<vmid>', 'VM.Audit')` as a function of the vmid for one list of
        guests, or None when it holds for every guest (root@pam, or no ACL yet).

        What it says of a guest depends on the vmid only through ACL entries on exactly that
        guest's path and the pools holding it (`_vt_roles`, `_vt_member_pools`): it is asked
        anew for those guests and once for all others (~15 us a guest for a user below root,
        ~45 ms of a list of 2,000 guests)."""
        if user and (user == 'root@pam' or self.acl is None):
            return None if 'VM.Audit' in _EVERY_PRIVILEGE else (lambda vmid: False)
        own = {path[len('/vms/'):] for path in self._vt_acl_paths() if path.startswith('/vms/')}
        special = {int(tail) for tail in own if tail.isdigit() and str(int(tail)) == tail}
        for ids in self.pools.values():
            special.update(ids)
        allowed = self.allowed
        others = []  # what every guest without its own ACL entry and pool is allowed

        def audit(vmid):
            if vmid in special:
                return allowed(user, '/vms/{0}'.format(vmid), 'VM.Audit')
            if not others:
                others.append(allowed(user, '/vms/{0}'.format(vmid), 'VM.Audit'))
            return others[0]
        return audit

    def vt_sees_all_resources(self, user):
        """Whether /cluster/resources shows `user` its items unfiltered (root@pam and its
        unseparated tokens: vt_filtered_resources would change nothing)."""
        return not user or split_authid(user)[0] == 'root@pam' and not self.vt_privsep.get(user)

    def vt_filtered_resources(self, user, items, ok):
        """The answer to `user`'s /cluster/resources of `items` (vt_filter_resources), JSON as
        aiohttp's json_response writes it. Filtered as they are, not first encoded by `ok`
        (DemoPve's) and decoded again: that round trip cost ~15 ms of a 2,000-guest list. Should
        json.dumps refuse an item's value (a test's pinned NaN, set, bytes ...), as ever."""
        try:
            return web.json_response({'data': self.vt_filter_resources(user, items)}, dumps=_strict_dumps)
        except (TypeError, ValueError):
            body = json.loads(ok(items).text)
            body['data'] = self.vt_filter_resources(user, body['data'])
            return web.json_response(body)

    def vt_filter_resources(self, user, items):
        """Cluster.pm resources: storages need Datastore.Audit, a guest's pool name Pool.Audit."""
        out = []
        checked = {}  # path -> allowed: each storage is listed once per node, a pool once per guest
        for item in items:
            kind = item.get('type')
            if kind == 'storage':
                path = '/storage/' + item['storage']
                if path not in checked:
                    checked[path] = self.allowed(user, path, 'Datastore.Audit')
                if not checked[path]:
                    continue
            elif item.get('pool') and kind in ('qemu', 'lxc'):
                path = '/pool/' + item['pool']
                if path not in checked:
                    checked[path] = self.allowed(user, path, 'Pool.Audit')
                if not checked[path]:
                    item = {k: v for k, v in item.items() if k != 'pool'}
            out.append(item)
        return out


def add_demo_access(pve, team_guests=TEAM_GUESTS):
    """The demo's users, pool, tokens and ACL (see the module docstring)."""
    # As _pool_join for each guest, with one walk over every guest (it walks them all per guest),
    # and that walk as fakepve's _sync_pools (each guest's pool: the first pool holding its id)
    # from one map of ids instead of asking every pool per guest (~0.45 -> ~0.1 ms of 2,000 guests).
    pve.pools.setdefault(TEAM_POOL, set()).update(team_guests)
    pve._pool_meta(TEAM_POOL)
    pool_of = {}
    for name, ids in pve.pools.items():
        for vmid in ids:
            pool_of.setdefault(vmid, name)
    for guest in pve.vms:
        guest.pool = pool_of.get(guest.vmid)
    for guest in pve.cts:
        guest.pool = pool_of.get(guest.vmid)
    pve.pool_info[TEAM_POOL]['comment'] = 'Team A: web and staging'
    pve.pool_info[TEAM_POOL]['storage'].update(TEAM_STORAGE)
    for login in ('operator', 'auditor', 'developer'):
        userid, password = DEMO_LOGINS[login]
        pve.users[userid] = password
    pve.vt_add_acl('/pool/' + TEAM_POOL, 'operator@pve', 'PVEVMUser')
    pve.vt_add_acl('/', 'auditor@pve', 'PVEAuditor')
    pve.vt_add_acl('/pool/' + TEAM_POOL, 'developer@pve', 'PVEVMAdmin')
    pve.vt_add_acl('/pool/' + TEAM_POOL, 'developer@pve', 'PVEDatastoreUser')
    pve.vt_add_acl('/pool/' + TEAM_POOL, 'developer@pve', 'PVEPoolUser')
    token, secret = DEMO_LOGINS['token']
    pve.vt_add_token(token, secret, privsep=True)
    pve.vt_add_acl('/vms/100', token, 'PVEVMUser')
    pve.vt_add_acl('/vms/101', token, 'PVEVMUser')
    pve.vt_add_acl('/pool/' + TEAM_POOL, token, 'PVEAuditor')
    empty, secret = DEMO_LOGINS['empty']
    pve.vt_add_token(empty, secret, privsep=True)
    for userid in ('tfa@pve', 'yubikey@pve', 'webauthn@pve'):  # demo/auth.py: the second-factor accounts
        pve.vt_add_acl('/', userid, 'PVEAdmin')
