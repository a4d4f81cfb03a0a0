"""Nothing typed can add options of its own to a PVE option string (issue 17, input that cannot inject)."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from test_settings_untouched import open_dialog, writes

from virton_desktop.pve import config as C
from virton_desktop.pve import validate
from virton_desktop.pve.entities import Instance

TEXT = st.text(alphabet=st.characters(codec="utf-8"), max_size=30)


@given(bridge=TEXT, ip=TEXT, model=st.sampled_from(["virtio", "e1000", "veth"]), container=st.booleans())
def test_a_nic_built_from_checked_input_has_exactly_its_own_keys(bridge, ip, model, container):
    if validate.check_bridge(bridge) is not None or (container and validate.check_nic_ipv4(ip) is not None):
        return  # the dialog refuses it before anything is built
    nic = C.Nic(key="net0", model=model, mac="", bridge=bridge.strip(), tag=None, firewall=False,
                link_down=False, rate="", name="eth0", ip=ip.strip() if container else "", gw="", ip6="", gw6="",
                extra=())
    built = C.split_options(C.format_nic(nic, container))
    expected = {"name", "bridge", "type"} | ({"ip"} if ip.strip() else set()) if container else {model, "bridge"}
    assert set(built) == expected
    assert built["bridge"] == bridge.strip()


@given(key=st.sampled_from(["bridge", "cputype", "ip"]), value=TEXT)
def test_the_option_builder_refuses_any_separator(key, value):
    unsafe = any(c in value for c in ",=;") or any(ord(c) < 32 or ord(c) == 127 for c in value)
    if unsafe:
        with pytest.raises(ValueError):
            C.format_options({key: value})
    else:
        assert C.split_options(C.format_options({key: value})) == {key: value.strip()} or not value.strip()


@pytest.mark.parametrize("typed", ["vmbr0,firewall=0", "vmbr0;rate=1", "vmbr0\nnet1: e1000", "vmbr٠", "a" * 16])
def test_the_settings_dialog_sends_nothing_for_a_hostile_bridge(qtbot, demo, session, typed):
    dialog = open_dialog(qtbot, session, Instance(session.name, 102, "db-primary", "qemu", "pve1", "running"))
    row = dialog.nic_rows[0]
    row.bridge.lineEdit().clear()
    if typed.isascii() and "\n" not in typed:
        QTest.keyClicks(row.bridge.lineEdit(), typed)
    else:  # pasted: QTest cannot type a newline or non-Latin digits
        row.bridge.lineEdit().insert(typed)
    before = len(writes(demo))
    QTest.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert len(writes(demo)) == before
    assert "bridge" in dialog.message.text().lower()  # said on the dialog, which stays open


def test_a_container_address_that_is_not_one_is_refused(qtbot, demo, session):
    dialog = open_dialog(qtbot, session, Instance(session.name, 204, "postgres-dev", "lxc", "pve3", "running"))
    row = dialog.nic_rows[0]
    row.ip.clear()
    QTest.keyClicks(row.ip, "10.0.0.5/24,gw=10.0.0.1")
    before = len(writes(demo))
    QTest.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert len(writes(demo)) == before and "IPv4" in dialog.message.text()
