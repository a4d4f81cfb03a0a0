"""The create wizards against the demo cluster: fill them as a user would, create, read the config back."""

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QWizard

from virton_desktop.pve import api, validate
from virton_desktop.ui.wizards import CreateCtWizard, CreateGuestDialog, CreateVmWizard

from helpers import answer

NEXT = QWizard.WizardButton.NextButton
FINISH = QWizard.WizardButton.FinishButton
ISO = "local:iso/debian-13.1.0-amd64-netinst.iso"
TEMPLATE = "local:vztmpl/debian-12-standard_12.7-1_amd64.tar.zst"


def _ready(qtbot, wizard):
    """The current page is complete (options loaded, checks passed)."""
    qtbot.waitUntil(lambda: wizard.currentPage().isComplete(), timeout=10000)


def _next(qtbot, wizard):
    _ready(qtbot, wizard)
    before = wizard.currentId()
    qtbot.mouseClick(wizard.button(NEXT), Qt.MouseButton.LeftButton)
    assert wizard.currentId() != before


def _pick(combo, data):
    index = combo.findData(data)
    assert index >= 0, (data, [combo.itemData(i) for i in range(combo.count())])
    combo.setCurrentIndex(index)


def _type(qtbot, edit, text):
    edit.clear()
    qtbot.keyClicks(edit, text)


def _config(qtbot, session, node, kind, vmid):
    return answer(qtbot, session.run(api.guest_config(api.GuestRef(node, kind, vmid))))


def _open(qtbot, cls, session):
    wizard = cls(session)
    qtbot.addWidget(wizard)
    wizard.show()
    qtbot.waitUntil(lambda: wizard.general.vmid.text() != "" and bool(wizard.general.current_node()), timeout=10000)
    return wizard


def _fill_vm(qtbot, wizard, name="app-01"):
    g = wizard.general
    _pick(g.node, "pve1")
    _type(qtbot, g.name, name)
    _next(qtbot, wizard)
    os_page = wizard.os_page
    qtbot.waitUntil(lambda: os_page.iso.findData(ISO) >= 0, timeout=10000)
    _pick(os_page.iso, ISO)
    _next(qtbot, wizard)
    wizard.cpu_page.sockets.setValue(2)
    wizard.cpu_page.cores.setValue(3)
    _pick(wizard.cpu_page.cpu, "host")
    _next(qtbot, wizard)
    wizard.memory_page.memory.setValue(4096)
    _next(qtbot, wizard)
    disks = wizard.disks_page.disks
    assert len(disks.rows) == 1 and disks.rows[0].storage.currentData() == "local-lvm"
    second = disks.add_row()
    _pick(second.bus, "virtio")
    second.size.setValue(10)
    _next(qtbot, wizard)
    nics = wizard.network_page.nics
    qtbot.waitUntil(lambda: nics.rows[0].bridge.count() >= 2, timeout=10000)
    vlan = nics.add_row()
    _pick(vlan.bridge, "vmbr1")
    _type(qtbot, vlan.tag, "10")
    _next(qtbot, wizard)
    _ready(qtbot, wizard)


def test_vm_wizard_creates_two_disks_two_nics_iso(qtbot, session, demo):
    wizard = _open(qtbot, CreateVmWizard, session)
    assert wizard.cpu_page.cpu.currentData() == "x86-64-v2-AES"
    assert wizard.memory_page.memory.value() == 2048
    assert wizard.disks_page.scsihw.currentData() == "virtio-scsi-single"
    _fill_vm(qtbot, wizard)
    vmid = int(wizard.general.vmid.text())
    tasks = []
    session.task_changed.connect(tasks.append)
    with qtbot.waitSignal(wizard.created, timeout=15000) as created:
        qtbot.mouseClick(wizard.button(FINISH), Qt.MouseButton.LeftButton)
    assert created.args == ["demo", vmid, False]
    assert any(t.type == "qmcreate" for t in tasks)  # the task panel saw it
    config = _config(qtbot, session, "pve1", "qemu", vmid)
    assert config["scsi0"].startswith("local-lvm:") and "size=32G" in config["scsi0"]
    assert config["virtio0"].startswith("local-lvm:") and "size=10G" in config["virtio0"]
    assert "bridge=vmbr0" in config["net0"] and "tag" not in config["net0"]
    assert "bridge=vmbr1" in config["net1"] and "tag=10" in config["net1"]
    assert config["ide2"].startswith(ISO) and "media=cdrom" in config["ide2"]
    assert (int(config["cores"]), int(config["sockets"]), config["cpu"], int(config["memory"])) == (3, 2, "host", 4096)
    assert config["name"] == "app-01"
    assert not wizard.isVisible()


