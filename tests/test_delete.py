"""Deleting a guest from its detail page: refused while running, for templates and protected
guests (with the reason); with the typed VMID a stopped guest is destroyed and leaves the list."""

import pytest

from helpers import api, make_model, open_page


@pytest.fixture
def model(session):
    return make_model(session)


def _dialog(page):
    return page.open_delete()  # a child of the page, deleted when closed


def test_running_guest_is_refused(qtbot, session, model, demo):
    page = open_page(qtbot, session, model, 102)
    dialog = _dialog(page)
    assert "not stopped" in dialog.refuse_reason
    assert dialog.reason_label.isVisibleTo(dialog)
    dialog.confirm_edit.setText("102")
    assert not dialog.delete_button.isEnabled()
    dialog.delete()
    assert demo.pve.vm(102) is not None


def test_template_and_protected_guests_say_why(qtbot, session, model, demo):
    template = _dialog(open_page(qtbot, session, model, 9000))
    assert "template" in template.refuse_reason and not template.confirm_edit.isEnabled()
    api(qtbot, session, "PUT", "/nodes/pve1/qemu/101/config", {"protection": 1})
    page = open_page(qtbot, session, model, 101)
    protected = _dialog(page)
    assert "protected" in protected.refuse_reason
    protected.confirm_edit.setText("101")
    assert not protected.delete_button.isEnabled()


def test_stopped_guest_is_deleted_after_typing_its_id(qtbot, session, model, demo):
    page = open_page(qtbot, session, model, 101)
    dialog = _dialog(page)
    assert dialog.refuse_reason == ""
    assert dialog.purge.isChecked() and dialog.destroy_disks.isChecked()
    assert not dialog.delete_button.isEnabled()
    dialog.confirm_edit.setText("10")
    assert not dialog.delete_button.isEnabled()
    dialog.confirm_edit.setText("101")
    assert dialog.delete_button.isEnabled()
    with qtbot.waitSignal(page.deleted, timeout=15000) as got:
        dialog.delete_button.click()
    assert got.args == [(session.name, 101)]
    assert demo.pve.vm(101) is None
    deletes = [r for r in demo.pve.requests if r[0] == "DELETE" and r[1].endswith("/qemu/101")]
    assert deletes
    qtbot.waitUntil(lambda: model.get((session.name, 101)) is None, timeout=15000)  # it left the list
    assert not page.polling
    assert page.banner.isVisibleTo(page) or not page.isVisible()


def test_stopped_container_is_deleted(qtbot, session, model, demo):
    page = open_page(qtbot, session, model, 208)
    dialog = _dialog(page)
    dialog.confirm_edit.setText("208")
    dialog.purge.setChecked(False)
    with qtbot.waitSignal(page.deleted, timeout=15000):
        dialog.delete_button.click()
    assert all(ct.vmid != 208 for ct in demo.pve.cts)
    qtbot.waitUntil(lambda: model.get((session.name, 208)) is None, timeout=15000)
