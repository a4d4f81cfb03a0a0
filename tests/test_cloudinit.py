"""The guest page's Cloud-Init tab against the demo, typed into as a user would, checked with proxmoxer.

Demo VMs: 108 k8s-node-1 (running, pve1: static ipconfig0, net1 without ipconfig1, two keys, a
password, a DNS change the image lacks), 112 ubuntu-dev (stopped, pool team-a, DHCP + SLAAC).
"""

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QLineEdit, QPlainTextEdit

from virton_desktop.demo.access import demo_credentials
from virton_desktop.pve import api as pve_api
from virton_desktop.pve import cloudinit as CI
from virton_desktop.pve.client import Credentials, PveClient
from virton_desktop.session import ClusterSession
from virton_desktop.ui.guests.cloudinit_view import CloudInitView
from virton_desktop.ui.main_window import MainWindow

from conftest import remember_secret
from helpers import answer, make_model, open_page, proxmox, unnamed_widgets

KEY = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIG0UuPnBq1Y2rLjVzQ5vV8hVgqQ7nSxq8Ke2yqCNlxYl ops+2@bastion.example"


def settled(view):
    return bool(view.config) and not view._replies and not view._reload_again


def cloudinit_tab(qtbot, page) -> CloudInitView:
    with qtbot.waitSignal(page.tabs.currentChanged, timeout=5000):
        page.tabs.setCurrentIndex(3)
    view = page.cloudinit_view
    qtbot.waitUntil(lambda: settled(view), timeout=10000)
    return view


def retype(qtbot, field, text):
    field.selectAll()
    qtbot.keyClick(field, Qt.Key.Key_Delete)
    if text:
        qtbot.keyClicks(field, text)


def shown(widget):
    """Shown on its page (the page itself is not on screen in most tests)."""
    return not widget.isHidden()


def choose(combo, data):
    combo.setCurrentIndex(combo.findData(data))


def save(qtbot, view):
    assert view.save_button.isEnabled(), view.save_button.toolTip()
    with qtbot.waitSignal(view.saved, timeout=10000) as saved:
        qtbot.mouseClick(view.save_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: settled(view), timeout=10000)
    return saved.args[0]


def cloudinit_writes(demo, vmid):
    return [(m, p, f) for m, p, f in demo.pve.vt_writes if p.endswith("/qemu/{0}/config".format(vmid))]


@pytest.fixture
def k8s(qtbot, session):
    model = make_model(session)
    page = open_page(qtbot, session, model, 108)
    return cloudinit_tab(qtbot, page)


def test_the_tab_shows_the_vm_as_pve_has_it(k8s):
    assert k8s.drive == "ide2" and k8s.no_drive.isHidden()
    assert k8s.user.text() == "ubuntu" and k8s.servers.text() == "10.20.0.2 10.20.0.3"
    assert not k8s.upgrade.isChecked() and k8s.password.text() == ""
    assert "ops@bastion" in k8s.ssh_keys.toPlainText() and "%20" not in k8s.ssh_keys.toPlainText()
    ip0 = k8s.ip_editors["ipconfig0"].value()
    assert (ip0.ipv4, ip0.ip, ip0.gw, ip0.ipv6) == ("static", "10.20.0.21/24", "10.20.0.1", "none")
    assert set(k8s.ip_editors) == {"ipconfig0", "ipconfig1"}
    # The DNS change someone made while it ran is pending; the password is never shown.
    assert k8s.pending_box.ids == ["nameserver"]
    assert k8s.pending_box.row("nameserver")[1:4] == ["10.20.0.2", "→", "10.20.0.2 10.20.0.3"]
    assert not k8s.save_button.isEnabled() and k8s.regenerate_button.isEnabled()


