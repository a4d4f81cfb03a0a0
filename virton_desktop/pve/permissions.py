"""What the logged-in user or token may do, read from PVE's own answers (no Qt).

PVE answers `GET /access/permissions` with the *effective* privileges per path
(pve-access-control `PVE::RPCEnvironment::get_effective_permissions`): every path that
carries an ACL, the top-level paths (`/`, `/vms`, `/storage`, `/nodes`, ...) and every pool
member (`/vms/<id>`, `/storage/<sid>`), each mapped to `{privilege: propagate}`, and leaves
out every one of those paths where nothing is held ("filter paths where user has NO
permissions"). The value is the propagate flag: 1 = the privilege also holds below that path,
0 = only on the path itself (e.g. what a guest inherits from its pool never propagates). A path
absent from the answer gets what its nearest listed ancestor holds with propagate = 1
(`PVE::AccessControl::roles` walks the path from `/`, each deeper ACL replacing the roles
above it), except a pool member, which PVE always computes: absent, it holds nothing. (An
ACL path of another user, e.g. a NoAccess on /vms/<id>, is left out the same way when empty,
but the answer does not say it is one: only `?path=` tells.)

A privilege-separated token's answer is already the intersection of its own ACL and its
user's (`RPCEnvironment::permissions`, "intersect user and token permissions"), so the
answer needs no further work here; `privsep_explained` only puts that into words.

`FEATURES` lists the app's features with the privileges PVE's API declares for them, so the
UI can disable what would 403 and the permission check can name what is missing.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from types import MappingProxyType

__all__ = ["BUILTIN_ROLES", "FEATURES", "Feature", "Need", "Privileges", "ROLE_NAME", "missing",
           "needs_for", "pveum_commands", "split_authid", "coverage", "EVERYWHERE", "SOMEWHERE", "NOWHERE"]


# --------------------------------------------------------------- built-in roles

# pve-access-control src/PVE/AccessControl.pm, `$privgroups`: each category's privileges by
# group; `create_roles` builds PVE<Cat>Admin (admin+user+audit), PVE<Cat>User (user+audit, if
# the category has user privileges) and PVEAuditor (every audit) from it.
_PRIVGROUPS = {
    "VM": {
        "root": (),
        "admin": ("VM.Config.Disk", "VM.Config.CPU", "VM.Config.Memory", "VM.Config.Network",
                  "VM.Config.HWType", "VM.Config.Options", "VM.Allocate", "VM.Clone",
                  "VM.GuestAgent.Unrestricted", "VM.Migrate", "VM.Replicate", "VM.Snapshot",
                  "VM.Snapshot.Rollback"),
        "user": ("VM.Config.CDROM", "VM.Config.Cloudinit", "VM.Console", "VM.Backup",
                 "VM.GuestAgent.FileRead", "VM.GuestAgent.FileSystemMgmt", "VM.GuestAgent.FileWrite",
                 "VM.PowerMgmt"),
        "audit": ("VM.Audit", "VM.GuestAgent.Audit"),
    },
    "Sys": {"root": ("Sys.PowerMgmt", "Sys.Modify", "Sys.Incoming", "Sys.AccessNetwork"),
            "admin": ("Sys.Console", "Sys.Syslog"), "user": (), "audit": ("Sys.Audit",)},
    "Datastore": {"root": (), "admin": ("Datastore.Allocate", "Datastore.AllocateTemplate"),
                  "user": ("Datastore.AllocateSpace",), "audit": ("Datastore.Audit",)},
    "SDN": {"root": (), "admin": ("SDN.Allocate", "SDN.Audit"), "user": ("SDN.Use",), "audit": ("SDN.Audit",)},
    "User": {"root": ("Realm.Allocate",), "admin": ("User.Modify", "Group.Allocate", "Realm.AllocateUser"),
             "user": (), "audit": ()},
    "Pool": {"root": (), "admin": ("Pool.Allocate",), "user": ("Pool.Audit",), "audit": ("Pool.Audit",)},
    "Mapping": {"root": (), "admin": ("Mapping.Modify",), "user": ("Mapping.Use",), "audit": ("Mapping.Audit",)},
}


def _builtin_roles() -> dict[str, frozenset[str]]:
    roles: dict[str, set[str]] = {"NoAccess": set(), "Administrator": {"Permissions.Modify"},
                                  "PVEAdmin": set(), "PVEAuditor": set()}
    for cat, groups in _PRIVGROUPS.items():
        every = set().union(*groups.values())
        roles["Administrator"] |= every
        roles.setdefault("PVE" + cat + "Admin", set()).update(groups["admin"], groups["user"], groups["audit"])
        roles["PVEAdmin"].update(groups["admin"], groups["user"], groups["audit"])
        if groups["user"]:
            roles.setdefault("PVE" + cat + "User", set()).update(groups["user"], groups["audit"])
        roles["PVEAuditor"].update(groups["audit"])
    roles["PVEAdmin"].discard("Mapping.Modify")
    roles["PVETemplateUser"] = {"VM.Clone", "VM.Audit"}
    return {name: frozenset(privs) for name, privs in roles.items()}


BUILTIN_ROLES: Mapping[str, frozenset[str]] = MappingProxyType(_builtin_roles())
ALL_PRIVILEGES = BUILTIN_ROLES["Administrator"]


def split_authid(authid: str) -> tuple[str, str]:
    """'user@realm!token' -> ('user@realm', 'token'); a user id -> (userid, '')."""
    user, _, token = authid.partition("!")
    return user, token


# ------------------------------------------------------------------ privileges

@dataclass(frozen=True)
class Need:
    """One privilege on one path. `privilege` may list alternatives as PVE writes them in its
    403 message ("VM.Snapshot|VM.Snapshot.Rollback"): any one of them is enough."""
    privilege: str
    path: str


def _parents(path: str) -> list[str]:
    """The path's ancestors, nearest first, ending with '/'."""
    parts = [p for p in path.split("/") if p]
    return ["/" + "/".join(parts[:i]) if i else "/" for i in range(len(parts) - 1, -1, -1)]


