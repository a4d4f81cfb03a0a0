"""Empty storage lists explained: PVE lists a storage only to a login holding Datastore.Audit or
Datastore.AllocateSpace on it (pve-storage API2/Storage/Status.pm index), so the demo's operator
(PVEVMUser on a pool: no Datastore privilege) gets empty lists. The backup and restore dialogs,
the create wizard and the Backups section say the privilege is missing instead of "no storage
configured"; root keeps the old words where a list is really empty."""

import pytest

from virton_desktop.demo.access import demo_credentials
from virton_desktop.models.instances import InstanceModel
from virton_desktop.models.tasks import TaskModel
from virton_desktop.pve import api
from virton_desktop.pve.client import Credentials, PveClient
from virton_desktop.pve.permissions import Privileges
from virton_desktop.session import ClusterSession
from virton_desktop.ui.storage_hint import StorageHint

from conftest import remember_secret
from helpers import answer, started

NOWHERE_WORDS = "You lack Datastore.AllocateSpace on every storage of node"


def _login(qtbot, demo, login):
    creds = demo_credentials(login, demo.password)
    remember_secret(creds["password"] or creds["token_secret"])
    session = ClusterSession("demo", PveClient(demo.host, demo.port, fingerprint=demo.fingerprint),
                             Credentials(**creds))
    session.guests, session.tasks = InstanceModel(), TaskModel()
    session.instances_polled.connect(session.guests.apply)
    session.task_changed.connect(session.tasks.update)
    session = started(qtbot, session)
    return session, Privileges.from_answer(answer(qtbot, session.run(api.permissions())))


@pytest.fixture
def operator(qtbot, demo):
    session, privileges = _login(qtbot, demo, "operator")
    yield session, privileges
    session.close()


def _view(qtbot, session, privileges):
    from test_backups import _view as backups_view

    view = backups_view(qtbot, session)
    view.privileges_of = lambda _cluster: privileges
    view.privileges_changed()
    qtbot.waitUntil(lambda: "demo" in view.feed.storages and not view.feed.busy(), timeout=10000)
    return view


def test_words_follow_the_storage_privileges(qtbot, demo):
    assert StorageHint.empty_list(Privileges.ALL, ["pve1"]) == ""  # unknown or root: none is hidden
    assert StorageHint.no_backups(Privileges.ALL, "demo") == ""
    for login, words in (("operator", NOWHERE_WORDS), ("developer", "PVE lists only the storages you hold"),
                         ("auditor", "")):
        session, privileges = _login(qtbot, demo, login)
        try:
            text = StorageHint.empty_list(privileges, ["pve2", "pve1"])
            assert (words in text and "node pve1, pve2" in text) if words else text == ""
        finally:
            session.close()


def test_operator_backup_dialog_and_section_name_the_missing_privilege(qtbot, operator):
    from virton_desktop.ui.backups.backup_dialogs import CreateBackupDialog

    session, privileges = operator
    view = _view(qtbot, session, privileges)
    assert view.feed.storages["demo"] == {}  # PVE listed no storage to the operator
    qtbot.waitUntil(lambda: view.empty.isVisible(), timeout=5000)
    assert "Datastore.Audit" in view.empty.text() and "No backups yet" not in view.empty.text()
    dialog = CreateBackupDialog(view.feed, "demo", [100], fixed=True, parent=view, privileges=privileges)
    qtbot.addWidget(dialog)
    assert dialog.storage.count() == 0 and not dialog.ok_button.isEnabled()
    text = dialog.storage_hint.text()
    assert NOWHERE_WORDS in text and "node pve1" in text and "PVEDatastoreUser" in text
    assert "still loading" not in text and "Add backup content" not in text


def test_root_keeps_no_storage_configured(qtbot, demo):
    from test_backups import _started

    from virton_desktop.ui.backups.backup_dialogs import CreateBackupDialog

    session = _started(qtbot, demo)
    try:
        view = _view(qtbot, session, Privileges.ALL)
        view.feed.storages["demo"] = {}  # as if no storage had backup content
        dialog = CreateBackupDialog(view.feed, "demo", [100], fixed=True, parent=view)
        qtbot.addWidget(dialog)
        dialog._update()
        assert "Add backup content to a storage" in dialog.storage_hint.text()
    finally:
        session.close()


def test_operator_restore_dialog_names_the_missing_privilege(qtbot, demo, operator):
    from test_backups import _started, _volumes

    from virton_desktop.ui.backups.backup_dialogs import RestoreDialog

    session, privileges = operator
    root = _started(qtbot, demo)
    try:
        root_view = _view(qtbot, root, Privileges.ALL)
        qtbot.waitUntil(lambda: bool(_volumes(root_view, 200)), timeout=10000)
        row = _volumes(root_view, 200)[0]
        dialog = RestoreDialog(root_view.feed, session, row, root_view, privileges=privileges)
        qtbot.addWidget(dialog)
        dialog.show()
        qtbot.waitUntil(lambda: dialog.storage_note.isVisible(), timeout=10000)
        assert dialog.storage.count() == 0 and NOWHERE_WORDS in dialog.storage_note.text()
        # root's dialog lists the storages and says nothing about privileges
        dialog = RestoreDialog(root_view.feed, root, row, root_view)
        qtbot.addWidget(dialog)
        dialog.show()
        qtbot.waitUntil(lambda: dialog.storage.count() > 0, timeout=10000)
        assert not dialog.storage_note.isVisible()
    finally:
        root.close()


def test_operator_create_wizard_names_the_missing_privilege(qtbot, operator):
    from virton_desktop.ui.wizards import CreateVmWizard

    session, privileges = operator
    wizard = CreateVmWizard(session, privileges=privileges)
    qtbot.addWidget(wizard)
    wizard.show()
    qtbot.waitUntil(lambda: bool(wizard.general.current_node()), timeout=10000)
    options = wizard.options
    qtbot.waitUntil(lambda: not options.loading("images") and not options.loading("iso_storages"), timeout=10000)
    wizard.disks_page.fill()
    assert NOWHERE_WORDS in wizard.disks_page.state.text()
    wizard.os_page._show_state()
    assert NOWHERE_WORDS in wizard.os_page.iso_message.text()
