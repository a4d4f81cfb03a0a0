"""Pools in create and restore, against the demo with fakepve grants: a user who holds VM.Allocate
only on a pool is refused (403) without one, and creates or restores when the pool is chosen
(PVE: qemu-server / pve-container `create_vm` check VM.Allocate on /vms/{vmid} or /pool/{pool})."""

import uuid

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWizard
from test_create_wizards import FINISH, _fill_vm, _open, _ready

from virton_desktop.models.instances import InstanceModel
from virton_desktop.models.tasks import TaskModel
from virton_desktop.pve import create
from virton_desktop.pve.client import Credentials, PveClient
from virton_desktop.session import ClusterSession
from virton_desktop.ui.wizards import CreateVmWizard

from conftest import remember_secret
from helpers import proxmox, started

POOL = "team-x"
USER = "alice@pve"
# PVEVMAdmin's configuration privileges and Pool.Audit (to list it), only on the pool.
POOL_PRIVILEGES = ("VM.Allocate", "VM.Audit", "VM.Backup", "VM.PowerMgmt", "VM.Console", "VM.Config.Disk",
                   "VM.Config.CPU", "VM.Config.Memory", "VM.Config.Network", "VM.Config.Options", "VM.Config.CDROM",
                   "VM.Config.HWType", "Pool.Audit")
# Enough to read the cluster's lists (nodes, storages, templates, bridges) and use its storages.
CLUSTER_PRIVILEGES = ("Sys.Audit", "Datastore.Audit", "Datastore.AllocateSpace", "Datastore.AllocateTemplate",
                      "SDN.Use")


def _pool_user(qtbot, demo, pools=(POOL,)):
    """A session as a user holding VM.Allocate only on `pools` (the first one gets it; all are listed)."""
    root = proxmox(demo)
    for name in pools:
        root.pools.post(poolid=name)
    password = remember_secret("pw-" + uuid.uuid4().hex)
    demo.pve.users[USER] = password
    demo.pve.grant(USER, "/pool/" + pools[0], *POOL_PRIVILEGES)
    for other in pools[1:]:
        demo.pve.grant(USER, "/pool/" + other, "Pool.Audit")
    demo.pve.grant(USER, "/", *CLUSTER_PRIVILEGES)
    session = ClusterSession("demo", PveClient(demo.host, demo.port, fingerprint=demo.fingerprint),
                             Credentials(USER, password=password))
    # What the main window keeps for the backups page (as test_backups' sessions).
    session.guests, session.tasks = InstanceModel(), TaskModel()
    session.instances_polled.connect(session.guests.apply)
    session.task_changed.connect(session.tasks.update)
    return started(qtbot, session)


def _back_to_start(qtbot, wizard):
    while wizard.currentId() != wizard.startId():
        qtbot.mouseClick(wizard.button(QWizard.WizardButton.BackButton), Qt.MouseButton.LeftButton)


def _forward_to_summary(qtbot, wizard):
    while wizard.currentPage() is not wizard.summary:
        _ready(qtbot, wizard)
        qtbot.mouseClick(wizard.button(QWizard.WizardButton.NextButton), Qt.MouseButton.LeftButton)
    _ready(qtbot, wizard)


def test_params_carry_the_pool_only_when_chosen():
    vm = create.VmSpec(node="pve1", vmid=150, name="a")
    assert "pool" not in create.vm_params(vm)
    vm.pool = POOL
    assert create.vm_params(vm)["pool"] == POOL
    ct = create.CtSpec(node="pve1", vmid=250, hostname="b", password="x", ostemplate="local:vztmpl/t.tar.zst")
    assert "pool" not in create.ct_params(ct)
    ct.pool = POOL
    assert create.ct_params(ct)["pool"] == POOL
    assert dict(create.ct_summary(ct))["Resource pool"] == POOL