def _norm(path: str) -> str:
    return "/" + "/".join(p for p in path.split("/") if p)


@dataclass(frozen=True)
class Privileges:
    """The effective privileges of one login. `Privileges.ALL` (root, or not known yet)
    holds everything, so nothing is disabled before PVE has answered."""
    paths: Mapping[str, Mapping[str, int]] = field(default_factory=dict)
    everything: bool = False

    ALL = None  # set below: Privileges(everything=True)

    @classmethod
    def from_answer(cls, answer: Mapping[str, Mapping[str, int]]) -> Privileges:
        """From GET /access/permissions' data (path -> privilege -> propagate flag)."""
        paths = {_norm(str(path)): MappingProxyType({str(p): int(bool(v)) for p, v in (privs or {}).items()})
                 for path, privs in (answer or {}).items()}
        return cls(MappingProxyType(paths))

    @property
    def known(self) -> bool:
        return not self.everything

    def _on(self, privilege: str, path: str) -> bool:
        path = _norm(path)
        listed = self.paths.get(path)
        if listed is not None:  # PVE computed this very path: it is the whole truth for it
            return privilege in listed
        for parent in _parents(path):
            privs = self.paths.get(parent)
            if privs is not None:  # the nearest listed ancestor decides (deeper ACLs replace)
                return bool(privs.get(privilege))
        return False

    def holds(self, privilege: str, path: str, pools: Iterable[str] = ()) -> bool:
        """True if the privilege (or one of "A|B") is held on path, as PVE listed it or inherited
        from an ancestor; `pools`: the pools the guest or storage is a member of (what they grant
        is in PVE's entry for the member itself)."""
        if self.everything:
            return True
        alternatives = [p for p in privilege.split("|") if p]
        path = _norm(path)
        if path not in self.paths and any(pools) and path.startswith(("/vms/", "/storage/")):
            # get_effective_permissions computes every pool member and leaves out those where
            # nothing is held (a NoAccess on the pool or above the guest trumps what the pool or
            # a parent grants: perm-test6.pl, perm-test7.pl): an unlisted member holds nothing.
            return False
        return any(self._on(priv, path) for priv in alternatives)

    def any_on(self, prefix: str, privilege: str) -> bool:
        """True if the privilege is held on prefix or anywhere below it (for '/vms' and
        '/storage' also through a pool, which gives its members its roles)."""
        if self.everything:
            return True
        prefix = _norm(prefix)
        if self._on(privilege, prefix):
            return True
        below = prefix + "/" if prefix != "/" else "/"
        pooled = prefix in ("/vms", "/storage", "/")
        for path, privs in self.paths.items():
            if privilege in privs and (path.startswith(below) or (pooled and path.startswith("/pool/"))):
                return True
        return False


    def _children(self, area: str) -> list[str]:
        """The listed paths of the objects right below area (/vms -> /vms/<id>)."""
        below = area.rstrip("/") + "/"
        return [path for path in self.paths if path.startswith(below) and "/" not in path[len(below):]]

    def on_some(self, area: str, privilege: str, pools: bool = False) -> bool:
        """True if the privilege holds on some object right below area (a guest of /vms, a
        storage, a node): a listed one, or one not listed, which inherits what propagates to it.
        PVE checks the object's own path, so neither the area itself with propagate = 0 nor a
        deeper path (/vms/100/a/b, perm-test5.pl) gives it to any object. With `pools` (a new
        guest may go into a pool: create, restore) a pool holding it counts too."""
        if self.everything:
            return True
        area = _norm(area)
        if self._on(privilege, area.rstrip("/") + "/\u2026"):
            return True
        if any(privilege in self.paths[path] for path in self._children(area)):
            return True
        return pools and any(privilege in privs for path, privs in self.paths.items() if path.startswith("/pool/"))

    def on_every(self, area: str, privilege: str) -> bool:
        """True if the privilege (or one of "A|B") holds on every object right below area: it
        propagates to those PVE did not list, and every listed one holds it (a deeper ACL
        replaces what propagates: max@pve's customer role on /vms/100 under vm_admin on /vms,
        perm-test1.pl)."""
        area = _norm(area)
        return all(self.holds(privilege, path) for path in [area.rstrip("/") + "/\u2026"] + self._children(area))


