"""The demo's users, pool and tokens answer as PVE would; the app fetches and explains their permissions."""

import pytest
import requests
from proxmoxer import ProxmoxAPI
from proxmoxer.core import ResourceException

from virton_desktop.app import parse_args
from virton_desktop.demo.access import DEMO_LOGINS, LOGIN_NAMES, TEAM_GUESTS, demo_credentials
from virton_desktop.pve.client import Credentials, PveClient
from virton_desktop.pve.permissions import EVERYWHERE, NOWHERE, SOMEWHERE, Need, Privileges
from virton_desktop.session import ClusterSession

from helpers import proxmox


def px(demo, login):
    """proxmoxer logged in as a demo login: what PVE answers that login."""
    if login == "root":
        return proxmox(demo)
    who, secret = DEMO_LOGINS[login]
    user, _, token = who.partition("!")
    if token:
        return ProxmoxAPI(demo.host, port=demo.port, user=user, token_name=token, token_value=secret,
                          verify_ssl=demo.cafile)
    return ProxmoxAPI(demo.host, port=demo.port, user=user, password=secret, verify_ssl=demo.cafile)


def guests(api):
    return sorted(r["vmid"] for r in api.cluster.resources.get(type="vm"))


def forbidden(call):
    with pytest.raises(ResourceException) as err:
        call()
    assert err.value.status_code == 403
    return str(err.value)


def login_session(demo, login, name="demo"):
    creds = demo_credentials(login, demo.password)
    client = PveClient(demo.host, demo.port, fingerprint=demo.fingerprint)
    return ClusterSession(name, client, Credentials(creds["user"], password=creds["password"],
                                                    token_id=creds["token_id"], token_secret=creds["token_secret"]))


# ------------------------------------------------------------------ the demo, as PVE answers


def test_operator_sees_and_powers_only_the_pool(demo):
    api = px(demo, "operator")
    assert guests(api) == sorted(TEAM_GUESTS)
    assert "(/vms/102, VM.PowerMgmt)" in forbidden(lambda: api.nodes("pve1").qemu(102).status.start.post())
    assert api.nodes("pve1").qemu(101).status.start.post().startswith("UPID:")
    # PVEVMUser has no VM.Allocate nor VM.Snapshot, and no Datastore privilege: no storage listed.
    forbidden(lambda: api.nodes("pve1").qemu(101).snapshot.post(snapname="before"))
    assert [r for r in api.cluster.resources.get() if r["type"] == "storage"] == []
    # Its own tasks only (no Sys.Audit), and not the others' permissions.
    assert {t["user"] for t in api.cluster.tasks.get()} == {"operator@pve"}
    forbidden(lambda: api.access.permissions.get(userid="auditor@pve"))


def test_auditor_sees_everything_and_changes_nothing(demo):
    api = px(demo, "auditor")
    assert guests(api) == guests(px(demo, "root"))
    assert "VM.PowerMgmt" in forbidden(lambda: api.nodes("pve1").qemu(100).status.stop.post())
    assert api.access.permissions.get(path="/vms/100") == {"/vms/100": {
        "Datastore.Audit": 1, "Mapping.Audit": 1, "Pool.Audit": 1, "SDN.Audit": 1, "Sys.Audit": 1,
        "VM.Audit": 1, "VM.GuestAgent.Audit": 1}}
    assert len(api.cluster.tasks.get()) >= 1  # Sys.Audit on /: everyone's tasks


def test_privilege_separated_token_gets_the_intersection(demo):
    api = px(demo, "token")
    perms = api.access.permissions.get()
    # Token ACL: PVEVMUser on /vms/100 and /vms/101, PVEAuditor on the pool; user: PVEVMUser on the pool.
    assert perms["/vms/100"]["VM.PowerMgmt"] == 0  # held on the guest only (from the pool, never propagated)
    assert set(perms["/vms/112"]) == {"VM.Audit", "VM.GuestAgent.Audit"}  # Auditor ∩ VMUser
    assert "Sys.Audit" not in perms.get("/pool/team-a", {})  # the token's Auditor role, not its user's
    assert guests(api) == sorted(TEAM_GUESTS)
    assert api.nodes("pve1").qemu(100).status.stop.post().startswith("UPID:")
    forbidden(lambda: api.nodes("pve2").qemu(112).status.start.post())
    # A token's authuser keeps "!virton" while PVE splits a task's user: its own tasks are not listed.
    assert api.cluster.tasks.get() == []
    mine = api.nodes("pve1").tasks.get()
    assert mine and mine[0]["user"] == "operator@pve" and mine[0]["tokenid"] == "virton"
    # Its user sees the token's task among its own.
    assert any(t.get("tokenid") == "virton" for t in px(demo, "operator").cluster.tasks.get())


