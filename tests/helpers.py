"""Helpers several test modules share: sessions and their answers, the guest page, the demo's API,
accessible names. Fixtures stay in conftest.py; these are plain functions."""

from proxmoxer import ProxmoxAPI
from PySide6.QtWidgets import QAbstractButton, QAbstractItemView, QAbstractSpinBox, QComboBox, QLineEdit, QWidget

from virton_desktop.models.instances import InstanceModel
from virton_desktop.pve import api as pve_api
from virton_desktop.ui.guests.actions import GuestActions
from virton_desktop.ui.guests.detail_page import DetailPage

# ------------------------------------------------------------------ sessions


def started(qtbot, session, timeout=15000):
    """Start `session` and wait for its first poll; the poll's delta is kept as `session.first`."""
    with qtbot.waitSignal(session.instances_polled, timeout=timeout) as first:
        session.start()
    session.first = first.args[0]
    return session


def answer(qtbot, reply, timeout=10000):
    """Wait for a session's `Reply`; its data, or raise its error."""
    with qtbot.waitSignal(reply.finished, timeout=timeout) as got:
        pass
    data, error = got.args
    if error is not None:
        raise error
    return data


def api(qtbot, session, method, path, params=None):
    """One request through the session, waited for; returns data or raises the error."""
    return answer(qtbot, session.run(pve_api.Op(method, path, dict(params or {}))))


def proxmox(served):
    """A proxmoxer client logged in to a served demo cluster: the server's side, not our client's."""
    return ProxmoxAPI(served.host, port=served.port, user=served.user, password=served.password,
                      verify_ssl=served.cafile)


# ------------------------------------------------------------------ the guest page


def make_model(session):
    """An instance model holding the session's first poll and following the later ones."""
    model = InstanceModel()
    model.apply(session.first)
    session.instances_polled.connect(model.apply)
    return model


def open_page(qtbot, session, model, vmid, show=False):
    """The detail page of guest `vmid`, its configuration loaded; actions never ask for confirmation."""
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


# ------------------------------------------------------------------ accessibility

_CONTROLS = (QAbstractButton, QLineEdit, QComboBox, QAbstractItemView, QAbstractSpinBox)
_QT_PARTS = ("QTabBar", "QAbstractSpinBox", "QSpinBox", "QComboBox")  # parents of Qt's own inner widgets


def unnamed_widgets(root):
    """The visible controls under `root` that lack an object name, or any name a screen reader says."""
    missing = []
    for widget in root.findChildren(QWidget):
        if not isinstance(widget, _CONTROLS):
            continue
        if not widget.isVisible() or widget.objectName().startswith("qt_"):
            continue
        if type(widget.parent()).__name__ in _QT_PARTS:
            continue  # Qt's own parts (scroll arrows, the line edit inside a spin box or combo)
        text = widget.text() if isinstance(widget, QAbstractButton) else ""
        if not widget.objectName() or not (widget.accessibleName() or text):
            missing.append("{0} name={1!r} accessible={2!r}".format(
                type(widget).__name__, widget.objectName(), widget.accessibleName()))
    return missing