Privileges.ALL = Privileges(everything=True)


# -------------------------------------------------------------------- features

@dataclass(frozen=True)
class Feature:
    """One feature of the app and the privileges PVE checks for it, in the order it checks.
    Paths are templates: {vmid}, {storage}, {pool}, {node}."""
    key: str
    needs: tuple[Need, ...]
    # The privilege may also be held on /pool/{pool} instead of /vms/{vmid} (create, restore:
    # qemu-server Qemu.pm create_vm, pve-container LXC.pm create_vm).
    pool_alternative: bool = False


# Sources (the `permissions => {check => ...}` of each API method):
# qemu-server src/PVE/API2/Qemu.pm, pve-container src/PVE/API2/LXC.pm (the same checks for
# containers), pve-manager PVE/API2/Cluster.pm (resources: VM.Audit per guest),
# PVE/API2/VZDump.pm (VM.Backup on the guest, Datastore.AllocateSpace on the storage),
# PVE/API2/Tasks.pm (Sys.Audit on /nodes/<node> for other users' tasks), pve-storage
# PVE/API2/Storage/Content.pm (Datastore.Audit|Datastore.AllocateSpace to list a storage).
_FEATURES = (
    Feature("list", (Need("VM.Audit", "/vms/{vmid}"),)),                                   # Cluster.pm resources
    # vm_start/stop/shutdown; PVE 9.1's bulk start/shutdown/suspend check it on each listed vmid first
    Feature("power", (Need("VM.PowerMgmt", "/vms/{vmid}"),)),
    Feature("console", (Need("VM.Console", "/vms/{vmid}"),)),                              # vncproxy, termproxy
    Feature("config", (Need("VM.Config.Disk|VM.Config.CDROM|VM.Config.CPU|VM.Config.Memory|"
                            "VM.Config.Network|VM.Config.HWType|VM.Config.Options|VM.Config.Cloudinit",
                            "/vms/{vmid}"),)),                                             # update_vm: any => 1
    # Tags: the key's own privilege; which tags also needs Sys.Modify on / (pve-guest-common
    # GuestHelpers.pm assert_tag_permissions, called by qemu-server update_vm, pve-container).
    Feature("tags", (Need("VM.Config.Options", "/vms/{vmid}"),)),
    # Qemu.pm update_vm: cloud-init keys and ipconfigN need VM.Config.Cloudinit or .Network
    # (check_vm_perm ..., any); cloudinit_update (PUT {vmid}/cloudinit) VM.Config.Cloudinit; a new
    # cloud-init drive both VM.Config.Cloudinit and VM.Config.CDROM, and space on its storage.
    Feature("cloudinit", (Need("VM.Config.Cloudinit|VM.Config.Network", "/vms/{vmid}"),)),
    Feature("cloudinit_regenerate", (Need("VM.Config.Cloudinit", "/vms/{vmid}"),)),
    Feature("cloudinit_drive", (Need("VM.Config.Cloudinit", "/vms/{vmid}"), Need("VM.Config.CDROM", "/vms/{vmid}"),
                                Need("Datastore.AllocateSpace", "/storage/{storage}"))),
    Feature("snapshots", (Need("VM.Snapshot", "/vms/{vmid}"),)),                           # snapshot, delsnapshot
    Feature("rollback", (Need("VM.Snapshot|VM.Snapshot.Rollback", "/vms/{vmid}"),)),      # rollback: any => 1
    Feature("backups", (Need("VM.Backup", "/vms/{vmid}"),                                  # VZDump.pm
                        Need("Datastore.AllocateSpace", "/storage/{storage}"))),
    # Restore also reads the archive (pve-storage Storage.pm check_volume_access): free for the
    # guest's own backup, else Datastore.AllocateSpace on the backup storage and VM.Backup on the
    # guest it was taken of; that guest is not the new one, so it is left to PVE's answer.
    Feature("restore", (Need("VM.Allocate", "/vms/{vmid}"),                                # create_vm with archive
                        Need("Datastore.AllocateSpace", "/storage/{storage}")), pool_alternative=True),
    Feature("create", (Need("VM.Allocate", "/vms/{vmid}"),                                 # create_vm
                       Need("Datastore.AllocateSpace", "/storage/{storage}")), pool_alternative=True),
    Feature("delete", (Need("VM.Allocate", "/vms/{vmid}"),)),                              # destroy_vm
    # clone_vm (qemu-server Qemu.pm, pve-container LXC.pm): VM.Clone on the source, VM.Allocate on
    # /vms/{newid} or /pool/{pool}, Datastore.AllocateSpace on every storage a disk lands on.
    Feature("clone", (Need("VM.Clone", "/vms/{vmid}"), Need("VM.Allocate", "/vms/{newid}"),
                      Need("Datastore.AllocateSpace", "/storage/{storage}"))),
    Feature("template", (Need("VM.Allocate", "/vms/{vmid}"),)),                            # template
    Feature("migrate", (Need("VM.Migrate", "/vms/{vmid}"),)),                              # migrate_vm (+ GET)
    Feature("storage", (Need("Datastore.Audit|Datastore.AllocateSpace", "/storage/{storage}"),)),
    Feature("tasks", (Need("Sys.Audit", "/nodes/{node}"),)),                               # others' tasks
    # remote_migrate_vm (Qemu.pm, LXC.pm): the source side; the target's token is checked there.
    Feature("remote_migrate", (Need("VM.Migrate", "/vms/{vmid}"),)),
    Feature("node_shell", (Need("Sys.Console", "/nodes/{node}"),)),                        # Nodes.pm termproxy
    # pve-ha-manager src/PVE/API2/HA/Resources.pm create/update/delete/migrate and Rules.pm update:
    # `check => ['perm', '/', ['Sys.Console']]` (reading them needs only Sys.Audit on /).
    Feature("ha", (Need("Sys.Console", "/"),)),
    # qemu-server API2/Qemu/Agent.pm read-only commands: VM.GuestAgent.Audit|Unrestricted (PVE 9),
    # VM.Monitor (PVE 8); a container's interfaces need VM.Audit only (pve-container LXC.pm)
    Feature("agent", (Need("VM.GuestAgent.Audit|VM.GuestAgent.Unrestricted|VM.Monitor", "/vms/{vmid}"),)),
    # pve-manager PVE/API2/Backup.pm index and BackupInfo.pm not-backed-up: `check => ['perm', '/', ['Sys.Audit']]`.
    Feature("backup_coverage", (Need("Sys.Audit", "/"),)),
)
FEATURES: Mapping[str, Feature] = MappingProxyType({f.key: f for f in _FEATURES})


