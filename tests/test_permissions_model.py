"""pve/permissions.py over real PVE answers (provenance in tests/data/README.md) and PVE's rules."""

import json

from virton_desktop.pve.permissions import BUILTIN_ROLES, FEATURES, Need, Privileges, missing, needs_for, pveum_commands

# Real answers of GET /access/permissions, PVE 9.2.10 (hazmei/vault-custom-secrets-engine-proxmox-ve,
# docs/PVE_PROBES.md): probe 1 (a role on /access/realm/pve and /access/groups, propagated),
# probe 9 (the same role with --propagate 0) and probe 6-fix-A (`?path=/` of a token without rights).
PROBE_1 = json.loads('{"data":{"/access/realm/pve":{"Realm.AllocateUser":1,"User.Modify":1,"Sys.Audit":1},'
                     '"/access/groups":{"Realm.AllocateUser":1,"User.Modify":1,"Sys.Audit":1}}}')["data"]
PROBE_9 = json.loads('{"data":{"/access/groups":{"Realm.AllocateUser":0,"User.Modify":0,"Sys.Audit":0}}}')["data"]
PROBE_6_FIX_A = json.loads('{"data":{"/":{}}}')["data"]
# A root@pam login's ticket answer, pve-api-daemon/3.0 (nledez/proxmox, spec/proxmox_spec.rb): its `cap`.
ROOT_CAP_PVE3 = json.loads(
    '{"dc":{"Sys.Audit":1},"access":{"Group.Allocate":1,"User.Modify":1},"nodes":{"Sys.Audit":1,'
    '"Sys.Syslog":1,"Sys.Console":1,"Sys.Modify":1,"Sys.PowerMgmt":1},"vms":{"VM.Backup":1,"VM.Allocate":1,'
    '"VM.Config.CPU":1,"VM.Config.Network":1,"VM.Migrate":1,"VM.Config.Memory":1,"VM.Config.Options":1,'
    '"Permissions.Modify":1,"VM.Monitor":1,"VM.Console":1,"VM.Config.Disk":1,"VM.Config.HWType":1,'
    '"VM.Clone":1,"VM.Snapshot":1,"VM.Audit":1,"VM.PowerMgmt":1,"VM.Config.CDROM":1},"storage":'
    '{"Datastore.AllocateTemplate":1,"Datastore.Allocate":1,"Datastore.Audit":1,"Permissions.Modify":1,'
    '"Datastore.AllocateSpace":1}}')


def test_propagated_privileges_hold_below_their_path():
    p = Privileges.from_answer(PROBE_1)
    assert p.holds("User.Modify", "/access/groups")
    assert p.holds("User.Modify", "/access/groups/vault-test-grp")
    assert p.holds("Realm.AllocateUser", "/access/realm/pve")
    assert not p.holds("User.Modify", "/access")  # nothing above the ACL path
    assert not p.holds("VM.Audit", "/vms/100")
    assert not p.any_on("/vms", "VM.Audit") and p.any_on("/access", "Sys.Audit")


def test_a_not_propagated_privilege_holds_on_its_path_only():
    p = Privileges.from_answer(PROBE_9)
    assert p.holds("User.Modify", "/access/groups")
    assert not p.holds("User.Modify", "/access/groups/vault-test-grp")


def test_an_empty_path_answer_holds_nothing_and_all_holds_everything():
    p = Privileges.from_answer(PROBE_6_FIX_A)
    assert not p.holds("VM.Audit", "/vms/100") and not p.any_on("/", "VM.Audit")
    assert missing("list", p) == Need("VM.Audit", "/vms")
    assert Privileges.ALL.holds("VM.Allocate", "/vms/1") and missing("delete", Privileges.ALL, vmid=1) is None
    assert not Privileges.ALL.known and p.known


def test_a_deeper_listed_path_replaces_what_propagates_from_above():
    # /vms/100 is listed (an ACL or a pool member there): what PVE computed for it is all it has.
    p = Privileges.from_answer({"/": {"VM.Audit": 1, "VM.PowerMgmt": 1}, "/vms/100": {"VM.Audit": 0}})
    assert p.holds("VM.PowerMgmt", "/vms/101") and not p.holds("VM.PowerMgmt", "/vms/100")


def test_a_pool_gives_its_members_its_privileges():
    # PVE computes every pool member (get_effective_permissions) with its pool's roles in it.
    p = Privileges.from_answer({"/pool/team-a": {"VM.PowerMgmt": 1, "VM.Audit": 1},
                                "/vms/100": {"VM.Audit": 0, "VM.PowerMgmt": 0}, "/vms/101": {"VM.Audit": 0}})
    assert p.holds("VM.PowerMgmt", "/vms/100", pools=("team-a",))
    assert not p.holds("VM.PowerMgmt", "/vms/101", pools=("team-a",))  # PVE listed it: that is the truth
    assert not p.holds("VM.PowerMgmt", "/vms/105")
    assert p.any_on("/vms", "VM.PowerMgmt")
    assert missing("power", p, vmid=100, pool="team-a") is None
    assert missing("power", p, vmid=106) == Need("VM.PowerMgmt", "/vms/106")