def test_user_and_one_ip_config_write_exactly_those_keys_then_regenerate_clears_pending(qtbot, demo, k8s):
    retype(qtbot, k8s.user, "admin")
    net1 = k8s.ip_editors["ipconfig1"]
    choose(net1.ipv4, "static")
    qtbot.keyClicks(net1.ip, "10.30.0.5/24")
    qtbot.keyClicks(net1.gw, "10.30.0.1")
    choose(net1.ipv6, "auto")
    before = len(cloudinit_writes(demo, 108))
    written = save(qtbot, k8s)
    assert written == {"ciuser": "admin", "ipconfig1": "ip=10.30.0.5/24,gw=10.30.0.1,ip6=auto"}
    method, _path, form = cloudinit_writes(demo, 108)[before]
    assert method == "PUT" and set(form) == {"ciuser", "ipconfig1", "digest"}
    assert len(cloudinit_writes(demo, 108)) == before + 1

    vm = proxmox(demo).nodes("pve1").qemu(108)
    config = vm.config.get()
    assert config["ciuser"] == "admin" and config["ipconfig1"] == "ip=10.30.0.5/24,gw=10.30.0.1,ip6=auto"
    assert config["ipconfig0"] == "ip=10.20.0.21/24,gw=10.20.0.1"  # untouched
    # A running VM: the image lacks the changes until it is regenerated.
    assert k8s.pending_box.ids == ["ciuser", "ipconfig1", "nameserver"]
    assert k8s.pending_box.row("ciuser")[1:4] == ["ubuntu", "→", "admin"]
    assert "regenerate" in k8s.status.text()
    with qtbot.waitSignal(k8s.regenerated, timeout=10000):
        qtbot.mouseClick(k8s.regenerate_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not k8s._replies and k8s.pending_box.ids == [], timeout=10000)
    assert [item for item in vm.cloudinit.get() if "pending" in item or item.get("delete")] == []
    assert k8s.pending_box.findChild(QLabel, "emptyState").text() == "The image has every setting shown."


def test_ssh_keys_round_trip_encoded_as_the_web_ui_does(qtbot, demo, session, k8s):
    retype(qtbot, k8s.ssh_keys, KEY)
    written = save(qtbot, k8s)
    # encodeURIComponent: '+' '/' '@' and spaces escaped, nothing else touched.
    expected = ("ssh-ed25519%20AAAAC3NzaC1lZDI1NTE5AAAAIG0UuPnBq1Y2rLjVzQ5vV8hVgqQ7nSxq8Ke2yqCNlxYl"
                "%20ops%2B2%40bastion.example")
    assert written == {"sshkeys": expected}
    assert proxmox(demo).nodes("pve1").qemu(108).config.get()["sshkeys"] == expected
    assert k8s.ssh_keys.toPlainText() == KEY  # read back and decoded
    reopened = cloudinit_tab(qtbot, open_page(qtbot, session, make_model(session), 108))
    assert reopened.ssh_keys.toPlainText() == KEY and not reopened.dirty
    # A key PVE would refuse never leaves the form; clearing them all deletes the key.
    retype(qtbot, reopened.ssh_keys, "ssh-ed25519 not-base64 me@host")
    assert shown(reopened.errors["ssh_keys"]) and not reopened.save_button.isEnabled()
    retype(qtbot, reopened.ssh_keys, "")
    assert save(qtbot, reopened) == {"delete": "sshkeys"}
    assert "sshkeys" not in proxmox(demo).nodes("pve1").qemu(108).config.get()


