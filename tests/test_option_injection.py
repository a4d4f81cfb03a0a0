"""Nothing typed can add options of its own to a PVE option string (issue 17, input that cannot inject)."""

from __future__ import annotations

import re

import pytest
from hypothesis import given
from hypothesis import strategies as st
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QLabel
from test_settings_untouched import open_dialog, writes

from virton_desktop.pve import config as C
from virton_desktop.pve import create, validate
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


# ------------------------------------------------------------------ the create wizards (issue 17 item 5)

_SEPARATOR = re.compile(r"[,=;\x00-\x1f\x7f]")

# Every kind of wizard field whose value ends up in an option string, with its check.
KINDS = {
    "bridge": validate.check_bridge, "cpu": validate.check_cpu_model, "storage": validate.check_storage_id,
    "volid": validate.check_volid, "mac": validate.check_mac, "path": validate.check_mount_path,
    "cidr4": lambda t: validate.check_cidr(t, 4), "cidr6": lambda t: validate.check_cidr(t, 6),
    "gateway4": lambda t: validate.check_gateway(t, "", 4), "gateway6": lambda t: validate.check_gateway(t, "", 6),
    "hostname": validate.check_name, "domain": validate.check_domain, "vlan": validate.check_vlan,
    "vmid": validate.check_vmid,
}
NUMBERS = {"vlan", "vmid"}
HOSTILE = st.one_of(TEXT, st.sampled_from(["vmbr0,firewall=0", "local-lvm;x", "fe80::1%a,b=c", "10.0.0.1/24,gw=1",
                                           "١٠", "１０", "/data,backup=0", "local:iso/a.iso,media=disk", "a\nb",
                                           "BC:24:11:00:00:01,bridge=x", "custom-x=y"]))


@given(kind=st.sampled_from(sorted(KINDS)), value=HOSTILE)
def test_a_value_every_kind_check_accepts_carries_no_separator(kind, value):
    issue = KINDS[kind](value.strip() if kind not in ("cidr4", "cidr6") else value)
    if issue is not None and not issue.warning:
        return
    assert not _SEPARATOR.search(value.strip())
    if kind in NUMBERS:
        assert value.strip().isascii()


@given(value=HOSTILE)
def test_dns_servers_the_check_accepts_are_addresses_only(value):
    issue = validate.check_dns_servers(value)
    if issue is None or issue.warning:
        assert all(not _SEPARATOR.search(s) and "%" not in s for s in validate.split_servers(value))


@pytest.mark.parametrize("check", [lambda t: validate.check_gateway(t, "", 6),
                                   lambda t: validate.check_cidr(t + "/64", 6), validate.check_dns_servers])
def test_an_ipv6_scope_is_refused_it_could_carry_anything(check):
    assert check("fe80::1%eth0,gw=1") is not None and check("fe80::1%x") is not None


def _expect_keys(build, expected: set[str], default_key: str | None = None) -> None:
    """The builder either refuses (ValueError) or makes a string with no key beyond `expected`."""
    try:
        text = build()
    except ValueError:
        return
    assert set(C.split_options(text, default_key)) <= expected, text


@given(storage=HOSTILE, size=st.floats(0.5, 4096), cache=st.sampled_from(create.CACHE_MODES),
       bus=st.sampled_from(create.DISK_BUSES), flags=st.tuples(st.booleans(), st.booleans(), st.booleans()))
def test_a_disk_option_gets_no_key_of_its_own(storage, size, cache, bus, flags):
    disk = create.VmDisk(bus=bus, storage=storage, size_gib=size, cache=cache, discard=flags[0], iothread=flags[1],
                         ssd=flags[2])
    _expect_keys(lambda: create.disk_option(disk), {"file", "cache", "discard", "iothread", "ssd"}, "file")


@given(model=st.sampled_from(create.NIC_MODELS), mac=HOSTILE, bridge=HOSTILE,
       tag=st.one_of(st.none(), st.integers(1, 4094)))
def test_a_vm_nic_option_gets_no_key_of_its_own(model, mac, bridge, tag):
    nic = create.VmNic(model=model, mac=mac, bridge=bridge, tag=tag)
    _expect_keys(lambda: create.vm_nic_option(nic), {model, "bridge", "tag", "firewall"})


@given(name=HOSTILE, bridge=HOSTILE, mac=HOSTILE, ip4=HOSTILE, gw4=HOSTILE, ip6=HOSTILE, gw6=HOSTILE,
       modes=st.tuples(st.sampled_from(["dhcp", "static", "none"]),
                       st.sampled_from(["dhcp", "auto", "static", "none"])))
