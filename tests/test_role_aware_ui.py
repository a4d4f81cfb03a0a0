"""The role-aware UI against the demo's limited logins (demo/access.py): every action the login
lacks a privilege for is disabled, and its tooltip names the privilege and the path; root (and
a login whose privileges are not known yet) keeps everything enabled."""

import pytest

from virton_desktop.demo.access import demo_credentials
from virton_desktop.pve.client import Credentials, PveClient
from virton_desktop.pve.permissions import Need
from virton_desktop.pve.power import Action
from virton_desktop.session import ClusterSession
from virton_desktop.ui.main_window import MainWindow
from virton_desktop.ui.permission_gate import lack_text

from conftest import remember_secret


@pytest.fixture
def login_window(qtbot, demo):
    """`login_window(name)`: the main window logged in to the demo as that demo login, its
    privileges read."""
    made = []

    def make(login):
        creds = demo_credentials(login, demo.password)
        remember_secret(creds["password"] or creds["token_secret"])
        session = ClusterSession("demo", PveClient(demo.host, demo.port, fingerprint=demo.fingerprint),
                                 Credentials(**creds))
        window = MainWindow()
        qtbot.addWidget(window)
        made.append(window)
        with qtbot.waitSignal(window.first_data, timeout=15000):
            window.clusters.add(session)
        window.resize(1280, 800)
        window.show()
        qtbot.waitUntil(lambda: window.clusters.permissions.known("demo"), timeout=10000)
        return window

    yield make
    for window in made:
        for session in window.clusters.sessions():
            session.close()


def _listed(window):
    return {window.model.instance(r).vmid for r in range(window.model.rowCount())}


def _menu_entry(window, object_name):
    return next(a for a in window.page.build_menu().actions() if a.objectName() == object_name)


def test_lack_text_names_privilege_path_and_pool():
    assert lack_text(Need("VM.PowerMgmt", "/vms/102")) == "You lack VM.PowerMgmt on /vms/102 (or its pool)"
    assert lack_text(Need("VM.Allocate", "/pool/team-a")) == "You lack VM.Allocate on /pool/team-a"
    assert lack_text(Need("VM.Allocate", "/vms")) == "You lack VM.Allocate on every guest and pool (/vms)"
    assert lack_text(Need("VM.Snapshot|VM.Snapshot.Rollback", "/vms/7")) == (
        "You lack one of VM.Snapshot, VM.Snapshot.Rollback on /vms/7 (or its pool)")


def test_auditor_sees_everything_and_may_do_nothing(qtbot, login_window):
    window = login_window("auditor")
    assert {100, 102, 200} <= _listed(window)
    window.page.select(("demo", 102))  # running, not in any pool
    stop = window.power_actions[Action.STOP]
    qtbot.waitUntil(lambda: not stop.isEnabled(), timeout=5000)
    assert stop.toolTip() == "You lack VM.PowerMgmt on /vms/102 (or its pool)"
    assert not window.console_action.isEnabled() and "VM.Console on /vms/102" in window.console_action.toolTip()
    assert not window.create_action.isEnabled() and "VM.Allocate" in window.create_action.toolTip()
    menu = window.page.build_menu()
    power = [a for a in menu.actions() if a.objectName().startswith("menu-") and a.objectName()[5:] in
             {x.value for x in Action}]
    assert power and not any(a.isEnabled() for a in power)
    assert all("VM.PowerMgmt on /vms/102" in a.toolTip() for a in power) and menu.toolTipsVisible()
    assert not _menu_entry(window, "menu-console").isEnabled()


def test_auditor_bulk_selection_names_the_privilege(qtbot, login_window):
    from PySide6.QtCore import QItemSelectionModel

    window = login_window("auditor")
    sel = window.page.table.selectionModel()
    sel.clearSelection()
    for vmid in (101, 115):  # both stopped: Start would be offered
        sel.select(window.model.index(window.model.row_of(("demo", vmid)), 0),
                   QItemSelectionModel.SelectionFlag.Select | QItemSelectionModel.SelectionFlag.Rows)
    start = window.power_actions[Action.START]
    assert not start.isEnabled() and "VM.PowerMgmt" in start.toolTip()
    entry = next(a for a in window.page.build_menu().actions() if a.objectName() == "menu-start")
    assert entry.text() == "Start (0 of 2)" and not entry.isEnabled() and "VM.PowerMgmt" in entry.toolTip()


def test_auditor_guest_page_settings_snapshots_backups_disabled(qtbot, login_window):
    window = login_window("auditor")
    page = window.open_detail(window.model.get(("demo", 102)))
    qtbot.waitUntil(lambda: bool(page.config), timeout=10000)
    assert not page.power_buttons[Action.SHUTDOWN].isEnabled()
    assert page.power_buttons[Action.SHUTDOWN].toolTip() == "You lack VM.PowerMgmt on /vms/102 (or its pool)"
    assert not page.settings_button.isEnabled() and "VM.Config.Disk" in page.settings_button.toolTip()
    assert not page.delete_button.isEnabled()
    assert page.delete_button.toolTip() == "You lack VM.Allocate on /vms/102 (or its pool)"
    page.tabs.setCurrentIndex(1)
    snaps = page.snapshots_view
    qtbot.waitUntil(lambda: snaps.snapshots.snapshot_count() > 0 or snaps.empty.isVisible(), timeout=10000)
    assert not snaps.create_button.isEnabled()
    assert snaps.create_button.toolTip() == "You lack VM.Snapshot on /vms/102 (or its pool)"
    page.tabs.setCurrentIndex(2)
    backups = page.backups_view
    assert not backups.create_button.isEnabled()
    assert backups.create_button.toolTip() == "You lack VM.Backup on /vms/102 (or its pool)"


