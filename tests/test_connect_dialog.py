"""The connect dialog against the demo cluster: login ok, wrong password, unknown certificate."""

import pytest
from PySide6.QtCore import QSettings, Qt

from virton_desktop.core.clusters import Clusters
from virton_desktop.models.instances import InstanceModel
from virton_desktop.pve.address import split_address
from virton_desktop.ui.connect.connect_dialog import ConnectDialog
from virton_desktop.ui.main_window import MainWindow


@pytest.mark.parametrize("text, expected", [
    ("pve.example.com", ("pve.example.com", 8006)),
    ("https://192.0.2.10:8443/", ("192.0.2.10", 8443)),
    ("[fd00::1]:8006", ("fd00::1", 8006)),
    ("fd00::1", ("fd00::1", 8006)),
])
def test_split_address(text, expected):
    assert split_address(text) == expected


def fill(dialog, demo, password, fingerprint=True):
    dialog.show()
    dialog.address.setText("{0}:{1}".format(demo.host, demo.port))
    dialog.user.setText("root")
    dialog.realm.setCurrentText("pam")
    dialog.password.setText(password)
    dialog.fingerprint.setText(demo.fingerprint.upper() if fingerprint else "")


def test_wrong_password_keeps_input_and_says_why(qtbot, demo):
    dialog = ConnectDialog(Clusters(InstanceModel()))
    qtbot.addWidget(dialog)
    fill(dialog, demo, "nope")
    qtbot.mouseClick(dialog.connect_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "Login failed" in dialog.status.text(), timeout=10000)
    assert dialog.password.text() == "nope" and dialog.address.text()
    assert dialog.connect_button.isEnabled()


def test_login_ok_hands_over_an_online_session(qtbot, demo):
    dialog = ConnectDialog(Clusters(InstanceModel()))
    qtbot.addWidget(dialog)
    fill(dialog, demo, demo.password)
    with qtbot.waitSignal(dialog.connected, timeout=10000) as got:
        qtbot.mouseClick(dialog.connect_button, Qt.MouseButton.LeftButton)
    session = got.args[0]
    assert session.state == "online" and session.user == "root@pam"
    session.close()


def test_unknown_certificate_is_trusted_only_on_request(qtbot, demo):
    dialog = ConnectDialog(Clusters(InstanceModel()))
    qtbot.addWidget(dialog)
    fill(dialog, demo, demo.password, fingerprint=False)
    qtbot.mouseClick(dialog.connect_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(dialog.trust_button.isVisible, timeout=10000)
    assert demo.fingerprint in dialog.status.text()
    with qtbot.waitSignal(dialog.connected, timeout=10000) as got:
        qtbot.mouseClick(dialog.trust_button, Qt.MouseButton.LeftButton)
    assert dialog.fingerprint.text() == demo.fingerprint
    got.args[0].close()


def test_bad_address_and_fingerprint_are_caught_at_the_field(qtbot):
    dialog = ConnectDialog(Clusters(InstanceModel()))
    qtbot.addWidget(dialog)
    dialog.password.setText("x")
    dialog.start_connect()
    assert "address" in dialog.status.text()
    dialog.address.setText("pve1:8006")
    dialog.fingerprint.setText("AB:CD")
    dialog.start_connect()
    assert "64 hexadecimal" in dialog.status.text()
    assert dialog.session is None


def test_column_layout_and_sort_persist(qtbot, window):
    header = window.page.table.horizontalHeader()
    header.moveSection(header.visualIndex(3), 1)
    header.resizeSection(1, 222)
    window.page.table.sortByColumn(4, Qt.SortOrder.DescendingOrder)
    window.close()
    again = MainWindow(QSettings())
    qtbot.addWidget(again)
    h2 = again.page.table.horizontalHeader()
    assert h2.logicalIndex(1) == 3 and h2.sectionSize(1) == 222
    assert (h2.sortIndicatorSection(), h2.sortIndicatorOrder()) == (4, Qt.SortOrder.DescendingOrder)
    assert (again.model.sort_column, again.model.sort_order) == (4, Qt.SortOrder.DescendingOrder)