def test_vm_wizard_refused_without_the_pool_creates_with_it(qtbot, demo):
    session = _pool_user(qtbot, demo, pools=(POOL, "team-y"))
    try:
        wizard = _open(qtbot, CreateVmWizard, session)
        pool = wizard.general.pool
        qtbot.waitUntil(lambda: pool.count() == 3, timeout=10000)
        assert pool.pool() == ""  # two pools listed: nothing is chosen for the user
        _fill_vm(qtbot, wizard, "pooled-01")
        vmid = int(wizard.general.vmid.text())
        qtbot.mouseClick(wizard.button(FINISH), Qt.MouseButton.LeftButton)
        status = wizard.summary.status
        qtbot.waitUntil(lambda: status.kind == "error", timeout=15000)
        assert "ermission" in status.text() and demo.pve.vm(vmid) is None
        assert wizard.isVisible() and wizard.general.name.text() == "pooled-01"  # the input survives

        _back_to_start(qtbot, wizard)
        pool.setFocus()
        qtbot.keyClicks(pool, POOL)  # the keyboard search of a combo box, as a user picks it
        assert pool.pool() == POOL
        _forward_to_summary(qtbot, wizard)
        with qtbot.waitSignal(wizard.created, timeout=15000):
            qtbot.mouseClick(wizard.button(FINISH), Qt.MouseButton.LeftButton)
        assert demo.pve.vm(vmid).pool == POOL
        sent = [bytes(body) for method, path, body in demo.pve.requests
                if method == "POST" and path == "/api2/json/nodes/pve1/qemu"]
        assert b"pool=" not in sent[0] and b"pool=" + POOL.encode() in sent[-1]  # the key only when chosen
    finally:
        session.close()


def test_the_only_pool_is_preselected(qtbot, demo):
    session = _pool_user(qtbot, demo)
    try:
        wizard = _open(qtbot, CreateVmWizard, session)
        qtbot.waitUntil(lambda: wizard.general.pool.count() == 2, timeout=10000)
        assert wizard.general.pool.pool() == POOL
        assert wizard.spec().pool == POOL
    finally:
        session.close()


def test_container_restore_refused_without_the_pool_done_with_it(qtbot, demo):
    from test_backups import _view, _volumes

    from virton_desktop.ui.backups.backup_dialogs import RestoreDialog

    # The archive of CT 200 is listed to whoever may back 200 up (PVE's check_volume_access).
    demo.pve.grant(USER, "/vms/200", "VM.Audit", "VM.Backup")
    session = _pool_user(qtbot, demo, pools=(POOL, "team-y"))
    try:
        view = _view(qtbot, session)
        qtbot.waitUntil(lambda: bool(_volumes(view, 200)), timeout=10000)
        row = _volumes(view, 200)[0]
        dialog = RestoreDialog(view.feed, session, row, view)
        qtbot.addWidget(dialog)
        dialog.show()
        qtbot.waitUntil(lambda: dialog.vmid.value() != 200 and dialog.storage.count() > 0
                        and not dialog.pool.loading, timeout=10000)
        assert dialog.pool.pool() == "" and dialog.pool.isEnabled()
        cluster, _node, op = dialog.request()
        assert "pool" not in op.params
        newid = op.params["vmid"]
        assert view.restore(cluster, op, row.backup.file_name)
        qtbot.waitUntil(lambda: view.errors_bar.isVisible(), timeout=10000)
        assert "ermission" in view.errors_bar.label.text() and demo.pve.ct(newid) is None

        dialog.pool.setFocus()
        qtbot.keyClicks(dialog.pool, POOL)
        cluster, _node, op = dialog.request()
        assert op.params["pool"] == POOL
        assert view.restore(cluster, op, row.backup.file_name)
        qtbot.waitUntil(lambda: demo.pve.ct(newid) is not None and demo.pve.ct(newid).pool == POOL, timeout=10000)
    finally:
        session.close()