def test_a_pool_member_the_answer_leaves_out_holds_nothing():
    # pve-access-control src/test/test7.cfg / perm-test7.pl (5ccd07d9): User1 has Role1
    # (VM.PowerMgmt) on /vms and NoAccess on /pool/devel, whose member is guest 100;
    # permissions('User1@pve', '/vms/100') is '' and get_effective_permissions leaves empty paths
    # out ("filter paths where user has NO permissions"): its answer is /vms alone.
    p = Privileges.from_answer({"/vms": {"VM.PowerMgmt": 1}})
    assert not p.holds("VM.PowerMgmt", "/vms/100", pools=("devel",))
    assert missing("power", p, vmid=100, pool="devel") == Need("VM.PowerMgmt", "/vms/100")
    assert p.holds("VM.PowerMgmt", "/vms/200") and missing("power", p, vmid=200) is None
    # test6.cfg / perm-test6.pl: User3's NoAccess on /vms trumps pool devel's RoleDEVEL on 500.
    p = Privileges.from_answer({"/pool/devel": {"VM.PowerMgmt": 1}, "/storage/store1": {"VM.PowerMgmt": 0}})
    assert not p.holds("VM.PowerMgmt", "/vms/500", pools=("devel",))


def test_alternatives_as_pve_writes_them():
    p = Privileges.from_answer({"/vms/100": {"VM.Snapshot.Rollback": 1}})
    assert missing("rollback", p, vmid=100) is None
    assert missing("snapshots", p, vmid=100) == Need("VM.Snapshot", "/vms/100")
    need = missing("config", Privileges.from_answer({}), vmid=100)
    assert need.path == "/vms/100" and need.privilege.startswith("VM.Config.Disk|")
    assert "VM.Config.Options" in need.privilege


def test_create_may_be_allowed_by_the_pool_instead_of_the_guest():
    p = Privileges.from_answer({"/pool/team-a": {"VM.Allocate": 1, "Datastore.AllocateSpace": 1},
                                "/storage/local-lvm": {"Datastore.AllocateSpace": 0}})
    assert missing("create", p, vmid=120) == Need("VM.Allocate", "/vms/120")
    assert missing("create", p, vmid=120, pool="team-a", storage="local-lvm") is None
    assert missing("create", p, vmid=120, pool="team-a", storage="local") == Need(
        "Datastore.AllocateSpace", "/storage/local")
    nobody = Privileges.from_answer({})
    assert missing("restore", nobody, vmid=120, pool="team-a") == Need("VM.Allocate", "/pool/team-a")


def test_features_and_their_paths():
    app_features = {"list", "power", "console", "config", "snapshots", "backups", "restore", "create", "delete"}
    assert app_features <= set(FEATURES)
    assert needs_for("backups", vmid=100, storage="nfs") == [Need("VM.Backup", "/vms/100"),
                                                             Need("Datastore.AllocateSpace", "/storage/nfs")]
    assert needs_for("tasks", node="pve1") == [Need("Sys.Audit", "/nodes/pve1")]
    assert needs_for("power") == [Need("VM.PowerMgmt", "/vms")]
    # VM.Monitor: PVE 8's name for reading the guest agent (PVE 9 split it into VM.GuestAgent.*)
    every = BUILTIN_ROLES["Administrator"] | {"VM.Monitor"}
    for feature in FEATURES.values():
        for need in feature.needs:
            assert set(need.privilege.split("|")) <= every, need


def test_builtin_roles_as_pve_builds_them():
    assert BUILTIN_ROLES["PVEVMUser"] == {
        "VM.Config.CDROM", "VM.Config.Cloudinit", "VM.Console", "VM.Backup", "VM.GuestAgent.FileRead",
        "VM.GuestAgent.FileSystemMgmt", "VM.GuestAgent.FileWrite", "VM.PowerMgmt", "VM.Audit", "VM.GuestAgent.Audit"}
    assert BUILTIN_ROLES["PVEAuditor"] == {"Datastore.Audit", "Mapping.Audit", "Pool.Audit", "SDN.Audit",
                                           "Sys.Audit", "VM.Audit", "VM.GuestAgent.Audit"}
    assert "Mapping.Modify" not in BUILTIN_ROLES["PVEAdmin"] and "Permissions.Modify" not in BUILTIN_ROLES["PVEAdmin"]
    assert BUILTIN_ROLES["NoAccess"] == frozenset()
    # Every privilege of PVE 3's root cap that PVE still has (VM.Monitor was dropped in PVE 8).
    for privs in ROOT_CAP_PVE3.values():
        assert set(privs) - {"VM.Monitor"} <= BUILTIN_ROLES["Administrator"]