def test_operator_powers_team_guests_but_creates_nothing(qtbot, login_window):
    window = login_window("operator")
    assert _listed(window) == {100, 101, 112, 201, 202}  # VM.Audit only through the pool
    window.page.select(("demo", 100))
    assert window.power_actions[Action.SHUTDOWN].isEnabled()
    assert window.console_action.isEnabled()
    assert not window.create_action.isEnabled() and "VM.Allocate" in window.create_action.toolTip()
    page = window.open_detail(window.model.get(("demo", 100)))
    qtbot.waitUntil(lambda: bool(page.config), timeout=10000)
    assert page.power_buttons[Action.SHUTDOWN].isEnabled() and page.console_button.isEnabled()
    assert not page.delete_button.isEnabled() and "VM.Allocate on /vms/100" in page.delete_button.toolTip()
    # PVEVMUser's VM.Config.CDROM changes nothing the settings dialog edits.
    assert not page.settings_button.isEnabled()
    assert page.settings_button.toolTip() == ("You lack one of VM.Config.CPU, VM.Config.Memory, VM.Config.Network, "
                                              "VM.Config.Disk on /vms/100 (or its pool)")
    page.tabs.setCurrentIndex(1)
    assert not page.snapshots_view.create_button.isEnabled()
    assert "VM.Snapshot on /vms/100" in page.snapshots_view.create_button.toolTip()


def test_auditor_lists_backups_but_may_not_restore_or_back_up(qtbot, demo, login_window):
    # Backups are listed only with Datastore.Allocate on their storage (or VM.Backup and space on it).
    demo.pve.vt_add_acl("/storage", "auditor@pve", "PVEDatastoreAdmin")
    window = login_window("auditor")
    window.sections.setCurrentIndex(1)  # the cluster's backups: restoring needs VM.Allocate somewhere
    view = window.backups_page
    qtbot.waitUntil(lambda: any(r.backup is not None for r in view.model.all_rows()), timeout=10000)
    view.select(next(r for r in view.model.all_rows() if r.backup is not None))
    assert not view.restore_button.isEnabled()
    assert view.restore_button.toolTip() == "You lack VM.Allocate on every guest and pool (/vms)"
    assert not view.create_button.isEnabled() and "VM.Backup on every guest" in view.create_button.toolTip()
    restore = next(a for a in view.build_menu().actions() if a.objectName() == "menu-backupRestore")
    assert not restore.isEnabled()


def test_token_with_privilege_separation_gets_the_intersection(qtbot, login_window):
    window = login_window("token")
    window.page.select(("demo", 100))  # its own ACL grants power on 100
    assert window.power_actions[Action.SHUTDOWN].isEnabled()
    window.page.select(("demo", 112))  # only audited through the pool
    start = window.power_actions[Action.START]
    assert not start.isEnabled()
    assert start.toolTip() == "You lack VM.PowerMgmt on /vms/112 (or its pool)"


def test_a_changed_acl_reenables_after_the_privileges_are_read_again(qtbot, demo, login_window):
    window = login_window("auditor")
    window.page.select(("demo", 102))
    stop = window.power_actions[Action.STOP]
    assert not stop.isEnabled()
    demo.pve.vt_add_acl("/vms/102", "auditor@pve", "PVEVMUser")
    window.clusters.permissions.refresh("demo")
    qtbot.waitUntil(stop.isEnabled, timeout=10000)
    assert "VM.PowerMgmt" not in stop.toolTip()


def test_root_keeps_everything_enabled(window):
    window.page.select(("demo", 102))
    assert window.power_actions[Action.STOP].isEnabled() and window.create_action.isEnabled()
    assert window.console_action.isEnabled()


def test_restore_over_a_guest_one_may_back_up_stays_enabled(qtbot, demo, login_window):
    # qemu-server create_vm: archive + force on an existing VM needs only VM.Backup on it.
    demo.pve.vt_add_acl("/storage", "auditor@pve", "PVEDatastoreAdmin")
    demo.pve.vt_add_acl("/vms/100", "auditor@pve", "PVEVMUser")
    window = login_window("auditor")
    window.sections.setCurrentIndex(1)
    view = window.backups_page
    qtbot.waitUntil(lambda: any(r.backup is not None and r.vmid == 100 for r in view.model.all_rows()), timeout=10000)
    view.select(next(r for r in view.model.all_rows() if r.backup is not None and r.vmid == 100))
    assert view.restore_button.isEnabled()
    view.select(next(r for r in view.model.all_rows() if r.backup is not None and r.vmid == 102))
    assert not view.restore_button.isEnabled() and "VM.Allocate" in view.restore_button.toolTip()
