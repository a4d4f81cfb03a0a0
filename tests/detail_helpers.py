"""Shared set-up for the detail page tests: a model fed by the session, pages, API calls."""

from PySide6.QtWidgets import QWidget

from virton_desktop.pve import api as pve_api
from virton_desktop.models.instances import InstanceModel
from virton_desktop.ui.guests.actions import GuestActions
from virton_desktop.ui.guests.detail_page import DetailPage


def make_model(session):
    model = InstanceModel()
    model.apply(session.first)
    session.instances_polled.connect(model.apply)
    return model


def open_page(qtbot, session, model, vmid, show=False):
    host = QWidget()
    qtbot.addWidget(host)
    actions = GuestActions(lambda name: session, host)
    actions.confirm = lambda action, instances: True
    page = DetailPage(session, model, (session.name, vmid), actions=actions)
    qtbot.addWidget(page)
    qtbot.waitUntil(lambda: bool(page.config), timeout=10000)
    if show:
        page.resize(1280, 1400)
        page.show()
    return page


def api(qtbot, session, method, path, params=None):
    """One request through the session, waited for; returns data or raises the error."""
    reply = session.run(pve_api.Op(method, path, dict(params or {})))
    with qtbot.waitSignal(reply.finished, timeout=10000) as got:
        pass
    data, error = got.args
    if error is not None:
        raise error
    return data