def test_password_is_set_without_ever_being_shown_back(qtbot, demo, k8s):
    secret = remember_secret("Cl0ud-init-pass")
    qtbot.keyClicks(k8s.password, secret)
    assert k8s.password.echoMode() == QLineEdit.EchoMode.Password
    assert save(qtbot, k8s) == {"cipassword": secret}
    stored = demo.pve.vm(108).config["cipassword"]
    assert stored.startswith("$6$") and secret not in stored  # hashed by the server (Linux guest)
    assert proxmox(demo).nodes("pve1").qemu(108).config.get()["cipassword"] == CI.MASKED_PASSWORD
    assert k8s.password.text() == "" and "set" in k8s.password_state.text()
    shown = [w.text() for w in k8s.findChildren(QLineEdit)] + [w.text() for w in k8s.findChildren(QLabel)]
    shown += [w.toPlainText() for w in k8s.findChildren(QPlainTextEdit)]
    assert not any(secret in text or stored in text for text in shown)
    # Remove it: only the delete goes out.
    qtbot.mouseClick(k8s.remove_password, Qt.MouseButton.LeftButton)
    assert not k8s.password.isEnabled()
    assert save(qtbot, k8s) == {"delete": "cipassword"}
    assert "cipassword" not in proxmox(demo).nodes("pve1").qemu(108).config.get()
    assert "No password" in k8s.password_state.text() and not k8s.remove_password.isEnabled()


def test_injection_in_ip_and_dns_fields_is_refused_and_nothing_written(qtbot, demo, k8s):
    before = len(cloudinit_writes(demo, 108))
    ip0 = k8s.ip_editors["ipconfig0"]
    retype(qtbot, ip0.ip, "10.20.0.21/24,gw=6.6.6.6")
    assert shown(ip0.errors["ip"]) and not k8s.save_button.isEnabled()
    retype(qtbot, ip0.ip, "10.20.0.21/24")
    retype(qtbot, ip0.gw, "10.20.0.1,ip6=dhcp")
    assert shown(ip0.errors["gw"]) and not k8s.save_button.isEnabled()
    retype(qtbot, ip0.gw, "10.20.0.1")
    retype(qtbot, k8s.servers, "1.1.1.1,ip=dhcp")
    assert shown(k8s.errors["servers"]) and not k8s.save_button.isEnabled()
    retype(qtbot, k8s.servers, "10.20.0.2 10.20.0.3")
    retype(qtbot, k8s.user, "root,cipassword=x")
    assert shown(k8s.errors["user"]) and not k8s.save_button.isEnabled()
    k8s.save()  # even when called directly: nothing goes out
    assert len(cloudinit_writes(demo, 108)) == before
    assert k8s.user.text() == "root,cipassword=x"  # the input stays as typed


def test_a_server_refusal_is_shown_and_the_input_kept(qtbot, demo, k8s):
    demo.pve.fail("PUT", "/nodes/pve1/qemu/108/config", 400, "Parameter verification failed.")
    retype(qtbot, k8s.domain, "lab.example")
    qtbot.mouseClick(k8s.save_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not k8s._busy and shown(k8s.status), timeout=10000)
    assert "verification" in k8s.status.text() and k8s.domain.text() == "lab.example" and k8s.dirty
    demo.pve.failures.clear()


def test_a_vm_without_drive_gets_one_on_the_chosen_storage(qtbot, demo, session):
    view = cloudinit_tab(qtbot, open_page(qtbot, session, make_model(session), 101))
    assert view.drive is None and view.no_drive.isVisibleTo(view) and not view.save_button.isEnabled()
    qtbot.waitUntil(lambda: view.storage.count() > 0, timeout=10000)
    view.storage.setCurrentIndex(view.storage.findData("local-lvm"))
    assert view.add_drive_button.isEnabled()
    qtbot.mouseClick(view.add_drive_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: view.drive is not None, timeout=10000)
    config = proxmox(demo).nodes("pve1").qemu(101).config.get()
    assert config[view.drive] == "local-lvm:vm-101-cloudinit,media=cdrom" and view.no_drive.isHidden()


@pytest.fixture
def login_window(qtbot, demo):
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
        qtbot.waitUntil(lambda: window.clusters.permissions.known("demo"), timeout=10000)
        return window

    yield make
    for window in made:
        for session in window.clusters.sessions():
            session.close()