def test_a_container_nic_option_gets_no_key_of_its_own(name, bridge, mac, ip4, gw4, ip6, gw6, modes):
    nic = create.CtNic(name=name, bridge=bridge, mac=mac, ipv4=modes[0], ip4=ip4, gw4=gw4, ipv6=modes[1], ip6=ip6,
                       gw6=gw6)
    _expect_keys(lambda: create.ct_nic_option(nic),
                 {"name", "bridge", "firewall", "hwaddr", "ip", "gw", "ip6", "gw6", "tag"})


@given(storage=HOSTILE, path=HOSTILE, iso=HOSTILE)
def test_mount_points_iso_efi_and_tpm_get_no_key_of_their_own(storage, path, iso):
    _expect_keys(lambda: create.mount_option(create.CtMount(storage=storage, size_gib=4, path=path)),
                 {"volume", "mp", "backup"}, "volume")
    spec = create.VmSpec(node="pve1", vmid=100, name="x", iso=iso, bios="ovmf", efidisk=True, tpm=True,
                         disks=[create.VmDisk(storage=storage)])
    try:
        params = create.vm_params(spec)
    except ValueError:
        return
    assert set(C.split_options(params.get("ide2", ""), "file")) <= {"file", "media"}
    assert set(C.split_options(params["efidisk0"], "file")) <= {"file", "efitype", "pre-enrolled-keys"}
    assert set(C.split_options(params["tpmstate0"], "file")) <= {"file", "version"}


# ------------------------------------------------------------------ the wizard says it on the field

def _network_page(qtbot, session):
    from test_create_wizards import _next, _open, _pick, _type

    from virton_desktop.ui.wizards import CreateCtWizard

    wizard = _open(qtbot, CreateCtWizard, session)
    g = wizard.general
    _pick(g.node, "pve1")
    _type(qtbot, g.name, "safe-01")
    _type(qtbot, g.password, "Sup3r-secret")
    _type(qtbot, g.confirm, "Sup3r-secret")
    for _ in range(4):  # template, resources, disks, network
        _next(qtbot, wizard)
    return wizard, wizard.network_page


@pytest.mark.parametrize("field, mode, typed, said", [
    ("gw6", "static", "fe80::1%eth0,gw=1", "IPv6"),
    ("ip6", "static", "fe80::5%x/64", "IPv6"),
    ("gw4", "static", "10.0.0.1,tag=5", "IPv4"),
])
def test_the_ct_wizard_says_so_at_the_field_and_blocks(qtbot, session, field, mode, typed, said):
    wizard, page = _network_page(qtbot, session)
    row = page.nics.rows[0]
    version = "ipv6" if "6" in field else "ipv4"
    combo = getattr(row, version)
    combo.setCurrentIndex(combo.findData(mode))
    QTest.keyClicks(getattr(row, "ip4" if version == "ipv4" else "ip6"), "10.0.0.5/24" if version == "ipv4"
                    else "2001:db8::5/64")
    edit = getattr(row, field)
    edit.clear()
    QTest.keyClicks(edit, typed)
    qtbot.waitUntil(lambda: not page.isComplete(), timeout=5000)
    assert any(said in label.text() for label in row.findChildren(QLabel) if label.isVisible())


def test_a_vlan_tag_in_other_digits_is_refused(qtbot, session):
    _wizard, page = _network_page(qtbot, session)
    row = page.nics.rows[0]
    row.tag.insert("١٠")  # pasted: QTest cannot type Arabic-Indic digits
    qtbot.waitUntil(lambda: not page.isComplete(), timeout=5000)
    assert any("VLAN" in label.text() for label in row.findChildren(QLabel) if label.isVisible())


def test_a_bridge_a_server_lists_with_a_separator_is_not_offered_as_valid(qtbot, session, demo):
    demo.pve.vt_answer("GET", "/nodes/pve1/network", {"data": [
        {"iface": "vmbr0,firewall=0", "type": "bridge", "active": 1}]})
    _wizard, page = _network_page(qtbot, session)
    row = page.nics.rows[0]
    qtbot.waitUntil(lambda: row.bridge.findData("vmbr0,firewall=0") >= 0, timeout=10000)
    row.bridge.setCurrentIndex(row.bridge.findData("vmbr0,firewall=0"))
    qtbot.waitUntil(lambda: not page.isComplete(), timeout=5000)
    assert any("bridge name" in label.text() for label in row.findChildren(QLabel) if label.isVisible())


@pytest.mark.parametrize("text", ["pve1:８００６", "pve1:٨٠٠٦", "pve1:0", "pve1:70000"])
def test_a_port_in_other_digits_or_out_of_range_is_refused(text):
    from virton_desktop.pve.address import split_address

    with pytest.raises(ValueError):
        split_address(text)