def needs_for(feature_key: str, *, vmid=None, pool: str = "", node: str = "", storage: str = "") -> list[Need]:
    """The feature's needs with the paths filled in; an unknown part stays a placeholder
    ('/vms/{vmid}' -> '/vms' when no vmid is given: "on any guest")."""
    values = {"vmid": vmid, "pool": pool, "node": node, "storage": storage}
    out = []
    for need in FEATURES[feature_key].needs:
        path = need.path
        for name, value in values.items():
            token = "{" + name + "}"
            if token in path:
                path = path.replace(token, str(value)) if value not in (None, "") else path.replace("/" + token, "")
        out.append(Need(need.privilege, path or "/"))
    return out


def missing(feature_key: str, privileges: Privileges, *, vmid=None, pool: str = "", node: str = "",
            storage: str = "") -> Need | None:
    """The first need of the feature the privileges do not meet, or None if all are met.
    Without an id the check is "anywhere below" (e.g. VM.Audit on some guest)."""
    feature = FEATURES[feature_key]
    pools = (pool,) if pool else ()
    for need in needs_for(feature_key, vmid=vmid, pool=pool, node=node, storage=storage):
        if "{" in need.path or need.path in ("/vms", "/storage", "/nodes"):
            held = any(privileges.on_some(need.path.split("{")[0].rstrip("/") or "/", p, feature.pool_alternative)
                       for p in need.privilege.split("|"))
        else:  # the pool is the guest's: a storage's pool membership is in PVE's answer itself
            held = privileges.holds(need.privilege, need.path, pools if need.path.startswith("/vms/") else ())
        if not held and feature.pool_alternative and pool and need.path.startswith("/vms"):
            held = privileges.holds(need.privilege, "/pool/" + pool)
        if not held:
            if feature.pool_alternative and pool and need.path.startswith("/vms"):
                return Need(need.privilege, "/pool/" + pool)
            return need
    return None