def test_an_overwritten_guest_keeps_its_pool(qtbot, demo):
    from test_backups import _started, _view, _volumes

    from virton_desktop.ui.backups.backup_dialogs import RestoreDialog

    session = _started(qtbot, demo)
    view = _view(qtbot, session)
    dialog = RestoreDialog(view.feed, session, _volumes(view, 200)[0], view)
    qtbot.addWidget(dialog)
    dialog.overwrite.setChecked(True)
    assert not dialog.pool.isEnabled() and "pool" not in dialog.request()[2].params
    session.close()


def test_developer_creates_only_in_team_a(qtbot, demo):
    """The demo's developer holds VM.Allocate only through pool team-a: the wizard preselects it and
    says it is required; without it the server refuses, with it the VM is created in the pool."""
    from virton_desktop.demo.access import demo_credentials
    from virton_desktop.pve import api
    from virton_desktop.pve.permissions import Privileges

    from helpers import answer

    creds = demo_credentials("developer", demo.password)
    remember_secret(creds["password"])
    session = started(qtbot, ClusterSession("demo", PveClient(demo.host, demo.port, fingerprint=demo.fingerprint),
                                            Credentials(**creds)))
    try:
        privileges = Privileges.from_answer(answer(qtbot, session.run(api.permissions())))
        wizard = CreateVmWizard(session, privileges=privileges)
        qtbot.addWidget(wizard)
        wizard.show()
        g = wizard.general
        qtbot.waitUntil(lambda: g.pool.pool() == "team-a", timeout=10000)
        assert "Required" in g.pool_message.text()
        g.pool.setFocus()
        qtbot.keyClick(g.pool, Qt.Key.Key_Home)  # the user takes the pool away ("No pool" is first)
        assert g.pool.pool() == "" and g.pool_message.kind == "warning" and "VM.Allocate" in g.pool_message.text()
        qtbot.keyClicks(g.name, "dev-01")
        _forward_to_summary(qtbot, wizard)
        qtbot.mouseClick(wizard.button(FINISH), Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: wizard.summary.status.kind == "error", timeout=15000)
        vmid = int(g.vmid.text())
        assert demo.pve.vm(vmid) is None
        _back_to_start(qtbot, wizard)
        g.pool.setFocus()
        qtbot.keyClick(g.pool, Qt.Key.Key_Down)  # the pool below "No pool"
        assert g.pool.pool() == "team-a"
        _forward_to_summary(qtbot, wizard)
        with qtbot.waitSignal(wizard.created, timeout=15000):
            qtbot.mouseClick(wizard.button(FINISH), Qt.MouseButton.LeftButton)
        assert vmid in demo.pve.pools["team-a"]
    finally:
        session.close()


def test_restore_dialog_preselects_the_pool_the_user_must_use(qtbot, demo):
    from test_backups import _view, _volumes

    from virton_desktop.pve import api
    from virton_desktop.pve.permissions import Privileges
    from virton_desktop.ui.backups.backup_dialogs import RestoreDialog

    from helpers import answer

    demo.pve.grant(USER, "/vms/200", "VM.Audit", "VM.Backup")
    session = _pool_user(qtbot, demo, pools=(POOL, "team-y"))
    try:
        privileges = Privileges.from_answer(answer(qtbot, session.run(api.permissions())))
        view = _view(qtbot, session)
        qtbot.waitUntil(lambda: bool(_volumes(view, 200)), timeout=10000)
        dialog = RestoreDialog(view.feed, session, _volumes(view, 200)[0], view, privileges=privileges)
        qtbot.addWidget(dialog)
        qtbot.waitUntil(lambda: dialog.pool.pool() == POOL, timeout=10000)  # the only pool with VM.Allocate
        assert "Required" in dialog.pool_note.text()
        assert dialog.request()[2].params["pool"] == POOL
    finally:
        session.close()