def test_token_without_acl_sees_nothing(demo):
    api = px(demo, "empty")
    assert {r["type"] for r in api.cluster.resources.get()} == {"node"}
    assert api.access.permissions.get() == {}
    assert api.pools.get() == []


def test_developer_creates_in_the_pool_only(demo):
    api = px(demo, "developer")
    assert [p["poolid"] for p in api.pools.get()] == ["team-a"]
    forbidden(lambda: api.nodes("pve1").qemu.post(vmid=150, name="new", memory=512))
    assert api.nodes("pve1").qemu.post(vmid=150, name="new", memory=512, pool="team-a").startswith("UPID:")


def test_ticket_cap_as_pve_computes_it(demo):
    answer = requests.post(demo.url + "/api2/json/access/ticket", verify=demo.cafile,
                           data={"username": "operator@pve", "password": DEMO_LOGINS["operator"][1]}).json()["data"]
    cap = answer["cap"]
    assert set(cap) == {"vms", "access", "storage", "nodes", "sdn", "dc", "mapping"}
    assert cap["vms"]["VM.PowerMgmt"] == 1 and cap["dc"] == {} and cap["nodes"] == {}
    assert "clustername" not in answer  # only with Sys.Audit on /
    root = requests.post(demo.url + "/api2/json/access/ticket", verify=demo.cafile,
                         data={"username": "root@pam", "password": demo.password}).json()["data"]
    assert root["clustername"] == "demo" and "Sys.PowerMgmt" in root["cap"]["nodes"]


def test_launcher_offers_every_demo_login():
    assert parse_args(["--demo", "--user", "token"]).user == "token"
    assert parse_args([]).user == "root"
    for login in LOGIN_NAMES:
        assert parse_args(["--user", login]).user == login


# ------------------------------------------------------------------ the app fetches them


def registry(qtbot, demo, login):
    from virton_desktop.core.clusters import Clusters
    from virton_desktop.models.instances import InstanceModel

    model = InstanceModel()
    clusters = Clusters(model)
    with qtbot.waitSignal(clusters.privileges_changed, timeout=15000):
        clusters.add(login_session(demo, login))
    return clusters, model


def test_clusters_fetch_the_privileges_of_a_token(qtbot, demo):
    clusters, _model = registry(qtbot, demo, "token")
    try:
        p = clusters.privileges("demo")
        assert p.known and clusters.permissions.known("demo")
        assert p.holds("VM.PowerMgmt", "/vms/100") and not p.holds("VM.PowerMgmt", "/vms/112")
        assert p.holds("VM.Audit", "/vms/112") and not p.holds("VM.Audit", "/vms/102")
        assert clusters.get("demo").client.authid == "operator@pve!virton"
    finally:
        clusters.close_all()
    assert clusters.privileges("nothing") is Privileges.ALL


def test_a_failed_fetch_keeps_what_was_known(qtbot, demo):
    clusters, _model = registry(qtbot, demo, "operator")
    try:
        before = clusters.privileges("demo")
        demo.pve.fail("GET", "/access/permissions", 500, "boom")
        with qtbot.waitSignal(clusters.permissions._pollers["demo"].failed, timeout=10000):
            clusters.permissions.refresh("demo")
        assert clusters.privileges("demo") == before
    finally:
        clusters.close_all()


# ------------------------------------------------------------------ the permission check