def test_pveum_commands_for_a_user_and_a_privilege_separated_token():
    user = pveum_commands("alice@pve", ["list", "power", "console"], "/pool/team-a")
    assert user == ['pveum role add VirtOnDesktop --privs "VM.Audit VM.Console VM.PowerMgmt"',
                    "pveum acl modify /pool/team-a --roles VirtOnDesktop --users alice@pve"]
    token = pveum_commands("alice@pve!ci", ["backups"], "/")
    assert token[0] == 'pveum role add VirtOnDesktop --privs "Datastore.AllocateSpace VM.Backup"'
    # The token gets the intersection: its user must hold the privileges too.
    assert token[1:] == ["pveum acl modify / --roles VirtOnDesktop --users alice@pve",
                         "pveum acl modify / --roles VirtOnDesktop --tokens 'alice@pve!ci'"]


def test_coverage_tells_everywhere_somewhere_and_nowhere():
    from virton_desktop.pve.permissions import EVERYWHERE, NOWHERE, SOMEWHERE, coverage

    pool = Privileges.from_answer({"/pool/team-a": {"VM.PowerMgmt": 1, "VM.Audit": 1},
                                   "/vms/100": {"VM.PowerMgmt": 0, "VM.Audit": 0}})
    assert coverage("power", pool) == (SOMEWHERE, Need("VM.PowerMgmt", "/vms/{vmid}"))
    assert coverage("delete", pool) == (NOWHERE, Need("VM.Allocate", "/vms/{vmid}"))
    auditor = Privileges.from_answer({"/": {"VM.Audit": 1, "Datastore.Audit": 1, "Sys.Audit": 1}})
    assert coverage("list", auditor)[0] == EVERYWHERE and coverage("storage", auditor)[0] == EVERYWHERE
    assert coverage("backups", auditor) == (NOWHERE, Need("VM.Backup", "/vms/{vmid}"))
    assert coverage("create", Privileges.ALL)[0] == EVERYWHERE


def test_coverage_looks_at_each_listed_object_and_at_nothing_else():
    from virton_desktop.pve.permissions import EVERYWHERE, NOWHERE, SOMEWHERE, coverage

    # pve-access-control test1.cfg / perm-test1.pl (5ccd07d9): max@pve has vm_admin on /vms and
    # customer (VM.Audit, VM.PowerMgmt) on /vms/100, which replaces it there: console not everywhere.
    max_pve = Privileges.from_answer({"/vms": {"VM.Console": 1, "VM.Audit": 1, "VM.Allocate": 1},
                                      "/vms/100": {"VM.Audit": 1, "VM.PowerMgmt": 1}})
    assert coverage("console", max_pve) == (SOMEWHERE, Need("VM.Console", "/vms/{vmid}"))
    assert coverage("list", max_pve)[0] == EVERYWHERE and coverage("power", max_pve)[0] == SOMEWHERE
    assert max_pve.on_every("/vms", "VM.Audit") and not max_pve.on_every("/vms", "VM.Console")
    # test5.cfg / perm-test5.pl: Role2 (VM.Console) on /vms/100/a/b is no guest's path.
    deep = Privileges.from_answer({"/vms": {"VM.PowerMgmt": 1}, "/vms/100/a/b": {"VM.Console": 1}})
    assert coverage("console", deep)[0] == NOWHERE and not deep.on_some("/vms", "VM.Console")
    assert missing("console", deep) == Need("VM.Console", "/vms")
    # A privilege on /vms without propagation holds on /vms only, on no guest.
    flat = Privileges.from_answer({"/vms": {"VM.PowerMgmt": 0}})
    assert coverage("power", flat)[0] == NOWHERE and missing("power", flat) == Need("VM.PowerMgmt", "/vms")
    # test6.cfg / perm-test6.pl: User3's NoAccess on /vms trumps pool devel's RoleDEVEL: PVE lists
    # /pool/devel but none of its guests, so no guest can be powered; a new guest could go into
    # a pool where VM.Allocate is held (create_vm checks /pool/<pool>).
    user3 = Privileges.from_answer({"/pool/devel": {"VM.PowerMgmt": 1, "VM.Allocate": 1}})
    assert coverage("power", user3)[0] == NOWHERE and coverage("delete", user3)[0] == NOWHERE
    assert user3.on_some("/vms", "VM.Allocate", pools=True) and not user3.on_some("/vms", "VM.Allocate")
    # A fixed path is checked as it is: Sys.Console on / without propagation is enough for HA.
    assert coverage("ha", Privileges.from_answer({"/": {"Sys.Console": 0}}))[0] == EVERYWHERE