def test_vm_restore_refused_without_the_pool_done_with_it(qtbot, demo):
    """qemu-server create_vm with `archive`: VM.Allocate on /vms/{vmid} or /pool/{pool}, and to read
    the archive (pve-storage check_volume_access) Datastore.AllocateSpace on its storage and VM.Backup
    on the backed-up VM; the restored VM joins the pool."""
    from test_backups import _view, _volumes

    from virton_desktop.ui.backups.backup_dialogs import RestoreDialog

    demo.pve.grant(USER, "/vms/100", "VM.Audit", "VM.Backup")
    session = _pool_user(qtbot, demo, pools=(POOL, "team-y"))
    try:
        view = _view(qtbot, session)
        qtbot.waitUntil(lambda: bool(_volumes(view, 100)), timeout=10000)
        row = _volumes(view, 100)[0]
        dialog = RestoreDialog(view.feed, session, row, view)
        qtbot.addWidget(dialog)
        dialog.show()
        qtbot.waitUntil(lambda: dialog.vmid.value() != 100 and dialog.storage.count() > 0
                        and not dialog.pool.loading, timeout=10000)
        assert dialog.pool.pool() == "" and dialog.pool.isEnabled()
        cluster, _node, op = dialog.request()
        assert "pool" not in op.params and op.params["archive"] == row.backup.volid
        newid = op.params["vmid"]
        assert view.restore(cluster, op, row.backup.file_name)
        qtbot.waitUntil(lambda: view.errors_bar.isVisible(), timeout=10000)
        assert "ermission" in view.errors_bar.label.text() and demo.pve.vm(newid) is None

        dialog.pool.setFocus()
        qtbot.keyClicks(dialog.pool, POOL)
        cluster, _node, op = dialog.request()
        assert op.params["pool"] == POOL
        assert view.restore(cluster, op, row.backup.file_name)
        qtbot.waitUntil(lambda: demo.pve.vm(newid) is not None and demo.pve.vm(newid).lock is None, timeout=10000)
        assert demo.pve.vm(newid).pool == POOL and newid in demo.pve.pools[POOL]
    finally:
        session.close()


def test_vm_restore_needs_backup_access_to_the_archive(demo):
    """Without VM.Backup on the backed-up VM its archive cannot be read (pve-storage
    check_volume_access), even with VM.Allocate in the pool. Overwriting an existing VM needs
    only VM.Backup on it with force (create_vm's third branch), and the VM keeps its pool."""
    import pytest
    from proxmoxer import ProxmoxAPI
    from proxmoxer.core import ResourceException

    root = proxmox(demo)
    root.pools.post(poolid=POOL)
    password = remember_secret("pw-" + uuid.uuid4().hex)
    demo.pve.users[USER] = password
    demo.pve.grant(USER, "/pool/" + POOL, *POOL_PRIVILEGES)
    demo.pve.grant(USER, "/", *CLUSTER_PRIVILEGES)
    volid = next("nfs-storage:" + name for name, vol in demo.pve.storages["nfs-storage"]["volumes"].items()
                 if vol.get("vmid") == 100)
    alice = ProxmoxAPI(demo.host, port=demo.port, user=USER, password=password, verify_ssl=demo.cafile)
    with pytest.raises(ResourceException) as refused:
        alice.nodes("pve1").qemu.post(vmid=160, archive=volid, pool=POOL)
    assert refused.value.status_code == 403 and "/vms/100, VM.Backup" in str(refused.value)
    demo.pve.grant(USER, "/vms/100", "VM.Backup")
    alice.nodes("pve1").qemu.post(vmid=160, archive=volid, pool=POOL)
    assert demo.pve.vm(160).pool == POOL and demo.pve.vm(160).lock is None

    alice.nodes("pve1").qemu.post(vmid=160, archive=volid, force=1)  # a pool member: VM.Allocate there
    assert demo.pve.vm(160).pool == POOL

    root.nodes("pve1").qemu.post(vmid=161, archive=volid)
    demo.pve.grant(USER, "/vms/161", "VM.Backup")
    with pytest.raises(ResourceException) as refused:
        alice.nodes("pve1").qemu.post(vmid=161, archive=volid)
    assert refused.value.status_code == 403
    alice.nodes("pve1").qemu.post(vmid=161, archive=volid, force=1)
    assert demo.pve.vm(161).pool is None and demo.pve.vm(161).lock is None