def test_logins_without_the_privilege_see_it_disabled_with_the_privilege_named(qtbot, login_window):
    auditor = login_window("auditor")
    view = cloudinit_tab(qtbot, auditor.open_detail(auditor.model.get(("demo", 108))))
    assert not view.user.isEnabled() and not view.save_button.isEnabled()
    assert view.save_button.toolTip() == (
        "You lack one of VM.Config.Cloudinit, VM.Config.Network on /vms/108 (or its pool)")
    assert not view.regenerate_button.isEnabled()
    assert view.regenerate_button.toolTip() == "You lack VM.Config.Cloudinit on /vms/108 (or its pool)"
    # The token's own ACL gives it only PVEAuditor on the pool: the intersection lacks it too.
    token = login_window("token")
    view = cloudinit_tab(qtbot, token.open_detail(token.model.get(("demo", 112))))
    assert not view.regenerate_button.isEnabled() and "VM.Config.Cloudinit" in view.regenerate_button.toolTip()


def test_operator_edits_cloudinit_of_a_pool_guest_as_pve_allows(qtbot, demo, login_window):
    # PVEVMUser holds VM.Config.Cloudinit: PVE lets the operator edit cloud-init on team-a's guests.
    operator = login_window("operator")
    view = cloudinit_tab(qtbot, operator.open_detail(operator.model.get(("demo", 112))))
    assert view.user.isEnabled() and view.regenerate_button.isEnabled()
    retype(qtbot, view.user, "operator-dev")
    assert save(qtbot, view) == {"ciuser": "operator-dev"}
    assert proxmox(demo).nodes("pve2").qemu(112).config.get()["ciuser"] == "operator-dev"
    # A stopped VM records nothing: its image is written at start.
    assert view.pending_box.ids == [] and "starts" in view.status.text()


def test_the_demo_keeps_the_pending_list_as_qemu_server_does(demo):
    vm = proxmox(demo).nodes("pve1").qemu(108)

    def pending():
        return {i["key"]: i for i in vm.cloudinit.get() if "pending" in i or i.get("delete")}

    vm.config.put(delete="searchdomain", ciuser="root")
    assert pending()["searchdomain"] == {"key": "searchdomain", "delete": 1}
    assert pending()["ciuser"] == {"key": "ciuser", "value": "ubuntu", "pending": "root"}
    vm.config.put(ciuser="ubuntu")  # back to what the image has: no longer pending
    assert "ciuser" not in pending()
    assert "disable_root" not in vm.cloudinit.dump.get(type="user")
    vm.status.reboot.post()  # a start writes the image: nothing pending afterwards
    assert pending() == {}
    assert demo.pve.vm(108).pending == {}  # the keys never waited for a reboot (fast-plugged)
    # A stopped VM records nothing: its image is written when it starts.
    stopped = proxmox(demo).nodes("pve2").qemu(112)
    stopped.config.put(ciuser="someone", ipconfig0="ip=dhcp")
    assert [i for i in stopped.cloudinit.get() if "pending" in i or i.get("delete")] == []


def test_guest_text_stays_plain_and_every_control_is_named(qtbot, demo, session):
    hostile = "<b>bold</b>&amp;<img src=x>"
    proxmox(demo).nodes("pve1").qemu(108).config.put(ciuser=hostile, cicustom="user=local:snippets/<i>u</i>.yaml")
    page = open_page(qtbot, session, make_model(session), 108, show=True)
    view = cloudinit_tab(qtbot, page)
    assert view.user.text() == hostile and shown(view.errors["user"])  # shown as typed, refused for saving
    assert view.pending_box.row("ciuser")[3] == hostile
    assert view.other.text() == "Custom files: user=local:snippets/<i>u</i>.yaml" and shown(view.other)
    assert unnamed_widgets(view) == []


def test_a_reboot_of_the_vm_empties_the_pending_list_on_screen(qtbot, session, k8s):
    assert k8s.pending_box.ids == ["nameserver"]
    answer(qtbot, session.run(pve_api.power(k8s.instance, "reboot")))  # the start writes the image
    qtbot.waitUntil(lambda: k8s.pending_box.ids == [], timeout=10000)