def test_vm_start_after_creation(qtbot, session, demo):
    wizard = _open(qtbot, CreateVmWizard, session)
    _fill_vm(qtbot, wizard, "starts-01")
    vmid = int(wizard.general.vmid.text())
    wizard.summary.start_after.setChecked(True)
    with qtbot.waitSignal(wizard.created, timeout=15000) as created:
        qtbot.mouseClick(wizard.button(FINISH), Qt.MouseButton.LeftButton)
    assert created.args[2] is True
    qtbot.waitUntil(lambda: demo.pve.vm(vmid).status == "running", timeout=10000)


def test_ct_wizard_creates_mount_point_static_ip_dns(qtbot, session, demo):
    wizard = _open(qtbot, CreateCtWizard, session)
    g = wizard.general
    _pick(g.node, "pve2")
    _type(qtbot, g.name, "cache-01")
    _type(qtbot, g.password, "Sup3r-secret")
    _type(qtbot, g.confirm, "Sup3r-secret")
    assert g.unprivileged.isChecked()
    _next(qtbot, wizard)
    tpl = wizard.template_page
    qtbot.waitUntil(lambda: tpl.template.findData(TEMPLATE) >= 0, timeout=10000)
    _pick(tpl.template, TEMPLATE)
    _next(qtbot, wizard)
    wizard.resources_page.cores.setValue(2)
    wizard.resources_page.memory.setValue(1024)
    wizard.resources_page.swap.setValue(256)
    _next(qtbot, wizard)
    disks = wizard.disks_page
    disks.root_size.setValue(12)
    mount = disks.mounts.add_row()
    mount.size.setValue(20)
    _type(qtbot, mount.path, "/srv/data")
    _next(qtbot, wizard)
    nic = wizard.network_page.nics.rows[0]
    _pick(nic.ipv4, "static")
    _type(qtbot, nic.ip4, "10.0.0.5/24")
    _type(qtbot, nic.gw4, "10.0.0.1")
    _pick(nic.ipv6, "auto")
    _type(qtbot, nic.tag, "20")
    _next(qtbot, wizard)
    _type(qtbot, wizard.dns_page.servers, "1.1.1.1, 9.9.9.9")
    _type(qtbot, wizard.dns_page.domain, "example.com")
    _next(qtbot, wizard)
    _ready(qtbot, wizard)
    vmid = int(g.vmid.text())
    with qtbot.waitSignal(wizard.created, timeout=15000):
        qtbot.mouseClick(wizard.button(FINISH), Qt.MouseButton.LeftButton)
    config = _config(qtbot, session, "pve2", "lxc", vmid)
    assert config["hostname"] == "cache-01"
    assert config["rootfs"].startswith("local-lvm:") and "size=12G" in config["rootfs"]
    assert "mp=/srv/data" in config["mp0"] and "size=20G" in config["mp0"]
    assert "backup=1" in config["mp0"]  # else vzdump leaves the volume out
    net0 = config["net0"]
    for part in ("name=eth0", "bridge=vmbr0", "ip=10.0.0.5/24", "gw=10.0.0.1", "ip6=auto", "tag=20"):
        assert part in net0, (part, net0)
    assert config["nameserver"] == "1.1.1.1 9.9.9.9" and config["searchdomain"] == "example.com"
    assert (int(config["cores"]), int(config["memory"]), int(config["swap"])) == (2, 1024, 256)
    assert int(config.get("unprivileged", 0)) == 1
    assert config["features"] == "nesting=1"


def test_invalid_name_blocks_and_says_why(qtbot, session):
    wizard = _open(qtbot, CreateVmWizard, session)
    g = wizard.general
    _type(qtbot, g.name, "web_01")
    assert not g.isComplete() and not wizard.button(NEXT).isEnabled()
    message = g.rules["name"].message
    assert message.isVisible() and "_" in message.text()
    _type(qtbot, g.name, "web-01")
    _ready(qtbot, wizard)
    assert not message.text() or message.kind == "hint"