EVERYWHERE, SOMEWHERE, NOWHERE = "everywhere", "somewhere", "nowhere"


def coverage(feature_key: str, privileges: Privileges) -> tuple[str, Need]:
    """Where the feature is allowed: EVERYWHERE (on every guest/storage/node), SOMEWHERE (on some,
    e.g. a pool's guests) or NOWHERE; with the need that limits it (the first one otherwise)."""
    feature = FEATURES[feature_key]
    needs = feature.needs
    result, limit = EVERYWHERE, needs[0]
    for need in needs:
        alternatives = need.privilege.split("|")
        if "{" not in need.path:  # one fixed path ('/'): held or not
            if privileges.holds(need.privilege, need.path):
                continue
            return NOWHERE, need
        area = need.path.split("{")[0].rstrip("/") or "/"
        if privileges.on_every(area, need.privilege):
            continue
        if any(privileges.on_some(area, p, feature.pool_alternative) for p in alternatives):
            if result == EVERYWHERE:
                result, limit = SOMEWHERE, need
            continue
        return NOWHERE, need
    return result, limit


# ---------------------------------------------------------------------- pveum

ROLE_NAME = "VirtOnDesktop"


def _least_privileges(feature_keys: Iterable[str]) -> list[str]:
    """One privilege per need (the first of alternatives: the narrowest PVE accepts)."""
    privs: dict[str, None] = {}
    for key in feature_keys:
        for need in FEATURES[key].needs:
            privs.setdefault(need.privilege.split("|")[0])
    return sorted(privs)


def pveum_commands(userid_or_token: str, feature_keys: Iterable[str], path: str, role: str = ROLE_NAME) -> list[str]:
    """Shell commands that give the user or token a role with exactly the features' privileges
    on path (pve-access-control src/PVE/CLI/pveum.pm maps `role add` to API2/Role.pm create_role
    (`--privs`) and `acl modify` to API2/ACL.pm update_acl (`--roles`, `--users` or `--tokens`;
    propagate defaults to 1).

    For a privilege-separated token the owning user needs the privileges too (the token gets the
    intersection), so both ACLs are set."""
    privs = _least_privileges(list(feature_keys))
    path = _norm(path)
    user, token = split_authid(userid_or_token)
    commands = ['pveum role add {0} --privs "{1}"'.format(role, " ".join(privs))]
    if token:
        commands.append("pveum acl modify {0} --roles {1} --users {2}".format(path, role, user))
        commands.append("pveum acl modify {0} --roles {1} --tokens '{2}'".format(path, role, userid_or_token))
    else:
        commands.append("pveum acl modify {0} --roles {1} --users {2}".format(path, role, user))
    return commands