EXPECTED = {
    "root": {"list": EVERYWHERE, "power": EVERYWHERE, "create": EVERYWHERE, "tasks": EVERYWHERE},
    "operator": {"list": SOMEWHERE, "power": SOMEWHERE, "console": SOMEWHERE, "snapshots": NOWHERE,
                 "backups": NOWHERE, "create": NOWHERE, "delete": NOWHERE, "tasks": NOWHERE},
    "auditor": {"list": EVERYWHERE, "power": NOWHERE, "storage": EVERYWHERE, "tasks": EVERYWHERE},
    "developer": {"create": SOMEWHERE, "snapshots": SOMEWHERE, "storage": SOMEWHERE, "tasks": NOWHERE},
    "token": {"list": SOMEWHERE, "power": SOMEWHERE, "config": SOMEWHERE, "delete": NOWHERE},
    "empty": {"list": NOWHERE, "power": NOWHERE, "storage": NOWHERE},
}


@pytest.mark.parametrize("login", sorted(EXPECTED))
def test_check_table_for_each_demo_login(qtbot, qtmodeltester, demo, login):
    from virton_desktop.ui.connect.permission_check import COL_ALLOWED, PermissionCheckDialog

    clusters, _model = registry(qtbot, demo, login)
    try:
        dialog = PermissionCheckDialog(clusters, "demo", ["team-a"])
        qtbot.addWidget(dialog)
        rows = dialog.rows
        qtmodeltester.check(rows, force_py=True)
        got = {rows.data(rows.index(r, 0), 256): rows.where(r) for r in range(rows.rowCount())}
        assert {k: got[k] for k in EXPECTED[login]} == EXPECTED[login]
        shown = {rows.data(rows.index(r, 0), 256): rows.index(r, COL_ALLOWED).data() for r in range(rows.rowCount())}
        assert shown["list"] in ("Allowed", "Allowed on some", "Missing")
        commands = dialog.commands.toPlainText()
        if login == "root":
            assert commands == "" and not dialog.copy_button.isEnabled()
        else:
            assert commands.startswith("pveum role add VirtOnDesktop --privs ")
        if "!" in dialog.authid:
            assert dialog.privsep.isVisibleTo(dialog) and "intersection" in dialog.privsep.text()
            assert "--tokens '{0}'".format(dialog.authid) in commands
        else:
            assert not dialog.privsep.isVisibleTo(dialog)
    finally:
        clusters.close_all()


def test_grant_path_and_copy(qtbot, demo):
    from PySide6.QtGui import QGuiApplication
    from PySide6.QtTest import QTest

    from virton_desktop.ui.connect.permission_check import PermissionCheckDialog

    clusters, _model = registry(qtbot, demo, "operator")
    try:
        dialog = PermissionCheckDialog(clusters, "demo", ["team-a"])
        qtbot.addWidget(dialog)
        dialog.path.setCurrentIndex(dialog.path.findText("/pool/team-a"))
        expected = "pveum acl modify /pool/team-a --roles VirtOnDesktop --users operator@pve"
        assert expected in dialog.commands.toPlainText()
        dialog.path.lineEdit().clear()
        QTest.keyClicks(dialog.path.lineEdit(), "/vms/101")
        assert "acl modify /vms/101 " in dialog.commands.toPlainText()
        dialog.copy_button.click()
        assert QGuiApplication.clipboard().text() == dialog.commands.toPlainText()
        # Only what the operator lacks somewhere: VM.Allocate (create, delete), not VM.Audit (some guests).
        granted = dialog.commands.toPlainText().split("\n")[0].split('"')[1].split()
        assert "VM.Allocate" in granted and "VM.Snapshot" in granted
    finally:
        clusters.close_all()


def test_empty_list_is_explained_for_a_token_without_permissions(qtbot, demo):
    from virton_desktop.ui.main_window import MainWindow

    window = MainWindow()
    qtbot.addWidget(window)
    window.show()
    window.clusters.add(login_session(demo, "empty"))
    qtbot.waitUntil(lambda: window.permission_bar.isVisible(), timeout=15000)
    text = window.permission_bar.label.text()
    assert "operator@pve!monitor" in text and "VM.Audit" in text
    empty = window.page.empty
    assert empty.isVisible() and "VM.Audit" in empty.text() and "match the filters" not in empty.text()
    from virton_desktop.ui.connect.permission_check import PermissionCheckDialog

    # The check opened by itself, once; the banner's button brings back the same dialog.
    shown = window.findChildren(PermissionCheckDialog)
    assert len(shown) == 1 and shown[0].isVisible() and shown[0].rows.where(0) == NOWHERE
    window.permission_bar.action.click()
    assert window.findChildren(PermissionCheckDialog) == shown
    for s in window.clusters.sessions():
        s.close()