def test_taken_vmid_is_refused_at_the_field(qtbot, session):
    wizard = _open(qtbot, CreateVmWizard, session)
    g = wizard.general
    _type(qtbot, g.vmid, "100")
    qtbot.waitUntil(lambda: "100" in g.rules["vmid"].message.text(), timeout=10000)
    assert not g.isComplete()
    _type(qtbot, g.vmid, "4242")
    _type(qtbot, g.name, "free-id")
    _ready(qtbot, wizard)


def test_memory_warning_does_not_block(qtbot, session):
    wizard = _open(qtbot, CreateVmWizard, session)
    _type(qtbot, wizard.general.name, "small")
    for _ in range(3):
        _next(qtbot, wizard)
    page = wizard.memory_page
    page.memory.setValue(256)
    assert page.rules["memory"].message.kind == "warning" and page.isComplete()
    page.balloon_min.setValue(1024)
    assert not page.isComplete()


def test_password_rules_and_strength(qtbot, session):
    wizard = _open(qtbot, CreateCtWizard, session)
    g = wizard.general
    _type(qtbot, g.name, "cache")
    _type(qtbot, g.password, "short")
    assert not g.isComplete() and g.strength.value() <= 1
    _type(qtbot, g.password, "Mycache-2026")
    _type(qtbot, g.confirm, "Mycache-2026")
    assert "hostname" in g.rules["password"].message.text()
    _type(qtbot, g.password, "Sup3r-secret")
    assert "match" in g.rules["confirm"].message.text()
    _type(qtbot, g.confirm, "Sup3r-secret")
    _ready(qtbot, wizard)
    assert g.strength.value() >= 3 and g.strength_text.text()


def test_server_parameter_errors_land_on_their_fields_input_kept(qtbot, session, monkeypatch):
    # Let values through that only the server refuses, as an older client's rules would.
    monkeypatch.setattr(validate, "check_vlan", lambda text: None)
    monkeypatch.setattr(validate, "check_name", lambda name, required=True: None)
    wizard = _open(qtbot, CreateVmWizard, session)
    _fill_vm(qtbot, wizard, "bad_name")
    wizard.network_page.nics.rows[1].tag.setText("5000")
    qtbot.mouseClick(wizard.button(FINISH), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: wizard.currentPage() is wizard.general, timeout=10000)
    name_message = wizard.general.rules["name"].message
    assert name_message.kind == "error" and "DNS name" in name_message.text()
    assert wizard.general.name.text() == "bad_name"
    row = wizard.network_page.nics.rows[1]
    assert "4094" in row.message.text() and row.tag.text() == "5000"
    assert wizard.disks_page.disks.rows[1].size.value() == 10  # everything typed is still there
    assert not wizard.general.isComplete()
    _type(qtbot, wizard.general.name, "good-name")  # editing clears the server's message
    _ready(qtbot, wizard)
    row.tag.setText("10")
    assert not row.server


def test_vmid_taken_meanwhile_is_reported_at_the_id(qtbot, session, demo):
    wizard = _open(qtbot, CreateVmWizard, session)
    _fill_vm(qtbot, wizard, "late-01")
    vmid = int(wizard.general.vmid.text())
    demo.pve.add_vm(vmid, "someone-else", node="pve2")
    qtbot.mouseClick(wizard.button(FINISH), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: wizard.currentPage() is wizard.general, timeout=10000)
    message = wizard.general.rules["vmid"].message
    assert message.kind == "error" and str(vmid) in message.text() and "in use" in message.text()
    assert wizard.isVisible() and wizard.general.name.text() == "late-01"
    assert not wizard.general.isComplete()


def test_node_change_reloads_options(qtbot, session, demo):
    wizard = _open(qtbot, CreateCtWizard, session)
    _pick(wizard.general.node, "pve3")
    qtbot.waitUntil(lambda: wizard.options.get("bridges").state == "ok", timeout=10000)
    paths = [r[1] for r in demo.pve.requests]
    assert any(p.endswith("/nodes/pve3/network") for p in paths)
    assert any(p.endswith("/nodes/pve3/storage") for p in paths)


def test_no_templates_gives_a_hint(qtbot, session, demo):
    volumes = demo.pve.storages["local"]["volumes"]
    for key in [k for k, v in volumes.items() if v.get("content") == "vztmpl"]:
        del volumes[key]
    wizard = _open(qtbot, CreateCtWizard, session)
    g = wizard.general
    _type(qtbot, g.name, "empty")
    _type(qtbot, g.password, "Sup3r-secret")
    _type(qtbot, g.confirm, "Sup3r-secret")
    _next(qtbot, wizard)
    message = wizard.template_page.rules["ostemplate"].message
    qtbot.waitUntil(lambda: "CT Templates" in message.text(), timeout=10000)
    assert not wizard.template_page.isComplete()