def test_no_explanation_when_the_login_sees_guests(qtbot, window):
    qtbot.waitUntil(lambda: window.clusters.permissions.known("demo"), timeout=15000)
    assert not window.permission_bar.isVisible()
    assert window.page.empty.text() == "No guests match the filters."


def test_profile_manager_opens_the_check_of_a_connected_profile(qtbot, demo, tmp_path):
    from virton_desktop.profiles import Profile, ProfileStore, SecretStore
    from virton_desktop.ui.connect.profile_manager import ProfileManager

    store = ProfileStore(tmp_path / "profiles.json")
    store.save(Profile(name="demo", addresses=("127.0.0.1:{0}".format(demo.port),)))
    manager = ProfileManager(store, SecretStore(), lambda: {store.all()[0].id})
    qtbot.addWidget(manager)
    manager.list.setCurrentRow(0)
    assert manager.permissions_button.isEnabled()
    with qtbot.waitSignal(manager.permissions_requested) as got:
        manager.permissions_button.click()
    assert got.args == [store.all()[0].id]
    manager.connected = set()
    manager.refresh()
    assert not manager.permissions_button.isEnabled()


def test_missing_need_for_the_operator_on_a_guest_outside_the_pool(qtbot, demo):
    from virton_desktop.pve.permissions import missing

    clusters, _model = registry(qtbot, demo, "operator")
    try:
        p = clusters.privileges("demo")
        assert missing("power", p, vmid=100, pool="team-a") is None
        assert missing("power", p, vmid=102) == Need("VM.PowerMgmt", "/vms/102")
        assert missing("create", p, vmid=150, pool="team-a", storage="local-lvm") == Need("VM.Allocate", "/pool/team-a")
    finally:
        clusters.close_all()


@pytest.mark.parametrize(("login", "words"), [("token", "no cluster tasks for the API token operator@pve!virton"),
                                               ("operator", "only the tasks of operator@pve")])
def test_task_panel_says_which_tasks_pve_leaves_out(qtbot, demo, login, words):
    from virton_desktop.ui.main_window import MainWindow

    window = MainWindow()
    qtbot.addWidget(window)
    window.show()
    window.clusters.add(login_session(demo, login))
    note = window.task_panel.scope_note
    qtbot.waitUntil(lambda: note.isVisible(), timeout=15000)
    assert words in note.text() and "Sys.Audit" in note.text()
    window.clusters.remove("demo")
    assert not note.isVisible()


def test_no_task_note_for_root_or_the_auditor(qtbot, window):
    qtbot.waitUntil(lambda: window.clusters.permissions.known("demo"), timeout=15000)
    assert not window.task_panel.scope_note.isVisible()


def test_a_guest_joining_a_pool_asks_for_the_privileges_again(qtbot, demo):
    # PVE lists every pool member where something is held (get_effective_permissions): a member
    # the answer leaves out holds nothing, until a new answer lists one that joined since.
    from types import SimpleNamespace

    clusters, _model = registry(qtbot, demo, "operator")
    try:
        feed = clusters.permissions
        assert not clusters.privileges("demo").holds("VM.PowerMgmt", "/vms/102", ("team-a",))
        proxmox(demo).pools("team-a").put(vms="102")
        joined = SimpleNamespace(vmid=102, pool="team-a")
        with qtbot.waitSignal(clusters.privileges_changed, timeout=10000):
            feed.members_seen("demo", [joined])
        assert clusters.privileges("demo").holds("VM.PowerMgmt", "/vms/102", ("team-a",))
        sent = feed._pollers["demo"].sent
        feed.members_seen("demo", [joined, SimpleNamespace(vmid=100, pool="team-a"),
                                   SimpleNamespace(vmid=103, pool="")])
        assert feed._pollers["demo"].sent == sent  # listed now, or in no pool: nothing to ask
    finally:
        clusters.close_all()