@pytest.mark.parametrize("button, kind", [("vm_button", "qemu"), ("ct_button", "lxc")])
def test_chooser(qtbot, button, kind):
    dialog = CreateGuestDialog()
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.mouseClick(getattr(dialog, button), Qt.MouseButton.LeftButton)
    assert dialog.kind == kind and dialog.result() == dialog.DialogCode.Accepted


def test_main_window_glue_selects_the_new_guest(qtbot, window):
    from virton_desktop.ui.wizards.launch import start_create

    session = window.clusters.sessions()[0]
    wizard = start_create(window, session, "lxc")
    qtbot.waitUntil(lambda: wizard.general.vmid.text() != "" and bool(wizard.general.current_node()),
                    timeout=10000)
    vmid = int(wizard.general.vmid.text())
    g = wizard.general
    _type(qtbot, g.name, "fresh-ct")
    _type(qtbot, g.password, "Sup3r-secret")
    _type(qtbot, g.confirm, "Sup3r-secret")
    for _ in range(6):
        _next(qtbot, wizard)
    _ready(qtbot, wizard)
    qtbot.mouseClick(wizard.button(FINISH), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: [i.vmid for i in window.page.selected()] == [vmid], timeout=15000)


def test_failed_create_task_keeps_the_wizard_open(qtbot, session, demo):
    wizard = _open(qtbot, CreateCtWizard, session)
    g = wizard.general
    _pick(g.node, "pve1")
    _type(qtbot, g.name, "doomed")
    _type(qtbot, g.password, "Sup3r-secret")
    _type(qtbot, g.confirm, "Sup3r-secret")
    _next(qtbot, wizard)
    qtbot.waitUntil(lambda: wizard.template_page.template.findData(TEMPLATE) >= 0, timeout=10000)
    _pick(wizard.template_page.template, TEMPLATE)
    for _ in range(5):
        _next(qtbot, wizard)
    _ready(qtbot, wizard)
    # The template disappears after it was listed: the create task fails on the server.
    del demo.pve.storages["local"]["volumes"][TEMPLATE.split(":", 1)[1]]
    created = []
    wizard.created.connect(lambda *args: created.append(args))
    qtbot.mouseClick(wizard.button(FINISH), Qt.MouseButton.LeftButton)
    status = wizard.summary.status
    qtbot.waitUntil(lambda: status.kind == "error", timeout=15000)
    assert "does not exist" in status.text() and not created
    assert wizard.isVisible() and wizard.button(FINISH).isEnabled()
    assert g.name.text() == "doomed" and g.password.text() == "Sup3r-secret"


def test_option_load_failure_is_worded(qtbot, session, demo):
    demo.pve.fail("GET", "/nodes/pve1/network", 500, "network config unreadable")
    wizard = _open(qtbot, CreateVmWizard, session)
    _pick(wizard.general.node, "pve1")
    state = wizard.network_page.state
    qtbot.waitUntil(lambda: "network config unreadable" in state.text(), timeout=10000)
    assert "Could not load" in state.text()


def test_a_markup_iso_is_refused_and_named_literally(qtbot, session, demo):
    # An ISO copied onto the storage by hand keeps whatever name it was given (PVE's upload
    # renames, scp does not; PVE lists any name without "/"): it never goes into ide2 (the
    # app sends only volume ids it can send safely), and the refusal quotes it as it is.
    name = "<b>x</b><img src=x>.iso"
    demo.pve.store_file("local", name, 1024 * 1024)
    wizard = _open(qtbot, CreateVmWizard, session)
    _pick(wizard.general.node, "pve1")
    _type(qtbot, wizard.general.name, "app-02")
    _next(qtbot, wizard)
    iso = "local:iso/" + name
    qtbot.waitUntil(lambda: wizard.os_page.iso.findData(iso) >= 0, timeout=10000)
    _pick(wizard.os_page.iso, iso)
    message = wizard.os_page.iso_message  # a QLabel
    qtbot.waitUntil(lambda: name in message.text())
    assert isinstance(message, QLabel) and message.textFormat() == Qt.TextFormat.PlainText
    assert not wizard.os_page.isComplete()
